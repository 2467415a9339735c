/* wm-bench-util.c — what every store benchmark engine shares: options,
 * clocks, statistics, the caseload fields, and the JSON it prints
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * This file sees neither SQLite nor the store, so one copy of it serves
 * bench-store (system SQLite) and bench-sqlcipher (SQLCipher's SQLite).
 */

#define G_LOG_DOMAIN "wm-bench"

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "wm-bench-data.h"
#include "wm-bench-util.h"

gboolean
wm_bench_options_parse (WmBenchOptions  *options,
                        int             *argc,
                        char          ***argv,
                        GError         **error)
{
  const GOptionEntry entries[] = {
    { "engine", 0, 0, G_OPTION_ARG_STRING, &options->engine, "waymark, plain or sqlcipher", "ENGINE" },
    { "phase", 0, 0, G_OPTION_ARG_STRING, &options->phase, "build, or serve the driver's commands", "PHASE" },
    { "dir", 0, 0, G_OPTION_ARG_FILENAME, &options->dir, "directory of the engine's database", "DIR" },
    { "people", 0, 0, G_OPTION_ARG_INT, &options->people, "young people in the organisation", "N" },
    { "seed", 0, 0, G_OPTION_ARG_INT, &options->seed, "seed of the synthetic data", "N" },
    { "caseworkers", 0, 0, G_OPTION_ARG_INT, &options->caseworkers, "caseworkers in the team", "N" },
    { "batch", 0, 0, G_OPTION_ARG_INT, &options->batch, "cases per transaction while building", "N" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("- the store benchmark, one engine");

  *options = (WmBenchOptions) { .people = 10000, .seed = 20260302, .caseworkers = 20, .batch = 500 };
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, argc, argv, error))
    return FALSE;
  if (options->engine == NULL || options->dir == NULL
      || (g_strcmp0 (options->phase, "build") != 0 && g_strcmp0 (options->phase, "serve") != 0))
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           "--engine, --phase=build|serve and --dir are required");
      return FALSE;
    }
  if (options->people < 1 || options->caseworkers < 1 || options->batch < 1)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           "--people, --caseworkers and --batch must be at least 1");
      return FALSE;
    }
  return TRUE;
}

void
wm_bench_options_clear (WmBenchOptions *options)
{
  g_clear_pointer (&options->engine, g_free);
  g_clear_pointer (&options->phase, g_free);
  g_clear_pointer (&options->dir, g_free);
}

char *
wm_bench_caseworker_name (guint index)
{
  return g_strdup_printf ("bench.caseworker%02u", index + 1);
}

guint
wm_bench_caseworker_of (const WmBenchOptions *options,
                        guint                 index)
{
  guint per_caseworker = ((guint) options->people + options->caseworkers - 1) / options->caseworkers;

  return index / per_caseworker;
}

gint64
wm_bench_now_ns (void)
{
  struct timespec now;

  clock_gettime (CLOCK_MONOTONIC, &now);
  return (gint64) now.tv_sec * G_GINT64_CONSTANT (1000000000) + now.tv_nsec;
}

double
wm_bench_ms_since (gint64 start_ns)
{
  return (double) (wm_bench_now_ns () - start_ns) / 1e6;
}

/* Milliseconds since *clock_ns, which moves on to now: for timing the
 * phases of a loop one after another. */
double
wm_bench_lap (gint64 *clock_ns)
{
  gint64 now = wm_bench_now_ns ();
  double ms = (double) (now - *clock_ns) / 1e6;

  *clock_ns = now;
  return ms;
}

void
wm_bench_emit_value (const char *engine,
                     const char *metric,
                     const char *unit,
                     double      value)
{
  printf ("{\"engine\": \"%s\", \"metric\": \"%s\", \"unit\": \"%s\", \"value\": %.6f}\n",
          engine, metric, unit, value);
  fflush (stdout);
}

/* The high-water mark of this process's own memory map, which
 * wm_bench_hwm_reset() starts again (Linux's /proc/PID/clear_refs). */
glong
wm_bench_hwm_kib (void)
{
  g_autofree char *status = NULL;
  const char *line;
  long kib = -1;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL)
      || (line = strstr (status, "\nVmHWM:")) == NULL
      || sscanf (line, "\nVmHWM: %ld", &kib) != 1)
    return -1;
  return kib;
}

