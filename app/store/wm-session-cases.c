/* wm-session-cases.c — cases, their keys, and their versioned records
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every change is one transaction with its audit entry, so the log and the
 * data cannot disagree after a crash. Records are never rewritten: an edit
 * adds a version, and an immutable (approved) record takes no more versions,
 * only an amendment that points back at it.
 */

#define G_LOG_DOMAIN "wm-session"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <sodium.h>

#include "wm-session-private.h"

#define REFERENCE_LENGTH 6

void
wm_case_info_free (WmCaseInfo *info)
{
  if (info == NULL)
    return;

  g_free (info->reference);
  g_free (info);
}

void
wm_caseload_entry_free (WmCaseloadEntry *entry)
{
  if (entry == NULL)
    return;

  g_free (entry->info.reference);
  g_clear_pointer (&entry->profile, g_variant_unref);
  g_clear_pointer (&entry->latest_assessment, g_variant_unref);
  g_clear_error (&entry->error);
  g_free (entry);
}

/* "WM-" and six Crockford base-32 characters: random, so a reference says
 * nothing about when or in what order a case was opened, and without the
 * letters that read as digits (I, L, O, U). */
static char *
new_reference (void)
{
  static const char alphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
  char reference[3 + REFERENCE_LENGTH + 1] = "WM-";

  for (int i = 0; i < REFERENCE_LENGTH; i++)
    reference[3 + i] = alphabet[randombytes_uniform (32)];
  reference[3 + REFERENCE_LENGTH] = '\0';
  return g_strdup (reference);
}

static gboolean
require_case_manager (WmSession  *self,
                      GError    **error)
{
  if (!wm_session_require_unlocked (self, error))
    return FALSE;
  if (self->role != WM_ROLE_SUPERVISOR && self->role != WM_ROLE_ADMINISTRATOR)
    {
      g_set_error (error, WM_STORE_ERROR, WM_STORE_ERROR_PERMISSION,
                   _("Only a supervisor can share, reassign or delete cases. Ask your supervisor."));
      return FALSE;
    }
  return TRUE;
}

static gboolean
load_assignable (WmSession  *self,
                 gint64      user_id,
                 GError    **error)
{
  g_autoptr(WmAccount) account = wm_accounts_load (self->store, NULL, user_id, error);

  if (account == NULL)
    return FALSE;
  if (account->disabled)
    {
      g_set_error (error, WM_STORE_ERROR, WM_STORE_ERROR_DISABLED,
                   _("The account “%s” is disabled. Choose an active account."), account->name);
      return FALSE;
    }
  if (account->role != WM_ROLE_CASEWORKER && account->role != WM_ROLE_SUPERVISOR)
    {
      g_set_error (error, WM_STORE_ERROR, WM_STORE_ERROR_INVALID,
                   _("A case can be assigned to a caseworker or a supervisor, not to “%s”."), account->name);
      return FALSE;
    }
  return TRUE;
}

/* The people a case must be sealed to: its caseworker and their team's
 * active supervisors. */
static GArray *
case_recipients (WmSession *self,
                 gint64     caseworker_id,
                 GError   **error)
{
  g_autoptr(GArray) recipients = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  int rc;

  g_array_append_val (recipients, caseworker_id);
  stmt = wm_store_statement (self->store,
                             "SELECT s.supervisor_id, s.certificate FROM user_supervisors s "
                             "JOIN users u ON u.id = s.supervisor_id "
                             "WHERE s.user_id = ? AND u.disabled = 0", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, caseworker_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      /* A team link an administrator did not sign was put in the file by
       * someone else: follow it and the case would be sealed to them. */
      if (!wm_directory_check_link (self->store, caseworker_id, id,
                                    sqlite3_column_blob (stmt, 1), sqlite3_column_bytes (stmt, 1)))
        {
          sqlite3_reset (stmt);
          g_set_error (error, WM_STORE_ERROR, WM_STORE_ERROR_CORRUPT,
                       _("A supervisor link of account %lld was changed outside Waymark, so nothing was "
                         "shared. An administrator should check the team and restore the database "
                         "from a backup."), (long long) caseworker_id);
          return NULL;
        }
      if (id != caseworker_id)
        g_array_append_val (recipients, id);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      wm_store_set_sqlite_error (self->store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&recipients);
}

static gboolean
holds_key_row (WmSession *self,
               gint64     case_id,
               gint64     user_id)
{
  sqlite3_stmt *stmt = wm_store_statement (self->store,
                                           "SELECT 1 FROM case_keys WHERE case_id = ? AND user_id = ?", NULL);
  gboolean found;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, case_id);
  sqlite3_bind_int64 (stmt, 2, user_id);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);
  return found;
}

static gboolean
check_kind (WmRecordKind   kind,
            GError       **error)
{
  if (kind < WM_RECORD_PROFILE || kind > WM_RECORD_KIND_LAST)
    {
      g_set_error (error, WM_STORE_ERROR, WM_STORE_ERROR_INVALID,
                   _("Unknown kind of record (%d). Nothing was saved."), (int) kind);
      return FALSE;
    }
  return TRUE;
}

