/* bench-desk.c — the desk's costs with 10,000 young people: search, sort, unlock
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Three measurements, each against its floor, from one run:
 *
 *   search   one keystroke in the caseload's search entry, on 10,000 rows:
 *            the filter itself, and until the next frame is painted (the
 *            user sees the result then); target: median under 16 ms. The
 *            floor: a bare GtkColumnView of the same size (12 columns of
 *            plain labels over a GtkStringList) filtered by a
 *            GtkStringFilter on the same keystroke, in the same window
 *            size: what GTK 4.8 itself pays to rebind its rows.
 *   sort     a click on a column header: the sort of 10,000 rows; target
 *            under 50 ms.
 *   unlock   from pressing Sign In to the caseload of 10,000 cases painted,
 *            split into the key derivation (Argon2id, the floor: nothing can
 *            be decrypted before it) and the rest; target: derivation plus
 *            at most 200 ms.
 *
 * Search and sort run on rows made from the benchmark's synthetic people
 * without a database, so they measure the view alone; unlock runs on a
 * real database of the same people, made first (it takes a while).
 * WAYMARK_BENCH_DESK_PEOPLE changes the 10,000, WAYMARK_BENCH_DIR where the
 * database goes (a disk, not a tmpfs, is what users have).
 */

#define G_LOG_DOMAIN "bench-desk"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <glib/gstdio.h>
#include <adwaita.h>

#include "wm-assessment.h"
#include "wm-bench-data.h"
#include "wm-case.h"
#include "wm-caseload-view.h"
#include "wm-casework.h"
#include "wm-context.h"
#include "wm-gui-test-util.h"
#include "wm-resources.h"
#include "wm-session.h"
#include "wm-store.h"

#define SEED 20260302
#define RUNS 21
#define PASSPHRASE "benchmark passphrase of the desk"

static guint n_people = 10000;

static double
median_ms (GArray *usecs)
{
  return wmg_median (usecs) / 1000.0;
}
static void
iterate_pending (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* The caseload line the store would give for a synthetic person. */
static WmCase *
make_row_from (WmBenchPerson *person,
               guint          index,
               const GDate   *today)
{
  WmCaseloadEntry entry = { 0 };

  entry.info.id = index + 1;
  entry.info.reference = person->reference;
  entry.info.assigned_to = 1 + index % 20;
  entry.profile = person->profile;
  for (guint i = 0; i < WM_BENCH_RECORDS_PER_PERSON; i++)
    {
      if (person->kinds[i] == WM_BENCH_KIND_ASSESSMENT)
        entry.latest_assessment = person->records[i];
      else if (person->kinds[i] == WM_BENCH_KIND_CONTACT)
        g_variant_lookup (person->records[i], WM_CONTACT_DATE, "&s", &entry.last_contact_on);
    }
  return wm_case_new_from_entry (&entry, today);
}

static GtkWidget *
new_window (GtkWidget *child)
{
  GtkWidget *window = adw_window_new ();

  gtk_window_set_default_size (GTK_WINDOW (window), 1366, 768);
  adw_window_set_content (ADW_WINDOW (window), child);
  gtk_window_present (GTK_WINDOW (window));
  while (!gtk_widget_get_mapped (window))
    g_main_context_iteration (NULL, TRUE);
  wmg_wait_for_paint (window);
  return window;
}

/* The floor of a keystroke: GTK's own column view and filter, no Waymark. */
static void
bare_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item)
{
  gtk_list_item_set_child (list_item, gtk_label_new (NULL));
}

static void
bare_bind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item)
{
  GtkStringObject *item = gtk_list_item_get_item (list_item);

  gtk_label_set_label (GTK_LABEL (gtk_list_item_get_child (list_item)), gtk_string_object_get_string (item));
}

/* Every widget under @widget, itself included. */
static guint
count_widgets (GtkWidget *widget)
{
  guint n = 1;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += count_widgets (child);
  return n;
}

