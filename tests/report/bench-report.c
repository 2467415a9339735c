/* bench-report.c — how long a referral PDF takes to render, beside bare cairo/pango doing the same pages
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Two referrals: one of three pages (every section, a dozen contacts) and
 * one of forty contacts. Each is rendered to a PDF in memory by app/report
 * (pagination, drawing, metadata), by app/report with a password (qpdf,
 * AES-256), and by the floor (bench-report-floor.c: the same text with the
 * same layout calls and no Waymark code), in turns, in one process, so the
 * font caches are warm for all three alike. Times are medians, in
 * milliseconds. Disk writes are left out: they measure the disk.
 *
 *   bench-report [--iterations N] [--write DIR]
 *
 * --write saves the two Waymark PDFs to DIR to look at (pdftoppm -png).
 */

#include "config.h"

#include <stdlib.h>

#include "bench-report-floor.h"
#include "wm-referral-pages.h"
#include "wm-referral-pdf.h"
#include "wm-referral-summary.h"

#define REFERENCE "WM-2026-0042"
#define DATE      "2026-12-02"

static const WmReferralParty referrer = {
  .name = "Caseworker Alpha", .role = "Caseworker", .organisation = "Diversion Hub West",
  .address = "1 Example Street\nExampletown EX1 1AA", .telephone = "01632 960000",
  .email = "hub@example.org",
};
static const WmReferralParty recipient = {
  .name = "Duty worker", .organisation = "Example Youth Justice Service",
  .email = "yjs@example.gov.uk",
};
#define REFERRER_TEXT "Caseworker Alpha\nCaseworker\nDiversion Hub West\n1 Example Street\nExampletown EX1 1AA\n" \
                      "Telephone: 01632 960000\nEmail: hub@example.org"
#define RECIPIENT_TEXT "Duty worker\nExample Youth Justice Service\nEmail: yjs@example.gov.uk"

#define REASON "Support with education and the risk of exploitation after two missing episodes this term."
#define ACTION "An assessment appointment within two weeks, and a named worker."
#define BASIS_REASON "Sharing is necessary to protect the young person from exploitation and is proportionate: " \
                     "only the sections the service needs are included."
#define STRENGTHS "Close to an older sister who is a steady presence. Enjoys boxing and goes to the club three " \
                  "evenings a week. Has kept every appointment since September and speaks up for a younger brother."
#define VIEWS "“I want to get back into college and stop getting dragged into stuff. I don’t want my mum to worry.” " \
              "Would prefer appointments after school and not at home."
#define PLAN "Weekly sessions with the caseworker; referral to the youth justice service for an assessment; " \
             "a meeting with the college inclusion lead; review in six weeks."
#define RISK_NOTE "Risk has fallen since the summer: fewer missing episodes, back in education part time. " \
                  "Concerns remain about older associates and a debt the young person mentioned once."
#define ACE_TEXT "The ACE count is a population measure: across many people, more adverse experiences go with " \
                 "poorer outcomes on average. It is not a prediction for this young person, and it says nothing " \
                 "of their strengths or of the support around them."

static const WmReferralField details[] = {
  { "Name", "Siôn Llŷr Gŵyn" },
  { "Date of birth", "2010-03-14" },
  { "Age", "16" },
  { "Address", "12 Example Close, Exampletown EX2 2BB" },
  { "School or college", "Exampletown College (part-time timetable)" },
};
static const WmReferralField risk[] = {
  { "Risk of serious harm", "Medium" },
  { "Exploitation", "Concern: older associates, a debt mentioned" },
  { "Education", "Part-time timetable since October" },
  { "Family", "Lives with mother and younger brother" },
};

typedef struct
{
  WmReferralSummary *summary;
  GArray            *floor;     /* FloorBlock */
  GPtrArray         *strings;   /* owned strings the floor blocks point into */
} Case;

