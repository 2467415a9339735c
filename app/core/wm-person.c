/* wm-person.c — a young person's profile: its fields, vocabularies, and names
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wm-core"

#include "config.h"

#include <glib/gi18n.h>

#include "wm-assessment.h"
#include "wm-date.h"
#include "wm-payload.h"
#include "wm-person.h"

/* The four local authorities of the police area. "&" is part of the
 * borough's name (Telford & Wrekin Council), so the id keeps it spelt out. */
const WmTerm wm_local_authorities[] = {
  { "herefordshire", N_("Herefordshire") },
  { "shropshire", N_("Shropshire") },
  { "telford-and-wrekin", N_("Telford & Wrekin") },
  { "worcestershire", N_("Worcestershire") },
  { NULL, NULL }
};

const WmTerm wm_referral_sources[] = {
  { "police", N_("Police") },
  { "school", N_("School") },
  { "youth-justice", N_("Youth Justice Service") },
  { "community-safety-partnership", N_("Community Safety Partnership") },
  { "health", N_("Health") },
  { "liaison-diversion", N_("Liaison & Diversion") },
  { "family", N_("Family") },
  { "self", N_("Self-referral") },
  { NULL, NULL }
};

/* The network's programmes as the PCC's report describes them. An
 * organisation may run others; the profile check accepts any programme
 * text, and these are the ones Waymark can translate. */
const WmTerm wm_programmes[] = {
  { "mentoring", N_("Mentoring") },
  { "sports-diversion", N_("Sports diversion") },
  { "education-inclusion", N_("Education inclusion") },
  { "county-lines-intervention", N_("County lines intervention") },
  { "family-support", N_("Family support") },
  { NULL, NULL }
};

/* The life of a case: referred in, worked with (or paused while, say,
 * the young person is in hospital or custody), closed. */
const WmTerm wm_case_statuses[] = {
  { "referred", N_("Referred") },
  { "open", N_("Open") },
  { "paused", N_("Paused") },
  { "closed", N_("Closed") },
  { NULL, NULL }
};

static char *
dup_stripped (GVariant   *profile,
              const char *key)
{
  const char *text = wm_payload_get_string (profile, key);
  char *copy;

  if (text == NULL)
    return NULL;

  copy = g_strstrip (g_strdup (text));
  if (*copy == '\0')
    g_clear_pointer (&copy, g_free);
  return copy;
}

/**
 * wm_person_dup_display_name:
 * @profile: (nullable): a profile payload
 *
 * The name to show: the name the young person prefers to be called by,
 * when recorded, in place of their given name, then the family name.
 * Names are shown as written: no capitalisation is imposed, since
 * "de Souza", "ap Rhys" and Arabic script have none to impose.
 *
 * Returns: (transfer full): a name to show; never %NULL or empty
 */
char *
wm_person_dup_display_name (GVariant *profile)
{
  g_autofree char *given = dup_stripped (profile, WM_PROFILE_PREFERRED_NAME);
  g_autofree char *family = dup_stripped (profile, WM_PROFILE_FAMILY_NAME);

  if (given == NULL)
    given = dup_stripped (profile, WM_PROFILE_GIVEN_NAME);

  if (given != NULL && family != NULL)
    return g_strconcat (given, " ", family, NULL);
  if (given != NULL)
    return g_steal_pointer (&given);
  if (family != NULL)
    return g_steal_pointer (&family);
  return g_strdup (_("Name not recorded"));
}

/**
 * wm_person_get_age:
 * @profile: (nullable): a profile payload
 * @today: a valid date
 * @out_years: (out): the age in whole years
 * @error: return location for a #WM_CORE_ERROR
 *
 * Returns: %TRUE when the profile has a valid date of birth no later
 *   than @today
 */
