/* wm-org-settings.h — settings of the whole organisation, signed by an administrator
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "wm-session.h"

G_BEGIN_DECLS

/* The longest setting name and value, in bytes: a setting is a number or
 * a word, not a document. */
#define WM_ORG_SETTING_NAME_MAX_BYTES  64
#define WM_ORG_SETTING_VALUE_MAX_BYTES 1000

char     *wm_session_dup_org_setting (WmSession   *session,
                                      const char  *name,
                                      GError     **error);
gboolean  wm_session_set_org_setting (WmSession   *session,
                                      const char  *name,
                                      const char  *value,
                                      GError     **error);

G_END_DECLS
