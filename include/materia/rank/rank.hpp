#pragma once
/// \file rank.hpp
/// Per-firm ranking (explicit ranks, list order, levels, coordinates; ties share the mean rank)
/// and the firms x issues rank table the aggregation methods read. The numbers themselves are
/// header-only: materia/rank/ranking.hpp and materia/rank/rank_table.hpp.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
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

/// One firm's issues, resolved to issue columns and ranked: a view into the FirmRankings that
/// holds them, valid while it lives and is not moved from.
struct FirmRanking {
  RankBasis basis = RankBasis::order;
  /// True when `stakeholder`/`business` come from coordinates, not ranks.
  bool has_coordinates = false;
  std::span<const std::uint32_t> issue;  ///< issue column of each listed entry
  std::span<const double> rank;          ///< overall mid-rank, 1 = most important
  /// Per-axis mid-ranks (coordinates); for an order-only firm, views of `rank` itself.
  std::span<const double> stakeholder_rank, business_rank;
  /// Positions on [0,1] per axis (1 = most important): the declared scale, else the axis's
  /// mid-percentile (k - r + 0.5) / k, else (order-only firms) that of the overall rank, which
  /// both axes then view.
  std::span<const double> stakeholder, business;

  std::size_t size() const { return issue.size(); }
};

/// The rankings of a dataset's firms, firm f's the f-th. Each quantity of all firms' entries is
/// one array, a firm's entries contiguous in it; the per-axis ranks and business positions are
/// stored for firms with coordinates only (an order-only firm's views share its `rank` and its
/// one array of positions).
class FirmRankings {
 public:
  FirmRankings() = default;  ///< no firms; add() appends them
  /// Room for firms of `sizes[f]` entries, firm f's with coordinates when `coordinates[f]` (the
  /// two the same length); fill each firm with rank().
  FirmRankings(const std::vector<std::size_t>& sizes, const std::vector<bool>& coordinates);

  /// Ranks `firm`'s entries, whose issue columns are `columns` (same order as firm.entries),
  /// into firm f's room; its size and coordinates must be those it was made with. Different
  /// firms may be ranked concurrently. Throws as rank_firm.
  void rank(std::size_t f, const FirmAssessment& firm, const std::vector<std::size_t>& columns,
            const std::optional<Scale>& default_scale, CombineRule rule, const std::string& source);

  /// Appends a firm ranked by other means, copying its views: issue and rank, and stakeholder
  /// positions; with coordinates, also business positions and both per-axis ranks (an order-only
  /// firm's other views are its rank and its stakeholder positions). Throws Error(usage) when the
  /// views it keeps differ in length.
  void add(const FirmRanking& ranking);

  std::size_t size() const { return basis_.size(); }  ///< number of firms
  bool empty() const { return basis_.empty(); }
  std::size_t entry_count() const { return issue_.size(); }  ///< all firms' entries
  FirmRanking operator[](std::size_t f) const;

 private:
  std::vector<RankBasis> basis_;
  std::vector<std::size_t> entry_begin_{0};  // firm f's entries: [entry_begin_[f], [f + 1])
  std::vector<std::size_t> axis_begin_{0};   // its per-axis entries (coordinates only), likewise
  std::vector<std::uint32_t> issue_;
  std::vector<double> rank_, stakeholder_;                           // every entry
  std::vector<double> business_, stakeholder_rank_, business_rank_;  // coordinate entries
};

/// Ranks one firm's entries, whose issue columns are `columns` (same order as firm.entries):
/// the rankings of that firm alone. `default_scale` is the dataset's scale. Throws Error(input)
/// for contradictory input (an explicit rank that puts an issue above one that dominates it on
/// both axes).
FirmRankings rank_firm(const FirmAssessment& firm, const std::vector<std::size_t>& columns,
                       const std::optional<Scale>& default_scale, CombineRule rule,
                       const std::string& source);

/// Builds the table of one axis from per-firm rankings, its rows filled on `execution`'s threads.
RankTable build_rank_table(const FirmRankings& rankings, const Dataset& dataset,
                           std::size_t issue_count, std::size_t universe, Axis axis,
                           const Execution& execution = {});

}  // namespace materia
