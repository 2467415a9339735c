/* test-forgery.c — an attacker who can write the file but holds no key forges nothing
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each attack is made as issue 8 describes it: with SQL on the file and
 * the public formats only (public keys and the database id are in the
 * file; a record's sealed form is documented), holding no passphrase and
 * no key of anyone's. Every attack is then met by the signed statements of
 * app/store/wm-signed.c and refused or reported for that case, while the
 * rest still reads. Also here: approval covers exactly the version read,
 * every read of case content is audited, and deleting a case needs a
 * supervisor of its team.
 */

#define G_LOG_DOMAIN "wm-test-forgery"

#include "config.h"

#include <string.h>

#include <sodium.h>

#include "wm-store-test-util.h"
/* For test_holder_rewrites_author(), which signs a manifest as a
 * modified program holding the case key would. */
#include "wm-session-private.h"
#include "wm-signed.h"

#define OTHER_SUPERVISOR      "sol.supervisor"
#define OTHER_SUPERVISOR_PASS "amber quarry lantern ninety"

static gint64 the_case, contact_id, submitted_id, latest_id;

static void
populate (WmStore   *store,
          WmSession *admin)
{
  g_autoptr(GVariant) profile = wmt_payload ("{'given-name': <'Ffion'>}");
  g_autoptr(GVariant) note = wmt_payload ("{'note': <'first meeting'>}");
  g_autoptr(GVariant) note2 = wmt_payload ("{'note': <'first meeting, corrected'>}");
  g_autoptr(GVariant) assessment = wmt_payload ("{'state': <'submitted'>}");
  g_autoptr(GVariant) draft = wmt_payload ("{'state': <'draft'>}");
  g_autoptr(WmSession) alex = wmt_sign_in (store, WMT_CASEWORKER_A, WMT_CASEWORKER_A_PASS);
  g_autoptr(GError) error = NULL;

  the_case = wm_session_create_case (alex, wmt_ids.caseworker_a, profile, &error);
  g_assert_no_error (error);
  contact_id = wm_session_add_record (alex, the_case, WM_RECORD_CONTACT, note, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (wm_session_update_record (alex, contact_id, note2, &error), ==, 2);
  g_assert_no_error (error);
  submitted_id = wm_session_add_record (alex, the_case, WM_RECORD_ASSESSMENT, assessment, &error);
  g_assert_no_error (error);
  g_assert_true (wm_session_set_record_immutable (alex, submitted_id, &error));
  g_assert_no_error (error);
  latest_id = wm_session_add_record (alex, the_case, WM_RECORD_ASSESSMENT, draft, &error);
  g_assert_no_error (error);
}

static GBytes *
public_key_of (sqlite3 *db,
               gint64   user_id)
{
  return wmt_db_blob (db, "SELECT public_key FROM users WHERE id = %" G_GINT64_FORMAT, user_id);
}

/* What an attacker makes with the public record format and a key of
 * their own: a ciphertext that opens under that key, in that place. */
static GBytes *
attacker_record (sqlite3      *db,
                 const guint8 *key,
                 gint64        case_id,
                 gint64        record_id,
                 WmRecordKind  kind,
                 const char   *payload_text)
{
  g_autoptr(GBytes) database_id = wmt_db_blob (db, "SELECT value FROM meta WHERE key = 'database-id'");
  g_autoptr(GVariant) payload = wmt_payload (payload_text);
  g_autoptr(GError) error = NULL;
  WmRecordBinding binding = { g_bytes_get_data (database_id, NULL), case_id, record_id, kind, 1 };
  GBytes *sealed = wm_record_seal (key, &binding, 0, payload, &error);

  g_assert_no_error (error);
  return sealed;
}

static void
seal_to (sqlite3      *db,
         gint64        case_id,
         gint64        user_id,
         const guint8 *key)
{
  g_autoptr(GBytes) public_key = public_key_of (db, user_id);
  g_autoptr(GBytes) sealed_bytes = NULL;
  guint8 sealed[crypto_box_SEALBYTES + 32];

  crypto_box_seal (sealed, key, 32, g_bytes_get_data (public_key, NULL));
  sealed_bytes = g_bytes_new (sealed, sizeof sealed);
  wmt_db_exec (db, "DELETE FROM case_keys WHERE case_id = %" G_GINT64_FORMAT " AND user_id = %" G_GINT64_FORMAT,
               case_id, user_id);
  wmt_db_set_blob (db, sealed_bytes,
                   "INSERT INTO case_keys (case_id, user_id, sealed) VALUES (%" G_GINT64_FORMAT ", %"
                   G_GINT64_FORMAT ", ?1)", case_id, user_id);
}

static void
assert_caseload_refuses (WmSession *session,
                         gint64     case_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) caseload = wm_session_list_caseload (session, &error);
  gboolean seen = FALSE;

  g_assert_no_error (error);
  for (guint i = 0; i < caseload->len; i++)
    {
      WmCaseloadEntry *entry = g_ptr_array_index (caseload, i);

      if (entry->info.id != case_id)
        {
          g_assert_no_error (entry->error);
          continue;
        }
      seen = TRUE;
      g_assert_error (entry->error, WM_STORE_ERROR, WM_STORE_ERROR_CORRUPT);
      g_assert_null (entry->profile);
      g_assert_null (entry->latest_assessment);
    }
  g_assert_true (seen);
}