static void
floor_add (Case       *c,
           FloorKind   kind,
           const char *s0,
           const char *s1,
           const char *s2,
           const char *s3)
{
  FloorBlock block = { kind, { s0, s1, s2, s3 } };

  g_array_append_val (c->floor, block);
}

static void
add_fields (Case                  *c,
            WmReferralSection      section,
            const WmReferralField *fields,
            gsize                  n)
{
  wm_referral_summary_add_fields (c->summary, section, fields, n);
  for (gsize i = 0; i < n; i++)
    floor_add (c, FLOOR_FIELD, fields[i].label, fields[i].value, NULL, NULL);
}

static void
add_text (Case              *c,
          WmReferralSection  section,
          const char        *text)
{
  wm_referral_summary_add_text (c->summary, section, text);
  floor_add (c, FLOOR_PARAGRAPH, text, NULL, NULL, NULL);
}

static void
make_case (Case  *c,
           guint  n_contacts,
           gboolean all_sections)
{
  WmReferralBasis basis = {
    .basis = WM_LAWFUL_BASIS_PUBLIC_TASK,
    .condition = WM_SCHEDULE1_SAFEGUARDING,
    .informed = WM_REFERRAL_INFORMED_AGREED,
    .informed_who = "The young person and their mother",
    .informed_when = "2026-11-30",
    .competence = WM_COMPETENCE_HAS_CAPACITY,
    .reason = BASIS_REASON,
  };
  g_autoptr(GArray) contacts = g_array_new (FALSE, TRUE, sizeof (WmReferralContact));

  c->summary = wm_referral_summary_new (REFERENCE, DATE);
  c->floor = g_array_new (FALSE, TRUE, sizeof (FloorBlock));
  c->strings = g_ptr_array_new_with_free_func (g_free);

  wm_referral_summary_set_referrer (c->summary, &referrer);
  wm_referral_summary_set_recipient (c->summary, &recipient);
  wm_referral_summary_set_request (c->summary, REASON, WM_REFERRAL_URGENCY_SOON, ACTION);
  wm_referral_summary_set_lawful_basis (c->summary, &basis);

  floor_add (c, FLOOR_TITLE, "Referral summary", NULL, NULL, NULL);
  floor_add (c, FLOOR_FIELD, "Document reference", REFERENCE, NULL, NULL);
  floor_add (c, FLOOR_FIELD, "Date", DATE, NULL, NULL);
  floor_add (c, FLOOR_PARTIES, REFERRER_TEXT, RECIPIENT_TEXT, NULL, NULL);
  floor_add (c, FLOOR_HEADING, "The referral", NULL, NULL, NULL);
  floor_add (c, FLOOR_FIELD, "Reason for referral", REASON, NULL, NULL);
  floor_add (c, FLOOR_FIELD, "Urgency", "Within a week", NULL, NULL);
  floor_add (c, FLOOR_FIELD, "Requested action", ACTION, NULL, NULL);
  floor_add (c, FLOOR_HEADING, "Lawful basis for sharing", NULL, NULL, NULL);
  floor_add (c, FLOOR_FIELD, "UK GDPR Article 6 basis", wm_lawful_basis_label (basis.basis), NULL, NULL);
  floor_add (c, FLOOR_FIELD, "DPA 2018 Schedule 1 condition", wm_schedule1_condition_label (basis.condition), NULL, NULL);
  floor_add (c, FLOOR_FIELD, "Young person and family told", "Yes, and they agreed", NULL, NULL);
  floor_add (c, FLOOR_FIELD, "Who was told", basis.informed_who, NULL, NULL);
  floor_add (c, FLOOR_FIELD, "When", basis.informed_when, NULL, NULL);
  floor_add (c, FLOOR_FIELD, "Competence", wm_competence_label (basis.competence), NULL, NULL);
  floor_add (c, FLOOR_FIELD, "Reason for sharing", BASIS_REASON, NULL, NULL);

  if (all_sections)
    {
      floor_add (c, FLOOR_HEADING, "Basic details", NULL, NULL, NULL);
      add_fields (c, WM_REFERRAL_SECTION_BASIC_DETAILS, details, G_N_ELEMENTS (details));
      floor_add (c, FLOOR_HEADING, "Latest risk and needs summary", NULL, NULL, NULL);
      add_fields (c, WM_REFERRAL_SECTION_RISK_SUMMARY, risk, G_N_ELEMENTS (risk));
      add_text (c, WM_REFERRAL_SECTION_RISK_SUMMARY, RISK_NOTE);
      floor_add (c, FLOOR_HEADING, "Adverse childhood experiences (ACE) count", NULL, NULL, NULL);
      wm_referral_summary_set_ace_count (c->summary, 3, 10);
      floor_add (c, FLOOR_BOLD_PARAGRAPH, "ACE count: 3 of 10", NULL, NULL, NULL);
      floor_add (c, FLOOR_PARAGRAPH, ACE_TEXT, NULL, NULL, NULL);
      floor_add (c, FLOOR_HEADING, "Strengths and protective factors", NULL, NULL, NULL);
      add_text (c, WM_REFERRAL_SECTION_STRENGTHS, STRENGTHS);
      floor_add (c, FLOOR_HEADING, "The young person’s own views", NULL, NULL, NULL);
      add_text (c, WM_REFERRAL_SECTION_OWN_VIEWS, VIEWS);
    }

  floor_add (c, FLOOR_HEADING, "Contacts", NULL, NULL, NULL);
  floor_add (c, FLOOR_TABLE_HEADER, "Date", "Method", "Duration", "Note");
  for (guint i = 0; i < n_contacts; i++)
    {
      static const char *methods[] = { "Face to face", "Phone call", "Video call", "Activity attended" };
      char *date = g_strdup_printf ("2026-%02u-%02u", 9 + i / 28 % 3, 1 + i % 28);
      char *minutes = g_strdup_printf ("%u min", 20 + i % 5 * 10);
      char *note = g_strdup_printf ("Met after school and talked about the week: college, the boxing club and "
                                    "home.%s Agreed to meet again next week.",
                                    i % 3 == 0 ? " Raised worries about an older friend who has been asking for "
                                    "favours, and we talked through who to call if that happens again." : "");
      WmReferralContact contact = { date, methods[i % 4], 20 + i % 5 * 10, note };

      g_ptr_array_add (c->strings, date);
      g_ptr_array_add (c->strings, minutes);
      g_ptr_array_add (c->strings, note);
      g_array_append_val (contacts, contact);
      floor_add (c, FLOOR_TABLE_ROW, date, methods[i % 4], minutes, note);
    }
  wm_referral_summary_add_contacts (c->summary, WM_REFERRAL_SECTION_CONTACTS,
                                    (const WmReferralContact *) (const void *) contacts->data, contacts->len);

  if (all_sections)
    {
      floor_add (c, FLOOR_HEADING, "Plan", NULL, NULL, NULL);
      add_text (c, WM_REFERRAL_SECTION_PLAN, PLAN);
    }
  floor_add (c, FLOOR_HEADING, "Signatures", NULL, NULL, NULL);
  floor_add (c, FLOOR_SIGNATURES, NULL, NULL, NULL, NULL);
}

