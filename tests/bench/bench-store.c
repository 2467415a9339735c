/* bench-store.c — the store benchmark's Waymark and plain SQLite engines
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * --engine=waymark --phase=build makes the synthetic organisation through
 * the store's public API, as the application would: the caseworkers
 * register their own cases, so the supervisor's copies of the case keys
 * are still only sealed. --phase=serve then answers run-store-bench.py's
 * commands (wm_bench_serve()): the supervisor's caseload after unlocking,
 * opening a case, durably saving an assessment, the key derivation.
 * --engine=plain is wm-bench-sql.c, the unencrypted floor, in this same
 * program. Each engine runs in a process of its own, so that each peak
 * RSS is that engine's alone.
 */

#define G_LOG_DOMAIN "wm-bench"

#include "config.h"

#include <locale.h>
#include <string.h>

#include <glib/gstdio.h>
#include <sodium.h>
#include <sqlite3.h>

#include "wm-bench-data.h"
#include "wm-bench-sql.h"
#include "wm-bench-util.h"
#include "wm-record.h"
#include "wm-session.h"
/* Only for open_case_read_only() and caseload_phases(): the store has no
 * public way to read a case without auditing the view, nor to time the
 * steps of its caseload (wm_caseload_query, the card, the summary). */
#include "wm-card.h"
#include "wm-session-private.h"
#include "wm-signed.h"
#include "wm-store.h"

#define ENGINE "waymark"

G_STATIC_ASSERT (WM_BENCH_KIND_PROFILE == WM_RECORD_PROFILE);
G_STATIC_ASSERT (WM_BENCH_KIND_CONTACT == WM_RECORD_CONTACT);
G_STATIC_ASSERT (WM_BENCH_KIND_ASSESSMENT == WM_RECORD_ASSESSMENT);

/* read_versions' query in wm-session-cases.c, for the case read without
 * its audit entry. */
static const char open_case_sql[] =
  "SELECT r.id, r.kind, coalesce(r.amends_id, 0), "
  "       v.version, v.author_id, v.immutable, v.sealed "
  "FROM records r JOIN record_versions v "
  "ON v.record_id = r.id AND v.version = r.head_version "
  "WHERE r.case_id = ? ORDER BY r.id";

static char *
db_path (const WmBenchOptions *options)
{
  return g_build_filename (options->dir, ENGINE ".db", NULL);
}

static gboolean
exec (WmStore     *store,
      const char  *sql,
      GError     **error)
{
  int rc = sqlite3_exec (wm_store_get_db (store), sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      g_set_error (error, WM_BENCH_ERROR, rc, "%s: %s", sql, sqlite3_errmsg (wm_store_get_db (store)));
      return FALSE;
    }
  return TRUE;
}

static gboolean
add_person (WmSession             *caseworker,
            const WmBenchOptions  *options,
            guint                  index,
            GError               **error)
{
  WmBenchPerson person = { 0 };
  gint64 case_id;
  gboolean ok = FALSE;

  wm_bench_person_generate ((guint32) options->seed, index, &person);
  case_id = wm_session_create_case (caseworker, wm_session_get_user_id (caseworker), person.profile, error);
  if (case_id == 0)
    goto out;
  /* The open and save measurements name cases by index + 1, as the plain
   * engines number them. */
  if (case_id != (gint64) index + 1)
    {
      g_set_error (error, WM_BENCH_ERROR, 0, "person %u became case %" G_GINT64_FORMAT, index, case_id);
      goto out;
    }
  for (guint i = 0; i < WM_BENCH_RECORDS_PER_PERSON; i++)
    if (wm_session_add_record (caseworker, case_id, person.kinds[i], person.records[i], error) == 0)
      goto out;
  ok = TRUE;

out:
  wm_bench_person_clear (&person);
  return ok;
}

