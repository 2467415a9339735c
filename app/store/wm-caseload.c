/* wm-caseload.c — a user's whole caseload, decrypted in one pass
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A supervisor's caseload is every case of the team: thousands of rows, each
 * with a case key to unwrap and two records (the profile and the latest
 * assessment) to authenticate, decrypt and check. SQLite can only be
 * stepped on one thread, but each row's key and records can be opened on
 * any: so the thread that steps the query copies each row's wrapped key and
 * ciphertexts into a chunk, and hands full chunks to worker threads, which
 * open the key into the chunk's secure memory (sodium_malloc) and the
 * records with it while the query goes on. Only ciphertext passes between
 * threads, and keys only in secure memory, wiped when the chunk goes; each
 * entry is written by exactly one worker, and read only after every worker
 * has finished. The workers only read the session's own keys.
 *
 * A row's fields come from the case's caseload card (wm-card.c) when it
 * opens beside the case row's summary and the file's newest profile,
 * assessment and contact are the ones that summary names: then no record
 * is read at all. Otherwise (a case written before schema 4, a card that
 * does not open, records that are not as named) the row is read the slow
 * way, from the records, checked against the summary as before, and given
 * a new card at the end of the listing.
 */

#define G_LOG_DOMAIN "wm-session"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <sodium.h>

#include "wm-card.h"
#include "wm-session-private.h"
#include "wm-signed.h"

/* Cases per chunk: enough that handing one over costs little beside
 * opening its records, few enough that the workers start early. */
#define CHUNK_CASES 128
/* Beyond this, more threads only queue for the same cores and memory. */
#define MAX_WORKERS 4
/* Chunks whose keys share one sodium_malloc block: each such allocation
 * maps, locks and guards pages of its own, too dear to make per chunk. */
#define CHUNKS_PER_KEY_BLOCK 8

/* One record of one row, as stored: its ciphertext copied out of SQLite,
 * whose buffers last only until the next step. */
typedef struct
{
  gboolean present;     /* the case has such a record */
  gint64   record_id;
  guint    version;
  guint8  *sealed;      /* NULL when not read (a card row) or its version is gone */
  gsize    sealed_size;
} SealedColumn;

typedef struct
{
  WmCaseloadEntry *entry;
  guint8          *wrapped;      /* the case_keys row's, as stored */
  gsize            wrapped_size;
  GBytes          *sealed;       /* only when there is no wrapped form */
  gboolean         from_seal;    /* the key came from the seal: check its grant, wrap it */
  gboolean         want_seal;    /* the wrapped form did not open: try the seal */
  SealedColumn     profile;
  SealedColumn     assessment;
  SealedColumn     contact;      /* the newest: its id and version only */
  guint8          *summary;      /* the newest profile, assessment, contact its manifest lists */
  gsize            summary_size;
  guint8          *mac;          /* this user's MAC of the summary, as stored */
  gsize            mac_size;
  guint8          *card;         /* the caseload card, as stored */
  gsize            card_size;
  gboolean         summary_unchecked; /* no MAC vouched for it: check its signatures */
  gboolean         assessment_refused; /* not the one the manifest lists */
  gboolean         card_used;    /* the row's fields came from its card */
  gboolean         want_records; /* the card did not do: read the records */
  gboolean         want_card;    /* read from the records: give it a new card */
} CaseloadJob;

typedef struct
{
  WmSession    *session;
  const guint8 *database_id;
  guint         n_jobs;
  CaseloadJob   jobs[CHUNK_CASES];
  guint8       *keys;   /* CHUNK_CASES case keys, in a key block */
} CaseloadChunk;

/* Makes the next chunk, its keys in the last of @key_blocks or a new one. */
static CaseloadChunk *
caseload_chunk_new (WmSession *session,
                    GPtrArray *chunks,
                    GPtrArray *key_blocks)
{
  CaseloadChunk *chunk = g_new0 (CaseloadChunk, 1);
  guint in_block = chunks->len % CHUNKS_PER_KEY_BLOCK;

  if (in_block == 0)
    {
      guint8 *block = sodium_malloc (CHUNKS_PER_KEY_BLOCK * CHUNK_CASES * WM_KEY_SIZE);

      if (block == NULL)
        g_error ("Out of secure memory for a caseload");
      g_ptr_array_add (key_blocks, block);
    }
  chunk->session = session;
  chunk->database_id = wm_store_get_database_id (wm_session_get_store (session));
  chunk->keys = (guint8 *) g_ptr_array_index (key_blocks, key_blocks->len - 1)
                + (gsize) in_block * CHUNK_CASES * WM_KEY_SIZE;
  g_ptr_array_add (chunks, chunk);
  return chunk;
}

