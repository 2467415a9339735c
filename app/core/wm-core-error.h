/* wm-core-error.h — the domain code's error domain: codes a form can act on
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define WM_CORE_ERROR (wm_core_error_quark ())

/* Messages in this domain are translatable, say what to do, and never repeat
 * the value that was wrong: it may be a young person's date of birth, and
 * messages end up in logs and on standard error. They name the field. */
typedef enum
{
  WM_CORE_ERROR_INVALID_DATE,   /* not YYYY-MM-DD, or no such day */
  WM_CORE_ERROR_FUTURE_DATE,    /* a date that cannot be after today */
  WM_CORE_ERROR_MISSING,        /* a required field is absent or empty */
  WM_CORE_ERROR_WRONG_TYPE,     /* a field holds the wrong GVariant type */
  WM_CORE_ERROR_UNKNOWN_VALUE,  /* a value outside the field's vocabulary */
  WM_CORE_ERROR_CONSTRAINT,     /* a rule of the instrument is broken */
} WmCoreError;

GQuark wm_core_error_quark (void);

G_END_DECLS
