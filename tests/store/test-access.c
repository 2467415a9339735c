/* test-access.c — who can read a case: cryptography, not policy
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A case is readable by the caseworker it is assigned to and their team's
 * supervisors, because its key is sealed to them; not by another caseworker
 * or an administrator, whatever they do to the file with their own
 * account. Reassignment moves the key; a reset account gets its cases back
 * only when a supervisor re-shares them.
 */

#define G_LOG_DOMAIN "wm-test-access"

#include "config.h"

#include <string.h>

#include "wm-store-test-util.h"

#define BLAKE_NEW_PASS "lighthouse marmalade seventy crane"

static gint64 case_a, case_b, contact_a;
static GVariant *profile_a, *profile_b, *note_a;

static void
populate (WmStore   *store,
          WmSession *admin)
{
  g_autoptr(GError) error = NULL;
  WmSession *session;

  profile_a = wmt_payload ("{'given-name': <'Ffion'>, 'town': <'Leominster'>}");
  profile_b = wmt_payload ("{'given-name': <'Owain'>, 'town': <'Bromyard'>}");
  note_a = wmt_payload ("{'note': <'Ffion talked about her brother'>}");

  session = wmt_sign_in (store, WMT_CASEWORKER_A, WMT_CASEWORKER_A_PASS);
  case_a = wm_session_create_case (session, wmt_ids.caseworker_a, profile_a, &error);
  g_assert_no_error (error);
  contact_a = wm_session_add_record (session, case_a, WM_RECORD_CONTACT, note_a, &error);
  g_assert_no_error (error);
  g_object_unref (session);

  session = wmt_sign_in (store, WMT_CASEWORKER_B, WMT_CASEWORKER_B_PASS);
  case_b = wm_session_create_case (session, wmt_ids.caseworker_b, profile_b, &error);
  g_assert_no_error (error);
  g_object_unref (session);
}

/* The list holds exactly these cases (terminated by 0). */
static void
assert_cases (WmSession *session,
              ...)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cases = wm_session_list_cases (session, &error);
  guint n = 0;
  va_list args;
  gint64 id;

  g_assert_no_error (error);
  va_start (args, session);
  while ((id = va_arg (args, gint64)) != 0)
    {
      g_assert_true (wmt_list_has_case (cases, id));
      n++;
    }
  va_end (args);
  g_assert_cmpuint (cases->len, ==, n);
}

static void
assert_reads (WmSession *session,
              gint64     case_id,
              GVariant  *profile)
{
  g_autoptr(GPtrArray) records = wmt_open_case_ok (session, case_id);
  WmRecord *record = wmt_find_kind (records, WM_RECORD_PROFILE);

  g_assert_nonnull (record);
  g_assert_no_error (record->error);
  wmt_assert_payload (record->payload, profile);
  if (case_id == case_a)
    {
      record = wmt_find_record (records, contact_a);
      g_assert_nonnull (record);
      wmt_assert_payload (record->payload, note_a);
    }
}

/* Nothing of the case comes out: open, read, history, write. */
static void
assert_no_access (WmSession *session,
                  gint64     case_id,
                  gint64     record_id)
{
  wmt_assert_case_refused (session, case_id, record_id, WM_STORE_ERROR_NO_ACCESS);
}

/* After tampering: the case does not open, whichever error says so. */
static void
assert_does_not_open (WmSession *session,
                      gint64     case_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = wm_session_open_case (session, case_id, &error);

  if (records != NULL)
    {
      /* Listed but unreadable is acceptable only if nothing decrypted. */
      for (guint i = 0; i < records->len; i++)
        g_assert_null (((WmRecord *) g_ptr_array_index (records, i))->payload);
      return;
    }
  g_assert_nonnull (error);
  g_assert_true (error->domain == WM_STORE_ERROR);
  g_assert_true (error->code == WM_STORE_ERROR_NO_ACCESS || error->code == WM_STORE_ERROR_CORRUPT);
}

static gint64
profile_id_of (WmSession *session,
               gint64     case_id)
{
  g_autoptr(GPtrArray) records = wmt_open_case_ok (session, case_id);
  WmRecord *record = wmt_find_kind (records, WM_RECORD_PROFILE);

  g_assert_nonnull (record);
  return record->record_id;
}

