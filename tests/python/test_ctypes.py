"""libmateria.so called directly through ctypes, as an R, Go, C# or Excel caller would."""

import ctypes
import json
import math
import os

import pytest

import materia
from materia import _core


P = ctypes.c_void_p
SIZE = ctypes.c_size_t
TEXT_OUT = [ctypes.POINTER(P), ctypes.POINTER(SIZE)]
ISSUES, TOPICS, META, WARNINGS = 0, 1, 2, 3
NULL, INTEGER, DOUBLE, TEXT = 0, 1, 2, 3


@pytest.fixture(scope="module")
def lib():
    path = os.environ.get("MATERIA_LIBRARY", "")
    assert path and os.path.exists(path), "ctest passes MATERIA_LIBRARY=build/libmateria.so"
    lib = ctypes.CDLL(path)
    cell = [P, ctypes.c_int, SIZE, SIZE]
    for name, restype, argtypes in [
        ("materia_version_number", ctypes.c_uint, []),
        ("materia_last_error", ctypes.c_char_p, []),
        ("materia_status_string", ctypes.c_char_p, [ctypes.c_int]),
        ("materia_config_threads", ctypes.c_int, [ctypes.c_uint]),
        ("materia_dataset_sample", ctypes.c_int, [ctypes.POINTER(P), ctypes.c_char_p]),
        ("materia_dataset_parse", ctypes.c_int,
         [ctypes.POINTER(P), ctypes.c_char_p, SIZE, ctypes.c_char_p, ctypes.c_char_p]),
        ("materia_analyze", ctypes.c_int, [ctypes.POINTER(P), P, ctypes.c_char_p]),
        ("materia_result_row_count", SIZE, [P, ctypes.c_int]),
        ("materia_result_column_count", SIZE, [P, ctypes.c_int]),
        ("materia_result_column_name", ctypes.c_char_p, [P, ctypes.c_int, SIZE]),
        ("materia_result_column_index", ctypes.c_int, [P, ctypes.c_int, ctypes.c_char_p]),
        ("materia_result_column_type", ctypes.c_int, cell),
        ("materia_result_double", ctypes.c_double, cell),
        ("materia_result_int", ctypes.c_int64, cell),
        ("materia_result_text", ctypes.c_char_p, cell),
        ("materia_result_to_json", ctypes.c_int, [*TEXT_OUT, P]),
        ("materia_free", None, [P]),
        ("materia_result_free", None, [P]),
        ("materia_dataset_free", None, [P]),
    ]:
        function = getattr(lib, name)
        function.restype, function.argtypes = restype, argtypes
    return lib


def test_version(lib):
    major, minor, patch = (int(x) for x in materia.__version__.split("."))
    assert lib.materia_version_number() == major * 10000 + minor * 100 + patch


def read_cell(lib, result, table, row, column):
    kind = lib.materia_result_column_type(result, table, row, column)
    if kind == NULL:
        assert lib.materia_result_text(result, table, row, column) is None
        assert math.isnan(lib.materia_result_double(result, table, row, column))
        return None
    if kind == INTEGER:
        return lib.materia_result_int(result, table, row, column)
    if kind == DOUBLE:
        return lib.materia_result_double(result, table, row, column)
    assert kind == TEXT
    return lib.materia_result_text(result, table, row, column).decode()


def read_table(lib, result, table):
    """The table as a list of {column: value} rows, in the library's order."""
    columns = [lib.materia_result_column_name(result, table, c).decode()
               for c in range(lib.materia_result_column_count(result, table))]
    for c, name in enumerate(columns):
        assert lib.materia_result_column_index(result, table, name.encode()) == c
    return columns, [{name: read_cell(lib, result, table, r, c) for c, name in enumerate(columns)}
                     for r in range(lib.materia_result_row_count(result, table))]


def json_value(document, location):
    """The value at a field's location ("rank_interval/0"), or None when the JSON lacks it."""
    for key in location.split("/"):
        if isinstance(document, list):
            document = document[int(key)] if int(key) < len(document) else None
        elif isinstance(document, dict):
            document = document.get(key)
        if document is None:
            return None
    return document


