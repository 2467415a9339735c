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

#include "wm-freshness.h"
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
  guint64      transaction_serial;  /* outermost transactions begun */
  gboolean     durable;  /* PRAGMA synchronous is FULL (else NORMAL) */
  gboolean     read_only;  /* nobody here can write the file: see choose_open_mode() */

  WmClockFunc  clock;
  gpointer     clock_data;

  /* Waiting for another connection's write; see busy_cb(). */
  guint               busy_timeout_ms;
  gint64              busy_since;  /* monotonic time the current wait began */
  gboolean            busy_told;   /* the owner was told of this wait */
  WmStoreWaitingFunc  waiting;
  gpointer            waiting_data;
};

G_DEFINE_FINAL_TYPE (WmStore, wm_store, G_TYPE_OBJECT)

G_DEFINE_QUARK (wm-store-error-quark, wm_store_error)

#define SQLITE_HEADER_SIZE 100

/* Another Waymark writing (a large demo batch, a restore) holds the write
 * lock for seconds, so a statement waits for it rather than fail at once:
 * up to a minute, and after a second the owner is told, so a person does
 * not look at a program that seems stuck. */
#define BUSY_TIMEOUT_MS 60000
#define BUSY_TELL_AFTER_USEC G_USEC_PER_SEC

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
  self->busy_timeout_ms = BUSY_TIMEOUT_MS;
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
  if (!wm_store_check_writable (self, error))
    return FALSE;

  /* The setting is the connection's: change it only when it differs. The
   * pragma takes effect when SQLite prepares it, not reliably each time a
   * kept statement of it runs, so it is never a kept statement. */
  if (self->transaction_depth == 0 && self->durable != durable)
    {
      if (!wm_store_exec (self, durable ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = NORMAL", error))
        return FALSE;
      self->durable = durable;
    }
  if (self->transaction_depth == 0 && !exec_prepared (self, "BEGIN IMMEDIATE", error))
    return FALSE;
  if (self->transaction_depth == 0)
    self->transaction_serial++;
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

/* Which outermost transaction is open: what was read in it stays true
 * until it ends, as nothing else writes meanwhile (BEGIN IMMEDIATE). 0
 * before the first. */
guint64
wm_store_get_transaction (WmStore *self)
{
  return self->transaction_depth > 0 ? self->transaction_serial : 0;
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

/* A light transaction is over: the connection goes back to durable commits
 * at once, not at the next wm_store_begin(), so that nothing else written
 * on it (a statement outside a transaction, a migration, a checkpoint) is
 * committed with the light setting. Like begin_with(), not with a kept
 * statement (see there). If it fails, begin_with() tries again. */
static void
end_light (WmStore *self)
{
  if (self->transaction_depth == 0 && !self->durable
      && sqlite3_exec (self->db, "PRAGMA synchronous = FULL", NULL, NULL, NULL) == SQLITE_OK)
    self->durable = TRUE;
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
  end_light (self);
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
  end_light (self);
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

/* How the file is opened. A database that nobody here can write (a
 * write-protected file, a read-only folder or disk, a copy on a DVD) is
 * still read: "user list" and "audit --verify" need no writing. But
 * SQLite's ordinary read-only connection to a WAL database needs the
 * -shm file (the log's index) beside it: it creates that and an empty
 * -wal with the database's own mode (0444 for a write-protected file) and
 * leaves both behind, since only a writer removes them; in a folder it
 * cannot write it cannot read at all. So when nobody can write the file
 * while we read it, and no committed transaction waits in its -wal, it is
 * opened "immutable": SQLite reads the main file alone, takes no locks
 * and creates nothing. That would be unsafe if another program could
 * write meanwhile (a page could change under a read) or if the -wal held
 * commits (they would be missed); then the ordinary read-only connection
 * is used, and its -shm left behind is the price. */
typedef enum
{
  OPEN_READ_WRITE,
  OPEN_READ_ONLY,
  OPEN_IMMUTABLE,
} OpenMode;

/* Whether this process may write @path. A file or folder with no write
 * permission at all, or on a read-only file system, is written by nobody:
 * root could write a write-protected file, but its owner asked for it to
 * be left alone. */
static gboolean
can_write (const char        *path,
           const struct stat *st,
           gboolean          *out_nobody_can)
{
  int saved_errno = access (path, W_OK) == 0 ? 0 : errno;

  *out_nobody_can = saved_errno == EROFS || (st->st_mode & 0222) == 0;
  return saved_errno == 0 && !*out_nobody_can;
}

static OpenMode
choose_open_mode (const char *path)
{
  g_autofree char *folder = g_path_get_dirname (path);
  g_autofree char *wal_path = g_strconcat (path, "-wal", NULL);
  struct stat file_st, folder_st, wal_st;
  gboolean nobody_writes_file, nobody_writes_folder;
  gboolean file_writable, folder_writable, has_wal;

  /* A missing file is the header check's to report. */
  if (g_stat (path, &file_st) != 0 || g_stat (folder, &folder_st) != 0)
    return OPEN_READ_WRITE;

  file_writable = can_write (path, &file_st, &nobody_writes_file);
  folder_writable = can_write (folder, &folder_st, &nobody_writes_folder);
  if (file_writable && folder_writable)
    return OPEN_READ_WRITE;

  /* A writer needs the file, and a -wal in the folder: one it can create,
   * or one already there. */
  has_wal = g_stat (wal_path, &wal_st) == 0;
  if ((!has_wal || wal_st.st_size == 0)
      && (nobody_writes_file || (nobody_writes_folder && !has_wal)))
    return OPEN_IMMUTABLE;
  return OPEN_READ_ONLY;
}

/**
 * wm_store_harden_connection:
 *
 * The file is untrusted, and SQL kept in it would run with Waymark's
 * hands: a trigger planted in it runs inside Waymark's own transactions (it
 * could delete audit entries as they are written, or undo every edit), and
 * a view could stand in for a table. So on every connection to a file,
 * before anything is read from it, triggers and views are switched off
 * (only a TEMP trigger, which lives in the connection and never in the
 * file, could still run; foreign-key actions are not triggers and still
 * cascade), functions with side effects may not be called from the
 * schema, and defensive mode stops SQL from corrupting the file on
 * purpose (writable_schema and friends). The schema itself is checked
 * against the migrations at open (check_with_read_only_connection()).
 *
 * Returns: %TRUE when every setting took
 */
gboolean
wm_store_harden_connection (sqlite3 *db)
{
  int defensive = 0, trusted_schema = 1, triggers = 1, views = 1;

  g_return_val_if_fail (db != NULL, FALSE);

  return sqlite3_db_config (db, SQLITE_DBCONFIG_DEFENSIVE, 1, &defensive) == SQLITE_OK
         && sqlite3_db_config (db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, &trusted_schema) == SQLITE_OK
         && sqlite3_db_config (db, SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, &triggers) == SQLITE_OK
         && sqlite3_db_config (db, SQLITE_DBCONFIG_ENABLE_VIEW, 0, &views) == SQLITE_OK
         && defensive == 1 && trusted_schema == 0 && triggers == 0 && views == 0;
}

static int
open_sqlite (const char  *path,
             OpenMode     mode,
             int          extra_flags,
             sqlite3    **out_db)
{
  g_autofree char *uri = NULL;
  int flags = SQLITE_OPEN_EXRESCODE | extra_flags;
  int rc;

  if (mode == OPEN_IMMUTABLE)
    {
      g_autofree char *absolute = g_canonicalize_filename (path, NULL);
      g_autofree char *file_uri = g_filename_to_uri (absolute, NULL, NULL);

      /* An absolute path always makes a URI; SQLite undoes its escapes. */
      g_assert (file_uri != NULL);
      uri = g_strconcat (file_uri, "?immutable=1", NULL);
      flags |= SQLITE_OPEN_URI;
    }
  flags |= mode == OPEN_READ_WRITE ? SQLITE_OPEN_READWRITE : SQLITE_OPEN_READONLY;
  rc = sqlite3_open_v2 (uri != NULL ? uri : path, out_db, flags, NULL);
  if (rc == SQLITE_OK && !wm_store_harden_connection (*out_db))
    rc = SQLITE_MISUSE;
  return rc;
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
 * this looks at the database as SQLite sees it without writing to it.
 *
 * Its schema must be exactly the one the migrations make for its version:
 * an extra trigger, view, index or table, or a table with a column added
 * or a constraint changed, was put there by someone else, and is refused
 * before Waymark writes to the file. (Files older than the first signed
 * schema are refused by wm_store_open() for that, with their own message.) */
static gboolean
check_with_read_only_connection (const char  *path,
                                 OpenMode     mode,
                                 int         *out_version,
                                 GError     **error)
{
  g_autoptr(GBytes) schema = NULL;
  sqlite3 *db = NULL;
  int app_id = 0, version = 0, tables = 0;
  int rc;

  rc = open_sqlite (path, mode == OPEN_IMMUTABLE ? OPEN_IMMUTABLE : OPEN_READ_ONLY, 0, &db);
  /* Another program writing (or a reader rebuilding the log's index) holds
   * a lock for a moment: wait for it as the store's own connection does,
   * rather than take a busy file for a damaged one. */
  if (rc == SQLITE_OK)
    rc = sqlite3_busy_timeout (db, BUSY_TIMEOUT_MS);
  if (rc == SQLITE_OK)
    rc = query_int (db, "PRAGMA application_id", &app_id);
  if (rc == SQLITE_OK)
    rc = query_int (db, "PRAGMA user_version", &version);
  if (rc == SQLITE_OK)
    rc = query_int (db, "SELECT count(*) FROM sqlite_schema", &tables);
  if (rc == SQLITE_OK && version >= WM_SCHEMA_FIRST_SIGNED && version <= WM_SCHEMA_VERSION)
    schema = wm_schema_describe (db, &rc);
  sqlite3_close_v2 (db);

  if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED)
    {
      g_set_error (error, WM_STORE_ERROR, WM_STORE_ERROR_IO,
                   _("The database “%s” is busy in another program. Try again in a moment."), path);
      return FALSE;
    }
  /* Not allowed to read is not the same as not a database. */
  if ((rc & 0xff) == SQLITE_CANTOPEN || (rc & 0xff) == SQLITE_READONLY || (rc & 0xff) == SQLITE_PERM)
    {
      g_set_error (error, WM_STORE_ERROR, WM_STORE_ERROR_IO,
                   _("The database “%s” cannot be opened. Check the file’s permissions."), path);
      return FALSE;
    }
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
  if (schema != NULL)
    {
      GBytes *expected = wm_schema_expected (version);

      if (expected == NULL || !g_bytes_equal (schema, expected))
        {
          g_set_error (error, WM_STORE_ERROR, WM_STORE_ERROR_NOT_A_DATABASE,
                       _("The database “%s” holds tables, indexes, triggers or views that Waymark did not "
                         "make: it was changed outside Waymark, and SQL planted in it could alter records "
                         "or the audit log. It was left as it was. Restore it from a backup."),
                       path);
          return FALSE;
        }
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

/* SQLite's busy handler: called while another connection holds the lock
 * a statement needs, @n_calls times before in this wait. Sleeps a little
 * longer each time, up to a tenth of a second, tells the owner once when
 * the wait passes a second, and gives up after the timeout, when the
 * statement fails with SQLITE_BUSY. */
static int
busy_cb (void *data,
         int   n_calls)
{
  static const int sleep_ms[] = { 1, 2, 5, 10, 20, 50, 100 };
  WmStore *self = data;
  gint64 now = g_get_monotonic_time ();

  if (n_calls == 0)
    {
      self->busy_since = now;
      self->busy_told = FALSE;
    }
  if (now - self->busy_since >= (gint64) self->busy_timeout_ms * 1000)
    return 0;
  if (!self->busy_told && now - self->busy_since >= BUSY_TELL_AFTER_USEC)
    {
      self->busy_told = TRUE;
      if (self->waiting != NULL)
        self->waiting (self, self->waiting_data);
    }
  sqlite3_sleep (sleep_ms[MIN ((guint) n_calls, G_N_ELEMENTS (sleep_ms) - 1)]);
  return 1;
}

static gboolean
configure_connection (WmStore  *self,
                      GError  **error)
{
  sqlite3_stmt *stmt = NULL;
  gboolean wal = FALSE;

  /* open_sqlite() did this already; a restore comes back here after it
   * replaced the file's pages, and the settings must hold whatever path
   * led here. */
  if (!wm_store_harden_connection (self->db))
    {
      wm_store_set_sqlite_error (self, SQLITE_MISUSE, error);
      return FALSE;
    }
  sqlite3_extended_result_codes (self->db, 1);
  sqlite3_busy_handler (self->db, busy_cb, self);

  /* A read-only file stays as it is; it was written in WAL mode. */
  if (self->read_only)
    wal = TRUE;
  else if (sqlite3_prepare_v2 (self->db, "PRAGMA journal_mode = WAL", -1, &stmt, NULL) == SQLITE_OK
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
                 OpenMode     mode,
                 gboolean     create,
                 GError     **error)
{
  g_autoptr(WmStore) self = g_object_new (WM_TYPE_STORE, NULL);
  int rc;

  wm_crypto_init ();
  self->path = g_strdup (path);
  self->read_only = mode != OPEN_READ_WRITE;

  rc = open_sqlite (path, mode, SQLITE_OPEN_NOFOLLOW | (create ? SQLITE_OPEN_CREATE : 0), &self->db);
  if (rc != SQLITE_OK)
    {
      wm_store_set_sqlite_error (self, rc, error);
      return NULL;
    }
  if (!configure_connection (self, error))
    return NULL;
  return g_steal_pointer (&self);
}

/* Everything that refuses a file once SQLite has read it, before anything
 * is written to it. */
static gboolean
check_before_writing (const char  *path,
                      OpenMode     mode,
                      int         *out_version,
                      GError     **error)
{
  int version = 0;

  if (!check_with_read_only_connection (path, mode, &version, error))
    return FALSE;
  /* Versions 1 and 2 were development versions whose records, keys and
   * audit entries carry no signatures. Nothing can vouch for them after
   * the fact (a signature added now would sign whatever an attacker left
   * there), so they are refused, untouched, rather than upgraded. */
  if (version > 0 && version < WM_SCHEMA_FIRST_SIGNED)
    {
      g_set_error (error, WM_STORE_ERROR, WM_STORE_ERROR_TOO_OLD,
                   _("The database “%s” was made by a development version of Waymark (format %d), before "
                     "records were signed, and this version cannot vouch for it. It was left as it was. "
                     "Create a new database with “waymark-cli init”."),
                   path, version);
      return FALSE;
    }
  if (mode != OPEN_READ_WRITE && version < WM_SCHEMA_VERSION)
    {
      g_set_error (error, WM_STORE_ERROR, WM_STORE_ERROR_IO,
                   _("The database “%s” was made by an older Waymark and must be upgraded, which "
                     "needs it writable. Make the file and its folder writable, then try again."),
                   path);
      return FALSE;
    }
  *out_version = version;
  return TRUE;
}

static gboolean
has_log_files (const char *path)
{
  static const char *const suffixes[] = { "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *name = g_strconcat (path, suffixes[i], NULL);

      if (g_file_test (name, G_FILE_TEST_EXISTS))
        return TRUE;
    }
  return FALSE;
}

/* SQLite's read-only connection to a WAL file creates an empty -wal and
 * its -shm index to read it, and leaves both: only a connection that can
 * write removes them, as the last one to close the file. So when a file
 * is refused and neither was there before, such a connection opens it,
 * reads its header and closes, and SQLite removes the two as it does for
 * any last connection. The log it finds is empty, so nothing is copied
 * into the file; should another program have the file open by now, or
 * have written to the log, they are left for it. */
static void
remove_own_log_files (const char *path)
{
  g_autofree char *wal_path = g_strconcat (path, "-wal", NULL);
  g_autofree char *journal_path = g_strconcat (path, "-journal", NULL);
  struct stat wal_st;
  sqlite3 *db = NULL;
  int version = 0;

  if (g_stat (wal_path, &wal_st) != 0 || wal_st.st_size != 0
      || g_file_test (journal_path, G_FILE_TEST_EXISTS))
    return;
  if (open_sqlite (path, OPEN_READ_WRITE, SQLITE_OPEN_NOFOLLOW, &db) == SQLITE_OK)
    query_int (db, "PRAGMA user_version", &version);
  sqlite3_close_v2 (db);
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
  gboolean log_was_there;
  OpenMode mode;
  int version = 0;

  g_return_val_if_fail (path != NULL, NULL);

  if (!check_header (path, error))
    return NULL;
  mode = choose_open_mode (path);
  log_was_there = has_log_files (path);
  if (!check_before_writing (path, mode, &version, error))
    {
      if (mode == OPEN_READ_WRITE && !log_was_there)
        remove_own_log_files (path);
      return NULL;
    }

  self = open_connection (path, mode, FALSE, error);
  if (self == NULL)
    return NULL;
  if (!self->read_only && !wm_schema_migrate (self->db, version, error))
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

  self = open_connection (path, OPEN_READ_WRITE, TRUE, error);
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
 * wm_store_set_waiting_func:
 * @waiting: (nullable): called when a statement has waited a second for
 *   another program's write; it must not use the store
 *
 * The store itself never talks to a person: its owner says what waiting
 * looks like (a line on a terminal, a banner in a window).
 */
void
wm_store_set_waiting_func (WmStore            *self,
                           WmStoreWaitingFunc  waiting,
                           gpointer            user_data)
{
  g_return_if_fail (WM_IS_STORE (self));

  self->waiting = waiting;
  self->waiting_data = user_data;
}

/**
 * wm_store_set_busy_timeout:
 * @timeout_ms: how long a statement waits for another program's write
 *   before it fails; a minute unless set
 */
void
wm_store_set_busy_timeout (WmStore *self,
                           guint    timeout_ms)
{
  g_return_if_fail (WM_IS_STORE (self));

  self->busy_timeout_ms = timeout_ms;
}

/**
 * wm_store_check_writable:
 *
 * A file nobody here can write is opened read-only (see
 * choose_open_mode()): it can be read without an account, but nobody can
 * sign in, since a sign-in is recorded in it. Every transaction starts
 * here; callers use it to refuse before they ask for a passphrase that
 * could not be used.
 *
 * Returns: %TRUE when the database can be written, else %FALSE with a
 *   message that says so
 */
gboolean
wm_store_check_writable (WmStore  *self,
                         GError  **error)
{
  g_return_val_if_fail (WM_IS_STORE (self), FALSE);

  if (!self->read_only)
    return TRUE;
  g_set_error (error, WM_STORE_ERROR, WM_STORE_ERROR_IO,
               _("The database “%s” is read-only, and Waymark must record every sign-in and change "
                 "in it. Make the file and its folder writable, then try again."),
               self->path);
  return FALSE;
}

/**
 * wm_store_check_not_itself:
 * @path: a file to restore from
 *
 * Compares the files, not their names, so another relative path, a
 * symbolic or a hard link to the database is caught too. Restoring the
 * database onto itself would copy pages onto the pages being read.
 *
 * Returns: %TRUE unless @path is this database's own file
 */
gboolean
wm_store_check_not_itself (WmStore     *self,
                           const char  *path,
                           GError     **error)
{
  struct stat own, other;

  g_return_val_if_fail (WM_IS_STORE (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  /* A file that cannot be looked at is reported by whoever opens it. */
  if (g_stat (self->path, &own) != 0 || g_stat (path, &other) != 0
      || own.st_dev != other.st_dev || own.st_ino != other.st_ino)
    return TRUE;

  g_set_error (error, WM_STORE_ERROR, WM_STORE_ERROR_INVALID,
               _("“%s” is the database itself, not a backup of it. Choose the backup file to restore "
                 "from."), path);
  return FALSE;
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
  if (fd < 0 && errno == ENOENT)
    {
      g_autofree char *folder = g_path_get_dirname (destination);

      g_set_error (error, WM_STORE_ERROR, WM_STORE_ERROR_NOT_FOUND,
                   _("The folder “%s” does not exist. Create it or choose another."), folder);
      return FALSE;
    }
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

/* ---- Restore ------------------------------------------------------------ */

/* Reads the database id and organisation key straight from a file's meta
 * table, before Waymark opens it as a store. */
static gboolean
read_identity (sqlite3 *db,
               guint8  *out_id,
               guint8  *out_key)
{
  sqlite3_stmt *stmt = NULL;
  int found = 0;

  if (sqlite3_prepare_v2 (db, "SELECT key, value FROM meta WHERE key IN ('database-id', 'organisation-key')",
                          -1, &stmt, NULL) != SQLITE_OK)
    return FALSE;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *key = (const char *) sqlite3_column_text (stmt, 0);
      int size = sqlite3_column_bytes (stmt, 1);

      if (g_strcmp0 (key, "database-id") == 0 && size == WM_DATABASE_ID_SIZE)
        {
          memcpy (out_id, sqlite3_column_blob (stmt, 1), WM_DATABASE_ID_SIZE);
          found |= 1;
        }
      else if (g_strcmp0 (key, "organisation-key") == 0 && size == 32)
        {
          memcpy (out_key, sqlite3_column_blob (stmt, 1), 32);
          found |= 2;
        }
    }
  sqlite3_finalize (stmt);
  return found == 3;
}

static void
remove_database_files (const char *path)
{
  static const char *const suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *name = g_strconcat (path, suffixes[i], NULL);

      g_unlink (name);
    }
}

static void
set_backup_damaged_error (const char  *backup_path,
                          GError     **error)
{
  g_set_error (error, WM_STORE_ERROR, WM_STORE_ERROR_NOT_A_DATABASE,
               _("The backup “%s” is damaged and was not restored. Choose another backup."), backup_path);
}

/* Copies @source into the new, empty file @path through SQLite's backup
 * API: a consistent copy of the backup, its -wal included, which Waymark
 * can then open and check as a database of its own. */
static int
copy_database (sqlite3    *source,
               const char *path)
{
  sqlite3 *target = NULL;
  sqlite3_backup *backup;
  int rc;

  rc = sqlite3_open_v2 (path, &target, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOFOLLOW, NULL);
  if (rc == SQLITE_OK)
    {
      backup = sqlite3_backup_init (target, "main", source, "main");
      if (backup == NULL)
        rc = sqlite3_errcode (target);
      else
        {
          rc = sqlite3_backup_step (backup, -1);
          rc = sqlite3_backup_finish (backup) == SQLITE_OK && rc == SQLITE_DONE ? SQLITE_OK
                                                                                : (rc == SQLITE_DONE ? SQLITE_ERROR : rc);
        }
    }
  sqlite3_close_v2 (target);
  return rc;
}

/* Opens the copy as Waymark opens any database (header, schema and
 * identity checks included) and checks everything a restore relies on:
 * the file's structure, that the directory and every account row are as
 * an administrator signed them, and that the audit chain and each of its
 * signatures hold. Nothing here writes to the live database. */
static WmStore *
open_checked_copy (WmStore              *self,
                   const char           *copy_path,
                   const char           *backup_path,
                   const WmAuditSigner  *signer,
                   gint64               *out_epoch,
                   GError              **error)
{
  g_autoptr(WmStore) copy = NULL;
  g_autoptr(GPtrArray) faults = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) local_error = NULL;
  g_autoptr(WmAccount) account = NULL;
  guint8 listed[32], own[32];

  copy = wm_store_open (copy_path, &local_error);
  if (copy == NULL)
    {
      if (g_error_matches (local_error, WM_STORE_ERROR, WM_STORE_ERROR_TOO_OLD))
        g_set_error (error, WM_STORE_ERROR, WM_STORE_ERROR_TOO_OLD,
                     _("The backup “%s” was made by a development version of Waymark, before records were "
                       "signed, and was not restored. Choose a newer backup."), backup_path);
      else if (g_error_matches (local_error, WM_STORE_ERROR, WM_STORE_ERROR_IO))
        g_set_error (error, WM_STORE_ERROR, WM_STORE_ERROR_IO,
                     _("The backup “%s” could not be copied next to the database to be checked, and was "
                       "not restored. Check the free space there and try again."), backup_path);
      else
        set_backup_damaged_error (backup_path, error);
      return NULL;
    }
  if (memcmp (wm_store_get_database_id (copy), self->database_id, WM_DATABASE_ID_SIZE) != 0
      || memcmp (wm_store_get_organisation_public_key (copy), self->organisation_public_key,
                 sizeof self->organisation_public_key) != 0)
    {
      g_set_error (error, WM_STORE_ERROR, WM_STORE_ERROR_INVALID,
                   _("The backup “%s” is of another organisation’s database and was not restored."), backup_path);
      return NULL;
    }

  if (!wm_store_check_integrity (copy, faults, &local_error) || faults->len > 0)
    {
      set_backup_damaged_error (backup_path, error);
      return NULL;
    }
  {
    sqlite3_stmt *stmt = NULL;
    gboolean dangling = TRUE;

    if (sqlite3_prepare_v2 (copy->db, "PRAGMA foreign_key_check", -1, &stmt, NULL) == SQLITE_OK)
      dangling = sqlite3_step (stmt) != SQLITE_DONE;
    sqlite3_finalize (stmt);
    if (dangling)
      {
        set_backup_damaged_error (backup_path, error);
        return NULL;
      }
  }

  if (!wm_directory_check_head (copy, out_epoch, &local_error)
      || !wm_store_check_directory (copy, faults, &local_error) || faults->len > 0)
    {
      g_set_error (error, WM_STORE_ERROR, WM_STORE_ERROR_CORRUPT,
                   _("The backup “%s” was changed outside Waymark: its list of staff accounts is not as an "
                     "administrator signed it. It was not restored. Choose another backup."),
                   backup_path);
      return NULL;
    }
  if (!wm_audit_verify_chain (copy, faults, &local_error))
    {
      g_set_error (error, WM_STORE_ERROR, WM_STORE_ERROR_CORRUPT,
                   _("The backup “%s” was changed outside Waymark: its audit log is broken or holds entries "
                     "nobody signed (%s). It was not restored. Choose another backup."),
                   backup_path,
                   faults->len > 0 ? (const char *) g_ptr_array_index (faults, 0)
                                   : (local_error ? local_error->message : ""));
      return NULL;
    }

  /* The restored file is signed by whoever restores it, so they must be an
   * active administrator in it, with the keys they hold now: otherwise
   * their signatures there would not verify. */
  if (signer == NULL)
    return g_steal_pointer (&copy);
  crypto_sign_ed25519_sk_to_pk (own, wm_secret_get_data (signer->signing_key));
  account = wm_accounts_load (copy, NULL, signer->user_id, NULL);
  if (account == NULL || account->role != WM_ROLE_ADMINISTRATOR || account->disabled
      || account->key_generation != signer->generation
      || !wm_directory_lookup_signing_key (copy, signer->user_id, signer->generation, listed)
      || sodium_memcmp (listed, own, sizeof own) != 0)
    {
      g_set_error (error, WM_STORE_ERROR, WM_STORE_ERROR_PERMISSION,
                   _("The backup “%s” was not restored: in it, your account is not an administrator with "
                     "the keys you have now. Ask an administrator who was one when the backup was made to "
                     "restore it."),
                   backup_path);
      return NULL;
    }
  return g_steal_pointer (&copy);
}

static gint64
query_int64 (sqlite3    *db,
             const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value = 0;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK && sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

/* Runs SQL built with sqlite3_mprintf(): table names are quoted with %w. */
static gboolean
exec_printf (WmStore     *self,
             GError     **error,
             const char  *format,
             ...)
{
  va_list args;
  char *sql;
  int rc;

  va_start (args, format);
  sql = sqlite3_vmprintf (format, args);
  va_end (args);
  rc = sql != NULL ? sqlite3_exec (self->db, sql, NULL, NULL, NULL) : SQLITE_NOMEM;
  sqlite3_free (sql);
  if (rc != SQLITE_OK)
    {
      wm_store_set_sqlite_error (self, rc, error);
      return FALSE;
    }
  return TRUE;
}

static GPtrArray *
list_names (sqlite3    *db,
            const char *sql)
{
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK)
    while (sqlite3_step (stmt) == SQLITE_ROW)
      g_ptr_array_add (names, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);
  return names;
}

/* The tables in an order where each comes after every table it refers to
 * (a table's references to itself aside): rows are inserted in it and
 * deleted in reverse, so that no foreign key is ever left dangling, even
 * for a moment. (SQLite's deferred check, which would allow any order,
 * still fails a commit after a child row was inserted before its parent.) */
static GPtrArray *
order_by_references (sqlite3   *db,
                     GPtrArray *tables)
{
  GPtrArray *ordered = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) placed = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) parents = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, "SELECT DISTINCT \"table\" FROM pragma_foreign_key_list(?1, 'wm_restore')",
                          -1, &stmt, NULL) != SQLITE_OK)
    stmt = NULL;
  for (guint i = 0; i < tables->len; i++)
    {
      GPtrArray *refs = g_ptr_array_new_with_free_func (g_free);

      if (stmt != NULL)
        {
          sqlite3_bind_text (stmt, 1, g_ptr_array_index (tables, i), -1, SQLITE_STATIC);
          while (sqlite3_step (stmt) == SQLITE_ROW)
            g_ptr_array_add (refs, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
          sqlite3_reset (stmt);
        }
      g_ptr_array_add (parents, refs);
    }
  sqlite3_finalize (stmt);

  while (ordered->len < tables->len)
    {
      gboolean progress = FALSE;

      for (guint i = 0; i < tables->len; i++)
        {
          const char *table = g_ptr_array_index (tables, i);
          GPtrArray *refs = g_ptr_array_index (parents, i);
          gboolean ready = !g_hash_table_contains (placed, table);

          for (guint r = 0; ready && r < refs->len; r++)
            {
              const char *parent = g_ptr_array_index (refs, r);
              guint index;

              ready = g_strcmp0 (parent, table) == 0 || g_hash_table_contains (placed, parent)
                      || !g_ptr_array_find_with_equal_func (tables, parent, g_str_equal, &index);
            }
          if (ready)
            {
              g_ptr_array_add (ordered, g_strdup (table));
              g_hash_table_add (placed, g_ptr_array_index (ordered, ordered->len - 1));
              progress = TRUE;
            }
        }
      /* A cycle: the rest in any order, left to the deferred check. */
      for (guint i = 0; !progress && i < tables->len; i++)
        if (!g_hash_table_contains (placed, g_ptr_array_index (tables, i)))
          {
            g_ptr_array_add (ordered, g_strdup (g_ptr_array_index (tables, i)));
            g_hash_table_add (placed, g_ptr_array_index (ordered, ordered->len - 1));
          }
    }
  return ordered;
}

/* Inside the restore's transaction, with the checked copy attached as
 * wm_restore: replaces every table's rows with the copy's, keeps every
 * AUTOINCREMENT counter at least where either file had it, and records
 * what was replaced, signed, with the directory signed anew above both. */
static gboolean
replace_contents (WmStore              *self,
                  const WmAuditSigner  *signer,
                  WmSecret             *organisation_key,
                  gint64                backup_epoch,
                  GError              **error)
{
  g_autoptr(GPtrArray) tables = NULL;
  g_autoptr(GPtrArray) counted = NULL;
  g_autofree char *detail = NULL;
  guint8 live_head[32], backup_head[32];
  char live_hex[65], backup_hex[65];
  gint64 live_count = 0, backup_count = 0, live_epoch, seen_epoch = 0, seen_count = 0, seq;
  sqlite3_stmt *stmt = NULL;

  /* What is being replaced, read under the write lock, so that nothing
   * written by another program in between is missed. */
  if (!wm_audit_get_tail (self, &live_count, live_head, NULL))
    memset (live_head, 0, sizeof live_head);
  live_epoch = query_int64 (self->db, "SELECT value FROM main.meta WHERE key = 'directory-epoch'");
  wm_freshness_get_seen (self, &seen_epoch, &seen_count);
  backup_count = query_int64 (self->db, "SELECT coalesce(max(seq), 0) FROM wm_restore.audit");
  if (sqlite3_prepare_v2 (self->db, "SELECT hash FROM wm_restore.audit ORDER BY seq DESC LIMIT 1",
                          -1, &stmt, NULL) == SQLITE_OK
      && sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_bytes (stmt, 0) == 32)
    memcpy (backup_head, sqlite3_column_blob (stmt, 0), 32);
  else
    memset (backup_head, 0, sizeof backup_head);
  sqlite3_finalize (stmt);

  /* A counter an attacker lowered in the live file is raised to the ids it
   * holds first; deleting rows never lowers one. */
  counted = list_names (self->db,
                        "SELECT s.name FROM main.sqlite_sequence s "
                        "JOIN main.sqlite_schema t ON t.type = 'table' AND t.name = s.name");
  for (guint i = 0; i < counted->len; i++)
    if (!exec_printf (self, error,
                      "UPDATE main.sqlite_sequence SET seq = max(seq, coalesce((SELECT max(rowid) FROM main.\"%w\"), 0)) "
                      "WHERE name = %Q",
                      (const char *) g_ptr_array_index (counted, i), (const char *) g_ptr_array_index (counted, i)))
      return FALSE;

  {
    g_autoptr(GPtrArray) names = list_names (self->db,
                                             "SELECT name FROM wm_restore.sqlite_schema "
                                             "WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' "
                                             "ORDER BY name");

    tables = order_by_references (self->db, names);
  }
  if (!wm_store_exec (self, "PRAGMA defer_foreign_keys = ON", error))
    return FALSE;
  for (guint i = tables->len; i > 0; i--)
    if (!exec_printf (self, error, "DELETE FROM main.\"%w\"", (const char *) g_ptr_array_index (tables, i - 1)))
      return FALSE;
  /* Inserting a row with its id raises the table's counter to it, and the
   * counter never goes below what the live file had issued. */
  for (guint i = 0; i < tables->len; i++)
    if (!exec_printf (self, error, "INSERT INTO main.\"%w\" SELECT * FROM wm_restore.\"%w\"",
                      (const char *) g_ptr_array_index (tables, i), (const char *) g_ptr_array_index (tables, i)))
      return FALSE;
  if (!wm_store_exec (self,
                      "INSERT INTO main.sqlite_sequence (name, seq) "
                      "SELECT name, seq FROM wm_restore.sqlite_sequence r "
                      "WHERE NOT EXISTS (SELECT 1 FROM main.sqlite_sequence m WHERE m.name = r.name);"
                      "UPDATE main.sqlite_sequence SET seq = max(seq, coalesce((SELECT r.seq FROM "
                      "wm_restore.sqlite_sequence r WHERE r.name = main.sqlite_sequence.name), 0));",
                      error))
    return FALSE;

  /* The directory is signed anew with a counter above every one either
   * file had and this device saw, so other devices take the restored file
   * for newer, not for rolled back. */
  if (!exec_printf (self, error, "UPDATE main.meta SET value = %lld WHERE key = 'directory-epoch'",
                    (long long) MAX (MAX (live_epoch, backup_epoch), seen_epoch))
      || !wm_directory_sign_head (self, organisation_key, error))
    return FALSE;

  /* The restore's entry is numbered beyond every entry the replaced log
   * held, and names what it replaced. */
  sodium_bin2hex (live_hex, sizeof live_hex, live_head, sizeof live_head);
  sodium_bin2hex (backup_hex, sizeof backup_hex, backup_head, sizeof backup_head);
  detail = g_strdup_printf ("replaced audit head %s at %lld entries, directory epoch %lld, "
                            "with a backup whose audit head is %s at %lld entries, directory epoch %lld",
                            live_hex, (long long) live_count, (long long) live_epoch,
                            backup_hex, (long long) backup_count, (long long) backup_epoch);
  seq = MAX (MAX (live_count, backup_count), seen_count) + 1;
  return wm_audit_append_restore (self, signer, seq, detail, error);
}

/* Copies the backup next to the live file and checks the copy (see
 * open_checked_copy()); @signer may be %NULL to check the backup alone.
 * Returns the copy's path, or %NULL with nothing left behind. */
static char *
prepare_checked_copy (WmStore              *self,
                      const char           *backup_path,
                      const WmAuditSigner  *signer,
                      gint64               *out_epoch,
                      GError              **error)
{
  g_autoptr(WmStore) copy = NULL;
  g_autofree char *copy_path = NULL;
  guint8 backup_id[WM_DATABASE_ID_SIZE], backup_key[32];
  sqlite3 *source = NULL;
  OpenMode mode;
  int version = 0;
  int rc, fd;

  if (!wm_store_check_not_itself (self, backup_path, error)
      || !check_header (backup_path, error))
    return NULL;
  /* A backup is only read, and nothing writes it meanwhile: without a log
   * beside it, it is read as immutable, so that SQLite leaves no -shm or
   * -wal next to it (a backup copied from a live file is in WAL mode). */
  {
    g_autofree char *wal_path = g_strconcat (backup_path, "-wal", NULL);
    struct stat wal_st;

    mode = g_stat (wal_path, &wal_st) == 0 && wal_st.st_size > 0 ? OPEN_READ_ONLY : OPEN_IMMUTABLE;
  }
  if (!check_with_read_only_connection (backup_path, mode, &version, error))
    return NULL;

  /* Identity first, straight from the file: a backup of another
   * organisation, or one whose key was replaced, is not even copied. */
  rc = open_sqlite (backup_path, mode, 0, &source);
  if (rc != SQLITE_OK || !read_identity (source, backup_id, backup_key))
    {
      sqlite3_close_v2 (source);
      set_backup_damaged_error (backup_path, error);
      return NULL;
    }
  if (memcmp (backup_id, self->database_id, WM_DATABASE_ID_SIZE) != 0
      || memcmp (backup_key, self->organisation_public_key, sizeof backup_key) != 0)
    {
      sqlite3_close_v2 (source);
      g_set_error (error, WM_STORE_ERROR, WM_STORE_ERROR_INVALID,
                   _("The backup “%s” is of another organisation’s database and was not restored."), backup_path);
      return NULL;
    }

  /* A private copy beside the live file, on the same disk. */
  copy_path = g_strconcat (self->path, ".restore-XXXXXX", NULL);
  fd = g_mkstemp_full (copy_path, O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      sqlite3_close_v2 (source);
      g_set_error (error, WM_STORE_ERROR, WM_STORE_ERROR_IO,
                   _("The backup “%s” could not be copied next to the database to be checked, and was "
                     "not restored. Check the free space there and try again."), backup_path);
      return NULL;
    }
  close (fd);
  rc = copy_database (source, copy_path);
  sqlite3_close_v2 (source);
  if (rc != SQLITE_OK)
    {
      remove_database_files (copy_path);
      if ((rc & 0xff) == SQLITE_CORRUPT || (rc & 0xff) == SQLITE_NOTADB)
        set_backup_damaged_error (backup_path, error);
      else
        g_set_error (error, WM_STORE_ERROR, WM_STORE_ERROR_IO,
                     _("The backup “%s” could not be copied next to the database to be checked, and was "
                       "not restored. Check the free space there and try again."), backup_path);
      return NULL;
    }

  /* Closed again before it is used: closing folds its log back in. */
  copy = open_checked_copy (self, copy_path, backup_path, signer, out_epoch, error);
  if (copy == NULL)
    {
      remove_database_files (copy_path);
      return NULL;
    }
  g_clear_object (&copy);
  return g_steal_pointer (&copy_path);
}

/**
 * wm_store_check_backup:
 * @backup_path: a backup to restore from
 *
 * Runs every check wm_session_restore() makes of a backup that needs no
 * account (identity, structure, directory and audit signatures), so that
 * a backup that cannot be restored is refused before anyone signs in,
 * which the database would record. Nothing is written to the database.
 */
gboolean
wm_store_check_backup (WmStore     *self,
                       const char  *backup_path,
                       GError     **error)
{
  g_autofree char *copy_path = NULL;
  gint64 epoch = 0;

  g_return_val_if_fail (WM_IS_STORE (self), FALSE);
  g_return_val_if_fail (backup_path != NULL, FALSE);

  copy_path = prepare_checked_copy (self, backup_path, NULL, &epoch, error);
  if (copy_path == NULL)
    return FALSE;
  remove_database_files (copy_path);
  return TRUE;
}

/**
 * wm_store_restore_from:
 * @signer: the administrator restoring, who signs the restore's entry
 * @organisation_key: opened by @signer; signs the restored directory
 *
 * Replaces this database's contents with the backup at @backup_path. The
 * backup is first copied next to the database and checked there: that it
 * is a whole Waymark database of this organisation (same database id and
 * organisation key), that its directory and audit log (every signature)
 * are as their signers left them, and that @signer is an administrator in
 * it. A backup that fails leaves the live file exactly as it was.
 *
 * Then, in one durable transaction on the live file (so that another
 * program using it sees the old contents or the new, never a mixture),
 * every table takes the copy's rows; AUTOINCREMENT counters stay at least
 * where the live file had them, so no id is ever issued twice; the
 * directory is signed with a counter above both files'; and a signed
 * "restore" entry, numbered beyond every entry the live log held, names
 * the head and count it replaced. The backup file itself is only read.
 */
gboolean
wm_store_restore_from (WmStore              *self,
                       const char           *backup_path,
                       const WmAuditSigner  *signer,
                       WmSecret             *organisation_key,
                       GError              **error)
{
  g_autofree char *copy_path = NULL;
  g_autoptr(GError) local_error = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 backup_epoch = 0;
  int rc;

  g_return_val_if_fail (WM_IS_STORE (self), FALSE);
  g_return_val_if_fail (backup_path != NULL, FALSE);
  g_return_val_if_fail (signer != NULL && signer->signing_key != NULL, FALSE);
  g_return_val_if_fail (organisation_key != NULL, FALSE);
  g_return_val_if_fail (self->transaction_depth == 0, FALSE);

  if (!wm_store_check_writable (self, error))
    return FALSE;
  copy_path = prepare_checked_copy (self, backup_path, signer, &backup_epoch, error);
  if (copy_path == NULL)
    return FALSE;

  /* Checked: now the live file, all in one transaction. */
  rc = sqlite3_prepare_v2 (self->db, "ATTACH DATABASE ?1 AS wm_restore", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, copy_path, -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt) == SQLITE_DONE ? SQLITE_OK : sqlite3_errcode (self->db);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_OK)
    {
      wm_store_set_sqlite_error (self, rc, error);
      remove_database_files (copy_path);
      return FALSE;
    }
  if (!wm_store_begin (self, &local_error)
      || !replace_contents (self, signer, organisation_key, backup_epoch, &local_error)
      || !wm_store_commit (self, &local_error))
    {
      wm_store_rollback (self);
      sqlite3_exec (self->db, "DETACH DATABASE wm_restore", NULL, NULL, NULL);
      remove_database_files (copy_path);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  sqlite3_exec (self->db, "DETACH DATABASE wm_restore", NULL, NULL, NULL);
  remove_database_files (copy_path);

  /* Leave the restored contents in the main file, not only in the log. */
  sqlite3_wal_checkpoint_v2 (self->db, "main", SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);
  if (!load_meta (self, error))
    return FALSE;
  if (!wm_freshness_note (self, &local_error))
    g_debug ("Could not note the restored state: %s", local_error->message);
  return TRUE;
}
