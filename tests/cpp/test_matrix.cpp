// Double materiality placement, thresholds, borderline band, composite top-K and topic roll-up.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <utility>

#include <nlohmann/json.hpp>

#include "materia/materia.hpp"
#include "materia/matrix/matrix.hpp"
#include "output/result_json.hpp"
#include "test_support.hpp"

namespace {

using materia::MatrixOptions;

MatrixOptions fixed(double s, double b) {
  MatrixOptions options;
  options.stakeholder_threshold = s;
  options.business_threshold = b;
  return options;
}

TEST(Matrix, QuadrantsAndMaterialityWithFixedThresholds) {
  std::vector<double> s{0.9, 0.9, 0.2, 0.2, 0.52};
  std::vector<double> b{0.9, 0.2, 0.9, 0.2, 0.1};
  auto options = fixed(0.5, 0.5);
  auto placement = materia::place_on_matrix(s, b, options);
  EXPECT_EQ(placement.quadrant, (std::vector<std::string>{"both", "stakeholder", "business",
                                                          "neither", "stakeholder"}));
  EXPECT_EQ(placement.material, (std::vector<bool>{true, true, true, false, true}));
  // 0.52 passes by 0.02 < band 0.05 on its only passing axis: review it
  EXPECT_EQ(placement.borderline, (std::vector<bool>{false, false, false, false, true}));
  options.material = materia::MaterialRule::both;
  placement = materia::place_on_matrix(s, b, options);
  EXPECT_EQ(placement.material, (std::vector<bool>{true, false, false, false, false}));
  EXPECT_EQ(placement.borderline, (std::vector<bool>{false, false, false, false, false}));
}

TEST(Matrix, BorderlineDependsOnTheRule) {
  // near the stakeholder threshold (0.48), far above on business: under "either" the business
  // axis alone keeps it material (not borderline); under "both" it is one nudge from material
  auto either = materia::place_on_matrix({0.48}, {0.9}, fixed(0.5, 0.5));
  EXPECT_TRUE(either.material[0]);
  EXPECT_FALSE(either.borderline[0]);
  auto options = fixed(0.5, 0.5);
  options.material = materia::MaterialRule::both;
  auto both = materia::place_on_matrix({0.48}, {0.9}, options);
  EXPECT_FALSE(both.material[0]);
  EXPECT_TRUE(both.borderline[0]);
  options.borderline_band = 0.0;
  EXPECT_FALSE(materia::place_on_matrix({0.48}, {0.9}, options).borderline[0]);
}

TEST(Matrix, TieredThresholdIsTheLowestValueOfTheTopClass) {
  materia::TierSpec fisher2 = materia::TierSpec::parse("fisher:2");
  EXPECT_DOUBLE_EQ(materia::axis_threshold({0.1, 0.2, 0.8, 0.9, 0.15}, std::nan(""), fisher2), 0.8);
  EXPECT_DOUBLE_EQ(materia::axis_threshold({0.1, 0.2}, 0.3, fisher2), 0.3);  // fixed wins
  auto placement =
      materia::place_on_matrix({0.1, 0.2, 0.8, 0.9}, {0.9, 0.85, 0.2, 0.1}, MatrixOptions{});
  EXPECT_DOUBLE_EQ(placement.stakeholder_threshold, 0.8);
  EXPECT_DOUBLE_EQ(placement.business_threshold, 0.85);
  EXPECT_EQ(placement.quadrant,
            (std::vector<std::string>{"business", "business", "stakeholder", "stakeholder"}));
}

TEST(Matrix, NaNPointsAreNeitherPlacedNorMaterial) {
  auto placement = materia::place_on_matrix({std::nan("")}, {0.9}, fixed(0.5, 0.5));
  EXPECT_EQ(placement.quadrant[0], "");
  EXPECT_FALSE(placement.material[0]);
  EXPECT_THROW(materia::place_on_matrix({0.1}, {}, fixed(0.5, 0.5)), materia::Error);
}

TEST(Composite, TopKByAttentionWithTiesBrokenByScoreOrder) {
  std::vector<double> share{0.5, 1.0, 0.5, 0.25};
  std::vector<double> importance{0.8, 0.5, 0.6, 1.0};
  std::vector<int> attention{2, 4, 2, 1};
  std::vector<std::size_t> score_order{2, 1, 0, 3};  // issue 2 scores better than issue 0
  int cut = -1;
  auto all = materia::composite_importance(share, importance, attention, score_order, 0, &cut);
  EXPECT_EQ(cut, 0);
  EXPECT_DOUBLE_EQ(all[0], 0.4);
  EXPECT_DOUBLE_EQ(all[1], 0.5);
  EXPECT_DOUBLE_EQ(all[3], 0.25);
  auto top2 = materia::composite_importance(share, importance, attention, score_order, 2, &cut);
  EXPECT_EQ(cut, 2);
  EXPECT_DOUBLE_EQ(top2[1], 0.5);
  EXPECT_DOUBLE_EQ(top2[2], 0.3);
  EXPECT_TRUE(std::isnan(top2[0]));  // tied at attention 2 but scores worse than issue 2
  EXPECT_TRUE(std::isnan(top2[3]));
}

// Two firms over three issues with coordinates on a declared 1-5 scale.
materia::Dataset tiny() {
  return materia::load_dataset_json(
      R"({"taxonomy": "none", "scale": {"min": 1, "max": 5}, "companies": [
    {"id": "A", "issues": [{"name": "x", "stakeholder": 5, "business": 1},
                           {"name": "y", "stakeholder": 3, "business": 5}]},
    {"id": "B", "issues": [{"name": "y", "stakeholder": 4, "business": 4},
                           {"name": "z", "stakeholder": 1, "business": 2}]}]})",
      "tiny.json");
}

