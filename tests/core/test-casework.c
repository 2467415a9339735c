/* test-casework.c — contacts, plans, referrals and closures
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-casework"

#include "config.h"

#include <string.h>

#include <glib.h>

#include "wm-casework.h"
#include "wm-date.h"
#include "wm-payload.h"

typedef gboolean (*CheckFunc) (GVariant *payload, GError **error);

static void
assert_check (CheckFunc   check,
              const char *text,
              gint        code,
              const char *in_message)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) payload = g_variant_parse (NULL, text, NULL, NULL, &error);

  g_assert_no_error (error);
  if (code < 0)
    {
      g_assert_true (check (payload, &error));
      g_assert_no_error (error);
      return;
    }
  g_assert_false (check (payload, &error));
  g_assert_error (error, WM_CORE_ERROR, code);
  g_assert_nonnull (strstr (error->message, in_message));
}

static void
test_contact (void)
{
  assert_check (wm_contact_check,
                "{'date': <'2026-02-10'>, 'method': <'face-to-face'>, 'with': <'young-person'>,"
                " 'duration-minutes': <uint32 45>, 'note': <'Met at the youth centre.'>}", -1, NULL);
  /* Who it was with may be left out: the young person. */
  assert_check (wm_contact_check, "{'date': <'2026-02-10'>, 'method': <'phone'>}", -1, NULL);
  assert_check (wm_contact_check, "{'date': <'2026-02-10'>, 'with': <'young-person'>}",
                WM_CORE_ERROR_MISSING, "“Kind of contact”");
  assert_check (wm_contact_check, "{'date': <'2026-02-30'>, 'method': <'phone'>, 'with': <'school'>}",
                WM_CORE_ERROR_INVALID_DATE, "“Date of contact”");
  assert_check (wm_contact_check, "{'date': <'2026-02-10'>, 'method': <'carrier-pigeon'>, 'with': <'school'>}",
                WM_CORE_ERROR_UNKNOWN_VALUE, "face-to-face, phone, video, text-message, missed-appointment, "
                "activity-attended");
  assert_check (wm_contact_check, "{'date': <'2026-02-10'>, 'method': <'phone'>, 'with': <'neighbour'>}",
                WM_CORE_ERROR_UNKNOWN_VALUE, "“Contact with”");
}

static void
test_contact_methods (void)
{
  const char *methods[] = { "face-to-face", "phone", "video", "text-message", "missed-appointment",
                            "activity-attended" };
  const char *old[][2] = { { "home-visit", "face-to-face" }, { "message", "text-message" },
                           { "email", "text-message" }, { "letter", "text-message" },
                           { "text", "text-message" } };

  g_assert_cmpuint (wm_term_count (wm_contact_methods), ==, G_N_ELEMENTS (methods));
  for (guint i = 0; i < G_N_ELEMENTS (methods); i++)
    g_assert_cmpstr (wm_contact_methods[i].id, ==, methods[i]);
  g_assert_cmpstr (wm_term_get_label (wm_contact_methods, WM_CONTACT_METHOD_MISSED), ==, "Missed appointment");

  /* Contacts of demo databases made before the methods changed still
   * pass, and an upgrade gives the form the new id. */
  for (guint i = 0; i < G_N_ELEMENTS (old); i++)
    {
      g_autofree char *text = g_strdup_printf ("{'date': <'2026-02-10'>, 'method': <'%s'>, 'with': <'school'>}",
                                               old[i][0]);
      g_autoptr(GVariant) contact = g_variant_parse (NULL, text, NULL, NULL, NULL);
      g_autoptr(GVariant) upgraded = NULL;
      g_autoptr(GError) error = NULL;

      g_assert_cmpstr (wm_term_alias_resolve (wm_contact_method_aliases, old[i][0]), ==, old[i][1]);
      g_assert_true (wm_contact_check (contact, &error));
      g_assert_no_error (error);
      upgraded = wm_contact_upgrade (contact);
      g_assert_cmpstr (wm_payload_get_string (upgraded, WM_CONTACT_METHOD), ==, old[i][1]);
      g_assert_cmpstr (wm_payload_get_string (upgraded, WM_CONTACT_WITH), ==, "school");
      g_assert_cmpstr (wm_payload_get_string (contact, WM_CONTACT_METHOD), ==, old[i][0]);
    }

  {
    g_autoptr(GVariant) current = g_variant_parse (NULL, "{'method': <'video'>}", NULL, NULL, NULL);
    g_autoptr(GVariant) same = wm_contact_upgrade (current);

    g_assert_true (same == current);
  }
}

static void
test_contact_duration (void)
{
  assert_check (wm_contact_check, "{'date': <'2026-02-10'>, 'method': <'activity-attended'>,"
                " 'duration-minutes': <uint32 1440>}", -1, NULL);
  assert_check (wm_contact_check, "{'date': <'2026-02-10'>, 'method': <'missed-appointment'>,"
                " 'duration-minutes': <uint32 0>}", -1, NULL);
  assert_check (wm_contact_check, "{'date': <'2026-02-10'>, 'method': <'face-to-face'>,"
                " 'duration-minutes': <uint32 1441>}", WM_CORE_ERROR_CONSTRAINT, "1440");
  assert_check (wm_contact_check, "{'date': <'2026-02-10'>, 'method': <'phone'>,"
                " 'duration-minutes': <uint32 0>}", WM_CORE_ERROR_CONSTRAINT, "missed appointment");
  assert_check (wm_contact_check, "{'date': <'2026-02-10'>, 'method': <'phone'>,"
                " 'duration-minutes': <-5>}", WM_CORE_ERROR_WRONG_TYPE, "“u”");
}

