// The CLI's process set-up: large blocks stay on the heap afterwards, the worker pool is started
// with a worker per core but one, and an analysis gives the same bytes as without it. Run in a
// child of fork(), whose pool and allocator settings are its own.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <thread>

#include "materia/analyze/analyze.hpp"
#include "materia/io/io.hpp"
#include "materia/output/output.hpp"
#include "materia/runtime/process.hpp"
#include "output/result_json.hpp"
#include "runtime/parallel.hpp"

// clang names its sanitizers through __has_feature, GCC through __SANITIZE_*__.
#if defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
#define MATERIA_SANITIZED_ALLOCATOR 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define MATERIA_SANITIZED_ALLOCATOR 1
#endif

namespace {

std::string analysis_json() {
  return materia::to_json(materia::analyze(materia::load_sample("fintech-2024"))).dump();
}

// Exit codes of the child: which check failed.
enum Check { kPassed = 0, kPoolSize = 1, kHeap = 2, kResult = 3 };

TEST(Process, SetUpForOneCommandKeepsResultsAndStartsThePool) {
  const std::string expected = analysis_json();
  const pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    materia::set_up_process_for_one_command();
    const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
    if (materia::detail::WorkerPool::instance().workers() != cores - 1) _exit(kPoolSize);
#if defined(__GLIBC__) && !defined(MATERIA_SANITIZED_ALLOCATOR)
    // 64 MiB is above the largest mmap threshold glibc sets itself (32 MiB): after the set-up
    // it comes from the heap (a sanitizer's allocator ignores mallopt).
    void* block = std::malloc(std::size_t{64} << 20);
    const auto at = reinterpret_cast<std::uintptr_t>(block);
    const bool on_heap = block && at < reinterpret_cast<std::uintptr_t>(sbrk(0));
    std::free(block);
    if (!on_heap) _exit(kHeap);
#endif
    _exit(analysis_json() == expected ? kPassed : kResult);
  }
  int status = 0;
  ASSERT_EQ(waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), kPassed);
}

}  // namespace
