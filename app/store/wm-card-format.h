/* wm-card-format.h — a caseload card's plaintext: what a caseload row shows
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A card is a "(a{sv}ma{sv}ms)": some keys of the current profile, some
 * keys of the latest assessment (nothing when the case has none), and the
 * date of the newest contact record (nothing when there is none, or its
 * date is not a YYYY-MM-DD). Only GLib: the store benchmark's unencrypted
 * twins build and read the very same cards (tests/bench). */
#define WM_CARD_TYPE "(a{sv}ma{sv}ms)"

GVariant *wm_card_build          (GVariant    *profile,
                                  GVariant    *assessment,
                                  const char  *last_contact_on);
GVariant *wm_card_from_bytes     (GBytes      *bytes);
void      wm_card_unpack         (GVariant    *card,
                                  GVariant   **out_profile,
                                  GVariant   **out_assessment,
                                  char       **out_last_contact_on);
char     *wm_card_contact_date   (GVariant    *contact);

G_END_DECLS
