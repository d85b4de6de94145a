#!/usr/bin/env bash
# The installed include tree stands alone and does not pull in nlohmann, simdjson, ICU or OpenCC:
# each installed public header is compiled by itself (with only Eigen's include path added), and
# no file it includes, directly or not, may match nlohmann|simdjson|unicode/|opencc.
# usage: headers.sh BUILD_DIR WORK_DIR CXX_COMPILER
set -euo pipefail
build="$1" work="$2" cxx="$3"
rm -rf "$work" && mkdir -p "$work"
cmake --install "$build" --prefix "$work/prefix" >/dev/null
include="$work/prefix/include"
# shellcheck disable=SC2046
read -r -a eigen <<<"$(pkg-config --cflags eigen3)"
failures=0 count=0
while IFS= read -r header; do
  count=$((count + 1))
  if ! trace="$("$cxx" -std=c++20 -x c++ -fsyntax-only -H -I "$include" "${eigen[@]}" \
                "$include/$header" 2>&1)"; then
    echo "FAIL: $header does not compile by itself:"
    echo "$trace" | grep -v '^\.' | head -20
    failures=$((failures + 1))
    continue
  fi
  banned="$(grep -E '^\.+ ' <<<"$trace" | grep -E 'nlohmann|simdjson|unicode/|opencc' || true)"
  if [[ -n "$banned" ]]; then
    echo "FAIL: $header includes $(grep -cE '.' <<<"$banned") third-party header(s), first:"
    head -3 <<<"$banned"
    failures=$((failures + 1))
  fi
done < <(cd "$include" && find . -type f \( -name '*.h' -o -name '*.hpp' \) | sed 's|^\./||' | sort)
(( count > 0 )) || { echo "FAIL: no headers installed"; exit 1; }
echo "$((count - failures)) of $count installed headers are self-contained and free of nlohmann/simdjson/ICU/OpenCC"
(( failures == 0 ))
