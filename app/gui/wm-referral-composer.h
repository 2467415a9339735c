/* wm-referral-composer.h — a referral to a partner service: what to share, why it is lawful, the pages
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "wm-context.h"
#include "wm-referral-export.h"

G_BEGIN_DECLS

#define WM_TYPE_REFERRAL_COMPOSER (wm_referral_composer_get_type ())

G_DECLARE_FINAL_TYPE (WmReferralComposer, wm_referral_composer, WM, REFERRAL_COMPOSER, AdwWindow)

WmReferralComposer *wm_referral_composer_new          (WmContext          *context,
                                                       gint64              case_id);
WmReferralRequest  *wm_referral_composer_dup_request  (WmReferralComposer *self);
guint               wm_referral_composer_get_n_pages  (WmReferralComposer *self);
void                wm_referral_composer_save_to      (WmReferralComposer *self,
                                                       GFile              *file);
gboolean            wm_referral_composer_print_to_file (WmReferralComposer *self,
                                                       const char         *path,
                                                       GError            **error);

G_END_DECLS
