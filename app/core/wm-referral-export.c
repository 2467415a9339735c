/* wm-referral-export.c — the one door for a referral: build it from the case, write it, record it
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The composer's preview, its print, and `waymark-cli referral` all build
 * the document here, from the case as the store gives it and the sections
 * the caseworker ticked, and nothing else: a section not chosen is never
 * read into the document, so it cannot reach the page. The recipient comes
 * from the signed partner directory, never from what was typed.
 *
 * A referral that goes out is recorded twice: as a referral record in the
 * case (what was shared, with whom, why, and whether the young person and
 * family were told), through the casebook's checks, and as an audit entry
 * ("export" or "print") naming the case, the partner and the sections but
 * no personal data. An export writes the PDF first and records it after;
 * if the record cannot be written the PDF is removed, so no referral
 * leaves without its record.
 */

#define G_LOG_DOMAIN "wm-referral"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "wm-assessment.h"
#include "wm-casebook.h"
#include "wm-casework.h"
#include "wm-core-error.h"
#include "wm-date.h"
#include "wm-payload.h"
#include "wm-person.h"
#include "wm-referral-export.h"
#include "wm-referral-pdf.h"
#include "wm-report-error.h"
#include "wm-uninstalled.h"

WmReferralRequest *
wm_referral_request_new (void)
{
  return g_new0 (WmReferralRequest, 1);
}

void
wm_referral_request_free (WmReferralRequest *request)
{
  if (request == NULL)
    return;
  g_free (request->reason);
  g_free (request->urgency);
  g_free (request->requested_action);
  g_strfreev (request->sections);
  g_free (request->basis);
  g_free (request->condition);
  g_free (request->informed);
  g_free (request->informed_who);
  g_free (request->informed_when);
  g_free (request->competence);
  g_free (request->not_told_reason);
  g_free (request->basis_reason);
  g_free (request);
}

static gboolean
is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  for (; *text != '\0'; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;
  return TRUE;
}

/* The request's ids as the report's enums; what the caseworker left out
 * or got wrong is named. Sections are returned as a set. */
typedef struct
{
  WmReferralUrgency     urgency;
  WmLawfulBasis         basis;
  WmSchedule1Condition  condition;
  WmReferralInformed    informed;
  WmCompetence          competence;
  gboolean              chosen[WM_REFERRAL_N_SECTIONS];
  guint                 n_chosen;
} Parsed;

static const char *const competence_ids[] = {
  [WM_COMPETENCE_NOT_ASSESSED] = "not-assessed",
  [WM_COMPETENCE_GILLICK_COMPETENT] = "gillick-competent",
  [WM_COMPETENCE_NOT_GILLICK_COMPETENT] = "not-gillick-competent",
  [WM_COMPETENCE_HAS_CAPACITY] = "has-capacity",
  [WM_COMPETENCE_LACKS_CAPACITY] = "lacks-capacity",
};

static const char *const informed_ids[] = {
  [WM_REFERRAL_INFORMED_UNKNOWN] = NULL,
  [WM_REFERRAL_INFORMED_AGREED] = "agreed",
  [WM_REFERRAL_INFORMED_DID_NOT_AGREE] = "did-not-agree",
  [WM_REFERRAL_INFORMED_NOT_TOLD] = "not-told",
};

