/* wm-payload.c — reading and checking the fields of a record's a{sv} payload
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wm-core"

#include "config.h"

#include <glib/gi18n.h>

#include "wm-assessment.h"
#include "wm-casework.h"
#include "wm-date.h"
#include "wm-payload.h"
#include "wm-person.h"

/* The name of every field of every kind of record, as a form labels it. A
 * key means the same thing in each kind that uses it ("note", "reason",
 * "state"), so one list serves them all. A check's message names a field
 * by this label: the key is an internal id, English whatever the
 * language, and means nothing to the person filling in the form. In the
 * order of the kinds: profile, assessment, contact, plan, referral and
 * closure ("reason" and "note" are shared). */
static const WmTerm wm_payload_fields[] = {
  { WM_PROFILE_GIVEN_NAME, N_("Given name") },
  { WM_PROFILE_FAMILY_NAME, N_("Family name") },
  { WM_PROFILE_PREFERRED_NAME, N_("Preferred name") },
  { WM_PROFILE_DATE_OF_BIRTH, N_("Date of birth") },
  { WM_PROFILE_LOCAL_AUTHORITY, N_("Local authority") },
  { WM_PROFILE_REFERRAL_SOURCE, N_("Referred by") },
  { WM_PROFILE_PROGRAMME, N_("Programme") },
  { WM_PROFILE_STATUS, N_("Case status") },
  { WM_PROFILE_REFERRED_ON, N_("Date referred") },
  { WM_ASSESSMENT_INSTRUMENT, N_("Assessment tool") },
  { WM_ASSESSMENT_INSTRUMENT_VERSION, N_("Assessment tool version") },
  { WM_ASSESSMENT_STATE, N_("Status") },
  { WM_ASSESSMENT_COMPLETED_ON, N_("Date completed") },
  { WM_ASSESSMENT_ANSWERS, N_("Answers") },
  { WM_ASSESSMENT_SCORE, N_("Score") },
  { WM_ASSESSMENT_JUDGEMENTS, N_("Judgements") },
  { WM_ASSESSMENT_RATIONALE, N_("Rationale") },
  { WM_ASSESSMENT_NEXT_REVIEW, N_("Next review") },
  { WM_DRN_EXPLOITATION_INDICATORS, N_("Exploitation indicators") },
  { WM_DRN_LEARNING_DISABILITY, N_("Learning disability") },
  { WM_DRN_EDUCATION, N_("Education") },
  { WM_DRN_SUBSTANCE_USE, N_("Substance use") },
  { WM_DRN_MENTAL_HEALTH_CONCERN, N_("Mental health concern") },
  { WM_DRN_OWN_WORDS, N_("In their own words") },
  { WM_CONTACT_DATE, N_("Date of contact") },
  { WM_CONTACT_METHOD, N_("Kind of contact") },
  { WM_CONTACT_WITH, N_("Contact with") },
  { WM_CONTACT_NOTE, N_("Note") },
  { WM_CONTACT_DURATION, N_("Duration in minutes") },
  { WM_PLAN_AGREED_ON, N_("Date agreed") },
  { WM_PLAN_GOALS, N_("Goals") },
  { WM_PLAN_ACTIONS, N_("Actions") },
  { WM_PLAN_REVIEW_ON, N_("Review date") },
  { WM_REFERRAL_SERVICE, N_("Service") },
  { WM_REFERRAL_PARTNER, N_("Partner") },
  { WM_REFERRAL_PARTNER_ID, N_("Partner in the directory") },
  { WM_REFERRAL_REQUESTED_ACTION, N_("Requested action") },
  { WM_REFERRAL_CONDITION, N_("Schedule 1 condition") },
  { WM_REFERRAL_INFORMED, N_("Young person and family told") },
  { WM_REFERRAL_INFORMED_WHO, N_("Who was told") },
  { WM_REFERRAL_INFORMED_ON, N_("Date they were told") },
  { WM_REFERRAL_COMPETENCE, N_("Competence") },
  { WM_REFERRAL_NOT_TOLD_REASON, N_("Why they were not told") },
  { WM_REFERRAL_SENT_BY, N_("Sent as") },
  { WM_REFERRAL_OUTCOME, N_("Outcome") },
  { WM_REFERRAL_REASON, N_("Reason") },
  { WM_REFERRAL_URGENCY, N_("Urgency") },
  { WM_REFERRAL_SECTIONS, N_("Sections shared") },
  { WM_REFERRAL_LAWFUL_BASIS, N_("Lawful basis") },
  { WM_REFERRAL_CONSENT_ON, N_("Date consent was given") },
  { WM_REFERRAL_BASIS_REASON, N_("Why sharing is necessary and proportionate") },
  { WM_REFERRAL_SENT_ON, N_("Date sent") },
  { WM_REFERRAL_FOLLOW_UP_ON, N_("Follow-up date") },
  { WM_CLOSURE_CLOSED_ON, N_("Date closed") },
  { WM_CLOSURE_OUTCOME, N_("Outcome") },
  { NULL, NULL }
};

