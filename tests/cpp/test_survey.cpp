// Stakeholder surveys: hand-computed weighted mean, weighted median and top-box share, the
// dataset it feeds, properties, and every validation error with its message.
#include <gtest/gtest.h>

#include "materia/analyze/analyze.hpp"
#include "materia/error.hpp"
#include "materia/io/io.hpp"
#include "materia/workflows/survey.hpp"
#include "test_support.hpp"
#include "workflows/survey_json.hpp"

namespace {

materia::SurveyResult small() {
  return materia::summarize_survey(
      materia::load_survey_file(materia_test::test_data_path("survey-small.json")));
}

TEST(Survey, HandComputedSummaries) {
  auto result = small();
  ASSERT_EQ(result.issues.size(), 3u);
  const auto& data = result.issues[0];
  EXPECT_EQ(data.issue, "数据安全与隐私保护");  // "数据安全与 隐私保护" merged by match key
  EXPECT_EQ(data.respondents, 6u);
  // customers (5, 4, 5), regulators (5, 3), employees (4); weights .5 / .3 / .2
  EXPECT_NEAR(data.weighted_mean, 0.5 * 14.0 / 3.0 + 0.3 * 4.0 + 0.2 * 4.0, 1e-12);
  EXPECT_NEAR(data.top_box_share, 0.5 * 1.0 + 0.3 * 0.5 + 0.2 * 1.0, 1e-12);
  EXPECT_EQ(data.weighted_median, 4.0);  // cumulative .15 at 3, .5167 at 4
  ASSERT_EQ(data.groups.size(), 3u);
  EXPECT_EQ(data.groups[0].median, 5.0);
  EXPECT_EQ(data.groups[1].median, 4.0);  // (3 + 5)/2
  EXPECT_EQ(data.company, 4.5);
  const auto& charity = result.issues[2];
  EXPECT_EQ(charity.issue, "社会公益");
  EXPECT_EQ(charity.respondents, 4u);  // a null rating is not a rating
  EXPECT_NEAR(charity.weighted_mean, 0.5 * 2 + 0.3 * 3.5 + 0.2 * 5, 1e-12);
  EXPECT_EQ(charity.weighted_median, 2.5);  // exactly half the weight at 2: midpoint with 3
  EXPECT_EQ(charity.rank, 3);
}

// Property: with equal group weights and one respondent per group, the weighted summaries are the
// plain mean, median and top-box share.
TEST(Survey, EqualWeightsGiveThePlainStatistics) {
  std::string text =
      R"({"groups":[{"id":"customers","weight":0.25},{"id":"employees","weight":0.25},
                        {"id":"media","weight":0.25},{"id":"ngos","weight":0.25}],"responses":[
      {"group":"customers","ratings":{"x":1}},{"group":"employees","ratings":{"x":2}},
      {"group":"media","ratings":{"x":4}},{"group":"ngos","ratings":{"x":5}}]})";
  auto r = materia::summarize_survey(materia::load_survey_json(text, "s.json"));
  EXPECT_DOUBLE_EQ(r.issues[0].weighted_mean, 3.0);
  EXPECT_DOUBLE_EQ(r.issues[0].weighted_median, 3.0);  // (2 + 4)/2
  EXPECT_DOUBLE_EQ(r.issues[0].top_box_share, 0.5);
  EXPECT_EQ(r.groups[2].name, "media");  // the report's group names
}

TEST(Survey, GroupWeightsNotHeadcountsDecide) {
  // 9 employees rate 1, one customer rates 5; customers weigh 0.9.
  std::string responses;
  for (int i = 0; i < 9; ++i)
    responses += R"({"group":"employees","ratings":{"x":1}},)";
  std::string text =
      R"({"groups":[{"id":"customers","weight":0.9},{"id":"employees","weight":0.1}],"responses":[)" +
      responses + R"({"group":"customers","ratings":{"x":5}}]})";
  auto r = materia::summarize_survey(materia::load_survey_json(text, "s.json"));
  EXPECT_NEAR(r.issues[0].weighted_mean, 0.9 * 5 + 0.1 * 1, 1e-12);
  EXPECT_EQ(r.issues[0].weighted_median, 5.0);
  EXPECT_NEAR(r.issues[0].top_box_share, 0.9, 1e-12);
}

TEST(Survey, FeedsTheFirmsOwnMatrix) {
  auto dataset_json = materia::survey_dataset_json(small());
  auto dataset = materia::load_dataset_json(dataset_json.dump(), "survey");
  ASSERT_EQ(dataset.firms.size(), 1u);
  ASSERT_EQ(dataset.firms[0].entries.size(), 3u);
  EXPECT_NEAR(*dataset.firms[0].entries[0].stakeholder, 0.5 * 14.0 / 3.0 + 2.0, 1e-12);
  EXPECT_EQ(*dataset.firms[0].entries[0].business, 4.5);
  // The firm's own matrix: its positions on [0, 1] by the declared scale 1-5 (axes "positions";
  // the default "method" axes rank issues against each other across firms).
  materia::AnalyzeOptions options;
  options.matrix.axes = materia::AxisAggregation::positions;
  auto result = materia::analyze(dataset, options);
  EXPECT_EQ(result.issues.size(), 3u);
  double stakeholder = -1.0;
  for (const auto& issue : result.issues)
    if (issue.name == "数据安全与隐私保护") stakeholder = issue.stakeholder;
  EXPECT_NEAR(stakeholder, (13.0 / 3.0 - 1.0) / 4.0, 1e-9);
}

