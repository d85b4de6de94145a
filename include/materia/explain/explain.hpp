#pragma once
/// \file explain.hpp
/// Why an issue stands where it stands: the names merged into it, each firm's rank and axis
/// positions and its part of the score, how far the score is from the tier boundaries, and the
/// bootstrap interval when one was run.
///
///     auto result = materia::analyze(dataset, options);
///     auto why = materia::explain(dataset, result, options, "科技创新");
///     std::cout << materia::to_json_text(why, 2);

#include <cstddef>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "materia/analyze/analyze.hpp"
#include "materia/model/dataset.hpp"
#include "materia/model/result.hpp"

namespace materia {

/// One firm's part in an issue's score.
struct FirmPart {
  std::string firm;       ///< firm id
  bool listed = false;    ///< the firm listed the issue
  bool counted = false;   ///< the firm counts for the issue under the method
  std::string name_used;  ///< the raw name it used ("" if unlisted)
  double rank = 0.0;      ///< its rank of the issue (unlisted: the tie mid-rank below its list)
  std::size_t list_length = 0;
  double stakeholder = std::numeric_limits<double>::quiet_NaN();  ///< its [0,1] position
  double business = std::numeric_limits<double>::quiet_NaN();
  double value = 0.0;         ///< its own score for the issue under the method
  double contribution = 0.0;  ///< its share of the score (the shares sum to the score)
};

/// A raw name merged into the issue: how many firms used it, and how name normalization
/// (normalize.hpp, with the analysis's aliases and fuzzy options) resolved it.
struct NameUse {
  std::string name;
  int firms = 0;
  std::string match;   ///< "exact", "alias" or "fuzzy" (match_kind_name)
  double score = 1.0;  ///< 1 for exact and alias; the similarity for fuzzy
  std::string reason;  ///< the normalizer's reason, in words
};

/// A child issue of a topic, as the topic's roll-up saw it.
struct ChildPart {
  std::string id, name;
  double score = 0.0, stakeholder = 0.0, business = 0.0;
  int rank = 0, tier = 0, attention = 0;
};

struct Explanation {
  std::string id, name, name_en, category, parent;
  std::vector<std::string> children;  ///< for topics
  /// For topics: how the children were rolled up ("max", "mean", "weight") and each child's
  /// values (a topic's score comes from its children's, not from the firms directly).
  std::string roll_up;
  std::vector<ChildPart> child_parts;
  bool is_topic = false;
  std::string method;
  bool higher_is_better = true;
  double score = 0.0;
  int rank = 0, tier = 0, tier_count = 0, attention = 0;
  double stakeholder = 0.0, business = 0.0, importance = 0.0;
  std::string quadrant;
  bool material = false, borderline = false;
  /// The matrix thresholds of the analysis, and the issue's composite importance (NaN outside
  /// the composite's top K).
  double stakeholder_threshold = std::numeric_limits<double>::quiet_NaN();
  double business_threshold = std::numeric_limits<double>::quiet_NaN();
  double composite = std::numeric_limits<double>::quiet_NaN();
  std::vector<NameUse> merged_names;  ///< most used first
  /// Firms that listed the issue (best rank first), then the firms that count without listing it.
  std::vector<FirmPart> firms;
  double contributions_sum = 0.0;  ///< equals `score` when contributions_add_up
  /// The method's score is a weighted sum over firms (contributions_sum_to_score), so the firms'
  /// contributions add up to it; otherwise each is the firm's weighted share of its own value.
  bool contributions_add_up = false;
  /// Score boundaries: halfway between this tier's worst score and the next tier's best (NaN in
  /// the last tier), and between the tier above's worst and this tier's best (NaN in tier 1).
  double boundary_below = std::numeric_limits<double>::quiet_NaN();
  double boundary_above = std::numeric_limits<double>::quiet_NaN();
  /// How much the score can worsen before the issue drops a tier / must improve to rise one
  /// (always >= 0; NaN when there is no such boundary).
  double margin_below = std::numeric_limits<double>::quiet_NaN();
  double margin_above = std::numeric_limits<double>::quiet_NaN();
  double rank_low = std::numeric_limits<double>::quiet_NaN();  ///< bootstrap interval, if run
  double rank_high = std::numeric_limits<double>::quiet_NaN();
  std::vector<double> tier_probability;
  std::string influential_firm;  ///< leave-one-out, if run
  double influential_shift = 0.0;
};

/// Explains `issue` (an id, a canonical Chinese or English name, or any merged raw name) of
/// `result`, which `analyze(dataset, options)` returned. Throws Error(usage) naming the issue if
/// the result has no such issue or topic.
Explanation explain(const Dataset& dataset, const Result& result, const AnalyzeOptions& options,
                    std::string_view issue);

/// The JSON form of an explanation (`materia explain --format json`), indented by `indent` spaces
/// (-1: on one line), without a final newline.
std::string to_json_text(const Explanation& explanation, int indent);

}  // namespace materia
