/* wm-person.c — a young person's profile: its fields, vocabularies, and names
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wm-core"

#include "config.h"

#include <glib/gi18n.h>

#include <string.h>

#include "wm-assessment.h"
#include "wm-casework.h"
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

/* Who refers young people in: the partners of the PCC's report and of
 * DESIGN.md's "People, as the record holds them". Liaison & Diversion
 * refers in from custody suites; it is never a destination. */
const WmTerm wm_referral_sources[] = {
  { "police", N_("Police") },
  { "school", N_("School") },
  { "youth-justice", N_("Youth Justice Service") },
  { "community-safety-partnership", N_("Community Safety Partnership") },
  { "childrens-social-care", N_("Children’s social care") },
  { "early-help", N_("Early help") },
  { "health", N_("Health") },
  { "liaison-diversion", N_("Liaison & Diversion") },
  { "probation", N_("Probation Service") },
  { "voluntary-sector", N_("Voluntary sector") },
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

/* The life of a case: referred in, worked with, closed; a closed case can
 * be reopened. wm_person_check_status_change() holds the moves between
 * them. Why a case closed is not a status: it is a closure record. */
const WmTerm wm_case_statuses[] = {
  { WM_CASE_STATUS_REFERRED, N_("Referred") },
  { WM_CASE_STATUS_ACTIVE, N_("Active") },
  { WM_CASE_STATUS_CLOSED, N_("Closed") },
  { NULL, NULL }
};

/* The first statuses: "open", and "paused" for a case on hold while the
 * young person was, say, in hospital; on hold is still active work. */
const WmTermAlias wm_case_status_aliases[] = {
  { "open", WM_CASE_STATUS_ACTIVE },
  { "paused", WM_CASE_STATUS_ACTIVE },
  { NULL, NULL }
};

/* Sex, apart from gender (a free-text field in the young person's words). */
const WmTerm wm_sexes[] = {
  { "female", N_("Female") },
  { "male", N_("Male") },
  { "intersex", N_("Intersex") },
  { "prefer-not-to-say", N_("Prefer not to say") },
  { "not-known", N_("Not known") },
  { NULL, NULL }
};

/* The five high-level groups of the ONS 2021 census classification for
 * England and Wales, worded as the census in England asked. */
const WmTerm wm_ethnic_groups[] = {
  { "asian", N_("Asian or Asian British") },
  { "black", N_("Black, Black British, Caribbean or African") },
  { "mixed", N_("Mixed or Multiple ethnic groups") },
  { "white", N_("White") },
  { "other", N_("Other ethnic group") },
  { NULL, NULL }
};

/* The 19 ONS 2021 categories, group by group in the census's order, then
 * "prefer not to say", which belongs to no group. ethnicity_groups says
 * which group each is in. */
const WmTerm wm_ethnicities[] = {
  { "asian-bangladeshi", N_("Bangladeshi") },
  { "asian-chinese", N_("Chinese") },
  { "asian-indian", N_("Indian") },
  { "asian-pakistani", N_("Pakistani") },
  { "asian-other", N_("Any other Asian background") },
  { "black-african", N_("African") },
  { "black-caribbean", N_("Caribbean") },
  { "black-other", N_("Any other Black, Black British or Caribbean background") },
  { "mixed-white-asian", N_("White and Asian") },
  { "mixed-white-black-african", N_("White and Black African") },
  { "mixed-white-black-caribbean", N_("White and Black Caribbean") },
  { "mixed-other", N_("Any other Mixed or Multiple ethnic background") },
  { "white-british", N_("English, Welsh, Scottish, Northern Irish or British") },
  { "white-irish", N_("Irish") },
  { "white-gypsy-irish-traveller", N_("Gypsy or Irish Traveller") },
  { "white-roma", N_("Roma") },
  { "white-other", N_("Any other White background") },
  { "other-arab", N_("Arab") },
  { "other-any", N_("Any other ethnic group") },
  { "prefer-not-to-say", N_("Prefer not to say") },
  { NULL, NULL }
};

static const char *const ethnicity_groups[] = {
  "asian", "asian", "asian", "asian", "asian",
  "black", "black", "black",
  "mixed", "mixed", "mixed", "mixed",
  "white", "white", "white", "white", "white",
  "other", "other",
  NULL,
};

/* Where the young person is with education, training or work. Not the
 * assessment's own scale (wm_education_statuses), which rates a need. */
const WmTerm wm_person_education_statuses[] = {
  { "in-education", N_("In education") },
  { "suspended", N_("Suspended") },
  { "permanently-excluded", N_("Permanently excluded") },
  { "alternative-provision", N_("Alternative provision or PRU") },
  { "elective-home-education", N_("Elective home education") },
  { "missing-education", N_("Missing education") },
  { "reduced-timetable", N_("Reduced timetable") },
  { "neet", N_("Not in education, employment or training") },
  { "apprenticeship", N_("Apprenticeship") },
  { "employed", N_("Employed") },
  { NULL, NULL }
};

const WmTerm wm_social_care_statuses[] = {
  { "none", N_("None") },
  { "early-help", N_("Early help") },
  { "child-in-need", N_("Child in need") },
  { "child-protection-plan", N_("Child protection plan") },
  { "looked-after", N_("Looked after") },
  { "care-leaver", N_("Care leaver") },
  { NULL, NULL }
};

/* Special educational needs and disabilities, by the support in place. */
const WmTerm wm_send_statuses[] = {
  { "none", N_("None") },
  { "sen-support", N_("SEN support") },
  { "ehcp", N_("Education, health and care plan (EHCP)") },
  { NULL, NULL }
};

G_STATIC_ASSERT (G_N_ELEMENTS (ethnicity_groups) == 20);

const WmProfileField wm_profile_fields[] = {
  { WM_PROFILE_GIVEN_NAME, N_("Given name"), WM_FIELD_TEXT, NULL, NULL },
  { WM_PROFILE_FAMILY_NAME, N_("Family name"), WM_FIELD_TEXT, NULL, NULL },
  { WM_PROFILE_PREFERRED_NAME, N_("Preferred name"), WM_FIELD_TEXT, NULL, NULL },
  { WM_PROFILE_PRONOUNS, N_("Pronouns"), WM_FIELD_TEXT, NULL, NULL },
  { WM_PROFILE_DATE_OF_BIRTH, N_("Date of birth"), WM_FIELD_DATE, NULL, NULL },
  { WM_PROFILE_SEX, N_("Sex"), WM_FIELD_TERM, wm_sexes, NULL },
  { WM_PROFILE_GENDER, N_("Gender"), WM_FIELD_TEXT, NULL, NULL },
  { WM_PROFILE_ETHNICITY, N_("Ethnicity"), WM_FIELD_TERM, wm_ethnicities, NULL },
  { WM_PROFILE_ETHNICITY_SELF_DESCRIBED, N_("Ethnicity chosen by the young person"), WM_FIELD_BOOLEAN, NULL, NULL },
  { WM_PROFILE_ADDRESS, N_("Address"), WM_FIELD_LONG_TEXT, NULL, NULL },
  { WM_PROFILE_LOCAL_AUTHORITY, N_("Local authority"), WM_FIELD_TERM, wm_local_authorities, NULL },
  { WM_PROFILE_SCHOOL, N_("School or college"), WM_FIELD_TEXT, NULL, NULL },
  { WM_PROFILE_EDUCATION_STATUS, N_("Education status"), WM_FIELD_TERM, wm_person_education_statuses, NULL },
  { WM_PROFILE_PARENT_CARER, N_("Parent or carer"), WM_FIELD_LONG_TEXT, NULL, NULL },
  { WM_PROFILE_OTHER_PROFESSIONALS, N_("Other professionals involved"), WM_FIELD_LONG_TEXT, NULL, NULL },
  { WM_PROFILE_SOCIAL_CARE_STATUS, N_("Children’s social care status"), WM_FIELD_TERM, wm_social_care_statuses, NULL },
  { WM_PROFILE_YOUNG_CARER, N_("Young carer"), WM_FIELD_BOOLEAN, NULL, NULL },
  { WM_PROFILE_SEND, N_("Special educational needs and disabilities"), WM_FIELD_TERM, wm_send_statuses, NULL },
  { WM_PROFILE_SPEECH_LANGUAGE, N_("Speech, language and communication needs"), WM_FIELD_BOOLEAN, NULL, NULL },
  { WM_PROFILE_NEURODIVERGENCE, N_("Neurodivergence"), WM_FIELD_BOOLEAN, NULL, NULL },
  { WM_PROFILE_LEARNING_DISABILITY, N_("Learning disability"), WM_FIELD_BOOLEAN, NULL, NULL },
  { WM_PROFILE_REFERRAL_SOURCE, N_("Referred by"), WM_FIELD_TERM, wm_referral_sources, NULL },
  { WM_PROFILE_REFERRED_ON, N_("Date referred"), WM_FIELD_DATE, NULL, NULL },
  { WM_PROFILE_REFERRAL_REASON, N_("Reason for referral"), WM_FIELD_LONG_TEXT, NULL, NULL },
  { WM_PROFILE_PROGRAMME, N_("Programme"), WM_FIELD_TEXT, wm_programmes, NULL },
  { WM_PROFILE_CONSENT, N_("Agreed to the service"), WM_FIELD_BOOLEAN, NULL, NULL },
  { WM_PROFILE_CONSENT_ON, N_("Date consent was given"), WM_FIELD_DATE, NULL, NULL },
  { WM_PROFILE_STATUS, N_("Case status"), WM_FIELD_TERM, wm_case_statuses, wm_case_status_aliases },
  { NULL, NULL, 0, NULL, NULL }
};

/**
 * wm_person_find_field:
 * @key: (nullable): a key of the profile
 *
 * Returns: (nullable): the description of @key, or %NULL when the profile
 *   has no such field
 */
const WmProfileField *
wm_person_find_field (const char *key)
{
  if (key == NULL)
    return NULL;

  for (const WmProfileField *field = wm_profile_fields; field->key != NULL; field++)
    {
      if (g_str_equal (field->key, key))
        return field;
    }
  return NULL;
}

/**
 * wm_person_field_get_label:
 * @field: a field of wm_profile_fields
 *
 * Returns: (transfer none): the translated label of @field
 */
const char *
wm_person_field_get_label (const WmProfileField *field)
{
  g_return_val_if_fail (field != NULL, NULL);

  return g_dgettext (GETTEXT_PACKAGE, field->label);
}

/**
 * wm_ethnicity_get_group:
 * @ethnicity: (nullable): an id of wm_ethnicities
 *
 * Returns: (nullable): the id of the wm_ethnic_groups group @ethnicity is
 *   in, or %NULL for "prefer not to say" and for an id that is not one
 */
const char *
wm_ethnicity_get_group (const char *ethnicity)
{
  int index = wm_term_index (wm_ethnicities, ethnicity);

  return index < 0 ? NULL : ethnicity_groups[index];
}

/* @text without surrounding white space, or %NULL when nothing is left. */
static char *
dup_stripped_text (const char *text)
{
  char *copy;

  if (text == NULL)
    return NULL;

  copy = g_strstrip (g_strdup (text));
  if (*copy == '\0')
    g_clear_pointer (&copy, g_free);
  return copy;
}

/**
 * wm_person_format_display_name:
 * @preferred: (nullable): the name they prefer to be called by
 * @given: (nullable): the given name
 * @family: (nullable): the family name
 *
 * wm_person_dup_display_name() from the three names themselves, for a
 * caller that has read them already.
 *
 * Returns: (transfer full): a name to show; never %NULL or empty
 */
char *
wm_person_format_display_name (const char *preferred,
                               const char *given,
                               const char *family)
{
  g_autofree char *first = dup_stripped_text (preferred);
  g_autofree char *last = dup_stripped_text (family);

  if (first == NULL)
    first = dup_stripped_text (given);

  if (first != NULL && last != NULL)
    return g_strconcat (first, " ", last, NULL);
  if (first != NULL)
    return g_steal_pointer (&first);
  if (last != NULL)
    return g_steal_pointer (&last);
  return g_strdup (_("Name not recorded"));
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
  return wm_person_format_display_name (wm_payload_get_string (profile, WM_PROFILE_PREFERRED_NAME),
                                        wm_payload_get_string (profile, WM_PROFILE_GIVEN_NAME),
                                        wm_payload_get_string (profile, WM_PROFILE_FAMILY_NAME));
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
  parts[2] = wm_term_get_label (wm_case_statuses, wm_person_get_status (profile));
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
 * wm_person_get_status:
 * @profile: (nullable): a profile payload
 *
 * Returns: (nullable): the case status, an old id given as the id that
 *   replaced it ("open" as "active"), or %NULL when none is recorded
 */
const char *
wm_person_get_status (GVariant *profile)
{
  return wm_term_alias_resolve (wm_case_status_aliases,
                                wm_payload_get_string (profile, WM_PROFILE_STATUS));
}

static gboolean
is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      if (!g_unichar_isspace (g_utf8_get_char (p)))
        return FALSE;
    }
  return TRUE;
}

