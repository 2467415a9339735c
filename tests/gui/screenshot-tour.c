/* screenshot-tour.c — the README's screenshots, taken from the real window
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: screenshot-tour DATABASE USER PASSPHRASE SCENE OUTPUT.png [--dark]
 *
 * Opens DATABASE — first made, when it does not exist, as the window's
 * "Explore with Demo Data" makes one (wm_demo_database_create(), 40
 * people, seed 1, as of 2 December 2026) — in a WmWindow at 1366×768 (the
 * laptop the issue names), working as if today were that day, drives it to
 * SCENE as a user would, through its own widgets and actions, and saves it
 * with wm_screenshot_save():
 *
 *   sign-in    the sign-in page, the user's name typed
 *   caseload   USER signed in, the caseload loaded
 *   record     the first young person of the caseload opened
 *   referral   the referral composer for that young person, filled in and
 *              previewed; the PDF it saves goes beside OUTPUT.png as
 *              OUTPUT.pdf, for pdftoppm
 *
 * A supervisor as USER shows the team's caseload. build-aux/screenshots runs
 * it for each scene, light and dark, in English and in Welsh (LANGUAGE).
 */

#include "config.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>
#define G_SETTINGS_ENABLE_BACKEND
#include <gio/gsettingsbackend.h>
#include <glib/gi18n.h>
#include <adwaita.h>

#include "wm-application.h"
#include "wm-caseload-view.h"
#include "wm-context.h"
#include "wm-demo-database.h"
#include "wm-gui-test-util.h"
#include "wm-preferences-window.h"
#include "wm-referral-composer.h"
#include "wm-resources.h"
#include "wm-screenshot.h"
#include "wm-sign-in-page.h"
#include "wm-uninstalled.h"
#include "wm-window.h"

static GtkWidget *
child (gpointer    widget,
       GType       type,
       const char *name)
{
  return GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (widget), type, name));
}

/* Runs the main loop for @ms milliseconds: long enough for the store
 * thread's answers and for the frames after them. */
static void
settle (guint ms)
{
  gint64 until = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < until)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (2000);
    }
}

static gboolean
wait_for (WmgDoneFunc done,
          gpointer    data)
{
  return wmg_iterate_until (done, data, 60);
}

static gboolean
signed_in (gpointer data)
{
  return wm_context_get_signed_in (data);
}

static gboolean
caseload_loaded (gpointer data)
{
  WmCaseloadView *view = data;

  return g_list_model_get_n_items (wm_caseload_view_get_shown (view)) > 0;
}

static gboolean
has_partners (gpointer data)
{
  GtkWidget *row = wmg_find_row (data, "Partner service");

  return row != NULL && adw_combo_row_get_model (ADW_COMBO_ROW (row)) != NULL
         && g_list_model_get_n_items (adw_combo_row_get_model (ADW_COMBO_ROW (row))) > 0;
}

static gboolean
has_pages (gpointer data)
{
  return wm_referral_composer_get_n_pages (data) > 0;
}

/* A referral to the young person's area's Youth Justice Service, shared
 * with the lawful basis recorded, previewed, and saved as a PDF beside the
 * screenshot. Labels are looked up in English: the tour sets them before
 * any translation matters, by the rows' positions where it does. */
