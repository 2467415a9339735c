/* test-welsh.c — the domain's messages name things in Welsh, never by their keys
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Binds the text domain to WAYMARK_LOCALEDIR (the build tree's po/), as
 * tests/gui/test-translation.c does, and asks for Welsh. A message that
 * splices in an internal id ("intervention-level") shows English to a Welsh
 * user in the middle of a Welsh sentence; these messages must splice in the
 * translated name instead. The expected strings are whole, so a wrong word
 * or a key left in fails.
 *
 * LANGUAGE chooses the catalogue only when the locale is not "C" (GNU
 * gettext ignores it there), so the test sets C.UTF-8 itself: glibc builds
 * it in, and it leaves no dependence on the locales the machine has or on
 * the LANG the test was started with.
 */

#define G_LOG_DOMAIN "test-welsh"

#include "config.h"

#include <locale.h>
#include <string.h>

#include <glib/gi18n.h>

#include "wm-assessment.h"
#include "wm-payload.h"

static GVariant *
parse (const char *text)
{
  g_autoptr(GError) error = NULL;
  GVariant *value = g_variant_parse (NULL, text, NULL, NULL, &error);

  g_assert_no_error (error);
  return value;
}

static void
test_judgement_missing (void)
{
  g_autoptr(GVariant) assessment = NULL;
  g_autoptr(GError) error = NULL;

  /* Submitted, so every judgement must be made; the intervention level is not. */
  assessment = parse ("{'instrument': <'diversion-risk-needs'>, 'instrument-version': <uint32 1>,"
                      " 'state': <'submitted'>, 'completed-on': <'2026-02-01'>, 'answers': <@a{sv} {}>,"
                      " 'judgements': <{'safety-wellbeing': 'low', 'serious-harm': 'low',"
                      " 'exploitation': 'none'}>}");

  g_assert_false (wm_assessment_check (assessment, 15, &error));
  g_assert_error (error, WM_CORE_ERROR, WM_CORE_ERROR_MISSING);
  g_assert_cmpstr (error->message, ==,
                   "Nid yw’r farn “Lefel ymyrraeth” wedi’i ffurfio. Ffurfiwch hi cyn cyflwyno.");
  g_assert_null (strstr (error->message, WM_JUDGEMENT_INTERVENTION_LEVEL));
}

static void
test_judgement_unknown (void)
{
  g_autoptr(GVariant) assessment = NULL;
  g_autoptr(GError) error = NULL;

  assessment = parse ("{'instrument': <'diversion-risk-needs'>, 'instrument-version': <uint32 1>,"
                      " 'state': <'draft'>, 'judgements': <{'serious-harm': 'severe'}>}");

  /* The judgement is named in Welsh; the values it may take stay the ids
   * a record holds, which is what a program that wrote "severe" needs. */
  g_assert_false (wm_assessment_check (assessment, 15, &error));
  g_assert_error (error, WM_CORE_ERROR, WM_CORE_ERROR_UNKNOWN_VALUE);
  g_assert_cmpstr (error->message, ==,
                   "Rhaid i’r farn “Risg o niwed difrifol” fod yn un o: low, medium, high, very-high. "
                   "Dewiswch un o’r rheini.");
}

static void
test_field_missing (void)
{
  g_autoptr(GVariant) assessment = NULL;
  g_autoptr(GError) error = NULL;

  assessment = parse ("{'instrument': <'diversion-risk-needs'>, 'instrument-version': <uint32 1>,"
                      " 'state': <'submitted'>, 'answers': <@a{sv} {}>}");

  g_assert_false (wm_assessment_check (assessment, 15, &error));
  g_assert_error (error, WM_CORE_ERROR, WM_CORE_ERROR_MISSING);
  g_assert_cmpstr (error->message, ==,
                   "Mae’r maes “Dyddiad cwblhau” ar goll. Llenwch y maes, yna cadwch eto.");
}

static void
test_labels (void)
{
  /* "Dim yn hysbys" read as "not known", the opposite of "none known". */
  g_assert_cmpstr (wm_term_get_label (wm_substance_use_levels, "none"), ==, "Dim defnydd hysbys");
  g_assert_cmpstr (wm_term_get_label (wm_judgements, WM_JUDGEMENT_EXPLOITATION), ==, "Risg o gamfanteisio");
  g_assert_cmpstr (wm_payload_get_field_label (WM_DRN_SUBSTANCE_USE), ==, "Defnyddio sylweddau");
  g_assert_cmpstr (wm_payload_get_field_label ("emotional-abuse"), ==, "Cam-drin emosiynol");
  /* A field a newer Waymark added is named by its key rather than not at all. */
  g_assert_cmpstr (wm_payload_get_field_label ("added-later"), ==, "added-later");
}

int
main (int    argc,
      char **argv)
{
  const char *localedir = g_getenv ("WAYMARK_LOCALEDIR");

  g_test_init (&argc, &argv, NULL);

  g_assert_nonnull (localedir);
  g_setenv ("LANGUAGE", "cy", TRUE);
  g_assert_nonnull (setlocale (LC_ALL, "C.UTF-8"));
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_test_add_func ("/core/welsh/judgement-missing", test_judgement_missing);
  g_test_add_func ("/core/welsh/judgement-unknown", test_judgement_unknown);
  g_test_add_func ("/core/welsh/field-missing", test_field_missing);
  g_test_add_func ("/core/welsh/labels", test_labels);

  return g_test_run ();
}
