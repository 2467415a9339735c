/* test-signin.c — passphrases, the delay after failures, lock and unlock
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A wrong passphrase gives no session and nothing to tell a wrong name from
 * a wrong passphrase; repeated failures make the next attempt wait, even
 * with the right passphrase, and closing the program does not reset the
 * wait; attempts made at the same moment from several connections are
 * counted one after another, so no more of them reach Argon2id than the
 * policy lets through; every attempt is audited without the passphrase
 * in it. A locked session reads and writes nothing until the right
 * passphrase unlocks it. The store's clock is moved instead of sleeping.
 */

#define G_LOG_DOMAIN "wm-test-signin"

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "wm-store-test-util.h"

#define WRONG_PASS "wrong horse battery paperclip"

static guint
count_actions (WmStore    *store,
               const char *action,
               gint64      user_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = wm_store_list_audit (store, &error);
  guint n = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < entries->len; i++)
    {
      WmAuditEntry *entry = g_ptr_array_index (entries, i);

      if (g_strcmp0 (entry->action, action) == 0 && (user_id < 0 || entry->user_id == user_id))
        n++;
    }
  return n;
}

static void
assert_no_passphrase_in_audit (WmStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = wm_store_list_audit (store, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < entries->len; i++)
    {
      WmAuditEntry *entry = g_ptr_array_index (entries, i);

      g_assert_null (strstr (entry->detail, "horse"));
      g_assert_null (strstr (entry->detail, "meadow"));
    }
}

static void
sign_in_fails (WmStore      *store,
               const char   *name,
               const char   *passphrase,
               WmStoreError  code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WmSession) session = NULL;

  wmt_count_derivation ();
  session = wm_session_sign_in (store, name, passphrase, &error);
  g_assert_error (error, WM_STORE_ERROR, code);
  g_assert_null (session);
  g_assert_cmpstr (error->message, !=, "");
}

static void
test_wrong_passphrase (WmtFixture    *f,
                       gconstpointer  data)
{
  WmStore *store = wmt_open_store (f);
  WmSession *alex;
  gint64 delays[4];
  guint failed_before;
  gint64 wait;

  failed_before = count_actions (store, "sign-in-failed", -1);
  g_assert_cmpint (wm_store_get_sign_in_delay (store, WMT_CASEWORKER_A), ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (delays); i++)
    {
      sign_in_fails (store, WMT_CASEWORKER_A, WRONG_PASS, WM_STORE_ERROR_WRONG_PASSPHRASE);
      delays[i] = wm_store_get_sign_in_delay (store, WMT_CASEWORKER_A);
      g_test_message ("delay after %u failures: %" G_GINT64_FORMAT " µs", i + 1, delays[i]);
      g_assert_cmpint (delays[i], >=, 0);
      /* The delay grows with every failure once it has started. */
      if (i > 0 && delays[i - 1] > 0)
        g_assert_cmpint (delays[i], >, delays[i - 1]);
      /* Let the delay pass, so the next attempt is judged on its passphrase. */
      f->clock += delays[i];
    }
  g_assert_cmpint (delays[G_N_ELEMENTS (delays) - 1], >, 0);
  g_assert_cmpint (delays[G_N_ELEMENTS (delays) - 1], >, delays[G_N_ELEMENTS (delays) - 2]);
  f->clock -= delays[G_N_ELEMENTS (delays) - 1];

  /* While the delay runs even the right passphrase is refused. */
  g_assert_cmpint (wm_store_get_sign_in_delay (store, WMT_CASEWORKER_A), ==,
                   delays[G_N_ELEMENTS (delays) - 1]);
  sign_in_fails (store, WMT_CASEWORKER_A, WMT_CASEWORKER_A_PASS, WM_STORE_ERROR_RATE_LIMITED);
  f->clock += delays[G_N_ELEMENTS (delays) - 1] - 1;
  wait = wm_store_get_sign_in_delay (store, WMT_CASEWORKER_A);
  g_assert_cmpint (wait, >, 0);
  g_assert_cmpint (wait, <=, G_USEC_PER_SEC);
  sign_in_fails (store, WMT_CASEWORKER_A, WMT_CASEWORKER_A_PASS, WM_STORE_ERROR_RATE_LIMITED);

  /* Every failure was audited, with the passphrase nowhere in the log. */
  g_assert_cmpuint (count_actions (store, "sign-in-failed", -1), >=,
                    failed_before + G_N_ELEMENTS (delays));
  assert_no_passphrase_in_audit (store);

  /* Once it has passed, the right passphrase works... */
  f->clock += 1;
  g_assert_cmpint (wm_store_get_sign_in_delay (store, WMT_CASEWORKER_A), ==, 0);
  alex = wmt_sign_in (store, WMT_CASEWORKER_A, WMT_CASEWORKER_A_PASS);
  g_assert_cmpint (wm_session_get_user_id (alex), ==, wmt_ids.caseworker_a);
  g_assert_cmpint (wm_session_get_role (alex), ==, WM_ROLE_CASEWORKER);
  g_assert_cmpuint (count_actions (store, "sign-in", wmt_ids.caseworker_a), ==, 1);

  /* ...and the count starts again: one new mistake costs no wait. */
  g_assert_cmpint (wm_store_get_sign_in_delay (store, WMT_CASEWORKER_A), ==, 0);
  sign_in_fails (store, WMT_CASEWORKER_A, WRONG_PASS, WM_STORE_ERROR_WRONG_PASSPHRASE);
  g_assert_cmpint (wm_store_get_sign_in_delay (store, WMT_CASEWORKER_A), ==, 0);

  g_clear_object (&alex);
  wmt_close_store (store);
}

