/* wm-context.c — what the window works with: the store, the signed-in session, the clock, locking
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The one owner of the store for the GUI, and GTK-free, as GNOME Calendar's
 * GcalContext is: the window is given a context at construction and asks
 * it for everything; it never touches the store or a session itself.
 *
 * Threads. The store, and the session with its keys, are used only on the
 * context's store thread (wm-store-thread.c): every operation here is an
 * _async/_finish pair whose work runs there, so key derivation, decrypting
 * a caseload and saving never block the window. What the window may read
 * directly (who is signed in, whether the session is locked) is copied to
 * the main thread when a sign-in finishes.
 *
 * Locking. wm_context_lock() takes effect at once for the window: "locked"
 * is notified, and every operation started before it finishes with
 * G_IO_ERROR_CANCELLED and drops what it read, so nothing decrypted before
 * the lock reaches a widget after it. The keys themselves are wiped on the
 * store thread, ahead of any queued work, as soon as the running job (at
 * most one) returns. The idle lock is the same call, made by a timer that
 * wm_context_touch() (any user input) pushes back.
 */

#define G_LOG_DOMAIN "wm-context"

#include "config.h"

#include <glib/gi18n.h>

#include "wm-case.h"
#include "wm-casebook.h"
#include "wm-context.h"
#include "wm-date.h"
#include "wm-assessment.h"
#include "wm-payload.h"
#include "wm-person.h"
#include "wm-review-intervals.h"
#include "wm-secret.h"
#include "wm-store-thread.h"

struct _WmContext
{
  GObject         parent_instance;

  WmStore        *store;
  WmStoreThread  *thread;

  /* Only on the store thread. */
  WmSession      *session;

  /* Only on the main thread. */
  gboolean        signed_in;
  gboolean        locked;
  char           *user_name;
  gint64          user_id;
  WmRole          role;
  guint           generation;   /* bumped by every lock and sign-out */
  gboolean        flushing;     /* "locking" is being emitted */
  guint           idle_lock_seconds;
  gint64          last_activity_usec;
  guint           idle_source_id;
  GDate           fixed_today;  /* invalid: the system's date */
  WmReviewIntervals review_intervals;  /* the organisation's, read at sign-in */
};

G_DEFINE_FINAL_TYPE (WmContext, wm_context, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STORE,
  PROP_SIGNED_IN,
  PROP_LOCKED,
  PROP_IDLE_LOCK_SECONDS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  LOCKING,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef enum
{
  JOB_SIGN_IN,
  JOB_LIST_USERS,
  JOB_CASELOAD,
  JOB_OPEN_CASE,
  JOB_HISTORY,
  JOB_CREATE_PERSON,
  JOB_CREATE_PEOPLE,
  JOB_SAVE_RECORD,
  JOB_REASSIGN,
  JOB_SUBMIT_ASSESSMENT,
  JOB_APPROVE,
  JOB_RETURN_ASSESSMENT,
  JOB_AMEND,
  JOB_REVIEW_QUEUE,
  JOB_CALL,
  JOB_LOCK,
  JOB_SIGN_OUT,
} JobKind;

typedef struct
{
  JobKind       kind;
  guint         generation;
  char         *user_name;
  WmSecret     *passphrase;
  gint64        case_id;
  gint64        record_id;
  gint64        user_id;
  WmRecordKind  record_kind;
  GVariant     *payload;
  GPtrArray    *profiles;
  GDate         today;
  WmContextFunc call;          /* JOB_CALL */
  gpointer      call_data;
  GDestroyNotify call_data_free;
  GDestroyNotify call_result_free;
  guint         version;
  char         *comments;

  /* Results the main thread reads in _finish, beside the task's own. */
  gint64        wait_seconds;
  char         *signed_in_name;
  gint64        signed_in_id;
  WmRole        signed_in_role;
  WmReviewIntervals signed_in_intervals;
} Job;

/* The rows of a caseload, made from the store's entries. */
typedef struct
{
  GPtrArray   *entries;
  const GDate *today;
  WmCase     **rows;
  guint        start;
  guint        end;
} RowRange;

static gpointer
make_row_range (gpointer data)
{
  RowRange *range = data;

  for (guint i = range->start; i < range->end; i++)
    range->rows[i] = wm_case_new_from_entry (g_ptr_array_index (range->entries, i), range->today);
  return NULL;
}

/* A row costs some 10 µs (names folded for search, a collation key for
 * sorting, dates parsed): with thousands of cases, a second thread makes
 * the second half meanwhile (10,000 rows: 106 ms alone, 75 ms so), and
 * the store takes them all in one splice rather than one insertion each. */
static GListStore *
make_caseload_rows (GPtrArray   *entries,
                    const GDate *today)
{
  g_autofree WmCase **rows = g_new0 (WmCase *, entries->len);
  RowRange first = { entries, today, rows, 0, entries->len };
  RowRange second = first;
  GThread *helper = NULL;
  GListStore *cases = g_list_store_new (WM_TYPE_CASE);

  if (entries->len >= 1000 && g_get_num_processors () > 1)
    {
      first.end = second.start = entries->len / 2;
      helper = g_thread_try_new ("wm-caseload-rows", make_row_range, &second, NULL);
      if (helper == NULL)
        first.end = entries->len;
    }
  make_row_range (&first);
  if (helper != NULL)
    g_thread_join (helper);

  g_list_store_splice (cases, 0, 0, (gpointer *) rows, entries->len);
  for (guint i = 0; i < entries->len; i++)
    g_object_unref (rows[i]);
  return cases;
}

static void
job_free (Job *job)
{
  if (job->call_data_free != NULL)
    g_clear_pointer (&job->call_data, job->call_data_free);
  g_free (job->user_name);
  g_clear_pointer (&job->passphrase, wm_secret_free);
  g_clear_pointer (&job->payload, g_variant_unref);
  g_clear_pointer (&job->profiles, g_ptr_array_unref);
  g_free (job->comments);
  g_free (job->signed_in_name);
  g_free (job);
}

static void
set_no_session_error (GError **error)
{
  g_set_error_literal (error, WM_STORE_ERROR, WM_STORE_ERROR_LOCKED,
                       _("Nobody is signed in. Sign in, then try again."));
}

/* Assessments. */

void
wm_review_entry_free (WmReviewEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->reference);
  g_free (entry->display_name);
  g_clear_pointer (&entry->record, wm_record_free);
  g_free (entry);
}

