/* test-card.c — the caseload card: current after every write, and an old,
 * moved or deleted card never shown as current
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The card (app/store/wm-card.c) is what a caseload row shows, sealed
 * under the case key and bound to the case's manifest summary. A caseload
 * entry read from a card has only the card's keys; one read from the
 * records has the whole profile, so the tests tell the two paths apart by
 * a key the card does not keep ("referral-source"). The attacks are made
 * with SQL on the file, holding no key.
 */

#define G_LOG_DOMAIN "wm-test-card"

#include "config.h"

#include <string.h>

#include "wm-store-test-util.h"
#include "wm-store-private.h"

static gint64 the_case, other_case, the_assessment;

#define PROFILE \
  "{'given-name': <'Ffion'>, 'family-name': <'Morgan'>, 'preferred-name': <'Ffi'>, " \
  "'date-of-birth': <'2010-04-01'>, 'local-authority': <'shropshire'>, 'programme': <'mentoring'>, " \
  "'status': <'active'>, 'referral-source': <'police'>}"
#define ASSESSMENT(level) \
  "{'state': <'draft'>, 'next-review': <'2026-06-01'>, 'answers': <{'q1': <'yes'>}>, " \
  "'judgements': <{'safety-wellbeing': <'" level "'>, 'serious-harm': <'low'>}>}"

static void
populate (WmStore   *store,
          WmSession *admin)
{
  g_autoptr(GVariant) profile = wmt_payload (PROFILE);
  g_autoptr(GVariant) other = wmt_payload ("{'given-name': <'Osian'>, 'referral-source': <'school'>}");
  g_autoptr(GVariant) contact = wmt_payload ("{'date': <'2026-01-10'>, 'note': <'first meeting'>}");
  g_autoptr(GVariant) other_contact = wmt_payload ("{'date': <'2025-11-30'>}");
  g_autoptr(GVariant) assessment = wmt_payload (ASSESSMENT ("medium"));
  g_autoptr(WmSession) alex = wmt_sign_in (store, WMT_CASEWORKER_A, WMT_CASEWORKER_A_PASS);
  g_autoptr(GError) error = NULL;

  the_case = wm_session_create_case (alex, wmt_ids.caseworker_a, profile, &error);
  g_assert_no_error (error);
  g_assert_cmpint (wm_session_add_record (alex, the_case, WM_RECORD_CONTACT, contact, &error), >, 0);
  the_assessment = wm_session_add_record (alex, the_case, WM_RECORD_ASSESSMENT, assessment, &error);
  g_assert_no_error (error);
  other_case = wm_session_create_case (alex, wmt_ids.caseworker_a, other, &error);
  g_assert_no_error (error);
  g_assert_cmpint (wm_session_add_record (alex, other_case, WM_RECORD_CONTACT, other_contact, &error), >, 0);
  g_assert_no_error (error);
}

/* What one caseload row shows. */
typedef struct
{
  gboolean  from_card;
  char     *given_name;
  char     *preferred_name;
  char     *safety;        /* NULL: no assessment shown */
  char     *state;
  gboolean  has_answers;
  char     *last_contact_on;
  GError   *error;
} Row;

static void
row_clear (Row *row)
{
  g_free (row->given_name);
  g_free (row->preferred_name);
  g_free (row->safety);
  g_free (row->state);
  g_free (row->last_contact_on);
  g_clear_error (&row->error);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Row, row_clear)

static void
list_row (WmSession *session,
          gint64     case_id,
          Row       *row)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) caseload = wm_session_list_caseload (session, &error);
  WmCaseloadEntry *entry = NULL;

  g_assert_no_error (error);
  memset (row, 0, sizeof *row);
  for (guint i = 0; i < caseload->len; i++)
    {
      WmCaseloadEntry *e = g_ptr_array_index (caseload, i);

      if (e->info.id == case_id)
        entry = e;
    }
  g_assert_nonnull (entry);
  row->error = entry->error != NULL ? g_error_copy (entry->error) : NULL;
  row->last_contact_on = g_strdup (entry->last_contact_on);
  if (entry->profile != NULL)
    {
      row->from_card = !g_variant_lookup (entry->profile, "referral-source", "&s", NULL);
      g_variant_lookup (entry->profile, "given-name", "s", &row->given_name);
      g_variant_lookup (entry->profile, "preferred-name", "s", &row->preferred_name);
    }
  if (entry->latest_assessment != NULL)
    {
      g_autoptr(GVariant) judgements = g_variant_lookup_value (entry->latest_assessment, "judgements",
                                                               G_VARIANT_TYPE ("a{sv}"));

      g_assert_nonnull (judgements);
      g_variant_lookup (judgements, "safety-wellbeing", "s", &row->safety);
      g_variant_lookup (entry->latest_assessment, "state", "s", &row->state);
      row->has_answers = g_variant_lookup_value (entry->latest_assessment, "answers", NULL) != NULL;
    }
}

