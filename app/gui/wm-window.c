/* wm-window.c — the main window
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window is a container: it shows pages and does no I/O. It is given a
 * context (wm-context.c) at construction, which owns the organisation's
 * database and the signed-in session and does all store work off the main
 * thread; the window asks it for data and shows what comes back.
 *
 * Pages: with no database, the first-run page; when the database could not
 * be opened, the error; otherwise sign-in, then the desk — the caseload,
 * and the young person's record, one at a time in a leaflet with a back
 * button: the caseload's columns and the record's form each need the
 * width of a 1366-pixel laptop screen.
 *
 * Locking: when the context locks (Ctrl+L, or the idle timer bound to the
 * "idle-lock-minutes" setting), the window empties every model and widget
 * that showed case data and shows the sign-in page; unlocking loads the
 * caseload again and reopens the young person who was open.
 */

#define G_LOG_DOMAIN "wm-window"

#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>

#include "wm-accessible.h"
#include "wm-case.h"
#include "wm-case-page.h"
#include "wm-caseload-view.h"
#include "wm-demo-database.h"
#include "wm-import-dialog.h"
#include "wm-partner-directory.h"
#include "wm-referral-composer.h"
#include "wm-review-queue.h"
#include "wm-sign-in-page.h"
#include "wm-store.h"
#include "wm-welcome-page.h"
#include "wm-window.h"

struct _WmWindow
{
  AdwApplicationWindow  parent_instance;

  GSettings            *settings;
  WmContext            *context;
  GError               *open_error;
  char                 *demo_hint;
  GCancellable         *cancellable;   /* this sign-in's loads; cancelled by a lock */
  gint64                open_case_id;  /* reopened after an unlock */
  GPtrArray            *users;

  AdwWindowTitle       *window_title;
  GtkWidget            *demo_label;
  GtkWidget            *back_button;
  GtkWidget            *new_person_button;
  GtkWidget            *lock_button;
  GtkWidget            *reassign_button;
  GtkWidget            *refer_button;
  GtkWidget            *queue_button;
  AdwBin               *queue_bin;
  WmReviewQueue        *review_queue;     /* a supervisor's, made at sign-in */
  AdwToastOverlay      *toast_overlay;
  GtkStack             *stack;
  AdwStatusPage        *error_page;
  AdwBin               *welcome_bin;
  AdwLeaflet           *leaflet;
  AdwBin               *caseload_bin;
  WmCaseloadView       *caseload_view;   /* made at the first sign-in */
  AdwBin               *record_bin;
  WmSignInPage         *sign_in_page;
  WmCasePage           *case_page;       /* made at the first sign-in */
  GtkWindow            *import_dialog;   /* weak */
};

G_DEFINE_FINAL_TYPE (WmWindow, wm_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_SETTINGS,
  PROP_CONTEXT,
  PROP_OPEN_ERROR,
  PROP_DEMO_HINT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
show_page (WmWindow   *self,
           const char *name)
{
  GtkWidget *focus = gtk_window_get_focus (GTK_WINDOW (self));

  /* Focus leaves first, so that a focused entry on a page being hidden
   * gets its focus-out (GtkText warns otherwise). */
  if (focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->stack)))
    gtk_window_set_focus (GTK_WINDOW (self), NULL);
  wm_accessible_show_stack_page (self->stack, name);
}

static gboolean
at_desk (WmWindow *self)
{
  return wm_context_get_signed_in (self->context) && !wm_context_get_locked (self->context);
}

