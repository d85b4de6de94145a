#pragma once
/// \file execution.hpp
/// How a call runs, as opposed to what it computes: every function that splits its work over
/// threads takes an Execution as its last parameter, and its result never depends on it.

namespace materia {

/// The resources a call may use.
struct Execution {
  /// Threads the call may run on, its own included: 0 = every core, 1 = the calling thread only.
  /// Results are the same for every value. The process's worker pool (configure_threads) bounds
  /// how many of them run at once.
  unsigned threads = 0;
};

/// Sizes the process's worker pool to `threads` - 1 workers (the calling thread is the other);
/// 0 = every core, the default; 1 = no workers, every call runs on its caller's thread. Call it
/// before or between analyses. Called while other threads run analyses, it is still safe: a
/// worker that leaves first finishes the piece of work it is running (the call waits for it),
/// new workers join work already queued, and each analysis runs what no worker takes on its own
/// thread. Results never depend on it. The workers are joined when the process exits; a child of
/// fork() starts its own pool of the configured size. Do not call it from a signal handler.
void configure_threads(unsigned threads);

}  // namespace materia
