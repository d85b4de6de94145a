// Scoring models: hand-computed rubric cases, breakdown invariants, jury mixing, ranking, and
// every validation error with its message.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "materia/analyze/analyze.hpp"
#include "materia/error.hpp"
#include "materia/io/io.hpp"
#include "materia/output/output.hpp"
#include "materia/workflows/scoring.hpp"
#include "test_support.hpp"
#include "workflows/scoring_json.hpp"

namespace {

using materia::FirmIndicators;
using materia::IndicatorValue;
using materia::ScoringModel;

std::string small_input_path() {
  return materia_test::test_data_path("score-small.json");
}

materia::ScoreResult score_small() {
  auto input =
      materia::load_scoring_input_json(materia::read_file(small_input_path()), "score-small.json");
  auto attention = materia::resolve_attention(*input.attention, "score-small.json");
  return materia::score_firms(ScoringModel::builtin("excellence-2024"), input.firms, &attention);
}

const materia::FirmScore& find(const materia::ScoreResult& result, const std::string& id) {
  for (const auto& f : result.firms)
    if (f.id == id) return f;
  throw std::runtime_error("no firm " + id);
}

double node(const materia::JuryScore& jury, const std::string& id) {
  for (const auto& n : jury.nodes)
    if (n.id == id) return n.score;
  throw std::runtime_error("no node " + id);
}

TEST(Scoring, PresetHasTheReportsWeights) {
  auto model = ScoringModel::builtin("excellence-2024");
  ASSERT_EQ(model.root.children.size(), 3u);
  EXPECT_DOUBLE_EQ(model.root.children[0].weight, 0.35);
  EXPECT_DOUBLE_EQ(model.root.children[1].weight, 0.35);
  EXPECT_DOUBLE_EQ(model.root.children[2].weight, 0.30);
  std::vector<double> disclosure;
  for (const auto& c : model.root.children[0].children)
    disclosure.push_back(c.weight);
  EXPECT_EQ(disclosure, (std::vector<double>{0.40, 0.20, 0.20, 0.15, 0.05}));
  for (const auto& c : model.root.children[2].children)
    EXPECT_DOUBLE_EQ(c.weight, 0.25);
  ASSERT_EQ(model.juries.size(), 2u);
  EXPECT_EQ(model.juries[0].id, "internal");
  EXPECT_DOUBLE_EQ(model.juries[0].weight, 0.2);
  EXPECT_DOUBLE_EQ(model.juries[1].weight, 0.8);
  EXPECT_EQ(model.categories.size(), 3u);
  // ESG report scores above CSR
  std::map<std::string, double> levels(model.root.children[0].children[0].rule->levels.begin(),
                                       model.root.children[0].children[0].rule->levels.end());
  EXPECT_GT(levels["ESG"], levels["CSR"]);
  EXPECT_GT(levels["CSR"], levels["none"]);
}

// Firm X by hand (docs/method.md):
//   disclosure = .4*1 + .2*(4-1)/4 + .2*(3-1)/4 + .15*.5 (43 dims: row 20) + .05*.8 = 0.765
//   practice   = .5 * 3/4 (breadth) + .5 * 0.5 (depth) = 0.625
//   outcomes   = (1 + .5 + 0 + .7)/4 = 0.55
//   external   = .35*.765 + .35*.625 + .30*.55 = 0.6515
//   internal   : completeness 5 -> disclosure 0.815 -> 0.669
//   mixed      = .2*0.669 + .8*0.6515 = 0.655
TEST(Scoring, HandComputedExcellenceCase) {
  auto result = score_small();
  const auto& x = find(result, "X");
  ASSERT_EQ(x.juries.size(), 2u);
  const auto& internal = x.juries[0];
  const auto& external = x.juries[1];
  EXPECT_NEAR(node(external, "disclosure"), 0.765, 1e-12);
  EXPECT_NEAR(node(external, "breadth"), 0.75, 1e-12);
  EXPECT_NEAR(node(external, "depth"), 0.5, 1e-12);
  EXPECT_NEAR(node(external, "practice"), 0.625, 1e-12);
  EXPECT_NEAR(node(external, "outcomes"), 0.55, 1e-12);
  EXPECT_NEAR(external.score, 0.6515, 1e-12);
  EXPECT_NEAR(node(internal, "disclosure"), 0.815, 1e-12);
  EXPECT_NEAR(internal.score, 0.669, 1e-12);
  EXPECT_NEAR(x.score, 0.655, 1e-12);
  EXPECT_NEAR(x.dimensions[0].second, 0.2 * 0.815 + 0.8 * 0.765, 1e-12);
  // Y: CSR 0.5; completeness and detail (2-1)/4; no KPI; breadth 1/4, depth 1.
  const auto& y = find(result, "Y");
  EXPECT_NEAR(node(y.juries[1], "disclosure"), 0.4 * 0.5 + 0.2 * 0.25 + 0.2 * 0.25, 1e-12);
  EXPECT_NEAR(node(y.juries[1], "practice"), 0.5 * 0.25 + 0.5 * 1.0, 1e-12);
  EXPECT_EQ(x.rank, 1);
  EXPECT_EQ(y.rank, 2);
  EXPECT_EQ(find(result, "Z").category, "licensed_financial_institution");
  EXPECT_EQ(find(result, "Z").rank, 1);
  EXPECT_EQ(find(result, "Z").score, 0.0);
}

TEST(Scoring, BreakdownStatesRulesAndInputs) {
  auto result = score_small();
  const auto& nodes = find(result, "X").juries[1].nodes;
  auto get = [&](const std::string& id) {
    for (const auto& n : nodes)
      if (n.id == id) return n;
    throw std::runtime_error(id);
  };
  EXPECT_EQ(get("completeness").rule, "linear on [1, 5]");
  EXPECT_EQ(get("completeness").input, "completeness = 4");
  EXPECT_EQ(get("report").input, "report = \"ESG\"");
  EXPECT_EQ(get("kpi_dimensions").input, "kpi_dimensions = 43 (row from 20)");
  EXPECT_EQ(get("breadth").input, "1 issues, attention 3 / 4");
  EXPECT_EQ(get("disclosure").rule, "weighted sum");
  EXPECT_EQ(get("report").path, "overall/disclosure/report");
  EXPECT_NEAR(get("report").global_weight, 0.35 * 0.4, 1e-15);
}

// Property: leaf contributions add up to the jury score, and every score is in [0, 1].
TEST(Scoring, LeafContributionsAddUpToTheRoot) {
  auto result = score_small();
  for (const auto& firm : result.firms)
    for (const auto& jury : firm.juries) {
      double sum = 0.0;
      for (std::size_t i = 0; i < jury.nodes.size(); ++i) {
        const auto& n = jury.nodes[i];
        EXPECT_GE(n.score, 0.0);
        EXPECT_LE(n.score, 1.0);
        bool leaf = i + 1 == jury.nodes.size() || jury.nodes[i + 1].depth <= n.depth;
        if (leaf) sum += n.contribution;
      }
      EXPECT_NEAR(sum, jury.score, 1e-12) << firm.id << " " << jury.jury;
    }
}

// Monotonicity: a better rating never lowers the score.
TEST(Scoring, MonotoneInEveryRating) {
  auto input = materia::load_scoring_input_json(materia::read_file(small_input_path()), "s");
  auto attention = materia::resolve_attention(*input.attention, "s");
  auto model = ScoringModel::builtin("excellence-2024");
  double previous = -1.0;
  for (double rating = 1.0; rating <= 5.0; rating += 0.5) {
    auto firms = input.firms;
    firms[1].shared.values["performance"] = rating;
    double score = find(materia::score_firms(model, firms, &attention), "Y").score;
    EXPECT_GT(score, previous);
    previous = score;
  }
}

TEST(Scoring, IssueBreadthWithTheSampleAttention) {
  materia::AnalyzeOptions options;
  options.method = materia::Method::attention;
  auto analysis = materia::analyze(materia::load_sample("fintech-2024"), options);
  auto attention = materia::issue_attention(analysis);
  ASSERT_EQ(attention.issues.size(), 91u);
  FirmIndicators firm;
  firm.id = "all";
  firm.shared.issues.emplace();
  for (const auto& issue : analysis.issues)
    (*firm.shared.issues)[issue.name] = 1.0;
  auto model = ScoringModel::from_json_text(
      R"({"tree":{"id":"p","children":[{"id":"b","weight":0.5,"rule":{"type":"issue_breadth"}},
                                      {"id":"d","weight":0.5,"rule":{"type":"issue_depth"}}]}})",
      "m");
  auto all = materia::score_firms(model, {firm}, &attention);
  EXPECT_NEAR(all.firms[0].score, 1.0, 1e-12);
  // One issue, named with the report's line-break space: breadth = its attention / total.
  FirmIndicators one;
  one.id = "one";
  one.shared.issues = std::map<std::string, double>{{"数据安全与 隐私保护", 0.4}};
  auto index = attention.find("数据安全与隐私保护");
  ASSERT_TRUE(index);
  auto r = materia::score_firms(model, {one}, &attention);
  EXPECT_NEAR(r.firms[0].juries[0].nodes[1].score,
              attention.issues[*index].attention / attention.total, 1e-12);
  EXPECT_NEAR(r.firms[0].juries[0].nodes[2].score, 0.4, 1e-12);
}

