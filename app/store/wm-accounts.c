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
#include "wm-session.h"
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
 * wait, up to fifteen minutes. In full: the first three attempts in a row
 * may be made at once; after the third failure the next attempt waits 2 s,
 * after the fourth 4 s, then 8, 16, … 512 s, and from the twelfth failure
 * on 15 minutes. A refused attempt is not counted and does not lengthen
 * the wait; the right passphrase starts the count again. */
#define FREE_FAILURES 2
#define MAX_DELAY_SECONDS (15 * 60)
/* Far past the count at which the delay reaches its maximum: a count
 * edited in the file to something huge stays here instead of wrapping. */
#define FAILURE_COUNT_CEILING 1000000

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

/* Characters that have no place in a name shown on one line of a list:
 * C0 and C1 controls (tab, newline, escape…), line and paragraph
 * separators, and invisible format characters such as bidirectional
 * overrides, which can make one name look like another. The zero-width
 * non-joiner and joiner stay: Persian and Indic scripts need them in
 * ordinary words. */
static gboolean
is_forbidden_in_name (gunichar c)
{
  GUnicodeType type = g_unichar_type (c);

  if (type == G_UNICODE_FORMAT)
    return c != 0x200C && c != 0x200D;
  return type == G_UNICODE_CONTROL || type == G_UNICODE_LINE_SEPARATOR
         || type == G_UNICODE_PARAGRAPH_SEPARATOR;
}

/**
 * wm_account_name_normalise:
 * @name: an account name as typed
 * @error: return location for a %WM_STORE_ERROR_INVALID
 *
 * Account names are stored, and looked up, in Unicode NFC without
 * surrounding spaces: "Siân" typed with a precomposed "â" and typed as
 * "a" and a combining circumflex are one account, as a person reading
 * them would expect. Names that are not valid UTF-8, hold control
 * characters, or are empty or longer than 64 characters are refused.
 *
 * Returns: (transfer full): the stored form of @name, or %NULL
 */
char *
wm_account_name_normalise (const char  *name,
                           GError     **error)
{
  g_autofree char *normalised = NULL;

  g_return_val_if_fail (name != NULL, NULL);

  if (!g_utf8_validate (name, -1, NULL))
    {
      g_set_error_literal (error, WM_STORE_ERROR, WM_STORE_ERROR_INVALID,
                           _("The account name is not valid UTF-8 text. Type it again, or set the "
                             "terminal to UTF-8."));
      return NULL;
    }
  for (const char *p = name; *p != '\0'; p = g_utf8_next_char (p))
    {
      if (is_forbidden_in_name (g_utf8_get_char (p)))
        {
          g_set_error_literal (error, WM_STORE_ERROR, WM_STORE_ERROR_INVALID,
                               _("An account name cannot contain control characters such as tab or "
                                 "newline. Type it again without them."));
          return NULL;
        }
    }

  normalised = g_utf8_normalize (name, -1, G_NORMALIZE_NFC);
  g_strstrip (normalised);
  if (*normalised == '\0' || g_utf8_strlen (normalised, -1) > 64)
    {
      g_set_error_literal (error, WM_STORE_ERROR, WM_STORE_ERROR_INVALID,
                           _("An account name must be 1 to 64 characters long."));
      return NULL;
    }
  return g_steal_pointer (&normalised);
}

/* Finds the id of the account called @normalised (see
 * wm_account_name_normalise()); 0 when there is none. A database made
 * before names were normalised may hold another form of the same name,
 * so when the stored form does not match, every name is compared in NFC:
 * an organisation has a few hundred accounts at most. */
static gboolean
find_user_id (WmStore     *self,
              const char  *normalised,
              gint64      *out_id,
              GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  *out_id = 0;
  stmt = wm_store_statement (self, "SELECT id FROM users WHERE name = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, normalised, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *out_id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      wm_store_set_sqlite_error (self, rc, error);
      return FALSE;
    }
  if (*out_id != 0)
    return TRUE;

  stmt = wm_store_statement (self, "SELECT id, name FROM users", error);
  if (stmt == NULL)
    return FALSE;
  while (*out_id == 0 && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *name = (const char *) sqlite3_column_text (stmt, 1);
      g_autofree char *stored = name != NULL ? g_utf8_normalize (name, -1, G_NORMALIZE_NFC) : NULL;

      if (g_strcmp0 (stored, normalised) == 0)
        *out_id = sqlite3_column_int64 (stmt, 0);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      wm_store_set_sqlite_error (self, rc, error);
      return FALSE;
    }
  return TRUE;
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
  g_autofree char *normalised = NULL;
  sqlite3_stmt *stmt;
  int rc;

  if (name != NULL)
    {
      normalised = wm_account_name_normalise (name, error);
      if (normalised == NULL || !find_user_id (self, normalised, &user_id, error))
        return NULL;
      if (user_id == 0)
        {
          g_set_error (error, WM_STORE_ERROR, WM_STORE_ERROR_NOT_FOUND,
                       _("There is no account called “%s”. Check the name, or ask an administrator."),
                       normalised);
          return NULL;
        }
    }

  stmt = wm_store_statement (self,
                             "SELECT id, name, role, disabled, public_key, secret_box, kdf_salt, "
                             "kdf_opslimit, kdf_memlimit, key_generation, failed_count, last_failed_at, "
                             "certificate, organisation_seal FROM users WHERE id = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, user_id);

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
      g_set_error (error, WM_STORE_ERROR, WM_STORE_ERROR_NOT_FOUND,
                   _("There is no account number %lld. It may have been removed; ask an administrator."),
                   (long long) user_id);
      return NULL;
    }
  return g_steal_pointer (&account);
}

