/* wm-cli-instrument.c — "instrument check" and "instrument score": authoring definitions
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An organisation that holds a licence for an instrument writes its own
 * definition (data/instruments/README.md). These commands let it see what
 * Waymark will make of the file before anyone is assessed with it: "check"
 * runs the loader, which names the file, the item and the fault; "score"
 * scores a hand-written answer set and prints the domain scores, the
 * bands and suggested levels, and the constraints that hold. Neither signs
 * in nor opens a database: a definition holds no one's data.
 */

#define G_LOG_DOMAIN "wm-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "wm-cli.h"
#include "wm-instrument.h"
#include "wm-instrument-score.h"

static int age_years = WM_INSTRUMENT_AGE_UNKNOWN;

const GOptionEntry wm_cli_instrument_score_options[] = {
  { "age", 0, 0, G_OPTION_ARG_INT, &age_years,
    N_("The young person’s age in years, for constraints that depend on it"), N_("N") },
  { NULL }
};

static void
print_summary (WmInstrument *instrument)
{
  /* Translators: a file, an instrument's id and version, and counts of its parts. */
  wm_cli_print (_("%s: “%s” version %u is valid: sections %u, items %u, domains %u, judgements %u, "
                  "constraints %u.\n"),
                wm_instrument_get_file (instrument), wm_instrument_get_id (instrument),
                wm_instrument_get_version (instrument),
                wm_instrument_get_sections (instrument)->len, wm_instrument_get_items (instrument)->len,
                wm_instrument_get_domains (instrument)->len, wm_instrument_get_judgements (instrument)->len,
                wm_instrument_get_constraints (instrument)->len);
}

gboolean
wm_cli_instrument_check_run (WmCli       *cli,
                             WmSession   *session,
                             char       **args,
                             GError     **error)
{
  guint n_files = g_strv_length (args);
  guint n_bad = 0;

  for (guint i = 0; i < n_files; i++)
    {
      g_autoptr(GError) local_error = NULL;
      g_autoptr(WmInstrument) instrument = wm_instrument_new_from_file (args[i], &local_error);

      if (instrument != NULL)
        {
          print_summary (instrument);
          continue;
        }
      if (n_files == 1)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      g_printerr ("waymark-cli: %s\n", local_error->message);
      n_bad++;
    }

  if (n_bad > 0)
    {
      g_set_error (error, WM_CLI_ERROR, WM_CLI_ERROR_FAILED,
                   g_dngettext (GETTEXT_PACKAGE,
                                "%u of the %u files is not a valid definition. Correct it and check again.",
                                "%u of the %u files are not valid definitions. Correct them and check again.",
                                n_bad),
                   n_bad, n_files);
      return FALSE;
    }
  return TRUE;
}

static void
print_score (WmInstrument      *instrument,
             WmInstrumentScore *score)
{
  wm_cli_print ("%s (%s %u)\n", wm_instrument_get_title (instrument),
                wm_instrument_get_id (instrument), wm_instrument_get_version (instrument));
  /* Translators: answered required items, all required items, answers of “not known”. */
  wm_cli_print (_("Answered: %u of %u required items; %u answered “not known”.\n"),
                score->n_answered, score->n_required, score->n_not_known);
  for (guint i = 0; i < score->missing->len; i++)
    {
      const WmInstrumentItem *item = g_ptr_array_index (score->missing, i);

      wm_cli_print (_("  Not answered: %s (%s)\n"), wm_instrument_gettext (instrument, item->label), item->id);
    }

  if (score->domains->len > 0)
    wm_cli_print ("%s\n", _("Domain scores:"));
  for (guint i = 0; i < score->domains->len; i++)
    {
      const WmDomainScore *domain = &g_array_index (score->domains, WmDomainScore, i);

      wm_cli_print ("  %s (%s): %d", wm_instrument_gettext (instrument, domain->domain->label),
                    domain->domain->id, domain->score);
      if (domain->band != NULL)
        {
          wm_cli_print (" — %s", wm_instrument_gettext (instrument, domain->band->label));
          if (domain->band->level != NULL)
            /* Translators: %s is the id of a level, such as “moderate”. */
            wm_cli_print (_(", suggests %s"), domain->band->level);
          if (domain->band->flag)
            wm_cli_print (" %s", _("[flagged]"));
        }
      wm_cli_print ("\n");
      if (domain->domain->note != NULL)
        wm_cli_print ("    %s\n", wm_instrument_gettext (instrument, domain->domain->note));
    }

  if (score->suggestions->len > 0)
    wm_cli_print ("%s\n", _("Judgements:"));
  for (guint i = 0; i < score->suggestions->len; i++)
    {
      const WmJudgementSuggestion *suggestion = &g_array_index (score->suggestions, WmJudgementSuggestion, i);

      wm_cli_print ("  %s (%s): ", wm_instrument_gettext (instrument, suggestion->judgement->label),
                    suggestion->judgement->id);
      if (suggestion->suggested != NULL)
        wm_cli_print (_("suggested %s"), suggestion->suggested);
      else
        wm_cli_print ("%s", _("no suggestion: the caseworker decides"));
      if (suggestion->floor != NULL)
        wm_cli_print (_("; not below %s"), suggestion->floor);
      wm_cli_print ("\n");
    }

  if (score->fired->len > 0)
    wm_cli_print ("%s\n", _("Constraints that hold:"));
  for (guint i = 0; i < score->fired->len; i++)
    {
      const WmInstrumentConstraint *constraint = g_ptr_array_index (score->fired, i);

      wm_cli_print ("  %s: %s\n", constraint->id, wm_instrument_gettext (instrument, constraint->message));
    }
}

gboolean
wm_cli_instrument_score_run (WmCli       *cli,
                             WmSession   *session,
                             char       **args,
                             GError     **error)
{
  g_autoptr(WmInstrument) instrument = NULL;
  g_autoptr(WmInstrumentScore) score = NULL;
  g_autoptr(GVariant) answers = NULL;
  g_autoptr(GError) read_error = NULL;
  g_autofree char *json = NULL;

  instrument = wm_instrument_new_from_file (args[0], error);
  if (instrument == NULL)
    return FALSE;
  if (!g_file_get_contents (args[1], &json, NULL, &read_error))
    {
      g_set_error (error, WM_CLI_ERROR, WM_CLI_ERROR_FAILED,
                   _("%s: the file cannot be read (%s). Check the name and its permissions."),
                   args[1], read_error->message);
      return FALSE;
    }
  answers = wm_instrument_answers_from_json (instrument, json, error);
  if (answers == NULL)
    {
      g_prefix_error (error, "%s: ", args[1]);
      return FALSE;
    }
  score = wm_instrument_score (instrument, answers, age_years);
  print_score (instrument, score);
  return TRUE;
}
