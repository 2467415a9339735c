/* wm-preferences-window.c — the Preferences window
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The rows of this desk's own choices are bound to their keys with
 * g_settings_bind(), so the window holds no state of its own and a change
 * shows at once in any other window.
 *
 * Review intervals are the organisation's, not the desk's: they are shown
 * from the signed-in context, and an administrator changes them for
 * everyone with Save (one signed, audited change, not one a click of a
 * spin button). Everybody else sees them, read only, and who sets them.
 */

#define G_LOG_DOMAIN "wm-preferences-window"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <adwaita.h>

#include "wm-preferences-window.h"
#include "wm-review-intervals.h"

struct _WmPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  GSettings            *settings;
  WmContext            *context;
  GCancellable         *cancellable;
  gboolean              saving;

  /* Template children */
  GtkSpinButton        *idle_lock_spin_button;
  AdwPreferencesPage   *general_page;

  AdwPreferencesGroup  *review_group;
  GtkWidget            *review_spin_buttons[WM_N_REVIEW_LEVELS];
  GtkWidget            *review_save_button;
};

G_DEFINE_FINAL_TYPE (WmPreferencesWindow, wm_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

enum {
  PROP_0,
  PROP_SETTINGS,
  PROP_CONTEXT,
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
  if (self->context != NULL)
    add_review_group (self);
}

/* How many weeks after an assessment its next review is proposed, by the
 * highest risk judged; in wm_risk_levels' order, low first, shown the
 * other way round. */
static const char *const review_titles[WM_N_REVIEW_LEVELS] = {
  N_("Low risk"),
  N_("Medium risk"),
  N_("High risk"),
  N_("Very high risk"),
};

static gboolean
may_change_reviews (WmPreferencesWindow *self)
{
  return wm_context_get_signed_in (self->context) && !wm_context_get_locked (self->context)
         && wm_context_get_role (self->context) == WM_ROLE_ADMINISTRATOR;
}

static void
read_review_rows (WmPreferencesWindow *self,
                  WmReviewIntervals   *out)
{
  for (guint i = 0; i < WM_N_REVIEW_LEVELS; i++)
    out->weeks[i] = gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (self->review_spin_buttons[i]));
}

static void
update_review_save (WmPreferencesWindow *self)
{
  const WmReviewIntervals *saved = wm_context_get_review_intervals (self->context);
  WmReviewIntervals shown;

  read_review_rows (self, &shown);
  gtk_widget_set_sensitive (self->review_save_button,
                            may_change_reviews (self) && !self->saving
                            && memcmp (&shown, saved, sizeof shown) != 0);
}

/* What the context holds: read at sign-in and unlock, or as last saved. */
static void
show_review_intervals (WmPreferencesWindow *self)
{
  const WmReviewIntervals *intervals = wm_context_get_review_intervals (self->context);
  gboolean editable = may_change_reviews (self);

  gtk_widget_set_visible (GTK_WIDGET (self->review_group), wm_context_get_signed_in (self->context));
  adw_preferences_group_set_description (self->review_group,
                                         editable
                                         ? _("Weeks from an assessment to the review it proposes, by the highest "
                                             "risk judged. They apply to everyone in the organisation.")
                                         : _("Weeks from an assessment to the review it proposes, by the highest "
                                             "risk judged. Your organisation’s administrators set them."));
  for (guint i = 0; i < WM_N_REVIEW_LEVELS; i++)
    {
      gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->review_spin_buttons[i]), intervals->weeks[i]);
      gtk_widget_set_sensitive (self->review_spin_buttons[i], editable);
    }
  gtk_widget_set_visible (self->review_save_button, editable);
  update_review_save (self);
}

static void
review_intervals_saved_cb (GObject      *source,
                           GAsyncResult *result,
                           gpointer      user_data)
{
  g_autoptr(WmPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  AdwToast *toast;

  if (!wm_context_save_review_intervals_finish (WM_CONTEXT (source), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      toast = adw_toast_new (error->message);
    }
  else
    toast = adw_toast_new (_("Review intervals saved for the whole organisation"));
  self->saving = FALSE;
  adw_toast_set_timeout (toast, 5);
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), toast);
  update_review_save (self);
}

