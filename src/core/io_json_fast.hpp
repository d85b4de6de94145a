#pragma once
// The simdjson fast path of load_dataset_json (io_json_fast.cpp).

#include <optional>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "materia/dataset.hpp"

namespace materia::detail {

struct FastDataset {
  nlohmann::json root;                ///< the root object, with "companies" as an empty array
  std::vector<FirmAssessment> firms;  ///< every company, read
};

/// Reads `text` (no byte order mark) when the file is valid JSON and every company is in the
/// plain form (io_json_fast.cpp); nullopt otherwise, and always when built without simdjson.
std::optional<FastDataset> read_dataset_fast(std::string_view text, unsigned threads = 0);

}  // namespace materia::detail
