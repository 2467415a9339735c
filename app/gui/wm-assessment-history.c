/* wm-assessment-history.c — every assessment of a young person, with a chart of levels and ACE count over time
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Given the records of a case (as wm_context_open_case_async() read them),
 * lists each assessment, newest first: its instrument and version, its
 * date, its state (draft, submitted, approved, returned), its headline
 * figures and what it amends. Each is scored with the very instrument
 * version it was made with (wm_instrument_registry_find_for()), so an old
 * assessment reads as it was made, even after a newer version ships.
 *
 * The chart draws, over time, the levels judged for safety and wellbeing
 * and for risk of serious harm (lines, 0 to 3) and the ACE count (bars,
 * 0 to 10). A chart says nothing to a screen reader, so the same figures
 * are its accessible description and the rows' text; the ACE count always
 * carries the instrument's note that it is a population measure, not a
 * prediction about this young person.
 */

#define G_LOG_DOMAIN "wm-assessment-history"

#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>

#include "wm-assessment.h"
#include "wm-assessment-history.h"
#include "wm-context.h"
#include "wm-date.h"
#include "wm-instrument-registry.h"
#include "wm-instrument-score.h"
#include "wm-payload.h"
#include "wm-term.h"

typedef struct
{
  WmRecord     *record;
  WmInstrument *instrument;   /* or NULL: not known to this Waymark */
  GDate         date;
  int           ace_count;    /* -1: not an ACE record */
  gboolean      ace_flag;
  int           levels[2];    /* safety-wellbeing, serious-harm: 0-3, or -1 */
  char         *text;         /* what the row says, for the chart's description too */
} Entry;

struct _WmAssessmentHistory
{
  AdwBin          parent_instance;

  GPtrArray      *entries;  /* Entry, newest first */
  GtkWidget      *chart;
  GtkWidget      *list;
  GtkWidget      *empty_label;
};

G_DEFINE_FINAL_TYPE (WmAssessmentHistory, wm_assessment_history, ADW_TYPE_BIN)

enum {
  OPEN_ASSESSMENT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char * const charted_judgements[] = {
  WM_JUDGEMENT_SAFETY_WELLBEING,
  WM_JUDGEMENT_SERIOUS_HARM,
};

static void
entry_free (Entry *entry)
{
  g_clear_pointer (&entry->record, wm_record_free);
  g_clear_object (&entry->instrument);
  g_free (entry->text);
  g_free (entry);
}

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  const Entry *ea = *(Entry **) a;
  const Entry *eb = *(Entry **) b;
  int by_date = g_date_compare (&eb->date, &ea->date);

  if (by_date != 0)
    return by_date;
  return (eb->record->written_usec > ea->record->written_usec) - (eb->record->written_usec < ea->record->written_usec);
}

static const Entry *
find_entry (WmAssessmentHistory *self,
            gint64               record_id)
{
  for (guint i = 0; self->entries != NULL && i < self->entries->len; i++)
    {
      const Entry *entry = g_ptr_array_index (self->entries, i);

      if (entry->record->record_id == record_id)
        return entry;
    }
  return NULL;
}

static const Entry *
find_amendment_of (WmAssessmentHistory *self,
                   gint64               record_id)
{
  for (guint i = 0; i < self->entries->len; i++)
    {
      const Entry *entry = g_ptr_array_index (self->entries, i);

      if (entry->record->amends_id == record_id)
        return entry;
    }
  return NULL;
}

static char *
format_date (const GDate *date)
{
  char text[64];

  if (!g_date_valid (date))
    return g_strdup (_("no date"));
  /* Translators: a date as an assessment list shows it; see strftime(3). */
  g_date_strftime (text, sizeof text, _("%-d %B %Y"), date);
  return g_strdup (text);
}

