"""Python that feels like pandas: warnings with categories, errors in Python terms, numpy inputs,
nan_policy, Dataset.to_frame and typed Result properties."""

import inspect
import json
import re
import warnings

import numpy as np
import pandas as pd
import pytest

import materia
from materia import _core

# "Custmer service" is merged fuzzily into customer-service (tests/cpp/test_normalize.cpp).
FUZZY = pd.DataFrame({"firm": ["F1", "F1", "F2", "F2", "F3"],
                      "issue": ["客户服务", "风险管理", "Custmer service", "數據安全與隱私保護",
                                "Custmer service"]})


def fuzzy_dataset():
    return materia.Dataset.from_dataframe(FUZZY, taxonomy="fintech-2024")


def no_cli_flags(text):
    assert not re.search(r"--[a-z]", text), text


# ---- warnings
def test_warning_classes():
    assert issubclass(materia.MatchWarning, materia.MateriaWarning)
    assert issubclass(materia.AnalysisWarning, materia.MateriaWarning)
    assert issubclass(materia.MateriaWarning, UserWarning)
    assert not issubclass(materia.MatchWarning, materia.AnalysisWarning)


def test_fuzzy_match_is_a_match_warning_in_python_terms():
    with pytest.warns(materia.MatchWarning) as record:
        r = materia.analyze(fuzzy_dataset(), tiers="quantile:2")
    assert len(record) == 1
    message = str(record[0].message)
    assert message.startswith('name "Custmer service" (firms F2, F3) was matched fuzzily to "客户服务"')
    assert "pass strict=True" in message and "aliases=" in message
    no_cli_flags(message)
    assert record[0].filename == __file__  # points at the caller of analyze()
    assert r.warnings == [message] and r.warning_kinds == ["fuzzy_match"]
    # the JSON stays the CLI's
    assert "run with --strict" in json.loads(r.to_json())["warnings"][0]


def test_warnings_can_be_filtered_as_errors():
    with warnings.catch_warnings():
        warnings.simplefilter("error", materia.MatchWarning)
        with pytest.raises(materia.MatchWarning, match="matched fuzzily"):
            materia.analyze(fuzzy_dataset(), tiers="quantile:2")


def test_strict_makes_the_fuzzy_match_an_error_in_python_terms():
    with pytest.raises(materia.Error) as caught:
        materia.analyze(fuzzy_dataset(), tiers="quantile:2", strict=True)
    message = str(caught.value)
    assert 'issue "Custmer service": matches "客户服务" only fuzzily' in message
    assert "strict=True needs an exact or alias match (add one with aliases=)" in message
    no_cli_flags(message)
    assert (caught.value.kind, caught.value.firm, caught.value.issue) == ("input", "F2", "Custmer service")
    # an alias confirms it: no warning, no error
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        r = materia.analyze(fuzzy_dataset(), tiers="quantile:2", strict=True,
                            aliases=[{"name": "Custmer service", "target": "customer-service"}])
    assert r.warnings == []


def test_cli_keeps_its_wording(cli, tmp_path):
    path = tmp_path / "fuzzy.csv"
    FUZZY.to_csv(path, index=False)
    out = cli("analyze", str(path), "--taxonomy", "fintech-2024", "--tiers", "quantile:2")
    assert out.returncode == 0, out.stderr
    assert "confirm with an alias or run with --strict" in out.stderr
    out = cli("analyze", str(path), "--taxonomy", "fintech-2024", "--tiers", "quantile:2", "--strict")
    assert out.returncode != 0 and "--strict needs an exact or alias match" in out.stderr


def test_unmatched_name_error_names_python_parameters():
    frame = pd.DataFrame({"firm": ["A", "A"], "issue": ["科技创薪", "ESG治理"]})
    with pytest.raises(materia.Error) as caught:
        materia.analyze(materia.Dataset.from_dataframe(frame, taxonomy="fintech-2024"))
    message = str(caught.value)
    assert 'names no issue of taxonomy "fintech-2024"' in message
    assert 'add one with aliases=, or pass taxonomy="none"' in message
    no_cli_flags(message)


