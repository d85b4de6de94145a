// ESRS-style assessment: hand-computed severity rules, likelihood, human-rights precedence,
// financial max over horizons, borderline decisions, roll-up without netting, missing states
// distinct from 0, and every validation error with its message.
#include <gtest/gtest.h>

#include "materia/error.hpp"
#include "materia/io/io.hpp"
#include "materia/workflows/assess.hpp"
#include "test_support.hpp"
#include "workflows/assess_json.hpp"

namespace {

using materia::Outcome;
using materia::ScoreState;

materia::AssessmentResult run(const std::string& text) {
  return materia::assess(materia::load_assessment_json(text, "a.json"));
}

std::string doc(const std::string& rules, const std::string& iros,
                const std::string& topics = R"([{"id":"T"}])") {
  return R"({"firm":{"id":"F"},"rules":)" + rules + R"(,"topics":)" + topics + R"(,"iros":[)" +
         iros + "]}";
}

const char* base_rules =
    R"({"severity":"mean","impact":{"threshold":3,"borderline":0.5},"financial":{"threshold":2,"borderline":0.4}})";

std::string impact(const std::string& fields) {
  return R"({"id":"I","topic":"T","kind":"impact","value_chain":"own_operations","time_horizon":"short",)" +
         fields + "}";
}

TEST(Assess, SampleFileByHand) {
  auto result = materia::assess(
      materia::load_assessment_file(materia_test::test_data_path("assess-small.json")));
  ASSERT_EQ(result.iros.size(), 6u);
  // I1: mean-max of 5, 3, 4 = (4 + 5)/2 = 4.5; human rights: likelihood 0.2 not applied.
  EXPECT_DOUBLE_EQ(result.iros[0].severity.value, 4.5);
  EXPECT_DOUBLE_EQ(result.iros[0].impact.value, 4.5);
  EXPECT_EQ(result.iros[0].status, "material");
  // I2 positive actual: (3.5 + 4)/2, no irremediability
  EXPECT_DOUBLE_EQ(result.iros[1].impact.value, 3.75);
  EXPECT_EQ(result.iros[1].severity.inputs.size(), 2u);
  // I3: mean-max of 2, 2, 3 = (7/3 + 3)/2, times 0.5
  EXPECT_NEAR(result.iros[2].impact.value, (7.0 / 3.0 + 3.0) / 2.0 * 0.5, 1e-12);
  EXPECT_EQ(result.iros[2].status, "not_material");
  // R1: max(2*0.3, 3*0.55) = 1.65, borderline [1.6, 2), decided not material with a rationale
  EXPECT_DOUBLE_EQ(result.iros[3].financial.value, 1.65);
  EXPECT_EQ(result.iros[3].financial_outcome, Outcome::borderline);
  EXPECT_EQ(result.iros[3].status, "not_material");
  // R2: short 4*0.6 = 2.4 passes although the medium horizon is unknown (a lower bound that passes)
  EXPECT_EQ(result.iros[4].financial.state, ScoreState::unknown);
  EXPECT_TRUE(result.iros[4].financial.lower_bound);
  EXPECT_DOUBLE_EQ(result.iros[4].financial.value, 2.4);
  EXPECT_EQ(result.iros[4].status, "material");
  // O1: not assessed, not 0
  EXPECT_EQ(result.iros[5].financial.state, ScoreState::not_assessed);
  EXPECT_EQ(result.iros[5].status, "not_assessed");
  ASSERT_EQ(result.topics.size(), 4u);
  EXPECT_EQ(result.topics[0].status, "material");
  EXPECT_DOUBLE_EQ(result.topics[0].impact_negative.value, 4.5);
  EXPECT_DOUBLE_EQ(result.topics[0].impact_positive.value, 3.75);
  EXPECT_EQ(result.topics[1].status, "not_material");
  EXPECT_EQ(result.topics[2].status, "material");
  EXPECT_TRUE(result.topics[2].financial_material);
  EXPECT_FALSE(result.topics[2].impact_material);
  EXPECT_EQ(result.topics[3].status, "not_assessed");
}

TEST(Assess, SeverityRules) {
  // scale 4, scope 2, irremediability 5 on [1, 5]
  const std::string fields =
      R"("sign":"negative","occurrence":"actual","scale":4,"scope":2,"irremediability":5)";
  auto severity = [&](const std::string& rule) {
    auto r = run(doc(R"({"severity":")" + rule + R"(","impact":{"threshold":0,"borderline":0}})",
                     impact(fields)));
    return r.iros[0].severity.value;
  };
  EXPECT_DOUBLE_EQ(severity("mean"), 11.0 / 3.0);
  EXPECT_DOUBLE_EQ(severity("max"), 5.0);
  EXPECT_DOUBLE_EQ(severity("mean-max"), (11.0 / 3.0 + 5.0) / 2.0);
  EXPECT_DOUBLE_EQ(severity("product"), 4.0 * 2.0 * 5.0 / 25.0);  // / S^(n-1)
  auto r = run(
      doc(R"({"severity":"mean-max","impact":{"threshold":0,"borderline":0}})", impact(fields)));
  EXPECT_EQ(r.iros[0].severity.rule, "mean-max of scale, scope, irremediability");
  EXPECT_EQ(r.iros[0].severity.inputs,
            (std::vector<std::pair<std::string, std::string>>{
                {"scale", "4"}, {"scope", "2"}, {"irremediability", "5"}}));
  EXPECT_EQ(r.iros[0].impact.rule, "actual impact: severity");
  EXPECT_EQ(r.iros[0].likelihood.state, ScoreState::not_applicable);
}

// Property: for every rating triple on 1..5, max >= mean-max >= mean, and product <= max.
TEST(Assess, SeverityRuleOrderingOnAllTriples) {
  for (int a = 1; a <= 5; ++a)
    for (int b = 1; b <= 5; ++b)
      for (int c = 1; c <= 5; ++c) {
        std::string fields = R"("sign":"negative","occurrence":"actual","scale":)" +
                             std::to_string(a) + R"(,"scope":)" + std::to_string(b) +
                             R"(,"irremediability":)" + std::to_string(c);
        auto value = [&](const char* rule) {
          return run(doc(std::string(R"({"severity":")") + rule +
                             R"(","impact":{"threshold":0,"borderline":0}})",
                         impact(fields)))
              .iros[0]
              .severity.value;
        };
        double mean = value("mean"), max = value("max"), mean_max = value("mean-max"),
               product = value("product");
        ASSERT_GE(max, mean_max);
        ASSERT_GE(mean_max, mean);
        ASSERT_LE(product, max + 1e-12);
        ASSERT_DOUBLE_EQ(max, std::max({a, b, c}));
      }
}

