/* test-cli.c — waymark-cli run as a user would: passphrases on stdin, one line on failure
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs the built waymark-cli ($WAYMARK_CLI) in a temporary directory per
 * test. Each sign-in costs an Argon2id derivation (64 MiB, 3 passes), so
 * the organisation every test starts from (an administrator, a supervisor,
 * two caseworkers in the supervisor's team, five demo young people) is
 * built once and copied into each test's directory.
 */

#define G_LOG_DOMAIN "test-cli"
#define _GNU_SOURCE  /* posix_openpt, grantpt, unlockpt, ptsname */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>

#define ADMIN_PASSPHRASE       "tawny-owl marches lantern 42"
#define SUPERVISOR_PASSPHRASE  "kestrel quarry bramble 77"
#define CASEWORKER1_PASSPHRASE "heron lock-keeper willow 19"
#define CASEWORKER2_PASSPHRASE "curlew ridgeway slate 58"
#define WRONG_PASSPHRASE       "curlew ridgeway slate 85"

/* Account names with letters beyond ASCII, as real staff have. */
#define SUPERVISOR   "Rhiannon"
#define CASEWORKER1  "Dafydd"
#define CASEWORKER2  "Łucja"

typedef struct
{
  char *dir;
  char *db;
} Fixture;

typedef struct
{
  int   status;
  char *out;
  char *err;
} Result;

static Fixture template;
static guint n_sign_ins;

static void
result_clear (Result *result)
{
  g_clear_pointer (&result->out, g_free);
  g_clear_pointer (&result->err, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Result, result_clear)

/* Starts waymark-cli --database DB ARGS… in the fixture's directory, with
 * @variable (NAME=VALUE, or %NULL) added to its environment. */
static GSubprocess *
spawn_cli_v (Fixture          *fixture,
             const char       *variable,
             GSubprocessFlags  flags,
             const char       *first_arg,
             va_list           args)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  GSubprocess *process;
  const char *cli = g_getenv ("WAYMARK_CLI");

  g_assert_nonnull (cli);
  g_ptr_array_add (argv, (gpointer) cli);
  g_ptr_array_add (argv, (gpointer) "--database");
  g_ptr_array_add (argv, fixture->db);
  for (const char *arg = first_arg; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (flags);
  g_subprocess_launcher_set_cwd (launcher, fixture->dir);
  /* Each test is a computer of its own, which has seen nothing yet. */
  {
    g_autofree char *state = g_build_filename (fixture->dir, "state", NULL);

    g_subprocess_launcher_setenv (launcher, "XDG_STATE_HOME", state, TRUE);
  }
  if (variable != NULL)
    {
      g_auto(GStrv) name_value = g_strsplit (variable, "=", 2);

      g_subprocess_launcher_setenv (launcher, name_value[0], name_value[1], TRUE);
    }
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  return process;
}

/* Runs waymark-cli --database DB ARGS…, with @input on standard input.
 * @sign_ins counts the key derivations it will cost, for the summary. */
static void
run_cli_v (Fixture     *fixture,
           Result      *result,
           guint        sign_ins,
           const char  *variable,
           const char  *input,
           const char  *first_arg,
           va_list      args)
{
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;

  process = spawn_cli_v (fixture, variable,
                         G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE
                         | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                         first_arg, args);

  result_clear (result);
  g_subprocess_communicate_utf8 (process, input != NULL ? input : "", NULL,
                                 &result->out, &result->err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  result->status = g_subprocess_get_exit_status (process);
  n_sign_ins += sign_ins;
}

static void
run_cli (Fixture    *fixture,
         Result     *result,
         guint       sign_ins,
         const char *input,
         const char *first_arg,
         ...)
{
  va_list args;

  va_start (args, first_arg);
  run_cli_v (fixture, result, sign_ins, NULL, input, first_arg, args);
  va_end (args);
}

/* As run_cli(), with @variable (NAME=VALUE) in the environment. */
static void
run_cli_with (Fixture    *fixture,
              Result     *result,
              guint       sign_ins,
              const char *variable,
              const char *input,
              const char *first_arg,
              ...)
{
  va_list args;

  va_start (args, first_arg);
  run_cli_v (fixture, result, sign_ins, variable, input, first_arg, args);
  va_end (args);
}

/* Runs waymark-cli --database DB ARGS… with standard input and standard
 * error on a pseudo-terminal, as a person at a terminal would: each time
 * the text @dialogue[i] appears, types @dialogue[i + 1] and Enter, never
 * before (a passphrase prompt drops what was typed ahead). Standard output
 * is captured apart; result->err gets what the terminal showed. */
static void
run_cli_at_terminal (Fixture            *fixture,
                     Result             *result,
                     guint               sign_ins,
                     const char * const *dialogue,
                     const char         *first_arg,
                     ...)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GString) screen = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  const char *cli = g_getenv ("WAYMARK_CLI");
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  gsize answered = 0;
  guint step = 0;
  int master, terminal;
  va_list args;

  g_assert_nonnull (cli);
  g_ptr_array_add (argv, (gpointer) cli);
  g_ptr_array_add (argv, (gpointer) "--database");
  g_ptr_array_add (argv, fixture->db);
  va_start (args, first_arg);
  for (const char *arg = first_arg; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  master = posix_openpt (O_RDWR | O_NOCTTY);
  g_assert_cmpint (master, >=, 0);
  g_assert_cmpint (grantpt (master), ==, 0);
  g_assert_cmpint (unlockpt (master), ==, 0);
  terminal = open (ptsname (master), O_RDWR | O_NOCTTY);
  g_assert_cmpint (terminal, >=, 0);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_subprocess_launcher_set_cwd (launcher, fixture->dir);
  g_subprocess_launcher_take_stdin_fd (launcher, terminal);
  g_subprocess_launcher_take_stderr_fd (launcher, dup (terminal));
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  /* The launcher holds this side's copies of the terminal: without them
   * closed, reading would never see the program go. */
  g_clear_object (&launcher);

  for (;;)
    {
      struct pollfd ready = { master, POLLIN, 0 };
      char buffer[512];
      ssize_t got;

      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      if (poll (&ready, 1, 100) <= 0)
        continue;
      got = read (master, buffer, sizeof buffer);
      if (got < 0 && errno == EINTR)
        continue;
      if (got <= 0)
        break;  /* EIO: the program closed the terminal */
      g_string_append_len (screen, buffer, got);
      if (dialogue[step] != NULL && strstr (screen->str + answered, dialogue[step]) != NULL)
        {
          g_autofree char *line = g_strconcat (dialogue[step + 1], "\n", NULL);

          g_assert_cmpint (write (master, line, strlen (line)), ==, (gssize) strlen (line));
          answered = screen->len;
          step += 2;
        }
    }
  close (master);

  result_clear (result);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &result->out, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  result->status = g_subprocess_get_exit_status (process);
  /* The terminal ends lines with CR LF. */
  {
    g_auto(GStrv) lines = g_strsplit (screen->str, "\r\n", -1);

    result->err = g_strjoinv ("\n", lines);
  }
  n_sign_ins += sign_ins;
}

/* Success: status 0 and nothing on standard error. */
static void
assert_ok (const Result *result)
{
  if (result->status != 0)
    g_test_message ("stderr: %s", result->err);
  g_assert_cmpint (result->status, ==, 0);
  g_assert_cmpstr (result->err, ==, "");
}

/* Failure: the status, and exactly one line "waymark-cli: …" on standard
 * error that mentions @in_message and none of the passphrases. */
static void
assert_fails (const Result *result,
              int           status,
              const char   *in_message)
{
  const char *passphrases[] = {
    ADMIN_PASSPHRASE, SUPERVISOR_PASSPHRASE, CASEWORKER1_PASSPHRASE, CASEWORKER2_PASSPHRASE, WRONG_PASSPHRASE,
  };

  g_assert_cmpint (result->status, ==, status);
  g_assert_true (g_str_has_prefix (result->err, "waymark-cli: "));
  g_assert_true (g_str_has_suffix (result->err, "\n"));
  g_assert_cmpint (strchr (result->err, '\n') - result->err, ==, (gssize) strlen (result->err) - 1);
  if (in_message != NULL && strstr (result->err, in_message) == NULL)
    g_error ("“%s” not in: %s", in_message, result->err);
  for (guint i = 0; i < G_N_ELEMENTS (passphrases); i++)
    g_assert_null (strstr (result->err, passphrases[i]));
}

static GStrv
split_lines (const char *text)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (*lines[i] != '\0')
        g_strv_builder_add (builder, lines[i]);
    }
  return g_strv_builder_end (builder);
}

