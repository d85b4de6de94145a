// Ties are ties, uncertainty against frozen tiers, rra ranked by its uncapped strength, axes as
// shrunk mean positions, and natural breaks that admit there is no structure (docs/method.md
// sections 2, 3 and 11), on hand-computed cases and on the built-in sample.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>
#include <set>
#include <string>
#include <vector>

#include "materia/materia.hpp"
#include "materia/stats/rank_agreement.hpp"
#include "materia/uncertainty/uncertainty.hpp"
#include "test_support.hpp"

namespace {

using materia_test::issue_by_id;

materia::Dataset dataset_of(const std::string& companies) {
  return materia::load_dataset_json(R"({"taxonomy": "none", "companies": [)" + companies + "]}",
                                    "test.json");
}

bool has_warning(const materia::Result& result, const std::string& part) {
  return std::any_of(result.warnings.begin(), result.warnings.end(),
                     [&](const std::string& w) { return w.find(part) != std::string::npos; });
}

// ---- ties

TEST(Ties, EqualScoresShareTheCompetitionRankAndTheMidRank) {
  // Borda-normalized, N = 3: p is first everywhere; q and r swap places: equal scores.
  auto dataset = dataset_of(R"(
    {"id": "A", "issues": [{"name": "p"}, {"name": "q"}, {"name": "r"}]},
    {"id": "B", "issues": [{"name": "p"}, {"name": "r"}, {"name": "q"}]})");
  auto result = materia::analyze(dataset, {});
  EXPECT_EQ(issue_by_id(result, "p").rank, 1);
  EXPECT_EQ(issue_by_id(result, "q").rank, 2);
  EXPECT_EQ(issue_by_id(result, "r").rank, 2);
  EXPECT_EQ(issue_by_id(result, "p").rank_mid, 1.0);
  EXPECT_EQ(issue_by_id(result, "q").rank_mid, 2.5);
  EXPECT_EQ(issue_by_id(result, "r").rank_mid, 2.5);
  // the rows stay in a stable display order: score, attention, then id
  EXPECT_EQ(result.issues[1].id, "q");
  EXPECT_EQ(result.issues[2].id, "r");
}

TEST(Ties, TiedIssuesGetTheSameBootstrapIntervalAndTierProbabilities) {
  // q and r are tied inside every firm (the same level), so in every replicate: their intervals
  // and P(tier) must be equal, whatever their ids.
  auto dataset = dataset_of(R"(
    {"id": "A", "issues": [{"name": "p", "level": 3}, {"name": "q", "level": 2}, {"name": "r", "level": 2}, {"name": "s", "level": 1}]},
    {"id": "B", "issues": [{"name": "q", "level": 3}, {"name": "r", "level": 3}, {"name": "p", "level": 2}]},
    {"id": "C", "issues": [{"name": "s", "level": 3}, {"name": "q", "level": 2}, {"name": "r", "level": 2}]},
    {"id": "D", "issues": [{"name": "p", "level": 3}, {"name": "s", "level": 2}]})");
  materia::AnalyzeOptions options;
  options.tiers = materia::TierSpec::parse("fisher:2");
  auto result = materia::analyze(dataset, options);
  ASSERT_EQ(issue_by_id(result, "q").rank, issue_by_id(result, "r").rank);
  materia::BootstrapOptions settings;
  settings.replicates = 300;
  materia::attach_bootstrap(result, materia::bootstrap(dataset, result, options, settings));
  const auto& q = issue_by_id(result, "q");
  const auto& r = issue_by_id(result, "r");
  EXPECT_EQ(q.rank_low, r.rank_low);
  EXPECT_EQ(q.rank_high, r.rank_high);
  EXPECT_EQ(q.tier_probability, r.tier_probability);
  // interval ends are observed mid-ranks: whole or half numbers
  for (const auto& row : result.issues) {
    EXPECT_EQ(row.rank_low * 2, std::floor(row.rank_low * 2)) << row.id;
    EXPECT_EQ(row.rank_high * 2, std::floor(row.rank_high * 2)) << row.id;
  }
}

TEST(Ties, RelabellingIssuesChangesNothingButTheLabels) {
  const std::string firms = R"(
    {"id": "A", "issues": [{"name": "ALPHA"}, {"name": "BETA"}, {"name": "GAMMA"}]},
    {"id": "B", "issues": [{"name": "BETA"}, {"name": "ALPHA"}, {"name": "DELTA"}]},
    {"id": "C", "issues": [{"name": "GAMMA"}, {"name": "DELTA"}]})";
  std::string swapped = firms;
  // ALPHA <-> DELTA and BETA <-> GAMMA, through placeholders
  auto replace_all = [](std::string text, const std::string& from, const std::string& to) {
    for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
      text.replace(at, from.size(), to);
    return text;
  };
  swapped = replace_all(swapped, "ALPHA", "#1");
  swapped = replace_all(swapped, "DELTA", "ALPHA");
  swapped = replace_all(swapped, "#1", "DELTA");
  swapped = replace_all(swapped, "BETA", "#2");
  swapped = replace_all(swapped, "GAMMA", "BETA");
  swapped = replace_all(swapped, "#2", "GAMMA");
  const std::map<std::string, std::string> relabel{
      {"alpha", "delta"}, {"delta", "alpha"}, {"beta", "gamma"}, {"gamma", "beta"}};
  for (auto method :
       {materia::Method::borda_normalized, materia::Method::rra, materia::Method::kemeny}) {
    materia::AnalyzeOptions options;
    options.method = method;
    auto a_data = dataset_of(firms);
    auto b_data = dataset_of(swapped);
    auto a = materia::analyze(a_data, options);
    auto b = materia::analyze(b_data, options);
    materia::BootstrapOptions settings;
    settings.replicates = 100;
    materia::attach_bootstrap(a, materia::bootstrap(a_data, a, options, settings));
    materia::attach_bootstrap(b, materia::bootstrap(b_data, b, options, settings));
    for (const auto& row : a.issues) {
      const auto& twin = issue_by_id(b, relabel.at(row.id));
      EXPECT_EQ(row.rank, twin.rank) << row.id;
      EXPECT_EQ(row.rank_mid, twin.rank_mid) << row.id;
      EXPECT_EQ(row.tier, twin.tier) << row.id;
      EXPECT_EQ(row.rank_low, twin.rank_low) << row.id;
      EXPECT_EQ(row.rank_high, twin.rank_high) << row.id;
      EXPECT_EQ(row.tier_probability, twin.tier_probability) << row.id;
    }
  }
}

