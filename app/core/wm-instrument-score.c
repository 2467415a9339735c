/* wm-instrument-score.c — scoring an answer set: domains, bands, constraints, completeness
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Structured professional judgement: the score suggests, the caseworker
 * decides. So scoring never fails: it reads whatever the answer set holds
 * (a draft, an old record, a value of the wrong type from a damaged one),
 * counts what it can, and the checks below say what is wrong before
 * anything is saved. Items a condition hides neither count nor are
 * required, whatever answer they hold: a caseworker who changes an
 * earlier answer must not be scored on, or asked for, a question the form
 * no longer shows.
 */

#define G_LOG_DOMAIN "wm-core"

#include "config.h"

#include <json-glib/json-glib.h>
#include <glib/gi18n.h>

#include "wm-core-error.h"
#include "wm-date.h"
#include "wm-instrument-private.h"
#include "wm-instrument-score.h"

static gboolean
is_not_known (GVariant *value)
{
  return g_variant_is_of_type (value, G_VARIANT_TYPE_STRING)
         && g_str_equal (g_variant_get_string (value, NULL), WM_INSTRUMENT_NOT_KNOWN);
}

static gboolean
takes_not_known (const WmInstrumentItem *item)
{
  return item->type != WM_ITEM_BOOLEAN && item->type != WM_ITEM_TEXT;
}

/* The answer to @item, or NULL when there is none of a usable type. */
static GVariant *
lookup_answer (GVariant               *answers,
               const WmInstrumentItem *item)
{
  g_autoptr(GVariant) value = NULL;

  if (answers == NULL || !g_variant_is_of_type (answers, G_VARIANT_TYPE_VARDICT))
    return NULL;
  value = g_variant_lookup_value (answers, item->id, NULL);
  if (value == NULL)
    return NULL;
  if (!g_variant_is_of_type (value, wm_item_type_get_variant_type (item->type))
      && !(takes_not_known (item) && is_not_known (value)))
    return NULL;
  return g_steal_pointer (&value);
}

static gboolean
is_answered (const WmInstrumentItem *item,
             GVariant               *value)
{
  if (value == NULL)
    return FALSE;
  /* Blank text says nothing; an empty multiple choice says "none of these". */
  if (item->type == WM_ITEM_TEXT || item->type == WM_ITEM_DATE)
    return *g_variant_get_string (value, NULL) != '\0';
  return TRUE;
}

/* A single answer as a condition or a weight names it. */
static const char *
answer_string (const WmInstrumentItem *item,
               GVariant               *value)
{
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_BOOLEAN))
    return g_variant_get_boolean (value) ? "true" : "false";
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
    return g_variant_get_string (value, NULL);
  return NULL;
}

static gboolean
strv_has (GVariant   *array,
          const char *wanted)
{
  GVariantIter iter;
  const char *id;

  g_variant_iter_init (&iter, array);
  while (g_variant_iter_next (&iter, "&s", &id))
    {
      if (g_str_equal (id, wanted))
        return TRUE;
    }
  return FALSE;
}

typedef struct
{
  WmInstrument *instrument;
  GVariant     *answers;
  gboolean     *shown;      /* by item index */
  GArray       *domains;    /* WmDomainScore, or NULL before they are scored */
  int           age_years;
} Context;

static gboolean
condition_holds (Context                     *context,
                 const WmInstrumentCondition *condition)
{
  g_autoptr(GVariant) value = NULL;
  const char *answer;

  switch (condition->kind)
    {
    case WM_CONDITION_AGE_UNDER:
      return context->age_years >= 0 && context->age_years < condition->number;

    case WM_CONDITION_DOMAIN_AT_LEAST:
      for (guint i = 0; context->domains != NULL && i < context->domains->len; i++)
        {
          const WmDomainScore *domain = &g_array_index (context->domains, WmDomainScore, i);

          if (domain->domain == condition->domain)
            return domain->score >= condition->number;
        }
      return FALSE;

    case WM_CONDITION_EQUALS:
    case WM_CONDITION_ONE_OF:
    case WM_CONDITION_INCLUDES:
    case WM_CONDITION_ANY_SELECTED:
    default:
      break;
    }

  /* An answer to a hidden item is no answer. */
  if (!context->shown[condition->item->index])
    return FALSE;
  value = lookup_answer (context->answers, condition->item);
  if (value == NULL || is_not_known (value))
    return FALSE;

  if (condition->kind == WM_CONDITION_INCLUDES)
    return strv_has (value, condition->values[0]);
  if (condition->kind == WM_CONDITION_ANY_SELECTED)
    return g_variant_n_children (value) > 0;
  answer = answer_string (condition->item, value);
  return answer != NULL && g_strv_contains ((const char *const *) condition->values, answer);
}

