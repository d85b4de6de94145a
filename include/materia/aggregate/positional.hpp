#pragma once
/// \file positional.hpp
/// Header-only positional methods: every firm gives each issue a value from its rank, and the
/// values are summed (attention, borda, dowdall) or averaged (borda-normalized, mean, median and
/// geomean-rank). O(sum k + n * distinct list lengths): a `bottom` firm gives all its unlisted
/// issues the same value, so its part is a constant plus a correction on the issues it listed.
///
/// Exact, so that issues whose scores are equal numbers get the same double and tie
/// (docs/method.md sections 2 and 3), whichever firms gave the points and in whatever order:
/// floating sums split such ties in the last bit. Ranks are mid-ranks, so d = 2r is a whole
/// number, and every value is a whole number of points over a denominator common to the table:
/// k - r + 1 = (2k + 2 - d) / 2, (N - r + 1) / N = (2N + 2 - d) / 2N, r / N = d / 2N and
/// 1 / r = (2L / d) / L with L the least common multiple of the table's d. The weights are whole
/// numbers times one power of two common to the table, so each score is a fraction of two
/// integers, summed exactly (in doubles below 2^53, else in 128 bits or arbitrary precision) and
/// rounded once to the nearest double. geomean-rank sums the exponents of the primes of the d;
/// median-rank compares weights exactly. A table whose ranks are not mid-ranks (a header-only
/// caller's) or whose weights are negative is scored in floating point as before. Needs the
/// standard library, Eigen and Boost.Multiprecision.

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <stdexcept>
#include <type_traits>
#include <utility>
#include <vector>

#include <boost/multiprecision/cpp_int.hpp>

#include "materia/aggregate/aggregation.hpp"

