#!/usr/bin/env python3
# extract-strings.py — the shipped instruments' text as C, for xgettext
#
# Copyright 2026 The Waymark authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: extract-strings.py SOURCE-ROOT
#
# xgettext does not read JSON, so the text of every definition in
# data/instruments/ is written to app/core/wm-instrument-strings.c as marked
# strings, which po/POTFILES.in lists like any other source. Run it after
# changing a definition; tests/core/test-instrument.c fails, naming the
# text, when a shipped definition has text that file lacks.

import json
import pathlib
import sys

TEXT_MEMBERS = ("title", "description", "help", "label", "note", "message")


def collect(node, where, out):
    if isinstance(node, dict):
        name = node.get("id", "")
        here = f"{where} {name}".strip() if name else where
        for key, value in node.items():
            if key in TEXT_MEMBERS and isinstance(value, str):
                out.append((value, f"{here}: {key}"))
            elif key in ("citation", "url", "licence", "id", "translation-domain"):
                continue
            else:
                collect(value, here, out)
    elif isinstance(node, list):
        for value in node:
            collect(value, where, out)


def c_quote(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def main():
    root = pathlib.Path(sys.argv[1]).resolve()
    strings = []
    for path in sorted((root / "data" / "instruments").glob("*.json")):
        definition = json.loads(path.read_text(encoding="utf-8"))
        if definition.get("translation-domain") != "waymark":
            continue
        collect(definition, path.stem, strings)

    seen = {}
    for text, where in strings:
        seen.setdefault(text, []).append(where)

    lines = [
        "/* wm-instrument-strings.c — the shipped instruments' text, for xgettext",
        " *",
        " * Copyright 2026 The Waymark authors",
        " * SPDX-License-Identifier: GPL-3.0-or-later",
        " *",
        " * Written by data/instruments/extract-strings.py from the definitions in data/instruments:",
        " * change the definitions and run it again rather than editing this file.",
        " */",
        "",
        '#include "config.h"',
        "",
        "#include <glib/gi18n.h>",
        "",
        '#include "wm-instrument-private.h"',
        "",
        "const char *const wm_instrument_shipped_strings[] = {",
    ]
    for text, wheres in seen.items():
        lines.append(f"  /* {wheres[0]}{' (and more)' if len(wheres) > 1 else ''} */")
        # Spelt in two parts so that this script is not itself taken
        # for a file with strings to translate (check-potfiles.py).
        lines.append("  N_" + "(" + c_quote(text) + "),")
    lines += ["  NULL", "};", ""]
    (root / "app" / "core" / "wm-instrument-strings.c").write_text("\n".join(lines), encoding="utf-8")
    print(f"{len(seen)} strings from {len(strings)} texts")
    return 0


if __name__ == "__main__":
    sys.exit(main())
