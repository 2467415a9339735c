/* wm-casebook.c — the one door for writes: the domain's checks, then the store
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The store keeps records secret and authentic whatever they say; what a
 * record may say is the domain's business (wm-person.c, wm-casework.c,
 * wm-assessment.c). Every writer — the window, waymark-cli, the CSV
 * importer — creates and changes records through these functions, so a
 * young person's record cannot be saved by one of them with a date of
 * birth in the future that another would refuse. As GNOME Calendar sends
 * every edit through GcalManager.
 *
 * An assessment's rules depend on the young person's age when it was
 * completed (the exploitation floor for a child under 13), so adding or
 * changing one reads the case's profile first. A change of the case's
 * status follows wm_person_check_status_change(): closing needs the
 * closure record (reason and outcome) saved first.
 */

#define G_LOG_DOMAIN "wm-casebook"

#include "config.h"

#include <glib/gi18n.h>

#include "wm-assessment.h"
#include "wm-casebook.h"
#include "wm-casework.h"
#include "wm-core-error.h"
#include "wm-date.h"
#include "wm-payload.h"
#include "wm-person.h"

/* The age the rules of an assessment apply at: on the day it was completed,
 * or today for a draft. */
static gboolean
assessment_age (GVariant     *assessment,
                GVariant     *profile,
                const GDate  *today,
                guint        *out_years,
                GError      **error)
{
  const char *completed_on = wm_payload_get_string (assessment, WM_ASSESSMENT_COMPLETED_ON);
  GDate on;

  on = *today;
  if (completed_on != NULL && !wm_date_parse_iso (completed_on, &on, error))
    return FALSE;
  if (profile == NULL)
    {
      g_set_error_literal (error, WM_CORE_ERROR, WM_CORE_ERROR_MISSING,
                           _("The young person’s profile could not be read, so the assessment’s age rules "
                             "cannot be checked. Open the record again, then save."));
      return FALSE;
    }
  return wm_person_get_age (profile, &on, out_years, error);
}

/**
 * wm_casebook_check_record:
 * @profile: (nullable): the case's current profile; needed for an assessment
 *
 * Runs the domain's checks for a record of @kind. A profile is checked on
 * its own; an assessment against the young person's age.
 */
gboolean
wm_casebook_check_record (WmRecordKind   kind,
                          GVariant      *payload,
                          GVariant      *profile,
                          const GDate   *today,
                          GError       **error)
{
  guint years = 0;

  g_return_val_if_fail (payload != NULL, FALSE);
  g_return_val_if_fail (today != NULL && g_date_valid (today), FALSE);

  if (!g_variant_is_of_type (payload, G_VARIANT_TYPE_VARDICT))
    {
      g_set_error (error, WM_CORE_ERROR, WM_CORE_ERROR_WRONG_TYPE,
                   _("A record must be a dictionary (a{sv}), not “%s”. Nothing was saved."),
                   g_variant_get_type_string (payload));
      return FALSE;
    }

  switch (kind)
    {
    case WM_RECORD_PROFILE:
      return wm_person_check_profile (payload, today, error);
    case WM_RECORD_CONTACT:
      return wm_contact_check_as_of (payload, today, error);
    case WM_RECORD_ASSESSMENT:
      return assessment_age (payload, profile, today, &years, error)
             && wm_assessment_check (payload, years, error);
    case WM_RECORD_PLAN:
      return wm_plan_check (payload, error);
    case WM_RECORD_REFERRAL:
      return wm_referral_check (payload, error);
    case WM_RECORD_CLOSURE:
      return wm_closure_check (payload, error);
    default:
      g_set_error (error, WM_CORE_ERROR, WM_CORE_ERROR_UNKNOWN_VALUE,
                   _("Waymark does not know record kind %u. Nothing was saved."), (guint) kind);
      return FALSE;
    }
}

/* The newest readable record of @kind among @records, or NULL. */
static GVariant *
find_latest (GPtrArray    *records,
             WmRecordKind  kind)
{
  WmRecord *latest = NULL;

  for (guint i = 0; i < records->len; i++)
    {
      WmRecord *record = g_ptr_array_index (records, i);

      if (record->kind == kind && record->payload != NULL
          && (latest == NULL || record->written_usec > latest->written_usec))
        latest = record;
    }
  return latest != NULL ? g_variant_ref (latest->payload) : NULL;
}

/* The current profile of @case_id, for the checks of another record, and
 * optionally the case's latest closure. */
static GVariant *
read_profile (WmSession  *session,
              gint64      case_id,
              GVariant  **out_closure,
              GError    **error)
{
  g_autoptr(GPtrArray) records = wm_session_open_case (session, case_id, error);
  GVariant *profile;

  if (records == NULL)
    return NULL;
  profile = find_latest (records, WM_RECORD_PROFILE);
  if (profile == NULL)
    {
      g_set_error_literal (error, WM_CORE_ERROR, WM_CORE_ERROR_MISSING,
                           _("The young person’s profile could not be read. Run “waymark-cli verify” and "
                             "tell your administrator what it reports."));
      return NULL;
    }
  if (out_closure != NULL)
    *out_closure = find_latest (records, WM_RECORD_CLOSURE);
  return profile;
}

/**
 * wm_casebook_create_person:
 * @first_records: (nullable): "a(ua{sv}b)", as for
 *   wm_session_create_case_with_records()
 *
 * Checks the profile and every first record, then creates the case whole.
 * Returns: the new case's id, or 0 with @error set; nothing is written
 *   unless every record passes.
 */
