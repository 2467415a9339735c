/* test-cli-referral.c — referrals: recorded once, refused without a trace, and the CLI end to end
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One database for the program (each account costs an Argon2id
 * derivation): an administrator who seeded the partner directory, and a
 * caseworker with one young person whose records carry canary strings, one
 * per section, so a PDF read back with poppler shows which sections went
 * out. Counts are taken before and after each step.
 */

#include "config.h"

#include <string.h>

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <poppler.h>

#include "wm-casework.h"
#include "wm-date.h"
#include "wm-partners.h"
#include "wm-payload.h"
#include "wm-person.h"
#include "wm-referral-export.h"
#include "wm-secret.h"
#include "wm-session.h"
#include "wm-store.h"

/* poppler-glib 22.12 declares no g_autoptr cleanups of its own. */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerDocument, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerPage, g_object_unref)

#define ADMIN          "ada.admin"
#define ADMIN_PASS     "correct cable staple orbit"
#define CASEWORKER     "alex.caseworker"
#define CASEWORKER_PASS "purple meadow violin thunder"

#define CANARY_PLAN    "CANARYPLANGOAL"
#define CANARY_CONTACT "CANARYCONTACTNOTE"
#define CANARY_VIEWS   "CANARYOWNWORDS"

static char *dir;
static char *db_path;
static WmStore *store;
static WmSession *caseworker;
static WmSession *admin;
static gint64 case_id;
static char *case_reference;
static gint64 mentoring_id;
static gint64 probation_id;

static void
set_up_database (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) partners = NULL;
  g_autoptr(GPtrArray) cases = NULL;
  g_autoptr(GVariant) profile = NULL;
  g_autoptr(GVariant) plan = NULL;
  g_autoptr(GVariant) contact = NULL;
  g_autoptr(GVariant) assessment = NULL;
  gint64 caseworker_id;
  guint added = 0;

  dir = g_dir_make_tmp ("waymark-referral-XXXXXX", &error);
  g_assert_no_error (error);
  db_path = g_build_filename (dir, "waymark.db", NULL);
  store = wm_store_create (db_path, "Marches Diversion Network", ADMIN, ADMIN_PASS, &error);
  g_assert_no_error (error);
  admin = wm_session_sign_in (store, ADMIN, ADMIN_PASS, &error);
  g_assert_no_error (error);
  caseworker_id = wm_session_add_user (admin, CASEWORKER, WM_ROLE_CASEWORKER, CASEWORKER_PASS, &error);
  g_assert_no_error (error);
  g_assert_true (wm_referral_seed_partners (admin, NULL, &added, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (added, ==, 48);

  partners = wm_session_list_partners (admin, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < partners->len; i++)
    {
      WmPartner *partner = g_ptr_array_index (partners, i);

      if (g_str_equal (partner->area, "herefordshire") && g_str_equal (partner->service, "mentoring"))
        mentoring_id = partner->id;
      if (g_str_equal (partner->area, "herefordshire") && g_str_equal (partner->service, "probation"))
        probation_id = partner->id;
    }
  g_assert_cmpint (mentoring_id, >, 0);
  g_assert_cmpint (probation_id, >, 0);

  caseworker = wm_session_sign_in (store, CASEWORKER, CASEWORKER_PASS, &error);
  g_assert_no_error (error);
  profile = g_variant_ref_sink (g_variant_new_parsed ("{'given-name': <'Siôn'>, 'family-name': <'Gŵyn'>,"
                                                      " 'date-of-birth': <'2011-05-01'>,"
                                                      " 'local-authority': <'herefordshire'>,"
                                                      " 'status': <'active'>}"));
  case_id = wm_session_create_case (caseworker, caseworker_id, profile, &error);
  g_assert_no_error (error);
  plan = g_variant_ref_sink (g_variant_new_parsed ("{'agreed-on': <'2026-11-01'>, 'goals': <['" CANARY_PLAN "']>}"));
  wm_session_add_record (caseworker, case_id, WM_RECORD_PLAN, plan, &error);
  g_assert_no_error (error);
  contact = g_variant_ref_sink (g_variant_new_parsed ("{'date': <'2026-11-20'>, 'method': <'face-to-face'>,"
                                                      " 'duration-minutes': <uint32 40>,"
                                                      " 'note': <'" CANARY_CONTACT "'>}"));
  wm_session_add_record (caseworker, case_id, WM_RECORD_CONTACT, contact, &error);
  g_assert_no_error (error);
  assessment = g_variant_ref_sink (g_variant_new_parsed ("{'instrument': <'diversion-risk-needs'>,"
                                                         " 'instrument-version': <uint32 2>,"
                                                         " 'state': <'draft'>,"
                                                         " 'answers': <{'own-words': <'" CANARY_VIEWS "'>}>}"));
  wm_session_add_record (caseworker, case_id, WM_RECORD_ASSESSMENT, assessment, &error);
  g_assert_no_error (error);

  cases = wm_session_list_cases (caseworker, &error);
  g_assert_no_error (error);
  case_reference = g_strdup (((WmCaseInfo *) g_ptr_array_index (cases, 0))->reference);
}

static void
tear_down_database (void)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;

  g_clear_object (&caseworker);
  g_clear_object (&admin);
  g_clear_object (&store);
  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (dir);
  g_free (db_path);
  g_free (dir);
  g_free (case_reference);
}

