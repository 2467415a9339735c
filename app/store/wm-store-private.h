/* wm-store-private.h — what the store's own modules share, not for callers
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <string.h>

#include "wm-secret.h"
#include "wm-store.h"

G_BEGIN_DECLS

#define WM_SCHEMA_VERSION 6
/* The first schema whose data is signed; older files are refused. */
#define WM_SCHEMA_FIRST_SIGNED 3
#define WM_APPLICATION_ID 0x574D524B /* "WMRK" in the SQLite header; wm-schema.c sets it */

/* Statements are prepared once per connection and kept: the SQL must be a
 * string literal, because its address is the cache key. The returned
 * statement is reset and has no bindings. */
sqlite3_stmt *wm_store_statement        (WmStore     *self,
                                         const char  *sql,
                                         GError     **error);
gboolean      wm_store_exec             (WmStore     *self,
                                         const char  *sql,
                                         GError     **error);
gboolean      wm_store_begin            (WmStore     *self,
                                         GError     **error);
gboolean      wm_store_commit           (WmStore     *self,
                                         GError     **error);
void          wm_store_rollback         (WmStore     *self);
gboolean      wm_store_begin_light      (WmStore     *self,
                                         GError     **error);
guint64       wm_store_get_transaction  (WmStore     *self);
gboolean      wm_store_step_done        (WmStore     *self,
                                         sqlite3_stmt *stmt,
                                         GError     **error);
void          wm_store_set_sqlite_error (WmStore     *self,
                                         int          rc,
                                         GError     **error);

/* Who signs an audit entry: an account's Ed25519 key of one generation
 * (the session's signing_key). Borrowed, never freed through this. */
typedef struct
{
  gint64    user_id;
  gint64    generation;
  WmSecret *signing_key;
} WmAuditSigner;

/* Restores a verified backup in place (see wm-store.c); @signer must be an
 * administrator of both files, @organisation_key opened by them. */
gboolean      wm_store_restore_from     (WmStore     *self,
                                         const char  *backup_path,
                                         const WmAuditSigner *signer,
                                         WmSecret    *organisation_key,
                                         GError     **error);

/* Appends one unsigned entry to the hash chain; must run inside a
 * transaction. Only entries that no account can sign are written this way
 * (a failed sign-in, the database's creation): wm_audit_verify_chain()
 * reports any other unsigned entry as forged. */
gboolean      wm_audit_append           (WmStore     *self,
                                         gint64       user_id,
                                         const char  *action,
                                         gint64       case_id,
                                         gint64       record_id,
                                         const char  *detail,
                                         GError     **error);

gboolean      wm_audit_append_now       (WmStore     *self,
                                         gint64       user_id,
                                         const char  *action,
                                         gint64       case_id,
                                         const char  *detail,
                                         GError     **error);

/* Appends an entry signed by @signer; must run inside a transaction. */
gboolean      wm_audit_append_signed    (WmStore     *self,
                                         const WmAuditSigner *signer,
                                         const char  *action,
                                         gint64       case_id,
                                         gint64       record_id,
                                         const char  *detail,
                                         GError     **error);
/* A restore's entry, numbered @seq (beyond every entry the replaced file
 * held, so numbers are never reused); inside the restore's transaction. */
gboolean      wm_audit_append_restore   (WmStore     *self,
                                         const WmAuditSigner *signer,
                                         gint64       seq,
                                         const char  *detail,
                                         GError     **error);
/* The chain, every signature and the stored head, without the device's
 * memory of newer states (wm_store_verify_audit() adds that). */
gboolean      wm_audit_verify_chain     (WmStore     *self,
                                         GPtrArray   *faults,
                                         GError     **error);
/* The last entry's number and hash; %FALSE when the log is empty. */
gboolean      wm_audit_get_tail         (WmStore     *self,
                                         gint64      *out_seq,
                                         guint8      *out_hash,
                                         GError     **error);
/* Whether entry @seq exists and has hash @hash. */
gboolean      wm_audit_has_entry        (WmStore     *self,
                                         gint64       seq,
                                         const guint8 *hash);
/* Whether an administrator's signed restore entry follows entry @seq. */
gboolean      wm_audit_restored_after   (WmStore     *self,
                                         gint64       seq);

