#pragma once
// Internal: `materia score` as the front ends call it, where the model and the attention may
// come as JSON trees (the C API's options, Python's JSON texts): parse_json_text, the choice of
// the attention's source and score(). Only the CLI, the C API, Python and the tests use these.

#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "materia/model/result.hpp"
#include "materia/workflows/scoring.hpp"
#include "workflows/scoring_json.hpp"

namespace materia {

/// Parses a JSON document; a syntax error is Error(input) "<source>: invalid JSON at line L,
/// column C: ..." (the dataset reader's words).
nlohmann::json parse_json_text(std::string_view text, const std::string& source);

/// Where the issue attention of a scoring comes from: at most one of these sources (none: the
/// scoring input's own "attention").
struct AttentionChoice {
  const Result* result = nullptr;          ///< an analysis in memory
  std::optional<nlohmann::json> analysis;  ///< a saved `materia analyze --format json` document
  std::string analysis_file;               ///< the file of such a document
  std::string dataset_file;                ///< a dataset, analyzed with the attention method
  std::string sample;                      ///< a built-in dataset, analyzed likewise
  std::optional<nlohmann::json> spec;      ///< any spec resolve_attention reads
  std::string source;                      ///< names the chosen source in errors (not for `result`)
  /// The front end's names of its sources, for the error when more than one is given ("give at
  /// most one of <conflict>").
  std::string conflict;

  /// Throws Error(usage) when more than one source is given.
  void check() const;
};
/// score_input() with the issue attention `attention` chooses.
ScoreResult score(ScoringInput input, ScoreOptions options, const AttentionChoice& attention);

}  // namespace materia