static const char *
state_label (WmAssessmentHistory *self,
             const Entry         *entry)
{
  const WmRecord *record = entry->record;
  const Entry *amendment = find_amendment_of (self, record->record_id);
  const char *state = wm_payload_get_string (record->payload, WM_ASSESSMENT_STATE);

  if (record->approved_by != 0)
    return amendment != NULL ? _("Approved, since amended") : _("Approved");
  if (record->immutable)
    return amendment != NULL ? _("Returned for changes") : _("Submitted for approval");
  if (wm_payload_get_string (record->payload, WM_ASSESSMENT_RETURN_COMMENTS) != NULL)
    return _("Returned for changes");
  return wm_term_get_label (wm_assessment_states, state != NULL ? state : "draft");
}

static void
build_entry_text (WmAssessmentHistory *self,
                  Entry               *entry)
{
  GVariant *payload = entry->record->payload;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *date = format_date (&entry->date);
  const char *comments = wm_payload_get_string (payload, WM_ASSESSMENT_RETURN_COMMENTS);

  if (entry->instrument != NULL)
    /* Translators: an instrument's title, its version, and a date. */
    g_string_append_printf (text, _("%s (version %u), %s"),
                            wm_instrument_gettext (entry->instrument, wm_instrument_get_title (entry->instrument)),
                            wm_instrument_get_version (entry->instrument), date);
  else
    g_string_append_printf (text, _("Unknown instrument, %s"), date);
  g_string_append_printf (text, ". %s.", state_label (self, entry));

  if (entry->ace_count >= 0)
    {
      const WmInstrumentDomain *domain = wm_instrument_find_domain (entry->instrument, "ace-count");

      g_string_append (text, " ");
      g_string_append_printf (text, _("ACE count %d"), entry->ace_count);
      if (entry->ace_flag)
        g_string_append_printf (text, " (%s)", _("4 or more"));
      g_string_append (text, ".");
      if (domain != NULL && domain->note != NULL)
        g_string_append_printf (text, " %s", wm_instrument_gettext (entry->instrument, domain->note));
      else
        g_string_append_printf (text, " %s",
                                _("The count is a population measure that points to support, not a "
                                  "prediction about this young person."));
    }
  for (guint i = 0; i < G_N_ELEMENTS (charted_judgements); i++)
    {
      const char *level = wm_assessment_get_judgement (payload, charted_judgements[i]);

      if (level != NULL)
        g_string_append_printf (text, " %s: %s.", wm_term_get_label (wm_judgements, charted_judgements[i]),
                                wm_term_get_label (wm_risk_levels, level));
    }
  {
    const char *exploitation = wm_assessment_get_judgement (payload, WM_JUDGEMENT_EXPLOITATION);

    if (exploitation != NULL)
      g_string_append_printf (text, " %s: %s.", wm_term_get_label (wm_judgements, WM_JUDGEMENT_EXPLOITATION),
                              wm_term_get_label (wm_exploitation_levels, exploitation));
  }
  if (entry->record->amends_id != 0)
    {
      const Entry *original = find_entry (self, entry->record->amends_id);
      g_autofree char *original_date = original != NULL ? format_date (&original->date) : NULL;

      g_string_append (text, " ");
      if (original_date != NULL)
        g_string_append_printf (text, _("Amends the assessment of %s."), original_date);
      else
        g_string_append (text, _("Amends an earlier assessment."));
    }
  if (comments != NULL && !entry->record->immutable)
    {
      g_string_append (text, " ");
      g_string_append_printf (text, _("Supervisor’s comments: %s"), comments);
    }
  entry->text = g_string_free (g_steal_pointer (&text), FALSE);
}

