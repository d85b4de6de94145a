#pragma once
/// \file order_statistics.hpp
/// Header-only order-statistics methods of Kolde et al. (2012) and Stuart et al. (2003),
/// following R's RobustRankAggreg (aggregateRanks with full = FALSE): each firm gives issue i the
/// normalized rank r/N, or 1 when it did not list i; firms whose policy is `not_assessed` are
/// left out of the issues they did not list (RobustRankAggreg's NA). Weights count a firm w
/// times (the methods have no other weighted form), so they must be whole numbers. Needs the
/// standard library, Eigen and Boost.Math.

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstddef>
#include <functional>
#include <limits>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include <boost/math/special_functions/beta.hpp>
#include <boost/math/special_functions/gamma.hpp>

#include "materia/aggregate/aggregation.hpp"
#include "materia/rank/loop.hpp"

namespace materia::kernels {

namespace order_statistics {

// Beta probabilities in double precision. Boost's default promotes double arguments to long double
// (x87 pow and exp dominated the rra profile); the double evaluation is accurate to a few ulps, far
// inside the 1e-9 relative agreement with R's pbeta that the oracle tests require.
using DoublePolicy = boost::math::policies::policy<boost::math::policies::promote_double<false>>;

inline double pbeta(double a, double b, double x) {
  return boost::math::ibeta(a, b, x, DoublePolicy());
}

// The shortest text that reads back as the same double, whole numbers without an exponent.
inline std::string number_text(double value) {
  if (value == std::floor(value) && std::fabs(value) < 1e15)
    return std::to_string(static_cast<long long>(value));
  char buffer[32];
  auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  return std::string(buffer, result.ptr);
}

// One issue's normalized ranks with multiplicities (a firm of weight w counts w times).
struct Sample {
  std::vector<std::pair<double, std::size_t>> listed;  // (r/N, count), sorted by r/N
  std::size_t unlisted = 0;                            // counted at 1
  std::size_t lists() const {
    std::size_t m = unlisted;
    for (const auto& item : listed)
      m += item.second;
    return m;
  }
  std::vector<double> expanded() const {
    std::vector<double> values;
    for (const auto& [value, count] : listed)
      values.insert(values.end(), count, value);
    values.insert(values.end(), unlisted, 1.0);
    return values;
  }
};

// How many times a firm of this weight counts; std::invalid_argument unless a whole number.
inline std::size_t frequency(double weight, std::size_t firm) {
  double whole = std::round(weight);
  if (whole != weight)
    throw std::invalid_argument(
        "methods rra and stuart count a firm w times and need whole-number weights; firm #" +
        std::to_string(firm + 1) + " has weight " + number_text(weight));
  return static_cast<std::size_t>(whole);
}

// Each issue's Sample, for the scoring threads. Firm multiplicities are checked once, in firm
// order (the first firm with a fractional weight is the one named). Every issue's listings are
// put in order of rank once, here: when all ranks are half-integers (the mid-ranks of whole
// ranks), by two counting passes over the table (by rank, then stably by issue); otherwise
// each issue's listings are sorted when its Sample is built. Equal values are merged either way,
// so both give the same Samples.
class Samples {
 public:
  explicit Samples(const RankTable& table)
      : table_(table), n_(static_cast<double>(table.universe)) {
    const std::size_t firms = table.firm_count();
    count_.resize(firms);
    bottom_.resize(firms);
    for (std::size_t f = 0; f < firms; ++f) {
      count_[f] = frequency(table.weight[f], f);
      bottom_[f] = is_bottom(table, f);
      if (bottom_[f]) bottom_total_ += count_[f];
    }
    by_rank_ = order_by_half_integer_rank();
    if (!by_rank_) by_issue_ = table.rank;  // Eigen's transposed copy, for the sorts
  }

  std::size_t issue_count() const { return table_.issue_count(); }
  /// The most lists any issue's sample can have: every firm, each counted its weight's times.
  std::size_t max_lists() const {
    std::size_t m = 0;
    for (std::size_t c : count_)
      m += c;
    return m;
  }

