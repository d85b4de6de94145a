#pragma once
// Internal: a taxonomy to and from its JSON tree (docs/format.md, "Taxonomy files"), for the
// readers that meet a taxonomy inside a larger document (a dataset's "taxonomy"). The public
// header offers the same as text: Taxonomy::from_json_text and Taxonomy::to_json_text.

#include <string>

#include <nlohmann/json.hpp>

#include "materia/model/taxonomy.hpp"

namespace materia {

/// A taxonomy from its JSON form; `source` names the file in error messages. Validates ids,
/// parents and alias targets.
Taxonomy taxonomy_from_json(const nlohmann::json& json, const std::string& source);
/// The JSON form that taxonomy_from_json reads.
nlohmann::json to_json(const Taxonomy& taxonomy);

}  // namespace materia
