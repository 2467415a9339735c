/* wm-referral-composer.c — a referral to a partner service: what to share, why it is lawful, the pages
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The caseworker chooses the partner from the signed directory, the reason,
 * the urgency and the action asked for; ticks each section to share (only
 * the basic details are ticked to begin with: sharing is chosen, not
 * assumed); and records the lawful basis as a data-protection officer
 * checks it: the UK GDPR Article 6 basis, consent offered last; the DPA
 * 2018 Schedule 1 condition for special-category and criminal-offence
 * data; whether the young person and family were told and agreed (who,
 * when, competence) or why they were not told; and the written reason.
 *
 * The preview draws the pages with wm_referral_pages_draw_page(), the
 * function the PDF and the printer use, so what the caseworker sees is
 * what the partner gets. Building the document reads the case, so it runs
 * on the context's store thread (wm_context_call_async()), and so do
 * saving and recording a print: app/core/wm-referral-export.c is the one
 * door, which refuses a referral without a lawful basis, to a partner not
 * in the directory, or of a case the user cannot read, writing nothing,
 * and records each referral in the case and the audit log.
 */

#define G_LOG_DOMAIN "wm-referral-composer"

#include "config.h"

#include <glib/gi18n.h>

#include "wm-accessible.h"
#include "wm-casework.h"
#include "wm-partners.h"
#include "wm-person.h"
#include "wm-referral-composer.h"
#include "wm-referral-pages.h"
#include "wm-referral-pdf.h"
#include "wm-secret.h"
#include "wm-secret-buffer.h"

/* The choices of the "told" drop-down after "Not recorded". */
static const char * const informed_ids[] = { "agreed", "did-not-agree", "not-told" };
static const char * const competence_ids[] = {
  "not-assessed", "gillick-competent", "not-gillick-competent", "has-capacity", "lacks-capacity",
};
static const WmLawfulBasis bases[] = {
  WM_LAWFUL_BASIS_PUBLIC_TASK, WM_LAWFUL_BASIS_LEGAL_OBLIGATION, WM_LAWFUL_BASIS_VITAL_INTERESTS,
  WM_LAWFUL_BASIS_LEGITIMATE_INTERESTS, WM_LAWFUL_BASIS_CONSENT,
};
static const WmSchedule1Condition conditions[] = {
  WM_SCHEDULE1_NONE, WM_SCHEDULE1_SAFEGUARDING, WM_SCHEDULE1_PREVENTING_CRIME,
  WM_SCHEDULE1_STATUTORY_PURPOSES, WM_SCHEDULE1_HEALTH_SOCIAL_CARE,
};
static const WmReferralUrgency urgencies[] = {
  WM_REFERRAL_URGENCY_ROUTINE, WM_REFERRAL_URGENCY_SOON, WM_REFERRAL_URGENCY_URGENT,
};

struct _WmReferralComposer
{
  AdwWindow          parent_instance;

  WmContext         *context;
  gint64             case_id;
  GCancellable      *cancellable;
  GArray            *partner_ids;
  WmReferralSummary *summary;
  WmReferralPages   *pages;
  guint              page;
  gboolean           busy;

  GtkBox            *form_box;
  GtkLabel          *message_label;
  GtkLabel          *page_label;
  GtkDrawingArea    *preview_area;
  AdwToastOverlay   *toast_overlay;

  AdwComboRow       *partner_row;
  AdwComboRow       *urgency_row;
  AdwEntryRow       *action_row;
  GtkTextView       *reason_view;
  GtkSwitch         *sections[WM_REFERRAL_N_SECTIONS];
  AdwComboRow       *basis_row;
  AdwComboRow       *condition_row;
  GtkTextView       *basis_reason_view;
  AdwComboRow       *informed_row;
  AdwEntryRow       *who_row;
  AdwEntryRow       *when_row;
  AdwComboRow       *competence_row;
  AdwEntryRow       *not_told_row;
  GtkWidget         *password_entry;
  GtkWidget         *password_repeat;
};

G_DEFINE_FINAL_TYPE (WmReferralComposer, wm_referral_composer, ADW_TYPE_WINDOW)

