/* test-payload.c — the sealed envelope: binding, wrong types, normal form
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The file is untrusted input. Whatever bytes a record holds, opening it
 * either gives back exactly what was sealed, in the type the rest of Waymark
 * expects and in normal form, or fails with an error a caller can act on:
 * CORRUPT when the bytes do not authenticate, INVALID when they authenticate
 * but are not a record payload.
 */

#define G_LOG_DOMAIN "wm-test-payload"

#include "config.h"

#include <string.h>

#include <sodium.h>

#include "wm-store-test-util.h"

#define NONCE_SIZE 24
#define TAG_SIZE   16

typedef struct
{
  guint8          key[WM_KEY_SIZE];
  guint8          database_id[WM_DATABASE_ID_SIZE];
  WmRecordBinding binding;
} Envelope;

static void
envelope_setup (Envelope      *e,
                gconstpointer  data)
{
  randombytes_buf (e->key, sizeof e->key);
  randombytes_buf (e->database_id, sizeof e->database_id);
  e->binding.database_id = e->database_id;
  e->binding.case_id = 7;
  e->binding.record_id = 42;
  e->binding.kind = WM_RECORD_ASSESSMENT;
  e->binding.version = 3;
}

static void
envelope_teardown (Envelope      *e,
                   gconstpointer  data)
{
  sodium_memzero (e->key, sizeof e->key);
}

static GVariant *
sample_payload (void)
{
  return wmt_payload ("{'answers': <{'ace.household-prison': <'known'>,"
                      "              'ace.count': <int32 4>}>,"
                      " 'note': <'Rhodri says the bus to Ludlow is the hard part'>,"
                      " 'score': <3.5>, 'flags': <['exploitation', 'missing']>}");
}

static GBytes *
seal_ok (Envelope *e,
         GVariant *payload,
         gint64    written)
{
  g_autoptr(GError) error = NULL;
  GBytes *sealed;

  sealed = wm_record_seal (e->key, &e->binding, written, payload, &error);
  g_assert_no_error (error);
  g_assert_nonnull (sealed);
  return sealed;
}

/* Opens and expects failure with the given code; returns nothing. */
static void
assert_open_fails (Envelope              *e,
                   const guint8          *key,
                   const WmRecordBinding *binding,
                   const guint8          *sealed,
                   gsize                  size,
                   WmStoreError           code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) payload = NULL;
  gint64 written = -1;

  payload = wm_record_open (key, binding, sealed, size, &written, &error);
  g_assert_error (error, WM_STORE_ERROR, code);
  g_assert_null (payload);
  g_assert_cmpstr (error->message, !=, "");
}

static void
test_round_trip (Envelope      *e,
                 gconstpointer  data)
{
  g_autoptr(GVariant) payload = sample_payload ();
  g_autoptr(GVariant) opened = NULL;
  g_autoptr(GBytes) sealed = NULL;
  g_autoptr(GBytes) sealed_again = NULL;
  g_autoptr(GError) error = NULL;
  const char *note = "Rhodri says the bus";
  const guint8 *bytes;
  gsize size;
  gint64 written = 0;

  sealed = seal_ok (e, payload, 1767225600000000);
  bytes = g_bytes_get_data (sealed, &size);
  g_assert_cmpuint (size, >, NONCE_SIZE + TAG_SIZE);
  g_assert_false (wmt_bytes_contain (sealed, note, strlen (note)));

  opened = wm_record_open (e->key, &e->binding, bytes, size, &written, &error);
  g_assert_no_error (error);
  wmt_assert_payload (opened, payload);
  g_assert_true (g_variant_is_normal_form (opened));
  g_assert_cmpint (written, ==, 1767225600000000);

  /* A fresh random nonce each time: the same payload never seals alike. */
  sealed_again = seal_ok (e, payload, 1767225600000000);
  g_assert_cmpuint (g_bytes_get_size (sealed_again), ==, size);
  g_assert_true (memcmp (g_bytes_get_data (sealed_again, NULL), bytes, NONCE_SIZE) != 0);
}

