// Hand-computed scores of every method on one small table with weights, both unlisted policies
// and a universe larger than the issues present. Issues A, B, C; N = 4:
//   F1 (w 1, bottom):       A 1, B 2        (C unlisted: mid-rank (2 + 1 + 4) / 2 = 3.5)
//   F2 (w 2, bottom):       B 1             (A, C unlisted: mid-rank 3)
//   F3 (w 1, not_assessed): C 1, A 2        (B: no opinion)
#include <gtest/gtest.h>

#include <boost/multiprecision/cpp_int.hpp>
#include <cmath>
#include <map>
#include <numeric>
#include <random>

#include "aggregate_test_util.hpp"
#include "materia/error.hpp"
#include "materia/materia.hpp"

namespace {

using materia::Method;
using materia::UnlistedPolicy;
using materia::testing::make_table;
using materia::testing::run;

materia::RankTable example() {
  return make_table({{1, 2, 0}, {0, 1, 0}, {2, 0, 1}}, {1, 2, 1},
                    {UnlistedPolicy::bottom, UnlistedPolicy::bottom, UnlistedPolicy::not_assessed},
                    4);
}

void expect_scores(Method method, std::vector<double> expected, bool higher_is_better) {
  auto result = run(example(), method);
  ASSERT_EQ(result.score.size(), expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i)
    EXPECT_NEAR(result.score[i], expected[i], 1e-12)
        << materia::method_name(method) << " issue " << i;
  EXPECT_EQ(result.higher_is_better, higher_is_better) << materia::method_name(method);
}

TEST(AggregateMethods, Attention) {
  expect_scores(Method::attention, {2, 3, 1}, true);
}
TEST(AggregateMethods, TruncatedBorda) {
  expect_scores(Method::borda, {3, 3, 2}, true);
}
TEST(AggregateMethods, Dowdall) {
  expect_scores(Method::dowdall, {1.5, 2.5, 1}, true);
}
TEST(AggregateMethods, BordaNormalized) {
  expect_scores(Method::borda_normalized, {2.75 / 4, 2.75 / 3, 2.375 / 4}, true);
}
TEST(AggregateMethods, MeanRank) {
  expect_scores(Method::mean_rank, {2.25 / 4, 1.0 / 3, 2.625 / 4}, false);
}
TEST(AggregateMethods, WeightedMedianRank) {
  // A: .25 (w1), .5 (w1), .75 (w2): half the weight is reached exactly at .5 -> (.5 + .75) / 2
  expect_scores(Method::median_rank, {0.625, 0.25, 0.75}, false);
}
TEST(AggregateMethods, GeomeanRank) {
  expect_scores(Method::geomean_rank,
                {std::pow(0.25 * 0.75 * 0.75 * 0.5, 0.25), std::cbrt(0.5 * 0.25 * 0.25),
                 std::pow(0.875 * 0.75 * 0.75 * 0.25, 0.25)},
                false);
}

TEST(AggregateMethods, PairwisePreferencesByHand) {
  auto p = materia::pairwise_preferences(example());
  // F1: A>B, A>C, B>C; F2 (w 2): B>A, B>C; F3 compares only A and C: C>A
  Eigen::MatrixXd expected(3, 3);
  expected << 0, 1, 1, 2, 0, 3, 1, 0, 0;
  EXPECT_TRUE(p.isApprox(expected)) << p;
}

TEST(AggregateMethods, Copeland) {
  expect_scores(Method::copeland, {0.5, 2, 0.5}, true);
}
TEST(AggregateMethods, SchulzeTiesTheTwoBeatenIssues) {
  expect_scores(Method::schulze, {0, 2, 0}, true);
  auto result = run(example(), Method::schulze);
  EXPECT_EQ(result.rank, (std::vector<double>{2.5, 1, 2.5}));  // explicit tie
}
TEST(AggregateMethods, Mc4StationaryDistribution) {
  // B beats A and C, A-C tie: pi_A = 0.05 / (1 - 0.85 * 2/3) = 3/26, pi_B = 20/26
  expect_scores(Method::mc4, {3.0 / 26, 20.0 / 26, 3.0 / 26}, true);
}
TEST(AggregateMethods, Mc4TeleportIsAParameter) {
  // pi_A = (alpha / 3) / (1 - (1 - alpha) 2/3): alpha = 0.5 gives 1/4, alpha = 1 the uniform 1/3
  materia::AggregateOptions options;
  options.method = Method::mc4;
  options.mc4_teleport = 0.5;
  auto half = materia::aggregate(example(), options);
  EXPECT_NEAR(half.score[0], 0.25, 1e-12);
  EXPECT_NEAR(half.score[1], 0.5, 1e-12);
  options.mc4_teleport = 1.0;
  EXPECT_NEAR(materia::aggregate(example(), options).score[1], 1.0 / 3, 1e-12);
  for (double bad : {0.0, -0.1, 1.5, std::nan("")}) {
    options.mc4_teleport = bad;
    EXPECT_THROW(materia::aggregate(example(), options), materia::Error) << bad;
  }
  options.method = Method::copeland;
  options.mc4_teleport = 0.5;
  EXPECT_THROW(materia::aggregate(example(), options), materia::Error);
}
TEST(AggregateMethods, KemenyPutsBFirstAndProvesIt) {
  auto result = run(example(), Method::kemeny);
  EXPECT_EQ(result.score[1], 1.0);
  EXPECT_FALSE(result.higher_is_better);
  ASSERT_TRUE(result.kemeny_distance && result.kemeny_proven_optimal);
  EXPECT_DOUBLE_EQ(*result.kemeny_distance, 2.0);  // P(A,B) + P(C,A) or P(A,B) + P(A,C)
  EXPECT_TRUE(*result.kemeny_proven_optimal);
}

TEST(AggregateMethods, RanksMakeTiesExplicit) {
  auto result = run(example(), Method::borda);  // A and B both 3
  EXPECT_EQ(result.rank, (std::vector<double>{1.5, 1.5, 3}));
}

TEST(AggregateMethods, NamesRoundTripAndUnknownNamesAreUsageErrors) {
  auto names = materia::method_names();
  EXPECT_EQ(names.size(), 14u);
  for (const auto& name : names)
    EXPECT_EQ(materia::method_name(materia::parse_method(name)), name);
  try {
    materia::parse_method("borda-count");
    FAIL();
  } catch (const materia::Error& error) {
    EXPECT_EQ(error.kind(), materia::ErrorKind::usage);
    EXPECT_NE(std::string(error.what()).find("schulze"), std::string::npos);
  }
}

TEST(AggregateMethods, RraOptionsOnlyWithRra) {
  materia::AggregateOptions options;
  options.method = Method::borda;
  options.rra_exact = true;
  EXPECT_THROW(materia::aggregate(example(), options), materia::Error);
}

TEST(AggregateMethods, UniverseSmallerThanAListIsAUsageError) {
  auto table = example();
  table.universe = 1;
  EXPECT_THROW(run(table, Method::borda_normalized), materia::Error);
}

TEST(AggregateMethods, ContributionsAddUpToTheScore) {
  auto table = example();
  for (const auto& name : materia::method_names()) {
    const Method method = materia::parse_method(name);
    materia::AggregateOptions options;
    options.method = method;
    auto result = materia::aggregate(table, options);
    for (std::size_t issue = 0; issue < 3; ++issue) {
      auto parts = materia::contributions(table, options, issue);
      ASSERT_EQ(parts.size(), 3u);
      double sum = 0.0;
      for (const auto& part : parts)
        sum += part.contribution;
      if (materia::contributions_sum_to_score(method)) {
        EXPECT_NEAR(sum, result.score[issue], 1e-12) << name << " issue " << issue;
      }
    }
  }
  // F3 has no opinion on B: not counted where the policy matters
  materia::AggregateOptions options;
  options.method = Method::mean_rank;
  auto parts = materia::contributions(table, options, 1);
  EXPECT_FALSE(parts[2].counted);
  EXPECT_TRUE(parts[0].counted);
  EXPECT_DOUBLE_EQ(parts[0].value, 0.5);
  EXPECT_DOUBLE_EQ(parts[1].value, 0.25);
  // pairwise support: F1 lists B at 2 of 2 with 1 unlisted below: (2 - 4 + 1 + 1) / 2 = 0
  options.method = Method::copeland;
  parts = materia::contributions(table, options, 1);
  EXPECT_DOUBLE_EQ(parts[0].value, 0.0);
  EXPECT_DOUBLE_EQ(parts[1].value, 1.0);  // F2 puts B above both others
}

TEST(AggregateMethods, TiedListedIssuesShareTheirPoints) {
  // one firm ties A and B at mid-rank 1.5 above C: Borda gives each (3 - 1.5 + 1) = 2.5
  auto table = make_table({{1.5, 1.5, 3}});
  auto result = run(table, Method::borda);
  EXPECT_EQ(result.score, (std::vector<double>{2.5, 2.5, 1}));
  auto p = materia::pairwise_preferences(table);
  EXPECT_EQ(p(0, 1), 0.0);  // a tie is no preference either way
  EXPECT_EQ(p(1, 0), 0.0);
  EXPECT_EQ(p(0, 2), 1.0);
}

// Equal scores tie whichever firms gave the points (docs/method.md sections 2, 3): floating sums
// of a `bottom` firm's base value and per-issue corrections split such ties in the last bit.
// Issues x, y, z; N = 3 (tests/oracles/bootstrap_reference.py, the case it found):
//   F1 (bottom):       y, z tied at 1 (mid-rank 1.5)
//   F2 (not_assessed): x
//   F3 (not_assessed): x, y tied at 1 (mid-rank 1.5)
// borda-normalized: y = (5/6 + 5/6) / 2 and z = 5/6, both 5/6.
const char* kSplitTie = R"({"taxonomy": "none", "companies": [
  {"id": "F1", "unlisted": "bottom", "issues": [{"name": "y", "rank": 1}, {"name": "z", "rank": 1}]},
  {"id": "F2", "unlisted": "not_assessed", "issues": [{"name": "x", "rank": 1}]},
  {"id": "F3", "unlisted": "not_assessed",
   "issues": [{"name": "x", "rank": 1}, {"name": "y", "rank": 1}]}]})";

