/* test-desk.c — the caseworker's desk: sign-in, the caseload, locking, reassigning
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each test opens a copy of one template database (a supervisor and two
 * caseworkers, three young people) in a real WmWindow with a real
 * WmContext, so sign-in derives real keys on the store thread and the
 * window gets its data back the way it does in use. Tests of the filters
 * make WmCase rows directly: they need no database.
 */

#define G_LOG_DOMAIN "test-desk"

#include "config.h"

#include <string.h>
#define G_SETTINGS_ENABLE_BACKEND
#include <gio/gsettingsbackend.h>
#include <adwaita.h>

#include "wm-application.h"
#include "wm-assessment.h"
#include "wm-case.h"
#include "wm-case-page.h"
#include "wm-caseload-view.h"
#include "wm-casework.h"
#include "wm-context.h"
#include "wm-import-dialog.h"
#include "wm-person.h"
#include "wm-partner-directory.h"
#include "wm-profile-form.h"
#include "wm-referral-composer.h"
#include "wm-referral-export.h"
#include "wm-referral-list.h"
#include "wm-payload.h"
#include "wm-preferences-window.h"
#include "wm-resources.h"
#include "wm-sign-in-page.h"
#include "wm-gui-test-util.h"
#include "wm-store-test-util.h"
#include "wm-window.h"

/* Synthetic young people: the names the lock must leave nowhere. */
#define SIAN_NAME   "Siân"
#define SIAN_FAMILY "Prydderch"

static WmApplication *application;

typedef struct
{
  WmtFixture        store;
  GSettingsBackend *backend;
  GSettings        *settings;
  WmContext        *context;
  WmWindow         *window;
} Fixture;

static GVariant *
profile (const char *given,
         const char *family,
         const char *date_of_birth,
         const char *area)
{
  GVariantDict dict;

  g_variant_dict_init (&dict, NULL);
  g_variant_dict_insert (&dict, WM_PROFILE_GIVEN_NAME, "s", given);
  g_variant_dict_insert (&dict, WM_PROFILE_FAMILY_NAME, "s", family);
  g_variant_dict_insert (&dict, WM_PROFILE_DATE_OF_BIRTH, "s", date_of_birth);
  g_variant_dict_insert (&dict, WM_PROFILE_LOCAL_AUTHORITY, "s", area);
  g_variant_dict_insert (&dict, WM_PROFILE_STATUS, "s", "referred");
  return g_variant_dict_end (&dict);
}

