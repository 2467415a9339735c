/* test-freshness.c — a computer that has seen a newer database refuses an older one
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each attack here is made as someone who can write the file but holds no
 * key: they cut the audit log's tail and repair its head in meta, or put
 * back an older directory (each row and the head validly signed, only
 * older), or an older copy of the whole file. Every hash and signature
 * left is valid, so nothing inside the file tells. A computer that has
 * seen the newer state remembers it outside the file (wm-freshness.c):
 * there, sign-in fails with WM_STORE_ERROR_ROLLED_BACK and verification
 * reports it. A computer that never saw the newer state cannot tell, and
 * the tests say so: that is the limit of the defence.
 *
 * Each test's fixture is one computer (its state folder is in the
 * test's directory); "a fresh computer" is another, empty state folder.
 */

#define G_LOG_DOMAIN "wm-test-freshness"

#include "config.h"

#include <string.h>
#include <sys/stat.h>

#include <glib/gstdio.h>

#include "wm-audit-forge.h"
#include "wm-freshness.h"
#include "wm-store-test-util.h"

static gint64 the_case;

static void
populate (WmStore   *store,
          WmSession *admin)
{
  g_autoptr(WmSession) alex = wmt_sign_in (store, WMT_CASEWORKER_A, WMT_CASEWORKER_A_PASS);
  g_autoptr(GVariant) profile = wmt_payload ("{'given-name': <'Ffion'>}");
  g_autoptr(GError) error = NULL;

  the_case = wm_session_create_case (alex, wmt_ids.caseworker_a, profile, &error);
  g_assert_no_error (error);
}

/* This computer's state folder, and another one that has seen nothing. */
static char *
device_dir (WmtFixture *f)
{
  return g_build_filename (f->dir, "state", NULL);
}

static char *
fresh_device_dir (WmtFixture *f,
                  const char *name)
{
  return g_build_filename (f->dir, name, NULL);
}

/* Alex signs in on this computer, prints three times, and signs out: the
 * computer has seen the log up to there. */
static gint64
alex_works (WmtFixture *f)
{
  g_autoptr(GError) error = NULL;
  WmStore *store = wmt_open_store (f);
  WmSession *alex = wmt_sign_in (store, WMT_CASEWORKER_A, WMT_CASEWORKER_A_PASS);
  gint64 last;

  for (int i = 0; i < 3; i++)
    {
      g_assert_true (wm_session_audit (alex, "print", the_case, "summary", &error));
      g_assert_no_error (error);
    }
  g_clear_object (&alex);
  last = wmt_db_int (wm_store_get_db (store), "SELECT max(seq) FROM audit");
  wmt_close_store (store);
  return last;
}

static GPtrArray *
verify (WmtFixture *f)
{
  GPtrArray *faults = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  WmStore *store = wmt_open_store (f);

  wm_store_verify_audit (store, faults, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < faults->len; i++)
    g_test_message ("fault: %s", (char *) g_ptr_array_index (faults, i));
  wmt_close_store (store);
  return faults;
}

/* Sign-in on this computer is refused as rolled back, with a message
 * that says what happened and what to do. */
static void
assert_sign_in_refused (WmtFixture *f,
                        const char *name,
                        const char *passphrase,
                        const char *says)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WmSession) session = NULL;
  WmStore *store = wmt_open_store (f);

  session = wm_session_sign_in (store, name, passphrase, &error);
  g_assert_null (session);
  g_assert_error (error, WM_STORE_ERROR, WM_STORE_ERROR_ROLLED_BACK);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "older than one this computer has already seen"));
  g_assert_nonnull (strstr (error->message, "Ask an administrator"));
  g_assert_nonnull (strstr (error->message, says));
  wmt_close_store (store);
}

/* On another computer that never saw the newer state, the file passes. */
static void
assert_fresh_device_accepts (WmtFixture *f,
                             const char *name)
{
  g_autofree char *fresh = fresh_device_dir (f, name);
  g_autofree char *own = device_dir (f);
  g_autoptr(GPtrArray) faults = NULL;

  wm_freshness_set_dir (fresh);
  faults = verify (f);
  g_assert_cmpuint (faults->len, ==, 0);
  wm_freshness_set_dir (own);
}

static void
test_tail_cut (WmtFixture    *f,
               gconstpointer  data)
{
  g_autoptr(GPtrArray) faults = NULL;
  gint64 last = alex_works (f);
  sqlite3 *db;

  /* The last three entries deleted, meta's head copied from the entry now
   * last: nothing to recompute. */
  db = wmt_db_open (f->path);
  wmt_audit_cut_tail (db, last - 3);
  wmt_db_close (db);

  /* Another computer cannot tell. */
  assert_fresh_device_accepts (f, "fresh");

  /* This one can. */
  faults = verify (f);
  g_assert_cmpuint (faults->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (faults, 0), "3 entries at the end of its audit log are missing"));
  assert_sign_in_refused (f, WMT_CASEWORKER_A, WMT_CASEWORKER_A_PASS, "3 entries");
}

