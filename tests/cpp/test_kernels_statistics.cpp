// The header-only kernels of ranking, agreement and resampling (materia/rank/ranking.hpp,
// rank_table.hpp, materia/stats/rank_agreement.hpp, materia/uncertainty/resampling.hpp) against
// the library on random inputs, and against their definitions computed the slow way.
#include <gtest/gtest.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <numeric>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include "kernel_test_loop.hpp"
#include "materia/error.hpp"
#include "materia/rank/rank.hpp"
#include "materia/rank/rank_table.hpp"
#include "materia/rank/ranking.hpp"
#include "materia/stats/rank_agreement.hpp"
#include "materia/stats/stats.hpp"
#include "materia/uncertainty/resampling.hpp"
#include "test_support.hpp"

namespace {

using materia_test::bits;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::vector<double> random_ranking(std::mt19937_64& rng, std::size_t n, bool with_gaps) {
  std::vector<double> values(n);
  for (auto& v : values)
    v = with_gaps && rng() % 5 == 0 ? kNaN : static_cast<double>(rng() % (n / 2 + 2));
  return values;
}

TEST(KernelsRank, MidRanksAreTheMeanOfThePositionsTiedValuesOccupy) {
  std::mt19937_64 rng(2);
  for (int trial = 0; trial < 200; ++trial) {
    const auto values = random_ranking(rng, 1 + rng() % 30, false);
    for (bool larger : {true, false}) {
      const auto ranks = materia::kernels::mid_ranks(values, larger);
      EXPECT_EQ(ranks, materia::mid_ranks(values, larger));
      for (std::size_t i = 0; i < values.size(); ++i) {
        double better = 0, tied = 0;
        for (double v : values) {
          better += larger ? v > values[i] : v < values[i];
          tied += v == values[i];
        }
        EXPECT_EQ(ranks[i], better + (tied + 1) / 2) << trial;
      }
    }
  }
}

TEST(KernelsRank, RankTableEqualsTheLibrarysOnEveryAxis) {
  std::mt19937_64 rng(9);
  const std::size_t issues = 120;
  const std::size_t firms = 700;
  materia::FirmRankings rankings;
  std::vector<materia::kernels::FirmList> lists[3];
  materia::Dataset dataset;
  for (std::size_t f = 0; f < firms; ++f) {
    materia::FirmAssessment firm;
    firm.weight = static_cast<double>(rng() % 4) / 2;
    firm.unlisted =
        rng() % 4 ? materia::UnlistedPolicy::bottom : materia::UnlistedPolicy::not_assessed;
    dataset.firms.push_back(firm);
    std::vector<std::size_t> columns(issues);
    std::iota(columns.begin(), columns.end(), 0);
    std::shuffle(columns.begin(), columns.end(), rng);
    columns.resize(rng() % 40);
    const std::vector<std::uint32_t> issue(columns.begin(), columns.end());
    std::vector<double> rank, stakeholder_rank, business_rank;
    for (std::size_t i = 0; i < columns.size(); ++i) {
      rank.push_back(1.0 + static_cast<double>(i));
      stakeholder_rank.push_back(0.5 * static_cast<double>(1 + rng() % 9));
      business_rank.push_back(static_cast<double>(1 + rng() % 5));
    }
    const std::vector<double> positions(columns.size(), 0.5);
    materia::FirmRanking view;
    view.has_coordinates = true;
    view.issue = issue;
    view.rank = rank;
    view.stakeholder_rank = stakeholder_rank;
    view.business_rank = business_rank;
    view.stakeholder = view.business = positions;
    rankings.add(view);
    lists[0].push_back({columns, rank, firm.weight, firm.unlisted});
    lists[1].push_back({columns, stakeholder_rank, firm.weight, firm.unlisted});
    lists[2].push_back({columns, business_rank, firm.weight, firm.unlisted});
  }
  const materia::Axis axes[] = {materia::Axis::overall, materia::Axis::stakeholder,
                                materia::Axis::business};
  for (int a = 0; a < 3; ++a) {
    const auto library = materia::build_rank_table(rankings, dataset, issues, 150, axes[a]);
    EXPECT_TRUE(
        materia::same_rankings(materia::kernels::rank_table(lists[a], issues, 150), library))
        << "axis " << a;
    EXPECT_TRUE(materia::same_rankings(
        materia::kernels::rank_table(lists[a], issues, 150, materia::testing::InterleavedLoop{3}),
        library))
        << "axis " << a << " on the interleaved loop";
  }
  // a list naming an issue twice: the lowest such firm, as the library's usage error says
  lists[0][5].issue = {3, 7, 3};
  lists[0][5].rank = {1, 2, 3};
  lists[0][9].issue = {4, 4};
  lists[0][9].rank = {1, 2};
  try {
    materia::kernels::rank_table(lists[0], issues, 150, materia::testing::InterleavedLoop{3});
    ADD_FAILURE() << "no error";
  } catch (const std::invalid_argument& error) {
    EXPECT_STREQ(error.what(), "ranking 6 lists issue column 3 twice (a firm lists an issue once)");
  }
}

// Kendall's tau-b by its definition: concordant minus discordant pairs over the pairs untied on
// each side, O(n^2).
double tau_b_by_definition(const std::vector<double>& x, const std::vector<double>& y) {
  double concordant = 0, discordant = 0, untied_x = 0, untied_y = 0;
  for (std::size_t i = 0; i < x.size(); ++i)
    for (std::size_t j = i + 1; j < x.size(); ++j) {
      if (std::isnan(x[i]) || std::isnan(y[i]) || std::isnan(x[j]) || std::isnan(y[j])) continue;
      const double dx = x[i] - x[j], dy = y[i] - y[j];
      untied_x += dx != 0;
      untied_y += dy != 0;
      concordant += dx * dy > 0;
      discordant += dx * dy < 0;
    }
  if (untied_x == 0 || untied_y == 0) return kNaN;
  return (concordant - discordant) / std::sqrt(untied_x * untied_y);
}

TEST(KernelsStats, CorrelationsEqualTheLibraryAndTheirDefinitions) {
  std::mt19937_64 rng(6);
  for (int trial = 0; trial < 300; ++trial) {
    const std::size_t n = 1 + rng() % 40;
    const auto x = random_ranking(rng, n, trial % 2 == 1);
    const auto y = random_ranking(rng, n, trial % 3 == 1);
    const double tau = materia::kernels::kendall_tau_b(x, y);
    EXPECT_EQ(bits(tau), bits(materia::kendall_tau_b(x, y))) << trial;
    const double expected = tau_b_by_definition(x, y);
    if (std::isnan(expected))
      EXPECT_TRUE(std::isnan(tau)) << trial;
    else
      EXPECT_NEAR(tau, expected, 1e-12) << trial;
    const double rho = materia::kernels::spearman_rho(x, y);
    EXPECT_EQ(bits(rho), bits(materia::spearman_rho(x, y))) << trial;
  }
}

TEST(KernelsStats, ConcordanceEqualsTheLibraryAndTheUntiedFormula) {
  std::mt19937_64 rng(10);
  for (int trial = 0; trial < 100; ++trial) {
    const std::size_t m = 1 + rng() % 8, n = 1 + rng() % 12;
    std::vector<std::vector<double>> ratings(m);
    for (auto& row : ratings)
      row = random_ranking(rng, n, trial % 2 == 0);
    const auto header = materia::kernels::kendall_w(ratings);
    const auto library = materia::kendall_w(ratings);
    EXPECT_EQ(bits(header.w), bits(library.w));
    EXPECT_EQ(bits(header.chi_square), bits(library.chi_square));
    EXPECT_EQ(bits(header.p_value), bits(library.p_value));
  }
  // m raters giving permutations of 1..n (no ties): W = 12 S / (m^2 (n^3 - n))
  std::vector<std::vector<double>> permutations(5, std::vector<double>(7));
  for (auto& row : permutations) {
    std::iota(row.begin(), row.end(), 1.0);
    std::shuffle(row.begin(), row.end(), rng);
  }
  double s = 0;
  for (std::size_t i = 0; i < 7; ++i) {
    double sum = 0;
    for (const auto& row : permutations)
      sum += row[i];
    s += (sum - 5 * 4.0) * (sum - 5 * 4.0);
  }
  EXPECT_NEAR(materia::kernels::kendall_w(permutations).w, 12 * s / (25 * (343 - 7)), 1e-15);
}

TEST(KernelsStats, ErrorsAreTheLibrarysUsageErrors) {
  std::string header, library;
  try {
    materia::kernels::kendall_w({{1, 2}, {1}});
  } catch (const std::invalid_argument& error) {
    header = error.what();
  }
  try {
    materia::kendall_w({{1, 2}, {1}});
  } catch (const materia::Error& error) {
    EXPECT_EQ(error.kind(), materia::ErrorKind::usage);
    library = error.what();
  }
  EXPECT_EQ(header, "rater 2 rates 1 items, rater 1 rates 2");
  EXPECT_EQ(header, library);
  EXPECT_THROW(materia::kernels::kendall_tau_b({1, 2}, {1}), std::invalid_argument);
}

// R's quantile(x, p, type = 7): 1 + (n - 1) p as a 1-based position, interpolated.
double type7_by_definition(std::vector<double> x, double p) {
  std::sort(x.begin(), x.end());
  const double position = 1 + (static_cast<double>(x.size()) - 1) * p;
  const auto below = static_cast<std::size_t>(std::floor(position));
  if (below >= x.size()) return x.back();
  return x[below - 1] + (position - static_cast<double>(below)) * (x[below] - x[below - 1]);
}

TEST(KernelsUncertainty, QuantilesAndSummariesByTheirDefinitions) {
  std::mt19937_64 rng(14);
  for (int trial = 0; trial < 100; ++trial) {
    std::vector<double> x(1 + rng() % 50);
    for (auto& v : x)
      v = static_cast<double>(rng() % 20);
    std::vector<double> sorted(x);
    std::sort(sorted.begin(), sorted.end());
    for (double p : {0.0, 0.025, 0.1, 0.5, 0.975, 1.0})
      EXPECT_NEAR(materia::kernels::quantile_type7(sorted, p), type7_by_definition(x, p), 1e-12);
  }
  // 40 replicates of 3 issues: ranks and tiers per replicate
  const std::size_t replicates = 40, n = 3;
  std::vector<float> ranks(replicates * n);
  std::vector<std::uint16_t> tiers(replicates * n);
  for (std::size_t b = 0; b < replicates; ++b) {
    std::vector<float> order{1, 2, 3};
    std::shuffle(order.begin(), order.end(), rng);
    for (std::size_t i = 0; i < n; ++i) {
      ranks[b * n + i] = order[i];
      tiers[b * n + i] = static_cast<std::uint16_t>(order[i] == 1 ? 1 : 2);
    }
  }
  const auto summary = materia::kernels::summarize_replicates(ranks, tiers, replicates, n, 0.9);
  ASSERT_EQ(summary.rank_low.size(), n);
  for (std::size_t i = 0; i < n; ++i) {
    std::vector<double> column;
    double top = 0;
    for (std::size_t b = 0; b < replicates; ++b) {
      column.push_back(ranks[b * n + i]);
      top += tiers[b * n + i] == 1;
    }
    EXPECT_NEAR(summary.rank_low[i], type7_by_definition(column, 0.05), 1e-12);
    EXPECT_NEAR(summary.rank_high[i], type7_by_definition(column, 0.95), 1e-12);
    EXPECT_NEAR(summary.rank_mean[i],
                std::accumulate(column.begin(), column.end(), 0.0) / replicates, 1e-12);
    ASSERT_EQ(summary.tier_probability[i].size(), 2u);
    EXPECT_DOUBLE_EQ(summary.tier_probability[i][0], top / replicates);
    EXPECT_DOUBLE_EQ(summary.tier_probability[i][0] + summary.tier_probability[i][1], 1.0);
  }
}

TEST(KernelsUncertainty, ReplicateRowsDependOnSeedAndReplicateOnly) {
  const auto rows = materia::kernels::replicate_rows(1, 7, 50);
  EXPECT_EQ(rows, materia::kernels::replicate_rows(1, 7, 50));
  EXPECT_NE(rows, materia::kernels::replicate_rows(1, 8, 50));
  EXPECT_NE(rows, materia::kernels::replicate_rows(2, 7, 50));
  EXPECT_TRUE(std::all_of(rows.begin(), rows.end(), [](std::size_t r) { return r < 50; }));
  // every firm is drawn about as often: 200,000 draws of 5 firms
  std::vector<double> count(5, 0);
  for (std::size_t b = 0; b < 40000; ++b)
    for (std::size_t r : materia::kernels::replicate_rows(3, b, 5))
      count[r] += 1;
  for (double c : count)
    EXPECT_NEAR(c / 200000, 0.2, 0.005);
}

}  // namespace
