// The tables of a report: CSV with a BOM, an Excel workbook (libxlsxwriter), and write_report.
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <mutex>

#include "analyze/result_table.hpp"
#include "base/csv.hpp"
#include "materia/error.hpp"
#include "materia/io/io.hpp"
#include "materia/normalize/normalize.hpp"
#include "materia/output/output.hpp"
#include "materia/report/report.hpp"
#include "materia/version.hpp"
#include "report/report_common.hpp"
#include "runtime/xlsx_library.hpp"

namespace materia {

namespace {

// A spreadsheet runs a cell that starts with = + - @ (or a tab / carriage return before one) as a
// formula ("CSV injection", OWASP). issues.csv is written for Excel, so such a text cell gets a
// leading apostrophe, which Excel shows as text; numbers (-0.5) stay numbers.
std::string spreadsheet_safe(std::string field) {
  if (field.empty() || std::string_view("=+-@\t\r").find(field.front()) == std::string_view::npos)
    return field;
  char* end = nullptr;
  std::strtod(field.c_str(), &end);
  if (end == field.c_str() + field.size()) return field;
  field.insert(field.begin(), '\'');
  return field;
}

}  // namespace

std::string issues_csv(const Result& result, const ReportOptions& options) {
  // The columns are to_csv's (one definition); the header and the words in cells follow the
  // report's language, and text cells are guarded.
  std::string out = "\xEF\xBB\xBF";
  const auto records = detail::parse_csv(to_csv(result), ',', "issues.csv");
  if (records.empty()) return out;
  const std::vector<std::string>& columns = records.front().fields;
  for (std::size_t r = 0; r < records.size(); ++r) {
    const auto& fields = records[r].fields;
    for (std::size_t i = 0; i < fields.size(); ++i) {
      if (i) out += ',';
      const std::string text =
          r == 0 ? report_detail::column_title(fields[i], options.language)
                 : report_detail::cell_text(columns[i], fields[i], options.language);
      out += detail::csv_field(spreadsheet_safe(text));
    }
    out += '\n';
  }
  return out;
}

namespace {

const detail::XlsxLibrary& xlsx() {
  return detail::xlsx_library();
}

// workbook_close() formats the document dates with gmtime(), whose result is one static buffer
// shared by the whole process: two workbooks closing at once race on it (TSan sees the race in
// Determinism.ConcurrentReportsGiveTheSerialBytes). Closing is serialized; building is not.
std::mutex& workbook_close_mutex() {
  static std::mutex mutex;
  return mutex;
}

lxw_error close_workbook(lxw_workbook* book) {
  std::lock_guard<std::mutex> lock(workbook_close_mutex());
  return xlsx().workbook_close(book);
}

// Owns a libxlsxwriter workbook and turns its error codes into materia::Error.
class Workbook {
 public:
  explicit Workbook(const std::string& path) : path_(path) {
    lxw_workbook_options options{};
    options.constant_memory = LXW_FALSE;
    book_ = xlsx().workbook_new_opt(path.c_str(), &options);
    if (!book_)
      throw Error(ErrorKind::internal, "libxlsxwriter cannot create a workbook", {path, "", ""});
  }
  ~Workbook() {
    if (book_) close_workbook(book_);
  }
  Workbook(const Workbook&) = delete;
  Workbook& operator=(const Workbook&) = delete;

  lxw_workbook* get() { return book_; }
  void close() {
    lxw_error status = close_workbook(book_);
    book_ = nullptr;
    check(status, "closing the workbook");
  }
  void check(lxw_error status, const std::string& what) const {
    if (status != LXW_NO_ERROR)
      throw Error(ErrorKind::internal,
                  "libxlsxwriter failed " + what + ": " + xlsx().lxw_strerror(status),
                  {path_, "", ""});
  }