static gboolean
is_ascii (const char *text)
{
  for (const guchar *p = (const guchar *) text; *p != '\0'; p++)
    {
      if (*p >= 0x80)
        return FALSE;
    }
  return TRUE;
}

/* Puts the combining marks of each run in canonical order: by combining
 * class, keeping the order of marks of the same class (a stable
 * insertion sort; runs are a few marks long). */
static void
order_marks (gunichar *chars,
             gsize     length)
{
  for (gsize i = 1; i < length; i++)
    {
      int class = g_unichar_combining_class (chars[i]);

      if (class == 0)
        continue;
      for (gsize j = i; j > 0 && g_unichar_combining_class (chars[j - 1]) > class; j--)
        {
          gunichar swap = chars[j - 1];

          chars[j - 1] = chars[j];
          chars[j] = swap;
        }
    }
}

/* Canonical composition in place, as UAX #15 gives it: each character
 * combines with the last starter unless a character of the same or a
 * higher class stands between them. Returns the new length. */
static gsize
compose (gunichar *chars,
         gsize     length)
{
  gsize starter = 0;
  gsize out = 1;
  int last_class;

  if (length == 0)
    return 0;
  /* Text that starts with a mark has no starter for it to combine with. */
  last_class = g_unichar_combining_class (chars[0]) == 0 ? 0 : 256;
  for (gsize i = 1; i < length; i++)
    {
      gunichar c = chars[i];
      gunichar composed = 0;
      int class = g_unichar_combining_class (c);

      if ((last_class < class || last_class == 0) && g_unichar_compose (chars[starter], c, &composed))
        {
          chars[starter] = composed;
          continue;
        }
      if (class == 0)
        starter = out;
      last_class = class;
      chars[out++] = c;
    }
  return out;
}

/**
 * wm_accounts_normalise_passphrase:
 *
 * Passphrases are compared after NFKC normalisation, so the same words
 * typed on another keyboard layout or input method still match.
 * g_utf8_normalize() would do it, but it works in a UCS-4 copy on the
 * ordinary heap and frees it unwiped: after every sign-in the passphrase
 * stayed in freed memory, where anything that later reads the process's
 * memory finds it. So the normalisation is done here, in sodium_malloc()
 * memory, with GLib's character functions, which allocate nothing:
 * full compatibility decomposition (g_unichar_fully_decompose()),
 * canonical ordering of marks, then canonical composition
 * (g_unichar_compose()), the steps g_utf8_normalize() takes from the same
 * tables; tests/store/test-accounts.c checks the two agree. Text that is
 * not UTF-8 is used as it is, as g_utf8_normalize() would refuse it.
 *
 * Returns: (transfer full): the NFKC form, NUL-terminated, in secure memory
 */
WmSecret *
wm_accounts_normalise_passphrase (const char *passphrase)
{
  g_autoptr(WmSecret) decomposed = NULL;
  WmSecret *normalised;
  gunichar *chars;
  gsize n_chars = 0;
  gsize length = 0;
  gsize n_bytes = 0;
  char *out;

  g_return_val_if_fail (passphrase != NULL, NULL);

  /* Every ASCII text is its own NFKC: the usual case costs one copy. */
  if (is_ascii (passphrase) || !g_utf8_validate (passphrase, -1, NULL))
    return wm_secret_new_from_string (passphrase);

  /* Measured first, so the buffer is allocated once and never grows
   * (growing would leave a copy behind in the old one). */
  for (const char *p = passphrase; *p != '\0'; p = g_utf8_next_char (p))
    n_chars += g_unichar_fully_decompose (g_utf8_get_char (p), TRUE, NULL, 0);
  decomposed = wm_secret_new ((n_chars + 1) * sizeof (gunichar));
  chars = (gunichar *) wm_secret_get_data (decomposed);
  for (const char *p = passphrase; *p != '\0'; p = g_utf8_next_char (p))
    length += g_unichar_fully_decompose (g_utf8_get_char (p), TRUE, chars + length, n_chars - length);
  g_assert (length == n_chars);

  order_marks (chars, length);
  length = compose (chars, length);

  for (gsize i = 0; i < length; i++)
    n_bytes += g_unichar_to_utf8 (chars[i], NULL);
  normalised = wm_secret_new (n_bytes + 1);
  out = (char *) wm_secret_get_data (normalised);
  for (gsize i = 0; i < length; i++)
    out += g_unichar_to_utf8 (chars[i], out);
  *out = '\0';
  return normalised;
}

