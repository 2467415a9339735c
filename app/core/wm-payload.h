/* wm-payload.h — reading and checking the fields of a record's a{sv} payload
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "wm-core-error.h"
#include "wm-term.h"

G_BEGIN_DECLS

/* Getters answer NULL, FALSE or the default when a key is absent or of
 * another type: a payload is untrusted input and a display must not fail
 * on it. Checks report which field is wrong, for forms and imports, by the
 * field's translated name (wm_payload_get_field_label()), not its key. */
const char *wm_payload_get_string      (GVariant      *payload,
                                        const char    *key);
gboolean    wm_payload_get_int         (GVariant      *payload,
                                        const char    *key,
                                        gint32        *out_value);
gboolean    wm_payload_get_uint        (GVariant      *payload,
                                        const char    *key,
                                        guint32       *out_value);
gboolean    wm_payload_get_boolean     (GVariant      *payload,
                                        const char    *key,
                                        gboolean       default_value);
GVariant   *wm_payload_get_value       (GVariant      *payload,
                                        const char    *key,
                                        const GVariantType *type);

const char *wm_payload_get_field_label (const char    *key);

gboolean    wm_payload_check_type      (GVariant      *payload,
                                        const char    *key,
                                        const GVariantType *type,
                                        gboolean       required,
                                        GError       **error);
gboolean    wm_payload_check_text      (GVariant      *payload,
                                        const char    *key,
                                        gboolean       required,
                                        GError       **error);
gboolean    wm_payload_check_term      (GVariant      *payload,
                                        const char    *key,
                                        const WmTerm  *terms,
                                        gboolean       required,
                                        GError       **error);
gboolean    wm_payload_check_date      (GVariant      *payload,
                                        const char    *key,
                                        gboolean       required,
                                        GError       **error);

G_END_DECLS