static void
caseload_chunk_free (CaseloadChunk *chunk)
{
  for (guint i = 0; i < chunk->n_jobs; i++)
    {
      CaseloadJob *job = &chunk->jobs[i];

      g_free (job->wrapped);
      g_clear_pointer (&job->sealed, g_bytes_unref);
      g_free (job->profile.sealed);
      g_free (job->assessment.sealed);
      g_free (job->summary);
      g_free (job->mac);
      g_free (job->card);
    }
  g_free (chunk);
}

static guint8 *
copy_blob (sqlite3_stmt *stmt,
           int           column,
           gsize        *out_size)
{
  *out_size = (gsize) sqlite3_column_bytes (stmt, column);
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    return NULL;
  return g_memdup2 (sqlite3_column_blob (stmt, column), *out_size);
}

/* A record's id and version (from @id_column, or with @head_column a
 * wm_caseload_query column), and its ciphertext when @sealed_column is
 * not -1 and the query read it. */
static void
copy_column (sqlite3_stmt *stmt,
             int           id_column,
             gboolean      head_column,
             int           sealed_column,
             SealedColumn *column)
{
  if (head_column)
    {
      if (!wm_caseload_column_head (stmt, id_column, &column->record_id, &column->version))
        return;
    }
  else
    {
      if (sqlite3_column_type (stmt, id_column) == SQLITE_NULL)
        return;
      column->record_id = sqlite3_column_int64 (stmt, id_column);
      column->version = (guint) sqlite3_column_int (stmt, id_column + 1);
    }
  column->present = TRUE;
  if (sealed_column < 0 || sqlite3_column_type (stmt, sealed_column) == SQLITE_NULL)
    return;
  column->sealed_size = (gsize) sqlite3_column_bytes (stmt, sealed_column);
  column->sealed = g_memdup2 (sqlite3_column_blob (stmt, sealed_column), column->sealed_size);
}

static GVariant *
open_sealed_column (const CaseloadChunk  *chunk,
                    const guint8         *key,
                    gint64                case_id,
                    const SealedColumn   *column,
                    WmRecordKind          kind,
                    GError              **error)
{
  WmRecordBinding binding = { chunk->database_id, case_id, column->record_id, kind, column->version };

  return wm_record_open (key, &binding, column->sealed, column->sealed_size, NULL, error);
}

static void
open_records (const CaseloadChunk *chunk,
              const CaseloadJob   *job,
              const guint8        *key)
{
  WmCaseloadEntry *entry = job->entry;

  if (job->profile.present)
    entry->profile = open_sealed_column (chunk, key, entry->info.id, &job->profile,
                                         WM_RECORD_PROFILE, &entry->error);
  if (job->assessment.present && entry->error == NULL)
    entry->latest_assessment = open_sealed_column (chunk, key, entry->info.id, &job->assessment,
                                                   WM_RECORD_ASSESSMENT, &entry->error);
}

static gboolean
open_job_key (CaseloadChunk *chunk,
              CaseloadJob   *job,
              guint8        *key,
              GError       **error)
{
  return wm_session_open_case_key (chunk->session, job->entry->info.id,
                                   job->sealed ? g_bytes_get_data (job->sealed, NULL) : NULL,
                                   job->sealed ? g_bytes_get_size (job->sealed) : 0,
                                   job->wrapped, job->wrapped_size, key, &job->from_seal, error);
}

static void
set_not_as_left (WmCaseloadEntry *entry)
{
  g_clear_pointer (&entry->profile, g_variant_unref);
  g_clear_pointer (&entry->latest_assessment, g_variant_unref);
  g_clear_pointer (&entry->last_contact_on, g_free);
  g_clear_error (&entry->error);
  wm_signed_set_altered (&entry->error, entry->info.reference);
}

/* Whether the profile and latest assessment the row holds are the ones the
 * case's signed manifest lists as the newest (no head moved back, no newer
 * assessment deleted), by its summary.
 * A profile not as listed makes the whole row untrustworthy; an assessment
 * not as listed is reported, and the profile still shows. */
