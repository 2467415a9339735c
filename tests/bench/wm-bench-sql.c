/* wm-bench-sql.c — the unencrypted twin of Waymark's schema, for the plain
 * SQLite floor and for SQLCipher
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The same tables, indexes, joins and pragmas as app/store, with each
 * payload stored as its serialised a{sv} instead of ciphertext, and a
 * case_access table where Waymark has case_keys (who may see a case, minus
 * the keys). Reading does what Waymark's reading does apart from the
 * cryptography: copy the blob, check the GVariant's normal form (the file
 * is untrusted input either way), and pull out the same fields with the
 * same code (wm-bench-util.c). So the ratios measure the price of
 * Waymark's design, not of a different query.
 *
 * Like Waymark, each case keeps a caseload card (app/store/wm-card-format.c:
 * the same code, the same bytes, unencrypted here) in its case row, kept
 * current by every save in the same transaction, and the caseload reads
 * the cards, not the records.
 *
 * This file is compiled twice: into bench-store against the system's
 * SQLite ("plain"), and into bench-sqlcipher against SQLCipher's, with
 * SQLITE_HAS_CODEC defined ("sqlcipher"). Only SQL that SQLite 3.15
 * (SQLCipher 3.4.1) understands may appear here.
 */

#define G_LOG_DOMAIN "wm-bench"

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <sodium.h>
#include <sqlite3.h>

#include "wm-bench-data.h"
#include "wm-bench-sql.h"
#include "wm-card-format.h"

#ifdef SQLITE_HAS_CODEC
#define ENGINE "sqlcipher"
/* A raw 256-bit key: SQLCipher uses it as the page key without PBKDF2, as
 * Waymark's caseload uses case keys without Argon2id; key derivation is
 * timed on its own (kdf.db). */
#define RAW_KEY_PRAGMA "PRAGMA key = \"x'5b0f4e8c1d2a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4'\""
/* SQLCipher 3.4.1 defaults to 1 KiB pages; SQLite and Waymark use 4 KiB.
 * The same page size keeps the tree shapes, and so the I/O, comparable. */
#define CIPHER_PAGE_SIZE_PRAGMA "PRAGMA cipher_page_size = 4096"
#else
#define ENGINE "plain"
#endif

/* The user ids Waymark gives the same accounts (wm-bench-util.h). */
#define ADMIN_ID      1
#define SUPERVISOR_ID WM_BENCH_SUPERVISOR_ID
#define CASEWORKER_ID WM_BENCH_CASEWORKER_ID

/* Waymark's schema (app/store/wm-schema.c) without the key columns: ids
 * are never reused (AUTOINCREMENT), as there. */
static const char schema_sql[] =
  "CREATE TABLE users ("
  "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  name TEXT NOT NULL UNIQUE,"
  "  role INTEGER NOT NULL CHECK (role IN (1, 2, 3)));"
  "CREATE TABLE user_supervisors ("
  "  user_id INTEGER NOT NULL REFERENCES users (id),"
  "  supervisor_id INTEGER NOT NULL REFERENCES users (id),"
  "  PRIMARY KEY (user_id, supervisor_id));"
  "CREATE TABLE cases ("
  "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  reference TEXT NOT NULL UNIQUE,"
  "  assigned_to INTEGER NOT NULL REFERENCES users (id),"
  "  card BLOB);"
  "CREATE TABLE case_access ("
  "  case_id INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,"
  "  user_id INTEGER NOT NULL REFERENCES users (id),"
  "  PRIMARY KEY (case_id, user_id));"
  "CREATE INDEX case_access_by_user ON case_access (user_id);"
  "CREATE TABLE records ("
  "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  case_id INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,"
  "  kind INTEGER NOT NULL CHECK (kind BETWEEN 1 AND 6),"
  "  head_version INTEGER NOT NULL,"
  "  amends_id INTEGER REFERENCES records (id) ON DELETE CASCADE,"
  "  author_id INTEGER NOT NULL REFERENCES users (id));"
  "CREATE UNIQUE INDEX one_profile_per_case ON records (case_id) WHERE kind = 1;"
  "CREATE INDEX records_by_case_kind ON records (case_id, kind, id);"
  "CREATE TABLE record_versions ("
  "  record_id INTEGER NOT NULL REFERENCES records (id) ON DELETE CASCADE,"
  "  version INTEGER NOT NULL,"
  "  author_id INTEGER NOT NULL REFERENCES users (id),"
  "  immutable INTEGER NOT NULL DEFAULT 0,"
  "  written INTEGER NOT NULL,"
  "  payload BLOB NOT NULL,"
  "  PRIMARY KEY (record_id, version));"
  /* Waymark's audit log, the same rows and the same hash chain: an
   * application on these engines would keep one just the same, and the
   * comparison is of how rows are protected, not of what is written. */
  "CREATE TABLE meta ("
  "  key TEXT PRIMARY KEY,"
  "  value NOT NULL);"
  "CREATE TABLE audit ("
  "  seq INTEGER PRIMARY KEY,"
  "  at INTEGER NOT NULL,"
  "  user_id INTEGER NOT NULL,"
  "  action TEXT NOT NULL,"
  "  case_id INTEGER NOT NULL,"
  "  record_id INTEGER NOT NULL,"
  "  detail TEXT NOT NULL,"
  "  hash BLOB NOT NULL);"
  "INSERT INTO meta (key, value) VALUES ('audit-head', x''), ('audit-count', 0);";

/* Waymark's caseload reads each case's card (wm_session_list_caseload);
 * here, with case_access for case_keys, the cards and nothing else: an
 * application that trusts its file needs no check that a card is current.
 * Like Waymark, no ORDER BY: the rows are sorted once decoded. */
