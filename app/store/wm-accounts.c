/* wm-accounts.c — staff accounts: keys under passphrases, roles, teams
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each user has an X25519 key pair. The secret key is sealed with
 * XChaCha20-Poly1305 under a key that Argon2id derives from the passphrase
 * (parameters stored per user, so they can be raised later). The associated
 * data names the database, the user and the key generation, so a secret box
 * copied onto another account does not open there.
 */

#define G_LOG_DOMAIN "wm-accounts"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <sodium.h>

#include "wm-secret.h"
#include "wm-store-private.h"

/* At least 64 MiB and 3 passes, as DESIGN.md requires. */
#define KDF_OPSLIMIT 3
#define KDF_MEMLIMIT (64 * 1024 * 1024)
#define KDF_OPSLIMIT_FLOOR 3
#define KDF_MEMLIMIT_FLOOR (64 * 1024 * 1024)
/* Above this a stored parameter is treated as tampering, not a setting:
 * a file must not make us allocate gigabytes. */
#define KDF_MEMLIMIT_CEILING (1024 * 1024 * 1024)
#define KDF_OPSLIMIT_CEILING 32

#define NONCE_SIZE crypto_aead_xchacha20poly1305_ietf_NPUBBYTES
#define TAG_SIZE crypto_aead_xchacha20poly1305_ietf_ABYTES

/* Sign-in delays: the first two mistakes are free, then each one doubles the
 * wait, up to fifteen minutes. */
#define FREE_FAILURES 2
#define MAX_DELAY_SECONDS (15 * 60)

static const char *const role_names[] = { NULL, "caseworker", "supervisor", "administrator" };

const char *
wm_role_to_string (WmRole role)
{
  if (role < WM_ROLE_CASEWORKER || role > WM_ROLE_ADMINISTRATOR)
    return "unknown";
  return role_names[role];
}

gboolean
wm_role_from_string (const char *text,
                     WmRole     *out_role)
{
  for (int role = WM_ROLE_CASEWORKER; role <= WM_ROLE_ADMINISTRATOR; role++)
    {
      if (g_strcmp0 (text, role_names[role]) == 0)
        {
          *out_role = role;
          return TRUE;
        }
    }
  return FALSE;
}

const char *
wm_role_get_label (WmRole role)
{
  switch (role)
    {
    case WM_ROLE_CASEWORKER:
      return _("Caseworker");
    case WM_ROLE_SUPERVISOR:
      return _("Supervisor");
    case WM_ROLE_ADMINISTRATOR:
      return _("Administrator");
    default:
      return _("Unknown role");
    }
}

void
wm_user_free (WmUser *user)
{
  if (user == NULL)
    return;

  g_free (user->name);
  g_clear_pointer (&user->supervisor_ids, g_array_unref);
  g_free (user);
}

void
wm_account_free (WmAccount *account)
{
  if (account == NULL)
    return;

  g_free (account->name);
  g_clear_pointer (&account->secret_box, g_bytes_unref);
  g_clear_pointer (&account->kdf_salt, g_bytes_unref);
  g_clear_pointer (&account->certificate, g_bytes_unref);
  g_clear_pointer (&account->organisation_seal, g_bytes_unref);
  g_free (account);
}

static GBytes *
column_bytes (sqlite3_stmt *stmt,
              int           column)
{
  return g_bytes_new (sqlite3_column_blob (stmt, column), sqlite3_column_bytes (stmt, column));
}

