/* wm-assessment-flow.c — the guided assessment: one section a page, drafts as you go, the summary, submission
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Everything the caseworker is asked comes from the instrument definition
 * (data/instruments/): one page a section, then a summary with the domain
 * scores and their bands, the judgements with what the score suggests,
 * the rationale a departing judgement needs, and the next review date.
 * The answers live in one table, item id to value; the widgets of a page
 * are built when it is first shown and set from that table, so going back
 * and forth shows what was answered. An item is shown only while its
 * condition holds (wm_instrument_item_is_shown()), re-checked on every
 * answer.
 *
 * Drafts. Every change schedules a save a moment later (a burst of
 * clicks makes one version, not ten) and changing page saves at once;
 * each save is a new version of one assessment record written through the
 * context (and so through the casebook's checks), encrypted like every
 * record: nothing is ever written to a plaintext file. A lock empties the
 * flow, as it empties the record page: the window that held it closes, and
 * the draft is resumed from the record page after unlocking. What was
 * typed in the last fraction of a second before a lock is the most that
 * can be lost.
 *
 * Submission writes the assessment with the state "submitted" and freezes
 * it (wm_context_submit_assessment_async()); it is then read only, as is
 * an approved one, which can only be amended: a new record that points at
 * it. A returned one shows the supervisor's comments and is edited as a
 * draft again.
 */

#define G_LOG_DOMAIN "wm-assessment-flow"

#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>

#include "wm-accessible.h"
#include "wm-assessment.h"
#include "wm-assessment-flow.h"
#include "wm-date.h"
#include "wm-instrument-registry.h"
#include "wm-instrument-score.h"
#include "wm-payload.h"
#include "wm-person.h"
#include "wm-term.h"

/* Long enough to gather a burst of clicks or typing into one version. */
#define SAVE_DELAY_MS 400

#define NONE_OF_THESE "none-of-these"

typedef struct _ItemView ItemView;

struct _WmAssessmentFlow
{
  AdwBin               parent_instance;

  WmContext           *context;
  GCancellable        *cancellable;
  WmInstrument        *instrument;
  GVariant            *profile;
  gint64               case_id;
  gint64               record_id;     /* 0 until the first save */
  gint64               amends_id;
  gboolean             read_only;
  gboolean             approved;
  char                *return_comments;
  char                *completed_on;  /* of a record read, for amendments */
  int                  age;
  GHashTable          *answers;       /* item id -> GVariant */
  GHashTable          *judgements;    /* judgement id -> level id */
  GHashTable          *views;         /* item id -> ItemView */
  GPtrArray           *pages;         /* GtkWidget, or NULL until built; the last is the summary */
  guint                page;
  gboolean             dirty;
  gboolean             saving;
  gboolean             submit_pending;
  gboolean             busy;
  guint                save_source;
  gboolean             restoring;
  gboolean             review_edited;
  char                *message;
  char                *state_text;

  /* The summary, once built. */
  GtkLabel            *completeness_label;
  GPtrArray           *domain_rows;      /* AdwActionRow, in the definition's order */
  GHashTable          *judgement_rows;   /* judgement id -> AdwComboRow */
  GtkTextBuffer       *rationale;
  GtkTextView         *rationale_view;
  GtkLabel            *rationale_label;
  AdwEntryRow         *review_row;
  GtkLabel            *check_label;

  /* Template children */
  AdwToastOverlay     *toast_overlay;
  GtkLabel            *title_label;
  GtkLabel            *state_label;
  GtkProgressBar      *progress_bar;
  GtkLabel            *progress_label;
  GtkListBox          *step_list;
  GtkStack            *stack;
  GtkLabel            *save_label;
  GtkWidget           *previous_button;
  GtkWidget           *next_button;
  GtkWidget           *submit_button;
  GtkWidget           *amend_button;
};

struct _ItemView
{
  WmAssessmentFlow       *flow;
  const WmInstrumentItem *item;
  GtkWidget              *outer;
  GPtrArray              *buttons;   /* GtkCheckButton */
  GPtrArray              *ids;       /* const char *, beside buttons */
  GtkWidget              *entry;     /* date, number */
  GtkWidget              *not_known; /* date, number */
  GtkTextBuffer          *buffer;    /* text */
  GtkWidget              *text_view;
};

G_DEFINE_FINAL_TYPE (WmAssessmentFlow, wm_assessment_flow, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SAVED,
  SUBMITTED,
  CLOSED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void answers_changed (WmAssessmentFlow *self);
static void refresh_summary (WmAssessmentFlow *self);
static void update_actions (WmAssessmentFlow *self);

static void
item_view_free (ItemView *view)
{
  g_clear_pointer (&view->buttons, g_ptr_array_unref);
  g_clear_pointer (&view->ids, g_ptr_array_unref);
  g_free (view);
}

static const char *
tr (WmAssessmentFlow *self,
    const char       *text)
{
  return text != NULL ? wm_instrument_gettext (self->instrument, text) : NULL;
}

static void
set_message (WmAssessmentFlow *self,
             const char       *message)
{
  g_free (self->message);
  self->message = g_strdup (message);
}

static void
toast (WmAssessmentFlow *self,
       const char       *text)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
}

static void
set_state_text (WmAssessmentFlow *self,
                const char       *text)
{
  g_free (self->state_text);
  self->state_text = g_strdup (text);
  gtk_label_set_text (self->state_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->state_label), text != NULL);
}

/* The answers as the a{sv} an assessment stores, in the definition's order. */
GVariant *
wm_assessment_flow_dup_answers (WmAssessmentFlow *self)
{
  GVariantBuilder builder;
  GPtrArray *items;

  g_return_val_if_fail (WM_IS_ASSESSMENT_FLOW (self), NULL);

  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
  if (self->instrument != NULL)
    {
      items = wm_instrument_get_items (self->instrument);
      for (guint i = 0; i < items->len; i++)
        {
          const WmInstrumentItem *item = g_ptr_array_index (items, i);
          GVariant *value = g_hash_table_lookup (self->answers, item->id);

          if (value != NULL)
            g_variant_builder_add (&builder, "{sv}", item->id, value);
        }
    }
  return g_variant_ref_sink (g_variant_builder_end (&builder));
}

static GVariant *
dup_judgements (WmAssessmentFlow *self)
{
  GVariantBuilder builder;
  GPtrArray *judgements = wm_instrument_get_judgements (self->instrument);
  gboolean any = FALSE;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{ss}"));
  for (guint i = 0; i < judgements->len; i++)
    {
      const WmInstrumentJudgement *judgement = g_ptr_array_index (judgements, i);
      const char *level = g_hash_table_lookup (self->judgements, judgement->id);

      if (level != NULL)
        {
          g_variant_builder_add (&builder, "{ss}", judgement->id, level);
          any = TRUE;
        }
    }
  if (!any)
    {
      g_variant_builder_clear (&builder);
      return NULL;
    }
  return g_variant_ref_sink (g_variant_builder_end (&builder));
}

static char *
dup_rationale (WmAssessmentFlow *self)
{
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  if (self->rationale == NULL)
    return NULL;
  gtk_text_buffer_get_bounds (self->rationale, &start, &end);
  text = gtk_text_buffer_get_text (self->rationale, &start, &end, FALSE);
  g_strstrip (text);
  return *text != '\0' ? g_steal_pointer (&text) : NULL;
}

/**
 * wm_assessment_flow_dup_payload:
 * @state: "draft", or "submitted" for what submitting would write
 *
 * Returns: (transfer full): the assessment as it stands
 */
GVariant *
wm_assessment_flow_dup_payload (WmAssessmentFlow *self,
                                const char       *state)
{
  g_autoptr(GVariant) answers = NULL;
  g_autoptr(GVariant) judgements = NULL;
  g_autofree char *rationale = NULL;
  const char *review;
  GVariantDict dict;
  gboolean complete;

  g_return_val_if_fail (WM_IS_ASSESSMENT_FLOW (self), NULL);
  g_return_val_if_fail (self->instrument != NULL, NULL);

  complete = g_strcmp0 (state, "draft") != 0;
  answers = wm_assessment_flow_dup_answers (self);
  judgements = dup_judgements (self);
  rationale = dup_rationale (self);
  review = wm_assessment_flow_get_next_review (self);

  g_variant_dict_init (&dict, NULL);
  g_variant_dict_insert (&dict, WM_ASSESSMENT_INSTRUMENT, "s", wm_instrument_get_id (self->instrument));
  g_variant_dict_insert (&dict, WM_ASSESSMENT_INSTRUMENT_VERSION, "u",
                         wm_instrument_get_version (self->instrument));
  g_variant_dict_insert (&dict, WM_ASSESSMENT_STATE, "s", state);
  g_variant_dict_insert_value (&dict, WM_ASSESSMENT_ANSWERS, answers);
  if (judgements != NULL)
    g_variant_dict_insert_value (&dict, WM_ASSESSMENT_JUDGEMENTS, judgements);
  if (rationale != NULL)
    g_variant_dict_insert (&dict, WM_ASSESSMENT_RATIONALE, "s", rationale);
  if (review != NULL && wm_date_parse_iso (review, &(GDate) { 0 }, NULL))
    g_variant_dict_insert (&dict, WM_ASSESSMENT_NEXT_REVIEW, "s", review);
  if (complete)
    {
      g_autoptr(WmInstrumentScore) score = wm_instrument_score (self->instrument, answers, self->age);
      g_autofree char *today_iso = NULL;
      GDate today;

      wm_context_get_today (self->context, &today);
      today_iso = wm_date_format_iso (&today);
      g_variant_dict_insert (&dict, WM_ASSESSMENT_COMPLETED_ON, "s", today_iso);
      if (score->domains->len > 0)
        g_variant_dict_insert (&dict, WM_ASSESSMENT_SCORE, "i",
                               g_array_index (score->domains, WmDomainScore, 0).score);
    }
  else if (self->return_comments != NULL)
    {
      /* Kept on the draft so the caseworker still sees them when they
       * come back to it; submitting leaves them out. */
      g_variant_dict_insert (&dict, WM_ASSESSMENT_RETURN_COMMENTS, "s", self->return_comments);
    }
  return g_variant_ref_sink (g_variant_dict_end (&dict));
}

