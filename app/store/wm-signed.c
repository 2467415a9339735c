/* wm-signed.c — signed statements about cases: keys, versions, approvals, manifests
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Encryption keeps a case secret, but anyone who can write the file can
 * seal a key of their own choosing to a caseworker's public key
 * (crypto_box_seal is anonymous), and symmetric encryption shows only that
 * the writer held the case key. So what decides who holds a case, who wrote
 * what, and what was approved is signed, with the Ed25519 key of the
 * account that did it (its generation's key in the signed directory,
 * wm-directory.c):
 *
 * - the case certificate: its creator commits to the case key (a keyed
 *   hash, which shows nothing of the key) when creating it;
 * - a grant: whoever seals the key to an account signs that they did.
 *   Only the creator or a supervisor may grant, and a key that does not
 *   match the creator's commitment is refused, so a key sealed by anyone
 *   else, or a different key sealed by an entitled account, is not used;
 * - a record version: its author signs where it stands (case, record, kind,
 *   version, what it amends, whether it was submitted) and a fingerprint of
 *   its ciphertext;
 * - an approval: a supervisor signs the exact version they read, with a
 *   proof that they hold the case key;
 * - the manifest: whoever last wrote to the case signs the list of its
 *   records, their current versions, authors and fingerprints, how many
 *   versions each has, and their approvals, with a proof that they hold
 *   the case key. A record deleted, a head moved back, a version removed, a
 *   submission or approval undone no longer matches it.
 *
 * Checking a signature is a public-key operation. A caseload of thousands
 * must not pay one per case on every sign-in, nor opening a case one per
 * record. So once a holder has checked a manifest's signature and those of
 * every version and approval it lists, they store a MAC of it under a key
 * only they can derive (case_keys.manifest_mac), and another of its
 * summary (the newest profile and assessment, case_keys.summary_mac); from
 * then on the MACs stand for those checks, until someone else writes to
 * the case.
 */

#define G_LOG_DOMAIN "wm-signed"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <sodium.h>

#include "wm-card.h"
#include "wm-signed.h"

#define NONCE_SIZE crypto_aead_xchacha20poly1305_ietf_NPUBBYTES
#define TAG_SIZE crypto_aead_xchacha20poly1305_ietf_ABYTES
/* A version's fingerprint: the nonce and tag of its ciphertext. Only a
 * holder of the case key can make a ciphertext that opens, and another one
 * with the same nonce and tag would be a forgery of Poly1305. */
#define FINGERPRINT_SIZE (NONCE_SIZE + TAG_SIZE)

static GByteArray *
message_new (WmStore    *store,
             const char *domain,
             gint64      case_id)
{
  GByteArray *message = wm_message_new (store, domain);

  wm_message_append_be64 (message, case_id);
  return message;
}

static void
fingerprint (const guint8 *sealed,
             gsize         sealed_size,
             guint8       *out)
{
  memset (out, 0, FINGERPRINT_SIZE);
  if (sealed == NULL || sealed_size < NONCE_SIZE + TAG_SIZE)
    return;
  memcpy (out, sealed, NONCE_SIZE);
  memcpy (out + NONCE_SIZE, sealed + sealed_size - TAG_SIZE, TAG_SIZE);
}

static void
sign (WmSession  *session,
      GByteArray *message,
      guint8     *out_signature)
{
  crypto_sign_detached (out_signature, NULL, message->data, message->len,
                        wm_secret_get_data (session->signing_key));
}

/**
 * wm_signed_set_altered:
 *
 * The error for a case whose records are not as signed.
 */
void
wm_signed_set_altered (GError     **error,
                       const char  *reference)
{
  g_set_error (error, WM_STORE_ERROR, WM_STORE_ERROR_CORRUPT,
               /* Translators: %s is a case reference such as WM-7KQ2XM. */
               _("Case %s was changed outside Waymark: its records are not as the people who wrote them "
                 "signed them. Waymark will not show it as it is. Ask an administrator to restore the "
                 "database from a backup."),
               reference);
}

/* For messages: the case's reference, or "?" for one that is gone. */
static char *
dup_reference (WmSession *session,
               gint64     case_id)
{
  char *reference = wm_session_dup_case_reference (session, case_id, NULL);

  return reference != NULL ? reference : g_strdup ("?");
}

/* ---- Case keys --------------------------------------------------------- */

void
wm_signed_key_commitment (WmStore      *store,
                          gint64        case_id,
                          const guint8 *case_key,
                          guint8       *out_commitment)
{
  g_autoptr(GByteArray) message = message_new (store, "waymark-case-key-v1", case_id);

  crypto_generichash (out_commitment, WM_COMMITMENT_SIZE, message->data, message->len,
                      case_key, WM_KEY_SIZE);
}

static GByteArray *
case_message (WmStore      *store,
              gint64        case_id,
              const char   *reference,
              const guint8 *commitment,
              gint64        creator_id,
              gint64        creator_generation)
{
  GByteArray *message = message_new (store, "waymark-case-v1", case_id);

  wm_message_append_be64 (message, strlen (reference));
  g_byte_array_append (message, (const guint8 *) reference, strlen (reference));
  g_byte_array_append (message, commitment, WM_COMMITMENT_SIZE);
  wm_message_append_be64 (message, creator_id);
  wm_message_append_be64 (message, creator_generation);
  return message;
}

static GByteArray *
grant_message (WmStore      *store,
               gint64        case_id,
               const guint8 *commitment,
               gint64        recipient_id,
               gint64        recipient_generation,
               const guint8 *recipient_public_key,
               gint64        granter_id,
               gint64        granter_generation)
{
  GByteArray *message = message_new (store, "waymark-grant-v1", case_id);

  g_byte_array_append (message, commitment, WM_COMMITMENT_SIZE);
  wm_message_append_be64 (message, recipient_id);
  wm_message_append_be64 (message, recipient_generation);
  g_byte_array_append (message, recipient_public_key, crypto_box_PUBLICKEYBYTES);
  wm_message_append_be64 (message, granter_id);
  wm_message_append_be64 (message, granter_generation);
  return message;
}

/**
 * wm_signed_certify_case:
 *
 * Signs, as the case's creator, a commitment to its new key; part of the
 * caller's transaction, right after the case row is made.
 */