static gboolean
parse_request (const WmReferralRequest  *request,
               Parsed                   *out,
               GError                  **error)
{
  memset (out, 0, sizeof *out);

  if (is_blank (request->basis))
    {
      g_set_error_literal (error, WM_CORE_ERROR, WM_CORE_ERROR_MISSING,
                           _("No lawful basis for sharing is recorded. Choose the UK GDPR Article 6 basis: "
                             "public task, legal obligation, vital interests, legitimate interests or consent."));
      return FALSE;
    }
  if (!wm_lawful_basis_from_string (request->basis, &out->basis))
    {
      g_autofree char *allowed = wm_term_join_ids (wm_lawful_bases, ", ");

      g_set_error (error, WM_CORE_ERROR, WM_CORE_ERROR_UNKNOWN_VALUE,
                   _("The lawful basis is not one Waymark knows. Choose one of: %s."), allowed);
      return FALSE;
    }
  if (request->condition != NULL && !wm_schedule1_condition_from_string (request->condition, &out->condition))
    {
      g_autofree char *allowed = wm_term_join_ids (wm_schedule1_conditions, ", ");

      g_set_error (error, WM_CORE_ERROR, WM_CORE_ERROR_UNKNOWN_VALUE,
                   _("The Schedule 1 condition is not one Waymark knows. Choose one of: %s."), allowed);
      return FALSE;
    }
  if (request->urgency != NULL && !wm_referral_urgency_from_string (request->urgency, &out->urgency))
    {
      g_autofree char *allowed = wm_term_join_ids (wm_referral_urgencies, ", ");

      g_set_error (error, WM_CORE_ERROR, WM_CORE_ERROR_UNKNOWN_VALUE,
                   _("The urgency is not one Waymark knows. Choose one of: %s."), allowed);
      return FALSE;
    }
  out->informed = WM_REFERRAL_INFORMED_UNKNOWN;
  for (guint i = 1; request->informed != NULL && i < G_N_ELEMENTS (informed_ids); i++)
    if (g_str_equal (request->informed, informed_ids[i]))
      out->informed = (WmReferralInformed) i;
  if (request->informed != NULL && out->informed == WM_REFERRAL_INFORMED_UNKNOWN)
    {
      g_autofree char *allowed = wm_term_join_ids (wm_referral_informed, ", ");

      g_set_error (error, WM_CORE_ERROR, WM_CORE_ERROR_UNKNOWN_VALUE,
                   _("Whether the young person was told is not recorded in a way Waymark knows. "
                     "Choose one of: %s."), allowed);
      return FALSE;
    }
  out->competence = WM_COMPETENCE_NOT_ASSESSED;
  if (request->competence != NULL)
    {
      gboolean found = FALSE;

      for (guint i = 0; i < G_N_ELEMENTS (competence_ids); i++)
        if (g_str_equal (request->competence, competence_ids[i]))
          {
            out->competence = (WmCompetence) i;
            found = TRUE;
          }
      if (!found)
        {
          g_autofree char *allowed = wm_term_join_ids (wm_competences, ", ");

          g_set_error (error, WM_CORE_ERROR, WM_CORE_ERROR_UNKNOWN_VALUE,
                       _("The young person’s competence is not recorded in a way Waymark knows. "
                         "Choose one of: %s."), allowed);
          return FALSE;
        }
    }
  if (request->informed_when != NULL && *request->informed_when != '\0')
    {
      GDate date;

      if (!wm_date_parse_iso (request->informed_when, &date, error))
        return FALSE;
    }

  for (guint i = 0; request->sections != NULL && request->sections[i] != NULL; i++)
    {
      WmReferralSection section;

      if (!wm_referral_section_from_string (request->sections[i], &section))
        {
          g_autoptr(GString) allowed = g_string_new (NULL);

          for (guint s = 0; s < WM_REFERRAL_N_SECTIONS; s++)
            g_string_append_printf (allowed, "%s%s", s > 0 ? ", " : "", wm_referral_section_to_string (s));
          g_set_error (error, WM_CORE_ERROR, WM_CORE_ERROR_UNKNOWN_VALUE,
                       _("A section to share is not one Waymark knows. Choose from: %s."), allowed->str);
          return FALSE;
        }
      if (!out->chosen[section])
        out->n_chosen++;
      out->chosen[section] = TRUE;
    }
  if (out->n_chosen == 0)
    {
      g_set_error_literal (error, WM_CORE_ERROR, WM_CORE_ERROR_MISSING,
                           _("No section is chosen to share. Tick at least one section."));
      return FALSE;
    }
  return TRUE;
}

/* ---- Reading the case -------------------------------------------------- */

/* The newest readable record of @kind, and for an assessment of
 * @instrument only. */
static GVariant *
find_latest (GPtrArray    *records,
             WmRecordKind  kind,
             const char   *instrument)
{
  WmRecord *latest = NULL;

  for (guint i = 0; i < records->len; i++)
    {
      WmRecord *record = g_ptr_array_index (records, i);

      if (record->kind != kind || record->payload == NULL)
        continue;
      if (instrument != NULL
          && g_strcmp0 (wm_payload_get_string (record->payload, WM_ASSESSMENT_INSTRUMENT), instrument) != 0)
        continue;
      if (latest == NULL || record->written_usec > latest->written_usec)
        latest = record;
    }
  return latest != NULL ? latest->payload : NULL;
}

static const char *
text_or_dash (const char *text)
{
  return is_blank (text) ? "—" : text;
}

static void
add_basic_details (WmReferralSummary *summary,
                   GVariant          *profile,
                   const GDate       *today)
{
  g_autofree char *name = wm_person_dup_display_name (profile);
  g_autofree char *age = NULL;
  guint years = 0;

  if (wm_person_get_age (profile, today, &years, NULL))
    age = g_strdup_printf ("%u", years);

  {
    WmReferralField fields[] = {
      { _("Name"), name },
      { _("Preferred name"), text_or_dash (wm_payload_get_string (profile, WM_PROFILE_PREFERRED_NAME)) },
      { _("Pronouns"), text_or_dash (wm_payload_get_string (profile, WM_PROFILE_PRONOUNS)) },
      { _("Date of birth"), text_or_dash (wm_payload_get_string (profile, WM_PROFILE_DATE_OF_BIRTH)) },
      { _("Age"), text_or_dash (age) },
      { _("Address"), text_or_dash (wm_payload_get_string (profile, WM_PROFILE_ADDRESS)) },
      { _("Local authority"), text_or_dash (wm_term_get_label (wm_local_authorities,
                                                                wm_payload_get_string (profile, WM_PROFILE_LOCAL_AUTHORITY))) },
      { _("School or college"), text_or_dash (wm_payload_get_string (profile, WM_PROFILE_SCHOOL)) },
    };

    wm_referral_summary_add_fields (summary, WM_REFERRAL_SECTION_BASIC_DETAILS, fields, G_N_ELEMENTS (fields));
  }
}

