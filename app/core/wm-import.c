/* wm-import.c — young people read from a CSV file, checked, ready to create
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A referral list kept in a spreadsheet becomes one profile per row. This
 * file only reads and checks: it writes nothing, so the window can show a
 * preview and waymark-cli a dry run, and whoever accepts the valid rows
 * hands wm_import_dup_profiles() to wm_casebook_create_people(), which
 * writes them in one transaction.
 *
 * The file is untrusted input. The CSV grammar is RFC 4180's, parsed by
 * libcsv in strict mode (quoted values with commas, doubled quotes and line
 * breaks). The text is UTF-8, with or without a byte order mark, or, when
 * it is not valid UTF-8, Windows-1252, which is what Excel's plain "CSV"
 * writes on a British Windows; what was found is reported, so a person
 * who sees "Ã©" for "é" knows why. Sizes are bounded (wm-import.h) before
 * anything grows with them.
 *
 * Every row is reported by the physical line it starts on — a quoted line
 * break makes a record span lines — so a person can find it in the editor
 * they saved it from. The reasons never repeat a value from the file: it
 * may be a child's name or date of birth, and messages reach logs and
 * screenshots. The line and the column are enough to find it.
 */

#define G_LOG_DOMAIN "wm-import"

#include "config.h"

#include <string.h>

#include <csv.h>
#include <glib/gi18n.h>

#include "wm-date.h"
#include "wm-import.h"
#include "wm-payload.h"
#include "wm-person.h"

G_DEFINE_QUARK (wm-import-error-quark, wm_import_error)

/* Feeding libcsv a bounded piece at a time bounds its value buffer too:
 * a value over the limit is caught within one piece of passing it. */
#define PIECE_SIZE 16384

/* Headers are compared folded (see fold()): lower case, "&" read as
 * "and", anything in brackets and everything but letters and digits
 * dropped, so "Date of Birth (dd/mm/yyyy)", "date_of_birth" and "DOB" all
 * match. A column names a field by the field's key ("date-of-birth", so a
 * file Waymark wrote reads back), its label in English or in the language
 * Waymark runs in, or one of the spellings below that spreadsheets use. */
typedef struct
{
  const char *key;
  const char *headers;  /* folded, separated by "|" */
} HeaderAliases;

static const HeaderAliases header_aliases[] = {
  { WM_PROFILE_GIVEN_NAME, "firstname|firstnames|forename|forenames|first|givennames|christianname" },
  { WM_PROFILE_FAMILY_NAME, "surname|lastname|last" },
  { WM_PROFILE_PREFERRED_NAME, "knownas|preferred|nickname|preferredfirstname" },
  { WM_PROFILE_PRONOUNS, "pronoun" },
  { WM_PROFILE_DATE_OF_BIRTH, "dob|birthdate|birthday|born" },
  { WM_PROFILE_SEX, "sexatbirth|sexassignedatbirth|legalsex" },
  { WM_PROFILE_GENDER, "genderidentity" },
  { WM_PROFILE_ETHNICITY, "ethnicgroup|ethnicorigin|ethnicbackground" },
  { WM_PROFILE_ETHNICITY_SELF_DESCRIBED, "selfdescribed|ethnicityselfdescribed" },
  { WM_PROFILE_ADDRESS, "homeaddress|postaladdress" },
  { WM_PROFILE_LOCAL_AUTHORITY, "la|council|localauthorityarea|authority" },
  { WM_PROFILE_SCHOOL, "college|schoolcollege|schoolname|educationprovider" },
  { WM_PROFILE_EDUCATION_STATUS, "education" },
  { WM_PROFILE_PARENT_CARER, "parentcarer|parentorguardian|parentguardian|guardian|carer" },
  { WM_PROFILE_OTHER_PROFESSIONALS, "professionals|professionalsinvolved" },
  { WM_PROFILE_SOCIAL_CARE_STATUS, "socialcarestatus|socialcare|childrenssocialcare|cscstatus" },
  { WM_PROFILE_SEND, "send|sen|senstatus|sendstatus|specialeducationalneeds" },
  { WM_PROFILE_SPEECH_LANGUAGE, "slcn|speechandlanguage|speechandlanguageneeds|speechlanguage" },
  { WM_PROFILE_NEURODIVERGENCE, "neurodivergent" },
  { WM_PROFILE_LEARNING_DISABILITY, "ld" },
  { WM_PROFILE_REFERRAL_SOURCE, "referralsource|source|sourceofreferral|referrer" },
  { WM_PROFILE_REFERRED_ON, "referraldate|dateofreferral|referralreceived|datereceived" },
  { WM_PROFILE_REFERRAL_REASON, "referralreason|reason" },
  { WM_PROFILE_PROGRAMME, "program|intervention" },
  { WM_PROFILE_CONSENT, "consentgiven|consenttoservice|agreed" },
  { WM_PROFILE_CONSENT_ON, "consentdate|dateofconsent|consentgivenon" },
  { WM_PROFILE_STATUS, "status" },
};

