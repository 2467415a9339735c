/* wm-directory.c — the signed account directory: who holds which key
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A case key is sealed to the public keys the users table names. If anyone
 * who can write the file could change those rows (put their own public key
 * on a colleague's account, or add themselves as a colleague's supervisor),
 * the next case would be sealed to them. So every account row and every
 * team link carries an Ed25519 signature by the organisation key, and
 * nothing is sealed to an account, nor a team link followed, unless its
 * signature holds.
 *
 * The organisation key is made when the database is created. Its public
 * half is in meta, and the database id, which is bound into every record's
 * associated data, is a hash of it: replacing the key changes the id, and
 * then no record in the file opens. Its secret half is sealed to each
 * active administrator (users.organisation_seal), who signs with it when
 * adding, changing or disabling accounts. Keep at least two administrators:
 * with none able to open it, no accounts can be added.
 */

#define G_LOG_DOMAIN "wm-directory"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <sodium.h>

#include "wm-store-private.h"

#define SIGNATURE_SIZE crypto_sign_BYTES
#define SEALED_ORGANISATION_KEY_SIZE (crypto_box_SEALBYTES + crypto_sign_SECRETKEYBYTES)

G_STATIC_ASSERT (WM_ORGANISATION_KEY_SIZE == crypto_sign_SECRETKEYBYTES);
G_STATIC_ASSERT (WM_DIRECTORY_SIGNATURE_SIZE == SIGNATURE_SIZE);

WmSecret *
wm_directory_new_organisation_key (guint8 *out_public_key)
{
  WmSecret *key = wm_secret_new (crypto_sign_SECRETKEYBYTES);

  crypto_sign_keypair (out_public_key, wm_secret_get_data (key));
  return key;
}

void
wm_directory_database_id (const guint8 *organisation_public_key,
                          guint8       *out_database_id)
{
  static const char domain[] = "waymark-organisation-v1";
  crypto_generichash_state state;

  crypto_generichash_init (&state, NULL, 0, WM_DATABASE_ID_SIZE);
  crypto_generichash_update (&state, (const guint8 *) domain, sizeof domain);
  crypto_generichash_update (&state, organisation_public_key, crypto_sign_PUBLICKEYBYTES);
  crypto_generichash_final (&state, out_database_id, WM_DATABASE_ID_SIZE);
}

/* What an account's certificate covers: everything that decides what may
 * be sealed to it and what it may do. */
static GByteArray *
account_message (WmStore         *self,
                 const WmAccount *account)
{
  GByteArray *message = wm_message_new (self, "waymark-account-v1");
  gsize name_size = strlen (account->name);

  wm_message_append_be64 (message, account->id);
  wm_message_append_be64 (message, account->role);
  wm_message_append_be64 (message, account->disabled ? 1 : 0);
  wm_message_append_be64 (message, account->key_generation);
  g_byte_array_append (message, account->public_key, sizeof account->public_key);
  wm_message_append_be64 (message, name_size);
  g_byte_array_append (message, (const guint8 *) account->name, name_size);
  return message;
}

static GByteArray *
link_message (WmStore *self,
              gint64   user_id,
              gint64   supervisor_id)
{
  GByteArray *message = wm_message_new (self, "waymark-team-link-v1");

  wm_message_append_be64 (message, user_id);
  wm_message_append_be64 (message, supervisor_id);
  return message;
}

/**
 * wm_directory_certify_account:
 *
 * Signs the account row as it now stands, and gives the organisation key
 * to it when it is an active administrator (takes it away otherwise). Part
 * of the caller's transaction.
 */
