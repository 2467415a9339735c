/* wm-instrument-loader.c — reading an instrument definition and refusing a bad one
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * data/instruments/README.md describes the format. A definition decides
 * what a caseworker is asked and what a score suggests about a child, so
 * the loader is strict: a member it does not know is refused rather than
 * ignored (a misspelt "requried" must not quietly make an item optional),
 * every reference must point at something that exists and comes before
 * (a condition on a later item could hide an item behind an answer not
 * given yet), and a domain's bands must cover every score its answers can
 * make, once: a score that falls in no band, or in two, suggests nothing,
 * or two things. The first fault stops the load, and its message names
 * the file, the part of the definition and the fault.
 */

#define G_LOG_DOMAIN "wm-core"

#include "config.h"

#include <json-glib/json-glib.h>
#include <glib/gi18n.h>

#include "wm-instrument-private.h"

typedef struct
{
  WmInstrument  *instrument;
  const char    *file;
  GError       **error;
  guint          n_items;
  GHashTable    *section_ids;
  GPtrArray     *pending_conditions;  /* item, its "shown-when" object, in pairs */
} Loader;

static void fail (Loader     *loader,
                  const char *where,
                  const char *format,
                  ...) G_GNUC_PRINTF (3, 4);

static void
fail (Loader     *loader,
      const char *where,
      const char *format,
      ...)
{
  g_autofree char *fault = NULL;
  va_list args;

  va_start (args, format);
  fault = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (loader->error, WM_INSTRUMENT_ERROR, WM_INSTRUMENT_ERROR_INVALID,
               /* Translators: the file, then where in it (“item “school-decline””),
                * then what is wrong there. */
               _("%s: %s: %s"), loader->file, where, fault);
}

#define WHERE_ITEM(id)        g_strdup_printf (_("item “%s”"), (id))
#define WHERE_SECTION(id)     g_strdup_printf (_("section “%s”"), (id))
#define WHERE_SCALE(id)       g_strdup_printf (_("scale “%s”"), (id))
#define WHERE_DOMAIN(id)      g_strdup_printf (_("domain “%s”"), (id))
#define WHERE_JUDGEMENT(id)   g_strdup_printf (_("judgement “%s”"), (id))
#define WHERE_CONSTRAINT(id)  g_strdup_printf (_("constraint “%s”"), (id))

static gboolean
is_valid_id (const char *id)
{
  gboolean after_dash = TRUE;

  if (id == NULL || *id == '\0')
    return FALSE;
  for (const char *p = id; *p != '\0'; p++)
    {
      if (*p == '-')
        {
          if (after_dash)
            return FALSE;
          after_dash = TRUE;
        }
      else if (g_ascii_islower (*p) || g_ascii_isdigit (*p))
        after_dash = FALSE;
      else
        return FALSE;
    }
  return !after_dash;
}

/* Every member of @object must be one of @allowed (NULL-terminated). */
static gboolean
check_members (Loader            *loader,
               JsonObject        *object,
               const char        *where,
               const char *const *allowed)
{
  g_autoptr(GList) members = json_object_get_members (object);

  for (GList *l = members; l != NULL; l = l->next)
    {
      if (!g_strv_contains (allowed, l->data))
        {
          g_autofree char *known = g_strjoinv (", ", (char **) allowed);

          fail (loader, where, _("The member “%s” is not part of the format. Use one of: %s."),
                (const char *) l->data, known);
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
missing (Loader     *loader,
         const char *where,
         const char *member)
{
  fail (loader, where, _("The member “%s” is missing. Add it."), member);
  return FALSE;
}

/* @out is left NULL when the member is absent and not required. */
static gboolean
get_string (Loader      *loader,
            JsonObject  *object,
            const char  *where,
            const char  *member,
            gboolean     required,
            const char **out)
{
  JsonNode *node = json_object_get_member (object, member);

  *out = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return required ? missing (loader, where, member) : TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      fail (loader, where, _("The member “%s” must be text, in quotes."), member);
      return FALSE;
    }
  *out = json_node_get_string (node);
  if (**out == '\0')
    {
      fail (loader, where, _("The member “%s” is empty. Write it, or leave it out."), member);
      return FALSE;
    }
  return TRUE;
}

static gboolean
get_id (Loader      *loader,
        JsonObject  *object,
        const char  *where,
        const char  *member,
        const char **out)
{
  if (!get_string (loader, object, where, member, TRUE, out))
    return FALSE;
  if (!is_valid_id (*out))
    {
      fail (loader, where,
            _("The id “%s” may hold only lower-case letters, digits and single hyphens "
              "between them. Rename it."), *out);
      return FALSE;
    }
  return TRUE;
}

static gboolean
get_int (Loader     *loader,
         JsonObject *object,
         const char *where,
         const char *member,
         gboolean    required,
         gboolean   *out_present,
         int        *out)
{
  JsonNode *node = json_object_get_member (object, member);
  gint64 value;

  if (out_present != NULL)
    *out_present = FALSE;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return required ? missing (loader, where, member) : TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    {
      fail (loader, where, _("The member “%s” must be a whole number."), member);
      return FALSE;
    }
  value = json_node_get_int (node);
  if (value < -1000000 || value > 1000000)
    {
      fail (loader, where, _("The member “%s” must be between -1000000 and 1000000."), member);
      return FALSE;
    }
  *out = (int) value;
  if (out_present != NULL)
    *out_present = TRUE;
  return TRUE;
}

static gboolean
get_bool (Loader     *loader,
          JsonObject *object,
          const char *where,
          const char *member,
          gboolean   *out)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    {
      fail (loader, where, _("The member “%s” must be true or false, without quotes."), member);
      return FALSE;
    }
  *out = json_node_get_boolean (node);
  return TRUE;
}

static gboolean
get_array (Loader      *loader,
           JsonObject  *object,
           const char  *where,
           const char  *member,
           gboolean     required,
           JsonArray  **out)
{
  JsonNode *node = json_object_get_member (object, member);

  *out = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return required ? missing (loader, where, member) : TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      fail (loader, where, _("The member “%s” must be a list, in square brackets."), member);
      return FALSE;
    }
  *out = json_node_get_array (node);
  return TRUE;
}

