#!/usr/bin/python3
# test-launch.py — waymark started as a user starts it, read as a screen reader reads it
#
# Copyright 2026 The Waymark authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Runs the built executable ($WAYMARK) from its build folder with none of the
# tests' environment that points it at the build tree, so it must find its
# own settings schema and catalogues; checks --version, --help, a missing
# schema and a wrong --database; then starts the window on a real database
# and reads it over the AT-SPI accessibility bus with pyatspi, exactly as a
# screen reader would, which also proves the bus (at-spi2-core) is there.
#
# meson runs it inside a session bus of its own (dbus-run-session), so the
# application's unique name cannot meet another test's, and under the Xvfb
# display build-aux/test provides. Prints a line per check and exits 1 when any failed.

import os
import shutil
import subprocess
import sys
import tempfile
import time

BUILD_ROOT = sys.argv[1]
WAYMARK = os.environ["WAYMARK"]
WAYMARK_CLI = os.environ["WAYMARK_CLI"]
ORGANISATION = "Gwasanaeth Dargyfeirio Ŵyr"
PASSPHRASE = "heather moss granite lantern river\n"

results = []


def check(name, condition, detail=""):
    results.append((name, bool(condition), detail))
    return bool(condition)


def plain_env(**extra):
    """The environment of a user's shell: none of the tests' pointers into
    the build tree, a settings backend that keeps nothing. G_DEBUG stays:
    a warning (the accessibility bus missing, say) still fails the test."""
    env = dict(os.environ)
    for name in ("GSETTINGS_SCHEMA_DIR", "WAYMARK_LOCALEDIR"):
        env.pop(name, None)
    env["GSETTINGS_BACKEND"] = "memory"
    env.update(extra)
    return env


def run(argv, env, cwd):
    return subprocess.run(argv, env=env, cwd=cwd, capture_output=True, text=True, timeout=60)


def test_command_line(scratch):
    version = run([WAYMARK, "--version"], plain_env(), scratch)
    check("version from the build folder",
          version.returncode == 0 and version.stdout.startswith("Waymark "),
          version.stdout + version.stderr)

    helped = run([WAYMARK, "--help"], plain_env(), scratch)
    check("help names --database",
          helped.returncode == 0 and "--database=FILE" in helped.stdout,
          helped.stdout + helped.stderr)

    # A copy outside the build tree, with no schema installed anywhere it
    # looks, is an installation without its schema.
    copy = os.path.join(scratch, "waymark")
    shutil.copy(WAYMARK, copy)
    empty = os.path.join(scratch, "empty-share")
    os.makedirs(empty)
    missing = run([copy, "--version"], plain_env(XDG_DATA_DIRS=empty, XDG_DATA_HOME=empty), scratch)
    check("a missing schema is a message, not an abort",
          missing.returncode == 1 and "org.waymark.Waymark is not installed" in missing.stderr,
          f"exit {missing.returncode}: {missing.stderr}")

    with open(os.path.join(scratch, "notes.txt"), "w", encoding="utf-8") as f:
        f.write("not a database\n")
    for name in ("absent.db", "notes.txt"):
        wrong = run([WAYMARK, "--database", name], plain_env(), scratch)
        check(f"--database {name} is refused with a message",
              wrong.returncode == 1 and wrong.stderr.startswith("waymark: ")
              and "Traceback" not in wrong.stderr,
              f"exit {wrong.returncode}: {wrong.stderr}")


def install(scratch):
    """Installs the build into a folder, as "meson install" would into the
    system, with the schema compiled as its post-install step does.
    Returns the installed waymark and its XDG_DATA_DIRS."""
    destdir = os.path.join(scratch, "installed")
    done = subprocess.run(["meson", "install", "-C", BUILD_ROOT, "--destdir", destdir,
                           "--no-rebuild", "--quiet"], capture_output=True, text=True, timeout=120)
    if not check("meson install", done.returncode == 0, done.stdout + done.stderr):
        return None, None
    found = [os.path.join(top, "waymark") for top, _, files in os.walk(destdir)
             if "waymark" in files and top.endswith("/bin")]
    schemas = [top for top, dirs, _ in os.walk(destdir) if top.endswith("glib-2.0/schemas")]
    if not check("the installed tree has waymark and its schema", len(found) == 1 and len(schemas) == 1,
                 f"{found} {schemas}"):
        return None, None
    subprocess.run(["glib-compile-schemas", schemas[0]], check=True, timeout=60)
    share = os.path.dirname(os.path.dirname(schemas[0]))
    return found[0], share + os.pathsep + "/usr/share"