TEST(Scoring, RanksShareTiesWithinCategories) {
  auto model = ScoringModel::from_json_text(
      R"({"tree":{"id":"r","children":[{"id":"v","weight":1,"rule":{"type":"linear","field":"v","min":0,"max":10}}]},
          "categories":[{"id":"c1","segments":["a"]},{"id":"c2","segments":["b"]}]})",
      "m");
  std::vector<FirmIndicators> firms;
  auto add = [&](std::string id, std::string segment, double v) {
    FirmIndicators f;
    f.id = std::move(id);
    f.segment = std::move(segment);
    f.shared.values["v"] = v;
    firms.push_back(f);
  };
  add("A", "a", 5);
  add("B", "a", 7);
  add("C", "a", 5);
  add("D", "a", 1);
  add("E", "b", 2);
  add("F", "a", 12);  // clamped to 1
  auto result = materia::score_firms(model, firms, nullptr);
  std::vector<std::pair<std::string, int>> ranks;
  for (const auto& f : result.firms)
    ranks.emplace_back(f.id, f.rank);
  EXPECT_EQ(ranks, (std::vector<std::pair<std::string, int>>{
                       {"F", 1}, {"B", 2}, {"A", 3}, {"C", 3}, {"D", 5}, {"E", 1}}));
  EXPECT_EQ(result.firms[0].juries[0].nodes[1].input, "v = 12 (clamped)");
  EXPECT_EQ(result.firms[0].score, 1.0);
}

