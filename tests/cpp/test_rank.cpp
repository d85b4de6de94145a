// Ranking inside a firm: mid-ranks, each basis, positions on the axes, contradictions.
#include <gtest/gtest.h>

#include <algorithm>
#include <numeric>
#include <random>

#include "materia/error.hpp"
#include "materia/rank/rank.hpp"

namespace {

using materia::CombineRule;
using materia::Entry;
using materia::FirmAssessment;

FirmAssessment firm_with(std::vector<Entry> entries) {
  FirmAssessment firm;
  firm.id = "F1";
  firm.entries = std::move(entries);
  return firm;
}

std::vector<std::size_t> iota_columns(std::size_t n) {
  std::vector<std::size_t> c(n);
  for (std::size_t i = 0; i < n; ++i)
    c[i] = i;
  return c;
}

Entry coords(const char* name, double s, double b) {
  Entry e;
  e.name = name;
  e.stakeholder = s;
  e.business = b;
  return e;
}

TEST(MidRanks, TiesShareTheMeanOfTheirPositions) {
  EXPECT_EQ(materia::mid_ranks({5, 3, 3}, true), (std::vector<double>{1, 2.5, 2.5}));
  EXPECT_EQ(materia::mid_ranks({1, 2, 2, 4}, false), (std::vector<double>{1, 2.5, 2.5, 4}));
  EXPECT_EQ(materia::mid_ranks({7, 7, 7}, true), (std::vector<double>{2, 2, 2}));
  EXPECT_EQ(materia::mid_ranks({}, true), std::vector<double>{});
}

TEST(MidRanks, SumIsAlwaysTriangular) {
  // property: mid-ranks of n values sum to n(n+1)/2 whatever the ties
  std::vector<double> values = {3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5};
  for (bool larger : {true, false}) {
    auto ranks = materia::mid_ranks(values, larger);
    double sum = 0;
    for (double r : ranks)
      sum += r;
    EXPECT_DOUBLE_EQ(sum, 11.0 * 12.0 / 2.0);
  }
}

TEST(RankFirm, ExplicitRanksCloseGapsAndShareTies) {
  std::vector<Entry> entries(4);
  double given[] = {4, 2, 1, 2};
  for (int i = 0; i < 4; ++i) {
    entries[i].name = std::string(1, static_cast<char>('a' + i));
    entries[i].rank = given[i];
  }
  auto r =
      materia::rank_firm(firm_with(entries), iota_columns(4), std::nullopt, CombineRule::sum, "t");
  EXPECT_EQ(r.basis, materia::RankBasis::rank);
  EXPECT_EQ(r.rank, (std::vector<double>{4, 2.5, 1, 2.5}));
  // order-only firms get the mid-percentile (k - r + 0.5) / k on both axes
  EXPECT_DOUBLE_EQ(r.stakeholder[2], (4 - 1 + 0.5) / 4);
  EXPECT_DOUBLE_EQ(r.business[0], (4 - 4 + 0.5) / 4);
  EXPECT_FALSE(r.has_coordinates);
}

TEST(RankFirm, ListOrderIsTheRanking) {
  std::vector<Entry> entries(3);
  for (int i = 0; i < 3; ++i)
    entries[i].name = std::string(1, static_cast<char>('a' + i));
  auto r =
      materia::rank_firm(firm_with(entries), iota_columns(3), std::nullopt, CombineRule::sum, "t");
  EXPECT_EQ(r.basis, materia::RankBasis::order);
  EXPECT_EQ(r.rank, (std::vector<double>{1, 2, 3}));
}

TEST(RankFirm, LevelsGiveTiedRanks) {
  std::vector<Entry> entries(4);
  int levels[] = {4, 5, 4, 2};
  for (int i = 0; i < 4; ++i) {
    entries[i].name = std::string(1, static_cast<char>('a' + i));
    entries[i].level = levels[i];
  }
  auto r =
      materia::rank_firm(firm_with(entries), iota_columns(4), std::nullopt, CombineRule::sum, "t");
  EXPECT_EQ(r.rank, (std::vector<double>{2.5, 1, 2.5, 4}));
}

TEST(RankFirm, CoordinateRulesOnADeclaredScale) {
  // scale [1,5]: positions (x-1)/4. a = (5,1) -> (1, 0); b = (3,3) -> (.5,.5); c = (4,2) ->
  // (.75,.25)
  std::vector<Entry> entries = {coords("a", 5, 1), coords("b", 3, 3), coords("c", 4, 2)};
  materia::Scale scale{1, 5};
  auto sum = materia::rank_firm(firm_with(entries), iota_columns(3), scale, CombineRule::sum, "t");
  EXPECT_EQ(sum.rank, (std::vector<double>{2, 2, 2}));  // all sum to 1
  auto max = materia::rank_firm(firm_with(entries), iota_columns(3), scale, CombineRule::max, "t");
  EXPECT_EQ(max.rank, (std::vector<double>{1, 3, 2}));  // 1, .5, .75
  auto product =
      materia::rank_firm(firm_with(entries), iota_columns(3), scale, CombineRule::product, "t");
  EXPECT_EQ(product.rank, (std::vector<double>{3, 1, 2}));  // 0, .25, .1875
  auto distance =
      materia::rank_firm(firm_with(entries), iota_columns(3), scale, CombineRule::distance, "t");
  EXPECT_EQ(distance.rank, (std::vector<double>{1, 3, 2}));  // 1, .707, .79
  EXPECT_DOUBLE_EQ(sum.stakeholder[2], 0.75);
  EXPECT_DOUBLE_EQ(sum.business[2], 0.25);
  EXPECT_EQ(sum.stakeholder_rank, (std::vector<double>{1, 3, 2}));
  EXPECT_EQ(sum.business_rank, (std::vector<double>{3, 1, 2}));
}

TEST(RankFirm, MidPercentilesWithoutAScale) {
  // (k - r + 0.5) / k of each axis's own mid-rank, k = 3: not min-max, which puts the last at 0
  std::vector<Entry> entries = {coords("a", 2, 10), coords("b", 4, 20), coords("c", 3, 30)};
  auto r =
      materia::rank_firm(firm_with(entries), iota_columns(3), std::nullopt, CombineRule::sum, "t");
  EXPECT_EQ(r.stakeholder, (std::vector<double>{0.5 / 3, 2.5 / 3, 1.5 / 3}));
  EXPECT_EQ(r.business, (std::vector<double>{0.5 / 3, 1.5 / 3, 2.5 / 3}));
  EXPECT_EQ(r.rank, (std::vector<double>{3, 1.5, 1.5}));
}

TEST(RankFirm, ARankThatContradictsDominanceIsAnError) {
  std::vector<Entry> entries = {coords("weak", 2, 2), coords("strong", 4, 3)};
  entries[0].rank = 1;
  entries[1].rank = 2;
  try {
    materia::rank_firm(firm_with(entries), iota_columns(2), std::nullopt, CombineRule::sum,
                       "d.json");
    FAIL() << "expected an error";
  } catch (const materia::Error& e) {
    EXPECT_EQ(e.kind(), materia::ErrorKind::input);
    EXPECT_STREQ(
        e.what(),
        "d.json: firm \"F1\": issue \"weak\": rank 1 puts it above \"strong\" (rank 2), which "
        "scores higher on both axes: rank and coordinates disagree");
  }
  // a rank that differs from the sum but not from dominance is management judgement: allowed
  entries = {coords("x", 5, 1), coords("y", 3, 4)};
  entries[0].rank = 1;
  entries[1].rank = 2;
  EXPECT_NO_THROW(materia::rank_firm(firm_with(entries), iota_columns(2), std::nullopt,
                                     CombineRule::sum, "d.json"));
}

}  // namespace

