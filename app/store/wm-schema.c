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

  /* 3: signatures, because the file is untrusted for integrity too (see
   * wm-signed.c and app/store/README.md, "Signed statements"). Every
   * account signs with an Ed25519 key per key generation, listed in the
   * directory the organisation signs (meta: directory-epoch, -signature).
   * A case carries its creator's signed commitment to its key and a signed
   * manifest of its records; each case key a holder got carries the
   * granter's signature; each record version its author's; approvals are
   * supervisors' signed statements about one version; audit entries are
   * signed by the account that made them. Files of versions 1 and 2 hold
   * none of this and are refused (wm_store_open()). */
  "CREATE TABLE signing_keys ("
  "  user_id INTEGER NOT NULL REFERENCES users (id),"
  "  generation INTEGER NOT NULL,"
  "  public_key BLOB NOT NULL,"
  "  PRIMARY KEY (user_id, generation));"
  "ALTER TABLE cases ADD COLUMN created_by INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE cases ADD COLUMN creator_generation INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE cases ADD COLUMN key_commitment BLOB;"
  "ALTER TABLE cases ADD COLUMN certificate BLOB;"
  "ALTER TABLE cases ADD COLUMN manifest_summary BLOB;"
  /* Apart from the case row: a manifest is a kilobyte or two, and the
   * caseload walks the case rows. */
  "CREATE TABLE case_manifests ("
  "  case_id INTEGER PRIMARY KEY REFERENCES cases (id) ON DELETE CASCADE,"
  "  manifest BLOB NOT NULL,"
  "  signer INTEGER NOT NULL,"
  "  generation INTEGER NOT NULL,"
  "  signature BLOB NOT NULL);"
  "ALTER TABLE case_keys ADD COLUMN granted_by INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE case_keys ADD COLUMN granter_generation INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE case_keys ADD COLUMN grant_signature BLOB;"
  "ALTER TABLE case_keys ADD COLUMN manifest_mac BLOB;"
  "ALTER TABLE case_keys ADD COLUMN summary_mac BLOB;"
  "ALTER TABLE record_versions ADD COLUMN author_generation INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE record_versions ADD COLUMN signature BLOB;"
  "CREATE TABLE approvals ("
  "  record_id INTEGER NOT NULL REFERENCES records (id) ON DELETE CASCADE,"
  "  version INTEGER NOT NULL,"
  "  approver_id INTEGER NOT NULL REFERENCES users (id),"
  "  approver_generation INTEGER NOT NULL,"
  "  signature BLOB NOT NULL,"
  "  PRIMARY KEY (record_id, version));"
  "ALTER TABLE audit ADD COLUMN signer_generation INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE audit ADD COLUMN signature BLOB;",

  /* 4: the caseload card (wm-card.c): what a caseload row shows, sealed
   * under the case key and bound to the case's manifest summary, kept
   * current by every write, so that listing ten thousand cases does not
   * decode ten thousand profiles and assessments. In the case row, which
   * the caseload reads anyway. Cases written before it have none, and are
   * read from their records until the caseload or their next write gives
   * them one. */
  "ALTER TABLE cases ADD COLUMN card BLOB;",

  /* 5: the partner directory (wm-partners.c): the services referrals go
   * to. An entry describes a service, not a young person, so it is
   * plaintext; certificate is the organisation key's signature over every
   * other column, made by the administrator signed_by names, so nobody
   * without an administrator's key can add an entry or send referrals to
   * another address. */
  "CREATE TABLE partners ("
  "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  name TEXT NOT NULL,"
  "  service TEXT NOT NULL,"
  "  area TEXT NOT NULL,"
  "  contact TEXT NOT NULL,"
  "  secure_email TEXT NOT NULL,"
  "  notes TEXT NOT NULL,"
  "  adult_only INTEGER NOT NULL,"
  "  signed_by INTEGER NOT NULL REFERENCES users (id),"
  "  certificate BLOB NOT NULL);",

  /* 6: settings of the whole organisation (wm-org-settings.c), such as
   * review intervals: plaintext policy, each signed with the organisation
   * key by the administrator signed_by names. */
  "CREATE TABLE org_settings ("
  "  name TEXT PRIMARY KEY,"
  "  value TEXT NOT NULL,"
  "  signed_by INTEGER NOT NULL REFERENCES users (id),"
  "  certificate BLOB NOT NULL);",
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

