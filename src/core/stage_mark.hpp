#pragma once
// Where a run's time goes, without a profiler: with MATERIA_STAGE_TIMES set in the environment,
// each mark prints to stderr the time since the first mark and since the previous one
// ("validate  21.30 ms (+  4.67)"). Unset, a mark is one test of a flag. The pipeline marks its
// stages on the thread that runs it, never from its worker threads (docs/performance.md, "Where
// a run goes"); marks from several callers' threads are safe, and interleave.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <mutex>

namespace materia::detail {

inline void stage_mark(const char* stage) {
  static const bool enabled = std::getenv("MATERIA_STAGE_TIMES") != nullptr;
  if (!enabled) return;
  using Clock = std::chrono::steady_clock;
  static std::mutex mutex;  // marks from threads of their own (a library caller's) interleave
  const std::lock_guard lock(mutex);
  static const Clock::time_point first = Clock::now();
  static Clock::time_point previous = first;
  const Clock::time_point now = Clock::now();
  using Ms = std::chrono::duration<double, std::milli>;
  std::fprintf(stderr, "%-12s %8.2f ms (+%7.2f)\n", stage, Ms(now - first).count(),
               Ms(now - previous).count());
  previous = now;
}

}  // namespace materia::detail
