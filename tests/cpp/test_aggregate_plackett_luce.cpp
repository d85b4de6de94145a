// --method plackett-luce: hand-computed fits through analyze(), ties and not_assessed firms,
// weights as repetitions, relabelling, the missing MLE, the pl_prior option and explanations.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <map>
#include <string>
#include <vector>

#include "aggregate_test_util.hpp"
#include "materia/aggregate/plackett_luce.hpp"
#include "materia/materia.hpp"
#include "materia/run/request.hpp"
#include "materia/uncertainty/uncertainty.hpp"
#include "output/result_json.hpp"

namespace {

using materia::Method;
using materia::UnlistedPolicy;

struct Firm {
  std::vector<std::pair<std::string, double>> ranks;  // (issue name, rank; equal ranks tie)
  double weight = 1.0;
  UnlistedPolicy unlisted = UnlistedPolicy::bottom;
};

materia::Dataset dataset_of(const std::vector<Firm>& firms) {
  materia::Dataset dataset;
  for (std::size_t f = 0; f < firms.size(); ++f) {
    materia::FirmAssessment firm;
    firm.id = std::to_string(f + 1).insert(0, 1, 'F');
    firm.weight = firms[f].weight;
    firm.unlisted = firms[f].unlisted;
    for (const auto& [name, rank] : firms[f].ranks) {
      materia::Entry entry;
      entry.name = name;
      entry.rank = rank;
      firm.entries.push_back(entry);
    }
    dataset.firms.push_back(firm);
  }
  return dataset;
}

materia::Result analyze_pl(const materia::Dataset& dataset, std::optional<double> prior = {}) {
  materia::AnalyzeOptions options;
  options.method = Method::plackett_luce;
  options.pl_prior = prior;
  return materia::analyze(dataset, options);
}

std::map<std::string, double> worths(const materia::Result& result) {
  std::map<std::string, double> out;
  for (const auto& issue : result.issues)
    out[issue.name] = issue.score;
  return out;
}

std::string usage_error_of(const auto& call) {
  try {
    call();
  } catch (const materia::Error& error) {
    EXPECT_EQ(error.kind(), materia::ErrorKind::usage) << error.what();
    return error.what();
  }
  ADD_FAILURE() << "no error";
  return "";
}

// Top-1 lists of bottom firms choose from every issue: the MLE gives each issue its share of
// first places, here 2:1:1.
TEST(PlackettLuceMethod, TopOneListsThroughAnalyzeGiveTheShareOfFirstPlaces) {
  const auto result =
      analyze_pl(dataset_of({{{{"a", 1}}}, {{{"a", 1}}}, {{{"b", 1}}}, {{{"c", 1}}}}), 0.0);
  EXPECT_EQ(result.method, "plackett-luce");
  EXPECT_TRUE(result.higher_is_better);
  auto w = worths(result);
  EXPECT_NEAR(w["a"], 0.5, 1e-12);
  EXPECT_NEAR(w["b"], 0.25, 1e-12);
  EXPECT_NEAR(w["c"], 0.25, 1e-12);
  EXPECT_EQ(result.issues[0].name, "a");
  for (const auto& issue : result.issues)
    EXPECT_NEAR(issue.log_worth, std::log(issue.score), 1e-12);
}

// Breslow ties: a weight-2 firm ties a and b at the top (each chosen from {a, b, c}), a weight-1
// firm puts c first. L = a^2 b^2 c / (a + b + c)^5, maximised at a = b = 2/5, c = 1/5.
TEST(PlackettLuceMethod, TiedIssuesAreEachChosenFromTheSameSet) {
  const auto result = analyze_pl(dataset_of({{{{"a", 1}, {"b", 1}}, 2.0}, {{{"c", 1}}, 1.0}}), 0.0);
  auto w = worths(result);
  EXPECT_NEAR(w["a"], 0.4, 1e-12);
  EXPECT_NEAR(w["b"], 0.4, 1e-12);
  EXPECT_NEAR(w["c"], 0.2, 1e-12);
}

// A not_assessed firm compares only what it lists: with top-1 lists a, b, c (bottom firms) and a
// not_assessed firm ranking a over b, L = a^2 b c / ((a + b + c)^3 (a + b)), maximised at
// a = 4/9, b = 2/9, c = 1/3 (Lagrange: 2/a - 1/(a+b) = 1/b - 1/(a+b) = 1/c).
TEST(PlackettLuceMethod, NotAssessedFirmsChooseOnlyAmongTheIssuesTheyList) {
  std::vector<Firm> firms = {{{{"a", 1}}},
                             {{{"b", 1}}},
                             {{{"c", 1}}},
                             {{{"a", 1}, {"b", 2}}, 1.0, UnlistedPolicy::not_assessed}};
  auto w = worths(analyze_pl(dataset_of(firms), 0.0));
  EXPECT_NEAR(w["a"], 4.0 / 9.0, 1e-12);
  EXPECT_NEAR(w["b"], 2.0 / 9.0, 1e-12);
  EXPECT_NEAR(w["c"], 1.0 / 3.0, 1e-12);
  // under `bottom` the list also puts both above c: L = a^2 b^2 c / ((a + b + c)^4 (b + c)),
  // maximised at a = 1/2, b = 1/3, c = 1/6
  firms.back().unlisted = UnlistedPolicy::bottom;
  auto bottom = worths(analyze_pl(dataset_of(firms), 0.0));
  EXPECT_NEAR(bottom["a"], 1.0 / 2.0, 1e-12);
  EXPECT_NEAR(bottom["b"], 1.0 / 3.0, 1e-12);
  EXPECT_NEAR(bottom["c"], 1.0 / 6.0, 1e-12);
  // a not_assessed firm listing one issue compares nothing; a weight-0 firm does not count
  firms.back().unlisted = UnlistedPolicy::not_assessed;
  firms.push_back({{{"c", 1}}, 1.0, UnlistedPolicy::not_assessed});
  firms.push_back({{{"b", 1}, {"a", 2}}, 0.0});
  auto more = worths(analyze_pl(dataset_of(firms), 0.0));
  for (const auto& [name, value] : w)
    EXPECT_NEAR(more[name], value, 1e-12) << name;
}

// The prior (npseudo 0.5 by default) shrinks towards equal worths; the quasi standard errors
// are the square roots of the kernel's quasi-variances.
TEST(PlackettLuceMethod, ThePriorShrinksAndQuasiErrorsComeFromTheKernel) {
  const auto dataset = dataset_of({{{{"a", 1}, {"b", 2}, {"c", 3}}},
                                   {{{"a", 1}, {"c", 2}}},
                                   {{{"b", 1}, {"a", 2}, {"d", 3}}},
                                   {{{"d", 1}, {"a", 2}}},
                                   {{{"c", 1}}}});
  const auto mle = analyze_pl(dataset, 0.0), prior = analyze_pl(dataset);
  const auto strong = analyze_pl(dataset, 20.0);
  auto spread = [](const materia::Result& r) {
    double lo = 1, hi = 0;
    for (const auto& issue : r.issues) {
      lo = std::min(lo, issue.score);
      hi = std::max(hi, issue.score);
    }
    return hi / lo;
  };
  EXPECT_GT(spread(mle), spread(prior));
  EXPECT_GT(spread(prior), spread(strong));
  // the same fit by the kernel: issue columns in order of first appearance a, b, c, d
  std::vector<materia::PlackettLuceRanking> rankings = {
      {{{0}, {1}, {2}}}, {{{0}, {2}}}, {{{1}, {0}, {3}}}, {{{3}, {0}}}, {{{2}}}};
  const auto fit = materia::fit_plackett_luce_tied(4, rankings, {});
  const std::vector<std::string> names = {"a", "b", "c", "d"};
  for (std::size_t i = 0; i < 4; ++i) {
    const auto* issue = prior.find(names[i]);
    ASSERT_NE(issue, nullptr);
    EXPECT_NEAR(issue->score, fit.worth[i], 1e-14);
    EXPECT_NEAR(issue->quasi_se, std::sqrt(fit.quasi_variance[i]), 1e-14);
  }
  // the JSON has both fields on every issue row, and neither under another method
  const auto json = materia::to_json(prior);
  for (const auto& row : json["issues"]) {
    EXPECT_TRUE(row.contains("log_worth"));
    EXPECT_TRUE(row["quasi_se"].is_number());
  }
  materia::AnalyzeOptions borda;
  const auto other = materia::to_json(materia::analyze(dataset, borda));
  for (const auto& row : other["issues"])
    EXPECT_FALSE(row.contains("log_worth") || row.contains("quasi_se"));
}

// Under Breslow's form a tied group's members are exchangeable: the fit cannot depend on the
// order the firm wrote them in.
TEST(PlackettLuceMethod, TiesDoNotDependOnTheOrderWritten) {
  const auto one = dataset_of({{{{"a", 1}, {"b", 2}, {"c", 2}, {"d", 3}}},
                               {{{"d", 1}, {"c", 1}}},
                               {{{"b", 1}, {"a", 1}, {"e", 2}}}});
  const auto two = dataset_of({{{{"a", 1}, {"c", 2}, {"b", 2}, {"d", 3}}},
                               {{{"c", 1}, {"d", 1}}},
                               {{{"a", 1}, {"b", 1}, {"e", 2}}}});
  auto w1 = worths(analyze_pl(one)), w2 = worths(analyze_pl(two));
  for (const auto& [name, value] : w1)
    EXPECT_NEAR(w2[name], value, 1e-13) << name;
}

// A duplicated firm is that firm with weight 2; on the sample, every issue.
TEST(PlackettLuceMethod, ADuplicatedFirmEqualsWeightTwo) {
  auto dataset = materia::load_sample("fintech-2024");
  auto duplicated = dataset;
  auto copy = dataset.firms[3];
  copy.id += "-copy";
  duplicated.firms.push_back(copy);
  dataset.firms[3].weight = 2.0;
  materia::AnalyzeOptions options;
  options.method = Method::plackett_luce;
  const auto a = materia::analyze(dataset, options), b = materia::analyze(duplicated, options);
  ASSERT_EQ(a.issues.size(), b.issues.size());
  for (const auto& issue : a.issues) {
    const auto* other = b.find(issue.id);
    ASSERT_NE(other, nullptr);
    EXPECT_NEAR(other->score, issue.score, 1e-12 * issue.score) << issue.id;
    EXPECT_NEAR(other->quasi_se, issue.quasi_se, 1e-9 * issue.quasi_se) << issue.id;
  }
}

// Permuting the issue columns of a rank table permutes the scores, log-worths and quasi
// standard errors and changes nothing else.
TEST(PlackettLuceMethod, RelabellingTheIssuesChangesOnlyTheLabels) {
  std::mt19937_64 rng(7);
  const std::size_t issues = 9;
  auto ranks = materia::testing::random_ranks(rng, 14, issues, 2);
  ranks[0][2] = ranks[0][5] = 1;  // a tie, in a firm that also lists others
  std::vector<UnlistedPolicy> policy(14, UnlistedPolicy::bottom);
  policy[3] = policy[8] = UnlistedPolicy::not_assessed;
  std::vector<double> weight(14, 1.0);
  weight[1] = 2.5;
  weight[6] = 0.0;
  std::vector<std::size_t> permutation = {4, 7, 0, 8, 2, 6, 1, 5, 3};  // old column -> new
  auto permuted = ranks;
  for (std::size_t f = 0; f < ranks.size(); ++f)
    for (std::size_t i = 0; i < issues; ++i)
      permuted[f][permutation[i]] = ranks[f][i];
  for (double prior : {0.5, 3.0}) {
    materia::AggregateOptions options;
    options.method = Method::plackett_luce;
    options.pl_prior = prior;
    const auto a = materia::aggregate(materia::testing::make_table(ranks, weight, policy), options);
    const auto b =
        materia::aggregate(materia::testing::make_table(permuted, weight, policy), options);
    for (std::size_t i = 0; i < issues; ++i) {
      const std::size_t j = permutation[i];
      EXPECT_NEAR(b.score[j], a.score[i], 1e-12 * a.score[i]);
      EXPECT_NEAR(b.log_worth[j], a.log_worth[i], 1e-11);
      EXPECT_NEAR(b.quasi_se[j], a.quasi_se[i], 1e-9 * a.quasi_se[i]);
      EXPECT_EQ(b.rank[j], a.rank[i]);
    }
  }
}

// Without the prior the MLE needs every issue ranked above and below something: the usage error
// names the issues in the user's terms and points to the option.
TEST(PlackettLuceMethod, NoPriorWithoutAnMleIsAUsageErrorNamingTheIssues) {
  // "a" is first in every list: never ranked below anything; "b" and "c" never above "a"
  const auto dataset = dataset_of(
      {{{{"a", 1}, {"b", 2}, {"c", 3}}}, {{{"a", 1}, {"c", 2}, {"b", 3}}}, {{{"a", 1}, {"b", 2}}}});
  const std::string message = usage_error_of([&] { analyze_pl(dataset, 0.0); });
  EXPECT_NE(message.find("maximum likelihood estimate does not exist"), std::string::npos)
      << message;
  EXPECT_NE(message.find("issues \"b\", \"c\" are never ranked above any issue but each other "
                         "and issue \"a\" is never ranked below any other issue"),
            std::string::npos)
      << message;
  EXPECT_NE(message.find("use a positive prior (--pl-prior, or \"pl_prior\" in the options JSON)"),
            std::string::npos)
      << message;
  // the default prior fits it, with "a" first
  EXPECT_EQ(analyze_pl(dataset).issues[0].name, "a");
}

TEST(PlackettLuceMethod, ThePriorOptionIsCheckedInEveryFrontEnd) {
  // JSON of the core and of the run layer
  EXPECT_EQ(materia::analyze_options_from_json(R"({"pl_prior": 0.25})").pl_prior, 0.25);
  EXPECT_EQ(materia::analyze_options_from_json(R"({"pl_prior": 0})").pl_prior, 0.0);
  EXPECT_FALSE(materia::analyze_options_from_json(R"({"pl_prior": null})").pl_prior);
  EXPECT_EQ(materia::parse_request(R"({"pl_prior": 2})").options.pl_prior, 2.0);
  EXPECT_EQ(usage_error_of([] { materia::analyze_options_from_json(R"({"pl_prior": -0.5})"); }),
            "option \"pl_prior\" -0.5 must be a finite number >= 0 (0 = pure maximum "
            "likelihood)");
  EXPECT_EQ(usage_error_of([] { materia::parse_request(R"({"pl_prior": -1})"); }),
            "option \"pl_prior\" -1 must be a finite number >= 0 (0 = pure maximum likelihood)");
  EXPECT_EQ(usage_error_of([] { materia::parse_request(R"({"pl_prior": "big"})"); }),
            "option \"pl_prior\" must be a number, not string");
  EXPECT_EQ(usage_error_of([] { materia::analyze_options_from_json(R"({"pl_prior": true})"); }),
            "option \"pl_prior\" must be a number, not boolean");
  // the prior with another method, and a bad value set in C++
  const auto dataset = materia::load_sample("fintech-2024");
  materia::AnalyzeOptions options;
  options.pl_prior = 0.5;
  EXPECT_EQ(usage_error_of([&] { materia::analyze(dataset, options); }),
            "--pl-prior applies to --method plackett-luce only");
  options.method = Method::plackett_luce;
  options.pl_prior = std::nan("");
  EXPECT_EQ(usage_error_of([&] { materia::analyze(dataset, options); }),
            "--pl-prior must be a finite number >= 0");
}

// explain's v_f: observed minus expected choices. A firm that puts the issue first gains, a
// bottom firm that leaves it out loses, a not_assessed firm that leaves it out is not counted.
TEST(PlackettLuceMethod, ContributionsAreObservedMinusExpectedChoices) {
  const auto table = materia::testing::make_table(
      {{1, 2, 0}, {0, 1, 2}, {2, 0, 1}, {0, 1, 0}}, {1.0, 2.0, 1.0, 1.0},
      {UnlistedPolicy::bottom, UnlistedPolicy::bottom, UnlistedPolicy::bottom,
       UnlistedPolicy::not_assessed});
  materia::AggregateOptions options;
  options.method = Method::plackett_luce;
  const auto result = materia::aggregate(table, options);
  const auto parts = materia::contributions(table, options, 0);
  const double a = result.score[0], b = result.score[1], c = result.score[2];
  // firm 0: a first of {a, b, c}: 1 - a; firm 1: b then c from {a, b, c}, {a, c}: -a - a/(a+c)
  EXPECT_NEAR(parts[0].value, 1.0 - a, 1e-12);
  EXPECT_NEAR(parts[1].value, -a - a / (a + c), 1e-12);
  // firm 2: c first, then a from {a, b}: -a + 1 - a / (a + b)
  EXPECT_NEAR(parts[2].value, -a + 1.0 - a / (a + b), 1e-12);
  EXPECT_FALSE(parts[3].counted);
  EXPECT_EQ(parts[3].value, 0.0);
  EXPECT_NEAR(parts[1].contribution, 2.0 * parts[1].value / 4.0, 1e-12);
  EXPECT_FALSE(materia::contributions_sum_to_score(Method::plackett_luce));
}

// The bootstrap and leave-one-out refit the model on resampled tables: the intervals hold the
// ranks, the results repeat, and they do not depend on the thread count.
TEST(PlackettLuceMethod, BootstrapAndLeaveOneOutRefitTheModel) {
  const auto sample = materia::load_sample("fintech-2024");
  materia::AnalyzeOptions options;
  options.method = Method::plackett_luce;
  const auto result = materia::analyze(sample, options);
  materia::BootstrapOptions bootstrap;
  bootstrap.replicates = 40;
  bootstrap.seed = 3;
  auto run = [&](unsigned threads) {
    materia::Result r = result;
    materia::attach_bootstrap(r, materia::bootstrap(sample, r, options, bootstrap, {threads}));
    materia::attach_leave_one_out(r, materia::leave_one_out(sample, r, options, {threads}));
    return materia::to_json(r).dump();
  };
  const std::string one = run(1);
  EXPECT_EQ(run(3), one);
  const auto json = nlohmann::json::parse(one);
  int influenced = 0;
  for (const auto& issue : json["issues"]) {
    EXPECT_LE(issue["rank_interval"][0].get<double>(), issue["rank_interval"][1].get<double>());
    EXPECT_GE(issue["rank_interval"][0].get<double>(), 1.0);
    EXPECT_LE(issue["rank_interval"][1].get<double>(), 91.0);
    influenced += issue.contains("influential_firm");
  }
  EXPECT_GT(influenced, 0);
  // the top issue (listed by every firm, mostly first) is first in most replicates
  EXPECT_EQ(json["issues"][0]["rank_interval"][0].get<double>(), 1.0);
  EXPECT_GT(json["issues"][0]["tier_probability"][0].get<double>(), 0.5);
}

}  // namespace
