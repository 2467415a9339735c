/* test-instrument.c — instrument definitions: the loader's refusals, scoring worked by hand
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The scoring tables below were worked out on paper from the shipped
 * definitions (data/instruments/), not by running the scorer: a change to
 * a weight, a band or a condition there must show up here as a failure,
 * and be worked through again by hand.
 */

#include "config.h"

#include <string.h>

#include "wm-assessment.h"
#include "wm-instrument-private.h"
#include "wm-instrument-registry.h"
#include "wm-instrument-score.h"

static GVariant *
parse (const char *text)
{
  g_autoptr(GError) error = NULL;
  GVariant *value = g_variant_parse (NULL, text, NULL, NULL, &error);

  g_assert_no_error (error);
  return value;
}

static WmInstrument *
shipped (const char *id,
         guint       version)
{
  WmInstrument *instrument = wm_instrument_registry_lookup (wm_instrument_registry_get_default (), id, version);

  g_assert_nonnull (instrument);
  return instrument;
}

static void
collect_texts (WmInstrument *instrument,
               GPtrArray    *texts)
{
  GPtrArray *list;

#define ADD(text) G_STMT_START { if ((text) != NULL) g_ptr_array_add (texts, (gpointer) (text)); } G_STMT_END
  ADD (instrument->title);
  ADD (instrument->description);
  for (guint i = 0; i < instrument->sources->len; i++)
    ADD (((WmInstrumentSource *) g_ptr_array_index (instrument->sources, i))->note);
  for (guint i = 0; i < instrument->owned_scales->len; i++)
    {
      WmInstrumentScale *scale = g_ptr_array_index (instrument->owned_scales, i);

      for (guint j = 0; j < scale->options->len; j++)
        {
          WmInstrumentOption *option = g_ptr_array_index (scale->options, j);

          ADD (option->label);
          ADD (option->help);
        }
    }
  list = instrument->sections;
  for (guint i = 0; i < list->len; i++)
    {
      ADD (((WmInstrumentSection *) g_ptr_array_index (list, i))->title);
      ADD (((WmInstrumentSection *) g_ptr_array_index (list, i))->help);
    }
  list = instrument->items;
  for (guint i = 0; i < list->len; i++)
    {
      ADD (((WmInstrumentItem *) g_ptr_array_index (list, i))->label);
      ADD (((WmInstrumentItem *) g_ptr_array_index (list, i))->help);
    }
  list = instrument->domains;
  for (guint i = 0; i < list->len; i++)
    {
      WmInstrumentDomain *domain = g_ptr_array_index (list, i);

      ADD (domain->label);
      ADD (domain->note);
      for (guint j = 0; j < domain->bands->len; j++)
        ADD (((WmInstrumentBand *) g_ptr_array_index (domain->bands, j))->label);
    }
  list = instrument->judgements;
  for (guint i = 0; i < list->len; i++)
    {
      ADD (((WmInstrumentJudgement *) g_ptr_array_index (list, i))->label);
      ADD (((WmInstrumentJudgement *) g_ptr_array_index (list, i))->help);
    }
  list = instrument->constraints;
  for (guint i = 0; i < list->len; i++)
    ADD (((WmInstrumentConstraint *) g_ptr_array_index (list, i))->message);
#undef ADD
}

/* Both instruments, every version, from the build tree; the newest is
 * what a new assessment starts on, and every text reaches the translators. */