/* Saving drafts */

static void save_now (WmAssessmentFlow *self);
static void submit_now (WmAssessmentFlow *self);

static void
save_record_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(WmAssessmentFlow) self = user_data;
  g_autoptr(GError) error = NULL;
  gint64 record_id;

  record_id = wm_context_save_record_finish (WM_CONTEXT (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->saving = FALSE;
  if (record_id == 0)
    {
      g_autofree char *text = g_strdup_printf (_("The draft was not saved: %s"), error->message);

      set_message (self, text);
      gtk_label_set_text (self->save_label, text);
      self->submit_pending = FALSE;
      self->busy = FALSE;
      update_actions (self);
      return;
    }
  self->record_id = record_id;
  set_message (self, NULL);
  gtk_label_set_text (self->save_label, _("Draft saved"));
  g_signal_emit (self, signals[SAVED], 0, record_id);
  if (self->dirty)
    save_now (self);
  else if (self->submit_pending)
    submit_now (self);
}

static void
save_now (WmAssessmentFlow *self)
{
  g_autoptr(GVariant) payload = NULL;

  g_clear_handle_id (&self->save_source, g_source_remove);
  if (!self->dirty || self->saving || self->read_only || self->instrument == NULL)
    return;
  self->dirty = FALSE;
  self->saving = TRUE;
  gtk_label_set_text (self->save_label, _("Saving…"));
  payload = wm_assessment_flow_dup_payload (self, "draft");
  wm_context_save_record_async (self->context, self->case_id, self->record_id, WM_RECORD_ASSESSMENT,
                                payload, self->cancellable, save_record_cb, g_object_ref (self));
}

static gboolean
save_timeout_cb (gpointer user_data)
{
  WmAssessmentFlow *self = user_data;

  self->save_source = 0;
  save_now (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_save (WmAssessmentFlow *self)
{
  if (self->read_only || self->restoring)
    return;
  self->dirty = TRUE;
  g_clear_handle_id (&self->save_source, g_source_remove);
  self->save_source = g_timeout_add (SAVE_DELAY_MS, save_timeout_cb, self);
}

/**
 * wm_assessment_flow_save_now:
 *
 * Saves a change not yet saved without waiting (the flow does so itself
 * on every page change).
 */
void
wm_assessment_flow_save_now (WmAssessmentFlow *self)
{
  g_return_if_fail (WM_IS_ASSESSMENT_FLOW (self));
  save_now (self);
}

/* Answers from widgets */

static void
set_answer (WmAssessmentFlow *self,
            const char       *item_id,
            GVariant         *value)
{
  if (value != NULL)
    g_hash_table_replace (self->answers, g_strdup (item_id), g_variant_ref_sink (value));
  else
    g_hash_table_remove (self->answers, item_id);
  answers_changed (self);
}

/* A single choice is a group of toggle buttons (GTK 4.8 gives check
 * buttons no action over AT-SPI, so a screen reader user's tools could not
 * press them); a multiple choice, a tick box and "not known" beside an
 * entry are check buttons. */
static gboolean
option_get_active (GtkWidget *button)
{
  return GTK_IS_TOGGLE_BUTTON (button) ? gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (button))
                                       : gtk_check_button_get_active (GTK_CHECK_BUTTON (button));
}

static void
option_set_active (GtkWidget *button,
                   gboolean   active)
{
  if (GTK_IS_TOGGLE_BUTTON (button))
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (button), active);
  else
    gtk_check_button_set_active (GTK_CHECK_BUTTON (button), active);
}

static void
choice_toggled_cb (GtkWidget *button,
                   ItemView  *view)
{
  WmAssessmentFlow *self = view->flow;
  const char *id;

  if (self->restoring || !option_get_active (button))
    return;
  for (guint i = 0; i < view->buttons->len; i++)
    if (g_ptr_array_index (view->buttons, i) == button)
      {
        id = g_ptr_array_index (view->ids, i);
        set_answer (self, view->item->id, g_variant_new_string (id));
        return;
      }
}

static void
multiple_toggled_cb (GtkCheckButton *button,
                     ItemView       *view)
{
  WmAssessmentFlow *self = view->flow;
  const char *toggled = NULL;
  gboolean exclusive;
  GVariantBuilder builder;
  gboolean any = FALSE;
  gboolean not_known = FALSE;

  if (self->restoring)
    return;
  for (guint i = 0; i < view->buttons->len; i++)
    if (g_ptr_array_index (view->buttons, i) == button)
      toggled = g_ptr_array_index (view->ids, i);
  g_assert (toggled != NULL);

  /* "None of these" and "Not known" stand alone: ticking one clears the
   * rest, and ticking an option clears them. */
  if (gtk_check_button_get_active (button))
    {
      exclusive = g_str_equal (toggled, NONE_OF_THESE) || g_str_equal (toggled, WM_INSTRUMENT_NOT_KNOWN);
      self->restoring = TRUE;
      for (guint i = 0; i < view->buttons->len; i++)
        {
          const char *id = g_ptr_array_index (view->ids, i);
          gboolean other_exclusive = g_str_equal (id, NONE_OF_THESE) || g_str_equal (id, WM_INSTRUMENT_NOT_KNOWN);

          if (g_ptr_array_index (view->buttons, i) != button && (exclusive || other_exclusive))
            gtk_check_button_set_active (g_ptr_array_index (view->buttons, i), FALSE);
        }
      self->restoring = FALSE;
    }

  g_variant_builder_init (&builder, G_VARIANT_TYPE_STRING_ARRAY);
  for (guint i = 0; i < view->buttons->len; i++)
    {
      const char *id = g_ptr_array_index (view->ids, i);

      if (!gtk_check_button_get_active (g_ptr_array_index (view->buttons, i)))
        continue;
      any = TRUE;
      if (g_str_equal (id, WM_INSTRUMENT_NOT_KNOWN))
        not_known = TRUE;
      else if (!g_str_equal (id, NONE_OF_THESE))
        g_variant_builder_add (&builder, "s", id);
    }
  if (not_known || !any)
    {
      g_variant_builder_clear (&builder);
      set_answer (self, view->item->id, not_known ? g_variant_new_string (WM_INSTRUMENT_NOT_KNOWN) : NULL);
      return;
    }
  set_answer (self, view->item->id, g_variant_builder_end (&builder));
}

static void
boolean_toggled_cb (GtkCheckButton *button,
                    ItemView       *view)
{
  if (view->flow->restoring)
    return;
  set_answer (view->flow, view->item->id, g_variant_new_boolean (gtk_check_button_get_active (button)));
}

static void
entry_changed_cb (ItemView *view)
{
  WmAssessmentFlow *self = view->flow;
  const char *text;
  GVariant *value = NULL;

  if (self->restoring)
    return;
  text = gtk_editable_get_text (GTK_EDITABLE (view->entry));
  if (gtk_check_button_get_active (GTK_CHECK_BUTTON (view->not_known)))
    value = g_variant_new_string (WM_INSTRUMENT_NOT_KNOWN);
  else if (view->item->type == WM_ITEM_DATE)
    {
      GDate date;

      if (wm_date_parse_iso (text, &date, NULL))
        value = g_variant_new_string (text);
    }
  else
    {
      gint64 number;

      if (g_ascii_string_to_signed (text, 10, view->item->min, view->item->max, &number, NULL))
        value = g_variant_new_int32 ((gint32) number);
    }
  if (*text != '\0' && value == NULL)
    gtk_widget_add_css_class (view->entry, "error");
  else
    gtk_widget_remove_css_class (view->entry, "error");
  gtk_widget_set_sensitive (view->entry, !gtk_check_button_get_active (GTK_CHECK_BUTTON (view->not_known)));
  set_answer (self, view->item->id, value);
}

static void
text_changed_cb (GtkTextBuffer *buffer,
                 ItemView      *view)
{
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  if (view->flow->restoring)
    return;
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  set_answer (view->flow, view->item->id, *text != '\0' ? g_variant_new_string (text) : NULL);
}

/* Widgets from answers */

static void
restore_view (WmAssessmentFlow *self,
              ItemView         *view)
{
  GVariant *value = g_hash_table_lookup (self->answers, view->item->id);

  self->restoring = TRUE;
  switch (view->item->type)
    {
    case WM_ITEM_YES_NO_NOT_KNOWN:
    case WM_ITEM_SCALE:
    case WM_ITEM_CHOICE:
      for (guint i = 0; i < view->buttons->len; i++)
        option_set_active (g_ptr_array_index (view->buttons, i),
                                     value != NULL && g_variant_is_of_type (value, G_VARIANT_TYPE_STRING)
                                     && g_str_equal (g_variant_get_string (value, NULL),
                                                     g_ptr_array_index (view->ids, i)));
      break;
    case WM_ITEM_MULTIPLE_CHOICE:
      for (guint i = 0; i < view->buttons->len; i++)
        {
          const char *id = g_ptr_array_index (view->ids, i);
          gboolean active = FALSE;

          if (value != NULL && g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
            active = g_str_equal (id, WM_INSTRUMENT_NOT_KNOWN);
          else if (value != NULL && g_variant_is_of_type (value, G_VARIANT_TYPE_STRING_ARRAY))
            {
              g_autofree const char **selected = g_variant_get_strv (value, NULL);

              active = g_str_equal (id, NONE_OF_THESE)
                       ? selected[0] == NULL
                       : g_strv_contains ((const char * const *) selected, id);
            }
          gtk_check_button_set_active (g_ptr_array_index (view->buttons, i), active);
        }
      break;
    case WM_ITEM_BOOLEAN:
      gtk_check_button_set_active (g_ptr_array_index (view->buttons, 0),
                                   value != NULL && g_variant_is_of_type (value, G_VARIANT_TYPE_BOOLEAN)
                                   && g_variant_get_boolean (value));
      break;
    case WM_ITEM_DATE:
    case WM_ITEM_NUMBER:
      {
        gboolean not_known = value != NULL && g_variant_is_of_type (value, G_VARIANT_TYPE_STRING)
                             && g_str_equal (g_variant_get_string (value, NULL), WM_INSTRUMENT_NOT_KNOWN);
        g_autofree char *text = NULL;

        if (value != NULL && !not_known && g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
          text = g_variant_dup_string (value, NULL);
        else if (value != NULL && g_variant_is_of_type (value, G_VARIANT_TYPE_INT32))
          text = g_strdup_printf ("%d", g_variant_get_int32 (value));
        gtk_check_button_set_active (GTK_CHECK_BUTTON (view->not_known), not_known);
        gtk_editable_set_text (GTK_EDITABLE (view->entry), text != NULL ? text : "");
        gtk_widget_set_sensitive (view->entry, !not_known);
        break;
      }
    case WM_ITEM_TEXT:
    default:
      gtk_text_buffer_set_text (view->buffer,
                                value != NULL && g_variant_is_of_type (value, G_VARIANT_TYPE_STRING)
                                ? g_variant_get_string (value, NULL) : "", -1);
      break;
    }
  self->restoring = FALSE;
}

/* Pages */

static GtkWidget *
new_wrapped_label (const char *text,
                   const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

static GtkWidget *
add_option (ItemView   *view,
            GtkWidget  *box,
            const char *id,
            const char *label,
            gboolean    single,
            GtkWidget  *group,
            GCallback   callback)
{
  GtkWidget *button = single ? gtk_toggle_button_new_with_label (label) : gtk_check_button_new_with_label (label);

  if (single && group != NULL)
    gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (button), GTK_TOGGLE_BUTTON (group));
  g_ptr_array_add (view->buttons, button);
  g_ptr_array_add (view->ids, (gpointer) id);
  g_signal_connect (button, "toggled", callback, view);
  gtk_box_append (GTK_BOX (box), button);
  return button;
}

static GtkWidget *
build_item (WmAssessmentFlow       *self,
            const WmInstrumentItem *item)
{
  ItemView *view = g_new0 (ItemView, 1);
  GtkWidget *outer = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *title = NULL;
  GtkWidget *group = NULL;
  const WmInstrumentScale *options = item->options;

  view->flow = self;
  view->item = item;
  view->outer = outer;
  view->buttons = g_ptr_array_new ();
  view->ids = g_ptr_array_new ();
  g_hash_table_replace (self->views, item->id, view);
  gtk_widget_set_margin_bottom (outer, 12);

  if (item->type != WM_ITEM_BOOLEAN)
    {
      g_autofree char *text = item->required
                              ? g_strdup (tr (self, item->label))
                              /* Translators: a question the caseworker may leave unanswered. */
                              : g_strdup_printf (_("%s (optional)"), tr (self, item->label));

      title = new_wrapped_label (text, "heading");
      gtk_box_append (GTK_BOX (outer), title);
    }
  if (item->help != NULL)
    gtk_box_append (GTK_BOX (outer), new_wrapped_label (tr (self, item->help), "dim-label"));

  switch (item->type)
    {
    case WM_ITEM_YES_NO_NOT_KNOWN:
    case WM_ITEM_SCALE:
    case WM_ITEM_CHOICE:
    case WM_ITEM_MULTIPLE_CHOICE:
      {
        gboolean multiple = item->type == WM_ITEM_MULTIPLE_CHOICE;
        GCallback callback = multiple ? G_CALLBACK (multiple_toggled_cb) : G_CALLBACK (choice_toggled_cb);
        guint n = options != NULL ? options->options->len : 3;
        GtkWidget *first = NULL;
        gboolean has_not_known = FALSE;

        /* A few short options side by side, linked; a long list one under
         * another. */
        group = g_object_new (GTK_TYPE_BOX,
                              "orientation", n <= 3 && !multiple ? GTK_ORIENTATION_HORIZONTAL : GTK_ORIENTATION_VERTICAL,
                              "spacing", multiple ? 2 : 0,
                              "halign", multiple ? GTK_ALIGN_FILL : GTK_ALIGN_START,
                              "accessible-role", GTK_ACCESSIBLE_ROLE_GROUP,
                              NULL);
        if (!multiple)
          gtk_widget_add_css_class (group, "linked");
        if (options != NULL)
          {
            for (guint i = 0; i < options->options->len; i++)
              {
                const WmInstrumentOption *option = g_ptr_array_index (options->options, i);
                GtkWidget *button = add_option (view, group, option->id, tr (self, option->label),
                                                !multiple, first, callback);

                if (g_str_equal (option->id, WM_INSTRUMENT_NOT_KNOWN))
                  has_not_known = TRUE;
                if (first == NULL)
                  first = button;
              }
          }
        else
          {
            first = add_option (view, group, "yes", _("Yes"), TRUE, NULL, callback);
            add_option (view, group, "no", _("No"), TRUE, first, callback);
          }
        if (multiple)
          add_option (view, group, NONE_OF_THESE, _("None of these"), FALSE, NULL, callback);
        if (!has_not_known)
          add_option (view, group, WM_INSTRUMENT_NOT_KNOWN, _("Not known"), !multiple, first, callback);
        gtk_box_append (GTK_BOX (outer), group);
        break;
      }
    case WM_ITEM_BOOLEAN:
      {
        GtkWidget *button = gtk_check_button_new_with_label (tr (self, item->label));

        g_ptr_array_add (view->buttons, button);
        g_ptr_array_add (view->ids, (gpointer) "true");
        g_signal_connect (button, "toggled", G_CALLBACK (boolean_toggled_cb), view);
        gtk_box_append (GTK_BOX (outer), button);
        break;
      }
    case WM_ITEM_DATE:
    case WM_ITEM_NUMBER:
      {
        group = g_object_new (GTK_TYPE_BOX, "spacing", 12, "accessible-role", GTK_ACCESSIBLE_ROLE_GROUP, NULL);
        view->entry = gtk_entry_new ();
        if (item->type == WM_ITEM_DATE)
          gtk_entry_set_placeholder_text (GTK_ENTRY (view->entry), _("YYYY-MM-DD"));
        else
          gtk_entry_set_input_purpose (GTK_ENTRY (view->entry), GTK_INPUT_PURPOSE_DIGITS);
        gtk_accessible_update_property (GTK_ACCESSIBLE (view->entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                        tr (self, item->label), -1);
        view->not_known = gtk_check_button_new_with_label (_("Not known"));
        g_signal_connect_swapped (view->entry, "changed", G_CALLBACK (entry_changed_cb), view);
        g_signal_connect_swapped (view->not_known, "toggled", G_CALLBACK (entry_changed_cb), view);
        gtk_box_append (GTK_BOX (group), view->entry);
        gtk_box_append (GTK_BOX (group), view->not_known);
        gtk_box_append (GTK_BOX (outer), group);
        break;
      }
    case WM_ITEM_TEXT:
    default:
      {
        GtkWidget *scrolled = gtk_scrolled_window_new ();

        view->text_view = gtk_text_view_new ();
        view->buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view->text_view));
        gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view->text_view), GTK_WRAP_WORD_CHAR);
        gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (view->text_view), FALSE);
        gtk_accessible_update_property (GTK_ACCESSIBLE (view->text_view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                        tr (self, item->label), -1);
        gtk_widget_add_css_class (view->text_view, "card");
        gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), view->text_view);
        gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), 90);
        gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
        g_signal_connect (view->buffer, "changed", G_CALLBACK (text_changed_cb), view);
        gtk_box_append (GTK_BOX (outer), scrolled);
        break;
      }
    }
  if (group != NULL && title != NULL)
    gtk_accessible_update_relation (GTK_ACCESSIBLE (group), GTK_ACCESSIBLE_RELATION_LABELLED_BY, title, NULL, -1);
  restore_view (self, view);
  return outer;
}

