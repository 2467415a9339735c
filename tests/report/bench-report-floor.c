/* bench-report-floor.c — the floor of the referral benchmark: the same pages with cairo and pango alone
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * No Waymark code: one Pango layout per piece of text with the same
 * fonts, widths and font options as app/report/wm-referral-pages.c, the
 * same A4 geometry, a marking at the top and bottom and "Page x of y" on
 * every page, into cairo's PDF surface in memory. What it leaves out is
 * what Waymark adds on top: rows broken between lines, headings kept with
 * what follows, right-to-left runs set in their own font, metadata.
 */

#include "config.h"

#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include "bench-report-floor.h"

#define PAGE_W     595.2756
#define PAGE_H     841.8898
#define MARGIN     56.69
#define WIDTH      (PAGE_W - 2 * MARGIN)
#define TOP        66.0
#define BOTTOM     (PAGE_H - 78.0)
#define PAD        3.0

typedef struct
{
  PangoLayout *layout;   /* NULL: a rule, or a box when h > 0 */
  double       x, y, w, h;
} Placed;

typedef struct
{
  PangoContext         *context;
  PangoFontDescription *body, *bold, *heading, *title, *marking, *small;
  GPtrArray            *pages;    /* GArray of Placed */
  GArray               *page;
  double                y;
} Floor;

static PangoLayout *
layout_new (Floor                      *floor_,
            const char                 *text,
            const PangoFontDescription *font,
            double                      width,
            PangoAlignment              alignment,
            double                     *height)
{
  PangoLayout *layout = pango_layout_new (floor_->context);
  int w, h;

  pango_layout_set_font_description (layout, font);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment (layout, alignment);
  pango_layout_set_text (layout, text, -1);
  pango_layout_get_size (layout, &w, &h);
  *height = (double) h / PANGO_SCALE;
  return layout;
}

static void
next_page (Floor *floor_)
{
  floor_->page = g_array_new (FALSE, TRUE, sizeof (Placed));
  g_ptr_array_add (floor_->pages, floor_->page);
  floor_->y = TOP;
}

static void
place_cells (Floor                      *floor_,
             const char * const         *cells,
             const double               *widths,
             guint                       n,
             const PangoFontDescription *font,
             gboolean                    shaded,
             gboolean                    rule)
{
  PangoLayout *layouts[4];
  double heights[4], height = 0.0, x = MARGIN;

  for (guint i = 0; i < n; i++)
    {
      layouts[i] = layout_new (floor_, cells[i], font, widths[i] - 2 * PAD, PANGO_ALIGN_LEFT, &heights[i]);
      height = MAX (height, heights[i]);
    }
  height += 2 * PAD;
  if (floor_->y + height > BOTTOM)
    next_page (floor_);
  if (shaded)
    g_array_append_val (floor_->page, ((Placed) { NULL, MARGIN, floor_->y, WIDTH, height }));
  for (guint i = 0; i < n; i++)
    {
      g_array_append_val (floor_->page, ((Placed) { layouts[i], x + PAD, floor_->y + PAD, 0, 0 }));
      x += widths[i];
    }
  floor_->y += height;
  if (rule)
    g_array_append_val (floor_->page, ((Placed) { NULL, MARGIN, floor_->y, WIDTH, 0 }));
}

static void
place_text (Floor                      *floor_,
            const char                 *text,
            const PangoFontDescription *font,
            double                      x,
            double                      width,
            double                      after)
{
  double height;
  PangoLayout *layout = layout_new (floor_, text, font, width, PANGO_ALIGN_LEFT, &height);

  if (floor_->y + height > BOTTOM)
    next_page (floor_);
  g_array_append_val (floor_->page, ((Placed) { layout, x, floor_->y, 0, 0 }));
  floor_->y += height + after;
}

