#!/usr/bin/env python3
"""Whole-process runs of `materia analyze` on market-scale matrices in each input form (issue 25):
wall time, CPU time and peak resident memory, medians of repeated runs (timing.py).

    bench/compare/stream.py --materia build-run/materia --synth build-run/bench/materia_synth
        [--runs 5] [--firms 60000 200000] [--forms json ndjson csv] [--work DIR]

The datasets are materia_synth's: FIRMS firms listing 40 issues each, with coordinates, from
3,000 names with 10% variants (seed 42), written once into --work (default: a temporary
directory). Prints one line per run with the load average before it: other work on the machine
moves the figures.
"""

import argparse
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from timing import describe, load_average, measure  # noqa: E402


def dataset(synth, work, firms, form):
    """The dataset file (and the taxonomy a CSV needs), written if missing."""
    path = os.path.join(work, f"market-{firms}.{form}")
    taxonomy = os.path.join(work, f"market-{firms}.taxonomy.json")
    if not os.path.exists(path):
        command = [synth, "--firms", str(firms), "--vocabulary", "3000", "--variants", "0.1",
                   "--coordinates", "--seed", "42", "--format", form, "-o", path]
        if form == "csv":
            command += ["--taxonomy-out", taxonomy]
        subprocess.run(command, check=True)
    return path, (taxonomy if form == "csv" else None)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--materia", required=True)
    parser.add_argument("--synth", required=True)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--warmup", type=int, default=1)
    parser.add_argument("--firms", type=int, nargs="+", default=[60000, 200000])
    parser.add_argument("--forms", nargs="+", default=["json", "ndjson", "csv"])
    parser.add_argument("--work")
    args = parser.parse_args()
    work = args.work or tempfile.mkdtemp(prefix="materia-stream-")
    os.makedirs(work, exist_ok=True)
    for firms in args.firms:
        for form in args.forms:
            path, taxonomy = dataset(args.synth, work, firms, form)
            command = [args.materia, "analyze", path, "--format", "json", "-o", os.devnull]
            if taxonomy:
                command += ["--taxonomy", taxonomy]
            load = load_average()
            figures = measure(command, args.runs, warmup=args.warmup)
            size = os.path.getsize(path) / 1e6
            print(f"{firms:7d} firms  {form:6s} {size:7.1f} MB  {describe(figures)}  "
                  f"load {load:.2f}", flush=True)


if __name__ == "__main__":
    main()
