/* wm-audit.c — the audit log: an append-only BLAKE2b hash chain, signed
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each entry's hash covers the database id, the previous entry's hash and
 * every column of the entry, so removing, reordering or editing any entry
 * breaks every hash after it. The head (last hash and entry number) is also
 * kept in the meta table, and supervisor reports print it, which anchors it
 * outside the file.
 *
 * A hash chain alone has no key: whoever can write the file can append an
 * entry, or edit one and recompute every hash after it. So each entry is
 * also signed by the account that made it, with its Ed25519 key of the
 * generation the entry names (signer_generation, which the hash covers
 * too). The signature is over the entry's hash, which covers the whole
 * chain before it: a valid signature on entry n vouches for entries 1..n
 * as they were when it was made. Some entries have no account that could
 * sign them (a failed sign-in, the database's creation); they are
 * unsigned, and verification accepts an unsigned entry for those actions
 * only (see unsigned_allowed()).
 *
 * Cutting entries off the end and copying the last remaining hash into
 * meta leaves only valid hashes and signatures behind. That is caught only
 * by a device that saw the longer log (wm-freshness.c).
 *
 * A restore replaces the log with the backup's and appends an
 * administrator's signed "restore" entry numbered beyond every entry the
 * replaced file held, so numbers are never reused: the only gap the chain
 * may have is just before such an entry.
 */

#define G_LOG_DOMAIN "wm-audit"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <sodium.h>

#include "wm-freshness.h"
#include "wm-store-private.h"

#define HASH_SIZE 32
#define SIGNATURE_SIZE crypto_sign_BYTES

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

/* An entry as verification needs it: the public columns and who signed. */
typedef struct
{
  WmAuditEntry entry;
  gint64       signer_generation;
  gsize        signature_size;  /* 0: unsigned */
  guint8       signature[SIGNATURE_SIZE];
} AuditRow;

static void
audit_row_free (AuditRow *row)
{
  g_free (row->entry.action);
  g_free (row->entry.detail);
  g_free (row);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AuditRow, audit_row_free)

/* Every query that reads rows names its columns in this order. */
#define ROW_COLUMNS "seq, at, user_id, action, case_id, record_id, detail, hash, signer_generation, signature "

static AuditRow *
row_from_statement (sqlite3_stmt *stmt)
{
  AuditRow *row = g_new0 (AuditRow, 1);
  gsize signature_size = sqlite3_column_bytes (stmt, 9);

  row->entry.seq = sqlite3_column_int64 (stmt, 0);
  row->entry.at_usec = sqlite3_column_int64 (stmt, 1);
  row->entry.user_id = sqlite3_column_int64 (stmt, 2);
  row->entry.action = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
  row->entry.case_id = sqlite3_column_int64 (stmt, 4);
  row->entry.record_id = sqlite3_column_int64 (stmt, 5);
  row->entry.detail = g_strdup ((const char *) sqlite3_column_text (stmt, 6));
  if (row->entry.action == NULL)
    row->entry.action = g_strdup ("");
  if (row->entry.detail == NULL)
    row->entry.detail = g_strdup ("");
  if (sqlite3_column_bytes (stmt, 7) == HASH_SIZE)
    memcpy (row->entry.hash, sqlite3_column_blob (stmt, 7), HASH_SIZE);
  row->signer_generation = sqlite3_column_int64 (stmt, 8);
  /* A signature of the wrong size is kept as a bad one, not as none: it
   * must not pass for an unsigned entry. */
  if (signature_size == SIGNATURE_SIZE)
    memcpy (row->signature, sqlite3_column_blob (stmt, 9), SIGNATURE_SIZE);
  row->signature_size = signature_size;
  return row;
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
              gint64              signer_generation,
              guint8             *out_hash)
{
  static const char domain[] = "waymark-audit-v2";
  crypto_generichash_state state;
  guint8 numbers[6 * 8];

  wm_put_be64 (numbers, entry->seq);
  wm_put_be64 (numbers + 8, entry->at_usec);
  wm_put_be64 (numbers + 16, entry->user_id);
  wm_put_be64 (numbers + 24, entry->case_id);
  wm_put_be64 (numbers + 32, entry->record_id);
  wm_put_be64 (numbers + 40, signer_generation);

  crypto_generichash_init (&state, NULL, 0, HASH_SIZE);
  crypto_generichash_update (&state, (const guint8 *) domain, sizeof domain);
  crypto_generichash_update (&state, database_id, WM_DATABASE_ID_SIZE);
  crypto_generichash_update (&state, previous, HASH_SIZE);
  crypto_generichash_update (&state, numbers, sizeof numbers);
  hash_text (&state, entry->action);
  hash_text (&state, entry->detail);
  crypto_generichash_final (&state, out_hash, HASH_SIZE);
}

