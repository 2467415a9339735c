/* test-secret.c — secrets, the keyring of case keys, process hardening
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A supervisor may hold ten thousand case keys: each must come back as it
 * went in, be gone once removed or cleared (which is what locking relies
 * on), and never be confused with another. Locking a session lets go of
 * every key it holds, the case keys too: their memory is unmapped, and
 * nothing that needs a key works until it is unlocked. The process that
 * holds them writes no core dump.
 */

#define G_LOG_DOMAIN "wm-test-secret"

#include "config.h"

#include <fcntl.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <unistd.h>

#include <sodium.h>

#include "wm-session-private.h"
#include "wm-store-test-util.h"

#define N_KEYS 10000

static void
key_for (gint64  id,
         guint8 *key,
         guint8  salt)
{
  for (guint i = 0; i < WM_KEY_SIZE; i++)
    key[i] = (guint8) (((guint64) id * 2654435761u) >> (i % 24)) ^ (guint8) i ^ salt;
}

static void
test_keyring (void)
{
  g_autoptr(WmKeyring) keyring = wm_keyring_new ();
  guint8 key[WM_KEY_SIZE];

  g_assert_cmpuint (wm_keyring_size (keyring), ==, 0);
  g_assert_null (wm_keyring_lookup (keyring, 1));

  /* Ids as a database hands them out, and some far apart. */
  for (gint64 id = 1; id <= N_KEYS; id++)
    {
      gint64 real_id = id % 10 == 0 ? id << 33 : id;

      key_for (real_id, key, 0);
      wm_keyring_insert (keyring, real_id, key);
    }
  g_assert_cmpuint (wm_keyring_size (keyring), ==, N_KEYS);

  for (gint64 id = 1; id <= N_KEYS; id++)
    {
      gint64 real_id = id % 10 == 0 ? id << 33 : id;
      const guint8 *found = wm_keyring_lookup (keyring, real_id);

      key_for (real_id, key, 0);
      g_assert_nonnull (found);
      g_assert_cmpmem (found, WM_KEY_SIZE, key, WM_KEY_SIZE);
    }
  g_assert_null (wm_keyring_lookup (keyring, N_KEYS + 1));
  g_assert_null (wm_keyring_lookup (keyring, 0));
  g_assert_null (wm_keyring_lookup (keyring, -1));

  /* Inserting an id again replaces its key, without a second entry. */
  key_for (7, key, 0x5a);
  wm_keyring_insert (keyring, 7, key);
  g_assert_cmpuint (wm_keyring_size (keyring), ==, N_KEYS);
  g_assert_cmpmem (wm_keyring_lookup (keyring, 7), WM_KEY_SIZE, key, WM_KEY_SIZE);

  /* Removing one leaves the others. */
  for (gint64 id = 1; id <= 100; id += 2)
    wm_keyring_remove (keyring, id);
  g_assert_cmpuint (wm_keyring_size (keyring), ==, N_KEYS - 50);
  g_assert_null (wm_keyring_lookup (keyring, 1));
  g_assert_null (wm_keyring_lookup (keyring, 99));
  key_for (2, key, 0);
  g_assert_cmpmem (wm_keyring_lookup (keyring, 2), WM_KEY_SIZE, key, WM_KEY_SIZE);
  key_for (N_KEYS - 1, key, 0);
  g_assert_cmpmem (wm_keyring_lookup (keyring, N_KEYS - 1), WM_KEY_SIZE, key, WM_KEY_SIZE);
  wm_keyring_remove (keyring, 1);
  g_assert_cmpuint (wm_keyring_size (keyring), ==, N_KEYS - 50);

  /* Cleared: nothing is left to find, and it can be used again. */
  wm_keyring_clear (keyring);
  g_assert_cmpuint (wm_keyring_size (keyring), ==, 0);
  for (gint64 id = 1; id <= N_KEYS; id++)
    g_assert_null (wm_keyring_lookup (keyring, id));
  key_for (3, key, 1);
  wm_keyring_insert (keyring, 3, key);
  g_assert_cmpuint (wm_keyring_size (keyring), ==, 1);
  g_assert_cmpmem (wm_keyring_lookup (keyring, 3), WM_KEY_SIZE, key, WM_KEY_SIZE);
}

