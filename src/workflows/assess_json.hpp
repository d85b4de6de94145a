#pragma once
// Internal: the JSON trees of an assessment's scores and result; the public header offers the
// result as text (to_json_text).

#include <nlohmann/json.hpp>

#include "materia/workflows/assess.hpp"

namespace materia {

/// A score as JSON: state, value (null unless scored or a lower bound), lower_bound when true,
/// rule and inputs. nlohmann finds it for a Score member or value written into an ordered_json.
void to_json(nlohmann::ordered_json& json, const Score& score);

nlohmann::ordered_json to_json(const AssessmentResult& result);

}  // namespace materia
