/* wm-welcome-page.h — the first run: create an organisation, explore demo data, or open a database
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "wm-store.h"

G_BEGIN_DECLS

#define WM_TYPE_WELCOME_PAGE (wm_welcome_page_get_type ())

G_DECLARE_FINAL_TYPE (WmWelcomePage, wm_welcome_page, WM, WELCOME_PAGE, AdwBin)

GtkWidget  *wm_welcome_page_new               (void);
const char *wm_welcome_page_get_database_path (WmWelcomePage *self);
void        wm_welcome_page_set_database_path (WmWelcomePage *self,
                                               const char    *path);
gboolean    wm_welcome_page_get_busy          (WmWelcomePage *self);
void        wm_welcome_page_reset             (WmWelcomePage *self);

G_END_DECLS
