/* wm-accessible.h — names screen readers can say, where GTK 4.8 gets them wrong
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void wm_accessible_name_mnemonic_buttons (GtkWidget *root);
void wm_accessible_name_toasts           (void);
void wm_accessible_show_stack_page       (GtkStack   *stack,
                                          const char *name);

G_END_DECLS
