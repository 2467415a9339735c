/* wm-instrument-private.h — the instrument's insides, for its loader and scorer
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wm-instrument.h"

G_BEGIN_DECLS

struct _WmInstrument
{
  GObject     parent_instance;

  char       *file;                /* as given, for messages */
  char       *id;
  guint       version;
  char       *title;
  char       *description;
  char       *translation_domain;
  GPtrArray  *sources;             /* WmInstrumentSource */
  GHashTable *scales;              /* id -> WmInstrumentScale, named ones */
  GPtrArray  *owned_scales;        /* WmInstrumentScale: all, named and inline */
  GPtrArray  *sections;            /* WmInstrumentSection */
  GPtrArray  *items;               /* WmInstrumentItem, document order */
  GHashTable *items_by_id;
  GPtrArray  *domains;             /* WmInstrumentDomain */
  GPtrArray  *judgements;          /* WmInstrumentJudgement */
  GPtrArray  *constraints;         /* WmInstrumentConstraint */
};

WmInstrument *_wm_instrument_new_empty (const char *file);
void          _wm_instrument_condition_free (WmInstrumentCondition *condition);
WmInstrumentScale *_wm_instrument_scale_new (const char *id);
void          _wm_instrument_option_free (WmInstrumentOption *option);
GPtrArray    *_wm_instrument_new_term_array (void);
GPtrArray    *_wm_instrument_new_band_array (void);
GPtrArray    *_wm_instrument_new_condition_array (void);

/* Every text of the shipped definitions (wm-instrument-strings.c). */
extern const char *const wm_instrument_shipped_strings[];

G_END_DECLS