/* Counts no further than it needs: a 10 MB paste is refused without
 * walking all of it. */
static gboolean
check_length (const WmProfileField  *field,
              GVariant              *profile,
              GError               **error)
{
  guint max = field->kind == WM_FIELD_LONG_TEXT ? WM_NOTE_MAX_CHARACTERS : WM_PERSON_LINE_MAX_CHARACTERS;
  const char *text = wm_payload_get_string (profile, field->key);
  guint n = 0;

  if (text == NULL || strlen (text) <= max)
    return TRUE;
  for (const char *p = text; *p != '\0' && n <= max; p = g_utf8_next_char (p))
    n++;
  if (n <= max)
    return TRUE;

  g_set_error (error, WM_CORE_ERROR, WM_CORE_ERROR_CONSTRAINT,
               /* Translators: %s is a field's name, %u a number of characters. */
               _("The field “%s” is too long: it may hold at most %u characters. "
                 "Shorten it, or split it over several entries."),
               wm_person_field_get_label (field), max);
  return FALSE;
}

/* The type, vocabulary, length or date of one field, when present. A
 * blank date counts as absent, as an empty form row would be. */
static gboolean
check_field (const WmProfileField  *field,
             GVariant              *profile,
             const GDate           *today,
             GError               **error)
{
  const char *text;
  GDate date;

  switch (field->kind)
    {
    case WM_FIELD_TEXT:
    case WM_FIELD_LONG_TEXT:
      return wm_payload_check_text (profile, field->key, FALSE, error)
             && check_length (field, profile, error);

    case WM_FIELD_BOOLEAN:
      return wm_payload_check_type (profile, field->key, G_VARIANT_TYPE_BOOLEAN, FALSE, error);

    case WM_FIELD_TERM:
      if (!wm_payload_check_type (profile, field->key, G_VARIANT_TYPE_STRING, FALSE, error))
        return FALSE;
      text = wm_payload_get_string (profile, field->key);
      if (field->aliases != NULL)
        text = wm_term_alias_resolve (field->aliases, text);
      if (text == NULL || wm_term_find (field->terms, text) != NULL)
        return TRUE;
      return wm_payload_check_term (profile, field->key, field->terms, FALSE, error);

    case WM_FIELD_DATE:
      if (!wm_payload_check_type (profile, field->key, G_VARIANT_TYPE_STRING, FALSE, error))
        return FALSE;
      text = wm_payload_get_string (profile, field->key);
      if (is_blank (text))
        return TRUE;
      if (!wm_payload_check_date (profile, field->key, FALSE, error))
        return FALSE;
      if (!wm_date_parse_iso (text, &date, error))
        return FALSE;
      if (g_date_compare (&date, today) > 0)
        {
          g_set_error (error, WM_CORE_ERROR, WM_CORE_ERROR_FUTURE_DATE,
                       /* Translators: %s is a field's name, such as “Date of birth”. */
                       _("The field “%s” is after today. Check the date, the year especially."),
                       wm_person_field_get_label (field));
          return FALSE;
        }
      return TRUE;

    default:
      g_assert_not_reached ();
      return FALSE;
    }
}

