/* wm-caseload-view.c — the caseload: search, filters and a sortable table of cases
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shows a list of WmCase (made by the context off the main thread) in a
 * GtkColumnView: the list is sorted first and filtered after, so that a
 * keystroke in the search only filters (the order is kept), and a click on
 * a column header only sorts what is already loaded. Levels are shown as
 * words with a colour, never colour alone; an overdue review and a long
 * time without contact say so in words too.
 *
 * The view holds case data only in its models and cells:
 * wm_caseload_view_clear() empties the models, which unbinds every cell,
 * and the search entry, which could hold part of a name.
 */

#define G_LOG_DOMAIN "wm-caseload-view"

#include "config.h"

#include <glib/gi18n.h>

#include "wm-assessment.h"
#include "wm-case.h"
#include "wm-caseload-view.h"
#include "wm-person.h"
#include "wm-store.h"

/* The caseworker comes second: a supervisor reads the team's caseload by
 * who holds each case, and the last columns can be off a laptop's screen. */
typedef enum
{
  COLUMN_NAME,
  COLUMN_CASEWORKER,
  COLUMN_REFERENCE,
  COLUMN_AGE,
  COLUMN_AREA,
  COLUMN_PROGRAMME,
  COLUMN_STATUS,
  COLUMN_SAFETY_WELLBEING,
  COLUMN_SERIOUS_HARM,
  COLUMN_EXPLOITATION,
  COLUMN_NEXT_REVIEW,
  COLUMN_LAST_CONTACT,
  N_COLUMNS
} Column;

/* Widths that fit a 1366-pixel screen with the name column taking the rest;
 * a column whose text is longer ellipsises, and the full text is in the
 * young person's record. */
static const int column_widths[N_COLUMNS] = {
  200, 110, 110, 50, 140, 150, 85, 140, 115, 110, 160, 125,
};

static const char * const column_titles[N_COLUMNS] = {
  N_("Name"),
  N_("Caseworker"),
  N_("Reference"),
  N_("Age"),
  N_("Local Authority"),
  N_("Programme"),
  N_("Status"),
  N_("Safety & Wellbeing"),
  N_("Serious Harm"),
  N_("Exploitation"),
  N_("Next Review"),
  N_("Last Contact"),
};

/* The level filter's choices after "Any level", and what each asks. */
static const struct
{
  const char *judgement;
  int         min_rank;    /* on the judgement's scale */
  const char *label;
} level_filters[] = {
  { WM_JUDGEMENT_SAFETY_WELLBEING, 2, N_("Safety & wellbeing high or very high") },
  { WM_JUDGEMENT_SERIOUS_HARM, 2, N_("Serious harm high or very high") },
  { WM_JUDGEMENT_EXPLOITATION, 2, N_("Exploitation moderate or significant") },
};

typedef struct _WmCaseloadView WmCaseloadView;

typedef struct
{
  WmCaseloadView *view;
  Column          column;
} ColumnData;

struct _WmCaseloadView
{
  AdwBin              parent_instance;

  GListStore         *empty_cases;
  GListModel         *cases;
  GtkSortListModel   *sorted;
  GtkFilterListModel *filtered;
  GtkCustomFilter    *filter;
  GtkSingleSelection *selection;
  ColumnData          column_data[N_COLUMNS];
  GtkColumnViewColumn *caseworker_column;
  GHashTable         *caseworker_names;   /* user id -> name */
  GHashTable         *label_keys;         /* label -> its collation key */
  GArray             *caseworker_ids;     /* the caseworker filter's choices */

  /* The filters. */
  char               *query;              /* folded */
  const char         *status;
  const char         *area;
  int                 level_filter;       /* -1: any */
  gboolean            overdue_only;
  WmContactFilter     contact_filter;
  gint64              caseworker_id;      /* 0: any */

  GtkSearchEntry     *search_entry;
  GtkBox             *filter_box;
  GtkStack           *stack;
  GtkColumnView      *column_view;
  GtkDropDown        *status_drop_down;
  GtkDropDown        *area_drop_down;
  GtkDropDown        *level_drop_down;
  GtkDropDown        *review_drop_down;
  GtkDropDown        *contact_drop_down;
  GtkDropDown        *caseworker_drop_down;
};