/* The tail cut and as many failed sign-ins appended, which need no
 * signature: the count is what this computer saw, the entries are not. */
static void
test_tail_replaced (WmtFixture    *f,
                    gconstpointer  data)
{
  g_autoptr(GPtrArray) faults = NULL;
  gint64 last = alex_works (f);
  sqlite3 *db;

  db = wmt_db_open (f->path);
  wmt_audit_cut_tail (db, last - 2);
  wmt_audit_forge_append (db, wmt_ids.caseworker_a, "sign-in-failed", 0, "wrong passphrase", 0, NULL);
  wmt_audit_forge_append (db, wmt_ids.caseworker_a, "sign-in-failed", 0, "wrong passphrase", 0, NULL);
  g_assert_cmpint (wmt_db_int (db, "SELECT max(seq) FROM audit"), ==, last);
  wmt_db_close (db);

  assert_fresh_device_accepts (f, "fresh");
  faults = verify (f);
  g_assert_cmpuint (faults->len, ==, 1);
  assert_sign_in_refused (f, WMT_CASEWORKER_A, WMT_CASEWORKER_A_PASS, "is not the one this computer saw");
}

/* The directory as it was before an account was disabled: every row, and
 * the head over them, signed by the organisation, only older. Blake's
 * account is active again in it. */
static void
test_directory_rolled_back (WmtFixture    *f,
                            gconstpointer  data)
{
  g_autofree char *old = g_build_filename (f->dir, "old.db", NULL);
  g_autofree char *fresh = fresh_device_dir (f, "fresh");
  g_autofree char *own = device_dir (f);
  g_autoptr(GPtrArray) faults = NULL;
  g_autoptr(GError) error = NULL;
  WmSession *ada, *blake;
  WmStore *store;
  sqlite3 *db;

  wmt_copy_file (f->path, old);

  store = wmt_open_store (f);
  ada = wmt_sign_in (store, WMT_ADMIN, WMT_ADMIN_PASS);
  g_assert_true (wm_session_disable_user (ada, wmt_ids.caseworker_b, &error));
  g_assert_no_error (error);
  g_clear_object (&ada);
  wmt_close_store (store);

  db = wmt_db_open (f->path);
  wmt_db_exec (db, "ATTACH '%s' AS old", old);
  g_assert_cmpint (wmt_db_exec (db, "UPDATE users SET (disabled, certificate, organisation_seal) = "
                                "(SELECT o.disabled, o.certificate, o.organisation_seal FROM old.users o "
                                "WHERE o.id = users.id)"), >, 0);
  g_assert_cmpint (wmt_db_exec (db, "UPDATE meta SET value = (SELECT o.value FROM old.meta o WHERE o.key = meta.key) "
                                "WHERE key IN ('directory-epoch', 'directory-signature')"), ==, 2);
  wmt_db_exec (db, "DETACH old");
  g_assert_cmpint (wmt_db_int (db, "SELECT disabled FROM users WHERE id = %" G_GINT64_FORMAT,
                               wmt_ids.caseworker_b), ==, 0);
  wmt_db_close (db);

  /* On a computer that never saw the newer directory, the old one holds
   * every signature, and Blake signs in again. */
  wm_freshness_set_dir (fresh);
  store = wmt_open_store (f);
  g_assert_true (wm_freshness_check (store, &error));
  g_assert_no_error (error);
  blake = wmt_sign_in (store, WMT_CASEWORKER_B, WMT_CASEWORKER_B_PASS);
  g_clear_object (&blake);
  wmt_close_store (store);
  wm_freshness_set_dir (own);

  /* This computer saw the account disabled. */
  faults = verify (f);
  g_assert_cmpuint (faults->len, >=, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (faults, faults->len - 1), "list of staff accounts is at change"));
  assert_sign_in_refused (f, WMT_CASEWORKER_B, WMT_CASEWORKER_B_PASS, "list of staff accounts is at change");
  assert_sign_in_refused (f, WMT_CASEWORKER_A, WMT_CASEWORKER_A_PASS, "list of staff accounts");
}

/* An older copy of the whole file put back. */
static void
test_file_rolled_back (WmtFixture    *f,
                       gconstpointer  data)
{
  g_autofree char *old = g_build_filename (f->dir, "old.db", NULL);

  wmt_copy_file (f->path, old);
  alex_works (f);
  g_assert_cmpint (g_rename (old, f->path), ==, 0);

  assert_fresh_device_accepts (f, "fresh");
  assert_sign_in_refused (f, WMT_CASEWORKER_A, WMT_CASEWORKER_A_PASS, "entries at the end of its audit log");
}

