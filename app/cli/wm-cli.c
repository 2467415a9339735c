/* wm-cli.c — waymark-cli: the command-line tool for administrators and scripts
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * "waymark-cli [--database FILE] [--user NAME] COMMAND [ARGUMENT…]". Global
 * options may also follow the command (--user only a command that signs in
 * as it). Each command parses its own options with a GOptionContext of its
 * own, so "waymark-cli COMMAND --help" says exactly what that command
 * takes and which passphrases it reads.
 *
 * Output is UTF-8 whatever the locale: names are written as they were
 * entered, and a script reading tab-separated lines or JSON must not find
 * "?" where a "ŵ" was. A failure prints one line, "waymark-cli: REASON", on
 * standard error: the store's messages carry no personal data, and neither
 * do this file's.
 *
 * Developer hook, read from the environment so that no user meets it:
 *
 * WAYMARK_BUSY_TIMEOUT_MS=N
 *   Give up after N milliseconds, instead of a minute, when the database is
 *   busy in another program. tests/cli/test-cli.c uses it to see the
 *   failure without waiting a minute for it.
 */

#define G_LOG_DOMAIN "wm-cli"

#include "config.h"

#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "wm-cli.h"
#include "wm-cli-input.h"
#include "wm-secret.h"
#include "wm-uninstalled.h"

G_DEFINE_QUARK (wm-cli-error-quark, wm_cli_error)

/* The parameters are metavariables, translated as GLib translates each
 * option's arg_description ("--user NAME"), so that a command's usage,
 * its options and its messages name them in the same language. */
