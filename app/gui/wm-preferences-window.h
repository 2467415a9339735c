/* wm-preferences-window.h — the Preferences window
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "wm-context.h"

G_BEGIN_DECLS

#define WM_TYPE_PREFERENCES_WINDOW (wm_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (WmPreferencesWindow, wm_preferences_window,
                      WM, PREFERENCES_WINDOW, AdwPreferencesWindow)

WmPreferencesWindow *wm_preferences_window_new          (GSettings           *settings,
                                                         WmContext           *context);
GSettings           *wm_preferences_window_get_settings (WmPreferencesWindow *self);

G_END_DECLS
