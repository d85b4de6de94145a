#pragma once
// Writing members of a struct into a JSON object under their own names, so that an output names
// each field once instead of spelling `json["field"] = record.field;` for every field.

#include <cmath>

#include <nlohmann/json.hpp>

namespace materia::detail {

/// A number, or null for NaN and infinities (JSON has neither).
inline nlohmann::ordered_json finite_or_null(double value) {
  return std::isfinite(value) ? nlohmann::ordered_json(value) : nlohmann::ordered_json(nullptr);
}

}  // namespace materia::detail

// One member each; NLOHMANN_JSON_PASTE is the list expansion behind nlohmann's own
// NLOHMANN_DEFINE_TYPE_* macros, which write whole types and only into nlohmann::json.
#define MATERIA_JSON_MEMBER(member) materia_json_[#member] = materia_record_.member;
#define MATERIA_JSON_NUMBER(member) \
  materia_json_[#member] = ::materia::detail::finite_or_null(materia_record_.member);

/// `json["m"] = record.m;` for each member name m, in the order given.
#define MATERIA_JSON_MEMBERS(json, record, ...)                                 \
  [](auto& materia_json_, const auto& materia_record_) {                        \
    NLOHMANN_JSON_EXPAND(NLOHMANN_JSON_PASTE(MATERIA_JSON_MEMBER, __VA_ARGS__)) \
  }(json, record)

/// The same for double members, as finite_or_null: a NaN or infinity is written as null.
#define MATERIA_JSON_NUMBERS(json, record, ...)                                 \
  [](auto& materia_json_, const auto& materia_record_) {                        \
    NLOHMANN_JSON_EXPAND(NLOHMANN_JSON_PASTE(MATERIA_JSON_NUMBER, __VA_ARGS__)) \
  }(json, record)
