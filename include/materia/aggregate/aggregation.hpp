#pragma once
/// \file aggregation.hpp
/// Header-only: what the aggregation methods are, their options and their results, and the
/// conventions every method shares (where unlisted issues rank, which firms count). Formulas,
/// conventions and sources of every method: docs/method.md, section 2.

#include <algorithm>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "materia/rank/rank_table.hpp"

namespace materia {

/// Rank-aggregation methods (docs/format.md `--method`), in documentation order.
enum class Method {
  attention,         ///< weighted number of firms listing the issue
  borda,             ///< truncated Borda count: k - r + 1 listed, 0 unlisted, weighted sum
  borda_normalized,  ///< Renda-Straccia normalized Borda: (N - r + 1) / N, weighted mean
  dowdall,           ///< Dowdall (Nauru) count: 1 / r listed, 0 unlisted, weighted sum
  mean_rank,         ///< weighted mean of r / N (smaller is better)
  median_rank,       ///< weighted median of r / N (smaller is better)
  geomean_rank,      ///< weighted geometric mean of r / N (smaller is better)
  rra,               ///< Robust Rank Aggregation (Kolde et al. 2012), as RobustRankAggreg
  stuart,            ///< Stuart et al. (2003) order-statistics Q, as RobustRankAggreg
  mc4,               ///< Dwork et al. (2001) MC4 Markov chain, stationary probability
  copeland,          ///< Copeland: pairwise majority wins + half the ties
  schulze,           ///< Schulze (2011) beatpath, winning votes
  kemeny,            ///< Kemeny-Young optimal consensus order (position; smaller is better)
  plackett_luce,     ///< Plackett-Luce worths (Hunter 2004 MM, Turner et al. 2020 prior)
};

struct AggregateOptions {
  Method method = Method::borda_normalized;
  /// rra: RobustRankAggreg's `topCutoff`, with each firm's cutoff sigma_f = k_f / N (its list
  /// covers only the top k_f of N, so its unlisted issues carry no rank information).
  bool rra_top_cutoff = false;
  /// rra: RobustRankAggreg's `exact = TRUE` (Stuart's exact correction of the minimum p-value
  /// instead of the Bonferroni factor m). O(m^3) per issue; at most kMaxExactLists firms.
  bool rra_exact = false;
  /// kemeny: components of the majority graph up to this many issues are solved exactly.
  std::size_t kemeny_exact_limit = 20;
  /// plackett-luce: the pseudo-rankings prior npseudo (Turner et al. 2020), >= 0; 0 = the pure
  /// maximum likelihood estimate. Unset: 0.5. Set with another method: an error.
  std::optional<double> pl_prior;
  /// mc4: the teleportation probability, in (0, 1]. Unset: kDefaultMc4Teleport (0.15). Set with
  /// another method: an error.
  std::optional<double> mc4_teleport;
  /// Names of the issue columns for error messages (`"id"`); empty: "issue column c".
  std::vector<std::string> issue_labels;
};

/// The largest number of (frequency-weighted) firms `--rra-exact` and `stuart` accept.
inline constexpr std::size_t kMaxExactLists = 2000;

/// Per-issue scores of one method.
struct Aggregation {
  Method method = Method::borda_normalized;
  std::vector<double> score;     ///< one per issue column
  bool higher_is_better = true;  ///< false for methods whose best score is the smallest
  /// rra: what ranks, tiers and places the issues, -log10(m rho) with m rho the Bonferroni score
  /// before it is capped at 1 (larger = more important; RobustRankAggreg's capped value, `score`,
  /// ties every issue with m rho >= 1 at 1). Empty for the other methods, whose `score` does that.
  std::vector<double> strength;
  /// Mid-rank of each issue by its ranking score (ranking_scores; 1 = best); equal scores share
  /// the mean of their positions, so ties are explicit: {0.9, 0.5, 0.5} -> {1, 2.5, 2.5}.
  std::vector<double> rank;
  /// kemeny: the weighted number of pairwise disagreements between the firms and the order
  /// (sum over firms of w_f times the pairs the firm strictly orders the other way).
  std::optional<double> kemeny_distance;
  /// kemeny: true when the order is proven to minimize that distance (every component of the
  /// majority graph solved exactly, or the heuristic reached the pairwise lower bound).
  std::optional<bool> kemeny_proven_optimal;
  /// kemeny: a proven lower bound on the optimal distance (KemenyOrder::lower_bound).
  std::optional<double> kemeny_lower_bound;
  /// plackett-luce: log of each issue's worth (the worths sum to 1); empty for other methods.
  std::vector<double> log_worth;
  /// plackett-luce: quasi standard error of each log-worth (Firth & de Menezes 2004); NaN with
  /// fewer than 3 issues or a negative quasi-variance; empty for other methods.
  std::vector<double> quasi_se;
};

/// The values an aggregation ranks and tiers the issues by, and which way they point.
struct RankingScores {
  const std::vector<double>& values;
  bool higher_is_better = true;
};
/// `strength` (larger is better) when the method has one, else `score`.
inline RankingScores ranking_scores(const Aggregation& aggregation) {
  if (!aggregation.strength.empty()) return {aggregation.strength, true};
  return {aggregation.score, aggregation.higher_is_better};
}

/// The issues' p-values when the method's score is one (rra: RobustRankAggreg's corrected rho;
/// stuart: Q), clamped to [0, 1]; empty for the other methods. Significance tiers test these.
inline std::vector<double> p_values(const Aggregation& aggregation) {
  if (aggregation.method != Method::rra && aggregation.method != Method::stuart) return {};
  std::vector<double> p(aggregation.score);
  for (auto& value : p)
    value = std::clamp(value, 0.0, 1.0);
  return p;
}

/// One firm's part in one issue's score.
struct Contribution {
  std::size_t firm = 0;
  bool listed = false;        ///< the firm listed the issue
  bool counted = false;       ///< the firm counts for the issue (false: not_assessed and unlisted)
  double rank = 0.0;          ///< its rank of the issue (the tie mid-rank of unlisted ones)
  double value = 0.0;         ///< the firm's own score for the issue under the method
  double contribution = 0.0;  ///< its part of the score (see contributions_sum_to_score)
};

/// A Kemeny consensus order of the issues of a pairwise preference matrix.
struct KemenyOrder {
  std::vector<std::size_t> order;  ///< issue columns, best first
  double distance = 0.0;           ///< sum over i above j of P(j, i)
  bool proven_optimal = false;
  std::size_t largest_component = 0;  ///< issues in the largest strongly connected component
  /// A proven lower bound on the optimal distance (equal to `distance` when proven optimal):
  /// minority weights of every pair plus a packing of the majority relation's 3-cycles.
  double lower_bound = 0.0;
};

namespace kernels {

using SparseRow = Eigen::SparseMatrix<double, Eigen::RowMajor>::InnerIterator;

/// The mid-rank of the N - k unlisted issues of a `bottom` firm: the mean of k+1..N.
inline double unlisted_rank(std::size_t length, std::size_t universe) {
  return (static_cast<double>(length) + 1.0 + static_cast<double>(universe)) / 2.0;
}

inline bool is_bottom(const RankTable& table, std::size_t firm) {
  return table.policy[firm] == UnlistedPolicy::bottom;
}

/// attention, borda, borda-normalized, dowdall, mean-rank, median-rank and geomean-rank.
inline bool is_positional(Method method) {
  switch (method) {
    case Method::attention:
    case Method::borda:
    case Method::borda_normalized:
    case Method::dowdall:
    case Method::mean_rank:
    case Method::median_rank:
    case Method::geomean_rank:
      return true;
    default:
      return false;
  }
}

/// mc4, copeland, schulze and kemeny: methods on the pairwise majority relation.
inline bool is_pairwise(Method method) {
  return method == Method::mc4 || method == Method::copeland || method == Method::schulze ||
         method == Method::kemeny;
}

/// Methods whose score is a weighted sum with 0 for unlisted issues: the unlisted policy cannot
/// change them (an unlisted issue adds nothing either way).
inline bool is_sum(Method method) {
  return method == Method::attention || method == Method::borda || method == Method::dowdall;
}

/// True when the contributions of a method add up to its score.
inline bool contributions_sum_to_score(Method method) {
  return method == Method::attention || method == Method::borda ||
         method == Method::borda_normalized || method == Method::dowdall ||
         method == Method::mean_rank || method == Method::geomean_rank;
}

}  // namespace kernels

}  // namespace materia
