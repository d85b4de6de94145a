#pragma once
/// \file resampling.hpp
/// Header-only parts of the bootstrap over firms: the seeded draw of a replicate's firms, R's
/// type-7 and type-1 quantiles, each issue's rank interval, mean rank and tier probabilities from
/// the replicates' ranks and tiers, and simultaneous confidence sets of ranks from their scores.
/// Formulas and sources: docs/method.md section 11. Needs only the standard library.

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <numeric>
#include <random>
#include <utility>
#include <vector>

namespace materia {

/// Bootstrap outcome, per issue in `Result::issues` order.
struct BootstrapSummary {
  std::size_t replicates = 0;
  std::uint64_t seed = 0;
  /// Percentile interval of the mid-rank: type 1 quantiles, so both ends are observed mid-ranks.
  std::vector<double> rank_low, rank_high;
  std::vector<double> rank_mean;
  /// tier_probability[i][t - 1] = share of replicates in which issue i is in tier t.
  std::vector<std::vector<double>> tier_probability;
  /// Per tier of the full sample, the mean best-match Jaccard similarity (Hennig 2007).
  std::vector<double> tier_stability;
  /// Simultaneous confidence sets of ranks (simultaneous_rank_sets); empty when skipped.
  std::vector<double> rank_set_low, rank_set_high;
};

/// The most issues simultaneous_rank_sets is run for by the bootstrap: its cost is
/// O(n^2 B), about a second at 1000 issues and B = 1000.
inline constexpr std::size_t kMaxRankSetIssues = 1000;

namespace kernels {

/// A uniform index in [0, m) by rejection (as OpenBSD's arc4random_uniform): draws below
/// 2^64 mod m are rejected so every index has the same number of accepted draws. Spelled out
/// because std::uniform_int_distribution's algorithm differs between standard libraries, and a
/// seed must give the same replicates everywhere.
inline std::size_t uniform_index(std::mt19937_64& rng, std::uint64_t m) {
  const std::uint64_t floor = (0 - m) % m;  // 2^64 mod m
  std::uint64_t draw;
  do {
    draw = rng();
  } while (draw < floor);
  return static_cast<std::size_t>(draw % m);
}

/// The generator of replicate b: seeded by (seed, b) alone, so a replicate is the same whichever
/// thread draws it.
inline std::mt19937_64 replicate_generator(std::uint64_t seed, std::size_t b) {
  std::seed_seq seeds{static_cast<std::uint32_t>(seed), static_cast<std::uint32_t>(seed >> 32),
                      static_cast<std::uint32_t>(b), static_cast<std::uint32_t>(b >> 32)};
  return std::mt19937_64(seeds);
}

/// The m firms (rows of the full table) of replicate b: m draws with replacement from
/// replicate_generator(seed, b).
inline std::vector<std::size_t> replicate_rows(std::uint64_t seed, std::size_t b, std::size_t m) {
  std::mt19937_64 rng = replicate_generator(seed, b);
  std::vector<std::size_t> rows(m);
  for (auto& row : rows)
    row = uniform_index(rng, m);
  return rows;
}

/// R's quantile type 7 of sorted values (not empty), p in [0, 1].
inline double quantile_type7(const std::vector<double>& sorted, double p) {
  const double h = (static_cast<double>(sorted.size()) - 1.0) * p;
  const auto lo = static_cast<std::size_t>(std::floor(h));
  const std::size_t hi = std::min(lo + 1, sorted.size() - 1);
  return sorted[lo] + (h - static_cast<double>(lo)) * (sorted[hi] - sorted[lo]);
}

/// R's quantile type 1 of sorted values (not empty), p in [0, 1]: the inverse of the empirical
/// distribution function, the smallest value x with a share of at least p at or below x.
inline double quantile_type1(const std::vector<double>& sorted, double p) {
  const double position = std::ceil(static_cast<double>(sorted.size()) * p - 1e-9);
  const auto index = static_cast<std::size_t>(std::max(position, 1.0)) - 1;
  return sorted[std::min(index, sorted.size() - 1)];
}

/// Each issue's percentile interval of coverage `level` (type 1 quantiles, so the ends are
/// observed values), mean rank and tier probabilities from `replicates` replicates of n issues:
/// ranks[b * n + i] and tiers[b * n + i] are issue i's mid-rank and tier (1 = top) in replicate b.
/// The probabilities have `tier_count` entries (0: as many as the highest tier seen). Sets every
/// field but `seed` and `tier_stability`.
inline BootstrapSummary summarize_replicates(const std::vector<float>& ranks,
                                             const std::vector<std::uint16_t>& tiers,
                                             std::size_t replicates, std::size_t n, double level,
                                             std::size_t tier_count = 0) {
  BootstrapSummary summary;
  summary.replicates = replicates;
  if (replicates == 0 || n == 0) return summary;
  const double tail = (1.0 - level) / 2.0;
  std::uint16_t max_tier = *std::max_element(tiers.begin(), tiers.end());
  if (tier_count > max_tier) max_tier = static_cast<std::uint16_t>(tier_count);
  std::vector<double> column(replicates);
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t b = 0; b < replicates; ++b)
      column[b] = ranks[b * n + i];
    std::sort(column.begin(), column.end());
    summary.rank_low.push_back(quantile_type1(column, tail));
    summary.rank_high.push_back(quantile_type1(column, 1.0 - tail));
    summary.rank_mean.push_back(std::accumulate(column.begin(), column.end(), 0.0) /
                                static_cast<double>(replicates));
    std::vector<double> probability(max_tier, 0.0);
    for (std::size_t b = 0; b < replicates; ++b)
      probability[tiers[b * n + i] - 1u] += 1.0;
    for (auto& p : probability)
      p /= static_cast<double>(replicates);
    summary.tier_probability.push_back(std::move(probability));
  }
  return summary;
}