def test_other_warnings_are_analysis_warnings(sample):
    with pytest.warns(materia.AnalysisWarning) as record:
        r = materia.analyze(sample, composite_top=10)
    assert [str(w.message) for w in record] == [
        "the composite top 10 cuts through the 4 issues with attention 18; ties broken by score"]
    assert not any(issubclass(w.category, materia.MatchWarning) for w in record)
    assert r.warning_kinds == ["composite_tie"]
    with pytest.raises(materia.Error, match=r"the composite top 10 cuts through .*"
                       r"\(strict=True turns warnings into errors\)"):
        materia.analyze(sample, composite_top=10, strict=True)


def test_zero_weight_firm_warns():
    frame = pd.DataFrame({"firm": ["A", "A", "B", "B"], "issue": ["科技创新", "公司治理"] * 2,
                          "rank": [1, 2, 2, 1], "weight": [1, 1, 0, 0]})
    with pytest.warns(materia.AnalysisWarning, match='firm "B" has weight 0 and does not count'):
        r = materia.analyze(materia.Dataset.from_dataframe(frame, taxonomy="fintech-2024"))
    assert r.warning_kinds == ["zero_weight"]


def test_no_warning_on_the_sample(sample):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert materia.analyze(sample).warnings == []


def test_option_errors_name_the_parameter(sample):
    with pytest.raises(materia.Error, match=r'universe=5 is smaller than'):
        materia.analyze(sample, universe=5)
    with pytest.raises(materia.Error, match=r'option "seed" must be a number, not string'):
        materia.analyze(sample, bootstrap=2, seed="one")
    with pytest.raises(materia.Error, match=r"seed= must be a number, text, boolean or list, not object"):
        materia.analyze(sample, seed=object())


# ---- numbers from numpy
def test_numpy_scalars_are_numbers(sample):
    with pytest.warns(materia.AnalysisWarning, match="composite top 30"):
        plain = materia.analyze(sample, bootstrap=20, seed=7, composite_top=30,
                                stakeholder_threshold=0.5, business_threshold=0.625)
    with pytest.warns(materia.AnalysisWarning, match="composite top 30"):  # as with plain numbers
        numpy = materia.analyze(sample, bootstrap=np.int64(20), seed=np.uint32(7),
                                composite_top=np.int32(30), stakeholder_threshold=np.float32(0.5),
                                business_threshold=np.float64(0.625))
    assert numpy.bootstrap_seed == 7 and numpy.bootstrap_replicates == 20
    assert numpy.to_json() == plain.to_json()
    with pytest.raises(materia.Error, match='option "seed" must be finite'):
        materia.analyze(sample, seed=np.float64("nan"))


def test_numpy_arrays_are_lists():
    values = np.array([1, 2, 4, 8, 9, 10], dtype=np.int64)
    breaks = materia.natural_breaks(values, np.int64(2), threshold=np.float32(0.4))
    assert breaks.breaks == [1.0, 6.0, 10.0]
    assert materia.stats.kendall_tau_b(np.array([1, 2, 3, 4]), np.array([1, 3, 2, 4])) == pytest.approx(2 / 3)
    rows = {"taxonomy": "fintech-2024", "companies": [
        {"id": "A", "weight": np.float32(2), "issues": [{"name": "科技创新", "rank": np.int64(1)},
                                                       {"name": "公司治理", "rank": np.float64(2)}]},
        {"id": "B", "issues": [{"name": "公司治理", "rank": np.int8(1)}, {"name": "科技创新", "rank": 2}]}]}
    d = materia.Dataset.from_json(rows)
    assert list(d.firms["weight"]) == [2.0, 1.0]
    assert list(d.to_frame()["rank"]) == [1.0, 2.0, 1.0, 2.0]
    frame = pd.DataFrame({"firm": ["A", "A"], "issue": ["科技创新", "公司治理"],
                          "rank": np.array([1, 2], dtype=np.int32)})
    assert list(materia.Dataset.from_dataframe(frame).to_frame()["rank"]) == [1.0, 2.0]


