/* wm-org-settings.c — settings of the whole organisation, signed by an administrator
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Some choices belong to the organisation, not to one desk: how soon a
 * young person judged at high risk is reviewed is policy, and every
 * caseworker's Waymark must propose the same date. Such a setting is a
 * name and a text value in the file, signed with the organisation key
 * (wm-directory.c), which only active administrators can open, over the
 * database id, the name, the value and who signed. Whoever can write the
 * file cannot set or change one: a row whose signature does not hold is
 * read as not set (the shipped default applies) and wm_store_check_directory()
 * (and so `waymark-cli verify`) names it.
 *
 * What the signature does not stop, as for the partner directory: a
 * setting deleted (back to the default), or put back to a value an
 * administrator once signed. The directory head does not cover settings,
 * so that a changed setting costs that setting, not every case's sharing.
 * Settings hold no personal data and are plaintext.
 */

#define G_LOG_DOMAIN "wm-org-settings"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "wm-org-settings.h"
#include "wm-session-private.h"

/* What a setting's certificate covers: every column but itself. */
static GByteArray *
setting_message (WmStore    *store,
                 const char *name,
                 const char *value,
                 gint64      signed_by)
{
  GByteArray *message = wm_message_new (store, "waymark-org-setting-v1");

  wm_message_append_be64 (message, signed_by);
  wm_message_append_text (message, name);
  wm_message_append_text (message, value);
  return message;
}

/* A column read as stored: UTF-8 with no NUL inside, or NULL. */
static const char *
exact_text (sqlite3_stmt *stmt,
            int           column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);
  int size = sqlite3_column_bytes (stmt, column);

  if (sqlite3_column_type (stmt, column) != SQLITE_TEXT || text == NULL
      || !g_utf8_validate (text, size, NULL) || strlen (text) != (gsize) size)
    return NULL;
  return text;
}

/* Whether the row @stmt is on (name, value, signed_by, certificate) is as
 * an administrator signed it. */
static gboolean
row_is_signed (WmStore      *store,
               sqlite3_stmt *stmt)
{
  g_autoptr(GByteArray) message = NULL;
  const char *name = exact_text (stmt, 0);
  const char *value = exact_text (stmt, 1);

  if (name == NULL || value == NULL || sqlite3_column_type (stmt, 3) != SQLITE_BLOB)
    return FALSE;
  message = setting_message (store, name, value, sqlite3_column_int64 (stmt, 2));
  return wm_directory_check_statement (store, message->data, message->len,
                                       sqlite3_column_blob (stmt, 3), sqlite3_column_bytes (stmt, 3));
}

static gboolean
check_name (const char  *name,
            GError     **error)
{
  gsize length = strlen (name);

  /* Names are chosen by Waymark's code, never typed: a short lowercase
   * word with hyphens. */
  for (const char *p = name; *p != '\0'; p++)
    if (!g_ascii_islower (*p) && !g_ascii_isdigit (*p) && *p != '-')
      length = 0;
  if (length == 0 || length > WM_ORG_SETTING_NAME_MAX_BYTES)
    {
      g_set_error (error, WM_STORE_ERROR, WM_STORE_ERROR_INVALID,
                   _("“%s” is not the name of an organisation setting."), name);
      return FALSE;
    }
  return TRUE;
}

/**
 * wm_session_dup_org_setting:
 * @session: a signed-in session
 * @name: the setting, such as "review-weeks-high"
 * @error: return location for a #WM_STORE_ERROR
 *
 * The value an administrator set for the organisation. A setting nobody
 * set, or one changed outside Waymark (reported by wm_session_verify()),
 * is not set: the caller's default applies.
 *
 * Returns: (transfer full) (nullable): the value, or %NULL when it is not
 *   set (@error unset) or could not be read (@error set)
 */