G_DEFINE_FINAL_TYPE (WmCaseloadView, wm_caseload_view, ADW_TYPE_BIN)

enum {
  CASE_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *
level_term_label (const char *judgement,
                  const char *level)
{
  return g_str_equal (judgement, WM_JUDGEMENT_EXPLOITATION)
         ? wm_term_get_label (wm_exploitation_levels, level)
         : wm_term_get_label (wm_risk_levels, level);
}

static const char *
column_judgement (Column column)
{
  if (column == COLUMN_SAFETY_WELLBEING)
    return WM_JUDGEMENT_SAFETY_WELLBEING;
  if (column == COLUMN_SERIOUS_HARM)
    return WM_JUDGEMENT_SERIOUS_HARM;
  if (column == COLUMN_EXPLOITATION)
    return WM_JUDGEMENT_EXPLOITATION;
  return NULL;
}

static char *
format_date (const char *iso)
{
  g_autoptr(GDateTime) date = NULL;
  g_autofree char *midnight = NULL;

  if (iso == NULL)
    return NULL;
  midnight = g_strconcat (iso, "T00:00:00Z", NULL);
  date = g_date_time_new_from_iso8601 (midnight, NULL);
  /* Translators: a date in the caseload, as strftime() writes it: "4 Mar 2027". */
  return date != NULL ? g_date_time_format (date, _("%-d %b %Y")) : g_strdup (iso);
}

/* What a cell shows, and the style class that colours it (besides words). */
static char *
cell_text (WmCaseloadView  *self,
           WmCase          *item,
           Column           column,
           const char     **out_style)
{
  const char *judgement = column_judgement (column);
  int days;

  *out_style = NULL;
  if (judgement != NULL)
    {
      const char *level = wm_case_get_level (item, judgement);

      if (level == NULL)
        return g_strdup (_("Not assessed"));
      *out_style = level;
      return g_strdup (level_term_label (judgement, level));
    }

  switch (column)
    {
    case COLUMN_NAME:
      return g_strdup (wm_case_get_display_name (item));
    case COLUMN_REFERENCE:
      return g_strdup (wm_case_get_reference (item));
    case COLUMN_AGE:
      return wm_case_get_age (item) >= 0 ? g_strdup_printf ("%d", wm_case_get_age (item)) : g_strdup ("—");
    case COLUMN_AREA:
      return g_strdup (wm_term_get_label (wm_local_authorities, wm_case_get_local_authority (item)));
    case COLUMN_PROGRAMME:
      /* An organisation's own programme is shown as it was written
       * (wm_term_get_label() gives back an id it does not know). */
      return g_strdup (wm_term_get_label (wm_programmes, wm_case_get_programme (item)));
    case COLUMN_STATUS:
      return g_strdup (wm_term_get_label (wm_case_statuses, wm_case_get_status (item)));
    case COLUMN_NEXT_REVIEW:
      {
        g_autofree char *date = format_date (wm_case_get_next_review (item));

        if (date == NULL)
          return g_strdup (_("None set"));
        if (!wm_case_get_review_overdue (item))
          return g_steal_pointer (&date);
        *out_style = "overdue";
        /* Translators: %s is a date in the past. */
        return g_strdup_printf (_("Overdue: %s"), date);
      }
    case COLUMN_LAST_CONTACT:
      days = wm_case_get_days_since_contact (item);
      if (days < 0)
        {
          *out_style = "no-contact";
          return g_strdup (_("None recorded"));
        }
      if (days >= WM_CASE_CONTACT_WARNING_DAYS)
        *out_style = days >= WM_CASE_CONTACT_ALERT_DAYS ? "no-contact" : "late-contact";
      if (days == 0)
        return g_strdup (_("Today"));
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day ago", "%d days ago", days), days);
    case COLUMN_CASEWORKER:
      {
        const char *name = g_hash_table_lookup (self->caseworker_names,
                                                &(gint64) { wm_case_get_caseworker_id (item) });

        return g_strdup (name != NULL ? name : "");
      }
    case COLUMN_SAFETY_WELLBEING:
    case COLUMN_SERIOUS_HARM:
    case COLUMN_EXPLOITATION:
    case N_COLUMNS:
    default:
      g_assert_not_reached ();
    }
}

static void
name_clicked_cb (GtkButton   *button,
                 GtkListItem *list_item)
{
  WmCaseloadView *view = g_object_get_data (G_OBJECT (button), "wm-view");
  WmCase *item = gtk_list_item_get_item (list_item);

  if (item != NULL)
    g_signal_emit (view, signals[CASE_ACTIVATED], 0, wm_case_get_id (item));
}

/* The cell's label: the child of the name's button, or the cell itself. */
static GtkLabel *
cell_label (GtkListItem *list_item)
{
  GtkWidget *child = gtk_list_item_get_child (list_item);

  return GTK_IS_BUTTON (child) ? GTK_LABEL (gtk_button_get_child (GTK_BUTTON (child))) : GTK_LABEL (child);
}

/* Every cell is a label, but the name is a flat button that opens the
 * record: besides Enter or a double click on the row, it gives screen
 * readers, which GTK 4.8 tells nothing about a row, a control named after
 * the young person that opens their record. */
static void
setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               ColumnData               *data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (data->column == COLUMN_NAME)
    {
      GtkWidget *button = gtk_button_new ();

      gtk_button_set_child (GTK_BUTTON (button), label);
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_add_css_class (button, "name-button");
      g_object_set_data (G_OBJECT (button), "wm-view", data->view);
      g_signal_connect (button, "clicked", G_CALLBACK (name_clicked_cb), list_item);
      gtk_list_item_set_child (list_item, button);
      return;
    }
  gtk_list_item_set_child (list_item, label);
}

