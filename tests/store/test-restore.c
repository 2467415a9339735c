/* test-restore.c — a restore checks the backup first, and leaves nothing reused or unrecorded
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A restore must not be a way in. A backup of another organisation, one
 * whose organisation key was swapped, or one whose accounts or audit log
 * were changed by someone without a key (each made here by editing a copy
 * with SQL) is refused, and the live file and its log are left byte for
 * byte as they were. A good backup replaces the contents, but ids and
 * audit numbers go on from where the live file was, so an audit entry
 * names one thing for ever; the restore itself is audited, signed, with
 * the head it replaced; and the directory is signed anew above both files,
 * so that another computer that saw the replaced state takes the restored
 * file for newer (while the same backup merely copied over the file is
 * refused there as rolled back).
 */

#define G_LOG_DOMAIN "wm-test-restore"

#include "config.h"

#include <string.h>

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
  g_autoptr(GVariant) note = wmt_payload ("{'note': <'met at school'>}");
  g_autoptr(GError) error = NULL;

  the_case = wm_session_create_case (alex, wmt_ids.caseworker_a, profile, &error);
  g_assert_no_error (error);
  wm_session_add_record (alex, the_case, WM_RECORD_CONTACT, note, &error);
  g_assert_no_error (error);
}

static char *
in_dir (WmtFixture *f,
        const char *name)
{
  return g_build_filename (f->dir, name, NULL);
}

/* A copy of @backup changed by @sql, as someone with the file and no key
 * could change it. */
static char *
tampered_copy (WmtFixture *f,
               const char *backup,
               const char *name,
               const char *sql)
{
  char *path = in_dir (f, name);
  sqlite3 *db;

  wmt_copy_file (backup, path);
  db = wmt_db_open (path);
  g_assert_cmpint (wmt_db_exec (db, "%s", sql), >, 0);
  wmt_db_close (db);
  return path;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(char *const *) a, *(char *const *) b);
}

static char *
list_dir (const char *dir)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  g_assert_nonnull (handle);
  while ((name = g_dir_read_name (handle)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (" ", (char **) names->pdata);
}

/* The live file, its log, and the folder's listing, byte for byte. */
typedef struct
{
  GBytes *db;
  GBytes *wal;
  char   *listing;
} Snapshot;

static void
snapshot_take (Snapshot   *s,
               WmtFixture *f)
{
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);

  s->db = wmt_read_file (f->path);
  s->wal = wmt_read_file (wal);
  s->listing = list_dir (f->dir);
}

static void
snapshot_check (Snapshot   *s,
                WmtFixture *f)
{
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  g_autoptr(GBytes) db_now = wmt_read_file (f->path);
  g_autoptr(GBytes) wal_now = wmt_read_file (wal);
  g_autofree char *listing = list_dir (f->dir);

  g_assert_true (g_bytes_equal (db_now, s->db));
  g_assert_true (g_bytes_equal (wal_now, s->wal));
  /* No copy left beside it either. */
  g_assert_cmpstr (listing, ==, s->listing);
}

static void
snapshot_clear (Snapshot *s)
{
  g_clear_pointer (&s->db, g_bytes_unref);
  g_clear_pointer (&s->wal, g_bytes_unref);
  g_clear_pointer (&s->listing, g_free);
}

static void
assert_refused (WmtFixture *f,
                WmSession  *admin,
                const char *label,
                const char *backup,
                int         code,
                const char *says)
{
  g_autoptr(GError) error = NULL;
  Snapshot before = { 0 };

  snapshot_take (&before, f);

  /* Refused by the check that needs no account, and by the restore. */
  g_assert_false (wm_store_check_backup (wm_session_get_store (admin), backup, &error));
  g_assert_error (error, WM_STORE_ERROR, code);
  g_clear_error (&error);
  g_assert_false (wm_session_restore (admin, backup, &error));
  g_test_message ("%s: %s", label, error ? error->message : "(restored)");
  g_assert_error (error, WM_STORE_ERROR, code);
  g_assert_nonnull (strstr (error->message, backup));
  g_assert_nonnull (strstr (error->message, says));

  snapshot_check (&before, f);
  snapshot_clear (&before);
}

