/* wm-import-dialog.c — importing young people from a CSV file: preview, then accept
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window's side of wm-import.c. The file is read and checked off the
 * main thread (it touches no store, so a plain GTask thread does), then the
 * dialog shows what it found: the encoding, which column went to which
 * field, every rejected row with its line and reason, and the rows to
 * import with any warning (an age outside 10 to 25, a name and date of
 * birth already in the caseload). Nothing is written until Import is
 * pressed; the valid rows are then created through the context in one
 * transaction, all or none (wm_casebook_create_people()).
 *
 * A caseworker imports for themselves; a supervisor chooses a caseworker
 * of the team, an administrator any active caseworker, as with
 * "waymark-cli import --assign".
 */

#define G_LOG_DOMAIN "wm-import-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "wm-accessible.h"
#include "wm-case.h"
#include "wm-date.h"
#include "wm-import.h"
#include "wm-import-dialog.h"
#include "wm-payload.h"
#include "wm-person.h"

struct _WmImportDialog
{
  AdwWindow      parent_instance;

  WmContext     *context;
  GFile         *file;
  GListModel    *cases;
  GPtrArray     *users;
  GCancellable  *cancellable;
  WmImport      *import;
  GArray        *caseworker_ids;
  gboolean       importing;

  GtkStack      *stack;
  AdwStatusPage *error_page;
  GtkLabel      *summary_label;
  AdwPreferencesGroup *assign_group;
  AdwComboRow   *caseworker_row;
  GtkListView   *columns_list;
  GtkWidget     *rejected_heading;
  GtkListView   *rejected_list;
  GtkListView   *valid_list;
  GtkWidget     *import_button;
};

G_DEFINE_FINAL_TYPE (WmImportDialog, wm_import_dialog, ADW_TYPE_WINDOW)

enum {
  IMPORTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
setup_text_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  gtk_widget_set_margin_top (label, 6);
  gtk_widget_set_margin_bottom (label, 6);
  gtk_list_item_set_child (list_item, label);
}

static void
bind_text_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item)
{
  GtkStringObject *text = gtk_list_item_get_item (list_item);

  gtk_label_set_label (GTK_LABEL (gtk_list_item_get_child (list_item)), gtk_string_object_get_string (text));
}

static void
show_texts (GtkListView   *view,
            GtkStringList *texts)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkNoSelection) selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (texts)));

  g_signal_connect (factory, "setup", G_CALLBACK (setup_text_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_text_cb), NULL);
  gtk_list_view_set_factory (view, factory);
  gtk_list_view_set_model (view, GTK_SELECTION_MODEL (selection));
}

static char *
describe_row (const WmImportRow *row)
{
  g_autofree char *name = wm_person_dup_display_name (row->profile);
  const char *born = wm_payload_get_string (row->profile, WM_PROFILE_DATE_OF_BIRTH);
  GString *text = g_string_new (NULL);

  /* Translators: a row of an import: the line of the file, the young
   * person's name, their date of birth (YYYY-MM-DD). */
  g_string_append_printf (text, _("Line %u: %s, born %s"), row->line, name, born != NULL ? born : "—");
  for (guint i = 0; row->warnings != NULL && i < row->warnings->len; i++)
    {
      g_string_append (text, "\n");
      /* Translators: %s says what to check in an imported row. */
      g_string_append_printf (text, _("Warning: %s"), (const char *) g_ptr_array_index (row->warnings, i));
    }
  return g_string_free (text, FALSE);
}

/* The caseworkers the signed-in user may give the cases to. */
static void
fill_caseworkers (WmImportDialog *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  WmRole role = wm_context_get_role (self->context);
  gint64 me = wm_context_get_user_id (self->context);

  g_array_set_size (self->caseworker_ids, 0);
  if (role == WM_ROLE_CASEWORKER)
    {
      g_array_append_val (self->caseworker_ids, me);
      gtk_widget_set_visible (GTK_WIDGET (self->assign_group), FALSE);
      return;
    }
  for (guint i = 0; self->users != NULL && i < self->users->len; i++)
    {
      WmUser *user = g_ptr_array_index (self->users, i);
      gboolean in_team = role == WM_ROLE_ADMINISTRATOR;

      for (guint j = 0; user->supervisor_ids != NULL && j < user->supervisor_ids->len; j++)
        in_team = in_team || g_array_index (user->supervisor_ids, gint64, j) == me;
      if (user->role != WM_ROLE_CASEWORKER || user->disabled || !in_team)
        continue;
      g_array_append_val (self->caseworker_ids, user->id);
      gtk_string_list_append (names, user->name);
    }
  adw_combo_row_set_model (self->caseworker_row, G_LIST_MODEL (names));
}