static JsonObject *
element_object (Loader     *loader,
                JsonArray  *array,
                guint       index,
                const char *where,
                const char *member)
{
  JsonNode *node = json_array_get_element (array, index);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      fail (loader, where, _("Entry %u of “%s” must be an object, in braces."), index + 1, member);
      return NULL;
    }
  return json_node_get_object (node);
}

/* Options of a scale or of an item ("levels" or "options"). */
static gboolean
read_options (Loader            *loader,
              JsonArray         *array,
              const char        *where,
              const char        *member,
              WmInstrumentScale *scale)
{
  static const char *const allowed[] = { "id", "label", "help", NULL };
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  if (json_array_get_length (array) == 0)
    {
      fail (loader, where, _("The list “%s” is empty. Give it at least one entry."), member);
      return FALSE;
    }

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *object = element_object (loader, array, i, where, member);
      WmInstrumentOption *option;
      const char *id, *label, *help;

      if (object == NULL
          || !check_members (loader, object, where, allowed)
          || !get_id (loader, object, where, "id", &id)
          || !get_string (loader, object, where, "label", TRUE, &label)
          || !get_string (loader, object, where, "help", FALSE, &help))
        return FALSE;
      if (!g_hash_table_add (seen, (gpointer) id))
        {
          fail (loader, where, _("The option “%s” appears twice. Give each option its own id."), id);
          return FALSE;
        }
      option = g_new0 (WmInstrumentOption, 1);
      option->id = g_strdup (id);
      option->label = g_strdup (label);
      option->help = g_strdup (help);
      g_ptr_array_add (scale->options, option);
    }
  return TRUE;
}

static gboolean
read_scales (Loader     *loader,
             JsonObject *root)
{
  static const char *const allowed[] = { "id", "levels", NULL };
  JsonArray *scales;

  if (!get_array (loader, root, _("the definition"), "scales", FALSE, &scales))
    return FALSE;
  if (scales == NULL)
    return TRUE;

  for (guint i = 0; i < json_array_get_length (scales); i++)
    {
      JsonObject *object = element_object (loader, scales, i, _("the definition"), "scales");
      g_autofree char *where = NULL;
      WmInstrumentScale *scale;
      JsonArray *levels;
      const char *id;

      if (object == NULL || !get_id (loader, object, _("the definition"), "id", &id))
        return FALSE;
      where = WHERE_SCALE (id);
      if (g_hash_table_contains (loader->instrument->scales, id))
        {
          fail (loader, where, _("Another scale has the same id. Give each scale its own."));
          return FALSE;
        }
      scale = _wm_instrument_scale_new (id);
      g_ptr_array_add (loader->instrument->owned_scales, scale);
      g_hash_table_insert (loader->instrument->scales, scale->id, scale);
      if (!check_members (loader, object, where, allowed)
          || !get_array (loader, object, where, "levels", TRUE, &levels)
          || !read_options (loader, levels, where, "levels", scale))
        return FALSE;
    }
  return TRUE;
}

static const WmInstrumentScale *
find_scale (Loader     *loader,
            const char *where,
            const char *id)
{
  const WmInstrumentScale *scale = g_hash_table_lookup (loader->instrument->scales, id);

  if (scale == NULL)
    fail (loader, where, _("There is no scale “%s” in “scales”. Define it, or name one that is there."), id);
  return scale;
}

static const WmInstrumentScale *
yes_no_not_known_scale (Loader *loader)
{
  static const struct { const char *id; const char *label; } answers[] = {
    { "yes", N_("Yes") },
    { "no", N_("No") },
    { WM_INSTRUMENT_NOT_KNOWN, N_("Not known") },
  };
  WmInstrumentScale *scale;

  for (guint i = 0; i < loader->instrument->owned_scales->len; i++)
    {
      scale = g_ptr_array_index (loader->instrument->owned_scales, i);
      if (scale->id == NULL)
        return scale;
    }

  /* The built-in answers, an unnamed scale that "scales" cannot clash with.
   * Its labels are English, like the rest of the definition, and translated
   * on the way out; Waymark's catalogue has them. */
  scale = _wm_instrument_scale_new (NULL);
  for (guint i = 0; i < G_N_ELEMENTS (answers); i++)
    {
      WmInstrumentOption *option = g_new0 (WmInstrumentOption, 1);

      option->id = g_strdup (answers[i].id);
      option->label = g_strdup (answers[i].label);
      g_ptr_array_add (scale->options, option);
    }
  g_ptr_array_add (loader->instrument->owned_scales, scale);
  return scale;
}

/* What an answer to @item may be, as a string: its option ids, or true
 * and false for a tick box. */
static gboolean
item_accepts (const WmInstrumentItem *item,
              const char             *answer)
{
  if (item->type == WM_ITEM_BOOLEAN)
    return g_str_equal (answer, "true") || g_str_equal (answer, "false");
  return wm_instrument_scale_index (item->options, answer) >= 0;
}

static const WmInstrumentItem *
find_earlier_item (Loader     *loader,
                   const char *where,
                   const char *id,
                   gint        before_index)
{
  const WmInstrumentItem *item = g_hash_table_lookup (loader->instrument->items_by_id, id);

  if (item == NULL)
    {
      fail (loader, where, _("The item “%s” it refers to does not exist. Name an item of the definition."), id);
      return NULL;
    }
  if (before_index >= 0 && item->index >= (guint) before_index)
    {
      fail (loader, where,
            _("It depends on the item “%s”, which does not come before it. A condition may "
              "only depend on an earlier item: move one of them."), id);
      return NULL;
    }
  return item;
}

