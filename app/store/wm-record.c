/* wm-record.c — sealing and opening one version of one record
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A record version is sealed with XChaCha20-Poly1305-IETF under its case
 * key, with a random 24-byte nonce (random nonces are safe at this size) and
 * associated data that names the database, case, record, kind and version:
 * a ciphertext moved anywhere else fails to authenticate. The plaintext is a
 * serialised GVariant of type "v", so it carries its own type string, which
 * is checked, with normal form, before anything reads it.
 */

#define G_LOG_DOMAIN "wm-record"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <sodium.h>

#include "wm-record.h"
#include "wm-secret.h"
#include "wm-store-private.h"

#define NONCE_SIZE crypto_aead_xchacha20poly1305_ietf_NPUBBYTES
#define TAG_SIZE crypto_aead_xchacha20poly1305_ietf_ABYTES
#define ENVELOPE_TYPE "(xa{sv})"

static const char *const kind_names[] = {
  NULL, "profile", "contact", "assessment", "plan", "referral", "closure",
};

G_STATIC_ASSERT (G_N_ELEMENTS (kind_names) == WM_RECORD_KIND_LAST + 1);

const char *
wm_record_kind_to_string (WmRecordKind kind)
{
  if (kind < WM_RECORD_PROFILE || kind > WM_RECORD_KIND_LAST)
    return "unknown";
  return kind_names[kind];
}

/* The kind as people know it, translated, for messages and for what the
 * CLI prints for people; wm_record_kind_to_string() gives the stable id
 * for what is stored or read by programs (the audit log, JSON). */
const char *
wm_record_kind_get_label (WmRecordKind kind)
{
  switch (kind)
    {
    case WM_RECORD_PROFILE:
      return _("Profile");
    case WM_RECORD_CONTACT:
      return _("Contact");
    case WM_RECORD_ASSESSMENT:
      return _("Assessment");
    case WM_RECORD_PLAN:
      return _("Plan");
    case WM_RECORD_REFERRAL:
      return _("Referral");
    case WM_RECORD_CLOSURE:
      return _("Closure");
    default:
      return _("Unknown kind of record");
    }
}

gboolean
wm_record_kind_from_string (const char   *text,
                            WmRecordKind *out_kind)
{
  for (int kind = WM_RECORD_PROFILE; kind <= WM_RECORD_KIND_LAST; kind++)
    {
      if (g_strcmp0 (text, kind_names[kind]) == 0)
        {
          *out_kind = kind;
          return TRUE;
        }
    }
  return FALSE;
}

/**
 * wm_record_copy:
 *
 * Returns: (transfer full): a copy of @record that outlives the array it
 *   came from
 */
WmRecord *
wm_record_copy (const WmRecord *record)
{
  WmRecord *copy;

  g_return_val_if_fail (record != NULL, NULL);

  copy = g_new (WmRecord, 1);
  *copy = *record;
  if (record->payload != NULL)
    copy->payload = g_variant_ref (record->payload);
  if (record->error != NULL)
    copy->error = g_error_copy (record->error);
  return copy;
}

void
wm_record_free (WmRecord *record)
{
  if (record == NULL)
    return;

  g_clear_pointer (&record->payload, g_variant_unref);
  g_clear_error (&record->error);
  g_free (record);
}

#define AD_SIZE (16 + WM_DATABASE_ID_SIZE + 8 + 8 + 4 + 4)

static void
build_associated_data (const WmRecordBinding *binding,
                       guint8                *ad)
{
  static const char domain[16] = "waymark-record1";

  memcpy (ad, domain, 16);
  memcpy (ad + 16, binding->database_id, WM_DATABASE_ID_SIZE);
  wm_put_be64 (ad + 16 + WM_DATABASE_ID_SIZE, binding->case_id);
  wm_put_be64 (ad + 24 + WM_DATABASE_ID_SIZE, binding->record_id);
  wm_put_be32 (ad + 32 + WM_DATABASE_ID_SIZE, binding->kind);
  wm_put_be32 (ad + 36 + WM_DATABASE_ID_SIZE, binding->version);
}

