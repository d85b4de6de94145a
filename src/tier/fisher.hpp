#pragma once
// Fisher's exactly optimal one-dimensional classification (internal): the sort of the values and
// the dynamic programme behind natural_breaks, fisher_classes and gvf_elbow (tier.cpp). Exposed
// here so that tests can compare the fast paths (radix sort, vector kernels, threads) with the
// plain ones on many inputs; every path gives bit-identical results.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

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

/// Sorts finite doubles ascending, with exactly the result of std::sort: an LSD radix sort on the
/// order-preserving bit pattern for large inputs, std::sort for small ones and whenever a -0.0
/// is present (std::sort leaves -0.0 and +0.0, which compare equal, in an order of its own; the
/// radix sort would put every -0.0 first, which could change the sign of a printed break). Large
/// inputs use up to `threads` threads (0 = every core).
void sort_finite(std::span<double> values, unsigned threads = 1);

/// Within-class sums of squares of sorted data from prefix sums: cost = SS - S*S/n, the very
/// expression of Hartigan's `fish` and classInt's jenks code. For integer data whose sums are
/// exact in a double, every cost is then bit-identical to theirs, so exactly tied partitions
/// (common with counts) are broken the same way. Data far from zero relative to its spread is
/// shifted by its median first, to keep the subtraction of large sums accurate.
struct SegmentCost {
  LargeBuffer<double> sum, sum_sq;
  explicit SegmentCost(std::span<const double> sorted);
  /// cost of sorted[i..j], inclusive
  double operator()(std::size_t i, std::size_t j) const {
    double n = static_cast<double>(j - i + 1);
    double s = sum[j + 1] - sum[i];
    return std::max(0.0, sum_sq[j + 1] - sum_sq[i] - s * s / n);
  }
};

/// The leftmost minimum of a row of the programme: its value and the start of the last class.
struct RowMinimum {
  double value;
  std::size_t index;
};

/// How a row minimum of the programme is searched: `automatic` takes the widest vector kernel
/// the CPU has. All kernels evaluate the same IEEE expression per candidate and keep the
/// leftmost minimum, so they return the same bits.
enum class FisherKernel { automatic, scalar, avx2, avx512 };

/// Whether the kernel can run on this CPU (scalar and automatic always can).
bool fisher_kernel_available(FisherKernel kernel);

struct FisherOptions {
  unsigned threads = 0;  ///< 0 = every core; the result does not depend on it
  FisherKernel kernel = FisherKernel::automatic;
  /// Layers with fewer rows stay on one thread (starting threads costs more than they save).
  std::size_t min_parallel_rows = std::size_t{1} << 15;
};

/// Fisher's dynamic programme over sorted data: cost[m][j] is the least within-class sum of
/// squares of sorted[0..j] in m+1 classes. Each layer is filled by divide and conquer, because
/// the optimal start of the last class is monotone in j (the cost satisfies the quadrangle
/// inequality): O(n log n) per layer. Ties keep the smallest start (the longest last class), as
/// Hartigan's `fish` does, so the partitions agree with classInt's. Only two cost layers are
/// kept; split starts are kept for the walk back (32-bit, to halve memory for a million values).
/// The two halves of every divide-and-conquer step are independent: large layers are cut into
/// subproblems that threads take in turn, each writing its own rows, so the result is the one
/// the sequential recursion gives.
class FisherProgramme {
 public:
  FisherProgramme(std::span<const double> sorted, std::size_t layers,
                  const FisherOptions& options = {});

  /// Least total cost with k classes (k = 1 .. layers).
  double total(std::size_t k) const { return total_[k - 1]; }

  /// First index of each of the k classes in the optimal partition, ascending.
  std::vector<std::size_t> starts(std::size_t k) const;

  /// Optimal start of the last class of sorted[0..j] in m+1 classes (m = 1 .. layers - 1). The
  /// last layer holds only the rows on the way to j = n - 1 (the others are 0): nothing else of
  /// it is ever read.
  std::span<const std::uint32_t> split(std::size_t m) const { return split_[m]; }

 private:
  struct Rows {
    std::size_t lo, hi, opt_lo, opt_hi;
  };
  void fill_layer(const LargeBuffer<double>& prev, LargeBuffer<double>& cur,
                  LargeBuffer<std::uint32_t>& split, std::size_t m) const;
  void fill_spine(const LargeBuffer<double>& prev, LargeBuffer<double>& cur,
                  LargeBuffer<std::uint32_t>& split, Rows rows) const;
  void fill(const LargeBuffer<double>& prev, LargeBuffer<double>& cur,
            LargeBuffer<std::uint32_t>& split, Rows rows) const;
  RowMinimum row_minimum(const LargeBuffer<double>& prev, std::size_t row, std::size_t first,
                         std::size_t last) const;
  std::size_t fill_row(const LargeBuffer<double>& prev, LargeBuffer<double>& cur,
                       LargeBuffer<std::uint32_t>& split, std::size_t row, std::size_t opt_lo,
                       std::size_t opt_hi) const;

  SegmentCost cost_;
  std::size_t n_;
  FisherOptions options_;
  FisherKernel kernel_;
  std::vector<LargeBuffer<std::uint32_t>> split_;
  std::vector<double> total_;
};

}  // namespace materia::detail
