#pragma once
/// \file aggregate.hpp
/// Combining many firms' partial, tied, weighted rankings into one score per issue.
/// Formulas and their sources: docs/method.md.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "materia/rank.hpp"

namespace materia {

/// Rank-aggregation methods (CONTRACT.md `--method`).
enum class Method {
  attention,         ///< weighted number of firms listing the issue
  borda_normalized,  ///< Renda-Straccia normalized Borda: (N - r + 1) / N, weighted mean
};
std::string_view method_name(Method method);
/// Parses a method name; throws Error(usage) listing the known names if unknown.
Method parse_method(std::string_view text);
/// Names of every available method, in documentation order.
std::vector<std::string> method_names();

struct AggregateOptions {
  Method method = Method::borda_normalized;
};

/// Per-issue scores of one method.
struct Aggregation {
  Method method = Method::borda_normalized;
  std::vector<double> score;     ///< one per issue column
  bool higher_is_better = true;  ///< false for methods whose best score is the smallest
};

/// One firm's part in one issue's score.
struct Contribution {
  std::size_t firm = 0;
  bool listed = false;        ///< the firm listed the issue
  bool counted = false;       ///< the firm counts for the issue (false: not_assessed and unlisted)
  double rank = 0.0;          ///< its rank of the issue (the tie mid-rank of unlisted ones)
  double value = 0.0;         ///< the firm's own score for the issue under the method
  double contribution = 0.0;  ///< its share of the issue's score (contributions sum to score)
};

/// Scores every issue column of `table`.
Aggregation aggregate(const RankTable& table, const AggregateOptions& options);

/// What each firm contributed to the score of `issue` (for explanations).
std::vector<Contribution> contributions(const RankTable& table, const AggregateOptions& options,
                                        std::size_t issue);

}  // namespace materia
