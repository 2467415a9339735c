/* test-crash.c — a writer killed at random moments loses nothing it finished
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * This program runs itself as a child (--crash-child) that signs in and
 * writes records through wm_session_add_record() and
 * wm_session_update_record() as fast as it can, telling the parent through
 * a pipe, after each call returns, the record, version and checksum of
 * what it wrote. The parent kills it with SIGKILL 0–30 ms after its first
 * report, and after every kill opens the database: SQLite's integrity
 * check says "ok", the audit chain verifies, and every write the child
 * reported reads back with the content it reported. A write is reported
 * only once the store said it was done, so anything reported and lost is a
 * durability bug.
 *
 * Half the children checkpoint every few pages, so that kills land in the
 * middle of checkpoints too. Each child signs in once (one Argon2id
 * derivation, ~0.2 s on a quiet machine, several times that on a loaded
 * one): that is most of this test's time, and why it is in the 'slow'
 * suite. So the number of kills is bounded by time, not fixed: at least
 * MIN_KILLS, then more until TIME_BUDGET_S has passed, at most MAX_KILLS.
 * A quiet 2-core machine makes about 120; a loaded one still makes the
 * floor, well inside the test's timeout. Each run draws new random kill
 * times (g_test's seed, printed with --verbose), so the runs add up.
 * WAYMARK_CRASH_KILLS=N asks for exactly N kills, WAYMARK_CRASH_SECONDS=S
 * for another budget.
 */

#define G_LOG_DOMAIN "wm-test-crash"

#include "config.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "wm-store-test-util.h"

#define MIN_KILLS 40
#define MAX_KILLS 200
#define TIME_BUDGET_S 75

/* ---- The child --------------------------------------------------------- */

static char *
checksum_of (GVariant *payload)
{
  g_autoptr(GVariant) normal = g_variant_get_normal_form (payload);

  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, g_variant_get_data (normal),
                                      g_variant_get_size (normal));
}

G_GNUC_NORETURN static void
child_fail (const char   *what,
            const GError *error)
{
  g_printerr ("crash child: %s: %s\n", what, error ? error->message : "failed");
  _exit (2);
}

static void
report (char         kind,
        gint64       record_id,
        guint        version,
        const char  *checksum)
{
  g_autofree char *line = g_strdup_printf ("%c %" G_GINT64_FORMAT " %u %s\n",
                                           kind, record_id, version, checksum);
  gsize size = strlen (line);

  /* One write of less than PIPE_BUF: the line arrives whole or not at all. */
  if (write (STDOUT_FILENO, line, size) != (gssize) size)
    _exit (3);
}

G_GNUC_NORETURN static void
child_main (const char *path,
            gint64      case_id,
            guint32     seed)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) mine = g_array_new (FALSE, FALSE, sizeof (gint64));
  GRand *rand = g_rand_new_with_seed (seed);
  WmSession *session;
  WmStore *store;

  if (!wm_crypto_init ())
    child_fail ("crypto", NULL);
  store = wm_store_open (path, &error);
  if (store == NULL)
    child_fail ("open", error);
  session = wm_session_sign_in (store, WMT_CASEWORKER_A, WMT_CASEWORKER_A_PASS, &error);
  if (session == NULL)
    child_fail ("sign in", error);

  /* Every other child folds the log into the file every few pages instead
   * of every thousand, so that many kills land in the middle of a
   * checkpoint: a state every user reaches now and then, here often. */
  if (seed % 2 == 0)
    sqlite3_wal_autocheckpoint (wm_store_get_db (store), 8);

  for (guint j = 0; ; j++)
    {
      g_autoptr(GVariant) payload = NULL;
      g_autofree char *checksum = NULL;
      g_autofree char *text = NULL;
      GVariantDict dict;
      gsize length;

      /* Mostly small notes, now and then a long one that spans pages. */
      length = (j % 10 == 9) ? 8 * 1024 : g_rand_int_range (rand, 0, 1000);
      text = g_malloc (length + 1);
      for (gsize k = 0; k < length; k++)
        text[k] = 'a' + g_rand_int_range (rand, 0, 26);
      text[length] = '\0';

      g_variant_dict_init (&dict, NULL);
      g_variant_dict_insert (&dict, "seed", "u", seed);
      g_variant_dict_insert (&dict, "j", "u", j);
      g_variant_dict_insert (&dict, "text", "s", text);
      payload = g_variant_ref_sink (g_variant_dict_end (&dict));
      checksum = checksum_of (payload);

      if (mine->len > 0 && j % 4 == 3)
        {
          gint64 id = g_array_index (mine, gint64, g_rand_int_range (rand, 0, mine->len));
          guint version = wm_session_update_record (session, id, payload, &error);

          if (version == 0)
            child_fail ("update", error);
          report ('U', id, version, checksum);
        }
      else
        {
          gint64 id = wm_session_add_record (session, case_id, WM_RECORD_CONTACT, payload, &error);

          if (id <= 0)
            child_fail ("add", error);
          g_array_append_val (mine, id);
          report ('A', id, 1, checksum);
        }
    }
}

