/* wm-uninstalled.h — finding the build tree's data when run from it
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

const char *wm_uninstalled_build_root (void);
char       *wm_dup_locale_dir         (void);

G_END_DECLS
