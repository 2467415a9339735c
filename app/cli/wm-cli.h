/* wm-cli.h — what waymark-cli's commands share: options, store, sign-in, output
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "wm-session.h"
#include "wm-store.h"

G_BEGIN_DECLS

#define WM_CLI_ERROR (wm_cli_error_quark ())

/* A usage error exits with status 2, anything else with 1, as most Unix
 * tools do, so a script can tell "you called it wrong" from "it failed". */
typedef enum
{
  WM_CLI_ERROR_USAGE,
  WM_CLI_ERROR_FAILED,
} WmCliError;

GQuark wm_cli_error_quark (void);

typedef struct
{
  char    *database;  /* --database, or NULL for the default */
  char    *user;      /* --user */
  WmStore *store;     /* opened on first use */
} WmCli;

typedef struct _WmCliCommand WmCliCommand;

/* Whether a command signs in as the account named with --user. Only those
 * that do offer --user: "init" signs in nobody, "user list" and "audit
 * --verify" read what needs no key, and "user passwd NAME" signs in as
 * NAME, itself. */
typedef enum
{
  WM_CLI_NO_USER,
  WM_CLI_AS_USER,
} WmCliSignIn;

/* Who may run a command that signs in, checked once signed in and before
 * the command does anything. A command whose rule depends on more than
 * the role (who may assign cases to whom) says so in its own code. */
typedef enum
{
  WM_CLI_ANY_ROLE      = 0,
  WM_CLI_CASEWORKER    = 1 << WM_ROLE_CASEWORKER,
  WM_CLI_SUPERVISOR    = 1 << WM_ROLE_SUPERVISOR,
  WM_CLI_ADMINISTRATOR = 1 << WM_ROLE_ADMINISTRATOR,
} WmCliRoles;

/* What a command's first check decided. */
typedef enum
{
  WM_CLI_FAILED,    /* @error is set */
  WM_CLI_GO_ON,     /* go on to sign in (for WM_CLI_AS_USER) and run */
  WM_CLI_FINISHED,  /* done without signing in: "audit --verify", "import --dry-run" */
} WmCliNext;

/* A command runs in steps, as keepassxc-cli's DatabaseCommand unlocks the
 * database once and then runs the command: wm-cli.c parses the options
 * and counts the arguments, calls @check (usage, and what needs no
 * account), then, for a command that signs in, requires --user, calls
 * @prepare (what needs the database but no passphrase: a slip should
 * cost a second, not an Argon2id derivation and a prompt), signs in,
 * checks @roles, and calls @run with the session. @args are the
 * positional arguments, NULL-terminated. */
typedef WmCliNext (*WmCliCheckFunc)   (WmCli      *cli,
                                       char      **args,
                                       GError    **error);
typedef WmCliNext (*WmCliPrepareFunc) (WmCli      *cli,
                                       char      **args,
                                       GError    **error);
typedef gboolean  (*WmCliRunFunc)     (WmCli      *cli,
                                       WmSession  *session,
                                       char      **args,
                                       GError    **error);

struct _WmCliCommand
{
  const char         *name;         /* "user add" */
  const char         *parameters;   /* N_(): "NAME", or NULL */
  const char         *summary;      /* N_(): one line for --help */
  const char         *passphrases;  /* N_(): which passphrases it reads, or NULL */
  const GOptionEntry *options;      /* the command's own, or NULL */
  int                 min_args;
  int                 max_args;
  WmCliSignIn         sign_in;
  WmCliRoles          roles;        /* for WM_CLI_AS_USER */
  const char         *refused;      /* N_(): what is said to another role, or NULL for the usual */
  const char         *action;       /* N_(): for the usual: "make a backup"; NULL: "do this" */
  WmCliCheckFunc      check;        /* or NULL */
  WmCliPrepareFunc    prepare;      /* or NULL; may finish too ("already disabled") */
  WmCliRunFunc        run;
};

WmStore    *wm_cli_open_store        (WmCli               *cli,
                                      GError             **error);
GPtrArray  *wm_cli_list_users        (WmCli               *cli,
                                      GHashTable         **out_names,
                                      GError             **error);
void        wm_cli_print             (const char          *format,
                                      ...) G_GNUC_PRINTF (1, 2);
char       *wm_cli_format_time       (gint64               usec);

