// Hartigan's dip test (include/materia/tier/dip_test.hpp): hand-computed dips and R's
// diptest::dip on seeded samples (tests/oracles/dip_test.R), the simulated p-value against R's
// own simulation.
#include "materia/tier/dip_test.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>
#include "test_support.hpp"

namespace {

TEST(DipStatistic, SmallSamplesHaveTheLowerBound) {
  EXPECT_DOUBLE_EQ(materia::dip_statistic({5}).dip, 0.5);
  EXPECT_DOUBLE_EQ(materia::dip_statistic({3, 1, 2}).dip, 1.0 / 6.0);
  EXPECT_DOUBLE_EQ(materia::dip_statistic({2, 2, 2, 2, 2}).dip, 0.1);
  // Four equally spaced points are exactly uniform: the dip is the 1/(2n) bound.
  EXPECT_DOUBLE_EQ(materia::dip_statistic({1, 2, 3, 4}).dip, 1.0 / 8.0);
}

// Two clusters of 3 and 4 points: a unimodal F with its mode on the larger cluster [10, 13] is
// convex on [1, 10]; its chord from F(1) <= D to F(10-) <= 3/7 + D lies at most D + 2/21 above
// x = 3, where F_n = 3/7 needs F(3) >= 3/7 - D, so D >= 1/6 (R's diptest agrees).
TEST(DipStatistic, TwoClustersModeOnTheLargerOne) {
  const auto d = materia::dip_statistic({13, 1, 12, 2, 11, 3, 10});
  EXPECT_NEAR(d.dip, 1.0 / 6.0, 1e-15);
  EXPECT_EQ(d.modal_low, 10.0);
  EXPECT_EQ(d.modal_high, 13.0);
}

TEST(DipStatistic, InvariantToOrderShiftAndScale) {
  std::vector<double> x = {0.3, 1.7, 0.2, 2.5, 4.1, 4.4, 0.9, 3.9, 4.0};
  const double dip = materia::dip_statistic(x).dip;
  std::vector<double> moved;
  for (auto it = x.rbegin(); it != x.rend(); ++it)
    moved.push_back(3.0 * *it - 7.0);
  EXPECT_NEAR(materia::dip_statistic(moved).dip, dip, 1e-14);
}

TEST(DipTest, SeededSimulationIsDeterministicAndBounded) {
  const std::vector<double> x = {0, 0.1, 0.2, 0.3, 5, 5.1, 5.2, 5.3, 5.4, 0.15, 0.25, 5.05};
  const auto a = materia::dip_test(x, 500, 7), b = materia::dip_test(x, 500, 7);
  EXPECT_EQ(a.p_value, b.p_value);
  EXPECT_EQ(a.replicates, 500u);
  EXPECT_EQ(a.dip, materia::dip_statistic(x).dip);
  // No uniform sample of 12 points has a dip this large: p is the smallest possible, 1/(B + 1).
  EXPECT_DOUBLE_EQ(a.p_value, 1.0 / 501.0);
  // n < 4: every replicate has the same dip 1/(2n), so p = 1.
  EXPECT_EQ(materia::dip_test({1, 2, 9}, 50, 1).p_value, 1.0);
  EXPECT_THROW(materia::dip_test(x, 0, 1), std::invalid_argument);
  EXPECT_THROW(materia::dip_statistic({}), std::invalid_argument);
  EXPECT_THROW(materia::dip_statistic({1.0, NAN}), std::invalid_argument);
}

// The replicates' samples are sorted as integers (a radix sort from detail::kRadixFrom values
// on): the same keys as std::sort in the same order, and the p-value of the definition, each
// sample's uniforms sorted as doubles by std::sort.
TEST(DipTest, RadixSortedReplicatesGiveTheDefinitionsPValue) {
  std::mt19937_64 random(3);
  std::vector<std::uint64_t> scratch;
  for (std::size_t n : {0u, 1u, 2u, 700u, 5000u}) {
    std::vector<std::uint64_t> keys(n);
    for (std::size_t i = 0; i < n; ++i)
      keys[i] = i % 5 == 0 && i > 0 ? keys[i - 1] : random() >> 9;  // below 2^55, some equal
    std::vector<std::uint64_t> expected = keys;
    std::sort(expected.begin(), expected.end());
    materia::detail::radix_sort_55(keys, scratch);
    EXPECT_EQ(keys, expected) << n << " keys";
  }
  for (std::size_t n : {40u, 511u, 512u, 900u}) {
    std::vector<double> x(n);
    for (std::size_t i = 0; i < n; ++i)  // two modes, for a p-value between the extremes
      x[i] = (i % 2 ? 1.0 : 0.0) + 2.0 * std::uniform_real_distribution<double>(0, 1)(random);
    const double dip = materia::dip_statistic(x).dip;
    std::mt19937_64 generator(11);
    std::size_t at_least = 0;
    for (int b = 0; b < 60; ++b) {
      std::vector<double> sample(n);
      for (double& value : sample)
        value = static_cast<double>(generator() >> 11) * 0x1.0p-53;
      if (materia::dip_statistic(sample).dip >= dip * (1.0 - 1e-12)) ++at_least;
    }
    EXPECT_EQ(materia::dip_test(x, 60, 11).p_value, static_cast<double>(at_least + 1) / 61.0)
        << n << " values";
  }
}

// R's diptest: the committed fixture, or a fresh one when ctest's live oracle test ran Rscript
// first (MATERIA_DIP_TEST_FIXTURE).
TEST(DipTestOracle, DipMatchesRDiptest) {
  const char* live = std::getenv("MATERIA_DIP_TEST_FIXTURE");
  const std::string path = live ? live : materia_test::test_data_path("oracles/dip_test.json");
  std::ifstream file(path);
  ASSERT_TRUE(file) << path;
  const auto json = nlohmann::json::parse(file);
  double worst_dip = 0, worst_p = 0;
  std::size_t simulated = 0;
  for (const auto& c : json["cases"]) {
    const std::string name = c["name"];
    const auto x = c["x"].get<std::vector<double>>();
    const auto d = materia::dip_statistic(x);
    const double expected = c["dip"];
    EXPECT_NEAR(d.dip, expected, 1e-14) << name;
    worst_dip = std::max(worst_dip, std::fabs(d.dip - expected));
    if (x.size() >= 4) {  // below 4 points AS 217 does not search for a modal interval
      EXPECT_EQ(d.modal_low, c["modal_low"].get<double>()) << name;
      EXPECT_EQ(d.modal_high, c["modal_high"].get<double>()) << name;
    }
    if (!c.contains("p_simulated")) continue;
    // Two independent simulations: R's with B_R replicates, this one with B; the difference has
    // standard error sqrt(p (1 - p) (1/B + 1/B_R)); R's p is mean(D_b >= D), 1/(B + 1) from ours.
    const std::size_t replicates = 4000;
    const auto test = materia::dip_test(x, replicates, 20250120);
    const double p_r = c["p_simulated"], b_r = c["p_replicates"];
    const double p = std::max(p_r, 1.0 / static_cast<double>(replicates));
    const double se = std::sqrt(p * (1 - p) * (1.0 / replicates + 1.0 / b_r));
    EXPECT_NEAR(test.p_value, p_r, 4.5 * se + 1.0 / (replicates + 1)) << name;
    worst_p = std::max(worst_p, std::fabs(test.p_value - p_r));
    ++simulated;
  }
  EXPECT_EQ(json["cases"].size(), 15u);
  EXPECT_EQ(simulated, 12u);
  std::printf("dip oracle: max |dip diff| %.3g, max |p diff| %.3g (simulation)\n", worst_dip,
              worst_p);
}

}  // namespace
