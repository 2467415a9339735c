/* test-schema.c — the file cannot carry code: planted SQL never runs
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Whoever can write the file can add SQL to it that SQLite runs on its
 * own: a trigger runs inside Waymark's transactions with Waymark's hands (it
 * can delete the audit entries of case views as they are written, and
 * repair the chain's head and count; it can undo every edit), and a view
 * can stand in for a table. Made the way an attacker would make them, with
 * SQL on a copy of the file and no key, each such file is refused at open
 * with a message and left byte for byte as it was. And should something
 * be planted while Waymark has the file open, after the check, Waymark's
 * connection does not run triggers or read views.
 */

#define G_LOG_DOMAIN "wm-test-schema"

#include "config.h"

#include <string.h>
#include <sys/stat.h>

#include <glib/gstdio.h>

#include "wm-store-private.h"
#include "wm-store-test-util.h"

static gint64 the_case, contact_id;

static void
populate (WmStore   *store,
          WmSession *admin)
{
  g_autoptr(WmSession) alex = wmt_sign_in (store, WMT_CASEWORKER_A, WMT_CASEWORKER_A_PASS);
  g_autoptr(GVariant) profile = wmt_payload ("{'given-name': <'Ffion'>}");
  g_autoptr(GVariant) contact = wmt_payload ("{'note': <'met at the youth centre'>}");
  g_autoptr(GError) error = NULL;

  the_case = wm_session_create_case (alex, wmt_ids.caseworker_a, profile, &error);
  g_assert_no_error (error);
  contact_id = wm_session_add_record (alex, the_case, WM_RECORD_CONTACT, contact, &error);
  g_assert_no_error (error);
}

/* What an attacker plants, each in a file of its own. */
typedef struct
{
  const char *name;
  const char *sql;
} Planted;

static const Planted planted[] = {
  /* (a) Hides a user's case views, and repairs the chain's head and count
   * so that the rest of the chain still verifies. */
  { "trigger-hides-views",
    "CREATE TRIGGER hide_views AFTER INSERT ON audit WHEN NEW.action = 'case-view' BEGIN"
    "  DELETE FROM audit WHERE seq = NEW.seq;"
    "  UPDATE meta SET value = (SELECT hash FROM audit ORDER BY seq DESC LIMIT 1) WHERE key = 'audit-head';"
    "  UPDATE meta SET value = (SELECT count(*) FROM audit) WHERE key = 'audit-count';"
    "END" },
  /* (b) Silently undoes every edit: the old version stays current. */
  { "trigger-reverts-edits",
    "CREATE TRIGGER revert_edits AFTER UPDATE OF head_version ON records BEGIN"
    "  UPDATE records SET head_version = OLD.head_version WHERE id = NEW.id;"
    "END" },
  /* (c) A view. */
  { "view",
    "CREATE VIEW open_cases AS SELECT id, reference FROM cases" },
  /* (d) An extra index. */
  { "index",
    "CREATE INDEX audit_by_user ON audit (user_id)" },
  /* (e) A column added to a table. */
  { "added-column",
    "ALTER TABLE cases ADD COLUMN notes TEXT" },
  /* (f) An extra table. */
  { "table",
    "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)" },
  /* And one taken away: the schema is the migrations', not a subset of it. */
  { "missing-index",
    "DROP INDEX records_by_case_kind" },
};

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(char *const *) a, *(char *const *) b);
}

/* The database file and any beside it (-wal, -shm, -journal): each one's
 * name, size, contents' hash and time of change. */
static char *
describe_files (const char *database)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *dir = g_path_get_dirname (database);
  g_autofree char *base = g_path_get_basename (database);
  GDir *handle = g_dir_open (dir, 0, NULL);
  const char *name;

  g_assert_nonnull (handle);
  while ((name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autoptr(GBytes) contents = NULL;
      g_autofree char *hash = NULL;
      struct stat st;

      if (!g_str_has_prefix (name, base))
        continue;
      contents = wmt_read_file (path);
      hash = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, contents);
      g_assert_cmpint (stat (path, &st), ==, 0);
      g_ptr_array_add (lines, g_strdup_printf ("%s %zu %s %lld.%09ld", name, g_bytes_get_size (contents),
                                               hash, (long long) st.st_mtim.tv_sec, st.st_mtim.tv_nsec));
    }
  g_dir_close (handle);
  g_ptr_array_sort (lines, compare_names);
  g_ptr_array_add (lines, NULL);
  return g_strjoinv ("\n", (char **) lines->pdata);
}