static const char caseload_sql[] =
  "SELECT c.id, c.reference, c.assigned_to, c.card "
  "FROM case_access k "
  "JOIN cases c ON c.id = k.case_id "
  "WHERE k.user_id = ?";

/* Waymark's open-case query (read_versions in wm-session-cases.c). */
static const char open_case_sql[] =
  "SELECT r.id, r.kind, coalesce(r.amends_id, 0), "
  "       v.version, v.author_id, v.immutable, v.written, v.payload "
  "FROM records r JOIN record_versions v "
  "ON v.record_id = r.id AND v.version = r.head_version "
  "WHERE r.case_id = ? ORDER BY r.id";

/* Waymark's access check before a case is read (wm_session_case_key),
 * with case_access for case_keys. */
static const char access_sql[] =
  "SELECT k.user_id, c.id FROM cases c "
  "LEFT JOIN case_access k ON k.case_id = c.id AND k.user_id = ? "
  "WHERE c.id = ?";

typedef struct
{
  sqlite3      *db;
  gboolean      durable;   /* PRAGMA synchronous is FULL (else NORMAL) */
  sqlite3_stmt *caseload;
  sqlite3_stmt *open_case;
  sqlite3_stmt *access;
  sqlite3_stmt *insert_case;
  sqlite3_stmt *insert_access;
  sqlite3_stmt *insert_record;
  sqlite3_stmt *insert_version;
  sqlite3_stmt *begin;
  sqlite3_stmt *commit;
  sqlite3_stmt *audit_last;
  sqlite3_stmt *audit_insert;
  sqlite3_stmt *audit_head;
  sqlite3_stmt *audit_count;
  sqlite3_stmt *read_card;
  sqlite3_stmt *write_card;
} Db;

/* One record as a case view gets it, like WmRecord. */
typedef struct
{
  gint64    record_id;
  int       kind;
  guint     version;
  gint64    author_id;
  gboolean  immutable;
  gint64    amends_id;
  gint64    written_usec;
  GVariant *payload;
} Record;

static void
record_free (gpointer data)
{
  Record *record = data;

  g_clear_pointer (&record->payload, g_variant_unref);
  g_free (record);
}

static gboolean
sql_error (sqlite3     *db,
           int          rc,
           const char  *what,
           GError     **error)
{
  g_set_error (error, WM_BENCH_ERROR, rc, "%s: %s (%s)", what,
               db ? sqlite3_errmsg (db) : "", sqlite3_errstr (rc));
  return FALSE;
}

static gboolean
exec (Db          *db,
      const char  *sql,
      GError     **error)
{
  int rc = sqlite3_exec (db->db, sql, NULL, NULL, NULL);

  return rc == SQLITE_OK || sql_error (db->db, rc, sql, error);
}

static gboolean
prepare (Db            *db,
         const char    *sql,
         sqlite3_stmt **out_stmt,
         GError       **error)
{
  int rc = sqlite3_prepare_v2 (db->db, sql, -1, out_stmt, NULL);

  return rc == SQLITE_OK || sql_error (db->db, rc, sql, error);
}

/* Runs a statement that returns no rows, and resets it. */
static gboolean
step_done (Db            *db,
           sqlite3_stmt  *stmt,
           GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  return rc == SQLITE_DONE || sql_error (db->db, rc, sqlite3_sql (stmt), error);
}

static void
db_close (Db *db)
{
  if (db == NULL)
    return;

  sqlite3_finalize (db->caseload);
  sqlite3_finalize (db->open_case);
  sqlite3_finalize (db->access);
  sqlite3_finalize (db->insert_case);
  sqlite3_finalize (db->insert_access);
  sqlite3_finalize (db->insert_record);
  sqlite3_finalize (db->insert_version);
  sqlite3_finalize (db->begin);
  sqlite3_finalize (db->commit);
  sqlite3_finalize (db->audit_last);
  sqlite3_finalize (db->audit_insert);
  sqlite3_finalize (db->audit_head);
  sqlite3_finalize (db->audit_count);
  sqlite3_finalize (db->read_card);
  sqlite3_finalize (db->write_card);
  sqlite3_close (db->db);
  g_free (db);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Db, db_close)

static char *
db_path (const WmBenchOptions *options)
{
  return g_build_filename (options->dir, ENGINE ".db", NULL);
}

/* Opens with app/store's settings (configure_connection in wm-store.c)
 * and prepares every statement, so that the first timed query does not
 * pay for reading the schema. */
static Db *
db_open (const char  *path,
         gboolean     create,
         GError     **error)
{
  g_autoptr(Db) db = g_new0 (Db, 1);
  sqlite3_stmt *stmt = NULL;
  gboolean wal = FALSE;
  int rc;

  rc = sqlite3_open_v2 (path, &db->db, SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0), NULL);
  if (rc != SQLITE_OK)
    {
      sql_error (db->db, rc, path, error);
      return NULL;
    }
  sqlite3_extended_result_codes (db->db, 1);
  sqlite3_busy_timeout (db->db, 5000);
#ifdef SQLITE_HAS_CODEC
  if (!exec (db, RAW_KEY_PRAGMA "; " CIPHER_PAGE_SIZE_PRAGMA, error))
    return NULL;
