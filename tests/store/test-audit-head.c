/* test-audit-head.c — a cut tail is caught by the stored head alone
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The audit chain's end is kept in meta twice over: the number of entries
 * (audit-count) and the hash of the last one (audit-head). Entries cut off
 * the end leave a chain that is whole as far as it goes, so only those two
 * can tell. Here the attacker also sets the count to match, with SQL on
 * the file and no key: what remains is numbered 1 to n with no gap, every
 * hash links, the count agrees, and only the head differs. Both
 * wm_store_verify_audit() and "waymark-cli audit --verify" must say so,
 * on a device that never saw the file before it was cut (one that did
 * remembers the longer log, which is another check).
 */

#define G_LOG_DOMAIN "wm-test-audit-head"

#include "config.h"

#include <string.h>

#include "wm-freshness.h"
#include "wm-store-test-util.h"

static gint64 the_case;

static void
populate (WmStore   *store,
          WmSession *admin)
{
  g_autoptr(WmSession) alex = wmt_sign_in (store, WMT_CASEWORKER_A, WMT_CASEWORKER_A_PASS);
  g_autoptr(GVariant) profile = wmt_payload ("{'given-name': <'Ffion'>}");
  g_autoptr(GVariant) note = wmt_payload ("{'note': <'first'>}");
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;

  the_case = wm_session_create_case (alex, wmt_ids.caseworker_a, profile, &error);
  g_assert_no_error (error);
  wm_session_add_record (alex, the_case, WM_RECORD_CONTACT, note, &error);
  g_assert_no_error (error);
  /* The entries an attacker would most like gone: views of the case. */
  records = wmt_open_case_ok (alex, the_case);
  g_clear_pointer (&records, g_ptr_array_unref);
  records = wmt_open_case_ok (alex, the_case);
}

static guint
verify (const char *path)
{
  g_autoptr(GPtrArray) faults = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  WmStore *store = wmt_open_store_at (path, NULL);
  gboolean ok;

  ok = wm_store_verify_audit (store, faults, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < faults->len; i++)
    g_test_message ("fault: %s", (const char *) g_ptr_array_index (faults, i));
  g_assert_true (ok == (faults->len == 0));
  wmt_close_store (store);
  return faults->len;
}

/* A device that has seen nothing of the file: its own folder of state. */
static char *
new_device (WmtFixture *f,
            const char *name)
{
  char *dir = g_build_filename (f->dir, name, NULL);

  g_assert_false (g_file_test (dir, G_FILE_TEST_EXISTS));
  return dir;
}

/* The exit status of "waymark-cli --database PATH audit --verify" run on
 * a device whose state is kept in @state_home, or -1 when the test does
 * not know where the program is. */
static int
cli_verify (const char *path,
            const char *state_home)
{
  const char *cli = g_getenv ("WAYMARK_CLI");
  const char *argv[] = { cli, "--database", path, "audit", "--verify", NULL };
  g_auto(GStrv) envp = g_environ_setenv (g_get_environ (), "XDG_STATE_HOME", state_home, TRUE);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status = -1;

  if (cli == NULL)
    return -1;
  g_assert_true (g_spawn_sync (NULL, (char **) argv, envp, G_SPAWN_DEFAULT, NULL, NULL,
                               &out, &err, &status, &error));
  g_assert_no_error (error);
  g_test_message ("audit --verify: %s%s", out, err);
  if (g_spawn_check_wait_status (status, &error))
    return 0;
  /* Killed, not exited: no status a user could act on. */
  g_assert_true (error->domain == G_SPAWN_EXIT_ERROR);
  return error->code;
}

/* Cuts @n entries off the end and sets the count to what is left; the head
 * is left as it was. */
