/* wm-store.c — one organisation's SQLite file: open, migrate, back up
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The file is untrusted input: before SQLite writes anything to it, its
 * header is read by hand and then through a read-only connection, so that a
 * file from a newer Waymark, another program, or a truncated copy is refused
 * with its bytes untouched. Only then is it opened for writing.
 */

#define G_LOG_DOMAIN "wm-store"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <sodium.h>

#include "wm-secret.h"
#include "wm-store-private.h"

struct _WmStore
{
  GObject      parent_instance;

  char        *path;
  sqlite3     *db;
  char        *organisation;
  guint8       database_id[WM_DATABASE_ID_SIZE];
  guint8       organisation_public_key[32];
  int          schema_version;
  GHashTable  *statements;  /* const char *sql -> sqlite3_stmt * */
  guint        transaction_depth;
  gboolean     durable;  /* PRAGMA synchronous is FULL (else NORMAL) */

  WmClockFunc  clock;
  gpointer     clock_data;
};

G_DEFINE_FINAL_TYPE (WmStore, wm_store, G_TYPE_OBJECT)

G_DEFINE_QUARK (wm-store-error-quark, wm_store_error)

#define SQLITE_HEADER_SIZE 100

static void
wm_store_forget_statements (WmStore *self)
{
  g_hash_table_remove_all (self->statements);
}

static void
wm_store_finalize (GObject *object)
{
  WmStore *self = (WmStore *) object;

  wm_store_forget_statements (self);
  g_clear_pointer (&self->statements, g_hash_table_unref);
  if (self->db != NULL)
    sqlite3_close_v2 (self->db);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->organisation, g_free);

  G_OBJECT_CLASS (wm_store_parent_class)->finalize (object);
}

static void
wm_store_class_init (WmStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = wm_store_finalize;
}

static void
wm_store_init (WmStore *self)
{
  self->statements = g_hash_table_new_full (NULL, NULL, NULL,
                                            (GDestroyNotify) sqlite3_finalize);
}

void
wm_store_set_sqlite_error (WmStore  *self,
                           int       rc,
                           GError  **error)
{
  const char *detail = self->db ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc);

  switch (rc & 0xff)
    {
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      g_set_error (error, WM_STORE_ERROR, WM_STORE_ERROR_NOT_A_DATABASE,
                   _("The database “%s” is damaged (%s). Restore it from a backup."),
                   self->path, detail);
      break;
    case SQLITE_FULL:
      g_set_error (error, WM_STORE_ERROR, WM_STORE_ERROR_IO,
                   _("The disk holding “%s” is full. Free some space and try again; nothing was saved."),
                   self->path);
      break;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error (error, WM_STORE_ERROR, WM_STORE_ERROR_IO,
                   _("The database “%s” is busy in another program. Try again in a moment."),
                   self->path);
      break;
    case SQLITE_READONLY:
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
      g_set_error (error, WM_STORE_ERROR, WM_STORE_ERROR_IO,
                   _("The database “%s” cannot be written (%s). Check the file’s permissions."),
                   self->path, detail);
      break;
    default:
      g_set_error (error, WM_STORE_ERROR, WM_STORE_ERROR_IO,
                   _("The database “%s” could not be used (%s). Try again; if it keeps failing, "
                     "run “waymark-cli verify”."),
                   self->path, detail);
      break;
    }
}

sqlite3_stmt *
wm_store_statement (WmStore     *self,
                    const char  *sql,
                    GError     **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->statements, sql);
  int rc;

  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      wm_store_set_sqlite_error (self, rc, error);
      return NULL;
    }
  g_hash_table_insert (self->statements, (gpointer) sql, stmt);
  return stmt;
}

gboolean
wm_store_exec (WmStore     *self,
               const char  *sql,
               GError     **error)
{
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      wm_store_set_sqlite_error (self, rc, error);
      return FALSE;
    }
  return TRUE;
}

/* Runs a statement that returns no rows, and resets it. */
gboolean
wm_store_step_done (WmStore       *self,
                    sqlite3_stmt  *stmt,
                    GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      wm_store_set_sqlite_error (self, rc, error);
      return FALSE;
    }
  return TRUE;
}

/* BEGIN, COMMIT and the savepoints come with every change, and a case view
 * is a transaction of its own: kept prepared, they are not parsed again
 * each time. */