/* @payload with "state" set to @state, and the supervisor's comments set
 * to @comments or, when %NULL, left out. */
static GVariant *
with_state (GVariant   *payload,
            const char *state,
            const char *comments)
{
  GVariantDict dict;

  g_variant_dict_init (&dict, payload);
  g_variant_dict_insert (&dict, WM_ASSESSMENT_STATE, "s", state);
  if (comments != NULL)
    g_variant_dict_insert (&dict, WM_ASSESSMENT_RETURN_COMMENTS, "s", comments);
  else
    g_variant_dict_remove (&dict, WM_ASSESSMENT_RETURN_COMMENTS);
  return g_variant_ref_sink (g_variant_dict_end (&dict));
}

/* The newest readable profile among a case's @records. */
static GVariant *
latest_profile (GPtrArray *records)
{
  WmRecord *latest = NULL;

  for (guint i = 0; i < records->len; i++)
    {
      WmRecord *record = g_ptr_array_index (records, i);

      if (record->kind == WM_RECORD_PROFILE && record->payload != NULL
          && (latest == NULL || record->written_usec > latest->written_usec))
        latest = record;
    }
  return latest != NULL ? latest->payload : NULL;
}

static gboolean
is_amended (GPtrArray *records,
            gint64     record_id)
{
  for (guint i = 0; i < records->len; i++)
    if (((WmRecord *) g_ptr_array_index (records, i))->amends_id == record_id)
      return TRUE;
  return FALSE;
}

/* An amendment of @record_id, checked by the casebook's rules against the
 * case's profile first (the casebook has no amend of its own yet). With
 * @return_comments, a supervisor's return of exactly @version: the
 * submitted payload again, "returned", with the comments. */
static gint64
amend_checked (WmSession    *session,
               gint64        record_id,
               GVariant     *payload,
               const char   *return_comments,
               guint         version,
               const GDate  *today,
               GError      **error)
{
  g_autoptr(WmRecord) current = wm_session_read_record (session, record_id, 0, error);
  g_autoptr(GPtrArray) records = NULL;
  GVariant *profile;

  if (current == NULL)
    return 0;
  if (current->payload == NULL)
    {
      g_propagate_error (error, g_error_copy (current->error));
      return 0;
    }
  records = wm_session_open_case (session, current->case_id, error);
  if (records == NULL)
    return 0;
  profile = latest_profile (records);
  if (return_comments != NULL)
    {
      g_autoptr(GVariant) returned = NULL;

      if (wm_session_get_role (session) < WM_ROLE_SUPERVISOR)
        {
          g_set_error_literal (error, WM_STORE_ERROR, WM_STORE_ERROR_PERMISSION,
                               _("Only a supervisor can return an assessment."));
          return 0;
        }
      if (current->version != version)
        {
          g_set_error (error, WM_STORE_ERROR, WM_STORE_ERROR_STALE,
                       _("The assessment has a newer version than the one you read (%u, now %u). "
                         "Read it again before returning it."),
                       version, current->version);
          return 0;
        }
      if (current->approved_by != 0 || is_amended (records, record_id)
          || g_strcmp0 (wm_payload_get_string (current->payload, WM_ASSESSMENT_STATE), "submitted") != 0)
        {
          g_set_error_literal (error, WM_STORE_ERROR, WM_STORE_ERROR_IMMUTABLE,
                               _("This assessment is no longer waiting for approval. Refresh the queue."));
          return 0;
        }
      if (current->author_id == wm_session_get_user_id (session))
        {
          g_set_error_literal (error, WM_STORE_ERROR, WM_STORE_ERROR_PERMISSION,
                               _("You wrote this version, so another supervisor must review it."));
          return 0;
        }
      returned = with_state (current->payload, "returned", return_comments);
      if (!wm_casebook_check_record (WM_RECORD_ASSESSMENT, returned, profile, today, error))
        return 0;
      return wm_session_amend_record (session, record_id, returned, error);
    }
  if (!wm_casebook_check_record (current->kind, payload, profile, today, error))
    return 0;
  return wm_session_amend_record (session, record_id, payload, error);
}

/* What waits for this supervisor: each case whose latest assessment, as
 * its caseload card holds it, was submitted, and each case in which the
 * store's bookkeeping shows a frozen, unapproved assessment (an older one,
 * behind a newer draft), is opened, and every current assessment of it
 * that is submitted, not approved and not returned (no record amends it)
 * is listed. Both are filters only; what is listed comes from the opened,
 * verified records. */
static GPtrArray *
load_review_queue (WmSession  *session,
                   GError    **error)
{
  g_autoptr(GPtrArray) entries = wm_session_list_caseload (session, error);
  g_autoptr(GPtrArray) queue = NULL;
  g_autoptr(GArray) waiting = NULL;
  g_autoptr(GHashTable) frozen = g_hash_table_new (g_int64_hash, g_int64_equal);

  if (entries == NULL)
    return NULL;
  waiting = wm_session_list_cases_awaiting_approval (session, error);
  if (waiting == NULL)
    return NULL;
  for (guint i = 0; i < waiting->len; i++)
    g_hash_table_add (frozen, &g_array_index (waiting, gint64, i));
  queue = g_ptr_array_new_with_free_func ((GDestroyNotify) wm_review_entry_free);
  for (guint i = 0; i < entries->len; i++)
    {
      WmCaseloadEntry *entry = g_ptr_array_index (entries, i);
      g_autoptr(GPtrArray) records = NULL;

      if (!g_hash_table_contains (frozen, &entry->info.id)
          && (entry->latest_assessment == NULL
              || g_strcmp0 (wm_payload_get_string (entry->latest_assessment, WM_ASSESSMENT_STATE),
                            "submitted") != 0))
        continue;
      records = wm_session_open_case (session, entry->info.id, NULL);
      if (records == NULL)
        continue;
      for (guint j = 0; j < records->len; j++)
        {
          WmRecord *record = g_ptr_array_index (records, j);
          WmReviewEntry *review;

          if (record->kind != WM_RECORD_ASSESSMENT || record->payload == NULL
              || record->approved_by != 0 || is_amended (records, record->record_id)
              || g_strcmp0 (wm_payload_get_string (record->payload, WM_ASSESSMENT_STATE), "submitted") != 0)
            continue;
          review = g_new0 (WmReviewEntry, 1);
          review->case_id = entry->info.id;
          review->reference = g_strdup (entry->info.reference);
          if (entry->profile != NULL)
            review->display_name = wm_person_dup_display_name (entry->profile);
          review->record = wm_record_copy (record);
          g_ptr_array_add (queue, review);
        }
    }
  return g_steal_pointer (&queue);
}