 private:
  std::string path_;
  lxw_workbook* book_ = nullptr;
};

struct Formats {
  lxw_format* header;
  lxw_format* integer;
  lxw_format* score;
  lxw_format* ratio;
  lxw_format* share;
  lxw_format* text;
  lxw_format* wrap;
  lxw_format* rank;  ///< a rank interval's end: whole or half ranks, two decimals at most
  lxw_format* flag;  ///< an unstable tier: white on the accent colour
};

Formats make_formats(lxw_workbook* book) {
  Formats f{};
  f.header = xlsx().workbook_add_format(book);
  xlsx().format_set_bold(f.header);
  xlsx().format_set_font_color(f.header, 0xFFFFFF);
  xlsx().format_set_bg_color(f.header, 0x1D3B63);
  xlsx().format_set_text_wrap(f.header);
  xlsx().format_set_align(f.header, LXW_ALIGN_VERTICAL_CENTER);
  f.integer = xlsx().workbook_add_format(book);
  xlsx().format_set_num_format(f.integer, "0");
  f.score = xlsx().workbook_add_format(book);
  xlsx().format_set_num_format(f.score, "0.0000");
  f.ratio = xlsx().workbook_add_format(book);
  xlsx().format_set_num_format(f.ratio, "0.000");
  f.share = xlsx().workbook_add_format(book);
  xlsx().format_set_num_format(f.share, "0.0%");
  f.text = xlsx().workbook_add_format(book);
  f.wrap = xlsx().workbook_add_format(book);
  xlsx().format_set_text_wrap(f.wrap);
  f.rank = xlsx().workbook_add_format(book);
  xlsx().format_set_num_format(f.rank, "0.##");
  f.flag = xlsx().workbook_add_format(book);
  xlsx().format_set_bold(f.flag);
  xlsx().format_set_font_color(f.flag, 0xFFFFFF);
  xlsx().format_set_bg_color(f.flag, 0xC0392B);
  return f;
}

class Sheet {
 public:
  Sheet(Workbook& book, const std::string& name) : book_(book) {
    sheet_ = xlsx().workbook_add_worksheet(book.get(), name.c_str());
    if (!sheet_) throw Error(ErrorKind::internal, "libxlsxwriter cannot add the sheet " + name);
  }
  lxw_worksheet* get() { return sheet_; }
  /// The header row: each column's field name, shown in `language` (column_title).
  void header(const std::vector<std::pair<std::string, double>>& columns, lxw_format* format,
              ReportLanguage language) {
    for (std::size_t c = 0; c < columns.size(); ++c) {
      const std::string title = report_detail::column_title(columns[c].first, language);
      book_.check(xlsx().worksheet_write_string(sheet_, 0, col(c), title.c_str(), format),
                  "writing a header");
      book_.check(xlsx().worksheet_set_column(sheet_, col(c), col(c), columns[c].second, nullptr),
                  "sizing a column");
    }
    book_.check(xlsx().worksheet_set_row(sheet_, 0, 30, nullptr), "sizing the header row");
    columns_ = columns.size();
  }
  void text(std::size_t row, std::size_t column, const std::string& value,
            lxw_format* format = nullptr) {
    if (value.empty()) return;
    book_.check(xlsx().worksheet_write_string(sheet_, r(row), col(column), value.c_str(), format),
                "writing text");
  }
  void number(std::size_t row, std::size_t column, double value, lxw_format* format) {
    if (!std::isfinite(value)) return;  // blank, never a fake number
    book_.check(xlsx().worksheet_write_number(sheet_, r(row), col(column), value, format),
                "writing a number");
  }
  // Frozen header (and first columns), and a filter over the table.
  void finish(std::size_t rows, std::size_t frozen_columns) {
    xlsx().worksheet_freeze_panes(sheet_, 1, col(frozen_columns));
    if (columns_ > 0 && rows > 0)
      book_.check(xlsx().worksheet_autofilter(sheet_, 0, 0, r(rows), col(columns_ - 1)),
                  "adding a filter");
  }
  static lxw_row_t r(std::size_t row) { return static_cast<lxw_row_t>(row); }
  static lxw_col_t col(std::size_t column) { return static_cast<lxw_col_t>(column); }

