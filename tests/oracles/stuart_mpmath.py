#!/usr/bin/python3
"""High-precision reference for Stuart's Q (RobustRankAggreg's qStuart recursion evaluated with
50 significant digits in mpmath), used where R's double-precision recursion loses digits to
cancellation (from about 15 lists on). Prints 1 - Q(1 - qbeta(p, j, m - j + 1), j = 1..m), the
`--rra-exact` correction, for the p and m given:
    /usr/bin/python3 tests/oracles/stuart_mpmath.py 1.9222703223172205e-05 16
"""
import sys

import mpmath as mp

mp.mp.dps = 50


def qbeta(a, b, p):
    lo, hi = mp.mpf(0), mp.mpf(1)
    for _ in range(180):  # bisection: 2^-180 is far below the 50 digits kept
        mid = (lo + hi) / 2
        if mp.betainc(a, b, 0, mid, regularized=True) < p:
            lo = mid
        else:
            hi = mid
    return (lo + hi) / 2


def q_stuart(r):
    r = sorted(r)
    n = len(r)
    v = [mp.mpf(1)] * (n + 1)
    for k in range(1, n + 1):
        v[k] = sum((-1) ** (l + 1) * v[k - l] * r[n - k] ** l / mp.factorial(l) for l in range(1, k + 1))
    return mp.factorial(n) * v[n]


p, m = mp.mpf(sys.argv[1]), int(sys.argv[2])
print(mp.nstr(1 - q_stuart([1 - qbeta(j, m - j + 1, p) for j in range(1, m + 1)]), 20))
