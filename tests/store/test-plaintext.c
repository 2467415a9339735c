/* test-plaintext.c — nothing about a young person reaches the disk in clear
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Records are written with distinctive canary strings (a name, an address,
 * a note, an answer, in several scripts); then the database, its -wal and
 * -shm files, a backup, and every file in the temporary directory (this
 * program's own: TMPDIR is pointed at a fresh one before anything runs) are
 * searched for each canary, as UTF-8 and as UTF-16. The search is made
 * while the write-ahead log still holds the writes and again after closing.
 */

#define G_LOG_DOMAIN "wm-test-plaintext"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>

#include "wm-store-test-util.h"

static const char *canaries[] = {
  "Zephyrine",
  "Quillfeather",
  "Marrowbone Lane",
  "2010-02-17",
  "blade under the mattress",
  "Nantgwyllt Pupil Referral",
  "Gwenllïan Ŵŷnfor",
  "Żółkiewska",
  "زینب قلم‌پر",
  "🦔🌵 hedgehog cactus",
};

static char *private_tmp;

typedef struct
{
  GBytes *needle;
  char   *label;
} Needle;

static void
needle_free (Needle *needle)
{
  g_bytes_unref (needle->needle);
  g_free (needle->label);
  g_free (needle);
}

/* Each canary as UTF-8, and as UTF-16LE and UTF-16BE. */
static GPtrArray *
make_needles (void)
{
  GPtrArray *needles = g_ptr_array_new_with_free_func ((GDestroyNotify) needle_free);
  const char *encodings[] = { "UTF-16LE", "UTF-16BE" };

  for (guint i = 0; i < G_N_ELEMENTS (canaries); i++)
    {
      Needle *needle = g_new0 (Needle, 1);

      needle->needle = g_bytes_new (canaries[i], strlen (canaries[i]));
      needle->label = g_strdup_printf ("“%s” (UTF-8)", canaries[i]);
      g_ptr_array_add (needles, needle);

      for (guint e = 0; e < G_N_ELEMENTS (encodings); e++)
        {
          g_autoptr(GError) error = NULL;
          gsize size = 0;
          char *converted = g_convert (canaries[i], -1, encodings[e], "UTF-8", NULL, &size, &error);

          g_assert_no_error (error);
          needle = g_new0 (Needle, 1);
          needle->needle = g_bytes_new_take (converted, size);
          needle->label = g_strdup_printf ("“%s” (%s)", canaries[i], encodings[e]);
          g_ptr_array_add (needles, needle);
        }
    }
  return needles;
}

/* Every regular file under @dir; returns how many were read. */
static guint
scan_tree (const char *dir,
           GPtrArray  *needles,
           GPtrArray  *hits)
{
  GDir *handle = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n_files = 0;

  g_assert_nonnull (handle);
  while ((name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_SYMLINK))
        continue;
      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        {
          n_files += scan_tree (path, needles, hits);
          continue;
        }
      {
        g_autoptr(GBytes) contents = wmt_read_file (path);

        n_files++;
        for (guint i = 0; i < needles->len; i++)
          {
            Needle *needle = g_ptr_array_index (needles, i);

            if (wmt_bytes_contain (contents, g_bytes_get_data (needle->needle, NULL),
                                   g_bytes_get_size (needle->needle)))
              g_ptr_array_add (hits, g_strdup_printf ("%s in %s", needle->label, path));
          }
      }
    }
  g_dir_close (handle);
  return n_files;
}

static void
assert_no_canary (const char *dir,
                  GPtrArray  *needles,
                  guint       at_least_files)
{
  g_autoptr(GPtrArray) hits = g_ptr_array_new_with_free_func (g_free);
  guint n_files = scan_tree (dir, needles, hits);

  for (guint i = 0; i < hits->len; i++)
    g_test_message ("found %s", (char *) g_ptr_array_index (hits, i));
  g_assert_cmpuint (hits->len, ==, 0);
  g_assert_cmpuint (n_files, >=, at_least_files);
}

static gboolean
file_contains (const char *path,
               const char *text)
{
  g_autoptr(GBytes) contents = NULL;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return FALSE;
  contents = wmt_read_file (path);
  return wmt_bytes_contain (contents, text, strlen (text));
}

static GVariant *
payload_printf (const char *format,
                ...) G_GNUC_PRINTF (1, 2);

static GVariant *
payload_printf (const char *format,
                ...)
{
  g_autofree char *text = NULL;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  return wmt_payload (text);
}

