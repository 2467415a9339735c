/* wm-review-queue.c — the supervisor's queue: submitted assessments to approve or return
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A page of its own for supervisors. It lists what
 * wm_context_load_review_queue_async() finds: every submitted assessment
 * of the cases the supervisor holds that is neither approved nor
 * returned, with its scores, judgements and rationale as submitted.
 *
 * Approving signs exactly the version shown (the store refuses with
 * WM_STORE_ERROR_STALE if another was written since, and the queue
 * reloads); returning needs comments, which the caseworker then sees on
 * the assessment. Both go through the context, off the main thread. The
 * number waiting is the "n-waiting" property, and "counts-changed" is
 * emitted whenever it may have changed, for the window's sidebar.
 *
 * A lock empties the queue; the window reloads it after unlocking.
 */

#define G_LOG_DOMAIN "wm-review-queue"

#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>

#include "wm-accessible.h"
#include "wm-assessment.h"
#include "wm-date.h"
#include "wm-instrument-registry.h"
#include "wm-instrument-score.h"
#include "wm-payload.h"
#include "wm-review-queue.h"
#include "wm-term.h"

struct _WmReviewQueue
{
  AdwBin          parent_instance;

  WmContext      *context;
  GCancellable   *cancellable;
  GPtrArray      *entries;     /* WmReviewEntry, as listed */
  gboolean        busy;
  char           *message;

  AdwToastOverlay *toast_overlay;
  GtkStack       *stack;
  GtkListBox     *list;
  GtkWidget      *refresh_button;
};

