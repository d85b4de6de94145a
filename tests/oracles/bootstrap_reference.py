#!/usr/bin/python3
"""Reference for the bootstrap's intervals (docs/method.md section 11), end to end: `materia
analyze --bootstrap B --format json` on seeded datasets against the rules as documented, applied
to the same replicates. The replicate draws (seed_seq + mt19937_64 from the C++ standard,
rejection sampling of firm indices) and exact borda-normalized scoring come from
tier_probability.py; everything below is written from the docs, not from src/uncertainty.

Per issue it checks:
- `rank_interval`: the percentile interval at (1 - level)/2 and (1 + level)/2 of the replicate
  mid-ranks (equal exact scores tie and share their places), each end the type-1 quantile: the
  smallest value x whose share of replicates at or below x is at least p. Exact equality.
- `rank_set`: the simultaneous sets of Mogstad et al. (2024): s_ij the bootstrap standard
  deviation of d*_ij, c the type-1 level quantile of max over pairs with s_ij > 0 of
  |d*_ij - d_ij| / s_ij, j surely above i when d_ji - c s_ji > 0 (s_ji = 0: d_ji > 0). Float64
  from the exact scores; equal as whole ranks.
- `tier_probability` (frozen cuts, exact), the full analysis's `score` (1e-12) and `rank_mid`.
materia has no score interval and no option for the level (every front end uses 0.95; the JSON
reports it as bootstrap.level, which the reference reads).

Self-test: each mutant of the percentile rule (one end's index one off either way, or the
0-based index floor(B p) of a common implementation) must disagree with materia on some bound of
some dataset, else the data could not catch that bug and the test fails.

A case marked known (an exact tie that materia's floating sums split) must still disagree: it
prints the disagreement and fails only once it is gone, so that it is made an ordinary case.

Usage: bootstrap_reference.py MATERIA_BINARY. Exits 1 on any disagreement or a blind mutant.
"""
import json
import math
import subprocess
import sys
import tempfile
from fractions import Fraction
from pathlib import Path

import numpy as np

from tier_probability import borda_normalized, frozen_cuts, frozen_tier, replicate_rows


def exact_mid_ranks(scores):
    """Mid-ranks of exact scores, larger = better: equal scores share the mean of their places."""
    order = sorted(range(len(scores)), key=lambda i: -scores[i])
    ranks, start = [None] * len(scores), 0
    while start < len(order):
        end = start
        while end < len(order) and scores[order[end]] == scores[order[start]]:
            end += 1
        for i in order[start:end]:
            ranks[i] = Fraction(start + 1 + end, 2)
        start = end
    return ranks


def type1_quantile(values, p):
    """The inverse of the empirical distribution: the smallest observed x with F(x) >= p."""
    count = len(values)
    for x in sorted(set(values)):
        if Fraction(sum(v <= x for v in values), count) >= p:
            return x
    return max(values)


def percentile_interval(values, level):
    return (type1_quantile(values, (1 - level) / 2), type1_quantile(values, (1 + level) / 2))


# Wrong percentile rules: (name, index of the low end, index of the high end), 1-based indices
# into the sorted replicates, clamped to 1..B. The documented rule is ceil(B p) at both ends.
def _ceil(count, p):
    return max(1, math.ceil(count * p))


MUTANTS = [
    ("low end at ceil(B p) - 1", lambda c, p: _ceil(c, p) - 1, _ceil),
    ("low end at ceil(B p) + 1", lambda c, p: _ceil(c, p) + 1, _ceil),
    ("high end at ceil(B p) - 1", _ceil, lambda c, p: _ceil(c, p) - 1),
    ("high end at ceil(B p) + 1", _ceil, lambda c, p: _ceil(c, p) + 1),
    ("0-based index floor(B p) at both ends", lambda c, p: math.floor(c * p) + 1,
     lambda c, p: math.floor(c * p) + 1),
]


def mutant_interval(sorted_values, level, low_index, high_index):
    count = len(sorted_values)

    def at(index):
        return sorted_values[min(max(index, 1), count) - 1]

    return (at(low_index(count, (1 - level) / 2)), at(high_index(count, (1 + level) / 2)))


