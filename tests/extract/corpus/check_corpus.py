#!/usr/bin/python3
"""End-to-end check of `materia extract` against the corpus of make_corpus.py.

    check_corpus.py --materia PATH --set dev|holdout|unseen|fresh|blind|sixth|seventh|eighth|ninth --corpus DIR [--work DIR] [--only TEXT]

For each document of the set: `materia extract DOC.pdf --firm ID -o OUT.json --format json
--review OUT.review.csv` (and `--ocr` when the truth says "ocr"), then, against DOC.truth.json:
  - every true entry is found under its exact name, with its kind's value: chart coordinates
    within 0.02 of the plot frame on both axes (on a chart with numeric ticks, within 0.02 of
    the axis's range: the true value in the chart's units normalised by the truth's "scale"),
    the level as printed, the rank;
  - every entry has a source page (the truth's) and a bbox of four numbers;
  - no entry the truth does not have (a stray label is a problem, not an issue);
  - an issue read twice (a matrix and a table of the same issues) may keep one reading in the
    dataset if the review file names the other (a row on its page whose text has the name);
  - every expected problem is in the review file (kind and page; the text of a stray label);
  - `materia analyze OUT.json` succeeds.
Prints one row per document and a summary; exits 1 when any document fails. The extract time
of each document is printed (the 100-page report's on its own line) but never asserted.
"""
import argparse
import csv
import glob
import json
import os
import subprocess
import sys
import tempfile
import time

POSITION_TOLERANCE = 0.02


def squash(text):
    return "".join(str(text).split())


def last_line(text):
    lines = [line for line in text.splitlines() if line.strip()]
    return lines[-1] if lines else "(nothing on stderr)"


def sources_of(issue):
    """The issue's sources: `source` may be one object or a list (an issue read twice)."""
    found = issue.get("source")
    if isinstance(found, dict):
        return [found]
    if isinstance(found, list):
        return [s for s in found if isinstance(s, dict)]
    return []


def kind_of(issue):
    kinds = []
    if "stakeholder" in issue or "business" in issue:
        kinds.append("chart")
    if "level" in issue:
        kinds.append("table")
    if "rank" in issue:
        kinds.append("list")
    return kinds


def firm_issues(dataset, firm):
    companies = dataset.get("companies", []) if isinstance(dataset, dict) else []
    for company in companies:
        if company.get("id") == firm:
            return company.get("issues", []), None
    if len(companies) == 1:
        return companies[0].get("issues", []), f"firm id {companies[0].get('id')!r}, not {firm!r}"
    return [], f"no firm {firm!r} among {len(companies)} firms"


def valid_bbox(box, page_size):
    """Four numbers x0 <= x1, y0 <= y1, inside the page (points, with a point to spare)."""
    if not (isinstance(box, list) and len(box) == 4
            and all(isinstance(v, (int, float)) for v in box)):
        return False
    width, height = page_size
    return (-1 <= box[0] <= box[2] <= width + 1) and (-1 <= box[1] <= box[3] <= height + 1)


def truth_fraction(truth, axis):
    """A true coordinate as the reader gives it: on a chart with numeric ticks, the value in the
    chart's units as a fraction of the axis's range; otherwise the fraction of the frame."""
    value = truth[axis]
    if "scale" not in truth:
        return value
    low, high = truth["scale"][axis]
    return (value - low) / (high - low)


