// ESRS-style double materiality assessment of one firm (EFRAG IG 1; ESRS 1 §§43-51).
#include "materia/workflows/assess.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <set>
#include <tuple>

#include "base/csv.hpp"
#include "base/enum_names.hpp"
#include "base/json_members.hpp"
#include "base/json_root.hpp"
#include "base/json_util.hpp"
#include "base/number_text.hpp"
#include "base/twelve_digits.hpp"
#include "materia/error.hpp"
#include "materia/io/io.hpp"
#include "output/text_table.hpp"
#include "workflows/assess_json.hpp"

namespace materia {

namespace {

using nlohmann::json;
using ojson = nlohmann::ordered_json;

using detail::name_of;

constexpr detail::EnumName<TimeHorizon> horizon_names[] = {{TimeHorizon::short_term, "short"},
                                                           {TimeHorizon::medium_term, "medium"},
                                                           {TimeHorizon::long_term, "long"}};
constexpr detail::EnumName<ValueChain> chain_names[] = {
    {ValueChain::upstream, "upstream"},
    {ValueChain::own_operations, "own_operations"},
    {ValueChain::downstream, "downstream"}};
constexpr detail::EnumName<IroKind> kind_names[] = {
    {IroKind::impact, "impact"}, {IroKind::risk, "risk"}, {IroKind::opportunity, "opportunity"}};
constexpr detail::EnumName<Sign> sign_names[] = {{Sign::negative, "negative"},
                                                 {Sign::positive, "positive"}};
constexpr detail::EnumName<Occurrence> occurrence_names[] = {{Occurrence::actual, "actual"},
                                                             {Occurrence::potential, "potential"}};
constexpr detail::EnumName<ScoreState> score_state_names[] = {
    {ScoreState::scored, "scored"},
    {ScoreState::not_applicable, "not_applicable"},
    {ScoreState::not_assessed, "not_assessed"},
    {ScoreState::unknown, "unknown"}};
constexpr detail::EnumName<SeverityRule> severity_rule_names[] = {
    {SeverityRule::mean, "mean"},
    {SeverityRule::max, "max"},
    {SeverityRule::mean_max, "mean-max"},
    {SeverityRule::product, "product"}};
constexpr detail::EnumName<Outcome> outcome_names[] = {
    {Outcome::material, "material"},         {Outcome::borderline, "borderline"},
    {Outcome::not_material, "not_material"}, {Outcome::not_applicable, "not_applicable"},
    {Outcome::not_assessed, "not_assessed"}, {Outcome::unknown, "unknown"}};

std::string rating_text(const Rating& r) {
  return r.state == ScoreState::scored ? detail::twelve_digits(r.value)
                                       : std::string(score_state_name(r.state));
}

// The worse of two missing states: "not assessed" (nobody looked) outranks "unknown" (looked, no
// answer).
ScoreState missing(ScoreState a, ScoreState b) {
  if (a == ScoreState::not_assessed || b == ScoreState::not_assessed)
    return ScoreState::not_assessed;
  return ScoreState::unknown;
}

class Reader {
 public:
  Reader(const std::string& source, const std::string& firm, const std::string& iro)
      : where_{source, firm, iro} {}

  [[noreturn]] void fail(const std::string& message) const { throw_input_error(message, where_); }

  template <typename Enum, std::size_t N>
  Enum choice(const json& object, const char* key,
              const detail::EnumName<Enum> (&options)[N]) const {
    std::string text = detail::get_string(object, key, where_, true);
    if (auto value = detail::value_named(options, text)) return *value;
    fail(std::string("field \"") + key + "\" must be one of " + detail::name_list(options, ", ") +
         ", not \"" + text + "\"");
  }

