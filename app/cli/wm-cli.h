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
 * NAME. */
typedef enum
{
  WM_CLI_NO_USER,
  WM_CLI_AS_USER,
} WmCliSignIn;

typedef gboolean (*WmCliCommandFunc) (WmCli               *cli,
                                      const WmCliCommand  *command,
                                      int                  argc,
                                      char               **argv,
                                      GError             **error);

struct _WmCliCommand
{
  const char       *name;        /* "user add" */
  const char       *parameters;  /* "NAME", or NULL */
  const char       *summary;     /* N_(): one line for --help */
  const char       *passphrases; /* N_(): which passphrases it reads, or NULL */
  WmCliSignIn       sign_in;
  WmCliCommandFunc  run;
};

gboolean    wm_cli_parse             (WmCli               *cli,
                                      const WmCliCommand  *command,
                                      const GOptionEntry  *entries,
                                      int                 *argc,
                                      char              ***argv,
                                      int                  min_args,
                                      int                  max_args,
                                      GError             **error);
WmStore    *wm_cli_open_store        (WmCli               *cli,
                                      GError             **error);
const char *wm_cli_require_user      (WmCli               *cli,
                                      GError             **error);
WmSession  *wm_cli_sign_in           (WmCli               *cli,
                                      const char          *user_name,
                                      GError             **error);
gboolean    wm_cli_require_role      (WmSession           *session,
                                      WmRole               role,
                                      const char          *action,
                                      GError             **error);
GPtrArray  *wm_cli_list_users        (WmCli               *cli,
                                      GHashTable         **out_names,
                                      GError             **error);
void        wm_cli_print             (const char          *format,
                                      ...) G_GNUC_PRINTF (1, 2);
char       *wm_cli_format_time       (gint64               usec);

/* The commands, one function each. */
gboolean wm_cli_init         (WmCli *cli, const WmCliCommand *command, int argc, char **argv, GError **error);
gboolean wm_cli_user_add     (WmCli *cli, const WmCliCommand *command, int argc, char **argv, GError **error);
gboolean wm_cli_user_list    (WmCli *cli, const WmCliCommand *command, int argc, char **argv, GError **error);
gboolean wm_cli_user_passwd  (WmCli *cli, const WmCliCommand *command, int argc, char **argv, GError **error);
gboolean wm_cli_user_disable (WmCli *cli, const WmCliCommand *command, int argc, char **argv, GError **error);
gboolean wm_cli_user_reset   (WmCli *cli, const WmCliCommand *command, int argc, char **argv, GError **error);
gboolean wm_cli_user_enable  (WmCli *cli, const WmCliCommand *command, int argc, char **argv, GError **error);
gboolean wm_cli_user_supervisor (WmCli *cli, const WmCliCommand *command, int argc, char **argv, GError **error);
gboolean wm_cli_reshare      (WmCli *cli, const WmCliCommand *command, int argc, char **argv, GError **error);
gboolean wm_cli_demo         (WmCli *cli, const WmCliCommand *command, int argc, char **argv, GError **error);
gboolean wm_cli_list         (WmCli *cli, const WmCliCommand *command, int argc, char **argv, GError **error);
gboolean wm_cli_show         (WmCli *cli, const WmCliCommand *command, int argc, char **argv, GError **error);
gboolean wm_cli_verify       (WmCli *cli, const WmCliCommand *command, int argc, char **argv, GError **error);
gboolean wm_cli_backup       (WmCli *cli, const WmCliCommand *command, int argc, char **argv, GError **error);
gboolean wm_cli_restore      (WmCli *cli, const WmCliCommand *command, int argc, char **argv, GError **error);
gboolean wm_cli_audit        (WmCli *cli, const WmCliCommand *command, int argc, char **argv, GError **error);

G_END_DECLS
