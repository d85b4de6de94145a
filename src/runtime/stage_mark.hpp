#pragma once
// Where a run's time goes, without a profiler: with MATERIA_STAGE_TIMES set in the environment,
// each mark prints to stderr the time since the first mark and since the previous one, the
// resident memory and the page faults since the previous mark (faulting in fresh memory can be
// much of a run). Unset, a mark is one test of a flag. The pipeline marks its stages on the
// thread that runs it, never from its worker threads; marks from several callers' threads are
// safe, and interleave.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <mutex>

#include <sys/resource.h>
#include <unistd.h>

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
  long pages = 0, resident = 0;  // statm: total and resident pages
  if (std::FILE* statm = std::fopen("/proc/self/statm", "r")) {
    if (std::fscanf(statm, "%ld %ld", &pages, &resident) != 2) resident = 0;
    std::fclose(statm);
  }
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  static long previous_faults = 0;
  const double rss_mb = static_cast<double>(resident) * static_cast<double>(sysconf(_SC_PAGESIZE)) /
                        (1024.0 * 1024.0);
  std::fprintf(stderr, "%-12s %8.2f ms (+%7.2f) rss %6.1f MB faults +%ld\n", stage,
               Ms(now - first).count(), Ms(now - previous).count(), rss_mb,
               usage.ru_minflt - previous_faults);
  previous = now;
  previous_faults = usage.ru_minflt;
}

}  // namespace materia::detail
