// The header-only aggregation kernels (materia/aggregate/methods.hpp), on their default
// sequential loop, against the library's aggregate() on its worker pool: the same bits for every
// method on random tables (ties, both policies, weights, universes above the issue count), the
// same contributions, the same errors (as std::invalid_argument); and the same bits on a loop
// that runs the issues on threads of its own in another order.
#include <gtest/gtest.h>

#include <bit>
#include <cmath>
#include <cstdint>
#include <functional>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include "aggregate_test_util.hpp"
#include "kernel_test_loop.hpp"
#include "materia/aggregate/methods.hpp"
#include "materia/error.hpp"
#include "test_scale.hpp"
#include "test_support.hpp"

namespace {

using materia_test::bits;

using materia::AggregateOptions;
using materia::Aggregation;
using materia::Method;
using materia::RankTable;
using materia::UnlistedPolicy;

// Random partial lists with ties (mid-ranks), both policies; whole weights when `whole`, and
// ranks off the half-integers (the order-statistics methods' other path) when `odd_ranks`.
RankTable random_table(std::mt19937_64& rng, bool whole, bool odd_ranks) {
  const std::size_t firms = 1 + rng() % 40, issues = 2 + rng() % 24;
  auto ranks = materia::testing::random_ranks(rng, firms, issues, 1);
  for (auto& row : ranks) {
    std::vector<double> listed;
    for (double r : row)
      if (r > 0) listed.push_back(rng() % 4 == 0 ? std::ceil(r / 2) : r);  // some ties
    const auto mid = materia::kernels::mid_ranks(listed, false);
    for (std::size_t i = 0, t = 0; i < row.size(); ++i)
      if (row[i] > 0) row[i] = odd_ranks ? mid[t++] * 0.99 : mid[t++];
  }
  std::vector<double> weight(firms);
  std::vector<UnlistedPolicy> policy(firms);
  for (std::size_t f = 0; f < firms; ++f) {
    weight[f] = whole ? static_cast<double>(rng() % 4) : 0.25 * static_cast<double>(rng() % 9);
    policy[f] = rng() % 3 ? UnlistedPolicy::bottom : UnlistedPolicy::not_assessed;
  }
  return materia::testing::make_table(ranks, weight, policy, issues + rng() % 5);
}

::testing::AssertionResult same_bits(const Aggregation& a, const Aggregation& b) {
  if (a.score.size() != b.score.size() || a.rank != b.rank || a.method != b.method ||
      a.higher_is_better != b.higher_is_better)
    return ::testing::AssertionFailure() << "shape, rank or method";
  for (std::size_t i = 0; i < a.score.size(); ++i)
    if (bits(a.score[i]) != bits(b.score[i]))
      return ::testing::AssertionFailure()
             << "issue " << i << ": " << a.score[i] << " vs " << b.score[i];
  if (a.kemeny_distance != b.kemeny_distance || a.kemeny_lower_bound != b.kemeny_lower_bound ||
      a.kemeny_proven_optimal != b.kemeny_proven_optimal)
    return ::testing::AssertionFailure() << "kemeny fields";
  return ::testing::AssertionSuccess();
}

std::vector<AggregateOptions> every_method() {
  std::vector<AggregateOptions> all;
  for (const auto& name : materia::method_names()) {
    AggregateOptions options;
    options.method = materia::parse_method(name);
    all.push_back(options);
  }
  AggregateOptions cutoff, exact, heuristic;
  cutoff.method = exact.method = Method::rra;
  cutoff.rra_top_cutoff = true;
  exact.rra_exact = true;
  heuristic.method = Method::kemeny;
  heuristic.kemeny_exact_limit = 3;  // the heuristic and its lower bound
  all.insert(all.end(), {cutoff, exact, heuristic});
  return all;
}

bool needs_whole_weights(Method method) {
  return method == Method::rra || method == Method::stuart;
}

TEST(KernelsAggregate, EveryMethodEqualsTheLibraryOnRandomTables) {
  std::mt19937_64 rng(1701);
  for (int round = 0; round < materia_test::rounds(60, 6); ++round)
    for (const AggregateOptions& options : every_method()) {
      const RankTable table =
          random_table(rng, needs_whole_weights(options.method) || rng() % 2, round % 3 == 0);
      const std::string what = "round " + std::to_string(round) + " " +
                               std::string(materia::method_name(options.method));
      const Aggregation header = materia::kernels::aggregate(table, options);
      for (unsigned threads : {1u, 3u})
        ASSERT_TRUE(same_bits(header, materia::aggregate(table, options, {.threads = threads})))
            << what << " on " << threads << " threads";
      ASSERT_TRUE(same_bits(header, materia::kernels::aggregate(
                                        table, options, materia::testing::InterleavedLoop{4})))
          << what << " on the interleaved loop";
      for (std::size_t issue = 0; issue < table.issue_count(); ++issue) {
        const auto expected = materia::contributions(table, options, issue);
        const auto parts = materia::kernels::contributions(table, options, issue);
        ASSERT_EQ(parts.size(), expected.size());
        for (std::size_t f = 0; f < parts.size(); ++f) {
          EXPECT_EQ(parts[f].listed, expected[f].listed) << what;
          EXPECT_EQ(parts[f].counted, expected[f].counted) << what;
          EXPECT_EQ(bits(parts[f].rank), bits(expected[f].rank)) << what;
          EXPECT_EQ(bits(parts[f].value), bits(expected[f].value)) << what;
          EXPECT_EQ(bits(parts[f].contribution), bits(expected[f].contribution)) << what;
        }
      }
    }
}

TEST(KernelsAggregate, ManyIssuesOnThreadsEqualTheSequentialKernels) {
  // enough issues for rra (64 per thread) and stuart (8) to be split over the pool's threads
  std::mt19937_64 rng(5);
  const auto ranks = materia::testing::random_ranks(rng, 30, 400, 5);
  const RankTable table = materia::testing::make_table(ranks);
  for (Method method : {Method::rra, Method::stuart}) {
    AggregateOptions options;
    options.method = method;
    const Aggregation header = materia::kernels::aggregate(table, options);
    EXPECT_TRUE(same_bits(header, materia::aggregate(table, options, {.threads = 0})));
    EXPECT_TRUE(same_bits(
        header, materia::kernels::aggregate(table, options, materia::testing::InterleavedLoop{3})));
  }
}

TEST(KernelsAggregate, BuildingBlocksEqualTheLibrary) {
  std::mt19937_64 rng(77);
  for (int round = 0; round < 30; ++round) {
    const RankTable table = random_table(rng, false, false);
    const Eigen::MatrixXd p = materia::kernels::pairwise_preferences(table);
    ASSERT_TRUE(p == materia::pairwise_preferences(table));
    for (std::size_t limit : {std::size_t{1}, std::size_t{20}}) {
      const auto header = materia::kernels::kemeny_order(p, limit);
      const auto library = materia::kemeny_order(p, limit);
      EXPECT_EQ(header.order, library.order);
      EXPECT_EQ(bits(header.distance), bits(library.distance));
      EXPECT_EQ(bits(header.lower_bound), bits(library.lower_bound));
      EXPECT_EQ(bits(materia::kernels::kemeny_distance(p, header.order)),
                bits(materia::kemeny_distance(p, library.order)));
    }
    std::vector<double> normalized;
    for (int j = 0; j < 1 + round; ++j)
      normalized.push_back(static_cast<double>(rng() % 101) / 100.0);
    EXPECT_EQ(bits(materia::kernels::stuart_q(normalized)), bits(materia::stuart_q(normalized)));
    EXPECT_EQ(bits(materia::kernels::rra_min_beta(normalized)),
              bits(materia::rra_min_beta(normalized)));
  }
}

// The kernels' std::invalid_argument carries the message the library's Error(usage) carries.
void expect_same_error(const std::function<void()>& header, const std::function<void()>& library,
                       const std::string& what) {
  std::string header_message, library_message;
  try {
    header();
  } catch (const std::invalid_argument& error) {
    header_message = error.what();
  }
  try {
    library();
  } catch (const materia::Error& error) {
    EXPECT_EQ(error.kind(), materia::ErrorKind::usage) << what;
    library_message = error.what();
  }
  EXPECT_FALSE(header_message.empty()) << what;
  EXPECT_EQ(header_message, library_message) << what;
}

TEST(KernelsAggregate, ErrorsAreTheLibrarysUsageErrors) {
  const RankTable fractional = materia::testing::make_table({{1, 2, 0}, {2, 1, 3}}, {1, 0.5});
  AggregateOptions rra;
  rra.method = Method::rra;
  expect_same_error([&] { materia::kernels::aggregate(fractional, rra); },
                    [&] { materia::aggregate(fractional, rra); }, "fractional weight");
  RankTable small = materia::testing::make_table({{1, 2, 3}});
  small.universe = 2;
  expect_same_error([&] { materia::kernels::aggregate(small, {}); },
                    [&] { materia::aggregate(small, {}); }, "universe");
  AggregateOptions misplaced;
  misplaced.rra_exact = true;
  expect_same_error([&] { materia::kernels::aggregate(fractional, misplaced); },
                    [&] { materia::aggregate(fractional, misplaced); }, "rra option");
  const std::vector<double> outside{0.5, 1.5};
  expect_same_error([&] { materia::kernels::stuart_q(outside); },
                    [&] { materia::stuart_q(outside); }, "stuart_q");
  const Eigen::MatrixXd p = Eigen::MatrixXd::Zero(2, 2);
  expect_same_error([&] { materia::kernels::kemeny_order(p, 25); },
                    [&] { materia::kemeny_order(p, 25); }, "kemeny limit");
}

}  // namespace
