/* wm-screenshot.h — a window saved as GTK draws it, for the README and AppStream
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

void     wm_screenshot_use_composited_frame (GtkWidget *window);
gboolean wm_screenshot_save (GtkWidget   *window,
                             const char  *path,
                             GError     **error);

G_END_DECLS
