#pragma once
// Internal: the JSON trees behind two of the run layer's texts, for the writers that embed them
// (`materia normalize` puts resolutions in its document); the public header offers them as text
// (to_json_text).

#include <cstddef>

#include <nlohmann/json.hpp>

#include "materia/run/render.hpp"

namespace materia {

/// The JSON `materia agreement --format json --show show` prints.
nlohmann::ordered_json to_json(const Agreement& agreement, std::size_t show);
/// One name as `materia normalize --format json` prints it (without "firms").
nlohmann::ordered_json to_json(const Resolution& resolution);

}  // namespace materia
