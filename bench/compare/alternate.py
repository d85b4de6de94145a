#!/usr/bin/python3
"""Two or more builds of materia on the same command, run in alternation: medians per build.

On a shared or virtual machine the speed drifts by 10 % within minutes, so a step is judged by
running the binary before it and the binary after it in turns, not one after the other.

  /usr/bin/python3 bench/compare/alternate.py --runs 31 -- "analyze rra.json --method rra \
      --format json" /tmp/materia-before build/materia

prints, per binary, the median wall time with its quartiles and the median CPU time (user +
sys, from wait4, as compare.py measures); an environment variable may be set per binary as
VAR=VALUE:path (e.g. MATERIA_STAGE_TIMES=1:build/materia).
"""

import argparse
import os
import shlex
import statistics
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from timing import run_once  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=21, help="runs of each binary")
    parser.add_argument("command", help="the arguments to materia, as one string")
    parser.add_argument("binaries", nargs="+", help="[VAR=VALUE:]path of each build")
    args = parser.parse_args()
    builds = []
    for spec in args.binaries:
        env = dict(os.environ)
        path = spec
        if "=" in spec.split(":", 1)[0] and ":" in spec:
            assignment, path = spec.split(":", 1)
            name, value = assignment.split("=", 1)
            env[name] = value
        builds.append((spec, path, env))
    command = shlex.split(args.command)
    wall = {spec: [] for spec, _, _ in builds}
    cpu = {spec: [] for spec, _, _ in builds}
    for _ in range(args.runs):
        for spec, path, env in builds:
            w, c, _ = run_once([path, *command], env=env)
            wall[spec].append(w * 1000)
            cpu[spec].append(c * 1000)
    for spec, _, _ in builds:
        w = sorted(wall[spec])
        print(f"{spec}: wall median {statistics.median(w):.1f} ms (q1 {w[len(w) // 4]:.1f}, "
              f"q3 {w[3 * len(w) // 4]:.1f}), cpu median {statistics.median(cpu[spec]):.1f} ms "
              f"({args.runs} runs)")


if __name__ == "__main__":
    sys.exit(main())
