/* wm-card.h — the caseload card: sealed, bound to the signed state, kept current
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wm-card-format.h"
#include "wm-session-private.h"

G_BEGIN_DECLS

GBytes   *wm_card_seal      (const guint8      *case_key,
                             const guint8      *database_id,
                             gint64             case_id,
                             const guint8      *summary,
                             GVariant          *card);
GVariant *wm_card_open      (const guint8      *case_key,
                             const guint8      *database_id,
                             gint64             case_id,
                             const guint8      *summary,
                             gsize              summary_size,
                             const guint8      *sealed,
                             gsize              sealed_size);
gboolean  wm_card_store     (WmSession         *session,
                             gint64             case_id,
                             const guint8      *case_key,
                             const guint8      *summary,
                             GError           **error);
gboolean  wm_card_refresh   (WmSession         *session,
                             gint64             case_id,
                             const guint8      *case_key,
                             const guint8      *summary,
                             const WmCardHint  *hints,
                             guint              n_hints,
                             char             **out_last_contact_on,
                             GError           **error);
void      wm_card_set_hint  (WmSession         *session,
                             gint64             record_id,
                             guint              version,
                             GVariant          *payload);
void      wm_card_clear_hint (WmSession        *session);

G_END_DECLS
