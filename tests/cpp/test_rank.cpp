// Ranking inside a firm: mid-ranks, each basis, positions on the axes, contradictions.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <numeric>
#include <random>
#include <span>
#include <vector>

#include "materia/error.hpp"
#include "materia/rank/rank.hpp"
#include "test_support.hpp"

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

std::vector<double> values(std::span<const double> view) {
  return {view.begin(), view.end()};
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
  const auto r_rankings =
      materia::rank_firm(firm_with(entries), iota_columns(4), std::nullopt, CombineRule::sum, "t");
  const materia::FirmRanking r = r_rankings[0];
  EXPECT_EQ(r.basis, materia::RankBasis::rank);
  EXPECT_EQ(values(r.rank), (std::vector<double>{4, 2.5, 1, 2.5}));
  // order-only firms get the mid-percentile (k - r + 0.5) / k on both axes
  EXPECT_DOUBLE_EQ(r.stakeholder[2], (4 - 1 + 0.5) / 4);
  EXPECT_DOUBLE_EQ(r.business[0], (4 - 4 + 0.5) / 4);
  EXPECT_FALSE(r.has_coordinates);
}

TEST(RankFirm, ListOrderIsTheRanking) {
  std::vector<Entry> entries(3);
  for (int i = 0; i < 3; ++i)
    entries[i].name = std::string(1, static_cast<char>('a' + i));
  const auto r_rankings =
      materia::rank_firm(firm_with(entries), iota_columns(3), std::nullopt, CombineRule::sum, "t");
  const materia::FirmRanking r = r_rankings[0];
  EXPECT_EQ(r.basis, materia::RankBasis::order);
  EXPECT_EQ(values(r.rank), (std::vector<double>{1, 2, 3}));
}

TEST(RankFirm, LevelsGiveTiedRanks) {
  std::vector<Entry> entries(4);
  int levels[] = {4, 5, 4, 2};
  for (int i = 0; i < 4; ++i) {
    entries[i].name = std::string(1, static_cast<char>('a' + i));
    entries[i].level = levels[i];
  }
  const auto r_rankings =
      materia::rank_firm(firm_with(entries), iota_columns(4), std::nullopt, CombineRule::sum, "t");
  const materia::FirmRanking r = r_rankings[0];
  EXPECT_EQ(values(r.rank), (std::vector<double>{2.5, 1, 2.5, 4}));
}

TEST(RankFirm, CoordinateRulesOnADeclaredScale) {
  // scale [1,5]: positions (x-1)/4. a = (5,1) -> (1, 0); b = (3,3) -> (.5,.5); c = (4,2) ->
  // (.75,.25)
  std::vector<Entry> entries = {coords("a", 5, 1), coords("b", 3, 3), coords("c", 4, 2)};
  materia::Scale scale{1, 5};
  const auto sum_rankings =
      materia::rank_firm(firm_with(entries), iota_columns(3), scale, CombineRule::sum, "t");
  const materia::FirmRanking sum = sum_rankings[0];
  EXPECT_EQ(values(sum.rank), (std::vector<double>{2, 2, 2}));  // all sum to 1
  const auto max_rankings =
      materia::rank_firm(firm_with(entries), iota_columns(3), scale, CombineRule::max, "t");
  const materia::FirmRanking max = max_rankings[0];
  EXPECT_EQ(values(max.rank), (std::vector<double>{1, 3, 2}));  // 1, .5, .75
  const auto product_rankings =
      materia::rank_firm(firm_with(entries), iota_columns(3), scale, CombineRule::product, "t");
  const materia::FirmRanking product = product_rankings[0];
  EXPECT_EQ(values(product.rank), (std::vector<double>{3, 1, 2}));  // 0, .25, .1875
  const auto distance_rankings =
      materia::rank_firm(firm_with(entries), iota_columns(3), scale, CombineRule::distance, "t");
  const materia::FirmRanking distance = distance_rankings[0];
  EXPECT_EQ(values(distance.rank), (std::vector<double>{1, 3, 2}));  // 1, .707, .79
  EXPECT_DOUBLE_EQ(sum.stakeholder[2], 0.75);
  EXPECT_DOUBLE_EQ(sum.business[2], 0.25);
  EXPECT_EQ(values(sum.stakeholder_rank), (std::vector<double>{1, 3, 2}));
  EXPECT_EQ(values(sum.business_rank), (std::vector<double>{3, 1, 2}));
}