/* The work of every job, on the store thread. */
static void
run_job (GTask        *task,
         gpointer      source_object,
         gpointer      task_data,
         GCancellable *cancellable)
{
  WmContext *self = source_object;
  Job *job = task_data;
  GError *error = NULL;

  g_assert (wm_store_thread_is_current (self->thread));

  if (job->kind == JOB_LOCK)
    {
      if (self->session != NULL)
        wm_session_lock (self->session);
      g_task_return_boolean (task, TRUE);
      return;
    }
  if (job->kind == JOB_SIGN_OUT)
    {
      g_clear_object (&self->session);
      g_task_return_boolean (task, TRUE);
      return;
    }
  if (self->store == NULL)
    {
      g_task_return_new_error (task, WM_STORE_ERROR, WM_STORE_ERROR_NOT_FOUND, "%s",
                               _("No database is open. Open or create one first."));
      return;
    }
  if (job->kind == JOB_LIST_USERS)
    {
      GPtrArray *users = wm_store_list_users (self->store, &error);

      if (users == NULL)
        g_task_return_error (task, error);
      else
        g_task_return_pointer (task, users, (GDestroyNotify) g_ptr_array_unref);
      return;
    }
  if (job->kind == JOB_SIGN_IN)
    {
      g_autofree char *name = wm_account_name_normalise (job->user_name, NULL);
      const char *passphrase = (const char *) wm_secret_get_data (job->passphrase);
      gboolean same_user = self->session != NULL && name != NULL
                           && g_strcmp0 (wm_session_get_user_name (self->session), name) == 0;
      gboolean done;

      if (same_user)
        {
          done = wm_session_unlock (self->session, passphrase, &error);
        }
      else
        {
          WmSession *session = wm_session_sign_in (self->store, job->user_name, passphrase, &error);

          done = session != NULL;
          if (done)
            {
              /* Someone else at a locked window: the other session ends. */
              g_clear_object (&self->session);
              self->session = session;
            }
        }
      g_clear_pointer (&job->passphrase, wm_secret_free);
      if (!done)
        {
          /* The store counts in microseconds; the page, whole seconds. */
          job->wait_seconds = (wm_store_get_sign_in_delay (self->store, job->user_name)
                               + G_USEC_PER_SEC - 1) / G_USEC_PER_SEC;
          g_task_return_error (task, error);
          return;
        }
      job->signed_in_name = g_strdup (wm_session_get_user_name (self->session));
      job->signed_in_id = wm_session_get_user_id (self->session);
      job->signed_in_role = wm_session_get_role (self->session);
      /* Read at every sign-in and unlock, so a change an administrator
       * made elsewhere reaches this desk then; unreadable settings leave
       * the defaults, and do not stop anyone signing in. */
      wm_review_intervals_load (&job->signed_in_intervals, self->session, NULL);
      g_task_return_boolean (task, TRUE);
      return;
    }

  if (self->session == NULL)
    {
      set_no_session_error (&error);
      g_task_return_error (task, error);
      return;
    }

  if (job->kind == JOB_CALL)
    {
      gpointer result = job->call (self->session, &job->today, job->call_data, &error);

      if (result == NULL)
        g_task_return_error (task, error);
      else
        g_task_return_pointer (task, result, job->call_result_free);
      return;
    }

  switch (job->kind)
    {
    case JOB_CASELOAD:
      {
        g_autoptr(GPtrArray) entries = wm_session_list_caseload (self->session, &error);
        GListStore *cases;

        if (entries == NULL)
          break;
        cases = make_caseload_rows (entries, &job->today);
        g_task_return_pointer (task, cases, g_object_unref);
        return;
      }
    case JOB_OPEN_CASE:
      {
        GPtrArray *records = wm_session_open_case (self->session, job->case_id, &error);

        if (records == NULL)
          break;
        g_task_return_pointer (task, records, (GDestroyNotify) g_ptr_array_unref);
        return;
      }
    case JOB_HISTORY:
      {
        GPtrArray *versions = wm_session_list_history (self->session, job->record_id, &error);

        if (versions == NULL)
          break;
        g_task_return_pointer (task, versions, (GDestroyNotify) g_ptr_array_unref);
        return;
      }
    case JOB_CREATE_PERSON:
      {
        gint64 case_id = wm_casebook_create_person (self->session, job->user_id, job->payload, NULL,
                                                    &job->today, &error);

        if (case_id == 0)
          break;
        g_task_return_int (task, case_id);
        return;
      }
    case JOB_CREATE_PEOPLE:
      {
        if (!wm_casebook_create_people (self->session, job->user_id, job->profiles, &job->today,
                                        NULL, &error))
          break;
        g_task_return_int (task, job->profiles->len);
        return;
      }
    case JOB_SAVE_RECORD:
      {
        gint64 record_id = job->record_id;

        if (record_id == 0)
          record_id = wm_casebook_add_record (self->session, job->case_id, job->record_kind,
                                              job->payload, &job->today, &error);
        else if (wm_casebook_update_record (self->session, record_id, job->payload, &job->today,
                                            &error) == 0)
          record_id = 0;
        if (record_id == 0)
          break;
        g_task_return_int (task, record_id);
        return;
      }
    case JOB_REASSIGN:
      {
        if (!wm_session_reassign_case (self->session, job->case_id, job->user_id, &error))
          break;
        g_task_return_boolean (task, TRUE);
        return;
      }
    case JOB_SUBMIT_ASSESSMENT:
      {
        g_autoptr(GVariant) submitted = with_state (job->payload, "submitted", NULL);
        gint64 record_id = job->record_id;

        /* Written, then frozen: should the freeze fail, the version stands
         * as submitted but open, and submitting again finishes the job. */
        if (record_id == 0)
          record_id = wm_casebook_add_record (self->session, job->case_id, WM_RECORD_ASSESSMENT,
                                              submitted, &job->today, &error);
        else if (wm_casebook_update_record (self->session, record_id, submitted, &job->today,
                                            &error) == 0)
          record_id = 0;
        if (record_id == 0 || !wm_session_set_record_immutable (self->session, record_id, &error))
          break;
        g_task_return_int (task, record_id);
        return;
      }
    case JOB_APPROVE:
      {
        if (!wm_session_approve_record (self->session, job->record_id, job->version, &error))
          break;
        g_task_return_boolean (task, TRUE);
        return;
      }
    case JOB_RETURN_ASSESSMENT:
    case JOB_AMEND:
      {
        gint64 amendment = amend_checked (self->session, job->record_id, job->payload,
                                          job->comments, job->version, &job->today, &error);

        if (amendment == 0)
          break;
        g_task_return_int (task, amendment);
        return;
      }
    case JOB_REVIEW_QUEUE:
      {
        GPtrArray *queue = load_review_queue (self->session, &error);

        if (queue == NULL)
          break;
        g_task_return_pointer (task, queue, (GDestroyNotify) g_ptr_array_unref);
        return;
      }
    case JOB_SIGN_IN:
    case JOB_LIST_USERS:
    case JOB_CALL:
    case JOB_LOCK:
    case JOB_SIGN_OUT:
    default:
      g_assert_not_reached ();
    }
  g_task_return_error (task, error);
}

