// Firm records (JSON and CSV) and the disclosure statistics of docs/method.md, steps 1-2.
#include "materia/workflows/disclosure.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <filesystem>
#include <limits>
#include <map>
#include <set>

#include "base/csv.hpp"
#include "base/enum_names.hpp"
#include "base/json_root.hpp"
#include "base/json_util.hpp"
#include "materia/error.hpp"
#include "materia/io/io.hpp"
#include "materia/text/text.hpp"
#include "runtime/embedded.hpp"

namespace materia {

namespace {

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string trim(std::string_view text) {
  auto begin = text.find_first_not_of(" \t\r\n");
  if (begin == std::string_view::npos) return {};
  auto end = text.find_last_not_of(" \t\r\n");
  return std::string(text.substr(begin, end - begin + 1));
}

constexpr detail::EnumName<ReportType> report_type_names[] = {
    {ReportType::esg, "ESG"}, {ReportType::csr, "CSR"}, {ReportType::none, "none"}};
constexpr detail::EnumName<Assurance> assurance_names[] = {{Assurance::none, "none"},
                                                           {Assurance::limited, "limited"},
                                                           {Assurance::reasonable, "reasonable"},
                                                           {Assurance::statement, "statement"}};

// The value whose name is `text` in any case, around white space; empty text is `if_empty`.
template <typename Enum, std::size_t N>
Enum parse_name(const detail::EnumName<Enum> (&names)[N], Enum if_empty, const std::string& text,
                const char* field, const ErrorContext& where) {
  std::string key = lower(trim(text));
  if (key.empty()) return if_empty;
  for (const auto& entry : names)
    if (lower(entry.name) == key) return entry.value;
  throw_input_error(std::string("field \"") + field + "\" must be " + detail::name_list(names) +
                        ", not \"" + text + "\"",
                    where);
}

ReportType parse_report(const std::string& text, const ErrorContext& where) {
  return parse_name(report_type_names, ReportType::none, text, "report", where);
}

Assurance parse_assurance(const std::string& text, const ErrorContext& where) {
  return parse_name(assurance_names, Assurance::none, text, "assurance", where);
}

bool parse_bool_text(const std::string& text, const char* field, const ErrorContext& where) {
  std::string key = lower(trim(text));
  if (key == "true" || key == "yes" || key == "1") return true;
  if (key == "false" || key == "no" || key == "0" || key.empty()) return false;
  throw_input_error(
      std::string("field \"") + field + "\" must be true or false, not \"" + text + "\"", where);
}

// Venues are upper-cased ("hk" and "HK" are the same exchange) and sorted; "none" means unlisted.
std::vector<std::string> clean_venues(const std::vector<std::string>& raw,
                                      const ErrorContext& where) {
  std::vector<std::string> venues;
  for (const auto& item : raw) {
    std::string venue = trim(item);
    for (char& c : venue)
      c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (venue.empty()) throw_input_error("field \"listed\" has an empty venue", where);
    if (venue.find('+') != std::string::npos)
      throw_input_error("venue \"" + venue + "\" contains \"+\"; list each venue separately",
                        where);
    if (venue == "NONE") {
      if (raw.size() > 1) throw_input_error("field \"listed\" mixes \"none\" with venues", where);
      return {};
    }
    if (std::find(venues.begin(), venues.end(), venue) != venues.end())
      throw_input_error("venue \"" + venue + "\" listed twice", where);
    venues.push_back(venue);
  }
  std::sort(venues.begin(), venues.end());
  return venues;
}

// "field \"key\" must <expectation>, not a <type of value>".
[[noreturn]] void wrong_type(const char* key, const char* expectation, const nlohmann::json& value,
                             const ErrorContext& where) {
  throw_input_error(std::string("field \"") + key + "\" must " + expectation + ", not a " +
                        detail::json_type_name(value),
                    where);
}

std::vector<std::string> json_string_list(const nlohmann::json& object, const char* key,
                                          const ErrorContext& where) {
  std::vector<std::string> out;
  auto it = object.find(key);
  if (it == object.end() || it->is_null()) return out;
  if (!it->is_array()) wrong_type(key, "be an array of strings", *it, where);
  for (const auto& item : *it) {
    if (!item.is_string()) wrong_type(key, "hold strings", item, where);
    out.push_back(item.get<std::string>());
  }
  return out;
}

bool json_bool(const nlohmann::json& object, const char* key, const ErrorContext& where) {
  auto it = object.find(key);
  if (it == object.end() || it->is_null()) return false;
  if (!it->is_boolean()) wrong_type(key, "be true or false", *it, where);
  return it->get<bool>();
}

std::optional<int> checked_dimensions(std::optional<double> value, const ErrorContext& where) {
  if (!value) return std::nullopt;
  if (*value < 0 || *value != std::floor(*value) || *value > 1e6)
    throw_input_error("field \"kpi_dimensions\" must be a whole number from 0 to 1000000", where);
  return static_cast<int>(*value);
}

std::vector<std::string> split_list(const std::string& text) {
  std::vector<std::string> out;
  if (trim(text).empty()) return out;
  std::size_t start = 0;
  while (true) {
    auto bar = text.find('|', start);
    out.push_back(
        trim(text.substr(start, bar == std::string::npos ? std::string::npos : bar - start)));
    if (bar == std::string::npos) break;
    start = bar + 1;
  }
  return out;
}

}  // namespace

std::string_view report_type_name(ReportType type) {
  return detail::name_of(report_type_names, type);
}

std::string_view assurance_name(Assurance assurance) {
  return detail::name_of(assurance_names, assurance);
}

std::string_view report_basis_name(ReportBasis basis) {
  return basis == ReportBasis::esg ? "esg" : "esg+csr";
}

void FirmRecords::validate() const {
  if (firms.empty()) throw_input_error("no firms", {source, "", ""});
  std::set<std::string> declared;
  for (const auto& segment : segments) {
    if (segment.id.empty()) throw_input_error("a segment has an empty id", {source, "", ""});
    if (!declared.insert(segment.id).second)
      throw_input_error("segment \"" + segment.id + "\" declared twice", {source, "", ""});
  }
  std::map<std::string, std::size_t> seen;
  for (std::size_t i = 0; i < firms.size(); ++i) {
    const FirmRecord& firm = firms[i];
    ErrorContext where{source, firm.id, ""};
    if (firm.id.empty())
      throw_input_error("firm " + std::to_string(i + 1) + " has an empty id", {source, "", ""});
    check_utf8(firm.id, "firm id");
    if (auto [it, fresh] = seen.emplace(firm.id, i + 1); !fresh)
      throw_input_error("duplicate firm id (first at firm " + std::to_string(it->second) + ")",
                        where);
    if (firm.segment.empty()) throw_input_error("missing field \"segment\"", where);
    if (!declared.empty() && !declared.count(firm.segment))
      throw_input_error("segment \"" + firm.segment + "\" is not declared in \"segments\"", where);
    if (firm.kpi_dimensions && !firm.kpi_table)
      throw_input_error("field \"kpi_dimensions\" is given but \"kpi_table\" is false", where);
    if (firm.kpi_dimensions && *firm.kpi_dimensions < 0)
      throw_input_error("field \"kpi_dimensions\" must not be negative", where);
    if (firm.report == ReportType::none) {
      // These are read from the report: without one they cannot be known to be true.
      const char* field = nullptr;
      if (firm.assurance != Assurance::none)
        field = "assurance";
      else if (firm.strategy)
        field = "strategy";
      else if (firm.governance)
        field = "governance";
      else if (firm.kpi_table)
        field = "kpi_table";
      else if (firm.materiality_matrix)
        field = "materiality_matrix";
      else if (!firm.standards.empty())
        field = "standards";
      if (field)
        throw_input_error(std::string("field \"") + field + "\" is set but the firm has no report",
                          where);
    }
    std::set<std::string> cited;
    for (const auto& standard : firm.standards) {
      if (trim(standard).empty()) throw_input_error("an empty standard name", where);
      check_utf8(standard, "standard name");
      if (!cited.insert(standard).second)
        throw_input_error("standard \"" + standard + "\" cited twice", where);
    }
  }
}

FirmRecords load_firm_records_json(std::string_view text, const std::string& source) {
  nlohmann::json root = detail::parse_json(text, source);
  ErrorContext file{source, "", ""};
  detail::check_root_object(root, "firm records", {"meta", "segments", "firms"}, file,
                            " with \"firms\"");
  FirmRecords records;
  records.source = source;
  if (auto meta = root.find("meta"); meta != root.end() && meta->is_object()) {
    if (auto s = meta->find("synthetic"); s != meta->end() && s->is_boolean())
      records.synthetic = s->get<bool>();
    if (auto d = meta->find("description"); d != meta->end() && d->is_string())
      records.description = d->get<std::string>();
  }
  if (auto segments = root.find("segments"); segments != root.end() && !segments->is_null()) {
    if (!segments->is_array())
      throw_input_error(
          "field \"segments\" must be an array, not a " + detail::json_type_name(*segments), file);
    for (const auto& item : *segments) {
      detail::check_item_object(item, "segment", {"id", "name"}, file, " with \"id\" and \"name\"");
      records.segments.push_back({detail::get_string(item, "id", file, true),
                                  detail::get_string(item, "name", file, false)});
    }
  }
  auto firms = root.find("firms");
  if (firms == root.end()) throw_input_error("missing field \"firms\"", file);
  if (!firms->is_array())
    throw_input_error("field \"firms\" must be an array, not a " + detail::json_type_name(*firms),
                      file);
  for (std::size_t i = 0; i < firms->size(); ++i) {
    const auto& item = (*firms)[i];
    if (!item.is_object())
      throw_input_error("firm " + std::to_string(i + 1) + " must be an object, not a " +
                            detail::json_type_name(item),
                        file);
    FirmRecord firm;
    firm.id = detail::get_string(item, "id", file, false);
    if (firm.id.empty())
      throw_input_error("firm " + std::to_string(i + 1) + " has no \"id\"", file);
    ErrorContext where{source, firm.id, ""};
    detail::check_keys(
        item,
        {"id", "name", "segment", "report", "listed", "assurance", "strategy", "governance",
         "kpi_table", "kpi_dimensions", "materiality_matrix", "standards"},
        "a firm record", where);
    firm.name = detail::get_string(item, "name", where, false);
    firm.segment = detail::get_string(item, "segment", where, true);
    firm.report = parse_report(detail::get_string(item, "report", where, true), where);
    firm.listed = clean_venues(json_string_list(item, "listed", where), where);
    firm.assurance = parse_assurance(detail::get_string(item, "assurance", where, false), where);
    firm.strategy = json_bool(item, "strategy", where);
    firm.governance = json_bool(item, "governance", where);
    firm.kpi_table = json_bool(item, "kpi_table", where);
    firm.kpi_dimensions =
        checked_dimensions(detail::get_number(item, "kpi_dimensions", where), where);
    firm.materiality_matrix = json_bool(item, "materiality_matrix", where);
    for (auto& standard : json_string_list(item, "standards", where))
      firm.standards.push_back(trim(standard));
    records.firms.push_back(std::move(firm));
  }
  records.validate();
  return records;
}

FirmRecords load_firm_records_csv(std::string_view text, const std::string& source) {
  ErrorContext file{source, "", ""};
  auto rows = detail::parse_csv(text, detail::sniff_delimiter(text), source);
  if (rows.empty()) throw_input_error("the input is empty", file);
  static const std::vector<std::string> known = {"id",
                                                 "name",
                                                 "segment",
                                                 "report",
                                                 "listed",
                                                 "assurance",
                                                 "strategy",
                                                 "governance",
                                                 "kpi_table",
                                                 "kpi_dimensions",
                                                 "materiality_matrix",
                                                 "standards"};
  std::map<std::string, std::size_t> column;
  for (std::size_t c = 0; c < rows[0].fields.size(); ++c) {
    std::string name = lower(trim(rows[0].fields[c]));
    if (std::find(known.begin(), known.end(), name) == known.end()) {
      std::string list;
      for (const auto& k : known)
        list += (list.empty() ? "" : ", ") + k;
      throw_input_error("unknown column \"" + rows[0].fields[c] + "\" (known: " + list + ")", file);
    }
    if (!column.emplace(name, c).second)
      throw_input_error("column \"" + name + "\" appears twice", file);
  }
  for (const char* required : {"id", "segment", "report"})
    if (!column.count(required))
      throw_input_error(std::string("missing column \"") + required + "\"", file);

  FirmRecords records;
  records.source = source;
  for (std::size_t r = 1; r < rows.size(); ++r) {
    const auto& row = rows[r];
    if (row.fields.size() == 1 && trim(row.fields[0]).empty()) continue;  // blank line
    ErrorContext line{source + ":" + std::to_string(row.line), "", ""};
    if (row.fields.size() != rows[0].fields.size())
      throw_input_error("has " + std::to_string(row.fields.size()) + " fields, the header has " +
                            std::to_string(rows[0].fields.size()),
                        line);
    auto field = [&](const char* name) -> std::string {
      auto it = column.find(name);
      return it == column.end() ? std::string() : row.fields[it->second];
    };
    FirmRecord firm;
    firm.line = row.line;
    firm.id = trim(field("id"));
    if (firm.id.empty()) throw_input_error("empty \"id\"", line);
    ErrorContext where{line.file, firm.id, ""};
    firm.name = trim(field("name"));
    firm.segment = trim(field("segment"));
    firm.report = parse_report(field("report"), where);
    firm.listed = clean_venues(split_list(field("listed")), where);
    firm.assurance = parse_assurance(field("assurance"), where);
    firm.strategy = parse_bool_text(field("strategy"), "strategy", where);
    firm.governance = parse_bool_text(field("governance"), "governance", where);
    firm.kpi_table = parse_bool_text(field("kpi_table"), "kpi_table", where);
    if (std::string dims = trim(field("kpi_dimensions")); !dims.empty()) {
      char* end = nullptr;
      double value = std::strtod(dims.c_str(), &end);
      if (end != dims.c_str() + dims.size() || !std::isfinite(value))
        throw_input_error("field \"kpi_dimensions\" must be a number, not \"" + dims + "\"", where);
      firm.kpi_dimensions = checked_dimensions(value, where);
    }
    firm.materiality_matrix =
        parse_bool_text(field("materiality_matrix"), "materiality_matrix", where);
    firm.standards = split_list(field("standards"));
    records.firms.push_back(std::move(firm));
  }
  records.validate();
  return records;
}

FirmRecords load_firm_records_file(const std::string& path) {
  std::string content = read_file(path);
  std::string source = path == "-" ? "<stdin>" : path;
  std::string extension = lower(std::filesystem::path(path).extension().string());
  if (extension == ".csv" || extension == ".tsv") return load_firm_records_csv(content, source);
  if (extension == ".json") return load_firm_records_json(content, source);
  auto first = content.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
  if (first == std::string::npos) throw_input_error("the input is empty", {source, "", ""});
  if (content[first] == '{') return load_firm_records_json(content, source);
  return load_firm_records_csv(content, source);
}

FirmRecords load_firm_records_sample(std::string_view name) {
  auto content = detail::embedded_file("samples/" + std::string(name) + "-disclosure.json");
  if (!content)
    throw Error(ErrorKind::usage, "unknown firm-records sample \"" + std::string(name) +
                                      "\" (built in: fintech-2024)");
  return load_firm_records_json(*content, "<sample " + std::string(name) + "-disclosure>");
}

std::string format_percent(std::uint64_t count, std::uint64_t base, int decimals) {
  if (base == 0) throw Error(ErrorKind::internal, "format_percent: base is 0");
  if (decimals < 0 || decimals > 3)
    throw Error(ErrorKind::internal, "format_percent: decimals must be 0 to 3");
  constexpr std::uint64_t limit = 1'000'000'000'000;  // keeps 200·count·1000 + base below 2^64
  if (count > limit || base > limit)
    throw Error(ErrorKind::internal, "format_percent: count or base too large");
  std::uint64_t scale = 1;
  for (int i = 0; i < decimals; ++i)
    scale *= 10;
  // Half up on the exact fraction: floor((200·count·scale + base) / (2·base)) =
  // round(100·count·scale/base).
  std::uint64_t units = (count * 200u * scale + base) / (base * 2u);
  std::string text = std::to_string(units / scale);
  if (decimals > 0) {
    std::string fraction = std::to_string(units % scale);
    text += "." + std::string(static_cast<std::size_t>(decimals) - fraction.size(), '0') + fraction;
  }
  return text + "%";
}

std::size_t count_content_item(const std::vector<const FirmRecord*>& reports,
                               std::string_view item) {
  auto count_if = [&](auto predicate) {
    return static_cast<std::size_t>(std::count_if(
        reports.begin(), reports.end(), [&](const FirmRecord* f) { return predicate(*f); }));
  };
  auto after = [&](std::string_view prefix) -> std::optional<std::string_view> {
    if (item.substr(0, prefix.size()) == prefix && item.size() > prefix.size())
      return item.substr(prefix.size());
    return std::nullopt;
  };
  if (item == "assurance")
    return count_if([](const FirmRecord& f) { return f.assurance != Assurance::none; });
  if (auto kind = after("assurance:")) {
    if (auto a = detail::value_named(assurance_names, *kind))
      return count_if([a](const FirmRecord& f) { return f.assurance == *a; });
  }
  if (item == "strategy") return count_if([](const FirmRecord& f) { return f.strategy; });
  if (item == "governance") return count_if([](const FirmRecord& f) { return f.governance; });
  if (item == "kpi_table") return count_if([](const FirmRecord& f) { return f.kpi_table; });
  if (item == "materiality_matrix")
    return count_if([](const FirmRecord& f) { return f.materiality_matrix; });
  if (item == "listed") return count_if([](const FirmRecord& f) { return !f.listed.empty(); });
  if (item == "unlisted") return count_if([](const FirmRecord& f) { return f.listed.empty(); });
  if (auto combination = after("listing:")) {
    return count_if([&](const FirmRecord& f) {
      std::string joined;
      for (const auto& v : f.listed)
        joined += (joined.empty() ? "" : "+") + v;
      return !joined.empty() && joined == *combination;
    });
  }
  if (auto venue = after("venue:")) {
    return count_if([&](const FirmRecord& f) {
      return std::find(f.listed.begin(), f.listed.end(), *venue) != f.listed.end();
    });
  }
  throw_usage_error("unknown content item \"" + std::string(item) +
                    "\" (assurance, assurance:<none|limited|reasonable|statement>, strategy, "
                    "governance, kpi_table, materiality_matrix, listed, unlisted, listing:<A+B>, "
                    "venue:<V>)");
}

namespace {

Share make_share(std::string item, std::size_t count, std::size_t base, int decimals) {
  Share share;
  share.item = std::move(item);
  share.count = count;
  share.base = base;
  share.share = base == 0 ? std::numeric_limits<double>::quiet_NaN()
                          : static_cast<double>(count) / static_cast<double>(base);
  if (base > 0) share.printed = format_percent(count, base, decimals);
  return share;
}

void finish_segment(SegmentStats& s, int decimals) {
  s.rate = s.firms == 0 ? std::numeric_limits<double>::quiet_NaN()
                        : static_cast<double>(s.reports) / static_cast<double>(s.firms);
  s.printed = s.firms == 0 ? "" : format_percent(s.reports, s.firms, decimals);
}

}  // namespace

DisclosureStats disclosure_statistics(const FirmRecords& records,
                                      const DisclosureOptions& options) {
  DisclosureStats stats;
  stats.source = records.source;
  stats.synthetic = records.synthetic;
  stats.basis = options.basis;

  // Segments: declared ones first, in declared order, then any others in order of appearance.
  std::map<std::string, std::size_t> index;
  for (const auto& label : records.segments) {
    index.emplace(label.id, stats.segments.size());
    SegmentStats segment;
    segment.segment = label.id;
    segment.name = label.name.empty() ? label.id : label.name;
    stats.segments.push_back(segment);
  }
  for (const auto& firm : records.firms) {
    auto [it, fresh] = index.emplace(firm.segment, stats.segments.size());
    if (fresh) {
      SegmentStats segment;
      segment.segment = segment.name = firm.segment;
      stats.segments.push_back(segment);
    }
    SegmentStats& s = stats.segments[it->second];
    ++s.firms;
    s.esg += firm.report == ReportType::esg;
    s.csr += firm.report == ReportType::csr;
  }
  stats.total.segment = "total";
  stats.total.name = "total";
  for (auto& s : stats.segments) {
    s.reports = s.esg + s.csr;
    finish_segment(s, options.rate_decimals);
    stats.total.firms += s.firms;
    stats.total.esg += s.esg;
    stats.total.csr += s.csr;
  }
  stats.total.reports = stats.total.esg + stats.total.csr;
  finish_segment(stats.total, options.rate_decimals);

  std::vector<const FirmRecord*> reports;
  for (const auto& firm : records.firms)
    if (firm.report == ReportType::esg ||
        (options.basis == ReportBasis::esg_and_csr && firm.report == ReportType::csr))
      reports.push_back(&firm);
  stats.base = reports.size();

  std::map<std::string, std::size_t> citations;
  for (const FirmRecord* firm : reports)
    for (const auto& standard : firm->standards)
      ++citations[standard];
  for (const auto& [standard, count] : citations)
    stats.standards.push_back(make_share(standard, count, stats.base, options.standard_decimals));
  std::stable_sort(stats.standards.begin(), stats.standards.end(),
                   [](const Share& a, const Share& b) { return a.count > b.count; });

  std::vector<std::string> items = {"assurance",
                                    "assurance:limited",
                                    "assurance:reasonable",
                                    "assurance:statement",
                                    "assurance:none",
                                    "strategy",
                                    "governance",
                                    "kpi_table",
                                    "materiality_matrix",
                                    "listed"};
  // Listing combinations and venues that occur, by count then name.
  std::map<std::string, std::size_t> combinations, venues;
  for (const FirmRecord* firm : reports) {
    if (firm->listed.empty()) continue;
    std::string joined;
    for (const auto& v : firm->listed) {
      joined += (joined.empty() ? "" : "+") + v;
      ++venues[v];
    }
    ++combinations[joined];
  }
  auto by_count = [](const std::map<std::string, std::size_t>& counts, const std::string& prefix) {
    std::vector<std::pair<std::string, std::size_t>> sorted(counts.begin(), counts.end());
    std::stable_sort(sorted.begin(), sorted.end(),
                     [](const auto& a, const auto& b) { return a.second > b.second; });
    std::vector<std::string> names;
    for (const auto& entry : sorted)
      names.push_back(prefix + entry.first);
    return names;
  };
  for (auto& name : by_count(combinations, "listing:"))
    items.push_back(name);
  for (auto& name : by_count(venues, "venue:"))
    items.push_back(name);
  items.push_back("unlisted");
  for (const auto& item : items)
    stats.content.push_back(
        make_share(item, count_content_item(reports, item), stats.base, options.content_decimals));

  std::vector<int> dimensions;
  for (const FirmRecord* firm : reports)
    if (firm->kpi_dimensions) dimensions.push_back(*firm->kpi_dimensions);
  std::sort(dimensions.begin(), dimensions.end());
  stats.kpi_firms = dimensions.size();
  if (!dimensions.empty()) {
    stats.kpi_dimensions_min = dimensions.front();
    stats.kpi_dimensions_max = dimensions.back();
    std::size_t n = dimensions.size();
    stats.kpi_dimensions_median =
        n % 2 ? dimensions[n / 2] : (dimensions[n / 2 - 1] + dimensions[n / 2]) / 2.0;
  }
  return stats;
}

}  // namespace materia