static void
test_other_caseworker (WmtFixture    *f,
                       gconstpointer  data)
{
  WmStore *store = wmt_open_store (f);
  WmSession *alex, *blake, *sam, *ada;
  gint64 profile_b_id;

  alex = wmt_sign_in (store, WMT_CASEWORKER_A, WMT_CASEWORKER_A_PASS);
  blake = wmt_sign_in (store, WMT_CASEWORKER_B, WMT_CASEWORKER_B_PASS);
  sam = wmt_sign_in (store, WMT_SUPERVISOR, WMT_SUPERVISOR_PASS);
  ada = wmt_sign_in (store, WMT_ADMIN, WMT_ADMIN_PASS);

  /* Each caseworker sees and reads their own case only. */
  assert_cases (alex, case_a, (gint64) 0);
  assert_cases (blake, case_b, (gint64) 0);
  assert_reads (alex, case_a, profile_a);
  assert_reads (blake, case_b, profile_b);
  profile_b_id = profile_id_of (blake, case_b);
  assert_no_access (blake, case_a, contact_a);
  assert_no_access (alex, case_b, profile_b_id);

  /* Finding a case by its reference is no way round. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) cases = wm_session_list_cases (alex, &error);
    g_autoptr(WmCaseInfo) found = NULL;
    const char *reference = ((WmCaseInfo *) g_ptr_array_index (cases, 0))->reference;

    found = wm_session_find_case (blake, reference, &error);
    g_assert_null (found);
    g_assert_error (error, WM_STORE_ERROR, WM_STORE_ERROR_NO_ACCESS);
  }

  /* Nor is the caseload. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) caseload = wm_session_list_caseload (blake, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (caseload->len, ==, 1);
    g_assert_cmpint (((WmCaseloadEntry *) g_ptr_array_index (caseload, 0))->info.id, ==, case_b);
  }

  /* The team's supervisor reads both. */
  assert_cases (sam, case_a, case_b, (gint64) 0);
  assert_reads (sam, case_a, profile_a);
  assert_reads (sam, case_b, profile_b);

  /* The administrator manages accounts and reads no case. */
  assert_cases (ada, (gint64) 0);
  assert_no_access (ada, case_a, contact_a);

  g_clear_object (&ada);
  g_clear_object (&sam);
  g_clear_object (&blake);
  g_clear_object (&alex);
  wmt_close_store (store);
}

static void
test_copied_key_row (WmtFixture    *f,
                     gconstpointer  data)
{
  sqlite3 *db = wmt_db_open (f->path);
  WmSession *blake;
  WmStore *store;

  /* Blake, holding the file, gives himself Alex's copy of the key and makes
   * the case his on paper. */
  g_assert_cmpint (wmt_db_exec (db,
                                "INSERT INTO case_keys (case_id, user_id, sealed, wrapped) "
                                "SELECT case_id, %" G_GINT64_FORMAT ", sealed, wrapped FROM case_keys "
                                "WHERE case_id = %" G_GINT64_FORMAT " AND user_id = %" G_GINT64_FORMAT,
                                wmt_ids.caseworker_b, case_a, wmt_ids.caseworker_a), ==, 1);
  g_assert_cmpint (wmt_db_exec (db, "UPDATE cases SET assigned_to = %" G_GINT64_FORMAT
                                " WHERE id = %" G_GINT64_FORMAT, wmt_ids.caseworker_b, case_a), ==, 1);

  store = wmt_open_store (f);
  blake = wmt_sign_in (store, WMT_CASEWORKER_B, WMT_CASEWORKER_B_PASS);
  assert_does_not_open (blake, case_a);
  {
    g_autoptr(GError) error = wmt_read_record_error (blake, contact_a, 1);

    g_assert_nonnull (error);
  }

  /* The supervisor's copy does no better. */
  g_assert_cmpint (wmt_db_exec (db,
                                "UPDATE case_keys SET (sealed, wrapped) = "
                                "(SELECT sealed, wrapped FROM case_keys WHERE case_id = %" G_GINT64_FORMAT
                                " AND user_id = %" G_GINT64_FORMAT ") "
                                "WHERE case_id = %" G_GINT64_FORMAT " AND user_id = %" G_GINT64_FORMAT,
                                case_a, wmt_ids.supervisor, case_a, wmt_ids.caseworker_b), ==, 1);
  assert_does_not_open (blake, case_a);
  /* Blake's own case is unaffected. */
  assert_reads (blake, case_b, profile_b);

  wmt_db_close (db);
  g_clear_object (&blake);
  wmt_close_store (store);
}

