/* test-checkpoint.c — the write-ahead log is copied back and does not grow
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Once the log passes its threshold, the commit that passed it copies it
 * into the database file, and later commits write the log from its start
 * again: a day of saves does not leave a log the size of the day's work.
 * This fills the log past the threshold in one commit, checks that the
 * file has grown by then, that many more commits do not make the log any
 * longer, that the records still read, and that closing leaves no log.
 */

#define G_LOG_DOMAIN "wm-test-checkpoint"

#include "config.h"

#include <glib/gstdio.h>

#include "wm-store-test-util.h"

static gint64
file_size (const char *path)
{
  GStatBuf st;

  return g_stat (path, &st) == 0 ? (gint64) st.st_size : -1;
}

static void
test_checkpoint (WmtFixture    *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) profile = wmt_payload ("{'given-name': <'Ffion'>}");
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  g_autofree char *filler = g_strnfill (3000, 'x');
  WmStore *store = wmt_open_store (f);
  WmSession *alex;
  gint64 case_id, last_record = 0, size_before, log_after_batch;

  alex = wmt_sign_in (store, WMT_CASEWORKER_A, WMT_CASEWORKER_A_PASS);
  case_id = wm_session_create_case (alex, wmt_ids.caseworker_a, profile, &error);
  g_assert_no_error (error);
  size_before = file_size (f->path);

  /* About 1,500 pages of log in one commit: past the threshold, so that
   * commit copies the log into the file. */
  g_assert_true (wm_store_batch_begin (store, &error));
  for (int i = 0; i < 1500; i++)
    {
      g_autoptr(GVariant) note = g_variant_ref_sink (g_variant_new_parsed ("{'note': <%s>, 'n': <%i>}",
                                                                            filler, i));

      last_record = wm_session_add_record (alex, case_id, WM_RECORD_CONTACT, note, &error);
      g_assert_no_error (error);
    }
  g_assert_true (wm_store_batch_commit (store, &error));
  g_assert_no_error (error);
  log_after_batch = file_size (wal);
  g_assert_cmpint (log_after_batch, >, 1000 * 4096);
  g_assert_cmpint (file_size (f->path), >, size_before + 1000 * 4096);

  /* Many small commits, each a few pages: the log is written from its
   * start again, not lengthened. */
  for (int i = 0; i < 200; i++)
    {
      g_autoptr(GVariant) note = g_variant_ref_sink (g_variant_new_parsed ("{'note': <'short'>, 'n': <%i>}",
                                                                            1500 + i));

      g_assert_cmpint (wm_session_add_record (alex, case_id, WM_RECORD_CONTACT, note, &error), >, 0);
      g_assert_no_error (error);
    }
  g_assert_cmpint (file_size (wal), <=, log_after_batch);

  {
    g_autoptr(WmRecord) record = wmt_read_record_ok (alex, last_record, 1);
    gint32 n = -1;

    g_assert_true (g_variant_lookup (record->payload, "n", "i", &n));
    g_assert_cmpint (n, ==, 1499);
  }

  g_clear_object (&alex);
  wmt_close_store (store);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  g_assert_true (wm_crypto_init ());
  wmt_template_configure (WMT_USERS_CASEWORKER_A, NULL);

  g_test_add ("/store/checkpoint/bounded-log", WmtFixture, WMT_WITH_TEMPLATE,
              wmt_fixture_setup, test_checkpoint, wmt_fixture_teardown);

  status = g_test_run ();
  wmt_print_derivations ();
  wmt_template_cleanup ();
  return status;
}
