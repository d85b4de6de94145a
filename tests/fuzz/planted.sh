#!/usr/bin/env bash
# ctest fuzz.finds_planted_internal_error: the load_json harness built with a planted internal
# error (fuzz_common.hpp) must report it as a finding within SECONDS, from the committed seeds
# (it takes 3 to 25 s on two cores: the bound leaves room for a loaded machine).
#   planted.sh FUZZER SEED_DIR DICT SECONDS
set -uo pipefail
fuzzer="$1" seeds="$2" dict="$3" seconds="$4"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir "$work/corpus"
start=$SECONDS
ASAN_OPTIONS=detect_leaks=0 "$fuzzer" "$work/corpus" "$seeds" -dict="$dict" -seed=1 \
  -max_total_time="$seconds" -artifact_prefix="$work/" >"$work/log" 2>&1
status=$?
if [[ $status -eq 0 ]]; then
  echo "the fuzzer ran ${seconds} s without finding the planted internal error"
  tail -n 5 "$work/log"
  exit 1
fi
if ! grep -q "materia fuzz finding: internal error: planted internal error" "$work/log"; then
  echo "the fuzzer stopped (status $status) but not on the planted internal error:"
  tail -n 30 "$work/log"
  exit 1
fi
echo "found the planted internal error after $((SECONDS - start)) s (status $status)"