static gboolean
check_as_of_first_march (GVariant  *contact,
                         GError   **error)
{
  GDate today;

  g_assert_true (wm_date_parse_iso ("2026-03-01", &today, NULL));
  return wm_contact_check_as_of (contact, &today, error);
}

static void
test_contact_as_of (void)
{
  assert_check (check_as_of_first_march, "{'date': <'2026-03-01'>, 'method': <'video'>,"
                " 'duration-minutes': <uint32 30>}", -1, NULL);
  assert_check (check_as_of_first_march, "{'date': <'2026-03-02'>, 'method': <'video'>,"
                " 'duration-minutes': <uint32 30>}", WM_CORE_ERROR_FUTURE_DATE, "after today");
  /* A contact written now says how long it took; an old one need not. */
  assert_check (check_as_of_first_march, "{'date': <'2026-02-10'>, 'method': <'video'>}",
                WM_CORE_ERROR_MISSING, "is missing");
  assert_check (wm_contact_check, "{'date': <'2026-02-10'>, 'method': <'video'>}", -1, NULL);
  /* Everything wm_contact_check() asks still holds. */
  assert_check (check_as_of_first_march, "{'date': <'2026-02-10'>, 'method': <'fax'>,"
                " 'duration-minutes': <uint32 30>}", WM_CORE_ERROR_UNKNOWN_VALUE, "fax");
}

static GVariant *
contact_with_note (char *note)
{
  GVariantDict dict;

  g_variant_dict_init (&dict, NULL);
  g_variant_dict_insert (&dict, WM_CONTACT_DATE, "s", "2026-02-10");
  g_variant_dict_insert (&dict, WM_CONTACT_METHOD, "s", "face-to-face");
  g_variant_dict_insert (&dict, WM_CONTACT_DURATION, "u", 60);
  g_variant_dict_insert_value (&dict, WM_CONTACT_NOTE, g_variant_new_take_string (note));
  return g_variant_ref_sink (g_variant_dict_end (&dict));
}

static void
test_contact_note_length (void)
{
  g_autoptr(GString) longest = g_string_new (NULL);
  g_autoptr(GString) too_long = NULL;
  g_autoptr(GVariant) at_limit = NULL;
  g_autoptr(GVariant) over_limit = NULL;
  g_autoptr(GVariant) huge = NULL;
  g_autoptr(GError) error = NULL;
  gsize ten_megabytes = 10 * 1024 * 1024;
  char *text;
  gint64 started;
  GDate today;

  g_assert_true (wm_date_parse_iso ("2026-03-01", &today, NULL));

  /* The limit counts characters, not bytes: ŵ takes two. */
  for (guint i = 0; i < WM_NOTE_MAX_CHARACTERS; i++)
    g_string_append (longest, "ŵ");
  too_long = g_string_new (longest->str);
  g_string_append_c (too_long, '.');

  at_limit = contact_with_note (g_strdup (longest->str));
  g_assert_true (wm_contact_check_as_of (at_limit, &today, &error));
  g_assert_no_error (error);

  over_limit = contact_with_note (g_strdup (too_long->str));
  g_assert_false (wm_contact_check (over_limit, &error));
  g_assert_error (error, WM_CORE_ERROR, WM_CORE_ERROR_CONSTRAINT);
  g_assert_nonnull (strstr (error->message, "“Note”"));
  g_assert_nonnull (strstr (error->message, "at most 100000 characters"));
  g_clear_error (&error);

  /* 10 MB, as a paste of a whole document would be: refused with the
   * same message, at once. */
  text = g_malloc (ten_megabytes + 1);
  memset (text, 'a', ten_megabytes);
  text[ten_megabytes] = '\0';
  huge = contact_with_note (text);
  started = g_get_monotonic_time ();
  g_assert_false (wm_contact_check_as_of (huge, &today, &error));
  g_assert_error (error, WM_CORE_ERROR, WM_CORE_ERROR_CONSTRAINT);
  g_assert_nonnull (strstr (error->message, "Shorten it"));
  g_assert_cmpint (g_get_monotonic_time () - started, <, G_USEC_PER_SEC);
}

static void
test_plan (void)
{
  assert_check (wm_plan_check,
                "{'agreed-on': <'2026-01-20'>, 'goals': <['Get attendance above 90%']>, 'review-on': <'2026-04-20'>}",
                -1, NULL);
  assert_check (wm_plan_check, "{'agreed-on': <'2026-01-20'>, 'goals': <@as []>}",
                WM_CORE_ERROR_MISSING, "goal");
  assert_check (wm_plan_check, "{'agreed-on': <'2026-01-20'>, 'goals': <'one goal'>}",
                WM_CORE_ERROR_WRONG_TYPE, "“Goals”");
}

