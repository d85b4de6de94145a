#pragma once
/// \file shrinkage.hpp
/// Header-only empirical Bayes shrinkage of group means toward their grand mean (Efron & Morris
/// 1975), with the between-group variance estimated by the method of moments. For the matrix: an
/// issue's mean score over few firms is pulled toward the mean of all issues by as much as its
/// noise exceeds the real spread between issues. Needs the standard library only. Definitions and
/// sources: docs/method-statistics.md.
///
///     auto s = materia::empirical_bayes_shrinkage({1, 2, 6}, {4, 4, 4}, 2.0);
///     s.tau_squared;  // 6.5; s.shrinkage = 1/14 for every group

#include <cmath>
#include <cstddef>
#include <stdexcept>
#include <string>
#include <vector>

namespace materia {

/// Shrunk group means and what produced them.
struct ShrinkageEstimate {
  std::vector<double> shrunk_means;  ///< B_i mu + (1 - B_i) mean_i
  std::vector<double> shrinkage;     ///< B_i = (s^2/n_i) / (s^2/n_i + tau^2), in (0, 1]
  double tau_squared = 0.0;          ///< the between-group variance estimate, >= 0
  double grand_mean = 0.0;           ///< mu, weighted by 1 / (s^2/n_i + tau^2)
};

/// Empirical Bayes shrinkage of k >= 2 group means. Model (Efron & Morris 1975, JASA 70(350),
/// 311–319): mean_i ~ N(theta_i, D_i) with D_i = s^2 / n_i (s^2 the pooled within-group variance,
/// n_i the group's size) and theta_i ~ N(mu, tau^2); the posterior mean of theta_i is
/// B_i mu + (1 - B_i) mean_i with B_i = D_i / (D_i + tau^2).
///
/// tau^2 is estimated by the method of moments: with w_i = 1 / D_i, the w-weighted mean m_w and
/// Q = sum w_i (mean_i - m_w)^2, E[Q] = (k - 1) + tau^2 (sum w - sum w^2 / sum w), so
///     tau^2 = max(0, (Q - (k - 1)) / (sum w - sum w^2 / sum w))
/// (DerSimonian & Laird 1986, Controlled Clinical Trials 7(3), 177–188, the moment estimator for
/// unequal D_i). With equal n_i it is the moment estimate S / (k - 1) - s^2 / n of Efron & Morris's
/// equal-variance case, S = sum (mean_i - mean)^2. Truncated at 0: then every B_i = 1 and every
/// mean shrinks to the grand mean. mu = sum mean_i / (D_i + tau^2) / sum 1 / (D_i + tau^2).
///
/// Throws std::invalid_argument for fewer than 2 groups, sizes of `means` and `counts` that
/// differ, a mean that is not finite, a count that is not finite and positive, or a pooled
/// variance that is not finite and positive.
inline ShrinkageEstimate empirical_bayes_shrinkage(const std::vector<double>& means,
                                                   const std::vector<double>& counts,
                                                   double pooled_variance) {
  const std::size_t k = means.size();
  if (counts.size() != k)
    throw std::invalid_argument("empirical_bayes_shrinkage: " + std::to_string(k) + " means but " +
                                std::to_string(counts.size()) + " counts");
  if (k < 2)
    throw std::invalid_argument("empirical_bayes_shrinkage: need at least 2 groups (got " +
                                std::to_string(k) + ")");
  if (!(std::isfinite(pooled_variance) && pooled_variance > 0.0))
    throw std::invalid_argument(
        "empirical_bayes_shrinkage: the pooled variance must be finite and positive");
  for (std::size_t i = 0; i < k; ++i) {
    if (!std::isfinite(means[i]))
      throw std::invalid_argument("empirical_bayes_shrinkage: the mean of group " +
                                  std::to_string(i) + " is not finite");
    if (!(std::isfinite(counts[i]) && counts[i] > 0.0))
      throw std::invalid_argument("empirical_bayes_shrinkage: the count of group " +
                                  std::to_string(i) + " is not finite and positive");
  }
  std::vector<double> sampling(k);  // D_i
  double sum_w = 0.0, sum_w2 = 0.0, weighted = 0.0;
  for (std::size_t i = 0; i < k; ++i) {
    sampling[i] = pooled_variance / counts[i];
    const double w = 1.0 / sampling[i];
    sum_w += w;
    sum_w2 += w * w;
    weighted += w * means[i];
  }
  const double mean_w = weighted / sum_w;
  double q = 0.0;
  for (std::size_t i = 0; i < k; ++i)
    q += (means[i] - mean_w) * (means[i] - mean_w) / sampling[i];
  ShrinkageEstimate estimate;
  const double excess = q - static_cast<double>(k - 1);
  estimate.tau_squared = excess > 0.0 ? excess / (sum_w - sum_w2 / sum_w) : 0.0;
  double total = 0.0, total_weight = 0.0;
  for (std::size_t i = 0; i < k; ++i) {
    const double precision = 1.0 / (sampling[i] + estimate.tau_squared);
    total += precision * means[i];
    total_weight += precision;
  }
  estimate.grand_mean = total / total_weight;
  estimate.shrinkage.resize(k);
  estimate.shrunk_means.resize(k);
  for (std::size_t i = 0; i < k; ++i) {
    const double b = sampling[i] / (sampling[i] + estimate.tau_squared);
    estimate.shrinkage[i] = b;
    estimate.shrunk_means[i] = b * estimate.grand_mean + (1.0 - b) * means[i];
  }
  return estimate;
}

/// empirical_bayes_shrinkage of the groups' own means, sizes and pooled within-group variance
/// s^2 = sum_i sum_j (x_ij - mean_i)^2 / (N - k), N the number of observations. Throws
/// std::invalid_argument for an empty group, a value that is not finite, N <= k (no degree of
/// freedom left for s^2) or s^2 = 0, and as empirical_bayes_shrinkage.
inline ShrinkageEstimate empirical_bayes_shrinkage(const std::vector<std::vector<double>>& groups) {
  const std::size_t k = groups.size();
  std::vector<double> means(k), counts(k);
  double squares = 0.0;
  std::size_t observations = 0;
  for (std::size_t i = 0; i < k; ++i) {
    const auto& group = groups[i];
    if (group.empty())
      throw std::invalid_argument("empirical_bayes_shrinkage: group " + std::to_string(i) +
                                  " is empty");
    double sum = 0.0;
    for (double value : group) {
      if (!std::isfinite(value))
        throw std::invalid_argument("empirical_bayes_shrinkage: group " + std::to_string(i) +
                                    " has a value that is not finite");
      sum += value;
    }
    means[i] = sum / static_cast<double>(group.size());
    for (double value : group)
      squares += (value - means[i]) * (value - means[i]);
    counts[i] = static_cast<double>(group.size());
    observations += group.size();
  }
  if (observations <= k)
    throw std::invalid_argument(
        "empirical_bayes_shrinkage: the pooled variance needs more observations than groups");
  return empirical_bayes_shrinkage(means, counts, squares / static_cast<double>(observations - k));
}

}  // namespace materia
