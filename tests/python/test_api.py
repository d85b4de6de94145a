"""The Python surface of materia: datasets from every source, analyze, DataFrames, JSON, errors,
taxonomies, explanations, natural breaks, GIL release and the type stubs."""

import ast
import itertools
import json
import os
import threading
import time

import pandas as pd
import pytest

import materia
from materia import _core

CONTRACT_FIELDS = ["id", "name", "category", "attention", "attention_share", "score", "rank", "tier",
                   "importance", "stakeholder", "business", "quadrant", "merged_names"]


def test_version_matches_cli(cli):
    out = cli("--version")
    assert out.returncode == 0
    assert out.stdout.strip() == f"materia {materia.__version__}"


def test_sample_dataset(sample):
    assert len(sample) == 23
    assert sample.synthetic
    assert sample.taxonomy.name == "fintech-2024"
    firms = sample.firms
    assert list(firms["id"][:2]) == ["F01", "F02"]
    assert (firms["weight"] == 1.0).all()


def test_issues_frame_has_contract_columns(result):
    issues = result.issues
    assert len(issues) == 91
    for column in CONTRACT_FIELDS:
        assert column in issues.columns
    # competition ranks: tied scores share the best place (1, 2, 2, 4)
    expected = [1 + sum(s > score for s in issues["score"]) for score in issues["score"]]
    assert list(issues["rank"]) == expected
    assert issues["score"].is_monotonic_decreasing
    assert issues["tier"].is_monotonic_increasing
    assert issues.loc[0, "id"] == "data-security-and-privacy-protection"
    assert issues.loc[0, "attention"] == 23 and issues.loc[0, "attention_share"] == 1.0
    assert set(issues["category"]) == {"E", "S", "G"}
    # attention_share is attention / companies
    assert ((issues["attention_share"] - issues["attention"] / 23).abs() < 1e-12).all()
    # the frame is a copy: editing it does not change the result
    issues.loc[0, "score"] = -1
    assert result.issues.loc[0, "score"] > 0


def test_to_json_equals_cli_output(result, cli):
    out = cli("analyze", "--sample", "fintech-2024", "--format", "json")
    assert out.returncode == 0
    assert result.to_json() + "\n" == out.stdout
    assert json.loads(result.to_json(indent=None)) == json.loads(out.stdout)


def test_method_and_tiers_keywords(sample, cli):
    r = materia.analyze(sample, method="attention", tiers="counts:26,23,42")
    assert r.method == "attention" and r.tiers == "counts:26,23,42"
    assert list(r.issues["tier"].value_counts().sort_index()) == [26, 23, 42]
    out = cli("analyze", "--sample", "fintech-2024", "--method", "attention", "--tiers", "counts:26,23,42",
              "--format", "json")
    assert r.to_json() + "\n" == out.stdout
    assert r.to_csv() == cli("analyze", "--sample", "fintech-2024", "--method", "attention", "--tiers",
                             "counts:26,23,42", "--format", "csv").stdout


def test_other_options(sample):
    r = materia.analyze(sample, universe=120, combine="max", stakeholder_threshold=0.8,
                        business_threshold=0.8)
    assert r.universe == 120
    assert r.stakeholder_threshold == 0.8
    issues = r.issues
    both = (issues["stakeholder"] >= 0.8) & (issues["business"] >= 0.8)
    assert (issues.loc[both, "quadrant"] == "both").all()
    assert (issues.loc[~both, "quadrant"] != "both").all()
    assert materia.analyze(sample, method=None, tiers=None).to_json() == materia.analyze(sample).to_json()


def tiny_dict():
    return {"taxonomy": "none", "companies": [
        {"id": "F1", "issues": [{"name": "A"}, {"name": "B"}, {"name": "C"}]},
        {"id": "F2", "issues": [{"name": "A"}, {"name": "C"}]},
        {"id": "F3", "weight": 2, "issues": [{"name": "B"}, {"name": "A"}]}]}


def test_hand_computed_attention():
    r = materia.analyze(materia.Dataset.from_json(tiny_dict()), method="attention", tiers="counts:1,1")
    issues = r.issues
    # weighted attention: A = 1 + 1 + 2, B = 1 + 2, C = 1 + 1; attention counts firms
    assert list(issues["id"]) == ["a", "b", "c"]
    assert list(issues["score"]) == [4.0, 3.0, 2.0]
    assert list(issues["attention"]) == [3, 2, 2]
    assert list(issues["tier"]) == [1, 2, 3]