std::string survey_error(const std::string& text) {
  try {
    materia::summarize_survey(materia::load_survey_json(text, "s.json"));
  } catch (const materia::Error& e) {
    EXPECT_EQ(e.kind(), materia::ErrorKind::input);
    return e.what();
  }
  return "no error";
}

std::string with(const std::string& groups, const std::string& responses,
                 const std::string& extra = "") {
  return R"({"firm":{"id":"F"},"groups":)" + groups + R"(,"responses":)" + responses + extra + "}";
}

const char* two_groups = R"([{"id":"customers","weight":0.6},{"id":"employees","weight":0.4}])";

TEST(SurveyErrors, Messages) {
  const std::string ok = R"([{"group":"customers","respondent":"c1","ratings":{"x":4}}])";
  EXPECT_EQ(survey_error(with(two_groups, ok)), "no error");
  EXPECT_EQ(survey_error("[]"), "s.json: a survey must be a JSON object, not a array");
  EXPECT_EQ(survey_error(R"({"responses":[]})"), "s.json: needs an array \"groups\"");
  EXPECT_EQ(survey_error(R"({"groups":[]})"), "s.json: needs an array \"responses\"");
  EXPECT_EQ(survey_error(with("[]", ok)), "s.json: firm \"F\": no stakeholder groups");
  EXPECT_EQ(survey_error(
                with(R"([{"id":"customers","weight":0.6},{"id":"employees","weight":0.3}])", ok)),
            "s.json: firm \"F\": group weights sum to 0.9, not 1");
  EXPECT_EQ(survey_error(
                with(R"([{"id":"customers","weight":0.5},{"id":"customers","weight":0.5}])", ok)),
            "s.json: firm \"F\": group \"customers\" appears twice");
  EXPECT_EQ(survey_error(
                with(R"([{"id":"customers","weight":1.5},{"id":"employees","weight":-0.5}])", ok)),
            "s.json: firm \"F\": group \"customers\": weight must be in [0, 1]");
  EXPECT_EQ(
      survey_error(with(R"([{"id":"customers"}])", ok)),
      "s.json: firm \"F\": group \"customers\" has no \"weight\" (the disclosed group weight)");
  EXPECT_EQ(survey_error(with(two_groups, "[]")), "s.json: firm \"F\": no responses");
  EXPECT_EQ(
      survey_error(with(two_groups, R"([{"group":"media","respondent":"m","ratings":{"x":4}}])")),
      "s.json: firm \"F\": respondent \"m\": group \"media\" is not declared in \"groups\"");
  EXPECT_EQ(survey_error(with(
                two_groups,
                R"([{"group":"customers","ratings":{"x":4}},{"group":"unions","ratings":{}}])")),
            "s.json: firm \"F\": response 2: group \"unions\" is not declared in \"groups\"");
  EXPECT_EQ(
      survey_error(with(two_groups, R"([{"group":"customers","respondent":"c","ratings":{"x":4}},
                                      {"group":"employees","respondent":"c","ratings":{"x":4}}])")),
      "s.json: firm \"F\": respondent \"c\" answers twice");
  EXPECT_EQ(
      survey_error(
          with(two_groups, R"([{"group":"customers","respondent":"c","ratings":{"x":7}}])")),
      "s.json: firm \"F\": issue \"x\": respondent \"c\": rating 7 is outside the scale [1, 5]");
  EXPECT_EQ(survey_error(with(
                two_groups, R"([{"group":"customers","respondent":"c","ratings":{"x":"high"}}])")),
            "s.json: firm \"F\": issue \"x\": rating must be a number (or null / not_assessed / "
            "unknown), not a string");
  EXPECT_EQ(
      survey_error(with(
          two_groups,
          R"([{"group":"customers","respondent":"c","ratings":{"科技创新":4,"科技 创新":5}}])")),
      "s.json: firm \"F\": issue \"科技创新\": respondent \"c\": rates the same issue twice");
  EXPECT_EQ(
      survey_error(with(two_groups, R"([{"group":"customers","respondent":"c","ratings":[4]}])")),
      "s.json: firm \"F\": \"ratings\" must be an object of issue -> rating");
  EXPECT_EQ(survey_error(with(two_groups, ok, R"(,"top_box":6)")),
            "s.json: firm \"F\": top_box 6 is outside the scale [1, 5]");
  EXPECT_EQ(survey_error(with(two_groups, ok, R"(,"scale":[5,1])")),
            "s.json: firm \"F\": scale needs min < max");
  EXPECT_EQ(survey_error(with(two_groups, ok, R"(,"scale":7)")),
            "s.json: firm \"F\": \"scale\" must be [min, max]");
  EXPECT_EQ(survey_error(with(two_groups, ok, R"(,"company":{"x":9})")),
            "s.json: firm \"F\": issue \"x\": company rating 9 is outside the scale [1, 5]");
  EXPECT_EQ(survey_error(with(two_groups, ok, R"(,"company":{"y":3})")),
            "s.json: firm \"F\": issue \"y\": company rating for an issue no stakeholder rated");
  EXPECT_EQ(survey_error(with(two_groups, ok, R"(,"weights":1)")).substr(0, 54),
            "s.json: unknown field \"weights\" in a survey (known: me");
  // The dataset needs management's rating for every issue.
  auto result =
      materia::summarize_survey(materia::load_survey_json(with(two_groups, ok), "s.json"));
  try {
    materia::survey_dataset_json(result);
    ADD_FAILURE() << "no error";
  } catch (const materia::Error& e) {
    EXPECT_EQ(std::string(e.what()),
              "firm \"F\": issue \"x\": no \"company\" rating: a firm's matrix needs both axes "
              "(importance to "
              "stakeholders from the survey, importance to the company from management)");
  }
}

}  // namespace
