/* wm-cli-users.c — waymark-cli's account commands: init, user …, reshare
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Everything that can be checked without a passphrase (the role given, the
 * account named, the supervisors) is checked before one is asked for:
 * a slip should cost a second, not an Argon2id derivation and a prompt.
 */

#define G_LOG_DOMAIN "wm-cli"

#include "config.h"

#include <stdio.h>

#include <glib/gi18n.h>

#include "wm-cli.h"
#include "wm-organisation-setup.h"
#include "wm-cli-input.h"
#include "wm-secret.h"

static WmSecret *
read_new_passphrase (const char  *user_name,
                     GError     **error)
{
  g_autofree char *prompt = g_strdup_printf (_("New passphrase for %s: "), user_name);

  return wm_cli_read_passphrase (prompt, TRUE, error);
}

static const char *
secret_text (WmSecret *secret)
{
  return (const char *) wm_secret_get_data (secret);
}

/* The options of each command, parsed by wm-cli.c into these. */
static char *organisation;
static char *admin;
static char *role_text;
static char **supervisor_names;
static gboolean force_option;

const GOptionEntry wm_cli_init_options[] = {
  { "organisation", 0, 0, G_OPTION_ARG_STRING, &organisation,
    N_("The organisation’s name"), N_("NAME") },
  { "admin", 0, 0, G_OPTION_ARG_STRING, &admin,
    N_("The account name of the first administrator"), N_("NAME") },
  G_OPTION_ENTRY_NULL
};

gboolean
wm_cli_init_run (WmCli       *cli,
                 WmSession   *no_session,
                 char       **args,
                 GError     **error)
{
  g_autofree char *admin_name = NULL;
  g_autofree char *default_path = NULL;
  g_autoptr(WmSecret) passphrase = NULL;
  g_autoptr(WmStore) store = NULL;
  const char *path;

  if (organisation == NULL)
    {
      g_set_error_literal (error, WM_CLI_ERROR, WM_CLI_ERROR_USAGE,
                           _("Name the organisation with --organisation NAME."));
      return FALSE;
    }
  if (admin == NULL || *admin == '\0')
    {
      g_set_error_literal (error, WM_CLI_ERROR, WM_CLI_ERROR_USAGE,
                           _("Name the first administrator with --admin NAME."));
      return FALSE;
    }
  /* The store would refuse the name too, but after the passphrase. */
  admin_name = wm_account_name_normalise (admin, error);
  if (admin_name == NULL)
    return FALSE;

  if (cli->database == NULL)
    default_path = wm_store_dup_default_path ();
  path = cli->database != NULL ? cli->database : default_path;

  /* The store refuses an existing file too, but only after the passphrase
   * has been typed twice; saying so now is kinder. */
  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, WM_STORE_ERROR, WM_STORE_ERROR_EXISTS,
                   _("“%s” already exists. Choose another file name; an existing database is never overwritten."),
                   path);
      return FALSE;
    }

  passphrase = read_new_passphrase (admin_name, error);
  if (passphrase == NULL)
    return FALSE;
  store = wm_organisation_create (path, organisation, admin_name, secret_text (passphrase), error);
  if (store == NULL)
    return FALSE;

  wm_cli_print (_("Created %s for %s, with the administrator %s.\n"),
                wm_store_get_path (store), wm_store_get_organisation (store), admin_name);
  return TRUE;
}

static gboolean
role_from_option (const char  *text,
                  WmRole      *out_role,
                  GError     **error)
{
  if (text != NULL && wm_role_from_string (text, out_role))
    return TRUE;

  if (text == NULL)
    g_set_error_literal (error, WM_CLI_ERROR, WM_CLI_ERROR_USAGE,
                         _("Give the account’s role with --role caseworker, --role supervisor "
                           "or --role administrator."));
  else
    g_set_error (error, WM_CLI_ERROR, WM_CLI_ERROR_USAGE,
                 _("There is no role “%s”. Choose --role caseworker, supervisor or administrator."),
                 text);
  return FALSE;
}

/* The account NAME, which must exist; looked up before any passphrase. */
static WmUser *
lookup_user (WmCli       *cli,
             const char  *name,
             GError     **error)
{
  WmStore *store = wm_cli_open_store (cli, error);

  if (store == NULL)
    return NULL;
  return wm_store_lookup_user (store, name, error);
}

