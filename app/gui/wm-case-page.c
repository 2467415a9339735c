/* wm-case-page.c — one young person's record: profile, status, contact log and history
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The page shows what wm_context_open_case_async() read: a header with the
 * name, reference and age, the status with its transitions, the profile
 * form, and the contact log, newest first. It also makes a new young
 * person: the same form, empty, saved through
 * wm_context_create_person_async(). It never touches the store; every
 * read and write goes through the context, off the main thread, and
 * every write through the casebook's checks, whose message is shown as
 * it comes.
 *
 * Locking. A read or save that finishes with G_IO_ERROR_CANCELLED was
 * overtaken by a lock (or by another case being opened) and is dropped
 * without a word. wm_case_page_clear(), which the window calls on lock and
 * the page calls itself when the context says it locked, empties every
 * widget that showed the young person, closes the editors and history
 * windows over it, and drops every reference to a record.
 *
 * Status. A case is referred, then active, then closed, and a closed one
 * may be reopened (wm_person_check_status_change()). Closing asks for the
 * reason and the outcome and writes them as a closure record before the
 * profile's new status, so a closed case always has its account.
 */

#define G_LOG_DOMAIN "wm-case-page"

#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>

#include "wm-accessible.h"
#include "wm-assessment.h"
#include "wm-assessment-flow.h"
#include "wm-assessment-history.h"
#include "wm-case.h"
#include "wm-case-page.h"
#include "wm-casework.h"
#include "wm-contact-editor.h"
#include "wm-contact-item.h"
#include "wm-date.h"
#include "wm-history-dialog.h"
#include "wm-instrument-registry.h"
#include "wm-payload.h"
#include "wm-person.h"
#include "wm-profile-form.h"
#include "wm-referral-list.h"
#include "wm-term.h"

struct _WmCasePage
{
  AdwBin               parent_instance;

  WmContext           *context;
  GCancellable        *cancellable;   /* reads and saves of the case shown */
  gint64               case_id;       /* 0: none, or a new young person */
  gboolean             creating;
  gboolean             busy;
  WmRecord            *profile;       /* a copy of the profile's current version */
  GListStore          *contacts;      /* WmContactItem */
  GtkSortListModel    *sorted_contacts;
  GListModel          *caseload;      /* WmCase, for duplicates and the reference */
  GtkWindow           *dialog;        /* weak: an editor, history or question over the page */
  GVariant            *pending_closure; /* written, and the status change to follow */

  /* Template children */
  AdwToastOverlay     *toast_overlay;
  GtkStack            *stack;
  GtkSpinner          *spinner;
  AdwStatusPage       *error_page;
  GtkLabel            *name_label;
  GtkLabel            *details_label;
  GtkLabel            *message_label;
  GtkLabel            *warning_label;
  AdwPreferencesGroup *status_group;
  AdwActionRow        *status_row;
  GtkWidget           *start_button;
  GtkWidget           *close_button;
  GtkWidget           *reopen_button;
  WmProfileForm       *form;
  AdwPreferencesGroup *contacts_group;
  GtkListBox          *contacts_list;

  /* Assessments (wm-assessment-flow.c): made in code, shown with the contacts. */
  GtkWidget           *assessments_group;
  WmAssessmentHistory *assessment_history;
  WmReferralList      *referral_list;
  GtkWidget           *resume_button;
};

G_DEFINE_FINAL_TYPE (WmCasePage, wm_case_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
show_page (WmCasePage *self,
           const char *name)
{
  wm_accessible_show_stack_page (self->stack, name);
  gtk_spinner_set_spinning (self->spinner, g_strcmp0 (name, "loading") == 0);
}

static void
show_message (WmCasePage *self,
              const char *message)
{
  gtk_label_set_label (self->message_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL && *message != '\0');
}

/* What the domain points out without refusing (an age outside 10 to 25,
 * an active case with no agreement on record), for the form as it stands. */
static void
update_warnings (WmCasePage *self)
{
  g_autoptr(GVariant) profile = NULL;
  g_autoptr(GPtrArray) warnings = NULL;
  g_autofree char *text = NULL;
  GDate today;

  if (self->creating || (self->profile != NULL && self->profile->payload != NULL))
    profile = wm_profile_form_dup_profile (self->form, NULL);
  if (profile != NULL)
    {
      wm_context_get_today (self->context, &today);
      warnings = wm_person_collect_warnings (profile, &today);
    }
  if (warnings != NULL && warnings->len > 0)
    {
      g_ptr_array_add (warnings, NULL);
      text = g_strjoinv ("\n", (char **) warnings->pdata);
    }
  gtk_label_set_label (self->warning_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->warning_label), text != NULL);
}

static void
form_changed_cb (WmCasePage *self)
{
  update_warnings (self);
}

static void
toast (WmCasePage *self,
       const char *title)
{
  AdwToast *toast = adw_toast_new (title);

  adw_toast_set_timeout (toast, 3);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
update_actions (WmCasePage *self)
{
  const char *status = NULL;
  gboolean open = self->case_id != 0 && self->profile != NULL && self->profile->payload != NULL;

  if (open)
    status = wm_person_get_status (self->profile->payload);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.save", !self->busy && (open || self->creating));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.add-contact", !self->busy && open);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.edit-contact", !self->busy && open);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.contact-history", open);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.profile-history", open);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.start",
                                 !self->busy && g_strcmp0 (status, WM_CASE_STATUS_REFERRED) == 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.close-case",
                                 !self->busy && open && g_strcmp0 (status, WM_CASE_STATUS_CLOSED) != 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.reopen",
                                 !self->busy && g_strcmp0 (status, WM_CASE_STATUS_CLOSED) == 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.start-assessment", !self->busy && open);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.resume-assessment",
                                 !self->busy && open
                                 && wm_assessment_history_find_draft (self->assessment_history, NULL) != NULL);
  gtk_widget_set_visible (self->resume_button,
                          open && wm_assessment_history_find_draft (self->assessment_history, NULL) != NULL);

  gtk_widget_set_visible (self->start_button, g_strcmp0 (status, WM_CASE_STATUS_REFERRED) == 0);
  gtk_widget_set_visible (self->close_button, open && g_strcmp0 (status, WM_CASE_STATUS_CLOSED) != 0);
  gtk_widget_set_visible (self->reopen_button, g_strcmp0 (status, WM_CASE_STATUS_CLOSED) == 0);
}

