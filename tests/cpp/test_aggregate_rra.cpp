// RRA and Stuart against R's RobustRankAggreg (fixtures from tests/oracles/rra_fixtures.R;
// the live comparison with Rscript is the ctest oracle.rra_live), and the identities behind them.
#include <gtest/gtest.h>

#include <boost/math/distributions/binomial.hpp>
#include <boost/math/special_functions/beta.hpp>
#include <fstream>
#include <map>
#include <sstream>

#include "aggregate_test_util.hpp"
#include "materia/error.hpp"

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
  auto rows = read_csv(std::string(MATERIA_TEST_DATA_DIR) + "/oracle/rra_lists.csv");
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
  auto expected = read_csv(std::string(MATERIA_TEST_DATA_DIR) + "/oracle/rra_expected.csv");
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

}  // namespace
