/* wm-store-test-util.c — fixtures and helpers shared by the store tests
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wm-store-test"
#define _GNU_SOURCE  /* memmem */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "wm-card-format.h"
#include "wm-freshness.h"
#include "wm-store-test-util.h"

WmtIds wmt_ids;

static WmtUsers        template_users;
static WmtPopulateFunc template_populate;
static char           *template_dir;
static char           *template_path;
static guint           n_derivations;

void
wmt_count_derivation (void)
{
  n_derivations++;
}

void
wmt_print_derivations (void)
{
  /* A TAP comment: how many Argon2id derivations this program asked for,
   * the one cost of the store tests that does not shrink with the data. */
  g_print ("# Argon2id derivations in this program: %u\n", n_derivations);
}

void
wmt_fixture_setup (WmtFixture    *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("waymark-store-test-XXXXXX", &error);
  g_assert_no_error (error);
  /* Each test is a computer of its own, which has seen nothing yet. */
  {
    g_autofree char *state = g_build_filename (f->dir, "state", NULL);

    wm_freshness_set_dir (state);
  }
  f->path = g_build_filename (f->dir, "waymark.db", NULL);
  f->clock = g_get_real_time ();

  /* Each test is a new device: every test copies the same template, with
   * the same database id, and one test's newer state must not make the
   * next one's file look rolled back. */
  {
    g_autofree char *state = g_build_filename (f->dir, "state", NULL);

    wm_freshness_set_dir (state);
  }

  if (data != NULL)
    wmt_copy_file (wmt_template_get_path (), f->path);
}

/* Starts a device that has seen nothing yet: for a test that opens an
 * earlier copy of a file it already used, which a device that saw the
 * later state would rightly report as rolled back. */
void
wmt_new_device (WmtFixture *f)
{
  static guint n = 0;
  g_autofree char *name = g_strdup_printf ("device-%u", ++n);
  g_autofree char *state = g_build_filename (f->dir, name, NULL);

  wm_freshness_set_dir (state);
}

void
wmt_fixture_teardown (WmtFixture    *f,
                      gconstpointer  data)
{
  wmt_rm_rf (f->dir);
  g_clear_pointer (&f->dir, g_free);
  g_clear_pointer (&f->path, g_free);
}

void
wmt_template_configure (WmtUsers        users,
                        WmtPopulateFunc populate)
{
  template_users = users;
  template_populate = populate;
}

static gint64
add_user (WmSession  *admin,
          const char *name,
          WmRole      role,
          const char *passphrase)
{
  g_autoptr(GError) error = NULL;
  gint64 id;

  wmt_count_derivation ();
  id = wm_session_add_user (admin, name, role, passphrase, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static void
add_supervisor (WmSession *admin,
                gint64     user_id,
                gint64     supervisor_id)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (wm_session_add_supervisor (admin, user_id, supervisor_id, &error));
  g_assert_no_error (error);
}

const char *
wmt_template_get_path (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WmSession) admin = NULL;
  g_autofree char *wal = NULL;
  WmStore *store;

  if (template_path != NULL)
    return template_path;

  template_dir = g_dir_make_tmp ("waymark-store-template-XXXXXX", &error);
  g_assert_no_error (error);
  template_path = g_build_filename (template_dir, "template.db", NULL);

  store = wmt_create_store (template_path);
  admin = wmt_sign_in (store, WMT_ADMIN, WMT_ADMIN_PASS);
  wmt_ids.admin = wm_session_get_user_id (admin);
  g_assert_cmpint (wmt_ids.admin, >, 0);

  if (template_users & WMT_USERS_SUPERVISOR)
    wmt_ids.supervisor = add_user (admin, WMT_SUPERVISOR, WM_ROLE_SUPERVISOR,
                                   WMT_SUPERVISOR_PASS);
  if (template_users & WMT_USERS_CASEWORKER_A)
    wmt_ids.caseworker_a = add_user (admin, WMT_CASEWORKER_A, WM_ROLE_CASEWORKER,
                                     WMT_CASEWORKER_A_PASS);
  if (template_users & WMT_USERS_CASEWORKER_B)
    wmt_ids.caseworker_b = add_user (admin, WMT_CASEWORKER_B, WM_ROLE_CASEWORKER,
                                     WMT_CASEWORKER_B_PASS);
  if (wmt_ids.supervisor != 0 && wmt_ids.caseworker_a != 0)
    add_supervisor (admin, wmt_ids.caseworker_a, wmt_ids.supervisor);
  if (wmt_ids.supervisor != 0 && wmt_ids.caseworker_b != 0)
    add_supervisor (admin, wmt_ids.caseworker_b, wmt_ids.supervisor);

  if (template_populate != NULL)
    template_populate (store, admin);

  g_clear_object (&admin);
  wmt_close_store (store);

  /* Closing the last connection folds the write-ahead log into the file;
   * the template is copied as that one file. */
  wal = g_strconcat (template_path, "-wal", NULL);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));

  return template_path;
}