/* Adds version 1 of a new record; part of the caller's transaction. */
static gint64
insert_record (WmSession     *self,
               gint64         case_id,
               const guint8  *case_key,
               WmRecordKind   kind,
               GVariant      *payload,
               gint64         amends_id,
               GError       **error)
{
  g_autoptr(GBytes) sealed = NULL;
  g_autofree char *detail = NULL;
  WmRecordBinding binding = { wm_store_get_database_id (self->store), case_id, 0, kind, 1 };
  sqlite3_stmt *stmt;
  gint64 record_id;

  if (!g_variant_is_of_type (payload, WM_RECORD_PAYLOAD_TYPE))
    {
      g_set_error (error, WM_STORE_ERROR, WM_STORE_ERROR_INVALID,
                   _("A %s record must be a dictionary (a{sv}), not “%s”. Nothing was saved."),
                   wm_record_kind_to_string (kind), g_variant_get_type_string (payload));
      return 0;
    }

  stmt = wm_store_statement (self->store,
                             "INSERT INTO records (case_id, kind, head_version, amends_id, author_id) "
                             "VALUES (?, ?, 1, ?, ?)", error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, case_id);
  sqlite3_bind_int (stmt, 2, kind);
  if (amends_id > 0)
    sqlite3_bind_int64 (stmt, 3, amends_id);
  else
    sqlite3_bind_null (stmt, 3);
  sqlite3_bind_int64 (stmt, 4, self->user_id);
  if (!wm_store_step_done (self->store, stmt, error))
    return 0;
  record_id = sqlite3_last_insert_rowid (wm_store_get_db (self->store));

  binding.record_id = record_id;
  sealed = wm_record_seal (case_key, &binding, wm_store_now (self->store), payload, error);
  if (sealed == NULL)
    return 0;

  stmt = wm_store_statement (self->store,
                             "INSERT INTO record_versions (record_id, version, author_id, immutable, sealed) "
                             "VALUES (?, 1, ?, 0, ?)", error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, record_id);
  sqlite3_bind_int64 (stmt, 2, self->user_id);
  sqlite3_bind_blob (stmt, 3, g_bytes_get_data (sealed, NULL), g_bytes_get_size (sealed), SQLITE_STATIC);
  if (!wm_store_step_done (self->store, stmt, error))
    return 0;

  detail = amends_id > 0
           ? g_strdup_printf ("%s, amends record %" G_GINT64_FORMAT, wm_record_kind_to_string (kind), amends_id)
           : g_strdup (wm_record_kind_to_string (kind));
  if (!wm_session_audit_in_transaction (self, "create", case_id, record_id, detail, error))
    return 0;
  return record_id;
}

/* Marks a record's current version immutable and audits the approval;
 * part of the caller's transaction. */
