/* wm-assessment.c — assessment payloads: instruments, states, judgements, ACEs
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What an assessment asks, how it scores and what it constrains live in
 * the instrument definitions (data/instruments/, read by
 * wm-instrument-loader.c): wm_assessment_check() checks a payload against
 * the very definition, id and version, it was made with. What is left here
 * is what the rest of Waymark reasons about without an instrument at hand:
 * the states of an assessment, and the judgement scales the caseload sorts
 * and filters by (they match the shipped diversion-risk-needs scales, in
 * order, lowest first).
 *
 * The ACE categories and exploitation indicators below are the ids of
 * version 1 of the two instruments, the records Waymark wrote before
 * definitions: the demo generator still writes them. New code reads the
 * instrument instead (wm_instrument_registry_lookup_latest()).
 */

#define G_LOG_DOMAIN "wm-core"

#include "config.h"

#include <glib/gi18n.h>

#include "wm-assessment.h"
#include "wm-instrument-registry.h"
#include "wm-instrument-score.h"
#include "wm-payload.h"

const WmTerm wm_instruments[] = {
  { WM_INSTRUMENT_ACE, N_("Adverse childhood experiences (ACE)") },
  { WM_INSTRUMENT_DIVERSION_RISK_NEEDS, N_("Diversion risk and needs") },
  { NULL, NULL }
};

const WmTerm wm_assessment_states[] = {
  { "draft", N_("Draft") },
  { "submitted", N_("Submitted for approval") },
  { "approved", N_("Approved") },
  { "returned", N_("Returned for changes") },
  { NULL, NULL }
};

/* The judgements a diversion-risk-needs assessment records: the keys of
 * its "judgements" dictionary, with the names people see them by. */
const WmTerm wm_judgements[] = {
  { WM_JUDGEMENT_SAFETY_WELLBEING, N_("Safety and wellbeing") },
  { WM_JUDGEMENT_SERIOUS_HARM, N_("Risk of serious harm") },
  { WM_JUDGEMENT_EXPLOITATION, N_("Exploitation risk") },
  { WM_JUDGEMENT_INTERVENTION_LEVEL, N_("Intervention level") },
  { NULL, NULL }
};

const WmTerm wm_risk_levels[] = {
  { "low", N_("Low") },
  { "medium", N_("Medium") },
  { "high", N_("High") },
  { "very-high", N_("Very high") },
  { NULL, NULL }
};

const WmTerm wm_exploitation_levels[] = {
  { "none", N_("None") },
  { "emerging", N_("Emerging") },
  { "moderate", N_("Moderate") },
  { "significant", N_("Significant") },
  { NULL, NULL }
};

const WmTerm wm_intervention_levels[] = {
  { "light-touch", N_("Light touch") },
  { "targeted", N_("Targeted") },
  { "intensive", N_("Intensive") },
  { NULL, NULL }
};

/* The ten categories of the CDC-Kaiser ACE study, with the ids of version 1
 * of the "ace" instrument. Version 2 stores "domestic-abuse": the id and the
 * name follow the Domestic Abuse Act 2021, under which a child who sees,
 * hears or experiences its effects is a victim in their own right. */
const WmTerm wm_ace_categories[] = {
  { "emotional-abuse", N_("Emotional abuse") },
  { "physical-abuse", N_("Physical abuse") },
  { "sexual-abuse", N_("Sexual abuse") },
  { "emotional-neglect", N_("Emotional neglect") },
  { "physical-neglect", N_("Physical neglect") },
  { "parental-separation", N_("Parents separated or divorced") },
  { "domestic-violence", N_("Domestic abuse in the household") },
  { "household-substance-misuse", N_("Household substance misuse") },
  { "household-mental-illness", N_("Household mental illness") },
  { "household-imprisonment", N_("Household member in prison") },
  { NULL, NULL }
};

const WmTerm wm_ace_answers[] = {
  { WM_ACE_YES, N_("Known or disclosed") },
  { WM_ACE_NOT_KNOWN, N_("Not known") },
  { WM_ACE_NO, N_("No") },
  { NULL, NULL }
};

/* Version 1's short list of the Home Office county lines indicators.
 * Version 2 of diversion-risk-needs has the guidance's full list
 * (data/instruments/diversion-risk-needs-2.json, with its attribution under
 * the Open Government Licence v3.0). */
const WmTerm wm_exploitation_indicators[] = {
  { "missing-episodes", N_("Goes missing from home or care") },
  { "found-out-of-area", N_("Found out of area") },
  { "unexplained-money", N_("Unexplained money, clothes or phones") },
  { "multiple-phones", N_("More than one phone") },
  { "carrying-weapons", N_("Carries weapons") },
  { "controlling-relationships", N_("Older or controlling relationships") },
  { "unexplained-injuries", N_("Unexplained injuries") },
  { "school-decline", N_("Sudden decline at school") },
  { "self-harm", N_("Self-harm or change in wellbeing") },
  { NULL, NULL }
};