static void
test_genuine (WmtFixture    *f,
              gconstpointer  data)
{
  g_autoptr(GBytes) schema = NULL;
  sqlite3 *db = wmt_db_open (f->path);
  WmStore *store;
  int rc = -1;

  /* The check compares with what the migrations make; a file Waymark
   * made is exactly that, and opens. */
  schema = wm_schema_describe (db, &rc);
  g_assert_cmpint (rc, ==, SQLITE_OK);
  g_assert_nonnull (schema);
  g_assert_true (g_bytes_equal (schema, wm_schema_expected (WM_SCHEMA_VERSION)));
  /* Its parts, as the attacks below change them. */
  g_assert_true (wmt_bytes_contain (schema, "records_by_case_kind", strlen ("records_by_case_kind")));
  g_assert_false (wmt_bytes_contain (schema, "trigger", strlen ("trigger")));
  wmt_db_close (db);

  store = wmt_open_store (f);
  wmt_close_store (store);
}

static void
test_planted (WmtFixture    *f,
              gconstpointer  data)
{
  const Planted *p = data;
  const char *path = f->path;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(WmStore) store = NULL;
  sqlite3 *db;

  db = wmt_db_open (path);
  wmt_db_exec (db, "%s", p->sql);
  wmt_db_close (db);

  before = describe_files (path);
  store = wm_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, WM_STORE_ERROR, WM_STORE_ERROR_NOT_A_DATABASE);
  g_test_message ("%s: %s", p->name, error->message);
  /* It names the file and says what to do. */
  g_assert_nonnull (strstr (error->message, path));
  g_assert_nonnull (strstr (error->message, "Restore it from a backup"));

  /* Nothing was written: not the file, and no -wal or -shm beside it. */
  after = describe_files (path);
  g_assert_cmpstr (after, ==, before);
}

/* A file nobody may write is read without a writer's connection (see
 * choose_open_mode() in wm-store.c): it is refused all the same, and its
 * folder gets nothing new. */
static void
test_planted_read_only (WmtFixture    *f,
                        gconstpointer  data)
{
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(WmStore) store = NULL;
  sqlite3 *db;

  db = wmt_db_open (f->path);
  wmt_db_exec (db, "%s", planted[0].sql);
  wmt_db_close (db);
  g_assert_cmpint (g_chmod (f->path, 0444), ==, 0);

  before = describe_files (f->path);
  store = wm_store_open (f->path, &error);
  g_assert_null (store);
  g_assert_error (error, WM_STORE_ERROR, WM_STORE_ERROR_NOT_A_DATABASE);
  after = describe_files (f->path);
  g_assert_cmpstr (after, ==, before);

  g_assert_cmpint (g_chmod (f->path, 0600), ==, 0);
}

/* Planted after the check, while Waymark has the file open (say, by
 * someone else with the shared folder): the store's own connection does
 * not run the triggers. */