static GtkWidget *
wrap_page (GtkWidget *content)
{
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();

  gtk_widget_set_margin_start (content, 18);
  gtk_widget_set_margin_end (content, 18);
  gtk_widget_set_margin_top (content, 12);
  gtk_widget_set_margin_bottom (content, 18);
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 720);
  adw_clamp_set_child (ADW_CLAMP (clamp), content);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  return scrolled;
}

static void
update_visibility (WmAssessmentFlow *self)
{
  g_autoptr(GVariant) answers = wm_assessment_flow_dup_answers (self);
  GHashTableIter iter;
  ItemView *view;

  g_hash_table_iter_init (&iter, self->views);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &view))
    gtk_widget_set_visible (view->outer, wm_instrument_item_is_shown (self->instrument, view->item, answers));
}

static GtkWidget *
build_section_page (WmAssessmentFlow          *self,
                    const WmInstrumentSection *section)
{
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *heading = new_wrapped_label (tr (self, section->title), "title-3");

  gtk_box_append (GTK_BOX (content), heading);
  if (section->help != NULL)
    gtk_box_append (GTK_BOX (content), new_wrapped_label (tr (self, section->help), "dim-label"));
  for (guint i = 0; i < section->items->len; i++)
    gtk_box_append (GTK_BOX (content), build_item (self, g_ptr_array_index (section->items, i)));
  gtk_widget_set_sensitive (content, !self->read_only);
  return wrap_page (content);
}

