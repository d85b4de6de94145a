// Fisher's programme (src/tier/fisher.hpp): every fast path — the AVX2 and AVX-512 row kernels,
// threads, the radix sort — against the plain divide and conquer it replaced (kept below, verbatim
// but for names), bit for bit, on random, tied and adversarial inputs; and the divide and conquer
// against the full O(k n^2) programme on small inputs.
#include <gtest/gtest.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <span>
#include <string>
#include <vector>

#include "test_scale.hpp"
#include "test_support.hpp"
#include "tier/fisher.hpp"

namespace {

using materia_test::bits;

using materia::detail::FisherKernel;
using materia::detail::FisherOptions;
using materia::detail::FisherProgramme;
using materia::detail::SegmentCost;

// The divide and conquer of tier.cpp before the kernels and threads (main at f05c516): one
// scalar loop per row, ties keep the smallest start.
struct ReferenceProgramme {
  std::vector<std::vector<std::uint32_t>> split;
  std::vector<double> total;

  ReferenceProgramme(const std::vector<double>& sorted, std::size_t layers)
      : split(layers), cost_(sorted), n_(sorted.size()) {
    std::vector<double> prev(n_), cur(n_);
    for (std::size_t j = 0; j < n_; ++j)
      prev[j] = cost_(0, j);
    total.push_back(prev[n_ - 1]);
    for (std::size_t m = 1; m < layers; ++m) {
      split[m].assign(n_, 0);
      std::fill(cur.begin(), cur.end(), std::numeric_limits<double>::infinity());
      if (m < n_) fill(prev, cur, split[m], m, n_ - 1, m, n_ - 1);
      total.push_back(cur[n_ - 1]);
      std::swap(prev, cur);
    }
  }

 private:
  void fill(const std::vector<double>& prev, std::vector<double>& cur,
            std::vector<std::uint32_t>& s, std::size_t lo, std::size_t hi, std::size_t opt_lo,
            std::size_t opt_hi) const {
    while (lo <= hi) {
      std::size_t mid = lo + (hi - lo) / 2;
      double best = std::numeric_limits<double>::infinity();
      std::size_t best_i = std::max<std::size_t>(opt_lo, 1);
      for (std::size_t i = std::max<std::size_t>(opt_lo, 1); i <= std::min(mid, opt_hi); ++i) {
        double value = prev[i - 1] + cost_(i, mid);
        if (value < best) {
          best = value;
          best_i = i;
        }
      }
      cur[mid] = best;
      s[mid] = static_cast<std::uint32_t>(best_i);
      if (mid > lo) fill(prev, cur, s, lo, mid - 1, opt_lo, best_i);
      lo = mid + 1;
      opt_lo = best_i;
    }
  }