static gboolean
exec_prepared (WmStore     *self,
               const char  *sql,
               GError     **error)
{
  sqlite3_stmt *stmt = wm_store_statement (self, sql, error);

  return stmt != NULL && wm_store_step_done (self, stmt, error);
}

/* Transactions nest: inside a batch (or another transaction) a begin is a
 * savepoint, so many operations can share one commit and one fsync. */
static gboolean
begin_with (WmStore     *self,
            gboolean     durable,
            GError     **error)
{
  /* The setting is the connection's: change it only when it differs. */
  if (self->transaction_depth == 0 && self->durable != durable)
    {
      if (!wm_store_exec (self, durable ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = NORMAL", error))
        return FALSE;
      self->durable = durable;
    }
  if (self->transaction_depth == 0 && !exec_prepared (self, "BEGIN IMMEDIATE", error))
    return FALSE;
  if (self->transaction_depth > 0 && !exec_prepared (self, "SAVEPOINT wm_nested", error))
    return FALSE;
  self->transaction_depth++;
  return TRUE;
}

gboolean
wm_store_begin (WmStore  *self,
                GError  **error)
{
  /* Durable: the commit waits for the write-ahead log to reach the disk. */
  return begin_with (self, TRUE, error);
}

/* For a transaction whose loss in a power cut is acceptable (an audit entry
 * for viewing a case): it survives a crash of the program, and the next
 * durable commit flushes it with everything else in the log. */
gboolean
wm_store_begin_light (WmStore  *self,
                      GError  **error)
{
  return begin_with (self, FALSE, error);
}

gboolean
wm_store_commit (WmStore  *self,
                 GError  **error)
{
  g_return_val_if_fail (self->transaction_depth > 0, FALSE);

  if (!exec_prepared (self, self->transaction_depth == 1 ? "COMMIT" : "RELEASE wm_nested", error))
    {
      wm_store_rollback (self);
      return FALSE;
    }
  self->transaction_depth--;
  return TRUE;
}

void
wm_store_rollback (WmStore *self)
{
  if (self->transaction_depth == 0)
    return;
  if (self->transaction_depth == 1)
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  else
    sqlite3_exec (self->db, "ROLLBACK TO wm_nested; RELEASE wm_nested", NULL, NULL, NULL);
  self->transaction_depth--;
}

/**
 * wm_store_batch_begin:
 *
 * Groups the operations that follow into one durable transaction, for bulk
 * work (demo data, imports): each still writes its audit entry, and either
 * all of them reach the disk at wm_store_batch_commit() or none do.
 */
gboolean
wm_store_batch_begin (WmStore  *self,
                      GError  **error)
{
  g_return_val_if_fail (WM_IS_STORE (self), FALSE);

  return wm_store_begin (self, error);
}

gboolean
wm_store_batch_commit (WmStore  *self,
                       GError  **error)
{
  g_return_val_if_fail (WM_IS_STORE (self), FALSE);

  return wm_store_commit (self, error);
}

void
wm_store_batch_abort (WmStore *self)
{
  g_return_if_fail (WM_IS_STORE (self));

  wm_store_rollback (self);
}

static guint32
read_be32 (const guint8 *bytes)
{
  return ((guint32) bytes[0] << 24) | ((guint32) bytes[1] << 16)
         | ((guint32) bytes[2] << 8) | (guint32) bytes[3];
}

/* Reads the 100-byte SQLite header without SQLite, so that nothing is
 * written to a file we are about to refuse. */
static gboolean
check_header (const char  *path,
              GError     **error)
{
  g_autofree char *wal_path = NULL;
  guint8 header[SQLITE_HEADER_SIZE];
  struct stat st, wal_st;
  guint32 page_size, pages, change_counter, valid_for;
  gboolean has_wal;
  ssize_t got;
  int fd;

  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, WM_STORE_ERROR,
                   saved_errno == ENOENT ? WM_STORE_ERROR_NOT_FOUND : WM_STORE_ERROR_IO,
                   saved_errno == ENOENT
                     ? _("There is no database at “%s”. Create one with “waymark-cli init”, or choose another file.")
                     : _("The database “%s” cannot be opened. Check the file’s permissions."),
                   path);
      return FALSE;
    }
  if (fstat (fd, &st) != 0)
    st.st_size = 0;
  got = read (fd, header, sizeof header);
  close (fd);

  if (got != (ssize_t) sizeof header
      || memcmp (header, "SQLite format 3", 16) != 0)
    {
      g_set_error (error, WM_STORE_ERROR, WM_STORE_ERROR_NOT_A_DATABASE,
                   _("“%s” is not a Waymark database. Choose the organisation’s database file, "
                     "or restore one from a backup."), path);
      return FALSE;
    }

  page_size = ((guint32) header[16] << 8) | header[17];
  if (page_size == 1)
    page_size = 65536;
  change_counter = read_be32 (header + 24);
  pages = read_be32 (header + 28);
  valid_for = read_be32 (header + 92);

  /* With a write-ahead log beside it, the main file's header may be stale:
   * a crash in the middle of a checkpoint leaves it claiming pages that are
   * still only in the log. Then the size and identity checks are left to
   * the read-only connection, which sees the file with its log. */
  wal_path = g_strconcat (path, "-wal", NULL);
  has_wal = g_stat (wal_path, &wal_st) == 0 && wal_st.st_size > 0;

  if (!has_wal && read_be32 (header + 68) != WM_APPLICATION_ID)
    {
      g_set_error (error, WM_STORE_ERROR, WM_STORE_ERROR_NOT_A_DATABASE,
                   _("“%s” is an SQLite database of another program, not Waymark’s. "
                     "Choose the organisation’s database file."), path);
      return FALSE;
    }
  if ((gint32) read_be32 (header + 60) > WM_SCHEMA_VERSION)
    {
      g_set_error (error, WM_STORE_ERROR, WM_STORE_ERROR_TOO_NEW,
                   _("“%s” was written by a newer version of Waymark (schema %d; this one knows %d). "
                     "It was not changed. Update Waymark to open it."),
                   path, (gint32) read_be32 (header + 60), WM_SCHEMA_VERSION);
      return FALSE;
    }
  /* The in-header size is trustworthy only when its "valid for" stamp
   * matches the change counter; a file shorter than it was cut off. */
  if (page_size < 512 || (st.st_size % page_size) != 0
      || (!has_wal && valid_for == change_counter && (guint64) st.st_size < (guint64) pages * page_size))
    {
      g_set_error (error, WM_STORE_ERROR, WM_STORE_ERROR_NOT_A_DATABASE,
                   _("The database “%s” is incomplete: the file was cut short, perhaps by a failed copy. "
                     "Restore it from a backup."), path);
      return FALSE;
    }
  return TRUE;
}

