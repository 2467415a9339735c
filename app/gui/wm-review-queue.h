/* wm-review-queue.h — the supervisor's queue: submitted assessments to approve or return
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "wm-context.h"

G_BEGIN_DECLS

#define WM_TYPE_REVIEW_QUEUE (wm_review_queue_get_type ())

G_DECLARE_FINAL_TYPE (WmReviewQueue, wm_review_queue, WM, REVIEW_QUEUE, AdwBin)

WmReviewQueue *wm_review_queue_new              (WmContext     *context);
WmContext     *wm_review_queue_get_context      (WmReviewQueue *self);
void           wm_review_queue_reload           (WmReviewQueue *self);
void           wm_review_queue_clear            (WmReviewQueue *self);
guint          wm_review_queue_get_n_waiting    (WmReviewQueue *self);
gboolean       wm_review_queue_get_busy         (WmReviewQueue *self);
const char    *wm_review_queue_get_message      (WmReviewQueue *self);
gint64         wm_review_queue_get_record_id    (WmReviewQueue *self,
                                                 guint          position);
char          *wm_review_queue_dup_summary      (WmReviewQueue *self,
                                                 gint64         record_id);
void           wm_review_queue_approve          (WmReviewQueue *self,
                                                 gint64         record_id);
void           wm_review_queue_return           (WmReviewQueue *self,
                                                 gint64         record_id,
                                                 const char    *comments);

G_END_DECLS
