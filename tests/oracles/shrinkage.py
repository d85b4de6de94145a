#!/usr/bin/python3
"""Oracle for include/materia/matrix/shrinkage.hpp: empirical Bayes shrinkage of group means with
the between-group variance tau^2 from the method of moments. tau^2 is found here by solving the
moment equation Q = E[Q](tau^2) numerically (scipy.optimize.brentq on the expectation written as
a sum over groups), not by its closed form; the pooled variance of raw groups comes from numpy.

Writes JSON to the file named by the first argument (or stdout). Regenerate the committed fixture:
    /usr/bin/python3 tests/oracles/shrinkage.py tests/data/oracles/shrinkage.json
"""
import json
import sys

import numpy as np
import scipy
from scipy import optimize


def shrink(means, counts, s2):
    means, counts = np.asarray(means, float), np.asarray(counts, float)
    k = len(means)
    D = s2 / counts
    w = 1 / D
    m_w = np.sum(w * means) / np.sum(w)
    Q = np.sum(w * (means - m_w) ** 2)

    def expected_q(tau2):
        # E[(x_i - m_w)^2] = Var(x_i) - 2 Cov(x_i, m_w) + Var(m_w) with Var(x_i) = D_i + tau2
        v = D + tau2
        var_mw = np.sum(w ** 2 * v) / np.sum(w) ** 2
        cov = w * v / np.sum(w)
        return np.sum(w * (v - 2 * cov + var_mw))

    if Q <= expected_q(0.0):
        tau2 = 0.0
    else:
        high = 1.0
        while expected_q(high) < Q:
            high *= 2
        tau2 = optimize.brentq(lambda t: expected_q(t) - Q, 0.0, high, xtol=1e-15, rtol=1e-15)
    precision = 1 / (D + tau2)
    mu = np.sum(precision * means) / np.sum(precision)
    B = D / (D + tau2)
    return {"tau_squared": float(tau2), "grand_mean": float(mu), "shrinkage": B.tolist(),
            "shrunk_means": (B * mu + (1 - B) * means).tolist()}


rng = np.random.default_rng(20250119)
summaries = []
for name, k, equal in [("equal8", 8, True), ("unequal12", 12, False), ("unequal30", 30, False)]:
    theta = rng.normal(3.0, 0.6, size=k)
    counts = np.full(k, 6) if equal else rng.integers(1, 25, size=k)
    means = theta + rng.normal(size=k) * np.sqrt(1.5 / counts)
    case = {"name": name, "means": means.tolist(), "counts": counts.astype(float).tolist(),
            "pooled_variance": 1.5}
    case.update(shrink(means, counts, 1.5))
    summaries.append(case)
# Means closer together than their noise: tau^2 truncated at 0.
case = {"name": "truncated", "means": [2.0, 2.1, 1.95, 2.05], "counts": [3.0, 5.0, 2.0, 4.0],
        "pooled_variance": 1.0}
case.update(shrink(case["means"], case["counts"], 1.0))
summaries.append(case)

groups = []
for name, k in [("raw5", 5), ("raw15", 15)]:
    data = [(rng.normal(rng.normal(0, 1), 1.2, size=int(rng.integers(2, 12)))).tolist()
            for _ in range(k)]
    means = [np.mean(g) for g in data]
    counts = [len(g) for g in data]
    s2 = sum(np.var(g, ddof=0) * len(g) for g in data) / (sum(counts) - k)
    case = {"name": name, "groups": data}
    case.update(shrink(means, counts, s2))
    groups.append(case)

out = json.dumps({"scipy": scipy.__version__, "summaries": summaries, "groups": groups})
if len(sys.argv) > 1:
    with open(sys.argv[1], "w") as f:
        f.write(out + "\n")
else:
    print(out)
