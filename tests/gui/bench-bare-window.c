/* bench-bare-window.c — the floor of the startup benchmark: a bare libadwaita window
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Starts as waymark does (an AdwApplication, a window with a header bar and
 * a status page) and, when the window has painted its first frame, prints
 * the CLOCK_MONOTONIC time in microseconds and quits: what any libadwaita
 * application pays before it shows anything. bench-startup.py runs it
 * beside waymark, alternately, and compares the two.
 */

#include <stdio.h>
#include <adwaita.h>

static void
first_frame_cb (GdkFrameClock *clock,
                GApplication  *application)
{
  g_print ("%" G_GINT64_FORMAT "\n", g_get_monotonic_time ());
  g_signal_handlers_disconnect_by_func (clock, first_frame_cb, application);
  g_application_quit (application);
}

static void
mapped_cb (GtkWidget    *window,
           GApplication *application)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint", G_CALLBACK (first_frame_cb), application);
}

static void
activate_cb (GApplication *application)
{
  GtkWidget *window = adw_application_window_new (GTK_APPLICATION (application));
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *status = adw_status_page_new ();

  adw_status_page_set_title (ADW_STATUS_PAGE (status), "Bare Window");
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (status), "dialog-information-symbolic");
  gtk_widget_set_vexpand (status, TRUE);
  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  gtk_box_append (GTK_BOX (box), status);
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);
  g_signal_connect (window, "map", G_CALLBACK (mapped_cb), application);
  gtk_window_present (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AdwApplication) application = adw_application_new ("org.waymark.BareWindow",
                                                               G_APPLICATION_NON_UNIQUE);

  g_signal_connect (application, "activate", G_CALLBACK (activate_cb), NULL);
  return g_application_run (G_APPLICATION (application), argc, argv);
}
