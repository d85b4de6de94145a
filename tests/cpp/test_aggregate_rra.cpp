// RRA and Stuart against R's RobustRankAggreg (fixtures from tests/oracles/rra_fixtures.R;
// the live comparison with Rscript is the ctest oracle.rra_live), and the identities behind them.
#include <gtest/gtest.h>

#include <boost/math/distributions/binomial.hpp>
#include <boost/math/special_functions/beta.hpp>
#include <fstream>
#include <map>
#include <sstream>

#include "aggregate_test_util.hpp"
#include "materia/aggregate/order_statistics.hpp"
#include "materia/error.hpp"
#include "test_support.hpp"

namespace {

using materia::Method;
using materia::UnlistedPolicy;

std::vector<std::vector<std::string>> read_csv(const std::string& path) {
  std::ifstream in(path);
  EXPECT_TRUE(in) << path;
  std::vector<std::vector<std::string>> rows;
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    std::vector<std::string> cells;
    std::stringstream cells_in(line);
    std::string cell;
    while (std::getline(cells_in, cell, ','))
      cells.push_back(cell);
    rows.push_back(cells);
  }
  return rows;
}

struct OracleCase {
  std::vector<std::string> issues;  // column order: first appearance, as R's unique()
  materia::RankTable table;
};

std::map<std::string, OracleCase> oracle_cases() {
  // case,N,firm,issue,rank,weight,unlisted
  auto rows = read_csv(materia_test::test_data_path("oracle/rra_lists.csv"));
  struct Raw {
    std::size_t universe = 0;
    std::vector<std::string> firms, issues;
    std::map<std::pair<std::string, std::string>, double> rank;
    std::map<std::string, double> weight;
    std::map<std::string, UnlistedPolicy> policy;
  };
  std::map<std::string, Raw> raw;
  for (const auto& row : rows) {
    Raw& r = raw[row[0]];
    r.universe = std::stoul(row[1]);
    if (std::find(r.firms.begin(), r.firms.end(), row[2]) == r.firms.end())
      r.firms.push_back(row[2]);
    if (std::find(r.issues.begin(), r.issues.end(), row[3]) == r.issues.end())
      r.issues.push_back(row[3]);
    r.rank[{row[2], row[3]}] = std::stod(row[4]);
    r.weight[row[2]] = std::stod(row[5]);
    r.policy[row[2]] = row[6] == "bottom" ? UnlistedPolicy::bottom : UnlistedPolicy::not_assessed;
  }
  std::map<std::string, OracleCase> cases;
  for (auto& [name, r] : raw) {
    std::vector<std::vector<double>> ranks;
    std::vector<double> weight;
    std::vector<UnlistedPolicy> policy;
    for (const auto& firm : r.firms) {
      std::vector<double> row;
      for (const auto& issue : r.issues) {
        auto it = r.rank.find({firm, issue});
        row.push_back(it == r.rank.end() ? 0.0 : it->second);
      }
      ranks.push_back(row);
      weight.push_back(r.weight[firm]);
      policy.push_back(r.policy[firm]);
    }
    cases[name] = {r.issues, materia::testing::make_table(ranks, weight, policy, r.universe)};
  }
  return cases;
}

TEST(AggregateRra, MatchesRobustRankAggregOnEveryFixture) {
  auto cases = oracle_cases();
  ASSERT_EQ(cases.size(), 5u);
  // case,method,issue,score
  auto expected = read_csv(materia_test::test_data_path("oracle/rra_expected.csv"));
  ASSERT_GT(expected.size(), 300u);
  std::map<std::pair<std::string, std::string>, materia::Aggregation> computed;
  std::size_t checked = 0;
  for (const auto& row : expected) {
    const auto& [case_name, method, issue, score] = std::tie(row[0], row[1], row[2], row[3]);
    const OracleCase& oracle = cases.at(case_name);
    auto key = std::make_pair(case_name, method);
    if (!computed.count(key)) {
      materia::AggregateOptions options;
      options.method = method == "stuart" ? Method::stuart : Method::rra;
      options.rra_exact = method == "rra_exact";
      options.rra_top_cutoff = method == "rra_cutoff";
      computed[key] = materia::aggregate(oracle.table, options);
    }
    auto column = static_cast<std::size_t>(
        std::find(oracle.issues.begin(), oracle.issues.end(), issue) - oracle.issues.begin());
    ASSERT_LT(column, oracle.issues.size());
    const double want = std::stod(score), got = computed[key].score[column];
    EXPECT_NEAR(got, want, 1e-12 + 1e-9 * want) << case_name << " " << method << " " << issue;
    ++checked;
  }
  EXPECT_EQ(checked, expected.size());
}