TEST(Matrix, AxesByPositionsAreMeansOverListingFirms) {
  materia::AnalyzeOptions options;
  options.matrix.axes = materia::AxisAggregation::positions;
  auto result = materia::analyze(tiny(), options);
  const auto* y = result.find("y");
  ASSERT_NE(y, nullptr);
  EXPECT_DOUBLE_EQ(y->stakeholder, (0.5 + 0.75) / 2);  // (3-1)/4 and (4-1)/4
  EXPECT_DOUBLE_EQ(y->business, (1.0 + 0.75) / 2);
  EXPECT_DOUBLE_EQ(result.find("x")->stakeholder, 1.0);
}

TEST(Matrix, AxesByMethodRunTheMethodOnPerAxisRanks) {
  // stakeholder ranks: A: x 1, y 2 (z unlisted); B: y 1, z 2 (x unlisted). N = 3.
  // normalized Borda: listed (N - r + 1)/N; unlisted (N - k + 1)/(2N) = 1/3.
  materia::AnalyzeOptions options;
  options.matrix.axes = materia::AxisAggregation::method;
  auto result = materia::analyze(tiny(), options);
  EXPECT_EQ(result.axis_aggregation, "method");
  EXPECT_NEAR(result.find("x")->stakeholder, (1.0 + 1.0 / 3) / 2, 1e-12);
  EXPECT_NEAR(result.find("y")->stakeholder, (2.0 / 3 + 1.0) / 2, 1e-12);
  EXPECT_NEAR(result.find("z")->stakeholder, (1.0 / 3 + 2.0 / 3) / 2, 1e-12);
  // business ranks: A: y 1, x 2; B: y 1, z 2
  EXPECT_NEAR(result.find("y")->business, 1.0, 1e-12);
  EXPECT_NEAR(result.find("x")->business, (2.0 / 3 + 1.0 / 3) / 2, 1e-12);
}

materia::Dataset with_topics() {
  return materia::load_dataset_json(R"({"taxonomy": {"name": "t", "version": "1",
    "topics": [{"id": "T", "name_en": "topic"}],
    "issues": [{"id": "a", "name_en": "a", "parent": "T"}, {"id": "b", "name_en": "b", "parent": "T"},
               {"id": "c", "name_en": "c"}]},
    "companies": [
      {"id": "F1", "issues": [{"name": "a"}, {"name": "c"}, {"name": "b"}]},
      {"id": "F2", "issues": [{"name": "c"}, {"name": "a"}]},
      {"id": "F3", "issues": [{"name": "a"}]}]})",
                                    "topics.json");
}