/* The summary */

static void
judgement_selected_cb (AdwComboRow      *row,
                       GParamSpec       *pspec,
                       WmAssessmentFlow *self)
{
  const WmInstrumentJudgement *judgement = g_object_get_data (G_OBJECT (row), "judgement");
  guint selected = adw_combo_row_get_selected (row);

  if (self->restoring)
    return;
  if (selected == 0 || selected == GTK_INVALID_LIST_POSITION)
    g_hash_table_remove (self->judgements, judgement->id);
  else
    {
      const WmInstrumentOption *level = g_ptr_array_index (judgement->scale->options, selected - 1);

      g_hash_table_replace (self->judgements, g_strdup (judgement->id), g_strdup (level->id));
    }
  if (!self->review_edited && self->review_row != NULL)
    {
      g_autoptr(GVariant) judgements = dup_judgements (self);
      g_autofree char *review = NULL;
      GDate today;

      wm_context_get_today (self->context, &today);
      review = wm_review_intervals_next_review (wm_context_get_review_intervals (self->context), judgements, &today);
      self->restoring = TRUE;
      gtk_editable_set_text (GTK_EDITABLE (self->review_row), review != NULL ? review : "");
      self->restoring = FALSE;
    }
  refresh_summary (self);
  schedule_save (self);
  update_actions (self);
}

static void
summary_text_changed_cb (WmAssessmentFlow *self)
{
  if (self->restoring)
    return;
  refresh_summary (self);
  schedule_save (self);
  update_actions (self);
}

static void
review_changed_cb (WmAssessmentFlow *self)
{
  if (self->restoring)
    return;
  self->review_edited = TRUE;
  summary_text_changed_cb (self);
}

/* Where the instrument's items come from, and under which licence (the
 * Home Office indicators under the Open Government Licence, say): the
 * caseworker and the supervisor see what the tool rests on. */
static void
add_sources (WmAssessmentFlow *self,
             GtkWidget        *content)
{
  GPtrArray *sources = wm_instrument_get_sources (self->instrument);
  GtkWidget *group;

  if (sources == NULL || sources->len == 0)
    return;
  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Sources and Licences"));
  for (guint i = 0; i < sources->len; i++)
    {
      const WmInstrumentSource *source = g_ptr_array_index (sources, i);
      GtkWidget *row = adw_action_row_new ();
      g_autoptr(GString) subtitle = g_string_new (NULL);

      if (source->licence != NULL)
        g_string_append (subtitle, source->licence);
      if (source->note != NULL)
        {
          if (subtitle->len > 0)
            g_string_append (subtitle, " · ");
          g_string_append (subtitle, tr (self, source->note));
        }
      if (source->url != NULL)
        {
          if (subtitle->len > 0)
            g_string_append (subtitle, " · ");
          g_string_append (subtitle, source->url);
        }
      /* Citations carry "&" and other text that is not markup. */
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), source->citation);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }
  gtk_box_append (GTK_BOX (content), group);
}

static GtkWidget *
build_summary_page (WmAssessmentFlow *self)
{
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  GPtrArray *domains = wm_instrument_get_domains (self->instrument);
  GPtrArray *judgements = wm_instrument_get_judgements (self->instrument);
  GtkWidget *group;
  GtkWidget *scrolled;

  gtk_box_append (GTK_BOX (content), new_wrapped_label (_("Summary"), "title-3"));
  self->completeness_label = GTK_LABEL (new_wrapped_label (NULL, NULL));
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (self->completeness_label));

  self->domain_rows = g_ptr_array_new ();
  if (domains->len > 0)
    {
      group = adw_preferences_group_new ();
      adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Scores"));
      for (guint i = 0; i < domains->len; i++)
        {
          const WmInstrumentDomain *domain = g_ptr_array_index (domains, i);
          GtkWidget *row = adw_action_row_new ();

          adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), tr (self, domain->label));
          adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
          g_ptr_array_add (self->domain_rows, row);
          adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
        }
      gtk_box_append (GTK_BOX (content), group);
    }

  self->judgement_rows = g_hash_table_new (g_str_hash, g_str_equal);
  if (judgements->len > 0)
    {
      group = adw_preferences_group_new ();
      adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Judgements"));
      adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                             _("The score suggests; you decide. Say why in the rationale when "
                                               "your judgement departs from the suggestion."));
      for (guint i = 0; i < judgements->len; i++)
        {
          const WmInstrumentJudgement *judgement = g_ptr_array_index (judgements, i);
          g_autoptr(GtkStringList) levels = gtk_string_list_new (NULL);
          const char *chosen = g_hash_table_lookup (self->judgements, judgement->id);
          GtkWidget *row = adw_combo_row_new ();
          guint selected = 0;

          gtk_string_list_append (levels, _("Not yet judged"));
          for (guint j = 0; j < judgement->scale->options->len; j++)
            {
              const WmInstrumentOption *level = g_ptr_array_index (judgement->scale->options, j);

              gtk_string_list_append (levels, tr (self, level->label));
              if (g_strcmp0 (chosen, level->id) == 0)
                selected = j + 1;
            }
          adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), tr (self, judgement->label));
          adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (levels));
          adw_combo_row_set_selected (ADW_COMBO_ROW (row), selected);
          adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
          g_object_set_data (G_OBJECT (row), "judgement", (gpointer) judgement);
          g_signal_connect (row, "notify::selected", G_CALLBACK (judgement_selected_cb), self);
          gtk_widget_set_sensitive (row, !self->read_only);
          g_hash_table_insert (self->judgement_rows, judgement->id, row);
          adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
        }
      gtk_box_append (GTK_BOX (content), group);

      self->rationale_label = GTK_LABEL (new_wrapped_label (_("Rationale"), "heading"));
      gtk_box_append (GTK_BOX (content), GTK_WIDGET (self->rationale_label));
      self->rationale_view = GTK_TEXT_VIEW (gtk_text_view_new ());
      self->rationale = gtk_text_view_get_buffer (self->rationale_view);
      gtk_text_view_set_wrap_mode (self->rationale_view, GTK_WRAP_WORD_CHAR);
      gtk_text_view_set_accepts_tab (self->rationale_view, FALSE);
      gtk_text_view_set_editable (self->rationale_view, !self->read_only);
      gtk_widget_add_css_class (GTK_WIDGET (self->rationale_view), "card");
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->rationale_view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Rationale"), -1);
      scrolled = gtk_scrolled_window_new ();
      gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), 90);
      gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
      gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->rationale_view));
      gtk_box_append (GTK_BOX (content), scrolled);
      g_signal_connect_swapped (self->rationale, "changed", G_CALLBACK (summary_text_changed_cb), self);
    }

  group = adw_preferences_group_new ();
  self->review_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->review_row), _("Next review (YYYY-MM-DD)"));
  gtk_widget_set_sensitive (GTK_WIDGET (self->review_row), !self->read_only);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->review_row));
  gtk_box_append (GTK_BOX (content), group);
  g_signal_connect_swapped (self->review_row, "changed", G_CALLBACK (review_changed_cb), self);

  self->check_label = GTK_LABEL (new_wrapped_label (NULL, NULL));
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (self->check_label));
  add_sources (self, content);
  return wrap_page (content);
}

