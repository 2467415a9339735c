/* wm-person.h — a young person's profile: its fields, vocabularies, and names
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "wm-core-error.h"
#include "wm-term.h"

G_BEGIN_DECLS

/* The profile record (WM_RECORD_PROFILE), an a{sv}. Every key is optional
 * to the store; wm_person_check_profile() says what a complete one needs. */
#define WM_PROFILE_GIVEN_NAME       "given-name"       /* s */
#define WM_PROFILE_FAMILY_NAME      "family-name"      /* s */
#define WM_PROFILE_PREFERRED_NAME   "preferred-name"   /* s: what they like to be called */
#define WM_PROFILE_DATE_OF_BIRTH    "date-of-birth"    /* s: YYYY-MM-DD */
#define WM_PROFILE_LOCAL_AUTHORITY  "local-authority"  /* s: wm_local_authorities */
#define WM_PROFILE_REFERRAL_SOURCE  "referral-source"  /* s: wm_referral_sources */
#define WM_PROFILE_PROGRAMME        "programme"        /* s: wm_programmes, or the organisation's own */
#define WM_PROFILE_STATUS           "status"           /* s: wm_case_statuses */
#define WM_PROFILE_REFERRED_ON      "referred-on"      /* s: YYYY-MM-DD */

/* The ages the diversionary network takes referrals for. */
#define WM_PERSON_AGE_MIN 10
#define WM_PERSON_AGE_MAX 25

extern const WmTerm wm_local_authorities[];
extern const WmTerm wm_referral_sources[];
extern const WmTerm wm_programmes[];
extern const WmTerm wm_case_statuses[];

char     *wm_person_dup_display_name  (GVariant     *profile);
gboolean  wm_person_get_age           (GVariant     *profile,
                                       const GDate  *today,
                                       guint        *out_years,
                                       GError      **error);
char     *wm_person_summarise         (GVariant     *profile,
                                       GVariant     *latest_assessment,
                                       const GDate  *today);
gboolean  wm_person_check_profile     (GVariant     *profile,
                                       const GDate  *today,
                                       GError      **error);

G_END_DECLS
