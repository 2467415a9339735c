/* wm-welcome-page.c — the first run: create an organisation, explore demo data, or open a database
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What a window shows while no database is open. It offers three ways to
 * one: set up the organisation's own (its name, local authority areas and
 * programmes, the first administrator, where the file goes), make a
 * throwaway demo database of made-up young people, or open a file made
 * elsewhere. Each runs off the main thread (an Argon2id derivation takes
 * a second; a demo takes several), and ends in one signal,
 * WmWelcomePage::database-ready, with a store nobody is signed in to: the
 * window takes it from there. A new store is shared with nothing until it
 * is handed over, so the page's worker threads may use it freely.
 *
 * The page owns no store. A demo database lives in a private temporary
 * folder; whoever ends up holding the store deletes it, once closed, with
 * wm_demo_database_remove().
 */

#define G_LOG_DOMAIN "wm-welcome"

#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>

#include "wm-accessible.h"
#include "wm-demo-database.h"
#include "wm-organisation-setup.h"
#include "wm-secret.h"
#include "wm-secret-buffer.h"
#include "wm-store.h"
#include "wm-welcome-page.h"

/* The demo's young people are the same on every machine, so what one
 * person describes from the demo another can find. */
#define DEMO_SEED 1

/* The passphrase policy of the store (wm-passphrase.c): what the hint
 * counts towards. The store's own check is the one that decides. */
#define PASSPHRASE_MIN_CHARACTERS 15
#define PASSPHRASE_GOOD_WORDS 4

struct _WmWelcomePage
{
  AdwBin                parent_instance;

  char                 *database_path;
  GCancellable         *cancellable;
  GtkFileChooserNative *chooser;
  guint                 pulse_id;
  gboolean              busy;

  GtkStack             *stack;
  GtkLabel             *choices_error_label;
  AdwEntryRow          *organisation_row;
  GtkListBox           *areas_list;
  AdwEntryRow          *add_area_row;
  GtkListBox           *programmes_list;
  AdwEntryRow          *add_programme_row;
  AdwEntryRow          *admin_name_row;
  GtkPasswordEntry     *passphrase_entry;
  GtkPasswordEntry     *confirm_entry;
  GtkLabel             *strength_label;
  AdwActionRow         *location_row;
  GtkLabel             *create_error_label;
  GtkSpinner           *create_spinner;
  AdwStatusPage        *working_page;
  GtkProgressBar       *progress_bar;
};

G_DEFINE_FINAL_TYPE (WmWelcomePage, wm_welcome_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_DATABASE_PATH,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  DATABASE_READY,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
show_page (WmWelcomePage *self,
           const char    *name)
{
  wm_accessible_show_stack_page (self->stack, name);
}

static void
show_error (GtkLabel   *label,
            const char *message)
{
  gtk_label_set_label (label, message);
  gtk_widget_set_visible (GTK_WIDGET (label), message != NULL);
}

static gboolean
pulse_cb (gpointer user_data)
{
  WmWelcomePage *self = user_data;

  gtk_progress_bar_pulse (self->progress_bar);
  return G_SOURCE_CONTINUE;
}

static void
set_busy (WmWelcomePage *self,
          gboolean       busy)
{
  const char *const idle_actions[] = {
    "welcome.create-organisation", "welcome.explore-demo", "welcome.open-database",
    "welcome.back", "welcome.create", "welcome.choose-location",
  };
  GApplication *application = g_application_get_default ();

  if (self->busy == busy)
    return;
  self->busy = busy;

  /* A database half made when the process ends is a file nobody can use
   * and nobody may overwrite: the application stays until the worker is
   * done, even if the window was closed meanwhile. */
  if (application != NULL)
    {
      if (busy)
        g_application_hold (application);
      else
        g_application_release (application);
    }
  if (!busy)
    {
      g_clear_handle_id (&self->pulse_id, g_source_remove);
      g_clear_object (&self->cancellable);
    }

  /* The page may be gone (disposed) by the time the worker ends. */
  if (self->stack != NULL)
    {
      for (guint i = 0; i < G_N_ELEMENTS (idle_actions); i++)
        gtk_widget_action_set_enabled (GTK_WIDGET (self), idle_actions[i], !busy);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "welcome.cancel", busy);
      if (!busy)
        {
          gtk_spinner_stop (self->create_spinner);
          gtk_widget_set_visible (GTK_WIDGET (self->create_spinner), FALSE);
        }
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

/* The working page, with a bar that shows progress, or pulses while the
 * amount of work is not known. */
static void
show_working (WmWelcomePage *self,
              const char    *title,
              gboolean       pulse)
{
  adw_status_page_set_title (self->working_page, title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->progress_bar),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  -1);
  gtk_progress_bar_set_fraction (self->progress_bar, 0.0);
  if (pulse && self->pulse_id == 0)
    self->pulse_id = g_timeout_add (100, pulse_cb, self);
  show_page (self, "working");
}

/* Areas and programmes: a boxed list of names, each with a remove button,
 * ended by the entry row that adds one. */

static void
remove_name_clicked_cb (GtkButton *button,
                        gpointer   user_data)
{
  GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (button), GTK_TYPE_LIST_BOX_ROW);
  GtkListBox *list = GTK_LIST_BOX (gtk_widget_get_parent (row));
  GtkWidget *add_row = user_data;

  gtk_list_box_remove (list, row);
  /* Focus stays in the list rather than falling to the top of the window. */
  gtk_widget_grab_focus (add_row);
}