static void
update_import_button (WmImportDialog *self)
{
  guint n_valid = self->import != NULL ? wm_import_get_n_valid (self->import) : 0;
  g_autofree char *label = NULL;

  /* Translators: the button that writes the import; %u counts young people. */
  label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "_Import %u Young Person", "_Import %u Young People",
                                        n_valid), n_valid);
  gtk_button_set_label (GTK_BUTTON (self->import_button), label);
  wm_accessible_name_mnemonic_buttons (self->import_button);
  gtk_widget_set_sensitive (self->import_button,
                            !self->importing && n_valid > 0 && self->caseworker_ids->len > 0);
}

static void
show_preview (WmImportDialog *self)
{
  g_autoptr(GtkStringList) columns = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) rejected = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) valid = gtk_string_list_new (NULL);
  GPtrArray *column_list = wm_import_get_columns (self->import);
  GPtrArray *rows;
  g_autofree char *summary = NULL;
  g_autofree char *valid_text = NULL;
  g_autofree char *rejected_text = NULL;

  /* Names and dates of birth already in the caseload are warned of. */
  for (guint i = 0; self->cases != NULL && i < g_list_model_get_n_items (self->cases); i++)
    {
      g_autoptr(WmCase) row = g_list_model_get_item (self->cases, i);

      if (wm_case_get_profile (row) != NULL)
        wm_import_check_existing (self->import, wm_case_get_reference (row), wm_case_get_profile (row));
    }

  for (guint i = 0; i < column_list->len; i++)
    {
      WmImportColumn *column = g_ptr_array_index (column_list, i);
      g_autofree char *text = NULL;

      if (column->field != NULL && !column->repeated)
        /* Translators: a column of the file and the field it fills. */
        text = g_strdup_printf (_("“%s” → %s"), column->header, wm_payload_get_field_label (column->field));
      else if (column->repeated)
        text = g_strdup_printf (_("“%s” — ignored: an earlier column fills the same field"), column->header);
      else
        text = g_strdup_printf (_("“%s” — ignored: Waymark has no field for it"), column->header);
      gtk_string_list_append (columns, text);
    }

  rows = wm_import_get_rows (self->import);
  for (guint i = 0; i < rows->len; i++)
    {
      WmImportRow *row = g_ptr_array_index (rows, i);
      g_autofree char *text = NULL;

      if (row->profile == NULL)
        {
          /* Translators: a rejected row: the line of the file, then why. */
          text = g_strdup_printf (_("Line %u: %s"), row->line, row->reason);
          gtk_string_list_append (rejected, text);
        }
      else
        {
          text = describe_row (row);
          gtk_string_list_append (valid, text);
        }
    }

  valid_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u row can be imported.",
                                             "%u rows can be imported.", wm_import_get_n_valid (self->import)),
                                wm_import_get_n_valid (self->import));
  rejected_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u row is rejected.", "%u rows are rejected.",
                                                wm_import_get_n_rejected (self->import)),
                                   wm_import_get_n_rejected (self->import));
  /* Translators: the two counts, then the file's encoding. */
  summary = g_strdup_printf (_("%s %s (%s)"), valid_text, rejected_text,
                             wm_import_encoding_get_label (wm_import_get_encoding (self->import)));
  gtk_label_set_label (self->summary_label, summary);

  show_texts (self->columns_list, columns);
  show_texts (self->rejected_list, rejected);
  show_texts (self->valid_list, valid);
  gtk_widget_set_visible (self->rejected_heading, wm_import_get_n_rejected (self->import) > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->rejected_list), wm_import_get_n_rejected (self->import) > 0);
  fill_caseworkers (self);
  update_import_button (self);
  gtk_stack_set_visible_child_name (self->stack, "preview");
}

static void
read_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  GFile *file = task_data;
  GError *error = NULL;
  WmImport *import;
  GDate today;

  wm_date_set_today (&today);
  import = wm_import_new_from_file (file, &today, cancellable, &error);
  if (import == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, import, g_object_unref);
}

static void
read_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  WmImport *import = g_task_propagate_pointer (G_TASK (result), &error);
  WmImportDialog *self = WM_IMPORT_DIALOG (source);

  /* Closed (or locked away) while the file was read. */
  if (self->context == NULL)
    {
      g_clear_object (&import);
      return;
    }
  if (import == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }
  self->import = import;
  show_preview (self);
}

static void
imported_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(WmImportDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  guint count = wm_context_create_people_finish (WM_CONTEXT (source), result, &error);

  self->importing = FALSE;
  if (count == 0)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->context == NULL)
        return;
      /* Translators: %s says why the store refused; nothing was written. */
      message = g_strdup_printf (_("Nothing was imported: %s"), error->message);
      gtk_label_set_label (self->summary_label, message);
      update_import_button (self);
      return;
    }
  g_signal_emit (self, signals[IMPORTED], 0, count);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