static int
query_int (sqlite3    *db,
           const char *sql,
           int        *out_value)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);

  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          *out_value = sqlite3_column_int (stmt, 0);
          rc = SQLITE_OK;
        }
    }
  sqlite3_finalize (stmt);
  return rc;
}

/* A read-only connection never checkpoints the WAL into the main file, so
 * this looks at the database as SQLite sees it without writing to it. */
static gboolean
check_with_read_only_connection (const char  *path,
                                 int         *out_version,
                                 GError     **error)
{
  sqlite3 *db = NULL;
  int app_id = 0, version = 0, tables = 0;
  int rc;

  rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL);
  if (rc == SQLITE_OK)
    rc = query_int (db, "PRAGMA application_id", &app_id);
  if (rc == SQLITE_OK)
    rc = query_int (db, "PRAGMA user_version", &version);
  if (rc == SQLITE_OK)
    rc = query_int (db, "SELECT count(*) FROM sqlite_schema", &tables);
  sqlite3_close_v2 (db);

  if (rc != SQLITE_OK || app_id != WM_APPLICATION_ID || version < 1 || tables == 0)
    {
      g_set_error (error, WM_STORE_ERROR, WM_STORE_ERROR_NOT_A_DATABASE,
                   _("“%s” is not a Waymark database, or it is damaged. "
                     "Choose the organisation’s database file, or restore one from a backup."), path);
      return FALSE;
    }
  if (version > WM_SCHEMA_VERSION)
    {
      g_set_error (error, WM_STORE_ERROR, WM_STORE_ERROR_TOO_NEW,
                   _("“%s” was written by a newer version of Waymark (schema %d; this one knows %d). "
                     "It was not changed. Update Waymark to open it."),
                   path, version, WM_SCHEMA_VERSION);
      return FALSE;
    }
  *out_version = version;
  return TRUE;
}

