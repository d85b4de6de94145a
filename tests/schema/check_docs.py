#!/usr/bin/env python3
"""docs/format.md against the code and the schemas.

    check_docs.py options --cli build/materia [--library libmateria.so]
    check_docs.py fields --cli build/materia

options: every key of request_option_names() (read from its declaration in src/run/request.cpp,
  and, when the C library is given, from materia_analyze's own "unknown option" message) has a row
  in the options table of docs/format.md, every row there is such a key, and every
  CLI flag the table names is a flag of `materia analyze`. The methods listed are the CLI's.
levels: the built-in level scale as `materia analyze` lists it (in the error for an unknown
  level word) is the table of docs/format.md's "Level scales" and the `level` description of
  dataset.schema.json: the same words at the same levels.
fields: the field tables between <!-- fields:begin --> and <!-- fields:end --> list exactly the
  fields of result.schema.json (metadata, issue rows, topic rows), every property of both schemas
  has a description, and the documented CSV header is the one `materia analyze --format csv`
  writes.
"""
import argparse
import ctypes
import os
import re
import sys
import tempfile

from schema_common import SOURCE_DIR, Failures, load_schema, run_cli

FORMAT_MD = os.path.join(SOURCE_DIR, "docs", "format.md")


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def section(text, heading):
    """The text of the `## heading` section, up to the next `## `."""
    match = re.search(rf"^## {re.escape(heading)}\n(.*?)(?=^## |\Z)", text, re.S | re.M)
    return match.group(1) if match else ""


def tables(text):
    """(heading, header cells, rows of cells) for each markdown table, with the last `###`
    heading above it."""
    heading, found, lines = "", [], text.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.startswith("#"):
            heading = line.lstrip("#").strip()
        if line.startswith("|") and i + 1 < len(lines) and re.match(r"^\|[\s:|-]+\|$", lines[i + 1]):
            header = cells(line)
            rows = []
            i += 2
            while i < len(lines) and lines[i].startswith("|"):
                rows.append(cells(lines[i]))
                i += 1
            found.append((heading, header, rows))
            continue
        i += 1
    return found


def cells(line):
    parts = re.split(r"(?<!\\)\|", line.strip())[1:-1]
    return [p.strip() for p in parts]


def unquote(cell):
    return cell.strip().strip("`").strip()


def observed_option_names(library):
    """The keys materia_analyze lists when it refuses an unknown one."""
    lib = ctypes.CDLL(library)
    lib.materia_last_error.restype = ctypes.c_char_p
    dataset, result = ctypes.c_void_p(), ctypes.c_void_p()
    if lib.materia_dataset_sample(ctypes.byref(dataset), b"fintech-2024") != 0:
        return None
    status = lib.materia_analyze(ctypes.byref(result), dataset, b'{"no_such_option": 1}')
    message = lib.materia_last_error().decode()
    lib.materia_dataset_free(dataset)
    match = re.search(r"\(known: ([^)]*)\)", message) if status != 0 else None
    return [name.strip() for name in match.group(1).split(",")] if match else None


