/* test-person.c — profiles: display names, ages, checks, caseload summaries
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-person"

#include "config.h"

#include <string.h>

#include <glib.h>

#include "wm-assessment.h"
#include "wm-date.h"
#include "wm-person.h"

/* Builds an a{sv} of strings from key, value pairs ending in NULL. */
static GVariant *
profile_new (const char *first_key,
             ...)
{
  GVariantDict dict;
  va_list args;

  g_variant_dict_init (&dict, NULL);
  va_start (args, first_key);
  for (const char *key = first_key; key != NULL; key = va_arg (args, const char *))
    g_variant_dict_insert (&dict, key, "s", va_arg (args, const char *));
  va_end (args);
  return g_variant_ref_sink (g_variant_dict_end (&dict));
}

static void
set_today (GDate *today)
{
  g_assert_true (wm_date_parse_iso ("2026-03-01", today, NULL));
}

static void
test_display_name (void)
{
  struct
  {
    const char *given, *preferred, *family, *expected;
  } cases[] = {
    { "Gwŷn", NULL, "Pritchard", "Gwŷn Pritchard" },
    { "Bartłomiej", "Bartek", "Wiśniewski", "Bartek Wiśniewski" },
    { "  Siân ", NULL, " ap Rhys  ", "Siân ap Rhys" },
    { "عائشہ", NULL, "خان", "عائشہ خان" },
    { "Seán", "", "O'Brien", "Seán O'Brien" },
    { NULL, NULL, "Nowak", "Nowak" },
    { "Kai", NULL, NULL, "Kai" },
    { NULL, NULL, NULL, "Name not recorded" },
    { "   ", NULL, "\t", "Name not recorded" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GVariantDict dict;
      g_autoptr(GVariant) profile = NULL;
      g_autofree char *name = NULL;

      g_variant_dict_init (&dict, NULL);
      if (cases[i].given != NULL)
        g_variant_dict_insert (&dict, WM_PROFILE_GIVEN_NAME, "s", cases[i].given);
      if (cases[i].preferred != NULL)
        g_variant_dict_insert (&dict, WM_PROFILE_PREFERRED_NAME, "s", cases[i].preferred);
      if (cases[i].family != NULL)
        g_variant_dict_insert (&dict, WM_PROFILE_FAMILY_NAME, "s", cases[i].family);
      profile = g_variant_ref_sink (g_variant_dict_end (&dict));

      name = wm_person_dup_display_name (profile);
      g_assert_cmpstr (name, ==, cases[i].expected);
    }
}

static void
test_display_name_wrong_type (void)
{
  g_autoptr(GVariant) profile = g_variant_ref_sink (g_variant_new_parsed ("{'given-name': <42>, 'family-name': <'Jones'>}"));
  g_autofree char *name = wm_person_dup_display_name (profile);
  g_autofree char *none = wm_person_dup_display_name (NULL);

  /* A field of the wrong type in an untrusted file is ignored, not shown. */
  g_assert_cmpstr (name, ==, "Jones");
  g_assert_cmpstr (none, ==, "Name not recorded");
}

static void
test_age (void)
{
  g_autoptr(GVariant) profile = profile_new (WM_PROFILE_GIVEN_NAME, "Łucja", WM_PROFILE_DATE_OF_BIRTH, "2011-03-02", NULL);
  g_autoptr(GVariant) impossible = profile_new (WM_PROFILE_GIVEN_NAME, "Łucja", WM_PROFILE_DATE_OF_BIRTH, "2011-02-30", NULL);
  g_autoptr(GVariant) missing = profile_new (WM_PROFILE_GIVEN_NAME, "Łucja", NULL);
  g_autoptr(GError) error = NULL;
  GDate today;
  guint years = 0;

  set_today (&today);
  g_assert_true (wm_person_get_age (profile, &today, &years, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (years, ==, 14);

  g_assert_false (wm_person_get_age (impossible, &today, &years, &error));
  g_assert_error (error, WM_CORE_ERROR, WM_CORE_ERROR_INVALID_DATE);
  g_clear_error (&error);

  g_assert_false (wm_person_get_age (missing, &today, &years, &error));
  g_assert_error (error, WM_CORE_ERROR, WM_CORE_ERROR_MISSING);
}

static void
test_check_profile (void)
{
  g_autoptr(GVariant) good = profile_new (WM_PROFILE_GIVEN_NAME, "Llŷr", WM_PROFILE_FAMILY_NAME, "Pugh",
                                          WM_PROFILE_DATE_OF_BIRTH, "2010-06-15",
                                          WM_PROFILE_LOCAL_AUTHORITY, "telford-and-wrekin",
                                          WM_PROFILE_REFERRAL_SOURCE, "liaison-diversion",
                                          WM_PROFILE_PROGRAMME, "sports-diversion",
                                          WM_PROFILE_STATUS, "open",
                                          WM_PROFILE_REFERRED_ON, "2026-01-10",
                                          "a-field-from-the-future", "kept", NULL);
  struct
  {
    GVariant *profile;
    gint code;
    const char *in_message;
  } bad[] = {
    { profile_new (WM_PROFILE_DATE_OF_BIRTH, "2010-06-15", NULL), WM_CORE_ERROR_MISSING, "name" },
    { profile_new (WM_PROFILE_GIVEN_NAME, " ", WM_PROFILE_DATE_OF_BIRTH, "2010-06-15", NULL), WM_CORE_ERROR_MISSING, "name" },
    { profile_new (WM_PROFILE_GIVEN_NAME, "Ffion", NULL), WM_CORE_ERROR_MISSING, "“Date of birth”" },
    { profile_new (WM_PROFILE_GIVEN_NAME, "Ffion", WM_PROFILE_DATE_OF_BIRTH, "2011-02-30", NULL),
      WM_CORE_ERROR_INVALID_DATE, "“Date of birth”" },
    { profile_new (WM_PROFILE_GIVEN_NAME, "Ffion", WM_PROFILE_DATE_OF_BIRTH, "2027-01-01", NULL),
      WM_CORE_ERROR_FUTURE_DATE, "after today" },
    { profile_new (WM_PROFILE_GIVEN_NAME, "Ffion", WM_PROFILE_DATE_OF_BIRTH, "1926-01-01", NULL),
      WM_CORE_ERROR_INVALID_DATE, "Check the year" },
    { profile_new (WM_PROFILE_GIVEN_NAME, "Ffion", WM_PROFILE_DATE_OF_BIRTH, "2010-06-15",
                   WM_PROFILE_LOCAL_AUTHORITY, "Telford & Wrekin", NULL),
      WM_CORE_ERROR_UNKNOWN_VALUE, "telford-and-wrekin" },
    { profile_new (WM_PROFILE_GIVEN_NAME, "Ffion", WM_PROFILE_DATE_OF_BIRTH, "2010-06-15",
                   WM_PROFILE_REFERRAL_SOURCE, "neighbour", NULL),
      WM_CORE_ERROR_UNKNOWN_VALUE, "“Referred by”" },
    { profile_new (WM_PROFILE_GIVEN_NAME, "Ffion", WM_PROFILE_DATE_OF_BIRTH, "2010-06-15",
                   WM_PROFILE_REFERRED_ON, "yesterday", NULL),
      WM_CORE_ERROR_INVALID_DATE, "“Date referred”" },
    { g_variant_ref_sink (g_variant_new_parsed ("{'given-name': <'Ffion'>, 'date-of-birth': <'2010-06-15'>, "
                                                "'status': <uint32 1>}")),
      WM_CORE_ERROR_WRONG_TYPE, "“Case status”" },
  };
  g_autoptr(GError) error = NULL;
  GDate today;

  set_today (&today);
  g_assert_true (wm_person_check_profile (good, &today, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_assert_false (wm_person_check_profile (bad[i].profile, &today, &error));
      g_assert_error (error, WM_CORE_ERROR, bad[i].code);
      g_assert_nonnull (strstr (error->message, bad[i].in_message));
      g_clear_error (&error);
      g_variant_unref (bad[i].profile);
    }
}

static void
test_vocabularies (void)
{
  const char *authorities[] = { "Herefordshire", "Shropshire", "Telford & Wrekin", "Worcestershire" };

  g_assert_cmpuint (wm_term_count (wm_local_authorities), ==, 4);
  for (guint i = 0; i < G_N_ELEMENTS (authorities); i++)
    g_assert_cmpstr (wm_local_authorities[i].label, ==, authorities[i]);
  g_assert_cmpuint (wm_term_count (wm_referral_sources), ==, 8);
  g_assert_nonnull (wm_term_find (wm_referral_sources, "community-safety-partnership"));
  g_assert_nonnull (wm_term_find (wm_case_statuses, "open"));
  g_assert_nonnull (wm_term_find (wm_case_statuses, "closed"));
  /* An id a newer version wrote is shown as it is. */
  g_assert_cmpstr (wm_term_get_label (wm_programmes, "boxing-club"), ==, "boxing-club");
  g_assert_cmpstr (wm_term_get_label (wm_programmes, "mentoring"), ==, "Mentoring");
  g_assert_null (wm_term_get_label (wm_programmes, NULL));
}

static void
test_summary (void)
{
  g_autoptr(GVariant) profile = profile_new (WM_PROFILE_GIVEN_NAME, "Małgorzata", WM_PROFILE_PREFERRED_NAME, "Gosia",
                                             WM_PROFILE_FAMILY_NAME, "Kowalska",
                                             WM_PROFILE_DATE_OF_BIRTH, "2011-03-01",
                                             WM_PROFILE_LOCAL_AUTHORITY, "telford-and-wrekin",
                                             WM_PROFILE_PROGRAMME, "county-lines-intervention",
                                             WM_PROFILE_STATUS, "open", NULL);
  g_autoptr(GVariant) assessment = g_variant_ref_sink (g_variant_new_parsed (
    "{'instrument': <'diversion-risk-needs'>, 'judgements': <{'serious-harm': 'high', 'exploitation': 'significant'}>}"));
  g_autoptr(GVariant) ace = g_variant_ref_sink (g_variant_new_parsed ("{'instrument': <'ace'>, 'score': <5>}"));
  g_autoptr(GVariant) bare = profile_new (WM_PROFILE_FAMILY_NAME, "Nowak", NULL);
  g_autofree char *line = NULL;
  g_autofree char *ace_line = NULL;
  g_autofree char *bare_line = NULL;
  GDate today;

  set_today (&today);
  line = wm_person_summarise (profile, assessment, &today);
  g_assert_cmpstr (line, ==, "Gosia Kowalska, 15 · Telford & Wrekin · County lines intervention · Open"
                             " · serious harm: High · exploitation: Significant");
  g_assert_null (strchr (line, '\n'));

  ace_line = wm_person_summarise (profile, ace, &today);
  g_assert_true (g_str_has_suffix (ace_line, " · Open · ACE score 5"));

  bare_line = wm_person_summarise (bare, NULL, &today);
  g_assert_cmpstr (bare_line, ==, "Nowak, age unknown");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/person/display-name", test_display_name);
  g_test_add_func ("/core/person/display-name-wrong-type", test_display_name_wrong_type);
  g_test_add_func ("/core/person/age", test_age);
  g_test_add_func ("/core/person/check-profile", test_check_profile);
  g_test_add_func ("/core/person/vocabularies", test_vocabularies);
  g_test_add_func ("/core/person/summary", test_summary);

  return g_test_run ();
}