static void
add_contacts (WmReferralSummary *summary,
              GVariant          *profile)
{
  WmReferralField fields[] = {
    { _("Parent or carer"), text_or_dash (wm_payload_get_string (profile, WM_PROFILE_PARENT_CARER)) },
    { _("Other professionals"), text_or_dash (wm_payload_get_string (profile, WM_PROFILE_OTHER_PROFESSIONALS)) },
  };

  wm_referral_summary_add_fields (summary, WM_REFERRAL_SECTION_CONTACTS, fields, G_N_ELEMENTS (fields));
}

static const WmTerm *
judgement_scale (const char *judgement)
{
  if (g_strcmp0 (judgement, WM_JUDGEMENT_EXPLOITATION) == 0)
    return wm_exploitation_levels;
  if (g_strcmp0 (judgement, WM_JUDGEMENT_INTERVENTION_LEVEL) == 0)
    return wm_intervention_levels;
  return wm_risk_levels;
}

static void
add_risk_summary (WmReferralSummary *summary,
                  GVariant          *assessment)
{
  g_autoptr(GPtrArray) values = g_ptr_array_new ();
  g_autoptr(GArray) fields = g_array_new (FALSE, TRUE, sizeof (WmReferralField));
  WmReferralField field;

  if (assessment == NULL)
    {
      wm_referral_summary_add_text (summary, WM_REFERRAL_SECTION_RISK_SUMMARY,
                                    _("No risk and needs assessment is recorded."));
      return;
    }
  field.label = _("Completed on");
  field.value = text_or_dash (wm_payload_get_string (assessment, WM_ASSESSMENT_COMPLETED_ON));
  g_array_append_val (fields, field);
  for (const WmTerm *judgement = wm_judgements; judgement->id != NULL; judgement++)
    {
      const char *level = wm_assessment_get_judgement (assessment, judgement->id);

      if (level == NULL)
        continue;
      field.label = wm_term_get_label (wm_judgements, judgement->id);
      field.value = wm_term_get_label (judgement_scale (judgement->id), level);
      g_array_append_val (fields, field);
    }
  field.label = _("Next review");
  field.value = text_or_dash (wm_payload_get_string (assessment, WM_ASSESSMENT_NEXT_REVIEW));
  g_array_append_val (fields, field);
  wm_referral_summary_add_fields (summary, WM_REFERRAL_SECTION_RISK_SUMMARY,
                                  (WmReferralField *) (void *) fields->data, fields->len);
  if (!is_blank (wm_payload_get_string (assessment, WM_ASSESSMENT_RATIONALE)))
    wm_referral_summary_add_text (summary, WM_REFERRAL_SECTION_RISK_SUMMARY,
                                  wm_payload_get_string (assessment, WM_ASSESSMENT_RATIONALE));
}

static void
add_ace (WmReferralSummary *summary,
         GVariant          *ace,
         gboolean           count,
         gboolean           items)
{
  g_autoptr(GVariant) answers = ace != NULL ? wm_payload_get_value (ace, WM_ASSESSMENT_ANSWERS,
                                                                    G_VARIANT_TYPE_VARDICT) : NULL;
  g_autoptr(GArray) fields = g_array_new (FALSE, TRUE, sizeof (WmReferralField));
  guint n_yes = 0;

  for (const WmTerm *category = wm_ace_categories; answers != NULL && category->id != NULL; category++)
    {
      const char *answer = wm_payload_get_string (answers, category->id);

      if (g_strcmp0 (answer, WM_ACE_YES) == 0)
        {
          WmReferralField field = { wm_term_get_label (wm_ace_categories, category->id),
                                    wm_term_get_label (wm_ace_answers, answer) };

          g_array_append_val (fields, field);
          n_yes++;
        }
    }
  if (count)
    {
      if (ace == NULL)
        wm_referral_summary_add_text (summary, WM_REFERRAL_SECTION_ACE_COUNT,
                                      _("No adverse childhood experiences assessment is recorded."));
      else
        wm_referral_summary_set_ace_count (summary, n_yes, wm_term_count (wm_ace_categories));
    }
  if (items)
    {
      if (fields->len == 0)
        wm_referral_summary_add_text (summary, WM_REFERRAL_SECTION_ACE_ITEMS,
                                      _("None is recorded as known or disclosed."));
      else
        wm_referral_summary_add_fields (summary, WM_REFERRAL_SECTION_ACE_ITEMS,
                                        (WmReferralField *) (void *) fields->data, fields->len);
    }
}

