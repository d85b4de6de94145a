#!/usr/bin/env python3
"""Mutation check of the header-only numeric kernels (include/materia/...).

Each mutation below is a small, deliberate bug in one kernel (a flipped comparison, an
off-by-one, a dropped tie correction). For each one the script writes it into the source tree,
rebuilds materia_tests (which also builds the CLI its tests run), runs the whole binary
(`--gtest_brief=1`; it includes the oracle cases that read the committed fixtures in
tests/data/oracles) and records:

    KILLED (tests)  the build succeeded and some test failed (or crashed, or timed out)
    KILLED (build)  the mutated source did not compile
    SURVIVED        every test passed: the suite cannot tell the bug from the real code

then puts the file back byte for byte (also on Ctrl-C, SIGTERM or an exception). It prints a
table and the score, and exits 1 when a mutant survives that EXPLAINED_SURVIVORS does not list
with a reason (2 for a usage error, a stale mutation or a failing baseline).

    python3 scripts/mutation-check.py SOURCE_DIR BUILD_DIR            # everything
    python3 scripts/mutation-check.py SOURCE_DIR BUILD_DIR --only 7   # one mutant (number or id)
    python3 scripts/mutation-check.py --list                          # the mutations

It EDITS the files of SOURCE_DIR while it runs: give it a checkout of its own (`git clone -q
<repo> /tmp/mutation`), never a tree that others are working in. The mutated files must be
unmodified in git there. Without a CMakeCache.txt, BUILD_DIR is configured with ccache, Ninja
(when installed), no precompiled headers (ccache cannot cache a compile that uses one, and a
kernel header is in every test's precompiled header) and without the Python module and the
benchmarks. Rebuilding after a mutation recompiles everything that includes its header: from
about 2 minutes (positional.hpp, order_statistics.hpp, pairwise.hpp) to 16 (ranking.hpp, which
nearly every file includes) on two shared cores, about 2 h 20 min for the whole list; the files
put back are then ccache hits. Not registered in ctest or CI: it is run by hand
(docs/testing.md, "Mutation check").

Each snippet must occur exactly once in its file; the script checks every mutation before it
changes anything and stops when one does not, so the list cannot rot silently when the code moves.
"""
import argparse
import os
import re
import shutil
import signal
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# (id, file, exact original snippet, replacement, description). type1-epsilon, headtail-mean-in-head
# and gvf-elbow-chord survived the suite until tests/cpp/test_kernel_mutants.cpp.
MUTATIONS = [
    ("mid-rank-last-run", "include/materia/rank/ranking.hpp",
     "while (j + 1 < order.size() && values[order[j + 1]] == values[order[i]])",
     "while (j + 2 < order.size() && values[order[j + 1]] == values[order[i]])",
     "mid_ranks: a run of ties that ends at the last position is not merged"),
    ("unlisted-mid-rank", "include/materia/aggregate/aggregation.hpp",
     "return (static_cast<double>(length) + 1.0 + static_cast<double>(universe)) / 2.0;",
     "return (static_cast<double>(length) + static_cast<double>(universe)) / 2.0;",
     "unlisted_rank: mean of k..N instead of k+1..N (off by one half)"),
    ("borda-normalized", "include/materia/aggregate/positional.hpp",
     "return (n - rank + 1.0) / n;",
     "return (n - rank) / n;",
     "borda-normalized: (N - r) / N instead of (N - r + 1) / N"),
    ("rra-beta-b", "include/materia/aggregate/order_statistics.hpp",
     "return pbeta(j, static_cast<double>(m) - j + 1.0, p.value);",
     "return pbeta(j, static_cast<double>(m) - j + 2.0, p.value);",
     "rra (bounded min-beta): Beta(j, m - j + 2) instead of Beta(j, m - j + 1)"),
    ("stuart-cell-q", "include/materia/aggregate/order_statistics.hpp",
     "const double q = (value - previous) / (1.0 - previous);",
     "const double q = value - previous;",
     "stuart_q: cell probability not conditioned on being above the previous threshold"),
    ("pairwise-tie-prefers", "include/materia/aggregate/pairwise.hpp",
     "if (ri < rj) preferences(i, j) += w;",
     "if (ri <= rj) preferences(i, j) += w;",
     "pairwise_preferences: a tied pair counts as a preference for the first issue"),
    ("tau-b-tied-both", "include/materia/stats/rank_agreement.hpp",
     "static_cast<double>(tied_y) + static_cast<double>(tied_both) -",
     "static_cast<double>(tied_y) -",
     "kendall_tau_b: pairs tied in both x and y no longer added back (numerator)"),
    ("kendall-w-ties", "include/materia/stats/rank_agreement.hpp",
     "const double denominator = md * md * (nd * nd * nd - nd) - md * tie_sum;",
     "const double denominator = md * md * (nd * nd * nd - nd);",
     "kendall_w (and Friedman's chi-square): tie correction dropped"),
    ("type1-epsilon", "include/materia/uncertainty/resampling.hpp",
     "const double position = std::ceil(static_cast<double>(sorted.size()) * p - 1e-9);",
     "const double position = std::ceil(static_cast<double>(sorted.size()) * p);",
     "quantile_type1: no guard against B*p rounding just above a whole number"),
    ("type1-index", "include/materia/uncertainty/resampling.hpp",
     "const auto index = static_cast<std::size_t>(std::max(position, 1.0)) - 1;",
     "const auto index = static_cast<std::size_t>(std::max(position, 1.0));",
     "quantile_type1: percentile index one too high (bootstrap rank intervals)"),
    ("fisher-rightmost-min", "include/materia/tier/fisher.hpp",
     "if (value < best.value) best = {value, i};",
     "if (value <= best.value) best = {value, i};",
     "row_minimum_scalar: rightmost instead of leftmost minimum (tie-break of fish)"),
    ("fisher-last-class-one", "include/materia/tier/fisher.hpp",
     "row_minimum(prev, row, std::max<std::size_t>(opt_lo, 1), std::min(row, opt_hi));",
     "row_minimum(prev, row, std::max<std::size_t>(opt_lo, 1), std::min(row - 1, opt_hi));",
     "Fisher programme: a last class of a single value is never a candidate"),
    ("left-closed-boundary", "include/materia/tier/breaks.hpp",
     "below += right_closed ? b < x : b <= x;",
     "below += right_closed ? b < x : b < x;",
     "natural_breaks: a value on a break goes to the lower class ([b, b') closure lost)"),
    ("headtail-mean-in-head", "include/materia/tier/breaks.hpp",
     "if (v > mu) next.push_back(v);",
     "if (v >= mu) next.push_back(v);",
     "head/tail breaks: a value equal to the mean joins the head"),
    ("quantile-break-hi", "include/materia/tier/breaks.hpp",
     "double x_hi = sorted[std::min(static_cast<std::size_t>(hi), sorted.size()) - 1];",
     "double x_hi = sorted[std::min(static_cast<std::size_t>(hi) + 1, sorted.size()) - 1];",
     "quantile breaks: upper order statistic of the type-7 interpolation one too far"),
    ("gvf-elbow-chord", "include/materia/tier/breaks.hpp",
     "const double slope = (gvf[k_max] - gvf[1]) / static_cast<double>(k_max - 1);",
     "const double slope = (gvf[k_max] - gvf[1]) / static_cast<double>(k_max);",
     "gvf_elbow: chord slope over k_max instead of k_max - 1"),
]

