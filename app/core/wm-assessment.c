/* wm-assessment.c — assessment payloads: instruments, states, judgements, ACEs
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The wording of items lives in the instrument definitions; what is here
 * is the part of the instruments that code must reason about: the scales
 * judgements are made on (in order, lowest first), the ACE categories that
 * the score counts, and the diversion-risk-needs rule that an exploitation
 * rating has a floor for the youngest and most vulnerable children.
 */

#define G_LOG_DOMAIN "wm-core"

#include "config.h"

#include <glib/gi18n.h>

#include "wm-assessment.h"
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

/* The ten categories of the CDC-Kaiser ACE study, in its order. */
const WmTerm wm_ace_categories[] = {
  { "emotional-abuse", N_("Emotional abuse") },
  { "physical-abuse", N_("Physical abuse") },
  { "sexual-abuse", N_("Sexual abuse") },
  { "emotional-neglect", N_("Emotional neglect") },
  { "physical-neglect", N_("Physical neglect") },
  { "parental-separation", N_("Parents separated or divorced") },
  { "domestic-violence", N_("Domestic violence in the household") },
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

/* The Home Office county lines indicators (Criminal exploitation of
 * children and vulnerable adults: county lines guidance, Open Government
 * Licence v3.0), in our own short wording. */
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

static gboolean
check_judgements (GVariant  *assessment,
                  gboolean   required,
                  GError   **error)
{
  static const struct
  {
    const char   *key;
    const WmTerm *scale;
  } judgements[] = {
    { WM_JUDGEMENT_SAFETY_WELLBEING, wm_risk_levels },
    { WM_JUDGEMENT_SERIOUS_HARM, wm_risk_levels },
    { WM_JUDGEMENT_EXPLOITATION, wm_exploitation_levels },
    { WM_JUDGEMENT_INTERVENTION_LEVEL, wm_intervention_levels },
  };
  g_autoptr(GVariant) values = NULL;

  if (!wm_payload_check_type (assessment, WM_ASSESSMENT_JUDGEMENTS,
                              G_VARIANT_TYPE ("a{ss}"), required, error))
    return FALSE;

  values = wm_payload_get_value (assessment, WM_ASSESSMENT_JUDGEMENTS, G_VARIANT_TYPE ("a{ss}"));
  if (values == NULL)
    return TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (judgements); i++)
    {
      const char *level = NULL;

      if (!g_variant_lookup (values, judgements[i].key, "&s", &level))
        {
          /* A draft may be saved half-made; a submitted one may not. */
          if (!required)
            continue;
          /* The judgement is named as people know it, in their language,
           * never by its key. */
          g_set_error (error, WM_CORE_ERROR, WM_CORE_ERROR_MISSING,
                       /* Translators: %s is a judgement's name, such as “Risk of serious harm”. */
                       _("The judgement “%s” has not been made. Make it before submitting."),
                       wm_term_get_label (wm_judgements, judgements[i].key));
          return FALSE;
        }
      if (wm_term_find (judgements[i].scale, level) == NULL)
        {
          g_autofree char *allowed = wm_term_join_ids (judgements[i].scale, ", ");

          /* The values stay ids: they are what the record holds, and
           * what a program that wrote the wrong one must write instead. */
          g_set_error (error, WM_CORE_ERROR, WM_CORE_ERROR_UNKNOWN_VALUE,
                       /* Translators: the first %s is a judgement's name, the
                        * second a list of the values a record may hold,
                        * which stay as they are. */
                       _("The judgement “%s” must be one of: %s. Choose one of those."),
                       wm_term_get_label (wm_judgements, judgements[i].key), allowed);
          return FALSE;
        }
    }
  return TRUE;
}

/**
 * wm_assessment_check:
 * @assessment: an assessment payload
 * @age_years: the young person's age on the day of the assessment
 * @error: return location for a #WM_CORE_ERROR
 *
 * Checks the fields common to every instrument and the rules of the two
 * shipped ones. A draft may be incomplete; anything later must be whole.
 *
 * Returns: %TRUE when @assessment may be saved in its state
 */
