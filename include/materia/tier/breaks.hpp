#pragma once
/// \file breaks.hpp
/// Header-only class intervals of a list of numbers, in the conventions of R's classInt:
/// quantile, equal intervals, head/tail breaks, Fisher's exactly optimal classification and
/// Jenks' break convention; the goodness of variance fit and the GVF elbow. Formulas:
/// docs/method.md section 3. Needs only the standard library.
///
///     using materia::BreakMethod;
///     auto b = materia::kernels::natural_breaks({1, 2, 4, 8, 9, 10}, 2, BreakMethod::fisher);
///     // b.breaks == {1, 6, 10}, b.classes == {1, 1, 1, 2, 2, 2}

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <numeric>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

#include "materia/rank/loop.hpp"
#include "materia/tier/fisher.hpp"

namespace materia {

/// Class-interval methods on a plain list of numbers (`materia breaks --method`).
enum class BreakMethod { fisher, jenks, quantile, equal, headtail };

/// Classes of a list of numbers, in classInt's conventions.
struct Breaks {
  /// class_count + 1 boundaries from the lowest to the highest, as classInt's `brks`.
  std::vector<double> breaks;
  std::vector<int> classes;  ///< per input value, 1 = lowest
  int class_count = 0;
  double gvf = 1.0;  ///< goodness of variance fit of `classes`
};

namespace kernels {

namespace breaks {

template <typename Backend, typename Loop>
auto sorted_copy(const std::vector<double>& values, const Loop& loop) {
  typename Backend::template Buffer<double> sorted(values.begin(), values.end());
  kernels::sort_finite<typename Backend::template Buffer<std::uint64_t>>(sorted, loop);
  return sorted;
}

inline std::vector<double> distinct_of(std::span<const double> sorted) {
  std::vector<double> distinct(sorted.begin(), sorted.end());
  distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
  return distinct;
}

// distinct_of(sorted).size() without the copy
inline std::size_t count_distinct(std::span<const double> sorted) {
  std::size_t count = sorted.empty() ? 0 : 1;
  for (std::size_t i = 1; i < sorted.size(); ++i)
    count += sorted[i] != sorted[i - 1];
  return count;
}

inline void check_finite(const std::vector<double>& values) {
  for (std::size_t i = 0; i < values.size(); ++i)
    if (!std::isfinite(values[i]))
      throw std::invalid_argument("value " + std::to_string(i + 1) + " is not a finite number");
  if (values.size() >= std::numeric_limits<std::uint32_t>::max())
    throw std::invalid_argument("too many values (at most 2^32 - 2)");
}

// R's mean(): a long double sum, then one refinement pass.
inline double r_mean(const std::vector<double>& x) {
  long double sum = 0;
  for (double v : x)
    sum += v;
  long double n = static_cast<long double>(x.size());
  long double mean = sum / n;
  long double correction = 0;
  for (double v : x)
    correction += static_cast<long double>(v) - mean;
  return static_cast<double>(mean + correction / n);
}

// findInterval(x, breaks, all.inside = TRUE): the number of breaks <= x, clamped to 1..K
// (classInt's intervalClosure "left": [b_{c-1}, b_c), the last class closed).
inline int left_closed_class(double x, const std::vector<double>& breaks) {
  auto count = std::upper_bound(breaks.begin(), breaks.end(), x) - breaks.begin();
  const auto k = static_cast<std::ptrdiff_t>(breaks.size()) - 1;
  return static_cast<int>(std::clamp<std::ptrdiff_t>(count, 1, k));
}

// classInt's intervalClosure "right" (used by jenks): max(1, number of breaks < x).
inline int right_closed_class(double x, const std::vector<double>& breaks) {
  auto count = std::lower_bound(breaks.begin(), breaks.end(), x) - breaks.begin();
  return static_cast<int>(std::max<std::ptrdiff_t>(count, 1));
}

// R's quantile(x, probs = seq(0, 1, 1/k)), type 7.
inline std::vector<double> quantile_breaks(std::span<const double> sorted, int k) {
  const auto n = static_cast<double>(sorted.size());
  std::vector<double> breaks;
  for (int q = 0; q <= k; ++q) {
    double p = q * (1.0 / k);  // seq(0, 1, by = 1/k) computes from + i * by
    double index = 1.0 + (n - 1.0) * p;
    double lo = std::floor(index), hi = std::ceil(index);
    double x_lo = sorted[static_cast<std::size_t>(lo) - 1];
    double x_hi = sorted[std::min(static_cast<std::size_t>(hi), sorted.size()) - 1];
    double value = x_lo;
    if (index > lo && x_hi != x_lo) {
      double h = index - lo;
      value = (1.0 - h) * x_lo + h * x_hi;
    }
    breaks.push_back(value);
  }
  return breaks;
}

}  // namespace breaks

/// Goodness of variance fit: 1 - SDCM / SDAM for the given classes (1 when variance is 0).
inline double goodness_of_variance_fit(const std::vector<double>& values,
                                       const std::vector<int>& classes) {
  if (values.empty()) return 1.0;
  const double mean =
      std::accumulate(values.begin(), values.end(), 0.0) / static_cast<double>(values.size());
  double total = 0.0;
  for (double v : values)
    total += (v - mean) * (v - mean);
  if (total <= 0) return 1.0;
  int k = *std::max_element(classes.begin(), classes.end());
  std::vector<double> sum(static_cast<std::size_t>(k) + 1, 0.0),
      count(static_cast<std::size_t>(k) + 1, 0.0);
  for (std::size_t i = 0; i < values.size(); ++i) {
    sum[static_cast<std::size_t>(classes[i])] += values[i];
    count[static_cast<std::size_t>(classes[i])] += 1;
  }
  std::vector<double> class_mean(sum.size(), 0.0);  // the quotient once per class, not per value
  for (std::size_t c = 0; c < class_mean.size(); ++c)
    if (count[c] > 0) class_mean[c] = sum[c] / count[c];
  double within = 0.0;
  for (std::size_t i = 0; i < values.size(); ++i) {
    double m = class_mean[static_cast<std::size_t>(classes[i])];
    within += (values[i] - m) * (values[i] - m);
  }
  return 1.0 - within / total;
}

/// Splits `values` into (at most) `k` classes the way R's `classInt::classIntervals(values, k,
/// style)` does, without its sampling of large inputs: the same breaks and, via `findCols`, the
/// same classes. `k` is reduced to the number of distinct values (and, as in classInt, k equal to
/// that number gives each distinct value its own class with midpoint breaks). `headtail` ignores
/// `k` and uses `headtail_threshold` (classInt's `thr`). Throws std::invalid_argument for k < 1
/// or a non-finite value. Large inputs are sorted and classified by Fisher's programme on
/// `loop`; the result does not depend on it.
template <typename Loop = SequentialLoop, typename Backend = PortableFisher>
Breaks natural_breaks(const std::vector<double>& values, int k, BreakMethod method,
                      double headtail_threshold = 0.4, const Loop& loop = {},
                      const Backend& backend = {}) {
  using namespace breaks;
  Breaks result;
  if (k < 1) throw std::invalid_argument("the number of classes must be at least 1");
  check_finite(values);
  if (values.empty()) return result;
  const auto sorted = sorted_copy<Backend>(values, loop);
  const std::size_t distinct_count = count_distinct(sorted);
  const std::size_t n = sorted.size();
  bool right_closed = false;

  if (distinct_count == 1) {
    // classInt stops ("single unique value"); one class is the only sensible answer.
    result.breaks = {sorted.front(), sorted.back()};
  } else if (method == BreakMethod::headtail) {
    // Jiang (2013) head/tail breaks as classInt's "headtails": split at the mean while the head
    // (values above it) is at most `thr` of the values.
    const double thr = std::clamp(headtail_threshold, 0.0, 1.0);
    std::vector<double> head(values);
    std::vector<double> cuts{sorted.front()};
    for (int iteration = 0; iteration < 100; ++iteration) {
      double mu = r_mean(head);
      cuts.push_back(mu);
      const double total = static_cast<double>(head.size());
      std::vector<double> next;
      for (double v : head)
        if (v > mu) next.push_back(v);
      head = std::move(next);
      double share = static_cast<double>(head.size()) / total;
      if (!(share <= thr && head.size() > 1)) break;
    }
    cuts.push_back(sorted.back());
    std::sort(cuts.begin(), cuts.end());
    cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
    result.breaks = cuts;
  } else if (static_cast<std::size_t>(k) >= distinct_count && k > 1) {
    // classInt's "unique" style: each distinct value is a class, breaks halfway between them.
    const std::vector<double> distinct = distinct_of(sorted);
    double mean_gap =
        (distinct.back() - distinct.front()) / static_cast<double>(distinct.size() - 1);
    result.breaks.push_back(distinct.front() - mean_gap / 2);
    for (std::size_t i = 0; i + 1 < distinct.size(); ++i)
      result.breaks.push_back(distinct[i] + (distinct[i + 1] - distinct[i]) / 2);
    result.breaks.push_back(distinct.back() + mean_gap / 2);
  } else if (k == 1) {
    result.breaks = {sorted.front(), sorted.back()};
  } else {
    switch (method) {
      case BreakMethod::equal: {
        // seq(min, max, length.out = k + 1)
        const double from = sorted.front(), to = sorted.back();
        result.breaks.push_back(from);
        for (int i = 1; i < k; ++i)
          result.breaks.push_back(from + i * ((to - from) / k));
        result.breaks.push_back(to);
        break;
      }
      case BreakMethod::quantile:
        result.breaks = quantile_breaks(sorted, k);
        break;
      case BreakMethod::fisher:
      case BreakMethod::jenks: {
        const auto classes = static_cast<std::size_t>(k);
        const FisherProgramme<Backend, Loop> programme(sorted, classes, backend, loop);
        auto first = programme.starts(classes);
        result.breaks.push_back(sorted.front());
        for (std::size_t c = 1; c < classes; ++c) {
          double upper = sorted[first[c] - 1];  // last value of class c (1-based: class c)
          double lower = sorted[first[c]];      // first value of class c + 1
          // fisher: halfway between the classes; jenks: each class's largest value, closed on
          // the right (classInt's `d[c(1, kclass)]` with intervalClosure "right")
          result.breaks.push_back(method == BreakMethod::fisher ? (upper + lower) / 2 : upper);
        }
        result.breaks.push_back(sorted.back());
        right_closed = method == BreakMethod::jenks;
        break;
      }
      case BreakMethod::headtail:
        break;  // handled above
    }
  }

  result.class_count = static_cast<int>(result.breaks.size()) - 1;
  result.classes.resize(n);
  const auto& cuts = result.breaks;
  if (result.class_count > 1 && cuts.size() <= 16 && std::is_sorted(cuts.begin(), cuts.end())) {
    // On a sorted range, upper_bound (lower_bound) is the number of breaks <= x (< x): counted
    // without a branch per comparison, which a million values mispredict half the time.
    const std::ptrdiff_t last_class = result.class_count;
    for (std::size_t i = 0; i < n; ++i) {
      const double x = values[i];
      std::ptrdiff_t below = 0;
      for (double b : cuts)
        below += right_closed ? b < x : b <= x;
      result.classes[i] =
          static_cast<int>(right_closed ? std::max<std::ptrdiff_t>(below, 1)
                                        : std::clamp<std::ptrdiff_t>(below, 1, last_class));
    }
  } else {
    for (std::size_t i = 0; i < n; ++i)
      result.classes[i] = result.class_count <= 1 ? 1
                          : right_closed          ? right_closed_class(values[i], cuts)
                                                  : left_closed_class(values[i], cuts);
  }
  result.gvf = goodness_of_variance_fit(values, result.classes);
  return result;
}

/// Exactly optimal partition of `values` into `k` classes minimizing the within-class sum of
/// squared deviations (Fisher 1958). Returns the class of each value, 1 = lowest values; equal
/// values share a class. O(k n log n) after sorting. Among equally good partitions it picks the
/// one Hartigan's `fish` (used by classInt) picks: the last class as long as possible. Throws
/// std::invalid_argument for a non-finite value.
template <typename Loop = SequentialLoop, typename Backend = PortableFisher>
std::vector<int> fisher_classes(const std::vector<double>& values, int k, const Loop& loop = {},
                                const Backend& backend = {}) {
  using namespace breaks;
  const std::size_t n = values.size();
  std::vector<int> classes(n, 1);
  if (n == 0) return classes;
  check_finite(values);
  const auto sorted = sorted_copy<Backend>(values, loop);
  const std::size_t distinct = count_distinct(sorted);
  const std::size_t wanted =
      std::min<std::size_t>(static_cast<std::size_t>(std::max(k, 1)), distinct);
  const FisherProgramme<Backend, Loop> programme(sorted, wanted, backend, loop);
  auto first = programme.starts(wanted);
  // Upper bound of each class, then classify by value so that equal values always share a class.
  std::vector<double> upper(wanted);
  for (std::size_t m = 0; m < wanted; ++m)
    upper[m] = sorted[m + 1 < wanted ? first[m + 1] - 1 : n - 1];
  for (std::size_t i = 0; i < n; ++i)
    classes[i] = 1 + static_cast<int>(std::lower_bound(upper.begin(), upper.end(), values[i]) -
                                      upper.begin());
  return classes;
}

/// The k chosen by the GVF elbow: for k = 1..max_k (capped at the number of distinct values),
/// the Fisher partition's GVF, and the k whose point lies farthest above the chord from k = 1 to
/// max_k (the "kneedle" rule). Returns 1 when all values are equal. Throws
/// std::invalid_argument for a non-finite value.
template <typename Loop = SequentialLoop, typename Backend = PortableFisher>
int gvf_elbow(const std::vector<double>& values, int max_k = 10, const Loop& loop = {},
              const Backend& backend = {}) {
  using namespace breaks;
  check_finite(values);
  if (values.empty()) return 1;
  const auto sorted = sorted_copy<Backend>(values, loop);
  const std::size_t distinct = count_distinct(sorted);
  const std::size_t k_max =
      std::min<std::size_t>(static_cast<std::size_t>(std::max(max_k, 1)), distinct);
  if (k_max <= 2) return static_cast<int>(k_max);
  const FisherProgramme<Backend, Loop> programme(sorted, k_max, backend, loop);
  const double total = programme.total(1);
  std::vector<double> gvf(k_max + 1, 0.0);
  for (std::size_t k = 1; k <= k_max; ++k)
    gvf[k] = 1.0 - programme.total(k) / total;
  // vertical distance above the chord from (1, gvf_1) to (k_max, gvf_kmax); ties: smallest k
  const double slope = (gvf[k_max] - gvf[1]) / static_cast<double>(k_max - 1);
  std::size_t best = 1;
  double best_gap = 0.0;
  for (std::size_t k = 2; k < k_max; ++k) {
    double gap = gvf[k] - (gvf[1] + slope * static_cast<double>(k - 1));
    if (gap > best_gap + 1e-12) {
      best_gap = gap;
      best = k;
    }
  }
  return static_cast<int>(best == 1 ? k_max : best);
}

}  // namespace kernels

}  // namespace materia