static void
set_busy (WmCasePage *self,
          gboolean    busy)
{
  self->busy = busy;
  update_actions (self);
}

/* Drops a window shown over the page (an editor, a history, a question). */
static void
close_dialog (WmCasePage *self)
{
  if (self->dialog != NULL)
    {
      GtkWindow *dialog = self->dialog;

      g_object_remove_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->dialog);
      self->dialog = NULL;
      gtk_window_destroy (dialog);
    }
}

static void
present_dialog (WmCasePage *self,
                GtkWindow  *dialog)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  close_dialog (self);
  self->dialog = dialog;
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->dialog);
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (dialog, GTK_WINDOW (root));
  gtk_window_present (dialog);
}

/* The case's caseload row, for its reference. */
static WmCase *
find_case (WmCasePage *self,
           gint64      case_id)
{
  if (self->caseload == NULL)
    return NULL;
  for (guint i = 0; i < g_list_model_get_n_items (self->caseload); i++)
    {
      g_autoptr(WmCase) row = g_list_model_get_item (self->caseload, i);

      if (wm_case_get_id (row) == case_id)
        return row;
    }
  return NULL;
}

static void
update_header (WmCasePage *self)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *name = NULL;
  g_autofree char *details = NULL;
  GVariant *profile = self->profile != NULL ? self->profile->payload : NULL;
  const char *status;
  WmCase *row;
  GDate today;
  guint years;

  if (self->creating)
    {
      gtk_label_set_label (self->name_label, _("New Young Person"));
      gtk_label_set_label (self->details_label,
                           _("The record is assigned to you and shared with your team’s supervisors."));
      return;
    }

  if (profile == NULL)
    {
      gtk_label_set_label (self->name_label, "");
      gtk_label_set_label (self->details_label, "");
      adw_action_row_set_subtitle (self->status_row, "");
      return;
    }

  name = wm_person_dup_display_name (profile);
  gtk_label_set_label (self->name_label, name != NULL ? name : "");

  row = find_case (self, self->case_id);
  if (row != NULL && wm_case_get_reference (row) != NULL)
    g_ptr_array_add (parts, g_strdup (wm_case_get_reference (row)));
  wm_context_get_today (self->context, &today);
  if (wm_person_get_age (profile, &today, &years, NULL))
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Age %u", "Age %u", years), years));
  status = wm_person_get_status (profile);
  if (status != NULL)
    g_ptr_array_add (parts, g_strdup (wm_term_get_label (wm_case_statuses, status)));
  g_ptr_array_add (parts, NULL);
  details = g_strjoinv (" · ", (char **) parts->pdata);
  gtk_label_set_label (self->details_label, details);

  adw_action_row_set_subtitle (self->status_row,
                               status != NULL ? wm_term_get_label (wm_case_statuses, status)
                                              : _("Not recorded"));
}

static GtkWidget *
create_contact_row_cb (gpointer item,
                       gpointer user_data)
{
  WmContactItem *contact = WM_CONTACT_ITEM (item);
  const WmRecord *record = wm_contact_item_get_record (contact);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *history = gtk_button_new_from_icon_name ("document-open-recent-symbolic");
  g_autofree char *title = wm_contact_item_dup_title (contact);
  g_autofree char *summary = wm_contact_item_dup_summary (contact);

  /* A note may hold "&" or "<": never markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  /* The note's first line is the caseworker's text, not markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), summary);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 1);

  gtk_widget_set_valign (history, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (history, "flat");
  gtk_widget_set_tooltip_text (history, _("History of this contact"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (history),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("History of this contact"),
                                  -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (history), "page.contact-history");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (history), "x", record->record_id);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), history);

  if (record->payload != NULL)
    {
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "page.edit-contact");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "x", record->record_id);
    }
  else
    gtk_widget_add_css_class (row, "error");
  return row;
}

static WmContactItem *
find_contact (WmCasePage *self,
              gint64      record_id)
{
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->contacts)); i++)
    {
      g_autoptr(WmContactItem) item = g_list_model_get_item (G_LIST_MODEL (self->contacts), i);

      if (wm_contact_item_get_record_id (item) == record_id)
        return item;
    }
  return NULL;
}

static void
restart (WmCasePage *self)
{
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
}

static void
drop_record (WmCasePage *self)
{
  g_clear_pointer (&self->profile, wm_record_free);
  g_list_store_remove_all (self->contacts);
  if (self->assessment_history != NULL)
    wm_assessment_history_clear (self->assessment_history);
  if (self->referral_list != NULL)
    wm_referral_list_clear (self->referral_list);
}

static void ensure_referral_list (WmCasePage *self);

static void
open_case_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(WmCasePage) self = user_data;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  GDate today;

  records = wm_context_open_case_finish (WM_CONTEXT (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->busy = FALSE;
  if (records == NULL)
    {
      adw_status_page_set_description (self->error_page, error->message);
      show_page (self, "error");
      update_actions (self);
      return;
    }

  drop_record (self);
  for (guint i = 0; i < records->len; i++)
    {
      WmRecord *record = g_ptr_array_index (records, i);

      if (record->kind == WM_RECORD_PROFILE && self->profile == NULL)
        self->profile = wm_record_copy (record);
      else if (record->kind == WM_RECORD_CONTACT)
        g_ptr_array_add (items, wm_contact_item_new (record));
    }

  if (self->profile == NULL || self->profile->payload == NULL)
    {
      adw_status_page_set_description (self->error_page,
                                       self->profile != NULL && self->profile->error != NULL
                                       ? self->profile->error->message
                                       : _("The young person’s profile could not be read. Ask a supervisor to check the case."));
      drop_record (self);
      show_page (self, "error");
      update_actions (self);
      return;
    }

  /* One splice, so the list is built once. */
  g_list_store_splice (self->contacts, 0, 0, items->pdata, items->len);
  wm_assessment_history_set_records (self->assessment_history, records);
  ensure_referral_list (self);
  wm_referral_list_set_records (self->referral_list, records);

  wm_context_get_today (self->context, &today);
  wm_profile_form_set_today (self->form, &today);
  wm_profile_form_set_profile (self->form, self->profile->payload);
  show_message (self, NULL);
  update_header (self);
  update_warnings (self);
  gtk_widget_set_visible (GTK_WIDGET (self->status_group), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->contacts_group), TRUE);
  show_page (self, "record");
  update_actions (self);
}

