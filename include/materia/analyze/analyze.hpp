#pragma once
/// \file analyze.hpp
/// The whole pipeline in one call: resolve names, rank inside firms, aggregate across firms,
/// place issues on the matrices, tier them and roll them up into topics.
///
///     auto dataset = materia::load_sample("fintech-2024");
///     auto result = materia::analyze(dataset, {});
///     std::cout << materia::to_table(result);

#include <cstddef>
#include <optional>
#include <vector>

#include "materia/aggregate/aggregate.hpp"
#include "materia/matrix/matrix.hpp"
#include "materia/model/dataset.hpp"
#include "materia/model/result.hpp"
#include "materia/normalize/normalize.hpp"
#include "materia/rank/rank.hpp"
#include "materia/runtime/execution.hpp"
#include "materia/tier/tier.hpp"

namespace materia {

struct AnalyzeOptions {
  Method method = Method::borda_normalized;
  bool rra_top_cutoff = false;  ///< rra: RobustRankAggreg's topCutoff with sigma_f = k_f / N
  bool rra_exact = false;       ///< rra: Stuart's exact correction instead of Bonferroni
  /// plackett-luce: the pseudo-rankings prior (>= 0; 0 = pure MLE); unset: 0.5
  std::optional<double> pl_prior;
  /// mc4: the teleportation probability, in (0, 1]; unset: 0.15
  std::optional<double> mc4_teleport;
  TierSpec tiers = TierSpec::parse("fisher:3");
  std::optional<std::size_t> universe;  ///< N; default: distinct issues in the data
  CombineRule combine = CombineRule::sum;
  MatrixOptions matrix;        ///< axes, thresholds, materiality, composite top-K, roll-up
  std::vector<Alias> aliases;  ///< user aliases on top of the taxonomy's (normalize.hpp)
  NormalizeOptions normalize;  ///< fuzzy matching of names no alias covers
  bool strict = false;         ///< a fuzzy match is an error instead of a warning
  /// Fill IssueResult::listings (every firm's listing of every issue: what explain, the
  /// reports, the bootstrap and leave-one-out read). A caller that only prints the ranking may
  /// skip them (the CLI's `analyze` without --bootstrap/--leave-one-out does): the result is
  /// otherwise the same, with Result::has_listings false, and the readers refuse it. Kept
  /// anyway when the taxonomy has topics (a topic's attention is read from its children's).
  bool keep_listings = true;
};

/// Runs the pipeline. Throws Error(input) naming file, firm and issue for bad data (including
/// names that resolve to no issue and issues listed twice by one firm under different names).
/// Names matched fuzzily are used, with a warning in Result::warnings (an error with `strict`).
Result analyze(const Dataset& dataset, const AnalyzeOptions& options = {},
               const Execution& execution = {});

}  // namespace materia

namespace materia {

/// The double materiality view after topic roll-up: every topic, and every issue that rolls up
/// into no topic, ordered by the weaker of its two axes (an item is only as "high on both" as its
/// lower axis), then by their sum, then by id. The first five answer docs/method.md, step 6.
std::vector<const IssueResult*> double_materiality_ranking(const Result& result);

}  // namespace materia