static void
update_header (WmWindow *self)
{
  gboolean desk = at_desk (self);
  gboolean on_record = g_strcmp0 (adw_leaflet_get_visible_child_name (self->leaflet), "record") == 0;
  gboolean on_queue = g_strcmp0 (adw_leaflet_get_visible_child_name (self->leaflet), "queue") == 0;
  gboolean supervisor = desk && wm_context_get_role (self->context) == WM_ROLE_SUPERVISOR;
  WmStore *store = wm_context_get_store (self->context);
  g_autofree char *subtitle = NULL;

  if (desk)
    /* Translators: the window's subtitle; %s is the signed-in account's name. */
    subtitle = g_strdup_printf (_("Signed in as %s"), wm_context_get_user_name (self->context));
  adw_window_title_set_title (self->window_title,
                              store != NULL ? wm_store_get_organisation (store) : "Waymark");
  adw_window_title_set_subtitle (self->window_title, subtitle != NULL ? subtitle : "");
  gtk_widget_set_visible (self->back_button, desk && (on_record || on_queue));
  gtk_widget_set_visible (self->new_person_button, desk && wm_context_get_role (self->context) != WM_ROLE_ADMINISTRATOR);
  gtk_widget_set_visible (self->lock_button, desk);
  gtk_widget_set_visible (self->reassign_button, supervisor);
  gtk_widget_set_visible (self->refer_button, desk && on_record && self->open_case_id != 0);
  gtk_widget_set_visible (self->queue_button, supervisor);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.lock", desk);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.sign-out", wm_context_get_signed_in (self->context));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.new-person", desk);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.find", desk);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.back", desk && (on_record || on_queue));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.review-queue", supervisor);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.reassign", supervisor);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.refer", desk && self->open_case_id != 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.partners", desk);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import", desk && wm_context_get_role (self->context) != WM_ROLE_ADMINISTRATOR);
}

static void
leaflet_changed_cb (WmWindow *self)
{
  update_header (self);
}

static void
toast (WmWindow   *self,
       const char *message)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

/* The desk. */

static void
caseload_loaded_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(WmWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) cases = wm_context_load_caseload_finish (WM_CONTEXT (source), result, &error);

  if (cases == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        toast (self, error->message);
      return;
    }
  wm_caseload_view_set_cases (self->caseload_view, cases);
  /* The record page warns of a new young person who may already be here. */
  wm_case_page_set_caseload (self->case_page, cases);
}

static void
reload_caseload (WmWindow *self)
{
  wm_context_load_caseload_async (self->context, self->cancellable, caseload_loaded_cb, g_object_ref (self));
}

static void
users_listed_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(WmWindow) self = user_data;
  g_autoptr(GPtrArray) users = wm_context_list_users_finish (WM_CONTEXT (source), result, NULL);

  if (users == NULL)
    return;
  g_clear_pointer (&self->users, g_ptr_array_unref);
  self->users = g_ptr_array_ref (users);
  wm_caseload_view_set_caseworkers (self->caseload_view,
                                    wm_context_get_role (self->context) == WM_ROLE_CASEWORKER ? NULL : users);
}

static void
open_case (WmWindow *self,
           gint64    case_id)
{
  self->open_case_id = case_id;
  wm_case_page_show_case (self->case_page, case_id);
  adw_leaflet_set_visible_child_name (self->leaflet, "record");
  update_header (self);
}

static void
case_saved_cb (WmWindow *self,
               gint64    case_id)
{
  self->open_case_id = case_id;
  reload_caseload (self);
  update_header (self);
}

static void
case_activated_cb (WmWindow *self,
                   gint64    case_id)
{
  open_case (self, case_id);
}

/* The caseload and the record page are made at the first sign-in, not
 * with the window: the record's form alone is some sixty widgets, and the
 * first frame (sign-in or first run) shows neither. */
static void
ensure_desk (WmWindow *self)
{
  if (self->caseload_view != NULL)
    return;
  self->caseload_view = WM_CASELOAD_VIEW (wm_caseload_view_new ());
  g_signal_connect_object (self->caseload_view, "case-activated", G_CALLBACK (case_activated_cb), self,
                           G_CONNECT_SWAPPED);
  adw_bin_set_child (self->caseload_bin, GTK_WIDGET (self->caseload_view));
  self->case_page = wm_case_page_new (self->context);
  g_signal_connect_object (self->case_page, "saved", G_CALLBACK (case_saved_cb), self, G_CONNECT_SWAPPED);
  adw_bin_set_child (self->record_bin, GTK_WIDGET (self->case_page));
}

