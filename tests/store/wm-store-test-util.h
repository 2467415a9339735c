/* wm-store-test-util.h — fixtures and helpers shared by the store tests
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <sqlite3.h>

#include "wm-record.h"
#include "wm-secret.h"
#include "wm-session.h"
#include "wm-store.h"

G_BEGIN_DECLS

/* Synthetic staff accounts. Staff names are not personal data of a young
 * person; passphrases are long enough and not common. */
#define WMT_ORGANISATION      "Marches Diversion Network"
#define WMT_ADMIN             "ada.admin"
#define WMT_ADMIN_PASS        "correct cable staple orbit"
#define WMT_SUPERVISOR        "sam.supervisor"
#define WMT_SUPERVISOR_PASS   "quiet harbour lantern seventeen"
#define WMT_CASEWORKER_A      "alex.caseworker"
#define WMT_CASEWORKER_A_PASS "purple meadow violin thunder"
#define WMT_CASEWORKER_B      "blake.caseworker"
#define WMT_CASEWORKER_B_PASS "silver canyon pocket whistle"

/* Every test gets a fresh directory of its own and a clock it can move. */
typedef struct
{
  char   *dir;
  char   *path;   /* dir/waymark.db, a copy of the template when there is one */
  gint64  clock;  /* microseconds; what wmt_open_store() makes the store see */
} WmtFixture;

/* Pass as the test data to start from a copy of the template. */
#define WMT_WITH_TEMPLATE GINT_TO_POINTER (1)

void wmt_fixture_setup    (WmtFixture    *f,
                           gconstpointer  data);
void wmt_new_device       (WmtFixture    *f);
void wmt_fixture_teardown (WmtFixture    *f,
                           gconstpointer  data);

/* The template: a store built once per test program (on first use, in its
 * own temporary directory) and copied into each fixture, so that the
 * Argon2id derivations of creating accounts are paid once, not per test. */
typedef enum
{
  WMT_USERS_CASEWORKER_A = 1 << 0,
  WMT_USERS_CASEWORKER_B = 1 << 1,
  WMT_USERS_SUPERVISOR   = 1 << 2,  /* supervises A and B */
} WmtUsers;

typedef struct
{
  gint64 admin;
  gint64 supervisor;
  gint64 caseworker_a;
  gint64 caseworker_b;
} WmtIds;

extern WmtIds wmt_ids;

/* populate runs once, on the template, with the administrator signed in;
 * it may sign others in (wmt_sign_in) to write cases. */
typedef void (*WmtPopulateFunc) (WmStore   *store,
                                 WmSession *admin);

void        wmt_template_configure (WmtUsers         users,
                                    WmtPopulateFunc  populate);
const char *wmt_template_get_path  (void);
void        wmt_template_cleanup   (void);

/* Stores and sessions */
WmStore    *wmt_create_store       (const char  *path);
WmStore    *wmt_open_store         (WmtFixture  *f);
WmStore    *wmt_open_store_at      (const char  *path,
                                    gint64      *clock);
void        wmt_close_store        (WmStore     *store);
WmSession  *wmt_sign_in            (WmStore     *store,
                                    const char  *name,
                                    const char  *passphrase);
void        wmt_count_derivation   (void);
void        wmt_print_derivations  (void);

/* Payloads and records */
GVariant   *wmt_payload            (const char  *text);  /* g_variant_new_parsed, sunk */
WmRecord   *wmt_find_record        (GPtrArray   *records,
                                    gint64       record_id);
WmRecord   *wmt_find_kind          (GPtrArray   *records,
                                    WmRecordKind kind);
GError     *wmt_read_record_error  (WmSession   *session,
                                    gint64       record_id,
                                    guint        version);
WmRecord   *wmt_read_record_ok     (WmSession   *session,
                                    gint64       record_id,
                                    guint        version);
void        wmt_assert_payload     (GVariant    *actual,
                                    GVariant    *expected);
void        wmt_assert_caseload_payload (GVariant *actual,
                                    GVariant    *full,
                                    gboolean     is_profile);
GPtrArray  *wmt_open_case_ok       (WmSession   *session,
                                    gint64       case_id);
void        wmt_assert_case_refused (WmSession  *session,
                                     gint64      case_id,
                                     gint64      record_id,
                                     int         code);
gboolean    wmt_list_has_case      (GPtrArray   *cases,
                                    gint64       case_id);

/* Direct access to the file, as anyone who holds it can. */
sqlite3    *wmt_db_open            (const char  *path);
void        wmt_db_close           (sqlite3     *db);
int         wmt_db_exec            (sqlite3     *db,
                                    const char  *format,
                                    ...) G_GNUC_PRINTF (2, 3);
int         wmt_db_try_exec        (sqlite3     *db,
                                    const char  *sql);
gint64      wmt_db_int             (sqlite3     *db,
                                    const char  *format,
                                    ...) G_GNUC_PRINTF (2, 3);
char       *wmt_db_text            (sqlite3     *db,
                                    const char  *format,
                                    ...) G_GNUC_PRINTF (2, 3);
GBytes     *wmt_db_blob            (sqlite3     *db,
                                    const char  *format,
                                    ...) G_GNUC_PRINTF (2, 3);
void        wmt_db_set_blob        (sqlite3     *db,
                                    GBytes      *value,
                                    const char  *format,
                                    ...) G_GNUC_PRINTF (3, 4);
gboolean    wmt_db_has_column      (sqlite3     *db,
                                    const char  *table,
                                    const char  *column);

/* Files */
GBytes     *wmt_read_file          (const char  *path);
void        wmt_write_file         (const char  *path,
                                    const void  *data,
                                    gsize        size);
void        wmt_copy_file          (const char  *from,
                                    const char  *to);
void        wmt_rm_rf              (const char  *path);
gboolean    wmt_faults_mention     (GPtrArray   *faults,
                                    const char  *text);
gboolean    wmt_bytes_contain      (GBytes      *haystack,
                                    const void  *needle,
                                    gsize        needle_size);

G_END_DECLS