/* What the computer keeps: one private file per database, which moves on
 * at sign-in, lock and sign-out, and never back. */
static void
test_state (WmtFixture    *f,
            gconstpointer  data)
{
  g_autofree char *dir = device_dir (f);
  g_autofree char *path = NULL;
  g_autofree char *hex = NULL;
  g_autofree char *old = g_build_filename (f->dir, "old.db", NULL);
  g_autoptr(GKeyFile) file = g_key_file_new ();
  g_autoptr(GError) error = NULL;
  GStatBuf st;
  WmSession *alex;
  WmStore *store;
  sqlite3 *db;
  gint64 seen;

  wmt_copy_file (f->path, old);
  store = wmt_open_store (f);
  db = wm_store_get_db (store);
  {
    g_autoptr(GBytes) id = wmt_db_blob (db, "SELECT value FROM meta WHERE key = 'database-id'");
    g_autofree char *name = NULL;

    hex = g_malloc (33);
    sodium_bin2hex (hex, 33, g_bytes_get_data (id, NULL), 16);
    name = g_strconcat (hex, ".state", NULL);
    path = g_build_filename (dir, name, NULL);
  }

  alex = wmt_sign_in (store, WMT_CASEWORKER_A, WMT_CASEWORKER_A_PASS);
  g_assert_cmpint (g_stat (dir, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  /* At sign-in: the log up to the sign-in's own entry. */
  g_assert_true (g_key_file_load_from_file (file, path, G_KEY_FILE_NONE, &error));
  g_assert_no_error (error);
  seen = g_key_file_get_int64 (file, "Seen", "audit-count", NULL);
  g_assert_cmpint (seen, ==, wmt_db_int (db, "SELECT max(seq) FROM audit"));
  g_assert_cmpint (g_key_file_get_int64 (file, "Seen", "directory-epoch", NULL), ==,
                   wmt_db_int (db, "SELECT value FROM meta WHERE key = 'directory-epoch'"));
  {
    g_autofree char *head = g_key_file_get_string (file, "Seen", "audit-head", NULL);
    g_autoptr(GBytes) stored = wmt_db_blob (db, "SELECT hash FROM audit WHERE seq = %" G_GINT64_FORMAT, seen);
    char expected[65];

    sodium_bin2hex (expected, sizeof expected, g_bytes_get_data (stored, NULL), 32);
    g_assert_cmpstr (head, ==, expected);
  }

  /* At lock: what was written since. */
  g_assert_true (wm_session_audit (alex, "print", the_case, "summary", &error));
  g_assert_no_error (error);
  wm_session_lock (alex);
  g_assert_true (g_key_file_load_from_file (file, path, G_KEY_FILE_NONE, &error));
  g_assert_cmpint (g_key_file_get_int64 (file, "Seen", "audit-count", NULL), ==, seen + 1);

  /* At sign-out too. */
  g_clear_object (&alex);
  wmt_close_store (store);

  /* Noting an older file fails and leaves the state as it was. */
  {
    g_autofree char *before = NULL;
    g_autofree char *after = NULL;
    WmStore *older = wmt_open_store_at (old, &f->clock);

    g_assert_true (g_file_get_contents (path, &before, NULL, NULL));
    g_assert_false (wm_freshness_note (older, &error));
    g_assert_error (error, WM_STORE_ERROR, WM_STORE_ERROR_ROLLED_BACK);
    g_clear_error (&error);
    g_assert_true (g_file_get_contents (path, &after, NULL, NULL));
    g_assert_cmpstr (after, ==, before);
    wmt_close_store (older);
  }
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  g_assert_true (wm_crypto_init ());
  wmt_template_configure (WMT_USERS_CASEWORKER_A | WMT_USERS_CASEWORKER_B, populate);

  g_test_add ("/store/freshness/tail-cut", WmtFixture, WMT_WITH_TEMPLATE,
              wmt_fixture_setup, test_tail_cut, wmt_fixture_teardown);
  g_test_add ("/store/freshness/tail-replaced", WmtFixture, WMT_WITH_TEMPLATE,
              wmt_fixture_setup, test_tail_replaced, wmt_fixture_teardown);
  g_test_add ("/store/freshness/directory-rolled-back", WmtFixture, WMT_WITH_TEMPLATE,
              wmt_fixture_setup, test_directory_rolled_back, wmt_fixture_teardown);
  g_test_add ("/store/freshness/file-rolled-back", WmtFixture, WMT_WITH_TEMPLATE,
              wmt_fixture_setup, test_file_rolled_back, wmt_fixture_teardown);
  g_test_add ("/store/freshness/state", WmtFixture, WMT_WITH_TEMPLATE,
              wmt_fixture_setup, test_state, wmt_fixture_teardown);

  status = g_test_run ();
  wmt_template_cleanup ();
  wmt_print_derivations ();
  return status;
}
