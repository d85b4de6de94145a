#pragma once
// Reading an options JSON text, for the parsers of analysis and run options.

#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace materia {

/// The object of an options JSON text; nullopt for blank text or `null` (all defaults).
/// Error(usage) "<what> are not valid JSON: <text>" or "<what> must be a JSON object, not <type>".
std::optional<nlohmann::json> parse_options_object(std::string_view json_text,
                                                   const std::string& what);

}  // namespace materia
