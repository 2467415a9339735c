/* wm-partners.c — the partner directory: the services referrals go to, signed by an administrator
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A referral is written to the partner service the caseworker picks from
 * this directory, and its secure email is where the PDF goes. Whoever can
 * write the file could otherwise redirect every referral to an address of
 * their own by changing one row. So each entry is signed with the
 * organisation key (wm-directory.c), which only active administrators can
 * open, over every column of the row; an entry whose signature does not
 * hold is not listed or given out, and wm_store_check_directory() (and so
 * `waymark-cli verify`) names it. Entries describe services, not young
 * people: they are plaintext.
 *
 * What the signatures do not stop: an entry deleted, or put back as an
 * administrator once signed it (an address they have since changed). The
 * directory head does not cover partners, on purpose: a changed entry
 * should hide that entry, not stop every case from being shared.
 */

#define G_LOG_DOMAIN "wm-partners"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "wm-partners.h"
#include "wm-session-private.h"

WmPartner *
wm_partner_new (void)
{
  return g_new0 (WmPartner, 1);
}

WmPartner *
wm_partner_copy (const WmPartner *partner)
{
  WmPartner *copy;

  g_return_val_if_fail (partner != NULL, NULL);

  copy = wm_partner_new ();
  copy->id = partner->id;
  copy->name = g_strdup (partner->name);
  copy->service = g_strdup (partner->service);
  copy->area = g_strdup (partner->area);
  copy->contact = g_strdup (partner->contact);
  copy->secure_email = g_strdup (partner->secure_email);
  copy->notes = g_strdup (partner->notes);
  copy->adult_only = partner->adult_only;
  return copy;
}

void
wm_partner_free (WmPartner *partner)
{
  if (partner == NULL)
    return;
  g_free (partner->name);
  g_free (partner->service);
  g_free (partner->area);
  g_free (partner->contact);
  g_free (partner->secure_email);
  g_free (partner->notes);
  g_free (partner);
}

static const char *
or_empty (const char *text)
{
  return text != NULL ? text : "";
}

/* What an entry's certificate covers: every column but itself. */
static GByteArray *
partner_message (WmStore         *store,
                 const WmPartner *partner,
                 gint64           signed_by)
{
  GByteArray *message = wm_message_new (store, "waymark-partner-v1");

  wm_message_append_be64 (message, partner->id);
  wm_message_append_be64 (message, partner->adult_only ? 1 : 0);
  wm_message_append_be64 (message, signed_by);
  wm_message_append_text (message, partner->name);
  wm_message_append_text (message, partner->service);
  wm_message_append_text (message, partner->area);
  wm_message_append_text (message, partner->contact);
  wm_message_append_text (message, partner->secure_email);
  wm_message_append_text (message, partner->notes);
  return message;
}

static char *
column_text (sqlite3_stmt *stmt,
             int           column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  /* The file is untrusted: text that is not UTF-8 would reach labels. */
  if (text == NULL || !g_utf8_validate (text, sqlite3_column_bytes (stmt, column), NULL))
    return g_strdup ("");
  return g_strndup (text, sqlite3_column_bytes (stmt, column));
}

/* Reads the row @stmt is on; *out_valid says whether its signature holds. */
static WmPartner *
partner_from_row (WmStore      *store,
                  sqlite3_stmt *stmt,
                  gboolean     *out_valid)
{
  g_autoptr(WmPartner) partner = wm_partner_new ();
  g_autoptr(GByteArray) message = NULL;
  gint64 signed_by;

  partner->id = sqlite3_column_int64 (stmt, 0);
  partner->name = column_text (stmt, 1);
  partner->service = column_text (stmt, 2);
  partner->area = column_text (stmt, 3);
  partner->contact = column_text (stmt, 4);
  partner->secure_email = column_text (stmt, 5);
  partner->notes = column_text (stmt, 6);
  partner->adult_only = sqlite3_column_int64 (stmt, 7) != 0;
  signed_by = sqlite3_column_int64 (stmt, 8);

  /* The row's raw adult_only must be 0 or 1 and its texts as read, or the
   * message would vouch for something other than what is stored. */
  message = partner_message (store, partner, signed_by);
  *out_valid = (sqlite3_column_int64 (stmt, 7) == 0 || sqlite3_column_int64 (stmt, 7) == 1)
               && sqlite3_column_type (stmt, 9) == SQLITE_BLOB
               && wm_directory_check_statement (store, message->data, message->len,
                                                sqlite3_column_blob (stmt, 9),
                                                sqlite3_column_bytes (stmt, 9));
  for (int column = 1; *out_valid && column <= 6; column++)
    {
      const char *text = (const char *) sqlite3_column_text (stmt, column);

      if (text == NULL || !g_utf8_validate (text, sqlite3_column_bytes (stmt, column), NULL)
          || strlen (text) != (gsize) sqlite3_column_bytes (stmt, column))
        *out_valid = FALSE;
    }
  return g_steal_pointer (&partner);
}

