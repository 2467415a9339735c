/* wm-card.c — the caseload card: sealed, bound to the signed state, kept current
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A card (wm-card-format.c) is what one caseload row shows, sealed with
 * XChaCha20-Poly1305 under the case key in cases.card. Its associated data
 * binds the database id, the case id and the case's whole manifest
 * summary: the newest profile, assessment and contact the signed manifest
 * lists, each with its version and the fingerprint of its ciphertext. A
 * card therefore opens only beside the summary it was made for: one moved
 * from another case, or put back from before a later write (whose summary
 * names other versions), does not open, and the caseload reads that case
 * the slow way, from its records, and writes a new card.
 *
 * Every write that signs a new manifest stores the card for the new
 * summary in the same transaction (wm_card_store(), from
 * wm_signed_write_manifest()). A write that changes no summarised record
 * (a plan, an approval, a submission) changes neither. Slots whose entry
 * did not change are taken from the old card; the record just written is
 * taken from the writer's plaintext (wm_card_set_hint()); only other
 * changed slots are decrypted.
 */

#define G_LOG_DOMAIN "wm-card"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <sodium.h>

#include "wm-card.h"
#include "wm-signed.h"

#define AD_SIZE (16 + WM_DATABASE_ID_SIZE + 8 + WM_SUMMARY_SIZE)

static const WmRecordKind slot_kinds[WM_SUMMARY_SLOTS] = {
  WM_RECORD_PROFILE, WM_RECORD_ASSESSMENT, WM_RECORD_CONTACT,
};

static void
build_associated_data (const guint8 *database_id,
                       gint64        case_id,
                       const guint8 *summary,
                       guint8       *ad)
{
  static const char domain[16] = "waymark-card-v1";

  memcpy (ad, domain, 16);
  memcpy (ad + 16, database_id, WM_DATABASE_ID_SIZE);
  wm_put_be64 (ad + 16 + WM_DATABASE_ID_SIZE, case_id);
  memcpy (ad + 24 + WM_DATABASE_ID_SIZE, summary, WM_SUMMARY_SIZE);
}

/**
 * wm_card_seal:
 * @summary: the whole summary (%WM_SUMMARY_SIZE bytes) the card is for
 * @card: a card in normal form (wm_card_build())
 *
 * Returns: (transfer full): nonce ‖ ciphertext
 */
GBytes *
wm_card_seal (const guint8 *case_key,
              const guint8 *database_id,
              gint64        case_id,
              const guint8 *summary,
              GVariant     *card)
{
  guint8 ad[AD_SIZE];

  build_associated_data (database_id, case_id, summary, ad);
  return wm_aead_seal (case_key, ad, sizeof ad, g_variant_get_data (card), g_variant_get_size (card));
}

/**
 * wm_card_open:
 * @summary: (nullable): the case row's summary, as the caller checked it
 *
 * Safe on any thread: it reads nothing but its arguments.
 *
 * Returns: (transfer full) (nullable): the card, whose memory is wiped
 *   when the last reference to any part of it goes; %NULL when there is
 *   no card, it does not open with this summary, or is not a card
 */
GVariant *
wm_card_open (const guint8 *case_key,
              const guint8 *database_id,
              gint64        case_id,
              const guint8 *summary,
              gsize         summary_size,
              const guint8 *sealed,
              gsize         sealed_size)
{
  g_autoptr(GBytes) wiping = NULL;
  guint8 ad[AD_SIZE];

  if (summary == NULL || summary_size != WM_SUMMARY_SIZE)
    return NULL;
  build_associated_data (database_id, case_id, summary, ad);
  wiping = wm_aead_open (case_key, ad, sizeof ad, sealed, sealed_size);
  if (wiping == NULL)
    return NULL;
  return wm_card_from_bytes (wiping);
}

/**
 * wm_card_set_hint:
 *
 * Keeps the payload of the version a write is sealing, so that the card
 * stored at the end of the write takes it as it is. Only the last one is
 * kept; wm_card_store() and locking drop it.
 */
void
wm_card_set_hint (WmSession *session,
                  gint64     record_id,
                  guint      version,
                  GVariant  *payload)
{
  wm_card_clear_hint (session);
  session->card_hint.record_id = record_id;
  session->card_hint.version = version;
  session->card_hint.payload = g_variant_ref (payload);
}

void
wm_card_clear_hint (WmSession *session)
{
  g_clear_pointer (&session->card_hint.payload, g_variant_unref);
  session->card_hint.record_id = 0;
  session->card_hint.version = 0;
}

/* The record a whole summary names in @slot, opened and checked against
 * the fingerprint the summary lists; *@out NULL when it names none. */
