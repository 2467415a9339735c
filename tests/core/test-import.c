/* test-import.c — CSV import: encodings, header spellings, rows kept and rejected by line
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The fixtures are in tests/data/import/; windows-1252.csv and utf8-bom.csv
 * are bytes, not text, and must stay as they are (CRLF, no re-encoding).
 */

#define G_LOG_DOMAIN "test-import"

#include "config.h"

#include <string.h>

#include <gio/gio.h>

#include "wm-date.h"
#include "wm-import.h"
#include "wm-payload.h"
#include "wm-person.h"

static void
set_today (GDate *today)
{
  g_assert_true (wm_date_parse_iso ("2026-03-01", today, NULL));
}

static WmImport *
import_fixture (const char  *name,
                GError     **error)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "import", name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GDate today;

  set_today (&today);
  return wm_import_new_from_file (file, &today, NULL, error);
}

static WmImport *
import_text (const char  *text,
             gsize        length,
             GError     **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, length);
  GDate today;

  set_today (&today);
  return wm_import_new_from_bytes (bytes, &today, error);
}

static const WmImportRow *
row_at_line (WmImport *import,
             guint     line)
{
  GPtrArray *rows = wm_import_get_rows (import);

  for (guint i = 0; i < rows->len; i++)
    {
      const WmImportRow *row = g_ptr_array_index (rows, i);

      if (row->line == line)
        return row;
    }
  g_error ("no row starts on line %u", line);
}

static void
assert_rejected (WmImport   *import,
                 guint       line,
                 const char *in_reason)
{
  const WmImportRow *row = row_at_line (import, line);

  g_assert_null (row->profile);
  g_assert_nonnull (row->reason);
  if (strstr (row->reason, in_reason) == NULL)
    g_error ("line %u: “%s” not in “%s”", line, in_reason, row->reason);
}

static const char *
field_of (const WmImportRow *row,
          const char        *key)
{
  g_assert_nonnull (row->profile);
  return wm_payload_get_string (row->profile, key);
}

