// The thread audit behind ctest threads.tsan_covers_threaded_tests: with MATERIA_THREAD_AUDIT=FILE
// set, every test that starts a thread or hands work to the worker pool is written to FILE as
// "Suite.Name<TAB>source file", for tests/threads/check_tsan_coverage.py to compare with the
// files the ThreadSanitizer build compiles. Only in builds without sanitizers: they intercept
// pthread_create themselves.
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
  void OnTestEnd(const testing::TestInfo& test) override {
    if (counts() != before_)
      out_ << test.test_suite_name() << '.' << test.name() << '\t' << test.file() << std::endl;
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
