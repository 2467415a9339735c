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
#include "wm-casework.h"
#include "wm-date.h"
#include "wm-payload.h"
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

static GVariant *
parse (const char *text)
{
  g_autoptr(GError) error = NULL;
  GVariant *value = g_variant_parse (NULL, text, NULL, NULL, &error);

  /* Not floating: g_variant_parse() returns a full reference. */
  g_assert_no_error (error);
  return value;
}

/* A copy of @profile with @key set to @value (a floating GVariant), or
 * removed when @value is NULL. */
static GVariant *
profile_with (GVariant   *profile,
              const char *key,
              GVariant   *value)
{
  GVariantDict dict;

  g_variant_dict_init (&dict, profile);
  if (value != NULL)
    g_variant_dict_insert_value (&dict, key, value);
  else
    g_variant_dict_remove (&dict, key);
  return g_variant_ref_sink (g_variant_dict_end (&dict));
}

static void
set_today (GDate *today)
{
  g_assert_true (wm_date_parse_iso ("2026-03-01", today, NULL));
}

/* Every field of the issue, filled in as a caseworker would. */
static GVariant *
full_profile_new (void)
{
  return parse ("{'given-name': <'Siân'>, 'family-name': <'ap Rhys'>, 'preferred-name': <'Si'>,"
                " 'pronouns': <'she/her'>, 'date-of-birth': <'2010-06-15'>, 'sex': <'female'>,"
                " 'gender': <'Girl'>, 'ethnicity': <'mixed-white-black-caribbean'>,"
                " 'ethnicity-self-described': <true>, 'address': <'12 Mill Lane\nLudlow\nSY8'>,"
                " 'local-authority': <'shropshire'>, 'school': <'Riverside Academy'>,"
                " 'education-status': <'reduced-timetable'>, 'parent-carer': <'Mum, 07700 900123'>,"
                " 'other-professionals': <'Social worker\nSENCo at school'>,"
                " 'social-care-status': <'child-in-need'>, 'young-carer': <false>, 'send': <'sen-support'>,"
                " 'speech-language-needs': <true>, 'neurodivergence': <false>, 'learning-disability': <false>,"
                " 'referral-source': <'early-help'>, 'referred-on': <'2026-01-10'>,"
                " 'referral-reason': <'Going missing overnight.'>, 'programme': <'mentoring'>,"
                " 'consent': <true>, 'consent-on': <'2026-01-20'>, 'status': <'active'>}");
}

/* The message names the field as a form labels it. Messages of the
 * shared payload checks name a field by wm_payload_get_field_label(),
 * which knows the profile's labels once it reads wm_profile_fields; until
 * then it gives the key, so either is accepted here. */
