// Distances between top-k lists (include/materia/stats/topk_distance.hpp): hand-computed cases,
// symmetry and monotonicity, and the papers' definitions summed pair by pair and depth by depth
// (tests/oracles/topk_distance.py).
#include "materia/stats/topk_distance.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>
#include "test_support.hpp"

namespace {

using List = std::vector<int>;

// {1, 2, 3} vs {1, 3, 4}: {2, 3} is case 2 (2 is ahead of 3 but missing from the second list),
// {2, 4} is case 3; every other pair is concordant.
TEST(KendallTopk, HandComputedCases) {
  EXPECT_EQ(materia::kendall_topk_distance<int>({1, 2, 3}, {1, 3, 4}, 0.5), 2.0);
  // Disjoint lists of 3: 9 case-3 pairs and 3 + 3 case-4 pairs.
  EXPECT_EQ(materia::kendall_topk_distance<int>({1, 2, 3}, {4, 5, 6}, 0.5), 9.0 + 0.5 * 6);
  EXPECT_EQ(materia::normalized_kendall_topk_distance<int>({1, 2, 3}, {4, 5, 6}, 0.5), 1.0);
  EXPECT_EQ(materia::normalized_kendall_topk_distance<int>({1, 2, 3}, {4, 5, 6}, 0.0), 1.0);
  // Same items: Kendall's distance, whatever p. {3, 1, 2} vs {1, 2, 3}: pairs (3,1), (3,2).
  for (double p : {0.0, 0.5, 1.0})
    EXPECT_EQ(materia::kendall_topk_distance<int>({3, 1, 2}, {1, 2, 3}, p), 2.0);
  EXPECT_EQ(materia::kendall_topk_distance<int>({1, 2, 3}, {1, 2, 3}, 1.0), 0.0);
  EXPECT_EQ(materia::normalized_kendall_topk_distance<int>({7}, {}, 0.5), 0.0);
  // Different lengths: {1, 2} vs {2}: {1, 2} is case 2 with 1 ahead of 2 where both are listed.
  EXPECT_EQ(materia::kendall_topk_distance<int>({1, 2}, {2}, 0.5), 1.0);
  EXPECT_EQ(materia::kendall_topk_distance<std::string>({"a", "b"}, {"b", "a"}, 0.5), 1.0);
}

// Symmetric, non-decreasing in p, normalised into [0, 1]; not a metric: the triangle inequality
// fails for lists sharing few items (the brute-force oracle agrees on this example).
TEST(KendallTopk, SymmetricMonotoneInPAndNotAMetric) {
  std::mt19937_64 generator(11);
  std::vector<int> universe(12);
  for (int i = 0; i < 12; ++i)
    universe[static_cast<std::size_t>(i)] = i;
  auto draw = [&]() {
    std::shuffle(universe.begin(), universe.end(), generator);
    return List(universe.begin(), universe.begin() + 5);
  };
  for (int trial = 0; trial < 300; ++trial) {
    const List a = draw(), b = draw();
    double previous = -1.0;
    for (double p : {0.0, 0.25, 0.5, 0.75, 1.0}) {
      const double ab = materia::kendall_topk_distance<int>(a, b, p);
      EXPECT_EQ(ab, materia::kendall_topk_distance<int>(b, a, p));
      EXPECT_GE(ab, previous);
      previous = ab;
      const double normalized = materia::normalized_kendall_topk_distance<int>(a, b, p);
      EXPECT_GE(normalized, 0.0);
      EXPECT_LE(normalized, 1.0);
    }
  }
  const List a = {11, 10, 8, 1, 3}, b = {6, 1, 11, 9, 10}, c = {9, 0, 6, 2, 1};
  EXPECT_EQ(materia::kendall_topk_distance<int>(a, c, 1.0), 35.0);
  EXPECT_EQ(materia::kendall_topk_distance<int>(a, b, 1.0) +
                materia::kendall_topk_distance<int>(b, c, 1.0),
            25.0);
}

// X_1 = 1, X_2 = 1, X_3 = 3: (0.1/0.9)(0.9 + 0.81/2 + 0.729) + 0.729 = 0.226 + 0.729.
TEST(RankBiasedOverlap, HandComputedCases) {
  EXPECT_NEAR(materia::rank_biased_overlap<int>({1, 2, 3}, {1, 3, 2}, 0.9), 0.955, 1e-15);
  EXPECT_NEAR(materia::rank_biased_overlap<int>({1, 2, 3}, {1, 2, 3}, 0.9), 1.0, 1e-15);
  EXPECT_EQ(materia::rank_biased_overlap<int>({1, 2, 3}, {4, 5, 6}, 0.9), 0.0);
  // Uneven: S = {1}, L = {2, 1}: X_1 = X_s = 0, X_2 = 1, so
  // (1-p)/p [0 + p^2/2 + 0] + [(1 - 0)/2 + 0] p^2 = p (1-p)/2 + p^2/2 = p/2.
  EXPECT_NEAR(materia::rank_biased_overlap<int>({1}, {2, 1}, 0.8), 0.4, 1e-15);
  EXPECT_NEAR(materia::rank_biased_overlap<int>({2, 1}, {1}, 0.8), 0.4, 1e-15);
}

TEST(TopkDistances, RejectMalformedInput) {
  EXPECT_THROW(materia::kendall_topk_distance<int>({1, 1}, {2}, 0.5), std::invalid_argument);
  EXPECT_THROW(materia::kendall_topk_distance<int>({1}, {2}, 1.5), std::invalid_argument);
  EXPECT_THROW(materia::rank_biased_overlap<int>({1, 2}, {2, 2}, 0.9), std::invalid_argument);
  EXPECT_THROW(materia::rank_biased_overlap<int>({1}, {}, 0.9), std::invalid_argument);
  EXPECT_THROW(materia::rank_biased_overlap<int>({1}, {1}, 1.0), std::invalid_argument);
  EXPECT_THROW(materia::rank_biased_overlap<int>({1}, {1}, 0.0), std::invalid_argument);
}

// The papers' definitions: the committed fixture, or a fresh one when ctest's live oracle test
// ran /usr/bin/python3 first (MATERIA_TOPK_DISTANCE_FIXTURE).
TEST(TopkDistanceOracle, MatchesThePairAndDepthSums) {
  const char* live = std::getenv("MATERIA_TOPK_DISTANCE_FIXTURE");
  const std::string path = live ? live : materia_test::test_data_path("oracles/topk_distance.json");
  std::ifstream file(path);
  ASSERT_TRUE(file) << path;
  const auto json = nlohmann::json::parse(file);
  double worst_kendall = 0, worst_rbo = 0;
  for (const auto& pair : json["pairs"]) {
    const auto a = pair["first"].get<List>(), b = pair["second"].get<List>();
    for (const auto& [p, expected] : pair["kendall"].items()) {
      const double distance = materia::kendall_topk_distance<int>(a, b, std::stod(p));
      EXPECT_EQ(distance, expected.get<double>()) << p;
      worst_kendall = std::max(worst_kendall, std::fabs(distance - expected.get<double>()));
      EXPECT_EQ(distance, materia::kendall_topk_distance<int>(b, a, std::stod(p)));
    }
    for (const auto& [p, expected] : pair["rbo"].items()) {
      const double rbo = materia::rank_biased_overlap<int>(a, b, std::stod(p));
      EXPECT_NEAR(rbo, expected.get<double>(), 1e-12) << p;
      worst_rbo = std::max(worst_rbo, std::fabs(rbo - expected.get<double>()));
    }
  }
  EXPECT_EQ(json["pairs"].size(), 10u);
  std::printf("topk_distance oracle: max |K diff| %.3g, max |RBO diff| %.3g\n", worst_kendall,
              worst_rbo);
}

}  // namespace
