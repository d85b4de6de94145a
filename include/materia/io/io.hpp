#pragma once
/// \file io.hpp
/// Reading datasets: the JSON form of docs/format.md, the equivalent long-format CSV (one row
/// per firm and issue), which is what spreadsheets and pipelines export, and the same table as
/// the first (or a named) sheet of an Excel workbook (.xlsx).

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "materia/limits.hpp"
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
  /// A workbook's sheet: its name, or its number from 1 in the workbook's order; "" = the first.
  /// Only for .xlsx input (an error for another format).
  std::string sheet{};
  /// Header names of the table's columns: {field, header}, e.g. {"firm", "公司"}: the column
  /// headed "公司" is the firm's id. Taken before the built-in names (docs/format.md).
  std::vector<std::pair<std::string, std::string>> columns{};
  /// Headers of columns to skip (notes, comments); any other unknown column is an error.
  std::vector<std::string> ignore_columns{};
  /// The text's encoding (an ICU converter name: "gbk", "gb18030", "big5", "utf-16", ...); ""
  /// = UTF-8, or what ICU's detector finds when the text is not UTF-8 (docs/format.md).
  std::string encoding{};
  /// The firms' own level scale: {word, value}, a larger value more important. Empty = the
  /// built-in scale (parse_level). Applies to the CSV and workbook readers.
  std::vector<std::pair<std::string, double>> levels{};
  /// The largest file (or standard input) read, in bytes: a larger one is refused before it is
  /// read. The readers stream the file, so memory follows the entries, not this limit.
  std::size_t max_input_bytes = limits::max_input_bytes;
};

/// Parses a JSON dataset. `source` names it in error messages. A large file's companies are read,
/// and any dataset validated, on `execution`'s threads.
Dataset load_dataset_json(std::string_view text, const std::string& source,
                          const LoadOptions& options = {}, const Execution& execution = {});
/// Parses a long-format CSV dataset (columns: firm, issue, and rank and/or stakeholder+business
/// and/or level; optional firm_name, segment, weight, unlisted, taxonomy).
Dataset load_dataset_csv(std::string_view text, const std::string& source,
                         const LoadOptions& options = {}, const Execution& execution = {});
/// Parses an Excel workbook (.xlsx, the bytes of the file): the sheet `options.sheet` (else the
/// first) is read as the long CSV table is, its first row the header. Numbers are read as
/// stored, percent-formatted cells as the percents they show (0.85 as "85%"); a date cell, a
/// merged header and a formula without a saved value are errors naming the cell.
Dataset load_dataset_xlsx(std::string_view bytes, const std::string& source,
                          const LoadOptions& options = {}, const Execution& execution = {});
/// Reads a file ("-" = standard input) and picks the format: ".csv" or ".tsv" by extension,
/// ".ndjson" or ".jsonl" as NDJSON (one company per line), ".xlsx" (or a zip archive's first
/// bytes) as a workbook, else by content (a leading '{' means JSON). A regular file is mapped
/// and read once, front to back, so memory follows the entries rather than the file; a file
/// larger than `options.max_input_bytes` is refused before it is read.
Dataset load_dataset_file(const std::string& path, const LoadOptions& options = {},
                          const Execution& execution = {});
/// One firm `id` from the JSON object of its other fields, as a dataset's "companies" item has
/// them ("name", "segment", "weight", "unlisted", "scale", "issues"; no "issues" = none yet).
/// Errors name `source` and the firm.
FirmAssessment load_firm_json(std::string_view fields, const std::string& source,
                              const std::string& id);
/// The built-in sample dataset with this name ("fintech-2024").
Dataset load_sample(std::string_view name);

/// Reads a whole file ("-" = standard input); throws Error(input) naming the file on failure,
/// and for a file larger than `max_bytes`.
std::string read_file(const std::string& path, std::size_t max_bytes = limits::max_input_bytes);
/// Writes a file atomically: a temporary file in the same directory, then rename (onto the file
/// a link leads to). A device or a pipe (/dev/null, /dev/stdout) is written into as it is.
void write_file_atomic(const std::string& path, std::string_view content);

}  // namespace materia
