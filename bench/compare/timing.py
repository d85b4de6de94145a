"""Timing a whole process: wall time, CPU time (user + sys) and peak resident memory.

os.wait4 returns the child's own rusage, the same figures GNU time (/usr/bin/time -v) prints.
"""

import os
import statistics
import subprocess
import time


def run_once(command, stdout=subprocess.DEVNULL, env=None):
    """Runs command once (in env, default this process's environment); returns (wall s, cpu s,
    peak RSS MB). Raises on a non-zero exit."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=stdout, stderr=subprocess.PIPE, env=env)
    stderr = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise RuntimeError(f"{' '.join(map(str, command))} exited {process.returncode}: "
                           f"{stderr.decode(errors='replace')}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024.0


def measure(command, runs, warmup=2):
    """Median wall and CPU time over runs, and the largest peak RSS, after `warmup` discarded
    runs (as hyperfine's --warmup): on our VM the first one or two runs after another program
    (R, which frees a gigabyte) took 1.3-2x the steady time (5k rra: 91.5, 78.3, then 41-55 ms;
    docs/performance.md)."""
    for _ in range(warmup):
        run_once(command)
    results = [run_once(command) for _ in range(runs)]
    return {
        "wall": statistics.median(r[0] for r in results),
        "cpu": statistics.median(r[1] for r in results),
        "peak_mb": max(r[2] for r in results),
        "runs": runs,
    }


def describe(figures):
    return (f"wall {figures['wall'] * 1000:8.1f} ms  cpu {figures['cpu'] * 1000:8.1f} ms  "
            f"peak {figures['peak_mb']:7.1f} MB  (median of {figures['runs']})")


def load_average():
    return os.getloadavg()[0]