/* The supervisor's queue button says how many assessments wait. */
static void
queue_counts_changed_cb (WmWindow *self)
{
  guint waiting = self->review_queue != NULL ? wm_review_queue_get_n_waiting (self->review_queue) : 0;
  g_autofree char *label = NULL;

  /* Translators: the button to the supervisor's queue; %u assessments wait. */
  label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u to Sign Off", "%u to Sign Off", waiting), waiting);
  gtk_button_set_label (GTK_BUTTON (self->queue_button), label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->queue_button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

static void
enter_desk (WmWindow *self)
{
  ensure_desk (self);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  show_page (self, "desk");
  update_header (self);
  reload_caseload (self);
  wm_context_list_users_async (self->context, self->cancellable, users_listed_cb, g_object_ref (self));
  if (wm_context_get_role (self->context) == WM_ROLE_SUPERVISOR)
    {
      if (self->review_queue == NULL)
        {
          self->review_queue = wm_review_queue_new (self->context);
          g_signal_connect_object (self->review_queue, "counts-changed", G_CALLBACK (queue_counts_changed_cb),
                                   self, G_CONNECT_SWAPPED);
          adw_bin_set_child (self->queue_bin, GTK_WIDGET (self->review_queue));
        }
      queue_counts_changed_cb (self);
      wm_review_queue_reload (self->review_queue);
    }
  if (self->open_case_id != 0)
    open_case (self, self->open_case_id);
  else
    adw_leaflet_set_visible_child_name (self->leaflet, "caseload");
  wm_caseload_view_focus_search (self->caseload_view);
}

/* Empties everything that showed case data. */
static void
clear_desk (WmWindow *self)
{
  g_cancellable_cancel (self->cancellable);
  if (self->caseload_view != NULL)
    {
      wm_caseload_view_clear (self->caseload_view);
      wm_case_page_clear (self->case_page);
    }
  /* An import being previewed shows young people's names. */
  if (self->import_dialog != NULL)
    gtk_window_destroy (self->import_dialog);
}

static void
show_sign_in (WmWindow *self)
{
  /* Made when first shown: a first run, with no database, never needs it. */
  if (self->sign_in_page == NULL)
    {
      self->sign_in_page = WM_SIGN_IN_PAGE (wm_sign_in_page_new (self->context));
      wm_sign_in_page_set_demo_hint (self->sign_in_page, self->demo_hint);
      gtk_stack_add_named (self->stack, GTK_WIDGET (self->sign_in_page), "sign-in");
    }
  show_page (self, "sign-in");
  update_header (self);
  wm_sign_in_page_reset (self->sign_in_page);
}

static void
session_changed_cb (WmWindow *self)
{
  if (at_desk (self))
    {
      enter_desk (self);
      return;
    }
  clear_desk (self);
  if (!wm_context_get_signed_in (self->context))
    self->open_case_id = 0;
  if (wm_context_get_store (self->context) != NULL)
    show_sign_in (self);
}

/* The first-run page made or opened a database: it gets a window and a
 * context of its own, and this window goes. */
static void
database_ready_cb (WmWindow *self,
                   WmStore  *store,
                   gboolean  is_demo)
{
  g_autoptr(GString) hint = NULL;

  if (is_demo)
    {
      hint = g_string_new (_("Demonstration data: made-up young people, deleted when Waymark closes."));
      g_string_append_c (hint, '\n');
      for (guint i = 0; wm_demo_accounts[i].name != NULL; i++)
        {
          /* Translators: one demo account: its name, then its role. */
          g_string_append_printf (hint, _("%s (%s)"), wm_demo_accounts[i].name,
                                  wm_role_get_label (wm_demo_accounts[i].role));
          g_string_append (hint, wm_demo_accounts[i + 1].name != NULL ? ", " : "\n");
        }
      /* Translators: %s is the demo accounts' passphrase. */
      g_string_append_printf (hint, _("Passphrase for each: %s"), WM_DEMO_PASSPHRASE);
    }
  wm_application_show_store (WM_APPLICATION (gtk_window_get_application (GTK_WINDOW (self))), store,
                             hint != NULL ? hint->str : NULL);
}

/* Actions. */

static void
lock_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  wm_context_lock (WM_WINDOW (widget)->context);
}

static void
sign_out_activated (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  wm_context_sign_out (WM_WINDOW (widget)->context);
}

static void
find_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  WmWindow *self = WM_WINDOW (widget);

  adw_leaflet_set_visible_child_name (self->leaflet, "caseload");
  wm_caseload_view_focus_search (self->caseload_view);
}

