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

/* A referral on to a partner service (WM_RECORD_REFERRAL). What was
 * shared is listed by section, and why it could be shared is recorded,
 * because both are asked for when a data-protection officer checks. */
#define WM_REFERRAL_SERVICE       "service"        /* s: wm_partner_services */
#define WM_REFERRAL_PARTNER       "partner"        /* s: the partner's name in the directory */
#define WM_REFERRAL_REASON        "reason"         /* s */
#define WM_REFERRAL_URGENCY       "urgency"        /* s: wm_referral_urgencies */
#define WM_REFERRAL_SECTIONS      "sections"       /* as: the sections shared */
#define WM_REFERRAL_LAWFUL_BASIS  "lawful-basis"   /* s: wm_lawful_bases */
#define WM_REFERRAL_CONSENT_ON    "consent-on"     /* s: YYYY-MM-DD, with consent */
#define WM_REFERRAL_BASIS_REASON  "basis-reason"   /* s: why, without consent */
#define WM_REFERRAL_STATE         "state"          /* s: wm_referral_states */
#define WM_REFERRAL_SENT_ON       "sent-on"        /* s: YYYY-MM-DD */
#define WM_REFERRAL_FOLLOW_UP_ON  "follow-up-on"   /* s: YYYY-MM-DD */

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
