/* test-partners.c — the partner directory: seeded, signed, and an edited entry caught
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Referrals go to the secure email a directory entry gives, so an entry
 * changed in the file by someone without an administrator's key must not
 * be used: it is left out of the list, refused by number, and named by
 * verify. Only an administrator can add or change one.
 */

#include "config.h"

#include <string.h>

#include "wm-partners.h"
#include "wm-referral-export.h"
#include "wm-store-private.h"
#include "wm-store-test-util.h"

static void
populate (WmStore   *store,
          WmSession *admin)
{
  g_autoptr(GError) error = NULL;
  guint added = 0;

  g_assert_true (wm_referral_seed_partners (admin, NULL, &added, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (added, ==, 48);
}

static GPtrArray *
list_ok (WmSession *session)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *partners = wm_session_list_partners (session, &error);

  g_assert_no_error (error);
  g_assert_nonnull (partners);
  return partners;
}

static WmPartner *
find_by_id (GPtrArray *partners,
            gint64     id)
{
  for (guint i = 0; i < partners->len; i++)
    {
      WmPartner *partner = g_ptr_array_index (partners, i);

      if (partner->id == id)
        return partner;
    }
  return NULL;
}

/* Every area has every kind of service; the list is sorted by area, then
 * name; probation is for adults; verify finds nothing; and seeding again
 * adds nothing. */
static void
test_seeded (WmtFixture    *f,
             gconstpointer  data)
{
  WmStore *store = wmt_open_store (f);
  g_autoptr(WmSession) caseworker = wmt_sign_in (store, WMT_CASEWORKER_A, WMT_CASEWORKER_A_PASS);
  g_autoptr(WmSession) admin = wmt_sign_in (store, WMT_ADMIN, WMT_ADMIN_PASS);
  g_autoptr(GPtrArray) partners = list_ok (caseworker);
  g_autoptr(GPtrArray) faults = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(WmPartner) one = NULL;
  guint added = 99;
  guint n_probation = 0;

  g_assert_cmpuint (partners->len, ==, 48);
  for (guint i = 0; i < partners->len; i++)
    {
      WmPartner *partner = g_ptr_array_index (partners, i);

      if (i > 0)
        {
          WmPartner *previous = g_ptr_array_index (partners, i - 1);
          int by_area = strcmp (previous->area, partner->area);

          g_assert_true (by_area < 0 || (by_area == 0 && strcmp (previous->name, partner->name) <= 0));
        }
      g_assert_true (g_str_has_suffix (partner->secure_email, "@example.org"));
      if (g_str_equal (partner->service, "probation"))
        {
          g_assert_true (partner->adult_only);
          n_probation++;
        }
    }
  g_assert_cmpuint (n_probation, ==, 4);

  one = wm_session_get_partner (caseworker, ((WmPartner *) g_ptr_array_index (partners, 3))->id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (one->secure_email, ==, ((WmPartner *) g_ptr_array_index (partners, 3))->secure_email);

  g_assert_true (wm_session_verify (caseworker, faults, &error));
  g_assert_no_error (error);
  g_assert_false (wmt_faults_mention (faults, "Partner service"));

  g_assert_true (wm_referral_seed_partners (admin, NULL, &added, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (added, ==, 0);
  g_clear_object (&caseworker);
  g_clear_object (&admin);
  wmt_close_store (store);
}

/* A secure email changed with SQL on the file: the entry is not listed,
 * not given out, and verify names it; the other entries still list. A
 * row made by copying another's signature is refused the same way. */
static void
test_edited_in_file (WmtFixture    *f,
                     gconstpointer  data)
{
  WmStore *store = wmt_open_store (f);
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GPtrArray) faults = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(WmPartner) refused = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *fault = NULL;
  g_autofree char *copied_fault = NULL;
  WmSession *session;
  gint64 target, copied;
  sqlite3 *db;

  session = wmt_sign_in (store, WMT_CASEWORKER_A, WMT_CASEWORKER_A_PASS);
  before = list_ok (session);
  target = ((WmPartner *) g_ptr_array_index (before, 0))->id;
  g_object_unref (session);
  wmt_close_store (store);

  db = wmt_db_open (f->path);
  wmt_db_exec (db, "UPDATE partners SET secure_email = 'referrals@attacker.example' WHERE id = %" G_GINT64_FORMAT,
               target);
  wmt_db_exec (db, "INSERT INTO partners (name, service, area, contact, secure_email, notes, adult_only, "
               "signed_by, certificate) SELECT 'Planted', service, area, contact, 'x@attacker.example', notes, "
               "adult_only, signed_by, certificate FROM partners WHERE id = %" G_GINT64_FORMAT, target + 1);
  copied = wmt_db_int (db, "SELECT max(id) FROM partners");
  wmt_db_close (db);

  store = wmt_open_store (f);
  session = wmt_sign_in (store, WMT_CASEWORKER_A, WMT_CASEWORKER_A_PASS);
  after = list_ok (session);
  g_assert_cmpuint (after->len, ==, before->len - 1);
  g_assert_null (find_by_id (after, target));
  g_assert_null (find_by_id (after, copied));
  for (guint i = 0; i < after->len; i++)
    g_assert_null (strstr (((WmPartner *) g_ptr_array_index (after, i))->secure_email, "attacker"));

  refused = wm_session_get_partner (session, target, &error);
  g_assert_null (refused);
  g_assert_error (error, WM_STORE_ERROR, WM_STORE_ERROR_CORRUPT);
  g_clear_error (&error);

  /* False: it found faults, and said which. */
  g_assert_false (wm_session_verify (session, faults, &error));
  g_assert_no_error (error);
  fault = g_strdup_printf ("Partner service %" G_GINT64_FORMAT " ", target);
  copied_fault = g_strdup_printf ("Partner service %" G_GINT64_FORMAT " ", copied);
  g_assert_true (wmt_faults_mention (faults, fault));
  g_assert_true (wmt_faults_mention (faults, copied_fault));
  g_object_unref (session);
  wmt_close_store (store);
}

/* Only an administrator adds or changes an entry; a change is signed
 * again and lists with its new address. */
static void
test_who_may_save (WmtFixture    *f,
                   gconstpointer  data)
{
  WmStore *store = wmt_open_store (f);
  g_autoptr(WmSession) caseworker = wmt_sign_in (store, WMT_CASEWORKER_A, WMT_CASEWORKER_A_PASS);
  g_autoptr(WmSession) admin = wmt_sign_in (store, WMT_ADMIN, WMT_ADMIN_PASS);
  g_autoptr(GPtrArray) partners = list_ok (caseworker);
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(WmPartner) changed = wm_partner_copy (g_ptr_array_index (partners, 5));
  g_autoptr(WmPartner) read_back = NULL;
  g_autoptr(GError) error = NULL;
  WmPartner fresh = { .name = (char *) "Marches Youth Boxing Club", .service = (char *) "mentoring",
                      .area = (char *) "shropshire", .secure_email = (char *) "club@example.org" };
  gint64 id;

  g_free (changed->secure_email);
  changed->secure_email = g_strdup ("new-address@example.org");
  g_assert_cmpint (wm_session_save_partner (caseworker, changed, &error), ==, 0);
  g_assert_error (error, WM_STORE_ERROR, WM_STORE_ERROR_PERMISSION);
  g_clear_error (&error);
  g_assert_cmpint (wm_session_save_partner (caseworker, &fresh, &error), ==, 0);
  g_assert_error (error, WM_STORE_ERROR, WM_STORE_ERROR_PERMISSION);
  g_clear_error (&error);

  g_assert_cmpint (wm_session_save_partner (admin, changed, &error), ==, changed->id);
  g_assert_no_error (error);
  id = wm_session_save_partner (admin, &fresh, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);

  after = list_ok (caseworker);
  g_assert_cmpuint (after->len, ==, partners->len + 1);
  read_back = wm_session_get_partner (caseworker, changed->id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (read_back->secure_email, ==, "new-address@example.org");
  g_assert_cmpstr (find_by_id (after, id)->name, ==, "Marches Youth Boxing Club");
  g_clear_object (&caseworker);
  g_clear_object (&admin);
  wmt_close_store (store);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  g_assert_true (wm_crypto_init ());
  wmt_template_configure (WMT_USERS_CASEWORKER_A, populate);

  g_test_add ("/store/partners/seeded", WmtFixture, WMT_WITH_TEMPLATE,
              wmt_fixture_setup, test_seeded, wmt_fixture_teardown);
  g_test_add ("/store/partners/edited-in-file", WmtFixture, WMT_WITH_TEMPLATE,
              wmt_fixture_setup, test_edited_in_file, wmt_fixture_teardown);
  g_test_add ("/store/partners/who-may-save", WmtFixture, WMT_WITH_TEMPLATE,
              wmt_fixture_setup, test_who_may_save, wmt_fixture_teardown);

  status = g_test_run ();
  wmt_template_cleanup ();
  wmt_print_derivations ();
  return status;
}
