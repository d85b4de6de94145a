#pragma once
/// \file plackett_luce_table.hpp
/// Header-only: the plackett-luce method on a rank table (docs/method.md, "plackett-luce"): each
/// counted firm's list as a ranking with tied groups, the fitted worths as scores, quasi standard
/// errors of the log-worths, and each firm's observed minus expected choices of an issue.

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "materia/aggregate/aggregation.hpp"
#include "materia/aggregate/plackett_luce.hpp"

namespace materia::kernels {

/// The default of AggregateOptions::pl_prior: R's PlackettLuce default npseudo.
inline constexpr double kDefaultPlPrior = 0.5;

/// The Plackett–Luce rankings of a table: one per firm of positive weight that lists something
/// (its weight in `weights`, its row in `firm`), groups of equal rank in rank order, a group's
/// issues by column. A not_assessed firm's ranking is listed_only.
struct PlackettLuceRankings {
  std::vector<PlackettLuceRanking> rankings;
  std::vector<double> weights;
  std::vector<std::size_t> firm;
};

inline PlackettLuceRankings plackett_luce_rankings(const RankTable& table) {
  PlackettLuceRankings out;
  std::vector<std::pair<double, std::size_t>> list;
  for (std::size_t f = 0; f < table.firm_count(); ++f) {
    if (!(table.weight[f] > 0.0)) continue;
    list.clear();
    for (SparseRow it(table.rank, static_cast<Eigen::Index>(f)); it; ++it)
      list.emplace_back(it.value(), static_cast<std::size_t>(it.col()));
    if (list.empty()) continue;
    std::sort(list.begin(), list.end());
    PlackettLuceRanking ranking;
    ranking.listed_only = !is_bottom(table, f);
    for (std::size_t e = 0; e < list.size(); ++e) {
      if (e == 0 || list[e].first != list[e - 1].first) ranking.groups.emplace_back();
      ranking.groups.back().push_back(list[e].second);
    }
    out.rankings.push_back(std::move(ranking));
    out.weights.push_back(table.weight[f]);
    out.firm.push_back(f);
  }
  return out;
}

namespace detail {

// `issue "a"`, `issues "a", "b"` (AggregateOptions::issue_labels), or `issue columns 0, 3`.
inline std::string plackett_luce_labels(const AggregateOptions& options,
                                        const std::vector<std::size_t>& group) {
  const bool named = std::all_of(group.begin(), group.end(), [&](std::size_t column) {
    return column < options.issue_labels.size();
  });
  std::string text = named ? "issue" : "issue column";
  text += group.size() == 1 ? " " : "s ";
  for (std::size_t i = 0; i < group.size(); ++i)
    text += (i ? ", " : "") +
            (named ? "\"" + options.issue_labels[group[i]] + "\"" : std::to_string(group[i]));
  return text;
}

// The prior of `options`, checked.
inline double pl_prior(const AggregateOptions& options) {
  const double prior = options.pl_prior.value_or(kDefaultPlPrior);
  if (!(std::isfinite(prior) && prior >= 0.0))
    throw std::invalid_argument("--pl-prior must be a finite number >= 0");
  return prior;
}

// Fits the model of a table with at least 2 issue columns; the missing MLE named in issues.
inline PlackettLuceFit fit_plackett_luce_table(const RankTable& table,
                                               const AggregateOptions& options,
                                               const PlackettLuceRankings& data) {
  PlackettLuceOptions fit_options;
  fit_options.npseudo = pl_prior(options);
  try {
    return fit_plackett_luce_tied(table.issue_count(), data.rankings, data.weights, fit_options);
  } catch (const PlackettLuceNoMle& error) {
    const bool one_above = error.never_above.size() == 1, one_below = error.never_below.size() == 1;
    throw std::invalid_argument(
        "plackett-luce with a prior of 0: the maximum likelihood estimate does not exist, "
        "because " +
        plackett_luce_labels(options, error.never_above) + (one_above ? " is" : " are") +
        " never ranked above " + (one_above ? "any other issue" : "any issue but each other") +
        " and " + plackett_luce_labels(options, error.never_below) + (one_below ? " is" : " are") +
        " never ranked below " + (one_below ? "any other issue" : "any issue but each other") +
        "; use a positive prior (--pl-prior, or \"pl_prior\" in the options JSON), e.g. the "
        "default 0.5");
  }
}

}  // namespace detail

/// plackett-luce: score = the fitted worth of each issue column (they sum to 1), with the
/// log-worths and the quasi standard errors sqrt(q_i) of the log-worths (NaN with fewer than 3
/// columns, or where a quasi-variance is negative). Throws std::invalid_argument when pl_prior
/// is negative or 0 with no maximum likelihood estimate.
inline Aggregation aggregate_plackett_luce(const RankTable& table,
                                           const AggregateOptions& options) {
  const std::size_t n = table.issue_count();
  const double nan = std::numeric_limits<double>::quiet_NaN();
  Aggregation result;
  result.higher_is_better = true;
  detail::pl_prior(options);
  if (n < 2) {  // one issue holds all the worth; no contrast to estimate
    result.score.assign(n, 1.0);
    result.log_worth.assign(n, 0.0);
    result.quasi_se.assign(n, nan);
    return result;
  }
  const PlackettLuceFit fit =
      detail::fit_plackett_luce_table(table, options, plackett_luce_rankings(table));
  result.score = fit.worth;
  result.log_worth = fit.log_worth;
  result.quasi_se.assign(n, nan);
  for (std::size_t i = 0; i < fit.quasi_variance.size(); ++i)
    if (fit.quasi_variance[i] >= 0.0) result.quasi_se[i] = std::sqrt(fit.quasi_variance[i]);
  return result;
}

/// Each firm's observed minus expected choices of `issue` under the fitted worths (v_f of
/// contributions()): the number of times it chose the issue (1 when it lists the issue in a
/// choice, 0 otherwise) minus sum over its choices whose set holds the issue of
/// |G| worth_issue / (worth of the set). Positive: the firm ranks the issue higher than the
/// fitted model expects. 0 for firms of weight 0 or with nothing listed.
inline std::vector<double> plackett_luce_residuals(const RankTable& table,
                                                   const AggregateOptions& options,
                                                   std::size_t issue) {
  std::vector<double> residual(table.firm_count(), 0.0);
  const std::size_t n = table.issue_count();
  if (n < 2) return residual;
  const PlackettLuceRankings data = plackett_luce_rankings(table);
  const PlackettLuceFit fit = detail::fit_plackett_luce_table(table, options, data);
  const std::vector<double>& worth = fit.worth;
  for (std::size_t r = 0; r < data.rankings.size(); ++r) {
    const PlackettLuceRanking& ranking = data.rankings[r];
    const auto& groups = ranking.groups;
    double remaining = 0.0;
    std::size_t listed = 0;
    for (const auto& group : groups)
      for (std::size_t item : group) {
        remaining += worth[item];
        ++listed;
      }
    if (!ranking.listed_only) {
      remaining = 0.0;
      for (double w : worth)
        remaining += w;
    }
    // The issue's group, or groups.size() when the ranking does not list it.
    std::size_t at = groups.size();
    for (std::size_t g = 0; g < groups.size() && at == groups.size(); ++g)
      if (std::find(groups[g].begin(), groups[g].end(), issue) != groups[g].end()) at = g;
    if (ranking.listed_only && at == groups.size()) continue;  // not compared with anything
    const bool exhausted = ranking.listed_only || listed == n;
    const std::size_t choices = groups.size() - (exhausted && groups.back().size() == 1);
    double value = 0.0;
    for (std::size_t t = 0; t < choices && t <= at; ++t) {
      value -= static_cast<double>(groups[t].size()) * worth[issue] / remaining;
      if (t == at) value += 1.0;
      for (std::size_t item : groups[t])
        remaining -= worth[item];
    }
    residual[data.firm[r]] = value;
  }
  return residual;
}

}  // namespace materia::kernels
