/* wm-store-error.h — the store's error domain: codes a caller can act on
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define WM_STORE_ERROR (wm_store_error_quark ())

/* Every message in this domain is translatable, says what to do, and never
 * carries personal data: only database paths, case references, record ids
 * and staff account names. */
typedef enum
{
  WM_STORE_ERROR_NOT_FOUND,         /* no such file, user, case or record */
  WM_STORE_ERROR_EXISTS,            /* refusing to overwrite */
  WM_STORE_ERROR_NOT_A_DATABASE,    /* not Waymark's, truncated or damaged */
  WM_STORE_ERROR_TOO_NEW,           /* written by a newer Waymark; untouched */
  WM_STORE_ERROR_IO,                /* SQLite or the file system failed */
  WM_STORE_ERROR_WRONG_PASSPHRASE,  /* name or passphrase wrong */
  WM_STORE_ERROR_RATE_LIMITED,      /* too many failures: wait, then retry */
  WM_STORE_ERROR_DISABLED,          /* the account was disabled */
  WM_STORE_ERROR_WEAK_PASSPHRASE,   /* too short or too common */
  WM_STORE_ERROR_PERMISSION,        /* the role does not allow this */
  WM_STORE_ERROR_NO_ACCESS,         /* the case is not shared with this user */
  WM_STORE_ERROR_CORRUPT,           /* a record or key fails to authenticate */
  WM_STORE_ERROR_INVALID,           /* a payload or argument of the wrong shape */
  WM_STORE_ERROR_IMMUTABLE,         /* approved: amend instead */
  WM_STORE_ERROR_LOCKED,            /* the session was locked: unlock first */
  WM_STORE_ERROR_STALE,             /* changed since the caller read it: read again */
  WM_STORE_ERROR_TOO_OLD,           /* made by a development version: untouched */
  WM_STORE_ERROR_ROLLED_BACK,       /* older than this device has seen: not used */
} WmStoreError;

GQuark wm_store_error_quark (void);

G_END_DECLS