static void
build_template (void)
{
  g_auto(Result) result = { 0 };
  g_autoptr(GError) error = NULL;

  template.dir = g_dir_make_tmp ("waymark-cli-template-XXXXXX", &error);
  g_assert_no_error (error);
  template.db = g_build_filename (template.dir, "waymark.db", NULL);

  run_cli (&template, &result, 1, ADMIN_PASSPHRASE "\n",
           "init", "--organisation", "Marches Diversion Network", "--admin", "admin", NULL);
  assert_ok (&result);
  run_cli (&template, &result, 2, ADMIN_PASSPHRASE "\n" SUPERVISOR_PASSPHRASE "\n",
           "--user", "admin", "user", "add", SUPERVISOR, "--role", "supervisor", NULL);
  assert_ok (&result);
  run_cli (&template, &result, 2, ADMIN_PASSPHRASE "\n" CASEWORKER1_PASSPHRASE "\n",
           "--user", "admin", "user", "add", CASEWORKER1, "--role", "caseworker", "--supervisor", SUPERVISOR, NULL);
  assert_ok (&result);
  run_cli (&template, &result, 2, ADMIN_PASSPHRASE "\n" CASEWORKER2_PASSPHRASE "\n",
           "user", "add", CASEWORKER2, "--role", "caseworker", "--supervisor", SUPERVISOR, "--user", "admin", NULL);
  assert_ok (&result);
  run_cli (&template, &result, 1, SUPERVISOR_PASSPHRASE "\n",
           "--user", SUPERVISOR, "demo", "--people", "5", "--seed", "1", NULL);
  assert_ok (&result);
  g_assert_cmpstr (result.out, ==, "Created 5 synthetic young people (seed 1). Their cases went to 2 caseworkers in turn.\n");
}

static void
copy_if_present (const char *from,
                 const char *to)
{
  g_autoptr(GFile) source = g_file_new_for_path (from);
  g_autoptr(GFile) destination = g_file_new_for_path (to);
  g_autoptr(GError) error = NULL;

  if (!g_file_query_exists (source, NULL))
    return;
  g_file_copy (source, destination, G_FILE_COPY_NONE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  gboolean empty = GPOINTER_TO_INT (user_data);
  g_autoptr(GError) error = NULL;

  if (!empty && template.dir == NULL)
    build_template ();

  fixture->dir = g_dir_make_tmp ("waymark-cli-test-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->db = g_build_filename (fixture->dir, "waymark.db", NULL);
  if (!empty)
    {
      const char *suffixes[] = { "", "-wal" };

      for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
        {
          g_autofree char *from = g_strconcat (template.db, suffixes[i], NULL);
          g_autofree char *to = g_strconcat (fixture->db, suffixes[i], NULL);

          copy_if_present (from, to);
        }
    }
}

static void
remove_directory (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    return;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      g_unlink (child);
    }
  g_rmdir (path);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  /* A test may have made the folder read-only. */
  g_chmod (fixture->dir, 0700);
  remove_directory (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->db);
}

/* The references a user's "list" prints, checking the line format. */
static GStrv
list_references (Fixture    *fixture,
                 const char *user,
                 const char *passphrase)
{
  g_auto(Result) result = { 0 };
  g_autofree char *input = g_strconcat (passphrase, "\n", NULL);
  g_autoptr(GStrvBuilder) references = g_strv_builder_new ();
  g_auto(GStrv) lines = NULL;

  run_cli (fixture, &result, 1, input, "list", "--user", user, NULL);
  assert_ok (&result);

  lines = split_lines (result.out);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[i], "\t", -1);
      guint64 age;

      /* reference, name, age, status: four fields, always. */
      g_assert_cmpuint (g_strv_length (fields), ==, 4);
      g_assert_true (g_str_has_prefix (fields[0], "WM-"));
      g_assert_cmpstr (fields[1], !=, "");
      g_assert_true (g_ascii_string_to_unsigned (fields[2], 10, 10, 25, &age, NULL));
      g_assert_cmpstr (fields[3], !=, "");
      if (i > 0)
        g_assert_cmpstr (lines[i - 1], <, lines[i]);
      g_strv_builder_add (references, fields[0]);
    }
  return g_strv_builder_end (references);
}

static void
test_version_and_help (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_auto(Result) result = { 0 };

  run_cli (fixture, &result, 0, NULL, "--version", NULL);
  assert_ok (&result);
  g_assert_cmpstr (result.out, ==, "waymark-cli " PACKAGE_VERSION "\n");

  run_cli (fixture, &result, 0, NULL, "--help", NULL);
  assert_ok (&result);
  g_assert_nonnull (strstr (result.out, "user add NAME"));
  g_assert_nonnull (strstr (result.out, "demo"));
  g_assert_nonnull (strstr (result.out, "standard input"));

  run_cli (fixture, &result, 0, NULL, "user", "add", "--help", NULL);
  assert_ok (&result);
  g_assert_nonnull (strstr (result.out, "--role"));
  g_assert_nonnull (strstr (result.out, "--supervisor"));
  g_assert_nonnull (strstr (result.out, "Reads the passphrase of --user"));

  /* Called wrongly: status 2, one line saying where to look. */
  run_cli (fixture, &result, 0, NULL, "frobnicate", NULL);
  assert_fails (&result, 2, "--help");
  run_cli (fixture, &result, 0, NULL, "show", "--user", "admin", NULL);
  assert_fails (&result, 2, "REFERENCE");
  run_cli (fixture, &result, 0, NULL, "list", NULL);
  assert_fails (&result, 2, "--user");
  run_cli (fixture, &result, 0, NULL, "demo", "--people", "0", "--user", "admin", NULL);
  assert_fails (&result, 2, "--people");
}

static void
test_caseloads (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_auto(GStrv) supervisor = list_references (fixture, SUPERVISOR, SUPERVISOR_PASSPHRASE);
  g_auto(GStrv) first = list_references (fixture, CASEWORKER1, CASEWORKER1_PASSPHRASE);
  g_auto(GStrv) second = list_references (fixture, CASEWORKER2, CASEWORKER2_PASSPHRASE);
  g_auto(GStrv) admin = list_references (fixture, "admin", ADMIN_PASSPHRASE);

  /* The supervisor sees the whole team's five; each caseworker their own,
   * shared out in turn; the administrator, who manages accounts, none. */
  g_assert_cmpuint (g_strv_length (supervisor), ==, 5);
  g_assert_cmpuint (g_strv_length (first), ==, 3);
  g_assert_cmpuint (g_strv_length (second), ==, 2);
  g_assert_cmpuint (g_strv_length (admin), ==, 0);

  for (guint i = 0; first[i] != NULL; i++)
    {
      g_assert_true (g_strv_contains ((const char * const *) supervisor, first[i]));
      g_assert_false (g_strv_contains ((const char * const *) second, first[i]));
    }
  for (guint i = 0; second[i] != NULL; i++)
    g_assert_true (g_strv_contains ((const char * const *) supervisor, second[i]));
}

static JsonObject *
find_record (JsonArray  *records,
             const char *kind,
             const char *instrument)
{
  for (guint i = 0; i < json_array_get_length (records); i++)
    {
      JsonObject *record = json_array_get_object_element (records, i);
      JsonObject *payload;

      if (g_strcmp0 (json_object_get_string_member (record, "kind"), kind) != 0)
        continue;
      if (instrument == NULL)
        return record;
      payload = json_object_get_object_member (record, "payload");
      if (g_strcmp0 (json_object_get_string_member (payload, "instrument"), instrument) == 0)
        return record;
    }
  return NULL;
}

static void
test_show (Fixture       *fixture,
           gconstpointer  user_data)
{
  g_auto(GStrv) own = list_references (fixture, CASEWORKER1, CASEWORKER1_PASSPHRASE);
  g_auto(GStrv) others = list_references (fixture, CASEWORKER2, CASEWORKER2_PASSPHRASE);
  g_auto(Result) result = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root, *profile, *ace;
  JsonArray *records;

  run_cli (fixture, &result, 1, SUPERVISOR_PASSPHRASE "\n", "show", own[0], "--json", "--user", SUPERVISOR, NULL);
  assert_ok (&result);
  json_parser_load_from_data (parser, result.out, -1, &error);
  g_assert_no_error (error);

  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "reference"), ==, own[0]);
  g_assert_cmpstr (json_object_get_string_member (root, "assigned-to"), ==, CASEWORKER1);
  records = json_object_get_array_member (root, "records");

  profile = find_record (records, "profile", NULL);
  g_assert_nonnull (profile);
  g_assert_cmpint (json_object_get_int_member (profile, "version"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (profile, "author"), ==, SUPERVISOR);
  g_assert_nonnull (json_object_get_string_member (json_object_get_object_member (profile, "payload"),
                                                   "given-name"));
  ace = find_record (records, "assessment", "ace");
  g_assert_nonnull (ace);
  g_assert_true (json_object_has_member (json_object_get_object_member (ace, "payload"), "score"));
  g_assert_nonnull (find_record (records, "assessment", "diversion-risk-needs"));
  g_assert_nonnull (find_record (records, "contact", NULL));

  /* The caseworker reads their own case as text... */
  run_cli (fixture, &result, 1, CASEWORKER1_PASSPHRASE "\n", "--user", CASEWORKER1, "show", own[0], NULL);
  assert_ok (&result);
  g_assert_true (g_str_has_prefix (result.out, "Case "));
  g_assert_nonnull (strstr (result.out, "Profile · record "));
  g_assert_nonnull (strstr (result.out, "  given-name: "));
  g_assert_nonnull (strstr (result.out, "  judgements:\n    exploitation: "));

  /* ...and not a colleague's, which the message names by reference only. */
  run_cli (fixture, &result, 1, CASEWORKER1_PASSPHRASE "\n", "--user", CASEWORKER1, "show", others[0], NULL);
  assert_fails (&result, 1, others[0]);
  g_assert_cmpstr (result.out, ==, "");
}