TEST(Ties, ACountCutThroughATieIsNamed) {
  auto dataset = dataset_of(R"(
    {"id": "A", "issues": [{"name": "p"}, {"name": "q"}, {"name": "r"}]},
    {"id": "B", "issues": [{"name": "p"}, {"name": "r"}, {"name": "q"}]})");
  materia::AnalyzeOptions options;
  options.tiers = materia::TierSpec::parse("counts:2");
  auto result = materia::analyze(dataset, options);
  EXPECT_TRUE(has_warning(result, "cut through a tie: \"q\" (tier 1) and \"r\" (tier 2)"));
  options.tiers = materia::TierSpec::parse("counts:1");
  EXPECT_FALSE(has_warning(materia::analyze(dataset, options), "cut through a tie"));
}

TEST(Ties, TheSamplesRraLeadersAreTied) {
  // The two leaders have the same rho (2.4e-28): one shared rank, not an alphabetical order.
  materia::AnalyzeOptions options;
  options.method = materia::Method::rra;
  auto result = materia::analyze(materia::load_sample("fintech-2024"), options);
  ASSERT_GE(result.issues.size(), 3u);
  EXPECT_EQ(result.issues[0].score, result.issues[1].score);
  EXPECT_EQ(result.issues[0].rank, 1);
  EXPECT_EQ(result.issues[1].rank, 1);
  EXPECT_EQ(result.issues[0].rank_mid, 1.5);
  EXPECT_EQ(result.issues[1].rank_mid, 1.5);
  // every tied group shares one rank and one mid-rank
  std::map<double, std::set<std::pair<int, double>>> by_score;
  for (const auto& row : result.issues)
    by_score[row.score].insert({row.rank, row.rank_mid});
  for (const auto& [score, ranks] : by_score)
    EXPECT_EQ(ranks.size(), 1u) << score;
}

// ---- frozen tiers