TEST(Scoring, LookupBooleanAndDescendingRules) {
  auto model = ScoringModel::from_json_text(
      R"({"tree":{"id":"r","children":[
          {"id":"b","weight":0.25,"rule":{"type":"boolean","field":"flag","if_true":0.9,"if_false":0.1}},
          {"id":"l","weight":0.25,"rule":{"type":"lookup","field":"n","table":[{"from":0,"score":0},{"from":10,"score":0.6}]}},
          {"id":"d","weight":0.5,"rule":{"type":"linear","field":"cost","min":0,"max":4,"descending":true}}]}})",
      "m");
  FirmIndicators f;
  f.id = "F";
  f.shared.values = {{"flag", false}, {"n", 10.0}, {"cost", 1.0}};
  auto result = materia::score_firms(model, {f}, nullptr);
  EXPECT_NEAR(result.firms[0].score, 0.25 * 0.1 + 0.25 * 0.6 + 0.5 * 0.75, 1e-12);
}

// ---- Model validation errors.
std::string model_error(const std::string& text) {
  try {
    ScoringModel::from_json_text(text, "m.json");
  } catch (const materia::Error& e) {
    return e.what();
  }
  return "no error";
}

std::string leaf(const std::string& rule) {
  return R"({"tree":{"id":"r","children":[{"id":"x","weight":1,"rule":)" + rule + "}]}}";
}

