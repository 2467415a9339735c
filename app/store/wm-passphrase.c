/* wm-passphrase.c — what passphrase a new account may have
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * NIST SP 800-63B rev. 4: a minimum length of 15 characters for a
 * passphrase that is the only factor, no composition rules, and a check
 * against values known to be common or guessable in context (the account
 * name, the application's name). Length counts characters, not bytes, so a
 * Welsh or Arabic-script passphrase is measured fairly.
 */

#define G_LOG_DOMAIN "wm-passphrase"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <sodium.h>

#include "wm-store-private.h"

#define MIN_CHARACTERS 15
#define MAX_CHARACTERS 1024

/* Common passphrases of 15 or more characters from public breach-corpus
 * frequency lists, lower-cased with spaces removed. */
static const char *const common_passphrases[] = {
  "000000000000000", "111111111111111", "123123123123123", "123456789012345",
  "1234567890123456", "12345678901234567890", "123456789123456", "1q2w3e4r5t6y7u8i",
  "1qaz2wsx3edc4rfv", "abcdefghijklmno", "abcdefghijklmnopqrstuvwxyz", "administrator123",
  "asdfghjklasdfgh", "changemechangeme", "correcthorsebatterystaple", "iloveyouiloveyou",
  "letmeinletmein1", "passwordpassword", "password12345678", "password123456789",
  "p@ssw0rdp@ssw0rd", "qazwsxedcrfvtgb", "qwertyuiopasdfgh", "qwertyuiopasdfghjkl",
  "qwertyuiop123456", "thequickbrownfox", "thequickbrownfoxjumpsoverthelazydog",
  "trustno1trustno1", "welcomewelcome1", "welcome12345678", "zaq12wsxcde34rfv",
  "mypasswordismypassword", "thisismypassword", "passwordpassword1", "iloveyou12345678",
  "football12345678", "baseball12345678", "princessprincess", "sunshinesunshine",
  "monkeymonkeymonkey", "dragondragondragon", "letmeinletmeinletmein", "masterpassword123",
  "supersecretpassword", "verysecurepassword", "securepassword123", "mysecretpassword",
  "waymarkwaymark", "waymarkpassword", "waymarkpassword1", "waymark123456789",
};

static char *
fold (const char *text)
{
  g_autofree char *normalised = g_utf8_normalize (text, -1, G_NORMALIZE_NFKC);
  g_autofree char *lower = g_utf8_strdown (normalised ? normalised : text, -1);
  GString *folded = g_string_new (NULL);

  for (const char *p = lower; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_isspace (c) && c != '-' && c != '_' && c != '.')
        g_string_append_unichar (folded, c);
    }
  sodium_memzero (lower, strlen (lower));
  if (normalised != NULL)
    sodium_memzero (normalised, strlen (normalised));
  return g_string_free (folded, FALSE);
}

static gboolean
is_one_repeated_run (const char *folded)
{
  glong length = g_utf8_strlen (folded, -1);

  /* "abcabcabcabcabc", "aaaaaaaaaaaaaaa": a short unit said over and over. */
  for (glong unit = 1; unit <= 4 && unit < length; unit++)
    {
      const char *unit_end = g_utf8_offset_to_pointer (folded, unit);
      gsize unit_bytes = unit_end - folded;
      gboolean repeats = TRUE;

      for (const char *p = unit_end; *p && repeats; p += unit_bytes)
        repeats = strlen (p) >= unit_bytes && memcmp (p, folded, unit_bytes) == 0;
      if (repeats)
        return TRUE;
    }
  return FALSE;
}

gboolean
wm_passphrase_check (const char  *passphrase,
                     const char  *user_name,
                     GError     **error)
{
  g_autofree char *folded = NULL;
  g_autofree char *folded_name = NULL;
  glong characters;
  gboolean common = FALSE;

  if (passphrase == NULL || !g_utf8_validate (passphrase, -1, NULL))
    {
      g_set_error (error, WM_STORE_ERROR, WM_STORE_ERROR_WEAK_PASSPHRASE,
                   _("The passphrase is not valid text. Type it again."));
      return FALSE;
    }

  characters = g_utf8_strlen (passphrase, -1);
  if (characters < MIN_CHARACTERS)
    {
      g_set_error (error, WM_STORE_ERROR, WM_STORE_ERROR_WEAK_PASSPHRASE,
                   _("The passphrase is too short: use at least %d characters. "
                     "A few unrelated words make a good one."), MIN_CHARACTERS);
      return FALSE;
    }
  if (characters > MAX_CHARACTERS)
    {
      g_set_error (error, WM_STORE_ERROR, WM_STORE_ERROR_WEAK_PASSPHRASE,
                   _("The passphrase is too long: use at most %d characters."), MAX_CHARACTERS);
      return FALSE;
    }

  folded = fold (passphrase);
  for (guint i = 0; i < G_N_ELEMENTS (common_passphrases) && !common; i++)
    common = strcmp (folded, common_passphrases[i]) == 0;
  if (!common && user_name != NULL && *user_name != '\0')
    {
      folded_name = fold (user_name);
      common = *folded_name != '\0' && strstr (folded, folded_name) != NULL
               && g_utf8_strlen (folded, -1) < 2 * g_utf8_strlen (folded_name, -1) + MIN_CHARACTERS / 2;
    }
  common = common || is_one_repeated_run (folded);
  sodium_memzero (folded, strlen (folded));

  if (common)
    {
      g_set_error (error, WM_STORE_ERROR, WM_STORE_ERROR_WEAK_PASSPHRASE,
                   _("That passphrase is too easy to guess. Choose a few unrelated words "
                     "that are not your name."));
      return FALSE;
    }
  return TRUE;
}
