#!/usr/bin/python3
"""High-precision reference for RobustRankAggreg's order-statistics scores, where R's
double-precision qStuart recursion loses digits (from about 13 lists on). Three uses:
    stuart_mpmath.py P M        --rra-exact's correction 1 - Q(1 - qbeta(P, j, M-j+1), j = 1..M)
    stuart_mpmath.py --queries  one score per stdin line "METHOD N RANKS [LENGTHS]" (rra_live.R's
                                arbitration): METHOD rra|rra_exact|rra_cutoff|stuart, RANKS the
                                issue's ranks out of N, comma-separated (N = unlisted, x = 1),
                                LENGTHS the lists' lengths (rra_cutoff's sigma = k/N)
    stuart_mpmath.py --cli MATERIA WORK   ctest oracle.stuart_mpmath: materia analyze against
                                these references on many lists and tiny p
Same formulas as R (docs/method.md) with x = r/N, evaluated with 50 significant digits (more
while 1 - Q cancels); stuart's Q, a polynomial in the x's, exactly in rationals.
"""
import csv
import math
import os
import random
import subprocess
import sys

from fractions import Fraction

import mpmath as mp

DIGITS = 50
mp.mp.dps = DIGITS


def pbeta(x, a, b):
    return mp.betainc(a, b, 0, x, regularized=True)


def qbeta(p, a, b):
    """x with pbeta(x, a, b) = p: Newton from the small-x asymptote, bisection as a safeguard."""
    lo, hi = mp.mpf(0), mp.mpf(1)
    beta = mp.beta(a, b)
    x = min((p * a * beta) ** (mp.mpf(1) / a), mp.mpf("0.5"))
    for _ in range(2000):
        f = pbeta(x, a, b) - p
        if f == 0:
            return x
        if f < 0:
            lo = x
        else:
            hi = x
        slope = x ** (a - 1) * (1 - x) ** (b - 1) / beta
        new = x - f / slope if slope > 0 else (lo + hi) / 2
        if abs(new - x) <= x * mp.mpf(10) ** -(DIGITS + 5):
            return new
        if not lo < new < hi:
            new = (lo + hi) / 2
        x = new
    raise RuntimeError("qbeta(%s, %s, %s) did not converge" % (p, a, b))


def q_stuart(r):
    """RobustRankAggreg's qStuart: the alternating recursion, in mpmath or exact Fractions."""
    r = sorted(r)
    n = len(r)
    v = [1] * (n + 1)
    for k in range(1, n + 1):
        v[k] = sum((-1) ** (l + 1) * v[k - l] * r[n - k] ** l / math.factorial(l)
                   for l in range(1, k + 1))
    return math.factorial(n) * v[n]


def exact_correction(p, m):
    """correctBetaPvaluesExact(p, m) = 1 - Q(1 - qbeta(p, j, m - j + 1), j = 1..m)."""
    p = mp.mpf(p)
    if p >= 1 or p <= 0:
        return mp.mpf(1 if p >= 1 else 0)
    # 1 - Q ~ m p: the subtraction and the alternating terms (up to ~e^m) cost digits; add them.
    extra = int(-mp.log10(p)) + m // 2 + 10
    with mp.workdps(DIGITS + extra):
        return +(1 - q_stuart([1 - qbeta(p, j, m - j + 1) for j in range(1, m + 1)]))


def min_beta(x):
    """RobustRankAggreg's betaScores minimum: pbeta(x_(j), j, m - j + 1) over the sorted x."""
    x = sorted(x)
    m = len(x)
    return min([pbeta(v, j, m - j + 1) for j, v in enumerate(x, 1) if v < 1] + [mp.mpf(1)])


def min_threshold_beta(x, sigma):
    """RobustRankAggreg's thresholdBetaScore minimum, transcribed (x: the values below 1)."""
    x = sorted(x)
    sigma = sorted(sigma, reverse=True)
    n = len(sigma)
    rho = mp.mpf(1)
    for k in range(1, min(len(x), n) + 1):
        xk = x[k - 1]
        if sigma[n - 1] >= xk:
            beta = pbeta(xk, k, n + 1 - k)
        else:
            n0 = sum(1 for s in sigma if s >= xk)
            b = [mp.mpf(1)] + [pbeta(xk, j, n0 + 1 - j) if j <= n0 else mp.mpf(0)
                               for j in range(1, k + 1)]
            for z in sigma[n0:]:
                b = [b[0]] + [(1 - z) * b[t] + z * b[t - 1] for t in range(1, k + 1)]
            beta = b[k]
        rho = min(rho, beta)
    return rho