static const WmCliCommand commands[] = {
  { "init", NULL,
    N_("Create the organisation’s database and its first administrator."),
    N_("Reads the new administrator’s passphrase."),
    wm_cli_init_options, 0, 0,
    WM_CLI_NO_USER, WM_CLI_ANY_ROLE, NULL, NULL,
    NULL, NULL, wm_cli_init_run },
  { "user add", N_("NAME"),
    N_("Add a staff account. Give a caseworker the supervisors of their team with --supervisor."),
    N_("Reads the passphrase of --user, an administrator, then the new account’s passphrase."),
    wm_cli_user_add_options, 1, 1,
    WM_CLI_AS_USER, WM_CLI_ADMINISTRATOR, NULL, N_("add accounts"),
    wm_cli_user_add_check, wm_cli_user_add_prepare, wm_cli_user_add_run },
  { "user list", NULL,
    N_("List the staff accounts, one a line: name, role, active or disabled, supervisors. "
       "Needs no passphrase."),
    NULL,
    NULL, 0, 0,
    WM_CLI_NO_USER, WM_CLI_ANY_ROLE, NULL, NULL,
    NULL, NULL, wm_cli_user_list_run },
  { "user passwd", N_("NAME"),
    N_("Change the passphrase of the account NAME."),
    N_("Reads NAME’s current passphrase, then the new one."),
    NULL, 1, 1,
    WM_CLI_NO_USER, WM_CLI_ANY_ROLE, NULL, NULL,
    NULL, NULL, wm_cli_user_passwd_run },
  { "user disable", N_("NAME"),
    N_("Disable the account NAME: it can no longer sign in. Refused if NAME is the only one who can "
       "read some cases, unless --force; at a terminal, --force asks for the name to be typed."),
    N_("Reads the passphrase of --user, an administrator."),
    wm_cli_user_disable_options, 1, 1,
    WM_CLI_AS_USER, WM_CLI_ADMINISTRATOR, NULL, NULL,
    NULL, wm_cli_user_disable_prepare, wm_cli_user_disable_run },
  { "user enable", N_("NAME"),
    N_("Let the disabled account NAME sign in again. It holds none of its cases until they are shared "
       "with it again."),
    N_("Reads the passphrase of --user, an administrator."),
    NULL, 1, 1,
    WM_CLI_AS_USER, WM_CLI_ADMINISTRATOR, NULL, NULL,
    NULL, wm_cli_user_enable_prepare, wm_cli_user_enable_run },
  { "user reset", N_("NAME"),
    N_("Give the account NAME, whose passphrase was forgotten, a new key pair and passphrase. "
       "Its supervisors then run “reshare” so it can read its cases again. Refused if NAME is the "
       "only one who can read some cases, unless --force."),
    N_("Reads the passphrase of --user, an administrator, then NAME’s new passphrase."),
    wm_cli_user_reset_options, 1, 1,
    WM_CLI_AS_USER, WM_CLI_ADMINISTRATOR, NULL, N_("reset accounts"),
    NULL, wm_cli_user_reset_prepare, wm_cli_user_reset_run },
  { "user supervisor", N_("add|remove CASEWORKER SUPERVISOR"),
    N_("Add SUPERVISOR to the team of CASEWORKER, or remove them. Cases created from then on are "
       "shared with the team; cases that exist already are neither shared nor taken away."),
    N_("Reads the passphrase of --user, an administrator."),
    NULL, 3, 3,
    WM_CLI_AS_USER, WM_CLI_ADMINISTRATOR, NULL, NULL,
    wm_cli_user_supervisor_check, wm_cli_user_supervisor_prepare, wm_cli_user_supervisor_run },
  /* Who may reshare is the store's rule (a holder of the team's cases). */
  { "reshare", NULL,
    N_("Share your team’s cases again with caseworkers whose accounts were reset."),
    N_("Reads the passphrase of --user, a supervisor."),
    NULL, 0, 0,
    WM_CLI_AS_USER, WM_CLI_ANY_ROLE, NULL, NULL,
    NULL, NULL, wm_cli_reshare_run },
  { "demo", NULL,
    N_("Create synthetic young people, with assessments and contacts, spread across the active "
       "caseworkers. Every name and note is made up."),
    N_("Reads the passphrase of --user, a supervisor (cases go to their team) or an administrator."),
    wm_cli_demo_options, 0, 0,
    WM_CLI_AS_USER, WM_CLI_SUPERVISOR | WM_CLI_ADMINISTRATOR,
    N_("Only a supervisor or an administrator can create demo cases. Sign in as one with --user."), NULL,
    wm_cli_demo_check, NULL, wm_cli_demo_run },
  /* A caseworker imports for themselves; a supervisor for a caseworker of
   * their team and an administrator for any, with --assign: that rule
   * needs more than the role, so wm-cli-import.c keeps it. */
  { "import", N_("FILE"),
    N_("Create a young person for each valid row of the CSV file FILE, all in one go or none. Prints "
       "which column went to which field and how many rows are valid, and each rejected row on "
       "standard error as “line L: reason”. Without --dry-run, importing the valid rows is the "
       "acceptance: they are written and the rejected rows are left out; fix those and import them "
       "from a file of their own. Exits with status 1 when no row could be imported."),
    N_("Reads the passphrase of --user; --dry-run reads none. The cases go to --user, a caseworker, "
       "or to the caseworker a supervisor (of their team) or an administrator names with --assign."),
    wm_cli_import_options, 1, 1,
    WM_CLI_AS_USER, WM_CLI_ANY_ROLE, NULL, NULL,
    wm_cli_import_check, wm_cli_import_prepare, wm_cli_import_run },
  { "list", NULL,
    N_("List the cases you can read, one a line, sorted by reference: reference, name, age and "
       "status, separated by tabs."),
    N_("Reads the passphrase of --user."),
    wm_cli_list_options, 0, 0,
    WM_CLI_AS_USER, WM_CLI_ANY_ROLE, NULL, NULL,
    NULL, NULL, wm_cli_list_run },
  { "show", N_("REFERENCE"),
    N_("Show the current version of every record of a case."),
    N_("Reads the passphrase of --user."),
    wm_cli_show_options, 1, 1,
    WM_CLI_AS_USER, WM_CLI_ANY_ROLE, NULL, NULL,
    NULL, NULL, wm_cli_show_run },
  { "verify", NULL,
    N_("Check the database’s structure, every version of every record you can read, and the "
       "audit log. Prints each problem and exits with status 1 if there is any."),
    N_("Reads the passphrase of --user."),
    NULL, 0, 0,
    WM_CLI_AS_USER, WM_CLI_ANY_ROLE, NULL, NULL,
    NULL, NULL, wm_cli_verify_run },
  { "backup", N_("FILE"),
    N_("Copy the database, still encrypted, to FILE, which must not exist yet."),
    N_("Reads the passphrase of --user, an administrator."),
    NULL, 1, 1,
    WM_CLI_AS_USER, WM_CLI_ADMINISTRATOR, NULL, N_("make a backup"),
    NULL, wm_cli_backup_prepare, wm_cli_backup_run },
  { "restore", N_("FILE"),
    N_("Replace everything in the database with the backup FILE, of the same organisation."),
    N_("Reads the passphrase of --user, an administrator."),
    NULL, 1, 1,
    WM_CLI_AS_USER, WM_CLI_ADMINISTRATOR, NULL, N_("restore a backup"),
    NULL, wm_cli_restore_prepare, wm_cli_restore_run },
  /* Who may read the audit log is the session's rule
   * (wm_session_list_audit()); the table says it too, so that anyone else
   * is told before typing a passphrase. */
  { "audit", NULL,
    N_("List the audit log, one entry a line: number, time, account, action, case, detail, "
       "separated by tabs. With --verify, check its hash chain instead."),
    N_("Reads the passphrase of --user, an administrator; --verify reads none."),
    wm_cli_audit_options, 0, 0,
    WM_CLI_AS_USER, WM_CLI_ADMINISTRATOR, NULL, N_("read the audit log"),
    wm_cli_audit_check, NULL, wm_cli_audit_run },
  /* The partner directory lists services, not young people: any role
   * reads it; only an administrator's signature adds to it. */
  { "partner list", NULL,
    N_("List the partner services referrals can go to, one a line: number, name, service type and area, "
       "separated by tabs. An entry changed outside Waymark is left out (“verify” names it)."),
    N_("Reads the passphrase of --user."),
    NULL, 0, 0,
    WM_CLI_AS_USER, WM_CLI_ANY_ROLE, NULL, NULL,
    NULL, NULL, wm_cli_partner_list_run },
  { "partner seed", N_("[FILE]"),
    N_("Add the generic partner services shipped with Waymark (or those of FILE) that the directory lacks, "
       "signed by --user. Their contact details are placeholders: replace them with the real services’."),
    N_("Reads the passphrase of --user, an administrator."),
    NULL, 0, 1,
    WM_CLI_AS_USER, WM_CLI_ADMINISTRATOR, NULL, N_("add partner services"),
    NULL, NULL, wm_cli_partner_seed_run },
  /* Review intervals are the organisation's policy: anyone reads them,
   * an administrator's signature sets them. "reviews set" comes first:
   * the first command whose words match is the one run. */
  { "reviews set", N_("LEVEL=WEEKS…"),
    N_("Set the weeks from an assessment to the review it proposes, for the whole organisation, by the "
       "highest risk judged: very-high, high, medium or low, each 1 to 52 weeks (say, “high=6”)."),
    N_("Reads the passphrase of --user, an administrator."),
    NULL, 1, 4,
    WM_CLI_AS_USER, WM_CLI_ADMINISTRATOR, NULL, N_("set review intervals"),
    wm_cli_reviews_set_check, NULL, wm_cli_reviews_set_run },
  { "reviews", NULL,
    N_("Show the weeks from an assessment to the review it proposes, by the highest risk judged, one "
       "level a line: level and weeks, separated by a tab."),
    N_("Reads the passphrase of --user."),
    NULL, 0, 0,
    WM_CLI_AS_USER, WM_CLI_ANY_ROLE, NULL, NULL,
    NULL, NULL, wm_cli_reviews_run },
  /* Who may refer a case is the store's rule: whoever can read it. */
  { "referral", N_("REFERENCE"),
    N_("Write a referral of the case REFERENCE to a partner service as a PDF marked OFFICIAL-SENSITIVE, with "
       "only the sections chosen, and record it in the case and the audit log. Refused, with nothing written, "
       "without a lawful basis, to a partner not in the directory, or for a case you cannot read."),
    N_("Reads the passphrase of --user, then, with --password-stdin, the PDF’s password."),
    wm_cli_referral_options, 1, 1,
    WM_CLI_AS_USER, WM_CLI_ANY_ROLE, NULL, NULL,
    wm_cli_referral_check, NULL, wm_cli_referral_run },
  /* A definition holds no one's data: these read files, never the database. */
  { "instrument check", N_("FILE [FILE…]"),
    N_("Check assessment instrument definitions as Waymark loads them. Prints a summary of each "
       "valid one, and for a bad one the file, the item and the fault; exits with status 1 if any is bad."),
    NULL,
    NULL, 1, G_MAXINT,
    WM_CLI_NO_USER, WM_CLI_ANY_ROLE, NULL, NULL,
    NULL, NULL, wm_cli_instrument_check_run },
  { "instrument score", N_("FILE ANSWERS"),
    N_("Score the answers in the JSON file ANSWERS with the definition FILE. Prints the domain scores, "
       "the bands and the levels they suggest, and any constraint that holds."),
    NULL,
    wm_cli_instrument_score_options, 2, 2,
    WM_CLI_NO_USER, WM_CLI_ANY_ROLE, NULL, NULL,
    NULL, NULL, wm_cli_instrument_score_run },
};

