#pragma once
/// \file rank.hpp
/// Per-firm ranking (explicit ranks, list order, levels, coordinates; ties share the mean rank)
/// and the firms x issues rank table the aggregation methods read. The numbers themselves are
/// header-only: materia/rank/ranking.hpp and materia/rank/rank_table.hpp.

#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

#include "materia/model/dataset.hpp"
#include "materia/rank/rank_table.hpp"
#include "materia/rank/ranking.hpp"
#include "materia/runtime/execution.hpp"

namespace materia {

std::string_view combine_rule_name(CombineRule rule);
std::optional<CombineRule> parse_combine_rule(std::string_view text);

/// Which ranking of a firm a table holds.
enum class Axis { overall, stakeholder, business };

/// Mid-ranks of `values`: rank 1 goes to the largest value when `larger_is_better` (else the
/// smallest); tied values share the mean of the positions they occupy. {5, 3, 3} -> {1, 2.5, 2.5}.
std::vector<double> mid_ranks(const std::vector<double>& values, bool larger_is_better);

/// What a firm's ordering was based on.
enum class RankBasis { rank, coordinates, level, order };
std::string_view rank_basis_name(RankBasis basis);

/// One firm's issues, resolved to issue columns and ranked.
struct FirmRanking {
  RankBasis basis = RankBasis::order;
  std::vector<std::size_t> issue;  ///< issue column of each listed entry
  std::vector<double> rank;        ///< overall mid-rank, 1 = most important
  /// Per-axis mid-ranks (coordinates) or copies of `rank` (order-only firms).
  std::vector<double> stakeholder_rank, business_rank;
  /// Positions on [0,1] per axis (1 = most important): the declared scale, else the axis's
  /// mid-percentile (k - r + 0.5) / k, else (order-only firms) that of the overall rank.
  std::vector<double> stakeholder, business;
  /// True when `stakeholder`/`business` come from coordinates, not ranks.
  bool has_coordinates = false;

  std::size_t size() const { return issue.size(); }
};

/// Ranks one firm's entries, whose issue columns are `columns` (same order as firm.entries).
/// `default_scale` is the dataset's scale. Throws Error(input) for contradictory input (an
/// explicit rank that puts an issue above one that dominates it on both axes).
FirmRanking rank_firm(const FirmAssessment& firm, const std::vector<std::size_t>& columns,
                      const std::optional<Scale>& default_scale, CombineRule rule,
                      const std::string& source);

/// Builds the table of one axis from per-firm rankings, its rows filled on `execution`'s threads.
RankTable build_rank_table(const std::vector<FirmRanking>& rankings, const Dataset& dataset,
                           std::size_t issue_count, std::size_t universe, Axis axis,
                           const Execution& execution = {});

}  // namespace materia