static void
test_shipped (void)
{
  WmInstrumentRegistry *registry = wm_instrument_registry_get_default ();
  g_autoptr(GPtrArray) latest = wm_instrument_registry_list_latest (registry);
  g_autoptr(GHashTable) extracted = g_hash_table_new (g_str_hash, g_str_equal);
  const char *const ids[] = { WM_INSTRUMENT_ACE, WM_INSTRUMENT_DIVERSION_RISK_NEEDS };

  for (guint i = 0; wm_instrument_shipped_strings[i] != NULL; i++)
    g_hash_table_add (extracted, (gpointer) wm_instrument_shipped_strings[i]);

  g_assert_cmpuint (latest->len, >=, 2);
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_assert_cmpuint (wm_instrument_get_version (wm_instrument_registry_lookup_latest (registry, ids[i])), ==, 2);
      for (guint version = 1; version <= 2; version++)
        {
          WmInstrument *instrument = shipped (ids[i], version);
          g_autoptr(GPtrArray) texts = g_ptr_array_new ();

          g_assert_cmpstr (wm_instrument_get_translation_domain (instrument), ==, GETTEXT_PACKAGE);
          collect_texts (instrument, texts);
          for (guint j = 0; j < texts->len; j++)
            {
              const char *text = g_ptr_array_index (texts, j);

              /* The built-in yes/no/not known labels are marked in the loader. */
              if (g_str_equal (text, "Yes") || g_str_equal (text, "No") || g_str_equal (text, "Not known"))
                continue;
              if (!g_hash_table_contains (extracted, text))
                g_error ("“%s” is not in app/core/wm-instrument-strings.c: run "
                         "data/instruments/extract-strings.py", text);
            }
        }
    }
  g_assert_null (wm_instrument_registry_lookup (registry, WM_INSTRUMENT_ACE, 3));

  /* The Home Office list in full, with its licence shown. */
  {
    WmInstrument *drn = shipped (WM_INSTRUMENT_DIVERSION_RISK_NEEDS, 2);
    const WmInstrumentItem *indicators = wm_instrument_find_item (drn, WM_DRN_EXPLOITATION_INDICATORS);
    gboolean ogl = FALSE;

    g_assert_cmpuint (indicators->options->options->len, ==, 16);
    for (guint i = 0; i < wm_instrument_get_sources (drn)->len; i++)
      {
        WmInstrumentSource *source = g_ptr_array_index (wm_instrument_get_sources (drn), i);

        ogl |= g_strcmp0 (source->licence, "Open Government Licence v3.0") == 0;
      }
    g_assert_true (ogl);
  }
}

/* A small valid definition, written with ' for ", and faults made in it
 * by replacing one piece of text. */
static const char base_definition[] =
  "{'format': 1, 'id': 't', 'version': 1, 'title': 'T', 'translation-domain': 'waymark',"
  " 'scales': [{'id': 'risk', 'levels': [{'id': 'low', 'label': 'Low'}, {'id': 'high', 'label': 'High'}]}],"
  " 'sections': [{'id': 's', 'title': 'S', 'items': ["
  "   {'id': 'a', 'type': 'yes-no-not-known', 'label': 'A'},"
  "   {'id': 'b', 'type': 'choice', 'label': 'B', 'options': [{'id': 'x', 'label': 'X'}, {'id': 'y', 'label': 'Y'}]}]}],"
  " 'domains': [{'id': 'd', 'label': 'D', 'scale': 'risk',"
  "   'score': [{'item': 'a', 'weights': {'yes': 1}}, {'item': 'b', 'weights': {'y': 2}}],"
  "   'bands': [{'min': 0, 'max': 1, 'label': 'Lo', 'level': 'low'}, {'min': 2, 'label': 'Hi', 'level': 'high'}]}],"
  " 'judgements': [{'id': 'j', 'label': 'J', 'scale': 'risk', 'suggested-by': 'd'}],"
  " 'constraints': [{'id': 'c', 'judgement': 'j', 'at-least': 'high', 'all': [{'item': 'a', 'equals': 'yes'}],"
  "   'message': 'M'}]}";