static void
test_binding (Envelope      *e,
              gconstpointer  data)
{
  g_autoptr(GVariant) payload = sample_payload ();
  g_autoptr(GBytes) sealed = seal_ok (e, payload, 1);
  guint8 other_id[WM_DATABASE_ID_SIZE];
  guint8 other_key[WM_KEY_SIZE];
  WmRecordBinding b;
  const guint8 *bytes;
  gsize size;

  bytes = g_bytes_get_data (sealed, &size);

  /* Moved to another database, case, record, kind or version. */
  memcpy (other_id, e->database_id, sizeof other_id);
  other_id[WM_DATABASE_ID_SIZE - 1] ^= 0x01;
  b = e->binding;
  b.database_id = other_id;
  assert_open_fails (e, e->key, &b, bytes, size, WM_STORE_ERROR_CORRUPT);

  b = e->binding;
  b.case_id = 8;
  assert_open_fails (e, e->key, &b, bytes, size, WM_STORE_ERROR_CORRUPT);

  b = e->binding;
  b.record_id = 43;
  assert_open_fails (e, e->key, &b, bytes, size, WM_STORE_ERROR_CORRUPT);

  /* Ids that differ only above 32 bits must not collide in the binding. */
  b = e->binding;
  b.record_id = 42 + (G_GINT64_CONSTANT (1) << 32);
  assert_open_fails (e, e->key, &b, bytes, size, WM_STORE_ERROR_CORRUPT);

  b = e->binding;
  b.kind = WM_RECORD_PLAN;
  assert_open_fails (e, e->key, &b, bytes, size, WM_STORE_ERROR_CORRUPT);

  b = e->binding;
  b.version = 2;
  assert_open_fails (e, e->key, &b, bytes, size, WM_STORE_ERROR_CORRUPT);

  /* Another case's key. */
  memcpy (other_key, e->key, sizeof other_key);
  other_key[0] ^= 0x80;
  assert_open_fails (e, other_key, &e->binding, bytes, size, WM_STORE_ERROR_CORRUPT);

  /* And the untouched binding still opens: the failures above were the
   * binding's doing, not a broken envelope. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GVariant) opened = NULL;

    opened = wm_record_open (e->key, &e->binding, bytes, size, NULL, &error);
    g_assert_no_error (error);
    wmt_assert_payload (opened, payload);
  }
}

static void
test_damaged (Envelope      *e,
              gconstpointer  data)
{
  g_autoptr(GVariant) payload = sample_payload ();
  g_autoptr(GBytes) sealed = seal_ok (e, payload, 1);
  g_autofree guint8 *copy = NULL;
  g_autofree guint8 *longer = NULL;
  const guint8 *bytes;
  gsize size;

  bytes = g_bytes_get_data (sealed, &size);
  copy = g_memdup2 (bytes, size);

  /* Every byte matters: nonce, ciphertext and tag. */
  for (gsize i = 0; i < size; i++)
    {
      copy[i] ^= 0x01;
      assert_open_fails (e, e->key, &e->binding, copy, size, WM_STORE_ERROR_CORRUPT);
      copy[i] ^= 0x01;
    }

  /* Every truncation, down to nothing, and one byte too many. */
  for (gsize cut = 0; cut < size; cut++)
    assert_open_fails (e, e->key, &e->binding, copy, cut, WM_STORE_ERROR_CORRUPT);

  longer = g_malloc0 (size + 1);
  memcpy (longer, bytes, size);
  assert_open_fails (e, e->key, &e->binding, longer, size + 1, WM_STORE_ERROR_CORRUPT);
}

/* Seals bytes that authenticate but are not a record, and expects INVALID. */
static void
assert_serialised_invalid (Envelope     *e,
                           const guint8 *data,
                           gsize         size)
{
  g_autoptr(GBytes) serialised = g_bytes_new (data, size);
  g_autoptr(GBytes) sealed = NULL;
  const guint8 *bytes;
  gsize sealed_size;

  sealed = wm_record_seal_serialised (e->key, &e->binding, serialised);
  g_assert_nonnull (sealed);
  bytes = g_bytes_get_data (sealed, &sealed_size);
  g_assert_cmpuint (sealed_size, ==, NONCE_SIZE + size + TAG_SIZE);
  assert_open_fails (e, e->key, &e->binding, bytes, sealed_size, WM_STORE_ERROR_INVALID);
}