static void
assert_names_field (const GError *error,
                    const char   *key)
{
  g_autofree char *by_payload = g_strdup_printf ("“%s”", wm_payload_get_field_label (key));
  g_autofree char *by_person = g_strdup_printf ("“%s”", wm_person_field_get_label (wm_person_find_field (key)));

  g_test_message ("%s", error->message);
  g_assert_true (strstr (error->message, by_payload) != NULL || strstr (error->message, by_person) != NULL);
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
    { profile_new (WM_PROFILE_GIVEN_NAME, "Ffion", WM_PROFILE_DATE_OF_BIRTH, "2026-03-02", NULL),
      WM_CORE_ERROR_FUTURE_DATE, "“Date of birth”" },
    { profile_new (WM_PROFILE_GIVEN_NAME, "Ffion", WM_PROFILE_DATE_OF_BIRTH, "2025-02-29", NULL),
      WM_CORE_ERROR_INVALID_DATE, "“Date of birth”" },
    { profile_new (WM_PROFILE_GIVEN_NAME, "Ffion", WM_PROFILE_DATE_OF_BIRTH, "  ", NULL),
      WM_CORE_ERROR_MISSING, "“Date of birth”" },
    /* Nothing of what a new record needs: both named at once. */
    { profile_new (WM_PROFILE_PRONOUNS, "he/him", NULL), WM_CORE_ERROR_MISSING, "name" },
    { profile_new (WM_PROFILE_GIVEN_NAME, "Ffion", WM_PROFILE_DATE_OF_BIRTH, "2010-06-15",
                   WM_PROFILE_STATUS, "pending", NULL),
      WM_CORE_ERROR_UNKNOWN_VALUE, "referred, active, closed" },
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
  g_assert_cmpuint (wm_term_count (wm_referral_sources), ==, 12);
  g_assert_nonnull (wm_term_find (wm_referral_sources, "community-safety-partnership"));
  g_assert_nonnull (wm_term_find (wm_referral_sources, "childrens-social-care"));
  g_assert_nonnull (wm_term_find (wm_referral_sources, "early-help"));
  g_assert_nonnull (wm_term_find (wm_referral_sources, "probation"));
  g_assert_nonnull (wm_term_find (wm_referral_sources, "voluntary-sector"));
  g_assert_cmpuint (wm_term_count (wm_case_statuses), ==, 3);
  g_assert_cmpstr (wm_case_statuses[0].id, ==, WM_CASE_STATUS_REFERRED);
  g_assert_cmpstr (wm_case_statuses[1].id, ==, WM_CASE_STATUS_ACTIVE);
  g_assert_cmpstr (wm_case_statuses[2].id, ==, WM_CASE_STATUS_CLOSED);
  g_assert_cmpstr (wm_term_alias_resolve (wm_case_status_aliases, "open"), ==, WM_CASE_STATUS_ACTIVE);
  g_assert_cmpstr (wm_term_alias_resolve (wm_case_status_aliases, "paused"), ==, WM_CASE_STATUS_ACTIVE);
  g_assert_cmpstr (wm_term_alias_resolve (wm_case_status_aliases, "closed"), ==, "closed");
  g_assert_cmpuint (wm_term_count (wm_sexes), ==, 5);
  g_assert_cmpuint (wm_term_count (wm_person_education_statuses), ==, 10);
  g_assert_nonnull (wm_term_find (wm_person_education_statuses, "alternative-provision"));
  g_assert_nonnull (wm_term_find (wm_person_education_statuses, "elective-home-education"));
  g_assert_cmpuint (wm_term_count (wm_social_care_statuses), ==, 6);
  g_assert_nonnull (wm_term_find (wm_social_care_statuses, "care-leaver"));
  g_assert_cmpuint (wm_term_count (wm_send_statuses), ==, 3);
  /* An id a newer version wrote is shown as it is. */
  g_assert_cmpstr (wm_term_get_label (wm_programmes, "boxing-club"), ==, "boxing-club");
  g_assert_cmpstr (wm_term_get_label (wm_programmes, "mentoring"), ==, "Mentoring");
  g_assert_null (wm_term_get_label (wm_programmes, NULL));
}

static void
test_ethnicities (void)
{
  const char *groups[] = { "asian", "black", "mixed", "white", "other" };
  const guint per_group[] = { 5, 3, 4, 5, 2 };
  guint counted[G_N_ELEMENTS (groups)] = { 0 };
  guint n = wm_term_count (wm_ethnicities);

  /* The 19 ONS 2021 categories and "prefer not to say". */
  g_assert_cmpuint (n, ==, 20);
  g_assert_cmpuint (wm_term_count (wm_ethnic_groups), ==, 5);
  for (guint i = 0; i < G_N_ELEMENTS (groups); i++)
    g_assert_cmpstr (wm_ethnic_groups[i].id, ==, groups[i]);

  for (guint i = 0; i < n; i++)
    {
      const char *group = wm_ethnicity_get_group (wm_ethnicities[i].id);
      int index;

      if (g_str_equal (wm_ethnicities[i].id, "prefer-not-to-say"))
        {
          g_assert_null (group);
          continue;
        }
      index = wm_term_index (wm_ethnic_groups, group);
      g_assert_cmpint (index, >=, 0);
      counted[index]++;
      /* Grouped together, in the census's order. */
      if (i > 0)
        g_assert_cmpint (wm_term_index (wm_ethnic_groups, wm_ethnicity_get_group (wm_ethnicities[i - 1].id)), <=, index);
    }
  for (guint i = 0; i < G_N_ELEMENTS (groups); i++)
    g_assert_cmpuint (counted[i], ==, per_group[i]);

  g_assert_cmpstr (wm_ethnicity_get_group ("white-roma"), ==, "white");
  g_assert_cmpstr (wm_ethnicity_get_group ("other-arab"), ==, "other");
  g_assert_cmpstr (wm_term_get_label (wm_ethnicities, "white-british"), ==,
                   "English, Welsh, Scottish, Northern Irish or British");
  g_assert_null (wm_ethnicity_get_group ("british"));
  g_assert_null (wm_ethnicity_get_group (NULL));
}

