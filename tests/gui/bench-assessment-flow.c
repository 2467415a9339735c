/* bench-assessment-flow.c — moving from one section page of an assessment to the next, answers restored
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The largest shipped instrument (diversion-risk-needs, eleven sections
 * and a summary), opened from a draft that answers every item, so each
 * page shows answers restored into its widgets. Each run opens the draft
 * in a new flow and walks forward to the summary (every page built and
 * filled on its first visit: the cost a caseworker meets), then back to
 * the first page (pages already built). Each step is timed from the
 * "Next" or "Previous" action until the window has painted the new page;
 * target: median under one frame, 16 ms.
 *
 * No database: a draft that was just opened has nothing to save, so a
 * page change writes nothing, and the store's cost is not the page's.
 */

#define G_LOG_DOMAIN "bench-assessment-flow"

#include "config.h"

#include <stdio.h>
#include <adwaita.h>

#include "wm-assessment.h"
#include "wm-assessment-flow.h"
#include "wm-context.h"
#include "wm-instrument-registry.h"
#include "wm-person.h"
#include "wm-resources.h"
#include "wm-gui-test-util.h"

#define RUNS 21

/* An answer for every item, of its type. */
static GVariant *
full_answers (WmInstrument *instrument)
{
  GPtrArray *items = wm_instrument_get_items (instrument);
  GVariantDict dict;

  g_variant_dict_init (&dict, NULL);
  for (guint i = 0; i < items->len; i++)
    {
      const WmInstrumentItem *item = g_ptr_array_index (items, i);
      const WmInstrumentOption *first = item->options != NULL && item->options->options->len > 0
                                        ? g_ptr_array_index (item->options->options, 0) : NULL;

      switch (item->type)
        {
        case WM_ITEM_YES_NO_NOT_KNOWN:
          g_variant_dict_insert (&dict, item->id, "s", "yes");
          break;
        case WM_ITEM_SCALE:
        case WM_ITEM_CHOICE:
          g_variant_dict_insert (&dict, item->id, "s", first->id);
          break;
        case WM_ITEM_MULTIPLE_CHOICE:
          {
            GVariantBuilder builder;

            g_variant_builder_init (&builder, G_VARIANT_TYPE_STRING_ARRAY);
            for (guint j = 0; j < item->options->options->len && j < 3; j++)
              g_variant_builder_add (&builder, "s",
                                     ((WmInstrumentOption *) g_ptr_array_index (item->options->options, j))->id);
            g_variant_dict_insert_value (&dict, item->id, g_variant_builder_end (&builder));
            break;
          }
        case WM_ITEM_BOOLEAN:
          g_variant_dict_insert (&dict, item->id, "b", TRUE);
          break;
        case WM_ITEM_DATE:
          g_variant_dict_insert (&dict, item->id, "s", "2026-01-15");
          break;
        case WM_ITEM_NUMBER:
          g_variant_dict_insert (&dict, item->id, "i", MAX (item->min, 2));
          break;
        case WM_ITEM_TEXT:
        default:
          g_variant_dict_insert (&dict, item->id, "s",
                                 "Plays football on Saturdays; wants to go to college to train as an electrician.");
          break;
        }
    }
  return g_variant_dict_end (&dict);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(WmContext) context = NULL;
  g_autoptr(GArray) forward_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) back_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GVariant) payload = NULL;
  g_autoptr(GVariant) profile = NULL;
  WmInstrument *instrument;
  WmRecord record = { 0 };
  GVariantDict dict;
  double forward, back;

  gtk_init ();
  adw_init ();
  wm_resources_register ();
  g_object_set (gtk_settings_get_default (), "gtk-cursor-blink", FALSE, NULL);

  instrument = wm_instrument_registry_lookup_latest (wm_instrument_registry_get_default (),
                                                     WM_INSTRUMENT_DIVERSION_RISK_NEEDS);
  g_assert (instrument != NULL);
  g_variant_dict_init (&dict, NULL);
  g_variant_dict_insert (&dict, WM_ASSESSMENT_INSTRUMENT, "s", wm_instrument_get_id (instrument));
  g_variant_dict_insert (&dict, WM_ASSESSMENT_INSTRUMENT_VERSION, "u", wm_instrument_get_version (instrument));
  g_variant_dict_insert (&dict, WM_ASSESSMENT_STATE, "s", "draft");
  g_variant_dict_insert_value (&dict, WM_ASSESSMENT_ANSWERS, full_answers (instrument));
  g_variant_dict_insert_value (&dict, WM_ASSESSMENT_JUDGEMENTS,
                               g_variant_new_parsed ("{'safety-wellbeing': 'medium', 'serious-harm': 'low'}"));
  payload = g_variant_ref_sink (g_variant_dict_end (&dict));
  profile = g_variant_ref_sink (g_variant_new_parsed ("{'date-of-birth': <'2011-05-04'>}"));
  record.record_id = 1;
  record.kind = WM_RECORD_ASSESSMENT;
  record.version = 1;
  record.payload = payload;
  context = wm_context_new (NULL);

  for (guint run = 0; run < RUNS; run++)
    {
      g_autoptr(GError) error = NULL;
      WmAssessmentFlow *flow = wm_assessment_flow_new (context);
      GtkWidget *window = adw_window_new ();
      guint n_pages;

      gtk_window_set_default_size (GTK_WINDOW (window), 960, 720);
      adw_window_set_content (ADW_WINDOW (window), GTK_WIDGET (flow));
      gtk_window_present (GTK_WINDOW (window));
      if (!wm_assessment_flow_open (flow, 1, profile, &record, &error))
        g_error ("%s", error->message);
      wmg_wait_for_paint (window);
      n_pages = wm_assessment_flow_get_n_pages (flow);

      for (guint page = 1; page < n_pages; page++)
        {
          gint64 start = g_get_monotonic_time ();
          double ms;

          gtk_widget_activate_action (GTK_WIDGET (flow), "flow.next", NULL);
          wmg_wait_for_paint (window);
          ms = (g_get_monotonic_time () - start) / 1000.0;
          g_assert (wm_assessment_flow_get_page (flow) == page);
          g_array_append_val (forward_ms, ms);
          /* Not measured: lets the frame clock settle, as between clicks. */
          g_usleep (20000);
        }
      for (guint page = n_pages - 1; page > 0; page--)
        {
          gint64 start = g_get_monotonic_time ();
          double ms;

          gtk_widget_activate_action (GTK_WIDGET (flow), "flow.previous", NULL);
          wmg_wait_for_paint (window);
          ms = (g_get_monotonic_time () - start) / 1000.0;
          g_array_append_val (back_ms, ms);
          g_usleep (20000);
        }
      g_assert (wm_assessment_flow_get_message (flow) == NULL);
      gtk_window_destroy (GTK_WINDOW (window));
      while (g_main_context_iteration (NULL, FALSE))
        ;
    }

  forward = wmg_median (forward_ms);
  back = wmg_median (back_ms);
  printf ("assessment page change, first visit (built, answers restored), to painted: median %.2f ms, "
          "worst %.2f ms, %u steps\n", forward, wmg_maximum (forward_ms), forward_ms->len);
  printf ("assessment page change, revisit, to painted: median %.2f ms, worst %.2f ms, %u steps\n",
          back, wmg_maximum (back_ms), back_ms->len);
  printf ("target: median under 16 ms: %s\n", forward < 16 && back < 16 ? "met" : "MISSED");
  wm_context_wait_idle (context);
  return 0;
}