char *
wm_session_dup_org_setting (WmSession   *session,
                            const char  *name,
                            GError     **error)
{
  sqlite3_stmt *stmt;
  char *value = NULL;
  int rc;

  g_return_val_if_fail (WM_IS_SESSION (session), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  if (!wm_session_require_unlocked (session, error) || !check_name (name, error))
    return NULL;
  stmt = wm_store_statement (session->store,
                             "SELECT name, value, signed_by, certificate FROM org_settings WHERE name = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW && row_is_signed (session->store, stmt))
    value = g_strdup (exact_text (stmt, 1));
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      wm_store_set_sqlite_error (session->store, rc, error);
      return NULL;
    }
  return value;
}

/**
 * wm_session_set_org_setting:
 * @session: an administrator's session
 * @name: the setting, such as "review-weeks-high"
 * @value: (nullable): its value; %NULL clears it, back to the default
 * @error: return location for a #WM_STORE_ERROR
 *
 * Sets a setting for the whole organisation, signed with the organisation
 * key, with an audit entry naming the setting and its value, in one
 * transaction. Only an administrator can; what the value means is the
 * caller's to check.
 *
 * Returns: whether it was set
 */
gboolean
wm_session_set_org_setting (WmSession   *session,
                            const char  *name,
                            const char  *value,
                            GError     **error)
{
  g_autoptr(WmSecret) organisation_key = NULL;
  g_autoptr(WmAccount) account = NULL;
  g_autoptr(GByteArray) message = NULL;
  g_autofree char *detail = NULL;
  guint8 signature[WM_DIRECTORY_SIGNATURE_SIZE];
  sqlite3_stmt *stmt;

  g_return_val_if_fail (WM_IS_SESSION (session), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  if (!wm_session_require_role (session, WM_ROLE_ADMINISTRATOR, error) || !check_name (name, error))
    return FALSE;
  if (value != NULL && (!g_utf8_validate (value, -1, NULL) || strlen (value) > WM_ORG_SETTING_VALUE_MAX_BYTES))
    {
      g_set_error (error, WM_STORE_ERROR, WM_STORE_ERROR_INVALID,
                   _("The value of “%s” is not text of at most %d bytes."), name, WM_ORG_SETTING_VALUE_MAX_BYTES);
      return FALSE;
    }
  account = wm_accounts_load (session->store, NULL, session->user_id, error);
  if (account == NULL)
    return FALSE;
  organisation_key = wm_directory_open_organisation_key (session->store, account, session->secret_key, error);
  if (organisation_key == NULL)
    return FALSE;

  if (!wm_store_begin (session->store, error))
    return FALSE;
  if (value == NULL)
    {
      stmt = wm_store_statement (session->store, "DELETE FROM org_settings WHERE name = ?", error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
    }
  else
    {
      message = setting_message (session->store, name, value, session->user_id);
      wm_directory_sign_statement (organisation_key, message->data, message->len, signature);
      stmt = wm_store_statement (session->store,
                                 "INSERT OR REPLACE INTO org_settings (name, value, signed_by, certificate) "
                                 "VALUES (?, ?, ?, ?)", error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, value, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 3, session->user_id);
      sqlite3_bind_blob (stmt, 4, signature, sizeof signature, SQLITE_STATIC);
    }
  if (!wm_store_step_done (session->store, stmt, error))
    goto fail;

  /* A setting is policy, not personal data: the audit says what it became. */
  detail = g_strdup_printf ("%s = %s", name, value != NULL ? value : "(default)");
  if (!wm_session_audit_in_transaction (session, "setting-change", 0, 0, detail, error)
      || !wm_store_commit (session->store, error))
    goto fail;
  return TRUE;

fail:
  wm_store_rollback (session->store);
  return FALSE;
}

/**
 * wm_org_settings_check:
 * @faults: (element-type utf8): receives one sentence per setting changed
 *   outside Waymark
 *
 * Returns: %FALSE with @error only when the check could not run
 */
gboolean
wm_org_settings_check (WmStore    *store,
                       GPtrArray  *faults,
                       GError    **error)
{
  sqlite3_stmt *stmt = wm_store_statement (store, "SELECT name, value, signed_by, certificate FROM org_settings "
                                                  "ORDER BY name", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    if (!row_is_signed (store, stmt))
      {
        const char *name = exact_text (stmt, 0);
        g_autofree char *shown = NULL;

        /* The name is from the file: shown only if it is one Waymark
         * could have written. */
        shown = name != NULL && check_name (name, NULL) ? g_strdup (name) : g_strdup ("?");
        g_ptr_array_add (faults,
                         g_strdup_printf (_("The organisation setting “%s” was changed outside Waymark: "
                                            "it does not carry an administrator’s signature, so the default "
                                            "is used until an administrator sets it again."), shown));
      }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      wm_store_set_sqlite_error (store, rc, error);
      return FALSE;
    }
  return TRUE;
}
