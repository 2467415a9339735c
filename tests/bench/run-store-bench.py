#!/usr/bin/env python3
# run-store-bench.py — runs the store benchmark's engines and prints one table
#
# Copyright 2026 The Waymark authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: run-store-bench.py --bench-store PATH [--bench-sqlcipher PATH]
#                           [--smoke] [--people N] [--keep]
#
# Builds the same synthetic organisation (same seed, same size) with each
# engine, Waymark, plain SQLite and SQLCipher, each build in a process of
# its own, then measures each in another (so each peak RSS is one
# engine's), and prints one table: each figure and its ratio to plain
# SQLite, the target and whether it is met, all computed from this
# run's numbers.
#
# The machine may be shared with other work, whose load comes and goes in
# seconds; so the engines are not measured one after another. Each runs as
# a server (--phase=serve) taking one command a line, and the driver sends
# each measurement to all three in turn (opens and saves in blocks of ten),
# in an order that rotates, so that every engine's samples come from the
# same moments. Each figure is the median of its samples (the 99th
# percentile by nearest rank for saves).
# A median's ratio to plain SQLite is the median of the ratios of paired
# samples (the same turn, the same case), which cancels the load that came
# and went; a percentile's is the ratio of the two. The details give the
# ratios of the medians too. "Faster than SQLCipher" is judged the same way,
# Waymark's samples against SQLCipher's of the same turn and case.
#
# Commands (replies are one JSON object a line, {"error": ...} on failure):
#   describe                   what the engine is: {"text"}
#   kdf                        one key derivation: {"ms"}
#   caseload first|unlocked|again|sql
#                              the supervisor's caseload: {"ms", "faults"}
#   phases                     a caseload timed phase by phase: {"phases"}
#   open INDEX, open-read INDEX
#                              open person INDEX's case: check access, read
#                              every record and append the "case-view" audit
#                              entry, in every engine (open-read: without
#                              the audit entry): {"ms"}
#   save INDEX SERIAL          durably save a new assessment: {"ms"}
#   read-all                   Waymark only: the supervisor opens every case
#                              once, checking its signatures and keeping its
#                              MACs, as one who has read the team's cases has;
#                              the median of those first opens: {"ms"}
#   peaks                      peak RSS: {"whole_kib", "work_kib"}
#   quit
#
# Environment:
#   WAYMARK_BENCH_PEOPLE  young people in the organisation (10000; --smoke 200)
#   WAYMARK_BENCH_SEED    seed of the synthetic data (20260302)
#   WAYMARK_BENCH_DIR     where to make the temporary directory of databases
#                         (the system's temporary directory); put it on the
#                         disk the application would use, not tmpfs, or
#                         fsync costs nothing and the save figures mean little
#   WAYMARK_BENCH_KEEP    1 keeps the databases afterwards
#   WAYMARK_BENCH_JSON    a file to write every sample to, for a closer look
#   WAYMARK_BENCH_STRICT  1 makes a missed target fail the run
#
# --smoke makes a small, quick run that checks every engine runs and every
# row of the table has its figures; it fails when one is missing.

import argparse
import json
import math
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time

# How many of each measurement, per engine.
FULL = {"kdf": 5, "caseload": 11, "again": 5, "sql": 5, "phases": 7, "opens": 300, "saves": 300}
SMOKE = {"kdf": 1, "caseload": 2, "again": 1, "sql": 1, "phases": 1, "opens": 10, "saves": 10}
# Opens and saves per engine before the next engine's turn.
BLOCK = 10
BUILD_FULL = {"caseworkers": 20, "batch": 500}
BUILD_SMOKE = {"caseworkers": 2, "batch": 50}

ENGINES = ("plain", "waymark", "sqlcipher")
PHASES = (("sql", "SQLite: step, read pages"),
          ("key", "open the case key"),
          ("decrypt", "XChaCha20-Poly1305 of the card"),
          ("parse", "copy, check, unpack the card"),
          ("fields", "name, age, status, risk levels"),
          ("free", "drop decoded payloads"))


def filesystem_of(path):
    """The type of the file system holding path, from /proc/mounts."""
    path = os.path.realpath(path)
    best, kind = "", "unknown"
    try:
        with open("/proc/mounts", encoding="utf-8") as mounts:
            for line in mounts:
                fields = line.split()
                mount = fields[1]
                if (path == mount or path.startswith(mount.rstrip("/") + "/")) and len(mount) >= len(best):
                    best, kind = mount, fields[2]
    except OSError:
        pass
    return kind