/* The commands' steps and options (see WmCliCommand), by file. */
extern const GOptionEntry wm_cli_init_options[];
extern const GOptionEntry wm_cli_user_add_options[];
extern const GOptionEntry wm_cli_user_disable_options[];
extern const GOptionEntry wm_cli_user_reset_options[];
gboolean  wm_cli_init_run               (WmCli *cli, WmSession *session, char **args, GError **error);
WmCliNext wm_cli_user_add_check         (WmCli *cli, char **args, GError **error);
WmCliNext wm_cli_user_add_prepare       (WmCli *cli, char **args, GError **error);
gboolean  wm_cli_user_add_run           (WmCli *cli, WmSession *session, char **args, GError **error);
gboolean  wm_cli_user_list_run          (WmCli *cli, WmSession *session, char **args, GError **error);
gboolean  wm_cli_user_passwd_run        (WmCli *cli, WmSession *session, char **args, GError **error);
WmCliNext wm_cli_user_disable_prepare   (WmCli *cli, char **args, GError **error);
gboolean  wm_cli_user_disable_run       (WmCli *cli, WmSession *session, char **args, GError **error);
WmCliNext wm_cli_user_enable_prepare    (WmCli *cli, char **args, GError **error);
gboolean  wm_cli_user_enable_run        (WmCli *cli, WmSession *session, char **args, GError **error);
WmCliNext wm_cli_user_reset_prepare     (WmCli *cli, char **args, GError **error);
gboolean  wm_cli_user_reset_run         (WmCli *cli, WmSession *session, char **args, GError **error);
WmCliNext wm_cli_user_supervisor_check  (WmCli *cli, char **args, GError **error);
WmCliNext wm_cli_user_supervisor_prepare (WmCli *cli, char **args, GError **error);
gboolean  wm_cli_user_supervisor_run    (WmCli *cli, WmSession *session, char **args, GError **error);
gboolean  wm_cli_reshare_run            (WmCli *cli, WmSession *session, char **args, GError **error);

extern const GOptionEntry wm_cli_demo_options[];
extern const GOptionEntry wm_cli_list_options[];
extern const GOptionEntry wm_cli_show_options[];
WmCliNext wm_cli_demo_check             (WmCli *cli, char **args, GError **error);
gboolean  wm_cli_demo_run               (WmCli *cli, WmSession *session, char **args, GError **error);
gboolean  wm_cli_list_run               (WmCli *cli, WmSession *session, char **args, GError **error);
gboolean  wm_cli_show_run               (WmCli *cli, WmSession *session, char **args, GError **error);
GPtrArray *wm_cli_list_caseworkers      (WmCli *cli, WmSession *session, GError **error);

extern const GOptionEntry wm_cli_import_options[];
WmCliNext wm_cli_import_check           (WmCli *cli, char **args, GError **error);
WmCliNext wm_cli_import_prepare         (WmCli *cli, char **args, GError **error);
gboolean  wm_cli_import_run             (WmCli *cli, WmSession *session, char **args, GError **error);

extern const GOptionEntry wm_cli_audit_options[];
gboolean  wm_cli_verify_run             (WmCli *cli, WmSession *session, char **args, GError **error);
WmCliNext wm_cli_backup_prepare         (WmCli *cli, char **args, GError **error);
gboolean  wm_cli_backup_run             (WmCli *cli, WmSession *session, char **args, GError **error);
WmCliNext wm_cli_restore_prepare        (WmCli *cli, char **args, GError **error);
gboolean  wm_cli_restore_run            (WmCli *cli, WmSession *session, char **args, GError **error);
WmCliNext wm_cli_audit_check            (WmCli *cli, char **args, GError **error);
gboolean  wm_cli_audit_run              (WmCli *cli, WmSession *session, char **args, GError **error);

extern const GOptionEntry wm_cli_instrument_score_options[];
gboolean  wm_cli_instrument_check_run   (WmCli *cli, WmSession *session, char **args, GError **error);
gboolean  wm_cli_instrument_score_run   (WmCli *cli, WmSession *session, char **args, GError **error);

extern const GOptionEntry wm_cli_referral_options[];
gboolean  wm_cli_partner_list_run       (WmCli *cli, WmSession *session, char **args, GError **error);
gboolean  wm_cli_partner_seed_run       (WmCli *cli, WmSession *session, char **args, GError **error);
gboolean  wm_cli_reviews_run            (WmCli *cli, WmSession *session, char **args, GError **error);
WmCliNext wm_cli_reviews_set_check      (WmCli *cli, char **args, GError **error);
gboolean  wm_cli_reviews_set_run        (WmCli *cli, WmSession *session, char **args, GError **error);
WmCliNext wm_cli_referral_check         (WmCli *cli, char **args, GError **error);
gboolean  wm_cli_referral_run           (WmCli *cli, WmSession *session, char **args, GError **error);

G_END_DECLS