/* The age the constraints apply at, as the casebook works it out. */
static guint
check_age (WmAssessmentFlow *self)
{
  return self->age >= 0 ? (guint) self->age : 18;
}

static gboolean
check_submission (WmAssessmentFlow  *self,
                  GError           **error)
{
  g_autoptr(GVariant) payload = wm_assessment_flow_dup_payload (self, "submitted");

  return wm_assessment_check (payload, check_age (self), error);
}

static void
refresh_summary (WmAssessmentFlow *self)
{
  g_autoptr(GVariant) answers = NULL;
  g_autoptr(WmInstrumentScore) score = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) text = NULL;
  gboolean departs = FALSE;

  if (self->completeness_label == NULL)
    return;
  answers = wm_assessment_flow_dup_answers (self);
  score = wm_instrument_score (self->instrument, answers, self->age);

  text = g_string_new (NULL);
  g_string_printf (text, _("%u of %u required questions answered; %u answered “not known”."),
                   score->n_answered, score->n_required, score->n_not_known);
  if (score->missing->len > 0)
    {
      g_string_append (text, " ");
      g_string_append (text, _("Still to answer:"));
      for (guint i = 0; i < score->missing->len; i++)
        {
          const WmInstrumentItem *item = g_ptr_array_index (score->missing, i);

          g_string_append_printf (text, "%s %s", i == 0 ? "" : ";", tr (self, item->label));
        }
    }
  gtk_label_set_text (self->completeness_label, text->str);

  for (guint i = 0; i < score->domains->len && i < self->domain_rows->len; i++)
    {
      const WmDomainScore *domain = &g_array_index (score->domains, WmDomainScore, i);
      GtkWidget *row = g_ptr_array_index (self->domain_rows, i);
      g_autoptr(GString) subtitle = g_string_new (NULL);

      /* Translators: a domain's score, then the band it falls in. */
      g_string_printf (subtitle, _("Score %d"), domain->score);
      if (domain->band != NULL)
        g_string_append_printf (subtitle, " — %s", tr (self, domain->band->label));
      if (domain->band != NULL && domain->band->level != NULL && domain->domain->scale != NULL)
        {
          const WmInstrumentOption *level = wm_instrument_scale_find (domain->domain->scale, domain->band->level);

          if (level != NULL)
            g_string_append_printf (subtitle, _(" (suggests %s)"), tr (self, level->label));
        }
      if (domain->n_not_known > 0)
        {
          g_string_append (subtitle, "\n");
          g_string_append_printf (subtitle,
                                  /* Translators: %u counts answers of “not known”. */
                                  ngettext ("%u answer not known: a low score is not reassuring.",
                                            "%u answers not known: a low score is not reassuring.",
                                            domain->n_not_known),
                                  domain->n_not_known);
        }
      if (domain->domain->note != NULL)
        g_string_append_printf (subtitle, "\n%s", tr (self, domain->domain->note));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);
      if (domain->band != NULL && domain->band->flag)
        gtk_widget_add_css_class (row, "warning");
      else
        gtk_widget_remove_css_class (row, "warning");
    }

  if (self->judgement_rows != NULL)
    {
      for (guint i = 0; i < score->suggestions->len; i++)
        {
          const WmJudgementSuggestion *suggestion = &g_array_index (score->suggestions, WmJudgementSuggestion, i);
          GtkWidget *row = g_hash_table_lookup (self->judgement_rows, suggestion->judgement->id);
          const char *chosen = g_hash_table_lookup (self->judgements, suggestion->judgement->id);
          g_autoptr(GString) subtitle = g_string_new (NULL);

          if (suggestion->suggested != NULL)
            {
              const WmInstrumentOption *level = wm_instrument_scale_find (suggestion->judgement->scale,
                                                                          suggestion->suggested);

              g_string_printf (subtitle, _("Suggested: %s"), level != NULL ? tr (self, level->label) : suggestion->suggested);
            }
          else
            g_string_assign (subtitle, _("No suggestion: this judgement is yours alone"));
          if (suggestion->floor != NULL)
            {
              const WmInstrumentOption *level = wm_instrument_scale_find (suggestion->judgement->scale,
                                                                          suggestion->floor);

              g_string_append (subtitle, "\n");
              g_string_append_printf (subtitle, _("It cannot be rated below %s here."),
                                      level != NULL ? tr (self, level->label) : suggestion->floor);
            }
          if (chosen != NULL && wm_instrument_score_departs (score, suggestion->judgement->id, chosen))
            {
              departs = TRUE;
              g_string_append (subtitle, "\n");
              g_string_append (subtitle, _("Departs from the suggestion: give your reasons in the rationale."));
            }
          if (row != NULL)
            adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);
        }
    }
  if (self->rationale_label != NULL)
    gtk_label_set_text (self->rationale_label,
                        departs ? _("Rationale (needed: a judgement departs from the suggestion)")
                                : _("Rationale"));

  if (self->read_only)
    gtk_label_set_text (self->check_label, "");
  else if (check_submission (self, &error))
    gtk_label_set_text (self->check_label, _("Ready to submit for approval."));
  else
    gtk_label_set_text (self->check_label, error->message);
}

static GtkWidget *
ensure_page (WmAssessmentFlow *self,
             guint             index)
{
  GPtrArray *sections = wm_instrument_get_sections (self->instrument);
  GtkWidget *page = g_ptr_array_index (self->pages, index);

  if (page != NULL)
    return page;
  if (index < sections->len)
    page = build_section_page (self, g_ptr_array_index (sections, index));
  else
    page = build_summary_page (self);
  g_ptr_array_index (self->pages, index) = page;
  gtk_stack_add_child (self->stack, page);
  if (index < sections->len)
    update_visibility (self);
  else
    {
      const char *review = NULL;

      self->restoring = TRUE;
      review = self->review_edited ? g_object_get_data (G_OBJECT (self), "next-review") : NULL;
      if (review == NULL && !self->read_only)
        {
          g_autoptr(GVariant) judgements = dup_judgements (self);
          g_autofree char *computed = NULL;
          GDate today;

          wm_context_get_today (self->context, &today);
          computed = wm_review_intervals_next_review (wm_context_get_review_intervals (self->context), judgements, &today);
          gtk_editable_set_text (GTK_EDITABLE (self->review_row), computed != NULL ? computed : "");
        }
      else
        gtk_editable_set_text (GTK_EDITABLE (self->review_row), review != NULL ? review : "");
      if (self->rationale != NULL)
        gtk_text_buffer_set_text (self->rationale, g_object_get_data (G_OBJECT (self), "rationale") ?: "", -1);
      self->restoring = FALSE;
      refresh_summary (self);
    }
  return page;
}

static void
update_progress (WmAssessmentFlow *self)
{
  g_autoptr(GVariant) answers = wm_assessment_flow_dup_answers (self);
  g_autoptr(WmInstrumentScore) score = wm_instrument_score (self->instrument, answers, self->age);
  g_autofree char *text = NULL;

  gtk_progress_bar_set_fraction (self->progress_bar, wm_instrument_score_get_completeness (score));
  text = g_strdup_printf (_("%u of %u required questions answered"), score->n_answered, score->n_required);
  gtk_label_set_text (self->progress_label, text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->progress_bar), GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT,
                                  text, -1);
}

static void
answers_changed (WmAssessmentFlow *self)
{
  update_visibility (self);
  update_progress (self);
  refresh_summary (self);
  schedule_save (self);
  update_actions (self);
}

static void
update_actions (WmAssessmentFlow *self)
{
  gboolean open = self->instrument != NULL;
  guint last = open ? self->pages->len - 1 : 0;
  gboolean on_summary = open && self->page == last;
  gboolean ready = FALSE;

  if (open && on_summary && !self->read_only && !self->busy)
    ready = check_submission (self, NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "flow.previous", open && self->page > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "flow.next", open && !on_summary);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "flow.submit", ready);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "flow.amend", open && self->approved && !self->busy);
  gtk_widget_set_visible (self->next_button, !on_summary);
  gtk_widget_set_visible (self->submit_button, on_summary && !self->read_only);
  gtk_widget_set_visible (self->amend_button, self->approved);
}

/**
 * wm_assessment_flow_set_page:
 * @page: a section's index, or the number of sections for the summary
 *
 * Shows that page, built and filled from the answers the first time, and
 * saves a change not yet saved.
 */