static void
test_reassign (WmtFixture    *f,
               gconstpointer  data)
{
  /* Three instances of the program on one file, as on three desks. */
  WmStore *alex_store = wmt_open_store (f);
  WmStore *blake_store = wmt_open_store (f);
  WmStore *sam_store = wmt_open_store (f);
  WmSession *alex_live = wmt_sign_in (alex_store, WMT_CASEWORKER_A, WMT_CASEWORKER_A_PASS);
  WmSession *blake_live = wmt_sign_in (blake_store, WMT_CASEWORKER_B, WMT_CASEWORKER_B_PASS);
  WmSession *sam = wmt_sign_in (sam_store, WMT_SUPERVISOR, WMT_SUPERVISOR_PASS);
  sqlite3 *db = wm_store_get_db (sam_store);
  g_autoptr(GError) error = NULL;

  assert_reads (alex_live, case_a, profile_a);
  assert_no_access (blake_live, case_a, contact_a);

  /* A caseworker cannot hand a case on. */
  g_assert_false (wm_session_reassign_case (alex_live, case_a, wmt_ids.caseworker_b, &error));
  g_assert_error (error, WM_STORE_ERROR, WM_STORE_ERROR_PERMISSION);
  g_clear_error (&error);

  g_assert_true (wm_session_reassign_case (sam, case_a, wmt_ids.caseworker_b, &error));
  g_assert_no_error (error);

  /* The key moved: Blake has a copy, Alex's is gone; the supervisor keeps
   * theirs. */
  g_assert_cmpint (wmt_db_int (db, "SELECT count(*) FROM case_keys WHERE case_id = %" G_GINT64_FORMAT
                               " AND user_id = %" G_GINT64_FORMAT, case_a, wmt_ids.caseworker_a), ==, 0);
  g_assert_cmpint (wmt_db_int (db, "SELECT count(*) FROM case_keys WHERE case_id = %" G_GINT64_FORMAT
                               " AND user_id = %" G_GINT64_FORMAT, case_a, wmt_ids.caseworker_b), ==, 1);
  g_assert_cmpint (wmt_db_int (db, "SELECT assigned_to FROM cases WHERE id = %" G_GINT64_FORMAT,
                               case_a), ==, wmt_ids.caseworker_b);
  g_assert_cmpint (wmt_db_int (db, "SELECT count(*) FROM audit WHERE action = 'reassign' AND case_id = %"
                               G_GINT64_FORMAT " AND user_id = %" G_GINT64_FORMAT,
                               case_a, wmt_ids.supervisor), ==, 1);
  assert_reads (sam, case_a, profile_a);

  /* Signing in afresh: Alex has no access, Blake reads it. */
  {
    WmStore *store = wmt_open_store (f);
    WmSession *alex = wmt_sign_in (store, WMT_CASEWORKER_A, WMT_CASEWORKER_A_PASS);
    WmSession *blake = wmt_sign_in (store, WMT_CASEWORKER_B, WMT_CASEWORKER_B_PASS);

    assert_cases (alex, (gint64) 0);
    assert_no_access (alex, case_a, contact_a);
    assert_cases (blake, case_a, case_b, (gint64) 0);
    assert_reads (blake, case_a, profile_a);
    g_clear_object (&alex);
    g_clear_object (&blake);
    wmt_close_store (store);
  }

  /* The sessions that were open during the reassignment follow it too:
   * Blake's sees the new case, Alex's no longer shows it. */
  assert_reads (blake_live, case_a, profile_a);
  assert_cases (alex_live, (gint64) 0);
  assert_no_access (alex_live, case_a, contact_a);

  g_clear_object (&sam);
  g_clear_object (&blake_live);
  g_clear_object (&alex_live);
  wmt_close_store (sam_store);
  wmt_close_store (blake_store);
  wmt_close_store (alex_store);
}

