/* test-secret.c — secrets, the keyring of case keys, process hardening
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A supervisor may hold ten thousand case keys: each must come back as it
 * went in, be gone once removed or cleared (which is what locking relies
 * on), and never be confused with another. The process that holds them
 * writes no core dump.
 */

#define G_LOG_DOMAIN "wm-test-secret"

#include "config.h"

#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>

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

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_assert_true (wm_crypto_init ());

  g_test_add_func ("/store/secret/keyring", test_keyring);
  g_test_add_func ("/store/secret/secret", test_secret);
  g_test_add_func ("/store/secret/harden", test_harden);

  return g_test_run ();
}
