/* wm-uninstalled.c — finding the build tree's data when run from it
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A developer runs _build/app/waymark or _build/app/cli/waymark-cli
 * straight from the build folder, where nothing is installed: the settings
 * schema is compiled into <build>/data and the catalogues into <build>/po.
 * The executables look there when, and only when, the running executable
 * itself lives in the build tree it was built in; an installed copy never
 * does, so it only ever reads the installed data.
 */

#define G_LOG_DOMAIN "wm-core"

#include "config.h"

#include "wm-uninstalled.h"

/**
 * wm_uninstalled_build_root:
 *
 * Returns: (nullable): the build tree the running executable was built in
 *   and is running from, or %NULL when it runs installed
 */
const char *
wm_uninstalled_build_root (void)
{
  static const char *build_root = NULL;
  static gsize initialised = 0;

  if (g_once_init_enter (&initialised))
    {
      g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);
      g_autofree char *prefix = g_strconcat (WAYMARK_BUILD_ROOT, G_DIR_SEPARATOR_S, NULL);

      if (exe != NULL && g_str_has_prefix (exe, prefix))
        build_root = WAYMARK_BUILD_ROOT;
      g_once_init_leave (&initialised, 1);
    }

  return build_root;
}

/**
 * wm_dup_locale_dir:
 *
 * The folder of the message catalogues: $WAYMARK_LOCALEDIR when set (the
 * tests point it at a build tree), the build tree's when running from it,
 * and the installed one otherwise.
 *
 * Returns: (transfer full): the folder to bind the text domain to
 */
char *
wm_dup_locale_dir (void)
{
  const char *from_environment = g_getenv ("WAYMARK_LOCALEDIR");
  const char *build_root = wm_uninstalled_build_root ();

  if (from_environment != NULL && *from_environment != '\0')
    return g_strdup (from_environment);
  if (build_root != NULL)
    return g_build_filename (build_root, "po", NULL);
  return g_strdup (LOCALEDIR);
}
