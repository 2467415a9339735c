/* wm-window.h — the main window
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "wm-application.h"
#include "wm-context.h"

G_BEGIN_DECLS

#define WM_TYPE_WINDOW (wm_window_get_type ())

G_DECLARE_FINAL_TYPE (WmWindow, wm_window, WM, WINDOW, AdwApplicationWindow)

WmWindow  *wm_window_new          (WmApplication *application,
                                   GSettings     *settings,
                                   WmContext     *context,
                                   const GError  *open_error,
                                   const char    *demo_hint);
GSettings *wm_window_get_settings (WmWindow      *self);
WmContext *wm_window_get_context  (WmWindow      *self);
GtkWidget *wm_window_get_caseload_view (WmWindow *self);
GtkWindow *wm_window_refer        (WmWindow      *self);
GtkWindow *wm_window_show_partners (WmWindow     *self);
GtkWindow *wm_window_import_file  (WmWindow      *self,
                                   GFile         *file);

G_END_DECLS
