/* test-assessment.c — the guided assessment, its drafts, sign-off, returns, amendments and history
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each test opens a copy of one template database (a caseworker, their
 * supervisor, one young person) with a real WmContext and drives the
 * widgets as their users would: the caseworker ticks answers in a
 * WmAssessmentFlow and submits, the supervisor approves or returns in a
 * WmReviewQueue, and what was written is read back through the context
 * and shown by WmAssessmentHistory.
 */

#define G_LOG_DOMAIN "test-assessment"

#include "config.h"

#include <string.h>
#include <adwaita.h>

#include "wm-assessment.h"
#include "wm-assessment-flow.h"
#include "wm-assessment-history.h"
#include "wm-casework.h"
#include "wm-context.h"
#include "wm-date.h"
#include "wm-instrument-registry.h"
#include "wm-payload.h"
#include "wm-person.h"
#include "wm-resources.h"
#include "wm-review-queue.h"
#include "wm-gui-test-util.h"
#include "wm-store-test-util.h"

static gint64 kai_case_id;

/* The ACE categories the tests mark as known: four, so the 4+ band. */
static const char * const known_aces[] = {
  "emotional-abuse", "domestic-abuse", "household-substance-misuse", "parental-separation", NULL
};

typedef struct
{
  WmtFixture        store;
  WmContext        *context;
  GtkWindow        *window;
  WmAssessmentFlow *flow;
  guint             n_closed;
  guint             n_submitted;
} Fixture;

static void
populate (WmStore   *store,
          WmSession *admin)
{
  g_autoptr(GError) error = NULL;
  GVariantDict dict;

  g_variant_dict_init (&dict, NULL);
  g_variant_dict_insert (&dict, WM_PROFILE_GIVEN_NAME, "s", "Kai");
  g_variant_dict_insert (&dict, WM_PROFILE_FAMILY_NAME, "s", "Okafor");
  g_variant_dict_insert (&dict, WM_PROFILE_DATE_OF_BIRTH, "s", "2011-11-20");
  g_variant_dict_insert (&dict, WM_PROFILE_STATUS, "s", WM_CASE_STATUS_ACTIVE);
  kai_case_id = wm_session_create_case (admin, wmt_ids.caseworker_a, g_variant_dict_end (&dict), &error);
  g_assert_no_error (error);
  g_assert_cmpint (kai_case_id, >, 0);
}

/* Runs the main loop until @done says so, failing after 30 s. */
static void
iterate_until (WmgDoneFunc done,
               gpointer    data)
{
  g_assert_true (wmg_iterate_until (done, data, 30));
}

static WmContext *
new_signed_in_context (Fixture    *fixture,
                       const char *name,
                       const char *passphrase)
{
  g_autoptr(WmStore) store = wmt_open_store (&fixture->store);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  WmContext *context = wm_context_new (store);
  GDate today;

  g_date_set_dmy (&today, 2, G_DATE_MARCH, 2026);
  wm_context_set_today (context, &today);
  wm_context_sign_in_async (context, name, passphrase, NULL, wmg_store_result_cb, &result);
  iterate_until (wmg_has_result, &result);
  g_assert_true (wm_context_sign_in_finish (context, result, NULL, &error));
  g_assert_no_error (error);
  return context;
}

static GPtrArray *
open_case (WmContext *context)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *records;

  wm_context_open_case_async (context, kai_case_id, NULL, wmg_store_result_cb, &result);
  iterate_until (wmg_has_result, &result);
  records = wm_context_open_case_finish (context, result, &error);
  g_assert_no_error (error);
  return records;
}

static GVariant *
find_profile (GPtrArray *records)
{
  WmRecord *record = wmt_find_kind (records, WM_RECORD_PROFILE);

  g_assert_nonnull (record);
  return record->payload;
}

static void
closed_cb (WmAssessmentFlow *flow,
           Fixture          *fixture)
{
  fixture->n_closed++;
}

