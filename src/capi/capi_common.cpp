// Errors, versions and memory of the C API.
#include <cstdlib>
#include <cstring>

#include "capi/capi_internal.hpp"
#include "materia/runtime/execution.hpp"

namespace materia::capi {

namespace {
// One message per thread, so concurrent callers never see each other's errors.
thread_local std::string last_error;
}  // namespace

int fail(int status, const std::string& message) {
  try {
    last_error = message;
  } catch (...) {
    // Keeping the old message is the best we can do without memory.
  }
  return status;
}

int status_of(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::usage:
      return MATERIA_ERROR_USAGE;
    case ErrorKind::input:
      return MATERIA_ERROR_INPUT;
    case ErrorKind::internal:
      return MATERIA_ERROR_INTERNAL;
  }
  return MATERIA_ERROR_INTERNAL;
}

int null_argument(const char* function, const char* what) {
  return fail(MATERIA_ERROR_ARGUMENT, std::string(function) + ": " + what + " is NULL");
}

int copy_out(const std::string& text, char** out, std::size_t* out_len) {
  auto* buffer = static_cast<char*>(std::malloc(text.size() + 1));
  if (buffer == nullptr) return fail(MATERIA_ERROR_NOMEM, "out of memory");
  std::memcpy(buffer, text.data(), text.size());
  buffer[text.size()] = '\0';
  *out = buffer;
  if (out_len != nullptr) *out_len = text.size();
  return MATERIA_OK;
}

}  // namespace materia::capi

extern "C" {

const char* materia_last_error(void) {
  return materia::capi::last_error.c_str();
}

const char* materia_status_string(int status) {
  return materia::capi::name_of_code(status,
                                     {{MATERIA_OK, "ok"},
                                      {MATERIA_ERROR_ARGUMENT, "invalid argument"},
                                      {MATERIA_ERROR_USAGE, "usage error"},
                                      {MATERIA_ERROR_INPUT, "input error"},
                                      {MATERIA_ERROR_INTERNAL, "internal error"},
                                      {MATERIA_ERROR_NOMEM, "out of memory"},
                                      {MATERIA_ERROR_NOT_FOUND, "not found"}},
                                     "unknown status");
}

unsigned materia_version_number(void) {
  return MATERIA_VERSION_NUMBER;
}

#define MATERIA_STRINGIFY_(x) #x
#define MATERIA_STRINGIFY(x) MATERIA_STRINGIFY_(x)
// Built by the preprocessor, so the call can neither allocate nor fail.
const char* materia_version_string(void) {
  return MATERIA_STRINGIFY(MATERIA_VERSION_MAJOR) "." MATERIA_STRINGIFY(
      MATERIA_VERSION_MINOR) "." MATERIA_STRINGIFY(MATERIA_VERSION_PATCH);
}

void materia_free(void* p) {
  std::free(p);
}

int materia_config_threads(unsigned threads) {
  return materia::capi::guard([&] {
    materia::configure_threads(threads);
    return MATERIA_OK;
  });
}

}  // extern "C"
