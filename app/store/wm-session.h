/* wm-session.h — a signed-in user: their keys, their cases, their records
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "wm-record.h"
#include "wm-store.h"

G_BEGIN_DECLS

#define WM_TYPE_SESSION (wm_session_get_type ())

G_DECLARE_FINAL_TYPE (WmSession, wm_session, WM, SESSION, GObject)

/* A case the signed-in user holds a key for. */
typedef struct
{
  gint64  id;
  char   *reference;     /* "WM-7KQ2XM": pseudonymous, safe to show and log */
  gint64  assigned_to;   /* the caseworker's user id */
} WmCaseInfo;

void wm_case_info_free (WmCaseInfo *info);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WmCaseInfo, wm_case_info_free)

/* One line of a caseload: the case, its current profile, its latest
 * assessment (the newest assessment record: amendments included) and the
 * date of its newest contact record, decrypted in one pass.
 *
 * profile and latest_assessment are a{sv} dictionaries that may be
 * partial: read from the case's caseload card, they hold only the keys a
 * caseload row needs, when the record has them: the profile's
 * WM_PROFILE_GIVEN_NAME, _FAMILY_NAME, _PREFERRED_NAME, _DATE_OF_BIRTH,
 * _LOCAL_AUTHORITY, _PROGRAMME and _STATUS; the assessment's
 * WM_ASSESSMENT_JUDGEMENTS (a{ss}), _STATE and _NEXT_REVIEW
 * (app/core/wm-person.h, wm-assessment.h). Read from the records (a case
 * whose card is missing or not current), they are whole. Open the case
 * for anything else.
 *
 * last_contact_on is WM_CONTACT_DATE (YYYY-MM-DD) of the case's newest
 * contact record, or NULL when it has none, its date is not a valid
 * YYYY-MM-DD, or it could not be vouched for.
 *
 * profile and latest_assessment are NULL when absent or when they fail to
 * open (then error says which); with error set, last_contact_on is NULL. */
typedef struct
{
  WmCaseInfo  info;
  GVariant   *profile;
  GVariant   *latest_assessment;
  char       *last_contact_on;
  GError     *error;
} WmCaseloadEntry;

void wm_caseload_entry_free (WmCaseloadEntry *entry);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WmCaseloadEntry, wm_caseload_entry_free)

WmSession  *wm_session_sign_in             (WmStore       *store,
                                            const char    *user_name,
                                            const char    *passphrase,
                                            GError       **error);
void        wm_session_lock                (WmSession     *self);
gboolean    wm_session_unlock              (WmSession     *self,
                                            const char    *passphrase,
                                            GError       **error);
gboolean    wm_session_is_locked           (WmSession     *self);
WmStore    *wm_session_get_store           (WmSession     *self);
gint64      wm_session_get_user_id         (WmSession     *self);
const char *wm_session_get_user_name       (WmSession     *self);
WmRole      wm_session_get_role            (WmSession     *self);

/* Accounts. All but change_passphrase need an administrator. */
gint64      wm_session_add_user            (WmSession     *self,
                                            const char    *name,
                                            WmRole         role,
                                            const char    *passphrase,
                                            GError       **error);
gboolean    wm_session_add_supervisor      (WmSession     *self,
                                            gint64         user_id,
                                            gint64         supervisor_id,
                                            GError       **error);
gboolean    wm_session_change_passphrase   (WmSession     *self,
                                            const char    *old_passphrase,
                                            const char    *new_passphrase,
                                            GError       **error);
gboolean    wm_session_disable_user        (WmSession     *self,
                                            gint64         user_id,
                                            GError       **error);
gboolean    wm_session_reset_user          (WmSession     *self,
                                            gint64         user_id,
                                            const char    *new_passphrase,
                                            GError       **error);

/* Disabling an account, or giving it a new key pair, takes its copies of
 * case keys away. Both are refused (%WM_STORE_ERROR_INVALID) when that
 * would leave cases nobody can read, unless forced; the functions without
 * flags never force. */
typedef enum
{
  WM_ACCOUNT_CHANGE_DEFAULT = 0,
  WM_ACCOUNT_CHANGE_FORCE   = 1 << 0,  /* even if cases become unreadable for good */
} WmAccountChangeFlags;

gboolean    wm_session_disable_user_full   (WmSession     *self,
                                            gint64         user_id,
                                            WmAccountChangeFlags flags,
                                            GError       **error);