static void
test_refusals (WmtFixture    *f,
               gconstpointer  data)
{
  g_autofree char *backup = in_dir (f, "backup.db");
  g_autofree char *elsewhere = in_dir (f, "elsewhere.db");
  g_autofree char *other_key = NULL;
  g_autofree char *accounts = NULL;
  g_autofree char *audit_cut = NULL;
  g_autofree char *audit_edited = NULL;
  g_autofree char *forged = in_dir (f, "forged.db");
  g_autofree char *rechained = in_dir (f, "rechained.db");
  g_autoptr(GError) error = NULL;
  WmStore *store = wmt_open_store (f);
  WmSession *ada;
  sqlite3 *db;

  ada = wmt_sign_in (store, WMT_ADMIN, WMT_ADMIN_PASS);
  g_assert_true (wm_session_backup (ada, backup, &error));
  g_assert_no_error (error);
  /* Something in the live log that a checkpoint could fold away. */
  g_assert_true (wm_session_audit (ada, "print", 0, "user list", &error));
  g_assert_no_error (error);

  /* Another organisation's database. */
  wmt_close_store (wmt_create_store (elsewhere));
  assert_refused (f, ada, "another organisation", elsewhere, WM_STORE_ERROR_INVALID,
                  "another organisation");

  /* This database's id, another organisation key. */
  other_key = tampered_copy (f, backup, "other-key.db",
                             "UPDATE meta SET value = randomblob(32) WHERE key = 'organisation-key'");
  assert_refused (f, ada, "same id, other key", other_key, WM_STORE_ERROR_INVALID,
                  "another organisation");

  /* Alex made an administrator in the backup's directory. */
  {
    g_autofree char *sql = g_strdup_printf ("UPDATE users SET role = 3 WHERE id = %" G_GINT64_FORMAT,
                                            wmt_ids.caseworker_a);

    accounts = tampered_copy (f, backup, "accounts.db", sql);
    assert_refused (f, ada, "directory changed", accounts, WM_STORE_ERROR_CORRUPT,
                    "its list of staff accounts is not as an administrator signed it");
  }

  /* An entry removed from the backup's log, or one changed. */
  audit_cut = tampered_copy (f, backup, "audit-cut.db", "DELETE FROM audit WHERE seq = 3");
  assert_refused (f, ada, "audit entry removed", audit_cut, WM_STORE_ERROR_CORRUPT, "removed or renumbered");
  audit_edited = tampered_copy (f, backup, "audit-edited.db",
                                "UPDATE audit SET detail = 'nothing' WHERE seq = 2");
  assert_refused (f, ada, "audit entry edited", audit_edited, WM_STORE_ERROR_CORRUPT,
                  "does not match the chain");

  /* An entry appended unsigned, and one edited with the chain recomputed:
   * every hash holds, only the signatures do not. */
  wmt_copy_file (backup, forged);
  db = wmt_db_open (forged);
  wmt_audit_forge_append (db, wmt_ids.caseworker_a, "case-view", the_case, "", 0, NULL);
  wmt_db_close (db);
  assert_refused (f, ada, "audit entry forged", forged, WM_STORE_ERROR_CORRUPT, "carries no signature");

  wmt_copy_file (backup, rechained);
  db = wmt_db_open (rechained);
  wmt_db_exec (db, "UPDATE audit SET detail = 'nothing' WHERE seq = 2");
  wmt_audit_rechain_from (db, 2);
  wmt_db_close (db);
  assert_refused (f, ada, "audit entry re-chained", rechained, WM_STORE_ERROR_CORRUPT, "valid signature");

  /* The control: the backup itself passes, so the refusals were for what
   * was changed. */
  g_assert_true (wm_store_check_backup (store, backup, &error));
  g_assert_no_error (error);

  g_clear_object (&ada);
  wmt_close_store (store);
}

/* An administrator added after the backup is not one in it: the file they
 * would sign is one where their signatures would not hold. */
