/* wm-partner-directory.c — the partner services referrals go to, kept by administrators
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Lists the organisation's partner directory (app/store/wm-partners.c:
 * every entry signed by an administrator, so nobody can redirect
 * referrals by editing the file) and, for an administrator, adds and
 * changes entries: name, service type, area, contact, secure email, notes,
 * and whether the service takes adults only. Everyone else reads it. The
 * directory describes services, not young people; the window still closes
 * with a lock, as every window of a signed-in session does.
 */

#define G_LOG_DOMAIN "wm-partner-directory"

#include "config.h"

#include <glib/gi18n.h>

#include "wm-accessible.h"
#include "wm-casework.h"
#include "wm-partner-directory.h"
#include "wm-partners.h"
#include "wm-person.h"

struct _WmPartnerDirectory
{
  AdwWindow        parent_instance;

  WmContext       *context;
  GCancellable    *cancellable;
  GPtrArray       *partners;     /* WmPartner, as listed */
  gint64           editing_id;   /* 0: a new entry */

  GtkStack        *stack;
  GtkListBox      *list;
  GtkWidget       *add_button;
  GtkWidget       *save_button;
  GtkWidget       *back_button;
  GtkLabel        *message_label;
  AdwEntryRow     *name_row;
  AdwComboRow     *service_row;
  AdwComboRow     *area_row;
  AdwEntryRow     *contact_row;
  AdwEntryRow     *email_row;
  AdwEntryRow     *notes_row;
  GtkSwitch       *adult_switch;
};

G_DEFINE_FINAL_TYPE (WmPartnerDirectory, wm_partner_directory, ADW_TYPE_WINDOW)

static gboolean
is_administrator (WmPartnerDirectory *self)
{
  return wm_context_get_role (self->context) == WM_ROLE_ADMINISTRATOR;
}

static void
show_list (WmPartnerDirectory *self)
{
  gtk_stack_set_visible_child_name (self->stack, "list");
  gtk_widget_set_visible (self->add_button, is_administrator (self));
  gtk_widget_set_visible (self->save_button, FALSE);
  gtk_widget_set_visible (self->back_button, FALSE);
}

static void load (WmPartnerDirectory *self);

static void
row_activated_cb (GtkListBox         *list,
                  GtkListBoxRow      *row,
                  WmPartnerDirectory *self)
{
  WmPartner *partner = g_object_get_data (G_OBJECT (row), "wm-partner");

  if (partner != NULL)
    wm_partner_directory_edit (self, partner->id);
}

static gpointer
list_in_store (WmSession    *session,
               const GDate  *today,
               gpointer      data,
               GError      **error)
{
  return wm_session_list_partners (session, error);
}

static void
listed_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(WmPartnerDirectory) self = user_data;
  g_autoptr(GError) error = NULL;
  GPtrArray *partners = wm_context_call_finish (WM_CONTEXT (source), result, &error);
  GtkWidget *child;

  if (partners == NULL)
    {
      if (self->context != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        gtk_label_set_label (self->message_label, error->message);
      return;
    }
  g_clear_pointer (&self->partners, g_ptr_array_unref);
  self->partners = partners;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
  for (guint i = 0; i < partners->len; i++)
    {
      WmPartner *partner = g_ptr_array_index (partners, i);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *subtitle = NULL;

      /* Translators: a partner's service type, then its area. */
      subtitle = g_strdup_printf (_("%s · %s"), wm_term_get_label (wm_partner_services, partner->service),
                                  wm_term_get_label (wm_local_authorities, partner->area));
      /* Names such as "Telford & Wrekin …" are text, not markup. */
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), partner->name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      g_object_set_data (G_OBJECT (row), "wm-partner", partner);
      gtk_list_box_append (self->list, row);
    }
  gtk_label_set_label (self->message_label, "");
}

static void
load (WmPartnerDirectory *self)
{
  wm_context_call_async (self->context, list_in_store, NULL, NULL, (GDestroyNotify) g_ptr_array_unref,
                         self->cancellable, listed_cb, g_object_ref (self));
}

static void
select_term (AdwComboRow  *row,
             const WmTerm *terms,
             const char   *id)
{
  int index = id != NULL ? wm_term_index (terms, id) : -1;

  adw_combo_row_set_selected (row, index >= 0 ? (guint) index : 0);
}

/**
 * wm_partner_directory_edit:
 * @partner_id: an entry to change, or 0 for a new one
 *
 * Shows the entry's form; an administrator can save it, anyone else only
 * reads it.
 */