static void
populate (WmStore   *store,
          WmSession *admin)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *partners = wm_referral_dup_partners_path ();

  /* The partner directory, signed by the administrator, as at init. */
  wm_referral_seed_partners (admin, partners, NULL, &error);
  g_assert_no_error (error);

  g_assert_cmpint (wm_session_create_case (admin, wmt_ids.caseworker_a,
                                           profile (SIAN_NAME, SIAN_FAMILY, "2010-04-02", "shropshire"),
                                           &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpint (wm_session_create_case (admin, wmt_ids.caseworker_a,
                                           profile ("Kai", "Okafor", "2008-11-20", "herefordshire"),
                                           &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpint (wm_session_create_case (admin, wmt_ids.caseworker_b,
                                           profile ("Maja", "Kowalska", "2009-01-15", "worcestershire"),
                                           &error), >, 0);
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(WmStore) store = NULL;

  wmt_fixture_setup (&fixture->store, WMT_WITH_TEMPLATE);
  store = wmt_open_store (&fixture->store);
  fixture->backend = g_memory_settings_backend_new ();
  fixture->settings = g_settings_new_with_backend (APPLICATION_ID, fixture->backend);
  fixture->context = wm_context_new (store);
  fixture->window = wm_window_new (application, fixture->settings, fixture->context, NULL, NULL);
  gtk_window_present (GTK_WINDOW (fixture->window));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  wm_context_wait_idle (fixture->context);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_finalize_object (fixture->context);
  g_clear_object (&fixture->settings);
  g_clear_object (&fixture->backend);
  wmt_fixture_teardown (&fixture->store, WMT_WITH_TEMPLATE);
}

/* Runs the main loop until @done says so, failing after 30 s. */
static void
iterate_until (WmgDoneFunc done,
               gpointer    data)
{
  g_assert_true (wmg_iterate_until (done, data, 30));
}

static GtkWidget *
template_child (gpointer    widget,
                GType       type,
                const char *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (widget), type, name);

  g_assert_true (GTK_IS_WIDGET (child));
  return GTK_WIDGET (child);
}

static const char *
visible_page (Fixture *fixture)
{
  return gtk_stack_get_visible_child_name (GTK_STACK (template_child (fixture->window, WM_TYPE_WINDOW, "stack")));
}

static WmCaseloadView *
caseload_view (Fixture *fixture)
{
  return WM_CASELOAD_VIEW (wm_window_get_caseload_view (fixture->window));
}

static gboolean
cases_loaded (gpointer data)
{
  Fixture *fixture = data;

  return g_list_model_get_n_items (wm_caseload_view_get_cases (caseload_view (fixture))) > 0;
}

static WmSignInPage *
sign_in_page (Fixture *fixture)
{
  GtkStack *stack = GTK_STACK (template_child (fixture->window, WM_TYPE_WINDOW, "stack"));

  return WM_SIGN_IN_PAGE (gtk_stack_get_child_by_name (stack, "sign-in"));
}

/* Types into the sign-in page and presses Sign In, as a user would. */
static void
type_sign_in (Fixture    *fixture,
              const char *name,
              const char *passphrase)
{
  WmSignInPage *page = sign_in_page (fixture);
  GtkWidget *user_entry = template_child (page, WM_TYPE_SIGN_IN_PAGE, "user_entry");
  GtkWidget *passphrase_entry = template_child (page, WM_TYPE_SIGN_IN_PAGE, "passphrase_entry");
  GtkWidget *button = template_child (page, WM_TYPE_SIGN_IN_PAGE, "sign_in_button");

  if (gtk_editable_get_editable (GTK_EDITABLE (user_entry)))
    gtk_editable_set_text (GTK_EDITABLE (user_entry), name);
  gtk_editable_set_text (GTK_EDITABLE (passphrase_entry), passphrase);
  g_assert_true (gtk_widget_get_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
  /* The typed passphrase leaves the entry at once. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (passphrase_entry)), ==, "");
}

static gboolean
at_desk (gpointer data)
{
  Fixture *fixture = data;

  return g_strcmp0 (visible_page (fixture), "desk") == 0 && cases_loaded (fixture);
}

static void
sign_in (Fixture    *fixture,
         const char *name,
         const char *passphrase)
{
  type_sign_in (fixture, name, passphrase);
  iterate_until (at_desk, fixture);
}

static gboolean
message_shown (gpointer data)
{
  Fixture *fixture = data;

  return gtk_widget_get_visible (template_child (sign_in_page (fixture), WM_TYPE_SIGN_IN_PAGE, "message_label"));
}

static void
test_sign_in_wrong_then_right (Fixture       *fixture,
                               gconstpointer  user_data)
{
  GtkWidget *message;

  g_assert_cmpstr (visible_page (fixture), ==, "sign-in");
  type_sign_in (fixture, WMT_CASEWORKER_A, "not the passphrase at all");
  iterate_until (message_shown, fixture);
  message = template_child (sign_in_page (fixture), WM_TYPE_SIGN_IN_PAGE, "message_label");
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (message)), "passphrase"));
  g_assert_cmpstr (visible_page (fixture), ==, "sign-in");
  g_assert_false (wm_context_get_signed_in (fixture->context));

  sign_in (fixture, WMT_CASEWORKER_A, WMT_CASEWORKER_A_PASS);
  g_assert_cmpuint (g_list_model_get_n_items (wm_caseload_view_get_cases (caseload_view (fixture))), ==, 2);
  g_assert_false (gtk_widget_get_visible (message));
}

static gboolean
sign_in_idle (gpointer data)
{
  Fixture *fixture = data;
  GtkWidget *spinner = template_child (sign_in_page (fixture), WM_TYPE_SIGN_IN_PAGE, "spinner");

  return message_shown (fixture) && !gtk_widget_get_visible (spinner);
}

static gboolean
may_try_again (gpointer data)
{
  Fixture *fixture = data;

  return gtk_widget_get_sensitive (template_child (sign_in_page (fixture), WM_TYPE_SIGN_IN_PAGE,
                                                   "sign_in_button"));
}

static void
test_countdown (Fixture       *fixture,
                gconstpointer  user_data)
{
  WmSignInPage *page = sign_in_page (fixture);
  GtkWidget *message = template_child (page, WM_TYPE_SIGN_IN_PAGE, "message_label");
  GtkWidget *button = template_child (page, WM_TYPE_SIGN_IN_PAGE, "sign_in_button");
  GtkWidget *passphrase = template_child (page, WM_TYPE_SIGN_IN_PAGE, "passphrase_entry");

  /* Two wrong passphrases cost nothing; the third makes the account wait. */
  for (guint i = 0; i < 3; i++)
    {
      type_sign_in (fixture, WMT_CASEWORKER_A, "not the passphrase at all");
      iterate_until (sign_in_idle, fixture);
    }
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (message)), "Try again in"));
  gtk_editable_set_text (GTK_EDITABLE (passphrase), WMT_CASEWORKER_A_PASS);
  g_assert_false (gtk_widget_get_sensitive (button));

  /* When the wait is over (the store's clock moved on with it), the page
   * says so and lets the next try through. */
  fixture->store.clock += 10 * G_USEC_PER_SEC;
  iterate_until (may_try_again, fixture);
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (message)), ==, "You can try again now.");
  sign_in (fixture, WMT_CASEWORKER_A, WMT_CASEWORKER_A_PASS);
}

static gboolean
is_locked_page (gpointer data)
{
  Fixture *fixture = data;

  return g_strcmp0 (visible_page (fixture), "sign-in") == 0;
}

