// Disclosure statistics and check reports as JSON, CSV and aligned text tables.
#include <cstdio>

#include "base/csv.hpp"
#include "base/json_members.hpp"
#include "base/number_text.hpp"
#include "materia/workflows/disclosure.hpp"
#include "output/text_table.hpp"
#include "workflows/disclosure_json.hpp"

namespace materia {

namespace {

using ojson = nlohmann::ordered_json;

ojson segment_json(const SegmentStats& s) {
  ojson item;
  MATERIA_JSON_MEMBERS(item, s, segment, name, firms, reports, esg, csr);
  MATERIA_JSON_NUMBERS(item, s, rate);
  MATERIA_JSON_MEMBERS(item, s, printed);
  return item;
}

ojson share_json(const Share& s, const char* key, const char* count_key) {
  ojson item;
  item[key] = s.item;
  item[count_key] = s.count;
  MATERIA_JSON_NUMBERS(item, s, share);
  MATERIA_JSON_MEMBERS(item, s, printed);
  return item;
}

std::string count_text(std::size_t n) {
  return std::to_string(n);
}

}  // namespace

nlohmann::ordered_json to_json(const DisclosureStats& stats) {
  ojson json;
  json["source"] = stats.source;
  json["synthetic_input"] = stats.synthetic;
  json["firms"] = stats.total.firms;
  json["segments"] = ojson::array();
  for (const auto& s : stats.segments)
    json["segments"].push_back(segment_json(s));
  json["total"] = segment_json(stats.total);
  json["basis"] = std::string(report_basis_name(stats.basis));
  json["reports"] = stats.base;
  json["standards"] = ojson::array();
  for (const auto& s : stats.standards)
    json["standards"].push_back(share_json(s, "standard", "reports"));
  json["content"] = ojson::array();
  for (const auto& s : stats.content)
    json["content"].push_back(share_json(s, "item", "count"));
  ojson kpi;
  kpi["firms"] = stats.kpi_firms;
  if (stats.kpi_firms > 0) {
    kpi["min"] = stats.kpi_dimensions_min;
    kpi["median"] = stats.kpi_dimensions_median;
    kpi["max"] = stats.kpi_dimensions_max;
  }
  json["kpi_dimensions"] = kpi;
  return json;
}

std::string to_csv(const DisclosureStats& stats) {
  std::string out = "table,key,label,count,base,share,printed,esg,csr\n";
  auto share_text = [](double v) { return detail::shortest_number(v); };
  auto segment_row = [&](const SegmentStats& s) {
    out += "segments," + detail::csv_field(s.segment) + "," + detail::csv_field(s.name) + "," +
           count_text(s.reports) + "," + count_text(s.firms) + "," + share_text(s.rate) + "," +
           s.printed + "," + count_text(s.esg) + "," + count_text(s.csr) + "\n";
  };
  for (const auto& s : stats.segments)
    segment_row(s);
  segment_row(stats.total);
  for (const auto& s : stats.standards)
    out += "standards," + detail::csv_field(s.item) + "," + detail::csv_field(s.item) + "," +
           count_text(s.count) + "," + count_text(s.base) + "," + share_text(s.share) + "," +
           s.printed + ",,\n";
  for (const auto& s : stats.content)
    out += "content," + detail::csv_field(s.item) + "," + detail::csv_field(s.item) + "," +
           count_text(s.count) + "," + count_text(s.base) + "," + share_text(s.share) + "," +
           s.printed + ",,\n";
  return out;
}

std::string to_table(const DisclosureStats& stats) {
  std::string out;
  if (stats.synthetic) out += "(synthetic input: " + stats.source + ")\n";
  detail::TextTable segments({"segment", "firms", "reports", "rate", "ESG", "CSR"},
                             {false, true, true, true, true, true});
  for (const auto& s : stats.segments)
    segments.add({s.name, count_text(s.firms), count_text(s.reports), s.printed, count_text(s.esg),
                  count_text(s.csr)});
  segments.add({"total", count_text(stats.total.firms), count_text(stats.total.reports),
                stats.total.printed, count_text(stats.total.esg), count_text(stats.total.csr)});
  out += "Disclosure by segment\n" + segments.render() + "\n";

  std::string basis = stats.basis == ReportBasis::esg ? "ESG" : "ESG and CSR";
  detail::TextTable standards({"standard", "reports", "share"}, {false, true, true});
  for (const auto& s : stats.standards)
    standards.add({s.item, count_text(s.count), s.printed});
  out += "Standards cited by the " + count_text(stats.base) + " " + basis + " reports\n" +
         standards.render() + "\n";

  detail::TextTable content({"content", "reports", "share"}, {false, true, true});
  for (const auto& s : stats.content)
    content.add({s.item, count_text(s.count), s.printed});
  out += "Content of the " + count_text(stats.base) + " " + basis + " reports\n" + content.render();
  if (stats.kpi_firms > 0) {
    char median[32];
    std::snprintf(median, sizeof median, "%g", stats.kpi_dimensions_median);
    out += "KPI dimensions (" + count_text(stats.kpi_firms) + " reports): min " +
           std::to_string(stats.kpi_dimensions_min) + ", median " + median + ", max " +
           std::to_string(stats.kpi_dimensions_max) + "\n";
  }
  return out;
}

nlohmann::ordered_json to_json(const CheckReport& report) {
  ojson json;
  json["published"] = report.published_source;
  json["records"] = report.records_source;
  json["figures_checked"] = report.figures_checked;
  json["disagreements"] = ojson::array();
  for (const auto& d : report.disagreements) {
    ojson item;
    MATERIA_JSON_MEMBERS(item, d, table, row, field, published, table_expected, table_reason,
                         records_expected, records_reason, message);
    json["disagreements"].push_back(item);
  }
  return json;
}

std::string to_json_text(const DisclosureStats& stats, int indent) {
  return to_json(stats).dump(indent);
}

std::string to_json_text(const CheckReport& report, int indent) {
  return to_json(report).dump(indent);
}

std::string to_csv(const CheckReport& report) {
  std::string out =
      "table,row,field,published,table_expected,table_reason,records_expected,records_reason\n";
  for (const auto& d : report.disagreements)
    out += detail::csv_field(d.table) + "," + detail::csv_field(d.row) + "," +
           detail::csv_field(d.field) + "," + detail::csv_field(d.published) + "," +
           detail::csv_field(d.table_expected) + "," + detail::csv_field(d.table_reason) + "," +
           detail::csv_field(d.records_expected) + "," + detail::csv_field(d.records_reason) + "\n";
  return out;
}

std::string to_table(const CheckReport& report) {
  std::string out = "Checked " + count_text(report.figures_checked) + " published figures of " +
                    report.published_source + " against " + report.records_source + ": " +
                    count_text(report.disagreements.size()) +
                    (report.disagreements.size() == 1 ? " disagreement" : " disagreements") + "\n";
  for (const auto& d : report.disagreements)
    out += "- " + d.message + "\n";
  return out;
}

}  // namespace materia
