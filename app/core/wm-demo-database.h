/* wm-demo-database.h — a whole demo organisation: accounts, a team and synthetic young people
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "wm-session.h"
#include "wm-store.h"

G_BEGIN_DECLS

/* Every demo account has this passphrase: the data is made up, and the
 * file exists to be looked at. build-aux/run uses the same one. */
#define WM_DEMO_PASSPHRASE "heather moss granite lantern"

/* How many young people a demo database gets unless told otherwise. */
#define WM_DEMO_DEFAULT_PEOPLE 50

/* The most young people one call makes (as waymark-cli demo allows). */
#define WM_DEMO_MAX_PEOPLE 10000

/* One account of the demo organisation. supervisor names the account that
 * supervises a caseworker, or is %NULL. */
typedef struct
{
  const char *name;
  WmRole      role;
  const char *supervisor;
} WmDemoAccount;

/* The demo accounts, in the order they are made, ending in { NULL }:
 * the administrator first, then the supervisor, then the caseworkers. */
extern const WmDemoAccount wm_demo_accounts[];

/* Progress: @done of @total units of work. Called on the thread doing the
 * work; for wm_demo_add_people() the units are young people. */
typedef void (*WmDemoProgressFunc) (guint    done,
                                    guint    total,
                                    gpointer user_data);

gboolean  wm_demo_add_people           (WmSession           *session,
                                        GPtrArray           *caseworkers,
                                        guint                n_people,
                                        guint32              seed,
                                        const GDate         *today,
                                        GCancellable        *cancellable,
                                        WmDemoProgressFunc   progress,
                                        gpointer             user_data,
                                        guint               *out_done,
                                        GError             **error);

WmStore  *wm_demo_database_create      (const char          *path,
                                        guint                n_people,
                                        guint32              seed,
                                        const GDate         *today,
                                        GCancellable        *cancellable,
                                        WmDemoProgressFunc   progress,
                                        gpointer             user_data,
                                        GError             **error);

char     *wm_demo_database_new_path    (GError             **error);
gboolean  wm_demo_database_remove      (const char          *path,
                                        GError             **error);

G_END_DECLS
