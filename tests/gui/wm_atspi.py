# wm_atspi.py — what the AT-SPI tests share: a database to drive, and the tree as a screen reader reads it
#
# Copyright 2026 The Waymark authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# test-desk-a11y.py and test-assessment-a11y.py import this from beside
# them: the checks and their report, a database of synthetic young people
# made with waymark-cli, the running application found by its process id,
# a Tree of what is showing, pressing a control by its AT-SPI action, and
# the rule every interactive control is held to (a name a screen reader
# can say: not empty, not a GTK type name, not doubled, no mnemonic
# underscore).

import json
import os
import subprocess
import time

WAYMARK = os.environ["WAYMARK"]
WAYMARK_CLI = os.environ["WAYMARK_CLI"]
PASSPHRASE = "heather moss granite lantern"
INTERACTIVE = {"push button", "toggle button", "text", "password text", "entry", "combo box",
               "check box", "spin button", "radio button", "menu item", "slider", "switch",
               "toggle switch", "link"}
results = []


def check(name, condition, detail=""):
    results.append((name, bool(condition), detail))
    return bool(condition)


def cli(scratch, args, stdin):
    return subprocess.run([WAYMARK_CLI, "--database", os.path.join(scratch, "org.db")] + args,
                          input=stdin, capture_output=True, text=True, timeout=120, cwd=scratch)


def make_database(scratch):
    steps = [
        (["init", "--organisation", "Marches Diversion Network", "--admin", "admin"], PASSPHRASE + "\n"),
        (["--user", "admin", "user", "add", "sam", "--role", "supervisor"], f"{PASSPHRASE}\n{PASSPHRASE}\n"),
        (["--user", "admin", "user", "add", "alex", "--role", "caseworker", "--supervisor", "sam"],
         f"{PASSPHRASE}\n{PASSPHRASE}\n"),
        (["--user", "sam", "demo", "--people", "6", "--seed", "7"], PASSPHRASE + "\n"),
    ]
    for args, stdin in steps:
        done = cli(scratch, args, stdin)
        if not check("waymark-cli " + " ".join(a for a in args if not a.startswith("-"))[:40],
                     done.returncode == 0, done.stderr):
            return None
    listed = cli(scratch, ["--user", "alex", "list", "--json"], PASSPHRASE + "\n")
    if not check("the caseworker lists her cases", listed.returncode == 0, listed.stderr):
        return None
    return json.loads(listed.stdout)


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


class Tree:
    """The showing part of the application's tree, read again on each call."""

    def __init__(self, pyatspi, app):
        self.pyatspi = pyatspi
        self.app = app

    def nodes(self, node=None, inside_named_combo=False):
        """(node, role, name, inside a named drop-down) for each showing
        node. Rows come and go while a filter runs: a node that vanished
        under the walk is skipped, not an error."""
        node = node or self.app
        try:
            states = node.getState()
            role = node.getRoleName()
            name = node.name or ""
            children = [node.getChildAtIndex(i) for i in range(node.childCount)]
            hidden = (not states.contains(self.pyatspi.STATE_VISIBLE)
                      and node.getRole() != self.pyatspi.ROLE_APPLICATION)
        except Exception:
            return
        if hidden:
            return
        yield node, role, name, inside_named_combo
        named_combo = inside_named_combo or (role == "combo box" and bool(name))
        for child in children:
            if child is not None:
                yield from self.nodes(child, named_combo)

    def find(self, role, name=None, contains=None):
        for node, node_role, node_name, _ in self.nodes():
            if node_role != role:
                continue
            if name is not None and node_name != name:
                continue
            if contains is not None and contains not in node_name:
                continue
            return node
        return None

    def wait(self, role, name=None, contains=None, seconds=30):
        deadline = time.time() + seconds
        while time.time() < deadline:
            found = self.find(role, name, contains)
            if found is not None:
                return found
            time.sleep(0.2)
        return None

    def labels(self):
        return [name for _, role, name, _ in self.nodes() if role == "label"]

    def unnamed_controls(self):
        """Interactive controls a screen reader could not name well, and GTK's own
        unnamed internals (inside a named drop-down, scroll bars)."""
        ours, gtks = [], []
        for _, role, name, in_combo in self.nodes():
            if role not in INTERACTIVE and role != "scroll bar":
                continue
            words = name.split()
            half = len(words) // 2
            # GTK 4.8 doubles names given twice ("Note Note") and keeps a
            # mnemonic's underscore ("_Save Save"): both read badly.
            unnamed = (not name or name.startswith(("Gtk", "Adw", "Wm"))
                       or (half > 0 and len(words) % 2 == 0 and words[:half] == words[half:])
                       or any(word.startswith("_") for word in words))
            if not unnamed:
                continue
            (gtks if in_combo or role == "scroll bar" else ours).append(f"{role} '{name}'")
        return ours, gtks