static GTask *
start_job (WmContext           *self,
           JobKind              kind,
           gpointer             source_tag,
           GCancellable        *cancellable,
           GAsyncReadyCallback  callback,
           gpointer             user_data,
           Job                **out_job)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  Job *job = g_new0 (Job, 1);

  job->kind = kind;
  job->generation = self->generation;
  wm_context_get_today (self, &job->today);
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  *out_job = job;
  return task;
}

/* Work asked for while "locking" is emitted (a draft's last change) goes
 * ahead of everything ordinary, and ahead of the lock itself. */
static void
queue (WmContext *self,
       GTask     *task)
{
  if (self->flushing)
    wm_store_thread_run_first (self->thread, task, run_job);
  else
    wm_store_thread_run (self->thread, task, run_job);
  g_object_unref (task);
}

/* Whether @result belongs to the session as it is now: work started before
 * a lock or sign-out is refused, and what it read is dropped unseen. */
static gboolean
check_current (WmContext     *self,
               GAsyncResult  *result,
               gpointer       source_tag,
               GError       **error)
{
  Job *job;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, FALSE);

  job = g_task_get_task_data (G_TASK (result));
  if (job->generation != self->generation)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                           _("The window was locked before this finished."));
      return FALSE;
    }
  return TRUE;
}

static gpointer
finish_pointer (WmContext      *self,
                GAsyncResult   *result,
                gpointer        source_tag,
                GDestroyNotify  free_func,
                GError        **error)
{
  gpointer value = g_task_propagate_pointer (G_TASK (result), error);

  if (value != NULL && !check_current (self, result, source_tag, error))
    g_clear_pointer (&value, free_func);
  return value;
}

static gint64
finish_int (WmContext     *self,
            GAsyncResult  *result,
            gpointer       source_tag,
            GError       **error)
{
  GError *local_error = NULL;
  gint64 value = g_task_propagate_int (G_TASK (result), &local_error);

  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return 0;
    }
  return check_current (self, result, source_tag, error) ? value : 0;
}

static gboolean
finish_boolean (WmContext     *self,
                GAsyncResult  *result,
                gpointer       source_tag,
                GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error)
         && check_current (self, result, source_tag, error);
}

/* Idle locking. */

static void arm_idle_timer (WmContext *self);

static gboolean
idle_timeout_cb (gpointer user_data)
{
  WmContext *self = user_data;
  gint64 idle_usec = g_get_monotonic_time () - self->last_activity_usec;

  self->idle_source_id = 0;
  if (idle_usec >= (gint64) self->idle_lock_seconds * G_USEC_PER_SEC)
    wm_context_lock (self);
  else
    arm_idle_timer (self);
  return G_SOURCE_REMOVE;
}

/* Wakes when the idle time would run out if nothing happened since the
 * last input; input itself only records the time (wm_context_touch()), so
 * a moving pointer does not restart a timer on every event. */
static void
arm_idle_timer (WmContext *self)
{
  gint64 deadline_usec;
  gint64 wait_ms;

  g_clear_handle_id (&self->idle_source_id, g_source_remove);
  if (!self->signed_in || self->locked || self->idle_lock_seconds == 0)
    return;
  deadline_usec = self->last_activity_usec + (gint64) self->idle_lock_seconds * G_USEC_PER_SEC;
  wait_ms = MAX ((deadline_usec - g_get_monotonic_time ()) / 1000, 0) + 1;
  self->idle_source_id = g_timeout_add_full (G_PRIORITY_DEFAULT, (guint) MIN (wait_ms, G_MAXUINT),
                                             idle_timeout_cb, self, NULL);
}

/**
 * wm_context_touch:
 *
 * Records user input: the idle lock counts from the last call.
 */
void
wm_context_touch (WmContext *self)
{
  g_return_if_fail (WM_IS_CONTEXT (self));

  self->last_activity_usec = g_get_monotonic_time ();
}

static void
set_locked (WmContext *self,
            gboolean   locked)
{
  if (self->locked == locked)
    return;
  self->locked = locked;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOCKED]);
}

/**
 * wm_context_lock:
 *
 * Locks now: "locking" lets forms save their last change, work in flight
 * is dropped when it returns, the session's keys are wiped ahead of queued
 * work (behind those last saves), and "locked" is notified so the window
 * empties what showed case data. Signing in again as the same user
 * unlocks.
 */