def engine_command(program, engine, phase, directory, people, seed, build):
    return [program, f"--engine={engine}", f"--phase={phase}", f"--dir={directory}",
            f"--people={people}", f"--seed={seed}"] + [f"--{name}={value}" for name, value in build.items()]


def build_engine(command):
    started = time.monotonic()
    result = subprocess.run(command, stdout=subprocess.PIPE, text=True, check=False)
    if result.returncode != 0:
        raise SystemExit(f"building failed (exit status {result.returncode}): {' '.join(command)}")
    figures = {}
    for line in result.stdout.splitlines():
        if line.startswith("{"):
            record = json.loads(line)
            figures[record["metric"]] = record["value"]
    print(f"# built: {' '.join(command[1:3])} in {time.monotonic() - started:.1f} s", file=sys.stderr, flush=True)
    return figures


class Server:
    """One engine answering commands on a pipe."""

    def __init__(self, engine, command):
        self.engine = engine
        self.process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
                                        bufsize=1)

    def ask(self, command):
        self.process.stdin.write(command + "\n")
        self.process.stdin.flush()
        line = self.process.stdout.readline()
        if not line:
            raise SystemExit(f"{self.engine} stopped at “{command}” (exit status {self.process.wait()})")
        reply = json.loads(line)
        if "error" in reply:
            raise SystemExit(f"{self.engine}: “{command}”: {reply['error']}")
        return reply

    def close(self):
        if self.process.poll() is None:
            try:
                self.process.stdin.write("quit\n")
                self.process.stdin.close()
            except BrokenPipeError:
                pass
            try:
                self.process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def rotated(engines, turn):
    turn %= len(engines)
    return engines[turn:] + engines[:turn]


def measure(servers, counts, people, seed, log):
    """Sends every measurement to every engine in turn; returns the samples."""
    engines = list(servers)
    samples = {engine: {} for engine in engines}

    def record(engine, metric, number):
        samples[engine].setdefault(metric, []).append(number)

    def each(metric, command, turns, only=None, field="ms", quiet=False, turn=0):
        for turn in range(turn, turn + turns):
            for engine in rotated([e for e in engines if only is None or e in only], turn):
                reply = servers[engine].ask(command(turn) if callable(command) else command)
                if field == "phases":
                    for phase, ms in reply["phases"].items():
                        record(engine, f"phase_{phase}", ms)
                else:
                    record(engine, metric, reply["ms"])
                    if "faults" in reply:
                        record(engine, metric + "_faults", reply["faults"])
        if not quiet:
            log(f"{metric} ×{turns}")

    describe = {engine: servers[engine].ask("describe")["text"] for engine in engines}
    each("kdf", "kdf", counts["kdf"], only=("waymark", "sqlcipher"))
    # The first caseload of each process: for Waymark the first use of the
    # case keys, for the others a warm-up, so that no engine's figures
    # below pay for its process growing its heap.
    each("caseload_first", "caseload first", 1)
    # The phase-by-phase caseloads go between the timed ones, so that both
    # see the same moments of the machine's load.
    for turn in range(max(counts["caseload"], counts["phases"])):
        if turn < counts["caseload"]:
            each("caseload", "caseload unlocked", 1, quiet=True, turn=turn)
        if turn < counts["phases"]:
            each("phases", "phases", 1, field="phases", quiet=True, turn=turn)
    log(f"caseload ×{counts['caseload']}, phases ×{counts['phases']}")
    each("caseload_again", "caseload again", counts["again"])
    each("caseload_sql", "caseload sql", counts["sql"])

    # Waymark's supervisor reads every case once, as one who has worked
    # with the team's cases has: the first open of a case since someone
    # else wrote to it checks its signatures (reported on a row of its own)
    # and keeps a MAC of them, which the opens and saves below rely on.
    each("open_first", "read-all", 1, only=("waymark",))

    picks = random.Random(seed)
    opens = [picks.randrange(people) for _ in range(counts["opens"])]
    saves = [picks.randrange(people) for _ in range(counts["saves"])]
    # The reads without the audit entry are of other cases: on the cases
    # just opened they would find them in SQLite's page cache, and look
    # faster than they are.
    reads = [picks.randrange(people) for _ in range(counts["opens"])]
    # Opens and saves go in short blocks, each engine's block warm in the
    # CPU's caches as a program in use is, the engines' blocks alternating.
    blocks = range(0, len(opens), BLOCK)
    for turn, first in enumerate(blocks):
        for engine in rotated(engines, turn):
            for index in opens[first:first + BLOCK]:
                record(engine, "open_case", servers[engine].ask(f"open {index}")["ms"])
        for engine in rotated(engines, turn):
            for index in reads[first:first + BLOCK]:
                record(engine, "open_case_read", servers[engine].ask(f"open-read {index}")["ms"])
    log(f"open ×{len(opens)}")
    # Whatever the reads left unwritten reaches the disk before fsyncs are timed.
    os.sync()
    for turn, first in enumerate(range(0, len(saves), BLOCK)):
        for engine in rotated(engines, turn):
            for serial in range(first, min(len(saves), first + BLOCK)):
                record(engine, "save", servers[engine].ask(f"save {saves[serial]} {serial}")["ms"])
    log(f"save ×{len(saves)}")
    peaks = {engine: servers[engine].ask("peaks") for engine in engines}
    return samples, describe, peaks


