/* wm-session.c — a signed-in user: sign-in, lock, accounts, case keys
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A session holds the user's X25519 secret key and the case keys opened so
 * far, all in sodium_malloc() memory; wm_session_lock() wipes them. Case
 * keys reach a user sealed to their public key (crypto_box_seal). Opening a
 * seal costs a public-key operation (~40 µs), too much to pay for every case
 * of a supervisor's caseload at every sign-in, so after its first use a
 * case key is re-wrapped under a symmetric key derived from the user's
 * secret key and kept beside the seal (case_keys.wrapped).
 */

#define G_LOG_DOMAIN "wm-session"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <sodium.h>

#include "wm-card.h"
#include "wm-freshness.h"
#include "wm-session-private.h"
#include "wm-signed.h"

#define NONCE_SIZE crypto_aead_xchacha20poly1305_ietf_NPUBBYTES
#define TAG_SIZE crypto_aead_xchacha20poly1305_ietf_ABYTES
#define SEALED_KEY_SIZE (crypto_box_SEALBYTES + WM_KEY_SIZE)
#define WRAPPED_KEY_SIZE (NONCE_SIZE + WM_KEY_SIZE + TAG_SIZE)

G_DEFINE_FINAL_TYPE (WmSession, wm_session, G_TYPE_OBJECT)

static void
wipe_keys (WmSession *self)
{
  g_clear_pointer (&self->secret_key, wm_secret_free);
  g_clear_pointer (&self->wrap_key, wm_secret_free);
  g_clear_pointer (&self->signing_key, wm_secret_free);
  g_clear_pointer (&self->mac_key, wm_secret_free);
  g_clear_pointer (&self->case_keys, wm_keyring_free);
  wm_card_clear_hint (self);
}

static void
wm_session_dispose (GObject *object)
{
  WmSession *self = (WmSession *) object;

  wipe_keys (self);
  if (self->store != NULL)
    wm_freshness_note (self->store, NULL);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (wm_session_parent_class)->dispose (object);
}

static void
wm_session_finalize (GObject *object)
{
  WmSession *self = (WmSession *) object;

  g_clear_pointer (&self->user_name, g_free);
  g_clear_pointer (&self->checked_manifest, g_bytes_unref);

  G_OBJECT_CLASS (wm_session_parent_class)->finalize (object);
}

static void
wm_session_class_init (WmSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = wm_session_dispose;
  object_class->finalize = wm_session_finalize;
}

static void
wm_session_init (WmSession *self)
{
}

gboolean
wm_session_require_unlocked (WmSession  *self,
                             GError    **error)
{
  if (self->secret_key == NULL)
    {
      g_set_error (error, WM_STORE_ERROR, WM_STORE_ERROR_LOCKED,
                   _("Waymark is locked. Enter your passphrase to unlock it."));
      return FALSE;
    }
  return TRUE;
}

gboolean
wm_session_require_role (WmSession  *self,
                         WmRole      role,
                         GError    **error)
{
  if (!wm_session_require_unlocked (self, error))
    return FALSE;
  if (self->role != role)
    {
      g_set_error (error, WM_STORE_ERROR, WM_STORE_ERROR_PERMISSION,
                   _("Only an account with the role “%s” can do this. Ask one to do it for you."),
                   wm_role_get_label (role));
      return FALSE;
    }
  return TRUE;
}

/* Appends an entry signed with the session's key, in the caller's
 * transaction, or in a durable one of its own when there is none. Every
 * entry a signed-in account makes goes through here: verification takes an
 * unsigned one for a forgery (see wm-audit.c). */
gboolean
wm_session_audit_in_transaction (WmSession   *self,
                                 const char  *action,
                                 gint64       case_id,
                                 gint64       record_id,
                                 const char  *detail,
                                 GError     **error)
{
  WmAuditSigner signer = { self->user_id, self->key_generation, self->signing_key };
  gboolean own_transaction;

  if (!wm_session_require_unlocked (self, error))
    return FALSE;
  own_transaction = sqlite3_get_autocommit (wm_store_get_db (self->store));
  if (own_transaction && !wm_store_begin (self->store, error))
    return FALSE;
  if (!wm_audit_append_signed (self->store, &signer, action, case_id, record_id, detail, error))
    {
      if (own_transaction)
        wm_store_rollback (self->store);
      return FALSE;
    }
  return !own_transaction || wm_store_commit (self->store, error);
}

static void
set_wrong_passphrase (GError **error)
{
  g_set_error (error, WM_STORE_ERROR, WM_STORE_ERROR_WRONG_PASSPHRASE,
               _("The account name or passphrase is wrong. Check them and try again."));
}

/* Ends an attempt that begin_attempt() let through and counted: audits
 * it, and when @passphrase_right clears the count (the passphrase was
 * right, so this was no guess, whatever else stopped the sign-in);
 * otherwise the wait runs from now, the end of the attempt. */
static void
record_failure (WmStore         *store,
                const WmAccount *account,
                gboolean         passphrase_right,
                const char      *detail)
{
  g_autoptr(GError) local_error = NULL;
  sqlite3_stmt *stmt = NULL;

  if (!wm_store_begin (store, &local_error))
    goto fail;
  if (passphrase_right)
    {
      stmt = wm_store_statement (store, "UPDATE users SET failed_count = 0, last_failed_at = 0 WHERE id = ?",
                                 &local_error);
      if (stmt != NULL)
        sqlite3_bind_int64 (stmt, 1, account->id);
    }
  if ((passphrase_right && (stmt == NULL || !wm_store_step_done (store, stmt, &local_error)))
      || (!passphrase_right && !wm_accounts_note_failure (store, account, &local_error))
      || !wm_audit_append (store, account->id, "sign-in-failed", 0, 0, detail, &local_error))
    {
      wm_store_rollback (store);
      goto fail;
    }
  if (wm_store_commit (store, &local_error))
    return;

fail:
  g_warning ("Could not record a failed sign-in: %s", local_error->message);
}

