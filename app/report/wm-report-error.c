/* wm-report-error.c — the report code's error domain
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wm-report"

#include "config.h"

#include "wm-report-error.h"

G_DEFINE_QUARK (wm-report-error-quark, wm_report_error)
