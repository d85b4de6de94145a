#!/usr/bin/env bash
# Regenerates the ABI baseline of the C API from a built libmateria.so (docs/abi.md). Run it when
# the C API gains functions, or after a deliberate break (with MATERIA_ABI_VERSION and the
# exports.map node raised). Deterministic: no paths, locations or architecture in the output.
# usage: scripts/update-abi.sh [LIBRARY [BASELINE [HEADER]]]
#   defaults: build/libmateria.so abi/libmateria.abi include/materia.h
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
library="${1:-$root/build/libmateria.so}"
baseline="${2:-$root/abi/libmateria.abi}"
header="${3:-$root/include/materia.h}"
[[ -f "$library" ]] || { echo "update-abi: no library at $library (build first)" >&2; exit 2; }
abidw --suppressions "$root/abi/c-api.suppr" --suppressions "$root/abi/c-api-types.suppr" \
  --headers-dir "$(dirname "$header")" --header-file "$header" --drop-private-types \
  --drop-undefined-syms --no-corpus-path --no-comp-dir-path --no-show-locs --no-architecture \
  --no-elf-needed --type-id-style hash --out-file "$baseline.tmp" "$library"
# Each translation unit by its file name only: the build directory's path is not part of the ABI.
sed -E "s|(<abi-instr [^>]*path=')[^']*/([^'/]*')|\1\2|" "$baseline.tmp" >"$baseline"
rm -f "$baseline.tmp"
echo "update-abi: wrote $baseline ($(grep -c '<elf-symbol ' "$baseline") symbols)"