static const char *global_description =
  N_("Passphrases are read from standard input, one a line, in the order the command asks for "
     "them, when standard input is not a terminal; on a terminal they are asked for without "
     "echo. The database is $XDG_DATA_HOME/waymark/waymark.db unless --database says otherwise.\n"
     "\n"
     "Exit status: 0 on success, 1 on failure, 2 when the command was called wrongly.");

/* The options of the tool as a whole, for those of @user and @version that
 * are not %NULL: --version belongs to the tool, not to each command, and
 * --user only to commands that sign in as it. */
static GOptionEntry *
new_global_entries (char     **database,
                    char     **user,
                    gboolean  *version)
{
  const GOptionEntry entries[] = {
    { "database", 'd', 0, G_OPTION_ARG_FILENAME, database,
      N_("The organisation’s database file"), N_("FILE") },
    { "user", 'u', 0, G_OPTION_ARG_STRING, user,
      N_("The account to sign in as"), N_("NAME") },
    { "version", 0, 0, G_OPTION_ARG_NONE, version,
      N_("Print the version and exit"), NULL },
  };
  GOptionEntry *chosen = g_new0 (GOptionEntry, G_N_ELEMENTS (entries) + 1);
  guint n_chosen = 0;

  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    {
      if (entries[i].arg_data != NULL)
        chosen[n_chosen++] = entries[i];
    }
  return chosen;
}

