/* wm-cli-import.c — waymark-cli import: young people from a CSV file, all or none
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * "waymark-cli import FILE.csv [--assign USER] [--dry-run]". The file is
 * read and checked (app/core/wm-import.c) before any passphrase is asked
 * for, so a file that cannot be imported costs no sign-in. --dry-run stops
 * there: it needs no account, opens no database and writes nothing.
 *
 * Otherwise running the command is the acceptance of the valid rows: they
 * are written through the one door for writes,
 * wm_casebook_create_people(), in one transaction, so an import that
 * fails or is interrupted half-way leaves no case behind. Rejected rows are
 * left out and listed on standard error as "line L: reason"; the exit
 * status is 0 when at least one young person was imported, 1 when none
 * could be.
 *
 * Who gets the cases follows "demo": a caseworker imports for themselves;
 * a supervisor for an active caseworker of their team, and an
 * administrator for any active caseworker, named with --assign (neither
 * holds caseloads of their own).
 *
 * The mapping and the counts go to standard output; rows' reasons and
 * warnings name the line, never the young person: standard error reaches
 * logs.
 */

#define G_LOG_DOMAIN "wm-cli"

#include "config.h"

#include <stdio.h>

#include <glib/gi18n.h>

#include "wm-casebook.h"
#include "wm-cli.h"
#include "wm-date.h"
#include "wm-import.h"
#include "wm-payload.h"

static char *assign_name;
static gboolean dry_run;

const GOptionEntry wm_cli_import_options[] = {
  { "assign", 'a', 0, G_OPTION_ARG_STRING, &assign_name,
    N_("The caseworker the cases go to; a supervisor or an administrator must name one"), N_("USER") },
  { "dry-run", 'n', 0, G_OPTION_ARG_NONE, &dry_run,
    N_("Read and check the file and say what would be imported; write nothing and read no passphrase"),
    NULL },
  G_OPTION_ENTRY_NULL
};

/* The file as read before the passphrase, and the day its dates were
 * checked against. */
static WmImport *import;
static GDate today;

static void
print_mapping (WmImport   *file_rows,
               const char *path)
{
  GPtrArray *columns = wm_import_get_columns (file_rows);

  /* Translators: a file name, then how its text was read, such as "UTF-8". */
  wm_cli_print (_("Read %s as %s.\n"), path, wm_import_encoding_get_label (wm_import_get_encoding (file_rows)));
  wm_cli_print ("%s\n", _("Columns:"));
  for (guint i = 0; i < columns->len; i++)
    {
      const WmImportColumn *column = g_ptr_array_index (columns, i);
      g_autofree char *header = g_strdup (column->header);

      g_strdelimit (header, "\t\r\n", ' ');
      if (column->field != NULL)
        /* Translators: a column's header in the file → the field it fills. */
        wm_cli_print (_("  %s → %s\n"), header, wm_payload_get_field_label (column->field));
      else if (column->repeated)
        wm_cli_print (_("  %s: not imported, an earlier column fills the same field\n"), header);
      else
        wm_cli_print (_("  %s: not imported\n"), header);
    }
}

static void
print_rows (WmImport *file_rows)
{
  GPtrArray *rows = wm_import_get_rows (file_rows);
  guint rejected = wm_import_get_n_rejected (file_rows);
  guint valid = wm_import_get_n_valid (file_rows);

  for (guint i = 0; i < rows->len; i++)
    {
      const WmImportRow *row = g_ptr_array_index (rows, i);

      if (row->reason != NULL)
        fprintf (stderr, _("line %u: %s\n"), row->line, row->reason);
      for (guint w = 0; row->warnings != NULL && w < row->warnings->len; w++)
        fprintf (stderr, _("line %u: warning: %s\n"), row->line, (const char *) g_ptr_array_index (row->warnings, w));
    }
  fflush (stderr);

  /* Two sentences, each with its own plural. */
  wm_cli_print (g_dngettext (GETTEXT_PACKAGE, "%u row is valid.", "%u rows are valid.", valid), valid);
  if (rejected > 0)
    {
      wm_cli_print (" ");
      wm_cli_print (g_dngettext (GETTEXT_PACKAGE,
                                 "%u row is rejected and listed on standard error.",
                                 "%u rows are rejected and listed on standard error.", rejected),
                    rejected);
    }
  wm_cli_print ("\n");
}

static gboolean
read_file (const char  *path,
           GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);

  wm_date_set_today (&today);
  import = wm_import_new_from_file (file, &today, NULL, error);
  if (import == NULL)
    return FALSE;
  print_mapping (import, path);
  return TRUE;
}

static gboolean
nothing_valid (WmImport  *file_rows,
               GError   **error)
{
  if (wm_import_get_n_valid (file_rows) > 0)
    return FALSE;
  g_set_error_literal (error, WM_CLI_ERROR, WM_CLI_ERROR_FAILED,
                       _("No row of the file can be imported, so nothing was written. Correct the rows listed "
                         "above and try again."));
  return TRUE;
}

WmCliNext
wm_cli_import_check (WmCli   *cli,
                     char   **args,
                     GError **error)
{
  if (!dry_run)
    return WM_CLI_GO_ON;

  if (!read_file (args[0], error))
    return WM_CLI_FAILED;
  print_rows (import);
  if (nothing_valid (import, error))
    return WM_CLI_FAILED;
  wm_cli_print ("%s\n", _("Dry run: nothing was written."));
  return WM_CLI_FINISHED;
}