/* The objects SQLite keeps of its own accord: sqlite_sequence comes with
 * the first AUTOINCREMENT table and sqlite_stat* with ANALYZE. Everything
 * else in sqlite_schema was put there by a migration, or by someone else. */
#define SCHEMA_QUERY \
  "SELECT type, name, tbl_name, sql FROM sqlite_schema " \
  "WHERE NOT (type = 'table' AND (name = 'sqlite_sequence' OR name LIKE 'sqlite\\_stat%' ESCAPE '\\')) " \
  "ORDER BY type, name, tbl_name, sql"

static void
append_field (GString       *out,
              sqlite3_stmt  *stmt,
              int            column)
{
  /* Each field with its length, so that no name or text can pass for
   * another split of the same bytes; NULL (an automatic index has no SQL)
   * is not the empty text. */
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    {
      g_string_append_c (out, '-');
      return;
    }
  {
    const char *text = (const char *) sqlite3_column_text (stmt, column);
    int size = sqlite3_column_bytes (stmt, column);

    g_string_append_printf (out, "+%d:", size);
    g_string_append_len (out, text, size);
  }
}

/**
 * wm_schema_describe:
 * @db: a connection to a database
 * @out_rc: (out): the SQLite result code when it fails
 *
 * Every row of sqlite_schema (type, name, table and the CREATE text as it
 * was written), in a fixed order, as one string of bytes: two databases
 * have the same tables, indexes, triggers and views exactly when their
 * descriptions are equal. No whitespace or case is normalised: SQLite
 * keeps each CREATE statement as the migration wrote it.
 *
 * Returns: (transfer full) (nullable): the description, or %NULL
 */
GBytes *
wm_schema_describe (sqlite3 *db,
                    int     *out_rc)
{
  g_autoptr(GString) out = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, SCHEMA_QUERY, -1, &stmt, NULL);
  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      for (int column = 0; column < 4; column++)
        append_field (out, stmt, column);
      g_string_append_c (out, '\n');
      rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      *out_rc = rc;
      return NULL;
    }
  *out_rc = SQLITE_OK;
  return g_string_free_to_bytes (g_steal_pointer (&out));
}

static gpointer
describe_migrations (gpointer data)
{
  int version = GPOINTER_TO_INT (data);
  GBytes *description = NULL;
  sqlite3 *db = NULL;
  int rc;

  rc = sqlite3_open_v2 (":memory:", &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_MEMORY, NULL);
  for (int i = 0; rc == SQLITE_OK && i < version; i++)
    rc = sqlite3_exec (db, migrations[i], NULL, NULL, NULL);
  if (rc == SQLITE_OK)
    description = wm_schema_describe (db, &rc);
  if (rc != SQLITE_OK)
    g_critical ("The migrations up to %d fail on an empty database: %s", version, sqlite3_errstr (rc));
  sqlite3_close_v2 (db);
  return description;
}

/**
 * wm_schema_expected:
 * @version: a schema version, 1 to %WM_SCHEMA_VERSION
 *
 * What wm_schema_describe() says of a database that the migrations up to
 * @version made, and nothing else touched. It is the same every time, so
 * it is worked out once per process, on an empty database in memory.
 *
 * Returns: (transfer none): the description
 */
GBytes *
wm_schema_expected (int version)
{
  static GOnce once[WM_SCHEMA_VERSION + 1];

  g_return_val_if_fail (version >= 1 && version <= WM_SCHEMA_VERSION, NULL);

  return g_once (&once[version], describe_migrations, GINT_TO_POINTER (version));
}
