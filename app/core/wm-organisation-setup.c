/* wm-organisation-setup.c — what a new organisation is set up with, checked, then created
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The first-run form of the window fills a WmOrganisationSetup, and
 * wm_organisation_setup_create() checks it and makes the database, so the
 * rules are the same whoever sets an organisation up, and a test needs no
 * display. The defaults are the police area's four local authorities and
 * the network's programmes (wm-person.c).
 *
 * The store has, as yet, nowhere to keep an organisation's areas and
 * programmes: they are checked here but not written. They belong in the
 * file signed by the organisation key (as the directory is), so that
 * whoever can write the file cannot change the lists staff pick from;
 * keeping them anywhere unsigned would be worse than not keeping them.
 */

#define G_LOG_DOMAIN "wm-core"

#include "config.h"

#include <glib/gi18n.h>

#include <glib/gstdio.h>

#include "wm-core-error.h"
#include "wm-organisation-setup.h"
#include "wm-person.h"
#include "wm-referral-export.h"
#include "wm-session.h"

static GPtrArray *
labels_of (const WmTerm *terms)
{
  GPtrArray *labels = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; terms[i].id != NULL; i++)
    g_ptr_array_add (labels, g_strdup (_(terms[i].label)));
  return labels;
}

static GPtrArray *
copy_strings (GPtrArray *strings)
{
  GPtrArray *copy = g_ptr_array_new_full (strings->len, g_free);

  for (guint i = 0; i < strings->len; i++)
    g_ptr_array_add (copy, g_strdup (g_ptr_array_index (strings, i)));
  return copy;
}

/**
 * wm_organisation_setup_new:
 *
 * Returns: (transfer full): a setup with the defaults: no organisation or
 *   administrator name yet, the four local authorities and the network's
 *   programmes in the user's language, and the default database path
 */
WmOrganisationSetup *
wm_organisation_setup_new (void)
{
  WmOrganisationSetup *setup = g_new0 (WmOrganisationSetup, 1);

  setup->organisation = g_strdup ("");
  setup->local_authorities = labels_of (wm_local_authorities);
  setup->programmes = labels_of (wm_programmes);
  setup->admin_name = g_strdup ("");
  setup->path = wm_store_dup_default_path ();
  return setup;
}

WmOrganisationSetup *
wm_organisation_setup_copy (const WmOrganisationSetup *setup)
{
  WmOrganisationSetup *copy;

  g_return_val_if_fail (setup != NULL, NULL);

  copy = g_new0 (WmOrganisationSetup, 1);
  copy->organisation = g_strdup (setup->organisation);
  copy->local_authorities = copy_strings (setup->local_authorities);
  copy->programmes = copy_strings (setup->programmes);
  copy->admin_name = g_strdup (setup->admin_name);
  copy->path = g_strdup (setup->path);
  return copy;
}

void
wm_organisation_setup_free (WmOrganisationSetup *setup)
{
  if (setup == NULL)
    return;
  g_free (setup->organisation);
  g_clear_pointer (&setup->local_authorities, g_ptr_array_unref);
  g_clear_pointer (&setup->programmes, g_ptr_array_unref);
  g_free (setup->admin_name);
  g_free (setup->path);
  g_free (setup);
}

/* A name of one line: not empty once trimmed, no control characters, not
 * too long. */
static gboolean
is_good_name (const char *text)
{
  g_autofree char *trimmed = NULL;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return FALSE;
  trimmed = g_strstrip (g_strdup (text));
  if (*trimmed == '\0' || g_utf8_strlen (trimmed, -1) > WM_ORGANISATION_NAME_MAX_CHARACTERS)
    return FALSE;
  for (const char *p = trimmed; *p != '\0'; p = g_utf8_next_char (p))
    {
      if (g_unichar_iscntrl (g_utf8_get_char (p)))
        return FALSE;
    }
  return TRUE;
}

/* Checks a list of names: at least one, each a good name, none twice
 * (compared without case or surrounding spaces, as a person would). The
 * messages name the list, never the value. */
static gboolean
check_list (GPtrArray   *names,
            const char  *missing_message,
            const char  *bad_message,
            const char  *twice_message,
            GError     **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  if (names == NULL || names->len == 0)
    {
      g_set_error_literal (error, WM_CORE_ERROR, WM_CORE_ERROR_MISSING, missing_message);
      return FALSE;
    }
  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      g_autofree char *trimmed = NULL;
      char *key;

      if (!is_good_name (name))
        {
          g_set_error_literal (error, WM_CORE_ERROR, WM_CORE_ERROR_CONSTRAINT, bad_message);
          return FALSE;
        }
      trimmed = g_strstrip (g_strdup (name));
      key = g_utf8_casefold (trimmed, -1);
      if (!g_hash_table_add (seen, key))
        {
          g_set_error_literal (error, WM_CORE_ERROR, WM_CORE_ERROR_CONSTRAINT, twice_message);
          return FALSE;
        }
    }
  return TRUE;
}

