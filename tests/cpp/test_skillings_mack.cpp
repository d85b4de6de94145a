// Skillings–Mack test (include/materia/stats/skillings_mack.hpp): hand-computed cases, Friedman's
// statistic on complete data, and a Python implementation following the paper with exact
// permutation p-values (tests/oracles/skillings_mack.py).
#include "materia/stats/skillings_mack.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <vector>
#include "test_support.hpp"

namespace {

using Matrix = std::vector<std::vector<double>>;

// Two treatments: blocks of two give adjusted ranks +-1 (sqrt(12/3) * 1/2), so A = (-1, 1) from
// two wins of treatment 0 and one of treatment 1; Sigma = 3 [[1, -1], [-1, 1]] and
// T = (A_0 - A_1)^2 / 12 = 1/3 — the sign test's chi-square (2 - 1)^2 / 3. The block observing
// one treatment adds nothing.
TEST(SkillingsMack, TwoTreatmentsIsTheSignTestChiSquare) {
  const auto t = materia::skillings_mack({{1, 2}, {1, 2}, {2, 1}, {1, NAN}});
  EXPECT_NEAR(t.statistic, 1.0 / 3.0, 1e-14);
  EXPECT_EQ(t.df, 1.0);
  EXPECT_NEAR(t.p_value, std::erfc(std::sqrt(1.0 / 6.0)), 1e-14);
  EXPECT_NEAR(t.adjusted_sums[0], -1.0, 1e-15);
  EXPECT_NEAR(t.adjusted_sums[1], 1.0, 1e-15);
  EXPECT_EQ(t.covariance(0, 0), 3.0);
  EXPECT_EQ(t.covariance(0, 1), -3.0);
  EXPECT_EQ(t.blocks, 3u);
  EXPECT_TRUE(std::isnan(t.permutation_p_value));
}

// Complete blocks: Friedman's 12 / (n k (k + 1)) sum R_i^2 - 3 n (k + 1).
TEST(SkillingsMack, CompleteBlocksGiveFriedmansStatistic) {
  const Matrix values = {{1, 2, 3, 4}, {2, 1, 4, 3}, {1, 3, 2, 4}, {1, 2, 4, 3}, {3, 1, 2, 4}};
  const double n = 5, k = 4;
  std::vector<double> r(4, 0.0);
  for (const auto& row : values)
    for (std::size_t i = 0; i < 4; ++i)
      r[i] += row[i];  // the values are the ranks
  double squares = 0;
  for (double sum : r)
    squares += sum * sum;
  const double friedman = 12.0 / (n * k * (k + 1)) * squares - 3 * n * (k + 1);
  const auto t = materia::skillings_mack(values);
  EXPECT_NEAR(t.statistic, friedman, 1e-12);
  EXPECT_EQ(t.df, 3.0);
}

TEST(SkillingsMack, PermutationPValueIsSeededAndInRange) {
  const Matrix values = {{1, 2, 3}, {2, 1, NAN}, {1, 3, 2}, {NAN, 1, 2}, {1, 2, 3}, {2, NAN, 1}};
  const auto a = materia::skillings_mack(values, 1000, 5);
  const auto b = materia::skillings_mack(values, 1000, 5);
  EXPECT_EQ(a.permutation_p_value, b.permutation_p_value);
  EXPECT_EQ(a.permutations, 1000u);
  EXPECT_GT(a.permutation_p_value, 0.0);
  EXPECT_LE(a.permutation_p_value, 1.0);
  EXPECT_EQ(a.statistic, materia::skillings_mack(values).statistic);
  // Every block ties everything: T = 0 and every permutation reaches it.
  EXPECT_EQ(materia::skillings_mack({{1, 1}, {2, 2}}, 50, 1).permutation_p_value, 1.0);
}

TEST(SkillingsMack, RejectsMalformedInput) {
  EXPECT_THROW(materia::skillings_mack({}), std::invalid_argument);
  EXPECT_THROW(materia::skillings_mack({{1}, {2}}), std::invalid_argument);
  EXPECT_THROW(materia::skillings_mack({{1, 2}, {1}}), std::invalid_argument);
  EXPECT_THROW(materia::skillings_mack({{1, INFINITY}}), std::invalid_argument);
  EXPECT_THROW(materia::skillings_mack({{1, NAN}, {NAN, 2}}), std::invalid_argument);
}

// The Python reference: the committed fixture, or a fresh one when ctest's live oracle test ran
// /usr/bin/python3 first (MATERIA_SKILLINGS_MACK_FIXTURE).
TEST(SkillingsMackOracle, MatchesThePaperAndTheExactPermutationDistribution) {
  const char* live = std::getenv("MATERIA_SKILLINGS_MACK_FIXTURE");
  const std::string path =
      live ? live : materia_test::test_data_path("oracles/skillings_mack.json");
  std::ifstream file(path);
  ASSERT_TRUE(file) << path;
  const auto json = nlohmann::json::parse(file);
  double worst_statistic = 0, worst_p = 0, worst_permutation = 0;
  std::size_t exact = 0;
  for (const auto& c : json["cases"]) {
    const std::string name = c["name"];
    Matrix values;
    for (const auto& row : c["values"]) {
      values.emplace_back();
      for (const auto& v : row)
        values.back().push_back(v.is_null() ? std::nan("") : v.get<double>());
    }
    const std::size_t replicates = c.contains("exact_permutation_p") ? 20000 : 0;
    const auto t = materia::skillings_mack(values, replicates, 20250122);
    const double statistic = c["statistic"], p = c["p_value"];
    EXPECT_NEAR(t.statistic, statistic, 1e-11 * (1 + statistic)) << name;
    EXPECT_EQ(t.df, c["df"].get<double>()) << name;
    EXPECT_NEAR(t.p_value, p, 1e-12 + 1e-10 * p) << name;
    worst_statistic = std::max(worst_statistic, std::fabs(t.statistic - statistic));
    worst_p = std::max(worst_p, std::fabs(t.p_value - p));
    const auto sums = c["adjusted_sums"].get<std::vector<double>>();
    const auto covariance = c["covariance"].get<Matrix>();
    for (std::size_t i = 0; i < sums.size(); ++i) {
      EXPECT_NEAR(t.adjusted_sums[i], sums[i], 1e-12) << name;
      for (std::size_t j = 0; j < sums.size(); ++j)
        EXPECT_EQ(t.covariance(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)),
                  covariance[i][j])
            << name;
    }
    if (!replicates) continue;
    ++exact;
    const double p_exact = c["exact_permutation_p"];
    const double se = std::sqrt(p_exact * (1 - p_exact) / static_cast<double>(replicates));
    EXPECT_NEAR(t.permutation_p_value, p_exact,
                4.5 * se + 1.0 / static_cast<double>(replicates + 1))
        << name;
    worst_permutation = std::max(worst_permutation, std::fabs(t.permutation_p_value - p_exact));
  }
  EXPECT_EQ(json["cases"].size(), 8u);
  EXPECT_EQ(exact, 2u);
  std::printf(
      "skillings_mack oracle: max |T diff| %.3g, |p diff| %.3g, |permutation p - exact| "
      "%.3g\n",
      worst_statistic, worst_p, worst_permutation);
}

}  // namespace
