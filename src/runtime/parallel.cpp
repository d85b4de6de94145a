#include "runtime/parallel.hpp"

#include <unistd.h>

#include "materia/runtime/execution.hpp"

namespace materia::detail {

// The process's pool and its configured size. The pool is never destroyed (a static destroyed
// before another's destructor posts work would be used after its end): JoinAtExit joins its
// workers when the process exits, and work after that runs on its callers. A child of fork()
// has none of its parent's threads, so it starts its own pool (the parent's may hold its lock)
// of the configured size.
struct PoolControl {
  std::mutex mutex;  // creation, configuration, resizing and the join at exit
  std::atomic<WorkerPool*> pool{nullptr};
  std::atomic<pid_t> owner{0};
  bool configured = false;
  unsigned workers = 0;  // when configured
  bool exiting = false;

  static PoolControl& get() {
    static PoolControl* const control = new PoolControl;  // outlives every static destructor
    return *control;
  }
  WorkerPool* own_pool() const {
    WorkerPool* current = pool.load(std::memory_order_acquire);
    return current && owner.load(std::memory_order_acquire) == ::getpid() ? current : nullptr;
  }
  void join_at_exit() {
    const std::lock_guard lock(mutex);
    exiting = true;
    if (WorkerPool* current = own_pool()) current->resize(0);
  }
};

namespace {

// Constructed with the first pool, so destroyed before any static made before it (which may
// still use the pool, then with no workers).
struct JoinAtExit {
  JoinAtExit() = default;
  JoinAtExit(const JoinAtExit&) = delete;
  JoinAtExit& operator=(const JoinAtExit&) = delete;
  ~JoinAtExit() { PoolControl::get().join_at_exit(); }
};

}  // namespace

WorkerPool& WorkerPool::instance() {
  return start(nullptr);
}

WorkerPool& WorkerPool::start(void (*on_start)()) {
  PoolControl& control = PoolControl::get();
  const pid_t self = ::getpid();
  if (WorkerPool* current = control.own_pool()) return *current;
  const std::lock_guard lock(control.mutex);
  WorkerPool* current = control.own_pool();
  if (!current) {
    static JoinAtExit join_at_exit;
    const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
    const unsigned workers = control.exiting ? 0 : control.configured ? control.workers : cores - 1;
    current = new WorkerPool(workers, on_start);
    control.owner.store(self, std::memory_order_release);
    control.pool.store(current, std::memory_order_release);
  }
  return *current;
}

void WorkerPool::configure(unsigned workers) {
  PoolControl& control = PoolControl::get();
  const std::lock_guard lock(control.mutex);
  if (control.exiting) return;
  control.configured = true;
  control.workers = workers;
  if (WorkerPool* current = control.own_pool()) current->resize(workers);
}

WorkerPool::WorkerPool(unsigned workers, void (*on_start)()) : on_start_(on_start) {
  resize(workers);
}

void WorkerPool::resize(unsigned workers) {
  const auto now = static_cast<unsigned>(threads_.size());
  {
    const std::lock_guard lock(mutex_);
    wanted_ = workers;
  }
  if (workers < now) {
    count_.store(workers, std::memory_order_release);
    wake_.notify_all();
    for (unsigned w = workers; w < now; ++w)
      threads_[w].join();
    threads_.resize(workers);
    return;
  }
  threads_.reserve(workers);
  try {
    for (unsigned w = now; w < workers; ++w)
      threads_.emplace_back([this, w] {
        if (on_start_) on_start_();
        work(w);
      });
  } catch (...) {  // no more threads: keep those that started
    const std::lock_guard lock(mutex_);
    wanted_ = static_cast<unsigned>(threads_.size());
    count_.store(wanted_, std::memory_order_release);
    throw;
  }
  count_.store(workers, std::memory_order_release);
}

namespace {
std::atomic<std::uint64_t> offered_jobs{0};
}  // namespace

std::uint64_t WorkerPool::jobs_offered() {
  return offered_jobs.load(std::memory_order_relaxed);
}

void WorkerPool::offer(const std::shared_ptr<Job>& job, unsigned helpers) {
  offered_jobs.fetch_add(1, std::memory_order_relaxed);
  {
    const std::lock_guard lock(mutex_);
    jobs_.push_back(job);
  }
  if (helpers >= workers())
    wake_.notify_all();
  else
    for (unsigned h = 0; h < helpers; ++h)
      wake_.notify_one();
}

void WorkerPool::withdraw(const std::shared_ptr<Job>& job) {
  const std::lock_guard lock(mutex_);
  const auto at = std::find(jobs_.begin(), jobs_.end(), job);
  if (at != jobs_.end()) jobs_.erase(at);
}

std::shared_ptr<Job> WorkerPool::next_job() {
  // Jobs whose blocks are all claimed leave the queue here (their callers withdraw them too);
  // a job already run by as many threads as its caller allows is passed over.
  while (!jobs_.empty() && jobs_.front()->claimed())
    jobs_.pop_front();
  for (const auto& job : jobs_)
    if (job->open()) return job;
  return nullptr;
}

bool WorkerPool::help() {
  std::shared_ptr<Job> job;
  {
    const std::lock_guard lock(mutex_);
    job = next_job();
  }
  return job && job->run_one();
}

void WorkerPool::work(unsigned index) {
  for (;;) {
    std::shared_ptr<Job> job;
    {
      std::unique_lock lock(mutex_);
      // (open() changes outside the lock: the job found is the one taken)
      wake_.wait(lock, [&] { return index >= wanted_ || (job = next_job()) != nullptr; });
      if (!job) return;  // no longer wanted
    }
    job->run_one();
  }
}

}  // namespace materia::detail

namespace materia {

void configure_threads(unsigned threads) {
  const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  detail::WorkerPool::configure((threads ? threads : cores) - 1);
}

}  // namespace materia
