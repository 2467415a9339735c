/* test-case-page.c — the young person's record: the form, duplicates, the contact log, history, clearing
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each test opens a copy of one template database (one caseworker, one
 * young person already on the caseload) with a real WmContext, signs in on
 * the context's store thread, and drives a WmCasePage in a window the way
 * a caseworker would: typing into the rows, activating the page's
 * actions, answering its dialogs. What is saved is read back through the
 * context, not through the page.
 */

#define G_LOG_DOMAIN "test-case-page"

#include "config.h"

#include <string.h>
#include <adwaita.h>

#include "wm-case.h"
#include "wm-case-page.h"
#include "wm-casework.h"
#include "wm-contact-editor.h"
#include "wm-contact-item.h"
#include "wm-context.h"
#include "wm-date.h"
#include "wm-history-dialog.h"
#include "wm-person.h"
#include "wm-profile-form.h"
#include "wm-resources.h"
#include "wm-gui-test-util.h"
#include "wm-store-test-util.h"

/* Synthetic young people. Kai is on the caseload from the start. */
#define KAI_GIVEN      "Kai"
#define KAI_FAMILY     "Okafor"
#define KAI_BIRTH      "2008-11-20"
#define KAI_BIRTH_UK   "20/11/2008"
#define NEW_GIVEN      "Eirlys"
#define NEW_FAMILY     "Tregaron-Bowen"

typedef struct
{
  WmtFixture   store;
  WmContext   *context;
  GtkWindow   *window;
  WmCasePage  *page;
  gint64       saved_case_id;
  guint        n_saved;
} Fixture;

static GVariant *
profile (const char *given,
         const char *family,
         const char *date_of_birth)
{
  GVariantDict dict;

  g_variant_dict_init (&dict, NULL);
  g_variant_dict_insert (&dict, WM_PROFILE_GIVEN_NAME, "s", given);
  g_variant_dict_insert (&dict, WM_PROFILE_FAMILY_NAME, "s", family);
  g_variant_dict_insert (&dict, WM_PROFILE_DATE_OF_BIRTH, "s", date_of_birth);
  g_variant_dict_insert (&dict, WM_PROFILE_STATUS, "s", WM_CASE_STATUS_REFERRED);
  return g_variant_dict_end (&dict);
}

static void
populate (WmStore   *store,
          WmSession *admin)
{
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (wm_session_create_case (admin, wmt_ids.caseworker_a,
                                           profile (KAI_GIVEN, KAI_FAMILY, KAI_BIRTH), &error), >, 0);
  g_assert_no_error (error);
}

/* Runs the main loop until @done says so, failing after 30 s. */
static void
iterate_until (WmgDoneFunc done,
               gpointer    data)
{
  g_assert_true (wmg_iterate_until (done, data, 30));
}

static void
saved_cb (WmCasePage *page,
          gint64      case_id,
          Fixture    *fixture)
{
  fixture->saved_case_id = case_id;
  fixture->n_saved++;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(WmStore) store = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  wmt_fixture_setup (&fixture->store, WMT_WITH_TEMPLATE);
  store = wmt_open_store (&fixture->store);
  fixture->context = wm_context_new (store);

  wm_context_sign_in_async (fixture->context, WMT_CASEWORKER_A, WMT_CASEWORKER_A_PASS, NULL,
                            wmg_store_result_cb, &result);
  iterate_until (wmg_has_result, &result);
  g_assert_true (wm_context_sign_in_finish (fixture->context, result, NULL, &error));
  g_assert_no_error (error);

  fixture->page = wm_case_page_new (fixture->context);
  g_signal_connect (fixture->page, "saved", G_CALLBACK (saved_cb), fixture);
  fixture->window = GTK_WINDOW (adw_window_new ());
  gtk_window_set_default_size (fixture->window, 800, 700);
  adw_window_set_content (ADW_WINDOW (fixture->window), GTK_WIDGET (fixture->page));
  gtk_window_present (fixture->window);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  gtk_window_destroy (fixture->window);
  wm_context_wait_idle (fixture->context);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_finalize_object (fixture->context);
  wmt_fixture_teardown (&fixture->store, WMT_WITH_TEMPLATE);
}

/* The caseload as the context reads it now. */
static GListModel *
load_caseload (Fixture *fixture)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *cases;

  wm_context_load_caseload_async (fixture->context, NULL, wmg_store_result_cb, &result);
  iterate_until (wmg_has_result, &result);
  cases = wm_context_load_caseload_finish (fixture->context, result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (cases);
  return cases;
}

