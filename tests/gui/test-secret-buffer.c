/* test-secret-buffer.c — password fields keep their text to themselves
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GTK 4.8 answers an accessibility client's GetText on a password field
 * with gtk_editable_get_text(). These tests edit a field the way typing
 * does (through GtkEditable, at character positions, in any script) and
 * check that everything public reads bullets while the Waymark code reads
 * the text, and that revealing the field shows it.
 */

#define G_LOG_DOMAIN "test-secret-buffer"

#include "config.h"

#include <gtk/gtk.h>

#include "wm-secret-buffer.h"

#define BULLET "\u25CF"

/* GTK 4.8 declares no cleanup for it. */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GtkPasswordEntry, g_object_unref)

static GtkPasswordEntry *
new_field (void)
{
  GtkWidget *entry = gtk_password_entry_new ();

  wm_secret_buffer_install (GTK_PASSWORD_ENTRY (entry));
  return GTK_PASSWORD_ENTRY (g_object_ref_sink (entry));
}

static char *
bullets (guint n)
{
  GString *mask = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    g_string_append (mask, BULLET);
  return g_string_free (mask, FALSE);
}

/* What every reader outside Waymark's code gets is bullets, one a character. */
static void
test_hidden_from_public_readers (void)
{
  g_autoptr(GtkPasswordEntry) field = new_field ();
  g_autofree char *property = NULL;
  g_autofree char *chars = NULL;
  g_autofree char *expected = bullets (28);

  gtk_editable_set_text (GTK_EDITABLE (field), "heather moss granite lantern");

  g_assert_cmpstr (wm_secret_buffer_peek (field), ==, "heather moss granite lantern");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (field)), ==, expected);
  g_object_get (field, "text", &property, NULL);
  g_assert_cmpstr (property, ==, expected);
  chars = gtk_editable_get_chars (GTK_EDITABLE (field), 0, -1);
  g_assert_cmpstr (chars, ==, expected);
  g_assert_cmpuint (gtk_entry_buffer_get_length (gtk_text_get_buffer (
                      GTK_TEXT (gtk_editable_get_delegate (GTK_EDITABLE (field))))), ==, 28);
}

/* Typing in the middle, deleting a word, multi-byte characters and emoji:
 * positions count characters, as GtkText gives them. */
static void
test_edits_at_character_positions (void)
{
  g_autoptr(GtkPasswordEntry) field = new_field ();
  int position = 0;

  gtk_editable_insert_text (GTK_EDITABLE (field), "Llŷn 🐉 café", -1, &position);
  g_assert_cmpint (position, ==, 11);
  g_assert_cmpstr (wm_secret_buffer_peek (field), ==, "Llŷn 🐉 café");

  position = 5;
  gtk_editable_insert_text (GTK_EDITABLE (field), "ddraig ", -1, &position);
  g_assert_cmpstr (wm_secret_buffer_peek (field), ==, "Llŷn ddraig 🐉 café");

  gtk_editable_delete_text (GTK_EDITABLE (field), 12, 14);
  g_assert_cmpstr (wm_secret_buffer_peek (field), ==, "Llŷn ddraig café");
  gtk_editable_delete_text (GTK_EDITABLE (field), 0, 5);
  g_assert_cmpstr (wm_secret_buffer_peek (field), ==, "ddraig café");
  g_assert_true (g_utf8_validate (wm_secret_buffer_peek (field), -1, NULL));

  /* Past the end is the end; nothing to delete is nothing. */
  position = 1000;
  gtk_editable_insert_text (GTK_EDITABLE (field), "!", -1, &position);
  gtk_editable_delete_text (GTK_EDITABLE (field), 50, 60);
  g_assert_cmpstr (wm_secret_buffer_peek (field), ==, "ddraig café!");

  gtk_editable_set_text (GTK_EDITABLE (field), "");
  g_assert_cmpstr (wm_secret_buffer_peek (field), ==, "");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (field)), ==, "");
}

