/* wm-secret.h — secrets in locked, guarded memory, and process hardening
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A secret lives in sodium_malloc() memory: guard pages, mlock()ed where the
 * system allows, and wiped by wm_secret_free(). Plain heap memory is never
 * used for keys or passphrases. */
typedef struct _WmSecret WmSecret;

void      wm_process_harden          (void);
gboolean  wm_crypto_init             (void);

WmSecret *wm_secret_new              (gsize          size);
WmSecret *wm_secret_new_random       (gsize          size);
WmSecret *wm_secret_new_from_data    (const guint8  *data,
                                      gsize          size);
WmSecret *wm_secret_new_from_string  (const char    *text);
guint8   *wm_secret_get_data         (WmSecret      *self);
gsize     wm_secret_get_size         (const WmSecret *self);
void      wm_secret_free             (WmSecret      *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WmSecret, wm_secret_free)

/* A keyring holds many 32-byte keys (one per case) in a single
 * sodium_malloc() arena, because sodium_malloc() costs three mappings per
 * call and a supervisor may hold ten thousand case keys. */
typedef struct _WmKeyring WmKeyring;

#define WM_KEY_SIZE 32

WmKeyring    *wm_keyring_new     (void);
const guint8 *wm_keyring_lookup  (WmKeyring    *self,
                                  gint64        id);
guint8       *wm_keyring_reserve (WmKeyring    *self,
                                  gint64        id);
void          wm_keyring_insert  (WmKeyring    *self,
                                  gint64        id,
                                  const guint8 *key);
void          wm_keyring_remove  (WmKeyring    *self,
                                  gint64        id);
guint         wm_keyring_size    (WmKeyring    *self);
void          wm_keyring_clear   (WmKeyring    *self);
void          wm_keyring_free    (WmKeyring    *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WmKeyring, wm_keyring_free)

G_END_DECLS
