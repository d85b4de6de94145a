#!/usr/bin/python3
"""Oracle for include/materia/aggregate/plackett_luce.hpp, independent of its MM algorithm and of
its analytic information matrix: the log-likelihood of top-k rankings written from the definition,
maximised directly with scipy.optimize (BFGS, then Newton steps on a numerical Hessian) and, as a
second route, by a NumPy MM iteration written from Hunter (2004) (the two must agree to 1e-8), the
covariance from that numerical Hessian, and the quasi-variances by qvcalc's algorithm (R's glm
IRLS with qvcalc's "expLinear" family) checked against scipy.optimize.least_squares.

A ranking is a list of items (first to last; unlisted items rank below, in no known order) or
{"groups": [[tied items], ...], "listed_only": bool}: tied items are each chosen from the same set
of items left (Breslow's approximation), and a listed_only ranking's sets hold only what it lists.

Writes JSON to the file named by the first argument (or stdout). Regenerate the committed fixture:
    /usr/bin/python3 tests/oracles/plackett_luce.py tests/data/oracles/plackett_luce.json

With --cli it checks `materia analyze --method plackett-luce` end to end instead: the rankings are
read back from `materia explain` (each firm's rank of every issue, and which firms count for an
issue they do not list), fitted here, and the worths must agree to 1e-8 relative:
    /usr/bin/python3 tests/oracles/plackett_luce.py --cli build/materia \
        --sample fintech-2024 data/samples/fintech-2024.json tests/data/plackett_luce_ties.json
Exits 1 when they do not.
"""
import json
import subprocess
import sys

import numpy as np
import scipy
from scipy import optimize
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import connected_components


def groups_of(ranking):
    """(groups of tied items from first to last, listed_only) of either form of a ranking."""
    if isinstance(ranking, dict):
        return [list(g) for g in ranking["groups"]], bool(ranking.get("listed_only", False))
    return [[item] for item in ranking], False


def choice_sets(n, rankings, weights):
    """One row per listed item of every ranking: the choice set it is chosen from (the items of
    the ranking's universe not in an earlier group, its own group included), the item and the
    ranking's weight. A last item chosen from a set of itself adds log 1 = 0: kept."""
    sets, chosen, stage_weights = [], [], []
    for ranking, weight in zip(rankings, weights):
        groups, listed_only = groups_of(ranking)
        universe = {i for g in groups for i in g} if listed_only else set(range(n))
        placed = set()
        for group in groups:
            row = [j in universe and j not in placed for j in range(n)]
            for item in group:
                sets.append(row)
                chosen.append(item)
                stage_weights.append(weight)
            placed |= set(group)
    return np.array(sets, dtype=float).reshape(-1, n), np.array(chosen, dtype=int), \
        np.array(stage_weights)


def log_objective(lam, stages, npseudo):
    """Log-likelihood of the rankings (+ pseudo-rankings), lam = log-worths, ghost at 0.
    Works on complex lam (complex-step derivatives), and on a matrix of them (one per row, a value
    per row)."""
    sets, chosen, weights = stages
    lam = np.asarray(lam)
    rows = np.atleast_2d(lam)
    m = np.max(rows.real, axis=1, keepdims=True)
    denominators = np.log(np.exp(rows - m) @ sets.T) + m  # (lam rows, choice sets)
    total = (rows[:, chosen] - denominators) @ weights
    # item i beats the ghost (worth 1) npseudo times and loses to it npseudo times
    log_pair = np.log(np.exp(rows) + 1)
    total = total + npseudo * np.sum(rows - log_pair, axis=1) + npseudo * np.sum(-log_pair, axis=1)
    return total if lam.ndim == 2 else total[0]


def full(theta, n, npseudo):
    return theta if npseudo > 0 else np.concatenate([np.zeros(1, dtype=theta.dtype), theta])


