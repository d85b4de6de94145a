// compare (A against B, paired bootstrap) and benchmark (a firm against its peers): hand-computed
// small cases, the simultaneous percentile intervals by brute force, a synthetic pair of years
// where exactly two issues swap places, and invariance to firm order and thread count.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>
#include <string>
#include <tuple>
#include <vector>

#include "materia/compare/compare.hpp"
#include "materia/materia.hpp"
#include "test_scale.hpp"

namespace {

using materia::ChangeStatus;
using materia::Dataset;
using materia::FirmAssessment;

FirmAssessment listing(const std::string& id, const std::vector<std::string>& names) {
  FirmAssessment firm;
  firm.id = id;
  for (const auto& name : names) {
    materia::Entry entry;
    entry.name = name;
    firm.entries.push_back(entry);
  }
  return firm;
}

Dataset dataset_of(const std::string& source, std::vector<FirmAssessment> firms) {
  Dataset dataset;
  dataset.source = source;
  dataset.firms = std::move(firms);
  return dataset;
}

materia::AnalyzeOptions options_with_tiers(const char* spec) {
  materia::AnalyzeOptions options;
  options.tiers = materia::TierSpec::parse(spec);
  return options;
}

const materia::IssueChange& change_of(const materia::Comparison& c, const std::string& name) {
  for (const auto& issue : c.issues)
    if (issue.name == name) return issue;
  throw std::runtime_error("no issue " + name);
}

const materia::BenchmarkIssue& row_of(const materia::Benchmark& b, const std::string& name) {
  for (const auto& issue : b.issues)
    if (issue.name == name) return issue;
  throw std::runtime_error("no issue " + name);
}

TEST(SimultaneousPercentileIntervals, OneStatisticByHand) {
  // 1..10: cutting k values from each end keeps (10 - 2k) / 10 of the replicates inside, so
  // level 0.8 allows k = 1, [2, 9], and level 0.95 only k = 0, [1, 10].
  std::vector<double> values{7, 3, 10, 1, 5, 9, 2, 8, 4, 6};
  auto [low, high] = materia::kernels::simultaneous_percentile_intervals(values, 10, 1, 0.8);
  EXPECT_EQ(low[0], 2.0);
  EXPECT_EQ(high[0], 9.0);
  std::tie(low, high) = materia::kernels::simultaneous_percentile_intervals(values, 10, 1, 0.95);
  EXPECT_EQ(low[0], 1.0);
  EXPECT_EQ(high[0], 10.0);
  // two statistics that move together lose nothing to simultaneity
  std::vector<double> together;
  for (double v : values)
    together.insert(together.end(), {v, 2 * v});
  std::tie(low, high) = materia::kernels::simultaneous_percentile_intervals(together, 10, 2, 0.8);
  EXPECT_EQ(low, (std::vector<double>{2, 4}));
  EXPECT_EQ(high, (std::vector<double>{9, 18}));
}

TEST(SimultaneousPercentileIntervals, TheWidestCutThatKeepsTheLevelByBruteForce) {
  std::mt19937_64 rng(7);
  std::normal_distribution<double> noise(0.0, 1.0);
  const std::size_t n = 6, count = 400;
  std::vector<double> replicates(count * n);
  for (std::size_t b = 0; b < count; ++b)
    for (std::size_t i = 0; i < n; ++i)
      replicates[b * n + i] = static_cast<double>(i) + (1.0 + static_cast<double>(i)) * noise(rng);
  // the share of replicates inside every [k-th smallest, k-th largest] at once, by brute force
  auto coverage = [&](std::size_t k) {
    std::vector<double> lo(n), hi(n);
    for (std::size_t i = 0; i < n; ++i) {
      std::vector<double> column;
      for (std::size_t b = 0; b < count; ++b)
        column.push_back(replicates[b * n + i]);
      std::sort(column.begin(), column.end());
      lo[i] = column[k];
      hi[i] = column[count - 1 - k];
    }
    std::size_t inside = 0;
    for (std::size_t b = 0; b < count; ++b) {
      bool all = true;
      for (std::size_t i = 0; i < n; ++i)
        all = all && replicates[b * n + i] >= lo[i] && replicates[b * n + i] <= hi[i];
      inside += all;
    }
    return std::make_tuple(static_cast<double>(inside) / count, lo, hi);
  };
  for (double level : {0.8, 0.9, 0.95}) {
    auto [low, high] =
        materia::kernels::simultaneous_percentile_intervals(replicates, count, n, level);
    std::size_t k = 0;
    while (std::get<0>(coverage(k + 1)) >= level)
      ++k;
    const auto [share, lo, hi] = coverage(k);
    EXPECT_GE(share, level);
    EXPECT_EQ(low, lo) << level;
    EXPECT_EQ(high, hi) << level;
    // narrower than one-at-a-time intervals would allow: k is below count * (1 - level) / 2
    EXPECT_LT(static_cast<double>(k), count * (1.0 - level) / 2.0);
  }
}

TEST(Compare, ADatasetAgainstItselfChangesNothing) {
  const Dataset sample = materia::load_sample("fintech-2024");
  materia::CompareOptions settings;
  settings.replicates = 50;
  const materia::Comparison c = materia::compare(sample, sample, {}, settings);
  EXPECT_EQ(c.firms_both.size(), sample.firms.size());
  EXPECT_TRUE(c.firms_only_a.empty());
  EXPECT_TRUE(c.firms_only_b.empty());
  EXPECT_EQ(c.issues.size(), c.result_b.issues.size());
  for (const auto& issue : c.issues) {
    EXPECT_EQ(issue.status, ChangeStatus::both);
    EXPECT_EQ(issue.rank_change, 0.0) << issue.name;
    // every replicate draws the same firms for both: the difference is 0 in each
    EXPECT_EQ(issue.change_low, 0.0);
    EXPECT_EQ(issue.change_high, 0.0);
    EXPECT_FALSE(issue.significant);
  }
  EXPECT_DOUBLE_EQ(c.tau_b, 1.0);
  EXPECT_DOUBLE_EQ(c.tau_b_low, 1.0);
  EXPECT_DOUBLE_EQ(c.tau_b_high, 1.0);
  for (std::size_t t = 0; t < c.tier_migration.size(); ++t)
    for (std::size_t u = 0; u < c.tier_migration[t].size(); ++u)
      if (t != u) {
        EXPECT_EQ(c.tier_migration[t][u], 0u) << t << "," << u;
      }
  EXPECT_EQ(c.significant_count(), 0u);
}

TEST(Compare, HandComputedSwapOfTheSameFirms) {
  // Three firms list x, y, z in A and y, x, z in B: x falls one place, y rises one, z stays. Each
  // replicate draws the same firms for A and B, and every firm says the same, so each replicate
  // has exactly these changes: zero spread, and the two moves are certain.
  std::vector<FirmAssessment> before, after;
  for (const char* id : {"f1", "f2", "f3"}) {
    before.push_back(listing(id, {"x", "y", "z"}));
    after.push_back(listing(id, {"y", "x", "z"}));
  }
  materia::CompareOptions settings;
  settings.replicates = 40;
  const auto c = materia::compare(dataset_of("a.json", before), dataset_of("b.json", after),
                                  options_with_tiers("counts:1,2"), settings);
  EXPECT_EQ(change_of(c, "x").rank_a, 1.0);
  EXPECT_EQ(change_of(c, "x").rank_b, 2.0);
  EXPECT_EQ(change_of(c, "x").rank_change, 1.0);
  EXPECT_EQ(change_of(c, "y").rank_change, -1.0);
  EXPECT_EQ(change_of(c, "z").rank_change, 0.0);
  EXPECT_TRUE(change_of(c, "x").significant);
  EXPECT_TRUE(change_of(c, "y").significant);
  EXPECT_FALSE(change_of(c, "z").significant);
  EXPECT_EQ(change_of(c, "x").change_low, 1.0);
  EXPECT_EQ(change_of(c, "x").change_high, 1.0);
  // B's order first: y, x, z
  EXPECT_EQ(c.issues[0].name, "y");
  // tau-b of (1, 2, 3) and (2, 1, 3): one discordant pair of three = 1/3
  EXPECT_NEAR(c.tau_b, 1.0 / 3.0, 1e-15);
  // tiers counts:1,2 — x: 1 -> 2, y: 2 -> 1, z: 2 -> 2
  EXPECT_EQ(c.tier_migration[1][2], 1u);
  EXPECT_EQ(c.tier_migration[2][1], 1u);
  EXPECT_EQ(c.tier_migration[2][2], 1u);
  EXPECT_EQ(c.tier_migration[1][1], 0u);
}

TEST(Compare, IssuesThatEnterOrLeaveAndFirmsInOneYear) {
  const Dataset a = dataset_of("a.json", {listing("f1", {"x", "y"}), listing("f2", {"x", "y"}),
                                          listing("gone", {"y", "x"})});
  const Dataset b = dataset_of(
      "b.json", {listing("f1", {"y", "z"}), listing("f2", {"y", "z"}), listing("new", {"z", "y"})});
  materia::CompareOptions settings;
  settings.replicates = 30;
  const auto c = materia::compare(a, b, options_with_tiers("counts:1,1"), settings);
  EXPECT_EQ(c.firms_both, (std::vector<std::string>{"f1", "f2"}));
  EXPECT_EQ(c.firms_only_a, (std::vector<std::string>{"gone"}));
  EXPECT_EQ(c.firms_only_b, (std::vector<std::string>{"new"}));
  EXPECT_EQ(change_of(c, "x").status, ChangeStatus::left);
  EXPECT_EQ(change_of(c, "z").status, ChangeStatus::entered);
  EXPECT_EQ(change_of(c, "y").status, ChangeStatus::both);
  EXPECT_TRUE(std::isnan(change_of(c, "x").rank_b));
  EXPECT_TRUE(std::isnan(change_of(c, "z").rank_a));
  EXPECT_TRUE(std::isnan(change_of(c, "z").rank_change));
  EXPECT_FALSE(change_of(c, "z").significant);
  EXPECT_EQ(c.issues.back().name, "x");  // issues that left come last
  // entered issues in row 0, issues that left in column 0
  EXPECT_EQ(c.tier_migration[0][change_of(c, "z").tier_b], 1u);
  EXPECT_EQ(c.tier_migration[change_of(c, "x").tier_a][0], 1u);
  EXPECT_TRUE(std::isnan(c.tau_b));  // one issue in both
  EXPECT_FALSE(c.warnings.empty());

  settings.same_firms = true;
  const auto paired = materia::compare(a, b, options_with_tiers("counts:1,1"), settings);
  EXPECT_EQ(paired.result_a.firms.size(), 2u);
  EXPECT_EQ(paired.result_b.firms.size(), 2u);
}

TEST(Compare, RefusesDatasetsWithoutSharedIssuesOrFirms) {
  const Dataset a = dataset_of("a.json", {listing("f1", {"x"})});
  const Dataset b = dataset_of("b.json", {listing("f2", {"y"})});
  materia::CompareOptions settings;
  settings.replicates = 0;
  try {
    materia::compare(a, b, {}, settings);
    FAIL() << "no shared issue";
  } catch (const materia::Error& e) {
    EXPECT_NE(std::string(e.what()).find("share no issue"), std::string::npos) << e.what();
  }
  settings.same_firms = true;
  try {
    materia::compare(a, b, {}, settings);
    FAIL() << "no shared firm";
  } catch (const materia::Error& e) {
    EXPECT_NE(std::string(e.what()).find("no firm id is in both a.json and b.json"),
              std::string::npos)
        << e.what();
  }
  settings.level = 1.0;
  EXPECT_THROW(materia::compare(a, a, {}, settings), materia::Error);
}

// Two years of the same firms: each firm ranks issues by consensus position plus its own noise,
// drawn afresh each year; in year B the issues at consensus places `p` and `q` swap.
struct Years {
  Dataset a, b;
};

Years two_years(std::uint64_t seed, std::size_t firms, std::size_t issues, std::size_t p,
                std::size_t q, double noise_sd) {
  std::mt19937_64 rng(seed);
  std::normal_distribution<double> noise(0.0, noise_sd);
  auto year = [&](bool swapped) {
    std::vector<FirmAssessment> out;
    for (std::size_t f = 0; f < firms; ++f) {
      std::vector<std::pair<double, std::size_t>> keyed;
      for (std::size_t i = 0; i < issues; ++i) {
        std::size_t place = i;
        if (swapped && i == p) place = q;
        if (swapped && i == q) place = p;
        keyed.emplace_back(static_cast<double>(place) + noise(rng), i);
      }
      std::sort(keyed.begin(), keyed.end());
      std::vector<std::string> names;
      for (const auto& [key, i] : keyed)
        names.push_back("issue " + std::to_string(i));
      out.push_back(listing("firm " + std::to_string(f), names));
    }
    return out;
  };
  return {dataset_of("a.json", year(false)), dataset_of("b.json", year(true))};
}

TEST(Compare, FlagsTheTwoIssuesThatSwapAndOthersAtMostAtTheStatedRate) {
  const std::size_t seeds = materia_test::rounds(40, 8);
  std::size_t both_found = 0, any_false = 0;
  materia::CompareOptions settings;
  settings.replicates = 200;
  for (std::uint64_t seed = 1; seed <= seeds; ++seed) {
    const Years years = two_years(seed, 40, 15, 2, 11, 2.5);
    settings.seed = seed;
    const auto c = materia::compare(years.a, years.b, {}, settings);
    bool found = change_of(c, "issue 2").significant && change_of(c, "issue 11").significant;
    EXPECT_GT(change_of(c, "issue 2").rank_change, 0.0);
    EXPECT_LT(change_of(c, "issue 11").rank_change, 0.0);
    both_found += found;
    bool other = false;
    for (const auto& issue : c.issues)
      if (issue.name != "issue 2" && issue.name != "issue 11") other = other || issue.significant;
    any_false += other;
  }
  EXPECT_EQ(both_found, seeds);
  // The intervals hold at once in 95 % of the replicates: over 40 pairs of years, 7 or more with
  // a false flag would have probability below 0.005 under Binomial(40, 0.05).
  EXPECT_LE(any_false, seeds <= 8 ? 2u : 6u) << "of " << seeds;
}

TEST(Compare, SameOutputForAnyThreadCountAndFirmOrder) {
  const Years years = two_years(3, 25, 12, 1, 8, 2.0);
  materia::CompareOptions settings;
  settings.replicates = 80;
  settings.seed = 9;
  const auto reference = materia::compare(years.a, years.b, {}, settings, {1});
  auto same = [&](const materia::Comparison& c) {
    ASSERT_EQ(c.issues.size(), reference.issues.size());
    for (std::size_t i = 0; i < c.issues.size(); ++i) {
      EXPECT_EQ(c.issues[i].name, reference.issues[i].name);
      EXPECT_EQ(c.issues[i].rank_change, reference.issues[i].rank_change);
      EXPECT_EQ(c.issues[i].change_low, reference.issues[i].change_low);
      EXPECT_EQ(c.issues[i].change_high, reference.issues[i].change_high);
    }
    EXPECT_EQ(c.tau_b_low, reference.tau_b_low);
    EXPECT_EQ(c.tau_b_high, reference.tau_b_high);
  };
  for (unsigned threads : {0u, 2u, 5u})
    same(materia::compare(years.a, years.b, {}, settings, {threads}));
  Years shuffled = years;
  std::reverse(shuffled.a.firms.begin(), shuffled.a.firms.end());
  std::rotate(shuffled.b.firms.begin(), shuffled.b.firms.begin() + 7, shuffled.b.firms.end());
  same(materia::compare(shuffled.a, shuffled.b, {}, settings, {2}));
}

TEST(Compare, TheIntervalOfTauBHoldsItsEstimate) {
  // The replicates' tau-b sits below the sample's (each replicate repeats firms, so its
  // aggregates are noisier): the interval is built around the estimate from their spread.
  const Years years = two_years(11, 60, 25, 4, 15, 4.0);
  materia::CompareOptions settings;
  settings.replicates = 300;
  const auto c = materia::compare(years.a, years.b, {}, settings);
  EXPECT_LT(c.tau_b_low, c.tau_b);
  ASSERT_LT(c.tau_b_high, 1.0);
  EXPECT_NEAR(c.tau_b - c.tau_b_low, c.tau_b_high - c.tau_b, 1e-12);  // symmetric around it
}

TEST(Benchmark, HandComputedGapsBlindSpotsAndDistinctiveIssues) {
  // Three peers list a, b, c, d; the firm lists d first, then e (no peer lists e) and b.
  const Dataset data = dataset_of(
      "d.json", {listing("p1", {"a", "b", "c", "d"}), listing("p2", {"a", "b", "c", "d"}),
                 listing("p3", {"a", "b", "c", "d"}), listing("me", {"d", "e", "b"})});
  materia::BenchmarkOptions settings;
  settings.firm = "me";
  const auto b = materia::benchmark(data, options_with_tiers("counts:2,2"), settings);
  EXPECT_EQ(b.peers, (std::vector<std::string>{"p1", "p2", "p3"}));
  EXPECT_EQ(b.top_places, 2u);
  EXPECT_EQ(row_of(b, "a").peer_rank, 1.0);
  EXPECT_TRUE(std::isnan(row_of(b, "a").firm_rank));
  EXPECT_TRUE(row_of(b, "a").blind_spot);  // peers' tier 1, not listed
  EXPECT_EQ(row_of(b, "b").firm_rank, 3.0);
  EXPECT_EQ(row_of(b, "b").gap, 1.0);      // 3 - 2
  EXPECT_TRUE(row_of(b, "b").blind_spot);  // tier 1, in the lower half of a 3-issue list
  EXPECT_EQ(row_of(b, "d").gap, -3.0);     // 1 - 4
  EXPECT_TRUE(row_of(b, "d").distinctive);
  EXPECT_FALSE(row_of(b, "c").distinctive);
  EXPECT_TRUE(row_of(b, "e").distinctive);  // place 2, no peer lists it
  EXPECT_TRUE(std::isnan(row_of(b, "e").peer_rank));
  EXPECT_EQ(b.issues.back().name, "e");
  // tau-b of the firm's (1, 3) on d, b against the consensus (4, 2): -1
  EXPECT_DOUBLE_EQ(b.tau_b, -1.0);
  // each peer agrees fully with the other two: tau-b 1, all above the firm's
  EXPECT_EQ(b.peer_tau_b, (std::vector<double>{1.0, 1.0, 1.0}));
  EXPECT_EQ(b.percentile, 0.0);
  EXPECT_EQ(b.blind_spot_count(), 2u);
  EXPECT_EQ(b.distinctive_count(), 2u);
}

TEST(Benchmark, AFirmThatCopiesTheConsensusHasNoGaps) {
  const Years years = two_years(5, 30, 12, 0, 0, 3.0);
  Dataset data = years.a;
  const materia::Result consensus = materia::analyze(data, options_with_tiers("fisher:3"));
  std::vector<std::string> order;
  for (const auto& issue : consensus.issues)
    order.push_back(issue.name);
  data.firms.push_back(listing("copy", order));
  materia::BenchmarkOptions settings;
  settings.firm = "copy";
  const auto b = materia::benchmark(data, options_with_tiers("fisher:3"), settings);
  ASSERT_EQ(b.issues.size(), order.size());
  for (const auto& row : b.issues) {
    EXPECT_EQ(row.gap, 0.0) << row.name;
    EXPECT_FALSE(row.blind_spot) << row.name;
    EXPECT_FALSE(row.distinctive) << row.name;
  }
  EXPECT_DOUBLE_EQ(b.tau_b, 1.0);
  EXPECT_EQ(b.percentile, 100.0);
  EXPECT_EQ(b.peer_tau_b.size(), 30u);
}

TEST(Benchmark, SameOutputForAnyThreadCountAndFirmOrder) {
  Dataset sample = materia::load_sample("fintech-2024");
  materia::BenchmarkOptions settings;
  settings.firm = "F16";
  const std::string reference =
      materia::to_json_text(materia::benchmark(sample, {}, settings, {1}), -1);
  for (unsigned threads : {0u, 2u, 7u})
    EXPECT_EQ(materia::to_json_text(materia::benchmark(sample, {}, settings, {threads}), -1),
              reference)
        << threads;
  // reversed firms: the peers are listed in the new input order, every number is the same
  std::reverse(sample.firms.begin(), sample.firms.end());
  const auto reversed = materia::benchmark(sample, {}, settings, {2});
  const auto original = materia::benchmark(materia::load_sample("fintech-2024"), {}, settings, {2});
  EXPECT_EQ(reversed.tau_b, original.tau_b);
  EXPECT_EQ(reversed.percentile, original.percentile);
  ASSERT_EQ(reversed.issues.size(), original.issues.size());
  for (std::size_t i = 0; i < original.issues.size(); ++i) {
    EXPECT_EQ(reversed.issues[i].id, original.issues[i].id);
    EXPECT_EQ(std::isnan(reversed.issues[i].gap), std::isnan(original.issues[i].gap));
    if (!std::isnan(original.issues[i].gap)) {
      EXPECT_EQ(reversed.issues[i].gap, original.issues[i].gap);
    }
    EXPECT_EQ(reversed.issues[i].blind_spot, original.issues[i].blind_spot);
  }
}

TEST(Benchmark, PeersBySegmentOrIdsAndClearErrors) {
  Dataset data = dataset_of("d.json", {listing("p1", {"a", "b"}), listing("p2", {"b", "a"}),
                                       listing("p3", {"a", "b"}), listing("me", {"a", "b"})});
  data.firms[0].segment = "bank";
  data.firms[3].segment = "bank";
  data.firms[1].segment = "insurer";
  materia::BenchmarkOptions settings;
  settings.firm = "me";
  settings.same_segment = true;
  EXPECT_EQ(materia::benchmark(data, {}, settings).peers, (std::vector<std::string>{"p1"}));
  settings.same_segment = false;
  settings.peers = {"p3", "p2", "p3"};
  EXPECT_EQ(materia::benchmark(data, {}, settings).peers, (std::vector<std::string>{"p2", "p3"}));
  settings.peers = {"nobody"};
  try {
    materia::benchmark(data, {}, settings);
    FAIL();
  } catch (const materia::Error& e) {
    EXPECT_NE(std::string(e.what()).find("d.json"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("\"nobody\" is not a firm"), std::string::npos)
        << e.what();
  }
  settings.peers = {"me"};
  EXPECT_THROW(materia::benchmark(data, {}, settings), materia::Error);
  settings.peers.clear();
  settings.firm = "ghost";
  try {
    materia::benchmark(data, {}, settings);
    FAIL();
  } catch (const materia::Error& e) {
    EXPECT_NE(std::string(e.what()).find("the firms are p1, p2, p3, me"), std::string::npos)
        << e.what();
  }
}

}  // namespace
