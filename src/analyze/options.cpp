#include "materia/analyze/options.hpp"

#include <cmath>
#include <string_view>
#include <utility>

#include <nlohmann/json.hpp>

#include "analyze/options_object.hpp"
#include "base/json_util.hpp"
#include "materia/error.hpp"
#include "materia/limits.hpp"

namespace materia {

namespace {

using json = nlohmann::json;

using detail::json_type_name;

std::string string_option(const json& value, const std::string& key) {
  if (!value.is_string())
    throw_usage_error("option \"" + key + "\" must be a string, not " + json_type_name(value));
  return value.get<std::string>();
}

double number_option(const json& value, const std::string& key) {
  if (!value.is_number())
    throw_usage_error("option \"" + key + "\" must be a number, not " + json_type_name(value));
  double number = value.get<double>();
  if (!std::isfinite(number)) throw_usage_error("option \"" + key + "\" must be finite");
  return number;
}

// The options that set a threshold on a normalized axis, a number in [0, 1].
constexpr std::pair<std::string_view, double MatrixOptions::*> axis_thresholds[] = {
    {"stakeholder_threshold", &MatrixOptions::stakeholder_threshold},
    {"business_threshold", &MatrixOptions::business_threshold},
    {"composite_attention_threshold", &MatrixOptions::composite_attention_threshold},
    {"composite_importance_threshold", &MatrixOptions::composite_importance_threshold}};

// The field `key` sets if it names an axis threshold, else nullptr.
double MatrixOptions::*axis_threshold(const std::string& key) {
  for (const auto& [name, field] : axis_thresholds)
    if (name == key) return field;
  return nullptr;
}

double unit_option(const json& value, const std::string& key) {
  double threshold = number_option(value, key);
  if (threshold < 0 || threshold > 1)
    throw_usage_error("option \"" + key + "\" " + value.dump() +
                      " is not in [0, 1] (the axes are normalized)");
  return threshold;
}

}  // namespace

std::optional<json> parse_options_object(std::string_view json_text, const std::string& what) {
  if (json_text.find_first_not_of(" \t\r\n") == std::string_view::npos) return std::nullopt;
  json root = json::parse(json_text, nullptr, /*allow_exceptions=*/false);
  if (root.is_discarded())
    throw_usage_error(what + " are not valid JSON: " + std::string(json_text));
  if (root.is_null()) return std::nullopt;
  if (!root.is_object())
    throw_usage_error(what + " must be a JSON object, not " + json_type_name(root));
  return root;
}

std::vector<std::string> analyze_option_names() {
  return {"method",
          "tiers",
          "universe",
          "combine",
          "stakeholder_threshold",
          "business_threshold",
          "rra_top_cutoff",
          "rra_exact",
          "pl_prior",
          "mc4_teleport",
          "axes",
          "axis_tiers",
          "borderline_band",
          "material",
          "composite_top",
          "composite_attention_threshold",
          "composite_importance_threshold",
          "roll_up"};
}

AnalyzeOptions analyze_options_from_json(std::string_view json_text) {
  AnalyzeOptions options;
  std::optional<json> root = parse_options_object(json_text, "options");
  if (!root) return options;
  for (const auto& [key, value] : root->items()) {
    if (value.is_null()) continue;  // null = the default, which is what Python's None means
    if (key == "method") {
      options.method = parse_method(string_option(value, key));
    } else if (key == "tiers") {
      options.tiers = TierSpec::parse(string_option(value, key));
    } else if (key == "universe") {
      double n = number_option(value, key);
      if (n < 1 || n != std::floor(n))
        throw_usage_error("option \"universe\" must be a whole number >= 1");
      if (n > static_cast<double>(limits::max_universe))  // the same limit analyze() applies
        throw_usage_error("option \"universe\" " + json(value).dump() + " is larger than " +
                          std::to_string(limits::max_universe) +
                          " (materia's limit; see docs/architecture.md, \"Limits\")");
      options.universe = static_cast<std::size_t>(n);
    } else if (key == "combine") {
      std::string text = string_option(value, key);
      auto rule = parse_combine_rule(text);
      if (!rule)
        throw_usage_error("unknown combine rule \"" + text + "\" (sum, max, product, distance)");
      options.combine = *rule;
    } else if (double MatrixOptions::*threshold = axis_threshold(key)) {
      options.matrix.*threshold = unit_option(value, key);
    } else if (key == "axes") {
      options.matrix.axes = parse_axis_aggregation(string_option(value, key));
    } else if (key == "axis_tiers") {
      options.matrix.axis_tiers = TierSpec::parse(string_option(value, key));
    } else if (key == "borderline_band") {
      double band = number_option(value, key);
      if (band < 0) throw_usage_error("option \"borderline_band\" must be >= 0");
      options.matrix.borderline_band = band;
    } else if (key == "material") {
      options.matrix.material = parse_material_rule(string_option(value, key));
    } else if (key == "composite_top") {
      double k = number_option(value, key);
      if (k < 0 || k != std::floor(k) || k > 1e12)
        throw_usage_error("option \"composite_top\" must be a whole number >= 0");
      options.matrix.composite_top = static_cast<std::size_t>(k);
    } else if (key == "roll_up") {
      options.matrix.roll_up = parse_roll_up(string_option(value, key));
    } else if (key == "pl_prior") {
      double prior = number_option(value, key);
      if (prior < 0)
        throw_usage_error("option \"pl_prior\" " + value.dump() +
                          " must be a finite number >= 0 (0 = pure maximum likelihood)");
      options.pl_prior = prior;
    } else if (key == "mc4_teleport") {
      const double teleport = number_option(value, key);
      if (!(teleport > 0 && teleport <= 1))
        throw_usage_error("option \"mc4_teleport\" " + value.dump() +
                          " must be a number in (0, 1]");
      options.mc4_teleport = teleport;
    } else if (key == "rra_top_cutoff" || key == "rra_exact") {
      if (!value.is_boolean())
        throw_usage_error("option \"" + key + "\" must be a boolean, not " + json_type_name(value));
      (key == "rra_top_cutoff" ? options.rra_top_cutoff : options.rra_exact) = value.get<bool>();
    } else {
      std::string known;
      for (const auto& name : analyze_option_names())
        known += (known.empty() ? "" : ", ") + name;
      throw_usage_error("unknown option \"" + key + "\" (known: " + known + ")");
    }
  }
  return options;
}

}  // namespace materia
