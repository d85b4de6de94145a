// Natural breaks through the C API: the core's classInt-convention breaks (materia breaks).
#include <algorithm>
#include <string>
#include <vector>

#include "capi/capi_internal.hpp"
#include "materia/run/run.hpp"

using materia::capi::copy_out;
using materia::capi::fail;
using materia::capi::guard;
using materia::capi::null_argument;

namespace {

// The values and method NULL checks both entry points make, as null_argument reports them.
int check_values(const char* function, const double* values, size_t count, const char* method) {
  if (values == nullptr && count > 0) return null_argument(function, "values");
  if (method == nullptr) return null_argument(function, "method");
  return MATERIA_OK;
}

materia::Breaks breaks_of(const double* values, size_t count, const char* method, int classes,
                          double headtail_threshold) {
  std::vector<double> data(values, values + count);
  return materia::natural_breaks_named(data, classes, method, headtail_threshold);
}

}  // namespace

extern "C" {

int materia_natural_breaks(int* out_classes, double* out_breaks, size_t breaks_capacity,
                           size_t* out_break_count, double* out_gvf, const double* values,
                           size_t count, const char* method, int classes,
                           double headtail_threshold) {
  if (int status = check_values("materia_natural_breaks", values, count, method);
      status != MATERIA_OK)
    return status;
  return guard([&] {
    materia::Breaks breaks = breaks_of(values, count, method, classes, headtail_threshold);
    if (out_breaks != nullptr && breaks.breaks.size() > breaks_capacity)
      return fail(MATERIA_ERROR_ARGUMENT,
                  "materia_natural_breaks: " + std::to_string(breaks.class_count) +
                      " classes need " + std::to_string(breaks.breaks.size()) +
                      " breaks, but out_breaks holds " + std::to_string(breaks_capacity));
    if (out_classes != nullptr)
      std::copy(breaks.classes.begin(), breaks.classes.end(), out_classes);
    if (out_breaks != nullptr) std::copy(breaks.breaks.begin(), breaks.breaks.end(), out_breaks);
    if (out_break_count != nullptr) *out_break_count = breaks.breaks.size();
    if (out_gvf != nullptr) *out_gvf = breaks.gvf;
    return MATERIA_OK;
  });
}

int materia_breaks(int* out_classes, double* out_breaks, size_t* out_break_count, double* out_gvf,
                   const double* values, size_t count, const char* method, int classes) {
  const size_t capacity = classes < 1 ? 0 : static_cast<size_t>(classes) + 1;
  return materia_natural_breaks(out_classes, out_breaks, capacity, out_break_count, out_gvf, values,
                                count, method, classes, 0.4);
}

int materia_breaks_json(char** out, size_t* out_len, const double* values, size_t count,
                        const char* method, int classes, double headtail_threshold) {
  if (out == nullptr) return null_argument("materia_breaks_json", "out");
  *out = nullptr;
  if (int status = check_values("materia_breaks_json", values, count, method); status != MATERIA_OK)
    return status;
  return guard([&] {
    materia::Breaks breaks = breaks_of(values, count, method, classes, headtail_threshold);
    return copy_out(materia::breaks_json_text(breaks, method), out, out_len);
  });
}

}  // extern "C"
