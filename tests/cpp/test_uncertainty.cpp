// Bootstrap and leave-one-out: determinism whatever the thread count, intervals that contain the
// rank, probabilities that sum to one, and a hand-checkable leave-one-out.
#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <numeric>

#include "explain/explain_json.hpp"
#include "materia/explain/explain.hpp"
#include "materia/materia.hpp"
#include "materia/uncertainty/uncertainty.hpp"

namespace {

TEST(Bootstrap, SameOutputForAnyThreadCount) {
  auto dataset = materia::load_sample("fintech-2024");
  materia::AnalyzeOptions options;
  auto result = materia::analyze(dataset, options);
  materia::BootstrapOptions one;
  one.replicates = 60;
  one.seed = 17;
  auto a = materia::bootstrap(dataset, result, options, one, materia::Execution{1});
  for (unsigned threads : {0u, 2u, 3u, 8u, 64u}) {  // 0 = all cores; 64 > B / threads
    auto b = materia::bootstrap(dataset, result, options, one, materia::Execution{threads});
    EXPECT_EQ(a.rank_low, b.rank_low) << threads;
    EXPECT_EQ(a.rank_high, b.rank_high) << threads;
    EXPECT_EQ(a.rank_mean, b.rank_mean) << threads;
    EXPECT_EQ(a.tier_probability, b.tier_probability) << threads;
  }
  auto other_seed = one;
  other_seed.seed = 18;
  EXPECT_NE(
      materia::bootstrap(dataset, result, options, other_seed, materia::Execution{1}).rank_mean,
      a.rank_mean);
}

TEST(Bootstrap, IntervalsAndTierProbabilitiesAreConsistent) {
  auto dataset = materia::load_sample("fintech-2024");
  materia::AnalyzeOptions options;
  auto result = materia::analyze(dataset, options);
  materia::BootstrapOptions settings;
  settings.replicates = 200;
  std::size_t reports = 0;
  settings.progress = [&](std::size_t done, std::size_t total) {
    EXPECT_LE(done, total);
    ++reports;
  };
  auto summary = materia::bootstrap(dataset, result, options, settings);
  EXPECT_GE(reports, 1u);
  materia::attach_bootstrap(result, summary);
  EXPECT_EQ(result.bootstrap_replicates, 200u);
  for (const auto& issue : result.issues) {
    EXPECT_LE(issue.rank_low, issue.rank_high) << issue.id;
    EXPECT_GE(issue.rank_low, 1.0);
    EXPECT_LE(issue.rank_high, static_cast<double>(result.issues.size()));
    double total =
        std::accumulate(issue.tier_probability.begin(), issue.tier_probability.end(), 0.0);
    EXPECT_NEAR(total, 1.0, 1e-12) << issue.id;
  }
  // the clear leader is always near the top; the bottom issue never reaches tier 1
  EXPECT_LE(result.issues.front().rank_high, 5.0);
  EXPECT_EQ(result.issues.back().tier_probability[0], 0.0);
  materia::BootstrapOptions none;
  none.replicates = 0;
  EXPECT_THROW(materia::bootstrap(dataset, result, options, none), materia::Error);
}

TEST(Bootstrap, OneFirmMeansNoUncertainty) {
  auto dataset = materia::load_dataset_json(
      R"({"taxonomy": "none", "companies": [{"id": "A", "issues": [{"name": "p"}, {"name": "q"}, {"name": "r"}]}]})",
      "one.json");
  auto result = materia::analyze(dataset, {});
  materia::BootstrapOptions settings;
  settings.replicates = 20;
  auto summary = materia::bootstrap(dataset, result, {}, settings);
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(summary.rank_low[i], static_cast<double>(i + 1));
    EXPECT_EQ(summary.rank_high[i], static_cast<double>(i + 1));
  }
}

TEST(LeaveOneOut, FindsTheFirmThatCarriesAnIssue) {
  // "q" is second only because firm Z puts it first; without Z it falls behind "r" (by hand,
  // normalized Borda with N = 3: q 7/12 and r 1/2 with all firms; 4/9 and 5/9 without Z).
  auto dataset = materia::load_dataset_json(R"({"taxonomy": "none", "companies": [
    {"id": "A", "issues": [{"name": "p"}, {"name": "r"}, {"name": "q"}]},
    {"id": "B", "issues": [{"name": "p"}, {"name": "q"}]},
    {"id": "C", "issues": [{"name": "p"}, {"name": "r"}]},
    {"id": "Z", "issues": [{"name": "q"}, {"name": "p"}]}]})",
                                            "loo.json");
  auto result = materia::analyze(dataset, {});
  auto summary = materia::leave_one_out(dataset, result, {}, materia::Execution{2});
  materia::attach_leave_one_out(result, summary);
  const auto* q = result.find("q");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->influential_firm, "Z");
  EXPECT_EQ(q->influential_shift, 1.0);  // falls from 2 to 3 without Z
  auto again =
      materia::leave_one_out(dataset, materia::analyze(dataset, {}), {}, materia::Execution{1});
  EXPECT_EQ(again.firm, summary.firm);
  EXPECT_EQ(again.rank_shift, summary.rank_shift);
}

