/* wm-referral-list.c — a young person's referrals: where they went, and what came of them
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each referral is a record in the case (written when the PDF was saved or
 * printed, app/core/wm-referral-export.c): the partner, the date sent, the
 * sections shared and the lawful basis, its state — sent, accepted,
 * declined, withdrawn —, the follow-up date and the outcome. This group
 * lists them, newest first, and lets the caseworker record the partner's
 * answer: a new version of the record, through the casebook, so the
 * earlier state stays in its history.
 */

#define G_LOG_DOMAIN "wm-referral-list"

#include "config.h"

#include <glib/gi18n.h>

#include "wm-casework.h"
#include "wm-payload.h"
#include "wm-record.h"
#include "wm-referral-list.h"

struct _WmReferralList
{
  AdwBin        parent_instance;

  WmContext    *context;
  GCancellable *cancellable;
  GPtrArray    *records;    /* the referral records shown, newest first */

  AdwPreferencesGroup *group;
  GPtrArray    *rows;       /* the rows added to the group */
};

G_DEFINE_FINAL_TYPE (WmReferralList, wm_referral_list, ADW_TYPE_BIN)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *
payload_text (GVariant   *payload,
              const char *key)
{
  const char *text = wm_payload_get_string (payload, key);

  return text != NULL ? text : "";
}

static WmRecord *
find_record (WmReferralList *self,
             gint64          record_id)
{
  for (guint i = 0; self->records != NULL && i < self->records->len; i++)
    {
      WmRecord *record = g_ptr_array_index (self->records, i);

      if (record->record_id == record_id)
        return record;
    }
  return NULL;
}

static void
saved_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(WmReferralList) self = user_data;
  g_autoptr(GError) error = NULL;
  gint64 record_id = wm_context_save_record_finish (WM_CONTEXT (source), result, &error);

  if (record_id == 0)
    {
      GtkRoot *root;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->context == NULL)
        return;
      root = gtk_widget_get_root (GTK_WIDGET (self));
      if (GTK_IS_WINDOW (root))
        {
          GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (root), _("The Referral Was Not Updated"),
                                                      error->message);

          adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
          gtk_window_present (GTK_WINDOW (dialog));
        }
      return;
    }
  g_signal_emit (self, signals[SAVED], 0, record_id);
}

/**
 * wm_referral_list_set_state:
 * @state: an id of wm_referral_states
 * @outcome: (nullable): what came of it, in the caseworker's words
 *
 * Records the partner's answer as a new version of the referral.
 */
void
wm_referral_list_set_state (WmReferralList *self,
                            gint64          record_id,
                            const char     *state,
                            const char     *outcome)
{
  WmRecord *record;
  GVariantDict dict;

  g_return_if_fail (WM_IS_REFERRAL_LIST (self));
  g_return_if_fail (state != NULL);

  record = find_record (self, record_id);
  g_return_if_fail (record != NULL && record->payload != NULL);

  g_variant_dict_init (&dict, record->payload);
  g_variant_dict_insert (&dict, WM_REFERRAL_STATE, "s", state);
  if (outcome != NULL && *outcome != '\0')
    g_variant_dict_insert (&dict, WM_REFERRAL_OUTCOME, "s", outcome);
  wm_context_save_record_async (self->context, record->case_id, record->record_id, WM_RECORD_REFERRAL,
                                g_variant_dict_end (&dict), self->cancellable, saved_cb, g_object_ref (self));
}

typedef struct
{
  WmReferralList *list;
  gint64          record_id;
  GtkDropDown    *state;
  GtkEntry       *outcome;
} Answer;

static void
answer_free (Answer *answer)
{
  g_object_unref (answer->list);
  g_free (answer);
}

static void
answer_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    Answer           *answer)
{
  guint selected = gtk_drop_down_get_selected (answer->state);

  if (g_str_equal (response, "save") && selected < wm_term_count (wm_referral_states))
    wm_referral_list_set_state (answer->list, answer->record_id, wm_referral_states[selected].id,
                                gtk_editable_get_text (GTK_EDITABLE (answer->outcome)));
  answer_free (answer);
}

