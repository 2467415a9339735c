#!/usr/bin/env python3
# bench-startup.py — how long waymark takes from launch to its first frame
#
# Copyright 2026 The Waymark authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: bench-startup.py PATH-TO-WAYMARK [RUNS]
#
# Starts waymark RUNS times (11 unless given) on the current display with
# WAYMARK_EXIT_AFTER_FIRST_FRAME=1: it prints the CLOCK_MONOTONIC time, in
# microseconds, at which its main window finished painting its first frame,
# and quits. The clock is read here just before each start, so every run
# measures process start, library loading, GTK and libadwaita start-up,
# building the window and its first paint. Prints each run and the median
# against the target.

import os
import statistics
import subprocess
import sys
import time

TARGET_MS = 300
DEFAULT_RUNS = 11


def launch_to_first_frame_ms(waymark: str) -> float:
    env = dict(os.environ, WAYMARK_EXIT_AFTER_FIRST_FRAME="1")
    start_us = time.clock_gettime_ns(time.CLOCK_MONOTONIC) // 1000
    result = subprocess.run(
        [waymark],
        env=env,
        stdout=subprocess.PIPE,
        text=True,
        timeout=60,
        check=True,
    )
    lines = result.stdout.split()
    if not lines:
        raise SystemExit("waymark quit without printing its first-frame time")
    first_frame_us = int(lines[-1])
    return (first_frame_us - start_us) / 1000


def main() -> int:
    if len(sys.argv) not in (2, 3):
        print("usage: bench-startup.py PATH-TO-WAYMARK [RUNS]", file=sys.stderr)
        return 2
    waymark = sys.argv[1]
    runs = int(sys.argv[2]) if len(sys.argv) == 3 else DEFAULT_RUNS

    times = []
    for run in range(1, runs + 1):
        ms = launch_to_first_frame_ms(waymark)
        times.append(ms)
        print(f"run {run:2d}: {ms:7.1f} ms", flush=True)

    median = statistics.median(times)
    verdict = "within" if median <= TARGET_MS else "OVER"
    print(f"median launch to first frame: {median:.1f} ms "
          f"(target {TARGET_MS} ms: {verdict}; min {min(times):.1f}, max {max(times):.1f}, "
          f"{runs} runs)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