enum {
  SENT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The form. */

static AdwPreferencesGroup *
add_group (WmReferralComposer *self,
           const char         *title,
           const char         *description)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  if (description != NULL)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  gtk_box_append (self->form_box, group);
  return ADW_PREFERENCES_GROUP (group);
}

static AdwComboRow *
add_combo (AdwPreferencesGroup *group,
           const char          *title,
           GPtrArray           *labels)
{
  GtkWidget *row = adw_combo_row_new ();
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);

  for (guint i = 0; labels != NULL && i < labels->len; i++)
    gtk_string_list_append (model, g_ptr_array_index (labels, i));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (model));
  adw_preferences_group_add (group, row);
  return ADW_COMBO_ROW (row);
}

static AdwEntryRow *
add_entry (AdwPreferencesGroup *group,
           const char          *title)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_group_add (group, row);
  return ADW_ENTRY_ROW (row);
}

/* @widget under its mnemonic label, which names it (an accessible label
 * as well would be read twice by GTK 4.8). */
static void
add_labelled (AdwPreferencesGroup *group,
              const char          *mnemonic_title,
              GtkWidget           *widget,
              int                  margin_top)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *label = gtk_label_new_with_mnemonic (mnemonic_title);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), widget);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), widget);
  gtk_widget_set_margin_top (box, margin_top);
  adw_preferences_group_add (group, box);
}

static GtkTextView *
add_text (AdwPreferencesGroup *group,
          const char          *mnemonic_title)
{
  GtkWidget *view = gtk_text_view_new ();

  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (view), FALSE);
  gtk_widget_set_size_request (view, -1, 72);
  gtk_widget_add_css_class (view, "card");
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 8);
  gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_MULTI_LINE, TRUE, -1);
  add_labelled (group, mnemonic_title, view, 12);
  return GTK_TEXT_VIEW (view);
}

static GtkWidget *
add_password (AdwPreferencesGroup *group,
              const char          *mnemonic_title)
{
  GtkWidget *entry = gtk_password_entry_new ();

  gtk_password_entry_set_show_peek_icon (GTK_PASSWORD_ENTRY (entry), TRUE);
  wm_secret_buffer_install (GTK_PASSWORD_ENTRY (entry));
  add_labelled (group, mnemonic_title, entry, 6);
  return entry;
}