/* The options of the shipped risk and needs instrument's "strengths" item. */
static const WmTerm strength_labels[] = {
  { "positive-activity", N_("A positive activity, sport or interest") },
  { "engaged-education", N_("Engaged with education, training or work") },
  { "wants-change", N_("Wants things to change") },
  { "supportive-friends", N_("Supportive friends") },
  { NULL, NULL }
};

static void
add_strengths (WmReferralSummary *summary,
               GVariant          *assessment)
{
  g_autoptr(GVariant) answers = assessment != NULL
                                ? wm_payload_get_value (assessment, WM_ASSESSMENT_ANSWERS, G_VARIANT_TYPE_VARDICT)
                                : NULL;
  g_autoptr(GVariant) strengths = answers != NULL
                                  ? wm_payload_get_value (answers, "strengths", G_VARIANT_TYPE_STRING_ARRAY) : NULL;
  g_autoptr(GString) text = g_string_new (NULL);

  for (gsize i = 0; strengths != NULL && i < g_variant_n_children (strengths); i++)
    {
      g_autoptr(GVariant) id = g_variant_get_child_value (strengths, i);

      g_string_append_printf (text, "%s• %s", text->len > 0 ? "\n" : "",
                              wm_term_get_label (strength_labels, g_variant_get_string (id, NULL)));
    }
  if (answers != NULL && wm_payload_get_boolean (answers, "trusted-adult", FALSE))
    g_string_append_printf (text, "%s• %s", text->len > 0 ? "\n" : "", _("Has a trusted adult"));
  wm_referral_summary_add_text (summary, WM_REFERRAL_SECTION_STRENGTHS,
                                text->len > 0 ? text->str : _("No strengths are recorded in the latest assessment."));
}

static void
add_own_views (WmReferralSummary *summary,
               GVariant          *assessment)
{
  g_autoptr(GVariant) answers = assessment != NULL
                                ? wm_payload_get_value (assessment, WM_ASSESSMENT_ANSWERS, G_VARIANT_TYPE_VARDICT)
                                : NULL;
  const char *words = answers != NULL ? wm_payload_get_string (answers, WM_DRN_OWN_WORDS) : NULL;

  wm_referral_summary_add_text (summary, WM_REFERRAL_SECTION_OWN_VIEWS,
                                !is_blank (words) ? words : _("The young person’s own views are not recorded."));
}

static int
compare_contact_dates (gconstpointer a,
                       gconstpointer b)
{
  GVariant *x = *(GVariant *const *) a;
  GVariant *y = *(GVariant *const *) b;

  return g_strcmp0 (wm_payload_get_string (x, WM_CONTACT_DATE), wm_payload_get_string (y, WM_CONTACT_DATE));
}

static void
add_recent_contacts (WmReferralSummary *summary,
                     GPtrArray         *records)
{
  g_autoptr(GPtrArray) contacts = g_ptr_array_new ();
  g_autoptr(GArray) rows = g_array_new (FALSE, TRUE, sizeof (WmReferralContact));
  guint first;

  for (guint i = 0; i < records->len; i++)
    {
      WmRecord *record = g_ptr_array_index (records, i);

      if (record->kind == WM_RECORD_CONTACT && record->payload != NULL)
        g_ptr_array_add (contacts, record->payload);
    }
  g_ptr_array_sort (contacts, compare_contact_dates);
  first = contacts->len > WM_REFERRAL_RECENT_CONTACTS ? contacts->len - WM_REFERRAL_RECENT_CONTACTS : 0;
  for (guint i = first; i < contacts->len; i++)
    {
      GVariant *contact = g_ptr_array_index (contacts, i);
      const char *method = wm_term_alias_resolve (wm_contact_method_aliases,
                                                  wm_payload_get_string (contact, WM_CONTACT_METHOD));
      WmReferralContact row = {
        .date = wm_payload_get_string (contact, WM_CONTACT_DATE),
        .method = wm_term_get_label (wm_contact_methods, method),
        .note = wm_payload_get_string (contact, WM_CONTACT_NOTE),
      };
      guint32 minutes = 0;

      if (wm_payload_get_uint (contact, WM_CONTACT_DURATION, &minutes))
        row.minutes = minutes;
      g_array_append_val (rows, row);
    }
  if (rows->len == 0)
    wm_referral_summary_add_text (summary, WM_REFERRAL_SECTION_RECENT_CONTACTS, _("No contacts are recorded."));
  else
    wm_referral_summary_add_contacts (summary, WM_REFERRAL_SECTION_RECENT_CONTACTS,
                                      (WmReferralContact *) (void *) rows->data, rows->len);
}

