/* wm-instrument.c — an assessment instrument read from its definition file
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The model only: what a definition says, once wm-instrument-loader.c has
 * read and checked it. An instrument never changes after loading, so it
 * may be shared between the main thread and the store's thread, and every
 * pointer it hands out lives as long as it does. Text stays the English
 * of the file and is translated on the way out (wm_instrument_gettext()),
 * so a change of language needs no reload.
 */

#define G_LOG_DOMAIN "wm-core"

#include "config.h"

#include <glib/gi18n.h>

#include "wm-instrument-private.h"

G_DEFINE_QUARK (wm-instrument-error-quark, wm_instrument_error)

G_DEFINE_FINAL_TYPE (WmInstrument, wm_instrument, G_TYPE_OBJECT)

void
_wm_instrument_option_free (WmInstrumentOption *option)
{
  g_free (option->id);
  g_free (option->label);
  g_free (option->help);
  g_free (option);
}

static void
scale_free (WmInstrumentScale *scale)
{
  g_free (scale->id);
  g_ptr_array_unref (scale->options);
  g_free (scale);
}

WmInstrumentScale *
_wm_instrument_scale_new (const char *id)
{
  WmInstrumentScale *scale = g_new0 (WmInstrumentScale, 1);

  scale->id = g_strdup (id);
  scale->options = g_ptr_array_new_with_free_func ((GDestroyNotify) _wm_instrument_option_free);
  return scale;
}

void
_wm_instrument_condition_free (WmInstrumentCondition *condition)
{
  if (condition == NULL)
    return;
  g_strfreev (condition->values);
  g_free (condition);
}

static void
source_free (WmInstrumentSource *source)
{
  g_free (source->citation);
  g_free (source->url);
  g_free (source->licence);
  g_free (source->note);
  g_free (source);
}

static void
section_free (WmInstrumentSection *section)
{
  g_free (section->id);
  g_free (section->title);
  g_free (section->help);
  g_ptr_array_unref (section->items);
  g_free (section);
}

static void
item_free (WmInstrumentItem *item)
{
  g_free (item->id);
  g_free (item->label);
  g_free (item->help);
  _wm_instrument_condition_free (item->shown_when);
  g_free (item);
}

static void
term_free (WmInstrumentDomainTerm *term)
{
  g_strfreev (term->answers);
  g_free (term->weights);
  g_free (term);
}

static void
band_free (WmInstrumentBand *band)
{
  g_free (band->label);
  g_free (band->level);
  g_free (band);
}

static void
domain_free (WmInstrumentDomain *domain)
{
  g_free (domain->id);
  g_free (domain->label);
  g_free (domain->note);
  g_ptr_array_unref (domain->terms);
  g_ptr_array_unref (domain->bands);
  g_free (domain);
}

static void
judgement_free (WmInstrumentJudgement *judgement)
{
  g_free (judgement->id);
  g_free (judgement->label);
  g_free (judgement->help);
  g_free (judgement);
}

static void
constraint_free (WmInstrumentConstraint *constraint)
{
  g_free (constraint->id);
  g_free (constraint->message);
  g_ptr_array_unref (constraint->all);
  g_ptr_array_unref (constraint->any);
  g_free (constraint);
}

static void
wm_instrument_finalize (GObject *object)
{
  WmInstrument *self = WM_INSTRUMENT (object);

  g_clear_pointer (&self->file, g_free);
  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->description, g_free);
  g_clear_pointer (&self->translation_domain, g_free);
  g_clear_pointer (&self->sources, g_ptr_array_unref);
  g_clear_pointer (&self->constraints, g_ptr_array_unref);
  g_clear_pointer (&self->judgements, g_ptr_array_unref);
  g_clear_pointer (&self->domains, g_ptr_array_unref);
  g_clear_pointer (&self->sections, g_ptr_array_unref);
  g_clear_pointer (&self->items_by_id, g_hash_table_unref);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->scales, g_hash_table_unref);
  g_clear_pointer (&self->owned_scales, g_ptr_array_unref);

  G_OBJECT_CLASS (wm_instrument_parent_class)->finalize (object);
}

static void
wm_instrument_class_init (WmInstrumentClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = wm_instrument_finalize;
}

static void
wm_instrument_init (WmInstrument *self)
{
  self->sources = g_ptr_array_new_with_free_func ((GDestroyNotify) source_free);
  self->owned_scales = g_ptr_array_new_with_free_func ((GDestroyNotify) scale_free);
  self->scales = g_hash_table_new (g_str_hash, g_str_equal);
  self->sections = g_ptr_array_new_with_free_func ((GDestroyNotify) section_free);
  self->items = g_ptr_array_new_with_free_func ((GDestroyNotify) item_free);
  self->items_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->domains = g_ptr_array_new_with_free_func ((GDestroyNotify) domain_free);
  self->judgements = g_ptr_array_new_with_free_func ((GDestroyNotify) judgement_free);
  self->constraints = g_ptr_array_new_with_free_func ((GDestroyNotify) constraint_free);
}

