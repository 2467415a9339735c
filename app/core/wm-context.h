/* wm-context.h — what the window works with: the store, the signed-in session, the clock, locking
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "wm-record.h"
#include "wm-review-intervals.h"
#include "wm-session.h"
#include "wm-store.h"

G_BEGIN_DECLS

#define WM_TYPE_CONTEXT (wm_context_get_type ())

/* Store work a feature runs through the context (wm_context_call_async()). */
typedef gpointer (*WmContextFunc) (WmSession    *session,
                                   const GDate  *today,
                                   gpointer      data,
                                   GError      **error);

G_DECLARE_FINAL_TYPE (WmContext, wm_context, WM, CONTEXT, GObject)

WmContext  *wm_context_new                    (WmStore              *store);
WmStore    *wm_context_get_store              (WmContext            *self);
gboolean    wm_context_get_signed_in          (WmContext            *self);
gboolean    wm_context_get_locked             (WmContext            *self);
const char *wm_context_get_user_name          (WmContext            *self);
gint64      wm_context_get_user_id            (WmContext            *self);
WmRole      wm_context_get_role               (WmContext            *self);
guint       wm_context_get_idle_lock_seconds  (WmContext            *self);
void        wm_context_set_idle_lock_seconds  (WmContext            *self,
                                               guint                 seconds);
void        wm_context_get_today              (WmContext            *self,
                                               GDate                *out_today);
void        wm_context_set_today              (WmContext            *self,
                                               const GDate          *today);
void        wm_context_touch                  (WmContext            *self);
void        wm_context_lock                   (WmContext            *self);
void        wm_context_sign_out               (WmContext            *self);
void        wm_context_wait_idle              (WmContext            *self);