static void
assert_variant_invalid (Envelope *e,
                        GVariant *value)
{
  g_autoptr(GVariant) sunk = g_variant_ref_sink (value);

  assert_serialised_invalid (e, g_variant_get_data (sunk), g_variant_get_size (sunk));
}

static void
test_wrong_type (Envelope      *e,
                 gconstpointer  data)
{
  g_autoptr(GVariant) payload = sample_payload ();

  /* Control: the right shape, sealed through the serialised path, opens.
   * Without it the failures below could come from seal_serialised itself. */
  {
    g_autoptr(GVariant) good = g_variant_ref_sink (
      g_variant_new_variant (g_variant_new ("(x@a{sv})", (gint64) 5, payload)));
    g_autoptr(GBytes) serialised = g_variant_get_data_as_bytes (good);
    g_autoptr(GBytes) sealed = wm_record_seal_serialised (e->key, &e->binding, serialised);
    g_autoptr(GVariant) opened = NULL;
    g_autoptr(GError) error = NULL;
    gint64 written = 0;

    opened = wm_record_open (e->key, &e->binding,
                             g_bytes_get_data (sealed, NULL), g_bytes_get_size (sealed),
                             &written, &error);
    g_assert_no_error (error);
    wmt_assert_payload (opened, payload);
    g_assert_cmpint (written, ==, 5);
  }

  /* A "v" holding something that is not "(xa{sv})". */
  assert_variant_invalid (e, g_variant_new_variant (g_variant_new ("(xs)", (gint64) 5, "text")));
  assert_variant_invalid (e, g_variant_new_variant (payload));
  assert_variant_invalid (e, g_variant_new_variant (g_variant_new_parsed ("(int64 5, {'k': 'v'})")));
  assert_variant_invalid (e, g_variant_new_variant (g_variant_new_parsed ("(5, {'k': <'v'>})")));
  assert_variant_invalid (e, g_variant_new_variant (
                            g_variant_new_parsed ("(int64 5, {'k': <'v'>}, 'extra')")));
  assert_variant_invalid (e, g_variant_new_variant (g_variant_new_string ("hello")));
  /* The tuple itself, not wrapped in a "v". */
  assert_variant_invalid (e, g_variant_new ("(x@a{sv})", (gint64) 5, payload));
}

static void
test_not_normal_form (Envelope      *e,
                      gconstpointer  data)
{
  g_autoptr(GVariant) good = NULL;
  g_autofree guint8 *copy = NULL;
  guint8 random_bytes[200];
  gsize size;
  gsize subtle = G_MAXSIZE;

  /* Nothing at all, and noise. */
  assert_serialised_invalid (e, (const guint8 *) "", 0);
  randombytes_buf (random_bytes, sizeof random_bytes);
  assert_serialised_invalid (e, random_bytes, sizeof random_bytes);

  /* The subtle case: a byte of alignment padding set, so the value still
   * reads as the right type with the same contents, but is not in normal
   * form (two encodings of one value would let a ciphertext be replayed in
   * a different form, and non-normal data is what GVariant's untrusted
   * path is weakest at). */
  good = g_variant_ref_sink (
    g_variant_new_variant (
      g_variant_new_parsed ("(int64 5, {'k': <int64 5>, 'name': <'Zed'>})")));
  size = g_variant_get_size (good);
  copy = g_memdup2 (g_variant_get_data (good), size);
  for (gsize i = 0; i < size && subtle == G_MAXSIZE; i++)
    {
      g_autoptr(GVariant) altered = NULL;
      g_autoptr(GVariant) normal = NULL;
      guint8 was = copy[i];

      copy[i] = 0x55;
      altered = g_variant_ref_sink (g_variant_new_from_data (G_VARIANT_TYPE_VARIANT,
                                                             copy, size, FALSE, NULL, NULL));
      normal = g_variant_get_normal_form (altered);
      if (!g_variant_is_normal_form (altered) && g_variant_equal (normal, good))
        subtle = i;
      else
        copy[i] = was;
    }
  g_assert_cmpuint (subtle, !=, G_MAXSIZE);
  assert_serialised_invalid (e, copy, size);
}