# ---- NaN
def nan_dict():
    return {"taxonomy": "fintech-2024", "companies": [
        {"id": "A", "issues": [{"name": "科技创新", "rank": 1}, {"name": "公司治理", "rank": float("nan")}]},
        {"id": "B", "issues": [{"name": "公司治理", "rank": 1}, {"name": "科技创新", "rank": 2}]}]}


def test_nan_in_a_dict_raises_naming_where():
    with pytest.raises(materia.Error) as caught:
        materia.Dataset.from_json(nan_dict())
    message = str(caught.value)
    assert "NaN in (firm 'A', issue '公司治理', column rank) of companies[0].issues[1]" in message
    assert 'nan_policy="omit"' in message and "invalid JSON" not in message
    assert (caught.value.firm, caught.value.issue) == ("A", "公司治理")


def test_nan_in_a_dict_omitted_with_a_warning():
    with pytest.warns(materia.AnalysisWarning, match=r'nan_policy="omit" dropped 1 entry with NaN: '
                      r"\(firm 'A', issue '公司治理', column rank\)"):
        d = materia.Dataset.from_json(nan_dict(), nan_policy="omit")
    assert list(d.firms["entries"]) == [1, 2]


def test_firm_with_all_ranks_nan_no_longer_falls_back_to_list_order():
    frame = pd.DataFrame({"firm": ["A", "A", "B", "B"], "issue": ["科技创新", "公司治理"] * 2,
                          "rank": [np.nan, np.nan, 1, 2]})
    with pytest.raises(materia.Error) as caught:
        materia.Dataset.from_dataframe(frame, taxonomy="fintech-2024")
    message = str(caught.value)
    assert message.startswith("NaN in row 0 (firm 'A', issue '科技创新', column rank) and 1 other row(s)")
    assert 'nan_policy="omit"' in message
    with pytest.warns(materia.AnalysisWarning, match="dropped 2 entries with NaN: row 0 .*; row 1 "):
        d = materia.Dataset.from_dataframe(frame, taxonomy="fintech-2024", nan_policy="omit")
    assert list(d.firms["id"]) == ["B"]


def test_nan_beside_a_complete_value_is_not_given():
    frame = pd.DataFrame({"firm": ["A", "A", "B", "B"], "issue": ["科技创新", "公司治理"] * 2,
                          "rank": [1, 2, np.nan, np.nan], "stakeholder": [np.nan, np.nan, 4.0, 3.0],
                          "business": [np.nan, np.nan, 3.0, 4.5]})
    d = materia.Dataset.from_dataframe(frame, taxonomy="fintech-2024")
    back = d.to_frame()
    assert list(back["rank"].fillna(-1)) == [1, 2, -1, -1]
    assert list(back["business"].fillna(-1)) == [-1, -1, 3.0, 4.5]
    # one coordinate without the other is a NaN error naming the missing column
    frame.loc[3, "business"] = np.nan
    with pytest.raises(materia.Error, match=r"NaN in row 3 \(firm 'B', issue '公司治理', column business\)"):
        materia.Dataset.from_dataframe(frame, taxonomy="fintech-2024")


def test_unknown_nan_policy():
    with pytest.raises(materia.Error, match="nan_policy must be one of 'raise', 'omit', not 'drop'"):
        materia.Dataset.from_dataframe(FUZZY, nan_policy="drop")


# ---- errors in Python terms
def test_empty_frame():
    with pytest.raises(materia.Error) as caught:
        materia.Dataset.from_dataframe(pd.DataFrame(columns=["firm", "issue", "rank"]))
    assert str(caught.value).startswith("frame is empty: it has no rows (columns: firm, issue, rank")
    assert "CSV" not in str(caught.value)


