/* test-demo-database.c — a whole demo organisation, and a new organisation from the first-run form
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The demo database is made once for the program (each account costs an
 * Argon2id derivation at the store's full cost, which tests do not lower)
 * and then opened as the window would open it: the accounts are there,
 * a caseworker signs in with the published demo passphrase and sees their
 * share of the young people, and no young person's name is in the file.
 */

#define G_LOG_DOMAIN "test-demo-database"

#include "config.h"

#include <string.h>
#include <sys/stat.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <gio/gio.h>

#include "wm-core-error.h"
#include "wm-date.h"
#include "wm-demo.h"
#include "wm-demo-database.h"
#include "wm-organisation-setup.h"
#include "wm-payload.h"
#include "wm-person.h"
#include "wm-secret.h"
#include "wm-session.h"
#include "wm-store.h"

#define N_PEOPLE 12
#define SEED 7
#define TODAY "2026-03-01"

static char *demo_path;
static guint progress_calls;
static guint progress_last_done;
static guint progress_total;
static gboolean progress_went_back;

static void
progress_cb (guint    done,
             guint    total,
             gpointer user_data)
{
  g_assert_true (user_data == &progress_calls);
  if (done < progress_last_done || (progress_total != 0 && total != progress_total))
    progress_went_back = TRUE;
  progress_calls++;
  progress_last_done = done;
  progress_total = total;
}

static void
set_today (GDate *today)
{
  g_assert_true (wm_date_parse_iso (TODAY, today, NULL));
}

/* Made on first use, as the window would: in a private folder of its own. */
static const char *
get_demo_database (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WmStore) store = NULL;
  GDate today;

  if (demo_path != NULL)
    return demo_path;

  set_today (&today);
  demo_path = wm_demo_database_new_path (&error);
  g_assert_no_error (error);
  store = wm_demo_database_create (demo_path, N_PEOPLE, SEED, &today, NULL,
                                   progress_cb, &progress_calls, &error);
  g_assert_no_error (error);
  g_assert_true (WM_IS_STORE (store));
  g_assert_cmpstr (wm_store_get_path (store), ==, demo_path);
  g_assert_cmpstr (wm_store_get_organisation (store), ==, "Waymark Demo (Synthetic Data)");
  return demo_path;
}

static void
test_progress (void)
{
  get_demo_database ();

  /* One call per account and per batch, moving forward to the end. */
  g_assert_cmpuint (progress_calls, >=, 5);
  g_assert_false (progress_went_back);
  g_assert_cmpuint (progress_last_done, ==, progress_total);
}

static void
test_accounts (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WmStore) store = wm_store_open (get_demo_database (), &error);
  g_autoptr(GPtrArray) users = NULL;
  g_autoptr(WmUser) sam = NULL;
  guint n_accounts = 0;

  g_assert_no_error (error);
  users = wm_store_list_users (store, &error);
  g_assert_no_error (error);
  for (guint i = 0; wm_demo_accounts[i].name != NULL; i++)
    n_accounts++;
  g_assert_cmpuint (users->len, ==, n_accounts);
  g_assert_cmpuint (n_accounts, ==, 4);

  for (guint i = 0; wm_demo_accounts[i].name != NULL; i++)
    {
      g_autoptr(WmUser) user = wm_store_lookup_user (store, wm_demo_accounts[i].name, &error);

      g_assert_no_error (error);
      g_assert_nonnull (user);
      g_assert_cmpint (user->role, ==, wm_demo_accounts[i].role);
      g_assert_false (user->disabled);
    }

  /* The caseworkers are in the supervisor's team. */
  sam = wm_store_lookup_user (store, "sam", &error);
  g_assert_no_error (error);
  g_assert_cmpint (sam->role, ==, WM_ROLE_SUPERVISOR);
  for (guint i = 0; wm_demo_accounts[i].name != NULL; i++)
    {
      g_autoptr(WmUser) user = NULL;

      if (wm_demo_accounts[i].role != WM_ROLE_CASEWORKER)
        continue;
      user = wm_store_lookup_user (store, wm_demo_accounts[i].name, &error);
      g_assert_no_error (error);
      g_assert_nonnull (user->supervisor_ids);
      g_assert_cmpuint (user->supervisor_ids->len, ==, 1);
      g_assert_cmpint (g_array_index (user->supervisor_ids, gint64, 0), ==, sam->id);
    }
}

static guint
caseload_size (WmStore    *store,
               const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WmSession) session = wm_session_sign_in (store, name, WM_DEMO_PASSPHRASE, &error);
  g_autoptr(GPtrArray) caseload = NULL;

  g_assert_no_error (error);
  caseload = wm_session_list_caseload (session, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < caseload->len; i++)
    {
      WmCaseloadEntry *entry = g_ptr_array_index (caseload, i);

      /* Every case opens: its profile is there and readable. */
      g_assert_no_error (entry->error);
      g_assert_nonnull (entry->profile);
      g_assert_nonnull (wm_payload_get_string (entry->profile, WM_PROFILE_DATE_OF_BIRTH));
    }
  return caseload->len;
}