TEST(Assess, LikelihoodOnlyForPotentialAndHumanRightsPrecedence) {
  const std::string potential =
      R"("sign":"negative","occurrence":"potential","scale":4,"scope":4,"irremediability":4,"likelihood":0.25)";
  auto plain = run(doc(base_rules, impact(potential), R"([{"id":"T","rationale":"small"}])"));
  EXPECT_DOUBLE_EQ(plain.iros[0].impact.value, 1.0);  // 4 * 0.25
  EXPECT_EQ(plain.iros[0].impact.rule, "potential impact: severity x likelihood");
  EXPECT_EQ(plain.iros[0].status, "not_material");
  auto rights = run(doc(base_rules, impact(std::string(potential) + R"(,"human_rights":true)")));
  EXPECT_DOUBLE_EQ(rights.iros[0].impact.value, 4.0);  // severity takes precedence
  EXPECT_EQ(
      rights.iros[0].impact.rule,
      "potential human-rights impact: severity takes precedence over likelihood (ESRS 1 §45)");
  EXPECT_EQ(rights.iros[0].status, "material");
  // A positive human-rights impact gets no precedence (ESRS 1 §45 speaks of negative impacts).
  auto positive = run(doc(
      base_rules,
      impact(
          R"("sign":"positive","occurrence":"potential","human_rights":true,"scale":4,"scope":4,"likelihood":0.25)"),
      R"([{"id":"T","rationale":"small"}])"));
  EXPECT_DOUBLE_EQ(positive.iros[0].impact.value, 1.0);
}

