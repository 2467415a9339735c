/* wm-date.h — calendar dates as records hold them (ISO 8601) and ages
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "wm-core-error.h"

G_BEGIN_DECLS

gboolean  wm_date_parse_iso     (const char   *text,
                                 GDate        *out_date,
                                 GError      **error);
char     *wm_date_format_iso    (const GDate  *date);
void      wm_date_set_today     (GDate        *date);
gboolean  wm_date_age_in_years  (const GDate  *date_of_birth,
                                 const GDate  *today,
                                 guint        *out_years,
                                 GError      **error);
gboolean  wm_date_age_from_iso  (const char   *date_of_birth,
                                 const GDate  *today,
                                 guint        *out_years,
                                 GError      **error);

G_END_DECLS
