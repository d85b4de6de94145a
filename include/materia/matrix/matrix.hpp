#pragma once
/// \file matrix.hpp
/// The report's two matrices and the topic roll-up (docs/method.md, steps 5 and 6):
/// - the double materiality matrix: per issue an importance to stakeholders (impact) and to the
///   business (financial), each on [0,1], thresholds per axis, quadrants, material or not, and a
///   borderline band flagged for review;
/// - the composite importance matrix: attention_share x importance, optionally for the top-K
///   issues by attention only;
/// - the roll-up of issues into topics (max, mean or attention-weighted mean).
/// Formulas and sources: docs/method.md §2 and §4.

#include <cstddef>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "materia/aggregate/aggregate.hpp"
#include "materia/model/dataset.hpp"
#include "materia/model/result.hpp"
#include "materia/rank/rank.hpp"
#include "materia/tier/tier.hpp"

namespace materia {

/// How each axis is combined across firms.
enum class AxisAggregation {
  /// The weighted mean of the [0,1] positions of the firms that place the issue on the axis
  /// (firms with coordinates; order-only firms are missing), shrunk toward the mean of all
  /// issues by empirical Bayes (Efron & Morris 1975): position, not prevalence (default).
  shrunk,
  /// The chosen rank-aggregation method run on the per-axis rank tables (a firm that does not
  /// list an issue counts as its policy says), rescaled to [0,1] when the method's scores are not
  /// already there.
  method,
  /// The weighted mean of the [0,1] positions of the firms that list the issue (importance to
  /// those who rate it, blind to how many do).
  positions,
};
std::string_view axis_aggregation_name(AxisAggregation aggregation);
/// Parses "shrunk", "method" or "positions"; throws Error(usage) otherwise.
AxisAggregation parse_axis_aggregation(std::string_view text);

/// When an issue is material.
enum class MaterialRule {
  either,  ///< it passes the stakeholder or the business threshold (default; ESRS 1 §28)
  both,    ///< it passes both
};
std::string_view material_rule_name(MaterialRule rule);
MaterialRule parse_material_rule(std::string_view text);

/// How a topic combines its children's values. None ever subtracts one child from another.
enum class RollUp {
  max,     ///< the best child on each value
  mean,    ///< the plain mean of the children
  weight,  ///< the mean weighted by each child's attention
  /// the score of the method on the firms' lists with each topic's children collapsed into the
  /// topic at the firm's best-ranked child (roll_up_topics' `collapsed_scores`); the other values
  /// as `max` (default)
  firms,
};
std::string_view roll_up_name(RollUp rule);
RollUp parse_roll_up(std::string_view text);

/// Everything about the matrices that a user can choose.
struct MatrixOptions {
  AxisAggregation axes = AxisAggregation::shrunk;
  /// Fixed thresholds on the [0,1] axes; NaN (default) = by tiering each axis with `axis_tiers`.
  double stakeholder_threshold = std::numeric_limits<double>::quiet_NaN();
  double business_threshold = std::numeric_limits<double>::quiet_NaN();
  /// Tiering of an axis whose threshold is not fixed: the threshold is the lowest value of the
  /// top class (default the Fisher natural break into two classes).
  TierSpec axis_tiers = TierSpec::parse("fisher:2");
  /// Issues within this distance of a threshold (in axis units) are flagged for review.
  double borderline_band = 0.05;
  MaterialRule material = MaterialRule::either;
  /// Composite matrix restricted to the K issues with the highest attention; 0 = all issues.
  std::size_t composite_top = 0;
  /// Fixed thresholds of the composite matrix on attention share and importance ([0,1]); NaN
  /// (default) = by tiering the composite's issues with `axis_tiers`, as the matrix axes.
  double composite_attention_threshold = std::numeric_limits<double>::quiet_NaN();
  double composite_importance_threshold = std::numeric_limits<double>::quiet_NaN();
  RollUp roll_up = RollUp::firms;
};

/// Per-issue values of the two axes and of importance, from per-firm rankings.
struct AxisValues {
  std::vector<double> stakeholder;  ///< [0,1], 1 = most important
  std::vector<double> business;     ///< [0,1]
  /// Weighted mean within-firm position (k - r + 0.5)/k among the firms listing the issue; NaN
  /// when no firm lists it.
  std::vector<double> importance;
  /// AxisAggregation::shrunk: each issue's shrinkage factor B in [0, 1] per axis (0 = its own
  /// mean, 1 = the mean of all issues); NaN when not shrunk. Empty under the other rules.
  std::vector<double> stakeholder_shrinkage, business_shrinkage;
};

/// An aggregation already computed with the analysis's method, and its table: an axis whose table
/// holds the same rankings reuses it instead of aggregating again (firms that give ranks only, or
/// equal scores on both axes, have identical tables; Kemeny or Schulze then run once, not thrice).
struct KnownAggregation {
  const RankTable* table = nullptr;
  const Aggregation* aggregation = nullptr;
  /// `table` is build_rank_table(rankings, dataset, issue_count, universe, Axis::overall) of the
  /// very arguments given to aggregate_axes: an axis whose ranks equal every firm's overall ranks
  /// then reuses the aggregation without building its own table to compare.
  bool of_these_rankings = false;
};

/// Computes the axes of `issue_count` issue columns. `universe` and `method` (with its options,
/// e.g. rra's) are those of the analysis, used by AxisAggregation::method, whose tables are built
/// and aggregated on `execution`'s threads.
AxisValues aggregate_axes(const FirmRankings& rankings, const Dataset& dataset,
                          std::size_t issue_count, std::size_t universe,
                          const AggregateOptions& method, AxisAggregation aggregation,
                          KnownAggregation known = {}, const Execution& execution = {});

/// The double materiality placement of a set of points.
struct MatrixPlacement {
  double stakeholder_threshold = 0.0;
  double business_threshold = 0.0;
  std::vector<std::string> quadrant;  ///< "both", "stakeholder", "business", "neither" ("" if NaN)
  std::vector<bool> material;         ///< by MatrixOptions::material
  std::vector<bool> borderline;       ///< within the band of a threshold that decides materiality
};

/// The threshold of one axis: `fixed` if it is a number, else the lowest value of the top class
/// of `tiers` over the finite `values` (1.0 when there are none).
double axis_threshold(const std::vector<double>& values, double fixed, const TierSpec& tiers);

/// Places points (stakeholder[i], business[i]) on the matrix.
MatrixPlacement place_on_matrix(const std::vector<double>& stakeholder,
                                const std::vector<double>& business, const MatrixOptions& options);

/// Composite importance of each issue: attention_share x importance, NaN for issues outside the
/// top-K by attention (ties at the cut broken by `score_order`: issue indices best first).
/// Returns the values and sets `cut_attention` to the attention of the K-th issue (0 if all).
std::vector<double> composite_importance(const std::vector<double>& attention_share,
                                         const std::vector<double>& importance,
                                         const std::vector<int>& attention,
                                         const std::vector<std::size_t>& score_order,
                                         std::size_t top_k, int* cut_attention = nullptr);

/// The thresholds of the composite matrix: on attention share and on importance, each fixed or
/// (NaN in `options`) the lowest value of the top class of `options.axis_tiers` over the issues
/// in the composite (finite `composite`). NaN when the composite holds no issue.
struct CompositeThresholds {
  double attention_share = std::numeric_limits<double>::quiet_NaN();
  double importance = std::numeric_limits<double>::quiet_NaN();
};
CompositeThresholds composite_thresholds(const std::vector<double>& attention_share,
                                         const std::vector<double>& importance,
                                         const std::vector<double>& composite,
                                         const MatrixOptions& options);

/// Rolls issues (already scored, ranked, tiered and placed) up into the taxonomy's topics: every
/// topic with at least one child (or own listing) in `issues`, in taxonomy order. `tier_breaks`
/// and `higher_is_better` give a mean/weight topic its tier; `firm_weights` (one per firm) its
/// attention: the firms of positive weight listing any child, and their share of the weight.
/// With RollUp::firms, `collapsed_scores` (one per taxonomy entry, NaN for what is not a topic)
/// gives each topic's score; it is required then and ignored otherwise.
std::vector<IssueResult> roll_up_topics(const std::vector<IssueResult>& issues,
                                        const Taxonomy& taxonomy,
                                        const std::vector<double>& firm_weights,
                                        const std::vector<double>& tier_breaks,
                                        bool higher_is_better, const MatrixOptions& options,
                                        const MatrixPlacement& thresholds,
                                        const std::vector<double>* collapsed_scores = nullptr);

}  // namespace materia
