#include "materia/tier/tier.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <limits>
#include <numeric>
#include <span>
#include <sstream>

#include "tier/fisher.hpp"
#include "materia/error.hpp"
#include "materia/limits.hpp"

namespace materia {

namespace {

std::vector<double> parse_list(std::string_view text, std::string_view spec) {
  std::vector<double> values;
  while (!text.empty()) {
    auto comma = text.find(',');
    auto item = text.substr(0, comma);
    double value = 0;
    auto [end, ec] = std::from_chars(item.data(), item.data() + item.size(), value);
    if (item.empty() || ec != std::errc() || end != item.data() + item.size() ||
        !std::isfinite(value))
      throw_usage_error("tier spec \"" + std::string(spec) + "\": \"" + std::string(item) +
                        "\" is not a number");
    values.push_back(value);
    if (comma == std::string_view::npos) break;
    text.remove_prefix(comma + 1);
    if (text.empty())
      throw_usage_error("tier spec \"" + std::string(spec) + "\" ends with a comma");
  }
  return values;
}

// 15 significant digits (as written by people), or 17 when 15 would not read back as the same
// double: a spec's text must parse back to the same spec (thresholds 8888888888888888215 and
// 8888888888888888888 differ, but not in 15 digits; found by fuzz_tier_spec).
std::string format_number(double value) {
  for (int precision : {15, 17}) {
    std::ostringstream out;
    out.precision(precision);
    out << value;
    double back = 0;
    const std::string text = out.str();
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), back);
    if (precision == 17 || (error == std::errc() && back == value)) return text;
  }
  return {};  // not reached
}

}  // namespace

TierSpec TierSpec::parse(std::string_view text) {
  const std::string spec(text);
  auto colon = text.find(':');
  std::string_view kind = text.substr(0, colon);
  std::string_view args =
      colon == std::string_view::npos ? std::string_view() : text.substr(colon + 1);
  TierSpec result;
  auto need_args = [&] {
    if (args.empty())
      throw_usage_error("tier spec \"" + spec + "\" needs values after the colon, e.g. " +
                        std::string(kind) + ":3");
  };
  if (kind == "counts" || kind == "shares" || kind == "thresholds") {
    need_args();
    result.kind = kind == "counts"   ? Kind::counts
                  : kind == "shares" ? Kind::shares
                                     : Kind::thresholds;
    result.values = parse_list(args, spec);
    for (double v : result.values) {
      // bounded so that the count converts to size_t (counts:1e308 was undefined behaviour)
      if (result.kind == Kind::counts &&
          (v < 1 || v > static_cast<double>(limits::max_universe) || v != std::floor(v)))
        throw_usage_error("tier spec \"" + spec +
                          "\": counts must be whole numbers from 1 to 1000000000");
      if (result.kind == Kind::shares && (v <= 0 || v > 1))
        throw_usage_error("tier spec \"" + spec + "\": shares must be in (0, 1]");
    }
    if (result.kind == Kind::shares &&
        std::accumulate(result.values.begin(), result.values.end(), 0.0) > 1.0 + 1e-9)
      throw_usage_error("tier spec \"" + spec + "\": shares add up to more than 1");
    if (result.kind == Kind::thresholds) {
      bool decreasing = true, increasing = true;
      for (std::size_t i = 1; i < result.values.size(); ++i) {
        decreasing = decreasing && result.values[i] < result.values[i - 1];
        increasing = increasing && result.values[i] > result.values[i - 1];
      }
      if (!decreasing && !increasing)
        throw_usage_error("tier spec \"" + spec +
                          "\": thresholds must be strictly ordered from tier 1 down");
    }
    result.classes = static_cast<int>(result.values.size());
  } else if (kind == "quantile" || kind == "fisher" || kind == "jenks" || kind == "equal") {
    need_args();
    result.kind = kind == "quantile" ? Kind::quantile
                  : kind == "fisher" ? Kind::fisher
                  : kind == "jenks"  ? Kind::jenks
                                     : Kind::equal;
    if (result.kind == Kind::fisher && args == "auto") {
      result.classes = 0;
      return result;
    }
    auto values = parse_list(args, spec);
    if (values.size() != 1 || values[0] < 1 || values[0] > 100 ||
        values[0] != std::floor(values[0]))
      throw_usage_error("tier spec \"" + spec +
                        "\": give one whole number of classes from 1 to 100" +
                        (result.kind == Kind::fisher ? " (or auto)" : ""));
    result.classes = static_cast<int>(values[0]);
  } else if (kind == "headtail") {
    result.kind = Kind::headtail;
    result.classes = 0;
    result.values = {0.4};
    if (colon != std::string_view::npos) {
      need_args();
      result.values = parse_list(args, spec);
      if (result.values.size() != 1 || result.values[0] <= 0 || result.values[0] >= 1)
        throw_usage_error("tier spec \"" + spec + "\": give one head share threshold in (0, 1)");
    }
  } else {
    throw_usage_error("unknown tier spec \"" + spec +
                      "\" (use counts:26,23,42, shares:0.3,0.3,0.4, thresholds:15,8, quantile:3, "
                      "fisher:3, fisher:auto, jenks:3, equal:3 or headtail)");
  }
  return result;
}