static void
test_secret (void)
{
  const char *phrase = "Gwenllïan ŵŷ correct cable";
  g_autoptr(WmSecret) zero = wm_secret_new (48);
  g_autoptr(WmSecret) a = wm_secret_new_random (32);
  g_autoptr(WmSecret) b = wm_secret_new_random (32);
  g_autoptr(WmSecret) copy = NULL;
  g_autoptr(WmSecret) text = wm_secret_new_from_string (phrase);
  guint8 data[20];

  g_assert_cmpuint (wm_secret_get_size (zero), ==, 48);
  for (guint i = 0; i < 48; i++)
    g_assert_cmpuint (wm_secret_get_data (zero)[i], ==, 0);

  g_assert_cmpuint (wm_secret_get_size (a), ==, 32);
  g_assert_true (memcmp (wm_secret_get_data (a), wm_secret_get_data (b), 32) != 0);

  for (guint i = 0; i < sizeof data; i++)
    data[i] = (guint8) (i * 13);
  copy = wm_secret_new_from_data (data, sizeof data);
  g_assert_cmpmem (wm_secret_get_data (copy), wm_secret_get_size (copy), data, sizeof data);
  /* A copy, not a reference to the caller's buffer. */
  g_assert_true (wm_secret_get_data (copy) != data);

  g_assert_cmpmem (wm_secret_get_data (text), strlen (phrase), phrase, strlen (phrase));
  g_assert_cmpuint (wm_secret_get_size (text), >=, strlen (phrase));
}