static void
compute_shown (Context *context)
{
  GPtrArray *items = context->instrument->items;

  /* Conditions only look back, so one pass in order settles them all. */
  for (guint i = 0; i < items->len; i++)
    {
      const WmInstrumentItem *item = g_ptr_array_index (items, i);

      context->shown[i] = item->shown_when == NULL || condition_holds (context, item->shown_when);
    }
}

/**
 * wm_instrument_item_is_shown:
 * @instrument: an instrument
 * @item: one of its items
 * @answers: (nullable): the answer set so far
 *
 * Whether the form shows @item: its condition holds (and the item that
 * condition reads is itself shown).
 *
 * Returns: %TRUE when @item is to be asked
 */
gboolean
wm_instrument_item_is_shown (WmInstrument           *instrument,
                             const WmInstrumentItem *item,
                             GVariant               *answers)
{
  g_autofree gboolean *shown = NULL;
  Context context = { 0 };

  g_return_val_if_fail (WM_IS_INSTRUMENT (instrument), FALSE);
  g_return_val_if_fail (item != NULL, FALSE);

  if (item->shown_when == NULL)
    return TRUE;
  shown = g_new0 (gboolean, instrument->items->len);
  context.instrument = instrument;
  context.answers = answers;
  context.shown = shown;
  context.age_years = WM_INSTRUMENT_AGE_UNKNOWN;
  compute_shown (&context);
  return shown[item->index];
}

static int
term_points (const WmInstrumentDomainTerm *term,
             GVariant                     *value)
{
  int points = 0;

  if (term->item->type == WM_ITEM_MULTIPLE_CHOICE && g_variant_is_of_type (value, G_VARIANT_TYPE_STRING_ARRAY))
    {
      /* Each option counts once, however often a damaged record lists it. */
      for (guint i = 0; term->answers[i] != NULL; i++)
        {
          if (strv_has (value, term->answers[i]))
            points += term->weights[i];
        }
      return points;
    }

  {
    const char *answer = answer_string (term->item, value);

    for (guint i = 0; answer != NULL && term->answers[i] != NULL; i++)
      {
        if (g_str_equal (term->answers[i], answer))
          return term->weights[i];
      }
  }
  return 0;
}

static const WmInstrumentBand *
find_band (const WmInstrumentDomain *domain,
           int                       score)
{
  for (guint i = 0; i < domain->bands->len; i++)
    {
      const WmInstrumentBand *band = g_ptr_array_index (domain->bands, i);

      if (score >= band->min && score <= band->max)
        return band;
    }
  return NULL;
}

static gboolean
constraint_holds (Context                      *context,
                  const WmInstrumentConstraint *constraint)
{
  gboolean any = constraint->any->len == 0;

  for (guint i = 0; i < constraint->all->len; i++)
    {
      if (!condition_holds (context, g_ptr_array_index (constraint->all, i)))
        return FALSE;
    }
  for (guint i = 0; !any && i < constraint->any->len; i++)
    any = condition_holds (context, g_ptr_array_index (constraint->any, i));
  return any;
}

/**
 * wm_instrument_score:
 * @instrument: an instrument
 * @answers: (nullable): an answer set, a{sv}
 * @age_years: the young person's age on the day of the assessment, or
 *   %WM_INSTRUMENT_AGE_UNKNOWN
 *
 * Scores every domain, finds the band each score falls in, the
 * constraints that hold, the level each judgement's domain suggests
 * (raised to the floor a constraint sets), and how complete the answers
 * are. Never fails: see the top of the file.
 *
 * Returns: (transfer full): the score; free with wm_instrument_score_free()
 */