static char *
make_definition (const char *find,
                 const char *replace)
{
  g_autoptr(GString) text = g_string_new (base_definition);

  if (find != NULL)
    g_assert_cmpuint (g_string_replace (text, find, replace, 1), ==, 1);
  g_strdelimit (text->str, "'", '"');
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
test_loader_accepts_base (void)
{
  g_autofree char *text = make_definition (NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(WmInstrument) instrument = wm_instrument_new_from_data (text, -1, "bad.json", &error);
  const WmInstrumentDomain *domain;

  g_assert_no_error (error);
  domain = wm_instrument_find_domain (instrument, "d");
  g_assert_cmpint (domain->min_score, ==, 0);
  g_assert_cmpint (domain->max_score, ==, 3);
  /* The open last band runs to the highest score. */
  g_assert_cmpint (((WmInstrumentBand *) g_ptr_array_index (domain->bands, 1))->max, ==, 3);
}

static void
test_loader_rejects (void)
{
  static const struct
  {
    const char *find;
    const char *replace;
    WmInstrumentError code;
    const char *message;
  } cases[] = {
    /* 1. not JSON */
    { "'format': 1,", "'format': 1,,", WM_INSTRUMENT_ERROR_READ, NULL },
    /* 2. unknown item type */
    { "'type': 'choice'", "'type': 'pick-one'", WM_INSTRUMENT_ERROR_INVALID,
      "bad.json: item “b”: The type “pick-one” is not one Waymark knows. Use yes-no-not-known, boolean, "
      "scale, choice, multiple-choice, date, number or text." },
    /* 3. duplicate id */
    { "{'id': 'b', 'type'", "{'id': 'a', 'type'", WM_INSTRUMENT_ERROR_INVALID,
      "bad.json: item “a”: Another item has the same id. Give each item its own: answers are stored by it." },
    /* 4. a score that references a missing item */
    { "{'item': 'b', 'weights'", "{'item': 'zz', 'weights'", WM_INSTRUMENT_ERROR_INVALID,
      "bad.json: domain “d”: The score counts the item “zz”, which does not exist. Name an item of the definition." },
    /* 5. overlapping bands */
    { "{'min': 2, 'label': 'Hi'", "{'min': 1, 'label': 'Hi'", WM_INSTRUMENT_ERROR_INVALID,
      "bad.json: domain “d”: The bands “Lo” and “Hi” overlap: a score of 1 is in both. "
      "Make each start after the one before ends." },
    /* 6. gapped bands */
    { "'max': 1, 'label': 'Lo'", "'max': 0, 'label': 'Lo'", WM_INSTRUMENT_ERROR_INVALID,
      "bad.json: domain “d”: Between the bands “Lo” and “Hi”, scores from 1 to 1 fall in no band. "
      "Make each start where the one before ends." },
    /* 7. bands that stop short of the highest score (a + b make 3) */
    { "{'min': 2, 'label': 'Hi'", "{'min': 2, 'max': 2, 'label': 'Hi'", WM_INSTRUMENT_ERROR_INVALID,
      "bad.json: domain “d”: Scores from 3 to 3 fall in no band. End the last band at 3 or later." },
    /* 8. a condition on a later item */
    { "'label': 'A'}", "'label': 'A', 'shown-when': {'item': 'b', 'equals': 'x'}}", WM_INSTRUMENT_ERROR_INVALID,
      "bad.json: item “a”: It depends on the item “b”, which does not come before it. A condition may only "
      "depend on an earlier item: move one of them." },
    /* 9. a condition on an answer the item does not have */
    { "'label': 'B',", "'label': 'B', 'shown-when': {'item': 'a', 'equals': 'maybe'},", WM_INSTRUMENT_ERROR_INVALID,
      "bad.json: item “b”: The item “a” has no answer “maybe”. Use one of its options." },
    /* 10. empty scale */
    { "'levels': [{'id': 'low', 'label': 'Low'}, {'id': 'high', 'label': 'High'}]", "'levels': []",
      WM_INSTRUMENT_ERROR_INVALID,
      "bad.json: scale “risk”: The list “levels” is empty. Give it at least one entry." },
    /* 11. missing translation domain */
    { "'translation-domain': 'waymark',", "", WM_INSTRUMENT_ERROR_INVALID,
      "bad.json: the definition: The member “translation-domain” is missing: name the gettext domain that "
      "translates its text (“waymark” for the shipped instruments)." },
    /* 12. a misspelt member */
    { "'label': 'A'}", "'label': 'A', 'requried': true}", WM_INSTRUMENT_ERROR_INVALID,
      "bad.json: item “a”: The member “requried” is not part of the format. Use one of: id, type, label, "
      "help, required, scale, options, min, max, shown-when." },
    /* 13. a format newer than this program */
    { "'format': 1", "'format': 2", WM_INSTRUMENT_ERROR_INVALID,
      "bad.json: the definition: It is written in format 2; this Waymark reads format 1. Use a Waymark that "
      "reads it, or rewrite the file." },
    /* 14. a band suggesting a level its scale lacks */
    { "'level': 'high'", "'level': 'severe'", WM_INSTRUMENT_ERROR_INVALID,
      "bad.json: domain “d”: The band “Hi” suggests “severe”, which is not a level of the scale “risk”." },
    /* 15. a judgement suggested by a domain that does not exist */
    { "'suggested-by': 'd'", "'suggested-by': 'e'", WM_INSTRUMENT_ERROR_INVALID,
      "bad.json: judgement “j”: The domain “e” it refers to does not exist. Name a domain of the definition." },
    /* 16. a constraint on a level the scale lacks */
    { "'at-least': 'high'", "'at-least': 'extreme'", WM_INSTRUMENT_ERROR_INVALID,
      "bad.json: constraint “c”: “extreme” is not a level of the scale “risk”. Use one of its levels." },
    /* 17. an id that cannot be an id */
    { "'id': 't'", "'id': 'T t'", WM_INSTRUMENT_ERROR_INVALID,
      "bad.json: the definition: The id “T t” may hold only lower-case letters, digits and single hyphens "
      "between them. Rename it." },
    /* 18. an option that takes the reserved "not known" */
    { "{'id': 'y', 'label': 'Y'}", "{'id': 'not-known', 'label': 'Y'}", WM_INSTRUMENT_ERROR_INVALID,
      "bad.json: item “b”: “not-known” is an answer every item has already. Remove the option of that id." },
    /* 19. a weight on an answer the item does not have */
    { "'weights': {'y': 2}", "'weights': {'z': 2}", WM_INSTRUMENT_ERROR_INVALID,
      "bad.json: domain “d”: The item “b” has no answer “z” to weigh. Use one of its options." },
    /* 20. a section with no items */
    { "'items': [", "'items': []}, {'id': 's2', 'title': 'S2', 'items': [", WM_INSTRUMENT_ERROR_INVALID,
      "bad.json: section “s”: The section has no items. Add some, or remove the section." },
    /* 21. a required flag written as text */
    { "'label': 'A'}", "'label': 'A', 'required': 'yes'}", WM_INSTRUMENT_ERROR_INVALID,
      "bad.json: item “a”: The member “required” must be true or false, without quotes." },
    /* 22. a version that is not a version */
    { "'version': 1", "'version': 0", WM_INSTRUMENT_ERROR_INVALID,
      "bad.json: the definition: The version must be a whole number from 1. Number versions 1, 2, 3…" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = make_definition (cases[i].find, cases[i].replace);
      g_autoptr(GError) error = NULL;
      g_autoptr(WmInstrument) instrument = wm_instrument_new_from_data (text, -1, "bad.json", &error);

      g_test_message ("case %u", i + 1);
      g_assert_null (instrument);
      g_assert_error (error, WM_INSTRUMENT_ERROR, (gint) cases[i].code);
      if (cases[i].message != NULL)
        g_assert_cmpstr (error->message, ==, cases[i].message);
      else
        g_assert_true (g_str_has_prefix (error->message, "bad.json: the file is not valid JSON"));
    }
}

static void
test_loader_reads_file (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "instruments", "band-gap.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(WmInstrument) instrument = wm_instrument_new_from_file (path, &error);

  g_assert_null (instrument);
  g_assert_error (error, WM_INSTRUMENT_ERROR, WM_INSTRUMENT_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, path));
  g_assert_nonnull (strstr (error->message, "domain “exploitation”"));
  g_clear_error (&error);

  instrument = wm_instrument_new_from_file ("/nonexistent/x.json", &error);
  g_assert_null (instrument);
  g_assert_error (error, WM_INSTRUMENT_ERROR, WM_INSTRUMENT_ERROR_READ);
}

/* ACE, version 2: the count of "yes", the 4+ flag, "not known" counted
 * apart, and completeness over the ten required categories. */
static void
test_ace_table (void)
{
  static const char *const categories[] = {
    "emotional-abuse", "physical-abuse", "sexual-abuse", "domestic-abuse", "household-substance-misuse",
    "household-mental-illness", "parental-separation", "household-imprisonment", "emotional-neglect",
    "physical-neglect",
  };
  static const struct
  {
    const char *answers;  /* y, n, ?, or - for unanswered, one per category */
    int count;
    gboolean flagged;
    guint not_known;
    guint answered;
  } table[] = {
    { "nnnnnnnnnn", 0, FALSE, 0, 10 },
    { "yyynnnnnnn", 3, FALSE, 0, 10 },
    { "ynynynynnn", 4, TRUE, 0, 10 },
    { "yyyyyyyyyy", 10, TRUE, 0, 10 },
    { "yy???nnnnn", 2, FALSE, 3, 10 },
    { "y??????y??", 2, FALSE, 8, 10 },
    { "yyyy------", 4, TRUE, 0, 4 },
    { "----------", 0, FALSE, 0, 0 },
  };
  WmInstrument *ace = shipped (WM_INSTRUMENT_ACE, 2);

  for (guint row = 0; row < G_N_ELEMENTS (table); row++)
    {
      g_autoptr(WmInstrumentScore) score = NULL;
      g_autoptr(GVariant) answers = NULL;
      const WmDomainScore *count;
      GVariantDict dict;

      g_variant_dict_init (&dict, NULL);
      for (guint i = 0; i < G_N_ELEMENTS (categories); i++)
        {
          char c = table[row].answers[i];

          if (c != '-')
            g_variant_dict_insert (&dict, categories[i], "s",
                                   c == 'y' ? "yes" : c == 'n' ? "no" : WM_INSTRUMENT_NOT_KNOWN);
        }
      answers = g_variant_ref_sink (g_variant_dict_end (&dict));
      score = wm_instrument_score (ace, answers, 15);

      g_test_message ("row %u", row);
      count = wm_instrument_score_get_domain (score, "ace-count");
      g_assert_cmpint (count->score, ==, table[row].count);
      g_assert_cmpint (count->band->flag, ==, table[row].flagged);
      g_assert_cmpuint (count->n_not_known, ==, table[row].not_known);
      g_assert_cmpuint (score->n_required, ==, 10);
      g_assert_cmpuint (score->n_answered, ==, table[row].answered);
      g_assert_cmpuint (score->missing->len, ==, 10 - table[row].answered);
      g_assert_cmpfloat_with_epsilon (wm_instrument_score_get_completeness (score),
                                      table[row].answered / 10.0, 1e-9);
      g_assert_cmpuint (score->fired->len, ==, 0);
      g_assert_cmpuint (score->suggestions->len, ==, 0);
    }

  /* The count says where it is shown that it is a population measure. */
  g_assert_nonnull (strstr (wm_instrument_find_domain (ace, "ace-count")->note, "population measure"));
}

/* Version 1 stored "domestic-violence": read with version 1 it counts,
 * as it did; version 2 does not know the id and ignores it. */
static void
test_ace_versions (void)
{
  g_autoptr(GVariant) answers = parse ("{'domestic-violence': <'yes'>, 'emotional-abuse': <'yes'>}");
  g_autoptr(WmInstrumentScore) v1 = wm_instrument_score (shipped (WM_INSTRUMENT_ACE, 1), answers, 15);
  g_autoptr(WmInstrumentScore) v2 = wm_instrument_score (shipped (WM_INSTRUMENT_ACE, 2), answers, 15);

  g_assert_cmpint (wm_instrument_score_get_domain (v1, "ace-count")->score, ==, 2);
  g_assert_cmpint (wm_instrument_score_get_domain (v2, "ace-count")->score, ==, 1);
  g_assert_cmpint (wm_ace_score (answers), ==, 2);
}

/* A young person with nothing of note, every required item answered "no"
 * (or its calmest option); each row of the table changes a few answers. */
static const char drn_calm[] =
  "'send': <'none'>, 'speech-language-communication': <'no'>, 'neurodivergence': <'no'>,"
  " 'learning-disability': <'no'>, 'care-status': <'none'>, 'young-carer': <'no'>,"
  " 'family-conflict': <'no'>, 'family-domestic-abuse': <'no'>, 'family-offending': <'no'>,"
  " 'trusted-adult': <'yes'>, 'housing-situation': <'stable'>, 'physical-health-concern': <'no'>,"
  " 'mental-health-concern': <'no'>, 'substance-use-known': <'no'>, 'exploitation-indicators': <@as []>,"
  " 'violence': <'no'>, 'weapons': <'no'>, 'offending': <'no'>, 'anti-social-behaviour': <'no'>,"
  " 'peers-offending': <'no'>, 'feels-unsafe': <'no'>";

static GVariant *
drn_answers (const char *changes)
{
  g_autoptr(GVariant) calm = NULL;
  g_autoptr(GVariant) changed = NULL;
  g_autofree char *calm_text = g_strdup_printf ("{%s}", drn_calm);
  g_autofree char *changes_text = g_strdup_printf ("{%s}", changes);
  GVariantDict dict;
  GVariantIter iter;
  const char *key;
  GVariant *value;

  calm = parse (calm_text);
  changed = parse (changes_text);
  g_variant_dict_init (&dict, calm);
  g_variant_iter_init (&iter, changed);
  while (g_variant_iter_next (&iter, "{&sv}", &key, &value))
    {
      g_variant_dict_insert_value (&dict, key, value);
      g_variant_unref (value);
    }
  return g_variant_ref_sink (g_variant_dict_end (&dict));
}

static void
test_risk_needs_table (void)
{
  static const struct
  {
    const char *changes;
    int age;
    int wellbeing;
    const char *safety;
    int behaviour;
    const char *harm;
    int indicators;
    const char *exploitation;   /* suggested */
    const char *floor;          /* NULL: the constraint does not hold */
    guint required;             /* required items shown */
    guint missing;
  } table[] = {
    /* Nothing of note. 21 required items: substance-frequency is hidden. */
    { "'send': <'none'>", 15, 0, "low", 0, "low", 0, "none", NULL, 21, 0 },
    /* One indicator at 15: emerging, and no floor. */
    { "'exploitation-indicators': <['multiple-phones']>", 15, 0, "low", 0, "low", 1, "emerging", NULL, 21, 0 },
    /* The same at 12: the floor lifts the suggestion to moderate. */
    { "'exploitation-indicators': <['multiple-phones']>", 12, 0, "low", 0, "low", 1, "moderate", "moderate", 21, 0 },
    /* At 15 with a learning disability: the floor again. */
    { "'exploitation-indicators': <['guarded-bag']>, 'learning-disability': <'yes'>", 15,
      0, "low", 0, "low", 1, "moderate", "moderate", 21, 0 },
    /* A learning disability "not known" is not a learning disability. */
    { "'exploitation-indicators': <['guarded-bag']>, 'learning-disability': <'not-known'>", 15,
      0, "low", 0, "low", 1, "emerging", NULL, 21, 0 },
    /* Under 13 with no indicator: nothing to lift. */
    { "'send': <'ehcp'>", 11, 0, "low", 0, "low", 0, "none", NULL, 21, 0 },
    /* Four indicators suggest significant, above the floor, which stays moderate. */
    { "'exploitation-indicators': <['missing-school', 'excessive-calls', 'drug-language', 'unusual-travel']>", 12,
      0, "low", 0, "low", 4, "significant", "moderate", 21, 0 },
    /* An indicator listed twice counts once: 2, moderate. */
    { "'exploitation-indicators': <['self-harm', 'self-harm', 'carrying-weapons']>", 16,
      0, "low", 0, "low", 2, "moderate", NULL, 21, 0 },
    /* Wellbeing: abuse 2 + homeless 3 + mental health 2 + dependent use 2 = 9: very high.
     * substance-frequency is shown, so required: 22. */
    { "'family-domestic-abuse': <'yes'>, 'housing-situation': <'homeless'>, 'mental-health-concern': <'yes'>,"
      " 'substance-use-known': <'yes'>, 'substance-frequency': <'dependent'>", 15,
      9, "very-high", 0, "low", 0, "none", NULL, 22, 0 },
    /* Skip logic: the same with use "no"; the stale frequency is hidden, so
     * neither counted nor required: 2 + 3 + 2 = 7, high. */
    { "'family-domestic-abuse': <'yes'>, 'housing-situation': <'homeless'>, 'mental-health-concern': <'yes'>,"
      " 'substance-use-known': <'no'>, 'substance-frequency': <'dependent'>", 15,
      7, "high", 0, "low", 0, "none", NULL, 21, 0 },
    /* Use "yes" with no frequency yet: the shown item is missing. */
    { "'substance-use-known': <'yes'>", 15, 0, "low", 0, "low", 0, "none", NULL, 22, 1 },
    /* Behaviour: violence 2 = medium; + weapons 3 = 5, high; + friends 1 = 6, very high. */
    { "'violence': <'yes'>", 15, 0, "low", 2, "medium", 0, "none", NULL, 21, 0 },
    { "'violence': <'yes'>, 'weapons': <'yes'>", 15, 0, "low", 5, "high", 0, "none", NULL, 21, 0 },
    { "'violence': <'yes'>, 'weapons': <'yes'>, 'peers-offending': <'yes'>", 15, 0, "low", 6, "very-high",
      0, "none", NULL, 21, 0 },
    /* Family conflict 1 + supported housing 1 = 2: medium; "not known" counts nothing. */
    { "'family-conflict': <'yes'>, 'housing-situation': <'supported'>, 'mental-health-concern': <'not-known'>", 15,
      2, "medium", 0, "low", 0, "none", NULL, 21, 0 },
  };
  WmInstrument *drn = shipped (WM_INSTRUMENT_DIVERSION_RISK_NEEDS, 2);

  for (guint row = 0; row < G_N_ELEMENTS (table); row++)
    {
      g_autoptr(GVariant) answers = drn_answers (table[row].changes);
      g_autoptr(WmInstrumentScore) score = wm_instrument_score (drn, answers, table[row].age);
      const WmJudgementSuggestion *exploitation;

      g_test_message ("row %u", row);
      g_assert_true (wm_instrument_check_answers (drn, answers, FALSE, NULL));
      g_assert_cmpint (wm_instrument_score_get_domain (score, "wellbeing")->score, ==, table[row].wellbeing);
      g_assert_cmpstr (wm_instrument_score_get_suggestion (score, "safety-wellbeing")->suggested, ==,
                       table[row].safety);
      g_assert_cmpint (wm_instrument_score_get_domain (score, "behaviour")->score, ==, table[row].behaviour);
      g_assert_cmpstr (wm_instrument_score_get_suggestion (score, "serious-harm")->suggested, ==, table[row].harm);
      g_assert_cmpint (wm_instrument_score_get_domain (score, "exploitation")->score, ==, table[row].indicators);
      exploitation = wm_instrument_score_get_suggestion (score, "exploitation");
      g_assert_cmpstr (exploitation->suggested, ==, table[row].exploitation);
      g_assert_cmpstr (exploitation->floor, ==, table[row].floor);
      g_assert_cmpuint (score->fired->len, ==, table[row].floor != NULL ? 1 : 0);
      g_assert_null (wm_instrument_score_get_suggestion (score, "intervention-level")->suggested);
      g_assert_cmpuint (score->n_required, ==, table[row].required);
      g_assert_cmpuint (score->missing->len, ==, table[row].missing);
    }
}

/* Hidden items: the form asks what the answers so far make relevant. */
static void
test_shown_when (void)
{
  WmInstrument *drn = shipped (WM_INSTRUMENT_DIVERSION_RISK_NEEDS, 2);
  const WmInstrumentItem *types = wm_instrument_find_item (drn, "exploitation-types");
  const WmInstrumentItem *camhs = wm_instrument_find_item (drn, "mental-health-service");
  g_autoptr(GVariant) none = drn_answers ("'mental-health-concern': <'not-known'>");
  g_autoptr(GVariant) some = drn_answers ("'exploitation-indicators': <['drug-language']>,"
                                          " 'mental-health-concern': <'yes'>");

  g_assert_false (wm_instrument_item_is_shown (drn, types, none));
  g_assert_false (wm_instrument_item_is_shown (drn, camhs, none));
  g_assert_true (wm_instrument_item_is_shown (drn, types, some));
  g_assert_true (wm_instrument_item_is_shown (drn, camhs, some));
  g_assert_true (wm_instrument_item_is_shown (drn, wm_instrument_find_item (drn, "violence"), NULL));
}

static void
test_answer_checks (void)
{
  WmInstrument *drn = shipped (WM_INSTRUMENT_DIVERSION_RISK_NEEDS, 2);
  static const struct
  {
    const char *answers;
    gint code;
    const char *message;
  } cases[] = {
    { "{'housing-situation': <'castle'>}", WM_CORE_ERROR_UNKNOWN_VALUE,
      "The answer to “Where they live” is not one of its options. Choose one of them." },
    { "{'violence': <true>}", WM_CORE_ERROR_WRONG_TYPE,
      "The answer to “Violence towards others” is of the wrong kind. Answer it again." },
    { "{'missing-episodes': <1000>}", WM_CORE_ERROR_UNKNOWN_VALUE,
      "The answer to “Missing episodes in the last three months” must be from 0 to 999. Correct it." },
    { "{'exploitation-indicators': <['multiple-phones', 'tattoos']>}", WM_CORE_ERROR_UNKNOWN_VALUE,
      "The answer to “Indicators present” is not one of its options. Choose one of them." },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GVariant) answers = parse (cases[i].answers);
      g_autoptr(GError) error = NULL;

      g_assert_false (wm_instrument_check_answers (drn, answers, FALSE, &error));
      g_assert_error (error, WM_CORE_ERROR, cases[i].code);
      g_assert_cmpstr (error->message, ==, cases[i].message);
    }

  /* "Not known" is an answer to any item with fixed answers, a number too. */
  {
    g_autoptr(GVariant) ok = parse ("{'missing-episodes': <'not-known'>, 'own-words': <'I want to box.'>}");
    g_autoptr(GVariant) bad = parse ("{'learning-disability': <'maybe'>}");

    g_assert_true (wm_instrument_check_answers (drn, ok, FALSE, NULL));
    g_assert_false (wm_instrument_check_answers (drn, bad, FALSE, NULL));
  }

  /* Complete: the first required item unanswered is named. */
  {
    g_autoptr(GVariant) half = drn_answers ("'substance-use-known': <'yes'>");
    g_autoptr(GError) error = NULL;

    g_assert_false (wm_instrument_check_answers (drn, half, TRUE, &error));
    g_assert_error (error, WM_CORE_ERROR, WM_CORE_ERROR_MISSING);
    g_assert_cmpstr (error->message, ==, "The question “How often” has not been answered. Answer it before submitting.");
  }
}

static void
test_answers_from_json (void)
{
  WmInstrument *drn = shipped (WM_INSTRUMENT_DIVERSION_RISK_NEEDS, 2);
  g_autoptr(GVariant) answers = NULL;
  g_autoptr(GError) error = NULL;

  answers = wm_instrument_answers_from_json (drn, "{\"violence\": \"yes\", \"missing-episodes\": 3,"
                                             " \"exploitation-indicators\": [\"guarded-bag\"],"
                                             " \"nrm-status\": \"not-known\"}", &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_variant_n_children (answers), ==, 4);

  g_clear_pointer (&answers, g_variant_unref);
  answers = wm_instrument_answers_from_json (drn, "{\"violence\": 1}", &error);
  g_assert_null (answers);
  g_assert_error (error, WM_INSTRUMENT_ERROR, WM_INSTRUMENT_ERROR_ANSWER);
  g_clear_error (&error);
  answers = wm_instrument_answers_from_json (drn, "{\"height\": 170}", &error);
  g_assert_null (answers);
  g_assert_error (error, WM_INSTRUMENT_ERROR, WM_INSTRUMENT_ERROR_ANSWER);
}

/* The one door: an assessment is checked against the version it names. */
static void
test_assessment_check (void)
{
  g_autoptr(GVariant) answers = drn_answers ("'exploitation-indicators': <['multiple-phones']>");
  g_autofree char *answers_text = g_variant_print (answers, TRUE);
  static const struct
  {
    const char *extra;   /* judgements and rationale */
    guint age;
    gint code;           /* -1: accepted */
    const char *in_message;
  } cases[] = {
    /* Suggested: low, low, emerging. */
    { "'judgements': <{'safety-wellbeing': 'low', 'serious-harm': 'low', 'exploitation': 'emerging',"
      " 'intervention-level': 'light-touch'}>", 15, -1, NULL },
    /* Departing from a suggestion needs a rationale… */
    { "'judgements': <{'safety-wellbeing': 'medium', 'serious-harm': 'low', 'exploitation': 'emerging',"
      " 'intervention-level': 'light-touch'}>", 15, WM_CORE_ERROR_MISSING, "“Safety and wellbeing” departs" },
    /* …and is accepted with one. */
    { "'judgements': <{'safety-wellbeing': 'medium', 'serious-harm': 'low', 'exploitation': 'emerging',"
      " 'intervention-level': 'light-touch'}>, 'rationale': <'Sleeping badly since the move.'>", 15, -1, NULL },
    /* Under 13 with an indicator: below moderate is refused, rationale or not. */
    { "'judgements': <{'safety-wellbeing': 'low', 'serious-harm': 'low', 'exploitation': 'emerging',"
      " 'intervention-level': 'light-touch'}>, 'rationale': <'Seems fine.'>", 12, WM_CORE_ERROR_CONSTRAINT,
      "below moderate" },
    { "'judgements': <{'safety-wellbeing': 'low', 'serious-harm': 'low', 'exploitation': 'moderate',"
      " 'intervention-level': 'light-touch'}>", 12, -1, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = g_strdup_printf ("{'instrument': <'diversion-risk-needs'>, 'instrument-version': <uint32 2>,"
                                               " 'state': <'submitted'>, 'completed-on': <'2026-02-01'>,"
                                               " 'answers': <%s>, %s}", answers_text, cases[i].extra);
      g_autoptr(GVariant) assessment = parse (text);
      g_autoptr(GError) error = NULL;
      gboolean ok = wm_assessment_check (assessment, cases[i].age, &error);

      g_test_message ("case %u", i);
      if (cases[i].code < 0)
        {
          g_assert_no_error (error);
          g_assert_true (ok);
        }
      else
        {
          g_assert_false (ok);
          g_assert_error (error, WM_CORE_ERROR, cases[i].code);
          g_assert_nonnull (strstr (error->message, cases[i].in_message));
        }
    }

  /* A version this Waymark does not have is named, not guessed at. */
  {
    g_autoptr(GVariant) future = parse ("{'instrument': <'ace'>, 'instrument-version': <uint32 9>, 'state': <'draft'>}");
    g_autoptr(GError) error = NULL;

    g_assert_false (wm_assessment_check (future, 15, &error));
    g_assert_error (error, WM_INSTRUMENT_ERROR, WM_INSTRUMENT_ERROR_NOT_FOUND);
    g_assert_nonnull (strstr (error->message, "version 9"));
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/instrument/shipped", test_shipped);
  g_test_add_func ("/core/instrument/loader-accepts-base", test_loader_accepts_base);
  g_test_add_func ("/core/instrument/loader-rejects", test_loader_rejects);
  g_test_add_func ("/core/instrument/loader-reads-file", test_loader_reads_file);
  g_test_add_func ("/core/instrument/ace-table", test_ace_table);
  g_test_add_func ("/core/instrument/ace-versions", test_ace_versions);
  g_test_add_func ("/core/instrument/risk-needs-table", test_risk_needs_table);
  g_test_add_func ("/core/instrument/shown-when", test_shown_when);
  g_test_add_func ("/core/instrument/answer-checks", test_answer_checks);
  g_test_add_func ("/core/instrument/answers-from-json", test_answers_from_json);
  g_test_add_func ("/core/instrument/assessment-check", test_assessment_check);

  return g_test_run ();
}