def fit(n, rankings, weights, npseudo):
    dim = n if npseudo > 0 else n - 1  # without the ghost, item 0's log-worth is held at 0
    stages = choice_sets(n, rankings, weights)

    def f(theta):  # theta, or a matrix of them (one per row)
        if theta.ndim == 2 and npseudo == 0:
            theta = np.hstack([np.zeros((theta.shape[0], 1), dtype=theta.dtype), theta])
            return -log_objective(theta, stages, npseudo)
        return -log_objective(full(theta, n, npseudo), stages, npseudo)

    def grad(theta):  # complex-step derivative, every coordinate at once: exact to rounding
        h = 1e-30
        z = np.tile(theta.astype(complex), (dim, 1))
        z[np.arange(dim), np.arange(dim)] += 1j * h
        return f(z).imag / h

    def hessian(theta):  # central differences of the complex-step gradient
        h = 1e-5
        H = np.empty((dim, dim))
        for j in range(dim):
            e = np.zeros(dim)
            e[j] = h
            H[:, j] = (grad(theta + e) - grad(theta - e)) / (2 * h)
        return (H + H.T) / 2

    res = optimize.minimize(f, np.zeros(dim), jac=grad, method="BFGS",
                            options={"gtol": 1e-9, "maxiter": 10000})
    theta = res.x
    H = hessian(theta)
    for _ in range(100):  # Newton steps (the Hessian at the BFGS solution) to the gradient's zero
        g = grad(theta)
        if np.max(np.abs(g)) < 1e-12:
            break
        theta = theta - np.linalg.solve(H, g)
    g = grad(theta)
    if np.max(np.abs(g)) > 1e-10:
        raise RuntimeError("no convergence")
    lam = full(theta, n, npseudo)
    cov_theta = np.linalg.inv(hessian(theta))
    cov = np.zeros((n, n))
    if npseudo > 0:
        cov[:, :] = cov_theta
    else:
        cov[1:, 1:] = cov_theta
    contrast = np.zeros((n, n))
    for i in range(n):
        for j in range(n):
            if i != j:
                contrast[i, j] = cov[i, i] + cov[j, j] - 2 * cov[i, j]
    worth = np.exp(lam - np.max(lam))
    worth /= worth.sum()
    loglik = float(log_objective(lam, stages, 0.0).real)
    penalized = float(log_objective(lam, stages, npseudo).real)
    out = {"npseudo": npseudo, "worth": worth.tolist(), "log_worth": np.log(worth).tolist(),
           "log_likelihood": loglik, "penalized_log_likelihood": penalized,
           "contrast_variance": contrast.tolist()}
    if n >= 3:
        qv = qvcalc(contrast)
        out["quasi_variance"] = qv.tolist()
        errors = [abs(np.sqrt((qv[i] + qv[j]) / contrast[i, j]) - 1)
                  for i in range(n) for j in range(i + 1, n)]
        out["quasi_variance_worst_error"] = float(max(errors))
    return out


def fit_mm(n, rankings, weights, npseudo, tolerance=1e-14, max_iterations=1_000_000):
    """The worths by Hunter's (2004, Ann. Statist. 32(1):384-406) MM algorithm, written here from
    the paper: gamma_i <- w_i / sum over the choice sets s holding i of weight_s / sum_{j in s}
    gamma_j, w_i the weight of the sets i is chosen from; the prior adds npseudo wins and npseudo
    losses against a ghost of worth 1. A second, independent route to the maximum of fit()."""
    sets, chosen, stage_weights = choice_sets(n, rankings, weights)
    wins = np.bincount(chosen, weights=stage_weights, minlength=n) + npseudo
    gamma = np.full(n, 1.0 / n if npseudo == 0 else 1.0)
    for iteration in range(max_iterations):
        denominator = sets.T @ (stage_weights / (sets @ gamma)) + 2 * npseudo / (gamma + 1)
        updated = wins / denominator
        if npseudo == 0:
            updated /= updated.sum()
        change = np.max(np.abs(np.log(updated) - np.log(gamma)))
        gamma = updated
        if change < tolerance:
            return gamma / gamma.sum(), iteration + 1
    raise RuntimeError(f"MM did not converge in {max_iterations} iterations")


def mm_agrees(n, rankings, weights, out):
    """The relative worth difference between MM and the direct maximum `out` (RuntimeError over
    1e-8)."""
    worth, _ = fit_mm(n, rankings, weights, out["npseudo"])
    error = float(np.max(np.abs(worth / np.array(out["worth"]) - 1)))
    if error > 1e-8:
        raise RuntimeError(f"MM and the direct maximum differ by {error:.2g}")
    return error


def qvcalc(contrast):
    """qvcalc.default: glm(log(v_ij) ~ 0 + design, family = expLinear), i.e. IRLS with link
    eta = exp(mu), mu.eta = 1/eta, variance 1, started at mustart = y; iterated to convergence."""
    n = contrast.shape[0]
    first, second = np.triu_indices(n, 1)
    X = np.zeros((len(first), n))
    X[np.arange(len(first)), first] = X[np.arange(len(first)), second] = 1
    y = np.log(contrast[first, second])
    eta = np.exp(y)
    mu = y
    beta = None
    for _ in range(200):
        z = eta + (y - mu) * eta  # eta + (y - mu) / mu.eta(eta)
        w = 1 / eta  # sqrt(mu.eta^2 / variance)
        weighted = X * (w * w)[:, None]  # the weighted least-squares step by its normal equations
        new_beta = np.linalg.solve(weighted.T @ X, weighted.T @ z)
        eta = X @ new_beta
        mu = np.log(eta)
        if beta is not None and np.max(np.abs(new_beta - beta)) <= 1e-15 * np.max(np.abs(new_beta)):
            beta = new_beta
            break
        beta = new_beta
    check = optimize.least_squares(lambda q: y - np.log(X @ q), beta, xtol=1e-15, ftol=1e-15,
                                   gtol=1e-15)
    if np.max(np.abs(check.x - beta)) > 1e-9 * np.max(np.abs(beta)):
        raise RuntimeError("qvcalc IRLS and least_squares disagree")
    return beta


