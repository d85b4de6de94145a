// Focused cases for the mutants of scripts/mutation-check.py that the rest of the suite let
// survive (docs/testing.md, "Mutation check"): each pins one boundary of a header-only kernel
// that no other test reaches, by the kernel's documented rule.
#include <gtest/gtest.h>

#include <cstddef>
#include <numeric>
#include <vector>

#include "materia/tier/breaks.hpp"
#include "materia/uncertainty/resampling.hpp"

namespace {

using materia::BreakMethod;

std::vector<double> one_to(std::size_t n) {
  std::vector<double> values(n);
  std::iota(values.begin(), values.end(), 1.0);
  return values;
}

// The bootstrap's percentile interval at level 0.95 asks for the type-1 quantiles at
// (1 - 0.95) / 2 and (1 + 0.95) / 2. In doubles, (1 - 0.95) / 2 is 0.025000000000000022, so
// B * p lands just above the whole number B / 40: the documented rule (ceil(B p) with the exact
// p = 1/40, tests/oracles/bootstrap_reference.py) still takes the (B / 40)-th replicate.
TEST(KernelMutants, TypeOneQuantileTakesTheExactPercentileWhenBTimesPIsWhole) {
  const double level = 0.95;
  const double low = (1.0 - level) / 2.0, high = (1.0 + level) / 2.0;
  for (std::size_t replicates : {40u, 200u, 1000u, 2000u}) {
    const auto sorted = one_to(replicates);
    const auto expected_low = static_cast<double>(replicates / 40);
    EXPECT_EQ(materia::kernels::quantile_type1(sorted, low), expected_low) << replicates;
    EXPECT_EQ(materia::kernels::quantile_type1(sorted, high),
              static_cast<double>(replicates) - expected_low)
        << replicates;
  }
}

// Jiang's head/tail breaks (classInt's "headtails": head <- head[head > mu]): the head is the
// values strictly above the mean. {1, 2, 3, 4, 10} has mean 4, so the head is {10} alone, one
// value, which is not split again: breaks {1, 4, 10}, and 4 is in the upper class [4, 10] (the
// classes are left-closed). With 4 in the head, the head {4, 10} (2 of 5 <= 0.4) would be split
// again at its mean 7.
TEST(KernelMutants, HeadTailLeavesAValueEqualToTheMeanOutOfTheHead) {
  const auto breaks =
      materia::kernels::natural_breaks({1, 2, 3, 4, 10}, 3, BreakMethod::headtail, 0.4);
  EXPECT_EQ(breaks.breaks, (std::vector<double>{1, 4, 10}));
  EXPECT_EQ(breaks.classes, (std::vector<int>{1, 1, 1, 2, 2}));
  EXPECT_EQ(breaks.class_count, 2);
}

// gvf_elbow by its definition: the GVF of the Fisher partition for k = 1..max_k (here through
// fisher_classes and goodness_of_variance_fit, not the programme's totals), and the smallest k
// whose point lies farthest above the chord from (1, GVF_1) to (max_k, GVF_max_k).
int elbow_by_definition(const std::vector<double>& values, int max_k) {
  std::vector<double> gvf(static_cast<std::size_t>(max_k) + 1, 0.0);
  for (int k = 1; k <= max_k; ++k)
    gvf[static_cast<std::size_t>(k)] = materia::kernels::goodness_of_variance_fit(
        values, materia::kernels::fisher_classes(values, k));
  const double first = gvf[1], last = gvf[static_cast<std::size_t>(max_k)];
  int best = 1;
  double best_gap = 0.0;
  for (int k = 2; k < max_k; ++k) {
    const double chord = first + (last - first) * (k - 1) / (max_k - 1);
    const double gap = gvf[static_cast<std::size_t>(k)] - chord;
    if (gap > best_gap + 1e-9) {
      best_gap = gap;
      best = k;
    }
  }
  return best == 1 ? max_k : best;
}

// Evenly spread values have no sharp elbow, so the chord decides it: a chord drawn with the wrong
// slope moves the farthest point. (Well separated clusters, as in test_tier.cpp, pin the elbow
// whatever the chord.)
TEST(KernelMutants, GvfElbowIsTheFarthestPointAboveTheChord) {
  for (std::size_t n : {12u, 20u, 30u}) {
    const auto values = one_to(n);
    for (int max_k : {5, 8, 10})
      EXPECT_EQ(materia::kernels::gvf_elbow(values, max_k), elbow_by_definition(values, max_k))
          << n << " values, max_k " << max_k;
  }
  // squares: a curved spread
  std::vector<double> squares;
  for (int i = 1; i <= 25; ++i)
    squares.push_back(i * i);
  for (int max_k : {6, 10})
    EXPECT_EQ(materia::kernels::gvf_elbow(squares, max_k), elbow_by_definition(squares, max_k))
        << "squares, max_k " << max_k;
}

}  // namespace
