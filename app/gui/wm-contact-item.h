/* wm-contact-item.h — one entry of the contact log, as an object a list can show and sort
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "wm-record.h"

G_BEGIN_DECLS

#define WM_TYPE_CONTACT_ITEM (wm_contact_item_get_type ())

G_DECLARE_FINAL_TYPE (WmContactItem, wm_contact_item, WM, CONTACT_ITEM, GObject)

WmContactItem  *wm_contact_item_new           (const WmRecord *record);
const WmRecord *wm_contact_item_get_record    (WmContactItem  *self);
gint64          wm_contact_item_get_record_id (WmContactItem  *self);
const char     *wm_contact_item_get_date      (WmContactItem  *self);
char           *wm_contact_item_dup_title     (WmContactItem  *self);
char           *wm_contact_item_dup_summary   (WmContactItem  *self);
int             wm_contact_item_compare_newest_first (gconstpointer a,
                                                      gconstpointer b,
                                                      gpointer      user_data);

G_END_DECLS
