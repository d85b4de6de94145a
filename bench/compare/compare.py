#!/usr/bin/python3
"""materia against the R packages analysts use, on the same seeded data, in one run.

Generates the synthetic market with materia_synth, then times
  * RobustRankAggreg::aggregateRanks (R, in memory) against `materia analyze FILE --method rra
    --format json` (the whole process, JSON in), and borda-normalized on the same file;
  * the market of every listed company: 60,000 firms x 40 issues of 3,000, 10 % variant names;
  * classInt's exact Fisher breaks (R, in memory) on 3e4 values against `materia breaks
    --method fisher -k 5` on 1e6 values (the whole process), when the build has `materia breaks`,
and prints each figure with its target and the measured ratios. --check also compares the
scores and breaks themselves (materia against R); --small runs tiny sizes (the ctest does, for
the scripts' correctness only: nothing here asserts a time).

  /usr/bin/python3 bench/compare/compare.py --build build [--runs 5] [--check] [--json out.json]
"""

import argparse
import csv
import json
import os
import platform
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from timing import describe, load_average, measure, run_once  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))


def machine():
    model = ""
    try:
        with open("/proc/cpuinfo") as info:
            for line in info:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return f"{model or platform.processor()}, {os.cpu_count()} cores, {platform.system()}"


def rscript(script, *args):
    out = subprocess.run(["Rscript", os.path.join(HERE, script), *map(str, args)],
                         check=True, capture_output=True, text=True).stdout.split("\n")
    elapsed, cpu = map(float, out[0].split())
    return elapsed, cpu, out[1:]


def synth(build, *args):
    subprocess.run([os.path.join(build, "bench", "materia_synth"), *map(str, args)], check=True)


def has_breaks(materia):
    usage = subprocess.run([materia, "--help"], capture_output=True, text=True).stdout
    return any(line.split()[:1] == ["breaks"] for line in usage.splitlines())


