#include "materia/model/taxonomy.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <unordered_set>

#include <nlohmann/json.hpp>

#include "base/json_util.hpp"
#include "materia/error.hpp"
#include "materia/text/text.hpp"
#include "model/enum_text.hpp"
#include "model/taxonomy_json.hpp"
#include "runtime/embedded.hpp"

namespace materia {

std::string_view category_code(Category category) {
  constexpr std::string_view kCodes[] = {"E", "S", "G", ""};  // in enumerator order
  return detail::enum_text(category, kCodes, "");
}

std::optional<Category> parse_category(std::string_view text) {
  std::string lower;
  for (char c : text)
    lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (lower == "e" || lower == "environmental" || lower == "environment")
    return Category::environmental;
  if (lower == "s" || lower == "social") return Category::social;
  if (lower == "g" || lower == "governance") return Category::governance;
  if (lower.empty()) return Category::unspecified;
  return std::nullopt;
}

const std::string& Issue::display_name() const {
  if (!name_zh.empty()) return name_zh;
  if (!name_en.empty()) return name_en;
  return id;
}

namespace {

constexpr std::string_view kTaxonomyDir = "taxonomies/";

Issue read_issue(const nlohmann::json& item, bool is_topic, const std::string& source,
                 std::size_t index) {
  std::string what = std::string(is_topic ? "topic" : "issue") + " #" + std::to_string(index + 1);
  ErrorContext where{source, "", ""};
  if (!item.is_object()) throw_input_error(what + " must be an object", where);
  Issue issue;
  issue.id = detail::get_string(item, "id", where, true);
  where.issue = issue.id;
  if (is_topic)
    detail::check_keys(item, {"id", "name_zh", "name_en", "category"}, "a topic", where);
  else
    detail::check_keys(item, {"id", "name_zh", "name_en", "category", "parent", "reference_tier"},
                       "an issue", where);
  if (issue.id.empty()) throw_input_error(what + " has an empty id", where);
  issue.name_zh = detail::get_string(item, "name_zh", where, false);
  issue.name_en = detail::get_string(item, "name_en", where, false);
  if (issue.name_zh.empty() && issue.name_en.empty())
    throw_input_error("needs a name_zh or a name_en", where);
  auto category = parse_category(detail::get_string(item, "category", where, false));
  if (!category) throw_input_error("unknown category (use E, S or G)", where);
  issue.category = *category;
  issue.is_topic = is_topic;
  if (!is_topic) {
    issue.parent = detail::get_string(item, "parent", where, false);
    if (auto tier = detail::get_number(item, "reference_tier", where)) {
      if (*tier < 0 || *tier != static_cast<int>(*tier))
        throw_input_error("reference_tier must be a non-negative integer", where);
      issue.reference_tier = static_cast<int>(*tier);
    }
  }
  return issue;
}

// An alias target that is no id must be a name (Chinese or English, as written or by match key)
// of exactly one issue or topic. `name_keys` holds the names' match keys once folded.
void check_named_target(const Taxonomy& taxonomy, const Alias& alias,
                        std::vector<std::array<std::string, 2>>& name_keys) {
  const ErrorContext where{alias.source, "", alias.name};
  std::vector<std::size_t> named;
  for (std::size_t i = 0; i < taxonomy.issues.size(); ++i)
    if (taxonomy.issues[i].name_zh == alias.target || taxonomy.issues[i].name_en == alias.target)
      named.push_back(i);
  if (named.empty()) {
    std::string key;
    try {
      key = fold_key(alias.target);
    } catch (const Error& e) {
      throw Error(ErrorKind::input, "alias target " + e.message(), where);
    }
    if (name_keys.empty())
      for (const Issue& issue : taxonomy.issues)
        name_keys.push_back({issue.name_zh.empty() ? "" : fold_key(issue.name_zh),
                             issue.name_en.empty() ? "" : fold_key(issue.name_en)});
    for (std::size_t i = 0; i < taxonomy.issues.size() && !key.empty(); ++i)
      if (name_keys[i][0] == key || name_keys[i][1] == key) named.push_back(i);
  }
  if (named.empty())
    throw_input_error(
        "alias target \"" + alias.target + "\" is neither an id nor a name of an issue or topic",
        where);
  if (named.size() > 1)
    throw_input_error("alias target \"" + alias.target + "\" names two issues, \"" +
                          taxonomy.issues[named[0]].id + "\" and \"" +
                          taxonomy.issues[named[1]].id + "\" (use an id)",
                      where);
}

}  // namespace

Taxonomy taxonomy_from_json(const nlohmann::json& json, const std::string& source) {
  ErrorContext where{source, "", ""};
  if (!json.is_object()) throw_input_error("a taxonomy must be a JSON object", where);
  detail::check_keys(
      json,
      {"name", "version", "description", "topics", "issues", "aliases", "keep_apart", "generic"},
      "a taxonomy", where);
  Taxonomy taxonomy;
  taxonomy.name = detail::get_string(json, "name", where, true);
  if (taxonomy.name.empty() || taxonomy.name == "none")
    throw_input_error("a taxonomy needs a name other than \"none\"", where);
  taxonomy.version = detail::get_string(json, "version", where, false);
  taxonomy.description = detail::get_string(json, "description", where, false);

  auto read_list = [&](const char* key, bool is_topic) {
    auto it = json.find(key);
    if (it == json.end()) return;
    if (!it->is_array()) throw_input_error(std::string("\"") + key + "\" must be an array", where);
    for (std::size_t i = 0; i < it->size(); ++i)
      taxonomy.issues.push_back(read_issue((*it)[i], is_topic, source, i));
  };
  read_list("topics", true);
  read_list("issues", false);
  if (taxonomy.issue_count() == 0) throw_input_error("the taxonomy has no issues", where);

  std::unordered_set<std::string> ids;
  for (const auto& issue : taxonomy.issues)
    if (!ids.insert(issue.id).second) throw_input_error("duplicate id", {source, "", issue.id});
  for (const auto& issue : taxonomy.issues) {
    if (issue.parent.empty()) continue;
    auto parent = taxonomy.find(issue.parent);
    if (!parent || !taxonomy.issues[*parent].is_topic)
      throw_input_error("parent \"" + issue.parent + "\" is not a topic of the taxonomy",
                        {source, "", issue.id});
  }

  if (auto it = json.find("aliases"); it != json.end()) {
    if (!it->is_array()) throw_input_error("\"aliases\" must be an array", where);
    std::vector<std::array<std::string, 2>> name_keys;  // folded on the first target by name
    for (const auto& item : *it) {
      if (!item.is_object()) throw_input_error("each alias must be an object", where);
      detail::check_keys(item, {"name", "target", "kind"}, "an alias", where);
      Alias alias{detail::get_string(item, "name", where, true),
                  detail::get_string(item, "target", where, true),
                  detail::get_string(item, "kind", where, false), source};
      if (!taxonomy.find(alias.target)) check_named_target(taxonomy, alias, name_keys);
      taxonomy.aliases.push_back(std::move(alias));
    }
  }
  if (auto it = json.find("keep_apart"); it != json.end()) {
    if (!it->is_array()) throw_input_error("\"keep_apart\" must be an array", where);
    for (const auto& pair : *it) {
      if (!pair.is_array() || pair.size() != 2 || !pair[0].is_string() || !pair[1].is_string())
        throw_input_error("each keep_apart entry must be a pair of issue ids, [\"a\", \"b\"]",
                          where);
      std::string a = pair[0].get<std::string>(), b = pair[1].get<std::string>();
      for (const std::string& id : {a, b})
        if (!taxonomy.find(id))
          throw_input_error("keep_apart names \"" + id + "\", which is not an issue or topic id",
                            {source, "", id});
      if (a == b) throw_input_error("keep_apart pairs an issue with itself", {source, "", a});
      taxonomy.keep_apart.emplace_back(std::move(a), std::move(b));
    }
  }
  if (auto it = json.find("generic"); it != json.end()) {
    if (!it->is_array()) throw_input_error("\"generic\" must be an array of names", where);
    for (const auto& name : *it) {
      if (!name.is_string() || name.get<std::string>().empty())
        throw_input_error("each generic name must be a non-empty string", where);
      taxonomy.generic.push_back(name.get<std::string>());
    }
  }
  return taxonomy;
}

Taxonomy Taxonomy::from_json_text(std::string_view text, const std::string& source) {
  return taxonomy_from_json(detail::parse_json(text, source), source);
}

Taxonomy Taxonomy::builtin(std::string_view name) {
  if (name == "none") return open_vocabulary();
  std::string path = std::string(kTaxonomyDir) + std::string(name) + ".json";
  auto content = detail::embedded_file(path);
  if (!content) {
    std::string known;
    for (const auto& n : builtin_names())
      known += ", " + n;
    throw Error(ErrorKind::usage,
                "unknown taxonomy \"" + std::string(name) + "\" (built in: none" + known + ")");
  }
  return from_json_text(*content, "<built-in taxonomy " + std::string(name) + ">");
}

std::vector<std::string> Taxonomy::builtin_names() {
  std::vector<std::string> names;
  for (const auto& file : detail::embedded_files()) {
    if (file.path.substr(0, kTaxonomyDir.size()) != kTaxonomyDir) continue;
    auto stem = file.path.substr(kTaxonomyDir.size());
    if (stem.size() > 5 && stem.substr(stem.size() - 5) == ".json")
      names.emplace_back(stem.substr(0, stem.size() - 5));
  }
  std::sort(names.begin(), names.end());
  return names;
}

Taxonomy Taxonomy::open_vocabulary() {
  Taxonomy taxonomy;
  taxonomy.name = "none";
  taxonomy.description = "open vocabulary: every distinct normalized name is its own issue";
  return taxonomy;
}

std::optional<std::size_t> Taxonomy::find(std::string_view id) const {
  for (std::size_t i = 0; i < issues.size(); ++i)
    if (issues[i].id == id) return i;
  return std::nullopt;
}

std::vector<std::string> Taxonomy::children(std::string_view topic_id) const {
  std::vector<std::string> ids;
  for (const auto& issue : issues)
    if (issue.parent == topic_id) ids.push_back(issue.id);
  return ids;
}

std::size_t Taxonomy::issue_count() const {
  return static_cast<std::size_t>(
      std::count_if(issues.begin(), issues.end(), [](const Issue& i) { return !i.is_topic; }));
}

nlohmann::json to_json(const Taxonomy& taxonomy) {
  nlohmann::json json = {{"name", taxonomy.name},
                         {"version", taxonomy.version},
                         {"description", taxonomy.description}};
  nlohmann::json topics = nlohmann::json::array(), list = nlohmann::json::array();
  for (const auto& issue : taxonomy.issues) {
    nlohmann::json item = {{"id", issue.id},
                           {"name_zh", issue.name_zh},
                           {"name_en", issue.name_en},
                           {"category", std::string(category_code(issue.category))}};
    if (issue.is_topic) {
      topics.push_back(std::move(item));
      continue;
    }
    if (!issue.parent.empty()) item["parent"] = issue.parent;
    if (issue.reference_tier > 0) item["reference_tier"] = issue.reference_tier;
    list.push_back(std::move(item));
  }
  json["topics"] = std::move(topics);
  json["issues"] = std::move(list);
  nlohmann::json alias_list = nlohmann::json::array();
  for (const auto& alias : taxonomy.aliases) {
    nlohmann::json item = {{"name", alias.name}, {"target", alias.target}};
    if (!alias.kind.empty()) item["kind"] = alias.kind;
    alias_list.push_back(std::move(item));
  }
  json["aliases"] = std::move(alias_list);
  if (!taxonomy.keep_apart.empty()) {
    nlohmann::json pairs = nlohmann::json::array();
    for (const auto& [a, b] : taxonomy.keep_apart)
      pairs.push_back({a, b});
    json["keep_apart"] = std::move(pairs);
  }
  if (!taxonomy.generic.empty()) json["generic"] = taxonomy.generic;
  return json;
}

namespace {

// The tree with its keys in the order docs/format.md lists them (a file a person reads and
// extends), where nlohmann::json sorts them.
nlohmann::ordered_json in_documented_order(const nlohmann::json& json) {
  static const std::vector<std::string> kOrder{
      "name",       "version",        "description", "topics",  "issues",  "aliases",
      "keep_apart", "generic",        "id",          "name_zh", "name_en", "category",
      "parent",     "reference_tier", "target",      "kind"};
  if (json.is_array()) {
    nlohmann::ordered_json out = nlohmann::ordered_json::array();
    for (const auto& item : json)
      out.push_back(in_documented_order(item));
    return out;
  }
  if (!json.is_object()) return nlohmann::ordered_json(json);
  nlohmann::ordered_json out = nlohmann::ordered_json::object();
  for (const auto& key : kOrder)
    if (auto it = json.find(key); it != json.end()) out[key] = in_documented_order(*it);
  for (auto it = json.begin(); it != json.end(); ++it)
    if (!out.contains(it.key())) out[it.key()] = in_documented_order(it.value());
  return out;
}

}  // namespace

std::string Taxonomy::to_json_text(int indent) const {
  return in_documented_order(to_json(*this)).dump(indent);
}

}  // namespace materia