static gboolean
load_slot (WmSession         *session,
           gint64             case_id,
           const guint8      *case_key,
           const guint8      *summary,
           guint              slot,
           const WmCardHint  *hints,
           guint              n_hints,
           GVariant         **out,
           GError           **error)
{
  WmRecordBinding binding = { wm_store_get_database_id (session->store), case_id, 0, slot_kinds[slot], 0 };
  g_autoptr(GBytes) sealed = NULL;
  sqlite3_stmt *stmt;
  int rc;

  *out = NULL;
  wm_signed_summary_slot (summary, slot, &binding.record_id, &binding.version);
  if (binding.record_id == 0)
    return TRUE;
  for (guint i = 0; i < n_hints; i++)
    if (hints[i].payload != NULL && hints[i].record_id == binding.record_id
        && hints[i].version == binding.version)
      {
        *out = g_variant_ref (hints[i].payload);
        return TRUE;
      }

  stmt = wm_store_statement (session->store,
                             "SELECT v.sealed FROM records r JOIN record_versions v ON v.record_id = r.id "
                             "WHERE r.id = ? AND r.case_id = ? AND r.kind = ? AND v.version = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, binding.record_id);
  sqlite3_bind_int64 (stmt, 2, case_id);
  sqlite3_bind_int (stmt, 3, binding.kind);
  sqlite3_bind_int64 (stmt, 4, binding.version);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    sealed = g_bytes_new (sqlite3_column_blob (stmt, 0), sqlite3_column_bytes (stmt, 0));
  sqlite3_reset (stmt);
  if (sealed == NULL
      || !wm_signed_summary_print_matches (summary, slot, g_bytes_get_data (sealed, NULL),
                                           g_bytes_get_size (sealed)))
    {
      g_set_error (error, WM_STORE_ERROR, WM_STORE_ERROR_CORRUPT,
                   _("Record %lld (version %u) does not open: it was altered, damaged or "
                     "moved. Restore it from a backup."),
                   (long long) binding.record_id, binding.version);
      return FALSE;
    }
  *out = wm_record_open (case_key, &binding, g_bytes_get_data (sealed, NULL), g_bytes_get_size (sealed), NULL,
                         error);
  return *out != NULL;
}

/* A card for @summary: each slot from @old (the card of @old_summary) when
 * its entry is unchanged, else from the records. */
static GVariant *
make_card (WmSession         *session,
           gint64             case_id,
           const guint8      *case_key,
           const guint8      *summary,
           GVariant          *old,
           const guint8      *old_summary,
           const WmCardHint  *hints,
           guint              n_hints,
           GError           **error)
{
  GVariant *parts[WM_SUMMARY_SLOTS] = { NULL, NULL, NULL };
  GVariant *card = NULL;
  g_autoptr(GVariant) old_profile = NULL;
  g_autoptr(GVariant) old_assessment = NULL;
  g_autofree char *old_contact = NULL;
  g_autofree char *contact = NULL;

  if (old != NULL)
    wm_card_unpack (old, &old_profile, &old_assessment, &old_contact);
  for (guint slot = 0; slot < WM_SUMMARY_SLOTS; slot++)
    {
      gsize at = (gsize) slot * WM_SUMMARY_ENTRY_SIZE;

      if (old != NULL && memcmp (old_summary + at, summary + at, WM_SUMMARY_ENTRY_SIZE) == 0)
        {
          if (slot == 0)
            parts[0] = g_variant_ref (old_profile);
          else if (slot == 1 && old_assessment != NULL)
            parts[1] = g_variant_ref (old_assessment);
          else if (slot == 2 && old_contact != NULL)
            contact = g_strdup (old_contact);
          continue;
        }
      if (!load_slot (session, case_id, case_key, summary, slot, hints, n_hints, &parts[slot], error))
        goto out;
      if (slot == 2)
        contact = wm_card_contact_date (parts[2]);
    }
  card = wm_card_build (parts[0], parts[1], contact);

out:
  for (guint slot = 0; slot < WM_SUMMARY_SLOTS; slot++)
    g_clear_pointer (&parts[slot], g_variant_unref);
  return card;
}

/* A blob too big to bind leaves the parameter NULL: no card, which the
 * caseload reads the slow way. */
static void
bind_sealed_card (WmSession     *session,
                  sqlite3_stmt  *stmt,
                  int            column,
                  gint64         case_id,
                  const guint8  *case_key,
                  const guint8  *summary,
                  GVariant      *card)
{
  g_autoptr(GBytes) sealed = NULL;

  if (card == NULL)
    {
      sqlite3_bind_null (stmt, column);
      return;
    }
  sealed = wm_card_seal (case_key, wm_store_get_database_id (session->store), case_id, summary, card);
  /* The card's plaintext is about to be freed: wipe it first. */
  sodium_memzero ((gpointer) g_variant_get_data (card), g_variant_get_size (card));
  sqlite3_bind_blob (stmt, column, g_bytes_get_data (sealed, NULL), (int) g_bytes_get_size (sealed),
                     SQLITE_TRANSIENT);
}

/**
 * wm_card_store:
 * @summary: the whole summary of the manifest just signed
 *
 * Writes the case row's summary and the card bound to it; part of the
 * caller's transaction, at the end of every write (after the manifest).
 * A record that cannot be put on a card (one of the wrong form, which the
 * caseload reports) leaves the case without one rather than failing the
 * write.
 */
gboolean
wm_card_store (WmSession     *session,
               gint64         case_id,
               const guint8  *case_key,
               const guint8  *summary,
               GError       **error)
{
  g_autoptr(GBytes) old_summary = NULL;
  g_autoptr(GBytes) old_sealed = NULL;
  g_autoptr(GVariant) old = NULL;
  g_autoptr(GVariant) card = NULL;
  g_autoptr(GError) card_error = NULL;
  WmCardHint hint = session->card_hint;
  sqlite3_stmt *stmt;
  int rc;

  stmt = wm_store_statement (session->store, "SELECT manifest_summary, card FROM cases WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, case_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      if (sqlite3_column_type (stmt, 0) != SQLITE_NULL)
        old_summary = g_bytes_new (sqlite3_column_blob (stmt, 0), sqlite3_column_bytes (stmt, 0));
      if (sqlite3_column_type (stmt, 1) != SQLITE_NULL)
        old_sealed = g_bytes_new (sqlite3_column_blob (stmt, 1), sqlite3_column_bytes (stmt, 1));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    {
      wm_store_set_sqlite_error (session->store, rc, error);
      return FALSE;
    }

  if (old_summary != NULL && old_sealed != NULL)
    old = wm_card_open (case_key, wm_store_get_database_id (session->store), case_id,
                        g_bytes_get_data (old_summary, NULL), g_bytes_get_size (old_summary),
                        g_bytes_get_data (old_sealed, NULL), g_bytes_get_size (old_sealed));
  /* A write that changed nothing the summary names (a plan, an approval,
   * a submission): the row stays as it is. */
  if (old != NULL && memcmp (g_bytes_get_data (old_summary, NULL), summary, WM_SUMMARY_SIZE) == 0)
    {
      wm_card_clear_hint (session);
      return TRUE;
    }

  card = make_card (session, case_id, case_key, summary, old,
                    old != NULL ? g_bytes_get_data (old_summary, NULL) : NULL, &hint, 1, &card_error);
  wm_card_clear_hint (session);
  if (card == NULL)
    g_debug ("Case %" G_GINT64_FORMAT " gets no caseload card: %s", case_id, card_error->message);

  stmt = wm_store_statement (session->store, "UPDATE cases SET manifest_summary = ?, card = ? WHERE id = ?",
                             error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_blob (stmt, 1, summary, WM_SUMMARY_SIZE, SQLITE_STATIC);
  bind_sealed_card (session, stmt, 2, case_id, case_key, summary, card);
  sqlite3_bind_int64 (stmt, 3, case_id);
  return wm_store_step_done (session->store, stmt, error);
}

/**
 * wm_card_refresh:
 * @summary: the case row's whole summary, which the caller checked
 * @hints: (array length=n_hints): records the caller opened and checked
 *   against @summary
 * @out_last_contact_on: (out) (transfer full) (nullable): the new card's
 *   date of the newest contact
 *
 * For the caseload: a new card for a case that had none (written before
 * schema 4) or whose card did not open, from its records. Stored only if
 * the case row still has @summary; part of the caller's transaction.
 */
gboolean
wm_card_refresh (WmSession         *session,
                 gint64             case_id,
                 const guint8      *case_key,
                 const guint8      *summary,
                 const WmCardHint  *hints,
                 guint              n_hints,
                 char             **out_last_contact_on,
                 GError           **error)
{
  g_autoptr(GVariant) card = NULL;
  g_autoptr(GVariant) profile = NULL;
  g_autoptr(GVariant) assessment = NULL;
  sqlite3_stmt *stmt;

  card = make_card (session, case_id, case_key, summary, NULL, NULL, hints, n_hints, error);
  if (card == NULL)
    return FALSE;
  wm_card_unpack (card, &profile, &assessment, out_last_contact_on);
  stmt = wm_store_statement (session->store, "UPDATE cases SET card = ? WHERE id = ? AND manifest_summary = ?",
                             error);
  if (stmt == NULL)
    return FALSE;
  g_clear_pointer (&profile, g_variant_unref);
  g_clear_pointer (&assessment, g_variant_unref);
  bind_sealed_card (session, stmt, 1, case_id, case_key, summary, card);
  sqlite3_bind_int64 (stmt, 2, case_id);
  sqlite3_bind_blob (stmt, 3, summary, WM_SUMMARY_SIZE, SQLITE_STATIC);
  return wm_store_step_done (session->store, stmt, error);
}