gboolean
wm_directory_certify_account (WmStore   *self,
                              gint64     user_id,
                              WmSecret  *organisation_key,
                              GError   **error)
{
  g_autoptr(WmAccount) account = NULL;
  g_autoptr(GByteArray) message = NULL;
  guint8 signature[SIGNATURE_SIZE];
  guint8 sealed[SEALED_ORGANISATION_KEY_SIZE];
  gboolean holds_key;
  sqlite3_stmt *stmt;

  account = wm_accounts_load (self, NULL, user_id, error);
  if (account == NULL)
    return FALSE;

  message = account_message (self, account);
  crypto_sign_detached (signature, NULL, message->data, message->len, wm_secret_get_data (organisation_key));

  holds_key = account->role == WM_ROLE_ADMINISTRATOR && !account->disabled;
  if (holds_key)
    crypto_box_seal (sealed, wm_secret_get_data (organisation_key), crypto_sign_SECRETKEYBYTES,
                     account->public_key);

  stmt = wm_store_statement (self, "UPDATE users SET certificate = ?, organisation_seal = ? WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_blob (stmt, 1, signature, sizeof signature, SQLITE_STATIC);
  if (holds_key)
    sqlite3_bind_blob (stmt, 2, sealed, sizeof sealed, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, 2);
  sqlite3_bind_int64 (stmt, 3, user_id);
  return wm_store_step_done (self, stmt, error)
         && wm_directory_sign_head (self, organisation_key, error);
}

/**
 * wm_directory_check_account:
 *
 * Fails with %WM_STORE_ERROR_CORRUPT when the account row is not as an
 * administrator last signed it: its key, name, role or state was changed
 * in the file.
 */
gboolean
wm_directory_check_account (WmStore          *self,
                            const WmAccount  *account,
                            GError          **error)
{
  g_autoptr(GByteArray) message = account_message (self, account);
  gsize size = 0;
  const guint8 *signature = account->certificate ? g_bytes_get_data (account->certificate, &size) : NULL;

  if (signature == NULL || size != SIGNATURE_SIZE
      || crypto_sign_verify_detached (signature, message->data, message->len,
                                      wm_store_get_organisation_public_key (self)) != 0)
    {
      g_set_error (error, WM_STORE_ERROR, WM_STORE_ERROR_CORRUPT,
                   _("The account “%s” was changed outside Waymark: its record does not carry the "
                     "organisation’s signature, so Waymark will not use it. An administrator should check "
                     "the account and restore the database from a backup."),
                   account->name);
      return FALSE;
    }
  return TRUE;
}

gboolean
wm_directory_certify_link (WmStore   *self,
                           gint64     user_id,
                           gint64     supervisor_id,
                           WmSecret  *organisation_key,
                           GError   **error)
{
  g_autoptr(GByteArray) message = link_message (self, user_id, supervisor_id);
  guint8 signature[SIGNATURE_SIZE];
  sqlite3_stmt *stmt;

  crypto_sign_detached (signature, NULL, message->data, message->len, wm_secret_get_data (organisation_key));
  stmt = wm_store_statement (self,
                             "INSERT OR REPLACE INTO user_supervisors (user_id, supervisor_id, certificate) "
                             "VALUES (?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, user_id);
  sqlite3_bind_int64 (stmt, 2, supervisor_id);
  sqlite3_bind_blob (stmt, 3, signature, sizeof signature, SQLITE_STATIC);
  return wm_store_step_done (self, stmt, error)
         && wm_directory_sign_head (self, organisation_key, error);
}

gboolean
wm_directory_check_link (WmStore      *self,
                         gint64        user_id,
                         gint64        supervisor_id,
                         const guint8 *certificate,
                         gsize         certificate_size)
{
  g_autoptr(GByteArray) message = link_message (self, user_id, supervisor_id);

  return certificate != NULL && certificate_size == SIGNATURE_SIZE
         && crypto_sign_verify_detached (certificate, message->data, message->len,
                                         wm_store_get_organisation_public_key (self)) == 0;
}

/**
 * wm_directory_sign_statement:
 * @message: what is signed: a domain string, the database id, the fields
 * @out_signature: (out caller-allocates): %WM_DIRECTORY_SIGNATURE_SIZE bytes
 *
 * Signs something other than an account or a team link with the
 * organisation key, as an account row is signed: the partner directory
 * (wm-partners.c) is the organisation's word in the same way.
 */
void
wm_directory_sign_statement (WmSecret     *organisation_key,
                             const guint8 *message,
                             gsize         message_size,
                             guint8       *out_signature)
{
  crypto_sign_detached (out_signature, NULL, message, message_size, wm_secret_get_data (organisation_key));
}

/**
 * wm_directory_check_statement:
 *
 * Whether @signature is the organisation key's over @message.
 */
gboolean
wm_directory_check_statement (WmStore      *self,
                              const guint8 *message,
                              gsize         message_size,
                              const guint8 *signature,
                              gsize         signature_size)
{
  return signature != NULL && signature_size == SIGNATURE_SIZE
         && crypto_sign_verify_detached (signature, message, message_size,
                                         wm_store_get_organisation_public_key (self)) == 0;
}

/**
 * wm_directory_open_organisation_key:
 *
 * The organisation's signing key, opened with an administrator's secret
 * key; it must match the public key the database id pins.
 */
WmSecret *
wm_directory_open_organisation_key (WmStore          *self,
                                    const WmAccount  *administrator,
                                    WmSecret         *secret_key,
                                    GError          **error)
{
  g_autoptr(WmSecret) key = wm_secret_new (crypto_sign_SECRETKEYBYTES);
  guint8 derived_public[crypto_sign_PUBLICKEYBYTES];
  gsize size = 0;
  const guint8 *sealed = administrator->organisation_seal
                         ? g_bytes_get_data (administrator->organisation_seal, &size) : NULL;

  if (sealed == NULL || size != SEALED_ORGANISATION_KEY_SIZE
      || crypto_box_seal_open (wm_secret_get_data (key), sealed, size,
                               administrator->public_key, wm_secret_get_data (secret_key)) != 0
      || crypto_sign_ed25519_sk_to_pk (derived_public, wm_secret_get_data (key)) != 0
      || sodium_memcmp (derived_public, wm_store_get_organisation_public_key (self),
                        sizeof derived_public) != 0)
    {
      g_set_error (error, WM_STORE_ERROR, WM_STORE_ERROR_PERMISSION,
                   _("Your account cannot sign for the organisation. Ask another administrator to reset "
                     "or re-add your administrator account."));
      return NULL;
    }
  return g_steal_pointer (&key);
}

/**
 * wm_store_check_directory:
 * @faults: (element-type utf8): receives one sentence per fault
 *
 * Checks every account row, team link and partner directory entry against
 * the organisation's signature. Returns %FALSE with @error only when the check could not run.
 */
gboolean
wm_store_check_directory (WmStore    *self,
                          GPtrArray  *faults,
                          GError    **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) head_error = NULL;
  sqlite3_stmt *stmt;

  if (!wm_directory_check_head (self, NULL, &head_error))
    {
      if (!g_error_matches (head_error, WM_STORE_ERROR, WM_STORE_ERROR_CORRUPT))
        {
          g_propagate_error (error, g_steal_pointer (&head_error));
          return FALSE;
        }
      g_ptr_array_add (faults, g_strdup (head_error->message));
    }

  stmt = wm_store_statement (self, "SELECT id FROM users ORDER BY id", error);
  if (stmt == NULL)
    return FALSE;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);

  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(WmAccount) account = wm_accounts_load (self, NULL, g_array_index (ids, gint64, i), error);
      g_autoptr(GError) check_error = NULL;

      if (account == NULL)
        return FALSE;
      if (!wm_directory_check_account (self, account, &check_error))
        g_ptr_array_add (faults, g_strdup (check_error->message));
    }

  stmt = wm_store_statement (self, "SELECT user_id, supervisor_id, certificate FROM user_supervisors", error);
  if (stmt == NULL)
    return FALSE;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 user_id = sqlite3_column_int64 (stmt, 0);

      if (!wm_directory_check_link (self, user_id, sqlite3_column_int64 (stmt, 1),
                                    sqlite3_column_blob (stmt, 2), sqlite3_column_bytes (stmt, 2)))
        g_ptr_array_add (faults,
                         g_strdup_printf (_("A supervisor link of account %lld was changed outside Waymark: "
                                            "it does not carry an administrator’s signature."),
                                          (long long) user_id));
    }
  sqlite3_reset (stmt);
  return wm_partners_check (self, faults, error) && wm_org_settings_check (self, faults, error);
}

