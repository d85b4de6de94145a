#include "materia/rank/rank.hpp"

#include <algorithm>
#include <cstdint>
#include <string>

#include "materia/error.hpp"
#include "model/enum_text.hpp"
#include "rank/compiled_kernels.hpp"

namespace materia {

namespace {

// In enumerator order.
constexpr std::string_view kCombineRuleNames[] = {"sum", "max", "product", "distance"};
constexpr std::string_view kRankBasisNames[] = {"rank", "coordinates", "level", "order"};

}  // namespace

std::string_view combine_rule_name(CombineRule rule) {
  return detail::enum_text(rule, kCombineRuleNames, "sum");
}

std::optional<CombineRule> parse_combine_rule(std::string_view text) {
  return detail::enum_from_text<CombineRule>(text, kCombineRuleNames);
}

std::string_view rank_basis_name(RankBasis basis) {
  return detail::enum_text(basis, kRankBasisNames, "order");
}

std::vector<double> mid_ranks(const std::vector<double>& values, bool larger_is_better) {
  return kernels::mid_ranks(values, larger_is_better);
}

FirmRankings::FirmRankings(const std::vector<std::size_t>& sizes,
                           const std::vector<bool>& coordinates)
    : basis_(sizes.size(), RankBasis::order),
      entry_begin_(sizes.size() + 1, 0),
      axis_begin_(sizes.size() + 1, 0) {
  if (coordinates.size() != sizes.size())
    throw_usage_error("FirmRankings: " + std::to_string(sizes.size()) + " sizes but " +
                      std::to_string(coordinates.size()) + " coordinate flags");
  for (std::size_t f = 0; f < sizes.size(); ++f) {
    entry_begin_[f + 1] = entry_begin_[f] + sizes[f];
    axis_begin_[f + 1] = axis_begin_[f] + (coordinates[f] ? sizes[f] : 0);
  }
  const std::size_t entries = entry_begin_.back(), axis_entries = axis_begin_.back();
  issue_.resize(entries);
  rank_.resize(entries);
  stakeholder_.resize(entries);
  business_.resize(axis_entries);
  stakeholder_rank_.resize(axis_entries);
  business_rank_.resize(axis_entries);
}

FirmRanking FirmRankings::operator[](std::size_t f) const {
  FirmRanking ranking;
  ranking.basis = basis_[f];
  const std::size_t begin = entry_begin_[f], k = entry_begin_[f + 1] - begin;
  ranking.issue = {issue_.data() + begin, k};
  ranking.rank = {rank_.data() + begin, k};
  ranking.stakeholder = {stakeholder_.data() + begin, k};
  const std::size_t axis = axis_begin_[f];
  ranking.has_coordinates = axis_begin_[f + 1] != axis;
  if (ranking.has_coordinates) {
    ranking.business = {business_.data() + axis, k};
    ranking.stakeholder_rank = {stakeholder_rank_.data() + axis, k};
    ranking.business_rank = {business_rank_.data() + axis, k};
  } else {
    ranking.business = ranking.stakeholder;
    ranking.stakeholder_rank = ranking.rank;
    ranking.business_rank = ranking.rank;
  }
  return ranking;
}

void FirmRankings::add(const FirmRanking& ranking) {
  const std::size_t k = ranking.size();
  const bool fits = ranking.rank.size() == k && ranking.stakeholder.size() == k &&
                    (!ranking.has_coordinates ||
                     (ranking.business.size() == k && ranking.stakeholder_rank.size() == k &&
                      ranking.business_rank.size() == k));
  if (!fits)
    throw_usage_error("FirmRankings::add: firm " + std::to_string(size() + 1) + " lists " +
                      std::to_string(k) + " issues but its ranks or positions differ in length");
  basis_.push_back(ranking.basis);
  issue_.insert(issue_.end(), ranking.issue.begin(), ranking.issue.end());
  rank_.insert(rank_.end(), ranking.rank.begin(), ranking.rank.end());
  stakeholder_.insert(stakeholder_.end(), ranking.stakeholder.begin(), ranking.stakeholder.end());
  entry_begin_.push_back(issue_.size());
  if (ranking.has_coordinates) {
    business_.insert(business_.end(), ranking.business.begin(), ranking.business.end());
    stakeholder_rank_.insert(stakeholder_rank_.end(), ranking.stakeholder_rank.begin(),
                             ranking.stakeholder_rank.end());
    business_rank_.insert(business_rank_.end(), ranking.business_rank.begin(),
                          ranking.business_rank.end());
  }
  axis_begin_.push_back(business_.size());
}

void FirmRankings::rank(std::size_t f, const FirmAssessment& firm,
                        const std::vector<std::size_t>& columns,
                        const std::optional<Scale>& default_scale, CombineRule rule,
                        const std::string& source) {
  const std::size_t k = firm.entries.size();
  const std::size_t begin = entry_begin_[f], axis = axis_begin_[f];
  const bool room_for_axes = axis_begin_[f + 1] != axis;
  if (k == 0 || entry_begin_[f + 1] - begin != k || columns.size() != k ||
      room_for_axes != firm.has_coordinates())
    throw_usage_error("FirmRankings: firm " + std::to_string(f + 1) +
                      " does not fit the room made for it");
  const Entry& first = firm.entries.front();
  const bool has_coordinates = room_for_axes;
  const RankBasis basis = first.rank          ? RankBasis::rank
                          : first.stakeholder ? RankBasis::coordinates
                          : first.level       ? RankBasis::level
                                              : RankBasis::order;
  basis_[f] = basis;
  // issue columns are below the universe, at most limits::max_universe (< 2^32)
  for (std::size_t i = 0; i < k; ++i)
    issue_[begin + i] = static_cast<std::uint32_t>(columns[i]);

  std::vector<double> stakeholder, business;
  if (has_coordinates) {
    std::vector<double> s(k), b(k);
    for (std::size_t i = 0; i < k; ++i) {
      s[i] = *firm.entries[i].stakeholder;
      b[i] = *firm.entries[i].business;
    }
    const std::vector<double> stakeholder_rank = kernels::mid_ranks(s, true);
    const std::vector<double> business_rank = kernels::mid_ranks(b, true);
    // on [0,1] by the declared scale, else each axis's mid-percentile (k - r + 0.5)/k: min-max
    // would put the firm's last issue at 0 however important the firm says it is
    const auto& scale = firm.scale ? firm.scale : default_scale;
    stakeholder = scale ? kernels::to_unit(s, scale->min, scale->max)
                        : kernels::rank_positions(stakeholder_rank);
    business = scale ? kernels::to_unit(b, scale->min, scale->max)
                     : kernels::rank_positions(business_rank);
    std::copy(stakeholder_rank.begin(), stakeholder_rank.end(), stakeholder_rank_.begin() + axis);
    std::copy(business_rank.begin(), business_rank.end(), business_rank_.begin() + axis);
    std::copy(business.begin(), business.end(), business_.begin() + axis);
  }

  std::vector<double> key(k), rank;
  // ranks by one numeric field of the entries
  auto rank_by = [&](auto field, bool larger_is_better) {
    for (std::size_t i = 0; i < k; ++i)
      key[i] = *(firm.entries[i].*field);
    rank = kernels::mid_ranks(key, larger_is_better);
  };
  switch (basis) {
    case RankBasis::rank:
      rank_by(&Entry::rank, false);
      break;
    case RankBasis::coordinates:
      for (std::size_t i = 0; i < k; ++i)
        key[i] = kernels::combine(rule, stakeholder[i], business[i]);
      rank = kernels::mid_ranks(key, true);
      break;
    case RankBasis::level:
      rank_by(&Entry::level, true);
      break;
    case RankBasis::order:
      rank.resize(k);
      for (std::size_t i = 0; i < k; ++i)
        rank[i] = static_cast<double>(i + 1);
      break;
  }

  if (basis == RankBasis::rank && has_coordinates) {
    // An explicit rank may differ from the coordinates' combination (management judgement), but
    // it must not put an issue above one that scores at least as high on both axes and higher on
    // one: that input contradicts itself.
    for (std::size_t a = 0; a < k; ++a)
      for (std::size_t b = 0; b < k; ++b) {
        if (rank[a] >= rank[b]) continue;
        const Entry& ea = firm.entries[a];
        const Entry& eb = firm.entries[b];
        bool dominates = *eb.stakeholder >= *ea.stakeholder && *eb.business >= *ea.business &&
                         (*eb.stakeholder > *ea.stakeholder || *eb.business > *ea.business);
        if (dominates)
          throw_input_error(
              "rank " + std::to_string(static_cast<long long>(*ea.rank)) + " puts it above \"" +
                  eb.name + "\" (rank " + std::to_string(static_cast<long long>(*eb.rank)) +
                  "), which scores higher on both axes: rank and coordinates disagree",
              {source, firm.id, ea.name});
      }
  }

  // Firms that give only an order get rank-based positions: the mid-percentile (k - r + 0.5)/k,
  // one array for both axes.
  if (!has_coordinates) stakeholder = kernels::rank_positions(rank);
  std::copy(rank.begin(), rank.end(), rank_.begin() + begin);
  std::copy(stakeholder.begin(), stakeholder.end(), stakeholder_.begin() + begin);
}

FirmRankings rank_firm(const FirmAssessment& firm, const std::vector<std::size_t>& columns,
                       const std::optional<Scale>& default_scale, CombineRule rule,
                       const std::string& source) {
  if (firm.entries.empty()) throw_usage_error("rank_firm: the firm lists no entries");
  FirmRankings rankings({firm.entries.size()}, {firm.has_coordinates()});
  rankings.rank(0, firm, columns, default_scale, rule, source);
  return rankings;
}

RankTable build_rank_table(const FirmRankings& rankings, const Dataset& dataset,
                           std::size_t issue_count, std::size_t universe, Axis axis,
                           const Execution& execution) {
  RankTable table;
  table.universe = universe;
  const std::size_t firms = rankings.size();
  struct Row {
    std::span<const std::uint32_t> issue;
    std::span<const double> rank;
  };
  auto row_of = [&](std::size_t f) {
    const FirmRanking r = rankings[f];
    return Row{r.issue, axis == Axis::overall       ? r.rank
                        : axis == Axis::stakeholder ? r.stakeholder_rank
                                                    : r.business_rank};
  };
  detail::with_usage_errors([&] {
    kernels::fill_rank_rows(table.rank, firms, issue_count, row_of,
                            detail::PoolLoop{execution.threads});
  });
  table.weight.reserve(firms);
  table.length.reserve(firms);
  table.policy.reserve(firms);
  for (std::size_t f = 0; f < firms; ++f) {
    table.weight.push_back(dataset.firms[f].weight);
    table.length.push_back(rankings[f].size());
    table.policy.push_back(dataset.firms[f].unlisted);
  }
  return table;
}

}  // namespace materia
