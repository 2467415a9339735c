#!/usr/bin/env python3
# bench-startup.py — how long waymark takes from launch to its first frame
#
# Copyright 2026 The Waymark authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: bench-startup.py PATH-TO-WAYMARK PATH-TO-BARE-WINDOW [RUNS]
#
# Starts waymark RUNS times (11 unless given) on the current display with
# WAYMARK_EXIT_AFTER_FIRST_FRAME=1: it prints the CLOCK_MONOTONIC time, in
# microseconds, at which its main window finished painting its first frame,
# and quits. The clock is read here just before each start, so every run
# measures process start, library loading, GTK and libadwaita start-up,
# building the window and its first paint. The floor, bench-bare-window (a
# libadwaita window with a header bar and a status page), is measured the
# same way in the same run, alternating with waymark so that both meet the
# same machine; waymark's median must stay within 1.1 times the floor's.
# Prints each run and both medians against the targets.

import os
import statistics
import subprocess
import sys
import time

TARGET_MS = 300
TARGET_RATIO = 1.1
DEFAULT_RUNS = 11


def launch_to_first_frame_ms(program: str) -> float:
    env = dict(os.environ, WAYMARK_EXIT_AFTER_FIRST_FRAME="1")
    start_us = time.clock_gettime_ns(time.CLOCK_MONOTONIC) // 1000
    result = subprocess.run(
        [program],
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
    if len(sys.argv) not in (3, 4):
        print("usage: bench-startup.py PATH-TO-WAYMARK PATH-TO-BARE-WINDOW [RUNS]", file=sys.stderr)
        return 2
    waymark, bare = sys.argv[1], sys.argv[2]
    runs = int(sys.argv[3]) if len(sys.argv) == 4 else DEFAULT_RUNS

    times, floor = [], []
    for run in range(1, runs + 1):
        floor.append(launch_to_first_frame_ms(bare))
        times.append(launch_to_first_frame_ms(waymark))
        print(f"run {run:2d}: waymark {times[-1]:7.1f} ms   bare libadwaita window {floor[-1]:7.1f} ms",
              flush=True)

    median = statistics.median(times)
    floor_median = statistics.median(floor)
    ratio = median / floor_median
    verdict = "within" if median <= TARGET_MS else "OVER"
    ratio_verdict = "within" if ratio <= TARGET_RATIO else "OVER"
    print(f"median launch to first frame: waymark {median:.1f} ms (target {TARGET_MS} ms: {verdict}; "
          f"min {min(times):.1f}, max {max(times):.1f}), bare libadwaita window {floor_median:.1f} ms; "
          f"ratio {ratio:.2f} (target {TARGET_RATIO}: {ratio_verdict}); {runs} runs each")
    return 0


if __name__ == "__main__":
    sys.exit(main())
