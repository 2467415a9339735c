/* wm-store-thread.c — the one thread that touches the store
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One sqlite3 connection and its statement cache must not be used from
 * arbitrary threads, and Argon2id or decrypting a caseload must not run on
 * the main loop. So, as Epiphany's history service does, every piece of
 * store work is queued to a single thread that owns the connection and the
 * signed-in session for the life of the window, one job at a time, in order.
 *
 * A job is a GTask and the function that does its work. The function runs
 * here and returns the task's result; GTask takes the result back to the
 * main context the task was made in, where its callback runs.
 */

#define G_LOG_DOMAIN "wm-store-thread"

#include "config.h"

#include "wm-store-thread.h"

struct _WmStoreThread
{
  GObject      parent_instance;

  GThread     *thread;
  GAsyncQueue *jobs;

  /* For wm_store_thread_wait_idle(): jobs queued and not yet finished. */
  GMutex       mutex;
  GCond        idle;
  guint        pending;
  guint64      serial;
};

G_DEFINE_FINAL_TYPE (WmStoreThread, wm_store_thread, G_TYPE_OBJECT)

typedef struct
{
  GTask           *task;  /* NULL: the thread is asked to end */
  GTaskThreadFunc  func;
  gboolean         urgent;
  guint64          serial;  /* the order jobs were queued in */
} Job;

/* Urgent jobs before the others; in the order they were queued within
 * each kind. */
static gint
compare_jobs (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  const Job *x = a;
  const Job *y = b;

  if (x->urgent != y->urgent)
    return x->urgent ? -1 : 1;
  return (x->serial > y->serial) - (x->serial < y->serial);
}

/* On the task's own main context: dropping the job's reference there means
 * the task, and through it its source object, is never finalised on this
 * thread, where the owner of this thread could be asked to join itself. */
static gboolean
release_task_cb (gpointer data)
{
  g_object_unref (data);
  return G_SOURCE_REMOVE;
}

static gpointer
thread_main (gpointer data)
{
  WmStoreThread *self = data;

  for (;;)
    {
      Job *job = g_async_queue_pop (self->jobs);
      GTask *task = job->task;

      if (task == NULL)
        {
          g_free (job);
          break;
        }
      job->func (task, g_task_get_source_object (task), g_task_get_task_data (task),
                 g_task_get_cancellable (task));
      g_main_context_invoke (g_task_get_context (task), release_task_cb, task);
      g_free (job);

      g_mutex_lock (&self->mutex);
      if (--self->pending == 0)
        g_cond_broadcast (&self->idle);
      g_mutex_unlock (&self->mutex);
    }
  return NULL;
}

static void
queue_job (WmStoreThread   *self,
           GTask           *task,
           GTaskThreadFunc  func,
           gboolean         urgent)
{
  Job *job = g_new0 (Job, 1);

  g_return_if_fail (WM_IS_STORE_THREAD (self));
  g_return_if_fail (G_IS_TASK (task));
  g_return_if_fail (func != NULL);

  job->task = g_object_ref (task);
  job->func = func;
  job->urgent = urgent;
  g_mutex_lock (&self->mutex);
  self->pending++;
  job->serial = self->serial++;
  g_mutex_unlock (&self->mutex);
  g_async_queue_push_sorted (self->jobs, job, compare_jobs, NULL);
}

/**
 * wm_store_thread_run:
 * @func: runs on the store thread and must return the task's result
 *
 * Queues @task's work behind every job queued before it.
 */
void
wm_store_thread_run (WmStoreThread   *self,
                     GTask           *task,
                     GTaskThreadFunc  func)
{
  queue_job (self, task, func, FALSE);
}

/**
 * wm_store_thread_run_first:
 *
 * Queues @task's work ahead of every ordinary job still waiting (not of
 * the one running), behind any other urgent one: locking must not wait
 * behind a queue of reads, but the drafts saved just before it go first.
 */
void
wm_store_thread_run_first (WmStoreThread   *self,
                           GTask           *task,
                           GTaskThreadFunc  func)
{
  queue_job (self, task, func, TRUE);
}

/**
 * wm_store_thread_wait_idle:
 *
 * Blocks until every queued job has finished. For disposal and tests; the
 * window never waits on the store.
 */
void
wm_store_thread_wait_idle (WmStoreThread *self)
{
  g_return_if_fail (WM_IS_STORE_THREAD (self));
  g_return_if_fail (!wm_store_thread_is_current (self));

  g_mutex_lock (&self->mutex);
  while (self->pending > 0)
    g_cond_wait (&self->idle, &self->mutex);
  g_mutex_unlock (&self->mutex);
}

gboolean
wm_store_thread_is_current (WmStoreThread *self)
{
  g_return_val_if_fail (WM_IS_STORE_THREAD (self), FALSE);

  return g_thread_self () == self->thread;
}

static void
wm_store_thread_finalize (GObject *object)
{
  WmStoreThread *self = WM_STORE_THREAD (object);
  Job *stop = g_new0 (Job, 1);

  /* Behind every queued job: what was asked for is done (a save finishes)
   * before the connection goes. A job holds its task, and a task its source
   * object, so no job can still be queued for anything finalised here. */
  g_async_queue_push (self->jobs, stop);
  g_thread_join (self->thread);
  g_async_queue_unref (self->jobs);
  g_mutex_clear (&self->mutex);
  g_cond_clear (&self->idle);

  G_OBJECT_CLASS (wm_store_thread_parent_class)->finalize (object);
}

static void
wm_store_thread_class_init (WmStoreThreadClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = wm_store_thread_finalize;
}

static void
wm_store_thread_init (WmStoreThread *self)
{
  g_mutex_init (&self->mutex);
  g_cond_init (&self->idle);
  self->jobs = g_async_queue_new ();
  self->thread = g_thread_new ("wm-store", thread_main, self);
}

WmStoreThread *
wm_store_thread_new (void)
{
  return g_object_new (WM_TYPE_STORE_THREAD, NULL);
}