TEST(AggregateRra, BetaCdfOfOrderStatisticIsABinomialTail) {
  // P(U_(k) <= x) for m uniforms = P(Binomial(m, x) >= k) = I_x(k, m - k + 1)
  for (unsigned m : {1u, 2u, 5u, 23u, 200u})
    for (unsigned k = 1; k <= m; k += std::max(1u, m / 7))
      for (double x : {1e-4, 0.01, 0.1, 0.37, 0.9}) {
        const double beta = boost::math::ibeta(double(k), double(m - k + 1), x);
        const double tail = boost::math::cdf(boost::math::complement(
            boost::math::binomial_distribution<double>(m, x), double(k - 1)));
        EXPECT_NEAR(beta, tail, 1e-13 + 1e-10 * tail) << m << " " << k << " " << x;
      }
}

TEST(AggregateRra, MinBetaByHand) {
  // m = 3, ranks .1, .5, 1: min(pbeta(.1;1,3), pbeta(.5;2,2), 1) = min(1 - .9^3, 3(.25) - 2(.125))
  EXPECT_NEAR(materia::rra_min_beta({0.5, 1.0, 0.1}), std::min(1 - 0.729, 0.5), 1e-15);
}

TEST(AggregateRra, StuartQClosedForms) {
  EXPECT_DOUBLE_EQ(materia::stuart_q({0.3}), 0.3);
  // two uniforms: P(U_(1) <= a, U_(2) <= b) = 2ab - a^2 for a <= b
  EXPECT_NEAR(materia::stuart_q({0.6, 0.2}), 2 * 0.2 * 0.6 - 0.04, 1e-15);
  // all thresholds equal x: P(max <= x) = x^m
  EXPECT_NEAR(materia::stuart_q({0.5, 0.5, 0.5, 0.5}), 0.0625, 1e-15);
  EXPECT_DOUBLE_EQ(materia::stuart_q({1.0, 1.0}), 1.0);
  // a threshold of 1 adds no constraint: Q(.2, 1) with 2 lists = P(min <= .2) = 1 - .8^2
  EXPECT_NEAR(materia::stuart_q({0.2, 1.0}), 0.36, 1e-15);
}

TEST(AggregateRra, StuartIsStableFarBeyondTheAlternatingRecursion) {
  // 3000 lists, all at 0.5: Q = P(every order statistic <= 0.5) = 0.5^3000 (~1e-903 underflows to
  // 0) -- and with half the lists at 1: P(at least 1500 of 3000 below .5) = 1/2 + pmf/2
  std::vector<double> half(3000, 1.0);
  std::fill(half.begin(), half.begin() + 1500, 0.5);
  const double q = materia::stuart_q(half);
  const double pmf =
      boost::math::pdf(boost::math::binomial_distribution<double>(3000, 0.5), 1500.0);
  EXPECT_NEAR(q, 0.5 + pmf / 2, 1e-12);
}

TEST(AggregateRra, FractionalWeightsAreAUsageError) {
  auto table = materia::testing::make_table({{1, 2}, {2, 1}}, {1.0, 0.5});
  try {
    materia::testing::run(table, Method::rra);
    FAIL();
  } catch (const materia::Error& error) {
    EXPECT_EQ(error.kind(), materia::ErrorKind::usage);
    EXPECT_NE(error.message().find("whole-number weights"), std::string::npos);
  }
}

}  // namespace