void
wm_partner_directory_edit (WmPartnerDirectory *self,
                           gint64              partner_id)
{
  WmPartner *partner = NULL;
  gboolean editable = is_administrator (self);

  g_return_if_fail (WM_IS_PARTNER_DIRECTORY (self));

  for (guint i = 0; self->partners != NULL && i < self->partners->len; i++)
    if (((WmPartner *) g_ptr_array_index (self->partners, i))->id == partner_id)
      partner = g_ptr_array_index (self->partners, i);
  self->editing_id = partner != NULL ? partner->id : 0;
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), partner != NULL ? partner->name : "");
  select_term (self->service_row, wm_partner_services, partner != NULL ? partner->service : NULL);
  select_term (self->area_row, wm_local_authorities, partner != NULL ? partner->area : NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->contact_row), partner != NULL && partner->contact ? partner->contact : "");
  gtk_editable_set_text (GTK_EDITABLE (self->email_row),
                         partner != NULL && partner->secure_email ? partner->secure_email : "");
  gtk_editable_set_text (GTK_EDITABLE (self->notes_row), partner != NULL && partner->notes ? partner->notes : "");
  gtk_switch_set_active (self->adult_switch, partner != NULL && partner->adult_only);
  gtk_editable_set_editable (GTK_EDITABLE (self->name_row), editable);
  gtk_editable_set_editable (GTK_EDITABLE (self->contact_row), editable);
  gtk_editable_set_editable (GTK_EDITABLE (self->email_row), editable);
  gtk_editable_set_editable (GTK_EDITABLE (self->notes_row), editable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->service_row), editable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->area_row), editable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->adult_switch), editable);
  gtk_label_set_label (self->message_label, "");
  gtk_stack_set_visible_child_name (self->stack, "edit");
  gtk_widget_set_visible (self->add_button, FALSE);
  gtk_widget_set_visible (self->save_button, editable);
  gtk_widget_set_visible (self->back_button, TRUE);
}

static char *
dup_row (AdwEntryRow *row)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));

  return *text != '\0' ? g_steal_pointer (&text) : NULL;
}

static gpointer
save_in_store (WmSession    *session,
               const GDate  *today,
               gpointer      data,
               GError      **error)
{
  gint64 id = wm_session_save_partner (session, data, error);

  return id > 0 ? g_memdup2 (&id, sizeof id) : NULL;
}

static void
saved_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(WmPartnerDirectory) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree gint64 *id = wm_context_call_finish (WM_CONTEXT (source), result, &error);

  if (self->context == NULL)
    return;
  gtk_widget_set_sensitive (self->save_button, TRUE);
  if (id == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        gtk_label_set_label (self->message_label, error->message);
      return;
    }
  show_list (self);
  load (self);
}

/**
 * wm_partner_directory_save:
 *
 * Saves the entry in the form, signed by the signed-in administrator.
 */
void
wm_partner_directory_save (WmPartnerDirectory *self)
{
  WmPartner *partner;
  guint service = adw_combo_row_get_selected (self->service_row);
  guint area = adw_combo_row_get_selected (self->area_row);

  g_return_if_fail (WM_IS_PARTNER_DIRECTORY (self));

  partner = wm_partner_new ();
  partner->id = self->editing_id;
  partner->name = dup_row (self->name_row);
  partner->service = g_strdup (wm_partner_services[MIN (service, wm_term_count (wm_partner_services) - 1)].id);
  partner->area = g_strdup (wm_local_authorities[MIN (area, wm_term_count (wm_local_authorities) - 1)].id);
  partner->contact = dup_row (self->contact_row);
  partner->secure_email = dup_row (self->email_row);
  partner->notes = dup_row (self->notes_row);
  partner->adult_only = gtk_switch_get_active (self->adult_switch);
  if (partner->name == NULL)
    {
      gtk_label_set_label (self->message_label, _("Give the service a name."));
      wm_partner_free (partner);
      return;
    }
  gtk_widget_set_sensitive (self->save_button, FALSE);
  wm_context_call_async (self->context, save_in_store, partner, (GDestroyNotify) wm_partner_free, g_free,
                         self->cancellable, saved_cb, g_object_ref (self));
}

static void
save_clicked_cb (WmPartnerDirectory *self)
{
  wm_partner_directory_save (self);
}

static void
add_clicked_cb (WmPartnerDirectory *self)
{
  wm_partner_directory_edit (self, 0);
}

static void
back_clicked_cb (WmPartnerDirectory *self)
{
  show_list (self);
}

guint
wm_partner_directory_get_n_partners (WmPartnerDirectory *self)
{
  g_return_val_if_fail (WM_IS_PARTNER_DIRECTORY (self), 0);
  return self->partners != NULL ? self->partners->len : 0;
}

static AdwComboRow *
term_row (const char   *title,
          const WmTerm *terms)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  GtkWidget *row = adw_combo_row_new ();

  for (guint i = 0; terms[i].id != NULL; i++)
    gtk_string_list_append (labels, wm_term_get_label (terms, terms[i].id));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (labels));
  return ADW_COMBO_ROW (row);
}

