#!/usr/bin/env bash
# The reliability stages of CI (run by .ci/run before scripts/test.sh):
#   1. build-asan/: clang-14 with ASan+UBSan and libFuzzer coverage; the whole ctest suite except
#      what loads the library into a stock interpreter or compiler (a plain python3 or cc cannot
#      load an ASan-built libmateria: python.*, catalogue.capi and schema.options_documented
#      through ctypes) and the
#      install/pkg-config tests (they install and rebuild a consumer; not sanitizer-relevant),
#      the valgrind.* tests (valgrind cannot run ASan code) and abi.* (stage 5 checks the ABI),
#      and the oracle.* comparisons with R, SciPy and mpmath (their time is the other tool's, and
#      they check numbers, which the Release run does; the paths they take run here in the CLI tests);
#      the C API itself runs under ASan in c.api and in fuzz_capi;
#   2. the libFuzzer targets from that same build, FUZZ_SECONDS each (default 15) on their seeds;
#   3. build-tsan/: ThreadSanitizer, every C++ test that starts a thread or uses the worker pool
#      (tests/threads/threaded_tests.txt, which a ctest keeps complete) and every C program;
#   4. valgrind (memcheck) on every C program (the C tests and the C example), failing on any
#      error and on definite or possible leaks;
#   5. the C ABI of libmateria.so against abi/libmateria.abi (scripts/check-abi.sh).
# Sanitizer builds use -O1 with assertions on. Each stage fails the script on any report, and a
# target or test a stage expects but the build tree lacks is an error.
set -euo pipefail
cd "$(dirname "$0")/.."
jobs="$(nproc)"
fuzz_seconds="${FUZZ_SECONDS:-15}"
stage() { echo "== [${SECONDS} s] $*"; }  # elapsed time, for the CI budget (docs/reliability.md)
source scripts/generator.sh  # generator_for: Ninja for a new build tree
common=(-DPython_EXECUTABLE=/usr/bin/python3 -DMATERIA_REQUIRE_ORACLES=ON -DMATERIA_BUILD_PYTHON=OFF -DMATERIA_BUILD_BENCH=OFF -DCMAKE_BUILD_TYPE=Release
        -DCMAKE_CXX_FLAGS_RELEASE=-O1 -DCMAKE_C_FLAGS_RELEASE=-O1)

stage "ASan + UBSan test suite (build-asan)"
if [[ ! -f build-asan/CMakeCache.txt ]]; then
  generator_for build-asan
  CC=clang-14 CXX=clang++-14 cmake -S . -B build-asan "${generator[@]}" "${common[@]}" \
    -DMATERIA_SANITIZE=ON -DMATERIA_FUZZ=ON -DMATERIA_INSTALL=OFF -DMATERIA_EXTRACT=ON
fi
cmake --build build-asan -j "$jobs"
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:strict_string_checks=1
# third-party caches of the run-time-loaded PNG/PDF renderer (the file says which and why)
export LSAN_OPTIONS="suppressions=$PWD/tests/sanitizers/lsan.supp:print_suppressions=0"
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
# headers.*: the public headers compiled one by one, which sanitizers add nothing to; oracle.*:
# the number checks against R, SciPy and mpmath (the Release run);
# schema.datasets and schema.results: the schemas against the CLI on valid data (the bad-input
# catalogue runs here); extract.corpus.*: the PDF corpus (Chromium and matplotlib write it; the
# reader runs here in its own tests and fuzzing). test.sh runs them all.
ctest --test-dir build-asan --output-on-failure -j "$jobs" \
  -E '^(python\.|install\.|valgrind\.|abi\.|headers\.|c\.pkg_config$|catalogue\.capi$|schema\.(options_documented|datasets|results)$|oracle\.|extract\.corpus\.)'

stage "libFuzzer, ${fuzz_seconds} s per target (build-asan/fuzz)"
MATERIA_FUZZ_BUILD=build-asan MATERIA_FUZZ_SEED="${MATERIA_FUZZ_SEED:-20261128}" \
  bash scripts/fuzz.sh "$fuzz_seconds"

# Exits unless build tree $1 defines target $2, whatever the generator: CMake's file API lists
# the targets (`--target help` does not list them all under Ninja).
require_target() {
  mkdir -p "$1/.cmake/api/v1/query"
  touch "$1/.cmake/api/v1/query/codemodel-v2"
  cmake "$1" >/dev/null  # writes the reply
  if ! python3 - "$1" "$2" <<'EOF'
import glob, json, os, sys
reply = os.path.join(sys.argv[1], ".cmake", "api", "v1", "reply")
index = json.load(open(max(glob.glob(os.path.join(reply, "index-*.json")))))
model = json.load(open(os.path.join(reply, index["reply"]["codemodel-v2"]["jsonFile"])))
names = {t["name"] for c in model["configurations"] for t in c["targets"]}
sys.exit(0 if sys.argv[2] in names else 1)
EOF
  then
    echo "ci-reliability: $1 has no target $2" >&2
    exit 1
  fi
}