def test_list_instead_of_a_frame():
    with pytest.raises(materia.Error, match=r"Dataset.from_dataframe\(\) needs frame as a pandas "
                       r"DataFrame, not list \(build one with pandas.DataFrame\(rows\)"):
        materia.Dataset.from_dataframe([{"firm": "A", "issue": "科技创新"}])
    with pytest.raises(materia.Error, match="analyze.. needs a materia.Dataset as dataset, not DataFrame"):
        materia.analyze(FUZZY)
    with pytest.raises(materia.Error, match="needs a file path or a dict .*, not DataFrame"):
        materia.Dataset.from_json(FUZZY)


def test_unknown_and_missing_columns():
    frame = FUZZY.assign(rnk=1)
    with pytest.raises(materia.Error) as caught:
        materia.Dataset.from_dataframe(frame)
    assert str(caught.value).startswith("frame has unknown column 'rnk' (known columns: firm, issue, rank, ")
    with pytest.raises(materia.Error, match=r"frame needs a firm column \(firm, company, firm_id\) and an "
                       r"issue column \(issue, name\); it has firm, rank"):
        materia.Dataset.from_dataframe(pd.DataFrame({"firm": ["A"], "rank": [1]}))


def test_wrong_types_in_a_number_column():
    frame = FUZZY.assign(rank=[1, 2, "first", 2, 1])
    with pytest.raises(materia.Error, match=r"column 'rank' must hold numbers: row 2 \(firm 'F2', issue "
                       r"'Custmer service'\) has str 'first'"):
        materia.Dataset.from_dataframe(frame)


def test_explain_and_listings_need_a_name(result):
    with pytest.raises(materia.Error) as caught:
        result.explain(3)
    message = str(caught.value)
    assert message.startswith("Result.explain() needs issue as a str")
    assert message.endswith("not int 3") and "_core" not in message
    with pytest.raises(materia.Error, match=r"Result.listings\(\) needs issue_id as a str"):
        result.listings(None)
    with pytest.raises(materia.Error, match=r"natural_breaks|k \(the number of classes\)"):
        materia.natural_breaks([1, 2, 3], 2.5)


# ---- Dataset.to_frame
def test_to_frame_of_the_sample(sample):
    frame = sample.to_frame()
    assert list(frame.columns) == ["firm", "issue", "stakeholder", "business", "scale_min", "scale_max",
                                   "firm_name", "segment"]
    assert len(frame) == sum(sample.firms["entries"])
    assert frame.attrs["taxonomy"] == "fintech-2024"
    first = sample._core.entries[0]
    assert (frame.loc[0, "firm"], frame.loc[0, "issue"], frame.loc[0, "stakeholder"]) == (
        first["firm"], first["issue"], first["stakeholder"])
    assert frame.loc[0, "firm_name"] == sample.firms.loc[0, "name"]


def test_to_frame_round_trip(sample, result):
    frame = sample.to_frame()
    again = materia.Dataset.from_frame(frame)
    pd.testing.assert_frame_equal(again.to_frame(), frame)
    assert json.loads(materia.analyze(again).to_json())["issues"] == json.loads(result.to_json())["issues"]


def test_to_frame_round_trip_with_ranks_levels_and_attributes():
    rows = {"taxonomy": "fintech-2024", "companies": [
        {"id": "A", "name": "Alpha", "segment": "bank", "weight": 2.5, "unlisted": "not_assessed",
         "issues": [{"name": "科技创新", "rank": 1}, {"name": "公司治理", "rank": 2}]},
        {"id": "B", "issues": [{"name": "公司治理", "level": 5}, {"name": "科技创新", "level": 3}]}]}
    d = materia.Dataset.from_json(rows)
    frame = d.to_frame()
    assert list(frame.columns) == ["firm", "issue", "rank", "level", "firm_name", "segment", "weight",
                                   "unlisted"]
    assert list(frame["level"].astype("float").fillna(0)) == [0, 0, 5, 3]
    assert list(frame["weight"]) == [2.5, 2.5, 1.0, 1.0]
    assert list(frame["unlisted"]) == ["not_assessed", "not_assessed", "bottom", "bottom"]
    again = materia.Dataset.from_dataframe(frame)
    pd.testing.assert_frame_equal(again.to_frame(), frame)
    assert materia.analyze(again).to_json() == materia.analyze(d).to_json().replace("<dict>", "<DataFrame>")


