/* wm-checkpointer.h — moves WAL checkpoints off the thread that saves
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _WmCheckpointer WmCheckpointer;

WmCheckpointer *wm_checkpointer_new     (const char     *path);
void            wm_checkpointer_request (WmCheckpointer *self);
guint           wm_checkpointer_get_runs (WmCheckpointer *self);
void            wm_checkpointer_free    (WmCheckpointer *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WmCheckpointer, wm_checkpointer_free)

G_END_DECLS
