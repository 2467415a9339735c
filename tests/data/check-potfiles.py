#!/usr/bin/env python3
# check-potfiles.py — po/POTFILES.in lists every file with translatable strings
#
# Copyright 2026 The Waymark authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: check-potfiles.py SOURCE-ROOT
#
# A string marked for translation in a file that POTFILES.in does not list
# never reaches the translators, and nothing else notices: the program just
# shows English. This fails when a file under app/, ui/ or data/ marks a
# string (the gettext keywords of meson's glib preset, or
# translatable="yes" in a GtkBuilder file) or is a .desktop.in or
# .metainfo.xml.in, and POTFILES.in does not list it; and when POTFILES.in
# lists a file that does not exist.

import pathlib
import re
import sys

SCANNED_DIRS = ("app", "ui", "data")

# _(), N_(), C_(), NC_(), Q_() and the g_d*gettext family, as meson's 'glib'
# preset passes them to xgettext; not part of a longer name like foo_().
MARKER = re.compile(
    r'(?<![A-Za-z0-9_])(?:N|C|NC|Q)?_\s*\('
    r'|(?<![A-Za-z0-9_])g_d(?:c|n|p)?gettext2?\s*\('
    r'|translatable\s*=\s*"(?:yes|true|1)"'
)
ALWAYS_TRANSLATED = (".desktop.in", ".metainfo.xml.in", ".appdata.xml.in")
C_SOURCES = (".c", ".h")


def strip_c_comments_and_strings(text: str) -> str:
    """Code only. A comment that mentions N_() marks nothing, nor does a
    string with "_(" in it; the quotes stay, so _("...") still matches."""
    out = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith("/*", i):
            end = text.find("*/", i + 2)
            i = n if end < 0 else end + 2
            out.append(" ")
        elif text.startswith("//", i):
            end = text.find("\n", i)
            i = n if end < 0 else end
        elif c in "\"'":
            j = i + 1
            while j < n and text[j] != c:
                j += 2 if text[j] == "\\" else 1
            out.append(c + c)
            i = j + 1
        else:
            out.append(c)
            i += 1
    return "".join(out)


def listed_files(potfiles: pathlib.Path) -> list[str]:
    files = []
    for line in potfiles.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            files.append(line)
    return files


def needs_listing(path: pathlib.Path) -> bool:
    if path.name.endswith(ALWAYS_TRANSLATED):
        return True
    try:
        text = path.read_text(encoding="utf-8")
    except (UnicodeDecodeError, OSError):
        return False  # images and other binary files carry no strings
    if path.suffix in C_SOURCES:
        text = strip_c_comments_and_strings(text)
    return MARKER.search(text) is not None


def main() -> int:
    if len(sys.argv) != 2:
        print("usage: check-potfiles.py SOURCE-ROOT", file=sys.stderr)
        return 2
    root = pathlib.Path(sys.argv[1]).resolve()
    listed = listed_files(root / "po" / "POTFILES.in")
    failures = []

    for name in listed:
        if not (root / name).is_file():
            failures.append(f"po/POTFILES.in lists {name}, which does not exist")

    listed_set = set(listed)
    for directory in SCANNED_DIRS:
        for path in sorted((root / directory).rglob("*")):
            if not path.is_file():
                continue
            name = path.relative_to(root).as_posix()
            if name not in listed_set and needs_listing(path):
                failures.append(f"{name} has translatable strings; add it to po/POTFILES.in")

    for failure in failures:
        print(failure, file=sys.stderr)
    if not failures:
        print(f"po/POTFILES.in lists all {len(listed)} files with translatable strings")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