  SegmentCost cost_;
  std::size_t n_;
};

// The full programme: every start of the last class, leftmost minimum, O(k n^2).
struct FullProgramme {
  std::vector<std::vector<std::uint32_t>> split;
  std::vector<double> total;
  FullProgramme(const std::vector<double>& sorted, std::size_t layers) : split(layers) {
    const SegmentCost cost(sorted);
    const std::size_t n = sorted.size();
    std::vector<double> prev(n), cur(n);
    for (std::size_t j = 0; j < n; ++j)
      prev[j] = cost(0, j);
    total.push_back(prev[n - 1]);
    for (std::size_t m = 1; m < layers; ++m) {
      split[m].assign(n, 0);
      std::fill(cur.begin(), cur.end(), std::numeric_limits<double>::infinity());
      for (std::size_t j = m; j < n; ++j) {
        double best = std::numeric_limits<double>::infinity();
        std::size_t best_i = m;
        for (std::size_t i = m; i <= j; ++i) {
          double value = prev[i - 1] + cost(i, j);
          if (value < best) best = value, best_i = i;
        }
        cur[j] = best;
        split[m][j] = static_cast<std::uint32_t>(best_i);
      }
      total.push_back(cur[n - 1]);
      std::swap(prev, cur);
    }
  }
};

std::vector<std::uint32_t> as_vector(std::span<const std::uint32_t> split) {
  return {split.begin(), split.end()};
}

// The programme keeps every row of its layers but the last, of which only the way to the last
// row is computed (nothing else of it is read): compare those, and the walk back.
template <typename Reference>
::testing::AssertionResult same_splits(const FisherProgramme& programme, const Reference& reference,
                                       std::size_t layers) {
  for (std::size_t m = 1; m + 1 < layers; ++m)
    if (as_vector(programme.split(m)) != reference.split[m])
      return ::testing::AssertionFailure() << "layer " << m;
  if (layers > 1) {
    const std::size_t last = reference.split[layers - 1].size() - 1;
    if (programme.split(layers - 1)[last] != reference.split[layers - 1][last])
      return ::testing::AssertionFailure() << "last layer's last row";
    std::vector<std::size_t> first(layers, 0);  // the reference's walk back
    for (std::size_t m = layers, end = last; m-- > 1;) {
      first[m] = reference.split[m][end];
      end = first[m] - 1;
    }
    if (programme.starts(layers) != first) return ::testing::AssertionFailure() << "starts";
  }
  return ::testing::AssertionSuccess();
}

std::vector<FisherKernel> kernels() {
  std::vector<FisherKernel> all;
  for (auto k :
       {FisherKernel::scalar, FisherKernel::avx2, FisherKernel::avx512, FisherKernel::automatic})
    if (materia::detail::fisher_kernel_available(k)) all.push_back(k);
  return all;
}

// Every kernel, thread count and parallel threshold gives the reference's splits and totals.
void expect_same_as_reference(const std::vector<double>& sorted, std::size_t layers,
                              const std::string& what) {
  const ReferenceProgramme reference(sorted, layers);
  for (FisherKernel kernel : kernels())
    for (unsigned threads : {1u, 2u, 3u, 8u})
      for (std::size_t min_rows : {std::size_t{1}, std::size_t{64}}) {
        FisherOptions options;
        options.kernel = kernel;
        options.threads = threads;
        options.min_parallel_rows = min_rows;
        const FisherProgramme programme(sorted, layers, options);
        const std::string where = what + " kernel " + std::to_string(static_cast<int>(kernel)) +
                                  " threads " + std::to_string(threads) + " min_rows " +
                                  std::to_string(min_rows);
        for (std::size_t k = 1; k <= layers; ++k)
          ASSERT_EQ(bits(programme.total(k)), bits(reference.total[k - 1])) << where << " k " << k;
        ASSERT_TRUE(same_splits(programme, reference, layers)) << where;
      }
}

std::vector<double> sorted(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  return values;
}

TEST(FisherProgramme, KernelsAndThreadsMatchTheDivideAndConquerOnRandomData) {
  std::mt19937_64 rng(91);
  std::lognormal_distribution<double> lognormal(0.0, 1.5);
  std::normal_distribution<double> normal(0.0, 1.0);
  std::uniform_real_distribution<double> unit(-1.0, 1.0);
  for (std::size_t n : {1, 2, 3, 5, 8, 15, 16, 17, 31, 33, 100, 257, 1000, 4099}) {
    for (int shape = 0; shape < 3; ++shape) {
      std::vector<double> values(n);
      for (auto& v : values)
        v = shape == 0 ? lognormal(rng) : shape == 1 ? normal(rng) * 1e6 : unit(rng);
      for (std::size_t layers : {std::size_t{2}, std::size_t{5}, std::size_t{9}})
        if (layers <= n)
          expect_same_as_reference(sorted(values), layers,
                                   "n " + std::to_string(n) + " shape " + std::to_string(shape));
    }
  }
}

TEST(FisherProgramme, KernelsAndThreadsMatchOnTiesAndRepeatedValues) {
  std::mt19937_64 rng(7);
  for (int trial = 0; trial < materia_test::rounds(40, 10); ++trial) {
    // few distinct values, long runs of one value, counts (exact sums: exactly tied costs)
    const std::size_t n = 50 + static_cast<std::size_t>(trial) * 97;
    const int distinct = 2 + trial % 9;
    std::uniform_int_distribution<int> pick(1, distinct);
    std::vector<double> values(n);
    for (auto& v : values)
      v = trial % 3 == 0 ? pick(rng) : trial % 3 == 1 ? pick(rng) * 0.1 : std::pow(pick(rng), 3);
    if (trial % 4 == 0)  // a run of one value taking most of the data
      std::fill(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(n * 3 / 4), 2.0);
    for (std::size_t layers : {std::size_t{2}, std::size_t{4}, std::size_t{7}})
      expect_same_as_reference(sorted(values), layers, "trial " + std::to_string(trial));
  }
}

TEST(FisherProgramme, KernelsAndThreadsMatchOnAdversarialData) {
  std::vector<std::pair<std::string, std::vector<double>>> cases;
  std::vector<double> shifted, spread, steps, tiny, outlier;
  for (int i = 0; i < 3000; ++i) {
    shifted.push_back(1e9 + (i % 17) * 0.25);           // the median-shift path
    spread.push_back(std::ldexp(1.0, (i % 120) - 60));  // 2^-60 .. 2^59
    steps.push_back(std::floor(i / 100.0));             // 30 equal plateaus
    tiny.push_back((i % 11) * 5e-324);                  // subnormals
    outlier.push_back(i == 2999 ? 1e150 : i * 1e-3);    // one huge value
  }
  cases.push_back({"shifted", shifted});
  cases.push_back({"spread", spread});
  cases.push_back({"steps", steps});
  cases.push_back({"tiny", tiny});
  cases.push_back({"outlier", outlier});
  cases.push_back({"equal", std::vector<double>(500, 3.5)});
  for (auto& [name, values] : cases)
    for (std::size_t layers : {std::size_t{2}, std::size_t{3}, std::size_t{6}})
      expect_same_as_reference(sorted(values), layers, name);
}

TEST(FisherProgramme, LargeInputOnManyThreadsMatches) {
  std::mt19937_64 rng(2024);
  std::lognormal_distribution<double> lognormal(0.0, 1.0);
  std::vector<double> values(200000);
  for (auto& v : values)
    v = lognormal(rng);
  const auto s = sorted(values);
  const ReferenceProgramme reference(s, 5);
  for (FisherKernel kernel : kernels())
    for (unsigned threads : {1u, 2u, 5u, 0u}) {
      FisherOptions options;
      options.kernel = kernel;
      options.threads = threads;
      options.min_parallel_rows = 4096;
      const FisherProgramme programme(s, 5, options);
      ASSERT_TRUE(same_splits(programme, reference, 5)) << threads << " threads";
      EXPECT_EQ(bits(programme.total(5)), bits(reference.total[4]));
    }
}

// The divide and conquer trusts that the best start is monotone in the row; on these inputs it
// finds the leftmost minimum of the full search in every row of every layer.
TEST(FisherProgramme, DivideAndConquerEqualsTheFullSearchOnSmallInputs) {
  std::mt19937_64 rng(3);
  std::lognormal_distribution<double> lognormal(0.0, 1.0);
  std::uniform_int_distribution<int> small(0, 6);
  for (int trial = 0; trial < 60; ++trial) {
    const std::size_t n = 2 + static_cast<std::size_t>(trial) * 3;
    std::vector<double> values(n);
    for (auto& v : values)
      v = trial % 2 ? lognormal(rng) : small(rng);  // odd: continuous; even: ties
    const auto s = sorted(values);
    const std::size_t layers = std::min<std::size_t>(n, 6);
    const FullProgramme full(s, layers);
    const FisherProgramme fast(s, layers);
    for (std::size_t k = 1; k <= layers; ++k)
      EXPECT_EQ(bits(fast.total(k)), bits(full.total[k - 1])) << "trial " << trial << " k " << k;
    EXPECT_TRUE(same_splits(fast, full, layers)) << "trial " << trial;
    const ReferenceProgramme reference(s, layers);  // every row of every layer
    for (std::size_t m = 1; m < layers; ++m)
      EXPECT_EQ(reference.split[m], full.split[m]) << "trial " << trial << " layer " << m;
  }
}

TEST(FisherProgramme, HandComputedSplits) {
  // {1, 2, 4, 8, 9, 10} in two classes: {1, 2, 4} | {8, 9, 10}, cost 14/3 + 2
  const FisherProgramme programme(std::vector<double>{1, 2, 4, 8, 9, 10}, 2);
  EXPECT_EQ(programme.starts(2), (std::vector<std::size_t>{0, 3}));
  EXPECT_DOUBLE_EQ(programme.total(2), 14.0 / 3 + 2);
  // {0, 0, 1, 1}: {0, 0} | {1, 1} costs 0, every other split more
  const FisherProgramme ties(std::vector<double>{0, 0, 1, 1}, 2);
  EXPECT_EQ(ties.starts(2), (std::vector<std::size_t>{0, 2}));
  EXPECT_EQ(ties.total(2), 0.0);
}

// sort_finite returns exactly std::sort's sequence (same bits in the same places).
void expect_sorts_like_std(std::vector<double> values, const std::string& what,
                           unsigned threads = 1) {
  std::vector<double> expected(values);
  std::sort(expected.begin(), expected.end());
  materia::detail::sort_finite(values, threads);
  ASSERT_EQ(values.size(), expected.size());
  for (std::size_t i = 0; i < values.size(); ++i)
    ASSERT_EQ(bits(values[i]), bits(expected[i])) << what << " at " << i;
}

TEST(SortFinite, SameBitsAsStdSort) {
  std::mt19937_64 rng(17);
  std::uniform_int_distribution<std::uint64_t> any_bits;
  std::lognormal_distribution<double> lognormal(0.0, 1.0);
  std::uniform_int_distribution<int> few(-3, 3);
  for (std::size_t n : {0, 1, 2, 100, 4095, 4096, 4097, 10000, 250000}) {
    std::vector<double> random_bits, positive, negative, ties, mixed_sign;
    for (std::size_t i = 0; i < n; ++i) {
      double v;
      do
        v = std::bit_cast<double>(any_bits(rng));
      while (!std::isfinite(v) || bits(v) == bits(-0.0));
      random_bits.push_back(v);  // every exponent, subnormals, both signs
      positive.push_back(lognormal(rng));
      negative.push_back(-lognormal(rng));
      ties.push_back(few(rng) * 1.5);  // includes +0.0 only
      mixed_sign.push_back(lognormal(rng) - 1.0);
    }
    const std::string size = " n " + std::to_string(n);
    expect_sorts_like_std(random_bits, "random bits" + size);
    expect_sorts_like_std(positive, "positive" + size);
    expect_sorts_like_std(negative, "negative" + size);
    expect_sorts_like_std(ties, "ties" + size);
    expect_sorts_like_std(mixed_sign, "mixed sign" + size);
    std::vector<double> ascending(positive);
    std::sort(ascending.begin(), ascending.end());
    expect_sorts_like_std(ascending, "already sorted" + size);
    expect_sorts_like_std(std::vector<double>(ascending.rbegin(), ascending.rend()),
                          "reversed" + size);
  }
  // extremes, and values differing only in the lowest bits (every digit of the radix sort)
  std::vector<double> extremes;
  for (int i = 0; i < 5000; ++i) {
    extremes.push_back(std::nextafter(1.0, 2.0 + i));
    extremes.push_back(i % 2 ? std::numeric_limits<double>::max()
                             : std::numeric_limits<double>::lowest());
    extremes.push_back(std::numeric_limits<double>::denorm_min() * i);
    extremes.push_back(std::bit_cast<double>(std::uint64_t{0x3FF0000000000000} + i * 7919u));
  }
  expect_sorts_like_std(extremes, "extremes");
}

TEST(SortFinite, OnThreadsSameBitsAsStdSort) {
  // threads take blocks of at least 2^18 values
  std::mt19937_64 rng(23);
  std::uniform_int_distribution<std::uint64_t> any_bits;
  std::lognormal_distribution<double> lognormal(0.0, 1.0);
  std::uniform_int_distribution<int> few(-3, 3);
  std::vector<double> random_bits, positive, ties;
  for (std::size_t i = 0; i < 700000; ++i) {
    double v;
    do
      v = std::bit_cast<double>(any_bits(rng));
    while (!std::isfinite(v) || bits(v) == bits(-0.0));
    random_bits.push_back(v);
    positive.push_back(lognormal(rng));
    ties.push_back(few(rng) * 0.5);
  }
  for (unsigned threads : {2u, 3u, 0u}) {
    const std::string on = " on " + std::to_string(threads) + " threads";
    expect_sorts_like_std(random_bits, "random bits" + on, threads);
    expect_sorts_like_std(positive, "positive" + on, threads);
    expect_sorts_like_std(ties, "ties" + on, threads);
  }
}

TEST(SortFinite, NegativeZeroKeepsStdSortsPlacement) {
  // -0.0 == +0.0: std::sort leaves them in an order of its own, which sort_finite keeps (it
  // falls back to std::sort), so that the sign of a zero break does not change.
  std::mt19937_64 rng(5);
  std::uniform_int_distribution<int> pick(0, 3);
  std::vector<double> values;
  for (int i = 0; i < 20000; ++i) {
    const int p = pick(rng);
    values.push_back(p == 0 ? -0.0 : p == 1 ? 0.0 : p == 2 ? -1.0 : 1.0);
  }
  expect_sorts_like_std(values, "signed zeros");
  values.resize(600000, 0.0);
  values.back() = -0.0;
  expect_sorts_like_std(values, "signed zeros on threads", 2);
}

}  // namespace
