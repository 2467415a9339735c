/* test-referral-pdf.c — referral PDFs read back with poppler: marking, pages, sections, scripts, password
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each test writes a PDF with app/report and reads it back as a partner's
 * viewer would, through poppler: the text a reader can search and copy is
 * what is checked, not what Waymark believes it drew.
 */

#include "config.h"

#include <string.h>

#include <poppler.h>
#include <glib/gstdio.h>

#include "wm-referral-pages.h"
#include "wm-referral-pdf.h"
#include "wm-referral-summary.h"
#include "wm-report-error.h"

/* Synthetic names, one per script the issue names: Welsh (ŵ, ŷ), Polish,
 * Urdu (ہ and ے are letters DejaVu Sans lacks) and Arabic (لا is drawn as
 * one ligature, yet must come back as two letters). */
/* poppler-glib 22.12 declares no g_autoptr cleanups of its own. */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerDocument, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerPage, g_object_unref)

#define NAME_WELSH  "Siôn Llŷr Gŵyn"
#define NAME_POLISH "Łucja Wiśniewska-Żółć"
#define NAME_URDU   "عائشہ بے نظیر"
#define NAME_ARABIC "علاء يوسف"

typedef struct
{
  char *dir;
  char *path;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("waymark-report-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "referral.pdf", NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (fixture->dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

static guint
count_entries (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  guint n = 0;

  while (dir != NULL && g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

/* A complete referral: every field a data-protection officer checks. */
static WmReferralSummary *
make_referral (guint n_contacts)
{
  WmReferralSummary *summary = wm_referral_summary_new ("WM-2026-0042", "2026-12-02");
  WmReferralParty referrer = {
    .name = "Caseworker Alpha", .role = "Caseworker", .organisation = "Diversion Hub West",
    .address = "1 Example Street\nExampletown EX1 1AA", .telephone = "01632 960000",
    .email = "hub@example.org",
  };
  WmReferralParty recipient = {
    .name = "Duty worker", .organisation = "Example Youth Justice Service",
    .email = "yjs@example.gov.uk",
  };
  WmReferralBasis basis = {
    .basis = WM_LAWFUL_BASIS_PUBLIC_TASK,
    .condition = WM_SCHEDULE1_SAFEGUARDING,
    .informed = WM_REFERRAL_INFORMED_AGREED,
    .informed_who = "The young person and their mother",
    .informed_when = "2026-11-30",
    .competence = WM_COMPETENCE_GILLICK_COMPETENT,
    .reason = "Sharing is needed so the service can offer support before the court date.",
  };
  g_autoptr(GArray) contacts = g_array_new (FALSE, TRUE, sizeof (WmReferralContact));
  g_autoptr(GPtrArray) notes = g_ptr_array_new_with_free_func (g_free);

  wm_referral_summary_set_referrer (summary, &referrer);
  wm_referral_summary_set_recipient (summary, &recipient);
  wm_referral_summary_set_request (summary, "Support with education and exploitation risk.",
                                   WM_REFERRAL_URGENCY_SOON, "An assessment appointment within two weeks.");
  wm_referral_summary_set_lawful_basis (summary, &basis);

  for (guint i = 0; i < n_contacts; i++)
    {
      WmReferralContact contact = { .date = "2026-10-01", .method = "Face to face", .minutes = 30 + i };

      /* Every note is different in length, so rows of one, two and
       * several lines meet the page breaks. */
      g_ptr_array_add (notes, g_strdup_printf ("NOTE-%02u met at the youth centre and talked about school.%s", i,
                                               i % 3 == 0 ? " They spoke about friends, the weekend, the bus "
                                               "fare, an argument at home and a plan for the week ahead." : ""));
      contact.note = g_ptr_array_index (notes, i);
      g_array_append_val (contacts, contact);
    }
  wm_referral_summary_add_contacts (summary, WM_REFERRAL_SECTION_CONTACTS,
                                    (WmReferralContact *) (void *) contacts->data, contacts->len);
  return summary;
}

/* Like strstr, through a PDF's binary streams and their NUL bytes. */
static gboolean
contains_bytes (const char *data,
                gsize       length,
                const char *needle)
{
  gsize n = strlen (needle);

  for (gsize i = 0; i + n <= length; i++)
    if (memcmp (data + i, needle, n) == 0)
      return TRUE;
  return FALSE;
}

static PopplerDocument *
open_pdf (const char  *path,
          const char  *password,
          GError     **error)
{
  g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);

  return poppler_document_new_from_file (uri, password, error);
}

static char *
page_text (PopplerDocument *document,
           int              index)
{
  g_autoptr(PopplerPage) page = poppler_document_get_page (document, index);

  return poppler_page_get_text (page);
}

static char *
document_text (PopplerDocument *document)
{
  GString *text = g_string_new (NULL);

  for (int i = 0; i < poppler_document_get_n_pages (document); i++)
    {
      g_autofree char *page = page_text (document, i);

      g_string_append (text, page);
      g_string_append_c (text, '\n');
    }
  return g_string_free (text, FALSE);
}

static guint
count_occurrences (const char *haystack,
                   const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (haystack, needle); p != NULL; p = strstr (p + 1, needle))
    n++;
  return n;
}

/* The marking is on the top and the bottom of every page of a referral
 * that runs to several pages, each page says "Page x of y", the contacts
 * table repeats its header on each page it runs on, and no contact is
 * lost or doubled at a break. */
static void
test_marking_and_pages (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(WmReferralSummary) summary = make_referral (40);
  g_autoptr(PopplerDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *all = NULL;
  int n_pages;
  guint pages_with_table_header = 0;

  wm_referral_pdf_write (summary, fixture->path, NULL, &error);
  g_assert_no_error (error);
  document = open_pdf (fixture->path, NULL, &error);
  g_assert_no_error (error);

  n_pages = poppler_document_get_n_pages (document);
  g_assert_cmpint (n_pages, >=, 3);

  for (int i = 0; i < n_pages; i++)
    {
      g_autoptr(PopplerPage) page = poppler_document_get_page (document, i);
      g_autofree char *text = poppler_page_get_text (page);
      g_autofree char *numbering = g_strdup_printf ("Page %d of %d", i + 1, n_pages);
      GList *matches = poppler_page_find_text (page, "OFFICIAL-SENSITIVE");
      double width, height, lowest = G_MAXDOUBLE, highest = -G_MAXDOUBLE;

      poppler_page_get_size (page, &width, &height);
      g_assert_cmpfloat_with_epsilon (width, 595.28, 0.5);
      g_assert_cmpfloat_with_epsilon (height, 841.89, 0.5);

      /* Two markings, one in the top tenth and one in the bottom tenth of
       * the page, whichever way up poppler counts. */
      g_assert_cmpuint (g_list_length (matches), ==, 2);
      for (GList *l = matches; l != NULL; l = l->next)
        {
          PopplerRectangle *rect = l->data;

          lowest = MIN (lowest, MIN (rect->y1, rect->y2));
          highest = MAX (highest, MAX (rect->y1, rect->y2));
        }
      g_list_free_full (matches, (GDestroyNotify) poppler_rectangle_free);
      g_assert_cmpfloat (lowest, <, height * 0.1);
      g_assert_cmpfloat (highest, >, height * 0.9);

      g_assert_nonnull (strstr (text, numbering));
      g_assert_nonnull (strstr (text, "Reference: WM-2026-0042"));
      if (strstr (text, "NOTE-") != NULL)
        {
          g_assert_nonnull (strstr (text, "Duration"));
          pages_with_table_header++;
        }
    }
  g_assert_cmpuint (pages_with_table_header, >=, 2);

  all = document_text (document);
  for (guint i = 0; i < 40; i++)
    {
      g_autofree char *note = g_strdup_printf ("NOTE-%02u met", i);

      g_assert_cmpuint (count_occurrences (all, note), ==, 1);
    }
  g_assert_nonnull (strstr (all, "Referrer"));
  g_assert_nonnull (strstr (all, "Received by (partner service)"));
}

/* What the caseworker chose is in the PDF; what they left out is not, not
 * even as an empty heading. */
static void
test_sections (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(WmReferralSummary) summary = make_referral (2);
  g_autoptr(PopplerDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *all = NULL;
  WmReferralField details[] = {
    { "Name", "CANARY-NAME" },
    { "Date of birth", "2011-04-23" },
  };
  WmReferralField risk[] = { { "Risk of serious harm", "CANARY-RISK medium" } };

  wm_referral_summary_add_fields (summary, WM_REFERRAL_SECTION_BASIC_DETAILS, details, G_N_ELEMENTS (details));
  wm_referral_summary_add_fields (summary, WM_REFERRAL_SECTION_RISK_SUMMARY, risk, G_N_ELEMENTS (risk));
  wm_referral_summary_set_ace_count (summary, 3, 10);
  wm_referral_summary_add_text (summary, WM_REFERRAL_SECTION_PLAN, "CANARY-PLAN weekly mentoring sessions");

  g_assert_cmpuint (wm_referral_summary_get_n_sections (summary), ==, 5);
  g_assert_cmpint (wm_referral_summary_get_section (summary, 0), ==, WM_REFERRAL_SECTION_CONTACTS);
  g_assert_cmpint (wm_referral_summary_get_section (summary, 4), ==, WM_REFERRAL_SECTION_PLAN);

  wm_referral_pdf_write (summary, fixture->path, NULL, &error);
  g_assert_no_error (error);
  document = open_pdf (fixture->path, NULL, &error);
  g_assert_no_error (error);
  all = document_text (document);

  g_assert_nonnull (strstr (all, "CANARY-NAME"));
  g_assert_nonnull (strstr (all, "CANARY-RISK"));
  g_assert_nonnull (strstr (all, "CANARY-PLAN"));
  g_assert_nonnull (strstr (all, "NOTE-01"));
  g_assert_nonnull (strstr (all, "ACE count: 3 of 10"));
  g_assert_nonnull (strstr (all, "population measure"));
  g_assert_nonnull (strstr (all, "not a prediction"));
  g_assert_nonnull (strstr (all, "Public task"));
  g_assert_nonnull (strstr (all, "paragraph 18"));

  /* Left out: their headings and anything of theirs. */
  g_assert_null (strstr (all, "Adverse childhood experiences recorded"));
  g_assert_null (strstr (all, "Strengths and protective factors"));
  g_assert_null (strstr (all, "own views"));
  g_assert_null (strstr (all, "Recent contacts"));
}

static char *
nfc (const char *text)
{
  return g_utf8_normalize (text, -1, G_NORMALIZE_NFC);
}

/* Text extractors do not agree on right-to-left text drawn among
 * left-to-right text: poppler hands it back in visual order (reversed),
 * wraps letters in embedding marks, and puts spaces between letters by
 * their positions. So for Arabic script the check is on the letters, in
 * order one way or the other: a letter drawn as a hex box, a missing
 * glyph or a ligature mapped to the wrong letters still fails it. */
static char *
letters_only (const char *text,
              gboolean    reversed)
{
  g_autofree char *normal = nfc (text);
  GString *out = g_string_new (NULL);
  glong n = g_utf8_strlen (normal, -1);

  for (glong i = 0; i < n; i++)
    {
      const char *p = g_utf8_offset_to_pointer (normal, reversed ? n - 1 - i : i);
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || c == 0x202b || c == 0x202c || c == 0x200e || c == 0x200f)
        continue;
      g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

/* A reader who copies a name out of the PDF, or a screen reader that
 * reads it aloud, gets the letters that were typed, in every script. */
static void
test_scripts (Fixture       *fixture,
              gconstpointer  data)
{
  const char *latin[] = { NAME_WELSH, NAME_POLISH };
  const char *arabic[] = { NAME_URDU, NAME_ARABIC };
  g_autoptr(WmReferralSummary) summary = make_referral (1);
  g_autoptr(PopplerDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *all = NULL;
  g_autofree char *all_nfc = NULL;
  g_autofree char *all_letters = NULL;
  WmReferralField fields[] = {
    { "Name", NAME_WELSH },
    { "Mother", NAME_POLISH },
    { "Father", NAME_URDU },
    { "Carer", NAME_ARABIC },
  };

  wm_referral_summary_add_fields (summary, WM_REFERRAL_SECTION_BASIC_DETAILS, fields, G_N_ELEMENTS (fields));
  wm_referral_summary_add_text (summary, WM_REFERRAL_SECTION_OWN_VIEWS, "Mae " NAME_WELSH " eisiau help.");

  wm_referral_pdf_write (summary, fixture->path, NULL, &error);
  g_assert_no_error (error);
  document = open_pdf (fixture->path, NULL, &error);
  g_assert_no_error (error);
  all = document_text (document);
  all_nfc = nfc (all);
  all_letters = letters_only (all, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (latin); i++)
    {
      g_autofree char *name = nfc (latin[i]);

      g_assert_nonnull (strstr (all_nfc, name));
    }
  g_assert_nonnull (strstr (all_nfc, "Mae " NAME_WELSH " eisiau help."));

  for (guint i = 0; i < G_N_ELEMENTS (arabic); i++)
    {
      g_autofree char *forwards = letters_only (arabic[i], FALSE);
      g_autofree char *backwards = letters_only (arabic[i], TRUE);

      g_assert_true (strstr (all_letters, forwards) != NULL || strstr (all_letters, backwards) != NULL);
    }
}

/* A protected file does not open without its password, nor with another,
 * and opens with it. */
static void
test_password (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(WmReferralSummary) summary = make_referral (3);
  g_autoptr(PopplerDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  wm_referral_pdf_write (summary, fixture->path, "correct horse battery", &error);
  g_assert_no_error (error);

  document = open_pdf (fixture->path, NULL, &error);
  g_assert_error (error, POPPLER_ERROR, POPPLER_ERROR_ENCRYPTED);
  g_assert_null (document);
  g_clear_error (&error);

  document = open_pdf (fixture->path, "wrong horse", &error);
  g_assert_error (error, POPPLER_ERROR, POPPLER_ERROR_ENCRYPTED);
  g_assert_null (document);
  g_clear_error (&error);

  document = open_pdf (fixture->path, "correct horse battery", &error);
  g_assert_no_error (error);
  g_assert_cmpint (poppler_document_get_n_pages (document), >=, 1);
  text = page_text (document, 0);
  g_assert_nonnull (strstr (text, "OFFICIAL-SENSITIVE"));

  /* AES-256 (revision 6), and the content is not readable in the file. */
  g_file_get_contents (fixture->path, &contents, &length, &error);
  g_assert_no_error (error);
  g_assert_true (contains_bytes (contents, length, "/V 5"));
  g_assert_true (contains_bytes (contents, length, "/R 6"));
  g_assert_false (contains_bytes (contents, length, "WM-2026-0042"));
  g_assert_false (contains_bytes (contents, length, "Caseworker Alpha"));

  /* An empty password is refused rather than giving a file that opens
   * without one, and the file already there is left alone. */
  g_assert_false (wm_referral_pdf_write (summary, fixture->path, "", &error));
  g_assert_error (error, WM_REPORT_ERROR, WM_REPORT_ERROR_PROTECT);
  g_clear_error (&error);
  g_clear_object (&document);
  document = open_pdf (fixture->path, NULL, &error);
  g_assert_error (error, POPPLER_ERROR, POPPLER_ERROR_ENCRYPTED);
}

/* Title, author and creator are set, and neither they nor the default
 * file name carry the young person's name. */
static void
test_metadata (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(WmReferralSummary) summary = make_referral (1);
  g_autoptr(PopplerDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  g_autofree char *author = NULL;
  g_autofree char *creator = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *filename = NULL;
  WmReferralField field = { "Name", NAME_WELSH };

  wm_referral_summary_add_fields (summary, WM_REFERRAL_SECTION_BASIC_DETAILS, &field, 1);
  wm_referral_pdf_write (summary, fixture->path, NULL, &error);
  g_assert_no_error (error);
  document = open_pdf (fixture->path, NULL, &error);
  g_assert_no_error (error);

  title = poppler_document_get_title (document);
  author = poppler_document_get_author (document);
  creator = poppler_document_get_creator (document);
  subject = poppler_document_get_subject (document);
  g_assert_cmpstr (title, ==, "Referral summary WM-2026-0042");
  g_assert_cmpstr (author, ==, "Caseworker Alpha, Diversion Hub West");
  g_assert_true (g_str_has_prefix (creator, "Waymark "));
  g_assert_cmpstr (subject, ==, "Referral to Example Youth Justice Service");

  filename = wm_referral_pdf_default_filename (summary);
  g_assert_cmpstr (filename, ==, "referral-WM-2026-0042-2026-12-02.pdf");
  g_assert_null (strstr (filename, "Siôn"));

  /* The file is the user's alone. */
  {
    GStatBuf st;

    g_assert_cmpint (g_stat (fixture->path, &st), ==, 0);
    g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  }
}

/* A referral without a lawful basis, a reason for sharing, or a record of
 * who was told is refused with a message that names what is missing, and
 * nothing is written: no file, no temporary file, the old file intact. */
static void
test_refused (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(WmReferralSummary) summary = make_referral (1);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  WmReferralBasis basis = { .basis = WM_LAWFUL_BASIS_NONE };
  WmReferralField risk[] = { { "Risk of serious harm", "medium" } };

  wm_referral_summary_set_lawful_basis (summary, &basis);
  g_assert_false (wm_referral_pdf_write (summary, fixture->path, NULL, &error));
  g_assert_error (error, WM_REPORT_ERROR, WM_REPORT_ERROR_INCOMPLETE);
  g_assert_nonnull (strstr (error->message, "Article 6"));
  g_clear_error (&error);
  g_assert_cmpuint (count_entries (fixture->dir), ==, 0);

  basis.basis = WM_LAWFUL_BASIS_LEGITIMATE_INTERESTS;
  wm_referral_summary_set_lawful_basis (summary, &basis);
  g_assert_false (wm_referral_summary_check (summary, &error));
  g_assert_error (error, WM_REPORT_ERROR, WM_REPORT_ERROR_INCOMPLETE);
  g_assert_nonnull (strstr (error->message, "reason for sharing"));
  g_clear_error (&error);

  basis.reason = "To keep them safe.";
  wm_referral_summary_set_lawful_basis (summary, &basis);
  g_assert_false (wm_referral_summary_check (summary, &error));
  g_assert_nonnull (strstr (error->message, "were told"));
  g_clear_error (&error);

  basis.informed = WM_REFERRAL_INFORMED_NOT_TOLD;
  wm_referral_summary_set_lawful_basis (summary, &basis);
  g_assert_false (wm_referral_summary_check (summary, &error));
  g_assert_nonnull (strstr (error->message, "not told"));
  g_clear_error (&error);

  basis.not_told_reason = "Telling the family would put the young person at risk.";
  wm_referral_summary_set_lawful_basis (summary, &basis);
  g_assert_true (wm_referral_summary_check (summary, &error));
  g_assert_no_error (error);

  /* Risk and needs are special-category data: a Schedule 1 condition. */
  wm_referral_summary_add_fields (summary, WM_REFERRAL_SECTION_RISK_SUMMARY, risk, 1);
  g_assert_false (wm_referral_summary_check (summary, &error));
  g_assert_nonnull (strstr (error->message, "Schedule 1"));
  g_clear_error (&error);

  /* An old file at the destination survives a refused write. */
  g_file_set_contents (fixture->path, "old", -1, &error);
  g_assert_no_error (error);
  g_assert_false (wm_referral_pdf_write (summary, fixture->path, NULL, &error));
  g_clear_error (&error);
  g_file_get_contents (fixture->path, &contents, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (contents, ==, "old");
  g_assert_cmpuint (count_entries (fixture->dir), ==, 1);
}

/* A folder that cannot be written to gives a WRITE error and no file. */
static void
test_unwritable (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(WmReferralSummary) summary = make_referral (1);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "missing", "referral.pdf", NULL);

  g_assert_false (wm_referral_pdf_write (summary, path, NULL, &error));
  g_assert_error (error, WM_REPORT_ERROR, WM_REPORT_ERROR_WRITE);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_entries (fixture->dir), ==, 0);
}

/* Section ids round-trip, as the command line and referral records use
 * them; "none" is not a lawful basis. */
static void
test_vocabulary (void)
{
  WmLawfulBasis basis;
  WmSchedule1Condition condition;
  WmReferralUrgency urgency;

  for (guint i = 0; i < WM_REFERRAL_N_SECTIONS; i++)
    {
      WmReferralSection section;

      g_assert_true (wm_referral_section_from_string (wm_referral_section_to_string (i), &section));
      g_assert_cmpint (section, ==, i);
    }
  g_assert_true (wm_lawful_basis_from_string ("public-task", &basis));
  g_assert_cmpint (basis, ==, WM_LAWFUL_BASIS_PUBLIC_TASK);
  g_assert_true (wm_lawful_basis_from_string ("consent", &basis));
  g_assert_cmpint (basis, ==, WM_LAWFUL_BASIS_CONSENT);
  g_assert_false (wm_lawful_basis_from_string ("none", &basis));
  g_assert_false (wm_lawful_basis_from_string ("safeguarding", &basis));
  g_assert_true (wm_schedule1_condition_from_string ("safeguarding", &condition));
  g_assert_cmpint (condition, ==, WM_SCHEDULE1_SAFEGUARDING);
  g_assert_true (wm_referral_urgency_from_string ("urgent", &urgency));
  g_assert_cmpint (urgency, ==, WM_REFERRAL_URGENCY_URGENT);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/report/pdf/marking-and-pages", test_marking_and_pages);
  ADD ("/report/pdf/sections", test_sections);
  ADD ("/report/pdf/scripts", test_scripts);
  ADD ("/report/pdf/password", test_password);
  ADD ("/report/pdf/metadata", test_metadata);
  ADD ("/report/pdf/refused", test_refused);
  ADD ("/report/pdf/unwritable", test_unwritable);
#undef ADD
  g_test_add_func ("/report/vocabulary", test_vocabulary);

  return g_test_run ();
}
