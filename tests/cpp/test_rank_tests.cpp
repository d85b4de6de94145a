// Sign tests for adjacent ranks and Holm's correction (include/materia/stats/rank_tests.hpp):
// hand-computed cases and scipy.stats.binomtest / a Holm written from the paper
// (tests/oracles/rank_tests.py).
#include "materia/stats/rank_tests.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>
#include "test_support.hpp"

namespace {

TEST(SignTest, HandComputedBinomialTails) {
  EXPECT_EQ(materia::sign_test_p_value(0, 0), 1.0);
  EXPECT_EQ(materia::sign_test_p_value(4, 4), 1.0);
  EXPECT_EQ(materia::sign_test_p_value(1, 0), 1.0);  // 2 * 1/2
  EXPECT_DOUBLE_EQ(materia::sign_test_p_value(10, 0), 2.0 / 1024.0);
  EXPECT_DOUBLE_EQ(materia::sign_test_p_value(9, 1), 22.0 / 1024.0);  // 2 (1 + 10) / 2^10
  EXPECT_DOUBLE_EQ(materia::sign_test_p_value(1, 9), 22.0 / 1024.0);
  EXPECT_DOUBLE_EQ(materia::sign_test_p_value(2, 6), 2.0 * (1 + 8 + 28) / 256.0);
  EXPECT_EQ(materia::sign_test_p_value(5, 4), 1.0);  // 2 P(X <= 4) for n = 9 is 1
}

TEST(Holm, HandComputedStepDown) {
  const auto adjusted = materia::holm_adjust({0.01, 0.04, 0.03});
  ASSERT_EQ(adjusted.size(), 3u);
  EXPECT_DOUBLE_EQ(adjusted[0], 0.03);  // 3 * 0.01
  EXPECT_DOUBLE_EQ(adjusted[2], 0.06);  // 2 * 0.03
  EXPECT_DOUBLE_EQ(adjusted[1], 0.06);  // max(0.06, 1 * 0.04)
  EXPECT_EQ(materia::holm_adjust({0.5, 0.6}), (std::vector<double>{1.0, 1.0}));
  EXPECT_TRUE(materia::holm_adjust({}).empty());
  EXPECT_THROW(materia::holm_adjust({0.1, std::nan("")}), std::invalid_argument);
  EXPECT_THROW(materia::holm_adjust({1.5}), std::invalid_argument);
}

TEST(AdjacentSignTests, TestsEachAdjacentPairOfTheOrder) {
  // 0 beats 2 in 9 of 10 firms, 2 beats 1 in 6 of 8.
  std::vector<std::vector<std::uint64_t>> wins = {{0, 7, 9}, {3, 0, 2}, {1, 6, 0}};
  const auto tests = materia::adjacent_sign_tests({0, 2, 1}, wins);
  ASSERT_EQ(tests.size(), 2u);
  EXPECT_EQ(tests[0].upper, 0u);
  EXPECT_EQ(tests[0].lower, 2u);
  EXPECT_EQ(tests[0].upper_wins, 9u);
  EXPECT_EQ(tests[0].lower_wins, 1u);
  EXPECT_DOUBLE_EQ(tests[0].p_value, 22.0 / 1024.0);
  EXPECT_DOUBLE_EQ(tests[1].p_value, 2.0 * (1 + 8 + 28) / 256.0);
  EXPECT_DOUBLE_EQ(tests[0].holm_p_value, 2 * 22.0 / 1024.0);
  EXPECT_DOUBLE_EQ(tests[1].holm_p_value, 2.0 * (1 + 8 + 28) / 256.0);
  EXPECT_TRUE(materia::adjacent_sign_tests({0}, {{0}}).empty());
  EXPECT_THROW(materia::adjacent_sign_tests({0, 0, 1}, wins), std::invalid_argument);
  EXPECT_THROW(materia::adjacent_sign_tests({0, 1}, wins), std::invalid_argument);
  EXPECT_THROW(materia::adjacent_sign_tests({0, 1, 2}, {{0, 1, 2}, {0, 1}, {0, 1, 2}}),
               std::invalid_argument);
}

// SciPy: the committed fixture, or a fresh one when ctest's live oracle test ran
// /usr/bin/python3 first (MATERIA_RANK_TESTS_FIXTURE).
TEST(RankTestsOracle, SignTestsAndHolmMatchScipy) {
  const char* live = std::getenv("MATERIA_RANK_TESTS_FIXTURE");
  const std::string path = live ? live : materia_test::test_data_path("oracles/rank_tests.json");
  std::ifstream file(path);
  ASSERT_TRUE(file) << path;
  const auto json = nlohmann::json::parse(file);
  double worst = 0;
  for (const auto& s : json["sign_tests"]) {
    const auto wins = s["wins"].get<std::uint64_t>(), losses = s["losses"].get<std::uint64_t>();
    const double expected = s["p_value"];
    const double p = materia::sign_test_p_value(wins, losses);
    EXPECT_NEAR(p, expected, 1e-13 + 1e-11 * expected) << wins << " vs " << losses;
    worst = std::max(worst, std::fabs(p - expected));
  }
  for (const auto& f : json["holm"]) {
    const auto p_values = f["p_values"].get<std::vector<double>>();
    for (const auto& [key, adjusted] :
         {std::pair{"holm", materia::holm_adjust(p_values)},
          std::pair{"bonferroni", materia::bonferroni_adjust(p_values)},
          std::pair{"bh", materia::bh_adjust(p_values)}}) {
      const auto expected = f[key].get<std::vector<double>>();
      ASSERT_EQ(adjusted.size(), expected.size()) << key;
      for (std::size_t i = 0; i < adjusted.size(); ++i) {
        EXPECT_NEAR(adjusted[i], expected[i], 1e-15) << key << " " << f["name"] << " " << i;
        worst = std::max(worst, std::fabs(adjusted[i] - expected[i]));
      }
    }
  }
  const auto& a = json["adjacent"];
  const auto tests =
      materia::adjacent_sign_tests(a["order"].get<std::vector<std::size_t>>(),
                                   a["wins"].get<std::vector<std::vector<std::uint64_t>>>());
  const auto p = a["p_values"].get<std::vector<double>>();
  const auto holm = a["holm"].get<std::vector<double>>();
  ASSERT_EQ(tests.size(), p.size());
  for (std::size_t r = 0; r < tests.size(); ++r) {
    EXPECT_NEAR(tests[r].p_value, p[r], 1e-13 + 1e-11 * p[r]) << r;
    EXPECT_NEAR(tests[r].holm_p_value, holm[r], 1e-13 + 1e-11 * holm[r]) << r;
    worst = std::max(worst, std::fabs(tests[r].holm_p_value - holm[r]));
  }
  EXPECT_EQ(json["sign_tests"].size(), 25u);
  std::printf("rank_tests oracle: max |p diff| %.3g\n", worst);
}

}  // namespace
