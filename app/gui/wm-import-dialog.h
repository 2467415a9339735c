/* wm-import-dialog.h — importing young people from a CSV file: preview, then accept
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "wm-context.h"

G_BEGIN_DECLS

#define WM_TYPE_IMPORT_DIALOG (wm_import_dialog_get_type ())

G_DECLARE_FINAL_TYPE (WmImportDialog, wm_import_dialog, WM, IMPORT_DIALOG, AdwWindow)

WmImportDialog *wm_import_dialog_new          (WmContext      *context,
                                               GFile          *file,
                                               GListModel     *cases,
                                               GPtrArray      *users);
guint           wm_import_dialog_get_n_valid  (WmImportDialog *self);
guint           wm_import_dialog_get_n_rejected (WmImportDialog *self);

G_END_DECLS
