"""The Python and C entries give what the CLI prints: explain, breaks, normalize and analyze
with the matrix, uncertainty and alias options (materia.h / options JSON)."""

import json
import math

import pytest

import materia

ISSUES = ["data-security-and-privacy-protection", "客户服务", "Customer service"]


def cli_json(cli, *args, stdin=None):
    out = cli(*args, stdin=stdin)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


@pytest.mark.parametrize("issue", ISSUES)
def test_explain_matches_cli(sample, cli, issue):
    r = materia.analyze(sample, method="borda-normalized")
    e = r.explain(issue)
    assert e.to_dict() == cli_json(cli, "explain", "--sample", "fintech-2024", issue, "--format", "json")
    table = cli("explain", "--sample", "fintech-2024", issue)
    assert table.returncode == 0 and str(e) == table.stdout
    assert e.id in ("data-security-and-privacy-protection", "customer-service")
    # contributions decompose the score (borda-normalized is a weighted mean)
    assert e.firms["contribution"].sum() == pytest.approx(e.score, rel=1e-12)
    assert e.contributions_sum == pytest.approx(e.score, rel=1e-12)
    assert len(e.firms[e.firms["listed"]]) == e.attention
    row = r.issues.set_index("id").loc[e.id]
    assert (e.rank, e.tier, e.score) == (row["rank"], row["tier"], row["score"])
    assert sum(u["firms"] for u in e.merged_names) == e.attention


def test_explain_with_bootstrap_and_leave_one_out_matches_cli(sample, cli):
    opts = ["--method", "attention", "--tiers", "quantile:3", "--bootstrap", "40", "--seed", "5",
            "--leave-one-out", "--threads", "2"]
    r = materia.analyze(sample, method="attention", tiers="quantile:3", bootstrap=40, seed=5,
                        leave_one_out=True, threads=2)
    moved = 0
    for issue in ("customer-service", r.issues.iloc[30]["id"], r.issues.iloc[60]["id"]):
        e = r.explain(issue)
        assert e.to_dict() == cli_json(cli, "explain", "--sample", "fintech-2024", issue, *opts,
                                       "--format", "json")
        assert str(e) == cli("explain", "--sample", "fintech-2024", issue, *opts).stdout
        assert len(e.tier_probability) == 3 and sum(e.tier_probability) == pytest.approx(1.0)
        assert e.rank_low <= e.rank_high
        moved += e.influential_firm != ""
    assert moved >= 1  # customer-service (listed by all 23) moves for no single firm
    # a topic explains too
    topic = r.topics.iloc[0]["id"]
    e = r.explain(topic)
    assert e.children == list(r.topics.iloc[0]["children"])
    assert e.to_dict() == cli_json(cli, "explain", "--sample", "fintech-2024", topic, *opts,
                                   "--format", "json")
    assert str(e) == cli("explain", "--sample", "fintech-2024", topic, *opts).stdout
    with pytest.raises(materia.Error, match="火星殖民") as err:
        r.explain("火星殖民")
    assert err.value.kind == "usage"


OPTION_SETS = [
    ({}, []),
    ({"material": "both", "composite_top": 29, "roll_up": "mean"},
     ["--material", "both", "--composite-top", "29", "--roll-up", "mean"]),
    ({"axes": "positions", "axis_tiers": "quantile:3", "borderline_band": 0.1},
     ["--axes", "positions", "--axis-tiers", "quantile:3", "--borderline-band", "0.1"]),
    ({"stakeholder_threshold": 0.6, "business_threshold": 0.4, "roll_up": "weight"},
     ["--stakeholder-threshold", "0.6", "--business-threshold", "0.4", "--roll-up", "weight"]),
    ({"composite_top": 29, "composite_attention_threshold": 0.5,
      "composite_importance_threshold": 0.6},
     ["--composite-top", "29", "--composite-attention-threshold", "0.5",
      "--composite-importance-threshold", "0.6"]),
    ({"method": "rra", "bootstrap": 30, "seed": 11, "leave_one_out": True},
     ["--method", "rra", "--bootstrap", "30", "--seed", "11", "--leave-one-out"]),
]


@pytest.mark.parametrize("options,flags", OPTION_SETS)
def test_analyze_options_match_cli(sample, cli, options, flags):
    r = materia.analyze(sample, **options)
    expected = cli_json(cli, "analyze", "--sample", "fintech-2024", "--format", "json", *flags)
    assert r.to_dict() == expected


