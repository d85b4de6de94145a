#pragma once
// Where an entry was read from, as `materia extract` writes it (docs/format.md, "Provenance"):
// `source` {file, page, bbox} and `confidence` on an issue (JSON), or the columns source_file,
// source_page, source_bbox and confidence (tables). The readers check them and the analysis
// does not use them: they are for the people who check the numbers.

#include <string_view>

#include <nlohmann/json.hpp>

#include "materia/error.hpp"

namespace materia::detail {

/// Checks an issue's "source" (an object with "file", a string; "page", a whole number >= 1;
/// "bbox", [x0, y0, x1, y1] with x0 <= x1 and y0 <= y1) and "confidence" (a number in [0, 1]),
/// each optional and null as absent. Throws Error(input) at `where`.
void check_provenance_json(const nlohmann::json& issue, const ErrorContext& where);

/// The same for a table row's cells ("" = absent): the page a whole number >= 1, the box four
/// numbers separated by blanks or commas, the confidence a number in [0, 1].
void check_provenance_cells(std::string_view page, std::string_view bbox,
                            std::string_view confidence, const ErrorContext& where);

}  // namespace materia::detail