static void
test_mixed_rows (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WmImport) import = import_fixture ("mixed.csv", &error);
  g_autoptr(GPtrArray) profiles = NULL;
  const guint valid_lines[] = { 2, 3, 8, 12 };
  const WmImportRow *row;
  GPtrArray *rows;

  g_assert_no_error (error);
  g_assert_cmpint (wm_import_get_encoding (import), ==, WM_IMPORT_ENCODING_UTF8);

  /* Every record is a row, in order, by the line it starts on; the empty
   * line 5 is none, and records that span two lines start on 8 and 13. */
  rows = wm_import_get_rows (import);
  g_assert_cmpuint (rows->len, ==, 11);
  {
    const guint lines[] = { 2, 3, 4, 6, 7, 8, 10, 11, 12, 13, 15 };

    for (guint i = 0; i < rows->len; i++)
      g_assert_cmpuint (((const WmImportRow *) g_ptr_array_index (rows, i))->line, ==, lines[i]);
  }
  g_assert_cmpuint (wm_import_get_n_valid (import), ==, 4);
  g_assert_cmpuint (wm_import_get_n_rejected (import), ==, 7);
  for (guint i = 0; i < G_N_ELEMENTS (valid_lines); i++)
    {
      row = row_at_line (import, valid_lines[i]);
      g_assert_nonnull (row->profile);
      g_assert_null (row->reason);
    }

  /* The reasons, each the one its fault calls for. */
  assert_rejected (import, 4, "does not exist");   /* 31/02/2010 */
  assert_rejected (import, 6, "no name");
  assert_rejected (import, 7, "after today");      /* 01/01/2030 */
  assert_rejected (import, 10, "“Local authority”");
  assert_rejected (import, 10, "Herefordshire, Shropshire");
  assert_rejected (import, 11, "4 values where the first line has 10 columns");
  assert_rejected (import, 13, "does not exist");  /* 32/01/2012 */
  assert_rejected (import, 15, "does not exist");  /* 29/02/2011 */
  /* No reason repeats what the file says of the young person. */
  for (guint i = 0; i < rows->len; i++)
    {
      row = g_ptr_array_index (rows, i);
      g_assert_true (row->reason == NULL || strstr (row->reason, "2010") == NULL);
      g_assert_true (row->reason == NULL || strstr (row->reason, "Narnia") == NULL);
    }

  /* Values as the profile holds them: UK dates in ISO, vocabularies by id,
   * the status a referral list implies when none is given. */
  row = row_at_line (import, 2);
  g_assert_cmpstr (field_of (row, WM_PROFILE_GIVEN_NAME), ==, "Aled");
  g_assert_cmpstr (field_of (row, WM_PROFILE_DATE_OF_BIRTH), ==, "2010-05-14");
  g_assert_cmpstr (field_of (row, WM_PROFILE_LOCAL_AUTHORITY), ==, "shropshire");
  g_assert_cmpstr (field_of (row, WM_PROFILE_REFERRAL_SOURCE), ==, "police");
  g_assert_cmpstr (field_of (row, WM_PROFILE_REFERRED_ON), ==, "2026-02-03");
  g_assert_cmpstr (field_of (row, WM_PROFILE_PROGRAMME), ==, "mentoring");
  g_assert_cmpstr (field_of (row, WM_PROFILE_STATUS), ==, "referred");
  g_assert_null (field_of (row, WM_PROFILE_PREFERRED_NAME));

  /* A comma inside quotes is part of the value. */
  row = row_at_line (import, 3);
  g_assert_cmpstr (field_of (row, WM_PROFILE_FAMILY_NAME), ==, "Jones, née Hughes");
  g_assert_cmpstr (field_of (row, WM_PROFILE_PREFERRED_NAME), ==, "Beth");
  g_assert_cmpstr (field_of (row, WM_PROFILE_LOCAL_AUTHORITY), ==, "telford-and-wrekin");
  /* An old id of a vocabulary is read as the term that replaced it. */
  g_assert_cmpstr (field_of (row, WM_PROFILE_STATUS), ==, "active");

  /* d/m/yyyy; a doubled quote is one quote; a leap day exists. */
  row = row_at_line (import, 8);
  g_assert_cmpstr (field_of (row, WM_PROFILE_DATE_OF_BIRTH), ==, "2012-03-07");
  g_assert_null (g_variant_lookup_value (row->profile, "notes", NULL));
  row = row_at_line (import, 12);
  g_assert_cmpstr (field_of (row, WM_PROFILE_FAMILY_NAME), ==, "O\"Brien");
  g_assert_cmpstr (field_of (row, WM_PROFILE_DATE_OF_BIRTH), ==, "2012-02-29");

  /* The profiles to create are the valid rows', in order, and each passes
   * the check the one door for writes runs again. */
  profiles = wm_import_dup_profiles (import);
  g_assert_cmpuint (profiles->len, ==, 4);
  for (guint i = 0; i < profiles->len; i++)
    {
      GDate today;

      set_today (&today);
      g_assert_true (wm_person_check_profile (g_ptr_array_index (profiles, i), &today, NULL));
    }
  g_assert_cmpstr (wm_payload_get_string (g_ptr_array_index (profiles, 3), WM_PROFILE_GIVEN_NAME), ==, "Huw");
}

static void
test_column_mapping (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WmImport) import = import_fixture ("header-spellings.csv", &error);
  const struct { const char *header; const char *field; gboolean repeated; } expected[] = {
    { "GIVEN_NAME", WM_PROFILE_GIVEN_NAME, FALSE },
    { "family-name", WM_PROFILE_FAMILY_NAME, FALSE },
    { "D.O.B.", WM_PROFILE_DATE_OF_BIRTH, FALSE },
    { "Known As", WM_PROFILE_PREFERRED_NAME, FALSE },
    { "LA", WM_PROFILE_LOCAL_AUTHORITY, FALSE },
    { "Council", NULL, TRUE },
    { "Referred On", WM_PROFILE_REFERRED_ON, FALSE },
    { "Program", WM_PROFILE_PROGRAMME, FALSE },
    { "Case Status", WM_PROFILE_STATUS, FALSE },
    { "Reference", NULL, FALSE },
    { "Pronouns", WM_PROFILE_PRONOUNS, FALSE },
    { "Sex", WM_PROFILE_SEX, FALSE },
    { "Ethnicity", WM_PROFILE_ETHNICITY, FALSE },
    { "Home Address", WM_PROFILE_ADDRESS, FALSE },
    { "School / College", WM_PROFILE_SCHOOL, FALSE },
    { "Education", WM_PROFILE_EDUCATION_STATUS, FALSE },
    { "Young carer?", WM_PROFILE_YOUNG_CARER, FALSE },
    { "SEN status", WM_PROFILE_SEND, FALSE },
  };
  gboolean young_carer = FALSE;
  GPtrArray *columns;
  const WmImportRow *row;

  g_assert_no_error (error);
  columns = wm_import_get_columns (import);
  g_assert_cmpuint (columns->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < columns->len; i++)
    {
      const WmImportColumn *column = g_ptr_array_index (columns, i);

      g_assert_cmpstr (column->header, ==, expected[i].header);
      g_assert_cmpstr (column->field, ==, expected[i].field);
      g_assert_cmpint (column->repeated, ==, expected[i].repeated);
    }

  /* Labels match whatever their case and "&" or "and". */
  row = row_at_line (import, 2);
  g_assert_cmpstr (field_of (row, WM_PROFILE_LOCAL_AUTHORITY), ==, "telford-and-wrekin");
  g_assert_cmpstr (field_of (row, WM_PROFILE_PROGRAMME), ==, "family-support");
  g_assert_cmpstr (field_of (row, WM_PROFILE_STATUS), ==, "active");
  g_assert_cmpstr (field_of (row, WM_PROFILE_PREFERRED_NAME), ==, "Ni");
  g_assert_cmpstr (field_of (row, WM_PROFILE_PRONOUNS), ==, "she/her");
  g_assert_cmpstr (field_of (row, WM_PROFILE_SEX), ==, "female");
  g_assert_cmpstr (field_of (row, WM_PROFILE_ETHNICITY), ==, "asian-indian");
  g_assert_cmpstr (field_of (row, WM_PROFILE_ADDRESS), ==, "1 Heol y Bont\nLudlow");
  g_assert_cmpstr (field_of (row, WM_PROFILE_SCHOOL), ==, "Ludlow School");
  g_assert_cmpstr (field_of (row, WM_PROFILE_EDUCATION_STATUS), ==, "in-education");
  g_assert_cmpstr (field_of (row, WM_PROFILE_SEND), ==, "ehcp");
  g_assert_true (g_variant_lookup (row->profile, WM_PROFILE_YOUNG_CARER, "b", &young_carer));
  g_assert_true (young_carer);
}