def as_cell(value):
    """A JSON value as the C API's cell holds it: booleans 0/1, arrays their JSON text."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, list):
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return value


def expect_table_matches(columns, rows, records, fields):
    by_name = {field["name"]: field for field in fields}
    assert len(rows) == len(records)
    for row, record in zip(rows, records):
        for name in columns:
            want = as_cell(json_value(record, by_name[name]["location"]))
            got = row[name]
            if isinstance(want, float) and isinstance(got, float):
                assert got == want, name  # the same double, printed and read back
            elif isinstance(want, str) and want.startswith("["):
                assert json.loads(got) == json.loads(want), name
            else:
                assert got == want, name


@pytest.mark.parametrize("options", [
    {"method": "attention", "tiers": "quantile:4"},
    {"method": "rra", "bootstrap": 30, "seed": 3, "leave_one_out": True, "composite_top": 29},
    {"method": "kemeny", "tiers": "counts:10,20"},
])
def test_every_cell_of_every_table_is_the_json(lib, options):
    """The tables hold exactly what the JSON holds: every column of every row, NULL where the
    JSON has null or nothing; column names and order are the field table's."""
    dataset, result = P(), P()
    assert lib.materia_dataset_sample(ctypes.byref(dataset), b"fintech-2024") == 0
    assert lib.materia_analyze(ctypes.byref(result), dataset, json.dumps(options).encode()) == 0
    text, length = P(), SIZE()
    assert lib.materia_result_to_json(ctypes.byref(text), ctypes.byref(length), result) == 0
    document = json.loads(take_text(lib, text, length))

    columns, rows = read_table(lib, result, ISSUES)
    issue_fields = [f for f in _core.issue_fields() if f["type"] not in ("issue_rows", "topic_rows")]
    assert columns == [f["name"] for f in issue_fields]
    expect_table_matches(columns, rows, document["issues"], issue_fields)
    assert [row["rank"] for row in rows] == sorted(row["rank"] for row in rows)  # rank order

    columns, rows = read_table(lib, result, TOPICS)
    assert columns == [f["name"] for f in _core.topic_fields()]
    expect_table_matches(columns, rows, document["topics"], _core.issue_fields())
    assert len(rows) > 0

    columns, rows = read_table(lib, result, META)
    meta_fields = [f for f in _core.result_fields()
                   if f["type"] not in ("issue_rows", "topic_rows") and f["name"] != "warnings"]
    assert columns == [f["name"] for f in meta_fields]
    expect_table_matches(columns, rows, [document], meta_fields)

    columns, rows = read_table(lib, result, WARNINGS)
    assert columns == ["warning"]
    assert [row["warning"] for row in rows] == document["warnings"]
    lib.materia_result_free(result)
    lib.materia_dataset_free(dataset)


def test_sample_through_ctypes_matches_python(lib):
    dataset, result = P(), P()
    assert lib.materia_dataset_sample(ctypes.byref(dataset), b"fintech-2024") == 0
    options = json.dumps({"method": "attention", "tiers": "quantile:4"}).encode()
    assert lib.materia_analyze(ctypes.byref(result), dataset, options) == 0
    assert lib.materia_result_row_count(result, ISSUES) == 91
    expected = materia.analyze(materia.Dataset.sample(), method="attention", tiers="quantile:4")
    _, rows = read_table(lib, result, ISSUES)
    for column in ("id", "score", "tier", "rank"):
        assert [row[column] for row in rows] == list(expected.issues[column])
    text, length = P(), SIZE()
    assert lib.materia_result_to_json(ctypes.byref(text), ctypes.byref(length), result) == 0
    assert take_text(lib, text, length) == expected.to_json() + "\n"
    lib.materia_result_free(result)
    lib.materia_dataset_free(dataset)
    lib.materia_result_free(None)  # NULL is a no-op


def test_errors_through_ctypes(lib):
    dataset, result = P(), P()
    bad = b'{"companies": ['
    assert lib.materia_dataset_parse(ctypes.byref(dataset), bad, len(bad), None, None) == -3
    assert dataset.value is None
    assert b"invalid JSON" in lib.materia_last_error()
    assert lib.materia_status_string(-3) == b"input error"
    assert lib.materia_status_string(-6) == b"not found"
    assert lib.materia_dataset_sample(ctypes.byref(dataset), b"fintech-2024") == 0
    assert lib.materia_analyze(ctypes.byref(result), dataset, b'{"method":"nope"}') == -2
    assert b'unknown method "nope"' in lib.materia_last_error()
    assert lib.materia_analyze(ctypes.byref(result), dataset, None) == 0
    assert lib.materia_result_column_index(result, ISSUES, b"no_such_column") == -6
    assert b'no column "no_such_column"' in lib.materia_last_error()
    assert lib.materia_result_column_index(result, 9, b"id") == -6
    assert lib.materia_config_threads(1) == 0
    lib.materia_result_free(result)
    lib.materia_dataset_free(dataset)


def take_text(lib, pointer, length):
    text = ctypes.string_at(pointer, length.value).decode()
    lib.materia_free(pointer)
    return text


