/* wm-freshness.c — what this device has seen of each database, kept outside it
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Anyone who can write the file can put back an older copy of it, or of
 * its parts: the directory as it was before an account was disabled (each
 * row and the head validly signed, only older), or the audit log without
 * its last entries and with the head in meta repaired (every hash and
 * signature left is valid). Nothing inside the file tells a consistent old
 * state from the current one. So each device remembers, outside the file,
 * the newest state it has seen of each database (by database id): the
 * directory's epoch (the counter the organisation key signs with the
 * directory head), and the number and hash of the audit log's last entry.
 * A file behind that (a lower epoch, fewer entries, or another entry where
 * the remembered one was) is refused at sign-in with
 * %WM_STORE_ERROR_ROLLED_BACK and reported by verification.
 *
 * A restore replaces the log on purpose: it raises the epoch above every
 * epoch either file had and appends an administrator's signed entry
 * numbered beyond the old log (see wm_store_restore_from()). A device that
 * saw the old log accepts the restored one when, and only when, it has a
 * newer epoch and such an entry after the one remembered.
 *
 * A device that never saw the newer state cannot tell: a whole file put
 * back before a computer next opens it, or opened on a new computer, is
 * accepted. The state is one small file per database, in
 * $XDG_STATE_HOME/waymark (0700), written whole or not at all (0600), and
 * only ever moved forward.
 */

#define G_LOG_DOMAIN "wm-freshness"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <sodium.h>

#include "wm-freshness.h"
#include "wm-store-private.h"

#define HASH_SIZE 32
#define GROUP "Seen"
#define ALLOW_BEHIND_KEY "wm-freshness-allow-behind"

typedef struct
{
  gint64   epoch;            /* the directory head's counter */
  gint64   count;            /* the last audit entry's number; 0: none */
  guint8   head[HASH_SIZE];  /* and its hash */
  gboolean epoch_unknown;    /* the file's head is not signed: see current_state() */
} State;

G_LOCK_DEFINE_STATIC (dir_override);
static char *dir_override;

/**
 * wm_freshness_set_dir:
 * @dir: (nullable): a folder for the device state, or %NULL for the
 *   default
 *
 * For tests: GLib reads $XDG_STATE_HOME once per process, and each test
 * needs a device of its own.
 */
void
wm_freshness_set_dir (const char *dir)
{
  G_LOCK (dir_override);
  g_free (dir_override);
  dir_override = g_strdup (dir);
  G_UNLOCK (dir_override);
}

char *
wm_freshness_dup_dir (void)
{
  char *dir;

  G_LOCK (dir_override);
  dir = g_strdup (dir_override);
  G_UNLOCK (dir_override);
  if (dir == NULL)
    dir = g_build_filename (g_get_user_state_dir (), "waymark", NULL);
  return dir;
}

static char *
state_path (WmStore    *store,
            const char *dir,
            const char *suffix)
{
  char hex[WM_DATABASE_ID_SIZE * 2 + 1];
  g_autofree char *name = NULL;

  sodium_bin2hex (hex, sizeof hex, wm_store_get_database_id (store), WM_DATABASE_ID_SIZE);
  name = g_strconcat (hex, suffix, NULL);
  return g_build_filename (dir, name, NULL);
}

/* The file as it is. Only a directory head the organisation signed tells
 * its epoch; one that is not signed is reported wherever the directory is
 * used or checked (and Waymark then shares no keys), so here its epoch is
 * only unknown: neither compared nor remembered. */