static void
case_clear (Case *c)
{
  g_clear_object (&c->summary);
  g_clear_pointer (&c->floor, g_array_unref);
  g_clear_pointer (&c->strings, g_ptr_array_unref);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median (GArray *times)
{
  g_array_sort (times, compare_doubles);
  if (times->len % 2 == 1)
    return g_array_index (times, double, times->len / 2);
  return (g_array_index (times, double, times->len / 2 - 1) + g_array_index (times, double, times->len / 2)) / 2;
}

typedef struct
{
  double waymark, protected_, floor_;
  guint  waymark_pages, floor_pages;
} Result;

static Result
run_case (Case        *c,
          guint        iterations,
          const char  *write_path)
{
  g_autoptr(GArray) waymark = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) protected_ = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) floor_ = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(WmReferralPages) pages = wm_referral_pages_new (c->summary);
  Result result = { 0 };

  result.waymark_pages = wm_referral_pages_get_n_pages (pages);

  /* Two rounds unmeasured first: fonts loaded, caches warm, for all three. */
  for (guint i = 0; i < iterations + 2; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GBytes) floor_bytes = NULL;
      gint64 t0, t1, t2, t3;

      t0 = g_get_monotonic_time ();
      bytes = wm_referral_pdf_render (c->summary, &error);
      g_assert_no_error (error);
      t1 = g_get_monotonic_time ();
      floor_bytes = floor_render_pdf ((const FloorBlock *) (const void *) c->floor->data, c->floor->len,
                                      REFERENCE, &result.floor_pages);
      t2 = g_get_monotonic_time ();
      /* With a password: the same rendering, then qpdf. Written to
       * /dev/null, which costs no disk time. */
      wm_referral_pdf_write (c->summary, "/dev/null", "a password", &error);
      t3 = g_get_monotonic_time ();
      /* Renaming over /dev/null is refused: that error is expected, and
       * comes after everything measured. */
      g_clear_error (&error);

      if (i >= 2)
        {
          double ms[3] = { (t1 - t0) / 1000.0, (t2 - t1) / 1000.0, (t3 - t2) / 1000.0 };

          g_array_append_val (waymark, ms[0]);
          g_array_append_val (floor_, ms[1]);
          g_array_append_val (protected_, ms[2]);
        }
    }

  if (write_path != NULL)
    {
      g_autoptr(GError) error = NULL;

      wm_referral_pdf_write (c->summary, write_path, NULL, &error);
      g_assert_no_error (error);
    }

  result.waymark = median (waymark);
  result.floor_ = median (floor_);
  result.protected_ = median (protected_);
  return result;
}

