/* wm-settings.h — the application's settings, from wherever the schema is
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

GSettings *wm_settings_new (GError **error);

G_END_DECLS
