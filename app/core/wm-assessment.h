/* wm-assessment.h — assessment payloads: instruments, states, judgements, ACEs
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "wm-core-error.h"
#include "wm-term.h"

G_BEGIN_DECLS

/* The assessment record (WM_RECORD_ASSESSMENT), an a{sv}. The item ids in
 * "answers" belong to the instrument definition in data/instruments/; the
 * ones named here are those the domain code itself reasons about. */
#define WM_ASSESSMENT_INSTRUMENT          "instrument"          /* s: WM_INSTRUMENT_* */
#define WM_ASSESSMENT_INSTRUMENT_VERSION  "instrument-version"  /* u */
#define WM_ASSESSMENT_STATE               "state"               /* s: wm_assessment_states */
#define WM_ASSESSMENT_COMPLETED_ON        "completed-on"        /* s: YYYY-MM-DD */
#define WM_ASSESSMENT_ANSWERS             "answers"             /* a{sv}: item id -> answer */
#define WM_ASSESSMENT_SCORE               "score"               /* i: where the instrument scores */
#define WM_ASSESSMENT_JUDGEMENTS          "judgements"          /* a{ss}: WM_JUDGEMENT_* -> level */
#define WM_ASSESSMENT_RATIONALE           "rationale"           /* s: why a judgement departs from the score */
#define WM_ASSESSMENT_NEXT_REVIEW         "next-review"         /* s: YYYY-MM-DD */

#define WM_INSTRUMENT_ACE                   "ace"
#define WM_INSTRUMENT_DIVERSION_RISK_NEEDS  "diversion-risk-needs"

/* The keys of "judgements" and the scale each takes, in the shipped
 * diversion-risk-needs instrument (the caseload reads them). */
#define WM_JUDGEMENT_SAFETY_WELLBEING    "safety-wellbeing"    /* wm_risk_levels */
#define WM_JUDGEMENT_SERIOUS_HARM        "serious-harm"        /* wm_risk_levels */
#define WM_JUDGEMENT_EXPLOITATION        "exploitation"        /* wm_exploitation_levels */
#define WM_JUDGEMENT_INTERVENTION_LEVEL  "intervention-level"  /* wm_intervention_levels */

/* Answers of the diversion-risk-needs instrument that its constraint reads. */
#define WM_DRN_EXPLOITATION_INDICATORS  "exploitation-indicators"  /* as: wm_exploitation_indicators */
#define WM_DRN_LEARNING_DISABILITY      "learning-disability"      /* b */
#define WM_DRN_EDUCATION                "education"                /* s: wm_education_statuses */
#define WM_DRN_SUBSTANCE_USE            "substance-use"            /* s: wm_substance_use_levels */
#define WM_DRN_MENTAL_HEALTH_CONCERN    "mental-health-concern"    /* b */
#define WM_DRN_OWN_WORDS                "own-words"                /* s: strengths, in their words */

/* ACE answers: each of the ten categories takes one of wm_ace_answers. */
#define WM_ACE_YES        "yes"
#define WM_ACE_NO         "no"
#define WM_ACE_NOT_KNOWN  "not-known"

/* Public Health Wales (2015): adults who reported four or more of the
 * nine ACEs that study counted (no neglect; household alcohol and drug use
 * apart) were far more likely to have been victims and perpetrators of
 * violence. The ace instrument counts the ten CDC-Kaiser categories, so
 * the 4+ flag is a pointer borrowed across category sets, and a population
 * measure, never a prediction about one young person: the instrument's
 * "ace-count" domain carries the note to show beside it. */
#define WM_ACE_FLAG_THRESHOLD 4

extern const WmTerm wm_instruments[];
extern const WmTerm wm_assessment_states[];
extern const WmTerm wm_judgements[];
extern const WmTerm wm_risk_levels[];
extern const WmTerm wm_exploitation_levels[];
extern const WmTerm wm_intervention_levels[];
extern const WmTerm wm_ace_categories[];
extern const WmTerm wm_ace_answers[];
extern const WmTerm wm_exploitation_indicators[];
extern const WmTerm wm_education_statuses[];
extern const WmTerm wm_substance_use_levels[];

gint      wm_ace_score                             (GVariant     *answers);
guint     wm_assessment_count_indicators           (GVariant     *answers);
gboolean  wm_assessment_check_exploitation_floor   (const char   *exploitation,
                                                    guint         age_years,
                                                    gboolean      learning_disability,
                                                    guint         n_indicators,
                                                    GError      **error);
gboolean  wm_assessment_check                      (GVariant     *assessment,
                                                    guint         age_years,
                                                    GError      **error);
const char *wm_assessment_get_judgement            (GVariant     *assessment,
                                                    const char   *judgement);

G_END_DECLS
