#pragma once
// Internal: the JSON trees of a survey's result and of the dataset it gives; the public header
// offers them as text (to_json_text, survey_dataset_json_text).

#include <nlohmann/json.hpp>

#include "materia/workflows/survey.hpp"

namespace materia {

/// A dataset (docs/format.md input) with one company: every issue with `stakeholder` = its weighted
/// mean and, where management rated it, `business` = that rating, on the survey's scale.
nlohmann::ordered_json survey_dataset_json(const SurveyResult& result);

nlohmann::ordered_json to_json(const SurveyResult& result);

}  // namespace materia
