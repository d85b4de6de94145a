#pragma once
/// \file rank_agreement.hpp
/// Header-only agreement between rankings: Kendall's tau-b (O(n log n)), Spearman's rho
/// (mid-ranks for ties), Kendall's W with tie correction and Friedman's chi-square. Formulas and
/// sources: docs/method.md section 10. Needs the standard library and Boost.Math.
///
///     materia::kernels::kendall_tau_b({1, 2, 3, 4}, {1, 3, 2, 4});  // 2/3

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <numeric>
#include <stdexcept>
#include <string>
#include <vector>

#include <boost/math/distributions/chi_squared.hpp>

#include "materia/rank/ranking.hpp"

namespace materia {

/// Kendall's W and Friedman's test for m raters ranking the same n items.
struct Concordance {
  double w = 0.0;           ///< Kendall's coefficient of concordance, tie-corrected, in [0,1]
  double chi_square = 0.0;  ///< Friedman's statistic, tie-corrected: m (n - 1) W
  double df = 0.0;          ///< n - 1
  double p_value = 1.0;     ///< upper tail of chi-square with df degrees of freedom
  std::size_t raters = 0;   ///< m
  std::size_t items = 0;    ///< n
};

namespace kernels {

namespace agreement {

inline constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// The pairs where neither value is NaN.
inline void complete_pairs(const std::vector<double>& x, const std::vector<double>& y,
                           std::vector<double>& xs, std::vector<double>& ys) {
  if (x.size() != y.size())
    throw std::invalid_argument("the two rankings have different lengths (" +
                                std::to_string(x.size()) + " and " + std::to_string(y.size()) +
                                ")");
  for (std::size_t i = 0; i < x.size(); ++i)
    if (!std::isnan(x[i]) && !std::isnan(y[i])) {
      xs.push_back(x[i]);
      ys.push_back(y[i]);
    }
}

// Sum of t (t - 1) / 2 over runs of equal values in a sorted sequence.
template <typename Equal>
std::uint64_t tied_pairs(std::size_t n, Equal equal) {
  std::uint64_t pairs = 0, run = 1;
  for (std::size_t i = 1; i <= n; ++i) {
    if (i < n && equal(i - 1, i)) {
      ++run;
    } else {
      pairs += run * (run - 1) / 2;
      run = 1;
    }
  }
  return pairs;
}

// Number of pairs i < j with v[i] > v[j] (strictly), by bottom-up merge sort; sorts v.
inline std::uint64_t count_inversions(std::vector<double>& v) {
  const std::size_t n = v.size();
  std::vector<double> buffer(n);
  std::uint64_t inversions = 0;
  for (std::size_t width = 1; width < n; width *= 2) {
    for (std::size_t lo = 0; lo < n; lo += 2 * width) {
      const std::size_t mid = std::min(lo + width, n), hi = std::min(lo + 2 * width, n);
      std::size_t i = lo, j = mid, out = lo;
      while (i < mid && j < hi) {
        if (v[j] < v[i]) {
          inversions += mid - i;
          buffer[out++] = v[j++];
        } else {
          buffer[out++] = v[i++];
        }
      }
      while (i < mid)
        buffer[out++] = v[i++];
      while (j < hi)
        buffer[out++] = v[j++];
    }
    std::swap(v, buffer);
  }
  return inversions;
}

inline double pearson(const std::vector<double>& x, const std::vector<double>& y) {
  const double n = static_cast<double>(x.size());
  const double mx = std::accumulate(x.begin(), x.end(), 0.0) / n;
  const double my = std::accumulate(y.begin(), y.end(), 0.0) / n;
  double sxy = 0, sxx = 0, syy = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) * (x[i] - mx);
    syy += (y[i] - my) * (y[i] - my);
  }
  if (sxx <= 0 || syy <= 0) return kNaN;
  return std::clamp(sxy / std::sqrt(sxx * syy), -1.0, 1.0);
}

}  // namespace agreement

/// Mid-ranks of one rater's row, NaN items tied below all ranked ones (they share the mean of
/// the remaining ranks); adds sum (t^3 - t) over its tie groups to `tie_sum`.
inline std::vector<double> complete_row_ranks(const std::vector<double>& row, double& tie_sum) {
  const std::size_t n = row.size();
  std::vector<double> ranked;
  std::vector<std::size_t> where;
  for (std::size_t i = 0; i < n; ++i)
    if (!std::isnan(row[i])) {
      ranked.push_back(row[i]);
      where.push_back(i);
    }
  const std::size_t k = ranked.size();
  std::vector<double> mids = mid_ranks(ranked, false);
  std::vector<double> out(n, (static_cast<double>(k) + 1.0 + static_cast<double>(n)) / 2.0);
  for (std::size_t i = 0; i < k; ++i)
    out[where[i]] = mids[i];
  std::vector<double> sorted(out);
  std::sort(sorted.begin(), sorted.end());
  for (std::size_t i = 0; i < n;) {
    std::size_t j = i;
    while (j < n && sorted[j] == sorted[i])
      ++j;
    const double t = static_cast<double>(j - i);
    tie_sum += t * t * t - t;
    i = j;
  }
  return out;
}

