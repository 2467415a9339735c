/* wm-casework.c — contact, plan, referral and closure payloads
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wm-core"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "wm-casework.h"
#include "wm-date.h"
#include "wm-payload.h"

/* The contact log's kinds of entry (issue 9): how the caseworker and the
 * young person met, or that they did not. */
const WmTerm wm_contact_methods[] = {
  { "face-to-face", N_("Face to face") },
  { "phone", N_("Phone call") },
  { "video", N_("Video call") },
  { "text-message", N_("Text message") },
  { WM_CONTACT_METHOD_MISSED, N_("Missed appointment") },
  { "activity-attended", N_("Activity attended") },
  { NULL, NULL }
};

/* Ids of the first contact vocabulary, which demo databases made before
 * it changed still hold. A home visit is met face to face; the written
 * kinds become the one written kind left, and the note says which. */
const WmTermAlias wm_contact_method_aliases[] = {
  { "home-visit", "face-to-face" },
  { "message", "text-message" },
  { "text", "text-message" },
  { "email", "text-message" },
  { "letter", "text-message" },
  { NULL, NULL }
};

const WmTerm wm_contact_parties[] = {
  { "young-person", N_("The young person") },
  { "parent-carer", N_("Parent or carer") },
  { "school", N_("School or college") },
  { "social-care", N_("Children’s social care") },
  { "police", N_("Police") },
  { "youth-justice", N_("Youth Justice Service") },
  { "health", N_("Health") },
  { "other-professional", N_("Another professional") },
  { NULL, NULL }
};

/* Where a referral may go. Liaison & Diversion is not here: it works in
 * custody suites and refers young people in; it is not a destination. */
const WmTerm wm_partner_services[] = {
  { "youth-justice-service", N_("Youth Justice Service") },
  { "childrens-social-care", N_("Children’s social care (MASH)") },
  { "camhs", N_("Child and Adolescent Mental Health Services") },
  { "substance-misuse", N_("Substance misuse service") },
  { "domestic-abuse", N_("IDVA or domestic abuse service") },
  { "restorative-justice", N_("Restorative justice") },
  { "mentoring", N_("Mentoring project") },
  { "education-inclusion", N_("Education inclusion") },
  { "housing", N_("Housing") },
  { "probation", N_("Probation Service (18 and over)") },
  { "adult-social-care", N_("Adult social care") },
  { "national-referral-mechanism", N_("National Referral Mechanism (modern slavery)") },
  { NULL, NULL }
};

const WmTerm wm_referral_urgencies[] = {
  { "routine", N_("Routine") },
  { "soon", N_("Within a week") },
  { "urgent", N_("Urgent") },
  { NULL, NULL }
};

/* UK GDPR Article 6(1), in the order a data-protection officer expects:
 * consent last, since it is rarely the right basis for sharing to
 * safeguard a child and is not needed to share (DfE, Information sharing
 * advice, 2024). The same ids as app/report's WmLawfulBasis. */
const WmTerm wm_lawful_bases[] = {
  { "public-task", N_("Public task") },
  { "legal-obligation", N_("Legal obligation") },
  { "vital-interests", N_("Vital interests") },
  { "legitimate-interests", N_("Legitimate interests") },
  { "consent", N_("Consent") },
  { NULL, NULL }
};

/* The first vocabulary ran basis and condition together ("safeguarding,
 * without consent"); demo referrals written then still hold it. Both
 * were shares of a public body's task. */
const WmTermAlias wm_lawful_basis_aliases[] = {
  { "safeguarding", "public-task" },
  { "prevention-of-crime", "public-task" },
  { NULL, NULL }
};

/* DPA 2018 Schedule 1, for special-category and criminal-offence data;
 * "none" when no such data is shared. The same ids as app/report's
 * WmSchedule1Condition. */
const WmTerm wm_schedule1_conditions[] = {
  { "none", N_("None: no special-category or criminal-offence data") },
  { "safeguarding", N_("Safeguarding of children and individuals at risk") },
  { "preventing-crime", N_("Preventing or detecting unlawful acts") },
  { "statutory-purposes", N_("Statutory and government purposes") },
  { "health-social-care", N_("Health or social care purposes") },
  { NULL, NULL }
};

/* Whether the young person and their family were told of the share. */
const WmTerm wm_referral_informed[] = {
  { "agreed", N_("Told, and agreed") },
  { "did-not-agree", N_("Told, and did not agree") },
  { "not-told", N_("Not told") },
  { NULL, NULL }
};

/* Gillick competence under 16; the Mental Capacity Act 2005 from 16. */
const WmTerm wm_competences[] = {
  { "not-assessed", N_("Not assessed") },
  { "gillick-competent", N_("Gillick competent") },
  { "not-gillick-competent", N_("Not Gillick competent") },
  { "has-capacity", N_("Has capacity") },
  { "lacks-capacity", N_("Lacks capacity") },
  { NULL, NULL }
};