/* ---- Signing keys ------------------------------------------------------ */

/**
 * wm_directory_derive_signing_key:
 * @secret_key: an account's X25519 secret key
 * @out_public_key: (out caller-allocates): receives the Ed25519 public key
 *
 * Every account signs what it writes (case keys it grants, record versions,
 * approvals, audit entries) with an Ed25519 key derived from its X25519
 * secret key, as the wrap key is: it needs no storage of its own and
 * changes when the key pair is reset. The public half of each generation is
 * kept in signing_keys, inside the directory the organisation signs.
 *
 * Returns: (transfer full): the 64-byte Ed25519 secret key
 */
WmSecret *
wm_directory_derive_signing_key (WmSecret *secret_key,
                                 guint8   *out_public_key)
{
  g_autoptr(WmSecret) seed = wm_secret_new (crypto_sign_SEEDBYTES);
  WmSecret *signing_key = wm_secret_new (crypto_sign_SECRETKEYBYTES);

  crypto_kdf_derive_from_key (wm_secret_get_data (seed), crypto_sign_SEEDBYTES,
                              2, "WMsignky", wm_secret_get_data (secret_key));
  crypto_sign_seed_keypair (out_public_key, wm_secret_get_data (signing_key), wm_secret_get_data (seed));
  return signing_key;
}

