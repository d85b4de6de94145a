// The built-in sample reproduces the report: attention tiers 91/91 and the double materiality
// top five after roll-up (docs/method.md, steps 4 and 6).
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "materia/materia.hpp"

namespace {

TEST(Sample, IsLabelledSyntheticAndHas23Firms) {
  auto dataset = materia::load_sample("fintech-2024");
  EXPECT_TRUE(dataset.synthetic);
  EXPECT_EQ(dataset.firms.size(), 23u);
  for (const auto& firm : dataset.firms) {
    EXPECT_GE(firm.entries.size(), 10u) << firm.id;
    EXPECT_LE(firm.entries.size(), 40u) << firm.id;
  }
}

TEST(Sample, AttentionTiersReproduceTheReport) {
  auto dataset = materia::load_sample("fintech-2024");
  materia::AnalyzeOptions options;
  options.method = materia::Method::attention;
  options.tiers = materia::TierSpec::parse("counts:26,23,42");
  auto result = materia::analyze(dataset, options);
  ASSERT_EQ(result.issues.size(), 91u);
  int agree = 0;
  for (const auto& issue : result.issues) {
    auto index = dataset.taxonomy.find(issue.id);
    ASSERT_TRUE(index);
    int expected = dataset.taxonomy.issues[*index].reference_tier;
    EXPECT_EQ(issue.tier, expected) << issue.id << " attention " << issue.attention;
    agree += issue.tier == expected;
    EXPECT_EQ(issue.score, issue.attention);  // unit weights: the score is the count
  }
  EXPECT_EQ(agree, 91);
}

TEST(Sample, DoubleMaterialityTopFiveAfterRollUpIsTheReportsFive) {
  auto result = materia::analyze(materia::load_sample("fintech-2024"), {});
  auto ranking = materia::double_materiality_ranking(result);
  ASSERT_GE(ranking.size(), 5u);
  std::set<std::string> top;
  for (int i = 0; i < 5; ++i)
    top.insert(ranking[i]->name);
  std::set<std::string> report = {"数据安全与隐私保护", "科技创新", "消费者权益保护",
                                  "发展普惠金融", "内控合规"};
  EXPECT_EQ(top, report);
}

TEST(Sample, NameVariantsAreMergedAndReported) {
  auto result = materia::analyze(materia::load_sample("fintech-2024"), {});
  const auto* privacy = result.find("data-security-and-privacy-protection");
  ASSERT_NE(privacy, nullptr);
  auto has = [&](const std::string& name) {
    return std::find(privacy->merged_names.begin(), privacy->merged_names.end(), name) !=
           privacy->merged_names.end();
  };
  EXPECT_TRUE(has("数据安全与隐私保护"));
  EXPECT_TRUE(has("数据安全与 隐私保护"));  // as the report's table prints it
  EXPECT_TRUE(has("Data security and privacy protection"));
  EXPECT_TRUE(has("數據安全與隱私保護"));  // Hong Kong report, traditional characters
  EXPECT_TRUE(result.warnings.empty());    // every sample name resolves exactly or by alias
}

}  // namespace
