/* wm-schema.c — the numbered migrations that build and upgrade the schema
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each migration is applied once, in order, and all pending ones run in a
 * single transaction with the new PRAGMA user_version: a crash leaves the
 * file at the old version, never between two. Never edit a migration that
 * has shipped; add the next one. app/store/README.md explains every column.
 */

#define G_LOG_DOMAIN "wm-schema"

#include "config.h"

#include <glib/gi18n.h>

#include "wm-store-private.h"

static const char *const migrations[] = {
  /* 1: accounts, cases, sealed case keys, versioned records, audit chain.
   * Ids are never reused (AUTOINCREMENT), so an audit entry's case or record
   * id names one thing forever, even after a deletion. */
  "PRAGMA application_id = 1464685131;"
  "CREATE TABLE meta ("
  "  key TEXT PRIMARY KEY,"
  "  value NOT NULL);"
  "CREATE TABLE users ("
  "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  name TEXT NOT NULL UNIQUE,"
  "  role INTEGER NOT NULL CHECK (role IN (1, 2, 3)),"
  "  disabled INTEGER NOT NULL DEFAULT 0,"
  "  public_key BLOB NOT NULL,"
  "  secret_box BLOB NOT NULL,"
  "  kdf_salt BLOB NOT NULL,"
  "  kdf_opslimit INTEGER NOT NULL,"
  "  kdf_memlimit INTEGER NOT NULL,"
  "  key_generation INTEGER NOT NULL DEFAULT 1,"
  "  failed_count INTEGER NOT NULL DEFAULT 0,"
  "  last_failed_at INTEGER NOT NULL DEFAULT 0,"
  "  certificate BLOB NOT NULL DEFAULT x'',"
  "  organisation_seal BLOB);"
  "CREATE TABLE user_supervisors ("
  "  user_id INTEGER NOT NULL REFERENCES users (id),"
  "  supervisor_id INTEGER NOT NULL REFERENCES users (id),"
  "  certificate BLOB NOT NULL,"
  "  PRIMARY KEY (user_id, supervisor_id));"
  "CREATE TABLE cases ("
  "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  reference TEXT NOT NULL UNIQUE,"
  "  assigned_to INTEGER NOT NULL REFERENCES users (id));"
  "CREATE TABLE case_keys ("
  "  case_id INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,"
  "  user_id INTEGER NOT NULL REFERENCES users (id),"
  "  sealed BLOB NOT NULL,"
  "  PRIMARY KEY (case_id, user_id));"
  "CREATE INDEX case_keys_by_user ON case_keys (user_id);"
  "CREATE TABLE records ("
  "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  case_id INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,"
  "  kind INTEGER NOT NULL CHECK (kind BETWEEN 1 AND 6),"
  "  head_version INTEGER NOT NULL,"
  "  amends_id INTEGER REFERENCES records (id) ON DELETE CASCADE,"
  "  author_id INTEGER NOT NULL REFERENCES users (id));"
  "CREATE UNIQUE INDEX one_profile_per_case ON records (case_id) WHERE kind = 1;"
  "CREATE TABLE record_versions ("
  "  record_id INTEGER NOT NULL REFERENCES records (id) ON DELETE CASCADE,"
  "  version INTEGER NOT NULL,"
  "  author_id INTEGER NOT NULL REFERENCES users (id),"
  "  immutable INTEGER NOT NULL DEFAULT 0,"
  "  sealed BLOB NOT NULL,"
  "  PRIMARY KEY (record_id, version));"
  "CREATE TABLE audit ("
  "  seq INTEGER PRIMARY KEY,"
  "  at INTEGER NOT NULL,"
  "  user_id INTEGER NOT NULL,"
  "  action TEXT NOT NULL,"
  "  case_id INTEGER NOT NULL,"
  "  record_id INTEGER NOT NULL,"
  "  detail TEXT NOT NULL,"
  "  hash BLOB NOT NULL);",

  /* 2: a case key re-wrapped under the holder's own symmetric key after its
   * first use, so a caseload pays one public-key operation per case once,
   * not on every sign-in; and the index the caseload query walks. */
  "ALTER TABLE case_keys ADD COLUMN wrapped BLOB;"
  "CREATE INDEX records_by_case_kind ON records (case_id, kind, id);",
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == WM_SCHEMA_VERSION);

gboolean
wm_schema_migrate (sqlite3  *db,
                   int       from_version,
                   GError  **error)
{
  g_autofree char *set_version = NULL;
  char *message = NULL;
  int rc;

  g_return_val_if_fail (from_version >= 0 && from_version <= WM_SCHEMA_VERSION, FALSE);

  if (from_version == WM_SCHEMA_VERSION)
    return TRUE;

  rc = sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, &message);
  for (int version = from_version + 1; rc == SQLITE_OK && version <= WM_SCHEMA_VERSION; version++)
    {
      g_debug ("Applying schema migration %d", version);
      rc = sqlite3_exec (db, migrations[version - 1], NULL, NULL, &message);
    }
  if (rc == SQLITE_OK)
    {
      set_version = g_strdup_printf ("PRAGMA user_version = %d", WM_SCHEMA_VERSION);
      rc = sqlite3_exec (db, set_version, NULL, NULL, &message);
    }
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (db, "COMMIT", NULL, NULL, &message);

  if (rc != SQLITE_OK)
    {
      sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
      g_set_error (error, WM_STORE_ERROR, WM_STORE_ERROR_IO,
                   _("Could not upgrade the database from version %d to %d (%s). "
                     "The file was left as it was; check there is free disk space and try again."),
                   from_version, WM_SCHEMA_VERSION, message ? message : sqlite3_errstr (rc));
      sqlite3_free (message);
      return FALSE;
    }
  return TRUE;
}