  Sample operator()(std::size_t issue) const {
    Sample sample;
    auto& listed = sample.listed;
    std::size_t listed_bottom = 0;
    auto add = [&](double rank, std::size_t f) {
      if (count_[f] == 0) return;
      listed.emplace_back(rank / n_, count_[f]);
      if (bottom_[f]) listed_bottom += count_[f];
    };
    if (by_rank_) {
      listed.reserve(begin_[issue + 1] - begin_[issue]);
      for (std::size_t t = begin_[issue]; t < begin_[issue + 1]; ++t)
        add(listing_[t].rank, listing_[t].firm);
    } else {
      const auto column = static_cast<Eigen::Index>(issue);
      listed.reserve(static_cast<std::size_t>(by_issue_.col(column).nonZeros()));
      for (Column it(by_issue_, column); it; ++it)
        add(it.value(), static_cast<std::size_t>(it.row()));
      // By value alone: equal values are merged below whatever their order.
      std::sort(listed.begin(), listed.end(),
                [](const auto& a, const auto& b) { return a.first < b.first; });
    }
    // merge equal values (ties, and firms at the same rank) into one entry
    std::size_t out = 0;
    for (std::size_t t = 0; t < listed.size(); ++t) {
      if (out > 0 && listed[out - 1].first == listed[t].first)
        listed[out - 1].second += listed[t].second;
      else
        listed[out++] = listed[t];
    }
    listed.resize(out);
    sample.unlisted = bottom_total_ - listed_bottom;
    return sample;
  }

 private:
  using ByIssue = Eigen::SparseMatrix<double, Eigen::ColMajor>;
  using Column = ByIssue::InnerIterator;
  struct Listing {
    double rank;
    std::size_t firm;
  };

  // Fills begin_ and listing_ with each issue's listings in order of rank; false (and nothing
  // filled) when some rank is not a half-integer in [0.5, kMaxHalfRanks / 2].
  bool order_by_half_integer_rank() {
    constexpr std::size_t kMaxHalfRanks = std::size_t{1} << 16;
    const auto& rank = table_.rank;
    const std::size_t listings = static_cast<std::size_t>(rank.nonZeros());
    std::vector<std::size_t> key_begin(kMaxHalfRanks + 2, 0);
    begin_.assign(issue_count() + 1, 0);
    for (Eigen::Index f = 0; f < rank.outerSize(); ++f)
      for (SparseRow it(rank, f); it; ++it) {
        const double twice = 2.0 * it.value();
        if (!(twice >= 1.0 && twice <= static_cast<double>(kMaxHalfRanks)) ||
            twice != std::floor(twice)) {
          begin_.clear();
          return false;
        }
        ++key_begin[static_cast<std::size_t>(twice) + 1];
        ++begin_[static_cast<std::size_t>(it.col()) + 1];
      }
    for (std::size_t k = 1; k < key_begin.size(); ++k)
      key_begin[k] += key_begin[k - 1];
    for (std::size_t c = 1; c < begin_.size(); ++c)
      begin_[c] += begin_[c - 1];
    // by rank...
    std::vector<std::pair<Listing, std::size_t>> by_rank(listings);  // (listing, issue)
    for (Eigen::Index f = 0; f < rank.outerSize(); ++f)
      for (SparseRow it(rank, f); it; ++it)
        by_rank[key_begin[static_cast<std::size_t>(2.0 * it.value())]++] = {
            {it.value(), static_cast<std::size_t>(f)}, static_cast<std::size_t>(it.col())};
    // ...then stably by issue
    listing_.resize(listings);
    std::vector<std::size_t> next(begin_.begin(), begin_.end() - 1);
    for (const auto& [listing, issue] : by_rank)
      listing_[next[issue]++] = listing;
    return true;
  }