static gboolean
caseload_has (GListModel *cases,
              const char *display_name)
{
  for (guint i = 0; i < g_list_model_get_n_items (cases); i++)
    {
      g_autoptr(WmCase) row = g_list_model_get_item (cases, i);

      if (g_strcmp0 (wm_case_get_display_name (row), display_name) == 0)
        return TRUE;
    }
  return FALSE;
}

static void
type_into (Fixture    *fixture,
           const char *key,
           const char *text)
{
  GtkWidget *widget = wm_profile_form_get_field_widget (wm_case_page_get_form (fixture->page), key);

  g_assert_true (GTK_IS_EDITABLE (widget));
  gtk_editable_set_text (GTK_EDITABLE (widget), text);
}

static gboolean
page_idle (gpointer data)
{
  Fixture *fixture = data;

  return !wm_case_page_get_busy (fixture->page);
}

static void
press_save (Fixture *fixture)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "page.save", NULL));
}

/* The one toplevel of @type, or NULL. */
static GtkWindow *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }
  return NULL;
}

static gboolean
saved_once_more (gpointer data)
{
  Fixture *fixture = data;

  return fixture->n_saved > 0 && !wm_case_page_get_busy (fixture->page);
}

static void
test_create_person (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autoptr(GListModel) cases = NULL;
  WmProfileForm *form = wm_case_page_get_form (fixture->page);
  g_autofree char *display = NULL;

  wm_case_page_new_person (fixture->page);
  type_into (fixture, WM_PROFILE_GIVEN_NAME, NEW_GIVEN);
  type_into (fixture, WM_PROFILE_FAMILY_NAME, NEW_FAMILY);
  /* The British form, as referral letters print it; the age shows at once. */
  type_into (fixture, WM_PROFILE_DATE_OF_BIRTH, "02/04/2011");
  g_assert_true (g_str_has_prefix (wm_profile_form_get_field_message (form, WM_PROFILE_DATE_OF_BIRTH),
                                   "Age "));
  adw_combo_row_set_selected (ADW_COMBO_ROW (wm_profile_form_get_field_widget (form, WM_PROFILE_LOCAL_AUTHORITY)), 2);
  gtk_switch_set_active (GTK_SWITCH (wm_profile_form_get_field_widget (form, WM_PROFILE_YOUNG_CARER)), TRUE);

  press_save (fixture);
  iterate_until (saved_once_more, fixture);
  g_assert_cmpstr (wm_case_page_get_message (fixture->page), ==, "");
  g_assert_cmpint (fixture->saved_case_id, >, 0);
  g_assert_cmpint (wm_case_page_get_case_id (fixture->page), ==, fixture->saved_case_id);

  cases = load_caseload (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (cases), ==, 2);
  display = g_strdup_printf ("%s %s", NEW_GIVEN, NEW_FAMILY);
  g_assert_true (caseload_has (cases, display));

  /* The record opens, with what was typed, stored as ISO and ids. */
  iterate_until (page_idle, fixture);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (wm_profile_form_get_field_widget (form, WM_PROFILE_DATE_OF_BIRTH))),
                   ==, "2011-04-02");
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (wm_profile_form_get_field_widget (form, WM_PROFILE_YOUNG_CARER))));
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (wm_profile_form_get_field_widget (form, WM_PROFILE_LOCAL_AUTHORITY))),
                    ==, 2);
}

