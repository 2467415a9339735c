/* wm-secret-buffer.c — a password field's text in locked memory, kept from accessibility clients
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GTK 4.8 serves a GtkPasswordEntry's text to any AT-SPI client that asks
 * for it (the Text interface's GetText reads gtk_editable_get_text()), so
 * any program on the session bus could read a passphrase as it is typed.
 * This buffer, put under the entry's GtkText, answers
 * gtk_entry_buffer_get_text() — and so GtkEditable, the "text" property
 * and AT-SPI — with one bullet a character while the text is hidden, the
 * same as the field shows. The real text is kept in sodium_malloc()
 * memory (locked, guarded, wiped when freed or shortened), and Waymark's
 * own code reads it with wm_secret_buffer_peek(). When the person asks to
 * see the text (the peek icon), the field shows it and so may a screen
 * reader.
 *
 * GtkText needs the buffer's text only for what it shows, and that comes
 * from the length while hidden; copying and undo are off in a hidden field.
 */

#define G_LOG_DOMAIN "wm-secret-buffer"

#include "config.h"

#include <sodium.h>
#include <string.h>

#include "wm-secret.h"
#include "wm-secret-buffer.h"

/* What the field shows for a hidden character (GTK's own default). */
#define MASK_CHARACTER "\u25CF"
#define FIRST_CAPACITY 64

struct _WmSecretBuffer
{
  GtkEntryBuffer  parent_instance;

  char           *text;      /* sodium_malloc(); NUL-terminated UTF-8 */
  gsize           n_bytes;   /* excluding the NUL */
  gsize           capacity;
  guint           n_chars;

  GString        *mask;      /* n_chars bullets, rebuilt when asked */
  GtkText        *shown_by;  /* weak: the field, to know when it is revealed */
};

G_DEFINE_FINAL_TYPE (WmSecretBuffer, wm_secret_buffer, GTK_TYPE_ENTRY_BUFFER)

/* Grows into new locked memory; the old copy is wiped by sodium_free(). */
static gboolean
reserve (WmSecretBuffer *self,
         gsize           needed)
{
  gsize capacity = MAX (self->capacity, FIRST_CAPACITY);
  char *grown;

  if (needed <= self->capacity)
    return TRUE;
  while (capacity < needed)
    capacity *= 2;
  grown = sodium_malloc (capacity);
  if (grown == NULL)
    return FALSE;
  memcpy (grown, self->text, self->n_bytes + 1);
  sodium_free (self->text);
  self->text = grown;
  self->capacity = capacity;
  return TRUE;
}

static gboolean
is_revealed (WmSecretBuffer *self)
{
  return self->shown_by != NULL && gtk_text_get_visibility (self->shown_by);
}

static const char *
wm_secret_buffer_get_text (GtkEntryBuffer *buffer,
                           gsize          *n_bytes)
{
  WmSecretBuffer *self = WM_SECRET_BUFFER (buffer);

  if (is_revealed (self))
    {
      if (n_bytes != NULL)
        *n_bytes = self->n_bytes;
      return self->text;
    }

  if (self->mask->len != self->n_chars * strlen (MASK_CHARACTER))
    {
      g_string_truncate (self->mask, 0);
      for (guint i = 0; i < self->n_chars; i++)
        g_string_append (self->mask, MASK_CHARACTER);
    }
  if (n_bytes != NULL)
    *n_bytes = self->mask->len;
  return self->mask->str;
}

static guint
wm_secret_buffer_get_length (GtkEntryBuffer *buffer)
{
  return WM_SECRET_BUFFER (buffer)->n_chars;
}

static guint
wm_secret_buffer_insert_text (GtkEntryBuffer *buffer,
                              guint           position,
                              const char     *chars,
                              guint           n_chars)
{
  WmSecretBuffer *self = WM_SECRET_BUFFER (buffer);
  gsize n_bytes = g_utf8_offset_to_pointer (chars, n_chars) - chars;
  gsize at;

  position = MIN (position, self->n_chars);
  if (!reserve (self, self->n_bytes + n_bytes + 1))
    return 0;
  at = g_utf8_offset_to_pointer (self->text, position) - self->text;
  memmove (self->text + at + n_bytes, self->text + at, self->n_bytes - at + 1);
  memcpy (self->text + at, chars, n_bytes);
  self->n_bytes += n_bytes;
  self->n_chars += n_chars;

  gtk_entry_buffer_emit_inserted_text (buffer, position, chars, n_chars);
  return n_chars;
}

/* As in GtkEntryBuffer since GTK 4: "deleted-text" is emitted before the
 * text goes, so its handlers can still read it, and the class handler
 * (below) removes it. */