/* Lists and checks the row shows what it should, from its card. */
static void
assert_card_row (WmSession  *session,
                 gint64      case_id,
                 const char *preferred_name,
                 const char *safety,
                 const char *last_contact_on)
{
  g_auto (Row) row;

  list_row (session, case_id, &row);
  g_assert_no_error (row.error);
  g_assert_true (row.from_card);
  g_assert_cmpstr (row.preferred_name, ==, preferred_name);
  g_assert_cmpstr (row.safety, ==, safety);
  g_assert_false (row.has_answers);
  g_assert_cmpstr (row.last_contact_on, ==, last_contact_on);
}

static GBytes *
card_of (sqlite3 *db,
         gint64   case_id)
{
  return wmt_db_blob (db, "SELECT card FROM cases WHERE id = %" G_GINT64_FORMAT, case_id);
}

/* The card is current after each kind of write, and read instead of the
 * records; a write that changes nothing it holds leaves it as it was. */
static void
test_current (WmtFixture    *f,
              gconstpointer  data)
{
  g_autoptr(GVariant) profile2 = wmt_payload ("{'given-name': <'Ffion'>, 'preferred-name': <'Fi'>, "
                                              "'referral-source': <'police'>, 'status': <'active'>}");
  g_autoptr(GVariant) contact2 = wmt_payload ("{'date': <'2026-01-12'>, 'note': <'first meeting'>}");
  g_autoptr(GVariant) older = wmt_payload ("{'date': <'2025-12-01'>, 'note': <'written up late'>}");
  g_autoptr(GVariant) high = wmt_payload (ASSESSMENT ("high"));
  g_autoptr(GVariant) low = wmt_payload (ASSESSMENT ("low"));
  g_autoptr(GVariant) plan = wmt_payload ("{'goals': <['college']>}");
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  WmStore *store = wmt_open_store (f);
  sqlite3 *db = wm_store_get_db (store);
  WmSession *alex = wmt_sign_in (store, WMT_CASEWORKER_A, WMT_CASEWORKER_A_PASS);
  WmSession *sam, *blake;
  gint64 contact_id, amendment;

  contact_id = wmt_db_int (db, "SELECT id FROM records WHERE case_id = %" G_GINT64_FORMAT " AND kind = 2",
                           the_case);
  /* Created, with a contact and an assessment. */
  assert_card_row (alex, the_case, "Ffi", "medium", "2026-01-10");
  assert_card_row (alex, other_case, NULL, NULL, "2025-11-30");

  /* An edit of each summarised kind. */
  g_assert_cmpuint (wm_session_update_record (alex, the_assessment, high, &error), ==, 2);
  g_assert_no_error (error);
  assert_card_row (alex, the_case, "Ffi", "high", "2026-01-10");
  g_assert_cmpuint (wm_session_update_record (alex, wmt_db_int (db, "SELECT id FROM records WHERE kind = 1 "
                                                                "AND case_id = %" G_GINT64_FORMAT, the_case),
                                              profile2, &error), ==, 2);
  g_assert_no_error (error);
  assert_card_row (alex, the_case, "Fi", "high", "2026-01-10");
  g_assert_cmpuint (wm_session_update_record (alex, contact_id, contact2, &error), ==, 2);
  g_assert_no_error (error);
  assert_card_row (alex, the_case, "Fi", "high", "2026-01-12");

  /* Submitted, then approved by the supervisor, who lists from the card
   * once the manifest's signatures are checked. Neither changes it. */
  before = card_of (db, the_case);
  g_assert_true (wm_session_set_record_immutable (alex, the_assessment, &error));
  g_assert_no_error (error);
  sam = wmt_sign_in (store, WMT_SUPERVISOR, WMT_SUPERVISOR_PASS);
  g_assert_true (wm_session_approve_record (sam, the_assessment, 2, &error));
  g_assert_no_error (error);
  after = card_of (db, the_case);
  g_assert_true (g_bytes_equal (before, after));
  assert_card_row (sam, the_case, "Fi", "high", "2026-01-12");
  assert_card_row (alex, the_case, "Fi", "high", "2026-01-12");

  /* An amendment is the latest assessment now. */
  amendment = wm_session_amend_record (alex, the_assessment, low, &error);
  g_assert_no_error (error);
  g_assert_cmpint (amendment, >, the_assessment);
  assert_card_row (alex, the_case, "Fi", "low", "2026-01-12");

  /* The newest contact record is the last contact, whatever its date. */
  g_assert_cmpint (wm_session_add_record (alex, the_case, WM_RECORD_CONTACT, older, &error), >, 0);
  g_assert_no_error (error);
  assert_card_row (alex, the_case, "Fi", "low", "2025-12-01");

  /* A plan changes nothing on the card. */
  g_clear_pointer (&before, g_bytes_unref);
  g_clear_pointer (&after, g_bytes_unref);
  before = card_of (db, the_case);
  g_assert_cmpint (wm_session_add_record (alex, the_case, WM_RECORD_PLAN, plan, &error), >, 0);
  g_assert_no_error (error);
  after = card_of (db, the_case);
  g_assert_true (g_bytes_equal (before, after));

  /* Reassigned: the new caseworker reads the same card. */
  g_assert_true (wm_session_reassign_case (sam, the_case, wmt_ids.caseworker_b, &error));
  g_assert_no_error (error);
  blake = wmt_sign_in (store, WMT_CASEWORKER_B, WMT_CASEWORKER_B_PASS);
  assert_card_row (blake, the_case, "Fi", "low", "2025-12-01");

  g_clear_object (&blake);
  g_clear_object (&sam);
  g_clear_object (&alex);
  wmt_close_store (store);
}