static void
test_fields (void)
{
  const char *keys[] = {
    WM_PROFILE_GIVEN_NAME, WM_PROFILE_FAMILY_NAME, WM_PROFILE_PREFERRED_NAME, WM_PROFILE_PRONOUNS,
    WM_PROFILE_DATE_OF_BIRTH, WM_PROFILE_SEX, WM_PROFILE_GENDER, WM_PROFILE_ETHNICITY,
    WM_PROFILE_ETHNICITY_SELF_DESCRIBED, WM_PROFILE_ADDRESS, WM_PROFILE_LOCAL_AUTHORITY, WM_PROFILE_SCHOOL,
    WM_PROFILE_EDUCATION_STATUS, WM_PROFILE_PARENT_CARER, WM_PROFILE_OTHER_PROFESSIONALS,
    WM_PROFILE_SOCIAL_CARE_STATUS, WM_PROFILE_YOUNG_CARER, WM_PROFILE_SEND, WM_PROFILE_SPEECH_LANGUAGE,
    WM_PROFILE_NEURODIVERGENCE, WM_PROFILE_LEARNING_DISABILITY, WM_PROFILE_REFERRAL_SOURCE,
    WM_PROFILE_REFERRED_ON, WM_PROFILE_REFERRAL_REASON, WM_PROFILE_PROGRAMME, WM_PROFILE_CONSENT,
    WM_PROFILE_CONSENT_ON, WM_PROFILE_STATUS,
  };
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  guint n = 0;

  for (const WmProfileField *field = wm_profile_fields; field->key != NULL; field++, n++)
    {
      g_assert_true (g_hash_table_add (seen, (gpointer) field->key));
      g_assert_cmpstr (wm_person_field_get_label (field), !=, "");
      g_assert_cmpstr (wm_person_field_get_label (field), !=, field->key);
      g_assert_true (wm_person_find_field (field->key) == field);
      g_assert_true ((field->kind == WM_FIELD_TERM) == (field->terms != NULL && field->kind != WM_FIELD_TEXT));
    }
  g_assert_cmpuint (n, ==, G_N_ELEMENTS (keys));
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    g_assert_true (g_hash_table_contains (seen, keys[i]));

  g_assert_true (wm_person_find_field (WM_PROFILE_ETHNICITY)->terms == wm_ethnicities);
  g_assert_cmpint (wm_person_find_field (WM_PROFILE_YOUNG_CARER)->kind, ==, WM_FIELD_BOOLEAN);
  g_assert_cmpint (wm_person_find_field (WM_PROFILE_ADDRESS)->kind, ==, WM_FIELD_LONG_TEXT);
  g_assert_null (wm_person_find_field ("added-later"));
}