std::string TierSpec::to_string() const {
  switch (kind) {
    case Kind::quantile:
      return "quantile:" + std::to_string(classes);
    case Kind::fisher:
      return classes == 0 ? "fisher:auto" : "fisher:" + std::to_string(classes);
    case Kind::jenks:
      return "jenks:" + std::to_string(classes);
    case Kind::equal:
      return "equal:" + std::to_string(classes);
    case Kind::headtail:
      return values.empty() || values[0] == 0.4 ? "headtail"
                                                : "headtail:" + format_number(values[0]);
    default:
      break;
  }
  std::string text = kind == Kind::counts   ? "counts:"
                     : kind == Kind::shares ? "shares:"
                                            : "thresholds:";
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i > 0) text += ',';
    text += format_number(values[i]);
  }
  return text;
}

namespace {

using detail::FisherOptions;
using detail::FisherProgramme;

using detail::LargeBuffer;

LargeBuffer<double> sorted_copy(const std::vector<double>& values, unsigned threads = 0) {
  LargeBuffer<double> sorted(values.begin(), values.end());
  detail::sort_finite(sorted, threads);
  return sorted;
}

std::vector<double> distinct_of(std::span<const double> sorted) {
  std::vector<double> distinct(sorted.begin(), sorted.end());
  distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
  return distinct;
}

// distinct_of(sorted).size() without the copy
std::size_t count_distinct(std::span<const double> sorted) {
  std::size_t count = sorted.empty() ? 0 : 1;
  for (std::size_t i = 1; i < sorted.size(); ++i)
    count += sorted[i] != sorted[i - 1];
  return count;
}

void check_finite(const std::vector<double>& values) {
  for (std::size_t i = 0; i < values.size(); ++i)
    if (!std::isfinite(values[i]))
      throw_usage_error("value " + std::to_string(i + 1) + " is not a finite number");
  if (values.size() >= std::numeric_limits<std::uint32_t>::max())
    throw_usage_error("too many values (at most 2^32 - 2)");
}

// R's mean(): a long double sum, then one refinement pass.
double r_mean(const std::vector<double>& x) {
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
int left_closed_class(double x, const std::vector<double>& breaks) {
  auto count = std::upper_bound(breaks.begin(), breaks.end(), x) - breaks.begin();
  const auto k = static_cast<std::ptrdiff_t>(breaks.size()) - 1;
  return static_cast<int>(std::clamp<std::ptrdiff_t>(count, 1, k));
}

// classInt's intervalClosure "right" (used by jenks): max(1, number of breaks < x).
int right_closed_class(double x, const std::vector<double>& breaks) {
  auto count = std::lower_bound(breaks.begin(), breaks.end(), x) - breaks.begin();
  return static_cast<int>(std::max<std::ptrdiff_t>(count, 1));
}

// R's quantile(x, probs = seq(0, 1, 1/k)), type 7.
std::vector<double> quantile_breaks(std::span<const double> sorted, int k) {
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

}  // namespace

std::string_view break_method_name(BreakMethod method) {
  switch (method) {
    case BreakMethod::fisher:
      return "fisher";
    case BreakMethod::jenks:
      return "jenks";
    case BreakMethod::quantile:
      return "quantile";
    case BreakMethod::equal:
      return "equal";
    case BreakMethod::headtail:
      return "headtail";
  }
  return "fisher";
}

BreakMethod parse_break_method(std::string_view text) {
  for (auto method : {BreakMethod::fisher, BreakMethod::jenks, BreakMethod::quantile,
                      BreakMethod::equal, BreakMethod::headtail})
    if (break_method_name(method) == text) return method;
  throw_usage_error("unknown breaks method \"" + std::string(text) +
                    "\" (known: fisher, jenks, quantile, equal, headtail)");
}

std::vector<int> fisher_classes(const std::vector<double>& values, int k) {
  const std::size_t n = values.size();
  std::vector<int> classes(n, 1);
  if (n == 0) return classes;
  check_finite(values);
  const LargeBuffer<double> sorted = sorted_copy(values);
  const std::size_t distinct = count_distinct(sorted);
  const std::size_t wanted =
      std::min<std::size_t>(static_cast<std::size_t>(std::max(k, 1)), distinct);
  FisherProgramme programme(sorted, wanted);
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

Breaks natural_breaks(const std::vector<double>& values, int k, BreakMethod method,
                      double headtail_threshold, const Execution& execution) {
  Breaks result;
  if (k < 1) throw_usage_error("the number of classes must be at least 1");
  check_finite(values);
  if (values.empty()) return result;
  const LargeBuffer<double> sorted = sorted_copy(values, execution.threads);
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
    std::vector<double> breaks{sorted.front()};
    for (int iteration = 0; iteration < 100; ++iteration) {
      double mu = r_mean(head);
      breaks.push_back(mu);
      const double total = static_cast<double>(head.size());
      std::vector<double> next;
      for (double v : head)
        if (v > mu) next.push_back(v);
      head = std::move(next);
      double share = static_cast<double>(head.size()) / total;
      if (!(share <= thr && head.size() > 1)) break;
    }
    breaks.push_back(sorted.back());
    std::sort(breaks.begin(), breaks.end());
    breaks.erase(std::unique(breaks.begin(), breaks.end()), breaks.end());
    result.breaks = breaks;
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
        FisherOptions options;
        options.threads = execution.threads;
        FisherProgramme programme(sorted, classes, options);
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
  const auto& breaks = result.breaks;
  if (result.class_count > 1 && breaks.size() <= 16 &&
      std::is_sorted(breaks.begin(), breaks.end())) {
    // On a sorted range, upper_bound (lower_bound) is the number of breaks <= x (< x): counted
    // without a branch per comparison, which a million values mispredict half the time.
    const std::ptrdiff_t last_class = result.class_count;
    for (std::size_t i = 0; i < n; ++i) {
      const double x = values[i];
      std::ptrdiff_t below = 0;
      for (double b : breaks)
        below += right_closed ? b < x : b <= x;
      result.classes[i] =
          static_cast<int>(right_closed ? std::max<std::ptrdiff_t>(below, 1)
                                        : std::clamp<std::ptrdiff_t>(below, 1, last_class));
    }
  } else {
    for (std::size_t i = 0; i < n; ++i)
      result.classes[i] = result.class_count <= 1 ? 1
                          : right_closed          ? right_closed_class(values[i], breaks)
                                                  : left_closed_class(values[i], breaks);
  }
  result.gvf = goodness_of_variance_fit(values, result.classes);
  return result;
}

int gvf_elbow(const std::vector<double>& values, int max_k) {
  check_finite(values);
  if (values.empty()) return 1;
  const LargeBuffer<double> sorted = sorted_copy(values);
  const std::size_t distinct = count_distinct(sorted);
  const std::size_t k_max =
      std::min<std::size_t>(static_cast<std::size_t>(std::max(max_k, 1)), distinct);
  if (k_max <= 2) return static_cast<int>(k_max);
  FisherProgramme programme(sorted, k_max);
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

double goodness_of_variance_fit(const std::vector<double>& values,
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

Tiering assign_tiers(const std::vector<double>& scores, const std::vector<std::size_t>& order,
                     bool higher_is_better, const TierSpec& spec) {
  const std::size_t n = scores.size();
  Tiering tiering;
  tiering.tier.assign(n, 1);
  if (n == 0) return tiering;

  auto tiers_from_sizes = [&](std::vector<std::size_t> sizes) {
    std::size_t total = std::accumulate(sizes.begin(), sizes.end(), std::size_t{0});
    if (total > n)
      throw_usage_error("tier spec \"" + spec.to_string() + "\" asks for " + std::to_string(total) +
                        " issues but there are " + std::to_string(n));
    if (total < n) sizes.push_back(n - total);  // the rest form the last tier
    std::size_t position = 0;
    for (std::size_t t = 0; t < sizes.size(); ++t)
      for (std::size_t c = 0; c < sizes[t]; ++c)
        tiering.tier[order[position++]] = static_cast<int>(t + 1);
    tiering.tier_count = static_cast<int>(sizes.size());
  };
  // Class methods see "larger = better" values; class 1 = lowest, so tier = K - class + 1 after
  // renumbering classes densely (quantile breaks can coincide and leave a class empty).
  auto tiers_from_classes = [&](BreakMethod method, int k, double threshold) {
    std::vector<double> oriented(scores);
    if (!higher_is_better)
      for (auto& v : oriented)
        v = -v;
    Breaks breaks = natural_breaks(oriented, k, method, threshold);
    std::vector<int> used(breaks.classes);
    std::sort(used.begin(), used.end());
    used.erase(std::unique(used.begin(), used.end()), used.end());
    const int count = static_cast<int>(used.size());
    for (std::size_t i = 0; i < n; ++i) {
      int dense =
          1 + static_cast<int>(std::lower_bound(used.begin(), used.end(), breaks.classes[i]) -
                               used.begin());
      tiering.tier[i] = count - dense + 1;
    }
    tiering.tier_count = count;
  };

  switch (spec.kind) {
    case TierSpec::Kind::counts: {
      std::vector<std::size_t> sizes;
      for (double v : spec.values)
        sizes.push_back(static_cast<std::size_t>(v));
      tiers_from_sizes(sizes);
      break;
    }
    case TierSpec::Kind::shares: {
      // cumulative rounding keeps the sizes summing to n
      std::vector<std::size_t> sizes;
      double cumulative = 0.0;
      std::size_t assigned = 0;
      for (double share : spec.values) {
        cumulative += share;
        auto upto = static_cast<std::size_t>(
            std::llround(std::min(cumulative, 1.0) * static_cast<double>(n)));
        sizes.push_back(upto - std::min(upto, assigned));
        assigned = std::max(assigned, upto);
      }
      tiers_from_sizes(sizes);
      break;
    }
    case TierSpec::Kind::thresholds: {
      for (std::size_t i = 0; i < n; ++i) {
        int tier = 1;
        for (double t : spec.values) {
          bool passes = higher_is_better ? scores[i] >= t : scores[i] <= t;
          if (passes) break;
          ++tier;
        }
        tiering.tier[i] = tier;
      }
      tiering.tier_count = static_cast<int>(spec.values.size()) + 1;
      break;
    }
    case TierSpec::Kind::quantile:
      tiers_from_classes(BreakMethod::quantile, spec.classes, 0.4);
      break;
    case TierSpec::Kind::equal:
      tiers_from_classes(BreakMethod::equal, spec.classes, 0.4);
      break;
    case TierSpec::Kind::jenks:
      tiers_from_classes(BreakMethod::jenks, spec.classes, 0.4);
      break;
    case TierSpec::Kind::headtail:
      tiers_from_classes(BreakMethod::headtail, 2, spec.values.empty() ? 0.4 : spec.values[0]);
      break;
    case TierSpec::Kind::fisher: {
      std::vector<double> oriented(scores);
      if (!higher_is_better)
        for (auto& v : oriented)
          v = -v;
      int k = spec.classes > 0 ? spec.classes : gvf_elbow(oriented, 10);
      tiers_from_classes(BreakMethod::fisher, k, 0.4);
      break;
    }
  }
  tiering.classes_used = tiering.tier_count;

  // Boundaries: the score a member of tier t must reach (its worst member), t = 1 .. T-1.
  for (int t = 1; t < tiering.tier_count; ++t) {
    double bound = higher_is_better ? std::numeric_limits<double>::infinity()
                                    : -std::numeric_limits<double>::infinity();
    bool any = false;
    for (std::size_t i = 0; i < n; ++i)
      if (tiering.tier[i] == t) {
        bound = higher_is_better ? std::min(bound, scores[i]) : std::max(bound, scores[i]);
        any = true;
      }
    if (any) tiering.breaks.push_back(bound);
  }
  std::vector<int> as_classes(n);
  for (std::size_t i = 0; i < n; ++i)
    as_classes[i] = tiering.tier_count - tiering.tier[i] + 1;
  tiering.gvf = goodness_of_variance_fit(scores, as_classes);
  return tiering;
}

}  // namespace materia
