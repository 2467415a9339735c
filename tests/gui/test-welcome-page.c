/* test-welcome-page.c — the first run: creating an organisation, refusing mismatched passphrases, the demo
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each test puts a WmWelcomePage in a window of its own, fills the form
 * through its widgets as a person would, presses the buttons, and waits
 * for WmWelcomePage::database-ready. Databases go to a temporary folder of
 * the test's own. Key derivation runs at the store's full cost.
 */

#define G_LOG_DOMAIN "test-welcome-page"

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <adwaita.h>

#include "wm-demo-database.h"
#include "wm-resources.h"
#include "wm-secret.h"
#include "wm-secret-buffer.h"
#include "wm-store.h"
#include "wm-welcome-page.h"

#define ORGANISATION "Cymdeithas Llwybrau’r Gororau"
#define ADMIN "ada"
#define PASSPHRASE "correct cable staple orbit"

typedef struct
{
  char          *dir;
  char          *path;
  GtkWindow     *window;
  WmWelcomePage *page;
  WmStore       *store;      /* what database-ready handed over */
  gboolean       is_demo;
  guint          n_ready;
} Fixture;

static GtkWidget *
template_child (Fixture    *fixture,
                const char *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (fixture->page),
                                                  WM_TYPE_WELCOME_PAGE, name);

  g_assert_true (GTK_IS_WIDGET (child));
  return GTK_WIDGET (child);
}

static void
database_ready_cb (WmWelcomePage *page,
                   WmStore       *store,
                   gboolean       is_demo,
                   Fixture       *fixture)
{
  g_assert_true (WM_IS_STORE (store));
  g_assert_null (fixture->store);
  fixture->store = g_object_ref (store);
  fixture->is_demo = is_demo;
  fixture->n_ready++;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("test-welcome-page-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "organisation", "waymark.db", NULL);

  fixture->page = WM_WELCOME_PAGE (wm_welcome_page_new ());
  g_signal_connect (fixture->page, "database-ready", G_CALLBACK (database_ready_cb), fixture);
  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 800, 600);
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->page));
  gtk_window_present (fixture->window);
  while (!gtk_widget_get_mapped (GTK_WIDGET (fixture->page)))
    g_main_context_iteration (NULL, TRUE);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    {
      g_unlink (path);
      return;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      remove_tree (child);
    }
  g_rmdir (path);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  if (fixture->window != NULL)
    {
      g_object_ref (fixture->page);
      gtk_window_destroy (fixture->window);
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_assert_finalize_object (fixture->page);
    }

  if (fixture->store != NULL)
    {
      g_autofree char *path = g_strdup (wm_store_get_path (fixture->store));

      g_assert_finalize_object (fixture->store);
      if (fixture->is_demo)
        g_assert_true (wm_demo_database_remove (path, NULL));
    }
  remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
}

static void
type_text (Fixture    *fixture,
           const char *child,
           const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (template_child (fixture, child)), text);
}

static void
click (Fixture    *fixture,
       const char *button)
{
  GtkWidget *widget = template_child (fixture, button);

  g_assert_true (gtk_widget_is_sensitive (widget));
  g_assert_true (gtk_widget_get_mapped (widget));
  g_signal_emit_by_name (widget, "clicked");
}

/* Runs the main loop until the page hands a database over, or at most
 * @seconds: key derivation and the demo run on worker threads. */
static void
wait_for_ready (Fixture *fixture,
                guint    seconds)
{
  gint64 end = g_get_monotonic_time () + seconds * G_USEC_PER_SEC;

  while (fixture->n_ready == 0 && g_get_monotonic_time () < end)
    {
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }
  while (wm_welcome_page_get_busy (fixture->page) && g_get_monotonic_time () < end)
    {
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }
}

static guint
count_names (Fixture    *fixture,
             const char *list)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (template_child (fixture, list));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (ADW_IS_ACTION_ROW (child))
        n++;
    }
  return n;
}

static void
fill_form (Fixture    *fixture,
           const char *confirm)
{
  click (fixture, "create_button");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (template_child (fixture, "stack"))), ==,
                   "create");

  type_text (fixture, "organisation_row", "  " ORGANISATION " ");
  type_text (fixture, "admin_name_row", ADMIN);
  type_text (fixture, "passphrase_entry", PASSPHRASE);
  type_text (fixture, "confirm_entry", confirm);
  wm_welcome_page_set_database_path (fixture->page, fixture->path);
}