static void
test_wrong_passphrase (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_auto(Result) result = { 0 };

  run_cli (fixture, &result, 1, WRONG_PASSPHRASE "\n", "--user", SUPERVISOR, "list", NULL);
  assert_fails (&result, 1, "passphrase is wrong");
  g_assert_cmpstr (result.out, ==, "");

  /* Nothing on standard input: said so, before any derivation. */
  run_cli (fixture, &result, 0, "", "--user", SUPERVISOR, "list", NULL);
  assert_fails (&result, 1, "No passphrase on standard input");

  /* A new passphrase that is too short is refused, and not repeated. */
  run_cli (fixture, &result, 1, ADMIN_PASSPHRASE "\nshort-one\n",
           "--user", "admin", "user", "add", "Kai", "--role", "caseworker", NULL);
  assert_fails (&result, 1, "too short");
  g_assert_null (strstr (result.err, "short-one"));
}

static sqlite3 *
open_database (Fixture *fixture)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (fixture->db, &db), ==, SQLITE_OK);
  return db;
}

static void
test_verify_finds_tampering (Fixture       *fixture,
                             gconstpointer  user_data)
{
  g_auto(Result) result = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *reference = NULL;
  g_autofree char *record_text = NULL;
  g_autofree guint8 *sealed = NULL;
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db;
  gint64 record_id;
  JsonArray *records;
  gboolean reported = FALSE;
  int size;

  run_cli (fixture, &result, 1, SUPERVISOR_PASSPHRASE "\n", "--user", SUPERVISOR, "verify", NULL);
  assert_ok (&result);
  g_assert_true (g_str_has_prefix (result.out, "ok"));

  /* Flip one byte in the middle of a contact note's ciphertext. */
  db = open_database (fixture);
  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "SELECT v.record_id, v.sealed, c.reference FROM record_versions v "
                                       "JOIN records r ON r.id = v.record_id JOIN cases c ON c.id = r.case_id "
                                       "WHERE r.kind = 2 ORDER BY v.record_id LIMIT 1", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  record_id = sqlite3_column_int64 (stmt, 0);
  size = sqlite3_column_bytes (stmt, 1);
  sealed = g_memdup2 (sqlite3_column_blob (stmt, 1), size);
  reference = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
  sqlite3_finalize (stmt);
  sealed[size / 2] ^= 0x01;
  g_assert_cmpint (sqlite3_prepare_v2 (db, "UPDATE record_versions SET sealed = ? WHERE record_id = ?",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_blob (stmt, 1, sealed, size, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, record_id);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);

  run_cli (fixture, &result, 1, SUPERVISOR_PASSPHRASE "\n", "--user", SUPERVISOR, "verify", NULL);
  assert_fails (&result, 1, "1 problem");
  record_text = g_strdup_printf ("record %" G_GINT64_FORMAT " (", record_id);
  g_assert_nonnull (strstr (result.out, reference));
  g_assert_nonnull (strstr (result.out, record_text));
  g_assert_false (g_str_has_prefix (result.out, "ok"));

  /* The case still opens; that one record shows its error instead. */
  run_cli (fixture, &result, 1, SUPERVISOR_PASSPHRASE "\n", "--user", SUPERVISOR, "show", reference, "--json", NULL);
  assert_ok (&result);
  json_parser_load_from_data (parser, result.out, -1, &error);
  g_assert_no_error (error);
  records = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "records");
  for (guint i = 0; i < json_array_get_length (records); i++)
    {
      JsonObject *record = json_array_get_object_element (records, i);

      if (json_object_get_int_member (record, "record-id") != record_id)
        {
          g_assert_true (json_object_has_member (record, "payload"));
          continue;
        }
      g_assert_false (json_object_has_member (record, "payload"));
      g_assert_cmpstr (json_object_get_string_member (record, "error"), !=, "");
      reported = TRUE;
    }
  g_assert_true (reported);
}

static const char *
user_list_line (const char *out,
                const char *name)
{
  g_autofree char *prefix = g_strconcat (name, "\t", NULL);
  const char *line = g_str_has_prefix (out, prefix) ? out : strstr (out, prefix);

  g_assert_nonnull (line);
  return line;
}

static void
test_backup_restore (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autofree char *backup = g_build_filename (fixture->dir, "backup.db", NULL);
  g_autofree char *not_a_database = g_build_filename (fixture->dir, "notes.txt", NULL);
  g_autofree char *other = g_build_filename (fixture->dir, "other.db", NULL);
  g_autofree char *listed = NULL;
  g_auto(Result) result = { 0 };
  Fixture from_backup;

  run_cli (fixture, &result, 1, ADMIN_PASSPHRASE "\n", "--user", "admin", "backup", backup, NULL);
  assert_ok (&result);
  g_assert_true (g_file_test (backup, G_FILE_TEST_IS_REGULAR));

  /* A backup is never written over, and the refusal costs no passphrase. */
  run_cli (fixture, &result, 0, "", "--user", "admin", "backup", backup, NULL);
  assert_fails (&result, 1, "already exists");

  /* Only an administrator takes copies of every case. */
  run_cli (fixture, &result, 1, SUPERVISOR_PASSPHRASE "\n", "--user", SUPERVISOR, "backup", other, NULL);
  assert_fails (&result, 1, "Administrator");
  g_assert_false (g_file_test (other, G_FILE_TEST_EXISTS));

  /* The backup is a database of its own, with the same accounts. */
  run_cli (fixture, &result, 0, NULL, "user", "list", NULL);
  assert_ok (&result);
  listed = g_steal_pointer (&result.out);
  from_backup.dir = fixture->dir;
  from_backup.db = backup;
  run_cli (&from_backup, &result, 0, NULL, "user", "list", NULL);
  assert_ok (&result);
  g_assert_cmpstr (result.out, ==, listed);
  g_assert_true (g_str_has_prefix (user_list_line (result.out, CASEWORKER2), CASEWORKER2 "\tcaseworker\tactive\t" SUPERVISOR "\n"));

  run_cli (fixture, &result, 1, ADMIN_PASSPHRASE "\n", "--user", "admin", "user", "disable", CASEWORKER2, NULL);
  assert_ok (&result);
  run_cli (fixture, &result, 0, NULL, "user", "list", NULL);
  assert_ok (&result);
  g_assert_true (g_str_has_prefix (user_list_line (result.out, CASEWORKER2), CASEWORKER2 "\tcaseworker\tdisabled\t"));

  /* Restoring brings the account back as it was at the backup. */
  run_cli (fixture, &result, 1, ADMIN_PASSPHRASE "\n", "--user", "admin", "restore", backup, NULL);
  assert_ok (&result);
  run_cli (fixture, &result, 0, NULL, "user", "list", NULL);
  assert_ok (&result);
  g_assert_cmpstr (result.out, ==, listed);

  /* Something that is not a Waymark database is refused whole. */
  g_assert_true (g_file_set_contents (not_a_database, "meeting notes\n", -1, NULL));
  run_cli (fixture, &result, 1, ADMIN_PASSPHRASE "\n", "--user", "admin", "restore", not_a_database, NULL);
  assert_fails (&result, 1, "notes.txt");
}

static void
test_audit (Fixture       *fixture,
            gconstpointer  user_data)
{
  g_auto(Result) result = { 0 };
  g_auto(GStrv) lines = NULL;
  gboolean supervisor_signed_in = FALSE, record_created = FALSE;
  char *message = NULL;
  sqlite3 *db;

  run_cli (fixture, &result, 1, ADMIN_PASSPHRASE "\n", "--user", "admin", "audit", NULL);
  assert_ok (&result);
  lines = split_lines (result.out);
  g_assert_cmpuint (g_strv_length (lines), >, 10);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[i], "\t", -1);
      guint64 seq;

      /* seq, time, account, action, case, detail */
      g_assert_cmpuint (g_strv_length (fields), ==, 6);
      g_assert_true (g_ascii_string_to_unsigned (fields[0], 10, 1, G_MAXINT64, &seq, NULL));
      g_assert_cmpuint (seq, ==, i + 1);
      g_assert_cmpuint (strlen (fields[1]), ==, strlen ("2026-03-01T10:22:03+00:00"));
      g_assert_cmpint (fields[1][10], ==, 'T');
      supervisor_signed_in |= g_str_equal (fields[2], SUPERVISOR) && g_str_equal (fields[3], "sign-in");
      record_created |= g_str_equal (fields[3], "create") && *fields[4] != '\0';
    }
  g_assert_true (supervisor_signed_in);
  g_assert_true (record_created);

  run_cli (fixture, &result, 0, NULL, "audit", "--verify", NULL);
  assert_ok (&result);
  g_assert_true (g_str_has_prefix (result.out, "ok"));

  /* Rewriting one old entry breaks the chain from there on. */
  db = open_database (fixture);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE audit SET detail = 'nothing to see' WHERE seq = 3",
                                 NULL, NULL, &message), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_changes (db), ==, 1);
  sqlite3_close (db);

  run_cli (fixture, &result, 0, NULL, "audit", "--verify", NULL);
  assert_fails (&result, 1, "problem");
  g_assert_nonnull (strstr (result.out, "entry 3 "));
}