static void
submitted_cb (WmAssessmentFlow *flow,
              gint64            record_id,
              Fixture          *fixture)
{
  fixture->n_submitted++;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  wmt_fixture_setup (&fixture->store, WMT_WITH_TEMPLATE);
  fixture->context = new_signed_in_context (fixture, WMT_CASEWORKER_A, WMT_CASEWORKER_A_PASS);
  fixture->flow = wm_assessment_flow_new (fixture->context);
  g_signal_connect (fixture->flow, "closed", G_CALLBACK (closed_cb), fixture);
  g_signal_connect (fixture->flow, "submitted", G_CALLBACK (submitted_cb), fixture);
  fixture->window = GTK_WINDOW (adw_window_new ());
  gtk_window_set_default_size (fixture->window, 900, 700);
  adw_window_set_content (ADW_WINDOW (fixture->window), GTK_WIDGET (fixture->flow));
  gtk_window_present (fixture->window);
}

static void
finish_context (WmContext *context)
{
  wm_context_wait_idle (context);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_finalize_object (context);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  gtk_window_destroy (fixture->window);
  finish_context (fixture->context);
  wmt_fixture_teardown (&fixture->store, WMT_WITH_TEMPLATE);
}

static gboolean
flow_idle (gpointer data)
{
  return !wm_assessment_flow_get_busy (data);
}

/* A single choice's options are toggle buttons, a multiple choice's
 * check buttons. */
static gboolean
is_active (GtkWidget *button)
{
  if (GTK_IS_TOGGLE_BUTTON (button))
    return gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (button));
  g_assert_true (GTK_IS_CHECK_BUTTON (button));
  return gtk_check_button_get_active (GTK_CHECK_BUTTON (button));
}

static gboolean
option_active (WmAssessmentFlow *flow,
               const char       *item,
               const char       *option)
{
  return is_active (wm_assessment_flow_get_item_widget (flow, item, option));
}

static void
tick (WmAssessmentFlow *flow,
      const char       *item,
      const char       *option)
{
  GtkWidget *button = wm_assessment_flow_get_item_widget (flow, item, option);

  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_sensitive (button));
  if (GTK_IS_TOGGLE_BUTTON (button))
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (button), TRUE);
  else
    gtk_check_button_set_active (GTK_CHECK_BUTTON (button), TRUE);
  g_assert_true (is_active (button));
}

/* Answers every ACE page through its widgets, page by page, and moves on
 * to the summary. */
static void
answer_ace (WmAssessmentFlow *flow)
{
  WmInstrument *instrument = wm_assessment_flow_get_instrument (flow);
  GPtrArray *sections = wm_instrument_get_sections (instrument);

  for (guint i = 0; i < sections->len; i++)
    {
      const WmInstrumentSection *section = g_ptr_array_index (sections, i);

      g_assert_cmpuint (wm_assessment_flow_get_page (flow), ==, i);
      for (guint j = 0; j < section->items->len; j++)
        {
          const WmInstrumentItem *item = g_ptr_array_index (section->items, j);

          if (item->type == WM_ITEM_TEXT)
            gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (wm_assessment_flow_get_item_widget (flow, item->id, NULL))),
                                      "I want to get back into football.", -1);
          else
            tick (flow, item->id, g_strv_contains (known_aces, item->id) ? "yes" : "no");
        }
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (flow), "flow.next", NULL));
    }
  g_assert_cmpuint (wm_assessment_flow_get_page (flow), ==, sections->len);
}

static gint64
submit_ace (Fixture *fixture)
{
  g_autoptr(GPtrArray) records = open_case (fixture->context);

  wm_assessment_flow_start (fixture->flow, kai_case_id, find_profile (records),
                            wm_instrument_registry_lookup_latest (wm_instrument_registry_get_default (),
                                                                  WM_INSTRUMENT_ACE));
  answer_ace (fixture->flow);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->flow), "flow.submit", NULL));
  iterate_until (flow_idle, fixture->flow);
  g_assert_null (wm_assessment_flow_get_message (fixture->flow));
  g_assert_cmpuint (fixture->n_submitted, ==, 1);
  g_assert_true (wm_assessment_flow_get_read_only (fixture->flow));
  return wm_assessment_flow_get_record_id (fixture->flow);
}