static void
save_review_intervals_cb (WmPreferencesWindow *self)
{
  WmReviewIntervals intervals;

  if (!may_change_reviews (self) || self->saving)
    return;
  read_review_rows (self, &intervals);
  self->saving = TRUE;
  update_review_save (self);
  wm_context_save_review_intervals_async (self->context, &intervals, self->cancellable,
                                          review_intervals_saved_cb, g_object_ref (self));
}

static void
add_review_group (WmPreferencesWindow *self)
{
  self->review_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->review_group, _("Reviews"));

  self->review_save_button = gtk_button_new_with_mnemonic (_("_Save"));
  gtk_widget_set_valign (self->review_save_button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (self->review_save_button, "suggested-action");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->review_save_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Save Review Intervals"), -1);
  g_signal_connect_swapped (self->review_save_button, "clicked", G_CALLBACK (save_review_intervals_cb), self);
  adw_preferences_group_set_header_suffix (self->review_group, self->review_save_button);

  for (guint n = 0; n < WM_N_REVIEW_LEVELS; n++)
    {
      guint i = WM_N_REVIEW_LEVELS - 1 - n;   /* very high first */
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *spin = gtk_spin_button_new_with_range (WM_REVIEW_WEEKS_MIN, WM_REVIEW_WEEKS_MAX, 1);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(review_titles[i]));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Weeks"));
      gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
      /* Named by the row it activates (see wm-accessible.c). */
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), spin);
      adw_preferences_group_add (self->review_group, row);
      g_signal_connect_swapped (spin, "value-changed", G_CALLBACK (update_review_save), self);
      self->review_spin_buttons[i] = spin;
    }
  adw_preferences_page_add (self->general_page, self->review_group);

  g_signal_connect_object (self->context, "notify::signed-in", G_CALLBACK (show_review_intervals), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->context, "notify::locked", G_CALLBACK (show_review_intervals), self,
                           G_CONNECT_SWAPPED);
  show_review_intervals (self);
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
  /* The same leak would leave the review rows calling into a window gone. */
  g_cancellable_cancel (self->cancellable);
  if (self->context != NULL)
    g_signal_handlers_disconnect_by_data (self->context, self);
  for (guint i = 0; i < G_N_ELEMENTS (self->review_spin_buttons); i++)
    if (self->review_spin_buttons[i] != NULL)
      g_signal_handlers_disconnect_by_data (g_steal_pointer (&self->review_spin_buttons[i]), self);
  if (self->review_save_button != NULL)
    g_signal_handlers_disconnect_by_data (g_steal_pointer (&self->review_save_button), self);

  gtk_widget_dispose_template (GTK_WIDGET (self), WM_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);
  g_clear_object (&self->context);
  g_clear_object (&self->cancellable);

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

    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
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

    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
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
  /**
   * WmPreferencesWindow:context: (nullable)
   *
   * The window's context, whose organisation's review intervals are shown
   * (and, for an administrator, changed); %NULL shows none.
   */
  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, WM_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/waymark/Waymark/wm-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, WmPreferencesWindow, idle_lock_spin_button);
  gtk_widget_class_bind_template_child (widget_class, WmPreferencesWindow, general_page);
}

/* libadwaita 1.2's window keeps its search entry in the accessibility
 * tree even with search off, and without a name: a screen reader would
 * read "GtkSearchEntry". */
static void
name_search_entry (GtkWidget *widget)
{
  if (GTK_IS_SEARCH_ENTRY (widget))
    {
      gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Search Preferences"), -1);
      return;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    name_search_entry (child);
}

static void
wm_preferences_window_init (WmPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  name_search_entry (GTK_WIDGET (self));
}

/**
 * wm_preferences_window_new:
 * @settings: the org.waymark.Waymark settings to show and change
 * @context: (nullable): the window's context, for the organisation's
 *   review intervals
 *
 * Returns: (transfer none): a new Preferences window
 */
WmPreferencesWindow *
wm_preferences_window_new (GSettings *settings,
                           WmContext *context)
{
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);
  g_return_val_if_fail (context == NULL || WM_IS_CONTEXT (context), NULL);

  return g_object_new (WM_TYPE_PREFERENCES_WINDOW,
                       "settings", settings,
                       "context", context,
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
