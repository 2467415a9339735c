/* wm-session-private.h — what the session's modules share, not for callers
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wm-secret.h"
#include "wm-session.h"
#include "wm-store-private.h"

G_BEGIN_DECLS

/* A record version a caller already holds in plaintext, so that a
 * caseload card needs not decrypt it again (wm-card.c). */
typedef struct
{
  gint64    record_id;
  guint     version;
  GVariant *payload;
} WmCardHint;

struct _WmSession
{
  GObject    parent_instance;

  WmStore   *store;
  gint64     user_id;
  char      *user_name;
  WmRole     role;
  guint8     public_key[32];

  gint64     key_generation;

  /* NULL while locked. */
  WmSecret  *secret_key;
  WmSecret  *wrap_key;
  WmSecret  *signing_key;  /* Ed25519, of key_generation (wm-directory.c) */
  WmSecret  *mac_key;      /* vouches for manifests already checked (wm-signed.c) */
  WmKeyring *case_keys;

  /* The version the current write seals, for its card; dropped at the
   * end of the write and on lock. */
  WmCardHint card_hint;

  /* The manifest wm_signed_check_manifest_whole() found the case's
   * records to match, in transaction checked_in, for that transaction's
   * wm_signed_write_manifest() to update rather than build again. */
  GBytes    *checked_manifest;
  gint64     checked_case_id;
  guint64    checked_in;
};

/* wm-caseload.c's query, for the benchmark to time SQLite's share, and
 * its columns. */
extern const char wm_caseload_query[];

typedef enum
{
  WM_CASELOAD_COLUMN_CASE_ID,
  WM_CASELOAD_COLUMN_REFERENCE,
  WM_CASELOAD_COLUMN_ASSIGNED_TO,
  WM_CASELOAD_COLUMN_WRAPPED,
  WM_CASELOAD_COLUMN_PROFILE,
  WM_CASELOAD_COLUMN_PROFILE_SEALED,
  WM_CASELOAD_COLUMN_ASSESSMENT,
  WM_CASELOAD_COLUMN_ASSESSMENT_SEALED,
  WM_CASELOAD_COLUMN_SUMMARY,
  WM_CASELOAD_COLUMN_SUMMARY_MAC,
  WM_CASELOAD_COLUMN_CARD,
  WM_CASELOAD_COLUMN_CONTACT,
} WmCaseloadColumn;

gboolean      wm_caseload_column_head       (sqlite3_stmt *stmt,
                                             int           column,
                                             gint64       *out_record_id,
                                             guint        *out_version);

char         *wm_session_dup_case_reference (WmSession  *self,
                                           gint64        case_id,
                                           GError      **error);
gboolean      wm_session_require_unlocked (WmSession    *self,
                                           GError      **error);
gboolean      wm_session_require_role     (WmSession    *self,
                                           WmRole        role,
                                           GError      **error);
const guint8 *wm_session_case_key         (WmSession    *self,
                                           gint64        case_id,
                                           GError      **error);
gboolean      wm_session_open_case_key    (WmSession    *self,
                                           gint64        case_id,
                                           const guint8 *sealed,
                                           gsize         sealed_size,
                                           const guint8 *wrapped,
                                           gsize         wrapped_size,
                                           guint8       *out_key,
                                           gboolean     *out_from_seal,
                                           GError      **error);
const guint8 *wm_session_case_key_from_row (WmSession   *self,
                                           gint64        case_id,
                                           const guint8 *sealed,
                                           gsize         sealed_size,
                                           const guint8 *wrapped,
                                           gsize         wrapped_size,
                                           gboolean     *out_rewrapped,
                                           GError      **error);
gboolean      wm_session_store_wrapped    (WmSession    *self,
                                           gint64        case_id,
                                           GError      **error);
gboolean      wm_session_store_wrapped_key (WmSession   *self,
                                           gint64        case_id,
                                           const guint8 *key,
                                           GError      **error);
gboolean      wm_session_seal_case_key    (WmSession    *self,
                                           gint64        case_id,
                                           const guint8 *case_key,
                                           gint64        user_id,
                                           GError      **error);
gboolean      wm_session_audit_in_transaction (WmSession  *self,
                                           const char   *action,
                                           gint64        case_id,
                                           gint64        record_id,
                                           const char   *detail,
                                           GError      **error);

G_END_DECLS