static gboolean
freeze_head (WmSession     *self,
             gint64         case_id,
             gint64         record_id,
             WmRecordKind   kind,
             GError       **error)
{
  sqlite3_stmt *stmt = wm_store_statement (self->store,
                                           "UPDATE record_versions SET immutable = 1 "
                                           "WHERE record_id = ?1 AND version = "
                                           "(SELECT head_version FROM records WHERE id = ?1)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, record_id);
  return wm_store_step_done (self->store, stmt, error)
         && wm_session_audit_in_transaction (self, "approve", case_id, record_id,
                                             wm_record_kind_to_string (kind), error);
}

/**
 * wm_session_create_case_with_records:
 * @caseworker_id: who the case is assigned to; a caseworker may only
 *   assign to themselves
 * @profile: the young person's profile, a{sv}
 * @first_records: (nullable): more records, "a(ua{sv}b)": kind, payload, and
 *   whether it is immutable from the start (a submitted assessment)
 *
 * Makes a random case key, seals it to the caseworker and their team's
 * supervisors, and stores the profile and @first_records, all in one
 * transaction: the case exists whole or not at all. Whoever creates a case
 * holds its key only if it is sealed to them, so an administrator who
 * registers a young person for a caseworker writes the first records here
 * and can read none of them afterwards.
 */
gint64
wm_session_create_case_with_records (WmSession  *self,
                                     gint64      caseworker_id,
                                     GVariant   *profile,
                                     GVariant   *first_records,
                                     GError    **error)
{
  g_autoptr(WmSecret) case_key = NULL;
  g_autoptr(GArray) recipients = NULL;
  g_autofree char *reference = NULL;
  sqlite3_stmt *stmt;
  gint64 case_id = 0;
  gboolean self_holds = FALSE;
  int rc = SQLITE_CONSTRAINT;

  g_return_val_if_fail (WM_IS_SESSION (self), 0);
  g_return_val_if_fail (profile != NULL, 0);

  if (!wm_session_require_unlocked (self, error))
    return 0;
  if (self->role == WM_ROLE_CASEWORKER && caseworker_id != self->user_id)
    {
      g_set_error (error, WM_STORE_ERROR, WM_STORE_ERROR_PERMISSION,
                   _("A caseworker can open cases only for themselves. Ask a supervisor to assign it."));
      return 0;
    }
  if (!g_variant_is_of_type (profile, WM_RECORD_PAYLOAD_TYPE))
    {
      g_set_error (error, WM_STORE_ERROR, WM_STORE_ERROR_INVALID,
                   _("A profile record must be a dictionary (a{sv}), not “%s”. Nothing was saved."),
                   g_variant_get_type_string (profile));
      return 0;
    }
  if (first_records != NULL && !g_variant_is_of_type (first_records, G_VARIANT_TYPE ("a(ua{sv}b)")))
    {
      g_set_error (error, WM_STORE_ERROR, WM_STORE_ERROR_INVALID,
                   _("A case’s first records must be a list of kinds, dictionaries and flags (a(ua{sv}b)), "
                     "not “%s”. Nothing was saved."), g_variant_get_type_string (first_records));
      return 0;
    }
  if (!load_assignable (self, caseworker_id, error))
    return 0;

  case_key = wm_secret_new_random (WM_KEY_SIZE);
  if (!wm_store_begin (self->store, error))
    return 0;

  stmt = wm_store_statement (self->store, "INSERT INTO cases (reference, assigned_to) VALUES (?, ?)", error);
  if (stmt == NULL)
    goto fail;
  /* References are random; on the rare collision, draw again. */
  for (int attempt = 0; attempt < 8 && (rc & 0xff) == SQLITE_CONSTRAINT; attempt++)
    {
      g_free (reference);
      reference = new_reference ();
      sqlite3_bind_text (stmt, 1, reference, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 2, caseworker_id);
      rc = sqlite3_step (stmt);
      sqlite3_reset (stmt);
    }
  if (rc != SQLITE_DONE)
    {
      wm_store_set_sqlite_error (self->store, rc, error);
      goto fail;
    }
  case_id = sqlite3_last_insert_rowid (wm_store_get_db (self->store));

  recipients = case_recipients (self, caseworker_id, error);
  if (recipients == NULL)
    goto fail;
  for (guint i = 0; i < recipients->len; i++)
    {
      gint64 user_id = g_array_index (recipients, gint64, i);

      if (!wm_session_seal_case_key (self, case_id, wm_secret_get_data (case_key), user_id, error))
        goto fail;
      self_holds = self_holds || user_id == self->user_id;
    }

  if (insert_record (self, case_id, wm_secret_get_data (case_key), WM_RECORD_PROFILE, profile, 0, error) == 0)
    goto fail;
  if (first_records != NULL)
    {
      GVariantIter iter;
      GVariant *payload;
      gboolean immutable;
      guint32 kind;

      g_variant_iter_init (&iter, first_records);
      while (g_variant_iter_next (&iter, "(u@a{sv}b)", &kind, &payload, &immutable))
        {
          gint64 record_id = 0;
          gboolean added = kind != WM_RECORD_PROFILE && check_kind (kind, error)
                           && (record_id = insert_record (self, case_id, wm_secret_get_data (case_key),
                                                          kind, payload, 0, error)) > 0
                           && (!immutable || freeze_head (self, case_id, record_id, kind, error));

          g_variant_unref (payload);
          if (!added)
            {
              if (kind == WM_RECORD_PROFILE)
                g_set_error (error, WM_STORE_ERROR, WM_STORE_ERROR_INVALID,
                             _("A case has one profile, made with the case. Edit it instead."));
              goto fail;
            }
        }
    }
  if (self_holds)
    {
      wm_keyring_insert (self->case_keys, case_id, wm_secret_get_data (case_key));
      if (!wm_session_store_wrapped (self, case_id, error))
        goto fail;
    }
  if (!wm_store_commit (self->store, error))
    goto fail_committed;
  return case_id;

fail:
  wm_store_rollback (self->store);
fail_committed:
  if (case_id > 0)
    wm_keyring_remove (self->case_keys, case_id);
  return 0;
}

/**
 * wm_session_create_case:
 *
 * wm_session_create_case_with_records() with the profile alone.
 */
gint64
wm_session_create_case (WmSession  *self,
                        gint64      caseworker_id,
                        GVariant   *profile,
                        GError    **error)
{
  return wm_session_create_case_with_records (self, caseworker_id, profile, NULL, error);
}

gboolean
wm_session_share_case (WmSession  *self,
                       gint64      case_id,
                       gint64      user_id,
                       GError    **error)
{
  const guint8 *key;
  g_autofree char *detail = NULL;

  g_return_val_if_fail (WM_IS_SESSION (self), FALSE);

  if (!require_case_manager (self, error))
    return FALSE;
  key = wm_session_case_key (self, case_id, error);
  if (key == NULL)
    return FALSE;

  detail = g_strdup_printf ("with user %" G_GINT64_FORMAT, user_id);
  if (!wm_store_begin (self->store, error))
    return FALSE;
  if (!wm_session_seal_case_key (self, case_id, key, user_id, error)
      || !wm_session_audit_in_transaction (self, "share", case_id, 0, detail, error))
    {
      wm_store_rollback (self->store);
      return FALSE;
    }
  return wm_store_commit (self->store, error);
}

static gint64
case_assignee (WmSession  *self,
               gint64      case_id,
               GError    **error)
{
  sqlite3_stmt *stmt = wm_store_statement (self->store, "SELECT assigned_to FROM cases WHERE id = ?", error);
  gint64 assignee = 0;

  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, case_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    assignee = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (assignee == 0)
    g_set_error (error, WM_STORE_ERROR, WM_STORE_ERROR_NOT_FOUND,
                 _("There is no case number %lld. It may have been deleted."), (long long) case_id);
  return assignee;
}

static char *
dup_case_reference (WmSession  *self,
                    gint64      case_id,
                    GError    **error)
{
  sqlite3_stmt *stmt = wm_store_statement (self->store, "SELECT reference FROM cases WHERE id = ?", error);
  char *reference = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, case_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    reference = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  if (reference == NULL)
    g_set_error (error, WM_STORE_ERROR, WM_STORE_ERROR_NOT_FOUND,
                 _("There is no case number %lld. It may have been deleted."), (long long) case_id);
  return reference;
}

static gboolean
delete_key_row (WmSession  *self,
                gint64      case_id,
                gint64      user_id,
                GError    **error)
{
  sqlite3_stmt *stmt = wm_store_statement (self->store,
                                           "DELETE FROM case_keys WHERE case_id = ? AND user_id = ?", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, case_id);
  sqlite3_bind_int64 (stmt, 2, user_id);
  return wm_store_step_done (self->store, stmt, error);
}

gboolean
wm_session_unshare_case (WmSession  *self,
                         gint64      case_id,
                         gint64      user_id,
                         GError    **error)
{
  g_autofree char *detail = NULL;
  gint64 assignee;

  g_return_val_if_fail (WM_IS_SESSION (self), FALSE);

  if (!require_case_manager (self, error))
    return FALSE;
  if (wm_session_case_key (self, case_id, error) == NULL)
    return FALSE;
  assignee = case_assignee (self, case_id, error);
  if (assignee == 0)
    return FALSE;
  if (assignee == user_id)
    {
      g_set_error (error, WM_STORE_ERROR, WM_STORE_ERROR_INVALID,
                   _("The case’s own caseworker always holds it. Reassign the case instead."));
      return FALSE;
    }

  detail = g_strdup_printf ("from user %" G_GINT64_FORMAT, user_id);
  if (!wm_store_begin (self->store, error))
    return FALSE;
  if (!delete_key_row (self, case_id, user_id, error)
      || !wm_session_audit_in_transaction (self, "unshare", case_id, 0, detail, error))
    {
      wm_store_rollback (self->store);
      return FALSE;
    }
  if (!wm_store_commit (self->store, error))
    return FALSE;
  if (user_id == self->user_id)
    wm_keyring_remove (self->case_keys, case_id);
  return TRUE;
}

/**
 * wm_session_reassign_case:
 *
 * Seals the case key to the new caseworker (and their supervisors) and
 * removes the old caseworker's copy, all in one transaction.
 */
gboolean
wm_session_reassign_case (WmSession  *self,
                          gint64      case_id,
                          gint64      caseworker_id,
                          GError    **error)
{
  g_autoptr(GArray) recipients = NULL;
  g_autofree char *detail = NULL;
  const guint8 *key;
  gint64 previous;
  gboolean previous_stays = FALSE;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (WM_IS_SESSION (self), FALSE);

  if (!require_case_manager (self, error))
    return FALSE;
  key = wm_session_case_key (self, case_id, error);
  if (key == NULL)
    return FALSE;
  previous = case_assignee (self, case_id, error);
  if (previous == 0 || !load_assignable (self, caseworker_id, error))
    return FALSE;
  if (previous == caseworker_id)
    return TRUE;
  recipients = case_recipients (self, caseworker_id, error);
  if (recipients == NULL)
    return FALSE;

  detail = g_strdup_printf ("from user %" G_GINT64_FORMAT " to user %" G_GINT64_FORMAT, previous, caseworker_id);
  if (!wm_store_begin (self->store, error))
    return FALSE;
  for (guint i = 0; i < recipients->len; i++)
    {
      gint64 user_id = g_array_index (recipients, gint64, i);

      previous_stays = previous_stays || user_id == previous;
      if (holds_key_row (self, case_id, user_id) && user_id != caseworker_id)
        continue;
      if (!wm_session_seal_case_key (self, case_id, key, user_id, error))
        goto fail;
    }
  /* The old caseworker keeps the case only when they are also one of the
   * new caseworker's supervisors, or the one doing the reassigning. */
  if (!previous_stays && previous != self->user_id
      && !delete_key_row (self, case_id, previous, error))
    goto fail;

  stmt = wm_store_statement (self->store, "UPDATE cases SET assigned_to = ? WHERE id = ?", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, caseworker_id);
  sqlite3_bind_int64 (stmt, 2, case_id);
  if (!wm_store_step_done (self->store, stmt, error)
      || !wm_session_audit_in_transaction (self, "reassign", case_id, 0, detail, error))
    goto fail;
  return wm_store_commit (self->store, error);

fail:
  wm_store_rollback (self->store);
  return FALSE;
}

/**
 * wm_session_reshare_team_cases:
 *
 * After an administrator reset a user's key pair, that user holds none of
 * their cases. A supervisor calls this to seal every case they hold whose
 * caseworker lacks a copy to that caseworker again. Returns how many.
 */
guint
wm_session_reshare_team_cases (WmSession  *self,
                               GError    **error)
{
  g_autoptr(GArray) pending = g_array_new (FALSE, FALSE, sizeof (gint64) * 2);
  sqlite3_stmt *stmt;
  guint shared = 0;

  g_return_val_if_fail (WM_IS_SESSION (self), 0);

  if (!require_case_manager (self, error))
    return 0;
  stmt = wm_store_statement (self->store,
                             "SELECT c.id, c.assigned_to FROM cases c "
                             "JOIN case_keys mine ON mine.case_id = c.id AND mine.user_id = ? "
                             "JOIN users u ON u.id = c.assigned_to AND u.disabled = 0 "
                             "WHERE NOT EXISTS (SELECT 1 FROM case_keys k "
                             "                  WHERE k.case_id = c.id AND k.user_id = c.assigned_to)",
                             error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, self->user_id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 pair[2] = { sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1) };

      g_array_append_vals (pending, pair, 1);
    }
  sqlite3_reset (stmt);

  for (guint i = 0; i < pending->len; i++)
    {
      const gint64 *pair = (const gint64 *) (pending->data + i * sizeof (gint64) * 2);

      if (!wm_session_share_case (self, pair[0], pair[1], error))
        return shared;
      shared++;
    }
  return shared;
}