/* A young person who arrives on a referral list has been referred. */
#define DEFAULT_STATUS WM_CASE_STATUS_REFERRED

struct _WmImport
{
  GObject           parent_instance;

  WmImportEncoding  encoding;
  GPtrArray        *columns;  /* WmImportColumn */
  GPtrArray        *rows;     /* WmImportRow */
  guint             n_valid;
  GHashTable       *by_identity; /* identity_index_key() -> GPtrArray of valid WmImportRow */
};

G_DEFINE_FINAL_TYPE (WmImport, wm_import, G_TYPE_OBJECT)

static void
column_free (WmImportColumn *column)
{
  g_free (column->header);
  g_free (column);
}

static void
row_free (WmImportRow *row)
{
  g_clear_pointer (&row->profile, g_variant_unref);
  g_clear_pointer (&row->warnings, g_ptr_array_unref);
  g_free (row->reason);
  g_free (row);
}

static void
wm_import_finalize (GObject *object)
{
  WmImport *self = WM_IMPORT (object);

  g_clear_pointer (&self->columns, g_ptr_array_unref);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->by_identity, g_hash_table_unref);

  G_OBJECT_CLASS (wm_import_parent_class)->finalize (object);
}

static void
wm_import_class_init (WmImportClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = wm_import_finalize;
}

static void
wm_import_init (WmImport *self)
{
  self->columns = g_ptr_array_new_with_free_func ((GDestroyNotify) column_free);
  self->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);
  self->by_identity = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_ptr_array_unref);
}

/* The date of birth and both names as wm_person_same_identity() compares
 * them, the names in sorted order since a given and a family name swapped
 * count as the same: profiles that may be one young person share it, so
 * a file of thousands costs no comparison of every pair. */
static char *
identity_index_key (GVariant *profile)
{
  const char *birth = wm_payload_get_string (profile, WM_PROFILE_DATE_OF_BIRTH);
  g_autofree char *given = wm_person_dup_identity_key (wm_payload_get_string (profile, WM_PROFILE_GIVEN_NAME));
  g_autofree char *family = wm_person_dup_identity_key (wm_payload_get_string (profile, WM_PROFILE_FAMILY_NAME));
  gboolean in_order = g_strcmp0 (given, family) <= 0;

  if (birth == NULL || (given == NULL && family == NULL))
    return NULL;
  return g_strdup_printf ("%s\x1f%s\x1f%s", birth,
                          in_order ? (given != NULL ? given : "") : family,
                          in_order ? (family != NULL ? family : "") : given);
}

/* The valid rows that seem to be the same young person as @profile. */
static GPtrArray *
find_same_identity (WmImport   *self,
                    GVariant   *profile,
                    char      **out_key)
{
  g_autofree char *key = identity_index_key (profile);
  GPtrArray *candidates = key != NULL ? g_hash_table_lookup (self->by_identity, key) : NULL;
  GPtrArray *same = g_ptr_array_new ();

  for (guint i = 0; candidates != NULL && i < candidates->len; i++)
    {
      WmImportRow *row = g_ptr_array_index (candidates, i);

      if (wm_person_same_identity (row->profile, profile))
        g_ptr_array_add (same, row);
    }
  if (out_key != NULL)
    *out_key = g_steal_pointer (&key);
  return same;
}

/* A valid row: warned of what a form would point out, and of an earlier
 * row that seems to be the same young person. */
static void
index_row (WmImport    *self,
           WmImportRow *row,
           const GDate *today)
{
  g_autofree char *key = NULL;
  g_autoptr(GPtrArray) same = find_same_identity (self, row->profile, &key);
  GPtrArray *candidates;

  row->warnings = wm_person_collect_warnings (row->profile, today);
  if (same->len > 0)
    g_ptr_array_add (row->warnings,
                     g_strdup_printf (_("Line %u has the same name and date of birth: is it the same young "
                                        "person? Remove one of the two rows, or import both if they are two."),
                                      ((WmImportRow *) g_ptr_array_index (same, 0))->line));
  if (key == NULL)
    return;
  candidates = g_hash_table_lookup (self->by_identity, key);
  if (candidates == NULL)
    {
      candidates = g_ptr_array_new ();
      g_hash_table_insert (self->by_identity, g_steal_pointer (&key), candidates);
    }
  g_ptr_array_add (candidates, row);
}