  const RankTable& table_;
  double n_;
  std::vector<std::size_t> count_;  // per firm: how many times it counts (its whole weight)
  std::vector<char> bottom_;        // per firm: its unlisted issues count at 1
  std::size_t bottom_total_ = 0;
  bool by_rank_ = false;
  std::vector<std::size_t> begin_;  // per issue: its first listing in listing_ (+ the end)
  std::vector<Listing> listing_;    // issue by issue, in order of rank
  ByIssue by_issue_;                // without by_rank_
};

// pbeta(x, j, m - j + 1) over the order statistics; with runs of equal values only the last
// position of each run can be the minimum (pbeta decreases in j at fixed x).
inline double min_beta(const Sample& sample, std::size_t m) {
  double rho = 1.0;
  std::size_t position = 0;
  for (const auto& [value, count] : sample.listed) {
    position += count;
    if (value >= 1.0) break;
    const auto j = static_cast<double>(position);
    rho = std::min(rho, pbeta(j, static_cast<double>(m) - j + 1.0, value));
  }
  return rho;
}

// log k! for k = 0..n, for the lower bounds of BoundedMinBeta. Boost's lgamma, not std::lgamma,
// which writes the global signgam (a data race when analyses run on several threads).
inline std::vector<double> log_factorials(std::size_t n) {
  std::vector<double> table(n + 1);
  for (std::size_t k = 0; k <= n; ++k)
    table[k] = boost::math::lgamma(static_cast<double>(k) + 1.0, DoublePolicy());
  return table;
}

// min_beta with most pbeta evaluations skipped, giving the same value. pbeta(x, j, m - j + 1) is
// P(Binomial(m, x) >= j), which is at least
//   * the probability of exactly j, m!/(j!(m-j)!) x^j (1-x)^(m-j), cheap from a table of log k!;
//   * 1/2 when j <= floor(m x) (a binomial's median is floor or ceil of its mean).
// A position whose lower bound exceeds the smallest pbeta found so far cannot be the minimum, and
// one whose bound exceeds `enough` cannot make the result smaller than `enough` either (the
// caller maps every minimum at or above it to the same score). The bound is compared with a
// relative margin of 1e-6, far above the error of the log-factorial table and of Boost's ibeta,
// so a skipped position is one whose pbeta would not have changed the result. The position with
// the smallest bound is evaluated first, so that the others meet a small minimum.
class BoundedMinBeta {
 public:
  // Positions are bounded for m up to max_lists; beyond, every position is evaluated.
  explicit BoundedMinBeta(std::size_t max_lists)
      : log_factorial_(max_lists <= kMaxTable ? log_factorials(max_lists) : std::vector<double>{}) {
  }

  double operator()(const Sample& sample, std::size_t m, double enough) const {
    if (m >= log_factorial_.size()) return min_beta(sample, m);
    struct Position {
      double log_bound;
      double value;
      std::size_t j;
    };
    thread_local std::vector<Position> positions;
    positions.clear();
    const double log_m = log_factorial_[m];
    std::size_t position = 0, first = 0;
    for (const auto& [value, count] : sample.listed) {
      position += count;
      if (value >= 1.0) break;
      const std::size_t j = position;
      const double dj = static_cast<double>(j), rest = static_cast<double>(m - j);
      double log_bound = log_m - log_factorial_[j] - log_factorial_[m - j] + dj * std::log(value) +
                         rest * std::log1p(-value);
      if (dj <= std::floor(static_cast<double>(m) * value))
        log_bound = std::max(log_bound, kLogHalf);
      positions.push_back({log_bound, value, j});
      if (log_bound < positions[first].log_bound) first = positions.size() - 1;
    }
    if (positions.empty()) return 1.0;
    auto evaluate = [m](const Position& p) {
      const auto j = static_cast<double>(p.j);
      return pbeta(j, static_cast<double>(m) - j + 1.0, p.value);
    };
    double rho = std::min(1.0, evaluate(positions[first]));
    for (std::size_t i = 0; i < positions.size(); ++i) {
      if (i == first) continue;
      const double limit = std::min(rho, enough);
      // bound > limit: skip. A limit of 0 (an underflowed minimum) skips everything.
      if (limit <= 0.0 || positions[i].log_bound - kMargin > std::log(limit)) continue;
      rho = std::min(rho, evaluate(positions[i]));
    }
    return rho;
  }