/* A line on standard error for something done that needs attention;
 * the exit status stays 0. */
static void G_GNUC_PRINTF (1, 2)
warn (const char *format,
      ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  fprintf (stderr, "waymark-cli: %s\n", message);
}

/* Asks a person at a terminal to type the account's name before a change
 * that leaves cases nobody can read: a slip of the fingers must not cost
 * young people's records. A script said --force already. The name typed
 * is compared in the form names are stored in, so "Siân" may be typed
 * with either kind of "â". */
static gboolean
confirm_account_name (const WmUser  *user,
                      const char    *question,
                      GError       **error)
{
  char line[1024];
  g_autofree char *typed = NULL;

  if (!wm_cli_stdin_is_terminal ())
    return TRUE;

  fprintf (stderr, "%s ", question);
  fflush (stderr);
  if (fgets (line, sizeof line, stdin) != NULL)
    typed = wm_account_name_normalise (g_strchomp (line), NULL);
  if (typed == NULL || !g_str_equal (typed, user->name))
    {
      g_set_error_literal (error, WM_CLI_ERROR, WM_CLI_ERROR_FAILED, _("Stopped: nothing was changed."));
      return FALSE;
    }
  return TRUE;
}

/* Before a passphrase is asked for: how many cases only @user can read,
 * refused with that number unless --force, and at a terminal confirmed
 * by typing the name. @resetting says which change is asked for. */
static gboolean
check_sole_holder (WmCli         *cli,
                   const WmUser  *user,
                   gboolean       force,
                   gboolean       resetting,
                   guint         *out_count,
                   GError       **error)
{
  g_autofree char *question = NULL;
  guint count = 0;

  if (!wm_store_count_sole_holder_cases (cli->store, user->id, &count, error))
    return FALSE;
  *out_count = count;
  if (count == 0)
    return TRUE;

  if (!force && resetting)
    {
      g_set_error (error, WM_CLI_ERROR, WM_CLI_ERROR_FAILED,
                   g_dngettext (GETTEXT_PACKAGE,
                                "%s is the only one who can read %u case: a new key pair would make it "
                                "unreadable for good. If the passphrase can still be found, share the case "
                                "with another account first; otherwise add --force.",
                                "%s is the only one who can read %u cases: a new key pair would make them "
                                "unreadable for good. If the passphrase can still be found, share the cases "
                                "with another account first; otherwise add --force.",
                                count),
                   user->name, count);
      return FALSE;
    }
  if (!force)
    {
      g_set_error (error, WM_CLI_ERROR, WM_CLI_ERROR_FAILED,
                   g_dngettext (GETTEXT_PACKAGE,
                                "%s is the only one who can read %u case: disabling the account would make "
                                "it unreadable for good. Have the case shared with another account first, or "
                                "add --force.",
                                "%s is the only one who can read %u cases: disabling the account would make "
                                "them unreadable for good. Have the cases shared with another account first, "
                                "or add --force.",
                                count),
                   user->name, count);
      return FALSE;
    }

  question = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "This makes %u case unreadable for good. To go on, type the "
                                           "account name, %s:",
                                           "This makes %u cases unreadable for good. To go on, type the "
                                           "account name, %s:",
                                           count),
                              count, user->name);
  return confirm_account_name (user, question, error);
}

static void
print_unreadable (guint count)
{
  if (count > 0)
    wm_cli_print (g_dngettext (GETTEXT_PACKAGE,
                               "%u case can no longer be read by anyone.\n",
                               "%u cases can no longer be read by anyone.\n", count),
                  count);
}

/* What a caseworker's supervisors run to share the cases again with an
 * account that holds none of them now (after a reset or while disabled):
 * only cases someone still holds can come back. */
