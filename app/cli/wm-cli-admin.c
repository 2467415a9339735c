/* wm-cli-admin.c — waymark-cli's checks and safekeeping: verify, backup, restore, audit
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Backups and restores need a signed-in administrator, although the
 * backup is as encrypted as the database: who took a copy of every case,
 * and when, belongs in the audit log, and only a session can put it there.
 * Listing the audit log also needs one, since it tells who looked at
 * which case; checking its chain (--verify) shows nothing and needs none.
 */

#define G_LOG_DOMAIN "wm-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "wm-cli.h"
#include "wm-cli-input.h"
#include "wm-freshness.h"

/* Prints each fault on a line of its own on standard output, and turns
 * "there were faults" into the error that makes the exit status 1. */
static gboolean
report_faults (GPtrArray  *faults,
               GError    **error)
{
  for (guint i = 0; i < faults->len; i++)
    {
      g_autofree char *fault = g_strdup (g_ptr_array_index (faults, i));

      g_strdelimit (fault, "\r\n", ' ');
      wm_cli_print ("%s\n", fault);
    }
  if (faults->len == 0)
    return TRUE;

  g_set_error (error, WM_CLI_ERROR, WM_CLI_ERROR_FAILED,
               g_dngettext (GETTEXT_PACKAGE,
                            "Found %u problem, listed above. Restore the database from a backup made "
                            "before it appeared, or ask for help.",
                            "Found %u problems, listed above. Restore the database from a backup made "
                            "before they appeared, or ask for help.",
                            faults->len),
               faults->len);
  return FALSE;
}

gboolean
wm_cli_verify_run (WmCli       *cli,
                   WmSession   *session,
                   char       **args,
                   GError     **error)
{
  g_autoptr(GPtrArray) faults = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) cases = NULL;

  /* FALSE with no fault means the check itself could not run. */
  if (!wm_session_verify (session, faults, error) && faults->len == 0)
    return FALSE;
  g_clear_error (error);
  if (!report_faults (faults, error))
    return FALSE;

  cases = wm_session_list_cases (session, NULL);
  wm_cli_print (g_dngettext (GETTEXT_PACKAGE,
                             "ok: the database, every version of every record of the %u case you can "
                             "read, and the audit log passed every check.\n",
                             "ok: the database, every version of every record of the %u cases you can "
                             "read, and the audit log passed every check.\n",
                             cases != NULL ? cases->len : 0),
                cases != NULL ? cases->len : 0);
  return TRUE;
}

WmCliNext
wm_cli_backup_prepare (WmCli   *cli,
                       char   **args,
                       GError **error)
{
  g_autofree char *folder = NULL;
  const char *destination = args[0];

  /* The store refuses both too, but only after a passphrase. */
  if (g_file_test (destination, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, WM_STORE_ERROR, WM_STORE_ERROR_EXISTS,
                   _("“%s” already exists. Choose a new file name for the backup."), destination);
      return WM_CLI_FAILED;
    }
  folder = g_path_get_dirname (destination);
  if (!g_file_test (folder, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, WM_STORE_ERROR, WM_STORE_ERROR_NOT_FOUND,
                   _("The folder “%s” does not exist. Create it or choose another."), folder);
      return WM_CLI_FAILED;
    }
  return WM_CLI_GO_ON;
}

gboolean
wm_cli_backup_run (WmCli       *cli,
                   WmSession   *session,
                   char       **args,
                   GError     **error)
{
  const char *destination = args[0];

  if (!wm_session_backup (session, destination, error))
    return FALSE;

  wm_cli_print (_("Backed up %s to %s. The copy is as encrypted as the database; keep it as safe.\n"),
                wm_store_get_path (wm_session_get_store (session)), destination);
  return TRUE;
}

WmCliNext
wm_cli_restore_prepare (WmCli   *cli,
                        char   **args,
                        GError **error)
{
  const char *backup = args[0];

  if (!g_file_test (backup, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, WM_STORE_ERROR, WM_STORE_ERROR_NOT_FOUND,
                   _("There is no backup at “%s”. Check the file name."), backup);
      return WM_CLI_FAILED;
    }
  /* Before signing in, which the database would record: a restore that
   * cannot happen (the database itself, another organisation's backup, or
   * one whose accounts or audit log were changed) leaves the database
   * untouched. */
  if (wm_cli_open_store (cli, error) == NULL || !wm_store_check_backup (cli->store, backup, error))
    return WM_CLI_FAILED;
  /* A database older than this computer has seen refuses sign-in, but
   * replacing it is what it needs; the restore leaves it newer than both. */
  wm_freshness_allow_behind (cli->store);
  return WM_CLI_GO_ON;
}

