"""materia.disclosure_statistics, check_published, score, assess and survey: the report's tables
reproduced from the sample firm records, the check's two real inconsistencies, the excellence
rubric equal to the CLI's JSON, errors equal to the CLI's, and the C API through ctypes."""

import ctypes
import json
import os

import pandas as pd
import pytest

import materia
from materia import _core

SOURCE = os.environ.get("MATERIA_SOURCE_DIR", "")
RECORDS = os.path.join(SOURCE, "data/samples/fintech-2024-disclosure.json")
PUBLISHED = os.path.join(SOURCE, "data/published/fintech-2024-published.json")
SCORE_SMALL = os.path.join(SOURCE, "tests/data/score-small.json")
ASSESS_SMALL = os.path.join(SOURCE, "tests/data/assess-small.json")
SURVEY_SMALL = os.path.join(SOURCE, "tests/data/survey-small.json")
PRESET = os.path.join(SOURCE, "data/presets/excellence-2024.json")


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def cli_error(run):
    """The CLI's message without "materia: error: " and the newline, and its exit code."""
    assert run.stderr.startswith("materia: error: "), run.stderr
    return run.stderr[len("materia: error: "):].rstrip("\n"), run.returncode


@pytest.fixture(scope="module")
def stats():
    return materia.disclosure_statistics(sample="fintech-2024")


# ---------------------------------------------------------------------------------------------
# Disclosure statistics


def test_sample_reproduces_the_published_segment_table(stats):
    segments = stats.segments
    assert list(segments["segment"]) == ["it_service_provider", "tech_business_service_provider",
                                         "consumer_finance", "private_bank"]
    assert list(segments["firms"]) == [60, 40, 31, 19]
    assert list(segments["reports"]) == [8, 13, 12, 3]
    assert list(segments["esg"]) == [7, 11, 3, 3]
    assert list(segments["csr"]) == [1, 2, 9, 0]
    assert list(segments["printed"]) == ["13.3%", "32.5%", "38.7%", "15.8%"]
    assert list(segments["rate"]) == [8 / 60, 13 / 40, 12 / 31, 3 / 19]
    assert stats.total["firms"] == 150 and stats.total["reports"] == 36
    assert stats.total["esg"] == 24 and stats.total["csr"] == 12
    assert stats.basis == "esg" and stats.reports == 24


def test_sample_reproduces_the_published_standards_table(stats):
    published = load(PUBLISHED)["standards"]["rows"]
    standards = stats.standards.set_index("standard")
    assert len(standards) == len(published) == 24
    for row in published:
        assert standards.loc[row["standard"], "reports"] == row["reports"], row
        assert standards.loc[row["standard"], "printed"] == row["printed"], row
    assert standards.loc["GRI Standards (GSSB)", "share"] == 18 / 24
    # half up from the exact fraction: 3/24 = 12.5% prints 13%, 1/24 = 4.17% prints 4%
    assert standards.loc["SASB industry standards", "printed"] == "13%"
    assert list(stats.standards["reports"]) == sorted(stats.standards["reports"], reverse=True)


def test_content_shares(stats):
    content = stats.content.set_index("item")
    assert content.loc["assurance", "count"] == 3 and content.loc["assurance", "printed"] == "12.5%"
    assert content.loc["assurance:limited", "count"] == 2
    assert content.loc["strategy", "printed"] == "54.2%"  # 13/24
    assert content.loc["kpi_table", "count"] == 23  # the report prints 83.3%; 23/24 is 95.8%
    assert content.loc["kpi_table", "printed"] == "95.8%"
    assert content.loc["listed", "count"] == 13
    assert (content["share"] == content["count"] / 24).all()
    assert stats.kpi_dimensions["firms"] > 0
    assert stats.kpi_dimensions["min"] <= stats.kpi_dimensions["median"] <= stats.kpi_dimensions["max"]


def test_texts_equal_the_cli(stats, cli):
    for fmt, text in (("json", stats.to_json() + "\n"), ("csv", stats.to_csv()), ("table", str(stats))):
        out = cli("disclosure", "--sample", "fintech-2024", "--format", fmt)
        assert out.returncode == 0, out.stderr
        assert out.stdout == text, fmt
    with_csr = materia.disclosure_statistics(RECORDS, include_csr=True)
    out = cli("disclosure", RECORDS, "--include-csr", "--format", "json")
    assert out.stdout == with_csr.to_json() + "\n"


