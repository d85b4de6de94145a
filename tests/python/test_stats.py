"""materia.stats: hand-computed cases, SciPy as the oracle, NaN policies and errors, and the
agreement among a result's firms against `materia agreement`."""

import json
import math
import random

import pytest
import scipy.stats

import materia
from materia import stats


def test_hand_cases():
    # one discordant pair of six: (5 - 1) / 6
    assert stats.kendall_tau_b([1, 2, 3, 4], [1, 3, 2, 4]) == pytest.approx(2 / 3, abs=1e-15)
    # sum d^2 = 2: 1 - 6 * 2 / (4 * 15)
    assert stats.spearman_rho([1, 2, 3, 4], [1, 3, 2, 4]) == pytest.approx(0.8, abs=1e-15)
    assert stats.kendall_tau_b([1, 2, 3], [3, 2, 1]) == pytest.approx(-1.0)
    assert math.isnan(stats.kendall_tau_b([1, 1, 1], [1, 2, 3]))  # a constant side
    # three raters in full agreement: W = 1, chi2 = m (n - 1) W = 6, p = exp(-6 / 2) (df 2)
    c = stats.kendall_w([[1, 2, 3], [1, 2, 3], [1, 2, 3]])
    assert (c.w, c.chi_square, c.df, c.raters, c.items) == (pytest.approx(1.0), pytest.approx(6.0), 2, 3, 3)
    assert c.p_value == pytest.approx(math.exp(-3), rel=1e-12)
    # opposite rankings: equal rank sums, W = 0, p = 1
    c = stats.kendall_w([[1, 2, 3], [3, 2, 1]])
    assert c.w == pytest.approx(0.0, abs=1e-15) and c.p_value == pytest.approx(1.0)
    f = stats.friedman([[1, 2, 3], [1, 2, 3], [1, 2, 3]])
    assert (f.statistic, f.df) == (pytest.approx(6.0), 2)


@pytest.mark.parametrize("seed", range(8))
def test_against_scipy_with_ties(seed):
    rng = random.Random(seed)
    n = rng.randint(5, 30)
    x = [rng.randint(1, 6) for _ in range(n)]  # many ties
    y = [rng.randint(1, 6) + 0.5 * rng.random() * (i % 2) for i in range(n)]
    assert stats.kendall_tau_b(x, y) == pytest.approx(scipy.stats.kendalltau(x, y).statistic, abs=1e-12)
    assert stats.spearman_rho(x, y) == pytest.approx(scipy.stats.spearmanr(x, y).statistic, abs=1e-12)
    # Friedman's tie-corrected chi-square: scipy takes one sample per item (across raters)
    m, k = rng.randint(3, 9), rng.randint(3, 8)
    ratings = [[rng.randint(1, 4) for _ in range(k)] for _ in range(m)]
    c = stats.kendall_w(ratings)
    expected = scipy.stats.friedmanchisquare(*[[row[j] for row in ratings] for j in range(k)])
    assert c.chi_square == pytest.approx(expected.statistic, rel=1e-12, abs=1e-12)
    assert c.p_value == pytest.approx(expected.pvalue, rel=1e-9, abs=1e-15)
    assert c.w == pytest.approx(expected.statistic / (m * (k - 1)), rel=1e-12, abs=1e-12)
    assert stats.friedman(ratings) == (c.chi_square, c.df, c.p_value)