static void
test_reset_and_reshare (Fixture       *fixture,
                        gconstpointer  user_data)
{
  const char *new_passphrase = "otter weir sandstone 31";
  g_autofree char *input = g_strconcat (ADMIN_PASSPHRASE "\n", new_passphrase, "\n", NULL);
  g_autofree char *reshare = NULL;
  g_auto(GStrv) before = list_references (fixture, CASEWORKER1, CASEWORKER1_PASSPHRASE);
  g_auto(GStrv) after_reset = NULL;
  g_auto(GStrv) after_reshare = NULL;
  g_auto(Result) result = { 0 };

  run_cli (fixture, &result, 2, input, "--user", "admin", "user", "reset", CASEWORKER1, NULL);
  assert_ok (&result);
  reshare = g_strdup_printf ("waymark-cli --user %s reshare", SUPERVISOR);
  g_assert_nonnull (strstr (result.out, reshare));

  /* The old passphrase is gone; the new one opens no cases until the
   * supervisor shares them again. */
  run_cli (fixture, &result, 1, CASEWORKER1_PASSPHRASE "\n", "--user", CASEWORKER1, "list", NULL);
  assert_fails (&result, 1, NULL);
  after_reset = list_references (fixture, CASEWORKER1, new_passphrase);
  g_assert_cmpuint (g_strv_length (after_reset), ==, 0);

  run_cli (fixture, &result, 1, SUPERVISOR_PASSPHRASE "\n", "--user", SUPERVISOR, "reshare", NULL);
  assert_ok (&result);
  g_assert_cmpstr (result.out, ==, "Shared 3 cases again with their caseworkers.\n");

  after_reshare = list_references (fixture, CASEWORKER1, new_passphrase);
  g_assert_true (g_strv_equal ((const char * const *) before, (const char * const *) after_reshare));
}

/* Accounts over their life: a caseworker added without a supervisor is
 * warned about; an account that is the only one able to read some cases
 * is not disabled or reset unless forced, and the refusal, which says how
 * many cases, costs no passphrase; a disabled account can be enabled
 * again; team links come and go without taking cases away. */
static void
test_account_lifecycle (Fixture       *fixture,
                        gconstpointer  user_data)
{
  const char *cai_passphrase = "moorland kestrel copper 23";
  g_autofree char *add_cai = g_strconcat (ADMIN_PASSPHRASE "\n", cai_passphrase, "\n", NULL);
  g_auto(Result) result = { 0 };
  g_auto(GStrv) references = NULL;

  run_cli (fixture, &result, 2, add_cai, "--user", "admin", "user", "add", "Cai", "--role", "caseworker", NULL);
  g_assert_cmpint (result.status, ==, 0);
  g_assert_cmpstr (result.out, ==, "Added Cai, Caseworker.\n");
  g_assert_cmpstr (result.err, ==, "waymark-cli: Warning: nobody else can read the cases of Cai until the "
                                   "account has a supervisor. Add one with “waymark-cli user supervisor add "
                                   "Cai SUPERVISOR”.\n");

  /* Taking Dafydd out of Rhiannon's team takes no case from her. */
  run_cli (fixture, &result, 1, ADMIN_PASSPHRASE "\n",
           "--user", "admin", "user", "supervisor", "remove", CASEWORKER1, SUPERVISOR, NULL);
  assert_ok (&result);
  g_assert_nonnull (strstr (result.out, "stay readable"));
  run_cli (fixture, &result, 0, NULL, "user", "list", NULL);
  assert_ok (&result);
  g_assert_true (g_str_has_prefix (user_list_line (result.out, CASEWORKER1), CASEWORKER1 "\tcaseworker\tactive\t\n"));
  run_cli (fixture, &result, 0, "", "--user", "admin", "user", "supervisor", "remove", CASEWORKER1, SUPERVISOR, NULL);
  assert_fails (&result, 1, "is not a supervisor of");
  references = list_references (fixture, SUPERVISOR, SUPERVISOR_PASSPHRASE);
  g_assert_cmpuint (g_strv_length (references), ==, 5);

  /* With Rhiannon disabled, Dafydd is the only one left who can read
   * his three cases. */
  run_cli (fixture, &result, 1, ADMIN_PASSPHRASE "\n", "--user", "admin", "user", "disable", SUPERVISOR, NULL);
  assert_ok (&result);
  run_cli (fixture, &result, 0, "", "--user", "admin", "user", "disable", CASEWORKER1, NULL);
  assert_fails (&result, 1, CASEWORKER1 " is the only one who can read 3 cases");
  g_assert_nonnull (strstr (result.err, "--force"));
  run_cli (fixture, &result, 0, "", "--user", "admin", "user", "reset", CASEWORKER1, NULL);
  assert_fails (&result, 1, CASEWORKER1 " is the only one who can read 3 cases");
  run_cli (fixture, &result, 0, NULL, "user", "list", NULL);
  assert_ok (&result);
  g_assert_true (g_str_has_prefix (user_list_line (result.out, CASEWORKER1), CASEWORKER1 "\tcaseworker\tactive\t"));

  /* Forced from a script (no terminal, so nothing to type). */
  run_cli (fixture, &result, 1, ADMIN_PASSPHRASE "\n",
           "--user", "admin", "user", "disable", CASEWORKER1, "--force", NULL);
  assert_ok (&result);
  g_assert_nonnull (strstr (result.out, "3 cases can no longer be read by anyone.\n"));

  /* The name stays the account's: enabled again, not added again. */
  run_cli (fixture, &result, 0, "", "--user", "admin", "user", "add", CASEWORKER1, "--role", "caseworker", NULL);
  assert_fails (&result, 1, "waymark-cli user enable " CASEWORKER1);
  run_cli (fixture, &result, 1, ADMIN_PASSPHRASE "\n", "--user", "admin", "user", "enable", CASEWORKER1, NULL);
  assert_ok (&result);
  run_cli (fixture, &result, 0, NULL, "user", "list", NULL);
  assert_ok (&result);
  g_assert_true (g_str_has_prefix (user_list_line (result.out, CASEWORKER1), CASEWORKER1 "\tcaseworker\tactive\t"));
  g_clear_pointer (&references, g_strfreev);
  references = list_references (fixture, CASEWORKER1, CASEWORKER1_PASSPHRASE);
  g_assert_cmpuint (g_strv_length (references), ==, 0);

  /* Only an active supervisor joins a team. */
  run_cli (fixture, &result, 0, "", "--user", "admin", "user", "supervisor", "add", "Cai", SUPERVISOR, NULL);
  assert_fails (&result, 1, "not an active supervisor");
  run_cli (fixture, &result, 1, ADMIN_PASSPHRASE "\n", "--user", "admin", "user", "enable", SUPERVISOR, NULL);
  assert_ok (&result);
  run_cli (fixture, &result, 1, ADMIN_PASSPHRASE "\n",
           "--user", "admin", "user", "supervisor", "add", "Cai", SUPERVISOR, NULL);
  assert_ok (&result);
  run_cli (fixture, &result, 0, NULL, "user", "list", NULL);
  assert_ok (&result);
  g_assert_true (g_str_has_prefix (user_list_line (result.out, "Cai"), "Cai\tcaseworker\tactive\t" SUPERVISOR "\n"));
  run_cli (fixture, &result, 0, "", "--user", "admin", "user", "supervisor", "join", "Cai", SUPERVISOR, NULL);
  assert_fails (&result, 2, "“add” or “remove”");
}

/* At a terminal, --force is not enough: the account's name must be typed,
 * before any passphrase is asked for. */
static void
test_force_at_terminal (Fixture       *fixture,
                        gconstpointer  user_data)
{
  const char *wrong_name[] = { "To go on, type the account name, " CASEWORKER1 ":", "Dafyd", NULL };
  const char *right_name[] = {
    "To go on, type the account name, " CASEWORKER1 ":", CASEWORKER1,
    "Passphrase for admin: ", ADMIN_PASSPHRASE,
    NULL
  };
  g_auto(Result) result = { 0 };

  run_cli (fixture, &result, 1, ADMIN_PASSPHRASE "\n", "--user", "admin", "user", "disable", SUPERVISOR, NULL);
  assert_ok (&result);

  run_cli_at_terminal (fixture, &result, 0, wrong_name,
                       "--user", "admin", "user", "disable", CASEWORKER1, "--force", NULL);
  g_test_message ("%s", result.err);
  g_assert_cmpint (result.status, ==, 1);
  g_assert_nonnull (strstr (result.err, "This makes 3 cases unreadable for good."));
  g_assert_nonnull (strstr (result.err, "waymark-cli: Stopped: nothing was changed.\n"));
  g_assert_null (strstr (result.err, "Passphrase for"));
  run_cli (fixture, &result, 0, NULL, "user", "list", NULL);
  assert_ok (&result);
  g_assert_true (g_str_has_prefix (user_list_line (result.out, CASEWORKER1), CASEWORKER1 "\tcaseworker\tactive\t"));

  run_cli_at_terminal (fixture, &result, 1, right_name,
                       "--user", "admin", "user", "disable", CASEWORKER1, "--force", NULL);
  g_test_message ("%s", result.err);
  g_assert_cmpint (result.status, ==, 0);
  g_assert_nonnull (strstr (result.out, "3 cases can no longer be read by anyone.\n"));
  g_assert_null (strstr (result.err, ADMIN_PASSPHRASE));
  run_cli (fixture, &result, 0, NULL, "user", "list", NULL);
  assert_ok (&result);
  g_assert_true (g_str_has_prefix (user_list_line (result.out, CASEWORKER1), CASEWORKER1 "\tcaseworker\tdisabled\t"));
}