def test_every_form_of_records_gives_the_same_figures(stats):
    records = materia.FirmRecords.sample()
    assert len(records) == 150 and records.synthetic
    with open(RECORDS, encoding="utf-8") as f:
        text = f.read()
    forms = [RECORDS, materia.FirmRecords.load(RECORDS), text, json.loads(text), records,
             records.firms]
    for form in forms:
        other = materia.disclosure_statistics(form)
        for table in ("standards", "content"):
            pd.testing.assert_frame_equal(getattr(other, table), getattr(stats, table))
        # a DataFrame declares no segments (so no display names): they come in order of
        # appearance, which is the declared order here
        columns = [c for c in stats.segments.columns if c != "name"]
        pd.testing.assert_frame_equal(other.segments[columns], stats.segments[columns])
        assert other.total["reports"] == stats.total["reports"] == 36


def test_dataframe_records_are_live_data(stats):
    firms = materia.FirmRecords.sample().firms
    assert list(firms.columns[:4]) == ["id", "name", "segment", "report"]
    # One more ESG report among the private banks: its rate and the ESG base move by one.
    bank = firms.index[(firms["segment"] == "private_bank") & (firms["report"] == "none")][0]
    firms.loc[bank, "report"] = "ESG"
    firms.at[bank, "standards"] = ["GRI Standards (GSSB)"]
    changed = materia.disclosure_statistics(firms)
    row = changed.segments.set_index("segment").loc["private_bank"]
    assert (row["reports"], row["esg"], row["printed"]) == (4, 4, "21.1%")  # 4/19
    assert changed.reports == 25
    gri = changed.standards.set_index("standard").loc["GRI Standards (GSSB)"]
    assert (gri["reports"], gri["printed"]) == (19, "76%")  # 19/25


def test_include_csr_counts_more_reports(stats):
    wider = materia.disclosure_statistics(sample="fintech-2024", include_csr=True)
    assert wider.basis == "esg+csr" and wider.reports == 36
    narrow = stats.standards.set_index("standard")["reports"]
    wide = wider.standards.set_index("standard")["reports"]
    for standard, count in narrow.items():
        assert wide[standard] >= count  # counting more reports never lowers a count


def test_records_errors_equal_the_cli(tmp_path, cli):
    bad = tmp_path / "firms.json"
    bad.write_text(json.dumps({"firms": [{"id": "F9", "segment": "s", "report": "ESG",
                                          "assurance": "maybe"}]}), encoding="utf-8")
    message, code = cli_error(cli("disclosure", str(bad)))
    assert code == 3
    with pytest.raises(materia.Error) as e:
        materia.disclosure_statistics(str(bad))
    assert str(e.value) == message
    assert e.value.kind == "input" and e.value.firm == "F9"
    assert message.startswith(f'{bad}: firm "F9": ')
    message, code = cli_error(cli("disclosure", str(tmp_path / "missing.json")))
    with pytest.raises(materia.Error) as e:
        materia.disclosure_statistics(tmp_path / "missing.json")
    assert str(e.value) == message and code == 3
    # the same record as a DataFrame names the row as a CSV line would
    frame = pd.DataFrame([{"id": "F9", "segment": "s", "report": "ESG", "assurance": "maybe"}])
    with pytest.raises(materia.Error, match=r'^<DataFrame>:2: firm "F9": '):
        materia.disclosure_statistics(frame)
    with pytest.raises(materia.Error, match="give either records or sample=NAME") as e:
        materia.disclosure_statistics()
    assert e.value.kind == "usage"
    with pytest.raises(materia.Error, match=r'unknown firm-records sample "x" \(built in: fintech-2024\)'):
        materia.disclosure_statistics(sample="x")


# ---------------------------------------------------------------------------------------------
# The published-table check


