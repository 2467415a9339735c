/* test-migrations.c — opening files: upgrades, refusals, backup and restore
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A version-1 file is upgraded to the current schema, the same as a fresh
 * one's, with every record still readable; an upgrade that fails leaves
 * the file at version 1. A file from a newer Waymark is refused and left
 * byte for byte as it was; a file that is not a Waymark database (noise,
 * text, empty, another program's SQLite file, a Waymark file cut short) is
 * refused with NOT_A_DATABASE and a message naming it, and never altered.
 * A backup restores what was there when it was taken.
 */

#define G_LOG_DOMAIN "wm-test-migrations"

#include "config.h"

#include <string.h>
#include <sys/stat.h>

#include <glib/gstdio.h>
#include <sodium.h>

#include "wm-store-test-util.h"

static gint64 the_case, contact_id, assessment_id;
static GVariant *profile, *contact_v1, *contact_v2, *assessment;

static void
populate (WmStore   *store,
          WmSession *admin)
{
  g_autoptr(WmSession) alex = wmt_sign_in (store, WMT_CASEWORKER_A, WMT_CASEWORKER_A_PASS);
  g_autoptr(GError) error = NULL;

  profile = wmt_payload ("{'given-name': <'Ffion'>, 'languages': <['cy', 'en']>}");
  contact_v1 = wmt_payload ("{'note': <'first meeting'>}");
  contact_v2 = wmt_payload ("{'note': <'first meeting, corrected'>}");
  assessment = wmt_payload ("{'answers': <{'q1': <'yes'>, 'nested': <{'deep': <int32 7>}>}>}");

  the_case = wm_session_create_case (alex, wmt_ids.caseworker_a, profile, &error);
  g_assert_no_error (error);
  contact_id = wm_session_add_record (alex, the_case, WM_RECORD_CONTACT, contact_v1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (wm_session_update_record (alex, contact_id, contact_v2, &error), ==, 2);
  g_assert_no_error (error);
  assessment_id = wm_session_add_record (alex, the_case, WM_RECORD_ASSESSMENT, assessment, &error);
  g_assert_no_error (error);
}

static void
check_records (WmSession *alex)
{
  g_autoptr(GPtrArray) records = wmt_open_case_ok (alex, the_case);
  WmRecord *record;

  g_assert_cmpuint (records->len, ==, 3);
  record = wmt_find_kind (records, WM_RECORD_PROFILE);
  g_assert_nonnull (record);
  wmt_assert_payload (record->payload, profile);
  record = wmt_find_record (records, contact_id);
  g_assert_nonnull (record);
  g_assert_cmpuint (record->version, ==, 2);
  wmt_assert_payload (record->payload, contact_v2);
  record = wmt_find_record (records, assessment_id);
  g_assert_nonnull (record);
  wmt_assert_payload (record->payload, assessment);
  {
    g_autoptr(WmRecord) old = wmt_read_record_ok (alex, contact_id, 1);

    wmt_assert_payload (old->payload, contact_v1);
  }
}

/* sqlite_master, with the SQL's layout normalised: runs of white space
 * become one space, none next to punctuation. */
static char *
schema_of (sqlite3 *db)
{
  GString *schema = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT type, name, tbl_name, sql FROM sqlite_master "
                                       "ORDER BY type, name", -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *sql = (const char *) sqlite3_column_text (stmt, 3);
      GString *normal = g_string_new (NULL);
      gboolean space = FALSE;

      for (const char *p = sql ? sql : ""; *p; p++)
        {
          if (g_ascii_isspace (*p))
            {
              space = TRUE;
              continue;
            }
          if (space && normal->len > 0 && !strchr ("(),;", *p)
              && !strchr ("(,", normal->str[normal->len - 1]))
            g_string_append_c (normal, ' ');
          space = FALSE;
          g_string_append_c (normal, *p);
        }
      g_string_append_printf (schema, "%s %s on %s: %s\n",
                              sqlite3_column_text (stmt, 0), sqlite3_column_text (stmt, 1),
                              sqlite3_column_text (stmt, 2), normal->str);
      g_string_free (normal, TRUE);
    }
  sqlite3_finalize (stmt);
  return g_string_free (schema, FALSE);
}