def test_dict_file_dataframe_csv_excel_agree(tmp_path):
    d = tiny_dict()
    path = tmp_path / "tiny.json"
    path.write_text(json.dumps(d), encoding="utf-8")
    rows = [(c["id"], i["name"], c.get("weight", 1.0)) for c in d["companies"] for i in c["issues"]]
    frame = pd.DataFrame(rows, columns=["firm", "issue", "weight"])
    csv_path = tmp_path / "tiny.csv"
    frame.to_csv(csv_path, index=False)
    xlsx_path = tmp_path / "tiny.xlsx"
    frame.to_excel(xlsx_path, index=False)
    results = [materia.analyze(ds, method="borda-normalized").to_dict()["issues"] for ds in (
        materia.Dataset.from_json(d),
        materia.Dataset.from_json(path),
        materia.Dataset.from_dataframe(frame),
        materia.Dataset.from_csv(csv_path),
        materia.Dataset.from_excel(xlsx_path))]
    for other in results[1:]:
        assert other == results[0]


def test_dataframe_with_coordinates_matches_json():
    frame = pd.DataFrame({"firm": ["F1", "F1", "F2", "F2"],
                          "issue": ["数据安全与 隐私保护", "客户服务", "客户服务", "科技创新"],
                          "stakeholder": [4.8, 3.0, 4.0, 2.0], "business": [4.5, 4.0, 4.2, 3.0]})
    as_json = {"taxonomy": "fintech-2024", "companies": [
        {"id": "F1", "issues": [{"name": "数据安全与 隐私保护", "stakeholder": 4.8, "business": 4.5},
                                {"name": "客户服务", "stakeholder": 3.0, "business": 4.0}]},
        {"id": "F2", "issues": [{"name": "客户服务", "stakeholder": 4.0, "business": 4.2},
                                {"name": "科技创新", "stakeholder": 2.0, "business": 3.0}]}]}
    a = materia.analyze(materia.Dataset.from_dataframe(frame, taxonomy="fintech-2024"))
    b = materia.analyze(materia.Dataset.from_json(as_json))
    assert a.to_dict()["issues"] == b.to_dict()["issues"]
    assert a.issues.loc[0, "id"] == "customer-service"  # listed by both firms