GBytes *
wm_record_seal_serialised (const guint8          *case_key,
                           const WmRecordBinding *binding,
                           GBytes                *serialised)
{
  guint8 ad[AD_SIZE];
  gsize plain_size;
  const guint8 *plain = g_bytes_get_data (serialised, &plain_size);

  build_associated_data (binding, ad);
  return wm_aead_seal (case_key, ad, sizeof ad, plain, plain_size);
}

/* Decrypted plaintext lives in a block that remembers its own size, so
 * that one GBytes can wipe it when the last GVariant using it goes. */
typedef struct
{
  gsize  size;
  gsize  padding;  /* keeps the data 16-byte aligned for GVariant */
  guint8 data[];
} PlainBlock;

static void
wipe_and_free (gpointer data)
{
  PlainBlock *block = data;

  sodium_memzero (block->data, block->size);
  g_free (block);
}

/**
 * wm_aead_seal:
 *
 * XChaCha20-Poly1305 of @plain under @key, bound to @ad: what records and
 * caseload cards are sealed with.
 *
 * Returns: (transfer full): nonce ‖ ciphertext ‖ tag
 */
GBytes *
wm_aead_seal (const guint8 *key,
              const guint8 *ad,
              gsize         ad_size,
              const guint8 *plain,
              gsize         plain_size)
{
  guint8 *sealed = g_malloc (NONCE_SIZE + plain_size + TAG_SIZE);
  unsigned long long sealed_size = 0;

  randombytes_buf (sealed, NONCE_SIZE);
  crypto_aead_xchacha20poly1305_ietf_encrypt (sealed + NONCE_SIZE, &sealed_size, plain, plain_size,
                                              ad, ad_size, NULL, sealed, key);
  return g_bytes_new_take (sealed, NONCE_SIZE + sealed_size);
}

/**
 * wm_aead_open:
 *
 * Opens what wm_aead_seal() made with the same @key and @ad.
 *
 * Returns: (transfer full) (nullable): the plaintext, in memory wiped when
 *   the last reference to it (or to any GVariant made from it) goes; %NULL
 *   when @sealed is too short or does not open
 */
GBytes *
wm_aead_open (const guint8 *key,
              const guint8 *ad,
              gsize         ad_size,
              const guint8 *sealed,
              gsize         sealed_size)
{
  unsigned long long plain_size = 0;
  PlainBlock *block;

  if (sealed == NULL || sealed_size < NONCE_SIZE + TAG_SIZE)
    return NULL;
  block = g_malloc (sizeof (PlainBlock) + MAX (1, sealed_size - NONCE_SIZE - TAG_SIZE));
  if (crypto_aead_xchacha20poly1305_ietf_decrypt (block->data, &plain_size, NULL,
                                                  sealed + NONCE_SIZE, sealed_size - NONCE_SIZE,
                                                  ad, ad_size, sealed, key) != 0)
    {
      g_free (block);
      return NULL;
    }
  block->size = plain_size;
  return g_bytes_new_with_free_func (block->data, plain_size, wipe_and_free, block);
}

