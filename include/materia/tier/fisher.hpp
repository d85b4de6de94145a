#pragma once
/// \file fisher.hpp
/// Header-only: Fisher's exactly optimal one-dimensional classification (Fisher 1958), the
/// dynamic programme behind natural breaks (`fisher`, `jenks`) and the GVF elbow, and the sort of
/// finite doubles it starts from. Needs only the standard library.
///
/// Templates take a Backend, which says what the programme's large arrays are and how the
/// minimum of one row is searched (PortableFisher: std::vector and a scalar loop; the compiled
/// library has one with huge-page buffers and AVX2/AVX-512 searches that return the same bits),
/// and a Loop (materia/rank/loop.hpp) that large inputs are spread over.

#include <algorithm>
#include <array>
#include <atomic>
#include <bit>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <span>
#include <utility>
#include <vector>

#include "materia/rank/loop.hpp"

namespace materia::kernels {

/// Within-class sums of squares of sorted data from prefix sums: cost = SS - S*S/n, the very
/// expression of Hartigan's `fish` and classInt's jenks code. For integer data whose sums are
/// exact in a double, every cost is then bit-identical to theirs, so exactly tied partitions
/// (common with counts) are broken the same way. Data far from zero relative to its spread is
/// shifted by its median first, to keep the subtraction of large sums accurate. `Buffer` holds
/// the prefix sums (a std::vector-like container of double).
template <typename Buffer = std::vector<double>>
struct SegmentCost {
  Buffer sum, sum_sq;
  explicit SegmentCost(std::span<const double> sorted)
      : sum(sorted.size() + 1), sum_sq(sorted.size() + 1) {
    double shift = 0.0;
    if (!sorted.empty()) {
      const double largest = std::max(std::abs(sorted.front()), std::abs(sorted.back()));
      const bool integers =
          std::all_of(sorted.begin(), sorted.end(), [](double v) { return v == std::floor(v); });
      const bool exact =
          integers && static_cast<double>(sorted.size()) * largest * largest < 0x1p53;
      const double median = sorted[sorted.size() / 2];
      if (!exact && std::abs(median) > sorted.back() - sorted.front()) shift = median;
    }
    for (std::size_t i = 0; i < sorted.size(); ++i) {
      double x = sorted[i] - shift;
      sum[i + 1] = sum[i] + x;
      sum_sq[i + 1] = sum_sq[i] + x * x;
    }
  }
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

/// The leftmost i in [first, last] minimizing prev[i - 1] + cost(i, row), and that minimum
/// (+inf and `first` when no candidate is finite). Every faster search must return these bits.
template <typename Cost>
RowMinimum row_minimum_scalar(const double* prev, const Cost& cost, std::size_t row,
                              std::size_t first, std::size_t last) {
  RowMinimum best{std::numeric_limits<double>::infinity(), first};
  for (std::size_t i = first; i <= last; ++i) {
    double value = prev[i - 1] + cost(i, row);
    if (value < best.value) best = {value, i};
  }
  return best;
}

/// The portable Backend: std::vector buffers and the scalar row search.
struct PortableFisher {
  template <typename T>
  using Buffer = std::vector<T>;
  template <typename Cost>
  RowMinimum row_minimum(const double* prev, const Cost& cost, std::size_t row, std::size_t first,
                         std::size_t last) const {
    return row_minimum_scalar(prev, cost, row, first, last);
  }
};

namespace radix {

// Order-preserving map of a double's bits to an unsigned key: negative values have every bit
// flipped, others only the sign bit, so that key order is value order (-0.0 below +0.0).
inline std::uint64_t sort_key(double value) {
  const auto bits = std::bit_cast<std::uint64_t>(value);
  return bits ^ (bits >> 63 ? ~std::uint64_t{0} : std::uint64_t{1} << 63);
}

inline double from_sort_key(std::uint64_t key) {
  return std::bit_cast<double>(key ^ (key >> 63 ? std::uint64_t{1} << 63 : ~std::uint64_t{0}));
}

// One pass of the LSD radix sort: keys from `from` to their places in `to` (the bit patterns
// travel between the caller's doubles and the scratch array, so no second copy of the keys; a
// key stored in a double may be a NaN pattern, which copies do not alter, only arithmetic).
inline constexpr unsigned digit_bits = 11, passes = 6;  // 6 x 11 >= 64; 2048 counters stay in L1
inline constexpr std::size_t buckets = std::size_t{1} << digit_bits;

template <typename From, typename To>
void scatter_pass(const From* from, To* to, std::size_t n, unsigned shift, std::size_t* place) {
  constexpr std::uint64_t mask = buckets - 1;
  for (std::size_t i = 0; i < n; ++i) {
    const auto key = std::bit_cast<std::uint64_t>(from[i]);
    to[place[(key >> shift) & mask]++] = std::bit_cast<To>(key);
  }
}

}  // namespace radix

/// Sorts finite doubles ascending, with exactly the result of std::sort: an LSD radix sort on the
/// order-preserving bit pattern for large inputs, std::sort for small ones and whenever a -0.0
/// is present (std::sort leaves -0.0 and +0.0, which compare equal, in an order of its own; the
/// radix sort would put every -0.0 first, which could change the sign of a printed break). Inputs
/// of 2^19 values and more are spread over `loop`. `Scratch` is the radix sort's buffer (a
/// std::vector-like container of std::uint64_t).
template <typename Scratch = std::vector<std::uint64_t>, typename Loop = SequentialLoop>
void sort_finite(std::span<double> values, const Loop& loop = {}) {
  using namespace radix;
  constexpr std::size_t radix_from = 4096;  // below, std::sort is as fast
  constexpr auto negative_zero = std::uint64_t{1} << 63;
  const std::size_t n = values.size();
  if (n < radix_from || std::any_of(values.begin(), values.end(), [](double v) {
        return std::bit_cast<std::uint64_t>(v) == negative_zero;
      })) {
    std::sort(values.begin(), values.end());
    return;
  }
  const auto t = static_cast<unsigned>(
      std::max<std::size_t>(1, std::min<std::size_t>(loop.threads(), n / (std::size_t{1} << 18))));
  if (t > 1) {
    // Each pass on t threads: every thread counts the digits of its block, then puts its keys
    // after those of the same digit from the blocks before it (a stable pass, as the
    // single-thread one below).
    Scratch scratch(n);
    std::vector<std::array<std::size_t, buckets>> place(t);
    auto block = [&](unsigned b) { return std::pair{n * b / t, n * (b + 1) / t}; };
    bool in_scratch = false;
    for (unsigned p = 0; p < passes; ++p) {
      const unsigned shift = p * digit_bits;
      loop(t, 1, [&](std::size_t b) {
        auto& c = place[b];
        c.fill(0);
        const auto [begin, end] = block(static_cast<unsigned>(b));
        for (std::size_t i = begin; i < end; ++i) {
          std::uint64_t key;
          if (p == 0) {  // the keys replace the values in place
            key = sort_key(values[i]);
            values[i] = std::bit_cast<double>(key);
          } else {
            key = in_scratch ? scratch[i] : std::bit_cast<std::uint64_t>(values[i]);
          }
          ++c[(key >> shift) & (buckets - 1)];
        }
      });
      std::size_t offset = 0;
      bool one_digit = false;
      for (std::size_t d = 0; d < buckets; ++d) {
        std::size_t total = 0;
        for (unsigned b = 0; b < t; ++b) {
          const std::size_t size = place[b][d];
          place[b][d] = offset + total;
          total += size;
        }
        one_digit = one_digit || total == n;  // a digit every key shares orders nothing
        offset += total;
      }
      if (one_digit) continue;
      loop(t, 1, [&](std::size_t b) {
        const auto [begin, end] = block(static_cast<unsigned>(b));
        if (in_scratch)
          scatter_pass(scratch.data() + begin, values.data(), end - begin, shift, place[b].data());
        else
          scatter_pass(values.data() + begin, scratch.data(), end - begin, shift, place[b].data());
      });
      in_scratch = !in_scratch;
    }
    loop(t, 1, [&](std::size_t b) {
      const auto [begin, end] = block(static_cast<unsigned>(b));
      for (std::size_t i = begin; i < end; ++i)
        values[i] =
            from_sort_key(in_scratch ? scratch[i] : std::bit_cast<std::uint64_t>(values[i]));
    });
    return;
  }
  std::vector<std::array<std::size_t, buckets>> count(passes);
  for (auto& c : count)
    c.fill(0);
  // the keys replace the values in place while the digits are counted
  for (double& value : values) {
    const std::uint64_t key = sort_key(value);
    value = std::bit_cast<double>(key);
    for (unsigned p = 0; p < passes; ++p)
      ++count[p][(key >> (p * digit_bits)) & (buckets - 1)];
  }
  Scratch scratch(n);
  bool in_scratch = false;
  for (unsigned p = 0; p < passes; ++p) {
    auto& c = count[p];
    const unsigned shift = p * digit_bits;
    // a digit every key shares orders nothing
    const std::uint64_t any_key = in_scratch ? scratch[0] : std::bit_cast<std::uint64_t>(values[0]);
    if (c[(any_key >> shift) & (buckets - 1)] == n) continue;
    std::size_t offset = 0;
    for (auto& slot : c) {
      const std::size_t size = slot;
      slot = offset;
      offset += size;
    }
    if (in_scratch)
      scatter_pass(scratch.data(), values.data(), n, shift, c.data());
    else
      scatter_pass(values.data(), scratch.data(), n, shift, c.data());
    in_scratch = !in_scratch;
  }
  for (std::size_t i = 0; i < n; ++i)
    values[i] = from_sort_key(in_scratch ? scratch[i] : std::bit_cast<std::uint64_t>(values[i]));
}

/// Fisher's dynamic programme over sorted data: cost[m][j] is the least within-class sum of
/// squares of sorted[0..j] in m+1 classes. Each layer is filled by divide and conquer, because
/// the optimal start of the last class is monotone in j (the cost satisfies the quadrangle
/// inequality): O(n log n) per layer. Ties keep the smallest start (the longest last class), as
/// Hartigan's `fish` does, so the partitions agree with classInt's. Only two cost layers are
/// kept; split starts are kept for the walk back (32-bit, to halve memory for a million values).
/// The two halves of every divide-and-conquer step are independent: layers of at least
/// `min_parallel_rows` rows per thread of `loop` are cut into subproblems that threads take in
/// turn, each writing its own rows, so the result is the one the sequential recursion gives.
template <typename Backend = PortableFisher, typename Loop = SequentialLoop>
class FisherProgramme {
 public:
  template <typename T>
  using Buffer = typename Backend::template Buffer<T>;
  using Cost = SegmentCost<Buffer<double>>;

