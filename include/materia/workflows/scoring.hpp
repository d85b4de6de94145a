#pragma once
/// \file scoring.hpp
/// Scoring firms with a weighted indicator tree (docs/method.md, step 8): each node's children
/// carry weights that sum to 1, each leaf turns one input value into a score in [0, 1] by a named
/// rule, several juries score the same firms and are mixed with weights, and firms are ranked
/// within their category. Every score comes with its breakdown (rule, input, weight, contribution).
///
///     auto model = materia::ScoringModel::builtin("excellence-2024");
///     auto attention =
///     materia::issue_attention(materia::analyze(materia::load_sample("fintech-2024"),
///                                                                {.method =
///                                                                materia::Method::attention}));
///     auto scores = materia::score_firms(model, firms, &attention);

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "materia/model/result.hpp"
#include "materia/workflows/disclosure.hpp"

namespace materia {

/// How a leaf turns an input value into a score in [0, 1].
enum class RuleType {
  boolean,        ///< true -> if_true (default 1), false -> if_false (default 0)
  level,          ///< a string looked up in a level map ("ESG" -> 1, "CSR" -> 0.5, ...)
  linear,         ///< (x - min) / (max - min), clamped to [0, 1] (reversed if descending)
  lookup,         ///< step table: the score of the last row with from <= x
  issue_breadth,  ///< attention-weighted share of the industry's issues the firm covers
  issue_depth,    ///< attention-weighted mean depth (0..1) over the issues the firm covers
};
std::string_view rule_type_name(RuleType type);

struct LookupRow {
  double from = 0.0;
  double score = 0.0;
};

struct LeafRule {
  RuleType type = RuleType::boolean;
  std::string field;  ///< the firm value it reads (not for issue rules)
  double if_true = 1.0, if_false = 0.0;
  std::vector<std::pair<std::string, double>> levels;  ///< sorted by level name
  double min = 0.0, max = 1.0;
  bool descending = false;
  std::vector<LookupRow> table;  ///< strictly ascending by `from`
};

struct IndicatorNode {
  std::string id;
  std::string name;
  double weight = 1.0;  ///< within its parent; siblings sum to 1
  std::optional<LeafRule> rule;
  std::vector<IndicatorNode> children;
};

struct Jury {
  std::string id;
  double weight = 1.0;
};

/// A competition category; firms are ranked within it. A firm's category is its own `category`,
/// else the category listing its segment.
struct ScoreCategory {
  std::string id;
  std::string name;
  std::vector<std::string> segments;
};

struct ScoringModel {
  std::string name;
  std::string source = "<memory>";
  IndicatorNode root;
  std::vector<Jury> juries;  ///< weights sum to 1; empty means one jury "all" of weight 1
  std::vector<ScoreCategory> categories;

  /// Ids unique, every node a leaf with a rule or an inner node with children, sibling weights
  /// summing to 1 (within 1e-9), rule parameters sane. Throws Error(input) naming the node.
  void validate() const;
  static ScoringModel from_json_text(std::string_view text, const std::string& source);
  /// Built-in presets: "excellence-2024" (data/presets/excellence-2024.json).
  static ScoringModel builtin(std::string_view name);
  /// A built-in name, or a path to a model JSON file.
  static ScoringModel resolve(const std::string& name_or_path);
};

using IndicatorValue = std::variant<bool, double, std::string>;

/// What one jury (or everyone, for facts) says about one firm.
struct IndicatorValues {
  std::map<std::string, IndicatorValue> values;
  std::optional<std::map<std::string, double>> issues;  ///< issue name -> depth of work in [0, 1]
};

/// One firm's inputs: shared facts plus each jury's own judgements (which override the facts).
struct FirmIndicators {
  std::string id;
  std::string name;
  std::string segment;
  std::string category;
  IndicatorValues shared;
  std::map<std::string, IndicatorValues> juries;
};

/// The facts a firm record gives: report ("ESG"/"CSR"/"none"), assurance, kpi_dimensions (0
/// without a KPI table), strategy, governance, kpi_table, materiality_matrix, listed (booleans).
IndicatorValues indicators_from_record(const FirmRecord& record);

/// The industry's attention per issue (docs/method.md, step 4), from an analyze Result.
struct IssueAttention {
  struct Issue {
    std::string id;
    std::string name;
    double attention = 0.0;
  };
  std::vector<Issue> issues;
  double total = 0.0;
  /// The issue a firm's name refers to (by id, name, English name or a merged name, compared
  /// as match keys), or nullopt.
  std::optional<std::size_t> find(std::string_view name) const;
  std::map<std::string, std::size_t> keys;
};
IssueAttention issue_attention(const Result& result);

/// One node of one jury's tree for one firm.
struct NodeScore {
  std::string id;
  std::string path;  ///< "overall/disclosure/report"
  int depth = 0;
  double weight = 1.0;         ///< within its parent
  double global_weight = 1.0;  ///< product of weights from the root
  double score = 0.0;          ///< in [0, 1]
  double contribution = 0.0;   ///< global_weight * score (leaves add up to the root's score)
  std::string rule;            ///< e.g. "linear on [1, 5]" or "weighted sum"
  std::string input;           ///< e.g. "completeness = 4" or "0.4*1 + 0.2*0.75 + ..."
};

struct JuryScore {
  std::string jury;
  double weight = 1.0;
  double score = 0.0;
  std::vector<NodeScore> nodes;  ///< depth-first, root first
};

struct FirmScore {
  std::string id;
  std::string name;
  std::string category;
  double score = 0.0;  ///< sum over juries of weight * jury score
  int rank = 0;        ///< within the category; equal scores share a rank (1, 2, 2, 4)
  std::vector<std::pair<std::string, double>> dimensions;  ///< the root's children, jury-mixed
  std::vector<JuryScore> juries;
};

struct ScoreResult {
  std::string model;
  std::vector<Jury> juries;
  std::vector<ScoreCategory> categories;  ///< the model's, in order, then any other firm category
  std::vector<FirmScore> firms;           ///< by category, then rank, then id
};

/// Scores every firm. `attention` is required when the model has issue rules. Throws
/// Error(input) naming the firm, jury, node and value at fault.
ScoreResult score_firms(const ScoringModel& model, const std::vector<FirmIndicators>& firms,
                        const IssueAttention* attention, const std::string& source = "<memory>");

/// Fills each firm's shared values from the firm record with the same id (report, assurance,
/// kpi_dimensions, strategy, ...; values already given win) and its segment when it has none.
/// Firms without a record are left as they are.
void fill_from_records(std::vector<FirmIndicators>& firms, const FirmRecords& records);

/// The JSON form (what `render(..., Format::json)` writes) indented by `indent` spaces (-1: on
/// one line), without a final newline.
std::string to_json_text(const ScoreResult& result, int indent);
std::string to_csv(const ScoreResult& result);  ///< one row per firm, jury and node
std::string to_table(const ScoreResult& result);

}  // namespace materia