typedef enum
{
  PUT_BACK_CARD = 1,      /* the card alone, from before the writes */
  PUT_BACK_CARD_SUMMARY,  /* with the case row's summary and the holder's MAC of it */
  MOVE_CARD,              /* another case's card */
  DELETE_CARD,
  DAMAGE_CARD,
} CardAttack;

/* After the attack the row never shows the old data: it is read from the
 * records (current data), or, when the summary itself was put back, the
 * records that are not as it lists are reported. The next listing reads a
 * new card. */
static void
test_attack (WmtFixture    *f,
             gconstpointer  data)
{
  CardAttack attack = GPOINTER_TO_INT (data);
  g_autoptr(GVariant) high = wmt_payload (ASSESSMENT ("high"));
  g_autoptr(GVariant) contact = wmt_payload ("{'date': <'2026-02-01'>}");
  g_autoptr(GBytes) old_card = NULL;
  g_autoptr(GBytes) old_summary = NULL;
  g_autoptr(GBytes) old_mac = NULL;
  g_autoptr(GError) error = NULL;
  g_auto (Row) row;
  WmStore *store;
  WmSession *alex;
  sqlite3 *db;

  db = wmt_db_open (f->path);
  old_card = card_of (db, the_case);
  old_summary = wmt_db_blob (db, "SELECT manifest_summary FROM cases WHERE id = %" G_GINT64_FORMAT, the_case);
  old_mac = wmt_db_blob (db, "SELECT summary_mac FROM case_keys WHERE case_id = %" G_GINT64_FORMAT
                         " AND user_id = %" G_GINT64_FORMAT, the_case, wmt_ids.caseworker_a);
  g_assert_nonnull (old_card);
  wmt_db_close (db);

  /* Later writes: a new assessment version and a new contact. */
  store = wmt_open_store (f);
  alex = wmt_sign_in (store, WMT_CASEWORKER_A, WMT_CASEWORKER_A_PASS);
  g_assert_cmpuint (wm_session_update_record (alex, the_assessment, high, &error), ==, 2);
  g_assert_no_error (error);
  g_assert_cmpint (wm_session_add_record (alex, the_case, WM_RECORD_CONTACT, contact, &error), >, 0);
  g_assert_no_error (error);
  assert_card_row (alex, the_case, "Ffi", "high", "2026-02-01");
  g_clear_object (&alex);
  wmt_close_store (store);

  db = wmt_db_open (f->path);
  switch (attack)
    {
    case PUT_BACK_CARD_SUMMARY:
      wmt_db_set_blob (db, old_summary, "UPDATE cases SET manifest_summary = ?1 WHERE id = %" G_GINT64_FORMAT,
                       the_case);
      wmt_db_set_blob (db, old_mac, "UPDATE case_keys SET summary_mac = ?1 WHERE case_id = %" G_GINT64_FORMAT
                       " AND user_id = %" G_GINT64_FORMAT, the_case, wmt_ids.caseworker_a);
      G_GNUC_FALLTHROUGH;
    case PUT_BACK_CARD:
      wmt_db_set_blob (db, old_card, "UPDATE cases SET card = ?1 WHERE id = %" G_GINT64_FORMAT, the_case);
      break;
    case MOVE_CARD:
      wmt_db_exec (db, "UPDATE cases SET card = (SELECT card FROM cases WHERE id = %" G_GINT64_FORMAT ") "
                   "WHERE id = %" G_GINT64_FORMAT, other_case, the_case);
      break;
    case DELETE_CARD:
      wmt_db_exec (db, "UPDATE cases SET card = NULL WHERE id = %" G_GINT64_FORMAT, the_case);
      break;
    case DAMAGE_CARD:
      {
        g_autoptr(GBytes) card = card_of (db, the_case);
        g_autoptr(GByteArray) bad = g_bytes_unref_to_array (g_bytes_ref (card));
        g_autoptr(GBytes) bad_bytes = NULL;

        bad->data[bad->len / 2] ^= 0x01;
        bad_bytes = g_byte_array_free_to_bytes (g_steal_pointer (&bad));
        wmt_db_set_blob (db, bad_bytes, "UPDATE cases SET card = ?1 WHERE id = %" G_GINT64_FORMAT, the_case);
      }
      break;
    default:
      g_assert_not_reached ();
    }
  wmt_db_close (db);

  store = wmt_open_store (f);
  alex = wmt_sign_in (store, WMT_CASEWORKER_A, WMT_CASEWORKER_A_PASS);
  list_row (alex, the_case, &row);
  g_assert_false (row.from_card);
  g_assert_cmpstr (row.given_name, ==, "Ffion");
  /* Never the old card's. */
  g_assert_cmpstr (row.safety, !=, "medium");
  g_assert_cmpstr (row.last_contact_on, !=, "2026-01-10");
  if (attack == PUT_BACK_CARD_SUMMARY)
    {
      /* The summary put back names the old assessment version, and the
       * file's newest is not it: reported, not shown. */
      g_assert_error (row.error, WM_STORE_ERROR, WM_STORE_ERROR_CORRUPT);
      g_assert_null (row.safety);
      g_assert_null (row.last_contact_on);
    }
  else
    {
      g_assert_no_error (row.error);
      g_assert_cmpstr (row.safety, ==, "high");
      g_assert_true (row.has_answers);
      g_assert_cmpstr (row.last_contact_on, ==, "2026-02-01");
      /* The listing wrote a new card. */
      assert_card_row (alex, the_case, "Ffi", "high", "2026-02-01");
    }
  /* The other case is untouched. */
  assert_card_row (alex, other_case, NULL, NULL, "2025-11-30");

  g_clear_object (&alex);
  wmt_close_store (store);
}

