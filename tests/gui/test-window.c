/* test-window.c — the main window, Preferences, About and the shortcuts window
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One WmApplication, registered but never run, serves every test; each test
 * makes its windows with settings on a memory backend of its own, as the
 * application would hand them its settings, and checks what a user would
 * see: the title, the empty state, the restored size, the preference that
 * follows its key, and the windows the menu opens.
 */

#define G_LOG_DOMAIN "test-window"

#include "config.h"

#include <string.h>
#define G_SETTINGS_ENABLE_BACKEND
#include <gio/gsettingsbackend.h>
#include <adwaita.h>

#include "wm-application.h"
#include "wm-gui-test-util.h"
#include "wm-context.h"
#include "wm-preferences-window.h"
#include "wm-resources.h"
#include "wm-welcome-page.h"
#include "wm-window.h"

static WmApplication *application;

/* A window with no database open, as on a machine that has none. */
static WmWindow *
new_empty_window (GSettings *settings)
{
  g_autoptr(WmContext) context = wm_context_new (NULL);

  return wm_window_new (application, settings, context, NULL, NULL);
}


/* A named child of @widget's template, as the tests look inside. */
static GtkWidget *
template_child (gpointer    widget,
                GType       type,
                const char *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (widget), type, name);

  g_assert_true (GTK_IS_WIDGET (child));
  return GTK_WIDGET (child);
}

typedef struct
{
  GSettingsBackend *backend;
  GSettings        *settings;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  fixture->backend = g_memory_settings_backend_new ();
  fixture->settings = g_settings_new_with_backend (APPLICATION_ID, fixture->backend);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_assert_finalize_object (fixture->settings);
  g_assert_finalize_object (fixture->backend);
}

static void
iterate_until_mapped (GtkWidget *widget)
{
  while (!gtk_widget_get_mapped (widget))
    g_main_context_iteration (NULL, TRUE);
}

/* Waits until the window has been mapped and has painted a frame, so what
 * the test looks at is what a user would see on the screen. */
static void
present_and_wait (GtkWindow *window)
{
  gtk_window_present (window);
  iterate_until_mapped (GTK_WIDGET (window));
  wmg_wait_for_paint (GTK_WIDGET (window));
}

/* Destroys a window and checks nothing else kept it alive. GTK owns a
 * toplevel, so the test takes a reference of its own to watch it go. */
static void
destroy_and_finalize (GtkWindow *window)
{
  g_object_ref (window);
  gtk_window_destroy (window);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_finalize_object (window);
}

/* The one toplevel of @type, or NULL if there is none. */
static GtkWindow *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  GtkWindow *found = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type))
        {
          g_assert_null (found);
          found = window;
        }
    }

  return found;
}

/* The menu's sections hold these items, in this order. The first section's
 * actions need a signed-in session and are hidden without one, except
 * opening a database; every other item's action is enabled where the menu
 * will look for it. */
static void
assert_menu_actions (WmWindow   *window,
                     GMenuModel *menu)
{
  const struct
  {
    guint       section;
    const char *action;
    gboolean    enabled;
  } expected[] = {
    { 0, "app.open-database", TRUE },
    { 0, "win.partners", FALSE },
    { 0, "win.import", FALSE },
    { 0, "win.sign-out", FALSE },
    { 1, "app.preferences", TRUE },
    { 1, "win.show-help-overlay", TRUE },
    { 1, "app.about", TRUE },
  };
  guint position = 0;

  g_assert_cmpint (g_menu_model_get_n_items (menu), ==, 2);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++, position++)
    {
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (menu, expected[i].section,
                                                                   G_MENU_LINK_SECTION);
      g_autofree char *action = NULL;
      GActionGroup *group;

      if (i > 0 && expected[i].section != expected[i - 1].section)
        position = 0;
      g_assert_nonnull (section);
      g_assert_true (g_menu_model_get_item_attribute (section, position, G_MENU_ATTRIBUTE_ACTION,
                                                      "s", &action));
      g_assert_cmpstr (action, ==, expected[i].action);
      if (g_str_has_prefix (action, "app."))
        group = G_ACTION_GROUP (application);
      else
        group = G_ACTION_GROUP (window);
      g_assert_cmpint (g_action_group_get_action_enabled (group, strchr (action, '.') + 1), ==,
                       expected[i].enabled);
    }
}

