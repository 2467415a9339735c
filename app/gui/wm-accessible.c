/* wm-accessible.c — names screen readers can say, where GTK 4.8 gets them wrong
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GTK 4.8 names a button made with a mnemonic label ("_Save") after both
 * its label property and the label inside it, so an AT-SPI client reads
 * "_Save Save", underscore and all. (An explicit accessible label is added
 * to the two, not put in their place.) Read over AT-SPI with pyatspi: a
 * button whose labelled-by relation is reset and whose label is set says
 * "Save". Each window and page calls this on itself after building its
 * template; tests/gui/test-desk-a11y.py checks the names from outside.
 *
 * Also learnt the same way, and followed in the .ui files: a field with a
 * mnemonic label, or a switch that is a row's activatable widget, is named
 * by that label already; giving it an accessible label as well doubles the
 * name ("Note Note").
 *
 * A stack's covered pages: GTK 4.8 tells accessibility clients they are
 * visible, so a screen reader would read them out. The pages not shown
 * are hidden as well as covered (wm_accessible_show_stack_page()).
 *
 * And libadwaita 1.2's toast: its close button is an icon with no name, so
 * a screen reader reads "GtkImage" beside every message Waymark shows.
 * The toast's widget is private and made each time a toast is shown, so
 * it is named as it maps (wm_accessible_name_toasts()).
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "wm-accessible.h"

static char *
strip_mnemonic (const char *label)
{
  GString *text = g_string_sized_new (strlen (label));

  for (const char *p = label; *p != '\0'; p++)
    {
      /* "__" is a literal underscore; "_x" marks x. */
      if (*p == '_' && p[1] == '_')
        p++;
      else if (*p == '_')
        continue;
      g_string_append_c (text, *p);
    }
  return g_string_free (text, FALSE);
}

/**
 * wm_accessible_name_mnemonic_buttons:
 * @root: a widget whose buttons to name, itself included
 *
 * Gives every button under @root that shows a mnemonic label the label's
 * text, without the underscore, as its one accessible name.
 */
void
wm_accessible_name_mnemonic_buttons (GtkWidget *root)
{
  g_return_if_fail (GTK_IS_WIDGET (root));

  if (GTK_IS_BUTTON (root) && gtk_button_get_use_underline (GTK_BUTTON (root))
      && gtk_button_get_label (GTK_BUTTON (root)) != NULL)
    {
      g_autofree char *name = strip_mnemonic (gtk_button_get_label (GTK_BUTTON (root)));

      gtk_accessible_reset_relation (GTK_ACCESSIBLE (root), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
      gtk_accessible_update_property (GTK_ACCESSIBLE (root), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
    }
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    wm_accessible_name_mnemonic_buttons (child);
}

static void
name_close_buttons (GtkWidget *widget)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_icon_name (GTK_BUTTON (widget)), "window-close-symbolic") == 0)
    gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Dismiss"), -1);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    name_close_buttons (child);
}

static gboolean
widget_mapped_hook (GSignalInvocationHint *hint,
                    guint                  n_values,
                    const GValue          *values,
                    gpointer               user_data)
{
  static GType toast_type = G_TYPE_INVALID;
  GObject *widget = g_value_get_object (&values[0]);

  /* Every widget that maps passes here: a type comparison, once the type
   * exists (libadwaita registers it with the first toast). */
  if (toast_type == G_TYPE_INVALID)
    toast_type = g_type_from_name ("AdwToastWidget");
  if (toast_type != G_TYPE_INVALID && widget != NULL && G_OBJECT_TYPE (widget) == toast_type)
    name_close_buttons (GTK_WIDGET (widget));
  return TRUE;  /* stays for the next toast */
}

/**
 * wm_accessible_name_toasts:
 *
 * From now on, names the close button of every toast as it is shown
 * ("Dismiss"). Called once, at start-up; calling it again does nothing.
 */
void
wm_accessible_name_toasts (void)
{
  static gsize installed = 0;

  if (g_once_init_enter (&installed))
    {
      /* The signal exists once the class does; it is kept for good. */
      g_type_class_ref (GTK_TYPE_WIDGET);
      g_signal_add_emission_hook (g_signal_lookup ("map", GTK_TYPE_WIDGET), 0, widget_mapped_hook, NULL, NULL);
      g_once_init_leave (&installed, 1);
    }
}

/**
 * wm_accessible_show_stack_page:
 * @stack: a stack
 * @name: the page to show
 *
 * Shows the page @name and hides the others, so that a screen reader
 * reads only the page on the screen.
 */
void
wm_accessible_show_stack_page (GtkStack   *stack,
                               const char *name)
{
  g_autoptr(GtkSelectionModel) pages = NULL;

  g_return_if_fail (GTK_IS_STACK (stack));

  pages = gtk_stack_get_pages (stack);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (pages)); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (pages), i);
      GtkStackPage *page = GTK_STACK_PAGE (item);

      gtk_widget_set_visible (gtk_stack_page_get_child (page),
                              g_strcmp0 (gtk_stack_page_get_name (page), name) == 0);
    }
  gtk_stack_set_visible_child_name (stack, name);
}
