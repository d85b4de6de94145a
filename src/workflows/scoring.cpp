// Weighted indicator trees: model loading and validation, per-firm scores with breakdowns, jury
// mixing and ranking within categories (docs/method.md, step 8).
#include "materia/workflows/scoring.hpp"

#include <algorithm>
#include <cmath>
#include <set>
#include <unordered_map>

#include "base/enum_names.hpp"
#include "base/json_root.hpp"
#include "base/json_util.hpp"
#include "base/twelve_digits.hpp"
#include "materia/analyze/analyze.hpp"
#include "materia/error.hpp"
#include "materia/io/io.hpp"
#include "materia/text/text.hpp"
#include "runtime/embedded.hpp"
#include "workflows/scoring_json.hpp"

namespace materia {

namespace {

using nlohmann::json;

constexpr double weight_tolerance = 1e-9;

constexpr detail::EnumName<RuleType> rule_type_names[] = {
    {RuleType::boolean, "boolean"},
    {RuleType::level, "level"},
    {RuleType::linear, "linear"},
    {RuleType::lookup, "lookup"},
    {RuleType::issue_breadth, "issue_breadth"},
    {RuleType::issue_depth, "issue_depth"}};

double finite_number(const json& value, const std::string& what, const ErrorContext& where) {
  if (!value.is_number())
    throw_input_error(what + " must be a number, not a " + detail::json_type_name(value), where);
  double x = value.get<double>();
  if (!std::isfinite(x)) throw_input_error(what + " must be finite", where);
  return x;
}

double unit_score(const json& value, const std::string& what, const ErrorContext& where) {
  double x = finite_number(value, what, where);
  if (x < 0.0 || x > 1.0)
    throw_input_error(what + " " + detail::twelve_digits(x) + " is outside [0, 1]", where);
  return x;
}

LeafRule parse_rule(const json& node, const std::string& id, const ErrorContext& where) {
  std::string at = "node \"" + id + "\": ";
  if (!node.is_object()) throw_input_error(at + "\"rule\" must be an object", where);
  detail::check_keys(
      node, {"type", "field", "if_true", "if_false", "levels", "min", "max", "descending", "table"},
      "rule of node \"" + id + "\"", where);
  LeafRule rule;
  std::string type = detail::get_string(node, "type", where, false);
  if (auto known = detail::value_named(rule_type_names, type))
    rule.type = *known;
  else
    throw_input_error(at + "unknown rule type \"" + type + "\" (" +
                          detail::name_list(rule_type_names, ", ") + ")",
                      where);
  bool issue_rule = rule.type == RuleType::issue_breadth || rule.type == RuleType::issue_depth;
  rule.field = detail::get_string(node, "field", where, false);
  if (!issue_rule && rule.field.empty())
    throw_input_error(at + "rule \"" + type + "\" needs \"field\"", where);
  if (issue_rule && !rule.field.empty())
    throw_input_error(at + "rule \"" + type + "\" reads the firm's issues and takes no \"field\"",
                      where);
  switch (rule.type) {
    case RuleType::boolean:
      if (node.contains("if_true"))
        rule.if_true = unit_score(node["if_true"], at + "if_true", where);
      if (node.contains("if_false"))
        rule.if_false = unit_score(node["if_false"], at + "if_false", where);
      break;
    case RuleType::level: {
      auto levels = node.find("levels");
      if (levels == node.end() || !levels->is_object() || levels->empty())
        throw_input_error(at + "rule \"level\" needs a non-empty \"levels\" object of scores",
                          where);
      for (const auto& [name, score] : levels->items())
        rule.levels.emplace_back(name,
                                 unit_score(score, at + "score of level \"" + name + "\"", where));
      break;
    }
    case RuleType::linear: {
      if (!node.contains("min") || !node.contains("max"))
        throw_input_error(at + "rule \"linear\" needs \"min\" and \"max\"", where);
      rule.min = finite_number(node["min"], at + "min", where);
      rule.max = finite_number(node["max"], at + "max", where);
      if (!(rule.min < rule.max))
        throw_input_error(at + "rule \"linear\" needs min < max, not " +
                              detail::twelve_digits(rule.min) + " and " +
                              detail::twelve_digits(rule.max),
                          where);
      if (auto d = node.find("descending"); d != node.end()) {
        if (!d->is_boolean()) throw_input_error(at + "\"descending\" must be true or false", where);
        rule.descending = d->get<bool>();
      }
      break;
    }
    case RuleType::lookup: {
      auto table = node.find("table");
      if (table == node.end() || !table->is_array() || table->empty())
        throw_input_error(
            at + "rule \"lookup\" needs a non-empty \"table\" of {\"from\", \"score\"}", where);
      for (const auto& row : *table) {
        if (!row.is_object() || !row.contains("from") || !row.contains("score"))
          throw_input_error(at + "each lookup row needs \"from\" and \"score\"", where);
        LookupRow r{finite_number(row["from"], at + "from", where),
                    unit_score(row["score"], at + "lookup score", where)};
        if (!rule.table.empty() && !(r.from > rule.table.back().from))
          throw_input_error(at + "lookup rows must ascend strictly by \"from\"", where);
        rule.table.push_back(r);
      }
      break;
    }
    case RuleType::issue_breadth:
    case RuleType::issue_depth:
      break;
  }
  return rule;
}

IndicatorNode parse_node(const json& node, const ErrorContext& where, bool root) {
  if (!node.is_object()) throw_input_error("each node of \"tree\" must be an object", where);
  IndicatorNode out;
  out.id = detail::get_string(node, "id", where, false);
  if (out.id.empty()) throw_input_error("a node of \"tree\" has no \"id\"", where);
  detail::check_keys(node, {"id", "name", "weight", "rule", "children"}, "node \"" + out.id + "\"",
                     where);
  out.name = detail::get_string(node, "name", where, false);
  if (auto w = node.find("weight"); w != node.end()) {
    out.weight = finite_number(*w, "node \"" + out.id + "\": weight", where);
    if (out.weight < 0)
      throw_input_error("node \"" + out.id + "\": weight must not be negative", where);
  } else if (!root) {
    throw_input_error("node \"" + out.id + "\" has no \"weight\"", where);
  }
  bool has_rule = node.contains("rule"), has_children = node.contains("children");
  if (has_rule && has_children)
    throw_input_error("node \"" + out.id + "\" has both a rule and children", where);
  if (has_rule) out.rule = parse_rule(node["rule"], out.id, where);
  if (has_children) {
    if (!node["children"].is_array() || node["children"].empty())
      throw_input_error("node \"" + out.id + "\": \"children\" must be a non-empty array", where);
    for (const auto& child : node["children"])
      out.children.push_back(parse_node(child, where, false));
  }
  return out;
}

void validate_node(const IndicatorNode& node, std::set<std::string>& ids,
                   const ErrorContext& where) {
  if (!ids.insert(node.id).second)
    throw_input_error("node \"" + node.id + "\" appears twice", where);
  if (!node.rule && node.children.empty())
    throw_input_error("node \"" + node.id + "\" has neither a rule nor children", where);
  if (node.rule && !node.children.empty())
    throw_input_error("node \"" + node.id + "\" has both a rule and children", where);
  if (!std::isfinite(node.weight) || node.weight < 0)
    throw_input_error("node \"" + node.id + "\": weight must be a finite number of at least 0",
                      where);
  if (node.children.empty()) return;
  double sum = 0.0;
  for (const auto& child : node.children)
    sum += child.weight;
  if (std::abs(sum - 1.0) > weight_tolerance)
    throw_input_error("weights of the children of \"" + node.id + "\" sum to " +
                          detail::twelve_digits(sum) + ", not 1",
                      where);
  for (const auto& child : node.children)
    validate_node(child, ids, where);
}

std::string value_text(const IndicatorValue& value) {
  if (std::holds_alternative<bool>(value)) return std::get<bool>(value) ? "true" : "false";
  if (std::holds_alternative<double>(value)) return detail::twelve_digits(std::get<double>(value));
  return "\"" + std::get<std::string>(value) + "\"";
}

std::string value_type(const IndicatorValue& value) {
  if (std::holds_alternative<bool>(value)) return "boolean";
  if (std::holds_alternative<double>(value)) return "number";
  return "string";
}

IndicatorValue parse_value(const json& value, const std::string& key, const ErrorContext& where) {
  if (value.is_boolean()) return value.get<bool>();
  if (value.is_number()) return finite_number(value, "value \"" + key + "\"", where);
  if (value.is_string()) return value.get<std::string>();
  throw_input_error("value \"" + key + "\" must be a boolean, number or string, not a " +
                        detail::json_type_name(value),
                    where);
}

IndicatorValues parse_values(const json& object, const ErrorContext& where) {
  IndicatorValues out;
  if (auto values = object.find("values"); values != object.end() && !values->is_null()) {
    if (!values->is_object()) throw_input_error("\"values\" must be an object", where);
    for (const auto& [key, value] : values->items())
      out.values.emplace(key, parse_value(value, key, where));
  }
  if (auto issues = object.find("issues"); issues != object.end() && !issues->is_null()) {
    if (!issues->is_object())
      throw_input_error("\"issues\" must be an object of issue name -> depth", where);
    out.issues.emplace();
    for (const auto& [name, depth] : issues->items()) {
      ErrorContext at{where.file, where.firm, name};
      out.issues->emplace(name, unit_score(depth, "depth", at));
    }
  }
  return out;
}

// Issue names resolved against the attention, each distinct spelling folded once per scoring
// run: folding (ICU, OpenCC) costs microseconds and firms repeat the same names.
class IssueResolver {
 public:
  explicit IssueResolver(const IssueAttention* attention) : attention_(attention) {}
  std::optional<std::size_t> find(const std::string& name) {
    auto [it, fresh] = resolved_.try_emplace(name);
    if (fresh) it->second = attention_->find(name);
    return it->second;
  }