const WmTerm wm_education_statuses[] = {
  { "in-education", N_("In education") },
  { "at-risk-of-exclusion", N_("At risk of exclusion") },
  { "excluded", N_("Excluded") },
  { "in-training-or-work", N_("In training or work") },
  { "neet", N_("Not in education, employment or training") },
  { NULL, NULL }
};

const WmTerm wm_substance_use_levels[] = {
  { "none", N_("None known") },
  { "experimenting", N_("Experimenting") },
  { "regular", N_("Regular use") },
  { "dependent", N_("Dependent") },
  { NULL, NULL }
};

/**
 * wm_ace_score:
 * @answers: (nullable): the "answers" a{sv} of an ACE assessment
 *
 * The score counts the categories recorded as known or disclosed; "not
 * known" counts as nothing, which is why a low score with many unknowns
 * is not reassuring, and why the answers are kept, not just the score.
 *
 * Returns: the number of ACE categories answered "yes"
 */
gint
wm_ace_score (GVariant *answers)
{
  gint score = 0;

  if (answers == NULL || !g_variant_is_of_type (answers, G_VARIANT_TYPE_VARDICT))
    return 0;

  for (const WmTerm *category = wm_ace_categories; category->id != NULL; category++)
    {
      const char *answer = wm_payload_get_string (answers, category->id);

      if (answer != NULL && g_str_equal (answer, WM_ACE_YES))
        score++;
    }
  return score;
}

/**
 * wm_assessment_count_indicators:
 * @answers: (nullable): the "answers" a{sv} of a diversion-risk-needs assessment
 *
 * Returns: how many distinct, known exploitation indicators are marked present
 */
guint
wm_assessment_count_indicators (GVariant *answers)
{
  g_autoptr(GVariant) indicators = NULL;
  g_autoptr(GHashTable) seen = NULL;
  GVariantIter iter;
  const char *id;

  indicators = wm_payload_get_value (answers, WM_DRN_EXPLOITATION_INDICATORS,
                                     G_VARIANT_TYPE_STRING_ARRAY);
  if (indicators == NULL)
    return 0;

  /* A list written twice over, or holding an id a newer instrument added,
   * must not push the count (and so the constraint) either way. */
  seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_variant_iter_init (&iter, indicators);
  while (g_variant_iter_next (&iter, "&s", &id))
    {
      if (wm_term_find (wm_exploitation_indicators, id) != NULL)
        g_hash_table_add (seen, (gpointer) id);
    }
  return g_hash_table_size (seen);
}

/**
 * wm_assessment_check_exploitation_floor:
 * @exploitation: the exploitation judgement, an id of wm_exploitation_levels
 * @age_years: the child's age when assessed
 * @learning_disability: whether the child has a learning disability
 * @n_indicators: how many exploitation indicators are present
 * @error: return location for a #WM_CORE_ERROR_CONSTRAINT
 *
 * The diversion-risk-needs constraint: for a child under 13 or with a
 * learning disability, any indicator at all means exploitation risk is
 * rated at least moderate. Such children are targeted precisely because
 * they are less able to recognise or report what is happening.
 *
 * Returns: %TRUE when the rating respects the floor
 */
gboolean
wm_assessment_check_exploitation_floor (const char  *exploitation,
                                        guint        age_years,
                                        gboolean     learning_disability,
                                        guint        n_indicators,
                                        GError     **error)
{
  int level;

  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  level = wm_term_index (wm_exploitation_levels, exploitation);
  if (level < 0)
    {
      g_autofree char *allowed = wm_term_join_ids (wm_exploitation_levels, ", ");

      g_set_error (error, WM_CORE_ERROR, WM_CORE_ERROR_UNKNOWN_VALUE,
                   _("The exploitation risk must be one of: %s. Choose one of those."), allowed);
      return FALSE;
    }

  if ((age_years < 13 || learning_disability)
      && n_indicators > 0
      && level < wm_term_index (wm_exploitation_levels, "moderate"))
    {
      g_set_error_literal (error, WM_CORE_ERROR, WM_CORE_ERROR_CONSTRAINT,
                           _("Exploitation risk cannot be rated below moderate for a child under 13 "
                             "or with a learning disability when an exploitation indicator is present. "
                             "Rate it moderate or significant."));
      return FALSE;
    }
  return TRUE;
}

/**
 * wm_assessment_check:
 * @assessment: an assessment payload
 * @age_years: the young person's age on the day of the assessment
 * @error: return location for a #WM_CORE_ERROR or #WM_INSTRUMENT_ERROR
 *
 * Checks the fields common to every instrument, then the answers and
 * judgements against the definition @assessment names, at the version it
 * names: types and options, required items and judgements, the
 * instrument's constraints, a stored score that must match the answers,
 * and a rationale wherever a judgement departs from what the score
 * suggests. A draft may be incomplete; anything later must be whole.
 *
 * Returns: %TRUE when @assessment may be saved in its state
 */
