#pragma once
/// \file io.hpp
/// Reading datasets: the JSON form of docs/format.md and the equivalent long-format CSV
/// (one row per firm and issue), which is what spreadsheets and pipelines export.

#include <string>
#include <string_view>

#include "materia/model/dataset.hpp"
#include "materia/runtime/execution.hpp"

namespace materia {

/// Options that apply to every input format.
struct LoadOptions {
  /// Overrides the dataset's taxonomy ("fintech-2024", "none", or a path to a taxonomy JSON).
  std::string taxonomy;
  /// Check the dataset (Dataset::validate) before returning it. `false` is for a caller that
  /// analyzes it straight away: analyze() validates every dataset with the same errors, and a
  /// market-scale dataset is then checked once instead of twice.
  bool validate = true;
};

/// Parses a JSON dataset. `source` names it in error messages. A large file's companies are read,
/// and any dataset validated, on `execution`'s threads.
Dataset load_dataset_json(std::string_view text, const std::string& source,
                          const LoadOptions& options = {}, const Execution& execution = {});
/// Parses a long-format CSV dataset (columns: firm, issue, and rank and/or stakeholder+business
/// and/or level; optional firm_name, segment, weight, unlisted, taxonomy).
Dataset load_dataset_csv(std::string_view text, const std::string& source,
                         const LoadOptions& options = {}, const Execution& execution = {});
/// Reads a file ("-" = standard input) and picks the format: ".csv" or ".tsv" by extension, else
/// by content (a leading '{' means JSON).
Dataset load_dataset_file(const std::string& path, const LoadOptions& options = {},
                          const Execution& execution = {});
/// One firm `id` from the JSON object of its other fields, as a dataset's "companies" item has
/// them ("name", "segment", "weight", "unlisted", "scale", "issues"; no "issues" = none yet).
/// Errors name `source` and the firm.
FirmAssessment load_firm_json(std::string_view fields, const std::string& source,
                              const std::string& id);
/// The built-in sample dataset with this name ("fintech-2024").
Dataset load_sample(std::string_view name);

/// Reads a whole file ("-" = standard input); throws Error(input) naming the file on failure.
std::string read_file(const std::string& path);
/// Writes a file atomically: a temporary file in the same directory, then rename.
void write_file_atomic(const std::string& path, std::string_view content);

}  // namespace materia
