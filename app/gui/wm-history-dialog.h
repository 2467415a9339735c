/* wm-history-dialog.h — every version of one record, read-only
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "wm-context.h"
#include "wm-record.h"

G_BEGIN_DECLS

#define WM_TYPE_HISTORY_DIALOG (wm_history_dialog_get_type ())

G_DECLARE_FINAL_TYPE (WmHistoryDialog, wm_history_dialog, WM, HISTORY_DIALOG, AdwWindow)

WmHistoryDialog *wm_history_dialog_new            (WmContext        *context,
                                                   gint64            record_id,
                                                   WmRecordKind      kind);
gboolean         wm_history_dialog_get_loading    (WmHistoryDialog  *self);
guint            wm_history_dialog_get_n_versions (WmHistoryDialog  *self);

char            *wm_gui_format_payload            (WmRecordKind      kind,
                                                   GVariant         *payload);

G_END_DECLS
