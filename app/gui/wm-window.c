/* wm-window.c — the main window
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window is a container: it shows pages and does no I/O. It is given
 * the organisation's database the application opened, or why it could not
 * be opened, at construction. Until sign-in arrives here, it shows one of
 * three pages: the empty state, which tells the administrator how to
 * create a database; the open database, with the command that signs in to
 * it; or the error. Its size and maximised state live in the settings it is
 * given at construction.
 */

#define G_LOG_DOMAIN "wm-window"

#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>

#include "wm-store.h"
#include "wm-window.h"

struct _WmWindow
{
  AdwApplicationWindow  parent_instance;

  GSettings            *settings;
  WmStore              *store;
  GError               *open_error;

  GtkStack             *stack;
  AdwStatusPage        *database_page;
  GtkLabel             *database_command_label;
  AdwStatusPage        *error_page;
};

G_DEFINE_FINAL_TYPE (WmWindow, wm_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_SETTINGS,
  PROP_STORE,
  PROP_OPEN_ERROR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Shows the page @name. The others are hidden as well as covered: GTK 4.8
 * tells accessibility clients that a stack's covered pages are visible,
 * and a screen reader would read them out. */
static void
show_page (WmWindow   *self,
           const char *name)
{
  g_autoptr(GtkSelectionModel) pages = gtk_stack_get_pages (self->stack);
  guint n_pages = g_list_model_get_n_items (G_LIST_MODEL (pages));

  for (guint i = 0; i < n_pages; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (pages), i);
      GtkStackPage *page = GTK_STACK_PAGE (item);

      gtk_widget_set_visible (gtk_stack_page_get_child (page),
                              g_strcmp0 (gtk_stack_page_get_name (page), name) == 0);
    }
  gtk_stack_set_visible_child_name (self->stack, name);
}

static void
show_database (WmWindow *self)
{
  g_autofree char *quoted_path = g_shell_quote (wm_store_get_path (self->store));
  g_autofree char *command = NULL;

  /* Translators: a command to type in a terminal; %s is the database's
   * path. Translate only NAME. */
  command = g_strdup_printf (_("waymark-cli --database %s --user NAME list"), quoted_path);
  adw_status_page_set_title (self->database_page, wm_store_get_organisation (self->store));
  gtk_label_set_label (self->database_command_label, command);
  show_page (self, "database");
}

static void
wm_window_constructed (GObject *object)
{
  WmWindow *self = WM_WINDOW (object);

  G_OBJECT_CLASS (wm_window_parent_class)->constructed (object);

  g_assert (G_IS_SETTINGS (self->settings));

  if (self->store != NULL)
    {
      show_database (self);
    }
  else if (self->open_error != NULL)
    {
      adw_status_page_set_description (self->error_page, self->open_error->message);
      show_page (self, "error");
    }
  else
    {
      show_page (self, "empty");
    }

  /* GtkWindow keeps default-width and default-height at the size the user
   * last gave the window while it was neither maximised nor fullscreen, so
   * binding both ways restores the size and the state separately. */
  g_settings_bind (self->settings, "window-width",
                   self, "default-width",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-height",
                   self, "default-height",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-maximized",
                   self, "maximized",
                   G_SETTINGS_BIND_DEFAULT);
}

static void
wm_window_dispose (GObject *object)
{
  WmWindow *self = WM_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), WM_TYPE_WINDOW);
  g_clear_object (&self->settings);
  g_clear_object (&self->store);
  g_clear_error (&self->open_error);

  G_OBJECT_CLASS (wm_window_parent_class)->dispose (object);
}

static void
wm_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  WmWindow *self = WM_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;

    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_OPEN_ERROR:
      g_value_set_boxed (value, self->open_error);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wm_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  WmWindow *self = WM_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;

    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    case PROP_OPEN_ERROR:
      self->open_error = g_value_dup_boxed (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wm_window_class_init (WmWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = wm_window_constructed;
  object_class->dispose = wm_window_dispose;
  object_class->get_property = wm_window_get_property;
  object_class->set_property = wm_window_set_property;

  /**
   * WmWindow:settings:
   *
   * The org.waymark.Waymark settings that keep the window's size and state.
   */
  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL,
                         G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * WmWindow:store:
   *
   * The organisation's database, or %NULL when none is open.
   */
  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         WM_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * WmWindow:open-error:
   *
   * Why the organisation's database could not be opened, or %NULL.
   */
  properties[PROP_OPEN_ERROR] =
    g_param_spec_boxed ("open-error", NULL, NULL,
                        G_TYPE_ERROR,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/waymark/Waymark/wm-window.ui");
  gtk_widget_class_bind_template_child (widget_class, WmWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, WmWindow, database_page);
  gtk_widget_class_bind_template_child (widget_class, WmWindow, database_command_label);
  gtk_widget_class_bind_template_child (widget_class, WmWindow, error_page);
  /* Named, not stored: the window's code does not touch them, but
   * gtk_widget_get_template_child() finds them for the widget tests. */
  gtk_widget_class_bind_template_child_full (widget_class, "empty_page", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "primary_menu_button", FALSE, 0);
}

static void
wm_window_init (WmWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * wm_window_new:
 * @application: the application the window belongs to
 * @settings: the org.waymark.Waymark settings that keep its size and state
 * @store: (nullable): the organisation's database, when one is open
 * @open_error: (nullable): why the database could not be opened
 *
 * Returns: (transfer none): a new main window, owned by @application
 */
WmWindow *
wm_window_new (WmApplication *application,
               GSettings     *settings,
               WmStore       *store,
               const GError  *open_error)
{
  g_return_val_if_fail (WM_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);
  g_return_val_if_fail (store == NULL || WM_IS_STORE (store), NULL);

  return g_object_new (WM_TYPE_WINDOW,
                       "application", application,
                       "settings", settings,
                       "store", store,
                       "open-error", open_error,
                       NULL);
}

/**
 * wm_window_get_settings:
 * @self: a #WmWindow
 *
 * Returns: (transfer none): the settings the window was constructed with
 */
GSettings *
wm_window_get_settings (WmWindow *self)
{
  g_return_val_if_fail (WM_IS_WINDOW (self), NULL);

  return self->settings;
}
