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
#include "wm-secret.h"
#include "wm-settings.h"
#include "wm-uninstalled.h"
#include "wm-window.h"

/* The screenshot shows the window as a user's GNOME session does: rounded
 * to Adwaita's corner radius, floating on a soft shadow. Under Xvfb no
 * compositor runs, so GTK would draw a square, solid frame instead (see
 * main_window_mapped_cb()) and could not draw the shadow outside the
 * surface; the shadow is drawn here around the window's own rendering. */
#define SCREENSHOT_CORNER_RADIUS 12
#define SCREENSHOT_MARGIN 32

static gboolean
save_screenshot (GtkWidget   *window,
                 const char  *path,
                 GError     **error)
{
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GtkWidget *content = adw_application_window_get_content (ADW_APPLICATION_WINDOW (window));
  GtkSnapshot *snapshot;
  graphene_rect_t bounds;
  GskRoundedRect outline;
  float width, height;

  if (content == NULL || !gtk_widget_compute_bounds (content, window, &bounds))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "The window has no content to show");
      return FALSE;
    }
  width = bounds.size.width;
  height = bounds.size.height;
  gsk_rounded_rect_init_from_rect (&outline, &GRAPHENE_RECT_INIT (0, 0, width, height),
                                   SCREENSHOT_CORNER_RADIUS);

  paintable = gtk_widget_paintable_new (window);
  snapshot = gtk_snapshot_new ();
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (SCREENSHOT_MARGIN, SCREENSHOT_MARGIN));
  gtk_snapshot_append_outset_shadow (snapshot, &outline, &(GdkRGBA) { 0, 0, 0, 0.1 }, 0, 0, 1, 0);
  gtk_snapshot_append_outset_shadow (snapshot, &outline, &(GdkRGBA) { 0, 0, 0, 0.2 }, 0, 6, 0, 18);
  gtk_snapshot_push_rounded_clip (snapshot, &outline);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (-bounds.origin.x, -bounds.origin.y));
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot),
                          gtk_widget_get_width (window), gtk_widget_get_height (window));
  gtk_snapshot_pop (snapshot);
  node = gtk_snapshot_free_to_node (snapshot);

  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0,
                                                              width + 2 * SCREENSHOT_MARGIN,
                                                              height + 2 * SCREENSHOT_MARGIN));
  if (!gdk_texture_save_to_png (texture, path))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "Could not write %s", path);
      return FALSE;
    }

  return TRUE;
}

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

      if (!save_screenshot (window, screenshot, &error))
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

  /* GTK chose the frame of a window without a compositor, "solid-csd", at
   * realisation; the screenshot wants the one of a composited desktop. */
  if (g_getenv ("WAYMARK_SCREENSHOT") != NULL)
    {
      gtk_widget_remove_css_class (window, "solid-csd");
      gtk_widget_add_css_class (window, "csd");
    }

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