static void
test_lock_clears_everything (Fixture       *fixture,
                             gconstpointer  user_data)
{
  WmCaseloadView *view = caseload_view (fixture);
  GtkWidget *search = template_child (view, WM_TYPE_CASELOAD_VIEW, "search_entry");

  sign_in (fixture, WMT_CASEWORKER_A, WMT_CASEWORKER_A_PASS);
  gtk_editable_set_text (GTK_EDITABLE (search), "Siân Pry");
  iterate_until (cases_loaded, fixture);
  g_assert_true (wmg_tree_shows (GTK_WIDGET (fixture->window), SIAN_FAMILY));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.lock", NULL));
  g_assert_true (wm_context_get_locked (fixture->context));
  g_assert_cmpstr (visible_page (fixture), ==, "sign-in");

  /* Nothing of the young people is left in any widget or model. */
  g_assert_false (wmg_tree_shows (GTK_WIDGET (fixture->window), SIAN_FAMILY));
  g_assert_false (wmg_tree_shows (GTK_WIDGET (fixture->window), "Siân"));
  g_assert_false (wmg_tree_shows (GTK_WIDGET (fixture->window), "Okafor"));
  g_assert_cmpuint (g_list_model_get_n_items (wm_caseload_view_get_cases (view)), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (wm_caseload_view_get_shown (view)), ==, 0);
  /* Nor do the keys survive: the session is locked on the store thread. */
  wm_context_wait_idle (fixture->context);

  /* Unlocking as the same user brings the caseload back. */
  sign_in (fixture, WMT_CASEWORKER_A, WMT_CASEWORKER_A_PASS);
  g_assert_cmpuint (g_list_model_get_n_items (wm_caseload_view_get_cases (view)), ==, 2);
}

static gboolean
context_locked (gpointer data)
{
  Fixture *fixture = data;

  return wm_context_get_locked (fixture->context);
}

static void
test_idle_lock (Fixture       *fixture,
                gconstpointer  user_data)
{
  /* The setting reaches the context, in seconds. */
  g_settings_set_uint (fixture->settings, "idle-lock-minutes", 7);
  g_assert_cmpuint (wm_context_get_idle_lock_seconds (fixture->context), ==, 7 * 60);

  sign_in (fixture, WMT_CASEWORKER_A, WMT_CASEWORKER_A_PASS);
  g_assert_false (wm_context_get_locked (fixture->context));

  /* A minute is too long to wait in a test: the timer itself is the same. */
  wm_context_set_idle_lock_seconds (fixture->context, 1);
  iterate_until (context_locked, fixture);
  iterate_until (is_locked_page, fixture);
  g_assert_false (wmg_tree_shows (GTK_WIDGET (fixture->window), SIAN_FAMILY));
}

static gboolean
case_moved (gpointer data)
{
  Fixture *fixture = data;
  GListModel *cases = wm_caseload_view_get_cases (caseload_view (fixture));
  guint of_b = 0;

  for (guint i = 0; i < g_list_model_get_n_items (cases); i++)
    {
      g_autoptr(WmCase) row = g_list_model_get_item (cases, i);

      of_b += wm_case_get_caseworker_id (row) == wmt_ids.caseworker_b;
    }
  return of_b == 2;
}

static gboolean
dialog_open (gpointer data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window))
        {
          *(AdwMessageDialog **) data = ADW_MESSAGE_DIALOG (window);
          return TRUE;
        }
    }
  return FALSE;
}