static void
test_window_empty_state (Fixture       *fixture,
                         gconstpointer  user_data)
{
  WmWindow *window = new_empty_window (fixture->settings);
  GtkWidget *stack;
  GtkWidget *welcome_page;
  GtkWidget *create_button;
  GtkWidget *demo_button;
  GtkWidget *menu_button;

  g_assert_true (wm_window_get_settings (window) == fixture->settings);
  present_and_wait (GTK_WINDOW (window));

  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Waymark");
  g_assert_true (gtk_window_get_application (GTK_WINDOW (window)) == GTK_APPLICATION (application));

  /* With no database, the first-run page offers to create one or to look
   * around with demo data. */
  stack = template_child (window, WM_TYPE_WINDOW, "stack");
  welcome_page = adw_bin_get_child (ADW_BIN (template_child (window, WM_TYPE_WINDOW, "welcome_bin")));
  g_assert_true (GTK_IS_STACK (stack));
  g_assert_true (WM_IS_WELCOME_PAGE (welcome_page));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "welcome");
  g_assert_true (gtk_stack_get_visible_child (GTK_STACK (stack)) == gtk_widget_get_parent (welcome_page));
  g_assert_true (gtk_widget_is_drawable (welcome_page));
  create_button = template_child (welcome_page, WM_TYPE_WELCOME_PAGE, "create_button");
  demo_button = template_child (welcome_page, WM_TYPE_WELCOME_PAGE, "demo_button");
  g_assert_true (gtk_widget_is_drawable (create_button));
  g_assert_true (gtk_widget_is_drawable (demo_button));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (create_button)), ==, "_Create an Organisation");
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (demo_button)), ==, "_Explore with Demo Data");

  /* The primary menu is named for screen readers, and offers what it should. */
  menu_button = template_child (window, WM_TYPE_WINDOW, "primary_menu_button");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (menu_button),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Main Menu");
  assert_menu_actions (window, gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (menu_button)));

  destroy_and_finalize (GTK_WINDOW (window));
}

static void
assert_accels (const char *action,
               const char *accel)
{
  g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (application),
                                                                action);

  g_assert_true (g_strv_contains ((const char * const *) accels, accel));
}

static void
test_application_accels (void)
{
  assert_accels ("app.quit", "<Control>q");
  assert_accels ("app.preferences", "<Control>comma");
  assert_accels ("app.open-database", "<Control>o");
  assert_accels ("win.show-help-overlay", "<Control>question");
}

static void
test_window_size_from_settings (Fixture       *fixture,
                                gconstpointer  user_data)
{
  WmWindow *window;
  GdkSurface *surface;
  int width, height;

  g_settings_set_int (fixture->settings, "window-width", 777);
  g_settings_set_int (fixture->settings, "window-height", 555);

  window = new_empty_window (fixture->settings);
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 777);
  g_assert_cmpint (height, ==, 555);
  g_assert_false (gtk_window_is_maximized (GTK_WINDOW (window)));

  /* The default size is the surface's, client-side borders included. */
  present_and_wait (GTK_WINDOW (window));
  surface = gtk_native_get_surface (GTK_NATIVE (window));
  g_assert_cmpint (gdk_surface_get_width (surface), ==, 777);
  g_assert_cmpint (gdk_surface_get_height (surface), ==, 555);

  /* And back: the size the window is given is kept for the next start. */
  gtk_window_set_default_size (GTK_WINDOW (window), 801, 602);
  g_assert_cmpint (g_settings_get_int (fixture->settings, "window-width"), ==, 801);
  g_assert_cmpint (g_settings_get_int (fixture->settings, "window-height"), ==, 602);

  destroy_and_finalize (GTK_WINDOW (window));

  /* A window closed maximised opens maximised. (Xvfb has no window manager
   * to maximise a mapped window, so this one is checked before it maps.) */
  g_settings_set_boolean (fixture->settings, "window-maximized", TRUE);
  window = new_empty_window (fixture->settings);
  g_assert_true (gtk_window_is_maximized (GTK_WINDOW (window)));
  gtk_window_unmaximize (GTK_WINDOW (window));
  g_assert_false (g_settings_get_boolean (fixture->settings, "window-maximized"));
  destroy_and_finalize (GTK_WINDOW (window));
}