 private:
  const IssueAttention* attention_;
  std::unordered_map<std::string, std::optional<std::size_t>> resolved_;
};

// Scores one firm for one jury.
class TreeScorer {
 public:
  TreeScorer(const FirmIndicators& firm, const IndicatorValues* jury, const std::string& jury_id,
             const IssueAttention* attention, IssueResolver& resolver, const std::string& source)
      : firm_(firm),
        jury_(jury),
        jury_id_(jury_id),
        attention_(attention),
        resolver_(resolver),
        source_(source) {}

  double score(const IndicatorNode& node, const std::string& path, int depth, double global_weight,
               std::vector<NodeScore>& out) {
    std::size_t slot = out.size();
    out.push_back({node.id, path, depth, node.weight, global_weight, 0.0, 0.0, "", ""});
    NodeScore result = out[slot];
    if (node.rule) {
      evaluate(node, *node.rule, result);
    } else {
      result.rule = "weighted sum";
      double sum = 0.0;
      for (const auto& child : node.children) {
        double s =
            score(child, path + "/" + child.id, depth + 1, global_weight * child.weight, out);
        sum += child.weight * s;
        result.input += (result.input.empty() ? "" : " + ") + detail::twelve_digits(child.weight) +
                        "*" + detail::twelve_digits(s);
      }
      result.score = sum;
    }
    result.contribution = global_weight * result.score;
    out[slot] = result;
    return result.score;
  }

