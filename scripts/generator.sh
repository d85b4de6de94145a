# Sourced by the build scripts: `generator_for DIR` sets the array `generator` to the CMake
# generator arguments for build tree DIR. A new tree uses Ninja when it is installed (Ninja
# compiles a target's files while the libraries it links are still being built; Make waits for
# them, which leaves a core idle at each library); an existing tree keeps its generator.
generator_for() {
  generator=()
  if [[ ! -f "$1/CMakeCache.txt" ]] && command -v ninja >/dev/null; then
    generator=(-G Ninja)
  fi
}
