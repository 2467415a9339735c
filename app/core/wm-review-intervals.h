/* wm-review-intervals.h — how soon an assessment is reviewed, set for the whole organisation
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "wm-session.h"

G_BEGIN_DECLS

#define WM_REVIEW_WEEKS_MIN 1
#define WM_REVIEW_WEEKS_MAX 52
/* One interval per level of wm_risk_levels, in its order. */
#define WM_N_REVIEW_LEVELS  4

typedef struct
{
  guint weeks[WM_N_REVIEW_LEVELS];
} WmReviewIntervals;

void      wm_review_intervals_init_defaults (WmReviewIntervals       *self);
gboolean  wm_review_intervals_load          (WmReviewIntervals       *self,
                                             WmSession               *session,
                                             GError                 **error);
gboolean  wm_review_intervals_save          (const WmReviewIntervals *self,
                                             WmSession               *session,
                                             GError                 **error);
char     *wm_review_intervals_next_review   (const WmReviewIntervals *self,
                                             GVariant                *judgements,
                                             const GDate             *from);

G_END_DECLS