TEST(RollUp, MaxMeanAndAttentionWeight) {
  materia::AnalyzeOptions options;
  options.matrix.roll_up = materia::RollUp::max;
  options.matrix.axes = materia::AxisAggregation::positions;  // the firms give only an order
  auto max = materia::analyze(with_topics(), options);
  ASSERT_EQ(max.topics.size(), 1u);
  const auto& t = max.topics[0];
  const auto* a = max.find("a");
  const auto* b = max.find("b");
  EXPECT_EQ(t.children, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(t.attention, 3);
  EXPECT_DOUBLE_EQ(t.score, std::max(a->score, b->score));
  EXPECT_DOUBLE_EQ(t.stakeholder, std::max(a->stakeholder, b->stakeholder));
  EXPECT_EQ(t.tier, std::min(a->tier, b->tier));

  options.matrix.roll_up = materia::RollUp::mean;
  auto mean = materia::analyze(with_topics(), options);
  EXPECT_DOUBLE_EQ(mean.topics[0].score, (a->score + b->score) / 2);
  EXPECT_DOUBLE_EQ(mean.topics[0].business, (a->business + b->business) / 2);

  options.matrix.roll_up = materia::RollUp::weight;  // a listed by 3 firms, b by 1
  auto weight = materia::analyze(with_topics(), options);
  EXPECT_DOUBLE_EQ(weight.topics[0].score, (3 * a->score + 1 * b->score) / 4);
  // never below the weakest child nor above the strongest: no netting
  EXPECT_GE(weight.topics[0].score, std::min(a->score, b->score));
  EXPECT_LE(weight.topics[0].score, std::max(a->score, b->score));
  EXPECT_EQ(weight.roll_up, "weight");
}

TEST(RollUp, FirmsScoreEachFirmsBestChildAsTheTopic) {
  // N = 3. F1: a, c, b; F2: b, c; F3: c, a. Collapsed (T = a or b at its best place):
  // F1: T, c; F2: T, c; F3: c, T. borda-normalized: T = (1 + 1 + 2/3) / 3 = 8/9, where the
  // children score a = (1 + 1/3 + 2/3) / 3 = 2/3 and b = (1/3 + 1 + 1/3) / 3 = 5/9 apart.
  const auto dataset = materia::load_dataset_json(R"({"taxonomy": {"name": "t", "version": "1",
    "topics": [{"id": "T", "name_en": "topic"}],
    "issues": [{"id": "a", "name_en": "a", "parent": "T"}, {"id": "b", "name_en": "b", "parent": "T"},
               {"id": "c", "name_en": "c"}]},
    "companies": [
      {"id": "F1", "issues": [{"name": "a"}, {"name": "c"}, {"name": "b"}]},
      {"id": "F2", "issues": [{"name": "b"}, {"name": "c"}]},
      {"id": "F3", "issues": [{"name": "c"}, {"name": "a"}]}]})",
                                                  "firms.json");
  materia::AnalyzeOptions options;
  options.matrix.axes = materia::AxisAggregation::positions;
  options.matrix.roll_up = materia::RollUp::max;
  const auto max = materia::analyze(dataset, options);
  EXPECT_NEAR(max.find("a")->score, 2.0 / 3, 1e-12);
  EXPECT_NEAR(max.find("b")->score, 5.0 / 9, 1e-12);
  EXPECT_NEAR(max.find("c")->score, 7.0 / 9, 1e-12);
  EXPECT_NEAR(max.topics[0].score, 2.0 / 3, 1e-12);
  options.matrix.roll_up = materia::RollUp::firms;
  const auto firms = materia::analyze(dataset, options);
  EXPECT_EQ(firms.roll_up, "firms");
  const auto& topic = firms.topics[0];
  EXPECT_NEAR(topic.score, 8.0 / 9, 1e-12);
  EXPECT_EQ(topic.rank, 1);  // above every issue, c's 7/9 included
  EXPECT_EQ(topic.tier, 1);
  EXPECT_EQ(topic.attention, 3);
  // the issues themselves are untouched; the axes are the best child's
  for (const char* id : {"a", "b", "c"})
    EXPECT_EQ(firms.find(id)->score, max.find(id)->score) << id;
  EXPECT_EQ(topic.stakeholder, max.topics[0].stakeholder);
  EXPECT_EQ(topic.business, max.topics[0].business);
}

