/* wm-application.c — the Waymark application: settings, actions, windows
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * WmApplication owns the GSettings and hands it to every window it makes
 * as a construct-only property; a test constructs the application with a
 * "settings" of its own (a memory backend) and gets the same wiring. The
 * application-wide actions are app.preferences, app.about and app.quit;
 * win.show-help-overlay comes from GtkApplication, which finds
 * gtk/help-overlay.ui under the resource base path.
 */

#define G_LOG_DOMAIN "wm-application"

#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>

#include "wm-application.h"
#include "wm-preferences-window.h"
#include "wm-resources.h"
#include "wm-window.h"

struct _WmApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;
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
  WmPreferencesWindow *preferences;

  preferences = wm_preferences_window_new (self->settings);
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
  { .name = "about", .activate = about_activated_cb },
  { .name = "quit", .activate = quit_activated_cb },
};

static void
wm_application_startup (GApplication *application)
{
  WmApplication *self = WM_APPLICATION (application);
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };
  static const char *help_overlay_accels[] = { "<Control>question", NULL };

  G_APPLICATION_CLASS (wm_application_parent_class)->startup (application);

  g_action_map_add_action_entries (G_ACTION_MAP (self),
                                   app_entries, G_N_ELEMENTS (app_entries),
                                   self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences",
                                         preferences_accels);
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
    window = wm_window_new (self, self->settings);

  gtk_window_present (GTK_WINDOW (window));
}

static void
wm_application_constructed (GObject *object)
{
  WmApplication *self = WM_APPLICATION (object);

  G_OBJECT_CLASS (wm_application_parent_class)->constructed (object);

  if (self->settings == NULL)
    self->settings = g_settings_new (APPLICATION_ID);
}

static void
wm_application_dispose (GObject *object)
{
  WmApplication *self = WM_APPLICATION (object);

  g_clear_object (&self->settings);

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

  /**
   * WmApplication:settings:
   *
   * The org.waymark.Waymark settings every window binds to. When none is
   * given at construction, the application opens the default one.
   */
  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL,
                         G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
wm_application_init (WmApplication *self)
{
  /* Before startup, where AdwApplication and GtkApplication look for the
   * style sheet, the shortcuts window and the icons in the resources. */
  wm_resources_register ();
}

/**
 * wm_application_new:
 *
 * Returns: (transfer full): the Waymark application, with the default
 *   settings
 */
WmApplication *
wm_application_new (void)
{
  return g_object_new (WM_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
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
