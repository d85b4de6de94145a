// `materia score` as a library call: model and attention resolution, facts from firm records.
#include <map>

#include "materia/workflows/scoring.hpp"
#include "workflows/scoring_json.hpp"

namespace materia {

void fill_from_records(std::vector<FirmIndicators>& firms, const FirmRecords& records) {
  std::map<std::string, const FirmRecord*> by_id;
  for (const auto& record : records.firms)
    by_id[record.id] = &record;
  for (auto& firm : firms) {
    auto it = by_id.find(firm.id);
    if (it == by_id.end()) continue;
    IndicatorValues facts = indicators_from_record(*it->second);
    for (auto& [key, value] : facts.values)
      firm.shared.values.emplace(key, value);  // the scoring input wins
    if (firm.segment.empty()) firm.segment = it->second->segment;
  }
}

ScoreResult score_input(ScoringInput input, const ScoreOptions& options) {
  ScoringModel model;
  if (!options.model.empty())
    model = ScoringModel::resolve(options.model);
  else if (input.model && input.model->is_string())
    model = ScoringModel::resolve(input.model->get<std::string>());
  else if (input.model)
    model = scoring_model_from_json(*input.model, input.source);
  else
    model = ScoringModel::builtin("excellence-2024");

  std::optional<IssueAttention> attention;
  if (options.attention_issues)
    attention = *options.attention_issues;
  else if (options.attention)
    attention = resolve_attention(*options.attention, options.attention_source.empty()
                                                          ? input.source
                                                          : options.attention_source);
  else if (input.attention)
    attention = resolve_attention(*input.attention, input.source);

  if (options.records) fill_from_records(input.firms, *options.records);
  return score_firms(model, input.firms, attention ? &*attention : nullptr, input.source);
}

}  // namespace materia