static void
test_future_birth_refused (Fixture       *fixture,
                           gconstpointer  user_data)
{
  g_autoptr(GListModel) cases = NULL;
  WmProfileForm *form = wm_case_page_get_form (fixture->page);
  g_autofree char *tomorrow_text = NULL;
  GDate tomorrow;

  wm_context_get_today (fixture->context, &tomorrow);
  g_date_add_days (&tomorrow, 1);
  tomorrow_text = g_strdup_printf ("%02u/%02u/%04u", g_date_get_day (&tomorrow),
                                   g_date_get_month (&tomorrow), g_date_get_year (&tomorrow));

  wm_case_page_new_person (fixture->page);
  type_into (fixture, WM_PROFILE_GIVEN_NAME, NEW_GIVEN);
  type_into (fixture, WM_PROFILE_DATE_OF_BIRTH, tomorrow_text);

  /* Said next to the field as it is typed... */
  g_assert_cmpstr (wm_profile_form_get_field_message (form, WM_PROFILE_DATE_OF_BIRTH), ==,
                   "A date of birth cannot be in the future");
  g_assert_true (gtk_widget_has_css_class (wm_profile_form_get_field_widget (form, WM_PROFILE_DATE_OF_BIRTH),
                                           "error"));

  /* ...and saving is refused, with nothing written. */
  press_save (fixture);
  g_assert_false (wm_case_page_get_busy (fixture->page));
  g_assert_cmpstr (wm_case_page_get_message (fixture->page), !=, "");
  g_assert_cmpuint (fixture->n_saved, ==, 0);
  cases = load_caseload (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (cases), ==, 1);

  /* A missing date of birth and name are named too. */
  type_into (fixture, WM_PROFILE_GIVEN_NAME, "");
  type_into (fixture, WM_PROFILE_DATE_OF_BIRTH, "");
  press_save (fixture);
  g_assert_cmpstr (wm_profile_form_get_field_message (form, WM_PROFILE_DATE_OF_BIRTH), ==, "Required");
  g_assert_cmpstr (wm_profile_form_get_field_message (form, WM_PROFILE_GIVEN_NAME), !=, "");

  /* An age outside 10 to 25 warns and does not refuse. */
  type_into (fixture, WM_PROFILE_GIVEN_NAME, NEW_GIVEN);
  type_into (fixture, WM_PROFILE_DATE_OF_BIRTH, "1990-01-01");
  g_assert_nonnull (strstr (wm_profile_form_get_field_message (form, WM_PROFILE_DATE_OF_BIRTH), "outside"));
  g_assert_true (gtk_widget_has_css_class (wm_profile_form_get_field_widget (form, WM_PROFILE_DATE_OF_BIRTH),
                                           "warning"));
  g_assert_true (wm_profile_form_validate (form));
}

static void
test_duplicate_warning (Fixture       *fixture,
                        gconstpointer  user_data)
{
  g_autoptr(GListModel) before = load_caseload (fixture);
  g_autoptr(GListModel) after_cancel = NULL;
  g_autoptr(GListModel) after_create = NULL;
  AdwMessageDialog *dialog;

  wm_case_page_set_caseload (fixture->page, before);
  wm_case_page_new_person (fixture->page);
  type_into (fixture, WM_PROFILE_GIVEN_NAME, KAI_GIVEN);
  type_into (fixture, WM_PROFILE_FAMILY_NAME, KAI_FAMILY);
  type_into (fixture, WM_PROFILE_DATE_OF_BIRTH, KAI_BIRTH_UK);

  press_save (fixture);
  dialog = ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (dialog);
  g_assert_false (wm_case_page_get_busy (fixture->page));
  /* The warning names the case by its reference, not the young person. */
  g_assert_null (strstr (adw_message_dialog_get_body (dialog), KAI_FAMILY));
  adw_message_dialog_response (dialog, "cancel");
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (fixture->n_saved, ==, 0);
  after_cancel = load_caseload (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (after_cancel), ==, 1);

  /* A different young person who shares both: created on request. */
  press_save (fixture);
  dialog = ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "create");
  iterate_until (saved_once_more, fixture);
  after_create = load_caseload (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (after_create), ==, 2);
}

static gboolean
editor_closed (gpointer data)
{
  return find_toplevel (WM_TYPE_CONTACT_EDITOR) == NULL;
}

static gboolean
history_loaded (gpointer data)
{
  WmHistoryDialog *dialog = WM_HISTORY_DIALOG (find_toplevel (WM_TYPE_HISTORY_DIALOG));

  return dialog != NULL && !wm_history_dialog_get_loading (dialog);
}

static GtkTextBuffer *
editor_note (WmContactEditor *editor)
{
  GObject *view = gtk_widget_get_template_child (GTK_WIDGET (editor), WM_TYPE_CONTACT_EDITOR, "note_view");

  return gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
}

static gint64
create_case (Fixture *fixture)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 case_id;

  wm_context_create_person_async (fixture->context, wm_context_get_user_id (fixture->context),
                                  profile (NEW_GIVEN, NEW_FAMILY, "2011-04-02"), NULL,
                                  wmg_store_result_cb, &result);
  iterate_until (wmg_has_result, &result);
  case_id = wm_context_create_person_finish (fixture->context, result, &error);
  g_assert_no_error (error);
  return case_id;
}

