/* test-demo.c — synthetic young people: repeatable, plausible, and valid
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-demo"

#include "config.h"

#include <string.h>

#include <glib.h>

#include "wm-assessment.h"
#include "wm-casework.h"
#include "wm-date.h"
#include "wm-demo.h"
#include "wm-payload.h"
#include "wm-person.h"

#define N_PEOPLE 400

static void
set_today (GDate *today)
{
  g_assert_true (wm_date_parse_iso ("2026-03-01", today, NULL));
}

static GPtrArray *
make_people (guint32 seed,
             guint   n)
{
  GPtrArray *people = g_ptr_array_new_with_free_func ((GDestroyNotify) wm_demo_person_free);
  g_autoptr(WmDemo) demo = NULL;
  GDate today;

  set_today (&today);
  demo = wm_demo_new (seed, &today);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (people, wm_demo_next_person (demo));
  return people;
}

static gboolean
arrays_equal (GPtrArray *a,
              GPtrArray *b)
{
  if (a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    {
      if (!g_variant_equal (a->pdata[i], b->pdata[i]))
        return FALSE;
    }
  return TRUE;
}

static gboolean
people_equal (const WmDemoPerson *a,
              const WmDemoPerson *b)
{
  return g_variant_equal (a->profile, b->profile)
         && arrays_equal (a->assessments, b->assessments)
         && arrays_equal (a->plans, b->plans)
         && arrays_equal (a->contacts, b->contacts)
         && arrays_equal (a->referrals, b->referrals)
         && arrays_equal (a->closures, b->closures);
}

static void
test_same_seed_same_people (void)
{
  g_autoptr(GPtrArray) first = make_people (1, 50);
  g_autoptr(GPtrArray) second = make_people (1, 50);
  g_autoptr(GPtrArray) other = make_people (2, 50);
  guint differing = 0;

  for (guint i = 0; i < first->len; i++)
    {
      g_assert_true (people_equal (first->pdata[i], second->pdata[i]));
      if (!people_equal (first->pdata[i], other->pdata[i]))
        differing++;
    }
  g_assert_cmpuint (differing, ==, first->len);
}

static void
test_records_are_valid (void)
{
  g_autoptr(GPtrArray) people = make_people (7, N_PEOPLE);
  GDate today;

  set_today (&today);
  for (guint i = 0; i < people->len; i++)
    {
      const WmDemoPerson *person = people->pdata[i];
      g_autoptr(GError) error = NULL;
      const char *status = wm_payload_get_string (person->profile, WM_PROFILE_STATUS);

      g_autoptr(GPtrArray) warnings = NULL;

      g_assert_true (wm_person_check_profile (person->profile, &today, &error));
      g_assert_no_error (error);
      /* Nothing a form would warn about: ages 10 to 25, and every active
       * case has the young person's agreement on record. */
      warnings = wm_person_collect_warnings (person->profile, &today);
      g_assert_cmpuint (warnings->len, ==, 0);

      /* The ACE first, then one to three risk and needs assessments. */
      g_assert_cmpuint (person->assessments->len, >=, 2);
      g_assert_cmpuint (person->assessments->len, <=, 4);
      g_assert_cmpstr (wm_payload_get_string (person->assessments->pdata[0], WM_ASSESSMENT_INSTRUMENT), ==,
                       WM_INSTRUMENT_ACE);
      for (guint a = 0; a < person->assessments->len; a++)
        {
          GVariant *assessment = person->assessments->pdata[a];
          const char *completed = wm_payload_get_string (assessment, WM_ASSESSMENT_COMPLETED_ON);
          gboolean valid;
          guint age_then;
          GDate when;

          /* The exploitation floor is judged on the age on the day. */
          g_assert_true (wm_date_parse_iso (completed, &when, NULL));
          g_assert_cmpint (g_date_compare (&when, &today), <=, 0);
          g_assert_true (wm_date_age_from_iso (wm_payload_get_string (person->profile, WM_PROFILE_DATE_OF_BIRTH),
                                               &when, &age_then, NULL));
          valid = wm_assessment_check (assessment, age_then, &error);
          g_assert_no_error (error);
          g_assert_true (valid);
          if (a > 0)
            g_assert_cmpstr (wm_payload_get_string (assessment, WM_ASSESSMENT_INSTRUMENT), ==,
                             WM_INSTRUMENT_DIVERSION_RISK_NEEDS);
        }

      g_assert_cmpuint (person->contacts->len, >=, 1);
      for (guint c = 0; c < person->contacts->len; c++)
        {
          GVariant *contact = person->contacts->pdata[c];
          guint32 minutes = G_MAXUINT32;

          g_assert_true (wm_contact_check_as_of (contact, &today, &error));
          g_assert_no_error (error);
          g_assert_true (wm_payload_get_uint (contact, WM_CONTACT_DURATION, &minutes));
          g_assert_cmpint (minutes == 0, ==,
                           g_str_equal (wm_payload_get_string (contact, WM_CONTACT_METHOD), WM_CONTACT_METHOD_MISSED));
          if (c > 0)
            g_assert_cmpstr (wm_payload_get_string (person->contacts->pdata[c - 1], WM_CONTACT_DATE), <=,
                             wm_payload_get_string (person->contacts->pdata[c], WM_CONTACT_DATE));
        }
      for (guint p = 0; p < person->plans->len; p++)
        {
          g_assert_true (wm_plan_check (person->plans->pdata[p], &error));
          g_assert_no_error (error);
        }
      for (guint r = 0; r < person->referrals->len; r++)
        {
          GVariant *referral = person->referrals->pdata[r];
          const char *service = wm_payload_get_string (referral, WM_REFERRAL_SERVICE);

          g_assert_true (wm_referral_check (referral, &error));
          g_assert_no_error (error);
          /* Sharing without agreement goes to statutory services, not to
           * mentoring. */
          if (!g_str_equal (wm_payload_get_string (referral, WM_REFERRAL_INFORMED), "agreed"))
            g_assert_true (g_str_equal (service, "childrens-social-care")
                           || g_str_equal (service, "youth-justice-service"));
        }
      g_assert_cmpuint (person->closures->len, ==, g_str_equal (status, "closed") ? 1 : 0);
      for (guint c = 0; c < person->closures->len; c++)
        {
          GVariant *closure = person->closures->pdata[c];
          guint age_then;
          GDate closed;

          g_assert_true (wm_closure_check (closure, &error));
          g_assert_no_error (error);
          g_assert_true (wm_person_check_status_change (WM_CASE_STATUS_ACTIVE, WM_CASE_STATUS_CLOSED, closure, &error));
          g_assert_no_error (error);

          /* The upper age limit is 25, not 16. */
          g_assert_true (wm_date_parse_iso (wm_payload_get_string (closure, WM_CLOSURE_CLOSED_ON), &closed, NULL));
          g_assert_true (wm_date_age_from_iso (wm_payload_get_string (person->profile, WM_PROFILE_DATE_OF_BIRTH),
                                               &closed, &age_then, NULL));
          if (g_str_equal (wm_payload_get_string (closure, WM_CLOSURE_REASON), "aged-out"))
            g_assert_cmpuint (age_then, >=, WM_PERSON_AGE_MAX);
        }
    }
}

