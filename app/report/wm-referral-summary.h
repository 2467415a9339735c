/* wm-referral-summary.h — a referral summary as a partner service receives it, in plain data
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* The sections a caseworker can choose, in the order the composer offers
 * them. The document keeps them in the order they were added. */
typedef enum
{
  WM_REFERRAL_SECTION_BASIC_DETAILS,
  WM_REFERRAL_SECTION_CONTACTS,
  WM_REFERRAL_SECTION_RISK_SUMMARY,
  WM_REFERRAL_SECTION_ACE_COUNT,
  WM_REFERRAL_SECTION_ACE_ITEMS,
  WM_REFERRAL_SECTION_STRENGTHS,
  WM_REFERRAL_SECTION_OWN_VIEWS,
  WM_REFERRAL_SECTION_RECENT_CONTACTS,
  WM_REFERRAL_SECTION_PLAN,
} WmReferralSection;

#define WM_REFERRAL_N_SECTIONS (WM_REFERRAL_SECTION_PLAN + 1)

typedef enum
{
  WM_REFERRAL_URGENCY_ROUTINE,
  WM_REFERRAL_URGENCY_SOON,
  WM_REFERRAL_URGENCY_URGENT,
} WmReferralUrgency;

/* UK GDPR Article 6(1), in the order a data-protection officer expects
 * them offered: consent last, since it is rarely the right basis for
 * sharing to safeguard a child. */
typedef enum
{
  WM_LAWFUL_BASIS_NONE,
  WM_LAWFUL_BASIS_PUBLIC_TASK,
  WM_LAWFUL_BASIS_LEGAL_OBLIGATION,
  WM_LAWFUL_BASIS_VITAL_INTERESTS,
  WM_LAWFUL_BASIS_LEGITIMATE_INTERESTS,
  WM_LAWFUL_BASIS_CONSENT,
} WmLawfulBasis;

/* The DPA 2018 Schedule 1 condition for special-category and
 * criminal-offence data. NONE says that no such data is shared. */
typedef enum
{
  WM_SCHEDULE1_NONE,
  WM_SCHEDULE1_SAFEGUARDING,          /* Part 2, paragraph 18 */
  WM_SCHEDULE1_PREVENTING_CRIME,      /* Part 2, paragraph 10 */
  WM_SCHEDULE1_STATUTORY_PURPOSES,    /* Part 2, paragraph 6 */
  WM_SCHEDULE1_HEALTH_SOCIAL_CARE,    /* Part 1, paragraph 2 */
} WmSchedule1Condition;

typedef enum
{
  WM_REFERRAL_INFORMED_UNKNOWN,        /* not recorded: the referral is incomplete */
  WM_REFERRAL_INFORMED_AGREED,         /* told, and agreed */
  WM_REFERRAL_INFORMED_DID_NOT_AGREE,  /* told, did not agree; shared all the same */
  WM_REFERRAL_INFORMED_NOT_TOLD,       /* not told; not_told_reason says why */
} WmReferralInformed;

typedef enum
{
  WM_COMPETENCE_NOT_ASSESSED,
  WM_COMPETENCE_GILLICK_COMPETENT,      /* under 16 */
  WM_COMPETENCE_NOT_GILLICK_COMPETENT,
  WM_COMPETENCE_HAS_CAPACITY,           /* 16 and over: Mental Capacity Act 2005 */
  WM_COMPETENCE_LACKS_CAPACITY,
} WmCompetence;

/* The structs below are borrowed: the document copies every string it is
 * given, so callers may pass stack values. NULL strings count as empty. */
typedef struct
{
  const char *name;
  const char *role;
  const char *organisation;
  const char *address;      /* may hold newlines */
  const char *telephone;
  const char *email;
} WmReferralParty;

typedef struct
{
  WmLawfulBasis         basis;
  WmSchedule1Condition  condition;
  WmReferralInformed    informed;
  const char           *informed_who;     /* who was told: "the young person and their mother" */
  const char           *informed_when;    /* YYYY-MM-DD */
  WmCompetence          competence;
  const char           *not_told_reason;
  const char           *reason;           /* the written reason for sharing */
} WmReferralBasis;

typedef struct
{
  const char *label;
  const char *value;
} WmReferralField;

typedef struct
{
  const char *date;         /* YYYY-MM-DD */
  const char *method;       /* already a display string: "Home visit" */
  guint       minutes;      /* 0 when not recorded */
  const char *note;
} WmReferralContact;

#define WM_TYPE_REFERRAL_SUMMARY (wm_referral_summary_get_type ())

G_DECLARE_FINAL_TYPE (WmReferralSummary, wm_referral_summary, WM, REFERRAL_SUMMARY, GObject)

WmReferralSummary *wm_referral_summary_new              (const char               *reference,
                                                         const char               *date);
const char        *wm_referral_summary_get_reference    (WmReferralSummary        *self);
const char        *wm_referral_summary_get_date         (WmReferralSummary        *self);
void               wm_referral_summary_set_referrer     (WmReferralSummary        *self,
                                                         const WmReferralParty    *referrer);
void               wm_referral_summary_set_recipient    (WmReferralSummary        *self,
                                                         const WmReferralParty    *recipient);
void               wm_referral_summary_set_request      (WmReferralSummary        *self,
                                                         const char               *reason,
                                                         WmReferralUrgency         urgency,
                                                         const char               *requested_action);
void               wm_referral_summary_set_lawful_basis (WmReferralSummary        *self,
                                                         const WmReferralBasis    *basis);
void               wm_referral_summary_add_fields       (WmReferralSummary        *self,
                                                         WmReferralSection         section,
                                                         const WmReferralField    *fields,
                                                         gsize                     n_fields);
void               wm_referral_summary_add_text         (WmReferralSummary        *self,
                                                         WmReferralSection         section,
                                                         const char               *text);
void               wm_referral_summary_add_contacts     (WmReferralSummary        *self,
                                                         WmReferralSection         section,
                                                         const WmReferralContact  *contacts,
                                                         gsize                     n_contacts);
void               wm_referral_summary_set_ace_count    (WmReferralSummary        *self,
                                                         guint                     count,
                                                         guint                     out_of);
gsize              wm_referral_summary_get_n_sections   (WmReferralSummary        *self);
WmReferralSection  wm_referral_summary_get_section      (WmReferralSummary        *self,
                                                         gsize                     index);
gboolean           wm_referral_summary_check            (WmReferralSummary        *self,
                                                         GError                  **error);

const char *wm_referral_section_to_string      (WmReferralSection     section);
gboolean    wm_referral_section_from_string    (const char           *name,
                                                WmReferralSection    *out_section);
const char *wm_referral_section_title          (WmReferralSection     section);
const char *wm_referral_urgency_to_string      (WmReferralUrgency     urgency);
gboolean    wm_referral_urgency_from_string    (const char           *name,
                                                WmReferralUrgency    *out_urgency);
const char *wm_referral_urgency_label          (WmReferralUrgency     urgency);
const char *wm_lawful_basis_to_string          (WmLawfulBasis         basis);
gboolean    wm_lawful_basis_from_string        (const char           *name,
                                                WmLawfulBasis        *out_basis);
const char *wm_lawful_basis_label              (WmLawfulBasis         basis);
const char *wm_schedule1_condition_to_string   (WmSchedule1Condition  condition);
gboolean    wm_schedule1_condition_from_string (const char           *name,
                                                WmSchedule1Condition *out_condition);
const char *wm_schedule1_condition_label       (WmSchedule1Condition  condition);
const char *wm_competence_label                (WmCompetence          competence);

G_END_DECLS
