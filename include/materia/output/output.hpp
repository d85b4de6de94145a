#pragma once
/// \file output.hpp
/// Writing results: JSON, CSV and an aligned text table, the fields of fields.hpp.

#include <string>

#include "materia/model/result.hpp"
#include "materia/output/fields.hpp"

namespace materia {

/// The JSON form of a result (docs/format.md, "Result"), fields in a fixed order, as `materia
/// analyze --format json` writes it: indented by 2 with a final newline, written straight from the
/// result without building a tree (a fifth of the time and none of the memory on a market-scale
/// result).
std::string to_json_text(const Result& result);
/// The same JSON indented by `indent` spaces (-1: on one line), without a final newline (so
/// `to_json_text(result, 2) + "\n"` is `to_json_text(result)`).
std::string to_json_text(const Result& result, int indent);
/// One row per issue, RFC 4180 quoting, UTF-8 without BOM; `merged_names` joined with " | ".
std::string to_csv(const Result& result);
/// An aligned table for terminals (CJK-aware column widths).
std::string to_table(const Result& result);

}  // namespace materia