/* Schema: creates or upgrades to WM_SCHEMA_VERSION in one transaction. */
gboolean      wm_schema_migrate         (sqlite3     *db,
                                         int          from_version,
                                         GError     **error);
/* The file's tables, indexes, triggers and views, and what the migrations
 * make: a file whose schema is not exactly that is refused at open. */
GBytes       *wm_schema_describe        (sqlite3     *db,
                                         int         *out_rc);
GBytes       *wm_schema_expected        (int          version);
/* Triggers, views and untrusted schema functions off, defensive mode on:
 * every connection Waymark makes to a file gets this first. */
gboolean      wm_store_harden_connection (sqlite3    *db);

/* Accounts, shared by wm_store_create() and the session. */
gint64        wm_accounts_insert_user   (WmStore     *self,
                                         const char  *name,
                                         WmRole       role,
                                         const char  *passphrase,
                                         WmSecret    *organisation_key,
                                         GError     **error);


/* One row of the users table, as sign-in and key management need it. */
typedef struct
{
  gint64   id;
  char    *name;
  WmRole   role;
  gboolean disabled;
  guint8   public_key[32];
  GBytes  *secret_box;      /* nonce || sealed X25519 secret key */
  GBytes  *kdf_salt;
  guint64  kdf_opslimit;
  gsize    kdf_memlimit;
  gint64   key_generation;
  gint64   failed_count;
  gint64   last_failed_at;
  GBytes  *certificate;       /* the organisation's signature of the row */
  GBytes  *organisation_seal; /* administrators: the organisation key */
} WmAccount;

void          wm_account_free           (WmAccount   *account);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WmAccount, wm_account_free)

WmAccount    *wm_accounts_load          (WmStore     *self,
                                         const char  *name,
                                         gint64       user_id,
                                         GError     **error);
WmSecret *wm_accounts_open_secret_key (WmStore    *self,
                                         const WmAccount *account,
                                         const char  *passphrase);
void          wm_accounts_burn_time     (const char  *passphrase);
gboolean      wm_accounts_write_keys    (WmStore     *self,
                                         gint64       user_id,
                                         gint64       key_generation,
                                         const char  *passphrase,
                                         const guint8 *public_key,
                                         WmSecret *secret_key,
                                         GError     **error);
WmSecret *wm_accounts_derive_wrap_key (WmSecret *secret_key);
gint64        wm_accounts_delay_for_failures (gint64  failures);
gint64        wm_accounts_remaining_delay (WmStore  *self,
                                         const WmAccount *account);
gboolean      wm_accounts_note_failure  (WmStore     *self,
                                         const WmAccount *account,
                                         GError     **error);
gboolean      wm_accounts_note_attempt  (WmStore     *self,
                                         const WmAccount *account,
                                         GError     **error);
gboolean      wm_accounts_settle_failure_time (WmStore *self,
                                         const WmAccount *account,
                                         GError     **error);
/* NFKC in sodium_malloc() memory, NUL-terminated; see wm-accounts.c. */
WmSecret     *wm_accounts_normalise_passphrase (const char *passphrase);

/* The account directory: every account row and team link is signed with
 * the organisation's Ed25519 key, whose public half is pinned by the
 * database id (see wm-directory.c). */
#define WM_ORGANISATION_KEY_SIZE 64
const guint8 *wm_store_get_organisation_public_key (WmStore *self);
WmSecret     *wm_directory_new_organisation_key (guint8     *out_public_key);
void          wm_directory_database_id  (const guint8 *organisation_public_key,
                                         guint8       *out_database_id);
gboolean      wm_directory_certify_account (WmStore  *self,
                                         gint64       user_id,
                                         WmSecret    *organisation_key,
                                         GError     **error);
gboolean      wm_directory_check_account (WmStore   *self,
                                         const WmAccount *account,
                                         GError     **error);
gboolean      wm_directory_certify_link (WmStore    *self,
                                         gint64       user_id,
                                         gint64       supervisor_id,
                                         WmSecret    *organisation_key,
                                         GError     **error);
