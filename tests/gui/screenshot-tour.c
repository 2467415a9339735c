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
 *
 * A supervisor as USER shows the team's caseload. build-aux/screenshots runs
 * it for each scene, light and dark, in English and in Welsh (LANGUAGE).
 */

#include "config.h"

#include <locale.h>
#include <stdlib.h>
#define G_SETTINGS_ENABLE_BACKEND
#include <gio/gsettingsbackend.h>
#include <glib/gi18n.h>
#include <adwaita.h>

#include "wm-application.h"
#include "wm-caseload-view.h"
#include "wm-context.h"
#include "wm-demo-database.h"
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
wait_for (gboolean (*done) (gpointer),
          gpointer  data)
{
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while (!done (data))
    {
      if (g_get_monotonic_time () > deadline)
        return FALSE;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (2000);
    }
  return TRUE;
}

static gboolean
caseload_loaded (gpointer data)
{
  WmCaseloadView *view = data;

  return g_list_model_get_n_items (wm_caseload_view_get_shown (view)) > 0;
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
      if (!wait_for (caseload_loaded, view))
        g_error ("The caseload did not load");
      if (g_str_equal (scene, "record"))
        {
          GtkColumnView *column_view = GTK_COLUMN_VIEW (child (view, WM_TYPE_CASELOAD_VIEW, "column_view"));

          g_signal_emit_by_name (column_view, "activate", 0);
        }
    }
  settle (1500);
  if (!wm_screenshot_save (GTK_WIDGET (window), argv[5], &error))
    g_error ("%s", error->message);
  gtk_window_destroy (GTK_WINDOW (window));
  wm_context_sign_out (context);
  wm_context_wait_idle (context);
  return EXIT_SUCCESS;
}