static void
test_contacts_history_and_clear (Fixture       *fixture,
                                 gconstpointer  user_data)
{
  g_autoptr(GListModel) cases = NULL;
  g_autoptr(GString) long_note = g_string_new (NULL);
  GListModel *contacts = wm_case_page_get_contacts (fixture->page);
  WmContactEditor *editor;
  WmHistoryDialog *history;
  gint64 case_id = create_case (fixture);
  gint64 record_id;
  gint64 started;
  g_autofree char *summary = NULL;

  cases = load_caseload (fixture);
  wm_case_page_set_caseload (fixture->page, cases);
  wm_case_page_show_case (fixture->page, case_id);
  g_assert_true (wm_case_page_get_busy (fixture->page));
  iterate_until (page_idle, fixture);
  g_assert_true (wmg_tree_shows (GTK_WIDGET (fixture->page), NEW_FAMILY));
  g_assert_cmpuint (g_list_model_get_n_items (contacts), ==, 0);

  /* Add a contact. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "page.add-contact", NULL));
  editor = WM_CONTACT_EDITOR (find_toplevel (WM_TYPE_CONTACT_EDITOR));
  g_assert_nonnull (editor);
  gtk_text_buffer_set_text (editor_note (editor), "Met " NEW_GIVEN " at the youth centre.\nTalked about school.", -1);
  wm_contact_editor_save (editor);
  iterate_until (editor_closed, NULL);
  iterate_until (saved_once_more, fixture);
  g_assert_cmpuint (g_list_model_get_n_items (contacts), ==, 1);
  {
    g_autoptr(WmContactItem) item = g_list_model_get_item (contacts, 0);

    record_id = wm_contact_item_get_record_id (item);
    summary = wm_contact_item_dup_summary (item);
    g_assert_cmpstr (summary, ==, "Met " NEW_GIVEN " at the youth centre.");
  }

  /* Change it: a new version of the same record. */
  fixture->n_saved = 0;
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "page.edit-contact", "x", record_id));
  editor = WM_CONTACT_EDITOR (find_toplevel (WM_TYPE_CONTACT_EDITOR));
  g_assert_nonnull (editor);
  g_assert_cmpint (wm_contact_editor_get_record_id (editor), ==, record_id);
  gtk_text_buffer_set_text (editor_note (editor), "Met " NEW_GIVEN " at the youth centre; her carer came too.", -1);
  wm_contact_editor_save (editor);
  iterate_until (editor_closed, NULL);
  iterate_until (saved_once_more, fixture);
  g_assert_cmpuint (g_list_model_get_n_items (contacts), ==, 1);

  /* The history shows both versions. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "page.contact-history", "x", record_id));
  iterate_until (history_loaded, NULL);
  history = WM_HISTORY_DIALOG (find_toplevel (WM_TYPE_HISTORY_DIALOG));
  g_assert_cmpuint (wm_history_dialog_get_n_versions (history), ==, 2);
  g_assert_true (wmg_tree_shows (GTK_WIDGET (history), "her carer came too"));
  gtk_window_close (GTK_WINDOW (history));

  /* A 10 MB paste is refused at once, without copying it to the store. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "page.add-contact", NULL));
  editor = WM_CONTACT_EDITOR (find_toplevel (WM_TYPE_CONTACT_EDITOR));
  while (long_note->len < 10 * 1024 * 1024)
    g_string_append (long_note, "A line of a very long note that was pasted from somewhere else.\n");
  gtk_text_buffer_set_text (editor_note (editor), long_note->str, (int) long_note->len);
  started = g_get_monotonic_time ();
  wm_contact_editor_save (editor);
  g_test_message ("refusing a 10 MB note took %.1f ms",
                  (g_get_monotonic_time () - started) / 1000.0);
  g_assert_cmpint (g_get_monotonic_time () - started, <, G_USEC_PER_SEC);
  g_assert_false (wm_contact_editor_get_saving (editor));
  g_assert_cmpstr (wm_contact_editor_get_message (editor), !=, "");
  started = g_get_monotonic_time ();
  for (int i = 0; i < 10; i++)
    g_main_context_iteration (NULL, FALSE);
  g_test_message ("ten main-loop iterations with the note shown took %.1f ms",
                  (g_get_monotonic_time () - started) / 1000.0);

  /* Lock: nothing of the young person is left in the page, the editor
   * over it is gone, and no contact is held. */
  wm_case_page_clear (fixture->page);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_null (find_toplevel (WM_TYPE_CONTACT_EDITOR));
  g_assert_false (wmg_tree_shows (GTK_WIDGET (fixture->page), NEW_GIVEN));
  g_assert_false (wmg_tree_shows (GTK_WIDGET (fixture->page), NEW_FAMILY));
  g_assert_false (wmg_tree_shows (GTK_WIDGET (fixture->page), "youth centre"));
  g_assert_cmpuint (g_list_model_get_n_items (contacts), ==, 0);
  g_assert_cmpint (wm_case_page_get_case_id (fixture->page), ==, 0);
}

