/* wm-partners.h — the partner directory: the services referrals go to, signed by an administrator
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "wm-session.h"

G_BEGIN_DECLS

/* The longest text of any field of an entry, in bytes: a directory entry
 * describes a service in a line or a paragraph, not a document. */
#define WM_PARTNER_FIELD_MAX_BYTES 4000

/* One service in the directory. It describes a service, never a young
 * person, so it is stored in plaintext; it is signed with the
 * organisation key, so that nobody without an administrator's key can
 * add one, change one or send referrals to another address. */
typedef struct
{
  gint64    id;            /* 0 for an entry not saved yet */
  char     *name;          /* "Herefordshire Youth Justice Service" */
  char     *service;       /* an id of wm_partner_services (app/core/wm-casework.h) */
  char     *area;          /* the local authority it serves, as wm_local_authorities labels it */
  char     *contact;       /* postal address and telephone; may hold newlines */
  char     *secure_email;  /* where referrals are sent */
  char     *notes;
  gboolean  adult_only;    /* takes only people of 18 and over (probation, adult social care) */
} WmPartner;

WmPartner *wm_partner_new   (void);
WmPartner *wm_partner_copy  (const WmPartner *partner);
void       wm_partner_free  (WmPartner       *partner);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WmPartner, wm_partner_free)

GPtrArray *wm_session_list_partners (WmSession        *session,
                                     GError          **error);
WmPartner *wm_session_get_partner   (WmSession        *session,
                                     gint64            partner_id,
                                     GError          **error);
gint64     wm_session_save_partner  (WmSession        *session,
                                     const WmPartner  *partner,
                                     GError          **error);

G_END_DECLS
