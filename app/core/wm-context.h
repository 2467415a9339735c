/* wm-context.h — what the window works with: the store, the signed-in session, the clock, locking
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "wm-record.h"
#include "wm-session.h"
#include "wm-store.h"

G_BEGIN_DECLS

#define WM_TYPE_CONTEXT (wm_context_get_type ())

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

G_END_DECLS
