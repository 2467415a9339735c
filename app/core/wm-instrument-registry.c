/* wm-instrument-registry.c — every instrument definition this Waymark knows, by id and version
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An assessment stores the id and version of the instrument it was made
 * with, and is always read with that very definition: a question reworded
 * or a band moved in version 3 must not change what a version 2 assessment
 * said. So every version stays installed, and the registry finds one by
 * both. A new assessment starts on the newest version of its instrument.
 *
 * The default registry reads Waymark's own definitions (the build tree's
 * data/instruments when running from it, else the installed ones), then
 * an organisation's, from waymark/instruments under each system data
 * folder and under the user's. The first definition of an id and version
 * wins: an organisation's file cannot replace a shipped instrument's
 * wording or constraints, only add instruments (or later versions) of its
 * own. A bad file is left out and logged with the loader's message, which
 * names the file and the fault; "waymark-cli instrument check" says the same.
 */

#define G_LOG_DOMAIN "wm-core"

#include "config.h"

#include <glib/gi18n.h>

#include "wm-assessment.h"
#include "wm-instrument-registry.h"
#include "wm-payload.h"
#include "wm-uninstalled.h"

struct _WmInstrumentRegistry
{
  GObject     parent_instance;

  GHashTable *instruments;  /* "id/version" -> WmInstrument */
  GHashTable *latest;       /* id -> WmInstrument, borrowed from instruments */
};

G_DEFINE_FINAL_TYPE (WmInstrumentRegistry, wm_instrument_registry, G_TYPE_OBJECT)

static void
wm_instrument_registry_finalize (GObject *object)
{
  WmInstrumentRegistry *self = WM_INSTRUMENT_REGISTRY (object);

  g_clear_pointer (&self->latest, g_hash_table_unref);
  g_clear_pointer (&self->instruments, g_hash_table_unref);

  G_OBJECT_CLASS (wm_instrument_registry_parent_class)->finalize (object);
}

static void
wm_instrument_registry_class_init (WmInstrumentRegistryClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = wm_instrument_registry_finalize;
}

static void
wm_instrument_registry_init (WmInstrumentRegistry *self)
{
  self->instruments = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->latest = g_hash_table_new (g_str_hash, g_str_equal);
}

/**
 * wm_instrument_registry_new:
 *
 * Returns: (transfer full): an empty registry
 */
WmInstrumentRegistry *
wm_instrument_registry_new (void)
{
  return g_object_new (WM_TYPE_INSTRUMENT_REGISTRY, NULL);
}

static char *
key_for (const char *id,
         guint       version)
{
  return g_strdup_printf ("%s/%u", id, version);
}

/**
 * wm_instrument_registry_add:
 * @self: a registry
 * @instrument: an instrument
 * @error: return location for a #WM_INSTRUMENT_ERROR
 *
 * Returns: %TRUE when added; %FALSE when the registry already has that id
 *   and version (the one it has stays)
 */