static void
test_caseworker_signs_in (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WmStore) store = wm_store_open (get_demo_database (), &error);

  g_assert_no_error (error);

  /* Two caseworkers in turn: each holds half; the supervisor all. */
  g_assert_cmpuint (caseload_size (store, "alex"), ==, N_PEOPLE / 2);
  g_assert_cmpuint (caseload_size (store, "jo"), ==, N_PEOPLE / 2);
  g_assert_cmpuint (caseload_size (store, "sam"), ==, N_PEOPLE);
}

static GBytes *
read_all (const char *path)
{
  g_autoptr(GByteArray) all = g_byte_array_new ();
  const char *const suffixes[] = { "", "-wal", "-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
      g_autofree char *contents = NULL;
      gsize size = 0;

      if (g_file_get_contents (file, &contents, &size, NULL))
        g_byte_array_append (all, (const guint8 *) contents, size);
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&all));
}

static gboolean
bytes_contain (GBytes     *haystack,
               const char *needle)
{
  gsize size = 0;
  const guint8 *data = g_bytes_get_data (haystack, &size);
  gsize length = strlen (needle);

  for (gsize i = 0; length <= size && i <= size - length; i++)
    {
      if (data[i] == (guint8) needle[0] && memcmp (data + i, needle, length) == 0)
        return TRUE;
    }
  return FALSE;
}

static void
test_no_names_in_file (void)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(WmDemo) demo = NULL;
  GDate today;

  get_demo_database ();
  bytes = read_all (demo_path);
  g_assert_cmpuint (g_bytes_get_size (bytes), >, 0);

  /* The check would find a name if one were there: the organisation's is. */
  g_assert_true (bytes_contain (bytes, "Waymark Demo (Synthetic Data)"));

  /* The same seed and day give the same people, so their names are known.
   * Whole names are looked for: a short given name alone ("Ava") could
   * turn up by chance in kilobytes of ciphertext. */
  set_today (&today);
  demo = wm_demo_new (SEED, &today);
  for (guint i = 0; i < N_PEOPLE; i++)
    {
      g_autoptr(WmDemoPerson) person = wm_demo_next_person (demo);
      const char *given = wm_payload_get_string (person->profile, WM_PROFILE_GIVEN_NAME);
      const char *family = wm_payload_get_string (person->profile, WM_PROFILE_FAMILY_NAME);
      const char *born = wm_payload_get_string (person->profile, WM_PROFILE_DATE_OF_BIRTH);
      g_autofree char *full = g_strdup_printf ("%s %s", given, family);

      g_assert_nonnull (given);
      g_assert_nonnull (family);
      g_assert_false (bytes_contain (bytes, full));
      if (strlen (family) >= 7)
        g_assert_false (bytes_contain (bytes, family));
      g_assert_false (bytes_contain (bytes, born));
    }
}

