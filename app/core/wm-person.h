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
 * to the store; wm_person_check_profile() says what a complete one needs
 * (a given or a family name, and the date of birth). wm_profile_fields
 * lists them all in the order a form shows them, with their labels.
 * Dates are YYYY-MM-DD and none may be after today. */
#define WM_PROFILE_GIVEN_NAME        "given-name"        /* s */
#define WM_PROFILE_FAMILY_NAME       "family-name"       /* s */
#define WM_PROFILE_PREFERRED_NAME    "preferred-name"    /* s: what they like to be called */
#define WM_PROFILE_PRONOUNS          "pronouns"          /* s: free text, "she/her", "they/them" */
#define WM_PROFILE_DATE_OF_BIRTH     "date-of-birth"     /* s: YYYY-MM-DD */
#define WM_PROFILE_SEX               "sex"               /* s: wm_sexes */
#define WM_PROFILE_GENDER            "gender"            /* s: free text, gender identity in their own words */
#define WM_PROFILE_ETHNICITY         "ethnicity"         /* s: wm_ethnicities (ONS 2021) */
#define WM_PROFILE_ETHNICITY_SELF_DESCRIBED "ethnicity-self-described" /* b: the young person chose it */
#define WM_PROFILE_ADDRESS           "address"           /* s: several lines */
#define WM_PROFILE_LOCAL_AUTHORITY   "local-authority"   /* s: wm_local_authorities */
#define WM_PROFILE_SCHOOL            "school"            /* s: school or college, free text */
#define WM_PROFILE_EDUCATION_STATUS  "education-status"  /* s: wm_person_education_statuses */
#define WM_PROFILE_PARENT_CARER      "parent-carer"      /* s: several lines */
#define WM_PROFILE_OTHER_PROFESSIONALS "other-professionals" /* s: several lines */
#define WM_PROFILE_SOCIAL_CARE_STATUS "social-care-status" /* s: wm_social_care_statuses */
#define WM_PROFILE_YOUNG_CARER       "young-carer"       /* b */
#define WM_PROFILE_SEND              "send"              /* s: wm_send_statuses */
#define WM_PROFILE_SPEECH_LANGUAGE   "speech-language-needs" /* b: speech, language and communication */
#define WM_PROFILE_NEURODIVERGENCE   "neurodivergence"   /* b */
#define WM_PROFILE_LEARNING_DISABILITY "learning-disability" /* b: the same key as the assessment's answer */
#define WM_PROFILE_REFERRAL_SOURCE   "referral-source"   /* s: wm_referral_sources */
#define WM_PROFILE_REFERRED_ON       "referred-on"       /* s: YYYY-MM-DD */
#define WM_PROFILE_REFERRAL_REASON   "referral-reason"   /* s: several lines */
#define WM_PROFILE_PROGRAMME         "programme"         /* s: wm_programmes, or the organisation's own */
#define WM_PROFILE_CONSENT           "consent"           /* b: agreed to the service */
#define WM_PROFILE_CONSENT_ON        "consent-on"        /* s: YYYY-MM-DD; required when consent is TRUE */
#define WM_PROFILE_STATUS            "status"            /* s: wm_case_statuses (old ids: wm_case_status_aliases) */

/* The ages the diversionary network takes referrals for. */
#define WM_PERSON_AGE_MIN 10
#define WM_PERSON_AGE_MAX 25

/* One line of text ("given-name", "school"...) longer than this is not a
 * name or a school but a slip; the fields of several lines take as much
 * as a note (WM_NOTE_MAX_CHARACTERS). */
#define WM_PERSON_LINE_MAX_CHARACTERS 1000

/* Case statuses: referred, then active, then closed; a closed case may be
 * reopened as active. See wm_person_check_status_change(). */
#define WM_CASE_STATUS_REFERRED "referred"
#define WM_CASE_STATUS_ACTIVE   "active"
#define WM_CASE_STATUS_CLOSED   "closed"

typedef enum
{
  WM_FIELD_TEXT,       /* s: one line */
  WM_FIELD_LONG_TEXT,  /* s: may run over several lines */
  WM_FIELD_DATE,       /* s: YYYY-MM-DD, not after today */
  WM_FIELD_TERM,       /* s: an id of terms, or an old id of aliases */
  WM_FIELD_BOOLEAN,    /* b */
} WmFieldKind;

/* One field of the profile, for forms, imports and checks alike. */
typedef struct
{
  const char        *key;
  const char        *label;    /* marked N_(): show it through g_dgettext() or wm_person_field_get_label() */
  WmFieldKind        kind;
  const WmTerm      *terms;    /* TERM: the vocabulary; TEXT: suggestions (programme); else NULL */
  const WmTermAlias *aliases;  /* TERM: old ids still accepted, or NULL */
} WmProfileField;

/* Ends with a field whose key is NULL. */
extern const WmProfileField wm_profile_fields[];

extern const WmTerm wm_local_authorities[];
extern const WmTerm wm_referral_sources[];
extern const WmTerm wm_programmes[];
extern const WmTerm wm_case_statuses[];
extern const WmTermAlias wm_case_status_aliases[];
extern const WmTerm wm_sexes[];
extern const WmTerm wm_ethnic_groups[];
extern const WmTerm wm_ethnicities[];
extern const WmTerm wm_person_education_statuses[];
extern const WmTerm wm_social_care_statuses[];
extern const WmTerm wm_send_statuses[];

const WmProfileField *wm_person_find_field           (const char    *key);
const char           *wm_person_field_get_label      (const WmProfileField *field);
const char           *wm_ethnicity_get_group         (const char    *ethnicity);

char       *wm_person_dup_display_name      (GVariant     *profile);
char       *wm_person_format_display_name   (const char   *preferred,
                                             const char   *given,
                                             const char   *family);
gboolean    wm_person_get_age               (GVariant     *profile,
                                             const GDate  *today,
                                             guint        *out_years,
                                             GError      **error);
const char *wm_person_get_status            (GVariant     *profile);
char       *wm_person_summarise             (GVariant     *profile,
                                             GVariant     *latest_assessment,
                                             const GDate  *today);
gboolean    wm_person_check_profile         (GVariant     *profile,
                                             const GDate  *today,
                                             GError      **error);
GPtrArray  *wm_person_collect_warnings      (GVariant     *profile,
                                             const GDate  *today);
gboolean    wm_person_check_status_change   (const char   *from,
                                             const char   *to,
                                             GVariant     *closure,
                                             GError      **error);
GVariant   *wm_person_upgrade_profile       (GVariant     *profile);
char       *wm_person_dup_identity_key      (const char   *name);
gboolean    wm_person_same_identity         (GVariant     *a,
                                             GVariant     *b);

G_END_DECLS
