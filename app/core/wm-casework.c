/* wm-casework.c — contact, plan, referral and closure payloads
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wm-core"

#include "config.h"

#include <glib/gi18n.h>

#include "wm-casework.h"
#include "wm-payload.h"

const WmTerm wm_contact_methods[] = {
  { "face-to-face", N_("Face to face") },
  { "home-visit", N_("Home visit") },
  { "phone", N_("Phone call") },
  { "video", N_("Video call") },
  { "message", N_("Text or app message") },
  { "email", N_("Email") },
  { "letter", N_("Letter") },
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

const WmTerm wm_partner_services[] = {
  { "youth-justice-service", N_("Youth Justice Service") },
  { "camhs", N_("Child and Adolescent Mental Health Services") },
  { "substance-misuse", N_("Substance misuse service") },
  { "domestic-abuse", N_("IDVA or domestic abuse service") },
  { "liaison-diversion", N_("Liaison & Diversion") },
  { "restorative-justice", N_("Restorative justice") },
  { "mentoring", N_("Mentoring project") },
  { "education-inclusion", N_("Education inclusion") },
  { "housing", N_("Housing") },
  { NULL, NULL }
};

const WmTerm wm_referral_urgencies[] = {
  { "routine", N_("Routine") },
  { "soon", N_("Within a week") },
  { "urgent", N_("Urgent") },
  { NULL, NULL }
};

/* UK GDPR and the Data Protection Act 2018: with consent, or without it
 * where sharing protects a child or prevents crime. */
const WmTerm wm_lawful_bases[] = {
  { "consent", N_("Consent") },
  { "safeguarding", N_("Safeguarding, without consent") },
  { "prevention-of-crime", N_("Prevention of crime, without consent") },
  { NULL, NULL }
};

const WmTerm wm_referral_states[] = {
  { "draft", N_("Draft") },
  { "sent", N_("Sent") },
  { "accepted", N_("Accepted") },
  { "declined", N_("Declined") },
  { NULL, NULL }
};

const WmTerm wm_closure_reasons[] = {
  { "completed", N_("Programme completed") },
  { "referred-on", N_("Referred on to another service") },
  { "disengaged", N_("Stopped engaging") },
  { "moved-away", N_("Moved out of the area") },
  { "aged-out", N_("Reached the upper age limit") },
  { "custody", N_("Entered custody") },
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

/**
 * wm_contact_check:
 * @contact: a contact payload
 * @error: return location for a #WM_CORE_ERROR
 *
 * Returns: %TRUE when @contact has a date, a method and who it was with
 */
gboolean
wm_contact_check (GVariant  *contact,
                  GError   **error)
{
  g_return_val_if_fail (check_vardict (contact), FALSE);

  return wm_payload_check_date (contact, WM_CONTACT_DATE, TRUE, error)
         && wm_payload_check_term (contact, WM_CONTACT_METHOD, wm_contact_methods, TRUE, error)
         && wm_payload_check_term (contact, WM_CONTACT_WITH, wm_contact_parties, TRUE, error)
         && wm_payload_check_text (contact, WM_CONTACT_NOTE, FALSE, error);
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

/**
 * wm_referral_check:
 * @referral: a referral payload
 * @error: return location for a #WM_CORE_ERROR
 *
 * A referral that has been sent must say what was shared and on what
 * lawful basis: with consent, the date it was given; without, the reason.
 *
 * Returns: %TRUE when @referral may be saved in its state
 */
gboolean
wm_referral_check (GVariant  *referral,
                   GError   **error)
{
  const char *state;
  const char *basis;
  gboolean sent;

  g_return_val_if_fail (check_vardict (referral), FALSE);

  if (!wm_payload_check_term (referral, WM_REFERRAL_STATE, wm_referral_states, TRUE, error))
    return FALSE;

  state = wm_payload_get_string (referral, WM_REFERRAL_STATE);
  sent = !g_str_equal (state, "draft");

  if (!wm_payload_check_term (referral, WM_REFERRAL_SERVICE, wm_partner_services, TRUE, error)
      || !wm_payload_check_text (referral, WM_REFERRAL_PARTNER, FALSE, error)
      || !wm_payload_check_text (referral, WM_REFERRAL_REASON, sent, error)
      || !wm_payload_check_term (referral, WM_REFERRAL_URGENCY, wm_referral_urgencies, sent, error)
      || !wm_payload_check_type (referral, WM_REFERRAL_SECTIONS, G_VARIANT_TYPE_STRING_ARRAY, sent, error)
      || !wm_payload_check_term (referral, WM_REFERRAL_LAWFUL_BASIS, wm_lawful_bases, sent, error)
      || !wm_payload_check_date (referral, WM_REFERRAL_SENT_ON, sent, error)
      || !wm_payload_check_date (referral, WM_REFERRAL_FOLLOW_UP_ON, FALSE, error))
    return FALSE;

  basis = wm_payload_get_string (referral, WM_REFERRAL_LAWFUL_BASIS);
  if (!sent || basis == NULL)
    return TRUE;

  if (g_str_equal (basis, "consent"))
    return wm_payload_check_date (referral, WM_REFERRAL_CONSENT_ON, TRUE, error);
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
         && wm_payload_check_text (closure, WM_CLOSURE_NOTE, FALSE, error);
}
