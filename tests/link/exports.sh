#!/usr/bin/env bash
# libmateria.so's SONAME is libmateria.so.<abi>; it exports every function the C headers
# (materia.h, materia_workflows.h) declare, under MATERIA_<abi>, the C++ API (materia::) under
# MATERIA_CXX_0, and nothing else.
# usage: exports.sh LIBRARY ABI_VERSION HEADER...
set -euo pipefail
library="$1" abi="$2"
shift 2
headers=("$@")
c_node="MATERIA_$abi" cxx_node="MATERIA_CXX_0"
errors=0
error() { echo "FAIL: $*"; errors=$((errors + 1)); }

soname="$(readelf -d "$library" | sed -n 's/.*(SONAME).*\[\(.*\)\]/\1/p')"
[[ "$soname" == "libmateria.so.$abi" ]] || error "SONAME is '$soname', not libmateria.so.$abi"

declared="$(grep -oE 'MATERIA_API [^(]*[ *]materia_[a-z0-9_]+\(' "${headers[@]}" |
  grep -oE 'materia_[a-z0-9_]+\($' | tr -d '(' | sort -u)"
c_exported="" cxx_count=0 nodes=""
while read -r _ type name; do
  if [[ "$type" == A ]]; then nodes+="$name "; continue; fi  # a version node
  symbol="${name%@@*}" version="${name##*@@}"
  if [[ "$name" != *@@* ]]; then
    error "unversioned export: $name"
  elif [[ "$version" == "$c_node" ]]; then
    [[ "$symbol" =~ ^materia_[a-z0-9_]+$ ]] || error "$c_node holds $symbol"
    c_exported+="$symbol"$'\n'
  elif [[ "$version" == "$cxx_node" ]]; then
    cxx_count=$((cxx_count + 1))
    demangled="$(c++filt "$symbol")"
    [[ "$demangled" =~ ^((typeinfo|typeinfo\ name|vtable|VTT)\ for\ |(non-)?virtual\ thunk\ to\ )?materia:: ]] ||
      error "$cxx_node holds $demangled ($symbol)"
  else
    error "$name is in an unknown version node"
  fi
done < <(nm -D --defined-only "$library")
[[ "$nodes" == "$c_node $cxx_node " ]] || error "version nodes are '$nodes', not '$c_node $cxx_node '"
c_exported="$(sort -u <<<"${c_exported%$'\n'}")"
missing="$(comm -23 <(echo "$declared") <(echo "$c_exported"))"
extra="$(comm -13 <(echo "$declared") <(echo "$c_exported"))"
[[ -z "$missing" ]] || error "declared in the C headers but not exported: $missing"
[[ -z "$extra" ]] || error "exported but not declared in the C headers: $extra"
# The C++ API a consumer of materia/materia.hpp calls, by name.
cxx_names="$(nm -DC --defined-only "$library")"
for wanted in 'materia::analyze(' 'materia::load_sample(' 'materia::configure_threads(unsigned int)' \
              'typeinfo for materia::Error'; do
  grep -qF "$wanted" <<<"$cxx_names" || error "the C++ API lacks $wanted"
done
(( errors == 0 )) || exit 1
echo "$soname: $(wc -l <<<"$declared") C functions under $c_node, $cxx_count C++ symbols under $cxx_node, nothing else"
