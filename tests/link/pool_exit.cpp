// A program that ran an analysis ends with the worker pool's threads joined: a handler registered
// before the pool started runs after the pool is gone, and finds the process down to one thread.
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iterator>

#include "materia/analyze/analyze.hpp"
#include "materia/io/io.hpp"
#include "materia/runtime/execution.hpp"

namespace {

long threads() {
  const std::filesystem::directory_iterator tasks("/proc/self/task");
  return std::distance(begin(tasks), end(tasks));
}

void check_alone() {
  const long now = threads();
  std::printf("threads at exit: %ld\n", now);
  std::fflush(stdout);
  if (now != 1) _exit(1);
}

}  // namespace

int main() {
  std::atexit(check_alone);
  materia::configure_threads(3);  // workers even on one core
  const materia::Result result = materia::analyze(materia::load_sample("fintech-2024"));
  std::printf("%zu issues, threads while running: %ld\n", result.issues.size(), threads());
  return result.issues.size() == 91 && threads() == 3 ? 0 : 2;
}
