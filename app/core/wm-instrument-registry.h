/* wm-instrument-registry.h — every instrument definition this Waymark knows, by id and version
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "wm-instrument.h"

G_BEGIN_DECLS

#define WM_TYPE_INSTRUMENT_REGISTRY (wm_instrument_registry_get_type ())
G_DECLARE_FINAL_TYPE (WmInstrumentRegistry, wm_instrument_registry, WM, INSTRUMENT_REGISTRY, GObject)

WmInstrumentRegistry *wm_instrument_registry_new            (void);
WmInstrumentRegistry *wm_instrument_registry_get_default    (void);
gboolean              wm_instrument_registry_add            (WmInstrumentRegistry  *self,
                                                             WmInstrument          *instrument,
                                                             GError               **error);
gboolean              wm_instrument_registry_add_file       (WmInstrumentRegistry  *self,
                                                             const char            *path,
                                                             GError               **error);
guint                 wm_instrument_registry_add_directory  (WmInstrumentRegistry  *self,
                                                             const char            *directory,
                                                             GPtrArray             *failures);
WmInstrument         *wm_instrument_registry_lookup         (WmInstrumentRegistry  *self,
                                                             const char            *id,
                                                             guint                  version);
WmInstrument         *wm_instrument_registry_lookup_latest  (WmInstrumentRegistry  *self,
                                                             const char            *id);
WmInstrument         *wm_instrument_registry_find_for       (WmInstrumentRegistry  *self,
                                                             GVariant              *assessment,
                                                             GError               **error);
GPtrArray            *wm_instrument_registry_list_latest    (WmInstrumentRegistry  *self);

char                **wm_instrument_dup_search_dirs         (void);

G_END_DECLS
