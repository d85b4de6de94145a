#pragma once
/// \file pairwise.hpp
/// Header-only pairwise (Condorcet) methods: the weighted preference matrix, the majority
/// relation, MC4, Copeland and Schulze. Needs the standard library and Eigen.

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <numeric>
#include <utility>
#include <vector>

#include <Eigen/Core>

#include "materia/aggregate/aggregation.hpp"

namespace materia::kernels {

/// Weighted pairwise preferences over the table's issue columns: P(i, j) = total weight of the
/// firms that rank i strictly above j. Under `bottom` a listed issue is above every unlisted one
/// and unlisted issues tie; under `not_assessed` a firm compares only issues it listed.
/// O(sum k_f^2 + n^2) time, n^2 memory.
inline Eigen::MatrixXd pairwise_preferences(const RankTable& table) {
  const auto n = static_cast<Eigen::Index>(table.issue_count());
  Eigen::MatrixXd preferences = Eigen::MatrixXd::Zero(n, n);
  // listed_by_bottom(i): weight of the `bottom` firms listing i. Such a firm puts i above every
  // issue it did not list, so P(i, j) gets that weight minus the weight of the bottom firms
  // listing both i and j (subtracted pair by pair below): O(sum k^2 + n^2), not O(firms n^2).
  Eigen::VectorXd listed_by_bottom = Eigen::VectorXd::Zero(n);
  std::vector<std::pair<Eigen::Index, double>> list;
  for (std::size_t f = 0; f < table.firm_count(); ++f) {
    const double w = table.weight[f];
    if (w == 0.0) continue;
    const bool bottom = is_bottom(table, f);
    list.clear();
    for (SparseRow it(table.rank, static_cast<Eigen::Index>(f)); it; ++it)
      list.emplace_back(it.col(), it.value());
    for (std::size_t a = 0; a < list.size(); ++a) {
      const auto [i, ri] = list[a];
      if (bottom) listed_by_bottom(i) += w;
      for (std::size_t b = a + 1; b < list.size(); ++b) {
        const auto [j, rj] = list[b];
        if (ri < rj) preferences(i, j) += w;
        if (rj < ri) preferences(j, i) += w;
        if (bottom) {
          preferences(i, j) -= w;
          preferences(j, i) -= w;
        }
      }
    }
  }
  for (Eigen::Index j = 0; j < n; ++j)
    for (Eigen::Index i = 0; i < n; ++i)
      if (i != j) preferences(i, j) += listed_by_bottom(i);
  // Subtracting and adding back fractional weights can leave rounding residue where the exact
  // count is 0; clear it so that "nobody prefers" stays exactly 0.
  const double total = std::accumulate(table.weight.begin(), table.weight.end(), 0.0);
  const double residue = 1e-12 * std::max(total, 1.0);
  preferences =
      preferences.unaryExpr([residue](double v) { return std::abs(v) < residue ? 0.0 : v; });
  preferences.diagonal().setZero();
  return preferences;
}

/// i beats j when strictly more weight prefers i to j than j to i. Differences within a
/// relative 1e-12 of the largest count are ties, so rounding in fractional weights cannot
/// invent a majority.
struct Majority {
  explicit Majority(Eigen::MatrixXd p) : preferences(std::move(p)) {
    const double scale =
        preferences.size() > 0 ? std::max(preferences.cwiseAbs().maxCoeff(), 1.0) : 1.0;
    tolerance = 1e-12 * scale;
  }
  bool beats(Eigen::Index i, Eigen::Index j) const {
    return preferences(i, j) - preferences(j, i) > tolerance;
  }
  Eigen::MatrixXd preferences;  // owned: P(i, j) of pairwise_preferences
  double tolerance = 0.0;
};

/// A firm's net pairwise support of an issue: (issues it ranks below minus issues it ranks
/// above) / (n - 1), over the table's n issue columns.
inline double pairwise_support(const RankTable& table, std::size_t firm, bool listed, double rank) {
  const auto n = static_cast<double>(table.issue_count());
  const auto k = static_cast<double>(table.length[firm]);
  if (n < 2) return 0.0;
  // With mid-ranks, (issues below) - (issues above) among the k listed is k - 2r + 1, ties or not.
  double net = listed ? k - 2.0 * rank + 1.0 : 0.0;
  if (is_bottom(table, firm)) net += listed ? n - k : -k;
  return net / (n - 1.0);
}

/// Copeland: pairwise majority wins plus half the ties; Aggregation::rank is left empty.
inline Aggregation aggregate_copeland(const RankTable& table) {
  const Majority majority(kernels::pairwise_preferences(table));
  const auto n = static_cast<Eigen::Index>(table.issue_count());
  Aggregation result;
  result.method = Method::copeland;
  result.score.assign(table.issue_count(), 0.0);
  for (Eigen::Index i = 0; i < n; ++i)
    for (Eigen::Index j = 0; j < n; ++j) {
      if (i == j) continue;
      if (majority.beats(i, j))
        result.score[static_cast<std::size_t>(i)] += 1.0;
      else if (!majority.beats(j, i))
        result.score[static_cast<std::size_t>(i)] += 0.5;
    }
  return result;
}

/// MC4's default teleportation probability (PageRank's 0.15).
inline constexpr double kDefaultMc4Teleport = 0.15;

/// Dwork, Kumar, Naor & Sivakumar (2001), MC4: from issue p pick q uniformly among all n; move
/// to q if a (weighted) majority of the firms with a strict preference between them puts q above
/// p, else stay. With teleportation `teleport` (a uniform jump) the chain is ergodic; its
/// stationary distribution, by power iteration until the L1 change is below 1e-12, is the score.
/// Throws std::invalid_argument unless 0 < teleport <= 1.
inline Aggregation aggregate_mc4(const RankTable& table, double teleport = kDefaultMc4Teleport) {
  if (!(teleport > 0.0 && teleport <= 1.0))
    throw std::invalid_argument("--mc4-teleport must be a number in (0, 1]");
  const Majority majority(kernels::pairwise_preferences(table));
  const auto n = static_cast<Eigen::Index>(table.issue_count());
  Aggregation result;
  result.method = Method::mc4;
  if (n == 0) return result;
  // beaten_by(q, p) = 1 when q beats p: the probability mass flowing from p to q is pi_p / n.
  Eigen::MatrixXd beats(n, n);
  Eigen::VectorXd stay(n);
  for (Eigen::Index p = 0; p < n; ++p) {
    double out = 0.0;
    for (Eigen::Index q = 0; q < n; ++q) {
      const bool moves = q != p && majority.beats(q, p);
      beats(q, p) = moves ? 1.0 : 0.0;
      out += moves ? 1.0 : 0.0;
    }
    stay(p) = 1.0 - out / static_cast<double>(n);
  }
  const double inv_n = 1.0 / static_cast<double>(n);
  Eigen::VectorXd pi = Eigen::VectorXd::Constant(n, inv_n), next(n);
  for (int iteration = 0; iteration < 100000; ++iteration) {
    next.noalias() = beats * pi;
    next = (1.0 - teleport) * (next * inv_n + stay.cwiseProduct(pi)) +
           Eigen::VectorXd::Constant(n, teleport * inv_n);
    next /= next.sum();
    const double change = (next - pi).lpNorm<1>();
    pi.swap(next);
    if (change < 1e-12) break;
  }
  result.score.assign(pi.data(), pi.data() + n);
  return result;
}

/// Schulze (2011), winning votes: the link i -> j has strength P(i, j) when a majority prefers i
/// (else none); the strength of a path is its weakest link, p(i, j) the strongest path (widest
/// path, Floyd-Warshall). i ranks above j when p(i, j) > p(j, i); that relation is transitive
/// (Schulze 2011, section 4.1), so the number of issues an issue beats orders them.
/// Aggregation::rank is left empty.
inline Aggregation aggregate_schulze(const RankTable& table) {
  const Majority majority(kernels::pairwise_preferences(table));
  const std::size_t n = table.issue_count();
  std::vector<double> width(n * n, 0.0);  // row-major: the inner loop runs along a row
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = 0; j < n; ++j)
      if (i != j && majority.beats(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)))
        width[i * n + j] =
            majority.preferences(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j));
  for (std::size_t k = 0; k < n; ++k) {
    const double* through = &width[k * n];
    for (std::size_t i = 0; i < n; ++i) {
      if (i == k) continue;
      const double to_k = width[i * n + k];
      if (to_k <= 0.0) continue;
      double* row = &width[i * n];
      for (std::size_t j = 0; j < n; ++j)
        row[j] = std::max(row[j], std::min(to_k, through[j]));
    }
  }
  Aggregation result;
  result.method = Method::schulze;
  result.score.assign(n, 0.0);
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = 0; j < n; ++j)
      if (i != j && width[i * n + j] > width[j * n + i]) result.score[i] += 1.0;
  return result;
}

}  // namespace materia::kernels
