/* wm-cli-cases.c — waymark-cli's case commands: demo, list, show
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * These print young people's details, so they print them only to standard
 * output, for the signed-in user who holds the case keys; errors name
 * cases by reference only.
 */

#define G_LOG_DOMAIN "wm-cli"

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "wm-assessment.h"
#include "wm-casebook.h"
#include "wm-cli.h"
#include "wm-cli-input.h"
#include "wm-date.h"
#include "wm-demo-database.h"
#include "wm-payload.h"
#include "wm-person.h"

#define DEMO_MAX_PEOPLE WM_DEMO_MAX_PEOPLE

static gint
compare_users_by_id (gconstpointer a,
                     gconstpointer b)
{
  const WmUser *x = *(const WmUser * const *) a;
  const WmUser *y = *(const WmUser * const *) b;

  return x->id < y->id ? -1 : x->id > y->id;
}

static gboolean
supervises (const WmUser *caseworker,
            gint64        supervisor_id)
{
  for (guint i = 0; caseworker->supervisor_ids != NULL && i < caseworker->supervisor_ids->len; i++)
    {
      if (g_array_index (caseworker->supervisor_ids, gint64, i) == supervisor_id)
        return TRUE;
    }
  return FALSE;
}

/**
 * wm_cli_list_caseworkers:
 *
 * The active caseworkers the signed-in user may give cases to, in the
 * order they were added: a supervisor's own team, or, for an
 * administrator, everyone's; a caseworker gives cases to nobody else.
 *
 * Returns: (transfer full) (element-type WmUser): never empty, or %NULL
 *   with @error set
 */
GPtrArray *
wm_cli_list_caseworkers (WmCli      *cli,
                         WmSession  *session,
                         GError    **error)
{
  g_autoptr(GPtrArray) users = wm_cli_list_users (cli, NULL, error);
  g_autoptr(GPtrArray) caseworkers = NULL;
  WmRole role = wm_session_get_role (session);

  if (users == NULL)
    return NULL;

  caseworkers = g_ptr_array_new_with_free_func ((GDestroyNotify) wm_user_free);
  for (guint i = 0; i < users->len; i++)
    {
      WmUser *user = g_ptr_array_index (users, i);

      if (user->role != WM_ROLE_CASEWORKER || user->disabled)
        continue;
      if (role == WM_ROLE_SUPERVISOR && !supervises (user, wm_session_get_user_id (session)))
        continue;
      if (role == WM_ROLE_CASEWORKER && user->id != wm_session_get_user_id (session))
        continue;
      g_ptr_array_add (caseworkers, g_ptr_array_steal_index (users, i));
      i--;
    }
  g_ptr_array_sort (caseworkers, compare_users_by_id);

  if (caseworkers->len == 0)
    {
      if (role == WM_ROLE_SUPERVISOR)
        g_set_error (error, WM_CLI_ERROR, WM_CLI_ERROR_FAILED,
                     _("No active caseworker is in your team to give the cases to. Add one first with "
                       "“waymark-cli user add NAME --role caseworker --supervisor %s”."),
                     wm_session_get_user_name (session));
      else
        g_set_error_literal (error, WM_CLI_ERROR, WM_CLI_ERROR_FAILED,
                             _("There is no active caseworker to give the cases to. Add a caseworker first "
                               "with “waymark-cli user add NAME --role caseworker”."));
      return NULL;
    }
  return g_steal_pointer (&caseworkers);
}

static void
print_progress_cb (guint    done,
                   guint    total,
                   gpointer user_data)
{
  fputc ('\r', stderr);
  fprintf (stderr, _("Created %d of %d…"), (int) done, (int) total);
  fflush (stderr);
}

static gboolean
stopped_after (GError   **error,
               gint       done,
               gboolean   terminal)
{
  if (terminal)
    fputc ('\n', stderr);
  if (done > 0)
    g_prefix_error (error,
                    g_dngettext (GETTEXT_PACKAGE,
                                 "Stopped after %d young person: ",
                                 "Stopped after %d young people: ", done),
                    done);
  return FALSE;
}

static gint people;
static char *seed_text;
static char *today_text;

const GOptionEntry wm_cli_demo_options[] = {
  { "people", 'n', 0, G_OPTION_ARG_INT, &people,
    N_("How many young people to create"), N_("N") },
  { "seed", 0, 0, G_OPTION_ARG_STRING, &seed_text,
    N_("The same seed (and date) makes the same people; random if not given"), N_("SEED") },
  { "today", 0, 0, G_OPTION_ARG_STRING, &today_text,
    N_("Make the data as if today were DATE (YYYY-MM-DD), for data that does not change with the day"),
    N_("DATE") },
  G_OPTION_ENTRY_NULL
};

/* What "demo" made of its options. */
static guint64 seed;
static GDate demo_today;

