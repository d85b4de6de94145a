"""materia.sensitivity(): the same table as `materia analyze --sensitivity`, as a DataFrame."""

import json

import pytest

import materia

HAND = {
    "taxonomy": "none",
    "companies": [
        {"id": "F1", "issues": ["D", "A", "B"]},
        {"id": "F2", "issues": ["D", "A", "C"]},
        {"id": "F3", "issues": ["A", "E"]},
        {"id": "F4", "issues": ["B", "A", "E"]},
    ],
}


def test_hand_computed_tier_change():
    # tests/cpp/test_sensitivity.cpp works the numbers out: under fisher:2, D leaves tier 1 with
    # the attention method and with N = 10.
    frame = materia.sensitivity(materia.Dataset.from_json(HAND), tiers="fisher:2")
    assert list(frame.columns) == materia._sensitivity.COLUMNS
    assert frame.attrs["method"] == "borda-normalized"
    assert frame.attrs["universe"] == 5
    labels = [v["label"] for v in frame.attrs["variants"]]
    assert labels == materia.method_names() + ["N=5", "N=10"]
    assert len(frame) == 5 * len(labels)
    changed = frame[frame["tier_changed"].fillna(False).astype(bool)]
    for variant in ("attention", "N=10"):
        assert list(changed[changed["variant"] == variant]["issue"]) == ["d"]
    assert len(changed) == sum(v["tier_changes"] for v in frame.attrs["variants"])
    attention = frame[frame["variant"] == "attention"].set_index("issue")
    assert attention["rank"].to_dict() == {"a": 1, "b": 2, "c": 5, "d": 2, "e": 2}
    assert attention["tier_changes"].iloc[0] == 1
    assert attention["kendall_tau_b"].iloc[0] == pytest.approx(7 / 70 ** 0.5, abs=1e-12)


def test_matches_the_cli(sample, cli, tmp_path):
    path = tmp_path / "hand.json"
    path.write_text(json.dumps(HAND), encoding="utf-8")
    frame = materia.sensitivity(path, method="attention", tiers="fisher:2")
    out = cli("analyze", str(path), "--method", "attention", "--tiers", "fisher:2",
              "--sensitivity", "--format", "json")
    assert out.returncode == 0, out.stderr
    document = json.loads(out.stdout)
    assert frame.attrs["variants"] == document["variants"]
    for i, issue in enumerate(document["issues"]):
        rows = frame[frame["issue"] == issue["id"]]
        for (_, row), under in zip(rows.iterrows(), issue["variants"]):
            assert row["rank"] == under["rank"]
            assert row["tier"] == under["tier"]
            assert bool(row["tier_changed"]) == under["tier_changed"]


def test_fractional_weights_leave_rra_out_with_a_reason():
    data = json.loads(json.dumps(HAND))
    data["companies"][3]["weight"] = 1.5
    frame = materia.sensitivity(materia.Dataset.from_json(data))
    rra = frame[frame["variant"] == "rra"]
    assert rra["rank"].isna().all()
    assert rra["reason"].str.contains('firm "F4" has weight 1.5').all()
    assert frame[frame["variant"] == "borda"]["rank"].notna().all()


def test_bad_options_raise():
    dataset = materia.Dataset.from_json(HAND)
    with pytest.raises(materia.Error, match="bootstrap"):
        materia.sensitivity(dataset, bootstrap=10)
    with pytest.raises(materia.Error, match="unknown method"):
        materia.sensitivity(dataset, method="nope")


def test_sample_against_direct_analyses_and_scipy(cli):
    # An independent assembly of the table: each variant as its own `materia analyze`, ranks by
    # SciPy's rankdata(method="min") (competition ranks), tau-b and rho by SciPy.
    from scipy import stats

    out = cli("analyze", "--sample", "fintech-2024", "--sensitivity", "--format", "json")
    assert out.returncode == 0, out.stderr
    document = json.loads(out.stdout)
    ids = [issue["id"] for issue in document["issues"]]
    main_tier = [issue["tier"] for issue in document["issues"]]
    main_rank = [issue["rank"] for issue in document["issues"]]
    for v, variant in enumerate(document["variants"]):
        assert variant["ran"], variant
        run = cli("analyze", "--sample", "fintech-2024", "--method", variant["method"],
                  "--universe", str(variant["universe"]), "--format", "json")
        assert run.returncode == 0, run.stderr
        direct = {row["id"]: row for row in json.loads(run.stdout)["issues"]}
        scores = [direct[i]["score"] for i in ids]
        sign = -1 if json.loads(run.stdout)["higher_is_better"] else 1
        ranks = [int(r) for r in stats.rankdata([sign * s for s in scores], method="min")]
        tiers = [direct[i]["tier"] for i in ids]
        under = [issue["variants"][v] for issue in document["issues"]]
        assert [u["rank"] for u in under] == ranks, variant["label"]
        assert [u["tier"] for u in under] == tiers, variant["label"]
        assert [u["tier_changed"] for u in under] == [t != m for t, m in zip(tiers, main_tier)]
        assert variant["tier_changes"] == sum(t != m for t, m in zip(tiers, main_tier))
        tau = stats.kendalltau(main_rank, ranks)[0]
        rho = stats.spearmanr(main_rank, ranks)[0]
        assert variant["kendall_tau_b"] == pytest.approx(tau, abs=1e-12), variant["label"]
        assert variant["spearman_rho"] == pytest.approx(rho, abs=1e-12), variant["label"]