static void
assert_open_refused (WmSession *session,
                     gint64     case_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = wm_session_open_case (session, case_id, &error);
  g_autoptr(GVariant) note = wmt_payload ("{'note': <'written into a forged case'>}");
  gint64 added;

  g_assert_error (error, WM_STORE_ERROR, WM_STORE_ERROR_CORRUPT);
  g_assert_null (records);
  g_clear_error (&error);
  /* Nothing the caseworker writes goes under a key they were not given. */
  added = wm_session_add_record (session, case_id, WM_RECORD_CONTACT, note, &error);
  g_assert_error (error, WM_STORE_ERROR, WM_STORE_ERROR_CORRUPT);
  g_assert_cmpint (added, ==, 0);
}

/* A case made in the file: a key of the attacker's own sealed to Alex and
 * the supervisor, a profile and an "approved, low risk" assessment under
 * it. Nobody entitled signed any of it. */
static void
test_forged_case (WmtFixture    *f,
                  gconstpointer  data)
{
  sqlite3 *db = wmt_db_open (f->path);
  guint8 key[32];
  g_autoptr(GBytes) profile = NULL;
  g_autoptr(GBytes) assessment = NULL;
  g_autoptr(GBytes) junk = g_bytes_new ("0123456789012345678901234567890123456789012345678901234567890123", 64);
  WmStore *store;
  WmSession *alex, *sam;
  gint64 forged, profile_id, assessment_id;
  gint64 versions_before;

  randombytes_buf (key, sizeof key);
  wmt_db_exec (db, "INSERT INTO cases (reference, assigned_to, created_by, creator_generation) "
               "VALUES ('WM-F0RGED', %" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ", 1)",
               wmt_ids.caseworker_a, wmt_ids.caseworker_a);
  forged = wmt_db_int (db, "SELECT id FROM cases WHERE reference = 'WM-F0RGED'");
  /* A signature-shaped blob where the creator's signature goes. */
  wmt_db_set_blob (db, junk, "UPDATE cases SET certificate = ?1 WHERE id = %" G_GINT64_FORMAT, forged);
  seal_to (db, forged, wmt_ids.caseworker_a, key);
  seal_to (db, forged, wmt_ids.supervisor, key);
  wmt_db_exec (db, "INSERT INTO records (case_id, kind, head_version, author_id) VALUES (%" G_GINT64_FORMAT
               ", 1, 1, %" G_GINT64_FORMAT ")", forged, wmt_ids.caseworker_a);
  profile_id = wmt_db_int (db, "SELECT max(id) FROM records");
  profile = attacker_record (db, key, forged, profile_id, WM_RECORD_PROFILE, "{'given-name': <'Nobody'>}");
  wmt_db_set_blob (db, profile, "INSERT INTO record_versions (record_id, version, author_id, sealed) "
                   "VALUES (%" G_GINT64_FORMAT ", 1, %" G_GINT64_FORMAT ", ?1)", profile_id, wmt_ids.caseworker_a);
  wmt_db_exec (db, "INSERT INTO records (case_id, kind, head_version, author_id) VALUES (%" G_GINT64_FORMAT
               ", 3, 1, %" G_GINT64_FORMAT ")", forged, wmt_ids.caseworker_a);
  assessment_id = wmt_db_int (db, "SELECT max(id) FROM records");
  assessment = attacker_record (db, key, forged, assessment_id, WM_RECORD_ASSESSMENT,
                                "{'state': <'approved'>, 'safety': <'low'>}");
  wmt_db_set_blob (db, assessment, "INSERT INTO record_versions (record_id, version, author_id, immutable, "
                   "sealed) VALUES (%" G_GINT64_FORMAT ", 1, %" G_GINT64_FORMAT ", 1, ?1)", assessment_id,
                   wmt_ids.caseworker_a);
  versions_before = wmt_db_int (db, "SELECT count(*) FROM record_versions");

  store = wmt_open_store (f);
  alex = wmt_sign_in (store, WMT_CASEWORKER_A, WMT_CASEWORKER_A_PASS);
  sam = wmt_sign_in (store, WMT_SUPERVISOR, WMT_SUPERVISOR_PASS);
  assert_caseload_refuses (alex, forged);
  assert_caseload_refuses (sam, forged);
  assert_open_refused (alex, forged);
  assert_open_refused (sam, forged);
  g_assert_cmpint (wmt_db_int (db, "SELECT count(*) FROM record_versions"), ==, versions_before);
  /* The genuine case still reads. */
  g_ptr_array_unref (wmt_open_case_ok (alex, the_case));

  g_clear_object (&sam);
  g_clear_object (&alex);
  wmt_close_store (store);
  wmt_db_close (db);
}

