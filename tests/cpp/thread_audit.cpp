// The thread audit behind ctest threads.tsan_covers_threaded_tests: with MATERIA_THREAD_AUDIT=FILE
// set, every test that runs is appended to FILE as "Suite.Name<TAB>source file<TAB>threads", where
// threads is 1 when it started a thread or handed work to the worker pool, for
// tests/threads/check_tsan_coverage.py to compare with the tests the ThreadSanitizer stage runs.
// Only in builds without sanitizers: they intercept pthread_create themselves.
#ifdef MATERIA_THREAD_AUDIT

#include <dlfcn.h>
#include <gtest/gtest.h>
#include <pthread.h>

#include <atomic>
#include <cstdint>
#include <cstdlib>
#include <fstream>

#include "runtime/parallel.hpp"

namespace {

std::atomic<std::uint64_t> threads_started{0};

using PthreadCreate = int (*)(pthread_t*, const pthread_attr_t*, void* (*)(void*), void*);

class ThreadAudit : public testing::EmptyTestEventListener {
 public:
  explicit ThreadAudit(const char* path) : out_(path, std::ios::app) {}
  void OnTestStart(const testing::TestInfo&) override { before_ = counts(); }
  // One line, flushed at once: ctest's parallel test processes append to the same file.
  void OnTestEnd(const testing::TestInfo& test) override {
    out_ << test.test_suite_name() << '.' << test.name() << '\t' << test.file() << '\t'
         << (counts() != before_ ? 1 : 0) << std::endl;
  }

 private:
  static std::uint64_t counts() {
    return threads_started.load() + materia::detail::WorkerPool::jobs_offered();
  }
  std::ofstream out_;
  std::uint64_t before_ = 0;
};

const bool registered = [] {
  if (const char* path = std::getenv("MATERIA_THREAD_AUDIT"))
    testing::UnitTest::GetInstance()->listeners().Append(new ThreadAudit(path));
  return true;
}();

}  // namespace

// Every thread of the process starts here (std::thread, the worker pool) and is counted.
extern "C" int pthread_create(pthread_t* thread, const pthread_attr_t* attr, void* (*start)(void*),
                              void* arg) {
  static const auto next = reinterpret_cast<PthreadCreate>(dlsym(RTLD_NEXT, "pthread_create"));
  threads_started.fetch_add(1);
  return next(thread, attr, start, arg);
}

#endif
