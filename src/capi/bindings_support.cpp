#include "capi/bindings_support.hpp"

#include <algorithm>
#include <cmath>

#include "materia/error.hpp"
#include "materia/explain/explain.hpp"
#include "materia/analyze/options.hpp"
#include "materia/uncertainty/uncertainty.hpp"

namespace materia::binding {

namespace {

using json = nlohmann::json;
using ojson = nlohmann::ordered_json;

// The binding's own keys, in documentation order.
const std::vector<std::string>& own_keys() {
  static const std::vector<std::string> keys{
      "bootstrap", "seed", "threads", "leave_one_out", "aliases", "strict", "fuzzy_threshold"};
  return keys;
}

std::string type_name(const json& value) {
  return value.is_number() ? "number" : value.is_boolean() ? "boolean" : value.type_name();
}

// A whole number in [0, limit] (JSON integers and integral doubles alike).
std::uint64_t whole_option(const json& value, const std::string& key, double limit) {
  if (!value.is_number())
    throw_usage_error("option \"" + key + "\" must be a number, not " + type_name(value));
  if (value.is_number_unsigned()) {
    auto n = value.get<std::uint64_t>();
    if (static_cast<double>(n) <= limit) return n;
  } else {
    double n = value.get<double>();
    if (n >= 0 && n == std::floor(n) && n <= limit) return static_cast<std::uint64_t>(n);
  }
  throw_usage_error("option \"" + key + "\" must be a whole number from 0 to " +
                    json(limit).dump());
}

bool bool_option(const json& value, const std::string& key) {
  if (!value.is_boolean())
    throw_usage_error("option \"" + key + "\" must be a boolean, not " + type_name(value));
  return value.get<bool>();
}

double unit_option(const json& value, const std::string& key) {
  if (!value.is_number())
    throw_usage_error("option \"" + key + "\" must be a number, not " + type_name(value));
  double x = value.get<double>();
  if (!(x >= 0 && x <= 1)) throw_usage_error("option \"" + key + "\" must be in [0, 1]");
  return x;
}

// "aliases": a path, or an array of paths and {"name","target"} objects, in order.
std::vector<Alias> alias_option(const json& value) {
  std::vector<Alias> aliases;
  auto add = [&](std::vector<Alias> more) {
    aliases.insert(aliases.end(), std::make_move_iterator(more.begin()),
                   std::make_move_iterator(more.end()));
  };
  if (value.is_string()) {
    add(load_alias_file(value.get<std::string>()));
    return aliases;
  }
  if (!value.is_array())
    throw_usage_error("option \"aliases\" must be a file name or an array, not " +
                      type_name(value));
  for (std::size_t i = 0; i < value.size(); ++i) {
    const json& item = value[i];
    if (item.is_string()) {
      add(load_alias_file(item.get<std::string>()));
    } else if (item.is_object()) {
      // The core's own alias reader, so inline aliases are checked like a JSON alias file.
      add(parse_aliases(json::array({item}).dump(), "<options>: aliases[" + std::to_string(i) + "]",
                        true));
    } else {
      throw_usage_error(
          "option \"aliases\" lists file names and {\"name\", \"target\"} "
          "objects, not a " +
          type_name(item));
    }
  }
  return aliases;
}

std::string joined(const std::vector<std::string>& names) {
  std::string text;
  for (const auto& name : names)
    text += (text.empty() ? "" : ", ") + name;
  return text;
}

ojson number(double value) {
  return std::isfinite(value) ? ojson(value) : ojson(nullptr);
}

}  // namespace

std::vector<std::string> request_option_names() {
  std::vector<std::string> names = analyze_option_names();
  for (const auto& key : own_keys())
    if (std::find(names.begin(), names.end(), key) == names.end()) names.push_back(key);
  return names;
}

Request parse_request(std::string_view json_text) {
  Request request;
  json root;
  if (json_text.find_first_not_of(" \t\r\n") != std::string_view::npos)
    root = json::parse(json_text, nullptr, /*allow_exceptions=*/false);
  // Not an object (or not JSON): the core says what is wrong, in its words.
  if (!root.is_object()) {
    request.options = analyze_options_from_json(json_text);
    return request;
  }
  const std::vector<std::string> core = analyze_option_names();
  json rest = json::object();
  for (const auto& [key, value] : root.items()) {
    const bool own = std::find(core.begin(), core.end(), key) == core.end() &&
                     std::find(own_keys().begin(), own_keys().end(), key) != own_keys().end();
    if (!own) {
      if (std::find(core.begin(), core.end(), key) == core.end())
        throw_usage_error("unknown option \"" + key +
                          "\" (known: " + joined(request_option_names()) + ")");
      rest[key] = value;
      continue;
    }
    if (value.is_null()) continue;  // null = the default, as in the core
    if (key == "bootstrap")
      request.bootstrap = static_cast<std::size_t>(whole_option(value, key, 1e7));
    else if (key == "seed")
      request.seed = whole_option(value, key, 9007199254740992.0);  // 2^53: exact in JSON
    else if (key == "threads")
      request.execution.threads = static_cast<unsigned>(whole_option(value, key, 4096));
    else if (key == "leave_one_out")
      request.leave_one_out = bool_option(value, key);
    else if (key == "strict")
      request.options.strict = bool_option(value, key);
    else if (key == "fuzzy_threshold")
      request.options.normalize.threshold = unit_option(value, key);
    else if (key == "aliases")
      request.options.aliases = alias_option(value);
  }
  AnalyzeOptions core_options = analyze_options_from_json(rest.dump());
  // Keep what the binding keys set; everything else is the core's.
  core_options.aliases = std::move(request.options.aliases);
  core_options.strict = request.options.strict;
  core_options.normalize = request.options.normalize;
  request.options = std::move(core_options);
  return request;
}

Analysis run_analysis(const Dataset& dataset, Request request) {
  Analysis analysis{std::make_shared<const Dataset>(dataset), std::move(request), Result{}};
  const Dataset& data = *analysis.dataset;
  const Request& r = analysis.request;
  analysis.result = analyze(data, r.options, r.execution);
  if (r.bootstrap > 0) {
    BootstrapOptions bootstrap_options;
    bootstrap_options.replicates = r.bootstrap;
    bootstrap_options.seed = r.seed;
    attach_bootstrap(analysis.result,
                     bootstrap(data, analysis.result, r.options, bootstrap_options, r.execution));
  }
  if (r.leave_one_out)
    attach_leave_one_out(analysis.result,
                         leave_one_out(data, analysis.result, r.options, r.execution));
  return analysis;
}

nlohmann::ordered_json explain_json(const Analysis& analysis, std::string_view issue) {
  return to_json(explain(*analysis.dataset, analysis.result, analysis.request.options, issue));
}

nlohmann::ordered_json breaks_json(const Breaks& breaks, std::string_view method) {
  ojson out;
  out["breaks"] = breaks.breaks;
  out["classes"] = breaks.classes;
  out["gvf"] = breaks.gvf;
  out["method"] = std::string(method);
  out["class_count"] = breaks.class_count;
  return out;
}

void check_finite_values(const std::vector<double>& values, std::string_view what) {
  for (std::size_t i = 0; i < values.size(); ++i)
    if (!std::isfinite(values[i]))
      throw_input_error(std::string(what) + " " + std::to_string(i + 1) +
                        " is not a finite number");
}

void check_no_nan(const std::vector<double>& values, bool omit, const std::string& what,
                  std::string_view omit_hint) {
  if (omit) return;
  for (std::size_t i = 0; i < values.size(); ++i)
    if (std::isnan(values[i]))
      throw_input_error(what + " " + std::to_string(i + 1) + " is NaN (" + std::string(omit_hint) +
                        " to leave such values out)");
}

Breaks natural_breaks_named(const std::vector<double>& values, int k, std::string_view method,
                            double headtail_threshold) {
  const bool automatic = method == "fisher:auto";
  BreakMethod kind = automatic ? BreakMethod::fisher : parse_break_method(method);
  if (!automatic && kind != BreakMethod::headtail && k < 1)
    throw_usage_error("the number of classes must be at least 1");
  if (!(headtail_threshold > 0 && headtail_threshold < 1))
    throw_usage_error("the head/tail threshold must be in (0, 1)");
  check_finite_values(values);
  if (values.empty()) return Breaks{};
  if (automatic) k = gvf_elbow(values, 10);
  return natural_breaks(values, std::max(k, 1), kind, headtail_threshold);
}

nlohmann::ordered_json agreement_json(const Agreement& agreement, std::size_t show) {
  const Concordance& c = agreement.concordance;
  const auto& firms = agreement.typicality;
  show = std::min(show, firms.size());
  ojson out;
  out["w"] = number(c.w);
  out["chi_square"] = number(c.chi_square);
  out["df"] = c.df;
  out["p_value"] = number(c.p_value);
  out["raters"] = c.raters;
  out["items"] = c.items;
  out["partial_lists"] = "unlisted issues tie below the listed ones";
  out["most_typical"] = ojson::array();
  out["least_typical"] = ojson::array();
  for (std::size_t i = 0; i < show; ++i) {
    out["most_typical"].push_back(firms[i].id);
    out["least_typical"].push_back(firms[firms.size() - 1 - i].id);
  }
  out["firms"] = ojson::array();
  for (const auto& firm : firms)
    out["firms"].push_back({{"id", firm.id}, {"rho", number(firm.rho)}, {"listed", firm.listed}});
  return out;
}

namespace {
ojson candidate_json(const Candidate* c) {
  if (!c) return nullptr;
  return {{"id", c->id}, {"name", c->name}, {"score", c->score}, {"via", c->via}};
}
}  // namespace

nlohmann::ordered_json resolution_json(const Resolution& r) {
  const bool found = !r.id.empty();
  ojson item;
  item["input"] = r.input;
  item["id"] = found ? ojson(r.id) : ojson(nullptr);
  item["name"] = found ? ojson(r.name) : ojson(nullptr);
  item["match"] = std::string(match_kind_name(r.match));
  item["score"] = r.score;
  item["key"] = r.key;
  item["reason"] = r.reason;
  item["runner_up"] = candidate_json(r.runner_up());
  ojson candidates = ojson::array();
  for (const auto& c : r.candidates)
    candidates.push_back(candidate_json(&c));
  item["candidates"] = candidates;
  return item;
}

NormalizerSettings parse_normalizer_settings(std::string_view json_text) {
  NormalizerSettings settings;
  if (json_text.find_first_not_of(" \t\r\n") == std::string_view::npos) return settings;
  json root = json::parse(json_text, nullptr, /*allow_exceptions=*/false);
  if (root.is_discarded())
    throw_usage_error("normalizer options are not valid JSON: " + std::string(json_text));
  if (root.is_null()) return settings;
  if (!root.is_object())
    throw_usage_error("normalizer options must be a JSON object, not " + type_name(root));
  for (const auto& [key, value] : root.items()) {
    if (value.is_null()) continue;
    if (key == "aliases")
      settings.aliases = alias_option(value);
    else if (key == "threshold")
      settings.options.threshold = unit_option(value, key);
    else if (key == "margin")
      settings.options.margin = unit_option(value, key);
    else if (key == "fuzzy")
      settings.options.fuzzy = bool_option(value, key);
    else if (key == "candidates")
      settings.options.candidates =
          std::max<std::size_t>(static_cast<std::size_t>(whole_option(value, key, 1000)), 1);
    else
      throw_usage_error("unknown normalizer option \"" + key +
                        "\" (known: aliases, threshold, margin, fuzzy, candidates)");
  }
  return settings;
}

}  // namespace materia::binding
