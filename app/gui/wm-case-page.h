/* wm-case-page.h — one young person's record: profile, status, contact log and history
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "wm-context.h"
#include "wm-profile-form.h"

G_BEGIN_DECLS

#define WM_TYPE_CASE_PAGE (wm_case_page_get_type ())

G_DECLARE_FINAL_TYPE (WmCasePage, wm_case_page, WM, CASE_PAGE, AdwBin)

WmCasePage    *wm_case_page_new           (WmContext   *context);
WmContext     *wm_case_page_get_context   (WmCasePage  *self);
void           wm_case_page_show_case     (WmCasePage  *self,
                                           gint64       case_id);
void           wm_case_page_new_person    (WmCasePage  *self);
void           wm_case_page_set_caseload  (WmCasePage  *self,
                                           GListModel  *cases);
void           wm_case_page_clear         (WmCasePage  *self);
gint64         wm_case_page_get_case_id   (WmCasePage  *self);
gboolean       wm_case_page_get_busy      (WmCasePage  *self);
WmProfileForm *wm_case_page_get_form      (WmCasePage  *self);
GListModel    *wm_case_page_get_contacts  (WmCasePage  *self);
const char    *wm_case_page_get_message   (WmCasePage  *self);
void           wm_case_page_save          (WmCasePage  *self);

G_END_DECLS