gboolean
wm_person_get_age (GVariant     *profile,
                   const GDate  *today,
                   guint        *out_years,
                   GError      **error)
{
  const char *date_of_birth;

  g_return_val_if_fail (today != NULL, FALSE);
  g_return_val_if_fail (out_years != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  date_of_birth = wm_payload_get_string (profile, WM_PROFILE_DATE_OF_BIRTH);
  if (date_of_birth == NULL)
    {
      g_set_error_literal (error, WM_CORE_ERROR, WM_CORE_ERROR_MISSING,
                           _("No date of birth is recorded. Add it to the profile."));
      return FALSE;
    }
  return wm_date_age_from_iso (date_of_birth, today, out_years, error);
}

/**
 * wm_person_summarise:
 * @profile: (nullable): the current profile payload
 * @latest_assessment: (nullable): the latest assessment payload
 * @today: a valid date
 *
 * One line for a caseload: name, age, area, programme, status and what
 * the latest assessment concluded, for a glance down a list. Parts that
 * are not recorded are left out rather than shown empty.
 *
 * Returns: (transfer full): the summary
 */
char *
wm_person_summarise (GVariant    *profile,
                     GVariant    *latest_assessment,
                     const GDate *today)
{
  g_autoptr(GString) line = g_string_new (NULL);
  g_autofree char *name = wm_person_dup_display_name (profile);
  const char *parts[3];
  const char *instrument;
  guint years;

  g_return_val_if_fail (today != NULL && g_date_valid (today), NULL);

  g_string_append (line, name);
  if (wm_person_get_age (profile, today, &years, NULL))
    /* Translators: a name, then the person's age in years. */
    g_string_append_printf (line, _(", %u"), years);
  else
    g_string_append (line, _(", age unknown"));

  parts[0] = wm_term_get_label (wm_local_authorities,
                                wm_payload_get_string (profile, WM_PROFILE_LOCAL_AUTHORITY));
  parts[1] = wm_term_get_label (wm_programmes,
                                wm_payload_get_string (profile, WM_PROFILE_PROGRAMME));
  parts[2] = wm_term_get_label (wm_case_statuses,
                                wm_payload_get_string (profile, WM_PROFILE_STATUS));
  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      if (parts[i] != NULL)
        g_string_append_printf (line, " · %s", parts[i]);
    }

  instrument = wm_payload_get_string (latest_assessment, WM_ASSESSMENT_INSTRUMENT);
  if (g_strcmp0 (instrument, WM_INSTRUMENT_DIVERSION_RISK_NEEDS) == 0)
    {
      const char *harm = wm_assessment_get_judgement (latest_assessment, WM_JUDGEMENT_SERIOUS_HARM);
      const char *exploitation = wm_assessment_get_judgement (latest_assessment, WM_JUDGEMENT_EXPLOITATION);

      if (harm != NULL)
        g_string_append_printf (line, _(" · serious harm: %s"),
                                wm_term_get_label (wm_risk_levels, harm));
      if (exploitation != NULL)
        g_string_append_printf (line, _(" · exploitation: %s"),
                                wm_term_get_label (wm_exploitation_levels, exploitation));
    }
  else if (g_strcmp0 (instrument, WM_INSTRUMENT_ACE) == 0)
    {
      gint32 score;

      if (wm_payload_get_int (latest_assessment, WM_ASSESSMENT_SCORE, &score))
        g_string_append_printf (line, _(" · ACE score %d"), score);
    }

  return g_string_free (g_steal_pointer (&line), FALSE);
}

/**
 * wm_person_check_profile:
 * @profile: a profile payload
 * @today: a valid date
 * @error: return location for a #WM_CORE_ERROR
 *
 * What a profile must hold to be saved: a name, and a date of birth that
 * exists and gives an age the network works with; every field present is
 * of its type and, where it has one, in its vocabulary. Keys this version
 * does not know are let through: a newer Waymark may have written them.
 *
 * Returns: %TRUE when @profile may be saved
 */
gboolean
wm_person_check_profile (GVariant     *profile,
                         const GDate  *today,
                         GError      **error)
{
  g_autofree char *given = NULL;
  g_autofree char *family = NULL;
  guint years;

  g_return_val_if_fail (profile != NULL, FALSE);
  g_return_val_if_fail (g_variant_is_of_type (profile, G_VARIANT_TYPE_VARDICT), FALSE);
  g_return_val_if_fail (today != NULL && g_date_valid (today), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!wm_payload_check_text (profile, WM_PROFILE_GIVEN_NAME, FALSE, error)
      || !wm_payload_check_text (profile, WM_PROFILE_FAMILY_NAME, FALSE, error)
      || !wm_payload_check_text (profile, WM_PROFILE_PREFERRED_NAME, FALSE, error)
      || !wm_payload_check_text (profile, WM_PROFILE_PROGRAMME, FALSE, error)
      || !wm_payload_check_date (profile, WM_PROFILE_DATE_OF_BIRTH, TRUE, error)
      || !wm_payload_check_date (profile, WM_PROFILE_REFERRED_ON, FALSE, error)
      || !wm_payload_check_term (profile, WM_PROFILE_LOCAL_AUTHORITY, wm_local_authorities, FALSE, error)
      || !wm_payload_check_term (profile, WM_PROFILE_REFERRAL_SOURCE, wm_referral_sources, FALSE, error)
      || !wm_payload_check_term (profile, WM_PROFILE_STATUS, wm_case_statuses, FALSE, error))
    return FALSE;

  /* Some people have one name only; some have no given name. */
  given = dup_stripped (profile, WM_PROFILE_GIVEN_NAME);
  family = dup_stripped (profile, WM_PROFILE_FAMILY_NAME);
  if (given == NULL && family == NULL)
    {
      g_set_error_literal (error, WM_CORE_ERROR, WM_CORE_ERROR_MISSING,
                           _("The profile has no name. Enter a given name, a family name, or both."));
      return FALSE;
    }

  if (!wm_person_get_age (profile, today, &years, error))
    return FALSE;

  /* Referrals come in from age 10 and a case may run on a little past 25,
   * so the bound only catches a slipped year (2100, 1910), not a case. */
  if (years < WM_PERSON_AGE_MIN - 2 || years > WM_PERSON_AGE_MAX + 5)
    {
      g_set_error (error, WM_CORE_ERROR, WM_CORE_ERROR_INVALID_DATE,
                   _("The date of birth gives an age far outside %d to %d, the ages the network works with. "
                     "Check the year."),
                   WM_PERSON_AGE_MIN, WM_PERSON_AGE_MAX);
      return FALSE;
    }
  return TRUE;
}