def mle_groups(n, rankings):
    """None when the 'ranked above' graph (i -> j when i is chosen from a set holding j) is
    strongly connected; otherwise the items of the lowest-numbered item's sink group (never ranked
    above the rest) and source group."""
    above = np.zeros((n, n))
    sets, chosen, _ = choice_sets(n, rankings, [1.0] * len(rankings))
    for row, i in zip(sets, chosen):
        for j in range(n):
            if j != i and row[j]:
                above[i, j] = 1
    count, label = connected_components(csr_matrix(above), directed=True, connection="strong")
    if count == 1:
        return None
    out_edge = np.zeros(count, bool)
    in_edge = np.zeros(count, bool)
    for i in range(n):
        for j in range(n):
            if above[i, j] and label[i] != label[j]:
                out_edge[label[i]] = True
                in_edge[label[j]] = True
    sink = next(label[i] for i in range(n) if not out_edge[label[i]])
    source = next(label[i] for i in range(n) if not in_edge[label[i]])
    return ([i for i in range(n) if label[i] == sink], [i for i in range(n) if label[i] == source])


def draw(rng, worth, k):
    """A top-k ranking drawn from the Plackett-Luce model with the given worths."""
    left = list(range(len(worth)))
    out = []
    for _ in range(k):
        p = np.array([worth[i] for i in left])
        item = left[rng.choice(len(left), p=p / p.sum())]
        out.append(int(item))
        left.remove(item)
    return out


def kernel_cases():
    rng = np.random.default_rng(20250117)
    cases = []

    def add(name, n, rankings, weights, priors):
        case = {"name": name, "items": n, "rankings": rankings, "weights": weights, "fits": []}
        groups = mle_groups(n, rankings)
        if groups is not None:
            case["mle_fails"] = {"never_above": groups[0], "never_below": groups[1]}
        for npseudo in priors:
            if npseudo == 0 and groups is not None:
                continue
            case["fits"].append(fit(n, rankings, weights, npseudo))
            mm_agrees(n, rankings, weights, case["fits"][-1])
        cases.append(case)

    true5 = [0.35, 0.25, 0.2, 0.12, 0.08]
    add("complete5", 5, [draw(rng, true5, 5) for _ in range(12)], [1.0] * 12, [0.0, 0.5])
    true8 = np.exp(rng.normal(size=8))
    add("topk8", 8, [draw(rng, true8, int(rng.integers(2, 5))) for _ in range(30)], [1.0] * 30,
        [0.0, 0.5])
    true6 = np.exp(rng.normal(size=6))
    add("weighted6", 6, [draw(rng, true6, 3) for _ in range(10)],
        [float(w) for w in rng.choice([0.5, 1.0, 2.0, 3.5], size=10)], [0.0, 0.5, 2.0])
    add("sparse7", 7, [[0, 1], [2, 3], [1, 4], [5, 0]], [1.0, 2.0, 1.0, 1.0], [0.0, 0.5])
    add("always_first", 4, [[0, 1, 2], [0, 2], [0, 3, 1], [0, 1]], [1.0] * 4, [0.0, 0.5])
    add("never_listed", 6, [[0, 1, 2], [1, 0, 3], [3, 2], [2, 3, 0, 1]], [1.0] * 4, [0.0, 0.5])
    true30 = np.exp(rng.normal(scale=1.2, size=30))
    add("market30", 30, [draw(rng, true30, int(rng.integers(5, 11))) for _ in range(120)],
        [1.0] * 120, [0.0, 0.5])
    # ties (Breslow) and rankings that compare only the items they list
    tied = np.random.default_rng(20261206)
    true7 = np.exp(tied.normal(size=7))
    add("tied7", 7, [draw_tied(tied, true7, int(tied.integers(2, 7)), bool(tied.random() < 0.4))
                     for _ in range(25)],
        [float(w) for w in tied.choice([0.5, 1.0, 2.0], size=25)], [0.0, 0.5])
    add("tied_no_mle", 4, [{"groups": [[0, 1], [2]]}, {"groups": [[1, 0]], "listed_only": True},
                           {"groups": [[2], [3]], "listed_only": True}], [1.0] * 3, [0.0, 0.5])
    return cases


def draw_tied(rng, worth, k, listed_only):
    """A top-k draw whose neighbours are merged into tied groups with probability 0.3."""
    groups = []
    for item in draw(rng, worth, k):
        if groups and rng.random() < 0.3:
            groups[-1].append(item)
        else:
            groups.append([item])
    return {"groups": groups, "listed_only": listed_only}