/* A head version that does not fit the integer the caseload compares
 * must not pass for the version the summary names: set to the named
 * version plus 2^32 (which a 32-bit read of it would see as the named
 * one), or plus the record id shifted into the bits above the version
 * (which the caseload query's packing of id and version would fold into
 * the named pair were it not refused). The row is reported, not shown
 * from its card. */
static void
test_head_out_of_range (WmtFixture    *f,
                        gconstpointer  data)
{
  const char *new_head = data;
  g_auto (Row) row;
  WmStore *store;
  WmSession *alex;
  sqlite3 *db;

  store = wmt_open_store (f);
  alex = wmt_sign_in (store, WMT_CASEWORKER_A, WMT_CASEWORKER_A_PASS);
  assert_card_row (alex, the_case, "Ffi", "medium", "2026-01-10");
  g_clear_object (&alex);
  wmt_close_store (store);

  db = wmt_db_open (f->path);
  wmt_db_exec (db, "UPDATE records SET head_version = %s WHERE id = %" G_GINT64_FORMAT, new_head, the_assessment);
  wmt_db_close (db);

  store = wmt_open_store (f);
  alex = wmt_sign_in (store, WMT_CASEWORKER_A, WMT_CASEWORKER_A_PASS);
  list_row (alex, the_case, &row);
  g_assert_false (row.from_card);
  g_assert_error (row.error, WM_STORE_ERROR, WM_STORE_ERROR_CORRUPT);
  g_assert_null (row.safety);
  /* The other case is untouched. */
  assert_card_row (alex, other_case, NULL, NULL, "2025-11-30");
  g_clear_object (&alex);
  wmt_close_store (store);
}

