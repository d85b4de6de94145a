#!/usr/bin/env bash
# Compares a built libmateria.so with the committed ABI baseline of the C API (docs/abi.md).
# Fails when a C function or variable is removed or changed, when abidiff sees an incompatible
# change (exit bit 8) or fails itself, and when the SONAME differs from the baseline's; added
# functions pass. The C++ API (MATERIA_CXX_*) is not compared (abi/c-api.suppr).
# usage: scripts/check-abi.sh [LIBRARY [BASELINE [HEADER]]]
#   defaults: build/libmateria.so abi/libmateria.abi include/materia.h
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
library="${1:-$root/build/libmateria.so}"
baseline="${2:-$root/abi/libmateria.abi}"
header="${3:-$root/include/materia.h}"
for file in "$library" "$baseline" "$header"; do
  [[ -f "$file" ]] || { echo "check-abi: missing $file" >&2; exit 2; }
done
set +e
report="$(abidiff --suppressions "$root/abi/c-api.suppr" \
  --headers-dir2 "$(dirname "$header")" --header-file2 "$header" --drop-private-types \
  --no-architecture "$baseline" "$library" 2>&1)"
status=$?
set -e
echo "$report"
fail() {
  echo "check-abi: FAIL: $*" >&2
  echo "check-abi: a deliberate break raises the ABI version, then scripts/update-abi.sh (docs/abi.md)" >&2
  exit 1
}
(( status & 3 )) && fail "abidiff could not compare (exit $status)"
(( status & 8 )) && fail "incompatible ABI change (abidiff exit $status)"
# Removed or changed functions and variables, with or without debug info ("N Removed, M Changed").
removed_or_changed="$(grep -E '^ *(Functions|Variables|Function symbols|Variable symbols) changes summary:' <<<"$report" |
  grep -E '[1-9][0-9]* (Removed|Changed)' || true)"
[[ -z "$removed_or_changed" ]] || fail "removed or changed C API: $removed_or_changed"
grep -q 'SONAME changed' <<<"$report" && fail "SONAME differs from the baseline's"
if (( status & 4 )) && ! grep -qE '[1-9][0-9]* Added' <<<"$report"; then
  fail "ABI change other than added functions (abidiff exit $status)"
fi
echo "check-abi: OK ($library against $(basename "$baseline"))"