  // A rating on [lo, hi], or "unknown" / "not_assessed" / "not_applicable"; absent = nullopt.
  std::optional<Rating> rating(const json& object, const char* key, double lo, double hi) const {
    auto it = object.find(key);
    if (it == object.end() || it->is_null()) return std::nullopt;
    if (it->is_string()) {
      std::string s = it->get<std::string>();
      if (auto state = detail::value_named(score_state_names, s);
          state && *state != ScoreState::scored)
        return Rating{*state, 0.0};
      fail(std::string("field \"") + key +
           "\" must be a number or unknown, not_assessed or not_applicable, not \"" + s + "\"");
    }
    if (!it->is_number())
      fail(std::string("field \"") + key + "\" must be a number, not a " +
           detail::json_type_name(*it));
    double x = it->get<double>();
    if (!std::isfinite(x) || x < lo || x > hi)
      fail(std::string("field \"") + key + "\" = " + detail::twelve_digits(x) + " is outside [" +
           detail::twelve_digits(lo) + ", " + detail::twelve_digits(hi) + "]");
    return Rating{ScoreState::scored, x};
  }

  const ErrorContext& where() const { return where_; }

 private:
  ErrorContext where_;
};

DimensionThreshold read_threshold(const json& rules, const char* key, const ErrorContext& where) {
  DimensionThreshold t;
  auto it = rules.find(key);
  if (it == rules.end()) return t;
  if (!it->is_object())
    throw_input_error(std::string("rules: \"") + key + "\" must be an object", where);
  detail::check_keys(*it, {"threshold", "borderline"}, std::string("rules \"") + key + "\"", where);
  if (auto v = detail::get_number(*it, "threshold", where)) t.threshold = *v;
  if (auto v = detail::get_number(*it, "borderline", where)) t.borderline = *v;
  if (t.borderline < 0)
    throw_input_error(std::string("rules: \"") + key + "\" borderline must not be negative", where);
  return t;
}

Iro read_iro(const json& item, const AssessmentRules& rules, const std::string& source,
             const std::string& firm) {
  if (!item.is_object()) throw_input_error("each IRO must be an object", {source, firm, ""});
  std::string id = detail::get_string(item, "id", {source, firm, ""}, false);
  if (id.empty()) throw_input_error("an IRO has no \"id\"", {source, firm, ""});
  Reader r(source, firm, id);
  detail::check_keys(item,
                     {"id", "topic", "description", "kind", "sign", "occurrence", "human_rights",
                      "time_horizon", "value_chain", "scale", "scope", "irremediability",
                      "likelihood", "effects", "decision", "rationale"},
                     "an IRO", r.where());
  Iro iro;
  iro.id = id;
  iro.topic = detail::get_string(item, "topic", r.where(), true);
  iro.description = detail::get_string(item, "description", r.where(), false);
  iro.rationale = detail::get_string(item, "rationale", r.where(), false);
  iro.kind = r.choice(item, "kind", kind_names);
  iro.value_chain = r.choice(item, "value_chain", chain_names);
  if (auto h = item.find("human_rights"); h != item.end() && !h->is_null()) {
    if (!h->is_boolean()) r.fail("field \"human_rights\" must be true or false");
    iro.human_rights = h->get<bool>();
  }
  if (auto d = item.find("decision"); d != item.end() && !d->is_null()) {
    std::string decision = d->is_string() ? d->get<std::string>() : "";
    if (decision == "material")
      iro.decided_material = true;
    else if (decision == "not_material")
      iro.decided_material = false;
    else
      r.fail("field \"decision\" must be \"material\" or \"not_material\"");
  }
  if (iro.kind == IroKind::impact) {
    iro.sign = r.choice(item, "sign", sign_names);
    iro.occurrence = r.choice(item, "occurrence", occurrence_names);
    iro.horizon = r.choice(item, "time_horizon", horizon_names);
    if (item.contains("effects"))
      r.fail("field \"effects\" applies only to risks and opportunities");
    auto required = [&](const char* key) {
      auto v = r.rating(item, key, rules.scale_min, rules.scale_max);
      if (!v)
        r.fail(std::string("missing field \"") + key + "\" (a number, unknown or not_assessed)");
      if (v->state == ScoreState::not_applicable)
        r.fail(std::string("field \"") + key + "\" cannot be not_applicable for an impact");
      return *v;
    };
    iro.scale = required("scale");
    iro.scope = required("scope");
    if (iro.sign == Sign::negative) {
      iro.irremediability = required("irremediability");
    } else {
      auto v = r.rating(item, "irremediability", rules.scale_min, rules.scale_max);
      if (v && v->state != ScoreState::not_applicable)
        r.fail("irremediability applies only to negative impacts (this impact is positive)");
      iro.irremediability = {ScoreState::not_applicable, 0.0};
    }
    auto likelihood = r.rating(item, "likelihood", 0.0, 1.0);
    if (iro.occurrence == Occurrence::potential) {
      if (!likelihood)
        r.fail("a potential impact needs \"likelihood\" (0 to 1, unknown or not_assessed)");
      if (likelihood->state == ScoreState::not_applicable)
        r.fail("field \"likelihood\" cannot be not_applicable for a potential impact");
      iro.likelihood = *likelihood;
    } else {
      if (likelihood && likelihood->state != ScoreState::not_applicable)
        r.fail("likelihood applies only to potential impacts (this impact is actual)");
      iro.likelihood = {ScoreState::not_applicable, 0.0};
    }
  } else {
    for (const char* key :
         {"sign", "occurrence", "scale", "scope", "irremediability", "likelihood", "time_horizon"})
      if (item.contains(key))
        r.fail(std::string("field \"") + key + "\" applies only to impacts; a " +
               std::string(name_of(kind_names, iro.kind)) + " gives \"effects\" per time horizon");
    iro.sign = iro.kind == IroKind::risk ? Sign::negative : Sign::positive;
    iro.occurrence = Occurrence::potential;
    auto effects = item.find("effects");
    if (effects == item.end() || !effects->is_array() || effects->empty())
      r.fail("a " + std::string(name_of(kind_names, iro.kind)) +
             " needs \"effects\": [{\"time_horizon\", \"magnitude\", \"likelihood\"}, ...]");
    std::set<TimeHorizon> seen;
    for (const auto& e : *effects) {
      if (!e.is_object()) r.fail("each effect must be an object");
      detail::check_keys(e, {"time_horizon", "magnitude", "likelihood"}, "an effect", r.where());
      FinancialEffect effect;
      effect.horizon = r.choice(e, "time_horizon", horizon_names);
      if (!seen.insert(effect.horizon).second)
        r.fail("time horizon \"" + std::string(name_of(horizon_names, effect.horizon)) +
               "\" appears twice");
      auto magnitude = r.rating(e, "magnitude", rules.scale_min, rules.scale_max);
      auto likelihood = r.rating(e, "likelihood", 0.0, 1.0);
      if (!magnitude || !likelihood)
        r.fail("the " + std::string(name_of(horizon_names, effect.horizon)) +
               "-term effect needs \"magnitude\" and \"likelihood\"");
      effect.magnitude = *magnitude;
      effect.likelihood = *likelihood;
      iro.effects.push_back(effect);
    }
  }
  return iro;
}

Score severity_of(const Iro& iro, SeverityRule rule, double scale_max) {
  Score s;
  s.rule = std::string(severity_rule_name(rule)) + " of scale, scope" +
           (iro.sign == Sign::negative ? ", irremediability"
                                       : " (irremediability only for negative impacts)");
  std::vector<std::pair<const char*, const Rating*>> parts = {{"scale", &iro.scale},
                                                              {"scope", &iro.scope}};
  if (iro.sign == Sign::negative) parts.push_back({"irremediability", &iro.irremediability});
  std::vector<double> values;
  std::optional<ScoreState> gap;
  for (const auto& [name, rating] : parts) {
    s.inputs.emplace_back(name, rating_text(*rating));
    if (rating->state == ScoreState::scored)
      values.push_back(rating->value);
    else
      gap = gap ? missing(*gap, rating->state) : rating->state;
  }
  if (gap) {
    s.state = *gap;
    return s;
  }
  double sum = 0.0, max = 0.0, product = 1.0;
  for (double v : values) {
    sum += v;
    max = std::max(max, v);
    product *= v;
  }
  double mean = sum / static_cast<double>(values.size());
  s.state = ScoreState::scored;
  switch (rule) {
    case SeverityRule::mean:
      s.value = mean;
      break;
    case SeverityRule::max:
      s.value = max;
      break;
    case SeverityRule::mean_max:
      s.value = (mean + max) / 2.0;
      break;
    case SeverityRule::product:
      // Divided by S^(n-1) to stay on the rating scale: all inputs at S give S.
      s.value = product / std::pow(scale_max, static_cast<double>(values.size() - 1));
      break;
  }
  return s;
}

Score product_score(const std::string& rule, const char* a_name, const Score& a, const char* b_name,
                    const Rating& b) {
  Score s;
  s.rule = rule;
  s.inputs = {{a_name, a.state == ScoreState::scored ? detail::twelve_digits(a.value)
                                                     : std::string(score_state_name(a.state))},
              {b_name, rating_text(b)}};
  if (a.state != ScoreState::scored || b.state != ScoreState::scored) {
    s.state = a.state != ScoreState::scored && b.state != ScoreState::scored
                  ? missing(a.state, b.state)
              : a.state != ScoreState::scored ? a.state
                                              : b.state;
    return s;
  }
  s.state = ScoreState::scored;
  s.value = a.value * b.value;
  return s;
}

// The maximum of several scores; not applicable ones are left out, missing ones make the result a
// lower bound in their state.
Score max_of(const std::string& rule,
             const std::vector<std::pair<std::string, const Score*>>& items) {
  Score s;
  s.rule = rule;
  std::optional<ScoreState> gap;
  bool any = false;
  for (const auto& [name, score] : items) {
    if (score->state == ScoreState::not_applicable) continue;
    s.inputs.emplace_back(
        name, score->state == ScoreState::scored
                  ? detail::twelve_digits(score->value) + (score->lower_bound ? " (at least)" : "")
                  : std::string(score_state_name(score->state)));
    if (score->state == ScoreState::scored || score->lower_bound) {
      s.value = any ? std::max(s.value, score->value) : score->value;
      any = true;
    }
    if (score->state != ScoreState::scored) gap = gap ? missing(*gap, score->state) : score->state;
  }
  if (s.inputs.empty()) {
    s.state = ScoreState::not_applicable;
    return s;
  }
  s.state = gap ? *gap : ScoreState::scored;
  s.lower_bound = gap.has_value() && any;
  if (!any) s.value = 0.0;
  return s;
}

Outcome outcome_of(const Score& s, const DimensionThreshold& t) {
  bool has_value = s.state == ScoreState::scored || s.lower_bound;
  if (has_value && s.value >= t.threshold)
    return Outcome::material;  // a lower bound that passes passes
  switch (s.state) {
    case ScoreState::not_applicable:
      return Outcome::not_applicable;
    case ScoreState::not_assessed:
      return Outcome::not_assessed;
    case ScoreState::unknown:
      return Outcome::unknown;
    case ScoreState::scored:
      break;
  }
  return s.value >= t.threshold - t.borderline ? Outcome::borderline : Outcome::not_material;
}

}  // namespace

std::string_view score_state_name(ScoreState state) {
  return name_of(score_state_names, state);
}

std::string_view severity_rule_name(SeverityRule rule) {
  return name_of(severity_rule_names, rule);
}

std::string_view outcome_name(Outcome outcome) {
  return name_of(outcome_names, outcome);
}

Assessment load_assessment_json(std::string_view text, const std::string& source) {
  json root = detail::parse_json(text, source);
  ErrorContext file{source, "", ""};
  detail::check_root_object(root, "an assessment", {"meta", "firm", "rules", "topics", "iros"},
                            file);
  Assessment a;
  a.source = source;
  std::tie(a.firm_id, a.firm_name) = detail::firm_of(root, file);
  ErrorContext where{source, a.firm_id, ""};
  if (auto rules = root.find("rules"); rules != root.end() && !rules->is_null()) {
    if (!rules->is_object()) throw_input_error("\"rules\" must be an object", where);
    detail::check_keys(*rules, {"severity", "scale", "impact", "financial"}, "rules", where);
    std::string severity = detail::get_string(*rules, "severity", where, false);
    if (severity.empty()) severity = name_of(severity_rule_names, SeverityRule::mean_max);
    auto rule = detail::value_named(severity_rule_names, severity);
    if (!rule)
      throw_input_error("rules: severity must be " + detail::name_list(severity_rule_names) +
                            ", not \"" + severity + "\"",
                        where);
    a.rules.severity = *rule;
    if (auto scale = rules->find("scale"); scale != rules->end()) {
      if (!scale->is_array() || scale->size() != 2 || !(*scale)[0].is_number() ||
          !(*scale)[1].is_number())
        throw_input_error("rules: \"scale\" must be [min, max]", where);
      a.rules.scale_min = (*scale)[0].get<double>();
      a.rules.scale_max = (*scale)[1].get<double>();
      if (!(a.rules.scale_min >= 0 && a.rules.scale_min < a.rules.scale_max &&
            std::isfinite(a.rules.scale_max)))
        throw_input_error("rules: \"scale\" needs 0 <= min < max", where);
    }
    a.rules.impact = read_threshold(*rules, "impact", where);
    a.rules.financial = read_threshold(*rules, "financial", where);
  }
  std::set<std::string> topic_ids;
  if (auto topics = root.find("topics"); topics != root.end() && !topics->is_null()) {
    if (!topics->is_array()) throw_input_error("\"topics\" must be an array", where);
    for (const auto& item : *topics) {
      detail::check_item_object(item, "topic", {"id", "name", "rationale"}, where);
      AssessmentTopic topic{detail::get_string(item, "id", where, true),
                            detail::get_string(item, "name", where, false),
                            detail::get_string(item, "rationale", where, false)};
      if (!topic_ids.insert(topic.id).second)
        throw_input_error("topic \"" + topic.id + "\" appears twice", where);
      a.topics.push_back(topic);
    }
  }
  auto iros = root.find("iros");
  if (iros == root.end() || !iros->is_array() || iros->empty())
    throw_input_error("needs a non-empty array \"iros\" (impacts, risks and opportunities)", where);
  std::set<std::string> ids;
  for (const auto& item : *iros) {
    Iro iro = read_iro(item, a.rules, source, a.firm_id);
    if (!ids.insert(iro.id).second)
      throw_input_error("IRO appears twice", {source, a.firm_id, iro.id});
    if (!topic_ids.count(iro.topic))
      throw_input_error("topic \"" + iro.topic + "\" is not declared in \"topics\"",
                        {source, a.firm_id, iro.id});
    a.iros.push_back(std::move(iro));
  }
  return a;
}

Assessment load_assessment_file(const std::string& path) {
  return load_assessment_json(read_file(path), path == "-" ? "<stdin>" : path);
}

AssessmentResult assess(const Assessment& a) {
  AssessmentResult result;
  result.firm_id = a.firm_id;
  result.firm_name = a.firm_name;
  result.rules = a.rules;
  for (const Iro& iro : a.iros) {
    ErrorContext where{a.source, a.firm_id, iro.id};
    IroResult r;
    r.id = iro.id;
    r.topic = iro.topic;
    r.kind = name_of(kind_names, iro.kind);
    r.sign = name_of(sign_names, iro.sign);
    r.occurrence = name_of(occurrence_names, iro.occurrence);
    r.time_horizon = iro.horizon ? name_of(horizon_names, *iro.horizon) : "";
    r.value_chain = name_of(chain_names, iro.value_chain);
    r.human_rights = iro.human_rights;
    r.rationale = iro.rationale;
    if (iro.kind == IroKind::impact) {
      r.severity = severity_of(iro, a.rules.severity, a.rules.scale_max);
      if (iro.occurrence == Occurrence::actual) {
        r.likelihood = {
            ScoreState::not_applicable, 0.0, false, "actual impact: likelihood does not apply", {}};
        r.impact = r.severity;
        r.impact.rule = "actual impact: severity";
        r.impact.inputs = {{"severity", r.severity.state == ScoreState::scored
                                            ? detail::twelve_digits(r.severity.value)
                                            : std::string(score_state_name(r.severity.state))}};
      } else {
        r.likelihood = {iro.likelihood.state, iro.likelihood.value, false, "given", {}};
        if (iro.human_rights && iro.sign == Sign::negative) {
          r.impact = r.severity;
          r.impact.rule =
              "potential human-rights impact: severity takes precedence over likelihood (ESRS 1 "
              "§45)";
          r.impact.inputs = {{"severity", r.severity.state == ScoreState::scored
                                              ? detail::twelve_digits(r.severity.value)
                                              : std::string(score_state_name(r.severity.state))},
                             {"likelihood (not applied)", rating_text(iro.likelihood)}};
        } else {
          r.impact = product_score("potential impact: severity x likelihood", "severity",
                                   r.severity, "likelihood", iro.likelihood);
        }
      }
      r.financial = {ScoreState::not_applicable,
                     0.0,
                     false,
                     "an impact: financial materiality is assessed on risks and opportunities",
                     {}};
    } else {
      r.severity = {ScoreState::not_applicable, 0.0, false, "not an impact", {}};
      r.likelihood = {
          ScoreState::not_applicable, 0.0, false, "per time horizon, see financial", {}};
      r.impact = {ScoreState::not_applicable, 0.0, false, "not an impact", {}};
      std::vector<Score> per_horizon;
      for (const auto& e : iro.effects) {
        Score magnitude{e.magnitude.state, e.magnitude.value, false, "given", {}};
        per_horizon.push_back(product_score("magnitude x likelihood", "magnitude", magnitude,
                                            "likelihood", e.likelihood));
      }
      std::vector<std::pair<std::string, const Score*>> items;
      for (std::size_t i = 0; i < iro.effects.size(); ++i)
        items.emplace_back(std::string(name_of(horizon_names, iro.effects[i].horizon)) + " (" +
                               rating_text(iro.effects[i].magnitude) + " x " +
                               rating_text(iro.effects[i].likelihood) + ")",
                           &per_horizon[i]);
      r.financial = max_of("max over time horizons of magnitude x likelihood", items);
    }
    r.impact_outcome = outcome_of(r.impact, a.rules.impact);
    r.financial_outcome = outcome_of(r.financial, a.rules.financial);

    auto describe = [&](const char* dimension, const Score& s, const DimensionThreshold& t) {
      return std::string(dimension) + " " + detail::twelve_digits(s.value) +
             (s.lower_bound ? " (at least)" : "") + " vs threshold " +
             detail::twelve_digits(t.threshold);
    };
    bool material =
        r.impact_outcome == Outcome::material || r.financial_outcome == Outcome::material;
    bool borderline =
        r.impact_outcome == Outcome::borderline || r.financial_outcome == Outcome::borderline;
    if (iro.decided_material && (material || !borderline))
      throw_input_error("\"decision\" applies only to borderline IROs (this one is not borderline)",
                        where);
    if (material) {
      r.status = "material";
      r.basis = r.impact_outcome == Outcome::material
                    ? describe("impact", r.impact, a.rules.impact)
                    : describe("financial", r.financial, a.rules.financial);
    } else if (borderline) {
      const Score& s = r.impact_outcome == Outcome::borderline ? r.impact : r.financial;
      const DimensionThreshold& t =
          r.impact_outcome == Outcome::borderline ? a.rules.impact : a.rules.financial;
      std::string band =
          describe(r.impact_outcome == Outcome::borderline ? "impact" : "financial", s, t) +
          ", within the borderline band " + detail::twelve_digits(t.borderline);
      if (!iro.decided_material)
        throw_input_error(
            "borderline (" + band +
                "): state \"decision\": \"material\" or \"not_material\", with a \"rationale\"",
            where);
      if (!*iro.decided_material && iro.rationale.empty())
        throw_input_error(
            "borderline IRO decided not material: every exclusion needs a \"rationale\"", where);
      r.status = *iro.decided_material ? "material" : "not_material";
      r.basis = "borderline (" + band + "), decided " + r.status;
    } else {
      Outcome gap =
          r.impact_outcome == Outcome::not_assessed || r.financial_outcome == Outcome::not_assessed
              ? Outcome::not_assessed
          : r.impact_outcome == Outcome::unknown || r.financial_outcome == Outcome::unknown
              ? Outcome::unknown
              : Outcome::not_material;
      r.status = std::string(outcome_name(gap));
      r.basis = gap == Outcome::not_material
                    ? (iro.kind == IroKind::impact
                           ? describe("impact", r.impact, a.rules.impact)
                           : describe("financial", r.financial, a.rules.financial)) +
                          ", below the borderline band"
                    : "undetermined: inputs " + r.status;
    }
    result.iros.push_back(std::move(r));
  }

  for (const auto& topic : a.topics) {
    TopicResult t;
    t.id = topic.id;
    t.name = topic.name;
    t.rationale = topic.rationale;
    std::vector<std::pair<std::string, const Score*>> negative, positive, risks, opportunities;
    bool any = false, undetermined_na = false, undetermined_unknown = false;
    for (std::size_t i = 0; i < a.iros.size(); ++i) {
      const Iro& iro = a.iros[i];
      const IroResult& r = result.iros[i];
      if (iro.topic != topic.id) continue;
      any = true;
      if (iro.kind == IroKind::impact)
        (iro.sign == Sign::negative ? negative : positive).emplace_back(iro.id, &r.impact);
      else
        (iro.kind == IroKind::risk ? risks : opportunities).emplace_back(iro.id, &r.financial);
      if (r.status == "material") {
        t.material_iros.push_back(iro.id);
        (iro.kind == IroKind::impact ? t.impact_material : t.financial_material) = true;
      }
      undetermined_na |= r.status == "not_assessed";
      undetermined_unknown |= r.status == "unknown";
    }
    // Kept apart, never netted: a positive impact does not offset a negative one.
    t.impact_negative = max_of("max over negative impacts", negative);
    t.impact_positive = max_of("max over positive impacts", positive);
    t.risk = max_of("max over risks", risks);
    t.opportunity = max_of("max over opportunities", opportunities);
    if (!any)
      t.status = "not_assessed";
    else if (!t.material_iros.empty())
      t.status = "material";
    else if (undetermined_na)
      t.status = "not_assessed";
    else if (undetermined_unknown)
      t.status = "unknown";
    else
      t.status = "not_material";
    if (t.status == "not_material" && t.rationale.empty())
      throw_input_error(
          "topic \"" + t.id + "\" is not material, so it is excluded: give its \"rationale\"",
          {a.source, a.firm_id, ""});
    result.topics.push_back(std::move(t));
  }
  return result;
}

void to_json(nlohmann::ordered_json& j, const Score& s) {
  j["state"] = std::string(score_state_name(s.state));
  if (s.state == ScoreState::scored || s.lower_bound)
    j["value"] = s.value;
  else
    j["value"] = nullptr;
  if (s.lower_bound) j["lower_bound"] = true;
  j["rule"] = s.rule;
  j["inputs"] = ojson::object();
  for (const auto& [k, v] : s.inputs)
    j["inputs"][k] = v;
}

namespace {

// `exact`: the shortest round-trip value (CSV) instead of twelve significant digits (tables).
std::string score_text(const Score& s, bool exact = false) {
  std::string value = exact ? detail::shortest_number(s.value) : detail::twelve_digits(s.value);
  if (s.state == ScoreState::scored) return value;
  if (s.lower_bound) return ">=" + value + " (" + std::string(score_state_name(s.state)) + ")";
  return std::string(score_state_name(s.state));
}

}  // namespace

nlohmann::ordered_json to_json(const AssessmentResult& result) {
  ojson json;
  json["firm"] = {{"id", result.firm_id}, {"name", result.firm_name}};
  json["rules"] = {{"severity", std::string(severity_rule_name(result.rules.severity))},
                   {"scale", {result.rules.scale_min, result.rules.scale_max}},
                   {"impact",
                    {{"threshold", result.rules.impact.threshold},
                     {"borderline", result.rules.impact.borderline}}},
                   {"financial",
                    {{"threshold", result.rules.financial.threshold},
                     {"borderline", result.rules.financial.borderline}}}};
  json["topics"] = ojson::array();
  for (const auto& t : result.topics) {
    ojson j;
    MATERIA_JSON_MEMBERS(j, t, id, name, status, impact_material, financial_material, material_iros,
                         impact_negative, impact_positive, risk, opportunity, rationale);
    json["topics"].push_back(j);
  }
  json["iros"] = ojson::array();
  for (const auto& r : result.iros) {
    ojson j;
    MATERIA_JSON_MEMBERS(j, r, id, topic, kind, sign, occurrence, human_rights, time_horizon,
                         value_chain, severity, likelihood, impact, financial);
    j["impact_outcome"] = std::string(outcome_name(r.impact_outcome));
    j["financial_outcome"] = std::string(outcome_name(r.financial_outcome));
    MATERIA_JSON_MEMBERS(j, r, status, basis, rationale);
    json["iros"].push_back(j);
  }
  return json;
}

std::string to_json_text(const AssessmentResult& result, int indent) {
  return to_json(result).dump(indent);
}

std::string to_csv(const AssessmentResult& result) {
  std::string out =
      "iro,topic,kind,sign,occurrence,human_rights,time_horizon,value_chain,severity,impact,"
      "financial,"
      "impact_outcome,financial_outcome,status,basis,rationale\n";
  for (const auto& r : result.iros)
    out += detail::csv_field(r.id) + "," + detail::csv_field(r.topic) + "," + r.kind + "," +
           r.sign + "," + r.occurrence + "," + (r.human_rights ? "true" : "false") + "," +
           r.time_horizon + "," + r.value_chain + "," +
           detail::csv_field(score_text(r.severity, true)) + "," +
           detail::csv_field(score_text(r.impact, true)) + "," +
           detail::csv_field(score_text(r.financial, true)) + "," +
           std::string(outcome_name(r.impact_outcome)) + "," +
           std::string(outcome_name(r.financial_outcome)) + "," + r.status + "," +
           detail::csv_field(r.basis) + "," + detail::csv_field(r.rationale) + "\n";
  return out;
}

std::string to_table(const AssessmentResult& result) {
  std::string out =
      "Double materiality assessment" + (result.firm_id.empty() ? "" : " of " + result.firm_id) +
      (result.firm_name.empty() ? "" : " " + result.firm_name) + " (severity rule " +
      std::string(severity_rule_name(result.rules.severity)) + ", impact threshold " +
      detail::twelve_digits(result.rules.impact.threshold) + " +/- band " +
      detail::twelve_digits(result.rules.impact.borderline) + ", financial threshold " +
      detail::twelve_digits(result.rules.financial.threshold) + " +/- band " +
      detail::twelve_digits(result.rules.financial.borderline) + ")\n";
  detail::TextTable topics(
      {"topic", "status", "negative", "positive", "risk", "opportunity", "material IROs"},
      {false, false, true, true, true, true, false});
  for (const auto& t : result.topics) {
    std::string iros;
    for (const auto& id : t.material_iros)
      iros += (iros.empty() ? "" : ", ") + id;
    topics.add({t.name.empty() ? t.id : t.id + " " + t.name, t.status,
                score_text(t.impact_negative), score_text(t.impact_positive), score_text(t.risk),
                score_text(t.opportunity), iros});
  }
  out += "\nTopics\n" + topics.render();
  detail::TextTable iros(
      {"IRO", "topic", "kind", "severity", "impact", "financial", "status", "basis"},
      {false, false, false, true, true, true, false, false});
  for (const auto& r : result.iros)
    iros.add({r.id, r.topic,
              r.kind == "impact"
                  ? r.sign + " " + r.occurrence + " impact" + (r.human_rights ? " (HR)" : "")
                  : r.kind,
              score_text(r.severity), score_text(r.impact), score_text(r.financial), r.status,
              r.basis});
  out += "\nImpacts, risks and opportunities\n" + iros.render();
  return out;
}

}  // namespace materia
