// Tiering and class breaks: Fisher against brute force and the quadratic DP, classInt's
// conventions against R itself (fixture from tests/oracles/classint_breaks.R), tier specs.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <limits>
#include <numeric>
#include <random>
#include <sstream>

#include <nlohmann/json.hpp>

#include "materia/error.hpp"
#include "materia/tier/tier.hpp"
#include "test_support.hpp"

namespace {

using materia::BreakMethod;

double within_cost(const std::vector<double>& values, const std::vector<int>& classes) {
  int k = *std::max_element(classes.begin(), classes.end());
  double cost = 0;
  for (int c = 1; c <= k; ++c) {
    double sum = 0, n = 0;
    for (std::size_t i = 0; i < values.size(); ++i)
      if (classes[i] == c) sum += values[i], n += 1;
    if (n == 0) continue;
    for (std::size_t i = 0; i < values.size(); ++i)
      if (classes[i] == c) cost += (values[i] - sum / n) * (values[i] - sum / n);
  }
  return cost;
}

// Every way to cut the sorted values into k non-empty runs.
double brute_force_cost(std::vector<double> sorted, int k, std::vector<int>& best_classes_sorted) {
  std::sort(sorted.begin(), sorted.end());
  const int n = static_cast<int>(sorted.size());
  double best = std::numeric_limits<double>::infinity();
  std::vector<int> cut(static_cast<std::size_t>(k - 1));
  std::function<void(int, int)> choose = [&](int index, int from) {
    if (index == k - 1) {
      std::vector<int> classes(static_cast<std::size_t>(n));
      int c = 1, next = 0;
      for (int i = 0; i < n; ++i) {
        if (next < k - 1 && i == cut[static_cast<std::size_t>(next)]) ++c, ++next;
        classes[static_cast<std::size_t>(i)] = c;
      }
      double cost = within_cost(sorted, classes);
      if (cost < best - 1e-12) best = cost, best_classes_sorted = classes;
      return;
    }
    for (int i = from; i <= n - (k - 1 - index); ++i) {
      cut[static_cast<std::size_t>(index)] = i;
      choose(index + 1, i + 1);
    }
  };
  choose(0, 1);
  return best;
}

// Hartigan's quadratic programme exactly as classInt's R "jenks" code runs it (ties: the longest
// last class), returning the class of each sorted value.
std::vector<int> quadratic_dp(std::vector<double> d, int k) {
  std::sort(d.begin(), d.end());
  const std::size_t n = d.size(), kk = static_cast<std::size_t>(k);
  std::vector<std::vector<std::size_t>> start(n + 1, std::vector<std::size_t>(kk + 1, 1));
  std::vector<std::vector<double>> cost(n + 1, std::vector<double>(kk + 1, 0.0));
  for (std::size_t l = 2; l <= n; ++l)
    for (std::size_t j = 1; j <= kk; ++j)
      cost[l][j] = std::numeric_limits<double>::max();
  for (std::size_t l = 1; l <= n; ++l) {
    double s1 = 0, s2 = 0, w = 0, v = 0;
    for (std::size_t m = 1; m <= l; ++m) {
      std::size_t i3 = l - m + 1;
      double val = d[i3 - 1];
      s2 += val * val, s1 += val, w += 1;
      v = s2 - s1 * s1 / w;
      std::size_t i4 = i3 - 1;
      if (i4 != 0)
        for (std::size_t j = 2; j <= kk; ++j)
          if (cost[l][j] >= v + cost[i4][j - 1]) start[l][j] = i3, cost[l][j] = v + cost[i4][j - 1];
    }
    start[l][1] = 1, cost[l][1] = v;
  }
  std::vector<int> classes(n);
  std::size_t end = n;
  for (std::size_t j = kk; j >= 1; --j) {
    std::size_t s = start[end][j];
    for (std::size_t i = s; i <= end; ++i)
      classes[i - 1] = static_cast<int>(j);
    end = s - 1;
  }
  return classes;
}

std::vector<int> sorted_classes(const std::vector<double>& values,
                                const std::vector<int>& classes) {
  std::vector<std::size_t> order(values.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](auto a, auto b) { return values[a] < values[b]; });
  std::vector<int> out;
  for (auto i : order)
    out.push_back(classes[i]);
  return out;
}