void
wm_context_lock (WmContext *self)
{
  GTask *task;
  Job *job;

  g_return_if_fail (WM_IS_CONTEXT (self));

  if (!self->signed_in || self->locked)
    return;
  /* Last saves first: a form with a change not yet written writes it now,
   * while the keys are still there. What they return is dropped with the
   * rest, since the generation moves on below. */
  self->flushing = TRUE;
  g_signal_emit (self, signals[LOCKING], 0);
  self->flushing = FALSE;
  self->generation++;
  g_clear_handle_id (&self->idle_source_id, g_source_remove);
  task = start_job (self, JOB_LOCK, wm_context_lock, NULL, NULL, NULL, &job);
  wm_store_thread_run_first (self->thread, task, run_job);
  g_object_unref (task);
  set_locked (self, TRUE);
}

/**
 * wm_context_sign_out:
 *
 * Ends the session: as a lock, and the session itself is dropped, so the
 * next sign-in may be anyone's.
 */
void
wm_context_sign_out (WmContext *self)
{
  GTask *task;
  Job *job;

  g_return_if_fail (WM_IS_CONTEXT (self));

  if (!self->signed_in)
    return;
  self->generation++;
  g_clear_handle_id (&self->idle_source_id, g_source_remove);
  task = start_job (self, JOB_SIGN_OUT, wm_context_sign_out, NULL, NULL, NULL, &job);
  wm_store_thread_run_first (self->thread, task, run_job);
  g_object_unref (task);
  g_clear_pointer (&self->user_name, g_free);
  self->user_id = 0;
  self->signed_in = FALSE;
  set_locked (self, FALSE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SIGNED_IN]);
}

/**
 * wm_context_wait_idle:
 *
 * Blocks until the store thread has finished everything queued. For tests
 * and shutdown only.
 */
void
wm_context_wait_idle (WmContext *self)
{
  g_return_if_fail (WM_IS_CONTEXT (self));

  wm_store_thread_wait_idle (self->thread);
}

/* Sign-in. */

/**
 * wm_context_sign_in_async:
 * @passphrase: copied at once into secure memory; the caller should clear
 *   its own copy
 *
 * Signs @user_name in, or unlocks a locked session of the same user. A
 * different user at a locked window ends the locked session.
 */
void
wm_context_sign_in_async (WmContext           *self,
                          const char          *user_name,
                          const char          *passphrase,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  GTask *task;
  Job *job;

  g_return_if_fail (WM_IS_CONTEXT (self));
  g_return_if_fail (user_name != NULL);
  g_return_if_fail (passphrase != NULL);

  task = start_job (self, JOB_SIGN_IN, wm_context_sign_in_async, cancellable, callback, user_data, &job);
  job->user_name = g_strdup (user_name);
  job->passphrase = wm_secret_new_from_string (passphrase);
  queue (self, task);
}

/**
 * wm_context_sign_in_finish:
 * @out_wait_seconds: (out) (optional): after a failure, how long until the
 *   account may try again (0: at once)
 *
 * Completes the sign-in: the context is signed in and unlocked when this
 * returns %TRUE.
 */
gboolean
wm_context_sign_in_finish (WmContext     *self,
                           GAsyncResult  *result,
                           gint64        *out_wait_seconds,
                           GError       **error)
{
  Job *job;

  g_return_val_if_fail (WM_IS_CONTEXT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  job = g_task_get_task_data (G_TASK (result));
  if (out_wait_seconds != NULL)
    *out_wait_seconds = job->wait_seconds;
  if (!finish_boolean (self, result, wm_context_sign_in_async, error))
    return FALSE;

  if (g_strcmp0 (self->user_name, job->signed_in_name) != 0)
    {
      g_free (self->user_name);
      self->user_name = g_strdup (job->signed_in_name);
    }
  self->user_id = job->signed_in_id;
  self->role = job->signed_in_role;
  self->review_intervals = job->signed_in_intervals;
  if (!self->signed_in)
    {
      self->signed_in = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SIGNED_IN]);
    }
  wm_context_touch (self);
  set_locked (self, FALSE);
  arm_idle_timer (self);
  return TRUE;
}

/* Everything else: start, and finish. */

void
wm_context_list_users_async (WmContext           *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  Job *job;

  g_return_if_fail (WM_IS_CONTEXT (self));
  queue (self, start_job (self, JOB_LIST_USERS, wm_context_list_users_async,
                          cancellable, callback, user_data, &job));
}

/**
 * wm_context_list_users_finish:
 *
 * Returns: (transfer container) (element-type WmUser): the accounts, for
 *   the sign-in page and for choosing a caseworker
 */
