/* wm-bench-sql.h — the unencrypted twin of Waymark's schema, for the plain
 * SQLite floor and for SQLCipher
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "wm-bench-util.h"

G_BEGIN_DECLS

/* Builds or measures one engine, as @options say, printing JSON lines;
 * returns the process's exit status. wm-bench-sql.c is compiled once per
 * SQLite: against the system's for "plain" (in bench-store) and against
 * SQLCipher's, with SQLITE_HAS_CODEC, for "sqlcipher". */
int wm_bench_sql_run (WmBenchOptions *options);

G_END_DECLS
