#pragma once
// How the compiled library runs the header-only kernels (materia::kernels): their loops on the
// process's worker pool, and their std::invalid_argument raised as Error(usage).

#include <cstddef>
#include <limits>
#include <stdexcept>
#include <utility>

#include "materia/error.hpp"
#include "runtime/parallel.hpp"

namespace materia::detail {

/// A kernels Loop (materia/rank/loop.hpp) on the worker pool: parallel_for on `requested`
/// threads (0 = every core).
struct PoolLoop {
  unsigned requested = 0;

  template <typename Body>
  void operator()(std::size_t count, std::size_t grain, Body&& body) const {
    parallel_for(count, requested, std::forward<Body>(body), grain);
  }
  unsigned threads() const {
    return thread_count(requested, std::numeric_limits<std::size_t>::max());
  }
};

/// call(), with the std::invalid_argument a kernel throws for bad arguments raised as
/// Error(usage) with the same message.
template <typename Call>
decltype(auto) with_usage_errors(Call&& call) {
  try {
    return std::forward<Call>(call)();
  } catch (const std::invalid_argument& error) {
    throw Error(ErrorKind::usage, error.what());
  }
}

}  // namespace materia::detail
