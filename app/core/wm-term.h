/* wm-term.h — a closed vocabulary: stable ids in records, labels for people
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* One value a field may take. The id is what a record stores and never
 * changes; the label is marked with N_() and translated on the way out.
 * Vocabularies are arrays ending in { NULL, NULL }; where the order means
 * something (low before high) it is the array order. */
typedef struct
{
  const char *id;
  const char *label;
} WmTerm;

/* An id a vocabulary no longer uses, and the id that took its place.
 * Records are never rewritten behind the caseworker's back, so an old id
 * stays readable: checks accept it, labels show the new term, and an
 * upgrade writes the new id the next time the record is saved. Arrays
 * end in { NULL, NULL }. */
typedef struct
{
  const char *old_id;
  const char *id;
} WmTermAlias;

const WmTerm *wm_term_find       (const WmTerm *terms,
                                  const char   *id);
int           wm_term_index      (const WmTerm *terms,
                                  const char   *id);
guint         wm_term_count      (const WmTerm *terms);
const char   *wm_term_get_label  (const WmTerm *terms,
                                  const char   *id);
char         *wm_term_join_ids   (const WmTerm *terms,
                                  const char   *separator);

const char   *wm_term_alias_resolve (const WmTermAlias *aliases,
                                     const char        *id);

G_END_DECLS