/* Alex's seal of an existing case replaced with one of a key the attacker
 * chose; then the same with the case's commitment replaced too. */
static void
test_takeover (WmtFixture    *f,
               gconstpointer  data)
{
  sqlite3 *db = wmt_db_open (f->path);
  g_autoptr(GBytes) commitment = wmt_db_blob (db, "SELECT key_commitment FROM cases WHERE id = %" G_GINT64_FORMAT,
                                              the_case);
  g_autoptr(GBytes) grant = wmt_db_blob (db, "SELECT grant_signature FROM case_keys WHERE case_id = %"
                                         G_GINT64_FORMAT " AND user_id = %" G_GINT64_FORMAT,
                                         the_case, wmt_ids.caseworker_a);
  guint8 key[32];
  WmStore *store;
  WmSession *alex;

  randombytes_buf (key, sizeof key);
  seal_to (db, the_case, wmt_ids.caseworker_a, key);
  /* The grant as it was, copied back: the attacker cannot sign a new one. */
  wmt_db_set_blob (db, grant, "UPDATE case_keys SET grant_signature = ?1, granted_by = %" G_GINT64_FORMAT
                   ", granter_generation = 1 WHERE case_id = %" G_GINT64_FORMAT " AND user_id = %" G_GINT64_FORMAT,
                   wmt_ids.caseworker_a, the_case, wmt_ids.caseworker_a);

  store = wmt_open_store (f);
  alex = wmt_sign_in (store, WMT_CASEWORKER_A, WMT_CASEWORKER_A_PASS);
  assert_caseload_refuses (alex, the_case);
  assert_open_refused (alex, the_case);
  g_clear_object (&alex);

  /* With the commitment made to match the attacker's key: the creator's
   * signature no longer covers it. */
  {
    g_autoptr(GBytes) database_id = wmt_db_blob (db, "SELECT value FROM meta WHERE key = 'database-id'");
    g_autoptr(GByteArray) message = g_byte_array_new ();
    g_autoptr(GBytes) forged = NULL;
    guint8 id[8], out[32];

    g_byte_array_append (message, (const guint8 *) "waymark-case-key-v1", sizeof "waymark-case-key-v1");
    g_byte_array_append (message, g_bytes_get_data (database_id, NULL), g_bytes_get_size (database_id));
    for (int i = 0; i < 8; i++)
      id[i] = (guint8) (the_case >> (56 - 8 * i));
    g_byte_array_append (message, id, sizeof id);
    crypto_generichash (out, sizeof out, message->data, message->len, key, sizeof key);
    forged = g_bytes_new (out, sizeof out);
    g_assert_false (g_bytes_equal (forged, commitment));
    wmt_db_set_blob (db, forged, "UPDATE cases SET key_commitment = ?1 WHERE id = %" G_GINT64_FORMAT, the_case);
  }
  alex = wmt_sign_in (store, WMT_CASEWORKER_A, WMT_CASEWORKER_A_PASS);
  assert_caseload_refuses (alex, the_case);
  assert_open_refused (alex, the_case);

  g_clear_object (&alex);
  wmt_close_store (store);
  wmt_db_close (db);
}

/* Opens the case and returns the error of @record_id's entry (NULL when
 * it reads), checking that every other record reads. */
static GError *
record_error_in_case (WmSession *session,
                      gint64     record_id)
{
  g_autoptr(GPtrArray) records = wmt_open_case_ok (session, the_case);
  GError *found = NULL;
  gboolean seen = FALSE;

  for (guint i = 0; i < records->len; i++)
    {
      WmRecord *record = g_ptr_array_index (records, i);

      if (record->record_id == record_id)
        {
          seen = TRUE;
          found = record->error ? g_error_copy (record->error) : NULL;
          if (found != NULL)
            g_assert_null (record->payload);
          continue;
        }
      g_assert_no_error (record->error);
      g_assert_nonnull (record->payload);
    }
  g_assert_true (seen);
  return found;
}

