#pragma once
/// \file tier.hpp
/// Tiers from scores: fixed counts or shares, score thresholds, quantiles, and Fisher's exactly
/// optimal one-dimensional classification (Fisher-Jenks natural breaks).

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace materia {

/// A parsed `--tiers` spec (CONTRACT.md): `counts:26,23,42`, `shares:0.3,0.3,0.4`,
/// `thresholds:15,8`, `quantile:3`, `fisher:3`.
struct TierSpec {
  enum class Kind { counts, shares, thresholds, quantile, fisher };
  Kind kind = Kind::fisher;
  std::vector<double> values;  ///< counts, shares or thresholds
  int classes = 3;             ///< for quantile and fisher

  /// Parses a spec; throws Error(usage) with what is wrong.
  static TierSpec parse(std::string_view text);
  /// The canonical text of the spec (parse(to_string()) == *this).
  std::string to_string() const;
};

/// Tiers for a list of scores.
struct Tiering {
  std::vector<int> tier;       ///< per score, 1 = top
  int tier_count = 0;          ///< number of tiers
  std::vector<double> breaks;  ///< score boundaries between tiers, from tier 1 down
  double gvf = 1.0;            ///< goodness of variance fit of the partition, in [0,1]
};

/// Assigns tiers. `order` lists score indices from best to worst (ties already broken), which
/// `counts` and `shares` follow; the other kinds look at score values only, so equal scores always
/// share a tier. `higher_is_better` says which end of the scale is tier 1.
Tiering assign_tiers(const std::vector<double>& scores, const std::vector<std::size_t>& order,
                     bool higher_is_better, const TierSpec& spec);

/// Exactly optimal partition of `values` into `k` classes minimizing the within-class sum of
/// squared deviations (Fisher 1958). Returns the class of each value, 1 = lowest values.
/// O(k n log n) after sorting (divide-and-conquer optimization of the dynamic programme).
std::vector<int> fisher_classes(const std::vector<double>& values, int k);

/// Goodness of variance fit: 1 - SDCM / SDAM for the given classes (1 when variance is 0).
double goodness_of_variance_fit(const std::vector<double>& values, const std::vector<int>& classes);

}  // namespace materia
