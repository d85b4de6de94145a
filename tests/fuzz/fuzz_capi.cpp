// libFuzzer target: the C API entry points. The first byte picks JSON or CSV, the next byte gives
// the length of an options JSON for materia_analyze, the rest is the dataset text. Every call must
// return a documented status, set a non-empty last error on failure, and never leak an exception.
#include <cstdlib>
#include <cstring>
#include <string>

#include "materia.h"

namespace {

void check_status(int status) {
  if (status > 0 || status < MATERIA_ERROR_NOMEM) std::abort();
  if (status != MATERIA_OK && materia_last_error()[0] == '\0') std::abort();
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
  int status = csv ? materia_dataset_from_csv(&dataset, text, length, nullptr)
                   : materia_dataset_from_json(&dataset, text, length);
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
    check_status(materia_result_to_json(result, &json, &json_length));
    if (json == nullptr || std::strlen(json) != json_length) std::abort();
    materia_free(json);
    (void)materia_result_issue_count(result);
  }
  materia_result_free(result);
  materia_dataset_free(dataset);
  return 0;
}