static gboolean
check_condition_value (Loader                 *loader,
                       const char             *where,
                       const WmInstrumentItem *item,
                       const char             *value)
{
  if (!item_accepts (item, value))
    {
      fail (loader, where, _("The item “%s” has no answer “%s”. Use one of its options."), item->id, value);
      return FALSE;
    }
  return TRUE;
}

static char *
node_as_answer (JsonNode *node)
{
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    return g_strdup (json_node_get_string (node));
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_BOOLEAN)
    return g_strdup (json_node_get_boolean (node) ? "true" : "false");
  return NULL;
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WmInstrumentCondition, _wm_instrument_condition_free)

/* A condition, of an item's "shown-when" (@before_index: the item's own,
 * which the condition must come before) or of a constraint (-1). */
static WmInstrumentCondition *
read_condition (Loader     *loader,
                JsonObject *object,
                const char *where,
                gint        before_index,
                gboolean    for_constraint)
{
  static const char *const item_allowed[] = { "item", "equals", "one-of", "includes", "any-selected", NULL };
  static const char *const domain_allowed[] = { "domain", "at-least", NULL };
  static const char *const age_allowed[] = { "age-under", NULL };
  g_autoptr(WmInstrumentCondition) condition = g_new0 (WmInstrumentCondition, 1);
  const char *id;

  if (for_constraint && json_object_has_member (object, "domain"))
    {
      if (!check_members (loader, object, where, domain_allowed)
          || !get_string (loader, object, where, "domain", TRUE, &id)
          || !get_int (loader, object, where, "at-least", TRUE, NULL, &condition->number))
        return NULL;
      condition->kind = WM_CONDITION_DOMAIN_AT_LEAST;
      condition->domain = wm_instrument_find_domain (loader->instrument, id);
      if (condition->domain == NULL)
        {
          fail (loader, where, _("The domain “%s” it refers to does not exist. Name a domain of the definition."), id);
          return NULL;
        }
      return g_steal_pointer (&condition);
    }
  if (for_constraint && json_object_has_member (object, "age-under"))
    {
      if (!check_members (loader, object, where, age_allowed)
          || !get_int (loader, object, where, "age-under", TRUE, NULL, &condition->number))
        return NULL;
      condition->kind = WM_CONDITION_AGE_UNDER;
      return g_steal_pointer (&condition);
    }

  if (!check_members (loader, object, where, item_allowed)
      || !get_string (loader, object, where, "item", TRUE, &id))
    return NULL;
  condition->item = find_earlier_item (loader, where, id, before_index);
  if (condition->item == NULL)
    return NULL;

  if (json_object_has_member (object, "equals") || json_object_has_member (object, "includes"))
    {
      gboolean includes = json_object_has_member (object, "includes");
      const char *member = includes ? "includes" : "equals";
      g_autofree char *value = node_as_answer (json_object_get_member (object, member));

      if (value == NULL)
        {
          fail (loader, where, _("The member “%s” must be an answer: text, or true or false."), member);
          return NULL;
        }
      if (includes != (condition->item->type == WM_ITEM_MULTIPLE_CHOICE))
        {
          fail (loader, where,
                includes ? _("“includes” applies only to a multiple choice item. Use “equals”.")
                         : _("A multiple choice item takes “includes”, not “equals”."));
          return NULL;
        }
      if (!check_condition_value (loader, where, condition->item, value))
        return NULL;
      condition->kind = includes ? WM_CONDITION_INCLUDES : WM_CONDITION_EQUALS;
      condition->values = g_new0 (char *, 2);
      condition->values[0] = g_steal_pointer (&value);
    }
  else if (json_object_has_member (object, "one-of"))
    {
      JsonArray *values;
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

      if (!get_array (loader, object, where, "one-of", TRUE, &values))
        return NULL;
      if (json_array_get_length (values) == 0 || condition->item->type == WM_ITEM_MULTIPLE_CHOICE)
        {
          fail (loader, where, _("“one-of” needs a list of answers of a single-answer item."));
          return NULL;
        }
      for (guint i = 0; i < json_array_get_length (values); i++)
        {
          g_autofree char *value = node_as_answer (json_array_get_element (values, i));

          if (value == NULL)
            {
              fail (loader, where, _("The member “%s” must be an answer: text, or true or false."), "one-of");
              return NULL;
            }
          if (!check_condition_value (loader, where, condition->item, value))
            return NULL;
          g_strv_builder_add (builder, value);
        }
      condition->kind = WM_CONDITION_ONE_OF;
      condition->values = g_strv_builder_end (builder);
    }
  else if (json_object_has_member (object, "any-selected"))
    {
      gboolean any = FALSE;

      if (!get_bool (loader, object, where, "any-selected", &any))
        return NULL;
      if (!any || condition->item->type != WM_ITEM_MULTIPLE_CHOICE)
        {
          fail (loader, where, _("“any-selected” is written “true” and applies only to a multiple choice item."));
          return NULL;
        }
      condition->kind = WM_CONDITION_ANY_SELECTED;
    }
  else
    {
      fail (loader, where,
            _("The condition says nothing about the answer. Add “equals”, “one-of”, “includes” or “any-selected”."));
      return NULL;
    }

  if (condition->item->type == WM_ITEM_TEXT || condition->item->type == WM_ITEM_DATE
      || condition->item->type == WM_ITEM_NUMBER)
    {
      fail (loader, where, _("A condition cannot depend on the item “%s”: it has no fixed answers."),
            condition->item->id);
      return NULL;
    }
  return g_steal_pointer (&condition);
}

static gboolean
parse_item_type (const char *name,
                 WmItemType *out)
{
  for (WmItemType type = WM_ITEM_YES_NO_NOT_KNOWN; type <= WM_ITEM_TEXT; type++)
    {
      if (g_str_equal (name, wm_item_type_to_string (type)))
        {
          *out = type;
          return TRUE;
        }
    }
  return FALSE;
}

