// Empirical Bayes shrinkage of means (include/materia/matrix/shrinkage.hpp): hand-computed cases
// and a reference that solves the moment equation numerically (tests/oracles/shrinkage.py).
#include "materia/matrix/shrinkage.hpp"

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

// Equal n = 4, s^2 = 2: D = 1/2; means 1, 2, 6 have mean 3 and S = 14, so tau^2 = 14/2 - 1/2 and
// B = (1/2) / 7 = 1/14 for every group.
TEST(Shrinkage, EqualSizesHandComputed) {
  const auto s = materia::empirical_bayes_shrinkage({1, 2, 6}, {4, 4, 4}, 2.0);
  EXPECT_DOUBLE_EQ(s.tau_squared, 6.5);
  EXPECT_DOUBLE_EQ(s.grand_mean, 3.0);
  for (double b : s.shrinkage)
    EXPECT_DOUBLE_EQ(b, 1.0 / 14.0);
  EXPECT_DOUBLE_EQ(s.shrunk_means[0], 3.0 - 2.0 * 13.0 / 14.0);
  EXPECT_DOUBLE_EQ(s.shrunk_means[1], 3.0 - 13.0 / 14.0);
  EXPECT_DOUBLE_EQ(s.shrunk_means[2], 3.0 + 3.0 * 13.0 / 14.0);
}

// n = 1, 4; s^2 = 4: D = 4, 1 and w = 1/4, 1; means 0, 5: m_w = 4, Q = 4/4 + 1/1 = 5, so
// tau^2 = (5 - 1) / (5/4 - (17/16) / (5/4)) = 4 / (5/4 - 17/20) = 10. Then B = 4/14, 1/11 and
// mu = (0/14 + 5/11) / (1/14 + 1/11) = 70/25 = 2.8.
TEST(Shrinkage, UnequalSizesHandComputed) {
  const auto s = materia::empirical_bayes_shrinkage({0, 5}, {1, 4}, 4.0);
  EXPECT_NEAR(s.tau_squared, 10.0, 1e-12);
  EXPECT_NEAR(s.shrinkage[0], 4.0 / 14.0, 1e-15);
  EXPECT_NEAR(s.shrinkage[1], 1.0 / 11.0, 1e-15);
  EXPECT_NEAR(s.grand_mean, 2.8, 1e-14);
  EXPECT_NEAR(s.shrunk_means[0], 4.0 / 14.0 * 2.8, 1e-14);
  EXPECT_NEAR(s.shrunk_means[1], 2.8 / 11.0 + 10.0 / 11.0 * 5.0, 1e-14);
}

TEST(Shrinkage, MeansCloserThanTheirNoiseShrinkToTheGrandMean) {
  const auto s = materia::empirical_bayes_shrinkage({2.0, 2.1}, {1, 3}, 1.0);
  EXPECT_EQ(s.tau_squared, 0.0);
  EXPECT_DOUBLE_EQ(s.grand_mean, (2.0 + 3 * 2.1) / 4);  // weighted by n_i
  for (std::size_t i = 0; i < 2; ++i) {
    EXPECT_EQ(s.shrinkage[i], 1.0);
    EXPECT_DOUBLE_EQ(s.shrunk_means[i], s.grand_mean);
  }
}

TEST(Shrinkage, RawGroupsUseTheirPooledVariance) {
  // means 2 and 6, squares 2 + 8 over N - k = 5 - 2: s^2 = 10/3.
  const auto raw = materia::empirical_bayes_shrinkage({{1, 3}, {4, 6, 8}});
  const auto summary = materia::empirical_bayes_shrinkage({2, 6}, {2, 3}, 10.0 / 3.0);
  EXPECT_DOUBLE_EQ(raw.tau_squared, summary.tau_squared);
  EXPECT_DOUBLE_EQ(raw.grand_mean, summary.grand_mean);
  EXPECT_DOUBLE_EQ(raw.shrunk_means[1], summary.shrunk_means[1]);
}

TEST(Shrinkage, RejectsMalformedInput) {
  using materia::empirical_bayes_shrinkage;
  EXPECT_THROW(empirical_bayes_shrinkage({1}, {2}, 1.0), std::invalid_argument);
  EXPECT_THROW(empirical_bayes_shrinkage({1, 2}, {2}, 1.0), std::invalid_argument);
  EXPECT_THROW(empirical_bayes_shrinkage({1, 2}, {2, 0}, 1.0), std::invalid_argument);
  EXPECT_THROW(empirical_bayes_shrinkage({1, NAN}, {2, 2}, 1.0), std::invalid_argument);
  EXPECT_THROW(empirical_bayes_shrinkage({1, 2}, {2, 2}, 0.0), std::invalid_argument);
  EXPECT_THROW(empirical_bayes_shrinkage({{1.0}, {2.0}}), std::invalid_argument);
  EXPECT_THROW(empirical_bayes_shrinkage({{1.0, 2.0}, {}}), std::invalid_argument);
  EXPECT_THROW(empirical_bayes_shrinkage({{1.0, 1.0}, {2.0, 2.0}}), std::invalid_argument);
}

// The Python reference: the committed fixture, or a fresh one when ctest's live oracle test ran
// /usr/bin/python3 first (MATERIA_SHRINKAGE_FIXTURE).
TEST(ShrinkageOracle, MatchesTheSolvedMomentEquation) {
  const char* live = std::getenv("MATERIA_SHRINKAGE_FIXTURE");
  const std::string path = live ? live : materia_test::test_data_path("oracles/shrinkage.json");
  std::ifstream file(path);
  ASSERT_TRUE(file) << path;
  const auto json = nlohmann::json::parse(file);
  double worst = 0;
  auto compare = [&](const materia::ShrinkageEstimate& s, const nlohmann::json& c) {
    const std::string name = c["name"];
    const double tau2 = c["tau_squared"];
    EXPECT_NEAR(s.tau_squared, tau2, 1e-12 * (1 + tau2)) << name;
    EXPECT_NEAR(s.grand_mean, c["grand_mean"].get<double>(), 1e-12) << name;
    worst = std::max(worst, std::fabs(s.tau_squared - tau2));
    const auto b = c["shrinkage"].get<std::vector<double>>();
    const auto shrunk = c["shrunk_means"].get<std::vector<double>>();
    ASSERT_EQ(s.shrinkage.size(), b.size()) << name;
    for (std::size_t i = 0; i < b.size(); ++i) {
      EXPECT_NEAR(s.shrinkage[i], b[i], 1e-12) << name << " " << i;
      EXPECT_NEAR(s.shrunk_means[i], shrunk[i], 1e-12) << name << " " << i;
      worst = std::max(worst, std::fabs(s.shrunk_means[i] - shrunk[i]));
    }
  };
  for (const auto& c : json["summaries"])
    compare(materia::empirical_bayes_shrinkage(c["means"].get<std::vector<double>>(),
                                               c["counts"].get<std::vector<double>>(),
                                               c["pooled_variance"].get<double>()),
            c);
  for (const auto& c : json["groups"])
    compare(materia::empirical_bayes_shrinkage(c["groups"].get<std::vector<std::vector<double>>>()),
            c);
  EXPECT_EQ(json["summaries"].size() + json["groups"].size(), 6u);
  std::printf("shrinkage oracle: max |diff| %.3g\n", worst);
}

}  // namespace
