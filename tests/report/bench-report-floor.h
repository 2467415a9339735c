/* bench-report-floor.h — the floor of the referral benchmark: the same pages with cairo and pango alone
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  FLOOR_TITLE,
  FLOOR_HEADING,
  FLOOR_FIELD,          /* s[0] label, s[1] value */
  FLOOR_PARAGRAPH,
  FLOOR_BOLD_PARAGRAPH,
  FLOOR_PARTIES,        /* s[0] from, s[1] to: a shaded header row, then the two blocks */
  FLOOR_TABLE_HEADER,   /* four cells */
  FLOOR_TABLE_ROW,      /* four cells */
  FLOOR_SIGNATURES,
} FloorKind;

typedef struct
{
  FloorKind   kind;
  const char *s[4];
} FloorBlock;

GBytes *floor_render_pdf (const FloorBlock *blocks,
                          guint             n_blocks,
                          const char       *reference,
                          guint            *out_pages);

G_END_DECLS