def test_check_finds_the_reports_two_inconsistencies(cli):
    report = materia.check_published(sample="fintech-2024", published_sample="fintech-2024")
    assert len(report) == 2 and not report.ok
    d = report.disagreements
    assert list(d["row"]) == ["kpi_table", "listed"]
    assert list(d["field"]) == ["printed", "count"]
    assert list(d["published"]) == ["83.3%", "14"]
    assert list(d["records_expected"]) == ["95.8%", "13"]
    assert d.loc[0, "message"] == ('content "kpi_table" printed: published 83.3%; the table\'s own '
                                   "figures give 95.8% (23/24); the records give 95.8% (23/24)")
    assert d.loc[1, "table_reason"] == "sum of parts listing:HK 7 + listing:HK+US 2 + listing:A 4"
    from_files = materia.check_published(RECORDS, PUBLISHED)
    out = cli("disclosure", RECORDS, "--check", PUBLISHED, "--format", "json")
    assert out.returncode == 1  # like diff: differences found
    assert out.stdout == from_files.to_json() + "\n"
    assert from_files.figures_checked == report.figures_checked > 50


def test_check_of_a_corrected_table_is_clean():
    published = load(PUBLISHED)
    for row in published["content"]["rows"]:
        if row["item"] == "kpi_table":
            row["printed"] = "95.8%"
        if row["item"] == "listed":
            row["count"] = 13
    report = materia.check_published(materia.FirmRecords.sample(), published)
    assert report.ok and len(report) == 0 and report.disagreements.empty
    # one wrong count: the records give 18, and the printed 75% no longer matches 17/24 = 71%
    published["standards"]["rows"][0]["reports"] = 17
    report = materia.check_published(sample="fintech-2024", published=json.dumps(published))
    d = report.disagreements
    assert list(d["row"]) == ["GRI Standards (GSSB)"] * 2
    assert list(d["field"]) == ["count", "printed"]
    assert (d.loc[0, "published"], d.loc[0, "records_expected"]) == ("17", "18")
    assert (d.loc[1, "published"], d.loc[1, "table_expected"]) == ("75%", "71%")


# ---------------------------------------------------------------------------------------------
# Scoring


def leaf_sum(breakdown):
    """Per firm and jury, the contributions of the leaves (nodes no other path extends)."""
    sums = {}
    for (firm, jury), nodes in breakdown.groupby(["firm", "jury"]):
        paths = list(nodes["path"])
        leaves = nodes[[not any(p.startswith(q + "/") for p in paths) for q in paths]]
        sums[firm, jury] = (leaves["contribution"].sum(), nodes["jury_score"].iloc[0])
    return sums


def test_excellence_scores_equal_the_cli(cli):
    scores = materia.score(SCORE_SMALL)
    out = cli("score", SCORE_SMALL, "--format", "json")
    assert out.returncode == 0, out.stderr
    assert out.stdout == scores.to_json() + "\n"
    firms = scores.firms.set_index("id")
    assert firms.loc["X", "score"] == pytest.approx(0.655, abs=1e-12)  # hand-computed (C++ tests)
    assert firms.loc["X", "disclosure"] == pytest.approx(0.2 * 0.815 + 0.8 * 0.765, abs=1e-12)
    assert (firms.loc["X", "rank"], firms.loc["Y", "rank"], firms.loc["Z", "rank"]) == (1, 2, 1)
    assert firms.loc["Z", "category"] == "licensed_financial_institution"
    assert scores.model == "excellence-2024"
    assert [j["id"] for j in scores.juries] == ["internal", "external"]
    # the breakdown adds up: each jury's leaves sum to its score, juries mix to the firm's
    for (firm, jury), (total, jury_score) in leaf_sum(scores.breakdown).items():
        assert total == pytest.approx(jury_score, abs=1e-12), (firm, jury)
    x = scores.breakdown[scores.breakdown["firm"] == "X"]
    completeness = x[(x["jury"] == "external") & (x["id"] == "completeness")].iloc[0]
    assert (completeness["rule"], completeness["input"]) == ("linear on [1, 5]", "completeness = 4")
    # the same from a dict, JSON text and an inline model
    assert materia.score(load(SCORE_SMALL)).to_json() == scores.to_json()
    with open(SCORE_SMALL, encoding="utf-8") as f:
        assert materia.score(f.read(), model="excellence-2024").to_json() == scores.to_json()
    assert materia.score(SCORE_SMALL, model=load(PRESET)).to_json() == scores.to_json()