 private:
  static constexpr std::size_t kMaxTable = std::size_t{1} << 20;
  static constexpr double kMargin = 1e-6;
  static constexpr double kLogHalf = -0.69314718055994530942;
  std::vector<double> log_factorial_;
};

// RobustRankAggreg's thresholdBetaScore for sorted values x (those < 1) out of n lists with
// cutoffs sigma (any order): the p-value of each order statistic when list j reports only its
// values below sigma_j. Transcribed from the R code (same branches, same recursion).
inline double min_threshold_beta(const std::vector<double>& x, std::vector<double> sigma) {
  const std::size_t n = sigma.size();
  std::sort(sigma.begin(), sigma.end(), std::greater<>());
  double rho = 1.0;  // positions beyond the reported values score 1
  for (std::size_t k = 1; k <= std::min(x.size(), n); ++k) {
    const double xk = x[k - 1];
    double beta;
    if (sigma[n - 1] >= xk) {
      beta = pbeta(static_cast<double>(k), static_cast<double>(n + 1 - k), xk);
    } else {
      // n0 = lists whose cutoff is at least x_k: their values are uniform on [0, 1]
      std::size_t n0 = 0;
      while (n0 < n && sigma[n0] >= xk)
        ++n0;
      std::vector<double> b(k + 1, 0.0);
      b[0] = 1.0;
      for (std::size_t j = 1; j <= std::min(k, n0); ++j)
        b[j] = pbeta(static_cast<double>(j), static_cast<double>(n0 + 1 - j), xk);
      for (std::size_t j = n0; j < n; ++j) {
        const double z = sigma[j];
        for (std::size_t t = k; t >= 1; --t)
          b[t] = (1.0 - z) * b[t] + z * b[t - 1];
      }
      beta = b[k];
    }
    rho = std::min(rho, beta);
  }
  return rho;
}

// Binomial(n, q) probabilities of 0..limit-1 successes, by the ratio recursion (in logarithms
// when (1 - q)^n underflows), in T (double, or long double for exact_correction's tiny p).
template <typename T>
void binomial_head(std::size_t n, T q, std::size_t limit, std::vector<T>& out) {
  out.assign(limit, T(0));
  if (limit == 0) return;
  if (q <= 0) {
    out[0] = 1;
    return;
  }
  if (q >= 1) {
    if (n < limit) out[n] = 1;
    return;
  }
  const T ratio = q / (1 - q);
  const T log0 = static_cast<T>(n) * std::log1p(-q);
  const std::size_t top = std::min(limit - 1, n);
  if (log0 > -700) {
    T p = std::exp(log0);
    for (std::size_t t = 0; t <= top; ++t) {
      out[t] = p;
      p *= static_cast<T>(n - t) / static_cast<T>(t + 1) * ratio;
    }
  } else {
    const T log_ratio = std::log(ratio);
    T lp = log0;
    for (std::size_t t = 0; t <= top; ++t) {
      out[t] = std::exp(lp);
      lp += std::log(static_cast<T>(n - t) / static_cast<T>(t + 1)) + log_ratio;
    }
  }
}

inline Sample sample_of(std::vector<double> normalized_ranks) {
  std::sort(normalized_ranks.begin(), normalized_ranks.end());
  Sample sample;
  for (double r : normalized_ranks)
    if (sample.listed.empty() || sample.listed.back().first != r)
      sample.listed.emplace_back(r, 1);
    else
      ++sample.listed.back().second;
  return sample;
}

}  // namespace order_statistics

/// Stuart et al. (2003) Q of normalized ranks (values in [0, 1]; order irrelevant): the
/// probability that m independent uniforms have order statistics U_(j) <= r_(j) for every j,
/// which RobustRankAggreg computes with its qStuart recursion. Computed here by a recursion
/// over the cells between distinct thresholds whose terms are all non-negative (stable for any
/// m, where the alternating recursion loses all digits beyond a few dozen lists). Throws
/// std::invalid_argument for a value outside [0, 1].
inline double stuart_q(std::vector<double> normalized_ranks) {
  using order_statistics::binomial_head;
  using order_statistics::pbeta;
  const std::size_t m = normalized_ranks.size();
  std::sort(normalized_ranks.begin(), normalized_ranks.end());
  for (double r : normalized_ranks)
    if (!(r >= 0.0 && r <= 1.0))
      throw std::invalid_argument("stuart_q: normalized ranks must lie in [0, 1]");
  // Only thresholds below 1 constrain: L of them; the count of uniforms at or below each
  // distinct threshold must reach the number of thresholds at or below it. State: how many
  // uniforms fell below the current threshold, capped at L (beyond, nothing more is needed).
  const auto constrained = static_cast<std::size_t>(
      std::lower_bound(normalized_ranks.begin(), normalized_ranks.end(), 1.0) -
      normalized_ranks.begin());
  const std::size_t cap = constrained;
  if (cap == 0) return 1.0;
  std::vector<double> state(cap + 1, 0.0), next(cap + 1), head;
  state[0] = 1.0;
  double previous = 0.0;
  std::size_t lowest = 0;  // states below this have probability 0
  for (std::size_t j = 0; j < constrained;) {
    const double value = normalized_ranks[j];
    std::size_t need = j;
    while (need < constrained && normalized_ranks[need] == value)
      ++need;
    // cell (previous, value]: of the m - c uniforms above `previous`, Binomial(m - c, q) land here
    const double q = (value - previous) / (1.0 - previous);
    std::fill(next.begin(), next.end(), 0.0);
    next[cap] = state[cap];
    for (std::size_t c = lowest; c < cap; ++c) {
      if (state[c] == 0.0) continue;
      const std::size_t rest = m - c, limit = cap - c;
      binomial_head(rest, q, limit, head);
      for (std::size_t t = 0; t < limit; ++t)
        next[c + t] += state[c] * head[t];
      // P(Binomial(rest, q) >= limit) = I_q(limit, rest - limit + 1), never as 1 - sum
      // (which would lose a small Q to cancellation)
      if (limit <= rest && q > 0.0)
        next[cap] += state[c] * (q >= 1.0 ? 1.0
                                          : pbeta(static_cast<double>(limit),
                                                  static_cast<double>(rest - limit + 1), q));
    }
    for (std::size_t c = 0; c < need && c < cap; ++c)
      next[c] = 0.0;
    lowest = need;
    std::swap(state, next);
    previous = value;
    j = need;
  }
  double q = 0.0;
  for (double p : state)
    q += p;
  return std::min(q, 1.0);
}

/// RobustRankAggreg's rho of one issue: min over j of betaCDF(r_(j); j, m - j + 1) for the m
/// normalized ranks (unlisted = 1), before the multiple-testing correction.
inline double rra_min_beta(std::vector<double> normalized_ranks) {
  const std::size_t m = normalized_ranks.size();
  return order_statistics::min_beta(order_statistics::sample_of(std::move(normalized_ranks)), m);
}

/// rra_min_beta as aggregate_rra computes it: positions whose pbeta provably cannot be the
/// minimum, or cannot bring it below `enough`, skipped (the same value when the minimum is below
/// `enough`; some value of at least `enough` otherwise).
inline double rra_min_beta_with_bounds(std::vector<double> normalized_ranks, double enough = 1.0) {
  const std::size_t m = normalized_ranks.size();
  return order_statistics::BoundedMinBeta(m)(
      order_statistics::sample_of(std::move(normalized_ranks)), m, enough);
}

namespace order_statistics {

// Boost.Math in T: double without promotion (as pbeta), long double as it is.
template <typename T>
using PolicyFor =
    std::conditional_t<std::is_same_v<T, double>, DoublePolicy, boost::math::policies::policy<>>;

// qbeta(p; a, b) for b >= 1, in T: x with I_x(a, b) = p. Boost's ibeta_inv, its root checked; for
// tiny p (2e-100 with 50 lists) it can exhaust its iterations (an exception, which was materia's
// internal error), and then, or if the check fails, the root is found by a Newton iteration on
// log I_x in log x, kept inside a bracket by bisection.
template <typename T>
T qbeta(T p, T a, T b) {
  const PolicyFor<T> policy;
  T x = -1;
  try {
    x = boost::math::ibeta_inv(a, b, p);
  } catch (const std::exception&) {
  }
  // 1e-9: far above Boost's error (an ulp of x moves I_x by ~a ulps), far below a wrong root
  if (x > 0 && x <= 1 && std::fabs(boost::math::ibeta(a, b, x, policy) - p) <= T(1e-9) * p)
    return x;
  // I_x(a, b) <= x^a / (a B(a, b)) when b >= 1, so the root lies in [lo, 0] (in log x)
  const T log_beta = boost::math::lgamma(a, policy) + boost::math::lgamma(b, policy) -
                     boost::math::lgamma(a + b, policy);
  T lo = std::min(T(0), (std::log(p) + std::log(a) + log_beta) / a), hi = 0, t = lo;
  const T tolerance = 8 * std::numeric_limits<T>::epsilon();
  for (int k = 0; k < 200; ++k) {
    const T at = std::exp(t), cdf = boost::math::ibeta(a, b, at, policy);
    const T f = std::log(cdf / p);
    if (f == 0) break;
    (f < 0 ? lo : hi) = t;
    // d log I_x / d log x = x I'_x / I_x
    T next = t - f * cdf / (at * boost::math::ibeta_derivative(a, b, at, policy));
    if (!(next > lo && next < hi)) next = (lo + hi) / 2;
    const bool done = std::fabs(next - t) <= tolerance * (1 + std::fabs(t));
    t = next;
    if (done) break;
  }
  // exp(t) is only as precise as t (|t| ulps of x): polish by Newton in x itself
  x = std::exp(t);
  for (int k = 0; k < 3; ++k) {
    const T slope = boost::math::ibeta_derivative(a, b, x, policy);
    const T step = (boost::math::ibeta(a, b, x, policy) - p) / slope;
    if (!(slope > 0) || !(x - step > 0 && x - step <= 1)) break;
    x -= step;
    if (std::fabs(step) <= tolerance * x) break;
  }
  return x;
}

// P(Binomial(m - c, x) >= j - c) for c = 0..j-1 (0 < x < 1, j <= m), in T: the first by ibeta,
// each next by adding a non-negative term, as P(Bin(n - 1, x) >= k - 1) = P(Bin(n, x) >= k) +
// (1 - x) P(Bin(n - 1, x) = k - 1). Those probabilities d_c = P(Bin(m - c - 1, x) = j - c - 1) run
// from (1 - x)^(m - j) at c = j - 1 by d_(c-1) = d_c (m - c) x / (j - c) (in logarithms when
// the first underflows); one ibeta per row of the walk instead of one per state.
template <typename T>
void binomial_tails(std::size_t m, std::size_t j, T x, std::vector<T>& out) {
  out.resize(j);
  const T log_last = static_cast<T>(m - j) * std::log1p(-x);
  if (log_last > -700) {
    T d = std::exp(log_last);
    for (std::size_t c = j; c-- > 0;) {
      out[c] = d;
      d *= static_cast<T>(m - c) / static_cast<T>(j - c) * x;
    }
  } else {
    const T log_x = std::log(x);
    T ld = log_last;
    for (std::size_t c = j; c-- > 0;) {
      out[c] = std::exp(ld);
      ld += std::log(static_cast<T>(m - c) / static_cast<T>(j - c)) + log_x;
    }
  }
  T tail = boost::math::ibeta(static_cast<T>(j), static_cast<T>(m - j + 1), x, PolicyFor<T>());
  for (std::size_t c = 0; c < j; ++c) {
    const T d = out[c];
    out[c] = tail;
    tail += (1 - x) * d;
  }
}

// 1 - Q of exact_correction by the walk below, in T.
template <typename T>
T exact_correction_in(T p, std::size_t m) {
  std::vector<T> q(m);
  for (std::size_t j = 1; j <= m; ++j)
    q[j - 1] = qbeta(p, static_cast<T>(j), static_cast<T>(m - j + 1));
  // increasing in exact arithmetic; sorted, the cells below are never negative (as stuart_q sorts)
  std::sort(q.begin(), q.end());
  // state[c], c < j: exactly c of the V's at or below q_(j-1) and V_(k) > q_k for every k < j
  std::vector<T> state(m, T(0)), next(m), head, tails;
  state[0] = 1;
  T crossed = 0, previous = 0;
  // A state of probability s crosses later with probability at most s: dropping those at most
  // 2^-64 p / m^2 (m (m + 1) / 2 (row, state) pairs) loses at most 2^-64 p; the result is >= p.
  const T negligible = std::ldexp(p, -64) / (static_cast<T>(m) * static_cast<T>(m));
  for (std::size_t j = 1; j <= m; ++j) {
    const T cell = previous >= 1 ? T(1) : (q[j - 1] - previous) / (1 - previous);
    // tails[c]: P(Binomial(m - c, cell) >= j - c), the chance that state c crosses at j
    if (cell > 0 && cell < 1)
      binomial_tails(m, j, cell, tails);
    else
      tails.assign(j, cell > 0 ? T(1) : T(0));
    std::fill(next.begin(), next.end(), T(0));
    for (std::size_t c = 0; c < j; ++c) {
      if (state[c] <= negligible) continue;
      // c + t >= j crosses at j: t >= limit
      const std::size_t rest = m - c, limit = j - c;
      binomial_head(rest, cell, limit, head);
      for (std::size_t t = 0; t < limit; ++t)
        next[c + t] += state[c] * head[t];
      crossed += state[c] * tails[c];
    }
    std::swap(state, next);
    previous = q[j - 1];
  }
  return crossed;
}

// RobustRankAggreg's correctBetaPvaluesExact: 1 - Q(1 - qbeta(p, j, m - j + 1), j = 1..m), the
// probability that the smallest of the m beta_j is at most p. Computed as that probability itself,
// not as 1 - Q (Q is within ~m p of 1, so 1 - Q keeps an absolute error of ~1e-16: no digit of a
// corrected p below that, and 0 where it is below ~1e-17). With q_j = qbeta(p, j, m - j + 1),
// increasing in j and never subtracted from 1, and V = 1 - U, it is the probability that
// V_(j) <= q_j for some j. Walk the cells (q_(j-1), q_j] in order; the state is how many V lie at
// or below the previous threshold while no V_(k) has yet crossed its q_k; of the m - c V's above
// q_(j-1), Binomial(m - c, cell) fall in the cell, and the mass with c + t >= j crosses at j
// (binomial_tails). Every term is non-negative, so nothing cancels. O(m^3), with m ibeta.
// Below p = 1e-200 the terms that matter (down to 2^-64 p / m^2) leave the range where double's
// ibeta is accurate (below ~1e-240 it returns 0 or up to a few times the value) and then that of
// double, so the walk runs in long double there. The result is kept within [p, m p], where it lies
// (beta_1 <= p has probability p; Bonferroni); that matters only where long double is no wider than
// double.
inline double exact_correction(double p, std::size_t m) {
  if (m > kMaxExactLists)
    throw std::invalid_argument("--rra-exact is O(m^3) per issue and takes at most " +
                                std::to_string(kMaxExactLists) + " firms (" + std::to_string(m) +
                                " here, each firm counted as often as its weight)");
  if (!(p < 1.0)) return 1.0;  // every q_j is 1: some V_(j) is at or below it
  if (!(p > 0.0) || m == 0) return 0.0;
  const double corrected = p >= 1e-200
                               ? exact_correction_in<double>(p, m)
                               : static_cast<double>(exact_correction_in<long double>(p, m));
  return std::clamp(corrected, p, std::min(1.0, static_cast<double>(m) * p));
}

}  // namespace order_statistics

/// rra scores (RobustRankAggreg's Bonferroni-corrected rho, or its exact correction, or its
/// topCutoff form, by `options`) and their strengths -log10(m rho) before any cap, the issues
/// scored on `loop`; Aggregation::rank is left empty. An issue no firm counts has the strength
/// of rho = 1 in the largest list count.
/// Throws std::invalid_argument for a fractional weight and, with rra_exact, more than
/// kMaxExactLists lists.
template <typename Loop = SequentialLoop>
Aggregation aggregate_rra(const RankTable& table, const AggregateOptions& options,
                          const Loop& loop = {}) {
  using namespace order_statistics;
  const Samples samples(table);
  const auto n = static_cast<double>(table.universe);
  // The bounded search serves the plain Bonferroni score only (its table is not built otherwise).
  const bool bounded = !options.rra_top_cutoff && !options.rra_exact;
  const BoundedMinBeta bounded_min_beta(bounded ? samples.max_lists() : 0);
  Aggregation result;
  result.method = Method::rra;
  result.higher_is_better = false;
  result.score.resize(table.issue_count());
  result.strength.resize(table.issue_count());
  const double weakest =
      -std::log10(static_cast<double>(std::max<std::size_t>(samples.max_lists(), 1)));
  // Issues are scored independently: split them over threads.
  auto score = [&](std::size_t i) {
    const Sample sample = samples(i);
    const std::size_t m = sample.lists();
    if (m == 0) {
      result.score[i] = 1.0;
      result.strength[i] = weakest;
      return;
    }
    double rho;
    if (options.rra_top_cutoff) {
      // sigma of every counting firm: bottom firms that did not list i and every listing firm
      std::vector<double> sigma;
      std::vector<double> x;
      for (std::size_t f = 0; f < table.firm_count(); ++f) {
        double r = table.rank.coeff(static_cast<Eigen::Index>(f), static_cast<Eigen::Index>(i));
        const std::size_t count = frequency(table.weight[f], f);
        if (count == 0 || (r == 0.0 && !is_bottom(table, f))) continue;
        sigma.insert(sigma.end(), count, static_cast<double>(table.length[f]) / n);
        // RobustRankAggreg drops values of exactly 1 (unlisted) before thresholdBetaScore
        if (r > 0.0 && r / n < 1.0) x.insert(x.end(), count, r / n);
      }
      std::sort(x.begin(), x.end());
      rho = min_threshold_beta(x, sigma);
    } else if (options.rra_exact) {
      rho = min_beta(sample, m);
    } else {
      // The strength needs the minimum even where m rho >= 1: only positions that cannot be the
      // minimum are skipped.
      rho = bounded_min_beta(sample, m, std::numeric_limits<double>::infinity());
    }
    result.score[i] =
        options.rra_exact ? exact_correction(rho, m) : std::min(1.0, static_cast<double>(m) * rho);
    // an underflowed minimum is below every double: the strength of the smallest positive one
    result.strength[i] = -std::log10(static_cast<double>(m) *
                                     std::max(rho, std::numeric_limits<double>::denorm_min()));
  };
  loop(samples.issue_count(), 64, score);
  return result;
}

/// Stuart's Q of every issue, scored on `loop`; Aggregation::rank is left empty. Throws
/// std::invalid_argument for a fractional weight.
template <typename Loop = SequentialLoop>
Aggregation aggregate_stuart(const RankTable& table, const Loop& loop = {}) {
  const order_statistics::Samples samples(table);
  Aggregation result;
  result.method = Method::stuart;
  result.higher_is_better = false;
  result.score.resize(table.issue_count());
  loop(samples.issue_count(), 8, [&](std::size_t i) {
    const order_statistics::Sample sample = samples(i);
    result.score[i] = sample.lists() == 0 ? 1.0 : stuart_q(sample.expanded());
  });
  return result;
}

}  // namespace materia::kernels
