/* wm-case.h — one young person's case as a caseload row: an object lists can sort and filter
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "wm-session.h"

G_BEGIN_DECLS

#define WM_TYPE_CASE (wm_case_get_type ())

G_DECLARE_FINAL_TYPE (WmCase, wm_case, WM, CASE, GObject)

/* Days without contact after which a case is flagged, as the caseload's
 * filters offer them. */
#define WM_CASE_CONTACT_WARNING_DAYS 14
#define WM_CASE_CONTACT_ALERT_DAYS   30

WmCase      *wm_case_new_from_entry        (const WmCaseloadEntry *entry,
                                            const GDate           *today);
gint64       wm_case_get_id                (WmCase      *self);
const char  *wm_case_get_reference         (WmCase      *self);
gint64       wm_case_get_caseworker_id     (WmCase      *self);
const char  *wm_case_get_display_name      (WmCase      *self);
const char  *wm_case_get_name_key          (WmCase      *self);
GVariant    *wm_case_get_profile           (WmCase      *self);
int          wm_case_get_age               (WmCase      *self);
const char  *wm_case_get_local_authority   (WmCase      *self);
const char  *wm_case_get_programme         (WmCase      *self);
const char  *wm_case_get_status            (WmCase      *self);
const char  *wm_case_get_level             (WmCase      *self,
                                            const char  *judgement);
int          wm_case_get_level_rank        (WmCase      *self,
                                            const char  *judgement);
const char  *wm_case_get_next_review       (WmCase      *self);
gboolean     wm_case_get_review_overdue    (WmCase      *self);
int          wm_case_get_days_since_contact (WmCase     *self);
gboolean     wm_case_get_unreadable        (WmCase      *self);
gboolean     wm_case_matches               (WmCase      *self,
                                            const char  *folded_query);
char        *wm_case_fold_query            (const char  *text);

G_END_DECLS
