#include "materia/tier.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <numeric>
#include <sstream>

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

std::string format_number(double value) {
  std::ostringstream out;
  out.precision(15);
  out << value;
  return out.str();
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
  } else if (kind == "quantile" || kind == "fisher") {
    need_args();
    result.kind = kind == "quantile" ? Kind::quantile : Kind::fisher;
    auto values = parse_list(args, spec);
    if (values.size() != 1 || values[0] < 1 || values[0] > 100 ||
        values[0] != std::floor(values[0]))
      throw_usage_error("tier spec \"" + spec +
                        "\": give one whole number of classes from 1 to 100");
    result.classes = static_cast<int>(values[0]);
  } else {
    throw_usage_error("unknown tier spec \"" + spec +
                      "\" (use counts:26,23,42, shares:0.3,0.3,0.4, thresholds:15,8, quantile:3 or "
                      "fisher:3)");
  }
  return result;
}

std::string TierSpec::to_string() const {
  switch (kind) {
    case Kind::quantile:
      return "quantile:" + std::to_string(classes);
    case Kind::fisher:
      return "fisher:" + std::to_string(classes);
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

// Within-class sums of squares of sorted data, from prefix sums of values shifted by their mean
// (the shift keeps the subtraction of large prefix sums accurate).
struct SegmentCost {
  std::vector<double> sum, sum_sq;
  explicit SegmentCost(const std::vector<double>& sorted)
      : sum(sorted.size() + 1), sum_sq(sorted.size() + 1) {
    double shift = sorted.empty() ? 0.0 : sorted[sorted.size() / 2];
    for (std::size_t i = 0; i < sorted.size(); ++i) {
      double x = sorted[i] - shift;
      sum[i + 1] = sum[i] + x;
      sum_sq[i + 1] = sum_sq[i] + x * x;
    }
  }
  // cost of sorted[i..j], inclusive
  double operator()(std::size_t i, std::size_t j) const {
    double n = static_cast<double>(j - i + 1);
    double s = sum[j + 1] - sum[i];
    return std::max(0.0, sum_sq[j + 1] - sum_sq[i] - s * s / n);
  }
};

// Fills cur[j] for j in [lo, hi], knowing the optimal split of j lies in [opt_lo, opt_hi]
// (monotone because the cost satisfies the quadrangle inequality).
void fisher_layer(const SegmentCost& cost, const std::vector<double>& prev,
                  std::vector<double>& cur, std::vector<std::size_t>& split, std::size_t lo,
                  std::size_t hi, std::size_t opt_lo, std::size_t opt_hi) {
  if (lo > hi) return;
  std::size_t mid = lo + (hi - lo) / 2;
  double best = std::numeric_limits<double>::infinity();
  std::size_t best_i = opt_lo;
  for (std::size_t i = opt_lo; i <= std::min(mid, opt_hi); ++i) {
    // last class is sorted[i..mid]; the previous classes cover sorted[0..i-1]
    if (i == 0) continue;
    double value = prev[i - 1] + cost(i, mid);
    if (value < best) {
      best = value;
      best_i = i;
    }
  }
  cur[mid] = best;
  split[mid] = best_i;
  if (mid > lo) fisher_layer(cost, prev, cur, split, lo, mid - 1, opt_lo, best_i);
  fisher_layer(cost, prev, cur, split, mid + 1, hi, best_i, opt_hi);
}

}  // namespace

std::vector<int> fisher_classes(const std::vector<double>& values, int k) {
  const std::size_t n = values.size();
  std::vector<int> classes(n, 1);
  if (n == 0) return classes;
  std::vector<double> sorted(values);
  std::sort(sorted.begin(), sorted.end());
  std::size_t distinct = 1;
  for (std::size_t i = 1; i < n; ++i)
    distinct += sorted[i] != sorted[i - 1];
  const std::size_t classes_wanted =
      std::min<std::size_t>(static_cast<std::size_t>(std::max(k, 1)), distinct);
  SegmentCost cost(sorted);

  // layer[m][j]: least cost of sorted[0..j] in m+1 classes; split[m][j]: start of the last class.
  std::vector<std::vector<double>> layer(classes_wanted, std::vector<double>(n));
  std::vector<std::vector<std::size_t>> split(classes_wanted, std::vector<std::size_t>(n, 0));
  for (std::size_t j = 0; j < n; ++j)
    layer[0][j] = cost(0, j);
  for (std::size_t m = 1; m < classes_wanted; ++m) {
    std::fill(layer[m].begin(), layer[m].end(), std::numeric_limits<double>::infinity());
    fisher_layer(cost, layer[m - 1], layer[m], split[m], m, n - 1, m, n - 1);
  }
  // Walk back to the upper bound of each class, then classify by value so that equal values
  // always share a class.
  std::vector<double> upper(classes_wanted);
  std::size_t end = n - 1;
  for (std::size_t m = classes_wanted; m-- > 0;) {
    upper[m] = sorted[end];
    if (m == 0) break;
    end = split[m][end] - 1;
  }
  for (std::size_t i = 0; i < n; ++i)
    classes[i] = 1 + static_cast<int>(std::lower_bound(upper.begin(), upper.end(), values[i]) -
                                      upper.begin());
  return classes;
}

double goodness_of_variance_fit(const std::vector<double>& values,
                                const std::vector<int>& classes) {
  if (values.empty()) return 1.0;
  double mean =
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
  double within = 0.0;
  for (std::size_t i = 0; i < values.size(); ++i) {
    auto c = static_cast<std::size_t>(classes[i]);
    double m = sum[c] / count[c];
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
  // Class 1 = lowest scores; tier 1 = best.
  auto tiers_from_classes = [&](const std::vector<int>& classes) {
    int k = *std::max_element(classes.begin(), classes.end());
    for (std::size_t i = 0; i < n; ++i)
      tiering.tier[i] = higher_is_better ? k - classes[i] + 1 : classes[i];
    tiering.tier_count = k;
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
    case TierSpec::Kind::quantile: {
      std::vector<double> sorted(scores);
      std::sort(sorted.begin(), sorted.end());
      const int k = spec.classes;
      std::vector<double> cuts;  // R's quantile type 7 at probabilities 1/k .. (k-1)/k
      for (int q = 1; q < k; ++q) {
        double h = (static_cast<double>(n) - 1.0) * q / k;
        auto lo = static_cast<std::size_t>(std::floor(h));
        std::size_t hi = std::min(lo + 1, n - 1);
        cuts.push_back(sorted[lo] + (h - static_cast<double>(lo)) * (sorted[hi] - sorted[lo]));
      }
      std::vector<int> classes(n);
      for (std::size_t i = 0; i < n; ++i)  // class c holds (cut[c-2], cut[c-1]]
        classes[i] = 1 + static_cast<int>(std::lower_bound(cuts.begin(), cuts.end(), scores[i]) -
                                          cuts.begin());
      // classes may skip numbers when cuts coincide; renumber densely
      std::vector<int> used(classes);
      std::sort(used.begin(), used.end());
      used.erase(std::unique(used.begin(), used.end()), used.end());
      for (auto& c : classes)
        c = 1 + static_cast<int>(std::lower_bound(used.begin(), used.end(), c) - used.begin());
      tiers_from_classes(classes);
      break;
    }
    case TierSpec::Kind::fisher:
      tiers_from_classes(fisher_classes(scores, spec.classes));
      break;
  }

  // Boundaries: the score a member of tier t must reach (its worst member), t = 1 .. T-1.
  std::vector<int> as_classes(n);
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
  for (std::size_t i = 0; i < n; ++i)
    as_classes[i] = tiering.tier_count - tiering.tier[i] + 1;
  tiering.gvf = goodness_of_variance_fit(scores, as_classes);
  return tiering;
}

}  // namespace materia
