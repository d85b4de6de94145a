#pragma once
// The readers of a dataset file as load_dataset_file calls them: each reads the text once, front
// to back, and tells `done_with(n)` (if set) when it will not read the first n bytes again, so a
// mapped file's pages behind the reader can leave memory (io_file.cpp).

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

#include "materia/io/io.hpp"

namespace materia::detail {

using DoneWith = std::function<void(std::size_t)>;

Dataset load_dataset_json_streamed(std::string_view text, const std::string& source,
                                   const LoadOptions& options, const Execution& execution,
                                   const DoneWith& done_with);
Dataset load_dataset_csv_streamed(std::string_view text, const std::string& source,
                                  const LoadOptions& options, const Execution& execution,
                                  const DoneWith& done_with);
/// load_dataset_csv_streamed with the rows read in `pieces` pieces (0: one per thread for a
/// large file, else one), joined in order: the same dataset, or error, for every count.
/// `joined`, if given, is set when the pieces were joined (not read again in one piece).
Dataset load_dataset_csv_pieces(std::string_view text, const std::string& source,
                                const LoadOptions& options, const Execution& execution,
                                const DoneWith& done_with, unsigned pieces, bool* joined = nullptr);
/// The NDJSON form (docs/format.md): one company per line, and optionally a first line with the
/// dataset's other fields. Errors name the file and line.
Dataset load_dataset_ndjson(std::string_view text, const std::string& source,
                            const LoadOptions& options, const Execution& execution,
                            const DoneWith& done_with);

}  // namespace materia::detail
