/* wm-record.h — records: kinds, the sealed envelope, and what a read returns
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  WM_RECORD_PROFILE = 1,
  WM_RECORD_CONTACT = 2,
  WM_RECORD_ASSESSMENT = 3,
  WM_RECORD_PLAN = 4,
  WM_RECORD_REFERRAL = 5,
  WM_RECORD_CLOSURE = 6,
} WmRecordKind;

#define WM_RECORD_KIND_LAST WM_RECORD_CLOSURE

/* Every record's payload is a dictionary; what keys each kind holds is the
 * business of app/core. The store checks the type on the way in and, since
 * the file is untrusted, the type and normal form on the way out. */
#define WM_RECORD_PAYLOAD_TYPE G_VARIANT_TYPE_VARDICT

const char *wm_record_kind_to_string   (WmRecordKind  kind);
const char *wm_record_kind_get_label   (WmRecordKind  kind);
gboolean    wm_record_kind_from_string (const char   *text,
                                        WmRecordKind *out_kind);

/* One version of one record. When the version could not be opened (it was
 * altered, damaged, or is of the wrong shape) payload is NULL and error says
 * why; the rest of the case still reads. */
typedef struct
{
  gint64        case_id;
  gint64        record_id;
  WmRecordKind  kind;
  guint         version;
  gint64        author_id;
  gboolean      immutable;     /* submitted by its author, or approved */
  gint64        approved_by;   /* the supervisor who approved it, or 0 */
  gint64        amends_id;     /* the record this one amends, or 0 */
  gint64        written_usec;  /* from inside the ciphertext */
  GVariant     *payload;       /* a{sv}, or NULL with error set */
  GError       *error;
} WmRecord;

WmRecord *wm_record_copy (const WmRecord *record);
void wm_record_free (WmRecord *record);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WmRecord, wm_record_free)

/* What binds a ciphertext to its place: moved to another database, case,
 * record, kind or version, it no longer opens. */
typedef struct
{
  const guint8 *database_id;  /* WM_DATABASE_ID_SIZE bytes */
  gint64        case_id;
  gint64        record_id;
  WmRecordKind  kind;
  guint         version;
} WmRecordBinding;

/* The sealed form: nonce || XChaCha20-Poly1305-IETF(serialised "v" holding
 * "(xa{sv})" = written time and payload). */
GBytes   *wm_record_seal  (const guint8          *case_key,
                           const WmRecordBinding *binding,
                           gint64                 written_usec,
                           GVariant              *payload,
                           GError               **error);
/* XChaCha20-Poly1305 with associated data, as records and caseload cards
 * are sealed; what opens is in memory wiped when its last reference goes. */
GBytes   *wm_aead_seal    (const guint8 *key,
                           const guint8 *ad,
                           gsize         ad_size,
                           const guint8 *plain,
                           gsize         plain_size);
GBytes   *wm_aead_open    (const guint8 *key,
                           const guint8 *ad,
                           gsize         ad_size,
                           const guint8 *sealed,
                           gsize         sealed_size);
GBytes   *wm_record_seal_serialised (const guint8          *case_key,
                                     const WmRecordBinding *binding,
                                     GBytes                *serialised);
GVariant *wm_record_open  (const guint8          *case_key,
                           const WmRecordBinding *binding,
                           const guint8          *sealed,
                           gsize                  sealed_size,
                           gint64                *out_written_usec,
                           GError               **error);

G_END_DECLS
