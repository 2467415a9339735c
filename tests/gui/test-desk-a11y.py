#!/usr/bin/python3
# test-desk-a11y.py — the desk driven as a screen reader user drives it, over AT-SPI
#
# Copyright 2026 The Waymark authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Starts the built waymark on a database of synthetic young people and
# works it only through its accessibility tree, with python3-pyatspi, as
# Orca would: the fields' editable text, the buttons' and the search
# entry's actions, the labels' text. It signs in, searches for a young
# person by name, opens the record with the button their name is in the
# caseload, adds a contact, and locks; then checks that the sign-in page is back and no
# label anywhere still shows the young person's name. At each step every
# interactive control on screen must have a name a screen reader can say
# (not empty, not a GTK type name); controls inside a named drop-down and
# GTK's scroll bars are GTK's own and reported, not failed.
#
# It also records what an AT-SPI client sees of the passphrase field: its
# role, its name, and the text it hands out, which must not be the
# passphrase.
#
# meson runs it in a session bus of its own under Xvfb; it prints a line
# per check and exits 1 when any failed.

import os
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from wm_atspi import (INTERACTIVE, PASSPHRASE, WAYMARK, Tree, check, check_names,  # noqa: E402
                      find_application, make_database, press, report, text_of)

NOTE = "Met at the youth centre; talked about college."