TEST(RollUp, FirmsWithOneChildScoreTheTopicAsThatChildUnderEveryMethod) {
  // collapsing one child changes no list nor the columns' order: the topic's score is the child's
  const auto dataset = materia::load_dataset_json(R"({"taxonomy": {"name": "t", "version": "1",
    "topics": [{"id": "T", "name_en": "topic"}],
    "issues": [{"id": "a", "name_en": "a", "parent": "T"}, {"id": "b", "name_en": "b"},
               {"id": "c", "name_en": "c"}, {"id": "d", "name_en": "d"}]},
    "companies": [
      {"id": "F1", "issues": [{"name": "a"}, {"name": "c"}, {"name": "b"}]},
      {"id": "F2", "weight": 2, "issues": [{"name": "b"}, {"name": "a"}]},
      {"id": "F3", "unlisted": "not_assessed", "issues": [{"name": "c"}, {"name": "d"}, {"name": "a"}]},
      {"id": "F4", "issues": [{"name": "d"}, {"name": "a"}, {"name": "b"}, {"name": "c"}]}]})",
                                                  "one-child.json");
  for (const auto& method : materia::method_names()) {
    materia::AnalyzeOptions options;
    options.method = materia::parse_method(method);
    options.tiers = materia::TierSpec::parse("quantile:2");
    options.matrix.roll_up = materia::RollUp::firms;
    const auto result = materia::analyze(dataset, options);
    ASSERT_EQ(result.topics.size(), 1u) << method;
    EXPECT_EQ(result.topics[0].score, result.find("a")->score) << method;
  }
}

TEST(RollUp, RraTopicsTakeTheStrongestChildsStrength) {
  // rra's issue scores are strengths (larger is better): max must not pick the weakest child
  materia::AnalyzeOptions options;
  options.method = materia::Method::rra;
  options.matrix.roll_up = materia::RollUp::max;
  const auto result = materia::analyze(materia::load_sample("fintech-2024"), options);
  ASSERT_TRUE(result.higher_is_better);
  ASSERT_FALSE(result.topics.empty());
  for (const auto& topic : result.topics) {
    double strongest = -std::numeric_limits<double>::infinity();
    int best_rank = std::numeric_limits<int>::max();
    for (const auto& child : topic.children) {
      strongest = std::max(strongest, result.find(child)->score);
      best_rank = std::min(best_rank, result.find(child)->rank);
    }
    EXPECT_EQ(topic.score, strongest) << topic.id;
    EXPECT_EQ(topic.rank, best_rank) << topic.id;
    EXPECT_GT(topic.score, 20.0) << topic.id;  // 27.6 and 25.0 on the sample
  }
}

TEST(Sample, DefaultThresholdsSplitTheMatrix) {
  auto result = materia::analyze(materia::load_sample("fintech-2024"), {});
  int both = 0, material = 0;
  for (const auto& issue : result.issues) {
    both += issue.quadrant == "both";
    material += issue.material;
    EXPECT_EQ(issue.material, issue.quadrant != "neither") << issue.id;
  }
  // not "nearly everything in both" (the old fixed 0.5): the natural break keeps a minority
  EXPECT_GT(both, 5);
  EXPECT_LT(both, 45);
  EXPECT_LT(material, 50);
  EXPECT_EQ(result.threshold_rule, "fisher:2");
  // the report's five are all material, on both axes
  for (const char* id : {"data-security-and-privacy-protection"})
    EXPECT_EQ(result.find(id)->quadrant, "both");
  for (const auto& topic : result.topics)
    EXPECT_EQ(topic.quadrant, "both") << topic.id;
}

TEST(Sample, CompositeTop29AsInTheReport) {
  materia::AnalyzeOptions options;
  options.matrix.composite_top = 29;
  auto result = materia::analyze(materia::load_sample("fintech-2024"), options);
  int in = 0;
  for (const auto& issue : result.issues) {
    if (std::isnan(issue.composite)) {
      EXPECT_LE(issue.attention, result.composite_cut_attention) << issue.id;
      continue;
    }
    ++in;
    EXPECT_GE(issue.attention, result.composite_cut_attention) << issue.id;
    EXPECT_DOUBLE_EQ(issue.composite, issue.attention_share * issue.importance);
  }
  EXPECT_EQ(in, 29);
}