static WmRecord *
find_record (GPtrArray *records,
             gint64     record_id)
{
  WmRecord *record = wmt_find_record (records, record_id);

  g_assert_nonnull (record);
  return record;
}

static void
test_ace_through_flow (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(WmAssessmentHistory) history = g_object_ref_sink (wm_assessment_history_new ());
  g_autofree char *row = NULL;
  g_autofree char *figures = NULL;
  WmRecord *record;
  gint64 record_id;
  gint32 score;

  record_id = submit_ace (fixture);

  /* Stored whole, scored, frozen. */
  records = open_case (fixture->context);
  record = find_record (records, record_id);
  g_assert_true (record->immutable);
  g_assert_cmpint (record->approved_by, ==, 0);
  g_assert_cmpstr (wm_payload_get_string (record->payload, WM_ASSESSMENT_STATE), ==, "submitted");
  g_assert_true (wm_payload_get_int (record->payload, WM_ASSESSMENT_SCORE, &score));
  g_assert_cmpint (score, ==, 4);
  g_assert_cmpstr (wm_payload_get_string (record->payload, WM_ASSESSMENT_COMPLETED_ON), ==, "2026-03-02");

  /* And found in the history with its score, its flag and its note. */
  wm_assessment_history_set_records (history, records);
  g_assert_cmpuint (wm_assessment_history_get_n_assessments (history), ==, 1);
  row = wm_assessment_history_dup_row_text (history, record_id);
  g_assert_nonnull (strstr (row, "ACE count 4 (4 or more)"));
  g_assert_nonnull (strstr (row, "population measure"));
  g_assert_nonnull (strstr (row, "Submitted for approval"));
  figures = wm_assessment_history_dup_figures_text (history);
  g_assert_cmpstr (figures, ==, row);
}

static gboolean
flow_closed (gpointer data)
{
  return ((Fixture *) data)->n_closed > 0;
}

static void
test_draft_survives_lock_and_restart (Fixture       *fixture,
                                      gconstpointer  user_data)
{
  g_autoptr(GPtrArray) records = open_case (fixture->context);
  g_autoptr(GPtrArray) records_again = NULL;
  g_autoptr(WmAssessmentHistory) history = g_object_ref_sink (wm_assessment_history_new ());
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) answers = NULL;
  WmContext *restarted;
  const WmRecord *draft;
  gint64 record_id;

  wm_assessment_flow_start (fixture->flow, kai_case_id, find_profile (records),
                            wm_instrument_registry_lookup_latest (wm_instrument_registry_get_default (),
                                                                  WM_INSTRUMENT_ACE));
  tick (fixture->flow, "emotional-abuse", "yes");
  tick (fixture->flow, "physical-abuse", "not-known");
  wm_assessment_flow_next (fixture->flow);
  tick (fixture->flow, "domestic-abuse", "yes");
  iterate_until (flow_idle, fixture->flow);
  record_id = wm_assessment_flow_get_record_id (fixture->flow);
  g_assert_cmpint (record_id, >, 0);

  /* One more answer, and the lock comes before the draft's own timer: the
   * context asks the flow to save it first ("locking"). */
  tick (fixture->flow, "household-substance-misuse", "yes");

  /* A lock empties the flow and asks its window to close. */
  wm_context_lock (fixture->context);
  iterate_until (flow_closed, fixture);
  g_assert_null (wm_assessment_flow_get_instrument (fixture->flow));
  g_assert_cmpuint (wm_assessment_flow_get_n_pages (fixture->flow), ==, 0);

  /* A restart: another context on the same file, signed in afresh. */
  restarted = new_signed_in_context (fixture, WMT_CASEWORKER_A, WMT_CASEWORKER_A_PASS);
  records_again = open_case (restarted);
  wm_assessment_history_set_records (history, records_again);
  draft = wm_assessment_history_find_draft (history, WM_INSTRUMENT_ACE);
  g_assert_nonnull (draft);
  g_assert_cmpint (draft->record_id, ==, record_id);
  g_assert_cmpstr (wm_payload_get_string (draft->payload, WM_ASSESSMENT_STATE), ==, "draft");

  {
    g_autoptr(WmAssessmentFlow) flow = g_object_ref_sink (wm_assessment_flow_new (restarted));

    g_assert_true (wm_assessment_flow_open (flow, kai_case_id, find_profile (records_again), draft, &error));
    g_assert_no_error (error);
    g_assert_false (wm_assessment_flow_get_read_only (flow));
    g_assert_true (option_active (flow, "emotional-abuse", "yes"));
    g_assert_true (option_active (flow, "physical-abuse", "not-known"));
    g_assert_true (option_active (flow, "domestic-abuse", "yes"));
    g_assert_true (option_active (flow, "household-substance-misuse", "yes"));
    g_assert_false (option_active (flow, "sexual-abuse", "yes"));
    answers = wm_assessment_flow_dup_answers (flow);
    g_assert_cmpuint (g_variant_n_children (answers), ==, 4);
    wm_assessment_flow_clear (flow);
  }
  finish_context (restarted);
}

