/* wm-demo.h — a seeded generator of synthetic young people for demos and tests
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* One synthetic young person: payloads only, in the order they would have
 * been written. Each array holds a{sv} GVariants, oldest first. Writing
 * them is the store's business, so this code never sees a case key. */
typedef struct
{
  GVariant  *profile;
  GPtrArray *assessments;  /* the ACE assessment, then diversion-risk-needs */
  GPtrArray *plans;
  GPtrArray *contacts;
  GPtrArray *referrals;
  GPtrArray *closures;     /* one when the case is closed */
} WmDemoPerson;

void wm_demo_person_free (WmDemoPerson *person);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WmDemoPerson, wm_demo_person_free)

typedef struct _WmDemo WmDemo;

WmDemo       *wm_demo_new          (guint32       seed,
                                    const GDate  *today);
WmDemoPerson *wm_demo_next_person  (WmDemo       *self);
void          wm_demo_free         (WmDemo       *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WmDemo, wm_demo_free)

G_END_DECLS