static void
test_reassign (Fixture       *fixture,
               gconstpointer  user_data)
{
  WmCaseloadView *view = caseload_view (fixture);
  GtkWidget *column_view = template_child (view, WM_TYPE_CASELOAD_VIEW, "column_view");
  GtkSelectionModel *selection = gtk_column_view_get_model (GTK_COLUMN_VIEW (column_view));
  AdwMessageDialog *dialog = NULL;
  g_autoptr(WmContext) context_b = NULL;
  g_autoptr(WmStore) store_b = NULL;
  GListModel *shown;

  sign_in (fixture, WMT_SUPERVISOR, WMT_SUPERVISOR_PASS);
  /* The supervisor sees the team's three, and can narrow to a caseworker. */
  g_assert_cmpuint (g_list_model_get_n_items (wm_caseload_view_get_cases (view)), ==, 3);
  wm_caseload_view_set_caseworker_filter (view, wmt_ids.caseworker_a);
  shown = wm_caseload_view_get_shown (view);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 2);

  /* Siân, of caseworker A, goes to caseworker B through the dialog. */
  wm_caseload_view_set_search_text (view, "sian");
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 1);
  gtk_selection_model_select_item (selection, 0, TRUE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.reassign", NULL));
  iterate_until (dialog_open, &dialog);
  {
    GtkDropDown *drop_down = GTK_DROP_DOWN (adw_message_dialog_get_extra_child (dialog));
    GListModel *names = gtk_drop_down_get_model (drop_down);
    guint b = GTK_INVALID_LIST_POSITION;

    for (guint i = 0; i < g_list_model_get_n_items (names); i++)
      if (g_str_equal (gtk_string_list_get_string (GTK_STRING_LIST (names), i), WMT_CASEWORKER_B))
        b = i;
    g_assert_cmpuint (b, !=, GTK_INVALID_LIST_POSITION);
    gtk_drop_down_set_selected (drop_down, b);
    adw_message_dialog_response (dialog, "reassign");
  }
  wm_caseload_view_set_search_text (view, "");
  wm_caseload_view_set_caseworker_filter (view, 0);
  iterate_until (case_moved, fixture);

  /* Caseworker B's own caseload now has Siân. */
  context_b = wm_context_new (store_b = wmt_open_store (&fixture->store));
  {
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(GListModel) cases = NULL;
    g_autoptr(GError) error = NULL;
    gboolean has_sian = FALSE;

    wm_context_sign_in_async (context_b, WMT_CASEWORKER_B, WMT_CASEWORKER_B_PASS, NULL, wmg_store_result_cb, &result);
    iterate_until (wmg_has_result, &result);
    g_assert_true (wm_context_sign_in_finish (context_b, result, NULL, &error));
    g_assert_no_error (error);
    g_clear_object (&result);
    wm_context_load_caseload_async (context_b, NULL, wmg_store_result_cb, &result);
    iterate_until (wmg_has_result, &result);
    cases = wm_context_load_caseload_finish (context_b, result, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (g_list_model_get_n_items (cases), ==, 2);
    for (guint i = 0; i < g_list_model_get_n_items (cases); i++)
      {
        g_autoptr(WmCase) row = g_list_model_get_item (cases, i);

        has_sian = has_sian || strstr (wm_case_get_display_name (row), SIAN_FAMILY) != NULL;
      }
    g_assert_true (has_sian);
  }
  wm_context_sign_out (context_b);
  wm_context_wait_idle (context_b);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static guint
n_cases (Fixture *fixture)
{
  return g_list_model_get_n_items (wm_caseload_view_get_cases (caseload_view (fixture)));
}

typedef struct
{
  Fixture *fixture;
  guint    count;
} CaseCount;

static gboolean
has_case_count (gpointer data)
{
  CaseCount *expected = data;

  return n_cases (expected->fixture) == expected->count;
}

static void
set_field (WmCasePage *page,
           const char *key,
           const char *text)
{
  GtkWidget *widget = wm_profile_form_get_field_widget (wm_case_page_get_form (page), key);

  g_assert_true (GTK_IS_EDITABLE (widget));
  gtk_editable_set_text (GTK_EDITABLE (widget), text);
}

static void
test_create_and_find (Fixture       *fixture,
                      gconstpointer  user_data)
{
  WmCaseloadView *view = caseload_view (fixture);
  WmCasePage *page;
  CaseCount three = { fixture, 3 };

  sign_in (fixture, WMT_CASEWORKER_A, WMT_CASEWORKER_A_PASS);
  g_assert_cmpuint (n_cases (fixture), ==, 2);

  /* New Young Person (Ctrl+N) opens an empty form beside the caseload. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.new-person", NULL));
  page = WM_CASE_PAGE (adw_bin_get_child (ADW_BIN (template_child (fixture->window, WM_TYPE_WINDOW,
                                                                   "record_bin"))));
  set_field (page, WM_PROFILE_GIVEN_NAME, "Gwenllïan");
  set_field (page, WM_PROFILE_FAMILY_NAME, "ap Rhys");
  set_field (page, WM_PROFILE_DATE_OF_BIRTH, "12/12/2012");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "page.save", NULL));

  /* Saved through the context, the caseload reloads and search finds her,
   * typed without the accent. */
  iterate_until (has_case_count, &three);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.back", NULL));
  wm_caseload_view_set_search_text (view, "gwenllian");
  g_assert_cmpuint (g_list_model_get_n_items (wm_caseload_view_get_shown (view)), ==, 1);
  {
    g_autoptr(WmCase) row = g_list_model_get_item (wm_caseload_view_get_shown (view), 0);

    g_assert_cmpstr (wm_case_get_display_name (row), ==, "Gwenllïan ap Rhys");
    g_assert_cmpint (wm_case_get_caseworker_id (row), ==, wmt_ids.caseworker_a);
  }
}

static gboolean
import_read (gpointer data)
{
  WmImportDialog *dialog = data;

  return wm_import_dialog_get_n_valid (dialog) > 0;
}

static void
test_import (Fixture       *fixture,
             gconstpointer  user_data)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "import", "mixed.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  WmImportDialog *dialog;
  GtkWidget *import_button;
  CaseCount six = { fixture, 6 };

  sign_in (fixture, WMT_CASEWORKER_A, WMT_CASEWORKER_A_PASS);
  dialog = WM_IMPORT_DIALOG (wm_window_import_file (fixture->window, file));
  iterate_until (import_read, dialog);

  /* The preview: the good rows to import, the bad ones by line; nothing is
   * written yet. */
  g_assert_cmpuint (wm_import_dialog_get_n_valid (dialog), ==, 4);
  g_assert_cmpuint (wm_import_dialog_get_n_rejected (dialog), ==, 7);
  g_assert_cmpuint (n_cases (fixture), ==, 2);

  /* Accepted, the four are created together and the caseload shows them. */
  import_button = template_child (dialog, WM_TYPE_IMPORT_DIALOG, "import_button");
  g_assert_true (gtk_widget_get_sensitive (import_button));
  g_signal_emit_by_name (import_button, "clicked");
  iterate_until (has_case_count, &six);
}

/* Referring: the composer, the refusals, the preview, print and save. */

static GtkWidget *
find_switch (GtkWidget  *root,
             const char *row_title)
{
  GtkWidget *row = wmg_find_row (root, row_title);

  g_assert_nonnull (row);
  return adw_action_row_get_activatable_widget (ADW_ACTION_ROW (row));
}

static gboolean
partners_listed (gpointer data)
{
  GtkWidget *row = wmg_find_row (data, "Partner service");

  return row != NULL && adw_combo_row_get_model (ADW_COMBO_ROW (row)) != NULL
         && g_list_model_get_n_items (adw_combo_row_get_model (ADW_COMBO_ROW (row))) > 0;
}

static gboolean
composer_message_shown (gpointer data)
{
  GtkWidget *message = g_object_get_data (data, "test-message");

  return gtk_widget_get_visible (message);
}

static gboolean
composer_has_pages (gpointer data)
{
  return wm_referral_composer_get_n_pages (data) > 0;
}

static GtkWidget *
find_error_label (GtkWidget *root)
{
  if (GTK_IS_LABEL (root) && gtk_widget_has_css_class (root, "error"))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_error_label (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
referral_sent_cb (WmReferralComposer *composer,
                  gint64              record_id,
                  gint64             *out_record_id)
{
  *out_record_id = record_id;
}

static gboolean
record_id_set (gpointer data)
{
  return *(gint64 *) data != 0;
}

static guint
count_referrals (Fixture *fixture,
                 gint64   case_id)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;
  guint count = 0;

  wm_context_open_case_async (fixture->context, case_id, NULL, wmg_store_result_cb, &result);
  iterate_until (wmg_has_result, &result);
  records = wm_context_open_case_finish (fixture->context, result, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < records->len; i++)
    count += ((WmRecord *) g_ptr_array_index (records, i))->kind == WM_RECORD_REFERRAL;
  return count;
}

static void
test_refer (Fixture       *fixture,
            gconstpointer  user_data)
{
  WmCaseloadView *view = caseload_view (fixture);
  g_autofree char *pdf = g_build_filename (fixture->store.dir, "referral.pdf", NULL);
  g_autofree char *printed = g_build_filename (fixture->store.dir, "printed.pdf", NULL);
  g_autoptr(GFile) pdf_file = g_file_new_for_path (pdf);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  WmReferralComposer *composer;
  GtkWidget *root;
  gint64 case_id, record_id = 0;
  gsize length;

  sign_in (fixture, WMT_CASEWORKER_A, WMT_CASEWORKER_A_PASS);
  wm_caseload_view_set_search_text (view, "sian");
  {
    g_autoptr(WmCase) row = g_list_model_get_item (wm_caseload_view_get_shown (view), 0);

    case_id = wm_case_get_id (row);
  }
  g_signal_emit_by_name (view, "case-activated", case_id);
  composer = WM_REFERRAL_COMPOSER (wm_window_refer (fixture->window));
  g_assert_nonnull (composer);
  root = GTK_WIDGET (composer);
  g_object_set_data (G_OBJECT (composer), "test-message", find_error_label (root));
  iterate_until (partners_listed, root);
  g_assert_cmpuint (count_referrals (fixture, case_id), ==, 0);

  /* Without a lawful basis the referral is refused, saying what is missing. */
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (wmg_find_text_view (root, "_Reason for the referral")),
                            "Needs specialist mental health support.", -1);
  g_assert_true (gtk_widget_activate_action (root, "composer.preview", NULL));
  iterate_until (composer_message_shown, composer);
  g_assert_cmpuint (wm_referral_composer_get_n_pages (composer), ==, 0);

  /* To CAMHS (the directory also holds adult services, which a
   * 16-year-old's referral would be refused), with the basis recorded the
   * way a data-protection officer checks it. */
  {
    AdwComboRow *partner = ADW_COMBO_ROW (wmg_find_row (root, "Partner service"));
    GListModel *names = adw_combo_row_get_model (partner);
    guint camhs = GTK_INVALID_LIST_POSITION;

    for (guint i = 0; i < g_list_model_get_n_items (names) && camhs == GTK_INVALID_LIST_POSITION; i++)
      if (strstr (gtk_string_list_get_string (GTK_STRING_LIST (names), i), "Shropshire Child and Adolescent") != NULL)
        camhs = i;
    g_assert_cmpuint (camhs, !=, GTK_INVALID_LIST_POSITION);
    adw_combo_row_set_selected (partner, camhs);
  }
  adw_combo_row_set_selected (ADW_COMBO_ROW (wmg_find_row (root, "UK GDPR Article 6 basis")), 1);
  adw_combo_row_set_selected (ADW_COMBO_ROW (wmg_find_row (root, "DPA 2018 Schedule 1 condition")), 1);
  adw_combo_row_set_selected (ADW_COMBO_ROW (wmg_find_row (root, "Were they told?")), 1);
  gtk_editable_set_text (GTK_EDITABLE (wmg_find_row (root, "Who was told")), "The young person and her mother");
  gtk_editable_set_text (GTK_EDITABLE (wmg_find_row (root, "When (YYYY-MM-DD)")), "2026-11-30");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (wmg_find_text_view (root, "_Why sharing is necessary and proportionate")),
                            "Only CAMHS can offer the assessment she needs.", -1);
  gtk_switch_set_active (GTK_SWITCH (find_switch (root, wm_referral_section_title (WM_REFERRAL_SECTION_CONTACTS))),
                         TRUE);
  g_assert_true (gtk_widget_activate_action (root, "composer.preview", NULL));
  iterate_until (composer_has_pages, composer);

  /* Printed through GtkPrintOperation (to a file here), then saved: each is
   * recorded in the case. */
  g_assert_true (wm_referral_composer_print_to_file (composer, printed, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (printed, G_FILE_TEST_EXISTS));
  g_signal_connect (composer, "sent", G_CALLBACK (referral_sent_cb), &record_id);
  wm_referral_composer_save_to (composer, pdf_file);
  iterate_until (record_id_set, &record_id);
  g_assert_true (g_file_get_contents (pdf, &contents, &length, NULL));
  g_assert_true (length > 4 && memcmp (contents, "%PDF", 4) == 0);
  g_assert_cmpuint (count_referrals (fixture, case_id), ==, 2);

  /* The partner answers: the referral's new state is a new version. */
  {
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(GPtrArray) records = NULL;
    GtkWidget *list = g_object_ref_sink (wm_referral_list_new (fixture->context));
    gint64 saved = 0;
    WmRecord *referral = NULL;

    wm_context_open_case_async (fixture->context, case_id, NULL, wmg_store_result_cb, &result);
    iterate_until (wmg_has_result, &result);
    records = wm_context_open_case_finish (fixture->context, result, &error);
    g_assert_no_error (error);
    wm_referral_list_set_records (WM_REFERRAL_LIST (list), records);
    g_assert_cmpuint (wm_referral_list_get_n_referrals (WM_REFERRAL_LIST (list)), ==, 2);
    for (guint i = 0; i < records->len; i++)
      if (((WmRecord *) g_ptr_array_index (records, i))->kind == WM_RECORD_REFERRAL)
        referral = g_ptr_array_index (records, i);
    g_signal_connect (list, "saved", G_CALLBACK (referral_sent_cb), &saved);
    wm_referral_list_set_state (WM_REFERRAL_LIST (list), referral->record_id, "accepted", "Seen by CAMHS");
    iterate_until (record_id_set, &saved);
    g_clear_object (&result);
    wm_context_list_history_async (fixture->context, referral->record_id, NULL, wmg_store_result_cb, &result);
    iterate_until (wmg_has_result, &result);
    {
      g_autoptr(GPtrArray) versions = wm_context_list_history_finish (fixture->context, result, &error);
      WmRecord *latest;

      g_assert_no_error (error);
      g_assert_cmpuint (versions->len, ==, 2);
      latest = g_ptr_array_index (versions, versions->len - 1);
      g_assert_cmpstr (wm_payload_get_string (latest->payload, WM_REFERRAL_STATE), ==, "accepted");
      g_assert_cmpstr (wm_payload_get_string (latest->payload, WM_REFERRAL_OUTCOME), ==, "Seen by CAMHS");
    }
    wm_referral_list_clear (WM_REFERRAL_LIST (list));
    g_object_unref (list);
  }
}

static gboolean
at_empty_desk (gpointer data)
{
  Fixture *fixture = data;

  return g_strcmp0 (visible_page (fixture), "desk") == 0;
}

static gboolean
directory_has (gpointer data)
{
  WmPartnerDirectory *directory = data;
  guint expected = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (directory), "test-expected"));

  return wm_partner_directory_get_n_partners (directory) == expected;
}

