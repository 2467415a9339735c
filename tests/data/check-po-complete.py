#!/usr/bin/env python3
# check-po-complete.py — a catalogue translates every message the sources have
#
# Copyright 2026 The Waymark authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: check-po-complete.py SOURCE-ROOT LANG [XGETTEXT]
#
# Extracts the template afresh from the files po/POTFILES.in lists, as
# meson's waymark-pot target does (into a temporary folder: the source tree
# is not touched), and fails, naming each message, when po/LANG.po
#
# - lacks a message of the template, or has it fuzzy or with an empty
#   translation (the user would meet English in the middle of their
#   language);
# - keeps a message the sources no longer have without marking it obsolete
#   ("#~"), as msgmerge does: such an entry is dead weight that looks live;
# - leaves an option's metavariable (NAME, FILE, DATE…) in English, or
#   translates it but still writes the English one in another message.
#   GLib translates each option's arg_description, so "--user NAME" in
#   "waymark-cli --help" follows the catalogue; the window, the usage lines
#   and the messages must then name it the same way.
#
# Fix a failure with "meson compile -C BUILD waymark-pot", then
# "msgmerge --update po/LANG.po po/waymark.pot", and translate.

import os
import re
import subprocess
import sys
import tempfile

# meson's i18n 'glib' preset (mesonbuild/modules/i18n.py), plus the args of
# i18n.gettext() in po/meson.build; keep the two in step.
XGETTEXT_ARGS = [
    "--from-code=UTF-8",
    "--add-comments",
    "--keyword=_",
    "--keyword=N_",
    "--keyword=C_:1c,2",
    "--keyword=NC_:1c,2",
    "--keyword=g_dcgettext:2",
    "--keyword=g_dngettext:2,3",
    "--keyword=g_dpgettext2:2c,3",
    "--flag=N_:1:pass-c-format",
    "--flag=C_:2:pass-c-format",
    "--flag=NC_:2:pass-c-format",
    "--flag=g_dngettext:2:pass-c-format",
    "--flag=g_strdup_printf:1:c-format",
    "--flag=g_string_printf:2:c-format",
    "--flag=g_string_append_printf:2:c-format",
    "--flag=g_error_new:3:c-format",
    "--flag=g_set_error:4:c-format",
    "--flag=g_markup_printf_escaped:1:c-format",
    "--flag=g_log:3:c-format",
    "--flag=g_print:1:c-format",
    "--flag=g_printerr:1:c-format",
    "--flag=g_printf:1:c-format",
    "--flag=g_fprintf:2:c-format",
    "--flag=g_sprintf:2:c-format",
    "--flag=g_snprintf:3:c-format",
    "--from-code=UTF-8",
]

# A message that is nothing but metavariables, as an option's
# arg_description or a command's parameters: "NAME", "COMMAND [ARGUMENT…]".
METAVARIABLE = re.compile(r"^[A-Z][A-Z0-9_]*(?: \[[A-Z][A-Z0-9_]*…?\])?$")
# Metavariables that read the same in every language.
UNIVERSAL_METAVARIABLES = {"N"}

ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\", "a": "\a", "b": "\b", "f": "\f", "v": "\v"}


def unquote(text: str) -> str:
    body = text.strip()
    if len(body) < 2 or body[0] != '"' or body[-1] != '"':
        raise ValueError(f"not a quoted string: {text!r}")
    return re.sub(r'\\(.)', lambda m: ESCAPES.get(m.group(1), m.group(1)), body[1:-1])


class Entry:
    def __init__(self) -> None:
        self.msgctxt = None
        self.msgid = None
        self.msgid_plural = None
        self.msgstr = {}  # index -> text; a singular message has index 0
        self.flags = set()
        self.obsolete = False
        self.line = 0

    @property
    def key(self):
        return (self.msgctxt, self.msgid)

    def describe(self) -> str:
        context = f" (context “{self.msgctxt}”)" if self.msgctxt is not None else ""
        return f"“{self.msgid}”{context}"