TEST(Assess, FinancialIsTheMaxOverHorizons) {
  auto r = run(
      doc(base_rules, R"({"id":"R","topic":"T","kind":"risk","value_chain":"upstream","effects":[
      {"time_horizon":"short","magnitude":5,"likelihood":0.2},{"time_horizon":"medium","magnitude":3,"likelihood":0.9},
      {"time_horizon":"long","magnitude":4,"likelihood":0.5}]})"));
  EXPECT_DOUBLE_EQ(r.iros[0].financial.value, 2.7);
  EXPECT_EQ(r.iros[0].financial.rule, "max over time horizons of magnitude x likelihood");
  EXPECT_EQ(r.iros[0].financial.inputs.size(), 3u);
  EXPECT_EQ(r.iros[0].status, "material");
  EXPECT_EQ(r.iros[0].impact.state, ScoreState::not_applicable);
}

TEST(Assess, NoNettingInTheTopicRollUp) {
  auto r = run(doc(
      base_rules,
      impact(R"("sign":"negative","occurrence":"actual","scale":4,"scope":4,"irremediability":4)") +
          "," +
          R"({"id":"P","topic":"T","kind":"impact","sign":"positive","occurrence":"actual","time_horizon":"short",
                           "value_chain":"downstream","scale":5,"scope":5})"));
  EXPECT_DOUBLE_EQ(r.topics[0].impact_negative.value, 4.0);
  EXPECT_DOUBLE_EQ(r.topics[0].impact_positive.value, 5.0);
  EXPECT_EQ(r.topics[0].impact_negative.inputs.size(), 1u);
  EXPECT_EQ(r.topics[0].material_iros, (std::vector<std::string>{"I", "P"}));
}

TEST(Assess, MissingStatesAreNotZero) {
  auto unknown = run(doc(
      base_rules,
      impact(
          R"("sign":"negative","occurrence":"actual","scale":"unknown","scope":1,"irremediability":1)")));
  EXPECT_EQ(unknown.iros[0].severity.state, ScoreState::unknown);
  EXPECT_EQ(unknown.iros[0].impact_outcome, Outcome::unknown);
  EXPECT_EQ(unknown.iros[0].status, "unknown");
  EXPECT_EQ(unknown.topics[0].status, "unknown");  // not excluded: no rationale demanded
  auto both = run(doc(
      base_rules,
      impact(
          R"("sign":"negative","occurrence":"potential","scale":"unknown","scope":1,"irremediability":1,"likelihood":"not_assessed")")));
  EXPECT_EQ(both.iros[0].impact.state, ScoreState::not_assessed);  // not assessed outranks unknown
  auto low = run(doc(
      base_rules,
      impact(R"("sign":"negative","occurrence":"actual","scale":1,"scope":1,"irremediability":1)"),
      R"([{"id":"T","rationale":"minor"}])"));
  EXPECT_EQ(low.iros[0].status, "not_material");
  auto json = materia::to_json(unknown);
  EXPECT_TRUE(json["iros"][0]["severity"]["value"].is_null());
  EXPECT_EQ(json["iros"][0]["severity"]["state"], "unknown");
}

TEST(Assess, ThresholdBands) {
  auto at = [&](double scale, const std::string& extra = "") {
    return run(doc(base_rules,
                   impact(R"("sign":"positive","occurrence":"actual","scope":)" +
                          std::to_string(scale) + R"(,"scale":)" + std::to_string(scale) + extra),
                   R"([{"id":"T","rationale":"r"}])"));
  };
  EXPECT_EQ(at(3.0).iros[0].impact_outcome, Outcome::material);  // >= threshold
  EXPECT_EQ(at(2.5, R"(,"decision":"material")").iros[0].impact_outcome,
            Outcome::borderline);  // >= t - band
  EXPECT_EQ(at(2.5, R"(,"decision":"material")").iros[0].status, "material");
  EXPECT_EQ(at(2.49).iros[0].impact_outcome, Outcome::not_material);
}

std::string assessment_error(const std::string& text) {
  try {
    run(text);
  } catch (const materia::Error& e) {
    EXPECT_EQ(e.kind(), materia::ErrorKind::input);
    return e.what();
  }
  return "no error";
}

