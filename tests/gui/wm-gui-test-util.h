/* wm-gui-test-util.h — what the widget tests, benchmarks and the screenshot tour share
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

typedef gboolean (*WmgDoneFunc) (gpointer data);

gboolean     wmg_iterate_until   (WmgDoneFunc  done,
                                  gpointer     data,
                                  guint        seconds);
GtkWidget   *wmg_find_row        (GtkWidget   *root,
                                  const char  *title);
GtkWidget   *wmg_find_button     (GtkWidget   *root,
                                  const char  *label);
GtkTextView *wmg_find_text_view  (GtkWidget   *root,
                                  const char  *mnemonic_label);
void         wmg_store_result_cb (GObject      *source,
                                  GAsyncResult *result,
                                  gpointer      user_data);
gboolean     wmg_has_result      (gpointer     data);
gboolean     wmg_tree_shows      (GtkWidget   *widget,
                                  const char  *needle);
void         wmg_wait_for_paint  (GtkWidget   *widget);
double       wmg_median          (GArray      *values);
double       wmg_maximum         (GArray      *values);

G_END_DECLS
