#!/usr/bin/env bash
# Builds the Debian packages into dist/deb/ (or the folder given as $1): libmateria1 (the shared
# library), libmateria-dev (headers, CMake package, pkg-config), materia (the command line and its
# man page) and python3-materia (the Python package for /usr/bin/python3). Uses build/ (configured
# and built like scripts/setup.sh does), then CPack (cmake/Packaging.cmake). Install them with
#   sudo apt install ./dist/deb/*.deb
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(realpath -m "${1:-dist/deb}")
source scripts/generator.sh
generator_for build
cmake -S . -B build "${generator[@]}" -DCMAKE_BUILD_TYPE=Release -DPython_EXECUTABLE=/usr/bin/python3
cmake --build build -j "$(nproc)"
mkdir -p "$out"
cpack -G DEB --config build/CPackConfig.cmake -B "$out"
rm -rf "$out/_CPack_Packages"
ls -1 "$out"/*.deb
