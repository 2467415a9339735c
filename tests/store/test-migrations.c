/* test-migrations.c — opening files: refusals, pragmas, backup and restore
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Files of schema 1 and 2, made by development versions before records
 * were signed, are refused (TOO_OLD) and left byte for byte as they were:
 * nothing can vouch for them after the fact. A file from a newer Waymark
 * is refused and left byte for byte as it was, also when its newer
 * version is still only in its write-ahead log; a file that is not a
 * Waymark database (noise, text, empty, another program's SQLite file, a
 * Waymark file cut short) is refused with NOT_A_DATABASE and a message
 * naming it, and never altered.
 * A backup restores what was there when it was taken.
 */

#define G_LOG_DOMAIN "wm-test-migrations"

#include "config.h"

#include <string.h>
#include <sys/stat.h>

#include <glib/gstdio.h>
#include <sodium.h>

#include "wm-store-private.h"
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

/* The main file's header says the schema is @version. */
static void
assert_header_version (const char *path,
                       guint32     version)
{
  g_autoptr(GBytes) contents = wmt_read_file (path);
  const guint8 *header = g_bytes_get_data (contents, NULL);

  g_assert_cmpuint (g_bytes_get_size (contents), >=, 100);
  g_assert_cmpuint (((guint32) header[60] << 24) | ((guint32) header[61] << 16)
                    | ((guint32) header[62] << 8) | header[63], ==, version);
}

/* The bytes and times of a file, to show it was not written. */
typedef struct
{
  GBytes     *contents;
  struct stat st;
} FileState;

static void
file_state_take (FileState  *s,
                 const char *path)
{
  s->contents = wmt_read_file (path);
  g_assert_cmpint (stat (path, &s->st), ==, 0);
}

static void
file_state_check (FileState  *s,
                  const char *path)
{
  g_autoptr(GBytes) now = wmt_read_file (path);
  struct stat st;

  g_assert_cmpint (stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_size, ==, s->st.st_size);
  g_assert_cmpint (st.st_mtim.tv_sec, ==, s->st.st_mtim.tv_sec);
  g_assert_cmpint (st.st_mtim.tv_nsec, ==, s->st.st_mtim.tv_nsec);
  g_assert_true (g_bytes_equal (now, s->contents));
  g_clear_pointer (&s->contents, g_bytes_unref);
}

/* A newer Waymark's version that has not yet reached the main file: it
 * was committed to the write-ahead log, and the file was copied (or the
 * machine stopped) before a checkpoint. The header read by hand still
 * says this version; only the read-only connection, which reads the log
 * without folding it into the file, sees the newer one. */
static void
test_too_new_in_wal (WmtFixture    *f,
                     gconstpointer  data)
{
  g_autofree char *copy = g_build_filename (f->dir, "copy.db", NULL);
  g_autofree char *copy_wal = g_strconcat (copy, "-wal", NULL);
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  g_autofree char *mode = NULL;
  g_autofree char *listing_before = NULL;
  g_autofree char *listing_after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(WmStore) store = NULL;
  FileState main_before, wal_before;
  sqlite3 *db;

  db = wmt_db_open (f->path);
  mode = wmt_db_text (db, "PRAGMA journal_mode = WAL");
  g_assert_cmpstr (mode, ==, "wal");
  wmt_db_exec (db, "PRAGMA wal_autocheckpoint = 0");
  wmt_db_exec (db, "BEGIN IMMEDIATE");
  wmt_db_exec (db, "PRAGMA user_version = 99");
  wmt_db_exec (db, "COMMIT");
  /* Copied while the connection that wrote it is still open, so nothing
   * has checkpointed the log into the file. */
  wmt_copy_file (f->path, copy);
  wmt_copy_file (wal, copy_wal);
  wmt_db_close (db);

  assert_header_version (copy, WM_SCHEMA_VERSION);
  file_state_take (&main_before, copy);
  file_state_take (&wal_before, copy_wal);
  g_assert_cmpuint (g_bytes_get_size (wal_before.contents), >, 32);
  listing_before = list_dir (f->dir);
  g_assert_nonnull (strstr (listing_before, "copy.db copy.db-wal"));

  store = wm_store_open (copy, &error);
  g_assert_error (error, WM_STORE_ERROR, WM_STORE_ERROR_TOO_NEW);
  g_assert_null (store);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "99"));

  /* The file and its log are as they were: the log was neither folded
   * into the file nor emptied, and the header still says this version.
   * Reading a log needs its index, the -shm, which SQLite's read-only
   * connection creates and leaves: an index of the log, which whoever
   * opens the file next rebuilds from the log. Nothing else is new. */
  file_state_check (&main_before, copy);
  file_state_check (&wal_before, copy_wal);
  assert_header_version (copy, WM_SCHEMA_VERSION);
  listing_after = list_dir (f->dir);
  if (g_strcmp0 (listing_after, listing_before) != 0)
    {
      g_autoptr(GString) with_index = g_string_new (listing_before);

      g_string_replace (with_index, "copy.db copy.db-wal", "copy.db copy.db-shm copy.db-wal", 1);
      g_assert_cmpstr (listing_after, ==, with_index->str);
    }
}