static void
place_block (Floor            *floor_,
             const FloorBlock *block)
{
  static const double table[] = { 66.0, 92.0, 52.0, WIDTH - 66.0 - 92.0 - 52.0 };
  static const double halves[] = { WIDTH / 2, WIDTH / 2 };

  switch (block->kind)
    {
    case FLOOR_TITLE:
      place_text (floor_, block->s[0], floor_->title, MARGIN, WIDTH, 8.0);
      break;
    case FLOOR_HEADING:
      if (floor_->y + 48.0 > BOTTOM)
        next_page (floor_);
      place_text (floor_, block->s[0], floor_->heading, MARGIN, WIDTH, 0.0);
      g_array_append_val (floor_->page, ((Placed) { NULL, MARGIN, floor_->y + 1.5, WIDTH, 0 }));
      floor_->y += 5.0;
      break;
    case FLOOR_FIELD:
      {
        double hl, hv;
        PangoLayout *label = layout_new (floor_, block->s[0], floor_->bold, 152.0, PANGO_ALIGN_LEFT, &hl);
        PangoLayout *value = layout_new (floor_, block->s[1], floor_->body, WIDTH - 160.0, PANGO_ALIGN_LEFT, &hv);
        double height = MAX (hl, hv) + 3.0;

        if (floor_->y + height > BOTTOM)
          next_page (floor_);
        g_array_append_val (floor_->page, ((Placed) { label, MARGIN, floor_->y + 1.5, 0, 0 }));
        g_array_append_val (floor_->page, ((Placed) { value, MARGIN + 160.0, floor_->y + 1.5, 0, 0 }));
        floor_->y += height;
      }
      break;
    case FLOOR_PARAGRAPH:
      place_text (floor_, block->s[0], floor_->body, MARGIN, WIDTH, 6.0);
      break;
    case FLOOR_BOLD_PARAGRAPH:
      place_text (floor_, block->s[0], floor_->bold, MARGIN, WIDTH, 3.0);
      break;
    case FLOOR_PARTIES:
      {
        const char *titles[] = { "From (referrer)", "To (recipient)" };

        place_cells (floor_, titles, halves, 2, floor_->bold, TRUE, FALSE);
        place_cells (floor_, block->s, halves, 2, floor_->body, FALSE, TRUE);
        floor_->y += 14.0;
      }
      break;
    case FLOOR_TABLE_HEADER:
      place_cells (floor_, block->s, table, 4, floor_->bold, TRUE, TRUE);
      break;
    case FLOOR_TABLE_ROW:
      place_cells (floor_, block->s, table, 4, floor_->body, FALSE, TRUE);
      break;
    case FLOOR_SIGNATURES:
      {
        const char *labels[] = { "Signature", "Name", "Date" };
        const char *who[] = { "Referrer", "Received by (partner service)" };

        if (floor_->y + 110.0 > BOTTOM)
          next_page (floor_);
        for (guint c = 0; c < 2; c++)
          {
            double x = MARGIN + c * WIDTH / 2, y = floor_->y, h;
            PangoLayout *layout = layout_new (floor_, who[c], floor_->bold, WIDTH / 2 - 12.0, PANGO_ALIGN_LEFT, &h);

            g_array_append_val (floor_->page, ((Placed) { layout, x, y, 0, 0 }));
            y += h + 8.0;
            for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
              {
                layout = layout_new (floor_, labels[i], floor_->small, 60.0, PANGO_ALIGN_LEFT, &h);
                y += 18.0;
                g_array_append_val (floor_->page, ((Placed) { layout, x, y - h, 0, 0 }));
                g_array_append_val (floor_->page, ((Placed) { NULL, x + 62.0, y, WIDTH / 2 - 80.0, 0 }));
                y += 8.0;
              }
          }
        floor_->y += 110.0;
      }
      break;
    default:
      g_assert_not_reached ();
    }
}