static gboolean
directory_loaded (gpointer data)
{
  return wm_partner_directory_get_n_partners (data) > 0;
}

static void
test_partner_directory (Fixture       *fixture,
                        gconstpointer  user_data)
{
  WmPartnerDirectory *directory;
  guint seeded;

  /* An administrator reads no case, but keeps the directory. */
  type_sign_in (fixture, WMT_ADMIN, WMT_ADMIN_PASS);
  iterate_until (at_empty_desk, fixture);
  directory = WM_PARTNER_DIRECTORY (wm_window_show_partners (fixture->window));
  iterate_until (directory_loaded, directory);
  seeded = wm_partner_directory_get_n_partners (directory);
  g_assert_cmpuint (seeded, ==, 48);

  wm_partner_directory_edit (directory, 0);
  gtk_editable_set_text (GTK_EDITABLE (wmg_find_row (GTK_WIDGET (directory), "Name")), "Marches Sports Mentoring");
  gtk_editable_set_text (GTK_EDITABLE (wmg_find_row (GTK_WIDGET (directory), "Secure email")),
                         "referrals@sports-mentoring.example.org");
  wm_partner_directory_save (directory);
  g_object_set_data (G_OBJECT (directory), "test-expected", GUINT_TO_POINTER (seeded + 1));
  iterate_until (directory_has, directory);
  gtk_window_destroy (GTK_WINDOW (directory));
}