static Entry *
new_entry (const WmRecord *record)
{
  Entry *entry = g_new0 (Entry, 1);
  g_autoptr(GVariant) answers = NULL;
  const char *completed_on;
  WmInstrument *instrument;

  entry->record = wm_record_copy (record);
  entry->ace_count = -1;
  entry->levels[0] = entry->levels[1] = -1;
  g_date_clear (&entry->date, 1);
  completed_on = wm_payload_get_string (record->payload, WM_ASSESSMENT_COMPLETED_ON);
  if (completed_on == NULL || !wm_date_parse_iso (completed_on, &entry->date, NULL))
    {
      g_autoptr(GDateTime) written = g_date_time_new_from_unix_utc (record->written_usec / G_USEC_PER_SEC);

      if (written != NULL)
        g_date_set_dmy (&entry->date, g_date_time_get_day_of_month (written),
                        g_date_time_get_month (written), g_date_time_get_year (written));
    }

  /* Each assessment with its own instrument version. */
  instrument = wm_instrument_registry_find_for (wm_instrument_registry_get_default (), record->payload, NULL);
  entry->instrument = instrument != NULL ? g_object_ref (instrument) : NULL;
  answers = wm_payload_get_value (record->payload, WM_ASSESSMENT_ANSWERS, G_VARIANT_TYPE_VARDICT);
  if (entry->instrument != NULL && g_strcmp0 (wm_instrument_get_id (entry->instrument), WM_INSTRUMENT_ACE) == 0)
    {
      g_autoptr(WmInstrumentScore) score = wm_instrument_score (entry->instrument, answers,
                                                                WM_INSTRUMENT_AGE_UNKNOWN);
      const WmDomainScore *domain = wm_instrument_score_get_domain (score, "ace-count");

      if (domain != NULL)
        {
          entry->ace_count = domain->score;
          entry->ace_flag = domain->band != NULL && domain->band->flag;
        }
    }
  for (guint i = 0; i < G_N_ELEMENTS (charted_judgements); i++)
    entry->levels[i] = wm_term_index (wm_risk_levels,
                                      wm_assessment_get_judgement (record->payload, charted_judgements[i]));
  return entry;
}

/* The chart */

static void
draw_text (GtkWidget  *widget,
           cairo_t    *cr,
           double      x,
           double      y,
           const char *text)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, text);

  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}

static void
draw_chart_cb (GtkDrawingArea *area,
               cairo_t        *cr,
               int             width,
               int             height,
               gpointer        user_data)
{
  WmAssessmentHistory *self = user_data;
  GtkWidget *widget = GTK_WIDGET (area);
  const double left = 90, right = 40, top = 12, bottom = 28;
  double plot_w = width - left - right, plot_h = height - top - bottom;
  g_autoptr(GPtrArray) dated = g_ptr_array_new ();
  GdkRGBA fg;
  static const double line_colours[2][3] = { { 0.11, 0.44, 0.85 }, { 0.75, 0.11, 0.16 } };
  guint32 first, last;

  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  if (self->entries == NULL || plot_w <= 10 || plot_h <= 10)
    return;
  for (guint i = self->entries->len; i > 0; i--)
    {
      Entry *entry = g_ptr_array_index (self->entries, i - 1);

      if (g_date_valid (&entry->date) && (entry->ace_count >= 0 || entry->levels[0] >= 0 || entry->levels[1] >= 0))
        g_ptr_array_add (dated, entry);
    }
  /* Axes and the level scale on the left, the ACE count on the right. */
  cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.4);
  cairo_set_line_width (cr, 1);
  for (int level = 0; level < 4; level++)
    {
      double y = top + plot_h - level * plot_h / 3;

      cairo_move_to (cr, left, y + 0.5);
      cairo_line_to (cr, left + plot_w, y + 0.5);
    }
  cairo_stroke (cr);
  gdk_cairo_set_source_rgba (cr, &fg);
  for (int level = 0; level < 4; level++)
    draw_text (widget, cr, 4, top + plot_h - level * plot_h / 3 - 9,
               _(wm_risk_levels[level].label));
  draw_text (widget, cr, left + plot_w + 6, top - 4, "10");
  draw_text (widget, cr, left + plot_w + 6, top + plot_h - 12, "0");
  if (dated->len == 0)
    {
      draw_text (widget, cr, left + 8, top + plot_h / 2 - 8, _("No dated assessments yet"));
      return;
    }

  first = g_date_get_julian (&((Entry *) g_ptr_array_index (dated, 0))->date);
  last = g_date_get_julian (&((Entry *) g_ptr_array_index (dated, dated->len - 1))->date);
