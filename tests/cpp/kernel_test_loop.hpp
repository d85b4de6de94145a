#pragma once
// A kernels Loop (materia/rank/loop.hpp) unlike both the sequential one and the worker pool:
// every call starts its own threads, which take the indices in interleaved, descending order.
// Kernels must give the same results on it.

#include <cstddef>
#include <exception>
#include <thread>
#include <vector>

namespace materia::testing {

struct InterleavedLoop {
  unsigned thread_count = 3;

  template <typename Body>
  void operator()(std::size_t count, std::size_t /*grain*/, Body&& body) const {
    std::vector<std::exception_ptr> error(count);
    std::vector<std::thread> threads;
    for (unsigned t = 0; t < thread_count; ++t)
      threads.emplace_back([&, t] {
        for (std::size_t i = count; i-- > 0;)
          if (i % thread_count == t) {
            try {
              body(i);
            } catch (...) {
              error[i] = std::current_exception();
            }
          }
      });
    for (auto& thread : threads)
      thread.join();
    for (const auto& e : error)
      if (e) std::rethrow_exception(e);
  }
  unsigned threads() const { return thread_count; }
};

}  // namespace materia::testing
