/* test-assessment.c — ACE scores, judgements and the exploitation floor
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-assessment"

#include "config.h"

#include <string.h>

#include <glib.h>

#include "wm-assessment.h"

static GVariant *
parse (const char *text)
{
  g_autoptr(GError) error = NULL;
  /* g_variant_parse() returns a full reference, not a floating one. */
  GVariant *value = g_variant_parse (NULL, text, NULL, NULL, &error);

  g_assert_no_error (error);
  return value;
}

static void
test_ace_score (void)
{
  g_autoptr(GVariant) answers = parse ("{'emotional-abuse': <'yes'>, 'physical-abuse': <'not-known'>,"
                                       " 'parental-separation': <'yes'>, 'domestic-violence': <'yes'>,"
                                       " 'household-imprisonment': <'yes'>, 'sexual-abuse': <'no'>,"
                                       " 'not-an-ace': <'yes'>, 'household-mental-illness': <true>}");

  /* Four known categories flag the child; "not known", an unknown item and
   * a value of the wrong type count for nothing. */
  g_assert_cmpint (wm_ace_score (answers), ==, 4);
  g_assert_cmpint (wm_ace_score (answers), >=, WM_ACE_FLAG_THRESHOLD);
  g_assert_cmpint (wm_ace_score (NULL), ==, 0);
  g_assert_cmpuint (wm_term_count (wm_ace_categories), ==, 10);
}

static void
test_scales_are_ordered (void)
{
  g_assert_cmpint (wm_term_index (wm_risk_levels, "low"), <, wm_term_index (wm_risk_levels, "medium"));
  g_assert_cmpint (wm_term_index (wm_risk_levels, "high"), <, wm_term_index (wm_risk_levels, "very-high"));
  g_assert_cmpint (wm_term_index (wm_exploitation_levels, "none"), <,
                   wm_term_index (wm_exploitation_levels, "emerging"));
  g_assert_cmpint (wm_term_index (wm_exploitation_levels, "moderate"), <,
                   wm_term_index (wm_exploitation_levels, "significant"));
  g_assert_cmpint (wm_term_index (wm_risk_levels, "severe"), ==, -1);
}

