#!/usr/bin/env python3
"""The schemas refuse what they must: proof that the schema tests can fail.

    check_negative.py --cli build/materia --work DIR

From a valid dataset and a valid result (each first shown to pass), one change at a time: a
wrong type, a missing required field, an unknown key (and, for the result, two fields that
contradict each other). Each changed document must be refused by the schema for that reason
(the jsonschema keyword that fails); each changed dataset must also be refused by materia's
reader, so the schema and the reader agree on it.
"""
import argparse
import copy
import json
import os
import sys

from schema_common import Failures, load_schema, loads_strict, run_cli, validator

DATASET = {
    "taxonomy": "none",
    "companies": [
        {"id": "F1", "weight": 1, "issues": [{"name": "climate", "rank": 1},
                                             {"name": "privacy", "rank": 2}]},
        {"id": "F2", "issues": ["privacy", "governance"]},
    ],
}


def setter(path, value):
    def change(document):
        target = document
        for step in path[:-1]:
            target = target[step]
        target[path[-1]] = value
    return change


def deleter(path):
    def change(document):
        target = document
        for step in path[:-1]:
            target = target[step]
        del target[path[-1]]
    return change


# (what it proves, change, jsonschema keyword expected to fail)
DATASET_CASES = [
    ("wrong type: a weight given as a string", setter(["companies", 0, "weight"], "1"), "type"),
    ("wrong type: a rank given as a string",
     setter(["companies", 0, "issues", 0, "rank"], "1"), "type"),
    ("wrong type: issues given as one string", setter(["companies", 1, "issues"], "privacy"),
     "type"),
    ("missing required: a company without an id", deleter(["companies", 0, "id"]), "required"),
    ("missing required: the dataset without companies", deleter(["companies"]), "required"),
    ("missing required: an issue object without a name",
     deleter(["companies", 0, "issues", 1, "name"]), "required"),
    ("unknown key: a company's misspelled weight", setter(["companies", 0, "weigth"], 2),
     "additionalProperties"),
    ("unknown key: the dataset's misspelled companies", setter(["companys"], []),
     "additionalProperties"),
    ("unknown key: an issue's misspelled rank", setter(["companies", 0, "issues", 0, "rnak"], 1),
     "additionalProperties"),
]

RESULT_CASES = [
    ("wrong type: an issue's rank as a string", setter(["issues", 0, "rank"], "1"), "type"),
    ("wrong type: companies as a string", setter(["companies"], "23"), "type"),
    ("wrong type: a topic's material as a string", setter(["topics", 0, "material"], "yes"),
     "type"),
    ("wrong type: a null score", setter(["issues", 0, "score"], None), "type"),
    ("missing required: an issue row without score", deleter(["issues", 0, "score"]),
     "required"),
    ("missing required: the result without method", deleter(["method"]), "required"),
    ("missing required: a topic without children", deleter(["topics", 0, "children"]),
     "required"),
    ("missing required: matrix without axes", deleter(["matrix", "axes"]), "required"),
    ("unknown key: a new field in an issue row", setter(["issues", 0, "new_field"], 1),
     "additionalProperties"),
    ("unknown key: a new field in the metadata", setter(["new_field"], 1),
     "additionalProperties"),
    ("unknown key: a new field in a topic row", setter(["topics", 0, "new_field"], 1),
     "additionalProperties"),
    ("unknown key: a new field in matrix", setter(["matrix", "new_field"], 1),
     "additionalProperties"),
    ("unknown key: a parent on a topic row", setter(["topics", 0, "parent"], "t"),
     "additionalProperties"),
    ("contradiction: rank intervals without the bootstrap block", deleter(["bootstrap"]), "not"),
    ("contradiction: a kemeny block for another method",
     setter(["kemeny"], {"distance": 1.0, "proven_optimal": True, "lower_bound": 1.0}), "not"),
]


def failing_keywords(validator_, document):
    """Every keyword that fails, nested errors (anyOf, allOf, if/then) included."""
    keywords = set()
    stack = list(validator_.iter_errors(document))
    while stack:
        error = stack.pop()
        keywords.add(error.validator)
        stack.extend(error.context or [])
    return keywords


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cli", required=True)
    parser.add_argument("--work", required=True)
    args = parser.parse_args()
    os.makedirs(args.work, exist_ok=True)
    dataset = validator(load_schema("dataset.schema.json"))
    result = validator(load_schema("result.schema.json"))
    failures = Failures()

    def reader_exit(document, name):
        path = os.path.join(args.work, name)
        with open(path, "w", encoding="utf-8") as f:
            json.dump(document, f, ensure_ascii=False)
        return run_cli(args.cli, ["analyze", path, "--format", "json"])

    # the unchanged dataset passes both
    failures.check(not list(dataset.iter_errors(DATASET)), "the base dataset is refused")
    code, _, err = reader_exit(DATASET, "base.json")
    failures.check(code == 0, f"the reader refuses the base dataset: {err.strip()}")
    for number, (what, change, keyword) in enumerate(DATASET_CASES):
        document = copy.deepcopy(DATASET)
        change(document)
        keywords = failing_keywords(dataset, document)
        failures.check(keyword in keywords,
                       f"dataset, {what}: the schema does not refuse it by {keyword!r} "
                       f"(fails: {sorted(keywords) or 'nothing'})")
        code, _, err = reader_exit(document, f"case-{number}.json")
        failures.check(code == 3, f"dataset, {what}: the reader exits {code}, not 3 ({err.strip()})")

    code, out, err = run_cli(args.cli, ["analyze", "--sample", "fintech-2024", "--format", "json",
                                        "--bootstrap", "20", "--leave-one-out"])
    if not failures.check(code == 0, f"materia analyze failed: {err.strip()}"):
        failures.finish("schema.negative")
    base = loads_strict(out)
    failures.check(not list(result.iter_errors(base)), "the base result is refused")
    for what, change, keyword in RESULT_CASES:
        document = copy.deepcopy(base)
        change(document)
        keywords = failing_keywords(result, document)
        failures.check(keyword in keywords,
                       f"result, {what}: the schema does not refuse it by {keyword!r} "
                       f"(fails: {sorted(keywords) or 'nothing'})")
    failures.finish("schema.negative")


if __name__ == "__main__":
    sys.exit(main())
