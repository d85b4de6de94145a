#!/usr/bin/python3
"""Oracle for materia's agreement statistics: SciPy's kendalltau (tau-b), spearmanr and
friedmanchisquare on seeded inputs, ties included. Writes JSON to the file named by the first
argument (or stdout). Regenerate the committed fixture with:
    /usr/bin/python3 tests/oracles/scipy_agreement.py tests/data/oracles/scipy_agreement.json
"""
import json
import sys

import numpy as np
import scipy
from scipy import stats

rng = np.random.default_rng(20241201)
pairs = []
for name, n, kind in [("continuous30", 30, "float"), ("ties40", 40, "small"), ("ties7", 7, "small"),
                      ("ranks91", 91, "ranks"), ("large2000", 2000, "small")]:
    if kind == "float":
        x = rng.normal(size=n)
        y = x + rng.normal(size=n)
    elif kind == "small":
        x = rng.integers(1, 6, size=n).astype(float)
        y = np.where(rng.random(n) < 0.5, x, rng.integers(1, 6, size=n)).astype(float)
    else:
        x = stats.rankdata(rng.integers(1, 30, size=n))
        y = stats.rankdata(x + rng.integers(-10, 10, size=n))
    tau = stats.kendalltau(x, y)  # variant 'b' is the default
    rho = stats.spearmanr(x, y)
    pairs.append({"name": name, "x": x.tolist(), "y": y.tolist(),
                  "tau_b": float(tau.statistic if hasattr(tau, "statistic") else tau[0]),
                  "rho": float(rho.statistic if hasattr(rho, "statistic") else rho[0])})

friedman = []
for name, m, n, levels in [("ratings5x8", 5, 8, 4), ("ratings12x20", 12, 20, 6), ("continuous6x10", 6, 10, 0)]:
    if levels:
        matrix = rng.integers(1, levels + 1, size=(m, n)).astype(float)  # many ties within raters
    else:
        matrix = rng.normal(size=(m, n))
    chi2, p = stats.friedmanchisquare(*matrix.T)  # one argument per item, raters = blocks
    friedman.append({"name": name, "ratings": matrix.tolist(), "chi_square": float(chi2), "p_value": float(p)})

out = json.dumps({"scipy": scipy.__version__, "pairs": pairs, "friedman": friedman}, indent=None)
if len(sys.argv) > 1:
    with open(sys.argv[1], "w") as f:
        f.write(out + "\n")
else:
    print(out)
