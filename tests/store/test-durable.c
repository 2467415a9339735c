/* test-durable.c — every save reaches the disk, even right after a case view
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A case view is audited in a light transaction (synchronous=NORMAL): its
 * entry survives a crash of the program but may be lost in a power cut.
 * Nothing else may be: a record, an edit, a new case, an export entry
 * written after a view must be committed durably. SQLite makes a commit
 * durable by syncing the write-ahead log before it returns, so this test
 * counts the log's syncs through a VFS that wraps the system's own, around
 * each operation: none for a view (so the count tells the two apart), at
 * least one for every save, however many views came before it and whether
 * the view before it succeeded or failed. And the connection is back to
 * synchronous=FULL as soon as a view's transaction ends.
 */

#define G_LOG_DOMAIN "wm-test-durable"

#include "config.h"

#include <string.h>

#include "wm-store-test-util.h"

/* A VFS that passes everything to the default one and counts the syncs
 * of write-ahead logs. */
typedef struct
{
  sqlite3_file  base;
  sqlite3_file *real;  /* the default VFS's file, right after this struct */
  gboolean      is_wal;
} ShimFile;

static sqlite3_vfs *real_vfs;
static sqlite3_vfs shim_vfs;
static gint wal_syncs;

#define REAL(file) (((ShimFile *) (file))->real)

static int
shim_close (sqlite3_file *file)
{
  return REAL (file)->pMethods->xClose (REAL (file));
}

static int
shim_read (sqlite3_file *file,
           void         *buffer,
           int           amount,
           sqlite3_int64 offset)
{
  return REAL (file)->pMethods->xRead (REAL (file), buffer, amount, offset);
}

static int
shim_write (sqlite3_file *file,
            const void   *buffer,
            int           amount,
            sqlite3_int64 offset)
{
  return REAL (file)->pMethods->xWrite (REAL (file), buffer, amount, offset);
}

static int
shim_truncate (sqlite3_file  *file,
               sqlite3_int64  size)
{
  return REAL (file)->pMethods->xTruncate (REAL (file), size);
}

static int
shim_sync (sqlite3_file *file,
           int           flags)
{
  if (((ShimFile *) file)->is_wal)
    g_atomic_int_inc (&wal_syncs);
  return REAL (file)->pMethods->xSync (REAL (file), flags);
}

static int
shim_file_size (sqlite3_file  *file,
                sqlite3_int64 *size)
{
  return REAL (file)->pMethods->xFileSize (REAL (file), size);
}

static int
shim_lock (sqlite3_file *file,
           int           level)
{
  return REAL (file)->pMethods->xLock (REAL (file), level);
}

static int
shim_unlock (sqlite3_file *file,
             int           level)
{
  return REAL (file)->pMethods->xUnlock (REAL (file), level);
}

static int
shim_check_reserved_lock (sqlite3_file *file,
                          int          *out)
{
  return REAL (file)->pMethods->xCheckReservedLock (REAL (file), out);
}

static int
shim_file_control (sqlite3_file *file,
                   int           op,
                   void         *arg)
{
  return REAL (file)->pMethods->xFileControl (REAL (file), op, arg);
}

static int
shim_sector_size (sqlite3_file *file)
{
  return REAL (file)->pMethods->xSectorSize (REAL (file));
}

static int
shim_device_characteristics (sqlite3_file *file)
{
  return REAL (file)->pMethods->xDeviceCharacteristics (REAL (file));
}

static int
shim_shm_map (sqlite3_file  *file,
              int            page,
              int            page_size,
              int            extend,
              void volatile **out)
{
  return REAL (file)->pMethods->xShmMap (REAL (file), page, page_size, extend, out);
}

static int
shim_shm_lock (sqlite3_file *file,
               int           offset,
               int           n,
               int           flags)
{
  return REAL (file)->pMethods->xShmLock (REAL (file), offset, n, flags);
}

static void
shim_shm_barrier (sqlite3_file *file)
{
  REAL (file)->pMethods->xShmBarrier (REAL (file));
}

static int
shim_shm_unmap (sqlite3_file *file,
                int           delete_flag)
{
  return REAL (file)->pMethods->xShmUnmap (REAL (file), delete_flag);
}

