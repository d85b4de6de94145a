// The method-sensitivity table (materia/run/sensitivity.hpp): competition ranks, a hand-computed
// case where one issue changes tier with the method and with N, and the built-in sample under
// every method and universe.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "materia/materia.hpp"
#include "materia/run/sensitivity.hpp"

namespace {

// Open vocabulary, N = 5 distinct issues, every firm weight 1 and "bottom" policy.
//   normalized Borda (N = 5):  A .85   D .675  B .575  E .5    C .4   -> ranks 1 2 3 4 5
//   normalized Borda (N = 10): A .925  D .7125 B .6625 E .625  C .5125 (same order)
//   attention:                 A 4     B, D, E 2               C 1    -> ranks 1 2 2 2 5
// fisher:2 (least within-tier squares): N = 5 puts {A, D} in tier 1 (SS .0307 against .0406
// for {A} alone); N = 10 and attention put {A} alone (.0217 against .0348; .75 against 3).
// So D is the one issue whose tier changes, under attention and under N = 10.
const char* kSensitivityDataset = R"({
  "taxonomy": "none",
  "companies": [
    {"id": "F1", "issues": ["D", "A", "B"]},
    {"id": "F2", "issues": ["D", "A", "C"]},
    {"id": "F3", "issues": ["A", "E"]},
    {"id": "F4", "issues": ["B", "A", "E"]}
  ]})";

materia::AnalyzeOptions fisher2() {
  materia::AnalyzeOptions options;
  options.tiers = materia::TierSpec::parse("fisher:2");
  return options;
}

const materia::SensitivityVariant& variant(const materia::Sensitivity& s,
                                           const std::string& label) {
  for (const auto& v : s.variants)
    if (v.label() == label) return v;
  throw std::runtime_error("no variant " + label);
}

// Issue index by id.
std::size_t at(const materia::Sensitivity& s, const std::string& id) {
  for (std::size_t i = 0; i < s.issues.size(); ++i)
    if (s.issues[i].id == id) return i;
  throw std::runtime_error("no issue " + id);
}

TEST(CompetitionRanks, EqualScoresShareTheBestPosition) {
  EXPECT_EQ(materia::competition_ranks({0.9, 0.5, 0.5, 0.1}, true), (std::vector<int>{1, 2, 2, 4}));
  EXPECT_EQ(materia::competition_ranks({3, 1, 1, 1, 2}, false), (std::vector<int>{5, 1, 1, 1, 4}));
  EXPECT_EQ(materia::competition_ranks({2, NAN, 2, 5}, true), (std::vector<int>{2, 4, 2, 1}));
  EXPECT_EQ(materia::competition_ranks({}, true), std::vector<int>{});
}

