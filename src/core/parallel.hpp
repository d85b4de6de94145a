#pragma once
// Splitting independent work over threads. Each index writes only its own result, so the output
// is the same whatever the thread count; an exception is rethrown for the lowest failing index,
// the one a sequential loop would have met first.

#include <algorithm>
#include <cstddef>
#include <exception>
#include <thread>
#include <vector>

namespace materia::detail {

/// `requested` threads, or every core when 0; never more than `work_items`, never fewer than 1.
inline unsigned thread_count(unsigned requested, std::size_t work_items) {
  unsigned threads = requested ? requested : std::max(1u, std::thread::hardware_concurrency());
  return static_cast<unsigned>(
      std::max<std::size_t>(1, std::min<std::size_t>(threads, work_items)));
}

/// Runs work(i) for every i in [0, count), in contiguous blocks on up to `threads` threads (0 =
/// every core). Below `min_per_thread` items per thread the work stays on the calling thread:
/// starting a thread costs tens of microseconds.
template <typename Work>
void parallel_for(std::size_t count, unsigned threads, Work work, std::size_t min_per_thread = 1) {
  const unsigned t = thread_count(threads, count / std::max<std::size_t>(min_per_thread, 1));
  if (t <= 1) {
    for (std::size_t i = 0; i < count; ++i)
      work(i);
    return;
  }
  std::vector<std::exception_ptr> error(t);
  auto run_block = [&](unsigned b) {
    const std::size_t begin = count * b / t, end = count * (b + 1) / t;
    for (std::size_t i = begin; i < end; ++i) {
      try {
        work(i);
      } catch (...) {
        error[b] = std::current_exception();
        return;
      }
    }
  };
  std::vector<std::thread> pool;
  pool.reserve(t - 1);
  for (unsigned b = 1; b < t; ++b)
    pool.emplace_back(run_block, b);
  run_block(0);
  for (auto& thread : pool)
    thread.join();
  // blocks are in index order: the first block with an error holds the lowest failing index
  for (unsigned b = 0; b < t; ++b)
    if (error[b]) std::rethrow_exception(error[b]);
}

/// parallel_for that does not stop at a failure: element i of the result is the exception
/// work(i) threw, or null. For callers that raise failures in an order of their own (the one
/// their sequential walk over the items would meet them in).
template <typename Work>
std::vector<std::exception_ptr> parallel_for_keeping_errors(std::size_t count, unsigned threads,
                                                            Work work,
                                                            std::size_t min_per_thread = 1) {
  std::vector<std::exception_ptr> error(count);
  parallel_for(
      count, threads,
      [&](std::size_t i) {
        try {
          work(i);
        } catch (...) {
          error[i] = std::current_exception();
        }
      },
      min_per_thread);
  return error;
}

}  // namespace materia::detail