def test_attention_from_a_result_a_dataset_a_saved_analysis_and_a_spec(tmp_path, cli, sample):
    by_sample = cli("score", SCORE_SMALL, "--attention-sample", "fintech-2024", "--format", "json")
    assert by_sample.returncode == 0, by_sample.stderr
    attention = materia.analyze(sample, method="attention")
    assert materia.score(SCORE_SMALL, attention=attention).to_json() + "\n" == by_sample.stdout
    assert materia.score(SCORE_SMALL, attention=sample).to_json() + "\n" == by_sample.stdout
    saved = tmp_path / "analysis.json"
    saved.write_text(attention.to_json(), encoding="utf-8")
    by_file = cli("score", SCORE_SMALL, "--attention-result", str(saved), "--format", "json")
    assert materia.score(SCORE_SMALL, attention=saved).to_json() + "\n" == by_file.stdout
    assert materia.score(SCORE_SMALL, attention=json.loads(attention.to_json())).to_json() + "\n" \
        == by_file.stdout
    spec = materia.score(SCORE_SMALL, attention={"sample": "fintech-2024"})
    assert spec.to_json() + "\n" == by_sample.stdout
    # the sample's 91-issue attention is not the input's own two issues
    assert spec.to_json() != materia.score(SCORE_SMALL).to_json()
    # a different method's result carries the same attention counts
    borda = materia.analyze(sample)
    assert materia.score(SCORE_SMALL, attention=borda).to_json() + "\n" == by_sample.stdout


def test_facts_from_records_equal_the_cli(tmp_path, cli):
    scoring = {"attention": {"issues": {"a": 1}}, "firms": [
        {"id": "F01", "values": {"completeness": 5, "detail": 5, "strategy_integration": 5,
                                 "governance_structure": 5, "performance": 5, "esg_rating": "AAA"},
         "issues": {"a": 1}}]}
    path = tmp_path / "in.json"
    path.write_text(json.dumps(scoring), encoding="utf-8")
    out = cli("score", str(path), "--records", RECORDS, "--format", "json")
    assert out.returncode == 0, out.stderr
    scores = materia.score(path, records=materia.FirmRecords.sample())
    assert scores.to_json() + "\n" == out.stdout
    assert materia.score(path, records=RECORDS).to_json() + "\n" == out.stdout
    # F01's record: ESG, 81 KPI dimensions, limited assurance -> disclosure 0.99 (C++ tests)
    f01 = scores.firms.set_index("id").loc["F01"]
    assert f01["category"] == "it_service_provider"
    assert f01["score"] == pytest.approx(0.35 * 0.99 + 0.35 + 0.30, abs=1e-12)
    # without the records the facts are missing: the CLI's error, word for word
    message, code = cli_error(cli("score", str(path)))
    assert code == 3
    with pytest.raises(materia.Error) as e:
        materia.score(path)
    assert str(e.value) == message and e.value.kind == "input" and e.value.firm == "F01"


def test_score_errors_equal_the_cli(tmp_path, cli):
    bad = load(SCORE_SMALL)
    bad["firms"][0]["values"]["report"] = "annual"
    path = tmp_path / "bad-level.json"
    path.write_text(json.dumps(bad, ensure_ascii=False), encoding="utf-8")
    message, code = cli_error(cli("score", str(path)))
    assert code == 3 and '"X"' in message
    with pytest.raises(materia.Error) as e:
        materia.score(str(path))
    assert str(e.value) == message
    message, code = cli_error(cli("score", SCORE_SMALL, "--model", "nope"))
    assert code == 2
    with pytest.raises(materia.Error) as e:
        materia.score(SCORE_SMALL, model="nope")
    assert str(e.value) == message and e.value.kind == "usage"
    message, _ = cli_error(cli("score", "/nonexistent/s.json"))
    with pytest.raises(materia.Error) as e:
        materia.score("/nonexistent/s.json")
    assert str(e.value) == message
    with pytest.raises(TypeError):
        materia.score(SCORE_SMALL, attention=3)


# ---------------------------------------------------------------------------------------------
# ESRS-style assessment and surveys