# id -> one-line reason. A surviving mutant listed here does not fail the check; one that is not
# listed does. Keep only equivalent mutants (or accepted gaps, said so) here.
EXPLAINED_SURVIVORS = {
}

CCACHE_SLOPPINESS = "pch_defines,time_macros,include_file_mtime,include_file_ctime"


def die(message):
    """Usage errors, a stale mutation list, a failing baseline: exit 2 (1 is for survivors)."""
    print(message, file=sys.stderr)
    sys.exit(2)


class Interrupted(Exception):
    pass


def on_sigterm(signum, frame):
    raise Interrupted(f"signal {signum}")


def read_bytes(path):
    with open(path, "rb") as f:
        return f.read()


def write_bytes(path, data):
    with open(path, "wb") as f:
        f.write(data)


def line_of(text, snippet):
    return text[:text.index(snippet)].count("\n") + 1


def check_mutations(source):
    """Every snippet exactly once in its file; returns {index: line}. Exits 2 otherwise."""
    problems, lines, ids = [], {}, set()
    for n, (mid, rel, original, replacement, _) in enumerate(MUTATIONS, 1):
        if mid in ids:
            problems.append(f"#{n} {mid}: duplicate id")
        ids.add(mid)
        path = os.path.join(source, rel)
        if not os.path.isfile(path):
            problems.append(f"#{n} {mid}: {rel} does not exist")
            continue
        text = read_bytes(path).decode("utf-8")
        count = text.count(original)
        if count != 1:
            problems.append(f"#{n} {mid}: the snippet occurs {count} times in {rel} "
                            f"(must be exactly once):\n      {original}")
            continue
        if original == replacement:
            problems.append(f"#{n} {mid}: replacement equals the original")
        lines[n] = line_of(text, original)
    for mid in EXPLAINED_SURVIVORS:
        if mid not in ids:
            problems.append(f"EXPLAINED_SURVIVORS names {mid!r}, which is no mutation")
    if problems:
        print("mutation-check: the mutation list no longer matches the sources:", file=sys.stderr)
        for p in problems:
            print("  " + p, file=sys.stderr)
        sys.exit(2)
    return lines