static WmReviewQueue *
supervisor_queue (Fixture    *fixture,
                  WmContext **out_context)
{
  WmContext *context = new_signed_in_context (fixture, WMT_SUPERVISOR, WMT_SUPERVISOR_PASS);
  WmReviewQueue *queue = g_object_ref_sink (wm_review_queue_new (context));

  wm_review_queue_reload (queue);
  *out_context = context;
  return queue;
}

static gboolean
queue_idle (gpointer data)
{
  return !wm_review_queue_get_busy (data);
}

static void
drop_queue (WmReviewQueue *queue,
            WmContext     *context)
{
  g_object_run_dispose (G_OBJECT (queue));
  g_object_unref (queue);
  finish_context (context);
}

static void
test_returned_shows_comments (Fixture       *fixture,
                              gconstpointer  user_data)
{
  const char *comments = "Say where the physical abuse disclosure came from.";
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(WmAssessmentHistory) history = g_object_ref_sink (wm_assessment_history_new ());
  g_autoptr(GError) error = NULL;
  g_autofree char *row = NULL;
  g_autofree char *summary = NULL;
  WmContext *supervisor;
  WmReviewQueue *queue;
  const WmRecord *returned;
  gint64 submitted_id;

  submitted_id = submit_ace (fixture);

  queue = supervisor_queue (fixture, &supervisor);
  iterate_until (queue_idle, queue);
  g_assert_cmpuint (wm_review_queue_get_n_waiting (queue), ==, 1);
  g_assert_cmpint (wm_review_queue_get_record_id (queue, 0), ==, submitted_id);
  summary = wm_review_queue_dup_summary (queue, submitted_id);
  g_assert_nonnull (strstr (summary, "ACE count: 4"));

  /* Returning needs comments. */
  wm_review_queue_return (queue, submitted_id, "  ");
  g_assert_false (wm_review_queue_get_busy (queue));
  g_assert_nonnull (wm_review_queue_get_message (queue));
  wm_review_queue_return (queue, submitted_id, comments);
  iterate_until (queue_idle, queue);
  g_assert_cmpuint (wm_review_queue_get_n_waiting (queue), ==, 0);
  drop_queue (queue, supervisor);

  /* The caseworker finds it open again, with the comments. */
  records = open_case (fixture->context);
  wm_assessment_history_set_records (history, records);
  g_assert_cmpuint (wm_assessment_history_get_n_assessments (history), ==, 2);
  returned = wm_assessment_history_find_draft (history, WM_INSTRUMENT_ACE);
  g_assert_nonnull (returned);
  g_assert_cmpint (returned->amends_id, ==, submitted_id);
  row = wm_assessment_history_dup_row_text (history, returned->record_id);
  g_assert_nonnull (strstr (row, comments));

  g_assert_true (wm_assessment_flow_open (fixture->flow, kai_case_id, find_profile (records), returned, &error));
  g_assert_no_error (error);
  g_assert_false (wm_assessment_flow_get_read_only (fixture->flow));
  g_assert_nonnull (strstr (wm_assessment_flow_get_state_text (fixture->flow), comments));

  /* Changed and submitted again, the comments are left behind. */
  wm_assessment_flow_set_page (fixture->flow, 0);
  tick (fixture->flow, "physical-abuse", "not-known");
  wm_assessment_flow_set_page (fixture->flow, wm_assessment_flow_get_n_pages (fixture->flow) - 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->flow), "flow.submit", NULL));
  iterate_until (flow_idle, fixture->flow);
  g_assert_null (wm_assessment_flow_get_message (fixture->flow));
  g_assert_cmpint (wm_assessment_flow_get_record_id (fixture->flow), ==, returned->record_id);
  g_clear_pointer (&records, g_ptr_array_unref);
  records = open_case (fixture->context);
  g_assert_null (wm_payload_get_string (find_record (records, returned->record_id)->payload,
                                        WM_ASSESSMENT_RETURN_COMMENTS));
}

