/* wm-demo-database.c — a whole demo organisation: accounts, a team and synthetic young people
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * "Explore with demo data" in the window and "waymark-cli demo" make the
 * same young people the same way: wm_demo_add_people() writes what the
 * generator of wm-demo.c makes, through the casebook (the one door for
 * writes, which checks every record), to caseworkers in turn.
 * wm_demo_database_create() makes a whole organisation around them, with
 * accounts that share one published passphrase; such a file is for
 * looking at, never for real work, and its name says so.
 *
 * A throwaway demo lives in a private folder of its own
 * (wm_demo_database_new_path: g_dir_make_tmp, mode 0700), which
 * wm_demo_database_remove() deletes with the database when the
 * application is done with it.
 */

#define G_LOG_DOMAIN "wm-demo"

#include "config.h"

#include <errno.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "wm-assessment.h"
#include "wm-casebook.h"
#include "wm-date.h"
#include "wm-demo.h"
#include "wm-demo-database.h"
#include "wm-referral-export.h"
#include "wm-record.h"

/* People are written in batches that share one durable commit: a commit
 * per person would spend most of the time waiting for the disk, and a
 * failure loses only its batch. */
#define DEMO_BATCH 50

/* Each account costs an Argon2id derivation (64 MiB, 3 passes), about as
 * long as writing this many young people: the progress a person sees
 * moves evenly through the accounts and then the people. */
#define ACCOUNT_WORK 60

/* The folder of a throwaway demo starts with this. */
#define DEMO_DIR_PREFIX "waymark-demo-"
#define DEMO_FILE_NAME "demo.db"

const WmDemoAccount wm_demo_accounts[] = {
  { "admin", WM_ROLE_ADMINISTRATOR, NULL },
  { "sam", WM_ROLE_SUPERVISOR, NULL },
  { "alex", WM_ROLE_CASEWORKER, "sam" },
  { "jo", WM_ROLE_CASEWORKER, "sam" },
  { NULL, 0, NULL }
};

static void
add_records (GVariantBuilder *records,
             WmRecordKind     kind,
             GPtrArray       *payloads)
{
  for (guint i = 0; i < payloads->len; i++)
    {
      GVariant *payload = g_ptr_array_index (payloads, i);
      const char *state = NULL;
      gboolean immutable;

      /* A submitted or approved assessment is never rewritten: as in real
       * use, it is sealed against edits once it leaves draft. */
      immutable = kind == WM_RECORD_ASSESSMENT
                  && g_variant_lookup (payload, WM_ASSESSMENT_STATE, "&s", &state)
                  && (g_str_equal (state, "submitted") || g_str_equal (state, "approved"));
      g_variant_builder_add (records, "(u@a{sv}b)", kind, payload, immutable);
    }
}

/* One young person is one case made whole in one step: the store writes
 * the profile and every first record together, so whoever makes the demo
 * need not hold the case (an administrator does not). */
static gboolean
create_person (WmSession     *session,
               gint64         caseworker_id,
               WmDemoPerson  *person,
               const GDate   *today,
               GError       **error)
{
  GVariantBuilder records;

  g_variant_builder_init (&records, G_VARIANT_TYPE ("a(ua{sv}b)"));
  add_records (&records, WM_RECORD_ASSESSMENT, person->assessments);
  add_records (&records, WM_RECORD_PLAN, person->plans);
  add_records (&records, WM_RECORD_CONTACT, person->contacts);
  add_records (&records, WM_RECORD_REFERRAL, person->referrals);
  add_records (&records, WM_RECORD_CLOSURE, person->closures);

  return wm_casebook_create_person (session, caseworker_id, person->profile,
                                    g_variant_builder_end (&records), today, error) > 0;
}

/**
 * wm_demo_add_people:
 * @session: a signed-in supervisor or administrator
 * @caseworkers: (element-type WmUser): the caseworkers to give the cases
 *   to, in turn, in this order
 * @n_people: how many young people to make, 1 to %WM_DEMO_MAX_PEOPLE
 * @seed: the generator's seed: the same seed and @today make the same people
 * @today: the day the data is made as of
 * @cancellable: (nullable): stops between batches
 * @progress: (nullable) (scope call): told after each batch, in people
 * @user_data: for @progress
 * @out_done: (out) (optional): how many people were written, also on failure
 * @error: where to put an error
 *
 * Writes synthetic young people from wm-demo.c's generator, each a whole
 * case with its first records, in batches of one commit each. On failure
 * the batch that failed leaves nothing; earlier batches stay.
 *
 * Returns: %TRUE when all @n_people were written
 */