static void
test_change_passphrase (Fixture       *fixture,
                        gconstpointer  user_data)
{
  const char *new_passphrase = "barn owl orchard cider 64";
  g_autofree char *input = g_strconcat (CASEWORKER2_PASSPHRASE "\n", new_passphrase, "\n", NULL);
  g_auto(Result) result = { 0 };
  g_auto(GStrv) references = NULL;

  run_cli (fixture, &result, 3, input, "user", "passwd", CASEWORKER2, NULL);
  assert_ok (&result);

  run_cli (fixture, &result, 1, CASEWORKER2_PASSPHRASE "\n", "--user", CASEWORKER2, "list", NULL);
  assert_fails (&result, 1, "passphrase is wrong");
  references = list_references (fixture, CASEWORKER2, new_passphrase);
  g_assert_cmpuint (g_strv_length (references), ==, 2);
}

static void
test_demo_needs_a_caseworker (Fixture       *fixture,
                              gconstpointer  user_data)
{
  g_auto(Result) result = { 0 };

  run_cli (fixture, &result, 1, ADMIN_PASSPHRASE "\n", "init", "--organisation", "Test", "--admin", "admin", NULL);
  assert_ok (&result);

  /* A second init never overwrites, and asks for nothing first. */
  run_cli (fixture, &result, 0, "", "init", "--organisation", "Test", "--admin", "admin", NULL);
  assert_fails (&result, 1, "already exists");

  run_cli (fixture, &result, 1, ADMIN_PASSPHRASE "\n", "--user", "admin", "demo", "--people", "3", NULL);
  assert_fails (&result, 1, "waymark-cli user add");
}

/* Account names are one line of text: controls and broken UTF-8 are
 * refused, each with its own reason, before any passphrase; the two ways
 * of typing "Siân" are one account. */
static void
test_account_names (Fixture       *fixture,
                    gconstpointer  user_data)
{
  const char *precomposed = "Si\xc3\xa2n";   /* â as U+00E2 */
  const char *decomposed = "Sia\xcc\x82n";   /* a, then U+0302 */
  const struct
  {
    const char *name;
    const char *reason;
  } refused[] = {
    { "Kai\tJones", "control characters" },
    { "Kai\nJones", "control characters" },
    { "\033[31mKai", "control characters" },
    { "Kai\xc2\x85", "control characters" },          /* U+0085, a C1 control */
    { "Kai\xe2\x80\xaeJones", "control characters" },  /* U+202E, right-to-left override */
    { "Kai\xff", "not valid UTF-8" },
  };
  g_auto(Result) result = { 0 };
  g_autofree char *input = g_strconcat (ADMIN_PASSPHRASE "\n", CASEWORKER1_PASSPHRASE "\n", NULL);
  g_autofree char *sign_in = g_strconcat (CASEWORKER1_PASSPHRASE "\n", NULL);
  g_auto(GStrv) lines = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      run_cli (fixture, &result, 0, "", "--user", "admin", "user", "add", refused[i].name,
               "--role", "caseworker", NULL);
      assert_fails (&result, 1, refused[i].reason);
    }
  run_cli (fixture, &result, 0, "", "init", "--organisation", "Test", "--admin", "ad\tmin",
           "--database", "new.db", NULL);
  assert_fails (&result, 1, "control characters");

  /* Added as typed one way, it is stored, and listed, composed. */
  run_cli (fixture, &result, 2, input, "--user", "admin", "user", "add", decomposed,
           "--role", "caseworker", "--supervisor", SUPERVISOR, NULL);
  assert_ok (&result);
  run_cli (fixture, &result, 0, input, "--user", "admin", "user", "add", precomposed,
           "--role", "caseworker", NULL);
  assert_fails (&result, 1, "already an account");

  /* Either spelling signs in to the one account. */
  run_cli (fixture, &result, 1, sign_in, "--user", decomposed, "list", NULL);
  assert_ok (&result);
  run_cli (fixture, &result, 1, sign_in, "--user", precomposed, "list", NULL);
  assert_ok (&result);

  run_cli (fixture, &result, 0, NULL, "user", "list", NULL);
  assert_ok (&result);
  lines = split_lines (result.out);
  g_assert_cmpuint (g_strv_length (lines), ==, 5);
  g_assert_true (g_str_has_prefix (user_list_line (result.out, precomposed), precomposed));
}

/* A database made before names were normalised may hold a name in
 * another form; it is still found, and still taken. */
static void
test_account_names_stored_before (Fixture       *fixture,
                                  gconstpointer  user_data)
{
  g_autofree char *input = g_strconcat (ADMIN_PASSPHRASE "\n", CASEWORKER1_PASSPHRASE "\n", NULL);
  g_auto(Result) result = { 0 };
  sqlite3 *db;

  run_cli (fixture, &result, 2, input, "--user", "admin", "user", "add", "Si\xc3\xa2n", "--role", "supervisor", NULL);
  assert_ok (&result);
  db = open_database (fixture);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE users SET name = 'Sia' || char (0x302) || 'n' "
                                     "WHERE name = 'Si' || char (0xe2) || 'n'", NULL, NULL, NULL),
                   ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_changes (db), ==, 1);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);

  run_cli (fixture, &result, 0, "", "--user", "admin", "user", "add", "Si\xc3\xa2n", "--role", "caseworker", NULL);
  assert_fails (&result, 1, "already an account");
}

/* One limit, one message: a passphrase line too long for the reader says
 * what a passphrase too long for the store says. Blank and missing lines
 * on a pipe say which they are. */
static void
test_passphrase_lines (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_auto(Result) result = { 0 };
  g_autofree char *huge = g_strnfill (10000, 'x');
  g_autofree char *long_one = g_strnfill (4096, 'x');
  g_autofree char *sign_in = g_strconcat (huge, "\n", NULL);
  g_autofree char *new_one = g_strconcat (ADMIN_PASSPHRASE "\n", long_one, "\n", NULL);
  g_autofree char *read_too_long = NULL;

  run_cli (fixture, &result, 0, sign_in, "--user", SUPERVISOR, "list", NULL);
  assert_fails (&result, 1, "at most 1024 characters");
  read_too_long = g_strdup (result.err);

  run_cli (fixture, &result, 1, new_one, "--user", "admin", "user", "add", "Kai", "--role", "caseworker", NULL);
  assert_fails (&result, 1, NULL);
  g_assert_cmpstr (result.err, ==, read_too_long);

  run_cli (fixture, &result, 0, "\n", "--user", SUPERVISOR, "list", NULL);
  assert_fails (&result, 1, "passphrase line on standard input was empty");
  run_cli (fixture, &result, 1, ADMIN_PASSPHRASE "\n\n", "--user", "admin", "user", "add", "Kai",
           "--role", "caseworker", NULL);
  assert_fails (&result, 1, "passphrase line on standard input was empty");
  run_cli (fixture, &result, 1, ADMIN_PASSPHRASE "\n", "--user", "admin", "user", "add", "Kai",
           "--role", "caseworker", NULL);
  assert_fails (&result, 1, "No passphrase on standard input");
}

static void
test_unknown_role (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_auto(Result) result = { 0 };

  run_cli (fixture, &result, 0, "", "--user", "admin", "user", "add", "Kai", "--role", "wizard", NULL);
  assert_fails (&result, 2, "no role “wizard”");
  g_assert_nonnull (strstr (result.err, "caseworker, supervisor or administrator"));
}

static void
test_reference_in_any_case (Fixture       *fixture,
                            gconstpointer  user_data)
{
  g_auto(GStrv) own = list_references (fixture, CASEWORKER1, CASEWORKER1_PASSPHRASE);
  g_autofree char *lower = g_ascii_strdown (own[0], -1);
  g_autofree char *heading = g_strdup_printf ("Case %s,", own[0]);
  g_auto(Result) result = { 0 };

  run_cli (fixture, &result, 1, CASEWORKER1_PASSPHRASE "\n", "--user", CASEWORKER1, "show", lower, NULL);
  assert_ok (&result);
  g_assert_true (g_str_has_prefix (result.out, heading));
}

/* "reviews" and "reviews set": anyone reads the organisation's review
 * intervals, only an administrator sets them, and a mistyped level or
 * number is refused before the passphrase is asked for. */