/// Simultaneous confidence sets for the ranks of n issues (Mogstad, Romano, Shaikh & Wilhelm
/// 2024, Rev. Econ. Stud. 91(1), 476–518, section 3.2, with bootstrap standard errors):
/// `estimates[i]` is issue i's score (larger = better) and `replicates[i * B + b]` its score in
/// replicate b. For every pair, the difference d_ij = estimate_i - estimate_j has the bootstrap
/// standard error s_ij; the critical value c is the type-1 `level` quantile over replicates of
/// max over pairs with s_ij > 0 of |d*_ij - d_ij| / s_ij. Issue j is surely above i when
/// d_ji - c s_ji > 0 (for s_ji = 0: d_ji > 0). The rank set of i is [1 + #surely above,
/// n - #surely below]; all n sets hold the true ranks at once with probability about `level`.
/// Returns {low, high}, whole ranks.
inline std::pair<std::vector<double>, std::vector<double>> simultaneous_rank_sets(
    const std::vector<double>& estimates, const std::vector<double>& replicates,
    std::size_t replicate_count, double level) {
  const std::size_t n = estimates.size(), count = replicate_count;
  std::vector<double> low(n, 1.0), high(n, static_cast<double>(n));
  if (n < 2 || count == 0) return {low, high};
  // standard error of each pair's difference, i < j, by rows of the upper triangle
  std::vector<double> se(n * (n - 1) / 2);
  std::vector<double> t_max(count, 0.0), difference(count);
  std::size_t pair = 0;
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = i + 1; j < n; ++j, ++pair) {
      const double* a = &replicates[i * count];
      const double* b = &replicates[j * count];
      double mean = 0.0;
      for (std::size_t r = 0; r < count; ++r) {
        difference[r] = a[r] - b[r];
        mean += difference[r];
      }
      mean /= static_cast<double>(count);
      double squares = 0.0;
      for (std::size_t r = 0; r < count; ++r)
        squares += (difference[r] - mean) * (difference[r] - mean);
      se[pair] = count > 1 ? std::sqrt(squares / static_cast<double>(count - 1)) : 0.0;
      if (!(se[pair] > 0.0)) continue;
      const double estimate = estimates[i] - estimates[j];
      for (std::size_t r = 0; r < count; ++r)
        t_max[r] = std::max(t_max[r], std::abs(difference[r] - estimate) / se[pair]);
    }
  std::sort(t_max.begin(), t_max.end());
  const double critical = quantile_type1(t_max, level);
  std::vector<std::size_t> above(n, 0), below(n, 0);
  pair = 0;
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = i + 1; j < n; ++j, ++pair) {
      const double estimate = estimates[i] - estimates[j];
      const double half_width = critical * se[pair];
      if (estimate - half_width > 0.0) {  // i surely above j
        ++above[j];
        ++below[i];
      } else if (estimate + half_width < 0.0) {
        ++above[i];
        ++below[j];
      }
    }
  for (std::size_t i = 0; i < n; ++i) {
    low[i] = 1.0 + static_cast<double>(above[i]);
    high[i] = static_cast<double>(n - below[i]);
  }
  return {low, high};
}

}  // namespace kernels

}  // namespace materia
