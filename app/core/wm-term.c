/* wm-term.c — a closed vocabulary: stable ids in records, labels for people
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wm-core"

#include "config.h"

#include <glib/gi18n.h>

#include "wm-term.h"

/**
 * wm_term_find:
 * @terms: a vocabulary
 * @id: (nullable): an id
 *
 * Returns: (nullable): the term whose id is @id
 */
const WmTerm *
wm_term_find (const WmTerm *terms,
              const char   *id)
{
  g_return_val_if_fail (terms != NULL, NULL);

  if (id == NULL)
    return NULL;

  for (const WmTerm *term = terms; term->id != NULL; term++)
    {
      if (g_str_equal (term->id, id))
        return term;
    }
  return NULL;
}

/**
 * wm_term_index:
 * @terms: a vocabulary
 * @id: (nullable): an id
 *
 * The position of @id on an ordered scale, so "high" can be compared with
 * "medium" without either side knowing the scale.
 *
 * Returns: the index of @id in @terms, or -1 when it is not there
 */
int
wm_term_index (const WmTerm *terms,
               const char   *id)
{
  const WmTerm *term = wm_term_find (terms, id);

  return term != NULL ? (int) (term - terms) : -1;
}

/**
 * wm_term_count:
 * @terms: a vocabulary
 *
 * Returns: the number of terms in @terms
 */
guint
wm_term_count (const WmTerm *terms)
{
  guint n = 0;

  g_return_val_if_fail (terms != NULL, 0);

  while (terms[n].id != NULL)
    n++;
  return n;
}

/**
 * wm_term_get_label:
 * @terms: a vocabulary
 * @id: (nullable): an id
 *
 * A record written by a newer Waymark may hold an id this one does not
 * know; it is shown as it is rather than hidden.
 *
 * Returns: (nullable): the translated label of @id, @id itself when it is
 *   not in @terms, or %NULL when @id is %NULL
 */
const char *
wm_term_get_label (const WmTerm *terms,
                   const char   *id)
{
  const WmTerm *term = wm_term_find (terms, id);

  if (term == NULL)
    return id;
  return g_dgettext (GETTEXT_PACKAGE, term->label);
}

/**
 * wm_term_join_ids:
 * @terms: a vocabulary
 * @separator: what goes between two ids
 *
 * For messages that list what a field accepts.
 *
 * Returns: (transfer full): every id of @terms joined by @separator
 */
char *
wm_term_join_ids (const WmTerm *terms,
                  const char   *separator)
{
  g_autoptr(GString) joined = g_string_new (NULL);

  g_return_val_if_fail (terms != NULL, NULL);
  g_return_val_if_fail (separator != NULL, NULL);

  for (const WmTerm *term = terms; term->id != NULL; term++)
    {
      if (term != terms)
        g_string_append (joined, separator);
      g_string_append (joined, term->id);
    }
  return g_string_free (g_steal_pointer (&joined), FALSE);
}

/**
 * wm_term_alias_resolve:
 * @aliases: the old ids of a vocabulary
 * @id: (nullable): an id, old or current
 *
 * Returns: (nullable): the id that replaced @id when it is an old one,
 *   else @id itself
 */
const char *
wm_term_alias_resolve (const WmTermAlias *aliases,
                       const char        *id)
{
  g_return_val_if_fail (aliases != NULL, id);

  if (id == NULL)
    return NULL;

  for (const WmTermAlias *alias = aliases; alias->old_id != NULL; alias++)
    {
      if (g_str_equal (alias->old_id, id))
        return alias->id;
    }
  return id;
}