def check_options(args, failures):
    text = read(FORMAT_MD)
    options = section(text, "Options JSON")
    failures.check(options, 'docs/format.md has no "## Options JSON" section')
    # The options are declared once, in src/run/request.cpp: {{"key", "--flag", type, doc}, ...
    keys = re.findall(r'\{\{"([a-z0-9_]+)", "--', read(os.path.join(SOURCE_DIR, "src/run/request.cpp")))
    if args.library and os.path.exists(args.library):
        observed = observed_option_names(args.library)
        failures.check(observed == keys, f"materia_analyze lists the options {observed}, the "
                       f"source {keys}")
        print(f"option names from the source and from {os.path.basename(args.library)}")
    else:
        print("option names from the source (no C library built)")
    failures.check(len(keys) >= 20, f"only {len(keys)} option names found: {keys}")

    documented, flags = [], {}
    for _, header, rows in tables(options):
        if not header or unquote(header[0]).lower() != "key" or "CLI flag" not in header:
            continue
        flag_column = header.index("CLI flag")
        for row in rows:
            documented.append(unquote(row[0]))
            flags[unquote(row[0])] = unquote(row[flag_column])
    for key in keys:
        failures.check(key in documented, f'option "{key}" is not documented in docs/format.md')
    for key in documented:
        failures.check(key in keys, f'docs/format.md documents option "{key}", which the code '
                       "does not take")
    failures.check(documented == keys, "docs/format.md lists the options in another order than "
                   f"the code: {documented}")
    code, help_text, err = run_cli(args.cli, ["analyze", "--help"])
    failures.check(code == 0, f"materia analyze --help failed: {err}")
    for key, flag in flags.items():
        failures.check(re.search(rf"(^|[\s,]){re.escape(flag)}\b", help_text, re.M) is not None,
                       f'option "{key}": materia analyze has no flag {flag}')

    # the methods: as the CLI names them when it refuses one
    _, _, err = run_cli(args.cli, ["analyze", "--sample", "fintech-2024", "--method", "none"])
    match = re.search(r"\(known: ([^)]*)\)", err)
    methods = [m.strip() for m in match.group(1).split(",")] if match else []
    failures.check(methods, f"no method list in: {err.strip()}")
    paragraph = re.search(r"\*\*Methods\*\*(.*?)\n\n", options, re.S)
    listed = re.findall(r"`([a-z0-9-]+)`", paragraph.group(1)) if paragraph else []
    listed = [m for m in listed if m != "--method"]
    failures.check(listed[:len(methods)] == methods,
                   f"docs/format.md lists the methods {listed}, the CLI {methods}")


def flatten(properties, prefix=""):
    """Field paths of a schema object: nested objects with '.', fixed-length arrays by item."""
    paths = []
    for name, schema in properties.items():
        path = prefix + name
        if schema.get("type") == "object" and "properties" in schema:
            paths += flatten(schema["properties"], path + ".")
        elif "prefixItems" in schema:
            paths += [f"{path}[{i}]" for i in range(len(schema["prefixItems"]))]
        else:
            paths.append(path)
    return paths


def undescribed(schema, where="#"):
    """Fields without a description: the properties of every object that declares its fields
    (additionalProperties false), and the definitions; a property that is a $ref takes the
    description of what it refers to. Conditions (if/then, anyOf of required) declare no field."""
    missing = []
    if isinstance(schema, dict):
        declared = dict(schema.get("$defs", {}))
        if schema.get("additionalProperties") is False:
            declared.update(schema.get("properties", {}))
        for name, sub in declared.items():
            if isinstance(sub, dict) and "description" not in sub and "$ref" not in sub:
                missing.append(f"{where}/{name}")
        for key, sub in schema.items():
            if isinstance(sub, (dict, list)):
                missing += undescribed(sub, f"{where}/{key}")
    elif isinstance(schema, list):
        for index, sub in enumerate(schema):
            missing += undescribed(sub, f"{where}/{index}")
    return missing