static void
test_restorer_not_in_backup (WmtFixture    *f,
                             gconstpointer  data)
{
  g_autofree char *backup = in_dir (f, "backup.db");
  g_autoptr(GError) error = NULL;
  WmStore *store = wmt_open_store (f);
  WmSession *ada, *ava;
  Snapshot before = { 0 };

  ada = wmt_sign_in (store, WMT_ADMIN, WMT_ADMIN_PASS);
  g_assert_true (wm_session_backup (ada, backup, &error));
  g_assert_no_error (error);
  wmt_count_derivation ();
  g_assert_cmpint (wm_session_add_user (ada, "ava.admin", WM_ROLE_ADMINISTRATOR, WMT_SUPERVISOR_PASS, &error),
                   >, 0);
  g_assert_no_error (error);
  ava = wmt_sign_in (store, "ava.admin", WMT_SUPERVISOR_PASS);

  snapshot_take (&before, f);
  g_assert_true (wm_store_check_backup (store, backup, &error));
  g_assert_no_error (error);
  g_assert_false (wm_session_restore (ava, backup, &error));
  g_assert_error (error, WM_STORE_ERROR, WM_STORE_ERROR_PERMISSION);
  g_test_message ("%s", error->message);
  snapshot_check (&before, f);
  snapshot_clear (&before);

  g_clear_object (&ava);
  g_clear_object (&ada);
  wmt_close_store (store);
}

typedef struct
{
  gint64 users;
  gint64 cases;
  gint64 records;
  gint64 audit;
  gint64 epoch;
} Highest;

static void
read_highest (sqlite3 *db,
              Highest *h)
{
  h->users = wmt_db_int (db, "SELECT max(id) FROM users");
  h->cases = wmt_db_int (db, "SELECT max(id) FROM cases");
  h->records = wmt_db_int (db, "SELECT max(id) FROM records");
  h->audit = wmt_db_int (db, "SELECT max(seq) FROM audit");
  h->epoch = wmt_db_int (db, "SELECT value FROM meta WHERE key = 'directory-epoch'");
}