static void
set_rate_limited (gint64   wait,
                  GError **error)
{
  /* wait is at most fifteen minutes (wm_accounts_remaining_delay()). */
  int seconds = (int) ((wait + G_USEC_PER_SEC - 1) / G_USEC_PER_SEC);

  g_set_error (error, WM_STORE_ERROR, WM_STORE_ERROR_RATE_LIMITED,
               g_dngettext (GETTEXT_PACKAGE,
                            "Too many wrong passphrases. Wait %d second, then try again.",
                            "Too many wrong passphrases. Wait %d seconds, then try again.",
                            seconds),
               seconds);
}

/* Decides whether @user_name may try a passphrase now and, if so, counts
 * the attempt as failed before the passphrase is tried, all in one
 * BEGIN IMMEDIATE transaction. Another attempt, in this program or in
 * another one on the same file, waits for that transaction and then sees
 * the count and its wait. (Reading the delay, running Argon2id and only
 * then counting the failure, as Waymark once did, let every attempt
 * started within the same quarter of a second through.) Returns the
 * account whose passphrase may be tried, or %NULL with @error set. */
static WmAccount *
begin_attempt (WmStore     *store,
               const char  *user_name,
               const char  *passphrase,
               GError     **error)
{
  g_autoptr(WmAccount) account = NULL;
  g_autoptr(GError) local_error = NULL;
  gint64 wait;

  if (!wm_store_begin (store, error))
    return NULL;

  account = wm_accounts_load (store, user_name, 0, &local_error);
  if (account == NULL)
    {
      if (!g_error_matches (local_error, WM_STORE_ERROR, WM_STORE_ERROR_NOT_FOUND))
        {
          wm_store_rollback (store);
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      g_clear_error (&local_error);
      if (!wm_audit_append (store, 0, "sign-in-failed", 0, 0, "unknown account", &local_error))
        wm_store_rollback (store);
      else
        wm_store_commit (store, &local_error);
      if (local_error != NULL)
        g_warning ("Could not record a failed sign-in: %s", local_error->message);
      /* An unknown name costs the time a wrong passphrase does. */
      wm_accounts_burn_time (passphrase);
      set_wrong_passphrase (error);
      return NULL;
    }

  wait = wm_accounts_remaining_delay (store, account);
  if (wait > 0)
    {
      /* Refused attempts are not counted: they cost a guesser nothing to
       * make, and counting them would let anyone who knows a colleague's
       * name keep the colleague out. */
      if (!wm_accounts_settle_failure_time (store, account, &local_error)
          || !wm_audit_append (store, account->id, "sign-in-failed", 0, 0, "refused: waiting after failures",
                               &local_error))
        wm_store_rollback (store);
      else
        wm_store_commit (store, &local_error);
      if (local_error != NULL)
        g_warning ("Could not record a refused sign-in: %s", local_error->message);
      set_rate_limited (wait, error);
      return NULL;
    }

  /* If the count cannot be written, the passphrase is not tried. */
  if (!wm_accounts_note_attempt (store, account, error))
    {
      wm_store_rollback (store);
      return NULL;
    }
  if (!wm_store_commit (store, error))
    return NULL;
  return g_steal_pointer (&account);
}

/* Checks the passphrase against the account and returns its secret key.
 * Shared by sign-in and unlock, so both count failures and wait alike. */
static WmSecret *
authenticate (WmStore     *store,
              const char  *user_name,
              const char  *passphrase,
              WmAccount  **out_account,
              GError     **error)
{
  g_autoptr(WmAccount) account = NULL;
  g_autoptr(WmSecret) secret_key = NULL;

  account = begin_attempt (store, user_name, passphrase, error);
  if (account == NULL)
    return NULL;

  secret_key = wm_accounts_open_secret_key (store, account, passphrase);
  if (secret_key == NULL)
    {
      record_failure (store, account, FALSE, "wrong passphrase");
      set_wrong_passphrase (error);
      return NULL;
    }

  /* The public key others seal cases to must be this secret key's: if the
   * file was changed to another, cases shared from now on would be sealed to
   * whoever holds that key instead. */
  {
    guint8 derived[crypto_box_PUBLICKEYBYTES];

    crypto_scalarmult_base (derived, wm_secret_get_data (secret_key));
    if (sodium_memcmp (derived, account->public_key, sizeof derived) != 0)
      {
        record_failure (store, account, TRUE, "account keys do not match");
        g_set_error (error, WM_STORE_ERROR, WM_STORE_ERROR_CORRUPT,
                     _("The keys of the account “%s” do not match: the database was altered. "
                       "Ask an administrator to reset the account."), account->name);
        return NULL;
      }
  }

  if (!wm_directory_check_account (store, account, error))
    {
      record_failure (store, account, TRUE, "account record not signed");
      return NULL;
    }

  /* This generation's signing key in the directory must be the one this
   * secret key makes: everything signed in this session is checked against
   * that entry. (The directory as a whole is checked wherever keys are
   * shared or signatures are checked, so that a damaged directory still
   * lets an administrator sign in and see what is wrong.) */
  {
    g_autoptr(WmSecret) signing_key = NULL;
    guint8 derived[crypto_sign_PUBLICKEYBYTES];
    guint8 listed[crypto_sign_PUBLICKEYBYTES];

    signing_key = wm_directory_derive_signing_key (secret_key, derived);
    if (!wm_directory_lookup_signing_key (store, account->id, account->key_generation, listed)
        || sodium_memcmp (derived, listed, sizeof derived) != 0)
      {
        record_failure (store, account, TRUE, "account keys do not match");
        g_set_error (error, WM_STORE_ERROR, WM_STORE_ERROR_CORRUPT,
                     _("The keys of the account “%s” do not match: the database was altered. "
                       "Ask an administrator to reset the account."), account->name);
        return NULL;
      }
  }

  /* Checked only after the passphrase, so a guesser learns nothing. */
  if (account->disabled)
    {
      record_failure (store, account, FALSE, "account disabled");
      g_set_error (error, WM_STORE_ERROR, WM_STORE_ERROR_DISABLED,
                   _("This account was disabled. Ask an administrator if you need it again."));
      return NULL;
    }

  *out_account = g_steal_pointer (&account);
  return g_steal_pointer (&secret_key);
}

static gboolean
note_success (WmSession       *session,
              const WmAccount *account,
              const char      *action,
              GError         **error)
{
  WmStore *store = session->store;
  sqlite3_stmt *stmt;

  if (!wm_store_begin (store, error))
    return FALSE;
  stmt = wm_store_statement (store, "UPDATE users SET failed_count = 0, last_failed_at = 0 WHERE id = ?", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, account->id);
  if (!wm_store_step_done (store, stmt, error)
      || !wm_session_audit_in_transaction (session, action, 0, 0, "", error))
    goto fail;
  return wm_store_commit (store, error);

fail:
  wm_store_rollback (store);
  return FALSE;
}

static void
take_keys (WmSession       *self,
           const WmAccount *account,
           WmSecret        *secret_key)
{
  guint8 signing_public_key[crypto_sign_PUBLICKEYBYTES];

  wipe_keys (self);
  self->key_generation = account->key_generation;
  self->secret_key = secret_key;
  self->wrap_key = wm_accounts_derive_wrap_key (secret_key);
  self->signing_key = wm_directory_derive_signing_key (secret_key, signing_public_key);
  /* A third key from the same secret, for the manifests' MACs. */
  self->mac_key = wm_secret_new (crypto_generichash_KEYBYTES);
  crypto_kdf_derive_from_key (wm_secret_get_data (self->mac_key), crypto_generichash_KEYBYTES,
                              3, "WMmanmac", wm_secret_get_data (secret_key));
  self->case_keys = wm_keyring_new ();
}

/**
 * wm_session_sign_in:
 *
 * Derives the user's key from @passphrase (Argon2id: about a quarter of a
 * second and 64 MiB, so call it off the main thread) and opens their secret
 * key. Failures are audited and, after the first two, make the account wait
 * longer before each next try.
 */
WmSession *
wm_session_sign_in (WmStore     *store,
                    const char  *user_name,
                    const char  *passphrase,
                    GError     **error)
{
  g_autoptr(WmSession) self = NULL;
  g_autoptr(WmAccount) account = NULL;
  WmSecret *secret_key;

  g_return_val_if_fail (WM_IS_STORE (store), NULL);
  g_return_val_if_fail (user_name != NULL, NULL);
  g_return_val_if_fail (passphrase != NULL, NULL);

  /* A file older than this computer has seen is not used, nor written. */
  if (!wm_freshness_check (store, error))
    return NULL;
  secret_key = authenticate (store, user_name, passphrase, &account, error);
  if (secret_key == NULL)
    return NULL;

  self = g_object_new (WM_TYPE_SESSION, NULL);
  self->store = g_object_ref (store);
  self->user_id = account->id;
  self->user_name = g_strdup (account->name);
  self->role = account->role;
  memcpy (self->public_key, account->public_key, sizeof self->public_key);
  take_keys (self, account, secret_key);

  if (!note_success (self, account, "sign-in", error))
    return NULL;
  wm_freshness_note (store, NULL);
  return g_steal_pointer (&self);
}

/**
 * wm_session_lock:
 *
 * Wipes every key this session holds. Anything that needs one fails with
 * %WM_STORE_ERROR_LOCKED until wm_session_unlock().
 */
void
wm_session_lock (WmSession *self)
{
  g_return_if_fail (WM_IS_SESSION (self));

  wm_freshness_note (self->store, NULL);
  wipe_keys (self);
}

gboolean
wm_session_unlock (WmSession   *self,
                   const char  *passphrase,
                   GError     **error)
{
  g_autoptr(WmAccount) account = NULL;
  WmSecret *secret_key;

  g_return_val_if_fail (WM_IS_SESSION (self), FALSE);
  g_return_val_if_fail (passphrase != NULL, FALSE);

  if (!wm_freshness_check (self->store, error))
    return FALSE;
  secret_key = authenticate (self->store, self->user_name, passphrase, &account, error);
  if (secret_key == NULL)
    return FALSE;
  if (account->id != self->user_id)
    {
      wm_secret_free (secret_key);
      set_wrong_passphrase (error);
      return FALSE;
    }
  take_keys (self, account, secret_key);
  if (!note_success (self, account, "unlock", error))
    return FALSE;
  wm_freshness_note (self->store, NULL);
  return TRUE;
}

gboolean
wm_session_is_locked (WmSession *self)
{
  g_return_val_if_fail (WM_IS_SESSION (self), TRUE);

  return self->secret_key == NULL;
}

WmStore *
wm_session_get_store (WmSession *self)
{
  g_return_val_if_fail (WM_IS_SESSION (self), NULL);

  return self->store;
}

gint64
wm_session_get_user_id (WmSession *self)
{
  g_return_val_if_fail (WM_IS_SESSION (self), 0);

  return self->user_id;
}

const char *
wm_session_get_user_name (WmSession *self)
{
  g_return_val_if_fail (WM_IS_SESSION (self), NULL);

  return self->user_name;
}

WmRole
wm_session_get_role (WmSession *self)
{
  g_return_val_if_fail (WM_IS_SESSION (self), 0);

  return self->role;
}

/* ---- Accounts ---------------------------------------------------------- */

static WmSecret *
open_organisation_key (WmSession  *self,
                       GError    **error)
{
  g_autoptr(WmAccount) account = wm_accounts_load (self->store, NULL, self->user_id, error);

  if (account == NULL)
    return NULL;
  return wm_directory_open_organisation_key (self->store, account, self->secret_key, error);
}

gint64
wm_session_add_user (WmSession   *self,
                     const char  *name,
                     WmRole       role,
                     const char  *passphrase,
                     GError     **error)
{
  g_autoptr(WmSecret) organisation_key = NULL;
  gint64 user_id;

  g_return_val_if_fail (WM_IS_SESSION (self), 0);
  g_return_val_if_fail (name != NULL && passphrase != NULL, 0);

  if (!wm_session_require_role (self, WM_ROLE_ADMINISTRATOR, error))
    return 0;
  organisation_key = open_organisation_key (self, error);
  if (organisation_key == NULL)
    return 0;
  if (!wm_store_begin (self->store, error))
    return 0;
  user_id = wm_accounts_insert_user (self->store, name, role, passphrase, organisation_key, error);
  if (user_id == 0
      || !wm_session_audit_in_transaction (self, "user-add", 0, 0, wm_role_to_string (role), error))
    {
      wm_store_rollback (self->store);
      return 0;
    }
  return wm_store_commit (self->store, error) ? user_id : 0;
}

static WmAccount *
load_active_account (WmSession  *self,
                     gint64      user_id,
                     GError    **error)
{
  WmAccount *account = wm_accounts_load (self->store, NULL, user_id, error);

  if (account != NULL && account->disabled)
    {
      g_set_error (error, WM_STORE_ERROR, WM_STORE_ERROR_DISABLED,
                   _("The account “%s” is disabled. Choose an active account."), account->name);
      wm_account_free (account);
      return NULL;
    }
  return account;
}

gboolean
wm_session_add_supervisor (WmSession  *self,
                           gint64      user_id,
                           gint64      supervisor_id,
                           GError    **error)
{
  g_autoptr(WmAccount) user = NULL;
  g_autoptr(WmAccount) supervisor = NULL;
  g_autoptr(WmSecret) organisation_key = NULL;

  g_return_val_if_fail (WM_IS_SESSION (self), FALSE);

  if (!wm_session_require_role (self, WM_ROLE_ADMINISTRATOR, error))
    return FALSE;
  if ((user = load_active_account (self, user_id, error)) == NULL
      || (supervisor = load_active_account (self, supervisor_id, error)) == NULL)
    return FALSE;
  if (supervisor->role != WM_ROLE_SUPERVISOR)
    {
      g_set_error (error, WM_STORE_ERROR, WM_STORE_ERROR_INVALID,
                   _("“%s” is not a supervisor. Choose an account with the supervisor role."),
                   supervisor->name);
      return FALSE;
    }
  /* Teams are a caseworker's: new cases are sealed to the supervisors of
   * the caseworker they are assigned to, and to nobody else's. */
  if (user->role != WM_ROLE_CASEWORKER)
    {
      g_set_error (error, WM_STORE_ERROR, WM_STORE_ERROR_INVALID,
                   _("Only a caseworker has supervisors, and “%s” is not one. Choose a caseworker."),
                   user->name);
      return FALSE;
    }

  organisation_key = open_organisation_key (self, error);
  if (organisation_key == NULL)
    return FALSE;

  if (!wm_store_begin (self->store, error))
    return FALSE;
  if (!wm_directory_certify_link (self->store, user_id, supervisor_id, organisation_key, error)
      || !wm_session_audit_in_transaction (self, "team-change", 0, 0, "supervisor added", error))
    {
      wm_store_rollback (self->store);
      return FALSE;
    }
  return wm_store_commit (self->store, error);
}

gboolean
wm_session_change_passphrase (WmSession   *self,
                              const char  *old_passphrase,
                              const char  *new_passphrase,
                              GError     **error)
{
  g_autoptr(WmAccount) account = NULL;
  g_autoptr(WmSecret) check = NULL;

  g_return_val_if_fail (WM_IS_SESSION (self), FALSE);
  g_return_val_if_fail (old_passphrase != NULL && new_passphrase != NULL, FALSE);

  if (!wm_session_require_unlocked (self, error))
    return FALSE;
  /* Before the old passphrase is tried, which counts as an attempt until
   * it succeeds: a weak new one must not leave that attempt counted. */
  if (!wm_passphrase_check (new_passphrase, self->user_name, error))
    return FALSE;
  check = authenticate (self->store, self->user_name, old_passphrase, &account, error);
  if (check == NULL)
    return FALSE;

  /* Same key pair, same generation: only the box around it changes; writing
   * it also clears the attempt authenticate() counted. */
  if (!wm_store_begin (self->store, error))
    return FALSE;
  if (!wm_accounts_write_keys (self->store, self->user_id, account->key_generation, new_passphrase,
                               self->public_key, self->secret_key, error)
      || !wm_session_audit_in_transaction (self, "passphrase-change", 0, 0, "", error))
    {
      wm_store_rollback (self->store);
      return FALSE;
    }
  return wm_store_commit (self->store, error);
}

/* Refuses, unless forced, a change that takes @user_id's case keys away
 * when some cases have no other active holder: nobody could share those
 * again, and no key opens a case without a holder. Part of the caller's
 * transaction, so the count is the one the change meets. */
static gboolean
check_sole_holder (WmSession             *self,
                   gint64                 user_id,
                   gboolean               resetting,
                   WmAccountChangeFlags   flags,
                   guint                 *out_count,
                   GError               **error)
{
  g_autoptr(WmAccount) account = NULL;
  guint count = 0;

  if (!wm_store_count_sole_holder_cases (self->store, user_id, &count, error))
    return FALSE;
  *out_count = count;
  if (count == 0 || (flags & WM_ACCOUNT_CHANGE_FORCE) != 0)
    return TRUE;

  account = wm_accounts_load (self->store, NULL, user_id, error);
  if (account == NULL)
    return FALSE;
  if (resetting)
    g_set_error (error, WM_STORE_ERROR, WM_STORE_ERROR_INVALID,
                 g_dngettext (GETTEXT_PACKAGE,
                              "“%s” is the only one who can read %u case: a new key pair would make it "
                              "unreadable for good. If the passphrase can still be found, share the case "
                              "with another account first; otherwise force the reset.",
                              "“%s” is the only one who can read %u cases: a new key pair would make them "
                              "unreadable for good. If the passphrase can still be found, share the cases "
                              "with another account first; otherwise force the reset.",
                              count),
                 account->name, count);
  else
    g_set_error (error, WM_STORE_ERROR, WM_STORE_ERROR_INVALID,
                 g_dngettext (GETTEXT_PACKAGE,
                              "“%s” is the only one who can read %u case: disabling the account would make "
                              "it unreadable for good. Share the case with another account first, or force "
                              "the change.",
                              "“%s” is the only one who can read %u cases: disabling the account would make "
                              "them unreadable for good. Share the cases with another account first, or "
                              "force the change.",
                              count),
                 account->name, count);
  return FALSE;
}

/**
 * wm_session_disable_user:
 *
 * wm_session_disable_user_full() without forcing.
 */
gboolean
wm_session_disable_user (WmSession  *self,
                         gint64      user_id,
                         GError    **error)
{
  return wm_session_disable_user_full (self, user_id, WM_ACCOUNT_CHANGE_DEFAULT, error);
}

/**
 * wm_session_disable_user_full:
 * @flags: %WM_ACCOUNT_CHANGE_FORCE to disable the account even when it is
 *   the only one that can read some cases, which then nobody can read
 *
 * The account can no longer sign in, and its copies of case keys (and of
 * the organisation key) are removed, so that even with a copy of the file
 * made from now on it opens nothing. The change is signed, so setting the
 * account active again in the file breaks its signature.
 */
gboolean
wm_session_disable_user_full (WmSession             *self,
                              gint64                 user_id,
                              WmAccountChangeFlags   flags,
                              GError               **error)
{
  g_autoptr(WmSecret) organisation_key = NULL;
  g_autofree char *detail = NULL;
  sqlite3_stmt *stmt;
  guint orphaned = 0;

  g_return_val_if_fail (WM_IS_SESSION (self), FALSE);

  if (!wm_session_require_role (self, WM_ROLE_ADMINISTRATOR, error))
    return FALSE;
  if (user_id == self->user_id)
    {
      g_set_error (error, WM_STORE_ERROR, WM_STORE_ERROR_INVALID,
                   _("You cannot disable your own account. Ask another administrator."));
      return FALSE;
    }
  organisation_key = open_organisation_key (self, error);
  if (organisation_key == NULL)
    return FALSE;

  if (!wm_store_begin (self->store, error))
    return FALSE;
  if (!check_sole_holder (self, user_id, FALSE, flags, &orphaned, error))
    goto fail;
  stmt = wm_store_statement (self->store, "UPDATE users SET disabled = 1 WHERE id = ?", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, user_id);
  if (!wm_store_step_done (self->store, stmt, error))
    goto fail;
  if (sqlite3_changes (wm_store_get_db (self->store)) == 0)
    {
      g_set_error (error, WM_STORE_ERROR, WM_STORE_ERROR_NOT_FOUND,
                   _("There is no such account. Check the name."));
      goto fail;
    }
  stmt = wm_store_statement (self->store, "DELETE FROM case_keys WHERE user_id = ?", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, user_id);
  detail = orphaned > 0 ? g_strdup_printf ("user %lld, forced: %u cases left unreadable",
                                           (long long) user_id, orphaned)
                        : g_strdup_printf ("user %lld", (long long) user_id);
  if (!wm_store_step_done (self->store, stmt, error)
      || !wm_directory_certify_account (self->store, user_id, organisation_key, error)
      || !wm_session_audit_in_transaction (self, "user-disable", 0, 0, detail, error))
    goto fail;
  return wm_store_commit (self->store, error);

fail:
  wm_store_rollback (self->store);
  return FALSE;
}

/**
 * wm_session_reset_user:
 *
 * wm_session_reset_user_full() without forcing.
 */
gboolean
wm_session_reset_user (WmSession   *self,
                       gint64       user_id,
                       const char  *new_passphrase,
                       GError     **error)
{
  return wm_session_reset_user_full (self, user_id, new_passphrase, WM_ACCOUNT_CHANGE_DEFAULT, error);
}

/**
 * wm_session_reset_user_full:
 * @flags: %WM_ACCOUNT_CHANGE_FORCE to reset the account even when it is
 *   the only one that can read some cases, which then nobody can read
 *
 * For a user who forgot their passphrase: a new key pair under
 * @new_passphrase. Their old case-key seals can no longer be opened by
 * anyone, so they are removed; supervisors then re-share the user's cases
 * (wm_session_reshare_team_cases()). There is no key that opens cases
 * without a holder: an administrator cannot read them by resetting.
 */
gboolean
wm_session_reset_user_full (WmSession             *self,
                            gint64                 user_id,
                            const char            *new_passphrase,
                            WmAccountChangeFlags   flags,
                            GError               **error)
{
  g_autoptr(WmAccount) account = NULL;
  g_autoptr(WmSecret) secret_key = NULL;
  g_autoptr(WmSecret) organisation_key = NULL;
  g_autofree char *detail = NULL;
  guint8 public_key[crypto_box_PUBLICKEYBYTES];
  sqlite3_stmt *stmt;
  guint orphaned = 0;

  g_return_val_if_fail (WM_IS_SESSION (self), FALSE);
  g_return_val_if_fail (new_passphrase != NULL, FALSE);

  if (!wm_session_require_role (self, WM_ROLE_ADMINISTRATOR, error))
    return FALSE;
  account = wm_accounts_load (self->store, NULL, user_id, error);
  if (account == NULL)
    return FALSE;
  if (!wm_passphrase_check (new_passphrase, account->name, error))
    return FALSE;
  organisation_key = open_organisation_key (self, error);
  if (organisation_key == NULL)
    return FALSE;

  secret_key = wm_secret_new (crypto_box_SECRETKEYBYTES);
  crypto_box_keypair (public_key, wm_secret_get_data (secret_key));

  if (!wm_store_begin (self->store, error))
    return FALSE;
  if (!check_sole_holder (self, user_id, TRUE, flags, &orphaned, error))
    goto fail;
  stmt = wm_store_statement (self->store, "DELETE FROM case_keys WHERE user_id = ?", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, user_id);
  detail = orphaned > 0 ? g_strdup_printf ("user %lld, new key pair, forced: %u cases left unreadable",
                                           (long long) user_id, orphaned)
                        : g_strdup_printf ("user %lld, new key pair", (long long) user_id);
  if (!wm_store_step_done (self->store, stmt, error)
      || !wm_accounts_write_keys (self->store, user_id, account->key_generation + 1, new_passphrase,
                                  public_key, secret_key, error)
      || !wm_directory_certify_account (self->store, user_id, organisation_key, error)
      || !wm_session_audit_in_transaction (self, "user-reset", 0, 0, detail, error))
    goto fail;
  return wm_store_commit (self->store, error);

fail:
  wm_store_rollback (self->store);
  return FALSE;
}

/**
 * wm_session_enable_user:
 *
 * Lets a disabled account sign in again, with its name, key pair and
 * passphrase. It holds no cases (disabling removed its copies of their
 * keys): they must be shared with it again, which for a caseworker's own
 * cases its supervisors do with wm_session_reshare_team_cases(). If the
 * passphrase may be known to someone else, reset the account instead.
 */
gboolean
wm_session_enable_user (WmSession  *self,
                        gint64      user_id,
                        GError    **error)
{
  g_autoptr(WmAccount) account = NULL;
  g_autoptr(WmSecret) organisation_key = NULL;
  g_autofree char *detail = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (WM_IS_SESSION (self), FALSE);

  if (!wm_session_require_role (self, WM_ROLE_ADMINISTRATOR, error))
    return FALSE;
  account = wm_accounts_load (self->store, NULL, user_id, error);
  if (account == NULL)
    return FALSE;
  if (!account->disabled)
    return TRUE;
  organisation_key = open_organisation_key (self, error);
  if (organisation_key == NULL)
    return FALSE;

  if (!wm_store_begin (self->store, error))
    return FALSE;
  stmt = wm_store_statement (self->store, "UPDATE users SET disabled = 0 WHERE id = ?", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, user_id);
  detail = g_strdup_printf ("user %lld", (long long) user_id);
  /* Signed anew, like every change to the account: the row and the
   * directory head say "active" only because an administrator did. */
  if (!wm_store_step_done (self->store, stmt, error)
      || !wm_directory_certify_account (self->store, user_id, organisation_key, error)
      || !wm_session_audit_in_transaction (self, "user-enable", 0, 0, detail, error))
    goto fail;
  return wm_store_commit (self->store, error);

fail:
  wm_store_rollback (self->store);
  return FALSE;
}

/**
 * wm_session_remove_supervisor:
 *
 * Takes @supervisor_id out of @user_id's team: cases created for the
 * caseworker from now on are not sealed to that supervisor. Cases the
 * supervisor already holds stay readable to them; unshare those one by one
 * (wm_session_unshare_case()) if they must lose them.
 */
gboolean
wm_session_remove_supervisor (WmSession  *self,
                              gint64      user_id,
                              gint64      supervisor_id,
                              GError    **error)
{
  g_autoptr(WmAccount) user = NULL;
  g_autoptr(WmAccount) supervisor = NULL;
  g_autoptr(WmSecret) organisation_key = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (WM_IS_SESSION (self), FALSE);

  if (!wm_session_require_role (self, WM_ROLE_ADMINISTRATOR, error))
    return FALSE;
  /* Disabled accounts too: a link to a supervisor who left must be able
   * to go. */
  if ((user = wm_accounts_load (self->store, NULL, user_id, error)) == NULL
      || (supervisor = wm_accounts_load (self->store, NULL, supervisor_id, error)) == NULL)
    return FALSE;
  organisation_key = open_organisation_key (self, error);
  if (organisation_key == NULL)
    return FALSE;

  if (!wm_store_begin (self->store, error))
    return FALSE;
  stmt = wm_store_statement (self->store,
                             "DELETE FROM user_supervisors WHERE user_id = ? AND supervisor_id = ?", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, user_id);
  sqlite3_bind_int64 (stmt, 2, supervisor_id);
  if (!wm_store_step_done (self->store, stmt, error))
    goto fail;
  if (sqlite3_changes (wm_store_get_db (self->store)) == 0)
    {
      g_set_error (error, WM_STORE_ERROR, WM_STORE_ERROR_NOT_FOUND,
                   _("“%s” is not a supervisor of “%s”. Check the names."),
                   supervisor->name, user->name);
      goto fail;
    }
  /* A deleted link leaves no signature of its own behind: only the
   * directory head, signed again here, says it is gone on purpose. */
  if (!wm_directory_sign_head (self->store, organisation_key, error)
      || !wm_session_audit_in_transaction (self, "team-change", 0, 0, "supervisor removed", error))
    goto fail;
  return wm_store_commit (self->store, error);

fail:
  wm_store_rollback (self->store);
  return FALSE;
}

/* ---- Case keys --------------------------------------------------------- */

static void
wrap_ad (WmSession *self,
         gint64     case_id,
         guint8    *ad)
{
  static const char domain[16] = "waymark-wrap-v1";

  memcpy (ad, domain, 16);
  memcpy (ad + 16, wm_store_get_database_id (self->store), WM_DATABASE_ID_SIZE);
  wm_put_be64 (ad + 16 + WM_DATABASE_ID_SIZE, case_id);
  wm_put_be64 (ad + 24 + WM_DATABASE_ID_SIZE, self->user_id);
}

#define WRAP_AD_SIZE (16 + WM_DATABASE_ID_SIZE + 16)

/**
 * wm_session_open_case_key:
 * @out_key: where the key goes: secure memory of the caller's
 * @out_from_seal: set to %TRUE when the key came from the seal, so the
 *   caller should store its wrapped form (wm_session_store_wrapped_key())
 *
 * Opens a case key from its case_keys row: the wrapped form when there is
 * one (cheap), else the seal (a public-key operation). It only reads the
 * session's keys, never the file or the keyring, so worker threads may
 * call it at once while the session is unlocked and not changing.
 */
gboolean
wm_session_open_case_key (WmSession     *self,
                          gint64         case_id,
                          const guint8  *sealed,
                          gsize          sealed_size,
                          const guint8  *wrapped,
                          gsize          wrapped_size,
                          guint8        *out_key,
                          gboolean      *out_from_seal,
                          GError       **error)
{
  guint8 ad[WRAP_AD_SIZE];

  *out_from_seal = FALSE;
  wrap_ad (self, case_id, ad);
  if (wrapped != NULL && wrapped_size == WRAPPED_KEY_SIZE
      && crypto_aead_xchacha20poly1305_ietf_decrypt (out_key, NULL, NULL,
                                                     wrapped + NONCE_SIZE, wrapped_size - NONCE_SIZE,
                                                     ad, sizeof ad, wrapped,
                                                     wm_secret_get_data (self->wrap_key)) == 0)
    return TRUE;

  if (sealed == NULL || sealed_size != SEALED_KEY_SIZE
      || crypto_box_seal_open (out_key, sealed, sealed_size,
                               self->public_key, wm_secret_get_data (self->secret_key)) != 0)
    {
      sodium_memzero (out_key, WM_KEY_SIZE);
      g_set_error (error, WM_STORE_ERROR, WM_STORE_ERROR_CORRUPT,
                   _("The key of case %lld does not open with your account: it was altered "
                     "or damaged. Ask a supervisor to share the case with you again."), (long long) case_id);
      return FALSE;
    }
  *out_from_seal = TRUE;
  return TRUE;
}

/**
 * wm_session_case_key_from_row:
 *
 * wm_session_open_case_key() into the session's keyring, unless the key is
 * there already; the returned pointer is valid until the next key is
 * added.
 */
const guint8 *
wm_session_case_key_from_row (WmSession     *self,
                              gint64         case_id,
                              const guint8  *sealed,
                              gsize          sealed_size,
                              const guint8  *wrapped,
                              gsize          wrapped_size,
                              gboolean      *out_rewrapped,
                              GError       **error)
{
  const guint8 *cached;
  guint8 *slot;

  *out_rewrapped = FALSE;
  cached = wm_keyring_lookup (self->case_keys, case_id);
  if (cached != NULL)
    return cached;

  slot = wm_keyring_reserve (self->case_keys, case_id);
  if (!wm_session_open_case_key (self, case_id, sealed, sealed_size, wrapped, wrapped_size,
                                 slot, out_rewrapped, error))
    {
      wm_keyring_remove (self->case_keys, case_id);
      return NULL;
    }
  return slot;
}

/* Stores the wrapped form of @key, the key of @case_id; part of the
 * caller's transaction, if any. */
gboolean
wm_session_store_wrapped_key (WmSession     *self,
                              gint64         case_id,
                              const guint8  *key,
                              GError       **error)
{
  guint8 wrapped[WRAPPED_KEY_SIZE];
  guint8 ad[WRAP_AD_SIZE];
  sqlite3_stmt *stmt;

  wrap_ad (self, case_id, ad);
  randombytes_buf (wrapped, NONCE_SIZE);
  crypto_aead_xchacha20poly1305_ietf_encrypt (wrapped + NONCE_SIZE, NULL, key, WM_KEY_SIZE,
                                              ad, sizeof ad, NULL, wrapped,
                                              wm_secret_get_data (self->wrap_key));
  stmt = wm_store_statement (self->store,
                             "UPDATE case_keys SET wrapped = ? WHERE case_id = ? AND user_id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_blob (stmt, 1, wrapped, sizeof wrapped, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, case_id);
  sqlite3_bind_int64 (stmt, 3, self->user_id);
  return wm_store_step_done (self->store, stmt, error);
}

/* Stores the wrapped form of a case key already in the keyring. */
gboolean
wm_session_store_wrapped (WmSession  *self,
                          gint64      case_id,
                          GError    **error)
{
  const guint8 *key = wm_keyring_lookup (self->case_keys, case_id);

  g_return_val_if_fail (key != NULL, FALSE);

  return wm_session_store_wrapped_key (self, case_id, key, error);
}

/**
 * wm_session_case_key:
 *
 * The key of a case this user holds, or %NULL with
 * %WM_STORE_ERROR_NO_ACCESS when the case is not (or no longer) shared with
 * them, %WM_STORE_ERROR_NOT_FOUND when it does not exist. The seal is looked
 * up every time, even when the key is already in the keyring, so a case
 * reassigned or unshared by someone else stops opening at once.
 */
const guint8 *
wm_session_case_key (WmSession  *self,
                     gint64      case_id,
                     GError    **error)
{
  const guint8 *key;
  sqlite3_stmt *stmt;
  gboolean rewrapped = FALSE;
  gboolean was_open;
  g_autoptr(GBytes) sealed = NULL;
  g_autoptr(GBytes) wrapped = NULL;
  gboolean case_exists = FALSE;
  int rc;

  if (!wm_session_require_unlocked (self, error))
    return NULL;

  stmt = wm_store_statement (self->store,
                             "SELECT k.sealed, k.wrapped, c.id FROM cases c "
                             "LEFT JOIN case_keys k ON k.case_id = c.id AND k.user_id = ? "
                             "WHERE c.id = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, self->user_id);
  sqlite3_bind_int64 (stmt, 2, case_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      case_exists = TRUE;
      if (sqlite3_column_type (stmt, 0) == SQLITE_BLOB)
        sealed = g_bytes_new (sqlite3_column_blob (stmt, 0), sqlite3_column_bytes (stmt, 0));
      if (sqlite3_column_type (stmt, 1) == SQLITE_BLOB)
        wrapped = g_bytes_new (sqlite3_column_blob (stmt, 1), sqlite3_column_bytes (stmt, 1));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      wm_store_set_sqlite_error (self->store, rc, error);
      return NULL;
    }
  if (sealed == NULL)
    {
      wm_keyring_remove (self->case_keys, case_id);
      if (case_exists)
        g_set_error (error, WM_STORE_ERROR, WM_STORE_ERROR_NO_ACCESS,
                     _("Case %lld is not shared with you. Ask its supervisor to share it."),
                     (long long) case_id);
      else
        g_set_error (error, WM_STORE_ERROR, WM_STORE_ERROR_NOT_FOUND,
                     _("There is no case number %lld. It may have been deleted."), (long long) case_id);
      return NULL;
    }

  was_open = wm_keyring_lookup (self->case_keys, case_id) != NULL;
  key = wm_session_case_key_from_row (self, case_id,
                                      g_bytes_get_data (sealed, NULL), g_bytes_get_size (sealed),
                                      wrapped ? g_bytes_get_data (wrapped, NULL) : NULL,
                                      wrapped ? g_bytes_get_size (wrapped) : 0,
                                      &rewrapped, error);
  /* A key just opened from its seal is used only with a grant from someone
   * entitled to give it; any key only if it is the case's own. A key from
   * the holder's own wrap was checked before it was wrapped. */
  if (key != NULL && !was_open
      && ((rewrapped && !wm_directory_check_head (self->store, NULL, error))
          || !wm_signed_check_case_key (self, case_id, key, rewrapped, error)))
    {
      wm_keyring_remove (self->case_keys, case_id);
      return NULL;
    }
  /* Wrapped only when there was no wrapped form: one that is there and
   * does not open was damaged or altered, and is left for verify to report
   * rather than silently made good. */
  if (key != NULL && rewrapped && wrapped == NULL)
    {
      g_autoptr(GError) wrap_error = NULL;

      /* Only a speed-up for next time: failing to save it is not an error. */
      if (!wm_session_store_wrapped (self, case_id, &wrap_error))
        g_debug ("Could not store a wrapped case key: %s", wrap_error->message);
      key = wm_keyring_lookup (self->case_keys, case_id);
    }
  return key;
}

/* Seals @case_key to @user_id's public key, replacing any earlier seal; part
 * of the caller's transaction. */
gboolean
wm_session_seal_case_key (WmSession     *self,
                          gint64         case_id,
                          const guint8  *case_key,
                          gint64         user_id,
                          GError       **error)
{
  g_autoptr(WmAccount) account = NULL;
  guint8 sealed[SEALED_KEY_SIZE];
  guint8 signature[WM_SIGNATURE_SIZE];
  sqlite3_stmt *stmt;

  account = load_active_account (self, user_id, error);
  if (account == NULL || !wm_directory_check_account (self->store, account, error))
    return FALSE;
  /* Only to an account as the directory an administrator signed lists it. */
  if (!wm_directory_check_head (self->store, NULL, error))
    return FALSE;
  crypto_box_seal (sealed, case_key, WM_KEY_SIZE, account->public_key);
  if (!wm_signed_grant (self, case_id, user_id, account->key_generation, account->public_key,
                        signature, error))
    return FALSE;

  stmt = wm_store_statement (self->store,
                             "INSERT OR REPLACE INTO case_keys (case_id, user_id, sealed, wrapped, "
                             "granted_by, granter_generation, grant_signature) "
                             "VALUES (?, ?, ?, NULL, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, case_id);
  sqlite3_bind_int64 (stmt, 2, user_id);
  sqlite3_bind_blob (stmt, 3, sealed, sizeof sealed, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, self->user_id);
  sqlite3_bind_int64 (stmt, 5, self->key_generation);
  sqlite3_bind_blob (stmt, 6, signature, sizeof signature, SQLITE_STATIC);
  return wm_store_step_done (self->store, stmt, error);
}
