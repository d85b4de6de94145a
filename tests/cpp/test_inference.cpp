// What the analysis can tell apart: significance tiers (Bonferroni, Benjamini–Hochberg), the
// sign test of each issue against the next, and simultaneous confidence sets of ranks
// (docs/method.md sections 3 and 11), on hand-computed cases, the sample and a NumPy reference.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <limits>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "materia/materia.hpp"
#include "materia/tier/multiple_testing.hpp"
#include "materia/uncertainty/uncertainty.hpp"
#include "test_support.hpp"

namespace {

using materia_test::issue_by_id;

using materia::TierSpec;

// ---- corrections

TEST(MultipleTesting, HandComputedCorrections) {
  const std::vector<double> p{0.01, 0.04, 0.03};
  EXPECT_EQ(materia::bonferroni_adjust(p), (std::vector<double>{0.03, 0.12, 0.09}));
  // BH: sorted 0.01, 0.03, 0.04 -> 3(0.01)/1, 3(0.03)/2 = 0.045, 3(0.04)/3 = 0.04, then the
  // running minimum from the top: 0.04, 0.04, 0.03.
  const auto bh = materia::bh_adjust(p);
  EXPECT_DOUBLE_EQ(bh[0], 0.03);
  EXPECT_DOUBLE_EQ(bh[1], 0.04);
  EXPECT_DOUBLE_EQ(bh[2], 0.04);
  EXPECT_EQ(materia::bonferroni_adjust({0.6, 0.2}), (std::vector<double>{1.0, 0.4}));
  EXPECT_TRUE(materia::bh_adjust({}).empty());
  EXPECT_THROW(materia::bh_adjust({0.1, 1.5}), std::invalid_argument);
  EXPECT_THROW(materia::bonferroni_adjust({std::nan("")}), std::invalid_argument);
}

// ---- significance tiers

TEST(SignificanceTiers, ParseAndCanonicalText) {
  const TierSpec bonferroni = TierSpec::parse("significance:0.05");
  EXPECT_EQ(bonferroni.kind, TierSpec::Kind::significance);
  EXPECT_EQ(bonferroni.values, std::vector<double>{0.05});
  EXPECT_EQ(bonferroni.correction, TierSpec::Correction::bonferroni);
  EXPECT_EQ(bonferroni.to_string(), "significance:0.05");
  EXPECT_EQ(TierSpec::parse("significance:0.05:bonferroni").to_string(), "significance:0.05");
  const TierSpec bh = TierSpec::parse("significance:0.1:bh");
  EXPECT_EQ(bh.correction, TierSpec::Correction::bh);
  EXPECT_EQ(bh.to_string(), "significance:0.1:bh");
  for (const char* bad : {"significance", "significance:", "significance:0", "significance:1",
                          "significance:0.05:holm", "significance:0.05,0.01", "significance:x"})
    EXPECT_THROW(TierSpec::parse(bad), materia::Error) << bad;
}

TEST(SignificanceTiers, HandComputedBonferroniAndBh) {
  const std::vector<double> scores{5, 4, 3, 2};
  const std::vector<std::size_t> order{0, 1, 2, 3};
  const std::vector<double> p{0.001, 0.01, 0.02, 0.5};
  // Bonferroni, n = 4: 0.004, 0.04, 0.08, 1
  const auto bonferroni =
      materia::assign_tiers(scores, order, true, TierSpec::parse("significance:0.05"), &p);
  EXPECT_EQ(bonferroni.tier, (std::vector<int>{1, 1, 2, 2}));
  EXPECT_EQ(bonferroni.breaks, std::vector<double>{4});
  // BH: 0.004, 0.02, 0.0267, 0.5
  const auto bh =
      materia::assign_tiers(scores, order, true, TierSpec::parse("significance:0.05:bh"), &p);
  EXPECT_EQ(bh.tier, (std::vector<int>{1, 1, 1, 2}));
  EXPECT_EQ(bh.breaks, std::vector<double>{3});
  // nothing significant: all in tier 2, the boundary just beyond the best score
  const std::vector<double> none{0.9, 0.9, 0.95, 1};
  const auto empty =
      materia::assign_tiers(scores, order, true, TierSpec::parse("significance:0.05"), &none);
  EXPECT_EQ(empty.tier, (std::vector<int>{2, 2, 2, 2}));
  ASSERT_EQ(empty.breaks.size(), 1u);
  EXPECT_GT(empty.breaks[0], 5.0);
  EXPECT_EQ(empty.breaks[0], std::nextafter(5.0, 6.0));
  EXPECT_THROW(materia::assign_tiers(scores, order, true, TierSpec::parse("significance:0.05")),
               materia::Error);
}

TEST(SignificanceTiers, TheSamplesRraTiersAreItsCorrectedPValues) {
  const auto dataset = materia::load_sample("fintech-2024");
  for (const char* spec : {"significance:0.05", "significance:0.05:bh"}) {
    materia::AnalyzeOptions options;
    options.method = materia::Method::rra;
    options.tiers = TierSpec::parse(spec);
    const auto result = materia::analyze(dataset, options);
    EXPECT_EQ(result.tiers, spec);
    // the definition, from the rho fields: Bonferroni n p <= alpha; BH p <= k* alpha / n with
    // k* the largest k whose k-th smallest p is at most k alpha / n
    const auto n = static_cast<double>(result.issues.size());
    std::vector<double> p;
    for (const auto& row : result.issues)
      p.push_back(row.rho);
    std::sort(p.begin(), p.end());
    double cut = 0.05 / n;
    if (std::string(spec).ends_with(":bh"))
      for (std::size_t k = 1; k <= p.size(); ++k)
        if (p[k - 1] <= static_cast<double>(k) * 0.05 / n) cut = static_cast<double>(k) * 0.05 / n;
    int tier_one = 0;
    for (const auto& row : result.issues) {
      EXPECT_EQ(row.tier, row.rho <= cut ? 1 : 2) << spec << " " << row.id << " rho " << row.rho;
      tier_one += row.tier == 1;
    }
    // the strongest consensus of 23 firms over 91 issues is significant; most issues are not
    EXPECT_GT(tier_one, 0) << spec;
    EXPECT_LT(tier_one, 45) << spec;
    std::printf("%s: %d of %zu issues in tier 1\n", spec, tier_one, result.issues.size());
  }
}

TEST(SignificanceTiers, OnlyForMethodsWhoseScoresArePValues) {
  const auto dataset = materia::load_sample("fintech-2024");
  materia::AnalyzeOptions options;
  options.tiers = TierSpec::parse("significance:0.05");
  try {
    materia::analyze(dataset, options);  // borda-normalized
    FAIL() << "no error";
  } catch (const materia::Error& error) {
    EXPECT_EQ(error.kind(), materia::ErrorKind::usage);
    EXPECT_NE(std::string(error.what()).find("rra or stuart"), std::string::npos) << error.what();
  }
  options.method = materia::Method::stuart;
  const auto stuart = materia::analyze(dataset, options);
  for (const auto& row : stuart.issues)
    EXPECT_EQ(row.tier, std::min(1.0, row.score * 91.0) <= 0.05 ? 1 : 2) << row.id;
  options.matrix.axis_tiers = TierSpec::parse("significance:0.05");
  EXPECT_THROW(materia::analyze(dataset, options), materia::Error);
}

// ---- adjacent issues

TEST(AdjacentIssues, HandComputedSignTestsWithHolm) {
  // Order p, q, r. (p, q): F1-F3, F5-F8 put p above q (F5 lists p only: bottom), F4 the reverse:
  // 7 to 1. (q, r): F1, F2, F4, F6-F8 put q above r, F3 the reverse, F5 lists neither: 6 to 1.
  // F9 has weight 0, F10 is not_assessed and lists q alone: neither votes.
  const auto dataset = materia::load_dataset_json(R"({"taxonomy": "none", "companies": [
    {"id": "F1", "issues": [{"name": "p"}, {"name": "q"}, {"name": "r"}]},
    {"id": "F2", "issues": [{"name": "p"}, {"name": "q"}, {"name": "r"}]},
    {"id": "F3", "issues": [{"name": "p"}, {"name": "r"}, {"name": "q"}]},
    {"id": "F4", "issues": [{"name": "q"}, {"name": "p"}]},
    {"id": "F5", "issues": [{"name": "p"}]},
    {"id": "F6", "issues": [{"name": "p"}, {"name": "q"}]},
    {"id": "F7", "issues": [{"name": "p"}, {"name": "q"}]},
    {"id": "F8", "issues": [{"name": "p"}, {"name": "q"}, {"name": "r"}]},
    {"id": "F9", "weight": 0, "issues": [{"name": "r"}, {"name": "q"}, {"name": "p"}]},
    {"id": "F10", "unlisted": "not_assessed", "issues": [{"name": "q"}]}]})",
                                                  "adjacent.json");
  const auto result = materia::analyze(dataset, {});
  ASSERT_EQ(result.issues.size(), 3u);
  ASSERT_EQ(result.issues[0].id, "p");
  ASSERT_EQ(result.issues[1].id, "q");
  ASSERT_EQ(result.issues[2].id, "r");
  // exact two-sided: 2 P(X <= 1), X ~ Bin(8, 1/2) = 18/256; Bin(7, 1/2) = 16/128. Holm over two:
  // max(2 (18/256), 1 (16/128)) for both.
  EXPECT_DOUBLE_EQ(result.issues[0].above_next_p, 2 * 18.0 / 256.0);
  EXPECT_DOUBLE_EQ(result.issues[1].above_next_p, 2 * 18.0 / 256.0);
  EXPECT_TRUE(std::isnan(result.issues[2].above_next_p));
}