static void
print_reshare_advice (WmCli        *cli,
                      const WmUser *user)
{
  g_autoptr(GPtrArray) users = NULL;
  g_autoptr(GHashTable) names = NULL;
  guint printed = 0;

  users = wm_cli_list_users (cli, &names, NULL);
  for (guint i = 0; user->role == WM_ROLE_CASEWORKER && names != NULL && user->supervisor_ids != NULL
                    && i < user->supervisor_ids->len; i++)
    {
      gint64 id = g_array_index (user->supervisor_ids, gint64, i);
      const char *supervisor = g_hash_table_lookup (names, &id);

      if (supervisor != NULL)
        {
          wm_cli_print (_("Supervisors must now share the cases again: waymark-cli --user %s reshare\n"),
                        supervisor);
          printed++;
        }
    }
  if (printed == 0)
    wm_cli_print (_("Anyone who still holds a case this account needs must share it with the account again.\n"));
}

const GOptionEntry wm_cli_user_add_options[] = {
  { "role", 'r', 0, G_OPTION_ARG_STRING, &role_text,
    N_("caseworker, supervisor or administrator"), N_("ROLE") },
  { "supervisor", 's', 0, G_OPTION_ARG_STRING_ARRAY, &supervisor_names,
    N_("A supervisor of the caseworker’s team; repeat for more than one"), N_("NAME") },
  G_OPTION_ENTRY_NULL
};

/* What "user add" found before the passphrase. */
static WmRole new_role;
static GArray *new_supervisor_ids;

WmCliNext
wm_cli_user_add_check (WmCli   *cli,
                       char   **args,
                       GError **error)
{
  if (!role_from_option (role_text, &new_role, error))
    return WM_CLI_FAILED;
  if (supervisor_names != NULL && new_role != WM_ROLE_CASEWORKER)
    {
      g_set_error_literal (error, WM_CLI_ERROR, WM_CLI_ERROR_USAGE,
                           _("Only a caseworker has supervisors. Leave out --supervisor."));
      return WM_CLI_FAILED;
    }
  return WM_CLI_GO_ON;
}

WmCliNext
wm_cli_user_add_prepare (WmCli   *cli,
                         char   **args,
                         GError **error)
{
  g_autoptr(GError) lookup_error = NULL;
  g_autoptr(WmUser) existing = NULL;
  const char *name = args[0];

  if (wm_cli_open_store (cli, error) == NULL)
    return WM_CLI_FAILED;
  existing = wm_store_lookup_user (cli->store, name, &lookup_error);
  if (existing != NULL && existing->disabled)
    {
      g_set_error (error, WM_STORE_ERROR, WM_STORE_ERROR_EXISTS,
                   _("There is already an account called “%s”, disabled. Enable it with "
                     "“waymark-cli user enable %s”, or choose another name."),
                   existing->name, existing->name);
      return WM_CLI_FAILED;
    }
  if (existing != NULL)
    {
      g_set_error (error, WM_STORE_ERROR, WM_STORE_ERROR_EXISTS,
                   _("There is already an account called “%s”. Choose another name."), name);
      return WM_CLI_FAILED;
    }
  if (!g_error_matches (lookup_error, WM_STORE_ERROR, WM_STORE_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&lookup_error));
      return WM_CLI_FAILED;
    }

  new_supervisor_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; supervisor_names != NULL && supervisor_names[i] != NULL; i++)
    {
      g_autoptr(WmUser) supervisor = lookup_user (cli, supervisor_names[i], error);

      if (supervisor == NULL)
        return WM_CLI_FAILED;
      if (supervisor->role != WM_ROLE_SUPERVISOR || supervisor->disabled)
        {
          g_set_error (error, WM_STORE_ERROR, WM_STORE_ERROR_INVALID,
                       _("“%s” is not an active supervisor. Choose an account with the supervisor role."),
                       supervisor->name);
          return WM_CLI_FAILED;
        }
      g_array_append_val (new_supervisor_ids, supervisor->id);
    }
  return WM_CLI_GO_ON;
}

