#!/usr/bin/env bash
# scripts/check-abi.sh can fail: a baseline from a stand-in library (abi_fixture/, built with
# src/capi/exports.map) and that library rebuilt with one change at a time. A removed or changed
# C function fails the check; an added one, and any change to the C++ symbols, pass.
# usage: abi_check.sh SOURCE_DIR WORK_DIR CXX
set -euo pipefail
source_dir="$1" work="$2" cxx="$3"
rm -rf "$work" && mkdir -p "$work"
build() {  # build NAME [-DCHANGE...]
  local name="$1"
  shift
  "$cxx" -g -O0 -shared -fPIC -fvisibility=hidden "$@" -o "$work/$name.so" \
    "$source_dir/tests/link/abi_fixture/fixture.cpp" -Wl,-soname,libfixture.so.1 \
    "-Wl,--version-script=$source_dir/src/capi/exports.map"
}
header="$source_dir/tests/link/abi_fixture/materia.h"
check() {  # check NAME: check-abi.sh's exit status, its output in WORK/NAME.txt
  local status=0
  bash "$source_dir/scripts/check-abi.sh" "$work/$1.so" "$work/baseline.abi" "$header" \
    >"$work/$1.txt" 2>&1 || status=$?
  echo "$status"
}
failures=0
expect() {  # expect NAME pass|fail [TEXT the report must contain]
  local status ok=1
  status="$(check "$1")"
  if [[ "$2" == pass ]]; then [[ "$status" == 0 ]] || ok=0; else [[ "$status" != 0 ]] || ok=0; fi
  if [[ -n "${3:-}" ]] && ! grep -q -- "$3" "$work/$1.txt"; then ok=0; fi
  if ((ok)); then
    echo "ok: $1: check-abi.sh exit $status (${2})"
  else
    echo "FAIL: $1 should $2${3:+ naming $3} (exit $status):"
    cat "$work/$1.txt"
    failures=$((failures + 1))
  fi
}

build base
bash "$source_dir/scripts/update-abi.sh" "$work/base.so" "$work/baseline.abi" "$header"
grep -q "materia_beta" "$work/baseline.abi" || { echo "FAIL: the baseline lacks materia_beta"; exit 1; }
if grep -q "internal" "$work/baseline.abi"; then echo "FAIL: the baseline has C++ symbols"; exit 1; fi
cp "$work/baseline.abi" "$work/first.abi"
bash "$source_dir/scripts/update-abi.sh" "$work/base.so" "$work/baseline.abi" "$header" >/dev/null
cmp "$work/first.abi" "$work/baseline.abi" || { echo "FAIL: update-abi.sh is not deterministic"; exit 1; }

build added -DADD_GAMMA
build removed -DREMOVE_BETA
build changed -DCHANGE_BETA
build cxx_changed -DCHANGE_CXX
expect base pass
expect added pass "materia_gamma"
expect cxx_changed pass
expect removed fail "materia_beta"
expect changed fail "materia_beta"
exit "$failures"
