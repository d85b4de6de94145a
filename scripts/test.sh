#!/usr/bin/env bash
# Configures build/ (every time: an oracle installed since the last run is found, as CMake
# searches again for what it did not find), builds, and runs every test: C++ (GoogleTest), C,
# Python, CLI, install, examples and the optional PDF reader (MATERIA_EXTRACT) — all through
# ctest, which fails if it finds no test. Configure
# fails when an oracle tool (R, SciPy, mpmath, Chromium) is missing (MATERIA_REQUIRE_ORACLES).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/generator.sh
generator_for build
cmake -S . -B build "${generator[@]}" -DCMAKE_BUILD_TYPE=Release -DPython_EXECUTABLE=/usr/bin/python3 \
  -DMATERIA_REQUIRE_ORACLES=ON -DMATERIA_EXTRACT=ON
cmake --build build -j "$(nproc)"
ctest --test-dir build --output-on-failure --no-tests=error -j "$(nproc)" "$@"
