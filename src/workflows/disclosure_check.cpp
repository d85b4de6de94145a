// Published tables (as printed) and the checker that recomputes them from firm records.
#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "base/json_root.hpp"
#include "base/json_util.hpp"
#include "materia/error.hpp"
#include "materia/io/io.hpp"
#include "materia/workflows/disclosure.hpp"
#include "runtime/embedded.hpp"

namespace materia {

namespace {

using nlohmann::json;

// "13.3%" -> 1 decimal; anything else is not a printed share.
int printed_decimals(const std::string& printed, const std::string& where,
                     const ErrorContext& file) {
  auto fail = [&] {
    throw_input_error(
        where + ": printed share \"" + printed +
            "\" is not a percentage such as \"13%\" or \"13.3%\" (at most 3 decimals)",
        file);
  };
  if (printed.size() < 2 || printed.back() != '%') fail();
  std::string number = printed.substr(0, printed.size() - 1);
  auto dot = number.find('.');
  std::string whole = number.substr(0, dot);
  std::string fraction = dot == std::string::npos ? "" : number.substr(dot + 1);
  auto digits = [](const std::string& s) {
    return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
  };
  if (whole.empty() || !digits(whole) || !digits(fraction) ||
      (dot != std::string::npos && fraction.empty()) || fraction.size() > 3)
    fail();
  return static_cast<int>(fraction.size());
}

std::optional<std::int64_t> get_count(const json& object, const char* key, const std::string& where,
                                      const ErrorContext& file) {
  auto it = object.find(key);
  if (it == object.end() || it->is_null()) return std::nullopt;
  if (!it->is_number() || it->get<double>() < 0 ||
      it->get<double>() != std::floor(it->get<double>()) || it->get<double>() > 1e12)
    throw_input_error(where + ": field \"" + key + "\" must be a whole number of at least 0", file);
  return it->get<std::int64_t>();
}

std::string get_printed(const json& object, const std::string& where, const ErrorContext& file) {
  std::string printed = detail::get_string(object, "printed", file, false);
  if (!printed.empty()) printed_decimals(printed, where, file);
  return printed;
}

PublishedSegmentRow segment_row(const json& item, const std::string& where,
                                const ErrorContext& file, bool total) {
  if (!item.is_object()) throw_input_error(where + " must be an object", file);
  if (total)
    detail::check_keys(item, {"label", "firms", "reports", "esg", "csr", "printed"}, where, file);
  else
    detail::check_keys(item, {"segment", "label", "firms", "reports", "esg", "csr", "printed"},
                       where, file);
  PublishedSegmentRow row;
  row.segment = total ? "total" : detail::get_string(item, "segment", file, true);
  std::string name = total ? where : "segments row \"" + row.segment + "\"";
  row.label = detail::get_string(item, "label", file, false);
  row.firms = get_count(item, "firms", name, file);
  row.reports = get_count(item, "reports", name, file);
  row.esg = get_count(item, "esg", name, file);
  row.csr = get_count(item, "csr", name, file);
  row.printed = get_printed(item, name, file);
  return row;
}

PublishedShareTable share_table(const json& node, const std::string& table,
                                const ErrorContext& file) {
  PublishedShareTable out;
  out.present = true;
  if (!node.is_object()) throw_input_error("\"" + table + "\" must be an object", file);
  detail::check_keys(node, {"basis", "base", "complete", "rows"}, "\"" + table + "\"", file);
  std::string basis = detail::get_string(node, "basis", file, false);
  if (basis.empty() || basis == "esg")
    out.basis = ReportBasis::esg;
  else if (basis == "esg+csr")
    out.basis = ReportBasis::esg_and_csr;
  else
    throw_input_error(
        "\"" + table + "\": basis must be \"esg\" or \"esg+csr\", not \"" + basis + "\"", file);
  out.base = get_count(node, "base", "\"" + table + "\"", file);
  if (auto c = node.find("complete"); c != node.end() && !c->is_null()) {
    if (!c->is_boolean())
      throw_input_error("\"" + table + "\": field \"complete\" must be true or false", file);
    out.complete = c->get<bool>();
  }
  auto rows = node.find("rows");
  if (rows == node.end() || !rows->is_array())
    throw_input_error("\"" + table + "\" needs an array \"rows\"", file);
  bool standards = table == "standards";
  const char* key = standards ? "standard" : "item";
  const char* count_key = standards ? "reports" : "count";
  std::map<std::string, std::size_t> index;
  for (const auto& item : *rows) {
    if (!item.is_object())
      throw_input_error("each row of \"" + table + "\" must be an object", file);
    if (standards)
      detail::check_keys(item, {"standard", "reports", "printed"}, "a standards row", file);
    else
      detail::check_keys(item, {"item", "count", "printed", "parts"}, "a content row", file);
    PublishedShareRow row;
    row.item = detail::get_string(item, key, file, true);
    std::string where = table + " row \"" + row.item + "\"";
    if (!standards) {
      try {
        count_content_item({}, row.item);
      } catch (const Error& e) {
        throw_input_error(where + ": " + e.message(), file);
      }
    }
    row.count = get_count(item, count_key, where, file);
    row.printed = get_printed(item, where, file);
    if (auto parts = item.find("parts"); parts != item.end() && !parts->is_null()) {
      if (!parts->is_array())
        throw_input_error(where + ": field \"parts\" must be an array of items", file);
      for (const auto& part : *parts) {
        if (!part.is_string())
          throw_input_error(where + ": field \"parts\" must be an array of items", file);
        row.parts.push_back(part.get<std::string>());
      }
      if (!row.count)
        throw_input_error(where + ": has \"parts\" but no \"count\" to add them up to", file);
    }
    if (!index.emplace(row.item, out.rows.size()).second)
      throw_input_error(where + " appears twice", file);
    out.rows.push_back(std::move(row));
  }
  for (const auto& row : out.rows)
    for (const auto& part : row.parts) {
      auto it = index.find(part);
      if (it == index.end())
        throw_input_error(table + " row \"" + row.item + "\": part \"" + part + "\" is not a row",
                          file);
      if (!out.rows[it->second].count)
        throw_input_error(table + " row \"" + row.item + "\": part \"" + part + "\" has no count",
                          file);
    }
  return out;
}

// Collects disagreements, one per published figure, in the order figures are checked.
class Checker {
 public:
  std::size_t checked = 0;
  std::vector<Disagreement> found;