/* Review intervals in Preferences: an administrator changes them for the
 * organisation with Save; a caseworker sees them, read only, and after
 * her next unlock the administrator's values. */
static GtkSpinButton *
review_weeks (WmPreferencesWindow *preferences,
              const char          *title)
{
  GtkWidget *row = wmg_find_row (GTK_WIDGET (preferences), title);

  g_assert_nonnull (row);
  return GTK_SPIN_BUTTON (adw_action_row_get_activatable_widget (ADW_ACTION_ROW (row)));
}

static gboolean
very_high_saved (gpointer data)
{
  return wm_context_get_review_intervals (data)->weeks[3] == 2;
}

static void
test_review_intervals (Fixture       *fixture,
                       gconstpointer  user_data)
{
  WmPreferencesWindow *preferences;
  GtkWidget *save;

  type_sign_in (fixture, WMT_ADMIN, WMT_ADMIN_PASS);
  iterate_until (at_empty_desk, fixture);
  preferences = wm_preferences_window_new (fixture->settings, fixture->context);
  gtk_window_present (GTK_WINDOW (preferences));
  save = wmg_find_button (GTK_WIDGET (preferences), "_Save");
  g_assert_nonnull (save);
  g_assert_true (gtk_widget_get_visible (save));
  g_assert_false (gtk_widget_get_sensitive (save));   /* nothing changed yet */
  g_assert_cmpint (gtk_spin_button_get_value_as_int (review_weeks (preferences, "Very high risk")), ==, 4);
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (review_weeks (preferences, "Very high risk"))));

  gtk_spin_button_set_value (review_weeks (preferences, "Very high risk"), 2);
  gtk_spin_button_set_value (review_weeks (preferences, "Medium risk"), 8);
  g_assert_true (gtk_widget_get_sensitive (save));
  g_signal_emit_by_name (save, "clicked");
  iterate_until (very_high_saved, fixture->context);
  g_assert_cmpuint (wm_context_get_review_intervals (fixture->context)->weeks[1], ==, 8);
  g_assert_false (gtk_widget_get_sensitive (save));
  gtk_window_destroy (GTK_WINDOW (preferences));

  /* Saved in the file, signed: a caseworker signing in reads them, and
   * cannot change them. */
  wm_context_sign_out (fixture->context);
  iterate_until (is_locked_page, fixture);
  sign_in (fixture, WMT_CASEWORKER_A, WMT_CASEWORKER_A_PASS);
  g_assert_cmpuint (wm_context_get_review_intervals (fixture->context)->weeks[3], ==, 2);
  preferences = wm_preferences_window_new (fixture->settings, fixture->context);
  gtk_window_present (GTK_WINDOW (preferences));
  g_assert_cmpint (gtk_spin_button_get_value_as_int (review_weeks (preferences, "Very high risk")), ==, 2);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (review_weeks (preferences, "Medium risk")), ==, 8);
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (review_weeks (preferences, "Very high risk"))));
  g_assert_false (gtk_widget_get_visible (wmg_find_button (GTK_WIDGET (preferences), "_Save")));
  g_assert_true (wmg_tree_shows (GTK_WIDGET (preferences), "administrators set them"));
  gtk_window_destroy (GTK_WINDOW (preferences));
}