namespace {

TEST(AggregateRra, ExactCorrectionMatchesFiftyDigitReference) {
  // p and m of an issue where R's double-precision qStuart is off by 8e-8 relative
  // (R: 0.00023557614952673944); 50-digit value from tests/oracles/stuart_mpmath.py.
  const double p = 1.9222703223172205e-05;
  const std::size_t m = 16;
  std::vector<double> thresholds;
  for (std::size_t j = 1; j <= m; ++j)
    thresholds.push_back(1.0 - boost::math::ibeta_inv(double(j), double(m - j + 1), p));
  EXPECT_NEAR(1.0 - materia::stuart_q(thresholds), 0.00023557613019252846168,
              1e-15);  // 1 - Q, Q ~ 1
}

TEST(AggregateRra, ExactCorrectionKeepsItsDigitsForTinyP) {
  // --rra-exact's 1 - Q for small p and many lists, where Q is within ~m p of 1: formed as
  // 1 - Q it kept ~1e-16 absolute (1.786884418e-9 for the first, 8.5e-7 relative off; 4.4e-15
  // for the second), and Boost's ibeta_inv threw below ~1e-100 (the third and fourth). The
  // fourth runs in long double (p < 1e-200). 20-digit values from tests/oracles/stuart_mpmath.py
  // (`stuart_mpmath.py P M`, 50 digits and more while 1 - Q cancels).
  struct Case {
    double p;
    std::size_t m;
    double want;
  };
  for (const Case& c :
       {Case{1e-10, 20, 1.7868828992554052384e-9}, Case{1e-22, 30, 2.8566506064847619617e-21},
        Case{1e-100, 50, 4.9931755102510784198e-99}, Case{1e-250, 100, 9.9964511941171174493e-249},
        Case{3e-7, 200, 1.6519787114332945983e-5}, Case{0.05, 30, 0.34844386465362224883}}) {
    const double got = materia::kernels::order_statistics::exact_correction(c.p, c.m);
    EXPECT_NEAR(got, c.want, 1e-12 * c.want) << c.p << " " << c.m;
  }
  // Through aggregate: 50 firms all rank issue 0 first of 100, rho = 0.01^50 (an internal error
  // before). `stuart_mpmath.py --queries` on "rra_exact 100 1,1,...,1" (fifty 1s).
  std::vector<std::vector<double>> ranks(50, std::vector<double>{1.0, 2.0});
  materia::AggregateOptions options;
  options.method = Method::rra;
  options.rra_exact = true;
  const auto result = materia::aggregate(materia::testing::make_table(ranks, {}, {}, 100), options);
  EXPECT_NEAR(result.score[0], 4.9931755102510784198e-99, 1e-12 * 4.9931755102510784198e-99);
}

}  // namespace

namespace {

// RRA by the definition, nothing skipped: each issue's normalized ranks (unlisted at 1 for
// `bottom` firms, left out for `not_assessed` ones; a firm counted its weight's times), sorted;
// pbeta at every position below 1; Bonferroni. The double-precision pbeta of aggregate_rra.cpp.
std::vector<double> rra_by_definition(const materia::RankTable& table) {
  using Policy = boost::math::policies::policy<boost::math::policies::promote_double<false>>;
  const std::size_t firms = table.firm_count(), issues = table.issue_count();
  std::vector<double> score(issues);
  for (std::size_t i = 0; i < issues; ++i) {
    std::vector<double> x;
    for (std::size_t f = 0; f < firms; ++f) {
      const double r = table.rank.coeff(static_cast<Eigen::Index>(f), static_cast<Eigen::Index>(i));
      if (r == 0.0 && table.policy[f] != UnlistedPolicy::bottom) continue;
      const double value = r == 0.0 ? 1.0 : r / static_cast<double>(table.universe);
      x.insert(x.end(), static_cast<std::size_t>(table.weight[f]), value);
    }
    std::sort(x.begin(), x.end());
    const std::size_t m = x.size();
    double rho = 1.0;
    for (std::size_t j = 1; j <= m && x[j - 1] < 1.0; ++j)
      rho = std::min(rho, boost::math::ibeta(static_cast<double>(j), static_cast<double>(m - j + 1),
                                             x[j - 1], Policy()));
    score[i] = m == 0 ? 1.0 : std::min(1.0, static_cast<double>(m) * rho);
  }
  return score;
}

// Random lists with ties: firm f lists a random subset in a random order, runs of equal rank
// given mid-ranks (half-integers), or, with `fractional`, ranks off the half-integer grid.
materia::RankTable random_table(std::mt19937_64& rng, std::size_t firms, std::size_t issues,
                                std::size_t universe, bool weighted, bool mixed_policy,
                                bool fractional) {
  std::vector<std::vector<double>> ranks(firms, std::vector<double>(issues, 0.0));
  std::vector<std::size_t> order(issues);
  for (auto& row : ranks) {
    for (std::size_t i = 0; i < issues; ++i)
      order[i] = i;
    // popular issues (the first quarter) first in most lists, so that some scores are small
    const auto popular = static_cast<std::ptrdiff_t>(rng() % 4 == 0 ? 0 : issues / 4);
    std::shuffle(order.begin(), order.begin() + popular, rng);
    std::shuffle(order.begin() + popular, order.end(), rng);
    const std::size_t length = 1 + rng() % issues;
    for (std::size_t r = 0; r < length;) {
      const std::size_t tie = std::min<std::size_t>(length - r, rng() % 5 == 0 ? 3 : 1);
      const double mid = (static_cast<double>(r + 1) + static_cast<double>(r + tie)) / 2.0;
      for (std::size_t t = 0; t < tie; ++t)
        row[order[r + t]] = fractional ? mid + 0.1 * static_cast<double>(rng() % 3) : mid;
      r += tie;
    }
  }
  std::vector<double> weight(firms, 1.0);
  std::vector<UnlistedPolicy> policy(firms, UnlistedPolicy::bottom);
  for (std::size_t f = 0; f < firms; ++f) {
    if (weighted) weight[f] = static_cast<double>(rng() % 4);  // 0 to 3, some firms not counting
    if (mixed_policy && rng() % 3 == 0) policy[f] = UnlistedPolicy::not_assessed;
  }
  if (weighted) weight[0] = 1.0;
  return materia::testing::make_table(ranks, weight, policy, universe);
}

}  // namespace

