/* main.c — the entry point of waymark, the Waymark desktop application
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Developer hooks, read from the environment rather than the command line
 * so that no user meets them:
 *
 * WAYMARK_LOCALEDIR=DIR
 *   Read the message catalogues from DIR instead of the installed LOCALEDIR
 *   (or, when running from the build folder, instead of <build>/po: see
 *   app/core/wm-uninstalled.c). The tests point it at their build tree.
 *
 * WAYMARK_EXIT_AFTER_FIRST_FRAME=1
 *   Once the main window has painted its first frame, print the time of
 *   that moment on standard output, as microseconds of CLOCK_MONOTONIC
 *   (g_get_monotonic_time()), and quit. tests/gui/bench-startup.py takes the
 *   clock just before it starts the process, so the difference is the
 *   launch-to-first-frame time. The instance is made non-unique, so a
 *   Waymark already running in the session cannot answer in its place.
 *
 * WAYMARK_SCREENSHOT=FILE
 *   As WAYMARK_EXIT_AFTER_FIRST_FRAME, but first save the window as GTK drew
 *   it to FILE, a PNG. build-aux/screenshots uses it for the AppStream
 *   screenshot.
 */

#define G_LOG_DOMAIN "waymark"

#include "config.h"

#include <locale.h>
#include <stdlib.h>

#include <glib/gi18n.h>
#include <adwaita.h>

#include "wm-application.h"
#include "wm-screenshot.h"
#include "wm-secret.h"
#include "wm-settings.h"
#include "wm-uninstalled.h"
#include "wm-window.h"

static void
first_frame_painted_cb (GtkWidget     *window,
                        GdkFrameClock *frame_clock)
{
  gint64 now = g_get_monotonic_time ();
  const char *screenshot = g_getenv ("WAYMARK_SCREENSHOT");

  g_signal_handlers_disconnect_by_func (frame_clock, first_frame_painted_cb, window);

  if (screenshot != NULL)
    {
      g_autoptr(GError) error = NULL;

      if (!wm_screenshot_save (window, screenshot, &error))
        g_printerr ("waymark: %s\n", error->message);
    }

  g_print ("%" G_GINT64_FORMAT "\n", now);
  g_application_quit (g_application_get_default ());
}

static void
main_window_mapped_cb (GtkWidget *window,
                       gpointer   user_data)
{
  g_signal_handlers_disconnect_by_func (window, main_window_mapped_cb, NULL);

  if (g_getenv ("WAYMARK_SCREENSHOT") != NULL)
    wm_screenshot_use_composited_frame (window);

  g_signal_connect_object (gtk_widget_get_frame_clock (window), "after-paint",
                           G_CALLBACK (first_frame_painted_cb), window,
                           G_CONNECT_SWAPPED);
}

static void
window_added_cb (GtkApplication *application,
                 GtkWindow      *window,
                 gpointer        user_data)
{
  if (!WM_IS_WINDOW (window))
    return;

  g_signal_handlers_disconnect_by_func (application, window_added_cb, NULL);
  g_signal_connect (window, "map", G_CALLBACK (main_window_mapped_cb), NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(WmApplication) application = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *localedir = NULL;

  /* Before anything else, so that no secret can ever reach a core dump. */
  wm_process_harden ();

  localedir = wm_dup_locale_dir ();
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_set_prgname ("waymark");

  settings = wm_settings_new (&error);
  if (settings == NULL)
    {
      g_printerr ("waymark: %s\n", error->message);
      return EXIT_FAILURE;
    }

  application = wm_application_new (settings);

  if (g_strcmp0 (g_getenv ("WAYMARK_EXIT_AFTER_FIRST_FRAME"), "1") == 0
      || g_getenv ("WAYMARK_SCREENSHOT") != NULL)
    {
      g_application_set_flags (G_APPLICATION (application),
                               g_application_get_flags (G_APPLICATION (application))
                               | G_APPLICATION_NON_UNIQUE);
      g_signal_connect (application, "window-added", G_CALLBACK (window_added_cb), NULL);
    }

  return g_application_run (G_APPLICATION (application), argc, argv);
}
