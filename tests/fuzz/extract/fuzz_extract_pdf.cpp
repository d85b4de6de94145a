// SPDX-License-Identifier: GPL-2.0-or-later
// libFuzzer target: mutated PDFs (written to a temporary file) read by materia_extract_read_pdf,
// which must answer with a result or one error message, never crash.
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "capture/extract_abi.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::string path = [] {
    const char* dir = std::getenv("TMPDIR");
    return std::string(dir && *dir ? dir : "/tmp") + "/fuzz_extract_pdf." +
           std::to_string(getpid()) + ".pdf";
  }();
  std::FILE* file = std::fopen(path.c_str(), "wb");
  if (!file) return 0;
  if (size > 0) std::fwrite(data, 1, size, file);
  std::fclose(file);
  const std::string request = "{\"file\": \"" + path + "\"}";
  char* result = nullptr;
  char* error = nullptr;
  const int status = materia_extract_read_pdf(request.c_str(), &result, &error);
  if ((status == 0) != (result != nullptr) || (status != 0) != (error != nullptr)) std::abort();
  materia_extract_free(result);
  materia_extract_free(error);
  return 0;
}
