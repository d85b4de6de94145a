#!/usr/bin/env python3
"""docs/schema/dataset.schema.json against materia's own reader.

    check_datasets.py --cli build/materia --work DIR

1. The built-in sample datasets (data/samples) are valid, and the taxonomy files
   (data/taxonomies) are valid against the schema's taxonomy definition.
2. Differential checks: for every JSON document below, the schema and the reader
   (`materia normalize --dataset FILE`, which reads and validates a dataset) must agree. Whatever
   the reader accepts, the schema must accept. Whatever the reader refuses, the schema must
   refuse too, unless the reader's message is one of SEMANTIC (checks across values that a
   schema does not express).
   - the test inputs: tests/fuzz/corpus/load_json, tests/data/bad, the dataset literals of the
     C++ tests (raw strings) and of the Python tests (dict literals), the dataset
     `materia survey --as-dataset` writes, and the examples of docs/format.md (which must be
     valid);
   - mutations of a few base datasets: every value replaced by values of other types and
     ranges, every key removed, an unknown key added to every object.
"""
import argparse
import ast
import copy
import glob
import json
import os
import re
import sys
from concurrent.futures import ThreadPoolExecutor

from schema_common import (SOURCE_DIR, Failures, first_error, load_schema, loads_strict,
                           run_cli, sub_validator, validator)

# Reader messages for checks a schema cannot express (they relate several values, need the
# taxonomy, or count bytes); the schema may accept such documents.
SEMANTIC = [
    "duplicate company id",
    "the company weights sum to 0",
    "is outside the scale",
    "scale must have finite min < max",
    "unknown taxonomy",
    "cannot open",
    "is a directory",
    ": duplicate id",
    "is not a topic of the taxonomy",
    "is not an issue or topic id",
    "is neither an id nor a name of an issue or topic",
    "names two issues",
    "an alias has an empty target",
    "aliases join two different issues",
    "aliases lead to no issue",
    "an alias has an empty name",
    "materia's limit",
    "invalid JSON",
    "is not valid UTF-8",
]

# Values every mutated field is replaced with: other types, empty, negative, zero, fractional.
REPLACEMENTS = ["text", "", -1, 0, 2.5, True, None, [], {}]

BASES = {
    # coordinates, declared scales (object and array), every company field, meta
    "matrix": {
        "meta": {"synthetic": True, "description": "mutation base"},
        "taxonomy": "none",
        "scale": {"min": 1, "max": 5},
        "companies": [
            {"id": "F1", "name": "Firm one", "segment": "bank", "weight": 2,
             "unlisted": "not_assessed", "scale": [0, 10],
             "issues": [{"name": "climate", "stakeholder": 7, "business": 3},
                        {"name": "privacy", "stakeholder": 5, "business": 9}]},
            {"id": "F2", "issues": [{"name": "privacy", "stakeholder": 4, "business": 4.5},
                                    {"name": "governance", "stakeholder": 2, "business": 3}]},
        ],
    },
    # ranks, levels and bare names
    "orders": {
        "companies": [
            {"id": "R", "issues": [{"name": "a", "rank": 1}, {"name": "b", "rank": 2}]},
            {"id": "L", "issues": [{"name": "a", "level": "high"}, {"name": "c", "level": 2}]},
            {"id": "N", "weight": None, "issues": ["b", "c"]},
        ],
    },
    # an inline taxonomy with every field
    "taxonomy": {
        "taxonomy": {
            "name": "tiny", "version": "1", "description": "mutation base",
            "topics": [{"id": "t", "name_zh": "主题", "name_en": "Topic", "category": "S"}],
            "issues": [{"id": "privacy", "name_zh": "隐私保护", "name_en": "Privacy",
                        "category": "social", "parent": "t", "reference_tier": 1},
                       {"id": "innovation", "name_en": "Innovation", "category": "G"}],
            "aliases": [{"name": "数据隐私", "target": "privacy", "kind": "user"}],
        },
        "companies": [{"id": "F1", "issues": ["数据隐私", "Innovation"]}],
    },
}


def paths(document, prefix=()):
    """Every path to a value inside `document` (not the root itself)."""
    if isinstance(document, dict):
        for key, value in document.items():
            yield prefix + (key,)
            yield from paths(value, prefix + (key,))
    elif isinstance(document, list):
        for index, value in enumerate(document):
            yield prefix + (index,)
            yield from paths(value, prefix + (index,))


def objects(document, prefix=()):
    """Every path to an object inside `document`, the root included."""
    if isinstance(document, dict):
        yield prefix
        for key, value in document.items():
            yield from objects(value, prefix + (key,))
    elif isinstance(document, list):
        for index, value in enumerate(document):
            yield from objects(value, prefix + (index,))


def at(document, path):
    for step in path:
        document = document[step]
    return document


def mutations(base):
    """(label, document) pairs: each value replaced, each key removed, an unknown key added."""
    for path in paths(base):
        parent, last = at(base, path[:-1]), path[-1]
        for value in REPLACEMENTS:
            if type(value) is type(parent[last]) and value == parent[last]:
                continue
            mutated = copy.deepcopy(base)
            at(mutated, path[:-1])[last] = value
            yield f"{'/'.join(map(str, path))} = {json.dumps(value)}", mutated
        if isinstance(parent, dict):
            mutated = copy.deepcopy(base)
            del at(mutated, path[:-1])[last]
            yield f"{'/'.join(map(str, path))} removed", mutated
    for path in objects(base):
        mutated = copy.deepcopy(base)
        at(mutated, path)["unexpected_key"] = 1
        yield f"{'/'.join(map(str, path)) or '(root)'} + unexpected_key", mutated