#endif

  if (sqlite3_prepare_v2 (db->db, "PRAGMA journal_mode = WAL", -1, &stmt, NULL) == SQLITE_OK
      && sqlite3_step (stmt) == SQLITE_ROW)
    wal = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "wal") == 0;
  sqlite3_finalize (stmt);
  if (!wal)
    {
      g_set_error (error, WM_BENCH_ERROR, 0, "%s: could not switch to WAL", path);
      return NULL;
    }
  if (!exec (db,
             "PRAGMA synchronous = FULL;"
             "PRAGMA foreign_keys = ON;"
             "PRAGMA secure_delete = ON;"
             "PRAGMA temp_store = MEMORY;"
             "PRAGMA cell_size_check = ON;", error))
    return NULL;
  if (create && !exec (db, schema_sql, error))
    return NULL;

  db->durable = TRUE;
  if (!prepare (db, caseload_sql, &db->caseload, error)
      || !prepare (db, open_case_sql, &db->open_case, error)
      || !prepare (db, access_sql, &db->access, error)
      || !prepare (db, "BEGIN IMMEDIATE", &db->begin, error)
      || !prepare (db, "COMMIT", &db->commit, error)
      || !prepare (db, "SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1", &db->audit_last, error)
      || !prepare (db,
                   "INSERT INTO audit (seq, at, user_id, action, case_id, record_id, detail, hash) "
                   "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", &db->audit_insert, error)
      || !prepare (db, "UPDATE meta SET value = ? WHERE key = 'audit-head'", &db->audit_head, error)
      || !prepare (db, "UPDATE meta SET value = ? WHERE key = 'audit-count'", &db->audit_count, error)
      || !prepare (db, "INSERT INTO cases (reference, assigned_to) VALUES (?, ?)", &db->insert_case, error)
      || !prepare (db, "SELECT card FROM cases WHERE id = ?", &db->read_card, error)
      || !prepare (db, "UPDATE cases SET card = ? WHERE id = ?", &db->write_card, error)
      || !prepare (db, "INSERT INTO case_access (case_id, user_id) VALUES (?, ?)", &db->insert_access, error)
      || !prepare (db,
                   "INSERT INTO records (case_id, kind, head_version, amends_id, author_id) "
                   "VALUES (?, ?, 1, NULL, ?)", &db->insert_record, error)
      || !prepare (db,
                   "INSERT INTO record_versions (record_id, version, author_id, immutable, written, payload) "
                   "VALUES (?, 1, ?, 0, ?, ?)", &db->insert_version, error))
    return NULL;
  return g_steal_pointer (&db);
}

/* Waymark's audit entry (wm_audit_append in app/store/wm-audit.c): the
 * same hash over the same fields, the same row, the same two updates of
 * the chain's head; part of the caller's transaction. */
