// Stakeholder surveys: group-weighted importance to stakeholders with ordinal-aware summaries.
#include "materia/workflows/survey.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <tuple>
#include <unordered_map>

#include "base/csv.hpp"
#include "base/json_members.hpp"
#include "base/json_root.hpp"
#include "base/json_util.hpp"
#include "base/number_text.hpp"
#include "base/twelve_digits.hpp"
#include "materia/error.hpp"
#include "materia/io/io.hpp"
#include "materia/text/text.hpp"
#include "output/text_table.hpp"
#include "workflows/survey_json.hpp"

namespace materia {

namespace {

using nlohmann::json;
using ojson = nlohmann::ordered_json;

double plain_median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  std::size_t n = values.size();
  return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2.0;
}

// Weighted median of (value, weight): the smallest value whose cumulative weight reaches half the
// total; when it reaches exactly half, the midpoint with the next value (so equal weights give
// the ordinary median). Cumulative sums are compared with a relative tolerance.
double weighted_median(std::vector<std::pair<double, double>> items) {
  std::sort(items.begin(), items.end());
  // merge equal values
  std::vector<std::pair<double, double>> merged;
  for (const auto& item : items) {
    if (!merged.empty() && merged.back().first == item.first)
      merged.back().second += item.second;
    else
      merged.push_back(item);
  }
  double total = 0.0;
  for (const auto& m : merged)
    total += m.second;
  double half = total / 2.0, cumulative = 0.0;
  for (std::size_t i = 0; i < merged.size(); ++i) {
    cumulative += merged[i].second;
    if (std::abs(cumulative - half) <= 1e-12 * total && i + 1 < merged.size())
      return (merged[i].first + merged[i + 1].first) / 2.0;
    if (cumulative > half) return merged[i].first;
  }
  return merged.back().first;
}

// Match keys of issue names, each distinct spelling folded once: a survey repeats the same few
// dozen names in every response, and folding (ICU, OpenCC) costs microseconds.
class MatchKeys {
 public:
  const std::string& operator()(const std::string& name) {
    auto [it, fresh] = keys_.try_emplace(name);
    if (fresh) it->second = fold_key(name);
    return it->second;
  }

 private:
  std::unordered_map<std::string, std::string> keys_;
};

std::vector<std::pair<std::string, double>> read_ratings(const json& object, const char* key,
                                                         const ErrorContext& where) {
  std::vector<std::pair<std::string, double>> out;
  auto it = object.find(key);
  if (it == object.end() || it->is_null()) return out;
  if (!it->is_object())
    throw_input_error(std::string("\"") + key + "\" must be an object of issue -> rating", where);
  for (const auto& [name, value] : it->items()) {
    if (value.is_null() || (value.is_string() && (value == "not_assessed" || value == "unknown")))
      continue;  // not rated
    ErrorContext at{where.file, where.firm, name};
    if (!value.is_number())
      throw_input_error("rating must be a number (or null / not_assessed / unknown), not a " +
                            detail::json_type_name(value),
                        at);
    double x = value.get<double>();
    if (!std::isfinite(x)) throw_input_error("rating must be finite", at);
    out.emplace_back(name, x);
  }
  return out;
}

}  // namespace

const std::vector<StakeholderGroup>& report_stakeholder_groups() {
  static const std::vector<StakeholderGroup> groups = {
      {"shareholders_investors", "shareholders and investors", 0.0},
      {"government_regulators", "government and regulators", 0.0},
      {"customers", "customers", 0.0},
      {"suppliers_partners", "suppliers and partners", 0.0},
      {"employees", "employees", 0.0},
      {"communities", "communities", 0.0},
      {"peers_associations", "peers and industry associations", 0.0},
      {"media", "media", 0.0},
      {"ngos", "NGOs", 0.0},
      {"environmental_groups", "environmental groups", 0.0},
      {"financial_institutions", "financial institutions", 0.0}};
  return groups;
}