TEST(Fisher, MatchesBruteForceUpToTwentyValues) {
  std::mt19937_64 rng(11);
  std::normal_distribution<double> normal(0.0, 1.0);
  for (int n = 2; n <= 20; n += 2)
    for (int k = 2; k <= std::min(n, 5); ++k) {
      std::vector<double> values(static_cast<std::size_t>(n));
      for (auto& v : values)
        v = std::exp(normal(rng));
      std::vector<int> best;
      double optimum = brute_force_cost(values, k, best);
      auto classes = materia::fisher_classes(values, k);
      EXPECT_NEAR(within_cost(values, classes), optimum, 1e-9 * (1 + optimum)) << n << " " << k;
      EXPECT_EQ(sorted_classes(values, classes), best) << n << " " << k;
    }
}

TEST(Fisher, MatchesTheQuadraticProgramme) {
  std::mt19937_64 rng(5);
  std::uniform_real_distribution<double> unit(0.0, 100.0);
  std::uniform_int_distribution<int> small(1, 12);
  for (int trial = 0; trial < 20; ++trial) {
    std::vector<double> values(trial % 2 ? 300 : 120);
    for (auto& v : values)
      v = trial % 2 ? unit(rng) : small(rng);  // odd: continuous; even: ties
    for (int k : {2, 3, 5, 7}) {
      auto classes = materia::fisher_classes(values, k);
      auto reference = quadratic_dp(values, k);
      EXPECT_EQ(sorted_classes(values, classes), reference) << "trial " << trial << " k " << k;
    }
  }
}

TEST(Fisher, EqualValuesShareAClassAndKIsCappedByDistinctValues) {
  std::vector<double> values{5, 1, 5, 1, 9, 9, 9};
  auto classes = materia::fisher_classes(values, 10);
  EXPECT_EQ(classes, (std::vector<int>{2, 1, 2, 1, 3, 3, 3}));
  EXPECT_EQ(materia::fisher_classes({4, 4, 4}, 3), (std::vector<int>{1, 1, 1}));
}

TEST(Breaks, HandComputedFisherAndJenks) {
  std::vector<double> values{1, 2, 4, 8, 9, 10};
  auto fisher = materia::natural_breaks(values, 2, BreakMethod::fisher);
  EXPECT_EQ(fisher.breaks, (std::vector<double>{1, 6, 10}));  // halfway between 4 and 8
  EXPECT_EQ(fisher.classes, (std::vector<int>{1, 1, 1, 2, 2, 2}));
  auto jenks = materia::natural_breaks(values, 2, BreakMethod::jenks);
  EXPECT_EQ(jenks.breaks, (std::vector<double>{1, 4, 10}));  // the lower class's largest value
  EXPECT_EQ(jenks.classes, fisher.classes);
  // SDAM = 266 - 34^2/6 = 220/3; SDCM = 14/3 + 2 = 20/3
  EXPECT_NEAR(fisher.gvf, 1 - (20.0 / 3) / (220.0 / 3), 1e-12);
}

TEST(Breaks, EqualIntervalsAndQuantilesByHand) {
  std::vector<double> values{0, 1, 2, 3, 10};
  auto equal = materia::natural_breaks(values, 2, BreakMethod::equal);
  EXPECT_EQ(equal.breaks, (std::vector<double>{0, 5, 10}));
  EXPECT_EQ(equal.classes, (std::vector<int>{1, 1, 1, 1, 2}));
  auto quantile = materia::natural_breaks(values, 2, BreakMethod::quantile);
  EXPECT_EQ(quantile.breaks, (std::vector<double>{0, 2, 10}));
  EXPECT_EQ(quantile.classes, (std::vector<int>{1, 1, 2, 2, 2}));  // left-closed: 2 is in [2, 10]
}

