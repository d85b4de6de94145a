#pragma once
// Internal: scoring's JSON side. Models and issue attention read from JSON trees, the input of
// `materia score` (whose "model" and "attention" fields stay JSON until they are resolved) and
// its options, and the result as a tree. Only the front ends (through materia/run) and the tests
// use these; the public header offers models as text (ScoringModel::from_json_text) and the
// result as text (to_json_text).

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "materia/workflows/disclosure.hpp"
#include "materia/workflows/scoring.hpp"

namespace materia {

/// A model from its JSON form (what ScoringModel::from_json_text parses), validated.
ScoringModel scoring_model_from_json(const nlohmann::json& json, const std::string& source);

/// The same from the JSON `materia analyze --format json` writes (any method: only each issue's
/// id, name, name_en, attention and merged_names are read; topics are not issues). Throws
/// Error(input) naming the source and issue.
IssueAttention issue_attention_from_json(const nlohmann::json& analysis, const std::string& source);
/// Attention from a spec: {"sample": "fintech-2024"} or {"dataset": PATH} (analyzed with the
/// `attention` method), {"analysis": PATH} (a saved analyze JSON result), or
/// {"issues": {"name": count, ...}} given directly.
IssueAttention resolve_attention(const nlohmann::json& spec, const std::string& source);

/// The input of `materia score`: {"model": name|object, "firms": [{"id", "segment", "category",
/// "values": {...}, "issues": {...}, "juries": {"internal": {"values", "issues"}}}]}.
struct ScoringInput {
  std::string source = "<memory>";
  std::optional<nlohmann::json> model;      ///< the "model" field, if any
  std::optional<nlohmann::json> attention;  ///< the "attention" field, if any
  std::vector<FirmIndicators> firms;
};
ScoringInput load_scoring_input_json(std::string_view text, const std::string& source);

/// What `materia score` does beyond the input file, in one place for the CLI and bindings.
struct ScoreOptions {
  std::string model;  ///< built-in name or path; empty: the input's "model", else excellence-2024
  std::optional<nlohmann::json> attention;  ///< an attention spec; overrides the input's
  std::string attention_source;             ///< names that spec in errors
  const FirmRecords* records = nullptr;     ///< facts for fill_from_records
  /// Attention already computed (bindings: from a Result or an analysis JSON); overrides both
  /// specs.
  const IssueAttention* attention_issues = nullptr;
};
/// Resolves the model and the attention, fills facts from records, and scores every firm.
ScoreResult score_input(ScoringInput input, const ScoreOptions& options = {});

nlohmann::ordered_json to_json(const ScoreResult& result);

}  // namespace materia
