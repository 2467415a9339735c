/* wm-core-error.c — the domain code's error domain
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wm-core"

#include "config.h"

#include "wm-core-error.h"

G_DEFINE_QUARK (wm-core-error-quark, wm_core_error)