static void
bind_cell_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              ColumnData               *data)
{
  GtkWidget *label = GTK_WIDGET (cell_label (list_item));
  WmCase *item = gtk_list_item_get_item (list_item);
  const char *style = NULL;
  g_autofree char *text = cell_text (data->view, item, data->column, &style);
  g_autofree char *style_class = NULL;

  gtk_label_set_label (GTK_LABEL (label), text);
  /* GTK 4.8 does not name a button after a label inside it. */
  if (data->column == COLUMN_NAME)
    gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_list_item_get_child (list_item)),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
  if (style != NULL)
    {
      style_class = g_strconcat ("level-", style, NULL);
      gtk_widget_add_css_class (label, style_class);
      g_object_set_data_full (G_OBJECT (label), "wm-style", g_steal_pointer (&style_class), g_free);
    }
}

static void
unbind_cell_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                ColumnData               *data)
{
  GtkWidget *label = GTK_WIDGET (cell_label (list_item));
  const char *style_class = g_object_get_data (G_OBJECT (label), "wm-style");

  if (style_class != NULL)
    gtk_widget_remove_css_class (label, style_class);
  g_object_set_data (G_OBJECT (label), "wm-style", NULL);
  /* Nothing of the young person stays in a recycled cell. */
  gtk_label_set_label (GTK_LABEL (label), "");
  if (data->column == COLUMN_NAME)
    gtk_accessible_reset_property (GTK_ACCESSIBLE (gtk_list_item_get_child (list_item)),
                                   GTK_ACCESSIBLE_PROPERTY_LABEL);
}

static int
compare_strings (const char *a,
                 const char *b)
{
  /* Collation keys and ISO dates order bytewise; unset sorts last in
   * ascending order. */
  if (a == NULL || b == NULL)
    return (a == NULL) - (b == NULL);
  return strcmp (a, b);
}

static int
compare_ints (int a,
              int b)
{
  return (a > b) - (a < b);
}

/* The collation key of a vocabulary column's label (area, programme,
 * status, caseworker): a handful of distinct labels, each keyed once, so a
 * sort of 10,000 rows does not collate strings at every comparison. */