static int
shim_fetch (sqlite3_file  *file,
            sqlite3_int64  offset,
            int            amount,
            void         **out)
{
  return REAL (file)->pMethods->xFetch (REAL (file), offset, amount, out);
}

static int
shim_unfetch (sqlite3_file  *file,
              sqlite3_int64  offset,
              void          *page)
{
  return REAL (file)->pMethods->xUnfetch (REAL (file), offset, page);
}

static const sqlite3_io_methods shim_io = {
  3,
  shim_close, shim_read, shim_write, shim_truncate, shim_sync, shim_file_size,
  shim_lock, shim_unlock, shim_check_reserved_lock, shim_file_control,
  shim_sector_size, shim_device_characteristics,
  shim_shm_map, shim_shm_lock, shim_shm_barrier, shim_shm_unmap,
  shim_fetch, shim_unfetch,
};

static int
shim_open (sqlite3_vfs  *vfs,
           const char   *name,
           sqlite3_file *file,
           int           flags,
           int          *out_flags)
{
  ShimFile *shim = (ShimFile *) file;
  int rc;

  shim->real = (sqlite3_file *) (shim + 1);
  shim->is_wal = (flags & SQLITE_OPEN_WAL) != 0;
  rc = real_vfs->xOpen (real_vfs, name, shim->real, flags, out_flags);
  /* The system's files speak version 3; this passes on all of it. */
  g_assert (shim->real->pMethods == NULL || shim->real->pMethods->iVersion >= 3);
  shim->base.pMethods = shim->real->pMethods != NULL ? &shim_io : NULL;
  return rc;
}

static int
shim_delete (sqlite3_vfs *vfs,
             const char  *name,
             int          sync_dir)
{
  return real_vfs->xDelete (real_vfs, name, sync_dir);
}

static int
shim_access (sqlite3_vfs *vfs,
             const char  *name,
             int          flags,
             int         *out)
{
  return real_vfs->xAccess (real_vfs, name, flags, out);
}

static int
shim_full_pathname (sqlite3_vfs *vfs,
                    const char  *name,
                    int          size,
                    char        *out)
{
  return real_vfs->xFullPathname (real_vfs, name, size, out);
}

static void
install_shim (void)
{
  real_vfs = sqlite3_vfs_find (NULL);
  g_assert_nonnull (real_vfs);
  shim_vfs = *real_vfs;
  shim_vfs.zName = "waymark-test-count-syncs";
  shim_vfs.szOsFile = sizeof (ShimFile) + real_vfs->szOsFile;
  shim_vfs.pNext = NULL;
  shim_vfs.xOpen = shim_open;
  shim_vfs.xDelete = shim_delete;
  shim_vfs.xAccess = shim_access;
  shim_vfs.xFullPathname = shim_full_pathname;
  /* The default from now on, so the store's own connections use it. */
  g_assert_cmpint (sqlite3_vfs_register (&shim_vfs, 1), ==, SQLITE_OK);
}

static gint64 the_case, contact_id;

static void
populate (WmStore   *store,
          WmSession *admin)
{
  g_autoptr(WmSession) alex = wmt_sign_in (store, WMT_CASEWORKER_A, WMT_CASEWORKER_A_PASS);
  g_autoptr(GVariant) profile = wmt_payload ("{'given-name': <'Ffion'>}");
  g_autoptr(GVariant) contact = wmt_payload ("{'note': <'first meeting'>}");
  g_autoptr(GError) error = NULL;

  the_case = wm_session_create_case (alex, wmt_ids.caseworker_a, profile, &error);
  g_assert_no_error (error);
  contact_id = wm_session_add_record (alex, the_case, WM_RECORD_CONTACT, contact, &error);
  g_assert_no_error (error);
}

static int
synchronous (WmStore *store)
{
  return (int) wmt_db_int (wm_store_get_db (store), "PRAGMA synchronous");
}

/* Views the case: a light commit, which syncs nothing, and afterwards the
 * connection is durable again. */