/* The line, from 1, that byte @offset of @data is on. */
static guint
line_of (const char *data,
         gsize       size,
         gsize       offset)
{
  guint line = 1;

  for (gsize i = 0; i < offset && i < size; i++)
    {
      if (data[i] == '\n' || (data[i] == '\r' && (i + 1 == size || data[i + 1] != '\n')))
        line++;
    }
  return line;
}

/* Decodes @data to UTF-8 (see the top of the file). Control characters
 * other than tab and line breaks never occur in a spreadsheet's text:
 * they mean a binary file, whatever its name. */
static char *
decode (const char        *data,
        gsize              size,
        WmImportEncoding  *out_encoding,
        gsize             *out_length,
        GError           **error)
{
  g_autoptr(GError) local_error = NULL;
  const char *end = NULL;
  char *text;

  if (size >= 2 && (((guchar) data[0] == 0xff && (guchar) data[1] == 0xfe)
                    || ((guchar) data[0] == 0xfe && (guchar) data[1] == 0xff)))
    {
      g_set_error_literal (error, WM_IMPORT_ERROR, WM_IMPORT_ERROR_NOT_TEXT,
                           _("The file is saved as UTF-16 (“Unicode Text”), which Waymark does not read. "
                             "Save it from the spreadsheet as “CSV UTF-8 (Comma delimited)” and import that."));
      return NULL;
    }
  for (gsize i = 0; i < size; i++)
    {
      guchar c = (guchar) data[i];

      if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f)
        {
          g_set_error (error, WM_IMPORT_ERROR, WM_IMPORT_ERROR_NOT_TEXT,
                       _("The file holds binary data (a control character on line %u), not text. "
                         "Choose a file saved as CSV."),
                       line_of (data, size, i));
          return NULL;
        }
    }

  if (size >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    {
      if (!g_utf8_validate (data + 3, (gssize) size - 3, &end))
        {
          g_set_error (error, WM_IMPORT_ERROR, WM_IMPORT_ERROR_NOT_TEXT,
                       _("The file begins as UTF-8 but is not UTF-8 from line %u on. "
                         "Save it again from the spreadsheet as “CSV UTF-8 (Comma delimited)”."),
                       line_of (data, size, (gsize) (end - data)));
          return NULL;
        }
      *out_encoding = WM_IMPORT_ENCODING_UTF8_BOM;
      *out_length = size - 3;
      return g_strndup (data + 3, size - 3);
    }
  if (g_utf8_validate (data, (gssize) size, NULL))
    {
      *out_encoding = WM_IMPORT_ENCODING_UTF8;
      *out_length = size;
      return g_strndup (data, size);
    }

  /* Five bytes mean nothing in Windows-1252: a file that has them is
   * neither encoding, and guessing further would put wrong letters in
   * young people's names. */
  text = g_convert (data, (gssize) size, "UTF-8", "WINDOWS-1252", NULL, out_length, &local_error);
  if (text == NULL)
    {
      g_set_error_literal (error, WM_IMPORT_ERROR, WM_IMPORT_ERROR_NOT_TEXT,
                           _("The file is neither UTF-8 nor Windows-1252 text. Save it from the spreadsheet "
                             "as “CSV UTF-8 (Comma delimited)” and import that."));
      return NULL;
    }
  *out_encoding = WM_IMPORT_ENCODING_WINDOWS_1252;
  return text;
}

/* Lower case; "&" as "and"; what is in brackets, and everything but
 * letters and digits, dropped. For headers and vocabulary values alike. */
static char *
fold (const char *text)
{
  g_autofree char *folded = g_utf8_casefold (text, -1);
  GString *out = g_string_new (NULL);
  guint depth = 0;

  for (const char *p = folded; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '(' || c == '[')
        depth++;
      else if ((c == ')' || c == ']') && depth > 0)
        depth--;
      else if (depth > 0)
        continue;
      else if (c == '&')
        g_string_append (out, "and");
      else if (g_unichar_isalnum (c))
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

static gboolean
names_field (const char           *folded,
             const WmProfileField *field)
{
  g_autofree char *key = fold (field->key);
  g_autofree char *label = fold (field->label);
  g_autofree char *translated = fold (wm_person_field_get_label (field));

  if (g_str_equal (folded, key) || g_str_equal (folded, label) || g_str_equal (folded, translated))
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (header_aliases); i++)
    {
      if (g_str_equal (header_aliases[i].key, field->key))
        {
          g_auto(GStrv) names = g_strsplit (header_aliases[i].headers, "|", -1);

          return g_strv_contains ((const char * const *) names, folded);
        }
    }
  return FALSE;
}