def test_new_issue_columns(sample):
    plain = materia.analyze(sample, composite_top=29).issues
    for column in ("quadrant", "material", "borderline", "composite", "rank_low", "rank_high",
                   "tier_probability", "influential_firm", "influential_shift", "parent"):
        assert column in plain.columns, column
    assert plain["rank_low"].isna().all() and (plain["influential_firm"] == "").all()
    assert plain["composite"].notna().sum() >= 29  # ties at the cut stay in
    assert set(plain["quadrant"]) <= {"both", "stakeholder", "business", "neither"}
    assert not any(c.startswith("p_tier_") for c in plain.columns)
    with_parent = plain[plain["parent"] != ""]
    assert len(with_parent) > 0
    r = materia.analyze(sample, bootstrap=60, seed=3, leave_one_out=True)
    issues = r.issues
    probabilities = issues[[f"p_tier_{t}" for t in (1, 2, 3)]]
    assert (probabilities.sum(axis=1) - 1).abs().max() < 1e-12
    assert (issues["rank_low"] <= issues["rank_high"]).all()
    assert (issues["rank_low"] >= 1).all() and (issues["rank_high"] <= len(issues)).all()
    # "" for an issue no single firm moves
    assert issues["influential_firm"].isin(set(r.firms["id"]) | {""}).all()
    assert (issues["influential_firm"] != "").sum() > 80
    assert r.bootstrap_replicates == 60 and r.bootstrap_seed == 3 and r.leave_one_out
    # the bootstrap's thread count never changes the numbers
    again = materia.analyze(sample, bootstrap=60, seed=3, leave_one_out=True, threads=1)
    assert again.to_json() == r.to_json()
    other_seed = materia.analyze(sample, bootstrap=60, seed=4)
    assert other_seed.to_json() != r.to_json()


def test_matrix_accessors(sample):
    r = materia.analyze(sample, material="both", composite_top=10, roll_up="weight",
                        stakeholder_threshold=0.55, business_threshold=0.45, borderline_band=0.02)
    assert (r.material_rule, r.roll_up, r.composite_top, r.borderline_band) == ("both", "weight", 10, 0.02)
    assert (r.stakeholder_threshold, r.business_threshold, r.threshold_rule) == (0.55, 0.45, "fixed")
    issues = r.issues
    both = (issues["stakeholder"] >= 0.55) & (issues["business"] >= 0.45)
    assert (issues["material"] == both).all()
    near = ((issues["stakeholder"] - 0.55).abs() <= 0.02) | ((issues["business"] - 0.45).abs() <= 0.02)
    assert not (issues["borderline"] & ~near).any()
    assert r.composite_cut_attention == sorted(issues["attention"], reverse=True)[9]
    # composite thresholds: by the axis tiering unless fixed
    assert 0 <= r.composite_attention_threshold <= 1 and 0 <= r.composite_importance_threshold <= 1
    fixed = materia.analyze(sample, composite_attention_threshold=0.3,
                            composite_importance_threshold=0.7)
    assert (fixed.composite_attention_threshold, fixed.composite_importance_threshold) == (0.3, 0.7)


def test_option_errors(sample):
    for options, pattern in [
        ({"bootstrap": -1}, 'option "bootstrap" must be a whole number'),
        ({"seed": 1.5}, 'option "seed" must be a whole number'),
        ({"leave_one_out": 1}, 'option "leave_one_out" must be a boolean'),
        ({"fuzzy_threshold": 2}, r'option "fuzzy_threshold" must be in \[0, 1\]'),
        ({"bootstrapp": 10}, r'unknown option "bootstrapp" \(known: method, .*bootstrap, seed'),
        ({"material": "most"}, "most"),
        ({"aliases": 3}, 'option "aliases" must be a file name or an array'),
        ({"aliases": ["/nonexistent/aliases.csv"]}, "/nonexistent/aliases.csv"),
    ]:
        with pytest.raises(materia.Error, match=pattern):
            materia.analyze(sample, **options)
    assert "bootstrap" in materia.analyze_option_names()
    assert materia.analyze_option_names()[0] == "method"


def test_aliases_in_analyze(tmp_path, cli):
    data = {"taxonomy": "fintech-2024", "companies": [
        {"id": "A", "issues": [{"name": "数据安全与隐私保护"}, {"name": "顾客服务热线"}]},
        {"id": "B", "issues": [{"name": "客户服务"}, {"name": "数据安全与隐私保护"}]}]}
    path = tmp_path / "firms.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    aliases = tmp_path / "aliases.csv"
    aliases.write_text("name,target\n顾客服务热线,customer-service\n", encoding="utf-8")
    ds = materia.Dataset.from_json(path)
    # strict: the unknown name is an error without the alias ...
    with pytest.raises(materia.Error, match="顾客服务热线"):
        materia.analyze(ds, strict=True, fuzzy_threshold=0.99)
    # ... and resolves with it: as a file, a path object, or an inline alias
    for given in (str(aliases), aliases, [aliases],
                  [{"name": "顾客服务热线", "target": "customer-service"}]):
        r = materia.analyze(ds, aliases=given, strict=True)
        row = r.issues.set_index("id").loc["customer-service"]
        assert row["attention"] == 2 and "顾客服务热线" in row["merged_names"]
    expected = cli_json(cli, "analyze", str(path), "--aliases", str(aliases), "--strict",
                        "--format", "json")
    got = materia.analyze(ds, aliases=str(aliases), strict=True).to_dict()
    assert got["issues"] == expected["issues"]