static void
test_create_organisation (Fixture       *fixture,
                          gconstpointer  user_data)
{
  g_autofree char *default_path = wm_store_dup_default_path ();
  g_autoptr(GError) error = NULL;
  g_autoptr(WmStore) again = NULL;
  GtkWidget *location_row = template_child (fixture, "location_row");
  guint n_areas;

  /* The default file and the police area's four local authorities. */
  g_assert_cmpstr (wm_welcome_page_get_database_path (fixture->page), ==, default_path);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (location_row)), ==, default_path);
  n_areas = count_names (fixture, "areas_list");
  g_assert_cmpuint (n_areas, ==, 4);
  g_assert_cmpuint (count_names (fixture, "programmes_list"), ==, 5);

  fill_form (fixture, PASSPHRASE);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (location_row)), ==, fixture->path);

  /* An area is added through its entry row. */
  type_text (fixture, "add_area_row", "Powys");
  g_signal_emit_by_name (template_child (fixture, "add_area_row"), "apply");
  g_assert_cmpuint (count_names (fixture, "areas_list"), ==, n_areas + 1);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (template_child (fixture, "add_area_row"))), ==, "");

  /* The hint has counted the passphrase. */
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (template_child (fixture, "strength_label"))),
                            "good"));

  click (fixture, "create_confirm_button");
  g_assert_true (wm_welcome_page_get_busy (fixture->page));
  g_assert_true (gtk_widget_get_visible (template_child (fixture, "create_spinner")));
  wait_for_ready (fixture, 30);

  g_assert_cmpuint (fixture->n_ready, ==, 1);
  g_assert_false (fixture->is_demo);
  g_assert_cmpstr (wm_store_get_organisation (fixture->store), ==, ORGANISATION);
  g_assert_cmpstr (wm_store_get_path (fixture->store), ==, fixture->path);
  g_assert_false (wm_welcome_page_get_busy (fixture->page));
  g_assert_false (gtk_widget_get_visible (template_child (fixture, "create_spinner")));

  /* The entries no longer hold the passphrase. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (template_child (fixture, "passphrase_entry"))), ==, "");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (template_child (fixture, "confirm_entry"))), ==, "");

  /* The file opens, and the first administrator is in it. */
  again = wm_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (wm_store_get_organisation (again), ==, ORGANISATION);
  {
    g_autoptr(WmUser) admin = wm_store_lookup_user (again, ADMIN, &error);

    g_assert_no_error (error);
    g_assert_cmpint (admin->role, ==, WM_ROLE_ADMINISTRATOR);
  }
}