TEST(Sensitivity, HandComputedTierChange) {
  auto dataset = materia::load_dataset_json(kSensitivityDataset, "hand.json");
  auto s = materia::sensitivity(dataset, fisher2());
  EXPECT_EQ(s.method, "borda-normalized");
  EXPECT_EQ(s.universe, 5u);
  ASSERT_EQ(s.issues.size(), 5u);
  const std::size_t a = at(s, "a"), b = at(s, "b"), c = at(s, "c"), d = at(s, "d"), e = at(s, "e");
  EXPECT_EQ(s.issues[a].rank, 1);
  EXPECT_EQ(s.issues[d].rank, 2);
  EXPECT_EQ(s.issues[b].rank, 3);
  EXPECT_EQ(s.issues[e].rank, 4);
  EXPECT_EQ(s.issues[c].rank, 5);
  EXPECT_EQ(s.issues[a].tier, 1);
  EXPECT_EQ(s.issues[d].tier, 1);
  EXPECT_EQ(s.issues[b].tier, 2);

  // Every method, then the universes 5 (the main one) and 10: no taxonomy, so 2 x distinct.
  const auto methods = materia::method_names();
  ASSERT_EQ(s.variants.size(), methods.size() + 2);
  for (std::size_t m = 0; m < methods.size(); ++m) {
    EXPECT_EQ(s.variants[m].kind, "method");
    EXPECT_EQ(s.variants[m].method, methods[m]);
    EXPECT_EQ(s.variants[m].universe, 5u);
    EXPECT_TRUE(s.variants[m].ran()) << methods[m] << ": " << s.variants[m].reason;
    EXPECT_EQ(s.variants[m].main, methods[m] == "borda-normalized");
  }
  EXPECT_EQ(s.variants[methods.size()].label(), "N=5");
  EXPECT_TRUE(s.variants[methods.size()].main);
  EXPECT_EQ(s.variants[methods.size() + 1].label(), "N=10");

  const auto& attention = variant(s, "attention");
  EXPECT_EQ(attention.rank[a], 1);
  EXPECT_EQ(attention.rank[b], 2);
  EXPECT_EQ(attention.rank[d], 2);
  EXPECT_EQ(attention.rank[e], 2);
  EXPECT_EQ(attention.rank[c], 5);
  EXPECT_EQ(attention.tier[d], 2);
  EXPECT_EQ(attention.tier_changes, 1u);
  for (std::size_t i = 0; i < 5; ++i)
    EXPECT_EQ(s.tier_changed(&attention - s.variants.data(), i), i == d) << s.issues[i].id;
  // 7 concordant pairs, none discordant, 3 tied in attention: 7 / sqrt(10 * 7).
  EXPECT_NEAR(attention.kendall_tau_b, 7 / std::sqrt(70.0), 1e-12);
  // Mid-ranks of attention (1, 3, 5, 3, 3) against (1, 3, 5, 2, 4): 8 / sqrt(10 * 8).
  EXPECT_NEAR(attention.spearman_rho, 8 / std::sqrt(80.0), 1e-12);

  const auto& wider = variant(s, "N=10");
  EXPECT_EQ(wider.method, "borda-normalized");
  EXPECT_EQ(wider.rank, (std::vector<int>{s.issues[0].rank, s.issues[1].rank, s.issues[2].rank,
                                          s.issues[3].rank, s.issues[4].rank}));
  EXPECT_EQ(wider.tier[d], 2);
  EXPECT_EQ(wider.tier_changes, 1u);
  EXPECT_DOUBLE_EQ(wider.kendall_tau_b, 1.0);
  EXPECT_DOUBLE_EQ(wider.spearman_rho, 1.0);

  const auto& main = variant(s, "borda-normalized");
  EXPECT_EQ(main.tier_changes, 0u);
  EXPECT_DOUBLE_EQ(main.kendall_tau_b, 1.0);
}

TEST(Sensitivity, MethodsThatCannotRunSayWhy) {
  auto dataset = materia::load_dataset_json(kSensitivityDataset, "hand.json");
  dataset.firms[3].weight = 1.5;
  auto s = materia::sensitivity(dataset, fisher2());
  for (const auto& v : s.variants) {
    if (v.method == "rra" || v.method == "stuart") {
      EXPECT_FALSE(v.ran()) << v.label();
      EXPECT_NE(v.reason.find("firm \"F4\" has weight 1.5"), std::string::npos) << v.reason;
      EXPECT_TRUE(v.rank.empty());
      EXPECT_TRUE(std::isnan(v.kendall_tau_b));
      for (std::size_t i = 0; i < s.issues.size(); ++i)
        EXPECT_FALSE(s.tier_changed(&v - s.variants.data(), i));
    } else {
      EXPECT_TRUE(v.ran()) << v.label() << ": " << v.reason;
    }
  }
  auto json = nlohmann::json::parse(materia::render(s, materia::Format::json));
  for (const auto& v : json["variants"])
    if (v["method"] == "rra") {
      EXPECT_FALSE(v["ran"].get<bool>());
      EXPECT_TRUE(v["tier_changes"].is_null());
      EXPECT_TRUE(v["reason"].is_string());
    }
}

