#pragma once
/// \file aggregate.hpp
/// Combining many firms' partial, tied, weighted rankings into one score per issue.
/// Formulas, conventions and sources of every method: docs/method.md, section 2. The methods
/// themselves are header-only (materia/aggregate/methods.hpp); these are the library's entry
/// points, which run them on the worker pool and raise materia::Error.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include <Eigen/Core>

#include "materia/aggregate/aggregation.hpp"
#include "materia/rank/rank.hpp"
#include "materia/runtime/execution.hpp"

namespace materia {

std::string_view method_name(Method method);
/// Parses a method name; throws Error(usage) listing the known names if unknown.
Method parse_method(std::string_view text);
/// Names of every available method, in documentation order.
std::vector<std::string> method_names();

/// Scores every issue column of `table`. Throws Error(usage) when an option does not fit the
/// data (a universe smaller than a list; fractional weights for rra/stuart, which have no
/// weighted form beyond counting a firm w times). rra and stuart score issues on `execution`'s
/// threads; a caller that already runs aggregations in parallel passes {.threads = 1}.
Aggregation aggregate(const RankTable& table, const AggregateOptions& options,
                      const Execution& execution = {});

/// What each firm contributed to the score of `issue` (for explanations). For methods where
/// contributions_sum_to_score() is true the contributions add up to the score; for the others
/// (median-rank, rra, stuart, plackett-luce and the pairwise methods, whose scores are not sums
/// over firms)
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