def check_fields(args, failures):
    text = read(FORMAT_MD)
    begin, end = "<!-- fields:begin -->", "<!-- fields:end -->"
    failures.check(text.count(begin) == 1 and text.count(end) == 1
                   and text.index(begin) < text.index(end),
                   f"docs/format.md needs one {begin} and one {end} after it")
    if failures.items:
        return
    region = text[text.index(begin) + len(begin):text.index(end)]
    documented = {"metadata": [], "issue": [], "topic": []}
    for heading, header, rows in tables(region):
        kind = ("issue" if "issue" in heading.lower() else
                "topic" if "topic" in heading.lower() else "metadata")
        lower = [h.lower() for h in header]
        json_column = lower.index("json") if "json" in lower else None
        for row in rows:
            path = unquote(row[json_column]) if json_column is not None else ""
            documented[kind].append(path or unquote(row[0]))
    schema = load_schema("result.schema.json")
    expected = {"metadata": flatten(schema["properties"]),
                "issue": flatten(schema["$defs"]["issue_row"]["properties"]),
                "topic": flatten(schema["$defs"]["topic_row"]["properties"])}
    for kind in ("metadata", "issue"):
        failures.check(documented[kind] == expected[kind],
                       f"the {kind} fields documented {documented[kind]} are not the schema's "
                       f"{expected[kind]} (same fields, same order)")
    # topic rows: all their fields, or (as an issue row's plus these) the topic-only ones
    topic = documented["topic"]
    if "id" not in topic:
        topic = documented["issue"] + topic
    missing = [f for f in expected["topic"] if f not in topic]
    failures.check(not missing, f"topic row fields not documented: {missing}")
    extra = [f for f in documented["topic"] if f not in expected["topic"]]
    failures.check(not extra, f"topic row fields documented but not in the schema: {extra}")
    for name in ("dataset.schema.json", "result.schema.json"):
        missing = undescribed(load_schema(name))
        failures.check(not missing, f"{name}: no description at {missing}")
    code, out, err = run_cli(args.cli, ["analyze", "--sample", "fintech-2024", "--format", "csv"])
    header = out.splitlines()[0] if code == 0 and out else None
    failures.check(header is not None, f"materia analyze --format csv failed: {err.strip()}")
    failures.check(header in text.splitlines(),
                   f"docs/format.md does not show the CSV header {header!r} on a line of its own")


def level_groups(listing):
    """{level: sorted words} from "a/b 5, c 4" (the CLI's listing and the schema's "a/b (5)")."""
    groups = {}
    for words, level in re.findall(r"([^\s,;:]+) \(?([0-9.]+)\)?(?=,|;|$)", listing):
        groups[float(level)] = sorted(words.split("/"))
    return groups


def check_levels(args, failures):
    with tempfile.TemporaryDirectory() as work:
        path = os.path.join(work, "levels.csv")
        with open(path, "w", encoding="utf-8") as f:
            f.write("firm,issue,level\nF1,a,高\nF1,b,no-such-level\n")
        code, _, err = run_cli(args.cli, ["analyze", path])
    listing = re.search(r"highest first: (.*?); or a number", err)
    if not failures.check(code != 0 and listing is not None,
                          f"materia analyze did not list the level scale: {err.strip()}"):
        return
    code_scale = level_groups(listing.group(1))
    scale_table = [rows for heading, header, rows in tables(read(FORMAT_MD))
                   if header[:2] == ["level", "words"]]
    failures.check(len(scale_table) == 1, "docs/format.md needs one table | level | words |")
    if scale_table:
        documented = {float(row[0]): sorted(w.strip().strip("`") for w in row[1].split(","))
                      for row in scale_table[0]}
        failures.check(documented == code_scale,
                       f"docs/format.md's level scale {documented} is not the code's {code_scale}")
    schema = load_schema("dataset.schema.json")
    entry = next(form["properties"]["level"]["description"]
                 for form in schema["$defs"]["entry"]["anyOf"] if "level" in form.get("properties", {}))
    described = re.search(r"\): (.*?); Latin words", entry)
    failures.check(described is not None and level_groups(described.group(1)) == code_scale,
                   f"dataset.schema.json's level description does not give the code's scale "
                   f"{code_scale}: {entry}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("check", choices=["options", "fields", "levels"])
    parser.add_argument("--cli", required=True)
    parser.add_argument("--library", default="")
    args = parser.parse_args()
    failures = Failures()
    {"options": check_options, "fields": check_fields, "levels": check_levels}[args.check](
        args, failures)
    failures.finish(f"schema.{args.check}_documented")


if __name__ == "__main__":
    sys.exit(main())
