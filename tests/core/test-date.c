/* test-date.c — ISO 8601 dates and ages in whole years
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-date"

#include "config.h"

#include <string.h>

#include <glib.h>

#include "wm-date.h"

static void
set_date (GDate      *date,
          const char *iso)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (wm_date_parse_iso (iso, date, &error));
  g_assert_no_error (error);
}

static void
test_parse_valid (void)
{
  const char *dates[] = { "2011-04-23", "2024-02-29", "2000-02-29", "1999-12-31", "2011-01-01" };

  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    {
      g_autofree char *again = NULL;
      GDate date;

      set_date (&date, dates[i]);
      again = wm_date_format_iso (&date);
      g_assert_cmpstr (again, ==, dates[i]);
    }
}

static void
test_parse_impossible (void)
{
  /* Each of these would roll over into a real date in a lax parser, and a
   * child's age would silently change with it. */
  const char *dates[] = {
    "2011-02-30", "2023-02-29", "1900-02-29", "2011-04-31", "2011-13-01", "2011-00-10", "2011-01-00",
    "2011-01-32", "0000-01-01",
  };

  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    {
      g_autoptr(GError) error = NULL;
      GDate date;

      g_assert_false (wm_date_parse_iso (dates[i], &date, &error));
      g_assert_error (error, WM_CORE_ERROR, WM_CORE_ERROR_INVALID_DATE);
      g_assert_false (g_date_valid (&date));
      /* The message says what to check without repeating the date, which
       * may be a child's date of birth on its way to a log. */
      g_assert_null (strstr (error->message, dates[i]));
      g_assert_null (strstr (error->message, dates[i] + 5));
    }
}

static void
test_parse_malformed (void)
{
  const char *texts[] = {
    "", "2011-2-3", "11-02-03", " 2011-02-03", "2011-02-03 ", "2011/02/03", "03-02-2011",
    "2011-02-03T10:00", "２０１１-02-03", "+2011-02-03", "20110203", "2011-0a-03",
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(GError) error = NULL;
      GDate date;

      g_assert_false (wm_date_parse_iso (texts[i], &date, &error));
      g_assert_error (error, WM_CORE_ERROR, WM_CORE_ERROR_INVALID_DATE);
      g_assert_nonnull (strstr (error->message, "YYYY-MM-DD"));
    }
}

static void
test_february_message (void)
{
  g_autoptr(GError) error = NULL;
  GDate date;

  g_assert_false (wm_date_parse_iso ("2011-02-30", &date, &error));
  g_assert_nonnull (strstr (error->message, "28 days"));
  g_clear_error (&error);
  g_assert_false (wm_date_parse_iso ("2024-02-30", &date, &error));
  g_assert_nonnull (strstr (error->message, "29 days"));
}

static guint
age_on (const char *birth,
        const char *today)
{
  g_autoptr(GError) error = NULL;
  GDate day;
  guint years = 999;

  set_date (&day, today);
  g_assert_true (wm_date_age_from_iso (birth, &day, &years, &error));
  g_assert_no_error (error);
  return years;
}

static void
test_age (void)
{
  g_assert_cmpuint (age_on ("2011-04-23", "2026-04-23"), ==, 15);
  g_assert_cmpuint (age_on ("2011-04-23", "2026-04-22"), ==, 14);
  g_assert_cmpuint (age_on ("2011-04-23", "2026-12-31"), ==, 15);
  g_assert_cmpuint (age_on ("2011-12-31", "2026-01-01"), ==, 14);
  g_assert_cmpuint (age_on ("2026-03-01", "2026-03-01"), ==, 0);

  /* Born on 29 February: a year older on 1 March in a common year, on
   * 29 February in a leap year. */
  g_assert_cmpuint (age_on ("2008-02-29", "2026-02-28"), ==, 17);
  g_assert_cmpuint (age_on ("2008-02-29", "2026-03-01"), ==, 18);
  g_assert_cmpuint (age_on ("2008-02-29", "2028-02-28"), ==, 19);
  g_assert_cmpuint (age_on ("2008-02-29", "2028-02-29"), ==, 20);
}

static void
test_age_errors (void)
{
  g_autoptr(GError) error = NULL;
  GDate today;
  guint years = 7;

  set_date (&today, "2026-03-01");
  g_assert_false (wm_date_age_from_iso ("2026-03-02", &today, &years, &error));
  g_assert_error (error, WM_CORE_ERROR, WM_CORE_ERROR_FUTURE_DATE);
  g_assert_cmpuint (years, ==, 7);
  g_clear_error (&error);

  g_assert_false (wm_date_age_from_iso ("2011-02-30", &today, &years, &error));
  g_assert_error (error, WM_CORE_ERROR, WM_CORE_ERROR_INVALID_DATE);
  g_clear_error (&error);

  g_assert_false (wm_date_age_from_iso (NULL, &today, &years, &error));
  g_assert_error (error, WM_CORE_ERROR, WM_CORE_ERROR_INVALID_DATE);
}

static void
test_today (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  GDate today;

  wm_date_set_today (&today);
  g_assert_true (g_date_valid (&today));
  /* Allow for the test running across midnight. */
  g_assert_cmpint (ABS ((int) g_date_get_year (&today) - g_date_time_get_year (now)), <=, 1);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/date/parse-valid", test_parse_valid);
  g_test_add_func ("/core/date/parse-impossible", test_parse_impossible);
  g_test_add_func ("/core/date/parse-malformed", test_parse_malformed);
  g_test_add_func ("/core/date/february-message", test_february_message);
  g_test_add_func ("/core/date/age", test_age);
  g_test_add_func ("/core/date/age-errors", test_age_errors);
  g_test_add_func ("/core/date/today", test_today);

  return g_test_run ();
}