# The program and arguments of ctest test $2 in build tree $1, NUL-separated (mapfile -d '').
test_command() {
  ctest --test-dir "$1" --show-only=json-v1 >"$1/ctest-tests.json"
  python3 - "$1/ctest-tests.json" "$2" <<'EOF'
import json, sys
tests = [t for t in json.load(open(sys.argv[1]))["tests"] if t["name"] == sys.argv[2]]
if not tests:
    sys.exit("ci-reliability: no test " + sys.argv[2])
command = tests[0]["command"]
if "--" in command:  # cmake -P ExpectOutput.cmake -- PROGRAM ARG...: the program itself
    command = command[command.index("--") + 1:]
sys.stdout.write("".join(word + "\0" for word in command))
EOF
}
# Sets program_job_list to a command line for each C program, run as its ctest test runs it in
# build tree $1, after the prefix $2 (a tool such as valgrind, or nothing); output to /dev/null.
program_jobs() {
  program_job_list=()
  local program command
  for program in "${c_programs[@]}"; do
    mapfile -d '' command < <(test_command "$1" "${program#*:}")
    [[ ${#command[@]} -gt 0 ]] || { echo "ci-reliability: no command for ${program#*:}" >&2; exit 1; }
    program_job_list+=("$2 $(printf '%q ' "${command[@]}")>/dev/null")
  done
}

# Runs each argument (a command line) as a job, `jobs` at a time, each job's output in
# $1/<n>.log; when one fails, prints its output and exits 1.
run_parallel() {
  local log_dir="$1" n=0 job pid
  shift
  mkdir -p "$log_dir"
  local -A job_of=() log_of=()
  finish_one() {
    local status=0
    wait -n -p pid || status=$?
    if ((status != 0)); then
      cat "${log_of[$pid]}"
      echo "ci-reliability: failed (exit $status): ${job_of[$pid]}" >&2
      exit 1
    fi
    echo "ok: ${job_of[$pid]:0:120}"
    unset "job_of[$pid]"
  }
  for job in "$@"; do
    ((${#job_of[@]} < jobs)) || finish_one
    n=$((n + 1))
    (eval "$job") >"$log_dir/$n.log" 2>&1 &
    job_of[$!]="$job"
    log_of[$!]="$log_dir/$n.log"
  done
  while ((${#job_of[@]} > 0)); do finish_one; done
}

# target:test for each C program (the C tests and the C example).
c_programs=(materia_c_tests:c.api materia_c_analysis_tests:c.api_analysis
            materia_c_disclosure_tests:c.disclosure materia_example_c:example.c)

stage "TSan: every test file that starts threads, every C program (build-tsan)"
if [[ ! -f build-tsan/CMakeCache.txt ]]; then
  generator_for build-tsan
  cmake -S . -B build-tsan "${generator[@]}" "${common[@]}" -DMATERIA_TSAN=ON -DMATERIA_INSTALL=OFF \
    -DMATERIA_BUILD_CLI=OFF  # the CLI runs as a child process: its tests run in the other stages
fi
for program in materia_tests "${c_programs[@]%%:*}"; do
  require_target build-tsan "${program}"
done
cmake --build build-tsan -j "$jobs" --target materia_tests "${c_programs[@]%%:*}"
# fontconfig, under the run-time-loaded PNG/PDF renderer, is not instrumented (the file says why)
export TSAN_OPTIONS="halt_on_error=1:second_deadlock_stack=1:suppressions=$PWD/tests/sanitizers/tsan.supp"
# tests/threads/threaded_tests.txt: threads.tsan_covers_threaded_tests proves that every test
# that starts a thread or uses the worker pool is listed there.
threaded_filter="$(awk '/^test_/ && NF == 2 {printf "%s%s", sep, $2; sep=":"}' tests/threads/threaded_tests.txt)"
# The tests in TSAN_SHARDS shards, and the C programs, `jobs` at a time: most of these tests run
# on one thread at a time.
tsan_shards="${TSAN_SHARDS:-4}"
tsan_jobs=()
for ((shard = 0; shard < tsan_shards; ++shard)); do
  tsan_jobs+=("GTEST_TOTAL_SHARDS=$tsan_shards GTEST_SHARD_INDEX=$shard build-tsan/materia_tests \
    --gtest_brief=1 --gtest_filter=$(printf %q "$threaded_filter")")
done
program_jobs build-tsan ""
run_parallel build-tsan/jobs "${tsan_jobs[@]}" "${program_job_list[@]}"
grep -h "tests from .* ran" build-tsan/jobs/*.log  # the shards' counts

stage "valgrind on every C program (build/, configured as scripts/test.sh does)"
if [[ ! -f build/CMakeCache.txt ]]; then
  generator_for build
  cmake -S . -B build "${generator[@]}" -DCMAKE_BUILD_TYPE=Release \
    -DPython_EXECUTABLE=/usr/bin/python3 -DMATERIA_REQUIRE_ORACLES=ON -DMATERIA_EXTRACT=ON
fi
for program in "${c_programs[@]}"; do
  require_target build "${program%%:*}"
done
cmake --build build -j "$jobs" --target "${c_programs[@]%%:*}"
program_jobs build "valgrind --quiet --error-exitcode=99 --leak-check=full \
  --errors-for-leak-kinds=definite,possible"
run_parallel build/valgrind-jobs "${program_job_list[@]}"

stage "C ABI against abi/libmateria.abi (build/)"
cmake --build build -j "$jobs" --target materia_c
bash scripts/check-abi.sh build/libmateria.so
stage "reliability stages done"
