// Properties every method must have: relabelling issues relabels the scores, the order of the
// firms does not matter, and a firm listed twice counts as one firm of weight 2.
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

struct Instance {
  std::vector<std::vector<double>> ranks;
  std::vector<double> weight;
  std::vector<UnlistedPolicy> policy;
  std::size_t universe;
};

Instance random_instance(std::mt19937_64& rng) {
  Instance x;
  const std::size_t firms = 3 + rng() % 6, issues = 3 + rng() % 6;
  x.ranks = random_ranks(rng, firms, issues, 1);
  for (std::size_t f = 0; f < firms; ++f) {
    x.weight.push_back(static_cast<double>(1 + rng() % 3));  // whole: rra and stuart count firms
    x.policy.push_back(rng() % 3 ? UnlistedPolicy::bottom : UnlistedPolicy::not_assessed);
  }
  x.universe = issues + rng() % 4;
  return x;
}

materia::Aggregation score(const Instance& x, Method method) {
  materia::AggregateOptions options;
  options.method = method;
  return materia::aggregate(make_table(x.ranks, x.weight, x.policy, x.universe), options);
}

// Kemeny may have several optimal orders; what must not change is the distance it achieves.
void expect_same(const materia::Aggregation& a, const materia::Aggregation& b,
                 const std::vector<std::size_t>& column_of, const std::string& what) {
  if (a.method == Method::kemeny) {
    EXPECT_NEAR(*a.kemeny_distance, *b.kemeny_distance, 1e-9) << what;
    EXPECT_EQ(*a.kemeny_proven_optimal, *b.kemeny_proven_optimal) << what;
    return;
  }
  for (std::size_t i = 0; i < a.score.size(); ++i)
    EXPECT_NEAR(a.score[i], b.score[column_of[i]], 1e-12 + 1e-9 * std::abs(a.score[i]))
        << what << " " << materia::method_name(a.method) << " issue " << i;
}

TEST(AggregateInvariance, RelabellingIssuesPermutingFirmsAndDoublingAFirm) {
  std::mt19937_64 rng(42);
  for (int round = 0; round < 40; ++round) {
    const Instance x = random_instance(rng);
    const std::size_t issues = x.ranks[0].size(), firms = x.ranks.size();
    std::vector<std::size_t> identity(issues);
    std::iota(identity.begin(), identity.end(), 0);

    Instance relabelled = x;  // issue i becomes column sigma[i]
    std::vector<std::size_t> sigma = identity;
    std::shuffle(sigma.begin(), sigma.end(), rng);
    for (std::size_t f = 0; f < firms; ++f)
      for (std::size_t i = 0; i < issues; ++i)
        relabelled.ranks[f][sigma[i]] = x.ranks[f][i];

    Instance permuted = x;
    std::vector<std::size_t> firm_order(firms);
    std::iota(firm_order.begin(), firm_order.end(), 0);
    std::shuffle(firm_order.begin(), firm_order.end(), rng);
    for (std::size_t f = 0; f < firms; ++f) {
      permuted.ranks[f] = x.ranks[firm_order[f]];
      permuted.weight[f] = x.weight[firm_order[f]];
      permuted.policy[f] = x.policy[firm_order[f]];
    }

    // firm 0 given twice with its weight, versus once with twice its weight
    Instance doubled = x, heavier = x;
    doubled.ranks.push_back(x.ranks[0]);
    doubled.weight.push_back(x.weight[0]);
    doubled.policy.push_back(x.policy[0]);
    heavier.weight[0] *= 2;

    for (const auto& name : materia::method_names()) {
      const Method method = materia::parse_method(name);
      const auto base = score(x, method);
      expect_same(base, score(relabelled, method), sigma, "relabelled");
      expect_same(base, score(permuted, method), identity, "firms permuted");
      expect_same(score(doubled, method), score(heavier, method), identity, "doubled vs weight 2");
    }
  }
}

TEST(AggregateInvariance, ZeroWeightFirmChangesNothing) {
  std::mt19937_64 rng(5);
  for (int round = 0; round < 20; ++round) {
    Instance x = random_instance(rng);
    Instance with_ghost = x;
    with_ghost.ranks.push_back(random_ranks(rng, 1, x.ranks[0].size(), 1)[0]);
    with_ghost.weight.push_back(0.0);
    with_ghost.policy.push_back(UnlistedPolicy::bottom);
    std::vector<std::size_t> identity(x.ranks[0].size());
    std::iota(identity.begin(), identity.end(), 0);
    for (const auto& name : materia::method_names()) {
      const Method method = materia::parse_method(name);
      if (method == Method::attention) continue;  // counts listings, weighted: 0 adds 0 anyway
      expect_same(score(x, method), score(with_ghost, method), identity, "weight-0 firm");
    }
  }
}

TEST(AggregateInvariance, RaisingAnIssueInOneListNeverHurtsItUnderMonotoneMethods) {
  // swap the issue at rank 2 with the one at rank 1 in firm 0: the promoted issue's score must
  // not get worse under the positional methods, Copeland and the Schulze count
  std::mt19937_64 rng(11);
  for (int round = 0; round < 40; ++round) {
    Instance x = random_instance(rng);
    auto& row = x.ranks[0];
    auto first = std::find(row.begin(), row.end(), 1.0),
         second = std::find(row.begin(), row.end(), 2.0);
    if (second == row.end()) continue;
    Instance raised = x;
    const auto promoted = static_cast<std::size_t>(second - row.begin());
    raised.ranks[0][promoted] = 1.0;
    raised.ranks[0][static_cast<std::size_t>(first - row.begin())] = 2.0;
    for (Method method : {Method::borda, Method::borda_normalized, Method::dowdall,
                          Method::mean_rank, Method::geomean_rank, Method::median_rank, Method::rra,
                          Method::copeland, Method::schulze}) {
      const auto before = score(x, method), after = score(raised, method);
      if (before.higher_is_better)
        EXPECT_GE(after.score[promoted], before.score[promoted] - 1e-12)
            << materia::method_name(method);
      else
        EXPECT_LE(after.score[promoted], before.score[promoted] + 1e-12)
            << materia::method_name(method);
    }
  }
}

}  // namespace
