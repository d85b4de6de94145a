#pragma once
// Internal: the steps of analyze() that belong to no earlier stage: the checks of its options,
// ranking every firm, and the Result filled in from what the stages computed.

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "materia/aggregate/aggregate.hpp"
#include "materia/analyze/analyze.hpp"
#include "materia/matrix/matrix.hpp"
#include "materia/model/dataset.hpp"
#include "materia/model/result.hpp"
#include "materia/rank/rank.hpp"
#include "materia/runtime/execution.hpp"
#include "materia/tier/tier.hpp"
#include "normalize/columns.hpp"

namespace materia::detail {

// Options every front end can get wrong, checked here so the CLI, C API and Python agree.
void check_options(const Dataset& dataset, const AnalyzeOptions& options);

// N, the number of issues rankings are out of: the option's, or the issue count.
std::size_t checked_universe(const AnalyzeOptions& options, std::size_t issue_count);

// Every firm's ranking of its columns, on `execution`'s threads.
FirmRankings rank_firms(const Dataset& dataset, const Columns& columns, CombineRule combine,
                        const Execution& execution);

// The Result's description of the analysis: method, tiers, taxonomy, matrix rules, the
// aggregation's properties. Takes the distinct raw names (Result::names).
Result start_result(const Dataset& dataset, const AnalyzeOptions& options,
                    const Aggregation& aggregation, std::size_t universe,
                    std::vector<std::string> names);

// True when the issues' listings are kept: asked for, or needed for a topic's attention (the
// firms that list any of its children).
bool keeps_listings(const Dataset& dataset, const AnalyzeOptions& options);

// The walk over every firm's entries: each issue's attention and (keep_listings) listings,
// each name's uses, and Result::firms.
struct IssueListings {
  std::vector<IssueResult> issues;                       // one per column
  std::vector<int> name_count;                           // uses of each raw name
  std::vector<std::vector<std::uint32_t>> column_names;  // per column: its names, once each
  std::vector<double> attention_weight;                  // per column: the listing firms' weight
};
IssueListings list_issues(const Dataset& dataset, const FirmRankings& rankings,
                          const Columns& columns, bool keep_listings, Result& result);

// The matrix thresholds the placement used, and the rule that set them.
void record_thresholds(const MatrixPlacement& placement, const MatrixOptions& options,
                       Result& result);

// Each issue's identity, score, axes, matrix placement and merged names (most used first).
void describe_issues(IssueListings& listed, const Columns& columns, const Aggregation& aggregation,
                     const AxisValues& axes, const MatrixPlacement& placement,
                     const Result& result);

// Each issue's above_next_p: the exact sign test of it against the next issue of `order` over
// the firms of positive weight in `table` (one firm, one vote: a weight is not a number of
// independent firms), Holm-adjusted over the adjacent pairs. A firm prefers the issue it ranks
// higher; a bottom firm ranks what it lists above what it does not, and ties those. The firms
// are counted on `execution`'s threads (counts: the same for every thread count).
void test_adjacent_issues(const RankTable& table, const std::vector<std::size_t>& order,
                          std::vector<IssueResult>& issues, const Execution& execution);

// The scores of the taxonomy's topics under RollUp::firms, one per taxonomy entry (NaN for what is
// not a topic or has no member in `issues`): `table` with each topic's members (its children and
// itself) collapsed into one column, a firm's rank of it the best of its ranks of the members, each
// firm's list re-ranked (mid-ranks) and out of the same N, then aggregated with `options`.
std::vector<double> collapsed_topic_scores(const RankTable& table,
                                           const std::vector<IssueResult>& issues,
                                           const Taxonomy& taxonomy, AggregateOptions options,
                                           const Execution& execution);

// The issues' ranking (score, best first, then attention, then id, so output is stable) with
// their rank and tier set; returns the order and records the tier breaks and GVF in `result`.
std::vector<std::size_t> rank_and_tier(std::vector<IssueResult>& issues,
                                       const Aggregation& aggregation, const TierSpec& tiers,
                                       Result& result, const Execution& execution);

// The issues in ranking order into `result`, and the warnings: no taxonomy, the names' and zero
// weights'.
void finish_result(const Dataset& dataset, std::vector<IssueResult>& issues,
                   const std::vector<std::size_t>& order, NameWarnings name_warnings,
                   Result& result);

}  // namespace materia::detail