def test_nan_policies_and_errors():
    x, y = [1, 2, float("nan"), 4, 5], [2, 1, 3, 5, 4]
    with pytest.raises(materia.Error, match=r'x value 3 is NaN \(pass nan_policy="omit"') as e:
        stats.kendall_tau_b(x, y)
    assert e.value.kind == "input"
    # omit: the pair is left out, as scipy's nan_policy="omit"
    assert stats.kendall_tau_b(x, y, nan_policy="omit") == pytest.approx(
        scipy.stats.kendalltau(x, y, nan_policy="omit").statistic, abs=1e-12)
    assert stats.spearman_rho(x, y, nan_policy="omit") == pytest.approx(
        scipy.stats.spearmanr([1, 2, 4, 5], [2, 1, 5, 4]).statistic, abs=1e-12)
    with pytest.raises(materia.Error, match="different lengths"):
        stats.spearman_rho([1, 2, 3], [1, 2])
    with pytest.raises(materia.Error, match="nan_policy"):
        stats.kendall_tau_b([1, 2], [1, 2], nan_policy="propagate")
    with pytest.raises(materia.Error, match=r"rater 2: item 1 is NaN"):
        stats.kendall_w([[1, 2, 3], [float("nan"), 1, 2]])
    with pytest.raises(materia.Error, match="rater 2 rates 2 items"):
        stats.kendall_w([[1, 2, 3], [1, 2]])
    # omit for W: an unranked item ties below the rater's ranked ones (mid-rank 3 of 3)
    partial = stats.kendall_w([[1, 2, 3], [float("nan"), 1, 2]], nan_policy="omit")
    assert partial.w == pytest.approx(stats.kendall_w([[1, 2, 3], [3, 1, 2]]).w)


def test_kendall_w_takes_a_dataframe():
    import pandas as pd

    frame = pd.DataFrame([[1, 2, 3, 4], [2, 1, 3, 4], [1, 3, 2, 4]], columns=list("abcd"))
    assert stats.kendall_w(frame) == stats.kendall_w(frame.values.tolist())


def test_agreement_matches_the_cli(result, cli):
    out = cli("agreement", "--sample", "fintech-2024", "--format", "json", "--show", "4")
    assert out.returncode == 0, out.stderr
    expected = json.loads(out.stdout)
    a = result.agreement(show=4)
    assert a.w == pytest.approx(expected["w"], abs=0) and a.raters == expected["raters"] == 23
    assert (a.chi_square, a.df, a.p_value, a.items) == (
        expected["chi_square"], expected["df"], expected["p_value"], expected["items"])
    assert a.most_typical == expected["most_typical"] and len(a.most_typical) == 4
    assert a.least_typical == expected["least_typical"]
    assert a.firms.to_dict("records") == expected["firms"]
    assert a.skillings_mack == expected["skillings_mack"]
    # the listed issues alone still show disagreement, far weaker than with the listing (Friedman)
    sm = a.skillings_mack
    assert sm["permutations"] == 1000 and sm["df"] == 90
    assert a.p_value < sm["p_value"] < 1e-50 and sm["permutation_p_value"] == 1 / 1001
    assert ((a.firms["rbo"] > 0) & (a.firms["rbo"] <= 1)).all()
    assert ((a.firms["topk_distance"] >= 0) & (a.firms["topk_distance"] <= 1)).all()
    assert list(a.firms["rho"]) == sorted(a.firms["rho"], reverse=True)
    assert stats.agreement(result, 4).to_dict() == a.to_dict()
    # from a dataset, with the analysis options of `materia agreement --method attention`
    expected = json.loads(cli("agreement", "--sample", "fintech-2024", "--method", "attention",
                              "--format", "json").stdout)
    by_attention = stats.agreement(materia.Dataset.sample(), method="attention")
    assert by_attention.to_dict()["firms"] == expected["firms"] and by_attention.w == expected["w"]
    with pytest.raises(materia.Error, match="options go with a Dataset"):
        stats.agreement(result, method="attention")
    assert 0 < a.w < 1


def test_agreement_w_is_kendall_w_of_the_rank_table(sample):
    """W of the firms x issues table (unlisted issues tied at the bottom) recomputed from the
    listings with materia.stats.kendall_w and nan_policy="omit"."""
    r = materia.analyze(sample)
    firms = [f["id"] for f in r._core.firms]
    table = {f: [float("nan")] * len(r.issues) for f in firms}
    for j, issue in enumerate(r.issues["id"]):
        for row in r.listings(issue).itertuples():
            table[row.firm][j] = row.rank
    c = stats.kendall_w([table[f] for f in firms], nan_policy="omit")
    assert c.w == pytest.approx(r.agreement().w, rel=1e-12)