const WmTerm wm_referral_states[] = {
  { "draft", N_("Draft") },
  { "sent", N_("Sent") },
  { "accepted", N_("Accepted") },
  { "declined", N_("Declined") },
  { "withdrawn", N_("Withdrawn") },
  { NULL, NULL }
};

const WmTerm wm_closure_reasons[] = {
  { "completed", N_("Programme completed") },
  { "referred-on", N_("Referred on to another service") },
  { "disengaged", N_("Stopped engaging") },
  { "moved-away", N_("Moved out of the area") },
  { "aged-out", N_("Reached the upper age limit") },
  { "custody", N_("Entered custody") },
  { "declined", N_("Declined the service") },
  { NULL, NULL }
};

const WmTerm wm_closure_outcomes[] = {
  { "goals-met", N_("Goals met") },
  { "goals-partly-met", N_("Goals partly met") },
  { "goals-not-met", N_("Goals not met") },
  { NULL, NULL }
};

static gboolean
check_vardict (GVariant *payload)
{
  return payload != NULL && g_variant_is_of_type (payload, G_VARIANT_TYPE_VARDICT);
}

/* Counts no further than it needs: a 10 MB paste is refused without
 * walking all of it. */
static gboolean
check_length (GVariant    *payload,
              const char  *key,
              guint        max_characters,
              GError     **error)
{
  const char *text = wm_payload_get_string (payload, key);
  const char *p = text;
  guint n = 0;

  if (text == NULL || strlen (text) <= max_characters)
    return TRUE;

  for (; *p != '\0' && n <= max_characters; p = g_utf8_next_char (p))
    n++;
  if (n <= max_characters)
    return TRUE;

  g_set_error (error, WM_CORE_ERROR, WM_CORE_ERROR_CONSTRAINT,
               /* Translators: %s is a field's name, %u a number of characters. */
               _("The field “%s” is too long: it may hold at most %u characters. "
                 "Shorten it, or split it over several entries."),
               wm_payload_get_field_label (key), max_characters);
  return FALSE;
}

/**
 * wm_contact_check:
 * @contact: a contact payload
 * @error: return location for a #WM_CORE_ERROR
 *
 * What any contact must hold, whenever it was written: a date, a method
 * (an old id of wm_contact_method_aliases too), and when present a party
 * of wm_contact_parties, a duration of 0 to %WM_CONTACT_DURATION_MAX
 * minutes (0 only for a missed appointment) and a note of at most
 * %WM_NOTE_MAX_CHARACTERS characters.
 *
 * Returns: %TRUE when @contact may be kept
 */
gboolean
wm_contact_check (GVariant  *contact,
                  GError   **error)
{
  const char *method;
  guint32 minutes;

  g_return_val_if_fail (check_vardict (contact), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!wm_payload_check_date (contact, WM_CONTACT_DATE, TRUE, error)
      || !wm_payload_check_type (contact, WM_CONTACT_METHOD, G_VARIANT_TYPE_STRING, TRUE, error))
    return FALSE;

  method = wm_term_alias_resolve (wm_contact_method_aliases,
                                  wm_payload_get_string (contact, WM_CONTACT_METHOD));
  if (!wm_term_find (wm_contact_methods, method))
    return wm_payload_check_term (contact, WM_CONTACT_METHOD, wm_contact_methods, TRUE, error);

  if (!wm_payload_check_term (contact, WM_CONTACT_WITH, wm_contact_parties, FALSE, error)
      || !wm_payload_check_type (contact, WM_CONTACT_DURATION, G_VARIANT_TYPE_UINT32, FALSE, error)
      || !wm_payload_check_text (contact, WM_CONTACT_NOTE, FALSE, error)
      || !check_length (contact, WM_CONTACT_NOTE, WM_NOTE_MAX_CHARACTERS, error))
    return FALSE;

  if (wm_payload_get_uint (contact, WM_CONTACT_DURATION, &minutes))
    {
      if (minutes > WM_CONTACT_DURATION_MAX)
        {
          g_set_error (error, WM_CORE_ERROR, WM_CORE_ERROR_CONSTRAINT,
                       _("The field “%s” is more than a day. Enter the length of this contact in minutes, "
                         "at most %d."),
                       wm_payload_get_field_label (WM_CONTACT_DURATION), WM_CONTACT_DURATION_MAX);
          return FALSE;
        }
      if (minutes == 0 && !g_str_equal (method, WM_CONTACT_METHOD_MISSED))
        {
          g_set_error (error, WM_CORE_ERROR, WM_CORE_ERROR_CONSTRAINT,
                       _("The field “%s” is 0, which only a missed appointment may be. "
                         "Enter how many minutes the contact took."),
                       wm_payload_get_field_label (WM_CONTACT_DURATION));
          return FALSE;
        }
    }
  return TRUE;
}

