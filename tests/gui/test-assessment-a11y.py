#!/usr/bin/python3
# test-assessment-a11y.py — an ACE assessment completed and submitted over AT-SPI alone
#
# Copyright 2026 The Waymark authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Starts the built waymark on a database of synthetic young people and,
# with python3-pyatspi only (no keyboard, no pointer), as Orca would:
# signs in, opens a young person's record, starts an ACE assessment,
# answers each question by pressing the named option inside the group
# its question names, moves on with "Next", types the young person's own
# words through EditableText, and submits; then checks the submission is
# said and the history lists the assessment with its count and its note.
# Every interactive control on each page must have a name a screen
# reader can say. The questions are read from data/instruments/ace-2.json.
#
# meson runs it in a session bus of its own under Xvfb (see
# test-desk-a11y.py, whose helpers it shares in wm_atspi.py); it prints a line
# per check and exits 1 when any failed.

import json
import os
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from wm_atspi import (INTERACTIVE, PASSPHRASE, WAYMARK, Keyboard, Tree, ancestor_names,  # noqa: E402
                      check, check_names, find_application, focused, make_database, press, report,
                      text_of)


def find_in(tree, node, role, name):
    for child, child_role, child_name, _ in tree.nodes(node):
        if child_role == role and child_name == name:
            return child
    return None


def answer(tree, question, option):
    """Presses @option in the group that @question names."""
    for node, role, name, _ in tree.nodes():
        if name == question and role not in ("label", "push button"):
            # A single choice's options are toggle buttons (GTK 4.8 gives
            # check buttons no AT-SPI action), which it calls push buttons.
            button = find_in(tree, node, "toggle button", option) or find_in(tree, node, "push button", option)
            if button is not None:
                return press(button)
    return False


def drive(pyatspi, scratch, person, instrument):
    config = os.path.join(scratch, "config", "gtk-4.0")
    os.makedirs(config)
    with open(os.path.join(config, "settings.ini"), "w", encoding="utf-8") as f:
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
        if not check("the sign-in page has its fields", user is not None and passphrase is not None):
            return
        user.queryEditableText().setTextContents("alex")
        passphrase.queryEditableText().setTextContents(PASSPHRASE)
        press(tree.find("push button", "Sign In"))
        if not check("signing in shows the caseload",
                     tree.wait("label", "Signed in as alex", seconds=60) is not None):
            return
        name_button = tree.wait("push button", person["name"])
        if not check("the young person's name is a button", name_button is not None):
            return
        press(name_button)
        start = tree.wait("push button", "Start ACE", seconds=30)
        if not check("the record offers to start an ACE assessment", start is not None):
            return
        check_names(tree, "record with assessments")
        press(start)
        if not check("the assessment opens at its first step",
                     tree.wait("list", "Steps", seconds=30) is not None):
            return

        for number, section in enumerate(instrument["sections"]):
            check_names(tree, f"assessment page {number + 1}")
            for item in section["items"]:
                if item["type"] == "text":
                    field = tree.wait("text", item["label"], seconds=10)
                    if check(f"“{item['label']}” is a named text field", field is not None):
                        field.queryEditableText().setTextContents("I want to get back into football.")
                else:
                    option = "Known or disclosed" if item["id"] in KNOWN else "No"
                    check(f"“{item['label']}”: {option}", answer(tree, item["label"], option),
                          repr([(role, name) for _, role, name, _ in tree.nodes()
                                if name in (item["label"], option)]))
            next_button = tree.find("push button", "Next")
            if not check(f"page {number + 1} has a named Next button", next_button is not None):
                return
            press(next_button)

        if not check("the summary shows the ACE count in its band",
                     tree.wait("label", contains="Four or more ACEs known", seconds=15) is not None,
                     repr(tree.labels()[-20:])):
            return
        check("the summary says the count is a population measure",
              tree.find("label", contains="population measure") is not None)
        check_names(tree, "summary")
        submit = tree.wait("push button", "Submit for Approval", seconds=15)
        if not check("a named Submit for Approval button", submit is not None):
            return
        press(submit)
        check("the submission is said",
              tree.wait("label", contains="Submitted for approval", seconds=30) is not None,
              repr(tree.labels()[:10]))
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
        check("waymark exits cleanly when asked", process.returncode in (0, -15), f"exit {process.returncode}")


KNOWN = {"emotional-abuse", "domestic-abuse", "household-substance-misuse", "parental-separation"}


