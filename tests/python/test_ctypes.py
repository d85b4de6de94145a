"""libmateria.so called directly through ctypes, as an R, Go, C# or Excel caller would."""

import ctypes
import json
import os

import pytest

import materia


@pytest.fixture(scope="module")
def lib():
    path = os.environ.get("MATERIA_LIBRARY", "")
    assert path and os.path.exists(path), "ctest passes MATERIA_LIBRARY=build/libmateria.so"
    lib = ctypes.CDLL(path)
    P = ctypes.c_void_p
    lib.materia_version_number.restype = ctypes.c_uint
    lib.materia_last_error.restype = ctypes.c_char_p
    lib.materia_status_string.restype = ctypes.c_char_p
    lib.materia_dataset_sample.argtypes = [ctypes.POINTER(P), ctypes.c_char_p]
    lib.materia_dataset_from_json.argtypes = [ctypes.POINTER(P), ctypes.c_char_p, ctypes.c_size_t]
    lib.materia_analyze.argtypes = [ctypes.POINTER(P), P, ctypes.c_char_p]
    lib.materia_result_issue_count.argtypes = [P]
    lib.materia_result_issue_count.restype = ctypes.c_size_t
    lib.materia_result_issue_id.argtypes = [P, ctypes.c_size_t]
    lib.materia_result_issue_id.restype = ctypes.c_char_p
    lib.materia_result_scores.argtypes = [P]
    lib.materia_result_scores.restype = ctypes.POINTER(ctypes.c_double)
    lib.materia_result_tiers.argtypes = [P]
    lib.materia_result_tiers.restype = ctypes.POINTER(ctypes.c_int)
    lib.materia_result_to_json.argtypes = [P, ctypes.POINTER(P), ctypes.POINTER(ctypes.c_size_t)]
    lib.materia_free.argtypes = [P]
    lib.materia_result_free.argtypes = [P]
    lib.materia_dataset_free.argtypes = [P]
    return lib


def test_version(lib):
    major, minor, patch = (int(x) for x in materia.__version__.split("."))
    assert lib.materia_version_number() == major * 10000 + minor * 100 + patch


def test_sample_through_ctypes_matches_python(lib):
    dataset, result = ctypes.c_void_p(), ctypes.c_void_p()
    assert lib.materia_dataset_sample(ctypes.byref(dataset), b"fintech-2024") == 0
    options = json.dumps({"method": "attention", "tiers": "quantile:4"}).encode()
    assert lib.materia_analyze(ctypes.byref(result), dataset, options) == 0
    n = lib.materia_result_issue_count(result)
    assert n == 91
    expected = materia.analyze(materia.Dataset.sample(), method="attention", tiers="quantile:4")
    issues = expected.issues
    ids = [lib.materia_result_issue_id(result, i).decode() for i in range(n)]
    assert ids == list(issues["id"])
    scores = lib.materia_result_scores(result)
    tiers = lib.materia_result_tiers(result)
    assert [scores[i] for i in range(n)] == list(issues["score"])  # copied out of the result
    assert [tiers[i] for i in range(n)] == list(issues["tier"])
    text, length = ctypes.c_void_p(), ctypes.c_size_t()
    assert lib.materia_result_to_json(result, ctypes.byref(text), ctypes.byref(length)) == 0
    assert ctypes.string_at(text, length.value).decode() == expected.to_json() + "\n"
    lib.materia_free(text)
    lib.materia_result_free(result)
    lib.materia_dataset_free(dataset)
    lib.materia_result_free(None)  # NULL is a no-op


def test_errors_through_ctypes(lib):
    dataset, result = ctypes.c_void_p(), ctypes.c_void_p()
    bad = b'{"companies": ['
    assert lib.materia_dataset_from_json(ctypes.byref(dataset), bad, len(bad)) == -3
    assert dataset.value is None
    assert b"invalid JSON" in lib.materia_last_error()
    assert lib.materia_status_string(-3) == b"input error"
    assert lib.materia_dataset_sample(ctypes.byref(dataset), b"fintech-2024") == 0
    assert lib.materia_analyze(ctypes.byref(result), dataset, b'{"method":"nope"}') == -2
    assert b'unknown method "nope"' in lib.materia_last_error()
    lib.materia_dataset_free(dataset)