/* Loads by name when @name is given, otherwise by @user_id. */
WmAccount *
wm_accounts_load (WmStore     *self,
                  const char  *name,
                  gint64       user_id,
                  GError     **error)
{
  g_autoptr(WmAccount) account = NULL;
  sqlite3_stmt *stmt;
  int rc;

  if (name != NULL)
    {
      stmt = wm_store_statement (self,
                                 "SELECT id, name, role, disabled, public_key, secret_box, kdf_salt, "
                                 "kdf_opslimit, kdf_memlimit, key_generation, failed_count, last_failed_at, "
                                 "certificate, organisation_seal FROM users WHERE name = ?", error);
      if (stmt == NULL)
        return NULL;
      sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
    }
  else
    {
      stmt = wm_store_statement (self,
                                 "SELECT id, name, role, disabled, public_key, secret_box, kdf_salt, "
                                 "kdf_opslimit, kdf_memlimit, key_generation, failed_count, last_failed_at, "
                                 "certificate, organisation_seal FROM users WHERE id = ?", error);
      if (stmt == NULL)
        return NULL;
      sqlite3_bind_int64 (stmt, 1, user_id);
    }

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      account = g_new0 (WmAccount, 1);
      account->id = sqlite3_column_int64 (stmt, 0);
      account->name = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      account->role = sqlite3_column_int (stmt, 2);
      account->disabled = sqlite3_column_int (stmt, 3) != 0;
      if (sqlite3_column_bytes (stmt, 4) == crypto_box_PUBLICKEYBYTES)
        memcpy (account->public_key, sqlite3_column_blob (stmt, 4), crypto_box_PUBLICKEYBYTES);
      account->secret_box = column_bytes (stmt, 5);
      account->kdf_salt = column_bytes (stmt, 6);
      account->kdf_opslimit = sqlite3_column_int64 (stmt, 7);
      account->kdf_memlimit = sqlite3_column_int64 (stmt, 8);
      account->key_generation = sqlite3_column_int64 (stmt, 9);
      account->failed_count = sqlite3_column_int64 (stmt, 10);
      account->last_failed_at = sqlite3_column_int64 (stmt, 11);
      account->certificate = column_bytes (stmt, 12);
      if (sqlite3_column_type (stmt, 13) == SQLITE_BLOB)
        account->organisation_seal = column_bytes (stmt, 13);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      wm_store_set_sqlite_error (self, rc, error);
      return NULL;
    }
  if (account == NULL)
    {
      if (name != NULL)
        g_set_error (error, WM_STORE_ERROR, WM_STORE_ERROR_NOT_FOUND,
                     _("There is no account called “%s”. Check the name, or ask an administrator."), name);
      else
        g_set_error (error, WM_STORE_ERROR, WM_STORE_ERROR_NOT_FOUND,
                     _("There is no account number %lld. It may have been removed; ask an administrator."),
                     (long long) user_id);
      return NULL;
    }
  return g_steal_pointer (&account);
}

/* Passphrases are compared after NFKC normalisation, so the same words typed
 * on another keyboard layout or input method still match. */
static WmSecret *
normalise_passphrase (const char *passphrase)
{
  char *normalised = g_utf8_normalize (passphrase, -1, G_NORMALIZE_NFKC);
  WmSecret *secret;

  if (normalised == NULL)
    return wm_secret_new_from_string (passphrase);
  secret = wm_secret_new_from_string (normalised);
  sodium_memzero (normalised, strlen (normalised));
  g_free (normalised);
  return secret;
}

static WmSecret *
derive_passphrase_key (const char   *passphrase,
                       const guint8 *salt,
                       guint64       opslimit,
                       gsize         memlimit)
{
  g_autoptr(WmSecret) normalised = normalise_passphrase (passphrase);
  g_autoptr(WmSecret) key = wm_secret_new (crypto_aead_xchacha20poly1305_ietf_KEYBYTES);

  if (crypto_pwhash (wm_secret_get_data (key), wm_secret_get_size (key),
                     (const char *) wm_secret_get_data (normalised),
                     strlen ((const char *) wm_secret_get_data (normalised)),
                     salt, opslimit, memlimit, crypto_pwhash_ALG_ARGON2ID13) != 0)
    return NULL;
  return g_steal_pointer (&key);
}

static void
secret_box_ad (WmStore *self,
               gint64   user_id,
               gint64   key_generation,
               guint8  *ad)
{
  static const char domain[16] = "waymark-user-v1";

  memcpy (ad, domain, 16);
  memcpy (ad + 16, wm_store_get_database_id (self), WM_DATABASE_ID_SIZE);
  wm_put_be64 (ad + 16 + WM_DATABASE_ID_SIZE, user_id);
  wm_put_be64 (ad + 24 + WM_DATABASE_ID_SIZE, key_generation);
}

#define SECRET_BOX_AD_SIZE (16 + WM_DATABASE_ID_SIZE + 16)

