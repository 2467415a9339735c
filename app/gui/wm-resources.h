/* wm-resources.h — registers Waymark's compiled-in resources
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

void wm_resources_register (void);

G_END_DECLS
