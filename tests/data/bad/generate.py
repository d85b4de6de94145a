#!/usr/bin/env python3
"""Writes the catalogue's huge bad inputs into a directory (too big to commit).

    generate.py OUT_DIR

Each file is named as in manifest.json (entries with "generated": true). Deterministic.
"""
import os
import sys


def name_10mb(path):
    # one issue name of 10 MiB: must fail on the string limit, not print 10 MB back
    with open(path, "w", encoding="utf-8") as f:
        f.write('{"taxonomy": "none", "companies": [{"id": "F1", "issues": ["a", "')
        f.write("x" * (10 << 20))
        f.write('"]}]}\n')


def nesting_200000(path):
    # 200,000 nested arrays inside a firm's issue list: no stack overflow
    with open(path, "w", encoding="utf-8") as f:
        f.write('{"taxonomy": "none", "companies": [{"id": "F1", "issues": ')
        f.write("[" * 200_000)
        f.write("]" * 200_000)
        f.write("}]}\n")


def million_firms(path):
    # 1,000,001 firms listing one issue each: one past limits::max_firms, refused before any
    # document tree is built
    with open(path, "w", encoding="utf-8") as f:
        f.write('{"taxonomy": "none", "companies": [\n')
        f.write(",\n".join('{"id":"F%07d","issues":["climate"]}' % i for i in range(1_000_001)))
        f.write("\n]}\n")


def too_many_issues(path):
    # one firm listing 10,001 distinct issues: one past limits::max_issues_per_firm
    with open(path, "w", encoding="utf-8") as f:
        f.write('{"taxonomy": "none", "companies": [{"id": "F1", "issues": [')
        f.write(",".join('"issue %05d"' % i for i in range(10_001)))
        f.write("]}]}\n")


def oversize(path):
    # a sparse file one byte over limits::max_input_bytes (256 MiB): refused before reading
    with open(path, "wb") as f:
        f.truncate((256 << 20) + 1)


GENERATORS = {
    "name-10mb.json": name_10mb,
    "nesting-200000.json": nesting_200000,
    "million-firms.json": million_firms,
    "too-many-issues.json": too_many_issues,
    "oversize.json": oversize,
}


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    for name, generate in GENERATORS.items():
        generate(os.path.join(out, name))


if __name__ == "__main__":
    main()