def materia_json(materia, *args):
    done = subprocess.run([materia, *args, "--format", "json"], capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"materia {' '.join(args)} failed: {done.stderr.strip()}")
    return json.loads(done.stdout)


def cli_rankings(materia, source, path):
    """The issue ids (columns), the rankings and weights of the firms of positive weight that list
    something: ranks read back from `materia explain` of every issue, weights and unlisted
    policies from the dataset file at `path`."""
    result = materia_json(materia, "analyze", *source, "--method", "plackett-luce")
    ids = [issue["id"] for issue in result["issues"]]
    with open(path, encoding="utf-8") as f:
        companies = json.load(f)["companies"]
    weight = {firm["id"]: float(firm.get("weight", 1)) for firm in companies}
    policy = {firm["id"]: firm.get("unlisted") or "bottom" for firm in companies}
    ranks = {firm: {} for firm in weight}  # firm -> {column: rank}
    seen = {firm: 0 for firm in weight}  # issues whose explanation lists the firm
    for column, issue in enumerate(ids):
        explained = materia_json(materia, "explain", *source, issue, "--method", "plackett-luce")
        for part in explained["firms"]:
            seen[part["firm"]] += 1
            if part["listed"]:
                ranks[part["firm"]][column] = part["rank"]
    rankings, weights = [], []
    for firm, listed in ranks.items():
        if weight[firm] <= 0 or not listed:
            continue
        groups = []
        for rank in sorted(set(listed.values())):
            groups.append(sorted(c for c, r in listed.items() if r == rank))
        # explain leaves a not_assessed firm out of the issues it does not list
        listed_only = policy[firm] == "not_assessed"
        if listed_only != (seen[firm] < len(ids)) and len(listed) < len(ids):
            raise RuntimeError(f"explain counts firm {firm} against its policy {policy[firm]}")
        rankings.append({"groups": groups, "listed_only": listed_only})
        weights.append(weight[firm])
    return ids, rankings, weights


def check_cli(materia, sources):
    failures = 0
    for source, path in sources:
        ids, rankings, weights = cli_rankings(materia, source, path)
        n = len(ids)
        ties = sum(len(g) > 1 for r in rankings for g in r["groups"])
        listed_only = sum(r["listed_only"] for r in rankings)
        priors = [0.5, 2.0] + ([0.0] if mle_groups(n, rankings) is None else [])
        for npseudo in priors:
            reference = fit(n, rankings, weights, npseudo)
            mm_worth, mm_iterations = fit_mm(n, rankings, weights, npseudo)
            ours = materia_json(materia, "analyze", *source, "--method", "plackett-luce",
                                "--pl-prior", repr(npseudo))
            by_id = {issue["id"]: issue for issue in ours["issues"]}
            worth_error = max(abs(by_id[i]["score"] / reference["worth"][c] - 1)
                              for c, i in enumerate(ids))
            log_error = max(abs(by_id[i]["log_worth"] - reference["log_worth"][c])
                            for c, i in enumerate(ids))
            qse_error = 0.0
            if n >= 3:
                qse_error = max(abs(by_id[i]["quasi_se"] /
                                    np.sqrt(reference["quasi_variance"][c]) - 1)
                                for c, i in enumerate(ids))
            mm_error = max(abs(by_id[i]["score"] / mm_worth[c] - 1) for c, i in enumerate(ids))
            ok = worth_error <= 1e-8 and mm_error <= 1e-8 and log_error <= 1e-8 and \
                qse_error <= 1e-6
            failures += not ok
            print(f"{' '.join(source)}: {n} issues, {len(rankings)} rankings ({ties} tied groups, "
                  f"{listed_only} not_assessed), pl_prior {npseudo}: worth rel. error "
                  f"{worth_error:.2g} (MM, {mm_iterations} iterations: {mm_error:.2g}), log-worth "
                  f"{log_error:.2g}, quasi_se rel. {qse_error:.2g}"
                  f"{'' if ok else '  FAIL'}")
    return failures


def main():
    if len(sys.argv) > 2 and sys.argv[1] == "--cli":
        materia, sources, args = sys.argv[2], [], sys.argv[3:]
        while args:  # --sample NAME ITS_FILE, or FILE
            if args[0] == "--sample":
                sources.append((args[:2], args[2]))
                args = args[3:]
            else:
                sources.append((args[:1], args[0]))
                args = args[1:]
        sys.exit(1 if check_cli(materia, sources) else 0)
    out = json.dumps({"scipy": scipy.__version__, "cases": kernel_cases()})
    if len(sys.argv) > 1:
        with open(sys.argv[1], "w") as f:
            f.write(out + "\n")
    else:
        print(out)


if __name__ == "__main__":
    main()
