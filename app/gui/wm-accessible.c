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
 */

#include "config.h"

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
