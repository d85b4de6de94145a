// Rank statistics through the C API: thin calls into materia/stats/stats.hpp.
#include <cmath>
#include <string>
#include <vector>

#include "capi/capi_internal.hpp"
#include "materia/run/inputs.hpp"
#include "materia/stats/stats.hpp"

using materia::capi::fail;
using materia::capi::guard;
using materia::capi::null_argument;

namespace {

void check_nan(const std::vector<double>& values, int nan_policy, const std::string& what) {
  materia::check_no_nan(values, nan_policy == MATERIA_NAN_OMIT, what, "pass MATERIA_NAN_OMIT");
}

int check_policy(const char* function, int nan_policy) {
  if (nan_policy == MATERIA_NAN_RAISE || nan_policy == MATERIA_NAN_OMIT) return MATERIA_OK;
  return fail(MATERIA_ERROR_ARGUMENT, std::string(function) + ": nan_policy " +
                                          std::to_string(nan_policy) +
                                          " is neither MATERIA_NAN_RAISE nor MATERIA_NAN_OMIT");
}

template <class Statistic>
int paired(const char* function, Statistic statistic, double* out, const double* x, size_t nx,
           const double* y, size_t ny, int nan_policy) {
  if (out == nullptr) return null_argument(function, "out");
  if (x == nullptr && nx > 0) return null_argument(function, "x");
  if (y == nullptr && ny > 0) return null_argument(function, "y");
  if (int status = check_policy(function, nan_policy); status != MATERIA_OK) return status;
  return guard([&] {
    std::vector<double> xs(x, x + nx), ys(y, y + ny);
    check_nan(xs, nan_policy, "x value");
    check_nan(ys, nan_policy, "y value");
    *out = statistic(xs, ys);
    return MATERIA_OK;
  });
}

}  // namespace

extern "C" {

int materia_stats_kendall_tau_b(double* out, const double* x, size_t nx, const double* y, size_t ny,
                                int nan_policy) {
  return paired("materia_stats_kendall_tau_b", materia::kendall_tau_b, out, x, nx, y, ny,
                nan_policy);
}

int materia_stats_spearman_rho(double* out, const double* x, size_t nx, const double* y, size_t ny,
                               int nan_policy) {
  return paired("materia_stats_spearman_rho", materia::spearman_rho, out, x, nx, y, ny, nan_policy);
}

int materia_stats_kendall_w(double* out_w, double* out_chi_square, double* out_df,
                            double* out_p_value, const double* ratings, size_t raters, size_t items,
                            int nan_policy) {
  if (ratings == nullptr && raters > 0 && items > 0)
    return null_argument("materia_stats_kendall_w", "ratings");
  if (int status = check_policy("materia_stats_kendall_w", nan_policy); status != MATERIA_OK)
    return status;
  return guard([&] {
    std::vector<std::vector<double>> rows(raters);
    for (std::size_t r = 0; r < raters; ++r) {
      rows[r].assign(ratings + r * items, ratings + (r + 1) * items);
      check_nan(rows[r], nan_policy, "rater " + std::to_string(r + 1) + ": item");
    }
    const materia::Concordance c = materia::kendall_w(rows);
    if (out_w != nullptr) *out_w = c.w;
    if (out_chi_square != nullptr) *out_chi_square = c.chi_square;
    if (out_df != nullptr) *out_df = c.df;
    if (out_p_value != nullptr) *out_p_value = c.p_value;
    return MATERIA_OK;
  });
}

}  // extern "C"