 private:
  [[noreturn]] void fail(const IndicatorNode& node, const std::string& message,
                         const std::string& issue = "") const {
    throw_input_error("jury \"" + jury_id_ + "\": node \"" + node.id + "\": " + message,
                      {source_, firm_.id, issue});
  }

  const IndicatorValue& value(const IndicatorNode& node, const std::string& field) const {
    if (jury_) {
      auto it = jury_->values.find(field);
      if (it != jury_->values.end()) return it->second;
    }
    auto it = firm_.shared.values.find(field);
    if (it == firm_.shared.values.end())
      fail(node, "needs value \"" + field + "\", which is not given");
    return it->second;
  }

  double number(const IndicatorNode& node, const LeafRule& rule) const {
    const IndicatorValue& v = value(node, rule.field);
    if (!std::holds_alternative<double>(v))
      fail(node, "value \"" + rule.field + "\" must be a number for rule \"" +
                     std::string(rule_type_name(rule.type)) + "\", not a " + value_type(v));
    return std::get<double>(v);
  }

  void evaluate(const IndicatorNode& node, const LeafRule& rule, NodeScore& out) const {
    switch (rule.type) {
      case RuleType::boolean: {
        const IndicatorValue& v = value(node, rule.field);
        if (!std::holds_alternative<bool>(v))
          fail(node, "value \"" + rule.field + "\" must be a boolean for rule \"boolean\", not a " +
                         value_type(v));
        out.score = std::get<bool>(v) ? rule.if_true : rule.if_false;
        out.rule = "boolean (true " + detail::twelve_digits(rule.if_true) + ", false " +
                   detail::twelve_digits(rule.if_false) + ")";
        out.input = rule.field + " = " + value_text(v);
        return;
      }
      case RuleType::level: {
        const IndicatorValue& v = value(node, rule.field);
        if (!std::holds_alternative<std::string>(v))
          fail(node, "value \"" + rule.field + "\" must be a string for rule \"level\", not a " +
                         value_type(v));
        const std::string& level = std::get<std::string>(v);
        std::string known;
        for (const auto& [name, score] : rule.levels) {
          known += (known.empty() ? "" : ", ") + name;
          if (name == level) {
            out.score = score;
            out.rule = "level map";
            out.input = rule.field + " = \"" + level + "\"";
            return;
          }
        }
        fail(node, "level \"" + level + "\" of \"" + rule.field + "\" is not one of " + known);
      }
      case RuleType::linear: {
        double x = number(node, rule);
        double t = (x - rule.min) / (rule.max - rule.min);
        if (rule.descending) t = 1.0 - t;
        out.score = std::clamp(t, 0.0, 1.0);
        out.rule = std::string("linear on [") + detail::twelve_digits(rule.min) + ", " +
                   detail::twelve_digits(rule.max) + "]" + (rule.descending ? " descending" : "");
        out.input = rule.field + " = " + detail::twelve_digits(x) +
                    (t < 0.0 || t > 1.0 ? " (clamped)" : "");
        return;
      }
      case RuleType::lookup: {
        double x = number(node, rule);
        if (x < rule.table.front().from)
          fail(node, "value " + detail::twelve_digits(x) + " of \"" + rule.field +
                         "\" is below the lookup table (it starts at " +
                         detail::twelve_digits(rule.table.front().from) + ")");
        const LookupRow* row = &rule.table.front();
        for (const auto& r : rule.table)
          if (r.from <= x) row = &r;
        out.score = row->score;
        out.rule = "lookup";
        out.input = rule.field + " = " + detail::twelve_digits(x) + " (row from " +
                    detail::twelve_digits(row->from) + ")";
        return;
      }
      case RuleType::issue_breadth:
      case RuleType::issue_depth:
        issues(node, rule, out);
        return;
    }
  }

