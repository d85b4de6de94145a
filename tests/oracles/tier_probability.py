#!/usr/bin/python3
"""Oracle for the bootstrap's P(tier) (src/uncertainty/uncertainty.cpp, docs/method.md section 11),
end to end: `materia analyze --bootstrap B` on seeded datasets against a reference written here
from the definitions, in exact rational arithmetic.

- Replicate b draws the m firms with replacement from std::mt19937_64 seeded by
  std::seed_seq{seed low, seed high, b low, b high}, each index by rejection (draws below
  2^64 mod m are redrawn, then draw mod m). Both the seed sequence and the engine are written
  here from the C++ standard ([rand.util.seedseq], [rand.eng.mers]), not taken from a library.
- Each replicate is scored by borda-normalized (Renda & Straccia 2003) with the full analysis's N:
  v = (N - r + 1) / N for a listed issue (r the mid-rank of its tie group), (N - k + 1) / (2N)
  for an unlisted one under `bottom`, no vote under `not_assessed`; score = sum w v / sum w over
  the firms that count for the issue, 0 when none does.
- The full sample's tiers are frozen as cut points midway between the worst score of tier t and
  the best of tier t + 1; P(tier t) is the share of replicates whose score falls in tier t.

Usage: tier_probability.py MATERIA_BINARY. Exits 1 unless every issue's P(tier) equals the
reference exactly, and the full analysis's scores agree to 1e-12.
"""
import json
import subprocess
import sys
import tempfile
from fractions import Fraction
from pathlib import Path

import numpy as np

MASK32, MASK64 = (1 << 32) - 1, (1 << 64) - 1


def seed_seq_generate(values, count):
    """std::seed_seq{values...}.generate(count words)."""
    b = [0x8B8B8B8B] * count
    s, n = len(values), count
    t = 11 if n >= 623 else 7 if n >= 68 else 5 if n >= 39 else 3 if n >= 7 else (n - 1) // 2
    p = (n - t) // 2
    q = p + t
    m = max(s + 1, n)

    def mix(x):
        return x ^ (x >> 27)

    for k in range(m):
        r1 = (1664525 * mix(b[k % n] ^ b[(k + p) % n] ^ b[(k - 1) % n])) & MASK32
        if k == 0:
            r2 = (r1 + s) & MASK32
        elif k <= s:
            r2 = (r1 + k % n + values[k - 1]) & MASK32
        else:
            r2 = (r1 + k % n) & MASK32
        b[(k + p) % n] = (b[(k + p) % n] + r1) & MASK32
        b[(k + q) % n] = (b[(k + q) % n] + r2) & MASK32
        b[k % n] = r2
    for k in range(m, m + n):
        r3 = (1566083941 * mix((b[k % n] + b[(k + p) % n] + b[(k - 1) % n]) & MASK32)) & MASK32
        r4 = (r3 - k % n) & MASK32
        b[(k + p) % n] ^= r3
        b[(k + q) % n] ^= r4
        b[k % n] = r4
    return b


class MersenneTwister64:
    """std::mt19937_64 seeded from a seed sequence."""
    N, M, R = 312, 156, 31
    A = 0xB5026F5AA96619E9
    UPPER, LOWER = (~((1 << 31) - 1)) & MASK64, (1 << 31) - 1

    def __init__(self, seed_words):
        words = seed_seq_generate(seed_words, 2 * self.N)
        self.state = [words[2 * i] | (words[2 * i + 1] << 32) for i in range(self.N)]
        if self.state[0] & self.UPPER == 0 and not any(self.state[1:]):
            self.state[0] = 1 << 63
        self.index = self.N

    def __call__(self):
        if self.index >= self.N:
            x = self.state
            for k in range(self.N):
                y = (x[k] & self.UPPER) | (x[(k + 1) % self.N] & self.LOWER)
                x[k] = x[(k + self.M) % self.N] ^ (y >> 1) ^ (self.A if y & 1 else 0)
            self.index = 0
        y = self.state[self.index]
        self.index += 1
        y ^= (y >> 29) & 0x5555555555555555
        y ^= (y << 17) & 0x71D67FFFEDA60000
        y ^= (y << 37) & 0xFFF7EEE000000000
        y ^= y >> 43
        return y & MASK64


def replicate_rows(seed, b, m):
    rng = MersenneTwister64([seed & MASK32, seed >> 32 & MASK32, b & MASK32, b >> 32 & MASK32])
    floor = ((1 << 64) - m) % m
    rows = []
    for _ in range(m):
        draw = rng()
        while draw < floor:
            draw = rng()
        rows.append(draw % m)
    return rows