static void
test_reviews (Fixture       *fixture,
              gconstpointer  user_data)
{
  g_auto(Result) result = { 0 };

  run_cli (fixture, &result, 1, CASEWORKER1_PASSPHRASE "\n", "--user", CASEWORKER1, "reviews", NULL);
  assert_ok (&result);
  g_assert_cmpstr (result.out, ==, "very-high\t4\nhigh\t6\nmedium\t12\nlow\t12\n");

  run_cli (fixture, &result, 0, NULL, "--user", "admin", "reviews", "set", "severe=2", NULL);
  assert_fails (&result, 2, "“severe=2” is not LEVEL=WEEKS");
  run_cli (fixture, &result, 0, NULL, "--user", "admin", "reviews", "set", "high=53", NULL);
  assert_fails (&result, 2, "from 1 to 52");
  run_cli (fixture, &result, 1, SUPERVISOR_PASSPHRASE "\n", "--user", SUPERVISOR, "reviews", "set", "high=3", NULL);
  assert_fails (&result, 1, NULL);

  run_cli (fixture, &result, 1, ADMIN_PASSPHRASE "\n", "--user", "admin", "reviews", "set", "high=3", "very-high=2",
           NULL);
  assert_ok (&result);
  g_assert_cmpstr (result.out, ==, "very-high\t2\nhigh\t3\nmedium\t12\nlow\t12\n");
  run_cli (fixture, &result, 1, CASEWORKER1_PASSPHRASE "\n", "--user", CASEWORKER1, "reviews", NULL);
  assert_ok (&result);
  g_assert_cmpstr (result.out, ==, "very-high\t2\nhigh\t3\nmedium\t12\nlow\t12\n");
}

/* "list --json" says what the tab-separated lines say, typed. */
static void
test_list_json (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_auto(Result) result = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  JsonArray *cases;

  run_cli (fixture, &result, 1, SUPERVISOR_PASSPHRASE "\n", "--user", SUPERVISOR, "list", NULL);
  assert_ok (&result);
  lines = split_lines (result.out);

  run_cli (fixture, &result, 1, SUPERVISOR_PASSPHRASE "\n", "--user", SUPERVISOR, "list", "--json", NULL);
  assert_ok (&result);
  json_parser_load_from_data (parser, result.out, -1, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (json_parser_get_root (parser)));
  cases = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (cases), ==, g_strv_length (lines));
  g_assert_cmpuint (json_array_get_length (cases), ==, 5);

  for (guint i = 0; i < json_array_get_length (cases); i++)
    {
      JsonObject *object = json_array_get_object_element (cases, i);
      g_autofree char *age = g_strdup_printf ("%" G_GINT64_FORMAT, json_object_get_int_member (object, "age"));
      g_autofree char *line = g_strjoin ("\t", json_object_get_string_member (object, "reference"),
                                         json_object_get_string_member (object, "name"), age,
                                         json_object_get_string_member (object, "status"), NULL);

      g_assert_cmpstr (line, ==, lines[i]);
    }
}

/* --user is offered by the commands that sign in as it, and only those. */
static void
test_help_offers_user (Fixture       *fixture,
                       gconstpointer  user_data)
{
  const char *without[][3] = { { "init", "--help" }, { "user", "list", "--help" }, { "user", "passwd", "--help" } };
  const char *with[][3] = { { "list", "--help" }, { "user", "add", "--help" }, { "audit", "--help" } };
  g_auto(Result) result = { 0 };

  for (guint i = 0; i < G_N_ELEMENTS (without); i++)
    {
      run_cli (fixture, &result, 0, NULL, without[i][0], without[i][1], without[i][2], NULL);
      assert_ok (&result);
      g_assert_nonnull (strstr (result.out, "--database"));
      g_assert_null (strstr (result.out, "--user"));
    }
  for (guint i = 0; i < G_N_ELEMENTS (with); i++)
    {
      run_cli (fixture, &result, 0, NULL, with[i][0], with[i][1], with[i][2], NULL);
      assert_ok (&result);
      g_assert_nonnull (strstr (result.out, "--user=NAME"));
    }

  run_cli (fixture, &result, 0, NULL, "init", "--organisation", "Test", "--admin", "admin",
           "--user", "admin", NULL);
  assert_fails (&result, 2, "--user");
}

static GBytes *
read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, length);
}

/* A backup into a folder that is not there, and a restore of the
 * database onto itself by any name, are refused before the passphrase,
 * so not even a sign-in is written. */
static void
test_backup_restore_mistakes (Fixture       *fixture,
                              gconstpointer  user_data)
{
  g_autofree char *missing = g_build_filename (fixture->dir, "no-such-folder", "backup.db", NULL);
  g_autofree char *link = g_build_filename (fixture->dir, "link.db", NULL);
  g_autoptr(GBytes) before = read_file (fixture->db);
  g_autoptr(GBytes) after = NULL;
  const char *same[] = { "waymark.db", "./waymark.db", fixture->db, "link.db" };
  g_auto(Result) result = { 0 };

  run_cli (fixture, &result, 0, "", "--user", "admin", "backup", missing, NULL);
  assert_fails (&result, 1, "no-such-folder” does not exist");

  g_assert_cmpint (symlink ("waymark.db", link), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (same); i++)
    {
      run_cli (fixture, &result, 0, "", "--user", "admin", "restore", same[i], NULL);
      assert_fails (&result, 1, "the database itself");
    }

  after = read_file (fixture->db);
  g_assert_true (g_bytes_equal (before, after));
}

typedef struct
{
  sqlite3    *holder;     /* holds the write lock, until released */
  GString    *err;
  GMainLoop  *loop;
  gboolean    gave_up;
} BusyRun;

static void
release_write_lock (BusyRun *run)
{
  if (run->holder == NULL)
    return;
  g_assert_cmpint (sqlite3_exec (run->holder, "COMMIT", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_close (run->holder), ==, SQLITE_OK);
  run->holder = NULL;
}

/* The lock is let go as soon as waymark-cli says it is waiting: that
 * proves it waits, and that it goes on once the other writer is done. */
static void
busy_stderr_line_cb (GObject      *source,
                     GAsyncResult *res,
                     gpointer      user_data)
{
  BusyRun *run = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = g_data_input_stream_read_line_finish_utf8 (G_DATA_INPUT_STREAM (source),
                                                                    res, NULL, &error);

  g_assert_no_error (error);
  if (line == NULL)
    {
      g_main_loop_quit (run->loop);
      return;
    }
  g_string_append_printf (run->err, "%s\n", line);
  if (strstr (line, "waiting for another Waymark") != NULL)
    release_write_lock (run);
  g_data_input_stream_read_line_async (G_DATA_INPUT_STREAM (source), G_PRIORITY_DEFAULT, NULL,
                                       busy_stderr_line_cb, run);
}

static gboolean
busy_give_up_cb (gpointer user_data)
{
  BusyRun *run = user_data;

  run->gave_up = TRUE;
  release_write_lock (run);
  return G_SOURCE_REMOVE;
}

static sqlite3 *
hold_write_lock (Fixture *fixture)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (fixture->db, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);
  return db;
}

static GSubprocess *
spawn_cli (Fixture          *fixture,
           GSubprocessFlags  flags,
           const char       *first_arg,
           ...)
{
  GSubprocess *process;
  va_list args;

  va_start (args, first_arg);
  process = spawn_cli_v (fixture, NULL, flags, first_arg, args);
  va_end (args);
  return process;
}

/* Another program holds the write lock (as a long "demo" does): the
 * sign-in, which writes, waits for it, says so once, and then succeeds. */
static void
test_busy_waits (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GDataInputStream) err = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  BusyRun run = { hold_write_lock (fixture), g_string_new (NULL), loop, FALSE };
  GOutputStream *in;
  guint give_up;

  process = spawn_cli (fixture, G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_SILENCE
                                | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                       "--user", SUPERVISOR, "list", NULL);
  n_sign_ins++;
  in = g_subprocess_get_stdin_pipe (process);
  g_output_stream_write_all (in, SUPERVISOR_PASSPHRASE "\n", strlen (SUPERVISOR_PASSPHRASE "\n"),
                             NULL, NULL, &error);
  g_assert_no_error (error);
  g_output_stream_close (in, NULL, &error);
  g_assert_no_error (error);

  err = g_data_input_stream_new (g_subprocess_get_stderr_pipe (process));
  g_data_input_stream_read_line_async (err, G_PRIORITY_DEFAULT, NULL, busy_stderr_line_cb, &run);
  give_up = g_timeout_add_seconds (30, busy_give_up_cb, &run);
  g_main_loop_run (loop);
  if (!run.gave_up)
    g_source_remove (give_up);
  release_write_lock (&run);
  g_subprocess_wait (process, NULL, &error);
  g_assert_no_error (error);

  g_assert_false (run.gave_up);
  g_assert_cmpstr (run.err->str, ==, "waymark-cli: waiting for another Waymark to finish…\n");
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);
  g_string_free (run.err, TRUE);
}

/* When the other program does not finish, the wait ends in the usual
 * message. WAYMARK_BUSY_TIMEOUT_MS shortens a minute's wait to 1.5 s. */