/* Creates a store, writes a case, and dies without closing anything: the
 * writes are committed, but only in the write-ahead log. */
G_GNUC_NORETURN static void
create_and_die (const char *path)
{
  g_autoptr(GVariant) profile = wmt_payload ("{'given-name': <'Ffion'>}");
  g_autoptr(GError) error = NULL;
  WmSession *session;
  WmStore *store;

  if (!wm_crypto_init ())
    child_fail ("crypto", NULL);
  store = wm_store_create (path, WMT_ORGANISATION, WMT_ADMIN, WMT_ADMIN_PASS, &error);
  if (store == NULL)
    child_fail ("create", error);
  session = wm_session_sign_in (store, WMT_ADMIN, WMT_ADMIN_PASS, &error);
  if (session == NULL)
    child_fail ("sign in", error);
  if (wm_session_add_user (session, WMT_CASEWORKER_A, WM_ROLE_CASEWORKER,
                           WMT_CASEWORKER_A_PASS, &error) <= 0)
    child_fail ("add user", error);
  report ('A', 1, 1, "created");
  _exit (0);
}

/* ---- The parent -------------------------------------------------------- */

typedef struct
{
  gint64  record_id;
  guint   version;
  char   *checksum;
} Report;

static void
report_free (Report *r)
{
  g_free (r->checksum);
  g_free (r);
}

static gint64
monotonic_ms (void)
{
  return g_get_monotonic_time () / 1000;
}

/* Reads what is there (waiting up to @timeout_ms); FALSE at end of file. */
static gboolean
read_some (int      fd,
           GString *buffer,
           int      timeout_ms)
{
  struct pollfd pfd = { fd, POLLIN, 0 };
  char chunk[4096];
  gssize n;
  int rc;

  do
    rc = poll (&pfd, 1, timeout_ms);
  while (rc < 0 && errno == EINTR);
  g_assert_cmpint (rc, >=, 0);
  if (rc == 0)
    return TRUE;

  do
    n = read (fd, chunk, sizeof chunk);
  while (n < 0 && errno == EINTR);
  g_assert_cmpint (n, >=, 0);
  if (n == 0)
    return FALSE;
  g_string_append_len (buffer, chunk, n);
  return TRUE;
}