/* Returns the user's X25519 secret key, or %NULL when the passphrase is wrong
 * or the stored box was tampered with (the two are indistinguishable). */
WmSecret *
wm_accounts_open_secret_key (WmStore         *self,
                             const WmAccount *account,
                             const char      *passphrase)
{
  g_autoptr(WmSecret) key = NULL;
  g_autoptr(WmSecret) secret_key = NULL;
  guint8 ad[SECRET_BOX_AD_SIZE];
  const guint8 *box;
  gsize box_size, salt_size;
  const guint8 *salt = g_bytes_get_data (account->kdf_salt, &salt_size);
  unsigned long long opened = 0;

  box = g_bytes_get_data (account->secret_box, &box_size);
  if (salt_size != crypto_pwhash_SALTBYTES
      || box_size != NONCE_SIZE + crypto_box_SECRETKEYBYTES + TAG_SIZE
      || account->kdf_opslimit < KDF_OPSLIMIT_FLOOR || account->kdf_opslimit > KDF_OPSLIMIT_CEILING
      || account->kdf_memlimit < KDF_MEMLIMIT_FLOOR || account->kdf_memlimit > KDF_MEMLIMIT_CEILING)
    {
      /* Tampered parameters: spend the same time as a real attempt, so a
       * tampered account looks like a wrong passphrase and nothing else. */
      wm_accounts_burn_time (passphrase);
      return NULL;
    }

  key = derive_passphrase_key (passphrase, salt, account->kdf_opslimit, account->kdf_memlimit);
  if (key == NULL)
    return NULL;

  secret_box_ad (self, account->id, account->key_generation, ad);
  secret_key = wm_secret_new (crypto_box_SECRETKEYBYTES);
  if (crypto_aead_xchacha20poly1305_ietf_decrypt (wm_secret_get_data (secret_key), &opened, NULL,
                                                  box + NONCE_SIZE, box_size - NONCE_SIZE,
                                                  ad, sizeof ad, box, wm_secret_get_data (key)) != 0)
    return NULL;
  return g_steal_pointer (&secret_key);
}

/* Spends what a real sign-in would, so that an unknown account name cannot
 * be told from a wrong passphrase by timing. */
void
wm_accounts_burn_time (const char *passphrase)
{
  guint8 salt[crypto_pwhash_SALTBYTES];
  g_autoptr(WmSecret) key = NULL;

  randombytes_buf (salt, sizeof salt);
  key = derive_passphrase_key (passphrase, salt, KDF_OPSLIMIT, KDF_MEMLIMIT);
}

/* Seals @secret_key under a fresh salt and @passphrase and stores it with
 * @public_key; part of the caller's transaction. */
