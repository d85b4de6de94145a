#!/usr/bin/env bash
# The installed include tree stands alone and does not pull in nlohmann, simdjson, ICU or OpenCC:
# one file including every installed public header compiles with only Eigen's include path added,
# and no file it includes, directly or not, matches nlohmann|simdjson|unicode/|opencc. (That each
# header compiles by itself is headers.public_self_contained's check, on the source tree.)
# usage: headers.sh BUILD_DIR WORK_DIR CXX_COMPILER
set -euo pipefail
build="$1" work="$2" cxx="$3"
rm -rf "$work" && mkdir -p "$work"
cmake --install "$build" --prefix "$work/prefix" >/dev/null
include="$work/prefix/include"
# shellcheck disable=SC2046
read -r -a eigen <<<"$(pkg-config --cflags eigen3)"
mapfile -t headers < <(cd "$include" && find . -type f \( -name '*.h' -o -name '*.hpp' \) |
  sed 's|^\./||' | sort)
(( ${#headers[@]} > 0 )) || { echo "FAIL: no headers installed"; exit 1; }
printf '#include <%s>\n' "${headers[@]}" >"$work/all.cpp"
if ! trace="$("$cxx" -std=c++20 -fsyntax-only -H -I "$include" "${eigen[@]}" "$work/all.cpp" 2>&1)"; then
  echo "FAIL: the installed headers do not compile together:"
  echo "$trace" | grep -v '^\.' | head -20
  exit 1
fi
banned="$(grep -E '^\.+ ' <<<"$trace" | grep -E 'nlohmann|simdjson|unicode/|opencc' || true)"
if [[ -n "$banned" ]]; then
  echo "FAIL: the installed headers include $(grep -cE '.' <<<"$banned") third-party header(s), first:"
  head -3 <<<"$banned"
  exit 1
fi
echo "the ${#headers[@]} installed headers compile together from the prefix alone, free of nlohmann/simdjson/ICU/OpenCC"