static int
build (const WmBenchOptions *options)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = db_path (options);
  g_autoptr(WmStore) store = NULL;
  g_autoptr(WmSession) admin = NULL;
  g_autoptr(GPtrArray) caseworkers = g_ptr_array_new_with_free_func (g_object_unref);
  gint64 start = wm_bench_now_ns ();
  gint64 supervisor_id;
  GStatBuf st;

  store = wm_store_create (path, WM_BENCH_ORGANISATION, WM_BENCH_ADMIN, WM_BENCH_PASSPHRASE, &error);
  if (store == NULL)
    goto fail;
  admin = wm_session_sign_in (store, WM_BENCH_ADMIN, WM_BENCH_PASSPHRASE, &error);
  if (admin == NULL)
    goto fail;
  supervisor_id = wm_session_add_user (admin, WM_BENCH_SUPERVISOR, WM_ROLE_SUPERVISOR, WM_BENCH_PASSPHRASE, &error);
  if (supervisor_id == 0)
    goto fail;
  for (gint i = 0; i < options->caseworkers; i++)
    {
      g_autofree char *name = wm_bench_caseworker_name ((guint) i);
      gint64 user_id = wm_session_add_user (admin, name, WM_ROLE_CASEWORKER, WM_BENCH_PASSPHRASE, &error);
      WmSession *caseworker;

      if (user_id == 0 || !wm_session_add_supervisor (admin, user_id, supervisor_id, &error))
        goto fail;
      caseworker = wm_session_sign_in (store, name, WM_BENCH_PASSPHRASE, &error);
      if (caseworker == NULL)
        goto fail;
      g_ptr_array_add (caseworkers, caseworker);
    }
  g_printerr ("waymark: %d accounts made in %.1f s\n", options->caseworkers + 2, wm_bench_ms_since (start) / 1000);

  /* Each caseworker registers their own young people, as in the office; a
   * batch shares one commit, so building takes seconds, not hours. */
  for (gint first = 0; first < options->people; first += options->batch)
    {
      if (!wm_store_batch_begin (store, &error))
        goto fail;
      for (gint index = first; index < MIN (options->people, first + options->batch); index++)
        {
          WmSession *caseworker = g_ptr_array_index (caseworkers, wm_bench_caseworker_of (options, (guint) index));

          if (!add_person (caseworker, options, (guint) index, &error))
            {
              wm_store_batch_abort (store);
              goto fail;
            }
        }
      if (!wm_store_batch_commit (store, &error))
        goto fail;
    }
  /* Every engine starts measuring with an empty write-ahead log. */
  if (!exec (store, "PRAGMA wal_checkpoint(TRUNCATE)", &error))
    goto fail;

  wm_bench_emit_value (ENGINE, "build", "s", wm_bench_ms_since (start) / 1000);
  if (g_stat (path, &st) == 0)
    wm_bench_emit_value (ENGINE, "db_size", "bytes", (double) st.st_size);
  return 0;

fail:
  g_printerr ("waymark build: %s\n", error->message);
  return 1;
}

/* The high-water marks of this process's memory: of all of it, and of
 * everything but the sign-ins. */
typedef struct
{
  glong whole_kib;
  glong work_kib;
} Peaks;

/* Signs the supervisor in. Argon2id's 64 MiB work area would be the peak
 * of every measurement, so the high-water mark is read before and after
 * and then started again: work_kib is the peak of everything else. */
static WmSession *
sign_in_supervisor (WmStore  *store,
                    Peaks    *peaks,
                    GError  **error)
{
  WmSession *session;

  peaks->work_kib = MAX (peaks->work_kib, wm_bench_hwm_kib ());
  session = wm_session_sign_in (store, WM_BENCH_SUPERVISOR, WM_BENCH_PASSPHRASE, error);
  peaks->whole_kib = MAX (peaks->whole_kib, wm_bench_hwm_kib ());
  wm_bench_hwm_reset ();
  return session;
}

/* The caseload as the supervisor's window would show it: the store's list,
 * then name, age, status and risk levels from each entry, with the same
 * code the plain engines use. */
