#pragma once
/// \file loop.hpp
/// The loop the header-only kernels (`materia::kernels`) run their independent work on. A kernel
/// takes it as a template parameter, `Loop`, with this sequential loop as the default; the
/// compiled library passes one that runs on its worker pool. Every kernel writes only the outputs
/// of the index it runs, so its results never depend on the loop.
///
/// A Loop is a copyable object with
///   * `loop(count, grain, body)`: calls body(i) once for every i in [0, count), on any threads,
///     in any order; `grain` is the fewest indices worth handing to another thread. When bodies
///     throw, it rethrows the exception of the lowest failing index (the one a sequential loop
///     meets first) after the others have stopped;
///   * `loop.threads()`: the most threads it runs bodies on (1 for a sequential loop), which
///     kernels that cut their own work into pieces use to decide how many.

#include <cstddef>

namespace materia::kernels {

/// body(0), body(1), ... on the calling thread.
struct SequentialLoop {
  template <typename Body>
  void operator()(std::size_t count, std::size_t /*grain*/, Body&& body) const {
    for (std::size_t i = 0; i < count; ++i)
      body(i);
  }
  unsigned threads() const { return 1; }
};

}  // namespace materia::kernels