static gboolean
parse_date_field (GVariant   *profile,
                  const char *key,
                  GDate      *out_date)
{
  const char *text = wm_payload_get_string (profile, key);

  return !is_blank (text) && wm_date_parse_iso (text, out_date, NULL);
}

/**
 * wm_person_check_profile:
 * @profile: a profile payload
 * @today: a valid date
 * @error: return location for a #WM_CORE_ERROR
 *
 * What a profile must hold to be saved: a name (a given name, a family
 * name or both: some people have one name only) and a date of birth that
 * exists, is not after @today and gives an age the network could work
 * with; every field of wm_profile_fields that is present is of its type,
 * in its vocabulary (old ids of a vocabulary included) and not too long,
 * and none of its dates is after @today. Agreeing to the service needs
 * the date it was agreed; a referral cannot predate the birth. Keys this
 * version does not know are let through: a newer Waymark may have
 * written them.
 *
 * What is unusual but possible (an age outside 10 to 25) is not refused:
 * wm_person_collect_warnings() says it.
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
  gboolean has_date_of_birth;
  GDate birth, referred;
  guint years;

  g_return_val_if_fail (profile != NULL, FALSE);
  g_return_val_if_fail (g_variant_is_of_type (profile, G_VARIANT_TYPE_VARDICT), FALSE);
  g_return_val_if_fail (today != NULL && g_date_valid (today), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  for (const WmProfileField *field = wm_profile_fields; field->key != NULL; field++)
    {
      if (!check_field (field, profile, today, error))
        return FALSE;
    }

  /* What a new record needs, named together so a form can say it once. */
  given = dup_stripped_text (wm_payload_get_string (profile, WM_PROFILE_GIVEN_NAME));
  family = dup_stripped_text (wm_payload_get_string (profile, WM_PROFILE_FAMILY_NAME));
  has_date_of_birth = !is_blank (wm_payload_get_string (profile, WM_PROFILE_DATE_OF_BIRTH));
  if (given == NULL && family == NULL && !has_date_of_birth)
    {
      g_set_error (error, WM_CORE_ERROR, WM_CORE_ERROR_MISSING,
                   /* Translators: %s is the field “Date of birth”. */
                   _("The profile has no name and no “%s”. Enter a given name, a family name or both, "
                     "and the date of birth."),
                   wm_payload_get_field_label (WM_PROFILE_DATE_OF_BIRTH));
      return FALSE;
    }
  if (given == NULL && family == NULL)
    {
      g_set_error_literal (error, WM_CORE_ERROR, WM_CORE_ERROR_MISSING,
                           _("The profile has no name. Enter a given name, a family name, or both."));
      return FALSE;
    }
  if (!has_date_of_birth)
    {
      g_set_error (error, WM_CORE_ERROR, WM_CORE_ERROR_MISSING,
                   _("The field “%s” is missing. Fill it in and save again."),
                   wm_payload_get_field_label (WM_PROFILE_DATE_OF_BIRTH));
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

  if (parse_date_field (profile, WM_PROFILE_DATE_OF_BIRTH, &birth)
      && parse_date_field (profile, WM_PROFILE_REFERRED_ON, &referred)
      && g_date_compare (&referred, &birth) < 0)
    {
      g_set_error (error, WM_CORE_ERROR, WM_CORE_ERROR_INVALID_DATE,
                   /* Translators: %s are two fields' names. */
                   _("The field “%s” is before the “%s”. Check both dates."),
                   wm_payload_get_field_label (WM_PROFILE_REFERRED_ON),
                   wm_payload_get_field_label (WM_PROFILE_DATE_OF_BIRTH));
      return FALSE;
    }

  if (wm_payload_get_boolean (profile, WM_PROFILE_CONSENT, FALSE)
      && is_blank (wm_payload_get_string (profile, WM_PROFILE_CONSENT_ON)))
    {
      g_set_error (error, WM_CORE_ERROR, WM_CORE_ERROR_MISSING,
                   /* Translators: %s is the field “Date consent was given”. */
                   _("The young person agreed to the service, but “%s” is empty. Enter the date they agreed."),
                   wm_payload_get_field_label (WM_PROFILE_CONSENT_ON));
      return FALSE;
    }
  return TRUE;
}

