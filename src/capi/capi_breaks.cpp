// Natural breaks through the C API.
#include <algorithm>
#include <cmath>
#include <string_view>
#include <vector>

#include "capi/capi_internal.hpp"
#include "materia/tier.hpp"

using materia::capi::guard;
using materia::capi::null_argument;

extern "C" {

int materia_breaks(int* out_classes, double* out_breaks, size_t* out_break_count, double* out_gvf,
                   const double* values, size_t count, const char* method, int classes) {
  if (values == nullptr && count > 0) return null_argument("materia_breaks", "values");
  if (method == nullptr) return null_argument("materia_breaks", "method");
  return guard([&] {
    std::string_view name(method);
    if (name != "fisher" && name != "jenks")
      materia::throw_usage_error("unknown breaks method \"" + std::string(name) +
                                 "\" (fisher, jenks)");
    if (classes < 1 || classes > 100)
      materia::throw_usage_error("give a number of classes from 1 to 100");
    std::vector<double> data(values, values + count);
    for (std::size_t i = 0; i < count; ++i)
      if (!std::isfinite(data[i]))
        materia::throw_input_error("value " + std::to_string(i + 1) + " is not a finite number");
    std::vector<int> assigned = materia::fisher_classes(data, classes);
    // classInt's convention: the minimum, then the largest value of each class.
    std::vector<double> breaks;
    if (!data.empty()) {
      int k = *std::max_element(assigned.begin(), assigned.end());
      breaks.assign(static_cast<std::size_t>(k) + 1, -INFINITY);
      breaks[0] = *std::min_element(data.begin(), data.end());
      for (std::size_t i = 0; i < count; ++i) {
        auto c = static_cast<std::size_t>(assigned[i]);
        breaks[c] = std::max(breaks[c], data[i]);
      }
    }
    if (out_classes != nullptr) std::copy(assigned.begin(), assigned.end(), out_classes);
    if (out_breaks != nullptr) std::copy(breaks.begin(), breaks.end(), out_breaks);
    if (out_break_count != nullptr) *out_break_count = breaks.size();
    if (out_gvf != nullptr) *out_gvf = materia::goodness_of_variance_fit(data, assigned);
    return MATERIA_OK;
  });
}

}  // extern "C"
