#!/usr/bin/python3
"""Oracle for include/materia/stats/skillings_mack.hpp, following Skillings & Mack (1981): the
adjusted rank sums A, their covariance from the pair counts lambda_st, and the statistic computed
two ways that must agree -- as the paper does (drop one treatment and invert the remaining
(k-1) x (k-1) covariance) and with numpy's Moore-Penrose inverse -- with scipy's chi-square tail.
For small designs the exact permutation p-value, by enumerating every within-block permutation.

Writes JSON to the file named by the first argument (or stdout). Regenerate the committed fixture:
    /usr/bin/python3 tests/oracles/skillings_mack.py tests/data/oracles/skillings_mack.json
"""
import itertools
import json
import sys

import numpy as np
import scipy
from scipy import stats


def adjusted(block):
    """Adjusted centred ranks of one block (NaN = missing -> 0) and its observed positions."""
    obs = [i for i, v in enumerate(block) if not np.isnan(v)]
    a = np.zeros(len(block))
    kj = len(obs)
    if kj >= 2:
        r = stats.rankdata([block[i] for i in obs])  # mid-ranks for ties
        for i, rank in zip(obs, r):
            a[i] = np.sqrt(12 / (kj + 1)) * (rank - (kj + 1) / 2)
    return a, obs


def covariance(values):
    k = len(values[0])
    lam = np.zeros((k, k))
    for block in values:
        obs = [i for i, v in enumerate(block) if not np.isnan(v)]
        if len(obs) < 2:
            continue
        for s in obs:
            for t in obs:
                if s != t:
                    lam[s, t] += 1
    sigma = -lam
    np.fill_diagonal(sigma, lam.sum(axis=1))
    return sigma


def statistic(values, sigma_pinv):
    A = sum(adjusted(block)[0] for block in values)
    return A, float(A @ sigma_pinv @ A)


def skillings_mack(values):
    k = len(values[0])
    sigma = covariance(values)
    pinv = np.linalg.pinv(sigma)
    A, T = statistic(values, pinv)
    df = int(np.linalg.matrix_rank(sigma))
    if df == k - 1:  # the paper's form: the first k - 1 sums and the inverse of their covariance
        T_paper = float(A[:-1] @ np.linalg.solve(sigma[:-1, :-1], A[:-1]))
        if abs(T_paper - T) > 1e-9 * (1 + T):
            raise RuntimeError("the paper's statistic and the pseudo-inverse one disagree")
    return {"statistic": T, "df": df, "p_value": float(stats.chi2.sf(T, df)),
            "adjusted_sums": A.tolist(), "covariance": sigma.tolist()}, pinv


def exact_permutation_p(values, pinv, observed):
    """P(T >= observed) over all within-block permutations of the observed values."""
    choices = []
    for block in values:
        obs = [i for i, v in enumerate(block) if not np.isnan(v)]
        options = []
        for perm in itertools.permutations([block[i] for i in obs]):
            b = list(block)
            for i, v in zip(obs, perm):
                b[i] = v
            options.append(adjusted(b)[0])
        choices.append(options)
    count = total = 0
    for combo in itertools.product(*choices):
        A = sum(combo)
        total += 1
        count += float(A @ pinv @ A) >= observed * (1 - 1e-10)
    return count / total


rng = np.random.default_rng(20250122)
nan = float("nan")
cases = []


def add(name, values, exact=False):
    case = {"name": name, "values": [[None if np.isnan(v) else v for v in row] for row in values]}
    result, pinv = skillings_mack(values)
    case.update(result)
    if exact:
        case["exact_permutation_p"] = exact_permutation_p(values, pinv, result["statistic"])
    cases.append(case)


def random_design(blocks, k, missing, ties=False):
    values = []
    for _ in range(blocks):
        effect = np.arange(k) * 0.4
        row = effect + rng.normal(size=k)
        if ties:
            row = np.round(row)
        row = [float(v) for v in row]
        for i in rng.choice(k, size=missing, replace=False):
            row[i] = nan
        values.append(row)
    return values


add("complete6x4", random_design(6, 4, 0))
add("missing10x5", random_design(10, 5, 1))
add("missing25x8", random_design(25, 8, 3))
add("ties12x5", random_design(12, 5, 1, ties=True))
add("varying", [[1, 2, nan, 4], [2, nan, 1, nan], [nan, 3, 1, 2], [4, 1, 3, 2], [1, nan, 2, nan],
                [nan, 2, 1, nan], [3, 1, nan, 2]])
add("singletons", [[1, 2, 3], [nan, 5, nan], [2, 1, nan], [nan, nan, nan], [3, 1, 2]])
add("small_exact", [[1, 2, 3], [2, 1, nan], [1, 3, 2], [nan, 1, 2], [1, 2, 3], [2, nan, 1]],
    exact=True)
add("small_exact_ties", [[1, 1, 3, 2], [2, 1, nan, 4], [1, 3, 2, nan], [nan, 1, 2, 2],
                         [1, 2, 3, 4]], exact=True)

out = json.dumps({"scipy": scipy.__version__, "cases": cases})
if len(sys.argv) > 1:
    with open(sys.argv[1], "w") as f:
        f.write(out + "\n")
else:
    print(out)