static void
add_name (GtkListBox  *list,
          AdwEntryRow *add_row,
          const char  *name)
{
  g_autofree char *remove_label = NULL;
  GtkWidget *row;
  GtkWidget *button;

  row = adw_action_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);

  button = gtk_button_new_from_icon_name ("user-trash-symbolic");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("Remove"));
  /* Translators: the accessible name of a button; %s is an area's or a
   * programme's name. */
  remove_label = g_strdup_printf (_("Remove %s"), name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, remove_label,
                                  -1);
  g_signal_connect (button, "clicked", G_CALLBACK (remove_name_clicked_cb), add_row);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);

  /* Before the entry row, which stays last. */
  gtk_list_box_insert (list, row, gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (add_row)));
}

static void
add_from_entry_row (GtkListBox  *list,
                    AdwEntryRow *add_row)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (add_row))));

  if (*name != '\0')
    add_name (list, add_row, name);
  gtk_editable_set_text (GTK_EDITABLE (add_row), "");
}

static void
add_area_row_applied_cb (WmWelcomePage *self)
{
  add_from_entry_row (self->areas_list, self->add_area_row);
}

static void
add_programme_row_applied_cb (WmWelcomePage *self)
{
  add_from_entry_row (self->programmes_list, self->add_programme_row);
}

static void
clear_names (GtkListBox  *list,
             AdwEntryRow *add_row)
{
  GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (list));

  while (child != NULL)
    {
      GtkWidget *next = gtk_widget_get_next_sibling (child);

      if (ADW_IS_ACTION_ROW (child))
        gtk_list_box_remove (list, child);
      child = next;
    }
  gtk_editable_set_text (GTK_EDITABLE (add_row), "");
}

static void
fill_names (GtkListBox  *list,
            AdwEntryRow *add_row,
            GPtrArray   *names)
{
  clear_names (list, add_row);
  for (guint i = 0; i < names->len; i++)
    add_name (list, add_row, g_ptr_array_index (names, i));
}

/* The names listed, and one typed but not yet added: a person who typed
 * it meant it. */
static void
collect_names (GtkListBox  *list,
               AdwEntryRow *add_row,
               GPtrArray   *names)
{
  g_autofree char *pending = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (add_row))));

  g_ptr_array_set_size (names, 0);
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (list));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (ADW_IS_ACTION_ROW (child))
        g_ptr_array_add (names, g_strdup (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (child))));
    }
  if (*pending != '\0')
    g_ptr_array_add (names, g_steal_pointer (&pending));
}

/* The passphrase hint counts towards the store's minimum and suggests
 * words; it never says "strong" of something the store would refuse. */
