// Scores as JSON (full breakdown), CSV (one row per firm, jury and node) and a ranked table.
#include <cmath>
#include <sstream>

#include "base/csv.hpp"
#include "base/json_members.hpp"
#include "base/number_text.hpp"
#include "materia/workflows/scoring.hpp"
#include "output/text_table.hpp"
#include "workflows/scoring_json.hpp"

namespace materia {

namespace {

using ojson = nlohmann::ordered_json;

std::string shortest(double value) {
  return detail::shortest_number(value);
}

}  // namespace

nlohmann::ordered_json to_json(const ScoreResult& result) {
  ojson json;
  json["model"] = result.model;
  json["juries"] = ojson::array();
  for (const auto& jury : result.juries)
    json["juries"].push_back({{"id", jury.id}, {"weight", jury.weight}});
  json["categories"] = ojson::array();
  for (const auto& category : result.categories) {
    ojson c;
    c["id"] = category.id;
    c["name"] = category.name;
    c["firms"] = ojson::array();
    for (const auto& firm : result.firms)
      if (firm.category == category.id) c["firms"].push_back(firm.id);
    json["categories"].push_back(c);
  }
  json["firms"] = ojson::array();
  for (const auto& firm : result.firms) {
    ojson f;
    MATERIA_JSON_MEMBERS(f, firm, id, name, category, score, rank);
    f["dimensions"] = ojson::object();
    for (const auto& [id, score] : firm.dimensions)
      f["dimensions"][id] = score;
    f["juries"] = ojson::array();
    for (const auto& jury : firm.juries) {
      ojson j;
      MATERIA_JSON_MEMBERS(j, jury, jury, weight, score);
      j["nodes"] = ojson::array();
      for (const auto& node : jury.nodes) {
        ojson n;
        MATERIA_JSON_MEMBERS(n, node, id, path, weight, global_weight, score, contribution, rule,
                             input);
        j["nodes"].push_back(n);
      }
      f["juries"].push_back(j);
    }
    json["firms"].push_back(f);
  }
  return json;
}

std::string to_json_text(const ScoreResult& result, int indent) {
  return to_json(result).dump(indent);
}

std::string to_csv(const ScoreResult& result) {
  std::string out =
      "firm,category,rank,firm_score,jury,jury_weight,path,weight,global_weight,score,contribution,"
      "rule,input\n";
  for (const auto& firm : result.firms)
    for (const auto& jury : firm.juries)
      for (const auto& node : jury.nodes)
        out += detail::csv_field(firm.id) + "," + detail::csv_field(firm.category) + "," +
               std::to_string(firm.rank) + "," + shortest(firm.score) + "," +
               detail::csv_field(jury.jury) + "," + shortest(jury.weight) + "," +
               detail::csv_field(node.path) + "," + shortest(node.weight) + "," +
               shortest(node.global_weight) + "," + shortest(node.score) + "," +
               shortest(node.contribution) + "," + detail::csv_field(node.rule) + "," +
               detail::csv_field(node.input) + "\n";
  return out;
}

std::string to_table(const ScoreResult& result) {
  std::string out = "Scoring model " + result.model + "; juries:";
  for (const auto& jury : result.juries)
    out += " " + jury.id + " " + detail::fixed_number(jury.weight, 2);
  out += "\n";
  for (const auto& category : result.categories) {
    std::vector<std::string> header = {"rank", "firm", "score"};
    std::vector<bool> right = {true, false, true};
    bool first = true;
    detail::TextTable* table = nullptr;
    std::vector<detail::TextTable> holder;
    for (const auto& firm : result.firms) {
      if (firm.category != category.id) continue;
      if (first) {
        for (const auto& [id, score] : firm.dimensions) {
          header.push_back(id);
          right.push_back(true);
        }
        holder.emplace_back(header, right);
        table = &holder.back();
        first = false;
      }
      std::vector<std::string> row = {std::to_string(firm.rank),
                                      firm.name.empty() ? firm.id : firm.id + " " + firm.name,
                                      detail::fixed_number(100.0 * firm.score, 2)};
      for (const auto& [id, score] : firm.dimensions)
        row.push_back(detail::fixed_number(100.0 * score, 2));
      table->add(row);
    }
    if (table)
      out += "\n" + (category.name.empty() ? category.id : category.name) + " (scores x 100)\n" +
             table->render();
  }
  return out;
}

}  // namespace materia