G_DEFINE_FINAL_TYPE (WmReviewQueue, wm_review_queue, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_N_WAITING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  COUNTS_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
set_message (WmReviewQueue *self,
             const char    *message)
{
  g_free (self->message);
  self->message = g_strdup (message);
  if (message != NULL)
    adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

static const WmReviewEntry *
find_entry (WmReviewQueue *self,
            gint64         record_id)
{
  for (guint i = 0; self->entries != NULL && i < self->entries->len; i++)
    {
      const WmReviewEntry *entry = g_ptr_array_index (self->entries, i);

      if (entry->record->record_id == record_id)
        return entry;
    }
  return NULL;
}

/**
 * wm_review_queue_dup_summary:
 *
 * Returns: (transfer full) (nullable): what the supervisor reads of the
 *   assessment before deciding: scores, judgements and the rationale
 */
char *
wm_review_queue_dup_summary (WmReviewQueue *self,
                             gint64         record_id)
{
  const WmReviewEntry *entry;
  g_autoptr(GString) text = NULL;
  g_autoptr(GVariant) answers = NULL;
  g_autoptr(WmInstrumentScore) score = NULL;
  g_autoptr(GVariant) judgements = NULL;
  WmInstrument *instrument;
  GVariant *payload;
  const char *value;

  g_return_val_if_fail (WM_IS_REVIEW_QUEUE (self), NULL);

  entry = find_entry (self, record_id);
  if (entry == NULL)
    return NULL;
  payload = entry->record->payload;
  instrument = wm_instrument_registry_find_for (wm_instrument_registry_get_default (), payload, NULL);
  text = g_string_new (NULL);
  if (instrument == NULL)
    {
      g_string_append (text, _("This assessment was made with an instrument this Waymark does not know."));
      return g_string_free (g_steal_pointer (&text), FALSE);
    }
  answers = wm_payload_get_value (payload, WM_ASSESSMENT_ANSWERS, G_VARIANT_TYPE_VARDICT);
  score = wm_instrument_score (instrument, answers, WM_INSTRUMENT_AGE_UNKNOWN);
  for (guint i = 0; i < score->domains->len; i++)
    {
      const WmDomainScore *domain = &g_array_index (score->domains, WmDomainScore, i);

      g_string_append_printf (text, "%s: %d", wm_instrument_gettext (instrument, domain->domain->label),
                              domain->score);
      if (domain->band != NULL)
        g_string_append_printf (text, " (%s)", wm_instrument_gettext (instrument, domain->band->label));
      if (domain->domain->note != NULL)
        g_string_append_printf (text, ". %s", wm_instrument_gettext (instrument, domain->domain->note));
      g_string_append (text, "\n");
    }
  judgements = wm_payload_get_value (payload, WM_ASSESSMENT_JUDGEMENTS, G_VARIANT_TYPE ("a{ss}"));
  for (guint i = 0; i < score->suggestions->len; i++)
    {
      const WmJudgementSuggestion *suggestion = &g_array_index (score->suggestions, WmJudgementSuggestion, i);
      const WmInstrumentOption *level = NULL;
      const WmInstrumentOption *suggested = NULL;
      const char *chosen = NULL;

      if (judgements != NULL && g_variant_lookup (judgements, suggestion->judgement->id, "&s", &chosen))
        level = wm_instrument_scale_find (suggestion->judgement->scale, chosen);
      if (suggestion->suggested != NULL)
        suggested = wm_instrument_scale_find (suggestion->judgement->scale, suggestion->suggested);
      g_string_append_printf (text, "%s: %s", wm_instrument_gettext (instrument, suggestion->judgement->label),
                              level != NULL ? wm_instrument_gettext (instrument, level->label) : _("not judged"));
      if (suggested != NULL)
        {
          g_string_append (text, " ");
          g_string_append_printf (text, _("(suggested: %s)"), wm_instrument_gettext (instrument, suggested->label));
        }
      g_string_append (text, "\n");
    }
  value = wm_payload_get_string (payload, WM_ASSESSMENT_RATIONALE);
  if (value != NULL)
    {
      g_string_append_printf (text, _("Rationale: %s"), value);
      g_string_append (text, "\n");
    }
  value = wm_payload_get_string (payload, WM_ASSESSMENT_NEXT_REVIEW);
  if (value != NULL)
    {
      g_string_append_printf (text, _("Next review: %s"), value);
      g_string_append (text, "\n");
    }
  /* Translators: how many questions were answered “not known”. */
  g_string_append_printf (text, _("Answered “not known”: %u"), score->n_not_known);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
set_busy (WmReviewQueue *self,
          gboolean       busy)
{
  self->busy = busy;
  gtk_widget_set_sensitive (GTK_WIDGET (self->list), !busy);
}

static void
action_done (WmReviewQueue *self,
             gboolean       done,
             GError        *error,
             const char    *success)
{
  set_busy (self, FALSE);
  if (!done)
    {
      set_message (self, error->message);
      /* Someone wrote since the queue was read: show what stands now. */
      if (g_error_matches (error, WM_STORE_ERROR, WM_STORE_ERROR_STALE)
          || g_error_matches (error, WM_STORE_ERROR, WM_STORE_ERROR_IMMUTABLE))
        wm_review_queue_reload (self);
      return;
    }
  set_message (self, success);
  wm_review_queue_reload (self);
}

static void
approve_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(WmReviewQueue) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean done = wm_context_approve_record_finish (WM_CONTEXT (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  action_done (self, done, error, _("Assessment approved"));
}

static void
return_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(WmReviewQueue) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean done = wm_context_return_assessment_finish (WM_CONTEXT (object), result, &error) != 0;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  action_done (self, done, error, _("Assessment returned to the caseworker"));
}

/**
 * wm_review_queue_approve:
 *
 * Approves the version of @record_id the queue shows, and no other.
 */
void
wm_review_queue_approve (WmReviewQueue *self,
                         gint64         record_id)
{
  const WmReviewEntry *entry;

  g_return_if_fail (WM_IS_REVIEW_QUEUE (self));

  entry = find_entry (self, record_id);
  if (entry == NULL || self->busy)
    return;
  set_busy (self, TRUE);
  wm_context_approve_record_async (self->context, record_id, entry->record->version, self->cancellable,
                                   approve_cb, g_object_ref (self));
}

/**
 * wm_review_queue_return:
 * @comments: what the caseworker is to change; required
 */
void
wm_review_queue_return (WmReviewQueue *self,
                        gint64         record_id,
                        const char    *comments)
{
  const WmReviewEntry *entry;
  g_autofree char *trimmed = NULL;

  g_return_if_fail (WM_IS_REVIEW_QUEUE (self));

  entry = find_entry (self, record_id);
  if (entry == NULL || self->busy)
    return;
  trimmed = g_strstrip (g_strdup (comments != NULL ? comments : ""));
  if (*trimmed == '\0')
    {
      set_message (self, _("Say what the caseworker should change before returning the assessment."));
      return;
    }
  set_busy (self, TRUE);
  wm_context_return_assessment_async (self->context, record_id, entry->record->version, trimmed,
                                      self->cancellable, return_cb, g_object_ref (self));
}

static void
approve_clicked_cb (GtkButton     *button,
                    WmReviewQueue *self)
{
  wm_review_queue_approve (self, GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "record-id")));
}

static void
return_clicked_cb (GtkButton     *button,
                   WmReviewQueue *self)
{
  GtkEditable *comments = g_object_get_data (G_OBJECT (button), "comments");

  wm_review_queue_return (self, GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "record-id")),
                          gtk_editable_get_text (comments));
}