static cairo_status_t
append_cb (void                *closure,
           const unsigned char *data,
           unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static PangoFontDescription *
font (PangoWeight weight,
      double      size)
{
  PangoFontDescription *desc = pango_font_description_new ();

  pango_font_description_set_family (desc, "DejaVu Sans");
  pango_font_description_set_weight (desc, weight);
  pango_font_description_set_size (desc, (int) (size * PANGO_SCALE));
  return desc;
}

GBytes *
floor_render_pdf (const FloorBlock *blocks,
                  guint             n_blocks,
                  const char       *reference,
                  guint            *out_pages)
{
  Floor floor_ = { 0 };
  cairo_font_options_t *options = cairo_font_options_create ();
  GByteArray *pdf = g_byte_array_sized_new (64 * 1024);
  cairo_surface_t *surface;
  cairo_t *cr;
  PangoLayout *marking;
  double h;

  floor_.context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  pango_cairo_context_set_font_options (floor_.context, options);
  cairo_font_options_destroy (options);
  pango_cairo_context_set_resolution (floor_.context, 72.0);
  pango_context_set_round_glyph_positions (floor_.context, FALSE);
  floor_.body = font (PANGO_WEIGHT_NORMAL, 9.0);
  floor_.bold = font (PANGO_WEIGHT_BOLD, 9.0);
  floor_.small = font (PANGO_WEIGHT_NORMAL, 8.0);
  floor_.heading = font (PANGO_WEIGHT_BOLD, 12.0);
  floor_.title = font (PANGO_WEIGHT_BOLD, 17.0);
  floor_.marking = font (PANGO_WEIGHT_BOLD, 11.0);
  floor_.pages = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);

  next_page (&floor_);
  for (guint i = 0; i < n_blocks; i++)
    place_block (&floor_, &blocks[i]);

  marking = layout_new (&floor_, "OFFICIAL-SENSITIVE", floor_.marking, WIDTH, PANGO_ALIGN_CENTER, &h);
  surface = cairo_pdf_surface_create_for_stream (append_cb, pdf, PAGE_W, PAGE_H);
  cr = cairo_create (surface);
  for (guint p = 0; p < floor_.pages->len; p++)
    {
      GArray *page = g_ptr_array_index (floor_.pages, p);
      g_autofree char *numbering = g_strdup_printf ("Page %u of %u", p + 1, floor_.pages->len);
      g_autofree char *reference_label = g_strdup_printf ("Reference: %s", reference);
      PangoLayout *left = layout_new (&floor_, reference_label, floor_.small, WIDTH / 2, PANGO_ALIGN_LEFT, &h);
      PangoLayout *right = layout_new (&floor_, numbering, floor_.small, WIDTH / 2, PANGO_ALIGN_RIGHT, &h);

      cairo_move_to (cr, MARGIN, 24.0);
      pango_cairo_show_layout (cr, marking);
      cairo_move_to (cr, MARGIN, PAGE_H - 40.0);
      pango_cairo_show_layout (cr, marking);
      for (guint i = 0; i < page->len; i++)
        {
          Placed *placed = &g_array_index (page, Placed, i);

          if (placed->layout != NULL)
            {
              cairo_move_to (cr, placed->x, placed->y);
              pango_cairo_show_layout (cr, placed->layout);
              g_object_unref (placed->layout);
            }
          else if (placed->h > 0)
            {
              cairo_set_source_rgb (cr, 0.88, 0.88, 0.88);
              cairo_rectangle (cr, placed->x, placed->y, placed->w, placed->h);
              cairo_fill (cr);
              cairo_set_source_rgb (cr, 0, 0, 0);
            }
          else
            {
              cairo_set_line_width (cr, 0.5);
              cairo_move_to (cr, placed->x, placed->y);
              cairo_line_to (cr, placed->x + placed->w, placed->y);
              cairo_stroke (cr);
            }
        }
      cairo_move_to (cr, MARGIN, PAGE_H - 64.0);
      pango_cairo_show_layout (cr, left);
      cairo_move_to (cr, MARGIN + WIDTH / 2, PAGE_H - 64.0);
      pango_cairo_show_layout (cr, right);
      g_object_unref (left);
      g_object_unref (right);
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);

  *out_pages = floor_.pages->len;
  g_object_unref (marking);
  g_ptr_array_unref (floor_.pages);
  pango_font_description_free (floor_.body);
  pango_font_description_free (floor_.bold);
  pango_font_description_free (floor_.small);
  pango_font_description_free (floor_.heading);
  pango_font_description_free (floor_.title);
  pango_font_description_free (floor_.marking);
  g_object_unref (floor_.context);
  return g_byte_array_free_to_bytes (pdf);
}