static void
build_form (WmReferralComposer *self)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  AdwPreferencesGroup *group;

  group = add_group (self, _("Partner and Request"), NULL);
  self->partner_row = add_combo (group, _("Partner service"), NULL);
  adw_combo_row_set_use_subtitle (self->partner_row, TRUE);
  /* Partner names ("Telford & Wrekin …") are text, not markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->partner_row), FALSE);
  for (guint i = 0; i < G_N_ELEMENTS (urgencies); i++)
    g_ptr_array_add (labels, (gpointer) wm_referral_urgency_label (urgencies[i]));
  self->urgency_row = add_combo (group, _("Urgency"), labels);
  self->action_row = add_entry (group, _("What the partner is asked to do"));
  self->reason_view = add_text (group, _("_Reason for the referral"));

  group = add_group (self, _("What to Share"),
                     _("Share only what the partner needs. The basic details are always the young "
                       "person’s name, age and area; tick anything more."));
  for (guint i = 0; i < WM_REFERRAL_N_SECTIONS; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *toggle = gtk_switch_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), wm_referral_section_title (i));
      gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
      gtk_switch_set_active (GTK_SWITCH (toggle), i == WM_REFERRAL_SECTION_BASIC_DETAILS);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), toggle);
      adw_preferences_group_add (group, row);
      self->sections[i] = GTK_SWITCH (toggle);
    }

  group = add_group (self, _("Lawful Basis"),
                     _("Record why sharing is lawful, as a data-protection officer checks it. For "
                       "sharing to keep a child safe, consent is usually not the right basis and is "
                       "not needed to share; it is listed last."));
  g_ptr_array_set_size (labels, 0);
  g_ptr_array_add (labels, _("Not chosen"));
  for (guint i = 0; i < G_N_ELEMENTS (bases); i++)
    g_ptr_array_add (labels, (gpointer) wm_lawful_basis_label (bases[i]));
  self->basis_row = add_combo (group, _("UK GDPR Article 6 basis"), labels);
  g_ptr_array_set_size (labels, 0);
  for (guint i = 0; i < G_N_ELEMENTS (conditions); i++)
    g_ptr_array_add (labels, (gpointer) wm_schedule1_condition_label (conditions[i]));
  self->condition_row = add_combo (group, _("DPA 2018 Schedule 1 condition"), labels);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->condition_row),
                               _("Needed to share health, ethnicity, risk or offending"));
  self->basis_reason_view = add_text (group, _("_Why sharing is necessary and proportionate"));

  group = add_group (self, _("Telling the Young Person and Family"), NULL);
  g_ptr_array_set_size (labels, 0);
  g_ptr_array_add (labels, _("Not recorded"));
  g_ptr_array_add (labels, _("Told, and agreed"));
  g_ptr_array_add (labels, _("Told, and did not agree"));
  g_ptr_array_add (labels, _("Not told"));
  self->informed_row = add_combo (group, _("Were they told?"), labels);
  self->who_row = add_entry (group, _("Who was told"));
  self->when_row = add_entry (group, _("When (YYYY-MM-DD)"));
  g_ptr_array_set_size (labels, 0);
  for (guint i = 0; i < G_N_ELEMENTS (competence_ids); i++)
    g_ptr_array_add (labels, (gpointer) wm_competence_label (i));
  self->competence_row = add_combo (group, _("Competence (Gillick under 16, Mental Capacity Act from 16)"),
                                    labels);
  self->not_told_row = add_entry (group, _("Why they were not told"));

  group = add_group (self, _("Protect the PDF"),
                     _("Optional. The password is not kept anywhere: send it to the partner another "
                       "way, by telephone for instance."));
  self->password_entry = add_password (group, _("P_assword"));
  self->password_repeat = add_password (group, _("Re_peat the password"));
}

static char *
dup_text_view (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));
  return *text != '\0' ? g_steal_pointer (&text) : NULL;
}

static char *
dup_entry (AdwEntryRow *row)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));

  return *text != '\0' ? g_steal_pointer (&text) : NULL;
}

/**
 * wm_referral_composer_dup_request:
 *
 * Returns: (transfer full): what the form says, as the export takes it
 */
WmReferralRequest *
wm_referral_composer_dup_request (WmReferralComposer *self)
{
  WmReferralRequest *request = wm_referral_request_new ();
  g_autoptr(GStrvBuilder) sections = g_strv_builder_new ();
  guint partner = adw_combo_row_get_selected (self->partner_row);
  guint basis = adw_combo_row_get_selected (self->basis_row);
  guint informed = adw_combo_row_get_selected (self->informed_row);
  guint competence = adw_combo_row_get_selected (self->competence_row);

  g_return_val_if_fail (WM_IS_REFERRAL_COMPOSER (self), NULL);

  request->partner_id = partner < self->partner_ids->len ? g_array_index (self->partner_ids, gint64, partner) : 0;
  request->reason = dup_text_view (self->reason_view);
  request->urgency = g_strdup (wm_referral_urgency_to_string (urgencies[MIN (adw_combo_row_get_selected (self->urgency_row),
                                                                             G_N_ELEMENTS (urgencies) - 1)]));
  request->requested_action = dup_entry (self->action_row);
  for (guint i = 0; i < WM_REFERRAL_N_SECTIONS; i++)
    if (gtk_switch_get_active (self->sections[i]))
      g_strv_builder_add (sections, wm_referral_section_to_string (i));
  request->sections = g_strv_builder_end (sections);
  if (basis > 0 && basis <= G_N_ELEMENTS (bases))
    request->basis = g_strdup (wm_lawful_basis_to_string (bases[basis - 1]));
  request->condition = g_strdup (wm_schedule1_condition_to_string (
    conditions[MIN (adw_combo_row_get_selected (self->condition_row), G_N_ELEMENTS (conditions) - 1)]));
  if (informed > 0 && informed <= G_N_ELEMENTS (informed_ids))
    request->informed = g_strdup (informed_ids[informed - 1]);
  request->informed_who = dup_entry (self->who_row);
  request->informed_when = dup_entry (self->when_row);
  if (competence < G_N_ELEMENTS (competence_ids))
    request->competence = g_strdup (competence_ids[competence]);
  request->not_told_reason = dup_entry (self->not_told_row);
  request->basis_reason = dup_text_view (self->basis_reason_view);
  return request;
}