TEST(ScoringErrors, Model) {
  EXPECT_EQ(model_error("[]"), "m.json: a scoring model must be a JSON object, not a array");
  EXPECT_EQ(model_error("{}"), "m.json: missing field \"tree\"");
  EXPECT_EQ(
      model_error(
          R"({"tree":{"id":"r","children":[{"id":"a","weight":0.5,"rule":{"type":"boolean","field":"f"}},{"id":"b","weight":0.45,"rule":{"type":"boolean","field":"g"}}]}})"),
      "m.json: weights of the children of \"r\" sum to 0.95, not 1");
  EXPECT_EQ(
      model_error(
          R"({"tree":{"id":"r","children":[{"id":"r","weight":1,"rule":{"type":"boolean","field":"f"}}]}})"),
      "m.json: node \"r\" appears twice");
  EXPECT_EQ(model_error(R"({"tree":{"id":"r"}})"),
            "m.json: node \"r\" has neither a rule nor children");
  EXPECT_EQ(
      model_error(R"({"tree":{"id":"r","rule":{"type":"boolean","field":"f"},"children":[]}})"),
      "m.json: node \"r\" has both a rule and children");
  EXPECT_EQ(model_error(R"({"tree":{"id":"r","children":[]}})"),
            "m.json: node \"r\": \"children\" must be a non-empty array");
  EXPECT_EQ(
      model_error(
          R"({"tree":{"id":"r","children":[{"id":"x","rule":{"type":"boolean","field":"f"}}]}})"),
      "m.json: node \"x\" has no \"weight\"");
  EXPECT_EQ(
      model_error(
          R"({"tree":{"id":"r","children":[{"id":"x","weight":-1,"rule":{"type":"boolean","field":"f"}}]}})"),
      "m.json: node \"x\": weight must not be negative");
  EXPECT_EQ(model_error(R"({"tree":{"children":[]}})"), "m.json: a node of \"tree\" has no \"id\"");
  EXPECT_EQ(model_error(leaf(R"({"type":"fuzzy","field":"f"})")),
            "m.json: node \"x\": unknown rule type \"fuzzy\" (boolean, level, linear, lookup, "
            "issue_breadth, "
            "issue_depth)");
  EXPECT_EQ(model_error(leaf(R"({"type":"linear","min":0,"max":1})")),
            "m.json: node \"x\": rule \"linear\" needs \"field\"");
  EXPECT_EQ(
      model_error(leaf(R"({"type":"issue_depth","field":"f"})")),
      "m.json: node \"x\": rule \"issue_depth\" reads the firm's issues and takes no \"field\"");
  EXPECT_EQ(model_error(leaf(R"({"type":"linear","field":"f","min":5,"max":1})")),
            "m.json: node \"x\": rule \"linear\" needs min < max, not 5 and 1");
  EXPECT_EQ(model_error(leaf(R"({"type":"linear","field":"f","min":1})")),
            "m.json: node \"x\": rule \"linear\" needs \"min\" and \"max\"");
  EXPECT_EQ(model_error(leaf(R"({"type":"level","field":"f","levels":{}})")),
            "m.json: node \"x\": rule \"level\" needs a non-empty \"levels\" object of scores");
  EXPECT_EQ(model_error(leaf(R"({"type":"level","field":"f","levels":{"ESG":1.5}})")),
            "m.json: node \"x\": score of level \"ESG\" 1.5 is outside [0, 1]");
  EXPECT_EQ(
      model_error(leaf(
          R"({"type":"lookup","field":"f","table":[{"from":5,"score":0},{"from":5,"score":1}]})")),
      "m.json: node \"x\": lookup rows must ascend strictly by \"from\"");
  EXPECT_EQ(
      model_error(leaf(R"({"type":"lookup","field":"f","table":[]})")),
      "m.json: node \"x\": rule \"lookup\" needs a non-empty \"table\" of {\"from\", \"score\"}");
  EXPECT_EQ(model_error(leaf(R"({"type":"lookup","field":"f","table":[{"from":1}]})")),
            "m.json: node \"x\": each lookup row needs \"from\" and \"score\"");
  EXPECT_EQ(model_error(leaf(R"({"type":"boolean","field":"f","if_true":"yes"})")),
            "m.json: node \"x\": if_true must be a number, not a string");
  EXPECT_EQ(model_error(leaf(R"({"type":"boolean","field":"f","colour":1})")).substr(0, 53),
            "m.json: unknown field \"colour\" in rule of node \"x\" (k");
  EXPECT_EQ(
      model_error(
          R"({"tree":{"id":"r","children":[{"id":"x","weight":1,"rule":{"type":"boolean","field":"f"}}]},
                           "juries":[{"id":"i","weight":0.2},{"id":"e","weight":0.7}]})"),
      "m.json: jury weights sum to 0.9, not 1");
  EXPECT_EQ(
      model_error(
          R"({"tree":{"id":"r","children":[{"id":"x","weight":1,"rule":{"type":"boolean","field":"f"}}]},
                           "juries":[{"id":"i","weight":0.5},{"id":"i","weight":0.5}]})"),
      "m.json: jury \"i\" appears twice");
  EXPECT_EQ(
      model_error(
          R"({"tree":{"id":"r","children":[{"id":"x","weight":1,"rule":{"type":"boolean","field":"f"}}]},
                           "juries":[{"id":"i"}]})"),
      "m.json: jury \"i\" has no \"weight\"");
  EXPECT_EQ(
      model_error(
          R"({"tree":{"id":"r","children":[{"id":"x","weight":1,"rule":{"type":"boolean","field":"f"}}]},
                           "categories":[{"id":"a","segments":["s"]},{"id":"b","segments":["s"]}]})"),
      "m.json: segment \"s\" is in two categories");
  EXPECT_EQ(
      model_error(
          R"({"tree":{"id":"r","children":[{"id":"x","weight":1,"rule":{"type":"boolean","field":"f"}}]},
                           "categories":[{"id":"a"},{"id":"a"}]})"),
      "m.json: category \"a\" appears twice");
  EXPECT_THROW(ScoringModel::builtin("nope"), materia::Error);
}