TEST(AdjacentIssues, TheSamplesLeadersAndNeighbours) {
  const auto result = materia::analyze(materia::load_sample("fintech-2024"), {});
  std::size_t distinct = 0;
  for (std::size_t i = 0; i + 1 < result.issues.size(); ++i) {
    const double p = result.issues[i].above_next_p;
    ASSERT_TRUE(p >= 0 && p <= 1) << result.issues[i].id;
    distinct += p <= 0.05;
  }
  EXPECT_TRUE(std::isnan(result.issues.back().above_next_p));
  std::printf("sample: %zu of %zu adjacent pairs distinguishable at 0.05\n", distinct,
              result.issues.size() - 1);
  // 23 firms cannot order 90 neighbours: at most a few pairs are told apart
  EXPECT_LT(distinct, 10u);
}

// ---- simultaneous rank sets

TEST(RankSets, HandComputedPairs) {
  // two issues whose difference never varies: ordered; a constant tie stays unordered
  const std::vector<double> estimates{2.0, 1.0};
  std::vector<double> replicates;
  for (double shift : {0.0, 0.5, -0.25, 0.1})
    replicates.push_back(2.0 + shift);
  for (double shift : {0.0, 0.5, -0.25, 0.1})
    replicates.push_back(1.0 + shift);
  auto [low, high] = materia::kernels::simultaneous_rank_sets(estimates, replicates, 4, 0.95);
  EXPECT_EQ(low, (std::vector<double>{1, 2}));
  EXPECT_EQ(high, (std::vector<double>{1, 2}));
  // differences 1 +- 2 in the replicates: c s is larger than the difference, so both sets are {1,
  // 2}
  const std::vector<double> noisy{2.0, 3.0, -1.0, 2.0, 1.0, 0.0, 1.0, 1.0};
  std::tie(low, high) = materia::kernels::simultaneous_rank_sets(estimates, noisy, 4, 0.95);
  EXPECT_EQ(low, (std::vector<double>{1, 1}));
  EXPECT_EQ(high, (std::vector<double>{2, 2}));
}

