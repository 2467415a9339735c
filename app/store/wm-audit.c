/* wm-audit.c — the audit log: an append-only BLAKE2b hash chain
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each entry's hash covers the database id, the previous entry's hash and
 * every column of the entry, so removing, reordering or editing any entry
 * breaks every hash after it. The head (last hash and entry count) is also
 * kept in the meta table, so cutting entries off the end is caught too, and
 * supervisor reports print it, which anchors it outside the file: someone
 * who rewrites the whole chain still disagrees with the printed head.
 */

#define G_LOG_DOMAIN "wm-audit"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <sodium.h>

#include "wm-store-private.h"

#define HASH_SIZE 32

void
wm_audit_entry_free (WmAuditEntry *entry)
{
  if (entry == NULL)
    return;

  g_free (entry->action);
  g_free (entry->detail);
  g_free (entry->case_reference);
  g_free (entry);
}

static void
hash_text (crypto_generichash_state *state,
           const char               *text)
{
  guint8 length[4];
  gsize size = strlen (text);

  wm_put_be32 (length, size);
  crypto_generichash_update (state, length, sizeof length);
  crypto_generichash_update (state, (const guint8 *) text, size);
}

static void
compute_hash (const guint8       *database_id,
              const guint8       *previous,
              const WmAuditEntry *entry,
              guint8             *out_hash)
{
  static const char domain[] = "waymark-audit-v1";
  crypto_generichash_state state;
  guint8 numbers[5 * 8];

  wm_put_be64 (numbers, entry->seq);
  wm_put_be64 (numbers + 8, entry->at_usec);
  wm_put_be64 (numbers + 16, entry->user_id);
  wm_put_be64 (numbers + 24, entry->case_id);
  wm_put_be64 (numbers + 32, entry->record_id);

  crypto_generichash_init (&state, NULL, 0, HASH_SIZE);
  crypto_generichash_update (&state, (const guint8 *) domain, sizeof domain);
  crypto_generichash_update (&state, database_id, WM_DATABASE_ID_SIZE);
  crypto_generichash_update (&state, previous, HASH_SIZE);
  crypto_generichash_update (&state, numbers, sizeof numbers);
  hash_text (&state, entry->action);
  hash_text (&state, entry->detail);
  crypto_generichash_final (&state, out_hash, HASH_SIZE);
}

/* Stores the chain's end in meta. After the first entry both rows exist, so
 * they are updated in place, which changes only the table's page: INSERT
 * OR REPLACE deletes and re-inserts each row, which changes the page of
 * meta's key index too, and every page changed is one more frame written
 * to the log at each commit (a case view's entry is a commit of its own).
 * Two one-row updates cost less than one that picks the value by key. */