static void
test_reset_and_reshare (WmtFixture    *f,
                        gconstpointer  data)
{
  WmStore *store = wmt_open_store (f);
  g_autoptr(GError) error = NULL;
  WmSession *ada, *blake, *sam;
  guint n;

  /* Blake forgot the passphrase: the administrator issues a new key pair. */
  ada = wmt_sign_in (store, WMT_ADMIN, WMT_ADMIN_PASS);
  wmt_count_derivation ();
  g_assert_true (wm_session_reset_user (ada, wmt_ids.caseworker_b, BLAKE_NEW_PASS, &error));
  g_assert_no_error (error);
  g_assert_cmpint (wmt_db_int (wm_store_get_db (store),
                               "SELECT count(*) FROM audit WHERE action = 'user-reset'"), ==, 1);
  g_clear_object (&ada);

  {
    g_autoptr(WmSession) old = NULL;

    wmt_count_derivation ();
    old = wm_session_sign_in (store, WMT_CASEWORKER_B, WMT_CASEWORKER_B_PASS, &error);
    g_assert_error (error, WM_STORE_ERROR, WM_STORE_ERROR_WRONG_PASSPHRASE);
    g_assert_null (old);
    g_clear_error (&error);
  }

  /* The new key pair opens nothing yet: no backdoor brought the old keys
   * along. */
  blake = wmt_sign_in (store, WMT_CASEWORKER_B, BLAKE_NEW_PASS);
  assert_does_not_open (blake, case_b);

  /* The supervisor re-shares the team's cases to the new key. */
  sam = wmt_sign_in (store, WMT_SUPERVISOR, WMT_SUPERVISOR_PASS);
  n = wm_session_reshare_team_cases (sam, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n, >=, 1);

  assert_cases (blake, case_b, (gint64) 0);
  assert_reads (blake, case_b, profile_b);
  assert_no_access (blake, case_a, contact_a);

  g_clear_object (&sam);
  g_clear_object (&blake);
  wmt_close_store (store);
}

/* Blake, with write access to the file, puts his own public key in Alex's
 * account row. The next case the supervisor opens for Alex must still not
 * be readable by Blake. */
static void
test_public_key_substitution (WmtFixture    *f,
                              gconstpointer  data)
{
  g_autoptr(GVariant) profile = wmt_payload ("{'given-name': <'Carys'>}");
  g_autoptr(GError) error = NULL;
  sqlite3 *db = wmt_db_open (f->path);
  WmStore *store;
  WmSession *sam, *blake;
  gint64 new_case;

  g_assert_cmpint (wmt_db_exec (db, "UPDATE users SET public_key = (SELECT public_key FROM users "
                                "WHERE id = %" G_GINT64_FORMAT ") WHERE id = %" G_GINT64_FORMAT,
                                wmt_ids.caseworker_b, wmt_ids.caseworker_a), ==, 1);

  store = wmt_open_store (f);
  sam = wmt_sign_in (store, WMT_SUPERVISOR, WMT_SUPERVISOR_PASS);
  /* The account row no longer carries the organisation's signature, so
   * nothing is sealed to it: Blake never gets a seal made with his key. */
  new_case = wm_session_create_case (sam, wmt_ids.caseworker_a, profile, &error);
  g_assert_error (error, WM_STORE_ERROR, WM_STORE_ERROR_CORRUPT);
  g_assert_cmpint (new_case, ==, 0);
  g_test_message ("refused: %s", error->message);
  g_clear_error (&error);
  g_assert_cmpint (wmt_db_int (db, "SELECT count(*) FROM cases"), ==, 2);
  blake = wmt_sign_in (store, WMT_CASEWORKER_B, WMT_CASEWORKER_B_PASS);
  assert_cases (blake, case_b, (gint64) 0);
  g_clear_object (&blake);

  wmt_db_close (db);
  g_clear_object (&sam);
  wmt_close_store (store);
}

/* Blake, with write access to the file, makes himself Alex's supervisor.
 * Alex's next case must still not be readable by Blake. */