GPtrArray *
wm_context_list_users_finish (WmContext     *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

void
wm_context_load_caseload_async (WmContext           *self,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  Job *job;

  g_return_if_fail (WM_IS_CONTEXT (self));
  queue (self, start_job (self, JOB_CASELOAD, wm_context_load_caseload_async,
                          cancellable, callback, user_data, &job));
}

/**
 * wm_context_load_caseload_finish:
 *
 * Returns: (transfer full): a list of #WmCase, one per case the user can read
 */
GListModel *
wm_context_load_caseload_finish (WmContext     *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  return finish_pointer (self, result, wm_context_load_caseload_async, g_object_unref, error);
}

void
wm_context_open_case_async (WmContext           *self,
                            gint64               case_id,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  GTask *task;
  Job *job;

  g_return_if_fail (WM_IS_CONTEXT (self));
  task = start_job (self, JOB_OPEN_CASE, wm_context_open_case_async, cancellable, callback, user_data, &job);
  job->case_id = case_id;
  queue (self, task);
}

/**
 * wm_context_open_case_finish:
 *
 * Returns: (transfer container) (element-type WmRecord): the current
 *   version of each record of the case
 */
GPtrArray *
wm_context_open_case_finish (WmContext     *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  return finish_pointer (self, result, wm_context_open_case_async,
                         (GDestroyNotify) g_ptr_array_unref, error);
}

void
wm_context_list_history_async (WmContext           *self,
                               gint64               record_id,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  GTask *task;
  Job *job;

  g_return_if_fail (WM_IS_CONTEXT (self));
  task = start_job (self, JOB_HISTORY, wm_context_list_history_async, cancellable, callback, user_data, &job);
  job->record_id = record_id;
  queue (self, task);
}

/**
 * wm_context_list_history_finish:
 *
 * Returns: (transfer container) (element-type WmRecord): every version of
 *   the record, oldest first
 */
GPtrArray *
wm_context_list_history_finish (WmContext     *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  return finish_pointer (self, result, wm_context_list_history_async,
                         (GDestroyNotify) g_ptr_array_unref, error);
}

/**
 * wm_context_create_person_async:
 * @profile: the young person's profile; its checks run before anything
 *   is written (wm_casebook_create_person())
 */
void
wm_context_create_person_async (WmContext           *self,
                                gint64               caseworker_id,
                                GVariant            *profile,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  GTask *task;
  Job *job;

  g_return_if_fail (WM_IS_CONTEXT (self));
  g_return_if_fail (profile != NULL);
  task = start_job (self, JOB_CREATE_PERSON, wm_context_create_person_async,
                    cancellable, callback, user_data, &job);
  job->user_id = caseworker_id;
  job->payload = g_variant_ref_sink (profile);
  queue (self, task);
}

/**
 * wm_context_create_person_finish:
 *
 * Returns: the new case's id, or 0 with @error set
 */
gint64
wm_context_create_person_finish (WmContext     *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  return finish_int (self, result, wm_context_create_person_async, error);
}

/**
 * wm_context_create_people_async:
 * @profiles: (element-type GVariant): written in one transaction, all or
 *   none (an import)
 */
void
wm_context_create_people_async (WmContext           *self,
                                gint64               caseworker_id,
                                GPtrArray           *profiles,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  GTask *task;
  Job *job;

  g_return_if_fail (WM_IS_CONTEXT (self));
  g_return_if_fail (profiles != NULL);
  task = start_job (self, JOB_CREATE_PEOPLE, wm_context_create_people_async,
                    cancellable, callback, user_data, &job);
  job->user_id = caseworker_id;
  job->profiles = g_ptr_array_ref (profiles);
  queue (self, task);
}

/**
 * wm_context_create_people_finish:
 *
 * Returns: how many were created (all of them), or 0 with @error set
 */
guint
wm_context_create_people_finish (WmContext     *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  return (guint) finish_int (self, result, wm_context_create_people_async, error);
}

/**
 * wm_context_save_record_async:
 * @record_id: the record to write a new version of, or 0 for a new record
 *   of @kind in @case_id
 *
 * Saves through wm_casebook_add_record() / wm_casebook_update_record(),
 * which run the domain's checks first.
 */
void
wm_context_save_record_async (WmContext           *self,
                              gint64               case_id,
                              gint64               record_id,
                              WmRecordKind         kind,
                              GVariant            *payload,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  GTask *task;
  Job *job;

  g_return_if_fail (WM_IS_CONTEXT (self));
  g_return_if_fail (payload != NULL);
  task = start_job (self, JOB_SAVE_RECORD, wm_context_save_record_async,
                    cancellable, callback, user_data, &job);
  job->case_id = case_id;
  job->record_id = record_id;
  job->record_kind = kind;
  job->payload = g_variant_ref_sink (payload);
  queue (self, task);
}

/**
 * wm_context_save_record_finish:
 *
 * Returns: the record's id, or 0 with @error set
 */
gint64
wm_context_save_record_finish (WmContext     *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  return finish_int (self, result, wm_context_save_record_async, error);
}

void
wm_context_reassign_case_async (WmContext           *self,
                                gint64               case_id,
                                gint64               caseworker_id,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  GTask *task;
  Job *job;

  g_return_if_fail (WM_IS_CONTEXT (self));
  task = start_job (self, JOB_REASSIGN, wm_context_reassign_case_async,
                    cancellable, callback, user_data, &job);
  job->case_id = case_id;
  job->user_id = caseworker_id;
  queue (self, task);
}

gboolean
wm_context_reassign_case_finish (WmContext     *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  return finish_boolean (self, result, wm_context_reassign_case_async, error);
}

/**
 * wm_context_submit_assessment_async:
 * @record_id: the draft to submit, or 0 to submit a new record in @case_id
 * @payload: the assessment; it is written with the state "submitted" (and
 *   without a supervisor's earlier comments), then frozen
 *
 * Submits through the casebook, so every check of a complete assessment
 * runs first (answers, judgements, rationale, constraints).
 */
void
wm_context_submit_assessment_async (WmContext           *self,
                                    gint64               case_id,
                                    gint64               record_id,
                                    GVariant            *payload,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  GTask *task;
  Job *job;

  g_return_if_fail (WM_IS_CONTEXT (self));
  g_return_if_fail (payload != NULL);
  task = start_job (self, JOB_SUBMIT_ASSESSMENT, wm_context_submit_assessment_async,
                    cancellable, callback, user_data, &job);
  job->case_id = case_id;
  job->record_id = record_id;
  job->payload = g_variant_ref_sink (payload);
  queue (self, task);
}

/**
 * wm_context_submit_assessment_finish:
 *
 * Returns: the submitted record's id, or 0 with @error set
 */
gint64
wm_context_submit_assessment_finish (WmContext     *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  return finish_int (self, result, wm_context_submit_assessment_async, error);
}

/**
 * wm_context_approve_record_async:
 * @version: the version the supervisor read; a newer one refuses with
 *   %WM_STORE_ERROR_STALE
 */
void
wm_context_approve_record_async (WmContext           *self,
                                 gint64               record_id,
                                 guint                version,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  GTask *task;
  Job *job;

  g_return_if_fail (WM_IS_CONTEXT (self));
  task = start_job (self, JOB_APPROVE, wm_context_approve_record_async,
                    cancellable, callback, user_data, &job);
  job->record_id = record_id;
  job->version = version;
  queue (self, task);
}

gboolean
wm_context_approve_record_finish (WmContext     *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  return finish_boolean (self, result, wm_context_approve_record_async, error);
}

/**
 * wm_context_return_assessment_async:
 * @version: the version the supervisor read
 * @comments: what the caseworker is to change
 *
 * Returns a submitted assessment to its caseworker: an amendment by the
 * supervisor with the state "returned" and @comments (see
 * WM_ASSESSMENT_RETURN_COMMENTS).
 */
void
wm_context_return_assessment_async (WmContext           *self,
                                    gint64               record_id,
                                    guint                version,
                                    const char          *comments,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  GTask *task;
  Job *job;

  g_return_if_fail (WM_IS_CONTEXT (self));
  g_return_if_fail (comments != NULL);
  task = start_job (self, JOB_RETURN_ASSESSMENT, wm_context_return_assessment_async,
                    cancellable, callback, user_data, &job);
  job->record_id = record_id;
  job->version = version;
  job->comments = g_strdup (comments);
  queue (self, task);
}

/**
 * wm_context_return_assessment_finish:
 *
 * Returns: the returned record (the amendment) id, or 0 with @error set
 */
gint64
wm_context_return_assessment_finish (WmContext     *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  return finish_int (self, result, wm_context_return_assessment_async, error);
}

/**
 * wm_context_amend_record_async:
 * @payload: the amendment's first version, checked as the casebook checks
 *   a record of the amended one's kind
 *
 * Writes a new record that amends @record_id (an approved assessment,
 * which takes no more versions).
 */
void
wm_context_amend_record_async (WmContext           *self,
                               gint64               record_id,
                               GVariant            *payload,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  GTask *task;
  Job *job;

  g_return_if_fail (WM_IS_CONTEXT (self));
  g_return_if_fail (payload != NULL);
  task = start_job (self, JOB_AMEND, wm_context_amend_record_async,
                    cancellable, callback, user_data, &job);
  job->record_id = record_id;
  job->payload = g_variant_ref_sink (payload);
  queue (self, task);
}

/**
 * wm_context_amend_record_finish:
 *
 * Returns: the amendment's record id, or 0 with @error set
 */
gint64
wm_context_amend_record_finish (WmContext     *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  return finish_int (self, result, wm_context_amend_record_async, error);
}

void
wm_context_load_review_queue_async (WmContext           *self,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  Job *job;

  g_return_if_fail (WM_IS_CONTEXT (self));
  queue (self, start_job (self, JOB_REVIEW_QUEUE, wm_context_load_review_queue_async,
                          cancellable, callback, user_data, &job));
}

/**
 * wm_context_load_review_queue_finish:
 *
 * Returns: (transfer container) (element-type WmReviewEntry): the
 *   submitted assessments waiting for approval in the cases this user
 *   holds, each with the version to approve
 */
GPtrArray *
wm_context_load_review_queue_finish (WmContext     *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  return finish_pointer (self, result, wm_context_load_review_queue_async,
                         (GDestroyNotify) g_ptr_array_unref, error);
}

/* Properties. */

WmStore *
wm_context_get_store (WmContext *self)
{
  g_return_val_if_fail (WM_IS_CONTEXT (self), NULL);
  return self->store;
}

gboolean
wm_context_get_signed_in (WmContext *self)
{
  g_return_val_if_fail (WM_IS_CONTEXT (self), FALSE);
  return self->signed_in;
}

gboolean
wm_context_get_locked (WmContext *self)
{
  g_return_val_if_fail (WM_IS_CONTEXT (self), FALSE);
  return self->locked;
}

const char *
wm_context_get_user_name (WmContext *self)
{
  g_return_val_if_fail (WM_IS_CONTEXT (self), NULL);
  return self->user_name;
}

gint64
wm_context_get_user_id (WmContext *self)
{
  g_return_val_if_fail (WM_IS_CONTEXT (self), 0);
  return self->user_id;
}

WmRole
wm_context_get_role (WmContext *self)
{
  g_return_val_if_fail (WM_IS_CONTEXT (self), WM_ROLE_CASEWORKER);
  return self->role;
}

guint
wm_context_get_idle_lock_seconds (WmContext *self)
{
  g_return_val_if_fail (WM_IS_CONTEXT (self), 0);
  return self->idle_lock_seconds;
}

/**
 * wm_context_set_idle_lock_seconds:
 * @seconds: time without input before the session locks; 0 never
 *
 * The window binds this to the "idle-lock-minutes" setting.
 */
void
wm_context_set_idle_lock_seconds (WmContext *self,
                                  guint      seconds)
{
  g_return_if_fail (WM_IS_CONTEXT (self));

  if (self->idle_lock_seconds == seconds)
    return;
  self->idle_lock_seconds = seconds;
  arm_idle_timer (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IDLE_LOCK_SECONDS]);
}

