// The stages after loading that split their work over threads give the same bits for every thread
// count and equal the sequential definitions: the dip test's replicates of break_evidence and the
// adjacent issues' sign tests.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <numeric>
#include <random>
#include <vector>

#include "analyze/steps.hpp"
#include "materia/rank/rank.hpp"
#include "materia/rank/rank_table.hpp"
#include "materia/stats/rank_tests.hpp"
#include "materia/tier/dip_test.hpp"
#include "materia/tier/multiple_testing.hpp"
#include "materia/tier/tier.hpp"

namespace {

// break_evidence's p-value is dip_test's with kDipReplicates replicates and seed 1, whichever
// thread counted which replicates.
TEST(ParallelStages, BreakEvidenceEqualsTheSequentialDipTest) {
  std::mt19937_64 random(5);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  std::vector<std::vector<double>> samples;
  for (std::size_t n : {4u, 7u, 61u, 500u}) {
    std::vector<double> uniform(n);
    for (double& value : uniform)
      value = unit(random);
    samples.push_back(uniform);
  }
  std::vector<double> clustered;  // two modes: a small p-value, where a miscount shows
  for (int c = 0; c < 2; ++c)
    for (int i = 0; i < 40; ++i)
      clustered.push_back(10.0 * c + 0.01 * i + 0.001 * unit(random));
  samples.push_back(clustered);
  for (const auto& sample : samples) {
    const materia::DipTest expected = materia::dip_test(sample, materia::kDipReplicates, 1);
    for (unsigned threads : {1u, 2u, 3u, 0u}) {
      const materia::BreakEvidence evidence =
          materia::break_evidence(sample, 3, materia::Execution{threads});
      EXPECT_EQ(evidence.dip, expected.dip) << sample.size() << " values, " << threads;
      EXPECT_EQ(evidence.dip_p_value, expected.p_value) << sample.size() << " values, " << threads;
    }
  }
}

// The adjacent issues' sign tests as first written: one firm at a time, each rank looked up by
// binary search in the firm's row.
std::vector<double> adjacent_p_values(const materia::RankTable& table,
                                      const std::vector<std::size_t>& order) {
  const std::size_t n = order.size();
  std::vector<std::size_t> position_of(n);
  for (std::size_t position = 0; position < n; ++position)
    position_of[order[position]] = position;
  std::vector<std::uint64_t> wins(n - 1, 0), losses(n - 1, 0);
  const auto& rank = table.rank;
  for (std::size_t f = 0; f < table.firm_count(); ++f) {
    if (!(table.weight[f] > 0)) continue;
    const auto begin = static_cast<std::size_t>(rank.outerIndexPtr()[f]);
    const auto end = static_cast<std::size_t>(rank.outerIndexPtr()[f + 1]);
    const auto* columns = rank.innerIndexPtr();
    const double* ranks = rank.valuePtr();
    auto rank_of = [&](std::size_t column) {
      const auto* found =
          std::lower_bound(columns + begin, columns + end, static_cast<Eigen::Index>(column));
      return found != columns + end && static_cast<std::size_t>(*found) == column
                 ? ranks[found - columns]
                 : std::numeric_limits<double>::quiet_NaN();
    };
    const bool bottom = table.policy[f] == materia::UnlistedPolicy::bottom;
    for (std::size_t entry = begin; entry < end; ++entry) {
      const std::size_t p = position_of[static_cast<std::size_t>(columns[entry])];
      const double own = ranks[entry];
      if (p + 1 < n) {
        const double next = rank_of(order[p + 1]);
        if (std::isnan(next)) {
          wins[p] += bottom ? 1 : 0;
        } else if (own != next) {
          (own < next ? wins[p] : losses[p]) += 1;
        }
      }
      if (p > 0 && bottom && std::isnan(rank_of(order[p - 1]))) losses[p - 1] += 1;
    }
  }
  std::vector<double> p_values(n - 1);
  for (std::size_t p = 0; p + 1 < n; ++p)
    p_values[p] = materia::sign_test_p_value(wins[p], losses[p]);
  return materia::holm_adjust(p_values);
}

// Enough firms for several pieces, with weights 0, both policies, ties and short lists: every
// thread count gives the p-values of the sequential walk, bit for bit.
TEST(ParallelStages, AdjacentTestsEqualTheSequentialWalk) {
  std::mt19937_64 random(17);
  const std::size_t issues = 40, firms = 30000;
  std::vector<materia::kernels::FirmList> lists(firms);
  for (std::size_t f = 0; f < firms; ++f) {
    std::vector<std::size_t> columns(issues);
    std::iota(columns.begin(), columns.end(), 0);
    // firms agree on the first issues more than on the last: p-values from 0 to 1
    for (std::size_t i = 0; i < issues; ++i)
      std::swap(columns[i], columns[std::min(issues - 1, i + random() % (1 + i / 4))]);
    columns.resize(1 + random() % 12);
    std::vector<double> ranks(columns.size());
    for (std::size_t i = 0; i < columns.size(); ++i)
      ranks[i] = static_cast<double>(1 + i - (i % 3 == 2 ? 1 : 0));  // some ties
    lists[f] = {columns, materia::mid_ranks(ranks, false), static_cast<double>(f % 4),
                f % 3 ? materia::UnlistedPolicy::bottom : materia::UnlistedPolicy::not_assessed};
  }
  const materia::RankTable table = materia::kernels::rank_table(lists, issues, issues);
  std::vector<std::size_t> order(issues);
  std::iota(order.begin(), order.end(), 0);
  std::shuffle(order.begin() + issues / 2, order.end(), random);
  const std::vector<double> expected = adjacent_p_values(table, order);
  ASSERT_LT(*std::min_element(expected.begin(), expected.end()), 1e-6);
  ASSERT_EQ(*std::max_element(expected.begin(), expected.end()), 1.0);
  for (unsigned threads : {1u, 2u, 3u, 0u}) {
    std::vector<materia::IssueResult> results(issues);
    materia::detail::test_adjacent_issues(table, order, results, materia::Execution{threads});
    for (std::size_t p = 0; p + 1 < issues; ++p)
      EXPECT_EQ(results[order[p]].above_next_p, expected[p]) << "pair " << p << ", " << threads;
  }
}

}  // namespace