static void
test_forged_supervisor (WmtFixture    *f,
                        gconstpointer  data)
{
  g_autoptr(GVariant) profile = wmt_payload ("{'given-name': <'Carys'>}");
  g_autoptr(GError) error = NULL;
  sqlite3 *db = wmt_db_open (f->path);
  WmStore *store;
  WmSession *alex, *blake;
  gint64 new_case;

  /* The certificate is a real one, copied from Alex's link to Sam: valid
   * for that link, worthless for this one. */
  g_assert_cmpint (wmt_db_exec (db, "INSERT INTO user_supervisors (user_id, supervisor_id, certificate) "
                                "SELECT %" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ", certificate "
                                "FROM user_supervisors WHERE user_id = %" G_GINT64_FORMAT,
                                wmt_ids.caseworker_a, wmt_ids.caseworker_b, wmt_ids.caseworker_a), ==, 1);
  wmt_db_close (db);

  store = wmt_open_store (f);
  alex = wmt_sign_in (store, WMT_CASEWORKER_A, WMT_CASEWORKER_A_PASS);
  new_case = wm_session_create_case (alex, wmt_ids.caseworker_a, profile, &error);
  g_assert_error (error, WM_STORE_ERROR, WM_STORE_ERROR_CORRUPT);
  g_assert_cmpint (new_case, ==, 0);
  g_test_message ("refused: %s", error->message);
  g_clear_error (&error);
  blake = wmt_sign_in (store, WMT_CASEWORKER_B, WMT_CASEWORKER_B_PASS);
  assert_cases (blake, case_b, (gint64) 0);
  g_clear_object (&blake);

  g_clear_object (&alex);
  wmt_close_store (store);
}

/* Disabling an account takes its case keys away, so a copy of the file
 * made afterwards opens nothing for it; and setting it active again in the
 * file breaks the organisation's signature, which sign-in and verify see. */
static void
test_disabled_account (WmtFixture    *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) faults = g_ptr_array_new_with_free_func (g_free);
  WmStore *store = wmt_open_store (f);
  sqlite3 *db = wm_store_get_db (store);
  WmSession *admin, *sam, *blake;

  g_assert_cmpint (wmt_db_int (db, "SELECT count(*) FROM case_keys WHERE user_id = %" G_GINT64_FORMAT,
                               wmt_ids.caseworker_b), >, 0);
  admin = wmt_sign_in (store, WMT_ADMIN, WMT_ADMIN_PASS);
  g_assert_true (wm_session_disable_user (admin, wmt_ids.caseworker_b, &error));
  g_assert_no_error (error);
  g_clear_object (&admin);
  g_assert_cmpint (wmt_db_int (db, "SELECT count(*) FROM case_keys WHERE user_id = %" G_GINT64_FORMAT,
                               wmt_ids.caseworker_b), ==, 0);

  wmt_count_derivation ();
  blake = wm_session_sign_in (store, WMT_CASEWORKER_B, WMT_CASEWORKER_B_PASS, &error);
  g_assert_error (error, WM_STORE_ERROR, WM_STORE_ERROR_DISABLED);
  g_assert_null (blake);
  g_clear_error (&error);

  g_assert_cmpint (wmt_db_exec (db, "UPDATE users SET disabled = 0 WHERE id = %" G_GINT64_FORMAT,
                                wmt_ids.caseworker_b), ==, 1);
  wmt_count_derivation ();
  blake = wm_session_sign_in (store, WMT_CASEWORKER_B, WMT_CASEWORKER_B_PASS, &error);
  g_assert_error (error, WM_STORE_ERROR, WM_STORE_ERROR_CORRUPT);
  g_assert_null (blake);
  g_clear_error (&error);

  sam = wmt_sign_in (store, WMT_SUPERVISOR, WMT_SUPERVISOR_PASS);
  g_assert_false (wm_session_verify (sam, faults, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < faults->len; i++)
    g_test_message ("fault: %s", (char *) g_ptr_array_index (faults, i));
  /* The directory as a whole, the account's own signature, and the audit
   * log, whose signers' keys the directory no longer vouches for. */
  g_assert_cmpuint (faults->len, ==, 3);
  g_assert_nonnull (strstr (g_ptr_array_index (faults, 1), WMT_CASEWORKER_B));
  g_clear_object (&sam);
  wmt_close_store (store);
}

/* The caseload opens each case key from its wrapped form, falls back to
 * the seal when that is missing or damaged (and wraps it again), and
 * reports a case whose seal is damaged too without losing the others. */
