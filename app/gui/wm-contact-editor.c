/* wm-contact-editor.c — adding or changing one entry of the contact log
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A modal window over the record page: date, method, with whom, how long,
 * and the note. Changing a contact saves a new version of the same record
 * (the store keeps the old ones; the history shows them), so nothing here
 * deletes. The save goes through the context to the casebook, whose
 * checks are the ones that count; the editor runs the same check first so
 * that a mistake is shown at once, without a round trip.
 *
 * A note may arrive as a 10 MB paste. Its length is read from the text
 * buffer's own count, without copying it out, and anything longer than a
 * note may be (WM_NOTE_MAX_CHARACTERS) is refused with a message before
 * any text is copied, encoded or sent to the store thread.
 */

#define G_LOG_DOMAIN "wm-contact-editor"

#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>

#include "wm-accessible.h"
#include "wm-casework.h"
#include "wm-contact-editor.h"
#include "wm-date.h"
#include "wm-payload.h"
#include "wm-profile-form.h"
#include "wm-term.h"

struct _WmContactEditor
{
  AdwWindow        parent_instance;

  WmContext       *context;
  gint64           case_id;
  gint64           record_id;
  GVariant        *original;     /* the version being changed, or NULL */
  GCancellable    *cancellable;
  gboolean         saving;

  /* Template children */
  AdwWindowTitle  *window_title;
  GtkLabel        *message_label;
  AdwEntryRow     *date_row;
  AdwComboRow     *method_row;
  AdwComboRow     *with_row;
  GtkSpinButton   *duration_spin_button;
  GtkTextView     *note_view;
};

G_DEFINE_FINAL_TYPE (WmContactEditor, wm_contact_editor, ADW_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static GtkStringList *
term_labels (const WmTerm *terms)
{
  GtkStringList *labels = gtk_string_list_new (NULL);

  for (const WmTerm *term = terms; term->id != NULL; term++)
    gtk_string_list_append (labels, g_dgettext (GETTEXT_PACKAGE, term->label));
  return labels;
}

static void
show_message (WmContactEditor *self,
              const char      *message)
{
  gtk_label_set_label (self->message_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL && *message != '\0');
}

static void
set_saving (WmContactEditor *self,
            gboolean         saving)
{
  self->saving = saving;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save", !saving);
}

static void
save_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(WmContactEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  gint64 record_id;

  record_id = wm_context_save_record_finish (WM_CONTEXT (object), result, &error);

  /* The window was locked, or this editor closed: nothing to say. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  set_saving (self, FALSE);
  if (record_id == 0)
    {
      show_message (self, error->message);
      return;
    }

  self->record_id = record_id;
  g_signal_emit (self, signals[SAVED], 0, record_id);
  gtk_window_destroy (GTK_WINDOW (self));
}

/**
 * wm_contact_editor_save:
 *
 * Checks the contact and, if it may be saved, saves it: a new record, or
 * a new version of the one being changed. The editor closes when the
 * save succeeds and says what is wrong when it does not.
 */
void
wm_contact_editor_save (WmContactEditor *self)
{
  g_auto(GVariantBuilder) builder = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE_VARDICT);
  g_autoptr(GVariant) payload = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *iso = NULL;
  g_autofree char *note = NULL;
  GtkTextBuffer *buffer;
  GtkTextIter start, end;
  guint method, with;
  GDate date, today;

  g_return_if_fail (WM_IS_CONTACT_EDITOR (self));

  if (self->saving)
    return;

  buffer = gtk_text_view_get_buffer (self->note_view);
  if (gtk_text_buffer_get_char_count (buffer) > WM_NOTE_MAX_CHARACTERS)
    {
      g_autofree char *message = NULL;

      /* Translators: %u is the most characters a note may have. */
      message = g_strdup_printf (_("The note is longer than %u characters, more than any note of a contact. "
                                   "Shorten it, or keep the document elsewhere and say here where it is."),
                                 (guint) WM_NOTE_MAX_CHARACTERS);
      show_message (self, message);
      gtk_widget_grab_focus (GTK_WIDGET (self->note_view));
      return;
    }

  wm_context_get_today (self->context, &today);
  if (!wm_gui_parse_date (gtk_editable_get_text (GTK_EDITABLE (self->date_row)), &date))
    {
      show_message (self, _("Type the contact’s date as YYYY-MM-DD or dd/mm/yyyy."));
      gtk_widget_add_css_class (GTK_WIDGET (self->date_row), "error");
      gtk_widget_grab_focus (GTK_WIDGET (self->date_row));
      return;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (self->date_row), "error");
  iso = wm_date_format_iso (&date);

  /* Keys this editor has no row for are written back as they were. */
  if (self->original != NULL)
    {
      GVariantIter iter;
      const char *key;
      GVariant *value;

      g_variant_iter_init (&iter, self->original);
      while (g_variant_iter_next (&iter, "{&sv}", &key, &value))
        {
          if (g_strcmp0 (key, WM_CONTACT_DATE) != 0 && g_strcmp0 (key, WM_CONTACT_METHOD) != 0
              && g_strcmp0 (key, WM_CONTACT_WITH) != 0 && g_strcmp0 (key, WM_CONTACT_DURATION) != 0
              && g_strcmp0 (key, WM_CONTACT_NOTE) != 0)
            g_variant_builder_add (&builder, "{sv}", key, value);
          g_variant_unref (value);
        }
    }

  method = adw_combo_row_get_selected (self->method_row);
  with = adw_combo_row_get_selected (self->with_row);
  if (method == GTK_INVALID_LIST_POSITION)
    method = 0;
  if (with == GTK_INVALID_LIST_POSITION)
    with = 0;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  note = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);

  g_variant_builder_add (&builder, "{sv}", WM_CONTACT_DATE, g_variant_new_string (iso));
  g_variant_builder_add (&builder, "{sv}", WM_CONTACT_METHOD,
                         g_variant_new_string (wm_contact_methods[method].id));
  g_variant_builder_add (&builder, "{sv}", WM_CONTACT_WITH,
                         g_variant_new_string (wm_contact_parties[with].id));
  g_variant_builder_add (&builder, "{sv}", WM_CONTACT_DURATION,
                         g_variant_new_uint32 ((guint32) gtk_spin_button_get_value_as_int (self->duration_spin_button)));
  if (g_strstrip (note)[0] != '\0')
    {
      g_free (note);
      gtk_text_buffer_get_bounds (buffer, &start, &end);
      note = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
      g_variant_builder_add (&builder, "{sv}", WM_CONTACT_NOTE, g_variant_new_string (note));
    }
  payload = g_variant_ref_sink (g_variant_builder_end (&builder));

  if (!wm_contact_check_as_of (payload, &today, &error))
    {
      show_message (self, error->message);
      return;
    }

  show_message (self, NULL);
  set_saving (self, TRUE);
  wm_context_save_record_async (self->context, self->case_id, self->record_id,
                                WM_RECORD_CONTACT, payload, self->cancellable,
                                save_cb, g_object_ref (self));
}

