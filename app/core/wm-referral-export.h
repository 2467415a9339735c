/* wm-referral-export.h — the one door for a referral: build it from the case, write it, record it
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "wm-partners.h"
#include "wm-referral-summary.h"
#include "wm-session.h"

G_BEGIN_DECLS

/* What the caseworker chose in the composer (or on the command line).
 * Strings are ids: urgency of wm_referral_urgencies, sections of
 * wm_referral_section_to_string(), basis of wm_lawful_bases, condition of
 * wm_schedule1_conditions, informed of wm_referral_informed, competence
 * of wm_competences (app/core/wm-casework.h). NULL counts as not given. */
typedef struct
{
  gint64  partner_id;
  char   *reason;
  char   *urgency;           /* routine|soon|urgent; NULL is routine */
  char   *requested_action;
  GStrv   sections;          /* basic-details, contacts, risk-summary, ace-count, ace-items,
                              * strengths, own-views, recent-contacts, plan */
  char   *basis;             /* public-task|legal-obligation|vital-interests|legitimate-interests|consent */
  char   *condition;         /* none|safeguarding|preventing-crime|statutory-purposes|health-social-care */
  char   *informed;          /* agreed|did-not-agree|not-told */
  char   *informed_who;
  char   *informed_when;     /* YYYY-MM-DD */
  char   *competence;        /* not-assessed|gillick-competent|not-gillick-competent|has-capacity|lacks-capacity */
  char   *not_told_reason;
  char   *basis_reason;      /* why sharing is necessary and proportionate */
} WmReferralRequest;

/* How many of the newest contact records "recent-contacts" shares. */
#define WM_REFERRAL_RECENT_CONTACTS 10

/* The follow-up date a new referral gets, in days after it is sent. */
#define WM_REFERRAL_FOLLOW_UP_DAYS 14

WmReferralRequest *wm_referral_request_new  (void);
void               wm_referral_request_free (WmReferralRequest *request);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WmReferralRequest, wm_referral_request_free)

WmReferralSummary *wm_referral_build         (WmSession                *session,
                                              gint64                    case_id,
                                              const WmReferralRequest  *request,
                                              const GDate              *today,
                                              GError                  **error);
gint64             wm_referral_export        (WmSession                *session,
                                              gint64                    case_id,
                                              const WmReferralRequest  *request,
                                              const char               *output_path,
                                              const char               *password,
                                              const GDate              *today,
                                              GError                  **error);
gboolean           wm_referral_record_print  (WmSession                *session,
                                              gint64                    case_id,
                                              const WmReferralRequest  *request,
                                              const GDate              *today,
                                              GError                  **error);

char              *wm_referral_dup_partners_path (void);
gboolean           wm_referral_seed_partners (WmSession                *session,
                                              const char               *path,
                                              guint                    *out_added,
                                              GError                  **error);

G_END_DECLS
