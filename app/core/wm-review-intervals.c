/* wm-review-intervals.c — how soon an assessment is reviewed, set for the whole organisation
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An assessment proposes its next review some weeks ahead, by the highest
 * risk judged: very high 4 weeks, high 6, medium and low 12, unless the
 * organisation's administrators set other intervals. They are policy, the
 * same at every desk, so they live in the database as organisation
 * settings that an administrator signs (app/store/wm-org-settings.c), one
 * a level: "review-weeks-low" … "review-weeks-very-high".
 */

#define G_LOG_DOMAIN "wm-review-intervals"

#include "config.h"

#include <glib/gi18n.h>

#include "wm-assessment.h"
#include "wm-core-error.h"
#include "wm-date.h"
#include "wm-org-settings.h"
#include "wm-review-intervals.h"
#include "wm-term.h"

#define SETTING_PREFIX "review-weeks-"

G_STATIC_ASSERT (WM_N_REVIEW_LEVELS == 4);

void
wm_review_intervals_init_defaults (WmReviewIntervals *self)
{
  static const guint defaults[WM_N_REVIEW_LEVELS] = { 12, 12, 6, 4 };

  g_return_if_fail (self != NULL);

  for (guint i = 0; i < WM_N_REVIEW_LEVELS; i++)
    self->weeks[i] = defaults[i];
}

static char *
setting_name (guint level)
{
  return g_strconcat (SETTING_PREFIX, wm_risk_levels[level].id, NULL);
}

/* A whole number of weeks in range, as written by wm_review_intervals_save(). */
static gboolean
parse_weeks (const char *text,
             guint      *out_weeks)
{
  guint64 weeks;

  if (text == NULL
      || !g_ascii_string_to_unsigned (text, 10, WM_REVIEW_WEEKS_MIN, WM_REVIEW_WEEKS_MAX, &weeks, NULL))
    return FALSE;
  *out_weeks = weeks;
  return TRUE;
}

/**
 * wm_review_intervals_load:
 * @self: receives the intervals
 * @session: a signed-in session
 * @error: return location for a #GError
 *
 * The organisation's intervals: what its administrators set, and the
 * defaults for the levels they did not (or where a setting does not carry
 * an administrator's signature).
 *
 * Returns: %FALSE with @error set, and @self the defaults, when the
 *   settings could not be read
 */
gboolean
wm_review_intervals_load (WmReviewIntervals  *self,
                          WmSession          *session,
                          GError            **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (WM_IS_SESSION (session), FALSE);

  wm_review_intervals_init_defaults (self);
  for (guint i = 0; i < WM_N_REVIEW_LEVELS; i++)
    {
      g_autofree char *name = setting_name (i);
      g_autofree char *value = NULL;
      GError *local_error = NULL;

      value = wm_session_dup_org_setting (session, name, &local_error);
      if (local_error != NULL)
        {
          wm_review_intervals_init_defaults (self);
          g_propagate_error (error, local_error);
          return FALSE;
        }
      parse_weeks (value, &self->weeks[i]);
    }
  return TRUE;
}

/**
 * wm_review_intervals_save:
 * @self: the intervals, each %WM_REVIEW_WEEKS_MIN to %WM_REVIEW_WEEKS_MAX
 * @session: an administrator's session
 * @error: return location for a #GError
 *
 * Sets the organisation's intervals: each one that changed is signed and
 * audited. Only an administrator can.
 *
 * Returns: whether every interval was saved
 */
gboolean
wm_review_intervals_save (const WmReviewIntervals  *self,
                          WmSession                *session,
                          GError                  **error)
{
  WmReviewIntervals current;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (WM_IS_SESSION (session), FALSE);

  for (guint i = 0; i < WM_N_REVIEW_LEVELS; i++)
    if (self->weeks[i] < WM_REVIEW_WEEKS_MIN || self->weeks[i] > WM_REVIEW_WEEKS_MAX)
      {
        g_set_error (error, WM_CORE_ERROR, WM_CORE_ERROR_UNKNOWN_VALUE,
                     _("A review interval must be from %d to %d weeks; %u is not."),
                     WM_REVIEW_WEEKS_MIN, WM_REVIEW_WEEKS_MAX, self->weeks[i]);
        return FALSE;
      }
  if (!wm_review_intervals_load (&current, session, error))
    return FALSE;
  for (guint i = 0; i < WM_N_REVIEW_LEVELS; i++)
    {
      g_autofree char *name = setting_name (i);
      g_autofree char *value = g_strdup_printf ("%u", self->weeks[i]);

      if (current.weeks[i] != self->weeks[i] && !wm_session_set_org_setting (session, name, value, error))
        return FALSE;
    }
  return TRUE;
}

/**
 * wm_review_intervals_next_review:
 * @self: the organisation's intervals
 * @judgements: (nullable): the "judgements" a{ss} of an assessment
 * @from: the day the assessment is made
 *
 * The next review proposed by the highest risk judged (a level of
 * wm_risk_levels).
 *
 * Returns: (transfer full) (nullable): YYYY-MM-DD, or %NULL when no
 *   judgement is on the risk scale
 */
char *
wm_review_intervals_next_review (const WmReviewIntervals *self,
                                 GVariant                *judgements,
                                 const GDate             *from)
{
  GVariantIter iter;
  const char *level;
  int highest = -1;
  GDate review;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (from != NULL && g_date_valid (from), NULL);

  if (judgements == NULL)
    return NULL;
  g_variant_iter_init (&iter, judgements);
  while (g_variant_iter_next (&iter, "{&s&s}", NULL, &level))
    highest = MAX (highest, wm_term_index (wm_risk_levels, level));
  if (highest < 0)
    return NULL;
  review = *from;
  g_date_add_days (&review, self->weeks[highest] * 7);
  return wm_date_format_iso (&review);
}