def test_errors_are_value_errors_with_cli_message(tmp_path, cli):
    bad = {"taxonomy": "fintech-2024", "companies": [{"id": "F7", "issues": [{"name": "火星殖民"}]}]}
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(bad, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(materia.Error) as caught:
        materia.analyze(materia.Dataset.from_json(path))
    out = cli("analyze", str(path))
    assert out.returncode == 3
    # the same message, with the CLI's flags and wording as Python parameters
    assert 'add an alias, or use taxonomy "none"' in out.stderr
    assert 'add one with aliases=, or pass taxonomy="none"' in str(caught.value)
    assert materia._errors.python_terms(out.stderr.strip()) == f"materia: error: {caught.value}"
    assert isinstance(caught.value, ValueError)
    assert caught.value.kind == "input" and caught.value.firm == "F7" and caught.value.issue == "火星殖民"
    assert str(path) in str(caught.value)


def test_usage_errors(sample, cli):
    with pytest.raises(materia.Error) as caught:
        materia.analyze(sample, method="no-such-method")
    assert caught.value.kind == "usage"
    out = cli("analyze", "--sample", "fintech-2024", "--method", "no-such-method")
    assert out.stderr.strip() == f"materia: error: {caught.value}"
    with pytest.raises(materia.Error, match='unknown option "metod"'):
        materia.analyze(sample, metod="rra")
    with pytest.raises(materia.Error, match="tier spec"):
        materia.analyze(sample, tiers="fisher:zero")
    with pytest.raises(materia.Error, match="finite"):
        materia.analyze(sample, stakeholder_threshold=float("nan"))
    with pytest.raises(materia.Error, match="analyze.. needs a materia.Dataset as dataset, not dict"):
        materia.analyze({"companies": []})
    with pytest.raises(materia.Error, match="no-such"):
        materia.Dataset.sample("no-such")
    with pytest.raises(materia.Error, match="cannot read"):
        materia.Dataset.from_csv("/nonexistent/firms.csv")


def test_dataframe_errors_name_source_and_row():
    frame = pd.DataFrame({"firm": ["F1", "F1"], "issue": ["A", "B"], "rank": [1, float("inf")]})
    with pytest.raises(materia.Error, match=r"<DataFrame>:3"):
        materia.Dataset.from_dataframe(frame)


def test_taxonomy():
    t = materia.Taxonomy.builtin("fintech-2024")
    assert t.name == "fintech-2024" and t.version
    assert "fintech-2024" in materia.Taxonomy.builtin_names()
    issues = t.issues
    assert issues["is_topic"].sum() == 2 and (~issues["is_topic"]).sum() == 91
    hit = t.normalize("数据安全与 隐私保护")
    assert hit["id"] == "data-security-and-privacy-protection" and hit["match"] == "exact"
    assert hit["score"] == 1.0
    miss = t.normalize("火星殖民")
    assert miss["match"] == "unmatched" and miss["id"] is None and miss["score"] == 0.0
    frame = t.normalize_all(["客户服务", "zzz"])
    assert list(frame["match"]) == ["exact", "unmatched"]
    custom = materia.Taxonomy.from_json({"name": "tiny", "version": "1", "issues": [
        {"id": "water", "name_en": "Water", "category": "E"}], "aliases": [{"name": "H2O", "target": "water"}]})
    assert custom.normalize("h2o")["match"] == "alias"
    ds = materia.Dataset.from_json({"taxonomy": "none", "companies": [{"id": "F", "issues": [{"name": "H2O"}]}]},
                                   taxonomy=custom)
    assert materia.analyze(ds).issues.loc[0, "id"] == "water"
    assert materia.Taxonomy.builtin("none").name == "none"


def test_explain(result, sample):
    e = result.explain("customer-service")
    row = result.issues.set_index("id").loc["customer-service"]
    assert e.id == "customer-service" and e.name == "客户服务"
    assert (e.rank, e.tier, e.attention) == (row["rank"], row["tier"], row["attention"])
    listed = e.firms[e.firms["listed"]]
    assert len(listed) == row["attention"]
    assert len(e.firms) == result.companies  # borda-normalized counts every firm
    assert {u["name"] for u in e.merged_names} == set(row["merged_names"])
    assert listed["rank"].min() >= 1
    # the firms' own listings, as Result.listings gives them
    listings = result.listings("customer-service")
    assert sorted(listings["firm"]) == sorted(listed["firm"])
    merged = listed.merge(listings, on="firm", suffixes=("", "_listing"))
    assert (merged["rank"] == merged["rank_listing"]).all()
    # with axes="positions" the mean of the firms' axis positions is the issue's axis value
    # (weights are all 1); the default axes="method" aggregates per-axis ranks instead
    by_position = materia.analyze(sample, axes="positions")
    row_position = by_position.issues.set_index("id").loc["customer-service"]
    ep = by_position.explain("customer-service")
    assert abs(ep.firms[ep.firms["listed"]]["stakeholder"].mean() - row_position["stakeholder"]) < 1e-12
    assert abs(ep.firms[ep.firms["listed"]]["business"].mean() - row_position["business"]) < 1e-12
    first_line = str(e).split("\n")[0]
    assert first_line == "客户服务 (customer-service) — Customer service"
    # by name and by a merged name
    assert result.explain("客户服务").id == "customer-service"
    assert result.explain("Customer service").id == "customer-service"
    # a topic explains through its children
    topic = result.topics.iloc[0]
    te = result.explain(topic["id"])
    assert te.children == list(topic["children"])
    assert te.attention == topic["attention"]
    with pytest.raises(materia.Error, match="火星殖民"):
        result.explain("火星殖民")


def test_topics_and_double_materiality_ranking(result):
    topics = result.topics
    assert len(topics) == 2 and "children" in topics.columns
    ranking = result.double_materiality_ranking()
    assert len(ranking) == len(set(ranking))
    assert set(topics["id"]) <= set(ranking)


def brute_force_ssd(values, k):
    """Least within-class sum of squares over every split of the sorted values into k runs."""
    s = sorted(values)
    best = float("inf")
    for cuts in itertools.combinations(range(1, len(s)), k - 1):
        bounds = (0, *cuts, len(s))
        total = 0.0
        for a, b in zip(bounds, bounds[1:]):
            group = s[a:b]
            m = sum(group) / len(group)
            total += sum((x - m) ** 2 for x in group)
        best = min(best, total)
    return best


def test_natural_breaks_hand_case():
    nb = materia.natural_breaks([1, 2, 3, 10, 11, 12, 30], 3)
    assert nb.breaks == [1.0, 6.5, 21.0, 30.0]  # classInt fisher: midpoints between classes
    assert nb.classes == [1, 1, 1, 2, 2, 2, 3]
    assert abs(nb.gvf - 0.9933206106870229) < 1e-12
    jenks = materia.natural_breaks([1, 2, 3, 10, 11, 12, 30], 3, method="jenks")
    assert jenks.breaks == [1.0, 3.0, 12.0, 30.0]  # classInt jenks: class maxima
    assert (jenks.classes, jenks.gvf) == (nb.classes, nb.gvf)


@pytest.mark.parametrize("seed", range(6))
def test_natural_breaks_is_optimal_by_brute_force(seed):
    import random

    rng = random.Random(seed)
    values = [round(rng.uniform(0, 100), 1) for _ in range(11)]
    for k in (2, 3, 4):
        nb = materia.natural_breaks(values, k)
        mean = sum(values) / len(values)
        sdam = sum((x - mean) ** 2 for x in values)
        assert abs(nb.gvf - (1 - brute_force_ssd(values, k) / sdam)) < 1e-9
        # classes are contiguous in value and numbered from the lowest
        for a, b in itertools.combinations(range(len(values)), 2):
            if values[a] < values[b]:
                assert nb.classes[a] <= nb.classes[b]


def test_natural_breaks_errors():
    with pytest.raises(materia.Error, match="unknown breaks method"):
        materia.natural_breaks([1, 2], 2, method="wobbly")
    with pytest.raises(materia.Error, match="classes"):
        materia.natural_breaks([1, 2], 0)
    with pytest.raises(materia.Error, match="value 2 is not a finite number"):
        materia.natural_breaks([1, float("nan")], 2)
    with pytest.raises(materia.Error, match="threshold"):
        materia.natural_breaks([1, 2], method="headtail", threshold=1.5)
    assert materia.natural_breaks([], 3) == materia.NaturalBreaks([], [], 1.0, "fisher", 0)


def big_dataset(firms=6000, issues=300, per_firm=60):
    import random

    rng = random.Random(7)
    names = [f"issue {i}" for i in range(issues)]
    return materia.Dataset.from_json({"taxonomy": "none", "companies": [
        {"id": f"F{f}", "issues": [{"name": n} for n in rng.sample(names, per_firm)]} for f in range(firms)]})


def test_analyze_releases_the_gil():
    dataset = big_dataset()
    start = time.perf_counter()
    reference = materia.analyze(dataset)
    duration = time.perf_counter() - start
    assert duration > 0.05, "the dataset must be big enough for the check to mean something"
    done = threading.Event()
    results = []

    def work():
        results.append(materia.analyze(dataset))
        done.set()

    ticks = []
    thread = threading.Thread(target=work)
    thread.start()
    while not done.is_set():
        ticks.append(time.perf_counter())
    thread.join()
    # While the worker is inside C++, the main thread keeps running: with the GIL held there would
    # be one gap as long as the whole analysis.
    gaps = [b - a for a, b in zip(ticks, ticks[1:])]
    assert len(ticks) > 100
    assert max(gaps) < 0.5 * duration, (max(gaps), duration)
    assert results[0].to_json() == reference.to_json()


def test_threads_give_identical_results(sample):
    reference = {m: materia.analyze(sample, method=m).to_json() for m in ("attention", "borda-normalized")}
    out = []

    def work(m):
        out.append((m, materia.analyze(sample, method=m).to_json()))

    threads = [threading.Thread(target=work, args=(m,)) for m in list(reference) * 4]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(out) == 8 and all(text == reference[m] for m, text in out)


def stub_names(path):
    tree = ast.parse(open(path, encoding="utf-8").read())
    names = set()
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, ast.AnnAssign):
            names.add(node.target.id)
    return names, tree