/**
 * wm_person_collect_warnings:
 * @profile: a profile payload
 * @today: a valid date
 *
 * What a form should point out but not refuse: an age outside the
 * network's 10 to 25, and an active case without the young person's
 * agreement to the service on record. A profile that
 * wm_person_check_profile() refuses may give no warnings at all: errors
 * come first.
 *
 * Returns: (transfer full) (element-type utf8): translated sentences,
 *   empty when there is nothing to say
 */
GPtrArray *
wm_person_collect_warnings (GVariant    *profile,
                            const GDate *today)
{
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  guint years;

  g_return_val_if_fail (profile != NULL, NULL);
  g_return_val_if_fail (today != NULL && g_date_valid (today), NULL);

  if (wm_person_get_age (profile, today, &years, NULL))
    {
      if (years < WM_PERSON_AGE_MIN)
        g_ptr_array_add (warnings,
                         g_strdup_printf (_("The young person is under %d, younger than the network works with. "
                                            "Check the date of birth, or note why they were referred."),
                                          WM_PERSON_AGE_MIN));
      else if (years > WM_PERSON_AGE_MAX)
        g_ptr_array_add (warnings,
                         g_strdup_printf (_("The young person is over %d, older than the network works with. "
                                            "Check the date of birth, or close the case as having reached "
                                            "the upper age limit."),
                                          WM_PERSON_AGE_MAX));
    }

  if (g_strcmp0 (wm_person_get_status (profile), WM_CASE_STATUS_ACTIVE) == 0
      && !wm_payload_get_boolean (profile, WM_PROFILE_CONSENT, FALSE))
    g_ptr_array_add (warnings,
                     g_strdup (_("The case is active, but the young person’s agreement to the service is not "
                                 "recorded. Diversion is voluntary: record when they agreed.")));

  return g_steal_pointer (&warnings);
}