  /// Layers with fewer rows per thread stay on one thread (handing work to threads costs more
  /// than it saves).
  static constexpr std::size_t default_min_parallel_rows = std::size_t{1} << 15;

  FisherProgramme(std::span<const double> sorted, std::size_t layers, const Backend& backend = {},
                  const Loop& loop = {}, std::size_t min_parallel_rows = default_min_parallel_rows)
      : cost_(sorted),
        n_(sorted.size()),
        min_parallel_rows_(std::max<std::size_t>(min_parallel_rows, 1)),
        backend_(backend),
        loop_(loop),
        split_(layers) {
    Buffer<double> prev(n_), cur(n_);
    // one class: every row is independent
    constexpr std::size_t block = std::size_t{1} << 16;
    const std::size_t blocks = (n_ + block - 1) / block;
    auto first_layer = [&](std::size_t b) {
      for (std::size_t j = b * block; j < std::min(n_, (b + 1) * block); ++j)
        prev[j] = cost_(0, j);
    };
    if (threads_for(n_) > 1)
      loop_(blocks, 1, first_layer);
    else
      SequentialLoop{}(blocks, 1, first_layer);
    total_.push_back(prev[n_ - 1]);
    for (std::size_t m = 1; m < layers; ++m) {
      split_[m].assign(n_, 0);
      // rows below m (fewer values than classes) stay infinite; fill_layer writes all the others
      std::fill(cur.begin(), cur.begin() + static_cast<std::ptrdiff_t>(std::min(m, n_)),
                std::numeric_limits<double>::infinity());
      // the last layer is only read at its last row (the total, and the start of the last class
      // for the walk back): only the rows the recursion visits on its way there, the right spine
      if (m + 1 == layers && m < n_)
        fill_spine(prev, cur, split_[m], {m, n_ - 1, m, n_ - 1});
      else if (m < n_)
        fill_layer(prev, cur, split_[m], m);
      total_.push_back(cur[n_ - 1]);
      std::swap(prev, cur);
    }
  }

