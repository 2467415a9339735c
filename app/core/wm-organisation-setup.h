/* wm-organisation-setup.h — what a new organisation is set up with, checked, then created
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "wm-store.h"

G_BEGIN_DECLS

/* The longest organisation, area or programme name, in characters. */
#define WM_ORGANISATION_NAME_MAX_CHARACTERS 200

/* What the first-run form collects. Nothing here is secret: the first
 * administrator's passphrase is passed on its own, straight to the store. */
typedef struct
{
  char      *organisation;
  GPtrArray *local_authorities;  /* char *: area names, as people write them */
  GPtrArray *programmes;         /* char *: programme names */
  char      *admin_name;
  char      *path;               /* where the database file goes */
} WmOrganisationSetup;

WmOrganisationSetup *wm_organisation_setup_new      (void);
WmOrganisationSetup *wm_organisation_setup_copy     (const WmOrganisationSetup *setup);
void                 wm_organisation_setup_free     (WmOrganisationSetup       *setup);
gboolean             wm_organisation_setup_check    (const WmOrganisationSetup *setup,
                                                     GError                   **error);
WmStore             *wm_organisation_create         (const char                *path,
                                                     const char                *organisation,
                                                     const char                *admin_name,
                                                     const char                *admin_passphrase,
                                                     GError                   **error);
WmStore             *wm_organisation_setup_create   (const WmOrganisationSetup *setup,
                                                     const char                *admin_passphrase,
                                                     GError                   **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WmOrganisationSetup, wm_organisation_setup_free)

G_END_DECLS
