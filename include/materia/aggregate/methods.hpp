#pragma once
/// \file methods.hpp
/// Header-only: every aggregation method on a rank table, and what each firm contributed to an
/// issue's score. Needs the standard library, Eigen and Boost (Math, Graph); no materia library.
///
///     materia::AggregateOptions options;
///     options.method = materia::Method::rra;
///     materia::Aggregation result = materia::kernels::aggregate(table, options);

#include <cmath>
#include <cstddef>
#include <stdexcept>
#include <string>
#include <vector>

#include "materia/aggregate/aggregation.hpp"
#include "materia/aggregate/kemeny.hpp"
#include "materia/aggregate/order_statistics.hpp"
#include "materia/aggregate/pairwise.hpp"
#include "materia/aggregate/plackett_luce_table.hpp"
#include "materia/aggregate/positional.hpp"
#include "materia/rank/loop.hpp"
#include "materia/rank/ranking.hpp"

namespace materia::kernels {

/// Scores every issue column of `table` by `options.method`, with each issue's mid-rank by score
/// (Aggregation::rank). rra and stuart score issues on `loop`. Throws std::invalid_argument when
/// an option does not fit the data (a universe smaller than a list; fractional weights for
/// rra/stuart, which have no weighted form beyond counting a firm w times; rra options with
/// another method).
template <typename Loop = SequentialLoop>
Aggregation aggregate(const RankTable& table, const AggregateOptions& options,
                      const Loop& loop = {}) {
  for (std::size_t f = 0; f < table.firm_count(); ++f)
    if (table.length[f] > table.universe)
      throw std::invalid_argument("the universe N = " + std::to_string(table.universe) +
                                  " is smaller than a firm's list of " +
                                  std::to_string(table.length[f]) + " issues");
  if ((options.rra_top_cutoff || options.rra_exact) && options.method != Method::rra)
    throw std::invalid_argument("--rra-top-cutoff and --rra-exact apply to --method rra only");
  if (options.pl_prior && options.method != Method::plackett_luce)
    throw std::invalid_argument("--pl-prior applies to --method plackett-luce only");
  if (options.mc4_teleport && options.method != Method::mc4)
    throw std::invalid_argument("--mc4-teleport applies to --method mc4 only");
  Aggregation result;
  switch (options.method) {
    case Method::rra:
      result = kernels::aggregate_rra(table, options, loop);
      break;
    case Method::stuart:
      result = kernels::aggregate_stuart(table, loop);
      break;
    case Method::mc4:
      result = kernels::aggregate_mc4(table,
                                      options.mc4_teleport.value_or(kernels::kDefaultMc4Teleport));
      break;
    case Method::copeland:
      result = kernels::aggregate_copeland(table);
      break;
    case Method::schulze:
      result = kernels::aggregate_schulze(table);
      break;
    case Method::kemeny:
      result = kernels::aggregate_kemeny(table, options);
      break;
    case Method::plackett_luce:
      result = kernels::aggregate_plackett_luce(table, options);
      break;
    default:
      result = kernels::aggregate_positional(table, options.method);
      break;
  }
  result.method = options.method;
  const RankingScores ranking = ranking_scores(result);
  result.rank = mid_ranks(ranking.values, ranking.higher_is_better);
  return result;
}

/// What each firm contributed to the score of `issue` (for explanations). For methods where
/// contributions_sum_to_score() is true the contributions add up to the score; for the others
/// (median-rank, rra, stuart, plackett-luce and the pairwise methods, whose scores are not sums
/// over firms)
/// `contribution` is the firm's weighted share w_f v_f / sum w of its own value v_f
/// (docs/method.md says what v_f is for each method).
inline std::vector<Contribution> contributions(const RankTable& table,
                                               const AggregateOptions& options, std::size_t issue) {
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
    part.rank = part.listed ? rank : unlisted_rank(table.length[f], table.universe);
    // Sums (attention, borda, dowdall) count every firm; everything else leaves a not_assessed
    // firm out of the issues it did not list.
    part.counted = is_sum(method) || part.listed || is_bottom(table, f);
    if (is_positional(method))
      part.value = kernels::positional_value(table, method, f, part.listed, rank);
    else if (is_pairwise(method))
      part.value = part.counted ? kernels::pairwise_support(table, f, part.listed, rank) : 0.0;
    else if (method != Method::plackett_luce)     // (plackett-luce: from its fit, below)
      part.value = part.listed ? rank / n : 1.0;  // rra, stuart: normalized rank, 1 unlisted
    if (part.counted) counted_weight += table.weight[f];
  }
  if (method == Method::plackett_luce) {
    const std::vector<double> residual = plackett_luce_residuals(table, options, issue);
    for (auto& part : parts)
      if (part.counted) part.value = residual[part.firm];
  }
  if (is_sum(method)) {
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

}  // namespace materia::kernels