def test_installed(scratch):
    waymark, data_dirs = install(scratch)
    if waymark is None:
        return
    version = run([waymark, "--version"], plain_env(XDG_DATA_DIRS=data_dirs), scratch)
    check("version, installed", version.returncode == 0 and version.stdout.startswith("Waymark "),
          version.stdout + version.stderr)
    # (Its catalogues are looked for under the real prefix, not the
    # folder it was installed into here, so this stays in English.)
    helped = run([waymark, "--help"], plain_env(XDG_DATA_DIRS=data_dirs), scratch)
    check("help, installed", helped.returncode == 0 and "--database=FILE" in helped.stdout,
          helped.stdout + helped.stderr)


def find_application(pyatspi, pid, deadline):
    while time.time() < deadline:
        for app in pyatspi.Registry.getDesktop(0):
            try:
                if app is not None and app.get_process_id() == pid:
                    return app
            except Exception:
                pass
        time.sleep(0.2)
    return None


def showing_names(pyatspi, node, role):
    """The names of the accessibles of a role under node that a screen
    reader would read: visible, as every ancestor is. (GTK 4.8 sets
    "showing" on windows only.)"""
    names = []
    states = node.getState()
    if not states.contains(pyatspi.STATE_VISIBLE) and node.getRole() != pyatspi.ROLE_APPLICATION:
        return names
    if node.getRole() == role:
        names.append(node.name)
    for i in range(node.childCount):
        child = node.getChildAtIndex(i)
        if child is not None:
            names.extend(showing_names(pyatspi, child, role))
    return names


def read_window(pyatspi, argv, env, cwd):
    """Starts waymark and returns the labels and buttons a screen reader finds
    showing once the window is up, or None when it never appeared."""
    # The accessibility bus and its registry start on first use; have them
    # running before the application looks for them, as on a desktop,
    # where they run from the start of the session.
    pyatspi.Registry.getDesktop(0).childCount
    process = subprocess.Popen(argv, env=env, cwd=cwd)
    try:
        # Generous: on a loaded 2-core machine the window can take seconds.
        app = find_application(pyatspi, process.pid, time.time() + 60)
        if app is None:
            print(f"# {argv[0]} never appeared on the accessibility bus "
                  f"(exit status {process.poll()})")
            return None
        deadline = time.time() + 15
        while time.time() < deadline:
            labels = showing_names(pyatspi, app, pyatspi.ROLE_LABEL)
            if labels:
                return labels, showing_names(pyatspi, app, pyatspi.ROLE_PUSH_BUTTON)
            time.sleep(0.2)
        return [], []
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_window(scratch):
    try:
        import pyatspi
    except ImportError as error:
        check("pyatspi is installed", False, str(error))
        return

    database = os.path.join(scratch, "org.db")
    made = subprocess.run([WAYMARK_CLI, "--database", database, "init",
                           "--organisation", ORGANISATION, "--admin", "admin"],
                          input=PASSPHRASE, capture_output=True, text=True, timeout=60)
    if not check("waymark-cli init", made.returncode == 0, made.stderr):
        return

    seen = read_window(pyatspi, [WAYMARK, "--database", "org.db"], plain_env(), scratch)
    check("the window is on the accessibility bus", seen is not None)
    if seen is not None:
        labels, buttons = seen
        check("--database opens the organisation's file", ORGANISATION in labels, repr(labels))
        check("the main menu has a name a screen reader reads", "Main Menu" in buttons, repr(buttons))

    # Without --database, the default file under $XDG_DATA_HOME.
    data_home = os.path.join(scratch, "data-home")
    os.makedirs(os.path.join(data_home, "waymark"))
    shutil.copy(database, os.path.join(data_home, "waymark", "waymark.db"))
    seen = read_window(pyatspi, [WAYMARK], plain_env(XDG_DATA_HOME=data_home), scratch)
    check("the default database opens without --database",
          seen is not None and ORGANISATION in seen[0], repr(seen))


def main():
    with tempfile.TemporaryDirectory() as scratch:
        test_command_line(scratch)
        test_installed(scratch)
        test_window(scratch)

    print(f"1..{len(results)}")
    for number, (name, ok, detail) in enumerate(results, 1):
        print(f"{'ok' if ok else 'not ok'} {number} - {name}")
        if not ok and detail:
            for line in detail.strip().splitlines():
                print(f"# {line}")
    return 0 if all(ok for _, ok, _ in results) else 1


if __name__ == "__main__":
    sys.exit(main())
