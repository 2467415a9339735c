/* wm-partner-directory.h — the partner services referrals go to, kept by administrators
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "wm-context.h"

G_BEGIN_DECLS

#define WM_TYPE_PARTNER_DIRECTORY (wm_partner_directory_get_type ())

G_DECLARE_FINAL_TYPE (WmPartnerDirectory, wm_partner_directory, WM, PARTNER_DIRECTORY, AdwWindow)

WmPartnerDirectory *wm_partner_directory_new         (WmContext          *context);
guint               wm_partner_directory_get_n_partners (WmPartnerDirectory *self);
void                wm_partner_directory_edit        (WmPartnerDirectory *self,
                                                      gint64              partner_id);
void                wm_partner_directory_save        (WmPartnerDirectory *self);

G_END_DECLS
