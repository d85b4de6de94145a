#!/usr/bin/env bash
# Builds the libFuzzer targets (clang-14, ASan+UBSan) into build-fuzz/ and runs each for a bounded
# time on a copy of its committed seed corpus (tests/fuzz/corpus/<target>/), MATERIA_FUZZ_JOBS
# (default 2) targets at a time.
#
#   scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]     default 60 seconds, every target
#
# A crash leaves the input as build-fuzz/findings/<target>/crash-* and fails the script; turn it
# into a regression test (tests/data/bad/ or tests/cpp/) before fixing it.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
shift || true
jobs="${MATERIA_FUZZ_JOBS:-2}"
# libFuzzer's random seed: 0 (default) draws one; CI fixes it so that a run's mutations repeat
# (only how far they get in the time varies), and a finding there can be replayed.
seed="${MATERIA_FUZZ_SEED:-0}"
build="${MATERIA_FUZZ_BUILD:-build-fuzz}"   # CI reuses its ASan build (configured with MATERIA_FUZZ)
if [[ ! -f "$build/CMakeCache.txt" ]]; then
  CC=clang-14 CXX=clang++-14 cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DMATERIA_FUZZ=ON -DMATERIA_BUILD_TESTS=OFF -DMATERIA_BUILD_CLI=OFF \
    -DMATERIA_BUILD_PYTHON=OFF -DMATERIA_BUILD_BENCH=OFF -DMATERIA_INSTALL=OFF
fi
cmake --build "$build" -j "$jobs"
targets=("$@")
if [[ ${#targets[@]} -eq 0 ]]; then
  for exe in "$build"/fuzz/fuzz_*; do targets+=("$(basename "$exe")"); done
fi
# One target: prints its summary, returns 1 when it found a problem.
run_target() {
  local target="$1" name="${1#fuzz_}"
  local seeds="tests/fuzz/corpus/$name"
  local corpus="$build/corpus/$name"      # grows while fuzzing; the committed seeds stay as they are
  local findings="$build/findings/$name"
  mkdir -p "$corpus" "$findings"
  local dict=()
  [[ -f "tests/fuzz/$name.dict" ]] && dict=(-dict="tests/fuzz/$name.dict")
  if ! ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1 UBSAN_OPTIONS=print_stacktrace=1 \
      "$build/fuzz/$target" "$corpus" "$seeds" "${dict[@]}" -max_total_time="$seconds" -seed="$seed" \
      -max_len=65536 -rss_limit_mb=2048 -timeout=10 -artifact_prefix="$findings/" \
      -print_final_stats=1 2>"$build/$name.log"; then
    echo "!! $target found a problem: see $build/$name.log and $findings/"
    tail -n 40 "$build/$name.log"
    return 1
  fi
  echo "== $target: $seconds s: $(grep -E "^stat::(number_of_executed_units|peak_rss_mb)" \
    "$build/$name.log" | tr -s ' \n' ' ')"
}

# The targets run side by side, `jobs` at a time (each is single-threaded).
status=0
running=0
for target in "${targets[@]}"; do
  run_target "$target" &
  running=$((running + 1))
  if ((running >= jobs)); then
    wait -n || status=1
    running=$((running - 1))
  fi
done
while ((running > 0)); do
  wait -n || status=1
  running=$((running - 1))
done
exit $status