GBytes *
wm_record_seal (const guint8          *case_key,
                const WmRecordBinding *binding,
                gint64                 written_usec,
                GVariant              *payload,
                GError               **error)
{
  g_autoptr(GVariant) tree = NULL;
  g_autoptr(GVariant) envelope = NULL;
  g_autoptr(GBytes) serialised = NULL;
  GBytes *sealed;
  gpointer plain;
  gsize size;

  g_return_val_if_fail (case_key != NULL, NULL);
  g_return_val_if_fail (binding != NULL, NULL);
  g_return_val_if_fail (payload != NULL, NULL);

  if (!g_variant_is_of_type (payload, WM_RECORD_PAYLOAD_TYPE))
    {
      g_set_error (error, WM_STORE_ERROR, WM_STORE_ERROR_INVALID,
                   /* Translators: the first %s is a kind of record, such as “Contact”. */
                   _("A record of the kind “%s” must be a dictionary (a{sv}), not “%s”. Nothing was saved."),
                   wm_record_kind_get_label (binding->kind), g_variant_get_type_string (payload));
      return NULL;
    }

  /* The caller's payload may be in any form (say, deserialised from bytes
   * that were never checked); what is sealed is always the normal form. */
  tree = g_variant_ref_sink (g_variant_new_variant (g_variant_new ("(x@a{sv})", written_usec, payload)));
  envelope = g_variant_get_normal_form (tree);
  serialised = g_variant_get_data_as_bytes (envelope);
  sealed = wm_record_seal_serialised (case_key, binding, serialised);

  /* The serialised plaintext is the envelope's own buffer, about to be
   * freed: wipe it first. */
  plain = (gpointer) g_bytes_get_data (serialised, &size);
  if (size > 0)
    sodium_memzero (plain, size);
  return sealed;
}

/* What a record's plaintext ends with: a serialised "v" is its child's
 * bytes, a zero byte and the child's type string (the GVariant
 * specification, "Variants"). */
static const char envelope_trailer[] = "\0" ENVELOPE_TYPE;
#define ENVELOPE_TRAILER_SIZE (sizeof envelope_trailer - 1)
/* In a "(xa{sv})" the int64 fills bytes 0-7 and the dictionary, the last
 * member, takes the rest with no framing offset after it; 8 is already a
 * multiple of the dictionary's alignment, so no padding comes between. */
#define ENVELOPE_PAYLOAD_OFFSET 8
/* The envelope's tuple, wrapped in a one-member tuple: a tuple whose only
 * member is its last adds no framing offset and no padding, so its bytes
 * are the tuple's own (the GVariant specification, "Structures"). */
#define WRAPPED_ENVELOPE_TYPE "(" ENVELOPE_TYPE ")"

/* The common case, for every record of a caseload: a plaintext that is an
 * envelope of the right type. Its bytes without the variant's trailer are
 * the tuple's, and are read as a "((xa{sv}))": GLib limits how deeply a
 * value may nest (G_VARIANT_MAX_RECURSION_DEPTH) counting from the value it
 * checks, and this puts the dictionary two levels down, where it is in the
 * whole envelope (the variant, then the tuple), so a payload is refused
 * here exactly when the general path refuses it. Checking the dictionary
 * alone would let it nest two levels deeper than the envelope may. This
 * saves, per record, the general path's parsing of the type string inside
 * the variant and its type lookup. Returns %NULL for anything else, which
 * open_any_envelope() then explains. */
static GVariant *
open_expected_envelope (GBytes *plain,
                        gint64 *out_written_usec)
{
  gsize size = g_bytes_get_size (plain);
  const guint8 *data = g_bytes_get_data (plain, NULL);
  g_autoptr(GBytes) slice = NULL;
  g_autoptr(GVariant) wrapped = NULL;
  g_autoptr(GVariant) envelope = NULL;
  g_autoptr(GVariant) payload = NULL;

  if (size < ENVELOPE_PAYLOAD_OFFSET + ENVELOPE_TRAILER_SIZE
      || memcmp (data + size - ENVELOPE_TRAILER_SIZE, envelope_trailer, ENVELOPE_TRAILER_SIZE) != 0)
    return NULL;

  slice = g_bytes_new_from_bytes (plain, 0, size - ENVELOPE_TRAILER_SIZE);
  wrapped = g_variant_ref_sink (g_variant_new_from_bytes (G_VARIANT_TYPE (WRAPPED_ENVELOPE_TYPE), slice, FALSE));
  if (!g_variant_is_normal_form (wrapped))
    return NULL;
  /* Children of a value in normal form are trusted, and are not checked
   * again by whoever reads them. */
  envelope = g_variant_get_child_value (wrapped, 0);
  payload = g_variant_get_child_value (envelope, 1);
  if (out_written_usec != NULL)
    {
      /* GVariant stores integers in the machine's byte order. */
      memcpy (out_written_usec, data, sizeof *out_written_usec);
    }
  return g_steal_pointer (&payload);
}

