// Ranking inside a firm: mid-ranks, each basis, positions on the axes, contradictions.
#include <gtest/gtest.h>

#include "materia/error.hpp"
#include "materia/rank.hpp"

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

TEST(RankFirm, MinMaxWithoutAScale) {
  std::vector<Entry> entries = {coords("a", 2, 10), coords("b", 4, 20), coords("c", 3, 30)};
  auto r =
      materia::rank_firm(firm_with(entries), iota_columns(3), std::nullopt, CombineRule::sum, "t");
  EXPECT_EQ(r.stakeholder, (std::vector<double>{0, 1, 0.5}));
  EXPECT_EQ(r.business, (std::vector<double>{0, 0.5, 1}));
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
