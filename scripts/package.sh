#!/usr/bin/env bash
# Builds the Debian packages into dist/deb/ (or the folder given as $1): libmateria1 (the shared
# library), libmateria-dev (headers, CMake package, pkg-config), materia (the command line and its
# man page) and python3-materia (the Python package for /usr/bin/python3). It configures its own
# tree, build-deb/, with only what the packages hold (no tests, benchmarks or oracles; ccache when
# present: scripts/generator.sh; never the GPL PDF reader, MATERIA_EXTRACT), then runs CPack (cmake/Packaging.cmake). Install them with
#   sudo apt install ./dist/deb/*.deb
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(realpath -m "${1:-dist/deb}")
source scripts/generator.sh
generator_for build-deb
cmake -S . -B build-deb "${generator[@]}" -DCMAKE_BUILD_TYPE=Release \
  -DPython_EXECUTABLE=/usr/bin/python3 -DMATERIA_BUILD_TESTS=OFF -DMATERIA_BUILD_BENCH=OFF \
  -DMATERIA_EXTRACT=OFF  # the GPL PDF reader is never packaged (docs/extract.md)
cmake --build build-deb -j "$(nproc)"
mkdir -p "$out"
cpack -G DEB --config build-deb/CPackConfig.cmake -B "$out"
rm -rf "$out/_CPack_Packages"
ls -1 "$out"/*.deb
