/* wm-sign-in-page.h — sign in, or unlock a locked window
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "wm-context.h"

G_BEGIN_DECLS

#define WM_TYPE_SIGN_IN_PAGE (wm_sign_in_page_get_type ())

G_DECLARE_FINAL_TYPE (WmSignInPage, wm_sign_in_page, WM, SIGN_IN_PAGE, AdwBin)

GtkWidget  *wm_sign_in_page_new          (WmContext    *context);
void        wm_sign_in_page_set_demo_hint (WmSignInPage *self,
                                          const char   *hint);
void        wm_sign_in_page_reset        (WmSignInPage *self);

G_END_DECLS
