#pragma once
/// \file result.hpp
/// What an analysis returns: one record per issue (and per topic), and everything needed to
/// explain each number (which names were merged, which firms listed the issue, at which rank).

#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "materia/model/taxonomy.hpp"

namespace materia {

/// One firm's listing of one issue, kept so every number can be explained.
struct Listing {
  std::uint32_t firm = 0;    ///< index into Result::firms
  std::uint32_t name = 0;    ///< index into Result::names: the raw name the firm used
  double rank = 0.0;         ///< the firm's mid-rank of the issue (1 = top)
  double stakeholder = 0.0;  ///< the firm's position on [0,1], stakeholder axis
  double business = 0.0;     ///< the firm's position on [0,1], business axis
};

/// The analysis of one issue (or topic). Field names follow docs/format.md.
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
  double score = 0.0;            ///< aggregated score of the chosen method (rra: its strength)
  /// rra: RobustRankAggreg's rho, the Bonferroni score capped at 1; NaN for other methods.
  double rho = std::numeric_limits<double>::quiet_NaN();
  /// Competition rank by score (1, 2, 2, 4): 1 + the number of issues with a strictly better
  /// score, so equal scores share a rank. Rows are listed by score, then attention, then id.
  int rank = 0;
  double rank_mid = 0.0;     ///< mid-rank by score: tied issues share the mean of their places
  int tier = 0;              ///< 1 = top
  double importance = 0.0;   ///< weighted mean within-firm position among firms listing it
  double stakeholder = 0.0;  ///< aggregated importance to stakeholders, [0,1]
  double business = 0.0;     ///< aggregated importance to the business, [0,1]
  /// Axes "shrunk": how far each axis value was pulled toward the mean of all issues, in [0,1]
  /// (0 = the listing firms' own mean); NaN when not shrunk.
  double stakeholder_shrinkage = std::numeric_limits<double>::quiet_NaN();
  double business_shrinkage = std::numeric_limits<double>::quiet_NaN();
  std::string quadrant;     ///< "both", "stakeholder", "business" or "neither"
  bool material = false;    ///< passes the axis thresholds (MatrixOptions::material)
  bool borderline = false;  ///< within the borderline band of a deciding threshold: review it
  /// Composite importance attention_share x importance; NaN outside the composite's top-K.
  double composite = std::numeric_limits<double>::quiet_NaN();
  /// Holm-adjusted exact sign test that the firms rank this issue and the next one in the
  /// ranking equally often above each other; NaN for the last issue.
  double above_next_p = std::numeric_limits<double>::quiet_NaN();
  /// plackett-luce: log of the issue's worth and its quasi standard error; NaN otherwise.
  double log_worth = std::numeric_limits<double>::quiet_NaN();
  double quasi_se = std::numeric_limits<double>::quiet_NaN();
  /// Bootstrap (uncertainty.hpp): percentile interval of the mid-rank, NaN when not run.
  double rank_low = std::numeric_limits<double>::quiet_NaN();
  double rank_high = std::numeric_limits<double>::quiet_NaN();
  /// Bootstrap: the issue's simultaneous confidence set of ranks (Mogstad, Romano, Shaikh &
  /// Wilhelm 2024), whole ranks; NaN when not run or skipped (more than kMaxRankSetIssues).
  double rank_set_low = std::numeric_limits<double>::quiet_NaN();
  double rank_set_high = std::numeric_limits<double>::quiet_NaN();
  /// [t - 1] = share of replicates whose score falls in tier t of the full sample's frozen
  /// thresholds; empty when not run.
  std::vector<double> tier_probability;
  std::string influential_firm;    ///< leave-one-out: the firm whose removal moves it most
  double influential_shift = 0.0;  ///< its mid-rank without that firm minus with all (+ = falls)
  std::vector<std::string> merged_names;  ///< raw names resolved to this issue, most used first

  /// Every firm's listing of the issue, by firm order (empty when Result::has_listings is false).
  std::vector<Listing> listings;
};