static const char *
case_status (Fixture *fixture,
             gint64   case_id)
{
  g_autoptr(GListModel) cases = load_caseload (fixture);
  static char status[32];

  for (guint i = 0; i < g_list_model_get_n_items (cases); i++)
    {
      g_autoptr(WmCase) row = g_list_model_get_item (cases, i);

      if (wm_case_get_id (row) == case_id)
        {
          g_strlcpy (status, wm_case_get_status (row), sizeof status);
          return status;
        }
    }
  g_assert_not_reached ();
}

static gboolean
saved_twice (gpointer data)
{
  Fixture *fixture = data;

  return fixture->n_saved >= 2 && !wm_case_page_get_busy (fixture->page);
}

static void
test_status_changes (Fixture       *fixture,
                     gconstpointer  user_data)
{
  gint64 case_id = create_case (fixture);
  GtkWidget *warning = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (fixture->page),
                                                                  WM_TYPE_CASE_PAGE, "warning_label"));
  AdwMessageDialog *dialog;

  wm_case_page_show_case (fixture->page, case_id);
  iterate_until (page_idle, fixture);
  g_assert_false (gtk_widget_get_visible (warning));

  /* Referred, then active: an active case without agreement on record
   * is pointed out, not refused. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "page.start", NULL));
  iterate_until (saved_once_more, fixture);
  iterate_until (page_idle, fixture);
  g_assert_cmpstr (case_status (fixture, case_id), ==, WM_CASE_STATUS_ACTIVE);
  g_assert_true (gtk_widget_get_visible (warning));

  /* Closing asks why, and writes the closure before the status. */
  fixture->n_saved = 0;
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "page.close-case", NULL));
  dialog = ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "close");
  iterate_until (saved_once_more, fixture);
  iterate_until (page_idle, fixture);
  g_assert_cmpstr (case_status (fixture, case_id), ==, WM_CASE_STATUS_CLOSED);

  /* Reopened: active again. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "page.reopen", NULL));
  iterate_until (saved_twice, fixture);
  iterate_until (page_idle, fixture);
  g_assert_cmpstr (case_status (fixture, case_id), ==, WM_CASE_STATUS_ACTIVE);
}

static void
test_parse_date (void)
{
  GDate date;

  g_assert_true (wm_gui_parse_date ("2011-04-02", &date));
  g_assert_cmpuint (g_date_get_day (&date), ==, 2);
  g_assert_true (wm_gui_parse_date (" 2/4/2011 ", &date));
  g_assert_cmpuint (g_date_get_month (&date), ==, 4);
  g_assert_cmpuint (g_date_get_day (&date), ==, 2);
  g_assert_false (wm_gui_parse_date ("31/02/2011", &date));
  g_assert_false (wm_gui_parse_date ("02/04/11", &date));
  g_assert_false (wm_gui_parse_date ("2/4/2011x", &date));
  g_assert_false (wm_gui_parse_date ("", &date));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  wm_resources_register ();
  /* Xvfb has no window manager to give the window focus, and GTK 4.8's
   * cursor blink warns when it finds the focused entry's window unfocused. */
  g_object_set (gtk_settings_get_default (), "gtk-cursor-blink", FALSE, NULL);

  wmt_template_configure (WMT_USERS_CASEWORKER_A, populate);

  g_test_add_func ("/case-page/parse-date", test_parse_date);
  g_test_add ("/case-page/create-person", Fixture, NULL,
              fixture_set_up, test_create_person, fixture_tear_down);
  g_test_add ("/case-page/future-birth-refused", Fixture, NULL,
              fixture_set_up, test_future_birth_refused, fixture_tear_down);
  g_test_add ("/case-page/duplicate-warning", Fixture, NULL,
              fixture_set_up, test_duplicate_warning, fixture_tear_down);
  g_test_add ("/case-page/status-changes", Fixture, NULL,
              fixture_set_up, test_status_changes, fixture_tear_down);
  g_test_add ("/case-page/contacts-history-and-clear", Fixture, NULL,
              fixture_set_up, test_contacts_history_and_clear, fixture_tear_down);

  status = g_test_run ();
  wmt_template_cleanup ();
  return status;
}
