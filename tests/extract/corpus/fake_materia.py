#!/usr/bin/python3
"""A stand-in for `materia` that answers `extract` from the truth file beside the PDF, with one
fault on request, so that test_checker.py can show check_corpus.py passes a perfect reader and
fails each kind of mistake.

    MATERIA_FAKE_FAULT=none|shift|rename|drop|page|level|rank|stray|no_problem|no_bbox|analyze
                      |bbox_off_page|confidence|file
                      |one_reading (no fault: a table restating a chart goes to the review file)
                      |one_reading_silent (the same, and the review file does not say so)
    fake_materia.py extract DOC.pdf --firm ID -o OUT.json --format json --review OUT.csv
    fake_materia.py analyze OUT.json --format json
"""
import argparse
import csv
import json
import os
import sys

fault = os.environ.get("MATERIA_FAKE_FAULT", "none")


def extract(argv):
    parser = argparse.ArgumentParser()
    parser.add_argument("pdf")
    parser.add_argument("--firm")
    parser.add_argument("-o", dest="out")
    parser.add_argument("--format")
    parser.add_argument("--review")
    parser.add_argument("--ocr", action="store_true")
    args = parser.parse_args(argv)
    with open(args.pdf[:-len(".pdf")] + ".truth.json", encoding="utf-8") as f:
        truth = json.load(f)
    issues = []
    charted = {e["name"] for e in truth["entries"] if e["kind"] == "chart"}
    set_aside = []
    for n, entry in enumerate(truth["entries"]):
        restated = entry["kind"] == "table" and entry["name"] in charted
        if fault.startswith("one_reading") and restated:
            set_aside.append(entry)
            continue
        issue = {"name": entry["name"]}
        for key in ("stakeholder", "business", "level", "rank"):
            if key in entry:
                issue[key] = entry[key]
        for axis, (low, high) in entry.get("scale", {}).items():  # as the reader gives it
            issue[axis] = round((entry[axis] - low) / (high - low), 4)
        issue["source"] = {"file": truth["file"], "page": entry["page"],
                           "bbox": [10.0, 20.0, 60.0, 30.0]}
        issue["confidence"] = 0.9
        if n == 0:  # the first entry carries the fault
            if fault == "shift" and "business" in issue:
                issue["business"] = round(issue["business"] + 0.03, 4)
            elif fault == "rename":
                issue["name"] = issue["name"] + " "
            elif fault == "page":
                issue["source"]["page"] += 1
            elif fault == "level" and "level" in issue:
                issue["level"] = "低" if issue["level"] != "低" else "高"
            elif fault == "rank" and "rank" in issue:
                issue["rank"] += 1
            elif fault == "no_bbox":
                del issue["source"]["bbox"]
            elif fault == "bbox_off_page":
                issue["source"]["bbox"] = [10.0, 20.0, 9000.0, 30.0]
            elif fault == "confidence":
                issue["confidence"] = 1.5
            elif fault == "file":
                issue["source"]["file"] = "other.pdf"
            elif fault == "drop":
                continue
        issues.append(issue)
    problems = [p for p in truth["problems"]]
    if fault == "stray":
        issues.append({"name": "页眉文字", "stakeholder": 0.5, "business": 0.5, "confidence": 0.2,
                       "source": {"file": truth["file"], "page": 1, "bbox": [0, 0, 1, 1]}})
    if fault == "no_problem":
        problems = problems[1:]
    with open(args.out, "w", encoding="utf-8") as f:
        json.dump({"companies": [{"id": args.firm, "issues": issues}]}, f, ensure_ascii=False)
    with open(args.review, "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["file", "page", "kind", "text", "message"])
        for p in problems:
            writer.writerow([truth["file"], p["page"], p["kind"], p["text"], ""])
        if fault == "one_reading":
            for e in set_aside:
                writer.writerow([truth["file"], e["page"], "set_aside", e["name"], "chart kept"])
    return 0


def main():
    if sys.argv[1] == "extract":
        return extract(sys.argv[2:])
    if sys.argv[1] == "analyze":
        return 2 if fault == "analyze" else 0
    return 64


if __name__ == "__main__":
    sys.exit(main())
