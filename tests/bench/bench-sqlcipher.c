/* bench-sqlcipher.c — the store benchmark's SQLCipher engine
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A program of its own because SQLCipher replaces SQLite's sqlite3_*
 * symbols: linked beside libwaymark (and so the system's SQLite), one of
 * the two would silently win. This program links SQLCipher and GLib only;
 * the work is wm-bench-sql.c, compiled here against SQLCipher's header.
 * run-store-bench.py runs it with the same seed and size as bench-store.
 */

#define G_LOG_DOMAIN "wm-bench"

#include "config.h"

#include <locale.h>

#include "wm-bench-sql.h"

int
main (int   argc,
      char *argv[])
{
  WmBenchOptions options;
  g_autoptr(GError) error = NULL;
  int status;

  setlocale (LC_ALL, "C");
  if (!wm_bench_options_parse (&options, &argc, &argv, &error))
    {
      g_printerr ("bench-sqlcipher: %s\n", error->message);
      return 2;
    }
  status = wm_bench_sql_run (&options);
  wm_bench_options_clear (&options);
  return status;
}