static void
downgrade_to_v1 (const char *path)
{
  sqlite3 *db = wmt_db_open (path);

  g_assert_cmpint (wmt_db_int (db, "PRAGMA user_version"), ==, 2);
  wmt_db_exec (db, "ALTER TABLE case_keys DROP COLUMN wrapped");
  wmt_db_exec (db, "DROP INDEX records_by_case_kind");
  wmt_db_exec (db, "PRAGMA user_version = 1");
  g_assert_false (wmt_db_has_column (db, "case_keys", "wrapped"));
  wmt_db_close (db);
}

static void
test_upgrade_v1 (WmtFixture    *f,
                 gconstpointer  data)
{
  g_autofree char *fresh = NULL;
  g_autofree char *upgraded = NULL;
  g_autofree char *again = NULL;
  g_autoptr(GPtrArray) faults = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  WmSession *alex;
  WmStore *store;
  sqlite3 *db;

  db = wmt_db_open (f->path);
  fresh = schema_of (db);
  wmt_db_close (db);
  g_assert_nonnull (strstr (fresh, "records_by_case_kind"));

  downgrade_to_v1 (f->path);

  store = wmt_open_store (f);
  g_assert_cmpint (wm_store_get_schema_version (store), ==, 2);
  db = wm_store_get_db (store);
  g_assert_cmpint (wmt_db_int (db, "PRAGMA user_version"), ==, 2);
  g_assert_true (wmt_db_has_column (db, "case_keys", "wrapped"));
  upgraded = schema_of (db);
  g_assert_cmpstr (upgraded, ==, fresh);
  g_assert_true (wm_store_check_integrity (store, faults, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (faults->len, ==, 0);

  /* Every record of the old file reads, and the case key that came
   * without a wrapped form gets one on first use. */
  g_assert_cmpint (wmt_db_int (db, "SELECT count(*) FROM case_keys WHERE wrapped IS NOT NULL"), ==, 0);
  alex = wmt_sign_in (store, WMT_CASEWORKER_A, WMT_CASEWORKER_A_PASS);
  check_records (alex);
  g_assert_cmpint (wmt_db_int (db, "SELECT count(*) FROM case_keys WHERE user_id = %" G_GINT64_FORMAT
                               " AND wrapped IS NOT NULL", wmt_ids.caseworker_a), ==, 1);
  g_assert_true (wm_store_verify_audit (store, faults, &error));
  g_assert_no_error (error);
  g_clear_object (&alex);
  wmt_close_store (store);

  /* Opening again changes nothing. */
  store = wmt_open_store (f);
  g_assert_cmpint (wm_store_get_schema_version (store), ==, 2);
  again = schema_of (wm_store_get_db (store));
  g_assert_cmpstr (again, ==, fresh);
  wmt_close_store (store);
}

static void
test_failed_upgrade (WmtFixture    *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WmStore) store = NULL;
  sqlite3 *db;

  /* Something in the way of migration 2's index: it cannot complete. */
  downgrade_to_v1 (f->path);
  db = wmt_db_open (f->path);
  wmt_db_exec (db, "CREATE TABLE records_by_case_kind (x)");
  wmt_db_close (db);

  store = wm_store_open (f->path, &error);
  g_assert_null (store);
  g_assert_nonnull (error);
  g_assert_true (error->domain == WM_STORE_ERROR);
  g_test_message ("%s", error->message);
  g_clear_error (&error);

  /* All of it or none: the column that migration added first is not there. */
  db = wmt_db_open (f->path);
  g_assert_cmpint (wmt_db_int (db, "PRAGMA user_version"), ==, 1);
  g_assert_false (wmt_db_has_column (db, "case_keys", "wrapped"));
  wmt_db_exec (db, "DROP TABLE records_by_case_kind");
  wmt_db_close (db);

  /* With the obstacle gone, the upgrade goes through. */
  g_clear_object (&store);
  store = wm_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (wm_store_get_schema_version (store), ==, 2);
}

typedef struct
{
  GBytes   *contents;
  struct stat st;
  char     *listing;
} Snapshot;

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(char *const *) a, *(char *const *) b);
}

static char *
list_dir (const char *dir)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  GDir *handle = g_dir_open (dir, 0, NULL);
  const char *name;

  g_assert_nonnull (handle);
  while ((name = g_dir_read_name (handle)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_dir_close (handle);
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (" ", (char **) names->pdata);
}

static void
snapshot_take (Snapshot   *s,
               const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);

  s->contents = wmt_read_file (path);
  g_assert_cmpint (stat (path, &s->st), ==, 0);
  s->listing = list_dir (dir);
}