// Issues a, b, c; N = 3: b = (2/3 + 2/3) / 2 from F2 and F3 and c = (1/3 + 1) / 2 from F2
// (unlisted) and F3, both 2/3.
const char* kSplitTieTwo = R"({"taxonomy": "none", "companies": [
  {"id": "F1", "unlisted": "not_assessed", "issues": [{"name": "a", "rank": 1}]},
  {"id": "F2", "unlisted": "bottom", "issues": [{"name": "a", "rank": 1}, {"name": "b", "rank": 2}]},
  {"id": "F3", "unlisted": "bottom", "issues": [{"name": "c", "rank": 1}, {"name": "b", "rank": 2}]}]})";

const materia::IssueResult& issue_named(const materia::Result& result, const std::string& id) {
  for (const auto& issue : result.issues)
    if (issue.id == id) return issue;
  throw std::runtime_error("no issue " + id);
}

// A dataset whose issues `ids` score the same exact number `score`, analysed with `tiers`: checks
// that each gets that score and the mid-rank `mid`; `bootstrap` then adds a seeded bootstrap.
struct EqualPair {
  materia::Dataset dataset;
  materia::AnalyzeOptions options;
  materia::Result result;

  EqualPair(const char* json, const std::string& source, const std::string& tiers,
            const std::vector<std::string>& ids, double score, double mid)
      : dataset(materia::load_dataset_json(json, source)) {
    options.tiers = materia::TierSpec::parse(tiers);
    result = materia::analyze(dataset, options);
    for (const auto& id : ids) {
      EXPECT_EQ(issue_named(result, id).score, score) << id;
      EXPECT_EQ(issue_named(result, id).rank_mid, mid) << id;
    }
  }