static void
test_harden (void)
{
  if (g_test_subprocess ())
    {
      struct rlimit limit = { 1, 1 };

      wm_process_harden ();
      g_assert_cmpint (getrlimit (RLIMIT_CORE, &limit), ==, 0);
      g_assert_cmpuint (limit.rlim_cur, ==, 0);
      g_assert_cmpuint (limit.rlim_max, ==, 0);
      g_assert_cmpint (prctl (PR_GET_DUMPABLE, 0, 0, 0, 0), ==, 0);
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

static gint64 the_case, contact_id;

static void
populate (WmStore   *store,
          WmSession *admin)
{
  g_autoptr(WmSession) alex = wmt_sign_in (store, WMT_CASEWORKER_A, WMT_CASEWORKER_A_PASS);
  g_autoptr(GVariant) profile = wmt_payload ("{'given-name': <'Ffion'>}");
  g_autoptr(GVariant) contact = wmt_payload ("{'note': <'first meeting'>}");
  g_autoptr(GError) error = NULL;

  the_case = wm_session_create_case (alex, wmt_ids.caseworker_a, profile, &error);
  g_assert_no_error (error);
  contact_id = wm_session_add_record (alex, the_case, WM_RECORD_CONTACT, contact, &error);
  g_assert_no_error (error);
}

/* Reads this process's memory without touching it directly, so that
 * memory that was unmapped is reported, not a crash. */
static gboolean
read_own_memory (const guint8 *address,
                 guint8       *out,
                 gsize         size)
{
  int fd = open ("/proc/self/mem", O_RDONLY | O_CLOEXEC);
  ssize_t got;

  g_assert_cmpint (fd, >=, 0);
  got = pread (fd, out, size, (off_t) (guintptr) address);
  close (fd);
  return got == (ssize_t) size;
}

typedef struct
{
  const char   *what;
  const guint8 *where;
  gsize         size;
  guint8        copy[64];
} HeldKey;

static void
held_key_take (HeldKey      *held,
               const char   *what,
               const guint8 *where,
               gsize         size)
{
  g_assert_nonnull (where);
  g_assert_cmpuint (size, <=, sizeof held->copy);
  held->what = what;
  held->where = where;
  held->size = size;
  /* Control: the key is where the session keeps it, and readable so. */
  g_assert_true (read_own_memory (where, held->copy, size));
  g_assert_cmpmem (held->copy, size, where, size);
}

/* After the lock the key must be nowhere the session kept it: that memory
 * is unmapped (sodium_free()) or, should something else be mapped there
 * since, holds something else. */
static void
held_key_assert_gone (HeldKey *held)
{
  guint8 now[64];

  if (read_own_memory (held->where, now, held->size))
    {
      g_test_message ("%s: its memory is still mapped", held->what);
      g_assert_false (sodium_memcmp (now, held->copy, held->size) == 0);
    }
  sodium_memzero (now, sizeof now);
  sodium_memzero (held->copy, sizeof held->copy);
}

static void
assert_locked_error (GError *error)
{
  g_assert_error (error, WM_STORE_ERROR, WM_STORE_ERROR_LOCKED);
  g_assert_cmpstr (error->message, !=, "");
}

static void
test_lock_wipes_keys (WmtFixture    *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  WmStore *store = wmt_open_store (f);
  WmSession *alex;
  HeldKey held[5];
  guint n_held = 0;

  alex = wmt_sign_in (store, WMT_CASEWORKER_A, WMT_CASEWORKER_A_PASS);
  /* Opening the case puts its key in the session's ring. */
  {
    g_autoptr(GPtrArray) records = wmt_open_case_ok (alex, the_case);
  }
  g_assert_nonnull (alex->case_keys);
  g_assert_cmpuint (wm_keyring_size (alex->case_keys), >=, 1);
  held_key_take (&held[n_held++], "the case key", wm_keyring_lookup (alex->case_keys, the_case), WM_KEY_SIZE);
  held_key_take (&held[n_held++], "the secret key", wm_secret_get_data (alex->secret_key),
                 wm_secret_get_size (alex->secret_key));
  held_key_take (&held[n_held++], "the wrap key", wm_secret_get_data (alex->wrap_key),
                 wm_secret_get_size (alex->wrap_key));
  held_key_take (&held[n_held++], "the signing key", wm_secret_get_data (alex->signing_key),
                 wm_secret_get_size (alex->signing_key));
  held_key_take (&held[n_held++], "the manifest key", wm_secret_get_data (alex->mac_key),
                 wm_secret_get_size (alex->mac_key));

  wm_session_lock (alex);
  g_assert_true (wm_session_is_locked (alex));

  /* Every key let go of, the ring of case keys too. */
  g_assert_null (alex->secret_key);
  g_assert_null (alex->wrap_key);
  g_assert_null (alex->signing_key);
  g_assert_null (alex->mac_key);
  g_assert_null (alex->case_keys);
  for (guint i = 0; i < n_held; i++)
    held_key_assert_gone (&held[i]);

  /* Nothing that needs a key works. */
  {
    g_autoptr(GPtrArray) records = wm_session_open_case (alex, the_case, &error);

    g_assert_null (records);
    assert_locked_error (error);
    g_clear_error (&error);
  }
  {
    g_autoptr(WmRecord) record = wm_session_read_record (alex, contact_id, 1, &error);

    g_assert_null (record);
    assert_locked_error (error);
    g_clear_error (&error);
  }
  {
    g_autoptr(GPtrArray) caseload = wm_session_list_caseload (alex, &error);

    g_assert_null (caseload);
    assert_locked_error (error);
    g_clear_error (&error);
  }

  /* Unlocked, it reads again, from a fresh ring. */
  wmt_count_derivation ();
  g_assert_true (wm_session_unlock (alex, WMT_CASEWORKER_A_PASS, &error));
  g_assert_no_error (error);
  g_assert_nonnull (alex->case_keys);
  g_assert_null (wm_keyring_lookup (alex->case_keys, the_case));
  {
    g_autoptr(GPtrArray) records = wmt_open_case_ok (alex, the_case);

    g_assert_nonnull (wmt_find_record (records, contact_id));
  }

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
  wmt_template_configure (WMT_USERS_CASEWORKER_A, populate);

  g_test_add_func ("/store/secret/keyring", test_keyring);
  g_test_add_func ("/store/secret/secret", test_secret);
  g_test_add_func ("/store/secret/harden", test_harden);
  g_test_add ("/store/secret/lock-wipes-keys", WmtFixture, WMT_WITH_TEMPLATE,
              wmt_fixture_setup, test_lock_wipes_keys, wmt_fixture_teardown);

  status = g_test_run ();
  wmt_template_cleanup ();
  wmt_print_derivations ();
  return status;
}