static void
test_restore (WmtFixture    *f,
              gconstpointer  data)
{
  g_autofree char *backup = in_dir (f, "backup.db");
  g_autofree char *live_head = NULL;
  g_autoptr(GVariant) profile = wmt_payload ("{'given-name': <'Bryn'>}");
  g_autoptr(GVariant) note = wmt_payload ("{'note': <'after the backup'>}");
  g_autoptr(GPtrArray) faults = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  WmStore *store = wmt_open_store (f);
  sqlite3 *db = wm_store_get_db (store);
  WmSession *ada, *alex;
  Highest live, backed_up, restored;
  gint64 later_case, later_record, later_user, new_case, new_record, new_user;

  ada = wmt_sign_in (store, WMT_ADMIN, WMT_ADMIN_PASS);
  alex = wmt_sign_in (store, WMT_CASEWORKER_A, WMT_CASEWORKER_A_PASS);
  g_assert_true (wm_session_backup (ada, backup, &error));
  g_assert_no_error (error);
  {
    sqlite3 *copy = wmt_db_open (backup);

    read_highest (copy, &backed_up);
    wmt_db_close (copy);
  }
  /* The backup's own entry names the state the copy holds. */
  {
    g_autofree char *detail = wmt_db_text (db, "SELECT detail FROM audit WHERE action = 'backup'");

    g_assert_true (g_str_has_prefix (detail, "audit head "));
  }

  /* Work after the backup, which the restore discards: a case, a record,
   * an account. */
  later_case = wm_session_create_case (alex, wmt_ids.caseworker_a, profile, &error);
  g_assert_no_error (error);
  later_record = wm_session_add_record (alex, the_case, WM_RECORD_CONTACT, note, &error);
  g_assert_no_error (error);
  wmt_count_derivation ();
  later_user = wm_session_add_user (ada, "casey.later", WM_ROLE_CASEWORKER, WMT_CASEWORKER_B_PASS, &error);
  g_assert_no_error (error);
  read_highest (db, &live);
  live_head = wm_store_dup_audit_head (store);
  g_assert_cmpint (live.cases, ==, later_case);
  g_assert_cmpint (live.users, ==, later_user);
  g_assert_cmpint (live.epoch, >, backed_up.epoch);

  g_assert_true (wm_session_restore (ada, backup, &error));
  g_assert_no_error (error);
  read_highest (db, &restored);

  /* What was written since is gone. */
  g_assert_cmpint (wmt_db_int (db, "SELECT count(*) FROM cases WHERE id = %" G_GINT64_FORMAT, later_case), ==, 0);
  g_assert_cmpint (wmt_db_int (db, "SELECT count(*) FROM records WHERE id = %" G_GINT64_FORMAT, later_record),
                   ==, 0);
  g_assert_cmpint (wmt_db_int (db, "SELECT count(*) FROM users WHERE id = %" G_GINT64_FORMAT, later_user), ==, 0);

  /* The restore's entry: last, numbered after every entry the live log
   * held, by the administrator, naming the head, count and directory it
   * replaced. */
  g_assert_cmpint (restored.audit, ==, live.audit + 1);
  {
    g_autofree char *action = wmt_db_text (db, "SELECT action FROM audit WHERE seq = %" G_GINT64_FORMAT,
                                           restored.audit);
    g_autofree char *detail = wmt_db_text (db, "SELECT detail FROM audit WHERE seq = %" G_GINT64_FORMAT,
                                           restored.audit);
    g_autofree char *replaced = g_strdup_printf ("replaced audit head %s at %" G_GINT64_FORMAT " entries, "
                                                 "directory epoch %" G_GINT64_FORMAT,
                                                 strchr (live_head, ':') + 1, live.audit, live.epoch);

    g_test_message ("restore entry: %s", detail);
    g_assert_cmpstr (action, ==, "restore");
    g_assert_cmpint (wmt_db_int (db, "SELECT user_id FROM audit WHERE seq = %" G_GINT64_FORMAT, restored.audit),
                     ==, wmt_ids.admin);
    g_assert_true (g_str_has_prefix (detail, replaced));
  }
  /* The entries before it are the backup's. */
  g_assert_cmpint (wmt_db_int (db, "SELECT max(seq) FROM audit WHERE seq < %" G_GINT64_FORMAT, restored.audit),
                   ==, backed_up.audit);

  /* The directory is signed above both files. */
  g_assert_cmpint (restored.epoch, >, live.epoch);
  g_assert_true (wm_store_verify_audit (store, faults, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (faults->len, ==, 0);
  g_assert_true (wm_session_verify (ada, faults, &error));
  g_assert_no_error (error);

  /* New ids go on from the highest the live file ever issued. */
  new_case = wm_session_create_case (alex, wmt_ids.caseworker_a, profile, &error);
  g_assert_no_error (error);
  new_record = wm_session_add_record (alex, the_case, WM_RECORD_CONTACT, note, &error);
  g_assert_no_error (error);
  wmt_count_derivation ();
  new_user = wm_session_add_user (ada, "casey.again", WM_ROLE_CASEWORKER, WMT_CASEWORKER_B_PASS, &error);
  g_assert_no_error (error);
  g_assert_cmpint (new_case, >, live.cases);
  g_assert_cmpint (new_record, >, live.records);
  g_assert_cmpint (new_user, >, live.users);

  g_clear_object (&alex);
  g_clear_object (&ada);
  wmt_close_store (store);

  /* A fresh start of the program sees the same, and the chain verifies. */
  store = wmt_open_store (f);
  g_ptr_array_set_size (faults, 0);
  g_assert_true (wm_store_verify_audit (store, faults, &error));
  g_assert_no_error (error);
  wmt_close_store (store);
}

/* Another computer saw the log beyond the backup. After an administrator
 * restores, it accepts the file; had the backup merely been copied over
 * the file, it would refuse it. */
static void
test_other_computer (WmtFixture    *f,
                     gconstpointer  data)
{
  g_autofree char *backup = in_dir (f, "backup.db");
  g_autofree char *copied = in_dir (f, "copied.db");
  g_autofree char *other = in_dir (f, "other-computer");
  g_autofree char *own = in_dir (f, "state");
  g_autoptr(GError) error = NULL;
  WmStore *store;
  WmSession *ada, *alex;

  store = wmt_open_store (f);
  ada = wmt_sign_in (store, WMT_ADMIN, WMT_ADMIN_PASS);
  g_assert_true (wm_session_backup (ada, backup, &error));
  g_assert_no_error (error);
  wmt_copy_file (backup, copied);

  /* Alex, at the other computer, works after the backup. */
  wm_freshness_set_dir (other);
  alex = wmt_sign_in (store, WMT_CASEWORKER_A, WMT_CASEWORKER_A_PASS);
  g_assert_true (wm_session_audit (alex, "print", the_case, "summary", &error));
  g_assert_no_error (error);
  g_clear_object (&alex);
  wm_freshness_set_dir (own);

  g_assert_true (wm_session_restore (ada, backup, &error));
  g_assert_no_error (error);
  g_clear_object (&ada);
  wmt_close_store (store);

  /* The other computer signs in to the restored file. */
  wm_freshness_set_dir (other);
  store = wmt_open_store (f);
  alex = wmt_sign_in (store, WMT_CASEWORKER_A, WMT_CASEWORKER_A_PASS);
  g_clear_object (&alex);
  wmt_close_store (store);

  /* The same backup copied over the file: refused there. */
  {
    g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
    g_autoptr(WmSession) session = NULL;

    g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
    g_assert_cmpint (g_rename (copied, f->path), ==, 0);
    store = wmt_open_store (f);
    session = wm_session_sign_in (store, WMT_CASEWORKER_A, WMT_CASEWORKER_A_PASS, &error);
    g_assert_null (session);
    g_assert_error (error, WM_STORE_ERROR, WM_STORE_ERROR_ROLLED_BACK);
    g_clear_error (&error);
    wmt_close_store (store);
  }
  wm_freshness_set_dir (own);
}

/* The live file was rolled back under this computer: nobody signs in, but
 * an administrator may, to restore a backup over it (waymark-cli restore
 * does so), after which the file is newer than anything seen. */
static void
test_over_rolled_back (WmtFixture    *f,
                       gconstpointer  data)
{
  g_autofree char *old = in_dir (f, "old.db");
  g_autofree char *backup = in_dir (f, "backup.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(WmSession) refused = NULL;
  WmStore *store;
  WmSession *ada;

  wmt_copy_file (f->path, old);
  store = wmt_open_store (f);
  ada = wmt_sign_in (store, WMT_ADMIN, WMT_ADMIN_PASS);
  g_assert_true (wm_session_backup (ada, backup, &error));
  g_assert_no_error (error);
  g_clear_object (&ada);
  wmt_close_store (store);
  g_assert_cmpint (g_rename (old, f->path), ==, 0);

  store = wmt_open_store (f);
  refused = wm_session_sign_in (store, WMT_ADMIN, WMT_ADMIN_PASS, &error);
  g_assert_null (refused);
  g_assert_error (error, WM_STORE_ERROR, WM_STORE_ERROR_ROLLED_BACK);
  g_clear_error (&error);

  wm_freshness_allow_behind (store);
  ada = wmt_sign_in (store, WMT_ADMIN, WMT_ADMIN_PASS);
  g_assert_true (wm_session_restore (ada, backup, &error));
  g_assert_no_error (error);
  g_clear_object (&ada);
  wmt_close_store (store);

  /* Ordinary sign-in again, on this computer. */
  store = wmt_open_store (f);
  ada = wmt_sign_in (store, WMT_ADMIN, WMT_ADMIN_PASS);
  g_clear_object (&ada);
  wmt_close_store (store);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  g_assert_true (wm_crypto_init ());
  wmt_template_configure (WMT_USERS_CASEWORKER_A, populate);

  g_test_add ("/store/restore/refusals", WmtFixture, WMT_WITH_TEMPLATE,
              wmt_fixture_setup, test_refusals, wmt_fixture_teardown);
  g_test_add ("/store/restore/restorer-not-in-backup", WmtFixture, WMT_WITH_TEMPLATE,
              wmt_fixture_setup, test_restorer_not_in_backup, wmt_fixture_teardown);
  g_test_add ("/store/restore/restore", WmtFixture, WMT_WITH_TEMPLATE,
              wmt_fixture_setup, test_restore, wmt_fixture_teardown);
  g_test_add ("/store/restore/other-computer", WmtFixture, WMT_WITH_TEMPLATE,
              wmt_fixture_setup, test_other_computer, wmt_fixture_teardown);
  g_test_add ("/store/restore/over-rolled-back", WmtFixture, WMT_WITH_TEMPLATE,
              wmt_fixture_setup, test_over_rolled_back, wmt_fixture_teardown);

  status = g_test_run ();
  wmt_template_cleanup ();
  wmt_print_derivations ();
  return status;
}
