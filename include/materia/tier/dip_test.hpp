#pragma once
/// \file dip_test.hpp
/// Header-only Hartigan's dip test of unimodality: the dip statistic by algorithm AS 217 and a
/// p-value simulated from the uniform distribution. For tiers: scores whose distribution has
/// several modes have natural breaks between them; a unimodal one has none. Needs the standard
/// library only. Definitions and sources: docs/method-statistics.md.
///
///     materia::dip_statistic({1, 2, 3, 10, 11, 12, 13}).dip;  // 1/6, modal interval [10, 13]
///     materia::dip_test(scores, 2000, 42).p_value;

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

namespace materia {

/// The dip of a sample and its modal interval.
struct DipStatistic {
  /// Hartigan's dip: the largest distance between the empirical distribution function and the
  /// unimodal distribution function closest to it, at least 1/(2n).
  double dip = 0.0;
  double modal_low = 0.0;   ///< lower end of the modal interval
  double modal_high = 0.0;  ///< upper end of the modal interval
};

/// The dip statistic of Hartigan & Hartigan (1985, Ann. Statist. 13(1), 70–84),
/// D = inf over unimodal F of sup_x |F_n(x) - F(x)|, computed by algorithm AS 217 (P. M.
/// Hartigan 1985, Appl. Statist. 34(3), 320–325) from the greatest convex minorant and least
/// concave majorant of F_n, with the corrections R's diptest carries (the misplaced parenthesis
/// of the published Fortran; the stop when neither end of the modal interval moves). As R's
/// diptest::dip (min.is.0 = FALSE), D is never below the bound 1/(2n) that any n-point sample
/// attains, which is also its value for n < 4 or when all values are equal. The values need not
/// be sorted. Throws std::invalid_argument for an empty sample or a value that is not finite.
inline DipStatistic dip_statistic(std::vector<double> values);

/// A dip test with its Monte Carlo p-value.
struct DipTest {
  double dip = 0.0;
  double modal_low = 0.0;
  double modal_high = 0.0;
  /// (1 + #{b : D_b >= D}) / (B + 1), D_b the dips of B uniform samples of the same size (the
  /// uniform is the least favourable unimodal null, Hartigan & Hartigan 1985, §4).
  double p_value = 1.0;
  std::size_t replicates = 0;  ///< B
};

/// dip_statistic(values) and its p-value from `replicates` samples of size n from U(0, 1), drawn
/// with std::mt19937_64 seeded with `seed` (53-bit uniforms from its output, the same on every
/// platform). A replicate dip within a relative 1e-12 of D counts as >= D. Throws
/// std::invalid_argument as dip_statistic and for replicates = 0.
inline DipTest dip_test(std::vector<double> values, std::size_t replicates, std::uint64_t seed);

namespace detail {

// AS 217 on sorted values (indices 0-based). Distances are kept in units of 1/n (n D) until the
// end, which divides by 2n. The vectors are work space, reused across calls.
inline DipStatistic dip_of_sorted(const std::vector<double>& x, std::vector<long>& minorant,
                                  std::vector<long>& majorant, std::vector<long>& previous,
                                  std::vector<long>& next) {
  const long n = static_cast<long>(x.size());
  DipStatistic result;
  long low = 0, high = n - 1;
  double dip = 1.0;  // n D: the 1/(2n) bound after the final division by 2n
  auto finish = [&]() {
    result.dip = dip / (2.0 * static_cast<double>(n));
    result.modal_low = x[static_cast<std::size_t>(low)];
    result.modal_high = x[static_cast<std::size_t>(high)];
    return result;
  };
  if (n < 4 || x.front() == x.back()) return finish();
  auto at = [&](long i) { return x[static_cast<std::size_t>(i)]; };
  previous.assign(static_cast<std::size_t>(n), 0);
  next.assign(static_cast<std::size_t>(n), 0);
  auto prev = [&](long i) -> long& { return previous[static_cast<std::size_t>(i)]; };
  auto succ = [&](long i) -> long& { return next[static_cast<std::size_t>(i)]; };
  // prev(j): the vertex before j of the greatest convex minorant of the points (x_i, i), i <= j.
  prev(0) = 0;
  for (long j = 1; j < n; ++j) {
    prev(j) = j - 1;
    for (;;) {
      const long a = prev(j), b = prev(a);
      if (a == 0 || (at(j) - at(a)) * static_cast<double>(a - b) <
                        (at(a) - at(b)) * static_cast<double>(j - a))
        break;
      prev(j) = b;
    }
  }
  // succ(k): the vertex after k of the least concave majorant of the points (x_i, i), i >= k.
  succ(n - 1) = n - 1;
  for (long k = n - 2; k >= 0; --k) {
    succ(k) = k + 1;
    for (;;) {
      const long a = succ(k), b = succ(a);
      if (a == n - 1 || (at(k) - at(a)) * static_cast<double>(a - b) <
                            (at(a) - at(b)) * static_cast<double>(k - a))
        break;
      succ(k) = b;
    }
  }
  minorant.resize(static_cast<std::size_t>(n) + 1);
  majorant.resize(static_cast<std::size_t>(n) + 1);
  auto gcm = [&](long i) -> long& { return minorant[static_cast<std::size_t>(i)]; };
  auto lcm = [&](long i) -> long& { return majorant[static_cast<std::size_t>(i)]; };
  for (;;) {
    // Vertices of the minorant on [low, high] from high down to low, of the majorant from low up.
    long last_g = 0;
    gcm(0) = high;
    while (gcm(last_g) > low) {
      gcm(last_g + 1) = prev(gcm(last_g));
      ++last_g;
    }
    long last_l = 0;
    lcm(0) = low;
    while (lcm(last_l) < high) {
      lcm(last_l + 1) = succ(lcm(last_l));
      ++last_l;
    }
    // The largest vertical distance between the two, walking the vertices of both.
    long ig = last_g, ih = last_l, ix = last_g - 1, iv = 1;
    double d = 0.0;
    if (last_g != 1 || last_l != 1) {
      do {
        const long g = gcm(ix), l = lcm(iv);
        if (g > l) {  // the next vertex is the majorant's: distance measured there
          const long g1 = gcm(ix + 1);
          const double dx = static_cast<double>(l - g1 + 1) -
                            (at(l) - at(g1)) * static_cast<double>(g - g1) / (at(g) - at(g1));
          ++iv;
          if (dx >= d) {
            d = dx;
            ig = ix + 1;
            ih = iv - 1;
          }
        } else {  // the next vertex is the minorant's
          const long l1 = lcm(iv - 1);
          const double dx = (at(g) - at(l1)) * static_cast<double>(l - l1) / (at(l) - at(l1)) -
                            static_cast<double>(g - l1 - 1);
          --ix;
          if (dx >= d) {
            d = dx;
            ig = ix + 1;
            ih = iv;
          }
        }
        ix = std::max(ix, 0L);
        iv = std::min(iv, last_l);
      } while (gcm(ix) != lcm(iv));
    } else {
      d = 1.0;
    }
    if (d < dip) return finish();
    // The dips of the minorant on [gcm(ig), low'] and the majorant on [high', lcm(ih)].
    double dip_low = 0.0;
    for (long j = ig; j < last_g; ++j) {
      double largest = 1.0;
      const long begin = gcm(j + 1), end = gcm(j);
      if (end - begin > 1 && at(end) != at(begin)) {
        const double slope = static_cast<double>(end - begin) / (at(end) - at(begin));
        for (long r = begin; r <= end; ++r)
          largest =
              std::max(largest, static_cast<double>(r - begin + 1) - (at(r) - at(begin)) * slope);
      }
      dip_low = std::max(dip_low, largest);
    }
    double dip_high = 0.0;
    for (long k = ih; k < last_l; ++k) {
      double largest = 1.0;
      const long begin = lcm(k), end = lcm(k + 1);
      if (end - begin > 1 && at(end) != at(begin)) {
        const double slope = static_cast<double>(end - begin) / (at(end) - at(begin));
        for (long r = begin; r <= end; ++r)
          largest =
              std::max(largest, (at(r) - at(begin)) * slope - static_cast<double>(r - begin - 1));
      }
      dip_high = std::max(dip_high, largest);
    }
    dip = std::max({dip, dip_low, dip_high});
    if (low == gcm(ig) && high == lcm(ih)) return finish();  // neither end moves: done
    low = gcm(ig);
    high = lcm(ih);
  }
}

// A uniform double in [0, 1) from the top 53 bits of one output.
inline double dip_uniform(std::mt19937_64& generator) {
  return static_cast<double>(generator() >> 11) * 0x1.0p-53;
}

// Sorts integers below 2^55 ascending: least significant digit first, five passes of 11 bits.
// `scratch` is work space. From kRadixFrom keys on, faster than std::sort (its 2,048 buckets
// are cleared five times a call).
inline constexpr std::size_t kRadixFrom = 512;
inline void radix_sort_55(std::vector<std::uint64_t>& keys, std::vector<std::uint64_t>& scratch) {
  constexpr int kBits = 11;
  constexpr std::uint64_t kMask = (std::uint64_t{1} << kBits) - 1;
  scratch.resize(keys.size());
  std::vector<std::size_t> start(std::size_t{1} << kBits);
  for (int shift = 0; shift < 5 * kBits; shift += kBits) {
    std::fill(start.begin(), start.end(), std::size_t{0});
    for (std::uint64_t key : keys)
      ++start[(key >> shift) & kMask];
    std::size_t sum = 0;
    for (std::size_t& bucket : start) {
      const std::size_t size = bucket;
      bucket = sum;
      sum += size;
    }
    for (std::uint64_t key : keys)
      scratch[start[(key >> shift) & kMask]++] = key;
    keys.swap(scratch);
  }
}

// How many of `replicates` uniform samples of size n, drawn one after another from `generator`,
// have a dip of at least `threshold`. The generator is left after the last draw, so consecutive
// calls count consecutive replicates: splitting the replicates into pieces counts the same.
inline std::size_t dips_at_least(std::mt19937_64& generator, std::size_t n, std::size_t replicates,
                                 double threshold) {
  std::vector<double> sample(n);
  std::vector<std::uint64_t> bits(n), scratch;
  std::vector<long> minorant, majorant, previous, next;
  std::size_t at_least = 0;
  for (std::size_t b = 0; b < replicates; ++b) {
    // sorted as the integers behind dip_uniform's values, whose conversion keeps their order
    // and is exact: the sample std::sort would give
    for (std::uint64_t& value : bits)
      value = generator() >> 11;
    if (n >= kRadixFrom)
      radix_sort_55(bits, scratch);
    else
      std::sort(bits.begin(), bits.end());
    for (std::size_t i = 0; i < n; ++i)
      sample[i] = static_cast<double>(bits[i]) * 0x1.0p-53;
    if (dip_of_sorted(sample, minorant, majorant, previous, next).dip >= threshold) ++at_least;
  }
  return at_least;
}

// The threshold a replicate's dip must reach to count as at least `dip`.
inline double dip_count_threshold(double dip) {
  return dip * (1.0 - 1e-12);
}

}  // namespace detail

inline DipStatistic dip_statistic(std::vector<double> values) {
  if (values.empty()) throw std::invalid_argument("dip_statistic: the sample is empty");
  for (std::size_t i = 0; i < values.size(); ++i)
    if (!std::isfinite(values[i]))
      throw std::invalid_argument("dip_statistic: value " + std::to_string(i) + " is not finite");
  std::sort(values.begin(), values.end());
  std::vector<long> minorant, majorant, previous, next;
  return detail::dip_of_sorted(values, minorant, majorant, previous, next);
}

inline DipTest dip_test(std::vector<double> values, std::size_t replicates, std::uint64_t seed) {
  if (replicates == 0) throw std::invalid_argument("dip_test: need at least 1 replicate");
  const std::size_t n = values.size();
  const auto observed = dip_statistic(std::move(values));
  DipTest test;
  test.dip = observed.dip;
  test.modal_low = observed.modal_low;
  test.modal_high = observed.modal_high;
  test.replicates = replicates;
  std::mt19937_64 generator(seed);
  const std::size_t at_least =
      detail::dips_at_least(generator, n, replicates, detail::dip_count_threshold(observed.dip));
  test.p_value = static_cast<double>(at_least + 1) / static_cast<double>(replicates + 1);
  return test;
}

}  // namespace materia