TEST(Composite, ThresholdsAreFixedOrTheTopClassOfTheIssuesInTheComposite) {
  // issue 3 is outside the composite (NaN): it must not move the thresholds
  const std::vector<double> share = {1.0, 0.9, 0.2, 0.95, 0.3};
  const std::vector<double> importance = {0.8, 0.7, 0.1, 0.99, 0.75};
  const std::vector<double> composite = {0.8, 0.63, 0.02, std::nan(""), 0.225};
  MatrixOptions options;  // fisher:2: {1, .9, .2, .3} splits {.2, .3} | {.9, 1}
  auto t = materia::composite_thresholds(share, importance, composite, options);
  EXPECT_DOUBLE_EQ(t.attention_share, 0.9);
  EXPECT_DOUBLE_EQ(t.importance, 0.7);  // {.1} | {.7, .75, .8}
  options.composite_attention_threshold = 0.5;
  options.composite_importance_threshold = 0.25;
  t = materia::composite_thresholds(share, importance, composite, options);
  EXPECT_DOUBLE_EQ(t.attention_share, 0.5);
  EXPECT_DOUBLE_EQ(t.importance, 0.25);
  auto none = materia::composite_thresholds({0.5}, {0.5}, {std::nan("")}, MatrixOptions{});
  EXPECT_TRUE(std::isnan(none.attention_share));
  EXPECT_TRUE(std::isnan(none.importance));
  EXPECT_THROW(materia::composite_thresholds({0.5}, {}, {0.1}, options), materia::Error);
}

// The lowest value above the lower Fisher break into two classes, computed from natural_breaks
// (classInt's convention: the top class is (b1, b2]).
double top_class_floor(const std::vector<double>& values) {
  auto breaks = materia::natural_breaks(values, 2, materia::BreakMethod::fisher).breaks;
  double floor = std::numeric_limits<double>::infinity();
  for (double v : values)
    if (v > breaks[1]) floor = std::min(floor, v);
  return floor;
}

TEST(Sample, CompositeThresholdsAreTheNaturalBreaksOfTheTop29) {
  materia::AnalyzeOptions options;
  options.matrix.composite_top = 29;
  auto result = materia::analyze(materia::load_sample("fintech-2024"), options);
  std::vector<double> share, importance;
  for (const auto& issue : result.issues)
    if (!std::isnan(issue.composite)) {
      share.push_back(issue.attention_share);
      importance.push_back(issue.importance);
    }
  ASSERT_EQ(share.size(), 29u);
  EXPECT_DOUBLE_EQ(result.composite_attention_threshold, top_class_floor(share));
  EXPECT_DOUBLE_EQ(result.composite_importance_threshold, top_class_floor(importance));
  // a meaningful split: neither everything nor nothing above either threshold
  int above_both = 0;
  for (std::size_t i = 0; i < share.size(); ++i)
    above_both += share[i] >= result.composite_attention_threshold &&
                  importance[i] >= result.composite_importance_threshold;
  EXPECT_GT(above_both, 0);
  EXPECT_LT(above_both, 29);
  auto json = materia::to_json(result);
  EXPECT_DOUBLE_EQ(json["matrix"]["composite_thresholds"]["attention_share"].get<double>(),
                   result.composite_attention_threshold);
  auto fixed_options = materia::analyze_options_from_json(
      R"({"composite_top": 29, "composite_attention_threshold": 0.5,
          "composite_importance_threshold": 0.6})");
  auto fixed_result = materia::analyze(materia::load_sample("fintech-2024"), fixed_options);
  EXPECT_DOUBLE_EQ(fixed_result.composite_attention_threshold, 0.5);
  EXPECT_DOUBLE_EQ(fixed_result.composite_importance_threshold, 0.6);
  EXPECT_THROW(materia::analyze_options_from_json(R"({"composite_importance_threshold": 1.5})"),
               materia::Error);
}