def mid_ranks(ranks):
    """{issue: the mid-rank of its tie group in the firm's list} from the given ranks."""
    order = sorted(ranks, key=lambda issue: ranks[issue])
    out, start = {}, 0
    while start < len(order):
        end = start
        while end < len(order) and ranks[order[end]] == ranks[order[start]]:
            end += 1
        for issue in order[start:end]:
            out[issue] = Fraction(start + 1 + end, 2)
        start = end
    return out


def borda_normalized(firms, n, universe):
    """Exact scores of issues 0..n-1; firms are (ranks, weight, policy)."""
    N = Fraction(universe)
    total, weight = [Fraction(0)] * n, [Fraction(0)] * n
    for ranks, w, policy in firms:
        if w == 0:
            continue
        r, k = mid_ranks(ranks), len(ranks)
        for i in range(n):
            if i in r:
                v = (N - r[i] + 1) / N
            elif policy == "bottom":
                v = (N - k + 1) / (2 * N)
            else:
                continue
            total[i] += w * v
            weight[i] += w
    return [t / w if w else Fraction(0) for t, w in zip(total, weight)]


def frozen_cuts(full, tiers):
    """Cut points midway between the worst exact score of tier t and the best of tier t + 1."""
    count = max(tiers)
    worst = [min(s for s, t in zip(full, tiers) if t == c + 1) for c in range(count)]
    best = [max(s for s, t in zip(full, tiers) if t == c + 1) for c in range(count)]
    return [(worst[c] + best[c + 1]) / 2 for c in range(count - 1)]


def frozen_tier(score, cuts):
    """The tier of a replicate score; a score exactly on a cut counts in the better tier."""
    return 1 + sum(score < cut for cut in cuts)


def cases():
    rng = np.random.default_rng(20261207)

    def firms_of(count, n, not_assessed_share, tie_share):
        firms = []
        for _ in range(count):
            k = int(rng.integers(2, n // 2 + 2))
            listed = [int(i) for i in rng.permutation(n)[:k]]
            ranks = {}
            for position, issue in enumerate(listed):
                tied = position > 0 and rng.random() < tie_share
                ranks[issue] = ranks[listed[position - 1]] if tied else position + 1
            policy = "not_assessed" if rng.random() < not_assessed_share else "bottom"
            firms.append((ranks, int(rng.choice([1, 1, 2])), policy))
        return firms

    yield "bottom", 16, firms_of(20, 16, 0.0, 0.0), 200, 7, "fisher:3"
    yield "mixed with ties", 20, firms_of(23, 20, 0.3, 0.25), 300, 20261206, "quantile:4"


def main():
    materia = sys.argv[1]
    failures = 0
    with tempfile.TemporaryDirectory() as folder:
        for case, (name, n, firms, replicates, seed, tiers) in enumerate(cases()):
            companies = [{"id": f"F{f + 1}", "weight": w, "unlisted": policy,
                          "issues": [{"name": f"i{i}", "rank": r} for i, r in
                                     sorted(ranks.items(), key=lambda item: item[1])]}
                         for f, (ranks, w, policy) in enumerate(firms)]
            path = Path(folder) / f"case{case}.json"
            path.write_text(json.dumps({"taxonomy": "none", "companies": companies}))
            done = subprocess.run([materia, "analyze", str(path), "--bootstrap", str(replicates),
                                   "--seed", str(seed), "--tiers", tiers, "--format", "json"],
                                  capture_output=True, text=True)
            if done.returncode != 0:
                print(f"{name}: materia failed: {done.stderr.strip()}")
                failures += 1
                continue
            result = json.loads(done.stdout)
            rows = {int(row["id"][1:]): row for row in result["issues"]}
            assert sorted(rows) == list(range(n)), "every issue is listed"
            full = borda_normalized(firms, n, result["universe"])
            score_error = max(abs(float(full[i]) - rows[i]["score"]) for i in range(n))
            cuts = frozen_cuts(full, [rows[i]["tier"] for i in range(n)])
            count = len(cuts) + 1
            hits = np.zeros((n, count), dtype=int)
            closest = 1.0
            for b in range(replicates):
                drawn = [firms[row] for row in replicate_rows(seed, b, len(firms))]
                scores = borda_normalized(drawn, n, result["universe"])
                for i, score in enumerate(scores):
                    closest = min([closest] + [abs(float(score - cut)) for cut in cuts])
                    hits[i, frozen_tier(score, cuts) - 1] += 1
            mismatches = [rows[i]["id"] for i in range(n)
                          if rows[i]["tier_probability"] != [h / replicates for h in hits[i]]]
            ok = score_error <= 1e-12 and not mismatches
            failures += not ok
            print(f"{name}: {n} issues, {len(firms)} firms, B = {replicates}, {tiers}: scores "
                  f"within {score_error:.2g}; P(tier) equal for {n - len(mismatches)} of {n} "
                  f"issues (closest replicate score to a cut: {closest:.2g})"
                  f"{'' if ok else '  FAIL ' + ' '.join(mismatches)}")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