static void
usage_error_from_option_error (GError     **error,
                               const char  *help_command)
{
  if (error != NULL && *error != NULL && (*error)->domain == G_OPTION_ERROR)
    {
      g_autofree char *message = g_strdup ((*error)->message);

      g_clear_error (error);
      g_set_error (error, WM_CLI_ERROR, WM_CLI_ERROR_USAGE,
                   /* Translators: %s is GLib's message, then the help command. */
                   _("%s. See “%s”."), message, help_command);
    }
}

static void
take_option (char **field,
             char  *value)
{
  if (value == NULL)
    return;
  g_free (*field);
  *field = value;
}

/* Parses a command's options, and --database and --user given after the
 * command, then checks the number of positional arguments left in @argv,
 * which ends in NULL after it. */
static gboolean
parse_command (WmCli               *cli,
               const WmCliCommand  *command,
               int                 *argc,
               char              ***argv,
               GError             **error)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autofree GOptionEntry *global_entries = NULL;
  g_autofree char *parameter_string = NULL;
  g_autofree char *help_command = NULL;
  char *database = NULL;
  char *user = NULL;
  int n_args;

  parameter_string = command->parameters != NULL
                     ? g_strdup_printf ("%s %s", command->name, _(command->parameters))
                     : g_strdup (command->name);
  help_command = g_strdup_printf ("waymark-cli %s --help", command->name);

  context = g_option_context_new (parameter_string);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, _(command->summary));
  if (command->passphrases != NULL)
    g_option_context_set_description (context, _(command->passphrases));
  if (command->options != NULL)
    g_option_context_add_main_entries (context, command->options, GETTEXT_PACKAGE);

  /* Separate storage, merged after: the value given after the command
   * wins over one given before it. */
  global_entries = new_global_entries (&database, command->sign_in == WM_CLI_AS_USER ? &user : NULL, NULL);
  g_option_context_add_main_entries (context, global_entries, GETTEXT_PACKAGE);

  if (!g_option_context_parse (context, argc, argv, error))
    {
      g_free (database);
      g_free (user);
      usage_error_from_option_error (error, help_command);
      return FALSE;
    }
  take_option (&cli->database, database);
  take_option (&cli->user, user);
  (*argv)[*argc] = NULL;

  n_args = *argc - 1;
  if (n_args < command->min_args || n_args > command->max_args)
    {
      if (command->parameters != NULL && n_args < command->min_args)
        g_set_error (error, WM_CLI_ERROR, WM_CLI_ERROR_USAGE,
                     _("“%s” needs %s. See “%s”."), command->name, _(command->parameters), help_command);
      else
        g_set_error (error, WM_CLI_ERROR, WM_CLI_ERROR_USAGE,
                     _("“%s” was given more arguments than it takes. See “%s”."),
                     command->name, help_command);
      return FALSE;
    }
  return TRUE;
}

