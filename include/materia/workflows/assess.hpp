#pragma once
/// \file assess.hpp
/// An ESRS-style double materiality assessment for one firm (EFRAG IG 1, "Materiality assessment
/// implementation guidance", 2024; ESRS 1 §§43-51): impacts, risks and opportunities (IROs) on
/// sustainability topics, impact materiality from severity (scale, scope, irremediability) and
/// likelihood, financial materiality from magnitude and likelihood per time horizon, thresholds
/// with a borderline band, and a roll-up to topics that never nets positive against negative.
/// "not applicable", "not assessed" and "unknown" are kept apart from 0 all the way through, and
/// every score states its rule and its inputs.

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace materia {

/// Whether a value is a number or why it is not.
enum class ScoreState { scored, not_applicable, not_assessed, unknown };
std::string_view score_state_name(ScoreState state);

/// An input rating: a number, or a state.
struct Rating {
  ScoreState state = ScoreState::not_assessed;
  double value = 0.0;
};

/// A computed score with the rule and the inputs that made it.
struct Score {
  ScoreState state = ScoreState::not_applicable;
  double value = 0.0;        ///< meaningful when scored, or as a lower bound (see below)
  bool lower_bound = false;  ///< some inputs were missing: value is the max over those known
  std::string rule;
  std::vector<std::pair<std::string, std::string>> inputs;
};

enum class IroKind { impact, risk, opportunity };
enum class Sign { negative, positive };
enum class Occurrence { actual, potential };
enum class TimeHorizon { short_term, medium_term, long_term };  ///< ESRS 1 §77: <1, 1-5, >5 years
enum class ValueChain { upstream, own_operations, downstream };

/// How scale, scope and irremediability combine into severity (IG 1 leaves the choice to the firm).
enum class SeverityRule { mean, max, mean_max, product };
std::string_view severity_rule_name(SeverityRule rule);

struct FinancialEffect {
  TimeHorizon horizon = TimeHorizon::short_term;
  Rating magnitude;
  Rating likelihood;
};

/// One impact, risk or opportunity.
struct Iro {
  std::string id;
  std::string topic;
  std::string description;
  IroKind kind = IroKind::impact;
  Sign sign = Sign::negative;  ///< impacts; risks are negative and opportunities positive
  Occurrence occurrence = Occurrence::actual;
  bool human_rights = false;
  std::optional<TimeHorizon> horizon;
  ValueChain value_chain = ValueChain::own_operations;
  Rating scale, scope, irremediability, likelihood;  ///< impacts
  std::vector<FinancialEffect> effects;              ///< risks and opportunities
  std::optional<bool> decided_material;              ///< the decision on a borderline IRO
  std::string rationale;
};

struct DimensionThreshold {
  double threshold = 3.0;
  double borderline = 0.5;  ///< [threshold - borderline, threshold) is borderline
};

struct AssessmentRules {
  SeverityRule severity = SeverityRule::mean_max;
  double scale_min = 1.0, scale_max = 5.0;  ///< the rating scale of scale, scope, ... and magnitude
  DimensionThreshold impact, financial;
};

struct AssessmentTopic {
  std::string id;
  std::string name;
  std::string rationale;  ///< required if the topic turns out not material (an exclusion)
};

struct Assessment {
  std::string source = "<memory>";
  std::string firm_id;
  std::string firm_name;
  AssessmentRules rules;
  std::vector<AssessmentTopic> topics;
  std::vector<Iro> iros;
};

/// An IRO's or topic's standing on one dimension.
enum class Outcome { material, borderline, not_material, not_applicable, not_assessed, unknown };
std::string_view outcome_name(Outcome outcome);

struct IroResult {
  std::string id, topic, kind, sign, occurrence, time_horizon, value_chain;
  bool human_rights = false;
  Score severity, likelihood, impact, financial;
  Outcome impact_outcome = Outcome::not_applicable;
  Outcome financial_outcome = Outcome::not_applicable;
  std::string status;  ///< "material", "not_material", "not_assessed" or "unknown"
  std::string basis;   ///< why: which dimension passed, or the borderline decision
  std::string rationale;
};

struct TopicResult {
  std::string id, name;
  Score impact_negative, impact_positive, risk, opportunity;  ///< each the max over its IROs
  bool impact_material = false, financial_material = false;
  std::string status;  ///< "material", "not_material", "not_assessed" or "unknown"
  std::vector<std::string> material_iros;
  std::string rationale;
};

struct AssessmentResult {
  std::string firm_id, firm_name;
  AssessmentRules rules;
  std::vector<IroResult> iros;
  std::vector<TopicResult> topics;
};

/// Reads {"firm": {"id","name"}, "rules": {...}, "topics": [...], "iros": [...]} (docs/method.md).
Assessment load_assessment_json(std::string_view text, const std::string& source);
Assessment load_assessment_file(const std::string& path);

/// Scores every IRO and rolls them up. Throws Error(input) naming the IRO (as the issue) for a
/// borderline IRO without a decision or an exclusion without a rationale.
AssessmentResult assess(const Assessment& assessment);

/// The JSON form (what `render(..., Format::json)` writes) indented by `indent` spaces (-1: on
/// one line), without a final newline.
std::string to_json_text(const AssessmentResult& result, int indent);
std::string to_csv(const AssessmentResult& result);  ///< one row per IRO
std::string to_table(const AssessmentResult& result);

}  // namespace materia