/* An empty array of arrays, @levels deep: "a…ay" with @levels "a"s. */
static GVariant *
deep_array (guint levels)
{
  g_autofree char *type = g_strnfill (levels + 1, 'a');

  type[levels] = 'y';
  return g_variant_new_array (g_variant_type_element (G_VARIANT_TYPE (type)), NULL, 0);
}

/* An int32 in @levels variants. */
static GVariant *
deep_variant (guint levels)
{
  GVariant *value = g_variant_new_int32 (7);

  for (guint i = 0; i < levels; i++)
    value = g_variant_new_variant (value);
  return value;
}

/* Seals {'k': <@inner>} as a record and opens it. The plaintext is what
 * wm_record_seal() writes; what GLib says of it as a whole (a "v" from
 * untrusted bytes) is what the general path goes by, so the record must
 * open exactly when GLib accepts the whole envelope. Returns whether it
 * opened. */
static gboolean
open_nested (Envelope *e,
             GVariant *inner)
{
  g_autoptr(GVariant) payload = NULL;
  g_autoptr(GVariant) envelope = NULL;
  g_autoptr(GVariant) whole = NULL;
  g_autoptr(GVariant) opened = NULL;
  g_autoptr(GBytes) serialised = NULL;
  g_autoptr(GBytes) sealed = NULL;
  g_autoptr(GError) error = NULL;
  GVariantBuilder builder;
  gboolean glib_accepts;

  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&builder, "{sv}", "k", inner);
  payload = g_variant_ref_sink (g_variant_builder_end (&builder));
  envelope = g_variant_ref_sink (g_variant_new_variant (g_variant_new ("(x@a{sv})", (gint64) 5, payload)));
  serialised = g_variant_get_data_as_bytes (envelope);

  whole = g_variant_ref_sink (g_variant_new_from_bytes (G_VARIANT_TYPE_VARIANT, serialised, FALSE));
  glib_accepts = g_variant_is_normal_form (whole);

  sealed = wm_record_seal_serialised (e->key, &e->binding, serialised);
  opened = wm_record_open (e->key, &e->binding,
                           g_bytes_get_data (sealed, NULL), g_bytes_get_size (sealed), NULL, &error);
  if (glib_accepts)
    {
      g_assert_no_error (error);
      g_assert_nonnull (opened);
      g_assert_true (g_variant_is_normal_form (opened));
      wmt_assert_payload (opened, payload);
      return TRUE;
    }
  /* Refused as any other plaintext that is not in normal form is. */
  g_assert_error (error, WM_STORE_ERROR, WM_STORE_ERROR_INVALID);
  g_assert_null (opened);
  g_assert_nonnull (strstr (error->message, "is not in the expected form"));
  return FALSE;
}

/* GLib refuses values nested deeper than G_VARIANT_MAX_RECURSION_DEPTH,
 * counted from the value it checks. A record's payload sits two levels
 * down in its envelope (the variant, the tuple), so it may nest two
 * levels less than a dictionary checked on its own: the payload that
 * opens straight from its slice of the plaintext must be held to the
 * same limit as the whole envelope, or a record that GLib refuses would
 * read. Around the limit, each depth opens exactly when GLib accepts the
 * whole envelope, and both sides of the limit are reached. */
static void
test_depth (Envelope      *e,
            gconstpointer  data)
{
  guint opened = 0, refused = 0;

  for (guint levels = 110; levels <= 127; levels++)
    {
      if (open_nested (e, deep_array (levels)))
        opened++;
      else
        refused++;
    }
  for (guint levels = 110; levels <= 130; levels++)
    {
      if (open_nested (e, deep_variant (levels)))
        opened++;
      else
        refused++;
    }
  g_assert_cmpuint (opened, >, 0);
  g_assert_cmpuint (refused, >, 0);

  /* The one that was found to read: an empty a^123 y under the key, which
   * a check of the dictionary alone lets through. */
  g_assert_false (open_nested (e, deep_array (123)));
  g_assert_false (open_nested (e, deep_array (124)));
  g_assert_false (open_nested (e, deep_variant (123)));
  g_assert_true (open_nested (e, deep_array (122)));
}