def test_taxonomy_export_round_trips(tmp_path, cli):
    exported = materia.taxonomy("fintech-2024")
    assert list(exported)[:3] == ["name", "version", "description"]
    assert exported["name"] == "fintech-2024" and len(exported["issues"]) == 91
    out = cli("taxonomy", "export", "fintech-2024")
    assert out.returncode == 0 and json.loads(out.stdout) == exported
    assert materia.Taxonomy.builtin("fintech-2024").to_json() == out.stdout
    data = {"companies": [{"id": "F1", "issues": [{"name": "客户服务"}, {"name": "數據安全與隱私保護"}]},
                          {"id": "F2", "issues": [{"name": "Customer service"}, {"name": "科技创新"}]}]}
    built_in = materia.analyze(materia.Dataset.from_json(data, taxonomy="fintech-2024"))
    from_export = materia.analyze(materia.Dataset.from_json(data, taxonomy=materia.Taxonomy.from_json(exported)))
    assert from_export.to_json() == built_in.to_json()
    assert len(built_in.issues) == 3  # both spellings of customer service are one issue
    path = tmp_path / "t.json"
    path.write_text(out.stdout, encoding="utf-8")
    assert materia.taxonomy(str(path)) == exported
    with pytest.raises(materia.Error, match="open vocabulary"):
        materia.taxonomy("none")