def statistic(samples, field="median"):
    if not samples:
        return None
    ordered = sorted(samples)
    n = len(ordered)
    if field == "median":
        return ordered[n // 2] if n % 2 else (ordered[n // 2 - 1] + ordered[n // 2]) / 2
    if field == "p99":
        # Nearest rank: an observed time, not a blend of two.
        return ordered[min(n, max(1, math.ceil(0.99 * n))) - 1]
    if field == "min":
        return ordered[0]
    if field == "max":
        return ordered[-1]
    raise ValueError(field)


def paired_ratio(samples, engine, metric, floor_metric=None, floor_engine="plain"):
    """Median of sample-by-sample ratios to plain SQLite (or @floor_engine),
    taken together."""
    mine = samples.get(engine, {}).get(metric, [])
    floor = samples.get(floor_engine, {}).get(floor_metric or metric, [])
    ratios = [a / b for a, b in zip(mine, floor) if b > 0]
    return statistic(ratios)


def format_ms(ms):
    if ms is None:
        return "—"
    if ms >= 100:
        return f"{ms:.0f} ms"
    if ms >= 10:
        return f"{ms:.1f} ms"
    if ms >= 1:
        return f"{ms:.2f} ms"
    return f"{ms * 1000:.0f} µs"


def format_mib(kib):
    return "—" if kib is None else f"{kib / 1024:.0f} MiB"


def ratio(figure, floor):
    if figure is None or floor is None or floor <= 0:
        return None
    return figure / floor


def with_ratio(text, figure, floor):
    r = ratio(figure, floor)
    return text if r is None else f"{text} (×{r:.2f})"


def table(samples, peaks, have_sqlcipher, people):
    """Rows of the table: label, plain, Waymark, SQLCipher, target, met.

    A median's ratio is the median of the paired ratios, sample by sample:
    on a shared machine the load moves everything together, and the pairs
    cancel it. A percentile has no pairs, so its ratio is of the two."""
    rows = []
    absent = "not built"

    def get(engine, metric, field="median"):
        return statistic(samples.get(engine, {}).get(metric, []), field)

    def cell(engine, metric, field, floor_metric, floor):
        figure = get(engine, metric, field)
        if field == "median":
            r = paired_ratio(samples, engine, metric, floor_metric)
        else:
            r = ratio(figure, floor)
        return figure, r, format_ms(figure) if r is None else f"{format_ms(figure)} (×{r:.2f})"

    def timed(label, metric, field="median", waymark_metric=None, limit=None, beat_sqlcipher=False,
              target=None):
        plain = get("plain", metric, field)
        _, w_ratio, w_text = cell("waymark", waymark_metric or metric, field, metric, plain)
        if have_sqlcipher:
            _, c_ratio, c_text = cell("sqlcipher", metric, field, metric, plain)
        else:
            c_ratio, c_text = None, absent
        met = "—"
        if limit is not None:
            ok = w_ratio is not None and w_ratio <= limit
            if beat_sqlcipher and have_sqlcipher:
                # Waymark against SQLCipher directly, sample by sample.
                versus = paired_ratio(samples, "waymark", metric, floor_engine="sqlcipher")
                ok = ok and versus is not None and versus < 1
            met = "yes" if ok else "NO"
        rows.append((label, format_ms(plain), w_text, c_text, target or "—", met))

    timed("Caseload list, after unlock", "caseload", limit=1.5, beat_sqlcipher=True,
          target="≤1.5× plain, < SQLCipher")
    # Issue 9: unlock to the caseload painted is key derivation plus at most
    # 200 ms for 10,000 cases; this is the store's share, the list itself.
    listed = {engine: get(engine, "caseload") for engine in ENGINES}
    met = "—" if listed["waymark"] is None else ("yes" if listed["waymark"] <= 200 else "NO")
    rows.append((f"Caseload list, {people} cases (issue 9)", format_ms(listed["plain"]), format_ms(listed["waymark"]),
                 format_ms(listed["sqlcipher"]) if have_sqlcipher else absent,
                 "≤200 ms (+ key derivation)", met))
    rows.append(("Caseload list, first use", "—", format_ms(get("waymark", "caseload_first")), "—",
                 "(once per case and user)", "—"))
    timed("Open one case (audited view)", "open_case", limit=2.0, beat_sqlcipher=True,
          target="≤2× plain, < SQLCipher")
    timed("Open one case, read alone", "open_case_read", target="(no audit entry)")
    rows.append(("Open one case, first since another's write", "—", format_ms(get("waymark", "open_first")),
                 "—", "(signatures checked, once)", "—"))
    timed("Save assessment, median", "save", limit=1.2, target="≤1.2× plain")
    timed("Save assessment, p99", "save", field="p99", limit=1.2, target="≤1.2× plain")
    kdf_waymark = get("waymark", "kdf")
    kdf_cipher = get("sqlcipher", "kdf") if have_sqlcipher else None
    rows.append(("Key derivation", "none",
                 f"{format_ms(kdf_waymark)} Argon2id" if kdf_waymark is not None else "—",
                 (f"{format_ms(kdf_cipher)} PBKDF2" if kdf_cipher is not None else "—") if have_sqlcipher
                 else absent,
                 "—", "—"))
    for label, field in (("Peak RSS", "whole_kib"), ("Peak RSS, key derivation aside", "work_kib")):
        rss = {engine: peaks[engine][field] if engine in peaks else None for engine in ENGINES}
        rows.append((label, format_mib(rss["plain"]),
                     with_ratio(format_mib(rss["waymark"]), rss["waymark"], rss["plain"]),
                     with_ratio(format_mib(rss["sqlcipher"]), rss["sqlcipher"], rss["plain"])
                     if have_sqlcipher else absent,
                     "—", "—"))
    return rows


def print_table(header, rows):
    widths = [max(len(str(row[i])) for row in (header, *rows)) for i in range(len(header))]
    print("| " + " | ".join(str(h).ljust(w) for h, w in zip(header, widths)) + " |")
    print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for row in rows:
        print("| " + " | ".join(str(c).ljust(w) for c, w in zip(row, widths)) + " |")


def print_details(samples, describe, builds, engines):
    def get(engine, metric, field="median"):
        return statistic(samples.get(engine, {}).get(metric, []), field)

    print()
    print("Details (medians unless said; ratios of these figures to plain SQLite's):")
    for label, metric, field in (("caseload, first of the process (Waymark: first use; others: warm-up)",
                                  "caseload_first", "median"),
                                 ("caseload again, same session or connection", "caseload_again", "median"),
                                 ("caseload query alone (SQLite steps, no decoding)", "caseload_sql",
                                  "median"),
                                 ("open one case, p99", "open_case", "p99"),
                                 ("save assessment, fastest", "save", "min"),
                                 ("save assessment, slowest", "save", "max")):
        plain = get("plain", metric, field)
        cells = []
        for engine in engines:
            figure = get(engine, metric, field)
            text = format_ms(figure) if engine == "plain" else with_ratio(format_ms(figure), figure, plain)
            cells.append(f"{engine} {text}")
        print(f"  {label}: " + ", ".join(cells))
    for label, metric, floor in (("caseload after unlock", "caseload", "caseload"),
                                 ("open one case", "open_case", "open_case"),
                                 ("open one case, read alone", "open_case_read", "open_case_read"),
                                 ("save assessment", "save", "save")):
        floor_median = get("plain", floor)
        cells = []
        for engine in engines:
            figure = get(engine, metric)
            r = ratio(figure, floor_median)
            if engine != "plain" and r is not None:
                cells.append(f"{engine} ×{r:.2f}")
        print(f"  {label}, ratio of the medians (the table pairs samples): " + ", ".join(cells))
    if "sqlcipher" in engines:
        cells = []
        for label, metric in (("caseload after unlock", "caseload"), ("open one case", "open_case"),
                              ("open one case, read alone", "open_case_read")):
            versus = paired_ratio(samples, "waymark", metric, floor_engine="sqlcipher")
            if versus is not None:
                cells.append(f"{label} ×{versus:.2f}")
        print("  Waymark ÷ SQLCipher, median of the paired samples (the \"< SQLCipher\" test): "
              + ", ".join(cells))
    cells = [f"{engine} {get(engine, 'caseload_faults'):.0f}/{get(engine, 'caseload_again_faults'):.0f}"
             for engine in engines]
    print("  minor page faults per caseload, after unlock/again: " + ", ".join(cells))
    cells = []
    for engine in engines:
        read, full = get(engine, "open_case_read"), get(engine, "open_case")
        if read is not None and full is not None:
            cells.append(f"{engine} {format_ms(full - read)}")
    print("  the case-view audit entry (open − read alone, medians): " + ", ".join(cells))
    print("  samples per engine: " + ", ".join(
        f"{metric} {len(samples['plain'].get(metric, []))}" for metric in ("caseload", "open_case", "save")))
    for engine in engines:
        size = builds[engine].get("db_size")
        build = builds[engine].get("build")
        print(f"  {engine}: {describe[engine]}; database {size / 1e6:.0f} MB, built in {build:.1f} s")
    print("  Peak RSS is the high-water mark (VmHWM) of the process serving the measurements; the build ran")
    print("  in another. It holds the program, SQLite's page cache, a caseload and an open case, and for")
    print("  Waymark the 64 MiB Argon2id fills at each sign-in. \"Key derivation aside\" restarts the mark")
    print("  after each sign-in (/proc/self/clear_refs) and keeps the highest of the rest. getrusage()'s")
    print("  ru_maxrss is not used: after exec() it also counts the Python driver's memory (vfork).")


def print_breakdown(samples, engines):
    def get(engine, metric):
        return statistic(samples.get(engine, {}).get(metric, []))

    if get("plain", "phase_sql") is None:
        return
    print()
    print("Where the caseload's time goes: CPU time, on one thread (medians of each phase summed over the")
    print("rows, a fresh session or connection each time; SQLCipher decrypts pages inside SQLite, so that")
    print("is in its first row). The caseload itself opens or parses the records on worker threads while")
    print("the query runs, the same way in every engine, so it takes less than the sum; the fields and the")
    print("query stay on one thread:")
    rows = []
    sums = {engine: 0.0 for engine in engines}
    for phase, label in PHASES:
        cells = []
        for engine in engines:
            figure = get(engine, f"phase_{phase}")
            sums[engine] += figure or 0.0
            cells.append(format_ms(figure) if figure else "—")
        rows.append((f"{phase}: {label}", *cells))
    rows.append(("sum of the phases, one thread", *(format_ms(sums[e]) for e in engines)))
    rows.append(("the caseload after unlock, above", *(format_ms(get(e, "caseload")) for e in engines)))
    print_table(("phase", *engines), rows)


def check_complete(samples, peaks, engines):
    required = {"caseload", "caseload_first", "caseload_again", "caseload_sql", "open_case", "open_case_read",
                "save", "phase_sql", "phase_parse", "phase_fields", "phase_free"}
    wanted = {"plain": required, "waymark": required | {"kdf", "phase_key", "phase_decrypt", "open_first"},
              "sqlcipher": required | {"kdf"}}
    missing = []
    for engine in engines:
        for metric in sorted(wanted[engine]):
            figure = statistic(samples.get(engine, {}).get(metric, []))
            if figure is None or not math.isfinite(figure) or figure < 0:
                missing.append(f"{engine}:{metric}")
        if not all(peaks.get(engine, {}).get(field, 0) > 0 for field in ("whole_kib", "work_kib")):
            missing.append(f"{engine}:peaks")
    return missing


def main():
    parser = argparse.ArgumentParser(description="The store benchmark of issue 3.")
    parser.add_argument("--bench-store", required=True)
    parser.add_argument("--bench-sqlcipher")
    parser.add_argument("--smoke", action="store_true")
    parser.add_argument("--people", type=int)
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()

    people = args.people or int(os.environ.get("WAYMARK_BENCH_PEOPLE", "200" if args.smoke else "10000"))
    seed = int(os.environ.get("WAYMARK_BENCH_SEED", "20260302"))
    counts = SMOKE if args.smoke else FULL
    build = dict(BUILD_SMOKE if args.smoke else BUILD_FULL)
    build["caseworkers"] = min(build["caseworkers"], people)
    have_sqlcipher = args.bench_sqlcipher is not None
    programs = {"plain": args.bench_store, "waymark": args.bench_store, "sqlcipher": args.bench_sqlcipher}
    engines = [e for e in ENGINES if programs[e] is not None]

    parent = os.environ.get("WAYMARK_BENCH_DIR") or None
    directory = tempfile.mkdtemp(prefix="waymark-bench-", dir=parent)
    keep = args.keep or os.environ.get("WAYMARK_BENCH_KEEP") == "1"
    fs = filesystem_of(directory)
    load_before = os.getloadavg()
    started = time.monotonic()

    def log(text):
        print(f"# {text} ({time.monotonic() - started:.0f} s)", file=sys.stderr, flush=True)

    servers = {}
    try:
        builds = {engine: build_engine(engine_command(programs[engine], engine, "build", directory, people, seed,
                                                      build))
                  for engine in engines}
        # The builds' writes reach the disk before anything is timed.
        os.sync()
        for engine in engines:
            servers[engine] = Server(engine, engine_command(programs[engine], engine, "serve", directory, people,
                                                            seed, build))
        samples, describe, peaks = measure(servers, counts, people, seed, log)
    finally:
        for server in servers.values():
            server.close()
        if keep:
            print(f"# databases kept in {directory}", file=sys.stderr)
        else:
            shutil.rmtree(directory, ignore_errors=True)
    load_after = os.getloadavg()

    if os.environ.get("WAYMARK_BENCH_JSON"):
        with open(os.environ["WAYMARK_BENCH_JSON"], "w", encoding="utf-8") as out:
            json.dump({"people": people, "seed": seed, "builds": builds, "describe": describe, "peaks": peaks,
                       "samples": samples}, out, indent=1)

    print(f"Store benchmark: {people} young people (a profile, 3 assessments and 10 contact notes each, and a "
          f"caseload card that every engine keeps current and the caseload reads), "
          f"{build['caseworkers']} caseworkers under one supervisor, seed {seed}")
    print(f"Databases in {directory} ({fs}); {os.cpu_count()} CPUs; load average {load_before[0]:.2f} "
          f"before, {load_after[0]:.2f} after; {time.monotonic() - started:.0f} s in all")
    if fs in ("tmpfs", "ramfs"):
        print("WARNING: the databases are on a memory file system: fsync is free, so the save figures "
              "do not show the cost of durability. Set WAYMARK_BENCH_DIR to a directory on disk.")
    print(f"Engines measured in turn, sample by sample: key derivation ×{counts['kdf']}, "
          f"caseload ×{counts['caseload']}, open ×{counts['opens']}, save ×{counts['saves']}; "
          f"synchronous=FULL (every engine's case-view audit entry commits at NORMAL, as Waymark's store does)")
    print()
    rows = table(samples, peaks, have_sqlcipher, people)
    print_table(("", "plain SQLite", "Waymark", "SQLCipher", "target", "met?"), rows)
    print_details(samples, describe, builds, engines)
    print_breakdown(samples, engines)

    missing = check_complete(samples, peaks, engines)
    if missing:
        print(f"\nMISSING OR BAD FIGURES: {', '.join(missing)}")
        return 1
    missed = [row[0] for row in rows if row[5] == "NO"]
    if missed:
        print(f"\nTargets missed: {'; '.join(missed)}")
        if os.environ.get("WAYMARK_BENCH_STRICT") == "1":
            return 1
    else:
        print("\nEvery target met.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