gboolean
wm_cli_user_add_run (WmCli       *cli,
                     WmSession   *session,
                     char       **args,
                     GError     **error)
{
  g_autoptr(GArray) supervisor_ids = g_steal_pointer (&new_supervisor_ids);
  g_autoptr(WmSecret) passphrase = NULL;
  const char *name = args[0];
  gint64 user_id;

  passphrase = read_new_passphrase (name, error);
  if (passphrase == NULL)
    return FALSE;

  user_id = wm_session_add_user (session, name, new_role, secret_text (passphrase), error);
  if (user_id == 0)
    return FALSE;
  for (guint i = 0; i < supervisor_ids->len; i++)
    {
      if (!wm_session_add_supervisor (session, user_id, g_array_index (supervisor_ids, gint64, i), error))
        {
          g_prefix_error (error, _("The account %s was added, but not all its supervisors: "), name);
          return FALSE;
        }
    }

  wm_cli_print (_("Added %s, %s.\n"), name, wm_role_get_label (new_role));
  /* Allowed, since the team may not exist yet, but never silently: until
   * then each case of theirs is sealed to them alone. */
  if (new_role == WM_ROLE_CASEWORKER && supervisor_ids->len == 0)
    warn (_("Warning: nobody else can read the cases of %s until the account has a supervisor. "
            "Add one with “waymark-cli user supervisor add %s SUPERVISOR”."),
          name, name);
  return TRUE;
}

gboolean
wm_cli_user_list_run (WmCli       *cli,
                      WmSession   *no_session,
                      char       **args,
                      GError     **error)
{
  g_autoptr(GPtrArray) users = NULL;
  g_autoptr(GHashTable) names = NULL;

  users = wm_cli_list_users (cli, &names, error);
  if (users == NULL)
    return FALSE;

  for (guint i = 0; i < users->len; i++)
    {
      WmUser *user = g_ptr_array_index (users, i);
      g_autoptr(GString) supervisors = g_string_new (NULL);

      for (guint s = 0; user->supervisor_ids != NULL && s < user->supervisor_ids->len; s++)
        {
          gint64 id = g_array_index (user->supervisor_ids, gint64, s);
          const char *supervisor = g_hash_table_lookup (names, &id);

          if (supervisors->len > 0)
            g_string_append_c (supervisors, ',');
          if (supervisor != NULL)
            g_string_append (supervisors, supervisor);
          else
            g_string_append_printf (supervisors, "#%" G_GINT64_FORMAT, id);
        }

      /* Ids, not labels: this output is for scripts as much as people. */
      wm_cli_print ("%s\t%s\t%s\t%s\n", user->name, wm_role_to_string (user->role),
                    user->disabled ? "disabled" : "active", supervisors->str);
    }
  return TRUE;
}

gboolean
wm_cli_user_passwd_run (WmCli       *cli,
                        WmSession   *no_session,
                        char       **args,
                        GError     **error)
{
  g_autoptr(WmUser) user = NULL;
  g_autoptr(WmSecret) current = NULL;
  g_autoptr(WmSecret) replacement = NULL;
  g_autoptr(WmSession) session = NULL;
  g_autofree char *prompt = NULL;
  WmStore *store;

  user = lookup_user (cli, args[0], error);
  if (user == NULL)
    return FALSE;
  store = wm_cli_open_store (cli, error);
  if (store == NULL || !wm_store_check_writable (store, error))
    return FALSE;

  /* Not the sign-in of wm-cli.c: the current passphrase is needed again below,
   * since changing it proves it once more. */
  prompt = g_strdup_printf (_("Current passphrase for %s: "), user->name);
  current = wm_cli_read_passphrase (prompt, FALSE, error);
  if (current == NULL)
    return FALSE;
  session = wm_session_sign_in (store, user->name, secret_text (current), error);
  if (session == NULL)
    return FALSE;
  replacement = read_new_passphrase (user->name, error);
  if (replacement == NULL)
    return FALSE;
  if (!wm_session_change_passphrase (session, secret_text (current), secret_text (replacement), error))
    return FALSE;

  wm_cli_print (_("Changed the passphrase of %s.\n"), user->name);
  return TRUE;
}

const GOptionEntry wm_cli_user_disable_options[] = {
  { "force", 0, 0, G_OPTION_ARG_NONE, &force_option,
    N_("Disable the account even if it is the only one that can read some cases"), NULL },
  G_OPTION_ENTRY_NULL
};

/* The account NAME of "user disable", "user enable" and "user reset", and
 * how many cases only it can read, found before the passphrase. */
static WmUser *account;
static guint orphaned;

