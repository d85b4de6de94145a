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
    # a sparse file one byte over --max-input 268435456 (256 MiB): refused before reading
    with open(path, "wb") as f:
        f.truncate((256 << 20) + 1)


def oversize_default(path):
    # a sparse file one byte over the default input limit (1 GiB): refused before reading
    with open(path, "wb") as f:
        f.truncate((1 << 30) + 1)


def csv_bad_row_late(path):
    # 20,000 good rows (more than a reader's window), then a row with a field missing
    with open(path, "w", encoding="utf-8") as f:
        f.write("firm,issue,stakeholder,business\n")
        for i in range(20_000):
            f.write("F%05d,issue %03d,%d,%d\n" % (i // 40, i % 40, 1 + i % 5, 1 + i % 3))
        f.write("F99999,climate,4\n")


def json_truncated_company(path):
    # 20,000 good companies, then the file ends in the middle of one
    with open(path, "w", encoding="utf-8") as f:
        f.write('{"taxonomy": "none", "companies": [\n')
        for i in range(20_000):
            f.write('{"id": "F%05d", "issues": ["climate", "water", "data privacy"]},\n' % i)
        f.write('{"id": "F20000", "issues": ["climate", "wat')


GENERATORS = {
    "name-10mb.json": name_10mb,
    "nesting-200000.json": nesting_200000,
    "million-firms.json": million_firms,
    "too-many-issues.json": too_many_issues,
    "oversize.json": oversize,
    "oversize-default.json": oversize_default,
    "csv-bad-row-late.csv": csv_bad_row_late,
    "json-truncated-company.json": json_truncated_company,
}


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    for name, generate in GENERATORS.items():
        generate(os.path.join(out, name))


if __name__ == "__main__":
    main()
