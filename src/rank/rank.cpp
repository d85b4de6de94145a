#include "materia/rank/rank.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <numeric>

#include "runtime/parallel.hpp"
#include "materia/error.hpp"

namespace materia {

std::string_view combine_rule_name(CombineRule rule) {
  switch (rule) {
    case CombineRule::sum:
      return "sum";
    case CombineRule::max:
      return "max";
    case CombineRule::product:
      return "product";
    case CombineRule::distance:
      return "distance";
  }
  return "sum";
}

std::optional<CombineRule> parse_combine_rule(std::string_view text) {
  for (auto rule :
       {CombineRule::sum, CombineRule::max, CombineRule::product, CombineRule::distance})
    if (combine_rule_name(rule) == text) return rule;
  return std::nullopt;
}

std::string_view rank_basis_name(RankBasis basis) {
  switch (basis) {
    case RankBasis::rank:
      return "rank";
    case RankBasis::coordinates:
      return "coordinates";
    case RankBasis::level:
      return "level";
    case RankBasis::order:
      return "order";
  }
  return "order";
}

std::vector<double> mid_ranks(const std::vector<double>& values, bool larger_is_better) {
  std::vector<std::size_t> order(values.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return larger_is_better ? values[a] > values[b] : values[a] < values[b];
  });
  std::vector<double> ranks(values.size());
  for (std::size_t i = 0; i < order.size();) {
    std::size_t j = i;
    while (j + 1 < order.size() && values[order[j + 1]] == values[order[i]])
      ++j;
    // positions i..j (0-based) share the mean of ranks i+1..j+1
    double mid = (static_cast<double>(i + 1) + static_cast<double>(j + 1)) / 2.0;
    for (std::size_t t = i; t <= j; ++t)
      ranks[order[t]] = mid;
    i = j + 1;
  }
  return ranks;
}

namespace {

// Puts one axis on [0,1]: the declared scale, else min-max over the firm's own entries.
std::vector<double> to_unit(const std::vector<double>& raw, const std::optional<Scale>& scale) {
  double lo, hi;
  if (scale) {
    lo = scale->min;
    hi = scale->max;
  } else {
    auto [min_it, max_it] = std::minmax_element(raw.begin(), raw.end());
    lo = *min_it;
    hi = *max_it;
  }
  std::vector<double> unit(raw.size());
  for (std::size_t i = 0; i < raw.size(); ++i)
    unit[i] = hi > lo ? (raw[i] - lo) / (hi - lo) : 0.5;  // no spread: neutral middle
  return unit;
}

double combine(CombineRule rule, double s, double b) {
  switch (rule) {
    case CombineRule::sum:
      return s + b;
    case CombineRule::max:
      return std::max(s, b);
    case CombineRule::product:
      return s * b;
    case CombineRule::distance:
      return std::hypot(s, b);
  }
  return s + b;
}

}  // namespace

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
    const auto& scale = firm.scale ? firm.scale : default_scale;
    ranking.stakeholder = to_unit(s, scale);
    ranking.business = to_unit(b, scale);
    ranking.stakeholder_rank = mid_ranks(s, true);
    ranking.business_rank = mid_ranks(b, true);
  }

  std::vector<double> key(k);
  switch (ranking.basis) {
    case RankBasis::rank:
      for (std::size_t i = 0; i < k; ++i)
        key[i] = *firm.entries[i].rank;
      ranking.rank = mid_ranks(key, false);
      break;
    case RankBasis::coordinates:
      for (std::size_t i = 0; i < k; ++i)
        key[i] = combine(rule, ranking.stakeholder[i], ranking.business[i]);
      ranking.rank = mid_ranks(key, true);
      break;
    case RankBasis::level:
      for (std::size_t i = 0; i < k; ++i)
        key[i] = *firm.entries[i].level;
      ranking.rank = mid_ranks(key, true);
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
    ranking.stakeholder.resize(k);
    for (std::size_t i = 0; i < k; ++i)
      ranking.stakeholder[i] =
          (static_cast<double>(k) - ranking.rank[i] + 0.5) / static_cast<double>(k);
    ranking.business = ranking.stakeholder;
    ranking.stakeholder_rank = ranking.rank;
    ranking.business_rank = ranking.rank;
  }
  return ranking;
}