/* Moves complete lines out of @buffer into @reports. */
static guint
take_lines (GString   *buffer,
            GPtrArray *reports)
{
  guint n = 0;
  char *newline;

  while ((newline = memchr (buffer->str, '\n', buffer->len)) != NULL)
    {
      g_autofree char *line = g_strndup (buffer->str, newline - buffer->str);
      g_auto(GStrv) fields = g_strsplit (line, " ", -1);
      Report *r;

      g_string_erase (buffer, 0, newline - buffer->str + 1);
      g_assert_cmpuint (g_strv_length (fields), ==, 4);
      g_assert_true (fields[0][0] == 'A' || fields[0][0] == 'U');
      r = g_new0 (Report, 1);
      r->record_id = g_ascii_strtoll (fields[1], NULL, 10);
      r->version = (guint) g_ascii_strtoull (fields[2], NULL, 10);
      r->checksum = g_strdup (fields[3]);
      g_assert_cmpint (r->record_id, >, 0);
      g_assert_cmpuint (r->version, >=, 1);
      g_ptr_array_add (reports, r);
      n++;
    }
  return n;
}

static void
check_report (WmSession *session,
              Report    *r)
{
  g_autoptr(WmRecord) record = wmt_read_record_ok (session, r->record_id, r->version);
  g_autofree char *checksum = checksum_of (record->payload);

  g_assert_cmpstr (checksum, ==, r->checksum);
}

/* What a program starting after the crash sees: a sound file. The store's
 * own whole-file check repeats SQLite's, so it runs only when @thorough. */
