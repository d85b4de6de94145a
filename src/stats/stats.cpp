#include "materia/stats/stats.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <numeric>

#include <boost/math/distributions/chi_squared.hpp>

#include "materia/error.hpp"
#include "materia/rank/rank.hpp"

namespace materia {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// The pairs where neither value is NaN.
void complete_pairs(const std::vector<double>& x, const std::vector<double>& y,
                    std::vector<double>& xs, std::vector<double>& ys) {
  if (x.size() != y.size())
    throw_usage_error("the two rankings have different lengths (" + std::to_string(x.size()) +
                      " and " + std::to_string(y.size()) + ")");
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
std::uint64_t count_inversions(std::vector<double>& v) {
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

double pearson(const std::vector<double>& x, const std::vector<double>& y) {
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

// Mid-ranks of one rater's row, NaN items tied below all ranked ones; adds sum (t^3 - t) over
// its tie groups to `tie_sum`.
std::vector<double> complete_row_ranks(const std::vector<double>& row, double& tie_sum) {
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

}  // namespace

double kendall_tau_b(const std::vector<double>& x, const std::vector<double>& y) {
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

double spearman_rho(const std::vector<double>& x, const std::vector<double>& y) {
  std::vector<double> xs, ys;
  complete_pairs(x, y, xs, ys);
  if (xs.size() < 2) return kNaN;
  return pearson(mid_ranks(xs, false), mid_ranks(ys, false));
}

Concordance kendall_w(const std::vector<std::vector<double>>& ratings) {
  Concordance result;
  result.raters = ratings.size();
  result.items = ratings.empty() ? 0 : ratings.front().size();
  const std::size_t m = result.raters, n = result.items;
  for (std::size_t r = 0; r < m; ++r)
    if (ratings[r].size() != n)
      throw_usage_error("rater " + std::to_string(r + 1) + " rates " +
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

Agreement firm_agreement(const Result& result) {
  Agreement agreement;
  const std::size_t n = result.issues.size();
  std::vector<std::size_t> firms;
  for (std::size_t f = 0; f < result.firms.size(); ++f)
    if (result.firms[f].weight > 0) firms.push_back(f);
  std::vector<std::ptrdiff_t> row_of(result.firms.size(), -1);
  for (std::size_t r = 0; r < firms.size(); ++r)
    row_of[firms[r]] = static_cast<std::ptrdiff_t>(r);
  std::vector<std::vector<double>> ratings(firms.size(), std::vector<double>(n, kNaN));
  for (std::size_t i = 0; i < n; ++i)
    for (const auto& listing : result.issues[i].listings)
      if (listing.firm < row_of.size() && row_of[listing.firm] >= 0)
        ratings[static_cast<std::size_t>(row_of[listing.firm])][i] = listing.rank;
  agreement.concordance = kendall_w(ratings);
  const std::size_t m = firms.size();
  if (m < 2 || n < 2) return agreement;

  std::vector<std::vector<double>> completed(m);
  std::vector<double> total(n, 0.0);
  for (std::size_t r = 0; r < m; ++r) {
    double unused = 0;
    completed[r] = complete_row_ranks(ratings[r], unused);
    for (std::size_t i = 0; i < n; ++i)
      total[i] += completed[r][i];
  }
  for (std::size_t r = 0; r < m; ++r) {
    std::vector<double> others(n);
    for (std::size_t i = 0; i < n; ++i)
      others[i] = (total[i] - completed[r][i]) / static_cast<double>(m - 1);
    FirmTypicality typical;
    typical.firm = firms[r];
    typical.id = result.firms[firms[r]].id;
    typical.listed = result.firms[firms[r]].listed;
    typical.rho = spearman_rho(completed[r], others);
    agreement.typicality.push_back(typical);
  }
  std::sort(
      agreement.typicality.begin(), agreement.typicality.end(), [](const auto& a, const auto& b) {
        const double ra = std::isnan(a.rho) ? -2.0 : a.rho, rb = std::isnan(b.rho) ? -2.0 : b.rho;
        return ra != rb ? ra > rb : a.id < b.id;
      });
  return agreement;
}

}  // namespace materia