void Survey::validate() const {
  ErrorContext where{source, firm_id, ""};
  MatchKeys match_key;
  if (!(scale_min < scale_max)) throw_input_error("scale needs min < max", where);
  if (top_box < scale_min || top_box > scale_max)
    throw_input_error("top_box " + detail::twelve_digits(top_box) + " is outside the scale [" +
                          detail::twelve_digits(scale_min) + ", " +
                          detail::twelve_digits(scale_max) + "]",
                      where);
  if (groups.empty()) throw_input_error("no stakeholder groups", where);
  std::set<std::string> ids;
  double sum = 0.0;
  for (const auto& g : groups) {
    if (g.id.empty()) throw_input_error("a group has no \"id\"", where);
    if (!ids.insert(g.id).second) throw_input_error("group \"" + g.id + "\" appears twice", where);
    if (!std::isfinite(g.weight) || g.weight < 0 || g.weight > 1)
      throw_input_error("group \"" + g.id + "\": weight must be in [0, 1]", where);
    sum += g.weight;
  }
  if (std::abs(sum - 1.0) > 1e-9)
    throw_input_error("group weights sum to " + detail::twelve_digits(sum) + ", not 1", where);
  if (responses.empty()) throw_input_error("no responses", where);
  std::set<std::string> respondents;
  for (std::size_t i = 0; i < responses.size(); ++i) {
    const auto& r = responses[i];
    std::string who = r.respondent.empty() ? "response " + std::to_string(i + 1)
                                           : "respondent \"" + r.respondent + "\"";
    if (!ids.count(r.group))
      throw_input_error(who + ": group \"" + r.group + "\" is not declared in \"groups\"", where);
    if (!r.respondent.empty() && !respondents.insert(r.respondent).second)
      throw_input_error(who + " answers twice", where);
    std::set<std::string> keys;
    for (const auto& [issue, rating] : r.ratings) {
      ErrorContext at{source, firm_id, issue};
      if (rating < scale_min || rating > scale_max)
        throw_input_error(who + ": rating " + detail::twelve_digits(rating) +
                              " is outside the scale [" + detail::twelve_digits(scale_min) + ", " +
                              detail::twelve_digits(scale_max) + "]",
                          at);
      if (!keys.insert(match_key(issue)).second)
        throw_input_error(who + ": rates the same issue twice", at);
    }
  }
  for (const auto& [issue, rating] : company)
    if (rating < scale_min || rating > scale_max)
      throw_input_error("company rating " + detail::twelve_digits(rating) +
                            " is outside the scale [" + detail::twelve_digits(scale_min) + ", " +
                            detail::twelve_digits(scale_max) + "]",
                        {source, firm_id, issue});
}

Survey load_survey_json(std::string_view text, const std::string& source) {
  json root = detail::parse_json(text, source);
  ErrorContext file{source, "", ""};
  detail::check_root_object(
      root, "a survey",
      {"meta", "firm", "taxonomy", "scale", "top_box", "groups", "responses", "company"}, file);
  Survey s;
  s.source = source;
  std::tie(s.firm_id, s.firm_name) = detail::firm_of(root, file);
  ErrorContext where{source, s.firm_id, ""};
  if (auto t = detail::get_string(root, "taxonomy", where, false); !t.empty()) s.taxonomy = t;
  if (auto scale = root.find("scale"); scale != root.end()) {
    if (!scale->is_array() || scale->size() != 2 || !(*scale)[0].is_number() ||
        !(*scale)[1].is_number())
      throw_input_error("\"scale\" must be [min, max]", where);
    s.scale_min = (*scale)[0].get<double>();
    s.scale_max = (*scale)[1].get<double>();
    s.top_box = s.scale_max - 1.0;  // the top two boxes of an integer scale, unless told
  }
  if (auto t = detail::get_number(root, "top_box", where)) s.top_box = *t;
  auto groups = root.find("groups");
  if (groups == root.end() || !groups->is_array())
    throw_input_error("needs an array \"groups\"", where);
  for (const auto& item : *groups) {
    detail::check_item_object(item, "group", {"id", "name", "weight"}, where,
                              " with \"id\" and \"weight\"");
    StakeholderGroup g;
    g.id = detail::get_string(item, "id", where, true);
    g.name = detail::get_string(item, "name", where, false);
    if (g.name.empty())
      for (const auto& known : report_stakeholder_groups())
        if (known.id == g.id) g.name = known.name;
    auto w = detail::get_number(item, "weight", where);
    if (!w)
      throw_input_error("group \"" + g.id + "\" has no \"weight\" (the disclosed group weight)",
                        where);
    g.weight = *w;
    s.groups.push_back(g);
  }
  auto responses = root.find("responses");
  if (responses == root.end() || !responses->is_array())
    throw_input_error("needs an array \"responses\"", where);
  for (const auto& item : *responses) {
    detail::check_item_object(item, "response", {"group", "respondent", "ratings"}, where);
    SurveyResponse r;
    r.group = detail::get_string(item, "group", where, true);
    r.respondent = detail::get_string(item, "respondent", where, false);
    r.ratings = read_ratings(item, "ratings", where);
    s.responses.push_back(std::move(r));
  }
  s.company = read_ratings(root, "company", where);
  s.validate();
  return s;
}