static void
passphrase_changed_cb (WmWelcomePage *self)
{
  const char *text = wm_secret_buffer_peek (self->passphrase_entry);
  glong length = g_utf8_strlen (text, -1);
  g_autofree char *hint = NULL;

  if (length == 0)
    {
      hint = g_strdup_printf (_("At least %d characters. A few unrelated words are easy to remember and hard to guess."),
                              PASSPHRASE_MIN_CHARACTERS);
    }
  else if (length < PASSPHRASE_MIN_CHARACTERS)
    {
      int missing = PASSPHRASE_MIN_CHARACTERS - (int) length;

      hint = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "Too short: %d more character needed.",
                                           "Too short: %d more characters needed.",
                                           missing),
                              missing);
    }
  else
    {
      g_auto(GStrv) words = g_strsplit_set (text, " \t", -1);
      guint n_words = 0;

      for (guint i = 0; words[i] != NULL; i++)
        {
          if (*words[i] != '\0')
            n_words++;
        }
      if (n_words < PASSPHRASE_GOOD_WORDS)
        hint = g_strdup_printf (_("Long enough. %d or more unrelated words would be stronger."),
                                PASSPHRASE_GOOD_WORDS);
      else
        hint = g_strdup (_("Long, and made of several words: good."));
    }
  gtk_label_set_label (self->strength_label, hint);
}

static void
update_location (WmWelcomePage *self)
{
  adw_action_row_set_subtitle (self->location_row, self->database_path);
}

/* Creating an organisation */

typedef struct
{
  WmOrganisationSetup *setup;
  WmSecret            *passphrase;
} CreateData;

static void
create_data_free (CreateData *data)
{
  wm_organisation_setup_free (data->setup);
  wm_secret_free (data->passphrase);
  g_free (data);
}

static void
create_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  CreateData *data = task_data;
  GError *error = NULL;
  WmStore *store;

  store = wm_organisation_setup_create (data->setup,
                                        (const char *) wm_secret_get_data (data->passphrase),
                                        &error);
  if (store == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, store, g_object_unref);
}

static void
create_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  WmWelcomePage *self = WM_WELCOME_PAGE (object);
  g_autoptr(GError) error = NULL;
  g_autoptr(WmStore) store = g_task_propagate_pointer (G_TASK (result), &error);

  /* The window went away while the key was derived: the file is made, and
   * can be opened next time. */
  set_busy (self, FALSE);
  if (self->stack == NULL || (store != NULL && gtk_widget_get_root (GTK_WIDGET (self)) == NULL))
    return;

  if (store == NULL)
    {
      show_error (self->create_error_label, error->message);
      return;
    }

  gtk_editable_set_text (GTK_EDITABLE (self->passphrase_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->confirm_entry), "");
  g_signal_emit (self, signals[DATABASE_READY], 0, store, FALSE);
}

static void
create_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  WmWelcomePage *self = WM_WELCOME_PAGE (widget);
  g_autoptr(WmOrganisationSetup) setup = wm_organisation_setup_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GTask) task = NULL;
  const char *passphrase = wm_secret_buffer_peek (self->passphrase_entry);
  const char *confirm = wm_secret_buffer_peek (self->confirm_entry);
  CreateData *data;

  show_error (self->create_error_label, NULL);

  g_free (setup->organisation);
  setup->organisation = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->organisation_row)));
  collect_names (self->areas_list, self->add_area_row, setup->local_authorities);
  collect_names (self->programmes_list, self->add_programme_row, setup->programmes);
  g_free (setup->admin_name);
  setup->admin_name = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->admin_name_row)));
  g_free (setup->path);
  setup->path = g_strdup (self->database_path);

  if (!wm_organisation_setup_check (setup, &error))
    {
      show_error (self->create_error_label, error->message);
      return;
    }
  if (*passphrase == '\0')
    {
      show_error (self->create_error_label, _("Type a passphrase for the administrator, twice."));
      gtk_widget_grab_focus (GTK_WIDGET (self->passphrase_entry));
      return;
    }
  if (g_strcmp0 (passphrase, confirm) != 0)
    {
      show_error (self->create_error_label,
                  _("The two passphrases are not the same. Type the passphrase again in both fields."));
      gtk_editable_set_text (GTK_EDITABLE (self->confirm_entry), "");
      gtk_widget_grab_focus (GTK_WIDGET (self->confirm_entry));
      return;
    }
  if (g_file_test (setup->path, G_FILE_TEST_EXISTS))
    {
      g_autofree char *message = NULL;

      message = g_strdup_printf (_("“%s” already exists. Choose another location; an existing database is "
                                   "never overwritten. To use it, go back and open it instead."),
                                 setup->path);
      show_error (self->create_error_label, message);
      return;
    }

  /* The passphrase goes to the worker in secure memory; GTK keeps its own
   * copy in the entry until the entries are emptied. */
  data = g_new0 (CreateData, 1);
  data->setup = g_steal_pointer (&setup);
  data->passphrase = wm_secret_new_from_string (passphrase);

  /* The form stays as it is, not insensitive: GTK 4.8 loses track of a
   * focused entry made insensitive. What it holds was copied already, and
   * the actions that would act on it are off until the work is done. */
  set_busy (self, TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->create_spinner), TRUE);
  gtk_spinner_start (self->create_spinner);

  task = g_task_new (self, NULL, create_done_cb, NULL);
  g_task_set_source_tag (task, create_activated);
  g_task_set_task_data (task, data, (GDestroyNotify) create_data_free);
  g_task_run_in_thread (task, create_thread);
}

