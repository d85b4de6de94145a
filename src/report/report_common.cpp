#include "report/report_common.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>

#include "materia/error.hpp"
#include "model/enum_text.hpp"

namespace materia {

ReportLanguage parse_report_language(std::string_view text) {
  if (text == "zh") return ReportLanguage::zh;
  if (text == "en") return ReportLanguage::en;
  throw_usage_error("unknown --lang \"" + std::string(text) + "\" (zh or en)");
}

namespace report_detail {

std::string escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
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

const Words kChinese = {
    .report_title = "ESG 重要性议题评估报告",
    .generated_by = "由 materia 生成",
    .synthetic_notice = "示例数据：本报告基于合成的演示数据集，不代表任何真实企业的披露。",
    .dm_title = "双重重要性矩阵",
    .dm_x = "对企业经营的重要性（财务重要性）",
    .dm_y = "对利益相关方的重要性（影响重要性）",
    .composite_title = "综合重要性矩阵",
    .composite_x = "关注度（列出该议题的企业占比）",
    .composite_y = "重要性（列出企业内部排序位置均值）",
    .quadrant_both = "双重重要",
    .quadrant_stakeholder = "影响重要",
    .quadrant_business = "财务重要",
    .quadrant_neither = "一般关注",
    .threshold = "阈值",
    .mean_line = "均值",
    .tier = "梯队",
    .tier_short = "T",
    .legend_tier = "梯队（点的大小）",
    .env = "环境 E",
    .soc = "社会 S",
    .gov = "治理 G",
    .unspecified = "未分类",
    .rank = "排名",
    .issue = "议题",
    .category = "ESG",
    .attention = "关注企业数",
    .attention_share = "关注度",
    .score = "综合得分",
    .importance = "重要性",
    .stakeholder = "利益相关方",
    .business = "企业经营",
    .quadrant = "象限",
    .merged_names = "合并的名称",
    .firms = "企业",
    .issues_word = "议题",
    .topic = "主题",
    .key_firms = "参评企业",
    .key_issues = "识别议题",
    .key_names = "原始名称（已合并）",
    .key_top5 = "双重重要性前五（含主题归并）",
    .key_tiers = "各梯队议题数",
    .section_matrices = "重要性矩阵",
    .section_table = "议题排序与梯队",
    .section_review = "名称归一化复核",
    .section_coverage = "企业覆盖热力图",
    .section_method = "方法与参数",
    .section_topics = "主题归并",
    .table_hint = "点击表头可排序；悬停矩阵中的点可在表中高亮对应议题。",
    .review_hint = "各企业对同一议题的不同写法已合并到标准名称；模糊匹配需人工复核。",
    .review_canonical = "标准议题",
    .review_names = "企业使用的名称（使用企业数）",
    .review_match = "匹配方式",
    .review_used_by = "家",
    .review_flag_fuzzy = "模糊匹配，请复核",
    .review_none = "没有需要合并的名称变体。",
    .coverage_hint =
        "每格表示该企业是否在其重要性矩阵中列出该议题；颜色越深，该议题在企业内部排序越靠前。",
    .coverage_not_listed = "未列出",
    .coverage_top = "企业内排序靠前",
    .coverage_bottom = "靠后",
    .coverage_cut = "热力图仅显示前 {shown} / {total} 项。",
    .method = "排序方法",
    .tiers_spec = "梯队划分",
    .tier_breaks = "梯队分界（得分）",
    .gvf = "方差拟合优度 GVF",
    .universe = "议题总数 N",
    .companies = "企业数",
    .taxonomy = "议题分类体系",
    .thresholds = "象限阈值（利益相关方 / 企业经营）",
    .direction = "得分方向",
    .higher_better = "越高越重要",
    .lower_better = "越低越重要",
    .version = "materia 版本",
    .warnings = "提示",
    .method_notes = "说明",
    .labels_omitted = "个标签因空间不足未显示（悬停查看）",
    .numbers_are_ranks = "灰色数字为议题排名，名称见“议题排序与梯队”表；悬停任一点可查看详情。",
    .composite_note_all = "显示全部议题",
    .composite_note_top = "关注度最高的 {k} 个议题",
};

const Words kEnglish = {
    .report_title = "ESG materiality assessment",
    .generated_by = "Generated by materia",
    .synthetic_notice =
        "Sample data: this report is built from a synthetic demonstration dataset and describes no "
        "real firm's disclosure.",
    .dm_title = "Double materiality matrix",
    .dm_x = "Importance to the business (financial materiality)",
    .dm_y = "Importance to stakeholders (impact materiality)",
    .composite_title = "Composite importance matrix",
    .composite_x = "Attention (share of firms listing the issue)",
    .composite_y = "Importance (mean position within listing firms)",
    .quadrant_both = "Material on both",
    .quadrant_stakeholder = "Impact material",
    .quadrant_business = "Financially material",
    .quadrant_neither = "Monitor",
    .threshold = "threshold",
    .mean_line = "mean",
    .tier = "Tier",
    .tier_short = "T",
    .legend_tier = "Tier (mark size)",
    .env = "Environmental",
    .soc = "Social",
    .gov = "Governance",
    .unspecified = "Unspecified",
    .rank = "Rank",
    .issue = "Issue",
    .category = "ESG",
    .attention = "Firms",
    .attention_share = "Attention",
    .score = "Score",
    .importance = "Importance",
    .stakeholder = "Stakeholders",
    .business = "Business",
    .quadrant = "Quadrant",
    .merged_names = "Merged names",
    .firms = "firms",
    .issues_word = "issues",
    .topic = "Topic",
    .key_firms = "Firms assessed",
    .key_issues = "Distinct issues",
    .key_names = "Raw names merged",
    .key_top5 = "Top five on both axes (after roll-up)",
    .key_tiers = "Issues per tier",
    .section_matrices = "Materiality matrices",
    .section_table = "Ranking and tiers",
    .section_review = "Name normalization review",
    .section_coverage = "Coverage by firm",
    .section_method = "Method and parameters",
    .section_topics = "Topic roll-up",
    .table_hint = "Click a column header to sort; hover a mark in a matrix to find its row.",
    .review_hint =
        "Each firm's wording of an issue is merged into the canonical name; fuzzy matches need a "
        "reviewer's sign-off.",
    .review_canonical = "Canonical issue",
    .review_names = "Names used by firms (number of firms)",
    .review_match = "Match",
    .review_used_by = "",
    .review_flag_fuzzy = "fuzzy match: review",
    .review_none = "No name variants needed merging.",
    .coverage_hint =
        "Each cell shows whether the firm's materiality matrix lists the issue; darker means the "
        "firm ranks it higher.",
    .coverage_not_listed = "not listed",
    .coverage_top = "top of the firm's list",
    .coverage_bottom = "bottom",
    .coverage_cut = "The heatmap shows the first {shown} of {total}.",
    .method = "Ranking method",
    .tiers_spec = "Tiers",
    .tier_breaks = "Tier breaks (score)",
    .gvf = "Goodness of variance fit",
    .universe = "Universe N",
    .companies = "Firms",
    .taxonomy = "Taxonomy",
    .thresholds = "Quadrant thresholds (stakeholders / business)",
    .direction = "Score direction",
    .higher_better = "higher is more important",
    .lower_better = "lower is more important",
    .version = "materia version",
    .warnings = "Warnings",
    .method_notes = "Notes",
    .labels_omitted = "labels did not fit (hover the marks)",
    .numbers_are_ranks =
        "Grey numbers are ranks: see the ranking table for names; hover any mark for details.",
    .composite_note_all = "all issues",
    .composite_note_top = "the {k} issues with the highest attention",
};

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
};

}  // namespace

const Words& words(ReportLanguage language) {
  return language == ReportLanguage::en ? kEnglish : kChinese;
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