/* SQLite's automatic checkpoint, at its default threshold: the commit that
 * takes the log past it copies the log into the file (a few milliseconds,
 * one save in a hundred or two). A background thread was tried: its
 * checkpoint's sync of the file then slowed the next several saves, which
 * made the slow ones more frequent, if less slow. */
#define CHECKPOINT_PAGES 1000

static gboolean
configure_connection (WmStore  *self,
                      GError  **error)
{
  sqlite3_stmt *stmt = NULL;
  gboolean wal = FALSE;

  /* Defensive mode stops SQL from corrupting the file on purpose
   * (writable_schema and friends); triggers and views in the file are not
   * trusted to run with our privileges. */
  sqlite3_db_config (self->db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
  sqlite3_db_config (self->db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
  sqlite3_extended_result_codes (self->db, 1);
  sqlite3_busy_timeout (self->db, 5000);

  if (sqlite3_prepare_v2 (self->db, "PRAGMA journal_mode = WAL", -1, &stmt, NULL) == SQLITE_OK
      && sqlite3_step (stmt) == SQLITE_ROW)
    wal = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "wal") == 0;
  sqlite3_finalize (stmt);
  if (!wal)
    {
      g_set_error (error, WM_STORE_ERROR, WM_STORE_ERROR_IO,
                   _("The database “%s” could not be switched to write-ahead logging. "
                     "Keep it on a local disk, not a network share."), self->path);
      return FALSE;
    }

  sqlite3_wal_autocheckpoint (self->db, CHECKPOINT_PAGES);

  self->durable = TRUE;
  return wm_store_exec (self,
                        "PRAGMA synchronous = FULL;"
                        "PRAGMA foreign_keys = ON;"
                        "PRAGMA secure_delete = ON;"
                        "PRAGMA temp_store = MEMORY;"
                        "PRAGMA cell_size_check = ON;",
                        error);
}

static gboolean
load_meta (WmStore  *self,
           GError  **error)
{
  guint8 expected_id[WM_DATABASE_ID_SIZE];
  sqlite3_stmt *stmt;
  gboolean have_id = FALSE, have_key = FALSE;

  stmt = wm_store_statement (self, "SELECT key, value FROM meta", error);
  if (stmt == NULL)
    return FALSE;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *key = (const char *) sqlite3_column_text (stmt, 0);

      if (g_strcmp0 (key, "database-id") == 0
          && sqlite3_column_bytes (stmt, 1) == WM_DATABASE_ID_SIZE)
        {
          memcpy (self->database_id, sqlite3_column_blob (stmt, 1), WM_DATABASE_ID_SIZE);
          have_id = TRUE;
        }
      else if (g_strcmp0 (key, "organisation-key") == 0
               && sqlite3_column_bytes (stmt, 1) == sizeof self->organisation_public_key)
        {
          memcpy (self->organisation_public_key, sqlite3_column_blob (stmt, 1),
                  sizeof self->organisation_public_key);
          have_key = TRUE;
        }
      else if (g_strcmp0 (key, "organisation") == 0)
        {
          g_free (self->organisation);
          self->organisation = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
        }
    }
  sqlite3_reset (stmt);

  /* The id is the hash of the organisation key: neither can be replaced
   * without the other, and a new id opens no existing record. */
  if (have_key)
    wm_directory_database_id (self->organisation_public_key, expected_id);
  if (!have_id || !have_key || sodium_memcmp (expected_id, self->database_id, WM_DATABASE_ID_SIZE) != 0)
    {
      g_set_error (error, WM_STORE_ERROR, WM_STORE_ERROR_NOT_A_DATABASE,
                   _("The database “%s” has lost its identity record and cannot be trusted. "
                     "Restore it from a backup."), self->path);
      return FALSE;
    }
  return TRUE;
}

static WmStore *
open_connection (const char  *path,
                 gboolean     create,
                 GError     **error)
{
  g_autoptr(WmStore) self = g_object_new (WM_TYPE_STORE, NULL);
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOFOLLOW | SQLITE_OPEN_EXRESCODE;
  int rc;

  wm_crypto_init ();
  self->path = g_strdup (path);
  if (create)
    flags |= SQLITE_OPEN_CREATE;

  rc = sqlite3_open_v2 (path, &self->db, flags, NULL);
  if (rc != SQLITE_OK)
    {
      wm_store_set_sqlite_error (self, rc, error);
      return NULL;
    }
  if (!configure_connection (self, error))
    return NULL;
  return g_steal_pointer (&self);
}

