/* wm-referral-list.h — a young person's referrals: where they went, and what came of them
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "wm-context.h"

G_BEGIN_DECLS

#define WM_TYPE_REFERRAL_LIST (wm_referral_list_get_type ())

G_DECLARE_FINAL_TYPE (WmReferralList, wm_referral_list, WM, REFERRAL_LIST, AdwBin)

GtkWidget *wm_referral_list_new          (WmContext      *context);
void       wm_referral_list_set_records  (WmReferralList *self,
                                          GPtrArray      *records);
void       wm_referral_list_clear        (WmReferralList *self);
guint      wm_referral_list_get_n_referrals (WmReferralList *self);
void       wm_referral_list_set_state    (WmReferralList *self,
                                          gint64          record_id,
                                          const char     *state,
                                          const char     *outcome);

G_END_DECLS