static gboolean
is_vardict (GVariant *payload)
{
  return payload != NULL && g_variant_is_of_type (payload, G_VARIANT_TYPE_VARDICT);
}

/**
 * wm_payload_get_string:
 * @payload: (nullable): an a{sv} payload
 * @key: a field
 *
 * A payload built in memory (not yet serialised) drops its children when
 * something serialises it, such as the store sealing it: copy the string
 * before handing @payload on if it must outlive that.
 *
 * Returns: (nullable) (transfer none): the string held at @key, valid as
 *   long as @payload is and is not serialised, or %NULL when absent or
 *   not a string
 */
const char *
wm_payload_get_string (GVariant   *payload,
                       const char *key)
{
  const char *value = NULL;

  g_return_val_if_fail (key != NULL, NULL);

  if (!is_vardict (payload))
    return NULL;

  /* "&s" points into @payload's own serialised data, so nothing is
   * copied and nothing needs freeing. */
  if (!g_variant_lookup (payload, key, "&s", &value))
    return NULL;
  return value;
}

/**
 * wm_payload_get_int:
 * @payload: (nullable): an a{sv} payload
 * @key: a field
 * @out_value: (out): the value
 *
 * Returns: %TRUE when @key holds an int32
 */
gboolean
wm_payload_get_int (GVariant   *payload,
                    const char *key,
                    gint32     *out_value)
{
  g_return_val_if_fail (key != NULL, FALSE);
  g_return_val_if_fail (out_value != NULL, FALSE);

  return is_vardict (payload) && g_variant_lookup (payload, key, "i", out_value);
}

/**
 * wm_payload_get_uint:
 * @payload: (nullable): an a{sv} payload
 * @key: a field
 * @out_value: (out): the value
 *
 * Returns: %TRUE when @key holds a uint32
 */
gboolean
wm_payload_get_uint (GVariant   *payload,
                     const char *key,
                     guint32    *out_value)
{
  g_return_val_if_fail (key != NULL, FALSE);
  g_return_val_if_fail (out_value != NULL, FALSE);

  return is_vardict (payload) && g_variant_lookup (payload, key, "u", out_value);
}

/**
 * wm_payload_get_boolean:
 * @payload: (nullable): an a{sv} payload
 * @key: a field
 * @default_value: what to answer when @key holds no boolean
 *
 * Returns: the boolean at @key, or @default_value
 */
gboolean
wm_payload_get_boolean (GVariant   *payload,
                        const char *key,
                        gboolean    default_value)
{
  gboolean value;

  g_return_val_if_fail (key != NULL, default_value);

  if (is_vardict (payload) && g_variant_lookup (payload, key, "b", &value))
    return value;
  return default_value;
}

/**
 * wm_payload_get_value:
 * @payload: (nullable): an a{sv} payload
 * @key: a field
 * @type: the container type expected, such as "a{ss}" or "as"
 *
 * Returns: (nullable) (transfer full): the value at @key when it is of
 *   @type, or %NULL
 */
GVariant *
wm_payload_get_value (GVariant           *payload,
                     const char         *key,
                     const GVariantType *type)
{
  g_return_val_if_fail (key != NULL, NULL);
  g_return_val_if_fail (type != NULL, NULL);

  if (!is_vardict (payload))
    return NULL;
  return g_variant_lookup_value (payload, key, type);
}

/**
 * wm_payload_get_field_label:
 * @key: a field of a record's payload, or of an assessment's answers
 *
 * Returns: (transfer none): the translated name of @key, the name of the
 *   ACE category or judgement it is, or @key itself when it is none of
 *   those (a field a newer Waymark added)
 */
const char *
wm_payload_get_field_label (const char *key)
{
  const WmProfileField *field;

  g_return_val_if_fail (key != NULL, NULL);

  /* The profile's fields are named by the table the form is made from. */
  field = wm_person_find_field (key);
  if (field != NULL)
    return wm_person_field_get_label (field);
  if (wm_term_find (wm_payload_fields, key) != NULL)
    return wm_term_get_label (wm_payload_fields, key);
  if (wm_term_find (wm_ace_categories, key) != NULL)
    return wm_term_get_label (wm_ace_categories, key);
  return wm_term_get_label (wm_judgements, key);
}

/**
 * wm_payload_check_type:
 * @payload: an a{sv} payload
 * @key: a field
 * @type: the type @key must hold when present
 * @required: whether @key must be present
 * @error: return location for a #WM_CORE_ERROR
 *
 * Returns: %TRUE when @key is absent and not @required, or holds @type
 */