gboolean
wm_assessment_check (GVariant  *assessment,
                     guint      age_years,
                     GError   **error)
{
  g_autoptr(GVariant) answers = NULL;
  g_autoptr(GVariant) judgements = NULL;
  g_autoptr(WmInstrumentScore) score = NULL;
  WmInstrument *instrument;
  const char *state;
  const char *rationale;
  gboolean complete;
  gint32 stored_score;

  g_return_val_if_fail (assessment != NULL, FALSE);
  g_return_val_if_fail (g_variant_is_of_type (assessment, G_VARIANT_TYPE_VARDICT), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  instrument = wm_instrument_registry_find_for (wm_instrument_registry_get_default (), assessment, error);
  if (instrument == NULL
      || !wm_payload_check_term (assessment, WM_ASSESSMENT_STATE, wm_assessment_states, TRUE, error))
    return FALSE;

  state = wm_payload_get_string (assessment, WM_ASSESSMENT_STATE);
  complete = !g_str_equal (state, "draft");

  if (!wm_payload_check_date (assessment, WM_ASSESSMENT_COMPLETED_ON, complete, error)
      || !wm_payload_check_date (assessment, WM_ASSESSMENT_NEXT_REVIEW, FALSE, error)
      || !wm_payload_check_type (assessment, WM_ASSESSMENT_ANSWERS,
                                 G_VARIANT_TYPE_VARDICT, complete, error)
      || !wm_payload_check_type (assessment, WM_ASSESSMENT_SCORE,
                                 G_VARIANT_TYPE_INT32, FALSE, error)
      || !wm_payload_check_text (assessment, WM_ASSESSMENT_RATIONALE, FALSE, error)
      || !wm_payload_check_type (assessment, WM_ASSESSMENT_JUDGEMENTS, G_VARIANT_TYPE ("a{ss}"),
                                 complete && wm_instrument_get_judgements (instrument)->len > 0, error))
    return FALSE;

  answers = wm_payload_get_value (assessment, WM_ASSESSMENT_ANSWERS, G_VARIANT_TYPE_VARDICT);
  if (answers != NULL && !wm_instrument_check_answers (instrument, answers, complete, error))
    return FALSE;

  score = wm_instrument_score (instrument, answers, (int) MIN (age_years, (guint) G_MAXINT));

  /* A stored score that disagrees with the answers would flag (or fail to
   * flag) a child on the strength of a stale number. It is the first
   * domain's: the headline number of an instrument that has one. */
  if (wm_payload_get_int (assessment, WM_ASSESSMENT_SCORE, &stored_score)
      && (score->domains->len == 0
          || stored_score != g_array_index (score->domains, WmDomainScore, 0).score))
    {
      g_set_error_literal (error, WM_CORE_ERROR, WM_CORE_ERROR_CONSTRAINT,
                           _("The stored score does not match the answers. Score the answers again, "
                             "then save."));
      return FALSE;
    }

  judgements = wm_payload_get_value (assessment, WM_ASSESSMENT_JUDGEMENTS, G_VARIANT_TYPE ("a{ss}"));
  if (!wm_instrument_check_judgements (score, judgements, complete, error))
    return FALSE;

  /* The score suggests, the caseworker decides, and says why when the
   * decision is not the suggestion. A draft may say so later. */
  rationale = wm_payload_get_string (assessment, WM_ASSESSMENT_RATIONALE);
  if (complete && judgements != NULL && (rationale == NULL || *rationale == '\0'))
    {
      for (guint i = 0; i < score->suggestions->len; i++)
        {
          const WmJudgementSuggestion *suggestion = &g_array_index (score->suggestions, WmJudgementSuggestion, i);
          const char *level = NULL;

          if (g_variant_lookup (judgements, suggestion->judgement->id, "&s", &level)
              && wm_instrument_score_departs (score, suggestion->judgement->id, level))
            {
              g_set_error (error, WM_CORE_ERROR, WM_CORE_ERROR_MISSING,
                           /* Translators: %s is a judgement's name, such as “Exploitation risk”. */
                           _("The judgement “%s” departs from what the score suggests. Say why in the "
                             "rationale before submitting."),
                           wm_instrument_gettext (instrument, suggestion->judgement->label));
              return FALSE;
            }
        }
    }
  return TRUE;
}

/**
 * wm_assessment_get_judgement:
 * @assessment: (nullable): an assessment payload
 * @judgement: a WM_JUDGEMENT_* key
 *
 * Returns: (nullable) (transfer none): the level recorded for @judgement,
 *   valid as long as @assessment is
 */
const char *
wm_assessment_get_judgement (GVariant   *assessment,
                             const char *judgement)
{
  g_autoptr(GVariant) values = NULL;
  const char *level = NULL;

  g_return_val_if_fail (judgement != NULL, NULL);

  values = wm_payload_get_value (assessment, WM_ASSESSMENT_JUDGEMENTS, G_VARIANT_TYPE ("a{ss}"));
  if (values == NULL || !g_variant_lookup (values, judgement, "&s", &level))
    return NULL;

  /* The string lives in @assessment's data (a serialised child shares its
   * parent's bytes, an unserialised one is held by its parent), so it
   * outlives the reference dropped here. */
  return level;
}
