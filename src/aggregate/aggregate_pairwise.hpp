#pragma once
// The pairwise majority relation shared by MC4, Copeland, Schulze and Kemeny.

#include <Eigen/Core>

namespace materia::detail {

/// i beats j when strictly more weight prefers i to j than j to i. Differences within a
/// relative 1e-12 of the largest count are ties, so rounding in fractional weights cannot
/// invent a majority.
struct Majority {
  explicit Majority(Eigen::MatrixXd p);
  bool beats(Eigen::Index i, Eigen::Index j) const {
    return preferences(i, j) - preferences(j, i) > tolerance;
  }
  Eigen::MatrixXd preferences;  // owned: P(i, j) of pairwise_preferences
  double tolerance = 0.0;
};

}  // namespace materia::detail
