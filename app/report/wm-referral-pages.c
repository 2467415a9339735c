/* wm-referral-pages.c — a referral summary laid out on A4 pages, drawn onto any cairo context
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The whole document is paginated when the object is made, so "Page x of
 * y" is known before the first page is drawn, and each page is a list of
 * placed pieces (lines of a Pango layout, rules, shaded boxes). Drawing a
 * page replays its list onto whatever cairo context it is given: the PDF
 * surface (wm-referral-pdf.c), a GtkPrintOperation's context, or a preview
 * widget. The caller scales the context so that one unit is one point.
 *
 * Text is measured without hinting and with unrounded glyph positions,
 * so the same lines break in the same places on every surface: what the
 * caseworker previews is what the partner receives.
 */

#define G_LOG_DOMAIN "wm-report"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <pango/pangocairo.h>

#include "wm-referral-pages.h"
#include "wm-referral-summary-private.h"

/* 20 mm side margins; the marking sits in the top and bottom bands. */
#define MARGIN_X        56.69
#define CONTENT_WIDTH   (WM_REPORT_PAGE_WIDTH - 2 * MARGIN_X)
#define MARKING_TOP     24.0
#define CONTENT_TOP     66.0
#define CONTENT_BOTTOM  (WM_REPORT_PAGE_HEIGHT - 78.0)
#define FOOTER_TOP      (WM_REPORT_PAGE_HEIGHT - 64.0)
#define MARKING_BOTTOM  (WM_REPORT_PAGE_HEIGHT - 40.0)
#define CELL_PAD        3.0
#define LABEL_WIDTH     160.0
#define SECTION_GAP     14.0
#define KEEP_WITH_HEADING 48.0

/* Families for text in Arabic script (Arabic, Urdu, Persian names). DejaVu
 * Sans has Arabic letters but not all of Urdu's (ہ, ے), and a word drawn
 * from two fonts loses its joins; Scheherazade (fonts-sil-scheherazade)
 * covers both, so each run of Arabic script is set in it whole. */
#define ARABIC_FAMILIES "Scheherazade New, Scheherazade, DejaVu Sans"
#define BODY_FAMILIES   "DejaVu Sans"

typedef enum
{
  ITEM_TEXT,
  ITEM_RULE,
  ITEM_FILL,
} ItemKind;

/* A layout with its lines measured once, in points from the layout's top. */
typedef struct
{
  PangoLayout *layout;
  int          n_lines;
  double      *tops;
  double      *bottoms;
  double      *baselines;
  double      *xs;
} Text;

typedef struct
{
  ItemKind  kind;
  double    x, y, w, h;     /* TEXT: top-left of the first line drawn; RULE: from (x, y) to (x + w, y); FILL: a box */
  Text     *text;
  int       first_line;
  int       n_lines;
} Item;

typedef struct
{
  Text   *text;
  double  x;
  int     next_line;
} Cell;

typedef struct
{
  Cell     cells[4];
  guint    n_cells;
  gboolean shaded;          /* a table's header row */
  gboolean rule_below;
  gboolean keep_together;   /* move whole to the next page if it fits there */
  double   pad;
} Row;

struct _WmReferralPages
{
  GObject               parent_instance;

  WmReferralSummary    *summary;
  PangoContext         *context;
  PangoFontDescription *body_font;
  PangoFontDescription *bold_font;
  PangoFontDescription *heading_font;
  PangoFontDescription *title_font;
  PangoFontDescription *marking_font;
  PangoFontDescription *small_font;
  GPtrArray            *texts;   /* Text, owned */
  GPtrArray            *pages;   /* GArray of Item */
  Text                 *marking;

  /* Pagination state */
  GArray               *page;
  double                y;
  double                fresh_y;
  const Row            *table_header;
};

G_DEFINE_FINAL_TYPE (WmReferralPages, wm_referral_pages, G_TYPE_OBJECT)

static void
text_free (gpointer data)
{
  Text *text = data;

  g_object_unref (text->layout);
  g_free (text->tops);
  g_free (text->bottoms);
  g_free (text->baselines);
  g_free (text->xs);
  g_free (text);
}

