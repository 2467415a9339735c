/* wm-application.c — the Waymark application: settings, actions, windows
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * WmApplication owns the GSettings and the open database, and hands them
 * to every window it makes as construct-only properties; a test constructs
 * the application with a "settings" of its own (a memory backend) and gets
 * the same wiring. The application-wide actions are app.preferences,
 * app.about and app.quit; win.show-help-overlay comes from GtkApplication,
 * which finds gtk/help-overlay.ui under the resource base path.
 *
 * The command line is handled in the primary instance, so that
 * "waymark --database FILE" reaches a Waymark that is already running:
 * --version is answered locally, --database names the organisation's file
 * (relative to the caller's folder), and without it the default file is
 * opened when it exists.
 */

#define G_LOG_DOMAIN "wm-application"

#include "config.h"

#include <stdlib.h>

#include <glib/gi18n.h>
#include <adwaita.h>

#include "wm-accessible.h"
#include "wm-application.h"
#include "wm-context.h"
#include "wm-demo-database.h"
#include "wm-preferences-window.h"
#include "wm-resources.h"
#include "wm-store.h"
#include "wm-window.h"

struct _WmApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;
  WmStore        *store;
  GError         *store_error;   /* why the default database did not open */
  GPtrArray      *demo_paths;    /* demonstration databases to delete at quit */
};

G_DEFINE_FINAL_TYPE (WmApplication, wm_application, ADW_TYPE_APPLICATION)

enum {
  PROP_0,
  PROP_SETTINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static WmWindow *
find_main_window (WmApplication *self)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; l = l->next)
    {
      if (WM_IS_WINDOW (l->data))
        return l->data;
    }

  return NULL;
}

static void
preferences_activated_cb (GSimpleAction *action,
                          GVariant      *parameter,
                          gpointer       user_data)
{
  WmApplication *self = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  WmPreferencesWindow *preferences;

  preferences = wm_preferences_window_new (self->settings,
                                           WM_IS_WINDOW (window) ? wm_window_get_context (WM_WINDOW (window)) : NULL);
  gtk_window_set_transient_for (GTK_WINDOW (preferences),
                                gtk_application_get_active_window (GTK_APPLICATION (self)));
  gtk_window_present (GTK_WINDOW (preferences));
}

static void
about_activated_cb (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  WmApplication *self = user_data;
  const char *developers[] = { _("The Waymark authors"), NULL };
  GtkWindow *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (GTK_APPLICATION (self)),
                        "modal", TRUE,
                        "destroy-with-parent", TRUE,
                        "application-name", "Waymark",
                        "application-icon", APPLICATION_ID,
                        "version", PACKAGE_VERSION,
                        "developer-name", _("The Waymark authors"),
                        "developers", developers,
                        "copyright", _("© 2026 The Waymark authors"),
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "website", PACKAGE_WEBSITE,
                        /* Translators: your names, one a line, to thank you in the About window. */
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (about);
}

/**
 * wm_application_show_store:
 * @store: an open database
 * @demo_hint: (nullable): for demonstration data, how to sign in
 *
 * Shows @store in a new window with a context of its own, and closes the
 * window that was open: its session ends, its keys are wiped, and nothing
 * it showed carries over to the other organisation.
 */
void
wm_application_show_store (WmApplication *self,
                           WmStore       *store,
                           const char    *demo_hint)
{
  g_autoptr(WmContext) context = NULL;
  WmWindow *old_window;
  WmWindow *window;

  g_return_if_fail (WM_IS_APPLICATION (self));
  g_return_if_fail (WM_IS_STORE (store));

  old_window = find_main_window (self);
  /* A demonstration database lives in a private temporary folder and is
   * deleted at quit, when its window and context have closed it. */
  if (demo_hint != NULL)
    g_ptr_array_add (self->demo_paths, g_strdup (wm_store_get_path (store)));
  context = wm_context_new (store);
  window = wm_window_new (self, self->settings, context, NULL, demo_hint);
  gtk_window_present (GTK_WINDOW (window));
  if (old_window != NULL)
    gtk_window_destroy (GTK_WINDOW (old_window));
}

