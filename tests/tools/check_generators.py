#!/usr/bin/env python3
"""The generators under tools/ still write the committed data, byte for byte.

    check_generators.py --work DIR

Each generator runs with --out-dir DIR/<generator> (reading the committed inputs, writing nothing
in the tree) and its file is compared with the committed one; on a mismatch the sizes, the first
differing line and a short unified diff are printed. The generators call OpenCC's `opencc`
command (Debian package opencc, installed by scripts/install-deps.sh); without it the check
fails, it does not skip.
"""
import argparse
import difflib
import os
import shutil
import subprocess
import sys

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))

# generator, the committed file it writes (relative to the repository root)
GENERATORS = [
    ("tools/make_taxonomy.py", "data/taxonomies/fintech-2024.json"),
    ("tools/make_sample.py", "data/samples/fintech-2024.json"),
    ("tools/make_disclosure_sample.py", "data/samples/fintech-2024-disclosure.json"),
]
DIFF_LINES = 40


def describe_mismatch(committed, generated):
    """A few lines saying where and how two byte strings differ."""
    out = [f"  committed {len(committed)} bytes, generated {len(generated)} bytes"]
    old = committed.decode("utf-8", "replace").splitlines(keepends=True)
    new = generated.decode("utf-8", "replace").splitlines(keepends=True)
    first = next((i for i, (a, b) in enumerate(zip(old, new)) if a != b), min(len(old), len(new)))
    changed = sum(1 for tag in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes()
                  if tag[0] != "equal")
    out.append(f"  {len(old)} lines committed, {len(new)} generated; first difference at line "
               f"{first + 1}; {changed} changed block(s)")
    diff = list(difflib.unified_diff(old, new, "committed", "generated", n=1))
    for line in diff[:DIFF_LINES]:
        line = line.rstrip("\n")
        out.append("  " + (line if len(line) <= 160 else line[:160] + " ..."))
    if len(diff) > DIFF_LINES:
        out.append(f"  ... {len(diff) - DIFF_LINES} more diff lines")
    return "\n".join(out)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--work", required=True, help="scratch directory (emptied first)")
    args = parser.parse_args()
    work = os.path.abspath(args.work)
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)

    if shutil.which("opencc") is None:
        print("FAIL: the `opencc` command is missing (Debian package opencc; "
              "scripts/install-deps.sh installs it); the generators need it")
        return 1

    failures = 0
    for generator, committed_path in GENERATORS:
        out_dir = os.path.join(work, os.path.splitext(os.path.basename(generator))[0])
        proc = subprocess.run([sys.executable, os.path.join(ROOT, generator), "--out-dir", out_dir],
                              cwd=work, capture_output=True, text=True, timeout=300)
        if proc.returncode != 0:
            failures += 1
            print(f"FAIL {generator}: exit {proc.returncode}\n{proc.stdout}{proc.stderr}")
            continue
        with open(os.path.join(ROOT, committed_path), "rb") as f:
            committed = f.read()
        generated_path = os.path.join(out_dir, committed_path)
        if not os.path.exists(generated_path):
            failures += 1
            print(f"FAIL {generator}: wrote no {generated_path}")
            continue
        with open(generated_path, "rb") as f:
            generated = f.read()
        if generated == committed:
            print(f"ok   {generator} reproduces {committed_path} ({len(committed)} bytes)")
        else:
            failures += 1
            print(f"FAIL {generator} does not reproduce {committed_path} "
                  f"(generated: {generated_path}):")
            print(describe_mismatch(committed, generated))
    print(f"{len(GENERATORS) - failures} of {len(GENERATORS)} generators reproduce their file")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
