#pragma once
/// \file sensitivity.hpp
/// How much the ranking depends on choices the data does not make: each issue's rank and tier
/// under every aggregation method, and under the chosen method with other universes N, beside
/// the main analysis's (`materia analyze --sensitivity`; docs/method.md, "Method sensitivity").
///
///     auto table = materia::sensitivity(materia::load_sample("fintech-2024"), {});
///     std::cout << materia::render(table, materia::Format::table);

#include <cstddef>
#include <limits>
#include <string>
#include <vector>

#include "materia/analyze/analyze.hpp"
#include "materia/model/dataset.hpp"
#include "materia/run/render.hpp"
#include "materia/runtime/execution.hpp"

namespace materia {

/// Competition ranks ("1224") of `scores`: 1 + the number of scores strictly better, so equal
/// scores share the best of their positions and nothing breaks ties. NaN scores rank last.
std::vector<int> competition_ranks(const std::vector<double>& scores, bool higher_is_better);

/// One alternative analysis: another method at the main N, or the main method at another N.
struct SensitivityVariant {
  std::string kind;          ///< "method" or "universe"
  std::string method;        ///< the method's name
  std::size_t universe = 0;  ///< N
  bool main = false;         ///< the main analysis's method and N (its rows are the main ones)
  std::string reason;        ///< why the variant could not run; empty when it ran
  /// Per issue, in the main Result::issues order; empty when the variant did not run.
  std::vector<int> rank;  ///< competition rank of the variant's scores
  std::vector<int> tier;  ///< tier under the main analysis's tier spec
  /// Agreement with the main ranking (competition ranks); NaN when the variant did not run.
  double kendall_tau_b = std::numeric_limits<double>::quiet_NaN();
  double spearman_rho = std::numeric_limits<double>::quiet_NaN();
  std::size_t tier_changes = 0;  ///< issues whose tier differs from the main tier

  bool ran() const { return reason.empty(); }
  /// "rra", or "N=96" for a universe variant.
  std::string label() const;
};

/// The main analysis and its variants.
struct Sensitivity {
  std::string method;        ///< the main analysis's method
  std::size_t universe = 0;  ///< its N
  std::string tiers;         ///< its tier spec, used by every variant
  struct Issue {
    std::string id;
    std::string name;
    int rank = 0;  ///< competition rank of the main analysis's scores
    int tier = 0;  ///< the main analysis's tier
  };
  std::vector<Issue> issues;  ///< in the main analysis's order
  /// Every method of method_names() in its order (at the main N), then the main method under
  /// each distinct N of {distinct issues, taxonomy size, 2 x taxonomy size} ({distinct issues,
  /// 2 x distinct issues} without a taxonomy).
  std::vector<SensitivityVariant> variants;
  std::vector<std::string> warnings;  ///< the main analysis's (Result::warnings)

  /// True when issue i's tier under variant v differs from its main tier (false when v did not
  /// run).
  bool tier_changed(std::size_t v, std::size_t i) const {
    const SensitivityVariant& variant = variants[v];
    return variant.ran() && variant.tier[i] != issues[i].tier;
  }
};

/// Runs analyze() once, then re-aggregates its rank table under every variant (names are
/// resolved once) and tiers each with options.tiers. A variant that cannot run on the data
/// (rra or stuart with fractional weights, --rra-exact past its firm limit, an N smaller than
/// the distinct issues) gets its reason instead of ranks; the main analysis's errors are thrown
/// as analyze() throws them. The same for every thread count.
Sensitivity sensitivity(const Dataset& dataset, const AnalyzeOptions& options,
                        const Execution& execution = {});

/// `materia analyze --sensitivity`: a summary of the variants and each issue's rank/tier under
/// each (table), the JSON document of docs/format.md ("Method sensitivity"), or CSV with one row
/// per issue and variant.
std::string render(const Sensitivity& sensitivity, Format format);

}  // namespace materia
