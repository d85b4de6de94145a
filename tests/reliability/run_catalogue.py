#!/usr/bin/env python3
"""Runs the bad-input catalogue (tests/data/bad/manifest.json) through the command line.

    run_catalogue.py --cli build/materia --work DIR [--only NAME]
    run_catalogue.py --print      # list the cases (for docs and reviews)

Each case gives the input file, the CLI arguments, the exit code and the exact stderr. "{file}" in
the arguments and in the expected stderr stands for the file's name; the CLI runs in the file's
directory so that messages do not depend on where the tree is checked out. Cases with
"generated": true are written by tests/data/bad/generate.py into the work directory first.
A case passes only if the exit code and the whole of stderr match and stdout is empty.
"""
import argparse
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
BAD = os.path.normpath(os.path.join(HERE, "..", "data", "bad"))


def load_manifest():
    with open(os.path.join(BAD, "manifest.json"), encoding="utf-8") as f:
        return json.load(f)["cases"]


def case_dir(case, work):
    return work if case.get("generated") else BAD


def run_cli(cli, case, work):
    directory = case_dir(case, work)
    name = case.get("file", "")
    args = [a.replace("{file}", name) for a in case["args"]]
    stdin = subprocess.DEVNULL
    if case.get("stdin"):
        stdin = open(os.path.join(directory, name), "rb")
    try:
        proc = subprocess.run([cli] + args, cwd=directory, stdin=stdin, capture_output=True,
                              timeout=120)
    finally:
        if stdin is not subprocess.DEVNULL:
            stdin.close()
    return proc.returncode, proc.stdout, proc.stderr


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cli")
    parser.add_argument("--work")
    parser.add_argument("--only")
    parser.add_argument("--print", action="store_true")
    options = parser.parse_args()
    if options.cli:
        options.cli = os.path.abspath(options.cli)
    if options.work:
        options.work = os.path.abspath(options.work)
    cases = load_manifest()
    if options.print:
        for case in cases:
            print(f"{case['name']:36} exit {case['exit']}  {case['stderr'].strip()}")
        return 0
    names = [c["name"] for c in cases]
    assert len(names) == len(set(names)), "duplicate case names in manifest.json"
    if any(c.get("generated") for c in cases):
        subprocess.run([sys.executable, os.path.join(BAD, "generate.py"), options.work], check=True)
    failures = 0
    for case in cases:
        if options.only and case["name"] != options.only:
            continue
        expected = case["stderr"].replace("{file}", case.get("file", ""))
        code, out, err = run_cli(options.cli, case, options.work)
        err_text = err.decode("utf-8", errors="backslashreplace")
        problems = []
        if code != case["exit"]:
            problems.append(f"exit {code}, expected {case['exit']}")
        if err_text != expected:
            problems.append(f"stderr {err_text!r}\n      expected {expected!r}")
        try:
            err.decode("utf-8")
        except UnicodeDecodeError:
            problems.append("stderr is not valid UTF-8")
        if out:
            problems.append(f"stdout not empty: {out[:200]!r}")
        if problems:
            failures += 1
            print(f"FAIL {case['name']}: " + "; ".join(problems))
        else:
            print(f"ok   {case['name']}")
    print(f"{len(cases) - failures} of {len(cases)} cases pass")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
