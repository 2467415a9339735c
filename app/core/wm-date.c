/* wm-date.c — calendar dates as records hold them (ISO 8601) and ages
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Records keep dates as "YYYY-MM-DD" strings rather than GDate Julian days:
 * the string is what a caseworker typed and what a partner reads, it sorts
 * correctly, and it survives a serialisation format change. Only the strict
 * calendar form is accepted (no week dates, no times, no two-digit years),
 * because a date of birth read the wrong way round changes a child's age.
 */

#define G_LOG_DOMAIN "wm-core"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "wm-date.h"

static gboolean
parse_digits (const char *text,
              guint       n_digits,
              guint      *out_value)
{
  guint value = 0;

  for (guint i = 0; i < n_digits; i++)
    {
      if (!g_ascii_isdigit (text[i]))
        return FALSE;
      value = value * 10 + (guint) (text[i] - '0');
    }
  *out_value = value;
  return TRUE;
}

/**
 * wm_date_parse_iso:
 * @text: a date as "YYYY-MM-DD"
 * @out_date: (out): the date
 * @error: return location for a #WM_CORE_ERROR_INVALID_DATE
 *
 * Parses a calendar date, rejecting any that does not exist (2011-02-30,
 * 2023-02-29) instead of rolling it over into the next month.
 *
 * Returns: %TRUE when @text is a real date
 */
gboolean
wm_date_parse_iso (const char  *text,
                   GDate       *out_date,
                   GError     **error)
{
  guint year, month, day;

  g_return_val_if_fail (out_date != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  g_date_clear (out_date, 1);

  if (text == NULL || *text == '\0')
    {
      g_set_error_literal (error, WM_CORE_ERROR, WM_CORE_ERROR_INVALID_DATE,
                           _("No date was given. Enter the date as YYYY-MM-DD, for example 2011-04-23."));
      return FALSE;
    }

  if (strlen (text) != 10 || text[4] != '-' || text[7] != '-'
      || !parse_digits (text, 4, &year)
      || !parse_digits (text + 5, 2, &month)
      || !parse_digits (text + 8, 2, &day))
    {
      g_set_error_literal (error, WM_CORE_ERROR, WM_CORE_ERROR_INVALID_DATE,
                           _("The date is not in the form YYYY-MM-DD. Enter it with a four-digit year, "
                             "for example 2011-04-23."));
      return FALSE;
    }

  if (year < 1)
    {
      g_set_error_literal (error, WM_CORE_ERROR, WM_CORE_ERROR_INVALID_DATE,
                           _("The year of the date cannot be 0000. Check the year."));
      return FALSE;
    }

  if (month < 1 || month > 12)
    {
      g_set_error_literal (error, WM_CORE_ERROR, WM_CORE_ERROR_INVALID_DATE,
                           _("The month of the date must be between 01 and 12. Check the month."));
      return FALSE;
    }

  if (day < 1 || !g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
    {
      guint days = g_date_get_days_in_month ((GDateMonth) month, (GDateYear) year);

      /* Neither the day nor the year is repeated: the date may be a
       * child's date of birth, and this message may reach a log. */
      g_set_error (error, WM_CORE_ERROR, WM_CORE_ERROR_INVALID_DATE,
                   g_dngettext (GETTEXT_PACKAGE,
                                "That date does not exist: its month has only %u day that year. "
                                "Check the day and the month.",
                                "That date does not exist: its month has only %u days that year. "
                                "Check the day and the month.",
                                days),
                   days);
      return FALSE;
    }

  g_date_set_dmy (out_date, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
  return TRUE;
}

/**
 * wm_date_format_iso:
 * @date: a valid date
 *
 * Returns: (transfer full): @date as "YYYY-MM-DD"
 */
char *
wm_date_format_iso (const GDate *date)
{
  g_return_val_if_fail (date != NULL && g_date_valid (date), NULL);

  return g_strdup_printf ("%04u-%02u-%02u",
                          (guint) g_date_get_year (date),
                          (guint) g_date_get_month (date),
                          (guint) g_date_get_day (date));
}

/**
 * wm_date_set_today:
 * @date: the date to set
 *
 * Sets @date to today in the local time zone: ages and review dates follow
 * the caseworker's calendar, not UTC's.
 */
void
wm_date_set_today (GDate *date)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  g_return_if_fail (date != NULL);

  g_date_clear (date, 1);
  g_date_set_dmy (date,
                  (GDateDay) g_date_time_get_day_of_month (now),
                  (GDateMonth) g_date_time_get_month (now),
                  (GDateYear) g_date_time_get_year (now));
}

/**
 * wm_date_age_in_years:
 * @date_of_birth: a valid date
 * @today: a valid date
 * @out_years: (out): the age in whole years on @today
 * @error: return location for a #WM_CORE_ERROR_FUTURE_DATE
 *
 * Someone born on 29 February becomes a year older on 1 March in a common
 * year, as English law counts it (Family Law Reform Act 1969, s. 9: an age
 * is reached at the start of the anniversary, and a common year has no
 * 29 February to be one).
 *
 * Returns: %TRUE unless @date_of_birth is after @today
 */
gboolean
wm_date_age_in_years (const GDate  *date_of_birth,
                      const GDate  *today,
                      guint        *out_years,
                      GError      **error)
{
  guint years;

  g_return_val_if_fail (date_of_birth != NULL && g_date_valid (date_of_birth), FALSE);
  g_return_val_if_fail (today != NULL && g_date_valid (today), FALSE);
  g_return_val_if_fail (out_years != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (g_date_compare (date_of_birth, today) > 0)
    {
      g_set_error_literal (error, WM_CORE_ERROR, WM_CORE_ERROR_FUTURE_DATE,
                           _("The date of birth is after today. Check the year."));
      return FALSE;
    }

  years = g_date_get_year (today) - g_date_get_year (date_of_birth);

  /* Comparing (month, day) pairs rather than days of the year keeps leap
   * years out of it: 28 February is before a 29 February birthday, and
   * 1 March is after it, in any year. */
  if (g_date_get_month (today) < g_date_get_month (date_of_birth)
      || (g_date_get_month (today) == g_date_get_month (date_of_birth)
          && g_date_get_day (today) < g_date_get_day (date_of_birth)))
    years--;

  *out_years = years;
  return TRUE;
}

/**
 * wm_date_age_from_iso:
 * @date_of_birth: "YYYY-MM-DD"
 * @today: a valid date
 * @out_years: (out): the age in whole years on @today
 * @error: return location for a #WM_CORE_ERROR
 *
 * Returns: %TRUE when @date_of_birth is a real date no later than @today
 */
gboolean
wm_date_age_from_iso (const char  *date_of_birth,
                      const GDate *today,
                      guint       *out_years,
                      GError     **error)
{
  GDate birth;

  if (!wm_date_parse_iso (date_of_birth, &birth, error))
    return FALSE;

  return wm_date_age_in_years (&birth, today, out_years, error);
}