static void
check_file (const char *path,
            gboolean    thorough)
{
  g_autoptr(GPtrArray) faults = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *integrity = NULL;
  WmStore *store;

  store = wmt_open_store_at (path, NULL);
  integrity = wmt_db_text (wm_store_get_db (store), "PRAGMA integrity_check");
  g_assert_cmpstr (integrity, ==, "ok");
  /* A write and its audit entry are one transaction: no record without its
   * current version, none without the entry that says who created it, no
   * version without the entry that says who edited it. */
  g_assert_cmpint (wmt_db_int (wm_store_get_db (store),
                               "SELECT count(*) FROM records r WHERE NOT EXISTS "
                               "(SELECT 1 FROM record_versions v "
                               " WHERE v.record_id = r.id AND v.version = r.head_version)"), ==, 0);
  g_assert_cmpint (wmt_db_int (wm_store_get_db (store),
                               "SELECT count(*) FROM records r WHERE NOT EXISTS "
                               "(SELECT 1 FROM audit a WHERE a.action = 'create' AND a.record_id = r.id)"),
                   ==, 0);
  g_assert_cmpint (wmt_db_int (wm_store_get_db (store),
                               "SELECT count(*) FROM records r WHERE r.head_version - 1 > "
                               "(SELECT count(*) FROM audit a WHERE a.action = 'edit' AND a.record_id = r.id)"),
                   ==, 0);
  if (thorough)
    {
      g_assert_true (wm_store_check_integrity (store, faults, &error));
      g_assert_no_error (error);
    }
  g_assert_true (wm_store_verify_audit (store, faults, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < faults->len; i++)
    g_test_message ("fault: %s", (char *) g_ptr_array_index (faults, i));
  g_assert_cmpuint (faults->len, ==, 0);
  wmt_close_store (store);
}

static void
check_whole_case (WmSession *session,
                  gint64     case_id)
{
  g_autoptr(GPtrArray) records = wmt_open_case_ok (session, case_id);

  for (guint i = 0; i < records->len; i++)
    {
      WmRecord *record = g_ptr_array_index (records, i);

      g_assert_no_error (record->error);
      g_assert_nonnull (record->payload);
    }
}

static void
test_sigkill (WmtFixture    *f,
              gconstpointer  data)
{
  g_autoptr(GPtrArray) all_reports = g_ptr_array_new_with_free_func ((GDestroyNotify) report_free);
  g_autoptr(GVariant) profile = wmt_payload ("{'given-name': <'Ffion'>}");
  g_autoptr(GError) error = NULL;
  g_autofree char *self_exe = NULL;
  g_autofree char *case_text = NULL;
  const char *kills_env = g_getenv ("WAYMARK_CRASH_KILLS");
  const char *seconds_env = g_getenv ("WAYMARK_CRASH_SECONDS");
  guint min_kills = kills_env ? (guint) g_ascii_strtoull (kills_env, NULL, 10) : MIN_KILLS;
  guint max_kills = kills_env ? min_kills : MAX_KILLS;
  gint64 budget_ms = 1000 * (seconds_env ? g_ascii_strtoll (seconds_env, NULL, 10) : TIME_BUDGET_S);
  gint64 started = monotonic_ms ();
  guint kills = 0;
  WmSession *ada, *alex;
  WmStore *store;
  gint64 case_id, alex_id;

  self_exe = g_file_read_link ("/proc/self/exe", &error);
  g_assert_no_error (error);

  store = wmt_create_store (f->path);
  ada = wmt_sign_in (store, WMT_ADMIN, WMT_ADMIN_PASS);
  wmt_count_derivation ();
  alex_id = wm_session_add_user (ada, WMT_CASEWORKER_A, WM_ROLE_CASEWORKER, WMT_CASEWORKER_A_PASS, &error);
  g_assert_no_error (error);
  g_clear_object (&ada);
  /* This session stays open throughout, as a colleague's would. */
  alex = wmt_sign_in (store, WMT_CASEWORKER_A, WMT_CASEWORKER_A_PASS);
  case_id = wm_session_create_case (alex, alex_id, profile, &error);
  g_assert_no_error (error);
  case_text = g_strdup_printf ("%" G_GINT64_FORMAT, case_id);

  for (guint round = 0; round < max_kills; round++)
    {
      g_autoptr(GPtrArray) reports = g_ptr_array_new ();
      g_autoptr(GString) buffer = g_string_new (NULL);
      g_autofree char *seed_text = g_strdup_printf ("%u", (guint32) g_test_rand_int ());
      const char *argv[] = { self_exe, "--crash-child", f->path, case_text, seed_text, NULL };
      gint64 deadline;
      int out_fd = -1, status = 0;
      gboolean open = TRUE;
      GPid pid;

      wmt_count_derivation ();
      g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD,
                                NULL, NULL, &pid, NULL, &out_fd, NULL, &error);
      g_assert_no_error (error);

      /* Wait for the first finished write... */
      deadline = monotonic_ms () + 60 * 1000;
      while (open && reports->len == 0)
        {
          g_assert_cmpint (monotonic_ms (), <, deadline);
          open = read_some (out_fd, buffer, 100);
          take_lines (buffer, reports);
        }
      g_assert_cmpuint (reports->len, >, 0);

      /* ...then kill it mid-stride, 0–30 ms later. */
      deadline = monotonic_ms () + g_test_rand_int_range (0, 31);
      while (open && monotonic_ms () < deadline)
        {
          open = read_some (out_fd, buffer, MAX (0, (int) (deadline - monotonic_ms ())));
          take_lines (buffer, reports);
        }
      g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
      while (open)
        {
          open = read_some (out_fd, buffer, 1000);
          take_lines (buffer, reports);
        }
      close (out_fd);
      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
      g_spawn_close_pid (pid);
      /* It was the kill that ended it, not an error of its own. */
      g_assert_true (WIFSIGNALED (status));
      g_assert_cmpint (WTERMSIG (status), ==, SIGKILL);

      check_file (f->path, round % 25 == 24);
      for (guint i = 0; i < reports->len; i++)
        {
          Report *r = g_ptr_array_index (reports, i);

          check_report (alex, r);
          g_ptr_array_add (all_reports, r);
        }
      if (round % 25 == 24)
        check_whole_case (alex, case_id);
      kills++;

      if (kills >= min_kills && monotonic_ms () - started > budget_ms)
        break;
    }

  /* At the end, everything ever reported, and every record of the case. */
  for (guint i = 0; i < all_reports->len; i++)
    check_report (alex, g_ptr_array_index (all_reports, i));
  check_whole_case (alex, case_id);
  check_file (f->path, TRUE);
  g_test_message ("%u kills (at least %u, then until %.0f s had passed, at most %u), "
                  "%u reported writes checked, %.1f s",
                  kills, min_kills, budget_ms / 1000.0, max_kills, all_reports->len,
                  (monotonic_ms () - started) / 1000.0);
  g_assert_cmpuint (kills, >=, min_kills);
  g_assert_cmpuint (all_reports->len, >=, kills);

  g_clear_object (&alex);
  wmt_close_store (store);
}

