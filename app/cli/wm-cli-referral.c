/* wm-cli-referral.c — waymark-cli's partner directory and referral commands
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * "partner list" prints the verified directory for scripts; "partner seed"
 * adds the shipped generic entries (data/partners.json) to a database
 * that lacks them; "referral" writes one referral PDF through the same
 * door as the window's composer (app/core/wm-referral-export.c), which
 * refuses a missing lawful basis, a partner not in the directory or a
 * case the user cannot read before anything is written, and records
 * every referral that goes out.
 */

#define G_LOG_DOMAIN "wm-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "wm-casework.h"
#include "wm-cli.h"
#include "wm-cli-input.h"
#include "wm-date.h"
#include "wm-partners.h"
#include "wm-referral-export.h"
#include "wm-secret.h"

gboolean
wm_cli_partner_list_run (WmCli       *cli,
                         WmSession   *session,
                         char       **args,
                         GError     **error)
{
  g_autoptr(GPtrArray) partners = wm_session_list_partners (session, error);

  if (partners == NULL)
    return FALSE;
  for (guint i = 0; i < partners->len; i++)
    {
      WmPartner *partner = g_ptr_array_index (partners, i);

      /* Ids, not labels, for the service and area: scripts match them. */
      wm_cli_print ("%" G_GINT64_FORMAT "\t%s\t%s\t%s\n", partner->id, partner->name, partner->service, partner->area);
    }
  return TRUE;
}

gboolean
wm_cli_partner_seed_run (WmCli       *cli,
                         WmSession   *session,
                         char       **args,
                         GError     **error)
{
  guint added = 0;

  if (!wm_referral_seed_partners (session, args[0], &added, error))
    return FALSE;
  wm_cli_print (g_dngettext (GETTEXT_PACKAGE, "Added %u partner service to the directory.\n",
                             "Added %u partner services to the directory.\n", added), added);
  return TRUE;
}

/* The options of "referral", parsed by wm-cli.c into these. */
static gint64 partner_id;
static char *reason;
static char *urgency;
static char *requested_action;
static char *sections;
static char *basis;
static char *condition;
static char *informed;
static char *informed_who;
static char *informed_on;
static char *competence;
static char *not_told_reason;
static char *basis_reason;
static char *output;
static gboolean password_stdin;

const GOptionEntry wm_cli_referral_options[] = {
  { "partner", 0, 0, G_OPTION_ARG_INT64, &partner_id,
    N_("The partner service, by its number in “waymark-cli partner list”"), N_("ID") },
  { "reason", 0, 0, G_OPTION_ARG_STRING, &reason,
    N_("Why the young person is referred"), N_("TEXT") },
  { "urgency", 0, 0, G_OPTION_ARG_STRING, &urgency,
    N_("routine (the default), soon or urgent"), N_("URGENCY") },
  { "action", 0, 0, G_OPTION_ARG_STRING, &requested_action,
    N_("What the partner is asked to do"), N_("TEXT") },
  { "sections", 0, 0, G_OPTION_ARG_STRING, &sections,
    N_("What to share, comma-separated: basic-details, contacts, risk-summary, ace-count, ace-items, "
       "strengths, own-views, recent-contacts, plan; or all"), N_("LIST") },
  { "basis", 0, 0, G_OPTION_ARG_STRING, &basis,
    N_("The UK GDPR Article 6 basis: public-task, legal-obligation, vital-interests, "
       "legitimate-interests or consent"), N_("BASIS") },
  { "condition", 0, 0, G_OPTION_ARG_STRING, &condition,
    N_("The DPA 2018 Schedule 1 condition: safeguarding, preventing-crime, statutory-purposes, "
       "health-social-care, or none"), N_("CONDITION") },
  { "informed", 0, 0, G_OPTION_ARG_STRING, &informed,
    N_("Whether the young person and family were told: agreed, did-not-agree or not-told"), N_("ANSWER") },
  { "informed-who", 0, 0, G_OPTION_ARG_STRING, &informed_who,
    N_("Who was told"), N_("TEXT") },
  { "informed-on", 0, 0, G_OPTION_ARG_STRING, &informed_on,
    N_("When they were told"), N_("YYYY-MM-DD") },
  { "competence", 0, 0, G_OPTION_ARG_STRING, &competence,
    N_("The young person’s competence: gillick-competent, not-gillick-competent (under 16), has-capacity, "
       "lacks-capacity (16 and over) or not-assessed"), N_("COMPETENCE") },
  { "not-told-reason", 0, 0, G_OPTION_ARG_STRING, &not_told_reason,
    N_("Why they were not told"), N_("TEXT") },
  { "basis-reason", 0, 0, G_OPTION_ARG_STRING, &basis_reason,
    N_("Why sharing is necessary and proportionate"), N_("TEXT") },
  { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
    N_("The PDF file to write"), N_("FILE") },
  { "password-stdin", 0, 0, G_OPTION_ARG_NONE, &password_stdin,
    N_("Protect the PDF with a password, read as the line after the passphrase"), NULL },
  G_OPTION_ENTRY_NULL
};

