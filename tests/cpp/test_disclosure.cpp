// Disclosure statistics: the report's published tables reproduced from the synthetic firm records
// (rounding included), the checker finding exactly the report's two inconsistencies, and every
// validation error with its message.
#include <gtest/gtest.h>

#include <sys/wait.h>

#include <cstdio>
#include <fstream>
#include <map>

#include "materia/error.hpp"
#include "materia/io/io.hpp"
#include "materia/workflows/disclosure.hpp"
#include "test_support.hpp"
#include "workflows/disclosure_json.hpp"

namespace {

using materia::format_percent;

std::string published_path() {
  return std::string(MATERIA_SOURCE_DIR) + "/data/published/fintech-2024-published.json";
}

TEST(FormatPercent, PrintsAsTheReportDoes) {
  EXPECT_EQ(format_percent(3, 24, 0), "13%");  // 12.5 rounds half up, not to even
  EXPECT_EQ(format_percent(1, 8, 0), "13%");
  EXPECT_EQ(format_percent(1, 200, 0), "1%");  // 0.5
  EXPECT_EQ(format_percent(8, 60, 1), "13.3%");
  EXPECT_EQ(format_percent(13, 40, 1), "32.5%");
  EXPECT_EQ(format_percent(12, 31, 1), "38.7%");
  EXPECT_EQ(format_percent(3, 19, 1), "15.8%");
  EXPECT_EQ(format_percent(20, 24, 1), "83.3%");
  EXPECT_EQ(format_percent(23, 24, 1), "95.8%");
  EXPECT_EQ(format_percent(3, 24, 1), "12.5%");
  EXPECT_EQ(format_percent(13, 24, 1), "54.2%");
  EXPECT_EQ(format_percent(1, 16, 2), "6.25%");
  EXPECT_EQ(format_percent(1, 16, 1), "6.3%");  // 6.25 -> 6.3 (half up)
  EXPECT_EQ(format_percent(1, 3, 3), "33.333%");
  EXPECT_EQ(format_percent(0, 7, 1), "0.0%");
  EXPECT_EQ(format_percent(7, 7, 0), "100%");
  EXPECT_EQ(format_percent(1, 1000, 1), "0.1%");
  EXPECT_EQ(format_percent(1, 2000, 1), "0.1%");  // 0.05 -> 0.1
  EXPECT_EQ(format_percent(1, 2001, 1), "0.0%");
}

// Brute force: the printed number u (in units of 10^-d percent) satisfies u - 1/2 <= x < u + 1/2
// for the exact x = 100·count·10^d / base, i.e. half up, checked in integers.
TEST(FormatPercent, IsExactHalfUpOnAllSmallFractions) {
  for (std::uint64_t base = 1; base <= 250; ++base)
    for (std::uint64_t count = 0; count <= base; ++count)
      for (int d = 0; d <= 2; ++d) {
        std::string text = format_percent(count, base, d);
        ASSERT_EQ(text.back(), '%');
        std::string digits;
        for (char c : text.substr(0, text.size() - 1))
          if (c != '.') digits += c;
        auto units = std::stoll(digits);
        std::int64_t scale = d == 0 ? 1 : d == 1 ? 10 : 100;
        auto x2 = static_cast<std::int64_t>(200 * count) * scale;  // 2·x·base
        auto b = static_cast<std::int64_t>(base);
        ASSERT_LE((2 * units - 1) * b, x2) << count << "/" << base << " " << text;
        ASSERT_LT(x2, (2 * units + 1) * b) << count << "/" << base << " " << text;
        if (d > 0) {
          ASSERT_EQ(text.size() - text.find('.') - 2, static_cast<std::size_t>(d));
        }
      }
}

TEST(FormatPercent, RejectsAZeroBase) {
  EXPECT_THROW(format_percent(1, 0, 0), materia::Error);
  EXPECT_THROW(format_percent(1, 2, 4), materia::Error);
}

TEST(Disclosure, SampleIsSyntheticWith150Firms) {
  auto records = materia::load_firm_records_sample("fintech-2024");
  EXPECT_TRUE(records.synthetic);
  EXPECT_EQ(records.firms.size(), 150u);
  EXPECT_NE(records.description.find("SYNTHETIC"), std::string::npos);
}

TEST(Disclosure, ReproducesThePublishedSegmentTable) {
  auto stats = materia::disclosure_statistics(materia::load_firm_records_sample("fintech-2024"));
  ASSERT_EQ(stats.segments.size(), 4u);
  struct Row {
    const char* id;
    std::size_t firms, reports, esg, csr;
    const char* printed;
  };
  const Row published[] = {{"it_service_provider", 60, 8, 7, 1, "13.3%"},
                           {"tech_business_service_provider", 40, 13, 11, 2, "32.5%"},
                           {"consumer_finance", 31, 12, 3, 9, "38.7%"},
                           {"private_bank", 19, 3, 3, 0, "15.8%"}};
  for (std::size_t i = 0; i < 4; ++i) {
    const auto& s = stats.segments[i];
    EXPECT_EQ(s.segment, published[i].id);
    EXPECT_EQ(s.firms, published[i].firms);
    EXPECT_EQ(s.reports, published[i].reports);
    EXPECT_EQ(s.esg, published[i].esg);
    EXPECT_EQ(s.csr, published[i].csr);
    EXPECT_EQ(s.printed, published[i].printed);
    EXPECT_DOUBLE_EQ(s.rate, static_cast<double>(s.reports) / static_cast<double>(s.firms));
  }
  EXPECT_EQ(stats.segments[0].name, "IT technology service providers");
  EXPECT_EQ(stats.total.firms, 150u);
  EXPECT_EQ(stats.total.reports, 36u);
  EXPECT_EQ(stats.total.esg, 24u);
  EXPECT_EQ(stats.total.csr, 12u);
}

TEST(Disclosure, ReproducesThePublishedStandardsTable) {
  auto stats = materia::disclosure_statistics(materia::load_firm_records_sample("fintech-2024"));
  EXPECT_EQ(stats.base, 24u);
  std::map<std::string, std::pair<std::size_t, std::string>> got;
  for (const auto& s : stats.standards)
    got[s.item] = {s.count, s.printed};
  const std::vector<std::tuple<std::string, std::size_t, std::string>> published = {
      {"GRI Standards (GSSB)", 18, "75%"},
      {"UN Sustainable Development Goals (SDGs)", 14, "58%"},
      {"HKEX Listing Rules Appendix C2, ESG Reporting Guide", 13, "54%"},
      {"former CBRC opinion on bank social responsibility", 5, "21%"},
      {"China Banking Association CSR guideline for banks", 5, "21%"},
      {"GB/T 36001-2015 social responsibility reporting guide", 3, "13%"},
      {"SZSE listed-company social responsibility guideline", 3, "13%"},
      {"PBoC financial institutions environmental disclosure guide", 3, "13%"},
      {"SASB industry standards", 3, "13%"},
      {"UN Global Compact ten principles", 2, "8%"},
      {"SSE self-regulatory guideline No.14 (draft notice)", 2, "8%"},
      {"TCFD recommendations", 2, "8%"}};
  for (const auto& [name, count, printed] : published) {
    ASSERT_TRUE(got.count(name)) << name;
    EXPECT_EQ(got[name].first, count) << name;
    EXPECT_EQ(got[name].second, printed) << name;
  }
  // "12 further standards ... 4% each, 1 each"
  int singles = 0;
  for (const auto& s : stats.standards) {
    if (s.count == 1) {
      ++singles;
      EXPECT_EQ(s.printed, "4%") << s.item;
    }
  }
  EXPECT_EQ(singles, 12);
  EXPECT_EQ(stats.standards.size(), 24u);
  for (std::size_t i = 1; i < stats.standards.size(); ++i)  // by count, descending
    EXPECT_GE(stats.standards[i - 1].count, stats.standards[i].count);
}

TEST(Disclosure, ReproducesTheContentOfThe24EsgReports) {
  auto stats = materia::disclosure_statistics(materia::load_firm_records_sample("fintech-2024"));
  std::map<std::string, materia::Share> content;
  for (const auto& s : stats.content)
    content[s.item] = s;
  EXPECT_EQ(content["assurance"].count, 3u);
  EXPECT_EQ(content["assurance"].printed, "12.5%");
  EXPECT_EQ(content["assurance:limited"].count, 2u);
  EXPECT_EQ(content["assurance:statement"].count, 1u);
  EXPECT_EQ(content["assurance:reasonable"].count, 0u);
  EXPECT_EQ(content["strategy"].count, 13u);
  EXPECT_EQ(content["strategy"].printed, "54.2%");
  EXPECT_EQ(content["governance"].count, 14u);
  EXPECT_EQ(content["materiality_matrix"].count, 23u);
  EXPECT_EQ(content["kpi_table"].count, 23u);
  EXPECT_EQ(content["kpi_table"].printed, "95.8%");
  EXPECT_EQ(content["listing:HK"].count, 7u);
  EXPECT_EQ(content["listing:HK+US"].count, 2u);
  EXPECT_EQ(content["listing:A"].count, 4u);
  EXPECT_EQ(content["listed"].count, 13u);
  EXPECT_EQ(content["venue:HK"].count, 9u);
  EXPECT_EQ(content["unlisted"].count, 11u);
  EXPECT_EQ(content["listed"].count + content["unlisted"].count, stats.base);
  EXPECT_EQ(stats.kpi_firms, 23u);
  EXPECT_EQ(stats.kpi_dimensions_min, 10);  // "from about 10 to over 80"
  EXPECT_GT(stats.kpi_dimensions_max, 80);
}

TEST(Disclosure, IncludeCsrWidensTheBasis) {
  auto records = materia::load_firm_records_sample("fintech-2024");
  materia::DisclosureOptions options;
  options.basis = materia::ReportBasis::esg_and_csr;
  auto stats = materia::disclosure_statistics(records, options);
  EXPECT_EQ(stats.base, 36u);
  std::size_t gri = 0;
  for (const auto& firm : records.firms)
    if (firm.report != materia::ReportType::none)
      for (const auto& s : firm.standards)
        gri += s == "GRI Standards (GSSB)";
  ASSERT_EQ(stats.standards.front().item, "GRI Standards (GSSB)");
  EXPECT_EQ(stats.standards.front().count, gri);
  EXPECT_GE(gri, 18u);
  EXPECT_EQ(stats.standards.front().printed, format_percent(gri, 36, 0));
}

TEST(DisclosureCheck, FindsExactlyTheReportsTwoInconsistencies) {
  auto report = materia::check_published(materia::load_published_file(published_path()),
                                         materia::load_firm_records_sample("fintech-2024"));
  ASSERT_EQ(report.disagreements.size(), 2u);
  const auto& kpi = report.disagreements[0];
  EXPECT_EQ(kpi.table, "content");
  EXPECT_EQ(kpi.row, "kpi_table");
  EXPECT_EQ(kpi.field, "printed");
  EXPECT_EQ(kpi.published, "83.3%");
  EXPECT_EQ(kpi.table_expected, "95.8%");
  EXPECT_EQ(kpi.table_reason, "23/24");
  EXPECT_EQ(kpi.records_expected, "95.8%");
  EXPECT_EQ(kpi.message,
            "content \"kpi_table\" printed: published 83.3%; the table's own figures give 95.8% "
            "(23/24); the records give 95.8% (23/24)");
  const auto& listed = report.disagreements[1];
  EXPECT_EQ(listed.row, "listed");
  EXPECT_EQ(listed.field, "count");
  EXPECT_EQ(listed.published, "14");
  EXPECT_EQ(listed.table_expected, "13");
  EXPECT_EQ(listed.table_reason, "sum of parts listing:HK 7 + listing:HK+US 2 + listing:A 4");
  EXPECT_EQ(listed.records_expected, "13");
  // segments: 4 rows x 5 figures + total 4; standards: base + 24 x 2; content: base + 11 counts + 3
  // printed
  EXPECT_EQ(report.figures_checked, 24u + 49u + 15u);
  // The embedded copy is the same table.
  auto embedded = materia::check_published(materia::load_published_sample("fintech-2024"),
                                           materia::load_firm_records_sample("fintech-2024"));
  EXPECT_EQ(embedded.disagreements.size(), 2u);
}

TEST(DisclosureCheck, CorrectedTableAgreesWithTheRecords) {
  auto published = materia::load_published_file(published_path());
  for (auto& row : published.content.rows) {
    if (row.item == "kpi_table") row.printed = "95.8%";
    if (row.item == "listed") row.count = 13;
  }
  auto report =
      materia::check_published(published, materia::load_firm_records_sample("fintech-2024"));
  EXPECT_TRUE(report.disagreements.empty());
}

TEST(DisclosureCheck, ReportsRecordsThatDisagreeAndTablesThatDisagreeWithThemselves) {
  auto records = materia::load_firm_records_sample("fintech-2024");
  // One ESG firm stops citing TCFD: the count disagrees with the records (its printed share still
  // matches its own count, so it is not a second finding).
  for (auto& firm : records.firms) {
    auto it = std::find(firm.standards.begin(), firm.standards.end(), "TCFD recommendations");
    if (firm.report == materia::ReportType::esg && it != firm.standards.end()) {
      firm.standards.erase(it);
      break;
    }
  }
  auto published = materia::load_published_file(published_path());
  published.segments[1].reports = 14;  // 11 + 2 = 13, rate 32.5% = 13/40, total 36
  auto report = materia::check_published(published, records);
  std::vector<std::string> found;
  for (const auto& d : report.disagreements)
    found.push_back(d.table + "|" + d.row + "|" + d.field);
  std::vector<std::string> expected = {"segments|tech_business_service_provider|reports",
                                       "segments|tech_business_service_provider|printed",
                                       "segments|total|reports",
                                       "standards|TCFD recommendations|count",
                                       "content|kpi_table|printed",
                                       "content|listed|count"};
  EXPECT_EQ(found, expected);
  EXPECT_EQ(report.disagreements[0].table_expected, "13");
  EXPECT_EQ(report.disagreements[0].table_reason, "esg + csr = 11 + 2");
  EXPECT_EQ(report.disagreements[0].records_expected, "13");
  EXPECT_EQ(report.disagreements[1].table_expected, "35.0%");  // 14/40 against the printed 32.5%
  EXPECT_EQ(report.disagreements[1].records_expected, "");     // the records give 13/40 = 32.5% too
  EXPECT_EQ(report.disagreements[2].table_expected, "37");
  EXPECT_EQ(report.disagreements[2].table_reason, "sum of the segment rows 8 + 14 + 12 + 3");
  EXPECT_EQ(report.disagreements[2].records_expected, "");  // 36 is right
  EXPECT_EQ(report.disagreements[3].records_expected, "1");
  EXPECT_EQ(report.disagreements[3].table_expected, "");
}

TEST(DisclosureCheck, CompleteStandardsTableMustListEveryCitedStandard) {
  auto records = materia::load_firm_records_sample("fintech-2024");
  for (auto& firm : records.firms)
    if (firm.report == materia::ReportType::esg) {
      firm.standards.push_back("ISO 14001");
      break;
    }
  auto report = materia::check_published(materia::load_published_file(published_path()), records);
  ASSERT_EQ(report.disagreements.size(), 3u);
  EXPECT_EQ(report.disagreements[0].row, "ISO 14001");
  EXPECT_EQ(report.disagreements[0].published, "(absent)");
  EXPECT_EQ(report.disagreements[0].records_expected, "1");
}

// ---- Records in CSV give the same statistics as in JSON.
TEST(Disclosure, CsvRecordsEqualJsonRecords) {
  auto records = materia::load_firm_records_sample("fintech-2024");
  std::string csv =
      "id,segment,report,listed,assurance,strategy,governance,kpi_table,kpi_dimensions,"
      "materiality_matrix,standards\n";
  for (const auto& f : records.firms) {
    auto join = [](const std::vector<std::string>& items) {
      std::string out;
      for (const auto& s : items)
        out += (out.empty() ? "" : "|") + s;
      return "\"" + out + "\"";
    };
    csv += f.id + "," + f.segment + "," + std::string(materia::report_type_name(f.report)) + "," +
           join(f.listed) + "," + std::string(materia::assurance_name(f.assurance)) + "," +
           (f.strategy ? "yes" : "no") + "," + (f.governance ? "true" : "false") + "," +
           (f.kpi_table ? "1" : "0") + "," +
           (f.kpi_dimensions ? std::to_string(*f.kpi_dimensions) : "") + "," +
           (f.materiality_matrix ? "true" : "") + "," + join(f.standards) + "\n";
  }
  auto from_csv = materia::load_firm_records_csv(csv, "records.csv");
  auto a = materia::to_json(materia::disclosure_statistics(records));
  auto b = materia::to_json(materia::disclosure_statistics(from_csv));
  a.erase("source"), b.erase("source"), a.erase("synthetic_input"), b.erase("synthetic_input");
  // Without declared segments the CSV shows ids as names; compare the figures.
  for (auto* j : {&a, &b})
    for (auto& s : (*j)["segments"])
      s.erase("name");
  EXPECT_EQ(a.dump(), b.dump());
}

// ---- Every validation error, with its message.
std::string json_error(const std::string& text) {
  try {
    materia::load_firm_records_json(text, "f.json");
  } catch (const materia::Error& e) {
    EXPECT_EQ(e.kind(), materia::ErrorKind::input);
    return e.what();
  }
  return "no error";
}

std::string firm(const std::string& fields) {
  return R"({"firms":[{"id":"A","segment":"s","report":"ESG")" + fields + "}]}";
}

TEST(DisclosureErrors, FirmRecordsJson) {
  EXPECT_EQ(json_error("[1]"),
            "f.json: firm records must be a JSON object with \"firms\", not a array");
  EXPECT_EQ(json_error("{}"), "f.json: missing field \"firms\"");
  EXPECT_EQ(json_error(R"({"firms":{}})"),
            "f.json: field \"firms\" must be an array, not a object");
  EXPECT_EQ(json_error(R"({"firms":[]})"), "f.json: no firms");
  EXPECT_EQ(json_error(R"({"firms":[], "firmz":1})"),
            "f.json: unknown field \"firmz\" in firm records (known: meta, segments, firms)");
  EXPECT_EQ(json_error(R"({"firms":[3]})"), "f.json: firm 1 must be an object, not a number");
  EXPECT_EQ(json_error(R"({"firms":[{"segment":"s"}]})"), "f.json: firm 1 has no \"id\"");
  EXPECT_EQ(json_error(R"({"firms":[{"id":"A","report":"ESG"}]})"),
            "f.json: firm \"A\": missing field \"segment\"");
  EXPECT_EQ(json_error(R"({"firms":[{"id":"A","segment":"s"}]})"),
            "f.json: firm \"A\": missing field \"report\"");
  EXPECT_EQ(json_error(firm(R"(,"colour":1)")).substr(0, 51),
            "f.json: firm \"A\": unknown field \"colour\" in a firm ");
  EXPECT_EQ(json_error(R"({"firms":[{"id":"A","segment":"s","report":"PDF"}]})"),
            "f.json: firm \"A\": field \"report\" must be ESG, CSR or none, not \"PDF\"");
  EXPECT_EQ(
      json_error(firm(R"(,"assurance":"full")")),
      "f.json: firm \"A\": field \"assurance\" must be none, limited, reasonable or statement, "
      "not \"full\"");
  EXPECT_EQ(json_error(firm(R"(,"strategy":"yes")")),
            "f.json: firm \"A\": field \"strategy\" must be true or false, not a string");
  EXPECT_EQ(json_error(firm(R"(,"listed":"HK")")),
            "f.json: firm \"A\": field \"listed\" must be an array of strings, not a string");
  EXPECT_EQ(json_error(firm(R"(,"listed":[1])")),
            "f.json: firm \"A\": field \"listed\" must hold strings, not a number");
  EXPECT_EQ(json_error(firm(R"(,"listed":["HK","hk"])")),
            "f.json: firm \"A\": venue \"HK\" listed twice");
  EXPECT_EQ(json_error(firm(R"(,"listed":["none","HK"])")),
            "f.json: firm \"A\": field \"listed\" mixes \"none\" with venues");
  EXPECT_EQ(json_error(firm(R"(,"listed":[" "])")),
            "f.json: firm \"A\": field \"listed\" has an empty venue");
  EXPECT_EQ(json_error(firm(R"(,"listed":["HK+US"])")),
            "f.json: firm \"A\": venue \"HK+US\" contains \"+\"; list each venue separately");
  EXPECT_EQ(json_error(firm(R"(,"kpi_dimensions":12)")),
            "f.json: firm \"A\": field \"kpi_dimensions\" is given but \"kpi_table\" is false");
  EXPECT_EQ(
      json_error(firm(R"(,"kpi_table":true,"kpi_dimensions":1.5)")),
      "f.json: firm \"A\": field \"kpi_dimensions\" must be a whole number from 0 to 1000000");
  EXPECT_EQ(json_error(firm(R"(,"kpi_table":true,"kpi_dimensions":"many")")),
            "f.json: firm \"A\": field \"kpi_dimensions\" must be a number, not a string");
  EXPECT_EQ(json_error(firm(R"(,"standards":["GRI","GRI"])")),
            "f.json: firm \"A\": standard \"GRI\" cited twice");
  EXPECT_EQ(json_error(firm(R"(,"standards":[" "])")),
            "f.json: firm \"A\": an empty standard name");
  EXPECT_EQ(json_error(R"({"firms":[{"id":"A","segment":"s","report":"none","kpi_table":true}]})"),
            "f.json: firm \"A\": field \"kpi_table\" is set but the firm has no report");
  EXPECT_EQ(
      json_error(R"({"firms":[{"id":"A","segment":"s","report":"none","standards":["GRI"]}]})"),
      "f.json: firm \"A\": field \"standards\" is set but the firm has no report");
  EXPECT_EQ(
      json_error(R"({"firms":[{"id":"A","segment":"s","report":"none","assurance":"limited"}]})"),
      "f.json: firm \"A\": field \"assurance\" is set but the firm has no report");
  EXPECT_EQ(
      json_error(
          R"({"firms":[{"id":"A","segment":"s","report":"ESG"},{"id":"A","segment":"s","report":"CSR"}]})"),
      "f.json: firm \"A\": duplicate firm id (first at firm 1)");
  EXPECT_EQ(
      json_error(R"({"segments":[{"id":"t"}],"firms":[{"id":"A","segment":"s","report":"ESG"}]})"),
      "f.json: firm \"A\": segment \"s\" is not declared in \"segments\"");
  EXPECT_EQ(
      json_error(
          R"({"segments":[{"id":"s"},{"id":"s"}],"firms":[{"id":"A","segment":"s","report":"ESG"}]})"),
      "f.json: segment \"s\" declared twice");
  EXPECT_EQ(json_error(R"({"segments":{},"firms":[]})"),
            "f.json: field \"segments\" must be an array, not a object");
  EXPECT_EQ(json_error(R"({"segments":[1],"firms":[]})"),
            "f.json: each segment must be an object with \"id\" and \"name\"");
  EXPECT_EQ(
      json_error("{"),
      "f.json: invalid JSON at line 1, column 2: unexpected end of input; expected string literal");
}

std::string csv_error(const std::string& text) {
  try {
    materia::load_firm_records_csv(text, "f.csv");
  } catch (const materia::Error& e) {
    return e.what();
  }
  return "no error";
}

TEST(DisclosureErrors, FirmRecordsCsv) {
  EXPECT_EQ(csv_error(""), "f.csv: the input is empty");
  EXPECT_EQ(csv_error("id,segment,report,color\n"),
            "f.csv: unknown column \"color\" (known: id, name, segment, report, listed, assurance, "
            "strategy, governance, kpi_table, kpi_dimensions, materiality_matrix, standards)");
  EXPECT_EQ(csv_error("id,segment,segment,report\n"), "f.csv: column \"segment\" appears twice");
  EXPECT_EQ(csv_error("id,segment\nA,s\n"), "f.csv: missing column \"report\"");
  EXPECT_EQ(csv_error("id,segment,report\nA,s\n"), "f.csv:2: has 2 fields, the header has 3");
  EXPECT_EQ(csv_error("id,segment,report\n,s,ESG\n"), "f.csv:2: empty \"id\"");
  EXPECT_EQ(csv_error("id,segment,report,strategy\nA,s,ESG,maybe\n"),
            "f.csv:2: firm \"A\": field \"strategy\" must be true or false, not \"maybe\"");
  EXPECT_EQ(csv_error("id,segment,report,kpi_table,kpi_dimensions\nA,s,ESG,yes,ten\n"),
            "f.csv:2: firm \"A\": field \"kpi_dimensions\" must be a number, not \"ten\"");
  EXPECT_EQ(csv_error("id,segment,report\nA,s,ESG\nA,s,CSR\n"),
            "f.csv: firm \"A\": duplicate firm id (first at firm 1)");
  EXPECT_EQ(csv_error("id,segment,report\nA,,ESG\n"),
            "f.csv: firm \"A\": missing field \"segment\"");
  EXPECT_EQ(csv_error("id,segment,report\n"), "f.csv: no firms");
}

std::string published_error(const std::string& text) {
  try {
    materia::load_published_json(text, "p.json");
  } catch (const materia::Error& e) {
    EXPECT_EQ(e.kind(), materia::ErrorKind::input);
    return e.what();
  }
  return "no error";
}

TEST(DisclosureErrors, PublishedTables) {
  EXPECT_EQ(published_error("[]"), "p.json: published tables must be a JSON object, not a array");
  EXPECT_EQ(published_error(R"({"tables":1})"),
            "p.json: unknown field \"tables\" in published tables (known: format, source, note, "
            "segments, standards, content)");
  EXPECT_EQ(published_error(R"({"segments":[]})"), "p.json: \"segments\" must be an object");
  EXPECT_EQ(published_error(R"({"segments":{}})"), "p.json: \"segments\" needs an array \"rows\"");
  EXPECT_EQ(published_error(R"({"segments":{"rows":[{"segment":"a","firms":-1}]}})"),
            "p.json: segments row \"a\": field \"firms\" must be a whole number of at least 0");
  EXPECT_EQ(
      published_error(R"({"segments":{"rows":[{"segment":"a","printed":"13,3%"}]}})"),
      "p.json: segments row \"a\": printed share \"13,3%\" is not a percentage such as \"13%\" "
      "or \"13.3%\" (at most 3 decimals)");
  EXPECT_EQ(published_error(R"({"segments":{"rows":[{"segment":"a"},{"segment":"a"}]}})"),
            "p.json: segments row \"a\" appears twice");
  EXPECT_EQ(
      published_error(R"({"segments":{"rows":[],"total":{"segment":"x"}}})"),
      "p.json: unknown field \"segment\" in segments total (known: label, firms, reports, esg, "
      "csr, printed)");
  EXPECT_EQ(published_error(R"({"standards":{"basis":"all","rows":[]}})"),
            "p.json: \"standards\": basis must be \"esg\" or \"esg+csr\", not \"all\"");
  EXPECT_EQ(published_error(
                R"({"standards":{"rows":[{"standard":"GRI","reports":1},{"standard":"GRI"}]}})"),
            "p.json: standards row \"GRI\" appears twice");
  EXPECT_EQ(
      published_error(R"({"standards":{"rows":[{"standard":"GRI","printed":"75"}]}})"),
      "p.json: standards row \"GRI\": printed share \"75\" is not a percentage such as \"13%\" or "
      "\"13.3%\" (at most 3 decimals)");
  EXPECT_EQ(published_error(R"({"standards":{"complete":"yes","rows":[]}})"),
            "p.json: \"standards\": field \"complete\" must be true or false");
  EXPECT_EQ(published_error(R"({"content":{"rows":[{"item":"colour","count":1}]}})"),
            "p.json: content row \"colour\": unknown content item \"colour\" (assurance, "
            "assurance:<none|limited|reasonable|statement>, strategy, governance, kpi_table, "
            "materiality_matrix, listed, unlisted, listing:<A+B>, venue:<V>)");
  EXPECT_EQ(published_error(R"({"content":{"rows":[{"item":"listed","parts":["listing:HK"]}]}})"),
            "p.json: content row \"listed\": has \"parts\" but no \"count\" to add them up to");
  EXPECT_EQ(published_error(
                R"({"content":{"rows":[{"item":"listed","count":1,"parts":["listing:HK"]}]}})"),
            "p.json: content row \"listed\": part \"listing:HK\" is not a row");
  EXPECT_EQ(
      published_error(
          R"({"content":{"rows":[{"item":"listed","count":1,"parts":["listing:HK"]},{"item":"listing:HK","printed":"5%"}]}})"),
      "p.json: content row \"listed\": part \"listing:HK\" has no count");
  EXPECT_EQ(
      published_error(R"({"content":{"rows":[{"item":"listed","count":1,"parts":"listing:HK"}]}})"),
      "p.json: content row \"listed\": field \"parts\" must be an array of items");
  EXPECT_EQ(published_error(R"({"content":{"base":2.5,"rows":[]}})"),
            "p.json: \"content\": field \"base\" must be a whole number of at least 0");
  EXPECT_THROW(materia::load_published_sample("nope"), materia::Error);
  EXPECT_THROW(materia::load_firm_records_sample("nope"), materia::Error);
}

// ---- The command line: exit codes and output.
#ifdef MATERIA_CLI_PATH
using materia_test::run_cli_into;

TEST(DisclosureCli, ExitCodesAndOutput) {
  std::string out;
  EXPECT_EQ(run_cli_into("disclosure --sample fintech-2024 --format json", out), 0);
  auto json = nlohmann::json::parse(out);
  EXPECT_EQ(json["segments"][0]["printed"], "13.3%");
  EXPECT_EQ(json["standards"][5]["printed"], "13%");
  EXPECT_EQ(json["reports"], 24);
  EXPECT_EQ(run_cli_into("disclosure --sample fintech-2024 --include-csr --format csv", out), 0);
  EXPECT_NE(out.find("segments,it_service_provider,IT technology service providers,8,60,"),
            std::string::npos);
  EXPECT_EQ(
      run_cli_into(
          "disclosure --sample fintech-2024 --check " + published_path() + " --format json", out),
      1);
  EXPECT_EQ(nlohmann::json::parse(out)["disagreements"].size(), 2u);
  EXPECT_EQ(run_cli_into("disclosure --sample fintech-2024 --check " + published_path(), out), 1);
  EXPECT_NE(out.find(": 2 disagreements\n"), std::string::npos);
  EXPECT_EQ(run_cli_into("disclosure", out), 2);
  EXPECT_EQ(out, "materia: error: give either a FILE or --sample NAME\n");
  EXPECT_EQ(run_cli_into("disclosure /nonexistent/records.json", out), 3);
  EXPECT_EQ(out,
            "materia: error: /nonexistent/records.json: cannot open: No such file or directory\n");
}
#endif

}  // namespace