gboolean
wm_instrument_registry_add (WmInstrumentRegistry  *self,
                            WmInstrument          *instrument,
                            GError               **error)
{
  g_autofree char *key = NULL;
  WmInstrument *known;
  const char *id;

  g_return_val_if_fail (WM_IS_INSTRUMENT_REGISTRY (self), FALSE);
  g_return_val_if_fail (WM_IS_INSTRUMENT (instrument), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  id = wm_instrument_get_id (instrument);
  key = key_for (id, wm_instrument_get_version (instrument));
  known = g_hash_table_lookup (self->instruments, key);
  if (known != NULL)
    {
      g_set_error (error, WM_INSTRUMENT_ERROR, WM_INSTRUMENT_ERROR_INVALID,
                   /* Translators: a file, an instrument id, its version, another file. */
                   _("%s: version %u of the instrument “%s” is already read from %s. "
                     "Give a changed definition a new version."),
                   wm_instrument_get_file (instrument), wm_instrument_get_version (instrument), id,
                   wm_instrument_get_file (known));
      return FALSE;
    }
  g_hash_table_insert (self->instruments, g_steal_pointer (&key), g_object_ref (instrument));

  known = g_hash_table_lookup (self->latest, id);
  if (known == NULL || wm_instrument_get_version (known) < wm_instrument_get_version (instrument))
    g_hash_table_insert (self->latest, (gpointer) id, instrument);
  return TRUE;
}

/**
 * wm_instrument_registry_add_file:
 * @self: a registry
 * @path: a definition file
 * @error: return location for a #WM_INSTRUMENT_ERROR
 *
 * Returns: %TRUE when the file is a valid definition of an id and version
 *   the registry did not have
 */
gboolean
wm_instrument_registry_add_file (WmInstrumentRegistry  *self,
                                 const char            *path,
                                 GError               **error)
{
  g_autoptr(WmInstrument) instrument = NULL;

  g_return_val_if_fail (WM_IS_INSTRUMENT_REGISTRY (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  instrument = wm_instrument_new_from_file (path, error);
  return instrument != NULL && wm_instrument_registry_add (self, instrument, error);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char *const *) a, *(const char *const *) b);
}

/**
 * wm_instrument_registry_add_directory:
 * @self: a registry
 * @directory: a folder of definitions, "*.json"
 * @failures: (nullable) (element-type GError): where to add a #GError for
 *   each file left out
 *
 * Reads every definition in @directory, in the order of their names. A
 * missing folder is no failure: most organisations have none.
 *
 * Returns: how many definitions were added
 */
guint
wm_instrument_registry_add_directory (WmInstrumentRegistry *self,
                                      const char           *directory,
                                      GPtrArray            *failures)
{
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;
  guint added = 0;

  g_return_val_if_fail (WM_IS_INSTRUMENT_REGISTRY (self), 0);
  g_return_val_if_fail (directory != NULL, 0);

  dir = g_dir_open (directory, 0, NULL);
  if (dir == NULL)
    return 0;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      if (g_str_has_suffix (name, ".json"))
        g_ptr_array_add (names, g_build_filename (directory, name, NULL));
    }
  g_ptr_array_sort (names, compare_names);

  for (guint i = 0; i < names->len; i++)
    {
      g_autoptr(GError) error = NULL;

      if (wm_instrument_registry_add_file (self, g_ptr_array_index (names, i), &error))
        added++;
      else if (failures != NULL)
        g_ptr_array_add (failures, g_steal_pointer (&error));
    }
  return added;
}

/**
 * wm_instrument_registry_lookup:
 * @self: a registry
 * @id: an instrument id
 * @version: its version
 *
 * Returns: (transfer none) (nullable): the instrument, or %NULL
 */