// aggregate_rra skips the positions whose pbeta provably cannot be the minimum, and orders each
// issue's listings by counting when the ranks are half-integers: the scores must be those of the
// definition to the bit, on both orderings, with ties, weights and not-assessed firms, for
// samples from a few lists (scores near 1) to 3,000 (scores that underflow to 0).
TEST(AggregateRra, EqualsTheDefinitionToTheBit) {
  std::mt19937_64 rng(20261202);
  struct Shape {
    std::size_t firms, issues, universe;
  };
  std::size_t small = 0, underflow = 0, compared = 0;
  for (const Shape shape : {Shape{3, 5, 5}, Shape{12, 8, 10}, Shape{40, 30, 30},
                            Shape{300, 60, 100}, Shape{3000, 40, 60}})
    for (int variant = 0; variant < 8; ++variant) {
      const bool weighted = variant & 1, mixed = variant & 2, fractional = variant & 4;
      const auto table =
          random_table(rng, shape.firms, shape.issues, shape.universe, weighted, mixed, fractional);
      const auto expected = rra_by_definition(table);
      for (unsigned threads : {1u, 2u}) {
        materia::AggregateOptions options;
        options.method = Method::rra;
        const auto got = materia::aggregate(table, options, materia::Execution{threads}).score;
        ASSERT_EQ(got.size(), expected.size());
        for (std::size_t i = 0; i < got.size(); ++i) {
          ASSERT_EQ(got[i], expected[i])
              << "firms " << shape.firms << " variant " << variant << " issue " << i;
          ++compared;
        }
      }
      for (double s : expected) {
        small += s > 0.0 && s < 1e-3;
        underflow += s == 0.0;
      }
    }
  // the cases reach the three regimes: scores of 1, small scores, underflow
  EXPECT_GT(small, 20u);
  EXPECT_GT(underflow, 5u);
  EXPECT_EQ(compared, 2288u);  // (5 + 8 + 30 + 60 + 40) issues x 8 variants x 2 thread counts
}

// The skipped positions alone, without the Bonferroni cut (enough = 1): the minimum itself must
// be the full search's, to the bit, from one list to 4,000, near the lists' mean (where the
// bounds are weakest) and far below it, with ties; with a cut, a minimum below it is unchanged
// and one above it stays above.
TEST(AggregateRra, SkippedPositionsNeverHoldTheMinimum) {
  std::mt19937_64 rng(7);
  std::size_t cases = 0, below_mean = 0;
  for (std::size_t m : {1, 2, 3, 5, 9, 30, 100, 500, 4000})
    for (int trial = 0; trial < 60; ++trial) {
      // a share of the lists rank the issue high (skewed toward 0), the rest uniform or 1
      const double skew = std::uniform_real_distribution<double>(0.0, 1.0)(rng);
      const double unlisted = std::uniform_real_distribution<double>(0.0, 0.9)(rng);
      std::vector<double> x(m);
      for (double& v : x) {
        const double u = std::uniform_real_distribution<double>(0.0, 1.0)(rng);
        if (u < unlisted) {
          v = 1.0;
        } else {
          const double w = std::uniform_real_distribution<double>(0.0, 1.0)(rng);
          v = u < unlisted + skew * (1 - unlisted) ? w * w * w * 0.2 : w;
          if (trial % 3 == 0) v = std::ceil(v * 40) / 40;  // ties on a grid
        }
      }
      const double full = materia::rra_min_beta(x);
      ASSERT_EQ(materia::kernels::rra_min_beta_with_bounds(x), full) << m << " " << trial;
      const double enough = 2.0 / static_cast<double>(m);
      const double cut = materia::kernels::rra_min_beta_with_bounds(x, enough);
      if (full < enough)
        ASSERT_EQ(cut, full) << m << " " << trial;
      else
        ASSERT_GE(cut, enough) << m << " " << trial;
      ++cases;
      below_mean += full > 0.3;
    }
  EXPECT_EQ(cases, 9u * 60u);
  EXPECT_GT(below_mean, 30u);  // minima in the weak-bound region were met
}