namespace {

// The rank table is filled row by row on threads: it equals Eigen's setFromTriplets on the same
// listings (the construction it replaced), on every axis, for any thread count, with firms of
// no, one and many listings in shuffled issue order.
TEST(RankTable, ConcurrentRowFillEqualsTheTripletConstruction) {
  std::mt19937 random(7);
  const std::size_t issues = 300;
  std::vector<materia::FirmRanking> rankings(2600);
  materia::Dataset dataset;
  for (std::size_t f = 0; f < rankings.size(); ++f) {
    materia::FirmAssessment firm;
    firm.id = "F" + std::to_string(f);
    firm.weight = static_cast<double>(f % 3);
    firm.unlisted = f % 5 ? materia::UnlistedPolicy::bottom : materia::UnlistedPolicy::not_assessed;
    dataset.firms.push_back(firm);
    std::vector<std::size_t> columns(issues);
    std::iota(columns.begin(), columns.end(), 0);
    std::shuffle(columns.begin(), columns.end(), random);
    columns.resize(f % 7 == 0 ? 0 : random() % 60);
    auto& r = rankings[f];
    r.issue = columns;
    for (std::size_t i = 0; i < columns.size(); ++i) {
      r.rank.push_back(1.0 + static_cast<double>(i));
      r.stakeholder_rank.push_back(2.5 + static_cast<double>(random() % 9));
      r.business_rank.push_back(0.5 * static_cast<double>(random() % 11));
    }
  }
  for (auto axis : {materia::Axis::overall, materia::Axis::stakeholder, materia::Axis::business}) {
    std::vector<Eigen::Triplet<double>> triplets;
    for (std::size_t f = 0; f < rankings.size(); ++f) {
      const auto& r = rankings[f];
      const auto& ranks = axis == materia::Axis::overall       ? r.rank
                          : axis == materia::Axis::stakeholder ? r.stakeholder_rank
                                                               : r.business_rank;
      for (std::size_t i = 0; i < r.size(); ++i)
        triplets.emplace_back(static_cast<int>(f), static_cast<int>(r.issue[i]), ranks[i]);
    }
    materia::RankTable expected;
    expected.universe = 400;
    expected.rank.resize(static_cast<Eigen::Index>(rankings.size()), issues);
    expected.rank.setFromTriplets(triplets.begin(), triplets.end());
    for (std::size_t f = 0; f < rankings.size(); ++f) {
      expected.weight.push_back(dataset.firms[f].weight);
      expected.length.push_back(rankings[f].size());
      expected.policy.push_back(dataset.firms[f].unlisted);
    }
    for (unsigned threads : {1u, 2u, 3u, 0u}) {
      const auto table = materia::build_rank_table(rankings, dataset, issues, 400, axis,
                                                   materia::Execution{threads});
      EXPECT_TRUE(materia::same_rankings(table, expected)) << threads << " threads";
      EXPECT_EQ(table.rank.nonZeros(), expected.rank.nonZeros());
    }
  }
  // A ranking that lists an issue twice is refused (not written as a malformed row).
  rankings[3].issue = {5, 9, 5};
  rankings[3].rank = rankings[3].stakeholder_rank = rankings[3].business_rank = {1, 2, 3};
  try {
    materia::build_rank_table(rankings, dataset, issues, 400, materia::Axis::overall,
                              materia::Execution{2});
    ADD_FAILURE() << "no error";
  } catch (const materia::Error& e) {
    EXPECT_EQ(e.kind(), materia::ErrorKind::usage);
    EXPECT_STREQ(e.what(), "ranking 4 lists issue column 5 twice (a firm lists an issue once)");
  }
}

}  // namespace