bool same_rankings(const RankTable& a, const RankTable& b) {
  if (a.universe != b.universe || a.weight != b.weight || a.length != b.length ||
      a.policy != b.policy || a.rank.rows() != b.rank.rows() || a.rank.cols() != b.rank.cols() ||
      a.rank.nonZeros() != b.rank.nonZeros() || !a.rank.isCompressed() || !b.rank.isCompressed())
    return false;
  const auto rows = static_cast<std::size_t>(a.rank.rows());
  const auto nonzeros = static_cast<std::size_t>(a.rank.nonZeros());
  return std::equal(a.rank.outerIndexPtr(), a.rank.outerIndexPtr() + rows + 1,
                    b.rank.outerIndexPtr()) &&
         std::equal(a.rank.innerIndexPtr(), a.rank.innerIndexPtr() + nonzeros,
                    b.rank.innerIndexPtr()) &&
         std::equal(a.rank.valuePtr(), a.rank.valuePtr() + nonzeros, b.rank.valuePtr());
}

RankTable build_rank_table(const std::vector<FirmRanking>& rankings, const Dataset& dataset,
                           std::size_t issue_count, std::size_t universe, Axis axis,
                           const Execution& execution) {
  using Storage = Eigen::SparseMatrix<double, Eigen::RowMajor>::StorageIndex;
  RankTable table;
  table.universe = universe;
  const std::size_t firms = rankings.size();
  table.rank.resize(static_cast<Eigen::Index>(firms), static_cast<Eigen::Index>(issue_count));
  // Each firm's row straight into compressed (CSR) storage, its entries ordered by issue, the
  // rows on every core (setFromTriplets went through a transposed copy of all of them on one).
  // A firm lists an issue once (analyze refuses a second listing); rankings built by hand that
  // list one twice are refused here, not written as a malformed row.
  Storage* outer = table.rank.outerIndexPtr();
  outer[0] = 0;
  for (std::size_t f = 0; f < firms; ++f)
    outer[f + 1] = outer[f] + static_cast<Storage>(rankings[f].size());
  table.rank.resizeNonZeros(static_cast<Eigen::Index>(outer[firms]));
  Storage* inner = table.rank.innerIndexPtr();
  double* value = table.rank.valuePtr();
  detail::parallel_for(
      firms, execution.threads,
      [&](std::size_t f) {
        const FirmRanking& r = rankings[f];
        const auto& ranks = axis == Axis::overall       ? r.rank
                            : axis == Axis::stakeholder ? r.stakeholder_rank
                                                        : r.business_rank;
        // (issue, entry) packed in one integer: a plain integer sort, no indirection
        thread_local std::vector<std::uint64_t> order;
        order.resize(r.size());
        for (std::size_t i = 0; i < r.size(); ++i)
          order[i] = static_cast<std::uint64_t>(r.issue[i]) << 32 | i;
        std::sort(order.begin(), order.end());
        for (std::size_t k = 1; k < order.size(); ++k)
          if (order[k] >> 32 == order[k - 1] >> 32)
            throw_usage_error("ranking " + std::to_string(f + 1) + " lists issue column " +
                              std::to_string(order[k] >> 32) +
                              " twice (a firm lists an issue once)");
        const auto begin = static_cast<std::size_t>(outer[f]);
        for (std::size_t k = 0; k < order.size(); ++k) {
          inner[begin + k] = static_cast<Storage>(order[k] >> 32);
          value[begin + k] = ranks[order[k] & 0xFFFFFFFFu];
        }
      },
      1000);
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