void
wm_bench_hwm_reset (void)
{
  /* Written in place: g_file_set_contents() would replace the file. Not
   * fatal where /proc is read-only: the figure is then the whole
   * process's, as getrusage() gives it. */
  FILE *clear_refs = fopen ("/proc/self/clear_refs", "w");

  if (clear_refs == NULL)
    return;
  fputs ("5", clear_refs);
  fclose (clear_refs);
}

glong
wm_bench_minor_faults (void)
{
  struct rusage usage;

  if (getrusage (RUSAGE_SELF, &usage) != 0)
    return -1;
  return usage.ru_minflt;
}

static void
caseload_row_clear (gpointer data)
{
  WmBenchCaseloadRow *row = data;

  g_free (row->reference);
  g_free (row->name);
  g_free (row->status);
  g_free (row->safety);
  g_free (row->harm);
  g_free (row->exploitation);
}

GArray *
wm_bench_caseload_new (guint reserve)
{
  GArray *caseload = g_array_sized_new (FALSE, TRUE, sizeof (WmBenchCaseloadRow), reserve);

  g_array_set_clear_func (caseload, caseload_row_clear);
  return caseload;
}

/* The string values of @keys in @dictionary, in one walk of it, as the
 * desk's rows read them (app/core/wm-case.c): a g_variant_lookup() a
 * field walks the dictionary each time and takes GLib's type-info lock,
 * which made this phase cost every engine 8 µs a row. */