// ---- Firm errors while scoring.
std::string score_error(const std::string& firm_json,
                        const std::string& model_name = "excellence-2024",
                        bool with_attention = true) {
  try {
    auto input = materia::load_scoring_input_json(R"({"firms":[)" + firm_json + "]}", "s.json");
    auto attention =
        materia::resolve_attention(nlohmann::json::parse(R"({"issues":{"科技创新":2}})"), "s.json");
    materia::score_firms(ScoringModel::builtin(model_name), input.firms,
                         with_attention ? &attention : nullptr, "s.json");
  } catch (const materia::Error& e) {
    return e.what();
  }
  return "no error";
}

const char* full_values =
    R"("values":{"report":"ESG","completeness":4,"detail":3,"kpi_dimensions":43,"assurance":"limited",
       "strategy_integration":5,"governance_structure":3,"performance":1,"esg_rating":"A"})";

TEST(ScoringErrors, Firms) {
  std::string ok = std::string(R"({"id":"F","segment":"private_bank",)") + full_values +
                   R"(,"issues":{"科技创新":1}})";
  EXPECT_EQ(score_error(ok), "no error");
  EXPECT_EQ(score_error(R"({"id":"F","segment":"private_bank","values":{},"issues":{}})"),
            "s.json: firm \"F\": jury \"internal\": node \"report\": needs value \"report\", which "
            "is not given");
  std::string bad_level = ok;
  bad_level.replace(bad_level.find("\"ESG\""), 5, "\"PDF\"");
  EXPECT_EQ(score_error(bad_level),
            "s.json: firm \"F\": jury \"internal\": node \"report\": level \"PDF\" of \"report\" "
            "is not one of CSR, "
            "ESG, none");
  std::string bad_type = ok;
  bad_type.replace(bad_type.find("\"completeness\":4"), 16, "\"completeness\":\"4\"");
  EXPECT_EQ(score_error(bad_type),
            "s.json: firm \"F\": jury \"internal\": node \"completeness\": value \"completeness\" "
            "must be a number "
            "for rule \"linear\", not a string");
  std::string below = ok;
  below.replace(below.find("\"kpi_dimensions\":43"), 19, "\"kpi_dimensions\":-2");
  EXPECT_EQ(score_error(below),
            "s.json: firm \"F\": jury \"internal\": node \"kpi_dimensions\": value -2 of "
            "\"kpi_dimensions\" is "
            "below the lookup table (it starts at 0)");
  std::string unknown_issue = ok;
  unknown_issue.replace(unknown_issue.find("\"科技创新\":1"), std::string("\"科技创新\":1").size(),
                        "\"碳中和\":1");
  EXPECT_EQ(score_error(unknown_issue),
            "s.json: firm \"F\": issue \"碳中和\": jury \"internal\": not one of the issues of the "
            "attention result");
  EXPECT_EQ(score_error(ok, "excellence-2024", false),
            "s.json: firm \"F\": jury \"internal\": node \"breadth\": rule \"issue_breadth\" needs "
            "the industry's "
            "attention per issue (an analyze result)");
  EXPECT_EQ(score_error(std::string(R"({"id":"F","segment":"private_bank",)") + full_values + "}"),
            "s.json: firm \"F\": jury \"internal\": node \"breadth\": needs the firm's \"issues\", "
            "which are not "
            "given");
  std::string two_names = ok;
  two_names.replace(two_names.find("\"科技创新\":1"), std::string("\"科技创新\":1").size(),
                    "\"科技创新\":1,\"科技 创新\":0.5");
  EXPECT_EQ(
      score_error(two_names),
      "s.json: firm \"F\": issue \"科技创新\": jury \"internal\": the same issue as \"科技 创新\"");
  std::string depth = ok;
  depth.replace(depth.find("\"科技创新\":1"), std::string("\"科技创新\":1").size(),
                "\"科技创新\":2");
  EXPECT_EQ(score_error(depth),
            "s.json: firm \"F\": issue \"科技创新\": depth 2 is outside [0, 1]");
  std::string segment = ok;
  segment.replace(segment.find("private_bank"), 12, "insurer");
  EXPECT_EQ(score_error(segment),
            "s.json: firm \"F\": segment \"insurer\" is in no category of the model");
  EXPECT_EQ(score_error(ok + "," + ok), "s.json: firm \"F\": duplicate firm id");
  std::string jury = ok;
  jury.insert(jury.size() - 1, R"(,"juries":{"public":{"values":{}}})");
  EXPECT_EQ(score_error(jury), "s.json: firm \"F\": jury \"public\" is not a jury of the model");
  EXPECT_EQ(score_error(R"({"id":"F","values":{"x":[1]}})"),
            "s.json: firm \"F\": value \"x\" must be a boolean, number or string, not a array");
  EXPECT_EQ(score_error(R"({"segment":"x"})"), "s.json: firm 1 has no \"id\"");
}