gboolean    wm_session_reset_user_full     (WmSession     *self,
                                            gint64         user_id,
                                            const char    *new_passphrase,
                                            WmAccountChangeFlags flags,
                                            GError       **error);
gboolean    wm_session_enable_user         (WmSession     *self,
                                            gint64         user_id,
                                            GError       **error);
gboolean    wm_session_remove_supervisor   (WmSession     *self,
                                            gint64         user_id,
                                            gint64         supervisor_id,
                                            GError       **error);

/* Cases. A new case's key is sealed to the caseworker and their team's
 * supervisors. Share, unshare and reassign need a holder of the key. */
gint64      wm_session_create_case         (WmSession     *self,
                                            gint64         caseworker_id,
                                            GVariant      *profile,
                                            GError       **error);
gint64      wm_session_create_case_with_records (WmSession *self,
                                            gint64         caseworker_id,
                                            GVariant      *profile,
                                            GVariant      *first_records,
                                            GError       **error);
gboolean    wm_session_create_cases        (WmSession     *self,
                                            gint64         caseworker_id,
                                            GPtrArray     *profiles,
                                            GArray       **out_case_ids,
                                            GError       **error);
gboolean    wm_session_share_case          (WmSession     *self,
                                            gint64         case_id,
                                            gint64         user_id,
                                            GError       **error);
gboolean    wm_session_unshare_case        (WmSession     *self,
                                            gint64         case_id,
                                            gint64         user_id,
                                            GError       **error);
gboolean    wm_session_reassign_case       (WmSession     *self,
                                            gint64         case_id,
                                            gint64         caseworker_id,
                                            GError       **error);
guint       wm_session_reshare_team_cases  (WmSession     *self,
                                            GError       **error);
gboolean    wm_session_delete_case         (WmSession     *self,
                                            gint64         case_id,
                                            GError       **error);
GPtrArray  *wm_session_list_cases          (WmSession     *self,
                                            GError       **error);
WmCaseInfo *wm_session_find_case           (WmSession     *self,
                                            const char    *reference,
                                            GError       **error);
GPtrArray  *wm_session_list_caseload       (WmSession     *self,
                                            GError       **error);

/* Records. An edit writes a new version; an immutable record takes no new
 * version, only an amendment (a new record that points at it). */
gint64      wm_session_add_record          (WmSession     *self,
                                            gint64         case_id,
                                            WmRecordKind   kind,
                                            GVariant      *payload,
                                            GError       **error);
guint       wm_session_update_record       (WmSession     *self,
                                            gint64         record_id,
                                            GVariant      *payload,
                                            GError       **error);
gint64      wm_session_amend_record        (WmSession     *self,
                                            gint64         record_id,
                                            GVariant      *payload,
                                            GError       **error);
gboolean    wm_session_set_record_immutable (WmSession    *self,
                                            gint64         record_id,
                                            GError       **error);
gboolean    wm_session_approve_record      (WmSession     *self,
                                            gint64         record_id,
                                            guint          version,
                                            GError       **error);
WmRecord   *wm_session_read_record         (WmSession     *self,
                                            gint64         record_id,
                                            guint          version,
                                            GError       **error);
GPtrArray  *wm_session_open_case           (WmSession     *self,
                                            gint64         case_id,
                                            GError       **error);
GPtrArray  *wm_session_list_history        (WmSession     *self,
                                            gint64         record_id,
                                            GError       **error);

/* Where a sign-off queue should look (a filter, not a verdict). */
GArray     *wm_session_list_cases_awaiting_approval (WmSession *self,
                                            GError       **error);

/* The audit log; an administrator's to read. */
GPtrArray  *wm_session_list_audit          (WmSession     *self,
                                            GError       **error);

/* Audit entries for things done outside the store (export, print). */
gboolean    wm_session_audit               (WmSession     *self,
                                            const char    *action,
                                            gint64         case_id,
                                            const char    *detail,
                                            GError       **error);

/* Integrity check, every version this user can read, the audit chain.
 * Each fault found is appended to faults as a translated sentence. */
gboolean    wm_session_verify              (WmSession     *self,
                                            GPtrArray     *faults,
                                            GError       **error);
gboolean    wm_session_backup              (WmSession     *self,
                                            const char    *destination,
                                            GError       **error);
gboolean    wm_session_restore             (WmSession     *self,
                                            const char    *backup_path,
                                            GError       **error);

G_END_DECLS