  /// Least total cost with k classes (k = 1 .. layers).
  double total(std::size_t k) const { return total_[k - 1]; }

  /// First index of each of the k classes in the optimal partition, ascending.
  std::vector<std::size_t> starts(std::size_t k) const {
    std::vector<std::size_t> first(k, 0);
    std::size_t end = n_ - 1;
    for (std::size_t m = k; m-- > 1;) {
      first[m] = split_[m][end];
      end = first[m] - 1;
    }
    return first;
  }

  /// Optimal start of the last class of sorted[0..j] in m+1 classes (m = 1 .. layers - 1). The
  /// last layer holds only the rows on the way to j = n - 1 (the others are 0): nothing else of
  /// it is ever read.
  std::span<const std::uint32_t> split(std::size_t m) const { return split_[m]; }

 private:
  struct Rows {
    std::size_t lo, hi, opt_lo, opt_hi;
  };

  // Threads worth using on `rows` rows: one per min_parallel_rows, at most the loop's.
  unsigned threads_for(std::size_t rows) const {
    return static_cast<unsigned>(std::max<std::size_t>(
        1, std::min<std::size_t>(loop_.threads(), rows / min_parallel_rows_)));
  }

  RowMinimum row_minimum(const Buffer<double>& prev, std::size_t row, std::size_t first,
                         std::size_t last) const {
    if (first > last) return {std::numeric_limits<double>::infinity(), first};
    return backend_.row_minimum(prev.data(), cost_, row, first, last);
  }