gboolean
wm_assessment_check (GVariant  *assessment,
                     guint      age_years,
                     GError   **error)
{
  g_autoptr(GVariant) answers = NULL;
  const char *instrument;
  const char *state;
  gboolean complete;
  gint32 score;

  g_return_val_if_fail (assessment != NULL, FALSE);
  g_return_val_if_fail (g_variant_is_of_type (assessment, G_VARIANT_TYPE_VARDICT), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!wm_payload_check_term (assessment, WM_ASSESSMENT_INSTRUMENT, wm_instruments, TRUE, error)
      || !wm_payload_check_type (assessment, WM_ASSESSMENT_INSTRUMENT_VERSION,
                                 G_VARIANT_TYPE_UINT32, TRUE, error)
      || !wm_payload_check_term (assessment, WM_ASSESSMENT_STATE, wm_assessment_states, TRUE, error))
    return FALSE;

  instrument = wm_payload_get_string (assessment, WM_ASSESSMENT_INSTRUMENT);
  state = wm_payload_get_string (assessment, WM_ASSESSMENT_STATE);
  complete = !g_str_equal (state, "draft");

  if (!wm_payload_check_date (assessment, WM_ASSESSMENT_COMPLETED_ON, complete, error)
      || !wm_payload_check_date (assessment, WM_ASSESSMENT_NEXT_REVIEW, FALSE, error)
      || !wm_payload_check_type (assessment, WM_ASSESSMENT_ANSWERS,
                                 G_VARIANT_TYPE_VARDICT, complete, error)
      || !wm_payload_check_type (assessment, WM_ASSESSMENT_SCORE,
                                 G_VARIANT_TYPE_INT32, FALSE, error)
      || !wm_payload_check_text (assessment, WM_ASSESSMENT_RATIONALE, FALSE, error))
    return FALSE;

  answers = wm_payload_get_value (assessment, WM_ASSESSMENT_ANSWERS, G_VARIANT_TYPE_VARDICT);

  if (g_str_equal (instrument, WM_INSTRUMENT_ACE))
    {
      for (const WmTerm *category = wm_ace_categories; answers != NULL && category->id != NULL; category++)
        {
          if (!wm_payload_check_term (answers, category->id, wm_ace_answers, complete, error))
            return FALSE;
        }

      /* A stored score that disagrees with the answers would flag (or
       * fail to flag) a child on the strength of a stale number. */
      if (wm_payload_get_int (assessment, WM_ASSESSMENT_SCORE, &score)
          && score != wm_ace_score (answers))
        {
          g_set_error_literal (error, WM_CORE_ERROR, WM_CORE_ERROR_CONSTRAINT,
                               _("The ACE score does not match the answers. Recount the answers "
                                 "recorded as known or disclosed."));
          return FALSE;
        }
      return TRUE;
    }

  /* diversion-risk-needs */
  if (!check_judgements (assessment, complete, error))
    return FALSE;

  if (answers != NULL)
    {
      const char *exploitation = wm_assessment_get_judgement (assessment, WM_JUDGEMENT_EXPLOITATION);

      if (!wm_payload_check_type (answers, WM_DRN_EXPLOITATION_INDICATORS,
                                  G_VARIANT_TYPE_STRING_ARRAY, FALSE, error)
          || !wm_payload_check_type (answers, WM_DRN_LEARNING_DISABILITY,
                                     G_VARIANT_TYPE_BOOLEAN, FALSE, error)
          || !wm_payload_check_term (answers, WM_DRN_EDUCATION, wm_education_statuses, FALSE, error)
          || !wm_payload_check_term (answers, WM_DRN_SUBSTANCE_USE, wm_substance_use_levels, FALSE, error))
        return FALSE;

      if (exploitation != NULL
          && !wm_assessment_check_exploitation_floor (exploitation, age_years,
                                                      wm_payload_get_boolean (answers, WM_DRN_LEARNING_DISABILITY, FALSE),
                                                      wm_assessment_count_indicators (answers),
                                                      error))
        return FALSE;
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
