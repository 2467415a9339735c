/* wm-checkpointer.c — moves WAL checkpoints off the thread that saves
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * With SQLite's automatic checkpoints, whichever commit pushes the
 * write-ahead log past its threshold copies the log into the database file
 * and syncs it before returning: one save in a few hundred takes several
 * times as long as the rest, and a caseworker feels it. Instead the store
 * asks this checkpointer, which runs passive checkpoints on a thread of its
 * own through a connection of its own. A passive checkpoint never blocks a
 * reader or writer; what it cannot copy now it copies next time. Nothing
 * here reads a row, so no plaintext passes through this thread.
 */

#define G_LOG_DOMAIN "wm-checkpointer"

#include "config.h"

#include <sqlite3.h>

#include "wm-checkpointer.h"

#define MAX_ATTEMPTS 50
#define RETRY_DELAY_USEC (20 * 1000)

struct _WmCheckpointer
{
  char    *path;
  GThread *thread;
  GMutex   lock;
  GCond    wake;
  gboolean requested;
  gboolean stopping;
  guint    runs;
};

/* The request comes from inside a commit, and readers may be part-way
 * through the log: a passive checkpoint copies what it can, so try again a
 * little later until the whole log is in the file (or the store closes). */
static void
checkpoint_all (WmCheckpointer *self,
                sqlite3        *db)
{
  for (guint attempt = 0; attempt < MAX_ATTEMPTS; attempt++)
    {
      int log_pages = 0, copied_pages = 0;
      int rc = sqlite3_wal_checkpoint_v2 (db, NULL, SQLITE_CHECKPOINT_PASSIVE, &log_pages, &copied_pages);
      gboolean stopping;
      gint64 until;

      if (rc != SQLITE_OK && rc != SQLITE_BUSY)
        {
          g_debug ("A background checkpoint failed: %s", sqlite3_errstr (rc));
          return;
        }
      if (rc == SQLITE_OK && copied_pages >= log_pages)
        return;

      g_mutex_lock (&self->lock);
      until = g_get_monotonic_time () + RETRY_DELAY_USEC;
      while (!self->stopping && g_cond_wait_until (&self->wake, &self->lock, until))
        ;
      stopping = self->stopping;
      g_mutex_unlock (&self->lock);
      if (stopping)
        return;
    }
}

static gpointer
checkpoint_thread (gpointer data)
{
  WmCheckpointer *self = data;
  sqlite3 *db = NULL;

  if (sqlite3_open_v2 (self->path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOFOLLOW, NULL) != SQLITE_OK)
    {
      /* The saving connection still works; the log just grows until the
       * store closes, when SQLite checkpoints it. */
      g_debug ("The checkpoint connection could not be opened: %s", sqlite3_errmsg (db));
      sqlite3_close_v2 (db);
      db = NULL;
    }
  else
    {
      sqlite3_busy_timeout (db, 1000);
      /* A connection learns the file is in WAL mode when it first reads
       * it; until then a checkpoint does nothing. */
      sqlite3_exec (db, "SELECT count(*) FROM sqlite_schema", NULL, NULL, NULL);
    }

  g_mutex_lock (&self->lock);
  for (;;)
    {
      while (!self->requested && !self->stopping)
        g_cond_wait (&self->wake, &self->lock);
      if (self->stopping)
        break;
      self->requested = FALSE;
      g_mutex_unlock (&self->lock);

      if (db != NULL)
        checkpoint_all (self, db);

      g_mutex_lock (&self->lock);
      self->runs++;
    }
  g_mutex_unlock (&self->lock);

  sqlite3_close_v2 (db);
  return NULL;
}

WmCheckpointer *
wm_checkpointer_new (const char *path)
{
  WmCheckpointer *self = g_new0 (WmCheckpointer, 1);

  g_return_val_if_fail (path != NULL, NULL);

  self->path = g_strdup (path);
  g_mutex_init (&self->lock);
  g_cond_init (&self->wake);
  self->thread = g_thread_new ("wm-checkpoint", checkpoint_thread, self);
  return self;
}

/* Cheap, and safe to call from SQLite's WAL hook: it only wakes the thread.
 * Past the threshold every commit asks; the thread is woken only when no
 * request is already waiting, or each commit would pay a futex wake-up and
 * the disk a checkpoint's fsync.
 *
 * (Waiting for the saves to pause before checkpointing was tried: the log
 * then grows past its old end, every commit's fsync also writes the file's
 * new size, and the median save took half as long again.) */
void
wm_checkpointer_request (WmCheckpointer *self)
{
  g_return_if_fail (self != NULL);

  g_mutex_lock (&self->lock);
  if (!self->requested)
    {
      self->requested = TRUE;
      g_cond_signal (&self->wake);
    }
  g_mutex_unlock (&self->lock);
}

/* How many checkpoints the thread has run; for tests. */
guint
wm_checkpointer_get_runs (WmCheckpointer *self)
{
  guint runs;

  g_return_val_if_fail (self != NULL, 0);

  g_mutex_lock (&self->lock);
  runs = self->runs;
  g_mutex_unlock (&self->lock);
  return runs;
}

void
wm_checkpointer_free (WmCheckpointer *self)
{
  if (self == NULL)
    return;

  g_mutex_lock (&self->lock);
  self->stopping = TRUE;
  g_cond_signal (&self->wake);
  g_mutex_unlock (&self->lock);
  g_thread_join (self->thread);

  g_mutex_clear (&self->lock);
  g_cond_clear (&self->wake);
  g_free (self->path);
  g_free (self);
}