  void issues(const IndicatorNode& node, const LeafRule& rule, NodeScore& out) const {
    if (!attention_ || attention_->total <= 0.0)
      fail(node, "rule \"" + std::string(rule_type_name(rule.type)) +
                     "\" needs the industry's attention per issue (an analyze result)");
    const std::map<std::string, double>* given = nullptr;
    if (jury_ && jury_->issues)
      given = &*jury_->issues;
    else if (firm_.shared.issues)
      given = &*firm_.shared.issues;
    if (!given) fail(node, "needs the firm's \"issues\", which are not given");
    std::map<std::size_t, std::pair<std::string, double>>
        covered;  // attention index -> (name, depth)
    for (const auto& [name, depth] : *given) {
      auto index = resolver_.find(name);
      if (!index)
        throw_input_error(
            "jury \"" + jury_id_ + "\": not one of the issues of the attention result",
            {source_, firm_.id, name});
      auto [it, fresh] = covered.emplace(*index, std::make_pair(name, depth));
      if (!fresh)
        throw_input_error(
            "jury \"" + jury_id_ + "\": the same issue as \"" + it->second.first + "\"",
            {source_, firm_.id, name});
    }
    double attention_covered = 0.0, weighted_depth = 0.0;
    for (const auto& [index, entry] : covered) {
      double a = attention_->issues[index].attention;
      attention_covered += a;
      weighted_depth += a * entry.second;
    }
    if (rule.type == RuleType::issue_breadth) {
      out.score = attention_covered / attention_->total;
      out.rule = "issue breadth: attention of covered issues / attention of all issues";
      out.input = std::to_string(covered.size()) + " issues, attention " +
                  detail::twelve_digits(attention_covered) + " / " +
                  detail::twelve_digits(attention_->total);
    } else {
      out.score = attention_covered > 0.0 ? weighted_depth / attention_covered : 0.0;
      out.rule = "issue depth: attention-weighted mean depth over covered issues";
      out.input = std::to_string(covered.size()) + " issues, sum attention*depth " +
                  detail::twelve_digits(weighted_depth) + " / attention " +
                  detail::twelve_digits(attention_covered);
    }
  }