#define X_OF(entry) (dated->len == 1 || last == first ? left + plot_w / 2 \
                     : left + 16 + (plot_w - 32) * (double) (g_date_get_julian (&(entry)->date) - first) / (last - first))

  /* ACE counts, as bars against the right-hand scale. */
  for (guint i = 0; i < dated->len; i++)
    {
      Entry *entry = g_ptr_array_index (dated, i);
      double bar_h;

      if (entry->ace_count < 0)
        continue;
      bar_h = plot_h * MIN (entry->ace_count, 10) / 10.0;
      if (entry->ace_flag)
        cairo_set_source_rgba (cr, 0.90, 0.55, 0.0, 0.75);
      else
        cairo_set_source_rgba (cr, 0.55, 0.55, 0.55, 0.6);
      cairo_rectangle (cr, X_OF (entry) - 6, top + plot_h - bar_h, 12, bar_h);
      cairo_fill (cr);
    }

  /* Levels, as lines with points. */
  for (guint j = 0; j < G_N_ELEMENTS (charted_judgements); j++)
    {
      gboolean started = FALSE;

      cairo_set_source_rgb (cr, line_colours[j][0], line_colours[j][1], line_colours[j][2]);
      cairo_set_line_width (cr, 2);
      for (guint i = 0; i < dated->len; i++)
        {
          Entry *entry = g_ptr_array_index (dated, i);
          double y;

          if (entry->levels[j] < 0)
            continue;
          y = top + plot_h - entry->levels[j] * plot_h / 3 + (j == 0 ? -2 : 2);
          if (started)
            cairo_line_to (cr, X_OF (entry), y);
          else
            cairo_move_to (cr, X_OF (entry), y);
          started = TRUE;
        }
      cairo_stroke (cr);
      for (guint i = 0; i < dated->len; i++)
        {
          Entry *entry = g_ptr_array_index (dated, i);

          if (entry->levels[j] < 0)
            continue;
          cairo_arc (cr, X_OF (entry), top + plot_h - entry->levels[j] * plot_h / 3 + (j == 0 ? -2 : 2),
                     4, 0, 2 * G_PI);
          cairo_fill (cr);
        }
    }
#undef X_OF

  /* The first and last dates under the axis. */
  gdk_cairo_set_source_rgba (cr, &fg);
  {
    g_autofree char *from = format_date (&((Entry *) g_ptr_array_index (dated, 0))->date);
    g_autofree char *to = format_date (&((Entry *) g_ptr_array_index (dated, dated->len - 1))->date);

    draw_text (widget, cr, left, top + plot_h + 6, from);
    if (dated->len > 1)
      {
        g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, to);
        int text_w;

        pango_layout_get_pixel_size (layout, &text_w, NULL);
        cairo_move_to (cr, left + plot_w - text_w, top + plot_h + 6);
        pango_cairo_show_layout (cr, layout);
      }
  }
}

/* Rows */

static void
row_activated_cb (AdwActionRow        *row,
                  WmAssessmentHistory *self)
{
  gint64 record_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "record-id"));

  g_signal_emit (self, signals[OPEN_ASSESSMENT], 0, record_id);
}

static GtkWidget *
new_row (WmAssessmentHistory *self,
         const Entry         *entry)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *date = format_date (&entry->date);
  const char *title = entry->instrument != NULL
                      ? wm_instrument_gettext (entry->instrument, wm_instrument_get_title (entry->instrument))
                      : _("Unknown instrument");
  g_autofree char *heading = g_strdup_printf ("%s — %s", date, title);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), heading);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), entry->text);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), entry->instrument != NULL);
  if (entry->instrument != NULL)
    adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  if (entry->ace_flag)
    gtk_widget_add_css_class (row, "warning");
  g_object_set_data (G_OBJECT (row), "record-id", GSIZE_TO_POINTER (entry->record->record_id));
  g_signal_connect (row, "activated", G_CALLBACK (row_activated_cb), self);
  return row;
}

/**
 * wm_assessment_history_clear:
 *
 * Drops every assessment shown (the window locked).
 */