TEST(FrozenTiers, TierProbabilitiesCountReplicatesAgainstTheFullSamplesCuts) {
  // A brute-force bootstrap from the public pieces: the same replicate draws, each replicate's
  // scores placed against cut points midway between the full sample's tiers.
  auto dataset = materia::load_sample("fintech-2024");
  materia::AnalyzeOptions options;
  auto result = materia::analyze(dataset, options);
  materia::BootstrapOptions settings;
  settings.replicates = 40;
  settings.seed = 5;
  auto summary = materia::bootstrap(dataset, result, options, settings);

  const std::size_t n = result.issues.size(), m = dataset.firms.size();
  int tiers = 0;
  for (const auto& row : result.issues)
    tiers = std::max(tiers, row.tier);
  std::vector<double> cuts;
  for (int t = 1; t < tiers; ++t) {
    double worst = INFINITY, best = -INFINITY;
    for (const auto& row : result.issues) {
      if (row.tier == t) worst = std::min(worst, row.score);
      if (row.tier == t + 1) best = std::max(best, row.score);
    }
    cuts.push_back((worst + best) / 2);
  }
  std::vector<std::vector<double>> expected(n, std::vector<double>(tiers, 0.0));
  for (std::size_t b = 0; b < settings.replicates; ++b) {
    materia::Dataset replicate = dataset;
    replicate.firms.clear();
    for (std::size_t row : materia::kernels::replicate_rows(settings.seed, b, m)) {
      replicate.firms.push_back(dataset.firms[row]);
      replicate.firms.back().id.append(1, '#').append(std::to_string(replicate.firms.size()));
    }
    materia::AnalyzeOptions same_universe = options;
    same_universe.universe = result.universe;
    auto again = materia::analyze(replicate, same_universe);
    // an issue no drawn firm lists: the mean of the firms' unlisted value (N - k + 1) / (2N)
    const auto big_n = static_cast<double>(result.universe);
    double unlisted = 0;
    for (const auto& firm : replicate.firms)
      unlisted += (big_n - static_cast<double>(firm.entries.size()) + 1) / (2 * big_n);
    unlisted /= static_cast<double>(replicate.firms.size());
    for (std::size_t i = 0; i < n; ++i) {
      const auto* row = again.find(result.issues[i].id);
      const double score = row ? row->score : unlisted;
      int tier = 1;
      for (double cut : cuts) {
        if (score >= cut) break;
        ++tier;
      }
      expected[i][tier - 1] += 1.0 / static_cast<double>(settings.replicates);
    }
  }
  for (std::size_t i = 0; i < n; ++i) {
    ASSERT_EQ(summary.tier_probability[i].size(), static_cast<std::size_t>(tiers));
    for (int t = 0; t < tiers; ++t)
      EXPECT_NEAR(summary.tier_probability[i][t], expected[i][t], 1e-12) << result.issues[i].id;
  }
  // Hennig's stability is a mean of Jaccard similarities
  ASSERT_EQ(summary.tier_stability.size(), static_cast<std::size_t>(tiers));
  for (double s : summary.tier_stability) {
    EXPECT_GT(s, 0.0);
    EXPECT_LE(s, 1.0);
  }
}

TEST(FrozenTiers, TheQuantileOfTheIntervalIsTypeOne) {
  // R: quantile(c(1, 2, 3, 4), c(0.25, 0.5, 0.975), type = 1) = 1, 2, 4
  const std::vector<double> sorted{1, 2, 3, 4};
  EXPECT_EQ(materia::kernels::quantile_type1(sorted, 0.25), 1.0);
  EXPECT_EQ(materia::kernels::quantile_type1(sorted, 0.5), 2.0);
  EXPECT_EQ(materia::kernels::quantile_type1(sorted, 0.975), 4.0);
  EXPECT_EQ(materia::kernels::quantile_type1(sorted, 0.0), 1.0);
  // 1000 replicates: the 2.5 % end is the 25th value, the 97.5 % end the 975th
  std::vector<double> thousand(1000);
  std::iota(thousand.begin(), thousand.end(), 1.0);
  EXPECT_EQ(materia::kernels::quantile_type1(thousand, 0.025), 25.0);
  EXPECT_EQ(materia::kernels::quantile_type1(thousand, 0.975), 975.0);
}

// ---- rra as a score

TEST(RraStrength, TiersAreNeverATieAtTheCap) {
  materia::AnalyzeOptions options;
  options.method = materia::Method::rra;
  auto result = materia::analyze(materia::load_sample("fintech-2024"), options);
  EXPECT_TRUE(result.higher_is_better);
  std::map<int, std::set<double>> scores_of_tier;
  std::size_t capped = 0;
  for (const auto& row : result.issues) {
    ASSERT_FALSE(std::isnan(row.rho)) << row.id;
    // rho = min(1, m rho_min) and score = -log10(m rho_min)
    EXPECT_NEAR(row.rho, std::min(1.0, std::pow(10.0, -row.score)), 1e-9 * row.rho) << row.id;
    capped += row.rho == 1.0;
    scores_of_tier[row.tier].insert(row.score);
  }
  EXPECT_GT(capped, 40u);  // R's value ties most issues at 1
  for (const auto& [tier, scores] : scores_of_tier)
    EXPECT_GT(scores.size(), 1u) << "tier " << tier << " is one tied value";
}