def select(only):
    if only is None:
        return list(range(1, len(MUTATIONS) + 1))
    chosen = []
    for item in only.split(","):
        if item.isdigit() and 1 <= int(item) <= len(MUTATIONS):
            n = int(item)
        else:
            n = next((n for n, m in enumerate(MUTATIONS, 1) if m[0] == item), None)
            if n is None:
                die(f"mutation-check: --only {item}: no such mutation "
                         f"(1..{len(MUTATIONS)} or an id; see --list)")
        if n not in chosen:
            chosen.append(n)
    return chosen


def print_list(lines):
    for n, (mid, rel, original, replacement, description) in enumerate(MUTATIONS, 1):
        where = f"{rel}:{lines[n]}" if n in lines else rel
        note = "  [explained survivor]" if mid in EXPLAINED_SURVIVORS else ""
        print(f"{n:2}. {mid} - {description}{note}\n    {where}\n"
              f"    - {original.strip()}\n    + {replacement.strip()}")


def run(cmd, log, cwd=None, timeout=None, env=None):
    """Runs cmd in its own process group, output to the file `log`; returns (rc, timed_out)."""
    with open(log, "w") as out:
        out.write("$ " + " ".join(cmd) + "\n")
        out.flush()
        proc = subprocess.Popen(cmd, cwd=cwd, stdout=out, stderr=subprocess.STDOUT, env=env,
                                start_new_session=True)
        try:
            return proc.wait(timeout=timeout), False
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
            return None, True
        except BaseException:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
            raise