gboolean
wm_payload_check_type (GVariant           *payload,
                       const char         *key,
                       const GVariantType *type,
                       gboolean            required,
                       GError            **error)
{
  g_autoptr(GVariant) value = NULL;

  g_return_val_if_fail (is_vardict (payload), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);
  g_return_val_if_fail (type != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  value = g_variant_lookup_value (payload, key, NULL);
  if (value == NULL)
    {
      if (!required)
        return TRUE;
      g_set_error (error, WM_CORE_ERROR, WM_CORE_ERROR_MISSING,
                   /* Translators: %s is a field's name, such as “Date of birth”. */
                   _("The field “%s” is missing. Fill it in and save again."),
                   wm_payload_get_field_label (key));
      return FALSE;
    }

  if (!g_variant_is_of_type (value, type))
    {
      g_set_error (error, WM_CORE_ERROR, WM_CORE_ERROR_WRONG_TYPE,
                   _("The field “%s” holds a value of type “%s” where “%.*s” belongs. "
                     "The record was written by another program; re-enter the field."),
                   wm_payload_get_field_label (key), g_variant_get_type_string (value),
                   (int) g_variant_type_get_string_length (type),
                   g_variant_type_peek_string (type));
      return FALSE;
    }
  return TRUE;
}

/**
 * wm_payload_check_text:
 * @payload: an a{sv} payload
 * @key: a field
 * @required: whether @key must hold some text
 * @error: return location for a #WM_CORE_ERROR
 *
 * Text must be valid UTF-8 (GVariant already insists) and, when required,
 * more than white space.
 *
 * Returns: %TRUE when the field is acceptable
 */
gboolean
wm_payload_check_text (GVariant    *payload,
                       const char  *key,
                       gboolean     required,
                       GError     **error)
{
  const char *text;

  if (!wm_payload_check_type (payload, key, G_VARIANT_TYPE_STRING, required, error))
    return FALSE;

  text = wm_payload_get_string (payload, key);
  if (required)
    {
      gboolean blank = TRUE;

      for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
        {
          if (!g_unichar_isspace (g_utf8_get_char (p)))
            {
              blank = FALSE;
              break;
            }
        }
      if (blank)
        {
          g_set_error (error, WM_CORE_ERROR, WM_CORE_ERROR_MISSING,
                       _("The field “%s” is empty. Fill it in and save again."),
                       wm_payload_get_field_label (key));
          return FALSE;
        }
    }
  return TRUE;
}

/**
 * wm_payload_check_term:
 * @payload: an a{sv} payload
 * @key: a field
 * @terms: the vocabulary the field takes its value from
 * @required: whether @key must be present
 * @error: return location for a #WM_CORE_ERROR
 *
 * Returns: %TRUE when the field is absent (and not @required) or holds
 *   the id of one of @terms
 */
gboolean
wm_payload_check_term (GVariant      *payload,
                       const char    *key,
                       const WmTerm  *terms,
                       gboolean       required,
                       GError       **error)
{
  const char *id;

  g_return_val_if_fail (terms != NULL, FALSE);

  if (!wm_payload_check_type (payload, key, G_VARIANT_TYPE_STRING, required, error))
    return FALSE;

  id = wm_payload_get_string (payload, key);
  if (id != NULL && wm_term_find (terms, id) == NULL)
    {
      g_autofree char *allowed = wm_term_join_ids (terms, ", ");

      /* The ids of a vocabulary are not personal data, so the wrong one
       * is named: it is the quickest way to spot a typing slip. */
      g_set_error (error, WM_CORE_ERROR, WM_CORE_ERROR_UNKNOWN_VALUE,
                   _("The field “%s” holds “%s”, which is not one of: %s. Choose one of those."),
                   wm_payload_get_field_label (key), id, allowed);
      return FALSE;
    }
  return TRUE;
}

/**
 * wm_payload_check_date:
 * @payload: an a{sv} payload
 * @key: a field
 * @required: whether @key must be present
 * @error: return location for a #WM_CORE_ERROR
 *
 * Returns: %TRUE when the field is absent (and not @required) or holds a
 *   real date as "YYYY-MM-DD"
 */
gboolean
wm_payload_check_date (GVariant    *payload,
                       const char  *key,
                       gboolean     required,
                       GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  const char *text;
  GDate date;

  if (!wm_payload_check_type (payload, key, G_VARIANT_TYPE_STRING, required, error))
    return FALSE;

  text = wm_payload_get_string (payload, key);
  if (text != NULL && !wm_date_parse_iso (text, &date, &local_error))
    {
      g_set_error (error, WM_CORE_ERROR, WM_CORE_ERROR_INVALID_DATE,
                   /* Translators: the first %s is a field name, the
                    * second says what is wrong with the date. */
                   _("The field “%s” is not a valid date. %s"),
                   wm_payload_get_field_label (key), local_error->message);
      return FALSE;
    }
  return TRUE;
}
