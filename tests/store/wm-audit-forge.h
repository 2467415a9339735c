/* wm-audit-forge.h — what anyone holding the file can do to its audit log, without a key
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The hash chain's format is public (app/store/wm-audit.c), and the
 * database id it binds is in the file's meta table, so an attacker with
 * the file and no key can compute any entry's hash: append entries, edit
 * one and re-chain everything after it, or cut the tail and repair the
 * head kept in meta. Only signatures and the device's memory
 * (wm-freshness.c) stand in the way. Static helpers for the tests that
 * play that attacker.
 */

#pragma once

#include <string.h>

#include <glib.h>
#include <sodium.h>
#include <sqlite3.h>

#include "wm-store-test-util.h"

#define WMT_AUDIT_HASH_SIZE 32

static inline void
wmt_put_be (guint8  *out,
            guint64  value,
            int      bytes)
{
  for (int i = bytes - 1; i >= 0; i--)
    {
      out[i] = value & 0xff;
      value >>= 8;
    }
}

static inline void
wmt_hash_text (crypto_generichash_state *state,
               const char               *text)
{
  guint8 length[4];

  wmt_put_be (length, strlen (text), 4);
  crypto_generichash_update (state, length, sizeof length);
  crypto_generichash_update (state, (const guint8 *) text, strlen (text));
}

/* An entry's hash as Waymark computes it ("waymark-audit-v2"). */
static inline void
wmt_audit_hash (sqlite3      *db,
                const guint8 *previous,
                gint64        seq,
                gint64        at,
                gint64        user_id,
                const char   *action,
                gint64        case_id,
                gint64        record_id,
                const char   *detail,
                gint64        signer_generation,
                guint8       *out_hash)
{
  static const char domain[] = "waymark-audit-v2";
  g_autoptr(GBytes) database_id = wmt_db_blob (db, "SELECT value FROM meta WHERE key = 'database-id'");
  crypto_generichash_state state;
  guint8 numbers[6 * 8];

  g_assert_cmpuint (g_bytes_get_size (database_id), ==, 16);
  wmt_put_be (numbers, seq, 8);
  wmt_put_be (numbers + 8, at, 8);
  wmt_put_be (numbers + 16, user_id, 8);
  wmt_put_be (numbers + 24, case_id, 8);
  wmt_put_be (numbers + 32, record_id, 8);
  wmt_put_be (numbers + 40, signer_generation, 8);
  crypto_generichash_init (&state, NULL, 0, WMT_AUDIT_HASH_SIZE);
  crypto_generichash_update (&state, (const guint8 *) domain, sizeof domain);
  crypto_generichash_update (&state, g_bytes_get_data (database_id, NULL), 16);
  crypto_generichash_update (&state, previous, WMT_AUDIT_HASH_SIZE);
  crypto_generichash_update (&state, numbers, sizeof numbers);
  wmt_hash_text (&state, action);
  wmt_hash_text (&state, detail);
  crypto_generichash_final (&state, out_hash, WMT_AUDIT_HASH_SIZE);
}

/* The hash of entry @seq, or zeros for entry 0. */
static inline void
wmt_audit_stored_hash (sqlite3 *db,
                       gint64   seq,
                       guint8  *out_hash)
{
  g_autoptr(GBytes) hash = NULL;

  memset (out_hash, 0, WMT_AUDIT_HASH_SIZE);
  if (seq == 0)
    return;
  hash = wmt_db_blob (db, "SELECT hash FROM audit WHERE seq = %" G_GINT64_FORMAT, seq);
  g_assert_cmpuint (g_bytes_get_size (hash), ==, WMT_AUDIT_HASH_SIZE);
  memcpy (out_hash, g_bytes_get_data (hash, NULL), WMT_AUDIT_HASH_SIZE);
}

/* Makes meta's audit-head and audit-count name the last entry, as the
 * program would have. */
static inline void
wmt_audit_repair_head (sqlite3 *db)
{
  gint64 last = wmt_db_int (db, "SELECT coalesce(max(seq), 0) FROM audit");
  guint8 hash[WMT_AUDIT_HASH_SIZE];
  g_autoptr(GBytes) value = NULL;

  wmt_audit_stored_hash (db, last, hash);
  value = g_bytes_new (hash, sizeof hash);
  wmt_db_set_blob (db, value, "UPDATE meta SET value = ?1 WHERE key = 'audit-head'");
  wmt_db_exec (db, "UPDATE meta SET value = %" G_GINT64_FORMAT " WHERE key = 'audit-count'", last);
}