/* What needs no database: a slip costs a second, not a sign-in. */
WmCliNext
wm_cli_referral_check (WmCli    *cli,
                       char    **args,
                       GError  **error)
{
  if (output == NULL || *output == '\0')
    {
      g_set_error_literal (error, WM_CLI_ERROR, WM_CLI_ERROR_USAGE,
                           _("Say where to write the referral with --output FILE.pdf."));
      return WM_CLI_FAILED;
    }
  if (partner_id <= 0)
    {
      g_set_error_literal (error, WM_CLI_ERROR, WM_CLI_ERROR_USAGE,
                           _("Choose the partner service with --partner ID; “waymark-cli partner list” "
                             "gives the numbers."));
      return WM_CLI_FAILED;
    }
  if (sections == NULL || *sections == '\0')
    {
      g_set_error_literal (error, WM_CLI_ERROR, WM_CLI_ERROR_USAGE,
                           _("Choose what to share with --sections LIST, or --sections all."));
      return WM_CLI_FAILED;
    }
  return WM_CLI_GO_ON;
}

static GStrv
parse_sections (const char *list)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) words = g_strsplit (list, ",", -1);
  g_autofree char *whole = g_strstrip (g_strdup (list));

  if (g_str_equal (whole, "all"))
    {
      for (guint i = 0; i < WM_REFERRAL_N_SECTIONS; i++)
        g_strv_builder_add (builder, wm_referral_section_to_string (i));
      return g_strv_builder_end (builder);
    }
  for (guint i = 0; words[i] != NULL; i++)
    {
      g_strstrip (words[i]);
      if (*words[i] != '\0')
        g_strv_builder_add (builder, words[i]);
    }
  return g_strv_builder_end (builder);
}

gboolean
wm_cli_referral_run (WmCli       *cli,
                     WmSession   *session,
                     char       **args,
                     GError     **error)
{
  g_autoptr(WmReferralRequest) request = wm_referral_request_new ();
  g_autoptr(WmCaseInfo) info = NULL;
  g_autoptr(WmSecret) password = NULL;
  g_autofree char *reference = NULL;
  GDate today;
  gint64 record_id;

  if (password_stdin)
    {
      password = wm_cli_read_passphrase (_("Password for the PDF: "), FALSE, error);
      if (password == NULL)
        return FALSE;
      if (*(const char *) wm_secret_get_data (password) == '\0')
        {
          g_set_error_literal (error, WM_CLI_ERROR, WM_CLI_ERROR_USAGE,
                               _("The password for the PDF is empty. Give one, or leave out --password-stdin."));
          return FALSE;
        }
    }

  reference = g_ascii_strup (args[0], -1);
  info = wm_session_find_case (session, reference, error);
  if (info == NULL)
    return FALSE;

  request->partner_id = partner_id;
  request->reason = g_strdup (reason);
  request->urgency = g_strdup (urgency);
  request->requested_action = g_strdup (requested_action);
  request->sections = parse_sections (sections);
  request->basis = g_strdup (basis);
  request->condition = g_strdup (condition);
  request->informed = g_strdup (informed);
  request->informed_who = g_strdup (informed_who);
  request->informed_when = g_strdup (informed_on);
  request->competence = g_strdup (competence);
  request->not_told_reason = g_strdup (not_told_reason);
  request->basis_reason = g_strdup (basis_reason);

  wm_date_set_today (&today);
  record_id = wm_referral_export (session, info->id, request, output,
                                  password != NULL ? (const char *) wm_secret_get_data (password) : NULL,
                                  &today, error);
  if (record_id == 0)
    return FALSE;
  wm_cli_print (_("Wrote the referral of %s to %s and recorded it in the case.\n"), info->reference, output);
  return TRUE;
}
