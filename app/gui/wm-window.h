/* wm-window.h — the main window
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "wm-application.h"
#include "wm-store.h"

G_BEGIN_DECLS

#define WM_TYPE_WINDOW (wm_window_get_type ())

G_DECLARE_FINAL_TYPE (WmWindow, wm_window, WM, WINDOW, AdwApplicationWindow)

WmWindow  *wm_window_new          (WmApplication *application,
                                   GSettings     *settings,
                                   WmStore       *store,
                                   const GError  *open_error);
GSettings *wm_window_get_settings (WmWindow      *self);

G_END_DECLS
