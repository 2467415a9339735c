/* wm-freshness.h — what this device has seen of each database, kept outside it
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wm-store.h"

G_BEGIN_DECLS

gboolean  wm_freshness_check        (WmStore     *store,
                                     GError     **error);
gboolean  wm_freshness_note         (WmStore     *store,
                                     GError     **error);
void      wm_freshness_allow_behind (WmStore     *store);
gboolean  wm_freshness_get_seen     (WmStore     *store,
                                     gint64      *out_epoch,
                                     gint64      *out_count);

/* Where the device's state lives: $XDG_STATE_HOME/waymark unless a test
 * sets another folder (%NULL goes back to it). */
char     *wm_freshness_dup_dir      (void);
void      wm_freshness_set_dir      (const char  *dir);

G_END_DECLS
