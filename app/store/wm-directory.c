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

static void
append_be64 (GByteArray *message,
             gint64      value)
{
  guint8 bytes[8];

  wm_put_be64 (bytes, value);
  g_byte_array_append (message, bytes, sizeof bytes);
}

/* What an account's certificate covers: everything that decides what may
 * be sealed to it and what it may do. */
static GByteArray *
account_message (WmStore         *self,
                 const WmAccount *account)
{
  static const char domain[] = "waymark-account-v1";
  GByteArray *message = g_byte_array_new ();
  gsize name_size = strlen (account->name);

  g_byte_array_append (message, (const guint8 *) domain, sizeof domain);
  g_byte_array_append (message, wm_store_get_database_id (self), WM_DATABASE_ID_SIZE);
  append_be64 (message, account->id);
  append_be64 (message, account->role);
  append_be64 (message, account->disabled ? 1 : 0);
  append_be64 (message, account->key_generation);
  g_byte_array_append (message, account->public_key, sizeof account->public_key);
  append_be64 (message, name_size);
  g_byte_array_append (message, (const guint8 *) account->name, name_size);
  return message;
}

static GByteArray *
link_message (WmStore *self,
              gint64   user_id,
              gint64   supervisor_id)
{
  static const char domain[] = "waymark-team-link-v1";
  GByteArray *message = g_byte_array_new ();

  g_byte_array_append (message, (const guint8 *) domain, sizeof domain);
  g_byte_array_append (message, wm_store_get_database_id (self), WM_DATABASE_ID_SIZE);
  append_be64 (message, user_id);
  append_be64 (message, supervisor_id);
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
  return wm_store_step_done (self, stmt, error);
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
  return wm_store_step_done (self, stmt, error);
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
 * Checks every account row and team link against the organisation's
 * signature. Returns %FALSE with @error only when the check could not run.
 */
gboolean
wm_store_check_directory (WmStore    *self,
                          GPtrArray  *faults,
                          GError    **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;

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
  return TRUE;
}