static void
snapshot_check (Snapshot   *s,
                const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GBytes) now = wmt_read_file (path);
  g_autofree char *listing = list_dir (dir);
  struct stat st;

  g_assert_cmpint (stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_size, ==, s->st.st_size);
  g_assert_cmpint (st.st_mtim.tv_sec, ==, s->st.st_mtim.tv_sec);
  g_assert_cmpint (st.st_mtim.tv_nsec, ==, s->st.st_mtim.tv_nsec);
  g_assert_true (g_bytes_equal (now, s->contents));
  /* No -wal, -shm or -journal left behind either. */
  g_assert_cmpstr (listing, ==, s->listing);

  g_clear_pointer (&s->contents, g_bytes_unref);
  g_clear_pointer (&s->listing, g_free);
}

static void
test_too_new (WmtFixture    *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WmStore) store = NULL;
  Snapshot before;
  sqlite3 *db;

  db = wmt_db_open (f->path);
  wmt_db_exec (db, "PRAGMA user_version = 99");
  wmt_db_close (db);
  snapshot_take (&before, f->path);

  store = wm_store_open (f->path, &error);
  g_assert_error (error, WM_STORE_ERROR, WM_STORE_ERROR_TOO_NEW);
  g_assert_null (store);
  g_test_message ("%s", error->message);
  g_assert_cmpstr (error->message, !=, "");

  snapshot_check (&before, f->path);
}

static void
assert_not_a_database (const char *path)
{
  g_autofree char *name = g_path_get_basename (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(WmStore) store = NULL;
  Snapshot before;

  snapshot_take (&before, path);
  store = wm_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, WM_STORE_ERROR, WM_STORE_ERROR_NOT_A_DATABASE);
  g_test_message ("%s: %s", name, error->message);
  /* The message names the file, so a user can tell which one is wrong. */
  g_assert_nonnull (strstr (error->message, name));
  snapshot_check (&before, path);
}

static char *
in_dir (WmtFixture *f,
        const char *name)
{
  return g_build_filename (f->dir, name, NULL);
}

static void
make_sqlite (const char *path,
             const char *sql)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
}

static void
test_not_a_database (WmtFixture    *f,
                     gconstpointer  data)
{
  g_autofree char *noise = in_dir (f, "noise.db");
  g_autofree char *text = in_dir (f, "caseload.csv");
  g_autofree char *empty = in_dir (f, "empty.db");
  g_autofree char *other = in_dir (f, "other-program.sqlite");
  g_autofree char *impostor = in_dir (f, "impostor.db");
  g_autofree char *half = in_dir (f, "half.db");
  g_autofree char *header_only = in_dir (f, "header-only.db");
  g_autofree char *missing = in_dir (f, "missing.db");
  guint8 random_bytes[8192];
  const char *csv = "reference,worker\nWM-AAAAAA,alex\n";

  randombytes_buf (random_bytes, sizeof random_bytes);
  wmt_write_file (noise, random_bytes, sizeof random_bytes);
  assert_not_a_database (noise);

  wmt_write_file (text, csv, strlen (csv));
  assert_not_a_database (text);

  /* SQLite would take an empty file for a new, empty database. */
  wmt_write_file (empty, "", 0);
  assert_not_a_database (empty);

  make_sqlite (other, "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT);"
                      "INSERT INTO notes (body) VALUES ('hello');");
  assert_not_a_database (other);

  /* Another program's file that happens to be at our schema version and
   * even has a table of one of our names. */
  make_sqlite (impostor, "CREATE TABLE records (id INTEGER PRIMARY KEY);"
                         "PRAGMA user_version = 2;");
  assert_not_a_database (impostor);

  /* A real Waymark file cut short, as by a failed copy. */
  {
    g_autoptr(GBytes) whole = wmt_read_file (f->path);
    gsize size = g_bytes_get_size (whole);

    g_assert_cmpuint (size, >=, 8 * 4096);
    wmt_write_file (half, g_bytes_get_data (whole, NULL), size / 2);
    assert_not_a_database (half);
    wmt_write_file (header_only, g_bytes_get_data (whole, NULL), 100);
    assert_not_a_database (header_only);
  }

  /* A file that is not there is NOT_FOUND, and is not created. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(WmStore) store = wm_store_open (missing, &error);

    g_assert_error (error, WM_STORE_ERROR, WM_STORE_ERROR_NOT_FOUND);
    g_assert_null (store);
    g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
  }

  /* The untouched original still opens: the refusals were about the files. */
  {
    WmStore *store = wmt_open_store (f);

    wmt_close_store (store);
  }
}

