// The header-only class intervals (materia/tier/breaks.hpp) on their portable backend (scalar row
// search, std::vector buffers, sequential loop) against the library's natural_breaks (AVX2 or
// AVX-512 row search, huge-page buffers, worker pool): the same bits on random inputs of every
// shape, small and large enough for every parallel path; and Fisher's classes against a brute
// force over every partition of small inputs.
#include <gtest/gtest.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include "kernel_test_loop.hpp"
#include "materia/error.hpp"
#include "materia/tier/breaks.hpp"
#include "materia/tier/tier.hpp"
#include "test_support.hpp"

namespace {

using materia_test::bits;

using materia::BreakMethod;
using materia::Breaks;

::testing::AssertionResult same_bits(const Breaks& a, const Breaks& b) {
  if (a.breaks.size() != b.breaks.size() || a.classes != b.classes ||
      a.class_count != b.class_count)
    return ::testing::AssertionFailure() << "classes or class count";
  for (std::size_t i = 0; i < a.breaks.size(); ++i)
    if (bits(a.breaks[i]) != bits(b.breaks[i]))
      return ::testing::AssertionFailure()
             << "break " << i << ": " << a.breaks[i] << " vs " << b.breaks[i];
  if (bits(a.gvf) != bits(b.gvf)) return ::testing::AssertionFailure() << "gvf";
  return ::testing::AssertionSuccess();
}

std::vector<double> random_values(std::mt19937_64& rng, std::size_t n, int shape) {
  std::lognormal_distribution<double> lognormal(0.0, 1.5);
  std::normal_distribution<double> normal(0.0, 1.0);
  std::uniform_int_distribution<int> few(1, 7);
  std::vector<double> values(n);
  for (auto& v : values)
    v = shape == 0   ? lognormal(rng)
        : shape == 1 ? normal(rng) * 1e6
        : shape == 2 ? few(rng)                              // counts: exactly tied costs
                     : 1e9 + few(rng) * 0.25 + normal(rng);  // far from zero: shifted sums
  return values;
}

constexpr BreakMethod kMethods[] = {BreakMethod::fisher, BreakMethod::jenks, BreakMethod::quantile,
                                    BreakMethod::equal, BreakMethod::headtail};

TEST(KernelsTier, NaturalBreaksEqualTheLibraryOnRandomValues) {
  std::mt19937_64 rng(31);
  for (std::size_t n : {1, 2, 3, 7, 40, 257, 5000})
    for (int shape = 0; shape < 4; ++shape) {
      const auto values = random_values(rng, n, shape);
      for (BreakMethod method : kMethods)
        for (int k : {1, 2, 3, 5, 8}) {
          const std::string what = "n " + std::to_string(n) + " shape " + std::to_string(shape) +
                                   " " + std::string(materia::break_method_name(method)) + " k " +
                                   std::to_string(k);
          const Breaks header = materia::kernels::natural_breaks(values, k, method);
          ASSERT_TRUE(same_bits(header, materia::natural_breaks(values, k, method))) << what;
          ASSERT_TRUE(
              same_bits(header, materia::natural_breaks(values, k, method, 0.4, {.threads = 1})))
              << what << " on 1 thread";
        }
      EXPECT_EQ(materia::kernels::fisher_classes(values, 4), materia::fisher_classes(values, 4));
      EXPECT_EQ(materia::kernels::gvf_elbow(values, 10), materia::gvf_elbow(values, 10));
    }
}

// 600,000 values: the library sorts on threads (2^18 values a thread) and fills Fisher's layers
// on threads (2^15 rows a thread); the header does both on one, or on its own threads.
void expect_every_parallel_path_equal(const std::vector<double>& values) {
  for (BreakMethod method : {BreakMethod::fisher, BreakMethod::jenks}) {
    const Breaks header = materia::kernels::natural_breaks(values, 4, method);
    EXPECT_TRUE(same_bits(header, materia::natural_breaks(values, 4, method, 0.4, {.threads = 0})));
    EXPECT_TRUE(
        same_bits(header, materia::kernels::natural_breaks(values, 4, method, 0.4,
                                                           materia::testing::InterleavedLoop{3})))
        << "on the interleaved loop";
  }
}

TEST(KernelsTier, LargeInputsEqualTheLibraryOnEveryParallelPath) {
  std::mt19937_64 rng(8);
  expect_every_parallel_path_equal(random_values(rng, 600000, 0));
}

TEST(KernelsTier, LargeTiedInputsEqualTheLibraryOnEveryParallelPath) {
  std::mt19937_64 rng(9);
  expect_every_parallel_path_equal(random_values(rng, 600000, 2));  // exactly tied costs
}

TEST(KernelsTier, SortFiniteOnItsOwnThreadsSortsLikeStd) {
  std::mt19937_64 rng(12);
  std::uniform_int_distribution<std::uint64_t> any_bits;
  std::vector<double> values;
  while (values.size() < 800000) {
    const double v = std::bit_cast<double>(any_bits(rng));
    if (std::isfinite(v) && bits(v) != bits(-0.0)) values.push_back(v);
  }
  std::vector<double> expected(values);
  std::sort(expected.begin(), expected.end());
  materia::kernels::sort_finite(values, materia::testing::InterleavedLoop{3});
  for (std::size_t i = 0; i < values.size(); ++i)
    ASSERT_EQ(bits(values[i]), bits(expected[i])) << i;
}

// Least within-class sum of squares over every way of cutting the sorted values into k
// non-empty runs (equal values may be split here; Fisher's optimum never gains by it).
double brute_force_cost(const std::vector<double>& sorted, int k) {
  const std::size_t n = sorted.size();
  auto cost = [&](std::size_t i, std::size_t j) {  // sorted[i..j)
    double mean = 0;
    for (std::size_t t = i; t < j; ++t)
      mean += sorted[t];
    mean /= static_cast<double>(j - i);
    double ss = 0;
    for (std::size_t t = i; t < j; ++t)
      ss += (sorted[t] - mean) * (sorted[t] - mean);
    return ss;
  };
  double best = std::numeric_limits<double>::infinity();
  // cut positions as a bit mask over the n - 1 gaps
  for (std::uint32_t mask = 0; mask < (1u << (n - 1)); ++mask) {
    if (std::popcount(mask) != k - 1) continue;
    double total = 0;
    std::size_t start = 0;
    for (std::size_t gap = 0; gap + 1 < n; ++gap)
      if (mask >> gap & 1u) {
        total += cost(start, gap + 1);
        start = gap + 1;
      }
    best = std::min(best, total + cost(start, n));
  }
  return best;
}

TEST(KernelsTier, FisherClassesAreOptimalByBruteForce) {
  std::mt19937_64 rng(4);
  std::uniform_int_distribution<int> small(0, 9);
  std::lognormal_distribution<double> lognormal(0.0, 1.0);
  for (int trial = 0; trial < 200; ++trial) {
    const std::size_t n = 2 + static_cast<std::size_t>(trial % 11);
    std::vector<double> values(n);
    for (auto& v : values)
      v = trial % 2 ? lognormal(rng) : small(rng);
    std::vector<double> sorted(values);
    std::sort(sorted.begin(), sorted.end());
    std::vector<double> distinct_values(sorted);
    const std::size_t distinct = static_cast<std::size_t>(
        std::unique(distinct_values.begin(), distinct_values.end()) - distinct_values.begin());
    for (int k = 1; k <= static_cast<int>(distinct); ++k) {
      const auto classes = materia::kernels::fisher_classes(values, k);
      std::vector<double> sum(static_cast<std::size_t>(k) + 1), count(sum.size());
      for (std::size_t i = 0; i < n; ++i) {
        sum[static_cast<std::size_t>(classes[i])] += values[i];
        count[static_cast<std::size_t>(classes[i])] += 1;
      }
      double within = 0;
      for (std::size_t i = 0; i < n; ++i) {
        const auto c = static_cast<std::size_t>(classes[i]);
        within += (values[i] - sum[c] / count[c]) * (values[i] - sum[c] / count[c]);
      }
      const double best = brute_force_cost(sorted, k);
      EXPECT_NEAR(within, best, 1e-9 * (1 + best)) << "trial " << trial << " k " << k;
      EXPECT_EQ(*std::max_element(classes.begin(), classes.end()), k);
    }
  }
}

TEST(KernelsTier, ErrorsAreTheLibrarysUsageErrors) {
  for (const auto& [values, k] : std::vector<std::pair<std::vector<double>, int>>{
           {{1, 2}, 0}, {{1, std::nan("")}, 2}, {{1, INFINITY, 3}, 2}}) {
    std::string header, library;
    try {
      materia::kernels::natural_breaks(values, k, BreakMethod::fisher);
    } catch (const std::invalid_argument& error) {
      header = error.what();
    }
    try {
      materia::natural_breaks(values, k, BreakMethod::fisher);
    } catch (const materia::Error& error) {
      EXPECT_EQ(error.kind(), materia::ErrorKind::usage);
      library = error.what();
    }
    EXPECT_FALSE(header.empty());
    EXPECT_EQ(header, library);
  }
}

}  // namespace