/// A firm as the result refers to it.
struct FirmSummary {
  std::string id;
  std::string name;
  std::string segment;
  double weight = 1.0;
  std::size_t listed = 0;  ///< number of issues it listed
};

/// What a warning of an analysis is about.
enum class WarningKind {
  fuzzy_match,        ///< a name was merged into an issue by a fuzzy match
  tier_tie,           ///< a counts/shares tier cut goes through equal scores
  composite_tie,      ///< the composite top K cuts through equal attention
  rank_sets_skipped,  ///< too many issues for the bootstrap's simultaneous rank sets
  zero_weight,        ///< a firm has weight 0 and does not count
  no_taxonomy,        ///< the dataset has no taxonomy: names are merged only by key and alias
  dropped_names,      ///< names left out of the analysis by a review decision "drop"
  fewer_tiers,        ///< the tier spec asked for more tiers than the scores allow
  level_tie,          ///< two level words of one firm that the level scale reads as one level
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
  double stakeholder_threshold = 0.5;         ///< threshold used on the stakeholder axis
  double business_threshold = 0.5;            ///< threshold used on the business axis
  std::string axis_aggregation;               ///< "shrunk", "method" or "positions"
  std::string threshold_rule;                 ///< "fixed" or the axis tier spec, e.g. "fisher:2"
  std::string material_rule;                  ///< "either" or "both"
  double borderline_band = 0.05;
  std::string roll_up;              ///< "max", "mean", "weight" or "firms"
  std::size_t composite_top = 0;    ///< K of the composite matrix (0 = all issues)
  int composite_cut_attention = 0;  ///< attention of the K-th issue (0 = no cut)
  /// Thresholds of the composite matrix (attention share, importance), NaN if it is empty.
  double composite_attention_threshold = std::numeric_limits<double>::quiet_NaN();
  double composite_importance_threshold = std::numeric_limits<double>::quiet_NaN();
  std::size_t bootstrap_replicates = 0;  ///< B (0 = no bootstrap)
  std::uint64_t bootstrap_seed = 0;
  bool leave_one_out = false;       ///< influential_firm is filled
  std::vector<double> tier_breaks;  ///< score boundaries between tiers, from tier 1 down
  /// Bootstrap: per tier of the full sample, the mean over replicates of the Jaccard similarity
  /// between the tier and its best-matching tier when the replicate is tiered afresh (Hennig
  /// 2007); empty when not run.
  std::vector<double> tier_stability;
  double gvf = 1.0;  ///< goodness of variance fit of the tiers
  /// Natural-break tiers: the GVF as many classes reach on evenly spread scores, and the p-value
  /// of Hartigan's dip test of the scores (small = gaps to find); NaN for other tier specs.
  double gvf_no_structure = std::numeric_limits<double>::quiet_NaN();
  double dip_p_value = std::numeric_limits<double>::quiet_NaN();
  std::vector<IssueResult> issues;  ///< sorted by rank
  std::vector<IssueResult> topics;  ///< roll-up topics, in taxonomy order
  std::vector<FirmSummary> firms;
  std::vector<std::string> names;  ///< raw names referred to by Listing::name
  /// Names left out of the analysis by a review decision "drop", in order of first use.
  std::vector<std::string> dropped_names;
  std::vector<std::string> warnings;  ///< things the user should know (never silent)
  /// What each warning is about, one per entry of `warnings` (front ends sort warnings by it;
  /// the texts are the command line's).
  std::vector<WarningKind> warning_kinds;
  bool synthetic_input = false;
  bool has_listings = true;  ///< the issues' listings are filled (AnalyzeOptions::keep_listings)

  /// The issue with this id, or nullptr.
  const IssueResult* find(const std::string& id) const;
  /// Adds a warning and its kind (keeps `warnings` and `warning_kinds` in step).
  void warn(WarningKind kind, std::string message) {
    warnings.push_back(std::move(message));
    warning_kinds.push_back(kind);
  }
};

}  // namespace materia