def rank_sets(estimates, replicates, level):
    """estimates (n,), replicates (B, n): float64 scores, larger = better. Returns (low, high)."""
    n = len(estimates)
    d_hat = estimates[:, None] - estimates[None, :]
    d_star = replicates[:, :, None] - replicates[:, None, :]  # (B, n, n)
    s = d_star.std(axis=0, ddof=1)  # the sets do not depend on ddof: c s is scale-free
    usable = (s > 0) & ~np.eye(n, dtype=bool)
    t = np.abs(d_star - d_hat) / np.where(usable, s, 1.0)
    t_max = np.where(usable, t, 0.0).max(axis=(1, 2))
    c = type1_quantile(list(t_max), level)
    surely = np.where(usable, d_hat - c * s > 0, (s == 0) & (d_hat > 0))  # [j, i]: j above i
    np.fill_diagonal(surely, False)
    return 1 + surely.sum(axis=0), n - surely.sum(axis=1)


def dataset(rng, n, m, not_assessed_share, tie_share, weights, duplicates=0):
    """m firms (ranks {issue: rank}, weight, policy) over issues 0..n-1, each issue listed."""
    firms = []
    for _ in range(m - duplicates):
        k = int(rng.integers(1, n // 2 + 2))
        listed = [int(i) for i in rng.permutation(n)[:k]]
        ranks = {}
        for position, issue in enumerate(listed):
            tied = position > 0 and rng.random() < tie_share
            ranks[issue] = ranks[listed[position - 1]] if tied else position + 1
        policy = "not_assessed" if rng.random() < not_assessed_share else "bottom"
        firms.append((ranks, rng.choice(weights), policy))
    for _ in range(duplicates):  # identical lists: replicates with exact ties between issues
        firms.append(firms[int(rng.integers(len(firms)))])
    missing = sorted(set(range(n)) - {i for ranks, _, _ in firms for i in ranks})
    ranks = firms[0][0]
    for issue in missing:
        ranks[issue] = max(ranks.values()) + 1
    return firms


def cases():
    """(name, n, firms, B, seed, extra CLI options, known disagreement or None)."""
    rng = np.random.default_rng(20261208)
    one, mixed = [Fraction(1)], [Fraction(1), Fraction(1), Fraction(2)]
    odd = [Fraction(0), Fraction(1, 2), Fraction(1), Fraction(3)]
    yield ("bottom, N = 16", 16, dataset(rng, 16, 20, 0.0, 0.0, mixed), 200, 7, [], None)
    yield ("mixed policies and ties, N = 20", 20, dataset(rng, 20, 23, 0.3, 0.25, mixed), 301,
           20261206, ["--tiers", "quantile:4", "--threads", "2"], None)
    yield ("not_assessed, weights 0 to 3, --universe 24", 12,
           dataset(rng, 12, 9, 1.0, 0.2, odd), 400, 99, ["--universe", "24"], None)
    yield ("3 firms", 5, dataset(rng, 5, 3, 0.5, 0.3, one), 41, 3,
           ["--tiers", "counts:2,2", "--threads", "1"], None)
    yield ("duplicated firms, --universe 10", 8, dataset(rng, 8, 10, 0.2, 0.4, mixed, 4), 160,
           11, ["--universe", "10"], None)
    # y and z both score exactly 5/6, y from two firms and z from one: they tie (rank_mid 1.5)
    # and y's interval starts at 1.5. Floating sums once split them in the last bit.
    yield ("exact tie from different firms, N = 3", 3,
           [({1: 1, 2: 1}, Fraction(1), "bottom"), ({0: 1}, Fraction(1), "not_assessed"),
            ({0: 1, 1: 1}, Fraction(1), "not_assessed")], 40, 1, ["--tiers", "counts:1"], None)


def run_case(materia, folder, case, name, n, firms, replicates, seed, extra):
    """Returns (failure messages, {mutant: [disagreeing bounds]}, summary line)."""
    companies = [{"id": f"F{f + 1}", "weight": float(w), "unlisted": policy,
                  "issues": [{"name": f"i{i}", "rank": r} for i, r in
                             sorted(ranks.items(), key=lambda item: item[1])]}
                 for f, (ranks, w, policy) in enumerate(firms)]
    path = Path(folder) / f"case{case}.json"
    path.write_text(json.dumps({"taxonomy": "none", "companies": companies}))
    done = subprocess.run([materia, "analyze", str(path), "--bootstrap", str(replicates),
                           "--seed", str(seed), "--format", "json", *extra],
                          capture_output=True, text=True)
    if done.returncode != 0:
        return [f"materia failed: {done.stderr.strip()}"], {}, ""
    result = json.loads(done.stdout)
    rows = {int(row["id"][1:]): row for row in result["issues"]}
    assert sorted(rows) == list(range(n)), "every issue is listed"
    level = Fraction(str(result["bootstrap"]["level"]))  # 0.95 -> 19/20 exactly
    universe = result["universe"]
    failures = []

    full = borda_normalized(firms, n, universe)
    score_error = max(abs(float(full[i]) - rows[i]["score"]) for i in range(n))
    if score_error > 1e-12:
        failures.append(f"scores differ by {score_error:.2g}")
    full_mid = exact_mid_ranks(full)
    failures += [f"{rows[i]['id']}: rank_mid {rows[i]['rank_mid']}, reference {full_mid[i]}"
                 for i in range(n) if Fraction(rows[i]["rank_mid"]) != full_mid[i]]

    cuts = frozen_cuts(full, [rows[i]["tier"] for i in range(n)])
    ranks = np.empty((replicates, n), dtype=object)  # exact mid-ranks
    scores = np.empty((replicates, n))
    hits = np.zeros((n, len(cuts) + 1), dtype=int)
    for b in range(replicates):
        drawn = [firms[row] for row in replicate_rows(seed, b, len(firms))]
        exact = borda_normalized(drawn, n, universe)
        ranks[b] = exact_mid_ranks(exact)
        scores[b] = [float(s) for s in exact]
        for i, s in enumerate(exact):
            hits[i, frozen_tier(s, cuts) - 1] += 1

    caught = {mutant: [] for mutant, _, _ in MUTANTS}
    widths = []
    for i in range(n):
        row, column = rows[i], list(ranks[:, i])
        got = tuple(Fraction(v) for v in row["rank_interval"])
        want = percentile_interval(column, level)
        widths.append(want[1] - want[0])
        if got != want:
            failures.append(f"{row['id']}: rank_interval {row['rank_interval']}, reference "
                            f"[{float(want[0])}, {float(want[1])}]")
        for mutant, low_index, high_index in MUTANTS:
            wrong = mutant_interval(sorted(column), level, low_index, high_index)
            caught[mutant] += [f"{row['id']} {end} {float(wrong[e])} vs {float(got[e])}"
                               for e, end in enumerate(("low", "high")) if wrong[e] != got[e]]
        if row["tier_probability"] != [h / replicates for h in hits[i]]:
            failures.append(f"{row['id']}: tier_probability {row['tier_probability']}, "
                            f"reference {[h / replicates for h in hits[i]]}")

    low, high = rank_sets(np.array([float(s) for s in full]), scores, level)
    failures += [f"{rows[i]['id']}: rank_set {rows[i]['rank_set']}, reference "
                 f"[{low[i]}, {high[i]}]" for i in range(n)
                 if rows[i]["rank_set"] != [float(low[i]), float(high[i])]]

    tied = sum(len(set(r)) < n for r in ranks)
    line = (f"{name}: {n} issues, {len(firms)} firms, B = {replicates}, seed {seed}: "
            f"scores within {score_error:.2g}; rank intervals (mean width "
            f"{float(sum(widths)) / n:.2f}), rank sets and P(tier) checked for {n} issues; "
            f"{tied} of {replicates} replicates have tied issues")
    return failures, caught, line


def main():
    materia = sys.argv[1]
    failed = False
    caught = {mutant: [] for mutant, _, _ in MUTANTS}
    with tempfile.TemporaryDirectory() as folder:
        for case, (name, n, firms, replicates, seed, extra, known) in enumerate(cases()):
            failures, found, line = run_case(materia, folder, case, name, n, firms, replicates,
                                             seed, extra)
            print(line if line else name)
            if known:
                print(f"  KNOWN {known}: {'; '.join(failures)}" if failures else
                      f"  FAIL the known disagreement is gone ({known}): make it an ordinary case")
                failed |= not failures
                continue
            for failure in failures:
                print(f"  FAIL {failure}")
            failed |= bool(failures)
            for mutant, bounds in found.items():
                caught[mutant] += [f"{name}: {bound}" for bound in bounds]
    print("self-test: each wrong percentile rule must disagree with materia somewhere")
    for mutant, bounds in caught.items():
        where = sorted({bound.split(": ")[0] for bound in bounds})
        verdict = (f"caught on {len(bounds)} bounds in {len(where)} datasets, e.g. {bounds[0]} "
                   f"(reference vs materia)" if bounds else "NOT CAUGHT: the data is too weak")
        print(f"  {mutant}: {verdict}")
        failed |= not bounds
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