/**
 * wm_case_page_show_case:
 * @case_id: the case to open
 *
 * Shows a spinner, reads the case on the context's store thread, then
 * shows the record. Anything the page was reading before is dropped.
 */
void
wm_case_page_show_case (WmCasePage *self,
                        gint64      case_id)
{
  g_return_if_fail (WM_IS_CASE_PAGE (self));
  g_return_if_fail (case_id > 0);

  restart (self);
  close_dialog (self);
  self->case_id = case_id;
  self->creating = FALSE;
  self->busy = TRUE;
  show_page (self, "loading");
  update_actions (self);
  wm_context_open_case_async (self->context, case_id, self->cancellable,
                              open_case_cb, g_object_ref (self));
}

/**
 * wm_case_page_new_person:
 *
 * Shows an empty form for a new young person, who will be assigned to the
 * signed-in caseworker when saved.
 */
void
wm_case_page_new_person (WmCasePage *self)
{
  GDate today;

  g_return_if_fail (WM_IS_CASE_PAGE (self));

  restart (self);
  close_dialog (self);
  drop_record (self);
  self->case_id = 0;
  self->creating = TRUE;
  self->busy = FALSE;

  wm_context_get_today (self->context, &today);
  wm_profile_form_set_today (self->form, &today);
  wm_profile_form_set_profile (self->form, NULL);
  show_message (self, NULL);
  update_header (self);
  update_warnings (self);
  gtk_widget_set_visible (GTK_WIDGET (self->status_group), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->contacts_group), FALSE);
  show_page (self, "record");
  update_actions (self);
  gtk_widget_grab_focus (wm_profile_form_get_field_widget (self->form, WM_PROFILE_GIVEN_NAME));
}

static void
saved (WmCasePage *self,
       gint64      case_id,
       const char *message)
{
  g_signal_emit (self, signals[SAVED], 0, case_id);
  toast (self, message);
  wm_case_page_show_case (self, case_id);
}

static void
create_person_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(WmCasePage) self = user_data;
  g_autoptr(GError) error = NULL;
  gint64 case_id;

  case_id = wm_context_create_person_finish (WM_CONTEXT (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  set_busy (self, FALSE);
  if (case_id == 0)
    {
      show_message (self, error->message);
      return;
    }
  saved (self, case_id, _("Young person added"));
}

static void
create_person (WmCasePage *self,
               GVariant   *profile)
{
  set_busy (self, TRUE);
  wm_context_create_person_async (self->context, wm_context_get_user_id (self->context), profile,
                                  self->cancellable, create_person_cb, g_object_ref (self));
}

typedef struct
{
  WmCasePage *page;
  GVariant   *profile;
} DuplicateData;

static void
duplicate_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       gpointer          user_data)
{
  DuplicateData *data = user_data;

  if (g_strcmp0 (response, "create") == 0 && data->page->creating && !data->page->busy)
    create_person (data->page, data->profile);
  else if (g_strcmp0 (response, "create") != 0)
    show_message (data->page, _("Not saved: a young person with this name and date of birth is already on the caseload."));
}

static void
duplicate_data_free (gpointer  user_data,
                     GClosure *closure)
{
  DuplicateData *data = user_data;

  g_object_unref (data->page);
  g_variant_unref (data->profile);
  g_free (data);
}

/* A readable case with the same name and date of birth, or NULL. */
static WmCase *
find_duplicate (WmCasePage *self,
                GVariant   *profile)
{
  if (self->caseload == NULL)
    return NULL;
  for (guint i = 0; i < g_list_model_get_n_items (self->caseload); i++)
    {
      g_autoptr(WmCase) row = g_list_model_get_item (self->caseload, i);
      GVariant *other = wm_case_get_profile (row);

      if (!wm_case_get_unreadable (row) && other != NULL && wm_person_same_identity (profile, other))
        return row;
    }
  return NULL;
}

