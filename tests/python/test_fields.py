"""The field table (include/materia/output/fields.hpp) as Python sees it: the DataFrame columns,
the CSV header, the Result attributes and the type stubs follow it."""

import ast
import math
import os

import pytest

import materia
from materia import _core

# The Python annotation of each field type.
STUB_TYPES = {"string": "str", "integer": "int", "number": "float", "boolean": "bool",
              "strings": "list[str]", "numbers": "list[float]"}
DTYPES = {"integer": "int64", "number": "float64", "boolean": "bool"}


@pytest.fixture(scope="module")
def full(sample):
    """The sample with kemeny, a bootstrap and leave-one-out: every optional field written."""
    return materia.analyze(sample, method="kemeny", bootstrap=12, seed=5, leave_one_out=True)


def stub_properties(class_name):
    """{property: its return annotation} of a class of _core.pyi."""
    path = os.path.join(os.path.dirname(_core.__file__), "_core.pyi")
    tree = ast.parse(open(path, encoding="utf-8").read())
    for node in tree.body:
        if isinstance(node, ast.ClassDef) and node.name == class_name:
            return {n.name: ast.unparse(n.returns) for n in node.body
                    if isinstance(n, ast.FunctionDef)
                    and any(ast.unparse(d) == "property" for d in n.decorator_list)}
    raise AssertionError(f"_core.pyi has no class {class_name}")


def test_tables_describe_each_field():
    for table in (_core.result_fields(), _core.issue_fields(), _core.topic_fields()):
        names = [f["name"] for f in table]
        assert len(names) == len(set(names))
        for f in table:
            assert set(f) == {"name", "location", "type", "unit", "doc", "presence", "nullable"}
            assert f["doc"] and f["location"]
            assert f["type"] in STUB_TYPES or f["type"] in ("issue_rows", "topic_rows")
    issue = [f["name"] for f in _core.issue_fields()]
    topic = [f["name"] for f in _core.topic_fields()]
    assert topic == ["id", "name", "name_en", "category", "attention", "attention_share", "score",
                     "rank", "rank_mid", "tier", "importance", "stakeholder", "business",
                     "quadrant", "merged_names", "material", "borderline", "composite",
                     "above_next_p", "children"]
    assert [name for name in issue if name in topic] == topic  # in the issues' order
    assert issue[:3] == ["id", "name", "name_en"] and issue[-2:] == ["parent", "children"]
    assert all(f["presence"] == "" for f in _core.topic_fields())
    by_name = {f["name"]: f for f in _core.result_fields()}
    assert by_name["stakeholder_threshold"]["location"] == "thresholds/stakeholder"
    assert by_name["bootstrap_seed"]["presence"] == "With a bootstrap"


def test_stub_types_of_result_properties_are_the_tables():
    stubbed = stub_properties("Result")
    fields = {f["name"]: f for f in _core.result_fields()}
    bound = [name for name in fields if hasattr(_core.Result, name)]
    assert len(bound) >= 25  # method ... synthetic_input
    for name in bound:
        assert name in stubbed, f"_core.pyi: Result.{name} is missing"
        assert stubbed[name] == STUB_TYPES[fields[name]["type"]], name
    # and the values _core gives have those types
    r = materia.analyze(materia.Dataset.sample("fintech-2024"))
    python_types = {"string": str, "integer": int, "number": float, "boolean": bool,
                    "strings": list, "numbers": list}
    for name in bound:
        assert isinstance(getattr(r._core, name), python_types[fields[name]["type"]]), name


def test_result_attributes_read_the_tables_fields(full):
    data = full.to_dict()
    for f in _core.result_fields():
        if not hasattr(_core.Result, f["name"]):
            continue
        assert hasattr(full, f["name"]), f["name"]
        attribute = getattr(full, f["name"])
        if f["presence"] and f["location"].split("/")[0] not in data:
            assert not attribute, f["name"]  # a conditional field left out holds nothing
            continue
        value = data
        for key in f["location"].split("/"):
            value = value[key]
        if f["type"] == "number" and value is None:
            assert math.isnan(attribute), f["name"]
        else:
            assert attribute == value, f["name"]


@pytest.mark.parametrize("part", ["issues", "topics"])
def test_frame_columns_are_the_tables_fields(full, part):
    table = _core.issue_fields()  # topics have the same columns
    frame = getattr(full, part)
    assert len(frame) > 0
    names = [f["name"] for f in table]
    tiers = max(len(p) for p in frame["tier_probability"])
    assert tiers == (3 if part == "issues" else 0)  # topics are not resampled
    assert list(frame.columns) == names + [f"p_tier_{t}" for t in range(1, tiers + 1)]
    for f in table:
        if f["type"] in DTYPES:
            assert str(frame[f["name"]].dtype) == DTYPES[f["type"]], f["name"]
    rows = full.to_dict()[part]
    # nested fields come from where the table says
    def present(column):
        return [None if math.isnan(x) else x for x in frame[column]]

    assert present("rank_low") == [r["rank_interval"][0] if "rank_interval" in r else None
                                   for r in rows]
    assert present("influential_shift") == [r["influential_firm"]["rank_shift"]
                                            if "influential_firm" in r else None for r in rows]
    if part == "issues":
        assert frame["rank_low"].notna().all() and (frame["influential_firm"] != "").any()
    else:
        assert list(frame["children"]) == [r["children"] for r in rows]
        assert (frame["children"].map(len) > 0).all()


def test_frame_without_the_optional_fields_has_every_column(result):
    issues = result.issues
    assert list(issues.columns) == [f["name"] for f in _core.issue_fields()]
    assert issues["rank_low"].isna().all() and (issues["influential_firm"] == "").all()
    assert (issues["tier_probability"].map(len) == 0).all()


def test_csv_header_is_the_tables(result):
    header = result.to_csv().split("\n", 1)[0]
    assert header.split(",") == _core.csv_columns()
    issue = {f["name"] for f in _core.issue_fields()}
    assert set(_core.csv_columns()) <= issue


def test_markdown_lists_every_field():
    markdown = _core.field_table_markdown()
    for table in (_core.result_fields(), _core.topic_fields()):
        for f in table:
            assert f"| `{f['name']}` |" in markdown