static const char *
label_key (WmCaseloadView *self,
           WmCase         *item,
           Column          column)
{
  const char *label = NULL;
  const char *key;

  if (column == COLUMN_AREA)
    label = wm_term_get_label (wm_local_authorities, wm_case_get_local_authority (item));
  else if (column == COLUMN_PROGRAMME)
    label = wm_term_get_label (wm_programmes, wm_case_get_programme (item));
  else if (column == COLUMN_STATUS)
    label = wm_term_get_label (wm_case_statuses, wm_case_get_status (item));
  else if (column == COLUMN_CASEWORKER)
    label = g_hash_table_lookup (self->caseworker_names, &(gint64) { wm_case_get_caseworker_id (item) });
  if (label == NULL)
    return NULL;
  key = g_hash_table_lookup (self->label_keys, label);
  if (key == NULL)
    {
      key = g_utf8_collate_key (label, -1);
      g_hash_table_insert (self->label_keys, g_strdup (label), (char *) key);
    }
  return key;
}

static int
compare_uints (guint a,
               guint b)
{
  return (a > b) - (a < b);
}

static int
compare_cases_cb (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  ColumnData *data = user_data;
  WmCase *x = WM_CASE ((gpointer) a);
  WmCase *y = WM_CASE ((gpointer) b);
  const char *judgement = column_judgement (data->column);
  int order;

  if (judgement != NULL)
    order = compare_ints (wm_case_get_level_rank (x, judgement), wm_case_get_level_rank (y, judgement));
  else if (data->column == COLUMN_AGE)
    order = compare_ints (wm_case_get_age (x), wm_case_get_age (y));
  else if (data->column == COLUMN_LAST_CONTACT)
    /* Never contacted (-1, as unsigned the largest) is the longest wait. */
    order = compare_uints ((guint) wm_case_get_days_since_contact (x),
                           (guint) wm_case_get_days_since_contact (y));
  else if (data->column == COLUMN_NEXT_REVIEW)
    order = compare_strings (wm_case_get_next_review (x), wm_case_get_next_review (y));
  else if (data->column == COLUMN_REFERENCE)
    order = g_strcmp0 (wm_case_get_reference (x), wm_case_get_reference (y));
  else if (data->column == COLUMN_NAME)
    order = g_strcmp0 (wm_case_get_name_key (x), wm_case_get_name_key (y));
  else
    order = compare_strings (label_key (data->view, x, data->column), label_key (data->view, y, data->column));
  if (order == 0)
    order = g_strcmp0 (wm_case_get_reference (x), wm_case_get_reference (y));
  return order < 0 ? GTK_ORDERING_SMALLER : order > 0 ? GTK_ORDERING_LARGER : GTK_ORDERING_EQUAL;
}

static gboolean
case_shown_cb (gpointer item,
               gpointer user_data)
{
  WmCaseloadView *self = user_data;
  WmCase *row = item;

  if (!wm_case_matches (row, self->query))
    return FALSE;
  if (self->status != NULL && g_strcmp0 (wm_case_get_status (row), self->status) != 0)
    return FALSE;
  if (self->area != NULL && g_strcmp0 (wm_case_get_local_authority (row), self->area) != 0)
    return FALSE;
  if (self->level_filter >= 0
      && wm_case_get_level_rank (row, level_filters[self->level_filter].judgement)
         < level_filters[self->level_filter].min_rank)
    return FALSE;
  if (self->overdue_only && !wm_case_get_review_overdue (row))
    return FALSE;
  if (self->contact_filter != WM_CONTACT_FILTER_ANY)
    {
      int days = wm_case_get_days_since_contact (row);
      int limit = self->contact_filter == WM_CONTACT_FILTER_14_DAYS
                  ? WM_CASE_CONTACT_WARNING_DAYS : WM_CASE_CONTACT_ALERT_DAYS;

      if (days >= 0 && days < limit)
        return FALSE;
    }
  if (self->caseworker_id != 0 && wm_case_get_caseworker_id (row) != self->caseworker_id)
    return FALSE;
  return TRUE;
}

static void
update_stack (WmCaseloadView *self)
{
  if (g_list_model_get_n_items (self->cases) == 0)
    gtk_stack_set_visible_child_name (self->stack, "empty");
  else if (g_list_model_get_n_items (G_LIST_MODEL (self->filtered)) == 0)
    gtk_stack_set_visible_child_name (self->stack, "no-matches");
  else
    gtk_stack_set_visible_child_name (self->stack, "list");
}