static void
show_message (WmReferralComposer *self,
              const char         *message)
{
  gtk_label_set_label (self->message_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL);
}

static void
set_busy (WmReferralComposer *self,
          gboolean            busy)
{
  self->busy = busy;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "composer.save", !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "composer.print", !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "composer.preview", !busy);
}

/* The preview. */

static void
update_page_label (WmReferralComposer *self)
{
  guint n_pages = self->pages != NULL ? wm_referral_pages_get_n_pages (self->pages) : 0;
  g_autofree char *text = NULL;

  if (n_pages > 0)
    /* Translators: the preview's page, as "Page 2 of 5". */
    text = g_strdup_printf (_("Page %u of %u"), self->page + 1, n_pages);
  gtk_label_set_label (self->page_label, text != NULL ? text : _("No preview yet"));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "composer.previous-page", self->page > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "composer.next-page", self->page + 1 < n_pages);
}

static void
draw_preview (GtkDrawingArea *area,
              cairo_t        *cr,
              int             width,
              int             height,
              gpointer        user_data)
{
  WmReferralComposer *self = user_data;
  double scale = width / WM_REPORT_PAGE_WIDTH;

  /* Paper is white in the dark style too: this is the page as printed. */
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  if (self->pages == NULL)
    return;
  cairo_scale (cr, scale, scale);
  wm_referral_pages_draw_page (self->pages, cr, self->page);
}

static void
set_summary (WmReferralComposer *self,
             WmReferralSummary  *summary)
{
  g_clear_object (&self->pages);
  g_set_object (&self->summary, summary);
  if (summary != NULL)
    self->pages = wm_referral_pages_new (summary);
  self->page = 0;
  update_page_label (self);
  gtk_widget_queue_draw (GTK_WIDGET (self->preview_area));
}

/* Store work, on the context's store thread. */

typedef struct
{
  gint64             case_id;
  WmReferralRequest *request;
  char              *path;
  WmSecret          *password;
} Call;

static void
call_free (Call *call)
{
  wm_referral_request_free (call->request);
  g_free (call->path);
  g_clear_pointer (&call->password, wm_secret_free);
  g_free (call);
}

static Call *
new_call (WmReferralComposer *self)
{
  Call *call = g_new0 (Call, 1);

  call->case_id = self->case_id;
  call->request = wm_referral_composer_dup_request (self);
  return call;
}

static gpointer
build_in_store (WmSession    *session,
                const GDate  *today,
                gpointer      data,
                GError      **error)
{
  Call *call = data;

  return wm_referral_build (session, call->case_id, call->request, today, error);
}

static gpointer
export_in_store (WmSession    *session,
                 const GDate  *today,
                 gpointer      data,
                 GError      **error)
{
  Call *call = data;
  gint64 record_id = wm_referral_export (session, call->case_id, call->request, call->path,
                                         call->password != NULL ? (const char *) wm_secret_get_data (call->password)
                                                                : NULL,
                                         today, error);

  return record_id > 0 ? g_memdup2 (&record_id, sizeof record_id) : NULL;
}

static gpointer
record_print_in_store (WmSession    *session,
                       const GDate  *today,
                       gpointer      data,
                       GError      **error)
{
  Call *call = data;

  return wm_referral_record_print (session, call->case_id, call->request, today, error)
         ? g_strdup ("printed") : NULL;
}

static gpointer
list_partners_in_store (WmSession    *session,
                        const GDate  *today,
                        gpointer      data,
                        GError      **error)
{
  return wm_session_list_partners (session, error);
}

/* Shows why the store refused; a lock drops the work silently. */
static gboolean
report_error (WmReferralComposer *self,
              GError             *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->context == NULL)
    return FALSE;
  set_busy (self, FALSE);
  show_message (self, error->message);
  return TRUE;
}