static void
test_spreads (void)
{
  g_autoptr(GPtrArray) people = make_people (42, N_PEOPLE);
  g_autoptr(GHashTable) authorities = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) sources = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) programmes = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) harm_levels = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) exploitation_levels = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) ethnic_groups = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) education = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) social_care = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) methods = g_hash_table_new (g_str_hash, g_str_equal);
  guint young_carers = 0, learning_disability = 0, neurodivergent = 0, self_described = 0, addressed = 0;
  guint ages[WM_PERSON_AGE_MAX + 1] = { 0 };
  guint teenagers = 0, active = 0, closed = 0, flagged = 0;
  GDate today;

  set_today (&today);
  for (guint i = 0; i < people->len; i++)
    {
      const WmDemoPerson *person = people->pdata[i];
      const char *status = wm_payload_get_string (person->profile, WM_PROFILE_STATUS);
      guint age = 0;

      g_assert_true (wm_person_get_age (person->profile, &today, &age, NULL));
      g_assert_cmpuint (age, >=, WM_PERSON_AGE_MIN);
      g_assert_cmpuint (age, <=, WM_PERSON_AGE_MAX);
      ages[age]++;
      if (age >= 13 && age <= 18)
        teenagers++;
      active += g_str_equal (status, WM_CASE_STATUS_ACTIVE);
      closed += g_str_equal (status, "closed");

      g_hash_table_add (authorities, (gpointer) wm_payload_get_string (person->profile, WM_PROFILE_LOCAL_AUTHORITY));
      g_hash_table_add (sources, (gpointer) wm_payload_get_string (person->profile, WM_PROFILE_REFERRAL_SOURCE));
      g_hash_table_add (programmes, (gpointer) wm_payload_get_string (person->profile, WM_PROFILE_PROGRAMME));
      g_hash_table_add (education, (gpointer) wm_payload_get_string (person->profile, WM_PROFILE_EDUCATION_STATUS));
      g_hash_table_add (social_care, (gpointer) wm_payload_get_string (person->profile, WM_PROFILE_SOCIAL_CARE_STATUS));
      {
        const char *ethnicity = wm_payload_get_string (person->profile, WM_PROFILE_ETHNICITY);
        const char *care = wm_payload_get_string (person->profile, WM_PROFILE_SOCIAL_CARE_STATUS);

        g_assert_nonnull (ethnicity);
        if (wm_ethnicity_get_group (ethnicity) != NULL)
          g_hash_table_add (ethnic_groups, (gpointer) wm_ethnicity_get_group (ethnicity));
        /* Care leavers are adults; only children are looked after. */
        if (g_str_equal (care, "care-leaver"))
          g_assert_cmpuint (age, >=, 18);
        if (g_str_equal (care, "looked-after") || g_str_equal (care, "child-protection-plan"))
          g_assert_cmpuint (age, <, 18);
        if (g_str_equal (wm_payload_get_string (person->profile, WM_PROFILE_REFERRAL_SOURCE), "probation"))
          g_assert_cmpuint (age, >=, 18);
      }
      young_carers += wm_payload_get_boolean (person->profile, WM_PROFILE_YOUNG_CARER, FALSE);
      learning_disability += wm_payload_get_boolean (person->profile, WM_PROFILE_LEARNING_DISABILITY, FALSE);
      neurodivergent += wm_payload_get_boolean (person->profile, WM_PROFILE_NEURODIVERGENCE, FALSE);
      self_described += wm_payload_get_boolean (person->profile, WM_PROFILE_ETHNICITY_SELF_DESCRIBED, FALSE);
      addressed += wm_payload_get_string (person->profile, WM_PROFILE_ADDRESS) != NULL;
      for (guint c = 0; c < person->contacts->len; c++)
        g_hash_table_add (methods, (gpointer) wm_payload_get_string (person->contacts->pdata[c], WM_CONTACT_METHOD));
      for (guint a = 1; a < person->assessments->len; a++)
        {
          g_hash_table_add (harm_levels,
                            (gpointer) wm_assessment_get_judgement (person->assessments->pdata[a],
                                                                    WM_JUDGEMENT_SERIOUS_HARM));
          g_hash_table_add (exploitation_levels,
                            (gpointer) wm_assessment_get_judgement (person->assessments->pdata[a],
                                                                    WM_JUDGEMENT_EXPLOITATION));
        }
      {
        gint32 score;

        g_assert_true (wm_payload_get_int (person->assessments->pdata[0], WM_ASSESSMENT_SCORE, &score));
        flagged += score >= WM_ACE_FLAG_THRESHOLD;
      }
    }

  /* Weighted to the mid-teens, but the whole range turns up. */
  g_assert_cmpuint (teenagers, >, people->len / 2);
  g_assert_cmpuint (ages[WM_PERSON_AGE_MIN] + ages[WM_PERSON_AGE_MIN + 1], >, 0);
  g_assert_cmpuint (ages[WM_PERSON_AGE_MAX] + ages[WM_PERSON_AGE_MAX - 1], >, 0);

  g_assert_cmpuint (g_hash_table_size (authorities), ==, wm_term_count (wm_local_authorities));
  g_assert_cmpuint (g_hash_table_size (sources), ==, wm_term_count (wm_referral_sources));
  g_assert_cmpuint (g_hash_table_size (programmes), ==, wm_term_count (wm_programmes));
  g_assert_cmpuint (g_hash_table_size (harm_levels), ==, wm_term_count (wm_risk_levels));
  g_assert_cmpuint (g_hash_table_size (exploitation_levels), ==, wm_term_count (wm_exploitation_levels));

  g_assert_cmpuint (active, >, people->len / 2);
  /* Most are White British in these four counties, but all five ONS
   * groups turn up; every value the form offers for education, social
   * care and contact method is used. */
  g_assert_cmpuint (g_hash_table_size (ethnic_groups), ==, wm_term_count (wm_ethnic_groups));
  g_assert_cmpuint (g_hash_table_size (education), ==, wm_term_count (wm_person_education_statuses));
  g_assert_cmpuint (g_hash_table_size (social_care), ==, wm_term_count (wm_social_care_statuses));
  g_assert_cmpuint (g_hash_table_size (methods), ==, wm_term_count (wm_contact_methods));
  g_assert_cmpuint (young_carers, >, 0);
  g_assert_cmpuint (young_carers, <, people->len / 4);
  g_assert_cmpuint (learning_disability, >, 0);
  g_assert_cmpuint (learning_disability, <, people->len / 4);
  g_assert_cmpuint (neurodivergent, >, 0);
  g_assert_cmpuint (self_described, >, people->len / 2);
  g_assert_cmpuint (addressed, ==, people->len);
  g_assert_cmpuint (closed, >, 0);
  g_assert_cmpuint (closed, <, people->len / 4);
  g_assert_cmpuint (flagged, >, 0);
  g_assert_cmpuint (flagged, <, people->len);
}