static void
test_seal_wrong_type (Envelope      *e,
                      gconstpointer  data)
{
  g_autoptr(GVariant) not_a_dict = g_variant_ref_sink (g_variant_new ("(xs)", (gint64) 1, "x"));
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) sealed = NULL;

  sealed = wm_record_seal (e->key, &e->binding, 1, not_a_dict, &error);
  g_assert_error (error, WM_STORE_ERROR, WM_STORE_ERROR_INVALID);
  g_assert_null (sealed);
}

/* Through the store: a payload of the wrong type is refused on the way in,
 * and nothing is written (no record, no version, no audit entry). */
static void
test_store_refuses_wrong_type (WmtFixture    *f,
                               gconstpointer  data)
{
  g_autoptr(WmSession) alex = NULL;
  g_autoptr(GVariant) profile = wmt_payload ("{'given-name': <'Ffion'>}");
  g_autoptr(GVariant) note = wmt_payload ("{'text': <'first contact at school'>}");
  const char *wrong[] = {
    "(int64 1, 'x')", "'just a string'", "{'k': 'v'}", "[<1>, <'two'>]", "@a{sv} {}",
  };
  WmStore *store = wmt_open_store (f);
  sqlite3 *db = wm_store_get_db (store);
  gint64 case_id, record_id;
  gint64 n_records, n_versions, n_audit, n_cases;
  g_autoptr(GError) error = NULL;

  alex = wmt_sign_in (store, WMT_CASEWORKER_A, WMT_CASEWORKER_A_PASS);
  case_id = wm_session_create_case (alex, wmt_ids.caseworker_a, profile, &error);
  g_assert_no_error (error);
  record_id = wm_session_add_record (alex, case_id, WM_RECORD_CONTACT, note, &error);
  g_assert_no_error (error);

  n_records = wmt_db_int (db, "SELECT count(*) FROM records");
  n_versions = wmt_db_int (db, "SELECT count(*) FROM record_versions");
  n_audit = wmt_db_int (db, "SELECT count(*) FROM audit");
  n_cases = wmt_db_int (db, "SELECT count(*) FROM cases");

  /* The last of these is a{sv} and must be accepted: it proves the four
   * before it were refused for their type, not for something else. */
  for (guint i = 0; i < G_N_ELEMENTS (wrong); i++)
    {
      g_autoptr(GVariant) value = g_variant_ref_sink (g_variant_new_parsed (wrong[i]));
      gboolean is_dict = g_variant_is_of_type (value, G_VARIANT_TYPE_VARDICT);
      gint64 id;
      guint version;

      id = wm_session_add_record (alex, case_id, WM_RECORD_CONTACT, value, &error);
      if (is_dict)
        {
          g_assert_no_error (error);
          g_assert_cmpint (id, >, 0);
          n_records++;
          n_versions++;
          continue;
        }
      g_assert_error (error, WM_STORE_ERROR, WM_STORE_ERROR_INVALID);
      g_assert_cmpint (id, <=, 0);
      g_clear_error (&error);

      version = wm_session_update_record (alex, record_id, value, &error);
      g_assert_error (error, WM_STORE_ERROR, WM_STORE_ERROR_INVALID);
      g_assert_cmpuint (version, ==, 0);
      g_clear_error (&error);

      id = wm_session_create_case (alex, wmt_ids.caseworker_a, value, &error);
      g_assert_error (error, WM_STORE_ERROR, WM_STORE_ERROR_INVALID);
      g_assert_cmpint (id, <=, 0);
      g_clear_error (&error);
    }

  g_assert_cmpint (wmt_db_int (db, "SELECT count(*) FROM records"), ==, n_records);
  g_assert_cmpint (wmt_db_int (db, "SELECT count(*) FROM record_versions"), ==, n_versions);
  g_assert_cmpint (wmt_db_int (db, "SELECT count(*) FROM cases"), ==, n_cases);
  /* One "create" entry for the accepted record, nothing for the refusals. */
  g_assert_cmpint (wmt_db_int (db, "SELECT count(*) FROM audit"), ==, n_audit + 1);

  /* The record that was refused an update still reads at version 1. */
  {
    g_autoptr(WmRecord) record = wmt_read_record_ok (alex, record_id, 1);

    wmt_assert_payload (record->payload, note);
    g_assert_null (wmt_read_record_error (alex, record_id, 1));
    error = wmt_read_record_error (alex, record_id, 2);
    g_assert_error (error, WM_STORE_ERROR, WM_STORE_ERROR_NOT_FOUND);
  }

  g_clear_object (&alex);
  wmt_close_store (store);
}