static void
test_create_refuses_existing (WmtFixture    *f,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WmStore) store = NULL;
  Snapshot before;

  snapshot_take (&before, f->path);
  store = wm_store_create (f->path, "Another Organisation", "eve.admin", WMT_SUPERVISOR_PASS, &error);
  g_assert_error (error, WM_STORE_ERROR, WM_STORE_ERROR_EXISTS);
  g_assert_null (store);
  snapshot_check (&before, f->path);
}

static void
test_pragmas (WmtFixture    *f,
              gconstpointer  data)
{
  WmStore *store = wmt_open_store (f);
  sqlite3 *db = wm_store_get_db (store);
  g_autofree char *mode = wmt_db_text (db, "PRAGMA journal_mode");

  g_assert_cmpstr (mode, ==, "wal");
  g_assert_cmpint (wmt_db_int (db, "PRAGMA synchronous"), ==, 2);   /* FULL */
  g_assert_cmpint (wmt_db_int (db, "PRAGMA foreign_keys"), ==, 1);
  g_assert_cmpint (wmt_db_int (db, "PRAGMA secure_delete"), ==, 1);
  g_assert_cmpint (wmt_db_int (db, "PRAGMA temp_store"), ==, 2);    /* MEMORY */
  g_assert_cmpstr (wm_store_get_organisation (store), ==, WMT_ORGANISATION);
  g_assert_nonnull (wm_store_get_database_id (store));
  wmt_close_store (store);
}

static guint
count_action (WmStore    *store,
              const char *action)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = wm_store_list_audit (store, &error);
  guint n = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < entries->len; i++)
    if (g_strcmp0 (((WmAuditEntry *) g_ptr_array_index (entries, i))->action, action) == 0)
      n++;
  return n;
}