static void
assert_reported (WmSession  *session,
                 sqlite3    *db,
                 gint64      record_id,
                 const char *attack)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) note = wmt_payload ("{'note': <'a later note'>}");

  g_test_message ("attack: %s", attack);
  error = record_error_in_case (session, record_id);
  g_assert_error (error, WM_STORE_ERROR, WM_STORE_ERROR_CORRUPT);
  g_test_message ("reported: %s", error->message);
  g_clear_error (&error);
  /* And nobody signs over it: a write to the case is refused. */
  g_assert_cmpint (wm_session_add_record (session, the_case, WM_RECORD_CONTACT, note, &error), ==, 0);
  g_assert_error (error, WM_STORE_ERROR, WM_STORE_ERROR_CORRUPT);
}

/* Record metadata outside the ciphertext: heads, versions, flags, authors,
 * whole records. Each attack on a fresh copy of the file. */
static void
test_metadata (WmtFixture    *f,
               gconstpointer  data)
{
  const struct
  {
    const char *sql;
    gint64     *record;
  } attacks[] = {
    /* @ID@ stands for the record's id. */
    { "UPDATE records SET head_version = 1 WHERE id = @ID@", &contact_id },
    { "DELETE FROM record_versions WHERE record_id = @ID@ AND version = 2; "
      "UPDATE records SET head_version = 1 WHERE id = @ID@", &contact_id },
    { "DELETE FROM record_versions WHERE record_id = @ID@ AND version = 1", &contact_id },
    { "UPDATE record_versions SET immutable = 0 WHERE record_id = @ID@", &submitted_id },
    { "UPDATE record_versions SET immutable = 1 WHERE record_id = @ID@", &latest_id },
    { "UPDATE record_versions SET author_id = (SELECT id FROM users WHERE name = '" WMT_SUPERVISOR "') "
      "WHERE record_id = @ID@", &latest_id },
    { "DELETE FROM record_versions WHERE record_id = @ID@; DELETE FROM records WHERE id = @ID@", &latest_id },
  };
  g_autofree char *pristine = g_build_filename (f->dir, "pristine.db", NULL);

  wmt_copy_file (f->path, pristine);
  for (guint i = 0; i < G_N_ELEMENTS (attacks); i++)
    {
      g_autoptr(GString) sql_text = g_string_new (attacks[i].sql);
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, *attacks[i].record);
      const char *sql;
      sqlite3 *db;
      WmStore *store;
      WmSession *alex;

      g_string_replace (sql_text, "@ID@", id, 0);
      sql = sql_text->str;
      wmt_new_device (f);
      wmt_copy_file (pristine, f->path);
      db = wmt_db_open (f->path);
      g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_changes (db), >, 0);
      wmt_db_close (db);

      store = wmt_open_store (f);
      alex = wmt_sign_in (store, WMT_CASEWORKER_A, WMT_CASEWORKER_A_PASS);
      db = wm_store_get_db (store);
      assert_reported (alex, db, *attacks[i].record, sql);
      g_clear_object (&alex);
      wmt_close_store (store);
    }
}

/* The latest assessment deleted: the caseload does not fall back on the
 * one before it as if it were the latest. */
