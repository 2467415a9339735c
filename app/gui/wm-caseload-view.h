/* wm-caseload-view.h — the caseload: search, filters and a sortable table of cases
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define WM_TYPE_CASELOAD_VIEW (wm_caseload_view_get_type ())

G_DECLARE_FINAL_TYPE (WmCaseloadView, wm_caseload_view, WM, CASELOAD_VIEW, AdwBin)

/* The filters the view offers, by position in their drop-downs. */
typedef enum
{
  WM_CONTACT_FILTER_ANY,
  WM_CONTACT_FILTER_14_DAYS,
  WM_CONTACT_FILTER_30_DAYS,
} WmContactFilter;

GtkWidget  *wm_caseload_view_new              (void);
void        wm_caseload_view_set_cases        (WmCaseloadView *self,
                                               GListModel     *cases);
GListModel *wm_caseload_view_get_cases        (WmCaseloadView *self);
GListModel *wm_caseload_view_get_shown        (WmCaseloadView *self);
void        wm_caseload_view_set_caseworkers  (WmCaseloadView *self,
                                               GPtrArray      *users);
void        wm_caseload_view_set_search_text  (WmCaseloadView *self,
                                               const char     *text);
void        wm_caseload_view_set_status_filter (WmCaseloadView *self,
                                               const char     *status);
void        wm_caseload_view_set_area_filter  (WmCaseloadView *self,
                                               const char     *area);
void        wm_caseload_view_set_level_filter (WmCaseloadView *self,
                                               const char     *judgement);
void        wm_caseload_view_set_overdue_filter (WmCaseloadView *self,
                                               gboolean        overdue_only);
void        wm_caseload_view_set_contact_filter (WmCaseloadView *self,
                                               WmContactFilter filter);
void        wm_caseload_view_set_caseworker_filter (WmCaseloadView *self,
                                               gint64          caseworker_id);
gint64      wm_caseload_view_get_selected_case (WmCaseloadView *self);
void        wm_caseload_view_clear            (WmCaseloadView *self);
void        wm_caseload_view_focus_search     (WmCaseloadView *self);

G_END_DECLS