static char *
join_list (GVariant *list)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (gsize i = 0; list != NULL && i < g_variant_n_children (list); i++)
    {
      g_autoptr(GVariant) item = g_variant_get_child_value (list, i);

      g_string_append_printf (text, "%s• %s", text->len > 0 ? "\n" : "", g_variant_get_string (item, NULL));
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
add_plan (WmReferralSummary *summary,
          GVariant          *plan)
{
  g_autoptr(GVariant) goals = NULL;
  g_autoptr(GVariant) actions = NULL;
  g_autofree char *goals_text = NULL;
  g_autofree char *actions_text = NULL;

  if (plan == NULL)
    {
      wm_referral_summary_add_text (summary, WM_REFERRAL_SECTION_PLAN, _("No plan is recorded."));
      return;
    }
  goals = wm_payload_get_value (plan, WM_PLAN_GOALS, G_VARIANT_TYPE_STRING_ARRAY);
  actions = wm_payload_get_value (plan, WM_PLAN_ACTIONS, G_VARIANT_TYPE_STRING_ARRAY);
  goals_text = join_list (goals);
  actions_text = join_list (actions);
  {
    WmReferralField fields[] = {
      { _("Agreed on"), text_or_dash (wm_payload_get_string (plan, WM_PLAN_AGREED_ON)) },
      { _("Goals"), text_or_dash (goals_text) },
      { _("Actions"), text_or_dash (actions_text) },
      { _("Review on"), text_or_dash (wm_payload_get_string (plan, WM_PLAN_REVIEW_ON)) },
    };

    wm_referral_summary_add_fields (summary, WM_REFERRAL_SECTION_PLAN, fields, G_N_ELEMENTS (fields));
  }
}

static char *
dup_case_reference (WmSession  *session,
                    gint64      case_id,
                    GError    **error)
{
  g_autoptr(GPtrArray) cases = wm_session_list_cases (session, error);

  for (guint i = 0; cases != NULL && i < cases->len; i++)
    {
      WmCaseInfo *info = g_ptr_array_index (cases, i);

      if (info->id == case_id)
        return g_strdup (info->reference);
    }
  if (cases != NULL)
    g_set_error_literal (error, WM_STORE_ERROR, WM_STORE_ERROR_PERMISSION,
                         _("This case is not shared with you, so you cannot refer it. "
                           "Ask its caseworker or their supervisor."));
  return NULL;
}

/**
 * wm_referral_build:
 * @session: the caseworker's session
 * @case_id: the young person's case
 * @request: what the caseworker chose
 * @today: the date of the referral
 * @error: return location for a #WM_CORE_ERROR, #WM_REPORT_ERROR or
 *   #WM_STORE_ERROR saying what is missing
 *
 * Builds the document a partner gets: the referrer (the signed-in
 * account, the organisation), the recipient (the partner, from the
 * verified directory), the request and lawful basis, and only the chosen
 * sections, read from the case. Refuses a missing lawful basis, a partner
 * not in the directory, an adult-only service for someone under 18, a
 * case the user cannot read, and whatever wm_referral_summary_check()
 * finds missing. Reading the case is audited as a case view.
 *
 * Returns: (transfer full) (nullable): the referral, complete
 */
WmReferralSummary *
wm_referral_build (WmSession                *session,
                   gint64                    case_id,
                   const WmReferralRequest  *request,
                   const GDate              *today,
                   GError                  **error)
{
  g_autoptr(WmReferralSummary) summary = NULL;
  g_autoptr(WmPartner) partner = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autofree char *reference = NULL;
  g_autofree char *date = NULL;
  GVariant *profile;
  GVariant *risk_needs;
  Parsed parsed;
  guint years = 0;

  g_return_val_if_fail (WM_IS_SESSION (session), NULL);
  g_return_val_if_fail (request != NULL, NULL);
  g_return_val_if_fail (today != NULL && g_date_valid (today), NULL);

  if (!parse_request (request, &parsed, error))
    return NULL;
  partner = wm_session_get_partner (session, request->partner_id, error);
  if (partner == NULL)
    return NULL;
  records = wm_session_open_case (session, case_id, error);
  if (records == NULL)
    return NULL;
  reference = dup_case_reference (session, case_id, error);
  if (reference == NULL)
    return NULL;
  profile = find_latest (records, WM_RECORD_PROFILE, NULL);
  if (profile == NULL)
    {
      g_set_error_literal (error, WM_CORE_ERROR, WM_CORE_ERROR_MISSING,
                           _("The young person’s profile could not be read. Run “waymark-cli verify” and "
                             "tell your administrator what it reports."));
      return NULL;
    }
  if (partner->adult_only && (!wm_person_get_age (profile, today, &years, NULL) || years < 18))
    {
      g_set_error_literal (error, WM_CORE_ERROR, WM_CORE_ERROR_CONSTRAINT,
                           _("This service takes only people aged 18 and over, and the young person is "
                             "younger or their age is not recorded. Choose a service for children."));
      return NULL;
    }

  date = wm_date_format_iso (today);
  summary = wm_referral_summary_new (reference, date);
  {
    WmReferralParty referrer = {
      .name = wm_session_get_user_name (session),
      .role = wm_role_get_label (wm_session_get_role (session)),
      .organisation = wm_store_get_organisation (wm_session_get_store (session)),
    };
    WmReferralParty recipient = {
      .role = wm_term_get_label (wm_partner_services, partner->service),
      .organisation = partner->name,
      .address = partner->contact,
      .email = partner->secure_email,
    };
    WmReferralBasis basis = {
      .basis = parsed.basis,
      .condition = parsed.condition,
      .informed = parsed.informed,
      .informed_who = request->informed_who,
      .informed_when = request->informed_when,
      .competence = parsed.competence,
      .not_told_reason = request->not_told_reason,
      .reason = request->basis_reason,
    };

    wm_referral_summary_set_referrer (summary, &referrer);
    wm_referral_summary_set_recipient (summary, &recipient);
    wm_referral_summary_set_request (summary, request->reason, parsed.urgency, request->requested_action);
    wm_referral_summary_set_lawful_basis (summary, &basis);
  }

  /* In the composer's order, whatever order they were ticked in; only
   * the chosen ones are read at all. */
  risk_needs = find_latest (records, WM_RECORD_ASSESSMENT, WM_INSTRUMENT_DIVERSION_RISK_NEEDS);
  if (parsed.chosen[WM_REFERRAL_SECTION_BASIC_DETAILS])
    add_basic_details (summary, profile, today);
  if (parsed.chosen[WM_REFERRAL_SECTION_CONTACTS])
    add_contacts (summary, profile);
  if (parsed.chosen[WM_REFERRAL_SECTION_RISK_SUMMARY])
    add_risk_summary (summary, risk_needs);
  if (parsed.chosen[WM_REFERRAL_SECTION_ACE_COUNT] || parsed.chosen[WM_REFERRAL_SECTION_ACE_ITEMS])
    add_ace (summary, find_latest (records, WM_RECORD_ASSESSMENT, WM_INSTRUMENT_ACE),
             parsed.chosen[WM_REFERRAL_SECTION_ACE_COUNT], parsed.chosen[WM_REFERRAL_SECTION_ACE_ITEMS]);
  if (parsed.chosen[WM_REFERRAL_SECTION_STRENGTHS])
    add_strengths (summary, risk_needs);
  if (parsed.chosen[WM_REFERRAL_SECTION_OWN_VIEWS])
    add_own_views (summary, risk_needs);
  if (parsed.chosen[WM_REFERRAL_SECTION_RECENT_CONTACTS])
    add_recent_contacts (summary, records);
  if (parsed.chosen[WM_REFERRAL_SECTION_PLAN])
    add_plan (summary, find_latest (records, WM_RECORD_PLAN, NULL));

  if (!wm_referral_summary_check (summary, error))
    return NULL;
  return g_steal_pointer (&summary);
}

/* ---- Recording it ------------------------------------------------------ */

static void
dict_insert_text (GVariantDict *dict,
                  const char   *key,
                  const char   *text)
{
  if (!is_blank (text))
    g_variant_dict_insert (dict, key, "s", text);
}

static GVariant *
make_record (WmReferralSummary        *summary,
             const WmPartner          *partner,
             const WmReferralRequest  *request,
             const char               *sent_by,
             const GDate              *today)
{
  g_autoptr(GPtrArray) sections = g_ptr_array_new ();
  g_autofree char *sent_on = wm_date_format_iso (today);
  g_autofree char *follow_up_on = NULL;
  GDate follow_up = *today;
  GVariantDict dict;

  for (gsize i = 0; i < wm_referral_summary_get_n_sections (summary); i++)
    g_ptr_array_add (sections, (gpointer) wm_referral_section_to_string (wm_referral_summary_get_section (summary, i)));
  g_ptr_array_add (sections, NULL);
  g_date_add_days (&follow_up, WM_REFERRAL_FOLLOW_UP_DAYS);
  follow_up_on = wm_date_format_iso (&follow_up);

  g_variant_dict_init (&dict, NULL);
  g_variant_dict_insert (&dict, WM_REFERRAL_SERVICE, "s", partner->service);
  g_variant_dict_insert (&dict, WM_REFERRAL_PARTNER, "s", partner->name);
  g_variant_dict_insert (&dict, WM_REFERRAL_PARTNER_ID, "x", partner->id);
  g_variant_dict_insert (&dict, WM_REFERRAL_REASON, "s", request->reason);
  g_variant_dict_insert (&dict, WM_REFERRAL_URGENCY, "s", request->urgency != NULL ? request->urgency : "routine");
  dict_insert_text (&dict, WM_REFERRAL_REQUESTED_ACTION, request->requested_action);
  g_variant_dict_insert (&dict, WM_REFERRAL_SECTIONS, "^as", (char **) sections->pdata);
  g_variant_dict_insert (&dict, WM_REFERRAL_LAWFUL_BASIS, "s", request->basis);
  g_variant_dict_insert (&dict, WM_REFERRAL_CONDITION, "s", request->condition != NULL ? request->condition : "none");
  dict_insert_text (&dict, WM_REFERRAL_INFORMED, request->informed);
  dict_insert_text (&dict, WM_REFERRAL_INFORMED_WHO, request->informed_who);
  dict_insert_text (&dict, WM_REFERRAL_INFORMED_ON, request->informed_when);
  dict_insert_text (&dict, WM_REFERRAL_COMPETENCE, request->competence);
  dict_insert_text (&dict, WM_REFERRAL_NOT_TOLD_REASON, request->not_told_reason);
  g_variant_dict_insert (&dict, WM_REFERRAL_BASIS_REASON, "s", request->basis_reason);
  g_variant_dict_insert (&dict, WM_REFERRAL_STATE, "s", "sent");
  g_variant_dict_insert (&dict, WM_REFERRAL_SENT_BY, "s", sent_by);
  g_variant_dict_insert (&dict, WM_REFERRAL_SENT_ON, "s", sent_on);
  g_variant_dict_insert (&dict, WM_REFERRAL_FOLLOW_UP_ON, "s", follow_up_on);
  g_variant_dict_insert (&dict, WM_REFERRAL_OUTCOME, "s", "");
  return g_variant_ref_sink (g_variant_dict_end (&dict));
}

/* The record and the audit entry of a referral that went out. The audit
 * detail names the case by reference, the partner by number and the
 * sections: nothing about the young person. */
static gint64
record_referral (WmSession                *session,
                 gint64                    case_id,
                 WmReferralSummary        *summary,
                 const WmReferralRequest  *request,
                 const char               *action,
                 const GDate              *today,
                 GError                  **error)
{
  g_autoptr(WmPartner) partner = wm_session_get_partner (session, request->partner_id, error);
  g_autoptr(GVariant) payload = NULL;
  g_autoptr(GString) detail = NULL;
  gint64 record_id;

  if (partner == NULL)
    return 0;
  payload = make_record (summary, partner, request, action, today);
  record_id = wm_casebook_add_record (session, case_id, WM_RECORD_REFERRAL, payload, today, error);
  if (record_id == 0)
    return 0;

  detail = g_string_new (NULL);
  g_string_append_printf (detail, "referral %s record %" G_GINT64_FORMAT " partner %" G_GINT64_FORMAT " sections ",
                          wm_referral_summary_get_reference (summary), record_id, partner->id);
  for (gsize i = 0; i < wm_referral_summary_get_n_sections (summary); i++)
    g_string_append_printf (detail, "%s%s", i > 0 ? "," : "",
                            wm_referral_section_to_string (wm_referral_summary_get_section (summary, i)));
  if (!wm_session_audit (session, action, case_id, detail->str, error))
    return 0;
  return record_id;
}

/**
 * wm_referral_export:
 * @output_path: where the PDF goes; an existing file there is replaced
 * @password: (nullable): protects the PDF (AES-256); never stored
 *
 * Builds the referral (wm_referral_build()), writes its PDF, then records
 * it: a referral record in the case (sent today, follow-up in
 * %WM_REFERRAL_FOLLOW_UP_DAYS days) and an "export" audit entry. Nothing
 * is recorded when the PDF cannot be written; the PDF is removed when the
 * record cannot be.
 *
 * Returns: the referral record's id, or 0 with @error set
 */
gint64
wm_referral_export (WmSession                *session,
                    gint64                    case_id,
                    const WmReferralRequest  *request,
                    const char               *output_path,
                    const char               *password,
                    const GDate              *today,
                    GError                  **error)
{
  g_autoptr(WmReferralSummary) summary = NULL;
  gint64 record_id;

  g_return_val_if_fail (output_path != NULL, 0);

  summary = wm_referral_build (session, case_id, request, today, error);
  if (summary == NULL)
    return 0;
  if (!wm_referral_pdf_write (summary, output_path, password, error))
    return 0;
  record_id = record_referral (session, case_id, summary, request, "export", today, error);
  if (record_id == 0)
    g_unlink (output_path);
  return record_id;
}

/**
 * wm_referral_record_print:
 *
 * For the window's print: the same checks as an export (the document is
 * built again from the case), then the referral record (sent by "print")
 * and a "print" audit entry. Call it once the print operation has sent
 * the pages.
 *
 * Returns: %TRUE when recorded
 */
gboolean
wm_referral_record_print (WmSession                *session,
                          gint64                    case_id,
                          const WmReferralRequest  *request,
                          const GDate              *today,
                          GError                  **error)
{
  g_autoptr(WmReferralSummary) summary = wm_referral_build (session, case_id, request, today, error);

  return summary != NULL && record_referral (session, case_id, summary, request, "print", today, error) != 0;
}

/* ---- Seeding the directory -------------------------------------------- */

/**
 * wm_referral_dup_partners_path:
 *
 * Returns: (transfer full): the shipped partners.json: the build tree's
 *   when running from it, else the installed one
 */
char *
wm_referral_dup_partners_path (void)
{
  const char *build_root = wm_uninstalled_build_root ();

  if (build_root != NULL)
    return g_build_filename (build_root, "data", "partners.json", NULL);
  return g_build_filename (PKGDATADIR, "partners.json", NULL);
}

static const char *
member_string (JsonObject *object,
               const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

/**
 * wm_referral_seed_partners:
 * @session: an administrator's session
 * @path: (nullable): a partners file, or %NULL for the shipped one
 *
 * Adds each entry of the file that the directory does not hold yet (the
 * same name, service and area), signed by this administrator. Running it
 * again adds nothing; entries an administrator changed are left alone.
 *
 * Returns: %TRUE when every entry is in the directory; *@out_added says
 *   how many were added now
 */
gboolean
wm_referral_seed_partners (WmSession   *session,
                           const char  *path,
                           guint       *out_added,
                           GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *default_path = NULL;
  g_autoptr(GPtrArray) existing = NULL;
  JsonObject *root;
  JsonArray *entries;
  guint added = 0;

  g_return_val_if_fail (WM_IS_SESSION (session), FALSE);

  if (out_added != NULL)
    *out_added = 0;
  if (path == NULL)
    path = default_path = wm_referral_dup_partners_path ();
  if (!json_parser_load_from_file (parser, path, error))
    return FALSE;
  root = JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser))
         ? json_node_get_object (json_parser_get_root (parser)) : NULL;
  entries = root != NULL && json_object_has_member (root, "partners")
            && JSON_NODE_HOLDS_ARRAY (json_object_get_member (root, "partners"))
            ? json_object_get_array_member (root, "partners") : NULL;
  if (entries == NULL || g_strcmp0 (member_string (root, "format"), "waymark-partners-1") != 0)
    {
      g_set_error (error, WM_CORE_ERROR, WM_CORE_ERROR_WRONG_TYPE,
                   _("“%s” is not a Waymark partners file (format “waymark-partners-1” with a list "
                     "“partners”). Check the file."), path);
      return FALSE;
    }
  existing = wm_session_list_partners (session, error);
  if (existing == NULL)
    return FALSE;

  for (guint i = 0; i < json_array_get_length (entries); i++)
    {
      JsonNode *node = json_array_get_element (entries, i);
      JsonObject *object = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      WmPartner partner = { 0 };
      gboolean known = FALSE;

      if (object != NULL)
        {
          partner.name = (char *) member_string (object, "name");
          partner.service = (char *) member_string (object, "service");
          partner.area = (char *) member_string (object, "area");
          partner.contact = (char *) member_string (object, "contact");
          partner.secure_email = (char *) member_string (object, "secure-email");
          partner.notes = (char *) member_string (object, "notes");
          partner.adult_only = json_object_has_member (object, "adult-only")
                               && json_object_get_boolean_member (object, "adult-only");
        }
      if (object == NULL || partner.name == NULL || wm_term_find (wm_partner_services, partner.service) == NULL
          || partner.area == NULL)
        {
          g_set_error (error, WM_CORE_ERROR, WM_CORE_ERROR_UNKNOWN_VALUE,
                       _("Entry %u of the partners file needs a name, an area and a service type "
                         "Waymark knows. Check the file."), i + 1);
          return FALSE;
        }
      for (guint j = 0; j < existing->len && !known; j++)
        {
          WmPartner *other = g_ptr_array_index (existing, j);

          known = g_str_equal (other->name, partner.name) && g_str_equal (other->service, partner.service)
                  && g_str_equal (other->area, partner.area);
        }
      if (known)
        continue;
      if (wm_session_save_partner (session, &partner, error) == 0)
        return FALSE;
      added++;
      if (out_added != NULL)
        *out_added = added;
    }
  return TRUE;
}
