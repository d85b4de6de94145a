// Hand-computed attention and normalized Borda (docs/method.md section 2), with weights and both
// unlisted policies, through the whole pipeline.
#include <gtest/gtest.h>

#include "analyze/steps.hpp"
#include "materia/materia.hpp"

namespace {

// Universe N = 4 (A, B, C, D).
//  F1 w=1 bottom:       A(1) B(2)        -> A 1, B .75, C .375, D .375
//  F2 w=2 bottom:       B(1) C(2) A(3)   -> B 1, C .75, A .5, D .25
//  F3 w=1 not_assessed: D(1)             -> D 1, counts for D only
const char* kBordaDataset = R"({
  "taxonomy": "none",
  "companies": [
    {"id": "F1", "weight": 1, "issues": ["A", "B"]},
    {"id": "F2", "weight": 2, "issues": ["B", "C", "A"]},
    {"id": "F3", "weight": 1, "unlisted": "not_assessed", "issues": ["D"]}
  ]})";

TEST(BordaNormalized, HandComputed) {
  auto dataset = materia::load_dataset_json(kBordaDataset, "hand.json");
  materia::AnalyzeOptions options;
  options.tiers = materia::TierSpec::parse("counts:1,1,2");
  auto result = materia::analyze(dataset, options);
  ASSERT_EQ(result.issues.size(), 4u);
  EXPECT_EQ(result.universe, 4u);
  EXPECT_EQ(result.issues[0].id, "b");
  EXPECT_NEAR(result.issues[0].score, 2.75 / 3, 1e-15);
  EXPECT_EQ(result.issues[1].id, "a");
  EXPECT_NEAR(result.issues[1].score, 2.0 / 3, 1e-15);
  EXPECT_EQ(result.issues[2].id, "c");
  EXPECT_NEAR(result.issues[2].score, 1.875 / 3, 1e-15);
  EXPECT_EQ(result.issues[3].id, "d");
  EXPECT_NEAR(result.issues[3].score, 1.875 / 4, 1e-15);
  EXPECT_EQ(result.issues[0].tier, 1);
  EXPECT_EQ(result.issues[1].tier, 2);
  EXPECT_EQ(result.issues[3].tier, 3);
  // importance of A: F1 (2-1+.5)/2 = .75, F2 (3-3+.5)/3 = 1/6, weights 1 and 2
  EXPECT_NEAR(result.issues[1].importance, (0.75 + 2.0 / 6) / 3, 1e-15);
  EXPECT_EQ(result.issues[1].attention, 2);
  // the listing firms' share of the weight: (1 + 2) / (1 + 2 + 1)
  EXPECT_NEAR(result.issues[1].attention_share, 3.0 / 4, 1e-15);
}

TEST(BordaNormalized, ContributionsSumToTheScore) {
  auto dataset = materia::load_dataset_json(kBordaDataset, "hand.json");
  auto result = materia::analyze(dataset, {});
  // the table analyze builds, columns by letter (A, B, C, D), and every issue checked
  materia::detail::Columns columns;
  for (const auto& firm : dataset.firms) {
    auto& firm_columns = columns.firm_columns.emplace_back();
    for (const auto& e : firm.entries)
      firm_columns.push_back(static_cast<std::size_t>(e.name.str()[0] - 'A'));
  }
  auto rankings = materia::detail::rank_firms(dataset, columns, materia::CombineRule::sum, {});
  auto table = materia::build_rank_table(rankings, dataset, 4, 4, materia::Axis::overall);
  auto scores = materia::aggregate(table, {});
  for (std::size_t i = 0; i < 4; ++i) {
    double total = 0;
    for (const auto& part : materia::contributions(table, {}, i))
      total += part.contribution;
    EXPECT_NEAR(total, scores.score[i], 1e-15) << i;
  }
  // F3 is not assessed for A: it does not count
  auto parts = materia::contributions(table, {}, 0);
  EXPECT_FALSE(parts[2].counted);
  EXPECT_TRUE(parts[0].listed);
  EXPECT_DOUBLE_EQ(parts[1].value, 0.5);
}

TEST(Attention, WeightedCountAndUnweightedAttention) {
  auto dataset = materia::load_dataset_json(kBordaDataset, "hand.json");
  materia::AnalyzeOptions options;
  options.method = materia::Method::attention;
  options.tiers = materia::TierSpec::parse("thresholds:3");
  auto result = materia::analyze(dataset, options);
  // A: F1+F2 = 3, B: 3, D: F2? no: D is listed by F3 only (weight 1), C by F2 (weight 2)
  std::map<std::string, double> score;
  for (const auto& i : result.issues)
    score[i.id] = i.score;
  EXPECT_EQ(score["a"], 3);
  EXPECT_EQ(score["b"], 3);
  EXPECT_EQ(score["c"], 2);
  EXPECT_EQ(score["d"], 1);
  EXPECT_EQ(result.issues[0].id, "a");  // tie with b on score and attention: broken by id
  EXPECT_EQ(result.issues[0].tier, 1);
  EXPECT_EQ(result.issues[2].tier, 2);
}

TEST(BordaNormalized, UniverseLargerThanTheDataLowersUnlistedValues) {
  auto dataset = materia::load_dataset_json(kBordaDataset, "hand.json");
  materia::AnalyzeOptions options;
  options.universe = 10;
  auto result = materia::analyze(dataset, options);
  // B: F1 rank 2 -> 9/10, F2 rank 1 -> 1; (0.9 + 2) / 3
  EXPECT_NEAR(result.find("b")->score, 2.9 / 3, 1e-15);
  // D: F1 unlisted (10-2+1)/20 = .45, F2 unlisted (10-3+1)/20 = .4, F3 1 -> (.45+.8+1)/4
  EXPECT_NEAR(result.find("d")->score, 2.25 / 4, 1e-15);
  options.universe = 3;
  EXPECT_THROW(materia::analyze(dataset, options), materia::Error);
}

TEST(BordaNormalized, DoublingAFirmEqualsWeightTwo) {
  const char* doubled = R"({"companies": [
    {"id": "F1", "issues": ["A", "B"]},
    {"id": "F2a", "issues": ["B", "C", "A"]}, {"id": "F2b", "issues": ["B", "C", "A"]}]})";
  const char* weighted = R"({"companies": [
    {"id": "F1", "issues": ["A", "B"]}, {"id": "F2", "weight": 2, "issues": ["B", "C", "A"]}]})";
  auto a = materia::analyze(materia::load_dataset_json(doubled, "a"), {});
  auto b = materia::analyze(materia::load_dataset_json(weighted, "b"), {});
  ASSERT_EQ(a.issues.size(), b.issues.size());
  for (std::size_t i = 0; i < a.issues.size(); ++i) {
    EXPECT_EQ(a.issues[i].id, b.issues[i].id);
    EXPECT_NEAR(a.issues[i].score, b.issues[i].score, 1e-15);
  }
}

}  // namespace
