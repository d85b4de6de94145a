// Hand-computed scores of every method on one small table with weights, both unlisted policies
// and a universe larger than the issues present. Issues A, B, C; N = 4:
//   F1 (w 1, bottom):       A 1, B 2        (C unlisted: mid-rank (2 + 1 + 4) / 2 = 3.5)
//   F2 (w 2, bottom):       B 1             (A, C unlisted: mid-rank 3)
//   F3 (w 1, not_assessed): C 1, A 2        (B: no opinion)
#include <gtest/gtest.h>

#include <cmath>
#include <numeric>

#include "aggregate_test_util.hpp"
#include "materia/error.hpp"

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

}  // namespace