/* Records the public signing key of a key generation; part of the caller's
 * transaction, which also signs the directory head. A generation's key is
 * never replaced: statements signed before a reset must still verify. */
gboolean
wm_directory_add_signing_key (WmStore       *self,
                              gint64         user_id,
                              gint64         generation,
                              const guint8  *public_key,
                              GError       **error)
{
  sqlite3_stmt *stmt = wm_store_statement (self,
                                           "INSERT OR IGNORE INTO signing_keys (user_id, generation, public_key) "
                                           "VALUES (?, ?, ?)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, user_id);
  sqlite3_bind_int64 (stmt, 2, generation);
  sqlite3_bind_blob (stmt, 3, public_key, crypto_sign_PUBLICKEYBYTES, SQLITE_STATIC);
  return wm_store_step_done (self, stmt, error);
}

/**
 * wm_directory_lookup_signing_key:
 * @out_public_key: (out caller-allocates): 32 bytes
 *
 * The public signing key of @user_id's key generation @generation, as the
 * directory holds it. The caller checked the directory head
 * (wm_directory_check_head()) in the same read.
 *
 * Returns: %FALSE when the directory names no such key
 */
gboolean
wm_directory_lookup_signing_key (WmStore *self,
                                 gint64   user_id,
                                 gint64   generation,
                                 guint8  *out_public_key)
{
  sqlite3_stmt *stmt = wm_store_statement (self,
                                           "SELECT public_key FROM signing_keys "
                                           "WHERE user_id = ? AND generation = ?", NULL);
  gboolean found = FALSE;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, user_id);
  sqlite3_bind_int64 (stmt, 2, generation);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_bytes (stmt, 0) == crypto_sign_PUBLICKEYBYTES)
    {
      memcpy (out_public_key, sqlite3_column_blob (stmt, 0), crypto_sign_PUBLICKEYBYTES);
      found = TRUE;
    }
  sqlite3_reset (stmt);
  return found;
}

/**
 * wm_directory_verify:
 *
 * Whether @signature is @user_id's (key generation @generation) over
 * @message, by the key the directory holds for them.
 */
gboolean
wm_directory_verify (WmStore      *self,
                     gint64        user_id,
                     gint64        generation,
                     const guint8 *message,
                     gsize         message_size,
                     const guint8 *signature,
                     gsize         signature_size)
{
  guint8 public_key[crypto_sign_PUBLICKEYBYTES];

  return signature != NULL && signature_size == crypto_sign_BYTES
         && wm_directory_lookup_signing_key (self, user_id, generation, public_key)
         && crypto_sign_verify_detached (signature, message, message_size, public_key) == 0;
}

/* ---- The signed directory head ---------------------------------------- */