TEST(Breaks, HeadTailSplitsAtMeansWhileTheHeadIsSmall) {
  // mean 10.9: head {50, 40} is 2/10 <= 0.4; its mean 45: head {50} has one value -> stop
  std::vector<double> values{1, 1, 1, 2, 2, 3, 3, 6, 40, 50};
  auto breaks = materia::natural_breaks(values, 3, BreakMethod::headtail);
  EXPECT_EQ(breaks.class_count, 3);
  ASSERT_EQ(breaks.breaks.size(), 4u);
  EXPECT_DOUBLE_EQ(breaks.breaks[1], 10.9);
  EXPECT_DOUBLE_EQ(breaks.breaks[2], 45.0);
  EXPECT_EQ(breaks.classes, (std::vector<int>{1, 1, 1, 1, 1, 1, 1, 1, 2, 3}));
}

TEST(Breaks, GvfGrowsWithKAndReachesOne) {
  std::mt19937_64 rng(3);
  std::uniform_real_distribution<double> unit(0, 1);
  std::vector<double> values(200);
  for (auto& v : values)
    v = unit(rng);
  double last = 0;
  for (int k = 1; k <= 8; ++k) {
    double gvf = materia::natural_breaks(values, k, BreakMethod::fisher).gvf;
    EXPECT_GE(gvf, last - 1e-12);
    last = gvf;
  }
  EXPECT_DOUBLE_EQ(materia::natural_breaks({1, 2, 3}, 3, BreakMethod::fisher).gvf, 1.0);
}

TEST(Breaks, BadInputIsAUsageError) {
  EXPECT_THROW(materia::natural_breaks({1, 2}, 0, BreakMethod::fisher), materia::Error);
  EXPECT_THROW(materia::natural_breaks({1, std::nan("")}, 2, BreakMethod::fisher), materia::Error);
  EXPECT_THROW(materia::parse_break_method("kmeans"), materia::Error);
  auto single = materia::natural_breaks({7, 7}, 3, BreakMethod::jenks);
  EXPECT_EQ(single.class_count, 1);
  EXPECT_EQ(single.classes, (std::vector<int>{1, 1}));
}

TEST(GvfElbow, FindsThreeWellSeparatedClusters) {
  std::mt19937_64 rng(9);
  std::normal_distribution<double> noise(0.0, 0.3);
  std::vector<double> values;
  for (double centre : {0.0, 10.0, 20.0})
    for (int i = 0; i < 30; ++i)
      values.push_back(centre + noise(rng));
  EXPECT_EQ(materia::gvf_elbow(values, 10), 3);
  EXPECT_EQ(materia::gvf_elbow({1, 1, 1}, 10), 1);
  EXPECT_EQ(materia::gvf_elbow({1, 2}, 10), 2);
}

TEST(TierSpec, TextReadsBackAsTheSameSpec) {
  // fuzz_tier_spec: two thresholds that differ only past 15 significant digits printed equal,
  // and the printed spec was refused as not strictly ordered.
  auto spec = materia::TierSpec::parse("thresholds:8888888888888888215,8888888888888888888");
  auto again = materia::TierSpec::parse(spec.to_string());
  EXPECT_EQ(again.values, spec.values);
  EXPECT_EQ(again.to_string(), spec.to_string());
  EXPECT_EQ(spec.to_string(), "thresholds:8.8888888888888883e+18,8.8888888888888893e+18");
  // what people write keeps its 15-digit form
  for (const char* text : {"thresholds:15,8", "counts:1000000000", "shares:0.3,0.3,0.4",
                           "thresholds:0.333333333333333,0.1"})
    EXPECT_EQ(materia::TierSpec::parse(text).to_string(), text);
}

