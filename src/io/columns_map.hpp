#pragma once
// The header of a table (CSV, a workbook's sheet): which dataset field each column holds, by the
// built-in names (English and common Chinese ones), the user's --columns and --ignore-column.

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "materia/error.hpp"
#include "materia/io/io.hpp"

namespace materia::detail {

/// The fields of the long table, in documentation order ("firm", "issue", "rank", ...).
const std::vector<std::string_view>& table_fields();

/// A header name as it is matched: trimmed (also of U+3000 and U+00A0), Latin letters in lower
/// case; in a name of only ASCII, runs of blanks become one "_" ("Firm Name" -> "firm_name"); in
/// any other, blanks (and line breaks) are dropped ("对利益相关方的\n重要性").
std::string header_key(std::string_view name);

class ColumnNames {
 public:
  /// Throws Error(usage) for a --columns field that is not a field, or one given twice.
  explicit ColumnNames(const LoadOptions& options);
  /// The field `header` names; "" for a column to ignore. Throws Error(input) at `where` for an
  /// unknown column, listing the known names and the options that name or skip one.
  std::string_view field(std::string_view header, const ErrorContext& where) const;
  /// Whether the column is one of --ignore-column's.
  bool ignored(std::string_view header) const;

 private:
  std::vector<std::pair<std::string, std::string_view>> user_;  // header key, field
  std::vector<std::string> ignored_;                            // header keys
};

}  // namespace materia::detail
