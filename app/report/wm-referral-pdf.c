/* wm-referral-pdf.c — a referral summary written as a PDF file, optionally password-protected
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The PDF is made in memory (cairo's PDF surface drawing the pages of
 * wm-referral-pages.c), protected there when a password is given (libqpdf:
 * AES-256, security handler revision 6), and only then written, to a
 * temporary file in the destination folder that is renamed over the
 * destination once it is complete and synced. So a failure at any step
 * leaves no half-written file behind, and an unprotected copy of a
 * protected referral never reaches the disk. The password is used, never
 * kept or logged; the unprotected bytes are wiped once protected.
 */

#define G_LOG_DOMAIN "wm-report"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include <cairo-pdf.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <qpdf/qpdf-c.h>
#include <sodium.h>

#include "wm-referral-pages.h"
#include "wm-referral-pdf.h"
#include "wm-referral-summary-private.h"
#include "wm-report-error.h"

static cairo_status_t
append_cb (void                *closure,
           const unsigned char *data,
           unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static void
byte_array_wipe_free (GByteArray *array)
{
  sodium_memzero (array->data, array->len);
  g_byte_array_unref (array);
}

static void
set_metadata (cairo_surface_t   *surface,
              WmReferralSummary *summary)
{
  const WmReferralPartyCopy *referrer = _wm_referral_summary_get_referrer (summary);
  const WmReferralPartyCopy *recipient = _wm_referral_summary_get_recipient (summary);
  g_autofree char *title = NULL;
  g_autofree char *author = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *created = g_date_time_format (now, "%Y-%m-%dT%H:%M:%S");

  /* The title and subject name the document and the service, never the
   * young person: PDF metadata shows in file managers and mail previews
   * before anyone opens the file. */
  /* Translators: the PDF title of a referral; %s is the document reference. */
  title = g_strdup_printf (_("Referral summary %s"), wm_referral_summary_get_reference (summary));
  if (referrer->organisation != NULL && *referrer->organisation != '\0'
      && referrer->name != NULL && *referrer->name != '\0')
    author = g_strdup_printf ("%s, %s", referrer->name, referrer->organisation);
  else
    author = g_strdup (referrer->name != NULL && *referrer->name != '\0' ? referrer->name : referrer->organisation);

  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
  if (author != NULL)
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_AUTHOR, author);
  if (recipient->organisation != NULL && *recipient->organisation != '\0')
    {
      /* Translators: the PDF subject of a referral; %s is the partner service. */
      g_autofree char *subject = g_strdup_printf (_("Referral to %s"), recipient->organisation);

      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_SUBJECT, subject);
    }
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Waymark " PACKAGE_VERSION);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATE_DATE, created);
}

static GByteArray *
render (WmReferralSummary  *summary,
        GError            **error)
{
  g_autoptr(WmReferralPages) pages = wm_referral_pages_new (summary);
  GByteArray *pdf = g_byte_array_sized_new (64 * 1024);
  cairo_surface_t *surface;
  cairo_t *cr;
  cairo_status_t status;
  guint n_pages = wm_referral_pages_get_n_pages (pages);

  surface = cairo_pdf_surface_create_for_stream (append_cb, pdf, WM_REPORT_PAGE_WIDTH, WM_REPORT_PAGE_HEIGHT);
  cairo_pdf_surface_restrict_to_version (surface, CAIRO_PDF_VERSION_1_5);
  set_metadata (surface, summary);

  cr = cairo_create (surface);
  for (guint i = 0; i < n_pages; i++)
    {
      wm_referral_pages_draw_page (pages, cr, i);
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      byte_array_wipe_free (pdf);
      g_set_error (error, WM_REPORT_ERROR, WM_REPORT_ERROR_WRITE,
                   /* Translators: %s is cairo's own description of the failure. */
                   _("The referral could not be made into a PDF (%s). Nothing was written. Try again."),
                   cairo_status_to_string (status));
      return NULL;
    }
  return pdf;
}

/**
 * wm_referral_pdf_render:
 * @summary: the referral
 * @error: return location for a #WM_REPORT_ERROR
 *
 * Makes the PDF in memory, unprotected, without checking the referral
 * (a preview may show an unfinished one). wm_referral_pdf_write() is what
 * saves one.
 *
 * Returns: (transfer full): the PDF, or %NULL
 */