static WmReferralRequest *
complete_request (gint64 partner_id)
{
  WmReferralRequest *request = wm_referral_request_new ();
  const char *sections[] = { "basic-details", "plan", NULL };

  request->partner_id = partner_id;
  request->reason = g_strdup ("Wants a mentor to help back into school.");
  request->urgency = g_strdup ("routine");
  request->sections = g_strdupv ((char **) sections);
  request->basis = g_strdup ("consent");
  request->condition = g_strdup ("none");
  request->informed = g_strdup ("agreed");
  request->informed_who = g_strdup ("The young person and their mother");
  request->informed_when = g_strdup ("2026-11-30");
  request->competence = g_strdup ("gillick-competent");
  request->basis_reason = g_strdup ("The young person asked for a mentor and agreed to what is shared.");
  return request;
}

typedef struct
{
  guint n_referrals;
  guint n_audit;
  guint n_export;
} Counts;

static void
count (Counts *counts)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) audit = NULL;
  g_autoptr(GPtrArray) records = NULL;

  /* The audit log first: reading the case adds a view of its own. */
  audit = wm_store_list_audit (store, &error);
  g_assert_no_error (error);
  memset (counts, 0, sizeof *counts);
  counts->n_audit = audit->len;
  for (guint i = 0; i < audit->len; i++)
    if (g_str_equal (((WmAuditEntry *) g_ptr_array_index (audit, i))->action, "export"))
      counts->n_export++;
  records = wm_session_open_case (caseworker, case_id, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < records->len; i++)
    if (((WmRecord *) g_ptr_array_index (records, i))->kind == WM_RECORD_REFERRAL)
      counts->n_referrals++;
}

static char *
pdf_text (const char *path,
          const char *password)
{
  g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(PopplerDocument) document = poppler_document_new_from_file (uri, password, &error);
  GString *text = g_string_new (NULL);

  g_assert_no_error (error);
  for (int i = 0; i < poppler_document_get_n_pages (document); i++)
    {
      g_autoptr(PopplerPage) page = poppler_document_get_page (document, i);
      g_autofree char *page_text = poppler_page_get_text (page);

      g_string_append (text, page_text);
    }
  return g_string_free (text, FALSE);
}

/* One export: the PDF with the chosen sections only, one referral record
 * saying what was shared and why, and one "export" audit entry that
 * names the case, partner and sections and nothing about the person. */