static gboolean
manifest_vouches (CaseloadJob *job)
{
  WmManifestHead heads[2] = {
    { WM_RECORD_PROFILE, job->profile.present ? job->profile.record_id : 0, job->profile.version,
      job->profile.sealed, job->profile.sealed_size },
    { WM_RECORD_ASSESSMENT, job->assessment.present ? job->assessment.record_id : 0, job->assessment.version,
      job->assessment.sealed, job->assessment.sealed_size },
  };
  guint vouched = wm_signed_summary_vouches (job->summary, job->summary_size, heads, G_N_ELEMENTS (heads));

  job->assessment_refused = (vouched & 2) == 0;
  return (vouched & 1) != 0;
}

static void
refuse_assessment (CaseloadJob *job)
{
  WmCaseloadEntry *entry = job->entry;

  g_clear_pointer (&entry->latest_assessment, g_variant_unref);
  if (entry->error == NULL)
    g_set_error (&entry->error, WM_STORE_ERROR, WM_STORE_ERROR_CORRUPT,
                 /* Translators: %s is a case reference such as WM-7KQ2XM. */
                 _("The latest assessment of case %s is not as its author left it: it was changed or "
                   "deleted outside Waymark. Ask an administrator to restore the database from a backup."),
                 entry->info.reference);
}

/* The card path: the card opens beside the row's summary, and the file's
 * newest profile, assessment and contact are the records that summary
 * names (an older card, or a summary put back from before a later write,
 * fails one or the other). No record is read. */
static gboolean
use_card (const CaseloadChunk *chunk,
          CaseloadJob         *job,
          const guint8        *key)
{
  WmCaseloadEntry *entry = job->entry;
  WmManifestHead heads[3] = {
    { WM_RECORD_PROFILE, job->profile.present ? job->profile.record_id : 0, job->profile.version, NULL, 0 },
    { WM_RECORD_ASSESSMENT, job->assessment.present ? job->assessment.record_id : 0, job->assessment.version,
      NULL, 0 },
    { WM_RECORD_CONTACT, job->contact.present ? job->contact.record_id : 0, job->contact.version, NULL, 0 },
  };
  g_autoptr(GVariant) card = NULL;

  if (job->card == NULL
      || wm_signed_summary_names (job->summary, job->summary_size, heads, G_N_ELEMENTS (heads)) != 7)
    return FALSE;
  card = wm_card_open (key, chunk->database_id, entry->info.id, job->summary, job->summary_size,
                       job->card, job->card_size);
  if (card == NULL)
    return FALSE;
  wm_card_unpack (card, &entry->profile, &entry->latest_assessment, &entry->last_contact_on);
  job->card_used = TRUE;
  return TRUE;
}

/* The slow path: the profile and latest assessment from their records,
 * which must be the ones the summary lists (when this user's MAC vouches
 * for it; otherwise the stepping thread checks its signatures first). */
static void
use_records (const CaseloadChunk *chunk,
             CaseloadJob         *job,
             const guint8        *key)
{
  if (!job->summary_unchecked && !manifest_vouches (job))
    {
      set_not_as_left (job->entry);
      return;
    }
  open_records (chunk, job, key);
  if (job->assessment_refused)
    refuse_assessment (job);
  job->want_card = TRUE;
}

/* The checks that need no public-key operation and no file access: when
 * this user's MAC vouches for the manifest's summary, the card or the
 * records are the ones it lists. A summary without a matching MAC waits
 * for the stepping thread to check its signatures. (A key from the
 * holder's own wrap needs no check: only they can make one, and they wrap
 * only keys they checked; a key from a seal has its grant and commitment
 * checked on the stepping thread.) A card row whose card does not do is
 * left for the stepping thread, which reads its records. */
static void
decode_job (const CaseloadChunk *chunk,
            CaseloadJob         *job,
            const guint8        *key)
{
  WmSession *session = chunk->session;
  guint8 mac[32];

  if (job->summary == NULL)
    {
      set_not_as_left (job->entry);
      return;
    }
  wm_signed_summary_mac (session, job->entry->info.id, job->summary, job->summary_size, mac);
  if (job->mac_size != sizeof mac || sodium_memcmp (mac, job->mac, sizeof mac) != 0)
    job->summary_unchecked = TRUE;
  if (use_card (chunk, job, key))
    return;
  if (job->card != NULL)
    {
      job->want_records = TRUE;
      return;
    }
  use_records (chunk, job, key);
}