/* @n_columns plain label columns in a GtkColumnView, or with 0 a
 * GtkListView of one label a row: where a keystroke's time goes is in the
 * row widgets GTK 4.8 makes again, and they grow with the columns.
 * @sort_us may be %NULL; *out_widgets receives the widgets alive under
 * the view once it is painted. */
static void
bench_bare_filter (GPtrArray *names,
                   guint      n_columns,
                   GArray    *filter_us,
                   GArray    *painted_us,
                   GArray    *sort_us,
                   guint     *out_widgets)
{
  GtkSortListModel *sorted;
  GtkColumnViewColumn *first = NULL;
  GtkStringList *strings = gtk_string_list_new (NULL);
  GtkStringFilter *filter = gtk_string_filter_new (gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL,
                                                                               "string"));
  GtkFilterListModel *filtered;
  GtkWidget *view, *scrolled, *window;

  for (guint i = 0; i < names->len; i++)
    gtk_string_list_append (strings, g_ptr_array_index (names, i));
  gtk_string_filter_set_ignore_case (filter, TRUE);
  sorted = gtk_sort_list_model_new (G_LIST_MODEL (strings), NULL);
  filtered = gtk_filter_list_model_new (G_LIST_MODEL (sorted), GTK_FILTER (filter));
  if (n_columns == 0)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

      g_signal_connect (factory, "setup", G_CALLBACK (bare_setup_cb), NULL);
      g_signal_connect (factory, "bind", G_CALLBACK (bare_bind_cb), NULL);
      view = gtk_list_view_new (GTK_SELECTION_MODEL (gtk_single_selection_new (G_LIST_MODEL (filtered))), factory);
    }
  else
    {
      view = gtk_column_view_new (GTK_SELECTION_MODEL (gtk_single_selection_new (G_LIST_MODEL (filtered))));
      gtk_sort_list_model_set_sorter (sorted, gtk_column_view_get_sorter (GTK_COLUMN_VIEW (view)));
    }
  for (guint c = 0; c < n_columns; c++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      g_autoptr(GtkColumnViewColumn) column = NULL;

      g_signal_connect (factory, "setup", G_CALLBACK (bare_setup_cb), NULL);
      g_signal_connect (factory, "bind", G_CALLBACK (bare_bind_cb), NULL);
      column = gtk_column_view_column_new ("Column", factory);
      gtk_column_view_column_set_fixed_width (column, 110);
      gtk_column_view_column_set_sorter (column, GTK_SORTER (gtk_string_sorter_new (
        gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string"))));
      if (first == NULL)
        first = column;
      gtk_column_view_append_column (GTK_COLUMN_VIEW (view), column);
    }
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), view);
  window = new_window (scrolled);
  *out_widgets = count_widgets (view);
  for (guint run = 0; run < RUNS; run++)
    {
      gint64 start = g_get_monotonic_time ();
      double us;

      gtk_string_filter_set_search (filter, "k");
      us = g_get_monotonic_time () - start;
      g_array_append_val (filter_us, us);
      wmg_wait_for_paint (window);
      us = g_get_monotonic_time () - start;
      g_array_append_val (painted_us, us);
      gtk_string_filter_set_search (filter, NULL);
      wmg_wait_for_paint (window);
    }
  for (guint run = 0; sort_us != NULL && run < RUNS; run++)
    {
      gint64 start = g_get_monotonic_time ();
      double us;

      gtk_column_view_sort_by_column (GTK_COLUMN_VIEW (view), first,
                                      run % 2 ? GTK_SORT_DESCENDING : GTK_SORT_ASCENDING);
      us = g_get_monotonic_time () - start;
      g_array_append_val (sort_us, us);
      wmg_wait_for_paint (window);
    }
  gtk_window_destroy (GTK_WINDOW (window));
  iterate_pending ();
}

