#!/usr/bin/env bash
# The reliability stages of CI (run by .ci/run before scripts/test.sh):
#   1. build-asan/: clang-14 with ASan+UBSan and libFuzzer coverage; the whole ctest suite except
#      what loads the library into a stock interpreter or compiler (a plain python3 or cc cannot
#      load an ASan-built libmateria: python.*, catalogue.capi and schema.options_documented
#      through ctypes) and the
#      install/pkg-config tests (they install and rebuild a consumer; not sanitizer-relevant),
#      and oracle.plackett_luce_cli (its time is SciPy's fit; the Release run checks it);
#      the C API itself runs under ASan in c.api and in fuzz_capi;
#   2. the libFuzzer targets from that same build, FUZZ_SECONDS each (default 20) on their seeds;
#   3. build-tsan/: ThreadSanitizer, every test whose name contains "Concurrent" (threads; only
#      their test files are compiled there) and the C test, whose analyses run on 4 threads;
#   4. valgrind (memcheck) on the pure-C test, when there is one.
# Sanitizer builds use -O1 with assertions on. Each stage fails the script on any report.
set -euo pipefail
cd "$(dirname "$0")/.."
jobs="$(nproc)"
fuzz_seconds="${FUZZ_SECONDS:-20}"
stage() { echo "== [${SECONDS} s] $*"; }  # elapsed time, for the CI budget (docs/reliability.md)
common=(-DPython_EXECUTABLE=/usr/bin/python3 -DMATERIA_BUILD_PYTHON=OFF -DMATERIA_BUILD_BENCH=OFF -DCMAKE_BUILD_TYPE=Release
        -DCMAKE_CXX_FLAGS_RELEASE=-O1 -DCMAKE_C_FLAGS_RELEASE=-O1)

stage "ASan + UBSan test suite (build-asan)"
if [[ ! -f build-asan/CMakeCache.txt ]]; then
  CC=clang-14 CXX=clang++-14 cmake -S . -B build-asan "${common[@]}" \
    -DMATERIA_SANITIZE=ON -DMATERIA_FUZZ=ON -DMATERIA_INSTALL=OFF
fi
cmake --build build-asan -j "$jobs"
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:strict_string_checks=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
ctest --test-dir build-asan --output-on-failure -j "$jobs" \
  -E '^(python\.|install\.|c\.pkg_config$|catalogue\.capi$|schema\.options_documented$|oracle\.plackett_luce_cli$)'

stage "libFuzzer, ${fuzz_seconds} s per target (build-asan/fuzz)"
MATERIA_FUZZ_BUILD=build-asan MATERIA_FUZZ_SEED="${MATERIA_FUZZ_SEED:-20261128}" \
  bash scripts/fuzz.sh "$fuzz_seconds"

stage "TSan, multi-threaded tests (build-tsan)"
if [[ ! -f build-tsan/CMakeCache.txt ]]; then
  cmake -S . -B build-tsan "${common[@]}" -DMATERIA_TSAN=ON -DMATERIA_INSTALL=OFF
fi
cmake --build build-tsan -j "$jobs" --target materia_tests
# (grep reads all of it: with -q it would stop early and pipefail would see a broken pipe)
has_target() { cmake --build "$1" --target help | grep "^\.\.\. $2\b" >/dev/null; }
export TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1
build-tsan/materia_tests --gtest_filter='*Concurrent*'
if has_target build-tsan materia_c_tests; then  # the C test calls the C API from several threads
  cmake --build build-tsan -j "$jobs" --target materia_c_tests
  "$(find build-tsan -name materia_c_tests -type f -executable | head -n 1)"
fi

stage "valgrind on the C test (build/, configured as scripts/test.sh does)"
if [[ ! -f build/CMakeCache.txt ]]; then
  cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DPython_EXECUTABLE=/usr/bin/python3
fi
if has_target build materia_c_tests; then
  cmake --build build -j "$jobs" --target materia_c_tests
  valgrind --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite \
    "$(find build -name materia_c_tests -type f -executable | head -n 1)"
else
  echo "(no C test in this tree yet)"
fi
stage "reliability stages done"