gboolean
wm_accounts_write_keys (WmStore      *self,
                        gint64        user_id,
                        gint64        key_generation,
                        const char   *passphrase,
                        const guint8 *public_key,
                        WmSecret     *secret_key,
                        GError      **error)
{
  g_autoptr(WmSecret) key = NULL;
  guint8 salt[crypto_pwhash_SALTBYTES];
  guint8 box[NONCE_SIZE + crypto_box_SECRETKEYBYTES + TAG_SIZE];
  guint8 ad[SECRET_BOX_AD_SIZE];
  sqlite3_stmt *stmt;

  randombytes_buf (salt, sizeof salt);
  key = derive_passphrase_key (passphrase, salt, KDF_OPSLIMIT, KDF_MEMLIMIT);
  if (key == NULL)
    {
      g_set_error (error, WM_STORE_ERROR, WM_STORE_ERROR_IO,
                   _("There is not enough memory to protect the passphrase (64 MiB are needed). "
                     "Close other programs and try again."));
      return FALSE;
    }

  secret_box_ad (self, user_id, key_generation, ad);
  randombytes_buf (box, NONCE_SIZE);
  crypto_aead_xchacha20poly1305_ietf_encrypt (box + NONCE_SIZE, NULL,
                                              wm_secret_get_data (secret_key), crypto_box_SECRETKEYBYTES,
                                              ad, sizeof ad, NULL, box, wm_secret_get_data (key));

  stmt = wm_store_statement (self,
                             "UPDATE users SET public_key = ?, secret_box = ?, kdf_salt = ?, "
                             "kdf_opslimit = ?, kdf_memlimit = ?, key_generation = ?, "
                             "failed_count = 0, last_failed_at = 0 WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_blob (stmt, 1, public_key, crypto_box_PUBLICKEYBYTES, SQLITE_STATIC);
  sqlite3_bind_blob (stmt, 2, box, sizeof box, SQLITE_STATIC);
  sqlite3_bind_blob (stmt, 3, salt, sizeof salt, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, KDF_OPSLIMIT);
  sqlite3_bind_int64 (stmt, 5, KDF_MEMLIMIT);
  sqlite3_bind_int64 (stmt, 6, key_generation);
  sqlite3_bind_int64 (stmt, 7, user_id);
  return wm_store_step_done (self, stmt, error);
}

/* The symmetric key a user's case keys are re-wrapped under after first
 * use (see migration 2): derived from the X25519 secret key, so it needs no
 * storage of its own and changes when the key pair is reset. */
WmSecret *
wm_accounts_derive_wrap_key (WmSecret *secret_key)
{
  WmSecret *wrap_key = wm_secret_new (crypto_aead_xchacha20poly1305_ietf_KEYBYTES);

  crypto_kdf_derive_from_key (wm_secret_get_data (wrap_key), wm_secret_get_size (wrap_key),
                              1, "WMcasekw", wm_secret_get_data (secret_key));
  return wrap_key;
}

/**
 * wm_accounts_insert_user:
 *
 * Adds an account with a fresh key pair, signed with @organisation_key;
 * part of the caller's transaction. Returns its id, or 0 with @error set.
 */
gint64
wm_accounts_insert_user (WmStore     *self,
                         const char  *name,
                         WmRole       role,
                         const char  *passphrase,
                         WmSecret    *organisation_key,
                         GError     **error)
{
  g_autoptr(WmSecret) secret_key = NULL;
  g_autofree char *trimmed = NULL;
  guint8 public_key[crypto_box_PUBLICKEYBYTES];
  sqlite3_stmt *stmt;
  gint64 user_id;
  int rc;

  trimmed = g_strstrip (g_strdup (name));
  if (*trimmed == '\0' || !g_utf8_validate (trimmed, -1, NULL) || g_utf8_strlen (trimmed, -1) > 64)
    {
      g_set_error (error, WM_STORE_ERROR, WM_STORE_ERROR_INVALID,
                   _("An account name must be 1 to 64 characters long."));
      return 0;
    }
  if (role < WM_ROLE_CASEWORKER || role > WM_ROLE_ADMINISTRATOR)
    {
      g_set_error (error, WM_STORE_ERROR, WM_STORE_ERROR_INVALID,
                   _("Choose a role: caseworker, supervisor or administrator."));
      return 0;
    }
  if (!wm_passphrase_check (passphrase, trimmed, error))
    return 0;

  secret_key = wm_secret_new (crypto_box_SECRETKEYBYTES);
  crypto_box_keypair (public_key, wm_secret_get_data (secret_key));

  /* The row comes first: the secret box's associated data needs its id. */
  stmt = wm_store_statement (self,
                             "INSERT INTO users (name, role, public_key, secret_box, kdf_salt, "
                             "kdf_opslimit, kdf_memlimit) VALUES (?, ?, ?, x'', x'', 0, 0)", error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, trimmed, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 2, role);
  sqlite3_bind_blob (stmt, 3, public_key, sizeof public_key, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if ((rc & 0xff) == SQLITE_CONSTRAINT)
    {
      g_set_error (error, WM_STORE_ERROR, WM_STORE_ERROR_EXISTS,
                   _("There is already an account called “%s”. Choose another name."), trimmed);
      return 0;
    }
  if (rc != SQLITE_DONE)
    {
      wm_store_set_sqlite_error (self, rc, error);
      return 0;
    }
  user_id = sqlite3_last_insert_rowid (wm_store_get_db (self));

  if (!wm_accounts_write_keys (self, user_id, 1, passphrase, public_key, secret_key, error)
      || !wm_directory_certify_account (self, user_id, organisation_key, error))
    return 0;
  return user_id;
}

gint64
wm_accounts_delay_for_failures (gint64 failures)
{
  gint64 seconds;

  if (failures <= FREE_FAILURES)
    return 0;
  seconds = failures - FREE_FAILURES >= 10 ? MAX_DELAY_SECONDS
                                           : MIN ((gint64) 1 << (failures - FREE_FAILURES), MAX_DELAY_SECONDS);
  return seconds * G_USEC_PER_SEC;
}

/* Counts a failed sign-in against the account, durably: the delay must
 * survive the program being closed and opened again. */
gboolean
wm_accounts_note_failure (WmStore          *self,
                          const WmAccount  *account,
                          GError          **error)
{
  sqlite3_stmt *stmt = wm_store_statement (self,
                                           "UPDATE users SET failed_count = failed_count + 1, "
                                           "last_failed_at = ? WHERE id = ?", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, wm_store_now (self));
  sqlite3_bind_int64 (stmt, 2, account->id);
  return wm_store_step_done (self, stmt, error);
}

/**
 * wm_store_get_sign_in_delay:
 *
 * Returns how many microseconds must pass before @name may try to sign in
 * again, 0 when it may now (or when there is no such account).
 */
gint64
wm_store_get_sign_in_delay (WmStore    *self,
                            const char *name)
{
  g_autoptr(WmAccount) account = NULL;

  g_return_val_if_fail (WM_IS_STORE (self), 0);
  g_return_val_if_fail (name != NULL, 0);

  account = wm_accounts_load (self, name, 0, NULL);
  return account != NULL ? wm_accounts_remaining_delay (self, account) : 0;
}

/* The wait left for an account already loaded, in microseconds. */
gint64
wm_accounts_remaining_delay (WmStore         *self,
                             const WmAccount *account)
{
  gint64 ready_at;

  if (account->failed_count <= FREE_FAILURES)
    return 0;
  ready_at = account->last_failed_at + wm_accounts_delay_for_failures (account->failed_count);
  return MAX (0, ready_at - wm_store_now (self));
}

static GArray *
load_supervisor_ids (WmStore *self,
                     gint64   user_id)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt = wm_store_statement (self,
                                           "SELECT supervisor_id FROM user_supervisors "
                                           "WHERE user_id = ? ORDER BY supervisor_id", NULL);

  if (stmt == NULL)
    return ids;
  sqlite3_bind_int64 (stmt, 1, user_id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);
  return ids;
}

static WmUser *
user_from_account (WmStore   *self,
                   WmAccount *account)
{
  WmUser *user = g_new0 (WmUser, 1);

  user->id = account->id;
  user->name = g_strdup (account->name);
  user->role = account->role;
  user->disabled = account->disabled;
  user->supervisor_ids = load_supervisor_ids (self, account->id);
  return user;
}

GPtrArray *
wm_store_list_users (WmStore  *self,
                     GError  **error)
{
  g_autoptr(GPtrArray) users = g_ptr_array_new_with_free_func ((GDestroyNotify) wm_user_free);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (WM_IS_STORE (self), NULL);

  stmt = wm_store_statement (self, "SELECT id FROM users ORDER BY name", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      wm_store_set_sqlite_error (self, rc, error);
      return NULL;
    }

  for (guint i = 0; i < ids->len; i++)
    {
      WmUser *user = wm_store_get_user (self, g_array_index (ids, gint64, i), error);

      if (user == NULL)
        return NULL;
      g_ptr_array_add (users, user);
    }
  return g_steal_pointer (&users);
}

WmUser *
wm_store_lookup_user (WmStore     *self,
                      const char  *name,
                      GError     **error)
{
  g_autoptr(WmAccount) account = NULL;

  g_return_val_if_fail (WM_IS_STORE (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  account = wm_accounts_load (self, name, 0, error);
  return account ? user_from_account (self, account) : NULL;
}

WmUser *
wm_store_get_user (WmStore  *self,
                   gint64    user_id,
                   GError  **error)
{
  g_autoptr(WmAccount) account = NULL;

  g_return_val_if_fail (WM_IS_STORE (self), NULL);

  account = wm_accounts_load (self, NULL, user_id, error);
  return account ? user_from_account (self, account) : NULL;
}
