#pragma once
// Fisher's exactly optimal one-dimensional classification (internal): the sort of the values and
// the dynamic programme behind natural_breaks, fisher_classes and gvf_elbow (tier.cpp). Exposed
// here so that tests can compare the fast paths (radix sort, vector kernels, threads) with the
// plain ones on many inputs; every path gives bit-identical results.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace materia::detail {

/// Sorts finite doubles ascending, with exactly the result of std::sort: an LSD radix sort on the
/// order-preserving bit pattern for large inputs, std::sort for small ones and whenever a -0.0
/// is present (std::sort leaves -0.0 and +0.0, which compare equal, in an order of its own; the
/// radix sort would put every -0.0 first, which could change the sign of a printed break).
void sort_finite(std::vector<double>& values);

/// Within-class sums of squares of sorted data from prefix sums: cost = SS - S*S/n, the very
/// expression of Hartigan's `fish` and classInt's jenks code. For integer data whose sums are
/// exact in a double, every cost is then bit-identical to theirs, so exactly tied partitions
/// (common with counts) are broken the same way. Data far from zero relative to its spread is
/// shifted by its median first, to keep the subtraction of large sums accurate.
struct SegmentCost {
  std::vector<double> sum, sum_sq;
  explicit SegmentCost(const std::vector<double>& sorted);
  /// cost of sorted[i..j], inclusive
  double operator()(std::size_t i, std::size_t j) const {
    double n = static_cast<double>(j - i + 1);
    double s = sum[j + 1] - sum[i];
    return std::max(0.0, sum_sq[j + 1] - sum_sq[i] - s * s / n);
  }
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
  FisherProgramme(const std::vector<double>& sorted, std::size_t layers,
                  const FisherOptions& options = {});

  /// Least total cost with k classes (k = 1 .. layers).
  double total(std::size_t k) const { return total_[k - 1]; }

  /// First index of each of the k classes in the optimal partition, ascending.
  std::vector<std::size_t> starts(std::size_t k) const;

  /// Optimal start of the last class of sorted[0..j] in m+1 classes (m = 1 .. layers - 1).
  const std::vector<std::uint32_t>& split(std::size_t m) const { return split_[m]; }

 private:
  struct Rows {
    std::size_t lo, hi, opt_lo, opt_hi;
  };
  void fill_layer(const std::vector<double>& prev, std::vector<double>& cur,
                  std::vector<std::uint32_t>& split, std::size_t m) const;
  void fill(const std::vector<double>& prev, std::vector<double>& cur,
            std::vector<std::uint32_t>& split, Rows rows) const;
  std::size_t fill_row(const std::vector<double>& prev, std::vector<double>& cur,
                       std::vector<std::uint32_t>& split, std::size_t row, std::size_t opt_lo,
                       std::size_t opt_hi) const;

  SegmentCost cost_;
  std::size_t n_;
  FisherOptions options_;
  FisherKernel kernel_;
  std::vector<std::vector<std::uint32_t>> split_;
  std::vector<double> total_;
};

}  // namespace materia::detail