static void
test_export (void)
{
  g_autoptr(WmReferralRequest) request = complete_request (mentoring_id);
  g_autofree char *path = g_build_filename (dir, "export.pdf", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) sections = NULL;
  g_autoptr(GPtrArray) audit = NULL;
  g_autofree char *follow_up = NULL;
  WmAuditEntry *last_export = NULL;
  Counts before, after;
  GDate today, due;
  gint64 record_id;

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 2, G_DATE_DECEMBER, 2026);
  count (&before);
  record_id = wm_referral_export (caseworker, case_id, request, path, NULL, &today, &error);
  g_assert_no_error (error);
  g_assert_cmpint (record_id, >, 0);
  count (&after);
  g_assert_cmpuint (after.n_referrals, ==, before.n_referrals + 1);
  g_assert_cmpuint (after.n_export, ==, before.n_export + 1);

  {
    g_autoptr(WmRecord) record = wm_session_read_record (caseworker, record_id, 0, &error);

    g_assert_no_error (error);
    g_assert_cmpint (record->kind, ==, WM_RECORD_REFERRAL);
    g_assert_true (wm_referral_check (record->payload, &error));
    g_assert_no_error (error);
    sections = wm_payload_get_value (record->payload, WM_REFERRAL_SECTIONS, G_VARIANT_TYPE_STRING_ARRAY);
    g_assert_cmpuint (g_variant_n_children (sections), ==, 2);
    g_assert_cmpstr (wm_payload_get_string (record->payload, WM_REFERRAL_STATE), ==, "sent");
    g_assert_cmpstr (wm_payload_get_string (record->payload, WM_REFERRAL_SENT_ON), ==, "2026-12-02");
    due = today;
    g_date_add_days (&due, 14);
    follow_up = wm_date_format_iso (&due);
    g_assert_cmpstr (wm_payload_get_string (record->payload, WM_REFERRAL_FOLLOW_UP_ON), ==, follow_up);
    g_assert_cmpstr (wm_payload_get_string (record->payload, WM_REFERRAL_LAWFUL_BASIS), ==, "consent");
    g_assert_cmpstr (wm_payload_get_string (record->payload, WM_REFERRAL_INFORMED), ==, "agreed");
    g_assert_cmpstr (wm_payload_get_string (record->payload, WM_REFERRAL_SERVICE), ==, "mentoring");
  }

  audit = wm_store_list_audit (store, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < audit->len; i++)
    if (g_str_equal (((WmAuditEntry *) g_ptr_array_index (audit, i))->action, "export"))
      last_export = g_ptr_array_index (audit, i);
  g_assert_nonnull (last_export);
  g_assert_cmpint (last_export->case_id, ==, case_id);
  g_assert_nonnull (strstr (last_export->detail, "basic-details,plan"));
  g_assert_null (strstr (last_export->detail, "Siôn"));

  text = pdf_text (path, NULL);
  g_assert_nonnull (strstr (text, "OFFICIAL-SENSITIVE"));
  g_assert_nonnull (strstr (text, CANARY_PLAN));
  g_assert_nonnull (strstr (text, "Gŵyn"));
  g_assert_null (strstr (text, CANARY_CONTACT));
  g_assert_null (strstr (text, CANARY_VIEWS));
}

static void
assert_refused (WmSession         *session,
                WmReferralRequest *request,
                gboolean           reads_case,
                GQuark             domain,
                int                code)
{
  g_autofree char *path = g_build_filename (dir, "refused.pdf", NULL);
  g_autoptr(GError) error = NULL;
  Counts before, after;
  GDate today;

  wm_date_set_today (&today);
  count (&before);
  g_assert_cmpint (wm_referral_export (session, case_id, request, path, NULL, &today, &error), ==, 0);
  g_assert_error (error, domain, code);
  g_test_message ("refused: %s", error->message);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  count (&after);
  g_assert_cmpuint (after.n_referrals, ==, before.n_referrals);
  /* count() itself views the case once; a refusal that had to read the
   * case (the young person's age) logs that view, and nothing else. */
  g_assert_cmpuint (after.n_audit, ==, before.n_audit + 1 + (reads_case ? 1 : 0));
  g_assert_cmpuint (after.n_export, ==, before.n_export);
}

/* No lawful basis, a partner not in the directory, an adult service for
 * a child, a case the user cannot read: refused, and nothing written. */
static void
test_refusals (void)
{
  g_autoptr(WmReferralRequest) no_basis = complete_request (mentoring_id);
  g_autoptr(WmReferralRequest) unknown_partner = complete_request (999999);
  g_autoptr(WmReferralRequest) probation = complete_request (probation_id);
  g_autoptr(WmReferralRequest) fine = complete_request (mentoring_id);

  g_clear_pointer (&no_basis->basis, g_free);
  assert_refused (caseworker, no_basis, FALSE, WM_CORE_ERROR, WM_CORE_ERROR_MISSING);
  assert_refused (caseworker, unknown_partner, FALSE, WM_STORE_ERROR, WM_STORE_ERROR_NOT_FOUND);
  assert_refused (caseworker, probation, TRUE, WM_CORE_ERROR, WM_CORE_ERROR_CONSTRAINT);
  /* The administrator manages accounts and does not hold the case. */
  {
    g_autofree char *path = g_build_filename (dir, "refused.pdf", NULL);
    g_autoptr(GError) error = NULL;
    Counts before, after;
    GDate today;

    wm_date_set_today (&today);
    count (&before);
    g_assert_cmpint (wm_referral_export (admin, case_id, fine, path, NULL, &today, &error), ==, 0);
    g_assert_nonnull (error);
    g_assert_true (error->domain == WM_STORE_ERROR);
    g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
    count (&after);
    g_assert_cmpuint (after.n_referrals, ==, before.n_referrals);
    g_assert_cmpuint (after.n_audit, ==, before.n_audit + 1);
    g_assert_cmpuint (after.n_export, ==, before.n_export);
  }
}

