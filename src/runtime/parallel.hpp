#pragma once
// Splitting independent work over threads. Each index writes only its own result, so the output
// is the same whatever the thread count; an exception is rethrown for the lowest failing index,
// the one a sequential loop would have met first.
//
// The work runs on the process's worker threads (WorkerPool), started once and parked between
// jobs: a thread started while its parent is busy can wait for the parent's core as long as the
// parent stays busy, where a parked worker wakes at once (docs/performance.md, "Threads"). Callers
// never wait on a worker for work that has not started: they claim what is left and run it
// themselves, so a job finishes when the pool is busy, nested, empty (one core) or gone (after
// fork()).

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <tuple>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

namespace materia::detail {

/// `requested` threads, or every core when 0; never more than `work_items`, never fewer than 1.
inline unsigned thread_count(unsigned requested, std::size_t work_items) {
  unsigned threads = requested ? requested : std::max(1u, std::thread::hardware_concurrency());
  return static_cast<unsigned>(
      std::max<std::size_t>(1, std::min<std::size_t>(threads, work_items)));
}

class WorkerPool;

/// `blocks` pieces of work, body(b) for each b, claimed one at a time by whoever runs them (the
/// pool's workers and the caller), by at most `runners` threads at once (a caller's thread
/// count); body must not throw.
class Job {
 public:
  Job(unsigned blocks, unsigned runners, std::function<void(unsigned)> body)
      : body_(std::move(body)), blocks_(blocks), runners_(std::max(runners, 1u)) {}
  /// Claims the next block and runs it; false when every block has been claimed or `runners`
  /// threads are running blocks.
  bool run_one() {
    if (running_.fetch_add(1, std::memory_order_acq_rel) >= runners_) {
      running_.fetch_sub(1, std::memory_order_acq_rel);
      return false;
    }
    const unsigned b = next_.fetch_add(1, std::memory_order_relaxed);
    if (b < blocks_) body_(b);
    running_.fetch_sub(1, std::memory_order_acq_rel);
    if (b >= blocks_) return false;
    const std::lock_guard lock(mutex_);
    if (++done_ == blocks_) finished_.notify_all();
    return true;
  }
  /// True when every block has been claimed (some may still be running).
  bool claimed() const { return next_.load(std::memory_order_relaxed) >= blocks_; }
  /// True when a thread may claim a block now.
  bool open() const { return !claimed() && running_.load(std::memory_order_relaxed) < runners_; }
  /// Claims every block nobody has claimed, without running it (they count as done).
  void cancel() {
    const unsigned claimed = next_.exchange(blocks_, std::memory_order_relaxed);
    if (claimed >= blocks_) return;
    const std::lock_guard lock(mutex_);
    done_ += blocks_ - claimed;
    if (done_ == blocks_) finished_.notify_all();
  }
  /// Runs every block nobody has claimed, then waits for those others run, meanwhile running
  /// blocks of the pool's other jobs (`pool` may be null): often the very blocks the job it
  /// waits for has queued, as when the normalizer, built on a worker, folds on every core.
  void finish(WorkerPool* pool);

 private:
  std::function<void(unsigned)> body_;
  const unsigned blocks_;
  const unsigned runners_;
  std::atomic<unsigned> next_{0};
  std::atomic<unsigned> running_{0};
  std::mutex mutex_;
  std::condition_variable finished_;
  unsigned done_ = 0;
};

/// The process's workers: one fewer than the cores (the caller is the other) unless
/// materia::configure_threads says otherwise, started at first use, resized by configure(), and
/// joined when the process exits (or the library is unloaded).
class WorkerPool {
 public:
  static WorkerPool& instance();
  /// instance(), and if the pool is started by this call, on_start() runs first on each worker
  /// thread (the CLI advises the thread's malloc arena there); it must not throw.
  static WorkerPool& start(void (*on_start)());
  /// Sets this process's number of workers, now if its pool has started, else at its start.
  /// Workers leaving finish the block they run first (the call waits for them); queued jobs go
  /// on, since their callers run what no worker takes. Not from inside a job's work.
  static void configure(unsigned workers);
  unsigned workers() const { return count_.load(std::memory_order_acquire); }
  /// Offers `job` to up to `helpers` workers; the caller runs it too (Job::finish).
  void offer(const std::shared_ptr<Job>& job, unsigned helpers);
  /// Takes `job` off the queue (when its caller has finished it).
  void withdraw(const std::shared_ptr<Job>& job);
  /// Runs one unclaimed block of a queued job, if there is one.
  bool help();
  /// How many jobs offer() has been given in this process: the test suite's thread audit
  /// (tests/cpp/thread_audit.cpp) counts which tests hand work to other threads.
  static std::uint64_t jobs_offered();