# ---- typed Result properties
RESULT_SCALARS = ["method", "tiers", "taxonomy", "taxonomy_version", "companies", "universe",
                  "higher_is_better", "tier_breaks", "gvf", "stakeholder_threshold",
                  "business_threshold", "axis_aggregation", "threshold_rule", "material_rule",
                  "borderline_band", "roll_up", "composite_top", "composite_cut_attention",
                  "composite_attention_threshold", "composite_importance_threshold",
                  "bootstrap_replicates", "bootstrap_seed", "leave_one_out", "synthetic_input", "dropped_names",
                  "warnings", "warning_kinds"]
TYPES = {"string": "str", "integer": "int", "number": "float", "boolean": "bool",
         "numbers": "list[float]", "strings": "list[str]"}


def test_result_properties_are_typed_and_documented(result):
    fields = {f["name"]: f for f in _core.result_fields()}
    for name in RESULT_SCALARS:
        prop = inspect.getattr_static(materia.Result, name)
        assert isinstance(prop, property), name
        annotation = prop.fget.__annotations__.get("return")
        assert annotation, name
        doc = " ".join(prop.__doc__.split())
        assert doc and doc[0].isupper() or doc.startswith(("N,", "B,", "``")), (name, doc)
        if name in fields and name not in ("bootstrap_replicates", "bootstrap_seed", "warnings",
                                           "dropped_names"):
            assert annotation == TYPES[fields[name]["type"]], name
            # the docstring is the field table's (docs/format.md), in Python terms
            table = " ".join(materia._errors.python_terms(fields[name]["doc"]).replace("`", "``").split())
            assert table.startswith(doc.split(";")[0].rstrip(".")), (name, doc, table)
        value = getattr(result, name)
        assert isinstance(value, {"str": str, "int": int, "float": float, "bool": bool}.get(
            str(annotation).split("[")[0], list)), name
    assert result.method == "borda-normalized" and result.companies == 23
    assert "``method=``" in inspect.getattr_static(materia.Result, "method").__doc__


def test_a_flag_and_its_value_read_as_a_python_keyword(sample):
    # "--method rra" is the keyword method="rra"; a word after a flag that is not its value stays
    with pytest.raises(materia.Error) as caught:
        materia.analyze(sample, rra_exact=True)
    assert 'apply to method="rra" only' in str(caught.value)
    assert "--" not in str(caught.value)
    with pytest.raises(materia.Error, match="pl_prior= applies to method=\"plackett-luce\" only"):
        materia.analyze(sample, pl_prior=0.5)


def test_no_taxonomy_warning_is_worded_for_python():
    data = {"companies": [{"id": "F1", "issues": [{"name": "Data security and privacy protection"}]},
                          {"id": "F2", "issues": [{"name": "数据安全与隐私保护"}]}]}
    with pytest.warns(materia.MatchWarning, match="the dataset has no taxonomy") as record:
        r = materia.analyze(materia.Dataset.from_json(data), tiers="quantile:2")
    assert len(r.issues) == 2  # two spellings of one issue stay apart without a taxonomy
    # both names are each one firm's only issue: equal scores, so quantile:2 gives one tier
    assert r.warning_kinds == ["fewer_tiers", "no_taxonomy"]
    message = str(next(w.message for w in record if "no taxonomy" in str(w.message)))
    assert 'pass taxonomy="fintech-2024"' in message and message.endswith("with aliases=")
    assert "--taxonomy" not in message and "--aliases" not in message
    with_taxonomy = materia.analyze(materia.Dataset.from_json(data, taxonomy="fintech-2024"),
                                    tiers="counts:1")
    assert len(with_taxonomy.issues) == 1 and with_taxonomy.warnings == []