/* Takes a file back to what a development version of @version made: the
 * columns and tables of the later migrations are dropped. */
static void
make_unsigned (const char *path,
               int         version)
{
  static const char *const v3_columns[][2] = {
    { "cases", "created_by" }, { "cases", "creator_generation" }, { "cases", "key_commitment" },
    { "cases", "certificate" }, { "cases", "manifest_summary" }, { "cases", "card" },
    { "case_keys", "granted_by" }, { "case_keys", "granter_generation" },
    { "case_keys", "grant_signature" }, { "case_keys", "manifest_mac" }, { "case_keys", "summary_mac" },
    { "record_versions", "author_generation" }, { "record_versions", "signature" },
    { "audit", "signer_generation" }, { "audit", "signature" },
  };
  sqlite3 *db = wmt_db_open (path);

  g_assert_cmpint (wmt_db_int (db, "PRAGMA user_version"), ==, WM_SCHEMA_VERSION);
  wmt_db_exec (db, "DROP TABLE IF EXISTS approvals");
  wmt_db_exec (db, "DROP TABLE IF EXISTS case_manifests");
  wmt_db_exec (db, "DROP TABLE IF EXISTS signing_keys");
  for (guint i = 0; i < G_N_ELEMENTS (v3_columns); i++)
    if (wmt_db_has_column (db, v3_columns[i][0], v3_columns[i][1]))
      wmt_db_exec (db, "ALTER TABLE %s DROP COLUMN %s", v3_columns[i][0], v3_columns[i][1]);
  if (version < 2)
    {
      wmt_db_exec (db, "ALTER TABLE case_keys DROP COLUMN wrapped");
      wmt_db_exec (db, "DROP INDEX records_by_case_kind");
    }
  wmt_db_exec (db, "PRAGMA user_version = %d", version);
  wmt_db_close (db);
}

static void
setup_from_template (WmtFixture    *f,
                     gconstpointer  data)
{
  wmt_fixture_setup (f, WMT_WITH_TEMPLATE);
}

static void
test_unsigned (WmtFixture    *f,
               gconstpointer  data)
{
  int version = GPOINTER_TO_INT (data);
  g_autofree char *name = g_path_get_basename (f->path);
  g_autoptr(GError) error = NULL;
  g_autoptr(WmStore) store = NULL;
  Snapshot before;

  make_unsigned (f->path, version);
  assert_header_version (f->path, version);
  snapshot_take (&before, f->path);

  store = wm_store_open (f->path, &error);
  g_assert_error (error, WM_STORE_ERROR, WM_STORE_ERROR_TOO_OLD);
  g_assert_null (store);
  g_test_message ("schema %d: %s", version, error->message);
  g_assert_nonnull (strstr (error->message, name));

  /* Not upgraded, not touched: no -wal, -shm or -journal either. */
  snapshot_check (&before, f->path);
  assert_header_version (f->path, version);
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

  g_test_add ("/store/migrations/unsigned-v1", WmtFixture, GINT_TO_POINTER (1),
              setup_from_template, test_unsigned, wmt_fixture_teardown);
  g_test_add ("/store/migrations/unsigned-v2", WmtFixture, GINT_TO_POINTER (2),
              setup_from_template, test_unsigned, wmt_fixture_teardown);
  g_test_add ("/store/migrations/too-new", WmtFixture, WMT_WITH_TEMPLATE,
              wmt_fixture_setup, test_too_new, wmt_fixture_teardown);
  g_test_add ("/store/migrations/too-new-in-wal", WmtFixture, WMT_WITH_TEMPLATE,
              wmt_fixture_setup, test_too_new_in_wal, wmt_fixture_teardown);
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