static void
test_names (void)
{
  g_autoptr(GPtrArray) people = make_people (3, N_PEOPLE);
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gboolean welsh = FALSE, polish = FALSE, arabic_script = FALSE, apostrophe = FALSE;

  for (guint i = 0; i < people->len; i++)
    {
      const WmDemoPerson *person = people->pdata[i];
      g_autofree char *full = g_strdup_printf ("%s %s",
                                               wm_payload_get_string (person->profile, WM_PROFILE_GIVEN_NAME),
                                               wm_payload_get_string (person->profile, WM_PROFILE_FAMILY_NAME));

      g_assert_true (g_utf8_validate (full, -1, NULL));
      welsh = welsh || strstr (full, "ŵ") != NULL || strstr (full, "ŷ") != NULL;
      polish = polish || strstr (full, "ł") != NULL || strstr (full, "Ł") != NULL || strstr (full, "ś") != NULL;
      apostrophe = apostrophe || strchr (full, '\'') != NULL;
      for (const char *p = full; *p != '\0'; p = g_utf8_next_char (p))
        arabic_script = arabic_script
                        || g_unichar_get_script (g_utf8_get_char (p)) == G_UNICODE_SCRIPT_ARABIC;

      /* Nobody shares a whole name with someone else in the same demo. */
      g_assert_true (g_hash_table_add (names, g_steal_pointer (&full)));
    }

  g_assert_true (welsh);
  g_assert_true (polish);
  g_assert_true (arabic_script);
  g_assert_true (apostrophe);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/demo/same-seed-same-people", test_same_seed_same_people);
  g_test_add_func ("/core/demo/records-are-valid", test_records_are_valid);
  g_test_add_func ("/core/demo/spreads", test_spreads);
  g_test_add_func ("/core/demo/names", test_names);

  return g_test_run ();
}
