// Agreement statistics: hand-computed cases, brute force, SciPy's values (fixture from
// tests/oracles/scipy_agreement.py) and the identity chi-square = m (n - 1) W.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <random>
#include <vector>

#include <nlohmann/json.hpp>

#include "materia/materia.hpp"
#include "materia/stats/skillings_mack.hpp"
#include "materia/stats/stats.hpp"
#include "test_support.hpp"

namespace {

double brute_tau_b(const std::vector<double>& x, const std::vector<double>& y) {
  double concordant = 0, discordant = 0, tx = 0, ty = 0, pairs = 0;
  for (std::size_t i = 0; i < x.size(); ++i)
    for (std::size_t j = i + 1; j < x.size(); ++j) {
      double dx = x[i] - x[j], dy = y[i] - y[j];
      pairs += 1;
      if (dx == 0) tx += 1;
      if (dy == 0) ty += 1;
      if (dx * dy > 0) concordant += 1;
      if (dx * dy < 0) discordant += 1;
    }
  return (concordant - discordant) / std::sqrt((pairs - tx) * (pairs - ty));
}

TEST(KendallTau, HandComputed) {
  EXPECT_NEAR(materia::kendall_tau_b({1, 2, 3, 4}, {1, 3, 2, 4}), 2.0 / 3, 1e-15);
  EXPECT_NEAR(materia::kendall_tau_b({1, 2, 3}, {3, 2, 1}), -1.0, 1e-15);
  // ties: x {1,1,2}, y {1,2,3}: C = 2, D = 0, tied x pairs 1 -> 2 / sqrt(2 * 3)
  EXPECT_NEAR(materia::kendall_tau_b({1, 1, 2}, {1, 2, 3}), 2.0 / std::sqrt(6.0), 1e-15);
}

TEST(KendallTau, MatchesTheQuadraticDefinitionWithTies) {
  std::mt19937_64 rng(4);
  std::uniform_int_distribution<int> small(1, 5);
  for (int trial = 0; trial < 50; ++trial) {
    std::vector<double> x(37), y(37);
    for (std::size_t i = 0; i < x.size(); ++i)
      x[i] = small(rng), y[i] = small(rng) + (trial % 3 ? x[i] : 0);
    EXPECT_NEAR(materia::kendall_tau_b(x, y), brute_tau_b(x, y), 1e-12) << trial;
  }
}

TEST(KendallTau, UndefinedCasesAndNaNPairs) {
  EXPECT_TRUE(std::isnan(materia::kendall_tau_b({1, 1, 1}, {1, 2, 3})));
  EXPECT_TRUE(std::isnan(materia::kendall_tau_b({1}, {1})));
  EXPECT_THROW(materia::kendall_tau_b({1, 2}, {1}), materia::Error);
  const double nan = std::nan("");
  EXPECT_DOUBLE_EQ(materia::kendall_tau_b({1, 2, nan, 3}, {1, 2, 9, 3}), 1.0);
  EXPECT_DOUBLE_EQ(materia::spearman_rho({1, 2, 3, nan}, {3, 2, 1, 0}), -1.0);
}

TEST(Spearman, HandComputedWithAndWithoutTies) {
  EXPECT_NEAR(materia::spearman_rho({1, 2, 3, 4}, {1, 3, 2, 4}), 0.8, 1e-15);
  // ties: ranks x {1.5,1.5,3}, y {1,2,3}: Pearson = 0.75 / sqrt(0.5 * 2) ... by hand: 0.8660254
  EXPECT_NEAR(materia::spearman_rho({1, 1, 2}, {1, 2, 3}), std::sqrt(3.0) / 2, 1e-15);
}

TEST(KendallW, PerfectAgreementAndTheFriedmanIdentity) {
  auto perfect = materia::kendall_w({{1, 2, 3, 4}, {1, 2, 3, 4}, {1, 2, 3, 4}});
  EXPECT_DOUBLE_EQ(perfect.w, 1.0);
  EXPECT_DOUBLE_EQ(perfect.chi_square, 3 * 3 * 1.0);
  // two raters in exactly opposite order: W = 0
  EXPECT_NEAR(materia::kendall_w({{1, 2, 3}, {3, 2, 1}}).w, 0.0, 1e-15);
  std::mt19937_64 rng(8);
  std::uniform_int_distribution<int> level(1, 4);
  std::vector<std::vector<double>> ratings(9, std::vector<double>(13));
  for (auto& row : ratings)
    for (auto& v : row)
      v = level(rng);
  auto c = materia::kendall_w(ratings);
  EXPECT_GT(c.w, 0.0);
  EXPECT_LT(c.w, 1.0);
  EXPECT_NEAR(c.chi_square, 9.0 * 12.0 * c.w, 1e-12);
  EXPECT_EQ(c.df, 12.0);
}

TEST(KendallW, PartialListsTieTheUnrankedItemsAtTheBottom) {
  const double nan = std::nan("");
  auto partial = materia::kendall_w({{1, 2, nan, nan}, {2, 1, 3, nan}, {1, nan, nan, 2}});
  auto explicit_ties = materia::kendall_w({{1, 2, 3.5, 3.5}, {2, 1, 3, 4}, {1, 3.5, 3.5, 2}});
  EXPECT_DOUBLE_EQ(partial.w, explicit_ties.w);
  EXPECT_THROW(materia::kendall_w({{1, 2}, {1}}), materia::Error);
  EXPECT_TRUE(std::isnan(materia::kendall_w({{1, 2, 3}}).w));
}

// SciPy itself: the committed fixture, or a fresh one when ctest's live oracle test ran
// /usr/bin/python3 first (MATERIA_SCIPY_FIXTURE).
TEST(ScipyOracle, TauRhoAndFriedmanMatchScipy) {
  const char* live = std::getenv("MATERIA_SCIPY_FIXTURE");
  std::string path = live ? live : materia_test::test_data_path("oracles/scipy_agreement.json");
  std::ifstream file(path);
  ASSERT_TRUE(file) << path;
  auto json = nlohmann::json::parse(file);
  for (const auto& pair : json["pairs"]) {
    auto x = pair["x"].get<std::vector<double>>(), y = pair["y"].get<std::vector<double>>();
    std::string name = pair["name"];
    EXPECT_NEAR(materia::kendall_tau_b(x, y), pair["tau_b"].get<double>(), 1e-12) << name;
    EXPECT_NEAR(materia::spearman_rho(x, y), pair["rho"].get<double>(), 1e-12) << name;
  }
  for (const auto& f : json["friedman"]) {
    auto ratings = f["ratings"].get<std::vector<std::vector<double>>>();
    auto c = materia::kendall_w(ratings);
    std::string name = f["name"];
    const double chi2 = f["chi_square"];
    EXPECT_NEAR(c.chi_square, chi2, 1e-9 * (1 + chi2)) << name;
    EXPECT_NEAR(c.p_value, f["p_value"].get<double>(), 1e-10) << name;
    const double m = static_cast<double>(ratings.size()),
                 n = static_cast<double>(ratings[0].size());
    EXPECT_NEAR(c.w, chi2 / (m * (n - 1)), 1e-12) << name;  // chi2 = m (n - 1) W
  }
  EXPECT_EQ(json["pairs"].size(), 5u);
}

TEST(Agreement, SampleFirmsAgreeSomewhatAndAreOrderedByTypicality) {
  auto result = materia::analyze(materia::load_sample("fintech-2024"), {});
  auto agreement = materia::firm_agreement(result);
  EXPECT_EQ(agreement.concordance.raters, 23u);
  EXPECT_EQ(agreement.concordance.items, 91u);
  EXPECT_GT(agreement.concordance.w, 0.1);
  EXPECT_LT(agreement.concordance.w, 1.0);
  EXPECT_LT(agreement.concordance.p_value, 1e-6);
  ASSERT_EQ(agreement.typicality.size(), 23u);
  for (std::size_t i = 1; i < agreement.typicality.size(); ++i)
    EXPECT_GE(agreement.typicality[i - 1].rho, agreement.typicality[i].rho);
}

TEST(Agreement, AFirmThatReversesTheOthersIsTheLeastTypical) {
  auto dataset = materia::load_dataset_json(R"({"taxonomy": "none", "companies": [
    {"id": "A", "issues": [{"name": "p"}, {"name": "q"}, {"name": "r"}, {"name": "s"}]},
    {"id": "B", "issues": [{"name": "p"}, {"name": "q"}, {"name": "s"}, {"name": "r"}]},
    {"id": "C", "issues": [{"name": "p"}, {"name": "r"}, {"name": "q"}, {"name": "s"}]},
    {"id": "Z", "issues": [{"name": "s"}, {"name": "r"}, {"name": "q"}, {"name": "p"}]}]})",
                                            "typical.json");
  auto agreement = materia::firm_agreement(materia::analyze(dataset, {}));
  EXPECT_EQ(agreement.typicality.back().id, "Z");
  EXPECT_LT(agreement.typicality.back().rho, 0.0);
  EXPECT_EQ(agreement.typicality.front().id, "A");
  // Z reverses the others' consensus p, q, r, s (mean ranks 1, 7/3, 3, 11/3): all 6 pairs
  // discordant, over 4 x 4 + (6 + 6) / 2 = 22 for disjoint lists; RBO from the overlaps
  // X = 0, 0, 2, 4 at depths 1..4.
  const auto& z = agreement.typicality.back();
  EXPECT_DOUBLE_EQ(z.topk_distance, 6.0 / 22.0);
  const double p = 0.9;
  EXPECT_NEAR(z.rbo, (1 - p) / p * (2.0 / 3.0 * p * p * p + p * p * p * p) + p * p * p * p, 1e-15);
  // complete rankings without ties: Skillings–Mack is Friedman's statistic, on k - 1 = 3 df
  EXPECT_NEAR(agreement.listed_only.statistic, agreement.concordance.chi_square, 1e-12);
  EXPECT_DOUBLE_EQ(agreement.listed_only.df, 3.0);
  EXPECT_EQ(agreement.listed_only.permutations, materia::kAgreementPermutations);
}