static void
test_delay_survives_reopen (WmtFixture    *f,
                            gconstpointer  data)
{
  WmStore *store = wmt_open_store (f);
  gint64 delay;

  for (guint i = 0; i < 3; i++)
    {
      f->clock += wm_store_get_sign_in_delay (store, WMT_CASEWORKER_A);
      sign_in_fails (store, WMT_CASEWORKER_A, WRONG_PASS, WM_STORE_ERROR_WRONG_PASSPHRASE);
    }
  delay = wm_store_get_sign_in_delay (store, WMT_CASEWORKER_A);
  g_assert_cmpint (delay, >, 0);

  /* Closing and opening the program does not wipe the slate. */
  wmt_close_store (store);
  store = wmt_open_store (f);
  g_assert_cmpint (wm_store_get_sign_in_delay (store, WMT_CASEWORKER_A), ==, delay);
  sign_in_fails (store, WMT_CASEWORKER_A, WMT_CASEWORKER_A_PASS, WM_STORE_ERROR_RATE_LIMITED);

  /* Another account is not held up by Alex's mistakes. */
  g_assert_cmpint (wm_store_get_sign_in_delay (store, WMT_ADMIN), ==, 0);

  wmt_close_store (store);
}

static char *
message_without (const GError *error,
                 const char   *name)
{
  g_auto(GStrv) parts = g_strsplit (error->message, name, -1);

  return g_strjoinv ("…", parts);
}

static void
test_unknown_account (WmtFixture    *f,
                      gconstpointer  data)
{
  g_autoptr(GError) unknown_error = NULL;
  g_autoptr(GError) wrong_error = NULL;
  g_autoptr(WmSession) session = NULL;
  g_autofree char *unknown_message = NULL;
  g_autofree char *wrong_message = NULL;
  WmStore *store = wmt_open_store (f);

  /* No account of that name: the same answer as a wrong passphrase, so
   * the sign-in screen does not confirm which staff names exist. */
  wmt_count_derivation ();
  session = wm_session_sign_in (store, "nobody.here", WMT_CASEWORKER_A_PASS, &unknown_error);
  g_assert_null (session);
  g_assert_error (unknown_error, WM_STORE_ERROR, WM_STORE_ERROR_WRONG_PASSPHRASE);

  wmt_count_derivation ();
  session = wm_session_sign_in (store, WMT_CASEWORKER_A, WRONG_PASS, &wrong_error);
  g_assert_null (session);
  g_assert_error (wrong_error, WM_STORE_ERROR, WM_STORE_ERROR_WRONG_PASSPHRASE);

  unknown_message = message_without (unknown_error, "nobody.here");
  wrong_message = message_without (wrong_error, WMT_CASEWORKER_A);
  g_assert_cmpstr (unknown_message, ==, wrong_message);

  g_assert_cmpint (wm_store_get_sign_in_delay (store, "nobody.here"), ==, 0);
  assert_no_passphrase_in_audit (store);
  wmt_close_store (store);
}