TEST(Explain, ContributionsSumToTheScoreAndNamesAreMerged) {
  auto dataset = materia::load_sample("fintech-2024");
  materia::AnalyzeOptions options;
  auto result = materia::analyze(dataset, options);
  auto why = materia::explain(dataset, result, options, "Data security and privacy protection");
  EXPECT_EQ(why.id, "data-security-and-privacy-protection");
  EXPECT_NEAR(why.contributions_sum, why.score, 1e-12);
  EXPECT_EQ(why.attention, 23);
  int listed = 0;
  for (const auto& firm : why.firms)
    listed += firm.listed;
  EXPECT_EQ(listed, 23);
  int uses = 0;
  for (const auto& use : why.merged_names)
    uses += use.firms;
  EXPECT_EQ(uses, 23);  // every listing used exactly one of the merged names
  // tier 1 of 3: a boundary below and a positive margin, none above
  EXPECT_EQ(why.tier, 1);
  EXPECT_TRUE(std::isnan(why.boundary_above));
  EXPECT_GT(why.margin_below, 0.0);
  auto json = materia::to_json(why);
  EXPECT_EQ(json["firms"].size(), why.firms.size());
  EXPECT_THROW(materia::explain(dataset, result, options, "no such issue"), materia::Error);
}

TEST(Explain, MarginsPointToTheNeighbouringTiers) {
  auto dataset = materia::load_sample("fintech-2024");
  materia::AnalyzeOptions options;
  auto result = materia::analyze(dataset, options);
  for (const auto& issue : result.issues) {
    if (issue.tier != 2) continue;
    auto why = materia::explain(dataset, result, options, issue.id);
    EXPECT_GE(why.margin_below, 0.0) << issue.id;
    EXPECT_GE(why.margin_above, 0.0) << issue.id;
    EXPECT_LT(why.boundary_below, why.boundary_above);
  }
}

// Explanations carry how normalization resolved each merged name, under the analysis's own
// aliases and fuzzy options, and whether the contributions add up to the score.
TEST(Explain, NamesResolveAsTheAnalysisResolvedThem) {
  auto dataset = materia::load_dataset_csv(
      "firm,issue,rank\n"
      "A,数据安全与 隐私保护,1\nA,科技创新,2\n"
      "B,数据安全與隱私保護,1\nB,科技创新,2\n"
      "C,Data security and privacy protecton,2\nC,科技创新,1\n"
      "D,隐私,1\n",
      "names.csv", materia::LoadOptions{"fintech-2024"});
  materia::AnalyzeOptions options;
  options.aliases = materia::parse_aliases(
      "name,target\n隐私,data-security-and-privacy-protection\n", "aliases.csv", false);
  auto result = materia::analyze(dataset, options);
  auto why = materia::explain(dataset, result, options, "data-security-and-privacy-protection");
  std::map<std::string, materia::NameUse> by_name;
  for (const auto& use : why.merged_names)
    by_name[use.name] = use;
  ASSERT_EQ(by_name.size(), 4u);
  EXPECT_EQ(by_name["数据安全与 隐私保护"].match, "exact");
  EXPECT_EQ(by_name["数据安全與隱私保護"].match, "exact");  // folding, not an alias
  EXPECT_EQ(by_name["隐私"].match, "alias");
  EXPECT_EQ(by_name["Data security and privacy protecton"].match, "fuzzy");
  EXPECT_GT(by_name["Data security and privacy protecton"].score, 0.75);
  EXPECT_LT(by_name["Data security and privacy protecton"].score, 1.0);
  EXPECT_EQ(why.firms.size(), 4u);
  EXPECT_TRUE(why.contributions_add_up);  // borda-normalized is a weighted mean
  EXPECT_NEAR(why.contributions_sum, why.score, 1e-12);
  EXPECT_DOUBLE_EQ(why.stakeholder_threshold, result.stakeholder_threshold);
  EXPECT_DOUBLE_EQ(why.business_threshold, result.business_threshold);
  auto json = materia::to_json(why);
  EXPECT_EQ(json["merged_names"][0]["match"].get<std::string>(), why.merged_names[0].match);
  EXPECT_TRUE(json["contributions_add_up"].get<bool>());

  options.method = materia::Method::median_rank;  // not a sum over firms
  auto median = materia::analyze(dataset, options);
  EXPECT_FALSE(materia::explain(dataset, median, options, "科技创新").contributions_add_up);
}

TEST(Explain, ATopicShowsHowItsChildrenRollUp) {
  auto dataset = materia::load_sample("fintech-2024");
  for (auto rule : {materia::RollUp::max, materia::RollUp::mean}) {
    materia::AnalyzeOptions options;
    options.matrix.roll_up = rule;
    auto result = materia::analyze(dataset, options);
    auto why = materia::explain(dataset, result, options, "内控合规");
    ASSERT_TRUE(why.is_topic);
    EXPECT_EQ(why.roll_up, std::string(materia::roll_up_name(rule)));
    ASSERT_EQ(why.child_parts.size(), why.children.size());
    ASSERT_FALSE(why.child_parts.empty());
    double best = -1, sum = 0;
    for (const auto& child : why.child_parts) {
      EXPECT_DOUBLE_EQ(child.score, result.find(child.id)->score);
      best = std::max(best, child.score);
      sum += child.score;
    }
    EXPECT_DOUBLE_EQ(why.score, rule == materia::RollUp::max
                                    ? best
                                    : sum / static_cast<double>(why.child_parts.size()));
    EXPECT_FALSE(why.contributions_add_up);
  }
}

}  // namespace