static void
bench_search_and_sort (const GDate *today)
{
  g_autoptr(GListStore) cases = g_list_store_new (WM_TYPE_CASE);
  g_autoptr(GArray) filter_us = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) painted_us = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) second_us = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) sort_us = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) bare_filter_us = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) bare_painted_us = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) bare_sort_us = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) one_column_filter_us = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) one_column_painted_us = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) list_filter_us = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) list_painted_us = g_array_new (FALSE, FALSE, sizeof (double));
  guint view_widgets, bare_widgets, one_column_widgets, list_widgets;
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GPtrArray) people = g_ptr_array_new ();
  gint64 made_us;
  GtkWidget *view = wm_caseload_view_new ();
  GtkWidget *window;
  GtkColumnView *column_view;
  GListModel *columns;
  gint64 start;

  /* The synthetic people first, then the rows timed alone: what the
   * store thread adds to each caseload line it decrypted. */
  for (guint i = 0; i < n_people; i++)
    {
      WmBenchPerson *person = g_new0 (WmBenchPerson, 1);

      wm_bench_person_generate (SEED, i, person);
      g_ptr_array_add (people, person);
    }
  start = g_get_monotonic_time ();
  for (guint i = 0; i < n_people; i++)
    {
      g_autoptr(WmCase) row = make_row_from (g_ptr_array_index (people, i), i, today);

      g_list_store_append (cases, row);
    }
  made_us = g_get_monotonic_time () - start;
  for (guint i = 0; i < n_people; i++)
    {
      g_autoptr(WmCase) row = g_list_model_get_item (G_LIST_MODEL (cases), i);

      g_ptr_array_add (names, (gpointer) wm_case_get_display_name (row));
    }

  window = new_window (view);
  wm_caseload_view_set_cases (WM_CASELOAD_VIEW (view), G_LIST_MODEL (cases));
  wmg_wait_for_paint (window);
  view_widgets = count_widgets (view);

  for (guint run = 0; run < RUNS; run++)
    {
      double us;

      start = g_get_monotonic_time ();
      wm_caseload_view_set_search_text (WM_CASELOAD_VIEW (view), "k");
      us = g_get_monotonic_time () - start;
      g_array_append_val (filter_us, us);
      wmg_wait_for_paint (window);
      us = g_get_monotonic_time () - start;
      g_array_append_val (painted_us, us);

      start = g_get_monotonic_time ();
      wm_caseload_view_set_search_text (WM_CASELOAD_VIEW (view), "ka");
      us = g_get_monotonic_time () - start;
      g_array_append_val (second_us, us);

      wm_caseload_view_set_search_text (WM_CASELOAD_VIEW (view), "");
      wmg_wait_for_paint (window);
    }

  column_view = GTK_COLUMN_VIEW (gtk_widget_get_template_child (view, WM_TYPE_CASELOAD_VIEW, "column_view"));
  columns = gtk_column_view_get_columns (column_view);
  for (guint run = 0; run < RUNS; run++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, run % 9);
      double us;

      start = g_get_monotonic_time ();
      gtk_column_view_sort_by_column (column_view, column, run % 2 ? GTK_SORT_DESCENDING : GTK_SORT_ASCENDING);
      us = g_get_monotonic_time () - start;
      g_array_append_val (sort_us, us);
      wmg_wait_for_paint (window);
    }

  gtk_window_destroy (GTK_WINDOW (window));
  iterate_pending ();
  bench_bare_filter (names, 12, bare_filter_us, bare_painted_us, bare_sort_us, &bare_widgets);
  bench_bare_filter (names, 1, one_column_filter_us, one_column_painted_us, NULL, &one_column_widgets);
  bench_bare_filter (names, 0, list_filter_us, list_painted_us, NULL, &list_widgets);

  printf ("  %-44s %9.2f ms   (%.2f µs a row, one thread, from whole records rather than cards)\n", "caseload rows (WmCase) made", made_us / 1000.0, (double) made_us / n_people);
  printf ("  %-44s %9.2f ms   bare GtkColumnView %8.2f ms   target < 16 ms\n",
          "search, first keystroke: filter", median_ms (filter_us), median_ms (bare_filter_us));
  printf ("  %-44s %9.2f ms   bare GtkColumnView %8.2f ms   target < 16 ms\n",
          "search, first keystroke: until painted", median_ms (painted_us), median_ms (bare_painted_us));
  printf ("  %-44s %9.2f ms\n", "search, second keystroke: filter", median_ms (second_us));
  /* Where it goes: GTK 4.8 keeps 200 rows of widgets whatever the height
   * (GTK_LIST_VIEW_MAX_LIST_ITEMS) and makes a row's widgets again when
   * its item changes; a column view cell is two widgets. */
  printf ("  %-44s %9u      bare 12 columns %8u      1 column %u   list %u\n",
          "  widgets alive in the view", view_widgets, bare_widgets, one_column_widgets, list_widgets);
  printf ("  %-44s %9s      bare 1 column %8.2f ms   bare GtkListView %.2f ms (filter)\n",
          "  the floor by columns, first keystroke", "", median_ms (one_column_filter_us), median_ms (list_filter_us));
  printf ("  %-44s %9s      bare 1 column %8.2f ms   bare GtkListView %.2f ms (until painted)\n",
          "", "", median_ms (one_column_painted_us), median_ms (list_painted_us));
  printf ("  %-44s %9.2f ms   bare GtkColumnView %8.2f ms   target < 50 ms\n",
          "sort by a column (9 columns, both ways)", median_ms (sort_us), median_ms (bare_sort_us));
  for (guint i = 0; i < people->len; i++)
    {
      wm_bench_person_clear (g_ptr_array_index (people, i));
      g_free (g_ptr_array_index (people, i));
    }
}