static void
view (WmStore   *store,
      WmSession *alex)
{
  g_autoptr(GPtrArray) records = NULL;

  g_atomic_int_set (&wal_syncs, 0);
  records = wmt_open_case_ok (alex, the_case);
  g_assert_cmpint (g_atomic_int_get (&wal_syncs), ==, 0);
  g_assert_cmpint (synchronous (store), ==, 2);  /* FULL */
}

/* A view that fails (a case that is not there): rolled back, and the
 * connection durable again all the same. */
static void
failed_view (WmStore   *store,
             WmSession *alex)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = wm_session_open_case (alex, the_case + 1000, &error);

  g_assert_null (records);
  g_assert_nonnull (error);
  g_assert_cmpint (synchronous (store), ==, 2);
}

static void
assert_durable_since (const char *what,
                      WmStore    *store)
{
  g_test_message ("%s: %d syncs of the log", what, g_atomic_int_get (&wal_syncs));
  g_assert_cmpint (g_atomic_int_get (&wal_syncs), >=, 1);
  g_assert_cmpint (synchronous (store), ==, 2);
}

static void
test_saves_after_views (WmtFixture    *f,
                        gconstpointer  data)
{
  g_autoptr(GVariant) note = wmt_payload ("{'note': <'second meeting'>}");
  g_autoptr(GVariant) edit = wmt_payload ("{'note': <'first meeting, at school'>}");
  g_autoptr(GVariant) profile = wmt_payload ("{'given-name': <'Rhys'>}");
  g_autoptr(GError) error = NULL;
  WmStore *store = wmt_open_store (f);
  WmSession *alex;
  gint64 id;

  /* Control: a save with no view before it syncs the log. */
  alex = wmt_sign_in (store, WMT_CASEWORKER_A, WMT_CASEWORKER_A_PASS);
  g_assert_cmpint (synchronous (store), ==, 2);
  g_atomic_int_set (&wal_syncs, 0);
  g_assert_true (wm_session_audit (alex, "print", the_case, "summary", &error));
  g_assert_no_error (error);
  assert_durable_since ("an export entry", store);

  view (store, alex);
  g_atomic_int_set (&wal_syncs, 0);
  id = wm_session_add_record (alex, the_case, WM_RECORD_CONTACT, note, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  assert_durable_since ("a record after a view", store);

  view (store, alex);
  view (store, alex);
  view (store, alex);
  g_atomic_int_set (&wal_syncs, 0);
  g_assert_cmpuint (wm_session_update_record (alex, contact_id, edit, &error), ==, 2);
  g_assert_no_error (error);
  assert_durable_since ("an edit after three views", store);

  view (store, alex);
  failed_view (store, alex);
  g_atomic_int_set (&wal_syncs, 0);
  id = wm_session_create_case (alex, wmt_ids.caseworker_a, profile, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  assert_durable_since ("a new case after a failed view", store);

  view (store, alex);
  g_atomic_int_set (&wal_syncs, 0);
  g_assert_true (wm_session_audit (alex, "export", the_case, "referral", &error));
  g_assert_no_error (error);
  assert_durable_since ("an export entry after a view", store);

  /* A view inside a batch is part of the batch's durable transaction. */
  g_assert_true (wm_store_batch_begin (store, &error));
  g_assert_no_error (error);
  {
    g_autoptr(GPtrArray) records = wmt_open_case_ok (alex, the_case);
  }
  g_atomic_int_set (&wal_syncs, 0);
  g_assert_true (wm_store_batch_commit (store, &error));
  g_assert_no_error (error);
  assert_durable_since ("a batch holding a view", store);

  g_clear_object (&alex);
  wmt_close_store (store);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  g_assert_true (wm_crypto_init ());
  install_shim ();
  wmt_template_configure (WMT_USERS_CASEWORKER_A, populate);

  g_test_add ("/store/durable/saves-after-views", WmtFixture, WMT_WITH_TEMPLATE,
              wmt_fixture_setup, test_saves_after_views, wmt_fixture_teardown);

  status = g_test_run ();
  wmt_template_cleanup ();
  wmt_print_derivations ();
  sqlite3_vfs_unregister (&shim_vfs);
  return status;
}