 private:
  Workbook& book_;
  lxw_worksheet* sheet_ = nullptr;
  std::size_t columns_ = 0;
};

std::string joined(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& name : names)
    out += (out.empty() ? "" : " | ") + name;
  return out;
}

void issue_sheet(Workbook& book, const Formats& f, const std::string& name,
                 const std::vector<IssueResult>& issues, const Result& result, bool topics,
                 ReportLanguage language) {
  Sheet sheet(book, name);
  std::vector<std::pair<std::string, double>> columns = {
      {"rank", 7},
      {"tier", 6},
      {"id", 30},
      {"name", 26},
      {"name_en", 34},
      {"category", 9},
      {"attention", 10},
      {"attention_share", 11},
      {"score", 10},
      {"importance", 11},
      {"stakeholder", 11},
      {"business", 10},
      {"quadrant", 12},
      {"parent", 26},
      {topics ? "children" : "merged_names", 60}};
  // Resampling columns on the issues' sheet (topics are not resampled).
  const bool bootstrap = !topics && result.bootstrap_replicates > 0;
  const bool influence = !topics && result.leave_one_out;
  if (bootstrap)
    columns.insert(columns.end(),
                   {{"rank_low", 9}, {"rank_high", 9}, {"p_tier", 10}, {"tier_unstable", 9}});
  if (influence)
    columns.insert(columns.end(), {{"influential_firm", 14}, {"influential_shift", 11}});
  sheet.header(columns, f.header, language);
  std::size_t row = 1;
  for (const auto& issue : issues) {
    sheet.number(row, 0, issue.rank, f.integer);
    sheet.number(row, 1, issue.tier, f.integer);
    sheet.text(row, 2, issue.id);
    sheet.text(row, 3, issue.name);
    sheet.text(row, 4, issue.name_en);
    sheet.text(row, 5, std::string(category_code(issue.category)));
    sheet.number(row, 6, issue.attention, f.integer);
    sheet.number(row, 7, issue.attention_share, f.share);
    sheet.number(row, 8, issue.score, f.score);
    sheet.number(row, 9, issue.importance, f.ratio);
    sheet.number(row, 10, issue.stakeholder, f.ratio);
    sheet.number(row, 11, issue.business, f.ratio);
    sheet.text(row, 12, report_detail::cell_text("quadrant", issue.quadrant, language));
    sheet.text(row, 13, issue.parent);
    sheet.text(row, 14, topics ? joined(issue.children) : joined(issue.merged_names));
    std::size_t column = 15;
    if (bootstrap) {
      sheet.number(row, column++, issue.rank_low, f.rank);
      sheet.number(row, column++, issue.rank_high, f.rank);
      sheet.number(row, column++, own_tier_probability(issue), f.share);
      const bool unstable = tier_unstable(issue);
      sheet.text(row, column++, report_detail::cell_text("", unstable ? "true" : "false", language),
                 unstable ? f.flag : nullptr);
    }
    if (influence) {
      sheet.text(row, column++, issue.influential_firm);
      if (!issue.influential_firm.empty())
        sheet.number(row, column, issue.influential_shift, f.rank);
      ++column;
    }
    ++row;
  }
  sheet.finish(row - 1, 4);
}

}  // namespace

