#!/usr/bin/python3
"""Oracle for include/materia/stats/rank_tests.hpp and include/materia/tier/multiple_testing.hpp:
scipy.stats.binomtest's exact two-sided p-value for the sign test, and Holm's, Bonferroni's and
Benjamini-Hochberg's adjustments written from the papers.

Writes JSON to the file named by the first argument (or stdout). Regenerate the committed fixture:
    /usr/bin/python3 tests/oracles/rank_tests.py tests/data/oracles/rank_tests.json
"""
import json
import sys

import numpy as np
import scipy
from scipy import stats


def holm(p):
    """Holm (1979): test the hypotheses in ascending order of p; the i-th smallest (i = 1..m) is
    rejected at level alpha when p_(j) <= alpha / (m - j + 1) for every j <= i. The adjusted
    p-value is the smallest alpha at which it is rejected."""
    m = len(p)
    order = sorted(range(m), key=lambda i: (p[i], i))
    adjusted = [0.0] * m
    for rank, i in enumerate(order):
        adjusted[i] = min(1.0, max((m - j) * p[order[j]] for j in range(rank + 1)))
    return adjusted


def bonferroni(p):
    """Bonferroni: the i-th hypothesis is rejected at level alpha when m p_i <= alpha."""
    return [min(1.0, len(p) * x) for x in p]


def benjamini_hochberg(p):
    """Benjamini & Hochberg (1995): with p_(1) <= ... <= p_(m), reject H_(1..k) for the largest k
    with p_(k) <= k q / m. The adjusted p-value of H_(i) is the smallest q at which it is
    rejected: min over k >= i of m p_(k) / k."""
    m = len(p)
    order = sorted(range(m), key=lambda i: (p[i], i))
    adjusted = [0.0] * m
    for rank, i in enumerate(order):
        adjusted[i] = min(1.0, min(m * p[order[k]] / (k + 1) for k in range(rank, m)))
    return adjusted


rng = np.random.default_rng(20250118)
signs = []
pairs = [(0, 0), (1, 0), (0, 1), (5, 5), (6, 5), (10, 0), (0, 10), (9, 1), (3, 12), (50, 30),
         (600, 540), (1000, 1100), (2, 3), (17, 4), (4000, 4200)]
pairs += [(int(a), int(b)) for a, b in rng.integers(0, 60, size=(10, 2))]
for wins, losses in pairs:
    n = wins + losses
    p = 1.0 if n == 0 else float(stats.binomtest(wins, n, 0.5).pvalue)
    signs.append({"wins": wins, "losses": losses, "p_value": p})

families = []
for name, p in [("ties", [0.01, 0.04, 0.03, 0.04, 0.2, 0.01]),
                ("uniform20", rng.random(20).tolist()),
                ("small12", (rng.random(12) ** 4).tolist()),
                ("one", [0.3]),
                ("bounds", [0.0, 1.0, 0.5, 0.0])]:
    families.append({"name": name, "p_values": p, "holm": holm(p), "bonferroni": bonferroni(p),
                     "bh": benjamini_hochberg(p)})

# Adjacent pairs of a consensus order: 25 firms rank 7 issues (noisy versions of one order).
n, firms = 7, 25
wins = np.zeros((n, n), dtype=int)
scores = np.zeros(n)
for _ in range(firms):
    noisy = np.arange(n) + rng.normal(scale=2.0, size=n)
    ranks = stats.rankdata(noisy)
    scores += ranks
    for i in range(n):
        for j in range(n):
            if ranks[i] < ranks[j]:
                wins[i, j] += 1
order = [int(i) for i in np.argsort(scores, kind="stable")]
p = []
for upper, lower in zip(order, order[1:]):
    a, b = int(wins[upper, lower]), int(wins[lower, upper])
    p.append(1.0 if a + b == 0 else float(stats.binomtest(a, a + b, 0.5).pvalue))
adjacent = {"order": order, "wins": wins.tolist(), "p_values": p, "holm": holm(p)}

out = json.dumps({"scipy": scipy.__version__, "sign_tests": signs, "holm": families,
                  "adjacent": adjacent})
if len(sys.argv) > 1:
    with open(sys.argv[1], "w") as f:
        f.write(out + "\n")
else:
    print(out)