/* Said once however many times the store waits: a person needs to know
 * why nothing happens, not to count the waits. */
static void
store_waiting_cb (WmStore  *store,
                  gpointer  user_data)
{
  static gboolean said = FALSE;

  if (said)
    return;
  said = TRUE;
  /* Translators: follows "waymark-cli: " on a line of its own, while another
   * program (often another waymark-cli) is writing to the database. */
  fprintf (stderr, "waymark-cli: %s\n", _("waiting for another Waymark to finish…"));
  fflush (stderr);
}

static void
set_busy_timeout_from_environment (WmStore *store)
{
  const char *text = g_getenv ("WAYMARK_BUSY_TIMEOUT_MS");
  guint64 timeout_ms;

  if (text != NULL && g_ascii_string_to_unsigned (text, 10, 0, G_MAXUINT, &timeout_ms, NULL))
    wm_store_set_busy_timeout (store, (guint) timeout_ms);
}

/**
 * wm_cli_open_store:
 * @cli: the tool's state
 * @error: return location for a #WM_STORE_ERROR
 *
 * Returns: (transfer none): the database, opened on first use
 */
WmStore *
wm_cli_open_store (WmCli   *cli,
                   GError **error)
{
  g_autofree char *default_path = NULL;

  if (cli->store != NULL)
    return cli->store;

  if (cli->database == NULL)
    default_path = wm_store_dup_default_path ();
  cli->store = wm_store_open (cli->database != NULL ? cli->database : default_path, error);
  if (cli->store == NULL)
    return NULL;

  wm_store_set_waiting_func (cli->store, store_waiting_cb, NULL);
  set_busy_timeout_from_environment (cli->store);
  return cli->store;
}