static void
ask_about_duplicate (WmCasePage *self,
                     WmCase     *duplicate,
                     GVariant   *profile)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  DuplicateData *data = g_new0 (DuplicateData, 1);
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Already on the Caseload?"), NULL);
  /* Translators: %s is a case reference such as WM-7KQ2XM; the young
   * person's name is left out on purpose. */
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("The case %s has the same name and date of birth. Open that case "
                                    "instead, unless this is a different young person."),
                                  wm_case_get_reference (duplicate));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "create", _("Create _Anyway"),
                                    NULL);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  wm_accessible_name_mnemonic_buttons (dialog);

  data->page = g_object_ref (self);
  data->profile = g_variant_ref (profile);
  g_signal_connect_data (dialog, "response", G_CALLBACK (duplicate_response_cb), data,
                         duplicate_data_free, 0);
  present_dialog (self, GTK_WINDOW (dialog));
}

static void
save_profile_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(WmCasePage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (wm_context_save_record_finish (WM_CONTEXT (object), result, &error) == 0)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      set_busy (self, FALSE);
      show_message (self, error->message);
      return;
    }
  set_busy (self, FALSE);
  saved (self, self->case_id, _("Record saved"));
}

/* A new version of the open case's profile, checked already. */
static void
save_profile (WmCasePage *self,
              GVariant   *profile)
{
  show_message (self, NULL);
  set_busy (self, TRUE);
  wm_context_save_record_async (self->context, self->case_id, self->profile->record_id,
                                WM_RECORD_PROFILE, profile, self->cancellable,
                                save_profile_cb, g_object_ref (self));
}

/* Checks @profile as the casebook will, so a refusal is shown at once. */
static gboolean
check_profile (WmCasePage *self,
               GVariant   *profile)
{
  g_autoptr(GError) error = NULL;
  GDate today;

  wm_context_get_today (self->context, &today);
  if (!wm_person_check_profile (profile, &today, &error))
    {
      show_message (self, error->message);
      return FALSE;
    }
  return TRUE;
}

/* @profile with its status set to @status. */
static GVariant *
with_status (GVariant   *profile,
             const char *status)
{
  g_auto(GVariantBuilder) builder = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE_VARDICT);
  GVariantIter iter;
  const char *key;
  GVariant *value;

  g_variant_iter_init (&iter, profile);
  while (g_variant_iter_next (&iter, "{&sv}", &key, &value))
    {
      if (g_strcmp0 (key, WM_PROFILE_STATUS) != 0)
        g_variant_builder_add (&builder, "{sv}", key, value);
      g_variant_unref (value);
    }
  g_variant_builder_add (&builder, "{sv}", WM_PROFILE_STATUS, g_variant_new_string (status));
  return g_variant_ref_sink (g_variant_builder_end (&builder));
}

/* The form as it stands, checked inline; NULL (with the reason shown)
 * when it cannot be saved. */
static GVariant *
dup_form_profile (WmCasePage *self)
{
  g_autoptr(GVariant) profile = NULL;
  g_autoptr(GError) error = NULL;

  if (!wm_profile_form_validate (self->form))
    {
      show_message (self, _("Not saved: some fields need attention. See the message next to each."));
      return NULL;
    }
  profile = wm_profile_form_dup_profile (self->form, &error);
  if (profile == NULL)
    {
      show_message (self, error->message);
      return NULL;
    }
  return g_steal_pointer (&profile);
}

/**
 * wm_case_page_save:
 *
 * Saves the profile form: a new young person, or a new version of the
 * profile shown. What is wrong is said next to the field and above the
 * form; a new young person who matches a case on the caseload by name and
 * date of birth is asked about first.
 */
void
wm_case_page_save (WmCasePage *self)
{
  g_autoptr(GVariant) profile = NULL;

  g_return_if_fail (WM_IS_CASE_PAGE (self));

  if (self->busy || (!self->creating && self->profile == NULL))
    return;

  profile = dup_form_profile (self);
  if (profile == NULL)
    return;

  if (self->creating)
    {
      WmCase *duplicate;

      if (wm_person_get_status (profile) == NULL)
        {
          GVariant *referred = with_status (profile, WM_CASE_STATUS_REFERRED);

          g_variant_unref (profile);
          profile = referred;
        }
      if (!check_profile (self, profile))
        return;
      show_message (self, NULL);
      duplicate = find_duplicate (self, profile);
      if (duplicate != NULL)
        ask_about_duplicate (self, duplicate, profile);
      else
        create_person (self, profile);
      return;
    }

  if (!check_profile (self, profile))
    return;
  save_profile (self, profile);
}

/* Status changes */

static void
change_status (WmCasePage *self,
               const char *to,
               GVariant   *closure)
{
  g_autoptr(GVariant) form_profile = NULL;
  g_autoptr(GVariant) profile = NULL;
  g_autoptr(GError) error = NULL;
  const char *from;

  if (self->busy || self->profile == NULL || self->profile->payload == NULL)
    return;

  from = wm_person_get_status (self->profile->payload);
  if (!wm_person_check_status_change (from, to, closure, &error))
    {
      show_message (self, error->message);
      return;
    }

  form_profile = dup_form_profile (self);
  if (form_profile == NULL)
    return;
  profile = with_status (form_profile, to);
  if (!check_profile (self, profile))
    return;

  save_profile (self, profile);
}

static void
save_closure_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(WmCasePage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) closure = g_steal_pointer (&self->pending_closure);

  if (wm_context_save_record_finish (WM_CONTEXT (object), result, &error) == 0)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      set_busy (self, FALSE);
      show_message (self, error->message);
      return;
    }
  set_busy (self, FALSE);
  change_status (self, WM_CASE_STATUS_CLOSED, closure);
}

