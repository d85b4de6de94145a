#pragma once
/// \file result.hpp
/// What an analysis returns: one record per issue (and per topic), and everything needed to
/// explain each number (which names were merged, which firms listed the issue, at which rank).

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "materia/taxonomy.hpp"

namespace materia {

/// One firm's listing of one issue, kept so every number can be explained.
struct Listing {
  std::uint32_t firm = 0;    ///< index into Result::firms
  std::uint32_t name = 0;    ///< index into Result::names: the raw name the firm used
  double rank = 0.0;         ///< the firm's mid-rank of the issue (1 = top)
  double stakeholder = 0.0;  ///< the firm's position on [0,1], stakeholder axis
  double business = 0.0;     ///< the firm's position on [0,1], business axis
};

/// The analysis of one issue (or topic). Field names follow CONTRACT.md.
struct IssueResult {
  std::string id;
  std::string name;     ///< canonical display name
  std::string name_en;  ///< English name, if the taxonomy has one
  Category category = Category::unspecified;
  std::string parent;  ///< topic id, if the issue rolls up into one
  bool is_topic = false;
  std::vector<std::string> children;  ///< for topics: ids of the issues rolled up

  int attention = 0;             ///< number of firms listing the issue
  double attention_share = 0.0;  ///< attention / number of firms
  double score = 0.0;            ///< aggregated score of the chosen method
  int rank = 0;                  ///< 1 = most important; ties in score broken by attention, id
  int tier = 0;                  ///< 1 = top
  double importance = 0.0;       ///< weighted mean within-firm position among firms listing it
  double stakeholder = 0.0;      ///< aggregated importance to stakeholders, [0,1]
  double business = 0.0;         ///< aggregated importance to the business, [0,1]
  std::string quadrant;          ///< "both", "stakeholder", "business" or "neither"
  std::vector<std::string> merged_names;  ///< raw names resolved to this issue, most used first

  std::vector<Listing> listings;  ///< every firm's listing of the issue, by firm order
};

/// A firm as the result refers to it.
struct FirmSummary {
  std::string id;
  std::string name;
  std::string segment;
  double weight = 1.0;
  std::size_t listed = 0;  ///< number of issues it listed
};

/// The outcome of `analyze`.
struct Result {
  std::string method;    ///< method name, e.g. "borda-normalized"
  std::string tiers;     ///< tier spec, e.g. "fisher:3"
  std::string taxonomy;  ///< taxonomy name
  std::string taxonomy_version;
  std::size_t companies = 0;  ///< number of firms
  std::size_t universe = 0;   ///< N
  bool higher_is_better = true;
  std::optional<double> kemeny_distance;      ///< kemeny: weighted pairwise disagreements
  std::optional<bool> kemeny_proven_optimal;  ///< kemeny: the order provably minimizes them
  std::optional<double> kemeny_lower_bound;   ///< kemeny: proven lower bound on the minimum
  double stakeholder_threshold = 0.5;
  double business_threshold = 0.5;
  std::vector<double> tier_breaks;  ///< score boundaries between tiers, from tier 1 down
  double gvf = 1.0;                 ///< goodness of variance fit of the tiers
  std::vector<IssueResult> issues;  ///< sorted by rank
  std::vector<IssueResult> topics;  ///< roll-up topics (max over children), by stakeholder+business
  std::vector<FirmSummary> firms;
  std::vector<std::string> names;     ///< raw names referred to by Listing::name
  std::vector<std::string> warnings;  ///< things the user should know (never silent)
  bool synthetic_input = false;

  /// The issue with this id, or nullptr.
  const IssueResult* find(const std::string& id) const;
};

}  // namespace materia
