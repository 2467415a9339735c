/* test-tamper.c — altered, moved or damaged ciphertext in the file
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Anyone who holds the file can change its bytes. Whatever they change, the
 * record they touched reports CORRUPT (never garbage, never a crash), every
 * other record still opens, and putting the bytes back makes it open again.
 * A ciphertext copied to another row, case, kind or version does not open
 * there. A damaged case key or account key gives a clear error.
 */

#define G_LOG_DOMAIN "wm-test-tamper"

#include "config.h"

#include <string.h>

#include "wm-store-test-util.h"

/* What the template holds: two cases of Alex's, several versions. */
typedef struct
{
  gint64  case_id;
  gint64  record_id;
  guint   version;
  gboolean head;
  GVariant *payload;
} Version;

static GPtrArray *versions;  /* of Version */
static gint64 case_one, case_two;
static gint64 contact_one, assessment_one, plan_one, contact_two, second_contact_one;

static void
version_free (Version *v)
{
  g_variant_unref (v->payload);
  g_free (v);
}

static void
remember (gint64      case_id,
          gint64      record_id,
          guint       version,
          GVariant   *payload)
{
  Version *v = g_new0 (Version, 1);

  /* A newer version of the same record is the head from now on. */
  for (guint i = 0; i < versions->len; i++)
    {
      Version *old = g_ptr_array_index (versions, i);

      if (old->record_id == record_id)
        old->head = FALSE;
    }
  v->case_id = case_id;
  v->record_id = record_id;
  v->version = version;
  v->head = TRUE;
  v->payload = g_variant_ref (payload);
  g_ptr_array_add (versions, v);
}

static gint64
create_case (WmSession  *alex,
             const char *profile_text)
{
  g_autoptr(GVariant) profile = wmt_payload (profile_text);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = NULL;
  WmRecord *record;
  gint64 case_id;

  case_id = wm_session_create_case (alex, wmt_ids.caseworker_a, profile, &error);
  g_assert_no_error (error);
  records = wmt_open_case_ok (alex, case_id);
  record = wmt_find_kind (records, WM_RECORD_PROFILE);
  g_assert_nonnull (record);
  remember (case_id, record->record_id, 1, profile);
  return case_id;
}

static gint64
add (WmSession    *alex,
     gint64        case_id,
     WmRecordKind  kind,
     const char   *text)
{
  g_autoptr(GVariant) payload = wmt_payload (text);
  g_autoptr(GError) error = NULL;
  gint64 id;

  id = wm_session_add_record (alex, case_id, kind, payload, &error);
  g_assert_no_error (error);
  remember (case_id, id, 1, payload);
  return id;
}

