/* wm-cli-input.h — passphrases from standard input or, on a terminal, unechoed
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "wm-secret.h"

G_BEGIN_DECLS

/* The longest passphrase the store accepts is 1024 characters, which is at
 * most 4096 bytes of UTF-8. */
#define WM_CLI_PASSPHRASE_MAX_BYTES 4096

WmSecret *wm_cli_read_passphrase (const char  *prompt,
                                  gboolean     confirm,
                                  GError     **error);
gboolean  wm_cli_stdin_is_terminal (void);
gboolean  wm_cli_confirm          (const char  *question,
                                   const char  *answer,
                                   GError     **error);

G_END_DECLS