static void
test_check_full_profile (void)
{
  g_autoptr(GVariant) full = full_profile_new ();
  g_autofree char *long_text = g_strnfill (WM_NOTE_MAX_CHARACTERS + 1, 'a');
  g_autofree char *long_line = g_strnfill (WM_PERSON_LINE_MAX_CHARACTERS + 1, 'a');
  struct
  {
    const char *key;
    GVariant *value;  /* floating; NULL removes the key */
    gint code;
  } bad[] = {
    { WM_PROFILE_SEX, g_variant_new_string ("boy"), WM_CORE_ERROR_UNKNOWN_VALUE },
    { WM_PROFILE_ETHNICITY, g_variant_new_string ("british"), WM_CORE_ERROR_UNKNOWN_VALUE },
    { WM_PROFILE_ETHNICITY_SELF_DESCRIBED, g_variant_new_string ("yes"), WM_CORE_ERROR_WRONG_TYPE },
    { WM_PROFILE_EDUCATION_STATUS, g_variant_new_string ("excluded"), WM_CORE_ERROR_UNKNOWN_VALUE },
    { WM_PROFILE_SOCIAL_CARE_STATUS, g_variant_new_string ("cin"), WM_CORE_ERROR_UNKNOWN_VALUE },
    { WM_PROFILE_SEND, g_variant_new_string ("statement"), WM_CORE_ERROR_UNKNOWN_VALUE },
    { WM_PROFILE_YOUNG_CARER, g_variant_new_int32 (1), WM_CORE_ERROR_WRONG_TYPE },
    { WM_PROFILE_SPEECH_LANGUAGE, g_variant_new_string ("true"), WM_CORE_ERROR_WRONG_TYPE },
    { WM_PROFILE_NEURODIVERGENCE, g_variant_new_uint32 (0), WM_CORE_ERROR_WRONG_TYPE },
    { WM_PROFILE_LEARNING_DISABILITY, g_variant_new_string ("no"), WM_CORE_ERROR_WRONG_TYPE },
    { WM_PROFILE_PRONOUNS, g_variant_new_boolean (TRUE), WM_CORE_ERROR_WRONG_TYPE },
    { WM_PROFILE_GENDER, g_variant_new_string (long_line), WM_CORE_ERROR_CONSTRAINT },
    { WM_PROFILE_ADDRESS, g_variant_new_string (long_text), WM_CORE_ERROR_CONSTRAINT },
    { WM_PROFILE_REFERRAL_SOURCE, g_variant_new_string ("neighbour"), WM_CORE_ERROR_UNKNOWN_VALUE },
    { WM_PROFILE_REFERRED_ON, g_variant_new_string ("2026-03-02"), WM_CORE_ERROR_FUTURE_DATE },
    { WM_PROFILE_REFERRED_ON, g_variant_new_string ("2009-01-01"), WM_CORE_ERROR_INVALID_DATE },
    { WM_PROFILE_CONSENT, g_variant_new_string ("yes"), WM_CORE_ERROR_WRONG_TYPE },
    { WM_PROFILE_CONSENT_ON, g_variant_new_string ("2026-04-01"), WM_CORE_ERROR_FUTURE_DATE },
    { WM_PROFILE_CONSENT_ON, g_variant_new_string ("2026-02-30"), WM_CORE_ERROR_INVALID_DATE },
    { WM_PROFILE_CONSENT_ON, NULL, WM_CORE_ERROR_MISSING },
  };
  g_autoptr(GError) error = NULL;
  GDate today;

  set_today (&today);
  g_assert_true (wm_person_check_profile (full, &today, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GVariant) value = bad[i].value != NULL ? g_variant_ref_sink (bad[i].value) : NULL;
      g_autoptr(GVariant) profile = profile_with (full, bad[i].key, value);

      g_assert_false (wm_person_check_profile (profile, &today, &error));
      g_assert_error (error, WM_CORE_ERROR, bad[i].code);
      /* The message names the field; the consent date when consent is
       * given without it, and both dates when they are in the wrong order. */
      assert_names_field (error, bad[i].key);
      if (bad[i].code == WM_CORE_ERROR_UNKNOWN_VALUE)
        g_assert_nonnull (strstr (error->message, g_variant_get_string (value, NULL)));
      g_clear_error (&error);
    }

  /* Without consent, no date is needed; every new field may be left out. */
  {
    g_autoptr(GVariant) no_consent = profile_with (full, WM_PROFILE_CONSENT, g_variant_new_boolean (FALSE));
    g_autoptr(GVariant) no_date = profile_with (no_consent, WM_PROFILE_CONSENT_ON, NULL);
    g_autoptr(GVariant) minimal = profile_new (WM_PROFILE_GIVEN_NAME, "Siân", WM_PROFILE_DATE_OF_BIRTH, "2010-06-15",
                                               NULL);

    g_assert_true (wm_person_check_profile (no_date, &today, &error));
    g_assert_no_error (error);
    g_assert_true (wm_person_check_profile (minimal, &today, &error));
    g_assert_no_error (error);
  }
}

