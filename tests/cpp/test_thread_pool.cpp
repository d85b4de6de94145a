// materia::configure_threads: the pool has the configured number of workers (counted both by the
// pool and as the process's threads, so workers that leave are gone), analyses give the same
// bytes for every size, and resizing while other threads analyse is safe. Named Concurrent* so
// that CI's ThreadSanitizer stage runs them.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <iterator>
#include <string>
#include <thread>
#include <vector>

#include "materia/analyze/analyze.hpp"
#include "materia/io/io.hpp"
#include "materia/output/output.hpp"
#include "materia/runtime/execution.hpp"
#include "materia/uncertainty/uncertainty.hpp"
#include "runtime/parallel.hpp"

namespace {

unsigned cores() {
  return std::max(1u, std::thread::hardware_concurrency());
}

unsigned pool_workers() {
  return materia::detail::WorkerPool::instance().workers();
}

long process_threads() {
  const std::filesystem::directory_iterator tasks("/proc/self/task");
  return std::distance(begin(tasks), end(tasks));
}

// The process's thread count once it settles at `expected` (a joined thread leaves /proc a
// moment after the join), or what it was after two seconds.
long process_threads_settling_at(long expected) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(2);
  long now = process_threads();
  while (now != expected && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
    now = process_threads();
  }
  return now;
}

// The sample's analysis with a bootstrap and leave-one-out (the work that runs on the pool).
std::string analysis(const materia::Dataset& sample, unsigned threads) {
  const materia::Execution execution{threads};
  materia::AnalyzeOptions options;
  materia::Result result = materia::analyze(sample, options, execution);
  materia::BootstrapOptions bootstrap;
  bootstrap.replicates = 40;
  bootstrap.seed = 7;
  materia::attach_bootstrap(result,
                            materia::bootstrap(sample, result, options, bootstrap, execution));
  materia::attach_leave_one_out(result, materia::leave_one_out(sample, result, options, execution));
  return materia::to_json_text(result, -1);
}

// Puts the default back, whatever the test did.
struct DefaultPoolAfterwards {
  ~DefaultPoolAfterwards() { materia::configure_threads(0); }
};

TEST(ThreadPool, ConcurrentWorkerCountFollowsTheSetting) {
  const DefaultPoolAfterwards restore;
  materia::configure_threads(4);
  EXPECT_EQ(pool_workers(), 3u);
  // The process's threads besides the pool's: counted with the pool running, since a sanitizer's
  // runtime starts a thread of its own with the process's first thread (this test's, if first).
  const long alone = process_threads() - 3;
  materia::configure_threads(2);
  EXPECT_EQ(pool_workers(), 1u);
  EXPECT_EQ(process_threads_settling_at(alone + 1), alone + 1);
  materia::configure_threads(0);
  EXPECT_EQ(pool_workers(), cores() - 1);
  EXPECT_EQ(process_threads_settling_at(alone + cores() - 1), alone + cores() - 1);
  materia::configure_threads(1);
  EXPECT_EQ(pool_workers(), 0u);
  EXPECT_EQ(process_threads_settling_at(alone), alone);
}

TEST(ThreadPool, ConcurrentResizedPoolGivesIdenticalAnalyses) {
  const DefaultPoolAfterwards restore;
  const materia::Dataset sample = materia::load_sample("fintech-2024");
  materia::configure_threads(1);
  const std::string expected = analysis(sample, 1);
  ASSERT_NE(expected.find("\"rank_interval\""), std::string::npos);     // the bootstrap ran
  ASSERT_NE(expected.find("\"influential_firm\""), std::string::npos);  // leave-one-out too
  for (unsigned size : {3u, 2u, 0u, 5u, 1u}) {
    materia::configure_threads(size);
    EXPECT_EQ(pool_workers(), (size ? size : cores()) - 1);
    for (unsigned threads : {0u, 1u, 4u})
      EXPECT_EQ(analysis(sample, threads), expected) << "pool of " << size << ", " << threads;
  }
}

// The pool resized over and over while two threads analyse and a third runs bare parallel loops:
// every result is the same and nothing waits forever.
TEST(ThreadPool, ConcurrentResizingWhileAnalysesRunIsSafe) {
  const DefaultPoolAfterwards restore;
  const materia::Dataset sample = materia::load_sample("fintech-2024");
  const std::string expected = analysis(sample, 0);
  std::atomic<bool> stop{false};
  std::atomic<int> analyses{0}, wrong{0}, loops{0};
  std::vector<std::thread> callers;
  for (int c = 0; c < 2; ++c)
    callers.emplace_back([&] {
      while (!stop || analyses < 4) {
        if (analysis(sample, 0) != expected) ++wrong;
        ++analyses;
      }
    });
  callers.emplace_back([&] {
    while (!stop) {
      std::vector<std::size_t> value(2000);
      materia::detail::parallel_for(value.size(), 0, [&](std::size_t i) { value[i] = 2 * i; });
      for (std::size_t i = 0; i < value.size(); ++i)
        if (value[i] != 2 * i) ++wrong;
      ++loops;
    }
  });
  for (int round = 0; round < 40; ++round) {
    materia::configure_threads(1 + round % 4);
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  stop = true;
  for (auto& caller : callers)
    caller.join();
  EXPECT_GE(analyses.load(), 4);
  EXPECT_GT(loops.load(), 0);
  EXPECT_EQ(wrong.load(), 0);
}

}  // namespace