def drive_keyboard(pyatspi, scratch, person, instrument):
    """The same assessment with the keyboard alone: keys typed into the
    window (xdotool), Tab to move, Space to press, Ctrl+F to search, Enter
    to open; AT-SPI only listens, as a screen reader does, to say where the
    focus is."""
    config = os.path.join(scratch, "config", "gtk-4.0")
    os.makedirs(config, exist_ok=True)
    with open(os.path.join(config, "settings.ini"), "w", encoding="utf-8") as f:
        f.write("[Settings]\ngtk-cursor-blink=false\n")
    env = dict(os.environ, GSETTINGS_BACKEND="memory", XDG_CONFIG_HOME=os.path.join(scratch, "config"))
    pyatspi.Registry.getDesktop(0).childCount
    process = subprocess.Popen([WAYMARK, "--database", "org.db"], env=env, cwd=scratch)
    try:
        app = find_application(pyatspi, process.pid, time.time() + 60)
        if not check("the window is on the accessibility bus", app is not None):
            return
        tree = Tree(pyatspi, app)
        keyboard = Keyboard(process.pid)
        if not check("the sign-in page shows", tree.wait("password text") is not None):
            return
        # Until the window has the X input focus, keys go nowhere: each
        # field is typed into and its length read back, as a screen reader
        # would read it, again if needed.
        user = tree.wait("text", "User name")
        if not check("keyboard: the user name is typed", keyboard.fill(user, "alex"),
                     repr(text_of(user))):
            return
        keyboard.key("Tab")
        passphrase = focused(tree)
        if not check("keyboard: Tab moves to the passphrase",
                     passphrase is not None and passphrase.getRoleName() == "password text"):
            return
        if not check("keyboard: the passphrase is typed", keyboard.fill(passphrase, PASSPHRASE)):
            return
        keyboard.key("Return")
        if not check("keyboard: signed in", tree.wait("label", "Signed in as alex", seconds=60) is not None):
            return
        family = person["name"].split()[-1]
        keyboard.key("ctrl+f")
        keyboard.type(family)
        time.sleep(0.5)
        keyboard.key("Return")
        if not check("keyboard: Enter in the search opens the record",
                     tree.wait("push button", "Start ACE", seconds=30) is not None):
            return
        start = keyboard.tab_to(tree, lambda node, role, name: role == "push button" and name == "Start ACE")
        if not check("keyboard: Tab reaches Start ACE", start is not None):
            return
        keyboard.key("space")
        if not check("keyboard: the assessment opens", tree.wait("list", "Steps", seconds=30) is not None):
            return
        keyboard.focus_newest()

        for number, section in enumerate(instrument["sections"]):
            for item in section["items"]:
                if item["type"] == "text":
                    field = keyboard.tab_to(tree, lambda node, role, name, label=item["label"]:
                                            role == "text" and name == label)
                    if check(f"keyboard: Tab reaches “{item['label']}”", field is not None):
                        keyboard.type("I want to get back into football.")
                    continue
                option = "Known or disclosed" if item["id"] in KNOWN else "No"
                target = keyboard.tab_to(
                    tree, lambda node, role, name, option=option, label=item["label"]:
                    role in ("toggle button", "push button") and name == option and label in ancestor_names(node))
                if check(f"keyboard: “{item['label']}”: {option}", target is not None,
                         repr((lambda f: f and (f.getRoleName(), f.name))(focused(tree)))):
                    keyboard.key("space")
            next_button = keyboard.tab_to(tree, lambda node, role, name: role == "push button" and name == "Next")
            if not check(f"keyboard: page {number + 1}: Tab reaches Next", next_button is not None):
                return
            keyboard.key("space")

        if not check("keyboard: the summary shows the ACE count in its band",
                     tree.wait("label", contains="Four or more ACEs known", seconds=15) is not None):
            return
        submit = keyboard.tab_to(tree, lambda node, role, name: role == "push button"
                                 and name == "Submit for Approval")
        if not check("keyboard: Tab reaches Submit for Approval", submit is not None):
            return
        keyboard.key("space")
        check("keyboard: the submission is said",
              tree.wait("label", contains="Submitted for approval", seconds=30) is not None)
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()


def main():
    try:
        import pyatspi
    except ImportError as error:
        check("pyatspi is installed", False, str(error))
        pyatspi = None
    with open(os.path.join(sys.argv[1], "data", "instruments", "ace-2.json"), encoding="utf-8") as f:
        instrument = json.load(f)
    with tempfile.TemporaryDirectory() as scratch:
        os.environ["XDG_STATE_HOME"] = os.path.join(scratch, "state")
        people = make_database(scratch) if pyatspi else None
        if people and "--keyboard" in sys.argv:
            drive_keyboard(pyatspi, scratch, people[0], instrument)
        elif people:
            drive(pyatspi, scratch, people[0], instrument)

    return report()


if __name__ == "__main__":
    sys.exit(main())
