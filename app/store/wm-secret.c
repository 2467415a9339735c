/* wm-secret.c — secrets in locked, guarded memory, and process hardening
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wm-secret"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>

#include <sodium.h>

#include "wm-secret.h"

struct _WmSecret
{
  guint8 *data;
  gsize   size;
};

/**
 * wm_process_harden:
 *
 * Keeps secrets out of core dumps: no core file is written and the process
 * cannot be attached to by other processes of the same user (ptrace).
 * Call it first thing in main().
 */
void
wm_process_harden (void)
{
  struct rlimit no_core = { 0, 0 };

  if (setrlimit (RLIMIT_CORE, &no_core) != 0)
    g_warning ("Could not disable core dumps: %s", g_strerror (errno));
  if (prctl (PR_SET_DUMPABLE, 0, 0, 0, 0) != 0)
    g_warning ("Could not mark the process non-dumpable: %s", g_strerror (errno));

  wm_crypto_init ();
}

gboolean
wm_crypto_init (void)
{
  static gsize initialised = 0;

  if (g_once_init_enter (&initialised))
    {
      if (sodium_init () < 0)
        g_error ("libsodium could not be initialised");
      g_once_init_leave (&initialised, 1);
    }
  return TRUE;
}

WmSecret *
wm_secret_new (gsize size)
{
  WmSecret *self;

  g_return_val_if_fail (size > 0, NULL);

  wm_crypto_init ();
  self = g_new0 (WmSecret, 1);
  self->data = sodium_malloc (size);
  if (self->data == NULL)
    g_error ("Out of secure memory (%" G_GSIZE_FORMAT " bytes)", size);
  sodium_memzero (self->data, size);
  self->size = size;
  return self;
}

WmSecret *
wm_secret_new_random (gsize size)
{
  WmSecret *self = wm_secret_new (size);

  randombytes_buf (self->data, size);
  return self;
}

WmSecret *
wm_secret_new_from_data (const guint8 *data,
                         gsize         size)
{
  WmSecret *self = wm_secret_new (size);

  memcpy (self->data, data, size);
  return self;
}

/* The terminating NUL is kept so the data can be used as a C string. */
WmSecret *
wm_secret_new_from_string (const char *text)
{
  g_return_val_if_fail (text != NULL, NULL);

  return wm_secret_new_from_data ((const guint8 *) text, strlen (text) + 1);
}

guint8 *
wm_secret_get_data (WmSecret *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->data;
}

gsize
wm_secret_get_size (const WmSecret *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->size;
}

void
wm_secret_free (WmSecret *self)
{
  if (self == NULL)
    return;

  /* sodium_free() wipes before it unmaps. */
  sodium_free (self->data);
  g_free (self);
}

struct _WmKeyring
{
  GHashTable *slots;      /* case id (gint64*) -> slot index + 1 */
  GArray     *free_slots; /* guint: slots freed by remove */
  guint8     *arena;      /* sodium_malloc: capacity * WM_KEY_SIZE */
  guint       capacity;
  guint       used;
};

WmKeyring *
wm_keyring_new (void)
{
  WmKeyring *self = g_new0 (WmKeyring, 1);

  wm_crypto_init ();
  self->slots = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->free_slots = g_array_new (FALSE, FALSE, sizeof (guint));
  return self;
}

const guint8 *
wm_keyring_lookup (WmKeyring *self,
                   gint64     id)
{
  guint slot;

  g_return_val_if_fail (self != NULL, NULL);

  slot = GPOINTER_TO_UINT (g_hash_table_lookup (self->slots, &id));
  if (slot == 0)
    return NULL;
  return self->arena + (gsize) (slot - 1) * WM_KEY_SIZE;
}

static void
wm_keyring_grow (WmKeyring *self)
{
  guint capacity = MAX (64, self->capacity * 2);
  guint8 *arena = sodium_malloc ((gsize) capacity * WM_KEY_SIZE);

  if (arena == NULL)
    g_error ("Out of secure memory for %u case keys", capacity);
  if (self->arena != NULL)
    {
      memcpy (arena, self->arena, (gsize) self->used * WM_KEY_SIZE);
      sodium_free (self->arena);
    }
  self->arena = arena;
  self->capacity = capacity;
}

/**
 * wm_keyring_reserve:
 *
 * Returns the slot for @id, new and zeroed or existing, to decrypt a key
 * straight into, so it never passes through ordinary memory. The pointer,
 * like those from lookup, stays valid until the next reserve or insert.
 */
guint8 *
wm_keyring_reserve (WmKeyring *self,
                    gint64     id)
{
  guint8 *existing;
  guint slot;

  g_return_val_if_fail (self != NULL, NULL);

  existing = (guint8 *) wm_keyring_lookup (self, id);
  if (existing != NULL)
    return existing;

  if (self->free_slots->len > 0)
    {
      slot = g_array_index (self->free_slots, guint, self->free_slots->len - 1);
      g_array_set_size (self->free_slots, self->free_slots->len - 1);
    }
  else
    {
      if (self->used == self->capacity)
        wm_keyring_grow (self);
      slot = self->used++;
    }

  g_hash_table_insert (self->slots, g_memdup2 (&id, sizeof id), GUINT_TO_POINTER (slot + 1));
  return self->arena + (gsize) slot * WM_KEY_SIZE;
}

void
wm_keyring_insert (WmKeyring    *self,
                   gint64        id,
                   const guint8 *key)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (key != NULL);

  memcpy (wm_keyring_reserve (self, id), key, WM_KEY_SIZE);
}

void
wm_keyring_remove (WmKeyring *self,
                   gint64     id)
{
  guint slot;

  g_return_if_fail (self != NULL);

  slot = GPOINTER_TO_UINT (g_hash_table_lookup (self->slots, &id));
  if (slot == 0)
    return;
  sodium_memzero (self->arena + (gsize) (slot - 1) * WM_KEY_SIZE, WM_KEY_SIZE);
  slot -= 1;
  g_array_append_val (self->free_slots, slot);
  g_hash_table_remove (self->slots, &id);
}

guint
wm_keyring_size (WmKeyring *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return g_hash_table_size (self->slots);
}

void
wm_keyring_clear (WmKeyring *self)
{
  g_return_if_fail (self != NULL);

  g_clear_pointer (&self->arena, sodium_free);
  self->capacity = 0;
  self->used = 0;
  g_hash_table_remove_all (self->slots);
  g_array_set_size (self->free_slots, 0);
}

void
wm_keyring_free (WmKeyring *self)
{
  if (self == NULL)
    return;

  wm_keyring_clear (self);
  g_hash_table_unref (self->slots);
  g_array_unref (self->free_slots);
  g_free (self);
}