static gboolean
read_item (Loader              *loader,
           JsonObject          *object,
           WmInstrumentSection *section,
           guint                position)
{
  static const char *const allowed[] = {
    "id", "type", "label", "help", "required", "scale", "options", "min", "max", "shown-when", NULL
  };
  g_autofree char *where = NULL;
  WmInstrumentItem *item;
  const char *id, *type_name, *label, *help, *scale_id;
  JsonArray *options;
  JsonNode *shown_when;
  gboolean has_min = FALSE, has_max = FALSE;

  {
    g_autofree char *position_where = g_strdup_printf (_("item %u of section “%s”"), position + 1, section->id);

    if (!get_id (loader, object, position_where, "id", &id))
      return FALSE;
  }
  where = WHERE_ITEM (id);
  if (g_hash_table_contains (loader->instrument->items_by_id, id))
    {
      fail (loader, where, _("Another item has the same id. Give each item its own: answers are stored by it."));
      return FALSE;
    }

  item = g_new0 (WmInstrumentItem, 1);
  item->id = g_strdup (id);
  item->section = section;
  item->index = loader->n_items++;
  g_ptr_array_add (loader->instrument->items, item);
  g_hash_table_insert (loader->instrument->items_by_id, item->id, item);
  g_ptr_array_add (section->items, item);

  if (!check_members (loader, object, where, allowed)
      || !get_string (loader, object, where, "type", TRUE, &type_name)
      || !get_string (loader, object, where, "label", TRUE, &label)
      || !get_string (loader, object, where, "help", FALSE, &help)
      || !get_bool (loader, object, where, "required", &item->required)
      || !get_string (loader, object, where, "scale", FALSE, &scale_id)
      || !get_array (loader, object, where, "options", FALSE, &options)
      || !get_int (loader, object, where, "min", FALSE, &has_min, &item->min)
      || !get_int (loader, object, where, "max", FALSE, &has_max, &item->max))
    return FALSE;
  item->label = g_strdup (label);
  item->help = g_strdup (help);

  if (!parse_item_type (type_name, &item->type))
    {
      fail (loader, where,
            _("The type “%s” is not one Waymark knows. Use yes-no-not-known, boolean, scale, choice, "
              "multiple-choice, date, number or text."), type_name);
      return FALSE;
    }

  switch (item->type)
    {
    case WM_ITEM_YES_NO_NOT_KNOWN:
      if (options != NULL)
        {
          fail (loader, where, _("A yes/no/not known item has its answers already; relabel them with a “scale”."));
          return FALSE;
        }
      if (scale_id != NULL)
        {
          const WmInstrumentScale *scale = find_scale (loader, where, scale_id);

          if (scale == NULL)
            return FALSE;
          if (scale->options->len != 3 || wm_instrument_scale_index (scale, "yes") < 0
              || wm_instrument_scale_index (scale, "no") < 0
              || wm_instrument_scale_index (scale, WM_INSTRUMENT_NOT_KNOWN) < 0)
            {
              fail (loader, where,
                    _("The scale “%s” of a yes/no/not known item must have exactly the levels "
                      "yes, no and not-known."), scale_id);
              return FALSE;
            }
          item->options = scale;
        }
      else
        item->options = yes_no_not_known_scale (loader);
      break;

    case WM_ITEM_SCALE:
    case WM_ITEM_CHOICE:
    case WM_ITEM_MULTIPLE_CHOICE:
      if ((scale_id == NULL) == (options == NULL))
        {
          fail (loader, where, _("An item of type “%s” needs either a “scale” or its own “options”, not both."),
                type_name);
          return FALSE;
        }
      if (item->type == WM_ITEM_SCALE && scale_id == NULL)
        {
          fail (loader, where, _("An item of type “scale” names a scale of “scales”, whose order means something."));
          return FALSE;
        }
      if (scale_id != NULL)
        {
          item->options = find_scale (loader, where, scale_id);
          if (item->options == NULL)
            return FALSE;
        }
      else
        {
          WmInstrumentScale *own = _wm_instrument_scale_new (NULL);

          /* Named "" so yes_no_not_known_scale() never takes it for its own. */
          own->id = g_strdup ("");
          g_ptr_array_add (loader->instrument->owned_scales, own);
          if (!read_options (loader, options, where, "options", own))
            return FALSE;
          item->options = own;
        }
      if (wm_instrument_scale_index (item->options, WM_INSTRUMENT_NOT_KNOWN) >= 0)
        {
          fail (loader, where,
                _("“not-known” is an answer every item has already. Remove the option of that id."));
          return FALSE;
        }
      break;

    case WM_ITEM_NUMBER:
      if (has_min && has_max && item->min > item->max)
        {
          fail (loader, where, _("Its “min” is greater than its “max”. Swap them."));
          return FALSE;
        }
      if (!has_min)
        item->min = G_MININT32;
      if (!has_max)
        item->max = G_MAXINT32;
      G_GNUC_FALLTHROUGH;
    case WM_ITEM_BOOLEAN:
    case WM_ITEM_DATE:
    case WM_ITEM_TEXT:
    default:
      if (scale_id != NULL || options != NULL)
        {
          fail (loader, where, _("An item of type “%s” has no options. Remove “scale” and “options”."), type_name);
          return FALSE;
        }
      if (item->type != WM_ITEM_NUMBER && (has_min || has_max))
        {
          fail (loader, where, _("Only a number item has “min” and “max”. Remove them."));
          return FALSE;
        }
      break;
    }

  shown_when = json_object_get_member (object, "shown-when");
  if (shown_when != NULL)
    {
      if (!JSON_NODE_HOLDS_OBJECT (shown_when))
        {
          fail (loader, where, _("The member “%s” must be an object, in braces."), "shown-when");
          return FALSE;
        }
      /* Read once every item is known, so that a condition on a later
       * item is called that, not a missing one. */
      g_ptr_array_add (loader->pending_conditions, item);
      g_ptr_array_add (loader->pending_conditions, json_node_get_object (shown_when));
    }
  return TRUE;
}