gint64
wm_casebook_create_person (WmSession     *session,
                           gint64         caseworker_id,
                           GVariant      *profile,
                           GVariant      *first_records,
                           const GDate   *today,
                           GError       **error)
{
  g_autoptr(GVariant) records = NULL;

  g_return_val_if_fail (WM_IS_SESSION (session), 0);
  g_return_val_if_fail (profile != NULL, 0);

  /* Taken as a floating reference from a builder, as the store takes it. */
  if (first_records != NULL)
    records = g_variant_ref_sink (first_records);
  if (!wm_casebook_check_record (WM_RECORD_PROFILE, profile, NULL, today, error))
    return 0;
  if (first_records != NULL && g_variant_is_of_type (first_records, G_VARIANT_TYPE ("a(ua{sv}b)")))
    {
      GVariantIter iter;
      GVariant *payload;
      guint32 kind;

      g_variant_iter_init (&iter, records);
      while (g_variant_iter_next (&iter, "(u@a{sv}b)", &kind, &payload, NULL))
        {
          gboolean valid = wm_casebook_check_record (kind, payload, profile, today, error);

          g_variant_unref (payload);
          if (!valid)
            return 0;
        }
    }
  {
    g_autoptr(GVariant) closure = NULL;
    const char *status = wm_person_get_status (profile);

    if (records != NULL && g_variant_is_of_type (records, G_VARIANT_TYPE ("a(ua{sv}b)")))
      {
        GVariantIter iter;
        GVariant *payload;
        guint32 kind;

        g_variant_iter_init (&iter, records);
        while (g_variant_iter_next (&iter, "(u@a{sv}b)", &kind, &payload, NULL))
          {
            if (kind == WM_RECORD_CLOSURE)
              {
                g_clear_pointer (&closure, g_variant_unref);
                closure = g_variant_ref (payload);
              }
            g_variant_unref (payload);
          }
      }
    if (status != NULL && !wm_person_check_status_change (NULL, status, closure, error))
      return 0;
  }
  /* A list of another type is the store's to refuse, with its message. */
  return wm_session_create_case_with_records (session, caseworker_id, profile, records, error);
}

/**
 * wm_casebook_create_people:
 * @profiles: (element-type GVariant): one profile per young person
 * @out_case_ids: (out) (optional): the new ids, in order
 *
 * Checks every profile, then creates all the cases in one transaction: an
 * import is written whole or not at all. The first profile that fails its
 * checks is named by its position, counted from 1.
 */
gboolean
wm_casebook_create_people (WmSession     *session,
                           gint64         caseworker_id,
                           GPtrArray     *profiles,
                           const GDate   *today,
                           GArray       **out_case_ids,
                           GError       **error)
{
  g_return_val_if_fail (WM_IS_SESSION (session), FALSE);
  g_return_val_if_fail (profiles != NULL, FALSE);

  for (guint i = 0; i < profiles->len; i++)
    {
      if (!wm_casebook_check_record (WM_RECORD_PROFILE, g_ptr_array_index (profiles, i), NULL, today, error))
        {
          /* Translators: %u counts the young people of an import from 1;
           * what is wrong follows. */
          g_prefix_error (error, _("Young person %u: "), i + 1);
          return FALSE;
        }
    }
  return wm_session_create_cases (session, caseworker_id, profiles, out_case_ids, error);
}

/**
 * wm_casebook_add_record:
 *
 * Checks and adds a record to a case. A profile is made with its case
 * (wm_casebook_create_person()) and changed with
 * wm_casebook_update_record().
 */
gint64
wm_casebook_add_record (WmSession     *session,
                        gint64         case_id,
                        WmRecordKind   kind,
                        GVariant      *payload,
                        const GDate   *today,
                        GError       **error)
{
  g_autoptr(GVariant) profile = NULL;

  g_return_val_if_fail (WM_IS_SESSION (session), 0);
  g_return_val_if_fail (payload != NULL, 0);

  if (kind == WM_RECORD_ASSESSMENT && (profile = read_profile (session, case_id, NULL, error)) == NULL)
    return 0;
  if (!wm_casebook_check_record (kind, payload, profile, today, error))
    return 0;
  return wm_session_add_record (session, case_id, kind, payload, error);
}

/**
 * wm_casebook_update_record:
 *
 * Checks and writes a new version of a record; the kind is the record's
 * own, read from its current version.
 * Returns: the new version number, or 0 with @error set.
 */
guint
wm_casebook_update_record (WmSession     *session,
                           gint64         record_id,
                           GVariant      *payload,
                           const GDate   *today,
                           GError       **error)
{
  g_autoptr(WmRecord) current = NULL;
  g_autoptr(GVariant) profile = NULL;
  g_autoptr(GVariant) closure = NULL;

  g_return_val_if_fail (WM_IS_SESSION (session), 0);
  g_return_val_if_fail (payload != NULL, 0);

  current = wm_session_read_record (session, record_id, 0, error);
  if (current == NULL)
    return 0;
  if ((current->kind == WM_RECORD_ASSESSMENT || current->kind == WM_RECORD_PROFILE)
      && (profile = read_profile (session, current->case_id, &closure, error)) == NULL)
    return 0;
  if (!wm_casebook_check_record (current->kind, payload, profile, today, error))
    return 0;
  if (current->kind == WM_RECORD_PROFILE
      && !wm_person_check_status_change (wm_person_get_status (current->payload),
                                         wm_person_get_status (payload), closure, error))
    return 0;
  return wm_session_update_record (session, record_id, payload, error);
}