/**
 * wm_store_open:
 * @path: an existing Waymark database
 *
 * Opens the file and upgrades its schema if it is older than this program.
 * A file that is not Waymark's, is cut short, or is newer is refused with a
 * #WmStoreError and left exactly as it was.
 */
WmStore *
wm_store_open (const char  *path,
               GError     **error)
{
  g_autoptr(WmStore) self = NULL;
  int version = 0;

  g_return_val_if_fail (path != NULL, NULL);

  if (!check_header (path, error))
    return NULL;
  if (!check_with_read_only_connection (path, &version, error))
    return NULL;

  self = open_connection (path, FALSE, error);
  if (self == NULL)
    return NULL;
  if (!wm_schema_migrate (self->db, version, error))
    return NULL;
  self->schema_version = WM_SCHEMA_VERSION;
  if (!load_meta (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

static gboolean
insert_meta (WmStore      *self,
             const char   *key,
             const void   *blob,
             gsize         blob_size,
             const char   *text,
             GError      **error)
{
  sqlite3_stmt *stmt = wm_store_statement (self,
                                           "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
                                           error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (blob != NULL)
    sqlite3_bind_blob (stmt, 2, blob, blob_size, SQLITE_STATIC);
  else
    sqlite3_bind_text (stmt, 2, text, -1, SQLITE_STATIC);
  return wm_store_step_done (self, stmt, error);
}

/**
 * wm_store_create:
 *
 * Creates a new database for an organisation with its first administrator.
 * Refuses to touch an existing file. The file and its directory are private
 * to the user (0600 / 0700).
 */
WmStore *
wm_store_create (const char  *path,
                 const char  *organisation,
                 const char  *admin_name,
                 const char  *admin_passphrase,
                 GError     **error)
{
  g_autoptr(WmStore) self = NULL;
  g_autofree char *directory = NULL;
  g_autofree char *trimmed = NULL;
  int fd;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (organisation != NULL, NULL);
  g_return_val_if_fail (admin_name != NULL, NULL);
  g_return_val_if_fail (admin_passphrase != NULL, NULL);

  trimmed = g_strstrip (g_strdup (organisation));
  if (*trimmed == '\0')
    {
      g_set_error (error, WM_STORE_ERROR, WM_STORE_ERROR_INVALID,
                   _("The organisation needs a name."));
      return NULL;
    }
  if (!wm_passphrase_check (admin_passphrase, admin_name, error))
    return NULL;

  directory = g_path_get_dirname (path);
  if (g_mkdir_with_parents (directory, 0700) != 0)
    {
      g_set_error (error, WM_STORE_ERROR, WM_STORE_ERROR_IO,
                   _("The folder “%s” could not be created. Check its permissions."), directory);
      return NULL;
    }

  /* Create the file ourselves so it is never readable by others, even for a
   * moment; SQLite gives the -wal and -shm files the same mode. */
  fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, WM_STORE_ERROR,
                   saved_errno == EEXIST ? WM_STORE_ERROR_EXISTS : WM_STORE_ERROR_IO,
                   saved_errno == EEXIST
                     ? _("“%s” already exists. Choose another file name; an existing database is never overwritten.")
                     : _("“%s” could not be created. Check the folder’s permissions and free space."),
                   path);
      return NULL;
    }
  close (fd);

  self = open_connection (path, TRUE, error);
  if (self != NULL && wm_schema_migrate (self->db, 0, error))
    {
      g_autoptr(WmSecret) organisation_key = wm_directory_new_organisation_key (self->organisation_public_key);

      wm_directory_database_id (self->organisation_public_key, self->database_id);
      self->schema_version = WM_SCHEMA_VERSION;
      self->organisation = g_strdup (organisation);

      if (wm_store_begin (self, error)
          && insert_meta (self, "database-id", self->database_id, sizeof self->database_id, NULL, error)
          && insert_meta (self, "organisation-key", self->organisation_public_key,
                          sizeof self->organisation_public_key, NULL, error)
          && insert_meta (self, "organisation", NULL, 0, organisation, error)
          && wm_accounts_insert_user (self, admin_name, WM_ROLE_ADMINISTRATOR, admin_passphrase,
                                      organisation_key, error) > 0
          && wm_audit_append (self, 0, "create", 0, 0, "organisation", error)
          && wm_store_commit (self, error)
          /* Leave everything in the main file, so the header already says
           * "Waymark" if the machine stops before the next checkpoint. */
          && wm_store_exec (self, "PRAGMA wal_checkpoint(TRUNCATE)", error))
        return g_steal_pointer (&self);
      wm_store_rollback (self);
    }

  g_clear_object (&self);
  g_unlink (path);
  return NULL;
}

char *
wm_store_dup_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "waymark", "waymark.db", NULL);
}