static void
save_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  wm_contact_editor_save (WM_CONTACT_EDITOR (widget));
}

static void
update_title (WmContactEditor *self)
{
  adw_window_title_set_title (self->window_title,
                              self->record_id != 0 ? _("Change Contact") : _("New Contact"));
  gtk_window_set_title (GTK_WINDOW (self),
                        self->record_id != 0 ? _("Change Contact") : _("New Contact"));
}

static void
wm_contact_editor_dispose (GObject *object)
{
  WmContactEditor *self = WM_CONTACT_EDITOR (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);

  /* The note may be a young person's words: gone with the window. */
  if (self->note_view != NULL)
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->note_view);

      gtk_text_buffer_begin_irreversible_action (buffer);
      gtk_text_buffer_set_text (buffer, "", 0);
      gtk_text_buffer_end_irreversible_action (buffer);
    }

  gtk_widget_dispose_template (GTK_WIDGET (self), WM_TYPE_CONTACT_EDITOR);
  g_clear_object (&self->context);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->original, g_variant_unref);

  G_OBJECT_CLASS (wm_contact_editor_parent_class)->dispose (object);
}

static void
wm_contact_editor_class_init (WmContactEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wm_contact_editor_dispose;

  /**
   * WmContactEditor::saved:
   * @record_id: the contact's record
   *
   * The contact was saved; the editor closes next.
   */
  signals[SAVED] = g_signal_new ("saved",
                                 G_TYPE_FROM_CLASS (klass),
                                 G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL,
                                 G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/waymark/Waymark/wm-contact-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, WmContactEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, WmContactEditor, message_label);
  gtk_widget_class_bind_template_child (widget_class, WmContactEditor, date_row);
  gtk_widget_class_bind_template_child (widget_class, WmContactEditor, method_row);
  gtk_widget_class_bind_template_child (widget_class, WmContactEditor, with_row);
  gtk_widget_class_bind_template_child (widget_class, WmContactEditor, duration_spin_button);
  gtk_widget_class_bind_template_child (widget_class, WmContactEditor, note_view);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "editor.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
wm_contact_editor_init (WmContactEditor *self)
{
  g_autoptr(GtkStringList) methods = term_labels (wm_contact_methods);
  g_autoptr(GtkStringList) parties = term_labels (wm_contact_parties);

  gtk_widget_init_template (GTK_WIDGET (self));
  wm_accessible_name_mnemonic_buttons (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  adw_combo_row_set_model (self->method_row, G_LIST_MODEL (methods));
  adw_combo_row_set_model (self->with_row, G_LIST_MODEL (parties));
}

static void
load_contact (WmContactEditor *self,
              GVariant        *payload)
{
  const char *method = wm_payload_get_string (payload, WM_CONTACT_METHOD);
  const char *with = wm_payload_get_string (payload, WM_CONTACT_WITH);
  const char *date = wm_payload_get_string (payload, WM_CONTACT_DATE);
  const char *note = wm_payload_get_string (payload, WM_CONTACT_NOTE);
  guint32 minutes = 0;
  int index;

  if (method != NULL && wm_term_alias_resolve (wm_contact_method_aliases, method) != NULL)
    method = wm_term_alias_resolve (wm_contact_method_aliases, method);
  index = method != NULL ? wm_term_index (wm_contact_methods, method) : -1;
  adw_combo_row_set_selected (self->method_row, index >= 0 ? (guint) index : 0);
  index = with != NULL ? wm_term_index (wm_contact_parties, with) : -1;
  adw_combo_row_set_selected (self->with_row, index >= 0 ? (guint) index : 0);
  gtk_editable_set_text (GTK_EDITABLE (self->date_row), date != NULL ? date : "");
  if (wm_payload_get_uint (payload, WM_CONTACT_DURATION, &minutes))
    gtk_spin_button_set_value (self->duration_spin_button, minutes);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->note_view), note != NULL ? note : "", -1);
}

