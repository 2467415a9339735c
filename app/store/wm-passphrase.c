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

#include "wm-store-private.h"

#define MIN_CHARACTERS 15

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

static gboolean
is_kept (gunichar c)
{
  return !g_unichar_isspace (c) && c != '-' && c != '_' && c != '.';
}

/* NFKC, lower case, without spaces, hyphens, underscores or full stops:
 * the form compared with the block list and the account name. Built in
 * secure memory, measured first and written once, because the text is
 * the new passphrase: g_utf8_normalize(), g_utf8_strdown() and a growing
 * GString would each leave a copy of it in freed heap memory. Text that
 * is not UTF-8 folds to nothing. */
static WmSecret *
fold (const char *text)
{
  g_autoptr(WmSecret) normalised = NULL;
  const char *source;
  WmSecret *folded;
  gsize size = 1;
  char *out;

  if (!g_utf8_validate (text, -1, NULL))
    return wm_secret_new (1);
  normalised = wm_accounts_normalise_passphrase (text);
  source = (const char *) wm_secret_get_data (normalised);
  for (const char *p = source; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_unichar_tolower (g_utf8_get_char (p));

      if (is_kept (c))
        size += g_unichar_to_utf8 (c, NULL);
    }
  folded = wm_secret_new (size);
  out = (char *) wm_secret_get_data (folded);
  for (const char *p = source; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_unichar_tolower (g_utf8_get_char (p));

      if (is_kept (c))
        out += g_unichar_to_utf8 (c, out);
    }
  *out = '\0';
  return folded;
}

static const char *
text_of (WmSecret *secret)
{
  return (const char *) wm_secret_get_data (secret);
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

/**
 * wm_passphrase_set_too_long_error:
 * @error: return location for a %WM_STORE_ERROR_WEAK_PASSPHRASE
 *
 * The one message for a passphrase over %WM_PASSPHRASE_MAX_CHARACTERS,
 * whether the store measured it or a reader stopped before its end.
 */
void
wm_passphrase_set_too_long_error (GError **error)
{
  g_set_error (error, WM_STORE_ERROR, WM_STORE_ERROR_WEAK_PASSPHRASE,
               _("The passphrase is too long: use at most %d characters."), WM_PASSPHRASE_MAX_CHARACTERS);
}

gboolean
wm_passphrase_check (const char  *passphrase,
                     const char  *user_name,
                     GError     **error)
{
  g_autoptr(WmSecret) folded = NULL;
  g_autoptr(WmSecret) folded_name = NULL;
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
  if (characters > WM_PASSPHRASE_MAX_CHARACTERS)
    {
      wm_passphrase_set_too_long_error (error);
      return FALSE;
    }

  folded = fold (passphrase);
  for (guint i = 0; i < G_N_ELEMENTS (common_passphrases) && !common; i++)
    common = strcmp (text_of (folded), common_passphrases[i]) == 0;
  if (!common && user_name != NULL && *user_name != '\0')
    {
      folded_name = fold (user_name);
      common = *text_of (folded_name) != '\0' && strstr (text_of (folded), text_of (folded_name)) != NULL
               && g_utf8_strlen (text_of (folded), -1)
                  < 2 * g_utf8_strlen (text_of (folded_name), -1) + MIN_CHARACTERS / 2;
    }
  common = common || is_one_repeated_run (text_of (folded));

  if (common)
    {
      g_set_error (error, WM_STORE_ERROR, WM_STORE_ERROR_WEAK_PASSPHRASE,
                   _("That passphrase is too easy to guess. Choose a few unrelated words "
                     "that are not your name."));
      return FALSE;
    }
  return TRUE;
}