void
wmt_template_cleanup (void)
{
  if (template_dir != NULL)
    wmt_rm_rf (template_dir);
  g_clear_pointer (&template_dir, g_free);
  g_clear_pointer (&template_path, g_free);
}

WmStore *
wmt_create_store (const char *path)
{
  g_autoptr(GError) error = NULL;
  WmStore *store;

  wmt_count_derivation ();
  store = wm_store_create (path, WMT_ORGANISATION, WMT_ADMIN, WMT_ADMIN_PASS, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  return store;
}

static gint64
fake_clock (gpointer user_data)
{
  return *(gint64 *) user_data;
}

WmStore *
wmt_open_store_at (const char *path,
                   gint64     *clock)
{
  g_autoptr(GError) error = NULL;
  WmStore *store;

  store = wm_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  if (clock != NULL)
    wm_store_set_clock (store, fake_clock, clock);
  return store;
}

WmStore *
wmt_open_store (WmtFixture *f)
{
  return wmt_open_store_at (f->path, &f->clock);
}

void
wmt_close_store (WmStore *store)
{
  /* Every session must be gone by now: nothing else may hold the store. */
  g_assert_finalize_object (store);
}

WmSession *
wmt_sign_in (WmStore    *store,
             const char *name,
             const char *passphrase)
{
  g_autoptr(GError) error = NULL;
  WmSession *session;

  wmt_count_derivation ();
  session = wm_session_sign_in (store, name, passphrase, &error);
  g_assert_no_error (error);
  g_assert_nonnull (session);
  g_assert_false (wm_session_is_locked (session));
  g_assert_cmpstr (wm_session_get_user_name (session), ==, name);
  return session;
}

GVariant *
wmt_payload (const char *text)
{
  g_autoptr(GError) error = NULL;
  GVariant *value;

  value = g_variant_parse (G_VARIANT_TYPE_VARDICT, text, NULL, NULL, &error);
  g_assert_no_error (error);
  return g_variant_ref_sink (value);
}

WmRecord *
wmt_find_record (GPtrArray *records,
                 gint64     record_id)
{
  WmRecord *found = NULL;

  for (guint i = 0; i < records->len; i++)
    {
      WmRecord *record = g_ptr_array_index (records, i);

      if (record->record_id == record_id)
        {
          /* A record appears once in a case: its current version. */
          g_assert_null (found);
          found = record;
        }
    }
  return found;
}

WmRecord *
wmt_find_kind (GPtrArray    *records,
               WmRecordKind  kind)
{
  for (guint i = 0; i < records->len; i++)
    {
      WmRecord *record = g_ptr_array_index (records, i);

      if (record->kind == kind)
        return record;
    }
  return NULL;
}

/* The error reading one version gives, or NULL when it opens. The header
 * allows two shapes (NULL with error, or a record with record->error); both
 * are taken, but never a record with neither payload nor error. */
GError *
wmt_read_record_error (WmSession *session,
                       gint64     record_id,
                       guint      version)
{
  GError *error = NULL;
  g_autoptr(WmRecord) record = NULL;

  record = wm_session_read_record (session, record_id, version, &error);
  if (record == NULL)
    {
      g_assert_nonnull (error);
      g_assert_cmpstr (error->message, !=, "");
      return error;
    }
  g_assert_no_error (error);
  if (record->error != NULL)
    {
      g_assert_null (record->payload);
      g_assert_cmpstr (record->error->message, !=, "");
      return g_error_copy (record->error);
    }
  g_assert_nonnull (record->payload);
  return NULL;
}

WmRecord *
wmt_read_record_ok (WmSession *session,
                    gint64     record_id,
                    guint      version)
{
  g_autoptr(GError) error = NULL;
  WmRecord *record;

  record = wm_session_read_record (session, record_id, version, &error);
  g_assert_no_error (error);
  g_assert_nonnull (record);
  g_assert_no_error (record->error);
  g_assert_nonnull (record->payload);
  g_assert_cmpint (record->record_id, ==, record_id);
  g_assert_cmpuint (record->version, ==, version);
  return record;
}

static char *
describe (GVariant *value)
{
  g_autofree char *text = g_variant_print (value, TRUE);

  if (strlen (text) > 300)
    return g_strdup_printf ("%.300s… (%zu bytes)", text, g_variant_get_size (value));
  return g_steal_pointer (&text);
}

void
wmt_assert_payload (GVariant *actual,
                    GVariant *expected)
{
  g_assert_nonnull (actual);
  g_assert_nonnull (expected);
  g_assert_cmpstr (g_variant_get_type_string (actual), ==, "a{sv}");
  if (!g_variant_equal (actual, expected))
    {
      g_autofree char *a = describe (actual);
      g_autofree char *e = describe (expected);

      g_test_message ("payload read back: %s", a);
      g_test_message ("payload written:   %s", e);
    }
  g_assert_true (g_variant_equal (actual, expected));
}

/* A caseload entry's profile or latest assessment: what its card holds
 * of @full (app/store/wm-card-format.c), or @full itself when the entry
 * was read from the records. */
void
wmt_assert_caseload_payload (GVariant *actual,
                             GVariant *full,
                             gboolean  is_profile)
{
  g_autoptr(GVariant) card = wm_card_build (is_profile ? full : NULL, is_profile ? NULL : full, NULL);
  g_autoptr(GVariant) profile = NULL;
  g_autoptr(GVariant) assessment = NULL;
  g_autofree char *date = NULL;

  g_assert_nonnull (actual);
  if (g_variant_equal (actual, full))
    return;
  wm_card_unpack (card, &profile, &assessment, &date);
  wmt_assert_payload (actual, is_profile ? profile : assessment);
}

GPtrArray *
wmt_open_case_ok (WmSession *session,
                  gint64     case_id)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *records;

  records = wm_session_open_case (session, case_id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (records);
  return records;
}

gboolean
wmt_list_has_case (GPtrArray *cases,
                   gint64     case_id)
{
  for (guint i = 0; i < cases->len; i++)
    {
      WmCaseInfo *info = g_ptr_array_index (cases, i);

      if (info->id == case_id)
        return TRUE;
    }
  return FALSE;
}

sqlite3 *
wmt_db_open (const char *path)
{
  sqlite3 *db = NULL;
  int rc;

  rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL);
  if (rc != SQLITE_OK)
    g_test_message ("opening %s: %s", path, sqlite3_errmsg (db));
  g_assert_cmpint (rc, ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 10000);
  return db;
}