static gboolean
read_item_conditions (Loader *loader)
{
  for (guint i = 0; i < loader->pending_conditions->len; i += 2)
    {
      WmInstrumentItem *item = g_ptr_array_index (loader->pending_conditions, i);
      g_autofree char *where = WHERE_ITEM (item->id);

      item->shown_when = read_condition (loader, g_ptr_array_index (loader->pending_conditions, i + 1),
                                         where, (gint) item->index, FALSE);
      if (item->shown_when == NULL)
        return FALSE;
    }
  return TRUE;
}

static gboolean
read_sections (Loader     *loader,
               JsonObject *root)
{
  static const char *const allowed[] = { "id", "title", "help", "items", NULL };
  JsonArray *sections;

  if (!get_array (loader, root, _("the definition"), "sections", TRUE, &sections))
    return FALSE;
  if (json_array_get_length (sections) == 0)
    {
      fail (loader, _("the definition"), _("The list “%s” is empty. Give it at least one entry."), "sections");
      return FALSE;
    }

  for (guint i = 0; i < json_array_get_length (sections); i++)
    {
      JsonObject *object = element_object (loader, sections, i, _("the definition"), "sections");
      g_autofree char *where = NULL;
      WmInstrumentSection *section;
      const char *id, *title, *help;
      JsonArray *items;

      if (object == NULL || !get_id (loader, object, _("the definition"), "id", &id))
        return FALSE;
      where = WHERE_SECTION (id);
      if (!g_hash_table_add (loader->section_ids, (gpointer) id))
        {
          fail (loader, where, _("Another section has the same id. Give each section its own."));
          return FALSE;
        }
      section = g_new0 (WmInstrumentSection, 1);
      section->id = g_strdup (id);
      section->items = g_ptr_array_new ();
      g_ptr_array_add (loader->instrument->sections, section);

      if (!check_members (loader, object, where, allowed)
          || !get_string (loader, object, where, "title", TRUE, &title)
          || !get_string (loader, object, where, "help", FALSE, &help)
          || !get_array (loader, object, where, "items", TRUE, &items))
        return FALSE;
      section->title = g_strdup (title);
      section->help = g_strdup (help);
      if (json_array_get_length (items) == 0)
        {
          fail (loader, where, _("The section has no items. Add some, or remove the section."));
          return FALSE;
        }
      for (guint j = 0; j < json_array_get_length (items); j++)
        {
          JsonObject *item = element_object (loader, items, j, where, "items");

          if (item == NULL || !read_item (loader, item, section, j))
            return FALSE;
        }
    }
  return TRUE;
}

/* The lowest and highest a term can add: a single answer adds one weight
 * or nothing (unanswered); a multiple choice adds any set of its weights. */
static void
term_range (const WmInstrumentDomainTerm *term,
            guint                         n_weights,
            int                          *out_min,
            int                          *out_max)
{
  int low = 0, high = 0;

  for (guint i = 0; i < n_weights; i++)
    {
      if (term->item->type == WM_ITEM_MULTIPLE_CHOICE)
        {
          low += MIN (term->weights[i], 0);
          high += MAX (term->weights[i], 0);
        }
      else
        {
          low = MIN (low, term->weights[i]);
          high = MAX (high, term->weights[i]);
        }
    }
  *out_min = low;
  *out_max = high;
}

static gboolean
read_domain_terms (Loader             *loader,
                   JsonObject         *object,
                   const char         *where,
                   WmInstrumentDomain *domain)
{
  static const char *const allowed[] = { "item", "weights", NULL };
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  JsonArray *score;

  if (!get_array (loader, object, where, "score", TRUE, &score))
    return FALSE;
  if (json_array_get_length (score) == 0)
    {
      fail (loader, where, _("The list “%s” is empty. Give it at least one entry."), "score");
      return FALSE;
    }

  for (guint i = 0; i < json_array_get_length (score); i++)
    {
      JsonObject *entry = element_object (loader, score, i, where, "score");
      WmInstrumentDomainTerm *term;
      JsonNode *weights_node;
      JsonObject *weights;
      g_autoptr(GList) answers = NULL;
      const char *item_id;
      guint n = 0;
      int low, high;

      if (entry == NULL
          || !check_members (loader, entry, where, allowed)
          || !get_string (loader, entry, where, "item", TRUE, &item_id))
        return FALSE;

      term = g_new0 (WmInstrumentDomainTerm, 1);
      g_ptr_array_add (domain->terms, term);
      term->item = g_hash_table_lookup (loader->instrument->items_by_id, item_id);
      if (term->item == NULL)
        {
          fail (loader, where, _("The score counts the item “%s”, which does not exist. Name an item of the definition."),
                item_id);
          return FALSE;
        }
      if (!g_hash_table_add (seen, (gpointer) item_id))
        {
          fail (loader, where, _("The score counts the item “%s” twice. Give it one entry."), item_id);
          return FALSE;
        }
      if (term->item->type == WM_ITEM_TEXT || term->item->type == WM_ITEM_DATE
          || term->item->type == WM_ITEM_NUMBER)
        {
          fail (loader, where, _("The item “%s” cannot be scored: it has no fixed answers to weigh."), item_id);
          return FALSE;
        }

      weights_node = json_object_get_member (entry, "weights");
      if (weights_node == NULL || !JSON_NODE_HOLDS_OBJECT (weights_node))
        {
          fail (loader, where, _("The score of the item “%s” needs “weights”: an object of answer and points."),
                item_id);
          return FALSE;
        }
      weights = json_node_get_object (weights_node);
      answers = json_object_get_members (weights);
      term->answers = g_new0 (char *, g_list_length (answers) + 1);
      term->weights = g_new0 (int, g_list_length (answers) + 1);
      for (GList *l = answers; l != NULL; l = l->next, n++)
        {
          JsonNode *weight = json_object_get_member (weights, l->data);

          if (!item_accepts (term->item, l->data))
            {
              fail (loader, where, _("The item “%s” has no answer “%s” to weigh. Use one of its options."),
                    item_id, (const char *) l->data);
              return FALSE;
            }
          if (!JSON_NODE_HOLDS_VALUE (weight) || json_node_get_value_type (weight) != G_TYPE_INT64
              || json_node_get_int (weight) < -1000 || json_node_get_int (weight) > 1000)
            {
              fail (loader, where, _("The weight of “%s” for the item “%s” must be a whole number from -1000 to 1000."),
                    (const char *) l->data, item_id);
              return FALSE;
            }
          term->answers[n] = g_strdup (l->data);
          term->weights[n] = (int) json_node_get_int (weight);
        }
      term_range (term, n, &low, &high);
      domain->min_score += low;
      domain->max_score += high;
    }
  return TRUE;
}