/**
 * wm_contact_check_as_of:
 * @contact: a contact payload
 * @today: a valid date
 * @error: return location for a #WM_CORE_ERROR
 *
 * What a contact written or edited now must hold: everything
 * wm_contact_check() asks, a duration, and a date no later than @today,
 * since a contact log records what happened (plans hold what will).
 *
 * Returns: %TRUE when @contact may be saved
 */
gboolean
wm_contact_check_as_of (GVariant     *contact,
                        const GDate  *today,
                        GError      **error)
{
  GDate date;

  g_return_val_if_fail (check_vardict (contact), FALSE);
  g_return_val_if_fail (today != NULL && g_date_valid (today), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!wm_contact_check (contact, error)
      || !wm_payload_check_type (contact, WM_CONTACT_DURATION, G_VARIANT_TYPE_UINT32, TRUE, error))
    return FALSE;

  if (!wm_date_parse_iso (wm_payload_get_string (contact, WM_CONTACT_DATE), &date, error))
    return FALSE;
  if (g_date_compare (&date, today) > 0)
    {
      g_set_error (error, WM_CORE_ERROR, WM_CORE_ERROR_FUTURE_DATE,
                   /* Translators: %s is a field's name, such as “Date of contact”. */
                   _("The field “%s” is after today. A contact is recorded once it has happened; "
                     "check the date."),
                   wm_payload_get_field_label (WM_CONTACT_DATE));
      return FALSE;
    }
  return TRUE;
}

/**
 * wm_contact_upgrade:
 * @contact: a contact payload
 *
 * The same contact with an old method id replaced by its new one, for a
 * form to show and save. Everything else is kept as it is.
 *
 * Returns: (transfer full): @contact itself (a new reference) when it
 *   holds no old id, else a new payload
 */
GVariant *
wm_contact_upgrade (GVariant *contact)
{
  const char *method;
  const char *current;
  GVariantDict dict;

  g_return_val_if_fail (check_vardict (contact), NULL);

  method = wm_payload_get_string (contact, WM_CONTACT_METHOD);
  current = wm_term_alias_resolve (wm_contact_method_aliases, method);
  if (current == method)
    return g_variant_ref (contact);

  g_variant_dict_init (&dict, contact);
  g_variant_dict_insert (&dict, WM_CONTACT_METHOD, "s", current);
  return g_variant_ref_sink (g_variant_dict_end (&dict));
}

/**
 * wm_plan_check:
 * @plan: a plan payload
 * @error: return location for a #WM_CORE_ERROR
 *
 * Returns: %TRUE when @plan has the date it was agreed and at least a goal
 */
gboolean
wm_plan_check (GVariant  *plan,
               GError   **error)
{
  g_autoptr(GVariant) goals = NULL;

  g_return_val_if_fail (check_vardict (plan), FALSE);

  if (!wm_payload_check_date (plan, WM_PLAN_AGREED_ON, TRUE, error)
      || !wm_payload_check_date (plan, WM_PLAN_REVIEW_ON, FALSE, error)
      || !wm_payload_check_type (plan, WM_PLAN_GOALS, G_VARIANT_TYPE_STRING_ARRAY, TRUE, error)
      || !wm_payload_check_type (plan, WM_PLAN_ACTIONS, G_VARIANT_TYPE_STRING_ARRAY, FALSE, error))
    return FALSE;

  goals = wm_payload_get_value (plan, WM_PLAN_GOALS, G_VARIANT_TYPE_STRING_ARRAY);
  if (g_variant_n_children (goals) == 0)
    {
      g_set_error_literal (error, WM_CORE_ERROR, WM_CORE_ERROR_MISSING,
                           _("The plan has no goals. Agree at least one goal with the young person."));
      return FALSE;
    }
  return TRUE;
}

/* Like wm_payload_check_term(), for a field whose old ids stay readable. */
static gboolean
check_term_or_alias (GVariant           *payload,
                     const char         *key,
                     const WmTerm       *terms,
                     const WmTermAlias  *aliases,
                     gboolean            required,
                     GError            **error)
{
  const char *id = wm_payload_get_string (payload, key);
  const char *resolved = wm_term_alias_resolve (aliases, id);

  if (id != NULL && resolved != id && wm_term_find (terms, resolved) != NULL)
    return TRUE;
  return wm_payload_check_term (payload, key, terms, required, error);
}

/**
 * wm_referral_check:
 * @referral: a referral payload
 * @error: return location for a #WM_CORE_ERROR
 *
 * A referral that has been sent must say what was shared, with whom, and
 * on what lawful basis, with the written reason. Whether the young person
 * and family were told is checked when it is recorded: referrals written
 * before it was asked for (with the date consent was given instead) stay
 * valid.
 *
 * Returns: %TRUE when @referral may be saved in its state
 */
