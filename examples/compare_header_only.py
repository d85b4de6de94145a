#!/usr/bin/env python3
"""Runs examples/header_only.cpp's program and the materia CLI on the same data and checks that
they print the same numbers: Fisher breaks, GVF and classes against `materia breaks --method
fisher`, the RRA ranking against `materia analyze --method rra --taxonomy none`. Numbers are
printed as the shortest text that reads back as the same double, so they are compared exactly.
Also checks that the program loads no materia library and none of its ICU/OpenCC dependencies.

  compare_header_only.py --example BUILD/examples/materia_example_header_only \
                         --materia BUILD/materia --work DIR
"""
import argparse
import csv
import json
import random
import subprocess
import sys
from pathlib import Path


def run(command):
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"{' '.join(map(str, command))} failed ({done.returncode}):\n{done.stderr}")
    return done.stdout


def parse_example(text):
    """The program's output: breaks, gvf and classes, then the rra ranking as (issue, strength)."""
    lines = text.splitlines()
    fields = {}
    for line in lines[:3]:
        key, _, value = line.partition(": ")
        fields[key] = value.split()
    if not lines[3].startswith("rra: "):
        sys.exit(f"unexpected output line: {lines[3]!r}")
    ranking = []
    for position, line in enumerate(lines[4:], start=1):
        rank, issue, score = line.split(" ")
        if int(rank) != position:
            sys.exit(f"ranks out of order: {line!r}")
        ranking.append((issue, float(score)))
    return ([float(b) for b in fields["breaks"]], float(fields["gvf"][0]),
            [int(c) for c in fields["classes"]], ranking)


def cli_breaks(materia, numbers, classes):
    out = json.loads(run([materia, "breaks", "--method", "fisher", "--classes", str(classes),
                          "--format", "json", numbers]))
    return out["breaks"], out["gvf"], out["classes"]


def cli_rra(materia, lists):
    text = run([materia, "analyze", lists, "--method", "rra", "--taxonomy", "none",
                "--format", "csv"])
    rows = list(csv.DictReader(text.splitlines()))
    rows.sort(key=lambda row: int(row["rank"]))
    return [(row["name"], float(row["score"])) for row in rows]


def write_numbers(path, values):
    path.write_text("".join(f"{v!r}\n" for v in values))


def write_lists(path, lists):
    """lists: per firm, (issue, rank) pairs."""
    lines = ["firm,issue,rank"]
    for f, listing in enumerate(lists):
        lines += [f"F{f + 1:03d},{issue},{rank!r}" for issue, rank in listing]
    path.write_text("\n".join(lines) + "\n")


def cases(work):
    rng = random.Random(2024)
    numbers = [
        ("readme", [1, 2, 4, 8, 9, 10], 2),
        ("lognormal", [rng.lognormvariate(0, 1.5) for _ in range(300)], 4),
        ("ties", [float(rng.randint(1, 7)) for _ in range(200)], 3),
        ("large", [rng.gauss(50, 20) for _ in range(6000)], 5),
    ]
    issues = [f"issue{i:02d}" for i in range(30)]
    random_lists = []
    for _ in range(40):
        chosen = rng.sample(issues, rng.randint(3, 30))
        ranks = sorted(rng.randint(1, len(chosen)) for _ in chosen)  # ties allowed
        random_lists.append(list(zip(chosen, [float(r) for r in ranks])))
    lists = [
        ("small", [[("x", 1.0), ("y", 2.0), ("z", 3.0)], [("y", 1.0), ("x", 2.0)],
                   [("z", 1.0), ("y", 2.0), ("w", 3.0)]]),
        ("random", random_lists),
    ]
    for (name, values, classes), (list_name, firm_lists) in zip(numbers, lists * 2):
        numbers_path = work / f"{name}.txt"
        lists_path = work / f"{list_name}.csv"
        write_numbers(numbers_path, values)
        write_lists(lists_path, firm_lists)
        yield name, numbers_path, classes, lists_path


def check_dependencies(example):
    try:
        loaded = run(["ldd", example])
    except FileNotFoundError:
        return
    for library in ("libmateria", "libicu", "libopencc", "libsimdjson"):
        if library in loaded:
            sys.exit(f"{example} loads {library}:\n{loaded}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--example", required=True)
    parser.add_argument("--materia", required=True)
    parser.add_argument("--work", required=True, type=Path)
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    check_dependencies(args.example)
    for name, numbers, classes, lists in cases(args.work):
        breaks, gvf, classes_of, ranking = parse_example(
            run([args.example, numbers, str(classes), lists]))
        expected = cli_breaks(args.materia, numbers, classes)
        if (breaks, gvf, classes_of) != expected:
            sys.exit(f"{name}: breaks differ\nexample: {breaks} {gvf}\nmateria: {expected[:2]}")
        expected_ranking = cli_rra(args.materia, lists)
        if ranking != expected_ranking:
            sys.exit(f"{lists.name}: rra differs\nexample: {ranking}\nmateria: {expected_ranking}")
        print(f"{name}: {len(breaks) - 1} classes, gvf {gvf}; {lists.name}: {len(ranking)} "
              f"issues ranked alike")


if __name__ == "__main__":
    main()