typedef struct
{
  WmCasePage  *page;
  AdwComboRow *reason_row;
  AdwComboRow *outcome_row;
} ClosureData;

static void
closure_data_free (gpointer  user_data,
                   GClosure *closure)
{
  ClosureData *data = user_data;

  g_object_unref (data->page);
  g_free (data);
}

static void
closure_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     gpointer          user_data)
{
  ClosureData *data = user_data;
  WmCasePage *self = data->page;
  g_auto(GVariantBuilder) builder = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE_VARDICT);
  g_autoptr(GVariant) closure = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *today_iso = NULL;
  guint reason = adw_combo_row_get_selected (data->reason_row);
  guint outcome = adw_combo_row_get_selected (data->outcome_row);
  const char *from;
  GDate today;

  if (g_strcmp0 (response, "close") != 0 || self->busy || self->profile == NULL
      || self->profile->payload == NULL)
    return;

  wm_context_get_today (self->context, &today);
  today_iso = wm_date_format_iso (&today);
  g_variant_builder_add (&builder, "{sv}", WM_CLOSURE_CLOSED_ON, g_variant_new_string (today_iso));
  if (reason != GTK_INVALID_LIST_POSITION)
    g_variant_builder_add (&builder, "{sv}", WM_CLOSURE_REASON,
                           g_variant_new_string (wm_closure_reasons[reason].id));
  if (outcome != GTK_INVALID_LIST_POSITION)
    g_variant_builder_add (&builder, "{sv}", WM_CLOSURE_OUTCOME,
                           g_variant_new_string (wm_closure_outcomes[outcome].id));
  closure = g_variant_ref_sink (g_variant_builder_end (&builder));

  from = wm_person_get_status (self->profile->payload);
  if (!wm_person_check_status_change (from, WM_CASE_STATUS_CLOSED, closure, &error))
    {
      show_message (self, error->message);
      return;
    }

  set_busy (self, TRUE);
  g_clear_pointer (&self->pending_closure, g_variant_unref);
  self->pending_closure = g_variant_ref (closure);
  wm_context_save_record_async (self->context, self->case_id, 0, WM_RECORD_CLOSURE, closure,
                                self->cancellable, save_closure_cb, g_object_ref (self));
}

static GtkWidget *
new_term_combo_row (const char   *title,
                    const WmTerm *terms)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  GtkWidget *row = adw_combo_row_new ();

  for (const WmTerm *term = terms; term->id != NULL; term++)
    gtk_string_list_append (labels, g_dgettext (GETTEXT_PACKAGE, term->label));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (labels));
  return row;
}

static void
close_case_action_cb (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  WmCasePage *self = WM_CASE_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  ClosureData *data = g_new0 (ClosureData, 1);
  GtkWidget *dialog, *list;

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Close This Case?"),
                                   _("Say why the case closes and how it went. A closed case can be reopened."));
  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  data->page = g_object_ref (self);
  data->reason_row = ADW_COMBO_ROW (new_term_combo_row (_("Reason"), wm_closure_reasons));
  data->outcome_row = ADW_COMBO_ROW (new_term_combo_row (_("Outcome"), wm_closure_outcomes));
  gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (data->reason_row));
  gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (data->outcome_row));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), list);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "close", _("C_lose Case"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "close",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  wm_accessible_name_mnemonic_buttons (dialog);
  g_signal_connect_data (dialog, "response", G_CALLBACK (closure_response_cb), data,
                         closure_data_free, 0);
  present_dialog (self, GTK_WINDOW (dialog));
}

static void
start_action_cb (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  change_status (WM_CASE_PAGE (widget), WM_CASE_STATUS_ACTIVE, NULL);
}

static void
reopen_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  change_status (WM_CASE_PAGE (widget), WM_CASE_STATUS_ACTIVE, NULL);
}

/* Contacts and history */

static void
contact_saved_cb (WmCasePage *self,
                  gint64      record_id)
{
  saved (self, self->case_id, _("Contact saved"));
}

static void
open_contact_editor (WmCasePage     *self,
                     const WmRecord *record)
{
  WmContactEditor *editor = wm_contact_editor_new (self->context, self->case_id, record);

  g_signal_connect_object (editor, "saved", G_CALLBACK (contact_saved_cb), self, G_CONNECT_SWAPPED);
  present_dialog (self, GTK_WINDOW (editor));
}

static void
add_contact_action_cb (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  WmCasePage *self = WM_CASE_PAGE (widget);

  if (self->case_id != 0 && !self->creating)
    open_contact_editor (self, NULL);
}

static void
edit_contact_action_cb (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  WmCasePage *self = WM_CASE_PAGE (widget);
  WmContactItem *item = find_contact (self, g_variant_get_int64 (parameter));

  if (item != NULL && wm_contact_item_get_record (item)->payload != NULL)
    open_contact_editor (self, wm_contact_item_get_record (item));
}

static void
contact_history_action_cb (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  WmCasePage *self = WM_CASE_PAGE (widget);
  gint64 record_id = g_variant_get_int64 (parameter);

  if (find_contact (self, record_id) != NULL)
    present_dialog (self, GTK_WINDOW (wm_history_dialog_new (self->context, record_id, WM_RECORD_CONTACT)));
}

static void
profile_history_action_cb (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  WmCasePage *self = WM_CASE_PAGE (widget);

  if (self->profile != NULL)
    present_dialog (self, GTK_WINDOW (wm_history_dialog_new (self->context, self->profile->record_id,
                                                             WM_RECORD_PROFILE)));
}

