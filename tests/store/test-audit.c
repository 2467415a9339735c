/* test-audit.c — the audit log: what is recorded, and that tampering shows
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every sign-in, view, write, approval, export and account change appends
 * an entry with who, when (the store's clock), which case and record, and
 * no personal data. The entries form a hash chain: removing an entry,
 * reordering two, editing any column of any entry, or cutting entries off
 * the end makes wm_store_verify_audit() fail and say so; an intact chain
 * verifies. The chain has no key, so each entry is also signed by the
 * account that made it: an entry appended, or rewritten with every hash
 * after it recomputed, by someone holding the file but no key is reported
 * as forged (wm-audit-forge.h plays that attacker).
 */

#define G_LOG_DOMAIN "wm-test-audit"

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "wm-audit-forge.h"
#include "wm-store-test-util.h"

#define T0 G_GINT64_CONSTANT (1893456000000000)  /* 2030-01-01 */

static gint64 the_case;

static void
populate (WmStore   *store,
          WmSession *admin)
{
  g_autoptr(WmSession) alex = wmt_sign_in (store, WMT_CASEWORKER_A, WMT_CASEWORKER_A_PASS);
  g_autoptr(GVariant) profile = wmt_payload ("{'given-name': <'Ffion'>}");
  g_autoptr(GVariant) note = wmt_payload ("{'note': <'first'>}");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = NULL;
  gint64 id;

  the_case = wm_session_create_case (alex, wmt_ids.caseworker_a, profile, &error);
  g_assert_no_error (error);
  id = wm_session_add_record (alex, the_case, WM_RECORD_CONTACT, note, &error);
  g_assert_no_error (error);
  wm_session_update_record (alex, id, note, &error);
  g_assert_no_error (error);
  records = wmt_open_case_ok (alex, the_case);
  g_assert_true (wm_session_audit (alex, "export", the_case, "referral", &error));
  g_assert_no_error (error);
  g_assert_true (wm_session_audit (alex, "print", the_case, "summary", &error));
  g_assert_no_error (error);
}

static GPtrArray *
list_audit (WmStore *store)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *entries = wm_store_list_audit (store, &error);

  g_assert_no_error (error);
  g_assert_nonnull (entries);
  return entries;
}