std::string issues_xlsx(const Result& result, const ReportOptions& options) {
  detail::require_listings(result, "the workbook (its names and coverage sheets)");
  namespace fs = std::filesystem;
  // libxlsxwriter writes to a path; a private temporary file is read back and removed.
  std::string pattern = (fs::temp_directory_path() / "materia-xlsx-XXXXXX").string();
  int fd = ::mkstemp(pattern.data());
  if (fd < 0) throw Error(ErrorKind::input, "cannot create a temporary file", {pattern, "", ""});
  ::close(fd);
  struct Remove {
    std::string path;
    ~Remove() {
      std::error_code ignored;
      fs::remove(path, ignored);
    }
  } remove{pattern};

  {
    Workbook book(pattern);
    // A fixed creation time makes the same input give the same bytes (libxlsxwriter's
    // documented way to get binary-equal files); 1980-01-01 is also the zip entries' date.
    lxw_doc_properties properties{};
    std::string title = "materia report: " + result.taxonomy;
    std::string generator = "materia " + version_string();
    properties.title = title.data();
    properties.comments = generator.data();
    properties.created = 315532800;
    book.check(xlsx().workbook_set_properties(book.get(), &properties), "setting properties");
    Formats f = make_formats(book.get());

    const ReportLanguage language = options.language;
    const bool chinese = language == ReportLanguage::zh;
    issue_sheet(book, f, chinese ? "议题" : "Issues", result.issues, result, false, language);
    if (!result.topics.empty())
      issue_sheet(book, f, chinese ? "主题" : "Topics", result.topics, result, true, language);

    // Names: every raw name, the issue it resolved to, and how many firms used it.
    {
      Sheet sheet(book, chinese ? "名称" : "Names");
      std::optional<Normalizer> normalizer;
      if (options.taxonomy) normalizer.emplace(*options.taxonomy);
      std::vector<std::pair<std::string, double>> columns = {
          {"issue_id", 30}, {"issue", 26}, {"raw_name", 34}, {"firms", 8}};
      if (normalizer) {
        columns.push_back({"match", 10});
        columns.push_back({"match_score", 11});
        columns.push_back({"reason", 40});
      }
      sheet.header(columns, f.header, language);
      std::size_t row = 1;
      for (const auto& issue : result.issues) {
        for (const auto& [name, count] : report_detail::firms_per_name(issue, result)) {
          sheet.text(row, 0, issue.id);
          sheet.text(row, 1, issue.name);
          sheet.text(row, 2, result.names.at(name));
          sheet.number(row, 3, count, f.integer);
          if (normalizer) {
            Resolution resolution = normalizer->resolve(result.names.at(name));
            sheet.text(
                row, 4,
                report_detail::cell_text("match", match_kind_name(resolution.match), language));
            sheet.number(row, 5, resolution.score, f.ratio);
            sheet.text(row, 6, resolution.reason);
          }
          ++row;
        }
      }
      sheet.finish(row - 1, 2);
    }

    // Coverage: issues x firms, the firm's rank of the issue (blank = not listed).
    {
      Sheet sheet(book, chinese ? "覆盖" : "Coverage");
      std::vector<std::pair<std::string, double>> columns = {
          {"rank", 7}, {"issue_id", 30}, {"issue", 24}};
      for (const auto& firm : result.firms)
        columns.push_back({firm.id, 7});
      columns.push_back({"attention", 10});
      sheet.header(columns, f.header, language);
      std::size_t row = 1;
      for (const auto& issue : result.issues) {
        sheet.number(row, 0, issue.rank, f.integer);
        sheet.text(row, 1, issue.id);
        sheet.text(row, 2, issue.name);
        for (const auto& listing : issue.listings)
          sheet.number(row, 3 + listing.firm, listing.rank, nullptr);
        sheet.number(row, 3 + result.firms.size(), issue.attention, f.integer);
        ++row;
      }
      if (!result.firms.empty() && !result.issues.empty()) {
        // Darker for a higher (smaller) rank, as in the HTML heatmap.
        lxw_conditional_format scale{};
        scale.type = LXW_CONDITIONAL_2_COLOR_SCALE;
        scale.min_color = 0x2B4F7E;
        scale.max_color = 0xDCE5F0;
        book.check(
            xlsx().worksheet_conditional_format_range(sheet.get(), 1, 3, Sheet::r(row - 1),
                                                      Sheet::col(2 + result.firms.size()), &scale),
            "adding the colour scale");
      }
      sheet.finish(row - 1, 3);
    }

    // Firms.
    {
      Sheet sheet(book, chinese ? "企业" : "Firms");
      // Under zh the firm's id and name are titled as a firm's, not an issue's.
      sheet.header({{chinese ? "firm_id" : "id", 12},
                    {chinese ? "firm_name" : "name", 30},
                    {"segment", 26},
                    {"weight", 8},
                    {"issues_listed", 12}},
                   f.header, language);
      std::size_t row = 1;
      for (const auto& firm : result.firms) {
        sheet.text(row, 0, firm.id);
        sheet.text(row, 1, firm.name);
        sheet.text(row, 2, firm.segment);
        sheet.number(row, 3, firm.weight, f.ratio);
        sheet.number(row, 4, static_cast<double>(firm.listed), f.integer);
        ++row;
      }
      sheet.finish(row - 1, 1);
    }

    // Method and parameters.
    {
      Sheet sheet(book, chinese ? "方法" : "Method");
      sheet.header({{"parameter", 26}, {"value", 60}}, f.header, language);
      std::vector<std::pair<std::string, std::string>> rows = {
          {"method", result.method},
          {"tiers", result.tiers},
          {"taxonomy", result.taxonomy},
          {"taxonomy_version", result.taxonomy_version},
          {"higher_is_better", result.higher_is_better ? "true" : "false"},
          {"synthetic_input", result.synthetic_input ? "true" : "false"},
          {"materia_version", version_string()}};
      std::size_t row = 1;
      if (result.bootstrap_replicates > 0) {
        rows.emplace_back("bootstrap_replicates", std::to_string(result.bootstrap_replicates));
        rows.emplace_back("bootstrap_seed", std::to_string(result.bootstrap_seed));
      }
      for (const auto& [key, value] : rows) {
        sheet.text(row, 0, report_detail::column_title(key, language));
        sheet.text(row, 1, report_detail::cell_text(key, value, language));
        ++row;
      }
      const std::pair<std::string, double> numbers[] = {
          {"companies", static_cast<double>(result.companies)},
          {"universe", static_cast<double>(result.universe)},
          {"gvf", result.gvf},
          {"stakeholder_threshold", result.stakeholder_threshold},
          {"business_threshold", result.business_threshold}};
      for (const auto& [key, value] : numbers) {
        sheet.text(row, 0, report_detail::column_title(key, language));
        sheet.number(row, 1, value, value == std::floor(value) ? f.integer : f.ratio);
        ++row;
      }
      for (std::size_t b = 0; b < result.tier_breaks.size(); ++b) {
        sheet.text(
            row, 0,
            report_detail::column_title("tier_break", language) + "_" + std::to_string(b + 1));
        sheet.number(row, 1, result.tier_breaks[b], f.score);
        ++row;
      }
      for (const auto& warning : result.warnings) {
        sheet.text(row, 0, report_detail::column_title("warning", language));
        sheet.text(row, 1, warning, f.wrap);
        ++row;
      }
      xlsx().worksheet_freeze_panes(sheet.get(), 1, 0);
    }
    book.close();
  }
  return read_file(pattern);
}