static void
refilter (WmCaseloadView   *self,
          GtkFilterChange   change)
{
  gtk_filter_changed (GTK_FILTER (self->filter), change);
  update_stack (self);
}

/**
 * wm_caseload_view_set_search_text:
 *
 * Shows only cases whose name or reference contains @text, ignoring case
 * and accents.
 */
void
wm_caseload_view_set_search_text (WmCaseloadView *self,
                                  const char     *text)
{
  g_autofree char *query = wm_case_fold_query (text);
  GtkFilterChange change = GTK_FILTER_CHANGE_DIFFERENT;

  g_return_if_fail (WM_IS_CASELOAD_VIEW (self));

  if (g_strcmp0 (query, self->query) == 0)
    return;
  /* A longer query that starts with the old one can only drop rows. */
  if (g_str_has_prefix (query, self->query))
    change = GTK_FILTER_CHANGE_MORE_STRICT;
  else if (g_str_has_prefix (self->query, query))
    change = GTK_FILTER_CHANGE_LESS_STRICT;
  g_free (self->query);
  self->query = g_steal_pointer (&query);
  refilter (self, change);
}

static void
search_changed_cb (WmCaseloadView *self)
{
  wm_caseload_view_set_search_text (self, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
}

/* Enter in the search opens the first young person shown: type a name,
 * press Enter, and the record is open, without reaching for the list. The
 * search is applied first, as the entry may not have reported the last
 * keystroke yet. */
static void
search_activated_cb (WmCaseloadView *self)
{
  g_autoptr(WmCase) first = NULL;

  search_changed_cb (self);
  first = g_list_model_get_item (G_LIST_MODEL (self->selection), 0);
  if (first != NULL)
    g_signal_emit (self, signals[CASE_ACTIVATED], 0, wm_case_get_id (first));
}

static void
row_activated_cb (WmCaseloadView *self,
                  guint           position)
{
  g_autoptr(WmCase) item = g_list_model_get_item (G_LIST_MODEL (self->selection), position);

  if (item != NULL)
    g_signal_emit (self, signals[CASE_ACTIVATED], 0, wm_case_get_id (item));
}

/* Filters set from the drop-downs or by code: positions map to terms. */

static const char *
term_at (const WmTerm *terms,
         guint         position)
{
  /* Position 0 is "all". */
  return position == 0 || position == GTK_INVALID_LIST_POSITION ? NULL : terms[position - 1].id;
}

static void
drop_down_changed_cb (WmCaseloadView *self)
{
  guint caseworker = gtk_drop_down_get_selected (self->caseworker_drop_down);

  self->status = term_at (wm_case_statuses, gtk_drop_down_get_selected (self->status_drop_down));
  self->area = term_at (wm_local_authorities, gtk_drop_down_get_selected (self->area_drop_down));
  self->level_filter = (int) gtk_drop_down_get_selected (self->level_drop_down) - 1;
  self->overdue_only = gtk_drop_down_get_selected (self->review_drop_down) == 1;
  self->contact_filter = gtk_drop_down_get_selected (self->contact_drop_down);
  self->caseworker_id = caseworker > 0 && caseworker <= self->caseworker_ids->len
                        ? g_array_index (self->caseworker_ids, gint64, caseworker - 1) : 0;
  refilter (self, GTK_FILTER_CHANGE_DIFFERENT);
}

static void
select_term (GtkDropDown  *drop_down,
             const WmTerm *terms,
             const char   *id)
{
  int index = id != NULL ? wm_term_index (terms, id) : -1;

  gtk_drop_down_set_selected (drop_down, index + 1);
}

void
wm_caseload_view_set_status_filter (WmCaseloadView *self,
                                    const char     *status)
{
  g_return_if_fail (WM_IS_CASELOAD_VIEW (self));
  select_term (self->status_drop_down, wm_case_statuses, status);
}

void
wm_caseload_view_set_area_filter (WmCaseloadView *self,
                                  const char     *area)
{
  g_return_if_fail (WM_IS_CASELOAD_VIEW (self));
  select_term (self->area_drop_down, wm_local_authorities, area);
}

/**
 * wm_caseload_view_set_level_filter:
 * @judgement: (nullable): show only cases at the upper end of this
 *   judgement's scale, or %NULL for any level
 */
void
wm_caseload_view_set_level_filter (WmCaseloadView *self,
                                   const char     *judgement)
{
  guint position = 0;

  g_return_if_fail (WM_IS_CASELOAD_VIEW (self));
  for (guint i = 0; judgement != NULL && i < G_N_ELEMENTS (level_filters); i++)
    if (g_str_equal (level_filters[i].judgement, judgement))
      position = i + 1;
  gtk_drop_down_set_selected (self->level_drop_down, position);
}

void
wm_caseload_view_set_overdue_filter (WmCaseloadView *self,
                                     gboolean        overdue_only)
{
  g_return_if_fail (WM_IS_CASELOAD_VIEW (self));
  gtk_drop_down_set_selected (self->review_drop_down, overdue_only ? 1 : 0);
}

void
wm_caseload_view_set_contact_filter (WmCaseloadView  *self,
                                     WmContactFilter  filter)
{
  g_return_if_fail (WM_IS_CASELOAD_VIEW (self));
  gtk_drop_down_set_selected (self->contact_drop_down, filter);
}

void
wm_caseload_view_set_caseworker_filter (WmCaseloadView *self,
                                        gint64          caseworker_id)
{
  guint position = 0;

  g_return_if_fail (WM_IS_CASELOAD_VIEW (self));
  for (guint i = 0; i < self->caseworker_ids->len; i++)
    if (g_array_index (self->caseworker_ids, gint64, i) == caseworker_id)
      position = i + 1;
  gtk_drop_down_set_selected (self->caseworker_drop_down, position);
}

static GtkDropDown *
add_drop_down (WmCaseloadView *self,
               const char     *accessible_label,
               const char    **choices)
{
  GtkWidget *drop_down = gtk_drop_down_new_from_strings (choices);

  gtk_accessible_update_property (GTK_ACCESSIBLE (drop_down),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible_label, -1);
  gtk_widget_set_tooltip_text (drop_down, accessible_label);
  g_signal_connect_swapped (drop_down, "notify::selected", G_CALLBACK (drop_down_changed_cb), self);
  gtk_box_append (self->filter_box, drop_down);
  return GTK_DROP_DOWN (drop_down);
}

static GtkDropDown *
add_term_drop_down (WmCaseloadView *self,
                    const char     *accessible_label,
                    const char     *all_label,
                    const WmTerm   *terms)
{
  g_autoptr(GPtrArray) choices = g_ptr_array_new ();

  g_ptr_array_add (choices, (gpointer) all_label);
  for (guint i = 0; terms[i].id != NULL; i++)
    g_ptr_array_add (choices, (gpointer) wm_term_get_label (terms, terms[i].id));
  g_ptr_array_add (choices, NULL);
  return add_drop_down (self, accessible_label, (const char **) choices->pdata);
}

static void
build_filters (WmCaseloadView *self)
{
  g_autoptr(GPtrArray) levels = g_ptr_array_new ();
  const char *reviews[] = { _("Any review date"), _("Review overdue"), NULL };
  const char *contacts[] = { _("Any contact"), _("No contact for 14 days"), _("No contact for 30 days"), NULL };
  const char *caseworkers[] = { _("All caseworkers"), NULL };

  self->status_drop_down = add_term_drop_down (self, _("Status"), _("All statuses"), wm_case_statuses);
  self->area_drop_down = add_term_drop_down (self, _("Local authority"), _("All areas"), wm_local_authorities);
  g_ptr_array_add (levels, _("Any level"));
  for (guint i = 0; i < G_N_ELEMENTS (level_filters); i++)
    g_ptr_array_add (levels, _(level_filters[i].label));
  g_ptr_array_add (levels, NULL);
  self->level_drop_down = add_drop_down (self, _("Level"), (const char **) levels->pdata);
  self->review_drop_down = add_drop_down (self, _("Review"), reviews);
  self->contact_drop_down = add_drop_down (self, _("Contact"), contacts);
  self->caseworker_drop_down = add_drop_down (self, _("Caseworker"), caseworkers);
  gtk_widget_set_visible (GTK_WIDGET (self->caseworker_drop_down), FALSE);
}

static void
build_columns (WmCaseloadView *self)
{
  for (Column column = 0; column < N_COLUMNS; column++)
    {
      ColumnData *data = &self->column_data[column];
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      g_autoptr(GtkColumnViewColumn) view_column = NULL;
      GtkSorter *sorter;

      data->view = self;
      data->column = column;
      g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_cb), data);
      g_signal_connect (factory, "bind", G_CALLBACK (bind_cell_cb), data);
      g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cell_cb), data);
      view_column = gtk_column_view_column_new (_(column_titles[column]), factory);
      sorter = GTK_SORTER (gtk_custom_sorter_new (compare_cases_cb, data, NULL));
      gtk_column_view_column_set_sorter (view_column, sorter);
      g_object_unref (sorter);
      gtk_column_view_column_set_resizable (view_column, TRUE);
      gtk_column_view_column_set_fixed_width (view_column, column_widths[column]);
      gtk_column_view_column_set_expand (view_column, column == COLUMN_NAME);
      gtk_column_view_append_column (self->column_view, view_column);
      if (column == COLUMN_CASEWORKER)
        {
          self->caseworker_column = view_column;
          gtk_column_view_column_set_visible (view_column, FALSE);
        }
    }
  /* The caseload opens sorted by name. */
  {
    g_autoptr(GtkColumnViewColumn) name_column =
      g_list_model_get_item (gtk_column_view_get_columns (self->column_view), COLUMN_NAME);

    gtk_column_view_sort_by_column (self->column_view, name_column, GTK_SORT_ASCENDING);
  }
}