TEST(TierSpec, NewKindsRoundTrip) {
  for (const char* text :
       {"fisher:auto", "jenks:4", "equal:3", "headtail", "headtail:0.3", "quantile:5"}) {
    auto spec = materia::TierSpec::parse(text);
    EXPECT_EQ(spec.to_string(), text);
  }
  EXPECT_THROW(materia::TierSpec::parse("headtail:1.5"), materia::Error);
  EXPECT_THROW(materia::TierSpec::parse("jenks:auto"), materia::Error);
}

TEST(AssignTiers, ClassMethodsPutTheBestScoresInTierOne) {
  std::vector<double> scores{0.9, 0.1, 0.5, 0.95, 0.12, 0.55};
  std::vector<std::size_t> order{3, 0, 5, 2, 4, 1};
  for (const char* spec : {"fisher:3", "jenks:3", "equal:3", "quantile:3", "fisher:auto"}) {
    auto tiering = materia::assign_tiers(scores, order, true, materia::TierSpec::parse(spec));
    EXPECT_EQ(tiering.tier[3], 1) << spec;
    EXPECT_EQ(tiering.tier[1], tiering.tier_count) << spec;
    // tiers never invert the score order
    for (std::size_t a = 0; a < scores.size(); ++a)
      for (std::size_t b = 0; b < scores.size(); ++b)
        if (scores[a] > scores[b]) {
          EXPECT_LE(tiering.tier[a], tiering.tier[b]) << spec;
        }
  }
  // smaller is better: the same partition, mirrored
  std::vector<double> negated;
  for (double s : scores)
    negated.push_back(-s);
  auto up = materia::assign_tiers(scores, order, true, materia::TierSpec::parse("fisher:3"));
  auto down = materia::assign_tiers(negated, order, false, materia::TierSpec::parse("fisher:3"));
  EXPECT_EQ(up.tier, down.tier);
  auto head =
      materia::assign_tiers({1, 1, 1, 2, 2, 3, 3, 6, 40, 50}, {9, 8, 7, 5, 6, 3, 4, 0, 1, 2}, true,
                            materia::TierSpec::parse("headtail"));
  EXPECT_EQ(head.tier, (std::vector<int>{3, 3, 3, 3, 3, 3, 3, 3, 2, 1}));
}

// R's classInt itself: the committed fixture, or a fresh one when ctest's live oracle test ran
// Rscript first (MATERIA_CLASSINT_FIXTURE).
TEST(ClassIntOracle, BreaksAndClassesMatchR) {
  const char* live = std::getenv("MATERIA_CLASSINT_FIXTURE");
  std::string path = live ? live : materia_test::test_data_path("oracles/classint.json");
  std::ifstream file(path);
  ASSERT_TRUE(file) << path;
  auto json = nlohmann::json::parse(file);
  int checked = 0;
  for (const auto& c : json["cases"]) {
    auto values = json["inputs"][c["input"].get<std::string>()].get<std::vector<double>>();
    auto method = materia::parse_break_method(c["style"].get<std::string>());
    int k = c["k"];
    auto expected_breaks = c["breaks"].get<std::vector<double>>();
    auto expected_classes = c["classes"].get<std::vector<int>>();
    auto got = materia::natural_breaks(values, k, method);
    std::string what = c["input"].get<std::string>() + " " + c["style"].get<std::string>() +
                       " k=" + std::to_string(k);
    ASSERT_EQ(got.breaks.size(), expected_breaks.size()) << what;
    for (std::size_t i = 0; i < expected_breaks.size(); ++i)
      EXPECT_NEAR(got.breaks[i], expected_breaks[i], 1e-12 * (1 + std::abs(expected_breaks[i])))
          << what << " break " << i;
    EXPECT_EQ(got.classes, expected_classes) << what;
    ++checked;
  }
  EXPECT_GE(checked, 100);
}

}  // namespace
