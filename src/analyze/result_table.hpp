#pragma once
// Internal: the rank table of an analysis rebuilt from its Result (listings, firms) and the
// dataset's unlisted policies, so that the bootstrap, leave-one-out and explanations re-aggregate
// without resolving names again. Issue columns are the positions in Result::issues.

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "materia/aggregate/aggregate.hpp"
#include "materia/analyze/analyze.hpp"
#include "materia/error.hpp"
#include "materia/model/dataset.hpp"
#include "materia/model/result.hpp"
#include "materia/rank/rank.hpp"

namespace materia::detail {

// The rank table of an analysis, rebuilt from its listings once, so that replicates only pick
// rows: each firm's entries sorted by issue (the position of the issue in Result::issues).
struct Base {
  std::vector<std::vector<std::pair<int, double>>> entries;  // per firm: (issue, rank)
  std::vector<double> weight;
  std::vector<std::size_t> length;
  std::vector<UnlistedPolicy> policy;
  std::size_t universe = 0;
  std::size_t issues = 0;
};

// The aggregation options of an analysis (the method and its options), as analyze() uses them.
inline AggregateOptions aggregate_options_of(const AnalyzeOptions& options) {
  AggregateOptions aggregate_options;
  aggregate_options.method = options.method;
  aggregate_options.rra_top_cutoff = options.rra_top_cutoff;
  aggregate_options.rra_exact = options.rra_exact;
  aggregate_options.pl_prior = options.pl_prior;
  aggregate_options.mc4_teleport = options.mc4_teleport;
  return aggregate_options;
}

// What reads the issues' listings refuses a result analyzed without them
// (AnalyzeOptions::keep_listings = false) rather than read it as if no firm listed anything.
inline void require_listings(const Result& result, const std::string& reader) {
  if (!result.has_listings)
    throw_usage_error(reader +
                      " reads the issues' listings, and this result was analyzed without them "
                      "(AnalyzeOptions::keep_listings = false)");
}

inline Base base_of(const Dataset& dataset, const Result& result) {
  require_listings(result, "resampling (the bootstrap, leave-one-out) or an explanation");
  if (dataset.firms.size() != result.firms.size())
    throw_usage_error("the dataset has " + std::to_string(dataset.firms.size()) +
                      " firms but the result " + std::to_string(result.firms.size()) +
                      ": pass the dataset the result came from");
  Base base;
  const std::size_t m = result.firms.size();
  base.entries.resize(m);
  base.universe = result.universe;
  base.issues = result.issues.size();
  for (std::size_t i = 0; i < base.issues; ++i)
    for (const auto& listing : result.issues[i].listings)
      base.entries[listing.firm].emplace_back(static_cast<int>(i), listing.rank);
  for (std::size_t f = 0; f < m; ++f) {
    std::sort(base.entries[f].begin(), base.entries[f].end());
    base.weight.push_back(result.firms[f].weight);
    base.length.push_back(result.firms[f].listed);
    base.policy.push_back(dataset.firms[f].unlisted);
  }
  return base;
}

// The table of the firms `rows` (repeats allowed), filled straight into compressed storage.
inline RankTable table_of(const Base& base, const std::vector<std::size_t>& rows) {
  RankTable table;
  table.universe = base.universe;
  std::size_t nonzeros = 0;
  for (std::size_t f : rows)
    nonzeros += base.entries[f].size();
  table.rank.resize(static_cast<Eigen::Index>(rows.size()), static_cast<Eigen::Index>(base.issues));
  table.rank.reserve(static_cast<Eigen::Index>(nonzeros));
  for (std::size_t r = 0; r < rows.size(); ++r) {
    const std::size_t f = rows[r];
    table.rank.startVec(static_cast<Eigen::Index>(r));
    for (const auto& [issue, rank] : base.entries[f])
      table.rank.insertBack(static_cast<Eigen::Index>(r), issue) = rank;
    table.weight.push_back(base.weight[f]);
    table.length.push_back(base.length[f]);
    table.policy.push_back(base.policy[f]);
  }
  table.rank.finalize();
  return table;
}

// The table of every firm, in input order.
inline RankTable full_table_of(const Base& base) {
  std::vector<std::size_t> rows(base.entries.size());
  for (std::size_t f = 0; f < rows.size(); ++f)
    rows[f] = f;
  return table_of(base, rows);
}

}  // namespace materia::detail
