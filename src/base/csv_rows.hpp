#pragma once
// The CSV reader's records as views, for readers that take each record's cells once and keep
// none of them as they are (the streamed dataset reader).

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace materia::detail {

/// One record: each field a view of the text itself or, when the field is not one stretch of
/// it (a doubled quote, text after a closing quote), of the reader's own copy. The views are
/// valid during the call that receives the record.
struct CsvRow {
  std::size_t line = 0;  // physical line where the record starts (1-based)
  std::vector<std::string_view> fields;
};

/// The records of `text` as for_each_csv_record reads them (base/csv.hpp), with the same
/// offsets and errors, as views.
void for_each_csv_row(std::string_view text, char delimiter, const std::string& source,
                      const std::function<void(const CsvRow&, std::size_t)>& each);

/// The records of `text` as for_each_csv_row reads them, but from any record boundary: no byte
/// order mark is taken off and none checked, the first line is numbered `first_line`, and `each`
/// returns false to stop after the record it is given. Returns where the reading stopped: past
/// the line break that ended the last record read, or text.size() at the end of the text.
std::size_t scan_csv_rows(std::string_view text, std::size_t first_line, char delimiter,
                          const std::string& source,
                          const std::function<bool(const CsvRow&, std::size_t)>& each);

}  // namespace materia::detail