static gboolean
read_bands (Loader             *loader,
            JsonObject         *object,
            const char         *where,
            WmInstrumentDomain *domain)
{
  static const char *const allowed[] = { "min", "max", "label", "level", "flag", NULL };
  JsonArray *bands;

  if (!get_array (loader, object, where, "bands", FALSE, &bands))
    return FALSE;
  if (bands == NULL)
    return TRUE;
  if (json_array_get_length (bands) == 0)
    {
      fail (loader, where, _("The list “%s” is empty. Give it at least one entry."), "bands");
      return FALSE;
    }

  for (guint i = 0; i < json_array_get_length (bands); i++)
    {
      JsonObject *entry = element_object (loader, bands, i, where, "bands");
      WmInstrumentBand *band;
      const char *label, *level;
      gboolean has_max = FALSE;

      if (entry == NULL || !check_members (loader, entry, where, allowed))
        return FALSE;
      band = g_new0 (WmInstrumentBand, 1);
      g_ptr_array_add (domain->bands, band);
      if (!get_int (loader, entry, where, "min", TRUE, NULL, &band->min)
          || !get_int (loader, entry, where, "max", FALSE, &has_max, &band->max)
          || !get_string (loader, entry, where, "label", TRUE, &label)
          || !get_string (loader, entry, where, "level", FALSE, &level)
          || !get_bool (loader, entry, where, "flag", &band->flag))
        return FALSE;
      band->label = g_strdup (label);
      band->level = g_strdup (level);
      /* Only the last band may leave "max" out: it then runs to the top. */
      if (!has_max)
        {
          if (i + 1 < json_array_get_length (bands))
            return missing (loader, where, "max");
          band->max = MAX (domain->max_score, band->min);
        }
      if (band->min > band->max)
        {
          fail (loader, where, _("The band “%s” runs from %d down to %d. Put “min” below “max”."),
                label, band->min, band->max);
          return FALSE;
        }
      if (level != NULL)
        {
          if (domain->scale == NULL)
            {
              fail (loader, where, _("The band “%s” suggests a level, but the domain names no “scale”. Name one."),
                    label);
              return FALSE;
            }
          if (wm_instrument_scale_index (domain->scale, level) < 0)
            {
              fail (loader, where, _("The band “%s” suggests “%s”, which is not a level of the scale “%s”."),
                    label, level, domain->scale->id);
              return FALSE;
            }
        }
      if (i == 0 && band->min > domain->min_score)
        {
          fail (loader, where, _("Scores from %d to %d fall in no band. Start the first band at %d."),
                domain->min_score, band->min - 1, domain->min_score);
          return FALSE;
        }
      if (i > 0)
        {
          const WmInstrumentBand *previous = g_ptr_array_index (domain->bands, i - 1);

          if (band->min <= previous->max)
            {
              fail (loader, where, _("The bands “%s” and “%s” overlap: a score of %d is in both. "
                                     "Make each start after the one before ends."),
                    previous->label, label, band->min);
              return FALSE;
            }
          if (band->min > previous->max + 1)
            {
              fail (loader, where, _("Between the bands “%s” and “%s”, scores from %d to %d fall in no band. "
                                     "Make each start where the one before ends."),
                    previous->label, label, previous->max + 1, band->min - 1);
              return FALSE;
            }
        }
    }

  {
    const WmInstrumentBand *last = g_ptr_array_index (domain->bands, domain->bands->len - 1);

    if (last->max < domain->max_score)
      {
        fail (loader, where, _("Scores from %d to %d fall in no band. End the last band at %d or later."),
              last->max + 1, domain->max_score, domain->max_score);
        return FALSE;
      }
  }
  return TRUE;
}

static gboolean
read_domains (Loader     *loader,
              JsonObject *root)
{
  static const char *const allowed[] = { "id", "label", "note", "scale", "score", "bands", NULL };
  JsonArray *domains;

  if (!get_array (loader, root, _("the definition"), "domains", FALSE, &domains))
    return FALSE;
  for (guint i = 0; domains != NULL && i < json_array_get_length (domains); i++)
    {
      JsonObject *object = element_object (loader, domains, i, _("the definition"), "domains");
      g_autofree char *where = NULL;
      WmInstrumentDomain *domain;
      const char *id, *label, *note, *scale_id;

      if (object == NULL || !get_id (loader, object, _("the definition"), "id", &id))
        return FALSE;
      where = WHERE_DOMAIN (id);
      if (wm_instrument_find_domain (loader->instrument, id) != NULL)
        {
          fail (loader, where, _("Another domain has the same id. Give each domain its own."));
          return FALSE;
        }
      domain = g_new0 (WmInstrumentDomain, 1);
      domain->id = g_strdup (id);
      domain->terms = _wm_instrument_new_term_array ();
      domain->bands = _wm_instrument_new_band_array ();
      g_ptr_array_add (loader->instrument->domains, domain);

      if (!check_members (loader, object, where, allowed)
          || !get_string (loader, object, where, "label", TRUE, &label)
          || !get_string (loader, object, where, "note", FALSE, &note)
          || !get_string (loader, object, where, "scale", FALSE, &scale_id))
        return FALSE;
      domain->label = g_strdup (label);
      domain->note = g_strdup (note);
      if (scale_id != NULL && (domain->scale = find_scale (loader, where, scale_id)) == NULL)
        return FALSE;
      if (!read_domain_terms (loader, object, where, domain)
          || !read_bands (loader, object, where, domain))
        return FALSE;
    }
  return TRUE;
}