WmInstrumentScore *
wm_instrument_score (WmInstrument *instrument,
                     GVariant     *answers,
                     int           age_years)
{
  g_autofree gboolean *shown = NULL;
  WmInstrumentScore *score;
  Context context = { 0 };

  g_return_val_if_fail (WM_IS_INSTRUMENT (instrument), NULL);

  shown = g_new0 (gboolean, instrument->items->len);
  context.instrument = instrument;
  context.answers = answers;
  context.shown = shown;
  context.age_years = age_years;
  compute_shown (&context);

  score = g_new0 (WmInstrumentScore, 1);
  score->instrument = g_object_ref (instrument);
  score->domains = g_array_new (FALSE, TRUE, sizeof (WmDomainScore));
  score->suggestions = g_array_new (FALSE, TRUE, sizeof (WmJudgementSuggestion));
  score->fired = g_ptr_array_new ();
  score->missing = g_ptr_array_new ();

  for (guint i = 0; i < instrument->items->len; i++)
    {
      const WmInstrumentItem *item = g_ptr_array_index (instrument->items, i);
      g_autoptr(GVariant) value = NULL;

      if (!shown[i])
        continue;
      value = lookup_answer (answers, item);
      if (value != NULL && is_not_known (value))
        score->n_not_known++;
      if (!item->required)
        continue;
      score->n_required++;
      if (is_answered (item, value))
        score->n_answered++;
      else
        g_ptr_array_add (score->missing, (gpointer) item);
    }

  for (guint i = 0; i < instrument->domains->len; i++)
    {
      const WmInstrumentDomain *domain = g_ptr_array_index (instrument->domains, i);
      WmDomainScore result = { domain, 0, NULL, 0 };

      for (guint j = 0; j < domain->terms->len; j++)
        {
          const WmInstrumentDomainTerm *term = g_ptr_array_index (domain->terms, j);
          g_autoptr(GVariant) value = NULL;

          if (!shown[term->item->index] || (value = lookup_answer (answers, term->item)) == NULL)
            continue;
          if (is_not_known (value))
            result.n_not_known++;
          else
            result.score += term_points (term, value);
        }
      result.band = find_band (domain, result.score);
      g_array_append_val (score->domains, result);
    }
  context.domains = score->domains;

  for (guint i = 0; i < instrument->constraints->len; i++)
    {
      const WmInstrumentConstraint *constraint = g_ptr_array_index (instrument->constraints, i);

      if (constraint_holds (&context, constraint))
        g_ptr_array_add (score->fired, (gpointer) constraint);
    }

  for (guint i = 0; i < instrument->judgements->len; i++)
    {
      const WmInstrumentJudgement *judgement = g_ptr_array_index (instrument->judgements, i);
      WmJudgementSuggestion suggestion = { judgement, NULL, NULL };
      int floor_index = -1;

      for (guint j = 0; j < score->fired->len; j++)
        {
          const WmInstrumentConstraint *constraint = g_ptr_array_index (score->fired, j);

          if (constraint->judgement == judgement && (int) constraint->at_least_index > floor_index)
            {
              floor_index = (int) constraint->at_least_index;
              suggestion.floor = constraint->at_least;
            }
        }
      if (judgement->suggested_by != NULL)
        {
          const WmDomainScore *domain = wm_instrument_score_get_domain (score, judgement->suggested_by->id);

          if (domain->band != NULL && domain->band->level != NULL)
            suggestion.suggested = domain->band->level;
          if (suggestion.floor != NULL
              && wm_instrument_scale_index (judgement->scale, suggestion.suggested) < floor_index)
            suggestion.suggested = suggestion.floor;
        }
      g_array_append_val (score->suggestions, suggestion);
    }
  return score;
}

void
wm_instrument_score_free (WmInstrumentScore *score)
{
  if (score == NULL)
    return;
  g_array_unref (score->domains);
  g_array_unref (score->suggestions);
  g_ptr_array_unref (score->fired);
  g_ptr_array_unref (score->missing);
  g_object_unref (score->instrument);
  g_free (score);
}