def check_entry(truth, issue, failures, document):
    """Compares one found issue with its true entry; returns the position error (charts)."""
    name, kind = truth["name"], truth["kind"]
    error = None
    if kind == "chart" and truth["stakeholder"] is None:
        pass  # one marker, two names: where it is says nothing about which name is whose
    elif kind == "chart":
        try:
            error = max(abs(float(issue[axis]) - truth_fraction(truth, axis))
                        for axis in ("stakeholder", "business"))
        except (KeyError, TypeError, ValueError):
            failures.append(f"{name}: stakeholder/business missing or not numbers")
            return None
        if error > POSITION_TOLERANCE:
            failures.append(f"{name}: at stakeholder {issue['stakeholder']}, business "
                            f"{issue['business']}; truth {truth['stakeholder']}, "
                            f"{truth['business']} (error {error:.3f})")
    elif kind == "table" and squash(issue.get("level")) != squash(truth["level"]):
        failures.append(f"{name}: level {issue.get('level')!r}, truth {truth['level']!r}")
    elif kind == "list" and issue.get("rank") != truth["rank"]:
        failures.append(f"{name}: rank {issue.get('rank')!r}, truth {truth['rank']}")
    sources = sources_of(issue)
    if not sources:
        failures.append(f"{name}: no source")
    else:
        if truth["page"] not in [s.get("page") for s in sources]:
            failures.append(f"{name}: page {[s.get('page') for s in sources]}, "
                            f"truth {truth['page']}")
        if not all(valid_bbox(s.get("bbox"), document["page_size"]) for s in sources):
            failures.append(f"{name}: bbox {[s.get('bbox') for s in sources]} is not "
                            f"[x0, y0, x1, y1] on a page of {document['page_size']} points")
        if not all(os.path.basename(str(s.get("file"))) == document["file"] for s in sources):
            failures.append(f"{name}: source file {[s.get('file') for s in sources]}, "
                            f"not {document['file']}")
    confidence = issue.get("confidence")
    if not isinstance(confidence, (int, float)) or not 0 <= confidence <= 1:
        failures.append(f"{name}: confidence {confidence!r} is not a number in [0, 1]")
    return error


def read_review(path):
    if not os.path.exists(path):
        return None
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def set_aside_note(dataset):
    """What the dataset's provenance says it set aside, for the failure message."""
    try:
        counts = [f["set_aside"] for f in dataset["meta"]["extraction"]["files"]]
    except (KeyError, TypeError):
        return ""
    return f"; meta.extraction counts {sum(counts)} set aside, unnamed"


def row_page(row):
    try:
        return int(float(row.get("page", "")))
    except ValueError:
        return None


def problem_found(problem, rows):
    for row in rows:
        if row.get("kind") != problem["kind"] or row_page(row) != problem["page"]:
            continue
        if problem["text"] and squash(row.get("text", "")) != squash(problem["text"]):
            continue
        return True
    return False