static void
test_exploitation_floor (void)
{
  struct
  {
    const char *level;
    guint age;
    gboolean learning_disability;
    guint indicators;
    gboolean allowed;
  } cases[] = {
    { "emerging", 12, FALSE, 1, FALSE },
    { "none", 12, FALSE, 3, FALSE },
    { "moderate", 12, FALSE, 1, TRUE },
    { "significant", 10, FALSE, 4, TRUE },
    { "emerging", 16, TRUE, 1, FALSE },
    { "emerging", 16, FALSE, 1, TRUE },
    { "none", 12, FALSE, 0, TRUE },
    { "none", 16, TRUE, 0, TRUE },
    { "emerging", 13, FALSE, 2, TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      gboolean allowed = wm_assessment_check_exploitation_floor (cases[i].level, cases[i].age,
                                                                 cases[i].learning_disability,
                                                                 cases[i].indicators, &error);

      g_assert_cmpint (allowed, ==, cases[i].allowed);
      if (!allowed)
        {
          g_assert_error (error, WM_CORE_ERROR, WM_CORE_ERROR_CONSTRAINT);
          g_assert_nonnull (strstr (error->message, "moderate"));
        }
    }
}

static void
test_count_indicators (void)
{
  g_autoptr(GVariant) answers = parse ("{'exploitation-indicators': <['missing-episodes', 'multiple-phones',"
                                       " 'missing-episodes', 'a-new-indicator']>}");
  g_autoptr(GVariant) wrong = parse ("{'exploitation-indicators': <'missing-episodes'>}");

  g_assert_cmpuint (wm_assessment_count_indicators (answers), ==, 2);
  g_assert_cmpuint (wm_assessment_count_indicators (wrong), ==, 0);
  g_assert_cmpuint (wm_assessment_count_indicators (NULL), ==, 0);
}

static void
test_check_risk_needs (void)
{
  g_autoptr(GVariant) good = parse (
    "{'instrument': <'diversion-risk-needs'>, 'instrument-version': <uint32 1>, 'state': <'submitted'>,"
    " 'completed-on': <'2026-02-01'>, 'next-review': <'2026-05-01'>,"
    " 'answers': <{'exploitation-indicators': <['found-out-of-area']>, 'learning-disability': <false>,"
    "              'education': <'excluded'>}>,"
    " 'judgements': <{'safety-wellbeing': 'medium', 'serious-harm': 'high', 'exploitation': 'emerging',"
    "                 'intervention-level': 'intensive'}>}");
  g_autoptr(GVariant) draft = parse (
    "{'instrument': <'diversion-risk-needs'>, 'instrument-version': <uint32 1>, 'state': <'draft'>,"
    " 'judgements': <{'serious-harm': 'low'}>}");
  g_autoptr(GError) error = NULL;
  const char *harm;

  g_assert_true (wm_assessment_check (good, 15, &error));
  g_assert_no_error (error);
  harm = wm_assessment_get_judgement (good, WM_JUDGEMENT_SERIOUS_HARM);
  g_assert_cmpstr (harm, ==, "high");
  g_assert_null (wm_assessment_get_judgement (good, "not-a-judgement"));
  g_assert_null (wm_assessment_get_judgement (NULL, WM_JUDGEMENT_SERIOUS_HARM));

  /* The same ratings for a 12-year-old break the floor. */
  g_assert_false (wm_assessment_check (good, 12, &error));
  g_assert_error (error, WM_CORE_ERROR, WM_CORE_ERROR_CONSTRAINT);
  g_clear_error (&error);

  /* A draft may be half made; submitted, it may not. */
  g_assert_true (wm_assessment_check (draft, 15, &error));
  g_assert_no_error (error);
}

static void
test_check_rejects (void)
{
  struct
  {
    const char *text;
    gint code;
    const char *in_message;  /* the field, named as people know it, not by its key */
  } cases[] = {
    { "{'instrument': <'savry'>, 'instrument-version': <uint32 1>, 'state': <'draft'>}",
      WM_CORE_ERROR_UNKNOWN_VALUE, "“Assessment tool”" },
    { "{'instrument': <'ace'>, 'state': <'draft'>}", WM_CORE_ERROR_MISSING, "“Assessment tool version”" },
    { "{'instrument': <'ace'>, 'instrument-version': <1>, 'state': <'draft'>}",
      WM_CORE_ERROR_WRONG_TYPE, "“Assessment tool version”" },
    { "{'instrument': <'diversion-risk-needs'>, 'instrument-version': <uint32 1>, 'state': <'approved'>,"
      " 'completed-on': <'2026-02-01'>, 'answers': <@a{sv} {}>,"
      " 'judgements': <{'safety-wellbeing': 'low', 'serious-harm': 'low', 'exploitation': 'none'}>}",
      WM_CORE_ERROR_MISSING, "“Intervention level”" },
    { "{'instrument': <'diversion-risk-needs'>, 'instrument-version': <uint32 1>, 'state': <'draft'>,"
      " 'judgements': <{'serious-harm': 'severe'}>}",
      WM_CORE_ERROR_UNKNOWN_VALUE, "“Risk of serious harm”" },
    { "{'instrument': <'diversion-risk-needs'>, 'instrument-version': <uint32 1>, 'state': <'submitted'>,"
      " 'answers': <@a{sv} {}>}",
      WM_CORE_ERROR_MISSING, "“Date completed”" },
    { "{'instrument': <'ace'>, 'instrument-version': <uint32 1>, 'state': <'approved'>,"
      " 'completed-on': <'2026-02-01'>, 'score': <3>,"
      " 'answers': <{'emotional-abuse': <'yes'>, 'physical-abuse': <'no'>, 'sexual-abuse': <'no'>,"
      "  'emotional-neglect': <'no'>, 'physical-neglect': <'no'>, 'parental-separation': <'yes'>,"
      "  'domestic-violence': <'no'>, 'household-substance-misuse': <'no'>,"
      "  'household-mental-illness': <'no'>, 'household-imprisonment': <'not-known'>}>}",
      WM_CORE_ERROR_CONSTRAINT, "score" },
    { "{'instrument': <'ace'>, 'instrument-version': <uint32 1>, 'state': <'approved'>,"
      " 'completed-on': <'2026-02-01'>, 'answers': <{'emotional-abuse': <'yes'>}>}",
      WM_CORE_ERROR_MISSING, "“Physical abuse”" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GVariant) assessment = parse (cases[i].text);
      g_autoptr(GError) error = NULL;

      g_assert_false (wm_assessment_check (assessment, 15, &error));
      g_assert_error (error, WM_CORE_ERROR, cases[i].code);
      g_assert_nonnull (strstr (error->message, cases[i].in_message));
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/assessment/ace-score", test_ace_score);
  g_test_add_func ("/core/assessment/scales-are-ordered", test_scales_are_ordered);
  g_test_add_func ("/core/assessment/exploitation-floor", test_exploitation_floor);
  g_test_add_func ("/core/assessment/count-indicators", test_count_indicators);
  g_test_add_func ("/core/assessment/check-risk-needs", test_check_risk_needs);
  g_test_add_func ("/core/assessment/check-rejects", test_check_rejects);

  return g_test_run ();
}
