#pragma once
/// \file disclosure.hpp
/// Disclosure statistics over a sample frame of firms (docs/method.md, steps 1-2): who publishes
/// which kind of report, which standards the reports cite, what the reports contain; and a checker
/// that recomputes a published table from the firm records and lists every disagreement,
/// including a table that disagrees with itself.
///
///     auto records = materia::load_firm_records_sample("fintech-2024");
///     auto stats = materia::disclosure_statistics(records);
///     std::cout << materia::to_table(stats);   // 13.3%, 32.5%, ..., GRI 75%, ...

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace materia {

/// The kind of sustainability report a firm publishes.
enum class ReportType { none, csr, esg };
/// "none", "CSR" or "ESG".
std::string_view report_type_name(ReportType type);

/// Third-party assurance of a report: none, a limited- or reasonable-assurance engagement (e.g. a
/// CPA's report), or an independent verification statement.
enum class Assurance { none, limited, reasonable, statement };
std::string_view assurance_name(Assurance assurance);

/// One firm of the sample frame, as read from its report (docs/method.md, step 1).
struct FirmRecord {
  std::string id;
  std::string name;
  std::string segment;
  ReportType report = ReportType::none;
  std::vector<std::string>
      listed;  ///< listing venues ("HK", "US", "A", ...), sorted; empty = unlisted
  Assurance assurance = Assurance::none;
  bool strategy = false;              ///< discloses an ESG strategy
  bool governance = false;            ///< discloses an ESG governance structure
  bool kpi_table = false;             ///< has a KPI table
  std::optional<int> kpi_dimensions;  ///< number of KPI dimensions in that table
  bool materiality_matrix = false;
  std::vector<std::string> standards;  ///< reporting standards cited, as written
  std::size_t line = 0;                ///< source line (CSV) or 0
};

/// A segment's id and display name; the declared order is the output order.
struct SegmentLabel {
  std::string id;
  std::string name;
};

/// A sample frame of firm records.
struct FirmRecords {
  std::string source = "<memory>";
  std::vector<SegmentLabel> segments;  ///< declared segments (may be empty: order of appearance)
  std::vector<FirmRecord> firms;
  bool synthetic = false;
  std::string description;

  /// Checks ids, segments and that report-derived fields need a report. Throws Error(input).
  void validate() const;
};

/// Firm records as JSON: {"meta": {...}, "segments": [{"id","name"}], "firms": [{...}]}.
FirmRecords load_firm_records_json(std::string_view text, const std::string& source);
/// Firm records as CSV, one row per firm; `listed` and `standards` are lists separated by "|".
FirmRecords load_firm_records_csv(std::string_view text, const std::string& source);
/// Reads a file ("-" = standard input): ".csv"/".tsv" by extension, else by content.
FirmRecords load_firm_records_file(const std::string& path);
/// The built-in synthetic records ("fintech-2024": 150 firms reproducing the report's counts).
FirmRecords load_firm_records_sample(std::string_view name);

/// `count/base` as a percentage printed with `decimals` decimals, rounded half up exactly (from
/// the integer fraction, never through binary floating point): (3, 24, 0) -> "13%",
/// (8, 60, 1) -> "13.3%". Throws Error(internal) if base is 0, decimals is not 0-3 or a number
/// exceeds 10^12.
std::string format_percent(std::uint64_t count, std::uint64_t base, int decimals);

/// Which reports the standards and content statistics count.
enum class ReportBasis { esg, esg_and_csr };
std::string_view report_basis_name(ReportBasis basis);  ///< "esg" or "esg+csr"

struct DisclosureOptions {
  ReportBasis basis = ReportBasis::esg;  ///< the report counts ESG reports only
  int rate_decimals = 1;                 ///< segment disclosure rate: "13.3%"
  int standard_decimals = 0;             ///< standards citation share: "13%"
  int content_decimals = 1;              ///< content shares: "54.2%"
};

/// One segment's disclosure rate (reports / firms).
struct SegmentStats {
  std::string segment;
  std::string name;
  std::size_t firms = 0, reports = 0, esg = 0, csr = 0;
  double rate = 0.0;    ///< reports / firms (NaN when the segment has no firm)
  std::string printed;  ///< as the report prints it ("13.3%"); empty when firms = 0
};

/// A count over the reports of the basis, with its share.
struct Share {
  std::string item;  ///< standard name, or content item ("kpi_table", "listing:HK+US", ...)
  std::size_t count = 0;
  std::size_t base = 0;
  double share = 0.0;  ///< count / base (NaN when base = 0)
  std::string printed;
};

/// Content item names: "assurance" (any kind), "assurance:<kind>", "strategy", "governance",
/// "kpi_table", "materiality_matrix", "listed" (any venue), "unlisted", "listing:<venues>" (the
/// exact set of venues, sorted, joined by "+": "HK+US") and "venue:<V>" (listed on V, alone or
/// not). Counts the firms among `reports` that have the item; throws Error(usage) for an unknown
/// item.
std::size_t count_content_item(const std::vector<const FirmRecord*>& reports,
                               std::string_view item);

struct DisclosureStats {
  std::string source;
  bool synthetic = false;
  std::vector<SegmentStats> segments;
  SegmentStats total;
  ReportBasis basis = ReportBasis::esg;
  std::size_t base = 0;          ///< number of reports in the basis
  std::vector<Share> standards;  ///< by count (descending), then name
  std::vector<Share> content;    ///< fixed order (see count_content_item)
  std::size_t kpi_firms = 0;     ///< reports in the basis giving a KPI dimension count
  int kpi_dimensions_min = 0, kpi_dimensions_max = 0;
  double kpi_dimensions_median = 0.0;
};

DisclosureStats disclosure_statistics(const FirmRecords& records,
                                      const DisclosureOptions& options = {});

/// The JSON form (what `render(..., Format::json)` writes) indented by `indent` spaces (-1: on
/// one line), without a final newline.
std::string to_json_text(const DisclosureStats& stats, int indent);
/// One row per figure: table,key,label,count,base,share,printed,esg,csr.
std::string to_csv(const DisclosureStats& stats);
std::string to_table(const DisclosureStats& stats);

// ------------------------------------------------------------------------------------------
// Published tables and the checker (docs/method.md, "Checking a published table").

struct PublishedSegmentRow {
  std::string segment;  ///< segment id as in the records; "total" for the total row
  std::string label;
  std::optional<std::int64_t> firms, reports, esg, csr;
  std::string printed;  ///< the rate as printed, or empty
};

struct PublishedShareRow {
  std::string item;  ///< standard name or content item
  std::optional<std::int64_t> count;
  std::string printed;             ///< the share as printed, or empty
  std::vector<std::string> parts;  ///< items whose counts must add up to this one
};

struct PublishedShareTable {
  bool present = false;
  ReportBasis basis = ReportBasis::esg;
  std::optional<std::int64_t> base;
  bool complete = false;  ///< every item of the records must appear (standards)
  std::vector<PublishedShareRow> rows;
};

/// A report's published tables, as printed (format documented in docs/method.md).
struct PublishedTables {
  std::string source = "<memory>";
  std::vector<PublishedSegmentRow> segments;
  std::optional<PublishedSegmentRow> segment_total;
  PublishedShareTable standards;
  PublishedShareTable content;
};

PublishedTables load_published_json(std::string_view text, const std::string& source);
PublishedTables load_published_file(const std::string& path);
/// The built-in published tables ("fintech-2024").
PublishedTables load_published_sample(std::string_view name);

/// One published figure that disagrees with its own table, with the records, or both.
struct Disagreement {
  std::string table;      ///< "segments", "standards" or "content"
  std::string row;        ///< segment id, standard name or content item ("" for the table base)
  std::string field;      ///< "firms", "reports", "esg", "csr", "count", "base" or "printed"
  std::string published;  ///< the figure as published
  std::string table_expected;    ///< what the table's own figures give ("" if they agree)
  std::string table_reason;      ///< how: "esg + csr = 8", "23/24", "sum of parts 7 + 2 + 4"
  std::string records_expected;  ///< what the records give ("" if they agree or were not compared)
  std::string records_reason;
  std::string message;  ///< one line saying all of the above
};

struct CheckReport {
  std::string published_source;
  std::string records_source;
  std::size_t figures_checked = 0;
  std::vector<Disagreement> disagreements;  ///< in table order
};

/// Recomputes every published figure. A figure is compared with its own table (a share with its
/// count and base, a count with its parts, a row with its totals) and, when it is a count, with
/// the records; a share whose count is printed is compared with the records through that count.
CheckReport check_published(const PublishedTables& published, const FirmRecords& records);

/// The JSON form (what `render(..., Format::json)` writes) indented by `indent` spaces (-1: on
/// one line), without a final newline.
std::string to_json_text(const CheckReport& report, int indent);
std::string to_csv(const CheckReport& report);
std::string to_table(const CheckReport& report);

}  // namespace materia