static void
confirm_activated_cb (WmWelcomePage *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "welcome.create", NULL);
}

/* The demo */

typedef struct
{
  WmWelcomePage *self;
  double         fraction;
} ProgressUpdate;

static void
progress_update_free (ProgressUpdate *update)
{
  g_object_unref (update->self);
  g_free (update);
}

static gboolean
progress_update_cb (gpointer user_data)
{
  ProgressUpdate *update = user_data;
  WmWelcomePage *self = update->self;

  if (self->progress_bar != NULL && self->busy)
    gtk_progress_bar_set_fraction (self->progress_bar, update->fraction);
  return G_SOURCE_REMOVE;
}

/* Called on the worker thread: the bar is moved on the main thread. */
static void
demo_progress_cb (guint    done,
                  guint    total,
                  gpointer user_data)
{
  GTask *task = user_data;
  ProgressUpdate *update = g_new0 (ProgressUpdate, 1);

  update->self = g_object_ref (g_task_get_source_object (task));
  update->fraction = total > 0 ? (double) done / total : 0.0;
  g_main_context_invoke_full (g_task_get_context (task), G_PRIORITY_DEFAULT,
                              progress_update_cb, update,
                              (GDestroyNotify) progress_update_free);
}

static void
demo_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  g_autofree char *path = NULL;
  GError *error = NULL;
  WmStore *store;

  path = wm_demo_database_new_path (&error);
  if (path == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  store = wm_demo_database_create (path, WM_DEMO_DEFAULT_PEOPLE, DEMO_SEED, NULL, cancellable,
                                   demo_progress_cb, task, &error);
  if (store == NULL)
    {
      wm_demo_database_remove (path, NULL);
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, store, g_object_unref);
}

/* Drops a demo nobody will see. */
static void
discard_demo (WmStore *store)
{
  g_autofree char *path = g_strdup (wm_store_get_path (store));

  g_object_unref (store);
  wm_demo_database_remove (path, NULL);
}

static void
demo_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  WmWelcomePage *self = WM_WELCOME_PAGE (object);
  g_autoptr(GError) error = NULL;
  WmStore *store = g_task_propagate_pointer (G_TASK (result), &error);
  gboolean cancelled = g_cancellable_is_cancelled (g_task_get_cancellable (G_TASK (result)));
  gboolean gone;

  gone = self->stack == NULL || gtk_widget_get_root (GTK_WIDGET (self)) == NULL;

  if (store != NULL && (cancelled || gone))
    {
      discard_demo (store);
      store = NULL;
    }
  set_busy (self, FALSE);
  if (self->stack == NULL)
    return;

  show_page (self, "choices");
  if (store == NULL)
    {
      if (error != NULL && !cancelled)
        show_error (self->choices_error_label, error->message);
      return;
    }

  g_signal_emit (self, signals[DATABASE_READY], 0, store, TRUE);
  g_object_unref (store);
}

static void
explore_demo_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  WmWelcomePage *self = WM_WELCOME_PAGE (widget);
  g_autoptr(GTask) task = NULL;

  show_error (self->choices_error_label, NULL);
  set_busy (self, TRUE);
  self->cancellable = g_cancellable_new ();
  show_working (self, _("Making Demo Data…"), FALSE);
  adw_status_page_set_description (self->working_page,
                                   _("Every young person in it is made up. The demo is deleted when Waymark quits."));

  task = g_task_new (self, self->cancellable, demo_done_cb, NULL);
  g_task_set_source_tag (task, explore_demo_activated);
  g_task_run_in_thread (task, demo_thread);
}

/* Opening another database */

static void
open_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;
  WmStore *store = wm_store_open (task_data, &error);

  if (store == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, store, g_object_unref);
}