gboolean
wm_referral_check (GVariant  *referral,
                   GError   **error)
{
  const char *state;
  const char *informed;
  gboolean sent;

  g_return_val_if_fail (check_vardict (referral), FALSE);

  if (!wm_payload_check_term (referral, WM_REFERRAL_STATE, wm_referral_states, TRUE, error))
    return FALSE;

  state = wm_payload_get_string (referral, WM_REFERRAL_STATE);
  sent = !g_str_equal (state, "draft");

  if (!wm_payload_check_term (referral, WM_REFERRAL_SERVICE, wm_partner_services, TRUE, error)
      || !wm_payload_check_text (referral, WM_REFERRAL_PARTNER, FALSE, error)
      || !wm_payload_check_type (referral, WM_REFERRAL_PARTNER_ID, G_VARIANT_TYPE_INT64, FALSE, error)
      || !wm_payload_check_text (referral, WM_REFERRAL_REASON, sent, error)
      || !wm_payload_check_term (referral, WM_REFERRAL_URGENCY, wm_referral_urgencies, sent, error)
      || !wm_payload_check_text (referral, WM_REFERRAL_REQUESTED_ACTION, FALSE, error)
      || !wm_payload_check_type (referral, WM_REFERRAL_SECTIONS, G_VARIANT_TYPE_STRING_ARRAY, sent, error)
      || !check_term_or_alias (referral, WM_REFERRAL_LAWFUL_BASIS, wm_lawful_bases, wm_lawful_basis_aliases,
                               sent, error)
      || !wm_payload_check_term (referral, WM_REFERRAL_CONDITION, wm_schedule1_conditions, FALSE, error)
      || !wm_payload_check_term (referral, WM_REFERRAL_INFORMED, wm_referral_informed, FALSE, error)
      || !wm_payload_check_text (referral, WM_REFERRAL_INFORMED_WHO, FALSE, error)
      || !wm_payload_check_date (referral, WM_REFERRAL_INFORMED_ON, FALSE, error)
      || !wm_payload_check_term (referral, WM_REFERRAL_COMPETENCE, wm_competences, FALSE, error)
      || !wm_payload_check_text (referral, WM_REFERRAL_NOT_TOLD_REASON, FALSE, error)
      || !wm_payload_check_date (referral, WM_REFERRAL_CONSENT_ON, FALSE, error)
      || !wm_payload_check_text (referral, WM_REFERRAL_OUTCOME, FALSE, error)
      || !wm_payload_check_date (referral, WM_REFERRAL_SENT_ON, sent, error)
      || !wm_payload_check_date (referral, WM_REFERRAL_FOLLOW_UP_ON, FALSE, error))
    return FALSE;

  if (!sent)
    return TRUE;

  informed = wm_payload_get_string (referral, WM_REFERRAL_INFORMED);
  if (informed != NULL && g_str_equal (informed, "not-told")
      && !wm_payload_check_text (referral, WM_REFERRAL_NOT_TOLD_REASON, TRUE, error))
    return FALSE;
  if (informed != NULL && !g_str_equal (informed, "not-told")
      && !wm_payload_check_text (referral, WM_REFERRAL_INFORMED_WHO, TRUE, error))
    return FALSE;

  /* A referral of the first vocabulary shared with consent recorded only
   * the date it was given. */
  if (wm_payload_get_string (referral, WM_REFERRAL_CONSENT_ON) != NULL
      && g_strcmp0 (wm_payload_get_string (referral, WM_REFERRAL_LAWFUL_BASIS), "consent") == 0)
    return TRUE;
  return wm_payload_check_text (referral, WM_REFERRAL_BASIS_REASON, TRUE, error);
}

/**
 * wm_closure_check:
 * @closure: a closure payload
 * @error: return location for a #WM_CORE_ERROR
 *
 * Returns: %TRUE when @closure has a date and a reason
 */
gboolean
wm_closure_check (GVariant  *closure,
                  GError   **error)
{
  g_return_val_if_fail (check_vardict (closure), FALSE);

  return wm_payload_check_date (closure, WM_CLOSURE_CLOSED_ON, TRUE, error)
         && wm_payload_check_term (closure, WM_CLOSURE_REASON, wm_closure_reasons, TRUE, error)
         && wm_payload_check_term (closure, WM_CLOSURE_OUTCOME, wm_closure_outcomes, FALSE, error)
         && wm_payload_check_text (closure, WM_CLOSURE_NOTE, FALSE, error)
         && check_length (closure, WM_CLOSURE_NOTE, WM_NOTE_MAX_CHARACTERS, error);
}
