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

}  // namespace materia::detail
