#include "materia/rank/rank.hpp"

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

FirmRanking rank_firm(const FirmAssessment& firm, const std::vector<std::size_t>& columns,
                      const std::optional<Scale>& default_scale, CombineRule rule,
                      const std::string& source) {
  const std::size_t k = firm.entries.size();
  FirmRanking ranking;
  ranking.issue = columns;
  const Entry& first = firm.entries.front();
  ranking.has_coordinates = first.stakeholder.has_value();
  ranking.basis = first.rank          ? RankBasis::rank
                  : first.stakeholder ? RankBasis::coordinates
                  : first.level       ? RankBasis::level
                                      : RankBasis::order;

  if (ranking.has_coordinates) {
    std::vector<double> s(k), b(k);
    for (std::size_t i = 0; i < k; ++i) {
      s[i] = *firm.entries[i].stakeholder;
      b[i] = *firm.entries[i].business;
    }
    ranking.stakeholder_rank = kernels::mid_ranks(s, true);
    ranking.business_rank = kernels::mid_ranks(b, true);
    // on [0,1] by the declared scale, else each axis's mid-percentile (k - r + 0.5)/k: min-max
    // would put the firm's last issue at 0 however important the firm says it is
    const auto& scale = firm.scale ? firm.scale : default_scale;
    ranking.stakeholder = scale ? kernels::to_unit(s, scale->min, scale->max)
                                : kernels::rank_positions(ranking.stakeholder_rank);
    ranking.business = scale ? kernels::to_unit(b, scale->min, scale->max)
                             : kernels::rank_positions(ranking.business_rank);
  }

  std::vector<double> key(k);
  // ranks by one numeric field of the entries
  auto rank_by = [&](auto field, bool larger_is_better) {
    for (std::size_t i = 0; i < k; ++i)
      key[i] = *(firm.entries[i].*field);
    ranking.rank = kernels::mid_ranks(key, larger_is_better);
  };
  switch (ranking.basis) {
    case RankBasis::rank:
      rank_by(&Entry::rank, false);
      break;
    case RankBasis::coordinates:
      for (std::size_t i = 0; i < k; ++i)
        key[i] = kernels::combine(rule, ranking.stakeholder[i], ranking.business[i]);
      ranking.rank = kernels::mid_ranks(key, true);
      break;
    case RankBasis::level:
      rank_by(&Entry::level, true);
      break;
    case RankBasis::order:
      ranking.rank.resize(k);
      for (std::size_t i = 0; i < k; ++i)
        ranking.rank[i] = static_cast<double>(i + 1);
      break;
  }

  if (ranking.basis == RankBasis::rank && ranking.has_coordinates) {
    // An explicit rank may differ from the coordinates' combination (management judgement), but
    // it must not put an issue above one that scores at least as high on both axes and higher on
    // one: that input contradicts itself.
    for (std::size_t a = 0; a < k; ++a)
      for (std::size_t b = 0; b < k; ++b) {
        if (ranking.rank[a] >= ranking.rank[b]) continue;
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

  if (!ranking.has_coordinates) {
    // Firms that give only an order get rank-based positions: the mid-percentile (k - r + 0.5)/k.
    ranking.stakeholder = kernels::rank_positions(ranking.rank);
    ranking.business = ranking.stakeholder;
    ranking.stakeholder_rank = ranking.rank;
    ranking.business_rank = ranking.rank;
  }
  return ranking;
}

RankTable build_rank_table(const std::vector<FirmRanking>& rankings, const Dataset& dataset,
                           std::size_t issue_count, std::size_t universe, Axis axis,
                           const Execution& execution) {
  RankTable table;
  table.universe = universe;
  const std::size_t firms = rankings.size();
  auto row_of = [&](std::size_t f) {
    const FirmRanking& r = rankings[f];
    return kernels::RankedList{r.issue, axis == Axis::overall       ? r.rank
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
