#pragma once
/// \file survey.hpp
/// Stakeholder surveys (docs/method.md, step 7): respondents from stakeholder groups rate issues;
/// the groups' disclosed weights turn the ratings into each issue's importance to stakeholders,
/// with ordinal-aware summaries (median, top-box share) next to the weighted mean. The result can
/// be written as a one-firm dataset, so the survey feeds the firm's own materiality matrix.

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace materia {

struct StakeholderGroup {
  std::string id;
  std::string name;
  double weight = 0.0;  ///< disclosed weight; all groups' weights sum to 1
};

/// The report's eleven stakeholder groups (docs/method.md, step 7), id and English name, weight 0.
const std::vector<StakeholderGroup>& report_stakeholder_groups();

struct SurveyResponse {
  std::string group;
  std::string respondent;
  std::vector<std::pair<std::string, double>>
      ratings;  ///< issue name -> rating (missing = not rated)
};

struct Survey {
  std::string source = "<memory>";
  std::string firm_id, firm_name, taxonomy = "none";
  double scale_min = 1.0, scale_max = 5.0;
  double top_box = 4.0;  ///< ratings >= top_box are "top box" (on 1-5: the top two boxes)
  std::vector<StakeholderGroup> groups;
  std::vector<SurveyResponse> responses;
  std::vector<std::pair<std::string, double>>
      company;  ///< management's rating: importance to the company

  /// Groups' weights in [0, 1] summing to 1 (within 1e-9), ids unique, responses from declared
  /// groups, ratings on the scale, top_box on the scale. Throws Error(input).
  void validate() const;
};

Survey load_survey_json(std::string_view text, const std::string& source);
Survey load_survey_file(const std::string& path);

struct GroupSummary {
  std::string group;
  std::size_t respondents = 0;
  double mean = 0.0;
  double median = 0.0;
  double top_box_share = 0.0;
};

struct IssueSurveyResult {
  std::string issue;  ///< the first spelling seen (names are merged by match key)
  std::size_t respondents = 0;
  double weight_covered = 0.0;   ///< sum of the weights of the groups that rated it
  double weighted_mean = 0.0;    ///< Σ_g w_g mean_g / Σ_g w_g over those groups
  double weighted_median = 0.0;  ///< each respondent weighs w_g / n_g
  double top_box_share = 0.0;    ///< Σ_g w_g topbox_g / Σ_g w_g
  std::optional<double> company;
  int rank = 0;  ///< by weighted mean, then weighted median, then top-box share (1 = top)
  std::vector<GroupSummary> groups;  ///< groups that rated it, in declared order
};

struct SurveyResult {
  std::string firm_id, firm_name, taxonomy;
  double scale_min = 1.0, scale_max = 5.0, top_box = 4.0;
  std::vector<StakeholderGroup> groups;
  std::vector<IssueSurveyResult> issues;  ///< by rank
};

SurveyResult summarize_survey(const Survey& survey);

/// A dataset (docs/format.md input) with one company: every issue with `stakeholder` = its weighted
/// mean and, where management rated it, `business` = that rating, on the survey's scale. As JSON
/// text indented by `indent` spaces (-1: on one line), without a final newline.
std::string survey_dataset_json_text(const SurveyResult& result, int indent);

/// The JSON form (what `render(..., Format::json)` writes) indented by `indent` spaces (-1: on
/// one line), without a final newline.
std::string to_json_text(const SurveyResult& result, int indent);
std::string to_csv(const SurveyResult& result);  ///< one row per issue and group ("all" = weighted)
std::string to_table(const SurveyResult& result);

}  // namespace materia
