#pragma once
// The simdjson fast path of load_dataset_json (io_json_fast.cpp), and the entry to
// load_dataset_json for a text in a buffer with room after it (read_file's, io_file.cpp), which
// the fast path parses in place.

#include <optional>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "materia/io/io.hpp"
#include "materia/model/dataset.hpp"

namespace materia::detail {

struct FastDataset {
  nlohmann::json root;                ///< the root object, with "companies" as an empty array
  std::vector<FirmAssessment> firms;  ///< every company, read
};

/// Reads `text` (no byte order mark) when the file is valid JSON and every company is in the
/// plain form (io_json_fast.cpp); nullopt otherwise, and always when built without simdjson.
/// `readable_past_end`: bytes after the text that belong to its buffer (never used, may be read):
/// with simdjson's padding of them, it parses the text where it is instead of copying it.
std::optional<FastDataset> read_dataset_fast(std::string_view text, unsigned threads = 0,
                                             std::size_t readable_past_end = 0);

/// Bytes read_file reserves past the end of what it reads (simdjson's padding, 64).
inline constexpr std::size_t kReadPadding = 64;

/// load_dataset_json of a text followed by `readable_past_end` bytes of its own buffer.
Dataset load_dataset_json_in_buffer(std::string_view text, std::size_t readable_past_end,
                                    const std::string& source, const LoadOptions& options,
                                    const Execution& execution);

}  // namespace materia::detail