/**
 * wm_caseload_view_set_cases:
 * @cases: (nullable): a list of #WmCase, or %NULL for none
 */
void
wm_caseload_view_set_cases (WmCaseloadView *self,
                            GListModel     *cases)
{
  g_return_if_fail (WM_IS_CASELOAD_VIEW (self));
  g_return_if_fail (cases == NULL || G_IS_LIST_MODEL (cases));

  if (cases == NULL)
    cases = G_LIST_MODEL (self->empty_cases);
  g_set_object (&self->cases, cases);
  gtk_sort_list_model_set_model (self->sorted, self->cases);
  update_stack (self);
}

/**
 * wm_caseload_view_get_cases:
 *
 * Returns: (transfer none): every case loaded, whatever the filters
 */
GListModel *
wm_caseload_view_get_cases (WmCaseloadView *self)
{
  g_return_val_if_fail (WM_IS_CASELOAD_VIEW (self), NULL);
  return self->cases;
}

/**
 * wm_caseload_view_get_shown:
 *
 * Returns: (transfer none): the cases shown, in the order shown
 */
GListModel *
wm_caseload_view_get_shown (WmCaseloadView *self)
{
  g_return_val_if_fail (WM_IS_CASELOAD_VIEW (self), NULL);
  return G_LIST_MODEL (self->selection);
}