static void
assert_locked (WmSession *session,
               gint64     case_id,
               gint64     record_id)
{
  g_autoptr(GVariant) payload = wmt_payload ("{'note': <'written while locked'>}");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) array = NULL;
  g_autoptr(WmCaseInfo) info = NULL;
  gint64 id;

  g_assert_true (wm_session_is_locked (session));

  wmt_assert_case_refused (session, case_id, record_id, WM_STORE_ERROR_LOCKED);

  array = wm_session_list_cases (session, &error);
  g_assert_error (error, WM_STORE_ERROR, WM_STORE_ERROR_LOCKED);
  g_assert_null (array);
  g_clear_error (&error);

  array = wm_session_list_caseload (session, &error);
  g_assert_error (error, WM_STORE_ERROR, WM_STORE_ERROR_LOCKED);
  g_assert_null (array);
  g_clear_error (&error);

  info = wm_session_find_case (session, "WM-AAAAAA", &error);
  g_assert_error (error, WM_STORE_ERROR, WM_STORE_ERROR_LOCKED);
  g_assert_null (info);
  g_clear_error (&error);

  id = wm_session_create_case (session, wm_session_get_user_id (session), payload, &error);
  g_assert_error (error, WM_STORE_ERROR, WM_STORE_ERROR_LOCKED);
  g_assert_cmpint (id, <=, 0);
  g_clear_error (&error);
}

static void
test_lock (WmtFixture    *f,
           gconstpointer  data)
{
  g_autoptr(GVariant) profile = wmt_payload ("{'given-name': <'Ffion'>}");
  g_autoptr(GVariant) note = wmt_payload ("{'note': <'before the lock'>}");
  g_autoptr(GError) error = NULL;
  WmStore *store = wmt_open_store (f);
  sqlite3 *db = wm_store_get_db (store);
  WmSession *alex;
  gint64 case_id, record_id, n_versions;

  alex = wmt_sign_in (store, WMT_CASEWORKER_A, WMT_CASEWORKER_A_PASS);
  case_id = wm_session_create_case (alex, wmt_ids.caseworker_a, profile, &error);
  g_assert_no_error (error);
  record_id = wm_session_add_record (alex, case_id, WM_RECORD_CONTACT, note, &error);
  g_assert_no_error (error);
  n_versions = wmt_db_int (db, "SELECT count(*) FROM record_versions");

  wm_session_lock (alex);
  assert_locked (alex, case_id, record_id);
  wm_session_lock (alex);
  assert_locked (alex, case_id, record_id);
  /* Nothing was written while locked. */
  g_assert_cmpint (wmt_db_int (db, "SELECT count(*) FROM record_versions"), ==, n_versions);

  wmt_count_derivation ();
  g_assert_false (wm_session_unlock (alex, WRONG_PASS, &error));
  g_assert_error (error, WM_STORE_ERROR, WM_STORE_ERROR_WRONG_PASSPHRASE);
  g_clear_error (&error);
  assert_locked (alex, case_id, record_id);

  /* Another account's passphrase does not unlock Alex's session. */
  wmt_count_derivation ();
  g_assert_false (wm_session_unlock (alex, WMT_ADMIN_PASS, &error));
  g_assert_error (error, WM_STORE_ERROR, WM_STORE_ERROR_WRONG_PASSPHRASE);
  g_clear_error (&error);
  assert_locked (alex, case_id, record_id);

  wmt_count_derivation ();
  g_assert_true (wm_session_unlock (alex, WMT_CASEWORKER_A_PASS, &error));
  g_assert_no_error (error);
  g_assert_false (wm_session_is_locked (alex));
  g_assert_cmpint (wm_session_get_user_id (alex), ==, wmt_ids.caseworker_a);
  {
    g_autoptr(GPtrArray) records = wmt_open_case_ok (alex, case_id);
    WmRecord *record = wmt_find_record (records, record_id);

    g_assert_nonnull (record);
    wmt_assert_payload (record->payload, note);
  }

  g_clear_object (&alex);
  wmt_close_store (store);
}

