// Pairwise methods: the O(sum k^2 + n^2) preference matrix against its definition, Schulze on
// the published 45-voter example, Kemeny against brute force over all n! orders.
#include <gtest/gtest.h>

#include <algorithm>
#include <numeric>
#include <random>

#include "aggregate_test_util.hpp"

namespace {

using materia::Method;
using materia::UnlistedPolicy;
using materia::testing::make_table;
using materia::testing::random_ranks;
using materia::testing::run;

// P(i, j) straight from the definition, O(firms n^2).
Eigen::MatrixXd brute_preferences(const materia::RankTable& table) {
  const auto n = static_cast<Eigen::Index>(table.issue_count());
  Eigen::MatrixXd p = Eigen::MatrixXd::Zero(n, n);
  for (Eigen::Index f = 0; f < table.rank.rows(); ++f) {
    const bool bottom = table.policy[static_cast<std::size_t>(f)] == UnlistedPolicy::bottom;
    const double big = 1e9;  // unlisted under bottom: below every listed issue, tied
    for (Eigen::Index i = 0; i < n; ++i)
      for (Eigen::Index j = 0; j < n; ++j) {
        double ri = table.rank.coeff(f, i), rj = table.rank.coeff(f, j);
        if (!bottom && (ri == 0 || rj == 0)) continue;
        if (ri == 0) ri = big;
        if (rj == 0) rj = big;
        if (ri < rj) p(i, j) += table.weight[static_cast<std::size_t>(f)];
      }
  }
  return p;
}

TEST(AggregatePairwise, PreferencesMatchTheDefinitionWithTiesPoliciesAndWeights) {
  std::mt19937_64 rng(7);
  for (int round = 0; round < 50; ++round) {
    const std::size_t firms = 1 + rng() % 12, issues = 2 + rng() % 9;
    auto ranks = random_ranks(rng, firms, issues, 1);
    for (auto& row : ranks)  // introduce ties: ranks 2 and 3 become mid-rank 2.5
      if (rng() % 3 == 0)
        for (auto& r : row)
          if (r == 2 || r == 3) r = 2.5;
    std::vector<double> weight(firms);
    std::vector<UnlistedPolicy> policy(firms);
    for (std::size_t f = 0; f < firms; ++f) {
      weight[f] = static_cast<double>(rng() % 4) * 0.5;
      policy[f] = rng() % 2 ? UnlistedPolicy::bottom : UnlistedPolicy::not_assessed;
    }
    auto table = make_table(ranks, weight, policy);
    auto fast = materia::pairwise_preferences(table);
    auto slow = brute_preferences(table);
    EXPECT_LT((fast - slow).cwiseAbs().maxCoeff(), 1e-12) << "round " << round;
  }
}

// Schulze (2011), section 3 example; also en.wikipedia.org/wiki/Schulze_method:
// 45 voters, 5 candidates, winner E, order E > A > C > B > D.
materia::RankTable schulze_example(bool as_weights) {
  struct Ballot {
    int voters;
    const char* order;
  };
  const Ballot ballots[] = {{5, "ACBED"}, {5, "ADECB"}, {8, "BEDAC"}, {3, "CABED"},
                            {7, "CAEBD"}, {2, "CBADE"}, {7, "DCEBA"}, {8, "EBADC"}};
  std::vector<std::vector<double>> ranks;
  std::vector<double> weight;
  for (const auto& ballot : ballots) {
    std::vector<double> row(5);
    for (int position = 0; position < 5; ++position)
      row[static_cast<std::size_t>(ballot.order[position] - 'A')] = position + 1;
    for (int copy = 0; copy < (as_weights ? 1 : ballot.voters); ++copy) {
      ranks.push_back(row);
      weight.push_back(as_weights ? ballot.voters : 1.0);
    }
  }
  return make_table(ranks, weight);
}

TEST(AggregatePairwise, SchulzePublishedExample) {
  for (bool as_weights : {false, true}) {
    auto table = schulze_example(as_weights);
    auto p = materia::pairwise_preferences(table);
    // d[*,*] of the example: d[A,B] = 20, d[A,C] = 26, d[A,D] = 30, d[A,E] = 22, d[E,D] = 31
    EXPECT_EQ(p(0, 1), 20);
    EXPECT_EQ(p(0, 2), 26);
    EXPECT_EQ(p(0, 3), 30);
    EXPECT_EQ(p(0, 4), 22);
    EXPECT_EQ(p(4, 3), 31);
    auto result = run(table, Method::schulze);
    // E beats 4, A 3, C 2, B 1, D 0: E > A > C > B > D
    EXPECT_EQ(result.score, (std::vector<double>{3, 1, 2, 0, 4})) << "weights " << as_weights;
    EXPECT_EQ(result.rank, (std::vector<double>{2, 4, 3, 5, 1}));
  }
}

double brute_force_kemeny(const Eigen::MatrixXd& p) {
  std::vector<std::size_t> order(static_cast<std::size_t>(p.rows()));
  std::iota(order.begin(), order.end(), 0);
  double best = std::numeric_limits<double>::infinity();
  do
    best = std::min(best, materia::kemeny_distance(p, order));
  while (std::next_permutation(order.begin(), order.end()));
  return best;
}

TEST(AggregatePairwise, KemenyEqualsBruteForceUpToEightIssues) {
  std::mt19937_64 rng(2001);
  int heuristic_optimal = 0, heuristic_runs = 0;
  for (int round = 0; round < 300; ++round) {
    const std::size_t issues = 2 + static_cast<std::size_t>(round) % 7;  // 2..8
    const std::size_t firms = 1 + rng() % 9;
    auto ranks = random_ranks(rng, firms, issues, 1);
    std::vector<double> weight(firms);
    for (auto& w : weight)
      w = 1.0 + static_cast<double>(rng() % 3);
    auto p = materia::pairwise_preferences(make_table(ranks, weight));
    const double optimum = brute_force_kemeny(p);
    auto exact = materia::kemeny_order(p, 20);
    EXPECT_DOUBLE_EQ(exact.distance, optimum) << "round " << round;
    EXPECT_TRUE(exact.proven_optimal);
    EXPECT_DOUBLE_EQ(exact.distance, materia::kemeny_distance(p, exact.order));
    // Forcing the heuristic (no exact components): never below the optimum, and it may only
    // claim optimality when it is optimal.
    auto heuristic = materia::kemeny_order(p, 1);
    EXPECT_GE(heuristic.distance, optimum - 1e-9);
    EXPECT_LE(heuristic.lower_bound, optimum + 1e-9);  // the bound is a bound
    EXPECT_DOUBLE_EQ(exact.lower_bound, exact.distance);
    if (heuristic.proven_optimal) {
      EXPECT_DOUBLE_EQ(heuristic.distance, optimum);
    }
    ++heuristic_runs;
    heuristic_optimal += heuristic.distance == optimum;
  }
  // the heuristic finds the optimum on almost all small instances
  EXPECT_GE(heuristic_optimal, heuristic_runs * 95 / 100);
}

TEST(AggregatePairwise, KemenyCycleIsProvenByTheCycleBound) {
  // Condorcet cycle A > B > C > A (3 voters): the pair bound sum min(P) = 3 is not reachable (4).
  auto table = make_table({{1, 2, 3}, {3, 1, 2}, {2, 3, 1}});
  auto p = materia::pairwise_preferences(table);
  auto exact = materia::kemeny_order(p, 20);
  EXPECT_EQ(exact.distance, 4.0);
  EXPECT_TRUE(exact.proven_optimal);
  EXPECT_EQ(exact.largest_component, 3u);
  auto heuristic = materia::kemeny_order(p, 1);
  EXPECT_EQ(heuristic.distance, 4.0);
  // pairs give 3; the 3-cycle with margins 1 adds 1: the bound 4 proves the heuristic optimal
  EXPECT_EQ(heuristic.lower_bound, 4.0);
  EXPECT_TRUE(heuristic.proven_optimal);
}

TEST(AggregatePairwise, KemenySplitsIntoComponentsAndSolvesThemExactly) {
  // two cycles of 3, one above the other: 6 issues, two components of 3
  auto table = make_table({{1, 2, 3, 4, 5, 6}, {3, 1, 2, 6, 4, 5}, {2, 3, 1, 5, 6, 4}});
  auto result = materia::kemeny_order(materia::pairwise_preferences(table), 20);
  EXPECT_EQ(result.largest_component, 3u);
  EXPECT_TRUE(result.proven_optimal);
  EXPECT_EQ(result.distance, 8.0);
  for (std::size_t position = 0; position < 3; ++position)
    EXPECT_LT(result.order[position], 3u);
}

TEST(AggregatePairwise, CopelandCountsWinsAndHalfTies) {
  // A > B > C by both firms; D is listed last by one firm and unlisted (bottom) by the other
  auto table = make_table({{1, 2, 3, 0}, {1, 2, 3, 4}});
  auto result = run(table, Method::copeland);
  EXPECT_EQ(result.score, (std::vector<double>{3, 2, 1, 0}));
}

}  // namespace