/* A file of schema 3: no card column (nor what later migrations made),
 * summaries of the profile and assessment only. It opens at the current
 * schema, lists from the records with the last contact, and its cases get
 * cards. */
static void
test_from_schema_3 (WmtFixture    *f,
                    gconstpointer  data)
{
  sqlite3 *db = wmt_db_open (f->path);
  WmStore *store;
  WmSession *alex;

  /* What later migrations made, too. */
  wmt_db_exec (db, "DROP TABLE org_settings");
  wmt_db_exec (db, "DROP TABLE partners");
  wmt_db_exec (db, "DELETE FROM sqlite_sequence WHERE name = 'partners'");
  wmt_db_exec (db, "ALTER TABLE cases DROP COLUMN card");
  wmt_db_exec (db, "UPDATE cases SET manifest_summary = substr (manifest_summary, 1, 104)");
  wmt_db_exec (db, "PRAGMA user_version = 3");
  wmt_db_close (db);

  store = wmt_open_store (f);
  g_assert_cmpint (wm_store_get_schema_version (store), ==, WM_SCHEMA_VERSION);
  alex = wmt_sign_in (store, WMT_CASEWORKER_A, WMT_CASEWORKER_A_PASS);
  {
    g_auto (Row) row;

    list_row (alex, the_case, &row);
    g_assert_no_error (row.error);
    g_assert_false (row.from_card);
    g_assert_cmpstr (row.safety, ==, "medium");
    g_assert_cmpstr (row.last_contact_on, ==, "2026-01-10");
  }
  assert_card_row (alex, the_case, "Ffi", "medium", "2026-01-10");
  assert_card_row (alex, other_case, NULL, NULL, "2025-11-30");
  g_assert_cmpint (wmt_db_int (wm_store_get_db (store), "SELECT count(*) FROM cases WHERE card IS NULL "
                               "OR length (manifest_summary) != 156"), ==, 0);
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
  wmt_template_configure (WMT_USERS_CASEWORKER_A | WMT_USERS_CASEWORKER_B | WMT_USERS_SUPERVISOR, populate);

  g_test_add ("/store/card/current-after-writes", WmtFixture, WMT_WITH_TEMPLATE,
              wmt_fixture_setup, test_current, wmt_fixture_teardown);
  g_test_add ("/store/card/old-card-put-back", WmtFixture, GINT_TO_POINTER (PUT_BACK_CARD),
              wmt_fixture_setup, test_attack, wmt_fixture_teardown);
  g_test_add ("/store/card/old-card-and-summary-put-back", WmtFixture, GINT_TO_POINTER (PUT_BACK_CARD_SUMMARY),
              wmt_fixture_setup, test_attack, wmt_fixture_teardown);
  g_test_add ("/store/card/moved-from-another-case", WmtFixture, GINT_TO_POINTER (MOVE_CARD),
              wmt_fixture_setup, test_attack, wmt_fixture_teardown);
  g_test_add ("/store/card/deleted", WmtFixture, GINT_TO_POINTER (DELETE_CARD),
              wmt_fixture_setup, test_attack, wmt_fixture_teardown);
  g_test_add ("/store/card/damaged", WmtFixture, GINT_TO_POINTER (DAMAGE_CARD),
              wmt_fixture_setup, test_attack, wmt_fixture_teardown);
  g_test_add ("/store/card/head-version-beyond-32-bits", WmtFixture, "head_version + 4294967296",
              wmt_fixture_setup, test_head_out_of_range, wmt_fixture_teardown);
  g_test_add ("/store/card/head-version-over-id-bits", WmtFixture, "head_version + (id << 31)",
              wmt_fixture_setup, test_head_out_of_range, wmt_fixture_teardown);
  g_test_add ("/store/card/from-schema-3", WmtFixture, WMT_WITH_TEMPLATE,
              wmt_fixture_setup, test_from_schema_3, wmt_fixture_teardown);

  status = g_test_run ();
  wmt_print_derivations ();
  return status;
}
