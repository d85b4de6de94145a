// Method registry, dispatch, explicit ties and per-firm contributions. The methods themselves
// live in aggregate_borda.cpp (positional), aggregate_rra.cpp (order statistics),
// aggregate_pairwise.cpp (MC4, Copeland, Schulze) and aggregate_kemeny.cpp.
#include "materia/aggregate/aggregate.hpp"

#include <cmath>

#include "aggregate/aggregate_internal.hpp"
#include "materia/error.hpp"

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

bool is_positional(Method method) {
  switch (method) {
    case Method::attention:
    case Method::borda:
    case Method::borda_normalized:
    case Method::dowdall:
    case Method::mean_rank:
    case Method::median_rank:
    case Method::geomean_rank:
      return true;
    default:
      return false;
  }
}

bool is_pairwise(Method method) {
  return method == Method::mc4 || method == Method::copeland || method == Method::schulze ||
         method == Method::kemeny;
}

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
  return method == Method::attention || method == Method::borda ||
         method == Method::borda_normalized || method == Method::dowdall ||
         method == Method::mean_rank || method == Method::geomean_rank;
}

Aggregation aggregate(const RankTable& table, const AggregateOptions& options,
                      const Execution& execution) {
  for (std::size_t f = 0; f < table.firm_count(); ++f)
    if (table.length[f] > table.universe)
      throw_usage_error("the universe N = " + std::to_string(table.universe) +
                        " is smaller than a firm's list of " + std::to_string(table.length[f]) +
                        " issues");
  if ((options.rra_top_cutoff || options.rra_exact) && options.method != Method::rra)
    throw_usage_error("--rra-top-cutoff and --rra-exact apply to --method rra only");
  Aggregation result;
  if (is_positional(options.method)) {
    result = detail::aggregate_positional(table, options.method);
  } else {
    switch (options.method) {
      case Method::rra:
        result = detail::aggregate_rra(table, options, execution.threads);
        break;
      case Method::stuart:
        result = detail::aggregate_stuart(table, execution.threads);
        break;
      case Method::mc4:
        result = detail::aggregate_mc4(table);
        break;
      case Method::copeland:
        result = detail::aggregate_copeland(table);
        break;
      case Method::schulze:
        result = detail::aggregate_schulze(table);
        break;
      case Method::kemeny:
        result = detail::aggregate_kemeny(table, options);
        break;
      default:
        throw Error(ErrorKind::internal, "unhandled method");
    }
  }
  result.method = options.method;
  result.rank = mid_ranks(result.score, result.higher_is_better);
  return result;
}

std::vector<Contribution> contributions(const RankTable& table, const AggregateOptions& options,
                                        std::size_t issue) {
  const Method method = options.method;
  const auto n = static_cast<double>(table.universe);
  std::vector<Contribution> parts(table.firm_count());
  double counted_weight = 0.0;
  for (std::size_t f = 0; f < table.firm_count(); ++f) {
    Contribution& part = parts[f];
    part.firm = f;
    const double rank =
        table.rank.coeff(static_cast<Eigen::Index>(f), static_cast<Eigen::Index>(issue));
    part.listed = rank > 0;
    part.rank = part.listed ? rank : detail::unlisted_rank(table.length[f], table.universe);
    // Sums (attention, borda, dowdall) count every firm; everything else leaves a not_assessed
    // firm out of the issues it did not list.
    const bool sums =
        method == Method::attention || method == Method::borda || method == Method::dowdall;
    part.counted = sums || part.listed || detail::is_bottom(table, f);
    if (is_positional(method))
      part.value = detail::positional_value(table, method, f, part.listed, rank);
    else if (is_pairwise(method))
      part.value = part.counted ? detail::pairwise_support(table, f, part.listed, rank) : 0.0;
    else  // rra, stuart: RobustRankAggreg's normalized rank, 1 when unlisted
      part.value = part.listed ? rank / n : 1.0;
    if (part.counted) counted_weight += table.weight[f];
  }
  if (method == Method::attention || method == Method::borda || method == Method::dowdall) {
    for (auto& part : parts)
      part.contribution = table.weight[part.firm] * part.value;
  } else if (method == Method::geomean_rank) {
    // the geometric mean is exp of a weighted mean of logs: share it in proportion to the logs
    double log_sum = 0.0;
    for (const auto& part : parts)
      if (part.counted) log_sum += table.weight[part.firm] * std::log(part.value);
    const double score = counted_weight > 0 ? std::exp(log_sum / counted_weight) : 1.0;
    for (auto& part : parts)
      if (part.counted && counted_weight > 0)
        part.contribution = log_sum != 0.0
                                ? score * table.weight[part.firm] * std::log(part.value) / log_sum
                                : score * table.weight[part.firm] / counted_weight;
  } else {
    for (auto& part : parts)
      if (part.counted && counted_weight > 0)
        part.contribution = table.weight[part.firm] * part.value / counted_weight;
  }
  return parts;
}

}  // namespace materia
