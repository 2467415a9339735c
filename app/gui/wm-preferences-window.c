/* wm-preferences-window.c — the Preferences window
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every row is bound to its key with g_settings_bind(), so the window holds
 * no state of its own and a change shows at once in any other window.
 */

#define G_LOG_DOMAIN "wm-preferences-window"

#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>

#include "wm-preferences-window.h"

struct _WmPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  GSettings            *settings;

  /* Template children */
  GtkSpinButton        *idle_lock_spin_button;
  AdwPreferencesPage   *general_page;
  GtkWidget            *review_spin_buttons[4];
};

G_DEFINE_FINAL_TYPE (WmPreferencesWindow, wm_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

enum {
  PROP_0,
  PROP_SETTINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void add_review_group (WmPreferencesWindow *self);

static void
wm_preferences_window_constructed (GObject *object)
{
  WmPreferencesWindow *self = WM_PREFERENCES_WINDOW (object);

  G_OBJECT_CLASS (wm_preferences_window_parent_class)->constructed (object);

  g_assert (G_IS_SETTINGS (self->settings));

  /* The key is an unsigned integer and the spin button's value a double;
   * GSettings converts between them, and the schema's range (1 to 120)
   * matches the adjustment's. */
  g_settings_bind (self->settings, "idle-lock-minutes",
                   self->idle_lock_spin_button, "value",
                   G_SETTINGS_BIND_DEFAULT);
  add_review_group (self);
}

/* How many weeks after an assessment its next review is proposed, by the
 * highest risk judged (wm_assessment_default_next_review()). */
static const struct
{
  const char *key;
  const char *title;
} review_keys[] = {
  { "review-weeks-very-high", N_("Very high risk") },
  { "review-weeks-high", N_("High risk") },
  { "review-weeks-medium", N_("Medium risk") },
  { "review-weeks-low", N_("Low risk") },
};

static void
add_review_group (WmPreferencesWindow *self)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Reviews"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("Weeks from an assessment to the review it proposes, by the "
                                           "highest risk judged"));
  for (guint i = 0; i < G_N_ELEMENTS (review_keys); i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *spin = gtk_spin_button_new_with_range (1, 52, 1);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(review_keys[i].title));
      gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
      /* Named by the row it activates (see wm-accessible.c). */
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), spin);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
      g_settings_bind (self->settings, review_keys[i].key, spin, "value", G_SETTINGS_BIND_DEFAULT);
      self->review_spin_buttons[i] = spin;
    }
  adw_preferences_page_add (self->general_page, ADW_PREFERENCES_GROUP (group));
}

static void
wm_preferences_window_dispose (GObject *object)
{
  WmPreferencesWindow *self = WM_PREFERENCES_WINDOW (object);

  /* libadwaita 1.2's AdwPreferencesWindow never frees its groups, and so
   * their rows: unbind now, or a leaked spin button would keep the settings
   * alive and still write to them. G_SETTINGS_BIND_DEFAULT also bound
   * "sensitive" to the key's writability. */
  if (self->idle_lock_spin_button != NULL)
    {
      g_settings_unbind (self->idle_lock_spin_button, "value");
      g_settings_unbind (self->idle_lock_spin_button, "sensitive");
    }
  for (guint i = 0; i < G_N_ELEMENTS (self->review_spin_buttons); i++)
    if (self->review_spin_buttons[i] != NULL)
      {
        g_settings_unbind (self->review_spin_buttons[i], "value");
        g_settings_unbind (self->review_spin_buttons[i], "sensitive");
        self->review_spin_buttons[i] = NULL;
      }

  gtk_widget_dispose_template (GTK_WIDGET (self), WM_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (wm_preferences_window_parent_class)->dispose (object);
}

static void
wm_preferences_window_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  WmPreferencesWindow *self = WM_PREFERENCES_WINDOW (object);

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
wm_preferences_window_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  WmPreferencesWindow *self = WM_PREFERENCES_WINDOW (object);

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
wm_preferences_window_class_init (WmPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = wm_preferences_window_constructed;
  object_class->dispose = wm_preferences_window_dispose;
  object_class->get_property = wm_preferences_window_get_property;
  object_class->set_property = wm_preferences_window_set_property;

  /**
   * WmPreferencesWindow:settings:
   *
   * The org.waymark.Waymark settings the rows are bound to.
   */
  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL,
                         G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/waymark/Waymark/wm-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, WmPreferencesWindow, idle_lock_spin_button);
  gtk_widget_class_bind_template_child (widget_class, WmPreferencesWindow, general_page);
}

static void
wm_preferences_window_init (WmPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * wm_preferences_window_new:
 * @settings: the org.waymark.Waymark settings to show and change
 *
 * Returns: (transfer none): a new Preferences window
 */
WmPreferencesWindow *
wm_preferences_window_new (GSettings *settings)
{
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  return g_object_new (WM_TYPE_PREFERENCES_WINDOW,
                       "settings", settings,
                       NULL);
}

/**
 * wm_preferences_window_get_settings:
 * @self: a #WmPreferencesWindow
 *
 * Returns: (transfer none): the settings the window was constructed with
 */
GSettings *
wm_preferences_window_get_settings (WmPreferencesWindow *self)
{
  g_return_val_if_fail (WM_IS_PREFERENCES_WINDOW (self), NULL);

  return self->settings;
}
