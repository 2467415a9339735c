/* wm-case.c — one young person's case as a caseload row: an object lists can sort and filter
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A GtkColumnView sorts and filters objects, not structs or strings, so
 * each line of the store's caseload becomes a WmCase: made once, off the
 * main thread, from the caseload entry, with everything a row shows and a
 * filter asks worked out at construction (age, overdue review, days since
 * contact, the folded text search looks in). It is a snapshot: the list is
 * made again after a write, and dropped whole when the window locks.
 *
 * Vocabulary fields hold the stored ids ("very-high"); the row shows their
 * labels (wm_term_get_label()).
 */

#define G_LOG_DOMAIN "wm-case"

#include "config.h"

#include <string.h>

#include "wm-assessment.h"
#include "wm-case.h"
#include "wm-casework.h"
#include "wm-date.h"
#include "wm-payload.h"
#include "wm-person.h"
#include "wm-term.h"

struct _WmCase
{
  GObject    parent_instance;

  gint64     id;
  char      *reference;
  gint64     caseworker_id;
  char      *profile_fields[7]; /* as profile_keys: what the caseload holds */
  GVariant  *profile;          /* made from them when first asked for */
  char      *display_name;
  int        age;              /* -1: no valid date of birth */
  char      *local_authority;
  char      *programme;
  char      *status;
  char      *levels[3];        /* safety-wellbeing, serious-harm, exploitation */
  char      *next_review;
  gboolean   review_overdue;
  int        days_since_contact;  /* -1: no contact recorded */
  gboolean   unreadable;
  char      *search_text;      /* folded name and reference */
  char      *name_key;         /* the display name's collation key */
};