/* The filters, on rows made directly. */

static WmCase *
make_row (gint64      id,
          const char *given,
          const char *status,
          const char *area,
          const char *safety,
          const char *next_review,
          const char *last_contact,
          const GDate *today)
{
  WmCaseloadEntry entry = { 0 };
  GVariantDict assessment;
  GVariantBuilder judgements;
  g_autofree char *reference = g_strdup_printf ("WM-TEST%02" G_GINT64_FORMAT, id);
  WmCase *row;

  entry.info.id = id;
  entry.info.reference = reference;
  entry.info.assigned_to = 1;
  entry.profile = g_variant_ref_sink (profile (given, "Test", "2009-06-01", area));
  {
    GVariantDict dict;

    g_variant_dict_init (&dict, entry.profile);
    g_variant_dict_insert (&dict, WM_PROFILE_STATUS, "s", status);
    g_variant_unref (entry.profile);
    entry.profile = g_variant_ref_sink (g_variant_dict_end (&dict));
  }
  g_variant_builder_init (&judgements, G_VARIANT_TYPE ("a{ss}"));
  g_variant_builder_add (&judgements, "{ss}", WM_JUDGEMENT_SAFETY_WELLBEING, safety);
  g_variant_dict_init (&assessment, NULL);
  g_variant_dict_insert_value (&assessment, WM_ASSESSMENT_JUDGEMENTS, g_variant_builder_end (&judgements));
  g_variant_dict_insert (&assessment, WM_ASSESSMENT_NEXT_REVIEW, "s", next_review);
  entry.latest_assessment = g_variant_ref_sink (g_variant_dict_end (&assessment));
  entry.last_contact_on = (char *) last_contact;

  row = wm_case_new_from_entry (&entry, today);
  g_variant_unref (entry.profile);
  g_variant_unref (entry.latest_assessment);
  return row;
}

static guint
shown_count (WmCaseloadView *view)
{
  return g_list_model_get_n_items (wm_caseload_view_get_shown (view));
}

