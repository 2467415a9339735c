/* bench-instrument.c — loading and validating the shipped instruments, and scoring a complete answer set
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * "meson test -C BUILD --benchmark --suite core instrument" (or
 * build-aux/test --benchmark) prints the median of many runs of each:
 *
 * - reading and checking both instruments' newest definitions from their
 *   files (what opening the assessment flow costs the first time);
 * - reading all four shipped definitions into a new registry;
 * - scoring a complete diversion-risk-needs answer set (domains, bands,
 *   constraints, suggestions, completeness), which a form redoes on every
 *   answer; and a complete ACE set;
 * - wm_assessment_check() of a submitted assessment, the check before save.
 */

#include "config.h"

#include <stdio.h>

#include "wm-assessment.h"
#include "wm-instrument-registry.h"
#include "wm-instrument-score.h"

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median_us (GArray *samples)
{
  g_array_sort (samples, compare_doubles);
  return g_array_index (samples, double, samples->len / 2);
}

static char *
shipped (const char *name)
{
  g_auto(GStrv) dirs = wm_instrument_dup_search_dirs ();

  return g_build_filename (dirs[0], name, NULL);
}

static GVariant *
complete_risk_needs (void)
{
  g_autoptr(GError) error = NULL;
  GVariant *value = g_variant_parse (NULL,
    "{'send': <'sen-support'>, 'speech-language-communication': <'yes'>, 'neurodivergence': <'not-known'>,"
    " 'learning-disability': <'no'>, 'care-status': <'child-in-need'>, 'young-carer': <'no'>,"
    " 'family-conflict': <'yes'>, 'family-domestic-abuse': <'yes'>, 'family-offending': <'no'>,"
    " 'trusted-adult': <'yes'>, 'housing-situation': <'unstable'>, 'education-concerns': <['suspended', 'persistent-absence']>,"
    " 'physical-health-concern': <'yes'>, 'physical-health-details': <'Asthma; has an inhaler.'>,"
    " 'mental-health-concern': <'yes'>, 'mental-health-service': <'no'>, 'substance-use-known': <'yes'>,"
    " 'substances': <['cannabis']>, 'substance-frequency': <'regular'>,"
    " 'exploitation-indicators': <['multiple-phones', 'unexplained-money', 'guarded-bag']>,"
    " 'exploitation-types': <['county-lines']>, 'nrm-status': <'referred'>, 'missing-episodes': <2>,"
    " 'return-home-interviews': <'yes'>, 'violence': <'no'>, 'weapons': <'no'>, 'offending': <'yes'>,"
    " 'anti-social-behaviour': <'yes'>, 'peers-offending': <'yes'>, 'feels-unsafe': <'yes'>,"
    " 'strengths': <['positive-activity', 'wants-change']>, 'own-words': <'I want to get back into football.'>}",
    NULL, NULL, &error);

  g_assert_no_error (error);
  return value;
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *ace_path = shipped ("ace-2.json");
  g_autofree char *drn_path = shipped ("diversion-risk-needs-2.json");
  g_autoptr(GArray) load = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) registry = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) score_drn = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) score_ace = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) check = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(WmInstrument) drn = NULL;
  g_autoptr(WmInstrument) ace = NULL;
  g_autoptr(GVariant) drn_answers = complete_risk_needs ();
  g_autoptr(GVariant) ace_answers = NULL;
  g_autoptr(GVariant) assessment = NULL;
  g_autofree char *assessment_text = NULL;
  g_autofree char *answers_text = NULL;
  const guint loads = 300, scores = 5000;

  for (guint i = 0; i < loads; i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 start = g_get_monotonic_time ();
      g_autoptr(WmInstrument) a = wm_instrument_new_from_file (ace_path, &error);
      g_autoptr(WmInstrument) d = wm_instrument_new_from_file (drn_path, &error);
      double elapsed = (double) (g_get_monotonic_time () - start);

      g_assert_no_error (error);
      g_assert_nonnull (a);
      g_assert_nonnull (d);
      g_array_append_val (load, elapsed);
    }

  for (guint i = 0; i < loads; i++)
    {
      gint64 start = g_get_monotonic_time ();
      g_autoptr(WmInstrumentRegistry) made = wm_instrument_registry_new ();
      g_auto(GStrv) dirs = wm_instrument_dup_search_dirs ();
      guint added = wm_instrument_registry_add_directory (made, dirs[0], NULL);
      double elapsed = (double) (g_get_monotonic_time () - start);

      g_assert_cmpuint (added, ==, 4);
      g_array_append_val (registry, elapsed);
    }

  drn = wm_instrument_new_from_file (drn_path, NULL);
  ace = wm_instrument_new_from_file (ace_path, NULL);
  ace_answers = g_variant_parse (NULL,
    "{'emotional-abuse': <'yes'>, 'physical-abuse': <'no'>, 'sexual-abuse': <'not-known'>,"
    " 'domestic-abuse': <'yes'>, 'household-substance-misuse': <'yes'>, 'household-mental-illness': <'no'>,"
    " 'parental-separation': <'yes'>, 'household-imprisonment': <'no'>, 'emotional-neglect': <'no'>,"
    " 'physical-neglect': <'no'>}", NULL, NULL, NULL);
  g_assert_true (wm_instrument_check_answers (drn, drn_answers, TRUE, NULL));

  for (guint i = 0; i < scores; i++)
    {
      gint64 start = g_get_monotonic_time ();
      g_autoptr(WmInstrumentScore) score = wm_instrument_score (drn, drn_answers, 14);
      double elapsed = (double) (g_get_monotonic_time () - start);

      g_assert_cmpuint (score->missing->len, ==, 0);
      g_array_append_val (score_drn, elapsed);
    }
  for (guint i = 0; i < scores; i++)
    {
      gint64 start = g_get_monotonic_time ();
      g_autoptr(WmInstrumentScore) score = wm_instrument_score (ace, ace_answers, 14);
      double elapsed = (double) (g_get_monotonic_time () - start);

      g_assert_cmpint (g_array_index (score->domains, WmDomainScore, 0).score, ==, 4);
      g_array_append_val (score_ace, elapsed);
    }

  answers_text = g_variant_print (drn_answers, TRUE);
  assessment_text = g_strdup_printf ("{'instrument': <'diversion-risk-needs'>, 'instrument-version': <uint32 2>,"
                                     " 'state': <'submitted'>, 'completed-on': <'2026-02-01'>, 'answers': <%s>,"
                                     " 'judgements': <{'safety-wellbeing': 'high', 'serious-harm': 'medium',"
                                     " 'exploitation': 'significant', 'intervention-level': 'intensive'}>,"
                                     " 'rationale': <'Three indicators and a referral to the NRM.'>}",
                                     answers_text);
  assessment = g_variant_parse (NULL, assessment_text, NULL, NULL, NULL);
  wm_instrument_registry_get_default ();  /* made once per process, not measured */
  for (guint i = 0; i < scores; i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 start = g_get_monotonic_time ();
      gboolean ok = wm_assessment_check (assessment, 14, &error);
      double elapsed = (double) (g_get_monotonic_time () - start);

      g_assert_no_error (error);
      g_assert_true (ok);
      g_array_append_val (check, elapsed);
    }

  printf ("Instruments (medians; loading of %u runs, scoring and checking of %u)\n", loads, scores);
  printf ("  %-58s %9.3f ms\n", "load and validate ace-2 + diversion-risk-needs-2", median_us (load) / 1000.0);
  printf ("  %-58s %9.3f ms\n", "read all four shipped definitions into a registry", median_us (registry) / 1000.0);
  printf ("  %-58s %9.1f µs\n", "score a complete diversion-risk-needs answer set", median_us (score_drn));
  printf ("  %-58s %9.1f µs\n", "score a complete ACE answer set", median_us (score_ace));
  printf ("  %-58s %9.1f µs\n", "wm_assessment_check() of a submitted risk & needs", median_us (check));
  return 0;
}
