#!/usr/bin/env python3
"""Runs the bad-input catalogue (tests/data/bad/manifest.json) through a front end.

    run_catalogue.py --cli build/materia --work DIR [--only NAME]        # the command line
    run_catalogue.py --capi build/libmateria.so --work DIR              # the C API (ctypes)
    run_catalogue.py --python --work DIR     # the Python package (PYTHONPATH=build/python)
    run_catalogue.py --print      # list the cases (for docs and reviews)

The C API and Python run every "analyze" case that they can express (a file or --sample, and the
options --method, --tiers, --universe, --combine, --taxonomy, the quadrant thresholds and the
rra flags); the other cases (alias files, --strict, standard input, --format, -o, the verbs
normalize and report, unknown commands and options) are the CLI's alone. They must fail with the CLI's
message without the "materia: error: " prefix: the C API with status -exit, Python with
materia.Error of that kind.

Each case gives the input file, the CLI arguments, the exit code and the exact stderr. "{file}" in
the arguments and in the expected stderr stands for the file's name; the CLI runs in the file's
directory so that messages do not depend on where the tree is checked out. Cases with
"generated": true are written by tests/data/bad/generate.py into the work directory first.
A case passes only if the exit code and the whole of stderr match, stdout is empty and the
command left no file or directory behind.
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
    before = set(os.listdir(directory))
    try:
        proc = subprocess.run([cli] + args, cwd=directory, stdin=stdin, capture_output=True,
                              timeout=120)
    finally:
        if stdin is not subprocess.DEVNULL:
            stdin.close()
    # a failed command leaves nothing behind: no output file, directory or temporary
    left = sorted(set(os.listdir(directory)) - before)
    return proc.returncode, proc.stdout, proc.stderr, left


OPTION_KEYS = {"--method": "method", "--tiers": "tiers", "--universe": "universe",
               "--combine": "combine", "--stakeholder-threshold": "stakeholder_threshold",
               "--business-threshold": "business_threshold", "--pl-prior": "pl_prior"}
FLAG_KEYS = {"--rra-exact": "rra_exact", "--rra-top-cutoff": "rra_top_cutoff"}
# How the file is read (materia/run/load_options.hpp): the C API takes them as the JSON of the
# taxonomy argument, Python as keywords of Dataset.from_file.
LOAD_KEYS = {"--sheet": "sheet", "--columns": "columns", "--ignore-column": "ignore_column",
             "--encoding": "encoding", "--levels": "levels"}
NUMBER_KEYS = {"stakeholder_threshold", "business_threshold", "pl_prior"}


def api_call(case):
    """(file or None, sample or None, taxonomy or None, options dict, load options dict) for an
    API, or None."""
    args = case["args"]
    if not args or args[0] != "analyze" or case.get("stdin"):
        return None
    file = sample = taxonomy = None
    options, load = {}, {}
    i = 1
    while i < len(args):
        arg = args[i]
        if arg == "{file}" and file is None:
            file = case["file"]
            i += 1
            continue
        if arg in FLAG_KEYS:
            options[FLAG_KEYS[arg]] = True
            i += 1
            continue
        if i + 1 >= len(args):
            return None
        value = args[i + 1]
        if arg == "--sample":
            sample = value
        elif arg == "--taxonomy":
            taxonomy = value
        elif arg == "--ignore-column":
            load.setdefault("ignore_column", []).append(value)
        elif arg == "--max-input":
            load["max_input"] = int(value)
        elif arg in LOAD_KEYS:
            load[LOAD_KEYS[arg]] = value
        elif arg in OPTION_KEYS:
            if arg == "--universe":
                if not value.isdigit():
                    return None  # a CLI parse error; an API takes a number
                value = int(value)
            elif OPTION_KEYS[arg] in NUMBER_KEYS:
                try:
                    value = float(value)
                except ValueError:
                    return None
                if value != value or value in (float("inf"), float("-inf")):
                    return None  # JSON has no NaN: the CLI's alone
                if value == int(value):
                    value = int(value)  # 2, not 2.0, as the CLI user wrote it
            options[OPTION_KEYS[arg]] = value
        else:
            return None
        i += 2
    if (file is None) == (sample is None):
        return None
    return file, sample, taxonomy, options, load


def expected_message(case):
    text = case.get("api_stderr", case["stderr"]).replace("{file}", case.get("file", ""))
    prefix = "materia: error: "
    assert text.startswith(prefix) and text.endswith("\n") and text.count("\n") == 1, case["name"]
    return text[len(prefix):-1]


class CApi:
    def __init__(self, path):
        import ctypes
        self.c = ctypes
        lib = ctypes.CDLL(path)
        vp = ctypes.c_void_p
        lib.materia_last_error.restype = ctypes.c_char_p
        lib.materia_dataset_from_file.argtypes = [ctypes.POINTER(vp), ctypes.c_char_p,
                                                  ctypes.c_char_p]
        lib.materia_dataset_sample.argtypes = [ctypes.POINTER(vp), ctypes.c_char_p]
        lib.materia_analyze.argtypes = [ctypes.POINTER(vp), vp, ctypes.c_char_p]
        lib.materia_dataset_free.argtypes = [vp]
        lib.materia_result_free.argtypes = [vp]
        self.lib = lib

    def run(self, call):
        file, sample, taxonomy, options, load = call
        c, lib = self.c, self.lib
        dataset, result = c.c_void_p(), c.c_void_p()
        enc = lambda s: None if s is None else s.encode("utf-8")
        if load:  # the load options JSON in place of the taxonomy
            taxonomy = json.dumps(dict(load, **({"taxonomy": taxonomy} if taxonomy else {})))
        if file is not None:
            status = lib.materia_dataset_from_file(c.byref(dataset), enc(file), enc(taxonomy))
        else:
            status = lib.materia_dataset_sample(c.byref(dataset), enc(sample))
        if status == 0:
            status = lib.materia_analyze(c.byref(result), dataset,
                                         json.dumps(options).encode("utf-8"))
            lib.materia_result_free(result)
        lib.materia_dataset_free(dataset)
        if status == 0:
            return 0, ""
        return -status, lib.materia_last_error().decode("utf-8", errors="backslashreplace")


class PythonApi:
    def __init__(self):
        import materia
        from materia._errors import python_terms
        self.m = materia
        # Python words the core's messages in its own terms (strict=True, not --strict); the
        # translation itself is checked case by case in tests/python/test_pythonic.py.
        self.expected = python_terms

    def run(self, call):
        file, sample, taxonomy, options, load = call
        m = self.m
        try:
            if file is not None and load:
                dataset = m.Dataset.from_file(file, taxonomy=taxonomy, **load)
            elif file is not None:
                dataset = m.Dataset.from_json(file, taxonomy=taxonomy)
            else:
                dataset = m.Dataset.sample(sample)
            m.analyze(dataset, **options)
        except m.Error as e:
            return {"usage": 2, "input": 3}.get(getattr(e, "kind", ""), 4), str(e)
        return 0, ""


def run_api(api, cases, work, only):
    failures = ran = 0
    for case in cases:
        if only and case["name"] != only:
            continue
        call = api_call(case)
        if call is None:
            continue
        ran += 1
        expected = expected_message(case)
        if hasattr(api, "expected"):
            expected = api.expected(expected)
        previous = os.getcwd()
        os.chdir(case_dir(case, work))
        try:
            code, message = api.run(call)
        finally:
            os.chdir(previous)
        problems = []
        if code != case["exit"]:
            problems.append(f"status {code}, expected {case['exit']}")
        if message != expected:
            problems.append(f"message {message!r}\n      expected {expected!r}")
        if problems:
            failures += 1
            print(f"FAIL {case['name']}: " + "; ".join(problems))
        else:
            print(f"ok   {case['name']}")
    print(f"{ran - failures} of {ran} cases pass ({len(cases) - ran} are the CLI's alone)")
    assert ran >= 40 or only, "the API front end should cover most of the catalogue"
    return 1 if failures else 0


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cli")
    parser.add_argument("--capi")
    parser.add_argument("--python", action="store_true")
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
    if options.capi:
        return run_api(CApi(os.path.abspath(options.capi)), cases, options.work, options.only)
    if options.python:
        return run_api(PythonApi(), cases, options.work, options.only)
    failures = 0
    for case in cases:
        if options.only and case["name"] != options.only:
            continue
        expected = case["stderr"].replace("{file}", case.get("file", ""))
        code, out, err, left = run_cli(options.cli, case, options.work)
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
        if left:
            problems.append(f"left behind: {left}")
        if problems:
            failures += 1
            print(f"FAIL {case['name']}: " + "; ".join(problems))
        else:
            print(f"ok   {case['name']}")
    print(f"{len(cases) - failures} of {len(cases)} cases pass")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