/* Runs on a worker thread, or on the stepping thread for the last chunk. */
static void
decode_chunk (CaseloadChunk *chunk)
{
  for (guint i = 0; i < chunk->n_jobs; i++)
    {
      CaseloadJob *job = &chunk->jobs[i];
      guint8 *key = chunk->keys + (gsize) i * WM_KEY_SIZE;

      /* A wrapped form that does not open is retried with the seal, which
       * only the stepping thread can read, once the workers are done. */
      if (!open_job_key (chunk, job, key, job->sealed != NULL ? &job->entry->error : NULL))
        {
          job->want_seal = job->sealed == NULL;
          continue;
        }
      decode_job (chunk, job, key);
    }
}

static void
decode_chunk_func (gpointer data,
                   gpointer user_data)
{
  decode_chunk (data);
}

static GBytes *
read_seal (WmSession *self,
           gint64     case_id)
{
  sqlite3_stmt *stmt = wm_store_statement (wm_session_get_store (self),
                                           "SELECT sealed FROM case_keys WHERE case_id = ? AND user_id = ?", NULL);
  GBytes *sealed = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, case_id);
  sqlite3_bind_int64 (stmt, 2, wm_session_get_user_id (self));
  if (sqlite3_step (stmt) == SQLITE_ROW)
    sealed = g_bytes_new (sqlite3_column_blob (stmt, 0), sqlite3_column_bytes (stmt, 0));
  sqlite3_reset (stmt);
  return sealed;
}

/* For a card row whose card did not do: its profile's and latest
 * assessment's ciphertexts, which the caseload query does not read when
 * there is a card. */
static gboolean
read_records (WmSession    *self,
              CaseloadJob  *job)
{
  sqlite3_stmt *stmt = wm_store_statement (wm_session_get_store (self),
                                           "SELECT p.id, p.head_version, pv.sealed, "
                                           "       a.id, a.head_version, av.sealed "
                                           "FROM cases c "
                                           "LEFT JOIN records p ON p.case_id = c.id AND p.kind = 1 "
                                           "LEFT JOIN record_versions pv "
                                           "  ON pv.record_id = p.id AND pv.version = p.head_version "
                                           "LEFT JOIN records a ON a.id = (SELECT max(id) FROM records "
                                           "                               WHERE case_id = c.id AND kind = 3) "
                                           "LEFT JOIN record_versions av "
                                           "  ON av.record_id = a.id AND av.version = a.head_version "
                                           "WHERE c.id = ?", NULL);
  gboolean found;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, job->entry->info.id);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  if (found)
    {
      g_clear_pointer (&job->profile.sealed, g_free);
      g_clear_pointer (&job->assessment.sealed, g_free);
      job->profile = (SealedColumn) { 0 };
      job->assessment = (SealedColumn) { 0 };
      copy_column (stmt, 0, FALSE, 2, &job->profile);
      copy_column (stmt, 3, FALSE, 5, &job->assessment);
    }
  sqlite3_reset (stmt);
  return found;
}

/* A row read from its records, with nothing wrong, whose summary this
 * user's MAC or signatures vouch for, gets a card: the newest contact's
 * date comes from it. A schema-3 summary first gives way to the whole
 * one, when this user's MAC vouches for the manifest. Part of the
 * caller's transaction; failing only costs a slow row next time. */