/* A submitted assessment behind a newer draft in the same case is still
 * waiting: the queue does not rely on the latest assessment alone. */
static void
test_queue_finds_older (Fixture       *fixture,
                        gconstpointer  user_data)
{
  g_autoptr(GPtrArray) records = NULL;
  WmContext *supervisor;
  WmReviewQueue *queue;
  gint64 submitted_id = submit_ace (fixture);

  records = open_case (fixture->context);
  wm_assessment_flow_start (fixture->flow, kai_case_id, find_profile (records),
                            wm_instrument_registry_lookup_latest (wm_instrument_registry_get_default (),
                                                                  WM_INSTRUMENT_ACE));
  tick (fixture->flow, "emotional-abuse", "no");
  wm_assessment_flow_save_now (fixture->flow);
  iterate_until (flow_idle, fixture->flow);
  g_assert_cmpint (wm_assessment_flow_get_record_id (fixture->flow), !=, submitted_id);

  queue = supervisor_queue (fixture, &supervisor);
  iterate_until (queue_idle, queue);
  g_assert_cmpuint (wm_review_queue_get_n_waiting (queue), ==, 1);
  g_assert_cmpint (wm_review_queue_get_record_id (queue, 0), ==, submitted_id);
  drop_queue (queue, supervisor);
}

static gint64
submit_and_approve (Fixture *fixture)
{
  WmContext *supervisor;
  WmReviewQueue *queue;
  gint64 record_id = submit_ace (fixture);

  queue = supervisor_queue (fixture, &supervisor);
  iterate_until (queue_idle, queue);
  g_assert_cmpuint (wm_review_queue_get_n_waiting (queue), ==, 1);
  wm_review_queue_approve (queue, record_id);
  iterate_until (queue_idle, queue);
  g_assert_cmpstr (wm_review_queue_get_message (queue), ==, "Assessment approved");
  g_assert_cmpuint (wm_review_queue_get_n_waiting (queue), ==, 0);
  drop_queue (queue, supervisor);
  return record_id;
}

static void
test_approved_read_only (Fixture       *fixture,
                         gconstpointer  user_data)
{
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) payload = NULL;
  WmRecord *record;
  gint64 record_id;

  record_id = submit_and_approve (fixture);
  records = open_case (fixture->context);
  record = find_record (records, record_id);
  g_assert_cmpint (record->approved_by, ==, wmt_ids.supervisor);

  g_assert_true (wm_assessment_flow_open (fixture->flow, kai_case_id, find_profile (records), record, &error));
  g_assert_no_error (error);
  g_assert_true (wm_assessment_flow_get_read_only (fixture->flow));
  g_assert_false (gtk_widget_is_sensitive (wm_assessment_flow_get_item_widget (fixture->flow, "emotional-abuse", "no")));
  g_assert_nonnull (strstr (wm_assessment_flow_get_state_text (fixture->flow), "Approved"));
  wm_assessment_flow_set_page (fixture->flow, wm_assessment_flow_get_n_pages (fixture->flow) - 1);
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (fixture->flow), "flow.submit", NULL)
                  && wm_assessment_flow_get_busy (fixture->flow));
  g_assert_false (wm_assessment_flow_get_busy (fixture->flow));

  /* Nor can it be changed behind the flow's back. */
  payload = wm_assessment_flow_dup_payload (fixture->flow, "draft");
  wm_context_save_record_async (fixture->context, kai_case_id, record_id, WM_RECORD_ASSESSMENT,
                                payload, NULL, wmg_store_result_cb, &result);
  iterate_until (wmg_has_result, &result);
  g_assert_cmpint (wm_context_save_record_finish (fixture->context, result, &error), ==, 0);
  g_assert_error (error, WM_STORE_ERROR, WM_STORE_ERROR_IMMUTABLE);
}