TEST(Sensitivity, RraOptionsApplyToTheRraVariantOnly) {
  auto dataset = materia::load_dataset_json(kSensitivityDataset, "hand.json");
  auto options = fisher2();
  options.method = materia::Method::rra;
  options.rra_exact = true;
  auto s = materia::sensitivity(dataset, options);
  EXPECT_EQ(s.method, "rra");
  for (const auto& v : s.variants)
    EXPECT_TRUE(v.ran()) << v.label() << ": " << v.reason;
  EXPECT_TRUE(variant(s, "rra").main);
  EXPECT_FALSE(variant(s, "stuart").main);
}

// With a taxonomy: the distinct issues, the taxonomy's size and twice that, each once.
TEST(Sensitivity, UniversesFromTheTaxonomy) {
  auto dataset = materia::load_sample("fintech-2024");
  auto s = materia::sensitivity(dataset, {});
  const std::size_t distinct = s.issues.size();
  const std::size_t size = dataset.taxonomy.issue_count();
  std::vector<std::size_t> universes;
  for (const auto& v : s.variants)
    if (v.kind == "universe") universes.push_back(v.universe);
  std::vector<std::size_t> expected = {distinct};
  if (size != distinct) expected.push_back(size);
  expected.push_back(2 * size);
  EXPECT_EQ(universes, expected);
}

// A firm may name a topic itself, which then ranks as an issue: three distinct issues against a
// taxonomy of two, so N = 2 cannot run and says why, and N = 4 runs.
TEST(Sensitivity, TaxonomySmallerThanTheDistinctIssues) {
  auto dataset = materia::load_dataset_json(R"({
    "taxonomy": {"name": "tiny", "issues": [
        {"id": "x", "name_en": "X", "parent": "t"}, {"id": "y", "name_en": "Y", "parent": "t"}],
      "topics": [{"id": "t", "name_en": "T"}]},
    "companies": [{"id": "F1", "issues": ["X", "Y", "T"]}, {"id": "F2", "issues": ["T", "X"]}]})",
                                            "tiny.json");
  auto s = materia::sensitivity(dataset, materia::AnalyzeOptions{});
  ASSERT_EQ(s.issues.size(), 3u);
  const auto& small = variant(s, "N=2");
  EXPECT_FALSE(small.ran());
  EXPECT_EQ(small.reason, "N = 2 is smaller than the 3 distinct issues in the data");
  EXPECT_TRUE(variant(s, "N=4").ran());
  EXPECT_TRUE(variant(s, "N=3").main);
}

// Every method on the sample: each variant is what analyze() with that method gives (its
// competition ranks and tiers), the main rows are the main analysis's, and the flags are exactly
// the tier differences.
TEST(Sensitivity, SampleUnderEveryMethodAndUniverse) {
  auto dataset = materia::load_sample("fintech-2024");
  materia::AnalyzeOptions options;
  auto s = materia::sensitivity(dataset, options);
  auto main = materia::analyze(dataset, options);
  ASSERT_EQ(s.issues.size(), main.issues.size());
  std::vector<double> main_scores;
  for (const auto& issue : main.issues)
    main_scores.push_back(issue.score);
  const auto main_ranks = materia::competition_ranks(main_scores, main.higher_is_better);
  for (std::size_t i = 0; i < main.issues.size(); ++i) {
    EXPECT_EQ(s.issues[i].id, main.issues[i].id);
    EXPECT_EQ(s.issues[i].rank, main_ranks[i]);
    EXPECT_EQ(s.issues[i].tier, main.issues[i].tier);
  }
  std::size_t main_rows = 0;
  for (std::size_t v = 0; v < s.variants.size(); ++v) {
    const auto& variant = s.variants[v];
    ASSERT_TRUE(variant.ran()) << variant.label() << ": " << variant.reason;
    ASSERT_EQ(variant.rank.size(), main.issues.size());
    std::size_t changes = 0;
    for (std::size_t i = 0; i < main.issues.size(); ++i) {
      EXPECT_EQ(s.tier_changed(v, i), variant.tier[i] != main.issues[i].tier);
      changes += variant.tier[i] != main.issues[i].tier;
    }
    EXPECT_EQ(variant.tier_changes, changes) << variant.label();
    if (variant.main) {
      ++main_rows;
      EXPECT_EQ(variant.rank, main_ranks) << variant.label();
      EXPECT_EQ(changes, 0u);
      EXPECT_DOUBLE_EQ(variant.kendall_tau_b, 1.0);
      continue;
    }
    // The same analysis run directly.
    auto direct_options = options;
    direct_options.method = materia::parse_method(variant.method);
    direct_options.universe = variant.universe;
    auto direct = materia::analyze(dataset, direct_options);
    std::vector<double> direct_scores;
    for (const auto& issue : main.issues)
      direct_scores.push_back(direct.find(issue.id)->score);
    EXPECT_EQ(variant.rank, materia::competition_ranks(direct_scores, direct.higher_is_better))
        << variant.label();
    for (std::size_t i = 0; i < main.issues.size(); ++i)
      EXPECT_EQ(variant.tier[i], direct.find(main.issues[i].id)->tier)
          << variant.label() << " " << main.issues[i].id;
    EXPECT_GE(variant.kendall_tau_b, -1.0);
    EXPECT_LE(variant.kendall_tau_b, 1.0);
  }
  EXPECT_EQ(main_rows, 2u);  // the method row and the N row of the main analysis
}