/* "Record the Answer…": the state and the outcome, in a dialog. */
static void
answer_clicked_cb (GtkButton      *button,
                   WmReferralList *self)
{
  gint64 record_id = *(gint64 *) g_object_get_data (G_OBJECT (button), "wm-record-id");
  WmRecord *record = find_record (self, record_id);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autoptr(GtkStringList) states = gtk_string_list_new (NULL);
  GtkWidget *dialog, *box;
  Answer *answer;

  if (record == NULL || !GTK_IS_WINDOW (root))
    return;
  for (guint i = 0; wm_referral_states[i].id != NULL; i++)
    gtk_string_list_append (states, wm_term_get_label (wm_referral_states, wm_referral_states[i].id));
  answer = g_new0 (Answer, 1);
  answer->list = g_object_ref (self);
  answer->record_id = record_id;
  answer->state = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&states)), NULL));
  gtk_drop_down_set_selected (answer->state,
                              MAX (wm_term_index (wm_referral_states,
                                                  payload_text (record->payload, WM_REFERRAL_STATE)), 0));
  gtk_accessible_update_property (GTK_ACCESSIBLE (answer->state), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("State"), -1);
  answer->outcome = GTK_ENTRY (gtk_entry_new ());
  gtk_editable_set_text (GTK_EDITABLE (answer->outcome), payload_text (record->payload, WM_REFERRAL_OUTCOME));
  gtk_entry_set_placeholder_text (answer->outcome, _("What the partner did"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (answer->outcome), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Outcome"), -1);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (answer->state));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (answer->outcome));
  dialog = adw_message_dialog_new (GTK_WINDOW (root), _("The Partner’s Answer"),
                                   _("The referral keeps its earlier state in its history."));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "save", _("_Save"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (answer_response_cb), answer);
  gtk_window_present (GTK_WINDOW (dialog));
}

static int
newest_first (gconstpointer a,
              gconstpointer b)
{
  const WmRecord *x = *(const WmRecord * const *) a;
  const WmRecord *y = *(const WmRecord * const *) b;

  return (y->record_id > x->record_id) - (y->record_id < x->record_id);
}

/**
 * wm_referral_list_clear:
 *
 * Forgets every referral: for the lock.
 */
void
wm_referral_list_clear (WmReferralList *self)
{
  g_return_if_fail (WM_IS_REFERRAL_LIST (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (self->group, g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);
  g_clear_pointer (&self->records, g_ptr_array_unref);
  /* The decrypted records go too. */
  g_object_set_data (G_OBJECT (self), "wm-records", NULL);
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

/**
 * wm_referral_list_set_records:
 * @records: (element-type WmRecord): the case's records, as the context
 *   opened them; the referrals among them are shown
 */
void
wm_referral_list_set_records (WmReferralList *self,
                              GPtrArray      *records)
{
  g_return_if_fail (WM_IS_REFERRAL_LIST (self));

  wm_referral_list_clear (self);
  self->records = g_ptr_array_new ();
  for (guint i = 0; records != NULL && i < records->len; i++)
    {
      WmRecord *record = g_ptr_array_index (records, i);

      if (record->kind == WM_RECORD_REFERRAL && record->payload != NULL)
        g_ptr_array_add (self->records, record);
    }
  /* The records belong to the caller's array, which outlives this list's
   * use of them until the next set_records() or clear(). */
  g_ptr_array_set_free_func (self->records, NULL);
  g_ptr_array_sort (self->records, newest_first);
  g_object_set_data_full (G_OBJECT (self), "wm-records", g_ptr_array_ref (records), (GDestroyNotify) g_ptr_array_unref);

  for (guint i = 0; i < self->records->len; i++)
    {
      WmRecord *record = g_ptr_array_index (self->records, i);
      GVariant *payload = record->payload;
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *button = gtk_button_new_with_mnemonic (_("_Record the Answer…"));
      g_autofree char *subtitle = NULL;
      g_autofree char *title = NULL;
      const char *outcome = payload_text (payload, WM_REFERRAL_OUTCOME);

      /* Translators: a referral in the record: the partner, then when it was sent. */
      title = g_strdup_printf (_("%s, sent %s"), payload_text (payload, WM_REFERRAL_PARTNER),
                               payload_text (payload, WM_REFERRAL_SENT_ON));
      /* Translators: a referral's state, its follow-up date, and what came of it. */
      subtitle = g_strdup_printf (_("%s · follow up by %s%s%s"),
                                  wm_term_get_label (wm_referral_states, payload_text (payload, WM_REFERRAL_STATE)),
                                  payload_text (payload, WM_REFERRAL_FOLLOW_UP_ON),
                                  *outcome != '\0' ? " · " : "", outcome);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      g_object_set_data_full (G_OBJECT (button), "wm-record-id",
                              g_memdup2 (&record->record_id, sizeof record->record_id), g_free);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
      g_signal_connect (button, "clicked", G_CALLBACK (answer_clicked_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      adw_preferences_group_add (self->group, row);
      g_ptr_array_add (self->rows, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self), self->records->len > 0);
}

guint
wm_referral_list_get_n_referrals (WmReferralList *self)
{
  g_return_val_if_fail (WM_IS_REFERRAL_LIST (self), 0);
  return self->records != NULL ? self->records->len : 0;
}

static void
wm_referral_list_dispose (GObject *object)
{
  WmReferralList *self = WM_REFERRAL_LIST (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->context);
  g_clear_pointer (&self->records, g_ptr_array_unref);

  G_OBJECT_CLASS (wm_referral_list_parent_class)->dispose (object);
}

static void
wm_referral_list_finalize (GObject *object)
{
  WmReferralList *self = WM_REFERRAL_LIST (object);

  g_ptr_array_unref (self->rows);

  G_OBJECT_CLASS (wm_referral_list_parent_class)->finalize (object);
}

static void
wm_referral_list_class_init (WmReferralListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = wm_referral_list_dispose;
  object_class->finalize = wm_referral_list_finalize;

  /**
   * WmReferralList::saved:
   * @record_id: the referral whose new version was saved
   */
  signals[SAVED] =
    g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
}

static void
wm_referral_list_init (WmReferralList *self)
{
  self->cancellable = g_cancellable_new ();
  self->rows = g_ptr_array_new ();
  self->group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->group, _("Referrals"));
  adw_bin_set_child (ADW_BIN (self), GTK_WIDGET (self->group));
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

GtkWidget *
wm_referral_list_new (WmContext *context)
{
  WmReferralList *self;

  g_return_val_if_fail (WM_IS_CONTEXT (context), NULL);

  self = g_object_new (WM_TYPE_REFERRAL_LIST, NULL);
  self->context = g_object_ref (context);
  return GTK_WIDGET (self);
}