static void
test_amendment_links (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(WmAssessmentHistory) history = g_object_ref_sink (wm_assessment_history_new ());
  g_autoptr(GError) error = NULL;
  g_autofree char *row = NULL;
  WmRecord *amendment;
  gint64 original_id, amendment_id;

  original_id = submit_and_approve (fixture);
  records = open_case (fixture->context);
  g_assert_true (wm_assessment_flow_open (fixture->flow, kai_case_id, find_profile (records),
                                          find_record (records, original_id), &error));
  g_assert_no_error (error);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->flow), "flow.amend", NULL));
  iterate_until (flow_idle, fixture->flow);
  g_assert_null (wm_assessment_flow_get_message (fixture->flow));
  amendment_id = wm_assessment_flow_get_record_id (fixture->flow);
  g_assert_cmpint (amendment_id, !=, original_id);
  g_assert_false (wm_assessment_flow_get_read_only (fixture->flow));
  /* The amendment starts with the approved answers. */
  g_assert_true (option_active (fixture->flow, "emotional-abuse", "yes"));

  g_clear_pointer (&records, g_ptr_array_unref);
  records = open_case (fixture->context);
  amendment = find_record (records, amendment_id);
  g_assert_cmpint (amendment->amends_id, ==, original_id);
  g_assert_cmpstr (wm_payload_get_string (amendment->payload, WM_ASSESSMENT_STATE), ==, "draft");
  g_assert_true (find_record (records, original_id)->immutable);

  wm_assessment_history_set_records (history, records);
  row = wm_assessment_history_dup_row_text (history, amendment_id);
  g_assert_nonnull (strstr (row, "Amends the assessment of 2 March 2026"));
  g_clear_pointer (&row, g_free);
  row = wm_assessment_history_dup_row_text (history, original_id);
  g_assert_nonnull (strstr (row, "Approved, since amended"));
}