/* Any plaintext, through GLib's own unpacking: the envelope's type and
 * normal form are checked as a whole, and what is wrong is said. */
static GVariant *
open_any_envelope (GBytes                *plain,
                   const WmRecordBinding *binding,
                   gint64                *out_written_usec,
                   GError               **error)
{
  g_autoptr(GVariant) outer = NULL;
  g_autoptr(GVariant) envelope = NULL;

  outer = g_variant_ref_sink (g_variant_new_from_bytes (G_VARIANT_TYPE_VARIANT, plain, FALSE));
  if (!g_variant_is_normal_form (outer))
    {
      g_set_error (error, WM_STORE_ERROR, WM_STORE_ERROR_INVALID,
                   _("Record %lld (version %u) is not in the expected form. "
                     "It may have been written by a faulty program; restore it from a backup."),
                   (long long) binding->record_id, binding->version);
      return NULL;
    }
  envelope = g_variant_get_variant (outer);
  if (!g_variant_is_of_type (envelope, G_VARIANT_TYPE (ENVELOPE_TYPE)))
    {
      g_set_error (error, WM_STORE_ERROR, WM_STORE_ERROR_INVALID,
                   _("Record %lld (version %u) holds data of the wrong type (%s). "
                     "It may have been written by a faulty program; restore it from a backup."),
                   (long long) binding->record_id, binding->version, g_variant_get_type_string (envelope));
      return NULL;
    }
  if (out_written_usec != NULL)
    {
      g_autoptr(GVariant) written = g_variant_get_child_value (envelope, 0);

      *out_written_usec = g_variant_get_int64 (written);
    }
  return g_variant_get_child_value (envelope, 1);
}

/**
 * wm_record_open:
 *
 * Authenticates and decrypts one sealed version. Returns the payload (a{sv})
 * or %NULL with %WM_STORE_ERROR_CORRUPT when the ciphertext was altered or
 * does not belong to @binding, %WM_STORE_ERROR_INVALID when it opens but
 * holds the wrong type or is not in normal form.
 */
GVariant *
wm_record_open (const guint8          *case_key,
                const WmRecordBinding *binding,
                const guint8          *sealed,
                gsize                  sealed_size,
                gint64                *out_written_usec,
                GError               **error)
{
  g_autoptr(GBytes) wiping = NULL;
  GVariant *payload;
  guint8 ad[AD_SIZE];

  g_return_val_if_fail (case_key != NULL, NULL);
  g_return_val_if_fail (binding != NULL, NULL);

  if (sealed == NULL || sealed_size < NONCE_SIZE + TAG_SIZE)
    {
      g_set_error (error, WM_STORE_ERROR, WM_STORE_ERROR_CORRUPT,
                   _("Record %lld (version %u) is cut short. Restore it from a backup."),
                   (long long) binding->record_id, binding->version);
      return NULL;
    }

  build_associated_data (binding, ad);
  /* The payload handed out shares the plaintext's buffer; it is wiped
   * when the last reference to any part of it goes. */
  wiping = wm_aead_open (case_key, ad, sizeof ad, sealed, sealed_size);
  if (wiping == NULL)
    {
      g_set_error (error, WM_STORE_ERROR, WM_STORE_ERROR_CORRUPT,
                   _("Record %lld (version %u) does not open: it was altered, damaged or "
                     "moved. Restore it from a backup."),
                   (long long) binding->record_id, binding->version);
      return NULL;
    }

  payload = open_expected_envelope (wiping, out_written_usec);
  if (payload != NULL)
    return payload;
  return open_any_envelope (wiping, binding, out_written_usec, error);
}
