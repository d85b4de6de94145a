#pragma once
// The simdjson fast path of load_dataset_json (io_json_fast.cpp), and the entry to
// load_dataset_json for a mapped file (io_file.cpp), which drops the pages the reader is done with.

#include <functional>
#include <optional>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "io/name_pool.hpp"
#include "materia/io/io.hpp"
#include "materia/model/dataset.hpp"

namespace materia::detail {

struct FastDataset {
  nlohmann::json root;                ///< the root object, with "companies" as an empty array
  std::vector<FirmAssessment> firms;  ///< every company, read
};

/// Reads `text` (no byte order mark) when the file is valid JSON and every company is in the
/// plain form (io_json_fast.cpp); nullopt otherwise, and always when built without simdjson.
/// Companies are read a window of a few megabytes at a time; after each, `done_with(n)` (if set)
/// says that the first n bytes of `text` will not be read again by this call.
std::optional<FastDataset> read_dataset_fast(
    std::string_view text, unsigned threads = 0,
    const std::function<void(std::size_t)>& done_with = {});

/// Reads one company (its JSON text) when it is in the plain form, adding its issues to
/// `listings` and interning their names in `names`; false otherwise (the caller reads it the
/// other way, which words any error).
bool read_company_fast(std::string_view text, FirmAssessment& firm, std::size_t& listings,
                       NamePool& names);

}  // namespace materia::detail