void
wm_context_get_today (WmContext *self,
                      GDate     *out_today)
{
  g_return_if_fail (WM_IS_CONTEXT (self));
  g_return_if_fail (out_today != NULL);

  if (g_date_valid (&self->fixed_today))
    *out_today = self->fixed_today;
  else
    wm_date_set_today (out_today);
}

/**
 * wm_context_set_today:
 * @today: (nullable): the day to work as if it were, or %NULL for the
 *   system's date. For tests and demonstrations.
 */
void
wm_context_set_today (WmContext   *self,
                      const GDate *today)
{
  g_return_if_fail (WM_IS_CONTEXT (self));

  if (today != NULL && g_date_valid (today))
    self->fixed_today = *today;
  else
    g_date_clear (&self->fixed_today, 1);
}

static void
wm_context_dispose (GObject *object)
{
  WmContext *self = WM_CONTEXT (object);

  g_clear_handle_id (&self->idle_source_id, g_source_remove);

  G_OBJECT_CLASS (wm_context_parent_class)->dispose (object);
}

static void
wm_context_finalize (GObject *object)
{
  WmContext *self = WM_CONTEXT (object);

  /* Every job holds a reference to the context, so none is left; the
   * thread ends before the session and the store it used go. */
  g_clear_object (&self->thread);
  g_clear_object (&self->session);
  g_clear_object (&self->store);
  g_free (self->user_name);

  G_OBJECT_CLASS (wm_context_parent_class)->finalize (object);
}