static void
test_conditions_and_review (Fixture       *fixture,
                            gconstpointer  user_data)
{
  g_autoptr(GPtrArray) records = open_case (fixture->context);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *row;

  wm_assessment_flow_start (fixture->flow, kai_case_id, find_profile (records),
                            wm_instrument_registry_lookup (wm_instrument_registry_get_default (),
                                                           WM_INSTRUMENT_DIVERSION_RISK_NEEDS, 2));
  /* Shown only while its condition holds, as answers change. */
  g_assert_false (wm_assessment_flow_get_item_shown (fixture->flow, "physical-health-details"));
  tick (fixture->flow, "physical-health-concern", "yes");
  g_assert_true (wm_assessment_flow_get_item_shown (fixture->flow, "physical-health-details"));
  tick (fixture->flow, "physical-health-concern", "no");
  g_assert_false (wm_assessment_flow_get_item_shown (fixture->flow, "physical-health-details"));
  /* "Not known" is there for every item that allows it. */
  g_assert_nonnull (wm_assessment_flow_get_item_widget (fixture->flow, "housing-situation", "not-known"));
  g_assert_nonnull (wm_assessment_flow_get_item_widget (fixture->flow, "exploitation-indicators", "not-known"));
  g_assert_nonnull (wm_assessment_flow_get_item_widget (fixture->flow, "missing-episodes", "not-known"));

  /* The next review follows the judgement, by the organisation's
   * intervals: the defaults until an administrator sets others. */
  row = wm_assessment_flow_get_judgement_row (fixture->flow, WM_JUDGEMENT_SERIOUS_HARM);
  g_assert_true (ADW_IS_COMBO_ROW (row));
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), 4);  /* very high: 4 weeks */
  g_assert_cmpstr (wm_assessment_flow_get_next_review (fixture->flow), ==, "2026-03-30");
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), 2);  /* medium: 12 weeks */
  g_assert_cmpstr (wm_assessment_flow_get_next_review (fixture->flow), ==, "2026-05-25");
  iterate_until (flow_idle, fixture->flow);

  /* An administrator at another desk sets them; this desk uses them from
   * its next unlock. */
  {
    g_autoptr(WmStore) store = wmt_open_store (&fixture->store);
    g_autoptr(WmSession) admin = wmt_sign_in (store, WMT_ADMIN, WMT_ADMIN_PASS);
    const WmReviewIntervals policy = { { 10, 8, 3, 2 } };

    g_assert_true (wm_review_intervals_save (&policy, admin, &error));
    g_assert_no_error (error);
  }
  g_assert_cmpuint (wm_context_get_review_intervals (fixture->context)->weeks[3], ==, 4);
  wm_context_lock (fixture->context);
  iterate_until (flow_closed, fixture);
  wm_context_sign_in_async (fixture->context, WMT_CASEWORKER_A, WMT_CASEWORKER_A_PASS, NULL,
                            wmg_store_result_cb, &result);
  iterate_until (wmg_has_result, &result);
  g_assert_true (wm_context_sign_in_finish (fixture->context, result, NULL, &error));
  g_assert_no_error (error);

  wm_assessment_flow_start (fixture->flow, kai_case_id, find_profile (records),
                            wm_instrument_registry_lookup (wm_instrument_registry_get_default (),
                                                           WM_INSTRUMENT_DIVERSION_RISK_NEEDS, 2));
  row = wm_assessment_flow_get_judgement_row (fixture->flow, WM_JUDGEMENT_SERIOUS_HARM);
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), 4);  /* very high: now 2 weeks */
  g_assert_cmpstr (wm_assessment_flow_get_next_review (fixture->flow), ==, "2026-03-16");
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), 2);  /* medium: now 8 weeks */
  g_assert_cmpstr (wm_assessment_flow_get_next_review (fixture->flow), ==, "2026-04-27");
  iterate_until (flow_idle, fixture->flow);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  wm_resources_register ();
  g_object_set (gtk_settings_get_default (), "gtk-cursor-blink", FALSE, NULL);

  wmt_template_configure (WMT_USERS_CASEWORKER_A | WMT_USERS_SUPERVISOR, populate);

  g_test_add ("/assessment/ace-through-flow", Fixture, NULL,
              fixture_set_up, test_ace_through_flow, fixture_tear_down);
  g_test_add ("/assessment/queue-finds-older", Fixture, NULL,
              fixture_set_up, test_queue_finds_older, fixture_tear_down);
  g_test_add ("/assessment/draft-survives-lock-and-restart", Fixture, NULL,
              fixture_set_up, test_draft_survives_lock_and_restart, fixture_tear_down);
  g_test_add ("/assessment/returned-shows-comments", Fixture, NULL,
              fixture_set_up, test_returned_shows_comments, fixture_tear_down);
  g_test_add ("/assessment/approved-read-only", Fixture, NULL,
              fixture_set_up, test_approved_read_only, fixture_tear_down);
  g_test_add ("/assessment/amendment-links", Fixture, NULL,
              fixture_set_up, test_amendment_links, fixture_tear_down);
  g_test_add ("/assessment/conditions-and-review", Fixture, NULL,
              fixture_set_up, test_conditions_and_review, fixture_tear_down);

  status = g_test_run ();
  wmt_template_cleanup ();
  return status;
}