WmCliNext
wm_cli_demo_check (WmCli   *cli,
                   char   **args,
                   GError **error)
{
  g_autoptr(GError) local_error = NULL;

  if (people < 1 || people > DEMO_MAX_PEOPLE)
    {
      g_set_error (error, WM_CLI_ERROR, WM_CLI_ERROR_USAGE,
                   _("Say how many young people to create with --people N, from 1 to %d."),
                   DEMO_MAX_PEOPLE);
      return WM_CLI_FAILED;
    }
  if (seed_text == NULL)
    seed = g_random_int ();
  else if (!g_ascii_string_to_unsigned (seed_text, 10, 0, G_MAXUINT32, &seed, NULL))
    {
      g_set_error (error, WM_CLI_ERROR, WM_CLI_ERROR_USAGE,
                   _("The seed must be a whole number from 0 to %u."), G_MAXUINT32);
      return WM_CLI_FAILED;
    }
  if (today_text == NULL)
    wm_date_set_today (&demo_today);
  else if (!wm_date_parse_iso (today_text, &demo_today, &local_error))
    {
      g_set_error (error, WM_CLI_ERROR, WM_CLI_ERROR_USAGE, "--today: %s", local_error->message);
      return WM_CLI_FAILED;
    }
  return WM_CLI_GO_ON;
}

gboolean
wm_cli_demo_run (WmCli       *cli,
                 WmSession   *session,
                 char       **args,
                 GError     **error)
{
  g_autoptr(GPtrArray) caseworkers = NULL;
  gboolean terminal = isatty (fileno (stderr));
  guint done = 0;

  caseworkers = wm_cli_list_caseworkers (cli, session, error);
  if (caseworkers == NULL)
    return FALSE;

  /* The same generator and batches as the window's demo database
   * (wm-demo-database.c): round robin over the caseworkers, in the order
   * they were added, so the same seed over the same team gives everyone
   * the same people; a failure loses only its batch. */
  if (!wm_demo_add_people (session, caseworkers, (guint) people, (guint32) seed, &demo_today, NULL,
                           terminal ? print_progress_cb : NULL, NULL, &done, error))
    return stopped_after (error, (gint) done, terminal);
  if (terminal)
    fputc ('\n', stderr);

  /* Two sentences, each with its own plural, rather than one sentence
   * with two numbers that no plural rule fits. */
  wm_cli_print (g_dngettext (GETTEXT_PACKAGE,
                             "Created %d synthetic young person (seed %llu).",
                             "Created %d synthetic young people (seed %llu).",
                             people),
                people, (unsigned long long) seed);
  wm_cli_print (" ");
  wm_cli_print (g_dngettext (GETTEXT_PACKAGE,
                             "Their cases went to %u caseworker.\n",
                             "Their cases went to %u caseworkers in turn.\n",
                             caseworkers->len),
                caseworkers->len);
  return TRUE;
}

static gint
compare_entries_by_reference (gconstpointer a,
                              gconstpointer b)
{
  const WmCaseloadEntry *x = *(const WmCaseloadEntry * const *) a;
  const WmCaseloadEntry *y = *(const WmCaseloadEntry * const *) b;

  return strcmp (x->info.reference, y->info.reference);
}

/* Tabs and newlines in a name would break the one-line, tab-separated
 * format; they have no business in a name, so they become spaces. */
static char *
dup_field (const char *text)
{
  char *field = g_strdup (text != NULL ? text : "");

  g_strdelimit (field, "\t\r\n", ' ');
  return field;
}

/* --json output of "list" and "show": indented, so a person can read it
 * too, and ended by a newline, as text output is. */
static void
print_json (JsonNode *root)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, NULL);
  wm_cli_print ("%s\n", text);
}

/* What "list" says of one case, whether as a line or as JSON. A case that
 * does not open is listed, not skipped: it is still on the caseload, and
 * "verify" says what is wrong with it. */
typedef struct
{
  const char *reference;
  char       *name;    /* NULL when the case does not open */
  gboolean    has_age;
  guint       age;
  const char *status;  /* "unreadable" when the case does not open */
} ListRow;

static void
list_row_init (ListRow               *row,
               const WmCaseloadEntry *entry,
               const GDate           *today)
{
  memset (row, 0, sizeof *row);
  row->reference = entry->info.reference;
  if (entry->profile == NULL)
    {
      row->status = "unreadable";
      return;
    }
  row->name = wm_person_dup_display_name (entry->profile);
  row->has_age = wm_person_get_age (entry->profile, today, &row->age, NULL);
  row->status = wm_person_get_status (entry->profile);
}

static void
list_row_clear (ListRow *row)
{
  g_clear_pointer (&row->name, g_free);
}