static void
test_preferences_idle_lock (Fixture       *fixture,
                            gconstpointer  user_data)
{
  WmPreferencesWindow *preferences = wm_preferences_window_new (fixture->settings, NULL);
  GtkWidget *spin_button;
  GtkAdjustment *adjustment;

  g_assert_true (wm_preferences_window_get_settings (preferences) == fixture->settings);
  present_and_wait (GTK_WINDOW (preferences));

  spin_button = template_child (preferences, WM_TYPE_PREFERENCES_WINDOW, "idle_lock_spin_button");
  g_assert_true (GTK_IS_SPIN_BUTTON (spin_button));
  g_assert_true (gtk_widget_is_drawable (spin_button));
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (spin_button),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Minutes before locking");

  /* The default, five minutes, and the schema's range. */
  adjustment = gtk_spin_button_get_adjustment (GTK_SPIN_BUTTON (spin_button));
  g_assert_cmpfloat (gtk_adjustment_get_lower (adjustment), ==, 1);
  g_assert_cmpfloat (gtk_adjustment_get_upper (adjustment), ==, 120);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (spin_button)), ==, 5);

  /* The spin button writes the key... */
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin_button), 17);
  g_assert_cmpuint (g_settings_get_uint (fixture->settings, "idle-lock-minutes"), ==, 17);
  gtk_spin_button_spin (GTK_SPIN_BUTTON (spin_button), GTK_SPIN_STEP_FORWARD, 1);
  g_assert_cmpuint (g_settings_get_uint (fixture->settings, "idle-lock-minutes"), ==, 18);

  /* ...and follows it. */
  g_settings_set_uint (fixture->settings, "idle-lock-minutes", 42);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (spin_button)), ==, 42);

  /* Review intervals are the organisation's, shown only with a signed-in
   * context (see /desk/review-intervals). */
  g_assert_null (wmg_find_row (GTK_WIDGET (preferences), "Very high risk"));

  destroy_and_finalize (GTK_WINDOW (preferences));
}

/* The close button of a toast, if one is shown under @widget. */
static GtkWidget *
find_toast_close_button (GtkWidget *widget)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_icon_name (GTK_BUTTON (widget)), "window-close-symbolic") == 0
      && gtk_widget_get_mapped (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_toast_close_button (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* libadwaita 1.2 leaves a toast's close button unnamed ("GtkImage" to a
 * screen reader); the application names every one as it is shown, the
 * next one of a queue too. */
static void
test_application_names_toasts (Fixture       *fixture,
                               gconstpointer  user_data)
{
  GtkWidget *window = adw_window_new ();
  AdwToastOverlay *overlay = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  AdwToast *first = adw_toast_new ("Contact saved");
  GtkWidget *button;

  adw_toast_overlay_set_child (overlay, gtk_label_new ("Record"));
  adw_window_set_content (ADW_WINDOW (window), GTK_WIDGET (overlay));
  g_object_ref (first);
  adw_toast_overlay_add_toast (overlay, first);
  adw_toast_overlay_add_toast (overlay, adw_toast_new ("Queued behind it"));
  present_and_wait (GTK_WINDOW (window));
  while ((button = find_toast_close_button (window)) == NULL)
    g_main_context_iteration (NULL, TRUE);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, "Dismiss");

  adw_toast_dismiss (first);
  g_object_unref (first);
  while ((button = find_toast_close_button (window)) == NULL || !wmg_tree_shows (window, "Queued behind it"))
    g_main_context_iteration (NULL, TRUE);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, "Dismiss");
  destroy_and_finalize (GTK_WINDOW (window));
}

static void
test_application_preferences_action (Fixture       *fixture,
                                     gconstpointer  user_data)
{
  WmWindow *window = new_empty_window (fixture->settings);
  GtkWindow *preferences;

  present_and_wait (GTK_WINDOW (window));
  g_assert_null (find_toplevel (WM_TYPE_PREFERENCES_WINDOW));

  g_action_group_activate_action (G_ACTION_GROUP (application), "preferences", NULL);
  preferences = find_toplevel (WM_TYPE_PREFERENCES_WINDOW);
  g_assert_nonnull (preferences);
  g_assert_true (gtk_window_get_transient_for (preferences) == GTK_WINDOW (window));
  g_assert_true (gtk_window_get_modal (preferences));
  g_assert_true (wm_preferences_window_get_settings (WM_PREFERENCES_WINDOW (preferences))
                 == wm_application_get_settings (application));
  present_and_wait (preferences);

  destroy_and_finalize (preferences);
  g_assert_null (find_toplevel (WM_TYPE_PREFERENCES_WINDOW));
  destroy_and_finalize (GTK_WINDOW (window));
}

