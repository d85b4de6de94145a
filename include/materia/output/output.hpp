#pragma once
/// \file output.hpp
/// Writing results: JSON, CSV and an aligned text table, the fields of fields.hpp.

#include <string>

#include <nlohmann/json.hpp>

#include "materia/model/result.hpp"
#include "materia/output/fields.hpp"

namespace materia {

/// The JSON form of a result (docs/format.md, "Result"), fields in a fixed order.
nlohmann::ordered_json to_json(const Result& result);
/// The same as text: `to_json(result).dump(2)` and a final newline, byte for byte, written
/// straight from the result without building the tree (a fifth of the time and none of the
/// memory on a market-scale result).
std::string to_json_text(const Result& result);
/// One row per issue, RFC 4180 quoting, UTF-8 without BOM; `merged_names` joined with " | ".
std::string to_csv(const Result& result);
/// An aligned table for terminals (CJK-aware column widths).
std::string to_table(const Result& result);

}  // namespace materia
