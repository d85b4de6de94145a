#include "materia/runtime/process.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdlib>  // defines __GLIBC__, tested below
#ifdef __GLIBC__
#include <malloc.h>
#include <sys/mman.h>
#include <unistd.h>
#endif

#include "runtime/parallel.hpp"

namespace materia {

namespace {

#ifdef __GLIBC__
// Each worker allocates from a malloc arena of its own, which glibc maps as a 64 MiB region
// aligned to its size (HEAP_MAX_SIZE on 64-bit), outside the heap: run on each worker as it
// starts (the workers live as long as the process, each keeping its arena), this asks for huge
// pages on the region of the calling thread's arena.
void advise_this_threads_arena() {
  constexpr std::uintptr_t kArena = std::uintptr_t{64} << 20;
  void* probe = std::malloc(64);
  if (!probe) return;
  const auto region = reinterpret_cast<std::uintptr_t>(probe) & ~(kArena - 1);
  if (region != (reinterpret_cast<std::uintptr_t>(sbrk(0)) & ~(kArena - 1)))  // not the heap
    madvise(reinterpret_cast<void*>(region), kArena, MADV_HUGEPAGE);          // advice: may fail
  std::free(probe);
}
#endif

// A run frees and reallocates hundreds of MB of transient buffers (the file, the parser's tape,
// the rank tables): by default glibc serves large blocks with mmap and returns freed heap to the
// kernel, so each reuse faults its pages in again, 4 KiB at a time (docs/performance.md, "Market
// scale, end to end", measures each setting).
void set_up_memory_for_one_command() {
#ifdef __GLIBC__
  mallopt(M_MMAP_THRESHOLD, 256 << 20);  // keep large blocks on the heap...
  mallopt(M_TRIM_THRESHOLD, 1 << 30);    // ...and freed memory in the process
  mallopt(M_TOP_PAD, 64 << 20);
  // Grow the heap once by 192 MiB (address space only) and ask for transparent huge pages on it
  // (with THP in "madvise" mode, as Debian ships, nothing else gets them). Only when the block
  // really is glibc's brk heap (a sanitizer's or valgrind's allocator puts it elsewhere).
  constexpr std::size_t kReserve = std::size_t{192} << 20, kHuge = std::size_t{2} << 20;
  void* block = std::malloc(kReserve);
  if (!block) return;
  const auto begin = (reinterpret_cast<std::uintptr_t>(block) + kHuge - 1) & ~(kHuge - 1);
  const auto end = reinterpret_cast<std::uintptr_t>(sbrk(0)) & ~(kHuge - 1);
  if (end > begin && end - begin <= 2 * kReserve)
    madvise(reinterpret_cast<void*>(begin), end - begin, MADV_HUGEPAGE);  // advice: may fail
  std::free(block);
#endif
}

}  // namespace

void set_up_process_for_one_command() {
  set_up_memory_for_one_command();
  // The workers start now and are parked by the time there is work (a thread started when the
  // work arrives can wait for a core as long as its parent stays busy).
#ifdef __GLIBC__
  detail::WorkerPool::start(advise_this_threads_arena);
#else
  detail::WorkerPool::instance();
#endif
}

}  // namespace materia