static void
update (WmSession  *alex,
        gint64      case_id,
        gint64      record_id,
        guint       expected_version,
        const char *text)
{
  g_autoptr(GVariant) payload = wmt_payload (text);
  g_autoptr(GError) error = NULL;
  guint version;

  version = wm_session_update_record (alex, record_id, payload, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (version, ==, expected_version);
  remember (case_id, record_id, version, payload);
}

static void
populate (WmStore   *store,
          WmSession *admin)
{
  g_autoptr(WmSession) alex = wmt_sign_in (store, WMT_CASEWORKER_A, WMT_CASEWORKER_A_PASS);
  g_autoptr(GError) error = NULL;

  case_one = create_case (alex, "{'given-name': <'Ffion'>, 'town': <'Leominster'>}");
  contact_one = add (alex, case_one, WM_RECORD_CONTACT, "{'note': <'v1 of the contact'>}");
  update (alex, case_one, contact_one, 2, "{'note': <'v2 of the contact'>}");
  update (alex, case_one, contact_one, 3, "{'note': <'v3 of the contact'>, 'n': <int32 3>}");
  assessment_one = add (alex, case_one, WM_RECORD_ASSESSMENT,
                        "{'answers': <{'q1': <'yes'>, 'q2': <'no'>}>}");
  g_assert_true (wm_session_set_record_immutable (alex, assessment_one, &error));
  g_assert_no_error (error);
  plan_one = add (alex, case_one, WM_RECORD_PLAN, "{'goal': <'college'>}");
  second_contact_one = add (alex, case_one, WM_RECORD_CONTACT, "{'note': <'another contact'>}");

  case_two = create_case (alex, "{'given-name': <'Owain'>, 'town': <'Bromyard'>}");
  contact_two = add (alex, case_two, WM_RECORD_CONTACT, "{'note': <'case two v1'>}");
  update (alex, case_two, contact_two, 2, "{'note': <'case two v2'>}");
}

static Version *
find_version (gint64 record_id,
              guint  version)
{
  for (guint i = 0; i < versions->len; i++)
    {
      Version *v = g_ptr_array_index (versions, i);

      if (v->record_id == record_id && v->version == version)
        return v;
    }
  g_assert_not_reached ();
  return NULL;
}

/* Every head of the case opens with what was written, except @broken_id,
 * which must report @code (0 for none broken). */
static void
check_case (WmSession *session,
            gint64     case_id,
            gint64     broken_id,
            int        code)
{
  g_autoptr(GPtrArray) records = wmt_open_case_ok (session, case_id);
  guint expected = 0;

  for (guint i = 0; i < versions->len; i++)
    {
      Version *v = g_ptr_array_index (versions, i);
      WmRecord *record;

      if (v->case_id != case_id || !v->head)
        continue;
      expected++;
      record = wmt_find_record (records, v->record_id);
      g_assert_nonnull (record);
      g_assert_cmpuint (record->version, ==, v->version);
      if (v->record_id == broken_id)
        {
          g_assert_error (record->error, WM_STORE_ERROR, code);
          g_assert_cmpstr (record->error->message, !=, "");
          g_assert_null (record->payload);
        }
      else
        {
          g_assert_no_error (record->error);
          wmt_assert_payload (record->payload, v->payload);
        }
    }
  g_assert_cmpuint (records->len, ==, expected);
}

static void
check_everything (WmSession *session)
{
  check_case (session, case_one, 0, 0);
  check_case (session, case_two, 0, 0);
}

/* The history of @record_id: @broken_version fails with @code, the others
 * open. */
static void
check_history (WmSession *session,
               gint64     record_id,
               guint      broken_version,
               int        code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) history = wm_session_list_history (session, record_id, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < history->len; i++)
    {
      WmRecord *record = g_ptr_array_index (history, i);

      g_assert_cmpuint (record->version, ==, i + 1);
      if (record->version == broken_version)
        {
          g_assert_error (record->error, WM_STORE_ERROR, code);
          g_assert_null (record->payload);
        }
      else
        {
          g_assert_no_error (record->error);
          wmt_assert_payload (record->payload, find_version (record_id, record->version)->payload);
        }
    }
}

static void
assert_read_fails (WmSession *session,
                   gint64     record_id,
                   guint      version,
                   int        code)
{
  g_autoptr(GError) error = wmt_read_record_error (session, record_id, version);

  g_assert_error (error, WM_STORE_ERROR, code);
}

static void
assert_read_ok (WmSession *session,
                gint64     record_id,
                guint      version)
{
  g_autoptr(WmRecord) record = wmt_read_record_ok (session, record_id, version);

  wmt_assert_payload (record->payload, find_version (record_id, version)->payload);
}

static void
set_sealed (sqlite3 *db,
            gint64   record_id,
            guint    version,
            GBytes  *sealed)
{
  wmt_db_set_blob (db, sealed, "UPDATE record_versions SET sealed = ?1 "
                   "WHERE record_id = %" G_GINT64_FORMAT " AND version = %u",
                   record_id, version);
}

static GBytes *
get_sealed (sqlite3 *db,
            gint64   record_id,
            guint    version)
{
  GBytes *sealed = wmt_db_blob (db, "SELECT sealed FROM record_versions "
                                "WHERE record_id = %" G_GINT64_FORMAT " AND version = %u",
                                record_id, version);

  g_assert_nonnull (sealed);
  return sealed;
}

/* After damage to one version: that version fails, everything else opens. */
static void
check_damaged (WmSession *session,
               Version   *v)
{
  assert_read_fails (session, v->record_id, v->version, WM_STORE_ERROR_CORRUPT);
  check_history (session, v->record_id, v->version, WM_STORE_ERROR_CORRUPT);
  check_case (session, v->case_id, v->head ? v->record_id : 0, WM_STORE_ERROR_CORRUPT);
  check_case (session, v->case_id == case_one ? case_two : case_one, 0, 0);
}