WmInstrument *
_wm_instrument_new_empty (const char *file)
{
  WmInstrument *self = g_object_new (WM_TYPE_INSTRUMENT, NULL);

  self->file = g_strdup (file);
  return self;
}

/* The loader adds each part to the instrument as soon as it makes it, so
 * a definition refused half-way is freed with the instrument. */
GPtrArray *
_wm_instrument_new_term_array (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) term_free);
}

GPtrArray *
_wm_instrument_new_band_array (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) band_free);
}

GPtrArray *
_wm_instrument_new_condition_array (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) _wm_instrument_condition_free);
}

/**
 * wm_instrument_get_id:
 * @self: an instrument
 *
 * Returns: the id assessments store under "instrument", such as "ace"
 */
const char *
wm_instrument_get_id (WmInstrument *self)
{
  g_return_val_if_fail (WM_IS_INSTRUMENT (self), NULL);
  return self->id;
}

/**
 * wm_instrument_get_version:
 * @self: an instrument
 *
 * Returns: the version assessments store under "instrument-version"
 */
guint
wm_instrument_get_version (WmInstrument *self)
{
  g_return_val_if_fail (WM_IS_INSTRUMENT (self), 0);
  return self->version;
}

/**
 * wm_instrument_get_title:
 * @self: an instrument
 *
 * Returns: the title, translated
 */
const char *
wm_instrument_get_title (WmInstrument *self)
{
  g_return_val_if_fail (WM_IS_INSTRUMENT (self), NULL);
  return wm_instrument_gettext (self, self->title);
}

/**
 * wm_instrument_get_description:
 * @self: an instrument
 *
 * Returns: (nullable): what the instrument is for, translated
 */
const char *
wm_instrument_get_description (WmInstrument *self)
{
  g_return_val_if_fail (WM_IS_INSTRUMENT (self), NULL);
  return wm_instrument_gettext (self, self->description);
}

const char *
wm_instrument_get_translation_domain (WmInstrument *self)
{
  g_return_val_if_fail (WM_IS_INSTRUMENT (self), NULL);
  return self->translation_domain;
}

/**
 * wm_instrument_get_file:
 * @self: an instrument
 *
 * Returns: the file it was read from, as it was named to the loader
 */
const char *
wm_instrument_get_file (WmInstrument *self)
{
  g_return_val_if_fail (WM_IS_INSTRUMENT (self), NULL);
  return self->file;
}

/**
 * wm_instrument_get_sources:
 * @self: an instrument
 *
 * Returns: (transfer none) (element-type WmInstrumentSource): what the
 *   instrument draws on, with licences, to show beside it
 */
GPtrArray *
wm_instrument_get_sources (WmInstrument *self)
{
  g_return_val_if_fail (WM_IS_INSTRUMENT (self), NULL);
  return self->sources;
}

/**
 * wm_instrument_get_sections:
 * @self: an instrument
 *
 * Returns: (transfer none) (element-type WmInstrumentSection): the pages
 *   of the guided flow, in order
 */
GPtrArray *
wm_instrument_get_sections (WmInstrument *self)
{
  g_return_val_if_fail (WM_IS_INSTRUMENT (self), NULL);
  return self->sections;
}

/**
 * wm_instrument_get_items:
 * @self: an instrument
 *
 * Returns: (transfer none) (element-type WmInstrumentItem): every item of
 *   every section, in order
 */
GPtrArray *
wm_instrument_get_items (WmInstrument *self)
{
  g_return_val_if_fail (WM_IS_INSTRUMENT (self), NULL);
  return self->items;
}

GPtrArray *
wm_instrument_get_domains (WmInstrument *self)
{
  g_return_val_if_fail (WM_IS_INSTRUMENT (self), NULL);
  return self->domains;
}

GPtrArray *
wm_instrument_get_judgements (WmInstrument *self)
{
  g_return_val_if_fail (WM_IS_INSTRUMENT (self), NULL);
  return self->judgements;
}

GPtrArray *
wm_instrument_get_constraints (WmInstrument *self)
{
  g_return_val_if_fail (WM_IS_INSTRUMENT (self), NULL);
  return self->constraints;
}

