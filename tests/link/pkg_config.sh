#!/usr/bin/env bash
# The installed materia.pc alone is enough: install into a scratch prefix, build the C quickstart
# with `cc app.c $(pkg-config --cflags --libs materia)`, run it with no LD_LIBRARY_PATH (the .pc
# gives the rpath) and under valgrind, which must find no leak, definite or possible (the
# worker pool's threads are joined at exit). Then the same for app.c, whose ranks, names, tiers
# and scores read through the column calls must equal its own result's JSON.
# usage: pkg_config.sh BUILD_DIR EXAMPLE_SOURCE APP_SOURCE WORK_DIR C_COMPILER
set -euo pipefail
build="$1" example="$2" app_source="$3" work="$4" cc="$5"
rm -rf "$work" && mkdir -p "$work"
cmake --install "$build" --prefix "$work/prefix" >/dev/null
pc="$(find "$work/prefix" -name materia.pc)"
[[ -n "$pc" ]] || { echo "FAIL: materia.pc was not installed"; exit 1; }
export PKG_CONFIG_PATH="$(dirname "$pc")"
unset LD_LIBRARY_PATH
flags="$(pkg-config --cflags --libs materia)"
echo "pkg-config materia $(pkg-config --modversion materia): $flags"
[[ "$flags" == *-Wl,-rpath,* ]] || { echo "FAIL: no rpath in the .pc's Libs"; exit 1; }
cd "$work"
cp "$example" app.c
# shellcheck disable=SC2086  # the flags are words
"$cc" -std=c11 -Wall -Wextra -Werror -pedantic app.c $flags -o app
out="$(./app)"
grep -q '1\. 数据安全与隐私保护' <<<"$out" || { echo "FAIL: unexpected output: $out"; exit 1; }
loaded="$(ldd ./app | grep 'libmateria\.so')"
[[ "$loaded" == *"libmateria.so.1 => $work/prefix/"* ]] ||
  { echo "FAIL: the app did not load the installed library: $loaded"; exit 1; }
valgrind --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,possible \
  --log-file="$work/valgrind.txt" ./app >/dev/null ||
  { echo "FAIL: valgrind (exit $?):"; cat "$work/valgrind.txt"; exit 1; }
grep -E 'ERROR SUMMARY|definitely lost|possibly lost|All heap blocks' "$work/valgrind.txt" || true

cp "$app_source" columns.c
# shellcheck disable=SC2086
"$cc" -std=c11 -Wall -Wextra -Werror -pedantic columns.c $flags -o columns
valgrind --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,possible \
  --log-file="$work/valgrind-columns.txt" ./columns result.json >columns.tsv ||
  { echo "FAIL: valgrind on app.c (exit $?):"; cat "$work/valgrind-columns.txt"; exit 1; }
python3 - columns.tsv result.json <<'PY'
import json, sys
rows = [line.rstrip("\n").split("\t") for line in open(sys.argv[1], encoding="utf-8")]
issues = json.load(open(sys.argv[2], encoding="utf-8"))["issues"]
assert len(rows) == len(issues) > 0, f"{len(rows)} rows, {len(issues)} issues in the JSON"
for (rank, name, tier, score), issue in zip(rows, issues):
    got = (int(rank), name, int(tier), float(score))
    want = (issue["rank"], issue["name"], issue["tier"], issue["score"])
    assert got == want, f"columns give {got}, the JSON {want}"
print(f"ok: {len(rows)} issues' rank, name, tier and score read by columns equal the JSON")
PY
echo "ok: built with pkg-config alone, ran from $work/prefix with no LD_LIBRARY_PATH, valgrind clean"