def test_breaks_match_cli(tmp_path, cli):
    values = [0.5, 1.25, 2, 2, 3.5, 7, 7.5, 8, 13, 21, 34, 55.5]
    path = tmp_path / "values.txt"
    path.write_text("\n".join(str(v) for v in values) + "\n")
    for method in ("fisher", "jenks", "quantile", "equal", "headtail"):
        for k in (2, 3, 4):
            expected = cli_json(cli, "breaks", str(path), "--method", method, "--classes", str(k))
            got = materia.natural_breaks(values, k, method=method)
            assert got._asdict() == expected, (method, k)
    expected = cli_json(cli, "breaks", str(path), "--method", "headtail", "--threshold", "0.3")
    assert materia.natural_breaks(values, method="headtail", threshold=0.3)._asdict() == expected


def test_breaks_hand_cases_and_auto():
    nb = materia.natural_breaks([1, 2, 4, 8, 9, 10], 2)
    assert nb.breaks == [1.0, 6.0, 10.0] and nb.classes == [1, 1, 1, 2, 2, 2]
    assert nb.method == "fisher" and nb.class_count == 2
    # GVF: SDAM = 266 - 34^2 / 6 = 220 / 3, SDCM = (21 - 49 / 3) + 2 = 20 / 3
    assert nb.gvf == pytest.approx(1 - (20 / 3) / (220 / 3), rel=1e-12)
    jenks = materia.natural_breaks([1, 2, 4, 8, 9, 10], 2, method="jenks")
    assert jenks.breaks == [1.0, 4.0, 10.0] and jenks.classes == nb.classes
    equal = materia.natural_breaks([0, 1, 2, 3, 10], 2, method="equal")
    assert equal.breaks == [0.0, 5.0, 10.0] and equal.classes == [1, 1, 1, 1, 2]
    # three clear clusters: the GVF elbow picks 3
    clusters = [1, 1.1, 1.2, 5, 5.1, 5.2, 9, 9.1, 9.2]
    auto = materia.natural_breaks(clusters, method="fisher:auto")
    assert auto.class_count == 3 and auto.method == "fisher:auto"
    assert auto.classes == [1, 1, 1, 2, 2, 2, 3, 3, 3]
    assert auto.breaks == materia.natural_breaks(clusters, 3).breaks


def test_normalize_detail_matches_cli(cli, tmp_path):
    t = materia.Taxonomy.builtin("fintech-2024")
    names = ["数据安全与 隐私保护", "客户服务", "火星殖民", "清洁技术发展机遇", "ESG 治理"]
    expected = cli_json(cli, "normalize", "--taxonomy", "fintech-2024", "--format", "json",
                        stdin="\n".join(names) + "\n")
    assert [t.normalize(n) for n in names] == expected
    hit = t.normalize("数据安全与 隐私保护")
    assert (hit["match"], hit["score"], hit["id"]) == ("exact", 1.0, "data-security-and-privacy-protection")
    assert hit["reason"] and hit["key"]
    nothing = t.normalize("火星殖民")  # shares no n-gram with any name: no candidates
    assert nothing["match"] == "unmatched" and nothing["id"] is None and nothing["name"] is None
    assert nothing["candidates"] == [] and nothing["runner_up"] is None and nothing["score"] == 0
    miss = t.normalize("清洁技术发展机遇")  # close to 清洁技术机遇, below the threshold
    assert miss["match"] == "unmatched" and miss["candidates"][0]["id"] == "opportunities-in-clean-technology"
    assert miss["runner_up"] == miss["candidates"][1]
    assert miss["score"] == miss["candidates"][0]["score"] < 0.75
    assert "below the threshold 0.750" in miss["reason"]
    fuzzy = t.normalize("清洁技术发展机遇", threshold=0.7)
    assert (fuzzy["match"], fuzzy["id"]) == ("fuzzy", "opportunities-in-clean-technology")
    frame = t.normalize_all(names)
    assert list(frame.columns) == materia.Normalizer.COLUMNS and len(frame) == 5
    # user aliases and settings, as `materia normalize --aliases F --threshold X --candidates N`
    aliases = tmp_path / "aliases.csv"
    aliases.write_text("name,target\n火星殖民,customer-service\n", encoding="utf-8")
    expected = cli_json(cli, "normalize", "--taxonomy", "fintech-2024", "--aliases", str(aliases),
                        "--candidates", "5", "--threshold", "0.6", "--format", "json",
                        stdin="\n".join(names) + "\n")
    got = [t.normalize(n, aliases=aliases, candidates=5, threshold=0.6) for n in names]
    assert got == expected and got[2]["match"] == "alias" and got[2]["id"] == "customer-service"
    strict = t.normalizer(fuzzy=False, threshold=0.7)
    assert strict.resolve("客户服务体系")["match"] == "unmatched"
    with pytest.raises(materia.Error, match="normalizer options"):
        t.normalizer(threshold=math.nan)
    with pytest.raises(materia.Error, match=r'option "margin" must be in \[0, 1\]'):
        t.normalizer(margin=-0.1)