/* Appends an entry chained to the last one and repairs the head. With no
 * @signature the entry is unsigned; a signature of the attacker's own
 * making is whatever 64 bytes they like. */
static inline gint64
wmt_audit_forge_append (sqlite3      *db,
                        gint64        user_id,
                        const char   *action,
                        gint64        case_id,
                        const char   *detail,
                        gint64        signer_generation,
                        const guint8 *signature)
{
  gint64 seq = wmt_db_int (db, "SELECT coalesce(max(seq), 0) FROM audit") + 1;
  gint64 at = wmt_db_int (db, "SELECT coalesce(max(at), 0) FROM audit") + G_USEC_PER_SEC;
  guint8 previous[WMT_AUDIT_HASH_SIZE], hash[WMT_AUDIT_HASH_SIZE];
  g_autoptr(GBytes) hash_bytes = NULL;
  sqlite3_stmt *stmt = NULL;

  wmt_audit_stored_hash (db, seq - 1, previous);
  wmt_audit_hash (db, previous, seq, at, user_id, action, case_id, 0, detail, signer_generation, hash);
  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "INSERT INTO audit (seq, at, user_id, action, case_id, record_id, "
                                       "detail, hash, signer_generation, signature) "
                                       "VALUES (?, ?, ?, ?, ?, 0, ?, ?, ?, ?)", -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, seq);
  sqlite3_bind_int64 (stmt, 2, at);
  sqlite3_bind_int64 (stmt, 3, user_id);
  sqlite3_bind_text (stmt, 4, action, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 5, case_id);
  sqlite3_bind_text (stmt, 6, detail, -1, SQLITE_STATIC);
  sqlite3_bind_blob (stmt, 7, hash, sizeof hash, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 8, signer_generation);
  if (signature != NULL)
    sqlite3_bind_blob (stmt, 9, signature, 64, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, 9);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
  wmt_audit_repair_head (db);
  return seq;
}

/* Recomputes the hash of every entry from @from on, each over the one
 * before, and repairs the head: after it an edited entry matches the
 * chain again, and only its signature (and every later one) tells. */
static inline void
wmt_audit_rechain_from (sqlite3 *db,
                        gint64   from)
{
  gint64 last = wmt_db_int (db, "SELECT max(seq) FROM audit");

  for (gint64 seq = from; seq <= last; seq++)
    {
      g_autofree char *action = wmt_db_text (db, "SELECT action FROM audit WHERE seq = %" G_GINT64_FORMAT, seq);
      g_autofree char *detail = wmt_db_text (db, "SELECT detail FROM audit WHERE seq = %" G_GINT64_FORMAT, seq);
      guint8 previous[WMT_AUDIT_HASH_SIZE], hash[WMT_AUDIT_HASH_SIZE];
      g_autoptr(GBytes) value = NULL;

      wmt_audit_stored_hash (db, seq - 1, previous);
      wmt_audit_hash (db, previous, seq,
                      wmt_db_int (db, "SELECT at FROM audit WHERE seq = %" G_GINT64_FORMAT, seq),
                      wmt_db_int (db, "SELECT user_id FROM audit WHERE seq = %" G_GINT64_FORMAT, seq),
                      action,
                      wmt_db_int (db, "SELECT case_id FROM audit WHERE seq = %" G_GINT64_FORMAT, seq),
                      wmt_db_int (db, "SELECT record_id FROM audit WHERE seq = %" G_GINT64_FORMAT, seq),
                      detail,
                      wmt_db_int (db, "SELECT signer_generation FROM audit WHERE seq = %" G_GINT64_FORMAT, seq),
                      hash);
      value = g_bytes_new (hash, sizeof hash);
      wmt_db_set_blob (db, value, "UPDATE audit SET hash = ?1 WHERE seq = %" G_GINT64_FORMAT, seq);
    }
  wmt_audit_repair_head (db);
}

/* Deletes every entry after @keep and repairs the head: nothing needs
 * recomputing, and every hash and signature left is valid. */
static inline void
wmt_audit_cut_tail (sqlite3 *db,
                    gint64   keep)
{
  g_assert_cmpint (wmt_db_exec (db, "DELETE FROM audit WHERE seq > %" G_GINT64_FORMAT, keep), >, 0);
  wmt_audit_repair_head (db);
}
