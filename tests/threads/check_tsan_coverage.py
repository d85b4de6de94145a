#!/usr/bin/python3
"""ctest threads.tsan_covers_threaded_tests: reads the thread audit (tests/cpp/thread_audit.cpp)
and fails when a test that starts a thread or hands work to the worker pool is missing from
tests/threads/threaded_tests.txt, the list the ThreadSanitizer stage compiles (its files) and runs
(its tests).

Usage: check_tsan_coverage.py MATERIA_TESTS WORK_DIR LIST [--from-ctest] [--write]
  --from-ctest  use WORK_DIR/audit.tsv as the C++ tests of this ctest run wrote it (they run with
                MATERIA_THREAD_AUDIT set; this check is their fixture's cleanup); when none of them
                ran, run the whole suite as without it
  --write       rewrites LIST from the audit (after adding or renaming such tests)
"""
import os
import subprocess
import sys
from pathlib import Path

binary, work, listed_file = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
write = "--write" in sys.argv[4:]
from_ctest = "--from-ctest" in sys.argv[4:]
work.mkdir(parents=True, exist_ok=True)
audit = work / "audit.tsv"
if write or not from_ctest or not audit.exists() or audit.stat().st_size == 0:
    audit.unlink(missing_ok=True)
    run = subprocess.run([binary, "--gtest_brief=1"],
                         env={**os.environ, "MATERIA_THREAD_AUDIT": str(audit)},
                         stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if run.returncode != 0:
        sys.exit(f"materia_tests failed (exit {run.returncode}):\n{run.stdout[-4000:]}")
# Every test that ran, and those of them that started a thread.
ran, threaded = set(), set()
for line in audit.read_text().splitlines() if audit.exists() else []:
    test, source, started = line.split("\t")
    ran.add((Path(source).name, test))
    if started == "1":
        threaded.add((Path(source).name, test))
if not ran:
    sys.exit("the audit saw no test: it is not recording (thread_audit.cpp)")

lines = listed_file.read_text().splitlines()
header = [l for l in lines if l.startswith("#")]
# "file Suite.Name" or "file Suite.Name tsan-skip: why" (listed, but not run under TSan)
notes = {tuple(l.split()[:2]): l.split(maxsplit=2)[2] for l in lines if l and not l.startswith("#") and len(l.split()) > 2}
listed = {tuple(l.split()[:2]) for l in lines if l and not l.startswith("#")}
if write:
    rows = [" ".join((f, t) + ((notes[(f, t)],) if (f, t) in notes else ())) for f, t in sorted(threaded)]
    listed_file.write_text("\n".join(header + rows) + "\n")
    print(f"wrote {len(threaded)} tests to {listed_file}")
    sys.exit(0)
if listed & ran and not threaded:
    sys.exit("the audit saw no listed test start a thread: it is not counting (thread_audit.cpp)")
missing = sorted(threaded - listed)
stale = sorted((listed & ran) - threaded)
print(f"{len(ran)} tests ran; {len(threaded)} of them, in {len({f for f, _ in threaded})} files, "
      f"start threads or use the worker pool; {len(listed)} listed")
for f, t in stale:
    print(f"listed but starts no thread now (drop it): {f} {t}")
for f, t in missing:
    print(f"NOT under TSan: {f} {t}")
if missing:
    sys.exit(f"add them to {listed_file} (or run this script with --write)")