/* The name given with --user. */
static const char *
require_user (WmCli   *cli,
              GError **error)
{
  if (cli->user == NULL || *cli->user == '\0')
    {
      g_set_error_literal (error, WM_CLI_ERROR, WM_CLI_ERROR_USAGE,
                           _("Say who is signing in with --user NAME."));
      return NULL;
    }
  return cli->user;
}

/* Reads @user_name's passphrase and signs in. The passphrase is wiped as
 * soon as the key is derived. */
static WmSession *
sign_in (WmCli       *cli,
         const char  *user_name,
         GError     **error)
{
  g_autoptr(WmSecret) passphrase = NULL;
  g_autofree char *prompt = NULL;
  WmStore *store;

  /* A sign-in is recorded in the database: on a read-only one, say so
   * before the passphrase is typed for nothing. */
  store = wm_cli_open_store (cli, error);
  if (store == NULL || !wm_store_check_writable (store, error))
    return NULL;

  prompt = g_strdup_printf (_("Passphrase for %s: "), user_name);
  passphrase = wm_cli_read_passphrase (prompt, FALSE, error);
  if (passphrase == NULL)
    return NULL;
  return wm_session_sign_in (store, user_name, (const char *) wm_secret_get_data (passphrase), error);
}

/* The table's rule of who may run @command, before it asks or changes
 * anything. */
static gboolean
check_roles (const WmCliCommand  *command,
             WmSession           *session,
             GError             **error)
{
  WmRole role = wm_session_get_role (session);
  WmRole only = 0;

  if (command->roles == WM_CLI_ANY_ROLE || (command->roles & (1 << role)) != 0)
    return TRUE;

  if (command->refused != NULL)
    {
      g_set_error_literal (error, WM_STORE_ERROR, WM_STORE_ERROR_PERMISSION, _(command->refused));
      return FALSE;
    }
  for (WmRole r = WM_ROLE_CASEWORKER; r <= WM_ROLE_ADMINISTRATOR; r++)
    {
      if (command->roles == (WmCliRoles) (1 << r))
        only = r;
    }
  /* An entry that lets several roles in says what it tells the others. */
  g_assert (only != 0);
  if (command->action == NULL)
    /* The store's own words, for the commands whose rule it keeps too. */
    g_set_error (error, WM_STORE_ERROR, WM_STORE_ERROR_PERMISSION,
                 _("Only an account with the role “%s” can do this. Ask one to do it for you."),
                 wm_role_get_label (only));
  else
    g_set_error (error, WM_STORE_ERROR, WM_STORE_ERROR_PERMISSION,
                 /* Translators: "Only an account with the role Administrator can make a backup." */
                 _("Only an account with the role %s can %s. Sign in as one with --user."),
                 wm_role_get_label (only), _(command->action));
  return FALSE;
}

/* The steps of WmCliCommand, in order. */
static gboolean
run_command (WmCli               *cli,
             const WmCliCommand  *command,
             int                  argc,
             char               **argv,
             GError             **error)
{
  g_autoptr(WmSession) session = NULL;
  const char *user_name = NULL;
  WmCliNext next;
  char **args;

  if (!parse_command (cli, command, &argc, &argv, error))
    return FALSE;
  args = argv + 1;

  next = command->check != NULL ? command->check (cli, args, error) : WM_CLI_GO_ON;
  if (next != WM_CLI_GO_ON)
    return next == WM_CLI_FINISHED;
  if (command->sign_in == WM_CLI_AS_USER && (user_name = require_user (cli, error)) == NULL)
    return FALSE;
  next = command->prepare != NULL ? command->prepare (cli, args, error) : WM_CLI_GO_ON;
  if (next != WM_CLI_GO_ON)
    return next == WM_CLI_FINISHED;
  if (command->sign_in == WM_CLI_AS_USER)
    {
      session = sign_in (cli, user_name, error);
      if (session == NULL || !check_roles (command, session, error))
        return FALSE;
    }
  return command->run (cli, session, args, error);
}

