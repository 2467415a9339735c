/* wm-gui-test-util.c — what the widget tests, benchmarks and the screenshot tour share
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The widgets under test are found as a user finds them, by the titles and
 * labels they show, and the main loop runs until the store thread's answer
 * has reached them.
 */

#include "config.h"

#include <string.h>

#include "wm-gui-test-util.h"

/**
 * wmg_iterate_until:
 * @seconds: how long to wait at most
 *
 * Runs the main loop until @done says so.
 * Returns: %FALSE when @seconds passed first
 */
gboolean
wmg_iterate_until (WmgDoneFunc  done,
                   gpointer     data,
                   guint        seconds)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) seconds * G_USEC_PER_SEC;

  while (!done (data))
    {
      if (g_get_monotonic_time () > deadline)
        return FALSE;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  return TRUE;
}

/**
 * wmg_find_row:
 *
 * Returns: (transfer none) (nullable): the first preferences row under
 *   @root whose title is @title
 */
GtkWidget *
wmg_find_row (GtkWidget  *root,
              const char *title)
{
  if (ADW_IS_PREFERENCES_ROW (root)
      && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (root)), title) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = wmg_find_row (child, title);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/**
 * wmg_find_button:
 * @label: the button's label, underscore included
 *
 * Returns: (transfer none) (nullable): the first button under @root with
 *   that label
 */
GtkWidget *
wmg_find_button (GtkWidget  *root,
                 const char *label)
{
  if (GTK_IS_BUTTON (root) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (root)), label) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = wmg_find_button (child, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/**
 * wmg_find_text_view:
 * @mnemonic_label: the label, underscore included, that names the view
 *
 * Returns: (transfer none) (nullable): the text view that label names
 */
GtkTextView *
wmg_find_text_view (GtkWidget  *root,
                    const char *mnemonic_label)
{
  if (GTK_IS_LABEL (root) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (root)), mnemonic_label) == 0)
    return GTK_TEXT_VIEW (gtk_label_get_mnemonic_widget (GTK_LABEL (root)));
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkTextView *found = wmg_find_text_view (child, mnemonic_label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/**
 * wmg_store_result_cb:
 * @user_data: a GAsyncResult * to fill
 *
 * A GAsyncReadyCallback that keeps the result, for wmg_has_result().
 */
void
wmg_store_result_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

gboolean
wmg_has_result (gpointer data)
{
  return *(GAsyncResult **) data != NULL;
}

/**
 * wmg_tree_shows:
 *
 * Whether any widget under @widget shows @needle: a label, an entry's
 * text, a text view's buffer, a window title's subtitle. What the lock
 * tests walk the tree with.
 */
gboolean
wmg_tree_shows (GtkWidget  *widget,
                const char *needle)
{
  const char *text = NULL;
  g_autofree char *buffer_text = NULL;

  if (GTK_IS_LABEL (widget))
    text = gtk_label_get_label (GTK_LABEL (widget));
  else if (GTK_IS_EDITABLE (widget))
    text = gtk_editable_get_text (GTK_EDITABLE (widget));
  else if (GTK_IS_TEXT_VIEW (widget))
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (widget));
      GtkTextIter start, end;

      gtk_text_buffer_get_bounds (buffer, &start, &end);
      text = buffer_text = gtk_text_buffer_get_text (buffer, &start, &end, TRUE);
    }
  else if (ADW_IS_WINDOW_TITLE (widget))
    text = adw_window_title_get_subtitle (ADW_WINDOW_TITLE (widget));
  if (text != NULL && strstr (text, needle) != NULL)
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (wmg_tree_shows (child, needle))
      return TRUE;
  return FALSE;
}

static void
after_paint_cb (GdkFrameClock *clock,
                gboolean      *painted)
{
  *painted = TRUE;
}

/**
 * wmg_wait_for_paint:
 * @widget: a mapped widget
 *
 * Queues a redraw of @widget and runs the main loop until its frame clock
 * has painted: what is measured or looked at then is on the screen.
 */
void
wmg_wait_for_paint (GtkWidget *widget)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);
  gboolean painted = FALSE;
  gulong handler = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), &painted);

  gtk_widget_queue_draw (widget);
  while (!painted)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (clock, handler);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/**
 * wmg_median:
 * @values: (element-type double): at least one; sorted in place
 *
 * Returns: the median (the upper one of an even count)
 */
double
wmg_median (GArray *values)
{
  g_array_sort (values, compare_doubles);
  return g_array_index (values, double, values->len / 2);
}

/**
 * wmg_maximum:
 * @values: (element-type double): at least one; sorted in place
 */
double
wmg_maximum (GArray *values)
{
  g_array_sort (values, compare_doubles);
  return g_array_index (values, double, values->len - 1);
}
