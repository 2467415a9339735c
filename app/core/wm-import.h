/* wm-import.h — young people read from a CSV file, checked, ready to create
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The limits of one import, each refused with a message that says so. */
#define WM_IMPORT_MAX_BYTES    (50 * 1024 * 1024)  /* the file */
#define WM_IMPORT_MAX_ROWS     100000              /* records after the header */
#define WM_IMPORT_MAX_FIELD    32768               /* bytes of one value */
#define WM_IMPORT_MAX_COLUMNS  256                 /* values of one record */

#define WM_IMPORT_ERROR (wm_import_error_quark ())

/* Whole-file failures: nothing of the file can be used. A bad row is not
 * an error; it is a rejected row (WmImportRow.reason). */
typedef enum
{
  WM_IMPORT_ERROR_TOO_LARGE,    /* over WM_IMPORT_MAX_BYTES or WM_IMPORT_MAX_ROWS */
  WM_IMPORT_ERROR_NOT_TEXT,     /* binary data, UTF-16, or not UTF-8 nor Windows-1252 */
  WM_IMPORT_ERROR_MALFORMED,    /* a quote never closed, a value over WM_IMPORT_MAX_FIELD */
  WM_IMPORT_ERROR_NO_HEADER,    /* no column for a name and the date of birth */
  WM_IMPORT_ERROR_EMPTY,        /* a header and no rows, or nothing at all */
} WmImportError;

GQuark wm_import_error_quark (void);

typedef enum
{
  WM_IMPORT_ENCODING_UTF8,          /* valid UTF-8, no byte order mark */
  WM_IMPORT_ENCODING_UTF8_BOM,      /* UTF-8 after a byte order mark (Excel's "CSV UTF-8") */
  WM_IMPORT_ENCODING_WINDOWS_1252,  /* not valid UTF-8: read as Excel's plain "CSV" on Windows */
} WmImportEncoding;

/* One column of the header, in file order. */
typedef struct
{
  char       *header;    /* as the file spells it, in UTF-8 */
  const char *field;     /* the WM_PROFILE_* key it fills, or NULL when ignored */
  gboolean    repeated;  /* ignored because an earlier column fills the same field */
} WmImportColumn;

/* One record after the header, in file order; empty lines are not rows. */
typedef struct
{
  guint      line;      /* the physical line, from 1, the record starts on */
  GVariant  *profile;   /* the a{sv} profile when valid, else NULL */
  char      *reason;    /* why it was rejected, translated; NULL when valid */
  GPtrArray *warnings;  /* (element-type utf8) what a form would point out but accept
                         * (wm_person_collect_warnings()); NULL when rejected */
} WmImportRow;

#define WM_TYPE_IMPORT (wm_import_get_type ())

G_DECLARE_FINAL_TYPE (WmImport, wm_import, WM, IMPORT, GObject)

WmImport         *wm_import_new_from_file        (GFile             *file,
                                                  const GDate       *today,
                                                  GCancellable      *cancellable,
                                                  GError           **error);
WmImport         *wm_import_new_from_bytes       (GBytes            *bytes,
                                                  const GDate       *today,
                                                  GError           **error);
WmImportEncoding  wm_import_get_encoding         (WmImport          *self);
GPtrArray        *wm_import_get_columns          (WmImport          *self);
GPtrArray        *wm_import_get_rows             (WmImport          *self);
guint             wm_import_get_n_valid          (WmImport          *self);
guint             wm_import_get_n_rejected       (WmImport          *self);
GPtrArray        *wm_import_dup_profiles         (WmImport          *self);
guint             wm_import_check_existing       (WmImport          *self,
                                                  const char        *reference,
                                                  GVariant          *profile);
const char       *wm_import_encoding_get_label   (WmImportEncoding   encoding);

G_END_DECLS