void
wm_assessment_flow_set_page (WmAssessmentFlow *self,
                             guint             page)
{
  GtkListBoxRow *row;

  g_return_if_fail (WM_IS_ASSESSMENT_FLOW (self));
  g_return_if_fail (self->instrument != NULL);
  g_return_if_fail (page < self->pages->len);

  save_now (self);
  self->page = page;
  gtk_stack_set_visible_child (self->stack, ensure_page (self, page));
  row = gtk_list_box_get_row_at_index (self->step_list, (int) page);
  if (row != NULL && gtk_list_box_get_selected_row (self->step_list) != row)
    gtk_list_box_select_row (self->step_list, row);
  if (page == self->pages->len - 1)
    refresh_summary (self);
  update_actions (self);
}

void
wm_assessment_flow_next (WmAssessmentFlow *self)
{
  g_return_if_fail (WM_IS_ASSESSMENT_FLOW (self));
  if (self->instrument != NULL && self->page + 1 < self->pages->len)
    wm_assessment_flow_set_page (self, self->page + 1);
}

void
wm_assessment_flow_previous (WmAssessmentFlow *self)
{
  g_return_if_fail (WM_IS_ASSESSMENT_FLOW (self));
  if (self->instrument != NULL && self->page > 0)
    wm_assessment_flow_set_page (self, self->page - 1);
}

static void
step_activated_cb (WmAssessmentFlow *self,
                   GtkListBoxRow    *row)
{
  if (self->instrument != NULL)
    wm_assessment_flow_set_page (self, (guint) gtk_list_box_row_get_index (row));
}

/* Opening */

/**
 * wm_assessment_flow_clear:
 *
 * Empties the flow: every answer and widget that showed one goes, and any
 * read or save in flight is dropped when it returns.
 */
void
wm_assessment_flow_clear (WmAssessmentFlow *self)
{
  GtkWidget *child;

  g_return_if_fail (WM_IS_ASSESSMENT_FLOW (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  g_clear_handle_id (&self->save_source, g_source_remove);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->stack))) != NULL)
    gtk_stack_remove (self->stack, child);
  while ((child = GTK_WIDGET (gtk_list_box_get_row_at_index (self->step_list, 0))) != NULL)
    gtk_list_box_remove (self->step_list, child);
  g_hash_table_remove_all (self->views);
  g_hash_table_remove_all (self->answers);
  g_hash_table_remove_all (self->judgements);
  g_clear_pointer (&self->pages, g_ptr_array_unref);
  g_clear_pointer (&self->domain_rows, g_ptr_array_unref);
  g_clear_pointer (&self->judgement_rows, g_hash_table_unref);
  self->completeness_label = NULL;
  self->rationale = NULL;
  self->rationale_view = NULL;
  self->rationale_label = NULL;
  self->review_row = NULL;
  self->check_label = NULL;
  g_object_set_data (G_OBJECT (self), "rationale", NULL);
  g_object_set_data (G_OBJECT (self), "next-review", NULL);
  g_clear_object (&self->instrument);
  g_clear_pointer (&self->profile, g_variant_unref);
  g_clear_pointer (&self->return_comments, g_free);
  g_clear_pointer (&self->completed_on, g_free);
  g_clear_pointer (&self->message, g_free);
  set_state_text (self, NULL);
  self->case_id = self->record_id = self->amends_id = 0;
  self->read_only = self->approved = FALSE;
  self->dirty = self->saving = self->submit_pending = self->busy = FALSE;
  self->review_edited = FALSE;
  self->page = 0;
  gtk_label_set_text (self->title_label, "");
  gtk_label_set_text (self->save_label, "");
  gtk_label_set_text (self->progress_label, "");
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  update_actions (self);
}

/* The pages and steps for the instrument now set, with the answers now held. */
static void
build_frame (WmAssessmentFlow *self)
{
  GPtrArray *sections = wm_instrument_get_sections (self->instrument);
  g_autofree char *title = NULL;
  GDate today;
  guint years;

  wm_context_get_today (self->context, &today);
  self->age = self->profile != NULL && wm_person_get_age (self->profile, &today, &years, NULL)
              ? (int) years : WM_INSTRUMENT_AGE_UNKNOWN;
  /* Translators: an instrument's title and its version number. */
  title = g_strdup_printf (_("%s, version %u"), tr (self, wm_instrument_get_title (self->instrument)),
                           wm_instrument_get_version (self->instrument));
  gtk_label_set_text (self->title_label, title);

  self->pages = g_ptr_array_new ();
  for (guint i = 0; i <= sections->len; i++)
    {
      const char *text = i < sections->len
                         ? tr (self, ((WmInstrumentSection *) g_ptr_array_index (sections, i))->title)
                         : _("Summary");
      GtkWidget *label = gtk_label_new (text);

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_list_box_append (self->step_list, label);
      g_ptr_array_add (self->pages, NULL);
    }
  update_progress (self);
  wm_assessment_flow_set_page (self, 0);
}

/**
 * wm_assessment_flow_start:
 * @profile: the young person's profile, for their age
 * @instrument: the instrument, normally the latest version of one
 *
 * Starts a new assessment. Nothing is written until the first answer.
 */
void
wm_assessment_flow_start (WmAssessmentFlow *self,
                          gint64            case_id,
                          GVariant         *profile,
                          WmInstrument     *instrument)
{
  g_return_if_fail (WM_IS_ASSESSMENT_FLOW (self));
  g_return_if_fail (WM_IS_INSTRUMENT (instrument));

  wm_assessment_flow_clear (self);
  self->case_id = case_id;
  self->profile = profile != NULL ? g_variant_ref (profile) : NULL;
  self->instrument = g_object_ref (instrument);
  build_frame (self);
}

/**
 * wm_assessment_flow_open:
 * @record: the assessment's current version
 *
 * Shows an assessment with the instrument version it was made with: a
 * draft or a returned one to carry on with, a submitted or approved one
 * read only.
 *
 * Returns: %FALSE with @error set when its instrument is not known
 */
gboolean
wm_assessment_flow_open (WmAssessmentFlow  *self,
                         gint64             case_id,
                         GVariant          *profile,
                         const WmRecord    *record,
                         GError           **error)
{
  g_autoptr(GVariant) answers = NULL;
  g_autoptr(GVariant) judgements = NULL;
  WmInstrument *instrument;
  const char *text;
  GVariantIter iter;
  const char *key;
  GVariant *value;

  g_return_val_if_fail (WM_IS_ASSESSMENT_FLOW (self), FALSE);
  g_return_val_if_fail (record != NULL && record->payload != NULL, FALSE);

  instrument = wm_instrument_registry_find_for (wm_instrument_registry_get_default (), record->payload, error);
  if (instrument == NULL)
    return FALSE;
  wm_assessment_flow_clear (self);
  self->case_id = case_id;
  self->profile = profile != NULL ? g_variant_ref (profile) : NULL;
  self->instrument = g_object_ref (instrument);
  self->record_id = record->record_id;
  self->amends_id = record->amends_id;
  self->read_only = record->immutable;
  self->approved = record->approved_by != 0;

  answers = wm_payload_get_value (record->payload, WM_ASSESSMENT_ANSWERS, G_VARIANT_TYPE_VARDICT);
  if (answers != NULL)
    {
      g_variant_iter_init (&iter, answers);
      while (g_variant_iter_next (&iter, "{&sv}", &key, &value))
        g_hash_table_insert (self->answers, g_strdup (key), value);
    }
  judgements = wm_payload_get_value (record->payload, WM_ASSESSMENT_JUDGEMENTS, G_VARIANT_TYPE ("a{ss}"));
  if (judgements != NULL)
    {
      const char *level;

      g_variant_iter_init (&iter, judgements);
      while (g_variant_iter_next (&iter, "{&s&s}", &key, &level))
        g_hash_table_insert (self->judgements, g_strdup (key), g_strdup (level));
    }
  g_object_set_data_full (G_OBJECT (self), "rationale",
                          g_strdup (wm_payload_get_string (record->payload, WM_ASSESSMENT_RATIONALE)), g_free);
  text = wm_payload_get_string (record->payload, WM_ASSESSMENT_NEXT_REVIEW);
  if (text != NULL)
    {
      self->review_edited = TRUE;
      g_object_set_data_full (G_OBJECT (self), "next-review", g_strdup (text), g_free);
    }
  self->completed_on = g_strdup (wm_payload_get_string (record->payload, WM_ASSESSMENT_COMPLETED_ON));
  self->return_comments = g_strdup (wm_payload_get_string (record->payload, WM_ASSESSMENT_RETURN_COMMENTS));

  if (self->approved)
    set_state_text (self, _("Approved. It can no longer be changed: to correct it, record an amendment."));
  else if (self->read_only)
    set_state_text (self, _("Submitted for approval. It is read only until a supervisor approves or returns it."));
  else if (self->return_comments != NULL)
    {
      g_autofree char *returned = g_strdup_printf (_("Returned for changes. The supervisor’s comments: %s"),
                                                   self->return_comments);

      set_state_text (self, returned);
    }
  else if (self->amends_id != 0)
    set_state_text (self, _("This draft amends an earlier assessment, which stays as it was."));
  build_frame (self);
  return TRUE;
}

/* Submitting and amending */