static void
test_busy_gives_up (Fixture       *fixture,
                    gconstpointer  user_data)
{
  sqlite3 *holder = hold_write_lock (fixture);
  g_auto(Result) result = { 0 };
  g_auto(GStrv) lines = NULL;
  gint64 start = g_get_monotonic_time ();

  run_cli_with (fixture, &result, 1, "WAYMARK_BUSY_TIMEOUT_MS=1500", SUPERVISOR_PASSPHRASE "\n",
                "--user", SUPERVISOR, "list", NULL);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 15 * G_USEC_PER_SEC);
  g_assert_cmpint (sqlite3_exec (holder, "ROLLBACK", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_close (holder), ==, SQLITE_OK);

  g_assert_cmpint (result.status, ==, 1);
  lines = g_strsplit (result.err, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 3);
  g_assert_cmpstr (lines[0], ==, "waymark-cli: waiting for another Waymark to finish…");
  g_assert_true (g_str_has_prefix (lines[1], "waymark-cli: "));
  g_assert_nonnull (strstr (lines[1], "busy in another program"));
  g_assert_cmpstr (lines[2], ==, "");
}

static void
assert_no_log_files (Fixture *fixture)
{
  const char *suffixes[] = { "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *path = g_strconcat (fixture->db, suffixes[i], NULL);

      if (g_file_test (path, G_FILE_TEST_EXISTS))
        g_error ("%s was left behind", path);
    }
}

/* A database nobody may write is read, and left exactly as it was. What
 * needs no account works; signing in, which the audit log records, and
 * every change are refused with a message that says why, before a
 * passphrase is asked for. */
static void
check_read_only (Fixture *fixture)
{
  g_autoptr(GBytes) before = read_file (fixture->db);
  g_autoptr(GBytes) after = NULL;
  g_auto(Result) result = { 0 };

  run_cli (fixture, &result, 0, NULL, "user", "list", NULL);
  assert_ok (&result);
  g_assert_nonnull (strstr (result.out, CASEWORKER2 "\tcaseworker\tactive\t"));
  run_cli (fixture, &result, 0, NULL, "audit", "--verify", NULL);
  assert_ok (&result);
  g_assert_true (g_str_has_prefix (result.out, "ok"));

  run_cli (fixture, &result, 0, "", "--user", "admin", "user", "add", "Kai", "--role", "caseworker", NULL);
  assert_fails (&result, 1, "read-only");
  run_cli (fixture, &result, 0, "", "--user", SUPERVISOR, "list", NULL);
  assert_fails (&result, 1, "read-only");
  run_cli (fixture, &result, 0, "", "user", "passwd", CASEWORKER1, NULL);
  assert_fails (&result, 1, "read-only");

  assert_no_log_files (fixture);
  after = read_file (fixture->db);
  g_assert_true (g_bytes_equal (before, after));
}

static void
test_read_only_file (Fixture       *fixture,
                     gconstpointer  user_data)
{
  assert_no_log_files (fixture);
  g_assert_cmpint (g_chmod (fixture->db, 0444), ==, 0);
  check_read_only (fixture);
}

static void
test_read_only_folder (Fixture       *fixture,
                       gconstpointer  user_data)
{
  assert_no_log_files (fixture);
  g_assert_cmpint (g_chmod (fixture->dir, 0555), ==, 0);
  check_read_only (fixture);
}

/* The path of a fixture CSV in tests/data/import. */
static char *
import_fixture (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", "import", name, NULL);
}

static guint
count_cases (Fixture    *fixture,
             const char *user,
             const char *passphrase)
{
  g_auto(GStrv) references = list_references (fixture, user, passphrase);

  return g_strv_length (references);
}

/* A file of good and bad rows: exactly the good ones become cases, the
 * bad ones are reported by the line they start on, and the exit status
 * says something was imported. */
static void
test_import_mixed (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_auto(Result) result = { 0 };
  g_autofree char *csv = import_fixture ("mixed.csv");
  const guint rejected[] = { 4, 6, 7, 10, 11, 13, 15 };
  guint before = count_cases (fixture, CASEWORKER1, CASEWORKER1_PASSPHRASE);
  g_auto(GStrv) lines = NULL;

  run_cli (fixture, &result, 1, CASEWORKER1_PASSPHRASE "\n", "--user", CASEWORKER1, "import", csv, NULL);
  g_assert_cmpint (result.status, ==, 0);
  g_assert_nonnull (strstr (result.out, "  DOB → Date of birth\n"));
  g_assert_nonnull (strstr (result.out, "  Notes: not imported\n"));
  g_assert_nonnull (strstr (result.out, "4 rows are valid. 7 rows are rejected"));
  g_assert_nonnull (strstr (result.out, "Imported 4 young people; their cases went to " CASEWORKER1 ".\n"));

  /* Each rejected row once, by line, and nothing about the valid ones
   * but warnings; no name or date of birth from the file. */
  lines = g_strsplit (result.err, "\n", -1);
  for (guint i = 0; i < G_N_ELEMENTS (rejected); i++)
    {
      g_autofree char *prefix = g_strdup_printf ("line %u: ", rejected[i]);
      guint found = 0;

      for (guint l = 0; lines[l] != NULL; l++)
        found += g_str_has_prefix (lines[l], prefix) && strstr (lines[l], "warning:") == NULL;
      g_assert_cmpuint (found, ==, 1);
    }
  g_assert_null (strstr (result.err, "line 2: "));
  g_assert_null (strstr (result.err, "Carys"));
  g_assert_null (strstr (result.err, "31/02/2010"));
  g_assert_nonnull (strstr (result.err, "Importing 4 young people in one batch…\n"));

  g_assert_cmpuint (count_cases (fixture, CASEWORKER1, CASEWORKER1_PASSPHRASE), ==, before + 4);
}

/* Windows-1252 as Excel saves it, read as such and stored as UTF-8; a
 * supervisor names the caseworker of their team the cases go to. */
static void
test_import_windows_1252 (Fixture       *fixture,
                          gconstpointer  user_data)
{
  g_auto(Result) result = { 0 };
  g_autofree char *csv = import_fixture ("windows-1252.csv");

  /* A supervisor holds no caseload: they must say whose it is. */
  run_cli (fixture, &result, 1, SUPERVISOR_PASSPHRASE "\n", "--user", SUPERVISOR, "import", csv, NULL);
  assert_fails (&result, 2, "--assign");
  /* A caseworker imports for themselves only. */
  run_cli (fixture, &result, 1, CASEWORKER1_PASSPHRASE "\n",
           "--user", CASEWORKER1, "import", csv, "--assign", CASEWORKER2, NULL);
  assert_fails (&result, 1, "for themselves");
  /* Not a caseworker: refused before the passphrase. */
  run_cli (fixture, &result, 0, "", "--user", SUPERVISOR, "import", csv, "--assign", "admin", NULL);
  assert_fails (&result, 1, "not an active caseworker");

  run_cli (fixture, &result, 1, SUPERVISOR_PASSPHRASE "\n",
           "--user", SUPERVISOR, "import", csv, "--assign", CASEWORKER2, NULL);
  g_assert_cmpint (result.status, ==, 0);
  g_assert_nonnull (strstr (result.out, "as Windows-1252 (not UTF-8)"));
  g_assert_nonnull (strstr (result.out, "Imported 3 young people; their cases went to " CASEWORKER2 ".\n"));

  run_cli (fixture, &result, 1, CASEWORKER2_PASSPHRASE "\n", "--user", CASEWORKER2, "list", NULL);
  assert_ok (&result);
  g_assert_nonnull (strstr (result.out, "\tJos\xc3\xa9 \xc3\x81lvarez\t"));
  g_assert_nonnull (strstr (result.out, "\tBego\xc3\xb1" "a Mu\xc3\xb1oz\t"));
  g_assert_nonnull (strstr (result.out, "\tJ\xc3\xb6rg Schr\xc3\xb6" "der\t"));
}

/* --dry-run reads the file and nothing else: no passphrase, and the
 * database is the same bytes after. */
static void
test_import_dry_run (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_auto(Result) result = { 0 };
  g_autofree char *csv = import_fixture ("mixed.csv");
  g_autofree char *bad = g_build_filename (fixture->dir, "bad.csv", NULL);
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  guint cases = count_cases (fixture, CASEWORKER1, CASEWORKER1_PASSPHRASE);

  assert_no_log_files (fixture);
  before = read_file (fixture->db);
  run_cli (fixture, &result, 0, "", "--user", CASEWORKER1, "import", "--dry-run", csv, NULL);
  g_assert_cmpint (result.status, ==, 0);
  g_assert_nonnull (strstr (result.out, "4 rows are valid. 7 rows are rejected"));
  g_assert_nonnull (strstr (result.out, "Dry run: nothing was written.\n"));
  g_assert_nonnull (strstr (result.err, "line 13: "));
  g_assert_null (strstr (result.err, "Importing"));
  assert_no_log_files (fixture);
  after = read_file (fixture->db);
  g_assert_true (g_bytes_equal (before, after));

  /* Nothing valid: status 1, before any passphrase is asked for. */
  g_assert_true (g_file_set_contents (bad, "Surname,DOB\nPrice,31/02/2010\n", -1, NULL));
  run_cli (fixture, &result, 0, "", "--user", CASEWORKER1, "import", "--dry-run", bad, NULL);
  g_assert_cmpint (result.status, ==, 1);
  g_assert_nonnull (strstr (result.err, "line 2: "));
  g_assert_nonnull (strstr (result.err, "waymark-cli: No row of the file can be imported"));
  run_cli (fixture, &result, 0, "", "--user", CASEWORKER1, "import", bad, NULL);
  g_assert_cmpint (result.status, ==, 1);
  g_assert_nonnull (strstr (result.err, "waymark-cli: No row of the file can be imported"));
  /* A file that is no CSV at all: one line. */
  run_cli (fixture, &result, 0, "", "--user", CASEWORKER1, "import", fixture->db, NULL);
  assert_fails (&result, 1, "binary data");

  g_assert_cmpuint (count_cases (fixture, CASEWORKER1, CASEWORKER1_PASSPHRASE), ==, cases);
}