void
wm_assessment_history_clear (WmAssessmentHistory *self)
{
  GtkListBoxRow *row;

  g_return_if_fail (WM_IS_ASSESSMENT_HISTORY (self));

  while ((row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (self->list), 0)) != NULL)
    gtk_list_box_remove (GTK_LIST_BOX (self->list), GTK_WIDGET (row));
  g_clear_pointer (&self->entries, g_ptr_array_unref);
  gtk_accessible_reset_property (GTK_ACCESSIBLE (self->chart), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
  gtk_widget_set_visible (self->chart, FALSE);
  gtk_widget_set_visible (self->list, FALSE);
  gtk_widget_set_visible (self->empty_label, TRUE);
  gtk_widget_queue_draw (self->chart);
}

/**
 * wm_assessment_history_set_records:
 * @records: (element-type WmRecord): a case's records, as opened; the
 *   assessments among them are shown, the rest ignored
 */
void
wm_assessment_history_set_records (WmAssessmentHistory *self,
                                   GPtrArray           *records)
{
  g_autofree char *figures = NULL;

  g_return_if_fail (WM_IS_ASSESSMENT_HISTORY (self));
  g_return_if_fail (records != NULL);

  wm_assessment_history_clear (self);
  self->entries = g_ptr_array_new_with_free_func ((GDestroyNotify) entry_free);
  for (guint i = 0; i < records->len; i++)
    {
      const WmRecord *record = g_ptr_array_index (records, i);

      if (record->kind == WM_RECORD_ASSESSMENT && record->payload != NULL)
        g_ptr_array_add (self->entries, new_entry (record));
    }
  g_ptr_array_sort (self->entries, compare_entries);
  for (guint i = 0; i < self->entries->len; i++)
    build_entry_text (self, g_ptr_array_index (self->entries, i));
  for (guint i = 0; i < self->entries->len; i++)
    gtk_list_box_append (GTK_LIST_BOX (self->list), new_row (self, g_ptr_array_index (self->entries, i)));

  figures = wm_assessment_history_dup_figures_text (self);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->chart), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, figures, -1);
  gtk_widget_set_visible (self->chart, self->entries->len > 0);
  gtk_widget_set_visible (self->list, self->entries->len > 0);
  gtk_widget_set_visible (self->empty_label, self->entries->len == 0);
  gtk_widget_queue_draw (self->chart);
}

guint
wm_assessment_history_get_n_assessments (WmAssessmentHistory *self)
{
  g_return_val_if_fail (WM_IS_ASSESSMENT_HISTORY (self), 0);
  return self->entries != NULL ? self->entries->len : 0;
}

/**
 * wm_assessment_history_get_record:
 *
 * Returns: (transfer none) (nullable): the assessment @record_id as shown
 */
const WmRecord *
wm_assessment_history_get_record (WmAssessmentHistory *self,
                                  gint64               record_id)
{
  const Entry *entry;

  g_return_val_if_fail (WM_IS_ASSESSMENT_HISTORY (self), NULL);

  entry = find_entry (self, record_id);
  return entry != NULL ? entry->record : NULL;
}

/**
 * wm_assessment_history_find_draft:
 * @instrument_id: (nullable): an instrument's id, or %NULL for any
 *
 * Returns: (transfer none) (nullable): the newest assessment still open
 *   to its caseworker (a draft, or one returned for changes)
 */
const WmRecord *
wm_assessment_history_find_draft (WmAssessmentHistory *self,
                                  const char          *instrument_id)
{
  g_return_val_if_fail (WM_IS_ASSESSMENT_HISTORY (self), NULL);

  for (guint i = 0; self->entries != NULL && i < self->entries->len; i++)
    {
      const Entry *entry = g_ptr_array_index (self->entries, i);

      if (!entry->record->immutable && entry->instrument != NULL
          && (instrument_id == NULL || g_strcmp0 (wm_instrument_get_id (entry->instrument), instrument_id) == 0))
        return entry->record;
    }
  return NULL;
}

