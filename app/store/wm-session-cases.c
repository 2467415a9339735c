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

#include "wm-card.h"
#include "wm-session-private.h"
#include "wm-signed.h"

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
  g_free (entry->last_contact_on);
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

/* Stores a version its author signs: where it stands and what it holds;
 * part of the caller's transaction. */
static gboolean
insert_version (WmSession              *self,
                const WmRecordBinding  *binding,
                gint64                  amends_id,
                GBytes                 *sealed,
                GError                **error)
{
  guint8 signature[WM_SIGNATURE_SIZE];
  gsize sealed_size = 0;
  const guint8 *sealed_data = g_bytes_get_data (sealed, &sealed_size);
  sqlite3_stmt *stmt;

  wm_signed_sign_version (self, binding, amends_id, FALSE, sealed_data, sealed_size, signature);
  stmt = wm_store_statement (self->store,
                             "INSERT INTO record_versions (record_id, version, author_id, author_generation, "
                             "immutable, sealed, signature) VALUES (?, ?, ?, ?, 0, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, binding->record_id);
  sqlite3_bind_int64 (stmt, 2, binding->version);
  sqlite3_bind_int64 (stmt, 3, self->user_id);
  sqlite3_bind_int64 (stmt, 4, self->key_generation);
  sqlite3_bind_blob (stmt, 5, sealed_data, sealed_size, SQLITE_STATIC);
  sqlite3_bind_blob (stmt, 6, signature, sizeof signature, SQLITE_STATIC);
  return wm_store_step_done (self->store, stmt, error);
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
  g_autoptr(GVariant) held = NULL;
  g_autofree char *detail = NULL;
  WmRecordBinding binding = { wm_store_get_database_id (self->store), case_id, 0, kind, 1 };
  sqlite3_stmt *stmt;
  gint64 record_id;

  if (!g_variant_is_of_type (payload, WM_RECORD_PAYLOAD_TYPE))
    {
      g_set_error (error, WM_STORE_ERROR, WM_STORE_ERROR_INVALID,
                   _("A record of the kind “%s” must be a dictionary (a{sv}), not “%s”. Nothing was saved."),
                   wm_record_kind_get_label (kind), g_variant_get_type_string (payload));
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
  /* Held here, floating or not, for the card (wm_card_set_hint()). */
  held = g_variant_ref_sink (payload);
  sealed = wm_record_seal (case_key, &binding, wm_store_now (self->store), held, error);
  if (sealed == NULL)
    return 0;
  wm_card_set_hint (self, record_id, 1, held);

  if (!insert_version (self, &binding, amends_id, sealed, error))
    return 0;

  detail = amends_id > 0
           ? g_strdup_printf ("%s, amends record %" G_GINT64_FORMAT, wm_record_kind_to_string (kind), amends_id)
           : g_strdup (wm_record_kind_to_string (kind));
  if (!wm_session_audit_in_transaction (self, "create", case_id, record_id, detail, error))
    return 0;
  return record_id;
}

/* Freezes a record's current version as submitted: its author signs it
 * again, now final, and it takes no more versions; part of the caller's
 * transaction. Only the author may: another account's signature would not
 * be the author's. */
static gboolean
freeze_head (WmSession     *self,
             gint64         case_id,
             gint64         record_id,
             WmRecordKind   kind,
             GError       **error)
{
  WmRecordBinding binding = { wm_store_get_database_id (self->store), case_id, record_id, kind, 0 };
  guint8 signature[WM_SIGNATURE_SIZE];
  g_autoptr(GBytes) sealed = NULL;
  g_autofree char *detail = NULL;
  gint64 author_id = 0, amends_id = 0;
  sqlite3_stmt *stmt;
  int rc;

  stmt = wm_store_statement (self->store,
                             "SELECT r.head_version, v.author_id, coalesce (r.amends_id, 0), v.sealed "
                             "FROM records r JOIN record_versions v "
                             "  ON v.record_id = r.id AND v.version = r.head_version WHERE r.id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, record_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      binding.version = (guint) sqlite3_column_int64 (stmt, 0);
      author_id = sqlite3_column_int64 (stmt, 1);
      amends_id = sqlite3_column_int64 (stmt, 2);
      sealed = g_bytes_new (sqlite3_column_blob (stmt, 3), sqlite3_column_bytes (stmt, 3));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    {
      g_set_error (error, WM_STORE_ERROR, WM_STORE_ERROR_NOT_FOUND,
                   _("That record no longer exists. It may have been deleted."));
      return FALSE;
    }
  if (author_id != self->user_id)
    {
      g_set_error (error, WM_STORE_ERROR, WM_STORE_ERROR_PERMISSION,
                   _("Only the author of a record’s current version can submit it. Ask them to."));
      return FALSE;
    }

  wm_signed_sign_version (self, &binding, amends_id, TRUE, g_bytes_get_data (sealed, NULL),
                          g_bytes_get_size (sealed), signature);
  stmt = wm_store_statement (self->store,
                             "UPDATE record_versions SET immutable = 1, signature = ?, author_generation = ? "
                             "WHERE record_id = ? AND version = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_blob (stmt, 1, signature, sizeof signature, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, self->key_generation);
  sqlite3_bind_int64 (stmt, 3, record_id);
  sqlite3_bind_int64 (stmt, 4, binding.version);
  detail = g_strdup_printf ("%s, version %u", wm_record_kind_to_string (kind), binding.version);
  return wm_store_step_done (self->store, stmt, error)
         && wm_session_audit_in_transaction (self, "submit", case_id, record_id, detail, error);
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
  if (!wm_signed_certify_case (self, case_id, wm_secret_get_data (case_key), error))
    goto fail;

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
  if (!wm_signed_write_manifest (self, case_id, wm_secret_get_data (case_key), 0, error))
    goto fail;
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

/**
 * wm_session_create_cases:
 * @caseworker_id: who every case is assigned to
 * @profiles: (element-type GVariant): one a{sv} profile per young person
 * @out_case_ids: (out) (optional): the new cases' ids, in @profiles' order
 *
 * Creates one case per profile in a single transaction, for an import: if
 * any of them fails, or the program stops half-way, none exists. The case
 * keys of a failed batch are dropped from the key ring too, since the ids
 * they were filed under are given out again after the rollback.
 */
gboolean
wm_session_create_cases (WmSession  *self,
                         gint64      caseworker_id,
                         GPtrArray  *profiles,
                         GArray    **out_case_ids,
                         GError    **error)
{
  g_autoptr(GArray) case_ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_return_val_if_fail (WM_IS_SESSION (self), FALSE);
  g_return_val_if_fail (profiles != NULL, FALSE);

  if (!wm_session_require_unlocked (self, error) || !wm_store_begin (self->store, error))
    return FALSE;
  for (guint i = 0; i < profiles->len; i++)
    {
      gint64 case_id = wm_session_create_case (self, caseworker_id, g_ptr_array_index (profiles, i), error);

      if (case_id == 0)
        goto fail;
      g_array_append_val (case_ids, case_id);
    }
  if (!wm_store_commit (self->store, error))
    goto fail_committed;
  if (out_case_ids != NULL)
    *out_case_ids = g_steal_pointer (&case_ids);
  return TRUE;

fail:
  wm_store_rollback (self->store);
fail_committed:
  for (guint i = 0; i < case_ids->len; i++)
    wm_keyring_remove (self->case_keys, g_array_index (case_ids, gint64, i));
  return FALSE;
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

/**
 * wm_session_dup_case_reference:
 *
 * Returns: (transfer full) (nullable): the case's reference, or %NULL with
 *   %WM_STORE_ERROR_NOT_FOUND
 */
char *
wm_session_dup_case_reference (WmSession  *self,
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

/* Whether this session's account is, by a signed team link, a supervisor
 * of the case's caseworker (or is that caseworker). */
static gboolean
supervises_case (WmSession   *self,
                 gint64       case_id,
                 const char  *reference,
                 GError     **error)
{
  sqlite3_stmt *stmt = wm_store_statement (self->store,
                                           "SELECT c.assigned_to, s.certificate FROM cases c "
                                           "LEFT JOIN user_supervisors s "
                                           "  ON s.user_id = c.assigned_to AND s.supervisor_id = ? "
                                           "WHERE c.id = ?", error);
  gboolean supervises = FALSE;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, self->user_id);
  sqlite3_bind_int64 (stmt, 2, case_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 caseworker = sqlite3_column_int64 (stmt, 0);

      supervises = caseworker == self->user_id
                   || wm_directory_check_link (self->store, caseworker, self->user_id,
                                               sqlite3_column_blob (stmt, 1), sqlite3_column_bytes (stmt, 1));
    }
  sqlite3_reset (stmt);
  if (!supervises)
    g_set_error (error, WM_STORE_ERROR, WM_STORE_ERROR_PERMISSION,
                 /* Translators: %s is a case reference such as WM-7KQ2XM. */
                 _("Only a supervisor of the team that case %s belongs to can delete it. Ask them to."),
                 reference);
  return supervises;
}

gboolean
wm_session_delete_case (WmSession  *self,
                        gint64      case_id,
                        GError    **error)
{
  g_autofree char *reference = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (WM_IS_SESSION (self), FALSE);

  /* Deleting is for a supervisor of the case's team who holds its key: not
   * an administrator, not a supervisor of another team. */
  if (!wm_session_require_role (self, WM_ROLE_SUPERVISOR, error))
    return FALSE;
  /* The audit entry keeps the reference: it outlives the case's row. */
  reference = wm_session_dup_case_reference (self, case_id, error);
  if (reference == NULL)
    return FALSE;

  /* secure_delete overwrites the freed pages, ciphertext included. */
  if (!wm_store_begin (self->store, error))
    return FALSE;
  if (wm_session_case_key (self, case_id, error) == NULL
      || !supervises_case (self, case_id, reference, error))
    goto fail;
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

/* A blob of a row, valid until its statement steps again. */
typedef struct
{
  const guint8 *data;
  gsize         size;
} RowBlob;

/* A row of VERSION_COLUMNS. */
typedef struct
{
  gboolean  present;  /* the version exists */
  guint     version;
  gint64    author_id;
  gboolean  immutable;
  RowBlob   sealed;
  gint64    author_generation;
  RowBlob   signature;
  gboolean  approved;
  gint64    approver_id;
  gint64    approver_generation;
  RowBlob   approval_signature;
} VersionRow;

static void
row_blob_read (RowBlob      *blob,
               sqlite3_stmt *stmt,
               int           column)
{
  blob->data = sqlite3_column_blob (stmt, column);
  blob->size = sqlite3_column_bytes (stmt, column);
}

/* @row is valid until @stmt steps again. */
static void
version_row_read (VersionRow   *row,
                  sqlite3_stmt *stmt,
                  int           first_column)
{
  row->present = sqlite3_column_type (stmt, first_column) != SQLITE_NULL;
  row->version = sqlite3_column_int (stmt, first_column);
  row->author_id = sqlite3_column_int64 (stmt, first_column + 1);
  row->immutable = sqlite3_column_int (stmt, first_column + 2) != 0;
  row_blob_read (&row->sealed, stmt, first_column + 3);
  row->author_generation = sqlite3_column_int64 (stmt, first_column + 4);
  row_blob_read (&row->signature, stmt, first_column + 5);
  row->approved = sqlite3_column_type (stmt, first_column + 6) != SQLITE_NULL;
  row->approver_id = sqlite3_column_int64 (stmt, first_column + 6);
  row->approver_generation = sqlite3_column_int64 (stmt, first_column + 7);
  row_blob_read (&row->approval_signature, stmt, first_column + 8);
}

#define BYTES_DATA(b) ((b).data)
#define BYTES_SIZE(b) ((b).size)

/* One version from its row. @vouched: this holder's MAC of the manifest
 * stands for the checks of its author's signature and of its approval's
 * (a current version the manifest lists as it is). */
static WmRecord *
record_from_row (WmSession        *self,
                 const guint8     *key,
                 gint64            case_id,
                 gint64            record_id,
                 WmRecordKind      kind,
                 gint64            amends_id,
                 gboolean          vouched,
                 const VersionRow *row)
{
  WmRecord *record = g_new0 (WmRecord, 1);
  WmRecordBinding binding;

  record->case_id = case_id;
  record->record_id = record_id;
  record->kind = kind;
  record->amends_id = amends_id;
  record->version = row->version;
  record->author_id = row->author_id;
  record->immutable = row->immutable;

  binding = (WmRecordBinding) { wm_store_get_database_id (self->store), case_id, record_id, kind, record->version };
  /* Who wrote it and where it stands, as its author signed them; then any
   * approval, as its supervisor signed it. */
  if (!vouched && !wm_signed_check_version (self->store, &binding, amends_id, record->immutable, record->author_id,
                                row->author_generation,
                                BYTES_DATA (row->sealed), BYTES_SIZE (row->sealed),
                                BYTES_DATA (row->signature), BYTES_SIZE (row->signature)))
    {
      g_set_error (&record->error, WM_STORE_ERROR, WM_STORE_ERROR_CORRUPT,
                   _("Version %u of record %lld does not carry its author’s signature: it was changed "
                     "outside Waymark. Ask an administrator to restore the database from a backup."),
                   record->version, (long long) record_id);
      return record;
    }
  if (row->approved)
    {
      gint64 approver_id = row->approver_id;

      if (approver_id == record->author_id
          || (!vouched && !wm_signed_check_approval (self->store, key, &binding,
                                        BYTES_DATA (row->sealed), BYTES_SIZE (row->sealed),
                                        approver_id, row->approver_generation,
                                        BYTES_DATA (row->approval_signature),
                                        BYTES_SIZE (row->approval_signature))))
        {
          g_set_error (&record->error, WM_STORE_ERROR, WM_STORE_ERROR_CORRUPT,
                       _("The approval of version %u of record %lld does not carry a supervisor’s "
                         "signature: it was changed outside Waymark. Ask an administrator to restore the "
                         "database from a backup."),
                       record->version, (long long) record_id);
          return record;
        }
      record->approved_by = approver_id;
      record->immutable = TRUE;
    }
  record->payload = wm_record_open (key, &binding, BYTES_DATA (row->sealed), BYTES_SIZE (row->sealed),
                                    &record->written_usec, &record->error);
  return record;
}

/* The columns record_from_row() reads, after version: v is the version,
 * a its approval, if any. */
#define VERSION_COLUMNS \
  "v.version, v.author_id, v.immutable, v.sealed, v.author_generation, v.signature, " \
  "a.approver_id, a.approver_generation, a.signature "
#define APPROVAL_JOIN \
  "LEFT JOIN approvals a ON a.record_id = v.record_id AND a.version = v.version "

/* The signatures of every current version of a case and of its approvals,
 * for a manifest that no MAC of this holder's vouches for yet. */
static gboolean
check_current_versions (WmSession     *self,
                        gint64         case_id,
                        const guint8  *key,
                        GError       **error)
{
  sqlite3_stmt *stmt = wm_store_statement (self->store,
                                           "SELECT r.id, r.kind, coalesce(r.amends_id, 0), " VERSION_COLUMNS
                                           "FROM records r JOIN record_versions v "
                                           "ON v.record_id = r.id AND v.version = r.head_version "
                                           APPROVAL_JOIN
                                           "WHERE r.case_id = ? ORDER BY r.id", error);
  gboolean signed_as_listed = TRUE;
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, case_id);
  while (signed_as_listed && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      WmRecordBinding binding = { wm_store_get_database_id (self->store), case_id, sqlite3_column_int64 (stmt, 0),
                                  sqlite3_column_int (stmt, 1), sqlite3_column_int (stmt, 3) };
      gint64 author_id = sqlite3_column_int64 (stmt, 4);

      signed_as_listed = wm_signed_check_version (self->store, &binding, sqlite3_column_int64 (stmt, 2),
                                                  sqlite3_column_int (stmt, 5) != 0, author_id,
                                                  sqlite3_column_int64 (stmt, 7),
                                                  sqlite3_column_blob (stmt, 6), sqlite3_column_bytes (stmt, 6),
                                                  sqlite3_column_blob (stmt, 8), sqlite3_column_bytes (stmt, 8));
      if (signed_as_listed && sqlite3_column_type (stmt, 9) != SQLITE_NULL)
        signed_as_listed = sqlite3_column_int64 (stmt, 9) != author_id
                           && wm_signed_check_approval (self->store, key, &binding,
                                                        sqlite3_column_blob (stmt, 6), sqlite3_column_bytes (stmt, 6),
                                                        sqlite3_column_int64 (stmt, 9),
                                                        sqlite3_column_int64 (stmt, 10),
                                                        sqlite3_column_blob (stmt, 11),
                                                        sqlite3_column_bytes (stmt, 11));
    }
  sqlite3_reset (stmt);
  if (!signed_as_listed)
    {
      g_autofree char *reference = wm_session_dup_case_reference (self, case_id, NULL);

      wm_signed_set_altered (error, reference != NULL ? reference : "?");
      return FALSE;
    }
  return TRUE;
}

/* In a transaction that writes to a case: its key, after checking that its
 * records stand as its manifest says, so that nobody signs over what someone
 * else changed in the file. */
static const guint8 *
begin_case_write (WmSession  *self,
                  gint64      case_id,
                  GError    **error)
{
  const guint8 *key = wm_session_case_key (self, case_id, error);
  gboolean vouched = FALSE;

  if (key == NULL || !wm_signed_check_manifest_whole (self, case_id, key, &vouched, error))
    return NULL;
  /* Someone else wrote last: what this writer's manifest will vouch for
   * must have its authors' and approvers' signatures checked first. */
  if (!vouched && !check_current_versions (self, case_id, key, error))
    return NULL;
  return key;
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
  if (!wm_session_require_unlocked (self, error) || !wm_store_begin (self->store, error))
    return 0;
  key = begin_case_write (self, case_id, error);
  record_id = key != NULL ? insert_record (self, case_id, key, kind, payload, 0, error) : 0;
  if (record_id == 0 || !wm_signed_write_manifest (self, case_id, key, record_id, error))
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
  gboolean     immutable;  /* submitted or approved */
  gint64       amends_id;
} RecordHead;

static gboolean
load_head (WmSession   *self,
           gint64       record_id,
           RecordHead  *head,
           GError     **error)
{
  sqlite3_stmt *stmt = wm_store_statement (self->store,
                                           "SELECT r.case_id, r.kind, r.head_version, "
                                           "       v.immutable OR EXISTS (SELECT 1 FROM approvals a "
                                           "         WHERE a.record_id = r.id AND a.version = r.head_version), "
                                           "       coalesce (r.amends_id, 0) "
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
      head->amends_id = sqlite3_column_int64 (stmt, 4);
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
  g_autoptr(GVariant) held = NULL;
  g_autofree char *detail = NULL;
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
  key = begin_case_write (self, head.case_id, error);
  if (key == NULL)
    goto fail;
  if (head.immutable)
    {
      g_set_error (error, WM_STORE_ERROR, WM_STORE_ERROR_IMMUTABLE,
                   _("Record %lld was submitted or approved and cannot be changed. Record an amendment "
                     "instead."),
                   (long long) record_id);
      goto fail;
    }

  version = head.head_version + 1;
  binding = (WmRecordBinding) { wm_store_get_database_id (self->store), head.case_id, record_id, head.kind, version };
  held = g_variant_ref_sink (payload);
  sealed = wm_record_seal (key, &binding, wm_store_now (self->store), held, error);
  if (sealed == NULL || !insert_version (self, &binding, head.amends_id, sealed, error))
    goto fail;
  wm_card_set_hint (self, record_id, version, held);

  stmt = wm_store_statement (self->store, "UPDATE records SET head_version = ? WHERE id = ?", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int (stmt, 1, version);
  sqlite3_bind_int64 (stmt, 2, record_id);
  detail = g_strdup_printf ("%s, version %u", wm_record_kind_to_string (head.kind), version);
  if (!wm_store_step_done (self->store, stmt, error)
      || !wm_signed_write_manifest (self, head.case_id, key, record_id, error)
      || !wm_session_audit_in_transaction (self, "edit", head.case_id, record_id, detail, error))
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
  key = begin_case_write (self, head.case_id, error);
  if (key == NULL)
    goto fail;
  amendment = insert_record (self, head.case_id, key, head.kind, payload, record_id, error);
  if (amendment == 0 || !wm_signed_write_manifest (self, head.case_id, key, amendment, error))
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
  const guint8 *key;

  g_return_val_if_fail (WM_IS_SESSION (self), FALSE);

  if (!wm_session_require_unlocked (self, error))
    return FALSE;
  if (!wm_store_begin (self->store, error))
    return FALSE;
  if (!load_head (self, record_id, &head, error))
    goto fail;
  key = begin_case_write (self, head.case_id, error);
  if (key == NULL)
    goto fail;
  if (!head.immutable
      && (!freeze_head (self, head.case_id, record_id, head.kind, error)
          || !wm_signed_write_manifest (self, head.case_id, key, record_id, error)))
    goto fail;
  return wm_store_commit (self->store, error);

fail:
  wm_store_rollback (self->store);
  return FALSE;
}

/**
 * wm_session_approve_record:
 * @version: the version the supervisor read
 *
 * Approves exactly @version of a record, which must still be its current
 * one: a supervisor of the case (one who holds its key) signs it, and it
 * takes no more versions. Nobody approves a version they wrote.
 */
gboolean
wm_session_approve_record (WmSession  *self,
                           gint64      record_id,
                           guint       version,
                           GError    **error)
{
  WmRecordBinding binding;
  guint8 signature[WM_SIGNATURE_SIZE];
  g_autoptr(GBytes) sealed = NULL;
  g_autofree char *detail = NULL;
  RecordHead head;
  const guint8 *key;
  sqlite3_stmt *stmt;
  gint64 author_id = 0;
  int rc;

  g_return_val_if_fail (WM_IS_SESSION (self), FALSE);

  if (!wm_session_require_role (self, WM_ROLE_SUPERVISOR, error))
    return FALSE;
  if (!wm_store_begin (self->store, error))
    return FALSE;
  if (!load_head (self, record_id, &head, error))
    goto fail;
  key = begin_case_write (self, head.case_id, error);
  if (key == NULL)
    goto fail;
  if (version != head.head_version)
    {
      g_set_error (error, WM_STORE_ERROR, WM_STORE_ERROR_STALE,
                   _("Record %lld has a newer version than the one you read (%u, now %u). Read it again "
                     "before approving it."),
                   (long long) record_id, version, head.head_version);
      goto fail;
    }

  stmt = wm_store_statement (self->store,
                             "SELECT author_id, sealed FROM record_versions WHERE record_id = ? AND version = ?",
                             error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, record_id);
  sqlite3_bind_int64 (stmt, 2, version);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      author_id = sqlite3_column_int64 (stmt, 0);
      sealed = g_bytes_new (sqlite3_column_blob (stmt, 1), sqlite3_column_bytes (stmt, 1));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    {
      wm_store_set_sqlite_error (self->store, rc, error);
      goto fail;
    }
  if (author_id == self->user_id)
    {
      g_set_error (error, WM_STORE_ERROR, WM_STORE_ERROR_PERMISSION,
                   _("You wrote this version, so another supervisor must approve it."));
      goto fail;
    }

  binding = (WmRecordBinding) { wm_store_get_database_id (self->store), head.case_id, record_id, head.kind,
                                version };
  wm_signed_sign_approval (self, key, &binding, g_bytes_get_data (sealed, NULL), g_bytes_get_size (sealed),
                           signature);
  stmt = wm_store_statement (self->store,
                             "INSERT INTO approvals (record_id, version, approver_id, approver_generation, "
                             "signature) VALUES (?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, record_id);
  sqlite3_bind_int64 (stmt, 2, version);
  sqlite3_bind_int64 (stmt, 3, self->user_id);
  sqlite3_bind_int64 (stmt, 4, self->key_generation);
  sqlite3_bind_blob (stmt, 5, signature, sizeof signature, SQLITE_STATIC);
  detail = g_strdup_printf ("%s, version %u", wm_record_kind_to_string (head.kind), version);
  if (!wm_store_step_done (self->store, stmt, error)
      || !wm_signed_write_manifest (self, head.case_id, key, record_id, error)
      || !wm_session_audit_in_transaction (self, "approve", head.case_id, record_id, detail, error))
    goto fail;
  return wm_store_commit (self->store, error);

fail:
  wm_store_rollback (self->store);
  return FALSE;
}

/* A record (or, for a deleted one, its place) that is not as the case's
 * last writer signed it: it reads as an error, and the rest of the case
 * still reads. */
static void
mark_not_as_left (WmRecord        *record,
                  gint64           case_id,
                  WmManifestFault  fault)
{
  g_clear_pointer (&record->payload, g_variant_unref);
  g_clear_error (&record->error);
  switch (fault)
    {
    case WM_MANIFEST_MISSING:
      g_set_error (&record->error, WM_STORE_ERROR, WM_STORE_ERROR_CORRUPT,
                   _("Record %lld of this case, or some of its versions, was deleted outside Waymark. "
                     "Ask an administrator to restore the database from a backup."),
                   (long long) record->record_id);
      break;

    case WM_MANIFEST_UNLISTED:
      g_set_error (&record->error, WM_STORE_ERROR, WM_STORE_ERROR_CORRUPT,
                   _("Record %lld was added to this case outside Waymark: nobody who holds the case "
                     "wrote it. It is not shown."),
                   (long long) record->record_id);
      break;

    case WM_MANIFEST_CHANGED:
    default:
      g_set_error (&record->error, WM_STORE_ERROR, WM_STORE_ERROR_CORRUPT,
                   _("Record %lld is not as its last writer left it: its current version, its versions, "
                     "or its submission or approval were changed outside Waymark. Ask an administrator "
                     "to restore the database from a backup."),
                   (long long) record->record_id);
      break;
    }
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
  g_autoptr(GHashTable) faults = NULL;
  gboolean vouched = FALSE;
  RecordHead head;
  const guint8 *key;
  sqlite3_stmt *stmt;
  guint wanted;
  int rc;

  g_return_val_if_fail (WM_IS_SESSION (self), NULL);

  if (!wm_session_require_unlocked (self, error))
    return NULL;
  if (!load_head (self, record_id, &head, error))
    return NULL;
  key = wm_session_case_key (self, head.case_id, error);
  if (key == NULL)
    return NULL;
  faults = wm_signed_check_manifest (self, head.case_id, key, &vouched, error);
  if (faults == NULL)
    return NULL;
  /* An earlier version's signature is checked against the directory. */
  wanted = version == 0 ? head.head_version : version;
  if ((!vouched || wanted != head.head_version) && !wm_directory_check_head (self->store, NULL, error))
    return NULL;
  if (g_hash_table_contains (faults, &record_id) && (version == 0 || version == head.head_version))
    {
      g_autoptr(WmRecord) altered = g_new0 (WmRecord, 1);

      altered->record_id = record_id;
      mark_not_as_left (altered, head.case_id, GPOINTER_TO_INT (g_hash_table_lookup (faults, &record_id)));
      g_propagate_error (error, g_steal_pointer (&altered->error));
      return NULL;
    }

  stmt = wm_store_statement (self->store,
                             "SELECT " VERSION_COLUMNS
                             "FROM record_versions v " APPROVAL_JOIN
                             "WHERE v.record_id = ? AND v.version = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, record_id);
  sqlite3_bind_int (stmt, 2, wanted);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      VersionRow row;

      version_row_read (&row, stmt, 0);
      record = record_from_row (self, key, head.case_id, record_id, head.kind, head.amends_id,
                                vouched && wanted == head.head_version, &row);
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
  /* Every read of case content is audited: a record that cannot be
   * audited is not shown. A view changes nothing, so its entry need not
   * wait for the disk (see wm_session_open_case()). */
  {
    g_autofree char *detail = g_strdup_printf ("%s, version %u", wm_record_kind_to_string (record->kind),
                                               record->version);

    if (!wm_store_begin_light (self->store, error))
      return NULL;
    if (!wm_session_audit_in_transaction (self, "record-view", head.case_id, record_id, detail, error))
      {
        wm_store_rollback (self->store);
        return NULL;
      }
    if (!wm_store_commit (self->store, error))
      return NULL;
  }
  return g_steal_pointer (&record);
}

/* One row of read_versions()'s queries, from @stmt: record id, kind,
 * and amends id in @amends_column; VERSION_COLUMNS from
 * @version_column. The record goes into @records; a row without its
 * version (a head the file lost, which the manifest check reports) adds
 * none. @vouched: this holder's MAC vouches for the manifest, so a current
 * version's signatures need no check. @faults: the manifest check's, or
 * %NULL while it has not run (the caller then applies them, and counts
 * @all_signed). */
static void
take_row (WmSession     *self,
          const guint8  *key,
          gint64         case_id,
          gint64         record_id,
          guint          head_version,
          gboolean       vouched,
          GHashTable    *faults,
          sqlite3_stmt  *stmt,
          int            amends_column,
          int            version_column,
          GPtrArray     *records,
          gboolean      *all_signed)
{
  gint64 id = sqlite3_column_int64 (stmt, 0);
  WmManifestFault fault = faults != NULL ? GPOINTER_TO_INT (g_hash_table_lookup (faults, &id)) : 0;
  VersionRow row;
  gboolean is_head;
  WmRecord *record;

  version_row_read (&row, stmt, version_column);
  if (!row.present)
    return;
  is_head = record_id == 0 || row.version == head_version;
  record = record_from_row (self, key, case_id, id, sqlite3_column_int (stmt, 1),
                            sqlite3_column_int64 (stmt, amends_column),
                            vouched && fault == 0 && is_head, &row);
  /* The manifest vouches for the current version (and how many there
   * are); older ones stand on their own signatures. */
  if (fault != 0 && is_head)
    mark_not_as_left (record, case_id, fault);
  if (faults != NULL)
    *all_signed = *all_signed && record->error == NULL;
  g_ptr_array_add (records, record);
}

/* Reads records of a case; with @record_id > 0 every version of that record,
 * whose current version is @head_version, otherwise the current version of
 * each record. */
static GPtrArray *
read_versions (WmSession  *self,
               gint64      case_id,
               gint64      record_id,
               guint       head_version,
               GError    **error)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) wm_record_free);
  g_autoptr(GHashTable) faults = NULL;
  gboolean vouched = FALSE, all_signed = TRUE;
  const guint8 *key;
  sqlite3_stmt *stmt;
  int rc;

  key = wm_session_case_key (self, case_id, error);
  if (key == NULL)
    return NULL;

  if (record_id == 0)
    {
      /* One query gives the records and the manifest check's rows (the
       * manifest's columns, then the version's). Whether this holder's
       * MAC vouches for the stored manifest is known first: if not
       * (someone else wrote last), each version's and approval's
       * signature is checked as it is read. A record the check then
       * finds changed is reported as such, whatever it read as. */
      g_autoptr(WmStoredManifest) stored = wm_signed_load_manifest (self, case_id, &vouched, error);
      WmManifestBuilder *manifest = NULL;
      g_autoptr(GBytes) current = NULL;

      if (stored == NULL)
        return NULL;
      manifest = wm_signed_manifest_begin (self->store, case_id, error);
      if (manifest == NULL)
        return NULL;
      stmt = wm_store_statement (self->store,
                                 "SELECT " WM_MANIFEST_COLUMNS ", " VERSION_COLUMNS
                                 "FROM records r " WM_MANIFEST_VERSION_JOIN
                                 APPROVAL_JOIN
                                 "WHERE r.case_id = ? ORDER BY r.id", error);
      if (stmt == NULL)
        {
          wm_signed_manifest_abandon (manifest);
          return NULL;
        }
      sqlite3_bind_int64 (stmt, 1, case_id);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          wm_signed_manifest_add_row (manifest, stmt);
          take_row (self, key, case_id, 0, 0, vouched, NULL, stmt, 3, WM_MANIFEST_N_COLUMNS, records,
                    &all_signed);
        }
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        {
          wm_signed_manifest_abandon (manifest);
          wm_store_set_sqlite_error (self->store, rc, error);
          return NULL;
        }
      current = wm_signed_manifest_end (manifest);
      faults = wm_signed_compare_manifest (self, case_id, key, stored, current, &vouched, error);
      if (faults == NULL)
        return NULL;
      /* The signatures just checked were checked against keys the
       * directory lists. */
      if (!vouched && !wm_directory_check_head (self->store, NULL, error))
        return NULL;
      for (guint i = 0; i < records->len; i++)
        {
          WmRecord *record = g_ptr_array_index (records, i);
          WmManifestFault fault = GPOINTER_TO_INT (g_hash_table_lookup (faults, &record->record_id));

          if (fault != 0)
            mark_not_as_left (record, case_id, fault);
          all_signed = all_signed && record->error == NULL;
          g_hash_table_remove (faults, &record->record_id);
        }
    }
  else
    {
      faults = wm_signed_check_manifest (self, case_id, key, &vouched, error);
      if (faults == NULL)
        return NULL;
      /* Authors' signatures are checked with the keys the directory
       * lists: a history's earlier versions, whether or not a MAC
       * vouches for the current one. */
      if (!wm_directory_check_head (self->store, NULL, error))
        return NULL;
      stmt = wm_store_statement (self->store,
                                 "SELECT r.id, r.kind, coalesce(r.amends_id, 0), " VERSION_COLUMNS
                                 "FROM records r JOIN record_versions v ON v.record_id = r.id "
                                 APPROVAL_JOIN
                                 "WHERE r.case_id = ? AND r.id = ? ORDER BY v.version", error);
      if (stmt == NULL)
        return NULL;
      sqlite3_bind_int64 (stmt, 1, case_id);
      sqlite3_bind_int64 (stmt, 2, record_id);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        take_row (self, key, case_id, record_id, head_version, vouched, faults, stmt, 2, 3, records,
                  &all_signed);
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        {
          wm_store_set_sqlite_error (self->store, rc, error);
          return NULL;
        }
    }
  /* Every current version checked against its signatures, and all as the
   * manifest says: this holder's MACs stand for that from now on. */
  if (record_id == 0 && !vouched && all_signed && g_hash_table_size (faults) == 0
      && !wm_signed_remember_manifest (self, case_id, error))
    return NULL;
  /* What the manifest lists and the file no longer holds. */
  if (record_id == 0)
    {
      GHashTableIter iter;
      gpointer id, fault;

      g_hash_table_iter_init (&iter, faults);
      while (g_hash_table_iter_next (&iter, &id, &fault))
        {
          WmRecord *record = g_new0 (WmRecord, 1);

          record->case_id = case_id;
          record->record_id = *(gint64 *) id;
          mark_not_as_left (record, case_id, GPOINTER_TO_INT (fault));
          g_ptr_array_add (records, record);
        }
    }
  else if (records->len == 0 && g_hash_table_contains (faults, &record_id))
    {
      WmRecord *record = g_new0 (WmRecord, 1);

      record->case_id = case_id;
      record->record_id = record_id;
      mark_not_as_left (record, case_id, GPOINTER_TO_INT (g_hash_table_lookup (faults, &record_id)));
      g_ptr_array_add (records, record);
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
  records = read_versions (self, case_id, 0, 0, error);
  if (records == NULL
      || !wm_session_audit_in_transaction (self, "case-view", case_id, 0, "", error))
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
  g_autoptr(GPtrArray) history = NULL;
  RecordHead head;

  g_return_val_if_fail (WM_IS_SESSION (self), NULL);

  if (!wm_session_require_unlocked (self, error))
    return NULL;
  if (!load_head (self, record_id, &head, error))
    return NULL;
  /* Read inside its view entry's transaction, as wm_session_open_case(). */
  if (!wm_store_begin_light (self->store, error))
    return NULL;
  history = read_versions (self, head.case_id, record_id, head.head_version, error);
  if (history == NULL
      || !wm_session_audit_in_transaction (self, "history-view", head.case_id, record_id,
                                           wm_record_kind_to_string (head.kind), error))
    {
      wm_store_rollback (self->store);
      return NULL;
    }
  if (!wm_store_commit (self->store, error))
    return NULL;
  return g_steal_pointer (&history);
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
  return wm_session_audit_in_transaction (self, action, case_id, 0, detail, error);
}

/**
 * wm_session_list_cases_awaiting_approval:
 *
 * The cases this user holds a key for in which an assessment's current
 * version is frozen (submitted) and not approved: where a supervisor's
 * sign-off queue should look. Only plaintext bookkeeping is read, so it is
 * a place to look, not a verdict: whoever edits the file can hide a case
 * from it (the assessment is still there, and opening the case checks
 * every version's and approval's signature), but cannot make an
 * assessment look approved.
 * Returns: (transfer full) (element-type gint64): case ids
 */
GArray *
wm_session_list_cases_awaiting_approval (WmSession  *self,
                                         GError    **error)
{
  g_autoptr(GArray) case_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (WM_IS_SESSION (self), NULL);

  if (!wm_session_require_unlocked (self, error))
    return NULL;
  stmt = wm_store_statement (self->store,
                             "SELECT DISTINCT r.case_id FROM records r"
                             " JOIN case_keys k ON k.case_id = r.case_id AND k.user_id = ?"
                             " JOIN record_versions v ON v.record_id = r.id AND v.version = r.head_version"
                             " WHERE r.kind = ? AND v.immutable = 1"
                             " AND NOT EXISTS (SELECT 1 FROM approvals a"
                             "                 WHERE a.record_id = r.id AND a.version = r.head_version)"
                             " ORDER BY r.case_id",
                             error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, self->user_id);
  sqlite3_bind_int (stmt, 2, WM_RECORD_ASSESSMENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 case_id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (case_ids, case_id);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      wm_store_set_sqlite_error (self->store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&case_ids);
}

/**
 * wm_session_list_audit:
 *
 * The audit log, for an administrator: who did what, and when, to which
 * case. Whoever reads it learns which staff opened which young person's
 * case, so the rule of who may is the session's, for the window and
 * waymark-cli alike.
 * Returns: (transfer container) (element-type WmAuditEntry): the entries,
 *   oldest first, or %NULL with @error set (WM_STORE_ERROR_PERMISSION)
 */
GPtrArray *
wm_session_list_audit (WmSession  *self,
                       GError    **error)
{
  g_return_val_if_fail (WM_IS_SESSION (self), NULL);

  if (!wm_session_require_role (self, WM_ROLE_ADMINISTRATOR, error))
    return NULL;
  return wm_store_list_audit (self->store, error);
}

/* ---- Whole-file checks ------------------------------------------------- */

/* Every copy of a key this account holds: each case key's seal (and the
 * grant that came with it) and its wrapped form, which must open to the
 * same key; for an administrator, the organisation key's seal. */
static gboolean
verify_key_material (WmSession  *self,
                     gboolean    directory_signed,
                     GPtrArray  *faults,
                     GError    **error)
{
  sqlite3_stmt *stmt = wm_store_statement (self->store,
                                           "SELECT k.case_id, c.reference, k.sealed, k.wrapped "
                                           "FROM case_keys k JOIN cases c ON c.id = k.case_id "
                                           "WHERE k.user_id = ? ORDER BY c.reference", error);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, self->user_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      GVariant *row = g_variant_new ("(xs@ay@ay)",
                                     sqlite3_column_int64 (stmt, 0),
                                     (const char *) sqlite3_column_text (stmt, 1),
                                     g_variant_new_fixed_array (G_VARIANT_TYPE_BYTE,
                                                                sqlite3_column_blob (stmt, 2),
                                                                sqlite3_column_bytes (stmt, 2), 1),
                                     g_variant_new_fixed_array (G_VARIANT_TYPE_BYTE,
                                                                sqlite3_column_blob (stmt, 3),
                                                                sqlite3_column_bytes (stmt, 3), 1));

      g_ptr_array_add (rows, g_variant_ref_sink (row));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      wm_store_set_sqlite_error (self->store, rc, error);
      return FALSE;
    }

  for (guint i = 0; i < rows->len; i++)
    {
      g_autoptr(WmSecret) keys = wm_secret_new (2 * WM_KEY_SIZE);
      g_autoptr(GVariant) sealed = NULL;
      g_autoptr(GVariant) wrapped = NULL;
      guint8 *from_seal = wm_secret_get_data (keys);
      guint8 *from_wrap = from_seal + WM_KEY_SIZE;
      const char *reference;
      gboolean seal_opens, wrap_opens = FALSE, came_from_seal;
      gsize sealed_size, wrapped_size;
      const guint8 *sealed_data, *wrapped_data;
      gint64 case_id;

      g_variant_get (g_ptr_array_index (rows, i), "(x&s@ay@ay)", &case_id, &reference, &sealed, &wrapped);
      sealed_data = g_variant_get_fixed_array (sealed, &sealed_size, 1);
      wrapped_data = g_variant_get_fixed_array (wrapped, &wrapped_size, 1);

      seal_opens = wm_session_open_case_key (self, case_id, sealed_data, sealed_size, NULL, 0,
                                             from_seal, &came_from_seal, NULL);
      if (!seal_opens)
        g_ptr_array_add (faults,
                         g_strdup_printf (_("Case %s: your sealed copy of its key does not open: it was "
                                            "damaged or altered. A supervisor can share the case with you "
                                            "again."), reference));
      else if (directory_signed)
        {
          g_autoptr(GError) grant_error = NULL;

          if (!wm_signed_check_case_key (self, case_id, from_seal, TRUE, &grant_error))
            g_ptr_array_add (faults, g_strdup (grant_error->message));
        }

      if (wrapped_size > 0)
        {
          wrap_opens = wm_session_open_case_key (self, case_id, NULL, 0, wrapped_data, wrapped_size,
                                                 from_wrap, &came_from_seal, NULL);
          if (!wrap_opens)
            g_ptr_array_add (faults,
                             g_strdup_printf (_("Case %s: the copy of its key that Waymark keeps for you "
                                                "does not open: it was damaged or altered. The case opens "
                                                "from its sealed copy; ask an administrator to check the "
                                                "database."), reference));
          else if (seal_opens && sodium_memcmp (from_seal, from_wrap, WM_KEY_SIZE) != 0)
            g_ptr_array_add (faults,
                             g_strdup_printf (_("Case %s: your two copies of its key differ: the database "
                                                "was altered. Ask an administrator to restore it from a "
                                                "backup."), reference));
        }
    }

  if (self->role == WM_ROLE_ADMINISTRATOR)
    {
      g_autoptr(WmAccount) account = wm_accounts_load (self->store, NULL, self->user_id, error);
      g_autoptr(WmSecret) organisation_key = NULL;

      if (account == NULL)
        return FALSE;
      organisation_key = wm_directory_open_organisation_key (self->store, account, self->secret_key, NULL);
      if (organisation_key == NULL)
        g_ptr_array_add (faults,
                         g_strdup (_("Your copy of the organisation key does not open, or is not the "
                                     "organisation’s: it was damaged or altered, and accounts cannot be "
                                     "changed with it. Ask another administrator to reset your account.")));
    }
  return TRUE;
}

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
  current = read_versions (self, info->id, 0, 0, &local_error);
  if (current == NULL)
    {
      g_ptr_array_add (faults, g_strdup_printf (_("Case %s: %s"), info->reference, local_error->message));
      return;
    }
  for (guint i = 0; i < current->len; i++)
    {
      const WmRecord *head = g_ptr_array_index (current, i);
      g_autoptr(GPtrArray) versions = read_versions (self, info->id, head->record_id, head->version,
                                                                &local_error);

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
                             /* Translators: "Case ABC-123, record 7 (Contact), version 2: what is wrong". */
                             g_strdup_printf (_("Case %s, record %lld (%s), version %u: %s"),
                                              info->reference, (long long) record->record_id,
                                              wm_record_kind_get_label (record->kind),
                                              record->version, record->error->message));
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
  gboolean directory_signed;
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
  /* With the directory not as signed, no author's signature can be
   * checked: that one fault says why, instead of one per case. */
  directory_signed = wm_directory_check_head (self->store, NULL, NULL);
  if (!verify_key_material (self, directory_signed, faults, error))
    return FALSE;
  if (directory_signed)
    for (guint i = 0; i < cases->len; i++)
      verify_case (self, g_ptr_array_index (cases, i), faults);
  if (!wm_store_verify_audit (self->store, faults, error) && faults->len == faults_before)
    return FALSE;
  return faults->len == faults_before;
}

/**
 * wm_session_backup:
 *
 * Copies the database to @destination and records, signed, which state of
 * the audit log and directory the copy holds.
 */
gboolean
wm_session_backup (WmSession   *self,
                   const char  *destination,
                   GError     **error)
{
  g_autofree char *detail = NULL;
  guint8 head[32];
  char hex[65];
  gint64 count = 0, epoch = 0;

  g_return_val_if_fail (WM_IS_SESSION (self), FALSE);
  g_return_val_if_fail (destination != NULL, FALSE);

  if (!wm_session_require_role (self, WM_ROLE_ADMINISTRATOR, error))
    return FALSE;
  if (!wm_audit_get_tail (self->store, &count, head, NULL))
    memset (head, 0, sizeof head);
  if (!wm_directory_check_head (self->store, &epoch, NULL))
    epoch = 0;
  if (!wm_store_backup (self->store, destination, error))
    return FALSE;
  sodium_bin2hex (hex, sizeof hex, head, sizeof head);
  detail = g_strdup_printf ("audit head %s at %lld entries, directory epoch %lld",
                            hex, (long long) count, (long long) epoch);
  return wm_session_audit_in_transaction (self, "backup", 0, 0, detail, error);
}

/**
 * wm_session_restore:
 *
 * Replaces the database's contents with a backup of the same organisation
 * once it has passed every check (wm_store_restore_from()): the restore is
 * recorded in the restored log, signed, with the head it replaced, and the
 * directory is signed anew with this administrator's organisation key.
 */
gboolean
wm_session_restore (WmSession   *self,
                    const char  *backup_path,
                    GError     **error)
{
  g_autoptr(WmAccount) account = NULL;
  g_autoptr(WmSecret) organisation_key = NULL;
  WmAuditSigner signer;

  g_return_val_if_fail (WM_IS_SESSION (self), FALSE);
  g_return_val_if_fail (backup_path != NULL, FALSE);

  if (!wm_session_require_role (self, WM_ROLE_ADMINISTRATOR, error))
    return FALSE;
  account = wm_accounts_load (self->store, NULL, self->user_id, error);
  if (account == NULL)
    return FALSE;
  organisation_key = wm_directory_open_organisation_key (self->store, account, self->secret_key, error);
  if (organisation_key == NULL)
    return FALSE;
  signer = (WmAuditSigner) { self->user_id, self->key_generation, self->signing_key };
  if (!wm_store_restore_from (self->store, backup_path, &signer, organisation_key, error))
    return FALSE;
  wm_keyring_clear (self->case_keys);
  return TRUE;
}
