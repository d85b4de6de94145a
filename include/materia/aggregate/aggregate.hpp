#pragma once
/// \file aggregate.hpp
/// Combining many firms' partial, tied, weighted rankings into one score per issue.
/// Formulas, conventions and sources of every method: docs/method.md, section 2.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <Eigen/Core>

#include "materia/rank/rank.hpp"
#include "materia/runtime/execution.hpp"

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
};
std::string_view method_name(Method method);
/// Parses a method name; throws Error(usage) listing the known names if unknown.
Method parse_method(std::string_view text);
/// Names of every available method, in documentation order.
std::vector<std::string> method_names();

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
};

/// The largest number of (frequency-weighted) firms `--rra-exact` and `stuart` accept.
inline constexpr std::size_t kMaxExactLists = 2000;

/// Per-issue scores of one method.
struct Aggregation {
  Method method = Method::borda_normalized;
  std::vector<double> score;     ///< one per issue column
  bool higher_is_better = true;  ///< false for methods whose best score is the smallest
  /// Mid-rank of each issue by score (1 = best); equal scores share the mean of their positions,
  /// so ties are explicit: {0.9, 0.5, 0.5} -> {1, 2.5, 2.5}.
  std::vector<double> rank;
  /// kemeny: the weighted number of pairwise disagreements between the firms and the order
  /// (sum over firms of w_f times the pairs the firm strictly orders the other way).
  std::optional<double> kemeny_distance;
  /// kemeny: true when the order is proven to minimize that distance (every component of the
  /// majority graph solved exactly, or the heuristic reached the pairwise lower bound).
  std::optional<bool> kemeny_proven_optimal;
  /// kemeny: a proven lower bound on the optimal distance (KemenyOrder::lower_bound).
  std::optional<double> kemeny_lower_bound;
};

/// One firm's part in one issue's score.
struct Contribution {
  std::size_t firm = 0;
  bool listed = false;        ///< the firm listed the issue
  bool counted = false;       ///< the firm counts for the issue (false: not_assessed and unlisted)
  double rank = 0.0;          ///< its rank of the issue (the tie mid-rank of unlisted ones)
  double value = 0.0;         ///< the firm's own score for the issue under the method
  double contribution = 0.0;  ///< its part of the score (see contributions_sum_to_score)
};

/// Scores every issue column of `table`. Throws Error(usage) when an option does not fit the
/// data (a universe smaller than a list; fractional weights for rra/stuart, which have no
/// weighted form beyond counting a firm w times). rra and stuart score issues on `execution`'s
/// threads; a caller that already runs aggregations in parallel passes {.threads = 1}.
Aggregation aggregate(const RankTable& table, const AggregateOptions& options,
                      const Execution& execution = {});

/// What each firm contributed to the score of `issue` (for explanations). For methods where
/// contributions_sum_to_score() is true the contributions add up to the score; for the others
/// (median-rank, rra, stuart, and the pairwise methods, whose scores are not sums over firms)
/// `contribution` is the firm's weighted share w_f v_f / sum w of its own value v_f
/// (docs/method.md says what v_f is for each method).
std::vector<Contribution> contributions(const RankTable& table, const AggregateOptions& options,
                                        std::size_t issue);
/// True when the contributions of a method add up to its score.
bool contributions_sum_to_score(Method method);

// ---- Building blocks, public for tests and for callers who want the intermediate numbers ----

/// Weighted pairwise preferences over the table's issue columns: P(i, j) = total weight of the
/// firms that rank i strictly above j. Under `bottom` a listed issue is above every unlisted one
/// and unlisted issues tie; under `not_assessed` a firm compares only issues it listed.
/// O(sum k_f^2 + n^2) time, n^2 memory.
Eigen::MatrixXd pairwise_preferences(const RankTable& table);

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
/// Splits the weak-majority graph into strongly connected components (Boost.Graph), which every
/// Kemeny-optimal order keeps in topological order, then solves each component exactly by
/// dynamic programming over subsets when it has at most `exact_limit` issues, else by a
/// heuristic (best of Copeland order and seeded KwikSort, improved by single-issue moves, then
/// exact re-ordering of sliding windows of 12 alternated with moves until neither gains).
KemenyOrder kemeny_order(const Eigen::MatrixXd& preferences, std::size_t exact_limit = 20);
/// Kemeny distance of `order` under `preferences`: sum over i placed above j of P(j, i).
double kemeny_distance(const Eigen::MatrixXd& preferences, const std::vector<std::size_t>& order);

/// Stuart et al. (2003) Q of normalized ranks (values in [0, 1]; order irrelevant): the
/// probability that m independent uniforms have order statistics U_(j) <= r_(j) for every j,
/// which RobustRankAggreg computes with its qStuart recursion. Computed here by a recursion
/// over the cells between distinct thresholds whose terms are all non-negative (stable for any
/// m, where the alternating recursion loses all digits beyond a few dozen lists).
double stuart_q(std::vector<double> normalized_ranks);

/// RobustRankAggreg's rho of one issue: min over j of betaCDF(r_(j); j, m - j + 1) for the m
/// normalized ranks (unlisted = 1), before the multiple-testing correction.
double rra_min_beta(std::vector<double> normalized_ranks);

}  // namespace materia