static gboolean
give_card (WmSession    *self,
           CaseloadJob  *job,
           const guint8 *key,
           GError      **error)
{
  WmCaseloadEntry *entry = job->entry;
  WmCardHint hints[2] = {
    { job->profile.record_id, job->profile.version, entry->profile },
    { job->assessment.record_id, job->assessment.version, entry->latest_assessment },
  };
  guint8 summary[WM_SUMMARY_SIZE];
  g_autoptr(GError) local_error = NULL;
  g_autofree char *last_contact_on = NULL;
  WmManifestHead contact = {
    WM_RECORD_CONTACT, job->contact.present ? job->contact.record_id : 0, job->contact.version, NULL, 0,
  };

  if (!wm_signed_upgrade_summary (self, entry->info.id, job->summary, job->summary_size, summary, error))
    return error == NULL || *error == NULL;
  /* The newest contact in the file must be the one the summary names: a
   * summary put back from before a later contact would name an older one,
   * whose date is not the last contact's. Then no card and no date; the
   * case view reports the contact the summary does not list. */
  if (wm_signed_summary_names (summary, sizeof summary, &contact, 1) != 1)
    return TRUE;
  if (!wm_card_refresh (self, entry->info.id, key, summary, hints, G_N_ELEMENTS (hints), &last_contact_on,
                        &local_error))
    {
      /* A contact that does not open, or was deleted: no date, and the
       * case view reports the record. */
      if (!g_error_matches (local_error, WM_STORE_ERROR, WM_STORE_ERROR_CORRUPT)
          && !g_error_matches (local_error, WM_STORE_ERROR, WM_STORE_ERROR_INVALID))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      g_debug ("Case %s gets no caseload card: %s", entry->info.reference, local_error->message);
      return TRUE;
    }
  entry->last_contact_on = g_steal_pointer (&last_contact_on);
  return TRUE;
}

/* After the workers: rows whose wrapped key did not open get their seal
 * read and opened; card rows whose card did not do get their records
 * read; the keys that came from seals have their wrapped form saved, so
 * that the next caseload pays no public-key operation for them; rows read
 * from their records get a card. */
static void
finish_chunks (WmSession *self,
               GPtrArray *chunks)
{
  WmStore *store = wm_session_get_store (self);
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) directory_error = NULL;
  gboolean in_transaction = FALSE;
  gboolean saved = TRUE;
  int directory_checked = -1;  /* not yet */

  for (guint c = 0; c < chunks->len; c++)
    {
      CaseloadChunk *chunk = g_ptr_array_index (chunks, c);

      for (guint i = 0; i < chunk->n_jobs; i++)
        {
          CaseloadJob *job = &chunk->jobs[i];
          guint8 *key = chunk->keys + (gsize) i * WM_KEY_SIZE;

          if (job->want_seal)
            {
              job->sealed = read_seal (self, job->entry->info.id);
              if (!open_job_key (chunk, job, key, &job->entry->error))
                continue;
              decode_job (chunk, job, key);
            }
          if (job->want_records)
            {
              if (!read_records (self, job))
                {
                  set_not_as_left (job->entry);
                  continue;
                }
              use_records (chunk, job, key);
            }
          if (job->entry->error != NULL && !job->summary_unchecked)
            continue;

          if (job->from_seal || job->summary_unchecked)
            {
              /* A case's first use, or a summary someone else signed
               * since: signatures to check, against keys the directory
               * lists, once per caseload. MACs and wrapped keys are saved
               * in one transaction. */
              if (directory_checked < 0)
                directory_checked = wm_directory_check_head (store, NULL, &directory_error);
              if (!in_transaction && saved)
                saved = in_transaction = wm_store_begin_light (store, &error);
              if (!directory_checked)
                {
                  g_clear_pointer (&job->entry->profile, g_variant_unref);
                  g_clear_pointer (&job->entry->latest_assessment, g_variant_unref);
                  g_clear_pointer (&job->entry->last_contact_on, g_free);
                  g_clear_error (&job->entry->error);
                  job->entry->error = g_error_copy (directory_error);
                  continue;
                }
              if (job->from_seal
                  && !wm_signed_check_case_key (self, job->entry->info.id, key, TRUE, NULL))
                {
                  set_not_as_left (job->entry);
                  continue;
                }
              if (job->summary_unchecked)
                {
                  /* A card row's records were compared with the summary
                   * by id and version on the worker; a records row's are
                   * compared now, fingerprints and all. */
                  if (!wm_signed_check_summary (self, job->entry->info.id, key, job->summary, job->summary_size,
                                                NULL)
                      || (!job->card_used && !manifest_vouches (job)))
                    {
                      set_not_as_left (job->entry);
                      continue;
                    }
                  if (!job->card_used && job->assessment_refused)
                    refuse_assessment (job);
                }
              /* A wrapped form that is there and did not open was damaged or
               * altered: verify reports it, nothing here makes it good. */
              if (job->from_seal && job->wrapped == NULL && saved)
                saved = wm_session_store_wrapped_key (self, job->entry->info.id, key, &error);
            }
          if (job->want_card && job->entry->error == NULL && saved)
            {
              if (!in_transaction)
                saved = in_transaction = wm_store_begin_light (store, &error);
              if (saved)
                saved = give_card (self, job, key, &error);
            }
        }
    }
  if (!in_transaction)
    return;
  if (!saved)
    wm_store_rollback (store);
  else
    saved = wm_store_commit (store, &error);
  /* Only a speed-up for next time: not worth failing the list for. */
  if (!saved)
    g_debug ("Could not store wrapped case keys or caseload cards: %s", error->message);
}