static void
test_backup_restore (WmtFixture    *f,
                     gconstpointer  data)
{
  g_autofree char *backup = in_dir (f, "backup.db");
  g_autofree char *noise = in_dir (f, "noise.db");
  g_autofree char *newer = in_dir (f, "newer.db");
  g_autofree char *elsewhere = in_dir (f, "elsewhere.db");
  g_autoptr(GVariant) later = wmt_payload ("{'note': <'written after the backup'>}");
  g_autoptr(GPtrArray) faults = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  WmStore *store = wmt_open_store (f);
  WmSession *ada, *alex;
  gint64 later_id;

  ada = wmt_sign_in (store, WMT_ADMIN, WMT_ADMIN_PASS);
  alex = wmt_sign_in (store, WMT_CASEWORKER_A, WMT_CASEWORKER_A_PASS);

  /* Taken while the store is open and its log holds recent writes. */
  g_assert_true (wm_session_backup (ada, backup, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_action (store, "backup"), ==, 1);
  /* Never over an existing file. */
  g_assert_false (wm_session_backup (ada, backup, &error));
  g_assert_error (error, WM_STORE_ERROR, WM_STORE_ERROR_EXISTS);
  g_clear_error (&error);

  later_id = wm_session_add_record (alex, the_case, WM_RECORD_CONTACT, later, &error);
  g_assert_no_error (error);

  /* The backup is a whole Waymark database on its own. */
  {
    WmStore *copy = wmt_open_store_at (backup, NULL);

    g_assert_true (wm_store_check_integrity (copy, faults, &error));
    g_assert_no_error (error);
    g_assert_true (wm_store_verify_audit (copy, faults, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (faults->len, ==, 0);
    g_assert_cmpmem (wm_store_get_database_id (copy), WM_DATABASE_ID_SIZE,
                     wm_store_get_database_id (store), WM_DATABASE_ID_SIZE);
    wmt_close_store (copy);
  }

  /* Only an administrator restores. */
  g_assert_false (wm_session_restore (alex, backup, &error));
  g_assert_error (error, WM_STORE_ERROR, WM_STORE_ERROR_PERMISSION);
  g_clear_error (&error);

  /* Bad backups are refused and the data stays as it is. */
  {
    guint8 random_bytes[4096];
    sqlite3 *db;

    randombytes_buf (random_bytes, sizeof random_bytes);
    wmt_write_file (noise, random_bytes, sizeof random_bytes);
    g_assert_false (wm_session_restore (ada, noise, &error));
    g_assert_error (error, WM_STORE_ERROR, WM_STORE_ERROR_NOT_A_DATABASE);
    g_clear_error (&error);

    wmt_copy_file (backup, newer);
    db = wmt_db_open (newer);
    wmt_db_exec (db, "PRAGMA user_version = 99");
    wmt_db_close (db);
    g_assert_false (wm_session_restore (ada, newer, &error));
    g_assert_error (error, WM_STORE_ERROR, WM_STORE_ERROR_TOO_NEW);
    g_clear_error (&error);

    /* Another organisation's backup. */
    {
      WmStore *other = wmt_create_store (elsewhere);

      wmt_close_store (other);
    }
    g_assert_false (wm_session_restore (ada, elsewhere, &error));
    g_assert_nonnull (error);
    g_test_message ("another organisation's backup: %s", error->message);
    g_clear_error (&error);

    {
      g_autoptr(WmRecord) record = wmt_read_record_ok (alex, later_id, 1);

      wmt_assert_payload (record->payload, later);
    }
  }

  g_assert_true (wm_session_restore (ada, backup, &error));
  g_assert_no_error (error);
  g_clear_object (&alex);

  /* What was written after the backup is gone; the rest is there. */
  alex = wmt_sign_in (store, WMT_CASEWORKER_A, WMT_CASEWORKER_A_PASS);
  check_records (alex);
  error = wmt_read_record_error (alex, later_id, 1);
  g_assert_error (error, WM_STORE_ERROR, WM_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* The restored chain carries on, and says it was restored. */
  g_assert_cmpuint (count_action (store, "restore"), ==, 1);
  g_assert_true (wm_store_verify_audit (store, faults, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (faults->len, ==, 0);

  g_clear_object (&alex);
  g_clear_object (&ada);
  wmt_close_store (store);

  /* And it is what a fresh start of the program sees too. */
  store = wmt_open_store (f);
  g_assert_cmpuint (count_action (store, "restore"), ==, 1);
  wmt_close_store (store);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  g_assert_true (wm_crypto_init ());
  wmt_template_configure (WMT_USERS_CASEWORKER_A, populate);

  g_test_add ("/store/migrations/upgrade-v1", WmtFixture, WMT_WITH_TEMPLATE,
              wmt_fixture_setup, test_upgrade_v1, wmt_fixture_teardown);
  g_test_add ("/store/migrations/failed-upgrade", WmtFixture, WMT_WITH_TEMPLATE,
              wmt_fixture_setup, test_failed_upgrade, wmt_fixture_teardown);
  g_test_add ("/store/migrations/too-new", WmtFixture, WMT_WITH_TEMPLATE,
              wmt_fixture_setup, test_too_new, wmt_fixture_teardown);
  g_test_add ("/store/migrations/not-a-database", WmtFixture, WMT_WITH_TEMPLATE,
              wmt_fixture_setup, test_not_a_database, wmt_fixture_teardown);
  g_test_add ("/store/migrations/create-refuses-existing", WmtFixture, WMT_WITH_TEMPLATE,
              wmt_fixture_setup, test_create_refuses_existing, wmt_fixture_teardown);
  g_test_add ("/store/migrations/pragmas", WmtFixture, WMT_WITH_TEMPLATE,
              wmt_fixture_setup, test_pragmas, wmt_fixture_teardown);
  g_test_add ("/store/migrations/backup-restore", WmtFixture, WMT_WITH_TEMPLATE,
              wmt_fixture_setup, test_backup_restore, wmt_fixture_teardown);

  status = g_test_run ();
  wmt_template_cleanup ();
  g_clear_pointer (&profile, g_variant_unref);
  g_clear_pointer (&contact_v1, g_variant_unref);
  g_clear_pointer (&contact_v2, g_variant_unref);
  g_clear_pointer (&assessment, g_variant_unref);
  wmt_print_derivations ();
  return status;
}