  std::size_t fill_row(const Buffer<double>& prev, Buffer<double>& cur,
                       Buffer<std::uint32_t>& split, std::size_t row, std::size_t opt_lo,
                       std::size_t opt_hi) const {
    const RowMinimum best =
        row_minimum(prev, row, std::max<std::size_t>(opt_lo, 1), std::min(row, opt_hi));
    cur[row] = best.value;
    split[row] = static_cast<std::uint32_t>(best.index);
    return best.index;
  }

  // Fills cur[j] for j in [lo, hi], knowing the optimal start of the last class lies in
  // [opt_lo, opt_hi].
  void fill(const Buffer<double>& prev, Buffer<double>& cur, Buffer<std::uint32_t>& split,
            Rows rows) const {
    while (rows.lo <= rows.hi) {
      const std::size_t mid = rows.lo + (rows.hi - rows.lo) / 2;
      const std::size_t best_i = fill_row(prev, cur, split, mid, rows.opt_lo, rows.opt_hi);
      if (mid > rows.lo) fill(prev, cur, split, {rows.lo, mid - 1, rows.opt_lo, best_i});
      // the right half continues in the loop (no recursion depth on that side)
      rows.lo = mid + 1;
      rows.opt_lo = best_i;
    }
  }

  // The rows of fill(rows) that lead to its last row: the same rows with the same candidates.
  void fill_spine(const Buffer<double>& prev, Buffer<double>& cur, Buffer<std::uint32_t>& split,
                  Rows rows) const {
    while (rows.lo <= rows.hi) {
      const std::size_t mid = rows.lo + (rows.hi - rows.lo) / 2;
      rows.opt_lo = fill_row(prev, cur, split, mid, rows.opt_lo, rows.opt_hi);
      rows.lo = mid + 1;
    }
  }