TEST(RraStrength, RanksFollowRsValueWhereItIsNotCapped) {
  materia::AnalyzeOptions options;
  options.method = materia::Method::rra;
  auto result = materia::analyze(materia::load_sample("fintech-2024"), options);
  for (std::size_t i = 1; i < result.issues.size(); ++i) {
    const auto& above = result.issues[i - 1];
    const auto& below = result.issues[i];
    EXPECT_GE(above.score, below.score);
    if (below.rho < 1.0) {
      EXPECT_LE(above.rho, below.rho) << above.id << " " << below.id;
    }
  }
}

// ---- axes

TEST(ShrunkAxes, HandComputedMeansAndShrinkage) {
  // Scale 0..1 declared, so positions are the values. Stakeholder axis:
  //   p: 0.9, 0.7 (mean 0.8)   q: 0.5, 0.1 (mean 0.3)   r: 0.6 (one firm, mean 0.6)
  // pooled within variance s^2 = ((0.1^2 + 0.1^2) + (0.2^2 + 0.2^2)) / (1 + 1) = 0.05
  auto dataset = materia::load_dataset_json(R"({"taxonomy": "none", "scale": {"min": 0, "max": 1},
    "companies": [
    {"id": "A", "issues": [{"name": "p", "stakeholder": 0.9, "business": 0.2},
                           {"name": "q", "stakeholder": 0.5, "business": 0.4},
                           {"name": "r", "stakeholder": 0.6, "business": 0.6}]},
    {"id": "B", "issues": [{"name": "p", "stakeholder": 0.7, "business": 0.4},
                           {"name": "q", "stakeholder": 0.1, "business": 0.8}]}]})",
                                            "axes.json");
  auto result = materia::analyze(dataset, {});
  EXPECT_EQ(result.axis_aggregation, "shrunk");
  // Moment estimate of tau^2 with D_i = s^2 / n_i = (0.025, 0.025, 0.05), w = 1 / D:
  const std::vector<double> mean{0.8, 0.3, 0.6}, d{0.025, 0.025, 0.05};
  double sw = 0, sw2 = 0, swx = 0;
  for (int i = 0; i < 3; ++i) {
    sw += 1 / d[i];
    sw2 += 1 / (d[i] * d[i]);
    swx += mean[i] / d[i];
  }
  double q = 0;
  for (int i = 0; i < 3; ++i)
    q += (mean[i] - swx / sw) * (mean[i] - swx / sw) / d[i];
  const double tau2 = std::max(0.0, (q - 2) / (sw - sw2 / sw));
  ASSERT_GT(tau2, 0.0);
  double mu_num = 0, mu_den = 0;
  for (int i = 0; i < 3; ++i) {
    mu_num += mean[i] / (d[i] + tau2);
    mu_den += 1 / (d[i] + tau2);
  }
  const double mu = mu_num / mu_den;
  const char* ids[] = {"p", "q", "r"};
  for (int i = 0; i < 3; ++i) {
    const double shrink = d[i] / (d[i] + tau2);
    EXPECT_NEAR(issue_by_id(result, ids[i]).stakeholder_shrinkage, shrink, 1e-12) << ids[i];
    EXPECT_NEAR(issue_by_id(result, ids[i]).stakeholder, shrink * mu + (1 - shrink) * mean[i],
                1e-12)
        << ids[i];
  }
  // the single firm's issue is pulled further than the others
  EXPECT_GT(issue_by_id(result, "r").stakeholder_shrinkage,
            issue_by_id(result, "p").stakeholder_shrinkage);
}

TEST(ShrunkAxes, OrderOnlyFirmsSayNothingAboutTheAxes) {
  auto dataset = dataset_of(R"(
    {"id": "A", "issues": [{"name": "p", "stakeholder": 5, "business": 1},
                           {"name": "q", "stakeholder": 1, "business": 5}]},
    {"id": "B", "issues": [{"name": "r"}, {"name": "p"}]})");
  auto result = materia::analyze(dataset, {});
  EXPECT_TRUE(std::isnan(issue_by_id(result, "r").stakeholder));
  EXPECT_TRUE(std::isnan(issue_by_id(result, "r").business));
  EXPECT_EQ(issue_by_id(result, "r").quadrant, "");
  // without a declared scale a firm's axis positions are its mid-percentiles (k - r + 0.5)/k
  EXPECT_EQ(issue_by_id(result, "p").listings[0].stakeholder, 0.75);
  EXPECT_EQ(issue_by_id(result, "p").listings[0].business, 0.25);
}