static GtkWidget *
fill_referral (WmReferralComposer *composer,
               const char         *png)
{
  GtkWidget *root = GTK_WIDGET (composer);
  g_autofree char *pdf = NULL;
  g_autoptr(GFile) file = NULL;
  GtkWidget *row;

  gtk_window_set_default_size (GTK_WINDOW (composer), 1300, 760);
  if (!wait_for (has_partners, root))
    g_error ("The partner directory did not load");
  row = wmg_find_row (root, _("Partner service"));
  {
    /* The young person's own area's Youth Justice Service. */
    GListModel *names = adw_combo_row_get_model (ADW_COMBO_ROW (row));

    for (guint i = 0; i < g_list_model_get_n_items (names); i++)
      if (strstr (gtk_string_list_get_string (GTK_STRING_LIST (names), i), "Youth Justice") != NULL)
        {
          adw_combo_row_set_selected (ADW_COMBO_ROW (row), i);
          break;
        }
  }
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (wmg_find_text_view (root, _("_Reason for the referral"))),
                            "Concerns about criminal exploitation: found out of area twice this month.", -1);
  gtk_editable_set_text (GTK_EDITABLE (wmg_find_row (root, _("What the partner is asked to do"))),
                         "An assessment, and a joint visit with the caseworker.");
  adw_combo_row_set_selected (ADW_COMBO_ROW (wmg_find_row (root, _("UK GDPR Article 6 basis"))), 1);
  adw_combo_row_set_selected (ADW_COMBO_ROW (wmg_find_row (root, _("DPA 2018 Schedule 1 condition"))), 1);
  adw_combo_row_set_selected (ADW_COMBO_ROW (wmg_find_row (root, _("Were they told?"))), 1);
  gtk_editable_set_text (GTK_EDITABLE (wmg_find_row (root, _("Who was told"))), "The young person and their mother");
  gtk_editable_set_text (GTK_EDITABLE (wmg_find_row (root, _("When (YYYY-MM-DD)"))), "2026-11-30");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (wmg_find_text_view (root, _("_Why sharing is necessary and proportionate"))),
                            "The Youth Justice Service leads on exploitation; it needs the contact history "
                            "to plan the assessment.", -1);
  for (guint s = WM_REFERRAL_SECTION_CONTACTS; s <= WM_REFERRAL_SECTION_RISK_SUMMARY; s++)
    gtk_switch_set_active (GTK_SWITCH (adw_action_row_get_activatable_widget (
                             ADW_ACTION_ROW (wmg_find_row (root, wm_referral_section_title (s))))), TRUE);
  (void) row;
  gtk_widget_activate_action (root, "composer.preview", NULL);
  if (!wait_for (has_pages, composer))
    g_error ("The referral was refused");
  pdf = g_strconcat (png, ".pdf", NULL);
  file = g_file_new_for_path (pdf);
  settle (800);
  {
    g_autoptr(GError) error = NULL;

    if (!wm_screenshot_save (root, png, &error))
      g_error ("%s", error->message);
  }
  wm_referral_composer_save_to (composer, file);
  settle (2000);
  exit (EXIT_SUCCESS);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GSettingsBackend) backend = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(WmApplication) application = NULL;
  g_autoptr(WmStore) store = NULL;
  g_autoptr(WmContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *localedir = wm_dup_locale_dir ();
  const char *scene;
  WmWindow *window;
  WmSignInPage *sign_in;
  WmCaseloadView *view;
  GtkWidget *shot = NULL;
  GDate today;

  if (argc < 6)
    {
      g_printerr ("usage: screenshot-tour DATABASE USER PASSPHRASE SCENE OUTPUT.png [--dark]\n");
      return 2;
    }
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  scene = argv[4];

  gtk_init ();
  adw_init ();
  wm_resources_register ();
  g_object_set (gtk_settings_get_default (), "gtk-cursor-blink", FALSE, NULL);
  if (argc > 6 && g_str_equal (argv[6], "--dark"))
    adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);

  backend = g_memory_settings_backend_new ();
  settings = g_settings_new_with_backend (APPLICATION_ID, backend);
  g_settings_set_int (settings, "window-width", 1366);
  g_settings_set_int (settings, "window-height", 768);
  application = wm_application_new (settings);
  g_application_set_flags (G_APPLICATION (application), G_APPLICATION_NON_UNIQUE);
  if (!g_application_register (G_APPLICATION (application), NULL, &error))
    g_error ("%s", error->message);

  g_date_set_dmy (&today, 2, 12, 2026);
  if (!g_file_test (argv[1], G_FILE_TEST_EXISTS))
    store = wm_demo_database_create (argv[1], 40, 1, &today, NULL, NULL, NULL, &error);
  else
    store = wm_store_open (argv[1], &error);
  if (store == NULL)
    g_error ("%s", error->message);
  context = wm_context_new (store);
  wm_context_set_today (context, &today);
  window = wm_window_new (application, settings, context, NULL, NULL);
  gtk_window_present (GTK_WINDOW (window));
  while (!gtk_widget_get_mapped (GTK_WIDGET (window)))
    g_main_context_iteration (NULL, TRUE);
  wm_screenshot_use_composited_frame (GTK_WIDGET (window));

  sign_in = WM_SIGN_IN_PAGE (gtk_stack_get_child_by_name (GTK_STACK (child (window, WM_TYPE_WINDOW, "stack")),
                                                          "sign-in"));
  gtk_editable_set_text (GTK_EDITABLE (child (sign_in, WM_TYPE_SIGN_IN_PAGE, "user_entry")), argv[2]);
  gtk_editable_set_text (GTK_EDITABLE (child (sign_in, WM_TYPE_SIGN_IN_PAGE, "passphrase_entry")), argv[3]);
  if (!g_str_equal (scene, "sign-in"))
    {
      view = WM_CASELOAD_VIEW (wm_window_get_caseload_view (window));
      g_signal_emit_by_name (child (sign_in, WM_TYPE_SIGN_IN_PAGE, "sign_in_button"), "clicked");
      if (g_str_equal (scene, "preferences"))
        {
          /* An administrator has no caseload to wait for. */
          if (!wait_for (signed_in, context))
            g_error ("Signing in failed");
          shot = GTK_WIDGET (wm_preferences_window_new (settings, context));
          gtk_window_set_transient_for (GTK_WINDOW (shot), GTK_WINDOW (window));
          gtk_window_present (GTK_WINDOW (shot));
          wm_screenshot_use_composited_frame (shot);
        }
      else if (!wait_for (caseload_loaded, view))
        g_error ("The caseload did not load");
      if (g_str_equal (scene, "record") || g_str_equal (scene, "referral"))
        {
          GtkColumnView *column_view = GTK_COLUMN_VIEW (child (view, WM_TYPE_CASELOAD_VIEW, "column_view"));

          g_signal_emit_by_name (column_view, "activate", 0);
        }
      if (g_str_equal (scene, "referral"))
        {
          settle (1000);
          shot = fill_referral (WM_REFERRAL_COMPOSER (wm_window_refer (window)), argv[5]);
        }
    }
  settle (1500);
  if (!wm_screenshot_save (shot != NULL ? shot : GTK_WIDGET (window), argv[5], &error))
    g_error ("%s", error->message);
  gtk_window_destroy (GTK_WINDOW (window));
  wm_context_sign_out (context);
  wm_context_wait_idle (context);
  return EXIT_SUCCESS;
}