static gboolean
write_head (WmStore       *self,
            const guint8  *hash,
            gint64         count,
            GError       **error)
{
  sqlite3 *db = wm_store_get_db (self);
  sqlite3_stmt *stmt;
  int updated;

  stmt = wm_store_statement (self, "UPDATE meta SET value = ? WHERE key = 'audit-head'", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_blob (stmt, 1, hash, HASH_SIZE, SQLITE_STATIC);
  if (!wm_store_step_done (self, stmt, error))
    return FALSE;
  updated = sqlite3_changes (db);

  stmt = wm_store_statement (self, "UPDATE meta SET value = ? WHERE key = 'audit-count'", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, count);
  if (!wm_store_step_done (self, stmt, error))
    return FALSE;
  updated += sqlite3_changes (db);
  if (updated == 2)
    return TRUE;

  /* The first entry of a new database, or rows that went missing: write
   * both, as before. */
  stmt = wm_store_statement (self,
                             "INSERT OR REPLACE INTO meta (key, value) "
                             "VALUES ('audit-head', ?), ('audit-count', ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_blob (stmt, 1, hash, HASH_SIZE, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, count);
  return wm_store_step_done (self, stmt, error);
}

gboolean
wm_audit_append (WmStore     *self,
                 gint64       user_id,
                 const char  *action,
                 gint64       case_id,
                 gint64       record_id,
                 const char  *detail,
                 GError     **error)
{
  WmAuditEntry entry = { 0 };
  guint8 previous[HASH_SIZE] = { 0 };
  sqlite3_stmt *stmt;

  g_assert (!sqlite3_get_autocommit (wm_store_get_db (self)));

  stmt = wm_store_statement (self, "SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1", error);
  if (stmt == NULL)
    return FALSE;
  entry.seq = 1;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      entry.seq = sqlite3_column_int64 (stmt, 0) + 1;
      if (sqlite3_column_bytes (stmt, 1) == HASH_SIZE)
        memcpy (previous, sqlite3_column_blob (stmt, 1), HASH_SIZE);
    }
  sqlite3_reset (stmt);

  entry.at_usec = wm_store_now (self);
  entry.user_id = user_id;
  entry.action = (char *) action;
  entry.case_id = case_id;
  entry.record_id = record_id;
  entry.detail = (char *) (detail ? detail : "");
  compute_hash (wm_store_get_database_id (self), previous, &entry, entry.hash);

  stmt = wm_store_statement (self,
                             "INSERT INTO audit (seq, at, user_id, action, case_id, record_id, detail, hash) "
                             "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, entry.seq);
  sqlite3_bind_int64 (stmt, 2, entry.at_usec);
  sqlite3_bind_int64 (stmt, 3, entry.user_id);
  sqlite3_bind_text (stmt, 4, entry.action, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 5, entry.case_id);
  sqlite3_bind_int64 (stmt, 6, entry.record_id);
  sqlite3_bind_text (stmt, 7, entry.detail, -1, SQLITE_STATIC);
  sqlite3_bind_blob (stmt, 8, entry.hash, HASH_SIZE, SQLITE_STATIC);
  if (!wm_store_step_done (self, stmt, error))
    return FALSE;

  return write_head (self, entry.hash, entry.seq, error);
}

/**
 * wm_audit_append_now:
 *
 * Appends one entry in a durable transaction of its own, or as a savepoint
 * of the batch under way.
 */
gboolean
wm_audit_append_now (WmStore     *self,
                     gint64       user_id,
                     const char  *action,
                     gint64       case_id,
                     const char  *detail,
                     GError     **error)
{
  if (!wm_store_begin (self, error))
    return FALSE;
  if (!wm_audit_append (self, user_id, action, case_id, 0, detail, error))
    {
      wm_store_rollback (self);
      return FALSE;
    }
  return wm_store_commit (self, error);
}

GPtrArray *
wm_store_list_audit (WmStore  *self,
                     GError  **error)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) wm_audit_entry_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (WM_IS_STORE (self), NULL);

  stmt = wm_store_statement (self,
                             "SELECT a.seq, a.at, a.user_id, a.action, a.case_id, a.record_id, a.detail, "
                             "       a.hash, c.reference "
                             "FROM audit a LEFT JOIN cases c ON c.id = a.case_id ORDER BY a.seq", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      WmAuditEntry *entry = g_new0 (WmAuditEntry, 1);

      entry->seq = sqlite3_column_int64 (stmt, 0);
      entry->at_usec = sqlite3_column_int64 (stmt, 1);
      entry->user_id = sqlite3_column_int64 (stmt, 2);
      entry->action = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      entry->case_id = sqlite3_column_int64 (stmt, 4);
      entry->record_id = sqlite3_column_int64 (stmt, 5);
      entry->detail = g_strdup ((const char *) sqlite3_column_text (stmt, 6));
      if (entry->action == NULL)
        entry->action = g_strdup ("");
      if (entry->detail == NULL)
        entry->detail = g_strdup ("");
      if (sqlite3_column_bytes (stmt, 7) == HASH_SIZE)
        memcpy (entry->hash, sqlite3_column_blob (stmt, 7), HASH_SIZE);
      entry->case_reference = g_strdup ((const char *) sqlite3_column_text (stmt, 8));
      g_ptr_array_add (entries, entry);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      wm_store_set_sqlite_error (self, rc, error);
      return NULL;
    }
  return g_steal_pointer (&entries);
}