static void
open_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  WmWelcomePage *self = WM_WELCOME_PAGE (object);
  g_autoptr(GError) error = NULL;
  g_autoptr(WmStore) store = g_task_propagate_pointer (G_TASK (result), &error);
  gboolean cancelled = g_cancellable_is_cancelled (g_task_get_cancellable (G_TASK (result)));

  set_busy (self, FALSE);
  if (self->stack == NULL)
    return;

  show_page (self, "choices");
  if (store == NULL || cancelled || gtk_widget_get_root (GTK_WIDGET (self)) == NULL)
    {
      if (store == NULL)
        show_error (self->choices_error_label, error->message);
      return;
    }
  g_signal_emit (self, signals[DATABASE_READY], 0, store, FALSE);
}

static void
open_path (WmWelcomePage *self,
           const char    *path)
{
  g_autoptr(GTask) task = NULL;

  show_error (self->choices_error_label, NULL);
  set_busy (self, TRUE);
  self->cancellable = g_cancellable_new ();
  show_working (self, _("Opening the Database…"), TRUE);
  adw_status_page_set_description (self->working_page, path);

  task = g_task_new (self, self->cancellable, open_done_cb, NULL);
  g_task_set_source_tag (task, open_path);
  g_task_set_task_data (task, g_strdup (path), g_free);
  g_task_run_in_thread (task, open_thread);
}

static GtkWindow *
get_parent_window (WmWelcomePage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
open_chooser_response_cb (WmWelcomePage  *self,
                          int             response,
                          GtkNativeDialog *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

      if (path != NULL)
        open_path (self, path);
      else
        show_error (self->choices_error_label,
                    _("Waymark can open only a database on this computer or a mounted drive. "
                      "Copy the file to a folder here, then open it."));
    }
  g_clear_object (&self->chooser);
}

static void
add_database_filters (GtkFileChooser *chooser)
{
  g_autoptr(GtkFileFilter) databases = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  gtk_file_filter_set_name (databases, _("Waymark databases"));
  gtk_file_filter_add_pattern (databases, "*.db");
  gtk_file_chooser_add_filter (chooser, databases);
  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (chooser, all);
}