static GArray *
list_caseload (WmSession  *session,
               GError    **error)
{
  g_autoptr(GPtrArray) entries = wm_session_list_caseload (session, error);
  g_autoptr(GArray) caseload = NULL;

  if (entries == NULL)
    return NULL;
  caseload = wm_bench_caseload_new (entries->len);
  for (guint i = 0; i < entries->len; i++)
    {
      const WmCaseloadEntry *entry = g_ptr_array_index (entries, i);
      WmBenchCaseloadRow row = { 0 };

      if (entry->error != NULL)
        {
          g_set_error (error, WM_BENCH_ERROR, 0, "case %s: %s", entry->info.reference, entry->error->message);
          return NULL;
        }
      wm_bench_caseload_row_fill (&row, entry->info.id, entry->info.reference,
                                  entry->profile, entry->latest_assessment);
      g_array_append_val (caseload, row);
    }
  return g_steal_pointer (&caseload);
}

static guint
caseload_sql_only (sqlite3_stmt *stmt,
                   gint64        user_id)
{
  guint rows = 0;

  sqlite3_bind_int64 (stmt, 1, user_id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      sqlite3_column_blob (stmt, WM_CASELOAD_COLUMN_WRAPPED);
      sqlite3_column_blob (stmt, WM_CASELOAD_COLUMN_SUMMARY);
      sqlite3_column_blob (stmt, WM_CASELOAD_COLUMN_SUMMARY_MAC);
      sqlite3_column_blob (stmt, WM_CASELOAD_COLUMN_CARD);
      rows++;
    }
  sqlite3_reset (stmt);
  return rows;
}

/* wm-card.c's associated data (build_associated_data), copied so that
 * the AEAD can be timed alone. Should the store change it, decryption
 * fails and the breakdown says so rather than timing a failure. */
#define SUMMARY_SIZE (3 * (8 + 4 + 24 + 16))
#define CARD_AD_SIZE (16 + WM_DATABASE_ID_SIZE + 8 + SUMMARY_SIZE)

static void
card_ad (const guint8 *database_id,
         gint64        case_id,
         const guint8 *summary,
         guint8       *ad)
{
  static const char domain[16] = "waymark-card-v1";

  memcpy (ad, domain, 16);
  memcpy (ad + 16, database_id, WM_DATABASE_ID_SIZE);
  wm_put_be64 (ad + 16 + WM_DATABASE_ID_SIZE, (guint64) case_id);
  memcpy (ad + 24 + WM_DATABASE_ID_SIZE, summary, SUMMARY_SIZE);
}

#define SCRATCH_SIZE (256 * 1024)
#define NONCE_SIZE crypto_aead_xchacha20poly1305_ietf_NPUBBYTES

/* Decrypts the row's card into @scratch and throws it away. */
static gboolean
decrypt_card (sqlite3_stmt  *stmt,
              const guint8  *database_id,
              gint64         case_id,
              const guint8  *key,
              guint8        *scratch)
{
  const guint8 *sealed = sqlite3_column_blob (stmt, WM_CASELOAD_COLUMN_CARD);
  gsize size = (gsize) sqlite3_column_bytes (stmt, WM_CASELOAD_COLUMN_CARD);
  guint8 ad[CARD_AD_SIZE];

  if (sealed == NULL || size < NONCE_SIZE + crypto_aead_xchacha20poly1305_ietf_ABYTES || size > SCRATCH_SIZE
      || sqlite3_column_bytes (stmt, WM_CASELOAD_COLUMN_SUMMARY) != SUMMARY_SIZE)
    return FALSE;
  card_ad (database_id, case_id, sqlite3_column_blob (stmt, WM_CASELOAD_COLUMN_SUMMARY), ad);
  return crypto_aead_xchacha20poly1305_ietf_decrypt (scratch, NULL, NULL, sealed + NONCE_SIZE, size - NONCE_SIZE,
                                                     ad, sizeof ad, sealed, key) == 0;
}

/* wm_session_list_caseload's work, row by row on this one thread with a
 * clock around each phase of each row, in a fresh session as after
 * unlocking: the key, then the card. Decryption is timed on its own first,
 * then wm_card_open() does it again with the checks and unpacking;
 * "parse" is the second less the first. Unlike the store, which opens
 * cards on worker threads, each row's card is dropped before the next row
 * is read. The store's other checks (this user's MAC of the summary, the
 * records' ids and versions against it) count as "parse" here. */