static const WmProfileField *
find_field (const char *header)
{
  g_autofree char *folded = fold (header);

  if (*folded == '\0')
    return NULL;
  for (const WmProfileField *field = wm_profile_fields; field->key != NULL; field++)
    {
      if (names_field (folded, field))
        return field;
    }
  return NULL;
}

/* The term whose id, English label or translated label @value is, or
 * whose old id it is. */
static const char *
match_term (const WmTerm       *terms,
            const WmTermAlias  *aliases,
            const char         *value)
{
  g_autofree char *folded = fold (value);

  if (*folded == '\0')
    return NULL;
  for (guint i = 0; terms[i].id != NULL; i++)
    {
      g_autofree char *id = fold (terms[i].id);
      g_autofree char *label = fold (terms[i].label);
      g_autofree char *translated = fold (_(terms[i].label));

      if (g_str_equal (folded, id) || g_str_equal (folded, label) || g_str_equal (folded, translated))
        return terms[i].id;
    }
  for (guint i = 0; aliases != NULL && aliases[i].old_id != NULL; i++)
    {
      g_autofree char *old_id = fold (aliases[i].old_id);

      if (g_str_equal (folded, old_id))
        return aliases[i].id;
    }
  return NULL;
}

static char *
join_labels (const WmTerm *terms)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; terms[i].id != NULL; i++)
    {
      if (i > 0)
        g_string_append (out, ", ");
      g_string_append (out, _(terms[i].label));
    }
  return g_string_free (out, FALSE);
}

/* Up to @max_digits digits as a number; returns how many were read. */
static guint
take_number (const char **p,
             guint        max_digits,
             guint       *out_value)
{
  guint value = 0;
  guint n = 0;

  while (g_ascii_isdigit (**p) && n < max_digits)
    {
      value = value * 10 + (guint) (**p - '0');
      (*p)++;
      n++;
    }
  *out_value = value;
  return n;
}

/* "23/04/2011" (day first, as in Britain; one-digit day and month too,
 * "-" or "." between them) or "2011-04-23", as "YYYY-MM-DD". Whether the
 * day exists is left to the profile's checks, whose message says so. A
 * time Excel may add ("23/04/2011 00:00") is dropped. */
static char *
parse_date (const char *value)
{
  const char *p = value;
  guint first, second, third;
  guint n_first, n_third;
  char separator;

  n_first = take_number (&p, 4, &first);
  separator = *p;
  if (n_first == 0 || (separator != '/' && separator != '-' && separator != '.'))
    return NULL;
  p++;
  if (take_number (&p, 2, &second) == 0 || *p != separator)
    return NULL;
  p++;
  n_third = take_number (&p, 4, &third);
  if (*p == ' ' || *p == 'T')
    {
      for (p++; *p != '\0'; p++)
        {
          if (!g_ascii_isdigit (*p) && *p != ':')
            return NULL;
        }
    }
  if (*p != '\0')
    return NULL;

  /* Year first only with four digits; a two-digit year could be either
   * century, and a date of birth must not be guessed. */
  if (n_first == 4 && n_third >= 1 && n_third <= 2)
    return g_strdup_printf ("%04u-%02u-%02u", first, second, third);
  if (n_first <= 2 && n_third == 4)
    return g_strdup_printf ("%04u-%02u-%02u", third, second, first);
  return NULL;
}

typedef struct
{
  WmImport     *import;
  const GDate  *today;
  GPtrArray    *fields;        /* the current record's values */
  guint         n_fields;      /* may exceed fields->len */
  guint         record_line;   /* the line the current record started on */
  gboolean      in_record;
  gboolean      have_header;
  guint         n_records;
  GError       *error;         /* a whole-file failure: stop */
} Reader;

static WmImportRow *
add_row (Reader      *reader,
         GVariant    *profile,
         char        *reason)
{
  WmImportRow *row = g_new0 (WmImportRow, 1);

  row->line = reader->record_line;
  row->profile = profile != NULL ? g_variant_ref_sink (profile) : NULL;
  row->reason = reason;
  if (profile != NULL)
    reader->import->n_valid++;
  g_ptr_array_add (reader->import->rows, row);
  return row;
}

static char *
expected_headers (void)
{
  /* Translators: the headers Waymark recognises, as examples. */
  return g_strdup (_("“First name” (or “Forename”, “Given name”), “Surname” (or “Last name”, "
                     "“Family name”) and “Date of birth” (or “DOB”)"));
}

