"""Shared helpers of the schema tests (tests/schema): loading jsonschema, strict JSON, the CLI."""
import json
import math
import os
import subprocess
import sys

SOURCE_DIR = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SCHEMA_DIR = os.path.join(SOURCE_DIR, "docs", "schema")


def require_jsonschema():
    """The jsonschema module, or exit 1 with what to install: a missing validator is a failure,
    never a skipped test."""
    try:
        import jsonschema
    except ImportError as e:
        sys.stderr.write(
            f"FAIL: cannot import jsonschema ({e}) with {sys.executable}.\n"
            "The schema tests need it: install Debian's python3-jsonschema "
            "(scripts/install-deps.sh does).\n")
        sys.exit(1)
    return jsonschema


def _no_constant(name):
    raise ValueError(f"{name} is not JSON")


def _finite_float(text):
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(f"{text} does not fit a double")
    return value


def loads_strict(text):
    """json.loads without Python's extensions (NaN, Infinity, numbers past a double), which
    materia's reader refuses."""
    return json.loads(text, parse_constant=_no_constant, parse_float=_finite_float)


def load_schema(name):
    """A schema of docs/schema, checked against the draft 2020-12 meta-schema."""
    jsonschema = require_jsonschema()
    with open(os.path.join(SCHEMA_DIR, name), encoding="utf-8") as f:
        schema = json.load(f)
    jsonschema.Draft202012Validator.check_schema(schema)
    return schema


def validator(schema):
    jsonschema = require_jsonschema()
    return jsonschema.Draft202012Validator(schema)


def sub_validator(schema, definition):
    """A validator of one of the schema's $defs (e.g. the taxonomy file format)."""
    return validator({"$schema": schema["$schema"], "$defs": schema["$defs"],
                      "$ref": f"#/$defs/{definition}"})


def first_error(validator_, document):
    """The first validation error as one line ("path: message"), or None when valid."""
    errors = sorted(validator_.iter_errors(document), key=lambda e: list(e.absolute_path))
    if not errors:
        return None
    error = errors[0]
    path = "/".join(str(p) for p in error.absolute_path) or "(root)"
    return f"{path}: {error.message[:300]}"


def run_cli(cli, args, cwd=None):
    """Runs the CLI; returns (exit code, stdout, stderr)."""
    if os.sep in cli:
        cli = os.path.abspath(cli)  # the command may run in another directory
    done = subprocess.run([cli, *args], capture_output=True, text=True, cwd=cwd,
                          encoding="utf-8", errors="replace", timeout=300)
    return done.returncode, done.stdout, done.stderr


class Failures:
    """Collects failures so one run reports all of them."""

    def __init__(self):
        self.items = []
        self.checks = 0

    def check(self, ok, message):
        self.checks += 1
        if not ok:
            self.items.append(message)
        return ok

    def finish(self, what):
        for item in self.items[:50]:
            print("FAIL:", item)
        if len(self.items) > 50:
            print(f"... and {len(self.items) - 50} more")
        print(f"{what}: {self.checks} checks, {len(self.items)} failed")
        sys.exit(1 if self.items else 0)