def parse_po(path: str) -> list:
    """The entries of a PO file, obsolete ones flagged. Only what this
    check needs: contexts, ids, plurals, translations and flags."""
    entries = []
    entry = Entry()
    field = None

    def finish():
        nonlocal entry, field
        if entry.msgid is not None:
            entries.append(entry)
        entry = Entry()
        field = None

    with open(path, encoding="utf-8") as po:
        for number, raw in enumerate(po, start=1):
            line = raw.rstrip("\n")
            if not line.strip():
                finish()
                continue
            obsolete = line.startswith("#~")
            if obsolete:
                line = line[2:].lstrip()
                if line.startswith("|"):
                    continue  # the previous msgid of an obsolete entry
            elif line.startswith("#"):
                if entry.msgstr:
                    finish()
                if line.startswith("#,"):
                    entry.flags.update(flag.strip() for flag in line[2:].split(","))
                continue
            keyword = re.match(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+(".*")\s*$', line)
            if keyword:
                name, index, text = keyword.group(1), keyword.group(2), unquote(keyword.group(3))
                if name in ("msgctxt", "msgid") and entry.msgstr:
                    finish()
                if entry.line == 0:
                    entry.line = number
                entry.obsolete = entry.obsolete or obsolete
                if name == "msgctxt":
                    entry.msgctxt = text
                    field = ("msgctxt",)
                elif name == "msgid":
                    entry.msgid = text
                    field = ("msgid",)
                elif name == "msgid_plural":
                    entry.msgid_plural = text
                    field = ("msgid_plural",)
                else:
                    i = int(index) if index is not None else 0
                    entry.msgstr[i] = text
                    field = ("msgstr", i)
            elif line.lstrip().startswith('"') and field is not None:
                text = unquote(line)
                if field[0] == "msgctxt":
                    entry.msgctxt += text
                elif field[0] == "msgid":
                    entry.msgid += text
                elif field[0] == "msgid_plural":
                    entry.msgid_plural += text
                else:
                    entry.msgstr[field[1]] += text
            else:
                raise ValueError(f"{path}:{number}: cannot read {raw!r}")
    finish()
    return entries


def plural_count(header: Entry) -> int:
    found = re.search(r"nplurals\s*=\s*(\d+)", header.msgstr.get(0, ""))
    return int(found.group(1)) if found else 2


def extract_template(root: str, xgettext: str, directory: str) -> str:
    pot = os.path.join(directory, "template.pot")
    subprocess.run(
        [xgettext, "--package-name=waymark", "-f", os.path.join(root, "po", "POTFILES.in"),
         "-D", root, "-k_", "-o", pot] + XGETTEXT_ARGS,
        check=True,
    )
    return pot


def check(root: str, lang: str, xgettext: str) -> tuple:
    with tempfile.TemporaryDirectory() as directory:
        template = {e.key: e for e in parse_po(extract_template(root, xgettext, directory)) if e.msgid}
    po_path = os.path.join(root, "po", lang + ".po")
    entries = parse_po(po_path)
    header = next((e for e in entries if e.msgid == "" and not e.obsolete), None)
    catalogue = {e.key: e for e in entries if e.msgid and not e.obsolete}
    n_plurals = plural_count(header) if header is not None else 2
    problems = []

    if header is None:
        problems.append(f"po/{lang}.po has no header entry")

    for key, wanted in template.items():
        entry = catalogue.get(key)
        if entry is None:
            problems.append(f"missing: {wanted.describe()}")
        elif "fuzzy" in entry.flags:
            problems.append(f"fuzzy (line {entry.line}): {wanted.describe()}")
        elif wanted.msgid_plural is not None and entry.msgid_plural != wanted.msgid_plural:
            problems.append(f"plural differs from the sources (line {entry.line}): {wanted.describe()}")
        else:
            indices = range(n_plurals) if wanted.msgid_plural is not None else [0]
            if any(not entry.msgstr.get(i) for i in indices):
                problems.append(f"untranslated (line {entry.line}): {wanted.describe()}")

    for key, entry in catalogue.items():
        if key not in template:
            problems.append(f"not in the sources, yet not marked obsolete (line {entry.line}): "
                            f"{entry.describe()}")

    # Metavariables: translated, and then never left in English elsewhere.
    words = {}
    for key, wanted in template.items():
        entry = catalogue.get(key)
        if entry is None or not METAVARIABLE.match(wanted.msgid) or not entry.msgstr.get(0):
            continue
        english = re.findall(r"[A-Z][A-Z0-9_]*", wanted.msgid)
        translated = re.findall(r"[^\s\[\]…]+", entry.msgstr[0])
        if entry.msgstr[0] == wanted.msgid and wanted.msgid not in UNIVERSAL_METAVARIABLES:
            problems.append(f"metavariable left in English (line {entry.line}): {wanted.describe()}")
        for word, translation in zip(english, translated):
            if word != translation:
                words[word] = translation
    for word, translation in sorted(words.items()):
        pattern = re.compile(r"(?<![\w-])" + re.escape(word) + r"(?![\w-])")
        for entry in catalogue.values():
            if entry.key in template and any(pattern.search(text) for text in entry.msgstr.values()):
                problems.append(f"says {word} where the catalogue translates it {translation} "
                                f"(line {entry.line}): {entry.describe()}")

    return problems, len(template)


def main() -> int:
    if len(sys.argv) not in (3, 4):
        print("usage: check-po-complete.py SOURCE-ROOT LANG [XGETTEXT]", file=sys.stderr)
        return 2
    root, lang = os.path.abspath(sys.argv[1]), sys.argv[2]
    xgettext = sys.argv[3] if len(sys.argv) == 4 else "xgettext"
    problems, n_messages = check(root, lang, xgettext)
    for problem in problems:
        print(f"po/{lang}.po: {problem}", file=sys.stderr)
    if problems:
        print(f"po/{lang}.po: {len(problems)} problems; run meson's waymark-pot target, "
              f"msgmerge --update po/{lang}.po po/waymark.pot, and translate", file=sys.stderr)
        return 1
    print(f"po/{lang}.po translates all {n_messages} messages of the sources")
    return 0


if __name__ == "__main__":
    sys.exit(main())