static void
read_header (Reader *reader)
{
  WmImport *self = reader->import;
  gboolean has_name = FALSE;
  gboolean has_birth = FALSE;

  for (guint i = 0; i < reader->fields->len; i++)
    {
      WmImportColumn *column = g_new0 (WmImportColumn, 1);
      const WmProfileField *field;

      column->header = g_strstrip (g_strdup (g_ptr_array_index (reader->fields, i)));
      field = find_field (column->header);
      if (field != NULL)
        {
          for (guint j = 0; j < self->columns->len; j++)
            {
              WmImportColumn *earlier = g_ptr_array_index (self->columns, j);

              if (g_strcmp0 (earlier->field, field->key) == 0)
                column->repeated = TRUE;
            }
          if (!column->repeated)
            column->field = field->key;
        }
      if (g_strcmp0 (column->field, WM_PROFILE_GIVEN_NAME) == 0
          || g_strcmp0 (column->field, WM_PROFILE_FAMILY_NAME) == 0)
        has_name = TRUE;
      if (g_strcmp0 (column->field, WM_PROFILE_DATE_OF_BIRTH) == 0)
        has_birth = TRUE;
      g_ptr_array_add (self->columns, column);
    }

  /* The first line's values are not repeated: without headers it may be
   * a young person's details. */
  if (!has_name || !has_birth)
    {
      g_autofree char *expected = expected_headers ();

      g_set_error (&reader->error, WM_IMPORT_ERROR, WM_IMPORT_ERROR_NO_HEADER,
                   has_name
                   ? _("Line %u has no column for the date of birth. The first line of the file must name "
                       "the columns, with at least %s.")
                   : _("Line %u has no column for the young person’s name. The first line of the file must "
                       "name the columns, with at least %s."),
                   reader->record_line, expected);
    }
  reader->have_header = TRUE;
}

/* "yes" or "no", in English or translated, and the short forms
 * spreadsheets use. */
static gboolean
parse_boolean (const char *value,
               gboolean   *out_value)
{
  g_autofree char *folded = fold (value);
  g_autofree char *yes = fold (_("Yes"));
  g_autofree char *no = fold (_("No"));
  const char *truths[] = { "yes", "y", "true", "1", NULL };
  const char *falsehoods[] = { "no", "n", "false", "0", NULL };

  if (g_strv_contains (truths, folded) || g_str_equal (folded, yes))
    *out_value = TRUE;
  else if (g_strv_contains (falsehoods, folded) || g_str_equal (folded, no))
    *out_value = FALSE;
  else
    return FALSE;
  return TRUE;
}

/* The value of one column as the profile holds it, or NULL with @reason. */
static GVariant *
convert_value (const WmProfileField  *field,
               const char            *header,
               const char            *value,
               char                 **reason)
{
  g_autofree char *allowed = NULL;
  const char *id;
  gboolean truth;
  char *date;

  switch (field->kind)
    {
    case WM_FIELD_TEXT:
    case WM_FIELD_LONG_TEXT:
      /* A programme may be the organisation's own; one Waymark knows is
       * kept by its id, so it is shown in the reader's language. */
      id = field->terms != NULL ? match_term (field->terms, NULL, value) : NULL;
      return g_variant_new_string (id != NULL ? id : value);
    case WM_FIELD_DATE:
      date = parse_date (value);
      if (date != NULL)
        return g_variant_new_take_string (date);
      /* Translators: %s is the column's header as the file names it. */
      *reason = g_strdup_printf (_("The column “%s” does not hold a date. Write it as dd/mm/yyyy, such "
                                   "as 23/04/2011, or as yyyy-mm-dd."),
                                 header);
      return NULL;
    case WM_FIELD_TERM:
      id = match_term (field->terms, field->aliases, value);
      if (id != NULL)
        return g_variant_new_string (id);
      allowed = join_labels (field->terms);
      /* Translators: %s is the column's header, then the values it takes. */
      *reason = g_strdup_printf (_("The column “%s” holds a value Waymark does not know. Use one of: %s."),
                                 header, allowed);
      return NULL;
    case WM_FIELD_BOOLEAN:
      if (parse_boolean (value, &truth))
        return g_variant_new_boolean (truth);
      /* Translators: %s is the column's header as the file names it. */
      *reason = g_strdup_printf (_("The column “%s” must say yes or no."), header);
      return NULL;
    default:
      g_assert_not_reached ();
    }
}