/**
 * wm_contact_editor_new:
 * @context: the context to save through
 * @case_id: the young person's case
 * @contact: (nullable): the contact to change, or %NULL for a new one
 *
 * Returns: (transfer none): a new editor; present it over the record page
 */
WmContactEditor *
wm_contact_editor_new (WmContext      *context,
                       gint64          case_id,
                       const WmRecord *contact)
{
  WmContactEditor *self;
  GDate today;

  g_return_val_if_fail (WM_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (case_id > 0, NULL);

  self = g_object_new (WM_TYPE_CONTACT_EDITOR, NULL);
  self->context = g_object_ref (context);
  self->case_id = case_id;

  if (contact != NULL && contact->payload != NULL)
    {
      self->record_id = contact->record_id;
      self->original = g_variant_ref (contact->payload);
      load_contact (self, contact->payload);
    }
  else
    {
      g_autofree char *iso = NULL;

      wm_context_get_today (context, &today);
      iso = wm_date_format_iso (&today);
      gtk_editable_set_text (GTK_EDITABLE (self->date_row), iso);
    }

  update_title (self);
  return self;
}

/**
 * wm_contact_editor_get_record_id:
 *
 * Returns: the contact's record, or 0 for a new contact not yet saved
 */
gint64
wm_contact_editor_get_record_id (WmContactEditor *self)
{
  g_return_val_if_fail (WM_IS_CONTACT_EDITOR (self), 0);

  return self->record_id;
}

/**
 * wm_contact_editor_get_saving:
 *
 * Returns: whether a save is under way
 */
gboolean
wm_contact_editor_get_saving (WmContactEditor *self)
{
  g_return_val_if_fail (WM_IS_CONTACT_EDITOR (self), FALSE);

  return self->saving;
}

/**
 * wm_contact_editor_get_message:
 *
 * Returns: (transfer none): what the editor says is wrong, or ""
 */
const char *
wm_contact_editor_get_message (WmContactEditor *self)
{
  g_return_val_if_fail (WM_IS_CONTACT_EDITOR (self), NULL);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->message_label)))
    return "";
  return gtk_label_get_label (self->message_label);
}
