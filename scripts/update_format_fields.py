#!/usr/bin/env python3
"""Rewrites docs/format.md's "Result fields" tables from the field table of the built library
(include/materia/output/fields.hpp, through the Python module's field_table_markdown()).

    python3 scripts/update_format_fields.py [BUILD_DIR]     # default: build

The ctest FieldTable.DocsFormatHasTheGeneratedSection fails while the two differ.
"""
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BEGIN, END = "<!-- fields:begin -->\n", "<!-- fields:end -->"


def main():
    build = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "build"))
    sys.path.insert(0, os.path.join(build, "python"))
    try:
        from materia import _core
    except ImportError as e:
        sys.exit(f"cannot import materia from {build}/python (build the materia_python target): {e}")
    path = os.path.join(ROOT, "docs", "format.md")
    with open(path, encoding="utf-8") as f:
        text = f.read()
    start, end = text.find(BEGIN), text.find(END)
    if start < 0 or end < start:
        sys.exit(f"{path} needs a line {BEGIN.strip()} and, after it, a line {END}")
    updated = text[:start + len(BEGIN)] + _core.field_table_markdown() + text[end:]
    if updated == text:
        print(f"{path} is up to date")
        return
    with open(path, "w", encoding="utf-8") as f:
        f.write(updated)
    print(f"rewrote the field tables of {path}")


if __name__ == "__main__":
    main()