int
main (int   argc,
      char *argv[])
{
  guint iterations = 25;
  const char *write_dir = NULL;
  Case three = { 0 }, forty = { 0 };
  Result r3, r40;
  g_autofree char *path3 = NULL;
  g_autofree char *path40 = NULL;

  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--iterations") && i + 1 < argc)
        {
          int n = atoi (argv[++i]);

          iterations = (guint) MAX (1, n);
        }
      else if (g_str_equal (argv[i], "--write") && i + 1 < argc)
        write_dir = argv[++i];
      else
        {
          g_printerr ("usage: %s [--iterations N] [--write DIR]\n", argv[0]);
          return 2;
        }
    }
  if (write_dir != NULL)
    {
      path3 = g_build_filename (write_dir, "referral-three-pages.pdf", NULL);
      path40 = g_build_filename (write_dir, "referral-forty-contacts.pdf", NULL);
    }

  make_case (&three, 12, TRUE);
  make_case (&forty, 40, FALSE);
  r3 = run_case (&three, iterations, path3);
  r40 = run_case (&forty, iterations, path40);

  g_print ("Referral PDF rendering, in memory, median of %u runs (ms)\n", iterations);
  g_print ("%-30s %6s %10s %12s %14s\n", "referral", "pages", "Waymark", "+ password", "floor (pages)");
  g_print ("%-30s %6u %10.1f %12.1f %9.1f (%u)\n", "three pages, every section", r3.waymark_pages,
           r3.waymark, r3.protected_, r3.floor_, r3.floor_pages);
  g_print ("%-30s %6u %10.1f %12.1f %9.1f (%u)\n", "forty contacts", r40.waymark_pages,
           r40.waymark, r40.protected_, r40.floor_, r40.floor_pages);

  case_clear (&three);
  case_clear (&forty);
  return 0;
}