  void against_table(const std::string& table, const std::string& row, const std::string& field,
                     const std::string& published, const std::string& expected,
                     const std::string& reason) {
    against(&Disagreement::table_expected, &Disagreement::table_reason, table, row, field,
            published, expected, reason);
  }
  void against_records(const std::string& table, const std::string& row, const std::string& field,
                       const std::string& published, const std::string& expected,
                       const std::string& reason) {
    against(&Disagreement::records_expected, &Disagreement::records_reason, table, row, field,
            published, expected, reason);
  }
  // Records' view of a printed share that already disagrees with its own table (context only).
  void explain_records(const std::string& table, const std::string& row, const std::string& field,
                       const std::string& expected, const std::string& reason) {
    for (auto& d : found)
      if (d.table == table && d.row == row && d.field == field && d.published != expected) {
        d.records_expected = expected;
        d.records_reason = reason;
      }
  }

 private:
  using Side = std::string Disagreement::*;

  // Notes what one side (the table's own figures, or the records) expects where it disagrees.
  void against(Side expected_of, Side reason_of, const std::string& table, const std::string& row,
               const std::string& field, const std::string& published, const std::string& expected,
               const std::string& reason) {
    if (expected == published) return;
    auto& d = at(table, row, field, published);
    d.*expected_of = expected;
    d.*reason_of = reason;
  }

