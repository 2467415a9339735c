/* wm-screenshot.c — a window saved as GTK draws it, for the README and AppStream
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "wm-screenshot.h"

/* The screenshot shows the window as a user's GNOME session does: rounded
 * to Adwaita's corner radius, floating on a soft shadow. Under Xvfb no
 * compositor runs, so GTK would draw a square, solid frame instead (see
 * wm_screenshot_use_composited_frame()) and could not draw the shadow
 * outside the surface; the shadow is drawn here around the window's own
 * rendering. */
#define SCREENSHOT_CORNER_RADIUS 12
#define SCREENSHOT_MARGIN 32

/**
 * wm_screenshot_use_composited_frame:
 *
 * GTK chose the frame of a window without a compositor, "solid-csd", at
 * realisation; a screenshot wants the one of a composited desktop. Call
 * when @window is mapped.
 */
void
wm_screenshot_use_composited_frame (GtkWidget *window)
{
  gtk_widget_remove_css_class (window, "solid-csd");
  gtk_widget_add_css_class (window, "csd");
}

/**
 * wm_screenshot_save:
 * @path: a PNG file to write
 *
 * Saves @window as its renderer draws it, rounded and on a shadow.
 */
gboolean
wm_screenshot_save (GtkWidget   *window,
                    const char  *path,
                    GError     **error)
{
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GtkWidget *content = ADW_IS_APPLICATION_WINDOW (window)
                       ? adw_application_window_get_content (ADW_APPLICATION_WINDOW (window))
                       : adw_window_get_content (ADW_WINDOW (window));
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

