// The JSON, CSV and table of `materia compare` and `materia benchmark` (docs/format.md).
#include <cmath>
#include <string>

#include <nlohmann/json.hpp>

#include "base/csv.hpp"
#include "base/json_members.hpp"
#include "base/number_text.hpp"
#include "materia/compare/compare.hpp"
#include "output/text_table.hpp"

namespace materia {

namespace {

using ojson = nlohmann::ordered_json;
using detail::finite_or_null;

ojson tier_or_null(int tier) {
  return tier > 0 ? ojson(tier) : ojson(nullptr);
}

ojson texts(const std::vector<std::string>& values) {
  ojson array = ojson::array();
  for (const auto& value : values)
    array.push_back(value);
  return array;
}

// A number for a CSV cell: shortest round trip, empty for NaN.
std::string cell(double value) {
  return detail::shortest_number(value);
}
std::string cell(int tier) {
  return tier > 0 ? std::to_string(tier) : "";
}
std::string cell(bool flag) {
  return flag ? "true" : "false";
}

// A signed rank change for the table ("+2.5", "-1", "0").
std::string signed_places(double value) {
  if (std::isnan(value)) return "-";
  std::string text = detail::general_number(value, 6);
  return value > 0 ? "+" + text : text;
}

std::string places(double value) {
  return std::isnan(value) ? "-" : detail::general_number(value, 6);
}

std::string interval(double low, double high) {
  if (std::isnan(low)) return "-";
  std::string text = "[";
  text += signed_places(low);
  text += ", ";
  text += signed_places(high);
  return text + "]";
}

ojson to_json(const Comparison& c) {
  ojson json;
  json["a"] = c.label_a;
  json["b"] = c.label_b;
  json["method"] = c.method;
  json["tiers"] = c.tiers;
  json["replicates"] = c.replicates;
  json["seed"] = c.seed;
  json["level"] = c.level;
  json["same_firms"] = c.same_firms;
  json["firms_both"] = texts(c.firms_both);
  json["firms_only_a"] = texts(c.firms_only_a);
  json["firms_only_b"] = texts(c.firms_only_b);
  MATERIA_JSON_NUMBERS(json, c, tau_b, tau_b_low, tau_b_high);
  json["significant"] = c.significant_count();
  json["tier_migration"] = c.tier_migration;
  json["issues"] = ojson::array();
  for (const auto& issue : c.issues) {
    ojson item;
    MATERIA_JSON_MEMBERS(item, issue, id, name, name_en);
    item["category"] = std::string(category_code(issue.category));
    item["status"] = status_name(issue.status);
    MATERIA_JSON_NUMBERS(item, issue, rank_a, rank_b, rank_change, change_low, change_high);
    item["significant"] = issue.significant;
    MATERIA_JSON_NUMBERS(item, issue, score_a, score_b);
    item["tier_a"] = tier_or_null(issue.tier_a);
    item["tier_b"] = tier_or_null(issue.tier_b);
    MATERIA_JSON_MEMBERS(item, issue, attention_a, attention_b);
    MATERIA_JSON_NUMBERS(item, issue, stakeholder_a, stakeholder_b, business_a, business_b);
    json["issues"].push_back(std::move(item));
  }
  json["warnings"] = texts(c.warnings);
  return json;
}

ojson to_json(const Benchmark& b) {
  ojson json;
  json["firm"] = {{"id", b.firm}, {"name", b.firm_name}};
  json["peers"] = {{"rule", b.peer_rule}, {"ids", texts(b.peers)}};
  json["method"] = b.method;
  json["tiers"] = b.tiers;
  MATERIA_JSON_NUMBERS(json, b, tau_b, percentile);
  json["top_places"] = b.top_places;
  json["blind_spots"] = b.blind_spot_count();
  json["distinctive"] = b.distinctive_count();
  json["issues"] = ojson::array();
  for (const auto& issue : b.issues) {
    ojson item;
    MATERIA_JSON_MEMBERS(item, issue, id, name, name_en);
    item["category"] = std::string(category_code(issue.category));
    MATERIA_JSON_NUMBERS(item, issue, firm_rank, peer_rank, gap);
    MATERIA_JSON_MEMBERS(item, issue, blind_spot, distinctive);
    item["peer_tier"] = tier_or_null(issue.peer_tier);
    MATERIA_JSON_MEMBERS(item, issue, peer_attention);
    MATERIA_JSON_NUMBERS(item, issue, firm_stakeholder, firm_business, peer_stakeholder,
                         peer_business, stakeholder_gap, business_gap);
    json["issues"].push_back(std::move(item));
  }
  json["peer_tau_b"] = ojson::array();
  for (std::size_t p = 0; p < b.peer_tau_b.size(); ++p)
    json["peer_tau_b"].push_back(
        {{"firm", b.peers[p]}, {"tau_b", finite_or_null(b.peer_tau_b[p])}});
  json["warnings"] = texts(b.warnings);
  return json;
}

}  // namespace

std::string to_json_text(const Comparison& comparison, int indent) {
  return to_json(comparison).dump(indent);
}

std::string to_json_text(const Benchmark& benchmark, int indent) {
  return to_json(benchmark).dump(indent);
}

std::string to_csv(const Comparison& c) {
  std::string out =
      "id,name,name_en,category,status,rank_a,rank_b,rank_change,change_low,change_high,"
      "significant,score_a,score_b,tier_a,tier_b,attention_a,attention_b,stakeholder_a,"
      "stakeholder_b,business_a,business_b\n";
  for (const auto& i : c.issues) {
    out += detail::csv_field(i.id) + "," + detail::csv_field(i.name) + "," +
           detail::csv_field(i.name_en) + "," + std::string(category_code(i.category)) + "," +
           status_name(i.status) + "," + cell(i.rank_a) + "," + cell(i.rank_b) + "," +
           cell(i.rank_change) + "," + cell(i.change_low) + "," + cell(i.change_high) + "," +
           cell(i.significant) + "," + cell(i.score_a) + "," + cell(i.score_b) + "," +
           cell(i.tier_a) + "," + cell(i.tier_b) + "," + std::to_string(i.attention_a) + "," +
           std::to_string(i.attention_b) + "," + cell(i.stakeholder_a) + "," +
           cell(i.stakeholder_b) + "," + cell(i.business_a) + "," + cell(i.business_b) + "\n";
  }
  return out;
}

std::string to_csv(const Benchmark& b) {
  std::string out =
      "id,name,name_en,category,firm_rank,peer_rank,gap,blind_spot,distinctive,peer_tier,"
      "peer_attention,firm_stakeholder,firm_business,peer_stakeholder,peer_business,"
      "stakeholder_gap,business_gap\n";
  for (const auto& i : b.issues) {
    out += detail::csv_field(i.id) + "," + detail::csv_field(i.name) + "," +
           detail::csv_field(i.name_en) + "," + std::string(category_code(i.category)) + "," +
           cell(i.firm_rank) + "," + cell(i.peer_rank) + "," + cell(i.gap) + "," +
           cell(i.blind_spot) + "," + cell(i.distinctive) + "," + cell(i.peer_tier) + "," +
           std::to_string(i.peer_attention) + "," + cell(i.firm_stakeholder) + "," +
           cell(i.firm_business) + "," + cell(i.peer_stakeholder) + "," + cell(i.peer_business) +
           "," + cell(i.stakeholder_gap) + "," + cell(i.business_gap) + "\n";
  }
  return out;
}

std::string to_table(const Comparison& c) {
  std::string out = c.label_a + " -> " + c.label_b + " · method " + c.method + " · tiers " +
                    c.tiers + " · firms: " + std::to_string(c.firms_both.size()) + " in both, " +
                    std::to_string(c.firms_only_a.size()) + " only in " + c.label_a + ", " +
                    std::to_string(c.firms_only_b.size()) + " only in " + c.label_b +
                    (c.same_firms ? " (compared: the firms in both)" : "") + "\n";
  out += "Kendall tau-b " + detail::fixed_number(c.tau_b, 3);
  if (c.replicates > 0) {
    out += " [" + detail::fixed_number(c.tau_b_low, 3) + ", " +
           detail::fixed_number(c.tau_b_high, 3) + "]; " + std::to_string(c.significant_count()) +
           " significant moves (" + detail::fixed_number(100.0 * c.level, 0) +
           "% simultaneous intervals, " + std::to_string(c.replicates) +
           " paired bootstrap replicates, seed " + std::to_string(c.seed) + ")\n";
  } else {
    out += "; no bootstrap: rank changes without intervals\n";
  }
  detail::TextTable table({"rank " + c.label_a, "rank " + c.label_b, "change", "interval", "",
                           "tier", "issue", "ESG", "status"},
                          {true, true, true, true, false, false, false, false, false});
  for (const auto& i : c.issues) {
    const std::string tiers = (i.tier_a > 0 ? std::to_string(i.tier_a) : "-") + " -> " +
                              (i.tier_b > 0 ? std::to_string(i.tier_b) : "-");
    table.add({places(i.rank_a), places(i.rank_b), signed_places(i.rank_change),
               interval(i.change_low, i.change_high), i.significant ? "*" : "", tiers, i.name,
               std::string(category_code(i.category)), status_name(i.status)});
  }
  out += table.render();
  if (!c.tier_migration.empty()) {
    out += "\ntier migration (rows " + c.label_a + ", columns " + c.label_b + "; - = absent)\n";
    std::vector<std::string> header{""};
    std::vector<bool> right{false};
    for (std::size_t t = 0; t < c.tier_migration[0].size(); ++t) {
      header.push_back(t == 0 ? "-" : std::to_string(t));
      right.push_back(true);
    }
    detail::TextTable migration(header, right);
    for (std::size_t t = 0; t < c.tier_migration.size(); ++t) {
      std::vector<std::string> row{t == 0 ? "-" : std::to_string(t)};
      for (std::size_t count : c.tier_migration[t])
        row.push_back(std::to_string(count));
      migration.add(row);
    }
    out += migration.render();
  }
  return out;
}

std::string to_table(const Benchmark& b) {
  std::string out = b.firm + (b.firm_name.empty() ? "" : " (" + b.firm_name + ")") +
                    " against the consensus of " + std::to_string(b.peers.size()) + " peers (" +
                    b.peer_rule + ") · method " + b.method + " · tiers " + b.tiers + "\n";
  out += "Kendall tau-b to the consensus " + detail::fixed_number(b.tau_b, 3) +
         (std::isnan(b.percentile)
              ? std::string()
              : ", percentile " + detail::fixed_number(b.percentile, 0) + " among the peers' own") +
         "; " + std::to_string(b.blind_spot_count()) + " blind spots, " +
         std::to_string(b.distinctive_count()) + " distinctive issues\n";
  detail::TextTable table({"firm rank", "peer rank", "gap", "peer tier", "issue", "ESG", "flag"},
                          {true, true, true, true, false, false, false});
  for (const auto& i : b.issues) {
    std::string flag = i.blind_spot ? "blind spot" : i.distinctive ? "distinctive" : "";
    table.add({places(i.firm_rank), places(i.peer_rank), signed_places(i.gap),
               i.peer_tier > 0 ? std::to_string(i.peer_tier) : "-", i.name,
               std::string(category_code(i.category)), flag});
  }
  return out + table.render();
}

}  // namespace materia