TEST(SensitivityConcurrent, SameTableForAnyThreadCount) {
  auto dataset = materia::load_sample("fintech-2024");
  auto one = materia::render(materia::sensitivity(dataset, {}, materia::Execution{1}),
                             materia::Format::json);
  for (unsigned threads : {0u, 2u, 5u})
    EXPECT_EQ(materia::render(materia::sensitivity(dataset, {}, materia::Execution{threads}),
                              materia::Format::json),
              one)
        << threads;
}

TEST(Sensitivity, RenderedForms) {
  auto dataset = materia::load_dataset_json(kSensitivityDataset, "hand.json");
  auto s = materia::sensitivity(dataset, fisher2());
  auto json = nlohmann::json::parse(materia::render(s, materia::Format::json));
  EXPECT_EQ(json["method"], "borda-normalized");
  EXPECT_EQ(json["universe"], 5);
  EXPECT_EQ(json["tiers"], "fisher:2");
  ASSERT_EQ(json["variants"].size(), s.variants.size());
  ASSERT_EQ(json["issues"].size(), 5u);
  const std::size_t d = at(s, "d");
  const auto attention = static_cast<std::size_t>(&variant(s, "attention") - s.variants.data());
  EXPECT_EQ(json["variants"][attention]["label"], "attention");
  EXPECT_EQ(json["variants"][attention]["tier_changes"], 1);
  EXPECT_EQ(json["issues"][d]["id"], "d");
  EXPECT_EQ(json["issues"][d]["tier"], 1);
  EXPECT_EQ(json["issues"][d]["variants"][attention]["rank"], 2);
  EXPECT_EQ(json["issues"][d]["variants"][attention]["tier"], 2);
  EXPECT_EQ(json["issues"][d]["variants"][attention]["tier_changed"], true);

  const std::string csv = materia::render(s, materia::Format::csv);
  EXPECT_EQ(csv.substr(0, csv.find('\n')),
            "issue,name,main_rank,main_tier,variant,kind,method,universe,rank,tier,tier_changed,"
            "kendall_tau_b,spearman_rho,tier_changes,reason");
  EXPECT_EQ(std::count(csv.begin(), csv.end(), '\n'),
            static_cast<long>(1 + s.issues.size() * s.variants.size()));
  EXPECT_NE(csv.find("\nd,D,2,1,attention,method,attention,5,2,2,true,"), std::string::npos) << csv;

  const std::string table = materia::render(s, materia::Format::table);
  EXPECT_NE(table.find("method sensitivity of borda-normalized, N = 5, tiers fisher:2"),
            std::string::npos);
  EXPECT_NE(table.find("2/2*"), std::string::npos) << table;
}

}  // namespace