def check_rra(materia, data, r_scores):
    """materia's rra scores equal R's (1e-9 relative, as the oracle test rra_live.R)."""
    out = subprocess.run([materia, "analyze", data, "--method", "rra", "--format", "json"],
                         check=True, capture_output=True).stdout
    # rra's score is its strength -log10(m rho); R's value is the field rho
    ours = {issue["name"]: issue["rho"] for issue in json.loads(out)["issues"]}
    with open(r_scores, encoding="utf-8") as f:
        theirs = {row["name"]: float(row["score"]) for row in csv.DictReader(f)}
    if set(ours) != set(theirs):
        raise SystemExit(f"rra: materia scores {len(ours)} issues, R {len(theirs)}")
    bad = [n for n in theirs if abs(ours[n] - theirs[n]) > 1e-12 + 1e-9 * abs(theirs[n])]
    if bad:
        raise SystemExit(f"rra: {len(bad)} scores differ from R, e.g. {bad[0]}: "
                         f"materia {ours[bad[0]]!r}, R {theirs[bad[0]]!r}")
    return len(theirs)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--build", default="build", help="the CMake build directory")
    parser.add_argument("--work", help="where to write the generated data (default: a temp dir)")
    parser.add_argument("--runs", type=int, default=5, help="runs per timing (median)")
    parser.add_argument("--r-runs", type=int, default=3, help="runs of each R timing (median)")
    parser.add_argument("--small", action="store_true", help="tiny sizes (script check only)")
    parser.add_argument("--check", action="store_true", help="compare results with R too")
    parser.add_argument("--json", help="also write the figures to this file")
    args = parser.parse_args()

    build = os.path.abspath(args.build)
    materia = os.path.join(build, "materia")
    work = args.work or tempfile.mkdtemp(prefix="materia-compare-")
    os.makedirs(work, exist_ok=True)
    sizes = ({"firms": 300, "length": 20, "vocabulary": 200, "market": 2000, "market_vocab": 300,
              "fisher_r": 3000, "fisher_us": 100000} if args.small else
             {"firms": 5000, "length": 40, "vocabulary": 2000, "market": 60000,
              "market_vocab": 3000, "fisher_r": 30000, "fisher_us": 1000000})
    figures = {"machine": machine(), "load_before": load_average(), "sizes": sizes}
    print(f"machine: {figures['machine']}; load average {figures['load_before']:.2f}")

    # 1. RRA against RobustRankAggreg, and borda-normalized, on the same lists.
    data = os.path.join(work, "rra.json")
    lists = os.path.join(work, "rra.lists.tsv")
    synth(build, "--firms", sizes["firms"], "--length", sizes["length"], "--vocabulary",
          sizes["vocabulary"], "--seed", 42, "-o", data, "--lists", lists)
    r_scores = os.path.join(work, "rra.R-scores.csv")
    r_elapsed, r_cpu, _ = rscript("rra.R", lists, args.r_runs, r_scores)
    rra = measure([materia, "analyze", data, "--method", "rra", "--format", "json"], args.runs)
    borda = measure([materia, "analyze", data, "--format", "json"], args.runs)
    figures["rra"] = {"R_elapsed": r_elapsed, "R_cpu": r_cpu, "materia": rra,
                      "ratio_wall": r_elapsed / rra["wall"], "ratio_cpu": r_cpu / rra["cpu"]}
    figures["borda_normalized"] = borda
    print(f"\n{sizes['firms']} firms x {sizes['length']} issues of {sizes['vocabulary']}:")
    print(f"  R aggregateRanks (in memory)    wall {r_elapsed * 1000:8.1f} ms  "
          f"cpu {r_cpu * 1000:8.1f} ms  (median of {args.r_runs})")
    print(f"  materia analyze --method rra    {describe(rra)}")
    print(f"  ratio R / materia: {figures['rra']['ratio_wall']:.1f}x wall, "
          f"{figures['rra']['ratio_cpu']:.1f}x cpu (target >= 20x)")
    print(f"  materia analyze (borda-normalized) {describe(borda)} (target < 100 ms)")
    if args.check:
        print(f"  check: {check_rra(materia, data, r_scores)} rra scores equal R's")

    # 2. Every listed company in the world.
    market = os.path.join(work, "market.json")
    synth(build, "--firms", sizes["market"], "--length", 40, "--vocabulary",
          sizes["market_vocab"], "--variants", 0.1, "--seed", 42, "-o", market)
    big = measure([materia, "analyze", market, "--format", "json"], max(1, args.runs // 2))
    figures["market"] = big
    print(f"\n{sizes['market']} firms x 40 issues of {sizes['market_vocab']}, 10 % variant names:")
    print(f"  materia analyze (borda-normalized) {describe(big)} (target < 3 s, < 2 GB)")

    # 3. Fisher breaks, k = 5.
    print(f"\nFisher breaks, k = 5 (classInt on {sizes['fisher_r']}, materia on "
          f"{sizes['fisher_us']} values):")
    if not has_breaks(materia):
        print("  skipped: this build has no `materia breaks` (it comes with the tiers work)")
    else:
        small_values = os.path.join(work, "values-r.txt")
        big_values = os.path.join(work, "values-materia.txt")
        synth(build, "--values", sizes["fisher_r"], "--seed", 42, "-o", small_values)
        synth(build, "--values", sizes["fisher_us"], "--seed", 42, "-o", big_values)
        f_elapsed, f_cpu, r_out = rscript("fisher.R", small_values, 5, args.r_runs)
        ours = measure([materia, "breaks", "--method", "fisher", "-k", "5", big_values,
                        "--format", "json"], args.runs)
        figures["fisher"] = {"R_elapsed": f_elapsed, "R_cpu": f_cpu, "materia": ours,
                             "ratio_wall": f_elapsed / ours["wall"],
                             "ratio_cpu": f_cpu / ours["cpu"]}
        print(f"  R classIntervals fisher (in memory) wall {f_elapsed * 1000:8.1f} ms  "
              f"cpu {f_cpu * 1000:8.1f} ms")
        print(f"  materia breaks --method fisher  {describe(ours)}")
        print(f"  ratio R / materia: {figures['fisher']['ratio_wall']:.1f}x wall, "
              f"{figures['fisher']['ratio_cpu']:.1f}x cpu (target >= 10x)")
        if args.check:
            r_breaks = [float(x) for x in r_out[0].split()]
            out = subprocess.run([materia, "breaks", "--method", "fisher", "-k", "5", small_values,
                                  "--format", "json"], check=True, capture_output=True).stdout
            our_breaks = json.loads(out)["breaks"]
            if len(our_breaks) != len(r_breaks) or any(
                    abs(a - b) > 1e-9 * max(1.0, abs(b)) for a, b in zip(our_breaks, r_breaks)):
                raise SystemExit(f"fisher: materia breaks {our_breaks} differ from R {r_breaks}")
            print(f"  check: materia's breaks on the {sizes['fisher_r']} values equal classInt's")

    figures["load_after"] = load_average()
    print(f"\nload average after: {figures['load_after']:.2f} (the machine may be shared: "
          "compare cpu times when it is loaded)")
    if args.json:
        with open(args.json, "w") as out:
            json.dump(figures, out, indent=1)


if __name__ == "__main__":
    main()
