/* wm-assessment-flow.h — the guided assessment: one section a page, drafts as you go, the summary, submission
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "wm-context.h"
#include "wm-instrument.h"

G_BEGIN_DECLS

#define WM_TYPE_ASSESSMENT_FLOW (wm_assessment_flow_get_type ())

G_DECLARE_FINAL_TYPE (WmAssessmentFlow, wm_assessment_flow, WM, ASSESSMENT_FLOW, AdwBin)

WmAssessmentFlow *wm_assessment_flow_new              (WmContext          *context);
WmContext        *wm_assessment_flow_get_context      (WmAssessmentFlow   *self);
void              wm_assessment_flow_start            (WmAssessmentFlow   *self,
                                                       gint64              case_id,
                                                       GVariant           *profile,
                                                       WmInstrument       *instrument);
gboolean          wm_assessment_flow_open             (WmAssessmentFlow   *self,
                                                       gint64              case_id,
                                                       GVariant           *profile,
                                                       const WmRecord     *record,
                                                       GError            **error);
gint64            wm_assessment_flow_get_record_id    (WmAssessmentFlow   *self);
WmInstrument     *wm_assessment_flow_get_instrument   (WmAssessmentFlow   *self);
gboolean          wm_assessment_flow_get_read_only    (WmAssessmentFlow   *self);
gboolean          wm_assessment_flow_get_busy         (WmAssessmentFlow   *self);
const char       *wm_assessment_flow_get_message      (WmAssessmentFlow   *self);
const char       *wm_assessment_flow_get_state_text   (WmAssessmentFlow   *self);
guint             wm_assessment_flow_get_page         (WmAssessmentFlow   *self);
guint             wm_assessment_flow_get_n_pages      (WmAssessmentFlow   *self);
void              wm_assessment_flow_set_page         (WmAssessmentFlow   *self,
                                                       guint               page);
void              wm_assessment_flow_next             (WmAssessmentFlow   *self);
void              wm_assessment_flow_previous         (WmAssessmentFlow   *self);
GVariant         *wm_assessment_flow_dup_answers      (WmAssessmentFlow   *self);
GVariant         *wm_assessment_flow_dup_payload      (WmAssessmentFlow   *self,
                                                       const char         *state);
GtkWidget        *wm_assessment_flow_get_item_widget  (WmAssessmentFlow   *self,
                                                       const char         *item_id,
                                                       const char         *option_id);
gboolean          wm_assessment_flow_get_item_shown   (WmAssessmentFlow   *self,
                                                       const char         *item_id);
GtkWidget        *wm_assessment_flow_get_judgement_row (WmAssessmentFlow  *self,
                                                       const char         *judgement_id);
GtkTextBuffer    *wm_assessment_flow_get_rationale    (WmAssessmentFlow   *self);
const char       *wm_assessment_flow_get_next_review  (WmAssessmentFlow   *self);
void              wm_assessment_flow_save_now         (WmAssessmentFlow   *self);
void              wm_assessment_flow_submit           (WmAssessmentFlow   *self);
void              wm_assessment_flow_amend            (WmAssessmentFlow   *self);
void              wm_assessment_flow_clear            (WmAssessmentFlow   *self);

G_END_DECLS
