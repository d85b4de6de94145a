#!/usr/bin/env python3
"""The counts the docs quote (bad inputs, labelled names, oracle cases, C calls) are the counts.

    docs_counts.py

Each check finds a sentence in a doc by a pattern (line breaks and runs of spaces read as one
space) and recomputes every number in it from its source of truth. A doc whose number is stale
fails, and so does a doc whose sentence no longer matches the pattern: the check is then updated
with the doc, never silently skipped. Numbers may be written as digits (1,300) or words (two).
"""
import csv
import json
import os
import re
import sys

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
         "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}
NUMBER = r"(\d[\d,]*|" + "|".join(WORDS) + r")"


def path(relative):
    return os.path.join(ROOT, relative)


def read_json(relative):
    with open(path(relative), encoding="utf-8") as f:
        return json.load(f)


# ---- sources of truth

def bad_cases():
    return read_json("tests/data/bad/manifest.json")["cases"]


def api_cases():
    """The catalogue cases the C API and Python run: run_catalogue.py decides."""
    sys.path.insert(0, path("tests/reliability"))
    import run_catalogue  # noqa: E402
    return [case for case in bad_cases() if run_catalogue.api_call(case) is not None]


def labelled():
    with open(path("tests/data/normalize/labelled.csv"), encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def variants(kind=None):
    return [row for row in labelled()
            if row["kind"] == "variant" and (kind is None or row["class"] in kind)]


def traps():
    return [row for row in labelled() if row["kind"] == "trap"]


def dip_sizes():
    return [len(case["x"]) for case in read_json("tests/data/oracles/dip_test.json")["cases"]]


def c_calls():
    with open(path("include/materia.h"), encoding="utf-8") as f:
        header = f.read()
    # the declarations tests/link/exports.sh counts as the C API
    return set(re.findall(r"MATERIA_API [^(;]*?[ *](materia_[a-z0-9_]+)\(", header))


# ---- the checks: (doc, pattern with one group per number, one value per group: a callable
# giving the true count, or None for a number that is not a count of a source, e.g. a result)
CHECKS = [
    ("docs/reliability.md", rf"`tests/data/bad/` holds {NUMBER} bad inputs",
     [lambda: len(bad_cases())], "cases of tests/data/bad/manifest.json"),
    ("docs/reliability.md", rf"the rra flags: {NUMBER} of {NUMBER}\)",
     [lambda: len(api_cases()), lambda: len(bad_cases())],
     "manifest cases run_catalogue.api_call can express, of all cases"),
    ("docs/method.md", rf"{NUMBER} variants of {NUMBER} issues and {NUMBER} traps",
     [lambda: len(variants()), lambda: len({row["expected"] for row in variants()}),
      lambda: len(traps())], "rows of tests/data/normalize/labelled.csv"),
    ("docs/method.md", rf"`structural` \({NUMBER}:", [lambda: len(variants({"structural"}))],
     "structural variants of labelled.csv"),
    ("docs/method.md", rf"`spelling` \({NUMBER}:", [lambda: len(variants({"spelling"}))],
     "spelling variants of labelled.csv"),
    ("docs/method.md", rf"`lexical` \({NUMBER}:", [lambda: len(variants({"lexical"}))],
     "lexical variants of labelled.csv"),
    ("docs/method.md", rf"\(\d+ / {NUMBER}\) \|",
     [lambda: len(variants({"structural", "spelling"}))],
     "structural and spelling variants of labelled.csv (the threshold table)"),
    ("docs/method.md", rf"\| (?:\*\*)?\d+ / {NUMBER}(?:\*\*)? \|", [lambda: len(traps())],
     "traps of labelled.csv (every row of the threshold table)"),
    ("docs/method.md", rf"{NUMBER} of the {NUMBER} lexical variants",
     [None, lambda: len(variants({"lexical"}))],
     "lexical variants of labelled.csv"),
    ("docs/method-statistics.md", rf"on {NUMBER} samples, from n = {NUMBER} to {NUMBER}",
     [lambda: len(dip_sizes()), lambda: min(dip_sizes()), lambda: max(dip_sizes())],
     "cases of tests/data/oracles/dip_test.json and their sizes"),
    ("docs/method-statistics.md", rf"every within-block permutation of {NUMBER} small designs",
     [lambda: sum("exact_permutation_p" in case
                  for case in read_json("tests/data/oracles/skillings_mack.json")["cases"])],
     "cases of tests/data/oracles/skillings_mack.json with an exact permutation p-value"),
    ("README.md", rf"`materia.h` has {NUMBER} calls", [lambda: len(c_calls())],
     "MATERIA_API functions declared in include/materia.h"),
    ("docs/architecture.md", rf"`include/materia.h`, {NUMBER} calls", [lambda: len(c_calls())],
     "MATERIA_API functions declared in include/materia.h"),
]


def number(text):
    return WORDS[text] if text in WORDS else int(text.replace(",", ""))


def main():
    failures = 0
    texts = {}
    for doc, pattern, sources, what in CHECKS:
        if doc not in texts:
            with open(path(doc), encoding="utf-8") as f:
                texts[doc] = re.sub(r"\s+", " ", f.read())
        matches = list(re.finditer(pattern, texts[doc]))
        if not matches:
            failures += 1
            print(f"FAIL {doc}: no text matches /{pattern}/ (update tests/tools/docs_counts.py "
                  f"with the doc: {what})")
            continue
        for match in matches:
            problems = []
            for group, source in enumerate(sources, start=1):
                if source is None:
                    continue
                quoted, actual = number(match.group(group)), source()
                if quoted != actual:
                    problems.append(f"says {match.group(group)}, is {actual}")
            if problems:
                failures += 1
                print(f"FAIL {doc}: \"{match.group(0)}\": {'; '.join(problems)} ({what})")
            else:
                print(f"ok   {doc}: \"{match.group(0)}\"")
    print(f"{len(CHECKS)} checks: {failures} stale or missing")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
