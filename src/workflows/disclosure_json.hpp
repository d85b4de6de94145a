#pragma once
// Internal: the JSON trees of disclosure statistics and of a check report; the public header
// offers them as text (to_json_text).

#include <nlohmann/json.hpp>

#include "materia/workflows/disclosure.hpp"

namespace materia {

nlohmann::ordered_json to_json(const DisclosureStats& stats);
nlohmann::ordered_json to_json(const CheckReport& report);

}  // namespace materia
