// The worker pool under parallel_for and Concurrent: every index runs exactly once whoever runs
// it, the lowest failing index is the one rethrown, jobs nest and overlap without deadlock
// (callers run what no worker has started), and a child of fork() still gets its work done.
// The tests are named Concurrent* so that CI's ThreadSanitizer stage runs them.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <numeric>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "runtime/parallel.hpp"

namespace {

using materia::detail::Concurrent;
using materia::detail::parallel_for;

TEST(Parallel, ConcurrentParallelForRunsEveryIndexOnceForAnyThreadCount) {
  for (unsigned threads : {0u, 1u, 2u, 3u, 8u, 64u}) {
    for (std::size_t count : {0u, 1u, 2u, 7u, 1000u}) {
      std::vector<int> runs(count, 0);
      parallel_for(count, threads, [&](std::size_t i) { ++runs[i]; });
      EXPECT_EQ(std::count(runs.begin(), runs.end(), 1), static_cast<long>(count))
          << threads << " threads, " << count << " items";
    }
  }
}

TEST(Parallel, ConcurrentParallelForRethrowsTheLowestFailingIndex) {
  for (unsigned threads : {1u, 2u, 5u}) {
    try {
      parallel_for(100, threads, [](std::size_t i) {
        if (i == 97 || i == 41) throw std::runtime_error("item " + std::to_string(i));
      });
      ADD_FAILURE() << "no error";
    } catch (const std::runtime_error& e) {
      EXPECT_STREQ(e.what(), "item 41") << threads;
    }
  }
}

// Jobs inside jobs, and a Concurrent result whose work uses parallel_for itself, while the
// caller runs a parallel_for of its own: every sum is right and nothing waits forever.
TEST(Parallel, ConcurrentNestedJobsAndResultsFinish) {
  auto sum_of_squares = [](std::size_t n) {
    std::vector<std::size_t> square(n);
    parallel_for(n, 0, [&](std::size_t i) { square[i] = i * i; });
    return std::accumulate(square.begin(), square.end(), std::size_t{0});
  };
  for (int round = 0; round < 50; ++round) {
    Concurrent<std::size_t> background([&] { return sum_of_squares(1000); }, true);
    std::vector<std::size_t> inner(16);
    parallel_for(16, 4, [&](std::size_t i) { inner[i] = sum_of_squares(10 + i); });
    for (std::size_t i = 0; i < 16; ++i) {
      const std::size_t n = 10 + i;
      EXPECT_EQ(inner[i], (n - 1) * n * (2 * n - 1) / 6);
    }
    EXPECT_EQ(background.get(), std::size_t{999} * 1000 * 1999 / 6);
  }
}

TEST(Parallel, ConcurrentResultsRethrowRunInlineAndWaitInTheirDestructor) {
  Concurrent<int> failing([]() -> int { throw std::invalid_argument("no value"); }, true);
  EXPECT_THROW(failing.get(), std::invalid_argument);

  // Not concurrently: the work runs at get(), on the caller.
  const auto caller = std::this_thread::get_id();
  std::thread::id ran_on;
  Concurrent<void> deferred([&] { ran_on = std::this_thread::get_id(); }, false);
  EXPECT_EQ(ran_on, std::thread::id());
  deferred.get();
  EXPECT_EQ(ran_on, caller);

  // Never asked for but under way: the destructor waits for the work (it may use the caller's
  // locals). (Not under way: the next test.)
  if (materia::detail::WorkerPool::instance().workers() > 0) {
    std::atomic<int> started{0}, done{0};
    {
      Concurrent<void> forgotten(
          [&] {
            started = 1;
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
            done = 1;
          },
          true);
      while (!started)
        std::this_thread::sleep_for(std::chrono::microseconds(100));
    }
    EXPECT_EQ(done.load(), 1);
  }
}

// A result nobody asked for, that no worker has started (every worker is busy), is dropped by
// its destructor rather than run there: the stage whose error destroyed it does not wait for it.
TEST(Parallel, ConcurrentResultNeverStartedIsDroppedByItsDestructor) {
  const unsigned workers = materia::detail::WorkerPool::instance().workers();
  std::atomic<unsigned> started{0};
  std::atomic<bool> release{false};
  std::vector<std::unique_ptr<Concurrent<void>>> busy;
  for (unsigned w = 0; w < workers; ++w)
    busy.push_back(std::make_unique<Concurrent<void>>(
        [&] {
          ++started;
          while (!release)
            std::this_thread::sleep_for(std::chrono::microseconds(100));
        },
        true));
  while (started < workers)
    std::this_thread::sleep_for(std::chrono::microseconds(100));
  bool ran = false;
  {
    Concurrent<void> dropped([&] { ran = true; }, true);
  }
  EXPECT_FALSE(ran);
  release = true;
  busy.clear();  // each waits for its work under way
  EXPECT_EQ(started.load(), workers);
}

// Many callers on threads of their own share the pool.
TEST(Parallel, ConcurrentCallersShareThePool) {
  std::vector<std::thread> callers;
  std::vector<std::size_t> total(6, 0);
  for (std::size_t c = 0; c < total.size(); ++c)
    callers.emplace_back([&, c] {
      for (int round = 0; round < 30; ++round) {
        std::vector<std::size_t> value(500);
        parallel_for(value.size(), 0, [&](std::size_t i) { value[i] = i + c; });
        total[c] += std::accumulate(value.begin(), value.end(), std::size_t{0});
      }
    });
  for (auto& caller : callers)
    caller.join();
  for (std::size_t c = 0; c < total.size(); ++c)
    EXPECT_EQ(total[c], 30 * (499 * 500 / 2 + 500 * c)) << c;
}

// A job is run by at most its caller's thread count at once (--threads bounds the analysis on
// any machine, whatever the pool's size): six threads claim the blocks of a job for two.
TEST(Parallel, ConcurrentJobRunsOnAtMostItsThreadCount) {
  std::atomic<int> running{0}, most{0};
  std::vector<std::atomic<int>> runs(200);
  materia::detail::Job job(200, 2, [&](unsigned b) {
    const int now = ++running;
    int seen = most.load();
    while (now > seen && !most.compare_exchange_weak(seen, now)) {
    }
    std::this_thread::sleep_for(std::chrono::microseconds(50));
    ++runs[b];
    --running;
  });
  std::vector<std::thread> threads;
  for (int t = 0; t < 6; ++t)
    threads.emplace_back([&] { job.finish(nullptr); });
  for (auto& thread : threads)
    thread.join();
  EXPECT_LE(most.load(), 2);
  EXPECT_EQ(most.load(), 2);  // and two did run it at once
  for (const auto& count : runs)
    EXPECT_EQ(count.load(), 1);
}

// A child of fork() has none of the parent's workers: its parallel_for still runs every index.
TEST(Parallel, ForkedChildStillRunsParallelWork) {
  parallel_for(100, 0, [](std::size_t) {});  // the parent's pool exists
  const pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    std::vector<int> runs(1000, 0);
    parallel_for(runs.size(), 0, [&](std::size_t i) { ++runs[i]; });
    Concurrent<int> value([] { return 7; }, true);
    const bool right = std::count(runs.begin(), runs.end(), 1) == 1000 && value.get() == 7;
    _exit(right ? 0 : 1);
  }
  int status = 0;
  ASSERT_EQ(waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0);
}

}  // namespace
