/* wm-settings.c — the application's settings, from wherever the schema is
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * g_settings_new() aborts the process when its schema is not installed.
 * Waymark looks the schema up first: in the installed schemas (and
 * $GSETTINGS_SCHEMA_DIR), then, when running from its build folder, in the
 * schema compiled there; a schema found nowhere is an error to show, not a
 * crash.
 */

#define G_LOG_DOMAIN "wm-settings"

#include "config.h"

#include <glib/gi18n.h>

#include "wm-settings.h"
#include "wm-uninstalled.h"

static GSettingsSchema *
lookup_build_tree_schema (GSettingsSchemaSource *installed)
{
  g_autoptr(GSettingsSchemaSource) source = NULL;
  g_autofree char *directory = NULL;
  const char *build_root = wm_uninstalled_build_root ();

  if (build_root == NULL)
    return NULL;
  directory = g_build_filename (build_root, "data", NULL);
  source = g_settings_schema_source_new_from_directory (directory, installed, FALSE, NULL);
  if (source == NULL)
    return NULL;
  return g_settings_schema_source_lookup (source, APPLICATION_ID, FALSE);
}

/**
 * wm_settings_new:
 * @error: return location for a %G_IO_ERROR_NOT_FOUND
 *
 * Returns: (transfer full) (nullable): the org.waymark.Waymark settings, or
 *   %NULL when the schema is nowhere to be found
 */
GSettings *
wm_settings_new (GError **error)
{
  GSettingsSchemaSource *installed = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (installed != NULL)
    schema = g_settings_schema_source_lookup (installed, APPLICATION_ID, TRUE);
  if (schema == NULL)
    schema = lookup_build_tree_schema (installed);
  if (schema == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   /* Translators: %s is the schema's id, org.waymark.Waymark. */
                   _("Waymark’s settings schema %s is not installed. Install Waymark with "
                     "“meson install”, or start it from its source folder with build-aux/run."),
                   APPLICATION_ID);
      return NULL;
    }

  return g_settings_new_full (schema, NULL, NULL);
}
