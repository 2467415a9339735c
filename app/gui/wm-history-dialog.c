/* wm-history-dialog.c — every version of one record, read-only
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Records are never rewritten: each change is a new version (see
 * ../shared/DESIGN.md, "Data and keys"). This window lists a record's
 * versions, newest first, with who wrote each and when; each opens to
 * show what it said, as text that can be selected and copied but not
 * edited. A version that cannot be opened (altered or damaged in the file)
 * is listed with what is wrong instead, so a gap is seen, not hidden.
 *
 * The versions and the staff names come from the context's store thread;
 * closing the window or locking cancels the reads, and a cancelled read
 * shows nothing.
 */

#define G_LOG_DOMAIN "wm-history-dialog"

#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>

#include "wm-accessible.h"
#include "wm-casework.h"
#include "wm-history-dialog.h"
#include "wm-payload.h"
#include "wm-person.h"
#include "wm-store.h"
#include "wm-term.h"

struct _WmHistoryDialog
{
  AdwWindow             parent_instance;

  WmContext            *context;
  gint64                record_id;
  WmRecordKind          kind;
  GCancellable         *cancellable;
  GHashTable           *user_names;   /* gint64* id -> char* name */
  GPtrArray            *rows;         /* the version rows shown */
  gboolean              loading;

  /* Template children */
  AdwWindowTitle       *window_title;
  GtkStack             *stack;
  GtkSpinner           *spinner;
  AdwPreferencesGroup  *versions_group;
  AdwStatusPage        *error_page;
};

G_DEFINE_FINAL_TYPE (WmHistoryDialog, wm_history_dialog, ADW_TYPE_WINDOW)

/* The label of @key in a record of @kind, and its vocabulary if it has one. */
static const char *
field_label (WmRecordKind        kind,
             const char         *key,
             const WmTerm      **out_terms,
             const WmTermAlias **out_aliases)
{
  *out_terms = NULL;
  *out_aliases = NULL;

  if (kind == WM_RECORD_PROFILE)
    {
      const WmProfileField *field = wm_person_find_field (key);

      if (field != NULL)
        {
          if (field->kind == WM_FIELD_TERM)
            {
              *out_terms = field->terms;
              *out_aliases = field->aliases;
            }
          return wm_person_field_get_label (field);
        }
    }
  else if (kind == WM_RECORD_CONTACT)
    {
      if (g_strcmp0 (key, WM_CONTACT_DATE) == 0)
        return _("Date");
      if (g_strcmp0 (key, WM_CONTACT_METHOD) == 0)
        {
          *out_terms = wm_contact_methods;
          *out_aliases = wm_contact_method_aliases;
          return _("Method");
        }
      if (g_strcmp0 (key, WM_CONTACT_WITH) == 0)
        {
          *out_terms = wm_contact_parties;
          return _("With");
        }
      if (g_strcmp0 (key, WM_CONTACT_DURATION) == 0)
        return _("Duration in minutes");
      if (g_strcmp0 (key, WM_CONTACT_NOTE) == 0)
        return _("Note");
    }
  return wm_payload_get_field_label (key);
}

static char *
format_value (GVariant           *value,
              const WmTerm       *terms,
              const WmTermAlias  *aliases)
{
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
    {
      const char *text = g_variant_get_string (value, NULL);

      if (terms != NULL)
        {
          if (aliases != NULL && wm_term_alias_resolve (aliases, text) != NULL)
            text = wm_term_alias_resolve (aliases, text);
          return g_strdup (wm_term_get_label (terms, text));
        }
      return g_strdup (text);
    }
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_BOOLEAN))
    return g_strdup (g_variant_get_boolean (value) ? _("Yes") : _("No"));
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_UINT32))
    return g_strdup_printf ("%u", g_variant_get_uint32 (value));
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_INT32))
    return g_strdup_printf ("%d", g_variant_get_int32 (value));
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING_ARRAY))
    {
      g_autofree const char **items = g_variant_get_strv (value, NULL);

      return g_strjoinv ("; ", (char **) items);
    }
  return g_variant_print (value, FALSE);
}

/**
 * wm_gui_format_payload:
 * @kind: the record's kind, which says how to name its fields
 * @payload: an a{sv} payload
 *
 * A record as a person reads it: one "Field: value" line a field, with
 * labels for vocabulary ids and the translated field names.
 *
 * Returns: (transfer full): the text
 */