gboolean
wm_session_delete_case (WmSession  *self,
                        gint64      case_id,
                        GError    **error)
{
  g_autofree char *reference = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (WM_IS_SESSION (self), FALSE);

  if (!require_case_manager (self, error))
    return FALSE;
  /* The audit entry keeps the reference: it outlives the case's row. */
  reference = dup_case_reference (self, case_id, error);
  if (reference == NULL)
    return FALSE;

  /* secure_delete overwrites the freed pages, ciphertext included. */
  if (!wm_store_begin (self->store, error))
    return FALSE;
  stmt = wm_store_statement (self->store, "DELETE FROM cases WHERE id = ?", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, case_id);
  if (!wm_store_step_done (self->store, stmt, error)
      || !wm_session_audit_in_transaction (self, "delete", case_id, 0, reference, error))
    goto fail;
  if (!wm_store_commit (self->store, error))
    return FALSE;
  wm_keyring_remove (self->case_keys, case_id);
  return TRUE;

fail:
  wm_store_rollback (self->store);
  return FALSE;
}

static WmCaseInfo *
case_info_from_row (sqlite3_stmt *stmt)
{
  WmCaseInfo *info = g_new0 (WmCaseInfo, 1);

  info->id = sqlite3_column_int64 (stmt, 0);
  info->reference = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  info->assigned_to = sqlite3_column_int64 (stmt, 2);
  return info;
}