static void
read_row (Reader *reader)
{
  WmImport *self = reader->import;
  g_auto(GVariantDict) dict = G_VARIANT_DICT_INIT (NULL);
  g_autoptr(GVariant) profile = NULL;
  g_autoptr(GError) local_error = NULL;
  char *reason = NULL;

  if (reader->n_fields != self->columns->len)
    {
      gboolean extra_empty = reader->n_fields > self->columns->len;

      /* Trailing empty values, as some spreadsheets add, are harmless. */
      for (guint i = self->columns->len; extra_empty && i < reader->fields->len; i++)
        extra_empty = *(const char *) g_ptr_array_index (reader->fields, i) == '\0';
      if (!extra_empty || reader->n_fields > reader->fields->len)
        {
          add_row (reader, NULL,
                   g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                 "The row has %u value where the first line has %u columns. "
                                                 "Check for a comma in a value that is not in quotes.",
                                                 "The row has %u values where the first line has %u columns. "
                                                 "Check for a comma in a value that is not in quotes.",
                                                 reader->n_fields),
                                    reader->n_fields, self->columns->len));
          return;
        }
    }

  for (guint i = 0; i < self->columns->len; i++)
    {
      const WmImportColumn *column = g_ptr_array_index (self->columns, i);
      g_autofree char *value = NULL;
      GVariant *converted;

      if (column->field == NULL)
        continue;
      value = g_strstrip (g_strdup (g_ptr_array_index (reader->fields, i)));
      if (*value == '\0')
        continue;
      converted = convert_value (wm_person_find_field (column->field), column->header, value, &reason);
      if (converted == NULL)
        {
          add_row (reader, NULL, reason);
          return;
        }
      g_variant_dict_insert_value (&dict, column->field, converted);
    }
  if (!g_variant_dict_contains (&dict, WM_PROFILE_STATUS))
    g_variant_dict_insert (&dict, WM_PROFILE_STATUS, "s", DEFAULT_STATUS);

  profile = g_variant_ref_sink (g_variant_dict_end (&dict));
  if (!wm_person_check_profile (profile, reader->today, &local_error))
    {
      add_row (reader, NULL, g_strdup (local_error->message));
      return;
    }
  index_row (self, add_row (reader, profile, NULL), reader->today);
}

static void
field_cb (void   *data,
          size_t  length,
          void   *user_data)
{
  Reader *reader = user_data;

  if (reader->error != NULL)
    return;
  /* Past the limit the values are counted, not kept: a line of commas
   * must not cost a string each. */
  if (reader->fields->len < WM_IMPORT_MAX_COLUMNS)
    g_ptr_array_add (reader->fields, g_strndup (data, length));
  reader->n_fields++;
}

static void
record_cb (int   terminator,
           void *user_data)
{
  Reader *reader = user_data;
  gboolean blank = TRUE;

  reader->in_record = FALSE;
  if (reader->error != NULL)
    goto out;

  /* ",,," is an empty spreadsheet row, as an empty line is. */
  for (guint i = 0; blank && i < reader->fields->len; i++)
    blank = *g_strstrip ((char *) g_ptr_array_index (reader->fields, i)) == '\0';
  if (blank && reader->n_fields <= reader->fields->len)
    goto out;

  if (!reader->have_header)
    read_header (reader);
  else if (++reader->n_records > WM_IMPORT_MAX_ROWS)
    g_set_error (&reader->error, WM_IMPORT_ERROR, WM_IMPORT_ERROR_TOO_LARGE,
                 _("The file has more than %u rows. Split it into files of fewer rows and import each."),
                 WM_IMPORT_MAX_ROWS);
  else
    read_row (reader);

out:
  g_ptr_array_set_size (reader->fields, 0);
  reader->n_fields = 0;
}

/* The end of the line that starts at @p: after its "\n", "\r\n" or lone
 * "\r", or @end. */
static const char *
line_end (const char *p,
          const char *end)
{
  while (p < end && *p != '\n' && *p != '\r')
    p++;
  if (p < end && *p == '\r')
    {
      p++;
      if (p < end && *p == '\n')
        p++;
    }
  else if (p < end)
    p++;
  return p;
}

static gboolean
is_blank (const char *p,
          const char *end)
{
  for (; p < end; p++)
    {
      if (*p != ' ' && *p != '\t' && *p != '\r' && *p != '\n')
        return FALSE;
    }
  return TRUE;
}