WmInstrument *
wm_instrument_registry_lookup (WmInstrumentRegistry *self,
                               const char           *id,
                               guint                 version)
{
  g_autofree char *key = NULL;

  g_return_val_if_fail (WM_IS_INSTRUMENT_REGISTRY (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  key = key_for (id, version);
  return g_hash_table_lookup (self->instruments, key);
}

/**
 * wm_instrument_registry_lookup_latest:
 * @self: a registry
 * @id: an instrument id
 *
 * Returns: (transfer none) (nullable): the newest version of @id, the one
 *   a new assessment starts on
 */
WmInstrument *
wm_instrument_registry_lookup_latest (WmInstrumentRegistry *self,
                                      const char           *id)
{
  g_return_val_if_fail (WM_IS_INSTRUMENT_REGISTRY (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  return g_hash_table_lookup (self->latest, id);
}

static int
compare_by_id (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (wm_instrument_get_id (*(WmInstrument *const *) a),
                    wm_instrument_get_id (*(WmInstrument *const *) b));
}

/**
 * wm_instrument_registry_list_latest:
 * @self: a registry
 *
 * Returns: (transfer container) (element-type WmInstrument): the newest
 *   version of each instrument, by id: what a caseworker may start
 */
GPtrArray *
wm_instrument_registry_list_latest (WmInstrumentRegistry *self)
{
  GPtrArray *list;
  GHashTableIter iter;
  gpointer value;

  g_return_val_if_fail (WM_IS_INSTRUMENT_REGISTRY (self), NULL);

  list = g_ptr_array_new_with_free_func (g_object_unref);
  g_hash_table_iter_init (&iter, self->latest);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (list, g_object_ref (value));
  g_ptr_array_sort (list, compare_by_id);
  return list;
}

/**
 * wm_instrument_registry_find_for:
 * @self: a registry
 * @assessment: an assessment payload, a{sv}
 * @error: return location for a #WM_INSTRUMENT_ERROR or #WM_CORE_ERROR
 *
 * Returns: (transfer none) (nullable): the definition @assessment was
 *   made with: its "instrument" at its "instrument-version"
 */
WmInstrument *
wm_instrument_registry_find_for (WmInstrumentRegistry  *self,
                                 GVariant              *assessment,
                                 GError               **error)
{
  WmInstrument *instrument;
  const char *id;
  guint32 version;

  g_return_val_if_fail (WM_IS_INSTRUMENT_REGISTRY (self), NULL);
  g_return_val_if_fail (assessment != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!wm_payload_check_type (assessment, WM_ASSESSMENT_INSTRUMENT, G_VARIANT_TYPE_STRING, TRUE, error)
      || !wm_payload_check_type (assessment, WM_ASSESSMENT_INSTRUMENT_VERSION, G_VARIANT_TYPE_UINT32, TRUE, error))
    return NULL;
  id = wm_payload_get_string (assessment, WM_ASSESSMENT_INSTRUMENT);
  wm_payload_get_uint (assessment, WM_ASSESSMENT_INSTRUMENT_VERSION, &version);

  instrument = wm_instrument_registry_lookup (self, id, version);
  if (instrument == NULL)
    {
      if (wm_instrument_registry_lookup_latest (self, id) == NULL)
        g_set_error (error, WM_CORE_ERROR, WM_CORE_ERROR_UNKNOWN_VALUE,
                     /* Translators: %s is the name of a field, “Assessment tool”. */
                     _("The field “%s” names an assessment tool this Waymark does not have. "
                       "Install its definition, or choose another tool."),
                     wm_payload_get_field_label (WM_ASSESSMENT_INSTRUMENT));
      else
        g_set_error (error, WM_INSTRUMENT_ERROR, WM_INSTRUMENT_ERROR_NOT_FOUND,
                     /* Translators: a version number, then the tool's name. */
                     _("This assessment was made with version %u of “%s”, which this Waymark does not "
                       "have. Install that version’s definition, or update Waymark."),
                     version, wm_instrument_get_title (wm_instrument_registry_lookup_latest (self, id)));
      return NULL;
    }
  return instrument;
}

static char *
shipped_dir (void)
{
  const char *build_root = wm_uninstalled_build_root ();

  if (build_root != NULL)
    return g_build_filename (build_root, "data", "instruments", NULL);
  return g_build_filename (PKGDATADIR, "instruments", NULL);
}

/**
 * wm_instrument_dup_search_dirs:
 *
 * Returns: (transfer full): the folders the default registry reads, in
 *   order: Waymark's own definitions first
 */
char **
wm_instrument_dup_search_dirs (void)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autofree char *shipped = shipped_dir ();
  const char *const *system_dirs = g_get_system_data_dirs ();
  g_autofree char *user_dir = g_build_filename (g_get_user_data_dir (), "waymark", "instruments", NULL);

  g_strv_builder_add (builder, shipped);
  for (guint i = 0; system_dirs[i] != NULL; i++)
    {
      g_autofree char *dir = g_build_filename (system_dirs[i], "waymark", "instruments", NULL);

      /* The installed definitions usually sit under a system data folder:
       * read once, as Waymark's own. */
      if (!g_str_equal (dir, shipped))
        g_strv_builder_add (builder, dir);
    }
  g_strv_builder_add (builder, user_dir);
  return g_strv_builder_end (builder);
}

/**
 * wm_instrument_registry_get_default:
 *
 * The registry of every definition installed (see the top of the file).
 * It is made once and never changes, so any thread may read it.
 *
 * Returns: (transfer none): the default registry
 */
WmInstrumentRegistry *
wm_instrument_registry_get_default (void)
{
  static WmInstrumentRegistry *registry = NULL;

  if (g_once_init_enter (&registry))
    {
      WmInstrumentRegistry *made = wm_instrument_registry_new ();
      g_auto(GStrv) dirs = wm_instrument_dup_search_dirs ();
      g_autoptr(GPtrArray) failures = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);

      for (guint i = 0; dirs[i] != NULL; i++)
        wm_instrument_registry_add_directory (made, dirs[i], failures);
      /* Definitions carry no personal data: the message is safe to log. */
      for (guint i = 0; i < failures->len; i++)
        g_message ("%s", ((GError *) g_ptr_array_index (failures, i))->message);
      if (wm_instrument_registry_lookup_latest (made, WM_INSTRUMENT_ACE) == NULL)
        g_message ("No definition of the instrument “%s” in %s", WM_INSTRUMENT_ACE, dirs[0]);
      g_once_init_leave (&registry, made);
    }
  return registry;
}
