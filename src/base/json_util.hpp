#pragma once
// Shared JSON reading helpers: parse with line/column errors, and typed field access that names
// the file, firm and issue at fault.

#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "materia/error.hpp"
#include "materia/limits.hpp"

namespace materia::detail {

/// Parses JSON text (after check_json_limits); a syntax error becomes Error(input) "invalid JSON at
/// line L, column C: ...".
nlohmann::json parse_json(std::string_view text, const std::string& source);

/// Refuses UTF-16 and UTF-32 text (recognised by its byte order mark) with a message that says
/// so: materia reads UTF-8, with or without a byte order mark.
void check_not_utf16(std::string_view text, const std::string& source);

/// Refuses, before any tree is built, JSON that is larger, deeper or has more companies or
/// listings than materia/limits.hpp allows (Error(input) naming the limit). Syntax errors pass:
/// parse_json reports them with line and column. `max_bytes`: the size limit of the text.
void check_json_limits(std::string_view text, const std::string& source,
                       std::size_t max_bytes = limits::max_input_bytes);

/// The JSON type name as users know it ("string", "number", "object", ...).
std::string json_type_name(const nlohmann::json& value);

/// The same with its article, for messages: "an array", "a string", "null".
std::string a_json_type(const nlohmann::json& value);

/// A required or optional field of an object, type-checked.
std::string get_string(const nlohmann::json& object, const char* key, const ErrorContext& where,
                       bool required);
std::optional<double> get_number(const nlohmann::json& object, const char* key,
                                 const ErrorContext& where);

/// Rejects keys of `object` not in `allowed` (catches typos such as "companys").
void check_keys(const nlohmann::json& object, std::initializer_list<std::string_view> allowed,
                const std::string& what, const ErrorContext& where);

}  // namespace materia::detail