/**
 * wm_organisation_setup_check:
 * @setup: what the form collected
 * @error: a %WM_CORE_ERROR or %WM_STORE_ERROR_INVALID that names the field
 *
 * Checks everything but the passphrase, which the store checks (its length
 * and block list) as it makes the account.
 *
 * Returns: %TRUE when @setup can be created
 */
gboolean
wm_organisation_setup_check (const WmOrganisationSetup  *setup,
                             GError                    **error)
{
  g_autofree char *admin_name = NULL;

  g_return_val_if_fail (setup != NULL, FALSE);

  if (setup->organisation == NULL || !is_good_name (setup->organisation))
    {
      g_set_error (error, WM_CORE_ERROR, WM_CORE_ERROR_MISSING,
                   _("Type the organisation’s name, in one line of at most %d characters."),
                   WM_ORGANISATION_NAME_MAX_CHARACTERS);
      return FALSE;
    }
  if (!check_list (setup->local_authorities,
                   _("Add at least one local authority area the organisation works in."),
                   _("A local authority area needs a name of one line. Remove the empty one, or type its name."),
                   _("A local authority area is listed twice. Remove one of them."),
                   error)
      || !check_list (setup->programmes,
                      _("Add at least one programme the organisation runs."),
                      _("A programme needs a name of one line. Remove the empty one, or type its name."),
                      _("A programme is listed twice. Remove one of them."),
                      error))
    return FALSE;
  if (setup->admin_name == NULL || *setup->admin_name == '\0')
    {
      g_set_error_literal (error, WM_CORE_ERROR, WM_CORE_ERROR_MISSING,
                           _("Type a name for the first administrator’s account."));
      return FALSE;
    }
  admin_name = wm_account_name_normalise (setup->admin_name, error);
  if (admin_name == NULL)
    return FALSE;
  if (setup->path == NULL || !g_path_is_absolute (setup->path))
    {
      g_set_error_literal (error, WM_CORE_ERROR, WM_CORE_ERROR_MISSING,
                           _("Choose where the database file goes."));
      return FALSE;
    }
  return TRUE;
}

/**
 * wm_organisation_setup_create:
 * @setup: what the form collected
 * @admin_passphrase: the first administrator's passphrase
 * @error: where to put an error
 *
 * Checks @setup, then creates the organisation's database with its first
 * administrator. Runs an Argon2id derivation (about a second): call it off
 * the main thread. The store returned has nobody signed in.
 *
 * The local authority areas and programmes are checked but not yet kept:
 * the store has no signed place for them (see the top of this file).
 *
 * Returns: (transfer full) (nullable): the new store, or %NULL with no file made
 */
WmStore *
wm_organisation_setup_create (const WmOrganisationSetup  *setup,
                              const char                 *admin_passphrase,
                              GError                    **error)
{
  g_autofree char *organisation = NULL;

  g_return_val_if_fail (setup != NULL, NULL);
  g_return_val_if_fail (admin_passphrase != NULL, NULL);

  if (!wm_organisation_setup_check (setup, error))
    return NULL;

  organisation = g_strstrip (g_strdup (setup->organisation));
  return wm_organisation_create (setup->path, organisation, setup->admin_name, admin_passphrase, error);
}

/**
 * wm_organisation_create:
 *
 * Makes an organisation's database with its first administrator and the
 * partner directory it starts with (data/partners.json, signed by that
 * administrator), as `waymark-cli init` and the first-run page both do. A
 * database is made whole or not at all: if the directory cannot be added,
 * the new file is removed.
 */
WmStore *
wm_organisation_create (const char  *path,
                        const char  *organisation,
                        const char  *admin_name,
                        const char  *admin_passphrase,
                        GError     **error)
{
  g_autoptr(WmStore) store = NULL;
  g_autoptr(WmSession) admin = NULL;
  g_autofree char *partners = wm_referral_dup_partners_path ();

  store = wm_store_create (path, organisation, admin_name, admin_passphrase, error);
  if (store == NULL)
    return NULL;
  /* A build without the seed file (a stripped install) starts empty, as
   * the store README says an administrator can then seed it. */
  if (partners == NULL)
    return g_steal_pointer (&store);
  admin = wm_session_sign_in (store, admin_name, admin_passphrase, error);
  if (admin == NULL || !wm_referral_seed_partners (admin, partners, NULL, error))
    {
      g_autofree char *wal = g_strconcat (path, "-wal", NULL);
      g_autofree char *shm = g_strconcat (path, "-shm", NULL);

      g_clear_object (&admin);
      g_clear_object (&store);
      g_unlink (path);
      g_unlink (wal);
      g_unlink (shm);
      return NULL;
    }
  return g_steal_pointer (&store);
}