namespace materia::kernels {

/// A firm's own value for one issue under a positional method (listed at `rank`, or unlisted).
/// Throws std::logic_error for a method that is not positional.
inline double positional_value(const RankTable& table, Method method, std::size_t firm, bool listed,
                               double rank) {
  const auto n = static_cast<double>(table.universe);
  const auto k = static_cast<double>(table.length[firm]);
  if (!listed) rank = unlisted_rank(table.length[firm], table.universe);
  switch (method) {
    case Method::attention:
      return listed ? 1.0 : 0.0;
    case Method::borda:
      return listed ? k - rank + 1.0 : 0.0;
    case Method::dowdall:
      return listed ? 1.0 / rank : 0.0;
    // Renda & Straccia (2003): (N - r + 1) / N; unlisted issues at their mid-rank (k + 1 + N) / 2
    // give (N - k + 1) / (2N).
    case Method::borda_normalized:
      return (n - rank + 1.0) / n;
    case Method::mean_rank:
    case Method::median_rank:
    case Method::geomean_rank:
      return rank / n;
    default:
      break;
  }
  throw std::logic_error("positional_value: not a positional method");
}

namespace positional {

// The per-firm value that the mean-type methods average (geomean-rank averages its logarithm).
inline double averaged_value(const RankTable& table, Method method, std::size_t firm, bool listed,
                             double rank) {
  double v = kernels::positional_value(table, method, firm, listed, rank);
  return method == Method::geomean_rank ? std::log(v) : v;
}

// Score of an issue nobody with positive weight counts for: the worst value of the method.
inline double empty_score(Method method) {
  return method == Method::mean_rank || method == Method::median_rank ||
                 method == Method::geomean_rank
             ? 1.0
             : 0.0;
}

// ---- Exact arithmetic -------------------------------------------------------------------------

#ifdef __SIZEOF_INT128__
__extension__ typedef __int128 Wide;  // 128-bit sums (a GCC and Clang extension)
__extension__ typedef unsigned __int128 UnsignedWide;
#else
using Wide = boost::multiprecision::int128_t;
#endif
using Big = boost::multiprecision::cpp_int;

// Whole numbers are summed in double while every sum stays below 2^53 (they are exact there), in
// std::int64_t below 2^62 (median-rank's weights, geomean-rank's exponents), in Wide below 2^124
// with factors (weights, points) below 2^62, so that each product is one 64 x 64-bit
// multiplication, and beyond in Big (arbitrary precision).
inline constexpr double kDoubleLimit = 0x1p53;
inline constexpr double kNarrowLimit = 0x1p62;
inline constexpr double kWideLimit = 0x1p124;

template <typename Int>
Int gcd_of(Int a, Int b) {  // a, b >= 0
  while (b != 0) {
    Int r = a % b;
    a = b;
    b = r;
  }
  return a;
}

#ifdef __SIZEOF_INT128__
inline int bit_length(Wide x) {  // x > 0
  const auto u = static_cast<UnsignedWide>(x);
  const auto high = static_cast<std::uint64_t>(u >> 64), low = static_cast<std::uint64_t>(u);
  return high != 0 ? 128 - __builtin_clzll(high) : 64 - __builtin_clzll(low);
}
inline Big to_big(Wide x) {
  const bool negative = x < 0;
  const auto u = static_cast<UnsignedWide>(negative ? -x : x);
  Big big = static_cast<std::uint64_t>(u >> 64);
  big <<= 64;
  big += static_cast<std::uint64_t>(u);
  return negative ? Big(-big) : big;
}
#else
inline int bit_length(const Wide& x) {
  return static_cast<int>(boost::multiprecision::msb(x)) + 1;
}
inline Big to_big(const Wide& x) {
  return Big(x);
}
#endif
inline int bit_length(const Big& x) {
  return static_cast<int>(boost::multiprecision::msb(x)) + 1;
}
inline const Big& to_big(const Big& x) {
  return x;
}

template <typename Int>
bool fits_53_bits(const Int& x) {
  const Int limit = Int(std::int64_t{1} << 53);
  return x <= limit && -x <= limit;
}

// a / b for 0 < a, b rounded to the nearest double (ties to even), when a 2^k (k >= 0) or b 2^-k
// (k < 0) fits in Int: the quotient q = floor(a 2^k / b) has 55 or 56 bits, and a non-zero
// remainder sets its last bit, which rounds q to 53 bits as the exact quotient would.
template <typename Int>
double rounded_quotient(const Int& a, const Int& b) {
  const int k = 55 + bit_length(b) - bit_length(a);
  const Int numerator = k >= 0 ? Int(a << k) : a;
  const Int denominator = k >= 0 ? b : Int(b << -k);
  const Int quotient = numerator / denominator;
  const bool inexact = numerator - quotient * denominator != 0;
  const auto bits = static_cast<std::uint64_t>(quotient) | (inexact ? 1u : 0u);
  return std::ldexp(static_cast<double>(bits), -k);
}

// num / den (den > 0) rounded once to the nearest double, so equal fractions give equal doubles:
// when both fit in 53 bits they are exact doubles and IEEE division rounds their quotient.
template <typename Int>
double ratio(const Int& num, const Int& den) {
  if constexpr (std::is_same_v<Int, double>) {
    return num / den;  // whole numbers below 2^53: exact operands
  } else if constexpr (std::is_same_v<Int, std::int64_t>) {
    if (fits_53_bits(num) && fits_53_bits(den))
      return static_cast<double>(num) / static_cast<double>(den);
    return ratio(Wide(num), Wide(den));
  } else {
    if (fits_53_bits(num) && fits_53_bits(den))
      return static_cast<double>(num) / static_cast<double>(den);
    if (num == 0) return 0.0;
    const Int a = num < 0 ? Int(-num) : num;
    const double q = std::is_same_v<Int, Big> || bit_length(den) <= 126 - 55
                         ? rounded_quotient(a, den)  // a 2^k has 55 + |den| bits
                         : rounded_quotient(to_big(a), to_big(den));
    return num < 0 ? -q : q;
  }
}

// geomean-rank's logarithms are summed in long double (a 64-bit mantissa on x86, else at least
// double's), whose precision keeps their rounding below the final one.
using Extended = long double;
inline constexpr int kExtendedBits = std::min(std::numeric_limits<Extended>::digits, 62);

// 0 < num < den as a long double that depends on the fraction's value only: rounded once from
// exact operands when they have at most kExtendedBits bits (after reducing the fraction if need
// be), else the double of `ratio`.
template <typename Int>
Extended extended_ratio(Int num, Int den) {
  const Int limit = Int(std::int64_t{1} << kExtendedBits);
  if (num > limit || den > limit) {
    const Int g = gcd_of(num, den);
    num /= g;
    den /= g;
    if (num > limit || den > limit) return ratio(num, den);
  }
  return static_cast<Extended>(num) / static_cast<Extended>(den);
}

// A finite weight w != 0 as mantissa 2^exponent, the mantissa a whole number of 53 bits.
struct Binary {
  std::int64_t mantissa = 0;
  int exponent = 0;
};
inline Binary binary_of(double w) {
  int e = 0;
  const double m = std::frexp(w, &e);
  return {static_cast<std::int64_t>(std::ldexp(m, 53)), e - 53};
}

inline bool is_whole(double w) {  // 0 <= w < 2^62
  return w < kNarrowLimit && static_cast<double>(static_cast<std::int64_t>(w)) == w;
}

// The table's weights as whole numbers w 2^shift, with the fewest bits after the binary point
// that make every weight whole; `total` and `largest` (approximate) bound the sums.
struct WeightScale {
  int shift = 0;
  double total = 0.0, largest = 0.0;
};
// nullopt for a weight that is negative or not finite.
inline std::optional<WeightScale> weight_scale(const RankTable& table) {
  WeightScale scale;
  for (double w : table.weight) {
    if (!(w >= 0.0 && w <= std::numeric_limits<double>::max())) return std::nullopt;
    scale.total += w;
    scale.largest = std::max(scale.largest, w);
    if (is_whole(w)) continue;
    Binary b = binary_of(w);
    while (b.mantissa % 2 == 0) {
      b.mantissa /= 2;
      ++b.exponent;
    }
    scale.shift = std::max(scale.shift, -b.exponent);
  }
  scale.total = std::ldexp(scale.total * (1.0 + 0x1p-20), scale.shift);  // margin for rounding
  scale.largest = std::ldexp(scale.largest, scale.shift);
  return scale;
}

template <typename Int>
std::vector<Int> scaled_weights(const RankTable& table, int shift) {
  std::vector<Int> scaled(table.weight.size(), Int(0));
  for (std::size_t f = 0; f < scaled.size(); ++f) {
    const double w = table.weight[f];
    if constexpr (std::is_same_v<Int, double>) {
      scaled[f] = std::ldexp(w, shift);  // a whole number below 2^53
    } else if (shift == 0 && is_whole(w)) {
      scaled[f] = Int(static_cast<std::int64_t>(w));
    } else if (w != 0.0) {
      const Binary b = binary_of(w);
      const int e = b.exponent + shift;
      scaled[f] =
          e >= 0 ? Int(Int(b.mantissa) << e) : Int(b.mantissa / (std::int64_t{1} << -e));  // exact
    }
  }
  return scaled;
}

// d = 2r for a mid-rank r of a list out of N issues: a whole number in [1, 2N]; 0 for any other
// rank.
inline std::int64_t doubled_rank(double rank, double twice_universe) {
  const double d = 2.0 * rank;
  if (!(d >= 1.0 && d <= twice_universe)) return 0;
  const auto whole = static_cast<std::int64_t>(d);
  return static_cast<double>(whole) == d ? whole : 0;
}

// True when `twice` = 2r is a whole number in [1, 2N] (without branches, so that a loop can
// check every rank at little cost).
inline bool is_doubled_rank(double twice, double twice_universe) {
  const bool in_range = (twice >= 1.0) & (twice <= twice_universe);
  const double checked = in_range ? twice : 0.5;
  return static_cast<double>(static_cast<std::int64_t>(checked)) == twice;
}

// The exact paths keep 2N + 2k + 2 far inside 64 bits.
inline bool exact_universe(std::size_t universe) {
  return universe > 0 && universe <= (std::size_t{1} << 40);
}

template <typename Int>
Int from_big(const Big& x) {
  if constexpr (std::is_same_v<Int, Big>)
    return x;
  else if constexpr (std::is_same_v<Int, double>)
    return static_cast<double>(static_cast<std::int64_t>(x));  // callers check that x fits
  else
    return Int(static_cast<std::int64_t>(x));  // callers check that x fits
}

// ---- Sums and means: attention, borda, borda-normalized, dowdall, mean-rank --------------------

// Points of the issues a `bottom` firm listing k of N did not list, at 2u = k + 1 + N, over the
// denominator 2N: (N - u + 1) / N = (N - k + 1) / 2N for borda-normalized, u / N = 2u / 2N.
inline std::int64_t unlisted_points(Method method, std::int64_t k, std::int64_t n) {
  return method == Method::borda_normalized ? n - k + 1 : k + 1 + n;
}

// Scores as fractions of points over `denominator` (1 attention, 2 borda, 2N borda-normalized and
// mean-rank, L dowdall), the weights whole numbers w 2^shift: summed in Sum from weights and
// points in Factor. Sum = Factor = double while every sum stays below 2^53, where doubles hold
// whole numbers exactly. nullopt when a rank is not a mid-rank.
template <typename Sum, typename Factor>
std::optional<Aggregation> exact_sums(const RankTable& table, Method method, int shift,
                                      const Sum& denominator,
                                      const std::vector<Factor>& dowdall_points) {
  const std::size_t issues = table.issue_count();
  const bool sum = is_sum(method);
  const auto n = static_cast<std::int64_t>(table.universe);
  const double twice_n = 2.0 * static_cast<double>(n);
  const std::vector<Factor> weight = scaled_weights<Factor>(table, shift);
  Sum base_sum = 0, base_weight = 0;
  std::vector<Sum> total(issues, Sum(0)), counted(sum ? 0 : issues, Sum(0));
  bool mid_ranks = true;
  for (std::size_t f = 0; f < table.firm_count(); ++f) {
    const Factor& w = weight[f];
    const auto k = static_cast<std::int64_t>(table.length[f]);
    const bool bottom = !sum && is_bottom(table, f);
    const std::int64_t unlisted = bottom ? unlisted_points(method, k, n) : 0;
    if (bottom) {
      base_sum += Sum(w) * Sum(unlisted);
      base_weight += Sum(w);
    }
    if (!sum && !bottom)
      for (SparseRow it(table.rank, static_cast<Eigen::Index>(f)); it; ++it)
        counted[static_cast<std::size_t>(it.col())] += Sum(w);
    if (method == Method::attention) {  // the rank does not matter
      for (SparseRow it(table.rank, static_cast<Eigen::Index>(f)); it; ++it)
        total[static_cast<std::size_t>(it.col())] += Sum(w);
      continue;
    }
    if (method == Method::dowdall) {  // (doubled_ranks_present checked the ranks)
      for (SparseRow it(table.rank, static_cast<Eigen::Index>(f)); it; ++it)
        total[static_cast<std::size_t>(it.col())] +=
            Sum(w) * Sum(dowdall_points[static_cast<std::size_t>(2.0 * it.value())]);
      continue;
    }
    // a listed issue's points minus the unlisted ones: offset + slope d
    std::int64_t offset = -unlisted, slope = 1;  // mean-rank: 2N r / N
    if (method == Method::borda) {               // 2 (k - r + 1)
      offset = 2 * k + 2;
      slope = -1;
    } else if (method == Method::borda_normalized) {  // 2N (N - r + 1) / N
      offset = 2 * n + 2 - unlisted;
      slope = -1;
    }
    const Sum constant = Sum(w) * Sum(offset);
    const Factor step = slope < 0 ? Factor(-w) : w;
    for (SparseRow it(table.rank, static_cast<Eigen::Index>(f)); it; ++it) {
      const double twice = 2.0 * it.value();
      mid_ranks &= is_doubled_rank(twice, twice_n);  // checked once per firm
      if constexpr (std::is_same_v<Sum, double>)
        total[static_cast<std::size_t>(it.col())] += constant + step * twice;
      else  // (a whole number once checked; until then, any number in range)
        total[static_cast<std::size_t>(it.col())] +=
            constant + Sum(step) * Sum(static_cast<std::int64_t>(
                                       twice >= 0.0 && twice <= twice_n ? twice : 0.0));
    }
    if (!mid_ranks) return std::nullopt;
  }
  Aggregation result;
  result.method = method;
  result.higher_is_better = method != Method::mean_rank;
  result.score.resize(issues);
  Sum sum_denominator = 0;
  if constexpr (std::is_same_v<Sum, double>)
    sum_denominator = std::ldexp(denominator, shift);
  else
    sum_denominator = denominator << shift;
  for (std::size_t i = 0; i < issues; ++i) {
    if (sum) {
      result.score[i] = ratio(total[i], sum_denominator);
      continue;
    }
    const Sum w = base_weight + counted[i];
    result.score[i] =
        w > 0 ? ratio(Sum(base_sum + total[i]), Sum(denominator * w)) : empty_score(method);
  }
  return result;
}

// dowdall: the d = 2r of the table, ascending and distinct; nullopt when a rank is not a
// mid-rank (a whole number of halves in [1, k]).
inline std::optional<std::vector<std::int64_t>> doubled_ranks_present(const RankTable& table) {
  std::size_t longest = 0;
  for (std::size_t k : table.length)
    longest = std::max(longest, k);
  const double limit =
      std::min(2.0 * static_cast<double>(longest), 2.0 * static_cast<double>(table.universe));
  std::vector<char> seen(static_cast<std::size_t>(limit) + 1, 0);
  bool mid_ranks = true;
  for (std::size_t f = 0; f < table.firm_count(); ++f)
    for (SparseRow it(table.rank, static_cast<Eigen::Index>(f)); it; ++it) {
      const double twice = 2.0 * it.value();
      mid_ranks &= is_doubled_rank(twice, limit);
      seen[static_cast<std::size_t>(twice >= 1.0 && twice <= limit ? twice : 0.0)] = 1;
    }
  if (!mid_ranks) return std::nullopt;
  std::vector<std::int64_t> present;
  for (std::size_t d = 1; d < seen.size(); ++d)
    if (seen[d]) present.push_back(static_cast<std::int64_t>(d));
  return present;
}

template <typename Sum, typename Factor>
std::optional<Aggregation> exact_sums_of(const RankTable& table, Method method, int shift,
                                         const Big& denominator,
                                         const std::vector<std::int64_t>& present) {
  std::vector<Factor> dowdall_points;
  if (method == Method::dowdall) {  // 1 / r = (2L / d) / L
    dowdall_points.assign(present.empty() ? 0 : static_cast<std::size_t>(present.back()) + 1,
                          Factor(0));
    for (std::int64_t d : present)
      dowdall_points[static_cast<std::size_t>(d)] = from_big<Factor>(Big(2 * denominator / d));
  }
  return exact_sums<Sum, Factor>(table, method, shift, from_big<Sum>(denominator), dowdall_points);
}

// ---- median-rank ------------------------------------------------------------------------------

// r / N, and the mean of two such values: exact fractions (d1 + d2) / 4N for mid-ranks.
inline double rank_value(double rank, std::size_t universe) {
  return rank / static_cast<double>(universe);
}
inline double rank_midpoint(double a, double b, std::size_t universe) {
  const double twice_n = 2.0 * static_cast<double>(universe);
  const std::int64_t da = doubled_rank(a, twice_n), db = doubled_rank(b, twice_n);
  if (da == 0 || db == 0 || !exact_universe(universe))
    return (rank_value(a, universe) + rank_value(b, universe)) / 2.0;
  return static_cast<double>(da + db) / (2.0 * twice_n);  // both exact
}

// Weighted median of (rank, weight) pairs as r / N: the value where the cumulative weight reaches
// half the total; when it lands exactly on half, the mean of that value and the next (so with
// integer weights it equals the ordinary median of the firms counted w times). Weight: an exact
// integer type (or double, for weights that are negative or not finite).
template <typename Weight>
double weighted_median(std::vector<std::pair<double, Weight>>& items, std::size_t universe) {
  std::sort(items.begin(), items.end());
  Weight total = 0;
  for (const auto& item : items)
    total += item.second;
  if (total <= 0) return empty_score(Method::median_rank);
  Weight cumulative = 0;
  for (std::size_t t = 0; t < items.size(); ++t) {
    cumulative += items[t].second;
    if (cumulative * 2 == total) {
      std::size_t next = t + 1;
      while (next < items.size() && items[next].second <= 0)
        ++next;
      return next < items.size() ? rank_midpoint(items[t].first, items[next].first, universe)
                                 : rank_value(items[t].first, universe);
    }
    if (cumulative * 2 > total) return rank_value(items[t].first, universe);
  }
  return rank_value(items.back().first, universe);
}

template <typename Weight>
Aggregation median_rank(const RankTable& table, const std::vector<Weight>& weight) {
  const std::size_t issues = table.issue_count();
  // Bottom firms grouped by list length: all firms of one length give an unlisted issue the
  // same value, so an issue's unlisted values are these groups minus the firms that listed it.
  struct Group {
    Weight weight = 0;
    std::size_t firms = 0;
  };
  std::map<std::size_t, Group> groups;
  for (std::size_t f = 0; f < table.firm_count(); ++f)
    if (is_bottom(table, f)) {
      groups[table.length[f]].weight += weight[f];
      groups[table.length[f]].firms += 1;
    }
  std::vector<std::vector<std::pair<double, Weight>>> listed(issues);
  std::vector<std::map<std::size_t, Group>> removed(issues);
  for (std::size_t f = 0; f < table.firm_count(); ++f)
    for (SparseRow it(table.rank, static_cast<Eigen::Index>(f)); it; ++it) {
      auto i = static_cast<std::size_t>(it.col());
      listed[i].emplace_back(it.value(), weight[f]);
      if (is_bottom(table, f)) {
        removed[i][table.length[f]].weight += weight[f];
        removed[i][table.length[f]].firms += 1;
      }
    }
  Aggregation result;
  result.method = Method::median_rank;
  result.higher_is_better = false;
  result.score.resize(issues);
  for (std::size_t i = 0; i < issues; ++i) {
    auto items = std::move(listed[i]);
    for (const auto& [length, group] : groups) {
      auto gone = removed[i].find(length);
      std::size_t firms = group.firms - (gone == removed[i].end() ? 0 : gone->second.firms);
      if (firms == 0) continue;  // no residue of subtracting floating weights
      Weight w = group.weight;
      if (gone != removed[i].end()) w -= gone->second.weight;
      items.emplace_back(unlisted_rank(length, table.universe), w);
    }
    result.score[i] = weighted_median(items, table.universe);
  }
  return result;
}

// Weights compared exactly: whole numbers w 2^shift.
inline Aggregation median_rank(const RankTable& table) {
  const std::optional<WeightScale> scale = weight_scale(table);
  if (!scale) return median_rank<double>(table, table.weight);
  if (scale->total * 4.0 < kNarrowLimit)
    return median_rank(table, scaled_weights<std::int64_t>(table, scale->shift));
  if (scale->total * 4.0 < kWideLimit)
    return median_rank(table, scaled_weights<Wide>(table, scale->shift));
  return median_rank(table, scaled_weights<Big>(table, scale->shift));
}

// ---- geomean-rank -----------------------------------------------------------------------------

// geomean-rank exactly. Issue i scores (prod_f d_f^w_f)^(1 / W) / 2N over the firms that count
// (d = 2r, 2u unlisted; W their weight). With E_p = sum_f w_f e_p(d_f), e_p(d) the exponent of the
// prime p in d, that is prod_p p^(E_p / W) / 2N: evaluated prime by prime in increasing order
// from the exact fractions E_p / W, which equal scores share (unique factorization), the whole
// powers exactly. nullopt when a rank is not a mid-rank.
template <typename Int>
std::optional<Aggregation> exact_geomean(const RankTable& table, const std::vector<Int>& weight) {
  const std::size_t issues = table.issue_count(), firms = table.firm_count();
  const std::size_t n = table.universe;
  const double twice_n = 2.0 * static_cast<double>(n);
  constexpr auto kNotBottom = std::numeric_limits<std::uint32_t>::max();
  // the bottom firms' list lengths, numbered
  std::map<std::size_t, std::uint32_t> length_index;
  std::vector<std::uint32_t> firm_length(firms, kNotBottom);
  for (std::size_t f = 0; f < firms; ++f)
    if (is_bottom(table, f))
      firm_length[f] =
          length_index.emplace(table.length[f], static_cast<std::uint32_t>(length_index.size()))
              .first->second;
  // the listings by issue
  struct Listing {
    std::uint32_t firm, d, length;
  };
  std::vector<std::size_t> start(issues + 1, 0);
  const auto& rank = table.rank;
  for (std::size_t f = 0; f < firms; ++f)
    for (SparseRow it(rank, static_cast<Eigen::Index>(f)); it; ++it)
      ++start[static_cast<std::size_t>(it.col()) + 1];
  for (std::size_t i = 0; i < issues; ++i)
    start[i + 1] += start[i];
  std::vector<Listing> column(start.back());
  std::vector<std::size_t> fill(start.begin(), start.end() - 1);
  std::int64_t max_d = 1;
  for (std::size_t f = 0; f < firms; ++f)
    for (SparseRow it(rank, static_cast<Eigen::Index>(f)); it; ++it) {
      // a mid-rank of a list of k is at most k, which keeps the sieve below as long as a list
      const std::int64_t d = doubled_rank(it.value(), twice_n);
      if (d == 0 || d > 2 * static_cast<std::int64_t>(table.length[f]) || d > std::int64_t{1} << 31)
        return std::nullopt;
      max_d = std::max(max_d, d);
      column[fill[static_cast<std::size_t>(it.col())]++] = {
          static_cast<std::uint32_t>(f), static_cast<std::uint32_t>(d), firm_length[f]};
    }
  // smallest prime factors up to the largest d, and primes up to the square root of 2N + 1 for
  // the 2u = k + 1 + N
  const auto root = static_cast<std::size_t>(std::sqrt(twice_n + 1.0)) + 2;
  const std::size_t sieve_size = std::max(static_cast<std::size_t>(max_d), root) + 1;
  std::vector<std::uint32_t> spf(sieve_size, 0);
  std::vector<std::uint64_t> prime_value;  // the primes of the d, then larger primes of some 2u
  std::vector<std::uint64_t> trial;        // primes up to the square root
  for (std::size_t p = 2; p < sieve_size; ++p) {
    if (spf[p] != 0) continue;
    if (p <= static_cast<std::size_t>(max_d)) prime_value.push_back(p);
    if (p <= root) trial.push_back(p);
    for (std::size_t q = p; q < sieve_size; q += p)
      if (spf[q] == 0) spf[q] = static_cast<std::uint32_t>(p);
  }
  const std::size_t small = prime_value.size();
  std::vector<std::uint32_t> index_of(static_cast<std::size_t>(max_d) + 1, 0);
  for (std::size_t t = 0; t < small; ++t)
    index_of[prime_value[t]] = static_cast<std::uint32_t>(t);
  std::vector<std::vector<std::pair<std::uint64_t, std::uint32_t>>> unlisted_primes(
      length_index.size());
  for (const auto& [length, l] : length_index) {
    std::uint64_t u = length + 1 + n;
    for (std::uint64_t p : trial) {
      if (p * p > u) break;
      std::uint32_t e = 0;
      for (; u % p == 0; u /= p)
        ++e;
      if (e > 0) unlisted_primes[l].emplace_back(p, e);
    }
    if (u > 1) unlisted_primes[l].emplace_back(u, 1);
    for (const auto& [p, e] : unlisted_primes[l])
      if (p > static_cast<std::uint64_t>(max_d)) prime_value.push_back(p);
  }
  std::sort(prime_value.begin() + static_cast<std::ptrdiff_t>(small), prime_value.end());
  prime_value.erase(std::unique(prime_value.begin(), prime_value.end()), prime_value.end());
  const std::size_t prime_count = prime_value.size();
  auto index = [&](std::uint64_t p) {
    return p <= static_cast<std::uint64_t>(max_d)
               ? index_of[p]
               : static_cast<std::uint32_t>(
                     std::lower_bound(prime_value.begin() + static_cast<std::ptrdiff_t>(small),
                                      prime_value.end(), p) -
                     prime_value.begin());
  };
  using Factors = std::vector<std::pair<std::uint32_t, std::uint32_t>>;  // (prime index, exponent)
  std::vector<Factors> unlisted_factors(length_index.size());
  for (std::size_t l = 0; l < unlisted_primes.size(); ++l)
    for (const auto& [p, e] : unlisted_primes[l])
      unlisted_factors[l].emplace_back(index(p), e);
  std::vector<Factors> d_factors(static_cast<std::size_t>(max_d) + 1);
  for (std::size_t d = 2; d < d_factors.size(); ++d)
    for (std::size_t rest = d; rest > 1;) {
      const std::uint32_t p = spf[rest];
      std::uint32_t e = 0;
      for (; rest % p == 0; rest /= p)
        ++e;
      d_factors[d].emplace_back(index_of[p], e);
    }
  std::vector<Extended> log_prime(prime_count);
  for (std::size_t t = 0; t < prime_count; ++t)
    log_prime[t] = std::log(static_cast<Extended>(prime_value[t]));

  // the bottom firms' unlisted values, which every issue starts from
  std::vector<Int> base(prime_count, Int(0));
  Int base_weight = 0;
  for (std::size_t f = 0; f < firms; ++f)
    if (firm_length[f] != kNotBottom) {
      for (const auto& [p, e] : unlisted_factors[firm_length[f]])
        base[p] += weight[f] * Int(e);
      base_weight += weight[f];
    }
  // Prime p with the exponent fraction E / W: p^floor(E / W) goes into a whole number (at most
  // the geometric mean, so at most 2N + 1), p^((E mod W) / W) into the sum of logarithms.
  struct Part {
    std::int64_t whole = 1;
    Extended log = 0.0;
    bool fractional = false;
  };
  auto part_of = [&](std::size_t p, const Int& exponent, const Int& w) {
    Part part;
    const Int whole = exponent / w, rest = exponent - whole * w;
    for (auto t = static_cast<std::int64_t>(whole); t > 0; --t)
      part.whole *= static_cast<std::int64_t>(prime_value[p]);
    if (rest != 0) {
      part.log = extended_ratio(rest, w) * log_prime[p];
      part.fractional = true;
    }
    return part;
  };
  std::vector<std::uint32_t> base_primes;  // increasing
  std::vector<Part> base_part(prime_count);
  for (std::size_t p = 0; p < prime_count; ++p)
    if (base[p] != 0) {
      base_primes.push_back(static_cast<std::uint32_t>(p));
      if (base_weight > 0) base_part[p] = part_of(p, base[p], base_weight);
    }

  Aggregation result;
  result.method = Method::geomean_rank;
  result.higher_is_better = false;
  result.score.resize(issues);
  // per issue: the weight at each d and, of the bottom firms listing it, at each list length;
  // then the change of each prime's exponent from the base
  std::vector<Int> at_d(d_factors.size(), Int(0)), gone(length_index.size(), Int(0));
  std::vector<std::uint32_t> d_touched, length_touched;
  std::vector<Int> change(prime_count, Int(0));
  std::vector<char> changed(prime_count, 0);
  std::vector<std::uint32_t> touched;
  auto add = [&](std::uint32_t p, const Int& amount) {
    if (!changed[p]) {
      changed[p] = 1;
      touched.push_back(p);
    }
    change[p] += amount;
  };
  // few primes: visited in order by a scan; else the changed ones sorted and merged with the base's
  const bool scan = prime_count <= 256;
  for (std::size_t i = 0; i < issues; ++i) {
    Int w = base_weight;
    for (std::size_t t = start[i]; t < start[i + 1]; ++t) {
      const Listing& listing = column[t];
      const Int& wf = weight[listing.firm];
      if (at_d[listing.d] == 0) d_touched.push_back(listing.d);
      at_d[listing.d] += wf;
      if (listing.length == kNotBottom) {
        w += wf;
      } else {
        if (gone[listing.length] == 0) length_touched.push_back(listing.length);
        gone[listing.length] += wf;
      }
    }
    for (std::uint32_t d : d_touched) {
      for (const auto& [p, e] : d_factors[d])
        add(p, at_d[d] * Int(e));
      at_d[d] = 0;
    }
    for (std::uint32_t l : length_touched) {
      for (const auto& [p, e] : unlisted_factors[l])
        add(p, Int(-(gone[l] * Int(e))));
      gone[l] = 0;
    }
    d_touched.clear();
    length_touched.clear();
    // score = whole * exp(sum) / 2N over every prime with a non-zero exponent, in increasing order
    std::int64_t whole = 1;
    Extended sum = 0.0;
    bool fractional = false;
    auto take = [&](std::uint32_t p) {
      Part part;
      if (!changed[p] && w == base_weight) {
        part = base_part[p];
      } else {
        const Int exponent = changed[p] ? Int(base[p] + change[p]) : base[p];
        if (exponent == 0) return;
        part = part_of(p, exponent, w);
      }
      whole *= part.whole;
      if (part.fractional) {
        sum += part.log;
        fractional = true;
      }
    };
    if (!(w > 0)) {
      // no firm counts: the empty score
    } else if (scan) {
      for (std::uint32_t p = 0; p < prime_count; ++p)
        if (changed[p] || base[p] != 0) take(p);
    } else {
      std::sort(touched.begin(), touched.end());
      std::size_t a = 0, b = 0;
      while (a < base_primes.size() || b < touched.size()) {
        if (b == touched.size() || (a < base_primes.size() && base_primes[a] < touched[b])) {
          take(base_primes[a++]);
        } else {
          if (a < base_primes.size() && base_primes[a] == touched[b]) ++a;
          take(touched[b++]);
        }
      }
    }
    if (!(w > 0))
      result.score[i] = empty_score(Method::geomean_rank);
    else if (!fractional)  // a rational score: whole / 2N, rounded once
      result.score[i] = static_cast<double>(whole) / twice_n;
    else
      result.score[i] = static_cast<double>(static_cast<Extended>(whole) * std::exp(sum) /
                                            static_cast<Extended>(twice_n));
    for (std::uint32_t p : touched) {
      change[p] = 0;
      changed[p] = 0;
    }
    touched.clear();
  }
  return result;
}

// ---- Floating point, for tables whose ranks are not mid-ranks ---------------------------------

inline Aggregation floating_scores(const RankTable& table, Method method) {
  const std::size_t issues = table.issue_count();
  const bool sum = is_sum(method);
  double base_sum = 0.0, base_weight = 0.0;
  std::vector<double> total(issues, 0.0), weight(issues, 0.0);
  for (std::size_t f = 0; f < table.firm_count(); ++f) {
    const double w = table.weight[f];
    const bool bottom = is_bottom(table, f) && !sum;
    const double unlisted = bottom ? averaged_value(table, method, f, false, 0.0) : 0.0;
    if (bottom) {
      base_sum += w * unlisted;
      base_weight += w;
    }
    for (SparseRow it(table.rank, static_cast<Eigen::Index>(f)); it; ++it) {
      auto i = static_cast<std::size_t>(it.col());
      total[i] += w * (averaged_value(table, method, f, true, it.value()) - unlisted);
      if (!bottom) weight[i] += w;
    }
  }
  Aggregation result;
  result.method = method;
  result.higher_is_better = !(method == Method::mean_rank || method == Method::geomean_rank);
  result.score.resize(issues);
  for (std::size_t i = 0; i < issues; ++i) {
    if (sum) {
      result.score[i] = total[i];
      continue;
    }
    const double w = base_weight + weight[i];
    if (w <= 0.0) {
      result.score[i] = empty_score(method);
      continue;
    }
    const double mean = (base_sum + total[i]) / w;
    result.score[i] = method == Method::geomean_rank ? std::exp(mean) : mean;
  }
  return result;
}

// The exact scores of a positional method other than median-rank; nullopt when the table's
// ranks are not mid-ranks or a weight is negative or not finite.
inline std::optional<Aggregation> exact_scores(const RankTable& table, Method method) {
  if (!exact_universe(table.universe)) return std::nullopt;
  const std::optional<WeightScale> scale = weight_scale(table);
  if (!scale) return std::nullopt;
  const int shift = scale->shift;
  if (method == Method::geomean_rank) {  // exponents: sums of w e with e <= 62
    if (scale->total * 128.0 < kNarrowLimit)
      return exact_geomean(table, scaled_weights<std::int64_t>(table, shift));
    if (scale->total * 128.0 < kWideLimit)
      return exact_geomean(table, scaled_weights<Wide>(table, shift));
    return exact_geomean(table, scaled_weights<Big>(table, shift));
  }
  const auto n = static_cast<double>(table.universe);
  std::size_t longest = 0;
  for (std::size_t k : table.length)
    longest = std::max(longest, k);
  Big denominator = 2 * Big(table.universe);
  double points = 2.0 * n + 2.0 * static_cast<double>(longest) + 2.0;  // bounds |points|
  std::vector<std::int64_t> present;
  if (method == Method::attention) {
    denominator = 1;
    points = 1.0;
  } else if (method == Method::borda) {
    denominator = 2;
  } else if (method == Method::dowdall) {
    std::optional<std::vector<std::int64_t>> d = doubled_ranks_present(table);
    if (!d) return std::nullopt;
    present = std::move(*d);
    denominator = 1;  // L, the least common multiple of the d
    for (std::int64_t value : present)
      denominator = denominator / gcd_of(denominator, Big(value)) * value;
    points = boost::multiprecision::msb(denominator) < 1000 ? 2.0 * static_cast<double>(denominator)
                                                            : HUGE_VAL;
  }
  const double l = points == HUGE_VAL ? HUGE_VAL : static_cast<double>(denominator);
  // the largest magnitudes: a partial sum, a denominator
  const double reach = scale->total * 2.0 * points;
  const double below = std::max(scale->total * l, std::ldexp(l, shift));
  if (reach < kDoubleLimit && below < kDoubleLimit)
    return exact_sums_of<double, double>(table, method, shift, denominator, present);
  if (reach < kWideLimit && below < kWideLimit && points < kNarrowLimit &&
      scale->largest < kNarrowLimit)
    return exact_sums_of<Wide, std::int64_t>(table, method, shift, denominator, present);
  return exact_sums_of<Big, Big>(table, method, shift, denominator, present);
}

}  // namespace positional

/// Scores of a positional method (is_positional(method)); Aggregation::rank is left empty.
inline Aggregation aggregate_positional(const RankTable& table, Method method) {
  if (method == Method::median_rank) return positional::median_rank(table);
  std::optional<Aggregation> exact = positional::exact_scores(table, method);
  return exact ? std::move(*exact) : positional::floating_scores(table, method);
}

}  // namespace materia::kernels