  void fill_layer(const Buffer<double>& prev, Buffer<double>& cur, Buffer<std::uint32_t>& split,
                  std::size_t m) const {
    const Rows all{m, n_ - 1, m, n_ - 1};
    const unsigned threads = threads_for(n_ - m);
    if (threads <= 1) {
      fill(prev, cur, split, all);
      return;
    }
    // The top levels of the recursion, breadth first, until there are enough independent
    // subproblems for the threads to share evenly (their sizes differ: the optimal starts are
    // not spread evenly over the rows). The rows of these levels scan the longest ranges (the
    // first one all n candidates), so each level is cut into pieces of candidates that the
    // threads take in turn; a row's minimum is then the first smallest of its pieces' leftmost
    // minima, in order, which is the leftmost minimum of the whole row.
    struct Piece {
      std::size_t task, first, last;
      RowMinimum minimum;
    };
    std::vector<Rows> tasks{all};
    std::vector<Piece> pieces;
    while (tasks.size() < 16 * static_cast<std::size_t>(threads)) {
      pieces.clear();
      for (std::size_t t = 0; t < tasks.size(); ++t) {
        const Rows& r = tasks[t];
        const std::size_t mid = r.lo + (r.hi - r.lo) / 2;
        const std::size_t first = std::max<std::size_t>(r.opt_lo, 1),
                          last = std::min(mid, r.opt_hi);
        const std::size_t length = first <= last ? last - first + 1 : 0;
        // several pieces per thread, so that a thread the scheduler delays does not hold the
        // others at the end of the level
        const std::size_t parts = std::clamp<std::size_t>(length / 8192, 1, 8 * threads);
        for (std::size_t p = 0; p < parts; ++p)
          pieces.push_back(
              {t, first + length * p / parts, first + length * (p + 1) / parts - 1, {}});
      }
      std::atomic<std::size_t> next_piece{0};
      loop_(threads, 1, [&](std::size_t) {
        for (std::size_t p = next_piece++; p < pieces.size(); p = next_piece++) {
          Piece& piece = pieces[p];
          const Rows& r = tasks[piece.task];
          piece.minimum = row_minimum(prev, r.lo + (r.hi - r.lo) / 2, piece.first, piece.last);
        }
      });
      std::vector<Rows> next;
      for (std::size_t p = 0; p < pieces.size();) {
        const std::size_t t = pieces[p].task;
        const Rows& r = tasks[t];
        const std::size_t mid = r.lo + (r.hi - r.lo) / 2;
        RowMinimum best{std::numeric_limits<double>::infinity(), pieces[p].first};
        for (; p < pieces.size() && pieces[p].task == t; ++p)
          if (pieces[p].minimum.value < best.value) best = pieces[p].minimum;
        cur[mid] = best.value;
        split[mid] = static_cast<std::uint32_t>(best.index);
        if (mid > r.lo) next.push_back({r.lo, mid - 1, r.opt_lo, best.index});
        if (mid < r.hi) next.push_back({mid + 1, r.hi, best.index, r.opt_hi});
      }
      if (next.empty()) return;
      tasks = std::move(next);
    }
    // largest first (rows plus candidates), so that the last task to start is a small one
    std::sort(tasks.begin(), tasks.end(), [](const Rows& a, const Rows& b) {
      return (a.hi - a.lo) + (a.opt_hi - a.opt_lo) > (b.hi - b.lo) + (b.opt_hi - b.opt_lo);
    });
    std::atomic<std::size_t> next_task{0};
    loop_(threads, 1, [&](std::size_t) {
      for (std::size_t t = next_task++; t < tasks.size(); t = next_task++)
        fill(prev, cur, split, tasks[t]);
    });
  }

  Cost cost_;
  std::size_t n_;
  std::size_t min_parallel_rows_;
  Backend backend_;
  Loop loop_;
  std::vector<Buffer<std::uint32_t>> split_;
  std::vector<double> total_;
};

}  // namespace materia::kernels
