#!/usr/bin/python3
"""Oracle for kernels::simultaneous_rank_sets (include/materia/uncertainty/resampling.hpp): the
simultaneous confidence sets for ranks of Mogstad, Romano, Shaikh & Wilhelm (2024, section 3.2)
with bootstrap standard errors, written with NumPy array operations over all pairs at once.

Writes JSON to the file named by the first argument (or stdout). Regenerate the committed fixture:
    /usr/bin/python3 tests/oracles/rank_sets.py tests/data/oracles/rank_sets.json
"""
import json
import math
import sys

import numpy as np


def rank_sets(estimates, replicates, level):
    """estimates: (n,) scores, larger = better; replicates: (n, B) bootstrap scores."""
    theta = np.asarray(estimates, dtype=float)
    boot = np.asarray(replicates, dtype=float)
    n, count = boot.shape
    d_hat = theta[:, None] - theta[None, :]  # d_hat[i, j] = theta_i - theta_j
    d_star = boot[:, None, :] - boot[None, :, :]  # (n, n, B)
    se = d_star.std(axis=2, ddof=1)
    off_diagonal = ~np.eye(n, dtype=bool)
    usable = off_diagonal & (se > 0)
    safe = np.where(usable, se, 1.0)
    t = np.abs(d_star - d_hat[:, :, None]) / safe[:, :, None]
    t_max = np.where(usable[:, :, None], t, 0.0).max(axis=(0, 1))  # one per replicate
    # type-1 quantile: the smallest value with a share of at least `level` at or below it
    critical = float(np.sort(t_max)[max(math.ceil(count * level - 1e-9), 1) - 1])
    surely_above = off_diagonal & (d_hat - critical * se > 0)  # [i, j]: i surely above j
    low = 1 + surely_above.sum(axis=0)  # issues surely above j
    high = n - surely_above.sum(axis=1)  # issues surely below i
    return low.tolist(), high.tolist(), critical


rng = np.random.default_rng(20261206)
cases = []
for name, n, count, spread, noise, level in [
        ("clear", 6, 400, 3.0, 0.3, 0.95),
        ("overlapping", 8, 300, 1.0, 0.15, 0.95),
        ("mixed", 12, 300, 2.0, 0.3, 0.9),
        ("two", 2, 200, 1.0, 0.2, 0.95),
        ("wide", 20, 200, 3.0, 0.4, 0.95)]:
    theta = np.sort(rng.normal(scale=spread, size=n))[::-1]
    boot = theta[:, None] + rng.normal(scale=noise, size=(n, count))
    if name == "mixed":  # a pair whose difference never varies, and a tied pair
        boot[1] = boot[0] - (theta[0] - theta[1])
        theta[3] = theta[2]
    # on a grid of 2^-20, so that every difference and sum is exact in both implementations
    theta, boot = np.round(theta * 2**20) / 2**20, np.round(boot * 2**20) / 2**20
    low, high, critical = rank_sets(theta, boot, level)
    cases.append({"name": name, "level": level, "estimates": theta.tolist(),
                  "replicates": boot.tolist(), "low": low, "high": high,
                  "critical": critical})

out = json.dumps({"numpy": np.__version__, "cases": cases})
if len(sys.argv) > 1:
    with open(sys.argv[1], "w") as f:
        f.write(out + "\n")
else:
    print(out)