void        wm_context_sign_in_async          (WmContext            *self,
                                               const char           *user_name,
                                               const char           *passphrase,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
gboolean    wm_context_sign_in_finish         (WmContext            *self,
                                               GAsyncResult         *result,
                                               gint64               *out_wait_seconds,
                                               GError              **error);
void        wm_context_list_users_async       (WmContext            *self,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
GPtrArray  *wm_context_list_users_finish      (WmContext            *self,
                                               GAsyncResult         *result,
                                               GError              **error);
void        wm_context_load_caseload_async    (WmContext            *self,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
GListModel *wm_context_load_caseload_finish   (WmContext            *self,
                                               GAsyncResult         *result,
                                               GError              **error);
void        wm_context_open_case_async        (WmContext            *self,
                                               gint64                case_id,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
GPtrArray  *wm_context_open_case_finish       (WmContext            *self,
                                               GAsyncResult         *result,
                                               GError              **error);
void        wm_context_list_history_async     (WmContext            *self,
                                               gint64                record_id,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
GPtrArray  *wm_context_list_history_finish    (WmContext            *self,
                                               GAsyncResult         *result,
                                               GError              **error);
void        wm_context_create_person_async    (WmContext            *self,
                                               gint64                caseworker_id,
                                               GVariant             *profile,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
gint64      wm_context_create_person_finish   (WmContext            *self,
                                               GAsyncResult         *result,
                                               GError              **error);
void        wm_context_create_people_async    (WmContext            *self,
                                               gint64                caseworker_id,
                                               GPtrArray            *profiles,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
guint       wm_context_create_people_finish   (WmContext            *self,
                                               GAsyncResult         *result,
                                               GError              **error);
void        wm_context_save_record_async      (WmContext            *self,
                                               gint64                case_id,
                                               gint64                record_id,
                                               WmRecordKind          kind,
                                               GVariant             *payload,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
gint64      wm_context_save_record_finish     (WmContext            *self,
                                               GAsyncResult         *result,
                                               GError              **error);
void        wm_context_reassign_case_async    (WmContext            *self,
                                               gint64                case_id,
                                               gint64                caseworker_id,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
gboolean    wm_context_reassign_case_finish   (WmContext            *self,
                                               GAsyncResult         *result,
                                               GError              **error);


/* Assessments: submission, sign-off, returns and amendments.
 *
 * A submitted assessment is frozen (its author signs it as final) and
 * takes no more versions. A supervisor approves exactly the version they
 * read, or returns it: returning writes an amendment of the submitted
 * record, by the supervisor, with the same answers, the state "returned"
 * and the comments under WM_ASSESSMENT_RETURN_COMMENTS, which the
 * caseworker then edits and submits again. The returned record is what
 * the caseworker sees as the case's latest assessment; the submitted one
 * stays as it was submitted, never approved, and is known to have been
 * returned because a record amends it. */
#define WM_ASSESSMENT_RETURN_COMMENTS "return-comments"  /* s: why a supervisor returned it */

/* One submitted assessment waiting for a supervisor. */
typedef struct
{
  gint64    case_id;
  char     *reference;     /* the case's pseudonymous reference */
  char     *display_name;  /* or NULL when the profile could not be read */
  WmRecord *record;        /* the current version, as read: approve this version */
} WmReviewEntry;

void        wm_review_entry_free                   (WmReviewEntry        *entry);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WmReviewEntry, wm_review_entry_free)

void        wm_context_submit_assessment_async     (WmContext            *self,
                                                    gint64                case_id,
                                                    gint64                record_id,
                                                    GVariant             *payload,
                                                    GCancellable         *cancellable,
                                                    GAsyncReadyCallback   callback,
                                                    gpointer              user_data);
gint64      wm_context_submit_assessment_finish    (WmContext            *self,
                                                    GAsyncResult         *result,
                                                    GError              **error);
void        wm_context_approve_record_async        (WmContext            *self,
                                                    gint64                record_id,
                                                    guint                 version,
                                                    GCancellable         *cancellable,
                                                    GAsyncReadyCallback   callback,
                                                    gpointer              user_data);
gboolean    wm_context_approve_record_finish       (WmContext            *self,
                                                    GAsyncResult         *result,
                                                    GError              **error);
void        wm_context_return_assessment_async     (WmContext            *self,
                                                    gint64                record_id,
                                                    guint                 version,
                                                    const char           *comments,
                                                    GCancellable         *cancellable,
                                                    GAsyncReadyCallback   callback,
                                                    gpointer              user_data);
gint64      wm_context_return_assessment_finish    (WmContext            *self,
                                                    GAsyncResult         *result,
                                                    GError              **error);
void        wm_context_amend_record_async          (WmContext            *self,
                                                    gint64                record_id,
                                                    GVariant             *payload,
                                                    GCancellable         *cancellable,
                                                    GAsyncReadyCallback   callback,
                                                    gpointer              user_data);
gint64      wm_context_amend_record_finish         (WmContext            *self,
                                                    GAsyncResult         *result,
                                                    GError              **error);
void        wm_context_load_review_queue_async     (WmContext            *self,
                                                    GCancellable         *cancellable,
                                                    GAsyncReadyCallback   callback,
                                                    gpointer              user_data);
GPtrArray  *wm_context_load_review_queue_finish    (WmContext            *self,
                                                    GAsyncResult         *result,
                                                    GError              **error);

void        wm_context_call_async             (WmContext            *self,
                                               WmContextFunc         func,
                                               gpointer              data,
                                               GDestroyNotify        data_free,
                                               GDestroyNotify        result_free,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
gpointer    wm_context_call_finish            (WmContext            *self,
                                               GAsyncResult         *result,
                                               GError              **error);

const WmReviewIntervals *wm_context_get_review_intervals (WmContext *self);
void        wm_context_save_review_intervals_async  (WmContext               *self,
                                                     const WmReviewIntervals *intervals,
                                                     GCancellable            *cancellable,
                                                     GAsyncReadyCallback      callback,
                                                     gpointer                 user_data);
gboolean    wm_context_save_review_intervals_finish (WmContext               *self,
                                                     GAsyncResult            *result,
                                                     GError                 **error);

G_END_DECLS