static void
test_application_about_action (Fixture       *fixture,
                               gconstpointer  user_data)
{
  WmWindow *window = new_empty_window (fixture->settings);
  GtkIconTheme *icon_theme;
  GtkWindow *about;

  present_and_wait (GTK_WINDOW (window));

  g_action_group_activate_action (G_ACTION_GROUP (application), "about", NULL);
  about = find_toplevel (ADW_TYPE_ABOUT_WINDOW);
  g_assert_nonnull (about);
  g_assert_true (gtk_window_get_transient_for (about) == GTK_WINDOW (window));
  g_assert_cmpstr (adw_about_window_get_application_name (ADW_ABOUT_WINDOW (about)), ==, "Waymark");
  g_assert_cmpstr (adw_about_window_get_application_icon (ADW_ABOUT_WINDOW (about)), ==,
                   "org.waymark.Waymark");
  g_assert_cmpstr (adw_about_window_get_version (ADW_ABOUT_WINDOW (about)), ==, PACKAGE_VERSION);
  g_assert_cmpstr (adw_about_window_get_website (ADW_ABOUT_WINDOW (about)), ==, PACKAGE_WEBSITE);
  g_assert_cmpint (adw_about_window_get_license_type (ADW_ABOUT_WINDOW (about)), ==,
                   GTK_LICENSE_GPL_3_0);
  present_and_wait (about);

  /* The icon it shows comes from the resources: Waymark need not be
   * installed for its own icon to be found. */
  icon_theme = gtk_icon_theme_get_for_display (gdk_display_get_default ());
  g_assert_true (gtk_icon_theme_has_icon (icon_theme, "org.waymark.Waymark"));
  g_assert_true (gtk_icon_theme_has_icon (icon_theme, "org.waymark.Waymark-symbolic"));

  gtk_window_close (about);
  while (find_toplevel (ADW_TYPE_ABOUT_WINDOW) != NULL)
    g_main_context_iteration (NULL, TRUE);

  destroy_and_finalize (GTK_WINDOW (window));
}

static void
test_window_help_overlay (Fixture       *fixture,
                          gconstpointer  user_data)
{
  WmWindow *window = new_empty_window (fixture->settings);
  GtkShortcutsWindow *overlay;

  present_and_wait (GTK_WINDOW (window));

  /* GtkApplication found gtk/help-overlay.ui in the resources. */
  overlay = gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window));
  g_assert_nonnull (overlay);

  g_action_group_activate_action (G_ACTION_GROUP (window), "show-help-overlay", NULL);
  iterate_until_mapped (GTK_WIDGET (overlay));
  gtk_widget_set_visible (GTK_WIDGET (overlay), FALSE);

  destroy_and_finalize (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GSettingsBackend) backend = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  wm_resources_register ();

  /* Not unique: tests run in parallel on one session bus. */
  backend = g_memory_settings_backend_new ();
  settings = g_settings_new_with_backend (APPLICATION_ID, backend);
  application = g_object_new (WM_TYPE_APPLICATION,
                              "application-id", APPLICATION_ID,
                              "flags", G_APPLICATION_NON_UNIQUE,
                              "settings", settings,
                              NULL);
  g_application_register (G_APPLICATION (application), NULL, &error);
  g_assert_no_error (error);

  g_test_add_func ("/application/accels", test_application_accels);
  g_test_add ("/application/names-toasts", Fixture, NULL,
              fixture_set_up, test_application_names_toasts, fixture_tear_down);
  g_test_add ("/application/preferences-action", Fixture, NULL,
              fixture_set_up, test_application_preferences_action, fixture_tear_down);
  g_test_add ("/application/about-action", Fixture, NULL,
              fixture_set_up, test_application_about_action, fixture_tear_down);
  g_test_add ("/window/empty-state", Fixture, NULL,
              fixture_set_up, test_window_empty_state, fixture_tear_down);
  g_test_add ("/window/size-from-settings", Fixture, NULL,
              fixture_set_up, test_window_size_from_settings, fixture_tear_down);
  g_test_add ("/window/help-overlay", Fixture, NULL,
              fixture_set_up, test_window_help_overlay, fixture_tear_down);
  g_test_add ("/preferences/idle-lock", Fixture, NULL,
              fixture_set_up, test_preferences_idle_lock, fixture_tear_down);

  status = g_test_run ();

  g_clear_object (&application);
  return status;
}