/* A database of the same people, each with their assessments and
 * contacts, all assigned to one caseworker. */
static char *
make_database (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "desk.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(WmStore) store = NULL;
  g_autoptr(WmSession) admin = NULL;
  g_autoptr(WmSession) caseworker = NULL;
  gint64 caseworker_id;
  gint64 start = g_get_monotonic_time ();

  store = wm_store_create (path, "Desk Benchmark", "admin", PASSPHRASE, &error);
  g_assert_no_error (error);
  admin = wm_session_sign_in (store, "admin", PASSPHRASE, &error);
  g_assert_no_error (error);
  caseworker_id = wm_session_add_user (admin, "casey", WM_ROLE_CASEWORKER, PASSPHRASE, &error);
  g_assert_no_error (error);
  caseworker = wm_session_sign_in (store, "casey", PASSPHRASE, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < n_people; i++)
    {
      WmBenchPerson person;
      GVariantBuilder records;

      wm_bench_person_generate (SEED, i, &person);
      g_variant_builder_init (&records, G_VARIANT_TYPE ("a(ua{sv}b)"));
      for (guint r = 0; r < WM_BENCH_RECORDS_PER_PERSON; r++)
        g_variant_builder_add (&records, "(u@a{sv}b)", person.kinds[r], person.records[r], FALSE);
      g_assert_cmpint (wm_session_create_case_with_records (caseworker, caseworker_id, person.profile,
                                                            g_variant_builder_end (&records), &error), >, 0);
      g_assert_no_error (error);
      wm_bench_person_clear (&person);
    }
  printf ("  database of %u people made in %.1f s\n", n_people, (g_get_monotonic_time () - start) / 1e6);
  return g_steal_pointer (&path);
}

typedef struct
{
  gint64        signed_in_at;
  GAsyncResult *result;
} SignIn;

static void
signed_in_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  SignIn *sign_in = user_data;

  sign_in->signed_in_at = g_get_monotonic_time ();
  sign_in->result = g_object_ref (result);
}