static gboolean
parse (WmImport     *self,
       const char   *text,
       gsize         length,
       const GDate  *today,
       GError      **error)
{
  struct csv_parser parser;
  Reader reader = { 0 };
  const char *end = text + length;
  guint line = 0;

  reader.import = self;
  reader.today = today;
  reader.fields = g_ptr_array_new_with_free_func (g_free);

  if (csv_init (&parser, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0)
    g_error ("libcsv could not start");

  for (const char *p = text; p < end && reader.error == NULL; )
    {
      const char *next = line_end (p, end);

      line++;
      if (!reader.in_record && !is_blank (p, next))
        {
          reader.in_record = TRUE;
          reader.record_line = line;
        }
      for (const char *piece = p; piece < next && reader.error == NULL; piece += PIECE_SIZE)
        {
          gsize size = MIN ((gsize) (next - piece), PIECE_SIZE);

          if (csv_parse (&parser, piece, size, field_cb, record_cb, &reader) != size)
            {
              /* A quote in the middle of a value, or after a closing
               * quote: the row is rejected and reading starts again on
               * the next line, so one slip costs one row. */
              if (reader.have_header)
                add_row (&reader, NULL,
                         g_strdup (_("A quotation mark is in the middle of a value. Put the whole value in "
                                     "quotes and double each quotation mark inside it, or remove it.")));
              else
                g_set_error (&reader.error, WM_IMPORT_ERROR, WM_IMPORT_ERROR_MALFORMED,
                             _("Line %u has a quotation mark in the middle of a column’s name. Remove it."),
                             reader.record_line);
              csv_free (&parser);
              csv_init (&parser, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL);
              g_ptr_array_set_size (reader.fields, 0);
              reader.n_fields = 0;
              reader.in_record = FALSE;
              break;
            }
          if (parser.entry_pos > WM_IMPORT_MAX_FIELD)
            g_set_error (&reader.error, WM_IMPORT_ERROR, WM_IMPORT_ERROR_MALFORMED,
                         _("The row that starts on line %u has a value longer than %u characters, more than any "
                           "field of a profile takes. If a closing quotation mark is missing, add it."),
                         reader.record_line, WM_IMPORT_MAX_FIELD);
        }
      p = next;
    }

  if (reader.error == NULL && csv_fini (&parser, field_cb, record_cb, &reader) != 0)
    g_set_error (&reader.error, WM_IMPORT_ERROR, WM_IMPORT_ERROR_MALFORMED,
                 _("The quoted value that starts on line %u is never closed, so the rest of the file cannot "
                   "be read. Add the closing quotation mark."),
                 reader.record_line);
  csv_free (&parser);
  g_ptr_array_unref (reader.fields);

  if (reader.error == NULL && !reader.have_header)
    g_set_error_literal (&reader.error, WM_IMPORT_ERROR, WM_IMPORT_ERROR_EMPTY,
                         _("The file is empty. Choose a CSV file whose first line names the columns."));
  else if (reader.error == NULL && self->rows->len == 0)
    g_set_error_literal (&reader.error, WM_IMPORT_ERROR, WM_IMPORT_ERROR_EMPTY,
                         _("The file has a header line and no young people. Add a row for each and import "
                           "it again."));
  if (reader.error != NULL)
    {
      g_propagate_error (error, reader.error);
      return FALSE;
    }
  return TRUE;
}

/**
 * wm_import_new_from_bytes:
 * @bytes: the whole file
 * @today: a valid date: a date of birth after it is refused
 * @error: return location for a #WM_IMPORT_ERROR
 *
 * Reads and checks every row. Rows that fail are kept, with their reason,
 * beside those that pass; only a file that cannot be read at all fails.
 *
 * Returns: (transfer full): the rows, or %NULL with @error set
 */
WmImport *
wm_import_new_from_bytes (GBytes       *bytes,
                          const GDate  *today,
                          GError      **error)
{
  g_autoptr(WmImport) self = NULL;
  g_autofree char *text = NULL;
  const char *data;
  gsize size;
  gsize length = 0;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (today != NULL && g_date_valid (today), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  data = g_bytes_get_data (bytes, &size);
  if (size > WM_IMPORT_MAX_BYTES)
    {
      g_set_error (error, WM_IMPORT_ERROR, WM_IMPORT_ERROR_TOO_LARGE,
                   _("The file is larger than %u MB. Split it into smaller files and import each."),
                   WM_IMPORT_MAX_BYTES / (1024 * 1024));
      return NULL;
    }

  self = g_object_new (WM_TYPE_IMPORT, NULL);
  text = decode (data != NULL ? data : "", size, &self->encoding, &length, error);
  if (text == NULL || !parse (self, text, length, today, error))
    return NULL;
  return g_steal_pointer (&self);
}

/**
 * wm_import_new_from_file:
 * @file: a CSV file
 * @today: a valid date: a date of birth after it is refused
 * @cancellable: (nullable): to stop reading
 * @error: return location for a #WM_IMPORT_ERROR or a #G_IO_ERROR
 *
 * As wm_import_new_from_bytes(), reading @file, whose size is checked
 * before it is read. Blocks: call it from a thread in a window.
 *
 * Returns: (transfer full): the rows, or %NULL with @error set
 */
WmImport *
wm_import_new_from_file (GFile         *file,
                         const GDate   *today,
                         GCancellable  *cancellable,
                         GError       **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                            G_FILE_QUERY_INFO_NONE, cancellable, error);
  if (info == NULL)
    return NULL;
  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE,
                           _("That is not a file. Choose a CSV file."));
      return NULL;
    }
  if (g_file_info_get_size (info) > WM_IMPORT_MAX_BYTES)
    {
      g_set_error (error, WM_IMPORT_ERROR, WM_IMPORT_ERROR_TOO_LARGE,
                   _("The file is larger than %u MB. Split it into smaller files and import each."),
                   WM_IMPORT_MAX_BYTES / (1024 * 1024));
      return NULL;
    }
  bytes = g_file_load_bytes (file, cancellable, NULL, error);
  if (bytes == NULL)
    return NULL;
  return wm_import_new_from_bytes (bytes, today, error);
}

