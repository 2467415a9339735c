/* wm-contact-item.c — one entry of the contact log, as an object a list can show and sort
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Holds its own copy of the record's current version (the payload is
 * shared, not copied), so the log's model owns everything it shows and
 * emptying the model on lock drops every reference to the notes.
 */

#define G_LOG_DOMAIN "wm-contact-item"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "wm-casework.h"
#include "wm-contact-item.h"
#include "wm-payload.h"
#include "wm-term.h"

/* How much of a note's first line the log shows. */
#define SUMMARY_MAX_CHARACTERS 120

struct _WmContactItem
{
  GObject   parent_instance;

  WmRecord  record;
};

G_DEFINE_FINAL_TYPE (WmContactItem, wm_contact_item, G_TYPE_OBJECT)

static void
wm_contact_item_finalize (GObject *object)
{
  WmContactItem *self = WM_CONTACT_ITEM (object);

  g_clear_pointer (&self->record.payload, g_variant_unref);
  g_clear_error (&self->record.error);

  G_OBJECT_CLASS (wm_contact_item_parent_class)->finalize (object);
}

static void
wm_contact_item_class_init (WmContactItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = wm_contact_item_finalize;
}

static void
wm_contact_item_init (WmContactItem *self)
{
}

/**
 * wm_contact_item_new:
 * @record: the contact's current version
 *
 * Returns: (transfer full): a new item
 */
WmContactItem *
wm_contact_item_new (const WmRecord *record)
{
  WmContactItem *self;

  g_return_val_if_fail (record != NULL, NULL);

  self = g_object_new (WM_TYPE_CONTACT_ITEM, NULL);
  self->record = *record;
  if (record->payload != NULL)
    self->record.payload = g_variant_ref (record->payload);
  if (record->error != NULL)
    self->record.error = g_error_copy (record->error);
  return self;
}

const WmRecord *
wm_contact_item_get_record (WmContactItem *self)
{
  g_return_val_if_fail (WM_IS_CONTACT_ITEM (self), NULL);

  return &self->record;
}

gint64
wm_contact_item_get_record_id (WmContactItem *self)
{
  g_return_val_if_fail (WM_IS_CONTACT_ITEM (self), 0);

  return self->record.record_id;
}

/**
 * wm_contact_item_get_date:
 *
 * Returns: (nullable): the contact's date, YYYY-MM-DD, or %NULL when the
 *   record could not be read
 */
const char *
wm_contact_item_get_date (WmContactItem *self)
{
  g_return_val_if_fail (WM_IS_CONTACT_ITEM (self), NULL);

  if (self->record.payload == NULL)
    return NULL;
  return wm_payload_get_string (self->record.payload, WM_CONTACT_DATE);
}

/**
 * wm_contact_item_dup_title:
 *
 * Returns: (transfer full): "2026-11-30 · Phone call · 45 min"
 */
char *
wm_contact_item_dup_title (WmContactItem *self)
{
  const char *date, *method;
  guint32 minutes = 0;

  g_return_val_if_fail (WM_IS_CONTACT_ITEM (self), NULL);

  if (self->record.payload == NULL)
    return g_strdup (_("This contact could not be read"));

  date = wm_payload_get_string (self->record.payload, WM_CONTACT_DATE);
  method = wm_payload_get_string (self->record.payload, WM_CONTACT_METHOD);
  if (method != NULL && wm_term_alias_resolve (wm_contact_method_aliases, method) != NULL)
    method = wm_term_alias_resolve (wm_contact_method_aliases, method);
  method = method != NULL ? wm_term_get_label (wm_contact_methods, method) : _("No method recorded");
  if (date == NULL)
    date = _("No date");

  if (wm_payload_get_uint (self->record.payload, WM_CONTACT_DURATION, &minutes))
    /* Translators: a contact: its date, how it was made, and how many
     * minutes it took ("2026-11-30 · Phone call · 45 min"). */
    return g_strdup_printf (_("%s · %s · %u min"), date, method, minutes);
  /* Translators: a contact: its date and how it was made. */
  return g_strdup_printf (_("%s · %s"), date, method);
}

/**
 * wm_contact_item_dup_summary:
 *
 * The first line of the note, cut short, or what is wrong with the
 * record. Reads no further into the note than it shows.
 *
 * Returns: (transfer full): the text, "" when there is no note
 */
char *
wm_contact_item_dup_summary (WmContactItem *self)
{
  const char *note, *end;
  gsize n = 0;

  g_return_val_if_fail (WM_IS_CONTACT_ITEM (self), NULL);

  if (self->record.payload == NULL)
    return g_strdup (self->record.error != NULL ? self->record.error->message : "");

  note = wm_payload_get_string (self->record.payload, WM_CONTACT_NOTE);
  if (note == NULL)
    return g_strdup ("");
  while (*note == '\n' || *note == '\r' || *note == ' ' || *note == '\t')
    note++;
  for (end = note; *end != '\0' && *end != '\n' && *end != '\r' && n < SUMMARY_MAX_CHARACTERS; n++)
    end = g_utf8_next_char (end);
  if (*end != '\0' && *end != '\n' && *end != '\r')
    return g_strdup_printf ("%.*s…", (int) (end - note), note);
  return g_strndup (note, end - note);
}

/**
 * wm_contact_item_compare_newest_first:
 *
 * A #GCompareDataFunc for the log: later dates first, and on one day the
 * later record first. Unreadable records go last.
 */
int
wm_contact_item_compare_newest_first (gconstpointer a,
                                      gconstpointer b,
                                      gpointer      user_data)
{
  WmContactItem *item_a = WM_CONTACT_ITEM ((gpointer) a);
  WmContactItem *item_b = WM_CONTACT_ITEM ((gpointer) b);
  const char *date_a = wm_contact_item_get_date (item_a);
  const char *date_b = wm_contact_item_get_date (item_b);
  int order;

  /* ISO dates sort as strings. */
  order = g_strcmp0 (date_b, date_a);
  if (order != 0)
    return order < 0 ? -1 : 1;
  if (item_a->record.record_id == item_b->record.record_id)
    return 0;
  return item_a->record.record_id > item_b->record.record_id ? -1 : 1;
}