static void
partners_listed_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(WmReferralComposer) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) partners = wm_context_call_finish (WM_CONTEXT (source), result, &error);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

  if (partners == NULL)
    {
      report_error (self, error);
      return;
    }
  g_array_set_size (self->partner_ids, 0);
  for (guint i = 0; i < partners->len; i++)
    {
      WmPartner *partner = g_ptr_array_index (partners, i);
      g_autofree char *label = NULL;

      /* Translators: a partner service in the directory: its name, then its area. */
      /* An area the list does not know shows as its id. */
      label = g_strdup_printf (_("%s — %s"), partner->name, wm_term_get_label (wm_local_authorities, partner->area));
      gtk_string_list_append (names, label);
      g_array_append_val (self->partner_ids, partner->id);
    }
  adw_combo_row_set_model (self->partner_row, G_LIST_MODEL (names));
}

/* The document built on the store thread, shown; %FALSE, with the reason
 * shown instead, when it could not be built. */
static gboolean
take_summary (WmReferralComposer *self,
              GObject            *source,
              GAsyncResult       *result)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WmReferralSummary) summary = wm_context_call_finish (WM_CONTEXT (source), result, &error);

  if (summary == NULL)
    {
      report_error (self, error);
      return FALSE;
    }
  set_busy (self, FALSE);
  show_message (self, NULL);
  set_summary (self, summary);
  return TRUE;
}

static void
built_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(WmReferralComposer) self = user_data;

  take_summary (self, source, result);
}

static void
preview_activated (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  WmReferralComposer *self = WM_REFERRAL_COMPOSER (widget);

  set_busy (self, TRUE);
  wm_context_call_async (self->context, build_in_store, new_call (self), (GDestroyNotify) call_free,
                         g_object_unref, self->cancellable, built_cb, g_object_ref (self));
}

static void
page_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  WmReferralComposer *self = WM_REFERRAL_COMPOSER (widget);
  guint n_pages = self->pages != NULL ? wm_referral_pages_get_n_pages (self->pages) : 0;

  if (g_str_equal (action_name, "composer.next-page") && self->page + 1 < n_pages)
    self->page++;
  else if (g_str_equal (action_name, "composer.previous-page") && self->page > 0)
    self->page--;
  update_page_label (self);
  gtk_widget_queue_draw (GTK_WIDGET (self->preview_area));
}

/* Saving. */

static void
exported_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(WmReferralComposer) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree gint64 *record_id = wm_context_call_finish (WM_CONTEXT (source), result, &error);

  if (record_id == NULL)
    {
      report_error (self, error);
      return;
    }
  set_busy (self, FALSE);
  g_signal_emit (self, signals[SENT], 0, *record_id);
  gtk_window_destroy (GTK_WINDOW (self));
}

/* The two password fields must match; the password goes to the store
 * thread in locked memory and the fields are emptied. */
static gboolean
take_password (WmReferralComposer  *self,
               WmSecret           **out_password)
{
  const char *password = wm_secret_buffer_peek (GTK_PASSWORD_ENTRY (self->password_entry));
  const char *repeat = wm_secret_buffer_peek (GTK_PASSWORD_ENTRY (self->password_repeat));

  *out_password = NULL;
  if (g_strcmp0 (password, repeat) != 0)
    {
      show_message (self, _("The two passwords differ. Type the same password twice, or leave both empty."));
      return FALSE;
    }
  if (*password != '\0')
    *out_password = wm_secret_new_from_string (password);
  return TRUE;
}

/**
 * wm_referral_composer_save_to:
 * @file: where the PDF goes
 *
 * Writes the referral as the form says to @file, and records it in the
 * case and the audit log; emits "sent" and closes when done, or shows why
 * not. What Save PDF… does once the file is chosen.
 */
void
wm_referral_composer_save_to (WmReferralComposer *self,
                              GFile              *file)
{
  Call *call;

  g_return_if_fail (WM_IS_REFERRAL_COMPOSER (self));
  g_return_if_fail (G_IS_FILE (file));

  call = new_call (self);
  if (!take_password (self, &call->password))
    {
      call_free (call);
      return;
    }
  call->path = g_file_get_path (file);
  gtk_editable_set_text (GTK_EDITABLE (self->password_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->password_repeat), "");
  set_busy (self, TRUE);
  wm_context_call_async (self->context, export_in_store, call, (GDestroyNotify) call_free, g_free,
                         self->cancellable, exported_cb, g_object_ref (self));
}

