/* wm-cli-input.c — passphrases from standard input or, on a terminal, unechoed
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Scripts give passphrases on standard input, one a line, in the order the
 * command asks for them, as keepassxc-cli takes them; a person at a
 * terminal is prompted on standard error with echo off.
 *
 * Input is read with read(2) one byte at a time straight into a WmSecret
 * (sodium_malloc memory, wiped when freed). stdio would keep a copy in its
 * buffer, and a GString would leave copies behind every time it grew; one
 * byte at a time also leaves the next line in the pipe for the next
 * question. A passphrase is short, so the system calls cost nothing.
 */

#define G_LOG_DOMAIN "wm-cli"

#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <sodium.h>

#include "wm-cli.h"
#include "wm-cli-input.h"

/* What the terminal was like before echo went off, for the signal handler
 * to put back: Ctrl+C at a passphrase prompt must not leave the shell
 * blind. Only async-signal-safe calls are made from the handler. */
static struct termios saved_termios;
static volatile sig_atomic_t echo_is_off = 0;

static const int restoring_signals[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT };

static void
restore_terminal_and_die (int signum)
{
  if (echo_is_off)
    tcsetattr (STDIN_FILENO, TCSAFLUSH, &saved_termios);
  signal (signum, SIG_DFL);
  raise (signum);
}

gboolean
wm_cli_stdin_is_terminal (void)
{
  return isatty (STDIN_FILENO);
}

/* Reads up to a newline or the end of input into @buffer, which holds
 * @capacity bytes, and NUL-terminates it. A carriage return before the
 * newline is dropped: files written on Windows end lines with one. A line
 * that does not fit is wiped and read to its end, so that none of it is
 * left for the next question (or, on a terminal, for the shell), and
 * @out_too_long says so; what that means is the caller's to say. */
static gboolean
read_line (guint8    *buffer,
           gsize      capacity,
           gsize     *out_length,
           gboolean  *out_end_of_input,
           gboolean  *out_too_long,
           GError   **error)
{
  gsize length = 0;
  guint8 byte = 0;

  *out_end_of_input = FALSE;
  *out_too_long = FALSE;
  for (;;)
    {
      ssize_t n = read (STDIN_FILENO, &byte, 1);

      if (n < 0)
        {
          int saved_errno = errno;

          if (saved_errno == EINTR)
            continue;
          sodium_memzero (buffer, capacity);
          g_set_error (error, WM_CLI_ERROR, WM_CLI_ERROR_FAILED,
                       _("Standard input could not be read (%s)."), g_strerror (saved_errno));
          return FALSE;
        }
      if (n == 0)
        {
          *out_end_of_input = TRUE;
          break;
        }
      if (byte == '\n')
        break;
      if (length + 1 >= capacity && !*out_too_long)
        {
          sodium_memzero (buffer, capacity);
          *out_too_long = TRUE;
        }
      if (!*out_too_long)
        buffer[length++] = byte;
    }
  sodium_memzero (&byte, sizeof byte);
  if (*out_too_long)
    length = 0;

  if (length > 0 && buffer[length - 1] == '\r')
    buffer[--length] = 0;
  buffer[length] = 0;
  *out_length = length;
  return TRUE;
}

