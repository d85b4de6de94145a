#include "report/report_common.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>

#include "base/json_util.hpp"
#include "materia/error.hpp"
#include "model/enum_text.hpp"
#include "runtime/embedded.hpp"

namespace materia {

ReportLanguage parse_report_language(std::string_view text) {
  if (text == "zh") return ReportLanguage::zh;
  if (text == "en") return ReportLanguage::en;
  throw_usage_error("unknown --lang \"" + std::string(text) + "\" (zh or en)");
}

namespace report_detail {

std::string replace_all(std::string text, std::string_view from, const std::string& to) {
  for (std::size_t at = text.find(from); at != std::string::npos;
       at = text.find(from, at + to.size()))
    text.replace(at, from.size(), to);
  return text;
}

std::string fixed(double value, int digits) {
  if (!std::isfinite(value)) return "-";
  char buffer[64];
  auto [end, ec] =
      std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::fixed, digits);
  std::string text(buffer, end);
  if (text.front() == '-' && text.find_first_not_of("-0.") == std::string::npos) text.erase(0, 1);
  return text;
}

std::string percent(double value, int digits) {
  if (!std::isfinite(value)) return "-";
  return fixed(value * 100.0, digits) + "%";
}

const std::string& display_name(const IssueResult& issue, ReportLanguage language) {
  if (language == ReportLanguage::en && !issue.name_en.empty()) return issue.name_en;
  if (!issue.name.empty()) return issue.name;
  if (!issue.name_en.empty()) return issue.name_en;
  return issue.id;
}

std::string_view category_colour(Category category) {
  constexpr std::string_view kColours[] = {"#2f9e62", "#2f6db5", "#e08a1e", "#8d949e"};
  return detail::enum_text(category, kColours, "#8d949e");
}

std::string tier_colour(int tier, int tiers) {
  // From a deep navy (tier 1) to a pale blue-grey (last tier), linear in RGB.
  const double from[3] = {0x1d, 0x3b, 0x63}, to[3] = {0xbc, 0xc9, 0xdb};
  double t = tiers > 1 ? static_cast<double>(std::clamp(tier, 1, tiers) - 1) / (tiers - 1) : 0.0;
  static const char* hex = "0123456789abcdef";
  std::string out = "#";
  for (int i = 0; i < 3; ++i) {
    int v = static_cast<int>(std::lround(from[i] + (to[i] - from[i]) * t));
    out += hex[v / 16];
    out += hex[v % 16];
  }
  return out;
}

int tier_count(const Result& result) {
  int count = 0;
  for (const auto& issue : result.issues)
    count = std::max(count, issue.tier);
  return count;
}

namespace {

// The key of each word in data/report/words.json, which holds its text in each language.
constexpr std::pair<std::string_view, std::string_view Words::*> kWordKeys[] = {
    {"report_title", &Words::report_title},
    {"generated_by", &Words::generated_by},
    {"synthetic_notice", &Words::synthetic_notice},
    {"dm_title", &Words::dm_title},
    {"dm_x", &Words::dm_x},
    {"dm_y", &Words::dm_y},
    {"composite_title", &Words::composite_title},
    {"composite_x", &Words::composite_x},
    {"composite_y", &Words::composite_y},
    {"quadrant_both", &Words::quadrant_both},
    {"quadrant_stakeholder", &Words::quadrant_stakeholder},
    {"quadrant_business", &Words::quadrant_business},
    {"quadrant_neither", &Words::quadrant_neither},
    {"threshold", &Words::threshold},
    {"mean_line", &Words::mean_line},
    {"tier", &Words::tier},
    {"tier_short", &Words::tier_short},
    {"legend_tier", &Words::legend_tier},
    {"env", &Words::env},
    {"soc", &Words::soc},
    {"gov", &Words::gov},
    {"unspecified", &Words::unspecified},
    {"rank", &Words::rank},
    {"issue", &Words::issue},
    {"category", &Words::category},
    {"attention", &Words::attention},
    {"attention_share", &Words::attention_share},
    {"score", &Words::score},
    {"importance", &Words::importance},
    {"stakeholder", &Words::stakeholder},
    {"business", &Words::business},
    {"quadrant", &Words::quadrant},
    {"merged_names", &Words::merged_names},
    {"firms", &Words::firms},
    {"issues_word", &Words::issues_word},
    {"topic", &Words::topic},
    {"key_firms", &Words::key_firms},
    {"key_issues", &Words::key_issues},
    {"key_names", &Words::key_names},
    {"key_top5", &Words::key_top5},
    {"key_tiers", &Words::key_tiers},
    {"section_matrices", &Words::section_matrices},
    {"section_table", &Words::section_table},
    {"section_review", &Words::section_review},
    {"section_coverage", &Words::section_coverage},
    {"section_method", &Words::section_method},
    {"section_topics", &Words::section_topics},
    {"table_hint", &Words::table_hint},
    {"review_hint", &Words::review_hint},
    {"review_canonical", &Words::review_canonical},
    {"review_names", &Words::review_names},
    {"review_match", &Words::review_match},
    {"review_used_by", &Words::review_used_by},
    {"review_flag_fuzzy", &Words::review_flag_fuzzy},
    {"review_none", &Words::review_none},
    {"coverage_hint", &Words::coverage_hint},
    {"coverage_not_listed", &Words::coverage_not_listed},
    {"coverage_top", &Words::coverage_top},
    {"coverage_bottom", &Words::coverage_bottom},
    {"coverage_cut", &Words::coverage_cut},
    {"method", &Words::method},
    {"tiers_spec", &Words::tiers_spec},
    {"tier_breaks", &Words::tier_breaks},
    {"gvf", &Words::gvf},
    {"universe", &Words::universe},
    {"companies", &Words::companies},
    {"taxonomy", &Words::taxonomy},
    {"thresholds", &Words::thresholds},
    {"direction", &Words::direction},
    {"higher_better", &Words::higher_better},
    {"lower_better", &Words::lower_better},
    {"version", &Words::version},
    {"warnings", &Words::warnings},
    {"method_notes", &Words::method_notes},
    {"labels_omitted", &Words::labels_omitted},
    {"numbers_are_ranks", &Words::numbers_are_ranks},
    {"composite_note_all", &Words::composite_note_all},
    {"composite_note_top", &Words::composite_note_top},
    {"rank_interval", &Words::rank_interval},
    {"p_tier", &Words::p_tier},
    {"unstable", &Words::unstable},
    {"influential_firm", &Words::influential_firm},
    {"stability_note", &Words::stability_note},
    {"influence_note", &Words::influence_note},
    {"section_agreement", &Words::section_agreement},
    {"agreement_hint", &Words::agreement_hint},
    {"kendall_w", &Words::kendall_w},
    {"friedman", &Words::friedman},
    {"most_typical", &Words::most_typical},
    {"least_typical", &Words::least_typical}};

const nlohmann::json& word_texts() {
  static const nlohmann::json texts = [] {
    const auto text = detail::embedded_file("report/words.json");
    if (!text) throw Error(ErrorKind::internal, "the report's words are not built in");
    auto json = detail::parse_json(*text, "<built-in report words>");
    if (!json.is_object() || json.size() != std::size(kWordKeys))
      throw Error(ErrorKind::internal, "the built-in report words do not match the report's");
    return json;
  }();
  return texts;
}

Words words_in(const char* language) {
  Words words;
  for (const auto& [key, field] : kWordKeys) {
    const auto entry = word_texts().find(std::string(key));
    if (entry == word_texts().end() || !entry->is_object() || !entry->contains(language) ||
        !entry->at(language).is_string())
      throw Error(ErrorKind::internal,
                  "the built-in report words lack \"" + std::string(key) + "\" in " + language);
    words.*field = entry->at(language).get_ref<const std::string&>();
  }
  return words;
}

struct MethodText {
  std::string_view name, zh, en;
};
constexpr MethodText kMethods[] = {
    {"attention", "关注度：列出该议题的企业数（按企业权重加权）。",
     "Attention: the (weighted) number of firms that list the issue."},
    {"borda", "Borda 计数：每家企业按排序给分，分数相加。",
     "Borda count: each firm awards points by position; points are summed."},
    {"borda-normalized",
     "归一化 Borda：按各企业列表长度归一化的位置得分，未列出的议题按规则计分后取平均。",
     "Normalized Borda: positions scaled by each firm's list length, unlisted issues scored by "
     "policy, averaged over firms."},
    {"dowdall", "Dowdall：第 r 名得 1/r 分，分数相加。",
     "Dowdall: position r earns 1/r points; points are summed."},
    {"mean-rank", "平均排名：各企业名次的算术平均。",
     "Mean rank: the arithmetic mean of firms' ranks."},
    {"median-rank", "中位排名：各企业名次的中位数。", "Median rank: the median of firms' ranks."},
    {"geomean-rank", "几何平均排名：各企业归一化名次的几何平均。",
     "Geometric mean rank: the geometric mean of firms' normalized ranks."},
    {"rra", "稳健排序聚合（RRA，Kolde 等 2012）：比随机更靠前的显著性。",
     "Robust rank aggregation (RRA, Kolde et al. 2012): how much better than random an issue "
     "ranks."},
    {"stuart", "Stuart 法（Aerts 等 2003）：名次统计量的联合概率。",
     "Stuart's method (Aerts et al. 2003): the joint probability of the order statistics."},
    {"mc4", "MC4 马尔可夫链（Dwork 等 2001）：多数偏好上的平稳分布。",
     "MC4 Markov chain (Dwork et al. 2001): stationary distribution over majority preferences."},
    {"copeland", "Copeland：两两比较中胜出次数减失败次数。",
     "Copeland: pairwise wins minus pairwise losses."},
    {"schulze", "Schulze：两两偏好图上的最强路径。",
     "Schulze: strongest paths in the pairwise preference graph."},
    {"kemeny", "Kemeny：与各企业排序 Kendall 距离之和最小的全序。",
     "Kemeny: the order with the least total Kendall distance to the firms' orders."},
    {"plackett-luce",
     "Plackett–Luce 模型：各企业依次从剩余议题中选出下一项，议题的分数为拟合的选中倾向（合计为 "
     "1）。",
     "Plackett–Luce model: each firm picks its next issue from those left; an issue's score is "
     "its fitted worth (the worths sum to 1)."},
};

// The Chinese heading of each column of issues.csv and issues.xlsx, by field name.
constexpr std::pair<std::string_view, std::string_view> kChineseColumns[] = {
    {"rank", "排名"},
    {"rank_mid", "中位排名"},
    {"tier", "梯队"},
    {"id", "议题编号"},
    {"name", "议题"},
    {"name_en", "英文名称"},
    {"category", "ESG"},
    {"attention", "关注企业数"},
    {"attention_share", "关注度"},
    {"score", "综合得分"},
    {"rho", "RRA ρ"},
    {"importance", "重要性"},
    {"stakeholder", "利益相关方"},
    {"business", "企业经营"},
    {"quadrant", "象限"},
    {"merged_names", "合并的名称"},
    {"parent", "所属主题"},
    {"children", "包含议题"},
    {"rank_low", "排名区间下限"},
    {"rank_high", "排名区间上限"},
    {"p_tier", "留在本梯队的概率"},
    {"tier_unstable", "梯队不稳定"},
    {"influential_firm", "影响最大的企业"},
    {"influential_shift", "去掉该企业后的排名变动"},
    {"issue_id", "议题编号"},
    {"issue", "议题"},
    {"raw_name", "原始名称"},
    {"firms", "企业数"},
    {"match", "匹配方式"},
    {"match_score", "匹配得分"},
    {"reason", "匹配依据"},
    {"firm_id", "企业编号"},
    {"firm_name", "企业名称"},
    {"segment", "细分行业"},
    {"weight", "权重"},
    {"issues_listed", "列出议题数"},
    {"parameter", "参数"},
    {"value", "值"},
    {"method", "聚合方法"},
    {"tiers", "梯队划分"},
    {"taxonomy", "议题分类体系"},
    {"taxonomy_version", "分类体系版本"},
    {"higher_is_better", "得分越高越重要"},
    {"synthetic_input", "示例数据"},
    {"materia_version", "materia 版本"},
    {"bootstrap_replicates", "自助重抽样次数"},
    {"bootstrap_seed", "随机种子"},
    {"companies", "企业数"},
    {"universe", "议题总数 N"},
    {"gvf", "方差拟合优度 GVF"},
    {"stakeholder_threshold", "利益相关方阈值"},
    {"business_threshold", "企业经营阈值"},
    {"tier_break", "梯队分界"},
    {"warning", "提示"},
};

}  // namespace

std::string column_title(std::string_view name, ReportLanguage language) {
  if (language == ReportLanguage::zh)
    for (const auto& [field, chinese] : kChineseColumns)
      if (field == name) return std::string(chinese);
  return std::string(name);
}

std::string quadrant_word(std::string_view quadrant, ReportLanguage language) {
  const Words& w = words(language);
  if (quadrant == "both") return std::string(w.quadrant_both);
  if (quadrant == "stakeholder") return std::string(w.quadrant_stakeholder);
  if (quadrant == "business") return std::string(w.quadrant_business);
  if (quadrant == "neither") return std::string(w.quadrant_neither);
  return std::string(quadrant);
}

std::string cell_text(std::string_view column, std::string_view value, ReportLanguage language) {
  if (language != ReportLanguage::zh) return std::string(value);
  if (column == "quadrant") return quadrant_word(value, language);
  const bool boolean = column == "tier_unstable" || column == "higher_is_better" ||
                       column == "synthetic_input" || column.empty();
  if (boolean && value == "true") return "是";
  if (boolean && value == "false") return "否";
  if (column == "match") {
    constexpr std::pair<std::string_view, std::string_view> kMatches[] = {
        {"exact", "精确"}, {"alias", "别名"}, {"fuzzy", "模糊"}, {"unmatched", "未匹配"}};
    for (const auto& [kind, chinese] : kMatches)
      if (kind == value) return std::string(chinese);
  }
  return std::string(value);
}

const Words& words(ReportLanguage language) {
  static const Words chinese = words_in("zh"), english = words_in("en");
  return language == ReportLanguage::en ? english : chinese;
}

std::string_view method_description(std::string_view method, ReportLanguage language) {
  for (const auto& m : kMethods)
    if (m.name == method) return language == ReportLanguage::en ? m.en : m.zh;
  return "";
}

std::vector<std::pair<std::uint32_t, int>> firms_per_name(const IssueResult& issue,
                                                          const Result& result) {
  std::map<std::uint32_t, int> uses;
  for (const auto& listing : issue.listings)
    ++uses[listing.name];
  std::vector<std::pair<std::uint32_t, int>> names(uses.begin(), uses.end());
  std::stable_sort(names.begin(), names.end(), [&](const auto& a, const auto& b) {
    if (a.second != b.second) return a.second > b.second;
    return result.names[a.first] < result.names[b.first];
  });
  return names;
}

std::vector<const IssueResult*> composite_issues(const Result& result,
                                                 const ReportOptions& options) {
  std::vector<const IssueResult*> shown;
  for (const auto& issue : result.issues)
    shown.push_back(&issue);
  if (options.composite_top == 0 || options.composite_top >= shown.size()) return shown;
  std::stable_sort(shown.begin(), shown.end(), [](const IssueResult* a, const IssueResult* b) {
    if (a->attention_share != b->attention_share) return a->attention_share > b->attention_share;
    return a->rank < b->rank;
  });
  shown.resize(options.composite_top);
  std::stable_sort(shown.begin(), shown.end(),
                   [](const IssueResult* a, const IssueResult* b) { return a->rank < b->rank; });
  return shown;
}

}  // namespace report_detail
}  // namespace materia