static WmSecret *
derive_passphrase_key (const char   *passphrase,
                       const guint8 *salt,
                       guint64       opslimit,
                       gsize         memlimit)
{
  g_autoptr(WmSecret) normalised = wm_accounts_normalise_passphrase (passphrase);
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
  if (!wm_store_step_done (self, stmt, error))
    return FALSE;

  /* The generation's signing key goes into the directory, which the
   * administrator's certification then signs. */
  {
    g_autoptr(WmSecret) signing_key = NULL;
    guint8 signing_public_key[crypto_sign_PUBLICKEYBYTES];

    signing_key = wm_directory_derive_signing_key (secret_key, signing_public_key);
    return wm_directory_add_signing_key (self, user_id, key_generation, signing_public_key, error);
  }
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
  g_autofree char *normalised = NULL;
  guint8 public_key[crypto_box_PUBLICKEYBYTES];
  sqlite3_stmt *stmt;
  gint64 user_id;
  int rc;

  normalised = wm_account_name_normalise (name, error);
  if (normalised == NULL)
    return 0;
  /* The UNIQUE constraint compares bytes: an older row may hold the same
   * name in another normal form. */
  if (!find_user_id (self, normalised, &user_id, error))
    return 0;
  if (user_id != 0)
    {
      g_set_error (error, WM_STORE_ERROR, WM_STORE_ERROR_EXISTS,
                   _("There is already an account called “%s”. Choose another name."), normalised);
      return 0;
    }
  if (role < WM_ROLE_CASEWORKER || role > WM_ROLE_ADMINISTRATOR)
    {
      g_set_error (error, WM_STORE_ERROR, WM_STORE_ERROR_INVALID,
                   _("Choose a role: caseworker, supervisor or administrator."));
      return 0;
    }
  if (!wm_passphrase_check (passphrase, normalised, error))
    return 0;

  secret_key = wm_secret_new (crypto_box_SECRETKEYBYTES);
  crypto_box_keypair (public_key, wm_secret_get_data (secret_key));

  /* The row comes first: the secret box's associated data needs its id. */
  stmt = wm_store_statement (self,
                             "INSERT INTO users (name, role, public_key, secret_box, kdf_salt, "
                             "kdf_opslimit, kdf_memlimit) VALUES (?, ?, ?, x'', x'', 0, 0)", error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, normalised, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 2, role);
  sqlite3_bind_blob (stmt, 3, public_key, sizeof public_key, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if ((rc & 0xff) == SQLITE_CONSTRAINT)
    {
      g_set_error (error, WM_STORE_ERROR, WM_STORE_ERROR_EXISTS,
                   _("There is already an account called “%s”. Choose another name."), normalised);
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

/* The wait after @failures failures in a row, in microseconds: 0, or
 * 2 s doubling up to MAX_DELAY_SECONDS. Any count, negative or huge, gives
 * a value in that range. */
gint64
wm_accounts_delay_for_failures (gint64 failures)
{
  gint64 doublings;

  if (failures <= FREE_FAILURES)
    return 0;
  /* failures > FREE_FAILURES, so this cannot overflow. */
  doublings = failures - FREE_FAILURES;
  if (doublings >= 10)
    return (gint64) MAX_DELAY_SECONDS * G_USEC_PER_SEC;
  return MIN ((gint64) 1 << doublings, MAX_DELAY_SECONDS) * G_USEC_PER_SEC;
}

/**
 * wm_accounts_note_attempt:
 *
 * Counts an attempt as failed before its passphrase is tried, stamped now.
 * Part of the BEGIN IMMEDIATE transaction that loaded @account and found
 * no wait (see authenticate() in wm-session.c): an attempt made at the
 * same time, by this program or another one on the same file, then waits
 * for that transaction and sees the count. The right passphrase clears it
 * again; a program that dies during Argon2id leaves it counted.
 */
gboolean
wm_accounts_note_attempt (WmStore          *self,
                          const WmAccount  *account,
                          GError          **error)
{
  sqlite3_stmt *stmt = wm_store_statement (self,
                                           "UPDATE users SET failed_count = ?, last_failed_at = ? "
                                           "WHERE id = ?", error);

  if (stmt == NULL)
    return FALSE;
  /* From the row as this transaction read it, clamped: a count edited to
   * INT64_MAX must not overflow, nor a negative one give free attempts. */
  sqlite3_bind_int64 (stmt, 1, CLAMP (account->failed_count, 0, FAILURE_COUNT_CEILING) + 1);
  sqlite3_bind_int64 (stmt, 2, wm_store_now (self));
  sqlite3_bind_int64 (stmt, 3, account->id);
  return wm_store_step_done (self, stmt, error);
}

/**
 * wm_accounts_note_failure:
 *
 * The attempt counted by wm_accounts_note_attempt() failed: the wait runs
 * from now, the end of the attempt, as the message "wait N seconds"
 * promises, not from its start a key derivation ago. Never moves the
 * stamp back (a later attempt may have stamped it already). Part of the
 * caller's transaction.
 */
gboolean
wm_accounts_note_failure (WmStore          *self,
                          const WmAccount  *account,
                          GError          **error)
{
  sqlite3_stmt *stmt = wm_store_statement (self,
                                           "UPDATE users SET last_failed_at = max(last_failed_at, ?) "
                                           "WHERE id = ?", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, wm_store_now (self));
  sqlite3_bind_int64 (stmt, 2, account->id);
  return wm_store_step_done (self, stmt, error);
}

/**
 * wm_accounts_settle_failure_time:
 *
 * A failure stamped later than now (another computer's clock, or the file
 * edited) counts as now, see wm_accounts_remaining_delay(); writing now
 * down when an attempt is refused makes that wait end, instead of starting
 * again at every look. Part of the caller's transaction.
 */
gboolean
wm_accounts_settle_failure_time (WmStore          *self,
                                 const WmAccount  *account,
                                 GError          **error)
{
  gint64 now = wm_store_now (self);
  sqlite3_stmt *stmt;

  if (account->last_failed_at <= now)
    return TRUE;
  stmt = wm_store_statement (self, "UPDATE users SET last_failed_at = ? WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, now);
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

/**
 * wm_accounts_remaining_delay:
 *
 * The wait left for an account already loaded, in microseconds: never
 * more than the policy's longest wait, whatever the file says. The stored
 * count and time are not signed (they change without an administrator),
 * so anyone who can write the file can set them; at worst that locks the
 * account for MAX_DELAY_SECONDS.
 */
gint64
wm_accounts_remaining_delay (WmStore         *self,
                             const WmAccount *account)
{
  gint64 delay = wm_accounts_delay_for_failures (account->failed_count);
  gint64 now;
  guint64 elapsed;

  if (delay == 0)
    return 0;
  now = wm_store_now (self);
  /* A failure stamped in the future counts as now. */
  if (account->last_failed_at >= now)
    return delay;
  /* now > last_failed_at, so the true difference is positive and below
   * 2^64: computed unsigned it is exact even with a stamp near INT64_MIN,
   * where "last_failed_at + delay" or "now - last_failed_at" in signed
   * arithmetic would overflow. */
  elapsed = (guint64) now - (guint64) account->last_failed_at;
  return elapsed >= (guint64) delay ? 0 : delay - (gint64) elapsed;
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

/**
 * wm_store_count_sole_holder_cases:
 * @user_id: an account
 * @out_count: (out): how many cases only @user_id can read
 * @error: return location for a #GError
 *
 * Counts the cases whose key no active account but @user_id holds: what
 * disabling the account, or giving it a new key pair, would make
 * unreadable for good, since nobody would be left with a copy of the key
 * to share again. Which accounts hold which case is plaintext (see
 * README.md), so this needs no key, and an administrator can be told
 * before typing a passphrase.
 *
 * Returns: %TRUE when @out_count was set
 */
gboolean
wm_store_count_sole_holder_cases (WmStore  *self,
                                  gint64    user_id,
                                  guint    *out_count,
                                  GError  **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (WM_IS_STORE (self), FALSE);
  g_return_val_if_fail (out_count != NULL, FALSE);

  *out_count = 0;
  stmt = wm_store_statement (self,
                             "SELECT count(*) FROM case_keys k WHERE k.user_id = ?1 "
                             "AND NOT EXISTS (SELECT 1 FROM case_keys o JOIN users u ON u.id = o.user_id "
                             "                WHERE o.case_id = k.case_id AND o.user_id <> ?1 "
                             "                AND u.disabled = 0)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, user_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *out_count = (guint) MIN (sqlite3_column_int64 (stmt, 0), G_MAXUINT);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    {
      wm_store_set_sqlite_error (self, rc, error);
      return FALSE;
    }
  return TRUE;
}