/* Each account row is signed on its own, so a row can be put back as it
 * was signed once before (an account re-enabled, a reset undone) and a team
 * link can be deleted, each leaving only valid signatures behind. The head
 * closes that: the organisation key signs a hash of the whole directory
 * (every account, team link and signing key) with a counter that grows
 * with each change. A replayed row or a deleted link no longer matches the
 * head; a whole directory put back as it was is older than the counter a
 * device has seen (see wm-freshness.c). Sign-in counters (failed_count,
 * last_failed_at) change without an administrator and are left out. */

static void
hash_column (crypto_generichash_state *state,
             sqlite3_stmt             *stmt,
             int                       column)
{
  guint8 size[8];
  gsize bytes = sqlite3_column_bytes (stmt, column);
  const void *data = sqlite3_column_type (stmt, column) == SQLITE_TEXT
                     ? (const void *) sqlite3_column_text (stmt, column)
                     : sqlite3_column_blob (stmt, column);

  /* Type and length first, so no two rows hash alike by shifting bytes
   * between columns. */
  wm_put_be64 (size, ((guint64) sqlite3_column_type (stmt, column) << 56) | bytes);
  crypto_generichash_update (state, size, sizeof size);
  if (bytes > 0)
    crypto_generichash_update (state, data, bytes);
}

static gboolean
hash_query (WmStore                  *self,
            crypto_generichash_state *state,
            const char               *sql,
            GError                  **error)
{
  sqlite3_stmt *stmt = wm_store_statement (self, sql, error);
  int columns, rc;

  if (stmt == NULL)
    return FALSE;
  columns = sqlite3_column_count (stmt);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    for (int i = 0; i < columns; i++)
      hash_column (state, stmt, i);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      wm_store_set_sqlite_error (self, rc, error);
      return FALSE;
    }
  return TRUE;
}

static gboolean
directory_hash (WmStore  *self,
                guint8   *out_hash,
                GError  **error)
{
  static const char domain[] = "waymark-directory-v1";
  crypto_generichash_state state;

  crypto_generichash_init (&state, NULL, 0, crypto_generichash_BYTES);
  crypto_generichash_update (&state, (const guint8 *) domain, sizeof domain);
  crypto_generichash_update (&state, wm_store_get_database_id (self), WM_DATABASE_ID_SIZE);
  /* Each statement is a separate literal: the statement cache keys on it. */
  if (!hash_query (self, &state,
                   "SELECT 'user', id, name, role, disabled, key_generation, public_key, certificate "
                   "FROM users ORDER BY id", error)
      || !hash_query (self, &state,
                      "SELECT 'link', user_id, supervisor_id FROM user_supervisors "
                      "ORDER BY user_id, supervisor_id", error)
      || !hash_query (self, &state,
                      "SELECT 'key', user_id, generation, public_key FROM signing_keys "
                      "ORDER BY user_id, generation", error))
    return FALSE;
  crypto_generichash_final (&state, out_hash, crypto_generichash_BYTES);
  return TRUE;
}

static GByteArray *
head_message (WmStore      *self,
              gint64        epoch,
              const guint8 *hash)
{
  GByteArray *message = wm_message_new (self, "waymark-directory-head-v1");

  wm_message_append_be64 (message, epoch);
  g_byte_array_append (message, hash, crypto_generichash_BYTES);
  return message;
}

static gboolean
read_head (WmStore  *self,
           gint64   *out_epoch,
           GBytes  **out_signature,
           GError  **error)
{
  sqlite3_stmt *stmt = wm_store_statement (self,
                                           "SELECT key, value FROM meta "
                                           "WHERE key IN ('directory-epoch', 'directory-signature')", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  *out_epoch = 0;
  *out_signature = NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *key = (const char *) sqlite3_column_text (stmt, 0);

      if (g_strcmp0 (key, "directory-epoch") == 0 && sqlite3_column_type (stmt, 1) == SQLITE_INTEGER)
        *out_epoch = sqlite3_column_int64 (stmt, 1);
      else if (g_strcmp0 (key, "directory-signature") == 0 && sqlite3_column_type (stmt, 1) == SQLITE_BLOB)
        {
          g_clear_pointer (out_signature, g_bytes_unref);
          *out_signature = g_bytes_new (sqlite3_column_blob (stmt, 1), sqlite3_column_bytes (stmt, 1));
        }
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      g_clear_pointer (out_signature, g_bytes_unref);
      wm_store_set_sqlite_error (self, rc, error);
      return FALSE;
    }
  return TRUE;
}