static void
test_record_versions (WmtFixture    *f,
                      gconstpointer  data)
{
  WmStore *store = wmt_open_store (f);
  WmSession *alex = wmt_sign_in (store, WMT_CASEWORKER_A, WMT_CASEWORKER_A_PASS);
  sqlite3 *db = wmt_db_open (f->path);
  g_autoptr(GPtrArray) faults = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  guint n_tampered = 0;

  check_everything (alex);
  g_assert_true (wm_session_verify (alex, faults, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (faults->len, ==, 0);

  /* Every version row in the file is accounted for by the template. */
  g_assert_cmpint (wmt_db_int (db, "SELECT count(*) FROM record_versions"), ==, versions->len);

  for (guint i = 0; i < versions->len; i++)
    {
      Version *v = g_ptr_array_index (versions, i);
      g_autoptr(GBytes) original = get_sealed (db, v->record_id, v->version);
      gsize size = g_bytes_get_size (original);
      /* The nonce (first, middle, last byte), the ciphertext (first, middle)
       * and the tag (first, last). */
      gsize positions[] = { 0, 11, 23, 24, size / 2, size - 16, size - 1 };

      g_assert_cmpuint (size, >, 24 + 16);

      for (guint p = 0; p < G_N_ELEMENTS (positions); p++)
        {
          g_autofree guint8 *bytes = g_memdup2 (g_bytes_get_data (original, NULL), size);
          g_autoptr(GBytes) altered = NULL;

          bytes[positions[p]] ^= 0x01;
          altered = g_bytes_new (bytes, size);
          set_sealed (db, v->record_id, v->version, altered);
          check_damaged (alex, v);
          n_tampered++;

          if (i == 0 && p == 0)
            {
              /* The whole-file check names the damage. */
              g_assert_false (wm_session_verify (alex, faults, &error));
              g_assert_no_error (error);
              g_assert_cmpuint (faults->len, >=, 1);
              g_ptr_array_set_size (faults, 0);
            }

          set_sealed (db, v->record_id, v->version, original);
          assert_read_ok (alex, v->record_id, v->version);
        }

      /* Shapes no ciphertext has: too short, empty, one byte longer or
       * shorter, not a blob at all. */
      {
        g_autoptr(GBytes) empty = g_bytes_new (NULL, 0);
        g_autoptr(GBytes) stub = g_bytes_new ("abcde", 5);
        g_autoptr(GBytes) shorter = g_bytes_new_from_bytes (original, 0, size - 1);
        g_autofree guint8 *longer_data = g_malloc0 (size + 1);
        g_autoptr(GBytes) longer = NULL;
        GBytes *shapes[3];

        memcpy (longer_data, g_bytes_get_data (original, NULL), size);
        longer = g_bytes_new (longer_data, size + 1);
        shapes[0] = empty;
        shapes[1] = stub;
        shapes[2] = shorter;
        for (guint s = 0; s < G_N_ELEMENTS (shapes); s++)
          {
            set_sealed (db, v->record_id, v->version, shapes[s]);
            check_damaged (alex, v);
          }
        set_sealed (db, v->record_id, v->version, longer);
        check_damaged (alex, v);
        g_assert_cmpint (wmt_db_exec (db, "UPDATE record_versions SET sealed = 'plain text' "
                                      "WHERE record_id = %" G_GINT64_FORMAT " AND version = %u",
                                      v->record_id, v->version), ==, 1);
        check_damaged (alex, v);
      }

      set_sealed (db, v->record_id, v->version, original);
      assert_read_ok (alex, v->record_id, v->version);
    }
  g_test_message ("%u single-byte alterations checked", n_tampered);

  /* All put back: everything opens and the whole file verifies again. */
  check_everything (alex);
  g_assert_true (wm_session_verify (alex, faults, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (faults->len, ==, 0);

  wmt_db_close (db);
  g_clear_object (&alex);
  wmt_close_store (store);
}

static void
copy_sealed (sqlite3 *db,
             gint64   from_record,
             guint    from_version,
             gint64   to_record,
             guint    to_version)
{
  g_assert_cmpint (wmt_db_exec (db,
                                "UPDATE record_versions SET sealed = "
                                "(SELECT sealed FROM record_versions WHERE record_id = %"
                                G_GINT64_FORMAT " AND version = %u) "
                                "WHERE record_id = %" G_GINT64_FORMAT " AND version = %u",
                                from_record, from_version, to_record, to_version), ==, 1);
}

static void
test_moved (WmtFixture    *f,
            gconstpointer  data)
{
  WmStore *store = wmt_open_store (f);
  WmSession *alex = wmt_sign_in (store, WMT_CASEWORKER_A, WMT_CASEWORKER_A_PASS);
  sqlite3 *db = wmt_db_open (f->path);
  g_autoptr(GBytes) second_v1 = get_sealed (db, second_contact_one, 1);
  g_autoptr(GBytes) contact_v2 = get_sealed (db, contact_one, 2);
  g_autoptr(GBytes) contact_v3 = get_sealed (db, contact_one, 3);

  check_everything (alex);

  /* Another record of the same case, same kind, same version. */
  copy_sealed (db, contact_one, 1, second_contact_one, 1);
  check_damaged (alex, find_version (second_contact_one, 1));
  set_sealed (db, second_contact_one, 1, second_v1);
  check_everything (alex);

  /* The same record, another version: an old text passed off as the
   * current one, or the current one as an old one. */
  copy_sealed (db, contact_one, 1, contact_one, 3);
  check_damaged (alex, find_version (contact_one, 3));
  set_sealed (db, contact_one, 3, contact_v3);
  copy_sealed (db, contact_one, 3, contact_one, 2);
  check_damaged (alex, find_version (contact_one, 2));
  set_sealed (db, contact_one, 2, contact_v2);
  check_everything (alex);

  /* A record of another case (another key and case id). */
  copy_sealed (db, contact_two, 1, second_contact_one, 1);
  check_damaged (alex, find_version (second_contact_one, 1));
  set_sealed (db, second_contact_one, 1, second_v1);
  check_everything (alex);

  /* The kind changed in the plaintext column: a contact passed off as a
   * plan (or anything else) does not open. */
  for (WmRecordKind kind = WM_RECORD_ASSESSMENT; kind <= WM_RECORD_KIND_LAST; kind++)
    {
      g_assert_cmpint (wmt_db_exec (db, "UPDATE records SET kind = %d WHERE id = %" G_GINT64_FORMAT,
                                    kind, second_contact_one), ==, 1);
      assert_read_fails (alex, second_contact_one, 1, WM_STORE_ERROR_CORRUPT);
      check_case (alex, case_one, second_contact_one, WM_STORE_ERROR_CORRUPT);
    }
  wmt_db_exec (db, "UPDATE records SET kind = %d WHERE id = %" G_GINT64_FORMAT,
               WM_RECORD_CONTACT, second_contact_one);
  check_everything (alex);

  /* The whole record moved to the other case: case one reports it
   * deleted (its manifest still lists it), and in case two it does not
   * open. */
  wmt_db_exec (db, "UPDATE records SET case_id = %" G_GINT64_FORMAT " WHERE id = %" G_GINT64_FORMAT,
               case_two, second_contact_one);
  {
    g_autoptr(GPtrArray) one = wmt_open_case_ok (alex, case_one);
    g_autoptr(GPtrArray) two = wmt_open_case_ok (alex, case_two);
    WmRecord *moved = wmt_find_record (two, second_contact_one);

    WmRecord *gone = wmt_find_record (one, second_contact_one);

    g_assert_nonnull (gone);
    g_assert_error (gone->error, WM_STORE_ERROR, WM_STORE_ERROR_CORRUPT);
    g_assert_null (gone->payload);
    g_assert_nonnull (moved);
    g_assert_error (moved->error, WM_STORE_ERROR, WM_STORE_ERROR_CORRUPT);
    g_assert_null (moved->payload);
    for (guint i = 0; i < two->len; i++)
      {
        WmRecord *record = g_ptr_array_index (two, i);

        if (record != moved)
          g_assert_no_error (record->error);
      }
  }
  assert_read_fails (alex, second_contact_one, 1, WM_STORE_ERROR_CORRUPT);
  wmt_db_exec (db, "UPDATE records SET case_id = %" G_GINT64_FORMAT " WHERE id = %" G_GINT64_FORMAT,
               case_one, second_contact_one);
  check_everything (alex);

  wmt_db_close (db);
  g_clear_object (&alex);
  wmt_close_store (store);
}

static GBytes *
flip (GBytes *bytes,
      gsize   position)
{
  gsize size;
  guint8 *copy = g_memdup2 (g_bytes_get_data (bytes, &size), g_bytes_get_size (bytes));

  g_assert_cmpuint (position, <, size);
  copy[position] ^= 0x01;
  return g_bytes_new_take (copy, size);
}

/* The case either opens with exactly what was written (the store recovered
 * from the other copy of the key) or fails with CORRUPT; never anything
 * else. Returns TRUE when it opened. */
static gboolean
case_opens_or_corrupt (WmSession *session,
                       gint64     case_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = wm_session_open_case (session, case_id, &error);

  if (records == NULL)
    {
      g_assert_error (error, WM_STORE_ERROR, WM_STORE_ERROR_CORRUPT);
      g_assert_cmpstr (error->message, !=, "");
      return FALSE;
    }
  g_assert_no_error (error);
  check_case (session, case_id, 0, 0);
  return TRUE;
}

/* Whether Alex's copy of the case key has its wrapped form stored. */
static gboolean
has_wrapped_key (const char *path,
                 gint64      case_id)
{
  sqlite3 *db = wmt_db_open (path);
  gint64 count = wmt_db_int (db, "SELECT count(*) FROM case_keys WHERE case_id = %" G_GINT64_FORMAT
                             " AND user_id = %" G_GINT64_FORMAT " AND wrapped IS NOT NULL",
                             case_id, wmt_ids.caseworker_a);

  wmt_db_close (db);
  return count == 1;
}

static void
set_wrapped_key (const char *path,
                 gint64      case_id,
                 GBytes     *wrapped)
{
  sqlite3 *db = wmt_db_open (path);

  wmt_db_set_blob (db, wrapped, "UPDATE case_keys SET wrapped = ?1 WHERE case_id = %"
                   G_GINT64_FORMAT " AND user_id = %" G_GINT64_FORMAT, case_id, wmt_ids.caseworker_a);
  wmt_db_close (db);
}

/* The same through the caseload, whose workers open keys and records:
 * %TRUE when the case's row opens, %FALSE when it comes back CORRUPT; every
 * other row opens either way. */
static gboolean
caseload_row_opens (WmSession *session,
                    gint64     case_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) caseload = wm_session_list_caseload (session, &error);
  gboolean opens = FALSE;
  gboolean found = FALSE;

  g_assert_no_error (error);
  for (guint i = 0; i < caseload->len; i++)
    {
      WmCaseloadEntry *entry = g_ptr_array_index (caseload, i);

      if (entry->info.id != case_id)
        {
          g_assert_no_error (entry->error);
          g_assert_nonnull (entry->profile);
          continue;
        }
      found = TRUE;
      if (entry->error != NULL)
        {
          g_assert_error (entry->error, WM_STORE_ERROR, WM_STORE_ERROR_CORRUPT);
          g_assert_null (entry->profile);
          g_assert_null (entry->latest_assessment);
        }
      else
        {
          g_assert_nonnull (entry->profile);
          opens = TRUE;
        }
    }
  g_assert_true (found);
  return opens;
}

typedef enum
{
  DAMAGE_WRAPPED,
  DAMAGE_SEALED,
  DAMAGE_BOTH,
  DAMAGE_NONE_WRAPPED_NULL,
} KeyDamage;

static void
check_key_damage (WmtFixture *f,
                  KeyDamage   damage)
{
  g_autofree char *path = g_build_filename (f->dir, "keys.db", NULL);
  g_autoptr(GBytes) sealed = NULL;
  g_autoptr(GBytes) wrapped = NULL;
  g_autoptr(GError) error = NULL;
  WmSession *alex;
  WmStore *store;
  sqlite3 *db;
  gboolean opened;

  wmt_new_device (f);
  wmt_copy_file (f->path, path);
  db = wmt_db_open (path);
  sealed = wmt_db_blob (db, "SELECT sealed FROM case_keys WHERE case_id = %" G_GINT64_FORMAT
                        " AND user_id = %" G_GINT64_FORMAT, case_one, wmt_ids.caseworker_a);
  wrapped = wmt_db_blob (db, "SELECT wrapped FROM case_keys WHERE case_id = %" G_GINT64_FORMAT
                         " AND user_id = %" G_GINT64_FORMAT, case_one, wmt_ids.caseworker_a);
  g_assert_nonnull (sealed);
  /* Alex made the case, so the wrapped form was stored at once. */
  g_assert_nonnull (wrapped);

  switch (damage)
    {
    case DAMAGE_WRAPPED:
    case DAMAGE_BOTH:
      {
        g_autoptr(GBytes) bad = flip (wrapped, g_bytes_get_size (wrapped) / 2);

        wmt_db_set_blob (db, bad, "UPDATE case_keys SET wrapped = ?1 WHERE case_id = %"
                         G_GINT64_FORMAT " AND user_id = %" G_GINT64_FORMAT,
                         case_one, wmt_ids.caseworker_a);
        if (damage == DAMAGE_WRAPPED)
          break;
      }
      G_GNUC_FALLTHROUGH;
    case DAMAGE_SEALED:
      {
        g_autoptr(GBytes) bad = flip (sealed, g_bytes_get_size (sealed) - 1);

        wmt_db_set_blob (db, bad, "UPDATE case_keys SET sealed = ?1 WHERE case_id = %"
                         G_GINT64_FORMAT " AND user_id = %" G_GINT64_FORMAT,
                         case_one, wmt_ids.caseworker_a);
      }
      break;
    case DAMAGE_NONE_WRAPPED_NULL:
      break;
    default:
      g_assert_not_reached ();
    }
  wmt_db_close (db);
  if (damage == DAMAGE_NONE_WRAPPED_NULL)
    set_wrapped_key (path, case_one, NULL);

  store = wmt_open_store_at (path, &f->clock);
  /* One damaged key does not lock Alex out of the account. */
  alex = wmt_sign_in (store, WMT_CASEWORKER_A, WMT_CASEWORKER_A_PASS);
  {
    g_autoptr(GPtrArray) cases = wm_session_list_cases (alex, &error);

    g_assert_no_error (error);
    g_assert_true (wmt_list_has_case (cases, case_two));
  }

  /* Through the caseload first, while no key is in the session's keyring:
   * either intact copy of the key opens the row; with both damaged it is
   * CORRUPT; a key with no wrapped form has it written back. */
  g_assert_true (caseload_row_opens (alex, case_one) == (damage != DAMAGE_BOTH));
  if (damage == DAMAGE_NONE_WRAPPED_NULL)
    {
      g_assert_true (has_wrapped_key (path, case_one));
      /* Again, for the case view below to write it back itself. */
      set_wrapped_key (path, case_one, NULL);
    }

  opened = case_opens_or_corrupt (alex, case_one);
  switch (damage)
    {
    case DAMAGE_BOTH:
      g_assert_false (opened);
      {
        g_autoptr(GError) read_error = wmt_read_record_error (alex, contact_one, 1);

        g_assert_error (read_error, WM_STORE_ERROR, WM_STORE_ERROR_CORRUPT);
      }
      /* Worse damage still: a key cut short and a wrapped key of text. */
      db = wmt_db_open (path);
      {
        g_autoptr(GBytes) stub = g_bytes_new ("abcde", 5);

        wmt_db_set_blob (db, stub, "UPDATE case_keys SET sealed = ?1 WHERE case_id = %"
                         G_GINT64_FORMAT " AND user_id = %" G_GINT64_FORMAT,
                         case_one, wmt_ids.caseworker_a);
        wmt_db_exec (db, "UPDATE case_keys SET wrapped = 'not a key' WHERE case_id = %"
                     G_GINT64_FORMAT, case_one);
      }
      wmt_db_close (db);
      g_assert_false (case_opens_or_corrupt (alex, case_one));
      break;
    case DAMAGE_NONE_WRAPPED_NULL:
      /* As a case key of a version-1 file: opened from the seal, and the
       * wrapped form written back for next time. */
      g_assert_true (opened);
      g_assert_true (has_wrapped_key (path, case_one));
      break;
    case DAMAGE_WRAPPED:
    case DAMAGE_SEALED:
      g_test_message ("one copy of the key damaged: the case %s",
                      opened ? "still opened from the other" : "reported CORRUPT");
      break;
    default:
      g_assert_not_reached ();
    }

  /* The other case is not affected. */
  check_case (alex, case_two, 0, 0);

  g_clear_object (&alex);
  wmt_close_store (store);
}

static void
test_case_keys (WmtFixture    *f,
                gconstpointer  data)
{
  check_key_damage (f, DAMAGE_WRAPPED);
  check_key_damage (f, DAMAGE_SEALED);
  check_key_damage (f, DAMAGE_BOTH);
  check_key_damage (f, DAMAGE_NONE_WRAPPED_NULL);
}

/* A damaged account row: sign-in fails with an error, quickly, without a
 * session and without allocating what the file asks for. */
static void
test_account_keys (WmtFixture    *f,
                   gconstpointer  data)
{
  const char *damage[] = {
    "UPDATE users SET secret_box = randomblob(length(secret_box)) WHERE name = '" WMT_CASEWORKER_A "'",
    "UPDATE users SET secret_box = x'00' WHERE name = '" WMT_CASEWORKER_A "'",
    "UPDATE users SET kdf_salt = x'0102' WHERE name = '" WMT_CASEWORKER_A "'",
    "UPDATE users SET kdf_memlimit = 1099511627776 WHERE name = '" WMT_CASEWORKER_A "'",
    "UPDATE users SET kdf_opslimit = 0 WHERE name = '" WMT_CASEWORKER_A "'",
    /* A public key swapped for another: the secret key no longer matches. */
    "UPDATE users SET public_key = randomblob(32) WHERE name = '" WMT_CASEWORKER_A "'",
  };

  for (guint i = 0; i < G_N_ELEMENTS (damage); i++)
    {
      g_autofree char *path = g_strdup_printf ("%s/account-%u.db", f->dir, i);
      g_autoptr(GError) error = NULL;
      g_autoptr(WmSession) session = NULL;
      WmStore *store;
      sqlite3 *db;

      wmt_copy_file (f->path, path);
      db = wmt_db_open (path);
      g_assert_cmpint (wmt_db_exec (db, "%s", damage[i]), ==, 1);
      wmt_db_close (db);

      store = wmt_open_store_at (path, &f->clock);
      wmt_count_derivation ();
      session = wm_session_sign_in (store, WMT_CASEWORKER_A, WMT_CASEWORKER_A_PASS, &error);
      g_test_message ("%s: %s", damage[i], error ? error->message : "(signed in)");
      g_assert_null (session);
      g_assert_nonnull (error);
      g_assert_true (error->domain == WM_STORE_ERROR);
      g_assert_true (error->code == WM_STORE_ERROR_CORRUPT ||
                     error->code == WM_STORE_ERROR_WRONG_PASSPHRASE);
      g_assert_cmpstr (error->message, !=, "");
      wmt_close_store (store);
    }
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  g_assert_true (wm_crypto_init ());
  versions = g_ptr_array_new_with_free_func ((GDestroyNotify) version_free);
  wmt_template_configure (WMT_USERS_CASEWORKER_A, populate);

  g_test_add ("/store/tamper/record-versions", WmtFixture, WMT_WITH_TEMPLATE,
              wmt_fixture_setup, test_record_versions, wmt_fixture_teardown);
  g_test_add ("/store/tamper/moved", WmtFixture, WMT_WITH_TEMPLATE,
              wmt_fixture_setup, test_moved, wmt_fixture_teardown);
  g_test_add ("/store/tamper/case-keys", WmtFixture, WMT_WITH_TEMPLATE,
              wmt_fixture_setup, test_case_keys, wmt_fixture_teardown);
  g_test_add ("/store/tamper/account-keys", WmtFixture, WMT_WITH_TEMPLATE,
              wmt_fixture_setup, test_account_keys, wmt_fixture_teardown);

  status = g_test_run ();
  wmt_template_cleanup ();
  g_ptr_array_unref (versions);
  wmt_print_derivations ();
  return status;
}