static void
print_list_row_text (const ListRow *row)
{
  g_autofree char *name = dup_field (row->name);
  g_autofree char *age = row->has_age ? g_strdup_printf ("%u", row->age) : g_strdup ("");
  g_autofree char *status = dup_field (row->status);

  wm_cli_print ("%s\t%s\t%s\t%s\n", row->reference, name, age, status);
}

static void
add_list_row_json (JsonBuilder   *builder,
                   const ListRow *row)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "reference");
  json_builder_add_string_value (builder, row->reference);
  json_builder_set_member_name (builder, "name");
  if (row->name != NULL)
    json_builder_add_string_value (builder, row->name);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "age");
  if (row->has_age)
    json_builder_add_int_value (builder, row->age);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "status");
  if (row->status != NULL)
    json_builder_add_string_value (builder, row->status);
  else
    json_builder_add_null_value (builder);
  json_builder_end_object (builder);
}

static gboolean json;

const GOptionEntry wm_cli_list_options[] = {
  { "json", 0, 0, G_OPTION_ARG_NONE, &json,
    N_("Print JSON: an array with an object for each case, with its reference, name, age and status"),
    NULL },
  G_OPTION_ENTRY_NULL
};

gboolean
wm_cli_list_run (WmCli       *cli,
                 WmSession   *session,
                 char       **args,
                 GError     **error)
{
  g_autoptr(GPtrArray) caseload = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  GDate now;

  caseload = wm_session_list_caseload (session, error);
  if (caseload == NULL)
    return FALSE;
  g_ptr_array_sort (caseload, compare_entries_by_reference);

  wm_date_set_today (&now);
  if (json)
    {
      builder = json_builder_new ();
      json_builder_begin_array (builder);
    }
  for (guint i = 0; i < caseload->len; i++)
    {
      ListRow row;

      list_row_init (&row, g_ptr_array_index (caseload, i), &now);
      if (json)
        add_list_row_json (builder, &row);
      else
        print_list_row_text (&row);
      list_row_clear (&row);
    }
  if (json)
    {
      g_autoptr(JsonNode) root = NULL;

      json_builder_end_array (builder);
      root = json_builder_get_root (builder);
      print_json (root);
    }
  return TRUE;
}

static gint
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static void
print_indent (guint indent)
{
  for (guint i = 0; i < indent; i++)
    fputc (' ', stdout);
}

static void print_value (const char *key,
                         GVariant   *value,
                         guint       indent);

/* A dictionary's entries, by key, so two records of a kind read alike. */
static void
print_dict (GVariant *dict,
            guint     indent)
{
  g_autoptr(GPtrArray) keys = g_ptr_array_new ();
  GVariantIter iter;
  const char *key;
  GVariant *value;

  g_variant_iter_init (&iter, dict);
  while (g_variant_iter_next (&iter, "{&s@*}", &key, NULL))
    g_ptr_array_add (keys, (gpointer) key);
  g_ptr_array_sort (keys, compare_strings);

  for (guint i = 0; i < keys->len; i++)
    {
      g_autoptr(GVariant) child = NULL;

      key = g_ptr_array_index (keys, i);
      child = g_variant_lookup_value (dict, key, NULL);
      value = child;
      print_value (key, value, indent);
    }
}

static void
print_value (const char *key,
             GVariant   *value,
             guint       indent)
{
  g_autoptr(GVariant) unboxed = NULL;

  if (g_variant_is_of_type (value, G_VARIANT_TYPE_VARIANT))
    {
      unboxed = g_variant_get_variant (value);
      value = unboxed;
    }

  print_indent (indent);
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
    {
      g_auto(GStrv) lines = g_strsplit (g_variant_get_string (value, NULL), "\n", -1);

      /* A note of several lines keeps its shape, indented under its key. */
      wm_cli_print ("%s: %s\n", key, lines[0]);
      for (guint i = 1; lines[i] != NULL; i++)
        {
          print_indent (indent + 2);
          wm_cli_print ("%s\n", lines[i]);
        }
    }
  else if (g_variant_is_of_type (value, G_VARIANT_TYPE ("a{s*}")))
    {
      wm_cli_print ("%s:\n", key);
      print_dict (value, indent + 2);
    }
  else if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING_ARRAY))
    {
      GVariantIter iter;
      const char *item;

      wm_cli_print ("%s:\n", key);
      g_variant_iter_init (&iter, value);
      while (g_variant_iter_next (&iter, "&s", &item))
        {
          print_indent (indent + 2);
          wm_cli_print ("- %s\n", item);
        }
    }
  else
    {
      g_autofree char *text = g_variant_print (value, FALSE);

      wm_cli_print ("%s: %s\n", key, text);
    }
}

static const char *
user_name_or_id (GHashTable *names,
                 gint64      id,
                 char      **out_fallback)
{
  const char *name = g_hash_table_lookup (names, &id);

  if (name != NULL)
    return name;
  *out_fallback = g_strdup_printf ("#%" G_GINT64_FORMAT, id);
  return *out_fallback;
}