static gboolean
caseload_phases (WmSession      *session,
                 sqlite3_stmt   *stmt,
                 WmBenchPhases  *phases,
                 GError        **error)
{
  g_autoptr(GArray) caseload = wm_bench_caseload_new (1024);
  g_autofree guint8 *scratch = g_malloc (SCRATCH_SIZE);
  const guint8 *database_id = wm_store_get_database_id (wm_session_get_store (session));
  /* As the caseload's chunks hold them: in secure memory, not the keyring. */
  guint8 *key = sodium_malloc (WM_KEY_SIZE);
  double *ms = phases->ms;
  gint64 clock;
  int rc;

  if (key == NULL)
    {
      g_set_error_literal (error, WM_BENCH_ERROR, 0, "out of secure memory for a case key");
      return FALSE;
    }
  *phases = (WmBenchPhases) { { 0 } };
  sqlite3_bind_int64 (stmt, 1, wm_session_get_user_id (session));
  for (;;)
    {
      g_autoptr(GVariant) card = NULL;
      g_autoptr(GVariant) profile = NULL;
      g_autoptr(GVariant) assessment = NULL;
      g_autofree char *last_contact_on = NULL;
      WmBenchCaseloadRow row = { 0 };
      gboolean from_seal = FALSE;
      gint64 case_id;
      double decrypt_ms;

      clock = wm_bench_now_ns ();
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          sqlite3_column_blob (stmt, WM_CASELOAD_COLUMN_WRAPPED);
          sqlite3_column_blob (stmt, WM_CASELOAD_COLUMN_SUMMARY);
          sqlite3_column_blob (stmt, WM_CASELOAD_COLUMN_SUMMARY_MAC);
          sqlite3_column_blob (stmt, WM_CASELOAD_COLUMN_CARD);
        }
      ms[WM_BENCH_PHASE_SQL] += wm_bench_lap (&clock);
      if (rc != SQLITE_ROW)
        break;

      case_id = sqlite3_column_int64 (stmt, WM_CASELOAD_COLUMN_CASE_ID);
      /* After the first caseload every key is wrapped: no seal needed. */
      if (!wm_session_open_case_key (session, case_id, NULL, 0,
                                     sqlite3_column_blob (stmt, WM_CASELOAD_COLUMN_WRAPPED),
                                     (gsize) sqlite3_column_bytes (stmt, WM_CASELOAD_COLUMN_WRAPPED),
                                     key, &from_seal, error))
        break;
      ms[WM_BENCH_PHASE_KEY] += wm_bench_lap (&clock);

      if (!decrypt_card (stmt, database_id, case_id, key, scratch))
        {
          g_set_error (error, WM_BENCH_ERROR, 0,
                       "case %" G_GINT64_FORMAT " has no card that decrypts with the associated data copied "
                       "from wm-card.c; update card_ad()", case_id);
          break;
        }
      decrypt_ms = wm_bench_lap (&clock);
      ms[WM_BENCH_PHASE_DECRYPT] += decrypt_ms;

      {
        guint8 mac[32];
        WmManifestHead heads[3] = {
          { WM_RECORD_PROFILE, 0, 0, NULL, 0 },
          { WM_RECORD_ASSESSMENT, 0, 0, NULL, 0 },
          { WM_RECORD_CONTACT, 0, 0, NULL, 0 },
        };
        const guint8 *summary = sqlite3_column_blob (stmt, WM_CASELOAD_COLUMN_SUMMARY);
        gsize summary_size = (gsize) sqlite3_column_bytes (stmt, WM_CASELOAD_COLUMN_SUMMARY);

        wm_caseload_column_head (stmt, WM_CASELOAD_COLUMN_PROFILE, &heads[0].record_id, &heads[0].version);
        wm_caseload_column_head (stmt, WM_CASELOAD_COLUMN_ASSESSMENT, &heads[1].record_id, &heads[1].version);
        wm_caseload_column_head (stmt, WM_CASELOAD_COLUMN_CONTACT, &heads[2].record_id, &heads[2].version);
        wm_signed_summary_mac (session, case_id, summary, summary_size, mac);
        wm_signed_summary_names (summary, summary_size, heads, G_N_ELEMENTS (heads));
      }
      card = wm_card_open (key, database_id, case_id, sqlite3_column_blob (stmt, WM_CASELOAD_COLUMN_SUMMARY),
                           (gsize) sqlite3_column_bytes (stmt, WM_CASELOAD_COLUMN_SUMMARY),
                           sqlite3_column_blob (stmt, WM_CASELOAD_COLUMN_CARD),
                           (gsize) sqlite3_column_bytes (stmt, WM_CASELOAD_COLUMN_CARD));
      if (card != NULL)
        wm_card_unpack (card, &profile, &assessment, &last_contact_on);
      ms[WM_BENCH_PHASE_PARSE] += wm_bench_lap (&clock) - decrypt_ms;

      wm_bench_caseload_row_fill (&row, case_id,
                                  (const char *) sqlite3_column_text (stmt, WM_CASELOAD_COLUMN_REFERENCE),
                                  profile, assessment);
      g_array_append_val (caseload, row);
      ms[WM_BENCH_PHASE_FIELDS] += wm_bench_lap (&clock);

      g_clear_pointer (&profile, g_variant_unref);
      g_clear_pointer (&assessment, g_variant_unref);
      g_clear_pointer (&card, g_variant_unref);
      ms[WM_BENCH_PHASE_FREE] += wm_bench_lap (&clock);
    }
  sqlite3_reset (stmt);
  sodium_free (key);  /* wipes it */
  if (rc == SQLITE_ROW)
    return FALSE;
  if (rc != SQLITE_DONE)
    {
      g_set_error (error, WM_BENCH_ERROR, rc, "caseload: %s", sqlite3_errstr (rc));
      return FALSE;
    }
  return TRUE;
}

