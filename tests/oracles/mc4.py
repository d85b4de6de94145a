#!/usr/bin/python3
"""Oracle for `materia analyze --method mc4` (include/materia/aggregate/pairwise.hpp), end to end:
Dwork, Kumar, Naor & Sivakumar (2001, WWW10, section 4.1) chain MC4 written from the paper with
NumPy. From issue p pick q uniformly among all n issues; move to q when a majority of the firms
that order the pair strictly puts q above p, else stay. A `bottom` firm ranks what it lists above
what it does not (Dwork et al.'s partial lists are the `not_assessed` firms: only the pairs they
list both of). Teleportation alpha (--mc4-teleport, default 0.15) makes the chain ergodic: the
scores are the stationary distribution of (1 - alpha) T + alpha / n, here the null vector of its
transpose minus the identity by a least-squares solve (no power iteration).

Usage: mc4.py MATERIA_BINARY. It writes seeded datasets (each unlisted policy alone, both mixed
with weights and tied ranks, a majority cycle; some at other teleportations) to a temporary
folder, runs materia on each and exits 1 unless every score agrees to 1e-10.
"""
import json
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np

DEFAULT_TELEPORT = 0.15  # materia's, when --mc4-teleport is not given

def stationary(firms, n, teleport):
    """The MC4 scores of `firms`, each (ranks: {issue: rank}, weight, policy)."""
    prefer = np.zeros((n, n))  # prefer[i, j]: the weight of the firms putting i above j
    for ranks, weight, policy in firms:
        for i in range(n):
            for j in range(n):
                if i == j:
                    continue
                if i in ranks and j in ranks:
                    prefer[i, j] += weight * (ranks[i] < ranks[j])
                elif policy == "bottom" and i in ranks:
                    prefer[i, j] += weight
    margin = prefer - prefer.T
    beats = margin > 1e-12 * max(prefer.max(), 1.0)  # beats[q, p]: q beats p
    T = np.zeros((n, n))  # T[p, q]: from p to q
    for p in range(n):
        for q in range(n):
            if q != p and beats[q, p]:
                T[p, q] = 1.0 / n
        T[p, p] = 1.0 - T[p].sum()
    M = (1 - teleport) * T + teleport / n
    # pi M = pi, sum(pi) = 1
    system = np.vstack([M.T - np.eye(n), np.ones((1, n))])
    rhs = np.concatenate([np.zeros(n), [1.0]])
    pi, *_ = np.linalg.lstsq(system, rhs, rcond=None)
    return pi


def cases():
    rng = np.random.default_rng(20261206)

    def random_firms(count, n, policy_of, weights, tie_share):
        firms = []
        for f in range(count):
            k = int(rng.integers(2, n + 1))
            listed = rng.permutation(n)[:k]
            ranks, rank = {}, 1
            for position, issue in enumerate(listed):
                if position > 0 and rng.random() < tie_share:
                    ranks[int(issue)] = ranks[int(listed[position - 1])]
                else:
                    ranks[int(issue)] = rank
                rank += 1
            firms.append((ranks, float(weights[f % len(weights)]), policy_of(f)))
        return firms

    yield "bottom", 12, random_firms(15, 12, lambda f: "bottom", [1.0], 0.0), None
    yield "not_assessed", 10, random_firms(14, 10, lambda f: "not_assessed", [1.0], 0.0), None
    mixed = random_firms(25, 15, lambda f: ["bottom", "not_assessed"][f % 2],
                         [1.0, 2.0, 0.5, 3.0], 0.2)
    yield "mixed", 15, mixed, None
    yield "mixed, teleport 0.4", 15, mixed, 0.4
    # a Condorcet cycle a > b > c > a, and d below all
    cycle = [({0: 1, 1: 2, 2: 3, 3: 4}, 1.0, "bottom"), ({1: 1, 2: 2, 0: 3, 3: 4}, 1.0, "bottom"),
             ({2: 1, 0: 2, 1: 3, 3: 4}, 1.0, "bottom")]
    yield "cycle", 4, cycle, None
    yield "cycle, teleport 1", 4, cycle, 1.0


def dataset(firms, n):
    companies = []
    for f, (ranks, weight, policy) in enumerate(firms):
        issues = [{"name": f"i{issue}", "rank": rank}
                  for issue, rank in sorted(ranks.items(), key=lambda item: item[1])]
        companies.append({"id": f"F{f + 1}", "weight": weight, "unlisted": policy,
                          "issues": issues})
    # every issue listed by some firm: an issue nobody lists is not in the analysis
    assert {issue for ranks, _, _ in firms for issue in ranks} == set(range(n))
    return {"taxonomy": "none", "companies": companies}


def main():
    materia = sys.argv[1]
    failures = 0
    with tempfile.TemporaryDirectory() as folder:
        for case, (name, n, firms, teleport) in enumerate(cases()):
            path = Path(folder) / f"case{case}.json"
            path.write_text(json.dumps(dataset(firms, n)), encoding="utf-8")
            given = [] if teleport is None else ["--mc4-teleport", repr(teleport)]
            done = subprocess.run([materia, "analyze", str(path), "--method", "mc4", *given,
                                   "--format", "json"], capture_output=True, text=True)
            if done.returncode != 0:
                print(f"{name}: materia failed: {done.stderr.strip()}")
                failures += 1
                continue
            ours = {issue["id"]: issue["score"] for issue in json.loads(done.stdout)["issues"]}
            expected = stationary(firms, n, DEFAULT_TELEPORT if teleport is None else teleport)
            error = max(abs(ours[f"i{i}"] - expected[i]) for i in range(n))
            ok = error <= 1e-10 and len(ours) == n
            failures += not ok
            policies = sorted({policy for _, _, policy in firms})
            print(f"{name}: {n} issues, {len(firms)} firms ({', '.join(policies)}): "
                  f"largest score difference {error:.2g}{'' if ok else '  FAIL'}")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