static void
save_chosen_cb (GtkNativeDialog    *chooser,
                int                 response,
                WmReferralComposer *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_object_unref (chooser);
  if (file != NULL && self->context != NULL)
    wm_referral_composer_save_to (self, file);
  g_object_unref (self);
}

static void
save_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  WmReferralComposer *self = WM_REFERRAL_COMPOSER (widget);
  GtkFileChooserNative *chooser;
  g_autofree char *name = NULL;

  chooser = gtk_file_chooser_native_new (_("Save the Referral"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  /* Named after the case's reference and the date, never the young person. */
  if (self->summary != NULL)
    name = wm_referral_pdf_default_filename (self->summary);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name != NULL ? name : "referral.pdf");
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (save_chosen_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Printing: the same pages through GtkPrintOperation. */

static void
begin_print_cb (GtkPrintOperation  *operation,
                GtkPrintContext    *context,
                WmReferralComposer *self)
{
  gtk_print_operation_set_n_pages (operation, wm_referral_pages_get_n_pages (self->pages));
}

static void
draw_page_cb (GtkPrintOperation  *operation,
              GtkPrintContext    *context,
              int                 page_nr,
              WmReferralComposer *self)
{
  wm_referral_pages_draw_page (self->pages, gtk_print_context_get_cairo_context (context), page_nr);
}

static void
printed_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(WmReferralComposer) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *done = wm_context_call_finish (WM_CONTEXT (source), result, &error);

  if (done == NULL)
    {
      report_error (self, error);
      return;
    }
  set_busy (self, FALSE);
  adw_toast_overlay_add_toast (self->toast_overlay,
                               adw_toast_new (_("Sent to the printer, and recorded in the case")));
}

/* Prints the built pages with @action (to @export_path for an export);
 * when the printer (or the file) took them, the print is recorded. */
static GtkPrintOperationResult
print_pages (WmReferralComposer      *self,
             GtkPrintOperationAction  action,
             const char              *export_path,
             GError                 **error)
{
  g_autoptr(GtkPrintOperation) operation = gtk_print_operation_new ();
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) a4 = gtk_paper_size_new (GTK_PAPER_NAME_A4);
  GtkPrintOperationResult result;

  gtk_page_setup_set_paper_size_and_default_margins (setup, a4);
  gtk_print_operation_set_default_page_setup (operation, setup);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_use_full_page (operation, TRUE);
  gtk_print_operation_set_job_name (operation, wm_referral_summary_get_reference (self->summary));
  if (export_path != NULL)
    gtk_print_operation_set_export_filename (operation, export_path);
  g_signal_connect (operation, "begin-print", G_CALLBACK (begin_print_cb), self);
  g_signal_connect (operation, "draw-page", G_CALLBACK (draw_page_cb), self);
  result = gtk_print_operation_run (operation, action, GTK_WINDOW (self), error);
  if (result == GTK_PRINT_OPERATION_RESULT_APPLY)
    {
      set_busy (self, TRUE);
      wm_context_call_async (self->context, record_print_in_store, new_call (self), (GDestroyNotify) call_free,
                             g_free, self->cancellable, printed_cb, g_object_ref (self));
    }
  return result;
}

/**
 * wm_referral_composer_print_to_file:
 * @path: a PDF file
 *
 * Prints the previewed pages through GtkPrintOperation's export to @path,
 * as Print… would to a printer, and records the print. For tests.
 */
gboolean
wm_referral_composer_print_to_file (WmReferralComposer  *self,
                                    const char          *path,
                                    GError             **error)
{
  g_return_val_if_fail (WM_IS_REFERRAL_COMPOSER (self), FALSE);

  if (self->pages == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Update the preview first."));
      return FALSE;
    }
  return print_pages (self, GTK_PRINT_OPERATION_ACTION_EXPORT, path, error) == GTK_PRINT_OPERATION_RESULT_APPLY;
}

static void
print_built_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(WmReferralComposer) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!take_summary (self, source, result))
    return;
  if (print_pages (self, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, NULL, &error) == GTK_PRINT_OPERATION_RESULT_ERROR)
    show_message (self, error->message);
}

/* Printing prints what the form says now: the document is built again,
 * with the same checks as a saved PDF, before the print dialog opens. */