WmCliNext
wm_cli_user_disable_prepare (WmCli   *cli,
                             char   **args,
                             GError **error)
{
  account = lookup_user (cli, args[0], error);
  if (account == NULL)
    return WM_CLI_FAILED;
  if (account->disabled)
    {
      wm_cli_print (_("%s was already disabled.\n"), account->name);
      return WM_CLI_FINISHED;
    }
  if (!check_sole_holder (cli, account, force_option, FALSE, &orphaned, error))
    return WM_CLI_FAILED;
  return WM_CLI_GO_ON;
}

gboolean
wm_cli_user_disable_run (WmCli       *cli,
                         WmSession   *session,
                         char       **args,
                         GError     **error)
{
  g_autoptr(WmUser) user = g_steal_pointer (&account);

  if (!wm_session_disable_user_full (session, user->id,
                                     force_option ? WM_ACCOUNT_CHANGE_FORCE : WM_ACCOUNT_CHANGE_DEFAULT, error))
    return FALSE;

  wm_cli_print (_("Disabled %s: the account can no longer sign in, and holds no case keys any more.\n"), user->name);
  print_unreadable (orphaned);
  return TRUE;
}

const GOptionEntry wm_cli_user_reset_options[] = {
  { "force", 0, 0, G_OPTION_ARG_NONE, &force_option,
    N_("Reset the account even if it is the only one that can read some cases"), NULL },
  G_OPTION_ENTRY_NULL
};

WmCliNext
wm_cli_user_reset_prepare (WmCli   *cli,
                           char   **args,
                           GError **error)
{
  account = lookup_user (cli, args[0], error);
  if (account == NULL || !check_sole_holder (cli, account, force_option, TRUE, &orphaned, error))
    return WM_CLI_FAILED;
  return WM_CLI_GO_ON;
}

gboolean
wm_cli_user_reset_run (WmCli       *cli,
                       WmSession   *session,
                       char       **args,
                       GError     **error)
{
  g_autoptr(WmUser) user = g_steal_pointer (&account);
  g_autoptr(WmSecret) passphrase = NULL;

  passphrase = read_new_passphrase (user->name, error);
  if (passphrase == NULL)
    return FALSE;
  if (!wm_session_reset_user_full (session, user->id, secret_text (passphrase),
                                   force_option ? WM_ACCOUNT_CHANGE_FORCE : WM_ACCOUNT_CHANGE_DEFAULT, error))
    return FALSE;

  wm_cli_print (_("Gave %s a new key pair and passphrase. The account holds none of its cases now.\n"),
                user->name);
  print_unreadable (orphaned);
  /* Nobody can open the old seals, the administrator included: the cases
   * come back only when someone who holds them shares them again. */
  print_reshare_advice (cli, user);
  return TRUE;
}

WmCliNext
wm_cli_user_enable_prepare (WmCli   *cli,
                            char   **args,
                            GError **error)
{
  account = lookup_user (cli, args[0], error);
  if (account == NULL)
    return WM_CLI_FAILED;
  if (!account->disabled)
    {
      wm_cli_print (_("%s is already active.\n"), account->name);
      return WM_CLI_FINISHED;
    }
  return WM_CLI_GO_ON;
}

gboolean
wm_cli_user_enable_run (WmCli       *cli,
                        WmSession   *session,
                        char       **args,
                        GError     **error)
{
  g_autoptr(WmUser) user = g_steal_pointer (&account);

  if (!wm_session_enable_user (session, user->id, error))
    return FALSE;

  wm_cli_print (_("Enabled %s: the account can sign in again with its passphrase, but holds none of its "
                  "cases until they are shared with it again.\n"), user->name);
  print_reshare_advice (cli, user);
  return TRUE;
}

static gboolean
has_supervisor (const WmUser *user,
                gint64        supervisor_id)
{
  for (guint i = 0; user->supervisor_ids != NULL && i < user->supervisor_ids->len; i++)
    {
      if (g_array_index (user->supervisor_ids, gint64, i) == supervisor_id)
        return TRUE;
    }
  return FALSE;
}

/* What "user supervisor" found before the passphrase. */
static gboolean adding;
static WmUser *team_caseworker;
static WmUser *team_supervisor;