/**
 * wm_session_list_cases:
 *
 * The cases this user holds a key for, and only those, by reference.
 */
GPtrArray *
wm_session_list_cases (WmSession  *self,
                       GError    **error)
{
  g_autoptr(GPtrArray) cases = g_ptr_array_new_with_free_func ((GDestroyNotify) wm_case_info_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (WM_IS_SESSION (self), NULL);

  if (!wm_session_require_unlocked (self, error))
    return NULL;
  stmt = wm_store_statement (self->store,
                             "SELECT c.id, c.reference, c.assigned_to FROM case_keys k "
                             "JOIN cases c ON c.id = k.case_id WHERE k.user_id = ? ORDER BY c.reference",
                             error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, self->user_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (cases, case_info_from_row (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      wm_store_set_sqlite_error (self->store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&cases);
}

WmCaseInfo *
wm_session_find_case (WmSession   *self,
                      const char  *reference,
                      GError     **error)
{
  WmCaseInfo *info = NULL;
  sqlite3_stmt *stmt;
  gboolean exists = FALSE;
  int rc;

  g_return_val_if_fail (WM_IS_SESSION (self), NULL);
  g_return_val_if_fail (reference != NULL, NULL);

  if (!wm_session_require_unlocked (self, error))
    return NULL;
  stmt = wm_store_statement (self->store,
                             "SELECT c.id, c.reference, c.assigned_to, "
                             "EXISTS (SELECT 1 FROM case_keys k WHERE k.case_id = c.id AND k.user_id = ?) "
                             "FROM cases c WHERE c.reference = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, self->user_id);
  sqlite3_bind_text (stmt, 2, reference, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      exists = TRUE;
      if (sqlite3_column_int (stmt, 3))
        info = case_info_from_row (stmt);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    wm_store_set_sqlite_error (self->store, rc, error);
  else if (info == NULL && exists)
    g_set_error (error, WM_STORE_ERROR, WM_STORE_ERROR_NO_ACCESS,
                 _("Case %s is not shared with you. Ask its supervisor to share it."), reference);
  else if (info == NULL)
    g_set_error (error, WM_STORE_ERROR, WM_STORE_ERROR_NOT_FOUND,
                 _("There is no case %s. Check the reference."), reference);
  return info;
}

/* ---- Records ----------------------------------------------------------- */

static WmRecord *
record_from_row (WmSession     *self,
                 const guint8  *key,
                 gint64         case_id,
                 gint64         record_id,
                 WmRecordKind   kind,
                 gint64         amends_id,
                 sqlite3_stmt  *stmt,
                 int            first_column)
{
  WmRecord *record = g_new0 (WmRecord, 1);
  WmRecordBinding binding;

  record->case_id = case_id;
  record->record_id = record_id;
  record->kind = kind;
  record->amends_id = amends_id;
  record->version = sqlite3_column_int (stmt, first_column);
  record->author_id = sqlite3_column_int64 (stmt, first_column + 1);
  record->immutable = sqlite3_column_int (stmt, first_column + 2) != 0;

  binding = (WmRecordBinding) { wm_store_get_database_id (self->store), case_id, record_id, kind, record->version };
  record->payload = wm_record_open (key, &binding,
                                    sqlite3_column_blob (stmt, first_column + 3),
                                    sqlite3_column_bytes (stmt, first_column + 3),
                                    &record->written_usec, &record->error);
  return record;
}

gint64
wm_session_add_record (WmSession     *self,
                       gint64         case_id,
                       WmRecordKind   kind,
                       GVariant      *payload,
                       GError       **error)
{
  const guint8 *key;
  gint64 record_id;

  g_return_val_if_fail (WM_IS_SESSION (self), 0);
  g_return_val_if_fail (payload != NULL, 0);

  if (!check_kind (kind, error))
    return 0;
  if (kind == WM_RECORD_PROFILE)
    {
      g_set_error (error, WM_STORE_ERROR, WM_STORE_ERROR_INVALID,
                   _("A case has one profile, made with the case. Edit it instead."));
      return 0;
    }
  key = wm_session_case_key (self, case_id, error);
  if (key == NULL)
    return 0;
  if (!wm_store_begin (self->store, error))
    return 0;
  record_id = insert_record (self, case_id, key, kind, payload, 0, error);
  if (record_id == 0)
    {
      wm_store_rollback (self->store);
      return 0;
    }
  return wm_store_commit (self->store, error) ? record_id : 0;
}

typedef struct
{
  gint64       case_id;
  WmRecordKind kind;
  guint        head_version;
  gboolean     immutable;
} RecordHead;

static gboolean
load_head (WmSession   *self,
           gint64       record_id,
           RecordHead  *head,
           GError     **error)
{
  sqlite3_stmt *stmt = wm_store_statement (self->store,
                                           "SELECT r.case_id, r.kind, r.head_version, v.immutable "
                                           "FROM records r JOIN record_versions v "
                                           "ON v.record_id = r.id AND v.version = r.head_version "
                                           "WHERE r.id = ?", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, record_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      head->case_id = sqlite3_column_int64 (stmt, 0);
      head->kind = sqlite3_column_int (stmt, 1);
      head->head_version = sqlite3_column_int (stmt, 2);
      head->immutable = sqlite3_column_int (stmt, 3) != 0;
    }
  sqlite3_reset (stmt);
  if (rc == SQLITE_ROW)
    return check_kind (head->kind, error);
  if (rc == SQLITE_DONE)
    g_set_error (error, WM_STORE_ERROR, WM_STORE_ERROR_NOT_FOUND,
                 _("There is no record %lld. It may have been deleted."), (long long) record_id);
  else
    wm_store_set_sqlite_error (self->store, rc, error);
  return FALSE;
}

/**
 * wm_session_update_record:
 *
 * Writes @payload as the record's next version. Returns the new version
 * number, or 0 with %WM_STORE_ERROR_IMMUTABLE for an approved record.
 */
guint
wm_session_update_record (WmSession  *self,
                          gint64      record_id,
                          GVariant   *payload,
                          GError    **error)
{
  g_autoptr(GBytes) sealed = NULL;
  RecordHead head;
  WmRecordBinding binding;
  const guint8 *key;
  sqlite3_stmt *stmt;
  guint version;

  g_return_val_if_fail (WM_IS_SESSION (self), 0);
  g_return_val_if_fail (payload != NULL, 0);

  if (!wm_session_require_unlocked (self, error))
    return 0;
  /* Read the head inside the transaction: another program may write too. */
  if (!wm_store_begin (self->store, error))
    return 0;
  if (!load_head (self, record_id, &head, error))
    goto fail;
  if (head.immutable)
    {
      g_set_error (error, WM_STORE_ERROR, WM_STORE_ERROR_IMMUTABLE,
                   _("Record %lld was approved and cannot be changed. Record an amendment instead."),
                   (long long) record_id);
      goto fail;
    }
  key = wm_session_case_key (self, head.case_id, error);
  if (key == NULL)
    goto fail;

  version = head.head_version + 1;
  binding = (WmRecordBinding) { wm_store_get_database_id (self->store), head.case_id, record_id, head.kind, version };
  sealed = wm_record_seal (key, &binding, wm_store_now (self->store), payload, error);
  if (sealed == NULL)
    goto fail;

  stmt = wm_store_statement (self->store,
                             "INSERT INTO record_versions (record_id, version, author_id, immutable, sealed) "
                             "VALUES (?, ?, ?, 0, ?)", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, record_id);
  sqlite3_bind_int (stmt, 2, version);
  sqlite3_bind_int64 (stmt, 3, self->user_id);
  sqlite3_bind_blob (stmt, 4, g_bytes_get_data (sealed, NULL), g_bytes_get_size (sealed), SQLITE_STATIC);
  if (!wm_store_step_done (self->store, stmt, error))
    goto fail;

  stmt = wm_store_statement (self->store, "UPDATE records SET head_version = ? WHERE id = ?", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int (stmt, 1, version);
  sqlite3_bind_int64 (stmt, 2, record_id);
  if (!wm_store_step_done (self->store, stmt, error)
      || !wm_session_audit_in_transaction (self, "edit", head.case_id, record_id,
                                           wm_record_kind_to_string (head.kind), error))
    goto fail;
  return wm_store_commit (self->store, error) ? version : 0;

fail:
  wm_store_rollback (self->store);
  return 0;
}

gint64
wm_session_amend_record (WmSession  *self,
                         gint64      record_id,
                         GVariant   *payload,
                         GError    **error)
{
  RecordHead head;
  const guint8 *key;
  gint64 amendment;

  g_return_val_if_fail (WM_IS_SESSION (self), 0);
  g_return_val_if_fail (payload != NULL, 0);

  if (!wm_session_require_unlocked (self, error))
    return 0;
  if (!wm_store_begin (self->store, error))
    return 0;
  if (!load_head (self, record_id, &head, error))
    goto fail;
  if (head.kind == WM_RECORD_PROFILE)
    {
      g_set_error (error, WM_STORE_ERROR, WM_STORE_ERROR_INVALID,
                   _("A profile is edited, not amended."));
      goto fail;
    }
  key = wm_session_case_key (self, head.case_id, error);
  if (key == NULL)
    goto fail;
  amendment = insert_record (self, head.case_id, key, head.kind, payload, record_id, error);
  if (amendment == 0)
    goto fail;
  return wm_store_commit (self->store, error) ? amendment : 0;

fail:
  wm_store_rollback (self->store);
  return 0;
}

gboolean
wm_session_set_record_immutable (WmSession  *self,
                                 gint64      record_id,
                                 GError    **error)
{
  RecordHead head;

  g_return_val_if_fail (WM_IS_SESSION (self), FALSE);

  if (!wm_session_require_unlocked (self, error))
    return FALSE;
  if (!wm_store_begin (self->store, error))
    return FALSE;
  if (!load_head (self, record_id, &head, error))
    goto fail;
  /* Only someone who can read the record may approve it. */
  if (wm_session_case_key (self, head.case_id, error) == NULL
      || !freeze_head (self, head.case_id, record_id, head.kind, error))
    goto fail;
  return wm_store_commit (self->store, error);

fail:
  wm_store_rollback (self->store);
  return FALSE;
}

/**
 * wm_session_read_record:
 * @version: a version number, or 0 for the current one
 *
 * Returns the record, or %NULL with an error when it does not exist, is not
 * shared with this user, or fails to open.
 */
WmRecord *
wm_session_read_record (WmSession  *self,
                        gint64      record_id,
                        guint       version,
                        GError    **error)
{
  g_autoptr(WmRecord) record = NULL;
  RecordHead head;
  const guint8 *key;
  sqlite3_stmt *stmt;
  gint64 amends_id = 0;
  int rc;

  g_return_val_if_fail (WM_IS_SESSION (self), NULL);

  if (!wm_session_require_unlocked (self, error))
    return NULL;
  if (!load_head (self, record_id, &head, error))
    return NULL;
  key = wm_session_case_key (self, head.case_id, error);
  if (key == NULL)
    return NULL;

  stmt = wm_store_statement (self->store,
                             "SELECT v.version, v.author_id, v.immutable, v.sealed, "
                             "       coalesce(r.amends_id, 0) "
                             "FROM record_versions v JOIN records r ON r.id = v.record_id "
                             "WHERE v.record_id = ? AND v.version = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, record_id);
  sqlite3_bind_int (stmt, 2, version == 0 ? head.head_version : version);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      amends_id = sqlite3_column_int64 (stmt, 4);
      record = record_from_row (self, key, head.case_id, record_id, head.kind, amends_id, stmt, 0);
    }
  sqlite3_reset (stmt);

  if (rc == SQLITE_DONE)
    {
      g_set_error (error, WM_STORE_ERROR, WM_STORE_ERROR_NOT_FOUND,
                   _("Record %lld has no version %u."), (long long) record_id, version);
      return NULL;
    }
  if (record == NULL)
    {
      wm_store_set_sqlite_error (self->store, rc, error);
      return NULL;
    }
  if (record->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&record->error));
      return NULL;
    }
  return g_steal_pointer (&record);
}

/* Reads records of a case; with @record_id > 0 every version of that record,
 * otherwise the current version of each record. */
static GPtrArray *
read_versions (WmSession  *self,
               gint64      case_id,
               gint64      record_id,
               GError    **error)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) wm_record_free);
  const guint8 *key;
  sqlite3_stmt *stmt;
  int rc;

  key = wm_session_case_key (self, case_id, error);
  if (key == NULL)
    return NULL;

  if (record_id > 0)
    {
      stmt = wm_store_statement (self->store,
                                 "SELECT r.id, r.kind, coalesce(r.amends_id, 0), "
                                 "       v.version, v.author_id, v.immutable, v.sealed "
                                 "FROM records r JOIN record_versions v ON v.record_id = r.id "
                                 "WHERE r.case_id = ? AND r.id = ? ORDER BY v.version", error);
      if (stmt == NULL)
        return NULL;
      sqlite3_bind_int64 (stmt, 2, record_id);
    }
  else
    {
      stmt = wm_store_statement (self->store,
                                 "SELECT r.id, r.kind, coalesce(r.amends_id, 0), "
                                 "       v.version, v.author_id, v.immutable, v.sealed "
                                 "FROM records r JOIN record_versions v "
                                 "ON v.record_id = r.id AND v.version = r.head_version "
                                 "WHERE r.case_id = ? ORDER BY r.id", error);
      if (stmt == NULL)
        return NULL;
    }
  sqlite3_bind_int64 (stmt, 1, case_id);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      WmRecordKind kind = sqlite3_column_int (stmt, 1);
      WmRecord *record = record_from_row (self, key, case_id, sqlite3_column_int64 (stmt, 0), kind,
                                          sqlite3_column_int64 (stmt, 2), stmt, 3);

      g_ptr_array_add (records, record);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      wm_store_set_sqlite_error (self->store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&records);
}

/**
 * wm_session_open_case:
 *
 * The current version of every record of the case, oldest first; one that
 * fails to open comes back with its error and no payload, and the rest
 * still read. Viewing is audited.
 */
GPtrArray *
wm_session_open_case (WmSession  *self,
                      gint64      case_id,
                      GError    **error)
{
  g_autoptr(GPtrArray) records = NULL;

  g_return_val_if_fail (WM_IS_SESSION (self), NULL);

  if (!wm_session_require_unlocked (self, error))
    return NULL;

  /* A view changes nothing, so its audit entry need not wait for the disk:
   * it survives a crash of the program, and the next durable write flushes
   * it. A view that cannot be audited is not shown. The records are read
   * inside the entry's transaction, which costs a few microseconds less
   * than reading outside one and then starting it. */
  if (!wm_store_begin_light (self->store, error))
    return NULL;
  records = read_versions (self, case_id, 0, error);
  if (records == NULL
      || !wm_audit_append (self->store, self->user_id, "case-view", case_id, 0, "", error))
    {
      wm_store_rollback (self->store);
      return NULL;
    }
  if (!wm_store_commit (self->store, error))
    return NULL;
  return g_steal_pointer (&records);
}

GPtrArray *
wm_session_list_history (WmSession  *self,
                         gint64      record_id,
                         GError    **error)
{
  RecordHead head;

  g_return_val_if_fail (WM_IS_SESSION (self), NULL);

  if (!wm_session_require_unlocked (self, error))
    return NULL;
  if (!load_head (self, record_id, &head, error))
    return NULL;
  return read_versions (self, head.case_id, record_id, error);
}

gboolean
wm_session_audit (WmSession   *self,
                  const char  *action,
                  gint64       case_id,
                  const char  *detail,
                  GError     **error)
{
  g_return_val_if_fail (WM_IS_SESSION (self), FALSE);
  g_return_val_if_fail (action != NULL, FALSE);

  if (!wm_session_require_unlocked (self, error))
    return FALSE;
  return wm_audit_append_now (self->store, self->user_id, action, case_id, detail, error);
}

/* ---- Whole-file checks ------------------------------------------------- */

static void
verify_case (WmSession        *self,
             const WmCaseInfo *info,
             GPtrArray        *faults)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GPtrArray) current = NULL;

  if (wm_session_case_key (self, info->id, &local_error) == NULL)
    {
      g_ptr_array_add (faults, g_strdup_printf (_("Case %s: %s"), info->reference, local_error->message));
      return;
    }
  current = read_versions (self, info->id, 0, &local_error);
  if (current == NULL)
    {
      g_ptr_array_add (faults, g_strdup_printf (_("Case %s: %s"), info->reference, local_error->message));
      return;
    }
  for (guint i = 0; i < current->len; i++)
    {
      const WmRecord *head = g_ptr_array_index (current, i);
      g_autoptr(GPtrArray) versions = read_versions (self, info->id, head->record_id, &local_error);

      if (versions == NULL)
        {
          g_ptr_array_add (faults, g_strdup_printf (_("Case %s: %s"), info->reference, local_error->message));
          g_clear_error (&local_error);
          continue;
        }
      for (guint v = 0; v < versions->len; v++)
        {
          const WmRecord *record = g_ptr_array_index (versions, v);

          if (record->error != NULL)
            g_ptr_array_add (faults,
                             g_strdup_printf (_("Case %s, %s record %lld, version %u: %s"),
                                              info->reference, wm_record_kind_to_string (record->kind),
                                              (long long) record->record_id, record->version, record->error->message));
        }
    }
}

