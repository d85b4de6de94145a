#pragma once
/// \file tier.hpp
/// Tiers from scores: fixed counts or shares, score thresholds, and the class-interval methods of
/// R's classInt (quantile, equal intervals, head/tail breaks, Fisher's exactly optimal
/// one-dimensional classification and Jenks' break convention). Formulas: docs/method.md §3.
/// The class-interval methods are header-only (materia/tier/breaks.hpp); these are the library's
/// entry points, which run them on the worker pool with vector kernels and raise materia::Error.
///
///     auto b = materia::natural_breaks({1, 2, 4, 8, 9, 10}, 2, materia::BreakMethod::fisher);
///     // b.breaks == {1, 6, 10}, b.classes == {1, 1, 1, 2, 2, 2}

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "materia/runtime/execution.hpp"
#include "materia/tier/breaks.hpp"

namespace materia {

std::string_view break_method_name(BreakMethod method);
/// Parses a method name; throws Error(usage) listing the known names if unknown.
BreakMethod parse_break_method(std::string_view text);

/// Splits `values` into (at most) `k` classes the way R's `classInt::classIntervals(values, k,
/// style)` does, without its sampling of large inputs: the same breaks and, via `findCols`, the
/// same classes. `k` is reduced to the number of distinct values (and, as in classInt, k equal to
/// that number gives each distinct value its own class with midpoint breaks). `headtail` ignores
/// `k` and uses `headtail_threshold` (classInt's `thr`, default 0.4). Throws Error(usage) for
/// k < 1 or a non-finite value. Fisher and jenks on large inputs run on `execution`'s threads.
Breaks natural_breaks(const std::vector<double>& values, int k, BreakMethod method,
                      double headtail_threshold = 0.4, const Execution& execution = {});

/// The k chosen by the GVF elbow: for k = 1..max_k (capped at the number of distinct values),
/// the Fisher partition's GVF, and the k whose point lies farthest above the chord from k = 1 to
/// max_k (the "kneedle" rule). Returns 1 when all values are equal.
int gvf_elbow(const std::vector<double>& values, int max_k = 10);

/// A parsed `--tiers` spec (docs/format.md): `counts:26,23,42`, `shares:0.3,0.3,0.4`,
/// `thresholds:15,8`, `quantile:3`, `fisher:3`, `fisher:auto`, `jenks:3`, `equal:3`,
/// `headtail` (or `headtail:0.4`), `significance:0.05` (or `significance:0.05:bh`).
struct TierSpec {
  enum class Kind {
    counts,
    shares,
    thresholds,
    quantile,
    fisher,
    jenks,
    equal,
    headtail,
    significance
  };
  /// How significance tiers correct the issues' p-values for testing every issue.
  enum class Correction { bonferroni, bh };
  Kind kind = Kind::fisher;
  /// counts, shares or thresholds; for headtail {threshold}; for significance {alpha}
  std::vector<double> values;
  int classes = 3;  ///< for quantile, fisher, jenks, equal; 0 = auto (fisher only)
  Correction correction = Correction::bonferroni;  ///< for significance

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
  int classes_used = 0;        ///< k actually used (fisher:auto's choice)
};

/// Assigns tiers. `order` lists score indices from best to worst (ties already broken), which
/// `counts` and `shares` follow; the other kinds look at score values only, so equal scores always
/// share a tier. `higher_is_better` says which end of the scale is tier 1 (for methods where the
/// smallest score is best, the class methods run on the negated scores). `significance` needs
/// `p_values` (one per score): tier 1 holds the issues whose p-value, corrected over all of them,
/// is at most alpha, tier 2 the rest (tier 1 may be empty); without them it throws Error(usage).
Tiering assign_tiers(const std::vector<double>& scores, const std::vector<std::size_t>& order,
                     bool higher_is_better, const TierSpec& spec,
                     const std::vector<double>* p_values = nullptr);

/// Whether scores have gaps for natural breaks to find (docs/method.md §3).
struct BreakEvidence {
  /// The GVF that `classes` classes reach on n evenly spread values, 1 - ((n/K)^2 - 1)/(n^2 - 1)
  /// (exact when K divides n; 1 - 1/K^2 for large n): a GVF near it found no structure.
  double gvf_no_structure = 0.0;
  double dip = 0.0;          ///< Hartigan's dip of the values
  double dip_p_value = 1.0;  ///< its Monte Carlo p-value against the uniform (kDipReplicates)
};
/// Replicates of the dip test's p-value in break_evidence (resolution 1/501).
inline constexpr std::size_t kDipReplicates = 500;
/// The evidence for `classes` natural classes in `values` (finite, not empty); the dip test's
/// generator has a fixed seed, so the result depends on the values only (its replicates are
/// simulated on `execution`'s threads, with the same p-value for every thread count).
BreakEvidence break_evidence(const std::vector<double>& values, int classes,
                             const Execution& execution = {});

/// Exactly optimal partition of `values` into `k` classes minimizing the within-class sum of
/// squared deviations (Fisher 1958). Returns the class of each value, 1 = lowest values; equal
/// values share a class. O(k n log n) after sorting (divide-and-conquer optimization of the
/// dynamic programme). Among equally good partitions it picks the one Hartigan's `fish` (used by
/// classInt) picks: the last class as long as possible.
std::vector<int> fisher_classes(const std::vector<double>& values, int k);

/// Goodness of variance fit: 1 - SDCM / SDAM for the given classes (1 when variance is 0).
double goodness_of_variance_fit(const std::vector<double>& values, const std::vector<int>& classes);

}  // namespace materia