def check_document(args, truth_path, work):
    with open(truth_path, encoding="utf-8") as f:
        truth = json.load(f)
    name = os.path.basename(truth_path)[:-len(".truth.json")]
    pdf = os.path.join(os.path.dirname(truth_path), truth["file"])
    out = os.path.join(work, name + ".json")
    review = os.path.join(work, name + ".review.csv")
    for path in (out, review):
        if os.path.exists(path):
            os.remove(path)
    failures = []
    started = time.monotonic()
    run = subprocess.run([args.materia, "extract", pdf, "--firm", truth["firm"], "-o", out,
                          "--format", "json", "--review", review]
                         + (["--ocr"] if truth.get("ocr") else []),
                         capture_output=True, text=True, timeout=args.timeout)
    seconds = time.monotonic() - started
    required = truth["entries"]
    if run.returncode != 0 and required:
        failures.append(f"materia extract exits {run.returncode}: {last_line(run.stderr)}")
    issues = []
    dataset = {}
    if os.path.exists(out):
        try:
            with open(out, encoding="utf-8") as f:
                dataset = json.load(f)
            issues, note = firm_issues(dataset, truth["firm"])
            if note:
                failures.append(note)
        except ValueError as e:
            failures.append(f"{out} is not JSON: {e}")
    elif required:
        failures.append("materia extract wrote no dataset")

    rows = read_review(review)
    used = set()
    found = 0
    worst = 0.0
    matched_names = set()
    unmatched = []
    for entry in required + truth["optional_entries"]:
        optional = entry in truth["optional_entries"]
        match = next((i for i, issue in enumerate(issues) if i not in used
                      and issue.get("name") == entry["name"] and entry["kind"] in kind_of(issue)),
                     None)
        if match is None:  # the same issue read as chart and table may be one merged entry
            match = next((i for i, issue in enumerate(issues) if issue.get("name") == entry["name"]
                          and entry["kind"] in kind_of(issue)), None)
        if match is None:
            if not optional:
                unmatched.append(entry)
            continue
        used.add(match)
        matched_names.add(entry["name"])
        entry_failures = []
        error = check_entry(entry, issues[match], entry_failures, truth)
        if optional:  # axes unknown: its coordinates mean nothing, but name and page do
            entry_failures = [f for f in entry_failures if "page" in f or "source" in f]
        else:
            found += not entry_failures
            if error is not None:
                worst = max(worst, error)
        failures += entry_failures
    for entry in unmatched:
        if entry["name"] in matched_names and any(
                row_page(row) == entry["page"] and squash(entry["name"]) in
                squash(row.get("text", "")) for row in rows or []):
            found += 1  # the other reading is in the dataset, this one in the review file
            continue
        same = [i for i in issues if squash(i.get("name", "")) == squash(entry["name"])]
        hint = ""
        if same and same[0].get("name") != entry["name"]:
            hint = f" (found as {same[0].get('name')!r})"
        elif same:
            hint = (f" (only its {'/'.join(kind_of(same[0]))} reading, and the review file does "
                    f"not name it{set_aside_note(dataset)})")
        failures.append(f"{entry['name']} ({entry['kind']}, page {entry['page']}) not found{hint}")
    for i, issue in enumerate(issues):
        if i not in used:
            failures.append(f"unexpected entry {issue.get('name')!r} "
                            f"(page {[s.get('page') for s in sources_of(issue)]})")

    problems_found = 0
    if rows is None and truth["problems"]:
        failures.append("materia extract wrote no review file")
    for problem in truth["problems"]:
        if rows is not None and problem_found(problem, rows):
            problems_found += 1
        else:
            failures.append(f"problem {problem['kind']} on page {problem['page']}"
                            + (f" ({problem['text']})" if problem["text"] else "")
                            + " not reported")
    extra_problems = len(rows or []) - problems_found

    analyzed = "n/a"
    if required and os.path.exists(out):
        analysis = subprocess.run([args.materia, "analyze", out, "--format", "json"],
                                  capture_output=True, text=True, timeout=args.timeout)
        analyzed = "ok" if analysis.returncode == 0 else "FAIL"
        if analysis.returncode != 0:
            failures.append(f"materia analyze exits {analysis.returncode}: "
                            f"{last_line(analysis.stderr)}")
    return {"name": name, "producer": truth["producer"], "pages": truth["pages"],
            "found": found, "expected": len(required), "worst": worst,
            "problems": problems_found, "problems_expected": len(truth["problems"]),
            "extra_problems": extra_problems, "analyze": analyzed, "seconds": seconds,
            "failures": failures}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--materia", required=True)
    parser.add_argument("--set", required=True, choices=["dev", "holdout", "unseen", "fresh",
                                                               "blind", "sixth", "seventh",
                                                               "eighth", "ninth"])
    parser.add_argument("--corpus", required=True)
    parser.add_argument("--work", help="where the extract outputs go (default: a temporary dir)")
    parser.add_argument("--timeout", type=float, default=600)
    parser.add_argument("--only", help="check only the documents whose name contains this")
    args = parser.parse_args()
    truths = []
    for path in sorted(glob.glob(os.path.join(args.corpus, "*.truth.json"))):
        with open(path, encoding="utf-8") as f:
            if json.load(f)["set"] == args.set and (args.only or "") in os.path.basename(path):
                truths.append(path)
    if not truths:
        sys.exit(f"check_corpus: no {args.set} documents in {args.corpus} "
                 "(make_corpus.py makes them)")
    with tempfile.TemporaryDirectory(prefix="materia-corpus-check-") as tmp:
        work = args.work or tmp
        os.makedirs(work, exist_ok=True)
        results = [check_document(args, path, work) for path in truths]

    width = max(len(r["name"]) for r in results)
    print(f"{'document':{width}}  {'producer':10}  found/exp  worst err  problems  extra  "
          f"analyze  seconds  result")
    for r in results:
        print(f"{r['name']:{width}}  {r['producer']:10}  {r['found']:>4}/{r['expected']:<4}  "
              f"{r['worst']:9.4f}  {r['problems']:>3}/{r['problems_expected']:<4}  "
              f"{r['extra_problems']:5d}  {r['analyze']:7}  {r['seconds']:7.2f}  "
              f"{'ok' if not r['failures'] else 'FAIL'}")
    for r in results:
        for failure in r["failures"]:
            print(f"  {r['name']}: {failure}")
    for r in results:
        if r["pages"] >= 100:
            print(f"time: {r['name']} ({r['pages']} pages) extracted in {r['seconds']:.2f} s")
    failed = [r for r in results if r["failures"]]
    print(f"corpus {args.set}: {len(results) - len(failed)}/{len(results)} documents pass; "
          f"entries {sum(r['found'] for r in results)}/{sum(r['expected'] for r in results)}; "
          f"problems {sum(r['problems'] for r in results)}/"
          f"{sum(r['problems_expected'] for r in results)}; worst position error "
          f"{max(r['worst'] for r in results):.4f}")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