gboolean
wm_signed_certify_case (WmSession     *session,
                        gint64         case_id,
                        const guint8  *case_key,
                        GError       **error)
{
  g_autoptr(GByteArray) message = NULL;
  g_autofree char *reference = dup_reference (session, case_id);
  guint8 commitment[WM_COMMITMENT_SIZE];
  guint8 signature[WM_SIGNATURE_SIZE];
  sqlite3_stmt *stmt;

  wm_signed_key_commitment (session->store, case_id, case_key, commitment);
  message = case_message (session->store, case_id, reference, commitment,
                          session->user_id, session->key_generation);
  sign (session, message, signature);

  stmt = wm_store_statement (session->store,
                             "UPDATE cases SET created_by = ?, creator_generation = ?, key_commitment = ?, "
                             "certificate = ? WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, session->user_id);
  sqlite3_bind_int64 (stmt, 2, session->key_generation);
  sqlite3_bind_blob (stmt, 3, commitment, sizeof commitment, SQLITE_STATIC);
  sqlite3_bind_blob (stmt, 4, signature, sizeof signature, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 5, case_id);
  return wm_store_step_done (session->store, stmt, error);
}

/* The case row's signed facts, checked against its creator's signature. */
typedef struct
{
  char   *reference;
  gint64  creator_id;
  guint8  commitment[WM_COMMITMENT_SIZE];
  gboolean certified;
} CaseFacts;

/* @verify: check the creator's signature too (a public-key operation):
 * only needed when a key is accepted from a seal. */
static gboolean
load_case_facts (WmStore    *store,
                 gint64      case_id,
                 gboolean    verify,
                 CaseFacts  *facts,
                 GError    **error)
{
  sqlite3_stmt *stmt = wm_store_statement (store,
                                           "SELECT reference, created_by, creator_generation, key_commitment, "
                                           "certificate FROM cases WHERE id = ?", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  memset (facts, 0, sizeof *facts);
  sqlite3_bind_int64 (stmt, 1, case_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      g_autoptr(GByteArray) message = NULL;
      gint64 generation = sqlite3_column_int64 (stmt, 2);

      facts->reference = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      facts->creator_id = sqlite3_column_int64 (stmt, 1);
      if (sqlite3_column_bytes (stmt, 3) == WM_COMMITMENT_SIZE && !verify)
        memcpy (facts->commitment, sqlite3_column_blob (stmt, 3), WM_COMMITMENT_SIZE);
      else if (sqlite3_column_bytes (stmt, 3) == WM_COMMITMENT_SIZE)
        {
          memcpy (facts->commitment, sqlite3_column_blob (stmt, 3), WM_COMMITMENT_SIZE);
          message = case_message (store, case_id, facts->reference, facts->commitment,
                                  facts->creator_id, generation);
          facts->certified = wm_directory_verify (store, facts->creator_id, generation,
                                                  message->data, message->len,
                                                  sqlite3_column_blob (stmt, 4),
                                                  sqlite3_column_bytes (stmt, 4));
        }
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    {
      g_set_error (error, WM_STORE_ERROR, WM_STORE_ERROR_NOT_FOUND,
                   _("That case no longer exists. It may have been deleted."));
      return FALSE;
    }
  return TRUE;
}

/**
 * wm_signed_grant:
 *
 * Signs, as the session's account, that it gives the case's key to
 * @recipient_id (their key generation and public key); the caller seals
 * the key and stores the signature with the seal.
 */
gboolean
wm_signed_grant (WmSession     *session,
                 gint64         case_id,
                 gint64         recipient_id,
                 gint64         recipient_generation,
                 const guint8  *recipient_public_key,
                 guint8        *out_signature,
                 GError       **error)
{
  g_autoptr(GByteArray) message = NULL;
  CaseFacts facts;

  if (!load_case_facts (session->store, case_id, FALSE, &facts, error))
    return FALSE;
  g_free (facts.reference);
  message = grant_message (session->store, case_id, facts.commitment, recipient_id, recipient_generation,
                           recipient_public_key, session->user_id, session->key_generation);
  sign (session, message, out_signature);
  return TRUE;
}

static gboolean
may_grant (WmStore         *store,
           const CaseFacts *facts,
           gint64           granter_id)
{
  g_autoptr(WmAccount) granter = NULL;

  if (granter_id == facts->creator_id)
    return TRUE;
  granter = wm_accounts_load (store, NULL, granter_id, NULL);
  return granter != NULL && granter->role == WM_ROLE_SUPERVISOR;
}

/**
 * wm_signed_check_case_key:
 * @check_grant: also check the case's certificate and the grant to this
 *   account (a key just opened from its seal); otherwise only that @case_key
 *   is the one the case was made with (a key from the holder's own wrap)
 *
 * Fails with %WM_STORE_ERROR_CORRUPT when the key was not given by an
 * account entitled to give it, or is not the case's key.
 */
gboolean
wm_signed_check_case_key (WmSession     *session,
                          gint64         case_id,
                          const guint8  *case_key,
                          gboolean       check_grant,
                          GError       **error)
{
  g_autofree char *reference = NULL;
  guint8 commitment[WM_COMMITMENT_SIZE];
  gboolean granted = !check_grant;
  CaseFacts facts;

  /* The caller checked the directory head when @check_grant: the signing
   * keys the signatures are checked with must be the ones an administrator
   * listed. */
  if (!load_case_facts (session->store, case_id, check_grant, &facts, error))
    return FALSE;
  reference = g_steal_pointer (&facts.reference);
  wm_signed_key_commitment (session->store, case_id, case_key, commitment);

  if (check_grant && facts.certified)
    {
      sqlite3_stmt *stmt = wm_store_statement (session->store,
                                               "SELECT granted_by, granter_generation, grant_signature "
                                               "FROM case_keys WHERE case_id = ? AND user_id = ?", error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, case_id);
      sqlite3_bind_int64 (stmt, 2, session->user_id);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        {
          gint64 granter_id = sqlite3_column_int64 (stmt, 0);
          g_autoptr(GByteArray) message = grant_message (session->store, case_id, facts.commitment,
                                                         session->user_id, session->key_generation,
                                                         session->public_key, granter_id,
                                                         sqlite3_column_int64 (stmt, 1));

          granted = wm_directory_verify (session->store, granter_id, sqlite3_column_int64 (stmt, 1),
                                         message->data, message->len,
                                         sqlite3_column_blob (stmt, 2), sqlite3_column_bytes (stmt, 2));
          sqlite3_reset (stmt);
          granted = granted && may_grant (session->store, &facts, granter_id);
        }
      else
        sqlite3_reset (stmt);
    }

  if ((check_grant && !facts.certified) || !granted
      || sodium_memcmp (commitment, facts.commitment, sizeof commitment) != 0)
    {
      g_set_error (error, WM_STORE_ERROR, WM_STORE_ERROR_CORRUPT,
                   /* Translators: %s is a case reference such as WM-7KQ2XM. */
                   _("The key to case %s was not given to you by someone entitled to share it, or is not "
                     "the case’s key: the database was changed outside Waymark. Waymark will not use it. "
                     "Ask an administrator to restore the database from a backup."),
                   reference);
      return FALSE;
    }
  return TRUE;
}

/* ---- Record versions and approvals -------------------------------------- */

static GByteArray *
version_message (WmStore               *store,
                 const WmRecordBinding *binding,
                 gint64                 amends_id,
                 gboolean               frozen,
                 gint64                 author_id,
                 gint64                 author_generation,
                 const guint8          *print)
{
  GByteArray *message = message_new (store, "waymark-record-version-v1", binding->case_id);

  wm_message_append_be64 (message, binding->record_id);
  wm_message_append_be64 (message, binding->kind);
  wm_message_append_be64 (message, binding->version);
  wm_message_append_be64 (message, amends_id);
  wm_message_append_be64 (message, frozen ? 1 : 0);
  wm_message_append_be64 (message, author_id);
  wm_message_append_be64 (message, author_generation);
  g_byte_array_append (message, print, FINGERPRINT_SIZE);
  return message;
}

static gboolean
check_version_print (WmStore               *store,
                     const WmRecordBinding *binding,
                     gint64                 amends_id,
                     gboolean               frozen,
                     gint64                 author_id,
                     gint64                 author_generation,
                     const guint8          *print,
                     const guint8          *signature,
                     gsize                  signature_size)
{
  g_autoptr(GByteArray) message = version_message (store, binding, amends_id, frozen, author_id,
                                                   author_generation, print);

  return wm_directory_verify (store, author_id, author_generation, message->data, message->len,
                              signature, signature_size);
}

void
wm_signed_sign_version (WmSession             *session,
                        const WmRecordBinding *binding,
                        gint64                 amends_id,
                        gboolean               frozen,
                        const guint8          *sealed,
                        gsize                  sealed_size,
                        guint8                *out_signature)
{
  g_autoptr(GByteArray) message = NULL;
  guint8 print[FINGERPRINT_SIZE];

  fingerprint (sealed, sealed_size, print);
  message = version_message (session->store, binding, amends_id, frozen, session->user_id,
                             session->key_generation, print);
  sign (session, message, out_signature);
}

gboolean
wm_signed_check_version (WmStore               *store,
                         const WmRecordBinding *binding,
                         gint64                 amends_id,
                         gboolean               frozen,
                         gint64                 author_id,
                         gint64                 author_generation,
                         const guint8          *sealed,
                         gsize                  sealed_size,
                         const guint8          *signature,
                         gsize                  signature_size)
{
  guint8 print[FINGERPRINT_SIZE];

  fingerprint (sealed, sealed_size, print);
  return check_version_print (store, binding, amends_id, frozen, author_id, author_generation, print,
                              signature, signature_size);
}

/* A proof that the signer holds the case key, which only its holders can
 * make: a hash keyed with it. */
static void
key_proof (WmStore      *store,
           const char   *domain,
           gint64        case_id,
           const guint8 *case_key,
           const guint8 *data,
           gsize         data_size,
           guint8       *out_proof)
{
  g_autoptr(GByteArray) message = message_new (store, domain, case_id);

  g_byte_array_append (message, data, data_size);
  crypto_generichash (out_proof, 32, message->data, message->len, case_key, WM_KEY_SIZE);
}

static GByteArray *
approval_message (WmStore               *store,
                  const guint8          *case_key,
                  const WmRecordBinding *binding,
                  const guint8          *sealed,
                  gsize                  sealed_size,
                  gint64                 approver_id,
                  gint64                 approver_generation)
{
  GByteArray *message = message_new (store, "waymark-approval-v1", binding->case_id);
  guint8 print[FINGERPRINT_SIZE];
  guint8 proof[32];

  wm_message_append_be64 (message, binding->record_id);
  wm_message_append_be64 (message, binding->kind);
  wm_message_append_be64 (message, binding->version);
  fingerprint (sealed, sealed_size, print);
  g_byte_array_append (message, print, sizeof print);
  wm_message_append_be64 (message, approver_id);
  wm_message_append_be64 (message, approver_generation);
  key_proof (store, "waymark-approval-proof-v1", binding->case_id, case_key, message->data, message->len,
             proof);
  g_byte_array_append (message, proof, sizeof proof);
  return message;
}

void
wm_signed_sign_approval (WmSession             *session,
                         const guint8          *case_key,
                         const WmRecordBinding *binding,
                         const guint8          *sealed,
                         gsize                  sealed_size,
                         guint8                *out_signature)
{
  g_autoptr(GByteArray) message = approval_message (session->store, case_key, binding, sealed, sealed_size,
                                                    session->user_id, session->key_generation);

  sign (session, message, out_signature);
}

gboolean
wm_signed_check_approval (WmStore               *store,
                          const guint8          *case_key,
                          const WmRecordBinding *binding,
                          const guint8          *sealed,
                          gsize                  sealed_size,
                          gint64                 approver_id,
                          gint64                 approver_generation,
                          const guint8          *signature,
                          gsize                  signature_size)
{
  g_autoptr(GByteArray) message = approval_message (store, case_key, binding, sealed, sealed_size,
                                                    approver_id, approver_generation);
  g_autoptr(WmAccount) approver = wm_accounts_load (store, NULL, approver_id, NULL);

  return approver != NULL && approver->role == WM_ROLE_SUPERVISOR
         && wm_directory_verify (store, approver_id, approver_generation, message->data, message->len,
                                 signature, signature_size);
}

/* ---- The manifest -------------------------------------------------------- */

/* The manifest's form: for each record, in record order, a fixed-size
 * entry (below) followed by its approvals, each a version and an approver.
 * Plain bytes rather than a GVariant: it is built before and after every
 * write and on every open, and read far more often than written, so it must
 * cost little to make and to walk. Big-endian throughout. */
#define ENTRY_SIZE (8 + 4 + 4 + 8 + 1 + 4 + 8 + FINGERPRINT_SIZE + 4)
#define APPROVAL_SIZE (4 + 8)

typedef struct
{
  gint64        record_id;
  guint32       kind;
  guint32       head_version;
  gint64        amends_id;
  gboolean      frozen;
  guint32       n_versions;
  gint64        author_id;
  const guint8 *print;        /* FINGERPRINT_SIZE bytes */
  guint32       n_approvals;
  const guint8 *bytes;        /* the whole entry, approvals included */
  gsize         size;
} ManifestEntry;

static guint64
get_be (const guint8 *p,
        guint         n)
{
  guint64 value = 0;

  for (guint i = 0; i < n; i++)
    value = (value << 8) | p[i];
  return value;
}

/* The next entry of a manifest from @*cursor; FALSE at the end, or when
 * the bytes are not a well-formed entry (the file is untrusted, even
 * signed). */
static gboolean
next_entry (const guint8  **cursor,
            const guint8   *end,
            ManifestEntry  *entry)
{
  const guint8 *p = *cursor;

  if ((gsize) (end - p) < ENTRY_SIZE)
    return FALSE;
  entry->bytes = p;
  entry->record_id = (gint64) get_be (p, 8);
  entry->kind = (guint32) get_be (p + 8, 4);
  entry->head_version = (guint32) get_be (p + 12, 4);
  entry->amends_id = (gint64) get_be (p + 16, 8);
  entry->frozen = p[24] != 0;
  entry->n_versions = (guint32) get_be (p + 25, 4);
  entry->author_id = (gint64) get_be (p + 29, 8);
  entry->print = p + 37;
  entry->n_approvals = (guint32) get_be (p + 37 + FINGERPRINT_SIZE, 4);
  if ((gsize) (end - p - ENTRY_SIZE) / APPROVAL_SIZE < entry->n_approvals)
    return FALSE;
  entry->size = ENTRY_SIZE + (gsize) entry->n_approvals * APPROVAL_SIZE;
  *cursor = p + entry->size;
  return TRUE;
}

static void
append_be32 (GByteArray *bytes,
             guint32     value)
{
  guint8 b[4];

  wm_put_be32 (b, value);
  g_byte_array_append (bytes, b, sizeof b);
}

struct _WmManifestBuilder
{
  GByteArray *manifest;
  GArray     *approved_ids;       /* gint64, in record order, then version */
  GArray     *approved_versions;  /* guint32 */
  GArray     *approvers;          /* gint64 */
  guint       next_approval;
};

static void
manifest_builder_free (WmManifestBuilder *builder)
{
  if (builder->manifest != NULL)
    g_byte_array_unref (builder->manifest);
  g_array_unref (builder->approved_ids);
  g_array_unref (builder->approved_versions);
  g_array_unref (builder->approvers);
  g_free (builder);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WmManifestBuilder, manifest_builder_free)

/* Loads the approvals of every record of the case, or with @record_id > 0
 * of that record only; entries are then added to @manifest. */
static WmManifestBuilder *
manifest_builder_new (WmStore     *store,
                      gint64       case_id,
                      gint64       record_id,
                      GByteArray  *manifest,
                      GError     **error)
{
  g_autoptr(WmManifestBuilder) builder = g_new0 (WmManifestBuilder, 1);
  sqlite3_stmt *stmt;
  int rc;

  builder->manifest = g_byte_array_ref (manifest);
  builder->approved_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  builder->approved_versions = g_array_new (FALSE, FALSE, sizeof (guint32));
  builder->approvers = g_array_new (FALSE, FALSE, sizeof (gint64));
  if (record_id > 0)
    stmt = wm_store_statement (store,
                               "SELECT record_id, version, approver_id FROM approvals "
                               "WHERE record_id = ? ORDER BY version", error);
  else
    stmt = wm_store_statement (store,
                               "SELECT a.record_id, a.version, a.approver_id FROM approvals a "
                               "JOIN records r ON r.id = a.record_id WHERE r.case_id = ? "
                               "ORDER BY a.record_id, a.version", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, record_id > 0 ? record_id : case_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 approved_id = sqlite3_column_int64 (stmt, 0);
      guint32 version = (guint32) sqlite3_column_int64 (stmt, 1);
      gint64 approver = sqlite3_column_int64 (stmt, 2);

      g_array_append_val (builder->approved_ids, approved_id);
      g_array_append_val (builder->approved_versions, version);
      g_array_append_val (builder->approvers, approver);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      wm_store_set_sqlite_error (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&builder);
}

/**
 * wm_signed_manifest_begin:
 *
 * Starts the manifest of a case's records as the file holds them now, for
 * a caller that steps them anyway (reading a case): its query's first
 * columns are %WM_MANIFEST_COLUMNS, one row per record in record order,
 * each given to wm_signed_manifest_add_row(); then
 * wm_signed_manifest_end() gives the same bytes as the manifest a writer
 * signs would be. Part of the caller's transaction.
 */
WmManifestBuilder *
wm_signed_manifest_begin (WmStore  *store,
                          gint64    case_id,
                          GError  **error)
{
  g_autoptr(GByteArray) manifest = g_byte_array_new ();

  return manifest_builder_new (store, case_id, 0, manifest, error);
}

void
wm_signed_manifest_add_row (WmManifestBuilder *builder,
                            sqlite3_stmt      *stmt)
{
  gint64 id = sqlite3_column_int64 (stmt, 0);
  guint8 entry[ENTRY_SIZE];
  guint n_approvals = 0, first_approval;
  GArray *ids = builder->approved_ids;

  while (builder->next_approval < ids->len && g_array_index (ids, gint64, builder->next_approval) < id)
    builder->next_approval++;
  first_approval = builder->next_approval;
  while (first_approval + n_approvals < ids->len
         && g_array_index (ids, gint64, first_approval + n_approvals) == id)
    n_approvals++;

  wm_put_be64 (entry, id);
  wm_put_be32 (entry + 8, (guint32) sqlite3_column_int64 (stmt, 1));
  wm_put_be32 (entry + 12, (guint32) sqlite3_column_int64 (stmt, 2));
  wm_put_be64 (entry + 16, sqlite3_column_int64 (stmt, 3));
  entry[24] = sqlite3_column_int (stmt, 4) != 0;
  wm_put_be32 (entry + 25, (guint32) sqlite3_column_int64 (stmt, 5));
  wm_put_be64 (entry + 29, sqlite3_column_int64 (stmt, 7));
  fingerprint (sqlite3_column_blob (stmt, 6), sqlite3_column_bytes (stmt, 6), entry + 37);
  wm_put_be32 (entry + 37 + FINGERPRINT_SIZE, n_approvals);
  g_byte_array_append (builder->manifest, entry, sizeof entry);
  for (guint i = first_approval; i < first_approval + n_approvals; i++)
    {
      guint8 approver[8];

      append_be32 (builder->manifest, g_array_index (builder->approved_versions, guint32, i));
      wm_put_be64 (approver, g_array_index (builder->approvers, gint64, i));
      g_byte_array_append (builder->manifest, approver, sizeof approver);
    }
  builder->next_approval = first_approval + n_approvals;
}

GBytes *
wm_signed_manifest_end (WmManifestBuilder *builder)
{
  g_autoptr(WmManifestBuilder) owned = builder;

  return g_byte_array_free_to_bytes (g_steal_pointer (&owned->manifest));
}

void
wm_signed_manifest_abandon (WmManifestBuilder *builder)
{
  if (builder != NULL)
    manifest_builder_free (builder);
}

/* The entries of a case's records as the file holds them now, in the
 * manifest's form, appended to @manifest: every record's, or with
 * @record_id > 0 only that record's (nothing when it is not the case's). */
static gboolean
append_entries (WmStore     *store,
                gint64       case_id,
                gint64       record_id,
                GByteArray  *manifest,
                GError     **error)
{
  g_autoptr(WmManifestBuilder) builder = manifest_builder_new (store, case_id, record_id, manifest, error);
  sqlite3_stmt *stmt;
  int rc;

  if (builder == NULL)
    return FALSE;
  if (record_id > 0)
    stmt = wm_store_statement (store,
                               "SELECT " WM_MANIFEST_COLUMNS "FROM records r " WM_MANIFEST_VERSION_JOIN
                               "WHERE r.case_id = ? AND r.id = ?", error);
  else
    stmt = wm_store_statement (store,
                               "SELECT " WM_MANIFEST_COLUMNS "FROM records r " WM_MANIFEST_VERSION_JOIN
                               "WHERE r.case_id = ? ORDER BY r.id", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, case_id);
  if (record_id > 0)
    sqlite3_bind_int64 (stmt, 2, record_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    wm_signed_manifest_add_row (builder, stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      wm_store_set_sqlite_error (store, rc, error);
      return FALSE;
    }
  return TRUE;
}

/* The case's records as the file holds them now, in the manifest's form. */
static GBytes *
build_manifest (WmStore  *store,
                gint64    case_id,
                GError  **error)
{
  g_autoptr(GByteArray) manifest = g_byte_array_new ();

  if (!append_entries (store, case_id, 0, manifest, error))
    return NULL;
  return g_byte_array_free_to_bytes (g_steal_pointer (&manifest));
}

/* The manifest a writer checked the case against at the start of its
 * transaction (@checked, which equals what build_manifest() made then),
 * with the entry of @record_id, the one record the write changed or
 * added, made again from the file: the same bytes as build_manifest()
 * would make now, for one record's queries instead of the whole case's.
 * Built whole if @checked is not well formed (it cannot be: it equalled
 * what build_manifest() made). */
static GBytes *
update_manifest (WmStore  *store,
                 gint64    case_id,
                 GBytes   *checked,
                 gint64    record_id,
                 GError  **error)
{
  g_autoptr(GByteArray) manifest = g_byte_array_new ();
  gsize size = 0;
  const guint8 *data = g_bytes_get_data (checked, &size);
  const guint8 *cursor = data, *end = data + size;
  gboolean placed = FALSE;
  ManifestEntry entry;

  while (next_entry (&cursor, end, &entry))
    {
      if (!placed && entry.record_id >= record_id)
        {
          if (!append_entries (store, case_id, record_id, manifest, error))
            return NULL;
          placed = TRUE;
        }
      if (entry.record_id != record_id)
        g_byte_array_append (manifest, entry.bytes, entry.size);
    }
  if (cursor != end)
    return build_manifest (store, case_id, error);
  if (!placed && !append_entries (store, case_id, record_id, manifest, error))
    return NULL;
  return g_byte_array_free_to_bytes (g_steal_pointer (&manifest));
}

static GByteArray *
manifest_message (WmStore      *store,
                  gint64        case_id,
                  const guint8 *case_key,
                  const guint8 *manifest,
                  gsize         manifest_size,
                  gint64        signer_id,
                  gint64        signer_generation)
{
  GByteArray *message = message_new (store, "waymark-manifest-v1", case_id);
  guint8 proof[32];

  wm_message_append_be64 (message, signer_id);
  wm_message_append_be64 (message, signer_generation);
  key_proof (store, "waymark-manifest-proof-v1", case_id, case_key, manifest, manifest_size, proof);
  g_byte_array_append (message, proof, sizeof proof);
  return message;
}

/* The caseload's view of a manifest: for the profile, assessments and
 * contacts, the newest record of that kind, its current version and
 * fingerprint. Fixed size, so the caseload compares it without parsing a
 * manifest. Schema 3 wrote summaries of the first two kinds only
 * (WM_SUMMARY_SIZE_V1); they are still read, and the caseload's card
 * needs the whole one, which the next write or caseload puts in their
 * place (wm_signed_upgrade_summary()). */
#define SUMMARY_KINDS WM_SUMMARY_SLOTS
#define SUMMARY_ENTRY_SIZE WM_SUMMARY_ENTRY_SIZE
#define SUMMARY_SIZE WM_SUMMARY_SIZE

G_STATIC_ASSERT (WM_SUMMARY_ENTRY_SIZE == 8 + 4 + FINGERPRINT_SIZE);

static const WmRecordKind summary_kinds[SUMMARY_KINDS] = {
  WM_RECORD_PROFILE, WM_RECORD_ASSESSMENT, WM_RECORD_CONTACT,
};

static gboolean
summary_size_known (gsize size)
{
  return size == SUMMARY_SIZE || size == WM_SUMMARY_SIZE_V1;
}

/**
 * wm_signed_summary_slot:
 * @slot: 0 (the profile), 1 (the latest assessment) or 2 (the newest
 *   contact)
 *
 * The record a whole summary names in @slot (0 for none) and its version.
 */
void
wm_signed_summary_slot (const guint8 *summary,
                        guint         slot,
                        gint64       *out_record_id,
                        guint        *out_version)
{
  const guint8 *entry = summary + (gsize) slot * SUMMARY_ENTRY_SIZE;

  g_assert (slot < SUMMARY_KINDS);
  *out_record_id = (gint64) get_be (entry, 8);
  *out_version = (guint) get_be (entry + 8, 4);
}

/**
 * wm_signed_summary_print_matches:
 *
 * Whether @sealed is the ciphertext whose fingerprint a whole summary
 * lists in @slot.
 */
gboolean
wm_signed_summary_print_matches (const guint8 *summary,
                                 guint         slot,
                                 const guint8 *sealed,
                                 gsize         sealed_size)
{
  guint8 print[FINGERPRINT_SIZE];

  g_assert (slot < SUMMARY_KINDS);
  fingerprint (sealed, sealed_size, print);
  return sealed != NULL
         && sodium_memcmp (print, summary + (gsize) slot * SUMMARY_ENTRY_SIZE + 12, FINGERPRINT_SIZE) == 0;
}

/* Returns FALSE when the manifest is not well formed. */
static gboolean
summarise (const guint8 *manifest,
           gsize         manifest_size,
           guint8       *out_summary)
{
  const guint8 *cursor = manifest, *end = manifest + manifest_size;
  ManifestEntry entry;

  memset (out_summary, 0, SUMMARY_SIZE);
  if (manifest == NULL)
    return FALSE;
  /* Entries are in record order: the last of a kind is its newest. */
  while (next_entry (&cursor, end, &entry))
    for (guint i = 0; i < SUMMARY_KINDS; i++)
      {
        guint8 *slot = out_summary + i * SUMMARY_ENTRY_SIZE;

        if (summary_kinds[i] != (WmRecordKind) entry.kind)
          continue;
        wm_put_be64 (slot, entry.record_id);
        wm_put_be32 (slot + 8, entry.head_version);
        memcpy (slot + 12, entry.print, FINGERPRINT_SIZE);
      }
  return cursor == end;
}

/* A MAC under the holder's own key: @what (a manifest, or the caseload's
 * summary of one) is as this holder once checked it. */
static void
holder_mac (WmSession    *session,
            const char   *domain,
            gint64        case_id,
            const guint8 *what,
            gsize         what_size,
            guint8       *out_mac)
{
  crypto_generichash_state state;
  guint8 header[16];

  wm_put_be64 (header, case_id);
  wm_put_be64 (header + 8, session->user_id);
  crypto_generichash_init (&state, wm_secret_get_data (session->mac_key), wm_secret_get_size (session->mac_key),
                           32);
  crypto_generichash_update (&state, (const guint8 *) domain, strlen (domain) + 1);
  crypto_generichash_update (&state, wm_store_get_database_id (session->store), WM_DATABASE_ID_SIZE);
  crypto_generichash_update (&state, header, sizeof header);
  crypto_generichash_update (&state, what, what_size);
  crypto_generichash_final (&state, out_mac, 32);
}

void
wm_signed_summary_mac (WmSession    *session,
                       gint64        case_id,
                       const guint8 *summary,
                       gsize         summary_size,
                       guint8       *out_mac)
{
  holder_mac (session, "waymark-summary-seen-v1", case_id, summary, summary_size, out_mac);
}

static gboolean
mac_matches (WmSession    *session,
             const char   *domain,
             gint64        case_id,
             GBytes       *what,
             GBytes       *mac)
{
  guint8 expected[32];
  gsize size = 0;
  const guint8 *data;

  if (what == NULL || mac == NULL || g_bytes_get_size (mac) != sizeof expected)
    return FALSE;
  data = g_bytes_get_data (what, &size);
  holder_mac (session, domain, case_id, data, size, expected);
  return sodium_memcmp (expected, g_bytes_get_data (mac, NULL), sizeof expected) == 0;
}

typedef struct
{
  GBytes  *manifest;
  GBytes  *signature;
  GBytes  *mac;          /* this holder's MAC of the manifest */
  GBytes  *summary_mac;  /* and of its summary */
  gint64   signer_id;
  gint64   signer_generation;
} StoredManifest;

static void
stored_manifest_clear (StoredManifest *stored)
{
  g_clear_pointer (&stored->manifest, g_bytes_unref);
  g_clear_pointer (&stored->signature, g_bytes_unref);
  g_clear_pointer (&stored->mac, g_bytes_unref);
  g_clear_pointer (&stored->summary_mac, g_bytes_unref);
}

static GBytes *
column_bytes (sqlite3_stmt *stmt,
              int           column)
{
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    return NULL;
  return g_bytes_new (sqlite3_column_blob (stmt, column), sqlite3_column_bytes (stmt, column));
}

static gboolean
load_stored_manifest (WmSession       *session,
                      gint64           case_id,
                      StoredManifest  *stored,
                      GError         **error)
{
  sqlite3_stmt *stmt = wm_store_statement (session->store,
                                           "SELECT m.manifest, m.signer, m.generation, m.signature, "
                                           "       k.manifest_mac, k.summary_mac "
                                           "FROM cases c "
                                           "LEFT JOIN case_manifests m ON m.case_id = c.id "
                                           "LEFT JOIN case_keys k ON k.case_id = c.id AND k.user_id = ? "
                                           "WHERE c.id = ?", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  memset (stored, 0, sizeof *stored);
  sqlite3_bind_int64 (stmt, 1, session->user_id);
  sqlite3_bind_int64 (stmt, 2, case_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      stored->manifest = column_bytes (stmt, 0);
      stored->signer_id = sqlite3_column_int64 (stmt, 1);
      stored->signer_generation = sqlite3_column_int64 (stmt, 2);
      stored->signature = column_bytes (stmt, 3);
      stored->mac = column_bytes (stmt, 4);
      stored->summary_mac = column_bytes (stmt, 5);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    {
      g_set_error (error, WM_STORE_ERROR, WM_STORE_ERROR_NOT_FOUND,
                   _("That case no longer exists. It may have been deleted."));
      return FALSE;
    }
  return TRUE;
}

/* Whether the stored manifest's signature holds, by a key the directory an
 * administrator signed lists. A public-key operation, or two. */
static gboolean
stored_manifest_is_signed (WmSession      *session,
                           gint64          case_id,
                           const guint8   *case_key,
                           StoredManifest *stored)
{
  g_autoptr(GByteArray) message = NULL;
  gsize size = 0, signature_size = 0;
  const guint8 *data;
  const guint8 *signature;

  if (stored->manifest == NULL || stored->signature == NULL
      || !wm_directory_check_head (session->store, NULL, NULL))
    return FALSE;
  data = g_bytes_get_data (stored->manifest, &size);
  signature = g_bytes_get_data (stored->signature, &signature_size);
  message = manifest_message (session->store, case_id, case_key, data, size,
                              stored->signer_id, stored->signer_generation);
  return wm_directory_verify (session->store, stored->signer_id, stored->signer_generation,
                              message->data, message->len, signature, signature_size);
}

static gboolean store_macs (WmSession     *session,
                            gint64         case_id,
                            const guint8  *manifest,
                            gsize          manifest_size,
                            const guint8  *summary,
                            GError       **error);

/**
 * wm_signed_remember_manifest:
 *
 * Stores this holder's MACs of the case's manifest and of its summary, once
 * they have checked the manifest's signature and the signatures of every
 * current version and approval it lists (or written it themselves): from
 * then on, the MACs stand for those checks. Part of the caller's
 * transaction, if any. A holder without a key row (an administrator who
 * registered a case) has no MAC to keep.
 */
gboolean
wm_signed_remember_manifest (WmSession     *session,
                             gint64         case_id,
                             GError       **error)
{
  StoredManifest stored;
  guint8 summary[SUMMARY_SIZE];
  gsize size = 0;
  const guint8 *data;
  gboolean ok;

  if (!load_stored_manifest (session, case_id, &stored, error))
    return FALSE;
  if (stored.manifest == NULL)
    {
      stored_manifest_clear (&stored);
      return TRUE;
    }
  data = g_bytes_get_data (stored.manifest, &size);
  summarise (data, size, summary);
  ok = store_macs (session, case_id, data, size, summary, error);
  stored_manifest_clear (&stored);
  return ok;
}

static gboolean
store_macs (WmSession     *session,
            gint64         case_id,
            const guint8  *manifest,
            gsize          manifest_size,
            const guint8  *summary,
            GError       **error)
{
  guint8 mac[32], summary_mac[32];
  sqlite3_stmt *stmt;

  holder_mac (session, "waymark-manifest-seen-v1", case_id, manifest, manifest_size, mac);
  wm_signed_summary_mac (session, case_id, summary, SUMMARY_SIZE, summary_mac);
  stmt = wm_store_statement (session->store,
                             "UPDATE case_keys SET manifest_mac = ?, summary_mac = ? "
                             "WHERE case_id = ? AND user_id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_blob (stmt, 1, mac, sizeof mac, SQLITE_STATIC);
  sqlite3_bind_blob (stmt, 2, summary_mac, sizeof summary_mac, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, case_id);
  sqlite3_bind_int64 (stmt, 4, session->user_id);
  return wm_store_step_done (session->store, stmt, error);
}

/**
 * wm_signed_write_manifest:
 * @record_id: the one record the write added or changed, or 0 for any
 *   other write (a new case with its records)
 *
 * Signs the case's records as they now stand; part of the caller's
 * transaction, after every change to them, which began with
 * wm_signed_check_manifest_whole() vouching for the rest. When that check
 * ran in this same transaction and @record_id names the only record
 * changed since, the manifest it checked is updated with that record's
 * entry; otherwise it is built from the whole case.
 */
gboolean
wm_signed_write_manifest (WmSession     *session,
                          gint64         case_id,
                          const guint8  *case_key,
                          gint64         record_id,
                          GError       **error)
{
  g_autoptr(GBytes) checked = g_steal_pointer (&session->checked_manifest);
  g_autoptr(GBytes) manifest = NULL;
  g_autoptr(GByteArray) message = NULL;
  guint8 signature[WM_SIGNATURE_SIZE];
  guint8 summary[SUMMARY_SIZE];
  sqlite3_stmt *stmt;
  gsize size;
  const guint8 *data;

  if (checked != NULL && record_id > 0 && session->checked_case_id == case_id
      && session->checked_in != 0 && session->checked_in == wm_store_get_transaction (session->store))
    manifest = update_manifest (session->store, case_id, checked, record_id, error);
  else
    manifest = build_manifest (session->store, case_id, error);
  if (manifest == NULL)
    return FALSE;
  data = g_bytes_get_data (manifest, &size);
  summarise (data, size, summary);
  message = manifest_message (session->store, case_id, case_key, data, size,
                              session->user_id, session->key_generation);
  sign (session, message, signature);

  stmt = wm_store_statement (session->store,
                             "INSERT OR REPLACE INTO case_manifests (case_id, manifest, signer, generation, "
                             "signature) VALUES (?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, case_id);
  sqlite3_bind_blob (stmt, 2, size > 0 ? data : (const guint8 *) "", size, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, session->user_id);
  sqlite3_bind_int64 (stmt, 4, session->key_generation);
  sqlite3_bind_blob (stmt, 5, signature, sizeof signature, SQLITE_STATIC);
  if (!wm_store_step_done (session->store, stmt, error))
    return FALSE;
  /* The case row's summary, and the caseload card bound to it, in the
   * same transaction. The writer vouched for the rest before writing,
   * and signed this. */
  return wm_card_store (session, case_id, case_key, summary, error)
         && store_macs (session, case_id, data, size, summary, error);
}

/* Record id to its entry's bytes, or %NULL when the manifest is not
 * well formed. */
static GHashTable *
index_manifest (GBytes *manifest)
{
  g_autoptr(GHashTable) entries = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                         (GDestroyNotify) g_bytes_unref);
  gsize size = 0;
  const guint8 *data = g_bytes_get_data (manifest, &size);
  const guint8 *cursor = data, *end = data + size;
  ManifestEntry entry;

  while (next_entry (&cursor, end, &entry))
    g_hash_table_insert (entries, g_memdup2 (&entry.record_id, sizeof entry.record_id),
                         g_bytes_new_from_bytes (manifest, entry.bytes - data, entry.size));
  if (cursor != end)
    return NULL;
  return g_steal_pointer (&entries);
}

/**
 * wm_signed_check_manifest:
 * @out_vouched: (out): %TRUE when this holder's MAC stands for every check
 *   (see wm_signed_remember_manifest()); %FALSE when only the manifest's
 *   signature was checked now, and the caller must check the versions and
 *   approvals it reads, then remember the manifest
 *
 * Compares the case's records with the manifest its last writer signed.
 *
 * Returns: (transfer full): the records that do not stand as it says,
 *   record id (gint64 *) to #WmManifestFault: changed (a head moved back, a
 *   version removed, a submission or approval undone, a ciphertext
 *   replaced), missing (deleted) or unlisted (added); empty when all stand.
 *   %NULL with %WM_STORE_ERROR_CORRUPT when the manifest itself is missing
 *   or not signed, so nothing in the case can be vouched for.
 */
GHashTable *
wm_signed_check_manifest (WmSession     *session,
                          gint64         case_id,
                          const guint8  *case_key,
                          gboolean      *out_vouched,
                          GError       **error)
{
  g_autoptr(GBytes) current = build_manifest (session->store, case_id, error);

  if (current == NULL)
    return NULL;
  return wm_signed_check_manifest_of (session, case_id, case_key, current, out_vouched, error);
}

/**
 * wm_signed_check_manifest_of:
 * @current: the case's records as the file holds them, in the manifest's
 *   form (wm_signed_manifest_append_entry()), made in the caller's
 *   transaction
 *
 * wm_signed_check_manifest() for a caller that read the records anyway.
 */
GHashTable *
wm_signed_check_manifest_of (WmSession     *session,
                             gint64         case_id,
                             const guint8  *case_key,
                             GBytes        *current,
                             gboolean      *out_vouched,
                             GError       **error)
{
  g_autoptr(WmStoredManifest) stored = wm_signed_load_manifest (session, case_id, NULL, error);

  if (stored == NULL)
    return NULL;
  return wm_signed_compare_manifest (session, case_id, case_key, stored, current, out_vouched, error);
}

struct _WmStoredManifest
{
  StoredManifest stored;
  gboolean       vouched;
};

void
wm_stored_manifest_free (WmStoredManifest *stored)
{
  stored_manifest_clear (&stored->stored);
  g_free (stored);
}

/**
 * wm_signed_load_manifest:
 * @out_vouched: (out) (optional): whether this holder's MAC vouches for
 *   the stored manifest, so that what it lists needs no signature checked
 *
 * The case's signed manifest as stored, for wm_signed_compare_manifest();
 * a reader learns from @out_vouched, before reading the records, whether
 * to check their signatures as it reads them.
 */
WmStoredManifest *
wm_signed_load_manifest (WmSession  *session,
                         gint64      case_id,
                         gboolean   *out_vouched,
                         GError    **error)
{
  g_autoptr(WmStoredManifest) stored = g_new0 (WmStoredManifest, 1);

  if (!load_stored_manifest (session, case_id, &stored->stored, error))
    return NULL;
  stored->vouched = mac_matches (session, "waymark-manifest-seen-v1", case_id, stored->stored.manifest,
                                 stored->stored.mac);
  if (out_vouched != NULL)
    *out_vouched = stored->vouched;
  return g_steal_pointer (&stored);
}

/**
 * wm_signed_compare_manifest:
 * @stored: from wm_signed_load_manifest() in the same transaction
 * @current: the case's records as the file holds them, in the manifest's
 *   form (wm_signed_manifest_begin())
 *
 * wm_signed_check_manifest() with the stored manifest already loaded and
 * the file's made by the caller.
 */
GHashTable *
wm_signed_compare_manifest (WmSession         *session,
                            gint64             case_id,
                            const guint8      *case_key,
                            WmStoredManifest  *loaded,
                            GBytes            *current,
                            gboolean          *out_vouched,
                            GError           **error)
{
  g_autoptr(GHashTable) listed = NULL;
  g_autoptr(GHashTable) found = NULL;
  GHashTable *faults;
  GHashTableIter iter;
  gpointer key, value;
  StoredManifest *stored = &loaded->stored;
  gboolean vouched = loaded->vouched, is_signed;

  is_signed = vouched || stored_manifest_is_signed (session, case_id, case_key, stored);
  if (!is_signed)
    {
      g_autofree char *reference = dup_reference (session, case_id);

      wm_signed_set_altered (error, reference);
      return NULL;
    }
  *out_vouched = vouched;

  faults = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  if (!g_bytes_equal (stored->manifest, current))
    {
      listed = index_manifest (stored->manifest);
      found = index_manifest (current);
      if (listed == NULL)
        listed = g_hash_table_new (g_int64_hash, g_int64_equal);
      g_hash_table_iter_init (&iter, found);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          GBytes *expected = g_hash_table_lookup (listed, key);

          if (expected == NULL || !g_bytes_equal (expected, value))
            g_hash_table_insert (faults, g_memdup2 (key, sizeof (gint64)),
                                 GINT_TO_POINTER (expected == NULL ? WM_MANIFEST_UNLISTED
                                                                   : WM_MANIFEST_CHANGED));
        }
      g_hash_table_iter_init (&iter, listed);
      while (g_hash_table_iter_next (&iter, &key, &value))
        if (!g_hash_table_contains (found, key))
          g_hash_table_insert (faults, g_memdup2 (key, sizeof (gint64)), GINT_TO_POINTER (WM_MANIFEST_MISSING));
      /* Equal entries in another order, or a manifest that is not well
       * formed: nothing to pin on one record, but not as signed either. */
      if (g_hash_table_size (faults) == 0)
        g_hash_table_insert (faults, g_memdup2 (&case_id, sizeof case_id), GINT_TO_POINTER (WM_MANIFEST_CHANGED));
    }
  return faults;
}

/**
 * wm_signed_check_manifest_whole:
 *
 * wm_signed_check_manifest() for a writer, who must not sign over anything
 * someone else changed: fails with %WM_STORE_ERROR_CORRUPT unless every
 * record stands as the manifest says.
 */
gboolean
wm_signed_check_manifest_whole (WmSession     *session,
                                gint64         case_id,
                                const guint8  *case_key,
                                gboolean      *out_vouched,
                                GError       **error)
{
  g_autoptr(GBytes) current = NULL;
  g_autoptr(GHashTable) faults = NULL;

  g_clear_pointer (&session->checked_manifest, g_bytes_unref);
  current = build_manifest (session->store, case_id, error);
  if (current == NULL)
    return FALSE;
  faults = wm_signed_check_manifest_of (session, case_id, case_key, current, out_vouched, error);
  if (faults == NULL)
    return FALSE;
  if (g_hash_table_size (faults) > 0)
    {
      g_autofree char *reference = dup_reference (session, case_id);

      wm_signed_set_altered (error, reference);
      return FALSE;
    }
  /* The file matches it, byte for byte: the write that follows in this
   * transaction updates it (update_manifest()) instead of building it
   * again. */
  session->checked_manifest = g_steal_pointer (&current);
  session->checked_case_id = case_id;
  session->checked_in = wm_store_get_transaction (session->store);
  return TRUE;
}

/**
 * wm_signed_check_summary:
 * @heads: (array fixed-size=2): the profile and latest assessment the
 *   caseload read, to check the versions' signatures with
 *
 * For the caseload's rows whose summary MAC did not match (a case's first
 * use, or a manifest someone else signed since): the manifest's signature,
 * that the summary is the manifest's, and the two versions' authors'
 * signatures. Then the summary's MAC is stored. The caller compares its
 * rows with the summary (wm_signed_summary_vouches()).
 */
gboolean
wm_signed_check_summary (WmSession     *session,
                         gint64         case_id,
                         const guint8  *case_key,
                         const guint8  *summary,
                         gsize          summary_size,
                         GError       **error)
{
  StoredManifest stored;
  guint8 derived[SUMMARY_SIZE], mac[32];
  gboolean ok;
  sqlite3_stmt *stmt;

  if (!load_stored_manifest (session, case_id, &stored, error))
    return FALSE;
  ok = summary_size_known (summary_size)
       && stored_manifest_is_signed (session, case_id, case_key, &stored)
       && summarise (g_bytes_get_data (stored.manifest, NULL), g_bytes_get_size (stored.manifest), derived)
       && sodium_memcmp (derived, summary, summary_size) == 0;
  stored_manifest_clear (&stored);

  /* The versions the summary names, as their authors signed them. */
  for (guint i = 0; ok && i < summary_size / SUMMARY_ENTRY_SIZE; i++)
    {
      const guint8 *entry = summary + i * SUMMARY_ENTRY_SIZE;
      gint64 record_id;
      guint32 version;
      int rc;

      record_id = (gint64) get_be (entry, 8);
      version = (guint32) get_be (entry + 8, 4);
      if (record_id == 0)
        continue;
      stmt = wm_store_statement (session->store,
                                 "SELECT r.kind, coalesce (r.amends_id, 0), v.immutable, v.author_id, "
                                 "       v.author_generation, NULL, v.signature "
                                 "FROM records r JOIN record_versions v ON v.record_id = r.id "
                                 "WHERE r.id = ? AND r.case_id = ? AND v.version = ?", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, record_id);
      sqlite3_bind_int64 (stmt, 2, case_id);
      sqlite3_bind_int64 (stmt, 3, version);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          WmRecordBinding binding = { wm_store_get_database_id (session->store), case_id, record_id,
                                      sqlite3_column_int (stmt, 0), version };

          /* Against the fingerprint the summary lists: a ciphertext that
           * differs from it is the caller's to report, for that record. */
          ok = binding.kind == summary_kinds[i]
               && check_version_print (session->store, &binding, sqlite3_column_int64 (stmt, 1),
                                       sqlite3_column_int (stmt, 2) != 0, sqlite3_column_int64 (stmt, 3),
                                       sqlite3_column_int64 (stmt, 4), entry + 12,
                                       sqlite3_column_blob (stmt, 6), sqlite3_column_bytes (stmt, 6));
        }
      else
        ok = FALSE;
      sqlite3_reset (stmt);
    }

  if (!ok)
    {
      g_autofree char *reference = dup_reference (session, case_id);

      wm_signed_set_altered (error, reference);
      return FALSE;
    }

  wm_signed_summary_mac (session, case_id, summary, summary_size, mac);
  stmt = wm_store_statement (session->store,
                             "UPDATE case_keys SET summary_mac = ? WHERE case_id = ? AND user_id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_blob (stmt, 1, mac, sizeof mac, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, case_id);
  sqlite3_bind_int64 (stmt, 3, session->user_id);
  return wm_store_step_done (session->store, stmt, error);
}

/**
 * wm_signed_summary_names:
 * @heads: (array length=n_heads): as for wm_signed_summary_vouches(); only
 *   their record ids and versions are compared
 *
 * For the caseload's card, which is read instead of the records: whether
 * the records the file now holds as the newest of each kind, and their
 * current versions, are the ones a whole summary names. A summary put back
 * from before a later write names older ones.
 *
 * Returns: a mask with bit i set when @heads[i] is as named
 */
guint
wm_signed_summary_names (const guint8         *summary,
                         gsize                 summary_size,
                         const WmManifestHead *heads,
                         guint                 n_heads)
{
  guint named = 0;

  if (summary == NULL || summary_size != SUMMARY_SIZE)
    return 0;
  for (guint i = 0; i < n_heads; i++)
    for (guint k = 0; k < SUMMARY_KINDS; k++)
      {
        guint8 expected[12];

        if (heads[i].kind != summary_kinds[k])
          continue;
        memset (expected, 0, sizeof expected);
        if (heads[i].record_id != 0)
          {
            wm_put_be64 (expected, heads[i].record_id);
            wm_put_be32 (expected + 8, heads[i].version);
          }
        if (memcmp (expected, summary + k * SUMMARY_ENTRY_SIZE, sizeof expected) == 0)
          named |= 1u << i;
      }
  return named;
}

/**
 * wm_signed_upgrade_summary:
 * @summary: the case row's summary, which the caller's checks vouched for
 * @out_summary: (out caller-allocates): %WM_SUMMARY_SIZE bytes
 *
 * The whole summary of a case, for a caseload card. A schema-3 summary
 * lacks the newest contact: its place is taken by the summary of the
 * case's manifest, when this holder's MAC vouches for that manifest (they
 * checked every signature in it) and it agrees with @summary; with this
 * holder's MAC of it. Part of the caller's transaction.
 *
 * Returns: %FALSE, without an error, when no whole summary can be had
 *   without checking signatures, or the case changed meanwhile
 */
gboolean
wm_signed_upgrade_summary (WmSession     *session,
                           gint64         case_id,
                           const guint8  *summary,
                           gsize          summary_size,
                           guint8        *out_summary,
                           GError       **error)
{
  StoredManifest stored;
  guint8 mac[32];
  sqlite3_stmt *stmt;
  gboolean ok;

  if (summary_size == SUMMARY_SIZE)
    {
      memcpy (out_summary, summary, SUMMARY_SIZE);
      return TRUE;
    }
  if (summary == NULL || !summary_size_known (summary_size))
    return FALSE;
  if (!load_stored_manifest (session, case_id, &stored, error))
    return FALSE;
  ok = mac_matches (session, "waymark-manifest-seen-v1", case_id, stored.manifest, stored.mac)
       && summarise (g_bytes_get_data (stored.manifest, NULL), g_bytes_get_size (stored.manifest), out_summary)
       && sodium_memcmp (out_summary, summary, summary_size) == 0;
  stored_manifest_clear (&stored);
  if (!ok)
    return FALSE;

  stmt = wm_store_statement (session->store, "UPDATE cases SET manifest_summary = ? WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_blob (stmt, 1, out_summary, SUMMARY_SIZE, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, case_id);
  if (!wm_store_step_done (session->store, stmt, error))
    return FALSE;
  wm_signed_summary_mac (session, case_id, out_summary, SUMMARY_SIZE, mac);
  stmt = wm_store_statement (session->store,
                             "UPDATE case_keys SET summary_mac = ? WHERE case_id = ? AND user_id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_blob (stmt, 1, mac, sizeof mac, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, case_id);
  sqlite3_bind_int64 (stmt, 3, session->user_id);
  return wm_store_step_done (session->store, stmt, error);
}

/**
 * wm_signed_summary_vouches:
 * @heads: (array length=n_heads): for each, a kind and the newest record of
 *   that kind the caller read (record_id 0: it read none)
 *
 * For each of @heads, whether the summary lists that same record as the
 * newest of its kind, at that version and with that ciphertext. No
 * parsing: the caseload's workers call it for every case.
 *
 * Returns: a mask with bit i set when @heads[i] stands as listed
 */
guint
wm_signed_summary_vouches (const guint8         *summary,
                           gsize                 summary_size,
                           const WmManifestHead *heads,
                           guint                 n_heads)
{
  guint vouched = 0;

  if (summary == NULL || !summary_size_known (summary_size))
    return 0;
  for (guint i = 0; i < n_heads; i++)
    for (guint k = 0; k < summary_size / SUMMARY_ENTRY_SIZE; k++)
      {
        const guint8 *entry = summary + k * SUMMARY_ENTRY_SIZE;
        guint8 expected[SUMMARY_ENTRY_SIZE];

        if (heads[i].kind != summary_kinds[k])
          continue;
        memset (expected, 0, sizeof expected);
        if (heads[i].record_id != 0)
          {
            wm_put_be64 (expected, heads[i].record_id);
            wm_put_be32 (expected + 8, heads[i].version);
            fingerprint (heads[i].sealed, heads[i].sealed_size, expected + 12);
          }
        if (sodium_memcmp (expected, entry, sizeof expected) == 0)
          vouched |= 1u << i;
      }
  return vouched;
}