WmCliNext
wm_cli_user_supervisor_check (WmCli   *cli,
                              char   **args,
                              GError **error)
{
  if (!g_str_equal (args[0], "add") && !g_str_equal (args[0], "remove"))
    {
      g_set_error (error, WM_CLI_ERROR, WM_CLI_ERROR_USAGE,
                   _("Say “add” or “remove”, not “%s”: waymark-cli user supervisor add CASEWORKER SUPERVISOR."),
                   args[0]);
      return WM_CLI_FAILED;
    }
  adding = g_str_equal (args[0], "add");
  return WM_CLI_GO_ON;
}

WmCliNext
wm_cli_user_supervisor_prepare (WmCli   *cli,
                                char   **args,
                                GError **error)
{
  if ((team_caseworker = lookup_user (cli, args[1], error)) == NULL
      || (team_supervisor = lookup_user (cli, args[2], error)) == NULL)
    return WM_CLI_FAILED;

  if (adding)
    {
      if (team_caseworker->role != WM_ROLE_CASEWORKER)
        {
          g_set_error (error, WM_STORE_ERROR, WM_STORE_ERROR_INVALID,
                       _("Only a caseworker has supervisors, and “%s” is not one. Choose a caseworker."),
                       team_caseworker->name);
          return WM_CLI_FAILED;
        }
      if (team_supervisor->role != WM_ROLE_SUPERVISOR || team_supervisor->disabled)
        {
          g_set_error (error, WM_STORE_ERROR, WM_STORE_ERROR_INVALID,
                       _("“%s” is not an active supervisor. Choose an account with the supervisor role."),
                       team_supervisor->name);
          return WM_CLI_FAILED;
        }
      if (has_supervisor (team_caseworker, team_supervisor->id))
        {
          wm_cli_print (_("%s already supervises %s.\n"), team_supervisor->name, team_caseworker->name);
          return WM_CLI_FINISHED;
        }
    }
  else if (!has_supervisor (team_caseworker, team_supervisor->id))
    {
      g_set_error (error, WM_STORE_ERROR, WM_STORE_ERROR_NOT_FOUND,
                   _("“%s” is not a supervisor of “%s”. Check the names."),
                   team_supervisor->name, team_caseworker->name);
      return WM_CLI_FAILED;
    }
  return WM_CLI_GO_ON;
}

gboolean
wm_cli_user_supervisor_run (WmCli       *cli,
                            WmSession   *session,
                            char       **args,
                            GError     **error)
{
  g_autoptr(WmUser) caseworker = g_steal_pointer (&team_caseworker);
  g_autoptr(WmUser) supervisor = g_steal_pointer (&team_supervisor);

  if (adding)
    {
      if (!wm_session_add_supervisor (session, caseworker->id, supervisor->id, error))
        return FALSE;
      wm_cli_print (_("%s now supervises %s: cases created from now on are shared with them too. "
                      "Cases that exist already are not.\n"),
                    supervisor->name, caseworker->name);
    }
  else
    {
      if (!wm_session_remove_supervisor (session, caseworker->id, supervisor->id, error))
        return FALSE;
      /* Removing the link takes no key away: say so, since a person
       * might expect the opposite. */
      wm_cli_print (_("%s no longer supervises %s: cases created from now on are not shared with them. "
                      "Cases they hold already stay readable to them until each is unshared.\n"),
                    supervisor->name, caseworker->name);
    }
  return TRUE;
}

gboolean
wm_cli_reshare_run (WmCli       *cli,
                    WmSession   *session,
                    char       **args,
                    GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  guint shared;

  shared = wm_session_reshare_team_cases (session, &local_error);
  if (local_error != NULL)
    {
      g_propagate_prefixed_error (error, g_steal_pointer (&local_error),
                                  g_dngettext (GETTEXT_PACKAGE,
                                               "Shared %u case, then stopped: ",
                                               "Shared %u cases, then stopped: ", shared),
                                  shared);
      return FALSE;
    }

  wm_cli_print (g_dngettext (GETTEXT_PACKAGE,
                             "Shared %u case again with its caseworker.\n",
                             "Shared %u cases again with their caseworkers.\n", shared),
                shared);
  return TRUE;
}