static void
test_caseload_keys (WmtFixture    *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  WmStore *store = wmt_open_store (f);
  sqlite3 *db = wm_store_get_db (store);

  for (int round = 0; round < 3; round++)
    {
      g_autoptr(WmSession) sam = wmt_sign_in (store, WMT_SUPERVISOR, WMT_SUPERVISOR_PASS);
      g_autoptr(GPtrArray) caseload = wm_session_list_caseload (sam, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (caseload->len, ==, 2);
      for (guint i = 0; i < caseload->len; i++)
        {
          WmCaseloadEntry *entry = g_ptr_array_index (caseload, i);
          gboolean damaged = round == 2 && entry->info.id == case_a;

          if (damaged)
            {
              g_assert_error (entry->error, WM_STORE_ERROR, WM_STORE_ERROR_CORRUPT);
              g_assert_null (entry->profile);
            }
          else
            {
              g_assert_no_error (entry->error);
              wmt_assert_caseload_payload (entry->profile, entry->info.id == case_a ? profile_a : profile_b,
                                           TRUE);
            }
        }

      if (round == 0)
        {
          /* First use stored the wrapped keys; now damage one. */
          g_assert_cmpint (wmt_db_int (db, "SELECT count(*) FROM case_keys WHERE case_id = %" G_GINT64_FORMAT
                                       " AND user_id = %" G_GINT64_FORMAT " AND wrapped IS NOT NULL",
                                       case_a, wmt_ids.supervisor), ==, 1);
          g_assert_cmpint (wmt_db_exec (db, "UPDATE case_keys SET wrapped = randomblob(72) WHERE case_id = %"
                                        G_GINT64_FORMAT " AND user_id = %" G_GINT64_FORMAT,
                                        case_a, wmt_ids.supervisor), ==, 1);
        }
      else if (round == 1)
        {
          /* Opened from the seal and wrapped again; now damage both. */
          g_assert_cmpint (wmt_db_exec (db, "UPDATE case_keys SET wrapped = NULL, sealed = randomblob(80) "
                                        "WHERE case_id = %" G_GINT64_FORMAT " AND user_id = %" G_GINT64_FORMAT,
                                        case_a, wmt_ids.supervisor), ==, 1);
        }
    }
  wmt_close_store (store);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  g_assert_true (wm_crypto_init ());
  wmt_template_configure (WMT_USERS_CASEWORKER_A | WMT_USERS_CASEWORKER_B | WMT_USERS_SUPERVISOR,
                          populate);

  g_test_add ("/store/access/other-caseworker", WmtFixture, WMT_WITH_TEMPLATE,
              wmt_fixture_setup, test_other_caseworker, wmt_fixture_teardown);
  g_test_add ("/store/access/copied-key-row", WmtFixture, WMT_WITH_TEMPLATE,
              wmt_fixture_setup, test_copied_key_row, wmt_fixture_teardown);
  g_test_add ("/store/access/reassign", WmtFixture, WMT_WITH_TEMPLATE,
              wmt_fixture_setup, test_reassign, wmt_fixture_teardown);
  g_test_add ("/store/access/reset-and-reshare", WmtFixture, WMT_WITH_TEMPLATE,
              wmt_fixture_setup, test_reset_and_reshare, wmt_fixture_teardown);
  g_test_add ("/store/access/public-key-substitution", WmtFixture, WMT_WITH_TEMPLATE,
              wmt_fixture_setup, test_public_key_substitution, wmt_fixture_teardown);
  g_test_add ("/store/access/disabled-account", WmtFixture, WMT_WITH_TEMPLATE,
              wmt_fixture_setup, test_disabled_account, wmt_fixture_teardown);
  g_test_add ("/store/access/caseload-keys", WmtFixture, WMT_WITH_TEMPLATE,
              wmt_fixture_setup, test_caseload_keys, wmt_fixture_teardown);
  g_test_add ("/store/access/forged-supervisor", WmtFixture, WMT_WITH_TEMPLATE,
              wmt_fixture_setup, test_forged_supervisor, wmt_fixture_teardown);

  status = g_test_run ();
  wmt_template_cleanup ();
  g_clear_pointer (&profile_a, g_variant_unref);
  g_clear_pointer (&profile_b, g_variant_unref);
  g_clear_pointer (&note_a, g_variant_unref);
  wmt_print_derivations ();
  return status;
}