static void
submit_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(WmAssessmentFlow) self = user_data;
  g_autoptr(GError) error = NULL;
  gint64 record_id;

  record_id = wm_context_submit_assessment_finish (WM_CONTEXT (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->busy = FALSE;
  if (record_id == 0)
    {
      set_message (self, error->message);
      toast (self, error->message);
      update_actions (self);
      return;
    }
  self->record_id = record_id;
  self->read_only = TRUE;
  g_clear_pointer (&self->return_comments, g_free);
  set_message (self, NULL);
  set_state_text (self, _("Submitted for approval. It is read only until a supervisor approves or returns it."));
  gtk_label_set_text (self->save_label, _("Submitted"));
  for (guint i = 0; i < self->pages->len; i++)
    {
      GtkWidget *page = g_ptr_array_index (self->pages, i);

      if (page != NULL && i + 1 < self->pages->len)
        gtk_widget_set_sensitive (page, FALSE);
    }
  if (self->judgement_rows != NULL)
    {
      GHashTableIter iter;
      GtkWidget *row;

      g_hash_table_iter_init (&iter, self->judgement_rows);
      while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &row))
        gtk_widget_set_sensitive (row, FALSE);
    }
  if (self->rationale_view != NULL)
    gtk_text_view_set_editable (self->rationale_view, FALSE);
  if (self->review_row != NULL)
    gtk_widget_set_sensitive (GTK_WIDGET (self->review_row), FALSE);
  refresh_summary (self);
  update_actions (self);
  g_signal_emit (self, signals[SUBMITTED], 0, record_id);
}

static void
submit_now (WmAssessmentFlow *self)
{
  g_autoptr(GVariant) payload = wm_assessment_flow_dup_payload (self, "submitted");

  self->submit_pending = FALSE;
  wm_context_submit_assessment_async (self->context, self->case_id, self->record_id, payload,
                                      self->cancellable, submit_cb, g_object_ref (self));
}

/**
 * wm_assessment_flow_submit:
 *
 * Checks the assessment as the casebook will (complete, judgements made,
 * a rationale where one departs, the constraints), then submits it; a
 * failed check is shown and nothing is written.
 */
void
wm_assessment_flow_submit (WmAssessmentFlow *self)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (WM_IS_ASSESSMENT_FLOW (self));

  if (self->instrument == NULL || self->read_only || self->busy)
    return;
  if (!check_submission (self, &error))
    {
      set_message (self, error->message);
      toast (self, error->message);
      return;
    }
  self->busy = TRUE;
  update_actions (self);
  g_clear_handle_id (&self->save_source, g_source_remove);
  self->dirty = FALSE;
  /* A first save still in flight has not given the record its id yet. */
  if (self->saving)
    self->submit_pending = TRUE;
  else
    submit_now (self);
}

static void
amend_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(WmAssessmentFlow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) answers_copy = NULL;
  g_autoptr(GHashTable) judgements_copy = NULL;
  g_autoptr(WmInstrument) instrument = NULL;
  g_autoptr(GVariant) profile = NULL;
  g_autofree char *rationale = NULL;
  g_autofree char *review = NULL;
  gint64 amends, case_id, record_id;

  record_id = wm_context_amend_record_finish (WM_CONTEXT (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->busy = FALSE;
  if (record_id == 0)
    {
      set_message (self, error->message);
      toast (self, error->message);
      update_actions (self);
      return;
    }

  /* Start again on the amendment, an open draft with the same content. */
  amends = self->record_id;
  case_id = self->case_id;
  instrument = g_object_ref (self->instrument);
  profile = self->profile != NULL ? g_variant_ref (self->profile) : NULL;
  answers_copy = g_steal_pointer (&self->answers);
  judgements_copy = g_steal_pointer (&self->judgements);
  rationale = dup_rationale (self);
  review = g_strdup (wm_assessment_flow_get_next_review (self));
  self->answers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_variant_unref);
  self->judgements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  wm_assessment_flow_clear (self);
  g_clear_pointer (&self->answers, g_hash_table_unref);
  g_clear_pointer (&self->judgements, g_hash_table_unref);
  self->answers = g_steal_pointer (&answers_copy);
  self->judgements = g_steal_pointer (&judgements_copy);
  self->case_id = case_id;
  self->record_id = record_id;
  self->amends_id = amends;
  self->profile = g_steal_pointer (&profile);
  self->instrument = g_steal_pointer (&instrument);
  g_object_set_data_full (G_OBJECT (self), "rationale", g_steal_pointer (&rationale), g_free);
  if (review != NULL)
    {
      self->review_edited = TRUE;
      g_object_set_data_full (G_OBJECT (self), "next-review", g_steal_pointer (&review), g_free);
    }
  set_state_text (self, _("This draft amends an earlier assessment, which stays as it was."));
  build_frame (self);
  g_signal_emit (self, signals[SAVED], 0, record_id);
}

/**
 * wm_assessment_flow_amend:
 *
 * Records an amendment of the approved assessment shown: a new record,
 * linked to it, that starts as a draft with the same content. The
 * approved one stays as it was approved.
 */
void
wm_assessment_flow_amend (WmAssessmentFlow *self)
{
  g_autoptr(GVariant) payload = NULL;

  g_return_if_fail (WM_IS_ASSESSMENT_FLOW (self));

  if (self->instrument == NULL || !self->approved || self->busy)
    return;
  self->busy = TRUE;
  update_actions (self);
  payload = wm_assessment_flow_dup_payload (self, "draft");
  wm_context_amend_record_async (self->context, self->record_id, payload, self->cancellable,
                                 amend_cb, g_object_ref (self));
}

/* Reviews */

/* Getters */

WmContext *
wm_assessment_flow_get_context (WmAssessmentFlow *self)
{
  g_return_val_if_fail (WM_IS_ASSESSMENT_FLOW (self), NULL);
  return self->context;
}

gint64
wm_assessment_flow_get_record_id (WmAssessmentFlow *self)
{
  g_return_val_if_fail (WM_IS_ASSESSMENT_FLOW (self), 0);
  return self->record_id;
}

WmInstrument *
wm_assessment_flow_get_instrument (WmAssessmentFlow *self)
{
  g_return_val_if_fail (WM_IS_ASSESSMENT_FLOW (self), NULL);
  return self->instrument;
}

gboolean
wm_assessment_flow_get_read_only (WmAssessmentFlow *self)
{
  g_return_val_if_fail (WM_IS_ASSESSMENT_FLOW (self), FALSE);
  return self->read_only;
}

/**
 * wm_assessment_flow_get_busy:
 *
 * Returns: whether a save, submission or amendment is under way or waiting
 */
gboolean
wm_assessment_flow_get_busy (WmAssessmentFlow *self)
{
  g_return_val_if_fail (WM_IS_ASSESSMENT_FLOW (self), FALSE);
  return self->busy || self->saving || self->dirty || self->submit_pending;
}

const char *
wm_assessment_flow_get_message (WmAssessmentFlow *self)
{
  g_return_val_if_fail (WM_IS_ASSESSMENT_FLOW (self), NULL);
  return self->message;
}

const char *
wm_assessment_flow_get_state_text (WmAssessmentFlow *self)
{
  g_return_val_if_fail (WM_IS_ASSESSMENT_FLOW (self), NULL);
  return self->state_text;
}

guint
wm_assessment_flow_get_page (WmAssessmentFlow *self)
{
  g_return_val_if_fail (WM_IS_ASSESSMENT_FLOW (self), 0);
  return self->page;
}

/**
 * wm_assessment_flow_get_n_pages:
 *
 * Returns: the number of sections, plus one for the summary
 */
guint
wm_assessment_flow_get_n_pages (WmAssessmentFlow *self)
{
  g_return_val_if_fail (WM_IS_ASSESSMENT_FLOW (self), 0);
  return self->pages != NULL ? self->pages->len : 0;
}

/**
 * wm_assessment_flow_get_item_widget:
 * @option_id: (nullable): an option of a choice item ("not-known" and
 *   "none-of-these" included); %NULL for the entry, text view or tick box
 *
 * Builds the item's page if need be. For tests and accessibility checks.
 *
 * Returns: (transfer none) (nullable): the widget that answers @item_id
 */
GtkWidget *
wm_assessment_flow_get_item_widget (WmAssessmentFlow *self,
                                    const char       *item_id,
                                    const char       *option_id)
{
  const WmInstrumentItem *item;
  GPtrArray *sections;
  ItemView *view;

  g_return_val_if_fail (WM_IS_ASSESSMENT_FLOW (self), NULL);
  g_return_val_if_fail (item_id != NULL, NULL);

  if (self->instrument == NULL || (item = wm_instrument_find_item (self->instrument, item_id)) == NULL)
    return NULL;
  sections = wm_instrument_get_sections (self->instrument);
  for (guint i = 0; i < sections->len; i++)
    if (g_ptr_array_index (sections, i) == item->section)
      ensure_page (self, i);
  view = g_hash_table_lookup (self->views, item_id);
  if (view == NULL)
    return NULL;
  if (option_id == NULL)
    return view->entry != NULL ? view->entry
           : view->text_view != NULL ? view->text_view
           : view->buttons->len > 0 ? g_ptr_array_index (view->buttons, 0) : NULL;
  if (view->not_known != NULL && g_str_equal (option_id, WM_INSTRUMENT_NOT_KNOWN))
    return view->not_known;
  for (guint i = 0; i < view->ids->len; i++)
    if (g_str_equal (g_ptr_array_index (view->ids, i), option_id))
      return g_ptr_array_index (view->buttons, i);
  return NULL;
}