 private:
  WorkerPool(unsigned workers, void (*on_start)());
  void resize(unsigned workers);  // under the caller's lock on the process's pool
  void work(unsigned index);
  std::shared_ptr<Job> next_job();  // the first queued job with unclaimed blocks, or null
  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::shared_ptr<Job>> jobs_;
  unsigned wanted_ = 0;  // under mutex_: a worker whose index is not below it ends
  std::vector<std::thread> threads_;
  std::atomic<unsigned> count_{0};
  void (*on_start_)();
  friend struct PoolControl;
};

/// Runs body(b) for b in [0, blocks) on the caller and up to threads - 1 of the pool's workers.
inline void run_blocks(unsigned blocks, unsigned threads,
                       const std::function<void(unsigned)>& body) {
  WorkerPool* pool = blocks > 1 && threads > 1 ? &WorkerPool::instance() : nullptr;
  if (!pool || pool->workers() == 0) {
    for (unsigned b = 0; b < blocks; ++b)
      body(b);
    return;
  }
  auto job = std::make_shared<Job>(blocks, threads, body);
  pool->offer(job, std::min(blocks, threads) - 1);
  job->finish(pool);
  pool->withdraw(job);
}

inline void Job::finish(WorkerPool* pool) {
  while (run_one()) {
  }
  std::unique_lock lock(mutex_);
  while (done_ != blocks_) {
    if (pool) {
      lock.unlock();
      const bool helped = pool->help();
      lock.lock();
      if (helped) continue;
    }
    // Woken when the last block finishes; meanwhile another job may queue blocks to help with.
    finished_.wait_for(lock, std::chrono::microseconds(200));
  }
}

/// A result being worked out on a worker while the caller goes on (std::async's use here).
/// get() runs the work on the caller when no worker has started it, so it never waits for a
/// worker to become free; without `concurrently` the work runs at get(). Destroyed without
/// get() (an earlier stage threw), it drops work no worker has started and waits for work under
/// way, which may refer to the caller's locals.
template <typename T>
class Concurrent {
 public:
  template <typename Fn>
  Concurrent(Fn fn, bool concurrently) : state_(std::make_shared<State>()) {
    state_->job = std::make_shared<Job>(1, 1, [state = state_.get(), fn = std::move(fn)](unsigned) {
      try {
        if constexpr (std::is_void_v<T>) {
          fn();
          state->value.emplace();
        } else {
          state->value.emplace(fn());
        }
      } catch (...) {
        state->error = std::current_exception();
      }
    });
    if (concurrently) {
      state_->pool = &WorkerPool::instance();
      state_->pool->offer(state_->job, 1);
    }
  }
  Concurrent(const Concurrent&) = delete;
  Concurrent& operator=(const Concurrent&) = delete;
  ~Concurrent() {
    if (!state_) return;
    state_->job->cancel();
    finish();
  }
  /// The result (or the exception the work threw); once.
  auto get() {
    finish();
    auto state = std::move(state_);
    if (state->error) std::rethrow_exception(state->error);
    if constexpr (!std::is_void_v<T>) return std::move(*state->value);
  }

 private:
  struct State {
    std::shared_ptr<Job> job;
    WorkerPool* pool = nullptr;  // the pool it was offered to, if any
    std::optional<std::conditional_t<std::is_void_v<T>, std::monostate, T>> value;
    std::exception_ptr error;
  };
  void finish() {
    state_->job->finish(state_->pool);
    if (state_->pool) state_->pool->withdraw(state_->job);
  }
  std::shared_ptr<State> state_;
};

/// Destroys `values` on a worker while the caller goes on (or here, without `concurrently` or
/// without workers): what a stage no longer needs is often thousands of small blocks to free.
template <typename... T>
void free_concurrently(bool concurrently, T&&... values) {
  auto owned = std::make_shared<std::tuple<std::decay_t<T>...>>(std::forward<T>(values)...);
  WorkerPool* pool = concurrently ? &WorkerPool::instance() : nullptr;
  if (!pool || pool->workers() == 0) return;  // freed here, with `owned`
  auto job =
      std::make_shared<Job>(1, 1, [owned = std::move(owned)](unsigned) mutable { owned.reset(); });
  pool->offer(job, 1);
}

/// Runs work(i) for every i in [0, count), in contiguous blocks on up to `threads` threads (0 =
/// every core). Below `min_per_thread` items per thread the work stays on the calling thread:
/// handing a block to a worker costs microseconds.
template <typename Work>
void parallel_for(std::size_t count, unsigned threads, Work work, std::size_t min_per_thread = 1) {
  const unsigned t = thread_count(threads, count / std::max<std::size_t>(min_per_thread, 1));
  if (t <= 1) {
    for (std::size_t i = 0; i < count; ++i)
      work(i);
    return;
  }
  // Up to four blocks per thread, claimed as threads come free: a worker that starts late (busy
  // with another job) takes fewer, and the caller does not wait for its one big block.
  const auto blocks = static_cast<unsigned>(
      std::min<std::size_t>(count / std::max<std::size_t>(min_per_thread, 1), 4 * std::size_t{t}));
  std::vector<std::exception_ptr> error(blocks);
  auto run_block = [&](unsigned b) {
    const std::size_t begin = count * b / blocks, end = count * (b + 1) / blocks;
    for (std::size_t i = begin; i < end; ++i) {
      try {
        work(i);
      } catch (...) {
        error[b] = std::current_exception();
        return;
      }
    }
  };
  run_blocks(blocks, t, run_block);
  // blocks are in index order: the first block with an error holds the lowest failing index
  for (unsigned b = 0; b < blocks; ++b)
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