Survey load_survey_file(const std::string& path) {
  return load_survey_json(read_file(path), path == "-" ? "<stdin>" : path);
}

SurveyResult summarize_survey(const Survey& survey) {
  survey.validate();
  MatchKeys match_key;
  SurveyResult result;
  result.firm_id = survey.firm_id;
  result.firm_name = survey.firm_name;
  result.taxonomy = survey.taxonomy;
  result.scale_min = survey.scale_min;
  result.scale_max = survey.scale_max;
  result.top_box = survey.top_box;
  result.groups = survey.groups;

  // issue key -> group index -> ratings; issues in order of first appearance
  std::map<std::string, std::size_t> issue_index;
  std::vector<std::string> names;
  std::vector<std::vector<std::vector<double>>> ratings;
  std::map<std::string, std::size_t> group_index;
  for (std::size_t g = 0; g < survey.groups.size(); ++g)
    group_index[survey.groups[g].id] = g;
  for (const auto& response : survey.responses)
    for (const auto& [issue, rating] : response.ratings) {
      auto [it, fresh] = issue_index.emplace(match_key(issue), names.size());
      if (fresh) {
        names.push_back(issue);
        ratings.emplace_back(survey.groups.size());
      }
      ratings[it->second][group_index[response.group]].push_back(rating);
    }
  std::map<std::string, double> company;
  for (const auto& [issue, rating] : survey.company) {
    if (!issue_index.count(match_key(issue)))
      throw_input_error("company rating for an issue no stakeholder rated",
                        {survey.source, survey.firm_id, issue});
    company[match_key(issue)] = rating;
  }

  for (std::size_t i = 0; i < names.size(); ++i) {
    IssueSurveyResult r;
    r.issue = names[i];
    double weighted_sum = 0.0, top = 0.0;
    std::vector<std::pair<double, double>> pooled;
    for (std::size_t g = 0; g < survey.groups.size(); ++g) {
      const auto& values = ratings[i][g];
      if (values.empty()) continue;
      GroupSummary s;
      s.group = survey.groups[g].id;
      s.respondents = values.size();
      double sum = 0.0;
      std::size_t in_top = 0;
      for (double v : values) {
        sum += v;
        in_top += v >= survey.top_box;
      }
      s.mean = sum / static_cast<double>(values.size());
      s.median = plain_median(values);
      s.top_box_share = static_cast<double>(in_top) / static_cast<double>(values.size());
      double w = survey.groups[g].weight;
      r.respondents += values.size();
      r.weight_covered += w;
      weighted_sum += w * s.mean;
      top += w * s.top_box_share;
      for (double v : values)
        pooled.emplace_back(v, w / static_cast<double>(values.size()));
      r.groups.push_back(s);
    }
    if (r.weight_covered > 0.0) {
      r.weighted_mean = weighted_sum / r.weight_covered;
      r.top_box_share = top / r.weight_covered;
      r.weighted_median = weighted_median(pooled);
    } else {
      // Only zero-weight groups rated it: fall back to equal respondent weights (stated in docs).
      double sum = 0.0;
      std::size_t in_top = 0;
      std::vector<double> all;
      for (const auto& [v, w] : pooled) {
        sum += v;
        in_top += v >= survey.top_box;
        all.push_back(v);
      }
      r.weighted_mean = sum / static_cast<double>(all.size());
      r.top_box_share = static_cast<double>(in_top) / static_cast<double>(all.size());
      r.weighted_median = plain_median(all);
    }
    if (auto it = company.find(match_key(names[i])); it != company.end()) r.company = it->second;
    result.issues.push_back(std::move(r));
  }
  std::stable_sort(result.issues.begin(), result.issues.end(),
                   [](const IssueSurveyResult& a, const IssueSurveyResult& b) {
                     if (a.weighted_mean != b.weighted_mean)
                       return a.weighted_mean > b.weighted_mean;
                     if (a.weighted_median != b.weighted_median)
                       return a.weighted_median > b.weighted_median;
                     return a.top_box_share > b.top_box_share;
                   });
  for (std::size_t i = 0; i < result.issues.size(); ++i) {
    auto& r = result.issues[i];
    const auto* prev = i > 0 ? &result.issues[i - 1] : nullptr;
    r.rank = prev && prev->weighted_mean == r.weighted_mean &&
                     prev->weighted_median == r.weighted_median &&
                     prev->top_box_share == r.top_box_share
                 ? prev->rank
                 : static_cast<int>(i) + 1;
  }
  return result;
}