TEST(RankSetsOracle, SetsAndCriticalValuesMatchNumpy) {
  const char* live = std::getenv("MATERIA_RANK_SETS_FIXTURE");
  const std::string path = live ? live : materia_test::test_data_path("oracles/rank_sets.json");
  std::ifstream file(path);
  ASSERT_TRUE(file) << path;
  const auto json = nlohmann::json::parse(file);
  ASSERT_EQ(json["cases"].size(), 5u);
  for (const auto& c : json["cases"]) {
    const auto estimates = c["estimates"].get<std::vector<double>>();
    const auto rows = c["replicates"].get<std::vector<std::vector<double>>>();
    std::vector<double> replicates;
    for (const auto& row : rows)
      replicates.insert(replicates.end(), row.begin(), row.end());
    const auto [low, high] = materia::kernels::simultaneous_rank_sets(
        estimates, replicates, rows.front().size(), c["level"].get<double>());
    EXPECT_EQ(low, c["low"].get<std::vector<double>>()) << c["name"];
    EXPECT_EQ(high, c["high"].get<std::vector<double>>()) << c["name"];
  }
}

TEST(RankSets, TheSamplesSetsHoldTheRanksAndAreWiderThanTheIntervals) {
  const auto dataset = materia::load_sample("fintech-2024");
  materia::AnalyzeOptions options;
  auto result = materia::analyze(dataset, options);
  materia::BootstrapOptions settings;
  settings.replicates = 400;
  materia::attach_bootstrap(result, materia::bootstrap(dataset, result, options, settings));
  double set_width = 0, interval_width = 0;
  for (const auto& row : result.issues) {
    EXPECT_EQ(row.rank_set_low, std::floor(row.rank_set_low)) << row.id;
    EXPECT_EQ(row.rank_set_high, std::floor(row.rank_set_high)) << row.id;
    // the point estimate's places lie in its set
    EXPECT_LE(row.rank_set_low, row.rank) << row.id;
    EXPECT_GE(row.rank_set_high, row.rank_mid) << row.id;
    set_width += row.rank_set_high - row.rank_set_low;
    interval_width += row.rank_high - row.rank_low;
  }
  EXPECT_GT(set_width, interval_width);
  EXPECT_EQ(issue_by_id(result, result.issues.front().id).rank_set_low, 1.0);
  std::printf("sample: mean rank set width %.1f, mean percentile interval width %.1f\n",
              set_width / 91.0, interval_width / 91.0);
}

}  // namespace
