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
                " 'note': <'Met at the youth centre.'>}", -1, NULL);
  assert_check (wm_contact_check, "{'date': <'2026-02-10'>, 'with': <'young-person'>}",
                WM_CORE_ERROR_MISSING, "“Kind of contact”");
  assert_check (wm_contact_check, "{'date': <'2026-02-30'>, 'method': <'phone'>, 'with': <'school'>}",
                WM_CORE_ERROR_INVALID_DATE, "“Date of contact”");
  assert_check (wm_contact_check, "{'date': <'2026-02-10'>, 'method': <'carrier-pigeon'>, 'with': <'school'>}",
                WM_CORE_ERROR_UNKNOWN_VALUE, "face-to-face");
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
  /* Sent with consent: the date consent was given is needed. */
  assert_check (wm_referral_check,
                "{'service': <'camhs'>, 'state': <'sent'>, 'reason': <'Low mood.'>, 'urgency': <'soon'>,"
                " 'sections': <['profile']>, 'lawful-basis': <'consent'>, 'sent-on': <'2026-02-01'>}",
                WM_CORE_ERROR_MISSING, "“Date consent was given”");
  assert_check (wm_referral_check,
                "{'service': <'camhs'>, 'state': <'sent'>, 'reason': <'Low mood.'>, 'urgency': <'soon'>,"
                " 'sections': <['profile']>, 'lawful-basis': <'consent'>, 'consent-on': <'2026-01-30'>,"
                " 'sent-on': <'2026-02-01'>}",
                -1, NULL);
  /* Without consent, the reason is needed. */
  assert_check (wm_referral_check,
                "{'service': <'youth-justice-service'>, 'state': <'accepted'>, 'reason': <'Risk.'>,"
                " 'urgency': <'urgent'>, 'sections': <['profile']>, 'lawful-basis': <'safeguarding'>,"
                " 'sent-on': <'2026-02-01'>}",
                WM_CORE_ERROR_MISSING, "“Why it is shared without consent”");
  /* A draft need not say yet. */
  assert_check (wm_referral_check, "{'service': <'housing'>, 'state': <'draft'>}", -1, NULL);
}

static void
test_closure (void)
{
  assert_check (wm_closure_check, "{'closed-on': <'2026-02-01'>, 'reason': <'completed'>, 'outcome': <'goals-met'>}",
                -1, NULL);
  assert_check (wm_closure_check, "{'closed-on': <'2026-02-01'>}", WM_CORE_ERROR_MISSING, "“Reason”");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/casework/contact", test_contact);
  g_test_add_func ("/core/casework/plan", test_plan);
  g_test_add_func ("/core/casework/referral", test_referral);
  g_test_add_func ("/core/casework/closure", test_closure);

  return g_test_run ();
}