gboolean
wm_demo_add_people (WmSession           *session,
                    GPtrArray           *caseworkers,
                    guint                n_people,
                    guint32              seed,
                    const GDate         *today,
                    GCancellable        *cancellable,
                    WmDemoProgressFunc   progress,
                    gpointer             user_data,
                    guint               *out_done,
                    GError             **error)
{
  g_autoptr(WmDemo) demo = NULL;
  WmStore *store;
  guint done = 0;

  g_return_val_if_fail (WM_IS_SESSION (session), FALSE);
  g_return_val_if_fail (caseworkers != NULL && caseworkers->len > 0, FALSE);
  g_return_val_if_fail (n_people >= 1 && n_people <= WM_DEMO_MAX_PEOPLE, FALSE);
  g_return_val_if_fail (today != NULL && g_date_valid (today), FALSE);

  if (out_done != NULL)
    *out_done = 0;

  /* Round robin, in the order given, so the same seed over the same team
   * gives everyone the same people. */
  demo = wm_demo_new (seed, today);
  store = wm_session_get_store (session);
  while (done < n_people)
    {
      guint batch_end = MIN (n_people, done + DEMO_BATCH);

      if (g_cancellable_set_error_if_cancelled (cancellable, error)
          || !wm_store_batch_begin (store, error))
        return FALSE;
      for (guint i = done; i < batch_end; i++)
        {
          g_autoptr(WmDemoPerson) person = wm_demo_next_person (demo);
          const WmUser *caseworker = g_ptr_array_index (caseworkers, i % caseworkers->len);

          if (!create_person (session, caseworker->id, person, today, error))
            {
              wm_store_batch_abort (store);
              return FALSE;
            }
        }
      if (!wm_store_batch_commit (store, error))
        return FALSE;
      done = batch_end;
      if (out_done != NULL)
        *out_done = done;
      if (progress != NULL)
        progress (done, n_people, user_data);
    }
  return TRUE;
}

typedef struct
{
  WmDemoProgressFunc progress;
  gpointer           user_data;
  guint              accounts_done;
  guint              total;
} Progress;

static void
report_account (Progress *p)
{
  p->accounts_done++;
  if (p->progress != NULL)
    p->progress (p->accounts_done * ACCOUNT_WORK, p->total, p->user_data);
}

static void
people_progress_cb (guint    done,
                    guint    total,
                    gpointer user_data)
{
  Progress *p = user_data;

  if (p->progress != NULL)
    p->progress (p->accounts_done * ACCOUNT_WORK + done, p->total, p->user_data);
}

static gint64
find_account_id (const WmDemoAccount *accounts,
                 const gint64        *ids,
                 const char          *name)
{
  for (guint i = 0; accounts[i].name != NULL; i++)
    {
      if (g_str_equal (accounts[i].name, name))
        return ids[i];
    }
  g_assert_not_reached ();
}

static void
remove_database_files (const char *path)
{
  const char *const suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      g_unlink (file);
    }
}

/**
 * wm_demo_database_create:
 * @path: where to create the file; it must not exist
 * @n_people: how many young people to make, 1 to %WM_DEMO_MAX_PEOPLE
 * @seed: the generator's seed
 * @today: (nullable): the day the data is made as of, or %NULL for today
 * @cancellable: (nullable): stops between steps; the file is then removed
 * @progress: (nullable) (scope call): told after each account and batch
 * @user_data: for @progress
 * @error: where to put an error
 *
 * Creates a demo organisation's database: the accounts of
 * wm_demo_accounts (an administrator, a supervisor and the caseworkers of
 * the supervisor's team), all with %WM_DEMO_PASSPHRASE, and @n_people
 * synthetic young people given to the caseworkers in turn. Runs for
 * seconds (an Argon2id derivation per account): call it off the main
 * thread. The store returned has nobody signed in, and may be handed to
 * another thread.
 *
 * Returns: (transfer full) (nullable): the new store, or %NULL with
 *   nothing left at @path
 */
