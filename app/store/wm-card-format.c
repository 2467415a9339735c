/* wm-card-format.c — a caseload card's plaintext: what a caseload row shows
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A caseload row needs a handful of fields: names, date of birth, area,
 * programme and status from the profile, the levels, state and next review
 * of the latest assessment, and the date of the newest contact. Decoding
 * whole profiles and assessments for them cost ~40 µs a row; a card holds
 * just those, so a caseload of ten thousand reads ten thousand small
 * dictionaries instead. The keys are app/core's; values are copied as the
 * records hold them, whatever their type, and the caller reads them as it
 * would read the record.
 */

#define G_LOG_DOMAIN "wm-card"

#include "config.h"

#include <string.h>

#include "wm-assessment.h"
#include "wm-card-format.h"
#include "wm-casework.h"
#include "wm-person.h"

static const char *const profile_keys[] = {
  WM_PROFILE_GIVEN_NAME,
  WM_PROFILE_FAMILY_NAME,
  WM_PROFILE_PREFERRED_NAME,
  WM_PROFILE_DATE_OF_BIRTH,
  WM_PROFILE_LOCAL_AUTHORITY,
  WM_PROFILE_PROGRAMME,
  WM_PROFILE_STATUS,
};

static const char *const assessment_keys[] = {
  WM_ASSESSMENT_JUDGEMENTS,
  WM_ASSESSMENT_STATE,
  WM_ASSESSMENT_NEXT_REVIEW,
};

/* The keys of @dict (an a{sv}, whole or already a card's part) that are
 * in @keys, in @keys' order. */
static GVariant *
subset (GVariant          *dict,
        const char *const *keys,
        gsize              n_keys)
{
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
  for (gsize i = 0; dict != NULL && i < n_keys; i++)
    {
      g_autoptr(GVariant) value = g_variant_lookup_value (dict, keys[i], NULL);

      if (value != NULL)
        g_variant_builder_add (&builder, "{sv}", keys[i], value);
    }
  return g_variant_builder_end (&builder);
}

static gboolean
is_iso_date (const char *text)
{
  guint year, month, day;

  if (text == NULL || strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return FALSE;
  for (guint i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (text[i]))
      return FALSE;
  year = (guint) g_ascii_strtoull (text, NULL, 10);
  month = (guint) g_ascii_strtoull (text + 5, NULL, 10);
  day = (guint) g_ascii_strtoull (text + 8, NULL, 10);
  return g_date_valid_dmy (day, month, year);
}

/**
 * wm_card_contact_date:
 * @contact: (nullable): a contact record's payload
 *
 * Returns: (transfer full) (nullable): its date, when it is a valid
 *   YYYY-MM-DD
 */
char *
wm_card_contact_date (GVariant *contact)
{
  const char *date = NULL;

  if (contact == NULL || !g_variant_lookup (contact, WM_CONTACT_DATE, "&s", &date) || !is_iso_date (date))
    return NULL;
  return g_strdup (date);
}

/**
 * wm_card_build:
 * @profile: (nullable): the current profile, whole or a card's part
 * @assessment: (nullable): the latest assessment, whole or a card's part
 * @last_contact_on: (nullable): the newest contact's date
 *
 * Returns: (transfer full): a card, in normal form
 */
GVariant *
wm_card_build (GVariant   *profile,
               GVariant   *assessment,
               const char *last_contact_on)
{
  g_autoptr(GVariant) card = NULL;
  GVariant *children[3];

  children[0] = subset (profile, profile_keys, G_N_ELEMENTS (profile_keys));
  children[1] = g_variant_new_maybe (G_VARIANT_TYPE_VARDICT,
                                     assessment != NULL
                                     ? subset (assessment, assessment_keys, G_N_ELEMENTS (assessment_keys))
                                     : NULL);
  children[2] = g_variant_new_maybe (G_VARIANT_TYPE_STRING,
                                     is_iso_date (last_contact_on) ? g_variant_new_string (last_contact_on)
                                                                   : NULL);
  card = g_variant_ref_sink (g_variant_new_tuple (children, G_N_ELEMENTS (children)));
  return g_variant_get_normal_form (card);
}

/**
 * wm_card_from_bytes:
 * @bytes: a card's serialised bytes, as stored or decrypted
 *
 * Returns: (transfer full) (nullable): the card, or %NULL when the bytes
 *   are not a card in normal form (the file is untrusted input)
 */
GVariant *
wm_card_from_bytes (GBytes *bytes)
{
  g_autoptr(GVariant) card = NULL;

  card = g_variant_ref_sink (g_variant_new_from_bytes (G_VARIANT_TYPE (WM_CARD_TYPE), bytes, FALSE));
  if (!g_variant_is_normal_form (card))
    return NULL;
  return g_steal_pointer (&card);
}

/**
 * wm_card_unpack:
 * @out_profile: (out) (transfer full): the profile's part, an a{sv}
 * @out_assessment: (out) (transfer full) (nullable): the assessment's
 * @out_last_contact_on: (out) (transfer full) (nullable): the date
 *
 * The parts share the card's memory, so a card decrypted into memory that
 * is wiped when freed stays there.
 */
void
wm_card_unpack (GVariant  *card,
                GVariant **out_profile,
                GVariant **out_assessment,
                char     **out_last_contact_on)
{
  g_autoptr(GVariant) assessment = g_variant_get_child_value (card, 1);
  g_autoptr(GVariant) contact = g_variant_get_child_value (card, 2);
  g_autoptr(GVariant) date = g_variant_get_maybe (contact);

  *out_profile = g_variant_get_child_value (card, 0);
  *out_assessment = g_variant_get_maybe (assessment);
  /* Checked again: a card is only as good as whoever wrote it. */
  *out_last_contact_on = date != NULL && is_iso_date (g_variant_get_string (date, NULL))
                         ? g_variant_dup_string (date, NULL) : NULL;
}