static void
save_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  wm_case_page_save (WM_CASE_PAGE (widget));
}

/* Assessments */

static gboolean
refresh_after_assessment_cb (gpointer user_data)
{
  g_autoptr(WmCasePage) self = user_data;

  if (self->case_id != 0 && !self->creating && !wm_context_get_locked (self->context))
    {
      g_signal_emit (self, signals[SAVED], 0, self->case_id);
      wm_case_page_show_case (self, self->case_id);
    }
  return G_SOURCE_REMOVE;
}

/* Closed by its user: the flow saves what it has not, and the record is
 * read again for the history and the caseload's levels. A lock destroys
 * the window without asking, and reads nothing. */
static gboolean
assessment_close_request_cb (GtkWindow  *window,
                             WmCasePage *self)
{
  WmAssessmentFlow *flow = g_object_get_data (G_OBJECT (window), "flow");

  wm_assessment_flow_save_now (flow);
  g_idle_add (refresh_after_assessment_cb, g_object_ref (self));
  return FALSE;
}

static void
assessment_closed_cb (GtkWindow *window)
{
  gtk_window_destroy (window);
}

static WmAssessmentFlow *
present_assessment (WmCasePage *self)
{
  GtkWidget *window = adw_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  WmAssessmentFlow *flow = wm_assessment_flow_new (self->context);

  gtk_window_set_title (GTK_WINDOW (window), _("Assessment"));
  gtk_window_set_modal (GTK_WINDOW (window), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (window), 920, 720);
  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (flow), TRUE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (flow));
  adw_window_set_content (ADW_WINDOW (window), box);
  g_object_set_data (G_OBJECT (window), "flow", flow);
  g_signal_connect_object (window, "close-request", G_CALLBACK (assessment_close_request_cb), self, 0);
  g_signal_connect_swapped (flow, "closed", G_CALLBACK (assessment_closed_cb), window);
  present_dialog (self, GTK_WINDOW (window));
  return flow;
}

static void
open_assessment (WmCasePage     *self,
                 const WmRecord *record)
{
  g_autoptr(GError) error = NULL;
  WmAssessmentFlow *flow;

  if (record == NULL || self->profile == NULL)
    return;
  flow = present_assessment (self);
  if (!wm_assessment_flow_open (flow, self->case_id, self->profile->payload, record, &error))
    {
      close_dialog (self);
      toast (self, error->message);
    }
}

static void
open_assessment_cb (WmCasePage          *self,
                    gint64               record_id,
                    WmAssessmentHistory *history)
{
  open_assessment (self, wm_assessment_history_get_record (history, record_id));
}

static void
start_assessment_action_cb (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  WmCasePage *self = WM_CASE_PAGE (widget);
  const char *instrument_id = g_variant_get_string (parameter, NULL);
  WmInstrument *instrument = wm_instrument_registry_lookup_latest (wm_instrument_registry_get_default (),
                                                                   instrument_id);

  if (self->profile == NULL || self->profile->payload == NULL)
    return;
  if (instrument == NULL)
    {
      toast (self, _("That assessment’s definition is not installed. Ask your administrator to reinstall Waymark."));
      return;
    }
  wm_assessment_flow_start (present_assessment (self), self->case_id, self->profile->payload, instrument);
}

static void
resume_assessment_action_cb (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  WmCasePage *self = WM_CASE_PAGE (widget);

  open_assessment (self, wm_assessment_history_find_draft (self->assessment_history, NULL));
}

/* The Assessments group, after the contacts: starting either instrument,
 * resuming a draft, and the history with its chart. */
static void referral_saved_cb (WmCasePage *self,
                               gint64      record_id);

/* The referrals made from this record (the window's composer writes them)
 * and the partners' answers, under the assessments; made when a record
 * first opens, as it needs the context. */
static void
ensure_referral_list (WmCasePage *self)
{
  if (self->referral_list != NULL)
    return;
  self->referral_list = WM_REFERRAL_LIST (wm_referral_list_new (self->context));
  g_signal_connect_object (self->referral_list, "saved", G_CALLBACK (referral_saved_cb), self, G_CONNECT_SWAPPED);
  gtk_box_insert_child_after (GTK_BOX (gtk_widget_get_parent (self->assessments_group)),
                              GTK_WIDGET (self->referral_list), self->assessments_group);
}

/* A partner's answer was recorded: the record is read again, so the list
 * shows the new version. */
static void
referral_saved_cb (WmCasePage *self,
                   gint64      record_id)
{
  if (self->case_id != 0)
    wm_case_page_show_case (self, self->case_id);
}