static gboolean
append_audit (Db          *db,
              gint64       user_id,
              const char  *action,
              gint64       case_id,
              gint64       record_id,
              const char  *detail,
              GError     **error)
{
  static const char domain[] = "waymark-audit-v1";
  static const guint8 database_id[16] = { 0 };
  crypto_generichash_state state;
  guint8 previous[32] = { 0 };
  guint8 hash[32];
  gint64 numbers[5];
  gint64 seq = 1, at = g_get_real_time ();
  guint32 length;

  if (sqlite3_step (db->audit_last) == SQLITE_ROW)
    {
      seq = sqlite3_column_int64 (db->audit_last, 0) + 1;
      if (sqlite3_column_bytes (db->audit_last, 1) == sizeof previous)
        memcpy (previous, sqlite3_column_blob (db->audit_last, 1), sizeof previous);
    }
  sqlite3_reset (db->audit_last);

  numbers[0] = GINT64_TO_BE (seq);
  numbers[1] = GINT64_TO_BE (at);
  numbers[2] = GINT64_TO_BE (user_id);
  numbers[3] = GINT64_TO_BE (case_id);
  numbers[4] = GINT64_TO_BE (record_id);
  crypto_generichash_init (&state, NULL, 0, sizeof hash);
  crypto_generichash_update (&state, (const guint8 *) domain, sizeof domain);
  crypto_generichash_update (&state, database_id, sizeof database_id);
  crypto_generichash_update (&state, previous, sizeof previous);
  crypto_generichash_update (&state, (const guint8 *) numbers, sizeof numbers);
  length = GUINT32_TO_BE ((guint32) strlen (action));
  crypto_generichash_update (&state, (const guint8 *) &length, sizeof length);
  crypto_generichash_update (&state, (const guint8 *) action, strlen (action));
  length = GUINT32_TO_BE ((guint32) strlen (detail));
  crypto_generichash_update (&state, (const guint8 *) &length, sizeof length);
  crypto_generichash_update (&state, (const guint8 *) detail, strlen (detail));
  crypto_generichash_final (&state, hash, sizeof hash);

  sqlite3_bind_int64 (db->audit_insert, 1, seq);
  sqlite3_bind_int64 (db->audit_insert, 2, at);
  sqlite3_bind_int64 (db->audit_insert, 3, user_id);
  sqlite3_bind_text (db->audit_insert, 4, action, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (db->audit_insert, 5, case_id);
  sqlite3_bind_int64 (db->audit_insert, 6, record_id);
  sqlite3_bind_text (db->audit_insert, 7, detail, -1, SQLITE_STATIC);
  sqlite3_bind_blob (db->audit_insert, 8, hash, sizeof hash, SQLITE_STATIC);
  sqlite3_bind_blob (db->audit_head, 1, hash, sizeof hash, SQLITE_STATIC);
  sqlite3_bind_int64 (db->audit_count, 1, seq);
  return step_done (db, db->audit_insert, error)
         && step_done (db, db->audit_head, error)
         && step_done (db, db->audit_count, error);
}

/* What Waymark's audit entry says of a new record (wm_record_kind_to_string). */
static const char *
kind_name (int kind)
{
  switch (kind)
    {
    case WM_BENCH_KIND_PROFILE:
      return "profile";
    case WM_BENCH_KIND_CONTACT:
      return "contact";
    case WM_BENCH_KIND_ASSESSMENT:
      return "assessment";
    default:
      return "record";
    }
}

/* As Waymark's store: durable for changes, synchronous=NORMAL for a case
 * view's audit entry; the setting changes only when it differs. */
static gboolean
begin (Db        *db,
       gboolean   durable,
       GError   **error)
{
  if (db->durable != durable)
    {
      if (!exec (db, durable ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = NORMAL", error))
        return FALSE;
      db->durable = durable;
    }
  return step_done (db, db->begin, error);
}

/* Adds version 1 of a record; part of the caller's transaction. */
static gint64
insert_record (Db         *db,
               gint64      case_id,
               int         kind,
               gint64      author_id,
               GVariant   *payload,
               GError    **error)
{
  g_autoptr(GBytes) bytes = g_variant_get_data_as_bytes (payload);
  gint64 record_id;

  sqlite3_bind_int64 (db->insert_record, 1, case_id);
  sqlite3_bind_int (db->insert_record, 2, kind);
  sqlite3_bind_int64 (db->insert_record, 3, author_id);
  if (!step_done (db, db->insert_record, error))
    return 0;
  record_id = sqlite3_last_insert_rowid (db->db);

  sqlite3_bind_int64 (db->insert_version, 1, record_id);
  sqlite3_bind_int64 (db->insert_version, 2, author_id);
  sqlite3_bind_int64 (db->insert_version, 3, g_get_real_time ());
  sqlite3_bind_blob (db->insert_version, 4, g_bytes_get_data (bytes, NULL), (int) g_bytes_get_size (bytes),
                     SQLITE_STATIC);
  if (!step_done (db, db->insert_version, error)
      || !append_audit (db, author_id, "create", case_id, record_id, kind_name (kind), error))
    return 0;
  return record_id;
}

static gboolean
write_card (Db        *db,
            gint64     case_id,
            GVariant  *card,
            GError   **error)
{
  sqlite3_bind_blob (db->write_card, 1, g_variant_get_data (card), (int) g_variant_get_size (card),
                     SQLITE_STATIC);
  sqlite3_bind_int64 (db->write_card, 2, case_id);
  return step_done (db, db->write_card, error);
}

/* The card as Waymark's save keeps it: the old one, with the new latest
 * assessment. */
static gboolean
update_card (Db        *db,
             gint64     case_id,
             GVariant  *assessment,
             GError   **error)
{
  g_autoptr(GVariant) old = NULL;
  g_autoptr(GVariant) profile = NULL;
  g_autoptr(GVariant) old_assessment = NULL;
  g_autoptr(GVariant) card = NULL;
  g_autofree char *contact = NULL;
  int rc;

  sqlite3_bind_int64 (db->read_card, 1, case_id);
  rc = sqlite3_step (db->read_card);
  if (rc == SQLITE_ROW && sqlite3_column_type (db->read_card, 0) != SQLITE_NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (sqlite3_column_blob (db->read_card, 0),
                                             (gsize) sqlite3_column_bytes (db->read_card, 0));

      old = wm_card_from_bytes (bytes);
    }
  sqlite3_reset (db->read_card);
  if (old == NULL)
    {
      g_set_error (error, WM_BENCH_ERROR, 0, "case %" G_GINT64_FORMAT " has no card", case_id);
      return FALSE;
    }
  wm_card_unpack (old, &profile, &old_assessment, &contact);
  card = wm_card_build (profile, assessment, contact);
  return write_card (db, case_id, card, error);
}

static gboolean
insert_person (Db                   *db,
               const WmBenchOptions *options,
               guint                 index,
               GError              **error)
{
  WmBenchPerson person = { 0 };
  gint64 caseworker_id = CASEWORKER_ID (wm_bench_caseworker_of (options, index));
  gint64 case_id;
  gboolean ok = FALSE;
  int rc;

  wm_bench_person_generate ((guint32) options->seed, index, &person);

  sqlite3_bind_text (db->insert_case, 1, person.reference, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (db->insert_case, 2, caseworker_id);
  rc = sqlite3_step (db->insert_case);
  sqlite3_reset (db->insert_case);
  if ((rc & 0xff) == SQLITE_CONSTRAINT)
    {
      /* Random references collide about once in 20 organisations of ten
       * thousand; a suffix no drawn reference has keeps this one unique. */
      g_autofree char *unique = g_strdup_printf ("%s-%u", person.reference, index);

      sqlite3_bind_text (db->insert_case, 1, unique, -1, SQLITE_TRANSIENT);
      rc = sqlite3_step (db->insert_case);
      sqlite3_reset (db->insert_case);
    }
  if (rc != SQLITE_DONE)
    {
      sql_error (db->db, rc, "insert case", error);
      goto out;
    }
  case_id = sqlite3_last_insert_rowid (db->db);
  if (case_id != (gint64) index + 1)
    {
      g_set_error (error, WM_BENCH_ERROR, 0, "person %u became case %" G_GINT64_FORMAT, index, case_id);
      goto out;
    }

  for (int i = 0; i < 2; i++)
    {
      sqlite3_bind_int64 (db->insert_access, 1, case_id);
      sqlite3_bind_int64 (db->insert_access, 2, i == 0 ? caseworker_id : SUPERVISOR_ID);
      if (!step_done (db, db->insert_access, error))
        goto out;
    }

  if (insert_record (db, case_id, WM_BENCH_KIND_PROFILE, caseworker_id, person.profile, error) == 0)
    goto out;
  for (guint i = 0; i < WM_BENCH_RECORDS_PER_PERSON; i++)
    if (insert_record (db, case_id, person.kinds[i], caseworker_id, person.records[i], error) == 0)
      goto out;
  /* The card: the profile, the latest assessment, the newest contact. */
  {
    GVariant *assessment = NULL, *contact = NULL;
    g_autofree char *date = NULL;
    g_autoptr(GVariant) card = NULL;

    for (guint i = 0; i < WM_BENCH_RECORDS_PER_PERSON; i++)
      if (person.kinds[i] == WM_BENCH_KIND_ASSESSMENT)
        assessment = person.records[i];
      else if (person.kinds[i] == WM_BENCH_KIND_CONTACT)
        contact = person.records[i];
    date = wm_card_contact_date (contact);
    card = wm_card_build (person.profile, assessment, date);
    if (!write_card (db, case_id, card, error))
      goto out;
  }
  ok = TRUE;

out:
  wm_bench_person_clear (&person);
  return ok;
}

static gboolean
insert_staff (Db                   *db,
              const WmBenchOptions *options,
              GError              **error)
{
  sqlite3_stmt *user = NULL, *team = NULL;
  gboolean ok = FALSE;

  if (!prepare (db, "INSERT INTO users (id, name, role) VALUES (?, ?, ?)", &user, error)
      || !prepare (db, "INSERT INTO user_supervisors (user_id, supervisor_id) VALUES (?, ?)", &team, error))
    goto out;

  sqlite3_bind_int64 (user, 1, ADMIN_ID);
  sqlite3_bind_text (user, 2, WM_BENCH_ADMIN, -1, SQLITE_STATIC);
  sqlite3_bind_int (user, 3, 3);
  if (!step_done (db, user, error))
    goto out;
  sqlite3_bind_int64 (user, 1, SUPERVISOR_ID);
  sqlite3_bind_text (user, 2, WM_BENCH_SUPERVISOR, -1, SQLITE_STATIC);
  sqlite3_bind_int (user, 3, 2);
  if (!step_done (db, user, error))
    goto out;
  for (gint i = 0; i < options->caseworkers; i++)
    {
      g_autofree char *name = wm_bench_caseworker_name ((guint) i);

      sqlite3_bind_int64 (user, 1, CASEWORKER_ID (i));
      sqlite3_bind_text (user, 2, name, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (user, 3, 1);
      if (!step_done (db, user, error))
        goto out;
      sqlite3_bind_int64 (team, 1, CASEWORKER_ID (i));
      sqlite3_bind_int64 (team, 2, SUPERVISOR_ID);
      if (!step_done (db, team, error))
        goto out;
    }
  ok = TRUE;

out:
  sqlite3_finalize (user);
  sqlite3_finalize (team);
  return ok;
}

#ifdef SQLITE_HAS_CODEC
/* SQLCipher derives the key from a passphrase lazily, on the first read. */
static gboolean
open_with_passphrase (const char  *path,
                      gboolean     create,
                      GError     **error)
{
  g_autoptr(Db) db = g_new0 (Db, 1);
  int rc = sqlite3_open_v2 (path, &db->db, SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0), NULL);

  if (rc != SQLITE_OK)
    return sql_error (db->db, rc, path, error);
  if (!exec (db, "PRAGMA key = '" WM_BENCH_PASSPHRASE "'; " CIPHER_PAGE_SIZE_PRAGMA, error))
    return FALSE;
  if (create)
    return exec (db, "CREATE TABLE t (x); INSERT INTO t VALUES (1);", error);
  return exec (db, "SELECT count(*) FROM sqlite_master", error);
}
#endif

static int
build (const WmBenchOptions *options)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = db_path (options);
  g_autoptr(Db) db = NULL;
  gint64 start = wm_bench_now_ns ();
  GStatBuf st;

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_printerr ("%s already exists\n", path);
      return 1;
    }
  db = db_open (path, TRUE, &error);
  if (db == NULL
      || !exec (db, "BEGIN IMMEDIATE", &error)
      || !insert_staff (db, options, &error)
      || !exec (db, "COMMIT", &error))
    goto fail;

  /* Batches, as Waymark's build uses: one fsync per batch, not per row. */
  for (gint first = 0; first < options->people; first += options->batch)
    {
      if (!exec (db, "BEGIN IMMEDIATE", &error))
        goto fail;
      for (gint index = first; index < MIN (options->people, first + options->batch); index++)
        if (!insert_person (db, options, (guint) index, &error))
          goto fail;
      if (!exec (db, "COMMIT", &error))
        goto fail;
    }
  /* Every engine starts measuring with an empty write-ahead log. */
  if (!exec (db, "PRAGMA wal_checkpoint(TRUNCATE)", &error))
    goto fail;

#ifdef SQLITE_HAS_CODEC
  {
    g_autofree char *kdf_path = g_build_filename (options->dir, "kdf.db", NULL);

    if (!open_with_passphrase (kdf_path, TRUE, &error))
      goto fail;
  }
#endif

  wm_bench_emit_value (ENGINE, "build", "s", wm_bench_ms_since (start) / 1000);
  if (g_stat (path, &st) == 0)
    wm_bench_emit_value (ENGINE, "db_size", "bytes", (double) st.st_size);
  return 0;

fail:
  g_printerr ("%s build: %s\n", ENGINE, error->message);
  return 1;
}

/* Waymark opens a caseload's cards on worker threads while the query goes
 * on (app/store/wm-caseload.c: chunks of 128 cases, as many workers as
 * processors up to 4). These engines do their share of that work, copying
 * and checking each card, in the same way, so that the caseload compares
 * how the rows are stored, not how many threads read them. */
#define CHUNK_CASES 128
#define MAX_WORKERS 4

typedef struct
{
  gint64    case_id;
  char     *reference;
  GBytes   *card_bytes;
  GVariant *profile;
  GVariant *assessment;
  char     *last_contact_on;
} CaseloadJob;

typedef struct
{
  guint       n_jobs;
  CaseloadJob jobs[CHUNK_CASES];
} CaseloadChunk;

static void
caseload_chunk_free (CaseloadChunk *chunk)
{
  for (guint i = 0; i < chunk->n_jobs; i++)
    {
      CaseloadJob *job = &chunk->jobs[i];

      g_free (job->reference);
      g_clear_pointer (&job->card_bytes, g_bytes_unref);
      g_free (job->last_contact_on);
      g_clear_pointer (&job->profile, g_variant_unref);
      g_clear_pointer (&job->assessment, g_variant_unref);
    }
  g_free (chunk);
}

/* The blob is valid only until the next step, so it is copied, as
 * Waymark copies its ciphertext. */
static GBytes *
copy_column (sqlite3_stmt *stmt,
             int           column)
{
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    return NULL;
  return g_bytes_new (sqlite3_column_blob (stmt, column), (gsize) sqlite3_column_bytes (stmt, column));
}

/* Checked as Waymark checks what it decrypts. */
static GVariant *
payload_from_bytes (GBytes *bytes)
{
  GVariant *payload;

  if (bytes == NULL)
    return NULL;
  payload = g_variant_ref_sink (g_variant_new_from_bytes (G_VARIANT_TYPE_VARDICT, bytes, FALSE));
  if (!g_variant_is_normal_form (payload))
    g_clear_pointer (&payload, g_variant_unref);
  return payload;
}

static GVariant *
payload_from_column (sqlite3_stmt *stmt,
                     int           column)
{
  g_autoptr(GBytes) bytes = copy_column (stmt, column);

  return payload_from_bytes (bytes);
}

/* A card checked as Waymark checks the one it decrypts, and unpacked. */
static void
card_from_bytes (GBytes     *bytes,
                 GVariant  **profile,
                 GVariant  **assessment,
                 char      **last_contact_on)
{
  g_autoptr(GVariant) card = bytes != NULL ? wm_card_from_bytes (bytes) : NULL;

  *profile = *assessment = NULL;
  *last_contact_on = NULL;
  if (card != NULL)
    wm_card_unpack (card, profile, assessment, last_contact_on);
}

static void
decode_chunk (CaseloadChunk *chunk)
{
  for (guint i = 0; i < chunk->n_jobs; i++)
    {
      CaseloadJob *job = &chunk->jobs[i];

      card_from_bytes (job->card_bytes, &job->profile, &job->assessment, &job->last_contact_on);
    }
}

static void
decode_chunk_func (gpointer data,
                   gpointer user_data)
{
  decode_chunk (data);
}

static int
compare_rows_by_reference (gconstpointer a,
                           gconstpointer b)
{
  return strcmp (((const WmBenchCaseloadRow *) a)->reference, ((const WmBenchCaseloadRow *) b)->reference);
}

static GArray *
list_caseload (Db      *db,
               gint64   user_id,
               GError **error)
{
  g_autoptr(GArray) caseload = wm_bench_caseload_new (1024);
  g_autoptr(GPtrArray) chunks = g_ptr_array_new_with_free_func ((GDestroyNotify) caseload_chunk_free);
  CaseloadChunk *chunk = NULL;
  GThreadPool *workers = NULL;
  sqlite3_stmt *stmt = db->caseload;
  int rc;

  sqlite3_bind_int64 (stmt, 1, user_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CaseloadJob *job;

      if (chunk == NULL)
        {
          chunk = g_new0 (CaseloadChunk, 1);
          g_ptr_array_add (chunks, chunk);
        }
      job = &chunk->jobs[chunk->n_jobs++];
      job->case_id = sqlite3_column_int64 (stmt, 0);
      job->reference = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      job->card_bytes = copy_column (stmt, 3);
      if (chunk->n_jobs == CHUNK_CASES)
        {
          if (workers == NULL)
            workers = g_thread_pool_new (decode_chunk_func, NULL,
                                         (int) CLAMP (g_get_num_processors (), 1, MAX_WORKERS), FALSE, NULL);
          g_thread_pool_push (workers, chunk, NULL);
          chunk = NULL;
        }
    }
  sqlite3_reset (stmt);
  if (chunk != NULL)
    decode_chunk (chunk);
  if (workers != NULL)
    g_thread_pool_free (workers, FALSE, TRUE);
  if (rc != SQLITE_DONE)
    {
      sql_error (db->db, rc, "caseload", error);
      return NULL;
    }

  for (guint c = 0; c < chunks->len; c++)
    {
      chunk = g_ptr_array_index (chunks, c);
      for (guint i = 0; i < chunk->n_jobs; i++)
        {
          CaseloadJob *job = &chunk->jobs[i];
          WmBenchCaseloadRow row = { 0 };

          wm_bench_caseload_row_fill (&row, job->case_id, job->reference, job->profile, job->assessment);
          g_array_append_val (caseload, row);
        }
    }
  g_array_sort (caseload, compare_rows_by_reference);
  return g_steal_pointer (&caseload);
}

/* The query alone, touching each blob but parsing nothing: the part of the
 * caseload no engine can avoid. */
static guint
caseload_sql_only (Db     *db,
                   gint64  user_id)
{
  sqlite3_stmt *stmt = db->caseload;
  guint rows = 0;

  sqlite3_bind_int64 (stmt, 1, user_id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      sqlite3_column_blob (stmt, 3);
      rows++;
    }
  sqlite3_reset (stmt);
  return rows;
}

/* list_caseload again, with a clock around each phase of each row. */
static gboolean
caseload_phases (Db             *db,
                 gint64          user_id,
                 WmBenchPhases  *phases,
                 GError        **error)
{
  g_autoptr(GArray) caseload = wm_bench_caseload_new (1024);
  sqlite3_stmt *stmt = db->caseload;
  double *ms = phases->ms;
  gint64 clock;
  int rc;

  *phases = (WmBenchPhases) { { 0 } };
  sqlite3_bind_int64 (stmt, 1, user_id);
  for (;;)
    {
      GVariant *profile, *assessment;
      g_autofree char *last_contact_on = NULL;
      WmBenchCaseloadRow row = { 0 };

      clock = wm_bench_now_ns ();
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        sqlite3_column_blob (stmt, 3);
      ms[WM_BENCH_PHASE_SQL] += wm_bench_lap (&clock);
      if (rc != SQLITE_ROW)
        break;

      {
        g_autoptr(GBytes) bytes = copy_column (stmt, 3);

        card_from_bytes (bytes, &profile, &assessment, &last_contact_on);
      }
      ms[WM_BENCH_PHASE_PARSE] += wm_bench_lap (&clock);

      wm_bench_caseload_row_fill (&row, sqlite3_column_int64 (stmt, 0),
                                  (const char *) sqlite3_column_text (stmt, 1), profile, assessment);
      g_array_append_val (caseload, row);
      ms[WM_BENCH_PHASE_FIELDS] += wm_bench_lap (&clock);

      g_clear_pointer (&profile, g_variant_unref);
      g_clear_pointer (&assessment, g_variant_unref);
      ms[WM_BENCH_PHASE_FREE] += wm_bench_lap (&clock);
    }
  sqlite3_reset (stmt);
  return rc == SQLITE_DONE || sql_error (db->db, rc, "caseload", error);
}

/* Whether @user_id may read the case, as Waymark checks before each read. */
static gboolean
check_access (Db       *db,
              gint64    user_id,
              gint64    case_id,
              GError  **error)
{
  gboolean shared;
  int rc;

  sqlite3_bind_int64 (db->access, 1, user_id);
  sqlite3_bind_int64 (db->access, 2, case_id);
  rc = sqlite3_step (db->access);
  shared = rc == SQLITE_ROW && sqlite3_column_type (db->access, 0) != SQLITE_NULL;
  sqlite3_reset (db->access);
  if (!shared)
    g_set_error (error, WM_BENCH_ERROR, 0, "case %" G_GINT64_FORMAT " is not shared with user %"
                 G_GINT64_FORMAT, case_id, user_id);
  return shared;
}

static GPtrArray *
read_case (Db      *db,
           gint64   user_id,
           gint64   case_id,
           GError **error)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func (record_free);
  sqlite3_stmt *stmt = db->open_case;
  int rc;

  if (!check_access (db, user_id, case_id, error))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, case_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Record *record = g_new0 (Record, 1);

      record->record_id = sqlite3_column_int64 (stmt, 0);
      record->kind = sqlite3_column_int (stmt, 1);
      record->amends_id = sqlite3_column_int64 (stmt, 2);
      record->version = (guint) sqlite3_column_int (stmt, 3);
      record->author_id = sqlite3_column_int64 (stmt, 4);
      record->immutable = sqlite3_column_int (stmt, 5) != 0;
      record->written_usec = sqlite3_column_int64 (stmt, 6);
      record->payload = payload_from_column (stmt, 7);
      g_ptr_array_add (records, record);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      sql_error (db->db, rc, "open case", error);
      return NULL;
    }
  if (records->len < 1 + WM_BENCH_RECORDS_PER_PERSON
      || ((Record *) g_ptr_array_index (records, 0))->kind != WM_BENCH_KIND_PROFILE)
    {
      g_set_error (error, WM_BENCH_ERROR, 0, "case %" G_GINT64_FORMAT " opened with %u records",
                   case_id, records->len);
      return NULL;
    }
  return g_steal_pointer (&records);
}