static gboolean
read_judgements (Loader     *loader,
                 JsonObject *root)
{
  static const char *const allowed[] = { "id", "label", "help", "scale", "suggested-by", "required", NULL };
  JsonArray *judgements;

  if (!get_array (loader, root, _("the definition"), "judgements", FALSE, &judgements))
    return FALSE;
  for (guint i = 0; judgements != NULL && i < json_array_get_length (judgements); i++)
    {
      JsonObject *object = element_object (loader, judgements, i, _("the definition"), "judgements");
      g_autofree char *where = NULL;
      WmInstrumentJudgement *judgement;
      const char *id, *label, *help, *scale_id, *domain_id;

      if (object == NULL || !get_id (loader, object, _("the definition"), "id", &id))
        return FALSE;
      where = WHERE_JUDGEMENT (id);
      if (wm_instrument_find_judgement (loader->instrument, id) != NULL)
        {
          fail (loader, where, _("Another judgement has the same id. Give each judgement its own."));
          return FALSE;
        }
      judgement = g_new0 (WmInstrumentJudgement, 1);
      judgement->id = g_strdup (id);
      judgement->required = TRUE;
      g_ptr_array_add (loader->instrument->judgements, judgement);

      if (!check_members (loader, object, where, allowed)
          || !get_string (loader, object, where, "label", TRUE, &label)
          || !get_string (loader, object, where, "help", FALSE, &help)
          || !get_string (loader, object, where, "scale", TRUE, &scale_id)
          || !get_string (loader, object, where, "suggested-by", FALSE, &domain_id)
          || !get_bool (loader, object, where, "required", &judgement->required))
        return FALSE;
      judgement->label = g_strdup (label);
      judgement->help = g_strdup (help);
      if ((judgement->scale = find_scale (loader, where, scale_id)) == NULL)
        return FALSE;
      if (domain_id != NULL)
        {
          judgement->suggested_by = wm_instrument_find_domain (loader->instrument, domain_id);
          if (judgement->suggested_by == NULL)
            {
              fail (loader, where, _("The domain “%s” it refers to does not exist. Name a domain of the definition."),
                    domain_id);
              return FALSE;
            }
          if (judgement->suggested_by->scale != judgement->scale)
            {
              fail (loader, where,
                    _("It is suggested by the domain “%s”, whose bands are not on the scale “%s”. "
                      "Give the domain the judgement’s scale."), domain_id, scale_id);
              return FALSE;
            }
        }
    }
  return TRUE;
}

static gboolean
read_condition_list (Loader     *loader,
                     JsonObject *object,
                     const char *where,
                     const char *member,
                     GPtrArray  *into)
{
  JsonArray *conditions;

  if (!get_array (loader, object, where, member, FALSE, &conditions))
    return FALSE;
  for (guint i = 0; conditions != NULL && i < json_array_get_length (conditions); i++)
    {
      JsonObject *entry = element_object (loader, conditions, i, where, member);
      WmInstrumentCondition *condition;

      if (entry == NULL || (condition = read_condition (loader, entry, where, -1, TRUE)) == NULL)
        return FALSE;
      g_ptr_array_add (into, condition);
    }
  return TRUE;
}