def test_c_entries_print_what_the_cli_prints(lib, cli, tmp_path):
    """explain, agreement and normalize through the C API give the CLI's JSON text; breaks the
    CLI's breaks and classes."""
    out, length = P(), SIZE()
    lib.materia_result_explain.argtypes = [*TEXT_OUT, P, ctypes.c_char_p]
    lib.materia_result_agreement.argtypes = [*TEXT_OUT, P, SIZE]
    lib.materia_natural_breaks.argtypes = [
        ctypes.POINTER(ctypes.c_int), ctypes.POINTER(ctypes.c_double), SIZE, ctypes.POINTER(SIZE),
        ctypes.POINTER(ctypes.c_double), ctypes.POINTER(ctypes.c_double), SIZE, ctypes.c_char_p,
        ctypes.c_int, ctypes.c_double]
    lib.materia_taxonomy_builtin.argtypes = [ctypes.POINTER(P), ctypes.c_char_p]
    lib.materia_normalizer_create.argtypes = [ctypes.POINTER(P), P, ctypes.c_char_p]
    lib.materia_normalizer_resolve.argtypes = [
        ctypes.POINTER(SIZE), ctypes.POINTER(ctypes.c_int), ctypes.POINTER(ctypes.c_double),
        *TEXT_OUT, P, ctypes.c_char_p]
    for name in ("materia_taxonomy_free", "materia_normalizer_free"):
        getattr(lib, name).argtypes = [P]

    dataset, result = P(), P()
    assert lib.materia_dataset_sample(ctypes.byref(dataset), b"fintech-2024") == 0
    options = {"method": "borda-normalized", "bootstrap": 25, "seed": 2, "leave_one_out": True}
    flags = ["--bootstrap", "25", "--seed", "2", "--leave-one-out"]
    assert lib.materia_analyze(ctypes.byref(result), dataset, json.dumps(options).encode()) == 0
    lib.materia_dataset_free(dataset)  # the result keeps its own copy for explain
    for issue in ("客户服务", "科技创新"):
        assert lib.materia_result_explain(ctypes.byref(out), ctypes.byref(length), result,
                                          issue.encode()) == 0
        expected = cli("explain", "--sample", "fintech-2024", issue, *flags, "--format", "json")
        assert take_text(lib, out, length) == expected.stdout
    assert lib.materia_result_agreement(ctypes.byref(out), ctypes.byref(length), result, 5) == 0
    expected = cli("agreement", "--sample", "fintech-2024", "--show", "5", "--format", "json")
    assert take_text(lib, out, length) == expected.stdout
    lib.materia_result_free(result)

    values = [3.5, 1, 1, 2, 8, 13, 21, 0.25, 34, 55, 89, 2]
    (tmp_path / "v.txt").write_text("\n".join(map(str, values)))
    array = (ctypes.c_double * len(values))(*values)
    classes, breaks = (ctypes.c_int * len(values))(), (ctypes.c_double * 16)()
    count, gvf = SIZE(), ctypes.c_double()
    for method in (b"fisher", b"jenks", b"quantile", b"equal", b"headtail"):
        assert lib.materia_natural_breaks(classes, breaks, 16, ctypes.byref(count), ctypes.byref(gvf),
                                          array, len(values), method, 4, 0.4) == 0
        expected = json.loads(cli("breaks", str(tmp_path / "v.txt"), "--method", method.decode(),
                                  "--classes", "4", "--format", "json").stdout)
        assert list(breaks[:count.value]) == expected["breaks"]
        assert list(classes) == expected["classes"]
        assert gvf.value == expected["gvf"]

    taxonomy, normalizer = P(), P()
    index, match, score = SIZE(), ctypes.c_int(), ctypes.c_double()
    assert lib.materia_taxonomy_builtin(ctypes.byref(taxonomy), b"fintech-2024") == 0
    assert lib.materia_normalizer_create(ctypes.byref(normalizer), taxonomy, b'{"candidates":4}') == 0
    names = ["客户服务体系", "數據安全與隱私保護", "火星殖民"]
    expected = json.loads(cli("normalize", "--taxonomy", "fintech-2024", "--candidates", "4",
                              "--format", "json", stdin="\n".join(names) + "\n").stdout)
    for name, want in zip(names, expected):
        assert lib.materia_normalizer_resolve(ctypes.byref(index), ctypes.byref(match),
                                              ctypes.byref(score), ctypes.byref(out),
                                              ctypes.byref(length), normalizer, name.encode()) == 0
        assert json.loads(take_text(lib, out, length)) == want
        assert score.value == want["score"]
        assert match.value == ["exact", "alias", "fuzzy", "unmatched"].index(want["match"])
        assert (index.value == 2**64 - 1) == (want["id"] is None)
    lib.materia_normalizer_free(normalizer)
    lib.materia_taxonomy_free(taxonomy)