/* The program dies right after creating the organisation's file, before
 * anything folded the log into it: the next start opens it all the same. */
static void
test_after_create (WmtFixture    *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *self_exe = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *out = NULL;
  const char *argv[] = { self_exe, "--create-and-die", f->path, NULL };
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  WmSession *ada;
  WmStore *store;
  int status = 0;

  g_assert_nonnull (self_exe);
  wmt_count_derivation ();
  wmt_count_derivation ();
  wmt_count_derivation ();
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_spawn_check_wait_status (status, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (out, ==, "A 1 1 created\n");
  /* The situation under test: the writes are in the log. */
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));

  check_file (f->path, TRUE);
  store = wmt_open_store (f);
  ada = wmt_sign_in (store, WMT_ADMIN, WMT_ADMIN_PASS);
  {
    g_autoptr(WmUser) user = wm_store_lookup_user (store, WMT_CASEWORKER_A, &error);

    g_assert_no_error (error);
    g_assert_nonnull (user);
    g_assert_cmpint (user->role, ==, WM_ROLE_CASEWORKER);
  }
  g_clear_object (&ada);
  wmt_close_store (store);
}

static guint32
be32 (const guint8 *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

/* The image of page 1 as of the last commit in the write-ahead log @wal. */
static GBytes *
last_committed_page_one (GBytes *wal)
{
  gsize size;
  const guint8 *data = g_bytes_get_data (wal, &size);
  const guint8 *candidate = NULL, *committed = NULL;
  guint32 page_size;

  g_assert_cmpuint (size, >, 32);
  g_assert_true (be32 (data) == 0x377f0682 || be32 (data) == 0x377f0683);
  page_size = be32 (data + 8);
  for (gsize at = 32; at + 24 + page_size <= size; at += 24 + page_size)
    {
      const guint8 *frame = data + at;

      /* Frames of an earlier generation of the log carry other salts. */
      if (memcmp (frame + 8, data + 16, 8) != 0)
        break;
      if (be32 (frame) == 1)
        candidate = frame + 24;
      if (be32 (frame + 4) != 0)
        committed = candidate;
    }
  g_assert_nonnull (committed);
  return g_bytes_new (committed, page_size);
}

/* The program dies while folding the log into the file: the checkpoint
 * writes pages in order, so page 1 (whose header gives the new, larger page
 * count) is in the file, the pages that extend it are not yet. The log
 * still holds everything; SQLite recovers from this. So must Waymark. */
static void
test_interrupted_checkpoint (WmtFixture    *f,
                             gconstpointer  data)
{
  g_autoptr(GVariant) profile = wmt_payload ("{'given-name': <'Ffion'>}");
  g_autoptr(GPtrArray) notes = g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;
  g_autofree char *crashed_dir = g_build_filename (f->dir, "crashed", NULL);
  g_autofree char *crashed = g_build_filename (crashed_dir, "waymark.db", NULL);
  g_autofree char *crashed_wal = g_strconcat (crashed, "-wal", NULL);
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  g_autoptr(GBytes) page_one = NULL;
  g_autoptr(GBytes) file = NULL;
  WmSession *ada, *alex;
  WmStore *store;
  gint64 alex_id, case_id;
  guint32 page_size, pages;

  store = wmt_create_store (f->path);
  ada = wmt_sign_in (store, WMT_ADMIN, WMT_ADMIN_PASS);
  wmt_count_derivation ();
  alex_id = wm_session_add_user (ada, WMT_CASEWORKER_A, WM_ROLE_CASEWORKER, WMT_CASEWORKER_A_PASS, &error);
  g_assert_no_error (error);
  g_clear_object (&ada);
  alex = wmt_sign_in (store, WMT_CASEWORKER_A, WMT_CASEWORKER_A_PASS);
  case_id = wm_session_create_case (alex, alex_id, profile, &error);
  g_assert_no_error (error);
  g_clear_object (&alex);
  wmt_close_store (store);

  /* Grow the database by some hundred pages, all of them in the log. */
  store = wmt_open_store (f);
  sqlite3_wal_autocheckpoint (wm_store_get_db (store), 0);
  alex = wmt_sign_in (store, WMT_CASEWORKER_A, WMT_CASEWORKER_A_PASS);
  for (guint i = 0; i < 12; i++)
    {
      g_autofree char *text = g_strnfill (48 * 1024, 'a' + i);
      GVariantDict dict;
      GVariant *note;
      gint64 id;

      g_variant_dict_init (&dict, NULL);
      g_variant_dict_insert (&dict, "note", "s", text);
      note = g_variant_ref_sink (g_variant_dict_end (&dict));
      g_ptr_array_add (notes, note);
      id = wm_session_add_record (alex, case_id, WM_RECORD_CONTACT, note, &error);
      g_assert_no_error (error);
      g_array_append_val (ids, id);
    }

  /* The state a crash leaves: the file and its log, no index (-shm). */
  g_assert_cmpint (g_mkdir (crashed_dir, 0700), ==, 0);
  wmt_copy_file (f->path, crashed);
  wmt_copy_file (wal, crashed_wal);
  g_clear_object (&alex);
  wmt_close_store (store);

  /* ...with the checkpoint cut off after page 1. */
  {
    g_autoptr(GBytes) log = wmt_read_file (crashed_wal);

    page_one = last_committed_page_one (log);
  }
  file = wmt_read_file (crashed);
  page_size = (guint32) g_bytes_get_size (page_one);
  pages = be32 ((const guint8 *) g_bytes_get_data (page_one, NULL) + 28);
  g_assert_cmpuint ((gsize) pages * page_size, >, g_bytes_get_size (file) + 50 * page_size);
  {
    g_autofree guint8 *bytes = g_memdup2 (g_bytes_get_data (file, NULL), g_bytes_get_size (file));

    memcpy (bytes, g_bytes_get_data (page_one, NULL), page_size);
    wmt_write_file (crashed, bytes, g_bytes_get_size (file));
  }

  /* Opened after the crash: sound, and every note there. */
  check_file (crashed, TRUE);
  store = wmt_open_store_at (crashed, &f->clock);
  alex = wmt_sign_in (store, WMT_CASEWORKER_A, WMT_CASEWORKER_A_PASS);
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(WmRecord) record = wmt_read_record_ok (alex, g_array_index (ids, gint64, i), 1);

      wmt_assert_payload (record->payload, g_ptr_array_index (notes, i));
    }
  g_clear_object (&alex);
  wmt_close_store (store);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  if (argc == 5 && g_strcmp0 (argv[1], "--crash-child") == 0)
    child_main (argv[2], g_ascii_strtoll (argv[3], NULL, 10),
                (guint32) g_ascii_strtoull (argv[4], NULL, 10));
  if (argc == 3 && g_strcmp0 (argv[1], "--create-and-die") == 0)
    create_and_die (argv[2]);

  g_test_init (&argc, &argv, NULL);
  g_assert_true (wm_crypto_init ());

  g_test_add ("/store/crash/after-create", WmtFixture, NULL,
              wmt_fixture_setup, test_after_create, wmt_fixture_teardown);
  g_test_add ("/store/crash/interrupted-checkpoint", WmtFixture, NULL,
              wmt_fixture_setup, test_interrupted_checkpoint, wmt_fixture_teardown);
  g_test_add ("/store/crash/sigkill", WmtFixture, NULL,
              wmt_fixture_setup, test_sigkill, wmt_fixture_teardown);

  status = g_test_run ();
  wmt_print_derivations ();
  return status;
}
