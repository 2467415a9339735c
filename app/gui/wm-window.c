/* wm-window.c — the main window
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window is a container: it shows pages and does no I/O. Until an
 * organisation database can be opened from here, its only page is the empty
 * state, which tells the administrator how to create one. Its size and
 * maximised state live in the settings it is given at construction.
 */

#define G_LOG_DOMAIN "wm-window"

#include "config.h"

#include <adwaita.h>

#include "wm-window.h"

struct _WmWindow
{
  AdwApplicationWindow  parent_instance;

  GSettings            *settings;
};

G_DEFINE_FINAL_TYPE (WmWindow, wm_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_SETTINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
wm_window_constructed (GObject *object)
{
  WmWindow *self = WM_WINDOW (object);

  G_OBJECT_CLASS (wm_window_parent_class)->constructed (object);

  g_assert (G_IS_SETTINGS (self->settings));

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

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/waymark/Waymark/wm-window.ui");
  /* Named, not stored: the window's code does not touch them yet, but
   * gtk_widget_get_template_child() finds them for the widget tests. */
  gtk_widget_class_bind_template_child_full (widget_class, "stack", FALSE, 0);
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
 *
 * Returns: (transfer none): a new main window, owned by @application
 */
WmWindow *
wm_window_new (WmApplication *application,
               GSettings     *settings)
{
  g_return_val_if_fail (WM_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  return g_object_new (WM_TYPE_WINDOW,
                       "application", application,
                       "settings", settings,
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
