#include "materia/output.hpp"

#include <charconv>
#include <cmath>
#include <sstream>

#include "core/csv.hpp"
#include "materia/text.hpp"
#include "materia/version.hpp"

namespace materia {

namespace {

using ojson = nlohmann::ordered_json;

ojson number(double value) {
  return std::isfinite(value) ? ojson(value) : ojson(nullptr);
}

// Shortest text that reads back as the same double; empty for NaN.
std::string shortest(double value) {
  if (!std::isfinite(value)) return "";
  char buffer[32];
  auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
  return std::string(buffer, end);
}

std::string fixed(double value, int digits) {
  if (!std::isfinite(value)) return "-";
  std::ostringstream out;
  out.setf(std::ios::fixed);
  out.precision(digits);
  out << value;
  return out.str();
}

ojson issue_json(const IssueResult& issue) {
  ojson item;
  item["id"] = issue.id;
  item["name"] = issue.name;
  item["name_en"] = issue.name_en;
  item["category"] = std::string(category_code(issue.category));
  item["attention"] = issue.attention;
  item["attention_share"] = number(issue.attention_share);
  item["score"] = number(issue.score);
  item["rank"] = issue.rank;
  item["tier"] = issue.tier;
  item["importance"] = number(issue.importance);
  item["stakeholder"] = number(issue.stakeholder);
  item["business"] = number(issue.business);
  item["quadrant"] = issue.quadrant;
  item["merged_names"] = issue.merged_names;
  if (!issue.parent.empty()) item["parent"] = issue.parent;
  if (issue.is_topic) item["children"] = issue.children;
  return item;
}

std::string pad(const std::string& text, std::size_t width, bool right) {
  std::size_t w = display_width(text);
  std::string fill(width > w ? width - w : 0, ' ');
  return right ? fill + text : text + fill;
}

}  // namespace

nlohmann::ordered_json to_json(const Result& result) {
  ojson json;
  json["method"] = result.method;
  json["companies"] = result.companies;
  json["universe"] = result.universe;
  json["taxonomy"] = result.taxonomy;
  json["taxonomy_version"] = result.taxonomy_version;
  json["tiers"] = result.tiers;
  json["tier_breaks"] = ojson::array();
  for (double b : result.tier_breaks)
    json["tier_breaks"].push_back(number(b));
  json["gvf"] = number(result.gvf);
  json["higher_is_better"] = result.higher_is_better;
  if (result.kemeny_distance)
    json["kemeny"] = {{"distance", *result.kemeny_distance},
                      {"proven_optimal", result.kemeny_proven_optimal.value_or(false)},
                      {"lower_bound", result.kemeny_lower_bound.value_or(0.0)}};
  json["thresholds"] = {{"stakeholder", result.stakeholder_threshold},
                        {"business", result.business_threshold}};
  json["synthetic_input"] = result.synthetic_input;
  json["materia_version"] = version_string();
  json["issues"] = ojson::array();
  for (const auto& issue : result.issues)
    json["issues"].push_back(issue_json(issue));
  json["topics"] = ojson::array();
  for (const auto& topic : result.topics)
    json["topics"].push_back(issue_json(topic));
  json["warnings"] = result.warnings;
  return json;
}

std::string to_csv(const Result& result) {
  std::string out =
      "rank,tier,id,name,name_en,category,attention,attention_share,score,importance,stakeholder,"
      "business,quadrant,merged_names\n";
  for (const auto& issue : result.issues) {
    std::string merged;
    for (const auto& name : issue.merged_names)
      merged += (merged.empty() ? "" : " | ") + name;
    out += std::to_string(issue.rank) + "," + std::to_string(issue.tier) + "," +
           detail::csv_field(issue.id) + "," + detail::csv_field(issue.name) + "," +
           detail::csv_field(issue.name_en) + "," + std::string(category_code(issue.category)) +
           "," + std::to_string(issue.attention) + "," + shortest(issue.attention_share) + "," +
           shortest(issue.score) + "," + shortest(issue.importance) + "," +
           shortest(issue.stakeholder) + "," + shortest(issue.business) + "," + issue.quadrant +
           "," + detail::csv_field(merged) + "\n";
  }
  return out;
}

std::string to_table(const Result& result) {
  std::vector<std::vector<std::string>> rows;
  rows.push_back({"rank", "tier", "issue", "ESG", "attention", "score", "importance", "stakeholder",
                  "business", "quadrant"});
  for (const auto& issue : result.issues)
    rows.push_back({std::to_string(issue.rank), std::to_string(issue.tier), issue.name,
                    std::string(category_code(issue.category)), std::to_string(issue.attention),
                    fixed(issue.score, 4), fixed(issue.importance, 3), fixed(issue.stakeholder, 3),
                    fixed(issue.business, 3), issue.quadrant});
  std::vector<std::size_t> width(rows.front().size(), 0);
  for (const auto& row : rows)
    for (std::size_t c = 0; c < row.size(); ++c)
      width[c] = std::max(width[c], display_width(row[c]));
  std::ostringstream out;
  out << "method " << result.method << " · " << result.companies << " companies · universe "
      << result.universe << " · tiers " << result.tiers << " (GVF " << fixed(result.gvf, 3) << ")"
      << (result.synthetic_input ? " · synthetic sample data" : "") << "\n";
  if (result.kemeny_distance)
    out << "kemeny distance " << shortest(*result.kemeny_distance)
        << (result.kemeny_proven_optimal.value_or(false)
                ? std::string(" (proven optimal)")
                : " (heuristic; proven lower bound " +
                      shortest(result.kemeny_lower_bound.value_or(0.0)) + ")")
        << "\n";
  for (std::size_t r = 0; r < rows.size(); ++r) {
    std::string line;
    for (std::size_t c = 0; c < rows[r].size(); ++c) {
      bool right = c != 2 && c != 3 && c != 9;
      line += (c ? "  " : "") + pad(rows[r][c], width[c], right);
    }
    line.erase(line.find_last_not_of(' ') + 1);
    out << line << "\n";
  }
  if (!result.topics.empty()) {
    out << "\ntopics (roll-up: best child)\n";
    for (const auto& topic : result.topics) {
      std::string children;
      for (const auto& child : topic.children) {
        const IssueResult* issue = result.find(child);
        children += (children.empty() ? "" : ", ") + (issue ? issue->name : child);
      }
      out << "  " << topic.name << "  tier " << topic.tier << "  stakeholder "
          << fixed(topic.stakeholder, 3) << "  business " << fixed(topic.business, 3) << "  <- "
          << children << "\n";
    }
  }
  for (const auto& warning : result.warnings)
    out << "warning: " << warning << "\n";
  return out.str();
}

}  // namespace materia