static gboolean
current_state (WmStore  *store,
               State    *out,
               GError  **error)
{
  g_autoptr(GError) local_error = NULL;

  memset (out, 0, sizeof *out);
  if (!wm_directory_check_head (store, &out->epoch, &local_error))
    {
      if (!g_error_matches (local_error, WM_STORE_ERROR, WM_STORE_ERROR_CORRUPT))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      g_clear_error (&local_error);
      out->epoch = 0;
      out->epoch_unknown = TRUE;
    }
  if (!wm_audit_get_tail (store, &out->count, out->head, &local_error) && local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

static gboolean
load_state (WmStore   *store,
            const char *dir,
            State     *out,
            gboolean  *out_found,
            GError   **error)
{
  g_autofree char *path = state_path (store, dir, ".state");
  g_autoptr(GKeyFile) file = g_key_file_new ();
  g_autoptr(GError) local_error = NULL;
  g_autofree char *head = NULL;
  size_t head_size = 0;

  *out_found = FALSE;
  memset (out, 0, sizeof *out);
  if (!g_key_file_load_from_file (file, path, G_KEY_FILE_NONE, &local_error))
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return TRUE;
      if (local_error->domain == G_FILE_ERROR)
        {
          g_set_error (error, WM_STORE_ERROR, WM_STORE_ERROR_IO,
                       _("Waymark could not read what this computer has seen of the database “%s” (%s). "
                         "Check the permissions of the folder “%s”."),
                       wm_store_get_path (store), local_error->message, dir);
          return FALSE;
        }
      /* Only Waymark writes the file, whole or not at all; whoever can
       * spoil it can as well delete it, which would be read the same. */
      g_debug ("Ignoring an unreadable device state %s: %s", path, local_error->message);
      return TRUE;
    }

  out->epoch = g_key_file_get_int64 (file, GROUP, "directory-epoch", NULL);
  out->count = g_key_file_get_int64 (file, GROUP, "audit-count", NULL);
  head = g_key_file_get_string (file, GROUP, "audit-head", NULL);
  if (head == NULL || out->epoch < 0 || out->count < 0
      || sodium_hex2bin (out->head, sizeof out->head, head, strlen (head), NULL, &head_size, NULL) != 0
      || head_size != HASH_SIZE)
    {
      g_debug ("Ignoring a malformed device state %s", path);
      memset (out, 0, sizeof *out);
      return TRUE;
    }
  *out_found = TRUE;
  return TRUE;
}

/* Whether @now is @seen or newer; otherwise says how it is older. */
static gboolean
check_not_behind (WmStore      *store,
                  const State  *seen,
                  const State  *now,
                  GError      **error)
{
  const char *path = wm_store_get_path (store);

  if (!now->epoch_unknown && now->epoch < seen->epoch)
    {
      g_set_error (error, WM_STORE_ERROR, WM_STORE_ERROR_ROLLED_BACK,
                   _("The database “%s” is older than one this computer has already seen: its list of "
                     "staff accounts is at change %lld, but this computer has seen change %lld. It may "
                     "have been restored from an old copy or tampered with, and Waymark will not use it. "
                     "Ask an administrator to check it and restore the newest backup."),
                   path, (long long) now->epoch, (long long) seen->epoch);
      return FALSE;
    }
  if (now->count < seen->count)
    {
      gint64 missing = seen->count - now->count;

      g_set_error (error, WM_STORE_ERROR, WM_STORE_ERROR_ROLLED_BACK,
                   g_dngettext (GETTEXT_PACKAGE,
                                "The database “%s” is older than one this computer has already seen: %lld "
                                "entry at the end of its audit log is missing. It may have been restored "
                                "from an old copy or tampered with, and Waymark will not use it. Ask an "
                                "administrator to check it and restore the newest backup.",
                                "The database “%s” is older than one this computer has already seen: %lld "
                                "entries at the end of its audit log are missing. It may have been restored "
                                "from an old copy or tampered with, and Waymark will not use it. Ask an "
                                "administrator to check it and restore the newest backup.",
                                (gulong) MIN (missing, (gint64) G_MAXLONG)),
                   path, (long long) missing);
      return FALSE;
    }
  /* Where the remembered entry was, it still is, unless an administrator
   * restored a backup since (which also moved the directory on). */
  if (seen->count > 0 && !wm_audit_has_entry (store, seen->count, seen->head)
      && !(!now->epoch_unknown && now->epoch > seen->epoch && wm_audit_restored_after (store, seen->count)))
    {
      g_set_error (error, WM_STORE_ERROR, WM_STORE_ERROR_ROLLED_BACK,
                   _("The database “%s” is older than one this computer has already seen: entry %lld of "
                     "its audit log is not the one this computer saw there, so entries were removed and "
                     "others written in their place. It may have been restored from an old copy or "
                     "tampered with, and Waymark will not use it. Ask an administrator to check it and "
                     "restore the newest backup."),
                   path, (long long) seen->count);
      return FALSE;
    }
  return TRUE;
}

/**
 * wm_freshness_check:
 *
 * Fails with %WM_STORE_ERROR_ROLLED_BACK when the file is older than the
 * newest state of its database this device has seen, and with
 * %WM_STORE_ERROR_CORRUPT when its directory is not as an administrator
 * signed it. A device that has seen nothing of it accepts it.
 */
gboolean
wm_freshness_check (WmStore  *store,
                    GError  **error)
{
  g_autofree char *dir = wm_freshness_dup_dir ();
  g_autoptr(GError) local_error = NULL;
  State seen, now;
  gboolean found;

  g_return_val_if_fail (WM_IS_STORE (store), FALSE);

  if (!current_state (store, &now, error) || !load_state (store, dir, &seen, &found, error))
    return FALSE;
  if (!found || check_not_behind (store, &seen, &now, &local_error))
    return TRUE;
  if (g_object_get_data (G_OBJECT (store), ALLOW_BEHIND_KEY) != NULL)
    {
      g_debug ("Using a database behind this device's state, to replace it: %s", local_error->message);
      return TRUE;
    }
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

/**
 * wm_freshness_allow_behind:
 *
 * Lets wm_freshness_check() pass for this store although the file is
 * behind: only so that an administrator can sign in to restore a backup
 * over it. The device's state is still never moved back.
 */
void
wm_freshness_allow_behind (WmStore *store)
{
  g_return_if_fail (WM_IS_STORE (store));

  g_object_set_data (G_OBJECT (store), ALLOW_BEHIND_KEY, GINT_TO_POINTER (1));
}

/**
 * wm_freshness_get_seen:
 * @out_epoch: (out): the newest directory epoch this device has seen
 * @out_count: (out): the number of the last audit entry it has seen
 *
 * Returns: %FALSE, with both 0, when this device has seen nothing of the
 *   database (or cannot read what it saw)
 */
gboolean
wm_freshness_get_seen (WmStore *store,
                       gint64  *out_epoch,
                       gint64  *out_count)
{
  g_autofree char *dir = wm_freshness_dup_dir ();
  State seen;
  gboolean found = FALSE;

  g_return_val_if_fail (WM_IS_STORE (store), FALSE);

  if (!load_state (store, dir, &seen, &found, NULL))
    found = FALSE;
  *out_epoch = found ? seen.epoch : 0;
  *out_count = found ? seen.count : 0;
  return found;
}

static void
set_write_error (WmStore     *store,
                 const char  *dir,
                 const char  *reason,
                 GError     **error)
{
  g_set_error (error, WM_STORE_ERROR, WM_STORE_ERROR_IO,
               _("Waymark could not record what this computer has seen of the database “%s” (%s). "
                 "Check the permissions and free space of the folder “%s”."),
               wm_store_get_path (store), reason, dir);
}

/**
 * wm_freshness_note:
 *
 * Remembers the file's state as the newest this device has seen, unless
 * the device has seen a newer one (then fails with
 * %WM_STORE_ERROR_ROLLED_BACK and changes nothing). Call it outside a
 * transaction, after writes: at sign-in, lock and the end of a session.
 */
gboolean
wm_freshness_note (WmStore  *store,
                   GError  **error)
{
  g_autofree char *dir = wm_freshness_dup_dir ();
  g_autofree char *path = NULL;
  g_autofree char *lock_path = NULL;
  g_autofree char *data = NULL;
  g_autoptr(GKeyFile) file = NULL;
  char hex[HASH_SIZE * 2 + 1];
  sqlite3 *db;
  State seen, now;
  gboolean found, ok;
  gsize size;
  int fd;

  g_return_val_if_fail (WM_IS_STORE (store), FALSE);

  /* The state must never be ahead of what the disk holds, or a power cut
   * would make the file look rolled back. A view's entry is committed
   * without waiting for the disk; a checkpoint syncs the log first. */
  db = wm_store_get_db (store);
  /* Inside a transaction, what it would note may yet be rolled back. */
  if (!sqlite3_get_autocommit (db))
    return TRUE;
  if (wm_store_check_writable (store, NULL))
    sqlite3_wal_checkpoint_v2 (db, "main", SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);

  if (!current_state (store, &now, error))
    return FALSE;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      set_write_error (store, dir, g_strerror (errno), error);
      return FALSE;
    }
  /* Two programs on this computer (the window and the command line) may
   * note at once: each reads and writes under the lock, so neither moves
   * the state back. */
  lock_path = state_path (store, dir, ".lock");
  fd = g_open (lock_path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (fd < 0 || flock (fd, LOCK_EX) != 0)
    {
      set_write_error (store, dir, g_strerror (errno), error);
      if (fd >= 0)
        close (fd);
      return FALSE;
    }

  ok = load_state (store, dir, &seen, &found, error);
  if (ok && found)
    ok = check_not_behind (store, &seen, &now, error);
  if (now.epoch_unknown)
    now.epoch = found ? seen.epoch : 0;
  if (ok && (!found || seen.epoch != now.epoch || seen.count != now.count
             || sodium_memcmp (seen.head, now.head, HASH_SIZE) != 0))
    {
      file = g_key_file_new ();
      sodium_bin2hex (hex, sizeof hex, now.head, HASH_SIZE);
      g_key_file_set_int64 (file, GROUP, "directory-epoch", now.epoch);
      g_key_file_set_int64 (file, GROUP, "audit-count", now.count);
      g_key_file_set_string (file, GROUP, "audit-head", hex);
      data = g_key_file_to_data (file, &size, NULL);
      path = state_path (store, dir, ".state");
      {
        g_autoptr(GError) write_error = NULL;

        ok = g_file_set_contents_full (path, data, size, G_FILE_SET_CONTENTS_CONSISTENT, 0600, &write_error);
        if (!ok)
          set_write_error (store, dir, write_error->message, error);
      }
    }
  close (fd);
  return ok;
}
