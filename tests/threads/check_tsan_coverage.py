#!/usr/bin/python3
"""ctest threads.tsan_covers_threaded_tests: runs the whole C++ suite with the thread audit
(tests/cpp/thread_audit.cpp) and fails when a test that starts a thread or hands work to the
worker pool is missing from tests/threads/threaded_tests.txt, the list the ThreadSanitizer stage
compiles (its files) and runs (its tests).

Usage: check_tsan_coverage.py MATERIA_TESTS WORK_DIR LIST [--write]
  --write  rewrites LIST from the audit (after adding or renaming such tests)
"""
import os
import subprocess
import sys
from pathlib import Path

binary, work, listed_file = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
write = "--write" in sys.argv[4:]
work.mkdir(parents=True, exist_ok=True)
audit = work / "audit.tsv"
audit.unlink(missing_ok=True)
run = subprocess.run([binary, "--gtest_brief=1"], env={**os.environ, "MATERIA_THREAD_AUDIT": str(audit)},
                     stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
if run.returncode != 0:
    sys.exit(f"materia_tests failed (exit {run.returncode}):\n{run.stdout[-4000:]}")
if not audit.exists():
    sys.exit("the audit saw no test start a thread: it is not recording (thread_audit.cpp)")
threaded = set()
for line in audit.read_text().splitlines():
    test, source = line.split("\t")
    threaded.add((Path(source).name, test))

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
missing = sorted(threaded - listed)
stale = sorted(listed - threaded)
print(f"{len(threaded)} tests in {len({f for f, _ in threaded})} files start threads or use the "
      f"worker pool; {len(listed)} listed")
for f, t in stale:
    print(f"listed but starts no thread now (drop it): {f} {t}")
for f, t in missing:
    print(f"NOT under TSan: {f} {t}")
if missing:
    sys.exit(f"add them to {listed_file} (or run this script with --write)")