static void
test_filters (void)
{
  g_autoptr(GListStore) cases = g_list_store_new (WM_TYPE_CASE);
  GtkWidget *view = g_object_ref_sink (wm_caseload_view_new ());
  WmCaseloadView *caseload = WM_CASELOAD_VIEW (view);
  GDate today;

  g_date_set_dmy (&today, 2, 12, 2026);
  g_list_store_append (cases, make_row (1, "Siân", "referred", "shropshire", "low", "2027-01-10", "2026-11-30", &today));
  g_list_store_append (cases, make_row (2, "Kai", "active", "herefordshire", "very-high", "2026-11-01", "2026-11-10", &today));
  g_list_store_append (cases, make_row (3, "Maja", "active", "shropshire", "high", "2027-02-01", "2026-10-01", &today));
  g_list_store_append (cases, make_row (4, "Zofia", "closed", "worcestershire", "medium", "2026-12-24", NULL, &today));
  wm_caseload_view_set_cases (caseload, G_LIST_MODEL (cases));
  g_assert_cmpuint (shown_count (caseload), ==, 4);

  /* Search ignores case and accents, and finds references. */
  wm_caseload_view_set_search_text (caseload, "SIAN");
  g_assert_cmpuint (shown_count (caseload), ==, 1);
  wm_caseload_view_set_search_text (caseload, "wm-test04");
  g_assert_cmpuint (shown_count (caseload), ==, 1);
  wm_caseload_view_set_search_text (caseload, "nobody");
  g_assert_cmpuint (shown_count (caseload), ==, 0);
  wm_caseload_view_set_search_text (caseload, "");

  wm_caseload_view_set_status_filter (caseload, "active");
  g_assert_cmpuint (shown_count (caseload), ==, 2);
  wm_caseload_view_set_area_filter (caseload, "shropshire");
  g_assert_cmpuint (shown_count (caseload), ==, 1);
  wm_caseload_view_set_status_filter (caseload, NULL);
  wm_caseload_view_set_area_filter (caseload, NULL);

  /* High or very high safety and wellbeing: Kai and Maja. */
  wm_caseload_view_set_level_filter (caseload, WM_JUDGEMENT_SAFETY_WELLBEING);
  g_assert_cmpuint (shown_count (caseload), ==, 2);
  wm_caseload_view_set_level_filter (caseload, NULL);

  /* Kai's review was due on 1 November. */
  wm_caseload_view_set_overdue_filter (caseload, TRUE);
  g_assert_cmpuint (shown_count (caseload), ==, 1);
  wm_caseload_view_set_overdue_filter (caseload, FALSE);

  /* No contact for 14 days: Kai (22 days), Maja (62) and Zofia (never);
   * for 30 days: Maja and Zofia. */
  wm_caseload_view_set_contact_filter (caseload, WM_CONTACT_FILTER_14_DAYS);
  g_assert_cmpuint (shown_count (caseload), ==, 3);
  wm_caseload_view_set_contact_filter (caseload, WM_CONTACT_FILTER_30_DAYS);
  g_assert_cmpuint (shown_count (caseload), ==, 2);
  wm_caseload_view_set_contact_filter (caseload, WM_CONTACT_FILTER_ANY);
  g_assert_cmpuint (shown_count (caseload), ==, 4);

  g_object_unref (view);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GSettingsBackend) backend = NULL;
  g_autoptr(GSettings) settings = NULL;
  int status;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  wm_resources_register ();
  /* Xvfb has no window manager to give the window focus, and GTK 4.8's
   * cursor blink warns when it finds the focused entry's window unfocused. */
  g_object_set (gtk_settings_get_default (), "gtk-cursor-blink", FALSE, NULL);

  backend = g_memory_settings_backend_new ();
  settings = g_settings_new_with_backend (APPLICATION_ID, backend);
  application = wm_application_new (settings);
  g_assert_true (g_application_register (G_APPLICATION (application), NULL, NULL));

  wmt_template_configure (WMT_USERS_CASEWORKER_A | WMT_USERS_CASEWORKER_B | WMT_USERS_SUPERVISOR, populate);

  g_test_add_func ("/desk/filters", test_filters);
  g_test_add ("/desk/sign-in-wrong-then-right", Fixture, NULL,
              fixture_set_up, test_sign_in_wrong_then_right, fixture_tear_down);
  g_test_add ("/desk/countdown", Fixture, NULL,
              fixture_set_up, test_countdown, fixture_tear_down);
  g_test_add ("/desk/lock-clears-everything", Fixture, NULL,
              fixture_set_up, test_lock_clears_everything, fixture_tear_down);
  g_test_add ("/desk/idle-lock", Fixture, NULL,
              fixture_set_up, test_idle_lock, fixture_tear_down);
  g_test_add ("/desk/reassign", Fixture, NULL,
              fixture_set_up, test_reassign, fixture_tear_down);
  g_test_add ("/desk/create-and-find", Fixture, NULL,
              fixture_set_up, test_create_and_find, fixture_tear_down);
  g_test_add ("/desk/import", Fixture, NULL,
              fixture_set_up, test_import, fixture_tear_down);
  g_test_add ("/desk/refer", Fixture, NULL,
              fixture_set_up, test_refer, fixture_tear_down);
  g_test_add ("/desk/review-intervals", Fixture, NULL,
              fixture_set_up, test_review_intervals, fixture_tear_down);
  g_test_add ("/desk/partner-directory", Fixture, NULL,
              fixture_set_up, test_partner_directory, fixture_tear_down);

  status = g_test_run ();
  wmt_template_cleanup ();
  g_object_unref (application);
  return status;
}