static void
print_case_text (const WmCaseInfo *info,
                 GPtrArray        *records,
                 GHashTable       *names)
{
  g_autofree char *assignee_fallback = NULL;

  wm_cli_print (_("Case %s, assigned to %s\n"), info->reference,
                user_name_or_id (names, info->assigned_to, &assignee_fallback));

  for (guint i = 0; i < records->len; i++)
    {
      const WmRecord *record = g_ptr_array_index (records, i);
      g_autofree char *author_fallback = NULL;
      g_autofree char *written = wm_cli_format_time (record->written_usec);

      wm_cli_print ("\n");
      /* This line is for people, so the kind is its translated label;
       * --json gives the stable id, for scripts. */
      /* Translators: record kind, record id, version, time, author. */
      wm_cli_print (_("%s · record %lld · version %u · written %s by %s"),
                    wm_record_kind_get_label (record->kind), (long long) record->record_id, record->version,
                    record->payload != NULL ? written : "?",
                    user_name_or_id (names, record->author_id, &author_fallback));
      if (record->immutable)
        wm_cli_print (" · %s", _("sealed against edits"));
      if (record->amends_id > 0)
        wm_cli_print (_(" · amends record %lld"), (long long) record->amends_id);
      wm_cli_print ("\n");

      if (record->payload == NULL)
        {
          print_indent (2);
          wm_cli_print (_("could not be opened: %s\n"),
                        record->error != NULL ? record->error->message : _("unknown error"));
          continue;
        }
      print_dict (record->payload, 2);
    }
}

static JsonNode *
case_to_json (const WmCaseInfo *info,
              GPtrArray        *records,
              GHashTable       *names)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  const char *assignee = g_hash_table_lookup (names, &info->assigned_to);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "reference");
  json_builder_add_string_value (builder, info->reference);
  json_builder_set_member_name (builder, "assigned-to");
  if (assignee != NULL)
    json_builder_add_string_value (builder, assignee);
  else
    json_builder_add_null_value (builder);

  json_builder_set_member_name (builder, "records");
  json_builder_begin_array (builder);
  for (guint i = 0; i < records->len; i++)
    {
      const WmRecord *record = g_ptr_array_index (records, i);
      const char *author = g_hash_table_lookup (names, &record->author_id);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "kind");
      json_builder_add_string_value (builder, wm_record_kind_to_string (record->kind));
      json_builder_set_member_name (builder, "record-id");
      json_builder_add_int_value (builder, record->record_id);
      json_builder_set_member_name (builder, "version");
      json_builder_add_int_value (builder, record->version);
      json_builder_set_member_name (builder, "author");
      if (author != NULL)
        json_builder_add_string_value (builder, author);
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "immutable");
      json_builder_add_boolean_value (builder, record->immutable);
      json_builder_set_member_name (builder, "amends");
      if (record->amends_id > 0)
        json_builder_add_int_value (builder, record->amends_id);
      else
        json_builder_add_null_value (builder);

      if (record->payload != NULL)
        {
          g_autofree char *written = wm_cli_format_time (record->written_usec);

          json_builder_set_member_name (builder, "written");
          json_builder_add_string_value (builder, written);
          json_builder_set_member_name (builder, "payload");
          json_builder_add_value (builder, json_gvariant_serialize (record->payload));
        }
      else
        {
          json_builder_set_member_name (builder, "error");
          json_builder_add_string_value (builder, record->error != NULL ? record->error->message : "");
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

const GOptionEntry wm_cli_show_options[] = {
  { "json", 0, 0, G_OPTION_ARG_NONE, &json,
    N_("Print JSON: the case, then each record with its metadata and payload"), NULL },
  G_OPTION_ENTRY_NULL
};

gboolean
wm_cli_show_run (WmCli       *cli,
                 WmSession   *session,
                 char       **args,
                 GError     **error)
{
  g_autoptr(WmCaseInfo) info = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GPtrArray) users = NULL;
  g_autoptr(GHashTable) names = NULL;
  g_autofree char *reference = NULL;

  /* References are made of capitals and digits, but people read them
   * out and type them back in whatever case: "wm-7kq2xm" is WM-7KQ2XM. */
  reference = g_ascii_strup (args[0], -1);
  info = wm_session_find_case (session, reference, error);
  if (info == NULL)
    return FALSE;
  records = wm_session_open_case (session, info->id, error);
  if (records == NULL)
    return FALSE;
  users = wm_cli_list_users (cli, &names, error);
  if (users == NULL)
    return FALSE;

  if (json)
    {
      g_autoptr(JsonNode) root = case_to_json (info, records, names);

      print_json (root);
    }
  else
    print_case_text (info, records, names);
  return TRUE;
}
