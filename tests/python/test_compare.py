"""materia.compare and materia.benchmark: the CLI's numbers as DataFrames, warnings and errors in
Python terms, and the figures."""

import json
import math
import warnings

import numpy as np
import pytest

import materia

CLIMATE, RURAL = "addressing-climate-change", "supporting-rural-revitalization"


@pytest.fixture(scope="module")
def years():
    return materia.Dataset.sample("fintech-2024"), materia.Dataset.sample("fintech-2025")


@pytest.fixture(scope="module")
def paired(years):
    return materia.compare(*years, same_firms=True, label_a="2024", label_b="2025")


def test_the_two_moves_made_by_construction_and_only_they_are_significant(paired):
    issues = paired.issues
    assert set(paired.significant["id"]) == {CLIMATE, RURAL}
    climate = issues.set_index("id").loc[CLIMATE]
    assert (climate["rank_a"], climate["rank_b"], climate["rank_change"]) == (21.0, 2.0, -19.0)
    assert climate["change_high"] < 0 and climate["status"] == "both"
    rural = issues.set_index("id").loc[RURAL]
    assert rural["rank_change"] == 47.0 and rural["change_low"] > 0
    # every change lies in its interval, and the ends are observed replicate changes (halves)
    both = issues[issues["status"] == "both"]
    assert ((both["change_low"] <= both["rank_change"]) &
            (both["rank_change"] <= both["change_high"])).all()
    assert ((both["change_low"] * 2) % 1 == 0).all()
    # the firms in one year only are reported, and left out of both analyses
    assert paired.firms_only_a == ["F07", "F21"] and paired.firms_only_b == ["F24"]
    assert len(paired.firms_both) == 21
    assert "21 in both" in str(paired) and "(compared: the firms in both)" in str(paired)
    low, high = paired.tau_b_interval
    assert low <= paired.tau_b <= high < 1


def test_frames_match_the_json_and_the_cli(paired, years, cli):
    d = json.loads(paired.to_json())
    assert d["a"] == "2024" and d["significant"] == 2
    assert list(paired.issues["name"]) == [i["name"] for i in d["issues"]]
    migration = paired.tier_migration
    assert migration.to_numpy().sum() == len(d["issues"])
    assert list(migration.index) == ["absent", 1, 2, 3]
    assert migration.loc[2, 1] == 1  # climate: tier 2 -> 1
    out = cli("compare", "--sample", "fintech-2024", "--sample", "fintech-2025", "--same-firms",
              "--label-a", "2024", "--label-b", "2025", "--format", "json")
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout) == d
    assert str(paired) == cli("compare", "--sample", "fintech-2024", "--sample", "fintech-2025",
                              "--same-firms", "--label-a", "2024", "--label-b", "2025").stdout


def test_firms_in_one_year_warn_and_numpy_numbers_work(years):
    with pytest.warns(materia.AnalysisWarning, match="2 firms are only in A and 1 only in B"):
        c = materia.compare(*years, bootstrap=np.int64(100), seed=np.int64(3))
    assert c.firms_only_a == ["F07", "F21"] and c.firms_only_b == ["F24"]
    assert json.loads(c.to_json())["replicates"] == 100
    with pytest.raises(materia.Error, match="strict=True"):
        materia.compare(*years, bootstrap=50, strict=True)


def test_errors_in_python_terms(years):
    a, _ = years
    with pytest.raises(materia.Error, match="b must be a materia.Dataset, not list"):
        materia.compare(a, [1, 2])
    with pytest.raises(materia.Error, match=r'"level" must be in \(0, 1\)'):
        materia.compare(a, a, level=1.5)
    with pytest.raises(materia.Error, match='unknown option "same_firm"'):
        materia.compare(a, a, same_firm=True)
    with pytest.raises(materia.Error, match='no firm has the id or name "F99"'):
        materia.benchmark(a, "F99")
    with pytest.raises(materia.Error, match="firm must be a firm's id or name"):
        materia.benchmark(a, 3)
    with pytest.raises(materia.Error, match='the peer "nobody" is not a firm'):
        materia.benchmark(a, "F01", peers=["F02", "nobody"])


def test_benchmark_against_all_peers_and_the_segment(years, cli):
    a, _ = years
    b = materia.benchmark(a, "F01")
    d = json.loads(b.to_json())
    assert b.firm["id"] == "F01" and len(b.peers) == 22
    assert b.percentile == d["percentile"] and 0 <= b.percentile <= 100
    # the percentile is the share of peers whose own tau-b is at most the firm's
    taus = b.peer_tau_b["tau_b"].dropna()
    assert math.isclose(b.percentile, 100.0 * (taus <= b.tau_b).sum() / len(taus))
    issues = b.issues
    listed = issues.dropna(subset=["firm_rank", "peer_rank"])
    assert (listed["gap"] == listed["firm_rank"] - listed["peer_rank"]).all()
    frame = a.to_frame()
    assert issues["firm_rank"].notna().sum() == (frame["firm"] == "F01").sum()
    out = cli("benchmark", "--sample", "fintech-2024", "--firm", "F01", "--format", "json")
    assert json.loads(out.stdout) == d
    segment = materia.benchmark(a, "F01", peers="segment")
    assert segment.peers == ["F02", "F03", "F04", "F05", "F06", "F07"]
    chosen = materia.benchmark(a, "F01", peers=np.array(["F03", "F02"]))
    assert chosen.peers == ["F02", "F03"]


def test_slope_chart_draws_every_shown_issue_and_stresses_the_moves(paired):
    fig = paired.plot_slope(top=10)
    lines = fig.materia_lines
    assert {CLIMATE, RURAL} <= set(lines)
    assert lines[CLIMATE].get_color() == "#C0392B"
    assert list(lines[CLIMATE].get_ydata()) == [21.0, 2.0]
    assert fig.materia_hidden == len(paired.issues) - len(lines)
    names = [t for t in fig.axes[0].texts if hasattr(t, "materia_id")]
    # one name at each end of each line of an issue in both years
    assert len(names) == 2 * len(lines)
    # names on one side never overlap
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    for side in (-0.08, 1.08):
        boxes = sorted((t.get_window_extent(renderer) for t in names if t.get_position()[0] == side),
                       key=lambda box: box.y0)
        assert all(lower.y1 <= upper.y0 + 0.5 for lower, upper in zip(boxes, boxes[1:]))


def test_arrow_matrix_and_benchmark_matrix(paired, years):
    fig = paired.plot_arrows()
    issues = paired.issues
    both = issues[(issues["status"] == "both")].dropna(subset=["business_a", "business_b"])
    assert set(fig.materia_arrows) == set(both["id"])
    climate = fig.materia_arrows[CLIMATE]
    row = both.set_index("id").loc[CLIMATE]
    assert climate.xy == (row["business_b"], row["stakeholder_b"])
    assert climate.xyann == (row["business_a"], row["stakeholder_a"])
    labelled = {t.materia_id for t in fig.materia_labels + fig.materia_numbers}
    assert labelled == {CLIMATE, RURAL}
    b = materia.benchmark(years[0], "F10")
    fig = b.plot(label="all")
    shown = b.issues.dropna(subset=["firm_business"])
    named = {t.materia_id for t in fig.materia_labels} | {n[1] for n in fig.materia_numbered}
    assert named == set(shown["id"])  # every issue of the firm named or numbered, none dropped
    assert len(fig.materia_consensus) == b.issues["peer_rank"].notna().sum()
