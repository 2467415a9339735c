#!/usr/bin/env python3
# build-aux/check-layering.py — fails when core, store or report reach for GTK
#
# Copyright 2026 The Waymark authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# app/core, app/store and app/report must build and test without a display
# (DESIGN.md, "Layout"). This reads every source there and names each file
# that includes a GTK, GDK or libadwaita header, directly or through a
# project header that does.
import pathlib
import re
import sys

top = pathlib.Path(sys.argv[1])
forbidden = re.compile(r'#\s*include\s*[<"](gtk/|gdk/|adwaita\.h|gtk\.h|gdk\.h)')
include = re.compile(r'#\s*include\s*"([^"]+)"')
layers = ["app/core", "app/store", "app/report"]

headers = {p.name: p for p in (top / "app").rglob("*.h")}


def reaches_gtk(path, seen):
    if path in seen:
        return None
    seen.add(path)
    text = path.read_text(encoding="utf-8", errors="replace")
    if forbidden.search(text):
        return [path]
    for name in include.findall(text):
        header = headers.get(pathlib.Path(name).name)
        if header is not None:
            chain = reaches_gtk(header, seen)
            if chain:
                return [path] + chain
    return None


faults = []
checked = 0
for layer in layers:
    for source in sorted((top / layer).glob("*.[ch]")):
        checked += 1
        chain = reaches_gtk(source, set())
        if chain:
            faults.append(" -> ".join(str(p.relative_to(top)) for p in chain))

for fault in faults:
    print(f"includes GTK: {fault}")
print(f"{checked} files checked in {', '.join(layers)}")
sys.exit(1 if faults or checked == 0 else 0)