static void
assert_verifies (WmStore *store)
{
  g_autoptr(GPtrArray) faults = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;

  g_assert_true (wm_store_verify_audit (store, faults, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (faults->len, ==, 0);
}

typedef struct
{
  const char *action;
  gint64      user_id;
  gint64      case_id;
  gint64      record_id;
  gint64      at;
} Expect;

static void
test_actions (WmtFixture    *f,
              gconstpointer  data)
{
  g_autoptr(GVariant) profile = wmt_payload ("{'given-name': <'Seren Canary-Ap'>}");
  g_autoptr(GVariant) note = wmt_payload ("{'note': <'Seren said something'>}");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autofree char *head_before = NULL;
  g_autofree char *head_after = NULL;
  Expect expect[16];
  guint n_expect = 0, next = 0;
  gint64 case_id, record_id, user_id;
  guint first_new;
  WmSession *alex, *ada;
  WmStore *store;

  f->clock = T0;
  store = wmt_open_store (f);
  entries = list_audit (store);
  first_new = entries->len;
  g_clear_pointer (&entries, g_ptr_array_unref);
  head_before = wm_store_dup_audit_head (store);
  g_assert_nonnull (head_before);
  g_assert_cmpstr (head_before, !=, "");

#define EXPECT(act, user, kase, rec) \
  expect[n_expect++] = (Expect) { act, user, kase, rec, f->clock }; f->clock += G_USEC_PER_SEC

  wmt_count_derivation ();
  g_assert_null (wm_session_sign_in (store, WMT_CASEWORKER_A, "wrong horse battery paperclip", &error));
  g_clear_error (&error);
  EXPECT ("sign-in-failed", wmt_ids.caseworker_a, 0, 0);

  alex = wmt_sign_in (store, WMT_CASEWORKER_A, WMT_CASEWORKER_A_PASS);
  EXPECT ("sign-in", wmt_ids.caseworker_a, 0, 0);

  case_id = wm_session_create_case (alex, wmt_ids.caseworker_a, profile, &error);
  g_assert_no_error (error);
  EXPECT ("create", wmt_ids.caseworker_a, case_id, -1);

  record_id = wm_session_add_record (alex, case_id, WM_RECORD_ASSESSMENT, note, &error);
  g_assert_no_error (error);
  EXPECT ("create", wmt_ids.caseworker_a, case_id, record_id);

  wm_session_update_record (alex, record_id, note, &error);
  g_assert_no_error (error);
  EXPECT ("edit", wmt_ids.caseworker_a, case_id, record_id);

  g_assert_true (wm_session_set_record_immutable (alex, record_id, &error));
  g_assert_no_error (error);
  EXPECT ("submit", wmt_ids.caseworker_a, case_id, record_id);

  {
    g_autoptr(GPtrArray) records = wmt_open_case_ok (alex, case_id);
  }
  EXPECT ("case-view", wmt_ids.caseworker_a, case_id, 0);

  g_assert_true (wm_session_audit (alex, "export", case_id, "referral PDF", &error));
  g_assert_no_error (error);
  EXPECT ("export", wmt_ids.caseworker_a, case_id, 0);

  g_assert_true (wm_session_audit (alex, "print", case_id, "summary", &error));
  g_assert_no_error (error);
  EXPECT ("print", wmt_ids.caseworker_a, case_id, 0);

  ada = wmt_sign_in (store, WMT_ADMIN, WMT_ADMIN_PASS);
  EXPECT ("sign-in", wmt_ids.admin, 0, 0);

  wmt_count_derivation ();
  user_id = wm_session_add_user (ada, "casey.new", WM_ROLE_CASEWORKER, WMT_CASEWORKER_B_PASS, &error);
  g_assert_no_error (error);
  EXPECT ("user-add", wmt_ids.admin, 0, 0);

  g_assert_true (wm_session_disable_user (ada, user_id, &error));
  g_assert_no_error (error);
  EXPECT ("user-disable", wmt_ids.admin, 0, 0);
#undef EXPECT

  /* The entries appended are these, in this order, at these times. */
  entries = list_audit (store);
  for (guint i = 0; i < entries->len; i++)
    {
      WmAuditEntry *entry = g_ptr_array_index (entries, i);

      /* Numbered 1, 2, 3... without gaps. */
      g_assert_cmpint (entry->seq, ==, i + 1);
      /* Nothing about the young person, whatever the action. */
      g_assert_null (strstr (entry->detail, "Seren"));
      g_assert_null (strstr (entry->detail, "Canary"));
      if (i < first_new)
        continue;

      g_assert_cmpuint (next, <, n_expect);
      g_test_message ("entry %" G_GINT64_FORMAT ": %s by %" G_GINT64_FORMAT,
                      entry->seq, entry->action, entry->user_id);
      g_assert_cmpstr (entry->action, ==, expect[next].action);
      g_assert_cmpint (entry->user_id, ==, expect[next].user_id);
      g_assert_cmpint (entry->case_id, ==, expect[next].case_id);
      if (expect[next].record_id >= 0)
        g_assert_cmpint (entry->record_id, ==, expect[next].record_id);
      g_assert_cmpint (entry->at_usec, ==, expect[next].at);
      next++;
    }
  g_assert_cmpuint (next, ==, n_expect);

  assert_verifies (store);
  head_after = wm_store_dup_audit_head (store);
  g_assert_cmpstr (head_after, !=, head_before);

  g_clear_object (&ada);
  g_clear_object (&alex);
  wmt_close_store (store);

  /* The head is the file's, not the process's. */
  store = wmt_open_store (f);
  {
    g_autofree char *head_reopened = wm_store_dup_audit_head (store);

    g_assert_cmpstr (head_reopened, ==, head_after);
  }
  assert_verifies (store);
  wmt_close_store (store);
}

/* Copies the fixture's file, runs @sql on the copy, opens it and expects
 * the chain to fail verification with at least one fault. */
static void
assert_tamper_detected (WmtFixture *f,
                        const char *label,
                        const char *sql)
{
  g_autofree char *path = g_build_filename (f->dir, "tampered.db", NULL);
  g_autoptr(GPtrArray) faults = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  WmStore *store;
  sqlite3 *db;
  int changed;

  wmt_copy_file (f->path, path);
  db = wmt_db_open (path);
  changed = wmt_db_exec (db, "%s", sql);
  wmt_db_close (db);
  /* A statement that touched nothing would prove nothing. */
  g_assert_cmpint (changed, >, 0);

  store = wmt_open_store_at (path, &f->clock);
  g_assert_false (wm_store_verify_audit (store, faults, &error));
  g_assert_no_error (error);
  g_test_message ("%s: %u fault(s), first: %s", label, faults->len,
                  faults->len ? (char *) g_ptr_array_index (faults, 0) : "(none)");
  g_assert_cmpuint (faults->len, >=, 1);
  wmt_close_store (store);

  g_assert_cmpint (g_unlink (path), ==, 0);
}

static void
test_tamper (WmtFixture    *f,
             gconstpointer  data)
{
  WmStore *store;
  sqlite3 *db;
  gint64 n, mid;
  /* Each column of an entry, changed to something else of its kind. */
  const char *edits[] = {
    "seq = seq + 1000",
    "at = at + 1",
    "user_id = user_id + 1",
    "action = CASE action WHEN 'export' THEN 'print' ELSE 'export' END",
    "case_id = case_id + 1",
    "record_id = record_id + 1",
    "detail = detail || 'x'",
    "detail = ''",
    "hash = zeroblob(32)",
    "signer_generation = signer_generation + 1",
    "signature = randomblob(64)",
    /* One byte changed, whatever it was: overwriting it with a constant
     * would change nothing one time in 256. */
    "hash = CASE WHEN substr(hash, 1, 1) = x'00' THEN x'01' ELSE x'00' END || substr(hash, 2)",
  };

  /* The control: untouched, it verifies. */
  store = wmt_open_store (f);
  assert_verifies (store);
  wmt_close_store (store);

  db = wmt_db_open (f->path);
  n = wmt_db_int (db, "SELECT count(*) FROM audit");
  g_assert_cmpint (wmt_db_int (db, "SELECT max(seq) FROM audit"), ==, n);
  wmt_db_close (db);
  g_assert_cmpint (n, >=, 8);
  mid = n / 2;

  for (guint i = 0; i < G_N_ELEMENTS (edits); i++)
    {
      /* The first, a middle and the last entry. */
      gint64 rows[] = { 1, mid, n };

      for (guint r = 0; r < G_N_ELEMENTS (rows); r++)
        {
          g_autofree char *sql = g_strdup_printf ("UPDATE audit SET %s WHERE seq = %" G_GINT64_FORMAT,
                                                  edits[i], rows[r]);

          assert_tamper_detected (f, sql, sql);
        }
    }

  /* Removed: the first, one in the middle. */
  assert_tamper_detected (f, "first removed", "DELETE FROM audit WHERE seq = 1");
  {
    g_autofree char *sql = g_strdup_printf ("DELETE FROM audit WHERE seq = %" G_GINT64_FORMAT, mid);

    assert_tamper_detected (f, "middle removed", sql);
  }

  /* Reordered: two neighbours swap everything but their numbers. */
  {
    g_autofree char *sql = g_strdup_printf (
      "UPDATE audit SET (at, user_id, action, case_id, record_id, detail, hash) = "
      "(SELECT o.at, o.user_id, o.action, o.case_id, o.record_id, o.detail, o.hash FROM audit o "
      " WHERE o.seq = CASE audit.seq WHEN %" G_GINT64_FORMAT " THEN %" G_GINT64_FORMAT
      " ELSE %" G_GINT64_FORMAT " END) "
      "WHERE seq IN (%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ")",
      mid, mid + 1, mid, mid, mid + 1);

    assert_tamper_detected (f, "two swapped", sql);
  }
  /* Reordered by renumbering: the last entry moved to the front. */
  {
    g_autofree char *sql = g_strdup_printf ("UPDATE audit SET seq = 0 WHERE seq = %" G_GINT64_FORMAT, n);

    assert_tamper_detected (f, "last moved first", sql);
  }

  /* The tail cut: one entry, three, all of them. */
  {
    g_autofree char *one = g_strdup_printf ("DELETE FROM audit WHERE seq = %" G_GINT64_FORMAT, n);
    g_autofree char *three = g_strdup_printf ("DELETE FROM audit WHERE seq > %" G_GINT64_FORMAT, n - 3);

    assert_tamper_detected (f, "last removed", one);
    assert_tamper_detected (f, "last three removed", three);
    assert_tamper_detected (f, "all removed", "DELETE FROM audit");
  }
}

/* Damage stays visible after the program appends more entries: writing
 * does not re-seal a broken chain. */
static void
test_damage_persists (WmtFixture    *f,
                      gconstpointer  data)
{
  g_autoptr(GPtrArray) faults = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  WmSession *alex;
  WmStore *store;
  sqlite3 *db;
  gint64 n;

  db = wmt_db_open (f->path);
  n = wmt_db_int (db, "SELECT count(*) FROM audit");
  g_assert_cmpint (wmt_db_exec (db, "DELETE FROM audit WHERE seq = %" G_GINT64_FORMAT, n / 2), ==, 1);
  wmt_db_close (db);

  store = wmt_open_store (f);
  alex = wmt_sign_in (store, WMT_CASEWORKER_A, WMT_CASEWORKER_A_PASS);
  g_assert_true (wm_session_audit (alex, "print", the_case, "summary", &error));
  g_assert_no_error (error);

  g_assert_false (wm_store_verify_audit (store, faults, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (faults->len, >=, 1);

  /* And the session's whole-file check reports it too. */
  g_ptr_array_set_size (faults, 0);
  g_assert_false (wm_session_verify (alex, faults, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (faults->len, >=, 1);

  g_clear_object (&alex);
  wmt_close_store (store);
}

/* ---- Forgery: entries added or rewritten by someone with no key ------- */

typedef void (*ForgeFunc) (sqlite3 *db);

/* Copies the fixture's file, lets @forge work on the copy as an attacker
 * with no key would, and returns what verification finds. */
static GPtrArray *
verify_forged_copy (WmtFixture *f,
                    const char *label,
                    ForgeFunc   forge)
{
  g_autofree char *path = g_build_filename (f->dir, "forged.db", NULL);
  GPtrArray *faults = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  WmStore *store;
  sqlite3 *db;

  wmt_copy_file (f->path, path);
  db = wmt_db_open (path);
  forge (db);
  wmt_db_close (db);

  store = wmt_open_store_at (path, &f->clock);
  wm_store_verify_audit (store, faults, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < faults->len; i++)
    g_test_message ("%s: %s", label, (char *) g_ptr_array_index (faults, i));
  wmt_close_store (store);
  g_assert_cmpint (g_unlink (path), ==, 0);
  return faults;
}

static gint64
last_seq (sqlite3 *db)
{
  return wmt_db_int (db, "SELECT max(seq) FROM audit");
}

/* A view of the case by Alex that never happened, with no signature. */
static void
forge_unsigned_view (sqlite3 *db)
{
  wmt_audit_forge_append (db, wmt_ids.caseworker_a, "case-view", the_case, "", 0, NULL);
}

/* An export by Alex, with 64 bytes where her signature should be. */
static void
forge_random_signature (sqlite3 *db)
{
  guint8 signature[64];

  randombytes_buf (signature, sizeof signature);
  wmt_audit_forge_append (db, wmt_ids.caseworker_a, "export", the_case, "referral", 1, signature);
}

/* An export by Alex, properly signed, but with a key the attacker made:
 * the format of the signed message is public too. */
static void
forge_own_key (sqlite3 *db)
{
  static const char domain[] = "waymark-audit-signature-v1";
  guint8 public_key[crypto_sign_PUBLICKEYBYTES], secret_key[crypto_sign_SECRETKEYBYTES];
  guint8 previous[WMT_AUDIT_HASH_SIZE], hash[WMT_AUDIT_HASH_SIZE];
  guint8 message[sizeof domain + WMT_AUDIT_HASH_SIZE], signature[64];
  gint64 seq = last_seq (db) + 1;
  gint64 at = wmt_db_int (db, "SELECT max(at) FROM audit") + 1;

  crypto_sign_keypair (public_key, secret_key);
  wmt_audit_stored_hash (db, seq - 1, previous);
  wmt_audit_hash (db, previous, seq, at, wmt_ids.caseworker_a, "export", the_case, 0, "referral", 1, hash);
  memcpy (message, domain, sizeof domain);
  memcpy (message + sizeof domain, hash, sizeof hash);
  crypto_sign_detached (signature, NULL, message, sizeof message, secret_key);
  wmt_db_exec (db, "INSERT INTO audit (seq, at, user_id, action, case_id, record_id, detail, hash, "
               "signer_generation, signature) VALUES (%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ", %"
               G_GINT64_FORMAT ", 'export', %" G_GINT64_FORMAT ", 0, 'referral', x'%s', 1, x'%s')",
               seq, at, wmt_ids.caseworker_a, the_case,
               sodium_bin2hex ((char[65]) { 0 }, 65, hash, sizeof hash),
               sodium_bin2hex ((char[129]) { 0 }, 129, signature, sizeof signature));
  wmt_audit_repair_head (db);
}

/* The database's creation may be unsigned, as its first entry only. */
static void
forge_unsigned_create (sqlite3 *db)
{
  wmt_audit_forge_append (db, 0, "create", 0, "organisation", 0, NULL);
}

/* An old entry's detail changed, and every hash from it on recomputed: the
 * chain holds, and only the signatures tell. */
static void
forge_edit_rechained (sqlite3 *db)
{
  gint64 seq = wmt_db_int (db, "SELECT min(seq) FROM audit WHERE action = 'export'");

  g_assert_cmpint (wmt_db_exec (db, "UPDATE audit SET detail = 'nothing' WHERE seq = %" G_GINT64_FORMAT, seq),
                   ==, 1);
  wmt_audit_rechain_from (db, seq);
}

/* A signed entry made to look like one that needs no signature: its
 * signature dropped and the chain recomputed. */
static void
forge_signature_dropped (sqlite3 *db)
{
  gint64 seq = wmt_db_int (db, "SELECT min(seq) FROM audit WHERE action = 'export'");

  wmt_db_exec (db, "UPDATE audit SET signature = NULL, signer_generation = 0 WHERE seq = %" G_GINT64_FORMAT, seq);
  wmt_audit_rechain_from (db, seq);
}

/* What an attacker can add, and the log accepts: a failed sign-in, which
 * no account could have signed. */
static void
forge_failed_sign_in (sqlite3 *db)
{
  wmt_audit_forge_append (db, wmt_ids.caseworker_a, "sign-in-failed", 0, "wrong passphrase", 0, NULL);
}

/* The key generation an entry names, changed: it is part of the hash. */
static void
forge_generation (sqlite3 *db)
{
  gint64 seq = wmt_db_int (db, "SELECT min(seq) FROM audit WHERE action = 'export'");

  g_assert_cmpint (wmt_db_exec (db, "UPDATE audit SET signer_generation = signer_generation + 1 "
                                "WHERE seq = %" G_GINT64_FORMAT, seq), ==, 1);
}

static void
forge_nothing (sqlite3 *db)
{
}

typedef struct
{
  const char *name;
  ForgeFunc   forge;
  const char *fault;    /* what a fault must say; NULL: the copy verifies */
  const char *never;    /* what no fault may say, or NULL */
} Forgery;

static const Forgery forgeries[] = {
  /* The controls: the file as Waymark left it, and with a failed sign-in
   * added (which no account could sign), verify. */
  { "untouched", forge_nothing, NULL, NULL },
  { "failed-sign-in-added", forge_failed_sign_in, NULL, NULL },
  /* Appended: the chain and the head are right, the signature is not. */
  { "unsigned-view", forge_unsigned_view, "carries no signature", NULL },
  { "unsigned-creation", forge_unsigned_create, "carries no signature", NULL },
  { "random-signature", forge_random_signature, "valid signature", NULL },
  { "own-key", forge_own_key, "valid signature", NULL },
  /* Rewritten and re-chained: no entry fails its hash; the signatures
   * from the edit on do. */
  { "edited-rechained", forge_edit_rechained, "valid signature", "does not match the chain" },
  { "signature-dropped", forge_signature_dropped, "carries no signature", "does not match the chain" },
  { "generation-changed", forge_generation, "does not match the chain", NULL },
};

static void
test_forgery (WmtFixture    *f,
              gconstpointer  data)
{
  const Forgery *forgery = data;
  g_autoptr(GPtrArray) faults = verify_forged_copy (f, forgery->name, forgery->forge);

  if (forgery->fault == NULL)
    {
      g_assert_cmpuint (faults->len, ==, 0);
      return;
    }
  g_assert_true (wmt_faults_mention (faults, forgery->fault));
  if (forgery->never != NULL)
    g_assert_false (wmt_faults_mention (faults, forgery->never));
}

static void
setup_forgery (WmtFixture    *f,
               gconstpointer  data)
{
  wmt_fixture_setup (f, WMT_WITH_TEMPLATE);
}

/* Every entry a signed-in account makes carries its signature, by the key
 * of the generation the entry names; failed sign-ins and the creation do
 * not. */
static void
test_signed (WmtFixture    *f,
             gconstpointer  data)
{
  sqlite3 *db = wmt_db_open (f->path);
  gint64 unsigned_other, signed_entries;

  unsigned_other = wmt_db_int (db, "SELECT count(*) FROM audit WHERE signature IS NULL "
                               "AND action <> 'sign-in-failed' AND NOT (seq = 1 AND action = 'create')");
  signed_entries = wmt_db_int (db, "SELECT count(*) FROM audit WHERE length(signature) = 64 "
                               "AND signer_generation >= 1 AND user_id > 0");
  g_assert_cmpint (unsigned_other, ==, 0);
  g_assert_cmpint (signed_entries, ==, wmt_db_int (db, "SELECT count(*) FROM audit") - 1);
  wmt_db_close (db);
}

/* Who may read the log is the session's rule, whichever program asks. */
static void
test_who_reads (WmtFixture    *f,
                gconstpointer  data)
{
  g_autoptr(WmStore) store = wmt_open_store (f);
  g_autoptr(WmSession) caseworker = wmt_sign_in (store, WMT_CASEWORKER_A, WMT_CASEWORKER_A_PASS);
  g_autoptr(WmSession) admin = wmt_sign_in (store, WMT_ADMIN, WMT_ADMIN_PASS);
  g_autoptr(GPtrArray) refused = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;

  refused = wm_session_list_audit (caseworker, &error);
  g_assert_null (refused);
  g_assert_error (error, WM_STORE_ERROR, WM_STORE_ERROR_PERMISSION);
  g_clear_error (&error);

  entries = wm_session_list_audit (admin, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, >, 0);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  g_assert_true (wm_crypto_init ());
  wmt_template_configure (WMT_USERS_CASEWORKER_A, populate);

  g_test_add ("/store/audit/actions", WmtFixture, WMT_WITH_TEMPLATE,
              wmt_fixture_setup, test_actions, wmt_fixture_teardown);
  g_test_add ("/store/audit/tamper", WmtFixture, WMT_WITH_TEMPLATE,
              wmt_fixture_setup, test_tamper, wmt_fixture_teardown);
  g_test_add ("/store/audit/damage-persists", WmtFixture, WMT_WITH_TEMPLATE,
              wmt_fixture_setup, test_damage_persists, wmt_fixture_teardown);
  g_test_add ("/store/audit/who-reads", WmtFixture, WMT_WITH_TEMPLATE,
              wmt_fixture_setup, test_who_reads, wmt_fixture_teardown);
  g_test_add ("/store/audit/signed", WmtFixture, WMT_WITH_TEMPLATE,
              wmt_fixture_setup, test_signed, wmt_fixture_teardown);
  for (guint i = 0; i < G_N_ELEMENTS (forgeries); i++)
    {
      g_autofree char *path = g_strconcat ("/store/audit/forgery/", forgeries[i].name, NULL);

      g_test_add (path, WmtFixture, &forgeries[i], setup_forgery, test_forgery, wmt_fixture_teardown);
    }

  status = g_test_run ();
  wmt_template_cleanup ();
  wmt_print_derivations ();
  return status;
}
