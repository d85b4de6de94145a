#pragma once
// Shared pieces of the report renderers: escaping, number text, the words of each language,
// colours, and which issues each chart shows.

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/xml_escape.hpp"
#include "materia/model/result.hpp"
#include "materia/report/report.hpp"

namespace materia::report_detail {

/// `text` with every `from` replaced by `to`, left to right.
std::string replace_all(std::string text, std::string_view from, const std::string& to);
/// Fixed-point text with `digits` decimals, "-" for NaN/inf, never "-0.0".
std::string fixed(double value, int digits);
/// Percentage text, e.g. 0.4348 -> "43.5%".
std::string percent(double value, int digits = 1);

/// The name to show for an issue in the report's language (falls back to the other one).
const std::string& display_name(const IssueResult& issue, ReportLanguage language);

/// The report's font stack: Noto Sans CJK (installed as fonts-noto-cjk) first, then the CJK
/// system fonts of macOS and Windows, then any sans-serif. Works offline.
inline constexpr std::string_view kFontStack =
    "'Noto Sans CJK SC','Noto Sans SC','Source Han Sans SC','PingFang SC','Hiragino Sans GB',"
    "'Microsoft YaHei','WenQuanYi Micro Hei',sans-serif";

/// E/S/G colours (distinguishable with the common colour-vision deficiencies).
std::string_view category_colour(Category category);
/// Tier colours, darkest for tier 1.
std::string tier_colour(int tier, int tier_count);
/// Number of tiers among the issues (the largest tier number).
int tier_count(const Result& result);

/// Every word a report shows, in one language.
struct Words {
  std::string_view report_title, generated_by, synthetic_notice;
  std::string_view dm_title, dm_x, dm_y, composite_title, composite_x, composite_y;
  std::string_view quadrant_both, quadrant_stakeholder, quadrant_business, quadrant_neither;
  std::string_view threshold, mean_line, tier, tier_short, legend_tier;
  std::string_view env, soc, gov, unspecified;
  std::string_view rank, issue, category, attention, attention_share, score, importance,
      stakeholder, business, quadrant, merged_names, firms, issues_word, topic;
  std::string_view key_firms, key_issues, key_names, key_top5, key_tiers;
  std::string_view section_matrices, section_table, section_review, section_coverage,
      section_method, section_topics;
  std::string_view table_hint, review_hint, review_canonical, review_names, review_match,
      review_used_by, review_flag_fuzzy, review_none, coverage_hint, coverage_not_listed,
      coverage_top, coverage_bottom, coverage_cut;
  std::string_view method, tiers_spec, tier_breaks, gvf, universe, companies, taxonomy, thresholds,
      direction, higher_better, lower_better, version, warnings, method_notes, labels_omitted,
      numbers_are_ranks, composite_note_all, composite_note_top;
  std::string_view rank_interval, p_tier, unstable, influential_firm, stability_note,
      influence_note, section_agreement, agreement_hint, kendall_w, friedman, most_typical,
      least_typical;
};
const Words& words(ReportLanguage language);

/// The heading of a column of the report's tables (issues.csv, issues.xlsx), given by its field
/// name ("rank", "p_tier", "raw_name"): Chinese under zh, the field name itself under en.
std::string column_title(std::string_view name, ReportLanguage language);
/// A cell of those tables in the report's language: under zh a quadrant, a boolean column's
/// true/false (column "" = a boolean) and a match kind become Chinese words; anything else, and
/// everything under en, is kept.
std::string cell_text(std::string_view column, std::string_view value, ReportLanguage language);
/// The quadrant ("both", "stakeholder", ...) as the report's words name it.
std::string quadrant_word(std::string_view quadrant, ReportLanguage language);

/// One sentence on what a method does, in the report's language ("" if unknown).
std::string_view method_description(std::string_view method, ReportLanguage language);

/// The raw names (indices into result.names) of an issue's listings with the number of firms
/// that used each: most used first, then by name.
std::vector<std::pair<std::uint32_t, int>> firms_per_name(const IssueResult& issue,
                                                          const Result& result);

/// The issues the composite matrix shows: all, or the `composite_top` with the highest
/// attention (ties by rank), in rank order.
std::vector<const IssueResult*> composite_issues(const Result& result,
                                                 const ReportOptions& options);

/// The report page's CSS (fonts filled in) and its script (sortable tables, linked marks), for
/// the other pages (compare, benchmark) to look the same.
std::string page_style();
std::string_view page_script();

}  // namespace materia::report_detail