static void
test_windows_1252 (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WmImport) import = import_fixture ("windows-1252.csv", &error);
  const char *names[][2] = {
    { "Jos\xc3\xa9", "\xc3\x81lvarez" },
    { "Bego\xc3\xb1" "a", "Mu\xc3\xb1oz" },
    { "J\xc3\xb6rg", "Schr\xc3\xb6" "der" },
  };
  GPtrArray *rows;

  g_assert_no_error (error);
  g_assert_cmpint (wm_import_get_encoding (import), ==, WM_IMPORT_ENCODING_WINDOWS_1252);
  g_assert_cmpstr (wm_import_encoding_get_label (WM_IMPORT_ENCODING_WINDOWS_1252), ==, "Windows-1252 (not UTF-8)");
  rows = wm_import_get_rows (import);
  g_assert_cmpuint (rows->len, ==, 3);
  g_assert_cmpuint (wm_import_get_n_valid (import), ==, 3);
  for (guint i = 0; i < rows->len; i++)
    {
      const WmImportRow *row = g_ptr_array_index (rows, i);

      /* CRLF line ends count one line each. */
      g_assert_cmpuint (row->line, ==, i + 2);
      g_assert_cmpstr (field_of (row, WM_PROFILE_GIVEN_NAME), ==, names[i][0]);
      g_assert_cmpstr (field_of (row, WM_PROFILE_FAMILY_NAME), ==, names[i][1]);
      g_assert_true (g_utf8_validate (field_of (row, WM_PROFILE_GIVEN_NAME), -1, NULL));
    }
  g_assert_cmpstr (field_of (g_ptr_array_index (rows, 2), WM_PROFILE_DATE_OF_BIRTH), ==, "2011-09-09");
}

static void
test_utf8_bom (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WmImport) import = import_fixture ("utf8-bom.csv", &error);
  const WmImportColumn *first;
  GPtrArray *rows;

  g_assert_no_error (error);
  g_assert_cmpint (wm_import_get_encoding (import), ==, WM_IMPORT_ENCODING_UTF8_BOM);
  /* The mark is not part of the first header, which would then match nothing. */
  first = g_ptr_array_index (wm_import_get_columns (import), 0);
  g_assert_cmpstr (first->header, ==, "Given name");
  g_assert_cmpstr (first->field, ==, WM_PROFILE_GIVEN_NAME);
  rows = wm_import_get_rows (import);
  g_assert_cmpuint (rows->len, ==, 2);
  g_assert_cmpstr (field_of (g_ptr_array_index (rows, 0), WM_PROFILE_FAMILY_NAME), ==, "\xc5\xb4yn");
  g_assert_cmpstr (field_of (g_ptr_array_index (rows, 0), WM_PROFILE_DATE_OF_BIRTH), ==, "2011-09-01");
  g_assert_cmpstr (field_of (g_ptr_array_index (rows, 1), WM_PROFILE_GIVEN_NAME), ==, "Gwenll\xc3\xaf" "an");
}