  Disagreement& at(const std::string& table, const std::string& row, const std::string& field,
                   const std::string& published) {
    for (auto& d : found)
      if (d.table == table && d.row == row && d.field == field) return d;
    found.push_back({table, row, field, published, "", "", "", "", ""});
    return found.back();
  }
};

std::string fraction(std::uint64_t count, std::uint64_t base) {
  return std::to_string(count) + "/" + std::to_string(base);
}

std::string printed_or_dash(std::uint64_t count, std::uint64_t base, int decimals) {
  return base == 0 ? std::string("-") : format_percent(count, base, decimals);
}

void check_segments(const PublishedTables& published, const FirmRecords& records,
                    Checker& checker) {
  if (published.segments.empty() && !published.segment_total) return;
  DisclosureStats stats = disclosure_statistics(records);
  auto records_row = [&](const std::string& id) -> const SegmentStats* {
    if (id == "total") return &stats.total;
    for (const auto& s : stats.segments)
      if (s.segment == id) return &s;
    return nullptr;
  };
  using Field = std::optional<std::int64_t> PublishedSegmentRow::*;
  using Count = std::size_t SegmentStats::*;
  const std::vector<std::tuple<const char*, Field, Count>> fields = {
      {"firms", &PublishedSegmentRow::firms, &SegmentStats::firms},
      {"reports", &PublishedSegmentRow::reports, &SegmentStats::reports},
      {"esg", &PublishedSegmentRow::esg, &SegmentStats::esg},
      {"csr", &PublishedSegmentRow::csr, &SegmentStats::csr}};

  auto check_row = [&](const PublishedSegmentRow& row, bool total) {
    const SegmentStats* mine = records_row(row.segment);
    if (!mine) {
      ++checker.checked;
      checker.against_records("segments", row.segment, "segment", row.segment, "(absent)",
                              "no firm of the records is in this segment");
      return;
    }
    for (const auto& [name, field, count] : fields) {
      if (!(row.*field)) continue;
      ++checker.checked;
      std::string value = std::to_string(*(row.*field));
      if (total) {  // the total row must add up the segment rows
        bool all = !published.segments.empty();
        std::int64_t sum = 0;
        std::string terms;
        for (const auto& r : published.segments) {
          all = all && (r.*field).has_value();
          if ((r.*field)) {
            sum += *(r.*field);
            terms += (terms.empty() ? "" : " + ") + std::to_string(*(r.*field));
          }
        }
        if (all)
          checker.against_table("segments", row.segment, name, value, std::to_string(sum),
                                "sum of the segment rows " + terms);
      }
      if (std::string(name) == "reports" && row.esg && row.csr)
        checker.against_table(
            "segments", row.segment, name, value, std::to_string(*row.esg + *row.csr),
            "esg + csr = " + std::to_string(*row.esg) + " + " + std::to_string(*row.csr));
      checker.against_records("segments", row.segment, name, value, std::to_string(mine->*count),
                              "firms of the records");
    }
    if (!row.printed.empty()) {
      ++checker.checked;
      int decimals = printed_decimals(row.printed, "", {});
      std::string from_records = printed_or_dash(mine->reports, mine->firms, decimals);
      std::string records_reason = "reports/firms = " + fraction(mine->reports, mine->firms);
      if (row.reports && row.firms && *row.firms > 0) {
        auto r = static_cast<std::uint64_t>(*row.reports),
             f = static_cast<std::uint64_t>(*row.firms);
        checker.against_table("segments", row.segment, "printed", row.printed,
                              format_percent(r, f, decimals), "reports/firms = " + fraction(r, f));
        checker.explain_records("segments", row.segment, "printed", from_records, records_reason);
      } else {
        checker.against_records("segments", row.segment, "printed", row.printed, from_records,
                                records_reason);
      }
    }
  };
  for (const auto& row : published.segments)
    check_row(row, false);
  if (published.segment_total) check_row(*published.segment_total, true);
}

void check_shares(const PublishedShareTable& table, const std::string& name,
                  const FirmRecords& records, Checker& checker) {
  if (!table.present) return;
  std::vector<const FirmRecord*> reports;
  for (const auto& firm : records.firms)
    if (firm.report == ReportType::esg ||
        (table.basis == ReportBasis::esg_and_csr && firm.report == ReportType::csr))
      reports.push_back(&firm);
  const std::uint64_t records_base = reports.size();
  std::string basis = std::string(report_basis_name(table.basis)) + " reports of the records";
  if (table.base) {
    ++checker.checked;
    checker.against_records(name, "", "base", std::to_string(*table.base),
                            std::to_string(records_base), basis);
  }
  const std::uint64_t base = table.base ? static_cast<std::uint64_t>(*table.base) : records_base;

  std::map<std::string, std::size_t> citations;
  for (const FirmRecord* firm : reports)
    for (const auto& standard : firm->standards)
      ++citations[standard];
  auto records_count = [&](const std::string& item) -> std::uint64_t {
    if (name == "standards") {
      auto it = citations.find(item);
      return it == citations.end() ? 0 : it->second;
    }
    return count_content_item(reports, item);
  };
  std::map<std::string, std::int64_t> counts;
  for (const auto& row : table.rows)
    if (row.count) counts[row.item] = *row.count;

  for (const auto& row : table.rows) {
    const std::uint64_t mine = records_count(row.item);
    if (row.count) {
      ++checker.checked;
      std::string value = std::to_string(*row.count);
      if (!row.parts.empty()) {
        std::int64_t sum = 0;
        std::string terms;
        for (const auto& part : row.parts) {
          sum += counts[part];
          terms += (terms.empty() ? "" : " + ") + part + " " + std::to_string(counts[part]);
        }
        checker.against_table(name, row.item, "count", value, std::to_string(sum),
                              "sum of parts " + terms);
      }
      checker.against_records(name, row.item, "count", value, std::to_string(mine), basis);
    }
    if (!row.printed.empty()) {
      ++checker.checked;
      int decimals = printed_decimals(row.printed, "", {});
      std::string from_records = printed_or_dash(mine, records_base, decimals);
      std::string records_reason = fraction(mine, records_base);
      if (row.count && base > 0) {
        auto c = static_cast<std::uint64_t>(*row.count);
        checker.against_table(name, row.item, "printed", row.printed,
                              format_percent(c, base, decimals), fraction(c, base));
        checker.explain_records(name, row.item, "printed", from_records, records_reason);
      } else {
        checker.against_records(name, row.item, "printed", row.printed, from_records,
                                records_reason);
      }
    }
  }
  if (table.complete && name == "standards") {
    for (const auto& [standard_name, count] : citations) {
      // (a named copy: clang 14, the sanitizer compiler, cannot capture a structured binding)
      const std::string& standard = standard_name;
      bool listed = std::any_of(table.rows.begin(), table.rows.end(),
                                [&](const PublishedShareRow& r) { return r.item == standard; });
      if (listed) continue;
      ++checker.checked;
      checker.against_records(name, standard, "count", "(absent)", std::to_string(count),
                              basis + "; the table says it is complete");
    }
  }
}

std::string describe(const Disagreement& d) {
  std::string text = d.table + (d.row.empty() ? "" : " \"" + d.row + "\"") + " " + d.field +
                     ": published " + d.published;
  if (!d.table_expected.empty())
    text += "; the table's own figures give " + d.table_expected + " (" + d.table_reason + ")";
  if (!d.records_expected.empty())
    text += "; the records give " + d.records_expected + " (" + d.records_reason + ")";
  return text;
}

}  // namespace

PublishedTables load_published_json(std::string_view text, const std::string& source) {
  json root = detail::parse_json(text, source);
  ErrorContext file{source, "", ""};
  detail::check_root_object(root, "published tables",
                            {"format", "source", "note", "segments", "standards", "content"}, file);
  PublishedTables out;
  out.source = source;
  if (auto segments = root.find("segments"); segments != root.end() && !segments->is_null()) {
    if (!segments->is_object()) throw_input_error("\"segments\" must be an object", file);
    detail::check_keys(*segments, {"rows", "total"}, "\"segments\"", file);
    auto rows = segments->find("rows");
    if (rows == segments->end() || !rows->is_array())
      throw_input_error("\"segments\" needs an array \"rows\"", file);
    std::set<std::string> seen;
    for (const auto& item : *rows) {
      out.segments.push_back(segment_row(item, "a segments row", file, false));
      if (!seen.insert(out.segments.back().segment).second)
        throw_input_error("segments row \"" + out.segments.back().segment + "\" appears twice",
                          file);
    }
    if (auto total = segments->find("total"); total != segments->end() && !total->is_null())
      out.segment_total = segment_row(*total, "segments total", file, true);
  }
  if (auto standards = root.find("standards"); standards != root.end() && !standards->is_null())
    out.standards = share_table(*standards, "standards", file);
  if (auto content = root.find("content"); content != root.end() && !content->is_null())
    out.content = share_table(*content, "content", file);
  return out;
}

PublishedTables load_published_file(const std::string& path) {
  return load_published_json(read_file(path), path == "-" ? "<stdin>" : path);
}

PublishedTables load_published_sample(std::string_view name) {
  auto content = detail::embedded_file("published/" + std::string(name) + "-published.json");
  if (!content)
    throw Error(ErrorKind::usage,
                "unknown published tables \"" + std::string(name) + "\" (built in: fintech-2024)");
  return load_published_json(*content, "<published " + std::string(name) + ">");
}

CheckReport check_published(const PublishedTables& published, const FirmRecords& records) {
  Checker checker;
  check_segments(published, records, checker);
  check_shares(published.standards, "standards", records, checker);
  check_shares(published.content, "content", records, checker);
  CheckReport report;
  report.published_source = published.source;
  report.records_source = records.source;
  report.figures_checked = checker.checked;
  report.disagreements = std::move(checker.found);
  for (auto& d : report.disagreements)
    d.message = describe(d);
  return report;
}

}  // namespace materia