static GtkWidget *
new_row (WmReviewQueue       *self,
         const WmReviewEntry *entry)
{
  GtkWidget *row = adw_expander_row_new ();
  GtkWidget *summary_row = adw_action_row_new ();
  GtkWidget *comments = adw_entry_row_new ();
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *approve = gtk_button_new_with_mnemonic (_("_Approve"));
  GtkWidget *send_back = gtk_button_new_with_mnemonic (_("_Return with Comments"));
  GtkWidget *buttons_row = gtk_list_box_row_new ();
  WmInstrument *instrument = wm_instrument_registry_find_for (wm_instrument_registry_get_default (),
                                                              entry->record->payload, NULL);
  const char *completed_on = wm_payload_get_string (entry->record->payload, WM_ASSESSMENT_COMPLETED_ON);
  g_autofree char *title = g_strdup_printf ("%s (%s)", entry->display_name != NULL ? entry->display_name
                                            : entry->reference, entry->reference);
  g_autofree char *subtitle = NULL;
  g_autofree char *summary = wm_review_queue_dup_summary (self, entry->record->record_id);

  /* Translators: an instrument's title, then the day the assessment was completed. */
  subtitle = g_strdup_printf (_("%s, completed %s"),
                              instrument != NULL ? wm_instrument_gettext (instrument, wm_instrument_get_title (instrument))
                              : _("Unknown instrument"),
                              completed_on != NULL ? completed_on : "?");
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (summary_row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (summary_row), _("As submitted"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (summary_row), summary);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (summary_row), 0);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), summary_row);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (comments), _("Comments for the caseworker"));
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), comments);

  gtk_widget_add_css_class (approve, "suggested-action");
  g_object_set_data (G_OBJECT (approve), "record-id", GSIZE_TO_POINTER (entry->record->record_id));
  g_object_set_data (G_OBJECT (send_back), "record-id", GSIZE_TO_POINTER (entry->record->record_id));
  g_object_set_data (G_OBJECT (send_back), "comments", comments);
  g_signal_connect (approve, "clicked", G_CALLBACK (approve_clicked_cb), self);
  g_signal_connect (send_back, "clicked", G_CALLBACK (return_clicked_cb), self);
  gtk_widget_set_halign (buttons, GTK_ALIGN_END);
  gtk_widget_set_margin_top (buttons, 6);
  gtk_widget_set_margin_bottom (buttons, 6);
  gtk_widget_set_margin_end (buttons, 12);
  gtk_box_append (GTK_BOX (buttons), send_back);
  gtk_box_append (GTK_BOX (buttons), approve);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (buttons_row), buttons);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (buttons_row), FALSE);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), buttons_row);
  wm_accessible_name_mnemonic_buttons (buttons);
  return row;
}