typedef struct
{
  int   status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_free (run->out);
  g_free (run->err);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

static void
run_cli (Run        *run,
         const char *input,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  const char *arg;
  va_list args;

  g_ptr_array_add (argv, (gpointer) g_getenv ("WAYMARK_CLI"));
  g_ptr_array_add (argv, (gpointer) "--database");
  g_ptr_array_add (argv, db_path);
  va_start (args, input);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE
                                        | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  /* English messages, whatever the developer's own language. */
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  g_subprocess_launcher_unsetenv (launcher, "LANGUAGE");
  process = g_subprocess_launcher_spawnv (launcher, (const char *const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, input, NULL, &run->out, &run->err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  run->status = g_subprocess_get_exit_status (process);
}

/* "partner list": one tab-separated line per verified entry. */
static void
test_cli_partner_list (void)
{
  g_auto(Run) run = { 0 };
  g_auto(GStrv) lines = NULL;
  g_auto(GStrv) fields = NULL;
  g_autofree char *mentoring = g_strdup_printf ("%" G_GINT64_FORMAT "\t", mentoring_id);
  gboolean found = FALSE;

  run_cli (&run, CASEWORKER_PASS "\n", "--user", CASEWORKER, "partner", "list", NULL);
  g_assert_cmpint (run.status, ==, 0);
  lines = g_strsplit (run.out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 48 + 1);
  for (guint i = 0; lines[i] != NULL && *lines[i] != '\0'; i++)
    {
      g_clear_pointer (&fields, g_strfreev);
      fields = g_strsplit (lines[i], "\t", -1);
      g_assert_cmpuint (g_strv_length (fields), ==, 4);
      if (g_str_has_prefix (lines[i], mentoring))
        {
          found = TRUE;
          g_assert_cmpstr (fields[2], ==, "mentoring");
          g_assert_cmpstr (fields[3], ==, "herefordshire");
        }
    }
  g_assert_true (found);
}

/* "referral" end to end: refused without a basis (no file, status 1),
 * then written, protected with the password on the line after the
 * passphrase, with the chosen section and not the others. */
static void
test_cli_referral (void)
{
  g_autofree char *path = g_build_filename (dir, "cli.pdf", NULL);
  g_autofree char *partner = g_strdup_printf ("%" G_GINT64_FORMAT, mentoring_id);
  g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PopplerDocument) locked = NULL;
  Counts before, after;

  {
    g_auto(Run) run = { 0 };

    run_cli (&run, CASEWORKER_PASS "\n", "--user", CASEWORKER, "referral", case_reference,
             "--partner", partner, "--reason", "Mentoring.", "--sections", "own-views",
             "--condition", "none", "--informed", "agreed", "--informed-who", "The young person",
             "--basis-reason", "Asked for it.", "--output", path, NULL);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_nonnull (strstr (run.err, "lawful basis"));
    g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  }

  count (&before);
  {
    g_auto(Run) run = { 0 };

    run_cli (&run, CASEWORKER_PASS "\nopen sesame\n", "--user", CASEWORKER, "referral", case_reference,
             "--partner", partner, "--reason", "Mentoring.", "--sections", "own-views,basic-details",
             "--basis", "consent", "--condition", "none", "--informed", "agreed",
             "--informed-who", "The young person", "--informed-on", "2026-11-30",
             "--competence", "gillick-competent", "--basis-reason", "Asked for it.",
             "--output", path, "--password-stdin", NULL);
    g_assert_cmpstr (run.err, ==, "");
    g_assert_cmpint (run.status, ==, 0);
  }
  count (&after);
  g_assert_cmpuint (after.n_referrals, ==, before.n_referrals + 1);
  g_assert_cmpuint (after.n_export, ==, before.n_export + 1);

  locked = poppler_document_new_from_file (uri, NULL, &error);
  g_assert_null (locked);
  g_assert_nonnull (error);
  text = pdf_text (path, "open sesame");
  g_assert_nonnull (strstr (text, "OFFICIAL-SENSITIVE"));
  g_assert_nonnull (strstr (text, CANARY_VIEWS));
  g_assert_null (strstr (text, CANARY_PLAN));
  g_assert_null (strstr (text, CANARY_CONTACT));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  g_assert_true (wm_crypto_init ());
  set_up_database ();

  g_test_add_func ("/referral/export", test_export);
  g_test_add_func ("/referral/refusals", test_refusals);
  g_test_add_func ("/referral/cli/partner-list", test_cli_partner_list);
  g_test_add_func ("/referral/cli/referral", test_cli_referral);

  status = g_test_run ();
  tear_down_database ();
  return status;
}
