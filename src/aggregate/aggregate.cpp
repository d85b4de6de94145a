// The library's aggregation entry points: the method registry, and the header-only methods
// (materia/aggregate/methods.hpp) run on the worker pool with their errors as materia::Error.
#include "materia/aggregate/aggregate.hpp"

#include <utility>

#include "materia/aggregate/methods.hpp"
#include "materia/error.hpp"
#include "rank/compiled_kernels.hpp"

namespace materia {

namespace {

struct MethodInfo {
  Method method;
  std::string_view name;
};
constexpr MethodInfo kMethods[] = {
    {Method::attention, "attention"},
    {Method::borda, "borda"},
    {Method::borda_normalized, "borda-normalized"},
    {Method::dowdall, "dowdall"},
    {Method::mean_rank, "mean-rank"},
    {Method::median_rank, "median-rank"},
    {Method::geomean_rank, "geomean-rank"},
    {Method::rra, "rra"},
    {Method::stuart, "stuart"},
    {Method::mc4, "mc4"},
    {Method::copeland, "copeland"},
    {Method::schulze, "schulze"},
    {Method::kemeny, "kemeny"},
};

}  // namespace

std::string_view method_name(Method method) {
  for (const auto& info : kMethods)
    if (info.method == method) return info.name;
  return "?";
}

Method parse_method(std::string_view text) {
  for (const auto& info : kMethods)
    if (info.name == text) return info.method;
  std::string known;
  for (const auto& info : kMethods)
    known += (known.empty() ? "" : ", ") + std::string(info.name);
  throw Error(ErrorKind::usage,
              "unknown method \"" + std::string(text) + "\" (known: " + known + ")");
}

std::vector<std::string> method_names() {
  std::vector<std::string> names;
  for (const auto& info : kMethods)
    names.emplace_back(info.name);
  return names;
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