static WmSecret *
read_one (const char  *prompt,
          gboolean     terminal,
          GError     **error)
{
  /* Room for the longest passphrase the store takes, a carriage return
   * and a NUL: any longer line is too long a passphrase, and is told so
   * in the store's own words. */
  g_autoptr(WmSecret) secret = wm_secret_new (WM_PASSPHRASE_MAX_BYTES + 2);
  struct sigaction previous[G_N_ELEMENTS (restoring_signals)];
  gboolean end_of_input = FALSE;
  gboolean too_long = FALSE;
  gboolean ok;
  gsize length = 0;

  memset (previous, 0, sizeof previous);
  if (terminal)
    {
      struct termios quiet;
      struct sigaction restore = { 0 };

      if (tcgetattr (STDIN_FILENO, &saved_termios) != 0)
        {
          int saved_errno = errno;

          g_set_error (error, WM_CLI_ERROR, WM_CLI_ERROR_FAILED,
                       _("The terminal could not be set up to read a passphrase (%s)."),
                       g_strerror (saved_errno));
          return NULL;
        }

      restore.sa_handler = restore_terminal_and_die;
      sigemptyset (&restore.sa_mask);
      for (guint i = 0; i < G_N_ELEMENTS (restoring_signals); i++)
        sigaction (restoring_signals[i], &restore, &previous[i]);

      /* Echo off, but the newline still shows, so the next output does
       * not run on from the prompt. Echo goes off before the prompt shows:
       * TCSAFLUSH drops what was typed ahead, and must not drop an answer
       * typed (or pasted) after the prompt appeared. */
      quiet = saved_termios;
      quiet.c_lflag &= ~(tcflag_t) ECHO;
      quiet.c_lflag |= ECHONL;
      echo_is_off = 1;
      tcsetattr (STDIN_FILENO, TCSAFLUSH, &quiet);
      fputs (prompt, stderr);
      fflush (stderr);
    }

  ok = read_line (wm_secret_get_data (secret), wm_secret_get_size (secret),
                  &length, &end_of_input, &too_long, error);

  if (terminal)
    {
      tcsetattr (STDIN_FILENO, TCSANOW, &saved_termios);
      echo_is_off = 0;
      for (guint i = 0; i < G_N_ELEMENTS (restoring_signals); i++)
        sigaction (restoring_signals[i], &previous[i], NULL);
      /* Ctrl+D leaves the cursor after the prompt. */
      if (end_of_input)
        fputc ('\n', stderr);
    }

  if (!ok)
    return NULL;

  if (too_long)
    {
      wm_passphrase_set_too_long_error (error);
      return NULL;
    }
  if (length == 0 && end_of_input && !terminal)
    {
      g_set_error_literal (error, WM_CLI_ERROR, WM_CLI_ERROR_FAILED,
                           _("No passphrase on standard input. Give one a line, in the order the command "
                             "asks for them (see --help)."));
      return NULL;
    }
  if (length == 0 && !terminal)
    {
      g_set_error_literal (error, WM_CLI_ERROR, WM_CLI_ERROR_FAILED,
                           _("The passphrase line on standard input was empty. Give each passphrase on a "
                             "line of its own, in the order the command asks for them (see --help)."));
      return NULL;
    }
  if (length == 0)
    {
      g_set_error_literal (error, WM_CLI_ERROR, WM_CLI_ERROR_FAILED,
                           _("No passphrase was given. Type the passphrase, then press Enter."));
      return NULL;
    }
  return g_steal_pointer (&secret);
}

/**
 * wm_cli_read_passphrase:
 * @prompt: what to ask on a terminal, such as "Passphrase for sam: "
 * @confirm: on a terminal, ask twice and insist on the same answer
 * @error: return location for a #WM_CLI_ERROR
 *
 * A new passphrase is asked for twice on a terminal, since a typing slip
 * nobody saw would lock the account; a script gives it once.
 *
 * Returns: (transfer full): the passphrase, NUL-terminated, in wiped memory
 */
WmSecret *
wm_cli_read_passphrase (const char  *prompt,
                        gboolean     confirm,
                        GError     **error)
{
  g_autoptr(WmSecret) first = NULL;
  g_autoptr(WmSecret) second = NULL;
  gboolean terminal = wm_cli_stdin_is_terminal ();
  const char *a, *b;
  gsize length;

  g_return_val_if_fail (prompt != NULL, NULL);

  first = read_one (prompt, terminal, error);
  if (first == NULL || !terminal || !confirm)
    return g_steal_pointer (&first);

  second = read_one (_("Type it again: "), terminal, error);
  if (second == NULL)
    return NULL;

  a = (const char *) wm_secret_get_data (first);
  b = (const char *) wm_secret_get_data (second);
  length = strlen (a);
  if (length != strlen (b) || sodium_memcmp (a, b, length) != 0)
    {
      g_set_error_literal (error, WM_CLI_ERROR, WM_CLI_ERROR_FAILED,
                           _("The two passphrases differ. Run the command again and type the same one twice."));
      return NULL;
    }
  return g_steal_pointer (&first);
}

/**
 * wm_cli_confirm:
 * @question: what to ask, on standard error
 * @answer: the word that must be typed to go on
 * @error: return location for a #WM_CLI_ERROR
 *
 * Asks a person at a terminal to type @answer before something that
 * cannot be undone. Not a terminal: a script has already decided.
 *
 * Returns: %TRUE to go on
 */
gboolean
wm_cli_confirm (const char  *question,
                const char  *answer,
                GError     **error)
{
  char line[64];
  gsize length = 0;
  gboolean end_of_input = FALSE;
  gboolean too_long = FALSE;

  if (!wm_cli_stdin_is_terminal ())
    return TRUE;

  fprintf (stderr, "%s ", question);
  fflush (stderr);
  if (!read_line ((guint8 *) line, sizeof line, &length, &end_of_input, &too_long, error))
    return FALSE;
  if (too_long || !g_str_equal (g_strstrip (line), answer))
    {
      g_set_error_literal (error, WM_CLI_ERROR, WM_CLI_ERROR_FAILED,
                           _("Stopped: nothing was changed."));
      return FALSE;
    }
  return TRUE;
}
