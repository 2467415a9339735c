/* wm-casebook.h — the one door for writes: the domain's checks, then the store
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "wm-record.h"
#include "wm-session.h"

G_BEGIN_DECLS

gboolean  wm_casebook_check_record     (WmRecordKind   kind,
                                        GVariant      *payload,
                                        GVariant      *profile,
                                        const GDate   *today,
                                        GError       **error);
gint64    wm_casebook_create_person    (WmSession     *session,
                                        gint64         caseworker_id,
                                        GVariant      *profile,
                                        GVariant      *first_records,
                                        const GDate   *today,
                                        GError       **error);
gboolean  wm_casebook_create_people    (WmSession     *session,
                                        gint64         caseworker_id,
                                        GPtrArray     *profiles,
                                        const GDate   *today,
                                        GArray       **out_case_ids,
                                        GError       **error);
gint64    wm_casebook_add_record       (WmSession     *session,
                                        gint64         case_id,
                                        WmRecordKind   kind,
                                        GVariant      *payload,
                                        const GDate   *today,
                                        GError       **error);
guint     wm_casebook_update_record    (WmSession     *session,
                                        gint64         record_id,
                                        GVariant      *payload,
                                        const GDate   *today,
                                        GError       **error);

G_END_DECLS
