/* wm-signed.h — signed statements about cases, for the store's own modules
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wm-record.h"
#include "wm-session-private.h"

G_BEGIN_DECLS

#define WM_COMMITMENT_SIZE 32
#define WM_SIGNATURE_SIZE 64

void      wm_signed_set_altered     (GError               **error,
                                     const char            *reference);
void      wm_signed_key_commitment  (WmStore               *store,
                                     gint64                 case_id,
                                     const guint8          *case_key,
                                     guint8                *out_commitment);
gboolean  wm_signed_certify_case    (WmSession             *session,
                                     gint64                 case_id,
                                     const guint8          *case_key,
                                     GError               **error);
gboolean  wm_signed_grant           (WmSession             *session,
                                     gint64                 case_id,
                                     gint64                 recipient_id,
                                     gint64                 recipient_generation,
                                     const guint8          *recipient_public_key,
                                     guint8                *out_signature,
                                     GError               **error);
gboolean  wm_signed_check_case_key  (WmSession             *session,
                                     gint64                 case_id,
                                     const guint8          *case_key,
                                     gboolean               check_grant,
                                     GError               **error);

void      wm_signed_sign_version    (WmSession             *session,
                                     const WmRecordBinding *binding,
                                     gint64                 amends_id,
                                     gboolean               frozen,
                                     const guint8          *sealed,
                                     gsize                  sealed_size,
                                     guint8                *out_signature);
gboolean  wm_signed_check_version   (WmStore               *store,
                                     const WmRecordBinding *binding,
                                     gint64                 amends_id,
                                     gboolean               frozen,
                                     gint64                 author_id,
                                     gint64                 author_generation,
                                     const guint8          *sealed,
                                     gsize                  sealed_size,
                                     const guint8          *signature,
                                     gsize                  signature_size);

void      wm_signed_sign_approval   (WmSession             *session,
                                     const guint8          *case_key,
                                     const WmRecordBinding *binding,
                                     const guint8          *sealed,
                                     gsize                  sealed_size,
                                     guint8                *out_signature);
gboolean  wm_signed_check_approval  (WmStore               *store,
                                     const guint8          *case_key,
                                     const WmRecordBinding *binding,
                                     const guint8          *sealed,
                                     gsize                  sealed_size,
                                     gint64                 approver_id,
                                     gint64                 approver_generation,
                                     const guint8          *signature,
                                     gsize                  signature_size);

/* The columns of a case's records, one row per record in record order,
 * that a manifest lists: r is the record, v its current version
 * (WM_MANIFEST_VERSION_JOIN), which may be missing. */
#define WM_MANIFEST_COLUMNS \
  "r.id, r.kind, r.head_version, coalesce (r.amends_id, 0), coalesce (v.immutable, 0), " \
  "(SELECT count(*) FROM record_versions WHERE record_id = r.id), v.sealed, coalesce (v.author_id, 0) "
#define WM_MANIFEST_N_COLUMNS 8
#define WM_MANIFEST_VERSION_JOIN \
  "LEFT JOIN record_versions v ON v.record_id = r.id AND v.version = r.head_version "

typedef struct _WmManifestBuilder WmManifestBuilder;

WmManifestBuilder *wm_signed_manifest_begin (WmStore         *store,
                                     gint64                 case_id,
                                     GError               **error);
void      wm_signed_manifest_add_row (WmManifestBuilder    *builder,
                                     sqlite3_stmt          *stmt);
GBytes   *wm_signed_manifest_end    (WmManifestBuilder     *builder);
void      wm_signed_manifest_abandon (WmManifestBuilder    *builder);

gboolean  wm_signed_write_manifest  (WmSession             *session,
                                     gint64                 case_id,
                                     const guint8          *case_key,
                                     gint64                 record_id,
                                     GError               **error);

typedef enum
{
  WM_MANIFEST_CHANGED = 1,
  WM_MANIFEST_MISSING,
  WM_MANIFEST_UNLISTED,
} WmManifestFault;

GHashTable *wm_signed_check_manifest (WmSession            *session,
                                     gint64                 case_id,
                                     const guint8          *case_key,
                                     gboolean              *out_vouched,
                                     GError               **error);
GHashTable *wm_signed_check_manifest_of (WmSession         *session,
                                     gint64                 case_id,
                                     const guint8          *case_key,
                                     GBytes                *current,
                                     gboolean              *out_vouched,
                                     GError               **error);
typedef struct _WmStoredManifest WmStoredManifest;

void      wm_stored_manifest_free   (WmStoredManifest      *stored);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WmStoredManifest, wm_stored_manifest_free)

WmStoredManifest *wm_signed_load_manifest (WmSession      *session,
                                     gint64                 case_id,
                                     gboolean              *out_vouched,
                                     GError               **error);
GHashTable *wm_signed_compare_manifest (WmSession          *session,
                                     gint64                 case_id,
                                     const guint8          *case_key,
                                     WmStoredManifest      *stored,
                                     GBytes                *current,
                                     gboolean              *out_vouched,
                                     GError               **error);
gboolean  wm_signed_check_manifest_whole (WmSession        *session,
                                     gint64                 case_id,
                                     const guint8          *case_key,
                                     gboolean              *out_vouched,
                                     GError               **error);
gboolean  wm_signed_remember_manifest (WmSession           *session,
                                     gint64                 case_id,
                                     GError               **error);

/* For the caseload: the newest profile, assessment and contact a manifest
 * lists (slots 0, 1, 2), at a fixed size, with the holder's MAC of it.
 * Each slot: record id (8 bytes), version (4), fingerprint (nonce and tag
 * of the ciphertext). Schema 3 wrote the first two slots only. */
#define WM_SUMMARY_SLOTS 3
#define WM_SUMMARY_ENTRY_SIZE (8 + 4 + 24 + 16)
#define WM_SUMMARY_SIZE (WM_SUMMARY_SLOTS * WM_SUMMARY_ENTRY_SIZE)
#define WM_SUMMARY_SIZE_V1 (2 * WM_SUMMARY_ENTRY_SIZE)

typedef struct
{
  WmRecordKind  kind;
  gint64        record_id;   /* the newest of its kind the caller read, or 0 */
  guint         version;
  const guint8 *sealed;
  gsize         sealed_size;
} WmManifestHead;

void      wm_signed_summary_mac     (WmSession             *session,
                                     gint64                 case_id,
                                     const guint8          *summary,
                                     gsize                  summary_size,
                                     guint8                *out_mac);
guint     wm_signed_summary_vouches (const guint8          *summary,
                                     gsize                  summary_size,
                                     const WmManifestHead  *heads,
                                     guint                  n_heads);
guint     wm_signed_summary_names   (const guint8          *summary,
                                     gsize                  summary_size,
                                     const WmManifestHead  *heads,
                                     guint                  n_heads);
void      wm_signed_summary_slot    (const guint8          *summary,
                                     guint                  slot,
                                     gint64                *out_record_id,
                                     guint                 *out_version);
gboolean  wm_signed_summary_print_matches (const guint8    *summary,
                                     guint                  slot,
                                     const guint8          *sealed,
                                     gsize                  sealed_size);
gboolean  wm_signed_upgrade_summary (WmSession             *session,
                                     gint64                 case_id,
                                     const guint8          *summary,
                                     gsize                  summary_size,
                                     guint8                *out_summary,
                                     GError               **error);
gboolean  wm_signed_check_summary   (WmSession             *session,
                                     gint64                 case_id,
                                     const guint8          *case_key,
                                     const guint8          *summary,
                                     gsize                  summary_size,
                                     GError               **error);

G_END_DECLS