static void
print_activated (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  WmReferralComposer *self = WM_REFERRAL_COMPOSER (widget);

  set_busy (self, TRUE);
  wm_context_call_async (self->context, build_in_store, new_call (self), (GDestroyNotify) call_free,
                         g_object_unref, self->cancellable, print_built_cb, g_object_ref (self));
}

guint
wm_referral_composer_get_n_pages (WmReferralComposer *self)
{
  g_return_val_if_fail (WM_IS_REFERRAL_COMPOSER (self), 0);
  return self->pages != NULL ? wm_referral_pages_get_n_pages (self->pages) : 0;
}

static void
locked_cb (WmReferralComposer *self)
{
  /* A referral shows a young person's details: it goes with the lock. */
  if (wm_context_get_locked (self->context) || !wm_context_get_signed_in (self->context))
    gtk_window_destroy (GTK_WINDOW (self));
}

static void
wm_referral_composer_dispose (GObject *object)
{
  WmReferralComposer *self = WM_REFERRAL_COMPOSER (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), WM_TYPE_REFERRAL_COMPOSER);
  g_clear_object (&self->pages);
  g_clear_object (&self->summary);
  g_clear_object (&self->context);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (wm_referral_composer_parent_class)->dispose (object);
}

static void
wm_referral_composer_finalize (GObject *object)
{
  WmReferralComposer *self = WM_REFERRAL_COMPOSER (object);

  g_array_unref (self->partner_ids);

  G_OBJECT_CLASS (wm_referral_composer_parent_class)->finalize (object);
}

static void
wm_referral_composer_class_init (WmReferralComposerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wm_referral_composer_dispose;
  object_class->finalize = wm_referral_composer_finalize;

  /**
   * WmReferralComposer::sent:
   * @record_id: the referral record written in the case
   */
  signals[SENT] =
    g_signal_new ("sent", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/waymark/Waymark/wm-referral-composer.ui");
  gtk_widget_class_bind_template_child (widget_class, WmReferralComposer, form_box);
  gtk_widget_class_bind_template_child (widget_class, WmReferralComposer, message_label);
  gtk_widget_class_bind_template_child (widget_class, WmReferralComposer, page_label);
  gtk_widget_class_bind_template_child (widget_class, WmReferralComposer, preview_area);
  gtk_widget_class_bind_template_child (widget_class, WmReferralComposer, toast_overlay);
  gtk_widget_class_install_action (widget_class, "composer.preview", NULL, preview_activated);
  gtk_widget_class_install_action (widget_class, "composer.save", NULL, save_activated);
  gtk_widget_class_install_action (widget_class, "composer.print", NULL, print_activated);
  gtk_widget_class_install_action (widget_class, "composer.next-page", NULL, page_activated);
  gtk_widget_class_install_action (widget_class, "composer.previous-page", NULL, page_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "composer.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "composer.print", NULL);
}

static void
wm_referral_composer_init (WmReferralComposer *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  self->partner_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  build_form (self);
  wm_accessible_name_mnemonic_buttons (GTK_WIDGET (self));
  gtk_drawing_area_set_draw_func (self->preview_area, draw_preview, self, NULL);
  update_page_label (self);
}

/**
 * wm_referral_composer_new:
 * @case_id: the young person's case
 *
 * Returns: (transfer none): a composer for a referral from @case_id; it
 *   lists the directory's partners at once
 */
WmReferralComposer *
wm_referral_composer_new (WmContext *context,
                          gint64     case_id)
{
  WmReferralComposer *self;

  g_return_val_if_fail (WM_IS_CONTEXT (context), NULL);

  self = g_object_new (WM_TYPE_REFERRAL_COMPOSER, NULL);
  self->context = g_object_ref (context);
  self->case_id = case_id;
  g_signal_connect_object (context, "notify::locked", G_CALLBACK (locked_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (context, "notify::signed-in", G_CALLBACK (locked_cb), self, G_CONNECT_SWAPPED);
  wm_context_call_async (context, list_partners_in_store, NULL, NULL, (GDestroyNotify) g_ptr_array_unref,
                         self->cancellable, partners_listed_cb, g_object_ref (self));
  return self;
}
