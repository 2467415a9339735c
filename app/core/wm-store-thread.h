/* wm-store-thread.h — the one thread that touches the store
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define WM_TYPE_STORE_THREAD (wm_store_thread_get_type ())

G_DECLARE_FINAL_TYPE (WmStoreThread, wm_store_thread, WM, STORE_THREAD, GObject)

WmStoreThread *wm_store_thread_new         (void);
void           wm_store_thread_run         (WmStoreThread   *self,
                                            GTask           *task,
                                            GTaskThreadFunc  func);
void           wm_store_thread_run_first   (WmStoreThread   *self,
                                            GTask           *task,
                                            GTaskThreadFunc  func);
void           wm_store_thread_wait_idle   (WmStoreThread   *self);
gboolean       wm_store_thread_is_current  (WmStoreThread   *self);

G_END_DECLS