  void bootstrap(int replicates) {
    materia::BootstrapOptions settings;
    settings.replicates = replicates;
    settings.seed = 1;
    materia::attach_bootstrap(
        result, materia::bootstrap(dataset, result, options, settings, materia::Execution{1}));
  }
};

TEST(AggregateMethods, EqualExactScoresTieAndShareTheirBootstrapPlaces) {
  EqualPair pair(kSplitTie, "split-tie.json", "counts:1", {"y", "z"}, 5.0 / 6.0, 1.5);
  pair.bootstrap(40);
  // y ties z at 1.5 in every replicate with F1, else ranks 1.5 to 2.5: the 95% interval as
  // tests/oracles/bootstrap_reference.py computes it
  EXPECT_EQ(issue_named(pair.result, "y").rank_low, 1.5);
  EXPECT_EQ(issue_named(pair.result, "y").rank_high, 2.0);
}

TEST(AggregateMethods, EqualExactScoresFallInTheSameFrozenTier) {
  EqualPair pair(kSplitTieTwo, "split-tie-two.json", "counts:1,1", {"b", "c"}, 2.0 / 3.0, 2.5);
  EXPECT_EQ(issue_named(pair.result, "b").tier,
            2);  // the tie is cut by attention (b 2, c 1), then id
  EXPECT_EQ(issue_named(pair.result, "c").tier, 3);
  pair.bootstrap(200);
  // the cut between tiers 2 and 3 is exactly 2/3, and a replicate score on a cut counts in the
  // better tier (reference: tests/oracles/bootstrap_reference.py's exact scoring)
  EXPECT_EQ(issue_named(pair.result, "b").tier_probability, (std::vector<double>{0, 0.965, 0.035}));
}

