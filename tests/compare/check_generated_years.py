#!/usr/bin/env python3
"""materia compare on generated years: materia_synth writes a year of 500 firms and the next year
of the same firms (fresh lists) with the popularity of two pairs of issues exchanged. The CLI must
flag the four exchanged issues, and only them, with JSON, CSV and table telling the same.

usage: check_generated_years.py MATERIA_SYNTH MATERIA_CLI WORK_DIR"""
import csv
import io
import json
import os
import subprocess
import sys

synth, cli, work = sys.argv[1:4]
os.makedirs(work, exist_ok=True)
common = ["--firms", "500", "--length", "30", "--vocabulary", "200", "--seed", "7"]
swaps = [(3, 40), (10, 25)]
year1, year2, taxonomy = (os.path.join(work, n) for n in ("y1.json", "y2.json", "taxonomy.json"))
subprocess.run([synth, *common, "-o", year1, "--taxonomy-out", taxonomy], check=True)
subprocess.run([synth, *common, "--draw-seed", "8", *sum((["--swap", f"{i},{j}"] for i, j in swaps), []),
                "-o", year2], check=True)
with open(taxonomy, encoding="utf-8") as f:
    issues = json.load(f)["issues"]
moved = {issues[k]["id"] for pair in swaps for k in pair}


def compare(fmt):
    run = subprocess.run([cli, "compare", year1, year2, "--same-firms", "--format", fmt],
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    return run.stdout


result = json.loads(compare("json"))
flagged = {i["id"] for i in result["issues"] if i["significant"]}
assert flagged == moved, f"flagged {sorted(flagged)}, moved {sorted(moved)}"
for issue in result["issues"]:
    if issue["id"] in moved:
        # the issue that was less popular rises (a negative change), its partner falls
        assert issue["change_low"] <= issue["rank_change"] <= issue["change_high"], issue
assert result["firms_only_a"] == [] and result["firms_only_b"] == [] and len(result["firms_both"]) == 500
assert result["tau_b_low"] <= result["tau_b"] <= result["tau_b_high"], result["tau_b"]
rows = list(csv.DictReader(io.StringIO(compare("csv"))))
assert {r["id"] for r in rows if r["significant"] == "true"} == moved
table = compare("table")
assert f"{len(moved)} significant moves" in table, table.splitlines()[:2]
print(f"flagged exactly the {len(moved)} exchanged issues among {len(result['issues'])}; "
      f"tau-b {result['tau_b']:.3f} [{result['tau_b_low']:.3f}, {result['tau_b_high']:.3f}]")