static guint
wm_secret_buffer_delete_text (GtkEntryBuffer *buffer,
                              guint           position,
                              guint           n_chars)
{
  WmSecretBuffer *self = WM_SECRET_BUFFER (buffer);

  position = MIN (position, self->n_chars);
  n_chars = MIN (n_chars, self->n_chars - position);
  if (n_chars > 0)
    gtk_entry_buffer_emit_deleted_text (buffer, position, n_chars);
  return n_chars;
}

static void
wm_secret_buffer_deleted_text (GtkEntryBuffer *buffer,
                               guint           position,
                               guint           n_chars)
{
  WmSecretBuffer *self = WM_SECRET_BUFFER (buffer);
  gsize start, end;

  position = MIN (position, self->n_chars);
  n_chars = MIN (n_chars, self->n_chars - position);
  start = g_utf8_offset_to_pointer (self->text, position) - self->text;
  end = g_utf8_offset_to_pointer (self->text + start, n_chars) - self->text;
  memmove (self->text + start, self->text + end, self->n_bytes - end + 1);
  self->n_bytes -= end - start;
  self->n_chars -= n_chars;
  /* No copy of the removed characters stays behind the terminator. */
  sodium_memzero (self->text + self->n_bytes + 1, end - start);

  /* What GtkEntryBuffer's own handler would say, which is not chained up
   * to: it removes the text from a store of its own. */
  g_object_notify (G_OBJECT (buffer), "text");
  g_object_notify (G_OBJECT (buffer), "length");
}

static void
wm_secret_buffer_finalize (GObject *object)
{
  WmSecretBuffer *self = WM_SECRET_BUFFER (object);

  g_clear_weak_pointer (&self->shown_by);
  sodium_free (self->text);
  g_string_free (self->mask, TRUE);

  G_OBJECT_CLASS (wm_secret_buffer_parent_class)->finalize (object);
}

static void
wm_secret_buffer_class_init (WmSecretBufferClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkEntryBufferClass *buffer_class = GTK_ENTRY_BUFFER_CLASS (klass);

  object_class->finalize = wm_secret_buffer_finalize;
  buffer_class->get_text = wm_secret_buffer_get_text;
  buffer_class->get_length = wm_secret_buffer_get_length;
  buffer_class->insert_text = wm_secret_buffer_insert_text;
  buffer_class->delete_text = wm_secret_buffer_delete_text;
  buffer_class->deleted_text = wm_secret_buffer_deleted_text;
}

static void
wm_secret_buffer_init (WmSecretBuffer *self)
{
  wm_crypto_init ();
  self->capacity = FIRST_CAPACITY;
  self->text = sodium_malloc (self->capacity);
  if (self->text == NULL)
    g_error ("Could not allocate locked memory for a password field");
  self->text[0] = '\0';
  self->mask = g_string_new (NULL);
}

static GtkText *
text_of (GtkPasswordEntry *entry)
{
  GtkEditable *delegate = gtk_editable_get_delegate (GTK_EDITABLE (entry));

  g_return_val_if_fail (GTK_IS_TEXT (delegate), NULL);
  return GTK_TEXT (delegate);
}

/**
 * wm_secret_buffer_install:
 * @entry: a password field, still empty
 *
 * Puts a #WmSecretBuffer under @entry: its text is kept in locked memory
 * and shown to everybody else, screen readers included, as bullets unless
 * the person reveals it. Read it with wm_secret_buffer_peek().
 */
void
wm_secret_buffer_install (GtkPasswordEntry *entry)
{
  g_autoptr(WmSecretBuffer) buffer = NULL;
  GtkText *text;

  g_return_if_fail (GTK_IS_PASSWORD_ENTRY (entry));

  text = text_of (entry);
  buffer = g_object_new (WM_TYPE_SECRET_BUFFER, NULL);
  g_set_weak_pointer (&buffer->shown_by, text);
  gtk_text_set_buffer (text, GTK_ENTRY_BUFFER (buffer));
}

/**
 * wm_secret_buffer_peek:
 * @entry: a password field given a #WmSecretBuffer
 *
 * Returns: (transfer none): the typed text, in locked memory owned by the
 *   field; valid until it is next changed. Copy it into a #WmSecret to
 *   keep it.
 */
const char *
wm_secret_buffer_peek (GtkPasswordEntry *entry)
{
  GtkEntryBuffer *buffer;

  g_return_val_if_fail (GTK_IS_PASSWORD_ENTRY (entry), "");

  buffer = gtk_text_get_buffer (text_of (entry));
  g_return_val_if_fail (WM_IS_SECRET_BUFFER (buffer), "");
  return WM_SECRET_BUFFER (buffer)->text;
}
