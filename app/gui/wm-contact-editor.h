/* wm-contact-editor.h — adding or changing one entry of the contact log
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "wm-context.h"
#include "wm-record.h"

G_BEGIN_DECLS

#define WM_TYPE_CONTACT_EDITOR (wm_contact_editor_get_type ())

G_DECLARE_FINAL_TYPE (WmContactEditor, wm_contact_editor, WM, CONTACT_EDITOR, AdwWindow)

WmContactEditor *wm_contact_editor_new           (WmContext        *context,
                                                  gint64            case_id,
                                                  const WmRecord   *contact);
gint64           wm_contact_editor_get_record_id (WmContactEditor  *self);
gboolean         wm_contact_editor_get_saving    (WmContactEditor  *self);
const char      *wm_contact_editor_get_message   (WmContactEditor  *self);
void             wm_contact_editor_save          (WmContactEditor  *self);

G_END_DECLS