static void
test_no_canary_on_disk (WmtFixture    *f,
                        gconstpointer  data)
{
  g_autoptr(GPtrArray) needles = make_needles ();
  g_autoptr(GVariant) profile = NULL;
  g_autoptr(GVariant) contact = NULL;
  g_autoptr(GVariant) contact_v2 = NULL;
  g_autoptr(GVariant) assessment = NULL;
  g_autoptr(GVariant) referral = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (f->path, "-shm", NULL);
  g_autofree char *backup = g_build_filename (f->dir, "backup.db", NULL);
  g_autofree char *reference = NULL;
  WmSession *ada, *alex;
  WmStore *store;
  gint64 alex_id, case_id, contact_id;

  /* The fixture's directory is inside the private TMPDIR. */
  g_assert_true (g_str_has_prefix (f->dir, private_tmp));

  profile = payload_printf ("{'given-name': <'%s'>, 'family-name': <'%s'>,"
                            " 'address': <{'line-1': <'14 %s'>, 'town': <'Kington'>}>,"
                            " 'date-of-birth': <'%s'>, 'welsh-name': <'%s'>,"
                            " 'polish-surname': <'%s'>, 'name-in-own-script': <'%s'>}",
                            canaries[0], canaries[1], canaries[2], canaries[3], canaries[6],
                            canaries[7], canaries[8]);
  contact = payload_printf ("{'note': <'She said there is a %s.'>}", canaries[4]);
  contact_v2 = payload_printf ("{'note': <'Updated: school is %s. %s'>}", canaries[5], canaries[9]);
  assessment = payload_printf ("{'answers': <{'weapons': <'%s'>, 'education': <'%s'>}>}",
                               canaries[4], canaries[5]);
  referral = payload_printf ("{'summary': <'%s %s of %s'>}", canaries[0], canaries[1], canaries[2]);

  store = wmt_create_store (f->path);
  ada = wmt_sign_in (store, WMT_ADMIN, WMT_ADMIN_PASS);
  wmt_count_derivation ();
  alex_id = wm_session_add_user (ada, WMT_CASEWORKER_A, WM_ROLE_CASEWORKER, WMT_CASEWORKER_A_PASS, &error);
  g_assert_no_error (error);
  alex = wmt_sign_in (store, WMT_CASEWORKER_A, WMT_CASEWORKER_A_PASS);

  case_id = wm_session_create_case (alex, alex_id, profile, &error);
  g_assert_no_error (error);
  contact_id = wm_session_add_record (alex, case_id, WM_RECORD_CONTACT, contact, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (wm_session_update_record (alex, contact_id, contact_v2, &error), ==, 2);
  g_assert_no_error (error);
  wm_session_add_record (alex, case_id, WM_RECORD_ASSESSMENT, assessment, &error);
  g_assert_no_error (error);
  wm_session_add_record (alex, case_id, WM_RECORD_REFERRAL, referral, &error);
  g_assert_no_error (error);
  g_assert_true (wm_session_audit (alex, "export", case_id, "referral PDF", &error));
  g_assert_no_error (error);
  {
    g_autoptr(GPtrArray) cases = wm_session_list_cases (alex, &error);

    g_assert_no_error (error);
    reference = g_strdup (((WmCaseInfo *) g_ptr_array_index (cases, 0))->reference);
  }

  /* While the store is open, the writes sit in the write-ahead log. The
   * case reference, plaintext by design, is there to be found: the search
   * would see a canary if one were there. */
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_true (file_contains (wal, reference) || file_contains (f->path, reference));
  assert_no_canary (f->dir, needles, 3);

  /* A backup taken now. */
  g_assert_true (wm_session_backup (ada, backup, &error));
  g_assert_no_error (error);
  g_assert_true (file_contains (backup, reference));
  assert_no_canary (f->dir, needles, 4);

  /* And everything once closed, with the log folded into the file. */
  g_clear_object (&alex);
  g_clear_object (&ada);
  wmt_close_store (store);
  g_assert_true (file_contains (f->path, reference));
  assert_no_canary (private_tmp, needles, 2);
}

/* The search itself finds a canary written in clear, as UTF-8 and UTF-16:
 * without this the test above could pass by searching nothing. */
static void
test_search_finds (WmtFixture    *f,
                   gconstpointer  data)
{
  g_autoptr(GPtrArray) needles = make_needles ();
  g_autofree char *path = g_build_filename (f->dir, "clear.txt", NULL);
  g_autoptr(GPtrArray) hits = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *utf16 = NULL;
  gsize size = 0;
  GString *text = g_string_new ("header ");

  utf16 = g_convert (canaries[8], -1, "UTF-16LE", "UTF-8", NULL, &size, NULL);
  g_assert_nonnull (utf16);
  g_string_append (text, canaries[6]);
  g_string_append_len (text, utf16, size);
  wmt_write_file (path, text->str, text->len);
  g_string_free (text, TRUE);

  scan_tree (f->dir, needles, hits);
  g_assert_cmpuint (hits->len, ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  const char *parent = g_getenv ("TMPDIR");
  g_autofree char *template = NULL;
  int status;

  /* Before anything asks GLib or SQLite where temporary files go. */
  template = g_build_filename (parent && *parent ? parent : "/tmp", "waymark-plaintext-XXXXXX", NULL);
  private_tmp = g_strdup (mkdtemp (template));
  g_assert_nonnull (private_tmp);
  g_setenv ("TMPDIR", private_tmp, TRUE);
  g_setenv ("SQLITE_TMPDIR", private_tmp, TRUE);

  g_test_init (&argc, &argv, NULL);
  g_assert_true (wm_crypto_init ());
  g_assert_cmpstr (g_get_tmp_dir (), ==, private_tmp);

  g_test_add ("/store/plaintext/no-canary-on-disk", WmtFixture, NULL,
              wmt_fixture_setup, test_no_canary_on_disk, wmt_fixture_teardown);
  g_test_add ("/store/plaintext/search-finds", WmtFixture, NULL,
              wmt_fixture_setup, test_search_finds, wmt_fixture_teardown);

  status = g_test_run ();
  wmt_rm_rf (private_tmp);
  g_free (private_tmp);
  wmt_print_derivations ();
  return status;
}