/* Whether another connection holds the database's write lock. */
static gboolean
write_locked (sqlite3 *db)
{
  int rc = sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL);

  if (rc == SQLITE_OK)
    {
      g_assert_cmpint (sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL), ==, SQLITE_OK);
      return FALSE;
    }
  g_assert_cmpint (rc, ==, SQLITE_BUSY);
  return TRUE;
}

/* An import killed while its one transaction is open, after it has
 * created some of the cases, leaves none of them. The write lock, held
 * from the first case to the commit, shows from outside that the batch
 * is under way. */
static void
test_import_interrupted (Fixture       *fixture,
                         gconstpointer  user_data)
{
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GDataInputStream) err = NULL;
  g_autoptr(GString) csv = g_string_new ("First name,Surname,Date of birth\n");
  g_autofree char *path = g_build_filename (fixture->dir, "many.csv", NULL);
  g_autoptr(GError) error = NULL;
  guint before = count_cases (fixture, CASEWORKER1, CASEWORKER1_PASSPHRASE);
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  GOutputStream *in;
  sqlite3 *db;

  /* Enough that the batch takes about a second here. */
  for (guint i = 0; i < 800; i++)
    g_string_append_printf (csv, "Person%u,Synthetic%u,%02u/%02u/%u\n", i, i, 1 + i % 28, 1 + i % 12, 2008 + i % 8);
  g_assert_true (g_file_set_contents (path, csv->str, (gssize) csv->len, NULL));

  process = spawn_cli (fixture, G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_SILENCE
                                | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                       "--user", CASEWORKER1, "import", path, NULL);
  n_sign_ins++;
  in = g_subprocess_get_stdin_pipe (process);
  g_output_stream_write_all (in, CASEWORKER1_PASSPHRASE "\n", strlen (CASEWORKER1_PASSPHRASE "\n"),
                             NULL, NULL, &error);
  g_assert_no_error (error);
  g_output_stream_close (in, NULL, &error);
  g_assert_no_error (error);

  /* After this line the command writes nothing but the batch. */
  err = g_data_input_stream_new (g_subprocess_get_stderr_pipe (process));
  for (;;)
    {
      g_autofree char *line = g_data_input_stream_read_line_utf8 (err, NULL, NULL, &error);

      g_assert_no_error (error);
      g_assert_nonnull (line);
      if (g_str_has_prefix (line, "Importing 800 young people"))
        break;
    }

  g_assert_cmpint (sqlite3_open (fixture->db, &db), ==, SQLITE_OK);
  while (!write_locked (db))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_usleep (1000);
    }
  /* Some way into the batch, and still in it. */
  g_usleep (200 * 1000);
  if (!write_locked (db))
    g_error ("the import finished before it could be interrupted: give it more rows");
  g_subprocess_force_exit (process);
  g_subprocess_wait (process, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_signaled (process));
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);

  g_assert_cmpuint (count_cases (fixture, CASEWORKER1, CASEWORKER1_PASSPHRASE), ==, before);
  {
    g_auto(Result) result = { 0 };

    run_cli (fixture, &result, 1, CASEWORKER1_PASSPHRASE "\n", "--user", CASEWORKER1, "verify", NULL);
    assert_ok (&result);
  }
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);

  g_test_add ("/cli/version-and-help", Fixture, GINT_TO_POINTER (TRUE),
              fixture_set_up, test_version_and_help, fixture_tear_down);
  g_test_add ("/cli/caseloads", Fixture, GINT_TO_POINTER (FALSE),
              fixture_set_up, test_caseloads, fixture_tear_down);
  g_test_add ("/cli/show", Fixture, GINT_TO_POINTER (FALSE),
              fixture_set_up, test_show, fixture_tear_down);
  g_test_add ("/cli/wrong-passphrase", Fixture, GINT_TO_POINTER (FALSE),
              fixture_set_up, test_wrong_passphrase, fixture_tear_down);
  g_test_add ("/cli/verify-finds-tampering", Fixture, GINT_TO_POINTER (FALSE),
              fixture_set_up, test_verify_finds_tampering, fixture_tear_down);
  g_test_add ("/cli/backup-restore", Fixture, GINT_TO_POINTER (FALSE),
              fixture_set_up, test_backup_restore, fixture_tear_down);
  g_test_add ("/cli/audit", Fixture, GINT_TO_POINTER (FALSE),
              fixture_set_up, test_audit, fixture_tear_down);
  g_test_add ("/cli/reset-and-reshare", Fixture, GINT_TO_POINTER (FALSE),
              fixture_set_up, test_reset_and_reshare, fixture_tear_down);
  g_test_add ("/cli/change-passphrase", Fixture, GINT_TO_POINTER (FALSE),
              fixture_set_up, test_change_passphrase, fixture_tear_down);
  g_test_add ("/cli/account-lifecycle", Fixture, GINT_TO_POINTER (FALSE),
              fixture_set_up, test_account_lifecycle, fixture_tear_down);
  g_test_add ("/cli/force-at-terminal", Fixture, GINT_TO_POINTER (FALSE),
              fixture_set_up, test_force_at_terminal, fixture_tear_down);
  g_test_add ("/cli/demo-needs-a-caseworker", Fixture, GINT_TO_POINTER (TRUE),
              fixture_set_up, test_demo_needs_a_caseworker, fixture_tear_down);
  g_test_add ("/cli/account-names", Fixture, GINT_TO_POINTER (FALSE),
              fixture_set_up, test_account_names, fixture_tear_down);
  g_test_add ("/cli/account-names-stored-before", Fixture, GINT_TO_POINTER (FALSE),
              fixture_set_up, test_account_names_stored_before, fixture_tear_down);
  g_test_add ("/cli/passphrase-lines", Fixture, GINT_TO_POINTER (FALSE),
              fixture_set_up, test_passphrase_lines, fixture_tear_down);
  g_test_add ("/cli/unknown-role", Fixture, GINT_TO_POINTER (FALSE),
              fixture_set_up, test_unknown_role, fixture_tear_down);
  g_test_add ("/cli/reference-in-any-case", Fixture, GINT_TO_POINTER (FALSE),
              fixture_set_up, test_reference_in_any_case, fixture_tear_down);
  g_test_add ("/cli/reviews", Fixture, GINT_TO_POINTER (FALSE),
              fixture_set_up, test_reviews, fixture_tear_down);
  g_test_add ("/cli/list-json", Fixture, GINT_TO_POINTER (FALSE),
              fixture_set_up, test_list_json, fixture_tear_down);
  g_test_add ("/cli/help-offers-user", Fixture, GINT_TO_POINTER (TRUE),
              fixture_set_up, test_help_offers_user, fixture_tear_down);
  g_test_add ("/cli/backup-restore-mistakes", Fixture, GINT_TO_POINTER (FALSE),
              fixture_set_up, test_backup_restore_mistakes, fixture_tear_down);
  g_test_add ("/cli/busy-waits", Fixture, GINT_TO_POINTER (FALSE),
              fixture_set_up, test_busy_waits, fixture_tear_down);
  g_test_add ("/cli/busy-gives-up", Fixture, GINT_TO_POINTER (FALSE),
              fixture_set_up, test_busy_gives_up, fixture_tear_down);
  g_test_add ("/cli/read-only-file", Fixture, GINT_TO_POINTER (FALSE),
              fixture_set_up, test_read_only_file, fixture_tear_down);
  g_test_add ("/cli/import-mixed", Fixture, GINT_TO_POINTER (FALSE),
              fixture_set_up, test_import_mixed, fixture_tear_down);
  g_test_add ("/cli/import-windows-1252", Fixture, GINT_TO_POINTER (FALSE),
              fixture_set_up, test_import_windows_1252, fixture_tear_down);
  g_test_add ("/cli/import-dry-run", Fixture, GINT_TO_POINTER (FALSE),
              fixture_set_up, test_import_dry_run, fixture_tear_down);
  g_test_add ("/cli/import-interrupted", Fixture, GINT_TO_POINTER (FALSE),
              fixture_set_up, test_import_interrupted, fixture_tear_down);
  g_test_add ("/cli/read-only-folder", Fixture, GINT_TO_POINTER (FALSE),
              fixture_set_up, test_read_only_folder, fixture_tear_down);

  status = g_test_run ();

  g_test_message ("%u key derivations", n_sign_ins);
  if (template.dir != NULL)
    remove_directory (template.dir);
  g_free (template.dir);
  g_free (template.db);
  return status;
}
