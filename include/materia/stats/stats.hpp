#pragma once
/// \file stats.hpp
/// Agreement between rankings: Kendall's tau-b (O(n log n)), Spearman's rho (mid-ranks for ties),
/// Kendall's W with tie correction, Friedman's chi-square, Skillings–Mack over the listed issues,
/// and which firms agree most and least with the rest (rho, rank-biased overlap, top-k distance).
/// Formulas and sources: docs/method.md §10. The statistics are header-only
/// (materia/stats/rank_agreement.hpp); these are the library's entry points, which raise
/// materia::Error.
///
///     materia::kendall_tau_b({1, 2, 3, 4}, {1, 3, 2, 4});  // 2/3

#include <cstddef>
#include <limits>
#include <string>
#include <vector>

#include "materia/model/result.hpp"
#include "materia/stats/rank_agreement.hpp"

namespace materia {

/// Kendall's tau-b of paired values (Kendall 1945; Knight's 1966 O(n log n) algorithm). Pairs
/// where either value is NaN are left out. NaN when fewer than two pairs remain or when either
/// side is constant. Throws Error(usage) when the lengths differ.
double kendall_tau_b(const std::vector<double>& x, const std::vector<double>& y);

/// Spearman's rho: Pearson's correlation of the mid-ranks (ties share their mean rank). NaN pairs
/// are left out; NaN when undefined, as kendall_tau_b.
double spearman_rho(const std::vector<double>& x, const std::vector<double>& y);

/// Kendall's W of `ratings` (rows = raters, columns = items; smaller = better, e.g. ranks). Each
/// row is re-ranked to mid-ranks. Partial lists: NaN marks an item the rater did not rank; such
/// items tie below every item it ranked (they share the mean of the remaining ranks), which is
/// the "bottom" policy of the input format, and the tie correction accounts for them.
/// Throws Error(usage) for ragged rows; W is NaN when there are fewer than 2 raters or items or
/// every rater ties everything.
Concordance kendall_w(const std::vector<std::vector<double>>& ratings);

/// How typical one firm's ranking is against the others' consensus: the mean ranking of all
/// the other firms (unlisted issues tied at the bottom), and as a top-k list the issues in that
/// mean ranking's order (ties: the result's order).
struct FirmTypicality {
  std::size_t firm = 0;  ///< index into Result::firms
  std::string id;
  double rho = 0.0;  ///< Spearman's rho between its ranking and the others' mean ranking
  /// Rank-biased overlap RBO_ext (persistence kAgreementPersistence) of its list with the
  /// others' consensus list: 1 = the same top, 0 = nothing in common.
  double rbo = std::numeric_limits<double>::quiet_NaN();
  /// Fagin et al.'s normalized K^(1/2) between its list and the consensus's top k (k = its list
  /// length): 0 = the same issues in the same order, 1 = disjoint.
  double topk_distance = std::numeric_limits<double>::quiet_NaN();
  std::size_t listed = 0;
};

/// RBO's persistence in firm agreement: the top 10 ranks carry 1 - 0.9^10 = 65% of the weight.
inline constexpr double kAgreementPersistence = 0.9;
/// The permutations of the Skillings–Mack test in firm agreement (seed 1).
inline constexpr std::size_t kAgreementPermutations = 1000;
/// The most issues the Skillings–Mack test is run for in firm agreement (it inverts an n x n
/// covariance).
inline constexpr std::size_t kMaxSkillingsMackIssues = 1000;

/// The Skillings–Mack test of the listed issues (materia/stats/skillings_mack.hpp): its
/// statistic, degrees of freedom, chi-square and permutation p-values.
struct ListedAgreement {
  double statistic = std::numeric_limits<double>::quiet_NaN();
  double df = std::numeric_limits<double>::quiet_NaN();
  double p_value = std::numeric_limits<double>::quiet_NaN();
  double permutation_p_value = std::numeric_limits<double>::quiet_NaN();
  std::size_t permutations = 0;
};

/// Agreement among the firms of an analysis.
struct Agreement {
  Concordance concordance;  ///< over all firms and all issues of the result
  /// Skillings–Mack over the issues each firm lists (unlisted = not observed, instead of tied at
  /// the bottom as in `concordance`); statistic and p-values NaN when it could not run (one
  /// issue, no firm listing two, or more than kMaxSkillingsMackIssues issues).
  ListedAgreement listed_only;
  std::vector<FirmTypicality> typicality;  ///< most typical first (rho descending, then id)
};

/// The firms x issues rank table of `result` (from its listings), its W, the Skillings–Mack test
/// of the listed issues and each firm's typicality. Firms with weight 0 are left out.
Agreement firm_agreement(const Result& result);

}  // namespace materia