static void
back_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  adw_leaflet_set_visible_child_name (WM_WINDOW (widget)->leaflet, "caseload");
}

static void
new_person_activated (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  WmWindow *self = WM_WINDOW (widget);

  self->open_case_id = 0;
  wm_case_page_new_person (self->case_page);
  adw_leaflet_set_visible_child_name (self->leaflet, "record");
  update_header (self);
}

/* Importing: choose a CSV file, preview it, accept. */

static void
imported_cb (WmWindow *self,
             guint     count)
{
  g_autofree char *message = NULL;

  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Imported %u young person",
                                          "Imported %u young people", count), count);
  toast (self, message);
  reload_caseload (self);
}

/**
 * wm_window_import_file:
 * @file: a CSV file of young people
 *
 * Opens the import preview for @file: what "Import Young People…" does once
 * a file is chosen.
 */
GtkWindow *
wm_window_import_file (WmWindow *self,
                       GFile    *file)
{
  WmImportDialog *dialog;

  g_return_val_if_fail (WM_IS_WINDOW (self), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  if (self->import_dialog != NULL)
    gtk_window_destroy (self->import_dialog);
  dialog = wm_import_dialog_new (self->context, file, wm_caseload_view_get_cases (self->caseload_view),
                                 self->users);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (self));
  g_signal_connect_object (dialog, "imported", G_CALLBACK (imported_cb), self, G_CONNECT_SWAPPED);
  self->import_dialog = GTK_WINDOW (dialog);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->import_dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  return GTK_WINDOW (dialog);
}

static void
import_file_chosen_cb (GtkNativeDialog *chooser,
                       int              response,
                       WmWindow        *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_object_unref (chooser);
  if (file != NULL && at_desk (self))
    wm_window_import_file (self, file);
}

static void
import_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  WmWindow *self = WM_WINDOW (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Import Young People"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Spreadsheets saved as CSV"));
  gtk_file_filter_add_pattern (filter, "*.csv");
  gtk_file_filter_add_pattern (filter, "*.CSV");
  gtk_file_filter_add_mime_type (filter, "text/csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (import_file_chosen_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Referring the open young person to a partner service. */

static void
referral_sent_cb (WmWindow *self,
                  gint64    record_id)
{
  toast (self, _("The referral was saved and recorded in the case"));
  if (self->open_case_id != 0)
    wm_case_page_show_case (self->case_page, self->open_case_id);
}

/**
 * wm_window_refer:
 *
 * Opens the referral composer for the young person whose record is open.
 * Returns: (transfer none) (nullable): the composer, or %NULL when no
 *   record is open
 */
GtkWindow *
wm_window_refer (WmWindow *self)
{
  WmReferralComposer *composer;

  g_return_val_if_fail (WM_IS_WINDOW (self), NULL);

  if (self->open_case_id == 0 || !at_desk (self))
    return NULL;
  composer = wm_referral_composer_new (self->context, self->open_case_id);
  gtk_window_set_transient_for (GTK_WINDOW (composer), GTK_WINDOW (self));
  g_signal_connect_object (composer, "sent", G_CALLBACK (referral_sent_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (composer));
  return GTK_WINDOW (composer);
}

/**
 * wm_window_show_partners:
 *
 * Returns: (transfer none): the partner directory's window: an
 *   administrator edits it, everyone else reads it
 */
GtkWindow *
wm_window_show_partners (WmWindow *self)
{
  WmPartnerDirectory *directory;

  g_return_val_if_fail (WM_IS_WINDOW (self), NULL);

  directory = wm_partner_directory_new (self->context);
  gtk_window_set_transient_for (GTK_WINDOW (directory), GTK_WINDOW (self));
  gtk_window_present (GTK_WINDOW (directory));
  return GTK_WINDOW (directory);
}

static void
partners_activated (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  wm_window_show_partners (WM_WINDOW (widget));
}

static void
review_queue_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  WmWindow *self = WM_WINDOW (widget);

  if (self->review_queue == NULL)
    return;
  wm_review_queue_reload (self->review_queue);
  adw_leaflet_set_visible_child_name (self->leaflet, "queue");
}

static void
refer_activated (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  wm_window_refer (WM_WINDOW (widget));
}

/* Reassigning: a supervisor picks a caseworker of the team. */

typedef struct
{
  WmWindow    *window;
  gint64       case_id;
  GtkDropDown *drop_down;
  GArray      *caseworker_ids;
} Reassign;

static void
reassign_free (Reassign *reassign)
{
  g_object_unref (reassign->window);
  g_array_unref (reassign->caseworker_ids);
  g_free (reassign);
}

static void
reassigned_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(WmWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!wm_context_reassign_case_finish (WM_CONTEXT (source), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        toast (self, error->message);
      return;
    }
  toast (self, _("Case reassigned"));
  reload_caseload (self);
}

static void
reassign_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      Reassign         *reassign)
{
  guint selected = gtk_drop_down_get_selected (reassign->drop_down);

  if (g_str_equal (response, "reassign") && selected < reassign->caseworker_ids->len)
    wm_context_reassign_case_async (reassign->window->context, reassign->case_id,
                                    g_array_index (reassign->caseworker_ids, gint64, selected),
                                    reassign->window->cancellable, reassigned_cb,
                                    g_object_ref (reassign->window));
  reassign_free (reassign);
}