static void
wm_referral_pages_finalize (GObject *object)
{
  WmReferralPages *self = WM_REFERRAL_PAGES (object);

  g_clear_object (&self->summary);
  g_clear_object (&self->context);
  g_clear_pointer (&self->body_font, pango_font_description_free);
  g_clear_pointer (&self->bold_font, pango_font_description_free);
  g_clear_pointer (&self->heading_font, pango_font_description_free);
  g_clear_pointer (&self->title_font, pango_font_description_free);
  g_clear_pointer (&self->marking_font, pango_font_description_free);
  g_clear_pointer (&self->small_font, pango_font_description_free);
  g_clear_pointer (&self->pages, g_ptr_array_unref);
  g_clear_pointer (&self->texts, g_ptr_array_unref);

  G_OBJECT_CLASS (wm_referral_pages_parent_class)->finalize (object);
}

static void
wm_referral_pages_class_init (WmReferralPagesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = wm_referral_pages_finalize;
}

static PangoFontDescription *
make_font (const char  *families,
           PangoWeight  weight,
           double       size)
{
  PangoFontDescription *font = pango_font_description_new ();

  pango_font_description_set_family (font, families);
  pango_font_description_set_weight (font, weight);
  pango_font_description_set_size (font, (int) (size * PANGO_SCALE));
  return font;
}

static void
wm_referral_pages_init (WmReferralPages *self)
{
  cairo_font_options_t *options;

  /* The thread's default font map: pango_cairo keeps one per thread, so a
   * GTask rendering in a worker gets its own. */
  self->context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  options = cairo_font_options_create ();
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  pango_cairo_context_set_font_options (self->context, options);
  cairo_font_options_destroy (options);
  pango_cairo_context_set_resolution (self->context, 72.0);
  pango_context_set_round_glyph_positions (self->context, FALSE);

  self->body_font = make_font (BODY_FAMILIES, PANGO_WEIGHT_NORMAL, 9.0);
  self->bold_font = make_font (BODY_FAMILIES, PANGO_WEIGHT_BOLD, 9.0);
  self->small_font = make_font (BODY_FAMILIES, PANGO_WEIGHT_NORMAL, 8.0);
  self->heading_font = make_font (BODY_FAMILIES, PANGO_WEIGHT_BOLD, 12.0);
  self->title_font = make_font (BODY_FAMILIES, PANGO_WEIGHT_BOLD, 17.0);
  self->marking_font = make_font (BODY_FAMILIES, PANGO_WEIGHT_BOLD, 11.0);
  self->texts = g_ptr_array_new_with_free_func (text_free);
  self->pages = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
}

/* Sets each run of Arabic-script characters in a font that covers all of
 * the script, slightly larger, since Naskh letters are small beside Latin
 * ones at the same size. Most text has none and costs one scan. */
static void
set_text (PangoLayout *layout,
          const char  *text)
{
  PangoAttrList *attrs = NULL;
  const char *run_start = NULL;
  const char *p;

  pango_layout_set_text (layout, text, -1);

  for (p = text;; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      gboolean arabic = c >= 0x0600 && g_unichar_get_script (c) == G_UNICODE_SCRIPT_ARABIC;

      if (arabic && run_start == NULL)
        run_start = p;
      else if (!arabic && run_start != NULL)
        {
          PangoAttribute *family = pango_attr_family_new (ARABIC_FAMILIES);
          PangoAttribute *scale = pango_attr_scale_new (1.35);

          if (attrs == NULL)
            attrs = pango_attr_list_new ();
          family->start_index = scale->start_index = (guint) (run_start - text);
          family->end_index = scale->end_index = (guint) (p - text);
          pango_attr_list_insert (attrs, family);
          pango_attr_list_insert (attrs, scale);
          run_start = NULL;
        }
      if (c == 0)
        break;
    }

  if (attrs != NULL)
    {
      pango_layout_set_attributes (layout, attrs);
      pango_attr_list_unref (attrs);
    }
}

