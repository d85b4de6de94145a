#pragma once
/// \file execution.hpp
/// How a call runs, as opposed to what it computes: every function that splits its work over
/// threads takes an Execution as its last parameter, and its result never depends on it.

namespace materia {

/// The resources a call may use.
struct Execution {
  /// Threads the call may run on, its own included: 0 = every core, 1 = the calling thread only.
  /// Results are the same for every value.
  unsigned threads = 0;
};

}  // namespace materia