/* What an entry's signature covers: its hash, under a domain of its own so
 * that no other signed statement can pass for an audit entry. The hash
 * already binds the database id and everything before the entry. */
#define SIGNATURE_DOMAIN "waymark-audit-signature-v1"

static void
signature_message (const guint8 *hash,
                   guint8       *out_message)
{
  memcpy (out_message, SIGNATURE_DOMAIN, sizeof SIGNATURE_DOMAIN);
  memcpy (out_message + sizeof SIGNATURE_DOMAIN, hash, HASH_SIZE);
}

#define SIGNATURE_MESSAGE_SIZE (sizeof SIGNATURE_DOMAIN + HASH_SIZE)

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

/* Appends an entry numbered @seq, or the next number when @seq is 0,
 * signed by @signer unless it is %NULL. */
static gboolean
append_entry (WmStore              *self,
              gint64                user_id,
              const WmAuditSigner  *signer,
              gint64                seq,
              const char           *action,
              gint64                case_id,
              gint64                record_id,
              const char           *detail,
              GError              **error)
{
  WmAuditEntry entry = { 0 };
  guint8 previous[HASH_SIZE] = { 0 };
  guint8 signature[SIGNATURE_SIZE];
  gint64 signer_generation = 0;
  gint64 last = 0;
  sqlite3_stmt *stmt;

  g_assert (!sqlite3_get_autocommit (wm_store_get_db (self)));

  stmt = wm_store_statement (self, "SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1", error);
  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      last = sqlite3_column_int64 (stmt, 0);
      if (sqlite3_column_bytes (stmt, 1) == HASH_SIZE)
        memcpy (previous, sqlite3_column_blob (stmt, 1), HASH_SIZE);
    }
  sqlite3_reset (stmt);

  if (signer != NULL)
    {
      user_id = signer->user_id;
      signer_generation = signer->generation;
    }
  entry.seq = MAX (seq, last + 1);
  entry.at_usec = wm_store_now (self);
  entry.user_id = user_id;
  entry.action = (char *) action;
  entry.case_id = case_id;
  entry.record_id = record_id;
  entry.detail = (char *) (detail ? detail : "");
  compute_hash (wm_store_get_database_id (self), previous, &entry, signer_generation, entry.hash);
  if (signer != NULL)
    {
      guint8 message[SIGNATURE_MESSAGE_SIZE];

      signature_message (entry.hash, message);
      crypto_sign_detached (signature, NULL, message, sizeof message, wm_secret_get_data (signer->signing_key));
    }

  stmt = wm_store_statement (self,
                             "INSERT INTO audit (seq, at, user_id, action, case_id, record_id, detail, hash, "
                             "signer_generation, signature) "
                             "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", error);
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
  sqlite3_bind_int64 (stmt, 9, signer_generation);
  if (signer != NULL)
    sqlite3_bind_blob (stmt, 10, signature, sizeof signature, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, 10);
  if (!wm_store_step_done (self, stmt, error))
    return FALSE;

  return write_head (self, entry.hash, entry.seq, error);
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
  return append_entry (self, user_id, NULL, 0, action, case_id, record_id, detail, error);
}