/* wm_session_open_case without its "case-view" audit entry: the same query
 * and the same wm_record_open() per record, so the difference between the
 * two is what auditing a view costs. */
static GPtrArray *
open_case_read_only (WmSession     *session,
                     sqlite3_stmt  *stmt,
                     gint64         case_id,
                     GError       **error)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) wm_record_free);
  const guint8 *key = wm_session_case_key (session, case_id, error);
  const guint8 *database_id = wm_store_get_database_id (wm_session_get_store (session));
  int rc;

  if (key == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, case_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      WmRecord *record = g_new0 (WmRecord, 1);
      WmRecordBinding binding;

      record->case_id = case_id;
      record->record_id = sqlite3_column_int64 (stmt, 0);
      record->kind = sqlite3_column_int (stmt, 1);
      record->amends_id = sqlite3_column_int64 (stmt, 2);
      record->version = (guint) sqlite3_column_int (stmt, 3);
      record->author_id = sqlite3_column_int64 (stmt, 4);
      record->immutable = sqlite3_column_int (stmt, 5) != 0;
      binding = (WmRecordBinding) { database_id, case_id, record->record_id, record->kind, record->version };
      record->payload = wm_record_open (key, &binding, sqlite3_column_blob (stmt, 6),
                                        (gsize) sqlite3_column_bytes (stmt, 6),
                                        &record->written_usec, &record->error);
      g_ptr_array_add (records, record);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      g_set_error (error, WM_BENCH_ERROR, rc, "open case: %s", sqlite3_errstr (rc));
      return NULL;
    }
  return g_steal_pointer (&records);
}

/* Reads the records as a case view would, and checks they all opened. */
static gboolean
touch_records (GPtrArray  *records,
               gsize      *touched,
               GError    **error)
{
  if (records->len < 1 + WM_BENCH_RECORDS_PER_PERSON)
    {
      g_set_error (error, WM_BENCH_ERROR, 0, "a case opened with %u records", records->len);
      return FALSE;
    }
  for (guint r = 0; r < records->len; r++)
    {
      WmRecord *record = g_ptr_array_index (records, r);

      if (record->error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&record->error));
          return FALSE;
        }
      *touched += wm_bench_touch_record (record->kind, record->payload);
    }
  return TRUE;
}