static void
test_mismatched_passphrases (Fixture       *fixture,
                             gconstpointer  user_data)
{
  GtkWidget *error_label = template_child (fixture, "create_error_label");
  g_autofree char *folder = NULL;

  fill_form (fixture, "correct cable staple orbiT");
  g_assert_false (gtk_widget_get_visible (error_label));

  click (fixture, "create_confirm_button");
  g_assert_false (wm_welcome_page_get_busy (fixture->page));

  /* Said where the person is looking, and nothing made. */
  g_assert_true (gtk_widget_get_visible (error_label));
  g_assert_true (gtk_widget_get_mapped (error_label));
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (error_label)), "not the same"));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (template_child (fixture, "stack"))), ==,
                   "create");
  for (guint i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpuint (fixture->n_ready, ==, 0);
  g_assert_false (g_file_test (fixture->path, G_FILE_TEST_EXISTS));
  folder = g_path_get_dirname (fixture->path);
  g_assert_false (g_file_test (folder, G_FILE_TEST_EXISTS));

  /* The repeat is emptied, to be typed again; the first one stays. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (template_child (fixture, "confirm_entry"))), ==, "");
  g_assert_cmpstr (wm_secret_buffer_peek (GTK_PASSWORD_ENTRY (template_child (fixture, "passphrase_entry"))), ==,
                   PASSPHRASE);
}

static void
test_missing_organisation_name (Fixture       *fixture,
                                gconstpointer  user_data)
{
  GtkWidget *error_label = template_child (fixture, "create_error_label");

  fill_form (fixture, PASSPHRASE);
  type_text (fixture, "organisation_row", "   ");
  click (fixture, "create_confirm_button");
  g_assert_true (gtk_widget_get_visible (error_label));
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (error_label)), "organisation’s name"));
  g_assert_false (g_file_test (fixture->path, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (fixture->n_ready, ==, 0);
}

/* Tab goes from the account name straight into the passphrase, then its
 * repeat: no stop on a row that does nothing. Each passphrase entry is
 * named by its label for screen readers. */
static void
test_keyboard (Fixture       *fixture,
               gconstpointer  user_data)
{
  GtkWidget *passphrase_entry = template_child (fixture, "passphrase_entry");
  GtkWidget *confirm_entry = template_child (fixture, "confirm_entry");
  GtkWidget *focus;

  click (fixture, "create_button");
  g_assert_true (gtk_widget_grab_focus (template_child (fixture, "admin_name_row")));

  g_assert_true (gtk_widget_child_focus (GTK_WIDGET (fixture->window), GTK_DIR_TAB_FORWARD));
  focus = gtk_root_get_focus (GTK_ROOT (fixture->window));
  g_assert_true (focus != NULL && gtk_widget_is_ancestor (focus, passphrase_entry));

  /* Past the peek button, to the repeat. */
  for (guint i = 0; i < 3 && !gtk_widget_is_ancestor (focus, confirm_entry); i++)
    {
      g_assert_true (gtk_widget_child_focus (GTK_WIDGET (fixture->window), GTK_DIR_TAB_FORWARD));
      focus = gtk_root_get_focus (GTK_ROOT (fixture->window));
      g_assert_false (GTK_IS_LIST_BOX_ROW (focus));
    }
  g_assert_true (gtk_widget_is_ancestor (focus, confirm_entry));

  gtk_test_accessible_assert_relation (GTK_ACCESSIBLE (passphrase_entry),
                                       GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                       template_child (fixture, "passphrase_label"), NULL);
  gtk_test_accessible_assert_relation (GTK_ACCESSIBLE (confirm_entry),
                                       GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                       template_child (fixture, "confirm_label"), NULL);
}

static void
test_explore_demo (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autofree char *folder = NULL;
  g_autofree char *folder_name = NULL;
  GtkWidget *stack = template_child (fixture, "stack");
  GStatBuf st;

  click (fixture, "demo_button");
  g_assert_true (wm_welcome_page_get_busy (fixture->page));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "working");
  g_assert_true (gtk_widget_get_mapped (template_child (fixture, "progress_bar")));
  wait_for_ready (fixture, 60);

  g_assert_cmpuint (fixture->n_ready, ==, 1);
  g_assert_true (fixture->is_demo);
  g_assert_cmpstr (wm_store_get_organisation (fixture->store), ==, "Waymark Demo (Synthetic Data)");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "choices");

  /* In a private folder of its own, which goes with the demo. */
  folder = g_path_get_dirname (wm_store_get_path (fixture->store));
  folder_name = g_path_get_basename (folder);
  g_assert_true (g_str_has_prefix (folder_name, "waymark-demo-"));
  g_assert_cmpint (g_stat (folder, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);

  /* The demo accounts are there with the demo passphrase. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) users = wm_store_list_users (fixture->store, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (users->len, ==, 4);
  }
}

/* Closing the window while the demo is made stops it, hands nothing over
 * and leaves no demo folder behind; the page lets go of everything. */
static guint
count_demo_folders (void)
{
  g_autoptr(GDir) dir = g_dir_open (g_get_tmp_dir (), 0, NULL);
  const char *name;
  guint n = 0;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      if (g_str_has_prefix (name, "waymark-demo-"))
        n++;
    }
  return n;
}

static void
test_demo_closed_early (Fixture       *fixture,
                        gconstpointer  user_data)
{
  gint64 end = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  guint n_demo_folders = count_demo_folders ();

  click (fixture, "demo_button");
  g_assert_true (wm_welcome_page_get_busy (fixture->page));

  g_object_ref (fixture->page);
  gtk_window_destroy (fixture->window);
  fixture->window = NULL;
  while (wm_welcome_page_get_busy (fixture->page) && g_get_monotonic_time () < end)
    {
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }
  g_assert_false (wm_welcome_page_get_busy (fixture->page));
  g_assert_cmpuint (fixture->n_ready, ==, 0);
  g_assert_cmpuint (count_demo_folders (), ==, n_demo_folders);
  g_assert_finalize_object (fixture->page);
  fixture->page = NULL;
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  wm_resources_register ();
  g_assert_true (wm_crypto_init ());

  g_test_add ("/welcome-page/create-organisation", Fixture, NULL,
              fixture_set_up, test_create_organisation, fixture_tear_down);
  g_test_add ("/welcome-page/mismatched-passphrases", Fixture, NULL,
              fixture_set_up, test_mismatched_passphrases, fixture_tear_down);
  g_test_add ("/welcome-page/missing-organisation-name", Fixture, NULL,
              fixture_set_up, test_missing_organisation_name, fixture_tear_down);
  g_test_add ("/welcome-page/keyboard", Fixture, NULL,
              fixture_set_up, test_keyboard, fixture_tear_down);
  g_test_add ("/welcome-page/demo-closed-early", Fixture, NULL,
              fixture_set_up, test_demo_closed_early, fixture_tear_down);
  g_test_add ("/welcome-page/explore-demo", Fixture, NULL,
              fixture_set_up, test_explore_demo, fixture_tear_down);

  return g_test_run ();
}
