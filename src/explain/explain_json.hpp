#pragma once
// Internal: the JSON tree of an explanation; the public header offers it as text (to_json_text).

#include <nlohmann/json.hpp>

#include "materia/explain/explain.hpp"

namespace materia {

/// The JSON form of an explanation.
nlohmann::ordered_json to_json(const Explanation& explanation);

}  // namespace materia