/**
 * wm_session_verify:
 *
 * SQLite's integrity check, the signatures of every account and team
 * link, every version of every record this user can read, and the audit
 * chain. Returns %TRUE when nothing is wrong; faults
 * are appended to @faults. @error is set only when the check could not run.
 */
gboolean
wm_session_verify (WmSession  *self,
                   GPtrArray  *faults,
                   GError    **error)
{
  g_autoptr(GPtrArray) cases = NULL;
  guint faults_before;

  g_return_val_if_fail (WM_IS_SESSION (self), FALSE);
  g_return_val_if_fail (faults != NULL, FALSE);

  faults_before = faults->len;
  if (!wm_store_check_integrity (self->store, faults, error)
      || !wm_store_check_directory (self->store, faults, error))
    return FALSE;
  cases = wm_session_list_cases (self, error);
  if (cases == NULL)
    return FALSE;
  for (guint i = 0; i < cases->len; i++)
    verify_case (self, g_ptr_array_index (cases, i), faults);
  if (!wm_store_verify_audit (self->store, faults, error) && faults->len == faults_before)
    return FALSE;
  return faults->len == faults_before;
}

gboolean
wm_session_backup (WmSession   *self,
                   const char  *destination,
                   GError     **error)
{
  g_return_val_if_fail (WM_IS_SESSION (self), FALSE);
  g_return_val_if_fail (destination != NULL, FALSE);

  if (!wm_session_require_role (self, WM_ROLE_ADMINISTRATOR, error))
    return FALSE;
  if (!wm_store_backup (self->store, destination, error))
    return FALSE;
  return wm_session_audit (self, "backup", 0, "", error);
}

/**
 * wm_session_restore:
 *
 * Replaces the database's contents with a backup of the same organisation,
 * after checking the backup is a whole, readable Waymark database. The
 * restore itself is audited after it, on the restored chain.
 */
gboolean
wm_session_restore (WmSession   *self,
                    const char  *backup_path,
                    GError     **error)
{
  g_return_val_if_fail (WM_IS_SESSION (self), FALSE);
  g_return_val_if_fail (backup_path != NULL, FALSE);

  if (!wm_session_require_role (self, WM_ROLE_ADMINISTRATOR, error))
    return FALSE;
  if (!wm_store_restore_from (self->store, backup_path, error))
    return FALSE;
  wm_keyring_clear (self->case_keys);
  return wm_session_audit (self, "restore", 0, "", error);
}