def score(method, n, ranks, lengths=()):
    """The score R reports for one issue: ranks out of n (n = unlisted, x = 1), NA left out."""
    x = [mp.mpf(r) / n for r in ranks]
    m = len(x)
    if method == "rra":
        return min(mp.mpf(1), m * min_beta(x))
    if method == "rra_exact":
        return exact_correction(min_beta(x), m)
    if method == "rra_cutoff":
        return min(mp.mpf(1), m * min_threshold_beta([v for v in x if v < 1],
                                                     [mp.mpf(k) / n for k in lengths]))
    if method == "stuart":  # a polynomial in the x's: exact, in rationals
        q = q_stuart([Fraction(r, n) for r in ranks])
        return mp.mpf(q.numerator) / q.denominator
    raise ValueError("unknown method " + method)


def answer_queries(lines):
    for line in lines:
        fields = line.split()
        if not fields:
            continue
        ranks = [int(r) for r in fields[2].split(",")]
        lengths = [int(k) for k in fields[3].split(",")] if len(fields) > 3 else ()
        value = score(fields[0], int(fields[1]), ranks, lengths)
        print(mp.nstr(value, 20, min_fixed=0, max_fixed=0))


# --cli: cases where R's qStuart loses digits (13 to 30 lists after weighting, p far below 1e-7),
# with weights, both unlisted policies and ties of equal ranks across firms.
CLI_TOLERANCE = 1e-7  # relative, materia against the 50-digit value


def cli_cases():
    rng = random.Random(20261128)
    for lists in (13, 16, 20, 25, 30):
        n = rng.randint(18, 30)
        pool = ["i%02d" % k for k in range(1, n + 1)]
        firms, total = [], 0
        while total < lists:
            w = min(lists - total, rng.choice((1, 1, 2, 3)))
            k = rng.randint(4, min(n, 12))
            # favourites first: a few issues collect top ranks from most firms (tiny p)
            order = sorted(pool, key=lambda i: rng.random() * (1 + pool.index(i)) ** 1.5)
            firms.append((order[:k], w, rng.choice(("bottom", "bottom", "not_assessed"))))
            total += w
        yield "lists%d" % lists, n + 2, firms


def run_cli(materia, work):
    os.makedirs(work, exist_ok=True)
    checked = failures = 0
    worst = (0.0, None)
    for name, n, firms in cli_cases():
        path = os.path.join(work, name + ".csv")
        with open(path, "w") as out:
            out.write("firm,issue,rank,weight,unlisted\n")
            for f, (issues, w, policy) in enumerate(firms, 1):
                for r, issue in enumerate(issues, 1):
                    out.write("F%02d,%s,%d,%d,%s\n" % (f, issue, r, w, policy))
        listed = sorted({i for issues, _, _ in firms for i in issues})
        for method, flags, column in (("rra_exact", ["--rra-exact"], "rho"),
                                      ("stuart", [], "score")):
            output = os.path.join(work, "%s-%s.csv" % (name, method))
            subprocess.run([materia, "analyze", path, "--taxonomy", "none", "--universe", str(n),
                            "--method", "rra" if method == "rra_exact" else "stuart", *flags,
                            "--tiers", "quantile:2", "--format", "csv", "-o", output], check=True)
            with open(output, newline="") as f:
                ours = {row["id"]: float(row[column]) for row in csv.DictReader(f)}
            for issue in listed:
                ranks = []
                for issues, w, policy in firms:
                    if issue in issues:
                        ranks += [issues.index(issue) + 1] * w
                    elif policy == "bottom":
                        ranks += [n] * w
                ref = score(method, n, ranks)
                got = ours[issue]
                rel = abs(got - ref) / ref if ref != 0 else (0.0 if got == 0 else mp.inf)
                checked += 1
                if rel > worst[0]:
                    worst = (float(rel), (name, method, issue))
                if rel > CLI_TOLERANCE:
                    failures += 1
                    print("MISMATCH %s %s %s (%d lists): materia %.17g, 50 digits %s, relative %.3g"
                          % (name, method, issue, len(ranks), got, mp.nstr(ref, 20), float(rel)))
    print("compared %d scores of materia with the 50-digit reference: %d beyond %g relative "
          "(largest %.3g: %s)" % (checked, failures, CLI_TOLERANCE, worst[0], worst[1]))
    return 1 if failures or not checked else 0


if __name__ == "__main__":
    if sys.argv[1:2] == ["--queries"]:
        answer_queries(sys.stdin)
    elif sys.argv[1:2] == ["--cli"]:
        sys.exit(run_cli(sys.argv[2], sys.argv[3]))
    else:
        p, m = mp.mpf(sys.argv[1]), int(sys.argv[2])
        print(mp.nstr(exact_correction(p, m), 20))