class Runner:
    def __init__(self, args):
        self.source = os.path.abspath(args.source)
        self.build = os.path.abspath(args.build)
        self.jobs = args.jobs
        self.timeout = args.timeout
        self.gtest_filter = args.gtest_filter
        self.ctest = args.ctest
        self.logs = os.path.join(self.build, "mutation-logs")
        os.makedirs(self.logs, exist_ok=True)
        self.env = dict(os.environ)
        sloppy = [s for s in self.env.get("CCACHE_SLOPPINESS", "").split(",") if s]
        self.env["CCACHE_SLOPPINESS"] = ",".join(sloppy + [s for s in CCACHE_SLOPPINESS.split(",")
                                                          if s not in sloppy])
        self.nice = ["nice", "-n", "10"] if shutil.which("nice") else []

    def configure(self):
        if os.path.exists(os.path.join(self.build, "CMakeCache.txt")):
            return
        cmd = ["cmake", "-S", self.source, "-B", self.build, "-DCMAKE_BUILD_TYPE=Release",
               "-DMATERIA_BUILD_PYTHON=OFF", "-DMATERIA_BUILD_BENCH=OFF",
               "-DCMAKE_DISABLE_PRECOMPILE_HEADERS=ON", f"-DPython_EXECUTABLE={sys.executable}"]
        if shutil.which("ninja"):
            cmd += ["-G", "Ninja"]
        if shutil.which("ccache"):
            cmd += ["-DCMAKE_CXX_COMPILER_LAUNCHER=ccache", "-DCMAKE_C_COMPILER_LAUNCHER=ccache"]
        log = os.path.join(self.logs, "configure.log")
        rc, _ = run(cmd, log, env=self.env)
        if rc != 0:
            die(f"mutation-check: configuring {self.build} failed, see {log}")

    def compile(self, name):
        """Builds materia_tests (add_dependencies builds the CLI with it); True on success."""
        log = os.path.join(self.logs, f"{name}.build.log")
        cmd = self.nice + ["cmake", "--build", self.build, "--target", "materia_tests",
                           "-j", str(self.jobs)]
        rc, timed_out = run(cmd, log, env=self.env)
        return rc == 0 and not timed_out, log

    def test_binary(self):
        for candidate in (os.path.join(self.build, "materia_tests"),
                          os.path.join(self.build, "tests", "materia_tests")):
            if os.path.exists(candidate):
                return candidate
        die(f"mutation-check: no materia_tests in {self.build}")

    def tests(self, name):
        """Runs the tests; returns (passed, failing test names, log)."""
        log = os.path.join(self.logs, f"{name}.test.log")
        cmd = self.nice + [self.test_binary(), "--gtest_brief=1"]
        if self.gtest_filter:
            cmd.append(f"--gtest_filter={self.gtest_filter}")
        rc, timed_out = run(cmd, log, cwd=self.build, timeout=self.timeout, env=self.env)
        failed = []
        with open(log, errors="replace") as f:
            for line in f:
                m = re.match(r"\[  FAILED  \] ([\w/]+\.[\w/]+)", line)
                if m and m.group(1) not in failed:
                    failed.append(m.group(1))
        if timed_out:
            failed.append(f"(timeout after {self.timeout} s)")
        elif rc != 0 and not failed:
            failed.append(f"(exit {rc}: crash?)")
        passed = rc == 0 and not timed_out
        if passed and self.ctest:
            clog = os.path.join(self.logs, f"{name}.ctest.log")
            crc, ctimed_out = run(self.nice + ["ctest", "--test-dir", self.build, "-R", self.ctest,
                                               "--no-tests=error", "--output-on-failure"],
                                  clog, timeout=self.timeout, env=self.env)
            if crc != 0 or ctimed_out:
                passed = False
                with open(clog, errors="replace") as f:
                    failed += [f"ctest:{m.group(1)}" for m in
                               re.finditer(r"^\s*\d+ - (\S+) \(", f.read(), re.M)]
                if not failed:
                    failed.append("ctest failed")
        return passed, failed, log


def check_clean(source, files):
    """The files to mutate must equal git HEAD, so a crash leaves `git checkout` as the cure."""
    if not os.path.isdir(os.path.join(source, ".git")):
        return
    dirty = subprocess.run(["git", "-C", source, "status", "--porcelain", "--"] + sorted(files),
                           capture_output=True, text=True).stdout.strip()
    if dirty:
        die("mutation-check: these files differ from git HEAD in " + source +
                 " (restore them first):\n" + dirty)


