#pragma once
/// \file skillings_mack.hpp
/// Header-only Skillings–Mack test: do the treatments (issues) differ when each block (firm)
/// ranks only a subset of them? Friedman's test generalised to missing values, with a chi-square
/// p-value and a seeded permutation p-value. Needs the standard library, Eigen and Boost.Math.
/// Definitions and sources: docs/method-statistics.md.
///
///     // 3 firms, 3 issues, NaN = not ranked by that firm
///     auto t = materia::skillings_mack({{1, 2, NAN}, {2, 1, 3}, {NAN, 1, 2}}, 2000, 42);
///     t.statistic, t.p_value, t.permutation_p_value;

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <random>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include <Eigen/Dense>
#include <boost/math/special_functions/gamma.hpp>

namespace materia {

/// The Skillings–Mack statistic and its p-values.
struct SkillingsMack {
  double statistic = 0.0;  ///< T = A^T Sigma^- A
  double df = 0.0;         ///< rank of Sigma: k - 1 when the design is connected
  double p_value = 1.0;    ///< upper tail of chi-square(df) at T
  /// (1 + #{b : T_b >= T}) / (B + 1) over B within-block permutations; NaN when B = 0.
  double permutation_p_value = std::numeric_limits<double>::quiet_NaN();
  std::size_t permutations = 0;       ///< B
  std::vector<double> adjusted_sums;  ///< A_i, one per treatment
  Eigen::MatrixXd covariance;         ///< Sigma, the null covariance of A
  std::size_t blocks = 0;             ///< blocks with at least two observations (the rest add 0)
};

/// Skillings & Mack (1981, Technometrics 23(2), 171–177). `values` has one row per block and one
/// column per treatment; NaN marks a treatment the block did not observe. Within block j, with
/// k_j observed treatments, the observed values get ranks 1..k_j (ties: mid-ranks; smaller value
/// = rank 1) and a missing one (k_j + 1)/2. The adjusted rank sums are
///   A_i = sum_j sqrt(12 / (k_j + 1)) (r_ij - (k_j + 1)/2),
/// whose null covariance Sigma has Sigma_ii = sum_j [i observed in j] (k_j - 1) and
/// Sigma_it = -lambda_it, lambda_it the number of blocks observing both i and t (the covariance
/// assumes no ties; with ties the test is conservative). T = A^T Sigma^- A with the Moore–Penrose
/// inverse (Eigen's symmetric eigendecomposition, eigenvalues below 1e-9 of the largest taken as
/// 0), compared with chi-square on rank(Sigma) degrees of freedom — k - 1 when the treatments are
/// connected through the blocks, as the paper assumes. With no missing values T is Friedman's
/// statistic without tie correction.
///
/// The permutation p-value draws, `permutations` times, an independent uniform permutation of
/// each block's observed values among its observed treatments (the null hypothesis's
/// exchangeability), with std::mt19937_64 seeded with `seed` (portable: the integers are drawn by
/// rejection from its output, not by a library distribution). A T_b within a relative 1e-10 of T
/// counts as >= T.
///
/// Throws std::invalid_argument for fewer than 2 treatments, rows of different lengths, an
/// infinite value, or no block observing at least two treatments.
inline SkillingsMack skillings_mack(const std::vector<std::vector<double>>& values,
                                    std::size_t permutations = 0, std::uint64_t seed = 0);

namespace detail {

// A uniform integer in [0, bound) from std::mt19937_64 output, by rejection (no modulo bias).
inline std::uint64_t skillings_mack_uniform_below(std::mt19937_64& generator, std::uint64_t bound) {
  const std::uint64_t limit =
      std::numeric_limits<std::uint64_t>::max() - std::numeric_limits<std::uint64_t>::max() % bound;
  std::uint64_t draw;
  do {
    draw = generator();
  } while (draw >= limit);
  return draw % bound;
}

}  // namespace detail

inline SkillingsMack skillings_mack(const std::vector<std::vector<double>>& values,
                                    std::size_t permutations, std::uint64_t seed) {
  if (values.empty()) throw std::invalid_argument("skillings_mack: no blocks");
  const std::size_t k = values.front().size();
  if (k < 2)
    throw std::invalid_argument("skillings_mack: need at least 2 treatments (got " +
                                std::to_string(k) + ")");
  const auto size = static_cast<Eigen::Index>(k);
  SkillingsMack result;
  result.covariance = Eigen::MatrixXd::Zero(size, size);
  // Per block: its observed treatments and their adjusted, centred ranks.
  std::vector<std::vector<std::size_t>> observed;
  std::vector<std::vector<double>> scores;
  for (std::size_t j = 0; j < values.size(); ++j) {
    const auto& row = values[j];
    if (row.size() != k)
      throw std::invalid_argument("skillings_mack: block " + std::to_string(j) + " has " +
                                  std::to_string(row.size()) + " values, not " + std::to_string(k));
    std::vector<std::size_t> present;
    for (std::size_t i = 0; i < k; ++i) {
      if (std::isinf(row[i]))
        throw std::invalid_argument("skillings_mack: block " + std::to_string(j) + ", treatment " +
                                    std::to_string(i) + " is infinite");
      if (!std::isnan(row[i])) present.push_back(i);
    }
    if (present.size() < 2) continue;  // one observation has rank 1 = its mean: adds 0
    std::vector<std::size_t> order = present;
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return row[a] < row[b]; });
    const double kj = static_cast<double>(present.size());
    const double scale = std::sqrt(12.0 / (kj + 1.0)), centre = (kj + 1.0) / 2.0;
    std::vector<double> rank(k, 0.0);
    for (std::size_t start = 0; start < order.size();) {  // mid-ranks over runs of ties
      std::size_t end = start + 1;
      while (end < order.size() && row[order[end]] == row[order[start]])
        ++end;
      const double mid = (static_cast<double>(start + end) + 1.0) / 2.0;
      for (std::size_t r = start; r < end; ++r)
        rank[order[r]] = mid;
      start = end;
    }
    std::vector<double> block_scores;
    for (std::size_t i : present)
      block_scores.push_back(scale * (rank[i] - centre));
    for (std::size_t a : present) {
      const auto ia = static_cast<Eigen::Index>(a);
      result.covariance(ia, ia) += kj - 1.0;
      for (std::size_t b : present)
        if (a != b) result.covariance(ia, static_cast<Eigen::Index>(b)) -= 1.0;
    }
    observed.push_back(std::move(present));
    scores.push_back(std::move(block_scores));
  }
  result.blocks = observed.size();
  if (observed.empty())
    throw std::invalid_argument("skillings_mack: no block observes two or more treatments");

  // Moore–Penrose inverse of Sigma and its rank.
  Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eigen(result.covariance);
  const Eigen::VectorXd& lambda = eigen.eigenvalues();
  const double cutoff = 1e-9 * lambda.cwiseAbs().maxCoeff();
  Eigen::VectorXd inverse_lambda = Eigen::VectorXd::Zero(size);
  for (Eigen::Index i = 0; i < size; ++i)
    if (lambda(i) > cutoff) {
      inverse_lambda(i) = 1.0 / lambda(i);
      result.df += 1.0;
    }
  const Eigen::MatrixXd pseudo_inverse =
      eigen.eigenvectors() * inverse_lambda.asDiagonal() * eigen.eigenvectors().transpose();

  auto statistic_of = [&](const std::vector<std::vector<double>>& block_scores) {
    Eigen::VectorXd sums = Eigen::VectorXd::Zero(size);
    for (std::size_t j = 0; j < observed.size(); ++j)
      for (std::size_t t = 0; t < observed[j].size(); ++t)
        sums(static_cast<Eigen::Index>(observed[j][t])) += block_scores[j][t];
    return std::make_pair(sums, sums.dot(pseudo_inverse * sums));
  };
  const auto [sums, statistic] = statistic_of(scores);
  result.adjusted_sums.assign(sums.data(), sums.data() + size);
  result.statistic = std::max(statistic, 0.0);
  result.p_value = boost::math::gamma_q(result.df / 2.0, result.statistic / 2.0);

  if (permutations > 0) {
    std::mt19937_64 generator(seed);
    auto shuffled = scores;
    const double threshold = result.statistic * (1.0 - 1e-10);
    std::size_t at_least = 0;
    for (std::size_t b = 0; b < permutations; ++b) {
      for (auto& block : shuffled)
        for (std::size_t i = block.size() - 1; i > 0; --i)  // Fisher–Yates
          std::swap(block[i], block[detail::skillings_mack_uniform_below(generator, i + 1)]);
      if (statistic_of(shuffled).second >= threshold) ++at_least;
    }
    result.permutations = permutations;
    result.permutation_p_value =
        static_cast<double>(at_least + 1) / static_cast<double>(permutations + 1);
  }
  return result;
}

}  // namespace materia