WmStore *
wm_demo_database_create (const char          *path,
                         guint                n_people,
                         guint32              seed,
                         const GDate         *today,
                         GCancellable        *cancellable,
                         WmDemoProgressFunc   progress,
                         gpointer             user_data,
                         GError             **error)
{
  g_autoptr(WmStore) store = NULL;
  g_autoptr(WmSession) admin = NULL;
  g_autoptr(GPtrArray) caseworkers = NULL;
  gint64 ids[G_N_ELEMENTS (wm_demo_accounts)] = { 0 };
  Progress p = { progress, user_data, 0, 0 };
  GDate day;
  guint n_accounts = G_N_ELEMENTS (wm_demo_accounts) - 1;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (n_people >= 1 && n_people <= WM_DEMO_MAX_PEOPLE, NULL);
  g_return_val_if_fail (today == NULL || g_date_valid (today), NULL);

  if (today != NULL)
    day = *today;
  else
    wm_date_set_today (&day);

  /* Each account's key is derived once when it is made; the
   * administrator's once more, to sign in and add the others. */
  p.total = (n_accounts + 1) * ACCOUNT_WORK + n_people;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  g_assert (wm_demo_accounts[0].role == WM_ROLE_ADMINISTRATOR);
  store = wm_store_create (path, _("Waymark Demo (Synthetic Data)"),
                           wm_demo_accounts[0].name, WM_DEMO_PASSPHRASE, error);
  if (store == NULL)
    return NULL;
  report_account (&p);

  admin = wm_session_sign_in (store, wm_demo_accounts[0].name, WM_DEMO_PASSPHRASE, error);
  if (admin == NULL)
    goto failed;
  ids[0] = wm_session_get_user_id (admin);
  report_account (&p);

  caseworkers = g_ptr_array_new_with_free_func ((GDestroyNotify) wm_user_free);
  for (guint i = 1; i < n_accounts; i++)
    {
      const WmDemoAccount *account = &wm_demo_accounts[i];

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        goto failed;
      ids[i] = wm_session_add_user (admin, account->name, account->role, WM_DEMO_PASSPHRASE, error);
      if (ids[i] <= 0)
        goto failed;
      if (account->supervisor != NULL
          && !wm_session_add_supervisor (admin, ids[i],
                                         find_account_id (wm_demo_accounts, ids, account->supervisor),
                                         error))
        goto failed;
      if (account->role == WM_ROLE_CASEWORKER)
        {
          WmUser *user = wm_store_get_user (store, ids[i], error);

          if (user == NULL)
            goto failed;
          g_ptr_array_add (caseworkers, user);
        }
      report_account (&p);
    }

  /* The partner directory the organisation starts with, signed by its
   * administrator, so that referrals can be tried out. */
  {
    g_autofree char *partners = wm_referral_dup_partners_path ();

    if (partners != NULL && !wm_referral_seed_partners (admin, partners, NULL, error))
      goto failed;
  }

  /* The administrator registers the young people, as one would who
   * enters referrals for the team: it holds none of the cases. */
  if (!wm_demo_add_people (admin, caseworkers, n_people, seed, &day, cancellable,
                           people_progress_cb, &p, NULL, error))
    goto failed;

  /* Signed out before the store is handed over: its keys are wiped. */
  g_clear_object (&admin);
  return g_steal_pointer (&store);

failed:
  g_clear_object (&admin);
  g_clear_object (&store);
  remove_database_files (path);
  return NULL;
}

/**
 * wm_demo_database_new_path:
 * @error: where to put an error
 *
 * Makes a private folder (mode 0700) of its own for a throwaway demo
 * database, in the system's temporary folder.
 *
 * Returns: (transfer full) (nullable): the path of a database file, not
 *   yet made, in that folder; give it to wm_demo_database_remove() when done
 */
char *
wm_demo_database_new_path (GError **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *dir = NULL;

  dir = g_dir_make_tmp (DEMO_DIR_PREFIX "XXXXXX", &local_error);
  if (dir == NULL)
    {
      g_set_error (error, WM_STORE_ERROR, WM_STORE_ERROR_IO,
                   _("No folder could be made for the demo data: %s. Check that the temporary "
                     "folder exists and has free space."),
                   local_error->message);
      return NULL;
    }
  return g_build_filename (dir, DEMO_FILE_NAME, NULL);
}

/**
 * wm_demo_database_remove:
 * @path: a path from wm_demo_database_new_path()
 * @error: where to put an error
 *
 * Deletes a throwaway demo database and its private folder. Call it once
 * the store is closed. Only a file called demo.db in a folder made by
 * wm_demo_database_new_path() is deleted, and the folder only when
 * nothing else is in it, so a wrong path never costs anyone's own file.
 *
 * Returns: %TRUE when nothing of it is left
 */
gboolean
wm_demo_database_remove (const char  *path,
                         GError     **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *dir_name = NULL;
  g_autofree char *file_name = NULL;

  g_return_val_if_fail (path != NULL, FALSE);

  dir = g_path_get_dirname (path);
  dir_name = g_path_get_basename (dir);
  file_name = g_path_get_basename (path);
  if (!g_str_has_prefix (dir_name, DEMO_DIR_PREFIX) || !g_str_equal (file_name, DEMO_FILE_NAME))
    {
      g_set_error (error, WM_STORE_ERROR, WM_STORE_ERROR_INVALID,
                   _("“%s” is not a throwaway demo database, so it was not deleted."), path);
      return FALSE;
    }

  remove_database_files (path);
  if (g_rmdir (dir) != 0 && errno != ENOENT)
    {
      int saved_errno = errno;

      g_set_error (error, WM_STORE_ERROR, WM_STORE_ERROR_IO,
                   _("The demo data’s folder “%s” could not be deleted: %s. Delete it by hand."),
                   dir, g_strerror (saved_errno));
      return FALSE;
    }
  return TRUE;
}