import_clicked_cb (WmImportDialog *self)
{
  guint selected = adw_combo_row_get_selected (self->caseworker_row);
  g_autoptr(GPtrArray) profiles = NULL;
  gint64 caseworker_id;

  if (self->import == NULL || self->importing || self->caseworker_ids->len == 0)
    return;
  if (selected >= self->caseworker_ids->len)
    selected = 0;
  caseworker_id = g_array_index (self->caseworker_ids, gint64, selected);
  profiles = wm_import_dup_profiles (self->import);
  self->importing = TRUE;
  update_import_button (self);
  wm_context_create_people_async (self->context, caseworker_id, profiles, self->cancellable,
                                  imported_cb, g_object_ref (self));
}

/**
 * wm_import_dialog_get_n_valid:
 *
 * Returns: how many rows the file holds that can be imported (0 while
 *   the file is being read)
 */
guint
wm_import_dialog_get_n_valid (WmImportDialog *self)
{
  g_return_val_if_fail (WM_IS_IMPORT_DIALOG (self), 0);
  return self->import != NULL ? wm_import_get_n_valid (self->import) : 0;
}

guint
wm_import_dialog_get_n_rejected (WmImportDialog *self)
{
  g_return_val_if_fail (WM_IS_IMPORT_DIALOG (self), 0);
  return self->import != NULL ? wm_import_get_n_rejected (self->import) : 0;
}

static void
wm_import_dialog_dispose (GObject *object)
{
  WmImportDialog *self = WM_IMPORT_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), WM_TYPE_IMPORT_DIALOG);
  g_clear_object (&self->context);
  g_clear_object (&self->file);
  g_clear_object (&self->cases);
  g_clear_pointer (&self->users, g_ptr_array_unref);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->import);

  G_OBJECT_CLASS (wm_import_dialog_parent_class)->dispose (object);
}

static void
wm_import_dialog_finalize (GObject *object)
{
  WmImportDialog *self = WM_IMPORT_DIALOG (object);

  g_array_unref (self->caseworker_ids);

  G_OBJECT_CLASS (wm_import_dialog_parent_class)->finalize (object);
}

static void
wm_import_dialog_class_init (WmImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wm_import_dialog_dispose;
  object_class->finalize = wm_import_dialog_finalize;

  /**
   * WmImportDialog::imported:
   * @count: how many young people were created
   */
  signals[IMPORTED] =
    g_signal_new ("imported", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/waymark/Waymark/wm-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, WmImportDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, WmImportDialog, error_page);
  gtk_widget_class_bind_template_child (widget_class, WmImportDialog, summary_label);
  gtk_widget_class_bind_template_child (widget_class, WmImportDialog, assign_group);
  gtk_widget_class_bind_template_child (widget_class, WmImportDialog, caseworker_row);
  gtk_widget_class_bind_template_child (widget_class, WmImportDialog, columns_list);
  gtk_widget_class_bind_template_child (widget_class, WmImportDialog, rejected_heading);
  gtk_widget_class_bind_template_child (widget_class, WmImportDialog, rejected_list);
  gtk_widget_class_bind_template_child (widget_class, WmImportDialog, valid_list);
  gtk_widget_class_bind_template_child (widget_class, WmImportDialog, import_button);
  gtk_widget_class_bind_template_callback (widget_class, import_clicked_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
wm_import_dialog_init (WmImportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  wm_accessible_name_mnemonic_buttons (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  self->caseworker_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
}

/**
 * wm_import_dialog_new:
 * @file: the CSV file the user chose
 * @cases: (nullable): the caseload, for the warning of people already in it
 * @users: (element-type WmUser) (nullable): the accounts, for a supervisor
 *   or administrator to choose the caseworker
 *
 * Returns: (transfer none): a dialog that starts reading @file at once
 */
WmImportDialog *
wm_import_dialog_new (WmContext  *context,
                      GFile      *file,
                      GListModel *cases,
                      GPtrArray  *users)
{
  WmImportDialog *self;
  g_autoptr(GTask) task = NULL;

  g_return_val_if_fail (WM_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  self = g_object_new (WM_TYPE_IMPORT_DIALOG, NULL);
  self->context = g_object_ref (context);
  self->file = g_object_ref (file);
  self->cases = cases != NULL ? g_object_ref (cases) : NULL;
  self->users = users != NULL ? g_ptr_array_ref (users) : NULL;

  task = g_task_new (self, self->cancellable, read_done_cb, NULL);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_task_run_in_thread (task, read_in_thread);
  return self;
}