static void
wm_context_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  WmContext *self = WM_CONTEXT (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_SIGNED_IN:
      g_value_set_boolean (value, self->signed_in);
      break;
    case PROP_LOCKED:
      g_value_set_boolean (value, self->locked);
      break;
    case PROP_IDLE_LOCK_SECONDS:
      g_value_set_uint (value, self->idle_lock_seconds);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wm_context_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  WmContext *self = WM_CONTEXT (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_IDLE_LOCK_SECONDS:
      wm_context_set_idle_lock_seconds (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wm_context_class_init (WmContextClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = wm_context_dispose;
  object_class->finalize = wm_context_finalize;
  object_class->get_property = wm_context_get_property;
  object_class->set_property = wm_context_set_property;

  /**
   * WmContext:store:
   *
   * The organisation's database, or %NULL when none is open. From here on
   * it is used only on the context's store thread.
   */
  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, WM_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SIGNED_IN] =
    g_param_spec_boolean ("signed-in", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOCKED] =
    g_param_spec_boolean ("locked", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_IDLE_LOCK_SECONDS] =
    g_param_spec_uint ("idle-lock-seconds", NULL, NULL, 0, G_MAXUINT, 300,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * WmContext::locking:
   *
   * Emitted as the session is about to lock (Ctrl+L, the idle timer),
   * keys still in place: a handler saves what its form has not yet
   * written, and that save runs before the lock.
   */
  signals[LOCKING] =
    g_signal_new ("locking", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
wm_context_init (WmContext *self)
{
  self->thread = wm_store_thread_new ();
  self->idle_lock_seconds = 300;
  self->role = WM_ROLE_CASEWORKER;
  g_date_clear (&self->fixed_today, 1);
  wm_review_intervals_init_defaults (&self->review_intervals);
}

/**
 * wm_context_new:
 * @store: (nullable): the organisation's database, or %NULL when none is open
 */
WmContext *
wm_context_new (WmStore *store)
{
  g_return_val_if_fail (store == NULL || WM_IS_STORE (store), NULL);

  return g_object_new (WM_TYPE_CONTEXT, "store", store, NULL);
}

/**
 * wm_context_call_async:
 * @func: runs on the store thread with the signed-in session; returns the
 *   result, or %NULL with its error set
 * @data: (transfer full): what @func needs, freed with @data_free
 * @result_free: frees a result the caller never took (after a lock)
 *
 * Runs a feature's own store work (a referral, say) as every other call
 * here runs: on the store thread, in order, dropped if the window locks
 * first. The feature's module keeps its own typed _async/_finish pair
 * around this one.
 */
void
wm_context_call_async (WmContext           *self,
                       WmContextFunc        func,
                       gpointer             data,
                       GDestroyNotify       data_free,
                       GDestroyNotify       result_free,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  GTask *task;
  Job *job;

  g_return_if_fail (WM_IS_CONTEXT (self));
  g_return_if_fail (func != NULL);

  task = start_job (self, JOB_CALL, wm_context_call_async, cancellable, callback, user_data, &job);
  job->call = func;
  job->call_data = data;
  job->call_data_free = data_free;
  job->call_result_free = result_free;
  queue (self, task);
}

/**
 * wm_context_call_finish:
 *
 * Returns: (transfer full): what the function returned, or %NULL with
 *   @error set (G_IO_ERROR_CANCELLED when the window locked first)
 */
gpointer
wm_context_call_finish (WmContext     *self,
                        GAsyncResult  *result,
                        GError       **error)
{
  Job *job;

  g_return_val_if_fail (WM_IS_CONTEXT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  job = g_task_get_task_data (G_TASK (result));
  return finish_pointer (self, result, wm_context_call_async, job->call_result_free, error);
}

/* Review intervals */

/**
 * wm_context_get_review_intervals:
 *
 * The organisation's review intervals as read at the last sign-in or
 * unlock, or as this desk last saved them; the defaults before.
 *
 * Returns: (transfer none): the intervals
 */
const WmReviewIntervals *
wm_context_get_review_intervals (WmContext *self)
{
  g_return_val_if_fail (WM_IS_CONTEXT (self), NULL);

  return &self->review_intervals;
}

static gpointer
save_review_intervals_in_store (WmSession    *session,
                                const GDate  *today,
                                gpointer      data,
                                GError      **error)
{
  const WmReviewIntervals *intervals = data;

  if (!wm_review_intervals_save (intervals, session, error))
    return NULL;
  return g_memdup2 (intervals, sizeof *intervals);
}

static void
review_intervals_saved_cb (GObject      *source,
                           GAsyncResult *result,
                           gpointer      user_data)
{
  WmContext *self = WM_CONTEXT (source);
  g_autoptr(GTask) task = user_data;
  g_autofree WmReviewIntervals *saved = NULL;
  GError *error = NULL;

  saved = wm_context_call_finish (self, result, &error);
  if (saved == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  self->review_intervals = *saved;
  g_task_return_boolean (task, TRUE);
}

/**
 * wm_context_save_review_intervals_async:
 * @intervals: the new intervals
 *
 * Saves the organisation's review intervals (an administrator's session
 * only); this desk uses them from then on, other desks from their next
 * sign-in or unlock.
 */
void
wm_context_save_review_intervals_async (WmContext               *self,
                                        const WmReviewIntervals *intervals,
                                        GCancellable            *cancellable,
                                        GAsyncReadyCallback      callback,
                                        gpointer                 user_data)
{
  GTask *task;

  g_return_if_fail (WM_IS_CONTEXT (self));
  g_return_if_fail (intervals != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, wm_context_save_review_intervals_async);
  /* Not cancelled with the caller (a Preferences window closed): once
   * saved, this desk must use what the store holds. */
  wm_context_call_async (self, save_review_intervals_in_store, g_memdup2 (intervals, sizeof *intervals), g_free,
                         g_free, NULL, review_intervals_saved_cb, task);
}

gboolean
wm_context_save_review_intervals_finish (WmContext     *self,
                                         GAsyncResult  *result,
                                         GError       **error)
{
  g_return_val_if_fail (WM_IS_CONTEXT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
