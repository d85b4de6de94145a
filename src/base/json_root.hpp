#pragma once
// The objects of a JSON input document, at its top and in its arrays, holding only the keys
// their format knows.

#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>

#include <nlohmann/json.hpp>

#include "base/json_util.hpp"
#include "materia/error.hpp"

namespace materia::detail {

/// Refuses `root` unless it is an object with no key outside `allowed`: "<what> must be a JSON
/// object<needs>, not a <type>" (needs: "" or, say, " with \"firms\""), or check_keys naming
/// `what`.
inline void check_root_object(const nlohmann::json& root, const std::string& what,
                              std::initializer_list<std::string_view> allowed,
                              const ErrorContext& where, const std::string& needs = "") {
  if (!root.is_object())
    throw_input_error(what + " must be a JSON object" + needs + ", not a " + json_type_name(root),
                      where);
  check_keys(root, allowed, what, where);
}

/// Refuses an element of an array of `noun`s unless it is an object with no key outside
/// `allowed`: "each <noun> must be an object<needs>", or check_keys naming "a <noun>".
inline void check_item_object(const nlohmann::json& item, const std::string& noun,
                              std::initializer_list<std::string_view> allowed,
                              const ErrorContext& where, const std::string& needs = "") {
  if (!item.is_object()) throw_input_error("each " + noun + " must be an object" + needs, where);
  check_keys(item, allowed, "a " + noun, where);
}

/// The id and name of a one-firm document's optional {"firm": {"id", "name"}}; empty when absent.
inline std::pair<std::string, std::string> firm_of(const nlohmann::json& root,
                                                   const ErrorContext& where) {
  auto firm = root.find("firm");
  if (firm == root.end() || !firm->is_object()) return {};
  return {get_string(*firm, "id", where, false), get_string(*firm, "name", where, false)};
}

}  // namespace materia::detail