G_DEFINE_FINAL_TYPE (WmCase, wm_case, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_REFERENCE,
  PROP_DISPLAY_NAME,
  PROP_AGE,
  PROP_LOCAL_AUTHORITY,
  PROP_PROGRAMME,
  PROP_STATUS,
  PROP_SAFETY_WELLBEING,
  PROP_SERIOUS_HARM,
  PROP_EXPLOITATION,
  PROP_NEXT_REVIEW,
  PROP_REVIEW_OVERDUE,
  PROP_DAYS_SINCE_CONTACT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const level_judgements[] = {
  WM_JUDGEMENT_SAFETY_WELLBEING,
  WM_JUDGEMENT_SERIOUS_HARM,
  WM_JUDGEMENT_EXPLOITATION,
};

static int
level_slot (const char *judgement)
{
  for (guint i = 0; i < G_N_ELEMENTS (level_judgements); i++)
    if (g_strcmp0 (judgement, level_judgements[i]) == 0)
      return i;
  return -1;
}

/**
 * wm_case_fold_query:
 *
 * The form search compares in: NFKD without combining marks, case-folded,
 * so "sian" finds "Siân" and "SIÂN", and a query typed either way matches.
 */
char *
wm_case_fold_query (const char *text)
{
  g_autofree char *decomposed = NULL;
  g_autofree char *folded = NULL;
  GString *bare;

  if (text == NULL)
    return g_strdup ("");
  decomposed = g_utf8_normalize (text, -1, G_NORMALIZE_ALL);
  if (decomposed == NULL)
    return g_strdup ("");
  folded = g_utf8_casefold (decomposed, -1);
  bare = g_string_sized_new (strlen (folded));
  for (const char *p = folded; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      GUnicodeType type = g_unichar_type (c);

      if (type != G_UNICODE_NON_SPACING_MARK && type != G_UNICODE_SPACING_MARK
          && type != G_UNICODE_ENCLOSING_MARK)
        g_string_append_unichar (bare, c);
    }
  return g_string_free (bare, FALSE);
}

/* The profile fields a row shows and the duplicate check compares. */
static const char * const profile_keys[] = {
  WM_PROFILE_GIVEN_NAME, WM_PROFILE_FAMILY_NAME, WM_PROFILE_PREFERRED_NAME, WM_PROFILE_DATE_OF_BIRTH,
  WM_PROFILE_LOCAL_AUTHORITY, WM_PROFILE_PROGRAMME, WM_PROFILE_STATUS, NULL
};
enum { GIVEN, FAMILY, PREFERRED, DATE_OF_BIRTH, LOCAL_AUTHORITY, PROGRAMME, STATUS };

G_STATIC_ASSERT (G_N_ELEMENTS (profile_keys) == G_N_ELEMENTS (((WmCase *) NULL)->profile_fields) + 1);

static int
key_slot (const char * const *keys,
          const char         *key)
{
  for (int i = 0; keys[i] != NULL; i++)
    if (strcmp (keys[i], key) == 0)
      return i;
  return -1;
}

/* The string values of @keys in @dictionary, copied into @out in one
 * walk of it. Each g_variant_lookup_value() walks the whole dictionary
 * and takes GLib's type-info lock, and a row wants a dozen fields: over
 * 10,000 rows, looking them up one at a time cost more than the store's
 * whole caseload. A value that is not a string is left out. */
static void
read_strings (GVariant           *dictionary,
              const char * const *keys,
              char              **out)
{
  GVariantIter iter;
  const char *key;
  GVariant *value;

  g_variant_iter_init (&iter, dictionary);
  while (g_variant_iter_next (&iter, "{&sv}", &key, &value))
    {
      int slot = key_slot (keys, key);

      if (slot >= 0 && out[slot] == NULL && g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
        out[slot] = g_variant_dup_string (value, NULL);
      g_variant_unref (value);
    }
}

/* The levels judged and the next review of an assessment, in one walk. */
static void
read_assessment (WmCase   *self,
                 GVariant *assessment)
{
  GVariantIter iter;
  const char *key;
  GVariant *value;

  g_variant_iter_init (&iter, assessment);
  while (g_variant_iter_next (&iter, "{&sv}", &key, &value))
    {
      if (strcmp (key, WM_ASSESSMENT_NEXT_REVIEW) == 0 && self->next_review == NULL
          && g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
        self->next_review = g_variant_dup_string (value, NULL);
      else if (strcmp (key, WM_ASSESSMENT_JUDGEMENTS) == 0 && g_variant_is_of_type (value, G_VARIANT_TYPE ("a{ss}")))
        {
          GVariantIter judgements;
          const char *judgement, *level;

          g_variant_iter_init (&judgements, value);
          while (g_variant_iter_next (&judgements, "{&s&s}", &judgement, &level))
            {
              int slot = level_slot (judgement);

              if (slot >= 0 && self->levels[slot] == NULL)
                self->levels[slot] = g_strdup (level);
            }
        }
      g_variant_unref (value);
    }
}

/**
 * wm_case_new_from_entry:
 * @today: the day ages, overdue reviews and days since contact count from
 *
 * Returns: (transfer full): the row for one line of the caseload
 */
WmCase *
wm_case_new_from_entry (const WmCaseloadEntry *entry,
                        const GDate           *today)
{
  WmCase *self;
  g_autofree char *haystack = NULL;
  guint years;
  GDate date;

  g_return_val_if_fail (entry != NULL, NULL);
  g_return_val_if_fail (today != NULL && g_date_valid (today), NULL);

  self = g_object_new (WM_TYPE_CASE, NULL);
  self->id = entry->info.id;
  self->reference = g_strdup (entry->info.reference);
  self->caseworker_id = entry->info.assigned_to;
  self->unreadable = entry->profile == NULL;
  self->age = -1;
  self->days_since_contact = -1;

  if (entry->profile != NULL)
    {
      char **fields = self->profile_fields;

      read_strings (entry->profile, profile_keys, fields);
      self->display_name = wm_person_format_display_name (fields[PREFERRED], fields[GIVEN], fields[FAMILY]);
      if (fields[DATE_OF_BIRTH] != NULL && wm_date_age_from_iso (fields[DATE_OF_BIRTH], today, &years, NULL))
        self->age = years;
      self->local_authority = g_strdup (fields[LOCAL_AUTHORITY]);
      self->programme = g_strdup (fields[PROGRAMME]);
      /* Old ids ("open", "paused") read as the statuses they became. */
      self->status = g_strdup (wm_term_alias_resolve (wm_case_status_aliases, fields[STATUS]));
    }
  else
    {
      /* The reference stands in for a name the store could not open. */
      self->display_name = g_strdup (entry->info.reference);
    }

  if (entry->latest_assessment != NULL)
    {
      read_assessment (self, entry->latest_assessment);
      if (self->next_review != NULL && wm_date_parse_iso (self->next_review, &date, NULL))
        self->review_overdue = g_date_compare (&date, today) < 0;
    }

  if (entry->last_contact_on != NULL && wm_date_parse_iso (entry->last_contact_on, &date, NULL)
      && g_date_compare (&date, today) <= 0)
    self->days_since_contact = g_date_days_between (&date, today);

  haystack = g_strjoin ("\n", self->display_name, self->reference, self->profile_fields[GIVEN], NULL);
  self->search_text = wm_case_fold_query (haystack);
  /* Sorting 10,000 names by g_utf8_collate() normalises both at each of
   * ~140,000 comparisons; the key is made once, here, off the main thread. */
  self->name_key = g_utf8_collate_key (self->display_name, -1);
  return self;
}

/**
 * wm_case_matches:
 * @folded_query: a query folded with wm_case_fold_query()
 *
 * Whether the name (preferred or given, and family), or the reference,
 * contains the query.
 */
gboolean
wm_case_matches (WmCase     *self,
                 const char *folded_query)
{
  g_return_val_if_fail (WM_IS_CASE (self), FALSE);

  return folded_query == NULL || *folded_query == '\0' || strstr (self->search_text, folded_query) != NULL;
}

gint64
wm_case_get_id (WmCase *self)
{
  g_return_val_if_fail (WM_IS_CASE (self), 0);
  return self->id;
}

const char *
wm_case_get_reference (WmCase *self)
{
  g_return_val_if_fail (WM_IS_CASE (self), NULL);
  return self->reference;
}

gint64
wm_case_get_caseworker_id (WmCase *self)
{
  g_return_val_if_fail (WM_IS_CASE (self), 0);
  return self->caseworker_id;
}

/**
 * wm_case_get_name_key:
 *
 * Returns: the display name's collation key (g_utf8_collate_key()): two
 *   cases sort by name as strcmp() orders their keys
 */
const char *
wm_case_get_name_key (WmCase *self)
{
  g_return_val_if_fail (WM_IS_CASE (self), NULL);
  return self->name_key;
}

const char *
wm_case_get_display_name (WmCase *self)
{
  g_return_val_if_fail (WM_IS_CASE (self), NULL);
  return self->display_name;
}

/**
 * wm_case_get_profile:
 *
 * Returns: (transfer none) (nullable): the profile's names, date of birth,
 *   area, programme and status, or %NULL when unreadable
 */
GVariant *
wm_case_get_profile (WmCase *self)
{
  GVariantDict dict;

  g_return_val_if_fail (WM_IS_CASE (self), NULL);

  if (self->profile != NULL || self->unreadable)
    return self->profile;
  /* Made on the first call: most rows are never asked. */
  g_variant_dict_init (&dict, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (self->profile_fields); i++)
    if (self->profile_fields[i] != NULL)
      g_variant_dict_insert (&dict, profile_keys[i], "s", self->profile_fields[i]);
  self->profile = g_variant_ref_sink (g_variant_dict_end (&dict));
  return self->profile;
}

int
wm_case_get_age (WmCase *self)
{
  g_return_val_if_fail (WM_IS_CASE (self), -1);
  return self->age;
}

const char *
wm_case_get_local_authority (WmCase *self)
{
  g_return_val_if_fail (WM_IS_CASE (self), NULL);
  return self->local_authority;
}

const char *
wm_case_get_programme (WmCase *self)
{
  g_return_val_if_fail (WM_IS_CASE (self), NULL);
  return self->programme;
}

const char *
wm_case_get_status (WmCase *self)
{
  g_return_val_if_fail (WM_IS_CASE (self), NULL);
  return self->status;
}

/**
 * wm_case_get_level:
 * @judgement: WM_JUDGEMENT_SAFETY_WELLBEING, _SERIOUS_HARM or _EXPLOITATION
 *
 * Returns: (nullable): the level id of the latest assessment's judgement
 */
const char *
wm_case_get_level (WmCase     *self,
                   const char *judgement)
{
  int slot = level_slot (judgement);

  g_return_val_if_fail (WM_IS_CASE (self), NULL);
  g_return_val_if_fail (slot >= 0, NULL);
  return self->levels[slot];
}

/**
 * wm_case_get_level_rank:
 *
 * Returns: the level's place on its scale from 0 (low, none), or -1 when
 *   no level is recorded: what a sort by risk compares.
 */
int
wm_case_get_level_rank (WmCase     *self,
                        const char *judgement)
{
  const char *level = wm_case_get_level (self, judgement);

  if (level == NULL)
    return -1;
  return g_str_equal (judgement, WM_JUDGEMENT_EXPLOITATION)
         ? wm_term_index (wm_exploitation_levels, level)
         : wm_term_index (wm_risk_levels, level);
}

const char *
wm_case_get_next_review (WmCase *self)
{
  g_return_val_if_fail (WM_IS_CASE (self), NULL);
  return self->next_review;
}

gboolean
wm_case_get_review_overdue (WmCase *self)
{
  g_return_val_if_fail (WM_IS_CASE (self), FALSE);
  return self->review_overdue;
}

int
wm_case_get_days_since_contact (WmCase *self)
{
  g_return_val_if_fail (WM_IS_CASE (self), -1);
  return self->days_since_contact;
}

gboolean
wm_case_get_unreadable (WmCase *self)
{
  g_return_val_if_fail (WM_IS_CASE (self), FALSE);
  return self->unreadable;
}

static void
wm_case_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  WmCase *self = WM_CASE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_REFERENCE:
      g_value_set_string (value, self->reference);
      break;
    case PROP_DISPLAY_NAME:
      g_value_set_string (value, self->display_name);
      break;
    case PROP_AGE:
      g_value_set_int (value, self->age);
      break;
    case PROP_LOCAL_AUTHORITY:
      g_value_set_string (value, self->local_authority);
      break;
    case PROP_PROGRAMME:
      g_value_set_string (value, self->programme);
      break;
    case PROP_STATUS:
      g_value_set_string (value, self->status);
      break;
    case PROP_SAFETY_WELLBEING:
    case PROP_SERIOUS_HARM:
    case PROP_EXPLOITATION:
      g_value_set_string (value, self->levels[prop_id - PROP_SAFETY_WELLBEING]);
      break;
    case PROP_NEXT_REVIEW:
      g_value_set_string (value, self->next_review);
      break;
    case PROP_REVIEW_OVERDUE:
      g_value_set_boolean (value, self->review_overdue);
      break;
    case PROP_DAYS_SINCE_CONTACT:
      g_value_set_int (value, self->days_since_contact);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wm_case_finalize (GObject *object)
{
  WmCase *self = WM_CASE (object);

  g_free (self->reference);
  g_clear_pointer (&self->profile, g_variant_unref);
  for (guint i = 0; i < G_N_ELEMENTS (self->profile_fields); i++)
    g_free (self->profile_fields[i]);
  g_free (self->display_name);
  g_free (self->local_authority);
  g_free (self->programme);
  g_free (self->status);
  for (guint i = 0; i < G_N_ELEMENTS (self->levels); i++)
    g_free (self->levels[i]);
  g_free (self->next_review);
  g_free (self->search_text);
  g_free (self->name_key);

  G_OBJECT_CLASS (wm_case_parent_class)->finalize (object);
}

static void
wm_case_class_init (WmCaseClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = wm_case_finalize;
  object_class->get_property = wm_case_get_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_REFERENCE] = g_param_spec_string ("reference", NULL, NULL, NULL, flags);
  properties[PROP_DISPLAY_NAME] = g_param_spec_string ("display-name", NULL, NULL, NULL, flags);
  properties[PROP_AGE] = g_param_spec_int ("age", NULL, NULL, -1, G_MAXINT, -1, flags);
  properties[PROP_LOCAL_AUTHORITY] = g_param_spec_string ("local-authority", NULL, NULL, NULL, flags);
  properties[PROP_PROGRAMME] = g_param_spec_string ("programme", NULL, NULL, NULL, flags);
  properties[PROP_STATUS] = g_param_spec_string ("status", NULL, NULL, NULL, flags);
  properties[PROP_SAFETY_WELLBEING] = g_param_spec_string ("safety-wellbeing", NULL, NULL, NULL, flags);
  properties[PROP_SERIOUS_HARM] = g_param_spec_string ("serious-harm", NULL, NULL, NULL, flags);
  properties[PROP_EXPLOITATION] = g_param_spec_string ("exploitation", NULL, NULL, NULL, flags);
  properties[PROP_NEXT_REVIEW] = g_param_spec_string ("next-review", NULL, NULL, NULL, flags);
  properties[PROP_REVIEW_OVERDUE] = g_param_spec_boolean ("review-overdue", NULL, NULL, FALSE, flags);
  properties[PROP_DAYS_SINCE_CONTACT] = g_param_spec_int ("days-since-contact", NULL, NULL,
                                                          -1, G_MAXINT, -1, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
wm_case_init (WmCase *self)
{
}