TEST(RankFirm, MidPercentilesWithoutAScale) {
  // (k - r + 0.5) / k of each axis's own mid-rank, k = 3: not min-max, which puts the last at 0
  std::vector<Entry> entries = {coords("a", 2, 10), coords("b", 4, 20), coords("c", 3, 30)};
  const auto r_rankings =
      materia::rank_firm(firm_with(entries), iota_columns(3), std::nullopt, CombineRule::sum, "t");
  const materia::FirmRanking r = r_rankings[0];
  EXPECT_EQ(values(r.stakeholder), (std::vector<double>{0.5 / 3, 2.5 / 3, 1.5 / 3}));
  EXPECT_EQ(values(r.business), (std::vector<double>{0.5 / 3, 1.5 / 3, 2.5 / 3}));
  EXPECT_EQ(values(r.rank), (std::vector<double>{3, 1.5, 1.5}));
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

// FirmRankings keeps all firms' entries in shared arrays: each firm's views equal that firm
// ranked alone; an order-only firm's per-axis ranks are its overall ranks and both axes view one
// array of positions, a coordinate firm's per-axis ranks are its own.
TEST(FirmRankings, FirmsShareArraysAndOrderOnlyFirmsShareTheirRanks) {
  std::vector<Entry> order(3),
      coordinates = {coords("a", 2, 10), coords("b", 4, 20), coords("c", 3, 30)};
  for (int i = 0; i < 3; ++i)
    order[i].name = std::string(1, static_cast<char>('a' + i));
  const FirmAssessment first = firm_with(order), second = firm_with(coordinates);
  materia::FirmRankings rankings({3, 3}, {false, true});
  ASSERT_EQ(rankings.size(), 2u);
  EXPECT_EQ(rankings.entry_count(), 6u);
  rankings.rank(1, second, {4, 0, 2}, std::nullopt, CombineRule::sum, "t");
  rankings.rank(0, first, {2, 3, 1}, std::nullopt, CombineRule::sum, "t");

  const materia::FirmRanking listed = rankings[0];
  EXPECT_FALSE(listed.has_coordinates);
  EXPECT_EQ(listed.basis, materia::RankBasis::order);
  EXPECT_EQ(std::vector<std::uint32_t>(listed.issue.begin(), listed.issue.end()),
            (std::vector<std::uint32_t>{2, 3, 1}));
  EXPECT_EQ(values(listed.rank), (std::vector<double>{1, 2, 3}));
  EXPECT_EQ(values(listed.stakeholder_rank), values(listed.rank));
  EXPECT_EQ(values(listed.business_rank), values(listed.rank));
  EXPECT_EQ(listed.stakeholder_rank.data(), listed.rank.data());  // not copies
  EXPECT_EQ(listed.business.data(), listed.stakeholder.data());
  EXPECT_EQ(values(listed.stakeholder), (std::vector<double>{2.5 / 3, 1.5 / 3, 0.5 / 3}));

  const materia::FirmRanking placed = rankings[1];
  EXPECT_TRUE(placed.has_coordinates);
  EXPECT_EQ(placed.basis, materia::RankBasis::coordinates);
  EXPECT_EQ(values(placed.stakeholder_rank), (std::vector<double>{3, 1, 2}));
  EXPECT_EQ(values(placed.business_rank), (std::vector<double>{3, 2, 1}));
  EXPECT_NE(values(placed.stakeholder_rank), values(placed.rank));
  EXPECT_EQ(placed.issue.data(), listed.issue.data() + 3);  // one array for both firms

  const auto alone = materia::rank_firm(second, {4, 0, 2}, std::nullopt, CombineRule::sum, "t");
  ASSERT_EQ(alone.size(), 1u);
  for (auto view : {&materia::FirmRanking::rank, &materia::FirmRanking::stakeholder_rank,
                    &materia::FirmRanking::business_rank, &materia::FirmRanking::stakeholder,
                    &materia::FirmRanking::business})
    EXPECT_EQ(values(alone[0].*view), values(placed.*view));
}

// A firm must fit the room made for it, and add() takes views of one length only.
TEST(FirmRankings, RefusesFirmsThatDoNotFit) {
  std::vector<Entry> order(3);
  for (int i = 0; i < 3; ++i)
    order[i].name = std::string(1, static_cast<char>('a' + i));
  materia::FirmRankings rankings({2, 3}, {false, true});
  EXPECT_THROW(
      rankings.rank(0, firm_with(order), iota_columns(3), std::nullopt, CombineRule::sum, "t"),
      materia::Error);  // three entries, room for two
  EXPECT_THROW(
      rankings.rank(1, firm_with(order), iota_columns(3), std::nullopt, CombineRule::sum, "t"),
      materia::Error);  // no coordinates, room for them
  EXPECT_THROW(materia::FirmRankings({1, 2}, {true}), materia::Error);

  materia::FirmRankings added;
  const std::vector<std::uint32_t> issue = {0, 1};
  const std::vector<double> rank = {1, 2}, short_positions = {0.75};
  materia::FirmRanking view;
  view.issue = issue;
  view.rank = rank;
  view.stakeholder = short_positions;
  EXPECT_THROW(added.add(view), materia::Error);
  EXPECT_TRUE(added.empty());
  const std::vector<double> positions = {0.75, 0.25};
  view.stakeholder = positions;
  added.add(view);
  ASSERT_EQ(added.size(), 1u);
  EXPECT_EQ(values(added[0].business), positions);  // order-only: both axes view one array
  EXPECT_EQ(values(added[0].business_rank), rank);
  view.has_coordinates = true;  // now the per-axis views are missing
  EXPECT_THROW(added.add(view), materia::Error);
}

// The rank table is filled row by row on threads: it equals Eigen's setFromTriplets on the same
// listings (the construction it replaced), on every axis, for any thread count, with firms of
// no, one and many listings in shuffled issue order.
TEST(RankTable, ConcurrentRowFillEqualsTheTripletConstruction) {
  std::mt19937 random(7);
  const std::size_t issues = 300;
  // each firm's issues and its three rankings, made into FirmRankings with add()
  std::vector<materia_test::RankingLists> lists(2600);
  materia::Dataset dataset;
  for (std::size_t f = 0; f < lists.size(); ++f) {
    materia::FirmAssessment firm;
    firm.id = "F" + std::to_string(f);
    firm.weight = static_cast<double>(f % 3);
    firm.unlisted = f % 5 ? materia::UnlistedPolicy::bottom : materia::UnlistedPolicy::not_assessed;
    dataset.firms.push_back(firm);
    std::vector<std::uint32_t> columns(issues);
    std::iota(columns.begin(), columns.end(), 0u);
    std::shuffle(columns.begin(), columns.end(), random);
    columns.resize(f % 7 == 0 ? 0 : random() % 60);
    auto& r = lists[f];
    r.issue = columns;
    for (std::size_t i = 0; i < columns.size(); ++i) {
      r.rank.push_back(1.0 + static_cast<double>(i));
      r.stakeholder_rank.push_back(2.5 + static_cast<double>(random() % 9));
      r.business_rank.push_back(0.5 * static_cast<double>(random() % 11));
      r.stakeholder.push_back(0.5);
    }
  }
  for (auto& r : lists)
    r.business = r.stakeholder;
  const materia::FirmRankings rankings = materia_test::rankings_of(lists);
  for (auto axis : {materia::Axis::overall, materia::Axis::stakeholder, materia::Axis::business}) {
    std::vector<Eigen::Triplet<double>> triplets;
    for (std::size_t f = 0; f < rankings.size(); ++f) {
      const materia::FirmRanking r = rankings[f];
      const std::span<const double> ranks = axis == materia::Axis::overall ? r.rank
                                            : axis == materia::Axis::stakeholder
                                                ? r.stakeholder_rank
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
  lists[3].issue = {5, 9, 5};
  lists[3].rank = lists[3].stakeholder_rank = lists[3].business_rank = {1, 2, 3};
  lists[3].stakeholder = lists[3].business = {0.5, 0.5, 0.5};
  try {
    materia::build_rank_table(materia_test::rankings_of(lists), dataset, issues, 400,
                              materia::Axis::overall, materia::Execution{2});
    ADD_FAILURE() << "no error";
  } catch (const materia::Error& e) {
    EXPECT_EQ(e.kind(), materia::ErrorKind::usage);
    EXPECT_STREQ(e.what(), "ranking 4 lists issue column 5 twice (a firm lists an issue once)");
  }
}

}  // namespace