static void
test_check_required_together (void)
{
  g_autoptr(GVariant) nothing = profile_new (WM_PROFILE_SCHOOL, "Riverside Academy", NULL);
  g_autoptr(GError) error = NULL;
  GDate today;

  set_today (&today);
  g_assert_false (wm_person_check_profile (nothing, &today, &error));
  g_assert_error (error, WM_CORE_ERROR, WM_CORE_ERROR_MISSING);
  g_assert_nonnull (strstr (error->message, "given name"));
  g_assert_nonnull (strstr (error->message, "family name"));
  g_assert_nonnull (strstr (error->message, "“Date of birth”"));
}

static void
test_check_old_status (void)
{
  g_autoptr(GVariant) open = profile_new (WM_PROFILE_GIVEN_NAME, "Ffion", WM_PROFILE_DATE_OF_BIRTH, "2010-06-15",
                                          WM_PROFILE_STATUS, "open", NULL);
  g_autoptr(GVariant) upgraded = NULL;
  g_autoptr(GVariant) again = NULL;
  g_autoptr(GError) error = NULL;
  GDate today;

  /* A demo database made before the statuses changed still opens and
   * saves; the form gets the new id to show. */
  set_today (&today);
  g_assert_true (wm_person_check_profile (open, &today, &error));
  g_assert_no_error (error);

  upgraded = wm_person_upgrade_profile (open);
  g_assert_cmpstr (wm_payload_get_string (upgraded, WM_PROFILE_STATUS), ==, WM_CASE_STATUS_ACTIVE);
  g_assert_cmpstr (wm_payload_get_string (upgraded, WM_PROFILE_GIVEN_NAME), ==, "Ffion");
  g_assert_cmpstr (wm_payload_get_string (open, WM_PROFILE_STATUS), ==, "open");

  /* Nothing to change: the same payload back. */
  again = wm_person_upgrade_profile (upgraded);
  g_assert_true (again == upgraded);
}

static void
test_huge_text_refused_quickly (void)
{
  gsize size = 10 * 1024 * 1024;
  g_autofree char *huge = g_malloc (size + 1);
  g_autoptr(GVariant) full = full_profile_new ();
  g_autoptr(GVariant) profile = NULL;
  g_autoptr(GError) error = NULL;
  gint64 started;
  GDate today;

  memset (huge, 'x', size);
  huge[size] = '\0';
  profile = profile_with (full, WM_PROFILE_REFERRAL_REASON, g_variant_new_take_string (g_steal_pointer (&huge)));

  set_today (&today);
  started = g_get_monotonic_time ();
  g_assert_false (wm_person_check_profile (profile, &today, &error));
  g_assert_error (error, WM_CORE_ERROR, WM_CORE_ERROR_CONSTRAINT);
  g_assert_nonnull (strstr (error->message, "at most 100000 characters"));
  /* The text is not walked to its end. */
  g_assert_cmpint (g_get_monotonic_time () - started, <, G_USEC_PER_SEC);
}

