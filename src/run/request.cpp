#include "materia/run/request.hpp"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <limits>
#include <utility>

#include <nlohmann/json.hpp>

#include "analyze/options_object.hpp"
#include "base/json_util.hpp"
#include "materia/error.hpp"
#include "materia/limits.hpp"
#include "materia/run/inputs.hpp"
#include "run/given_option.hpp"

namespace materia {

namespace {

using json = nlohmann::json;

using detail::Given;
using detail::json_type_name;

// A fixed threshold on a [0, 1] axis. NaN inside MatrixOptions means "not fixed", so a typed
// "nan" is refused here.
double axis_threshold(const Given& given) {
  double value = given.number();
  if (!(value >= 0 && value <= 1))
    throw_usage_error(given.name() + " " + given.written() +
                      " is not in [0, 1] (the axes are normalized)");
  return value;
}

// The declaration of an option: what request_options() shows, and how a value sets it.
struct Declaration {
  RequestOption option;
  void (*set)(Request&, const Given&);
};

const std::vector<Declaration>& declarations() {
  using T = OptionType;
  static const std::vector<Declaration> table = {
      {{"method", "--method", T::text,
        "Aggregation method: borda-normalized (default), borda, dowdall, attention, mean-rank, "
        "median-rank, geomean-rank, rra, stuart, mc4, copeland, schulze, kemeny, plackett-luce"},
       [](Request& r, const Given& v) { r.options.method = parse_method(v.text()); }},
      {{"tiers", "--tiers", T::text,
        "Tier spec: counts:26,23,42 | shares:.. | thresholds:.. | quantile:K | fisher:K | "
        "fisher:auto | jenks:K | equal:K | headtail | significance:ALPHA[:bh] (rra, stuart; "
        "default fisher:3)"},
       [](Request& r, const Given& v) { r.options.tiers = TierSpec::parse(v.text()); }},
      {{"universe", "--universe", T::whole,
        "N, the number of issues rankings are out of (default: distinct issues)"},
       [](Request& r, const Given& v) {
         double n = v.number();
         if (n < 1 || n != std::floor(n))
           throw_usage_error(v.name() + " must be a whole number >= 1");
         if (n > static_cast<double>(limits::max_universe))  // the same limit analyze() applies
           throw_usage_error(v.name() + " " + v.written() + " is larger than " +
                             std::to_string(limits::max_universe) +
                             " (materia's limit; see docs/architecture.md, \"Limits\")");
         r.options.universe = static_cast<std::size_t>(n);
       }},
      {{"combine", "--combine", T::text,
        "How coordinates rank issues inside a firm: sum (default), max, product, distance"},
       [](Request& r, const Given& v) {
         std::string text = v.text();
         auto rule = parse_combine_rule(text);
         if (!rule)
           throw_usage_error(
               (v.on_command_line() ? "unknown " + v.name() : "unknown combine rule") + " \"" +
               text + "\" (sum, max, product, distance)");
         r.options.combine = *rule;
       }},
      {{"stakeholder_threshold", "--stakeholder-threshold", T::number,
        "Fixed threshold on the [0,1] stakeholder axis (default: by --axis-tiers)"},
       [](Request& r, const Given& v) {
         r.options.matrix.stakeholder_threshold = axis_threshold(v);
       }},
      {{"business_threshold", "--business-threshold", T::number,
        "Fixed threshold on the [0,1] business axis (default: by --axis-tiers)"},
       [](Request& r, const Given& v) { r.options.matrix.business_threshold = axis_threshold(v); }},
      {{"rra_top_cutoff", "--rra-top-cutoff", T::flag,
        "rra: each firm's list covers only its top k of N (RobustRankAggreg topCutoff)"},
       [](Request& r, const Given& v) { r.options.rra_top_cutoff = v.flag(); }},
      {{"rra_exact", "--rra-exact", T::flag,
        "rra: Stuart's exact correction instead of the Bonferroni factor (small m)"},
       [](Request& r, const Given& v) { r.options.rra_exact = v.flag(); }},
      {{"pl_prior", "--pl-prior", T::number,
        "plackett-luce: pseudo-rankings prior, >= 0; 0 = pure maximum likelihood (default 0.5)"},
       [](Request& r, const Given& v) {
         double prior = v.number();
         if (!(std::isfinite(prior) && prior >= 0))
           throw_usage_error(v.name() + " " + v.written() +
                             " must be a finite number >= 0 (0 = pure maximum likelihood)");
         r.options.pl_prior = prior;
       }},
      {{"mc4_teleport", "--mc4-teleport", T::number,
        "mc4: the probability of a uniform jump, in (0, 1] (default 0.15)"},
       [](Request& r, const Given& v) {
         const double teleport = v.number();
         if (!(teleport > 0 && teleport <= 1))
           throw_usage_error(v.name() + " " + v.written() + " must be a number in (0, 1]");
         r.options.mc4_teleport = teleport;
       }},
      {{"axes", "--axes", T::text,
        "How each matrix axis combines firms: shrunk (default: listing firms' mean position, "
        "shrunk by empirical Bayes), method or positions"},
       [](Request& r, const Given& v) {
         r.options.matrix.axes = parse_axis_aggregation(v.text());
       }},
      {{"axis_tiers", "--axis-tiers", T::text,
        "Tiering that sets an axis threshold that is not fixed: its top class is material "
        "(default fisher:2)"},
       [](Request& r, const Given& v) { r.options.matrix.axis_tiers = TierSpec::parse(v.text()); }},
      {{"borderline_band", "--borderline-band", T::number,
        "Flag issues this close to a deciding threshold for review (default 0.05)"},
       [](Request& r, const Given& v) {
         double band = v.number();
         if (!(band >= 0)) throw_usage_error(v.name() + " must be >= 0");
         r.options.matrix.borderline_band = band;
       }},
      {{"material", "--material", T::text, "Material if either axis passes (default) or both"},
       [](Request& r, const Given& v) {
         r.options.matrix.material = parse_material_rule(v.text());
       }},
      {{"composite_top", "--composite-top", T::whole,
        "Composite matrix over the K issues with the most attention (report: 29; default all)"},
       [](Request& r, const Given& v) {
         double k = v.number();
         if (k < 0 || k != std::floor(k) || k > 1e12)
           throw_usage_error(v.name() + " must be a whole number >= 0");
         r.options.matrix.composite_top = static_cast<std::size_t>(k);
       }},
      {{"composite_attention_threshold", "--composite-attention-threshold", T::number,
        "Fixed composite-matrix threshold on attention share in [0,1] (default: by "
        "--axis-tiers)"},
       [](Request& r, const Given& v) {
         r.options.matrix.composite_attention_threshold = axis_threshold(v);
       }},
      {{"composite_importance_threshold", "--composite-importance-threshold", T::number,
        "Fixed composite-matrix threshold on importance in [0,1] (default: by --axis-tiers)"},
       [](Request& r, const Given& v) {
         r.options.matrix.composite_importance_threshold = axis_threshold(v);
       }},
      {{"roll_up", "--roll-up", T::text, "Topic roll-up: firms (default), max, mean or weight"},
       [](Request& r, const Given& v) { r.options.matrix.roll_up = parse_roll_up(v.text()); }},
      {{"bootstrap", "--bootstrap", T::whole,
        "Resample firms B times: 95% rank interval and P(tier) per issue"},
       [](Request& r, const Given& v) { r.bootstrap = static_cast<std::size_t>(v.whole(1e7)); }},
      {{"seed", "--seed", T::whole, "Seed of the bootstrap (default 1)"},
       [](Request& r, const Given& v) {
         r.seed = v.whole(9007199254740992.0);  // 2^53: exact in JSON
       }},
      {{"threads", "--threads", T::whole,
        "Threads for loading, the analysis, --bootstrap and --leave-one-out (default: all "
        "cores; the output does not depend on it)"},
       [](Request& r, const Given& v) {
         r.execution.threads = static_cast<unsigned>(
             std::min<std::uint64_t>(v.whole(4096), std::numeric_limits<unsigned>::max()));
       }},
      {{"leave_one_out", "--leave-one-out", T::flag,
        "Report the firm whose removal moves each issue's rank most"},
       [](Request& r, const Given& v) { r.leave_one_out = v.flag(); }},
      {{"aliases", "--aliases", T::texts,
        "Alias file (CSV name,target; JSON; or a decided normalize --review file); repeatable"},
       [](Request& r, const Given& v) { r.options.aliases = v.aliases(); }},
      {{"strict", "--strict", T::flag, "A name matched only fuzzily is an error, not a warning"},
       [](Request& r, const Given& v) { r.options.strict = v.flag(); }},
      {{"fuzzy_threshold", "--fuzzy-threshold", T::number,
        "Minimum similarity for a fuzzy name match in [0,1] (default 0.75)"},
       [](Request& r, const Given& v) { r.options.normalize.threshold = v.unit(); }},
  };
  return table;
}

std::string joined(const std::vector<std::string>& names) {
  std::string text;
  for (const auto& name : names)
    text += (text.empty() ? "" : ", ") + name;
  return text;
}

}  // namespace

const std::vector<RequestOption>& request_options() {
  static const std::vector<RequestOption> options = [] {
    std::vector<RequestOption> list;
    for (const auto& declaration : declarations())
      list.push_back(declaration.option);
    return list;
  }();
  return options;
}

std::vector<std::string> request_option_names() {
  std::vector<std::string> names;
  for (const auto& option : request_options())
    names.emplace_back(option.key);
  return names;
}

Request parse_request(std::string_view json_text) {
  Request request;
  std::optional<json> root = parse_options_object(json_text, "options");
  if (!root) return request;
  const auto& table = declarations();
  for (const auto& [key, value] : root->items()) {
    auto it = std::find_if(table.begin(), table.end(),
                           [&key = key](const Declaration& d) { return d.option.key == key; });
    if (it == table.end())
      throw_usage_error("unknown option \"" + key + "\" (known: " + joined(request_option_names()) +
                        ")");
    if (value.is_null()) continue;  // null = the default, which is what Python's None means
    it->set(request, Given(it->option, value));
  }
  return request;
}

NormalizerSettings normalizer_settings_from_json(std::string_view json_text) {
  NormalizerSettings settings;
  std::optional<json> root = parse_options_object(json_text, "normalizer options");
  if (!root) return settings;
  for (const auto& [key, value] : root->items()) {
    if (value.is_null()) continue;
    const RequestOption option{key, "", OptionType::text, ""};
    const Given given(option, value);
    if (key == "aliases")
      settings.aliases = given.aliases();
    else if (key == "threshold")
      settings.options.threshold = given.unit();
    else if (key == "margin")
      settings.options.margin = given.unit();
    else if (key == "fuzzy")
      settings.options.fuzzy = given.flag();
    else if (key == "candidates")
      settings.options.candidates = std::max<std::size_t>(given.whole(1000), 1);
    else
      throw_usage_error("unknown normalizer option \"" + key +
                        "\" (known: aliases, threshold, margin, fuzzy, candidates)");
  }
  return settings;
}

void set_option_from_flag(Request& request, const RequestOption& option, const FlagValue& value,
                          std::string_view written) {
  const auto& table = declarations();
  auto it = std::find_if(table.begin(), table.end(),
                         [&option](const Declaration& d) { return d.option.key == option.key; });
  if (it == table.end()) throw_usage_error("unknown option \"" + std::string(option.key) + "\"");
  it->set(request, Given(it->option, value, written));
}

}  // namespace materia