  const FirmIndicators& firm_;
  const IndicatorValues* jury_;
  const std::string& jury_id_;
  const IssueAttention* attention_;
  IssueResolver& resolver_;
  const std::string& source_;
};

}  // namespace

std::string_view rule_type_name(RuleType type) {
  return detail::name_of(rule_type_names, type);
}

void ScoringModel::validate() const {
  ErrorContext where{source, "", ""};
  std::set<std::string> ids;
  validate_node(root, ids, where);
  if (!juries.empty()) {
    std::set<std::string> jury_ids;
    double sum = 0.0;
    for (const auto& jury : juries) {
      if (jury.id.empty()) throw_input_error("a jury has no \"id\"", where);
      if (!jury_ids.insert(jury.id).second)
        throw_input_error("jury \"" + jury.id + "\" appears twice", where);
      if (!std::isfinite(jury.weight) || jury.weight < 0)
        throw_input_error("jury \"" + jury.id + "\": weight must be a finite number of at least 0",
                          where);
      sum += jury.weight;
    }
    if (std::abs(sum - 1.0) > weight_tolerance)
      throw_input_error("jury weights sum to " + detail::twelve_digits(sum) + ", not 1", where);
  }
  std::set<std::string> category_ids, segments;
  for (const auto& category : categories) {
    if (category.id.empty()) throw_input_error("a category has no \"id\"", where);
    if (!category_ids.insert(category.id).second)
      throw_input_error("category \"" + category.id + "\" appears twice", where);
    for (const auto& segment : category.segments)
      if (!segments.insert(segment).second)
        throw_input_error("segment \"" + segment + "\" is in two categories", where);
  }
}

ScoringModel scoring_model_from_json(const json& root, const std::string& source) {
  ErrorContext where{source, "", ""};
  detail::check_root_object(root, "a scoring model",
                            {"name", "source", "tree", "juries", "categories"}, where);
  ScoringModel model;
  model.source = source;
  model.name = detail::get_string(root, "name", where, false);
  auto tree = root.find("tree");
  if (tree == root.end()) throw_input_error("missing field \"tree\"", where);
  model.root = parse_node(*tree, where, true);
  if (auto juries = root.find("juries"); juries != root.end() && !juries->is_null()) {
    if (!juries->is_array()) throw_input_error("\"juries\" must be an array", where);
    for (const auto& item : *juries) {
      detail::check_item_object(item, "jury", {"id", "name", "weight"}, where,
                                " with \"id\" and \"weight\"");
      Jury jury;
      jury.id = detail::get_string(item, "id", where, false);
      if (!item.contains("weight"))
        throw_input_error("jury \"" + jury.id + "\" has no \"weight\"", where);
      jury.weight = finite_number(item["weight"], "jury \"" + jury.id + "\": weight", where);
      model.juries.push_back(jury);
    }
  }
  if (auto categories = root.find("categories");
      categories != root.end() && !categories->is_null()) {
    if (!categories->is_array()) throw_input_error("\"categories\" must be an array", where);
    for (const auto& item : *categories) {
      detail::check_item_object(item, "category", {"id", "name", "segments"}, where);
      ScoreCategory category;
      category.id = detail::get_string(item, "id", where, false);
      category.name = detail::get_string(item, "name", where, false);
      if (auto segs = item.find("segments"); segs != item.end()) {
        if (!segs->is_array())
          throw_input_error("category \"" + category.id + "\": \"segments\" must be an array",
                            where);
        for (const auto& s : *segs) {
          if (!s.is_string())
            throw_input_error("category \"" + category.id + "\": \"segments\" must hold strings",
                              where);
          category.segments.push_back(s.get<std::string>());
        }
      }
      model.categories.push_back(category);
    }
  }
  model.validate();
  return model;
}

ScoringModel ScoringModel::from_json_text(std::string_view text, const std::string& source) {
  return scoring_model_from_json(detail::parse_json(text, source), source);
}

ScoringModel ScoringModel::builtin(std::string_view name) {
  auto content = detail::embedded_file("presets/" + std::string(name) + ".json");
  if (!content)
    throw Error(ErrorKind::usage,
                "unknown scoring model \"" + std::string(name) + "\" (built in: excellence-2024)");
  return from_json_text(*content, "<preset " + std::string(name) + ">");
}

ScoringModel ScoringModel::resolve(const std::string& name_or_path) {
  bool path = name_or_path.find('/') != std::string::npos ||
              (name_or_path.size() > 5 && name_or_path.substr(name_or_path.size() - 5) == ".json");
  return path ? from_json_text(read_file(name_or_path), name_or_path) : builtin(name_or_path);
}

IndicatorValues indicators_from_record(const FirmRecord& record) {
  IndicatorValues out;
  out.values["report"] = std::string(report_type_name(record.report));
  out.values["assurance"] = std::string(assurance_name(record.assurance));
  out.values["kpi_dimensions"] = static_cast<double>(record.kpi_dimensions.value_or(0));
  out.values["strategy"] = record.strategy;
  out.values["governance"] = record.governance;
  out.values["kpi_table"] = record.kpi_table;
  out.values["materiality_matrix"] = record.materiality_matrix;
  out.values["listed"] = !record.listed.empty();
  return out;
}

std::optional<std::size_t> IssueAttention::find(std::string_view name) const {
  auto it = keys.find(fold_key(name));
  if (it == keys.end()) return std::nullopt;
  return it->second;
}

IssueAttention issue_attention(const Result& result) {
  IssueAttention out;
  for (const auto& issue : result.issues) {
    std::size_t index = out.issues.size();
    out.issues.push_back({issue.id, issue.name, static_cast<double>(issue.attention)});
    out.total += issue.attention;
    for (const std::string* name : {&issue.id, &issue.name, &issue.name_en})
      if (!name->empty()) out.keys.emplace(fold_key(*name), index);
    for (const auto& merged : issue.merged_names)
      out.keys.emplace(fold_key(merged), index);
  }
  return out;
}

ScoreResult score_firms(const ScoringModel& model, const std::vector<FirmIndicators>& firms,
                        const IssueAttention* attention, const std::string& source) {
  ScoreResult result;
  result.model = model.name;
  result.juries = model.juries.empty() ? std::vector<Jury>{{"all", 1.0}} : model.juries;
  std::set<std::string> ids;
  std::vector<std::string> category_order;
  for (const auto& c : model.categories)
    category_order.push_back(c.id);
  IssueResolver resolver(attention);
  for (const auto& firm : firms) {
    ErrorContext where{source, firm.id, ""};
    if (firm.id.empty()) throw_input_error("a firm has no \"id\"", {source, "", ""});
    if (!ids.insert(firm.id).second) throw_input_error("duplicate firm id", where);
    for (const auto& firm_jury : firm.juries) {
      const std::string& jury = firm_jury.first;  // (clang 14 cannot capture a structured binding)
      bool known = std::any_of(result.juries.begin(), result.juries.end(),
                               [&](const Jury& j) { return j.id == jury; });
      if (!known) throw_input_error("jury \"" + jury + "\" is not a jury of the model", where);
    }
    FirmScore score;
    score.id = firm.id;
    score.name = firm.name;
    score.category = firm.category;
    if (score.category.empty()) {
      for (const auto& c : model.categories)
        if (std::find(c.segments.begin(), c.segments.end(), firm.segment) != c.segments.end())
          score.category = c.id;
      if (score.category.empty() && !model.categories.empty())
        throw_input_error("segment \"" + firm.segment + "\" is in no category of the model", where);
    }
    if (std::find(category_order.begin(), category_order.end(), score.category) ==
        category_order.end())
      category_order.push_back(score.category);
    for (const auto& jury : result.juries) {
      auto it = firm.juries.find(jury.id);
      TreeScorer scorer(firm, it == firm.juries.end() ? nullptr : &it->second, jury.id, attention,
                        resolver, source);
      JuryScore js;
      js.jury = jury.id;
      js.weight = jury.weight;
      js.score = scorer.score(model.root, model.root.id, 0, 1.0, js.nodes);
      score.score += jury.weight * js.score;
      score.juries.push_back(std::move(js));
    }
    for (const auto& child : model.root.children) {
      double mixed = 0.0;
      for (const auto& js : score.juries)
        for (const auto& node : js.nodes)
          if (node.depth == 1 && node.id == child.id) mixed += js.weight * node.score;
      score.dimensions.emplace_back(child.id, mixed);
    }
    result.firms.push_back(std::move(score));
  }
  std::stable_sort(result.firms.begin(), result.firms.end(),
                   [&](const FirmScore& a, const FirmScore& b) {
                     auto ca = std::find(category_order.begin(), category_order.end(), a.category);
                     auto cb = std::find(category_order.begin(), category_order.end(), b.category);
                     if (ca != cb) return ca < cb;
                     if (a.score != b.score) return a.score > b.score;
                     return a.id < b.id;
                   });
  // Competition ranking within each category; scores within 1e-12 (the same terms summed in
  // another order) tie.
  std::size_t start = 0;
  for (std::size_t i = 0; i < result.firms.size(); ++i) {
    auto& f = result.firms[i];
    if (i == 0 || result.firms[i - 1].category != f.category) {
      start = i;
      f.rank = 1;
    } else if (std::abs(result.firms[i - 1].score - f.score) <= 1e-12) {
      f.rank = result.firms[i - 1].rank;
    } else {
      f.rank = static_cast<int>(i - start) + 1;
    }
  }
  for (const auto& id : category_order) {
    ScoreCategory category{id, id, {}};
    for (const auto& c : model.categories)
      if (c.id == id) category = c;
    result.categories.push_back(category);
  }
  return result;
}

IssueAttention issue_attention_from_json(const json& analysis, const std::string& source) {
  ErrorContext where{source, "", ""};
  if (!analysis.is_object() || !analysis.contains("issues") || !analysis["issues"].is_array())
    throw_input_error(
        "an analysis result must be the JSON that `materia analyze --format json` writes, with an "
        "array \"issues\"",
        where);
  IssueAttention out;
  const json& issues = analysis["issues"];
  for (std::size_t i = 0; i < issues.size(); ++i) {
    const json& item = issues[i];
    if (!item.is_object())
      throw_input_error("issue " + std::to_string(i + 1) + " must be an object", where);
    std::string id = detail::get_string(item, "id", where, false);
    if (id.empty()) throw_input_error("issue " + std::to_string(i + 1) + " has no \"id\"", where);
    ErrorContext at{source, "", id};
    if (!item.contains("attention"))
      throw_input_error("has no \"attention\" (the number of firms listing it)", at);
    double a = finite_number(item["attention"], "\"attention\"", at);
    if (a < 0) throw_input_error("\"attention\" must not be negative", at);
    std::string name = detail::get_string(item, "name", at, false);
    std::string name_en = detail::get_string(item, "name_en", at, false);
    std::size_t index = out.issues.size();
    out.issues.push_back({id, name.empty() ? id : name, a});
    out.total += a;
    // Same keys as issue_attention(Result): id, names, merged names.
    if (!out.keys.emplace(fold_key(id), index).second)
      throw_input_error("issue id appears twice", at);
    for (const std::string* n : {&name, &name_en})
      if (!n->empty()) out.keys.emplace(fold_key(*n), index);
    if (item.contains("merged_names")) {
      const json& merged = item["merged_names"];
      if (!merged.is_array()) throw_input_error("\"merged_names\" must be an array", at);
      for (const auto& m : merged) {
        if (!m.is_string()) throw_input_error("\"merged_names\" must hold strings", at);
        out.keys.emplace(fold_key(m.get<std::string>()), index);
      }
    }
  }
  return out;
}

IssueAttention resolve_attention(const json& spec, const std::string& source) {
  ErrorContext where{source, "", ""};
  if (!spec.is_object() || spec.size() != 1)
    throw_input_error(
        "\"attention\" must be {\"sample\": NAME}, {\"dataset\": PATH}, {\"analysis\": PATH} or "
        "{\"issues\": {name: count}}",
        where);
  AnalyzeOptions options;
  options.method = Method::attention;
  if (spec.contains("sample")) {
    if (!spec["sample"].is_string())
      throw_input_error("\"attention\": \"sample\" must be a string", where);
    return issue_attention(analyze(load_sample(spec["sample"].get<std::string>()), options));
  }
  if (spec.contains("dataset")) {
    if (!spec["dataset"].is_string())
      throw_input_error("\"attention\": \"dataset\" must be a string", where);
    return issue_attention(analyze(load_dataset_file(spec["dataset"].get<std::string>()), options));
  }
  if (spec.contains("analysis")) {
    if (!spec["analysis"].is_string())
      throw_input_error("\"attention\": \"analysis\" must be a string", where);
    std::string path = spec["analysis"].get<std::string>();
    std::string label = path == "-" ? "<stdin>" : path;
    return issue_attention_from_json(detail::parse_json(read_file(path), label), label);
  }
  if (spec.contains("issues") && spec["issues"].is_object()) {
    IssueAttention out;
    for (const auto& [name, count] : spec["issues"].items()) {
      double a = finite_number(count, "attention of \"" + name + "\"", where);
      if (a < 0) throw_input_error("attention of \"" + name + "\" must not be negative", where);
      if (!out.keys.emplace(fold_key(name), out.issues.size()).second)
        throw_input_error("attention of \"" + name + "\" is given twice", where);
      out.issues.push_back({name, name, a});
      out.total += a;
    }
    return out;
  }
  throw_input_error(
      "\"attention\" must be {\"sample\": NAME}, {\"dataset\": PATH}, {\"analysis\": PATH} or "
      "{\"issues\": {name: count}}",
      where);
}

ScoringInput load_scoring_input_json(std::string_view text, const std::string& source) {
  json root = detail::parse_json(text, source);
  ErrorContext file{source, "", ""};
  detail::check_root_object(root, "scoring input", {"meta", "model", "attention", "firms"}, file,
                            " with \"firms\"");
  ScoringInput input;
  input.source = source;
  if (root.contains("model")) input.model = root["model"];
  if (root.contains("attention")) input.attention = root["attention"];
  auto firms = root.find("firms");
  if (firms == root.end() || !firms->is_array())
    throw_input_error("needs an array \"firms\"", file);
  for (std::size_t i = 0; i < firms->size(); ++i) {
    const auto& item = (*firms)[i];
    if (!item.is_object())
      throw_input_error("firm " + std::to_string(i + 1) + " must be an object", file);
    FirmIndicators firm;
    firm.id = detail::get_string(item, "id", file, false);
    if (firm.id.empty())
      throw_input_error("firm " + std::to_string(i + 1) + " has no \"id\"", file);
    ErrorContext where{source, firm.id, ""};
    detail::check_keys(item, {"id", "name", "segment", "category", "values", "issues", "juries"},
                       "a firm", where);
    firm.name = detail::get_string(item, "name", where, false);
    firm.segment = detail::get_string(item, "segment", where, false);
    firm.category = detail::get_string(item, "category", where, false);
    firm.shared = parse_values(item, where);
    if (auto juries = item.find("juries"); juries != item.end() && !juries->is_null()) {
      if (!juries->is_object())
        throw_input_error("\"juries\" must be an object of jury id -> {values, issues}", where);
      for (const auto& [jury, block] : juries->items()) {
        if (!block.is_object())
          throw_input_error(
              "jury \"" + jury + "\" must be an object with \"values\" and/or \"issues\"", where);
        detail::check_keys(block, {"values", "issues"}, "jury \"" + jury + "\"", where);
        firm.juries.emplace(jury, parse_values(block, where));
      }
    }
    input.firms.push_back(std::move(firm));
  }
  return input;
}

}  // namespace materia
