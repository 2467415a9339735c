/* wm-cli-reviews.c — "reviews" and "reviews set": the organisation's review intervals
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The weeks from an assessment to the review it proposes, by the highest
 * risk judged (app/core/wm-review-intervals.c). Anyone signed in reads
 * them; an administrator sets them for the whole organisation, as
 * Preferences → Reviews does in the window.
 */

#define G_LOG_DOMAIN "wm-cli"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "wm-assessment.h"
#include "wm-cli.h"
#include "wm-review-intervals.h"
#include "wm-term.h"

/* One line a level, highest first: "very-high<TAB>4". Ids, not labels:
 * scripts match them, and "reviews set" takes them. */
static void
print_intervals (const WmReviewIntervals *intervals)
{
  for (int level = WM_N_REVIEW_LEVELS - 1; level >= 0; level--)
    wm_cli_print ("%s\t%u\n", wm_risk_levels[level].id, intervals->weeks[level]);
}

gboolean
wm_cli_reviews_run (WmCli       *cli,
                    WmSession   *session,
                    char       **args,
                    GError     **error)
{
  WmReviewIntervals intervals;

  if (!wm_review_intervals_load (&intervals, session, error))
    return FALSE;
  print_intervals (&intervals);
  return TRUE;
}

/* "LEVEL=WEEKS": the level's index in wm_risk_levels and the weeks. */
static gboolean
parse_change (const char  *arg,
              int         *out_level,
              guint       *out_weeks,
              GError     **error)
{
  g_auto(GStrv) parts = g_strsplit (arg, "=", 2);
  guint64 weeks;

  *out_level = g_strv_length (parts) == 2 ? wm_term_index (wm_risk_levels, parts[0]) : -1;
  if (*out_level < 0)
    {
      g_set_error (error, WM_CLI_ERROR, WM_CLI_ERROR_USAGE,
                   _("“%s” is not LEVEL=WEEKS. The levels are very-high, high, medium and low; "
                     "for example “high=6”."), arg);
      return FALSE;
    }
  if (!g_ascii_string_to_unsigned (parts[1], 10, WM_REVIEW_WEEKS_MIN, WM_REVIEW_WEEKS_MAX, &weeks, NULL))
    {
      g_set_error (error, WM_CLI_ERROR, WM_CLI_ERROR_USAGE,
                   _("“%s”: a review interval is a whole number of weeks from %d to %d."),
                   arg, WM_REVIEW_WEEKS_MIN, WM_REVIEW_WEEKS_MAX);
      return FALSE;
    }
  *out_weeks = weeks;
  return TRUE;
}

/* A mistyped level or number costs nothing: checked before the prompt. */
WmCliNext
wm_cli_reviews_set_check (WmCli    *cli,
                          char    **args,
                          GError  **error)
{
  for (guint i = 0; args[i] != NULL; i++)
    {
      int level;
      guint weeks;

      if (!parse_change (args[i], &level, &weeks, error))
        return WM_CLI_FAILED;
    }
  return WM_CLI_GO_ON;
}

gboolean
wm_cli_reviews_set_run (WmCli       *cli,
                        WmSession   *session,
                        char       **args,
                        GError     **error)
{
  WmReviewIntervals intervals;

  if (!wm_review_intervals_load (&intervals, session, error))
    return FALSE;
  for (guint i = 0; args[i] != NULL; i++)
    {
      int level;
      guint weeks;

      if (!parse_change (args[i], &level, &weeks, error))
        return FALSE;
      intervals.weeks[level] = weeks;
    }
  if (!wm_review_intervals_save (&intervals, session, error))
    return FALSE;
  print_intervals (&intervals);
  return TRUE;
}