static void
add_assessments_group (WmCasePage *self)
{
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *ace = gtk_button_new_with_mnemonic (_("Start _ACE"));
  GtkWidget *risk = gtk_button_new_with_mnemonic (_("Start _Risk & Needs"));
  GtkWidget *parent = gtk_widget_get_parent (GTK_WIDGET (self->contacts_group));

  self->assessments_group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self->assessments_group), _("Assessments"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->assessments_group),
                                         _("Newest first. Drafts are saved as you go; choose an assessment to "
                                           "carry on with it or to read it."));
  self->resume_button = gtk_button_new_with_mnemonic (_("Resume _Draft"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->resume_button), "page.resume-assessment");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (ace), "page.start-assessment");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (ace), "s", WM_INSTRUMENT_ACE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (risk), "page.start-assessment");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (risk), "s", WM_INSTRUMENT_DIVERSION_RISK_NEEDS);
  gtk_widget_set_tooltip_text (ace, _("Start an adverse childhood experiences assessment"));
  gtk_widget_set_tooltip_text (risk, _("Start a diversion risk and needs assessment"));
  for (GtkWidget *button = self->resume_button; button != NULL;
       button = button == self->resume_button ? ace : button == ace ? risk : NULL)
    {
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_box_append (GTK_BOX (buttons), button);
    }
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (self->assessments_group), buttons);
  self->assessment_history = wm_assessment_history_new ();
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->assessments_group),
                             GTK_WIDGET (self->assessment_history));
  g_signal_connect_object (self->assessment_history, "open-assessment", G_CALLBACK (open_assessment_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_box_insert_child_after (GTK_BOX (parent), self->assessments_group, GTK_WIDGET (self->contacts_group));
  g_object_bind_property (self->contacts_group, "visible", self->assessments_group, "visible",
                          G_BINDING_SYNC_CREATE);
  wm_accessible_name_mnemonic_buttons (buttons);
}

static void
locked_cb (WmCasePage *self,
           GParamSpec *pspec,
           WmContext  *context)
{
  if (wm_context_get_locked (context))
    wm_case_page_clear (self);
}

/* GObject */

static void
wm_case_page_constructed (GObject *object)
{
  WmCasePage *self = WM_CASE_PAGE (object);

  G_OBJECT_CLASS (wm_case_page_parent_class)->constructed (object);

  g_assert (WM_IS_CONTEXT (self->context));
  g_signal_connect_object (self->context, "notify::locked", G_CALLBACK (locked_cb), self,
                           G_CONNECT_SWAPPED);
}

static void
wm_case_page_dispose (GObject *object)
{
  WmCasePage *self = WM_CASE_PAGE (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  close_dialog (self);
  if (self->contacts_list != NULL)
    gtk_list_box_bind_model (self->contacts_list, NULL, NULL, NULL, NULL);
  /* Added in code, not by the template: it goes first, with its context. */
  if (self->referral_list != NULL)
    {
      gtk_box_remove (GTK_BOX (gtk_widget_get_parent (GTK_WIDGET (self->referral_list))),
                      GTK_WIDGET (self->referral_list));
      self->referral_list = NULL;
    }

  /* The toast overlay is both a template child and the bin's child: the
   * bin lets go of it first, or disposing the template would unparent it
   * behind the bin's back. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), WM_TYPE_CASE_PAGE);
  g_clear_pointer (&self->profile, wm_record_free);
  g_clear_pointer (&self->pending_closure, g_variant_unref);
  g_clear_object (&self->sorted_contacts);
  g_clear_object (&self->contacts);
  g_clear_object (&self->caseload);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (wm_case_page_parent_class)->dispose (object);
}

static void
wm_case_page_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  WmCasePage *self = WM_CASE_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wm_case_page_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  WmCasePage *self = WM_CASE_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wm_case_page_class_init (WmCasePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = wm_case_page_constructed;
  object_class->dispose = wm_case_page_dispose;
  object_class->get_property = wm_case_page_get_property;
  object_class->set_property = wm_case_page_set_property;

  /**
   * WmCasePage:context:
   *
   * The context every read and save goes through.
   */
  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL,
                         WM_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * WmCasePage::saved:
   * @case_id: the case that was written
   *
   * A save succeeded (a new young person, the profile, a status or a
   * contact): the caseload is out of date.
   */
  signals[SAVED] = g_signal_new ("saved",
                                 G_TYPE_FROM_CLASS (klass),
                                 G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL,
                                 G_TYPE_NONE, 1, G_TYPE_INT64);

  g_type_ensure (WM_TYPE_PROFILE_FORM);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/waymark/Waymark/wm-case-page.ui");
  gtk_widget_class_bind_template_child (widget_class, WmCasePage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, WmCasePage, stack);
  gtk_widget_class_bind_template_child (widget_class, WmCasePage, spinner);
  gtk_widget_class_bind_template_child (widget_class, WmCasePage, error_page);
  gtk_widget_class_bind_template_child (widget_class, WmCasePage, name_label);
  gtk_widget_class_bind_template_child (widget_class, WmCasePage, details_label);
  gtk_widget_class_bind_template_child (widget_class, WmCasePage, message_label);
  gtk_widget_class_bind_template_child (widget_class, WmCasePage, warning_label);
  gtk_widget_class_bind_template_child (widget_class, WmCasePage, status_group);
  gtk_widget_class_bind_template_child (widget_class, WmCasePage, status_row);
  gtk_widget_class_bind_template_child (widget_class, WmCasePage, start_button);
  gtk_widget_class_bind_template_child (widget_class, WmCasePage, close_button);
  gtk_widget_class_bind_template_child (widget_class, WmCasePage, reopen_button);
  gtk_widget_class_bind_template_child (widget_class, WmCasePage, form);
  gtk_widget_class_bind_template_child (widget_class, WmCasePage, contacts_group);
  gtk_widget_class_bind_template_child (widget_class, WmCasePage, contacts_list);

  gtk_widget_class_install_action (widget_class, "page.save", NULL, save_action_cb);
  gtk_widget_class_install_action (widget_class, "page.add-contact", NULL, add_contact_action_cb);
  gtk_widget_class_install_action (widget_class, "page.edit-contact", "x", edit_contact_action_cb);
  gtk_widget_class_install_action (widget_class, "page.contact-history", "x", contact_history_action_cb);
  gtk_widget_class_install_action (widget_class, "page.profile-history", NULL, profile_history_action_cb);
  gtk_widget_class_install_action (widget_class, "page.start", NULL, start_action_cb);
  gtk_widget_class_install_action (widget_class, "page.close-case", NULL, close_case_action_cb);
  gtk_widget_class_install_action (widget_class, "page.reopen", NULL, reopen_action_cb);
  gtk_widget_class_install_action (widget_class, "page.start-assessment", "s", start_assessment_action_cb);
  gtk_widget_class_install_action (widget_class, "page.resume-assessment", NULL, resume_assessment_action_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "page.save", NULL);
}

static void
wm_case_page_init (WmCasePage *self)
{
  g_autoptr(GtkCustomSorter) sorter = NULL;
  GtkWidget *placeholder;

  gtk_widget_init_template (GTK_WIDGET (self));
  wm_accessible_name_mnemonic_buttons (GTK_WIDGET (self));
  add_assessments_group (self);

  self->cancellable = g_cancellable_new ();
  self->contacts = g_list_store_new (WM_TYPE_CONTACT_ITEM);
  sorter = gtk_custom_sorter_new (wm_contact_item_compare_newest_first, NULL, NULL);
  self->sorted_contacts = gtk_sort_list_model_new (G_LIST_MODEL (g_object_ref (self->contacts)),
                                                   GTK_SORTER (g_steal_pointer (&sorter)));
  gtk_list_box_bind_model (self->contacts_list, G_LIST_MODEL (self->sorted_contacts),
                           create_contact_row_cb, self, NULL);

  placeholder = gtk_label_new (_("No contacts recorded yet"));
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_widget_set_margin_top (placeholder, 12);
  gtk_widget_set_margin_bottom (placeholder, 12);
  gtk_list_box_set_placeholder (self->contacts_list, placeholder);

  g_signal_connect_object (self->form, "changed", G_CALLBACK (form_changed_cb), self, G_CONNECT_SWAPPED);

  show_page (self, "empty");
  update_actions (self);
}

/**
 * wm_case_page_new:
 * @context: the context every read and save goes through
 *
 * Returns: (transfer floating): a new, empty record page
 */
WmCasePage *
wm_case_page_new (WmContext *context)
{
  g_return_val_if_fail (WM_IS_CONTEXT (context), NULL);

  return g_object_new (WM_TYPE_CASE_PAGE,
                       "context", context,
                       NULL);
}

WmContext *
wm_case_page_get_context (WmCasePage *self)
{
  g_return_val_if_fail (WM_IS_CASE_PAGE (self), NULL);

  return self->context;
}

/**
 * wm_case_page_set_caseload:
 * @cases: (nullable): the caseload the window loaded (#WmCase items)
 *
 * The cases a new young person is compared with, by name and date of
 * birth, before the record is created; also where the page finds a case's
 * reference.
 */
void
wm_case_page_set_caseload (WmCasePage *self,
                           GListModel *cases)
{
  g_return_if_fail (WM_IS_CASE_PAGE (self));
  g_return_if_fail (cases == NULL || G_IS_LIST_MODEL (cases));

  g_set_object (&self->caseload, cases);
  if (!self->creating && self->profile != NULL)
    update_header (self);
}

/**
 * wm_case_page_clear:
 *
 * Forgets the young person, as on lock: every widget that showed them is
 * emptied, the windows over the page close, reads and saves under way are
 * dropped, and no reference to a record or to the caseload is kept.
 */
void
wm_case_page_clear (WmCasePage *self)
{
  g_return_if_fail (WM_IS_CASE_PAGE (self));

  restart (self);
  close_dialog (self);
  drop_record (self);
  g_clear_object (&self->caseload);
  g_clear_pointer (&self->pending_closure, g_variant_unref);
  self->case_id = 0;
  self->creating = FALSE;
  self->busy = FALSE;

  wm_profile_form_clear (self->form);
  gtk_label_set_label (self->name_label, "");
  gtk_label_set_label (self->details_label, "");
  adw_action_row_set_subtitle (self->status_row, "");
  adw_status_page_set_description (self->error_page, NULL);
  show_message (self, NULL);
  update_warnings (self);
  show_page (self, "empty");
  update_actions (self);
}

/**
 * wm_case_page_get_case_id:
 *
 * Returns: the case shown, or 0 when none is (or a new one is being made)
 */
gint64
wm_case_page_get_case_id (WmCasePage *self)
{
  g_return_val_if_fail (WM_IS_CASE_PAGE (self), 0);

  return self->case_id;
}

/**
 * wm_case_page_get_busy:
 *
 * Returns: whether a read or a save is under way
 */
gboolean
wm_case_page_get_busy (WmCasePage *self)
{
  g_return_val_if_fail (WM_IS_CASE_PAGE (self), FALSE);

  return self->busy;
}

/**
 * wm_case_page_get_form:
 *
 * Returns: (transfer none): the profile form
 */
WmProfileForm *
wm_case_page_get_form (WmCasePage *self)
{
  g_return_val_if_fail (WM_IS_CASE_PAGE (self), NULL);

  return self->form;
}

/**
 * wm_case_page_get_contacts:
 *
 * Returns: (transfer none): the contact log as shown, newest first
 *   (#WmContactItem)
 */
GListModel *
wm_case_page_get_contacts (WmCasePage *self)
{
  g_return_val_if_fail (WM_IS_CASE_PAGE (self), NULL);

  return G_LIST_MODEL (self->sorted_contacts);
}

/**
 * wm_case_page_get_message:
 *
 * Returns: (transfer none): what the page says is wrong, or ""
 */
const char *
wm_case_page_get_message (WmCasePage *self)
{
  g_return_val_if_fail (WM_IS_CASE_PAGE (self), NULL);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->message_label)))
    return "";
  return gtk_label_get_label (self->message_label);
}
