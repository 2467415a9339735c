/* wm-application.h — the Waymark application: settings, actions, windows
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "wm-store.h"

G_BEGIN_DECLS

#define WM_TYPE_APPLICATION (wm_application_get_type ())

G_DECLARE_FINAL_TYPE (WmApplication, wm_application, WM, APPLICATION, AdwApplication)

WmApplication *wm_application_new          (GSettings     *settings);
GSettings     *wm_application_get_settings (WmApplication *self);
void           wm_application_show_store   (WmApplication *self,
                                            WmStore       *store,
                                            const char    *demo_hint);

G_END_DECLS
