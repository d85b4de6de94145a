#pragma once
// Shared by the aggregate_*.cpp files: one entry point per method family and the small
// conventions every method uses (where unlisted issues rank, which firms count).

#include <cstddef>

#include "materia/aggregate/aggregate.hpp"

namespace materia::detail {

using SparseRow = Eigen::SparseMatrix<double, Eigen::RowMajor>::InnerIterator;

/// The mid-rank of the N - k unlisted issues of a `bottom` firm: the mean of k+1..N.
inline double unlisted_rank(std::size_t length, std::size_t universe) {
  return (static_cast<double>(length) + 1.0 + static_cast<double>(universe)) / 2.0;
}

inline bool is_bottom(const RankTable& table, std::size_t firm) {
  return table.policy[firm] == UnlistedPolicy::bottom;
}

// Positional family (aggregate_borda.cpp): attention, borda, borda-normalized, dowdall,
// mean-rank, median-rank, geomean-rank.
Aggregation aggregate_positional(const RankTable& table, Method method);
/// A firm's own value for one issue under a positional method (listed at `rank`, or unlisted).
double positional_value(const RankTable& table, Method method, std::size_t firm, bool listed,
                        double rank);

// Order-statistics family (aggregate_rra.cpp): rra and stuart.
Aggregation aggregate_rra(const RankTable& table, const AggregateOptions& options,
                          unsigned threads);
Aggregation aggregate_stuart(const RankTable& table, unsigned threads);
/// rra_min_beta as aggregate_rra computes it: positions whose pbeta provably cannot be the
/// minimum, or cannot bring it below `enough`, skipped (the same value when the minimum is below
/// `enough`; some value of at least `enough` otherwise).
double rra_min_beta_with_bounds(std::vector<double> normalized_ranks, double enough = 1.0);

// Pairwise family (aggregate_pairwise.cpp, aggregate_kemeny.cpp).
Aggregation aggregate_mc4(const RankTable& table);
Aggregation aggregate_copeland(const RankTable& table);
Aggregation aggregate_schulze(const RankTable& table);
Aggregation aggregate_kemeny(const RankTable& table, const AggregateOptions& options);
/// A firm's net pairwise support of an issue: (issues it ranks below minus issues it ranks
/// above) / (n - 1), over the table's n issue columns.
double pairwise_support(const RankTable& table, std::size_t firm, bool listed, double rank);

}  // namespace materia::detail