static void
test_whole_file_errors (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WmImport) import = NULL;

  import = import_fixture ("no-header.csv", &error);
  g_assert_null (import);
  g_assert_error (error, WM_IMPORT_ERROR, WM_IMPORT_ERROR_NO_HEADER);
  g_assert_nonnull (strstr (error->message, "“Date of birth”"));
  /* The first line may be a young person's details: not repeated. */
  g_assert_null (strstr (error->message, "Aled"));
  g_clear_error (&error);

  import = import_fixture ("unterminated.csv", &error);
  g_assert_null (import);
  g_assert_error (error, WM_IMPORT_ERROR, WM_IMPORT_ERROR_MALFORMED);
  g_assert_nonnull (strstr (error->message, "line 3"));
  g_clear_error (&error);

  import = import_text ("", 0, &error);
  g_assert_error (error, WM_IMPORT_ERROR, WM_IMPORT_ERROR_EMPTY);
  g_clear_error (&error);
  import = import_text ("Surname,DOB\r\n\r\n", 13, &error);
  g_assert_error (error, WM_IMPORT_ERROR, WM_IMPORT_ERROR_EMPTY);
  g_clear_error (&error);

  /* Excel's "Unicode Text" is UTF-16: refused by name, not misread. */
  import = import_text ("\xff\xfeS\0u\0", 6, &error);
  g_assert_error (error, WM_IMPORT_ERROR, WM_IMPORT_ERROR_NOT_TEXT);
  g_assert_nonnull (strstr (error->message, "UTF-16"));
  g_clear_error (&error);
}

static void
test_binary_junk (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WmImport) import = NULL;
  guint8 junk[4096];
  const char nul_on_line_2[] = "Surname,DOB\nPrice,14/05/2010\0\n";
  /* 0x81 is no letter in Windows-1252, and this is not UTF-8 either. */
  const char neither[] = "Surname,DOB\nPr\x81\x8d" "ce,14/05/2010\n";

  import = import_text (nul_on_line_2, sizeof nul_on_line_2 - 1, &error);
  g_assert_error (error, WM_IMPORT_ERROR, WM_IMPORT_ERROR_NOT_TEXT);
  g_assert_nonnull (strstr (error->message, "line 2"));
  g_clear_error (&error);

  import = import_text (neither, sizeof neither - 1, &error);
  g_assert_error (error, WM_IMPORT_ERROR, WM_IMPORT_ERROR_NOT_TEXT);
  g_clear_error (&error);

  /* Random bytes, many times: an error each time, never a crash. */
  for (guint seed = 1; seed <= 50; seed++)
    {
      g_autoptr(GRand) rand = g_rand_new_with_seed (seed);

      for (guint i = 0; i < sizeof junk; i++)
        junk[i] = (guint8) g_rand_int_range (rand, 0, 256);
      import = import_text ((const char *) junk, sizeof junk, &error);
      g_assert_null (import);
      g_assert_nonnull (error);
      g_clear_error (&error);
    }
}

static void
test_huge_field (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WmImport) import = NULL;
  g_autoptr(GString) text = g_string_new ("Surname,DOB,Notes\nPrice,14/05/2010,\"");
  gsize header_length = text->len;

  /* 10 MB in one quoted value: refused once the value passes the limit,
   * not after the parser has grown a buffer for all of it. */
  g_string_set_size (text, header_length + 10 * 1024 * 1024);
  memset (text->str + header_length, 'x', text->len - header_length);
  g_string_append (text, "\"\n");
  import = import_text (text->str, text->len, &error);
  g_assert_null (import);
  g_assert_error (error, WM_IMPORT_ERROR, WM_IMPORT_ERROR_MALFORMED);
  g_assert_nonnull (strstr (error->message, "line 2"));
  g_clear_error (&error);

  /* The same without quotes, on one line. */
  g_string_assign (text, "Surname,DOB\nPrice,");
  g_string_set_size (text, 10 * 1024 * 1024);
  memset (text->str + 18, '1', text->len - 18);
  import = import_text (text->str, text->len, &error);
  g_assert_error (error, WM_IMPORT_ERROR, WM_IMPORT_ERROR_MALFORMED);
  g_clear_error (&error);

  /* A file over the size limit is refused before it is read. */
  g_string_set_size (text, WM_IMPORT_MAX_BYTES + 1);
  import = import_text (text->str, text->len, &error);
  g_assert_error (error, WM_IMPORT_ERROR, WM_IMPORT_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "50 MB"));
  g_clear_error (&error);
}

