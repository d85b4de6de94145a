#!/usr/bin/python3
"""Oracle for include/materia/stats/topk_distance.hpp, from the papers' definitions:
Fagin, Kumar & Sivakumar's (2003) K^(p) as a sum of penalties over every unordered pair of items
(the C++ counts the kinds of pairs instead), and Webber, Moffat & Zobel's (2010) RBO as the
infinite weighted sum (1 - p) sum_d p^(d-1) A_d of agreements A_d = overlap / depth, the depths
beyond the lists filled in by RBO_ext's extrapolation and summed until p^d is negligible (the
C++ uses the closed form).

Writes JSON to the file named by the first argument (or stdout). Regenerate the committed fixture:
    /usr/bin/python3 tests/oracles/topk_distance.py tests/data/oracles/topk_distance.json
"""
import itertools
import json
import sys

import numpy as np


def kendall_p(a, b, p):
    pos_a = {x: i for i, x in enumerate(a)}
    pos_b = {x: i for i, x in enumerate(b)}
    total = 0.0
    for i, j in itertools.combinations(sorted(set(a) | set(b)), 2):
        in_a = (i in pos_a, j in pos_a)
        in_b = (i in pos_b, j in pos_b)
        if all(in_a) and all(in_b):  # case 1
            total += (pos_a[i] - pos_a[j]) * (pos_b[i] - pos_b[j]) < 0
        elif all(in_a) and any(in_b) or all(in_b) and any(in_a):  # case 2
            full, part = (pos_a, pos_b) if all(in_a) else (pos_b, pos_a)
            present, absent = (i, j) if i in part else (j, i)
            total += full[absent] < full[present]  # the absent one ahead where it is listed
        elif all(in_a) or all(in_b):  # case 4: both in one list, neither in the other
            total += p
        else:  # case 3: i only in one list, j only in the other
            total += 1
    return total


def rbo_ext_by_sum(a, b, p):
    S, L = (a, b) if len(a) <= len(b) else (b, a)
    s, l = len(S), len(L)

    def overlap(d):  # items common to the first min(d, s) of S and the first d of L
        return len(set(S[:min(d, s)]) & set(L[:min(d, l)]))

    x_s = overlap(s)
    agreement = []
    for d in range(1, l + 1):
        seen = overlap(d)
        if d > s:  # S's unseen items at depths s+1..d agree at the rate seen at depth s
            seen += x_s * (d - s) / s
        agreement.append(seen / d)
    total, weight, d = 0.0, 1.0, 0
    while True:
        d += 1
        a_d = agreement[d - 1] if d <= l else agreement[l - 1]  # held beyond both lists
        total += (1 - p) * weight * a_d
        weight *= p
        if weight < 1e-18:
            break
    return total


rng = np.random.default_rng(20250121)
pairs = []
for k1, k2, universe in [(5, 5, 8), (10, 10, 12), (10, 10, 40), (3, 7, 9), (12, 4, 15),
                         (20, 20, 25), (6, 6, 6), (1, 1, 2), (2, 9, 20), (15, 15, 15)]:
    items = rng.permutation(universe)
    a = [int(x) for x in rng.permutation(items)[:k1]]
    b = [int(x) for x in rng.permutation(items)[:k2]]
    pairs.append({"first": a, "second": b,
                  "kendall": {str(p_k): kendall_p(a, b, p_k) for p_k in (0.0, 0.25, 0.5, 1.0)},
                  "rbo": {str(p_r): rbo_ext_by_sum(a, b, p_r) for p_r in (0.5, 0.8, 0.9, 0.98)}})

out = json.dumps({"pairs": pairs})
if len(sys.argv) > 1:
    with open(sys.argv[1], "w") as f:
        f.write(out + "\n")
else:
    print(out)