gboolean
wm_cli_restore_run (WmCli       *cli,
                    WmSession   *session,
                    char       **args,
                    GError     **error)
{
  g_autofree char *question = NULL;
  const char *backup = args[0];

  /* Everything written since the backup is lost: a person at a terminal
   * says so in as many words. A script has decided already. */
  question = g_strdup_printf (_("Replace everything in %s with the backup %s? Work since the backup "
                                "will be lost. Type “restore” to go on:"),
                              wm_store_get_path (wm_session_get_store (session)), backup);
  if (!wm_cli_confirm (question, "restore", error))
    return FALSE;
  if (!wm_session_restore (session, backup, error))
    return FALSE;

  wm_cli_print (_("Restored %s from %s.\n"), wm_store_get_path (wm_session_get_store (session)), backup);
  return TRUE;
}

static gboolean
verify_audit (WmCli   *cli,
              GError **error)
{
  g_autoptr(GPtrArray) faults = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *head = NULL;
  WmStore *store = wm_cli_open_store (cli, error);

  if (store == NULL)
    return FALSE;
  if (!wm_store_verify_audit (store, faults, error) && faults->len == 0)
    return FALSE;
  g_clear_error (error);
  if (!report_faults (faults, error))
    return FALSE;

  /* The head is what supervisor reports print: comparing the two shows
   * whether the whole chain was rewritten. */
  head = wm_store_dup_audit_head (store);
  wm_cli_print (_("ok: the audit log is an unbroken chain, each entry signed by the account that made it "
                  "(failed sign-ins aside), and no older than this computer has seen. Its head is %s.\n"),
                head != NULL ? head : "");
  return TRUE;
}

static gboolean verify;

const GOptionEntry wm_cli_audit_options[] = {
  { "verify", 0, 0, G_OPTION_ARG_NONE, &verify,
    N_("Check the hash chain instead of listing; exit with status 1 if it is broken"), NULL },
  G_OPTION_ENTRY_NULL
};

WmCliNext
wm_cli_audit_check (WmCli   *cli,
                    char   **args,
                    GError **error)
{
  if (!verify)
    return WM_CLI_GO_ON;
  return verify_audit (cli, error) ? WM_CLI_FINISHED : WM_CLI_FAILED;
}

gboolean
wm_cli_audit_run (WmCli       *cli,
                  WmSession   *session,
                  char       **args,
                  GError     **error)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GPtrArray) users = NULL;
  g_autoptr(GHashTable) names = NULL;

  entries = wm_session_list_audit (session, error);
  if (entries == NULL)
    return FALSE;
  users = wm_cli_list_users (cli, &names, error);
  if (users == NULL)
    return FALSE;

  for (guint i = 0; i < entries->len; i++)
    {
      const WmAuditEntry *entry = g_ptr_array_index (entries, i);
      g_autofree char *time = wm_cli_format_time (entry->at_usec);
      g_autofree char *case_text = NULL;
      g_autofree char *detail = g_strdup (entry->detail);
      const char *user = entry->user_id != 0 ? g_hash_table_lookup (names, &entry->user_id) : NULL;

      /* A deleted case has no reference any more; its deletion entry
       * keeps it in the detail, and its number still names it. */
      if (entry->case_id != 0)
        case_text = entry->case_reference != NULL ? g_strdup (entry->case_reference)
                                                  : g_strdup_printf ("#%" G_GINT64_FORMAT, entry->case_id);
      g_strdelimit (detail, "\t\r\n", ' ');
      wm_cli_print ("%" G_GINT64_FORMAT "\t%s\t%s\t%s\t%s\t%s\n",
                    entry->seq, time, user != NULL ? user : "", entry->action,
                    case_text != NULL ? case_text : "", detail);
    }
  return TRUE;
}
