#!/usr/bin/env bash
# Set-up + main job: installs what is missing, configures and builds into build/, then runs the
# analysis on the built-in (synthetic) sample.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
source scripts/generator.sh
generator_for build
cmake -S . -B build "${generator[@]}" -DCMAKE_BUILD_TYPE=Release -DPython_EXECUTABLE=/usr/bin/python3
cmake --build build -j "$(nproc)"
build/materia analyze --sample fintech-2024
