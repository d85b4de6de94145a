#pragma once
/// \file uncertainty.hpp
/// How stable the ranking is: a bootstrap over firms (each issue's 95% rank interval and the
/// probability of each tier) and leave-one-firm-out (the firm whose removal moves each issue
/// most). Both re-run only the aggregation and the tiering on the rank table already built, so
/// names are resolved once. Formulas and sources: docs/method.md §11.

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "materia/analyze/analyze.hpp"
#include "materia/model/dataset.hpp"
#include "materia/model/result.hpp"
#include "materia/runtime/execution.hpp"
#include "materia/uncertainty/resampling.hpp"

namespace materia {

struct BootstrapOptions {
  std::size_t replicates = 1000;  ///< B
  std::uint64_t seed = 1;         ///< replicate b draws from a generator seeded by (seed, b)
  double level = 0.95;            ///< coverage of the rank interval
  /// Called from the calling thread with (replicates done, B), a few times a second.
  std::function<void(std::size_t, std::size_t)> progress;
};

/// Resamples the firms of `result` (m draws with replacement, each replicate from its own seeded
/// generator) and re-aggregates and re-tiers with `options`. `dataset` must be the one `result`
/// came from (for the firms' unlisted policies). Throws Error(usage) for B = 0 or a level
/// outside (0, 1). Replicates run on `execution`'s threads.
BootstrapSummary bootstrap(const Dataset& dataset, const Result& result,
                           const AnalyzeOptions& options, const BootstrapOptions& bootstrap_options,
                           const Execution& execution = {});

/// Leave-one-out outcome, per issue in `Result::issues` order.
struct LeaveOneOutSummary {
  std::vector<std::string>
      firm;  ///< the firm whose removal moves the issue's rank most ("" if none)
  std::vector<double> rank_shift;  ///< rank without that firm minus the rank with all (+ = falls)
};

/// Removes each firm in turn (firms with weight 0 change nothing and are skipped), on
/// `execution`'s threads.
LeaveOneOutSummary leave_one_out(const Dataset& dataset, const Result& result,
                                 const AnalyzeOptions& options, const Execution& execution = {});

/// Copies the summaries into the result's issues (rank_low, rank_high, tier_probability,
/// influential_firm, influential_shift) and records B and the seed.
void attach_bootstrap(Result& result, const BootstrapSummary& summary);
void attach_leave_one_out(Result& result, const LeaveOneOutSummary& summary);

}  // namespace materia