typedef struct
{
  const WmBenchOptions *options;
  WmStore              *store;
  WmSession            *session;
  sqlite3_stmt         *caseload_stmt;
  sqlite3_stmt         *open_stmt;
  Peaks                 peaks;
} Engine;

static char *
engine_describe (gpointer data)
{
  Engine *self = data;

  return g_strdup_printf ("Waymark on SQLite %s, libsodium %s, schema %d", sqlite3_libversion (),
                          sodium_version_string (), wm_store_get_schema_version (self->store));
}

/* A new session: as unlocking, an empty keyring. */
static gboolean
engine_sign_in (Engine  *self,
                GError **error)
{
  g_clear_object (&self->session);
  self->session = sign_in_supervisor (self->store, &self->peaks, error);
  return self->session != NULL;
}

static gboolean
engine_unlock (gpointer   data,
               GError   **error)
{
  return engine_sign_in (data, error);
}

/* Argon2id, 64 MiB and 3 passes, with the sign-in's reads and its durable
 * audit entry: what the user waits for after typing. */
static gboolean
engine_kdf (gpointer   data,
            double    *ms,
            GError   **error)
{
  Engine *self = data;
  gint64 start = wm_bench_now_ns ();

  if (!engine_sign_in (self, error))
    return FALSE;
  *ms = wm_bench_ms_since (start);
  return TRUE;
}

static gboolean
engine_caseload (gpointer          data,
                 WmBenchCaseload   which,
                 double           *ms,
                 GError          **error)
{
  Engine *self = data;
  g_autoptr(GArray) caseload = NULL;
  guint expected = (guint) self->options->people;
  gint64 start;

  /* "first" lists in the session the program started with, which has
   * listed nothing yet: the supervisor's very first caseload opens every
   * case key from its seal (crypto_box_seal_open) and stores it wrapped,
   * once per case and user, ever. */
  if (which == WM_BENCH_CASELOAD_SQL)
    {
      guint rows;

      start = wm_bench_now_ns ();
      rows = caseload_sql_only (self->caseload_stmt, wm_session_get_user_id (self->session));
      *ms = wm_bench_ms_since (start);
      if (rows != expected)
        {
          g_set_error (error, WM_BENCH_ERROR, 0, "the caseload query gave %u rows, not %u", rows, expected);
          return FALSE;
        }
      return TRUE;
    }
  start = wm_bench_now_ns ();
  caseload = list_caseload (self->session, error);
  *ms = wm_bench_ms_since (start);
  return caseload != NULL && wm_bench_caseload_check (caseload, expected, error);
}

static gboolean
engine_phases (gpointer        data,
               WmBenchPhases  *phases,
               GError        **error)
{
  Engine *self = data;

  return caseload_phases (self->session, self->caseload_stmt, phases, error);
}

/* Opening a case, as the supervisor does from the caseload: the keys are
 * in the keyring, and each view appends its audit entry. */