static AdwEntryRow *
entry_row (const char *title)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  return ADW_ENTRY_ROW (row);
}

static GtkWidget *
button (const char *mnemonic,
        GCallback   clicked,
        gpointer    self)
{
  GtkWidget *widget = gtk_button_new_with_mnemonic (mnemonic);

  g_signal_connect_swapped (widget, "clicked", clicked, self);
  return widget;
}

static void
locked_cb (WmPartnerDirectory *self)
{
  if (wm_context_get_locked (self->context) || !wm_context_get_signed_in (self->context))
    gtk_window_destroy (GTK_WINDOW (self));
}

static void
build (WmPartnerDirectory *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *edit_page = adw_preferences_page_new ();
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *adult_row = adw_action_row_new ();
  GtkWidget *list_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);

  self->add_button = button (_("_Add Partner"), G_CALLBACK (add_clicked_cb), self);
  self->save_button = button (_("_Save"), G_CALLBACK (save_clicked_cb), self);
  self->back_button = button (_("_Back"), G_CALLBACK (back_clicked_cb), self);
  gtk_widget_add_css_class (self->save_button, "suggested-action");
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), self->back_button);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), self->save_button);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), self->add_button);
  gtk_box_append (GTK_BOX (box), header);

  self->message_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->message_label, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->message_label), "error");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->message_label), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Message"), -1);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->message_label));

  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->stack), TRUE);
  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Partner services"), -1);
  g_signal_connect (self->list, "row-activated", G_CALLBACK (row_activated_cb), self);
  gtk_widget_set_margin_top (list_box, 18);
  gtk_widget_set_margin_bottom (list_box, 18);
  gtk_widget_set_margin_start (list_box, 12);
  gtk_widget_set_margin_end (list_box, 12);
  gtk_box_append (GTK_BOX (list_box), GTK_WIDGET (self->list));
  adw_clamp_set_child (ADW_CLAMP (clamp), list_box);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  gtk_stack_add_named (self->stack, scrolled, "list");

  self->name_row = entry_row (_("Name"));
  self->service_row = term_row (_("Service type"), wm_partner_services);
  self->area_row = term_row (_("Area"), wm_local_authorities);
  self->contact_row = entry_row (_("Contact (address, telephone)"));
  self->email_row = entry_row (_("Secure email"));
  self->notes_row = entry_row (_("Notes"));
  self->adult_switch = GTK_SWITCH (gtk_switch_new ());
  gtk_widget_set_valign (GTK_WIDGET (self->adult_switch), GTK_ALIGN_CENTER);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (adult_row), _("Takes adults only (18 and over)"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (adult_row), GTK_WIDGET (self->adult_switch));
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (adult_row), GTK_WIDGET (self->adult_switch));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("Only an administrator changes the directory; each entry is "
                                           "signed, so a change made in the file without Waymark is "
                                           "refused."));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->name_row));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->service_row));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->area_row));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->contact_row));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->email_row));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->notes_row));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), adult_row);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (edit_page), ADW_PREFERENCES_GROUP (group));
  gtk_stack_add_named (self->stack, edit_page, "edit");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->stack));
  adw_window_set_content (ADW_WINDOW (self), box);
}

static void
wm_partner_directory_dispose (GObject *object)
{
  WmPartnerDirectory *self = WM_PARTNER_DIRECTORY (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->context);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->partners, g_ptr_array_unref);

  G_OBJECT_CLASS (wm_partner_directory_parent_class)->dispose (object);
}

static void
wm_partner_directory_class_init (WmPartnerDirectoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wm_partner_directory_dispose;
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
wm_partner_directory_init (WmPartnerDirectory *self)
{
  self->cancellable = g_cancellable_new ();
  gtk_window_set_title (GTK_WINDOW (self), _("Partner Directory"));
  gtk_window_set_default_size (GTK_WINDOW (self), 640, 640);
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  build (self);
  wm_accessible_name_mnemonic_buttons (GTK_WIDGET (self));
}

/**
 * wm_partner_directory_new:
 *
 * Returns: (transfer none): the directory's window; it lists the entries
 *   at once
 */
WmPartnerDirectory *
wm_partner_directory_new (WmContext *context)
{
  WmPartnerDirectory *self;

  g_return_val_if_fail (WM_IS_CONTEXT (context), NULL);

  self = g_object_new (WM_TYPE_PARTNER_DIRECTORY, NULL);
  self->context = g_object_ref (context);
  g_signal_connect_object (context, "notify::locked", G_CALLBACK (locked_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (context, "notify::signed-in", G_CALLBACK (locked_cb), self, G_CONNECT_SWAPPED);
  show_list (self);
  load (self);
  return self;
}