static void
database_chosen_cb (GtkNativeDialog *chooser,
                    int              response,
                    WmApplication   *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(WmStore) store = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      path = g_file_get_path (file);
    }
  g_object_unref (chooser);
  if (path == NULL)
    return;

  /* Opening checks the file's header and schema only: quick, and it must
   * finish before there is a context to hand the store to. */
  store = wm_store_open (path, &error);
  if (store == NULL)
    {
      GtkWidget *dialog = adw_message_dialog_new (gtk_application_get_active_window (GTK_APPLICATION (self)),
                                                  _("The Database Could Not Be Opened"), error->message);

      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      wm_accessible_name_mnemonic_buttons (dialog);
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }
  wm_application_show_store (self, store, NULL);
}

static void
open_database_activated_cb (GSimpleAction *action,
                            GVariant      *parameter,
                            gpointer       user_data)
{
  WmApplication *self = user_data;
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (_("Open Database"),
                                         gtk_application_get_active_window (GTK_APPLICATION (self)),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Waymark databases"));
  gtk_file_filter_add_pattern (filter, "*.db");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (database_chosen_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
quit_activated_cb (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  WmApplication *self = user_data;
  GList *windows;

  /* Destroy the windows rather than calling g_application_quit(), so each
   * one disposes of what it holds; the application ends with the last. */
  while ((windows = gtk_application_get_windows (GTK_APPLICATION (self))))
    gtk_window_destroy (windows->data);
}

static const GActionEntry app_entries[] = {
  { .name = "preferences", .activate = preferences_activated_cb },
  { .name = "open-database", .activate = open_database_activated_cb },
  { .name = "about", .activate = about_activated_cb },
  { .name = "quit", .activate = quit_activated_cb },
};

static void
wm_application_startup (GApplication *application)
{
  WmApplication *self = WM_APPLICATION (application);
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };
  static const char *open_accels[] = { "<Control>o", NULL };
  static const char *help_overlay_accels[] = { "<Control>question", NULL };

  G_APPLICATION_CLASS (wm_application_parent_class)->startup (application);
  wm_accessible_name_toasts ();

  g_action_map_add_action_entries (G_ACTION_MAP (self),
                                   app_entries, G_N_ELEMENTS (app_entries),
                                   self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences",
                                         preferences_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.open-database", open_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.show-help-overlay",
                                         help_overlay_accels);
}

static void
wm_application_activate (GApplication *application)
{
  WmApplication *self = WM_APPLICATION (application);
  WmWindow *window;

  window = find_main_window (self);
  if (window == NULL)
    {
      g_autoptr(WmContext) context = wm_context_new (self->store);

      /* From here the store belongs to the context and its thread. */
      g_clear_object (&self->store);
      window = wm_window_new (self, self->settings, context, self->store_error, NULL);
    }

  gtk_window_present (GTK_WINDOW (window));
}

static void
wm_application_shutdown (GApplication *application)
{
  WmApplication *self = WM_APPLICATION (application);

  G_APPLICATION_CLASS (wm_application_parent_class)->shutdown (application);

  /* The windows are gone, and with them the contexts that held the demo
   * databases open. */
  for (guint i = 0; i < self->demo_paths->len; i++)
    {
      g_autoptr(GError) error = NULL;

      if (!wm_demo_database_remove (g_ptr_array_index (self->demo_paths, i), &error))
        g_warning ("A demonstration database was not deleted: %s", error->message);
    }
  g_ptr_array_set_size (self->demo_paths, 0);
}

static gint
wm_application_handle_local_options (GApplication *application,
                                     GVariantDict *options)
{
  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("Waymark %s\n", PACKAGE_VERSION);
      return EXIT_SUCCESS;
    }

  /* Everything else is for the primary instance's command-line handler. */
  return -1;
}

/* The file --database names, resolved against the folder of the command
 * that gave it, or the default file when there is one. */
static char *
dup_database_path (GApplicationCommandLine *command_line,
                   gboolean                *out_explicit)
{
  GVariantDict *options = g_application_command_line_get_options_dict (command_line);
  const char *given = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *default_path = NULL;

  *out_explicit = g_variant_dict_lookup (options, "database", "^&ay", &given);
  if (*out_explicit)
    {
      file = g_application_command_line_create_file_for_arg (command_line, given);
      return g_file_get_path (file);
    }

  default_path = wm_store_dup_default_path ();
  if (g_file_test (default_path, G_FILE_TEST_EXISTS))
    return g_steal_pointer (&default_path);
  return NULL;
}

static int
wm_application_command_line (GApplication            *application,
                             GApplicationCommandLine *command_line)
{
  WmApplication *self = WM_APPLICATION (application);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  gboolean explicit = FALSE;
  WmStore *store;

  path = dup_database_path (command_line, &explicit);

  if (find_main_window (self) != NULL)
    {
      /* Changing databases under a window that may hold decrypted records
       * is for the window to offer, not for a second command line. */
      if (explicit)
        {
          g_application_command_line_printerr (command_line, "waymark: %s\n",
                                               _("Waymark is already running. Close it, then "
                                                 "open the other database."));
          return EXIT_FAILURE;
        }
      g_application_activate (application);
      return EXIT_SUCCESS;
    }

  if (path != NULL)
    {
      store = wm_store_open (path, &error);
      if (store == NULL && explicit)
        {
          g_application_command_line_printerr (command_line, "waymark: %s\n", error->message);
          return EXIT_FAILURE;
        }
      g_clear_object (&self->store);
      g_clear_error (&self->store_error);
      self->store = store;
      self->store_error = g_steal_pointer (&error);
    }

  g_application_activate (application);
  return EXIT_SUCCESS;
}

static void
wm_application_constructed (GObject *object)
{
  WmApplication *self = WM_APPLICATION (object);

  G_OBJECT_CLASS (wm_application_parent_class)->constructed (object);

  /* main() looks the schema up so that a missing one is a message, and
   * the tests bring settings on a memory backend. */
  g_assert (G_IS_SETTINGS (self->settings));
}

static void
wm_application_dispose (GObject *object)
{
  WmApplication *self = WM_APPLICATION (object);

  g_clear_object (&self->settings);
  g_clear_object (&self->store);
  g_clear_error (&self->store_error);
  g_clear_pointer (&self->demo_paths, g_ptr_array_unref);

  G_OBJECT_CLASS (wm_application_parent_class)->dispose (object);
}

static void
wm_application_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  WmApplication *self = WM_APPLICATION (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wm_application_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  WmApplication *self = WM_APPLICATION (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wm_application_class_init (WmApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *application_class = G_APPLICATION_CLASS (klass);

  object_class->constructed = wm_application_constructed;
  object_class->dispose = wm_application_dispose;
  object_class->get_property = wm_application_get_property;
  object_class->set_property = wm_application_set_property;

  application_class->startup = wm_application_startup;
  application_class->activate = wm_application_activate;
  application_class->shutdown = wm_application_shutdown;
  application_class->handle_local_options = wm_application_handle_local_options;
  application_class->command_line = wm_application_command_line;

  /**
   * WmApplication:settings:
   *
   * The org.waymark.Waymark settings every window binds to.
   */
  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL,
                         G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static const GOptionEntry option_entries[] = {
  { "database", 'd', G_OPTION_FLAG_NONE, G_OPTION_ARG_FILENAME, NULL,
    N_("The organisation’s database file"), N_("FILE") },
  { "version", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, NULL,
    N_("Print the version and exit"), NULL },
  G_OPTION_ENTRY_NULL
};

static void
wm_application_init (WmApplication *self)
{
  /* Before startup, where AdwApplication and GtkApplication look for the
   * style sheet, the shortcuts window and the icons in the resources. */
  wm_resources_register ();
  self->demo_paths = g_ptr_array_new_with_free_func (g_free);

  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Guides caseworkers through assessments, "
                                              "contacts and referrals, and keeps every record "
                                              "encrypted."));
}

/**
 * wm_application_new:
 * @settings: the org.waymark.Waymark settings (wm_settings_new())
 *
 * Returns: (transfer full): the Waymark application
 */
WmApplication *
wm_application_new (GSettings *settings)
{
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  return g_object_new (WM_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_HANDLES_COMMAND_LINE,
                       "settings", settings,
                       NULL);
}

/**
 * wm_application_get_settings:
 * @self: a #WmApplication
 *
 * Returns: (transfer none): the settings the application's windows bind to
 */
GSettings *
wm_application_get_settings (WmApplication *self)
{
  g_return_val_if_fail (WM_IS_APPLICATION (self), NULL);

  return self->settings;
}
