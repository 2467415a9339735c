#!/usr/bin/env python3
# test-readme.py — the README's command-line walkthrough runs as written
#
# Copyright 2026 The Waymark authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Reads the first shell block under "## Administration from the command
# line" in README.md and runs it with bash -e in an empty folder, top to
# bottom, as a reader pasting it into a terminal would, so the README and
# the tool cannot drift apart.
#
# The only stand-in is for the person at the keyboard: "waymark-cli" on
# PATH is a small wrapper that types the passphrases the real tool asks for
# (the --user account's, then the new account's for init and user add) on
# its standard input, and runs the built tool ($WAYMARK_CLI). The block's
# own PATH line names the source folder's _build, which does not exist in
# the scratch folder, so the wrapper is what it finds.

import os
import re
import stat
import subprocess
import sys
import tempfile

HEADING = "## Administration from the command line"

WRAPPER = r'''#!/usr/bin/env python3
import os, subprocess, sys

def passphrase(name):
    return f"{name} crosses the old stone bridge at dawn"

args = sys.argv[1:]
answers = []
def option(flag):
    return args[args.index(flag) + 1] if flag in args and args.index(flag) + 1 < len(args) else None

user = option("--user")
if user is not None:
    answers.append(passphrase(user))
if "init" in args and option("--admin") is not None:
    answers.append(passphrase(option("--admin")))
if "add" in args and args.index("add") > 0 and args[args.index("add") - 1] == "user":
    answers.append(passphrase(args[args.index("add") + 1]))

typed = "".join(answer + "\n" for answer in answers)
sys.exit(subprocess.run([os.environ["WAYMARK_CLI"]] + args, input=typed.encode()).returncode)
'''


def walkthrough(readme):
    text = open(readme, encoding="utf-8").read()
    start = text.index(HEADING)
    match = re.search(r"```sh\n(.*?)```", text[start:], re.S)
    if match is None:
        raise SystemExit(f"no ```sh block under “{HEADING}” in {readme}")
    return match.group(1)


def main():
    readme = os.path.join(os.environ["G_TEST_SRCDIR"], "..", "README.md")
    script = walkthrough(readme)
    failures = []

    with tempfile.TemporaryDirectory() as scratch:
        bin_dir = os.path.join(scratch, "bin")
        os.mkdir(bin_dir)
        wrapper = os.path.join(bin_dir, "waymark-cli")
        with open(wrapper, "w", encoding="utf-8") as f:
            f.write(WRAPPER)
        os.chmod(wrapper, stat.S_IRWXU)

        env = dict(os.environ)
        env["PATH"] = bin_dir + os.pathsep + env["PATH"]
        env["LANG"] = "C.UTF-8"
        env.pop("LANGUAGE", None)

        # Each command is echoed, as bash -x would, to find it in the output.
        result = subprocess.run(["bash", "-e", "-x", "-c", script], cwd=scratch, env=env,
                                capture_output=True, text=True, timeout=600)
        print("# walkthrough:")
        for line in script.splitlines():
            print(f"#   {line}")
        for line in result.stderr.splitlines():
            print(f"# stderr: {line}")

        if result.returncode != 0:
            failures.append(f"the walkthrough stopped with exit status {result.returncode}")

        listed = [line for line in result.stdout.splitlines() if re.match(r"WM-[0-9A-Z]{6}\t", line)]
        if len(listed) != 50:
            failures.append(f"list printed {len(listed)} cases, not the 50 the demo made")
        references = re.findall(r"^\+ waymark-cli .* show (WM-[0-9A-Z]{6})$", result.stderr, re.M)
        if len(references) != 1 or not listed or references[0] != listed[0].split("\t")[0]:
            failures.append(f"show was not given the first listed reference: {references}")
        elif references[0] not in result.stdout.split(listed[-1], 1)[-1]:
            failures.append("show did not print the case it was given")
        for made in ("org.db", "org-backup.db"):
            if not os.path.isfile(os.path.join(scratch, made)):
                failures.append(f"{made} was not made")

    for failure in failures:
        print(f"FAIL: {failure}")
    print("1..1")
    print("ok 1 - README walkthrough" if not failures else "not ok 1 - README walkthrough")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