TEST(AssessErrors, Messages) {
  const std::string neg =
      R"("sign":"negative","occurrence":"actual","scale":4,"scope":4,"irremediability":4)";
  EXPECT_EQ(assessment_error("[]"), "a.json: an assessment must be a JSON object, not a array");
  EXPECT_EQ(
      assessment_error(R"({"firm":{"id":"F"},"iros":[]})"),
      "a.json: firm \"F\": needs a non-empty array \"iros\" (impacts, risks and opportunities)");
  EXPECT_EQ(
      assessment_error(doc(R"({"severity":"median"})", impact(neg))),
      "a.json: firm \"F\": rules: severity must be mean, max, mean-max or product, not \"median\"");
  EXPECT_EQ(assessment_error(doc(R"({"scale":[5,1]})", impact(neg))),
            "a.json: firm \"F\": rules: \"scale\" needs 0 <= min < max");
  EXPECT_EQ(assessment_error(doc(R"({"scale":5})", impact(neg))),
            "a.json: firm \"F\": rules: \"scale\" must be [min, max]");
  EXPECT_EQ(assessment_error(doc(R"({"impact":{"threshold":3,"borderline":-1}})", impact(neg))),
            "a.json: firm \"F\": rules: \"impact\" borderline must not be negative");
  EXPECT_EQ(assessment_error(doc(base_rules, impact(neg), R"([{"id":"T"},{"id":"T"}])")),
            "a.json: firm \"F\": topic \"T\" appears twice");
  EXPECT_EQ(assessment_error(doc(base_rules, impact(neg), R"([{"id":"U"}])")),
            "a.json: firm \"F\": issue \"I\": topic \"T\" is not declared in \"topics\"");
  EXPECT_EQ(assessment_error(doc(base_rules, impact(neg) + "," + impact(neg))),
            "a.json: firm \"F\": issue \"I\": IRO appears twice");
  EXPECT_EQ(assessment_error(doc(base_rules, R"({"topic":"T"})")),
            "a.json: firm \"F\": an IRO has no \"id\"");
  EXPECT_EQ(
      assessment_error(doc(base_rules, impact(std::string(neg) + R"(,"colour":1)"))).substr(0, 57),
      "a.json: firm \"F\": issue \"I\": unknown field \"colour\" in an");
  EXPECT_EQ(assessment_error(doc(base_rules, R"({"id":"I","topic":"T","kind":"dependency"})")),
            "a.json: firm \"F\": issue \"I\": field \"kind\" must be one of impact, risk, "
            "opportunity, not \"dependency\"");
  EXPECT_EQ(
      assessment_error(doc(
          base_rules,
          R"({"id":"I","topic":"T","kind":"impact","value_chain":"own_operations","sign":"neutral"})")),
      "a.json: firm \"F\": issue \"I\": field \"sign\" must be one of negative, positive, not "
      "\"neutral\"");
  EXPECT_EQ(
      assessment_error(
          doc(base_rules,
              impact(R"("sign":"negative","occurrence":"actual","scope":4,"irremediability":4)"))),
      "a.json: firm \"F\": issue \"I\": missing field \"scale\" (a number, unknown or "
      "not_assessed)");
  EXPECT_EQ(
      assessment_error(doc(
          base_rules,
          impact(
              R"("sign":"negative","occurrence":"actual","scale":6,"scope":4,"irremediability":4)"))),
      "a.json: firm \"F\": issue \"I\": field \"scale\" = 6 is outside [1, 5]");
  EXPECT_EQ(
      assessment_error(doc(
          base_rules,
          impact(
              R"("sign":"negative","occurrence":"actual","scale":"high","scope":4,"irremediability":4)"))),
      "a.json: firm \"F\": issue \"I\": field \"scale\" must be a number or unknown, not_assessed "
      "or not_applicable, not \"high\"");
  EXPECT_EQ(
      assessment_error(doc(
          base_rules,
          impact(
              R"("sign":"negative","occurrence":"actual","scale":"not_applicable","scope":4,"irremediability":4)"))),
      "a.json: firm \"F\": issue \"I\": field \"scale\" cannot be not_applicable for an impact");
  EXPECT_EQ(
      assessment_error(doc(
          base_rules,
          impact(
              R"("sign":"positive","occurrence":"actual","scale":4,"scope":4,"irremediability":2)"))),
      "a.json: firm \"F\": issue \"I\": irremediability applies only to negative impacts (this "
      "impact is positive)");
  EXPECT_EQ(assessment_error(doc(base_rules, impact(std::string(neg) + R"(,"likelihood":0.5)"))),
            "a.json: firm \"F\": issue \"I\": likelihood applies only to potential impacts (this "
            "impact is actual)");
  EXPECT_EQ(
      assessment_error(doc(
          base_rules,
          impact(
              R"("sign":"negative","occurrence":"potential","scale":4,"scope":4,"irremediability":4)"))),
      "a.json: firm \"F\": issue \"I\": a potential impact needs \"likelihood\" (0 to 1, unknown "
      "or not_assessed)");
  EXPECT_EQ(
      assessment_error(doc(
          base_rules,
          impact(
              R"("sign":"negative","occurrence":"potential","scale":4,"scope":4,"irremediability":4,"likelihood":1.5)"))),
      "a.json: firm \"F\": issue \"I\": field \"likelihood\" = 1.5 is outside [0, 1]");
  EXPECT_EQ(
      assessment_error(doc(base_rules, impact(std::string(neg) + R"(,"effects":[])"))),
      "a.json: firm \"F\": issue \"I\": field \"effects\" applies only to risks and opportunities");
  EXPECT_EQ(
      assessment_error(
          doc(base_rules,
              R"({"id":"R","topic":"T","kind":"risk","value_chain":"upstream","scale":3})")),
      "a.json: firm \"F\": issue \"R\": field \"scale\" applies only to impacts; a risk gives "
      "\"effects\" per time horizon");
  EXPECT_EQ(assessment_error(doc(
                base_rules, R"({"id":"R","topic":"T","kind":"risk","value_chain":"upstream"})")),
            "a.json: firm \"F\": issue \"R\": a risk needs \"effects\": [{\"time_horizon\", "
            "\"magnitude\", \"likelihood\"}, ...]");
  EXPECT_EQ(assessment_error(
                doc(base_rules,
                    R"({"id":"R","topic":"T","kind":"risk","value_chain":"upstream","effects":[
                     {"time_horizon":"short","magnitude":3,"likelihood":0.1},{"time_horizon":"short","magnitude":3,"likelihood":0.1}]})")),
            "a.json: firm \"F\": issue \"R\": time horizon \"short\" appears twice");
  EXPECT_EQ(
      assessment_error(doc(
          base_rules,
          R"({"id":"R","topic":"T","kind":"risk","value_chain":"upstream","effects":[{"time_horizon":"long","magnitude":3}]})")),
      "a.json: firm \"F\": issue \"R\": the long-term effect needs \"magnitude\" and "
      "\"likelihood\"");
  EXPECT_EQ(
      assessment_error(doc(base_rules, impact(std::string(neg) + R"(,"human_rights":"yes")"))),
      "a.json: firm \"F\": issue \"I\": field \"human_rights\" must be true or false");
  EXPECT_EQ(assessment_error(doc(base_rules, impact(std::string(neg) + R"(,"decision":"maybe")"))),
            "a.json: firm \"F\": issue \"I\": field \"decision\" must be \"material\" or "
            "\"not_material\"");
  // Borderline: 2.5 in [2.5, 3)
  const std::string border = R"("sign":"positive","occurrence":"actual","scale":2.5,"scope":2.5)";
  EXPECT_EQ(assessment_error(doc(base_rules, impact(border))),
            "a.json: firm \"F\": issue \"I\": borderline (impact 2.5 vs threshold 3, within the "
            "borderline band 0.5): "
            "state \"decision\": \"material\" or \"not_material\", with a \"rationale\"");
  EXPECT_EQ(assessment_error(
                doc(base_rules, impact(std::string(border) + R"(,"decision":"not_material")"))),
            "a.json: firm \"F\": issue \"I\": borderline IRO decided not material: every exclusion "
            "needs a \"rationale\"");
  EXPECT_EQ(
      assessment_error(doc(base_rules, impact(std::string(neg) + R"(,"decision":"material")"))),
      "a.json: firm \"F\": issue \"I\": \"decision\" applies only to borderline IROs (this "
      "one is not borderline)");
  EXPECT_EQ(
      assessment_error(doc(
          base_rules, impact(R"("sign":"positive","occurrence":"actual","scale":1,"scope":1)"))),
      "a.json: firm \"F\": topic \"T\" is not material, so it is excluded: give its \"rationale\"");
}

}  // namespace