/**
 * wm_instrument_score_get_domain:
 * @score: a score
 * @domain_id: a domain of its instrument
 *
 * Returns: (nullable) (transfer none): the domain's score, or %NULL when
 *   the instrument has no such domain
 */
const WmDomainScore *
wm_instrument_score_get_domain (WmInstrumentScore *score,
                                const char        *domain_id)
{
  g_return_val_if_fail (score != NULL, NULL);
  g_return_val_if_fail (domain_id != NULL, NULL);

  for (guint i = 0; i < score->domains->len; i++)
    {
      const WmDomainScore *domain = &g_array_index (score->domains, WmDomainScore, i);

      if (g_str_equal (domain->domain->id, domain_id))
        return domain;
    }
  return NULL;
}

/**
 * wm_instrument_score_get_suggestion:
 * @score: a score
 * @judgement_id: a judgement of its instrument
 *
 * Returns: (nullable) (transfer none): what the score suggests for the
 *   judgement, or %NULL when the instrument has no such judgement
 */
const WmJudgementSuggestion *
wm_instrument_score_get_suggestion (WmInstrumentScore *score,
                                    const char        *judgement_id)
{
  g_return_val_if_fail (score != NULL, NULL);
  g_return_val_if_fail (judgement_id != NULL, NULL);

  for (guint i = 0; i < score->suggestions->len; i++)
    {
      const WmJudgementSuggestion *suggestion = &g_array_index (score->suggestions, WmJudgementSuggestion, i);

      if (g_str_equal (suggestion->judgement->id, judgement_id))
        return suggestion;
    }
  return NULL;
}

/**
 * wm_instrument_score_get_completeness:
 * @score: a score
 *
 * Returns: the share of the required items shown that are answered, from
 *   0 to 1 (1 when none is required)
 */
double
wm_instrument_score_get_completeness (WmInstrumentScore *score)
{
  g_return_val_if_fail (score != NULL, 0.0);

  if (score->n_required == 0)
    return 1.0;
  return (double) score->n_answered / (double) score->n_required;
}

/**
 * wm_instrument_score_departs:
 * @score: a score
 * @judgement_id: a judgement of its instrument
 * @level: the level the caseworker chose
 *
 * A judgement that departs from what the score suggests needs a written
 * rationale. A judgement with no suggestion never departs.
 *
 * Returns: %TRUE when @level is not the suggested level
 */
gboolean
wm_instrument_score_departs (WmInstrumentScore *score,
                             const char        *judgement_id,
                             const char        *level)
{
  const WmJudgementSuggestion *suggestion;

  g_return_val_if_fail (score != NULL, FALSE);
  g_return_val_if_fail (judgement_id != NULL, FALSE);

  suggestion = wm_instrument_score_get_suggestion (score, judgement_id);
  if (suggestion == NULL || suggestion->suggested == NULL || level == NULL)
    return FALSE;
  return !g_str_equal (suggestion->suggested, level);
}

static const char *
item_label (WmInstrument           *instrument,
            const WmInstrumentItem *item)
{
  return wm_instrument_gettext (instrument, item->label);
}

/**
 * wm_instrument_check_answer:
 * @instrument: an instrument
 * @item: one of its items
 * @value: an answer to it
 * @error: return location for a #WM_CORE_ERROR
 *
 * Returns: %TRUE when @value is of @item's type and among its options or
 *   within its range (or is "not known", where the item takes it)
 */