/**
 * wm_caseload_view_set_caseworkers:
 * @users: (element-type WmUser) (nullable): the accounts, to name each
 *   case's caseworker and show the caseworker column and filter (a
 *   supervisor's view); %NULL hides them (a caseworker's own caseload)
 */
void
wm_caseload_view_set_caseworkers (WmCaseloadView *self,
                                  GPtrArray      *users)
{
  g_autoptr(GtkStringList) choices = gtk_string_list_new (NULL);
  gboolean show;

  g_return_if_fail (WM_IS_CASELOAD_VIEW (self));

  g_hash_table_remove_all (self->caseworker_names);
  g_array_set_size (self->caseworker_ids, 0);
  gtk_string_list_append (choices, _("All caseworkers"));
  for (guint i = 0; users != NULL && i < users->len; i++)
    {
      WmUser *user = g_ptr_array_index (users, i);

      if (user->role != WM_ROLE_CASEWORKER)
        continue;
      g_hash_table_insert (self->caseworker_names, g_memdup2 (&user->id, sizeof user->id), g_strdup (user->name));
      g_array_append_val (self->caseworker_ids, user->id);
      gtk_string_list_append (choices, user->name);
    }
  show = users != NULL;
  gtk_drop_down_set_model (self->caseworker_drop_down, G_LIST_MODEL (choices));
  gtk_drop_down_set_selected (self->caseworker_drop_down, 0);
  gtk_widget_set_visible (GTK_WIDGET (self->caseworker_drop_down), show);
  gtk_column_view_column_set_visible (self->caseworker_column, show);
}