static gboolean
read_constraints (Loader     *loader,
                  JsonObject *root)
{
  static const char *const allowed[] = { "id", "judgement", "at-least", "all", "any", "message", NULL };
  JsonArray *constraints;

  if (!get_array (loader, root, _("the definition"), "constraints", FALSE, &constraints))
    return FALSE;
  for (guint i = 0; constraints != NULL && i < json_array_get_length (constraints); i++)
    {
      JsonObject *object = element_object (loader, constraints, i, _("the definition"), "constraints");
      g_autofree char *where = NULL;
      WmInstrumentConstraint *constraint;
      const char *id, *judgement_id, *level, *message;
      int index;

      if (object == NULL || !get_id (loader, object, _("the definition"), "id", &id))
        return FALSE;
      where = WHERE_CONSTRAINT (id);
      constraint = g_new0 (WmInstrumentConstraint, 1);
      constraint->id = g_strdup (id);
      constraint->all = _wm_instrument_new_condition_array ();
      constraint->any = _wm_instrument_new_condition_array ();
      g_ptr_array_add (loader->instrument->constraints, constraint);

      if (!check_members (loader, object, where, allowed)
          || !get_string (loader, object, where, "judgement", TRUE, &judgement_id)
          || !get_string (loader, object, where, "at-least", TRUE, &level)
          || !get_string (loader, object, where, "message", TRUE, &message))
        return FALSE;
      constraint->message = g_strdup (message);
      constraint->judgement = wm_instrument_find_judgement (loader->instrument, judgement_id);
      if (constraint->judgement == NULL)
        {
          fail (loader, where, _("The judgement “%s” it constrains does not exist. Name a judgement of the definition."),
                judgement_id);
          return FALSE;
        }
      index = wm_instrument_scale_index (constraint->judgement->scale, level);
      if (index < 0)
        {
          fail (loader, where, _("“%s” is not a level of the scale “%s”. Use one of its levels."),
                level, constraint->judgement->scale->id);
          return FALSE;
        }
      constraint->at_least = ((WmInstrumentOption *) g_ptr_array_index (constraint->judgement->scale->options,
                                                                          index))->id;
      constraint->at_least_index = (guint) index;
      if (!read_condition_list (loader, object, where, "all", constraint->all)
          || !read_condition_list (loader, object, where, "any", constraint->any))
        return FALSE;
      if (constraint->all->len == 0 && constraint->any->len == 0)
        {
          fail (loader, where, _("The constraint has no conditions, so it would always hold. Add “all” or “any”."));
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
read_sources (Loader     *loader,
              JsonObject *root)
{
  static const char *const allowed[] = { "citation", "url", "licence", "note", NULL };
  JsonArray *sources;

  if (!get_array (loader, root, _("the definition"), "sources", FALSE, &sources))
    return FALSE;
  for (guint i = 0; sources != NULL && i < json_array_get_length (sources); i++)
    {
      JsonObject *object = element_object (loader, sources, i, _("the definition"), "sources");
      WmInstrumentSource *source;
      const char *citation, *url, *licence, *note;

      if (object == NULL
          || !check_members (loader, object, _("the definition"), allowed)
          || !get_string (loader, object, _("the definition"), "citation", TRUE, &citation)
          || !get_string (loader, object, _("the definition"), "url", FALSE, &url)
          || !get_string (loader, object, _("the definition"), "licence", FALSE, &licence)
          || !get_string (loader, object, _("the definition"), "note", FALSE, &note))
        return FALSE;
      source = g_new0 (WmInstrumentSource, 1);
      source->citation = g_strdup (citation);
      source->url = g_strdup (url);
      source->licence = g_strdup (licence);
      source->note = g_strdup (note);
      g_ptr_array_add (loader->instrument->sources, source);
    }
  return TRUE;
}

static gboolean
read_root (Loader   *loader,
           JsonNode *node)
{
  static const char *const allowed[] = {
    "format", "id", "version", "title", "description", "translation-domain", "sources", "scales",
    "sections", "domains", "judgements", "constraints", NULL
  };
  const char *where = _("the definition");
  WmInstrument *self = loader->instrument;
  JsonObject *root;
  const char *id, *title, *description, *domain;
  int format, version;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      fail (loader, where, _("The file must hold one object, in braces."));
      return FALSE;
    }
  root = json_node_get_object (node);

  if (!check_members (loader, root, where, allowed)
      || !get_int (loader, root, where, "format", TRUE, NULL, &format))
    return FALSE;
  if (format != WM_INSTRUMENT_FORMAT)
    {
      fail (loader, where, _("It is written in format %d; this Waymark reads format %d. "
                             "Use a Waymark that reads it, or rewrite the file."), format, WM_INSTRUMENT_FORMAT);
      return FALSE;
    }
  if (!get_id (loader, root, where, "id", &id)
      || !get_int (loader, root, where, "version", TRUE, NULL, &version))
    return FALSE;
  if (version < 1)
    {
      fail (loader, where, _("The version must be a whole number from 1. Number versions 1, 2, 3…"));
      return FALSE;
    }
  if (!get_string (loader, root, where, "title", TRUE, &title)
      || !get_string (loader, root, where, "description", FALSE, &description))
    return FALSE;
  /* Instrument text is shown in the user's language: a definition says
   * where its translations are, even if it has none yet. */
  if (!json_object_has_member (root, "translation-domain"))
    {
      fail (loader, where,
            _("The member “translation-domain” is missing: name the gettext domain that translates "
              "its text (“waymark” for the shipped instruments)."));
      return FALSE;
    }
  if (!get_string (loader, root, where, "translation-domain", TRUE, &domain))
    return FALSE;

  self->id = g_strdup (id);
  self->version = (guint) version;
  self->title = g_strdup (title);
  self->description = g_strdup (description);
  self->translation_domain = g_strdup (domain);

  return read_sources (loader, root)
         && read_scales (loader, root)
         && read_sections (loader, root)
         && read_item_conditions (loader)
         && read_domains (loader, root)
         && read_judgements (loader, root)
         && read_constraints (loader, root);
}

/**
 * wm_instrument_new_from_data:
 * @data: a definition, JSON
 * @length: its length, or -1 when nul-terminated
 * @file_name: what to call it in messages
 * @error: return location for a #WM_INSTRUMENT_ERROR
 *
 * Returns: (transfer full) (nullable): the instrument, or %NULL when the
 *   definition is not valid
 */
WmInstrument *
wm_instrument_new_from_data (const char  *data,
                             gssize       length,
                             const char  *file_name,
                             GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(WmInstrument) instrument = NULL;
  g_autoptr(GHashTable) section_ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) pending_conditions = g_ptr_array_new ();
  g_autoptr(GError) json_error = NULL;
  Loader loader = { 0 };

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (file_name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!json_parser_load_from_data (parser, data, length, &json_error))
    {
      g_set_error (error, WM_INSTRUMENT_ERROR, WM_INSTRUMENT_ERROR_READ,
                   /* Translators: the file, then the JSON parser's own message,
                    * which gives the line and column. */
                   _("%s: the file is not valid JSON (%s). Correct it."), file_name, json_error->message);
      return NULL;
    }

  instrument = _wm_instrument_new_empty (file_name);
  loader.instrument = instrument;
  loader.file = file_name;
  loader.error = error;
  loader.section_ids = section_ids;
  loader.pending_conditions = pending_conditions;
  if (!read_root (&loader, json_parser_get_root (parser)))
    return NULL;
  return g_steal_pointer (&instrument);
}

/**
 * wm_instrument_new_from_file:
 * @path: a definition file
 * @error: return location for a #WM_INSTRUMENT_ERROR
 *
 * Returns: (transfer full) (nullable): the instrument, or %NULL when the
 *   file cannot be read or is not a valid definition
 */
WmInstrument *
wm_instrument_new_from_file (const char  *path,
                             GError     **error)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) read_error = NULL;
  gsize length;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!g_file_get_contents (path, &contents, &length, &read_error))
    {
      g_set_error (error, WM_INSTRUMENT_ERROR, WM_INSTRUMENT_ERROR_READ,
                   _("%s: the file cannot be read (%s). Check the name and its permissions."),
                   path, read_error->message);
      return NULL;
    }
  return wm_instrument_new_from_data (contents, (gssize) length, path, error);
}
