/* wm-payload.c — reading and checking the fields of a record's a{sv} payload
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wm-core"

#include "config.h"

#include <glib/gi18n.h>

#include "wm-date.h"
#include "wm-payload.h"

static gboolean
is_vardict (GVariant *payload)
{
  return payload != NULL && g_variant_is_of_type (payload, G_VARIANT_TYPE_VARDICT);
}

/**
 * wm_payload_get_string:
 * @payload: (nullable): an a{sv} payload
 * @key: a field
 *
 * A payload built in memory (not yet serialised) drops its children when
 * something serialises it, such as the store sealing it: copy the string
 * before handing @payload on if it must outlive that.
 *
 * Returns: (nullable) (transfer none): the string held at @key, valid as
 *   long as @payload is and is not serialised, or %NULL when absent or
 *   not a string
 */
const char *
wm_payload_get_string (GVariant   *payload,
                       const char *key)
{
  const char *value = NULL;

  g_return_val_if_fail (key != NULL, NULL);

  if (!is_vardict (payload))
    return NULL;

  /* "&s" points into @payload's own serialised data, so nothing is
   * copied and nothing needs freeing. */
  if (!g_variant_lookup (payload, key, "&s", &value))
    return NULL;
  return value;
}

/**
 * wm_payload_get_int:
 * @payload: (nullable): an a{sv} payload
 * @key: a field
 * @out_value: (out): the value
 *
 * Returns: %TRUE when @key holds an int32
 */
gboolean
wm_payload_get_int (GVariant   *payload,
                    const char *key,
                    gint32     *out_value)
{
  g_return_val_if_fail (key != NULL, FALSE);
  g_return_val_if_fail (out_value != NULL, FALSE);

  return is_vardict (payload) && g_variant_lookup (payload, key, "i", out_value);
}

/**
 * wm_payload_get_uint:
 * @payload: (nullable): an a{sv} payload
 * @key: a field
 * @out_value: (out): the value
 *
 * Returns: %TRUE when @key holds a uint32
 */
gboolean
wm_payload_get_uint (GVariant   *payload,
                     const char *key,
                     guint32    *out_value)
{
  g_return_val_if_fail (key != NULL, FALSE);
  g_return_val_if_fail (out_value != NULL, FALSE);

  return is_vardict (payload) && g_variant_lookup (payload, key, "u", out_value);
}

/**
 * wm_payload_get_boolean:
 * @payload: (nullable): an a{sv} payload
 * @key: a field
 * @default_value: what to answer when @key holds no boolean
 *
 * Returns: the boolean at @key, or @default_value
 */
gboolean
wm_payload_get_boolean (GVariant   *payload,
                        const char *key,
                        gboolean    default_value)
{
  gboolean value;

  g_return_val_if_fail (key != NULL, default_value);

  if (is_vardict (payload) && g_variant_lookup (payload, key, "b", &value))
    return value;
  return default_value;
}

/**
 * wm_payload_get_value:
 * @payload: (nullable): an a{sv} payload
 * @key: a field
 * @type: the container type expected, such as "a{ss}" or "as"
 *
 * Returns: (nullable) (transfer full): the value at @key when it is of
 *   @type, or %NULL
 */
GVariant *
wm_payload_get_value (GVariant           *payload,
                     const char         *key,
                     const GVariantType *type)
{
  g_return_val_if_fail (key != NULL, NULL);
  g_return_val_if_fail (type != NULL, NULL);

  if (!is_vardict (payload))
    return NULL;
  return g_variant_lookup_value (payload, key, type);
}

/**
 * wm_payload_check_type:
 * @payload: an a{sv} payload
 * @key: a field
 * @type: the type @key must hold when present
 * @required: whether @key must be present
 * @error: return location for a #WM_CORE_ERROR
 *
 * Returns: %TRUE when @key is absent and not @required, or holds @type
 */
