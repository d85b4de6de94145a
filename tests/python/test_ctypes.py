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


def take_text(lib, pointer, length):
    text = ctypes.string_at(pointer, length.value).decode()
    lib.materia_free(pointer)
    return text


def test_c_entries_print_what_the_cli_prints(lib, cli, tmp_path):
    """explain, agreement, breaks and normalize through the C API give the CLI's JSON text."""
    P, out, length = ctypes.c_void_p, ctypes.c_void_p(), ctypes.c_size_t()
    text_out = [ctypes.POINTER(P), ctypes.POINTER(ctypes.c_size_t)]
    lib.materia_result_explain.argtypes = [P, ctypes.c_char_p, *text_out]
    lib.materia_result_agreement_json.argtypes = [P, ctypes.c_size_t, *text_out]
    lib.materia_breaks_json.argtypes = [*text_out, ctypes.POINTER(ctypes.c_double), ctypes.c_size_t,
                                        ctypes.c_char_p, ctypes.c_int, ctypes.c_double]
    lib.materia_taxonomy_builtin.argtypes = [ctypes.POINTER(P), ctypes.c_char_p]
    lib.materia_normalizer_create.argtypes = [ctypes.POINTER(P), P, ctypes.c_char_p]
    lib.materia_normalizer_resolve.argtypes = [ctypes.POINTER(P), P, ctypes.c_char_p]
    lib.materia_resolution_to_json.argtypes = [P, *text_out]
    for name in ("materia_taxonomy_free", "materia_normalizer_free", "materia_resolution_free"):
        getattr(lib, name).argtypes = [P]

    dataset, result = P(), P()
    assert lib.materia_dataset_sample(ctypes.byref(dataset), b"fintech-2024") == 0
    options = {"method": "borda-normalized", "bootstrap": 25, "seed": 2, "leave_one_out": True}
    flags = ["--bootstrap", "25", "--seed", "2", "--leave-one-out"]
    assert lib.materia_analyze(ctypes.byref(result), dataset, json.dumps(options).encode()) == 0
    lib.materia_dataset_free(dataset)  # the result keeps its own copy for explain
    for issue in ("客户服务", "科技创新"):
        assert lib.materia_result_explain(result, issue.encode(), ctypes.byref(out), ctypes.byref(length)) == 0
        expected = cli("explain", "--sample", "fintech-2024", issue, *flags, "--format", "json")
        assert take_text(lib, out, length) == expected.stdout
    assert lib.materia_result_agreement_json(result, 5, ctypes.byref(out), ctypes.byref(length)) == 0
    expected = cli("agreement", "--sample", "fintech-2024", "--show", "5", "--format", "json")
    assert take_text(lib, out, length) == expected.stdout
    lib.materia_result_free(result)

    values = [3.5, 1, 1, 2, 8, 13, 21, 0.25, 34, 55, 89, 2]
    (tmp_path / "v.txt").write_text("\n".join(map(str, values)))
    array = (ctypes.c_double * len(values))(*values)
    for method in (b"fisher", b"jenks", b"quantile", b"equal", b"headtail"):
        assert lib.materia_breaks_json(ctypes.byref(out), ctypes.byref(length), array, len(values),
                                       method, 4, 0.4) == 0
        expected = cli("breaks", str(tmp_path / "v.txt"), "--method", method.decode(), "--classes", "4")
        assert take_text(lib, out, length) + "\n" == expected.stdout

    taxonomy, normalizer, resolution = P(), P(), P()
    assert lib.materia_taxonomy_builtin(ctypes.byref(taxonomy), b"fintech-2024") == 0
    assert lib.materia_normalizer_create(ctypes.byref(normalizer), taxonomy, b'{"candidates":4}') == 0
    names = ["客户服务体系", "數據安全與隱私保護", "火星殖民"]
    expected = json.loads(cli("normalize", "--taxonomy", "fintech-2024", "--candidates", "4",
                              "--format", "json", stdin="\n".join(names) + "\n").stdout)
    for name, want in zip(names, expected):
        assert lib.materia_normalizer_resolve(ctypes.byref(resolution), normalizer, name.encode()) == 0
        assert lib.materia_resolution_to_json(resolution, ctypes.byref(out), ctypes.byref(length)) == 0
        assert json.loads(take_text(lib, out, length)) == want
        lib.materia_resolution_free(resolution)
    lib.materia_normalizer_free(normalizer)
    lib.materia_taxonomy_free(taxonomy)