/**
 * wm_person_check_status_change:
 * @from: (nullable): the case's status now, or %NULL for a new case
 * @to: the status wanted
 * @closure: (nullable): the closure record that goes with closing
 * @error: return location for a #WM_CORE_ERROR
 *
 * A case moves from referred to active, from either to closed, and from
 * closed back to active (reopened); it never goes back to referred. A
 * new case may start at any status. Closing needs @closure, a closure
 * record that passes wm_closure_check() (a date and a reason); a case
 * closed straight from referral cannot have completed the programme.
 * Staying at the same status is no change and always allowed. Old ids
 * ("open", "paused") count as "active".
 *
 * Returns: %TRUE when the change may be made
 */
gboolean
wm_person_check_status_change (const char  *from,
                               const char  *to,
                               GVariant    *closure,
                               GError     **error)
{
  const char *reason;

  g_return_val_if_fail (to != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  from = wm_term_alias_resolve (wm_case_status_aliases, from);
  to = wm_term_alias_resolve (wm_case_status_aliases, to);
  if ((from != NULL && wm_term_find (wm_case_statuses, from) == NULL)
      || wm_term_find (wm_case_statuses, to) == NULL)
    {
      g_autofree char *allowed = wm_term_join_ids (wm_case_statuses, ", ");

      g_set_error (error, WM_CORE_ERROR, WM_CORE_ERROR_UNKNOWN_VALUE,
                   _("The field “%s” holds “%s”, which is not one of: %s. Choose one of those."),
                   wm_payload_get_field_label (WM_PROFILE_STATUS),
                   wm_term_find (wm_case_statuses, to) == NULL ? to : from, allowed);
      return FALSE;
    }

  if (g_strcmp0 (from, to) == 0)
    return TRUE;

  if (g_str_equal (to, WM_CASE_STATUS_REFERRED) && from != NULL)
    {
      g_set_error (error, WM_CORE_ERROR, WM_CORE_ERROR_CONSTRAINT,
                   g_str_equal (from, WM_CASE_STATUS_CLOSED)
                     ? _("A closed case cannot go back to “Referred”. Reopen it as “Active” instead.")
                     : _("An active case cannot go back to “Referred”. Keep it active, or close it."));
      return FALSE;
    }

  if (!g_str_equal (to, WM_CASE_STATUS_CLOSED))
    return TRUE;

  if (closure == NULL)
    {
      g_set_error_literal (error, WM_CORE_ERROR, WM_CORE_ERROR_MISSING,
                           _("Closing a case needs a closure record. Fill in the date and the reason "
                             "for closing."));
      return FALSE;
    }
  if (!g_variant_is_of_type (closure, G_VARIANT_TYPE_VARDICT))
    {
      g_set_error_literal (error, WM_CORE_ERROR, WM_CORE_ERROR_WRONG_TYPE,
                           _("The closure record is not a record of fields. It was written by another "
                             "program; fill in the closure again."));
      return FALSE;
    }
  if (!wm_closure_check (closure, error))
    return FALSE;

  reason = wm_payload_get_string (closure, WM_CLOSURE_REASON);
  if (g_strcmp0 (from, WM_CASE_STATUS_REFERRED) == 0 && g_strcmp0 (reason, "completed") == 0)
    {
      g_set_error (error, WM_CORE_ERROR, WM_CORE_ERROR_CONSTRAINT,
                   /* Translators: %s is a closure reason, “Programme completed”. */
                   _("A case closed before it became active cannot close as “%s”. Choose the reason "
                     "it closed at referral."),
                   wm_term_get_label (wm_closure_reasons, reason));
      return FALSE;
    }
  return TRUE;
}

/**
 * wm_person_upgrade_profile:
 * @profile: a profile payload
 *
 * The same profile with every old vocabulary id (a status of "open")
 * replaced by the id that took its place, for a form to show and save.
 * Everything else, keys this version does not know included, is kept.
 *
 * Returns: (transfer full): @profile itself (a new reference) when it
 *   holds no old id, else a new payload
 */
GVariant *
wm_person_upgrade_profile (GVariant *profile)
{
  GVariantDict dict;
  gboolean changed = FALSE;

  g_return_val_if_fail (profile != NULL, NULL);
  g_return_val_if_fail (g_variant_is_of_type (profile, G_VARIANT_TYPE_VARDICT), NULL);

  g_variant_dict_init (&dict, profile);
  for (const WmProfileField *field = wm_profile_fields; field->key != NULL; field++)
    {
      const char *id;
      const char *current;

      if (field->aliases == NULL)
        continue;
      id = wm_payload_get_string (profile, field->key);
      current = wm_term_alias_resolve (field->aliases, id);
      if (current != id)
        {
          g_variant_dict_insert (&dict, field->key, "s", current);
          changed = TRUE;
        }
    }

  if (!changed)
    {
      g_variant_dict_clear (&dict);
      return g_variant_ref (profile);
    }
  return g_variant_ref_sink (g_variant_dict_end (&dict));
}

/* Scripts whose accents people leave off when they type a name on an
 * English keyboard (Siân as Sian, Seán as Sean). The marks of other
 * scripts (an Indic vowel sign) change the name, so they stay. */
static gboolean
marks_are_optional (GUnicodeScript script)
{
  return script == G_UNICODE_SCRIPT_LATIN
         || script == G_UNICODE_SCRIPT_GREEK
         || script == G_UNICODE_SCRIPT_CYRILLIC
         || script == G_UNICODE_SCRIPT_ARABIC;  /* short vowels, usually unwritten */
}

/**
 * wm_person_dup_identity_key:
 * @name: (nullable): a name as typed
 *
 * A name in the form two spellings of it are compared in: Unicode
 * compatibility forms folded (NFKC), case folded, the accents of Latin,
 * Greek and Cyrillic letters and Arabic's short vowels dropped, the
 * apostrophes and hyphens word processors substitute made plain, and
 * white space trimmed and collapsed. So "SIÂN" typed with a combining
 * circumflex, "siân" and "Sian" give one key, as do O’Brien and O'Brien.
 * Letters that are letters of their own (ł, ø) are kept.
 *
 * Returns: (transfer full) (nullable): the key, or %NULL when @name is
 *   %NULL or blank
 */
char *
wm_person_dup_identity_key (const char *name)
{
  g_autofree char *decomposed = NULL;
  g_autofree char *folded = NULL;
  g_autofree char *composed = NULL;
  g_autoptr(GString) plain = NULL;
  GString *key;
  GUnicodeScript base_script = G_UNICODE_SCRIPT_COMMON;
  gboolean space = FALSE;

  if (name == NULL)
    return NULL;

  decomposed = g_utf8_normalize (name, -1, G_NORMALIZE_NFKD);
  if (decomposed == NULL)
    return NULL;

  plain = g_string_new (NULL);
  for (const char *p = decomposed; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_type (c) == G_UNICODE_NON_SPACING_MARK)
        {
          if (!marks_are_optional (base_script))
            g_string_append_unichar (plain, c);
          continue;
        }
      base_script = g_unichar_get_script (c);

      switch (c)
        {
        case 0x2018: case 0x2019: case 0x02BC: case 0x0060: case 0x00B4:
          c = '\'';
          break;
        case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2212:
          c = '-';
          break;
        default:
          break;
        }
      g_string_append_unichar (plain, c);
    }

  folded = g_utf8_casefold (plain->str, -1);
  composed = g_utf8_normalize (folded, -1, G_NORMALIZE_NFKC);

  key = g_string_new (NULL);
  for (const char *p = composed; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c))
        {
          space = key->len > 0;
          continue;
        }
      if (space)
        g_string_append_c (key, ' ');
      space = FALSE;
      g_string_append_unichar (key, c);
    }

  if (key->len == 0)
    {
      g_string_free (key, TRUE);
      return NULL;
    }
  return g_string_free (key, FALSE);
}