gboolean
wm_payload_check_type (GVariant           *payload,
                       const char         *key,
                       const GVariantType *type,
                       gboolean            required,
                       GError            **error)
{
  g_autoptr(GVariant) value = NULL;

  g_return_val_if_fail (is_vardict (payload), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);
  g_return_val_if_fail (type != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  value = g_variant_lookup_value (payload, key, NULL);
  if (value == NULL)
    {
      if (!required)
        return TRUE;
      g_set_error (error, WM_CORE_ERROR, WM_CORE_ERROR_MISSING,
                   _("The field “%s” is missing. Fill it in and save again."), key);
      return FALSE;
    }

  if (!g_variant_is_of_type (value, type))
    {
      g_set_error (error, WM_CORE_ERROR, WM_CORE_ERROR_WRONG_TYPE,
                   _("The field “%s” holds a value of type “%s” where “%.*s” belongs. "
                     "The record was written by another program; re-enter the field."),
                   key, g_variant_get_type_string (value),
                   (int) g_variant_type_get_string_length (type),
                   g_variant_type_peek_string (type));
      return FALSE;
    }
  return TRUE;
}

/**
 * wm_payload_check_text:
 * @payload: an a{sv} payload
 * @key: a field
 * @required: whether @key must hold some text
 * @error: return location for a #WM_CORE_ERROR
 *
 * Text must be valid UTF-8 (GVariant already insists) and, when required,
 * more than white space.
 *
 * Returns: %TRUE when the field is acceptable
 */
gboolean
wm_payload_check_text (GVariant    *payload,
                       const char  *key,
                       gboolean     required,
                       GError     **error)
{
  const char *text;

  if (!wm_payload_check_type (payload, key, G_VARIANT_TYPE_STRING, required, error))
    return FALSE;

  text = wm_payload_get_string (payload, key);
  if (required)
    {
      gboolean blank = TRUE;

      for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
        {
          if (!g_unichar_isspace (g_utf8_get_char (p)))
            {
              blank = FALSE;
              break;
            }
        }
      if (blank)
        {
          g_set_error (error, WM_CORE_ERROR, WM_CORE_ERROR_MISSING,
                       _("The field “%s” is empty. Fill it in and save again."), key);
          return FALSE;
        }
    }
  return TRUE;
}

/**
 * wm_payload_check_term:
 * @payload: an a{sv} payload
 * @key: a field
 * @terms: the vocabulary the field takes its value from
 * @required: whether @key must be present
 * @error: return location for a #WM_CORE_ERROR
 *
 * Returns: %TRUE when the field is absent (and not @required) or holds
 *   the id of one of @terms
 */
gboolean
wm_payload_check_term (GVariant      *payload,
                       const char    *key,
                       const WmTerm  *terms,
                       gboolean       required,
                       GError       **error)
{
  const char *id;

  g_return_val_if_fail (terms != NULL, FALSE);

  if (!wm_payload_check_type (payload, key, G_VARIANT_TYPE_STRING, required, error))
    return FALSE;

  id = wm_payload_get_string (payload, key);
  if (id != NULL && wm_term_find (terms, id) == NULL)
    {
      g_autofree char *allowed = wm_term_join_ids (terms, ", ");

      /* The ids of a vocabulary are not personal data, so the wrong one
       * is named: it is the quickest way to spot a typing slip. */
      g_set_error (error, WM_CORE_ERROR, WM_CORE_ERROR_UNKNOWN_VALUE,
                   _("The field “%s” holds “%s”, which is not one of: %s. Choose one of those."),
                   key, id, allowed);
      return FALSE;
    }
  return TRUE;
}

/**
 * wm_payload_check_date:
 * @payload: an a{sv} payload
 * @key: a field
 * @required: whether @key must be present
 * @error: return location for a #WM_CORE_ERROR
 *
 * Returns: %TRUE when the field is absent (and not @required) or holds a
 *   real date as "YYYY-MM-DD"
 */
gboolean
wm_payload_check_date (GVariant    *payload,
                       const char  *key,
                       gboolean     required,
                       GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  const char *text;
  GDate date;

  if (!wm_payload_check_type (payload, key, G_VARIANT_TYPE_STRING, required, error))
    return FALSE;

  text = wm_payload_get_string (payload, key);
  if (text != NULL && !wm_date_parse_iso (text, &date, &local_error))
    {
      g_set_error (error, WM_CORE_ERROR, WM_CORE_ERROR_INVALID_DATE,
                   /* Translators: the first %s is a field name, the
                    * second says what is wrong with the date. */
                   _("The field “%s” is not a valid date. %s"),
                   key, local_error->message);
      return FALSE;
    }
  return TRUE;
}
