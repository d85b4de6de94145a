#include "tier/fisher.hpp"

#include <array>
#include <atomic>
#include <bit>
#include <cmath>
#include <limits>
#include <new>

#include "runtime/parallel.hpp"

#ifdef __linux__
#include <sys/mman.h>
#endif

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>
#define MATERIA_FISHER_X86 1
#endif

namespace materia::detail {

namespace {

#ifdef __linux__
constexpr std::size_t huge_page = std::size_t{2} << 20, huge_from = std::size_t{4} << 20;

std::size_t whole_huge_pages(std::size_t bytes) {
  return (bytes + huge_page - 1) & ~(huge_page - 1);
}
#endif

}  // namespace

void* allocate_large(std::size_t bytes) {
#ifdef __linux__
  if (bytes >= huge_from) {
    const std::size_t size = whole_huge_pages(bytes);
    void* raw =
        mmap(nullptr, size + huge_page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (raw == MAP_FAILED) throw std::bad_alloc();
    // keep the 2 MB aligned part, give back the rest
    const auto start = reinterpret_cast<std::uintptr_t>(raw);
    const auto aligned = (start + huge_page - 1) & ~std::uintptr_t{huge_page - 1};
    if (aligned > start) munmap(raw, aligned - start);
    const auto tail = start + size + huge_page - (aligned + size);
    if (tail > 0) munmap(reinterpret_cast<void*>(aligned + size), tail);
    madvise(reinterpret_cast<void*>(aligned), size, MADV_HUGEPAGE);  // a hint: may be ignored
    return reinterpret_cast<void*>(aligned);
  }
#endif
  return ::operator new(bytes);
}

void deallocate_large(void* pointer, std::size_t bytes) noexcept {
#ifdef __linux__
  if (bytes >= huge_from) {
    munmap(pointer, whole_huge_pages(bytes));
    return;
  }
#endif
  ::operator delete(pointer);
}

namespace {

// Order-preserving map of a double's bits to an unsigned key: negative values have every bit
// flipped, others only the sign bit, so that key order is value order (-0.0 below +0.0).
std::uint64_t sort_key(double value) {
  const auto bits = std::bit_cast<std::uint64_t>(value);
  return bits ^ (bits >> 63 ? ~std::uint64_t{0} : std::uint64_t{1} << 63);
}

double from_sort_key(std::uint64_t key) {
  return std::bit_cast<double>(key ^ (key >> 63 ? std::uint64_t{1} << 63 : ~std::uint64_t{0}));
}

// One pass of the LSD radix sort: keys from `from` to their places in `to` (the bit patterns
// travel between the caller's doubles and the scratch array, so no second copy of the keys; a
// key stored in a double may be a NaN pattern, which copies do not alter, only arithmetic).
constexpr unsigned digit_bits = 11, passes = 6;  // 6 x 11 >= 64; 2048 counters stay in L1
constexpr std::size_t buckets = std::size_t{1} << digit_bits;

template <typename From, typename To>
void scatter_pass(const From* from, To* to, std::size_t n, unsigned shift, std::size_t* place) {
  constexpr std::uint64_t mask = buckets - 1;
  for (std::size_t i = 0; i < n; ++i) {
    const auto key = std::bit_cast<std::uint64_t>(from[i]);
    to[place[(key >> shift) & mask]++] = std::bit_cast<To>(key);
  }
}

}  // namespace

void sort_finite(std::span<double> values, unsigned threads) {
  constexpr std::size_t radix_from = 4096;  // below, std::sort is as fast
  constexpr auto negative_zero = std::uint64_t{1} << 63;
  const std::size_t n = values.size();
  if (n < radix_from || std::any_of(values.begin(), values.end(), [](double v) {
        return std::bit_cast<std::uint64_t>(v) == negative_zero;
      })) {
    std::sort(values.begin(), values.end());
    return;
  }
  const unsigned t = thread_count(threads, n / (std::size_t{1} << 18));
  if (t > 1) {
    // Each pass on t threads: every thread counts the digits of its block, then puts its keys
    // after those of the same digit from the blocks before it (a stable pass, as the
    // single-thread one below).
    LargeBuffer<std::uint64_t> scratch(n);
    std::vector<std::array<std::size_t, buckets>> place(t);
    auto block = [&](unsigned b) { return std::pair{n * b / t, n * (b + 1) / t}; };
    bool in_scratch = false;
    for (unsigned p = 0; p < passes; ++p) {
      const unsigned shift = p * digit_bits;
      parallel_for(t, t, [&](std::size_t b) {
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
      parallel_for(t, t, [&](std::size_t b) {
        const auto [begin, end] = block(static_cast<unsigned>(b));
        if (in_scratch)
          scatter_pass(scratch.data() + begin, values.data(), end - begin, shift, place[b].data());
        else
          scatter_pass(values.data() + begin, scratch.data(), end - begin, shift, place[b].data());
      });
      in_scratch = !in_scratch;
    }
    parallel_for(t, t, [&](std::size_t b) {
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
  LargeBuffer<std::uint64_t> scratch(n);
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

SegmentCost::SegmentCost(std::span<const double> sorted)
    : sum(sorted.size() + 1), sum_sq(sorted.size() + 1) {
  double shift = 0.0;
  if (!sorted.empty()) {
    const double largest = std::max(std::abs(sorted.front()), std::abs(sorted.back()));
    const bool integers =
        std::all_of(sorted.begin(), sorted.end(), [](double v) { return v == std::floor(v); });
    const bool exact = integers && static_cast<double>(sorted.size()) * largest * largest < 0x1p53;
    const double median = sorted[sorted.size() / 2];
    if (!exact && std::abs(median) > sorted.back() - sorted.front()) shift = median;
  }
  for (std::size_t i = 0; i < sorted.size(); ++i) {
    double x = sorted[i] - shift;
    sum[i + 1] = sum[i] + x;
    sum_sq[i + 1] = sum_sq[i] + x * x;
  }
}

namespace {

// candidates of a row (less one) below which the scalar kernel is faster
constexpr std::size_t vector_from = 16;

// The leftmost i in [first, last] minimizing prev[i - 1] + cost(i, row), and that minimum
// (+inf and `first` when no candidate is finite). The reference every kernel must agree with.
RowMinimum row_minimum_scalar(const double* prev, const SegmentCost& cost, std::size_t row,
                              std::size_t first, std::size_t last) {
  RowMinimum best{std::numeric_limits<double>::infinity(), first};
  for (std::size_t i = first; i <= last; ++i) {
    double value = prev[i - 1] + cost(i, row);
    if (value < best.value) best = {value, i};
  }
  return best;
}

#ifdef MATERIA_FISHER_X86
// Four candidates at a time with the scalar kernel's operations in the same order (no fused
// multiply-add: AVX2 alone has none), each lane keeping its leftmost minimum; the lanes are then
// merged (smallest value, then smallest index) and the tail is finished in scalar.
__attribute__((target("avx2"))) RowMinimum row_minimum_avx2(const double* prev,
                                                            const SegmentCost& cost,
                                                            std::size_t row, std::size_t first,
                                                            std::size_t last) {
  const double* sum = cost.sum.data();
  const double* sum_sq = cost.sum_sq.data();
  const __m256d sum_row = _mm256_set1_pd(sum[row + 1]);
  const __m256d sum_sq_row = _mm256_set1_pd(sum_sq[row + 1]);
  const __m256d zero = _mm256_setzero_pd(), four = _mm256_set1_pd(4.0);
  const double f = static_cast<double>(first), size = static_cast<double>(row + 1 - first);
  // candidate index and class size (row - i + 1) of each lane; exact integers in a double
  __m256d index = _mm256_set_pd(f + 3, f + 2, f + 1, f);
  __m256d count = _mm256_set_pd(size - 3, size - 2, size - 1, size);
  __m256d best = _mm256_set1_pd(std::numeric_limits<double>::infinity());
  __m256d best_index = index;
  std::size_t i = first;
  for (; i + 3 <= last; i += 4) {
    const __m256d s = _mm256_sub_pd(sum_row, _mm256_loadu_pd(sum + i));
    const __m256d ss = _mm256_sub_pd(sum_sq_row, _mm256_loadu_pd(sum_sq + i));
    // std::max(0.0, x) is x > 0 ? x : 0, as is _mm256_max_pd(x, 0)
    const __m256d within =
        _mm256_max_pd(_mm256_sub_pd(ss, _mm256_div_pd(_mm256_mul_pd(s, s), count)), zero);
    const __m256d value = _mm256_add_pd(_mm256_loadu_pd(prev + i - 1), within);
    const __m256d less = _mm256_cmp_pd(value, best, _CMP_LT_OQ);
    best = _mm256_blendv_pd(best, value, less);
    best_index = _mm256_blendv_pd(best_index, index, less);
    index = _mm256_add_pd(index, four);
    count = _mm256_sub_pd(count, four);
  }
  alignas(32) double lane_value[4], lane_index[4];
  _mm256_store_pd(lane_value, best);
  _mm256_store_pd(lane_index, best_index);
  RowMinimum result{std::numeric_limits<double>::infinity(), first};
  for (int lane = 0; lane < 4; ++lane) {
    const auto lane_i = static_cast<std::size_t>(lane_index[lane]);
    if (lane_value[lane] < result.value ||
        (lane_value[lane] == result.value &&
         result.value < std::numeric_limits<double>::infinity() && lane_i < result.index))
      result = {lane_value[lane], lane_i};
  }
  for (; i <= last; ++i) {
    double value = prev[i - 1] + cost(i, row);
    if (value < result.value) result = {value, i};
  }
  return result;
}

// Eight candidates at a time; the last, partial group is masked, so a short row is one step.
// Inactive lanes are never compared; the same operations as the scalar kernel otherwise (the
// expression has no multiply feeding an add, so no fused multiply-add can be formed).
__attribute__((target("avx512f"))) RowMinimum row_minimum_avx512(const double* prev,
                                                                 const SegmentCost& cost,
                                                                 std::size_t row, std::size_t first,
                                                                 std::size_t last) {
  const double* sum = cost.sum.data();
  const double* sum_sq = cost.sum_sq.data();
  const __m512d sum_row = _mm512_set1_pd(sum[row + 1]);
  const __m512d sum_sq_row = _mm512_set1_pd(sum_sq[row + 1]);
  const __m512d zero = _mm512_setzero_pd(), eight = _mm512_set1_pd(8.0);
  const __m512d infinity = _mm512_set1_pd(std::numeric_limits<double>::infinity());
  const auto f = static_cast<long long>(first);
  const double size = static_cast<double>(row + 1 - first);
  __m512i index = _mm512_add_epi64(_mm512_set1_epi64(f), _mm512_set_epi64(7, 6, 5, 4, 3, 2, 1, 0));
  __m512d count = _mm512_sub_pd(_mm512_set1_pd(size), _mm512_set_pd(7, 6, 5, 4, 3, 2, 1, 0));
  __m512d best = infinity;
  __m512i best_index = index;
  for (std::size_t i = first; i <= last; i += 8) {
    const std::size_t left = last - i + 1;
    const __mmask8 active = left >= 8 ? __mmask8(0xFF) : static_cast<__mmask8>((1u << left) - 1);
    const __m512d s = _mm512_sub_pd(sum_row, _mm512_maskz_loadu_pd(active, sum + i));
    const __m512d ss = _mm512_sub_pd(sum_sq_row, _mm512_maskz_loadu_pd(active, sum_sq + i));
    const __m512d quotient = _mm512_maskz_div_pd(active, _mm512_mul_pd(s, s), count);
    // std::max(0.0, x) is x > 0 ? x : 0, as is max_pd(x, 0) (maskz_: g++ 12 warns about the
    // undefined pass-through of the unmasked form)
    const __m512d within = _mm512_maskz_max_pd(0xFF, _mm512_sub_pd(ss, quotient), zero);
    const __m512d value = _mm512_add_pd(_mm512_maskz_loadu_pd(active, prev + i - 1), within);
    const __mmask8 less = _mm512_mask_cmp_pd_mask(active, value, best, _CMP_LT_OQ);
    best = _mm512_mask_mov_pd(best, less, value);
    best_index = _mm512_mask_mov_epi64(best_index, less, index);
    index = _mm512_add_epi64(index, _mm512_set1_epi64(8));
    count = _mm512_sub_pd(count, eight);
  }
  alignas(64) double lane_value[8];
  alignas(64) long long lane_index[8];
  _mm512_store_pd(lane_value, best);
  _mm512_store_epi64(lane_index, best_index);
  // each lane holds its leftmost minimum: the smallest index among the lanes at the minimum
  RowMinimum result{std::numeric_limits<double>::infinity(), first};
  for (int lane = 0; lane < 8; ++lane) {
    const auto lane_i = static_cast<std::size_t>(lane_index[lane]);
    if (lane_value[lane] < result.value ||
        (lane_value[lane] == result.value &&
         result.value < std::numeric_limits<double>::infinity() && lane_i < result.index))
      result = {lane_value[lane], lane_i};
  }
  return result;
}

#endif

FisherKernel resolve(FisherKernel kernel) {
  if (kernel != FisherKernel::automatic) return kernel;
  for (auto widest : {FisherKernel::avx512, FisherKernel::avx2})
    if (fisher_kernel_available(widest)) return widest;
  return FisherKernel::scalar;
}

}  // namespace

bool fisher_kernel_available(FisherKernel kernel) {
  switch (kernel) {
    case FisherKernel::automatic:
    case FisherKernel::scalar:
      return true;
    case FisherKernel::avx2:
#ifdef MATERIA_FISHER_X86
      return __builtin_cpu_supports("avx2");
#else
      return false;
#endif
    case FisherKernel::avx512:
#ifdef MATERIA_FISHER_X86
      return __builtin_cpu_supports("avx512f");
#else
      return false;
#endif
  }
  return false;
}

FisherProgramme::FisherProgramme(std::span<const double> sorted, std::size_t layers,
                                 const FisherOptions& options)
    : cost_(sorted),
      n_(sorted.size()),
      options_(options),
      kernel_(resolve(options.kernel)),
      split_(layers) {
  if (!fisher_kernel_available(kernel_)) kernel_ = FisherKernel::scalar;
  LargeBuffer<double> prev(n_), cur(n_);
  // one class: every row is independent
  constexpr std::size_t block = std::size_t{1} << 16;
  const std::size_t blocks = (n_ + block - 1) / block;
  parallel_for(
      blocks,
      thread_count(options_.threads, n_ / std::max<std::size_t>(options_.min_parallel_rows, 1)),
      [&](std::size_t b) {
        for (std::size_t j = b * block; j < std::min(n_, (b + 1) * block); ++j)
          prev[j] = cost_(0, j);
      });
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

std::vector<std::size_t> FisherProgramme::starts(std::size_t k) const {
  std::vector<std::size_t> first(k, 0);
  std::size_t end = n_ - 1;
  for (std::size_t m = k; m-- > 1;) {
    first[m] = split_[m][end];
    end = first[m] - 1;
  }
  return first;
}

RowMinimum FisherProgramme::row_minimum(const LargeBuffer<double>& prev, std::size_t row,
                                        std::size_t first, std::size_t last) const {
  if (first > last) return {std::numeric_limits<double>::infinity(), first};
#ifdef MATERIA_FISHER_X86
  // short rows (most of them, deep in the recursion) cost less in scalar than the vector set-up
  // and lane merge
  if (kernel_ == FisherKernel::avx512 && last - first >= vector_from)
    return row_minimum_avx512(prev.data(), cost_, row, first, last);
  if (kernel_ == FisherKernel::avx2 && last - first >= vector_from)
    return row_minimum_avx2(prev.data(), cost_, row, first, last);
#endif
  return row_minimum_scalar(prev.data(), cost_, row, first, last);
}

std::size_t FisherProgramme::fill_row(const LargeBuffer<double>& prev, LargeBuffer<double>& cur,
                                      LargeBuffer<std::uint32_t>& split, std::size_t row,
                                      std::size_t opt_lo, std::size_t opt_hi) const {
  const RowMinimum best =
      row_minimum(prev, row, std::max<std::size_t>(opt_lo, 1), std::min(row, opt_hi));
  cur[row] = best.value;
  split[row] = static_cast<std::uint32_t>(best.index);
  return best.index;
}

// Fills cur[j] for j in [lo, hi], knowing the optimal start of the last class lies in
// [opt_lo, opt_hi].
void FisherProgramme::fill(const LargeBuffer<double>& prev, LargeBuffer<double>& cur,
                           LargeBuffer<std::uint32_t>& split, Rows rows) const {
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
void FisherProgramme::fill_spine(const LargeBuffer<double>& prev, LargeBuffer<double>& cur,
                                 LargeBuffer<std::uint32_t>& split, Rows rows) const {
  while (rows.lo <= rows.hi) {
    const std::size_t mid = rows.lo + (rows.hi - rows.lo) / 2;
    rows.opt_lo = fill_row(prev, cur, split, mid, rows.opt_lo, rows.opt_hi);
    rows.lo = mid + 1;
  }
}

void FisherProgramme::fill_layer(const LargeBuffer<double>& prev, LargeBuffer<double>& cur,
                                 LargeBuffer<std::uint32_t>& split, std::size_t m) const {
  const Rows all{m, n_ - 1, m, n_ - 1};
  const std::size_t rows = n_ - m;
  const unsigned threads =
      thread_count(options_.threads, rows / std::max<std::size_t>(options_.min_parallel_rows, 1));
  if (threads <= 1) {
    fill(prev, cur, split, all);
    return;
  }
  // The top levels of the recursion, breadth first, until there are enough independent
  // subproblems for the threads to share evenly (their sizes differ: the optimal starts are not
  // spread evenly over the rows). The rows of these levels scan the longest ranges (the first
  // one all n candidates), so each level is cut into pieces of candidates that the threads take
  // in turn; a row's minimum is then the first smallest of its pieces' leftmost minima, in
  // order, which is the leftmost minimum of the whole row.
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
      const std::size_t first = std::max<std::size_t>(r.opt_lo, 1), last = std::min(mid, r.opt_hi);
      const std::size_t length = first <= last ? last - first + 1 : 0;
      // several pieces per thread, so that a thread the scheduler delays does not hold the
      // others at the end of the level
      const std::size_t parts = std::clamp<std::size_t>(length / 8192, 1, 8 * threads);
      for (std::size_t p = 0; p < parts; ++p)
        pieces.push_back({t, first + length * p / parts, first + length * (p + 1) / parts - 1, {}});
    }
    std::atomic<std::size_t> next_piece{0};
    parallel_for(threads, threads, [&](std::size_t) {
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
  parallel_for(threads, threads, [&](std::size_t) {
    for (std::size_t t = next_task++; t < tasks.size(); t = next_task++)
      fill(prev, cur, split, tasks[t]);
  });
}

}  // namespace materia::detail