static void
open_database_activated (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  WmWelcomePage *self = WM_WELCOME_PAGE (widget);

  if (self->chooser != NULL)
    return;
  self->chooser = gtk_file_chooser_native_new (_("Open a Database"), get_parent_window (self),
                                               GTK_FILE_CHOOSER_ACTION_OPEN,
                                               _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  add_database_filters (GTK_FILE_CHOOSER (self->chooser));
  g_signal_connect_swapped (self->chooser, "response", G_CALLBACK (open_chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
location_chooser_response_cb (WmWelcomePage   *self,
                              int              response,
                              GtkNativeDialog *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

      if (path != NULL)
        wm_welcome_page_set_database_path (self, path);
      else
        show_error (self->create_error_label,
                    _("Choose a folder on this computer or a mounted drive for the database."));
    }
  g_clear_object (&self->chooser);
}

static void
choose_location_activated (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  WmWelcomePage *self = WM_WELCOME_PAGE (widget);
  g_autofree char *folder = NULL;
  g_autofree char *name = NULL;

  if (self->chooser != NULL)
    return;
  self->chooser = gtk_file_chooser_native_new (_("Choose Where the Database Goes"), get_parent_window (self),
                                               GTK_FILE_CHOOSER_ACTION_SAVE,
                                               _("_Choose"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  add_database_filters (GTK_FILE_CHOOSER (self->chooser));

  folder = g_path_get_dirname (self->database_path);
  name = g_path_get_basename (self->database_path);
  if (g_file_test (folder, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GFile) folder_file = g_file_new_for_path (folder);

      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (self->chooser), folder_file, NULL);
    }
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  g_signal_connect_swapped (self->chooser, "response", G_CALLBACK (location_chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
create_organisation_activated (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *parameter)
{
  WmWelcomePage *self = WM_WELCOME_PAGE (widget);

  show_error (self->choices_error_label, NULL);
  show_page (self, "create");
  gtk_widget_grab_focus (GTK_WIDGET (self->organisation_row));
}

static void
back_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  WmWelcomePage *self = WM_WELCOME_PAGE (widget);

  show_error (self->create_error_label, NULL);
  show_page (self, "choices");
}

static void
cancel_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  WmWelcomePage *self = WM_WELCOME_PAGE (widget);

  /* The task's callback puts the page back when the worker stops. */
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
}

/* Taken out of its window (closed, or another page shown instead): what
 * it was making is no longer wanted. A store already made is dropped,
 * and a demo deleted, when the worker ends. */
static void
wm_welcome_page_unroot (GtkWidget *widget)
{
  WmWelcomePage *self = WM_WELCOME_PAGE (widget);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);

  GTK_WIDGET_CLASS (wm_welcome_page_parent_class)->unroot (widget);
}

static void
wm_welcome_page_dispose (GObject *object)
{
  WmWelcomePage *self = WM_WELCOME_PAGE (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->pulse_id, g_source_remove);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);

  /* The stack is both AdwBin's child and a template child: AdwBin lets go
   * of it first, or GTK 4.8's template disposal unparents it behind
   * AdwBin's back. The task callbacks then see that the page is gone. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), WM_TYPE_WELCOME_PAGE);
  self->stack = NULL;

  G_OBJECT_CLASS (wm_welcome_page_parent_class)->dispose (object);
}

static void
wm_welcome_page_finalize (GObject *object)
{
  WmWelcomePage *self = WM_WELCOME_PAGE (object);

  g_clear_pointer (&self->database_path, g_free);

  G_OBJECT_CLASS (wm_welcome_page_parent_class)->finalize (object);
}

static void
wm_welcome_page_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  WmWelcomePage *self = WM_WELCOME_PAGE (object);

  switch (prop_id)
    {
    case PROP_DATABASE_PATH:
      g_value_set_string (value, self->database_path);
      break;

    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wm_welcome_page_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  WmWelcomePage *self = WM_WELCOME_PAGE (object);

  switch (prop_id)
    {
    case PROP_DATABASE_PATH:
      wm_welcome_page_set_database_path (self, g_value_get_string (value));
      break;

    case PROP_BUSY:
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wm_welcome_page_class_init (WmWelcomePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wm_welcome_page_dispose;
  object_class->finalize = wm_welcome_page_finalize;
  object_class->get_property = wm_welcome_page_get_property;
  object_class->set_property = wm_welcome_page_set_property;
  widget_class->unroot = wm_welcome_page_unroot;

  /**
   * WmWelcomePage:database-path:
   *
   * Where a new organisation's database goes: at first the default path,
   * then where the person chose.
   */
  properties[PROP_DATABASE_PATH] =
    g_param_spec_string ("database-path", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * WmWelcomePage:busy:
   *
   * Whether a database is being created, made or opened.
   */
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * WmWelcomePage::database-ready:
   * @self: the page
   * @store: the database, with nobody signed in
   * @is_demo: whether it is a throwaway demo database, whose accounts are
   *   wm_demo_accounts with %WM_DEMO_PASSPHRASE; delete it with
   *   wm_demo_database_remove() once the store is closed
   *
   * A database was created, made or opened. A handler that keeps @store
   * takes a reference of its own.
   */
  signals[DATABASE_READY] =
    g_signal_new ("database-ready",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2,
                  WM_TYPE_STORE, G_TYPE_BOOLEAN);

  gtk_widget_class_install_action (widget_class, "welcome.create-organisation", NULL,
                                   create_organisation_activated);
  gtk_widget_class_install_action (widget_class, "welcome.explore-demo", NULL, explore_demo_activated);
  gtk_widget_class_install_action (widget_class, "welcome.open-database", NULL, open_database_activated);
  gtk_widget_class_install_action (widget_class, "welcome.back", NULL, back_activated);
  gtk_widget_class_install_action (widget_class, "welcome.create", NULL, create_activated);
  gtk_widget_class_install_action (widget_class, "welcome.choose-location", NULL, choose_location_activated);
  gtk_widget_class_install_action (widget_class, "welcome.cancel", NULL, cancel_activated);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/waymark/Waymark/wm-welcome-page.ui");
  gtk_widget_class_bind_template_child (widget_class, WmWelcomePage, stack);
  gtk_widget_class_bind_template_child (widget_class, WmWelcomePage, choices_error_label);
  gtk_widget_class_bind_template_child (widget_class, WmWelcomePage, organisation_row);
  gtk_widget_class_bind_template_child (widget_class, WmWelcomePage, areas_list);
  gtk_widget_class_bind_template_child (widget_class, WmWelcomePage, add_area_row);
  gtk_widget_class_bind_template_child (widget_class, WmWelcomePage, programmes_list);
  gtk_widget_class_bind_template_child (widget_class, WmWelcomePage, add_programme_row);
  gtk_widget_class_bind_template_child (widget_class, WmWelcomePage, admin_name_row);
  gtk_widget_class_bind_template_child (widget_class, WmWelcomePage, passphrase_entry);
  gtk_widget_class_bind_template_child (widget_class, WmWelcomePage, confirm_entry);
  gtk_widget_class_bind_template_child (widget_class, WmWelcomePage, strength_label);
  gtk_widget_class_bind_template_child (widget_class, WmWelcomePage, location_row);
  gtk_widget_class_bind_template_child (widget_class, WmWelcomePage, create_error_label);
  gtk_widget_class_bind_template_child (widget_class, WmWelcomePage, create_spinner);
  gtk_widget_class_bind_template_child (widget_class, WmWelcomePage, working_page);
  gtk_widget_class_bind_template_child (widget_class, WmWelcomePage, progress_bar);
  gtk_widget_class_bind_template_callback (widget_class, add_area_row_applied_cb);
  gtk_widget_class_bind_template_callback (widget_class, add_programme_row_applied_cb);
  gtk_widget_class_bind_template_callback (widget_class, passphrase_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, confirm_activated_cb);
  /* Named, not stored: found by gtk_widget_get_template_child() in tests. */
  gtk_widget_class_bind_template_child_full (widget_class, "create_button", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "demo_button", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "open_button", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "create_confirm_button", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "cancel_button", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "passphrase_label", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "confirm_label", FALSE, 0);
}

static void
wm_welcome_page_init (WmWelcomePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  wm_secret_buffer_install (self->passphrase_entry);
  wm_secret_buffer_install (self->confirm_entry);
  wm_accessible_name_mnemonic_buttons (GTK_WIDGET (self));

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->location_row), FALSE);
  self->database_path = wm_store_dup_default_path ();
  update_location (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "welcome.cancel", FALSE);
  wm_welcome_page_reset (self);
}

/**
 * wm_welcome_page_new:
 *
 * Returns: (transfer floating): a new first-run page
 */
GtkWidget *
wm_welcome_page_new (void)
{
  return g_object_new (WM_TYPE_WELCOME_PAGE, NULL);
}

const char *
wm_welcome_page_get_database_path (WmWelcomePage *self)
{
  g_return_val_if_fail (WM_IS_WELCOME_PAGE (self), NULL);

  return self->database_path;
}

/**
 * wm_welcome_page_set_database_path:
 * @self: a #WmWelcomePage
 * @path: (nullable): where a new organisation's database goes, or %NULL
 *   for the default path
 */
void
wm_welcome_page_set_database_path (WmWelcomePage *self,
                                   const char    *path)
{
  g_autofree char *new_path = NULL;

  g_return_if_fail (WM_IS_WELCOME_PAGE (self));

  new_path = path != NULL ? g_strdup (path) : wm_store_dup_default_path ();
  if (g_strcmp0 (new_path, self->database_path) == 0)
    return;
  g_free (self->database_path);
  self->database_path = g_steal_pointer (&new_path);
  update_location (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATABASE_PATH]);
}

gboolean
wm_welcome_page_get_busy (WmWelcomePage *self)
{
  g_return_val_if_fail (WM_IS_WELCOME_PAGE (self), FALSE);

  return self->busy;
}

/**
 * wm_welcome_page_reset:
 * @self: a #WmWelcomePage
 *
 * Empties the form, puts the default areas and programmes back and shows
 * the three choices, as a window does when the page is shown again.
 * Does nothing while a database is being made.
 */
void
wm_welcome_page_reset (WmWelcomePage *self)
{
  g_autoptr(WmOrganisationSetup) defaults = wm_organisation_setup_new ();

  g_return_if_fail (WM_IS_WELCOME_PAGE (self));

  if (self->busy)
    return;

  gtk_editable_set_text (GTK_EDITABLE (self->organisation_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->admin_name_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->passphrase_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->confirm_entry), "");
  fill_names (self->areas_list, self->add_area_row, defaults->local_authorities);
  fill_names (self->programmes_list, self->add_programme_row, defaults->programmes);
  passphrase_changed_cb (self);
  show_error (self->create_error_label, NULL);
  show_error (self->choices_error_label, NULL);
  show_page (self, "choices");
}