static int
compare_entries_by_reference (gconstpointer a,
                              gconstpointer b)
{
  const WmCaseloadEntry *x = *(const WmCaseloadEntry * const *) a;
  const WmCaseloadEntry *y = *(const WmCaseloadEntry * const *) b;

  return strcmp (x->info.reference, y->info.reference);
}

/* The newest record of a kind in a case, as one integer: its id and
 * current version packed (id << 31 | version), so that one index seek
 * gives both; -1 when either does not fit, which no record Waymark wrote
 * has (ids and versions count up from 1), so that it cannot pass for
 * another record; NULL when the case has none. */
#define NEWEST(kind) \
  "(SELECT CASE WHEN id BETWEEN 1 AND 4294967295 AND typeof (head_version) = 'integer' " \
  "                  AND head_version BETWEEN 1 AND 2147483647 " \
  "             THEN (id << 31) | head_version ELSE -1 END " \
  " FROM records WHERE case_id = c.id AND kind = " kind " ORDER BY id DESC LIMIT 1)"
/* Its current version's ciphertext, only for a case without a card. The
 * same statement, so the same record as NEWEST(). */
#define NEWEST_SEALED(kind) \
  "CASE WHEN c.card IS NULL THEN " \
  "(SELECT v.sealed FROM records r JOIN record_versions v " \
  "   ON v.record_id = r.id AND v.version = r.head_version " \
  " WHERE r.case_id = c.id AND r.kind = " kind " ORDER BY r.id DESC LIMIT 1) END"

/* Every case the user (?1) holds, with the wrapped key, its summary and
 * card, and the ids and current versions of its profile, latest
 * assessment and newest contact (wm_caseload_column_head()); the
 * profile's and assessment's ciphertexts only for a case without a card.
 * Scalar subqueries, not joins: a join to the version rows costs its seek
 * even when its ON clause turns out false for a carded case, and a join
 * to the records a seek into the table after the index's. Columns are
 * WmCaseloadColumn. No ORDER BY: SQLite would sort whole rows; the
 * entries are sorted by reference once decoded, which is far cheaper. */
const char wm_caseload_query[] =
  "SELECT c.id, c.reference, c.assigned_to, k.wrapped, "
  NEWEST ("1") ", " NEWEST_SEALED ("1") ", "
  NEWEST ("3") ", " NEWEST_SEALED ("3") ", "
  "       c.manifest_summary, k.summary_mac, c.card, "
  NEWEST ("2") " "
  "FROM case_keys k "
  "JOIN cases c ON c.id = k.case_id "
  "WHERE k.user_id = ?";

#undef NEWEST
#undef NEWEST_SEALED

/**
 * wm_caseload_column_head:
 *
 * The record a WM_CASELOAD_COLUMN_PROFILE, _ASSESSMENT or _CONTACT column
 * names: %FALSE when the case has none of that kind; a record id of -1
 * when it has one whose id or version cannot be Waymark's.
 */
gboolean
wm_caseload_column_head (sqlite3_stmt *stmt,
                         int           column,
                         gint64       *out_record_id,
                         guint        *out_version)
{
  gint64 packed;

  *out_record_id = 0;
  *out_version = 0;
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    return FALSE;
  packed = sqlite3_column_int64 (stmt, column);
  if (packed < 0)
    {
      *out_record_id = -1;
      return TRUE;
    }
  *out_record_id = packed >> 31;
  *out_version = (guint) (packed & G_MAXINT32);
  return TRUE;
}

static guint
worker_count (void)
{
  return CLAMP (g_get_num_processors (), 1, MAX_WORKERS);
}

