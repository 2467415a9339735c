/* wm-referral-pages.h — a referral summary laid out on A4 pages, drawn onto any cairo context
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <glib-object.h>

#include "wm-referral-summary.h"

G_BEGIN_DECLS

/* A4 in PostScript points (1/72 inch): every coordinate of a page. */
#define WM_REPORT_PAGE_WIDTH  595.2756
#define WM_REPORT_PAGE_HEIGHT 841.8898

#define WM_TYPE_REFERRAL_PAGES (wm_referral_pages_get_type ())

G_DECLARE_FINAL_TYPE (WmReferralPages, wm_referral_pages, WM, REFERRAL_PAGES, GObject)

WmReferralPages *wm_referral_pages_new         (WmReferralSummary *summary);
guint            wm_referral_pages_get_n_pages (WmReferralPages   *self);
void             wm_referral_pages_draw_page   (WmReferralPages   *self,
                                                cairo_t           *cr,
                                                guint              page);

G_END_DECLS
