/* test-org-settings.c — settings of the whole organisation: set by administrators, signed, an edit caught
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Review intervals are policy: what an administrator sets, every desk
 * proposes. Someone who can write the file but holds no administrator's
 * key must not be able to change them (to push a high-risk review out by
 * a year, say): an edited row reads as unset, and verify names it.
 */

#include "config.h"

#include <string.h>

#include "wm-org-settings.h"
#include "wm-review-intervals.h"
#include "wm-store-private.h"
#include "wm-store-test-util.h"

/* Low, medium, high, very high, as wm_risk_levels orders them. */
static const WmReviewIntervals policy = { { 10, 8, 3, 2 } };

static void
assert_intervals (WmSession   *session,
                  const guint  expected[WM_N_REVIEW_LEVELS])
{
  g_autoptr(GError) error = NULL;
  WmReviewIntervals intervals;

  g_assert_true (wm_review_intervals_load (&intervals, session, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < WM_N_REVIEW_LEVELS; i++)
    g_assert_cmpuint (intervals.weeks[i], ==, expected[i]);
}

static void
set_policy (WmSession *admin)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (wm_review_intervals_save (&policy, admin, &error));
  g_assert_no_error (error);
}

/* The shipped defaults until an administrator sets others; then every
 * account reads the administrator's, and the next review follows them. */
static void
test_review_intervals (WmtFixture    *f,
                       gconstpointer  data)
{
  static const guint defaults[] = { 12, 12, 6, 4 };
  WmStore *store = wmt_open_store (f);
  g_autoptr(WmSession) caseworker = wmt_sign_in (store, WMT_CASEWORKER_A, WMT_CASEWORKER_A_PASS);
  g_autoptr(WmSession) admin = wmt_sign_in (store, WMT_ADMIN, WMT_ADMIN_PASS);
  g_autoptr(GVariant) judgements = g_variant_ref_sink (
    g_variant_new_parsed ("{'serious-harm': 'high', 'safety-wellbeing': 'low'}"));
  g_autoptr(GError) error = NULL;
  g_autofree char *review = NULL;
  g_autofree char *none = NULL;
  WmReviewIntervals intervals;
  GDate today;

  assert_intervals (caseworker, defaults);
  set_policy (admin);
  assert_intervals (caseworker, policy.weeks);
  assert_intervals (admin, policy.weeks);

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 2, G_DATE_DECEMBER, 2026);
  g_assert_true (wm_review_intervals_load (&intervals, caseworker, &error));
  review = wm_review_intervals_next_review (&intervals, judgements, &today);
  g_assert_cmpstr (review, ==, "2026-12-23");  /* high: 3 weeks */
  g_variant_unref (judgements);
  judgements = g_variant_ref_sink (g_variant_new_parsed ("@a{ss} {'serious-harm': 'not-known'}"));
  none = wm_review_intervals_next_review (&intervals, judgements, &today);
  g_assert_null (none);

  /* Cleared, a level goes back to its default. */
  g_assert_true (wm_session_set_org_setting (admin, "review-weeks-high", NULL, &error));
  g_assert_no_error (error);
  assert_intervals (caseworker, (const guint[]) { 10, 8, 6, 2 });

  g_clear_object (&caseworker);
  g_clear_object (&admin);
  wmt_close_store (store);
}

/* Only an administrator sets them, only within 1 to 52 weeks, and each
 * change is in the audit log with its new value. */