/* A dictionary that is not in normal form (built from untrusted bytes) is
 * either refused or stored in normal form; it never comes back otherwise. */
static void
test_store_non_normal_in (WmtFixture    *f,
                          gconstpointer  data)
{
  g_autoptr(WmSession) alex = NULL;
  g_autoptr(GVariant) profile = wmt_payload ("{'given-name': <'Ffion'>}");
  g_autoptr(GVariant) good = wmt_payload ("{'k': <int64 5>, 'name': <'Zed'>}");
  g_autoptr(GVariant) altered = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree guint8 *copy = NULL;
  WmStore *store = wmt_open_store (f);
  gint64 case_id, record_id;
  gsize size;
  gboolean found = FALSE;

  size = g_variant_get_size (good);
  copy = g_memdup2 (g_variant_get_data (good), size);
  for (gsize i = 0; i < size && !found; i++)
    {
      guint8 was = copy[i];

      copy[i] = 0x55;
      g_clear_pointer (&altered, g_variant_unref);
      altered = g_variant_ref_sink (g_variant_new_from_data (G_VARIANT_TYPE_VARDICT,
                                                             copy, size, FALSE, NULL, NULL));
      if (!g_variant_is_normal_form (altered))
        {
          g_autoptr(GVariant) normal = g_variant_get_normal_form (altered);

          found = g_variant_equal (normal, good);
        }
      if (!found)
        copy[i] = was;
    }
  g_assert_true (found);

  alex = wmt_sign_in (store, WMT_CASEWORKER_A, WMT_CASEWORKER_A_PASS);
  case_id = wm_session_create_case (alex, wmt_ids.caseworker_a, profile, &error);
  g_assert_no_error (error);

  record_id = wm_session_add_record (alex, case_id, WM_RECORD_CONTACT, altered, &error);
  if (error != NULL)
    {
      g_assert_error (error, WM_STORE_ERROR, WM_STORE_ERROR_INVALID);
    }
  else
    {
      g_autoptr(WmRecord) record = wmt_read_record_ok (alex, record_id, 1);

      g_assert_true (g_variant_is_normal_form (record->payload));
      wmt_assert_payload (record->payload, good);
    }

  g_clear_object (&alex);
  wmt_close_store (store);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  g_assert_true (wm_crypto_init ());
  wmt_template_configure (WMT_USERS_CASEWORKER_A, NULL);

  g_test_add ("/store/payload/round-trip", Envelope, NULL,
              envelope_setup, test_round_trip, envelope_teardown);
  g_test_add ("/store/payload/binding", Envelope, NULL,
              envelope_setup, test_binding, envelope_teardown);
  g_test_add ("/store/payload/damaged", Envelope, NULL,
              envelope_setup, test_damaged, envelope_teardown);
  g_test_add ("/store/payload/wrong-type", Envelope, NULL,
              envelope_setup, test_wrong_type, envelope_teardown);
  g_test_add ("/store/payload/not-normal-form", Envelope, NULL,
              envelope_setup, test_not_normal_form, envelope_teardown);
  g_test_add ("/store/payload/depth", Envelope, NULL,
              envelope_setup, test_depth, envelope_teardown);
  g_test_add ("/store/payload/seal-wrong-type", Envelope, NULL,
              envelope_setup, test_seal_wrong_type, envelope_teardown);
  g_test_add ("/store/payload/store-refuses-wrong-type", WmtFixture, WMT_WITH_TEMPLATE,
              wmt_fixture_setup, test_store_refuses_wrong_type, wmt_fixture_teardown);
  g_test_add ("/store/payload/store-non-normal-in", WmtFixture, WMT_WITH_TEMPLATE,
              wmt_fixture_setup, test_store_non_normal_in, wmt_fixture_teardown);

  status = g_test_run ();
  wmt_template_cleanup ();
  wmt_print_derivations ();
  return status;
}
