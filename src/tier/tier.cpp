#include "materia/tier/tier.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <numeric>
#include <random>
#include <sstream>

#include "materia/error.hpp"
#include "materia/limits.hpp"
#include "materia/tier/dip_test.hpp"
#include "materia/tier/multiple_testing.hpp"
#include "model/enum_text.hpp"
#include "rank/compiled_kernels.hpp"
#include "runtime/parallel.hpp"
#include "tier/fisher.hpp"

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
// 8888888888888888888 differ, but not in 15 digits).
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
      // bounded so that the count converts to size_t (counts:1e308 would not fit)
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
  } else if (kind == "significance") {
    need_args();
    result.kind = Kind::significance;
    result.classes = 2;
    const auto second = args.find(':');
    const std::string_view correction =
        second == std::string_view::npos ? std::string_view("bonferroni") : args.substr(second + 1);
    if (correction == "bh")
      result.correction = Correction::bh;
    else if (correction != "bonferroni")
      throw_usage_error("tier spec \"" + spec + "\": the correction is bonferroni or bh, not \"" +
                        std::string(correction) + "\"");
    result.values = parse_list(args.substr(0, second), spec);
    if (result.values.size() != 1 || !(result.values[0] > 0 && result.values[0] < 1))
      throw_usage_error("tier spec \"" + spec + "\": give one significance level in (0, 1)");
  } else {
    throw_usage_error("unknown tier spec \"" + spec +
                      "\" (use counts:26,23,42, shares:0.3,0.3,0.4, thresholds:15,8, quantile:3, "
                      "fisher:3, fisher:auto, jenks:3, equal:3, headtail or significance:0.05)");
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
    case Kind::significance:
      return "significance:" + format_number(values.empty() ? 0.05 : values[0]) +
             (correction == Correction::bh ? ":bh" : "");
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

// In enumerator order.
constexpr std::string_view kBreakMethodNames[] = {"fisher", "jenks", "quantile", "equal",
                                                  "headtail"};

}  // namespace

std::string_view break_method_name(BreakMethod method) {
  return detail::enum_text(method, kBreakMethodNames, "fisher");
}

BreakMethod parse_break_method(std::string_view text) {
  if (auto method = detail::enum_from_text<BreakMethod>(text, kBreakMethodNames)) return *method;
  throw_usage_error("unknown breaks method \"" + std::string(text) +
                    "\" (known: fisher, jenks, quantile, equal, headtail)");
}

std::vector<int> fisher_classes(const std::vector<double>& values, int k) {
  return detail::with_usage_errors([&] {
    return kernels::fisher_classes(values, k, detail::PoolLoop{}, detail::simd_fisher());
  });
}

Breaks natural_breaks(const std::vector<double>& values, int k, BreakMethod method,
                      double headtail_threshold, const Execution& execution) {
  return detail::with_usage_errors([&] {
    return kernels::natural_breaks(values, k, method, headtail_threshold,
                                   detail::PoolLoop{execution.threads}, detail::simd_fisher());
  });
}

int gvf_elbow(const std::vector<double>& values, int max_k) {
  return detail::with_usage_errors(
      [&] { return kernels::gvf_elbow(values, max_k, detail::PoolLoop{}, detail::simd_fisher()); });
}

double goodness_of_variance_fit(const std::vector<double>& values,
                                const std::vector<int>& classes) {
  return kernels::goodness_of_variance_fit(values, classes);
}

Tiering assign_tiers(const std::vector<double>& scores, const std::vector<std::size_t>& order,
                     bool higher_is_better, const TierSpec& spec,
                     const std::vector<double>* p_values) {
  const std::size_t n = scores.size();
  Tiering tiering;
  tiering.tier.assign(n, 1);
  if (spec.kind == TierSpec::Kind::significance) {
    if (!p_values)
      throw_usage_error("tier spec \"" + spec.to_string() +
                        "\" needs a method whose scores are p-values (rra or stuart)");
    if (p_values->size() != n)
      throw_usage_error("significance tiers: " + std::to_string(p_values->size()) +
                        " p-values for " + std::to_string(n) + " scores");
  }
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
    case TierSpec::Kind::significance: {
      const std::vector<double> corrected = spec.correction == TierSpec::Correction::bh
                                                ? bh_adjust(*p_values)
                                                : bonferroni_adjust(*p_values);
      for (std::size_t i = 0; i < n; ++i)
        tiering.tier[i] = corrected[i] <= spec.values[0] ? 1 : 2;
      tiering.tier_count = 2;
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
  if (spec.kind == TierSpec::Kind::significance && tiering.breaks.empty()) {
    // no issue is significant: the boundary lies just beyond the best score, which nothing reaches
    const double best = higher_is_better ? *std::max_element(scores.begin(), scores.end())
                                         : *std::min_element(scores.begin(), scores.end());
    tiering.breaks.push_back(std::nextafter(best, higher_is_better
                                                      ? std::numeric_limits<double>::infinity()
                                                      : -std::numeric_limits<double>::infinity()));
  }
  std::vector<int> as_classes(n);
  for (std::size_t i = 0; i < n; ++i)
    as_classes[i] = tiering.tier_count - tiering.tier[i] + 1;
  tiering.gvf = goodness_of_variance_fit(scores, as_classes);
  return tiering;
}

BreakEvidence break_evidence(const std::vector<double>& values, int classes,
                             const Execution& execution) {
  BreakEvidence evidence;
  const auto n = static_cast<double>(values.size());
  const double per_class = n / std::max(classes, 1);
  evidence.gvf_no_structure = n > 1 ? 1.0 - (per_class * per_class - 1.0) / (n * n - 1.0) : 1.0;
  const DipStatistic observed = dip_statistic(values);
  evidence.dip = observed.dip;
  // dip_test(values, kDipReplicates, 1)'s p-value, its replicates counted in fixed pieces on the
  // pool: each piece starts from the generator's state after the pieces before it (a count of
  // replicates does not depend on which thread counted them).
  constexpr std::size_t kPieces = 20;
  static_assert(kDipReplicates % kPieces == 0);
  constexpr std::size_t kPerPiece = kDipReplicates / kPieces;
  std::vector<std::mt19937_64> start(kPieces);
  std::mt19937_64 generator(1);
  for (std::size_t piece = 0; piece < kPieces; ++piece) {
    start[piece] = generator;
    generator.discard(static_cast<unsigned long long>(kPerPiece * values.size()));
  }
  const double threshold = detail::dip_count_threshold(observed.dip);
  std::vector<std::size_t> at_least(kPieces, 0);
  detail::parallel_for(kPieces, execution.threads, [&](std::size_t piece) {
    at_least[piece] = detail::dips_at_least(start[piece], values.size(), kPerPiece, threshold);
  });
  const std::size_t total = std::accumulate(at_least.begin(), at_least.end(), std::size_t{0});
  evidence.dip_p_value = static_cast<double>(total + 1) / static_cast<double>(kDipReplicates + 1);
  return evidence;
}

}  // namespace materia