const char *
wm_store_get_path (WmStore *self)
{
  g_return_val_if_fail (WM_IS_STORE (self), NULL);

  return self->path;
}

const char *
wm_store_get_organisation (WmStore *self)
{
  g_return_val_if_fail (WM_IS_STORE (self), NULL);

  return self->organisation;
}

const guint8 *
wm_store_get_database_id (WmStore *self)
{
  g_return_val_if_fail (WM_IS_STORE (self), NULL);

  return self->database_id;
}

const guint8 *
wm_store_get_organisation_public_key (WmStore *self)
{
  g_return_val_if_fail (WM_IS_STORE (self), NULL);

  return self->organisation_public_key;
}

int
wm_store_get_schema_version (WmStore *self)
{
  g_return_val_if_fail (WM_IS_STORE (self), 0);

  return self->schema_version;
}

sqlite3 *
wm_store_get_db (WmStore *self)
{
  g_return_val_if_fail (WM_IS_STORE (self), NULL);

  return self->db;
}

gint64
wm_store_now (WmStore *self)
{
  g_return_val_if_fail (WM_IS_STORE (self), 0);

  if (self->clock != NULL)
    return self->clock (self->clock_data);
  return g_get_real_time ();
}

void
wm_store_set_clock (WmStore     *self,
                    WmClockFunc  clock,
                    gpointer     user_data)
{
  g_return_if_fail (WM_IS_STORE (self));

  self->clock = clock;
  self->clock_data = user_data;
}

/**
 * wm_store_check_integrity:
 * @faults: (element-type utf8): receives one sentence per fault
 *
 * Runs SQLite's full integrity check. Returns %FALSE with @error only when
 * the check could not run; faults found are appended to @faults.
 */
gboolean
wm_store_check_integrity (WmStore    *self,
                          GPtrArray  *faults,
                          GError    **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (WM_IS_STORE (self), FALSE);
  g_return_val_if_fail (faults != NULL, FALSE);

  rc = sqlite3_prepare_v2 (self->db, "PRAGMA integrity_check", -1, &stmt, NULL);
  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *line = (const char *) sqlite3_column_text (stmt, 0);

      if (g_strcmp0 (line, "ok") != 0)
        g_ptr_array_add (faults, g_strdup_printf (_("Database structure: %s"), line));
      rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      if ((rc & 0xff) == SQLITE_CORRUPT || (rc & 0xff) == SQLITE_NOTADB)
        {
          g_ptr_array_add (faults, g_strdup (_("Database structure: the file is damaged beyond checking")));
          return TRUE;
        }
      wm_store_set_sqlite_error (self, rc, error);
      return FALSE;
    }
  return TRUE;
}

/**
 * wm_store_backup:
 * @destination: a new file
 *
 * Copies the database page by page with SQLite's online backup API while it
 * stays in use. The copy holds the same ciphertext, so it is as encrypted as
 * the original; it is created private to the user and never overwrites.
 */