GBytes *
wm_referral_pdf_render (WmReferralSummary  *summary,
                        GError            **error)
{
  GByteArray *pdf;

  g_return_val_if_fail (WM_IS_REFERRAL_SUMMARY (summary), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  pdf = render (summary, error);
  return pdf != NULL ? g_byte_array_free_to_bytes (pdf) : NULL;
}

static GBytes *
protect (const GByteArray  *pdf,
         const char        *password,
         GError           **error)
{
  qpdf_data qpdf = qpdf_init ();
  GBytes *protected = NULL;

  /* Errors are read here, not printed by qpdf on standard error. */
  qpdf_silence_errors (qpdf);
  qpdf_set_suppress_warnings (qpdf, QPDF_TRUE);

  if ((qpdf_read_memory (qpdf, "referral", (const char *) pdf->data, pdf->len, NULL) & QPDF_ERRORS) == 0
      && (qpdf_init_write_memory (qpdf) & QPDF_ERRORS) == 0)
    {
      /* The one password opens the file with every permission: a partner
       * who holds it must be able to print, copy and read it aloud, and
       * a separate owner password nobody keeps would protect nothing. */
      qpdf_set_r6_encryption_parameters2 (qpdf, password, password,
                                          QPDF_TRUE, QPDF_TRUE, QPDF_TRUE, QPDF_TRUE,
                                          QPDF_TRUE, QPDF_TRUE, qpdf_r3p_full, QPDF_TRUE);
      if ((qpdf_write (qpdf) & QPDF_ERRORS) == 0 && !qpdf_has_error (qpdf))
        protected = g_bytes_new (qpdf_get_buffer (qpdf), qpdf_get_buffer_length (qpdf));
    }
  qpdf_cleanup (&qpdf);

  if (protected == NULL)
    g_set_error_literal (error, WM_REPORT_ERROR, WM_REPORT_ERROR_PROTECT,
                         _("The referral could not be protected with the password. Nothing was written. "
                           "Try again; if it fails again, save it to another folder."));
  return protected;
}

static gboolean
write_all (int           fd,
           const guint8 *data,
           gsize         length)
{
  while (length > 0)
    {
      ssize_t written = write (fd, data, length);

      if (written < 0 && errno == EINTR)
        continue;
      if (written <= 0)
        return FALSE;
      data += written;
      length -= (gsize) written;
    }
  return TRUE;
}

/* Writes to a temporary file beside @path, readable by the user alone,
 * syncs it and renames it over @path: the destination is either the old
 * file or the complete new one, never half of either. */
static gboolean
write_atomically (const char  *path,
                  GBytes      *contents,
                  GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *tmp_name = g_strdup_printf (".%s.XXXXXX", base);
  g_autofree char *tmp_path = g_build_filename (dir, tmp_name, NULL);
  g_autofree char *display = g_filename_display_name (path);
  gsize length;
  const guint8 *data = g_bytes_get_data (contents, &length);
  int fd, saved_errno = 0;

  fd = g_mkstemp_full (tmp_path, O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0)
    saved_errno = errno;
  else
    {
      if (!write_all (fd, data, length) || fsync (fd) != 0)
        saved_errno = errno != 0 ? errno : EIO;
      if (close (fd) != 0 && saved_errno == 0)
        saved_errno = errno;
      if (saved_errno == 0 && g_rename (tmp_path, path) != 0)
        saved_errno = errno;
      if (saved_errno != 0)
        g_unlink (tmp_path);
    }

  if (saved_errno != 0)
    {
      g_set_error (error, WM_REPORT_ERROR, WM_REPORT_ERROR_WRITE,
                   /* Translators: %s is a file's name, then the system's reason. */
                   _("The referral could not be saved as “%s”: %s. Nothing was written. "
                     "Choose another folder, or check that there is space."),
                   display, g_strerror (saved_errno));
      return FALSE;
    }
  return TRUE;
}

/**
 * wm_referral_pdf_write:
 * @summary: the referral
 * @path: where to save it; an existing file there is replaced
 * @password: (nullable): a password to protect the file with, or %NULL
 * @error: return location for a #WM_REPORT_ERROR
 *
 * Checks the referral (wm_referral_summary_check()), makes its PDF,
 * protects it with @password when one is given (AES-256), and saves it.
 * On failure nothing is written and an existing file at @path is left
 * as it was. The file is readable by the user alone.
 *
 * Returns: %TRUE when the file was saved
 */
gboolean
wm_referral_pdf_write (WmReferralSummary  *summary,
                       const char         *path,
                       const char         *password,
                       GError            **error)
{
  GByteArray *pdf;
  g_autoptr(GBytes) contents = NULL;

  g_return_val_if_fail (WM_IS_REFERRAL_SUMMARY (summary), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (password != NULL && *password == '\0')
    {
      g_set_error_literal (error, WM_REPORT_ERROR, WM_REPORT_ERROR_PROTECT,
                           _("The password is empty. Enter a password, or save the referral without one."));
      return FALSE;
    }

  if (!wm_referral_summary_check (summary, error))
    return FALSE;

  pdf = render (summary, error);
  if (pdf == NULL)
    return FALSE;

  if (password != NULL)
    {
      contents = protect (pdf, password, error);
      byte_array_wipe_free (pdf);
      if (contents == NULL)
        return FALSE;
    }
  else
    contents = g_byte_array_free_to_bytes (pdf);

  return write_atomically (path, contents, error);
}

/**
 * wm_referral_pdf_default_filename:
 * @summary: the referral
 *
 * A file name for the referral from its reference and date, such as
 * "referral-WM-2026-0042-2026-12-02.pdf". It never holds the young
 * person's name: file names show in folders, mail and backups. Anything
 * but ASCII letters, digits, "-" and "_" in the reference becomes "-".
 *
 * Returns: (transfer full): the file name, without a folder
 */
char *
wm_referral_pdf_default_filename (WmReferralSummary *summary)
{
  GString *name;
  const char *parts[2];

  g_return_val_if_fail (WM_IS_REFERRAL_SUMMARY (summary), NULL);

  /* Translators: the start of a referral's file name: lower case, no spaces. */
  name = g_string_new (_("referral"));
  parts[0] = wm_referral_summary_get_reference (summary);
  parts[1] = wm_referral_summary_get_date (summary);
  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      if (parts[i] == NULL || *parts[i] == '\0')
        continue;
      g_string_append_c (name, '-');
      for (const char *p = parts[i]; *p != '\0'; p++)
        g_string_append_c (name, g_ascii_isalnum (*p) || *p == '-' || *p == '_' ? *p : '-');
    }
  g_string_append (name, ".pdf");
  return g_string_free (name, FALSE);
}
