/* wm-profile-form.h — the form of a young person's profile, grouped as the HIG asks
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define WM_TYPE_PROFILE_FORM (wm_profile_form_get_type ())

G_DECLARE_FINAL_TYPE (WmProfileForm, wm_profile_form, WM, PROFILE_FORM, AdwBin)

WmProfileForm *wm_profile_form_new               (void);
void           wm_profile_form_set_today         (WmProfileForm  *self,
                                                  const GDate    *today);
void           wm_profile_form_set_profile       (WmProfileForm  *self,
                                                  GVariant       *profile);
GVariant      *wm_profile_form_dup_profile       (WmProfileForm  *self,
                                                  GError        **error);
gboolean       wm_profile_form_validate          (WmProfileForm  *self);
void           wm_profile_form_clear             (WmProfileForm  *self);
gboolean       wm_profile_form_get_modified      (WmProfileForm  *self);
GtkWidget     *wm_profile_form_get_field_widget  (WmProfileForm  *self,
                                                  const char     *key);
const char    *wm_profile_form_get_field_message (WmProfileForm  *self,
                                                  const char     *key);

gboolean       wm_gui_parse_date                 (const char     *text,
                                                  GDate          *out_date);

G_END_DECLS