/**
 * wm_assessment_history_dup_figures_text:
 *
 * Returns: (transfer full): what the chart shows, as sentences, newest
 *   first: the chart's accessible description
 */
char *
wm_assessment_history_dup_figures_text (WmAssessmentHistory *self)
{
  g_autoptr(GString) text = g_string_new (NULL);

  g_return_val_if_fail (WM_IS_ASSESSMENT_HISTORY (self), NULL);

  for (guint i = 0; self->entries != NULL && i < self->entries->len; i++)
    {
      const Entry *entry = g_ptr_array_index (self->entries, i);

      if (text->len > 0)
        g_string_append (text, "\n");
      g_string_append (text, entry->text);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/**
 * wm_assessment_history_dup_row_text:
 *
 * Returns: (transfer full) (nullable): what the row of @record_id says
 */
char *
wm_assessment_history_dup_row_text (WmAssessmentHistory *self,
                                    gint64               record_id)
{
  const Entry *entry;

  g_return_val_if_fail (WM_IS_ASSESSMENT_HISTORY (self), NULL);

  entry = find_entry (self, record_id);
  return entry != NULL ? g_strdup (entry->text) : NULL;
}

GtkWidget *
wm_assessment_history_get_chart (WmAssessmentHistory *self)
{
  g_return_val_if_fail (WM_IS_ASSESSMENT_HISTORY (self), NULL);
  return self->chart;
}

static void
wm_assessment_history_dispose (GObject *object)
{
  WmAssessmentHistory *self = WM_ASSESSMENT_HISTORY (object);

  g_clear_pointer (&self->entries, g_ptr_array_unref);
  adw_bin_set_child (ADW_BIN (self), NULL);

  G_OBJECT_CLASS (wm_assessment_history_parent_class)->dispose (object);
}

static void
wm_assessment_history_class_init (WmAssessmentHistoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = wm_assessment_history_dispose;

  /**
   * WmAssessmentHistory::open-assessment:
   * @record_id: the assessment chosen
   */
  signals[OPEN_ASSESSMENT] = g_signal_new ("open-assessment", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                           0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
}

static void
wm_assessment_history_init (WmAssessmentHistory *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *legend;

  self->chart = g_object_new (GTK_TYPE_DRAWING_AREA,
                              "accessible-role", GTK_ACCESSIBLE_ROLE_IMG,
                              "content-height", 180,
                              "visible", FALSE,
                              NULL);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self->chart), draw_chart_cb, self, NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->chart), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Chart of judged levels and ACE count over time; the same figures are "
                                    "listed below"), -1);
  gtk_widget_add_css_class (self->chart, "card");
  legend = gtk_label_new (_("Lines: safety and wellbeing (blue), risk of serious harm (red), low to very high. "
                            "Bars: ACE count, 0 to 10; amber at 4 or more, a population measure, not a "
                            "prediction."));
  gtk_label_set_wrap (GTK_LABEL (legend), TRUE);
  gtk_label_set_xalign (GTK_LABEL (legend), 0);
  gtk_widget_add_css_class (legend, "dim-label");
  gtk_widget_add_css_class (legend, "caption");
  g_object_bind_property (self->chart, "visible", legend, "visible", G_BINDING_SYNC_CREATE);

  self->list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (self->list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (self->list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Assessments"), -1);
  gtk_widget_set_visible (self->list, FALSE);
  self->empty_label = gtk_label_new (_("No assessments yet."));
  gtk_label_set_xalign (GTK_LABEL (self->empty_label), 0);
  gtk_widget_add_css_class (self->empty_label, "dim-label");

  gtk_box_append (GTK_BOX (box), self->chart);
  gtk_box_append (GTK_BOX (box), legend);
  gtk_box_append (GTK_BOX (box), self->list);
  gtk_box_append (GTK_BOX (box), self->empty_label);
  adw_bin_set_child (ADW_BIN (self), box);
}

WmAssessmentHistory *
wm_assessment_history_new (void)
{
  return g_object_new (WM_TYPE_ASSESSMENT_HISTORY, NULL);
}
