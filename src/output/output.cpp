#include "materia/output/output.hpp"

#include <charconv>
#include <cmath>
#include <sstream>

#include "base/csv.hpp"
#include "output/json_writer.hpp"
#include "materia/text/text.hpp"
#include "materia/version.hpp"

namespace materia {

namespace {

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

// The fields of one issue, in docs/format.md order, written to a JsonText or a JsonTree sink.
template <class Sink>
void write_issue(Sink& out, const IssueResult& issue) {
  out.open_object();
  out.key("id"), out.value(issue.id);
  out.key("name"), out.value(issue.name);
  out.key("name_en"), out.value(issue.name_en);
  out.key("category"), out.value(category_code(issue.category));
  out.key("attention"), out.value(issue.attention);
  out.key("attention_share"), out.number(issue.attention_share);
  out.key("score"), out.number(issue.score);
  out.key("rank"), out.value(issue.rank);
  out.key("tier"), out.value(issue.tier);
  out.key("importance"), out.number(issue.importance);
  out.key("stakeholder"), out.number(issue.stakeholder);
  out.key("business"), out.number(issue.business);
  out.key("quadrant"), out.value(issue.quadrant);
  out.key("merged_names"), detail::write_strings(out, issue.merged_names);
  out.key("material"), out.value(issue.material);
  out.key("borderline"), out.value(issue.borderline);
  out.key("composite"), out.number(issue.composite);
  if (!issue.tier_probability.empty()) {
    out.key("rank_interval"), out.open_array();
    out.number(issue.rank_low), out.number(issue.rank_high);
    out.close();
    out.key("tier_probability"), out.open_array();
    for (double p : issue.tier_probability)
      out.value(p);
    out.close();
  }
  if (!issue.influential_firm.empty()) {
    out.key("influential_firm"), out.open_object();
    out.key("id"), out.value(issue.influential_firm);
    out.key("rank_shift"), out.number(issue.influential_shift);
    out.close();
  }
  if (!issue.parent.empty()) out.key("parent"), out.value(issue.parent);
  if (issue.is_topic) out.key("children"), detail::write_strings(out, issue.children);
  out.close();
}

// The whole result (docs/format.md, "Result"), fields in a fixed order.
template <class Sink>
void write_result(Sink& out, const Result& result) {
  out.open_object();
  out.key("method"), out.value(result.method);
  out.key("companies"), out.value(result.companies);
  out.key("universe"), out.value(result.universe);
  out.key("taxonomy"), out.value(result.taxonomy);
  out.key("taxonomy_version"), out.value(result.taxonomy_version);
  out.key("tiers"), out.value(result.tiers);
  out.key("tier_breaks"), out.open_array();
  for (double b : result.tier_breaks)
    out.number(b);
  out.close();
  out.key("gvf"), out.number(result.gvf);
  out.key("higher_is_better"), out.value(result.higher_is_better);
  if (result.kemeny_distance) {
    out.key("kemeny"), out.open_object();
    out.key("distance"), out.value(*result.kemeny_distance);
    out.key("proven_optimal"), out.value(result.kemeny_proven_optimal.value_or(false));
    out.key("lower_bound"), out.value(result.kemeny_lower_bound.value_or(0.0));
    out.close();
  }
  out.key("thresholds"), out.open_object();
  out.key("stakeholder"), out.value(result.stakeholder_threshold);
  out.key("business"), out.value(result.business_threshold);
  out.close();
  out.key("matrix"), out.open_object();
  out.key("axes"), out.value(result.axis_aggregation);
  out.key("threshold_rule"), out.value(result.threshold_rule);
  out.key("material"), out.value(result.material_rule);
  out.key("borderline_band"), out.value(result.borderline_band);
  out.key("roll_up"), out.value(result.roll_up);
  out.key("composite_top"), out.value(result.composite_top);
  out.key("composite_cut_attention"), out.value(result.composite_cut_attention);
  out.key("composite_thresholds"), out.open_object();
  out.key("attention_share"), out.number(result.composite_attention_threshold);
  out.key("importance"), out.number(result.composite_importance_threshold);
  out.close();
  out.close();
  if (result.bootstrap_replicates > 0) {
    out.key("bootstrap"), out.open_object();
    out.key("replicates"), out.value(result.bootstrap_replicates);
    out.key("seed"), out.value(result.bootstrap_seed);
    out.key("level"), out.value(0.95);
    out.close();
  }
  out.key("leave_one_out"), out.value(result.leave_one_out);
  out.key("synthetic_input"), out.value(result.synthetic_input);
  out.key("materia_version"), out.value(version_string());
  out.key("issues"), out.open_array();
  for (const auto& issue : result.issues)
    write_issue(out, issue);
  out.close();
  out.key("topics"), out.open_array();
  for (const auto& topic : result.topics)
    write_issue(out, topic);
  out.close();
  out.key("warnings"), detail::write_strings(out, result.warnings);
  out.close();
}

std::string pad(const std::string& text, std::size_t width, bool right) {
  std::size_t w = display_width(text);
  std::string fill(width > w ? width - w : 0, ' ');
  return right ? fill + text : text + fill;
}

}  // namespace

nlohmann::ordered_json to_json(const Result& result) {
  detail::JsonTree tree;
  write_result(tree, result);
  return tree.take();
}

std::string to_json_text(const Result& result) {
  std::string text;
  text.reserve(1024 + 640 * (result.issues.size() + result.topics.size()));
  detail::JsonText out(text);
  write_result(out, result);
  text += '\n';
  return text;
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
    out << "\ntopics (roll-up: " << result.roll_up << " of children)\n";
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