// Exact scores as fractions (docs/method.md section 2) for the property below.
using Rational = boost::multiprecision::cpp_rational;

Rational exact(double x) {  // every finite double is a binary fraction
  if (x == 0.0) return 0;
  int e = 0;
  const double m = std::frexp(x, &e);
  Rational r = boost::multiprecision::cpp_int(static_cast<long long>(std::ldexp(m, 53)));
  e -= 53;
  const boost::multiprecision::cpp_int power = boost::multiprecision::cpp_int(1) << std::abs(e);
  return e >= 0 ? Rational(r * power) : Rational(r / power);
}

std::vector<Rational> exact_scores(const materia::RankTable& table, Method method) {
  const std::size_t issues = table.issue_count();
  const Rational n = static_cast<long long>(table.universe);
  std::vector<Rational> sum(issues, 0), weight(issues, 0);
  std::vector<std::vector<std::pair<Rational, Rational>>> values(issues);  // median: (r/N, w)
  for (std::size_t f = 0; f < table.firm_count(); ++f) {
    const Rational w = exact(table.weight[f]);
    const Rational k = static_cast<long long>(table.length[f]);
    for (std::size_t i = 0; i < issues; ++i) {
      const double rank =
          table.rank.coeff(static_cast<Eigen::Index>(f), static_cast<Eigen::Index>(i));
      const bool listed = rank > 0;
      if (!listed && table.policy[f] != UnlistedPolicy::bottom) continue;
      const Rational r = listed ? exact(rank) : Rational(k + 1 + n) / 2;
      Rational v;
      switch (method) {
        case Method::attention:
          v = listed ? 1 : 0;
          break;
        case Method::borda:
          v = listed ? Rational(k - r + 1) : Rational(0);
          break;
        case Method::dowdall:
          v = listed ? Rational(1 / r) : Rational(0);
          break;
        case Method::borda_normalized:
          v = (n - r + 1) / n;
          break;
        default:  // mean-rank, median-rank
          v = r / n;
          break;
      }
      sum[i] += w * v;
      weight[i] += w;
      values[i].emplace_back(r / n, w);
    }
  }
  std::vector<Rational> score(issues);
  for (std::size_t i = 0; i < issues; ++i) {
    if (materia::kernels::is_sum(method)) {
      score[i] = sum[i];
    } else if (method != Method::median_rank) {
      const Rational empty = method == Method::mean_rank ? 1 : 0;
      score[i] = weight[i] > 0 ? Rational(sum[i] / weight[i]) : empty;
    } else {  // the weighted median, the mean of two values where the weight halves exactly
      auto items = values[i];
      std::sort(items.begin(), items.end());
      Rational cumulative = 0;
      score[i] = weight[i] > 0 ? items.back().first : Rational(1);
      for (std::size_t t = 0; t < items.size() && weight[i] > 0; ++t) {
        cumulative += items[t].second;
        if (cumulative * 2 == weight[i]) {
          std::size_t next = t + 1;
          while (next < items.size() && items[next].second <= 0)
            ++next;
          score[i] = next < items.size() ? Rational((items[t].first + items[next].first) / 2)
                                         : items[t].first;
          break;
        }
        if (cumulative * 2 > weight[i]) {
          score[i] = items[t].first;
          break;
        }
      }
    }
  }
  return score;
}