static void
test_triggers_off (WmtFixture    *f,
                   gconstpointer  data)
{
  g_autoptr(GVariant) corrected = wmt_payload ("{'note': <'met at the youth centre, with his aunt'>}");
  g_autoptr(GPtrArray) faults = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  WmStore *store = wmt_open_store (f);
  sqlite3 *live = wm_store_get_db (store);
  WmSession *alex;
  gint64 entries, views;
  int value = -1;
  sqlite3 *db;

  alex = wmt_sign_in (store, WMT_CASEWORKER_A, WMT_CASEWORKER_A_PASS);

  db = wmt_db_open (f->path);
  wmt_db_exec (db, "%s", planted[0].sql);
  wmt_db_exec (db, "%s", planted[1].sql);
  /* Control: they are live in the file, and would run on any connection
   * that allowed them. */
  wmt_db_exec (db, "BEGIN");
  entries = wmt_db_int (db, "SELECT count(*) FROM audit");
  wmt_db_exec (db, "INSERT INTO audit (seq, at, user_id, action, case_id, record_id, detail, hash) "
                   "VALUES (%" G_GINT64_FORMAT " + 1, 0, 0, 'case-view', 0, 0, '', x'')", entries);
  g_assert_cmpint (wmt_db_int (db, "SELECT count(*) FROM audit"), ==, entries);
  wmt_db_exec (db, "ROLLBACK");
  wmt_db_close (db);

  /* A case view is recorded all the same. */
  entries = wmt_db_int (live, "SELECT count(*) FROM audit");
  views = wmt_db_int (live, "SELECT count(*) FROM audit WHERE action = 'case-view'");
  {
    g_autoptr(GPtrArray) records = wmt_open_case_ok (alex, the_case);
  }
  g_assert_cmpint (wmt_db_int (live, "SELECT count(*) FROM audit"), ==, entries + 1);
  g_assert_cmpint (wmt_db_int (live, "SELECT count(*) FROM audit WHERE action = 'case-view'"), ==, views + 1);

  /* An edit stays made. */
  g_assert_cmpuint (wm_session_update_record (alex, contact_id, corrected, &error), ==, 2);
  g_assert_no_error (error);
  g_assert_cmpint (wmt_db_int (live, "SELECT head_version FROM records WHERE id = %" G_GINT64_FORMAT,
                               contact_id), ==, 2);
  {
    g_autoptr(GPtrArray) records = wmt_open_case_ok (alex, the_case);
    WmRecord *record = wmt_find_record (records, contact_id);

    g_assert_nonnull (record);
    g_assert_cmpuint (record->version, ==, 2);
    wmt_assert_payload (record->payload, corrected);
  }

  g_assert_true (wm_store_verify_audit (store, faults, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (faults->len, ==, 0);

  /* The settings behind it, as the connection reports them. */
  g_assert_cmpint (sqlite3_db_config (live, SQLITE_DBCONFIG_ENABLE_TRIGGER, -1, &value), ==, SQLITE_OK);
  g_assert_cmpint (value, ==, 0);
  g_assert_cmpint (sqlite3_db_config (live, SQLITE_DBCONFIG_ENABLE_VIEW, -1, &value), ==, SQLITE_OK);
  g_assert_cmpint (value, ==, 0);
  g_assert_cmpint (sqlite3_db_config (live, SQLITE_DBCONFIG_TRUSTED_SCHEMA, -1, &value), ==, SQLITE_OK);
  g_assert_cmpint (value, ==, 0);
  g_assert_cmpint (sqlite3_db_config (live, SQLITE_DBCONFIG_DEFENSIVE, -1, &value), ==, SQLITE_OK);
  g_assert_cmpint (value, ==, 1);

  g_clear_object (&alex);
  wmt_close_store (store);
}

/* Nor does it read a view planted while it is open. */
static void
test_views_off (WmtFixture    *f,
                gconstpointer  data)
{
  WmStore *store = wmt_open_store (f);
  sqlite3 *live = wm_store_get_db (store);
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db;

  db = wmt_db_open (f->path);
  wmt_db_exec (db, "%s", planted[2].sql);
  /* Control: an ordinary connection reads it. */
  g_assert_cmpint (wmt_db_int (db, "SELECT count(*) FROM open_cases"), ==, 1);
  wmt_db_close (db);

  g_assert_cmpint (sqlite3_prepare_v2 (live, "SELECT count(*) FROM open_cases", -1, &stmt, NULL), !=, SQLITE_OK);
  g_test_message ("a view on Waymark's connection: %s", sqlite3_errmsg (live));
  g_assert_null (stmt);

  wmt_close_store (store);
}

/* Each planted test's data is what it plants; it starts from the template
 * all the same. */
static void
setup_from_template (WmtFixture    *f,
                     gconstpointer  data)
{
  wmt_fixture_setup (f, WMT_WITH_TEMPLATE);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  g_assert_true (wm_crypto_init ());
  wmt_template_configure (WMT_USERS_CASEWORKER_A, populate);

  g_test_add ("/store/schema/genuine", WmtFixture, WMT_WITH_TEMPLATE,
              wmt_fixture_setup, test_genuine, wmt_fixture_teardown);
  for (guint i = 0; i < G_N_ELEMENTS (planted); i++)
    {
      g_autofree char *name = g_strdup_printf ("/store/schema/planted/%s", planted[i].name);

      g_test_add (name, WmtFixture, &planted[i],
                  setup_from_template, test_planted, wmt_fixture_teardown);
    }
  g_test_add ("/store/schema/planted-read-only", WmtFixture, WMT_WITH_TEMPLATE,
              wmt_fixture_setup, test_planted_read_only, wmt_fixture_teardown);
  g_test_add ("/store/schema/triggers-off", WmtFixture, WMT_WITH_TEMPLATE,
              wmt_fixture_setup, test_triggers_off, wmt_fixture_teardown);
  g_test_add ("/store/schema/views-off", WmtFixture, WMT_WITH_TEMPLATE,
              wmt_fixture_setup, test_views_off, wmt_fixture_teardown);

  status = g_test_run ();
  wmt_template_cleanup ();
  wmt_print_derivations ();
  return status;
}