static void
test_deleted_latest_in_caseload (WmtFixture    *f,
                                 gconstpointer  data)
{
  sqlite3 *db = wmt_db_open (f->path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) caseload = NULL;
  WmCaseloadEntry *entry;
  WmStore *store;
  WmSession *alex;

  wmt_db_exec (db, "DELETE FROM record_versions WHERE record_id = %" G_GINT64_FORMAT, latest_id);
  wmt_db_exec (db, "DELETE FROM records WHERE id = %" G_GINT64_FORMAT, latest_id);
  wmt_db_close (db);

  store = wmt_open_store (f);
  alex = wmt_sign_in (store, WMT_CASEWORKER_A, WMT_CASEWORKER_A_PASS);
  caseload = wm_session_list_caseload (alex, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (caseload->len, ==, 1);
  entry = g_ptr_array_index (caseload, 0);
  g_assert_error (entry->error, WM_STORE_ERROR, WM_STORE_ERROR_CORRUPT);
  g_assert_null (entry->latest_assessment);
  g_assert_nonnull (entry->profile);
  g_clear_object (&alex);
  wmt_close_store (store);
}

/* Approval: of exactly the version read, by a supervisor of the case who
 * did not write it; its entry names the version; forged or removed, it is
 * reported. */
static void
test_approval (WmtFixture    *f,
               gconstpointer  data)
{
  g_autoptr(GVariant) v2 = wmt_payload ("{'state': <'draft'>, 'safety': <'high'>}");
  g_autoptr(GError) error = NULL;
  g_autoptr(WmRecord) read = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *pristine = g_build_filename (f->dir, "approved.db", NULL);
  WmStore *store = wmt_open_store (f);
  sqlite3 *db = wm_store_get_db (store);
  WmSession *alex, *sam;

  alex = wmt_sign_in (store, WMT_CASEWORKER_A, WMT_CASEWORKER_A_PASS);
  sam = wmt_sign_in (store, WMT_SUPERVISOR, WMT_SUPERVISOR_PASS);

  /* Sam reads version 1; Alex then writes version 2. */
  read = wmt_read_record_ok (sam, latest_id, 1);
  g_assert_cmpuint (wm_session_update_record (alex, latest_id, v2, &error), ==, 2);
  g_assert_no_error (error);

  g_assert_false (wm_session_approve_record (sam, latest_id, read->version, &error));
  g_assert_error (error, WM_STORE_ERROR, WM_STORE_ERROR_STALE);
  g_clear_error (&error);
  g_assert_cmpint (wmt_db_int (db, "SELECT count(*) FROM approvals"), ==, 0);

  /* A caseworker approves nothing, her own work least of all. */
  g_assert_false (wm_session_approve_record (alex, latest_id, 2, &error));
  g_assert_error (error, WM_STORE_ERROR, WM_STORE_ERROR_PERMISSION);
  g_clear_error (&error);

  g_assert_true (wm_session_approve_record (sam, latest_id, 2, &error));
  g_assert_no_error (error);
  detail = wmt_db_text (db, "SELECT detail FROM audit WHERE action = 'approve' ORDER BY seq DESC LIMIT 1");
  g_assert_cmpstr (detail, ==, "assessment, version 2");
  g_clear_pointer (&read, wm_record_free);
  read = wmt_read_record_ok (alex, latest_id, 2);
  g_assert_true (read->immutable);
  g_assert_cmpint (read->approved_by, ==, wmt_ids.supervisor);
  g_assert_cmpuint (wm_session_update_record (alex, latest_id, v2, &error), ==, 0);
  g_assert_error (error, WM_STORE_ERROR, WM_STORE_ERROR_IMMUTABLE);
  g_clear_error (&error);
  g_clear_object (&sam);
  g_clear_object (&alex);
  wmt_close_store (store);

  /* A supervisor does not approve a version they wrote. */
  {
    g_autoptr(GVariant) own = wmt_payload ("{'state': <'draft'>}");
    gint64 own_record;

    store = wmt_open_store (f);
    sam = wmt_sign_in (store, WMT_SUPERVISOR, WMT_SUPERVISOR_PASS);
    own_record = wm_session_add_record (sam, the_case, WM_RECORD_ASSESSMENT, own, &error);
    g_assert_no_error (error);
    g_assert_false (wm_session_approve_record (sam, own_record, 1, &error));
    g_assert_error (error, WM_STORE_ERROR, WM_STORE_ERROR_PERMISSION);
    g_clear_error (&error);
    g_clear_object (&sam);
    wmt_close_store (store);
  }

  /* The approval removed, or passed off as another supervisor's. */
  wmt_copy_file (f->path, pristine);
  for (guint i = 0; i < 2; i++)
    {
      const char *attack = i == 0 ? "DELETE FROM approvals"
                                  : "UPDATE approvals SET approver_id = (SELECT id FROM users WHERE name = '"
                                    WMT_ADMIN "')";

      wmt_new_device (f);
      wmt_copy_file (pristine, f->path);
      db = wmt_db_open (f->path);
      g_assert_cmpint (sqlite3_exec (db, attack, NULL, NULL, NULL), ==, SQLITE_OK);
      wmt_db_close (db);
      store = wmt_open_store (f);
      alex = wmt_sign_in (store, WMT_CASEWORKER_A, WMT_CASEWORKER_A_PASS);
      assert_reported (alex, wm_store_get_db (store), latest_id, attack);
      g_clear_object (&alex);
      wmt_close_store (store);
    }
}

static gint64
count_action (sqlite3    *db,
              const char *action)
{
  return wmt_db_int (db, "SELECT count(*) FROM audit WHERE action = '%s'", action);
}

/* Every read of case content leaves an entry: a record, a history, a
 * caseload (one for the list). */
static void
test_reads_are_audited (WmtFixture    *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  WmStore *store = wmt_open_store (f);
  sqlite3 *db = wm_store_get_db (store);
  WmSession *alex = wmt_sign_in (store, WMT_CASEWORKER_A, WMT_CASEWORKER_A_PASS);

  {
    g_autoptr(WmRecord) record = wmt_read_record_ok (alex, contact_id, 1);
  }
  g_assert_cmpint (count_action (db, "record-view"), ==, 1);
  {
    g_autoptr(GPtrArray) history = wm_session_list_history (alex, contact_id, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (history->len, ==, 2);
  }
  g_assert_cmpint (count_action (db, "history-view"), ==, 1);
  {
    g_autoptr(GPtrArray) caseload = wm_session_list_caseload (alex, &error);

    g_assert_no_error (error);
  }
  g_assert_cmpint (count_action (db, "caseload-view"), ==, 1);
  g_assert_cmpint (wmt_db_int (db, "SELECT user_id FROM audit WHERE action = 'caseload-view'"), ==,
                   wmt_ids.caseworker_a);
  g_clear_object (&alex);
  wmt_close_store (store);
}

/* Deleting a case: a supervisor of its team who holds its key. */
static void
test_delete_rules (WmtFixture    *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  WmStore *store = wmt_open_store (f);
  sqlite3 *db = wm_store_get_db (store);
  WmSession *ada, *sol, *alex, *sam;

  ada = wmt_sign_in (store, WMT_ADMIN, WMT_ADMIN_PASS);
  wmt_count_derivation ();
  g_assert_cmpint (wm_session_add_user (ada, OTHER_SUPERVISOR, WM_ROLE_SUPERVISOR, OTHER_SUPERVISOR_PASS,
                                        &error), >, 0);
  g_assert_no_error (error);
  g_assert_false (wm_session_delete_case (ada, the_case, &error));
  g_assert_error (error, WM_STORE_ERROR, WM_STORE_ERROR_PERMISSION);
  g_clear_error (&error);

  sol = wmt_sign_in (store, OTHER_SUPERVISOR, OTHER_SUPERVISOR_PASS);
  g_assert_false (wm_session_delete_case (sol, the_case, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  alex = wmt_sign_in (store, WMT_CASEWORKER_A, WMT_CASEWORKER_A_PASS);
  g_assert_false (wm_session_delete_case (alex, the_case, &error));
  g_assert_error (error, WM_STORE_ERROR, WM_STORE_ERROR_PERMISSION);
  g_clear_error (&error);
  g_assert_cmpint (wmt_db_int (db, "SELECT count(*) FROM cases"), ==, 1);

  sam = wmt_sign_in (store, WMT_SUPERVISOR, WMT_SUPERVISOR_PASS);
  g_assert_true (wm_session_delete_case (sam, the_case, &error));
  g_assert_no_error (error);
  g_assert_cmpint (wmt_db_int (db, "SELECT count(*) FROM cases"), ==, 0);

  g_clear_object (&sam);
  g_clear_object (&alex);
  g_clear_object (&sol);
  g_clear_object (&ada);
  wmt_close_store (store);
}

/* The directory as it was once signed, row by row: an account's earlier
 * row written back after it was disabled, and a team link deleted. Each
 * row's own signature still holds; the directory head does not, and
 * nothing is sealed while it does not. */
static void
test_directory_replay (WmtFixture    *f,
                       gconstpointer  data)
{
  g_autoptr(GVariant) profile = wmt_payload ("{'given-name': <'Carys'>}");
  g_autoptr(GError) error = NULL;
  g_autofree char *pristine = g_build_filename (f->dir, "directory.db", NULL);
  WmStore *store = wmt_open_store (f);
  sqlite3 *db = wm_store_get_db (store);
  WmSession *ada, *sam;
  gint64 sol, cases_before;

  /* Sol supervises Alex too, then is disabled. */
  ada = wmt_sign_in (store, WMT_ADMIN, WMT_ADMIN_PASS);
  wmt_count_derivation ();
  sol = wm_session_add_user (ada, OTHER_SUPERVISOR, WM_ROLE_SUPERVISOR, OTHER_SUPERVISOR_PASS, &error);
  g_assert_no_error (error);
  g_assert_true (wm_session_add_supervisor (ada, wmt_ids.caseworker_a, sol, &error));
  g_assert_no_error (error);
  {
    g_autoptr(GBytes) enabled_row = wmt_db_blob (db, "SELECT certificate FROM users WHERE id = %" G_GINT64_FORMAT,
                                                 sol);

    g_assert_true (wm_session_disable_user (ada, sol, &error));
    g_assert_no_error (error);
    g_clear_object (&ada);
    wmt_close_store (store);
    wmt_copy_file (f->path, pristine);

    /* The attacker writes the row back as it was signed when active. */
    db = wmt_db_open (f->path);
    wmt_db_set_blob (db, enabled_row, "UPDATE users SET disabled = 0, certificate = ?1 WHERE id = %"
                     G_GINT64_FORMAT, sol);
    cases_before = wmt_db_int (db, "SELECT count(*) FROM cases");
    wmt_db_close (db);
  }

  store = wmt_open_store (f);
  sam = wmt_sign_in (store, WMT_SUPERVISOR, WMT_SUPERVISOR_PASS);
  g_assert_cmpint (wm_session_create_case (sam, wmt_ids.caseworker_a, profile, &error), ==, 0);
  g_assert_error (error, WM_STORE_ERROR, WM_STORE_ERROR_CORRUPT);
  g_clear_error (&error);
  g_assert_cmpint (wmt_db_int (wm_store_get_db (store), "SELECT count(*) FROM cases"), ==, cases_before);
  g_assert_cmpint (wmt_db_int (wm_store_get_db (store), "SELECT count(*) FROM case_keys WHERE user_id = %"
                               G_GINT64_FORMAT, sol), ==, 0);
  g_clear_object (&sam);
  wmt_close_store (store);

  /* Sam's link to Alex deleted: a new case would silently leave Sam out. */
  wmt_new_device (f);
  wmt_copy_file (pristine, f->path);
  db = wmt_db_open (f->path);
  g_assert_cmpint (wmt_db_exec (db, "DELETE FROM user_supervisors WHERE supervisor_id = %" G_GINT64_FORMAT,
                                wmt_ids.supervisor), ==, 1);
  wmt_db_close (db);
  store = wmt_open_store (f);
  {
    WmSession *alex = wmt_sign_in (store, WMT_CASEWORKER_A, WMT_CASEWORKER_A_PASS);

    g_assert_cmpint (wm_session_create_case (alex, wmt_ids.caseworker_a, profile, &error), ==, 0);
    g_assert_error (error, WM_STORE_ERROR, WM_STORE_ERROR_CORRUPT);
    g_clear_error (&error);
    g_clear_object (&alex);
  }
  wmt_close_store (store);
}

static GBytes *
flip_middle (GBytes *bytes)
{
  g_autoptr(GByteArray) copy = g_bytes_unref_to_array (g_bytes_ref (bytes));

  copy->data[copy->len / 2] ^= 0x01;
  return g_byte_array_free_to_bytes (g_steal_pointer (&copy));
}

/* One bit flipped in each piece of key material an account can check:
 * verify reports it, and a damaged wrapped key is not made good behind
 * anyone's back (an attacker could use that to force the seal path). */
static void
test_verify_key_material (WmtFixture    *f,
                          gconstpointer  data)
{
  const struct
  {
    const char *column;   /* blob to flip, as "table.column WHERE ..." */
    const char *select;
    const char *update;
    const char *user;
    const char *passphrase;
  } flips[] = {
    { "organisation seal",
      "SELECT organisation_seal FROM users WHERE name = '" WMT_ADMIN "'",
      "UPDATE users SET organisation_seal = ?1 WHERE name = '" WMT_ADMIN "'",
      WMT_ADMIN, WMT_ADMIN_PASS },
    { "sealed case key behind a wrapped one",
      "SELECT sealed FROM case_keys WHERE user_id = (SELECT id FROM users WHERE name = '" WMT_CASEWORKER_A "')",
      "UPDATE case_keys SET sealed = ?1 WHERE user_id = (SELECT id FROM users WHERE name = '"
      WMT_CASEWORKER_A "')",
      WMT_CASEWORKER_A, WMT_CASEWORKER_A_PASS },
    { "wrapped case key",
      "SELECT wrapped FROM case_keys WHERE user_id = (SELECT id FROM users WHERE name = '" WMT_CASEWORKER_A "')",
      "UPDATE case_keys SET wrapped = ?1 WHERE user_id = (SELECT id FROM users WHERE name = '"
      WMT_CASEWORKER_A "')",
      WMT_CASEWORKER_A, WMT_CASEWORKER_A_PASS },
  };
  g_autofree char *pristine = g_build_filename (f->dir, "keys.db", NULL);

  wmt_copy_file (f->path, pristine);
  for (guint i = 0; i < G_N_ELEMENTS (flips); i++)
    {
      g_autoptr(GPtrArray) faults = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GBytes) before = NULL;
      g_autoptr(GBytes) flipped = NULL;
      g_autoptr(GBytes) after = NULL;
      g_autoptr(GError) error = NULL;
      WmSession *session;
      WmStore *store;
      sqlite3 *db;

      wmt_new_device (f);
      wmt_copy_file (pristine, f->path);
      db = wmt_db_open (f->path);
      before = wmt_db_blob (db, "%s", flips[i].select);
      g_assert_nonnull (before);
      flipped = flip_middle (before);
      wmt_db_set_blob (db, flipped, "%s", flips[i].update);
      wmt_db_close (db);

      store = wmt_open_store (f);
      session = wmt_sign_in (store, flips[i].user, flips[i].passphrase);
      /* A caseload first: it must not rewrite what it could not open. */
      {
        g_autoptr(GPtrArray) caseload = wm_session_list_caseload (session, &error);

        g_assert_no_error (error);
      }
      g_assert_false (wm_session_verify (session, faults, &error));
      g_assert_no_error (error);
      g_test_message ("%s: %u fault(s), first: %s", flips[i].column, faults->len,
                      faults->len > 0 ? (char *) g_ptr_array_index (faults, 0) : "none");
      g_assert_cmpuint (faults->len, ==, 1);
      after = wmt_db_blob (wm_store_get_db (store), "%s", flips[i].select);
      g_assert_true (g_bytes_equal (after, flipped));
      g_clear_object (&session);
      wmt_close_store (store);
    }
}

/* A holder of the case key (here its supervisor) is trusted with the
 * manifest, not with other people's authorship: they rewrite the author of
 * the caseworker's draft to themselves and sign a manifest over the file as
 * it then stands (with the store's own function, as a modified program
 * would). The caseworker's next open, which no MAC of theirs vouches for,
 * checks each current version's author's signature and reports the draft;
 * the other records still read. */
static void
test_holder_rewrites_author (WmtFixture    *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = NULL;
  WmStore *store = wmt_open_store (f);
  WmSession *sam = wmt_sign_in (store, WMT_SUPERVISOR, WMT_SUPERVISOR_PASS);
  WmSession *alex;
  const guint8 *key;
  gboolean seen = FALSE;

  key = wm_session_case_key (sam, the_case, &error);
  g_assert_no_error (error);
  g_assert_nonnull (key);
  wmt_db_exec (wm_store_get_db (store),
               "UPDATE record_versions SET author_id = %" G_GINT64_FORMAT " WHERE record_id = %" G_GINT64_FORMAT,
               wmt_ids.supervisor, latest_id);
  g_assert_true (wm_store_begin (store, &error));
  g_assert_true (wm_signed_write_manifest (sam, the_case, key, 0, &error));
  g_assert_no_error (error);
  g_assert_true (wm_store_commit (store, &error));
  g_clear_object (&sam);

  alex = wmt_sign_in (store, WMT_CASEWORKER_A, WMT_CASEWORKER_A_PASS);
  records = wm_session_open_case (alex, the_case, &error);
  g_assert_no_error (error);
  g_assert_nonnull (records);
  for (guint i = 0; i < records->len; i++)
    {
      WmRecord *record = g_ptr_array_index (records, i);

      if (record->record_id == latest_id)
        {
          g_assert_error (record->error, WM_STORE_ERROR, WM_STORE_ERROR_CORRUPT);
          g_assert_null (record->payload);
          seen = TRUE;
        }
      else
        {
          g_assert_no_error (record->error);
        }
    }
  g_assert_true (seen);
  g_clear_object (&alex);
  wmt_close_store (store);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  g_assert_true (wm_crypto_init ());
  wmt_template_configure (WMT_USERS_CASEWORKER_A | WMT_USERS_SUPERVISOR, populate);

  g_test_add ("/store/forgery/forged-case", WmtFixture, WMT_WITH_TEMPLATE,
              wmt_fixture_setup, test_forged_case, wmt_fixture_teardown);
  g_test_add ("/store/forgery/takeover", WmtFixture, WMT_WITH_TEMPLATE,
              wmt_fixture_setup, test_takeover, wmt_fixture_teardown);
  g_test_add ("/store/forgery/metadata", WmtFixture, WMT_WITH_TEMPLATE,
              wmt_fixture_setup, test_metadata, wmt_fixture_teardown);
  g_test_add ("/store/forgery/deleted-latest-in-caseload", WmtFixture, WMT_WITH_TEMPLATE,
              wmt_fixture_setup, test_deleted_latest_in_caseload, wmt_fixture_teardown);
  g_test_add ("/store/forgery/approval", WmtFixture, WMT_WITH_TEMPLATE,
              wmt_fixture_setup, test_approval, wmt_fixture_teardown);
  g_test_add ("/store/forgery/reads-are-audited", WmtFixture, WMT_WITH_TEMPLATE,
              wmt_fixture_setup, test_reads_are_audited, wmt_fixture_teardown);
  g_test_add ("/store/forgery/delete-rules", WmtFixture, WMT_WITH_TEMPLATE,
              wmt_fixture_setup, test_delete_rules, wmt_fixture_teardown);
  g_test_add ("/store/forgery/directory-replay", WmtFixture, WMT_WITH_TEMPLATE,
              wmt_fixture_setup, test_directory_replay, wmt_fixture_teardown);
  g_test_add ("/store/forgery/holder-rewrites-author", WmtFixture, WMT_WITH_TEMPLATE,
              wmt_fixture_setup, test_holder_rewrites_author, wmt_fixture_teardown);
  g_test_add ("/store/forgery/verify-key-material", WmtFixture, WMT_WITH_TEMPLATE,
              wmt_fixture_setup, test_verify_key_material, wmt_fixture_teardown);

  status = g_test_run ();
  wmt_print_derivations ();
  return status;
}