// Every aggregation method works on each axis: the stakeholder axis of an analysis equals the
// method's scores (put on [0,1], 1 = best) of the same firms ranking by their stakeholder values
// alone, through a second, rank-only dataset.
TEST(Matrix, EveryMethodAggregatesEachAxisAsItAggregatesARanking) {
  const std::string companies = R"([
    {"id": "A", "issues": [{"name": "p", "stakeholder": 5, "business": 2},
                           {"name": "q", "stakeholder": 4, "business": 5},
                           {"name": "r", "stakeholder": 2, "business": 4},
                           {"name": "s", "stakeholder": 1, "business": 1}]},
    {"id": "B", "issues": [{"name": "q", "stakeholder": 5, "business": 3},
                           {"name": "p", "stakeholder": 3, "business": 4},
                           {"name": "t", "stakeholder": 2, "business": 5}]},
    {"id": "C", "issues": [{"name": "r", "stakeholder": 4, "business": 1},
                           {"name": "t", "stakeholder": 3, "business": 2},
                           {"name": "p", "stakeholder": 1, "business": 5},
                           {"name": "u", "stakeholder": 5, "business": 3}]},
    {"id": "D", "issues": [{"name": "p", "stakeholder": 4, "business": 4},
                           {"name": "s", "stakeholder": 5, "business": 2}]}])";
  auto rated = materia::load_dataset_json(
      R"({"taxonomy": "none", "scale": {"min": 1, "max": 5}, "companies": )" + companies + "}",
      "rated.json");
  // The same firms, each listing by rank on one axis (rank 1 = the largest value).
  auto ranked_by = [&](const char* axis) {
    nlohmann::json in = nlohmann::json::parse(companies), out = nlohmann::json::array();
    for (auto& firm : in) {
      nlohmann::json issues = nlohmann::json::array();
      for (auto& issue : firm["issues"]) {
        int rank = 1;
        for (auto& other : firm["issues"])
          rank += other[axis].get<double>() > issue[axis].get<double>();
        issues.push_back({{"name", issue["name"]}, {"rank", rank}});
      }
      out.push_back({{"id", firm["id"]}, {"issues", issues}});
    }
    return materia::load_dataset_json(R"({"taxonomy": "none", "companies": )" + out.dump() + "}",
                                      "ranked.json");
  };
  auto by_stakeholder = ranked_by("stakeholder"), by_business = ranked_by("business");
  for (const auto& name : materia::method_names()) {
    materia::AnalyzeOptions options;
    options.method = materia::parse_method(name);
    options.matrix.axes = materia::AxisAggregation::method;
    auto result = materia::analyze(rated, options);
    for (auto [axis, dataset] :
         {std::pair{"stakeholder", &by_stakeholder}, std::pair{"business", &by_business}}) {
      auto reference = materia::analyze(*dataset, options);
      double lo = 1e300, hi = -1e300;
      for (const auto& issue : reference.issues)
        lo = std::min(lo, issue.score), hi = std::max(hi, issue.score);
      // plackett-luce's worths are shares of 1, rescaled like scores off [0, 1]
      const bool unit = reference.higher_is_better && lo >= 0 && hi <= 1 && name != "plackett-luce";
      for (const auto& issue : reference.issues) {
        double expected = unit ? issue.score : (issue.score - lo) / (hi - lo);
        if (!reference.higher_is_better) expected = 1 - expected;
        const auto* mine = result.find(issue.id);
        ASSERT_NE(mine, nullptr);
        double got = std::string(axis) == "stakeholder" ? mine->stakeholder : mine->business;
        EXPECT_NEAR(got, expected, 1e-12) << name << " " << axis << " " << issue.id;
        EXPECT_GE(got, 0.0);
        EXPECT_LE(got, 1.0);
      }
    }
  }
}

}  // namespace