static void
test_referral (void)
{
  g_autofree char *basis_reason = g_strdup_printf ("“%s”", wm_payload_get_field_label (WM_REFERRAL_BASIS_REASON));
  g_autofree char *not_told_reason = g_strdup_printf ("“%s”",
                                                      wm_payload_get_field_label (WM_REFERRAL_NOT_TOLD_REASON));

  /* As wm_referral_export() writes one: basis, condition, who was told,
   * and the written reason. */
  assert_check (wm_referral_check,
                "{'service': <'camhs'>, 'partner-id': <int64 3>, 'state': <'sent'>, 'reason': <'Low mood.'>,"
                " 'urgency': <'soon'>, 'sections': <['basic-details', 'risk-summary']>,"
                " 'lawful-basis': <'public-task'>, 'schedule-1-condition': <'health-social-care'>,"
                " 'informed': <'agreed'>, 'informed-who': <'The young person'>, 'informed-on': <'2026-01-30'>,"
                " 'competence': <'gillick-competent'>, 'basis-reason': <'Needs support.'>,"
                " 'sent-on': <'2026-02-01'>, 'outcome': <''>}",
                -1, NULL);
  /* Without the written reason, it is not complete. */
  assert_check (wm_referral_check,
                "{'service': <'camhs'>, 'state': <'sent'>, 'reason': <'Low mood.'>, 'urgency': <'soon'>,"
                " 'sections': <['basic-details']>, 'lawful-basis': <'public-task'>, 'informed': <'agreed'>,"
                " 'informed-who': <'The young person'>, 'sent-on': <'2026-02-01'>}",
                WM_CORE_ERROR_MISSING, basis_reason);
  /* Not told: why not. */
  assert_check (wm_referral_check,
                "{'service': <'childrens-social-care'>, 'state': <'sent'>, 'reason': <'Risk.'>,"
                " 'urgency': <'urgent'>, 'sections': <['basic-details']>, 'lawful-basis': <'public-task'>,"
                " 'schedule-1-condition': <'safeguarding'>, 'informed': <'not-told'>,"
                " 'basis-reason': <'Risk of harm.'>, 'sent-on': <'2026-02-01'>}",
                WM_CORE_ERROR_MISSING, not_told_reason);
  assert_check (wm_referral_check,
                "{'service': <'camhs'>, 'state': <'sent'>, 'reason': <'Low mood.'>, 'urgency': <'soon'>,"
                " 'sections': <['basic-details']>, 'lawful-basis': <'because'>, 'basis-reason': <'x'>,"
                " 'sent-on': <'2026-02-01'>}",
                WM_CORE_ERROR_UNKNOWN_VALUE, wm_payload_get_field_label (WM_REFERRAL_LAWFUL_BASIS));
  /* Referrals of the first vocabulary still read: consent with its date,
   * and "safeguarding" (now the public task) with its reason. */
  assert_check (wm_referral_check,
                "{'service': <'camhs'>, 'state': <'sent'>, 'reason': <'Low mood.'>, 'urgency': <'soon'>,"
                " 'sections': <['profile']>, 'lawful-basis': <'consent'>, 'consent-on': <'2026-01-30'>,"
                " 'sent-on': <'2026-02-01'>}",
                -1, NULL);
  assert_check (wm_referral_check,
                "{'service': <'youth-justice-service'>, 'state': <'accepted'>, 'reason': <'Risk.'>,"
                " 'urgency': <'urgent'>, 'sections': <['profile']>, 'lawful-basis': <'safeguarding'>,"
                " 'basis-reason': <'Risk of exploitation.'>, 'sent-on': <'2026-02-01'>}",
                -1, NULL);
  g_assert_cmpstr (wm_term_alias_resolve (wm_lawful_basis_aliases, "safeguarding"), ==, "public-task");
  /* A draft need not say yet. */
  assert_check (wm_referral_check, "{'service': <'housing'>, 'state': <'draft'>}", -1, NULL);
}

static void
test_closure (void)
{
  assert_check (wm_closure_check, "{'closed-on': <'2026-02-01'>, 'reason': <'completed'>, 'outcome': <'goals-met'>}",
                -1, NULL);
  assert_check (wm_closure_check, "{'closed-on': <'2026-02-01'>}", WM_CORE_ERROR_MISSING, "“Reason”");
  assert_check (wm_closure_check, "{'closed-on': <'2026-02-01'>, 'reason': <'declined'>}", -1, NULL);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/casework/contact", test_contact);
  g_test_add_func ("/core/casework/contact-methods", test_contact_methods);
  g_test_add_func ("/core/casework/contact-duration", test_contact_duration);
  g_test_add_func ("/core/casework/contact-as-of", test_contact_as_of);
  g_test_add_func ("/core/casework/contact-note-length", test_contact_note_length);
  g_test_add_func ("/core/casework/plan", test_plan);
  g_test_add_func ("/core/casework/referral", test_referral);
  g_test_add_func ("/core/casework/closure", test_closure);

  return g_test_run ();
}
