#pragma once
/// \file positional.hpp
/// Header-only positional methods: every firm gives each issue a value from its rank, and the
/// values are summed (attention, borda, dowdall) or averaged (borda-normalized, mean, median and
/// geomean-rank). O(sum k + n * distinct list lengths): a `bottom` firm gives all its unlisted
/// issues the same value, so its part is a constant plus a correction on the issues it listed.

#include <algorithm>
#include <cmath>
#include <map>
#include <stdexcept>
#include <utility>
#include <vector>

#include "materia/aggregate/aggregation.hpp"

namespace materia::kernels {

/// A firm's own value for one issue under a positional method (listed at `rank`, or unlisted).
/// Throws std::logic_error for a method that is not positional.
inline double positional_value(const RankTable& table, Method method, std::size_t firm, bool listed,
                               double rank) {
  const auto n = static_cast<double>(table.universe);
  const auto k = static_cast<double>(table.length[firm]);
  if (!listed) rank = unlisted_rank(table.length[firm], table.universe);
  switch (method) {
    case Method::attention:
      return listed ? 1.0 : 0.0;
    case Method::borda:
      return listed ? k - rank + 1.0 : 0.0;
    case Method::dowdall:
      return listed ? 1.0 / rank : 0.0;
    // Renda & Straccia (2003): (N - r + 1) / N; unlisted issues at their mid-rank (k + 1 + N) / 2
    // give (N - k + 1) / (2N).
    case Method::borda_normalized:
      return (n - rank + 1.0) / n;
    case Method::mean_rank:
    case Method::median_rank:
    case Method::geomean_rank:
      return rank / n;
    default:
      break;
  }
  throw std::logic_error("positional_value: not a positional method");
}

namespace positional {

// The per-firm value that the mean-type methods average (geomean-rank averages its logarithm).
inline double averaged_value(const RankTable& table, Method method, std::size_t firm, bool listed,
                             double rank) {
  double v = kernels::positional_value(table, method, firm, listed, rank);
  return method == Method::geomean_rank ? std::log(v) : v;
}

// Score of an issue nobody with positive weight counts for: the worst value of the method.
inline double empty_score(Method method) {
  return method == Method::mean_rank || method == Method::median_rank ||
                 method == Method::geomean_rank
             ? 1.0
             : 0.0;
}

// Weighted median of (value, weight) pairs: the value where the cumulative weight reaches half
// the total; when it lands exactly on half, the mean of that value and the next (so with integer
// weights it equals the ordinary median of the firms counted w times).
inline double weighted_median(std::vector<std::pair<double, double>>& items) {
  std::sort(items.begin(), items.end());
  double total = 0.0;
  for (const auto& item : items)
    total += item.second;
  if (total <= 0.0) return empty_score(Method::median_rank);
  double cumulative = 0.0;
  for (std::size_t t = 0; t < items.size(); ++t) {
    cumulative += items[t].second;
    if (cumulative * 2.0 == total) {
      std::size_t next = t + 1;
      while (next < items.size() && items[next].second <= 0.0)
        ++next;
      return next < items.size() ? (items[t].first + items[next].first) / 2.0 : items[t].first;
    }
    if (cumulative * 2.0 > total) return items[t].first;
  }
  return items.back().first;
}

inline Aggregation median_rank(const RankTable& table) {
  const std::size_t issues = table.issue_count();
  // Bottom firms grouped by list length: all firms of one length give an unlisted issue the
  // same value, so an issue's unlisted values are these groups minus the firms that listed it.
  struct Group {
    double weight = 0.0;
    std::size_t firms = 0;
  };
  std::map<std::size_t, Group> groups;
  for (std::size_t f = 0; f < table.firm_count(); ++f)
    if (is_bottom(table, f)) {
      groups[table.length[f]].weight += table.weight[f];
      groups[table.length[f]].firms += 1;
    }
  std::vector<std::vector<std::pair<double, double>>> listed(issues);
  std::vector<std::map<std::size_t, Group>> removed(issues);
  for (std::size_t f = 0; f < table.firm_count(); ++f)
    for (SparseRow it(table.rank, static_cast<Eigen::Index>(f)); it; ++it) {
      auto i = static_cast<std::size_t>(it.col());
      listed[i].emplace_back(
          kernels::positional_value(table, Method::median_rank, f, true, it.value()),
          table.weight[f]);
      if (is_bottom(table, f)) {
        removed[i][table.length[f]].weight += table.weight[f];
        removed[i][table.length[f]].firms += 1;
      }
    }
  Aggregation result;
  result.method = Method::median_rank;
  result.higher_is_better = false;
  result.score.resize(issues);
  for (std::size_t i = 0; i < issues; ++i) {
    auto items = std::move(listed[i]);
    for (const auto& [length, group] : groups) {
      auto gone = removed[i].find(length);
      std::size_t firms = group.firms - (gone == removed[i].end() ? 0 : gone->second.firms);
      if (firms == 0) continue;  // exact: no residue of subtracting floating weights
      double weight = group.weight - (gone == removed[i].end() ? 0.0 : gone->second.weight);
      items.emplace_back(
          unlisted_rank(length, table.universe) / static_cast<double>(table.universe), weight);
    }
    result.score[i] = weighted_median(items);
  }
  return result;
}

}  // namespace positional

/// Scores of a positional method (is_positional(method)); Aggregation::rank is left empty.
inline Aggregation aggregate_positional(const RankTable& table, Method method) {
  if (method == Method::median_rank) return positional::median_rank(table);
  const std::size_t issues = table.issue_count();
  const bool sum = is_sum(method);
  double base_sum = 0.0, base_weight = 0.0;
  std::vector<double> total(issues, 0.0), weight(issues, 0.0);
  for (std::size_t f = 0; f < table.firm_count(); ++f) {
    const double w = table.weight[f];
    const bool bottom = is_bottom(table, f) && !sum;
    const double unlisted = bottom ? positional::averaged_value(table, method, f, false, 0.0) : 0.0;
    if (bottom) {
      base_sum += w * unlisted;
      base_weight += w;
    }
    for (SparseRow it(table.rank, static_cast<Eigen::Index>(f)); it; ++it) {
      auto i = static_cast<std::size_t>(it.col());
      total[i] += w * (positional::averaged_value(table, method, f, true, it.value()) - unlisted);
      if (!bottom) weight[i] += w;
    }
  }
  Aggregation result;
  result.method = method;
  result.higher_is_better = !(method == Method::mean_rank || method == Method::geomean_rank);
  result.score.resize(issues);
  for (std::size_t i = 0; i < issues; ++i) {
    if (sum) {
      result.score[i] = total[i];
      continue;
    }
    const double w = base_weight + weight[i];
    if (w <= 0.0) {
      result.score[i] = positional::empty_score(method);
      continue;
    }
    const double mean = (base_sum + total[i]) / w;
    result.score[i] = method == Method::geomean_rank ? std::exp(mean) : mean;
  }
  return result;
}

}  // namespace materia::kernels