const WmInstrumentItem *
wm_instrument_find_item (WmInstrument *self,
                         const char   *id)
{
  g_return_val_if_fail (WM_IS_INSTRUMENT (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);
  return g_hash_table_lookup (self->items_by_id, id);
}

const WmInstrumentDomain *
wm_instrument_find_domain (WmInstrument *self,
                           const char   *id)
{
  g_return_val_if_fail (WM_IS_INSTRUMENT (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  for (guint i = 0; i < self->domains->len; i++)
    {
      const WmInstrumentDomain *domain = g_ptr_array_index (self->domains, i);

      if (g_str_equal (domain->id, id))
        return domain;
    }
  return NULL;
}

const WmInstrumentJudgement *
wm_instrument_find_judgement (WmInstrument *self,
                              const char   *id)
{
  g_return_val_if_fail (WM_IS_INSTRUMENT (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  for (guint i = 0; i < self->judgements->len; i++)
    {
      const WmInstrumentJudgement *judgement = g_ptr_array_index (self->judgements, i);

      if (g_str_equal (judgement->id, id))
        return judgement;
    }
  return NULL;
}

/**
 * wm_instrument_gettext:
 * @self: an instrument
 * @text: (nullable): a text of its definition (a label, a help text…)
 *
 * Returns: (nullable): @text in the user's language, from the
 *   definition's translation domain, or @text itself when no catalogue has it
 */
const char *
wm_instrument_gettext (WmInstrument *self,
                       const char   *text)
{
  const char *translated;

  g_return_val_if_fail (WM_IS_INSTRUMENT (self), NULL);

  if (text == NULL || *text == '\0')
    return text;
  translated = g_dgettext (self->translation_domain, text);
  /* An organisation's own definition may still use Waymark's words (the
   * built-in "Yes", "No", "Not known"), which its catalogue need not repeat. */
  if (translated == text && g_strcmp0 (self->translation_domain, GETTEXT_PACKAGE) != 0)
    translated = g_dgettext (GETTEXT_PACKAGE, text);
  return translated;
}

const WmInstrumentOption *
wm_instrument_scale_find (const WmInstrumentScale *scale,
                          const char              *id)
{
  int index = wm_instrument_scale_index (scale, id);

  return index >= 0 ? g_ptr_array_index (scale->options, index) : NULL;
}

/**
 * wm_instrument_scale_index:
 * @scale: (nullable): a scale
 * @id: (nullable): an option's id
 *
 * Returns: the position of @id on @scale, lowest first, or -1
 */
int
wm_instrument_scale_index (const WmInstrumentScale *scale,
                           const char              *id)
{
  if (scale == NULL || id == NULL)
    return -1;
  for (guint i = 0; i < scale->options->len; i++)
    {
      const WmInstrumentOption *option = g_ptr_array_index (scale->options, i);

      if (g_str_equal (option->id, id))
        return (int) i;
    }
  return -1;
}

static const char *const item_type_names[] = {
  [WM_ITEM_YES_NO_NOT_KNOWN] = "yes-no-not-known",
  [WM_ITEM_BOOLEAN] = "boolean",
  [WM_ITEM_SCALE] = "scale",
  [WM_ITEM_CHOICE] = "choice",
  [WM_ITEM_MULTIPLE_CHOICE] = "multiple-choice",
  [WM_ITEM_DATE] = "date",
  [WM_ITEM_NUMBER] = "number",
  [WM_ITEM_TEXT] = "text",
};

/**
 * wm_item_type_to_string:
 * @type: an item type
 *
 * Returns: its name in a definition file, such as "multiple-choice"
 */
const char *
wm_item_type_to_string (WmItemType type)
{
  g_return_val_if_fail ((guint) type < G_N_ELEMENTS (item_type_names), NULL);
  return item_type_names[type];
}

/**
 * wm_item_type_get_variant_type:
 * @type: an item type
 *
 * Returns: the type an answer to such an item has in an answer set (any
 *   item but a tick box or text may also hold WM_INSTRUMENT_NOT_KNOWN)
 */
const GVariantType *
wm_item_type_get_variant_type (WmItemType type)
{
  switch (type)
    {
    case WM_ITEM_BOOLEAN:
      return G_VARIANT_TYPE_BOOLEAN;
    case WM_ITEM_MULTIPLE_CHOICE:
      return G_VARIANT_TYPE_STRING_ARRAY;
    case WM_ITEM_NUMBER:
      return G_VARIANT_TYPE_INT32;
    case WM_ITEM_YES_NO_NOT_KNOWN:
    case WM_ITEM_SCALE:
    case WM_ITEM_CHOICE:
    case WM_ITEM_DATE:
    case WM_ITEM_TEXT:
    default:
      return G_VARIANT_TYPE_STRING;
    }
}
