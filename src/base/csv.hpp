#pragma once
// A small RFC 4180 reader and writer (quoted fields, doubled quotes, CRLF or LF, a leading BOM).

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace materia::detail {

struct CsvRecord {
  std::size_t line = 0;  // physical line where the record starts (1-based)
  std::vector<std::string> fields;
};

/// Splits CSV text into records. Throws Error(input) for an unterminated quote, naming the line.
std::vector<CsvRecord> parse_csv(std::string_view text, char delimiter, const std::string& source);

/// Guesses the delimiter from the first line: tab, semicolon or comma.
char sniff_delimiter(std::string_view text);

/// Quotes a field if it holds a delimiter, quote or line break.
std::string csv_field(std::string_view value, char delimiter = ',');

}  // namespace materia::detail