TEST(ShrunkAxes, TheSamplesAxesStayTwoAndItsTopFiveStillLead) {
  auto result = materia::analyze(materia::load_sample("fintech-2024"), {});
  std::vector<double> stakeholder, business;
  for (const auto& row : result.issues)
    if (!std::isnan(row.stakeholder) && !std::isnan(row.business)) {
      stakeholder.push_back(row.stakeholder);
      business.push_back(row.business);
    }
  ASSERT_GT(stakeholder.size(), 80u);
  const double r = materia::kernels::agreement::pearson(stakeholder, business);
  EXPECT_LT(r, 0.9);  // 0.978 under axes "method"
  materia::AnalyzeOptions by_method;
  by_method.matrix.axes = materia::AxisAggregation::method;
  auto old = materia::analyze(materia::load_sample("fintech-2024"), by_method);
  std::vector<double> s_old, b_old;
  for (const auto& row : old.issues) {
    s_old.push_back(row.stakeholder);
    b_old.push_back(row.business);
  }
  EXPECT_GT(materia::kernels::agreement::pearson(s_old, b_old), 0.97);
  // the report's double materiality top five is checked in Sample.DoubleMateriality...
}

// ---- natural breaks that find nothing

TEST(BreakEvidence, EvenlySpreadScoresShowNoGapAndClustersDo) {
  std::vector<double> even(90);
  std::iota(even.begin(), even.end(), 1.0);
  auto flat = materia::break_evidence(even, 3);
  EXPECT_NEAR(flat.gvf_no_structure, 1.0 - (900.0 - 1.0) / (8100.0 - 1.0), 1e-15);
  EXPECT_GT(flat.dip_p_value, 0.05);
  std::vector<double> clustered;
  for (int c = 0; c < 3; ++c)
    for (int i = 0; i < 30; ++i)
      clustered.push_back(100.0 * c + 0.1 * i);
  EXPECT_LT(materia::break_evidence(clustered, 3).dip_p_value, 0.05);

  // through analyze: one firm's list of 30 issues gives evenly spread borda-normalized scores
  std::string issues;
  for (int i = 0; i < 30; ++i)
    issues += std::string(i ? "," : "") + R"({"name": "i)" + std::to_string(100 + i) + "\"}";
  auto result = materia::analyze(dataset_of(R"({"id": "A", "issues": [)" + issues + "]}"), {});
  EXPECT_NEAR(result.gvf_no_structure, 1.0 - (100.0 - 1.0) / (900.0 - 1.0), 1e-12);
  EXPECT_GT(result.dip_p_value, 0.05);

  materia::AnalyzeOptions counts;
  counts.tiers = materia::TierSpec::parse("counts:10,10");
  auto stated = materia::analyze(dataset_of(R"({"id": "A", "issues": [)" + issues + "]}"), counts);
  EXPECT_TRUE(std::isnan(stated.gvf_no_structure));
}

// ---- attention and weights

TEST(Attention, WeightedAndWithoutWeightZeroFirms) {
  auto dataset = dataset_of(R"(
    {"id": "A", "weight": 3, "issues": [{"name": "p"}, {"name": "q"}]},
    {"id": "B", "weight": 1, "issues": [{"name": "q"}]},
    {"id": "Z", "weight": 0, "issues": [{"name": "p"}, {"name": "r"}]})");
  auto result = materia::analyze(dataset, {});
  EXPECT_EQ(issue_by_id(result, "p").attention, 1);
  EXPECT_DOUBLE_EQ(issue_by_id(result, "p").attention_share, 0.75);
  EXPECT_EQ(issue_by_id(result, "q").attention, 2);
  EXPECT_DOUBLE_EQ(issue_by_id(result, "q").attention_share, 1.0);
  EXPECT_EQ(issue_by_id(result, "r").attention, 0);
  EXPECT_DOUBLE_EQ(issue_by_id(result, "r").attention_share, 0.0);
}

TEST(Attention, ATopicCountsTheFirmsListingAnyChild) {
  auto dataset = materia::load_sample("fintech-2024");
  auto result = materia::analyze(dataset, {});
  ASSERT_FALSE(result.topics.empty());
  for (const auto& topic : result.topics) {
    std::set<std::uint32_t> firms;
    for (const auto& row : result.issues)
      if (row.parent == topic.id || row.id == topic.id)
        for (const auto& listing : row.listings)
          firms.insert(listing.firm);
    EXPECT_EQ(topic.attention, static_cast<int>(firms.size())) << topic.id;
  }
}

}  // namespace
