#pragma once
// Fisher's programme as the compiled library runs it (internal): the header-only programme and
// sort (materia/tier/fisher.hpp) with huge-page buffers, the AVX2/AVX-512 row searches and the
// worker pool. Exposed here so that tests can compare these fast paths (radix sort, vector
// kernels, threads) with the plain ones on many inputs; every path gives bit-identical results.

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "materia/tier/fisher.hpp"
#include "rank/compiled_kernels.hpp"

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define MATERIA_FISHER_X86 1
#endif

namespace materia::detail {

void* allocate_large(std::size_t bytes);
void deallocate_large(void* pointer, std::size_t bytes) noexcept;

/// Allocator of the programme's large arrays (tens of megabytes for a million values): on Linux,
/// blocks of 4 MB and more are mapped on 2 MB boundaries and offered to transparent huge pages
/// (madvise), which cuts the page faults of their first touch 512-fold; elsewhere, and for
/// smaller blocks, operator new.
template <typename T>
struct LargeBufferAllocator {
  using value_type = T;
  LargeBufferAllocator() = default;
  template <typename U>
  LargeBufferAllocator(const LargeBufferAllocator<U>&) noexcept {}
  T* allocate(std::size_t n) { return static_cast<T*>(allocate_large(n * sizeof(T))); }
  void deallocate(T* pointer, std::size_t n) noexcept { deallocate_large(pointer, n * sizeof(T)); }
  friend bool operator==(const LargeBufferAllocator&, const LargeBufferAllocator&) { return true; }
};
template <typename T>
using LargeBuffer = std::vector<T, LargeBufferAllocator<T>>;

/// Sorts finite doubles ascending, with exactly the result of std::sort (kernels::sort_finite),
/// large inputs on up to `threads` threads (0 = every core).
void sort_finite(std::span<double> values, unsigned threads = 1);

using SegmentCost = kernels::SegmentCost<LargeBuffer<double>>;
using RowMinimum = kernels::RowMinimum;

/// How a row minimum of the programme is searched: `automatic` takes the widest vector kernel
/// the CPU has. All kernels evaluate the same IEEE expression per candidate and keep the
/// leftmost minimum, so they return the same bits.
enum class FisherKernel { automatic, scalar, avx2, avx512 };

/// Whether the kernel can run on this CPU (scalar and automatic always can).
bool fisher_kernel_available(FisherKernel kernel);

#ifdef MATERIA_FISHER_X86
RowMinimum row_minimum_avx2(const double* prev, const SegmentCost& cost, std::size_t row,
                            std::size_t first, std::size_t last);
RowMinimum row_minimum_avx512(const double* prev, const SegmentCost& cost, std::size_t row,
                              std::size_t first, std::size_t last);
#endif

/// The library's Backend of kernels::FisherProgramme: huge-page buffers and the row search of
/// one kernel (never `automatic`; see simd_fisher).
struct SimdFisher {
  template <typename T>
  using Buffer = LargeBuffer<T>;

  FisherKernel kernel = FisherKernel::scalar;

  RowMinimum row_minimum(const double* prev, const SegmentCost& cost, std::size_t row,
                         std::size_t first, std::size_t last) const {
#ifdef MATERIA_FISHER_X86
    // short rows (most of them, deep in the recursion) cost less in scalar than the vector
    // set-up and lane merge
    constexpr std::size_t vector_from = 16;
    if (kernel == FisherKernel::avx512 && last - first >= vector_from)
      return row_minimum_avx512(prev, cost, row, first, last);
    if (kernel == FisherKernel::avx2 && last - first >= vector_from)
      return row_minimum_avx2(prev, cost, row, first, last);
#endif
    return kernels::row_minimum_scalar(prev, cost, row, first, last);
  }
};

/// The backend searching rows with `kernel`, or with the widest the CPU has for `automatic`;
/// scalar when the CPU lacks the kernel asked for.
SimdFisher simd_fisher(FisherKernel kernel = FisherKernel::automatic);

struct FisherOptions {
  unsigned threads = 0;  ///< 0 = every core; the result does not depend on it
  FisherKernel kernel = FisherKernel::automatic;
  /// Layers with fewer rows per thread stay on one thread (handing work to threads costs more
  /// than it saves).
  std::size_t min_parallel_rows = std::size_t{1} << 15;
};

/// kernels::FisherProgramme on the library's backend and worker pool.
class FisherProgramme : public kernels::FisherProgramme<SimdFisher, PoolLoop> {
 public:
  FisherProgramme(std::span<const double> sorted, std::size_t layers,
                  const FisherOptions& options = {});
};

}  // namespace materia::detail