gboolean      wm_directory_check_link   (WmStore    *self,
                                         gint64       user_id,
                                         gint64       supervisor_id,
                                         const guint8 *certificate,
                                         gsize        certificate_size);
WmSecret     *wm_directory_open_organisation_key (WmStore *self,
                                         const WmAccount *administrator,
                                         WmSecret    *secret_key,
                                         GError     **error);

WmSecret     *wm_directory_derive_signing_key (WmSecret *secret_key,
                                         guint8       *out_public_key);
gboolean      wm_directory_add_signing_key (WmStore   *self,
                                         gint64       user_id,
                                         gint64       generation,
                                         const guint8 *public_key,
                                         GError     **error);
gboolean      wm_directory_lookup_signing_key (WmStore *self,
                                         gint64       user_id,
                                         gint64       generation,
                                         guint8      *out_public_key);
gboolean      wm_directory_verify       (WmStore    *self,
                                         gint64       user_id,
                                         gint64       generation,
                                         const guint8 *message,
                                         gsize        message_size,
                                         const guint8 *signature,
                                         gsize        signature_size);
gboolean      wm_directory_sign_head    (WmStore    *self,
                                         WmSecret    *organisation_key,
                                         GError     **error);
gboolean      wm_directory_check_head   (WmStore    *self,
                                         gint64      *out_epoch,
                                         GError     **error);

gboolean      wm_store_check_directory  (WmStore    *self,
                                         GPtrArray  *faults,
                                         GError    **error);

/* The organisation key's signature on other statements (wm-partners.c). */
#define WM_DIRECTORY_SIGNATURE_SIZE 64
void          wm_directory_sign_statement (WmSecret   *organisation_key,
                                         const guint8 *message,
                                         gsize        message_size,
                                         guint8      *out_signature);
gboolean      wm_directory_check_statement (WmStore   *self,
                                         const guint8 *message,
                                         gsize        message_size,
                                         const guint8 *signature,
                                         gsize        signature_size);
/* Every partner directory entry against its signature (wm-partners.c). */
gboolean      wm_partners_check         (WmStore    *self,
                                         GPtrArray  *faults,
                                         GError    **error);
/* Every organisation setting against its signature (wm-org-settings.c). */
gboolean      wm_org_settings_check     (WmStore    *self,
                                         GPtrArray  *faults,
                                         GError    **error);

/* Passphrase policy (NIST SP 800-63B rev. 4): length and a block list. */
gboolean      wm_passphrase_check       (const char  *passphrase,
                                         const char  *user_name,
                                         GError     **error);

/* Big-endian packing for associated data and hash input. */
static inline void
wm_put_be64 (guint8 *out,
             guint64 value)
{
  for (int i = 7; i >= 0; i--)
    {
      out[i] = value & 0xff;
      value >>= 8;
    }
}

/* A message to sign begins with its purpose, NUL included, and the
 * database id: no signature made for one purpose, or in one database,
 * stands for another. */
static inline GByteArray *
wm_message_new (WmStore    *store,
                const char *domain)
{
  GByteArray *message = g_byte_array_new ();

  g_byte_array_append (message, (const guint8 *) domain, strlen (domain) + 1);
  g_byte_array_append (message, wm_store_get_database_id (store), WM_DATABASE_ID_SIZE);
  return message;
}

/* The same, appended to a message to be signed or hashed. */
static inline void
wm_message_append_be64 (GByteArray *message,
                        gint64      value)
{
  guint8 bytes[8];

  wm_put_be64 (bytes, value);
  g_byte_array_append (message, bytes, sizeof bytes);
}

/* A text with its length first, so that no two messages sign alike by
 * moving bytes from one field to the next; %NULL is the empty text. */
static inline void
wm_message_append_text (GByteArray *message,
                        const char *text)
{
  gsize size = text != NULL ? strlen (text) : 0;

  wm_message_append_be64 (message, size);
  g_byte_array_append (message, (const guint8 *) (text != NULL ? text : ""), size);
}

static inline void
wm_put_be32 (guint8 *out,
             guint32 value)
{
  for (int i = 3; i >= 0; i--)
    {
      out[i] = value & 0xff;
      value >>= 8;
    }
}

G_END_DECLS
