/* wm-assessment-history.h — every assessment of a young person, with a chart of levels and ACE count over time
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "wm-record.h"

G_BEGIN_DECLS

#define WM_TYPE_ASSESSMENT_HISTORY (wm_assessment_history_get_type ())

G_DECLARE_FINAL_TYPE (WmAssessmentHistory, wm_assessment_history, WM, ASSESSMENT_HISTORY, AdwBin)

WmAssessmentHistory *wm_assessment_history_new              (void);
void                 wm_assessment_history_set_records      (WmAssessmentHistory *self,
                                                             GPtrArray           *records);
void                 wm_assessment_history_clear            (WmAssessmentHistory *self);
guint                wm_assessment_history_get_n_assessments (WmAssessmentHistory *self);
const WmRecord      *wm_assessment_history_get_record       (WmAssessmentHistory *self,
                                                             gint64               record_id);
const WmRecord      *wm_assessment_history_find_draft       (WmAssessmentHistory *self,
                                                             const char          *instrument_id);
char                *wm_assessment_history_dup_figures_text (WmAssessmentHistory *self);
char                *wm_assessment_history_dup_row_text     (WmAssessmentHistory *self,
                                                             gint64               record_id);
GtkWidget           *wm_assessment_history_get_chart        (WmAssessmentHistory *self);

G_END_DECLS
