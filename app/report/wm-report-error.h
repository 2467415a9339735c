/* wm-report-error.h — the report code's error domain: codes a caller can act on
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define WM_REPORT_ERROR (wm_report_error_quark ())

/* Messages in this domain are translatable and say what to do. They never
 * repeat a file's contents, a young person's details or a password: they
 * end up on standard error and in logs. */
typedef enum
{
  WM_REPORT_ERROR_INCOMPLETE,   /* a referral lacks what it must record (lawful basis, reason...) */
  WM_REPORT_ERROR_WRITE,        /* the file could not be written; nothing was left behind */
  WM_REPORT_ERROR_PROTECT,      /* password protection failed; nothing was written */
} WmReportError;

GQuark wm_report_error_quark (void);

G_END_DECLS