/**
 * wm_session_list_caseload:
 *
 * Every case this user holds, with its current profile and latest
 * assessment, sorted by reference, in one query and one pass. Case keys
 * come from their wrapped form; those opened from a seal for the first time
 * are wrapped and saved at the end, so the next caseload pays no public-key
 * operation. A row whose key or records do not open comes back with its
 * error, and the rest still list.
 */
GPtrArray *
wm_session_list_caseload (WmSession  *self,
                          GError    **error)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) wm_caseload_entry_free);
  /* Freed after the chunks, which point into them; freeing wipes the keys. */
  g_autoptr(GPtrArray) key_blocks = g_ptr_array_new_with_free_func (sodium_free);
  g_autoptr(GPtrArray) chunks = g_ptr_array_new_with_free_func ((GDestroyNotify) caseload_chunk_free);
  WmStore *store = wm_session_get_store (self);
  CaseloadChunk *chunk = NULL;
  GThreadPool *workers = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (WM_IS_SESSION (self), NULL);

  if (!wm_session_require_unlocked (self, error))
    return NULL;
  stmt = wm_store_statement (store, wm_caseload_query, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, wm_session_get_user_id (self));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      WmCaseloadEntry *entry = g_new0 (WmCaseloadEntry, 1);
      CaseloadJob *job;

      entry->info.id = sqlite3_column_int64 (stmt, 0);
      entry->info.reference = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      entry->info.assigned_to = sqlite3_column_int64 (stmt, 2);
      g_ptr_array_add (entries, entry);

      if (chunk == NULL)
        chunk = caseload_chunk_new (self, chunks, key_blocks);
      job = &chunk->jobs[chunk->n_jobs++];
      job->entry = entry;
      /* The seal is read only when there is no wrapped form (a case's first
       * use): carrying it in every row costs more. */
      if (sqlite3_column_type (stmt, 3) == SQLITE_NULL)
        job->sealed = read_seal (self, entry->info.id);
      else
        {
          job->wrapped_size = (gsize) sqlite3_column_bytes (stmt, 3);
          job->wrapped = g_memdup2 (sqlite3_column_blob (stmt, 3), job->wrapped_size);
        }
      copy_column (stmt, WM_CASELOAD_COLUMN_PROFILE, TRUE, WM_CASELOAD_COLUMN_PROFILE_SEALED, &job->profile);
      copy_column (stmt, WM_CASELOAD_COLUMN_ASSESSMENT, TRUE, WM_CASELOAD_COLUMN_ASSESSMENT_SEALED,
                   &job->assessment);
      copy_column (stmt, WM_CASELOAD_COLUMN_CONTACT, TRUE, -1, &job->contact);
      job->summary = copy_blob (stmt, WM_CASELOAD_COLUMN_SUMMARY, &job->summary_size);
      job->mac = copy_blob (stmt, WM_CASELOAD_COLUMN_SUMMARY_MAC, &job->mac_size);
      job->card = copy_blob (stmt, WM_CASELOAD_COLUMN_CARD, &job->card_size);

      if (chunk->n_jobs == CHUNK_CASES)
        {
          if (workers == NULL)
            workers = g_thread_pool_new (decode_chunk_func, NULL, (int) worker_count (), FALSE, NULL);
          /* A shared pool cannot fail to take a task. */
          g_thread_pool_push (workers, chunk, NULL);
          chunk = NULL;
        }
    }
  sqlite3_reset (stmt);

  /* The last, partial chunk is this thread's share; then wait for the
   * workers. */
  if (chunk != NULL)
    decode_chunk (chunk);
  if (workers != NULL)
    g_thread_pool_free (workers, FALSE, TRUE);

  if (rc != SQLITE_DONE)
    {
      wm_store_set_sqlite_error (store, rc, error);
      return NULL;
    }
  finish_chunks (self, chunks);

  /* A listing shows case content (names, ages, levels): one view entry
   * for the whole list. Not audited, not shown. */
  {
    g_autofree char *detail = g_strdup_printf ("%u cases", entries->len);

    if (!wm_store_begin_light (store, error))
      return NULL;
    if (!wm_session_audit_in_transaction (self, "caseload-view", 0, 0, detail, error))
      {
        wm_store_rollback (store);
        return NULL;
      }
    if (!wm_store_commit (store, error))
      return NULL;
  }
  g_ptr_array_sort (entries, compare_entries_by_reference);
  return g_steal_pointer (&entries);
}
