#pragma once
/// \file rank_tests.hpp
/// Header-only tests for the order of adjacent items of a ranking: the exact two-sided sign test
/// on the counts of replicates (firms, bootstrap samples) in which one item beats the other, with
/// Holm's correction over the adjacent pairs (materia/tier/multiple_testing.hpp). Needs the
/// standard library and Boost.Math. Definitions and sources: docs/method-statistics.md.
///
///     materia::sign_test_p_value(9, 1);            // 0.021484375
///     materia::holm_adjust({0.01, 0.04, 0.03});    // {0.03, 0.06, 0.06}

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <numeric>
#include <stdexcept>
#include <string>
#include <vector>

#include <boost/math/special_functions/beta.hpp>

#include "materia/tier/multiple_testing.hpp"

namespace materia {

/// Exact two-sided sign test of "i and j are equally likely to beat each other": with
/// n = wins + losses replicates (ties already dropped) and X ~ Binomial(n, 1/2), the p-value
/// P(|X - n/2| >= |wins - n/2|) = min(1, 2 P(X <= min(wins, losses))); 1 when n = 0. This is the
/// exact sign test (Conover 1999, Practical Nonparametric Statistics, 3rd ed., §3.4) and equals
/// scipy.stats.binomtest(wins, n, 0.5).pvalue and R's binom.test(wins, n)$p.value.
inline double sign_test_p_value(std::uint64_t wins, std::uint64_t losses) {
  const std::uint64_t n = wins + losses, smaller = std::min(wins, losses);
  if (n == 0 || 2 * smaller == n) return 1.0;
  // P(X <= m) = I_{1/2}(n - m, m + 1), the regularised incomplete beta function.
  const double tail =
      boost::math::ibeta(static_cast<double>(n - smaller), static_cast<double>(smaller) + 1.0, 0.5);
  return std::min(1.0, 2.0 * tail);
}

/// The sign test of one pair of items adjacent in a ranking.
struct AdjacentSignTest {
  std::size_t upper = 0;         ///< the item ranked higher
  std::size_t lower = 0;         ///< the item ranked just below it
  std::uint64_t upper_wins = 0;  ///< replicates in which `upper` beats `lower`
  std::uint64_t lower_wins = 0;  ///< replicates in which `lower` beats `upper`
  double p_value = 1.0;          ///< sign_test_p_value(upper_wins, lower_wins)
  double holm_p_value = 1.0;     ///< Holm-adjusted over the family of adjacent pairs
};

/// Sign tests of every adjacent pair (order[r], order[r + 1]) of a ranking of n items, with
/// `wins[i][j]` the number of replicates in which item i beats item j (ties counted in neither
/// direction), and Holm's adjustment over the n - 1 tests. Throws std::invalid_argument when
/// `wins` is not n x n for n = order.size() or `order` is not a permutation of 0..n-1.
inline std::vector<AdjacentSignTest> adjacent_sign_tests(
    const std::vector<std::size_t>& order, const std::vector<std::vector<std::uint64_t>>& wins) {
  const std::size_t n = order.size();
  if (wins.size() != n)
    throw std::invalid_argument("adjacent_sign_tests: " + std::to_string(wins.size()) +
                                " rows of wins for " + std::to_string(n) + " items");
  std::vector<char> seen(n, 0);
  for (std::size_t i = 0; i < n; ++i) {
    if (wins[i].size() != n)
      throw std::invalid_argument("adjacent_sign_tests: row " + std::to_string(i) +
                                  " of wins has " + std::to_string(wins[i].size()) +
                                  " columns, not " + std::to_string(n));
    if (order[i] >= n || seen[order[i]])
      throw std::invalid_argument("adjacent_sign_tests: the order is not a permutation of the " +
                                  std::to_string(n) + " items");
    seen[order[i]] = 1;
  }
  std::vector<AdjacentSignTest> tests(n > 0 ? n - 1 : 0);
  std::vector<double> p(tests.size());
  for (std::size_t r = 0; r < tests.size(); ++r) {
    auto& test = tests[r];
    test.upper = order[r];
    test.lower = order[r + 1];
    test.upper_wins = wins[test.upper][test.lower];
    test.lower_wins = wins[test.lower][test.upper];
    p[r] = test.p_value = sign_test_p_value(test.upper_wins, test.lower_wins);
  }
  const auto adjusted = holm_adjust(p);
  for (std::size_t r = 0; r < tests.size(); ++r)
    tests[r].holm_p_value = adjusted[r];
  return tests;
}

}  // namespace materia