static void
loaded_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static void
bench_unlock (const char *dir)
{
  g_autofree char *path = make_database (dir);
  g_autoptr(GArray) derive_us = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) rest_us = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) load_us = g_array_new (FALSE, FALSE, sizeof (double));
  guint runs = 5;

  for (guint run = 0; run < runs; run++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(WmStore) store = wm_store_open (path, &error);
      g_autoptr(WmContext) context = NULL;
      g_autoptr(GListModel) cases = NULL;
      GAsyncResult *loaded = NULL;
      SignIn sign_in = { 0 };
      GtkWidget *view = wm_caseload_view_new ();
      GtkWidget *window;
      gint64 start, loaded_at;
      double us;

      g_assert_no_error (error);
      context = wm_context_new (store);
      window = new_window (view);

      /* As the window does: sign in, then ask for the caseload, then show it. */
      start = g_get_monotonic_time ();
      wm_context_sign_in_async (context, "casey", PASSPHRASE, NULL, signed_in_cb, &sign_in);
      while (sign_in.result == NULL)
        g_main_context_iteration (NULL, TRUE);
      g_assert_true (wm_context_sign_in_finish (context, sign_in.result, NULL, &error));
      g_clear_object (&sign_in.result);
      wm_context_load_caseload_async (context, NULL, loaded_cb, &loaded);
      while (loaded == NULL)
        g_main_context_iteration (NULL, TRUE);
      loaded_at = g_get_monotonic_time ();
      cases = wm_context_load_caseload_finish (context, loaded, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (g_list_model_get_n_items (cases), ==, n_people);
      g_clear_object (&loaded);
      wm_caseload_view_set_cases (WM_CASELOAD_VIEW (view), cases);
      wmg_wait_for_paint (window);

      us = sign_in.signed_in_at - start;
      g_array_append_val (derive_us, us);
      us = g_get_monotonic_time () - sign_in.signed_in_at;
      g_array_append_val (rest_us, us);
      us = loaded_at - sign_in.signed_in_at;
      g_array_append_val (load_us, us);

      gtk_window_destroy (GTK_WINDOW (window));
      wm_context_sign_out (context);
      wm_context_wait_idle (context);
      iterate_pending ();
    }

  printf ("  %-44s %9.2f ms   (the floor)\n", "unlock: sign-in with key derivation", median_ms (derive_us));
  printf ("  %-44s %9.2f ms   of which the caseload from the store thread\n", "", median_ms (load_us));
  printf ("  %-44s %9.2f ms   target ≤ 200 ms\n", "unlock: after sign-in, until painted", median_ms (rest_us));
}

int
main (int   argc,
      char *argv[])
{
  const char *people = g_getenv ("WAYMARK_BENCH_DESK_PEOPLE");
  g_autofree char *dir = NULL;
  g_autoptr(GError) error = NULL;
  GDate today;

  gtk_init ();
  adw_init ();
  wm_resources_register ();
  g_object_set (gtk_settings_get_default (), "gtk-cursor-blink", FALSE, NULL);

  if (people != NULL)
    n_people = MAX (1, atoi (people));
  g_date_set_dmy (&today, WM_BENCH_TODAY_DAY, WM_BENCH_TODAY_MONTH, WM_BENCH_TODAY_YEAR);

  printf ("The desk with %u young people (medians; search and sort of %d runs, unlock of 5)\n",
          n_people, RUNS);
  bench_search_and_sort (&today);

  /* For working on the view alone: the database takes a while to make. */
  if (g_getenv ("WAYMARK_BENCH_DESK_VIEW_ONLY") != NULL)
    return EXIT_SUCCESS;
  dir = g_dir_make_tmp ("waymark-bench-desk-XXXXXX", &error);
  if (g_getenv ("WAYMARK_BENCH_DIR") != NULL)
    {
      g_clear_pointer (&dir, g_free);
      dir = g_build_filename (g_getenv ("WAYMARK_BENCH_DIR"), "waymark-bench-desk", NULL);
      g_mkdir_with_parents (dir, 0700);
    }
  g_assert_nonnull (dir);
  g_setenv ("XDG_STATE_HOME", dir, TRUE);
  bench_unlock (dir);
  {
    g_autofree char *db = g_build_filename (dir, "desk.db", NULL);
    g_autofree char *wal = g_strconcat (db, "-wal", NULL);
    g_autofree char *shm = g_strconcat (db, "-shm", NULL);

    g_unlink (db);
    g_unlink (wal);
    g_unlink (shm);
  }
  return EXIT_SUCCESS;
}