#define PARTNER_COLUMNS \
  "id, name, service, area, contact, secure_email, notes, adult_only, signed_by, certificate"

/**
 * wm_session_list_partners:
 * @session: a signed-in session
 * @error: return location for a #WM_STORE_ERROR
 *
 * Every entry of the partner directory whose signature holds, sorted by
 * area, then name. An entry changed outside Waymark is left out (and
 * reported by wm_session_verify()).
 *
 * Returns: (transfer full) (element-type WmPartner): the entries
 */
GPtrArray *
wm_session_list_partners (WmSession  *session,
                          GError    **error)
{
  g_autoptr(GPtrArray) partners = g_ptr_array_new_with_free_func ((GDestroyNotify) wm_partner_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (WM_IS_SESSION (session), NULL);

  if (!wm_session_require_unlocked (session, error))
    return NULL;
  stmt = wm_store_statement (session->store,
                             "SELECT " PARTNER_COLUMNS " FROM partners ORDER BY area, name, id", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gboolean valid = FALSE;
      g_autoptr(WmPartner) partner = partner_from_row (session->store, stmt, &valid);

      if (valid)
        g_ptr_array_add (partners, g_steal_pointer (&partner));
      else
        g_debug ("Partner directory entry %" G_GINT64_FORMAT " does not carry the organisation’s "
                 "signature; it is left out", partner->id);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      wm_store_set_sqlite_error (session->store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&partners);
}

static void
set_not_found_error (gint64   partner_id,
                     GError **error)
{
  g_set_error (error, WM_STORE_ERROR, WM_STORE_ERROR_NOT_FOUND,
               _("There is no partner service %lld in the directory. "
                 "Run “waymark-cli partner list” to see the partner services and their numbers."),
               (long long) partner_id);
}

/**
 * wm_session_get_partner:
 * @session: a signed-in session
 * @partner_id: an entry's id
 * @error: return location for a #WM_STORE_ERROR: %WM_STORE_ERROR_NOT_FOUND
 *   when there is no such entry, %WM_STORE_ERROR_CORRUPT when it was
 *   changed outside Waymark
 *
 * Returns: (transfer full) (nullable): the entry, only if its signature holds
 */
WmPartner *
wm_session_get_partner (WmSession  *session,
                        gint64      partner_id,
                        GError    **error)
{
  g_autoptr(WmPartner) partner = NULL;
  sqlite3_stmt *stmt;
  gboolean valid = FALSE;
  int rc;

  g_return_val_if_fail (WM_IS_SESSION (session), NULL);

  if (!wm_session_require_unlocked (session, error))
    return NULL;
  stmt = wm_store_statement (session->store, "SELECT " PARTNER_COLUMNS " FROM partners WHERE id = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, partner_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    partner = partner_from_row (session->store, stmt, &valid);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      wm_store_set_sqlite_error (session->store, rc, error);
      return NULL;
    }
  if (partner == NULL)
    {
      set_not_found_error (partner_id, error);
      return NULL;
    }
  if (!valid)
    {
      g_set_error (error, WM_STORE_ERROR, WM_STORE_ERROR_CORRUPT,
                   _("Partner service %lld was changed outside Waymark: it does not carry "
                     "an administrator’s signature, so nothing is sent to it. An administrator should "
                     "check the entry and save it again, or restore the database from a backup."),
                   (long long) partner_id);
      return NULL;
    }
  return g_steal_pointer (&partner);
}

static gboolean
is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  for (; *text != '\0'; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;
  return TRUE;
}

static gboolean
check_partner (const WmPartner  *partner,
               GError          **error)
{
  const char *fields[] = { partner->name, partner->service, partner->area, partner->contact,
                           partner->secure_email, partner->notes };

  if (is_blank (partner->name) || is_blank (partner->service) || is_blank (partner->area))
    {
      g_set_error_literal (error, WM_STORE_ERROR, WM_STORE_ERROR_INVALID,
                           _("A partner service needs a name, a service type and an area. Fill them in."));
      return FALSE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      if (fields[i] != NULL && (!g_utf8_validate (fields[i], -1, NULL)
                                || strlen (fields[i]) > WM_PARTNER_FIELD_MAX_BYTES))
        {
          g_set_error (error, WM_STORE_ERROR, WM_STORE_ERROR_INVALID,
                       _("A field of the partner service is not text or is longer than %d bytes. "
                         "Shorten it."), WM_PARTNER_FIELD_MAX_BYTES);
          return FALSE;
        }
    }
  return TRUE;
}

static WmSecret *
open_organisation_key (WmSession  *session,
                       GError    **error)
{
  g_autoptr(WmAccount) account = wm_accounts_load (session->store, NULL, session->user_id, error);

  if (account == NULL)
    return NULL;
  return wm_directory_open_organisation_key (session->store, account, session->secret_key, error);
}

/**
 * wm_session_save_partner:
 * @session: an administrator's session
 * @partner: the entry; id 0 adds a new one, another id replaces that entry
 * @error: return location for a #WM_STORE_ERROR
 *
 * Adds or changes an entry of the partner directory and signs it with the
 * organisation key, with an audit entry, in one transaction. Only an
 * administrator can: the signature is what lets a referral go to it.
 *
 * Returns: the entry's id, or 0 with @error set
 */
gint64
wm_session_save_partner (WmSession        *session,
                         const WmPartner  *partner,
                         GError          **error)
{
  g_autoptr(WmSecret) organisation_key = NULL;
  g_autoptr(WmPartner) saved = NULL;
  g_autoptr(GByteArray) message = NULL;
  g_autofree char *detail = NULL;
  guint8 signature[WM_DIRECTORY_SIGNATURE_SIZE];
  sqlite3_stmt *stmt;

  g_return_val_if_fail (WM_IS_SESSION (session), 0);
  g_return_val_if_fail (partner != NULL, 0);
  g_return_val_if_fail (partner->id >= 0, 0);

  if (!wm_session_require_role (session, WM_ROLE_ADMINISTRATOR, error) || !check_partner (partner, error))
    return 0;
  organisation_key = open_organisation_key (session, error);
  if (organisation_key == NULL)
    return 0;

  saved = wm_partner_copy (partner);
  if (!wm_store_begin (session->store, error))
    return 0;

  if (saved->id == 0)
    {
      /* The id is part of what is signed, so the row is made first and
       * signed once SQLite has numbered it, in the same transaction. */
      stmt = wm_store_statement (session->store,
                                 "INSERT INTO partners (name, service, area, contact, secure_email, notes, "
                                 "adult_only, signed_by, certificate) VALUES ('', '', '', '', '', '', 0, ?, x'')",
                                 error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_int64 (stmt, 1, session->user_id);
      if (!wm_store_step_done (session->store, stmt, error))
        goto fail;
      saved->id = sqlite3_last_insert_rowid (wm_store_get_db (session->store));
    }

  message = partner_message (session->store, saved, session->user_id);
  wm_directory_sign_statement (organisation_key, message->data, message->len, signature);
  stmt = wm_store_statement (session->store,
                             "UPDATE partners SET name = ?, service = ?, area = ?, contact = ?, secure_email = ?, "
                             "notes = ?, adult_only = ?, signed_by = ?, certificate = ? WHERE id = ?", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, or_empty (saved->name), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, or_empty (saved->service), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, or_empty (saved->area), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, or_empty (saved->contact), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, or_empty (saved->secure_email), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, or_empty (saved->notes), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 7, saved->adult_only ? 1 : 0);
  sqlite3_bind_int64 (stmt, 8, session->user_id);
  sqlite3_bind_blob (stmt, 9, signature, sizeof signature, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 10, saved->id);
  if (!wm_store_step_done (session->store, stmt, error))
    goto fail;
  if (sqlite3_changes (wm_store_get_db (session->store)) == 0)
    {
      set_not_found_error (saved->id, error);
      goto fail;
    }

  detail = g_strdup_printf ("partner %" G_GINT64_FORMAT, saved->id);
  if (!wm_session_audit_in_transaction (session, partner->id == 0 ? "partner-add" : "partner-change",
                                        0, 0, detail, error)
      || !wm_store_commit (session->store, error))
    goto fail;
  return saved->id;

fail:
  wm_store_rollback (session->store);
  return 0;
}

/**
 * wm_partners_check:
 * @faults: (element-type utf8): receives one sentence per entry changed
 *   outside Waymark
 *
 * Returns: %FALSE with @error only when the check could not run
 */
gboolean
wm_partners_check (WmStore    *store,
                   GPtrArray  *faults,
                   GError    **error)
{
  sqlite3_stmt *stmt = wm_store_statement (store, "SELECT " PARTNER_COLUMNS " FROM partners ORDER BY id", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gboolean valid = FALSE;
      g_autoptr(WmPartner) partner = partner_from_row (store, stmt, &valid);

      if (!valid)
        g_ptr_array_add (faults,
                         g_strdup_printf (_("Partner service %lld was changed outside Waymark: "
                                            "it does not carry an administrator’s signature, so it is not "
                                            "listed and nothing is sent to it."), (long long) partner->id));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      wm_store_set_sqlite_error (store, rc, error);
      return FALSE;
    }
  return TRUE;
}