static void
test_warnings (void)
{
  g_autoptr(GVariant) full = full_profile_new ();
  g_autoptr(GVariant) nine = profile_with (full, WM_PROFILE_DATE_OF_BIRTH, g_variant_new_string ("2016-03-02"));
  g_autoptr(GVariant) ten = profile_with (full, WM_PROFILE_DATE_OF_BIRTH, g_variant_new_string ("2016-03-01"));
  g_autoptr(GVariant) twenty_six = profile_with (full, WM_PROFILE_DATE_OF_BIRTH, g_variant_new_string ("2000-03-01"));
  g_autoptr(GVariant) twenty_five = profile_with (full, WM_PROFILE_DATE_OF_BIRTH, g_variant_new_string ("2000-03-02"));
  g_autoptr(GVariant) no_consent = profile_with (full, WM_PROFILE_CONSENT, NULL);
  g_autoptr(GVariant) referred = profile_with (no_consent, WM_PROFILE_STATUS, g_variant_new_string ("referred"));
  g_autoptr(GPtrArray) warnings = NULL;
  g_autoptr(GError) error = NULL;
  GDate today;

  set_today (&today);
  warnings = wm_person_collect_warnings (full, &today);
  g_assert_cmpuint (warnings->len, ==, 0);
  g_clear_pointer (&warnings, g_ptr_array_unref);

  /* Nine warns and is not refused; ten is within the range. */
  g_assert_true (wm_person_check_profile (nine, &today, &error));
  g_assert_no_error (error);
  warnings = wm_person_collect_warnings (nine, &today);
  g_assert_cmpuint (warnings->len, ==, 1);
  g_assert_nonnull (strstr (warnings->pdata[0], "under 10"));
  g_clear_pointer (&warnings, g_ptr_array_unref);
  warnings = wm_person_collect_warnings (ten, &today);
  g_assert_cmpuint (warnings->len, ==, 0);
  g_clear_pointer (&warnings, g_ptr_array_unref);

  g_assert_true (wm_person_check_profile (twenty_six, &today, &error));
  g_assert_no_error (error);
  warnings = wm_person_collect_warnings (twenty_six, &today);
  g_assert_cmpuint (warnings->len, ==, 1);
  g_assert_nonnull (strstr (warnings->pdata[0], "over 25"));
  g_clear_pointer (&warnings, g_ptr_array_unref);
  warnings = wm_person_collect_warnings (twenty_five, &today);
  g_assert_cmpuint (warnings->len, ==, 0);
  g_clear_pointer (&warnings, g_ptr_array_unref);

  /* Active work without the young person's agreement on record. */
  warnings = wm_person_collect_warnings (no_consent, &today);
  g_assert_cmpuint (warnings->len, ==, 1);
  g_assert_nonnull (strstr (warnings->pdata[0], "agreement"));
  g_clear_pointer (&warnings, g_ptr_array_unref);
  warnings = wm_person_collect_warnings (referred, &today);
  g_assert_cmpuint (warnings->len, ==, 0);
}