/**
 * wm_caseload_view_get_selected_case:
 *
 * Returns: the id of the selected case, or 0
 */
gint64
wm_caseload_view_get_selected_case (WmCaseloadView *self)
{
  WmCase *item;

  g_return_val_if_fail (WM_IS_CASELOAD_VIEW (self), 0);

  item = gtk_single_selection_get_selected_item (self->selection);
  return item != NULL ? wm_case_get_id (item) : 0;
}

/**
 * wm_caseload_view_clear:
 *
 * Forgets every case and the search text: for the lock.
 */
void
wm_caseload_view_clear (WmCaseloadView *self)
{
  g_return_if_fail (WM_IS_CASELOAD_VIEW (self));

  wm_caseload_view_set_cases (self, NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  wm_caseload_view_set_search_text (self, "");
}

void
wm_caseload_view_focus_search (WmCaseloadView *self)
{
  g_return_if_fail (WM_IS_CASELOAD_VIEW (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
wm_caseload_view_dispose (GObject *object)
{
  WmCaseloadView *self = WM_CASELOAD_VIEW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), WM_TYPE_CASELOAD_VIEW);
  g_clear_object (&self->selection);
  g_clear_object (&self->filtered);
  g_clear_object (&self->filter);
  g_clear_object (&self->cases);
  g_clear_object (&self->empty_cases);

  G_OBJECT_CLASS (wm_caseload_view_parent_class)->dispose (object);
}

static void
wm_caseload_view_finalize (GObject *object)
{
  WmCaseloadView *self = WM_CASELOAD_VIEW (object);

  g_free (self->query);
  g_hash_table_unref (self->caseworker_names);
  g_hash_table_unref (self->label_keys);
  g_array_unref (self->caseworker_ids);

  G_OBJECT_CLASS (wm_caseload_view_parent_class)->finalize (object);
}

static void
wm_caseload_view_class_init (WmCaseloadViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wm_caseload_view_dispose;
  object_class->finalize = wm_caseload_view_finalize;

  /**
   * WmCaseloadView::case-activated:
   * @case_id: the case the user opened (Enter or a double click)
   */
  signals[CASE_ACTIVATED] =
    g_signal_new ("case-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/waymark/Waymark/wm-caseload-view.ui");
  gtk_widget_class_bind_template_child (widget_class, WmCaseloadView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, WmCaseloadView, filter_box);
  gtk_widget_class_bind_template_child (widget_class, WmCaseloadView, stack);
  gtk_widget_class_bind_template_child (widget_class, WmCaseloadView, column_view);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activated_cb);
}

static void
wm_caseload_view_init (WmCaseloadView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->query = g_strdup ("");
  self->level_filter = -1;
  self->caseworker_names = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  self->label_keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->caseworker_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->empty_cases = g_list_store_new (WM_TYPE_CASE);
  self->cases = g_object_ref (G_LIST_MODEL (self->empty_cases));

  build_filters (self);
  build_columns (self);

  /* Sorted, then filtered: a keystroke filters and keeps the order. */
  self->sorted = gtk_sort_list_model_new (g_object_ref (self->cases),
                                          g_object_ref (gtk_column_view_get_sorter (self->column_view)));
  self->filter = gtk_custom_filter_new (case_shown_cb, self, NULL);
  /* The filter model owns the sort model; the view keeps the filter and
   * the filter model to change them. */
  self->filtered = gtk_filter_list_model_new (G_LIST_MODEL (self->sorted), g_object_ref (GTK_FILTER (self->filter)));
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->filtered)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  update_stack (self);
}

GtkWidget *
wm_caseload_view_new (void)
{
  return g_object_new (WM_TYPE_CASELOAD_VIEW, NULL);
}