/**
 * wm_cli_list_users:
 * @cli: the tool's state
 * @out_names: (out) (optional): user id (gint64) -> name (borrowed from the array)
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type WmUser): every account, by name
 */
GPtrArray *
wm_cli_list_users (WmCli       *cli,
                   GHashTable **out_names,
                   GError     **error)
{
  g_autoptr(GPtrArray) users = NULL;
  WmStore *store = wm_cli_open_store (cli, error);

  if (store == NULL)
    return NULL;
  users = wm_store_list_users (store, error);
  if (users == NULL)
    return NULL;

  if (out_names != NULL)
    {
      GHashTable *names = g_hash_table_new (g_int64_hash, g_int64_equal);

      for (guint i = 0; i < users->len; i++)
        {
          WmUser *user = g_ptr_array_index (users, i);

          g_hash_table_insert (names, &user->id, user->name);
        }
      *out_names = names;
    }
  return g_steal_pointer (&users);
}

/**
 * wm_cli_print:
 * @format: a printf() format
 * @...: its arguments
 *
 * Writes to standard output as UTF-8, unconverted (see the top of the file).
 */
void
wm_cli_print (const char *format,
              ...)
{
  va_list args;

  va_start (args, format);
  vfprintf (stdout, format, args);
  va_end (args);
}

/**
 * wm_cli_format_time:
 * @usec: microseconds since 1970
 *
 * Returns: (transfer full): @usec as ISO 8601 in local time, to the second,
 *   with the offset, such as "2026-03-01T10:22:03+00:00"
 */
char *
wm_cli_format_time (gint64 usec)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (usec / G_USEC_PER_SEC);
  g_autoptr(GDateTime) local = NULL;

  if (utc == NULL)
    return g_strdup ("");
  local = g_date_time_to_local (utc);
  return g_date_time_format (local, "%Y-%m-%dT%H:%M:%S%:z");
}

static char *
dup_summary (void)
{
  g_autoptr(GString) summary = g_string_new (_("Manage a Waymark organisation’s database: staff accounts, "
                                               "backups, the audit log, and demo data."));

  g_string_append_printf (summary, "\n\n%s", _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      const char *summary_text = _(commands[i].summary);
      const char *end = strstr (summary_text, ". ");
      int length = end != NULL ? (int) (end - summary_text) : (int) strlen (summary_text);
      g_autofree char *name = commands[i].parameters != NULL
                              ? g_strdup_printf ("%s %s", commands[i].name, _(commands[i].parameters))
                              : g_strdup (commands[i].name);

      /* The first sentence of each command's summary; its --help has the rest. */
      if (length > 0 && summary_text[length - 1] == '.')
        length--;
      g_string_append_printf (summary, "\n  %-20s %.*s", name, length, summary_text);
    }
  g_string_append_printf (summary, "\n\n%s",
                          _("Run “waymark-cli COMMAND --help” for a command’s options."));
  return g_string_free (g_steal_pointer (&summary), FALSE);
}

static const WmCliCommand *
find_command (int    argc,
              char **argv,
              int   *out_consumed)
{
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_auto(GStrv) words = g_strsplit (commands[i].name, " ", 2);
      guint n_words = g_strv_length (words);

      if (argc < (int) n_words + 1)
        continue;
      if (g_str_equal (argv[1], words[0]) && (n_words == 1 || g_str_equal (argv[2], words[1])))
        {
          *out_consumed = (int) n_words;
          return &commands[i];
        }
    }
  return NULL;
}