static Text *
text_new (WmReferralPages            *self,
          const char                 *string,
          const PangoFontDescription *font,
          double                      width,
          PangoAlignment              alignment)
{
  Text *text = g_new0 (Text, 1);
  PangoLayoutIter *iter;
  int i = 0;

  text->layout = pango_layout_new (self->context);
  pango_layout_set_font_description (text->layout, font);
  pango_layout_set_width (text->layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (text->layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment (text->layout, alignment);
  /* The document reads left to right: a name in Arabic script is shaped
   * right to left within its line, but starts where every other value
   * starts, instead of jumping to the far edge of its column. */
  pango_layout_set_auto_dir (text->layout, FALSE);
  set_text (text->layout, string != NULL ? string : "");

  text->n_lines = pango_layout_get_line_count (text->layout);
  text->tops = g_new (double, text->n_lines);
  text->bottoms = g_new (double, text->n_lines);
  text->baselines = g_new (double, text->n_lines);
  text->xs = g_new (double, text->n_lines);

  iter = pango_layout_get_iter (text->layout);
  do
    {
      PangoRectangle logical;
      int y0, y1;

      g_assert (i < text->n_lines);
      pango_layout_iter_get_line_yrange (iter, &y0, &y1);
      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      text->tops[i] = (double) y0 / PANGO_SCALE;
      text->bottoms[i] = (double) y1 / PANGO_SCALE;
      text->baselines[i] = (double) pango_layout_iter_get_baseline (iter) / PANGO_SCALE;
      text->xs[i] = (double) logical.x / PANGO_SCALE;
      i++;
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);

  return text;
}

/* A text that lives as long as the pages. */
static Text *
make_text (WmReferralPages            *self,
           const char                 *string,
           const PangoFontDescription *font,
           double                      width,
           PangoAlignment              alignment)
{
  Text *text = text_new (self, string, font, width, alignment);

  g_ptr_array_add (self->texts, text);
  return text;
}

static double
lines_height (const Text *text,
              int         first,
              int         n)
{
  if (n <= 0)
    return 0.0;
  return text->bottoms[first + n - 1] - text->tops[first];
}

static void
add_item (WmReferralPages *self,
          const Item      *item)
{
  g_array_append_vals (self->page, item, 1);
}

static void place_row (WmReferralPages *self, Row *row);

static void
new_page (WmReferralPages *self)
{
  self->page = g_array_new (FALSE, TRUE, sizeof (Item));
  g_ptr_array_add (self->pages, self->page);
  self->y = CONTENT_TOP;
  self->fresh_y = CONTENT_TOP;

  /* A table that runs on repeats its header row at the top of the page. */
  if (self->table_header != NULL)
    {
      Row header = *self->table_header;
      const Row *saved = self->table_header;

      self->table_header = NULL;
      place_row (self, &header);
      self->table_header = saved;
      self->fresh_y = self->y;
    }
}

static void
emit_row_part (WmReferralPages *self,
               Row             *row,
               const int       *n_lines,
               double           height)
{
  if (row->shaded)
    add_item (self, &(Item) { ITEM_FILL, MARGIN_X, self->y, CONTENT_WIDTH, height, NULL, 0, 0 });

  for (guint i = 0; i < row->n_cells; i++)
    {
      Cell *cell = &row->cells[i];

      if (n_lines[i] > 0)
        add_item (self, &(Item) { ITEM_TEXT, cell->x, self->y + row->pad, 0, 0,
                                  cell->text, cell->next_line, n_lines[i] });
      cell->next_line += n_lines[i];
    }

  self->y += height;
  if (row->rule_below)
    add_item (self, &(Item) { ITEM_RULE, MARGIN_X, self->y, CONTENT_WIDTH, 0, NULL, 0, 0 });
}

/* Places a row of cells side by side at the cursor. A row that does not
 * fit moves to the next page when it would fit there whole (table rows,
 * label/value rows); otherwise its cells break between lines, so a long
 * note or paragraph runs on instead of leaving a page half empty. */
static void
place_row (WmReferralPages *self,
           Row             *row)
{
  for (;;)
    {
      int n_lines[G_N_ELEMENTS (row->cells)] = { 0 };
      double needed = 0.0, avail, used = 0.0;
      gboolean any = FALSE, done = TRUE;

      for (guint i = 0; i < row->n_cells; i++)
        {
          Cell *cell = &row->cells[i];

          needed = MAX (needed, lines_height (cell->text, cell->next_line,
                                              cell->text->n_lines - cell->next_line));
        }
      needed += 2 * row->pad;
      avail = CONTENT_BOTTOM - self->y;

      if (needed <= avail)
        {
          for (guint i = 0; i < row->n_cells; i++)
            n_lines[i] = row->cells[i].text->n_lines - row->cells[i].next_line;
          emit_row_part (self, row, n_lines, needed);
          return;
        }

      if (self->y > self->fresh_y && row->keep_together && needed <= CONTENT_BOTTOM - self->fresh_y)
        {
          new_page (self);
          continue;
        }

      /* Break the cells between lines at what fits here. */
      for (guint i = 0; i < row->n_cells; i++)
        {
          Cell *cell = &row->cells[i];

          while (cell->next_line + n_lines[i] < cell->text->n_lines
                 && lines_height (cell->text, cell->next_line, n_lines[i] + 1) + 2 * row->pad <= avail)
            n_lines[i]++;
          if (n_lines[i] > 0)
            any = TRUE;
        }

      /* Two lines at least, or none: a lone line at a page's foot reads
       * as if the text ended there. */
      if (any && !row->keep_together)
        for (guint i = 0; i < row->n_cells; i++)
          if (n_lines[i] == 1 && row->cells[i].text->n_lines - row->cells[i].next_line > 1
              && self->y > self->fresh_y)
            {
              any = FALSE;
              memset (n_lines, 0, sizeof n_lines);
              break;
            }

      if (!any && self->y <= self->fresh_y)
        {
          /* Not even one line fits on an empty page: place one anyway, so
           * the layout always ends. */
          for (guint i = 0; i < row->n_cells; i++)
            if (row->cells[i].next_line < row->cells[i].text->n_lines)
              n_lines[i] = 1;
          any = TRUE;
        }

      if (any)
        {
          for (guint i = 0; i < row->n_cells; i++)
            used = MAX (used, lines_height (row->cells[i].text, row->cells[i].next_line, n_lines[i]));
          emit_row_part (self, row, n_lines, used + 2 * row->pad);
        }

      for (guint i = 0; i < row->n_cells; i++)
        if (row->cells[i].next_line < row->cells[i].text->n_lines)
          done = FALSE;
      if (done)
        return;
      new_page (self);
    }
}

static void
place_paragraph (WmReferralPages            *self,
                 const char                 *string,
                 const PangoFontDescription *font,
                 double                      space_after)
{
  Row row = { 0 };

  row.cells[0].text = make_text (self, string, font, CONTENT_WIDTH, PANGO_ALIGN_LEFT);
  row.cells[0].x = MARGIN_X;
  row.n_cells = 1;
  place_row (self, &row);
  self->y += space_after;
}

static void
place_heading (WmReferralPages *self,
               const char      *string)
{
  Text *text = make_text (self, string, self->heading_font, CONTENT_WIDTH, PANGO_ALIGN_LEFT);
  double height = lines_height (text, 0, text->n_lines);
  Row row = { 0 };

  /* A heading stays with the start of what it heads. */
  if (self->y > self->fresh_y && self->y + height + KEEP_WITH_HEADING > CONTENT_BOTTOM)
    new_page (self);

  row.cells[0].text = text;
  row.cells[0].x = MARGIN_X;
  row.n_cells = 1;
  row.keep_together = TRUE;
  place_row (self, &row);
  add_item (self, &(Item) { ITEM_RULE, MARGIN_X, self->y + 1.5, CONTENT_WIDTH, 0, NULL, 0, 0 });
  self->y += 5.0;
}

static void
place_field (WmReferralPages *self,
             const char      *label,
             const char      *value)
{
  Row row = { 0 };

  row.cells[0].text = make_text (self, label, self->bold_font, LABEL_WIDTH - 8.0, PANGO_ALIGN_LEFT);
  row.cells[0].x = MARGIN_X;
  row.cells[1].text = make_text (self, value, self->body_font, CONTENT_WIDTH - LABEL_WIDTH, PANGO_ALIGN_LEFT);
  row.cells[1].x = MARGIN_X + LABEL_WIDTH;
  row.n_cells = 2;
  row.pad = 1.5;
  row.keep_together = TRUE;
  place_row (self, &row);
}

/* Column widths of the contacts table: date, method, duration, note. */
static const double contact_columns[] = { 66.0, 92.0, 52.0, 0.0 };

static void
make_table_row (WmReferralPages            *self,
                Row                        *row,
                const char * const         *strings,
                const PangoFontDescription *font)
{
  double x = MARGIN_X;

  memset (row, 0, sizeof *row);
  for (guint i = 0; i < G_N_ELEMENTS (contact_columns); i++)
    {
      double width = contact_columns[i] > 0 ? contact_columns[i] : MARGIN_X + CONTENT_WIDTH - x;

      row->cells[i].text = make_text (self, strings[i], font, width - 2 * CELL_PAD, PANGO_ALIGN_LEFT);
      row->cells[i].x = x + CELL_PAD;
      x += width;
    }
  row->n_cells = G_N_ELEMENTS (contact_columns);
  row->pad = CELL_PAD;
  row->rule_below = TRUE;
  row->keep_together = TRUE;
}

static void
place_contacts (WmReferralPages *self,
                GPtrArray       *strings)
{
  const char *titles[] = { _("Date"), _("Method"), _("Duration"), _("Note") };
  Row header;

  make_table_row (self, &header, titles, self->bold_font);
  header.shaded = TRUE;
  /* The header and at least the first row start on the same page. */
  if (self->y > self->fresh_y && self->y + KEEP_WITH_HEADING > CONTENT_BOTTOM)
    new_page (self);
  place_row (self, &header);
  for (guint i = 0; i < G_N_ELEMENTS (header.cells); i++)
    header.cells[i].next_line = 0;

  self->table_header = &header;
  for (guint i = 0; i + 3 < strings->len; i += 4)
    {
      Row row;

      make_table_row (self, &row, (const char * const *) &strings->pdata[i], self->body_font);
      place_row (self, &row);
    }
  self->table_header = NULL;
  self->y += 6.0;
}

static char *
party_text (const WmReferralPartyCopy *party)
{
  GString *out = g_string_new (NULL);
  const char *lines[] = { party->name, party->role, party->organisation, party->address };

  for (guint i = 0; i < G_N_ELEMENTS (lines); i++)
    if (lines[i] != NULL && *lines[i] != '\0')
      g_string_append_printf (out, "%s%s", out->len > 0 ? "\n" : "", lines[i]);
  if (party->telephone != NULL && *party->telephone != '\0')
    {
      g_string_append (out, out->len > 0 ? "\n" : "");
      /* Translators: a telephone number in the referrer or recipient block. */
      g_string_append_printf (out, _("Telephone: %s"), party->telephone);
    }
  if (party->email != NULL && *party->email != '\0')
    {
      g_string_append (out, out->len > 0 ? "\n" : "");
      /* Translators: an email address in the referrer or recipient block. */
      g_string_append_printf (out, _("Email: %s"), party->email);
    }
  return g_string_free (out, FALSE);
}

static void
place_parties (WmReferralPages *self)
{
  g_autofree char *from = party_text (_wm_referral_summary_get_referrer (self->summary));
  g_autofree char *to = party_text (_wm_referral_summary_get_recipient (self->summary));
  double half = CONTENT_WIDTH / 2;
  Row header = { 0 }, row = { 0 };

  header.cells[0].text = make_text (self, _("From (referrer)"), self->bold_font, half - 2 * CELL_PAD, PANGO_ALIGN_LEFT);
  header.cells[0].x = MARGIN_X + CELL_PAD;
  header.cells[1].text = make_text (self, _("To (recipient)"), self->bold_font, half - 2 * CELL_PAD, PANGO_ALIGN_LEFT);
  header.cells[1].x = MARGIN_X + half + CELL_PAD;
  header.n_cells = 2;
  header.pad = CELL_PAD;
  header.shaded = TRUE;
  header.keep_together = TRUE;
  place_row (self, &header);

  row.cells[0].text = make_text (self, from, self->body_font, half - 2 * CELL_PAD, PANGO_ALIGN_LEFT);
  row.cells[0].x = MARGIN_X + CELL_PAD;
  row.cells[1].text = make_text (self, to, self->body_font, half - 2 * CELL_PAD, PANGO_ALIGN_LEFT);
  row.cells[1].x = MARGIN_X + half + CELL_PAD;
  row.n_cells = 2;
  row.pad = CELL_PAD;
  row.rule_below = TRUE;
  row.keep_together = TRUE;
  place_row (self, &row);
  self->y += SECTION_GAP;
}

static const char *
informed_label (WmReferralInformed informed)
{
  switch (informed)
    {
    case WM_REFERRAL_INFORMED_AGREED:
      return _("Yes, and they agreed");
    case WM_REFERRAL_INFORMED_DID_NOT_AGREE:
      return _("Yes, and they did not agree; shared without agreement");
    case WM_REFERRAL_INFORMED_NOT_TOLD:
      return _("No");
    case WM_REFERRAL_INFORMED_UNKNOWN:
    default:
      return _("Not recorded");
    }
}

static void
place_lawful_basis (WmReferralPages *self)
{
  const WmReferralBasisCopy *basis = _wm_referral_summary_get_basis (self->summary);

  place_heading (self, _("Lawful basis for sharing"));
  place_field (self, _("UK GDPR Article 6 basis"), wm_lawful_basis_label (basis->basis));
  place_field (self, _("DPA 2018 Schedule 1 condition"), wm_schedule1_condition_label (basis->condition));
  place_field (self, _("Young person and family told"), informed_label (basis->informed));
  if (basis->informed == WM_REFERRAL_INFORMED_NOT_TOLD)
    place_field (self, _("Why they were not told"), basis->not_told_reason);
  else
    {
      place_field (self, _("Who was told"), basis->informed_who);
      place_field (self, _("When"), basis->informed_when);
      place_field (self, _("Competence"), wm_competence_label (basis->competence));
    }
  place_field (self, _("Reason for sharing"), basis->reason);
  self->y += SECTION_GAP;
}

static void
place_block (WmReferralPages       *self,
             const WmReferralBlock *block)
{
  switch (block->kind)
    {
    case WM_REFERRAL_BLOCK_TEXT:
      place_paragraph (self, block->text, self->body_font, 6.0);
      break;

    case WM_REFERRAL_BLOCK_FIELDS:
      for (guint i = 0; i + 1 < block->rows->len; i += 2)
        place_field (self, g_ptr_array_index (block->rows, i), g_ptr_array_index (block->rows, i + 1));
      self->y += 6.0;
      break;

    case WM_REFERRAL_BLOCK_CONTACTS:
      place_contacts (self, block->rows);
      break;

    case WM_REFERRAL_BLOCK_ACE_COUNT:
      {
        /* Translators: the number of adverse childhood experiences recorded, out of the number asked about. */
        g_autofree char *count = g_strdup_printf (_("ACE count: %u of %u"), block->count, block->out_of);

        place_paragraph (self, count, self->bold_font, 3.0);
        place_paragraph (self,
                         _("The ACE count is a population measure: across many people, more adverse "
                           "experiences go with poorer outcomes on average. It is not a prediction for "
                           "this young person, and it says nothing of their strengths or of the support "
                           "around them."),
                         self->body_font, 6.0);
      }
      break;

    default:
      g_assert_not_reached ();
    }
}

static void
place_signatures (WmReferralPages *self)
{
  const char *labels[] = { _("Signature"), _("Name"), _("Date") };
  double half = CONTENT_WIDTH / 2;
  Text *who[2];
  double height;

  who[0] = make_text (self, _("Referrer"), self->bold_font, half - 12.0, PANGO_ALIGN_LEFT);
  who[1] = make_text (self, _("Received by (partner service)"), self->bold_font, half - 12.0, PANGO_ALIGN_LEFT);
  height = lines_height (who[0], 0, who[0]->n_lines) + G_N_ELEMENTS (labels) * 26.0 + 8.0;

  /* The signature block is never split from itself. */
  if (self->y + height > CONTENT_BOTTOM)
    new_page (self);

  for (guint c = 0; c < 2; c++)
    {
      double x = MARGIN_X + c * half;
      double y = self->y;

      add_item (self, &(Item) { ITEM_TEXT, x, y, 0, 0, who[c], 0, who[c]->n_lines });
      y += lines_height (who[c], 0, who[c]->n_lines) + 8.0;
      for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
        {
          Text *label = make_text (self, labels[i], self->small_font, 60.0, PANGO_ALIGN_LEFT);

          y += 18.0;
          add_item (self, &(Item) { ITEM_TEXT, x, y - lines_height (label, 0, label->n_lines), 0, 0,
                                    label, 0, label->n_lines });
          add_item (self, &(Item) { ITEM_RULE, x + 62.0, y, half - 80.0, 0, NULL, 0, 0 });
          y += 8.0;
        }
    }
  self->y += height;
}

static void
paginate (WmReferralPages *self)
{
  GPtrArray *parts = _wm_referral_summary_get_parts (self->summary);
  const char *action = _wm_referral_summary_get_requested_action (self->summary);

  /* Translators: the marking of every page of a referral, as the Government
   * Security Classifications write it. Partners may filter on the English
   * words; translate only where the Welsh marking is in use. */
  self->marking = make_text (self, _("OFFICIAL-SENSITIVE"), self->marking_font, CONTENT_WIDTH, PANGO_ALIGN_CENTER);

  new_page (self);
  place_paragraph (self, _("Referral summary"), self->title_font, 8.0);
  place_field (self, _("Document reference"), wm_referral_summary_get_reference (self->summary));
  place_field (self, _("Date"), wm_referral_summary_get_date (self->summary));
  self->y += SECTION_GAP;
  place_parties (self);

  place_heading (self, _("The referral"));
  place_field (self, _("Reason for referral"), _wm_referral_summary_get_reason (self->summary));
  place_field (self, _("Urgency"), wm_referral_urgency_label (_wm_referral_summary_get_urgency (self->summary)));
  if (action != NULL && *action != '\0')
    place_field (self, _("Requested action"), action);
  self->y += SECTION_GAP;

  place_lawful_basis (self);

  for (guint i = 0; i < parts->len; i++)
    {
      WmReferralPart *part = g_ptr_array_index (parts, i);

      place_heading (self, wm_referral_section_title (part->section));
      for (guint j = 0; j < part->blocks->len; j++)
        place_block (self, g_ptr_array_index (part->blocks, j));
      self->y += SECTION_GAP - 6.0;
    }

  place_heading (self, _("Signatures"));
  place_signatures (self);
  self->page = NULL;
}

/**
 * wm_referral_pages_new:
 * @summary: the referral to lay out
 *
 * Lays the whole referral out on A4 pages at once. Later changes to
 * @summary are not seen: make a new one.
 *
 * Returns: (transfer full): the pages
 */
WmReferralPages *
wm_referral_pages_new (WmReferralSummary *summary)
{
  WmReferralPages *self;

  g_return_val_if_fail (WM_IS_REFERRAL_SUMMARY (summary), NULL);

  self = g_object_new (WM_TYPE_REFERRAL_PAGES, NULL);
  self->summary = g_object_ref (summary);
  paginate (self);
  return self;
}

guint
wm_referral_pages_get_n_pages (WmReferralPages *self)
{
  g_return_val_if_fail (WM_IS_REFERRAL_PAGES (self), 0);

  return self->pages->len;
}

static void
draw_text (cairo_t    *cr,
           const Text *text,
           double      x,
           double      y,
           int         first,
           int         n)
{
  if (first == 0 && n == text->n_lines)
    {
      cairo_move_to (cr, x, y - text->tops[0]);
      pango_cairo_show_layout (cr, text->layout);
      return;
    }

  for (int i = first; i < first + n; i++)
    {
      cairo_move_to (cr, x + text->xs[i], y + text->baselines[i] - text->tops[first]);
      pango_cairo_show_layout_line (cr, pango_layout_get_line_readonly (text->layout, i));
    }
}

/**
 * wm_referral_pages_draw_page:
 * @self: the pages
 * @cr: a context where one unit is one point and (0, 0) is the page's top left
 * @page: the page, from 0
 *
 * Draws one page: the OFFICIAL-SENSITIVE marking at its top and bottom,
 * its content, the reference and "Page x of y" in its footer. Leaves the
 * context's state as it found it.
 */
void
wm_referral_pages_draw_page (WmReferralPages *self,
                             cairo_t         *cr,
                             guint            page)
{
  GArray *items;
  g_autofree char *page_label = NULL;
  g_autofree char *reference_label = NULL;
  Text *footer_left, *footer_right;

  g_return_if_fail (WM_IS_REFERRAL_PAGES (self));
  g_return_if_fail (cr != NULL);
  g_return_if_fail (page < self->pages->len);

  items = g_ptr_array_index (self->pages, page);

  cairo_save (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);

  draw_text (cr, self->marking, MARGIN_X, MARKING_TOP, 0, self->marking->n_lines);
  draw_text (cr, self->marking, MARGIN_X, MARKING_BOTTOM, 0, self->marking->n_lines);

  for (guint i = 0; i < items->len; i++)
    {
      const Item *item = &g_array_index (items, Item, i);

      switch (item->kind)
        {
        case ITEM_TEXT:
          draw_text (cr, item->text, item->x, item->y, item->first_line, item->n_lines);
          break;

        case ITEM_RULE:
          cairo_set_line_width (cr, 0.5);
          cairo_move_to (cr, item->x, item->y);
          cairo_line_to (cr, item->x + item->w, item->y + item->h);
          cairo_stroke (cr);
          break;

        case ITEM_FILL:
          cairo_set_source_rgb (cr, 0.88, 0.88, 0.88);
          cairo_rectangle (cr, item->x, item->y, item->w, item->h);
          cairo_fill (cr);
          cairo_set_source_rgb (cr, 0, 0, 0);
          break;

        default:
          g_assert_not_reached ();
        }
    }

  /* Translators: the footer of every page of a referral. */
  page_label = g_strdup_printf (_("Page %u of %u"), page + 1, self->pages->len);
  /* Translators: the footer of every page of a referral; %s is the document reference. */
  reference_label = g_strdup_printf (_("Reference: %s"), wm_referral_summary_get_reference (self->summary));
  /* Made for each drawing and dropped after it: a preview redraws often. */
  footer_left = text_new (self, reference_label, self->small_font, CONTENT_WIDTH / 2, PANGO_ALIGN_LEFT);
  footer_right = text_new (self, page_label, self->small_font, CONTENT_WIDTH / 2, PANGO_ALIGN_RIGHT);
  draw_text (cr, footer_left, MARGIN_X, FOOTER_TOP, 0, footer_left->n_lines);
  draw_text (cr, footer_right, MARGIN_X + CONTENT_WIDTH / 2, FOOTER_TOP, 0, footer_right->n_lines);
  cairo_set_line_width (cr, 0.5);
  cairo_move_to (cr, MARGIN_X, FOOTER_TOP - 4.0);
  cairo_line_to (cr, MARGIN_X + CONTENT_WIDTH, FOOTER_TOP - 4.0);
  cairo_stroke (cr);
  text_free (footer_left);
  text_free (footer_right);

  cairo_restore (cr);
}