gboolean
wm_audit_append_signed (WmStore              *self,
                        const WmAuditSigner  *signer,
                        const char           *action,
                        gint64                case_id,
                        gint64                record_id,
                        const char           *detail,
                        GError              **error)
{
  g_return_val_if_fail (signer != NULL && signer->signing_key != NULL, FALSE);

  return append_entry (self, signer->user_id, signer, 0, action, case_id, record_id, detail, error);
}

gboolean
wm_audit_append_restore (WmStore              *self,
                         const WmAuditSigner  *signer,
                         gint64                seq,
                         const char           *detail,
                         GError              **error)
{
  g_return_val_if_fail (signer != NULL && signer->signing_key != NULL, FALSE);

  return append_entry (self, signer->user_id, signer, seq, "restore", 0, 0, detail, error);
}

/**
 * wm_audit_append_now:
 *
 * Appends one unsigned entry in a durable transaction of its own, or as a
 * savepoint of the batch under way.
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

/* The entries no account can sign, which are written unsigned: a failed
 * sign-in (the passphrase, or the account itself, is what is missing), and
 * the database's creation, before any account could sign, as its first
 * entry only. Everything else is done by a signed-in account and must
 * carry its signature. Anyone who can write the file can therefore add
 * failed sign-ins at the end of the log, and nothing else. */
static gboolean
unsigned_allowed (const AuditRow *row)
{
  if (row->signer_generation != 0)
    return FALSE;
  if (g_strcmp0 (row->entry.action, "sign-in-failed") == 0)
    return TRUE;
  return g_strcmp0 (row->entry.action, "create") == 0 && row->entry.seq == 1 && row->entry.user_id == 0
         && row->entry.case_id == 0 && row->entry.record_id == 0;
}

/* Whether @row (whose hash is @hash, recomputed) is signed by the account
 * and key generation it names, as the directory lists them. */
static gboolean
signature_holds (WmStore        *self,
                 const AuditRow *row,
                 const guint8   *hash)
{
  guint8 message[SIGNATURE_MESSAGE_SIZE];

  if (row->signature_size != SIGNATURE_SIZE)
    return FALSE;
  signature_message (hash, message);
  return wm_directory_verify (self, row->entry.user_id, row->signer_generation,
                              message, sizeof message, row->signature, SIGNATURE_SIZE);
}

static gboolean
is_administrator (WmStore *self,
                  gint64   user_id)
{
  sqlite3_stmt *stmt = wm_store_statement (self, "SELECT role FROM users WHERE id = ?", NULL);
  gboolean administrator = FALSE;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, user_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    administrator = sqlite3_column_int (stmt, 0) == WM_ROLE_ADMINISTRATOR;
  sqlite3_reset (stmt);
  return administrator;
}

/* A restore's own entry: the only one that may leave a gap before it. */
static gboolean
is_signed_restore (WmStore        *self,
                   const AuditRow *row,
                   const guint8   *hash)
{
  return g_strcmp0 (row->entry.action, "restore") == 0
         && signature_holds (self, row, hash)
         && is_administrator (self, row->entry.user_id);
}