static void
read_strings (GVariant           *dictionary,
              const char * const *keys,
              const char        **out)
{
  GVariantIter iter;
  const char *key;
  GVariant *value;

  if (dictionary == NULL)
    return;
  g_variant_iter_init (&iter, dictionary);
  while (g_variant_iter_next (&iter, "{&sv}", &key, &value))
    {
      for (guint i = 0; keys[i] != NULL; i++)
        if (out[i] == NULL && strcmp (keys[i], key) == 0 && g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
          /* The string lives in @dictionary's data, which outlives @value. */
          out[i] = g_variant_get_string (value, NULL);
      g_variant_unref (value);
    }
}

/* Whole years on the benchmark's today; -1 for a missing or bad date. */
static gint
age_in_years (const char *date_of_birth)
{
  guint year, month, day;
  gint age;

  if (date_of_birth == NULL || sscanf (date_of_birth, "%4u-%2u-%2u", &year, &month, &day) != 3)
    return -1;
  age = WM_BENCH_TODAY_YEAR - (gint) year;
  if (WM_BENCH_TODAY_MONTH < month || (WM_BENCH_TODAY_MONTH == month && WM_BENCH_TODAY_DAY < day))
    age--;
  return age;
}

void
wm_bench_caseload_row_fill (WmBenchCaseloadRow *row,
                            gint64              case_id,
                            const char         *reference,
                            GVariant           *profile,
                            GVariant           *latest_assessment)
{
  static const char * const profile_keys[] = { "given-name", "family-name", "date-of-birth", "status", NULL };
  static const char * const level_keys[] = { "safety-wellbeing", "serious-harm", "exploitation", NULL };
  const char *fields[G_N_ELEMENTS (profile_keys)] = { NULL };
  const char *levels[G_N_ELEMENTS (level_keys)] = { NULL };

  row->case_id = case_id;
  row->reference = g_strdup (reference);
  read_strings (profile, profile_keys, fields);
  row->name = g_strconcat (fields[0] ? fields[0] : "", " ", fields[1] ? fields[1] : "", NULL);
  row->age = age_in_years (fields[2]);
  row->status = g_strdup (fields[3]);

  if (latest_assessment != NULL)
    {
      GVariantIter iter;
      const char *key;
      GVariant *value;

      g_variant_iter_init (&iter, latest_assessment);
      while (g_variant_iter_next (&iter, "{&sv}", &key, &value))
        {
          if (strcmp (key, "judgements") == 0 && g_variant_is_of_type (value, G_VARIANT_TYPE ("a{ss}")))
            {
              GVariantIter judgements;
              const char *judgement, *level;

              g_variant_iter_init (&judgements, value);
              while (g_variant_iter_next (&judgements, "{&s&s}", &judgement, &level))
                for (guint i = 0; level_keys[i] != NULL; i++)
                  if (levels[i] == NULL && strcmp (level_keys[i], judgement) == 0)
                    levels[i] = level;
              /* Copied while @value holds the strings. */
              row->safety = g_strdup (levels[0]);
              row->harm = g_strdup (levels[1]);
              row->exploitation = g_strdup (levels[2]);
            }
          g_variant_unref (value);
        }
    }
}

gboolean
wm_bench_caseload_check (GArray  *caseload,
                         guint    expected,
                         GError **error)
{
  if (caseload->len != expected)
    {
      g_set_error (error, WM_BENCH_ERROR, 0,
                   "the caseload has %u rows, not %u", caseload->len, expected);
      return FALSE;
    }
  for (guint i = 0; i < caseload->len; i++)
    {
      const WmBenchCaseloadRow *row = &g_array_index (caseload, WmBenchCaseloadRow, i);

      if (row->age < 10 || row->age > 25 || row->status == NULL
          || row->safety == NULL || row->harm == NULL || row->exploitation == NULL)
        {
          g_set_error (error, WM_BENCH_ERROR, 0,
                       "caseload row %u (case %" G_GINT64_FORMAT ", %s) lacks a field",
                       i, row->case_id, row->reference);
          return FALSE;
        }
    }
  return TRUE;
}

gsize
wm_bench_touch_record (int       kind,
                       GVariant *payload)
{
  const char *key = kind == WM_BENCH_KIND_CONTACT ? "note"
                    : kind == WM_BENCH_KIND_ASSESSMENT ? "state" : "family-name";
  const char *value = NULL;

  if (payload == NULL || !g_variant_lookup (payload, key, "&s", &value))
    return 0;
  return strlen (value);
}

/* JSON wants only quotes, backslashes and control characters escaped;
 * g_strescape() would also escape UTF-8, into octal JSON does not know. */
static void
append_json_string (GString    *out,
                    const char *text)
{
  g_string_append_c (out, '"');
  for (const char *c = text; *c != '\0'; c++)
    {
      if (*c == '"' || *c == '\\')
        g_string_append_printf (out, "\\%c", *c);
      else if ((guchar) *c < 0x20)
        g_string_append_printf (out, "\\u%04x", (guchar) *c);
      else
        g_string_append_c (out, *c);
    }
  g_string_append_c (out, '"');
}

static gboolean
parse_index (const WmBenchOptions  *options,
             const char            *text,
             guint                 *out_index,
             GError               **error)
{
  guint64 index;

  if (text == NULL || !g_ascii_string_to_unsigned (text, 10, 0, (guint64) options->people - 1, &index, error))
    {
      if (text == NULL)
        g_set_error_literal (error, WM_BENCH_ERROR, 0, "a person's index is missing");
      return FALSE;
    }
  *out_index = (guint) index;
  return TRUE;
}

static gboolean
parse_caseload (const char       *text,
                WmBenchCaseload  *out_which,
                GError          **error)
{
  static const char *const names[] = { "first", "unlocked", "again", "sql" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      if (g_strcmp0 (text, names[i]) == 0)
        {
          *out_which = (WmBenchCaseload) i;
          return TRUE;
        }
    }
  g_set_error (error, WM_BENCH_ERROR, 0, "caseload wants first, unlocked, again or sql, not %s",
               text ? text : "nothing");
  return FALSE;
}

/* One command: appends the JSON reply's members to @reply. */
static gboolean
run_command (const WmBenchOptions  *options,
             const WmBenchEngine   *vtable,
             gpointer               engine,
             char                 **words,
             GString               *reply,
             GError               **error)
{
  static const char *const phase_names[WM_BENCH_N_PHASES] = {
    "sql", "key", "decrypt", "parse", "fields", "free",
  };
  const char *command = words[0];
  double ms = 0;
  guint index;

  if (g_strcmp0 (command, "describe") == 0)
    {
      g_autofree char *text = vtable->describe (engine);

      g_string_append (reply, "\"text\": ");
      append_json_string (reply, text);
      return TRUE;
    }
  if (g_strcmp0 (command, "kdf") == 0)
    {
      if (vtable->kdf == NULL)
        {
          g_set_error (error, WM_BENCH_ERROR, 0, "%s derives no key", vtable->name);
          return FALSE;
        }
      if (!vtable->kdf (engine, &ms, error))
        return FALSE;
      g_string_append_printf (reply, "\"ms\": %.6f", ms);
      return TRUE;
    }
  if (g_strcmp0 (command, "caseload") == 0)
    {
      WmBenchCaseload which;
      glong faults;

      if (!parse_caseload (words[1], &which, error))
        return FALSE;
      if (which == WM_BENCH_CASELOAD_UNLOCKED && !vtable->unlock (engine, error))
        return FALSE;
      faults = wm_bench_minor_faults ();
      if (!vtable->caseload (engine, which, &ms, error))
        return FALSE;
      /* %.6f, not %g: the driver should see nanoseconds, never exponents. */
      g_string_append_printf (reply, "\"ms\": %.6f, \"faults\": %ld", ms, wm_bench_minor_faults () - faults);
      return TRUE;
    }
  if (g_strcmp0 (command, "phases") == 0)
    {
      WmBenchPhases phases;

      if (!vtable->unlock (engine, error) || !vtable->phases (engine, &phases, error))
        return FALSE;
      g_string_append (reply, "\"phases\": {");
      for (guint phase = 0; phase < WM_BENCH_N_PHASES; phase++)
        g_string_append_printf (reply, "%s\"%s\": %.6f", phase > 0 ? ", " : "", phase_names[phase],
                                phases.ms[phase]);
      g_string_append_c (reply, '}');
      return TRUE;
    }
  if (g_strcmp0 (command, "open") == 0 || g_strcmp0 (command, "open-read") == 0)
    {
      if (!parse_index (options, words[1], &index, error)
          || !vtable->open_case (engine, (gint64) index + 1, g_strcmp0 (command, "open") == 0, &ms, error))
        return FALSE;
      g_string_append_printf (reply, "\"ms\": %.6f", ms);
      return TRUE;
    }
  if (g_strcmp0 (command, "save") == 0)
    {
      g_autoptr(GVariant) assessment = NULL;
      guint64 serial;

      if (!parse_index (options, words[1], &index, error)
          || words[2] == NULL
          || !g_ascii_string_to_unsigned (words[2], 10, 0, G_MAXUINT, &serial, error))
        {
          if (error != NULL && *error == NULL)
            g_set_error_literal (error, WM_BENCH_ERROR, 0, "save wants a person's index and a serial number");
          return FALSE;
        }
      /* Made before the clock starts: what is timed is storing an
       * assessment, not inventing one. */
      assessment = wm_bench_assessment_new ((guint32) options->seed, index, (guint) serial);
      if (!vtable->save (engine, (gint64) index + 1,
                         WM_BENCH_CASEWORKER_ID (wm_bench_caseworker_of (options, index)),
                         assessment, &ms, error))
        return FALSE;
      g_string_append_printf (reply, "\"ms\": %.6f", ms);
      return TRUE;
    }
  if (g_strcmp0 (command, "read-all") == 0)
    {
      if (vtable->read_all == NULL)
        {
          g_set_error (error, WM_BENCH_ERROR, 0, "%s keeps nothing of what it read", vtable->name);
          return FALSE;
        }
      if (!vtable->read_all (engine, &ms, error))
        return FALSE;
      g_string_append_printf (reply, "\"ms\": %.6f", ms);
      return TRUE;
    }
  if (g_strcmp0 (command, "peaks") == 0)
    {
      glong whole = 0, work = 0;

      vtable->peaks (engine, &whole, &work);
      g_string_append_printf (reply, "\"whole_kib\": %ld, \"work_kib\": %ld", whole, work);
      return TRUE;
    }
  g_set_error (error, WM_BENCH_ERROR, 0, "unknown command %s", command);
  return FALSE;
}

int
wm_bench_serve (const WmBenchOptions *options,
                const WmBenchEngine  *vtable,
                gpointer              engine)
{
  char line[256];

  while (fgets (line, sizeof line, stdin) != NULL)
    {
      g_auto(GStrv) words = g_strsplit (g_strstrip (line), " ", -1);
      g_autoptr(GString) reply = g_string_new ("{");
      g_autoptr(GError) error = NULL;

      if (words[0] == NULL || g_strcmp0 (words[0], "quit") == 0)
        break;
      if (!run_command (options, vtable, engine, words, reply, &error))
        {
          g_string_truncate (reply, 1);
          g_string_append (reply, "\"error\": ");
          append_json_string (reply, error->message);
          printf ("%s}\n", reply->str);
          fflush (stdout);
          return 1;
        }
      printf ("%s}\n", reply->str);
      fflush (stdout);
    }
  return 0;
}