gboolean
wm_assessment_flow_get_item_shown (WmAssessmentFlow *self,
                                   const char       *item_id)
{
  ItemView *view;

  g_return_val_if_fail (WM_IS_ASSESSMENT_FLOW (self), FALSE);

  if (wm_assessment_flow_get_item_widget (self, item_id, NULL) == NULL)
    return FALSE;
  view = g_hash_table_lookup (self->views, item_id);
  return gtk_widget_get_visible (view->outer);
}

/**
 * wm_assessment_flow_get_judgement_row:
 *
 * Returns: (transfer none) (nullable): the summary's AdwComboRow for
 *   @judgement_id, building the summary if need be
 */
GtkWidget *
wm_assessment_flow_get_judgement_row (WmAssessmentFlow *self,
                                      const char       *judgement_id)
{
  g_return_val_if_fail (WM_IS_ASSESSMENT_FLOW (self), NULL);

  if (self->instrument == NULL)
    return NULL;
  ensure_page (self, self->pages->len - 1);
  return g_hash_table_lookup (self->judgement_rows, judgement_id);
}

/**
 * wm_assessment_flow_get_rationale:
 *
 * Returns: (transfer none) (nullable): the rationale's buffer, building
 *   the summary if need be; %NULL when the instrument has no judgements
 */
GtkTextBuffer *
wm_assessment_flow_get_rationale (WmAssessmentFlow *self)
{
  g_return_val_if_fail (WM_IS_ASSESSMENT_FLOW (self), NULL);

  if (self->instrument == NULL)
    return NULL;
  ensure_page (self, self->pages->len - 1);
  return self->rationale;
}

/**
 * wm_assessment_flow_get_next_review:
 *
 * Returns: (nullable): the next review date as typed or proposed
 */
const char *
wm_assessment_flow_get_next_review (WmAssessmentFlow *self)
{
  const char *text;

  g_return_val_if_fail (WM_IS_ASSESSMENT_FLOW (self), NULL);

  if (self->review_row == NULL)
    return g_object_get_data (G_OBJECT (self), "next-review");
  text = gtk_editable_get_text (GTK_EDITABLE (self->review_row));
  return *text != '\0' ? text : NULL;
}

/* Actions and GObject */

static void
previous_action_cb (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  wm_assessment_flow_previous (WM_ASSESSMENT_FLOW (widget));
}

static void
next_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  wm_assessment_flow_next (WM_ASSESSMENT_FLOW (widget));
}

static void
submit_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  wm_assessment_flow_submit (WM_ASSESSMENT_FLOW (widget));
}

static void
amend_action_cb (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  wm_assessment_flow_amend (WM_ASSESSMENT_FLOW (widget));
}

static void
locked_cb (WmAssessmentFlow *self,
           GParamSpec       *pspec,
           WmContext        *context)
{
  if (!wm_context_get_locked (context) && wm_context_get_signed_in (context))
    return;
  wm_assessment_flow_clear (self);
  g_signal_emit (self, signals[CLOSED], 0);
}

/* The session is about to lock: the change not yet saved goes now, ahead
 * of the lock, instead of being lost with the keys. */
static void
locking_cb (WmAssessmentFlow *self)
{
  save_now (self);
}

static void
wm_assessment_flow_constructed (GObject *object)
{
  WmAssessmentFlow *self = WM_ASSESSMENT_FLOW (object);

  G_OBJECT_CLASS (wm_assessment_flow_parent_class)->constructed (object);

  g_assert (WM_IS_CONTEXT (self->context));
  g_signal_connect_object (self->context, "locking", G_CALLBACK (locking_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->context, "notify::locked", G_CALLBACK (locked_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->context, "notify::signed-in", G_CALLBACK (locked_cb), self, G_CONNECT_SWAPPED);
  update_actions (self);
}

static void
wm_assessment_flow_dispose (GObject *object)
{
  WmAssessmentFlow *self = WM_ASSESSMENT_FLOW (object);

  /* Closing the window saves what was not yet saved: the write runs on
   * the store thread whatever becomes of the flow, whose callback is
   * then dropped. A locked session has nothing left to save. */
  if (self->context != NULL && !wm_context_get_locked (self->context))
    save_now (self);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->save_source, g_source_remove);
  g_clear_pointer (&self->pages, g_ptr_array_unref);
  g_clear_pointer (&self->domain_rows, g_ptr_array_unref);
  g_clear_pointer (&self->judgement_rows, g_hash_table_unref);
  /* The toast overlay is both a template child and the bin's child: the
   * bin lets go of it first (as in wm-case-page.c). */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), WM_TYPE_ASSESSMENT_FLOW);
  g_clear_pointer (&self->views, g_hash_table_unref);
  g_clear_object (&self->instrument);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (wm_assessment_flow_parent_class)->dispose (object);
}

static void
wm_assessment_flow_finalize (GObject *object)
{
  WmAssessmentFlow *self = WM_ASSESSMENT_FLOW (object);

  g_clear_pointer (&self->answers, g_hash_table_unref);
  g_clear_pointer (&self->judgements, g_hash_table_unref);
  g_clear_pointer (&self->profile, g_variant_unref);
  g_free (self->return_comments);
  g_free (self->completed_on);
  g_free (self->message);
  g_free (self->state_text);

  G_OBJECT_CLASS (wm_assessment_flow_parent_class)->finalize (object);
}

static void
wm_assessment_flow_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  WmAssessmentFlow *self = WM_ASSESSMENT_FLOW (object);

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
wm_assessment_flow_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  WmAssessmentFlow *self = WM_ASSESSMENT_FLOW (object);

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
wm_assessment_flow_class_init (WmAssessmentFlowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = wm_assessment_flow_constructed;
  object_class->dispose = wm_assessment_flow_dispose;
  object_class->finalize = wm_assessment_flow_finalize;
  object_class->get_property = wm_assessment_flow_get_property;
  object_class->set_property = wm_assessment_flow_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, WM_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * WmAssessmentFlow::saved:
   * @record_id: the assessment record written
   */
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  signals[SUBMITTED] = g_signal_new ("submitted", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  /**
   * WmAssessmentFlow::closed:
   *
   * The session locked or ended and the flow emptied itself: whatever
   * holds it should close.
   */
  signals[CLOSED] = g_signal_new ("closed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/waymark/Waymark/wm-assessment-flow.ui");
  gtk_widget_class_bind_template_child (widget_class, WmAssessmentFlow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, WmAssessmentFlow, title_label);
  gtk_widget_class_bind_template_child (widget_class, WmAssessmentFlow, state_label);
  gtk_widget_class_bind_template_child (widget_class, WmAssessmentFlow, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, WmAssessmentFlow, progress_label);
  gtk_widget_class_bind_template_child (widget_class, WmAssessmentFlow, step_list);
  gtk_widget_class_bind_template_child (widget_class, WmAssessmentFlow, stack);
  gtk_widget_class_bind_template_child (widget_class, WmAssessmentFlow, save_label);
  gtk_widget_class_bind_template_child (widget_class, WmAssessmentFlow, previous_button);
  gtk_widget_class_bind_template_child (widget_class, WmAssessmentFlow, next_button);
  gtk_widget_class_bind_template_child (widget_class, WmAssessmentFlow, submit_button);
  gtk_widget_class_bind_template_child (widget_class, WmAssessmentFlow, amend_button);
  gtk_widget_class_bind_template_callback (widget_class, step_activated_cb);

  gtk_widget_class_install_action (widget_class, "flow.previous", NULL, previous_action_cb);
  gtk_widget_class_install_action (widget_class, "flow.next", NULL, next_action_cb);
  gtk_widget_class_install_action (widget_class, "flow.submit", NULL, submit_action_cb);
  gtk_widget_class_install_action (widget_class, "flow.amend", NULL, amend_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Down, GDK_CONTROL_MASK, "flow.next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Up, GDK_CONTROL_MASK, "flow.previous", NULL);
}

static void
wm_assessment_flow_init (WmAssessmentFlow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  wm_accessible_name_mnemonic_buttons (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->answers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_variant_unref);
  self->judgements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->views = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) item_view_free);
  self->age = WM_INSTRUMENT_AGE_UNKNOWN;
}

/**
 * wm_assessment_flow_new:
 * @context: the window's context; the organisation's review intervals
 *   come from it too
 */
WmAssessmentFlow *
wm_assessment_flow_new (WmContext *context)
{
  g_return_val_if_fail (WM_IS_CONTEXT (context), NULL);

  return g_object_new (WM_TYPE_ASSESSMENT_FLOW, "context", context, NULL);
}
