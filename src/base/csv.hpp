#pragma once
// A small RFC 4180 reader and writer (quoted fields, doubled quotes, CRLF or LF, a leading BOM).

#include <cstddef>
#include <functional>
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
/// The same records one at a time, in order, without holding them: each(record, offset), where
/// `offset` is where in `text` the record's line break was (the text before it is read). `each`
/// may move the record's fields away. Errors as parse_csv, when the reading reaches them.
void for_each_csv_record(std::string_view text, char delimiter, const std::string& source,
                         const std::function<void(CsvRecord&, std::size_t)>& each);

/// Guesses the delimiter from the first line: tab, semicolon or comma.
char sniff_delimiter(std::string_view text);

/// Quotes a field if it holds a delimiter, quote or line break.
std::string csv_field(std::string_view value, char delimiter = ',');

}  // namespace materia::detail