std::vector<std::string> report_file_names() {
  return {"double_materiality.svg", "composite.svg", "report.html", "issues.csv", "issues.xlsx"};
}

std::vector<std::string> report_file_names(const ReportOptions& options) {
  std::vector<std::string> names = report_file_names();
  if (options.png) names.insert(names.end(), {"double_materiality.png", "composite.png"});
  if (options.pdf) names.insert(names.end(), {"double_materiality.pdf", "composite.pdf"});
  return names;
}

void write_report(const Result& result, const std::string& directory,
                  const ReportOptions& options) {
  detail::require_listings(result, "the report");
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::create_directories(directory, ec);
  if (ec || !fs::is_directory(directory))
    throw_input_error(
        "cannot create the output directory: " + (ec ? ec.message() : "not a directory"),
        {directory, "", ""});
  // Everything is rendered before anything is written: a failure leaves no half report.
  const std::string matrix = double_materiality_svg(result, options);
  const std::string composite = composite_svg(result, options);
  std::vector<std::string> contents = {matrix, composite, report_html(result, options),
                                       issues_csv(result, options), issues_xlsx(result, options)};
  if (options.png) {
    contents.push_back(svg_to_png(matrix, options.png_scale));
    contents.push_back(svg_to_png(composite, options.png_scale));
  }
  if (options.pdf) {
    contents.push_back(svg_to_pdf(matrix));
    contents.push_back(svg_to_pdf(composite));
  }
  std::vector<std::string> names = report_file_names(options);
  for (std::size_t i = 0; i < names.size(); ++i)
    write_file_atomic((fs::path(directory) / names[i]).string(), contents[i]);
}

}  // namespace materia