static void
test_remove (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = wm_demo_database_new_path (&error);
  g_autofree char *dir = NULL;
  g_autofree char *wal = NULL;
  g_autofree char *other_dir = NULL;
  g_autofree char *other = NULL;
  GStatBuf st;

  g_assert_no_error (error);
  dir = g_path_get_dirname (path);

  /* A private folder, mode 0700, with nothing in it yet. */
  g_assert_cmpint (g_stat (dir, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  wal = g_strconcat (path, "-wal", NULL);
  g_assert_true (g_file_set_contents (path, "x", 1, NULL));
  g_assert_true (g_file_set_contents (wal, "x", 1, NULL));
  g_assert_true (wm_demo_database_remove (path, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (dir, G_FILE_TEST_EXISTS));

  /* Anyone else's file is left alone. */
  other_dir = g_dir_make_tmp ("test-demo-database-XXXXXX", &error);
  g_assert_no_error (error);
  other = g_build_filename (other_dir, "demo.db", NULL);
  g_assert_true (g_file_set_contents (other, "x", 1, NULL));
  g_assert_false (wm_demo_database_remove (other, &error));
  g_assert_error (error, WM_STORE_ERROR, WM_STORE_ERROR_INVALID);
  g_assert_true (g_file_test (other, G_FILE_TEST_EXISTS));
  g_unlink (other);
  g_rmdir (other_dir);
}

static void
test_cancelled (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *path = wm_demo_database_new_path (&error);
  g_autoptr(WmStore) store = NULL;

  g_assert_no_error (error);
  g_cancellable_cancel (cancellable);
  store = wm_demo_database_create (path, 1, SEED, NULL, cancellable, NULL, NULL, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (store);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_true (wm_demo_database_remove (path, NULL));
}

static void
test_setup_defaults (void)
{
  g_autoptr(WmOrganisationSetup) setup = wm_organisation_setup_new ();
  g_autofree char *default_path = wm_store_dup_default_path ();

  g_assert_cmpstr (setup->path, ==, default_path);
  g_assert_cmpuint (setup->local_authorities->len, ==, wm_term_count (wm_local_authorities));
  g_assert_cmpstr (g_ptr_array_index (setup->local_authorities, 2), ==, "Telford & Wrekin");
  g_assert_cmpuint (setup->programmes->len, ==, wm_term_count (wm_programmes));
  g_assert_cmpstr (g_ptr_array_index (setup->programmes, 0), ==, "Mentoring");
}

static void
assert_refused (WmOrganisationSetup *setup,
                int                  code)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (wm_organisation_setup_check (setup, &error));
  g_assert_error (error, WM_CORE_ERROR, code);
}

static void
test_setup_check (void)
{
  g_autoptr(WmOrganisationSetup) setup = wm_organisation_setup_new ();
  g_autoptr(WmOrganisationSetup) copy = NULL;
  g_autoptr(GError) error = NULL;

  /* As it comes, the names are missing. */
  assert_refused (setup, WM_CORE_ERROR_MISSING);
  g_free (setup->organisation);
  setup->organisation = g_strdup ("  Marches Diversion Network ");
  assert_refused (setup, WM_CORE_ERROR_MISSING);
  g_free (setup->admin_name);
  setup->admin_name = g_strdup ("ada");
  g_assert_true (wm_organisation_setup_check (setup, &error));
  g_assert_no_error (error);

  copy = wm_organisation_setup_copy (setup);
  g_ptr_array_add (copy->local_authorities, g_strdup ("  shropshire "));
  assert_refused (copy, WM_CORE_ERROR_CONSTRAINT);
  g_ptr_array_remove_index (copy->local_authorities, copy->local_authorities->len - 1);
  g_ptr_array_add (copy->programmes, g_strdup ("   "));
  assert_refused (copy, WM_CORE_ERROR_CONSTRAINT);
  g_ptr_array_set_size (copy->programmes, 0);
  assert_refused (copy, WM_CORE_ERROR_MISSING);
  g_ptr_array_set_size (copy->local_authorities, 0);
  assert_refused (copy, WM_CORE_ERROR_MISSING);

  /* The original is untouched by changes to its copy. */
  g_assert_true (wm_organisation_setup_check (setup, NULL));
}

/* Removes a database, its log and the folder it is in. */
static void
remove_database (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  const char *const suffixes[] = { "", "-wal", "-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      g_unlink (file);
    }
  g_rmdir (dir);
}

static void
test_setup_create (void)
{
  g_autoptr(WmOrganisationSetup) setup = wm_organisation_setup_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(WmStore) store = NULL;
  g_autoptr(WmStore) again = NULL;
  g_autoptr(WmSession) session = NULL;
  g_autofree char *dir = g_dir_make_tmp ("test-organisation-XXXXXX", &error);

  g_assert_no_error (error);
  g_free (setup->organisation);
  setup->organisation = g_strdup ("Marches Diversion Network");
  g_free (setup->admin_name);
  setup->admin_name = g_strdup ("ada");
  g_free (setup->path);
  setup->path = g_build_filename (dir, "org", "waymark.db", NULL);

  /* A weak passphrase is the store's to refuse, and nothing is made. */
  store = wm_organisation_setup_create (setup, "short", &error);
  g_assert_error (error, WM_STORE_ERROR, WM_STORE_ERROR_WEAK_PASSPHRASE);
  g_assert_null (store);
  g_assert_false (g_file_test (setup->path, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  store = wm_organisation_setup_create (setup, "correct cable staple orbit", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (wm_store_get_organisation (store), ==, "Marches Diversion Network");
  g_clear_object (&store);

  again = wm_store_open (setup->path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (wm_store_get_organisation (again), ==, "Marches Diversion Network");
  session = wm_session_sign_in (again, "ada", "correct cable staple orbit", &error);
  g_assert_no_error (error);
  g_assert_cmpint (wm_session_get_role (session), ==, WM_ROLE_ADMINISTRATOR);
  g_clear_object (&session);
  g_clear_object (&again);

  /* The same file is never made twice. */
  store = wm_organisation_setup_create (setup, "correct cable staple orbit", &error);
  g_assert_error (error, WM_STORE_ERROR, WM_STORE_ERROR_EXISTS);
  g_assert_null (store);

  remove_database (setup->path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  g_assert_true (wm_crypto_init ());

  g_test_add_func ("/demo-database/progress", test_progress);
  g_test_add_func ("/demo-database/accounts", test_accounts);
  g_test_add_func ("/demo-database/caseworker-signs-in", test_caseworker_signs_in);
  g_test_add_func ("/demo-database/no-names-in-file", test_no_names_in_file);
  g_test_add_func ("/demo-database/remove", test_remove);
  g_test_add_func ("/demo-database/cancelled", test_cancelled);
  g_test_add_func ("/organisation-setup/defaults", test_setup_defaults);
  g_test_add_func ("/organisation-setup/check", test_setup_check);
  g_test_add_func ("/organisation-setup/create", test_setup_create);

  status = g_test_run ();

  if (demo_path != NULL)
    {
      g_assert_true (wm_demo_database_remove (demo_path, NULL));
      g_clear_pointer (&demo_path, g_free);
    }
  return status;
}
