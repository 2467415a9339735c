/* wm-instrument-score.h — scoring an answer set against its instrument
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "wm-instrument.h"

G_BEGIN_DECLS

/* An answer set is the a{sv} an assessment stores under "answers": item
 * id -> the value of the item's type (wm_item_type_get_variant_type()), or
 * the string WM_INSTRUMENT_NOT_KNOWN. A form builds one with GVariantDict.
 * Unknown ids are ignored, and so is an answer to an item its condition
 * hides: a stale answer left behind by a changed earlier answer neither
 * counts nor is required. */

typedef struct
{
  const WmInstrumentDomain *domain;
  int                       score;
  const WmInstrumentBand   *band;         /* or NULL when the domain has no bands */
  guint                     n_not_known;  /* the domain's items answered "not known" */
} WmDomainScore;

typedef struct
{
  const WmInstrumentJudgement *judgement;
  const char                  *suggested;  /* a level, or NULL: the domain's band, raised to the floor */
  const char                  *floor;      /* the lowest level a fired constraint allows, or NULL */
} WmJudgementSuggestion;

typedef struct
{
  WmInstrument *instrument;
  GArray       *domains;      /* WmDomainScore, in the definition's order */
  GArray       *suggestions;  /* WmJudgementSuggestion, in the definition's order */
  GPtrArray    *fired;        /* const WmInstrumentConstraint *: constraints that hold */
  guint         n_required;   /* required items shown */
  guint         n_answered;   /* of those, answered (a "not known" is an answer) */
  guint         n_not_known;  /* answers of "not known", required or not */
  GPtrArray    *missing;      /* const WmInstrumentItem *: required, shown, unanswered */
} WmInstrumentScore;

/* The young person's age is not known (a constraint on age then holds
 * only if another of its conditions does). */
#define WM_INSTRUMENT_AGE_UNKNOWN (-1)

WmInstrumentScore           *wm_instrument_score               (WmInstrument             *instrument,
                                                                GVariant                 *answers,
                                                                int                       age_years);
void                         wm_instrument_score_free          (WmInstrumentScore        *score);
const WmDomainScore         *wm_instrument_score_get_domain    (WmInstrumentScore        *score,
                                                                const char               *domain_id);
const WmJudgementSuggestion *wm_instrument_score_get_suggestion (WmInstrumentScore       *score,
                                                                const char               *judgement_id);
double                       wm_instrument_score_get_completeness (WmInstrumentScore     *score);
gboolean                     wm_instrument_score_departs       (WmInstrumentScore        *score,
                                                                const char               *judgement_id,
                                                                const char               *level);

gboolean                     wm_instrument_item_is_shown       (WmInstrument             *instrument,
                                                                const WmInstrumentItem   *item,
                                                                GVariant                 *answers);
gboolean                     wm_instrument_check_answer        (WmInstrument             *instrument,
                                                                const WmInstrumentItem   *item,
                                                                GVariant                 *value,
                                                                GError                  **error);
gboolean                     wm_instrument_check_answers       (WmInstrument             *instrument,
                                                                GVariant                 *answers,
                                                                gboolean                  complete,
                                                                GError                  **error);
gboolean                     wm_instrument_check_judgements    (WmInstrumentScore        *score,
                                                                GVariant                 *judgements,
                                                                gboolean                  complete,
                                                                GError                  **error);
GVariant                    *wm_instrument_answers_from_json   (WmInstrument             *instrument,
                                                                const char               *json,
                                                                GError                  **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WmInstrumentScore, wm_instrument_score_free)

G_END_DECLS