def cpp_literals():
    """The JSON datasets written as raw strings in the C++ tests."""
    for source in sorted(glob.glob(os.path.join(SOURCE_DIR, "tests", "cpp", "*.cpp"))):
        with open(source, encoding="utf-8", errors="replace") as f:
            text = f.read()
        for number, match in enumerate(re.finditer(r'R"(\w*)\((.*?)\)\1"', text, re.S)):
            body = match.group(2)
            if '"companies"' not in body:
                continue
            try:
                document = loads_strict(body)
            except ValueError:
                continue  # a fragment completed by the test's code
            if isinstance(document, dict):
                yield f"{os.path.basename(source)} literal {number}", body


def python_literals():
    """The dataset dicts written in the Python tests (they dump them to files)."""
    for source in sorted(glob.glob(os.path.join(SOURCE_DIR, "tests", "python", "*.py"))):
        with open(source, encoding="utf-8") as f:
            tree = ast.parse(f.read())
        for node in ast.walk(tree):
            if not isinstance(node, ast.Dict):
                continue
            keys = [k.value for k in node.keys if isinstance(k, ast.Constant)]
            if "companies" not in keys:
                continue
            try:
                document = ast.literal_eval(node)
            except ValueError:
                continue  # built from variables
            yield (f"{os.path.basename(source)}:{node.lineno}",
                   json.dumps(document, ensure_ascii=False))


def doc_examples():
    """The JSON datasets shown in docs/format.md: they must stay valid (asserted in main)."""
    with open(os.path.join(SOURCE_DIR, "docs", "format.md"), encoding="utf-8") as f:
        text = f.read()
    for number, body in enumerate(re.findall(r"```json\n(.*?)```", text, re.S)):
        if '"companies"' in body:
            yield f"docs/format.md example {number}", body


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cli", required=True)
    parser.add_argument("--work", required=True)
    args = parser.parse_args()
    os.makedirs(args.work, exist_ok=True)
    schema = load_schema("dataset.schema.json")
    dataset = validator(schema)
    taxonomy = sub_validator(schema, "taxonomy")
    failures = Failures()

    samples = [p for p in sorted(glob.glob(os.path.join(SOURCE_DIR, "data", "samples", "*.json")))
               if not p.endswith("-disclosure.json")]  # firm records, not a dataset
    failures.check(samples, "no sample dataset found in data/samples")
    for path in samples:
        with open(path, encoding="utf-8") as f:
            error = first_error(dataset, loads_strict(f.read()))
        failures.check(error is None, f"{os.path.relpath(path, SOURCE_DIR)}: {error}")
    for path in sorted(glob.glob(os.path.join(SOURCE_DIR, "data", "taxonomies", "*.json"))):
        with open(path, encoding="utf-8") as f:
            error = first_error(taxonomy, loads_strict(f.read()))
        failures.check(error is None, f"{os.path.relpath(path, SOURCE_DIR)} (taxonomy): {error}")

    # The documents to compare: (label, file to read, working directory).
    cases = []
    for path in samples:
        cases.append((os.path.relpath(path, SOURCE_DIR), path, os.path.dirname(path)))
    for folder in (("tests", "fuzz", "corpus", "load_json"), ("tests", "data", "bad")):
        for path in sorted(glob.glob(os.path.join(SOURCE_DIR, *folder, "*.json"))):
            cases.append((os.path.relpath(path, SOURCE_DIR), path, os.path.dirname(path)))
    written = []
    examples = list(doc_examples())
    failures.check(examples, "docs/format.md shows no JSON dataset")
    for label, body in examples:
        error = first_error(dataset, loads_strict(body))
        failures.check(error is None, f"{label}: {error}")
    written.extend(examples)
    written.extend(cpp_literals())
    written.extend(python_literals())
    for label, base in sorted(BASES.items()):
        written.append((f"base {label}", json.dumps(base, ensure_ascii=False)))
        for mutation, document in mutations(base):
            written.append((f"base {label}: {mutation}", json.dumps(document, ensure_ascii=False)))
    failures.check(len(written) > 300, f"only {len(written)} generated documents")
    for number, (label, text) in enumerate(written):
        path = os.path.join(args.work, f"case-{number:04d}.json")
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        cases.append((label, path, args.work))
    survey_out = os.path.join(args.work, "survey-dataset.json")
    code, _, err = run_cli(args.cli, ["survey", os.path.join(SOURCE_DIR, "tests", "data",
                                                             "survey-small.json"),
                                      "--as-dataset", "-o", survey_out])
    if failures.check(code == 0, f"materia survey --as-dataset failed: {err.strip()}"):
        cases.append(("survey --as-dataset output", survey_out, args.work))

    def compare(case):
        label, path, cwd = case
        with open(path, "rb") as f:
            raw = f.read()
        try:
            document = loads_strict(raw.decode("utf-8-sig"))
        except (UnicodeDecodeError, ValueError):
            return None  # not JSON to Python either: nothing for a schema to say
        schema_error = first_error(dataset, document)
        code, _, err = run_cli(args.cli, ["normalize", "--dataset", path, "--format", "json"],
                               cwd=cwd)
        err = err.strip()
        if code not in (0, 3):
            return f"{label}: the reader exited {code}: {err}"
        if code == 0 and schema_error:
            return f"{label}: the reader accepts it, the schema refuses it: {schema_error}"
        if code == 3 and not schema_error and not any(s in err for s in SEMANTIC):
            return f"{label}: the reader refuses it ({err}), the schema accepts it"
        return None

    compared = 0
    with ThreadPoolExecutor(max_workers=2) as pool:
        for case, problem in zip(cases, pool.map(compare, cases)):
            compared += 1
            failures.check(problem is None, problem)
    print(f"compared schema and reader on {compared} documents")
    failures.finish("schema.datasets")


if __name__ == "__main__":
    sys.exit(main())
