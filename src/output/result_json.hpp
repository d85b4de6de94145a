#pragma once
// Internal: the JSON tree of a result, for the writers that embed it in a larger document. The
// public header offers it as text (to_json_text); both come from one writer (json_writer.hpp).

#include <nlohmann/json.hpp>

#include "materia/model/result.hpp"

namespace materia {

/// The JSON form of a result (docs/format.md, "Result"), fields in a fixed order:
/// `to_json(result).dump(2)` and a final newline is `to_json_text(result)`, byte for byte.
nlohmann::ordered_json to_json(const Result& result);

}  // namespace materia