static void
cut_tail_keep_count (const char *path,
                     guint       n)
{
  sqlite3 *db = wmt_db_open (path);
  gint64 before = wmt_db_int (db, "SELECT count(*) FROM audit");
  g_autoptr(GBytes) head = wmt_db_blob (db, "SELECT value FROM meta WHERE key = 'audit-head'");

  g_assert_cmpint (before, >, n + 1);
  /* The chain as Waymark left it: numbered without a gap, counted. */
  g_assert_cmpint (wmt_db_int (db, "SELECT max(seq) FROM audit"), ==, before);
  g_assert_cmpint (wmt_db_int (db, "SELECT value FROM meta WHERE key = 'audit-count'"), ==, before);

  g_assert_cmpint (wmt_db_exec (db, "DELETE FROM audit WHERE seq > %" G_GINT64_FORMAT, before - n), ==, n);
  g_assert_cmpint (wmt_db_exec (db, "UPDATE meta SET value = %" G_GINT64_FORMAT " WHERE key = 'audit-count'",
                                before - n), ==, 1);

  /* Nothing but the head can give it away: no gap in the numbers, the
   * count agrees, and the head still names the entry that was cut. */
  g_assert_cmpint (wmt_db_int (db, "SELECT count(*) FROM audit"), ==, before - n);
  g_assert_cmpint (wmt_db_int (db, "SELECT max(seq) FROM audit"), ==, before - n);
  g_assert_cmpint (wmt_db_int (db, "SELECT min(seq) FROM audit"), ==, 1);
  g_assert_cmpint (wmt_db_int (db, "SELECT value FROM meta WHERE key = 'audit-count'"), ==, before - n);
  {
    g_autoptr(GBytes) still = wmt_db_blob (db, "SELECT value FROM meta WHERE key = 'audit-head'");
    g_autoptr(GBytes) last = wmt_db_blob (db, "SELECT hash FROM audit ORDER BY seq DESC LIMIT 1");

    g_assert_true (g_bytes_equal (still, head));
    g_assert_false (g_bytes_equal (still, last));
  }
  wmt_db_close (db);
}

static void
test_intact (WmtFixture    *f,
             gconstpointer  data)
{
  g_autofree char *device = new_device (f, "device");
  g_autofree char *cli_device = new_device (f, "cli-device");

  /* Control: the same file, uncut, verifies, so the faults below are the
   * cut's doing. */
  wm_freshness_set_dir (device);
  g_assert_cmpuint (verify (f->path), ==, 0);
  if (g_getenv ("WAYMARK_CLI") != NULL)
    g_assert_cmpint (cli_verify (f->path, cli_device), ==, 0);
}

static void
test_cut_keep_count (WmtFixture    *f,
                     gconstpointer  data)
{
  guint n = GPOINTER_TO_UINT (data);
  g_autofree char *device = new_device (f, "device");
  g_autofree char *cli_device = new_device (f, "cli-device");

  cut_tail_keep_count (f->path, n);
  wm_freshness_set_dir (device);
  g_assert_cmpuint (verify (f->path), >, 0);
  if (g_getenv ("WAYMARK_CLI") != NULL)
    g_assert_cmpint (cli_verify (f->path, cli_device), ==, 1);
}

static void
setup_cut (WmtFixture    *f,
           gconstpointer  data)
{
  wmt_fixture_setup (f, WMT_WITH_TEMPLATE);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  g_assert_true (wm_crypto_init ());
  wmt_template_configure (WMT_USERS_CASEWORKER_A, populate);

  g_test_add ("/store/audit-head/intact", WmtFixture, WMT_WITH_TEMPLATE,
              wmt_fixture_setup, test_intact, wmt_fixture_teardown);
  g_test_add ("/store/audit-head/cut-one-keep-count", WmtFixture, GUINT_TO_POINTER (1),
              setup_cut, test_cut_keep_count, wmt_fixture_teardown);
  g_test_add ("/store/audit-head/cut-three-keep-count", WmtFixture, GUINT_TO_POINTER (3),
              setup_cut, test_cut_keep_count, wmt_fixture_teardown);

  status = g_test_run ();
  wmt_template_cleanup ();
  wmt_print_derivations ();
  return status;
}