/* As wm_session_open_case: the read and its "case-view" audit entry in one
 * transaction at synchronous=NORMAL; @audited FALSE reads alone. */
static GPtrArray *
open_case (Db        *db,
           gint64     user_id,
           gint64     case_id,
           gboolean   audited,
           GError   **error)
{
  g_autoptr(GPtrArray) records = NULL;

  if (!audited)
    return read_case (db, user_id, case_id, error);
  if (!begin (db, FALSE, error))
    return NULL;
  records = read_case (db, user_id, case_id, error);
  if (records == NULL || !append_audit (db, user_id, "case-view", case_id, 0, "", error))
    {
      sqlite3_exec (db->db, "ROLLBACK", NULL, NULL, NULL);
      return NULL;
    }
  if (!step_done (db, db->commit, error))
    return NULL;
  return g_steal_pointer (&records);
}

/* One durable transaction with its audit entry, as wm_session_add_record
 * makes one. */
static gboolean
save_record (Db         *db,
             gint64      case_id,
             int         kind,
             gint64      author_id,
             GVariant   *payload,
             GError    **error)
{
  if (!begin (db, TRUE, error))
    return FALSE;
  if (insert_record (db, case_id, kind, author_id, payload, error) == 0
      || !update_card (db, case_id, payload, error))
    {
      sqlite3_exec (db->db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }
  return step_done (db, db->commit, error);
}

typedef struct
{
  const WmBenchOptions *options;
  char                 *path;
  Db                   *db;
} Engine;

static char *
engine_describe (gpointer data)
{
#ifdef SQLITE_HAS_CODEC
  sqlite3 *probe = NULL;
  sqlite3_stmt *stmt = NULL;
  char *text = NULL;

  sqlite3_open_v2 (":memory:", &probe, SQLITE_OPEN_READWRITE, NULL);
  if (sqlite3_prepare_v2 (probe, "PRAGMA cipher_version", -1, &stmt, NULL) == SQLITE_OK
      && sqlite3_step (stmt) == SQLITE_ROW)
    text = g_strdup_printf ("SQLCipher %s (SQLite %s), raw 256-bit key, 4 KiB pages",
                            sqlite3_column_text (stmt, 0), sqlite3_libversion ());
  sqlite3_finalize (stmt);
  sqlite3_close (probe);
  return text;
#else
  return g_strdup_printf ("SQLite %s", sqlite3_libversion ());
#endif
}

#ifdef SQLITE_HAS_CODEC
/* SQLCipher 3.4.1's own key derivation from a passphrase, PBKDF2 with its
 * default iterations, timed on a database of its own (kdf.db). */
static gboolean
engine_kdf (gpointer   data,
            double    *ms,
            GError   **error)
{
  Engine *self = data;
  g_autofree char *kdf_path = g_build_filename (self->options->dir, "kdf.db", NULL);
  gint64 start = wm_bench_now_ns ();

  if (!open_with_passphrase (kdf_path, FALSE, error))
    return FALSE;
  *ms = wm_bench_ms_since (start);
  return TRUE;
}
#endif

/* A new connection, as unlocking would open: statements prepared, the
 * schema read, the page cache empty. */
static gboolean
engine_unlock (gpointer   data,
               GError   **error)
{
  Engine *self = data;

  g_clear_pointer (&self->db, db_close);
  self->db = db_open (self->path, FALSE, error);
  return self->db != NULL;
}

static gboolean
engine_caseload (gpointer          data,
                 WmBenchCaseload   which,
                 double           *ms,
                 GError          **error)
{
  Engine *self = data;
  g_autoptr(GArray) caseload = NULL;
  guint expected = (guint) self->options->people;
  gint64 start;

  if (which == WM_BENCH_CASELOAD_SQL)
    {
      guint rows;

      start = wm_bench_now_ns ();
      rows = caseload_sql_only (self->db, SUPERVISOR_ID);
      *ms = wm_bench_ms_since (start);
      if (rows != expected)
        {
          g_set_error (error, WM_BENCH_ERROR, 0, "the caseload query gave %u rows, not %u", rows, expected);
          return FALSE;
        }
      return TRUE;
    }
  start = wm_bench_now_ns ();
  caseload = list_caseload (self->db, SUPERVISOR_ID, error);
  *ms = wm_bench_ms_since (start);
  return caseload != NULL && wm_bench_caseload_check (caseload, expected, error);
}

static gboolean
engine_phases (gpointer        data,
               WmBenchPhases  *phases,
               GError        **error)
{
  Engine *self = data;

  return caseload_phases (self->db, SUPERVISOR_ID, phases, error);
}

static gboolean
engine_open_case (gpointer   data,
                  gint64     case_id,
                  gboolean   audited,
                  double    *ms,
                  GError   **error)
{
  Engine *self = data;
  g_autoptr(GPtrArray) records = NULL;
  gsize touched = 0;
  gint64 start = wm_bench_now_ns ();

  records = open_case (self->db, SUPERVISOR_ID, case_id, audited, error);
  if (records == NULL)
    return FALSE;
  for (guint r = 0; r < records->len; r++)
    {
      Record *record = g_ptr_array_index (records, r);

      touched += wm_bench_touch_record (record->kind, record->payload);
    }
  *ms = wm_bench_ms_since (start);
  if (touched == 0)
    {
      g_set_error (error, WM_BENCH_ERROR, 0, "case %" G_GINT64_FORMAT " opened without its notes", case_id);
      return FALSE;
    }
  return TRUE;
}

static gboolean
engine_save (gpointer   data,
             gint64     case_id,
             gint64     author_id,
             GVariant  *assessment,
             double    *ms,
             GError   **error)
{
  Engine *self = data;
  gint64 start = wm_bench_now_ns ();

  if (!save_record (self->db, case_id, WM_BENCH_KIND_ASSESSMENT, author_id, assessment, error))
    return FALSE;
  *ms = wm_bench_ms_since (start);
  return TRUE;
}

/* Nothing here has a key-derivation work area to set aside. */
static void
engine_peaks (gpointer  data,
              glong    *whole_kib,
              glong    *work_kib)
{
  *whole_kib = *work_kib = wm_bench_hwm_kib ();
}

static const WmBenchEngine engine_vtable = {
  .name = ENGINE,
  .describe = engine_describe,
#ifdef SQLITE_HAS_CODEC
  .kdf = engine_kdf,
#endif
  .unlock = engine_unlock,
  .caseload = engine_caseload,
  .phases = engine_phases,
  .open_case = engine_open_case,
  .save = engine_save,
  .peaks = engine_peaks,
};

int
wm_bench_sql_run (WmBenchOptions *options)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *description = NULL;
  Engine self = { options, NULL, NULL };
  int status;

  if (g_strcmp0 (options->engine, ENGINE) != 0)
    {
      g_printerr ("this program runs the %s engine, not %s\n", ENGINE, options->engine);
      return 2;
    }
  if (g_strcmp0 (options->phase, "build") == 0)
    return build (options);

  /* SQLCipher, not the system's SQLite under its name, or nothing. */
  description = engine_describe (&self);
  if (description == NULL)
    {
      g_printerr ("%s: PRAGMA cipher_version gives nothing; this is not SQLCipher\n", ENGINE);
      return 1;
    }
  self.path = db_path (options);
  self.db = db_open (self.path, FALSE, &error);
  if (self.db == NULL)
    {
      g_printerr ("%s: %s\n", ENGINE, error->message);
      g_free (self.path);
      return 1;
    }
  status = wm_bench_serve (options, &engine_vtable, &self);
  db_close (self.db);
  g_free (self.path);
  return status;
}