TEST(ScoringErrors, Attention) {
  auto error = [](const std::string& spec) {
    try {
      materia::resolve_attention(nlohmann::json::parse(spec), "a.json");
    } catch (const materia::Error& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  EXPECT_EQ(error(R"({"issues":{"a":-1}})"), "a.json: attention of \"a\" must not be negative");
  EXPECT_EQ(error(R"({"issues":{"a":1,"A":2}})"), "a.json: attention of \"a\" is given twice");
  EXPECT_EQ(error(R"({"guess":1})"),
            "a.json: \"attention\" must be {\"sample\": NAME}, {\"dataset\": PATH}, {\"analysis\": "
            "PATH} or {\"issues\": {name: count}}");
  EXPECT_EQ(error(R"({"sample":3})"), "a.json: \"attention\": \"sample\" must be a string");
  EXPECT_EQ(error(R"({"analysis":3})"), "a.json: \"attention\": \"analysis\" must be a string");

  auto analysis_error = [](const std::string& text) {
    try {
      materia::issue_attention_from_json(nlohmann::json::parse(text), "r.json");
    } catch (const materia::Error& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  EXPECT_EQ(analysis_error(R"({"method":"borda"})"),
            "r.json: an analysis result must be the JSON that `materia analyze --format json` "
            "writes, with an array \"issues\"");
  EXPECT_EQ(analysis_error(R"({"issues":[3]})"), "r.json: issue 1 must be an object");
  EXPECT_EQ(analysis_error(R"({"issues":[{"name":"x","attention":1}]})"),
            "r.json: issue 1 has no \"id\"");
  EXPECT_EQ(analysis_error(R"({"issues":[{"id":"x"}]})"),
            "r.json: issue \"x\": has no \"attention\" (the number of firms listing it)");
  EXPECT_EQ(analysis_error(R"({"issues":[{"id":"x","attention":"3"}]})"),
            "r.json: issue \"x\": \"attention\" must be a number, not a string");
  EXPECT_EQ(analysis_error(R"({"issues":[{"id":"x","attention":1},{"id":"X","attention":1}]})"),
            "r.json: issue \"X\": issue id appears twice");
  EXPECT_EQ(analysis_error(R"({"issues":[{"id":"x","attention":1,"merged_names":"y"}]})"),
            "r.json: issue \"x\": \"merged_names\" must be an array");
}

// A saved analyze result (any method) gives the same attention, and resolves the same names, as
// the Result it was written from.
TEST(Scoring, AttentionFromASavedAnalyzeResultEqualsTheResult) {
  materia::AnalyzeOptions options;
  options.method = materia::Method::schulze;
  auto result = materia::analyze(materia::load_sample("fintech-2024"), options);
  auto direct = materia::issue_attention(result);
  auto saved = materia::issue_attention_from_json(
      nlohmann::json::parse(materia::to_json_text(result, -1)), "saved.json");
  ASSERT_EQ(saved.issues.size(), direct.issues.size());
  ASSERT_EQ(saved.issues.size(), 91u);
  for (std::size_t i = 0; i < saved.issues.size(); ++i) {
    EXPECT_EQ(saved.issues[i].id, direct.issues[i].id);
    EXPECT_EQ(saved.issues[i].attention, direct.issues[i].attention);
  }
  EXPECT_EQ(saved.total, direct.total);
  EXPECT_EQ(saved.keys, direct.keys);
  // Topics are not issues: the total is the sum over the 91 issues only.
  double sum = 0.0;
  for (const auto& issue : result.issues)
    sum += issue.attention;
  EXPECT_EQ(saved.total, sum);
}

}  // namespace

namespace {

// Facts from firm records fill the rubric's disclosure leaves; values in the input win; the
// segment comes from the record when the input has none.
TEST(Scoring, ScoreInputFillsFactsFromRecords) {
  auto records = materia::load_firm_records_sample("fintech-2024");  // F01: ESG, limited, 81 dims
  auto input = materia::load_scoring_input_json(R"({"attention":{"issues":{"a":1}},"firms":[
      {"id":"F01","values":{"completeness":5,"detail":5,"strategy_integration":5,
        "governance_structure":5,"performance":5,"esg_rating":"AAA"},"issues":{"a":1}},
      {"id":"F02","values":{"assurance":"reasonable","completeness":1,"detail":1,
        "strategy_integration":1,"governance_structure":1,"performance":1,"esg_rating":"none"},
       "issues":{}}]})",
                                                "in.json");
  materia::ScoreOptions options;
  options.records = &records;
  auto result = materia::score_input(input, options);
  const auto& f01 = find(result, "F01");
  EXPECT_EQ(f01.category, "it_service_provider");  // from the record's segment
  // disclosure = .4*1 (ESG) + .2 + .2 + .15*1 (81 dims, row 80) + .05*.8 (limited) = 0.99
  EXPECT_NEAR(node(f01.juries[1], "disclosure"), 0.99, 1e-12);
  EXPECT_NEAR(f01.score, 0.35 * 0.99 + 0.35 * 1.0 + 0.30 * 1.0, 1e-12);
  // F02's record says "statement"; the input's "reasonable" wins (1.0, not 0.5).
  const auto& f02 = find(result, "F02");
  std::string assurance_input;
  for (const auto& n : f02.juries[1].nodes)
    if (n.id == "assurance") assurance_input = n.input;
  EXPECT_EQ(assurance_input, "assurance = \"reasonable\"");
  // Without the records the facts are missing, and the error names the firm and node.
  try {
    materia::score_input(input);
    FAIL() << "expected an error";
  } catch (const materia::Error& e) {
    EXPECT_EQ(std::string(e.what()),
              "in.json: firm \"F01\": segment \"\" is in no category of the model");
  }
  // An explicit model and attention override the input's.
  materia::ScoreOptions other;
  other.records = &records;
  other.model = "excellence-2024";
  other.attention = nlohmann::json{{"issues", {{"a", 1}, {"b", 3}}}};
  EXPECT_NEAR(node(find(materia::score_input(input, other), "F01").juries[1], "breadth"), 0.25,
              1e-15);
}

}  // namespace