static gboolean
read_head (WmStore *self,
           guint8  *out_head,
           gint64  *out_count)
{
  sqlite3_stmt *stmt = wm_store_statement (self, "SELECT key, value FROM meta "
                                                 "WHERE key IN ('audit-head', 'audit-count')", NULL);
  int found = 0;

  if (stmt == NULL)
    return FALSE;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *key = (const char *) sqlite3_column_text (stmt, 0);

      if (g_strcmp0 (key, "audit-head") == 0 && sqlite3_column_bytes (stmt, 1) == HASH_SIZE)
        {
          memcpy (out_head, sqlite3_column_blob (stmt, 1), HASH_SIZE);
          found++;
        }
      else if (g_strcmp0 (key, "audit-count") == 0)
        {
          *out_count = sqlite3_column_int64 (stmt, 1);
          found++;
        }
    }
  sqlite3_reset (stmt);
  return found == 2;
}

/**
 * wm_store_verify_audit:
 * @faults: (element-type utf8): receives one sentence per fault
 *
 * Recomputes the chain. Returns %TRUE when it holds; otherwise appends what
 * is wrong to @faults and returns %FALSE (with @error set only when the log
 * could not be read at all).
 */
gboolean
wm_store_verify_audit (WmStore    *self,
                       GPtrArray  *faults,
                       GError    **error)
{
  g_autoptr(GPtrArray) entries = NULL;
  guint8 previous[HASH_SIZE] = { 0 };
  guint8 head[HASH_SIZE] = { 0 };
  gint64 count = 0;
  guint faults_before;

  g_return_val_if_fail (WM_IS_STORE (self), FALSE);
  g_return_val_if_fail (faults != NULL, FALSE);

  entries = wm_store_list_audit (self, error);
  if (entries == NULL)
    return FALSE;

  faults_before = faults->len;
  for (guint i = 0; i < entries->len; i++)
    {
      const WmAuditEntry *entry = g_ptr_array_index (entries, i);
      guint8 expected[HASH_SIZE];

      if (entry->seq != (gint64) i + 1)
        g_ptr_array_add (faults,
                         g_strdup_printf (_("Audit log: entry %lld stands where entry %u "
                                            "should be: entries were removed or renumbered."),
                                          (long long) entry->seq, i + 1));
      compute_hash (wm_store_get_database_id (self), previous, entry, expected);
      if (sodium_memcmp (expected, entry->hash, HASH_SIZE) != 0)
        g_ptr_array_add (faults,
                         g_strdup_printf (_("Audit log: entry %lld does not match the chain: "
                                            "it or the entry before it was edited, removed or moved."),
                                          (long long) entry->seq));
      /* Carry on from the stored hash, so one edit is reported once. */
      memcpy (previous, entry->hash, HASH_SIZE);
    }

  if (!read_head (self, head, &count))
    {
      if (entries->len > 0)
        g_ptr_array_add (faults, g_strdup (_("Audit log: the stored count and hash of its last entry are missing.")));
    }
  else if (count != (gint64) entries->len || sodium_memcmp (head, previous, HASH_SIZE) != 0)
    {
      g_ptr_array_add (faults,
                       g_strdup_printf (_("Audit log: it should end at entry %lld but ends at entry %u: "
                                          "entries at the end were removed or replaced."),
                                        (long long) count, entries->len));
    }

  return faults->len == faults_before;
}

char *
wm_store_dup_audit_head (WmStore *self)
{
  guint8 head[HASH_SIZE] = { 0 };
  gint64 count = 0;
  char hex[HASH_SIZE * 2 + 1];

  g_return_val_if_fail (WM_IS_STORE (self), NULL);

  if (!read_head (self, head, &count))
    return g_strdup ("0:none");
  sodium_bin2hex (hex, sizeof hex, head, HASH_SIZE);
  return g_strdup_printf ("%" G_GINT64_FORMAT ":%s", count, hex);
}
