/* wm-referral-summary-private.h — the referral's parts, for the page layout in app/report
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wm-referral-summary.h"

G_BEGIN_DECLS

typedef enum
{
  WM_REFERRAL_BLOCK_TEXT,
  WM_REFERRAL_BLOCK_FIELDS,
  WM_REFERRAL_BLOCK_CONTACTS,
  WM_REFERRAL_BLOCK_ACE_COUNT,
} WmReferralBlockKind;

/* One piece of a section: a paragraph, label/value rows, a contacts table
 * or the ACE count. Strings are owned copies. */
typedef struct
{
  WmReferralBlockKind  kind;
  char                *text;      /* TEXT */
  GPtrArray           *rows;      /* FIELDS: char *label, char *value, ...; CONTACTS: 4 strings a contact */
  guint                count;     /* ACE_COUNT */
  guint                out_of;    /* ACE_COUNT */
} WmReferralBlock;

typedef struct
{
  WmReferralSection  section;
  GPtrArray         *blocks;     /* WmReferralBlock */
} WmReferralPart;

typedef struct
{
  char *name;
  char *role;
  char *organisation;
  char *address;
  char *telephone;
  char *email;
} WmReferralPartyCopy;

typedef struct
{
  WmLawfulBasis         basis;
  WmSchedule1Condition  condition;
  WmReferralInformed    informed;
  char                 *informed_who;
  char                 *informed_when;
  WmCompetence          competence;
  char                 *not_told_reason;
  char                 *reason;
} WmReferralBasisCopy;

const WmReferralPartyCopy *_wm_referral_summary_get_referrer         (WmReferralSummary *self);
const WmReferralPartyCopy *_wm_referral_summary_get_recipient        (WmReferralSummary *self);
const WmReferralBasisCopy *_wm_referral_summary_get_basis            (WmReferralSummary *self);
const char                *_wm_referral_summary_get_reason           (WmReferralSummary *self);
WmReferralUrgency          _wm_referral_summary_get_urgency          (WmReferralSummary *self);
const char                *_wm_referral_summary_get_requested_action (WmReferralSummary *self);
GPtrArray                 *_wm_referral_summary_get_parts            (WmReferralSummary *self);

G_END_DECLS