static void
test_who_may_set (WmtFixture    *f,
                  gconstpointer  data)
{
  static const guint defaults[] = { 12, 12, 6, 4 };
  WmStore *store = wmt_open_store (f);
  g_autoptr(WmSession) caseworker = wmt_sign_in (store, WMT_CASEWORKER_A, WMT_CASEWORKER_A_PASS);
  g_autoptr(WmSession) supervisor = wmt_sign_in (store, WMT_SUPERVISOR, WMT_SUPERVISOR_PASS);
  g_autoptr(WmSession) admin = wmt_sign_in (store, WMT_ADMIN, WMT_ADMIN_PASS);
  g_autoptr(GPtrArray) audit = NULL;
  g_autoptr(GError) error = NULL;
  WmReviewIntervals too_long = policy;
  WmReviewIntervals zero = policy;
  guint changes = 0;

  g_assert_false (wm_review_intervals_save (&policy, caseworker, &error));
  g_assert_error (error, WM_STORE_ERROR, WM_STORE_ERROR_PERMISSION);
  g_clear_error (&error);
  g_assert_false (wm_review_intervals_save (&policy, supervisor, &error));
  g_assert_error (error, WM_STORE_ERROR, WM_STORE_ERROR_PERMISSION);
  g_clear_error (&error);

  too_long.weeks[3] = 53;
  zero.weeks[0] = 0;
  g_assert_false (wm_review_intervals_save (&too_long, admin, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "53"));
  g_clear_error (&error);
  g_assert_false (wm_review_intervals_save (&zero, admin, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_false (wm_session_set_org_setting (admin, "Review Weeks; DROP TABLE", "3", &error));
  g_assert_error (error, WM_STORE_ERROR, WM_STORE_ERROR_INVALID);
  g_clear_error (&error);
  assert_intervals (caseworker, defaults);

  set_policy (admin);
  /* Saving the same again changes nothing, and logs nothing. */
  set_policy (admin);
  audit = wm_session_list_audit (admin, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < audit->len; i++)
    {
      WmAuditEntry *entry = g_ptr_array_index (audit, i);

      if (g_strcmp0 (entry->action, "setting-change") == 0)
        {
          changes++;
          if (strstr (entry->detail, "review-weeks-very-high") != NULL)
            g_assert_cmpstr (entry->detail, ==, "review-weeks-very-high = 2");
        }
    }
  g_assert_cmpuint (changes, ==, WM_N_REVIEW_LEVELS);

  g_clear_object (&caseworker);
  g_clear_object (&supervisor);
  g_clear_object (&admin);
  wmt_close_store (store);
}

/* SQL on the file: a value changed, another setting's signature copied
 * onto a new name, a row with no signature at all. None is used: each
 * level reads its default, and verify names every one. */
static void
test_edited_in_file (WmtFixture    *f,
                     gconstpointer  data)
{
  WmStore *store = wmt_open_store (f);
  g_autoptr(GPtrArray) faults = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  WmSession *session;
  sqlite3 *db;

  session = wmt_sign_in (store, WMT_ADMIN, WMT_ADMIN_PASS);
  set_policy (session);
  g_assert_true (wm_session_verify (session, faults, &error));
  g_assert_cmpuint (faults->len, ==, 0);
  g_object_unref (session);
  wmt_close_store (store);

  db = wmt_db_open (f->path);
  /* A high risk reviewed in a year rather than three weeks. */
  wmt_db_exec (db, "UPDATE org_settings SET value = '52' WHERE name = 'review-weeks-high'");
  /* Very high's signed row moved to the name of medium. */
  wmt_db_exec (db, "DELETE FROM org_settings WHERE name = 'review-weeks-medium'");
  wmt_db_exec (db, "UPDATE org_settings SET name = 'review-weeks-medium' WHERE name = 'review-weeks-very-high'");
  /* Low planted with somebody's id and no signature. */
  wmt_db_exec (db, "UPDATE org_settings SET certificate = x'00' WHERE name = 'review-weeks-low'");
  wmt_db_close (db);

  store = wmt_open_store (f);
  session = wmt_sign_in (store, WMT_CASEWORKER_A, WMT_CASEWORKER_A_PASS);
  assert_intervals (session, (const guint[]) { 12, 12, 6, 4 });
  g_object_unref (session);

  session = wmt_sign_in (store, WMT_ADMIN, WMT_ADMIN_PASS);
  g_assert_false (wm_session_verify (session, faults, &error));
  g_assert_no_error (error);
  g_assert_true (wmt_faults_mention (faults, "“review-weeks-high”"));
  g_assert_true (wmt_faults_mention (faults, "“review-weeks-medium”"));
  g_assert_true (wmt_faults_mention (faults, "“review-weeks-low”"));

  /* An administrator setting them again puts things right. */
  set_policy (session);
  assert_intervals (session, policy.weeks);
  g_ptr_array_set_size (faults, 0);
  g_assert_true (wm_session_verify (session, faults, &error));
  g_assert_cmpuint (faults->len, ==, 0);
  g_object_unref (session);
  wmt_close_store (store);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  g_assert_true (wm_crypto_init ());
  wmt_template_configure (WMT_USERS_CASEWORKER_A | WMT_USERS_SUPERVISOR, NULL);

  g_test_add ("/store/org-settings/review-intervals", WmtFixture, WMT_WITH_TEMPLATE,
              wmt_fixture_setup, test_review_intervals, wmt_fixture_teardown);
  g_test_add ("/store/org-settings/who-may-set", WmtFixture, WMT_WITH_TEMPLATE,
              wmt_fixture_setup, test_who_may_set, wmt_fixture_teardown);
  g_test_add ("/store/org-settings/edited-in-file", WmtFixture, WMT_WITH_TEMPLATE,
              wmt_fixture_setup, test_edited_in_file, wmt_fixture_teardown);

  status = g_test_run ();
  wmt_template_cleanup ();
  wmt_print_derivations ();
  return status;
}
