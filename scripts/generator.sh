# Sourced by the build scripts: `generator_for DIR` sets the array `generator` to the CMake
# arguments for a new build tree DIR: Ninja when it is installed (Ninja compiles a target's files
# while the libraries it links are still being built; Make waits for them, which leaves a core
# idle at each library), and ccache as the compiler launcher when it is installed and its cache
# is writable (MATERIA_CCACHE=0 turns it off). An existing tree keeps its settings.
# Paths under the checkout reach ccache relative to it (CCACHE_BASEDIR), so another clone of the
# same commit finds the same objects.
export CCACHE_BASEDIR="${CCACHE_BASEDIR:-$PWD}"
generator_for() {
  generator=()
  [[ -f "$1/CMakeCache.txt" ]] && return
  if command -v ninja >/dev/null; then
    generator=(-G Ninja)
  fi
  if [[ "${MATERIA_CCACHE:-1}" != 0 ]] && command -v ccache >/dev/null; then
    local cache_dir
    cache_dir="$(ccache -k cache_dir 2>/dev/null)" || return 0
    if mkdir -p "$cache_dir" 2>/dev/null && [[ -w "$cache_dir" ]]; then
      generator+=(-DCMAKE_C_COMPILER_LAUNCHER=ccache -DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
    fi
  fi
}