def test_assessment_equals_the_cli(cli):
    result = materia.assess(ASSESS_SMALL)
    out = cli("assess", ASSESS_SMALL, "--format", "json")
    assert out.returncode == 0, out.stderr
    assert out.stdout == result.to_json() + "\n"
    assert cli("assess", ASSESS_SMALL, "--format", "csv").stdout == result.to_csv()
    iros = result.iros.set_index("id")
    assert list(iros.index) == ["I1", "I2", "I3", "R1", "R2", "O1"]
    # I3: potential negative impact, severity mean-max (mean 7/3, max 3) x likelihood 0.5
    assert iros.loc["I3", "impact"] == pytest.approx((7 / 3 + 3) / 2 * 0.5, abs=1e-12)
    assert iros.loc["I3", "impact_state"] == "scored"
    assert iros.loc["I3", "status"] == "not_material"
    assert iros.loc["I1", "status"] == "material"
    assert iros.loc["R1", "financial_outcome"] == "borderline"
    assert iros.loc["R2", "financial_state"] == "unknown"
    assert iros.loc["O1", "financial_state"] == "not_assessed"
    assert pd.isna(iros.loc["O1", "financial"])  # not assessed is not 0
    assert pd.isna(iros.loc["R1", "impact"]) and iros.loc["R1", "impact_state"] == "not_applicable"
    topics = result.topics
    assert list(topics["status"]) == ["material", "not_material", "material", "not_assessed"]
    assert result.firm["id"] == "F01" and result.rules["severity"] == "mean-max"
    assert materia.assess(load(ASSESS_SMALL)).to_json() == result.to_json()


def test_assessment_errors_equal_the_cli(tmp_path, cli):
    doc = load(ASSESS_SMALL)
    del doc["iros"][3]["rationale"]  # R1's exclusion without a rationale
    path = tmp_path / "a.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    message, code = cli_error(cli("assess", str(path)))
    assert code == 3
    with pytest.raises(materia.Error) as e:
        materia.assess(str(path))
    assert str(e.value) == message
    with pytest.raises(materia.Error, match=r"^<string>: an assessment must be a JSON object"):
        _core.assess_text("[]")


def test_survey_equals_the_cli_and_feeds_a_matrix(cli):
    result = materia.survey(SURVEY_SMALL)
    out = cli("survey", SURVEY_SMALL, "--format", "json")
    assert out.returncode == 0, out.stderr
    assert out.stdout == result.to_json() + "\n"
    dataset_out = cli("survey", SURVEY_SMALL, "--as-dataset")
    assert dataset_out.stdout == result.dataset_json() + "\n"
    issues = result.issues.set_index("issue")
    data = issues.loc["数据安全与隐私保护"]  # "数据安全与 隐私保护" merged into it
    assert data["weighted_mean"] == pytest.approx(0.5 * 14 / 3 + 0.3 * 4 + 0.2 * 4, abs=1e-12)
    assert data["top_box_share"] == pytest.approx(0.5 + 0.3 * 0.5 + 0.2, abs=1e-12)
    assert data["weighted_median"] == 4.0 and data["company"] == 4.5
    assert data["respondents"] == 6
    assert issues.loc["社会公益", "rank"] == 3 and issues.loc["社会公益", "respondents"] == 4
    groups = result.groups
    customers = groups[(groups["issue"] == "数据安全与隐私保护") & (groups["group"] == "customers")]
    assert customers.iloc[0]["median"] == 5.0 and customers.iloc[0]["respondents"] == 3
    assert [g["weight"] for g in result.stakeholder_groups] == [0.5, 0.3, 0.2]
    dataset = result.to_dataset()
    assert isinstance(dataset, materia.Dataset) and len(dataset) == 1
    matrix = materia.analyze(dataset)
    assert len(matrix.issues) == 3 and matrix.companies == 1
    assert materia.survey(load(SURVEY_SMALL)).to_json() == result.to_json()


def test_survey_errors_equal_the_cli(tmp_path, cli):
    doc = load(SURVEY_SMALL)
    doc["groups"][0]["weight"] = 0.6  # weights no longer sum to 1
    path = tmp_path / "s.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    message, code = cli_error(cli("survey", str(path)))
    assert code == 3
    with pytest.raises(materia.Error) as e:
        materia.survey(path)
    assert str(e.value) == message and e.value.kind == "input"


