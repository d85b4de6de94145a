// The library's aggregation entry points: the method registry, and the header-only methods
// (materia/aggregate/methods.hpp) run on the worker pool with their errors as materia::Error.
#include "materia/aggregate/aggregate.hpp"

#include <utility>

#include "materia/aggregate/methods.hpp"
#include "materia/error.hpp"
#include "model/enum_text.hpp"
#include "rank/compiled_kernels.hpp"

namespace materia {

namespace {

// In the order of Method's enumerators.
constexpr std::string_view kMethodNames[] = {
    "attention",    "borda",        "borda-normalized", "dowdall", "mean-rank", "median-rank",
    "geomean-rank", "rra",          "stuart",           "mc4",     "copeland",  "schulze",
    "kemeny",       "plackett-luce"};
static_assert(std::size(kMethodNames) == static_cast<std::size_t>(Method::plackett_luce) + 1);

}  // namespace

std::string_view method_name(Method method) {
  return detail::enum_text(method, kMethodNames, "?");
}

Method parse_method(std::string_view text) {
  if (auto method = detail::enum_from_text<Method>(text, kMethodNames)) return *method;
  std::string known;
  for (auto name : kMethodNames)
    known += (known.empty() ? "" : ", ") + std::string(name);
  throw Error(ErrorKind::usage,
              "unknown method \"" + std::string(text) + "\" (known: " + known + ")");
}

std::vector<std::string> method_names() {
  return std::vector<std::string>(std::begin(kMethodNames), std::end(kMethodNames));
}

bool contributions_sum_to_score(Method method) {
  return kernels::contributions_sum_to_score(method);
}

Aggregation aggregate(const RankTable& table, const AggregateOptions& options,
                      const Execution& execution) {
  return detail::with_usage_errors(
      [&] { return kernels::aggregate(table, options, detail::PoolLoop{execution.threads}); });
}

std::vector<Contribution> contributions(const RankTable& table, const AggregateOptions& options,
                                        std::size_t issue) {
  return kernels::contributions(table, options, issue);
}

Eigen::MatrixXd pairwise_preferences(const RankTable& table) {
  return kernels::pairwise_preferences(table);
}

KemenyOrder kemeny_order(const Eigen::MatrixXd& preferences, std::size_t exact_limit) {
  return detail::with_usage_errors([&] { return kernels::kemeny_order(preferences, exact_limit); });
}

double kemeny_distance(const Eigen::MatrixXd& preferences, const std::vector<std::size_t>& order) {
  return kernels::kemeny_distance(preferences, order);
}

double stuart_q(std::vector<double> normalized_ranks) {
  return detail::with_usage_errors([&] { return kernels::stuart_q(std::move(normalized_ranks)); });
}

double rra_min_beta(std::vector<double> normalized_ranks) {
  return kernels::rra_min_beta(std::move(normalized_ranks));
}

}  // namespace materia