def drive(pyatspi, scratch, person):
    config = os.path.join(scratch, "config", "gtk-4.0")
    os.makedirs(config)
    with open(os.path.join(config, "settings.ini"), "w", encoding="utf-8") as f:
        # No window manager under Xvfb gives the window focus; GTK 4.8's
        # cursor blink warns about that, and warnings are fatal here.
        f.write("[Settings]\ngtk-cursor-blink=false\n")
    env = dict(os.environ, GSETTINGS_BACKEND="memory", XDG_CONFIG_HOME=os.path.join(scratch, "config"))
    pyatspi.Registry.getDesktop(0).childCount
    process = subprocess.Popen([WAYMARK, "--database", "org.db"], env=env, cwd=scratch)
    try:
        app = find_application(pyatspi, process.pid, time.time() + 60)
        if not check("the window is on the accessibility bus", app is not None):
            return
        tree = Tree(pyatspi, app)
        user = tree.wait("text", "User name")
        passphrase = tree.wait("password text")
        if not check("the sign-in page has a named user field and a password field",
                     user is not None and passphrase is not None):
            return
        check("the passphrase field announces itself as a password field, named",
              passphrase.getRoleName() == "password text" and passphrase.name == "Passphrase",
              f"{passphrase.getRoleName()} '{passphrase.name}'")
        check_names(tree, "sign-in")

        user.queryEditableText().setTextContents("alex")
        passphrase.queryEditableText().setTextContents(PASSPHRASE)
        seen = text_of(passphrase)
        print(f"# an AT-SPI client reads the passphrase field as {seen!r}, "
              f"with a character count of {passphrase.queryText().characterCount}")
        check("the passphrase field does not hand the typed text to AT-SPI", PASSPHRASE not in seen, repr(seen))
        sign_in = tree.find("push button", "Sign In")
        check("the Sign In button is named", sign_in is not None)
        if sign_in is None:
            return
        press(sign_in)
        check("signing in shows the caseload", tree.wait("label", "Signed in as alex", seconds=60) is not None,
              repr(tree.labels()[:20]))
        check_names(tree, "caseload")

        family = person["name"].split()[-1]
        search = tree.wait("entry", "Search the caseload")
        if not check("the caseload has a named search", search is not None):
            return
        search.queryEditableText().setTextContents(family)
        deadline = time.time() + 15
        shown = []
        while time.time() < deadline:
            shown = [label for label in tree.labels() if family in label]
            references = [label for label in tree.labels() if label.startswith("WM-")]
            if shown and len(references) == 1:
                break
            time.sleep(0.2)
        check("searching by family name narrows the caseload to that young person",
              person["name"] in shown and len(references) == 1, f"{shown} {references}")

        # GTK 4.8 gives a column view's rows no name and no action, and a
        # search entry's AT-SPI "activate" does not reach it; the name in
        # the caseload is a button named after the young person.
        name_button = tree.find("push button", person["name"])
        check("the young person's name in the caseload is a named button", name_button is not None)
        if name_button is None:
            return
        press(name_button)
        add_contact = tree.wait("push button", "Add Contact", seconds=30)
        reference = tree.wait("label", contains=person["reference"], seconds=30)
        check("the name opens the record", reference is not None and add_contact is not None,
              repr(tree.labels()[:30]))
        check_names(tree, "record")
        if add_contact is None:
            return

        press(add_contact)
        note = None
        deadline = time.time() + 30
        while note is None and time.time() < deadline:
            note = tree.find("text", "Note")
            time.sleep(0.2)
        if not check("Add Contact opens the contact editor, its note named", note is not None,
                     repr([(role, name) for _, role, name, _ in tree.nodes()
                           if role in INTERACTIVE or role in ("frame", "dialog")])):
            return
        check_names(tree, "contact editor")
        note.queryEditableText().setTextContents(NOTE)
        # The record has a Save button too; the editor's is the last one.
        save = None
        for node, role, name, _ in tree.nodes():
            if role == "push button" and name == "Save":
                save = node
        if not check("the editor has a Save button", save is not None):
            return
        press(save)
        check("the contact is saved and listed in the record",
              tree.wait("label", contains="Met at the youth centre", seconds=30) is not None,
              repr(tree.labels()[-30:]))
        # The toast that says so is still up: its close button too.
        check_names(tree, "record, contact saved")

        # Preferences as a screen reader user opens it, from the main menu:
        # the organisation's review intervals, read only for a caseworker,
        # each field named by its level.
        menu = tree.find("toggle button", "Main Menu") or tree.find("push button", "Main Menu")
        if not check("a named Main Menu button", menu is not None):
            return
        # GTK 4.8's menu button has no action of its own: its inner toggle
        # button (unnamed, reported above as GTK's own) has the click.
        if not press(menu):
            for child in menu:
                if child is not None and press(child):
                    break
        item = tree.wait("menu item", "Preferences", seconds=10)
        if not check("the main menu offers Preferences", item is not None,
                     repr([(role, name) for _, role, name, _ in tree.nodes() if "menu" in role])):
            return
        press(item)
        very_high = tree.wait("spin button", "Very high risk", seconds=15)
        check("Preferences shows the organisation's review intervals, each named by its level",
              very_high is not None and tree.find("spin button", "Low risk") is not None,
              repr([(role, name) for _, role, name, _ in tree.nodes() if role == "spin button"]))
        check("a caseworker reads the intervals but cannot change them",
              very_high is not None and not very_high.getState().contains(pyatspi.STATE_SENSITIVE)
              and tree.find("push button", "Save Review Intervals") is None)
        check_names(tree, "preferences")
        close = None
        for node, role, name, _ in tree.nodes():
            if role == "push button" and name == "Close":
                close = node
        if close is not None:
            press(close)
            time.sleep(0.5)

        lock = tree.find("push button", "Lock")
        if not check("a named Lock button", lock is not None):
            return
        press(lock)
        check("locking shows the sign-in page", tree.wait("label", "Locked", seconds=15) is not None)
        time.sleep(0.5)
        leftover = [label for label in tree.labels() if family in label or "youth centre" in label]
        check("after the lock no label shows the young person's name or the note", not leftover,
              repr(leftover))
        check_names(tree, "locked")
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
        check("waymark exits cleanly when asked", process.returncode in (0, -15), f"exit {process.returncode}")


def main():
    try:
        import pyatspi
    except ImportError as error:
        check("pyatspi is installed", False, str(error))
        pyatspi = None
    with tempfile.TemporaryDirectory() as scratch:
        os.environ["XDG_STATE_HOME"] = os.path.join(scratch, "state")
        people = make_database(scratch) if pyatspi else None
        if people:
            drive(pyatspi, scratch, people[0])

    return report()


if __name__ == "__main__":
    sys.exit(main())