/* Longer than the first allocation, typed a character at a time. */
static void
test_grows_as_typed (void)
{
  g_autoptr(GtkPasswordEntry) field = new_field ();
  g_autoptr(GString) typed = g_string_new (NULL);
  int position = 0;

  for (guint i = 0; i < 300; i++)
    {
      const char *character = i % 3 == 0 ? "ŵ" : "a";

      gtk_editable_insert_text (GTK_EDITABLE (field), character, -1, &position);
      g_string_append (typed, character);
    }
  g_assert_cmpint (position, ==, 300);
  g_assert_cmpstr (wm_secret_buffer_peek (field), ==, typed->str);
  g_assert_cmpuint (g_utf8_strlen (gtk_editable_get_text (GTK_EDITABLE (field)), -1), ==, 300);
}

/* The peek icon shows the text: then the field, and a screen reader, may
 * read it; hidden again, bullets again. */
static void
test_revealed_on_request (void)
{
  g_autoptr(GtkPasswordEntry) field = new_field ();
  GtkText *text = GTK_TEXT (gtk_editable_get_delegate (GTK_EDITABLE (field)));
  g_autofree char *hidden = bullets (6);

  gtk_editable_set_text (GTK_EDITABLE (field), "secret");
  gtk_text_set_visibility (text, TRUE);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (field)), ==, "secret");
  gtk_text_set_visibility (text, FALSE);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (field)), ==, hidden);
}

/* Signals carry counts of characters, and text typed at the cursor moves
 * it, as GtkText expects of its buffer; a deletion is announced while the
 * text is still there, as GtkEntryBuffer does. */
static void
count_inserted (GtkEntryBuffer *buffer,
                guint           position,
                const char     *chars,
                guint           n_chars,
                guint          *total)
{
  *total += n_chars;
}

static void
length_before_deleting (GtkEntryBuffer *buffer,
                        guint           position,
                        guint           n_chars,
                        guint          *length)
{
  *length = gtk_entry_buffer_get_length (buffer);
}

static void
test_signals_as_gtk_text_expects (void)
{
  g_autoptr(GtkPasswordEntry) field = new_field ();
  GtkText *text = GTK_TEXT (gtk_editable_get_delegate (GTK_EDITABLE (field)));
  GtkEntryBuffer *buffer = gtk_text_get_buffer (text);
  guint inserted = 0;
  guint length_seen = 0;

  g_signal_connect (buffer, "inserted-text", G_CALLBACK (count_inserted), &inserted);
  g_signal_connect (buffer, "deleted-text", G_CALLBACK (length_before_deleting), &length_seen);

  g_signal_emit_by_name (text, "insert-at-cursor", "ŷŵ");
  g_signal_emit_by_name (text, "insert-at-cursor", "x");
  g_assert_cmpuint (inserted, ==, 3);
  g_assert_cmpint (gtk_editable_get_position (GTK_EDITABLE (field)), ==, 3);

  g_signal_emit_by_name (text, "backspace");
  g_assert_cmpuint (length_seen, ==, 3);
  g_assert_cmpuint (gtk_entry_buffer_get_length (buffer), ==, 2);
  g_assert_cmpint (gtk_editable_get_position (GTK_EDITABLE (field)), ==, 2);
  g_assert_cmpstr (wm_secret_buffer_peek (field), ==, "ŷŵ");
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/secret-buffer/hidden-from-public-readers", test_hidden_from_public_readers);
  g_test_add_func ("/secret-buffer/edits-at-character-positions", test_edits_at_character_positions);
  g_test_add_func ("/secret-buffer/grows-as-typed", test_grows_as_typed);
  g_test_add_func ("/secret-buffer/revealed-on-request", test_revealed_on_request);
  g_test_add_func ("/secret-buffer/signals-as-gtk-text-expects", test_signals_as_gtk_text_expects);

  return g_test_run ();
}