/**
 * wm_person_same_identity:
 * @a: (nullable): a profile payload
 * @b: (nullable): another
 *
 * Whether two profiles seem to be one young person, to warn before a
 * second record is made: the same date of birth, and the same given and
 * family names as wm_person_dup_identity_key() compares them (given and
 * family name swapped counts too, a common slip with names whose family
 * name comes first). A warning that fires for two people is cheap; a
 * child with two records, each holding half of what is known, is not.
 *
 * Returns: %TRUE when @a and @b have a date of birth and a name, and
 *   both match
 */
gboolean
wm_person_same_identity (GVariant *a,
                         GVariant *b)
{
  g_autofree char *given_a = NULL;
  g_autofree char *family_a = NULL;
  g_autofree char *given_b = NULL;
  g_autofree char *family_b = NULL;
  GDate birth_a, birth_b;

  if (!parse_date_field (a, WM_PROFILE_DATE_OF_BIRTH, &birth_a)
      || !parse_date_field (b, WM_PROFILE_DATE_OF_BIRTH, &birth_b)
      || g_date_compare (&birth_a, &birth_b) != 0)
    return FALSE;

  given_a = wm_person_dup_identity_key (wm_payload_get_string (a, WM_PROFILE_GIVEN_NAME));
  family_a = wm_person_dup_identity_key (wm_payload_get_string (a, WM_PROFILE_FAMILY_NAME));
  given_b = wm_person_dup_identity_key (wm_payload_get_string (b, WM_PROFILE_GIVEN_NAME));
  family_b = wm_person_dup_identity_key (wm_payload_get_string (b, WM_PROFILE_FAMILY_NAME));
  if (given_a == NULL && family_a == NULL)
    return FALSE;

  return (g_strcmp0 (given_a, given_b) == 0 && g_strcmp0 (family_a, family_b) == 0)
         || (g_strcmp0 (given_a, family_b) == 0 && g_strcmp0 (family_a, given_b) == 0);
}
