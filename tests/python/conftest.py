"""Shared fixtures: the built package, the CLI and the C library as ctest passes them."""

import os
import subprocess

import pytest

import materia


@pytest.fixture(scope="session")
def sample():
    return materia.Dataset.sample("fintech-2024")


@pytest.fixture(scope="session")
def result(sample):
    return materia.analyze(sample)


@pytest.fixture(scope="session")
def cli():
    path = os.environ.get("MATERIA_CLI", "")
    assert path and os.path.exists(path), "ctest passes MATERIA_CLI=build/materia"

    def run(*args, stdin=None):
        return subprocess.run([path, *args], input=stdin, capture_output=True, text=True)

    return run
