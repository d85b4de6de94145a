#include "materia/analyze/analyze.hpp"

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "analyze/result_table.hpp"
#include "analyze/steps.hpp"
#include "matrix/composite_result.hpp"
#include "normalize/columns.hpp"
#include "runtime/parallel.hpp"
#include "runtime/stage_mark.hpp"

namespace materia {

Result analyze(const Dataset& dataset, const AnalyzeOptions& options, const Execution& execution) {
  // The normalizer (mostly folding the taxonomy's names) does not depend on the firms: it is
  // built beside the validation. Its errors come after validation's and the options', as in a
  // sequential run; when those fail, its build is dropped or waited for.
  const bool concurrently = detail::thread_count(execution.threads, 2) > 1;
  detail::Concurrent<Normalizer> normalizer_built(
      [&] { return Normalizer(dataset.taxonomy, options.aliases, options.normalize, execution); },
      concurrently);
  detail::Columns columns = detail::validate_and_intern_names(dataset);
  detail::check_options(dataset, options);
  detail::stage_mark("validate_intern");
  Normalizer normalizer = normalizer_built.get();
  detail::stage_mark("normalizer");
  detail::NameWarnings name_warnings =
      detail::resolve_columns(dataset, normalizer, options.strict, execution, columns);
  detail::stage_mark("columns");
  const std::size_t n_issues = columns.issue.size();
  const std::size_t universe = detail::checked_universe(options, n_issues);

  FirmRankings rankings = detail::rank_firms(dataset, columns, options.combine, execution);
  detail::stage_mark("rank_firms");
  RankTable table =
      build_rank_table(rankings, dataset, n_issues, universe, Axis::overall, execution);
  detail::stage_mark("rank_table");
  AggregateOptions aggregate_options = detail::aggregate_options_of(options);
  if (options.method == Method::plackett_luce)  // its errors name issues
    for (const Issue& issue : columns.issue)
      aggregate_options.issue_labels.push_back(issue.display_name());
  const Aggregation aggregation = aggregate(table, aggregate_options, execution);
  detail::stage_mark("aggregate");

  Result result =
      detail::start_result(dataset, options, aggregation, universe, std::move(columns.names));
  result.dropped_names = std::move(columns.dropped_names);
  // The axes need the rankings and the aggregation only: worked out beside the listings.
  detail::Concurrent<AxisValues> axes_worked_out(
      [&] {
        return aggregate_axes(
            rankings, dataset, n_issues, universe, aggregate_options, options.matrix.axes,
            KnownAggregation{&table, &aggregation, /*of_these_rankings=*/true}, execution);
      },
      concurrently);
  detail::IssueListings listed = detail::list_issues(
      dataset, rankings, columns, detail::keeps_listings(dataset, options), result);
  detail::stage_mark("listings");
  const AxisValues axes = axes_worked_out.get();
  // Nothing below needs these: a worker frees them while the result is finished.
  detail::free_concurrently(concurrently, std::move(rankings), std::move(normalizer),
                            std::move(columns.firm_columns),
                            std::move(columns.names_of_entry_flat));
  const MatrixPlacement placement =
      place_on_matrix(axes.stakeholder, axes.business, options.matrix);
  detail::stage_mark("axes");
  detail::record_thresholds(placement, options.matrix, result);
  detail::describe_issues(listed, columns, aggregation, axes, placement, result);
  detail::stage_mark("issues");

  std::vector<IssueResult>& issues = listed.issues;
  const std::vector<std::size_t> order =
      detail::rank_and_tier(issues, aggregation, options.tiers, result, execution);
  detail::stage_mark("tiers");
  detail::test_adjacent_issues(table, order, issues, execution);
  detail::stage_mark("adjacent_tests");
  std::vector<double> collapsed_scores;
  if (options.matrix.roll_up == RollUp::firms && !dataset.taxonomy.is_open_vocabulary())
    collapsed_scores = detail::collapsed_topic_scores(table, issues, dataset.taxonomy,
                                                      aggregate_options, execution);
  detail::free_concurrently(concurrently, std::move(table));
  detail::set_composite(issues, order, options.matrix, result);
  // Topic roll-up (docs/method.md §4): never nets one child against another.
  std::vector<double> firm_weights;
  for (const auto& firm : dataset.firms)
    firm_weights.push_back(firm.weight);
  result.topics =
      roll_up_topics(issues, dataset.taxonomy, firm_weights, result.tier_breaks,
                     result.higher_is_better, options.matrix, placement, &collapsed_scores);
  detail::stage_mark("topics");
  detail::finish_result(dataset, issues, order, std::move(name_warnings), result);
  detail::stage_mark("result");
  return result;
}

std::vector<const IssueResult*> double_materiality_ranking(const Result& result) {
  std::vector<const IssueResult*> items;
  for (const auto& topic : result.topics)
    items.push_back(&topic);
  for (const auto& issue : result.issues) {
    bool rolled_up = false;
    for (const auto& topic : result.topics)
      if (topic.id == issue.parent || topic.id == issue.id) rolled_up = true;
    if (!rolled_up) items.push_back(&issue);
  }
  auto weaker = [](const IssueResult* i) { return std::fmin(i->stakeholder, i->business); };
  std::stable_sort(items.begin(), items.end(), [&](const IssueResult* a, const IssueResult* b) {
    if (weaker(a) != weaker(b)) return weaker(a) > weaker(b);
    if (a->stakeholder + a->business != b->stakeholder + b->business)
      return a->stakeholder + a->business > b->stakeholder + b->business;
    return a->id < b->id;
  });
  return items;
}

}  // namespace materia