gboolean
wm_instrument_check_answer (WmInstrument            *instrument,
                            const WmInstrumentItem  *item,
                            GVariant                *value,
                            GError                 **error)
{
  g_return_val_if_fail (WM_IS_INSTRUMENT (instrument), FALSE);
  g_return_val_if_fail (item != NULL, FALSE);
  g_return_val_if_fail (value != NULL, FALSE);

  if (takes_not_known (item) && is_not_known (value))
    return TRUE;
  if (!g_variant_is_of_type (value, wm_item_type_get_variant_type (item->type)))
    {
      g_set_error (error, WM_CORE_ERROR, WM_CORE_ERROR_WRONG_TYPE,
                   /* Translators: %s is a question of an assessment. */
                   _("The answer to “%s” is of the wrong kind. Answer it again."),
                   item_label (instrument, item));
      return FALSE;
    }

  switch (item->type)
    {
    case WM_ITEM_YES_NO_NOT_KNOWN:
    case WM_ITEM_SCALE:
    case WM_ITEM_CHOICE:
      if (wm_instrument_scale_index (item->options, g_variant_get_string (value, NULL)) < 0)
        goto unknown;
      return TRUE;

    case WM_ITEM_MULTIPLE_CHOICE:
      {
        GVariantIter iter;
        const char *id;

        g_variant_iter_init (&iter, value);
        while (g_variant_iter_next (&iter, "&s", &id))
          {
            if (wm_instrument_scale_index (item->options, id) < 0)
              goto unknown;
          }
        return TRUE;
      }

    case WM_ITEM_DATE:
      {
        g_autoptr(GError) date_error = NULL;
        const char *text = g_variant_get_string (value, NULL);
        GDate date;

        if (*text != '\0' && !wm_date_parse_iso (text, &date, &date_error))
          {
            g_set_error (error, WM_CORE_ERROR, WM_CORE_ERROR_INVALID_DATE,
                         /* Translators: the first %s is a question, the second
                          * says what is wrong with the date. */
                         _("The answer to “%s” is not a valid date. %s"),
                         item_label (instrument, item), date_error->message);
            return FALSE;
          }
        return TRUE;
      }

    case WM_ITEM_NUMBER:
      {
        gint32 number = g_variant_get_int32 (value);

        if (number < item->min || number > item->max)
          {
            g_set_error (error, WM_CORE_ERROR, WM_CORE_ERROR_UNKNOWN_VALUE,
                         /* Translators: %s is a question; the numbers are its bounds. */
                         _("The answer to “%s” must be from %d to %d. Correct it."),
                         item_label (instrument, item), item->min, item->max);
            return FALSE;
          }
        return TRUE;
      }

    case WM_ITEM_BOOLEAN:
    case WM_ITEM_TEXT:
    default:
      return TRUE;
    }

unknown:
  g_set_error (error, WM_CORE_ERROR, WM_CORE_ERROR_UNKNOWN_VALUE,
               /* Translators: %s is a question of an assessment. */
               _("The answer to “%s” is not one of its options. Choose one of them."),
               item_label (instrument, item));
  return FALSE;
}

/**
 * wm_instrument_check_answers:
 * @instrument: an instrument
 * @answers: an answer set, a{sv}
 * @complete: whether every required item shown must be answered (a
 *   submitted assessment), or the set may be half made (a draft)
 * @error: return location for a #WM_CORE_ERROR
 *
 * Answers the instrument does not know are left alone (a newer version
 * may have written them), and so are answers to hidden items.
 *
 * Returns: %TRUE when every answer fits its item, and when @complete,
 *   every required item shown is answered
 */