def main():
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("source", nargs="?", help="source checkout (its files are edited!)")
    parser.add_argument("build", nargs="?", help="build directory for that checkout")
    parser.add_argument("--list", action="store_true", help="print the mutations and exit")
    parser.add_argument("--only", metavar="N",
                        help="run only mutation N (1-based, or its id; several: 9,14,16)")
    parser.add_argument("--jobs", type=int, default=2, help="build parallelism (default 2)")
    parser.add_argument("--timeout", type=int, default=1800,
                        help="seconds for one test run before the mutant counts as killed")
    parser.add_argument("--gtest-filter", metavar="PATTERN",
                        help="run only these tests (default: the whole materia_tests binary)")
    parser.add_argument("--ctest", metavar="REGEX",
                        help="also run `ctest -R REGEX` (e.g. 'oracle\\..*_cli') when the "
                             "GoogleTest cases pass")
    parser.add_argument("--no-baseline", action="store_true",
                        help="skip building and testing the unmutated tree first")
    args = parser.parse_args()
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)  # --list | head

    source_for_check = os.path.abspath(args.source) if args.source else ROOT
    lines = check_mutations(source_for_check)
    if args.list:
        print_list(lines)
        return 0
    if not args.source or not args.build:
        parser.error("SOURCE_DIR and BUILD_DIR are required (or --list)")
    chosen = select(args.only)
    runner = Runner(args)
    check_clean(runner.source, {MUTATIONS[n - 1][1] for n in chosen})
    signal.signal(signal.SIGTERM, on_sigterm)
    started = time.monotonic()
    runner.configure()

    if not args.no_baseline:
        t0 = time.monotonic()
        ok, log = runner.compile("baseline")
        if not ok:
            die(f"mutation-check: the unmutated tree does not build, see {log}")
        passed, failed, log = runner.tests("baseline")
        if not passed:
            die("mutation-check: the unmutated tree fails tests (" + ", ".join(failed[:5]) +
                     f"), see {log}: no mutant can be judged")
        print(f"baseline: builds and passes ({time.monotonic() - t0:.0f} s)", flush=True)

    results = []  # (n, status, detail, seconds, every failing test)
    mutated_files = set()
    try:
        for n in chosen:
            mid, rel, original, replacement, description = MUTATIONS[n - 1]
            path = os.path.join(runner.source, rel)
            saved = read_bytes(path)
            t0 = time.monotonic()
            print(f"[{n}/{len(MUTATIONS)}] {mid} ({rel}:{lines[n]}) ...", end=" ", flush=True)
            try:
                text = saved.decode("utf-8")
                write_bytes(path, text.replace(original, replacement, 1).encode("utf-8"))
                mutated_files.add(rel)
                built, log = runner.compile(f"{n:02d}-{mid}")
                failed = []
                if not built:
                    status, detail = "KILLED (build)", os.path.relpath(log, runner.build)
                else:
                    passed, failed, log = runner.tests(f"{n:02d}-{mid}")
                    if passed:
                        status, detail = "SURVIVED", ""
                    else:
                        status = "KILLED (tests)"
                        detail = f"{len(failed)} failed: " + ", ".join(failed[:3]) + (
                            ", ..." if len(failed) > 3 else "")
            finally:
                # byte for byte, with Ctrl-C and SIGTERM held off meanwhile; a new mtime, so the
                # next build recompiles what the mutant touched
                blocked = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
                try:
                    write_bytes(path, saved)
                    if read_bytes(path) != saved:
                        raise SystemExit(f"mutation-check: could not restore {path}")
                finally:
                    signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
            seconds = time.monotonic() - t0
            results.append((n, status, detail, seconds, failed))
            print(f"{status} ({seconds:.0f} s)", flush=True)
    except (KeyboardInterrupt, Interrupted) as e:
        print(f"\nmutation-check: interrupted ({str(e) or 'Ctrl-C'}); every file was restored",
              file=sys.stderr)
        return 130

    # Leave the build tree built from the restored sources (ccache hits).
    if mutated_files:
        ok, log = runner.compile("restored")
        if not ok:
            print(f"mutation-check: warning: rebuilding the restored tree failed, see {log}",
                  file=sys.stderr)

    print()
    print(f"{'#':>2}  {'mutation':<24} {'where':<46} {'result':<15} {'s':>5}  detail")
    for n, status, detail, seconds, _ in results:
        mid, rel = MUTATIONS[n - 1][0], MUTATIONS[n - 1][1]
        where = f"{rel.replace('include/materia/', '')}:{lines[n]}"
        print(f"{n:>2}  {mid:<24} {where:<46} {status:<15} {seconds:5.0f}  {detail}")
    killed = sum(1 for r in results if r[1].startswith("KILLED"))
    by_build = sum(1 for r in results if r[1] == "KILLED (build)")
    survivors = [r[0] for r in results if r[1] == "SURVIVED"]
    unexplained = [n for n in survivors if MUTATIONS[n - 1][0] not in EXPLAINED_SURVIVORS]
    print(f"\nscore: {killed}/{len(results)} killed ({by_build} by the build), "
          f"{len(survivors)} survived; {time.monotonic() - started:.0f} s in all")
    for n in survivors:
        mid = MUTATIONS[n - 1][0]
        reason = EXPLAINED_SURVIVORS.get(mid)
        print(f"  survivor #{n} {mid}: " + (f"explained: {reason}" if reason else
                                             "NOT EXPLAINED - a gap in the tests?"))
    for n, status, _, _, _ in results:
        mid = MUTATIONS[n - 1][0]
        if mid in EXPLAINED_SURVIVORS and status != "SURVIVED":
            print(f"  note: #{n} {mid} is listed as an explained survivor but was {status}")
    summary = os.path.join(runner.logs, "summary.tsv")
    with open(summary, "w") as f:
        f.write("n\tid\tresult\tseconds\tfailing tests\n")
        for n, status, _, seconds, failed in results:
            f.write(f"{n}\t{MUTATIONS[n - 1][0]}\t{status}\t{seconds:.0f}\t{' '.join(failed)}\n")
    print(f"logs: {runner.logs} (every failing test of each mutant: {summary})")
    return 1 if unexplained else 0


if __name__ == "__main__":
    sys.exit(main())
