/* wm-referral-pdf.h — a referral summary written as a PDF file, optionally password-protected
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "wm-referral-summary.h"

G_BEGIN_DECLS

GBytes   *wm_referral_pdf_render           (WmReferralSummary  *summary,
                                            GError            **error);
gboolean  wm_referral_pdf_write            (WmReferralSummary  *summary,
                                            const char         *path,
                                            const char         *password,
                                            GError            **error);
char     *wm_referral_pdf_default_filename (WmReferralSummary  *summary);

G_END_DECLS