def press(node):
    action = node.queryAction()
    for i in range(action.nActions):
        if action.getName(i) in ("click", "activate", "press"):
            return action.doAction(i)
    return False


def check_names(tree, step):
    ours, gtks = tree.unnamed_controls()
    check(f"every control has a name: {step}", not ours, "unnamed: " + ", ".join(ours))
    if gtks:
        print(f"# {step}: GTK's own unnamed parts: {', '.join(sorted(set(gtks)))}")




def report():
    """Prints the checks TAP-like; returns the exit status."""
    print(f"1..{len(results)}")
    for number, (name, ok, detail) in enumerate(results, 1):
        print(f"{'ok' if ok else 'not ok'} {number} - {name}")
        if not ok and detail:
            for line in str(detail).strip().splitlines():
                print(f"# {line}")
    return 0 if results and all(ok for _, ok, _ in results) else 1


def text_of(node):
    """The whole text of a text control, as a screen reader reads it. GTK
    4.8 answers getText(0, -1) with an empty string, so ask for exactly the
    characters it says it holds."""
    text = node.queryText()
    return text.getText(0, text.characterCount)


def focused(tree):
    """The showing accessible that has the keyboard focus, or None."""
    for node, _, _, _ in tree.nodes():
        try:
            if node.getState().contains(tree.pyatspi.STATE_FOCUSED):
                return node
        except Exception:
            pass
    return None


def ancestor_names(node, depth=8):
    names = []
    try:
        parent = node.parent
        while parent is not None and depth > 0:
            names.append(parent.name or "")
            parent = parent.parent
            depth -= 1
    except Exception:
        pass
    return names


class Keyboard:
    """Real key presses (XTest, through xdotool) into the application's
    windows, as a user without a mouse types them. Xvfb runs no window
    manager, so the window to type into is given the X input focus."""

    def __init__(self, pid):
        self.pid = pid

    def focus_newest(self):
        found = subprocess.run(["xdotool", "search", "--onlyvisible", "--pid", str(self.pid)],
                               capture_output=True, text=True).stdout.split()
        for window in sorted(found, key=int):
            subprocess.run(["xdotool", "windowfocus", "--sync", window], capture_output=True)
        time.sleep(0.3)
        return bool(found)

    def key(self, *keys):
        subprocess.run(["xdotool", "key", "--delay", "30"] + list(keys), check=True)
        time.sleep(0.05)

    def type(self, text):
        subprocess.run(["xdotool", "type", "--delay", "15", text], check=True)
        time.sleep(0.1)

    def fill(self, field, text, tries=10):
        """Types @text into the focused @field, replacing what was there, and
        reads it back (the length only: a password field keeps its text from
        AT-SPI). On a loaded machine the first keys can arrive before the
        window has the input focus; type again until the field holds it.
        Returns whether it did."""
        for _ in range(tries):
            self.focus_newest()
            self.key("ctrl+a", "BackSpace")
            self.type(text)
            if field.queryText().characterCount == len(text):
                return True
            time.sleep(0.5)
        return False

    def tab_to(self, tree, wanted, limit=400):
        """Presses Tab until the focused control satisfies @wanted(node,
        role, name); returns it, or None after @limit presses."""
        for _ in range(limit):
            node = focused(tree)
            if node is not None:
                try:
                    if wanted(node, node.getRoleName(), node.name or ""):
                        return node
                except Exception:
                    pass
            self.key("Tab")
        return None
