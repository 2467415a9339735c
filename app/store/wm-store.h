/* wm-store.h — one organisation's SQLite file: open, migrate, back up, audit
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>
#include <sqlite3.h>

#include "wm-store-error.h"

G_BEGIN_DECLS

#define WM_TYPE_STORE (wm_store_get_type ())

G_DECLARE_FINAL_TYPE (WmStore, wm_store, WM, STORE, GObject)

#define WM_DATABASE_ID_SIZE 16

typedef enum
{
  WM_ROLE_CASEWORKER = 1,
  WM_ROLE_SUPERVISOR = 2,
  WM_ROLE_ADMINISTRATOR = 3,
} WmRole;

/* A staff account as the store lists it; none of it is secret. */
typedef struct
{
  gint64   id;
  char    *name;
  WmRole   role;
  gboolean disabled;
  GArray  *supervisor_ids;  /* gint64: the caseworker's team supervisors */
} WmUser;

void        wm_user_free          (WmUser     *user);
const char *wm_role_to_string     (WmRole      role);
gboolean    wm_role_from_string   (const char *text,
                                   WmRole     *out_role);
const char *wm_role_get_label     (WmRole      role);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WmUser, wm_user_free)

/* The form an account name is stored and looked up in (see wm-accounts.c):
 * callers may check a name with it before asking for a passphrase. */
char       *wm_account_name_normalise (const char  *name,
                                       GError     **error);

/* The longest passphrase an account may have, in characters. A character
 * takes at most four bytes of UTF-8, so a reader that stops after
 * WM_PASSPHRASE_MAX_BYTES bytes has read more than any passphrase, and
 * says so with wm_passphrase_set_too_long_error(). */
#define WM_PASSPHRASE_MAX_CHARACTERS 1024
#define WM_PASSPHRASE_MAX_BYTES (4 * WM_PASSPHRASE_MAX_CHARACTERS)

void        wm_passphrase_set_too_long_error (GError **error);

/* One entry of the audit log. Entries hold ids and references, never a
 * young person's details. */
typedef struct
{
  gint64  seq;
  gint64  at_usec;     /* wall clock, microseconds since 1970 */
  gint64  user_id;     /* 0 when no account is known (failed sign-in) */
  char   *action;      /* "sign-in", "case-view", "create", ... */
  gint64  case_id;     /* 0 when none */
  gint64  record_id;   /* 0 when none */
  char   *detail;      /* short, no personal data */
  char   *case_reference; /* the case's "WM-…", or NULL: none, or deleted
                           * (a deletion's own entry keeps it in detail) */
  guint8  hash[32];
} WmAuditEntry;

void wm_audit_entry_free (WmAuditEntry *entry);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WmAuditEntry, wm_audit_entry_free)

/* The wall clock the store uses for sign-in delays and audit times; a test
 * replaces it to move time without sleeping. Returns microseconds. */
typedef gint64 (*WmClockFunc) (gpointer user_data);

/* Called on the thread using the store when a statement has waited a
 * second for another program to finish writing; the store goes on
 * waiting, so the owner can tell a person why nothing happens. */
typedef void (*WmStoreWaitingFunc) (WmStore  *store,
                                    gpointer  user_data);

WmStore      *wm_store_open                  (const char    *path,
                                              GError       **error);
WmStore      *wm_store_create                (const char    *path,
                                              const char    *organisation,
                                              const char    *admin_name,
                                              const char    *admin_passphrase,
                                              GError       **error);
char         *wm_store_dup_default_path      (void);

const char   *wm_store_get_path              (WmStore       *self);
const char   *wm_store_get_organisation      (WmStore       *self);
const guint8 *wm_store_get_database_id       (WmStore       *self);
int           wm_store_get_schema_version    (WmStore       *self);
sqlite3      *wm_store_get_db                (WmStore       *self);
gint64        wm_store_now                   (WmStore       *self);
void          wm_store_set_clock             (WmStore       *self,
                                              WmClockFunc    clock,
                                              gpointer       user_data);
void          wm_store_set_waiting_func      (WmStore       *self,
                                              WmStoreWaitingFunc waiting,
                                              gpointer       user_data);
void          wm_store_set_busy_timeout      (WmStore       *self,
                                              guint          timeout_ms);
gboolean      wm_store_check_writable        (WmStore       *self,
                                              GError       **error);
gboolean      wm_store_check_not_itself      (WmStore       *self,
                                              const char    *path,
                                              GError       **error);

GPtrArray    *wm_store_list_users            (WmStore       *self,
                                              GError       **error);
WmUser       *wm_store_lookup_user           (WmStore       *self,
                                              const char    *name,
                                              GError       **error);
WmUser       *wm_store_get_user              (WmStore       *self,
                                              gint64         user_id,
                                              GError       **error);
gint64        wm_store_get_sign_in_delay     (WmStore       *self,
                                              const char    *name);
/* Needs no account: who holds which case is plaintext (wm-accounts.c). */
gboolean      wm_store_count_sole_holder_cases (WmStore     *self,
                                              gint64         user_id,
                                              guint         *out_count,
                                              GError       **error);

GPtrArray    *wm_store_list_audit            (WmStore       *self,
                                              GError       **error);
gboolean      wm_store_verify_audit          (WmStore       *self,
                                              GPtrArray     *faults,
                                              GError       **error);
char         *wm_store_dup_audit_head        (WmStore       *self);
gboolean      wm_store_check_integrity       (WmStore       *self,
                                              GPtrArray     *faults,
                                              GError       **error);

gboolean      wm_store_batch_begin           (WmStore       *self,
                                              GError       **error);
gboolean      wm_store_batch_commit          (WmStore       *self,
                                              GError       **error);
void          wm_store_batch_abort           (WmStore       *self);

gboolean      wm_store_backup                (WmStore       *self,
                                              const char    *destination,
                                              GError       **error);
gboolean      wm_store_check_backup          (WmStore       *self,
                                              const char    *backup_path,
                                              GError       **error);

G_END_DECLS