nlohmann::ordered_json survey_dataset_json(const SurveyResult& result) {
  ojson company;
  company["id"] = result.firm_id.empty() ? "firm" : result.firm_id;
  if (!result.firm_name.empty()) company["name"] = result.firm_name;
  company["scale"] = {{"min", result.scale_min}, {"max", result.scale_max}};
  company["issues"] = ojson::array();
  for (const auto& issue : result.issues) {
    if (!issue.company)
      throw_input_error(
          "no \"company\" rating: a firm's matrix needs both axes (importance to stakeholders from "
          "the "
          "survey, importance to the company from management)",
          {"", result.firm_id, issue.issue});
    company["issues"].push_back({{"name", issue.issue},
                                 {"stakeholder", issue.weighted_mean},
                                 {"business", *issue.company}});
  }
  ojson dataset;
  dataset["taxonomy"] = result.taxonomy;
  dataset["companies"] = ojson::array({company});
  return dataset;
}

std::string survey_dataset_json_text(const SurveyResult& result, int indent) {
  return survey_dataset_json(result).dump(indent);
}

nlohmann::ordered_json to_json(const SurveyResult& result) {
  ojson json;
  json["firm"] = {{"id", result.firm_id}, {"name", result.firm_name}};
  json["scale"] = {result.scale_min, result.scale_max};
  json["top_box"] = result.top_box;
  json["groups"] = ojson::array();
  for (const auto& g : result.groups)
    json["groups"].push_back({{"id", g.id}, {"name", g.name}, {"weight", g.weight}});
  json["issues"] = ojson::array();
  for (const auto& r : result.issues) {
    ojson item;
    MATERIA_JSON_MEMBERS(item, r, issue, rank, respondents, weight_covered, weighted_mean,
                         weighted_median, top_box_share);
    item["company"] = r.company ? ojson(*r.company) : ojson(nullptr);
    item["groups"] = ojson::array();
    for (const auto& g : r.groups) {
      ojson group;
      MATERIA_JSON_MEMBERS(group, g, group, respondents, mean, median, top_box_share);
      item["groups"].push_back(group);
    }
    json["issues"].push_back(item);
  }
  return json;
}

std::string to_json_text(const SurveyResult& result, int indent) {
  return to_json(result).dump(indent);
}

std::string to_csv(const SurveyResult& result) {
  std::string out = "issue,rank,group,respondents,mean,median,top_box_share,company\n";
  for (const auto& r : result.issues) {
    out += detail::csv_field(r.issue) + "," + std::to_string(r.rank) + ",all," +
           std::to_string(r.respondents) + "," + detail::shortest_number(r.weighted_mean) + "," +
           detail::shortest_number(r.weighted_median) + "," +
           detail::shortest_number(r.top_box_share) + "," +
           (r.company ? detail::shortest_number(*r.company) : "") + "\n";
    for (const auto& g : r.groups)
      out += detail::csv_field(r.issue) + "," + std::to_string(r.rank) + "," +
             detail::csv_field(g.group) + "," + std::to_string(g.respondents) + "," +
             detail::shortest_number(g.mean) + "," + detail::shortest_number(g.median) + "," +
             detail::shortest_number(g.top_box_share) + ",\n";
  }
  return out;
}

std::string to_table(const SurveyResult& result) {
  std::string out = "Stakeholder survey" + (result.firm_id.empty() ? "" : " of " + result.firm_id) +
                    " (scale " + detail::twelve_digits(result.scale_min) + "-" +
                    detail::twelve_digits(result.scale_max) +
                    ", top box >= " + detail::twelve_digits(result.top_box) + "; groups:";
  for (const auto& g : result.groups)
    out += " " + g.id + " " + detail::twelve_digits(g.weight);
  out += ")\n";
  detail::TextTable table(
      {"rank", "issue", "weighted mean", "weighted median", "top box", "respondents", "company"},
      {true, false, true, true, true, true, true});
  for (const auto& r : result.issues)
    table.add({std::to_string(r.rank), r.issue, detail::fixed_number(r.weighted_mean, 3),
               detail::twelve_digits(r.weighted_median),
               detail::fixed_number(100.0 * r.top_box_share, 1) + "%",
               std::to_string(r.respondents), r.company ? detail::twelve_digits(*r.company) : "-"});
  return out + table.render();
}

}  // namespace materia