static void
reassign_activated (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  WmWindow *self = WM_WINDOW (widget);
  gint64 case_id = wm_caseload_view_get_selected_case (self->caseload_view);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  Reassign *reassign;
  GtkWidget *dialog;

  if (case_id == 0)
    case_id = self->open_case_id;
  if (case_id == 0 || self->users == NULL)
    {
      toast (self, _("Select a young person in the caseload first."));
      return;
    }

  reassign = g_new0 (Reassign, 1);
  reassign->window = g_object_ref (self);
  reassign->case_id = case_id;
  reassign->caseworker_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; i < self->users->len; i++)
    {
      WmUser *user = g_ptr_array_index (self->users, i);
      gboolean in_team = FALSE;

      for (guint j = 0; user->supervisor_ids != NULL && j < user->supervisor_ids->len; j++)
        in_team = in_team || g_array_index (user->supervisor_ids, gint64, j) == wm_context_get_user_id (self->context);
      if (user->role != WM_ROLE_CASEWORKER || user->disabled || !in_team)
        continue;
      g_array_append_val (reassign->caseworker_ids, user->id);
      gtk_string_list_append (names, user->name);
    }

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Reassign to Another Caseworker?"),
                                   _("The case’s key is shared with the new caseworker and taken from the "
                                     "old one. The change is recorded in the audit log."));
  reassign->drop_down = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&names)), NULL));
  gtk_accessible_update_property (GTK_ACCESSIBLE (reassign->drop_down),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("New caseworker"), -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), GTK_WIDGET (reassign->drop_down));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "reassign", _("_Reassign"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "reassign",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "reassign",
                                           reassign->caseworker_ids->len > 0);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  wm_accessible_name_mnemonic_buttons (dialog);
  g_signal_connect (dialog, "response", G_CALLBACK (reassign_response_cb), reassign);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Any input counts as activity for the idle lock. */
static gboolean
input_event_cb (WmWindow *self,
                GdkEvent *event)
{
  wm_context_touch (self->context);
  return GDK_EVENT_PROPAGATE;
}

static gboolean
minutes_to_seconds (GValue   *value,
                    GVariant *variant,
                    gpointer  user_data)
{
  g_value_set_uint (value, g_variant_get_uint32 (variant) * 60);
  return TRUE;
}

static GVariant *
seconds_to_minutes (const GValue       *value,
                    const GVariantType *expected_type,
                    gpointer            user_data)
{
  return g_variant_new_uint32 (g_value_get_uint (value) / 60);
}

