/* test-cli-instrument.c — "waymark-cli instrument check" and "instrument score", run as an author would
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs the built tool ($WAYMARK_CLI) on the shipped definitions
 * (data/instruments/) and on the bad ones of tests/data/instruments/.
 * Neither command opens a database, so no test here makes one.
 */

#include "config.h"

#include <string.h>
#include <sys/wait.h>

#include <glib.h>

typedef struct
{
  int   status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_free (run->out);
  g_free (run->err);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

static void
run_cli (Run *run,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) env = g_get_environ ();
  const char *arg;
  va_list args;
  int wait_status;

  g_ptr_array_add (argv, (gpointer) g_getenv ("WAYMARK_CLI"));
  va_start (args, run);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  /* English messages, whatever the developer's own language. */
  env = g_environ_setenv (env, "LC_ALL", "C.UTF-8", TRUE);
  env = g_environ_unsetenv (env, "LANGUAGE");
  g_spawn_sync (NULL, (char **) argv->pdata, env, G_SPAWN_DEFAULT, NULL, NULL,
                &run->out, &run->err, &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  run->status = WEXITSTATUS (wait_status);
}

static char *
shipped (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "..", "data", "instruments", name, NULL);
}

static char *
fixture (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", "instruments", name, NULL);
}

static void
test_check_shipped (void)
{
  static const char *const names[] = {
    "ace-1.json", "ace-2.json", "diversion-risk-needs-1.json", "diversion-risk-needs-2.json",
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = shipped (names[i]);
      g_auto(Run) run = { 0 };

      run_cli (&run, "instrument", "check", path, NULL);
      g_assert_cmpstr (run.err, ==, "");
      g_assert_cmpint (run.status, ==, 0);
      g_assert_true (g_str_has_prefix (run.out, path));
      g_assert_nonnull (strstr (run.out, "is valid"));
    }
}

static void
test_check_bad (void)
{
  g_autofree char *bad = fixture ("unknown-type.json");
  g_autofree char *gap = fixture ("band-gap.json");
  g_autofree char *good = shipped ("ace-2.json");
  g_autofree char *expected = g_strdup_printf ("waymark-cli: %s: item “mood”: The type “slider” is not one "
                                               "Waymark knows. Use yes-no-not-known, boolean, scale, choice, "
                                               "multiple-choice, date, number or text.\n", bad);

  {
    g_auto(Run) run = { 0 };

    run_cli (&run, "instrument", "check", bad, NULL);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_cmpstr (run.out, ==, "");
    g_assert_cmpstr (run.err, ==, expected);
  }

  /* Several files: each is checked, each fault said, and the status is 1. */
  {
    g_auto(Run) run = { 0 };

    run_cli (&run, "instrument", "check", good, gap, bad, NULL);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_nonnull (strstr (run.out, "“ace” version 2 is valid"));
    g_assert_nonnull (strstr (run.err, "domain “exploitation”: Between the bands “No indicators” and "
                                       "“Two or more”, scores from 1 to 1 fall in no band."));
    g_assert_nonnull (strstr (run.err, expected));
    g_assert_true (g_str_has_suffix (run.err, "waymark-cli: 2 of the 3 files are not valid definitions. "
                                              "Correct them and check again.\n"));
  }

  /* Called wrongly: status 2. */
  {
    g_auto(Run) run = { 0 };

    run_cli (&run, "instrument", "check", NULL);
    g_assert_cmpint (run.status, ==, 2);
  }
  {
    g_auto(Run) run = { 0 };

    run_cli (&run, "instrument", "grade", NULL);
    g_assert_cmpint (run.status, ==, 2);
    g_assert_nonnull (strstr (run.err, "“instrument check” or “instrument score”"));
  }
}

static void
test_score (void)
{
  g_autofree char *ace = shipped ("ace-2.json");
  g_autofree char *drn = shipped ("diversion-risk-needs-2.json");
  g_autofree char *ace_answers = fixture ("ace-answers.json");
  g_autofree char *drn_answers = fixture ("risk-needs-answers.json");

  /* Four "yes" of nine answered: flagged, with the note beside it. */
  {
    g_auto(Run) run = { 0 };

    run_cli (&run, "instrument", "score", ace, ace_answers, NULL);
    g_assert_cmpstr (run.err, ==, "");
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "Answered: 9 of 10 required items; 1 answered “not known”."));
    g_assert_nonnull (strstr (run.out, "Not answered: Physical neglect (physical-neglect)"));
    g_assert_nonnull (strstr (run.out, "ACE count (ace-count): 4 — Four or more ACEs known [flagged]"));
    g_assert_nonnull (strstr (run.out, "A population measure"));
  }

  /* One indicator and a learning disability: the floor holds. */
  {
    g_auto(Run) run = { 0 };

    run_cli (&run, "instrument", "score", "--age", "15", drn, drn_answers, NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "Exploitation indicators (exploitation): 1 — One indicator, suggests emerging"));
    g_assert_nonnull (strstr (run.out, "Exploitation risk (exploitation): suggested moderate; not below moderate"));
    g_assert_nonnull (strstr (run.out, "Constraints that hold:\n  exploitation-floor: Exploitation risk cannot"));
  }

  /* Answers that are not the instrument's are refused, naming the file. */
  {
    g_auto(Run) run = { 0 };

    run_cli (&run, "instrument", "score", drn, ace_answers, NULL);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_nonnull (strstr (run.err, ace_answers));
    g_assert_nonnull (strstr (run.err, "There is no item “emotional-abuse” in the instrument “diversion-risk-needs”."));
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli/instrument/check-shipped", test_check_shipped);
  g_test_add_func ("/cli/instrument/check-bad", test_check_bad);
  g_test_add_func ("/cli/instrument/score", test_score);

  return g_test_run ();
}