gboolean
wm_store_backup (WmStore     *self,
                 const char  *destination,
                 GError     **error)
{
  sqlite3 *target = NULL;
  sqlite3_backup *backup;
  int rc, fd;

  g_return_val_if_fail (WM_IS_STORE (self), FALSE);
  g_return_val_if_fail (destination != NULL, FALSE);

  fd = g_open (destination, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, WM_STORE_ERROR,
                   saved_errno == EEXIST ? WM_STORE_ERROR_EXISTS : WM_STORE_ERROR_IO,
                   saved_errno == EEXIST
                     ? _("“%s” already exists. Choose a new file name for the backup.")
                     : _("The backup “%s” could not be created. Check the folder’s permissions and free space."),
                   destination);
      return FALSE;
    }
  close (fd);

  rc = sqlite3_open_v2 (destination, &target, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOFOLLOW, NULL);
  if (rc == SQLITE_OK)
    {
      backup = sqlite3_backup_init (target, "main", self->db, "main");
      if (backup == NULL)
        rc = sqlite3_errcode (target);
      else
        {
          do
            {
              rc = sqlite3_backup_step (backup, 256);
              if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
                sqlite3_sleep (20);
            }
          while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
          rc = sqlite3_backup_finish (backup) == SQLITE_OK && rc == SQLITE_DONE
               ? SQLITE_OK : (rc == SQLITE_DONE ? sqlite3_errcode (target) : rc);
        }
    }
  /* The copy is a single self-contained file: no -wal beside it. */
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (target, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);
  sqlite3_close_v2 (target);

  if (rc != SQLITE_OK)
    {
      g_unlink (destination);
      g_set_error (error, WM_STORE_ERROR, WM_STORE_ERROR_IO,
                   _("The backup to “%s” failed (%s). Check the free space there and try again."),
                   destination, sqlite3_errstr (rc));
      return FALSE;
    }
  return TRUE;
}

/**
 * wm_store_restore_from:
 *
 * Replaces this database's contents with @backup_path, page by page through
 * SQLite's backup API, after checking that the backup is a Waymark database
 * of the same organisation, not newer than this program, and whole. The
 * backup file itself is only read.
 */
gboolean
wm_store_restore_from (WmStore     *self,
                       const char  *backup_path,
                       GError     **error)
{
  g_autoptr(GPtrArray) faults = g_ptr_array_new_with_free_func (g_free);
  sqlite3 *source = NULL;
  sqlite3_stmt *stmt = NULL;
  sqlite3_backup *backup;
  gboolean same_organisation = FALSE;
  int version = 0;
  int rc;

  g_return_val_if_fail (WM_IS_STORE (self), FALSE);
  g_return_val_if_fail (backup_path != NULL, FALSE);

  if (!check_header (backup_path, error)
      || !check_with_read_only_connection (backup_path, &version, error))
    return FALSE;

  rc = sqlite3_open_v2 (backup_path, &source, SQLITE_OPEN_READONLY, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_prepare_v2 (source, "SELECT value FROM meta WHERE key = 'database-id'", -1, &stmt, NULL);
  if (rc == SQLITE_OK && sqlite3_step (stmt) == SQLITE_ROW)
    same_organisation = sqlite3_column_bytes (stmt, 0) == WM_DATABASE_ID_SIZE
                        && memcmp (sqlite3_column_blob (stmt, 0), self->database_id, WM_DATABASE_ID_SIZE) == 0;
  sqlite3_finalize (stmt);
  stmt = NULL;
  if (rc == SQLITE_OK)
    rc = sqlite3_prepare_v2 (source, "PRAGMA integrity_check", -1, &stmt, NULL);
  if (rc == SQLITE_OK && sqlite3_step (stmt) == SQLITE_ROW
      && g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "ok") != 0)
    g_ptr_array_add (faults, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);

  if (rc != SQLITE_OK || faults->len > 0)
    {
      sqlite3_close_v2 (source);
      g_set_error (error, WM_STORE_ERROR, WM_STORE_ERROR_NOT_A_DATABASE,
                   _("The backup “%s” is damaged and was not restored. Choose another backup."), backup_path);
      return FALSE;
    }
  if (!same_organisation)
    {
      sqlite3_close_v2 (source);
      g_set_error (error, WM_STORE_ERROR, WM_STORE_ERROR_INVALID,
                   _("The backup “%s” is of another organisation’s database and was not restored."), backup_path);
      return FALSE;
    }

  wm_store_forget_statements (self);
  backup = sqlite3_backup_init (self->db, "main", source, "main");
  if (backup == NULL)
    rc = sqlite3_errcode (self->db);
  else
    {
      rc = sqlite3_backup_step (backup, -1);
      rc = sqlite3_backup_finish (backup) == SQLITE_OK && rc == SQLITE_DONE ? SQLITE_OK : rc;
    }
  sqlite3_close_v2 (source);
  if (rc != SQLITE_OK)
    {
      wm_store_set_sqlite_error (self, rc, error);
      return FALSE;
    }

  return configure_connection (self, error)
         && wm_schema_migrate (self->db, version, error)
         && load_meta (self, error);
}