static gboolean
run (WmCli    *cli,
     int       argc,
     char    **argv,
     GError  **error)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autofree GOptionEntry *entries = NULL;
  g_autofree char *summary = NULL;
  g_autofree char **command_argv = NULL;
  const WmCliCommand *command;
  gboolean version = FALSE;
  int consumed = 0;
  int command_argc;

  context = g_option_context_new (_("COMMAND [ARGUMENT…]"));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  /* Stop at the command: what follows is the command's to parse. */
  g_option_context_set_strict_posix (context, TRUE);
  summary = dup_summary ();
  g_option_context_set_summary (context, summary);
  g_option_context_set_description (context, _(global_description));
  entries = new_global_entries (&cli->database, &cli->user, &version);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);

  if (!g_option_context_parse (context, &argc, &argv, error))
    {
      usage_error_from_option_error (error, "waymark-cli --help");
      return FALSE;
    }

  if (version)
    {
      wm_cli_print ("waymark-cli %s\n", PACKAGE_VERSION);
      return TRUE;
    }

  if (argc < 2)
    {
      g_set_error_literal (error, WM_CLI_ERROR, WM_CLI_ERROR_USAGE,
                           _("Say which command to run. See “waymark-cli --help”."));
      return FALSE;
    }

  if (g_str_equal (argv[1], "help")
      || ((g_str_equal (argv[1], "user") || g_str_equal (argv[1], "instrument")
            || g_str_equal (argv[1], "partner")) && argc >= 3
          && (g_str_equal (argv[2], "--help") || g_str_equal (argv[2], "-h"))))
    {
      g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);

      wm_cli_print ("%s", help);
      return TRUE;
    }

  command = find_command (argc, argv, &consumed);
  if (command == NULL)
    {
      if (g_str_equal (argv[1], "user"))
        g_set_error_literal (error, WM_CLI_ERROR, WM_CLI_ERROR_USAGE,
                             _("Say what to do with accounts: “user add”, “user list”, “user passwd”, "
                               "“user disable”, “user enable”, “user reset” or “user supervisor”. "
                               "See “waymark-cli --help”."));
      else if (g_str_equal (argv[1], "partner"))
        g_set_error_literal (error, WM_CLI_ERROR, WM_CLI_ERROR_USAGE,
                             _("Say what to do with the partner directory: “partner list” or “partner seed”. "
                               "See “waymark-cli --help”."));
      else if (g_str_equal (argv[1], "instrument"))
        g_set_error_literal (error, WM_CLI_ERROR, WM_CLI_ERROR_USAGE,
                             _("Say what to do with a definition: “instrument check” or “instrument score”. "
                               "See “waymark-cli --help”."));
      else
        g_set_error (error, WM_CLI_ERROR, WM_CLI_ERROR_USAGE,
                     _("There is no command “%s”. See “waymark-cli --help”."), argv[1]);
      return FALSE;
    }

  /* The command sees the program name, then what follows its own name. */
  command_argc = argc - consumed;
  command_argv = g_new0 (char *, command_argc + 1);
  command_argv[0] = argv[0];
  for (int i = 1; i < command_argc; i++)
    command_argv[i] = argv[consumed + i];

  return run_command (cli, command, command_argc, command_argv, error);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *localedir = NULL;
  WmCli cli = { NULL, NULL, NULL };
  gboolean ok;

  /* Before anything else: no core dumps, no ptrace, libsodium ready. */
  wm_process_harden ();

  setlocale (LC_ALL, "");
  localedir = wm_dup_locale_dir ();
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_set_prgname ("waymark-cli");

  ok = run (&cli, argc, argv, &error);

  g_clear_object (&cli.store);
  g_free (cli.database);
  g_free (cli.user);

  if (ok && (fflush (stdout) != 0 || ferror (stdout)))
    {
      ok = FALSE;
      g_set_error_literal (&error, WM_CLI_ERROR, WM_CLI_ERROR_FAILED,
                           _("The output could not be written in full."));
    }

  if (!ok)
    {
      g_autofree char *message = g_strdup (error != NULL ? error->message : _("Failed."));

      /* One line, whatever the message: scripts read the last line of
       * standard error, and people read the first. */
      g_strdelimit (message, "\r\n", ' ');
      fprintf (stderr, "waymark-cli: %s\n", message);
      return error != NULL && error->domain == WM_CLI_ERROR && error->code == WM_CLI_ERROR_USAGE ? 2 : 1;
    }
  return 0;
}