static GPtrArray *
read_rows (WmStore  *self,
           GError  **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) audit_row_free);
  sqlite3_stmt *stmt;
  int rc;

  stmt = wm_store_statement (self, "SELECT " ROW_COLUMNS "FROM audit ORDER BY seq", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (rows, row_from_statement (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      wm_store_set_sqlite_error (self, rc, error);
      return NULL;
    }
  return g_steal_pointer (&rows);
}

/**
 * wm_audit_verify_chain:
 * @faults: (element-type utf8): receives one sentence per fault
 *
 * Recomputes the chain and checks each entry's signature against the key
 * the signed directory lists for its account and generation. Returns
 * %TRUE when it holds; otherwise appends what is wrong to @faults and
 * returns %FALSE (with @error set only when the log could not be read).
 */
gboolean
wm_audit_verify_chain (WmStore    *self,
                       GPtrArray  *faults,
                       GError    **error)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) directory_error = NULL;
  guint8 previous[HASH_SIZE] = { 0 };
  guint8 head[HASH_SIZE] = { 0 };
  gint64 count = 0, last = 0;
  guint faults_before;

  rows = read_rows (self, error);
  if (rows == NULL)
    return FALSE;

  faults_before = faults->len;
  /* The keys are only as good as the directory that lists them; the
   * signatures are still checked against them, so that a forged entry is
   * named either way. */
  if (!wm_directory_check_head (self, NULL, &directory_error))
    {
      if (!g_error_matches (directory_error, WM_STORE_ERROR, WM_STORE_ERROR_CORRUPT))
        {
          g_propagate_error (error, g_steal_pointer (&directory_error));
          return FALSE;
        }
      g_ptr_array_add (faults,
                       g_strdup (_("Audit log: who signed its entries cannot be trusted, because the list of "
                                   "staff accounts was changed outside Waymark.")));
    }

  for (guint i = 0; i < rows->len; i++)
    {
      const AuditRow *row = g_ptr_array_index (rows, i);
      guint8 expected[HASH_SIZE];
      gboolean hash_ok;

      compute_hash (wm_store_get_database_id (self), previous, &row->entry, row->signer_generation, expected);
      hash_ok = sodium_memcmp (expected, row->entry.hash, HASH_SIZE) == 0;

      if (row->entry.seq != last + 1
          && !(row->entry.seq > last + 1 && hash_ok && is_signed_restore (self, row, expected)))
        g_ptr_array_add (faults,
                         g_strdup_printf (_("Audit log: entry %lld stands where entry %lld should be: "
                                            "entries were removed or renumbered."),
                                          (long long) row->entry.seq, (long long) (last + 1)));
      if (!hash_ok)
        g_ptr_array_add (faults,
                         g_strdup_printf (_("Audit log: entry %lld does not match the chain: "
                                            "it or the entry before it was edited, removed or moved."),
                                          (long long) row->entry.seq));
      /* An entry that fails its hash was reported already; its signature
       * (over what the hash should be) fails with it. */
      else if (row->signature_size == 0 && row->signer_generation == 0)
        {
          if (!unsigned_allowed (row))
            g_ptr_array_add (faults,
                             g_strdup_printf (_("Audit log: entry %lld carries no signature, but only failed "
                                                "sign-ins may: it was added or changed outside Waymark."),
                                              (long long) row->entry.seq));
        }
      else if (!signature_holds (self, row, expected))
        g_ptr_array_add (faults,
                         g_strdup_printf (_("Audit log: entry %lld does not carry a valid signature of the "
                                            "account it names: it was added or changed outside Waymark."),
                                          (long long) row->entry.seq));

      /* Carry on from the stored hash, so one edit is reported once. */
      memcpy (previous, row->entry.hash, HASH_SIZE);
      last = row->entry.seq;
    }

  if (!read_head (self, head, &count))
    {
      if (rows->len > 0)
        g_ptr_array_add (faults, g_strdup (_("Audit log: the stored count and hash of its last entry are missing.")));
    }
  else if (count != last || sodium_memcmp (head, previous, HASH_SIZE) != 0)
    {
      g_ptr_array_add (faults,
                       g_strdup_printf (_("Audit log: it should end at entry %lld but ends at entry %lld: "
                                          "entries at the end were removed or replaced."),
                                        (long long) count, (long long) last));
    }

  return faults->len == faults_before;
}

