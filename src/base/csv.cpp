#include "base/csv.hpp"

#include <deque>

#include "base/csv_rows.hpp"

#include "base/json_util.hpp"
#include "materia/error.hpp"
#include "materia/limits.hpp"

namespace materia::detail {

std::vector<CsvRecord> parse_csv(std::string_view text, char delimiter, const std::string& source) {
  std::vector<CsvRecord> records;
  for_each_csv_record(text, delimiter, source, [&](CsvRecord& record, std::size_t) {
    records.push_back(std::move(record));
  });
  return records;
}

void for_each_csv_row(std::string_view text, char delimiter, const std::string& source,
                      const std::function<void(const CsvRow&, std::size_t)>& each) {
  if (text.size() >= 3 && text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  check_not_utf16(text, source);
  scan_csv_rows(text, 1, delimiter, source, [&](const CsvRow& record, std::size_t offset) {
    each(record, offset);
    return true;
  });
}

std::size_t scan_csv_rows(std::string_view text, std::size_t first_line, char delimiter,
                          const std::string& source,
                          const std::function<bool(const CsvRow&, std::size_t)>& each) {
  std::size_t records = 0, at = 0;
  CsvRow record;
  std::size_t line = first_line;
  record.line = first_line;
  bool stopped = false;
  bool quoted = false, field_started = false;
  std::size_t quote_line = 0;
  // The field being read: text[begin, end) while it is one stretch of the text, else
  // copies[copies_used - 1]. A deque, so that the views of a record's earlier copies stay valid.
  std::size_t begin = 0, end = 0;
  bool copied = false;
  std::deque<std::string> copies;
  std::size_t copies_used = 0;
  // Appends text[from, to) to the field.
  auto append_run = [&](std::size_t from, std::size_t to) {
    if (copied) {
      copies[copies_used - 1].append(text.substr(from, to - from));
    } else if (begin == end) {
      begin = from;
      end = to;
    } else if (from == end) {
      end = to;
    } else {
      if (copies_used == copies.size()) copies.emplace_back();
      std::string& copy = copies[copies_used++];
      copy.assign(text.substr(begin, end - begin));
      copy.append(text.substr(from, to - from));
      copied = true;
    }
  };
  auto append = [&](std::size_t i) { append_run(i, i + 1); };
  // The end of the run from `i` of characters that need no decision of their own: in a quoted
  // field all but quotes and newlines (counted as lines), outside one all but these and the
  // delimiter and carriage return.
  auto quoted_run_end = [&](std::size_t i) {
    while (i < text.size() && text[i] != '"' && text[i] != '\n')
      ++i;
    return i;
  };
  auto plain_run_end = [&](std::size_t i) {
    while (i < text.size() && text[i] != delimiter && text[i] != '\n' && text[i] != '\r' &&
           text[i] != '"')
      ++i;
    return i;
  };
  auto field = [&] {
    return copied ? std::string_view(copies[copies_used - 1]) : text.substr(begin, end - begin);
  };
  // Past these, the rows would only exhaust memory: one listing per row, plus the header.
  auto check_field = [&] {
    if (field().size() > limits::max_string_bytes)
      throw_input_error("a field of " + std::to_string(field().size()) + " bytes is longer than " +
                            std::to_string(limits::max_string_bytes) +
                            " bytes (materia's limit; see docs/architecture.md, \"Limits\")",
                        {source + ":" + std::to_string(record.line), "", ""});
  };
  auto end_field = [&] {
    check_field();
    record.fields.push_back(field());
    begin = end = 0;
    copied = false;
  };
  auto end_record = [&] {
    check_field();
    if (records > limits::max_listings)
      throw_input_error("more than " + std::to_string(limits::max_listings) +
                            " rows (materia's limit; see docs/architecture.md, \"Limits\")",
                        {source, "", ""});
    end_field();
    bool blank = record.fields.size() == 1 && record.fields[0].empty();
    if (!blank) {
      ++records;
      stopped = !each(record, at);
    }
    record.fields.clear();
    copies_used = 0;
    record.line = line;
    field_started = false;
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    at = i;
    if (quoted) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          append(i);
          ++i;
        } else {
          quoted = false;
        }
      } else if (c == '\n') {
        ++line;
        append(i);
      } else {
        const std::size_t run_end = quoted_run_end(i + 1);
        append_run(i, run_end);
        i = run_end - 1;
      }
      continue;
    }
    if (c == '"' && !field_started) {
      quoted = true;
      field_started = true;
      quote_line = line;
    } else if (c == delimiter) {
      end_field();
      field_started = false;
    } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      continue;  // CRLF: the '\n' ends the record
    } else if (c == '\n') {
      ++line;
      end_record();
      if (stopped) return i + 1;
    } else {
      const std::size_t run_end = plain_run_end(i + 1);
      append_run(i, run_end);
      field_started = true;
      i = run_end - 1;
    }
  }
  if (quoted)
    throw_input_error(
        "a quoted field opened on line " + std::to_string(quote_line) + " is never closed",
        {source, "", ""});
  at = text.size();
  if (field_started || !field().empty() || !record.fields.empty()) end_record();
  return text.size();
}

void for_each_csv_record(std::string_view text, char delimiter, const std::string& source,
                         const std::function<void(CsvRecord&, std::size_t)>& each) {
  CsvRecord record;
  for_each_csv_row(text, delimiter, source, [&](const CsvRow& row, std::size_t offset) {
    record.line = row.line;
    record.fields.assign(row.fields.begin(), row.fields.end());
    each(record, offset);
  });
}

char sniff_delimiter(std::string_view text) {
  auto end = text.find('\n');
  auto first = text.substr(0, end);
  std::size_t commas = 0, tabs = 0, semicolons = 0;
  for (char c : first) {
    commas += c == ',';
    tabs += c == '\t';
    semicolons += c == ';';
  }
  if (tabs > commas && tabs >= semicolons) return '\t';
  if (semicolons > commas) return ';';
  return ',';
}

std::string csv_field(std::string_view value, char delimiter) {
  bool quote = value.find_first_of(std::string("\"\r\n") + delimiter) != std::string_view::npos;
  if (!quote) return std::string(value);
  std::string out = "\"";
  for (char c : value) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

}  // namespace materia::detail