TEST(Agreement, SkillingsMackSeesOnlyTheListedIssues) {
  // The sample's firms list 10 to 40 of 91 issues: Friedman counts the unlisted ones as tied
  // last; Skillings–Mack leaves them out and equals the kernel on the listed ranks alone.
  auto result = materia::analyze(materia::load_sample("fintech-2024"), {});
  auto agreement = materia::firm_agreement(result);
  std::vector<std::vector<double>> listed(result.firms.size(),
                                          std::vector<double>(result.issues.size(), NAN));
  for (std::size_t i = 0; i < result.issues.size(); ++i)
    for (const auto& listing : result.issues[i].listings)
      listed[listing.firm][i] = listing.rank;
  const auto direct = materia::skillings_mack(listed, materia::kAgreementPermutations, 1);
  EXPECT_EQ(agreement.listed_only.statistic, direct.statistic);
  EXPECT_EQ(agreement.listed_only.p_value, direct.p_value);
  EXPECT_EQ(agreement.listed_only.permutation_p_value, direct.permutation_p_value);
  EXPECT_EQ(agreement.listed_only.df, 90.0);
  std::printf("sample: Friedman p %.3g, Skillings-Mack T %.1f p %.3g (permutation %.3g)\n",
              agreement.concordance.p_value, direct.statistic, direct.p_value,
              direct.permutation_p_value);
  for (const auto& firm : agreement.typicality) {
    EXPECT_GT(firm.rbo, 0.0) << firm.id;
    EXPECT_LE(firm.rbo, 1.0) << firm.id;
    EXPECT_GE(firm.topk_distance, 0.0) << firm.id;
    EXPECT_LE(firm.topk_distance, 1.0) << firm.id;
  }
}

}  // namespace