/**
 * wm_store_verify_audit:
 * @faults: (element-type utf8): receives one sentence per fault
 *
 * Checks the chain and its signatures (wm_audit_verify_chain()), and that
 * the file is not older than one this device has seen (wm-freshness.c).
 * Returns %TRUE when all hold; otherwise appends what is wrong to @faults
 * and returns %FALSE (with @error set only when the log could not be read
 * at all).
 */
gboolean
wm_store_verify_audit (WmStore    *self,
                       GPtrArray  *faults,
                       GError    **error)
{
  g_autoptr(GError) fresh_error = NULL;
  guint faults_before;

  g_return_val_if_fail (WM_IS_STORE (self), FALSE);
  g_return_val_if_fail (faults != NULL, FALSE);

  faults_before = faults->len;
  if (!wm_audit_verify_chain (self, faults, error) && faults->len == faults_before)
    return FALSE;

  /* A directory whose signature fails was reported above. */
  if (!wm_freshness_check (self, &fresh_error)
      && !g_error_matches (fresh_error, WM_STORE_ERROR, WM_STORE_ERROR_CORRUPT))
    g_ptr_array_add (faults, g_strdup (fresh_error->message));

  return faults->len == faults_before;
}

gboolean
wm_audit_get_tail (WmStore  *self,
                   gint64   *out_seq,
                   guint8   *out_hash,
                   GError  **error)
{
  sqlite3_stmt *stmt = wm_store_statement (self, "SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1", error);
  gboolean found = FALSE;
  int rc;

  *out_seq = 0;
  memset (out_hash, 0, HASH_SIZE);
  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *out_seq = sqlite3_column_int64 (stmt, 0);
      if (sqlite3_column_bytes (stmt, 1) == HASH_SIZE)
        memcpy (out_hash, sqlite3_column_blob (stmt, 1), HASH_SIZE);
      found = TRUE;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    wm_store_set_sqlite_error (self, rc, error);
  return found;
}

gboolean
wm_audit_has_entry (WmStore      *self,
                    gint64        seq,
                    const guint8 *hash)
{
  sqlite3_stmt *stmt = wm_store_statement (self, "SELECT hash FROM audit WHERE seq = ?", NULL);
  gboolean same = FALSE;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, seq);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_bytes (stmt, 0) == HASH_SIZE)
    same = sodium_memcmp (sqlite3_column_blob (stmt, 0), hash, HASH_SIZE) == 0;
  sqlite3_reset (stmt);
  return same;
}

/**
 * wm_audit_restored_after:
 *
 * Whether the log holds, after entry @seq, a restore's entry that an
 * administrator signed, over the chain as it stands before it. A device
 * that remembers entry @seq accepts a log without it only then (and only
 * with a newer directory, see wm-freshness.c). The caller checked the
 * directory head.
 */
gboolean
wm_audit_restored_after (WmStore *self,
                         gint64   seq)
{
  g_autoptr(AuditRow) row = NULL;
  guint8 previous[HASH_SIZE] = { 0 };
  guint8 expected[HASH_SIZE];
  sqlite3_stmt *stmt;

  stmt = wm_store_statement (self,
                             "SELECT " ROW_COLUMNS "FROM audit WHERE action = 'restore' AND seq > ? "
                             "ORDER BY seq DESC LIMIT 1", NULL);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, seq);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    row = row_from_statement (stmt);
  sqlite3_reset (stmt);
  if (row == NULL)
    return FALSE;

  stmt = wm_store_statement (self, "SELECT hash FROM audit WHERE seq < ? ORDER BY seq DESC LIMIT 1", NULL);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, row->entry.seq);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_bytes (stmt, 0) == HASH_SIZE)
    memcpy (previous, sqlite3_column_blob (stmt, 0), HASH_SIZE);
  sqlite3_reset (stmt);

  compute_hash (wm_store_get_database_id (self), previous, &row->entry, row->signer_generation, expected);
  return sodium_memcmp (expected, row->entry.hash, HASH_SIZE) == 0 && is_signed_restore (self, row, expected);
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