static void
test_row_limit (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WmImport) import = NULL;
  g_autoptr(GString) text = g_string_new ("Surname,DOB\n");

  for (guint i = 0; i <= WM_IMPORT_MAX_ROWS; i++)
    g_string_append (text, "a,x\n");
  import = import_text (text->str, text->len, &error);
  g_assert_error (error, WM_IMPORT_ERROR, WM_IMPORT_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "100000"));
}

static void
test_stray_quote (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WmImport) import = NULL;
  const char *text = "Surname,DOB\nO\"Brien,14/05/2010\n\"Price\"x,14/05/2010\nEvans,14/05/2010\n";

  /* One slip costs its own row; reading goes on at the next line. */
  import = import_text (text, strlen (text), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (wm_import_get_rows (import)->len, ==, 3);
  assert_rejected (import, 2, "quotation mark");
  assert_rejected (import, 3, "quotation mark");
  g_assert_nonnull (row_at_line (import, 4)->profile);
}

static void
test_dates (void)
{
  const struct { const char *text; const char *iso; } dates[] = {
    { "14/05/2010", "2010-05-14" },
    { "4/5/2010", "2010-05-04" },
    { "04.05.2010", "2010-05-04" },
    { "04-05-2010", "2010-05-04" },
    { "2010-05-04", "2010-05-04" },
    { "14/05/2010 00:00", "2010-05-14" },
    { "14/05/10", NULL },       /* which century? */
    { "May 14 2010", NULL },
    { "14/05-2010", NULL },
    { "123/05/2010", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    {
      g_autofree char *text = g_strdup_printf ("Surname,DOB\nPrice,%s\n", dates[i].text);
      g_autoptr(GError) error = NULL;
      g_autoptr(WmImport) import = import_text (text, strlen (text), &error);
      const WmImportRow *row;

      g_assert_no_error (error);
      row = row_at_line (import, 2);
      if (dates[i].iso != NULL)
        g_assert_cmpstr (field_of (row, WM_PROFILE_DATE_OF_BIRTH), ==, dates[i].iso);
      else
        {
          g_assert_null (row->profile);
          g_assert_nonnull (strstr (row->reason, "dd/mm/yyyy"));
        }
    }
}

/* Rows that seem to be one young person, in the file or already a case,
 * are warned of, not refused: two people may share both. */
static void
test_duplicates (void)
{
  const char *text = "Surname,First name,DOB\nPrice,Aled,14/05/2010\nAled,Price,2010-05-14\n"
                     "PRICE,aled,14/5/2010\nPrice,Bethan,14/05/2010\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(WmImport) import = import_text (text, strlen (text), &error);
  g_autoptr(GVariant) existing = NULL;
  GVariantDict dict;

  g_assert_no_error (error);
  g_assert_cmpuint (wm_import_get_n_valid (import), ==, 4);
  g_assert_cmpuint (row_at_line (import, 2)->warnings->len, ==, 0);
  g_assert_cmpuint (row_at_line (import, 3)->warnings->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (row_at_line (import, 3)->warnings, 0), "Line 2"));
  g_assert_cmpuint (row_at_line (import, 4)->warnings->len, ==, 1);
  g_assert_cmpuint (row_at_line (import, 5)->warnings->len, ==, 0);

  g_variant_dict_init (&dict, NULL);
  g_variant_dict_insert (&dict, WM_PROFILE_GIVEN_NAME, "s", "Bethan");
  g_variant_dict_insert (&dict, WM_PROFILE_FAMILY_NAME, "s", "Price");
  g_variant_dict_insert (&dict, WM_PROFILE_DATE_OF_BIRTH, "s", "2010-05-14");
  existing = g_variant_ref_sink (g_variant_dict_end (&dict));
  g_assert_cmpuint (wm_import_check_existing (import, "WM-7KQ2XM", existing), ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (row_at_line (import, 5)->warnings, 0), "WM-7KQ2XM"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/import/mixed-rows", test_mixed_rows);
  g_test_add_func ("/import/column-mapping", test_column_mapping);
  g_test_add_func ("/import/windows-1252", test_windows_1252);
  g_test_add_func ("/import/utf8-bom", test_utf8_bom);
  g_test_add_func ("/import/whole-file-errors", test_whole_file_errors);
  g_test_add_func ("/import/binary-junk", test_binary_junk);
  g_test_add_func ("/import/huge-field", test_huge_field);
  g_test_add_func ("/import/row-limit", test_row_limit);
  g_test_add_func ("/import/stray-quote", test_stray_quote);
  g_test_add_func ("/import/dates", test_dates);
  g_test_add_func ("/import/duplicates", test_duplicates);

  return g_test_run ();
}
