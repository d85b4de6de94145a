// Natural breaks through the C API: the core's classInt-convention breaks (materia breaks).
#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "capi/capi_internal.hpp"
#include "materia/run/run.hpp"

using materia::capi::fail;
using materia::capi::guard;
using materia::capi::null_argument;

namespace {

// The values and method NULL checks, as null_argument reports them.
int check_values(const char* function, const double* values, size_t count, const char* method) {
  if (values == nullptr && count > 0) return null_argument(function, "values");
  if (method == nullptr) return null_argument(function, "method");
  return MATERIA_OK;
}

materia::Breaks breaks_of(const double* values, size_t count, const char* method, int classes,
                          double headtail_threshold) {
  std::vector<double> data(values, values + count);
  // NaN: classInt's default share of the head
  const double threshold = std::isnan(headtail_threshold) ? 0.4 : headtail_threshold;
  return materia::natural_breaks_named(data, classes, method, threshold);
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

}  // extern "C"