/**
 * wm_directory_sign_head:
 *
 * Signs the directory as it now stands with the next counter; part of the
 * caller's transaction, after every change to an account, a team link or
 * a signing key.
 */
gboolean
wm_directory_sign_head (WmStore   *self,
                        WmSecret  *organisation_key,
                        GError   **error)
{
  g_autoptr(GBytes) old_signature = NULL;
  g_autoptr(GByteArray) message = NULL;
  guint8 hash[crypto_generichash_BYTES];
  guint8 signature[SIGNATURE_SIZE];
  sqlite3_stmt *stmt;
  gint64 epoch;

  if (!read_head (self, &epoch, &old_signature, error) || !directory_hash (self, hash, error))
    return FALSE;
  epoch++;
  message = head_message (self, epoch, hash);
  crypto_sign_detached (signature, NULL, message->data, message->len, wm_secret_get_data (organisation_key));

  stmt = wm_store_statement (self,
                             "INSERT OR REPLACE INTO meta (key, value) "
                             "VALUES ('directory-epoch', ?), ('directory-signature', ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, epoch);
  sqlite3_bind_blob (stmt, 2, signature, sizeof signature, SQLITE_STATIC);
  return wm_store_step_done (self, stmt, error);
}

typedef struct
{
  gint64 epoch;
  guint8 hash[crypto_generichash_BYTES];
  guint8 signature[SIGNATURE_SIZE];
} CheckedHead;

static GQuark
checked_head_quark (void)
{
  return g_quark_from_static_string ("wm-directory-checked-head");
}

/**
 * wm_directory_check_head:
 * @out_epoch: (out) (optional): the directory's counter
 *
 * Fails with %WM_STORE_ERROR_CORRUPT unless the whole directory is as an
 * administrator last signed it.
 */
gboolean
wm_directory_check_head (WmStore  *self,
                         gint64   *out_epoch,
                         GError  **error)
{
  g_autoptr(GBytes) signature = NULL;
  g_autoptr(GByteArray) message = NULL;
  guint8 hash[crypto_generichash_BYTES];
  CheckedHead *cache;
  gint64 epoch;
  gsize size = 0;
  const guint8 *data;

  if (!read_head (self, &epoch, &signature, error) || !directory_hash (self, hash, error))
    return FALSE;
  data = signature != NULL ? g_bytes_get_data (signature, &size) : NULL;

  /* The directory changes rarely and is checked before every share and
   * every signature check: the last head whose signature held is
   * remembered, so only a changed one costs a public-key operation. */
  cache = g_object_get_qdata (G_OBJECT (self), checked_head_quark ());
  if (cache != NULL && data != NULL && size == SIGNATURE_SIZE && cache->epoch == epoch
      && memcmp (cache->hash, hash, sizeof hash) == 0 && memcmp (cache->signature, data, SIGNATURE_SIZE) == 0)
    {
      if (out_epoch != NULL)
        *out_epoch = epoch;
      return TRUE;
    }

  message = head_message (self, epoch, hash);
  if (data == NULL || size != SIGNATURE_SIZE
      || crypto_sign_verify_detached (data, message->data, message->len,
                                      wm_store_get_organisation_public_key (self)) != 0)
    {
      g_set_error (error, WM_STORE_ERROR, WM_STORE_ERROR_CORRUPT,
                   _("The list of staff accounts was changed outside Waymark: an account, a supervisor "
                     "link or a key is not as an administrator left it. Waymark will not share or accept "
                     "case keys until it is. An administrator should restore the database from a backup."));
      return FALSE;
    }

  cache = g_new (CheckedHead, 1);
  cache->epoch = epoch;
  memcpy (cache->hash, hash, sizeof hash);
  memcpy (cache->signature, data, SIGNATURE_SIZE);
  g_object_set_qdata_full (G_OBJECT (self), checked_head_quark (), cache, g_free);
  if (out_epoch != NULL)
    *out_epoch = epoch;
  return TRUE;
}
