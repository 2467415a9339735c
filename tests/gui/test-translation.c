/* test-translation.c — the main window speaks Welsh from the build tree's catalogue
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Binds the text domain as main.c does, to WAYMARK_LOCALEDIR (the build
 * tree's po/), asks for Welsh with LANGUAGE=cy, and reads the strings a
 * user sees first. It fails when cy.po is not compiled where
 * WAYMARK_LOCALEDIR points, when the template's strings are not marked
 * translatable, or when the Welsh is missing.
 */

#define G_LOG_DOMAIN "test-translation"

#include "config.h"

#include <locale.h>
#include <glib/gi18n.h>
#define G_SETTINGS_ENABLE_BACKEND
#include <gio/gsettingsbackend.h>
#include <adwaita.h>

#include "wm-application.h"
#include "wm-context.h"
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

static void
test_window_in_welsh (void)
{
  g_autoptr(GSettingsBackend) backend = g_memory_settings_backend_new ();
  g_autoptr(GSettings) settings = g_settings_new_with_backend (APPLICATION_ID, backend);
  WmWindow *window = new_empty_window (settings);
  GtkWidget *welcome_page;
  GtkWidget *create_button;
  GtkWidget *menu_button;

  /* The first-run page, which a new organisation meets first. */
  welcome_page = adw_bin_get_child (ADW_BIN (template_child (window, WM_TYPE_WINDOW, "welcome_bin")));
  create_button = template_child (welcome_page, WM_TYPE_WELCOME_PAGE, "create_button");
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (create_button)), ==, "_Creu Sefydliad");

  menu_button = template_child (window, WM_TYPE_WINDOW, "primary_menu_button");
  g_assert_cmpstr (gtk_widget_get_tooltip_text (menu_button), ==, "Prif ddewislen");

  /* The window's title is the application's name, in every language. */
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Waymark");

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  const char *localedir = g_getenv ("WAYMARK_LOCALEDIR");
  g_autoptr(GSettingsBackend) backend = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  wm_resources_register ();

  /* gtk_test_init() chose a fixed English locale; any locale but "C" lets
   * LANGUAGE choose the catalogue, and C.UTF-8 is built into glibc. */
  g_assert_nonnull (localedir);
  g_setenv ("LANGUAGE", "cy", TRUE);
  g_assert_nonnull (setlocale (LC_ALL, "C.UTF-8"));
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  backend = g_memory_settings_backend_new ();
  settings = g_settings_new_with_backend (APPLICATION_ID, backend);
  application = g_object_new (WM_TYPE_APPLICATION,
                              "application-id", APPLICATION_ID,
                              "flags", G_APPLICATION_NON_UNIQUE,
                              "settings", settings,
                              NULL);
  g_application_register (G_APPLICATION (application), NULL, &error);
  g_assert_no_error (error);

  g_test_add_func ("/translation/window-in-welsh", test_window_in_welsh);

  status = g_test_run ();

  g_clear_object (&application);
  return status;
}