static gboolean
engine_open_case (gpointer   data,
                  gint64     case_id,
                  gboolean   audited,
                  double    *ms,
                  GError   **error)
{
  Engine *self = data;
  g_autoptr(GPtrArray) records = NULL;
  gsize touched = 0;
  gint64 start = wm_bench_now_ns ();

  if (audited)
    records = wm_session_open_case (self->session, case_id, error);
  else
    records = open_case_read_only (self->session, self->open_stmt, case_id, error);
  if (records == NULL || !touch_records (records, &touched, error))
    return FALSE;
  *ms = wm_bench_ms_since (start);
  if (touched == 0)
    {
      g_set_error (error, WM_BENCH_ERROR, 0, "case %" G_GINT64_FORMAT " opened without its notes", case_id);
      return FALSE;
    }
  return TRUE;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* The supervisor opens every case once, each the first time since someone
 * else wrote to it: the case's manifest, every current version's and every
 * approval's signature checked, and this holder's MACs of them kept, which
 * the later opens and saves rely on. */
static gboolean
engine_read_all (gpointer   data,
                 double    *ms,
                 GError   **error)
{
  Engine *self = data;
  g_autoptr(GPtrArray) cases = wm_session_list_cases (self->session, error);
  g_autoptr(GArray) times = NULL;

  if (cases == NULL)
    return FALSE;
  times = g_array_sized_new (FALSE, FALSE, sizeof (double), cases->len);
  for (guint i = 0; i < cases->len; i++)
    {
      const WmCaseInfo *info = g_ptr_array_index (cases, i);
      g_autoptr(GPtrArray) records = NULL;
      gint64 start = wm_bench_now_ns ();
      double one;

      records = wm_session_open_case (self->session, info->id, error);
      if (records == NULL)
        return FALSE;
      one = wm_bench_ms_since (start);
      g_array_append_val (times, one);
    }
  g_array_sort (times, compare_doubles);
  *ms = times->len > 0 ? g_array_index (times, double, times->len / 2) : 0;
  return TRUE;
}

/* One durable transaction with its audit entry. The supervisor writes it,
 * holding every key; the author makes no difference to the work. */
static gboolean
engine_save (gpointer   data,
             gint64     case_id,
             gint64     author_id,
             GVariant  *assessment,
             double    *ms,
             GError   **error)
{
  Engine *self = data;
  gint64 start = wm_bench_now_ns ();

  if (wm_session_add_record (self->session, case_id, WM_RECORD_ASSESSMENT, assessment, error) == 0)
    return FALSE;
  *ms = wm_bench_ms_since (start);
  return TRUE;
}

static void
engine_peaks (gpointer  data,
              glong    *whole_kib,
              glong    *work_kib)
{
  Engine *self = data;
  glong now = wm_bench_hwm_kib ();

  *whole_kib = MAX (self->peaks.whole_kib, now);
  *work_kib = MAX (self->peaks.work_kib, now);
}

static const WmBenchEngine engine_vtable = {
  .name = ENGINE,
  .describe = engine_describe,
  .kdf = engine_kdf,
  .unlock = engine_unlock,
  .caseload = engine_caseload,
  .phases = engine_phases,
  .open_case = engine_open_case,
  .save = engine_save,
  .read_all = engine_read_all,
  .peaks = engine_peaks,
};

static int
serve (const WmBenchOptions *options)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = db_path (options);
  Engine self = { .options = options };
  sqlite3 *db;
  int status = 1;

  self.store = wm_store_open (path, &error);
  if (self.store == NULL || !engine_sign_in (&self, &error))
    goto out;
  db = wm_store_get_db (self.store);
  if (sqlite3_prepare_v2 (db, wm_caseload_query, -1, &self.caseload_stmt, NULL) != SQLITE_OK
      || sqlite3_prepare_v2 (db, open_case_sql, -1, &self.open_stmt, NULL) != SQLITE_OK)
    {
      g_set_error (&error, WM_BENCH_ERROR, 0, "the store's schema changed: %s", sqlite3_errmsg (db));
      goto out;
    }
  status = wm_bench_serve (options, &engine_vtable, &self);

out:
  if (error != NULL)
    g_printerr ("waymark: %s\n", error->message);
  sqlite3_finalize (self.caseload_stmt);
  sqlite3_finalize (self.open_stmt);
  g_clear_object (&self.session);
  g_clear_object (&self.store);
  return status;
}

int
main (int   argc,
      char *argv[])
{
  WmBenchOptions options;
  g_autoptr(GError) error = NULL;
  int status;

  setlocale (LC_ALL, "C");
  if (!wm_bench_options_parse (&options, &argc, &argv, &error))
    {
      g_printerr ("bench-store: %s\n", error->message);
      return 2;
    }
  if (g_strcmp0 (options.engine, ENGINE) != 0)
    status = wm_bench_sql_run (&options);
  else if (g_strcmp0 (options.phase, "build") == 0)
    status = build (&options);
  else
    status = serve (&options);
  wm_bench_options_clear (&options);
  return status;
}
