/* wm-secret-buffer.h — a password field's text in locked memory, kept from accessibility clients
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define WM_TYPE_SECRET_BUFFER (wm_secret_buffer_get_type ())

G_DECLARE_FINAL_TYPE (WmSecretBuffer, wm_secret_buffer, WM, SECRET_BUFFER, GtkEntryBuffer)

void        wm_secret_buffer_install (GtkPasswordEntry *entry);
const char *wm_secret_buffer_peek    (GtkPasswordEntry *entry);

G_END_DECLS