gboolean
wm_instrument_check_answers (WmInstrument  *instrument,
                             GVariant      *answers,
                             gboolean       complete,
                             GError       **error)
{
  g_autofree gboolean *shown = NULL;
  Context context = { 0 };

  g_return_val_if_fail (WM_IS_INSTRUMENT (instrument), FALSE);
  g_return_val_if_fail (answers != NULL && g_variant_is_of_type (answers, G_VARIANT_TYPE_VARDICT), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  shown = g_new0 (gboolean, instrument->items->len);
  context.instrument = instrument;
  context.answers = answers;
  context.shown = shown;
  context.age_years = WM_INSTRUMENT_AGE_UNKNOWN;
  compute_shown (&context);

  for (guint i = 0; i < instrument->items->len; i++)
    {
      const WmInstrumentItem *item = g_ptr_array_index (instrument->items, i);
      g_autoptr(GVariant) value = NULL;

      if (!shown[i])
        continue;
      value = g_variant_lookup_value (answers, item->id, NULL);
      if (value != NULL && !wm_instrument_check_answer (instrument, item, value, error))
        return FALSE;
      if (complete && item->required && !is_answered (item, value))
        {
          g_set_error (error, WM_CORE_ERROR, WM_CORE_ERROR_MISSING,
                       /* Translators: %s is a question of an assessment. */
                       _("The question “%s” has not been answered. Answer it before submitting."),
                       item_label (instrument, item));
          return FALSE;
        }
    }
  return TRUE;
}

/**
 * wm_instrument_check_judgements:
 * @score: the score of the answers the judgements were made on
 * @judgements: (nullable): the judgements, a{ss}: judgement id -> level
 * @complete: whether every required judgement must be made
 * @error: return location for a #WM_CORE_ERROR
 *
 * Returns: %TRUE when every judgement made is a level of its scale, no
 *   fired constraint is broken, and when @complete, every required
 *   judgement is made
 */
gboolean
wm_instrument_check_judgements (WmInstrumentScore  *score,
                                GVariant           *judgements,
                                gboolean            complete,
                                GError            **error)
{
  WmInstrument *instrument;

  g_return_val_if_fail (score != NULL, FALSE);
  g_return_val_if_fail (judgements == NULL || g_variant_is_of_type (judgements, G_VARIANT_TYPE ("a{ss}")), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  instrument = score->instrument;
  for (guint i = 0; i < score->suggestions->len; i++)
    {
      const WmJudgementSuggestion *suggestion = &g_array_index (score->suggestions, WmJudgementSuggestion, i);
      const WmInstrumentJudgement *judgement = suggestion->judgement;
      const char *level = NULL;
      int index;

      if (judgements == NULL || !g_variant_lookup (judgements, judgement->id, "&s", &level))
        {
          /* A draft may be saved half-made; a submitted one may not. */
          if (!complete || !judgement->required)
            continue;
          g_set_error (error, WM_CORE_ERROR, WM_CORE_ERROR_MISSING,
                       /* Translators: %s is a judgement's name, such as “Risk of serious harm”. */
                       _("The judgement “%s” has not been made. Make it before submitting."),
                       wm_instrument_gettext (instrument, judgement->label));
          return FALSE;
        }

      index = wm_instrument_scale_index (judgement->scale, level);
      if (index < 0)
        {
          g_autoptr(GString) allowed = g_string_new (NULL);

          for (guint j = 0; j < judgement->scale->options->len; j++)
            {
              const WmInstrumentOption *option = g_ptr_array_index (judgement->scale->options, j);

              g_string_append_printf (allowed, "%s%s", j > 0 ? ", " : "", option->id);
            }
          /* The values stay ids: they are what the record holds, and
           * what a program that wrote the wrong one must write instead. */
          g_set_error (error, WM_CORE_ERROR, WM_CORE_ERROR_UNKNOWN_VALUE,
                       /* Translators: the first %s is a judgement's name, the
                        * second a list of the values a record may hold,
                        * which stay as they are. */
                       _("The judgement “%s” must be one of: %s. Choose one of those."),
                       wm_instrument_gettext (instrument, judgement->label), allowed->str);
          return FALSE;
        }

      for (guint j = 0; j < score->fired->len; j++)
        {
          const WmInstrumentConstraint *constraint = g_ptr_array_index (score->fired, j);

          if (constraint->judgement == judgement && (guint) index < constraint->at_least_index)
            {
              g_set_error_literal (error, WM_CORE_ERROR, WM_CORE_ERROR_CONSTRAINT,
                                   wm_instrument_gettext (instrument, constraint->message));
              return FALSE;
            }
        }
    }
  return TRUE;
}

static GVariant *
json_to_answer (const WmInstrumentItem *item,
                JsonNode               *node)
{
  GType value_type = JSON_NODE_HOLDS_VALUE (node) ? json_node_get_value_type (node) : G_TYPE_INVALID;

  if (value_type == G_TYPE_STRING && takes_not_known (item)
      && g_str_equal (json_node_get_string (node), WM_INSTRUMENT_NOT_KNOWN))
    return g_variant_new_string (WM_INSTRUMENT_NOT_KNOWN);

  switch (item->type)
    {
    case WM_ITEM_BOOLEAN:
      return value_type == G_TYPE_BOOLEAN ? g_variant_new_boolean (json_node_get_boolean (node)) : NULL;
    case WM_ITEM_NUMBER:
      if (value_type != G_TYPE_INT64 || json_node_get_int (node) < G_MININT32 || json_node_get_int (node) > G_MAXINT32)
        return NULL;
      return g_variant_new_int32 ((gint32) json_node_get_int (node));
    case WM_ITEM_MULTIPLE_CHOICE:
      {
        GVariantBuilder builder;
        JsonArray *array;

        if (!JSON_NODE_HOLDS_ARRAY (node))
          return NULL;
        array = json_node_get_array (node);
        g_variant_builder_init (&builder, G_VARIANT_TYPE_STRING_ARRAY);
        for (guint i = 0; i < json_array_get_length (array); i++)
          {
            JsonNode *element = json_array_get_element (array, i);

            if (!JSON_NODE_HOLDS_VALUE (element) || json_node_get_value_type (element) != G_TYPE_STRING)
              {
                g_variant_builder_clear (&builder);
                return NULL;
              }
            g_variant_builder_add (&builder, "s", json_node_get_string (element));
          }
        return g_variant_builder_end (&builder);
      }
    case WM_ITEM_YES_NO_NOT_KNOWN:
    case WM_ITEM_SCALE:
    case WM_ITEM_CHOICE:
    case WM_ITEM_DATE:
    case WM_ITEM_TEXT:
    default:
      return value_type == G_TYPE_STRING ? g_variant_new_string (json_node_get_string (node)) : NULL;
    }
}

/**
 * wm_instrument_answers_from_json:
 * @instrument: an instrument
 * @json: an object of item id and answer: text for a single answer, a
 *   list of text for a multiple choice, true or false for a tick box, a
 *   whole number for a number, "not-known" for any item that takes it
 * @error: return location for a #WM_INSTRUMENT_ERROR or #WM_CORE_ERROR
 *
 * For "waymark-cli instrument score" and for tests: an answer set as an
 * organisation writes one by hand.
 *
 * Returns: (transfer full) (nullable): the answer set, a{sv}
 */
GVariant *
wm_instrument_answers_from_json (WmInstrument  *instrument,
                                 const char    *json,
                                 GError       **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) json_error = NULL;
  g_autoptr(GList) members = NULL;
  g_autoptr(GVariant) answers = NULL;
  GVariantDict dict;
  JsonObject *object;

  g_return_val_if_fail (WM_IS_INSTRUMENT (instrument), NULL);
  g_return_val_if_fail (json != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!json_parser_load_from_data (parser, json, -1, &json_error))
    {
      g_set_error (error, WM_INSTRUMENT_ERROR, WM_INSTRUMENT_ERROR_READ,
                   _("The answers are not valid JSON (%s). Correct them."), json_error->message);
      return NULL;
    }
  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_set_error_literal (error, WM_INSTRUMENT_ERROR, WM_INSTRUMENT_ERROR_ANSWER,
                           _("The answers must be one object, in braces, of item id and answer."));
      return NULL;
    }
  object = json_node_get_object (json_parser_get_root (parser));
  members = json_object_get_members (object);

  g_variant_dict_init (&dict, NULL);
  for (GList *l = members; l != NULL; l = l->next)
    {
      const WmInstrumentItem *item = wm_instrument_find_item (instrument, l->data);
      GVariant *value;

      if (item == NULL)
        {
          g_variant_dict_clear (&dict);
          g_set_error (error, WM_INSTRUMENT_ERROR, WM_INSTRUMENT_ERROR_ANSWER,
                       _("There is no item “%s” in the instrument “%s”. Answer only its items."),
                       (const char *) l->data, instrument->id);
          return NULL;
        }
      value = json_to_answer (item, json_object_get_member (object, l->data));
      if (value == NULL)
        {
          g_variant_dict_clear (&dict);
          g_set_error (error, WM_INSTRUMENT_ERROR, WM_INSTRUMENT_ERROR_ANSWER,
                       /* Translators: the first %s is an item id, the second its type. */
                       _("The answer to the item “%s” does not fit its type, %s. Write it as the format describes."),
                       item->id, wm_item_type_to_string (item->type));
          return NULL;
        }
      g_variant_dict_insert_value (&dict, item->id, value);
    }
  answers = g_variant_ref_sink (g_variant_dict_end (&dict));
  if (!wm_instrument_check_answers (instrument, answers, FALSE, error))
    return NULL;
  return g_steal_pointer (&answers);
}