static void
show_entries (WmReviewQueue *self)
{
  GtkListBoxRow *row;

  while ((row = gtk_list_box_get_row_at_index (self->list, 0)) != NULL)
    gtk_list_box_remove (self->list, GTK_WIDGET (row));
  for (guint i = 0; self->entries != NULL && i < self->entries->len; i++)
    gtk_list_box_append (self->list, new_row (self, g_ptr_array_index (self->entries, i)));
  gtk_stack_set_visible_child_name (self->stack,
                                    self->entries != NULL && self->entries->len > 0 ? "queue" : "empty");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_WAITING]);
  g_signal_emit (self, signals[COUNTS_CHANGED], 0, wm_review_queue_get_n_waiting (self));
}

static void
load_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(WmReviewQueue) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = wm_context_load_review_queue_finish (WM_CONTEXT (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  set_busy (self, FALSE);
  if (entries == NULL)
    {
      set_message (self, error->message);
      return;
    }
  g_clear_pointer (&self->entries, g_ptr_array_unref);
  self->entries = g_steal_pointer (&entries);
  show_entries (self);
}

/**
 * wm_review_queue_reload:
 *
 * Reads the queue again, off the main thread.
 */
void
wm_review_queue_reload (WmReviewQueue *self)
{
  g_return_if_fail (WM_IS_REVIEW_QUEUE (self));

  set_busy (self, TRUE);
  wm_context_load_review_queue_async (self->context, self->cancellable, load_cb, g_object_ref (self));
}

/**
 * wm_review_queue_clear:
 *
 * Drops everything shown and anything in flight (the window locked).
 */
void
wm_review_queue_clear (WmReviewQueue *self)
{
  g_return_if_fail (WM_IS_REVIEW_QUEUE (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  g_clear_pointer (&self->entries, g_ptr_array_unref);
  set_busy (self, FALSE);
  show_entries (self);
}

guint
wm_review_queue_get_n_waiting (WmReviewQueue *self)
{
  g_return_val_if_fail (WM_IS_REVIEW_QUEUE (self), 0);
  return self->entries != NULL ? self->entries->len : 0;
}

gboolean
wm_review_queue_get_busy (WmReviewQueue *self)
{
  g_return_val_if_fail (WM_IS_REVIEW_QUEUE (self), FALSE);
  return self->busy;
}

const char *
wm_review_queue_get_message (WmReviewQueue *self)
{
  g_return_val_if_fail (WM_IS_REVIEW_QUEUE (self), NULL);
  return self->message;
}

/**
 * wm_review_queue_get_record_id:
 *
 * Returns: the assessment record at @position in the queue, or 0
 */
gint64
wm_review_queue_get_record_id (WmReviewQueue *self,
                               guint          position)
{
  g_return_val_if_fail (WM_IS_REVIEW_QUEUE (self), 0);

  if (self->entries == NULL || position >= self->entries->len)
    return 0;
  return ((WmReviewEntry *) g_ptr_array_index (self->entries, position))->record->record_id;
}

WmContext *
wm_review_queue_get_context (WmReviewQueue *self)
{
  g_return_val_if_fail (WM_IS_REVIEW_QUEUE (self), NULL);
  return self->context;
}

static void
refresh_clicked_cb (WmReviewQueue *self)
{
  wm_review_queue_reload (self);
}

static void
locked_cb (WmReviewQueue *self,
           GParamSpec    *pspec,
           WmContext     *context)
{
  if (wm_context_get_locked (context) || !wm_context_get_signed_in (context))
    wm_review_queue_clear (self);
}

static void
wm_review_queue_constructed (GObject *object)
{
  WmReviewQueue *self = WM_REVIEW_QUEUE (object);

  G_OBJECT_CLASS (wm_review_queue_parent_class)->constructed (object);

  g_assert (WM_IS_CONTEXT (self->context));
  g_signal_connect_object (self->context, "notify::locked", G_CALLBACK (locked_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->context, "notify::signed-in", G_CALLBACK (locked_cb), self, G_CONNECT_SWAPPED);
}

static void
wm_review_queue_dispose (GObject *object)
{
  WmReviewQueue *self = WM_REVIEW_QUEUE (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  adw_bin_set_child (ADW_BIN (self), NULL);
  g_clear_pointer (&self->entries, g_ptr_array_unref);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (wm_review_queue_parent_class)->dispose (object);
}

static void
wm_review_queue_finalize (GObject *object)
{
  WmReviewQueue *self = WM_REVIEW_QUEUE (object);

  g_free (self->message);

  G_OBJECT_CLASS (wm_review_queue_parent_class)->finalize (object);
}

static void
wm_review_queue_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  WmReviewQueue *self = WM_REVIEW_QUEUE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    case PROP_N_WAITING:
      g_value_set_uint (value, wm_review_queue_get_n_waiting (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wm_review_queue_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  WmReviewQueue *self = WM_REVIEW_QUEUE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wm_review_queue_class_init (WmReviewQueueClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = wm_review_queue_constructed;
  object_class->dispose = wm_review_queue_dispose;
  object_class->finalize = wm_review_queue_finalize;
  object_class->get_property = wm_review_queue_get_property;
  object_class->set_property = wm_review_queue_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, WM_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /**
   * WmReviewQueue:n-waiting:
   *
   * How many submitted assessments wait for approval, for a count in the
   * sidebar.
   */
  properties[PROP_N_WAITING] =
    g_param_spec_uint ("n-waiting", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * WmReviewQueue::counts-changed:
   * @n_waiting: how many wait now
   */
  signals[COUNTS_CHANGED] = g_signal_new ("counts-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
}

static void
wm_review_queue_init (WmReviewQueue *self)
{
  GtkWidget *empty = adw_status_page_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *group = adw_preferences_group_new ();

  self->cancellable = g_cancellable_new ();
  self->toast_overlay = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  self->stack = GTK_STACK (gtk_stack_new ());

  adw_status_page_set_icon_name (ADW_STATUS_PAGE (empty), "emblem-ok-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (empty), _("Nothing Waiting for Approval"));
  adw_status_page_set_description (ADW_STATUS_PAGE (empty),
                                   _("Assessments your caseworkers submit appear here."));

  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Assessments waiting for approval"), -1);
  self->refresh_button = gtk_button_new_with_mnemonic (_("_Refresh"));
  gtk_widget_add_css_class (self->refresh_button, "flat");
  g_signal_connect_swapped (self->refresh_button, "clicked", G_CALLBACK (refresh_clicked_cb), self);
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Waiting for Approval"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("Approval covers exactly the version shown. Return an assessment "
                                           "with comments to have it changed."));
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group), self->refresh_button);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->list));
  gtk_widget_set_margin_top (group, 18);
  gtk_widget_set_margin_bottom (group, 18);
  gtk_widget_set_margin_start (group, 12);
  gtk_widget_set_margin_end (group, 12);
  adw_clamp_set_child (ADW_CLAMP (clamp), group);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);

  gtk_stack_add_named (self->stack, empty, "empty");
  gtk_stack_add_named (self->stack, scrolled, "queue");
  gtk_stack_set_visible_child_name (self->stack, "empty");
  adw_toast_overlay_set_child (self->toast_overlay, GTK_WIDGET (self->stack));
  adw_bin_set_child (ADW_BIN (self), GTK_WIDGET (self->toast_overlay));
  wm_accessible_name_mnemonic_buttons (GTK_WIDGET (self));
}

/**
 * wm_review_queue_new:
 *
 * The queue is empty until wm_review_queue_reload() (the window calls it
 * when a supervisor signs in or unlocks, and when the page is shown).
 */
WmReviewQueue *
wm_review_queue_new (WmContext *context)
{
  g_return_val_if_fail (WM_IS_CONTEXT (context), NULL);

  return g_object_new (WM_TYPE_REVIEW_QUEUE, "context", context, NULL);
}
