#pragma once
/// \file ranking.hpp
/// Header-only: the numbers of one firm's ranking. Mid-ranks (ties share the mean of the
/// positions they occupy), how two matrix coordinates combine into one importance, and positions
/// on [0,1]. Needs only the standard library.
///
///     materia::kernels::mid_ranks({5, 3, 3}, true);  // {1, 2.5, 2.5}

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <numeric>
#include <vector>

namespace materia {

/// How two matrix coordinates combine into one importance for ranking inside a firm.
enum class CombineRule {
  sum,       ///< stakeholder + business (default)
  max,       ///< max(stakeholder, business)
  product,   ///< stakeholder * business
  distance,  ///< sqrt(stakeholder^2 + business^2), distance from the origin
};

namespace kernels {

/// Mid-ranks of `values`: rank 1 goes to the largest value when `larger_is_better` (else the
/// smallest); tied values share the mean of the positions they occupy. {5, 3, 3} -> {1, 2.5, 2.5}.
inline std::vector<double> mid_ranks(const std::vector<double>& values, bool larger_is_better) {
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

/// One importance from a stakeholder and a business coordinate.
inline double combine(CombineRule rule, double stakeholder, double business) {
  switch (rule) {
    case CombineRule::sum:
      return stakeholder + business;
    case CombineRule::max:
      return std::max(stakeholder, business);
    case CombineRule::product:
      return stakeholder * business;
    case CombineRule::distance:
      return std::hypot(stakeholder, business);
  }
  return stakeholder + business;
}

/// `raw` on [0,1] by the scale [lo, hi]; 0.5 (the neutral middle) for every value when the scale
/// has no spread.
inline std::vector<double> to_unit(const std::vector<double>& raw, double lo, double hi) {
  std::vector<double> unit(raw.size());
  for (std::size_t i = 0; i < raw.size(); ++i)
    unit[i] = hi > lo ? (raw[i] - lo) / (hi - lo) : 0.5;
  return unit;
}

/// `raw` (not empty) on [0,1] by min-max over its own values.
inline std::vector<double> to_unit(const std::vector<double>& raw) {
  auto [min_it, max_it] = std::minmax_element(raw.begin(), raw.end());
  return to_unit(raw, *min_it, *max_it);
}

/// Positions on [0,1] from the ranks 1..k of a list that gives only an order: the
/// mid-percentile (k - r + 0.5) / k.
inline std::vector<double> rank_positions(const std::vector<double>& ranks) {
  const auto k = static_cast<double>(ranks.size());
  std::vector<double> positions(ranks.size());
  for (std::size_t i = 0; i < ranks.size(); ++i)
    positions[i] = (k - ranks[i] + 0.5) / k;
  return positions;
}

}  // namespace kernels

}  // namespace materia