char *
wm_gui_format_payload (WmRecordKind  kind,
                       GVariant     *payload)
{
  g_autoptr(GString) text = g_string_new (NULL);
  GVariantIter iter;
  const char *key;
  GVariant *value;

  g_return_val_if_fail (payload != NULL && g_variant_is_of_type (payload, G_VARIANT_TYPE_VARDICT), NULL);

  g_variant_iter_init (&iter, payload);
  while (g_variant_iter_next (&iter, "{&sv}", &key, &value))
    {
      const WmTerm *terms;
      const WmTermAlias *aliases;
      const char *label = field_label (kind, key, &terms, &aliases);
      g_autofree char *shown = format_value (value, terms, aliases);

      if (text->len > 0)
        g_string_append_c (text, '\n');
      /* Translators: one field of a saved record: "Date of birth: 2010-04-01". */
      g_string_append_printf (text, _("%s: %s"), label, shown);
      g_variant_unref (value);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
show_page (WmHistoryDialog *self,
           const char      *name)
{
  wm_accessible_show_stack_page (self->stack, name);
  gtk_spinner_set_spinning (self->spinner, g_strcmp0 (name, "loading") == 0);
}

static GtkWidget *
new_version_row (WmHistoryDialog *self,
                 const WmRecord  *record)
{
  GtkWidget *row = adw_expander_row_new ();
  GtkWidget *content = gtk_list_box_row_new ();
  GtkWidget *view = gtk_text_view_new ();
  g_autoptr(GDateTime) written = NULL;
  g_autofree char *title = NULL;
  g_autofree char *when = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *text = NULL;
  const char *author;

  author = g_hash_table_lookup (self->user_names, &record->author_id);
  if (author == NULL)
    author = _("an account no longer listed");
  written = g_date_time_new_from_unix_local (record->written_usec / G_USEC_PER_SEC);
  when = written != NULL ? g_date_time_format (written, "%Y-%m-%d %H:%M") : g_strdup ("");

  /* Translators: %u is a record's version number, 1 for the first. */
  title = g_strdup_printf (_("Version %u"), record->version);
  /* Translators: who saved a version of a record, and when ("2026-12-02 09:30"). */
  subtitle = g_strdup_printf (_("Saved by %s on %s"), author, when);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);

  if (record->payload != NULL)
    text = wm_gui_format_payload (record->kind, record->payload);
  else
    text = g_strdup (record->error != NULL ? record->error->message
                                           : _("This version could not be read."));

  gtk_text_view_set_editable (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_view_set_cursor_visible (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 12);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 12);
  gtk_widget_add_css_class (view, "inline");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), text, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  GTK_ACCESSIBLE_PROPERTY_READ_ONLY, TRUE,
                                  GTK_ACCESSIBLE_PROPERTY_MULTI_LINE, TRUE,
                                  -1);
  if (record->payload == NULL)
    gtk_widget_add_css_class (row, "error");

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (content), FALSE);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (content), view);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), content);
  return row;
}

static void
history_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(WmHistoryDialog) self = user_data;
  g_autoptr(GPtrArray) versions = NULL;
  g_autoptr(GError) error = NULL;

  versions = wm_context_list_history_finish (WM_CONTEXT (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->loading = FALSE;
  if (versions == NULL)
    {
      adw_status_page_set_description (self->error_page, error->message);
      show_page (self, "error");
      return;
    }

  for (guint i = versions->len; i > 0; i--)
    {
      GtkWidget *row = new_version_row (self, g_ptr_array_index (versions, i - 1));

      if (i == versions->len)
        adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
      adw_preferences_group_add (self->versions_group, row);
      g_ptr_array_add (self->rows, row);
    }
  show_page (self, "versions");
}

static void
users_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(WmHistoryDialog) self = user_data;
  g_autoptr(GPtrArray) users = NULL;
  g_autoptr(GError) error = NULL;

  users = wm_context_list_users_finish (WM_CONTEXT (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  /* Without the names the versions are still worth showing. */
  if (users != NULL)
    for (guint i = 0; i < users->len; i++)
      {
        WmUser *user = g_ptr_array_index (users, i);

        g_hash_table_insert (self->user_names, g_memdup2 (&user->id, sizeof user->id),
                             g_strdup (user->name));
      }
  else
    g_debug ("Staff names could not be listed: %s", error->message);

  wm_context_list_history_async (self->context, self->record_id, self->cancellable,
                                 history_cb, g_object_ref (self));
}

static void
wm_history_dialog_dispose (GObject *object)
{
  WmHistoryDialog *self = WM_HISTORY_DIALOG (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (self), WM_TYPE_HISTORY_DIALOG);
  g_clear_object (&self->context);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->user_names, g_hash_table_unref);
  g_clear_pointer (&self->rows, g_ptr_array_unref);

  G_OBJECT_CLASS (wm_history_dialog_parent_class)->dispose (object);
}

static void
wm_history_dialog_class_init (WmHistoryDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wm_history_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/waymark/Waymark/wm-history-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, WmHistoryDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, WmHistoryDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, WmHistoryDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, WmHistoryDialog, versions_group);
  gtk_widget_class_bind_template_child (widget_class, WmHistoryDialog, error_page);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
wm_history_dialog_init (WmHistoryDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  wm_accessible_name_mnemonic_buttons (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->user_names = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  self->rows = g_ptr_array_new ();
}

/**
 * wm_history_dialog_new:
 * @context: the context to read through
 * @record_id: the record whose versions to list
 * @kind: its kind, which says how to name its fields
 *
 * Starts reading at once and shows a spinner until the versions arrive.
 *
 * Returns: (transfer none): a new window; present it over the record page
 */
WmHistoryDialog *
wm_history_dialog_new (WmContext    *context,
                       gint64        record_id,
                       WmRecordKind  kind)
{
  WmHistoryDialog *self;

  g_return_val_if_fail (WM_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (record_id > 0, NULL);

  self = g_object_new (WM_TYPE_HISTORY_DIALOG, NULL);
  self->context = g_object_ref (context);
  self->record_id = record_id;
  self->kind = kind;
  self->loading = TRUE;

  adw_window_title_set_subtitle (self->window_title,
                                 wm_record_kind_get_label (kind));
  show_page (self, "loading");
  wm_context_list_users_async (context, self->cancellable, users_cb, g_object_ref (self));
  return self;
}

/**
 * wm_history_dialog_get_loading:
 *
 * Returns: whether the versions are still being read
 */
gboolean
wm_history_dialog_get_loading (WmHistoryDialog *self)
{
  g_return_val_if_fail (WM_IS_HISTORY_DIALOG (self), FALSE);

  return self->loading;
}

/**
 * wm_history_dialog_get_n_versions:
 *
 * Returns: how many versions are listed
 */
guint
wm_history_dialog_get_n_versions (WmHistoryDialog *self)
{
  g_return_val_if_fail (WM_IS_HISTORY_DIALOG (self), 0);

  return self->rows->len;
}
