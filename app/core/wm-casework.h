/* wm-casework.h — contact, plan, referral and closure payloads
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "wm-core-error.h"
#include "wm-term.h"

G_BEGIN_DECLS

/* A contact (WM_RECORD_CONTACT): one conversation or attempt at one.
 * Date and method are required. "with" may be left out, and then means
 * the young person. The duration is required of a contact written now
 * (wm_contact_check_as_of()) but not of one an older Waymark wrote. */
#define WM_CONTACT_DATE      "date"              /* s: YYYY-MM-DD, not after today */
#define WM_CONTACT_METHOD    "method"            /* s: wm_contact_methods (old ids: wm_contact_method_aliases) */
#define WM_CONTACT_WITH      "with"              /* s: wm_contact_parties */
#define WM_CONTACT_DURATION  "duration-minutes"  /* u: 0 to WM_CONTACT_DURATION_MAX; 0 only for a missed appointment */
#define WM_CONTACT_NOTE      "note"              /* s: at most WM_NOTE_MAX_CHARACTERS */

/* A day. Nothing longer is one contact. */
#define WM_CONTACT_DURATION_MAX 1440

/* About 15,000 words, forty-odd pages: more than any note of a contact,
 * and few enough that a case still opens at once. A longer text is a
 * paste gone wrong or a document, and is refused with a message rather
 * than slowing every view of the case that decrypts it. */
#define WM_NOTE_MAX_CHARACTERS 100000

/* The contact method a missed appointment is recorded with. */
#define WM_CONTACT_METHOD_MISSED "missed-appointment"

/* A plan (WM_RECORD_PLAN): what was agreed with the young person. */
#define WM_PLAN_AGREED_ON  "agreed-on"  /* s: YYYY-MM-DD */
#define WM_PLAN_GOALS      "goals"      /* as: in the young person's words where possible */
#define WM_PLAN_ACTIONS    "actions"    /* as: who does what */
#define WM_PLAN_REVIEW_ON  "review-on"  /* s: YYYY-MM-DD */

/* A referral on to a partner service (WM_RECORD_REFERRAL), written by
 * wm_referral_export() (app/core/wm-referral-export.c) when the PDF is
 * saved or printed. What was shared is listed by section, and why it
 * could be shared is recorded the way a data-protection officer checks
 * it: the UK GDPR Article 6 basis, the DPA 2018 Schedule 1 condition for
 * special-category and criminal-offence data, whether the young person
 * and family were told and agreed, and the written reason. */
#define WM_REFERRAL_SERVICE          "service"          /* s: wm_partner_services */
#define WM_REFERRAL_PARTNER          "partner"          /* s: the partner's name in the directory, when sent */
#define WM_REFERRAL_PARTNER_ID       "partner-id"       /* x: the directory entry (app/store/wm-partners.h) */
#define WM_REFERRAL_REASON           "reason"           /* s */
#define WM_REFERRAL_URGENCY          "urgency"          /* s: wm_referral_urgencies */
#define WM_REFERRAL_REQUESTED_ACTION "requested-action" /* s: what the partner is asked to do */
#define WM_REFERRAL_SECTIONS         "sections"         /* as: the sections shared (ids of wm-referral-summary.h) */
#define WM_REFERRAL_LAWFUL_BASIS     "lawful-basis"     /* s: wm_lawful_bases (old ids: wm_lawful_basis_aliases) */
#define WM_REFERRAL_CONDITION        "schedule-1-condition" /* s: wm_schedule1_conditions */
#define WM_REFERRAL_INFORMED         "informed"         /* s: wm_referral_informed */
#define WM_REFERRAL_INFORMED_WHO     "informed-who"     /* s: who was told: "the young person and their mother" */
#define WM_REFERRAL_INFORMED_ON      "informed-on"      /* s: YYYY-MM-DD */
#define WM_REFERRAL_COMPETENCE       "competence"       /* s: wm_competences */
#define WM_REFERRAL_NOT_TOLD_REASON  "not-told-reason"  /* s: why they were not told */
#define WM_REFERRAL_CONSENT_ON       "consent-on"       /* s: YYYY-MM-DD; only in referrals written before "informed" */
#define WM_REFERRAL_BASIS_REASON     "basis-reason"     /* s: why sharing is necessary and proportionate */
#define WM_REFERRAL_STATE            "state"            /* s: wm_referral_states */
#define WM_REFERRAL_SENT_ON          "sent-on"          /* s: YYYY-MM-DD */
#define WM_REFERRAL_SENT_BY          "sent-by"          /* s: "export" (a PDF) or "print" */
#define WM_REFERRAL_FOLLOW_UP_ON     "follow-up-on"     /* s: YYYY-MM-DD */
#define WM_REFERRAL_OUTCOME          "outcome"          /* s: what the partner did, in the caseworker's words */

/* A closure (WM_RECORD_CLOSURE): why and how a case closed. The profile's
 * status says whether a case is closed now; each closure record says why
 * it closed one time, so a case that is reopened and closed again keeps
 * both accounts, and a supervisor approves a closure as one record.
 * wm_person_check_status_change() asks for one to close a case. */
#define WM_CLOSURE_CLOSED_ON  "closed-on"  /* s: YYYY-MM-DD */
#define WM_CLOSURE_REASON     "reason"     /* s: wm_closure_reasons */
#define WM_CLOSURE_OUTCOME    "outcome"    /* s: wm_closure_outcomes */
#define WM_CLOSURE_NOTE       "note"       /* s */

extern const WmTerm wm_contact_methods[];
extern const WmTermAlias wm_contact_method_aliases[];
extern const WmTerm wm_contact_parties[];
extern const WmTerm wm_partner_services[];
extern const WmTerm wm_referral_urgencies[];
extern const WmTerm wm_lawful_bases[];
extern const WmTermAlias wm_lawful_basis_aliases[];
extern const WmTerm wm_schedule1_conditions[];
extern const WmTerm wm_referral_informed[];
extern const WmTerm wm_competences[];
extern const WmTerm wm_referral_states[];
extern const WmTerm wm_closure_reasons[];
extern const WmTerm wm_closure_outcomes[];

gboolean  wm_contact_check        (GVariant     *contact,
                                   GError      **error);
gboolean  wm_contact_check_as_of  (GVariant     *contact,
                                   const GDate  *today,
                                   GError      **error);
GVariant *wm_contact_upgrade      (GVariant     *contact);
gboolean  wm_plan_check           (GVariant     *plan,
                                   GError      **error);
gboolean  wm_referral_check       (GVariant     *referral,
                                   GError      **error);
gboolean  wm_closure_check        (GVariant     *closure,
                                   GError      **error);

G_END_DECLS