static void
test_same_identity (void)
{
  struct
  {
    const char *given_a, *family_a, *birth_a;
    const char *given_b, *family_b, *birth_b;
    gboolean same;
  } cases[] = {
    { "Siân", "ap Rhys", "2010-06-15", "Siân", "ap Rhys", "2010-06-15", TRUE },
    /* Composed and decomposed circumflex, and capitals. */
    { "Si\xc3\xa2n", "AP RHYS", "2010-06-15", "SIA\xcc\x82N", "ap rhys", "2010-06-15", TRUE },
    /* The accent left off on an English keyboard. */
    { "Seán", "Ó Briain", "2009-01-31", "Sean", "O Briain", "2009-01-31", TRUE },
    /* A word processor's apostrophe; white space around and between. */
    { "Niamh", "O’Brien", "2011-02-01", "  niamh ", "O'Brien", "2011-02-01", TRUE },
    { "Llŷr", "Lloyd  Jones", "2011-02-01", "LLŶR", "lloyd jones", "2011-02-01", TRUE },
    /* Compatibility forms (full-width letters) and German sharp s. */
    { "ＫＡＩ", "Strauß", "2012-12-12", "kai", "STRAUSS", "2012-12-12", TRUE },
    { "عائشہ", "خان", "2010-01-01", "عائشہ", "خان", "2010-01-01", TRUE },
    /* Given and family name the other way round. */
    { "Wei", "Zhang", "2010-05-05", "Zhang", "Wei", "2010-05-05", TRUE },
    /* ł is a letter of its own, not an l with an accent. */
    { "Łukasz", "Nowak", "2010-05-05", "Lukasz", "Nowak", "2010-05-05", FALSE },
    { "Siân", "ap Rhys", "2010-06-15", "Siân", "ap Rhys", "2010-06-16", FALSE },
    { "Siân", "ap Rhys", "2010-06-15", "Sioned", "ap Rhys", "2010-06-15", FALSE },
    { "Siân", "ap Rhys", "2010-06-15", "Siân", "Rhys", "2010-06-15", FALSE },
    { "Siân", "ap Rhys", NULL, "Siân", "ap Rhys", NULL, FALSE },
    { NULL, NULL, "2010-06-15", NULL, NULL, "2010-06-15", FALSE },
    /* One name only, on both sides. */
    { NULL, "Nowak", "2010-06-15", NULL, "NOWAK", "2010-06-15", TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const char *given_a = cases[i].given_a;
      const char *given_b = cases[i].given_b;
      GVariantDict dict;
      g_autoptr(GVariant) a = NULL;
      g_autoptr(GVariant) b = NULL;

      g_variant_dict_init (&dict, NULL);
      if (given_a != NULL)
        g_variant_dict_insert (&dict, WM_PROFILE_GIVEN_NAME, "s", given_a);
      if (cases[i].family_a != NULL)
        g_variant_dict_insert (&dict, WM_PROFILE_FAMILY_NAME, "s", cases[i].family_a);
      if (cases[i].birth_a != NULL)
        g_variant_dict_insert (&dict, WM_PROFILE_DATE_OF_BIRTH, "s", cases[i].birth_a);
      a = g_variant_ref_sink (g_variant_dict_end (&dict));

      g_variant_dict_init (&dict, NULL);
      if (given_b != NULL)
        g_variant_dict_insert (&dict, WM_PROFILE_GIVEN_NAME, "s", given_b);
      if (cases[i].family_b != NULL)
        g_variant_dict_insert (&dict, WM_PROFILE_FAMILY_NAME, "s", cases[i].family_b);
      if (cases[i].birth_b != NULL)
        g_variant_dict_insert (&dict, WM_PROFILE_DATE_OF_BIRTH, "s", cases[i].birth_b);
      b = g_variant_ref_sink (g_variant_dict_end (&dict));

      g_test_message ("case %u", i);
      g_assert_cmpint (wm_person_same_identity (a, b), ==, cases[i].same);
      g_assert_cmpint (wm_person_same_identity (b, a), ==, cases[i].same);
    }
}

static void
test_identity_key (void)
{
  /* A combining circumflex after the A. */
  g_autofree char *key = wm_person_dup_identity_key ("SIA\xcc\x82N");
  g_autofree char *indic = wm_person_dup_identity_key ("गुप्ता");
  g_autofree char *indic_bare = wm_person_dup_identity_key ("गपता");

  g_assert_cmpstr (key, ==, "sian");
  g_assert_null (wm_person_dup_identity_key ("  \t "));
  g_assert_null (wm_person_dup_identity_key (NULL));
  /* The vowel signs of an Indic script are part of the name. */
  g_assert_cmpstr (indic, !=, indic_bare);
}

static void
test_status_changes (void)
{
  g_autoptr(GVariant) completed = parse ("{'closed-on': <'2026-02-01'>, 'reason': <'completed'>,"
                                         " 'outcome': <'goals-met'>}");
  g_autoptr(GVariant) declined = parse ("{'closed-on': <'2026-02-01'>, 'reason': <'declined'>}");
  g_autoptr(GVariant) no_reason = parse ("{'closed-on': <'2026-02-01'>}");
  g_autoptr(GVariant) not_a_record = parse ("'completed'");
  struct
  {
    const char *from, *to;
    GVariant *closure;
    gint code;  /* -1 when allowed */
  } cases[] = {
    { "referred", "active", NULL, -1 },
    { "active", "closed", completed, -1 },
    { "referred", "closed", declined, -1 },
    { "closed", "active", NULL, -1 },          /* reopened */
    { "active", "active", NULL, -1 },
    { "closed", "closed", NULL, -1 },          /* no change, nothing to give */
    { NULL, "referred", NULL, -1 },
    { NULL, "active", NULL, -1 },
    { "open", "closed", completed, -1 },       /* an old id */
    { "paused", "active", NULL, -1 },
    { "active", "closed", NULL, WM_CORE_ERROR_MISSING },
    { NULL, "closed", NULL, WM_CORE_ERROR_MISSING },
    { "active", "closed", no_reason, WM_CORE_ERROR_MISSING },
    { "active", "closed", not_a_record, WM_CORE_ERROR_WRONG_TYPE },
    { "referred", "closed", completed, WM_CORE_ERROR_CONSTRAINT },
    { "active", "referred", NULL, WM_CORE_ERROR_CONSTRAINT },
    { "closed", "referred", NULL, WM_CORE_ERROR_CONSTRAINT },
    { "active", "pending", NULL, WM_CORE_ERROR_UNKNOWN_VALUE },
    { "pending", "active", NULL, WM_CORE_ERROR_UNKNOWN_VALUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      gboolean allowed = wm_person_check_status_change (cases[i].from, cases[i].to, cases[i].closure, &error);

      g_test_message ("%s -> %s", cases[i].from, cases[i].to);
      if (cases[i].code < 0)
        {
          g_assert_no_error (error);
          g_assert_true (allowed);
        }
      else
        {
          g_assert_false (allowed);
          g_assert_error (error, WM_CORE_ERROR, cases[i].code);
        }
    }

  {
    g_autoptr(GError) error = NULL;

    g_assert_false (wm_person_check_status_change ("active", "closed", no_reason, &error));
    g_assert_nonnull (strstr (error->message, "“Reason”"));
    g_clear_error (&error);
    g_assert_false (wm_person_check_status_change ("closed", "referred", NULL, &error));
    g_assert_nonnull (strstr (error->message, "Reopen"));
  }
}

static void
test_summary (void)
{
  g_autoptr(GVariant) profile = profile_new (WM_PROFILE_GIVEN_NAME, "Małgorzata", WM_PROFILE_PREFERRED_NAME, "Gosia",
                                             WM_PROFILE_FAMILY_NAME, "Kowalska",
                                             WM_PROFILE_DATE_OF_BIRTH, "2011-03-01",
                                             WM_PROFILE_LOCAL_AUTHORITY, "telford-and-wrekin",
                                             WM_PROFILE_PROGRAMME, "county-lines-intervention",
                                             WM_PROFILE_STATUS, "active", NULL);
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
  g_assert_cmpstr (line, ==, "Gosia Kowalska, 15 · Telford & Wrekin · County lines intervention · Active"
                             " · serious harm: High · exploitation: Significant");
  g_assert_null (strchr (line, '\n'));

  ace_line = wm_person_summarise (profile, ace, &today);
  g_assert_true (g_str_has_suffix (ace_line, " · Active · ACE score 5"));

  bare_line = wm_person_summarise (bare, NULL, &today);
  g_assert_cmpstr (bare_line, ==, "Nowak, age unknown");
}

static void
test_summary_old_status (void)
{
  g_autoptr(GVariant) profile = profile_new (WM_PROFILE_FAMILY_NAME, "Nowak", WM_PROFILE_STATUS, "paused", NULL);
  g_autofree char *line = NULL;
  GDate today;

  /* A status the first vocabulary wrote is shown as the one that took
   * its place, not as a bare id. */
  set_today (&today);
  line = wm_person_summarise (profile, NULL, &today);
  g_assert_cmpstr (line, ==, "Nowak, age unknown · Active");
  g_assert_cmpstr (wm_person_get_status (profile), ==, WM_CASE_STATUS_ACTIVE);
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
  g_test_add_func ("/core/person/summary-old-status", test_summary_old_status);
  g_test_add_func ("/core/person/ethnicities", test_ethnicities);
  g_test_add_func ("/core/person/fields", test_fields);
  g_test_add_func ("/core/person/check-full-profile", test_check_full_profile);
  g_test_add_func ("/core/person/check-required-together", test_check_required_together);
  g_test_add_func ("/core/person/check-old-status", test_check_old_status);
  g_test_add_func ("/core/person/huge-text-refused-quickly", test_huge_text_refused_quickly);
  g_test_add_func ("/core/person/warnings", test_warnings);
  g_test_add_func ("/core/person/same-identity", test_same_identity);
  g_test_add_func ("/core/person/identity-key", test_identity_key);
  g_test_add_func ("/core/person/status-changes", test_status_changes);

  return g_test_run ();
}
