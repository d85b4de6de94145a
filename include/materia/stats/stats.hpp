#pragma once
/// \file stats.hpp
/// Agreement between rankings: Kendall's tau-b (O(n log n)), Spearman's rho (mid-ranks for ties),
/// Kendall's W with tie correction, Friedman's chi-square, and which firms agree most and least
/// with the rest. Formulas and sources: docs/method.md §10. The statistics are header-only
/// (materia/stats/rank_agreement.hpp); these are the library's entry points, which raise
/// materia::Error.
///
///     materia::kendall_tau_b({1, 2, 3, 4}, {1, 3, 2, 4});  // 2/3

#include <cstddef>
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

/// How typical one firm's ranking is: Spearman's rho between its ranking (unlisted issues tied
/// at the bottom) and the mean ranking of all the other firms.
struct FirmTypicality {
  std::size_t firm = 0;  ///< index into Result::firms
  std::string id;
  double rho = 0.0;
  std::size_t listed = 0;
};

/// Agreement among the firms of an analysis.
struct Agreement {
  Concordance concordance;                 ///< over all firms and all issues of the result
  std::vector<FirmTypicality> typicality;  ///< most typical first (rho descending, then id)
};

/// The firms x issues rank table of `result` (from its listings), its W and each firm's
/// typicality. Firms with weight 0 are left out.
Agreement firm_agreement(const Result& result);

}  // namespace materia