WmImportEncoding
wm_import_get_encoding (WmImport *self)
{
  g_return_val_if_fail (WM_IS_IMPORT (self), WM_IMPORT_ENCODING_UTF8);

  return self->encoding;
}

/**
 * wm_import_get_columns:
 *
 * Returns: (transfer none) (element-type WmImportColumn): the header's
 *   columns, in file order, each with the field it fills or none
 */
GPtrArray *
wm_import_get_columns (WmImport *self)
{
  g_return_val_if_fail (WM_IS_IMPORT (self), NULL);

  return self->columns;
}

/**
 * wm_import_get_rows:
 *
 * Returns: (transfer none) (element-type WmImportRow): every row after the
 *   header, valid and rejected, in file order
 */
GPtrArray *
wm_import_get_rows (WmImport *self)
{
  g_return_val_if_fail (WM_IS_IMPORT (self), NULL);

  return self->rows;
}

guint
wm_import_get_n_valid (WmImport *self)
{
  g_return_val_if_fail (WM_IS_IMPORT (self), 0);

  return self->n_valid;
}

guint
wm_import_get_n_rejected (WmImport *self)
{
  g_return_val_if_fail (WM_IS_IMPORT (self), 0);

  return self->rows->len - self->n_valid;
}

/**
 * wm_import_dup_profiles:
 *
 * Returns: (transfer container) (element-type GVariant): the valid rows'
 *   profiles, in file order, for wm_casebook_create_people()
 */
GPtrArray *
wm_import_dup_profiles (WmImport *self)
{
  GPtrArray *profiles;

  g_return_val_if_fail (WM_IS_IMPORT (self), NULL);

  profiles = g_ptr_array_new_full (self->n_valid, (GDestroyNotify) g_variant_unref);
  for (guint i = 0; i < self->rows->len; i++)
    {
      const WmImportRow *row = g_ptr_array_index (self->rows, i);

      if (row->profile != NULL)
        g_ptr_array_add (profiles, g_variant_ref (row->profile));
    }
  return profiles;
}

/**
 * wm_import_check_existing:
 * @reference: the case's reference, "WM-7KQ2XM"
 * @profile: (nullable): its current profile, when it could be read
 *
 * Warns each valid row that seems to be the young person of a case that
 * exists already (wm_person_same_identity()). Call it once for each case
 * the user can read; importing is still allowed, since two young people
 * may share a name and a date of birth.
 *
 * Returns: how many rows were warned
 */
guint
wm_import_check_existing (WmImport   *self,
                          const char *reference,
                          GVariant   *profile)
{
  g_autoptr(GPtrArray) same = NULL;

  g_return_val_if_fail (WM_IS_IMPORT (self), 0);
  g_return_val_if_fail (reference != NULL, 0);

  if (profile == NULL)
    return 0;
  same = find_same_identity (self, profile, NULL);
  for (guint i = 0; i < same->len; i++)
    {
      WmImportRow *row = g_ptr_array_index (same, i);

      g_ptr_array_add (row->warnings,
                       /* Translators: %s is a case reference, such as WM-7KQ2XM. */
                       g_strdup_printf (_("Case %s has the same name and date of birth: is it the same "
                                          "young person? Leave the row out if it is."),
                                        reference));
    }
  return same->len;
}

/**
 * wm_import_encoding_get_label:
 *
 * Returns: (transfer none): how the file's text was read, translated
 */
const char *
wm_import_encoding_get_label (WmImportEncoding encoding)
{
  switch (encoding)
    {
    case WM_IMPORT_ENCODING_UTF8:
      return _("UTF-8");
    case WM_IMPORT_ENCODING_UTF8_BOM:
      return _("UTF-8 with a byte order mark");
    case WM_IMPORT_ENCODING_WINDOWS_1252:
      return _("Windows-1252 (not UTF-8)");
    default:
      g_return_val_if_reached (NULL);
    }
}