/// Kendall's tau-b of paired values (Kendall 1945; Knight's 1966 O(n log n) algorithm). Pairs
/// where either value is NaN are left out. NaN when fewer than two pairs remain or when either
/// side is constant. Throws std::invalid_argument when the lengths differ.
inline double kendall_tau_b(const std::vector<double>& x, const std::vector<double>& y) {
  using namespace agreement;
  std::vector<double> xs, ys;
  complete_pairs(x, y, xs, ys);
  const std::size_t n = xs.size();
  if (n < 2) return kNaN;
  std::vector<std::size_t> order(n);
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(),
            [&](auto a, auto b) { return xs[a] != xs[b] ? xs[a] < xs[b] : ys[a] < ys[b]; });
  std::vector<double> y_sorted(n);
  for (std::size_t i = 0; i < n; ++i)
    y_sorted[i] = ys[order[i]];
  const std::uint64_t tied_x =
      tied_pairs(n, [&](std::size_t a, std::size_t b) { return xs[order[a]] == xs[order[b]]; });
  const std::uint64_t tied_both = tied_pairs(n, [&](std::size_t a, std::size_t b) {
    return xs[order[a]] == xs[order[b]] && ys[order[a]] == ys[order[b]];
  });
  const std::uint64_t discordant = count_inversions(y_sorted);  // y_sorted is now sorted
  const std::uint64_t tied_y =
      tied_pairs(n, [&](std::size_t a, std::size_t b) { return y_sorted[a] == y_sorted[b]; });
  const std::uint64_t total = static_cast<std::uint64_t>(n) * (n - 1) / 2;
  if (tied_x == total || tied_y == total) return kNaN;
  // concordant - discordant = total - tied_x - tied_y + tied_both - 2 discordant
  const double numerator = static_cast<double>(total) - static_cast<double>(tied_x) -
                           static_cast<double>(tied_y) + static_cast<double>(tied_both) -
                           2.0 * static_cast<double>(discordant);
  const double denominator = std::sqrt(static_cast<double>(total - tied_x)) *
                             std::sqrt(static_cast<double>(total - tied_y));
  return std::clamp(numerator / denominator, -1.0, 1.0);
}

/// Spearman's rho: Pearson's correlation of the mid-ranks (ties share their mean rank). NaN pairs
/// are left out; NaN when undefined, as kendall_tau_b. Throws std::invalid_argument when the
/// lengths differ.
inline double spearman_rho(const std::vector<double>& x, const std::vector<double>& y) {
  using namespace agreement;
  std::vector<double> xs, ys;
  complete_pairs(x, y, xs, ys);
  if (xs.size() < 2) return kNaN;
  return pearson(mid_ranks(xs, false), mid_ranks(ys, false));
}

/// Kendall's W of `ratings` (rows = raters, columns = items; smaller = better, e.g. ranks). Each
/// row is re-ranked to mid-ranks. Partial lists: NaN marks an item the rater did not rank; such
/// items tie below every item it ranked (they share the mean of the remaining ranks), which is
/// the "bottom" policy of the input format, and the tie correction accounts for them.
/// Throws std::invalid_argument for ragged rows; W is NaN when there are fewer than 2 raters or
/// items or every rater ties everything.
inline Concordance kendall_w(const std::vector<std::vector<double>>& ratings) {
  using agreement::kNaN;
  Concordance result;
  result.raters = ratings.size();
  result.items = ratings.empty() ? 0 : ratings.front().size();
  const std::size_t m = result.raters, n = result.items;
  for (std::size_t r = 0; r < m; ++r)
    if (ratings[r].size() != n)
      throw std::invalid_argument("rater " + std::to_string(r + 1) + " rates " +
                                  std::to_string(ratings[r].size()) + " items, rater 1 rates " +
                                  std::to_string(n));
  result.df = n > 0 ? static_cast<double>(n) - 1.0 : 0.0;
  if (m < 2 || n < 2) {
    result.w = result.chi_square = result.p_value = kNaN;
    return result;
  }
  std::vector<double> rank_sum(n, 0.0);
  double tie_sum = 0.0;
  for (const auto& row : ratings) {
    auto ranks = complete_row_ranks(row, tie_sum);
    for (std::size_t i = 0; i < n; ++i)
      rank_sum[i] += ranks[i];
  }
  const double md = static_cast<double>(m), nd = static_cast<double>(n);
  const double expected = md * (nd + 1.0) / 2.0;
  double s = 0.0;
  for (double r : rank_sum)
    s += (r - expected) * (r - expected);
  const double denominator = md * md * (nd * nd * nd - nd) - md * tie_sum;
  if (denominator <= 0) {
    result.w = result.chi_square = result.p_value = kNaN;
    return result;
  }
  result.w = 12.0 * s / denominator;
  result.chi_square = md * (nd - 1.0) * result.w;
  boost::math::chi_squared distribution(result.df);
  result.p_value = boost::math::cdf(boost::math::complement(distribution, result.chi_square));
  return result;
}

}  // namespace kernels

}  // namespace materia
