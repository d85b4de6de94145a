#include "runtime/parallel.hpp"

#include <unistd.h>

namespace materia::detail {

WorkerPool& WorkerPool::instance() {
  return start(nullptr);
}

WorkerPool& WorkerPool::start(void (*on_start)()) {
  // Never destroyed: its workers stay parked until the process ends (a static's destructor
  // would join them while other statics may still post work). A child of fork() has none of
  // its parent's threads, so it starts its own pool (the parent's may hold its lock).
  static std::atomic<WorkerPool*> pool{nullptr};
  static std::atomic<pid_t> owner{0};
  static std::mutex creating;
  const pid_t self = ::getpid();
  WorkerPool* current = pool.load(std::memory_order_acquire);
  if (current && owner.load(std::memory_order_acquire) == self) return *current;
  const std::lock_guard lock(creating);
  current = pool.load(std::memory_order_acquire);
  if (!current || owner.load(std::memory_order_acquire) != self) {
    const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
    current = new WorkerPool(cores - 1, on_start);
    owner.store(self, std::memory_order_release);
    pool.store(current, std::memory_order_release);
  }
  return *current;
}

WorkerPool::WorkerPool(unsigned workers, void (*on_start)()) {
  threads_.reserve(workers);
  for (unsigned w = 0; w < workers; ++w) {
    threads_.emplace_back([this, on_start] {
      if (on_start) on_start();
      work();
    });
    threads_.back().detach();
  }
}

void WorkerPool::offer(const std::shared_ptr<Job>& job, unsigned helpers) {
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

void WorkerPool::work() {
  for (;;) {
    std::shared_ptr<Job> job;
    {
      std::unique_lock lock(mutex_);
      // (open() changes outside the lock: the job found is the one taken)
      wake_.wait(lock, [&] { return (job = next_job()) != nullptr; });
    }
    job->run_one();
  }
}

}  // namespace materia::detail
