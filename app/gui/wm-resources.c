/* wm-resources.c — registers Waymark's compiled-in resources
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The resources are compiled with --manual-register: a constructor in a
 * static library is dropped by the linker unless something references its
 * object file, so the application and the widget tests register the bundle
 * explicitly, and more than once is harmless.
 */

#define G_LOG_DOMAIN "wm-resources"

#include "config.h"

#include <gio/gio.h>

#include "waymark-resources.h"
#include "wm-resources.h"

/**
 * wm_resources_register:
 *
 * Registers the templates, style sheet, shortcuts window and icons under
 * /org/waymark/Waymark/. Safe to call any number of times, from any thread.
 */
void
wm_resources_register (void)
{
  static gsize registered = 0;

  if (g_once_init_enter (&registered))
    {
      waymark_register_resource ();
      g_once_init_leave (&registered, 1);
    }
}