namespace axes_reuse {

// Two firms over three issues; `business_differs` gives firm A another order on the business axis,
// `stakeholder_differs` on the stakeholder axis.
materia::FirmRankings rankings(bool business_differs, bool stakeholder_differs = false) {
  std::vector<materia_test::RankingLists> out(2);
  out[0].issue = {0, 1, 2};
  out[0].rank = {1, 2, 3};
  out[1].issue = {1, 2};
  out[1].rank = {1, 2};
  for (materia_test::RankingLists& firm : out) {
    firm.stakeholder_rank = firm.business_rank = firm.rank;
    for (double r : firm.rank) {
      const double k = static_cast<double>(firm.issue.size());
      firm.stakeholder.push_back((k - r + 0.5) / k);
    }
    firm.business = firm.stakeholder;
  }
  if (business_differs) {
    out[0].business_rank = {3, 1, 2};
    out[0].business = {0.5 / 3, 2.5 / 3, 1.5 / 3};
  }
  if (stakeholder_differs) {
    out[0].stakeholder_rank = {2, 3, 1};
    out[0].stakeholder = {1.5 / 3, 0.5 / 3, 2.5 / 3};
  }
  return materia_test::rankings_of(out);
}

materia::Dataset two_firms() {
  materia::Dataset dataset;
  dataset.firms.resize(2);
  dataset.firms[0].id = "A";
  dataset.firms[1].id = "B";
  return dataset;
}

TEST(Matrix, SameRankingsComparesEveryPartOfTheTable) {
  const auto dataset = two_firms();
  const auto firms = rankings(true);
  auto overall = materia::build_rank_table(firms, dataset, 3, 3, materia::Axis::overall);
  auto stake = materia::build_rank_table(firms, dataset, 3, 3, materia::Axis::stakeholder);
  auto business = materia::build_rank_table(firms, dataset, 3, 3, materia::Axis::business);
  EXPECT_TRUE(materia::same_rankings(overall, stake));
  EXPECT_FALSE(materia::same_rankings(overall, business));
  auto other = stake;
  other.weight[1] = 2;
  EXPECT_FALSE(materia::same_rankings(stake, other));
  other = stake;
  other.universe = 4;
  EXPECT_FALSE(materia::same_rankings(stake, other));
  other = stake;
  other.length[0] = 4;
  EXPECT_FALSE(materia::same_rankings(stake, other));
  other = stake;
  other.policy[1] = materia::UnlistedPolicy::not_assessed;
  EXPECT_FALSE(materia::same_rankings(stake, other));
}

// An axis whose table equals the composite's takes the composite's aggregation (here a marked
// stand-in, to see that it is used); an axis with other rankings is aggregated anew.
TEST(Matrix, AnAxisWithTheCompositesRankingsReusesItsAggregation) {
  const auto dataset = two_firms();
  materia::AggregateOptions method;
  method.method = materia::Method::borda_normalized;
  for (bool business_differs : {false, true}) {
    SCOPED_TRACE(business_differs ? "business differs" : "axes equal the composite");
    const auto firms = rankings(business_differs);
    auto table = materia::build_rank_table(firms, dataset, 3, 3, materia::Axis::overall);
    const auto plain =
        materia::aggregate_axes(firms, dataset, 3, 3, method, materia::AxisAggregation::method);
    materia::Aggregation real = materia::aggregate(table, method);
    const auto reused = materia::aggregate_axes(firms, dataset, 3, 3, method,
                                                materia::AxisAggregation::method, {&table, &real});
    EXPECT_EQ(reused.stakeholder, plain.stakeholder);
    EXPECT_EQ(reused.business, plain.business);
    materia::Aggregation marked = real;
    marked.score = {0.25, 0.5, 1.0};
    const auto from_marked = materia::aggregate_axes(
        firms, dataset, 3, 3, method, materia::AxisAggregation::method, {&table, &marked});
    EXPECT_EQ(from_marked.stakeholder, (std::vector<double>{0.25, 0.5, 1.0}));
    if (business_differs)
      EXPECT_EQ(from_marked.business, plain.business);
    else
      EXPECT_EQ(from_marked.business, (std::vector<double>{0.25, 0.5, 1.0}));
    // Told that the table is the overall table of these rankings, it reuses without comparing
    // tables, with the same outcome.
    const auto trusted =
        materia::aggregate_axes(firms, dataset, 3, 3, method, materia::AxisAggregation::method,
                                {&table, &marked, /*of_these_rankings=*/true});
    EXPECT_EQ(trusted.stakeholder, from_marked.stakeholder);
    EXPECT_EQ(trusted.business, from_marked.business);
  }
}

// When the stakeholder ranks differ from the overall ranks, that axis is aggregated anew even when
// the known table is the overall table of these rankings; a business axis equal to the overall
// ranks still reuses the known aggregation.
TEST(Matrix, AnAxisWithOtherRanksIsAggregatedAnew) {
  const auto dataset = two_firms();
  materia::AggregateOptions method;
  method.method = materia::Method::borda_normalized;
  const auto firms = rankings(/*business_differs=*/false, /*stakeholder_differs=*/true);
  auto table = materia::build_rank_table(firms, dataset, 3, 3, materia::Axis::overall);
  const auto plain =
      materia::aggregate_axes(firms, dataset, 3, 3, method, materia::AxisAggregation::method);
  materia::Aggregation marked = materia::aggregate(table, method);
  marked.score = {0.25, 0.5, 1.0};
  for (bool of_these : {false, true}) {
    const auto axes =
        materia::aggregate_axes(firms, dataset, 3, 3, method, materia::AxisAggregation::method,
                                {&table, &marked, of_these});
    EXPECT_EQ(axes.stakeholder, plain.stakeholder);
    EXPECT_NE(axes.stakeholder, (std::vector<double>{0.25, 0.5, 1.0}));
    EXPECT_EQ(axes.business, (std::vector<double>{0.25, 0.5, 1.0}));
  }
}

}  // namespace axes_reuse