static void
wm_window_constructed (GObject *object)
{
  WmWindow *self = WM_WINDOW (object);
  GtkEventController *input;

  G_OBJECT_CLASS (wm_window_parent_class)->constructed (object);

  g_assert (G_IS_SETTINGS (self->settings));
  g_assert (WM_IS_CONTEXT (self->context));

  gtk_widget_set_visible (self->demo_label, self->demo_hint != NULL);


  g_signal_connect_object (self->context, "notify::locked", G_CALLBACK (session_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->context, "notify::signed-in", G_CALLBACK (session_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_settings_bind_with_mapping (self->settings, "idle-lock-minutes",
                                self->context, "idle-lock-seconds",
                                G_SETTINGS_BIND_GET,
                                minutes_to_seconds, seconds_to_minutes, NULL, NULL);

  input = gtk_event_controller_legacy_new ();
  gtk_event_controller_set_propagation_phase (input, GTK_PHASE_CAPTURE);
  g_signal_connect_swapped (input, "event", G_CALLBACK (input_event_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), input);

  if (wm_context_get_store (self->context) != NULL)
    {
      show_sign_in (self);
    }
  else if (self->open_error != NULL)
    {
      adw_status_page_set_description (self->error_page, self->open_error->message);
      show_page (self, "error");
    }
  else
    {
      /* Made only when there is no database: most launches open one. */
      GtkWidget *welcome = wm_welcome_page_new ();

      g_signal_connect_object (welcome, "database-ready", G_CALLBACK (database_ready_cb), self,
                               G_CONNECT_SWAPPED);
      adw_bin_set_child (self->welcome_bin, welcome);
      show_page (self, "welcome");
    }
  update_header (self);

  /* GtkWindow keeps default-width and default-height at the size the user
   * last gave the window while it was neither maximised nor fullscreen, so
   * binding both ways restores the size and the state separately. */
  g_settings_bind (self->settings, "window-width",
                   self, "default-width",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-height",
                   self, "default-height",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-maximized",
                   self, "maximized",
                   G_SETTINGS_BIND_DEFAULT);
}

static void
wm_window_dispose (GObject *object)
{
  WmWindow *self = WM_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  if (self->import_dialog != NULL)
    gtk_window_destroy (self->import_dialog);
  gtk_widget_dispose_template (GTK_WIDGET (self), WM_TYPE_WINDOW);
  g_clear_object (&self->settings);
  g_clear_object (&self->context);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->users, g_ptr_array_unref);
  g_clear_error (&self->open_error);
  g_clear_pointer (&self->demo_hint, g_free);

  G_OBJECT_CLASS (wm_window_parent_class)->dispose (object);
}

static void
wm_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  WmWindow *self = WM_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    case PROP_OPEN_ERROR:
      g_value_set_boxed (value, self->open_error);
      break;
    case PROP_DEMO_HINT:
      g_value_set_string (value, self->demo_hint);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wm_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  WmWindow *self = WM_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;
    case PROP_OPEN_ERROR:
      self->open_error = g_value_dup_boxed (value);
      break;
    case PROP_DEMO_HINT:
      self->demo_hint = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wm_window_class_init (WmWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = wm_window_constructed;
  object_class->dispose = wm_window_dispose;
  object_class->get_property = wm_window_get_property;
  object_class->set_property = wm_window_set_property;

  /**
   * WmWindow:settings:
   *
   * The org.waymark.Waymark settings: the window's size and state, and the
   * idle lock.
   */
  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL,
                         G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * WmWindow:context:
   *
   * The database, the session and the store thread the window works with.
   */
  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL,
                         WM_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * WmWindow:open-error:
   *
   * Why the organisation's database could not be opened, or %NULL.
   */
  properties[PROP_OPEN_ERROR] =
    g_param_spec_boxed ("open-error", NULL, NULL,
                        G_TYPE_ERROR,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * WmWindow:demo-hint:
   *
   * For a demonstration database, the accounts and passphrase to sign in
   * with, shown on the sign-in page; the header bar is then marked DEMO.
   */
  properties[PROP_DEMO_HINT] =
    g_param_spec_string ("demo-hint", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/waymark/Waymark/wm-window.ui");
  gtk_widget_class_bind_template_child (widget_class, WmWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, WmWindow, demo_label);
  gtk_widget_class_bind_template_child (widget_class, WmWindow, back_button);
  gtk_widget_class_bind_template_child (widget_class, WmWindow, new_person_button);
  gtk_widget_class_bind_template_child (widget_class, WmWindow, lock_button);
  gtk_widget_class_bind_template_child (widget_class, WmWindow, reassign_button);
  gtk_widget_class_bind_template_child (widget_class, WmWindow, refer_button);
  gtk_widget_class_bind_template_child (widget_class, WmWindow, queue_button);
  gtk_widget_class_bind_template_child (widget_class, WmWindow, queue_bin);
  gtk_widget_class_bind_template_child (widget_class, WmWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, WmWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, WmWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, WmWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, WmWindow, caseload_bin);
  gtk_widget_class_bind_template_child (widget_class, WmWindow, record_bin);
  gtk_widget_class_bind_template_callback (widget_class, leaflet_changed_cb);
  /* Named, not stored: the window's code does not touch them, but
   * gtk_widget_get_template_child() finds them for the widget tests. */
  gtk_widget_class_bind_template_child (widget_class, WmWindow, welcome_bin);
  gtk_widget_class_bind_template_child_full (widget_class, "primary_menu_button", FALSE, 0);

  gtk_widget_class_install_action (widget_class, "win.lock", NULL, lock_activated);
  gtk_widget_class_install_action (widget_class, "win.sign-out", NULL, sign_out_activated);
  gtk_widget_class_install_action (widget_class, "win.find", NULL, find_activated);
  gtk_widget_class_install_action (widget_class, "win.back", NULL, back_activated);
  gtk_widget_class_install_action (widget_class, "win.new-person", NULL, new_person_activated);
  gtk_widget_class_install_action (widget_class, "win.reassign", NULL, reassign_activated);
  gtk_widget_class_install_action (widget_class, "win.import", NULL, import_activated);
  gtk_widget_class_install_action (widget_class, "win.refer", NULL, refer_activated);
  gtk_widget_class_install_action (widget_class, "win.partners", NULL, partners_activated);
  gtk_widget_class_install_action (widget_class, "win.review-queue", NULL, review_queue_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_l, GDK_CONTROL_MASK, "win.lock", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.find", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "win.new-person", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "win.back", NULL);
}

static void
wm_window_init (WmWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
}

/**
 * wm_window_new:
 * @application: the application the window belongs to
 * @settings: the org.waymark.Waymark settings that keep its size and state
 * @context: the database and session the window works with
 * @open_error: (nullable): why the database could not be opened
 * @demo_hint: (nullable): for demonstration data, how to sign in
 *
 * Returns: (transfer none): a new main window, owned by @application
 */
WmWindow *
wm_window_new (WmApplication *application,
               GSettings     *settings,
               WmContext     *context,
               const GError  *open_error,
               const char    *demo_hint)
{
  g_return_val_if_fail (WM_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);
  g_return_val_if_fail (WM_IS_CONTEXT (context), NULL);

  return g_object_new (WM_TYPE_WINDOW,
                       "application", application,
                       "settings", settings,
                       "context", context,
                       "open-error", open_error,
                       "demo-hint", demo_hint,
                       NULL);
}

/**
 * wm_window_get_settings:
 *
 * Returns: (transfer none): the settings the window was constructed with
 */
GSettings *
wm_window_get_settings (WmWindow *self)
{
  g_return_val_if_fail (WM_IS_WINDOW (self), NULL);

  return self->settings;
}

/**
 * wm_window_get_context:
 *
 * Returns: (transfer none): the context the window was constructed with
 */
WmContext *
wm_window_get_context (WmWindow *self)
{
  g_return_val_if_fail (WM_IS_WINDOW (self), NULL);

  return self->context;
}

/**
 * wm_window_get_caseload_view:
 *
 * Returns: (transfer none): the caseload, made now if no one has signed in
 *   yet. For tests and the screenshot tour.
 */
GtkWidget *
wm_window_get_caseload_view (WmWindow *self)
{
  g_return_val_if_fail (WM_IS_WINDOW (self), NULL);

  ensure_desk (self);
  return GTK_WIDGET (self->caseload_view);
}
