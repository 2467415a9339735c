/* wm-cli-input.h — passphrases from standard input or, on a terminal, unechoed
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "wm-secret.h"

G_BEGIN_DECLS

WmSecret *wm_cli_read_passphrase (const char  *prompt,
                                  gboolean     confirm,
                                  GError     **error);
gboolean  wm_cli_stdin_is_terminal (void);
gboolean  wm_cli_confirm          (const char  *question,
                                   const char  *answer,
                                   GError     **error);

G_END_DECLS