void
wmt_db_close (sqlite3 *db)
{
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
}

static sqlite3_stmt *
prepare (sqlite3    *db,
         const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    g_test_message ("%s: %s", sql, sqlite3_errmsg (db));
  g_assert_cmpint (rc, ==, SQLITE_OK);
  return stmt;
}

int
wmt_db_try_exec (sqlite3    *db,
                 const char *sql)
{
  return sqlite3_exec (db, sql, NULL, NULL, NULL);
}

/* Returns the number of rows the last statement changed, so that a test
 * can check its tampering really happened. */
int
wmt_db_exec (sqlite3    *db,
             const char *format,
             ...)
{
  g_autofree char *sql = NULL;
  va_list args;
  int rc;

  va_start (args, format);
  sql = g_strdup_vprintf (format, args);
  va_end (args);

  rc = sqlite3_exec (db, sql, NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    g_test_message ("%s: %s", sql, sqlite3_errmsg (db));
  g_assert_cmpint (rc, ==, SQLITE_OK);
  return sqlite3_changes (db);
}

gint64
wmt_db_int (sqlite3    *db,
            const char *format,
            ...)
{
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  va_list args;
  gint64 value;

  va_start (args, format);
  sql = g_strdup_vprintf (format, args);
  va_end (args);

  stmt = prepare (db, sql);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

char *
wmt_db_text (sqlite3    *db,
             const char *format,
             ...)
{
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  va_list args;
  char *value;

  va_start (args, format);
  sql = g_strdup_vprintf (format, args);
  va_end (args);

  stmt = prepare (db, sql);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return value;
}

GBytes *
wmt_db_blob (sqlite3    *db,
             const char *format,
             ...)
{
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  GBytes *value = NULL;
  va_list args;

  va_start (args, format);
  sql = g_strdup_vprintf (format, args);
  va_end (args);

  stmt = prepare (db, sql);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  if (sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    {
      const void *data = sqlite3_column_blob (stmt, 0);
      int size = sqlite3_column_bytes (stmt, 0);

      value = g_bytes_new (data, size);
    }
  sqlite3_finalize (stmt);
  return value;
}

void
wmt_db_set_blob (sqlite3    *db,
                 GBytes     *value,
                 const char *format,
                 ...)
{
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  va_list args;
  int rc;

  va_start (args, format);
  sql = g_strdup_vprintf (format, args);
  va_end (args);

  stmt = prepare (db, sql);
  if (value == NULL)
    sqlite3_bind_null (stmt, 1);
  else
    {
      gsize size;
      const void *data = g_bytes_get_data (value, &size);

      /* A zero-length blob, not NULL, when the bytes are empty. */
      sqlite3_bind_blob (stmt, 1, size ? data : "", size, SQLITE_TRANSIENT);
    }
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    g_test_message ("%s: %s", sql, sqlite3_errmsg (db));
  g_assert_cmpint (rc, ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
  /* Tampering that touched nothing would make the test prove nothing. */
  g_assert_cmpint (sqlite3_changes (db), >, 0);
}

gboolean
wmt_db_has_column (sqlite3    *db,
                   const char *table,
                   const char *column)
{
  g_autofree char *sql = g_strdup_printf ("PRAGMA table_info(%s)", table);
  sqlite3_stmt *stmt = prepare (db, sql);
  gboolean found = FALSE;

  while (sqlite3_step (stmt) == SQLITE_ROW)
    if (g_strcmp0 ((const char *) sqlite3_column_text (stmt, 1), column) == 0)
      found = TRUE;
  sqlite3_finalize (stmt);
  return found;
}

GBytes *
wmt_read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize size = 0;

  g_file_get_contents (path, &contents, &size, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, size);
}

void
wmt_write_file (const char *path,
                const void *data,
                gsize       size)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, data, size, &error);
  g_assert_no_error (error);
}

void
wmt_copy_file (const char *from,
               const char *to)
{
  g_autoptr(GBytes) bytes = wmt_read_file (from);
  gsize size;
  const void *data = g_bytes_get_data (bytes, &size);

  wmt_write_file (to, data, size);
}

void
wmt_rm_rf (const char *path)
{
  GDir *dir;

  dir = g_dir_open (path, 0, NULL);
  if (dir != NULL)
    {
      const char *name;

      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          if (g_file_test (child, G_FILE_TEST_IS_DIR) &&
              !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
            wmt_rm_rf (child);
          else
            g_assert_cmpint (g_unlink (child), ==, 0);
        }
      g_dir_close (dir);
      g_assert_cmpint (g_rmdir (path), ==, 0);
    }
  else if (g_file_test (path, G_FILE_TEST_EXISTS))
    g_assert_cmpint (g_unlink (path), ==, 0);
}

gboolean
wmt_bytes_contain (GBytes     *haystack,
                   const void *needle,
                   gsize       needle_size)
{
  gsize size;
  const guint8 *data = g_bytes_get_data (haystack, &size);

  return memmem (data, size, needle, needle_size) != NULL;
}

/* Every way into a case's records is refused with @code: open, read,
 * history, add, update. Nothing is returned and nothing is written. */
void
wmt_assert_case_refused (WmSession  *session,
                         gint64      case_id,
                         gint64      record_id,
                         int         code)
{
  g_autoptr(GVariant) payload = wmt_payload ("{'note': <'should not be written'>}");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) array = NULL;
  g_autoptr(WmRecord) record = NULL;
  gint64 id;
  guint version;

  array = wm_session_open_case (session, case_id, &error);
  g_assert_error (error, WM_STORE_ERROR, code);
  g_assert_null (array);
  g_clear_error (&error);

  record = wm_session_read_record (session, record_id, 1, &error);
  g_assert_error (error, WM_STORE_ERROR, code);
  g_assert_null (record);
  g_clear_error (&error);

  array = wm_session_list_history (session, record_id, &error);
  g_assert_error (error, WM_STORE_ERROR, code);
  g_assert_null (array);
  g_clear_error (&error);

  id = wm_session_add_record (session, case_id, WM_RECORD_CONTACT, payload, &error);
  g_assert_error (error, WM_STORE_ERROR, code);
  g_assert_cmpint (id, <=, 0);
  g_clear_error (&error);

  version = wm_session_update_record (session, record_id, payload, &error);
  g_assert_error (error, WM_STORE_ERROR, code);
  g_assert_cmpuint (version, ==, 0);
  g_clear_error (&error);
}

/* Whether any of verify's fault sentences contains @text. */
gboolean
wmt_faults_mention (GPtrArray  *faults,
                    const char *text)
{
  for (guint i = 0; i < faults->len; i++)
    if (strstr (g_ptr_array_index (faults, i), text) != NULL)
      return TRUE;
  return FALSE;
}
