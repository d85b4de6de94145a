#!/usr/bin/python3
"""check_corpus.py passes a perfect reader (fake_materia.py answering from the truth) and fails
each kind of mistake a reader can make.

    test_checker.py --corpus DIR [--set dev]   (dev has a document for every fault)
"""
import argparse
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
# Each fault hits the first entry of every document (level and rank: of tables and lists).
FAULTS = ["shift", "rename", "drop", "page", "level", "rank", "stray", "no_problem", "no_bbox",
          "analyze", "one_reading_silent", "bbox_off_page", "confidence", "file"]
# Answers that are right in another way than the truth's: each must pass.
GOOD = ["none", "one_reading"]


def run(corpus, set_name, fault):
    env = dict(os.environ, MATERIA_FAKE_FAULT=fault)
    return subprocess.run([sys.executable, os.path.join(HERE, "check_corpus.py"), "--materia",
                           os.path.join(HERE, "fake_materia.py"), "--set", set_name,
                           "--corpus", corpus], env=env, capture_output=True, text=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--corpus", required=True)
    parser.add_argument("--set", default="dev")
    args = parser.parse_args()
    bad = []
    for good in GOOD:
        result = run(args.corpus, args.set, good)
        if result.returncode != 0:
            bad.append(f"the right answer {good!r} fails:\n{result.stdout}{result.stderr}")
    for fault in FAULTS:
        result = run(args.corpus, args.set, fault)
        if result.returncode != 1 or "FAIL" not in result.stdout:
            bad.append(f"fault {fault!r} passes (exit {result.returncode}):\n{result.stdout}"
                       f"{result.stderr}")
        else:
            print(f"fault {fault}: caught")
    print("\n".join(bad) if bad else "check_corpus.py: passes the truth, fails every fault")
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