def test_type_stubs_cover_the_new_core():
    import ast

    stubs = ast.parse(open(os.path.join(os.path.dirname(materia.__file__), "_core.pyi"),
                           encoding="utf-8").read())
    names = {node.name for node in stubs.body if isinstance(node, (ast.ClassDef, ast.FunctionDef))}
    for name in ("FirmRecords", "DisclosureStats", "PublishedTables", "CheckReport", "ScoreResult",
                 "AssessmentResult", "SurveyResult", "disclosure_statistics", "check_published",
                 "score", "assess_text", "assess_file", "survey_text", "survey_file"):
        assert name in names, name
        assert hasattr(_core, name), name
    for name in ("disclosure_statistics", "check_published", "score", "assess", "survey",
                 "FirmRecords"):
        assert name in materia.__all__ and hasattr(materia, name)


# ---------------------------------------------------------------------------------------------
# The C API through ctypes


@pytest.fixture(scope="module")
def lib():
    path = os.environ.get("MATERIA_LIBRARY", "")
    assert path and os.path.exists(path), "ctest passes MATERIA_LIBRARY=build/libmateria.so"
    lib = ctypes.CDLL(path)
    P, S = ctypes.c_void_p, ctypes.c_size_t
    lib.materia_last_error.restype = ctypes.c_char_p
    lib.materia_disclosure_statistics.argtypes = [ctypes.POINTER(P), ctypes.POINTER(S),
                                                  ctypes.c_char_p, S, ctypes.c_char_p]
    lib.materia_disclosure_check.argtypes = [ctypes.POINTER(P), ctypes.POINTER(S), ctypes.POINTER(S),
                                             ctypes.c_char_p, S, ctypes.c_char_p, S, ctypes.c_char_p]
    lib.materia_score.argtypes = [ctypes.POINTER(P), ctypes.POINTER(S), ctypes.c_char_p, S,
                                  ctypes.c_char_p, P]
    lib.materia_free.argtypes = [P]
    return lib


def call_text(lib, function, *args):
    out, length = ctypes.c_void_p(), ctypes.c_size_t()
    status = function(ctypes.byref(out), ctypes.byref(length), *args)
    if status != 0:
        return status, lib.materia_last_error().decode()
    text = ctypes.string_at(out, length.value).decode()
    lib.materia_free(out)
    return status, text


def test_ctypes_disclosure_statistics_and_check(lib, stats):
    with open(RECORDS, "rb") as f:
        records = f.read()
    options = json.dumps({"source": "<sample fintech-2024-disclosure>"}).encode()
    status, text = call_text(lib, lib.materia_disclosure_statistics, records, len(records), options)
    assert status == 0
    assert text == stats.to_json() + "\n"  # same bytes as Python and the CLI
    count = ctypes.c_size_t(99)
    out, length = ctypes.c_void_p(), ctypes.c_size_t()
    assert lib.materia_disclosure_check(ctypes.byref(out), ctypes.byref(length), ctypes.byref(count),
                                        None, 0, None, 0,
                                        b'{"sample":"fintech-2024","published_sample":"fintech-2024"}') == 0
    assert count.value == 2
    assert json.loads(ctypes.string_at(out, length.value))["disagreements"][0]["row"] == "kpi_table"
    lib.materia_free(out)
    bad = b'{"firms":[{"id":"F9","segment":"s","report":"yearly"}]}'
    status, message = call_text(lib, lib.materia_disclosure_statistics, bad, len(bad),
                                b'{"source":"firms.json"}')
    assert status == -3 and message.startswith('firms.json: firm "F9": ')
    with pytest.raises(materia.Error) as e:
        materia.disclosure_statistics(bad.decode())
    assert str(e.value) == message.replace("firms.json", "<string>")


def test_ctypes_score_equals_python(lib):
    with open(SCORE_SMALL, "rb") as f:
        text = f.read()
    status, out = call_text(lib, lib.materia_score, text, len(text),
                            json.dumps({"source": SCORE_SMALL}).encode(), None)
    assert status == 0
    assert out == materia.score(SCORE_SMALL).to_json() + "\n"
    status, message = call_text(lib, lib.materia_score, text, len(text), b'{"modle":"x"}', None)
    assert status == -2 and message.startswith('unknown option "modle" (known: model, ')