static void
test_disabled (WmtFixture    *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WmUser) user = NULL;
  WmStore *store = wmt_open_store (f);
  WmSession *ada;
  gint64 id;

  ada = wmt_sign_in (store, WMT_ADMIN, WMT_ADMIN_PASS);
  g_assert_cmpint (wm_session_get_role (ada), ==, WM_ROLE_ADMINISTRATOR);

  g_assert_true (wm_session_disable_user (ada, wmt_ids.caseworker_a, &error));
  g_assert_no_error (error);
  user = wm_store_get_user (store, wmt_ids.caseworker_a, &error);
  g_assert_no_error (error);
  g_assert_true (user->disabled);
  g_assert_cmpuint (count_actions (store, "user-disable", wmt_ids.admin), ==, 1);

  sign_in_fails (store, WMT_CASEWORKER_A, WMT_CASEWORKER_A_PASS, WM_STORE_ERROR_DISABLED);

  /* Weak passphrases for a new account are refused and create nothing. */
  id = wm_session_add_user (ada, "casey.new", WM_ROLE_CASEWORKER, "too short", &error);
  g_assert_error (error, WM_STORE_ERROR, WM_STORE_ERROR_WEAK_PASSPHRASE);
  g_assert_cmpint (id, <=, 0);
  g_clear_error (&error);
  id = wm_session_add_user (ada, "casey.new", WM_ROLE_CASEWORKER, "Password Password", &error);
  g_assert_error (error, WM_STORE_ERROR, WM_STORE_ERROR_WEAK_PASSPHRASE);
  g_assert_cmpint (id, <=, 0);
  g_clear_error (&error);
  g_clear_pointer (&user, wm_user_free);
  user = wm_store_lookup_user (store, "casey.new", &error);
  g_assert_error (error, WM_STORE_ERROR, WM_STORE_ERROR_NOT_FOUND);
  g_assert_null (user);

  g_clear_object (&ada);
  wmt_close_store (store);
}

static void
test_weak_create (WmtFixture    *f,
                  gconstpointer  data)
{
  const char *weak[] = {
    "", "short", "fourteen chars", "123456789012345", "Correct Horse Battery Staple",
  };

  for (guint i = 0; i < G_N_ELEMENTS (weak); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(WmStore) store = NULL;

      store = wm_store_create (f->path, WMT_ORGANISATION, WMT_ADMIN, weak[i], &error);
      g_assert_error (error, WM_STORE_ERROR, WM_STORE_ERROR_WEAK_PASSPHRASE);
      g_assert_null (store);
      /* No half-made file is left behind for the next attempt to trip on. */
      g_assert_false (g_file_test (f->path, G_FILE_TEST_EXISTS));
    }
}