// geomean-rank: the score (prod d^w)^(1 / W) / 2N (d = 2r) is determined by the fractions
// E_p / W of the exponents of the primes of the d: equal scores have equal fractions.
std::map<long long, Rational> geomean_key(const materia::RankTable& table, std::size_t issue) {
  std::map<long long, Rational> exponent;
  Rational total = 0;
  for (std::size_t f = 0; f < table.firm_count(); ++f) {
    const double rank =
        table.rank.coeff(static_cast<Eigen::Index>(f), static_cast<Eigen::Index>(issue));
    if (rank == 0 && table.policy[f] != UnlistedPolicy::bottom) continue;
    auto d = static_cast<long long>(
        rank > 0 ? 2 * rank : static_cast<double>(table.length[f] + 1 + table.universe));
    const Rational w = exact(table.weight[f]);
    total += w;
    for (long long p = 2; d > 1; ++p)
      for (; d % p == 0; d /= p)
        exponent[p] += w;
  }
  std::map<long long, Rational> key;
  for (const auto& [p, e] : exponent)
    if (e != 0 && total > 0) key[p] = e / total;
  if (total == 0) key[0] = -1;  // the empty score
  return key;
}

TEST(AggregateMethods, EqualExactScoresGetEqualMidRanksOnRandomTables) {
  // Small tables with tied ranks, both policies, fractional and zero weights and repeated firms,
  // where equal scores from different firms are common; scores are also computed as fractions.
  std::mt19937_64 rng(20261207);
  const double weights[] = {1, 1, 2, 3, 0.5, 0.1, 0};
  std::size_t tied_pairs = 0;
  for (int round = 0; round < 400; ++round) {
    const std::size_t issues = 2 + rng() % 5, firms = 1 + rng() % 6;
    std::vector<materia::kernels::FirmList> lists(firms);
    for (auto& list : lists) {
      std::vector<std::size_t> order(issues);
      std::iota(order.begin(), order.end(), 0);
      std::shuffle(order.begin(), order.end(), rng);
      const std::size_t k = 1 + rng() % issues;
      std::vector<double> position;  // positions 1..k, some repeated: ties
      for (std::size_t t = 0; t < k; ++t)
        position.push_back(t > 0 && rng() % 3 == 0 ? position.back() : static_cast<double>(t + 1));
      list.issue.assign(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(k));
      list.rank = materia::kernels::mid_ranks(position, /*larger_is_better=*/false);
      list.weight = weights[rng() % std::size(weights)];
      list.unlisted = rng() % 2 ? UnlistedPolicy::bottom : UnlistedPolicy::not_assessed;
    }
    if (rng() % 2) lists.push_back(lists[rng() % firms]);  // a firm drawn twice
    const std::size_t universe = issues + rng() % 3;
    const auto table = materia::kernels::rank_table(lists, issues, universe);
    for (Method method : {Method::attention, Method::borda, Method::borda_normalized,
                          Method::dowdall, Method::mean_rank, Method::median_rank}) {
      const auto result = run(table, method);
      const auto want = exact_scores(table, method);
      for (std::size_t i = 0; i < issues; ++i) {
        EXPECT_NEAR(result.score[i], want[i].convert_to<double>(), 1e-15 * result.score[i])
            << materia::method_name(method) << " round " << round << " issue " << i;
        for (std::size_t j = 0; j < issues; ++j) {
          if (want[i] == want[j]) {  // a tie: the same double, so the same mid-rank
            EXPECT_EQ(result.score[i], result.score[j])
                << materia::method_name(method) << " round " << round << " issues " << i << j;
            EXPECT_EQ(result.rank[i], result.rank[j]);
            tied_pairs += i < j;
          } else if (want[i] < want[j]) {  // in order (scores closer than rounding may tie)
            EXPECT_LE(result.score[i], result.score[j]);
          }
        }
      }
    }
    const auto geomean = run(table, Method::geomean_rank);
    for (std::size_t i = 0; i < issues; ++i)
      for (std::size_t j = i + 1; j < issues; ++j)
        if (geomean_key(table, i) == geomean_key(table, j)) {
          EXPECT_EQ(geomean.score[i], geomean.score[j]) << "round " << round;
          EXPECT_EQ(geomean.rank[i], geomean.rank[j]) << "round " << round;
          ++tied_pairs;
        }
  }
  EXPECT_GT(tied_pairs, 1000u);  // the data does test ties
}

}  // namespace