def test_review_decisions_new_and_drop_through_aliases():
    data = {"taxonomy": "fintech-2024", "companies": [
        {"id": "F1", "issues": [{"name": "数据安全与隐私保护"}, {"name": "客户服务"}, {"name": "元宇宙伦理"},
                                {"name": "太空探索"}]},
        {"id": "F2", "issues": [{"name": "客户服务"}, {"name": "元宇宙伦理"}, {"name": "数据安全与隐私保护"}]},
        {"id": "F3", "issues": [{"name": "太空探索"}, {"name": "数据安全与隐私保护"}, {"name": "客户服务"}]}]}
    ds = materia.Dataset.from_json(data)
    with pytest.raises(materia.Error, match="元宇宙伦理"):
        materia.analyze(ds, strict=True)
    aliases = [{"name": "元宇宙伦理", "kind": "new", "name_en": "Metaverse ethics", "category": "G"},
               {"name": "太空探索", "kind": "drop"}]
    with pytest.warns(materia.MatchWarning, match=r'"太空探索" \(2 listings\) was left out'):
        r = materia.analyze(ds, strict=True, aliases=aliases, tiers="quantile:2")
    issues = r.issues.set_index("id")
    assert issues.loc["metaverse-ethics", "name_en"] == "Metaverse ethics"
    assert issues.loc["metaverse-ethics", "category"] == "G"
    assert issues.loc["metaverse-ethics", "score"] == pytest.approx(4 / 9, abs=1e-12)
    assert r.dropped_names == ["太空探索"]
    assert json.loads(r.to_json())["dropped_names"] == ["太空探索"]


def test_core_stub_lists_exactly_the_module():
    path = os.path.join(os.path.dirname(_core.__file__), "_core.pyi")
    names, tree = stub_names(path)
    public = {n for n in dir(_core) if not n.startswith("_")} | {"__version__"}
    assert names == public
    # and every class's members
    for node in tree.body:
        if isinstance(node, ast.ClassDef) and node.name != "Error":
            stubbed = {n.name for n in node.body if isinstance(n, ast.FunctionDef)} - {"__init__"}
            actual = {n for n in dir(getattr(_core, node.name)) if not n.startswith("_")}
            assert stubbed == actual, node.name


def test_package_exports():
    for name in materia.__all__:
        assert hasattr(materia, name)
    assert "borda-normalized" in materia.method_names()
    assert issubclass(materia.Error, ValueError)
    assert os.path.exists(os.path.join(os.path.dirname(materia.__file__), "py.typed"))


def test_error_quoting_invalid_utf8_is_still_a_materia_error(tmp_path):
    """A message about bytes that are not UTF-8 arrives as materia.Error with the bytes escaped,
    never as a UnicodeDecodeError from the binding (the module decodes every message with
    backslashreplace, whatever the core quotes)."""
    for name, data in [("header.csv", b"firm,issue,r\xe9nk\nF1,A,1\n"),
                       ("name.csv", b"firm,issue,rank\nF1,A\xff,1\n")]:
        path = tmp_path / name
        path.write_bytes(data)
        with pytest.raises(materia.Error) as e:
            materia.analyze(materia.Dataset.from_json(path))
        assert e.value.kind == "input" and str(path) in str(e.value)
        # the CSV reader names bytes that are not UTF-8 before any header (bytes 0xE9 0x6E on
        # line 1); elsewhere they are escaped (r\xE9nk): readable either way
        assert "\\x" in str(e.value).lower() or "bytes 0x" in str(e.value)


def test_from_file_reads_ndjson_and_takes_max_input(tmp_path):
    d = tiny_dict()
    lines = [json.dumps({"taxonomy": d["taxonomy"]})] if "taxonomy" in d else []
    lines += [json.dumps(c, ensure_ascii=False) for c in d["companies"]]
    ndjson = tmp_path / "tiny.ndjson"
    ndjson.write_text("\n".join(lines) + "\n", encoding="utf-8")
    as_json = materia.analyze(materia.Dataset.from_json(d), method="borda").to_dict()["issues"]
    as_ndjson = materia.analyze(materia.Dataset.from_file(ndjson), method="borda")
    assert as_ndjson.to_dict()["issues"] == as_json
    size = ndjson.stat().st_size
    assert len(materia.Dataset.from_file(ndjson, max_input=size)) == len(d["companies"])
    with pytest.raises(materia.Error) as caught:
        materia.Dataset.from_file(ndjson, max_input=size - 1)
    assert f"larger than {size - 1} bytes, the input limit" in str(caught.value)
