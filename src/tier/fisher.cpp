// The library's side of Fisher's programme: huge-page buffers, the AVX2/AVX-512 row searches
// (the same bits as kernels::row_minimum_scalar) and the programme on the worker pool.
#include "tier/fisher.hpp"

#include <algorithm>
#include <cstdint>
#include <limits>
#include <new>

#ifdef __linux__
#include <sys/mman.h>
#endif

#ifdef MATERIA_FISHER_X86
#include <immintrin.h>
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

void sort_finite(std::span<double> values, unsigned threads) {
  kernels::sort_finite<LargeBuffer<std::uint64_t>>(values, PoolLoop{threads});
}

#ifdef MATERIA_FISHER_X86
namespace {

// The row minimum from the vector lanes' minima, each lane holding its leftmost one: the smallest
// value, then the smallest index among the lanes at it (`first` when every lane is infinite).
template <std::size_t Lanes, typename Index>
RowMinimum merge_lanes(const double (&lane_value)[Lanes], const Index (&lane_index)[Lanes],
                       std::size_t first) {
  RowMinimum result{std::numeric_limits<double>::infinity(), first};
  for (std::size_t lane = 0; lane < Lanes; ++lane) {
    const auto lane_i = static_cast<std::size_t>(lane_index[lane]);
    if (lane_value[lane] < result.value ||
        (lane_value[lane] == result.value &&
         result.value < std::numeric_limits<double>::infinity() && lane_i < result.index))
      result = {lane_value[lane], lane_i};
  }
  return result;
}

}  // namespace

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
  RowMinimum result = merge_lanes(lane_value, lane_index, first);
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
  return merge_lanes(lane_value, lane_index, first);
}

#endif

namespace {

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

SimdFisher simd_fisher(FisherKernel kernel) {
  const FisherKernel resolved = resolve(kernel);
  return {fisher_kernel_available(resolved) ? resolved : FisherKernel::scalar};
}

FisherProgramme::FisherProgramme(std::span<const double> sorted, std::size_t layers,
                                 const FisherOptions& options)
    : kernels::FisherProgramme<SimdFisher, PoolLoop>(sorted, layers, simd_fisher(options.kernel),
                                                     PoolLoop{options.threads},
                                                     options.min_parallel_rows) {}

}  // namespace materia::detail
