// libFuzzer target: the C API entry points. The first byte picks JSON or CSV, the next byte gives
// the length of an options JSON for materia_analyze, the rest is the dataset text. Every call must
// return a documented status, set a non-empty last error on failure, and never leak an exception;
// every cell of a result reads as its type says.
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "materia.h"

namespace {

// A documented status with a message on failure; MATERIA_ERROR_INTERNAL is a bug (any exception
// that is not a materia::Error ends there), so it is a finding too.
void check_status(int status) {
  if (status > 0 || status < MATERIA_ERROR_NOT_FOUND) std::abort();
  if (status != MATERIA_OK && materia_last_error()[0] == '\0') std::abort();
  if (status == MATERIA_ERROR_INTERNAL) {
    std::fprintf(stderr, "materia fuzz finding: internal error: %s\n", materia_last_error());
    std::abort();
  }
}

// Reads every cell of every table: a cell's readers agree with its type.
void read_tables(const materia_result* result) {
  for (int t = MATERIA_TABLE_ISSUES; t <= MATERIA_TABLE_WARNINGS; ++t) {
    const auto table = static_cast<materia_table>(t);
    const std::size_t rows = materia_result_row_count(result, table);
    const std::size_t columns = materia_result_column_count(result, table);
    for (std::size_t c = 0; c < columns; ++c) {
      const char* name = materia_result_column_name(result, table, c);
      if (name == nullptr ||
          materia_result_column_index(result, table, name) != static_cast<int>(c))
        std::abort();
      for (std::size_t r = 0; r < rows; ++r) {
        const materia_type type = materia_result_column_type(result, table, r, c);
        const char* text = materia_result_text(result, table, r, c);
        if ((type == MATERIA_TEXT) != (text != nullptr)) std::abort();
        if (type == MATERIA_DOUBLE && !std::isfinite(materia_result_double(result, table, r, c)))
          std::abort();
      }
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 2) return 0;
  const bool csv = data[0] & 1;
  std::size_t options_length = std::min<std::size_t>(data[1], size - 2);
  std::string options(reinterpret_cast<const char*>(data + 2), options_length);
  const char* text = reinterpret_cast<const char*>(data + 2 + options_length);
  std::size_t length = size - 2 - options_length;

  materia_dataset* dataset = nullptr;
  int status = materia_dataset_parse(&dataset, text, length, csv ? "csv" : "json", nullptr);
  check_status(status);
  if (status != MATERIA_OK) {
    if (dataset != nullptr) std::abort();
    return 0;
  }
  materia_result* result = nullptr;
  // options as given (often invalid JSON), then no options at all
  for (const char* opts : {options.c_str(), static_cast<const char*>(nullptr)}) {
    status = materia_analyze(&result, dataset, opts);
    check_status(status);
    if (status == MATERIA_OK) break;
  }
  if (status == MATERIA_OK) {
    char* json = nullptr;
    std::size_t json_length = 0;
    check_status(materia_result_to_json(&json, &json_length, result));
    if (json == nullptr || std::strlen(json) != json_length) std::abort();
    materia_free(json);
    read_tables(result);
  }
  materia_result_free(result);
  materia_dataset_free(dataset);
  return 0;
}