WmCliNext
wm_cli_import_prepare (WmCli   *cli,
                       char   **args,
                       GError **error)
{
  g_autoptr(WmUser) assignee = NULL;

  /* A name that is no caseworker at all is a slip worth a second, not a
   * passphrase; whose team they are in is known only once signed in. */
  if (assign_name != NULL)
    {
      WmStore *store = wm_cli_open_store (cli, error);

      if (store == NULL || (assignee = wm_store_lookup_user (store, assign_name, error)) == NULL)
        return WM_CLI_FAILED;
      if (assignee->role != WM_ROLE_CASEWORKER || assignee->disabled)
        {
          g_set_error (error, WM_STORE_ERROR, WM_STORE_ERROR_INVALID,
                       _("“%s” is not an active caseworker. Give the cases to one with --assign NAME."),
                       assignee->name);
          return WM_CLI_FAILED;
        }
    }
  if (!read_file (args[0], error))
    return WM_CLI_FAILED;
  if (wm_import_get_n_valid (import) == 0)
    {
      print_rows (import);
      nothing_valid (import, error);
      return WM_CLI_FAILED;
    }
  return WM_CLI_GO_ON;
}

/* The caseworker the cases go to, by the rules of "demo". */
static const WmUser *
choose_caseworker (GPtrArray  *caseworkers,
                   WmSession  *session,
                   GError    **error)
{
  g_autoptr(GString) names = g_string_new (NULL);
  g_autofree char *wanted = NULL;
  WmRole role = wm_session_get_role (session);

  if (assign_name == NULL && role != WM_ROLE_CASEWORKER)
    {
      g_set_error_literal (error, WM_CLI_ERROR, WM_CLI_ERROR_USAGE,
                           _("Say which caseworker the cases go to with --assign NAME: a supervisor or an "
                             "administrator holds no caseload of their own."));
      return NULL;
    }
  wanted = wm_account_name_normalise (assign_name != NULL ? assign_name : wm_session_get_user_name (session),
                                      NULL);
  for (guint i = 0; i < caseworkers->len; i++)
    {
      const WmUser *caseworker = g_ptr_array_index (caseworkers, i);

      if (g_strcmp0 (caseworker->name, wanted) == 0)
        return caseworker;
      if (names->len > 0)
        g_string_append (names, ", ");
      g_string_append (names, caseworker->name);
    }

  if (role == WM_ROLE_CASEWORKER)
    g_set_error_literal (error, WM_STORE_ERROR, WM_STORE_ERROR_PERMISSION,
                         _("A caseworker imports cases for themselves. Leave out --assign, or ask a supervisor "
                           "to import them for another caseworker."));
  else if (role == WM_ROLE_SUPERVISOR)
    g_set_error (error, WM_STORE_ERROR, WM_STORE_ERROR_PERMISSION,
                 _("“%s” is not an active caseworker in your team. Choose one of: %s."), assign_name, names->str);
  else
    g_set_error (error, WM_STORE_ERROR, WM_STORE_ERROR_PERMISSION,
                 _("“%s” is not an active caseworker. Choose one of: %s."), assign_name, names->str);
  return NULL;
}

/* Warns of rows that seem to be young people whose cases the user can
 * already read. An administrator reads none, and is told nothing. */
static gboolean
check_existing (WmImport   *file_rows,
                WmSession  *session,
                GError    **error)
{
  g_autoptr(GPtrArray) caseload = wm_session_list_caseload (session, error);

  if (caseload == NULL)
    return FALSE;
  for (guint i = 0; i < caseload->len; i++)
    {
      const WmCaseloadEntry *entry = g_ptr_array_index (caseload, i);

      wm_import_check_existing (file_rows, entry->info.reference, entry->profile);
    }
  return TRUE;
}

gboolean
wm_cli_import_run (WmCli       *cli,
                   WmSession   *session,
                   char       **args,
                   GError     **error)
{
  g_autoptr(WmImport) rows = g_steal_pointer (&import);
  g_autoptr(GPtrArray) caseworkers = NULL;
  g_autoptr(GPtrArray) profiles = NULL;
  g_autoptr(GArray) case_ids = NULL;
  const WmUser *caseworker;

  caseworkers = wm_cli_list_caseworkers (cli, session, error);
  if (caseworkers == NULL
      || (caseworker = choose_caseworker (caseworkers, session, error)) == NULL
      || !check_existing (rows, session, error))
    return FALSE;
  print_rows (rows);

  /* Said before the write, which takes a while for thousands: a person
   * who stops it now knows that nothing was written. */
  fprintf (stderr,
           g_dngettext (GETTEXT_PACKAGE,
                        "Importing %u young person in one batch…\n",
                        "Importing %u young people in one batch…\n", wm_import_get_n_valid (rows)),
           wm_import_get_n_valid (rows));
  fflush (stderr);

  profiles = wm_import_dup_profiles (rows);
  if (!wm_casebook_create_people (session, caseworker->id, profiles, &today, &case_ids, error))
    {
      g_prefix_error (error, "%s", _("Nothing was imported: "));
      return FALSE;
    }

  wm_cli_print (g_dngettext (GETTEXT_PACKAGE,
                             "Imported %u young person; the case went to %s.\n",
                             "Imported %u young people; their cases went to %s.\n", case_ids->len),
                case_ids->len, caseworker->name);
  return TRUE;
}