static void
test_change_passphrase (WmtFixture    *f,
                        gconstpointer  data)
{
  const char *new_pass = "amber tractor midnight quarry";
  g_autoptr(GVariant) profile = wmt_payload ("{'given-name': <'Ffion'>}");
  g_autoptr(GError) error = NULL;
  WmStore *store = wmt_open_store (f);
  WmSession *alex;
  gint64 case_id;

  alex = wmt_sign_in (store, WMT_CASEWORKER_A, WMT_CASEWORKER_A_PASS);
  case_id = wm_session_create_case (alex, wmt_ids.caseworker_a, profile, &error);
  g_assert_no_error (error);

  wmt_count_derivation ();
  g_assert_false (wm_session_change_passphrase (alex, WRONG_PASS, new_pass, &error));
  g_assert_error (error, WM_STORE_ERROR, WM_STORE_ERROR_WRONG_PASSPHRASE);
  g_clear_error (&error);
  g_assert_false (wm_session_change_passphrase (alex, WMT_CASEWORKER_A_PASS, "short", &error));
  g_assert_error (error, WM_STORE_ERROR, WM_STORE_ERROR_WEAK_PASSPHRASE);
  g_clear_error (&error);

  wmt_count_derivation ();
  wmt_count_derivation ();
  g_assert_true (wm_session_change_passphrase (alex, WMT_CASEWORKER_A_PASS, new_pass, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_actions (store, "passphrase-change", wmt_ids.caseworker_a), ==, 1);
  g_clear_object (&alex);

  /* The old passphrase no longer opens the account; the new one does, and
   * the cases shared before the change still open with it. */
  sign_in_fails (store, WMT_CASEWORKER_A, WMT_CASEWORKER_A_PASS, WM_STORE_ERROR_WRONG_PASSPHRASE);
  alex = wmt_sign_in (store, WMT_CASEWORKER_A, new_pass);
  {
    g_autoptr(GPtrArray) records = wmt_open_case_ok (alex, case_id);
    WmRecord *record = wmt_find_kind (records, WM_RECORD_PROFILE);

    g_assert_nonnull (record);
    wmt_assert_payload (record->payload, profile);
  }
  assert_no_passphrase_in_audit (store);

  g_clear_object (&alex);
  wmt_close_store (store);
}

#define SECONDS(n) ((gint64) (n) * G_USEC_PER_SEC)

/* The wait after the nth failure in a row, in seconds: the first two cost
 * nothing, then 2 s doubling up to 15 minutes. */
static const gint64 policy[] = { 0, 0, 2, 4, 8, 16, 32, 64, 128, 256, 512, 900, 900, 900 };

static void
set_failed_count (WmtFixture *f,
                  gint64      count)
{
  sqlite3 *db = wmt_db_open (f->path);

  g_assert_cmpint (wmt_db_exec (db, "UPDATE users SET failed_count = %lld, last_failed_at = %lld WHERE name = '%s'",
                                (long long) count, (long long) f->clock, WMT_CASEWORKER_A), ==, 1);
  wmt_db_close (db);
}

/* The policy, exactly: each attempt is let in the moment its wait is over
 * and not a microsecond before, and a refused attempt neither counts nor
 * lengthens the wait. */
static void
test_delay_policy (WmtFixture    *f,
                   gconstpointer  data)
{
  WmStore *store = wmt_open_store (f);
  WmSession *alex;

  for (guint n = 1; n <= 6; n++)
    {
      gint64 wait = wm_store_get_sign_in_delay (store, WMT_CASEWORKER_A);

      /* The wait left by the failure before this attempt. */
      g_assert_cmpint (wait, ==, n == 1 ? 0 : SECONDS (policy[n - 2]));
      if (wait > 0)
        {
          g_autoptr(GError) error = NULL;
          g_autoptr(WmSession) session = NULL;

          f->clock += wait - 1;
          session = wm_session_sign_in (store, WMT_CASEWORKER_A, WMT_CASEWORKER_A_PASS, &error);
          g_assert_error (error, WM_STORE_ERROR, WM_STORE_ERROR_RATE_LIMITED);
          g_assert_nonnull (strstr (error->message, "Wait 1 second,"));
          g_assert_null (session);
          g_assert_cmpint (wm_store_get_sign_in_delay (store, WMT_CASEWORKER_A), ==, 1);
          f->clock += 1;
        }
      sign_in_fails (store, WMT_CASEWORKER_A, WRONG_PASS, WM_STORE_ERROR_WRONG_PASSPHRASE);
      g_assert_cmpint (wmt_db_int (wm_store_get_db (store), "SELECT failed_count FROM users WHERE name = '%s'",
                                   WMT_CASEWORKER_A), ==, n);
      g_assert_cmpint (wm_store_get_sign_in_delay (store, WMT_CASEWORKER_A), ==, SECONDS (policy[n - 1]));
    }

  /* Further on, without spending an Argon2id derivation on each failure:
   * the count set in the file, the wait read back. */
  for (guint n = 7; n <= G_N_ELEMENTS (policy); n++)
    {
      set_failed_count (f, n);
      g_assert_cmpint (wm_store_get_sign_in_delay (store, WMT_CASEWORKER_A), ==, SECONDS (policy[n - 1]));
    }

  /* The right passphrase, once the wait is over, starts the count again. */
  f->clock += SECONDS (policy[G_N_ELEMENTS (policy) - 1]);
  alex = wmt_sign_in (store, WMT_CASEWORKER_A, WMT_CASEWORKER_A_PASS);
  g_assert_cmpint (wmt_db_int (wm_store_get_db (store), "SELECT failed_count FROM users WHERE name = '%s'",
                               WMT_CASEWORKER_A), ==, 0);
  g_clear_object (&alex);
  wmt_close_store (store);
}

/* Wrong guesses made at the same moment from several programs, each with
 * its own connection to the file. */
typedef struct
{
  const char *path;
  gint64     *clock;
  GMutex      lock;
  GCond       all_ready;
  guint       n_guessers;
  guint       n_ready;
  guint       n_tried;    /* got as far as Argon2id: the passphrase was judged wrong */
  guint       n_refused;  /* told to wait */
} Race;

static gpointer
guess_cb (gpointer data)
{
  Race *race = data;
  g_autoptr(GError) error = NULL;
  WmSession *session;
  WmStore *store = wmt_open_store_at (race->path, race->clock);

  /* Everyone starts at once. */
  g_mutex_lock (&race->lock);
  race->n_ready++;
  g_cond_broadcast (&race->all_ready);
  while (race->n_ready < race->n_guessers)
    g_cond_wait (&race->all_ready, &race->lock);
  g_mutex_unlock (&race->lock);

  session = wm_session_sign_in (store, WMT_CASEWORKER_A, WRONG_PASS, &error);
  g_assert_null (session);
  g_assert_nonnull (error);
  g_mutex_lock (&race->lock);
  if (g_error_matches (error, WM_STORE_ERROR, WM_STORE_ERROR_WRONG_PASSPHRASE))
    race->n_tried++;
  else if (g_error_matches (error, WM_STORE_ERROR, WM_STORE_ERROR_RATE_LIMITED))
    race->n_refused++;
  else
    g_error ("Unexpected: %s", error->message);
  g_mutex_unlock (&race->lock);

  wmt_close_store (store);
  return NULL;
}

/* Six wrong guesses at once: only as many as the policy lets in at once
 * (three) get to Argon2id, and the count in the file says so. Checking
 * the delay first and counting the failure after Argon2id let all six
 * through. */
static void
test_parallel_attempts (WmtFixture    *f,
                        gconstpointer  data)
{
  Race race = { .path = f->path, .clock = &f->clock, .n_guessers = 6 };
  GThread *guessers[6];
  WmStore *store;

  g_mutex_init (&race.lock);
  g_cond_init (&race.all_ready);
  for (guint i = 0; i < G_N_ELEMENTS (guessers); i++)
    guessers[i] = g_thread_new ("guesser", guess_cb, &race);
  for (guint i = 0; i < G_N_ELEMENTS (guessers); i++)
    g_thread_join (guessers[i]);
  g_mutex_clear (&race.lock);
  g_cond_clear (&race.all_ready);

  g_test_message ("%u guesses tried, %u refused", race.n_tried, race.n_refused);
  for (guint i = 0; i < race.n_tried; i++)
    wmt_count_derivation ();
  g_assert_cmpuint (race.n_tried, ==, 3);
  g_assert_cmpuint (race.n_refused, ==, 3);

  store = wmt_open_store (f);
  g_assert_cmpint (wmt_db_int (wm_store_get_db (store), "SELECT failed_count FROM users WHERE name = '%s'",
                               WMT_CASEWORKER_A), ==, 3);
  g_assert_cmpint (wm_store_get_sign_in_delay (store, WMT_CASEWORKER_A), ==, SECONDS (2));
  g_assert_cmpuint (count_actions (store, "sign-in-failed", wmt_ids.caseworker_a), ==, 6);
  wmt_close_store (store);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  g_assert_true (wm_crypto_init ());
  wmt_template_configure (WMT_USERS_CASEWORKER_A, NULL);

  g_test_add ("/store/signin/wrong-passphrase", WmtFixture, WMT_WITH_TEMPLATE,
              wmt_fixture_setup, test_wrong_passphrase, wmt_fixture_teardown);
  g_test_add ("/store/signin/delay-survives-reopen", WmtFixture, WMT_WITH_TEMPLATE,
              wmt_fixture_setup, test_delay_survives_reopen, wmt_fixture_teardown);
  g_test_add ("/store/signin/unknown-account", WmtFixture, WMT_WITH_TEMPLATE,
              wmt_fixture_setup, test_unknown_account, wmt_fixture_teardown);
  g_test_add ("/store/signin/lock", WmtFixture, WMT_WITH_TEMPLATE,
              wmt_fixture_setup, test_lock, wmt_fixture_teardown);
  g_test_add ("/store/signin/disabled", WmtFixture, WMT_WITH_TEMPLATE,
              wmt_fixture_setup, test_disabled, wmt_fixture_teardown);
  g_test_add ("/store/signin/weak-passphrase", WmtFixture, NULL,
              wmt_fixture_setup, test_weak_create, wmt_fixture_teardown);
  g_test_add ("/store/signin/change-passphrase", WmtFixture, WMT_WITH_TEMPLATE,
              wmt_fixture_setup, test_change_passphrase, wmt_fixture_teardown);
  g_test_add ("/store/signin/delay-policy", WmtFixture, WMT_WITH_TEMPLATE,
              wmt_fixture_setup, test_delay_policy, wmt_fixture_teardown);
  g_test_add ("/store/signin/parallel-attempts", WmtFixture, WMT_WITH_TEMPLATE,
              wmt_fixture_setup, test_parallel_attempts, wmt_fixture_teardown);

  status = g_test_run ();
  wmt_template_cleanup ();
  wmt_print_derivations ();
  return status;
}
