// Charts and pages of `compare` (slope chart, matrix with arrows) and `benchmark` (the firm over
// its peers' consensus matrix), and the writers of their report directories.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <limits>
#include <optional>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "materia/error.hpp"
#include "materia/io/io.hpp"
#include "materia/report/compare_report.hpp"
#include "materia/version.hpp"
#include "report/report_common.hpp"

namespace materia {

namespace {

using report_detail::fixed;
using report_detail::replace_all;
using report_detail::Words;
using report_detail::words;

// ---------------------------------------------------------------------------------------------
// Words of these pages (the rest come from the report's words.json).

struct CompareWords {
  std::string_view compare_title, benchmark_title, slope_title, arrows_title, bm_chart_title;
  std::string_view rank_axis, rose, fell, not_significant, no_bootstrap, entered, left, both,
      entered_mark, left_mark, not_shown, arrow_from, significant_moves, issues_in_both,
      tau_b_interval, tier_migration, absent, firms_both, firms_only, section_charts,
      section_changes, section_migration, section_firms, section_peers, replicates, seed, level,
      same_firms, yes, no, none, firm_point, consensus_point, blind_spot, distinctive, percentile,
      blind_spots, distinctives, peers, peer_rule, top_places, changes_hint, migration_hint,
      bm_hint, firm_rank, peer_rank, gap, rank_change, change_low, change_high, significant, status,
      rank_a, rank_b, numbers_compare, numbers_benchmark;
};

constexpr CompareWords kZh{
    "年度比较",
    "对标：企业与同业共识",
    "排名变化",
    "双重重要性矩阵的变化",
    "本企业矩阵与同业共识",
    "排名（1 = 最重要）",
    "显著上升",
    "显著下降",
    "变化不显著",
    "未做自助法检验，不判断显著性",
    "新进入",
    "退出",
    "两期均有",
    "（新）",
    "（退出）",
    "另有 {n} 个议题未显示（显示较优排名前 {k} 位及全部显著变化）",
    "箭头由 {a} 的位置指向 {b} 的位置",
    "显著变化",
    "两期共有议题",
    "区间",
    "梯队迁移",
    "未列入",
    "两期均有的企业",
    "仅在 {x} 中的企业",
    "图表",
    "议题变化",
    "梯队迁移",
    "企业",
    "同业",
    "自助法重复次数",
    "随机种子",
    "同时置信水平",
    "仅用两期共有企业",
    "是",
    "否",
    "无",
    "本企业",
    "同业共识",
    "盲点",
    "特色议题",
    "百分位",
    "盲点",
    "特色议题",
    "同业企业",
    "同业范围",
    "前列位数",
    "排名变化为 B 减 A（负数 = 上升）；区间为同时自助法区间，不含 0 即为显著。点击表头排序。",
    "行：A 的梯队；列：B 的梯队；“未列入”为只在一期出现的议题。",
    "盲点：同业列为第一梯队，本企业未列入或排在后半；特色议题：本企业排在前列，同业未列入第一梯队"
    "。",
    "企业排名",
    "同业排名",
    "排名差",
    "排名变化",
    "区间下限",
    "区间上限",
    "显著",
    "状态",
    "A 排名",
    "B 排名",
    "灰色数字为议题在 {b} 中的排名（退出的议题为 {a} 中的排名），见议题变化表",
    "灰色数字为本企业的排名（盲点为同业排名），见议题表"};

constexpr CompareWords kEn{
    "Comparison",
    "Benchmark: the firm against its peers' consensus",
    "Rank changes",
    "Double materiality matrix: movement",
    "The firm's matrix over its peers' consensus",
    "rank (1 = most material)",
    "rose significantly",
    "fell significantly",
    "not significant",
    "no bootstrap: significance not assessed",
    "entered",
    "left",
    "in both",
    " (new)",
    " (left)",
    "{n} more issues not shown (shown: the best {k} by rank and every significant move)",
    "Arrows run from the position in {a} to the position in {b}",
    "significant moves",
    "issues in both",
    "interval",
    "Tier migration",
    "absent",
    "firms in both",
    "firms only in {x}",
    "Charts",
    "Issue changes",
    "Tier migration",
    "Firms",
    "Peers",
    "bootstrap replicates",
    "seed",
    "simultaneous level",
    "firms in both only",
    "yes",
    "no",
    "none",
    "the firm",
    "peer consensus",
    "blind spot",
    "distinctive",
    "percentile",
    "blind spots",
    "distinctive issues",
    "peer firms",
    "peers",
    "top places",
    "Rank change is B minus A (negative = rose); the interval is simultaneous (bootstrap); it "
    "excludes 0 for a significant move. Click a header to sort.",
    "Rows: tier in A; columns: tier in B; \"absent\" holds the issues in one side only.",
    "Blind spot: in the peers' tier 1 while the firm does not list it or ranks it in the lower "
    "half; distinctive: in the firm's top places, not in the peers' tier 1.",
    "firm rank",
    "peer rank",
    "gap",
    "rank change",
    "interval low",
    "interval high",
    "significant",
    "status",
    "rank A",
    "rank B",
    "grey numbers are ranks in {b} ({a} for issues that left); see the issue table",
    "grey numbers are the firm's ranks (the peers' for blind spots); see the issue table"};

const CompareWords& cwords(ReportLanguage language) {
  return language == ReportLanguage::en ? kEn : kZh;
}

// The name of an IssueChange or BenchmarkIssue in the report's language.
template <class Issue>
const std::string& shown_name(const Issue& issue, ReportLanguage language) {
  if (language == ReportLanguage::en && !issue.name_en.empty()) return issue.name_en;
  if (!issue.name.empty()) return issue.name;
  if (!issue.name_en.empty()) return issue.name_en;
  return issue.id;
}

// A mid-rank as text: "7", "3.5", "–" when absent.
std::string mid_rank_text(double rank) {
  if (!std::isfinite(rank)) return "–";
  return fixed(rank, rank == std::floor(rank) ? 0 : 1);
}

std::string n(double v) {
  return fixed(v, 1);
}

std::string signed_text(double v, int digits) {
  if (!std::isfinite(v)) return "–";
  std::string text = fixed(v, digits);
  return v > 0 && text.find_first_not_of("0.") != std::string::npos ? "+" + text : text;
}

std::string tau_text(double tau, double low, double high) {
  std::string text = fixed(tau, 3);
  if (std::isfinite(low) && std::isfinite(high))
    text += " [" + fixed(low, 3) + ", " + fixed(high, 3) + "]";
  return text;
}

std::string label_box_attr(const LabelBox& box) {
  return " data-box=\"" + n(box.x) + " " + n(box.y) + " " + n(box.width) + " " + n(box.height) +
         "\"";
}

constexpr double kLabelFont = 11.5, kNumberFont = 10.5;
// Noto Sans CJK's ascent and line box (as in report_svg.cpp).
constexpr double kAscent = 1.16, kLineHeight = 1.45;
// Room planned around each label's text: a chart scaled to fit the page is set at a fractional
// font size, and Chromium's boxes then come out up to about 1.5% wider and 1 px taller.
double padded_width(double width) {
  return width * 1.03 + 1.0;
}
constexpr double kPadY = 2.0;
constexpr std::string_view kRose = "#c0392b", kFell = "#2f6db5", kMuted = "#a9b2bc";

std::string move_colour(const IssueChange& issue) {
  if (!issue.significant) return std::string(kMuted);
  return std::string(issue.rank_change < 0 ? kRose : kFell);
}

double tier_radius(int tier) {
  return tier <= 1 ? 7.5 : tier == 2 ? 6.0 : 4.5;
}

std::string svg_open(std::string_view id, double width, double height, std::string_view title) {
  return "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"materia-chart\" id=\"" +
         std::string(id) + "\" viewBox=\"0 0 " + n(width) + " " + n(height) + "\" width=\"" +
         n(width) + "\" height=\"" + n(height) + "\" role=\"img\" aria-label=\"" +
         xml_escape(title) + "\" font-family=\"" + xml_escape(report_detail::kFontStack) + "\">\n" +
         "<style>.mx-label{font-size:11.5px;fill:#27313d;paint-order:stroke;stroke:#fff;"
         "stroke-width:3px;stroke-linejoin:round}.mx-label.sig{font-weight:600;fill:#101820}"
         ".mx-label.hl{fill:#000;font-weight:700}.mx-label.num{font-size:10.5px;fill:#6b7580}"
         ".mx-leader{stroke:#8a939e;stroke-width:0.8}.mx-mark:hover circle,.mx-mark.hl circle{"
         "stroke:#111;stroke-width:2.2}.mx-mark.hl line{stroke-opacity:1}</style>\n" +
         "<rect width=\"" + n(width) + "\" height=\"" + n(height) + "\" fill=\"#ffffff\"/>\n";
}

std::string title_block(std::string_view title, std::string_view subtitle) {
  return "<text x=\"24\" y=\"36\" font-size=\"20\" font-weight=\"700\" fill=\"#14213d\">" +
         xml_escape(title) +
         "</text>\n<text x=\"24\" y=\"58\" font-size=\"12.5\" fill=\"#5c6670\">" +
         xml_escape(subtitle) + "</text>\n";
}

// One row of legend entries, left to right.
struct Legend {
  double x = 24, y = 84;
  std::string svg = "<g class=\"mx-legend\" font-size=\"12\" fill=\"#33404d\">";
  void text(std::string_view label) {
    svg += "<text x=\"" + n(x) + "\" y=\"" + n(y) + "\">" + xml_escape(label) + "</text>";
    x += estimate_text_width(label, 12) + 18;
  }
  void line(std::string_view colour, double width, std::string_view dash, std::string_view label) {
    svg += "<line x1=\"" + n(x) + "\" y1=\"" + n(y - 4) + "\" x2=\"" + n(x + 26) + "\" y2=\"" +
           n(y - 4) + "\" stroke=\"" + std::string(colour) + "\" stroke-width=\"" + n(width) +
           "\"" + (dash.empty() ? "" : " stroke-dasharray=\"" + std::string(dash) + "\"") + "/>";
    x += 32;
    text(label);
  }
  void circle(std::string_view fill, std::string_view stroke, double stroke_width,
              std::string_view dash, std::string_view label) {
    svg += "<circle cx=\"" + n(x + 6) + "\" cy=\"" + n(y - 4) + "\" r=\"6\" fill=\"" +
           std::string(fill) + "\" stroke=\"" + std::string(stroke) + "\" stroke-width=\"" +
           n(stroke_width) + "\"" +
           (dash.empty() ? "" : " stroke-dasharray=\"" + std::string(dash) + "\"") + "/>";
    x += 16;
    text(label);
  }
  std::string done() { return svg + "</g>\n"; }
};

// ---------------------------------------------------------------------------------------------
// The matrix frame shared by the arrows and the benchmark charts: the look of
// double_materiality_svg (axes on round ticks, shaded "both" quadrant, dashed thresholds,
// quadrant captions that avoid the marks).

constexpr double kWidth = 980, kHeight = 860;

struct Axis {
  double lo = 0, hi = 1, step = 0.1;
  double pixel_lo = 0, pixel_hi = 1;
  double map(double v) const { return pixel_lo + (v - lo) / (hi - lo) * (pixel_hi - pixel_lo); }
};

Axis make_axis(const std::vector<double>& values, double line) {
  double lo = std::numeric_limits<double>::infinity(), hi = -lo;
  for (double v : values)
    if (std::isfinite(v)) lo = std::min(lo, v), hi = std::max(hi, v);
  if (std::isfinite(line)) lo = std::min(lo, line), hi = std::max(hi, line);
  if (!std::isfinite(lo)) lo = 0, hi = 1;
  Axis axis;
  axis.step = hi - lo > 0.35 ? 0.1 : 0.05;
  axis.lo = std::max(0.0, std::floor((lo - 0.03) / axis.step + 1e-9) * axis.step);
  axis.hi = std::min(1.0, std::ceil((hi + 0.03) / axis.step - 1e-9) * axis.step);
  if (axis.hi - axis.lo < axis.step) axis.hi = axis.lo + axis.step;
  return axis;
}

struct Frame {
  Axis ax, ay;
  double left = 92, top = 112, right = kWidth - 40, bottom = kHeight - 76;
  LabelBox bounds() const { return {left + 1, top + 1, right - left - 2, bottom - top - 2}; }
};

Frame make_frame(const std::vector<double>& xs, const std::vector<double>& ys, double x_line,
                 double y_line) {
  Frame f;
  f.ax = make_axis(xs, x_line);
  f.ay = make_axis(ys, y_line);
  f.ax.pixel_lo = f.left, f.ax.pixel_hi = f.right;
  f.ay.pixel_lo = f.bottom, f.ay.pixel_hi = f.top;
  return f;
}

// Plot, quadrant, grid, ticks, axis titles, thresholds and quadrant captions; the captions'
// boxes are returned for the labels to avoid.
std::vector<LabelBox> draw_frame(std::string& svg, const Frame& f, double x_line, double y_line,
                                 const std::vector<LabelMark>& marks, const Words& w) {
  std::vector<LabelBox> obstacles;
  const double qx = f.ax.map(x_line), qy = f.ay.map(y_line);
  svg += "<rect x=\"" + n(f.left) + "\" y=\"" + n(f.top) + "\" width=\"" + n(f.right - f.left) +
         "\" height=\"" + n(f.bottom - f.top) + "\" fill=\"#f8f9fb\" stroke=\"#c9d0d8\"/>\n";
  svg += "<rect class=\"mx-quadrant-both\" x=\"" + n(qx) + "\" y=\"" + n(f.top) + "\" width=\"" +
         n(f.right - qx) + "\" height=\"" + n(qy - f.top) + "\" fill=\"#fdf0de\"/>\n";
  svg += "<g class=\"mx-grid\" stroke=\"#e3e7ec\" stroke-width=\"1\">";
  const int x_ticks = static_cast<int>(std::lround((f.ax.hi - f.ax.lo) / f.ax.step));
  const int y_ticks = static_cast<int>(std::lround((f.ay.hi - f.ay.lo) / f.ay.step));
  for (int i = 1; i < x_ticks; ++i) {
    const double px = f.ax.map(f.ax.lo + i * f.ax.step);
    svg += "<line x1=\"" + n(px) + "\" y1=\"" + n(f.top) + "\" x2=\"" + n(px) + "\" y2=\"" +
           n(f.bottom) + "\"/>";
  }
  for (int i = 1; i < y_ticks; ++i) {
    const double py = f.ay.map(f.ay.lo + i * f.ay.step);
    svg += "<line x1=\"" + n(f.left) + "\" y1=\"" + n(py) + "\" x2=\"" + n(f.right) + "\" y2=\"" +
           n(py) + "\"/>";
  }
  const int digits = f.ax.step < 0.1 || f.ay.step < 0.1 ? 2 : 1;
  svg += "</g>\n<g class=\"mx-ticks\" font-size=\"11\" fill=\"#5c6670\">";
  for (int i = 0; i <= x_ticks; ++i) {
    const double v = f.ax.lo + i * f.ax.step;
    svg += "<text x=\"" + n(f.ax.map(v)) + "\" y=\"" + n(f.bottom + 17) +
           "\" text-anchor=\"middle\">" + fixed(v, digits) + "</text>";
  }
  for (int i = 0; i <= y_ticks; ++i) {
    const double v = f.ay.lo + i * f.ay.step;
    svg += "<text x=\"" + n(f.left - 8) + "\" y=\"" + n(f.ay.map(v) + 4) +
           "\" text-anchor=\"end\">" + fixed(v, digits) + "</text>";
  }
  svg += "</g>\n";
  svg += "<text class=\"mx-axis-title\" x=\"" + n((f.left + f.right) / 2) + "\" y=\"" +
         n(f.bottom + 44) +
         "\" text-anchor=\"middle\" font-size=\"13.5\" font-weight=\"600\" fill=\"#1f2b38\">" +
         xml_escape(w.dm_x) + " →</text>\n";
  svg += "<text class=\"mx-axis-title\" transform=\"translate(30 " + n((f.top + f.bottom) / 2) +
         ") rotate(-90)\" text-anchor=\"middle\" font-size=\"13.5\" font-weight=\"600\" "
         "fill=\"#1f2b38\">" +
         xml_escape(w.dm_y) + " →</text>\n";
  svg += "<line class=\"mx-threshold\" x1=\"" + n(qx) + "\" y1=\"" + n(f.top) + "\" x2=\"" + n(qx) +
         "\" y2=\"" + n(f.bottom) +
         "\" stroke=\"#c0392b\" stroke-width=\"1.4\" stroke-dasharray=\"5 4\"/>\n";
  svg += "<line class=\"mx-threshold\" x1=\"" + n(f.left) + "\" y1=\"" + n(qy) + "\" x2=\"" +
         n(f.right) + "\" y2=\"" + n(qy) +
         "\" stroke=\"#c0392b\" stroke-width=\"1.4\" stroke-dasharray=\"5 4\"/>\n";
  // Each quadrant's caption in a corner of its quadrant that no mark touches, else none.
  struct Caption {
    std::string_view text;
    bool right, top;
  };
  const Caption captions[4] = {{w.quadrant_both, true, true},
                               {w.quadrant_stakeholder, false, true},
                               {w.quadrant_business, true, false},
                               {w.quadrant_neither, false, false}};
  const double pad = 7, font = 12;
  svg += "<g class=\"mx-quadrant-captions\" font-size=\"12\" font-weight=\"600\" fill=\"#9aa4af\">";
  for (const auto& c : captions) {
    const double width = estimate_text_width(c.text, font, true), height = font * kLineHeight;
    const double left = c.right ? qx : f.left, right = c.right ? f.right : qx;
    const double upper = c.top ? f.top : qy, lower = c.top ? qy : f.bottom;
    if (right - left < width + 2 * pad || lower - upper < height + 2 * pad) continue;
    const double xs[2] = {c.right ? right - pad - width : left + pad,
                          c.right ? left + pad : right - pad - width};
    const double ys[2] = {c.top ? upper + pad : lower - pad - height,
                          c.top ? lower - pad - height : upper + pad};
    for (int corner = 0; corner < 4; ++corner) {
      const LabelBox box{xs[corner & 1], ys[corner >> 1], width, height};
      const bool touched = std::any_of(marks.begin(), marks.end(), [&](const LabelMark& m) {
        return LabelBox{m.x - m.radius - 2, m.y - m.radius - 2, 2 * m.radius + 4, 2 * m.radius + 4}
            .intersects(box);
      });
      if (touched) continue;
      obstacles.push_back(box);
      svg += "<text x=\"" + n(box.x) + "\" y=\"" + n(box.y + font * kAscent) + "\"" +
             (c.top && c.right ? " fill=\"#c8862e\"" : "") + ">" + xml_escape(c.text) + "</text>";
      break;
    }
  }
  svg += "</g>\n";
  return obstacles;
}

// A label to place on a matrix: which issue, its mark, its name and its stand-in number.
struct MatrixLabel {
  std::string id;
  std::size_t mark = 0;
  std::string name, number;
  bool strong = false;  // set in bold (significant, blind spot, distinctive)
};

// Places names for the first `max_labels` requests (the rank number where a name finds no room)
// and numbers for the rest, and draws leaders and labels. Returns how many were numbers and how
// many found no room.
std::pair<std::size_t, std::size_t> draw_labels(
    std::string& svg, const std::vector<LabelMark>& marks, const std::vector<MatrixLabel>& labels,
    const LabelBox& bounds, const std::vector<LabelBox>& obstacles, const ReportOptions& options) {
  std::vector<LabelRequest> requests;
  for (std::size_t i = 0; i < labels.size(); ++i) {
    const double number_width = padded_width(estimate_text_width(labels[i].number, kNumberFont));
    if (i < options.max_labels)
      requests.push_back(
          {labels[i].mark,
           padded_width(estimate_text_width(labels[i].name, kLabelFont, labels[i].strong)),
           kLabelFont * kLineHeight + kPadY, options.label_reach, number_width});
    else
      requests.push_back({labels[i].mark, number_width, kNumberFont * kLineHeight + kPadY, 1e9, 0});
  }
  const std::vector<LabelPlacement> placed = place_labels(marks, requests, bounds, obstacles);
  svg += "<g class=\"mx-leaders\">";
  for (std::size_t r = 0; r < placed.size(); ++r)
    if (placed[r].placed && placed[r].leader)
      svg += "<line class=\"mx-leader\" data-label-for=\"" + xml_escape(labels[r].id) + "\" x1=\"" +
             n(placed[r].x1) + "\" y1=\"" + n(placed[r].y1) + "\" x2=\"" + n(placed[r].x2) +
             "\" y2=\"" + n(placed[r].y2) + "\"/>";
  svg += "</g>\n<g class=\"mx-labels\">\n";
  std::size_t numbered = 0, omitted = 0;
  for (std::size_t r = 0; r < placed.size(); ++r) {
    const LabelPlacement& pl = placed[r];
    if (!pl.placed) {
      ++omitted;
      continue;
    }
    const bool number = pl.fallback || requests[r].fallback_width == 0;
    numbered += number;
    const std::string classes = number             ? "mx-label num"
                                : labels[r].strong ? "mx-label sig"
                                                   : "mx-label";
    // The text sits in the middle of its padded box.
    const double text_width = (pl.box.width - 1.0) / 1.03;
    svg += "<text class=\"" + classes + "\" data-label-for=\"" + xml_escape(labels[r].id) +
           "\" x=\"" + n(pl.box.x + (pl.box.width - text_width) / 2) + "\" y=\"" +
           n(pl.box.y + kPadY / 2 +
             (requests[r].fallback_width == 0 ? kNumberFont : kLabelFont) * kAscent) +
           "\"" + label_box_attr(pl.box) + ">" +
           xml_escape(number ? labels[r].number : labels[r].name) + "</text>\n";
  }
  svg += "</g>\n";
  return {numbered, omitted};
}

// The chart's footnote: what the numbers standing in for names are, and how many found no room.
void draw_note(std::string& svg, std::pair<std::size_t, std::size_t> counts, const Words& w,
               double height, const std::string& numbers) {
  std::string note;
  if (counts.first > 0) note = numbers;
  if (counts.second > 0)
    note += (note.empty() ? "" : " · ") + std::to_string(counts.second) + " " +
            std::string(w.labels_omitted);
  if (!note.empty())
    svg += "<text class=\"mx-note\" x=\"24\" y=\"" + n(height - 12) +
           "\" font-size=\"11.5\" fill=\"#6b7580\">" + xml_escape(note) + "</text>\n";
}

std::string change_tooltip(const IssueChange& issue, const Comparison& c, ReportLanguage language) {
  const CompareWords& cw = cwords(language);
  const Words& w = words(language);
  std::string text = shown_name(issue, language);
  const std::string& other = language == ReportLanguage::en ? issue.name : issue.name_en;
  if (!other.empty() && other != text) text += " (" + other + ")";
  auto side = [&](const std::string& label, double rank, int tier, double s, double b) {
    return "\n" + label + ": " + std::string(w.rank) + " " + mid_rank_text(rank) +
           (tier > 0 ? " · " + std::string(w.tier) + " " + std::to_string(tier) : "") + " · " +
           std::string(w.stakeholder) + " " + fixed(s, 3) + " · " + std::string(w.business) + " " +
           fixed(b, 3);
  };
  if (issue.status != ChangeStatus::entered)
    text += side(c.label_a, issue.rank_a, issue.tier_a, issue.stakeholder_a, issue.business_a);
  if (issue.status != ChangeStatus::left)
    text += side(c.label_b, issue.rank_b, issue.tier_b, issue.stakeholder_b, issue.business_b);
  if (issue.status == ChangeStatus::both) {
    text += "\n" + std::string(cw.rank_change) + " " + signed_text(issue.rank_change, 1);
    if (std::isfinite(issue.change_low))
      text +=
          " [" + signed_text(issue.change_low, 1) + ", " + signed_text(issue.change_high, 1) + "]";
    if (issue.significant) text += " · " + std::string(issue.rank_change < 0 ? cw.rose : cw.fell);
  } else {
    text += "\n" + std::string(issue.status == ChangeStatus::entered ? cw.entered : cw.left);
  }
  return text;
}

std::string compare_subtitle(const Comparison& c, const ReportOptions& options) {
  const CompareWords& cw = cwords(options.language);
  const Words& w = words(options.language);
  std::size_t in_both = 0;
  for (const auto& issue : c.issues)
    in_both += issue.status == ChangeStatus::both;
  std::string text = c.label_a + " → " + c.label_b + " · " + std::to_string(in_both) + " " +
                     std::string(cw.issues_in_both) + " · tau-b " +
                     tau_text(c.tau_b, c.tau_b_low, c.tau_b_high) + " · " + std::string(w.method) +
                     " " + c.method;
  if (c.replicates > 0)
    text += " · B = " + std::to_string(c.replicates);
  else
    text += " · " + std::string(cw.no_bootstrap);
  return text;
}

// Spreads labels along one vertical axis: each wants to be centred at its mark. Labels that
// would overlap form a run, stacked and centred on its labels' marks (so a tie moves the two
// tied labels half a step each way and not everything below), then kept within [top, bottom].
// The gap between labels is less than the slope chart's rank step minus the label height, so
// labels one rank apart stay at their marks, and enough to survive the SVG's one-decimal numbers.
constexpr double kSpreadGap = 0.25;
std::vector<double> spread(const std::vector<double>& wanted, double height, double top,
                           double bottom) {
  std::vector<std::size_t> order(wanted.size());
  for (std::size_t i = 0; i < order.size(); ++i)
    order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return wanted[a] < wanted[b]; });
  const double step = height + kSpreadGap;
  struct Run {
    std::size_t first = 0, count = 0;  // a range of `order`
    double top = 0;
  };
  auto place = [&](Run& run) {
    double sum = 0;
    for (std::size_t k = 0; k < run.count; ++k)
      sum += wanted[order[run.first + k]] - height / 2 - static_cast<double>(k) * step;
    run.top = std::clamp(sum / static_cast<double>(run.count), top,
                         std::max(top, bottom - static_cast<double>(run.count) * step));
  };
  std::vector<Run> runs;
  for (std::size_t k = 0; k < order.size(); ++k) {
    runs.push_back({k, 1, 0});
    place(runs.back());
    while (runs.size() > 1) {
      Run& previous = runs[runs.size() - 2];
      if (previous.top + static_cast<double>(previous.count) * step <= runs.back().top) break;
      previous.count += runs.back().count;
      runs.pop_back();
      place(runs.back());
    }
  }
  std::vector<double> tops(wanted.size());
  for (const Run& run : runs)
    for (std::size_t k = 0; k < run.count; ++k)
      tops[order[run.first + k]] = run.top + static_cast<double>(k) * step;
  return tops;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
std::string compare_slope_svg(const Comparison& c, const ReportOptions& options) {
  const CompareWords& cw = cwords(options.language);
  // Which issues: the best kSlopeTop by their better rank, and every significant move.
  std::vector<const IssueChange*> shown;
  std::size_t hidden = 0;
  double max_rank = 1;
  for (const auto& issue : c.issues) {
    const double best = std::min(std::isfinite(issue.rank_a) ? issue.rank_a : 1e300,
                                 std::isfinite(issue.rank_b) ? issue.rank_b : 1e300);
    if (best <= static_cast<double>(kSlopeTop) || issue.significant) {
      shown.push_back(&issue);
      for (double r : {issue.rank_a, issue.rank_b})
        if (std::isfinite(r)) max_rank = std::max(max_rank, r);
    } else {
      ++hidden;
    }
  }
  // One rank step is one label line, so labels of consecutive ranks never need moving.
  const double pitch = 19, plot_top = 142, axis_left = 340, axis_right = kWidth - 340;
  const double plot_bottom = plot_top + (max_rank - 1) * pitch;
  const double height = plot_bottom + 64;
  auto y_of = [&](double rank) { return plot_top + (rank - 1) * pitch; };

  std::string svg = svg_open("slope", kWidth, height, cw.slope_title);
  svg += title_block(cw.slope_title, compare_subtitle(c, options));
  Legend legend;
  if (c.replicates > 0) {
    legend.line(kRose, 3, "", cw.rose);
    legend.line(kFell, 3, "", cw.fell);
  }
  legend.line(kMuted, 1.4, "", c.replicates > 0 ? cw.not_significant : cw.issues_in_both);
  legend.line("#5c6670", 1.4, "3 3", std::string(cw.entered) + " / " + std::string(cw.left));
  svg += legend.done();

  // The two axes, headed by the labels, with faint rank gridlines every 5 places.
  svg += "<g class=\"cmp-axes\">";
  for (double rank = 5; rank <= max_rank; rank += 5)
    svg += "<line x1=\"" + n(axis_left) + "\" y1=\"" + n(y_of(rank)) + "\" x2=\"" + n(axis_right) +
           "\" y2=\"" + n(y_of(rank)) + "\" stroke=\"#eef1f4\"/>";
  for (const auto& [x, label] :
       {std::pair{axis_left, c.label_a}, std::pair{axis_right, c.label_b}}) {
    svg += "<line x1=\"" + n(x) + "\" y1=\"" + n(plot_top - 10) + "\" x2=\"" + n(x) + "\" y2=\"" +
           n(plot_bottom + 10) + "\" stroke=\"#c9d0d8\" stroke-width=\"1.5\"/>";
    svg += "<text class=\"cmp-axis-label\" x=\"" + n(x) + "\" y=\"" + n(plot_top - 36) +
           "\" text-anchor=\"middle\" font-size=\"16\" font-weight=\"700\" fill=\"#14213d\">" +
           xml_escape(label) + "</text>";
  }
  svg += "<text x=\"" + n((axis_left + axis_right) / 2) + "\" y=\"" + n(plot_top - 36) +
         "\" text-anchor=\"middle\" font-size=\"11.5\" fill=\"#5c6670\">" +
         xml_escape(cw.rank_axis) + "</text></g>\n";

  // Lines: muted ones first, significant ones on top.
  std::vector<const IssueChange*> draw(shown);
  std::stable_sort(draw.begin(), draw.end(), [](const IssueChange* a, const IssueChange* b) {
    return a->significant < b->significant;
  });
  svg += "<g class=\"cmp-lines\">\n";
  for (const IssueChange* issue : draw) {
    const std::string colour = move_colour(*issue);
    const double r = issue->significant ? 5.5 : 4.0;
    const std::string id = xml_escape(issue->id);
    svg += "<g class=\"mx-mark cmp-issue" + std::string(issue->significant ? " sig" : "") +
           "\" data-issue=\"" + id + "\" data-status=\"" + status_name(issue->status) +
           "\" data-significant=\"" + (issue->significant ? "true" : "false") + "\"><title>" +
           xml_escape(change_tooltip(*issue, c, options.language)) + "</title>";
    const double ya = std::isfinite(issue->rank_a) ? y_of(issue->rank_a) : 0;
    const double yb = std::isfinite(issue->rank_b) ? y_of(issue->rank_b) : 0;
    if (issue->status == ChangeStatus::both) {
      svg += "<line class=\"cmp-line\" data-issue=\"" + id + "\" x1=\"" + n(axis_left) +
             "\" y1=\"" + n(ya) + "\" x2=\"" + n(axis_right) + "\" y2=\"" + n(yb) + "\" stroke=\"" +
             colour + "\" stroke-width=\"" + (issue->significant ? "3" : "1.3") +
             "\" stroke-opacity=\"" + (issue->significant ? "1" : "0.8") + "\"/>";
    } else {
      // A dashed stub toward the side where the issue is absent.
      const bool entered = issue->status == ChangeStatus::entered;
      const double x = entered ? axis_right : axis_left, y = entered ? yb : ya;
      svg += "<line class=\"cmp-stub\" data-issue=\"" + id + "\" x1=\"" + n(x) + "\" y1=\"" + n(y) +
             "\" x2=\"" + n(entered ? x - 70 : x + 70) + "\" y2=\"" + n(y) +
             "\" stroke=\"#5c6670\" stroke-width=\"1.4\" stroke-dasharray=\"3 3\"/>";
    }
    for (const auto& [x, y, present] :
         {std::tuple{axis_left, ya, issue->status != ChangeStatus::entered},
          std::tuple{axis_right, yb, issue->status != ChangeStatus::left}})
      if (present)
        svg += "<circle cx=\"" + n(x) + "\" cy=\"" + n(y) + "\" r=\"" + n(r) + "\" fill=\"" +
               (issue->status == ChangeStatus::both ? colour : std::string("#ffffff")) +
               "\" stroke=\"" +
               (issue->status == ChangeStatus::both ? std::string("#ffffff") : "#5c6670") +
               "\" stroke-width=\"1.5\"/>";
    svg += "</g>\n";
  }
  svg += "</g>\n";

  // Names at both ends: left of A's axis (right-aligned), right of B's; "name rank" / "rank name".
  svg += "<g class=\"mx-labels\">\n";
  for (const bool side_a : {true, false}) {
    std::vector<const IssueChange*> on_side;
    std::vector<double> wanted;
    for (const IssueChange* issue : shown) {
      const double rank = side_a ? issue->rank_a : issue->rank_b;
      if (!std::isfinite(rank)) continue;
      on_side.push_back(issue);
      wanted.push_back(y_of(rank));
    }
    const double line = kLabelFont * kLineHeight + kPadY;
    const std::vector<double> tops = spread(wanted, line, plot_top - 24, height - 30);
    for (std::size_t i = 0; i < on_side.size(); ++i) {
      const IssueChange& issue = *on_side[i];
      std::string name = shown_name(issue, options.language);
      if (issue.status == ChangeStatus::entered) name += cw.entered_mark;
      if (issue.status == ChangeStatus::left) name += cw.left_mark;
      const std::string rank = mid_rank_text(side_a ? issue.rank_a : issue.rank_b);
      const std::string text = side_a ? name + "  " + rank : rank + "  " + name;
      const double text_width = estimate_text_width(text, kLabelFont, issue.significant);
      const double width = padded_width(text_width), margin = (width - text_width) / 2;
      const double gap = 12;
      const LabelBox box{side_a ? axis_left - gap - width : axis_right + gap, tops[i], width, line};
      const double centre = box.y + line / 2;
      if (std::abs(centre - wanted[i]) > 1.0) {
        const double x1 = side_a ? axis_left - 6 : axis_right + 6;
        const double x2 = side_a ? box.x + box.width : box.x;
        svg += "<line class=\"mx-leader\" data-label-for=\"" + xml_escape(issue.id) + "\" x1=\"" +
               n(x1) + "\" y1=\"" + n(wanted[i]) + "\" x2=\"" + n(x2) + "\" y2=\"" + n(centre) +
               "\"/>";
      }
      svg += "<text class=\"mx-label" + std::string(issue.significant ? " sig" : "") +
             "\" data-label-for=\"" + xml_escape(issue.id) + "\" data-side=\"" +
             (side_a ? "a" : "b") + "\" x=\"" +
             n(side_a ? box.x + box.width - margin : box.x + margin) + "\" y=\"" +
             n(box.y + kPadY / 2 + kLabelFont * kAscent) + "\"" +
             (side_a ? " text-anchor=\"end\"" : "") + label_box_attr(box) +
             (issue.significant ? " fill=\"" + move_colour(issue) + "\"" : "") + ">" +
             xml_escape(text) + "</text>\n";
    }
  }
  svg += "</g>\n";
  if (hidden > 0)
    svg += "<text class=\"mx-note cmp-hidden\" data-hidden=\"" + std::to_string(hidden) +
           "\" x=\"24\" y=\"" + n(height - 12) + "\" font-size=\"11.5\" fill=\"#6b7580\">" +
           xml_escape(
               replace_all(replace_all(std::string(cw.not_shown), "{n}", std::to_string(hidden)),
                           "{k}", std::to_string(kSlopeTop))) +
           "</text>\n";
  svg += "</svg>\n";
  return svg;
}

// ---------------------------------------------------------------------------------------------
std::string compare_matrix_svg(const Comparison& c, const ReportOptions& options) {
  const CompareWords& cw = cwords(options.language);
  const Words& w = words(options.language);
  const double x_line = c.result_b.business_threshold, y_line = c.result_b.stakeholder_threshold;
  std::vector<double> xs, ys;
  for (const auto& issue : c.issues) {
    xs.push_back(issue.business_a), xs.push_back(issue.business_b);
    ys.push_back(issue.stakeholder_a), ys.push_back(issue.stakeholder_b);
  }
  const Frame f = make_frame(xs, ys, x_line, y_line);

  // Marks: the head (B, or A for an issue that left) of each issue, and a small tail at A.
  struct Drawn {
    const IssueChange* issue;
    std::size_t head = SIZE_MAX, tail = SIZE_MAX;
  };
  std::vector<LabelMark> marks;
  std::vector<Drawn> drawn;
  for (const auto& issue : c.issues) {
    Drawn d{&issue};
    const bool left = issue.status == ChangeStatus::left;
    const double hx = left ? issue.business_a : issue.business_b;
    const double hy = left ? issue.stakeholder_a : issue.stakeholder_b;
    if (!std::isfinite(hx) || !std::isfinite(hy)) continue;
    d.head = marks.size();
    const double radius = left ? 5.5 : tier_radius(issue.tier_b) + (issue.significant ? 1 : 0);
    marks.push_back({f.ax.map(hx), f.ay.map(hy), radius + 1});
    if (issue.status == ChangeStatus::both && std::isfinite(issue.business_a) &&
        std::isfinite(issue.stakeholder_a)) {
      d.tail = marks.size();
      marks.push_back({f.ax.map(issue.business_a), f.ay.map(issue.stakeholder_a), 2.5});
    }
    drawn.push_back(d);
  }

  std::string svg = svg_open("arrows", kWidth, kHeight, cw.arrows_title);
  svg += "<defs>";
  for (const auto& [name, colour] :
       {std::pair{"up", kRose}, std::pair{"down", kFell}, std::pair{"flat", kMuted}})
    svg += "<marker id=\"cmp-head-" + std::string(name) +
           "\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"5\" markerHeight=\"5\" "
           "orient=\"auto-start-reverse\"><path d=\"M0,0L10,5L0,10z\" fill=\"" +
           std::string(colour) + "\"/></marker>";
  svg += "</defs>\n";
  svg += title_block(
      cw.arrows_title,
      replace_all(replace_all(std::string(cw.arrow_from), "{a}", c.label_a), "{b}", c.label_b) +
          " · " + std::string(w.threshold) + " (" + c.label_b + ") " + fixed(y_line, 2) + " / " +
          fixed(x_line, 2));
  Legend legend;
  if (c.replicates > 0) {
    legend.line(kRose, 2.6, "", cw.rose);
    legend.line(kFell, 2.6, "", cw.fell);
  }
  legend.line(kMuted, 1.2, "", c.replicates > 0 ? cw.not_significant : cw.issues_in_both);
  legend.circle("#8d949e", "#14213d", 2.4, "", cw.entered);
  legend.circle("#ffffff", "#6b7580", 1.6, "3 2", cw.left);
  legend.line("#c0392b", 1.4, "5 4", w.threshold);
  svg += legend.done();
  const std::vector<LabelBox> obstacles = draw_frame(svg, f, x_line, y_line, marks, w);

  // Muted arrows first, significant on top; within each, worse B rank first.
  std::vector<const Drawn*> order;
  for (const auto& d : drawn)
    order.push_back(&d);
  std::stable_sort(order.begin(), order.end(), [](const Drawn* a, const Drawn* b) {
    return a->issue->significant < b->issue->significant;
  });
  svg += "<g class=\"mx-marks\">\n";
  for (const Drawn* d : order) {
    const IssueChange& issue = *d->issue;
    const std::string id = xml_escape(issue.id);
    const LabelMark& head = marks[d->head];
    svg += "<g class=\"mx-mark cmp-issue" + std::string(issue.significant ? " sig" : "") +
           "\" data-issue=\"" + id + "\" data-status=\"" + status_name(issue.status) +
           "\" data-significant=\"" + (issue.significant ? "true" : "false") + "\"><title>" +
           xml_escape(change_tooltip(issue, c, options.language)) + "</title>";
    if (d->tail != SIZE_MAX) {
      const LabelMark& tail = marks[d->tail];
      const double dx = head.x - tail.x, dy = head.y - tail.y, length = std::hypot(dx, dy);
      const std::string colour = move_colour(issue);
      const char* marker = !issue.significant ? "flat" : issue.rank_change < 0 ? "up" : "down";
      // The arrow ends on the head's rim; too short to show, it is a line of length 0.
      const double reach = length > head.radius ? (length - head.radius) / length : 0.0;
      svg += "<line class=\"cmp-arrow\" data-issue=\"" + id + "\" x1=\"" + n(tail.x) + "\" y1=\"" +
             n(tail.y) + "\" x2=\"" + n(tail.x + dx * reach) + "\" y2=\"" + n(tail.y + dy * reach) +
             "\" stroke=\"" + colour + "\" stroke-width=\"" + (issue.significant ? "2.6" : "1.1") +
             "\" stroke-opacity=\"" + (issue.significant ? "1" : "0.75") + "\"" +
             (reach > 0 ? " marker-end=\"url(#cmp-head-" + std::string(marker) + ")\"" : "") + "/>";
      svg += "<circle class=\"cmp-tail\" cx=\"" + n(tail.x) + "\" cy=\"" + n(tail.y) +
             "\" r=\"2.2\" fill=\"" + colour + "\"/>";
    }
    const std::string fill(report_detail::category_colour(issue.category));
    if (issue.status == ChangeStatus::left)
      svg += "<circle class=\"cmp-head\" cx=\"" + n(head.x) + "\" cy=\"" + n(head.y) + "\" r=\"" +
             n(head.radius - 1) +
             "\" fill=\"#ffffff\" stroke=\"#6b7580\" stroke-width=\"1.6\" "
             "stroke-dasharray=\"3 2\"/>";
    else
      svg += "<circle class=\"cmp-head\" cx=\"" + n(head.x) + "\" cy=\"" + n(head.y) + "\" r=\"" +
             n(head.radius - 1) + "\" fill=\"" + fill + "\" stroke=\"" +
             (issue.status == ChangeStatus::entered ? std::string("#14213d")
              : issue.significant                   ? move_colour(issue)
                                                    : std::string("#ffffff")) +
             "\" stroke-width=\"" + (issue.status == ChangeStatus::both ? "1.2" : "2.4") + "\"/>";
    svg += "</g>\n";
  }
  svg += "</g>\n";

  // Labels: significant moves first, then B's rank order, then the issues that left.
  std::vector<MatrixLabel> labels;
  for (int pass = 0; pass < 2; ++pass)
    for (const auto& d : drawn) {
      if ((pass == 0) != d.issue->significant) continue;
      const IssueChange& issue = *d.issue;
      labels.push_back(
          {issue.id, d.head, shown_name(issue, options.language),
           mid_rank_text(issue.status == ChangeStatus::left ? issue.rank_a : issue.rank_b),
           issue.significant});
    }
  const auto counts = draw_labels(svg, marks, labels, f.bounds(), obstacles, options);
  draw_note(svg, counts, w, kHeight,
            replace_all(replace_all(std::string(cw.numbers_compare), "{a}", c.label_a), "{b}",
                        c.label_b));
  svg += "</svg>\n";
  return svg;
}

// ---------------------------------------------------------------------------------------------
namespace {

constexpr std::string_view kFirm = "#c0392b", kPeer = "#b3bcc6", kBlind = "#e08a1e",
                           kDistinctive = "#6a3d9a";

std::string benchmark_tooltip(const BenchmarkIssue& issue, const Benchmark& b,
                              ReportLanguage language) {
  const CompareWords& cw = cwords(language);
  const Words& w = words(language);
  std::string text = shown_name(issue, language);
  const std::string& other = language == ReportLanguage::en ? issue.name : issue.name_en;
  if (!other.empty() && other != text) text += " (" + other + ")";
  text += "\n" + (b.firm_name.empty() ? b.firm : b.firm_name) + ": " + std::string(w.rank) + " " +
          mid_rank_text(issue.firm_rank) + " · " + std::string(w.stakeholder) + " " +
          fixed(issue.firm_stakeholder, 3) + " · " + std::string(w.business) + " " +
          fixed(issue.firm_business, 3);
  text += "\n" + std::string(cw.consensus_point) + ": " + std::string(w.rank) + " " +
          mid_rank_text(issue.peer_rank) +
          (issue.peer_tier > 0 ? " · " + std::string(w.tier) + " " + std::to_string(issue.peer_tier)
                               : "") +
          " · " + std::string(w.stakeholder) + " " + fixed(issue.peer_stakeholder, 3) + " · " +
          std::string(w.business) + " " + fixed(issue.peer_business, 3);
  text += "\n" + std::string(cw.gap) + " " + signed_text(issue.gap, 1);
  if (issue.blind_spot) text += " · " + std::string(cw.blind_spot);
  if (issue.distinctive) text += " · " + std::string(cw.distinctive);
  return text;
}

std::string benchmark_subtitle(const Benchmark& b, const ReportOptions& options) {
  const CompareWords& cw = cwords(options.language);
  const Words& w = words(options.language);
  return (b.firm_name.empty() ? b.firm : b.firm_name + " (" + b.firm + ")") + " · " +
         std::to_string(b.peers.size()) + " " + std::string(cw.peers) + " · tau-b " +
         fixed(b.tau_b, 3) + " · " + std::string(cw.percentile) + " " + fixed(b.percentile, 0) +
         " · " + std::string(w.method) + " " + b.method;
}

}  // namespace

std::string benchmark_matrix_svg(const Benchmark& b, const ReportOptions& options) {
  const CompareWords& cw = cwords(options.language);
  const Words& w = words(options.language);
  const double x_line = b.consensus.business_threshold, y_line = b.consensus.stakeholder_threshold;
  std::vector<double> xs, ys;
  for (const auto& issue : b.issues) {
    xs.push_back(issue.peer_business), xs.push_back(issue.firm_business);
    ys.push_back(issue.peer_stakeholder), ys.push_back(issue.firm_stakeholder);
  }
  const Frame f = make_frame(xs, ys, x_line, y_line);
  struct Drawn {
    const BenchmarkIssue* issue;
    std::size_t peer = SIZE_MAX, firm = SIZE_MAX;
  };
  std::vector<LabelMark> marks;
  std::vector<Drawn> drawn;
  for (const auto& issue : b.issues) {
    Drawn d{&issue};
    if (std::isfinite(issue.peer_business) && std::isfinite(issue.peer_stakeholder)) {
      d.peer = marks.size();
      marks.push_back({f.ax.map(issue.peer_business), f.ay.map(issue.peer_stakeholder),
                       (issue.blind_spot ? 6.5 : 4.5) + 1});
    }
    if (std::isfinite(issue.firm_business) && std::isfinite(issue.firm_stakeholder)) {
      d.firm = marks.size();
      marks.push_back({f.ax.map(issue.firm_business), f.ay.map(issue.firm_stakeholder),
                       (issue.distinctive ? 7.0 : 5.5) + 1});
    }
    if (d.peer != SIZE_MAX || d.firm != SIZE_MAX) drawn.push_back(d);
  }

  std::string svg = svg_open("benchmark", kWidth, kHeight, cw.bm_chart_title);
  svg += title_block(cw.bm_chart_title, benchmark_subtitle(b, options));
  Legend legend;
  legend.circle(kFirm, "#ffffff", 1.2, "", b.firm_name.empty() ? b.firm : b.firm_name);
  legend.circle(kPeer, "#ffffff", 1.2, "", cw.consensus_point);
  legend.circle(kPeer, kBlind, 3, "", cw.blind_spot);
  legend.circle(kFirm, kDistinctive, 3, "", cw.distinctive);
  legend.line("#c0392b", 1.4, "5 4", w.threshold);
  svg += legend.done();
  const std::vector<LabelBox> obstacles = draw_frame(svg, f, x_line, y_line, marks, w);

  svg += "<g class=\"mx-marks\">\n";
  // Consensus layer first (muted), then each issue's joining line and the firm's point.
  for (int layer = 0; layer < 2; ++layer)
    for (const auto& d : drawn) {
      const BenchmarkIssue& issue = *d.issue;
      const bool has_firm = d.firm != SIZE_MAX;
      // An issue is drawn in the firm's layer when the firm lists it, else in the consensus layer.
      if ((layer == 1) != has_firm) continue;
      svg += "<g class=\"mx-mark bm-issue\" data-issue=\"" + xml_escape(issue.id) +
             "\" data-blind-spot=\"" + (issue.blind_spot ? "true" : "false") +
             "\" data-distinctive=\"" + (issue.distinctive ? "true" : "false") + "\"><title>" +
             xml_escape(benchmark_tooltip(issue, b, options.language)) + "</title>";
      if (d.peer != SIZE_MAX && has_firm)
        svg += "<line class=\"bm-link\" x1=\"" + n(marks[d.peer].x) + "\" y1=\"" +
               n(marks[d.peer].y) + "\" x2=\"" + n(marks[d.firm].x) + "\" y2=\"" +
               n(marks[d.firm].y) + "\" stroke=\"" + std::string(kFirm) +
               "\" stroke-width=\"0.9\" stroke-opacity=\"0.45\"/>";
      if (d.peer != SIZE_MAX)
        svg += "<circle class=\"bm-peer\" cx=\"" + n(marks[d.peer].x) + "\" cy=\"" +
               n(marks[d.peer].y) + "\" r=\"" + n(marks[d.peer].radius - 1) + "\" fill=\"" +
               std::string(kPeer) + "\" stroke=\"" +
               std::string(issue.blind_spot ? kBlind : "#ffffff") + "\" stroke-width=\"" +
               (issue.blind_spot ? "3" : "1") + "\"/>";
      if (has_firm)
        svg += "<circle class=\"bm-firm\" cx=\"" + n(marks[d.firm].x) + "\" cy=\"" +
               n(marks[d.firm].y) + "\" r=\"" + n(marks[d.firm].radius - 1) + "\" fill=\"" +
               std::string(kFirm) + "\" stroke=\"" +
               std::string(issue.distinctive ? kDistinctive : "#ffffff") + "\" stroke-width=\"" +
               (issue.distinctive ? "3" : "1.2") + "\"/>";
      svg += "</g>\n";
    }
  svg += "</g>\n";

  // Labels: blind spots and distinctive issues first, then the firm's points in its rank order.
  std::vector<const Drawn*> by_firm_rank;
  for (const auto& d : drawn)
    if (d.firm != SIZE_MAX) by_firm_rank.push_back(&d);
  std::stable_sort(by_firm_rank.begin(), by_firm_rank.end(), [](const Drawn* x, const Drawn* y) {
    return x->issue->firm_rank < y->issue->firm_rank;
  });
  std::vector<MatrixLabel> labels;
  for (const auto& d : drawn)
    if (d.issue->blind_spot || d.issue->distinctive) {
      const bool at_firm = d.firm != SIZE_MAX && !d.issue->blind_spot;
      labels.push_back({d.issue->id,
                        at_firm              ? d.firm
                        : d.peer != SIZE_MAX ? d.peer
                                             : d.firm,
                        shown_name(*d.issue, options.language),
                        mid_rank_text(at_firm ? d.issue->firm_rank : d.issue->peer_rank), true});
    }
  for (const Drawn* d : by_firm_rank)
    if (!d->issue->blind_spot && !d->issue->distinctive)
      labels.push_back({d->issue->id, d->firm, shown_name(*d->issue, options.language),
                        mid_rank_text(d->issue->firm_rank), false});
  const auto counts = draw_labels(svg, marks, labels, f.bounds(), obstacles, options);
  draw_note(svg, counts, w, kHeight, std::string(cw.numbers_benchmark));
  svg += "</svg>\n";
  return svg;
}

// ---------------------------------------------------------------------------------------------
// The pages.
namespace {

std::string page_head(const ReportOptions& options, std::string_view title) {
  return std::string("<!DOCTYPE html>\n<html lang=\"") +
         (options.language == ReportLanguage::en ? "en" : "zh-CN") +
         "\">\n<head>\n<meta charset=\"utf-8\">\n"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
         "<meta name=\"generator\" content=\"materia " +
         version_string() + "\">\n<title>" + xml_escape(title) + "</title>\n<style>" +
         report_detail::page_style() +
         "\n.kpi .v small{font-size:14px;font-weight:500;color:var(--muted)}"
         "tr.sig td{font-weight:600}.up{color:#c0392b}.down{color:#2f6db5}"
         "table.migration{width:auto}table.migration td,table.migration th{min-width:64px}"
         "table.migration td.zero{color:#c3c9d0}table.migration td.diag{background:#eef4ec}"
         "</style>\n</head>\n<body>\n<main>\n";
}

std::string page_tail(const ReportOptions& options) {
  const Words& w = words(options.language);
  return "<footer>" + xml_escape(w.generated_by) + " " + xml_escape(version_string()) +
         "</footer>\n</main>\n<script>" + std::string(report_detail::page_script()) +
         "</script>\n</body>\n</html>\n";
}

std::string cover(std::string_view eyebrow, std::string_view title, const std::string& line) {
  return "<header class=\"cover\"><div class=\"eyebrow\">materia · " + xml_escape(eyebrow) +
         "</div><h1>" + xml_escape(title) + "</h1><p>" + xml_escape(line) + "</p></header>\n";
}

std::string kpi(const std::string& value, std::string_view key, std::string_view id = {}) {
  return "<div class=\"kpi\"" + (id.empty() ? std::string() : " id=\"" + std::string(id) + "\"") +
         "><div class=\"v\">" + value + "</div><div class=\"k\">" + xml_escape(key) +
         "</div></div>";
}

std::string section(std::string_view id, int number, std::string_view title, std::string_view hint,
                    const std::string& body) {
  std::string html = "<section id=\"" + std::string(id) + "\"><h2><span class=\"no\">" +
                     std::to_string(number) + "</span>" + xml_escape(title) + "</h2>\n";
  if (!hint.empty()) html += "<p class=\"hint\">" + xml_escape(hint) + "</p>\n";
  return html + body + "</section>\n";
}

// A sortable table's header: the column's words with its JSON field name under them.
std::string head_cell(std::string_view text, std::string_view field, bool numeric) {
  return std::string("<th") + (numeric ? " class=\"num\" data-type=\"num\"" : "") +
         " data-field=\"" + std::string(field) + "\">" + xml_escape(text) + "<span class=\"en\">" +
         std::string(field) + "</span></th>";
}

std::string num_cell(const std::string& shown, double value) {
  return "<td class=\"num\" data-v=\"" + (std::isfinite(value) ? fixed(value, 6) : "") + "\">" +
         shown + "</td>";
}

std::string name_cell(const std::string& shown, const std::string& other, Category category) {
  std::string code(category_code(category));
  if (code.empty()) code = "U";
  return "<td data-v=\"" + xml_escape(shown) + "\"><span class=\"esg " + code + "\">" +
         (code == "U" ? "–" : code) + "</span> " + xml_escape(shown) +
         (other.empty() || other == shown ? ""
                                          : "<span class=\"en\">" + xml_escape(other) + "</span>") +
         "</td>";
}

std::string bool_cell(bool value, const CompareWords& cw) {
  return "<td data-v=\"" + std::string(value ? "1" : "0") + "\">" +
         (value ? "<b>" + xml_escape(cw.yes) + "</b>" : xml_escape(cw.no)) + "</td>";
}

std::string chips(const std::vector<std::string>& items, std::string_view id,
                  const CompareWords& cw) {
  std::string html = "<div id=\"" + std::string(id) + "\">";
  if (items.empty()) html += "<span class=\"chip\">" + xml_escape(cw.none) + "</span>";
  for (const auto& item : items)
    html += "<span class=\"chip\">" + xml_escape(item) + "</span>";
  return html + "</div>\n";
}

std::string params(const std::vector<std::pair<std::string, std::string>>& rows,
                   const std::vector<std::string>& warnings, const Words& w) {
  std::string html = "<dl class=\"params\">";
  for (const auto& [key, value] : rows)
    html += "<dt>" + xml_escape(key) + "</dt><dd>" + value + "</dd>";
  if (!warnings.empty()) {
    std::string list;
    for (const auto& warning : warnings)
      list += xml_escape(warning) + "<br>";
    html += "<dt>" + xml_escape(w.warnings) + "</dt><dd>" + list + "</dd>";
  }
  return html + "</dl>\n";
}

}  // namespace

std::string compare_report_html(const Comparison& c, const ReportOptions& options) {
  const CompareWords& cw = cwords(options.language);
  const Words& w = words(options.language);
  const ReportLanguage language = options.language;
  std::string html =
      page_head(options, std::string(cw.compare_title) + " · " + c.label_a + " → " + c.label_b);
  html += cover(
      c.result_b.taxonomy, std::string(cw.compare_title) + " · " + c.label_a + " → " + c.label_b,
      compare_subtitle(c, options) + (options.source.empty() ? "" : " · " + options.source));

  std::size_t in_both = 0, entered = 0, left = 0;
  for (const auto& issue : c.issues) {
    in_both += issue.status == ChangeStatus::both;
    entered += issue.status == ChangeStatus::entered;
    left += issue.status == ChangeStatus::left;
  }
  html += "<div class=\"kpis\">";
  html += kpi(std::to_string(in_both), cw.issues_in_both);
  html += kpi(c.replicates > 0 ? std::to_string(c.significant_count()) : "–", cw.significant_moves,
              "kpi-significant");
  html += kpi(
      fixed(c.tau_b, 3) + (std::isfinite(c.tau_b_low) ? " <small>[" + fixed(c.tau_b_low, 3) + ", " +
                                                            fixed(c.tau_b_high, 3) + "]</small>"
                                                      : ""),
      "Kendall tau-b (" + std::string(cw.tau_b_interval) + ")", "kpi-tau-b");
  html += kpi(std::to_string(entered) + " / " + std::to_string(left),
              std::string(cw.entered) + " / " + std::string(cw.left));
  html += "</div>\n";

  int number = 0;
  html += section("charts", ++number, cw.section_charts, "",
                  "<figure>" + compare_slope_svg(c, options) + "</figure>\n<figure>" +
                      compare_matrix_svg(c, options) + "</figure>\n");

  // The issue table: the JSON fields of `compare`.
  std::string table =
      "<div class=\"scroll\"><table class=\"sortable\" id=\"issue-table\">"
      "<thead><tr>";
  table += head_cell(w.issue, "name", false);
  table += head_cell(std::string(w.rank) + " " + c.label_a, "rank_a", true);
  table += head_cell(std::string(w.rank) + " " + c.label_b, "rank_b", true);
  table += head_cell(cw.rank_change, "rank_change", true);
  table += head_cell(cw.change_low, "change_low", true);
  table += head_cell(cw.change_high, "change_high", true);
  table += head_cell(cw.significant, "significant", false);
  table += head_cell(cw.status, "status", false);
  table += "</tr></thead>\n<tbody>\n";
  for (const auto& issue : c.issues) {
    const std::string& shown = shown_name(issue, language);
    const std::string& other = language == ReportLanguage::en ? issue.name : issue.name_en;
    const std::string direction = !issue.significant      ? ""
                                  : issue.rank_change < 0 ? " class=\"up\""
                                                          : " class=\"down\"";
    table += "<tr data-issue=\"" + xml_escape(issue.id) + "\"" +
             (issue.significant ? " class=\"sig\"" : "") + ">";
    table += name_cell(shown, other, issue.category);
    table += num_cell(mid_rank_text(issue.rank_a), issue.rank_a);
    table += num_cell(mid_rank_text(issue.rank_b), issue.rank_b);
    table += num_cell("<span" + direction + ">" + signed_text(issue.rank_change, 1) + "</span>",
                      issue.rank_change);
    table += num_cell(signed_text(issue.change_low, 2), issue.change_low);
    table += num_cell(signed_text(issue.change_high, 2), issue.change_high);
    table += bool_cell(issue.significant, cw);
    const std::string_view status = issue.status == ChangeStatus::both      ? cw.both
                                    : issue.status == ChangeStatus::entered ? cw.entered
                                                                            : cw.left;
    table += "<td data-v=\"" + std::string(status_name(issue.status)) + "\">" + xml_escape(status) +
             "</td></tr>\n";
  }
  table += "</tbody></table></div>\n";
  html += section("changes", ++number, cw.section_changes, cw.changes_hint, table);

  // Tier migration: rows A's tier (0 = absent), columns B's.
  std::string migration = "<table class=\"migration\" id=\"tier-migration\"><thead><tr><th>" +
                          xml_escape(c.label_a) + " ↓ · " + xml_escape(c.label_b) + " →</th>";
  auto tier_head = [&](std::size_t t) {
    return t == 0 ? std::string(cw.absent) : std::string(w.tier) + " " + std::to_string(t);
  };
  const std::size_t columns = c.tier_migration.empty() ? 0 : c.tier_migration.front().size();
  for (std::size_t t = 0; t < columns; ++t)
    migration += "<th class=\"num\">" + xml_escape(tier_head(t)) + "</th>";
  migration += "</tr></thead><tbody>\n";
  for (std::size_t row = 0; row < c.tier_migration.size(); ++row) {
    migration += "<tr><th>" + xml_escape(tier_head(row)) + "</th>";
    for (std::size_t col = 0; col < c.tier_migration[row].size(); ++col) {
      const std::size_t count = c.tier_migration[row][col];
      std::string classes = "num";
      if (count == 0) classes += " zero";
      if (row == col && row > 0) classes += " diag";
      migration += "<td class=\"" + classes + "\">" + std::to_string(count) + "</td>";
    }
    migration += "</tr>\n";
  }
  migration += "</tbody></table>\n";
  html += section("migration", ++number, cw.section_migration, cw.migration_hint, migration);

  // Firms in both and in one side only.
  std::string firms = "<p>" + xml_escape(cw.firms_both) + ": <b>" +
                      std::to_string(c.firms_both.size()) + "</b></p>\n";
  firms += "<h3>" + xml_escape(replace_all(std::string(cw.firms_only), "{x}", c.label_a)) + " (" +
           std::to_string(c.firms_only_a.size()) + ")</h3>" +
           chips(c.firms_only_a, "firms-only-a", cw);
  firms += "<h3>" + xml_escape(replace_all(std::string(cw.firms_only), "{x}", c.label_b)) + " (" +
           std::to_string(c.firms_only_b.size()) + ")</h3>" +
           chips(c.firms_only_b, "firms-only-b", cw);
  html += section("firms", ++number, cw.section_firms, "", firms);

  std::string_view description = report_detail::method_description(c.method, language);
  html += section("method", ++number, w.section_method, "",
                  params({{std::string(w.method),
                           "<code>" + xml_escape(c.method) + "</code>" +
                               (description.empty() ? "" : " — " + xml_escape(description))},
                          {std::string(w.tiers_spec), "<code>" + xml_escape(c.tiers) + "</code>"},
                          {std::string(cw.replicates), std::to_string(c.replicates)},
                          {std::string(cw.seed), std::to_string(c.seed)},
                          {std::string(cw.level), fixed(c.level, 3)},
                          {std::string(cw.same_firms), xml_escape(c.same_firms ? cw.yes : cw.no)},
                          {std::string(w.version), xml_escape(version_string())}},
                         c.warnings, w));
  return html + page_tail(options);
}

std::string benchmark_report_html(const Benchmark& b, const ReportOptions& options) {
  const CompareWords& cw = cwords(options.language);
  const Words& w = words(options.language);
  const ReportLanguage language = options.language;
  const std::string firm = b.firm_name.empty() ? b.firm : b.firm_name;
  std::string html = page_head(options, std::string(cw.benchmark_title) + " · " + firm);
  html += cover(
      b.consensus.taxonomy, std::string(cw.benchmark_title) + " · " + firm,
      benchmark_subtitle(b, options) + (options.source.empty() ? "" : " · " + options.source));
  html += "<div class=\"kpis\">";
  html += kpi(fixed(b.tau_b, 3), "Kendall tau-b", "kpi-tau-b");
  html += kpi(fixed(b.percentile, 0), cw.percentile, "kpi-percentile");
  html += kpi(std::to_string(b.blind_spot_count()), cw.blind_spots, "kpi-blind-spots");
  html += kpi(std::to_string(b.distinctive_count()), cw.distinctives, "kpi-distinctive");
  html += "</div>\n";
  int number = 0;
  html += section("charts", ++number, cw.section_charts, cw.bm_hint,
                  "<figure>" + benchmark_matrix_svg(b, options) + "</figure>\n");

  std::string table =
      "<div class=\"scroll\"><table class=\"sortable\" id=\"issue-table\">"
      "<thead><tr>";
  table += head_cell(w.issue, "name", false);
  table += head_cell(cw.firm_rank, "firm_rank", true);
  table += head_cell(cw.peer_rank, "peer_rank", true);
  table += head_cell(cw.gap, "gap", true);
  table += head_cell(cw.blind_spot, "blind_spot", false);
  table += head_cell(cw.distinctive, "distinctive", false);
  table += "</tr></thead>\n<tbody>\n";
  for (const auto& issue : b.issues) {
    const std::string& shown = shown_name(issue, language);
    const std::string& other = language == ReportLanguage::en ? issue.name : issue.name_en;
    table += "<tr data-issue=\"" + xml_escape(issue.id) + "\"" +
             (issue.blind_spot || issue.distinctive ? " class=\"sig\"" : "") + ">";
    table += name_cell(shown, other, issue.category);
    table += num_cell(mid_rank_text(issue.firm_rank), issue.firm_rank);
    table += num_cell(mid_rank_text(issue.peer_rank), issue.peer_rank);
    table += num_cell(signed_text(issue.gap, 1), issue.gap);
    table += bool_cell(issue.blind_spot, cw);
    table += bool_cell(issue.distinctive, cw);
    table += "</tr>\n";
  }
  table += "</tbody></table></div>\n";
  html += section("changes", ++number, w.section_table, w.table_hint, table);
  html += section("peers", ++number, cw.section_peers, "", chips(b.peers, "peer-list", cw));
  std::string_view description = report_detail::method_description(b.method, language);
  html += section("method", ++number, w.section_method, "",
                  params({{std::string(w.method),
                           "<code>" + xml_escape(b.method) + "</code>" +
                               (description.empty() ? "" : " — " + xml_escape(description))},
                          {std::string(w.tiers_spec), "<code>" + xml_escape(b.tiers) + "</code>"},
                          {std::string(cw.peer_rule), xml_escape(b.peer_rule)},
                          {std::string(cw.top_places), std::to_string(b.top_places)},
                          {std::string(w.version), xml_escape(version_string())}},
                         b.warnings, w));
  return html + page_tail(options);
}

// ---------------------------------------------------------------------------------------------
namespace {

// Renders everything first, then writes each file atomically (as write_report does).
void write_all(const std::string& directory, const std::vector<std::string>& names,
               const std::vector<std::string>& contents) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::create_directories(directory, ec);
  if (ec || !fs::is_directory(directory))
    throw_input_error(
        "cannot create the output directory: " + (ec ? ec.message() : "not a directory"),
        {directory, "", ""});
  for (std::size_t i = 0; i < names.size(); ++i)
    write_file_atomic((fs::path(directory) / names[i]).string(), contents[i]);
}

}  // namespace

std::vector<std::string> compare_report_file_names() {
  return {"compare.html", "slope.svg", "arrows.svg"};
}

std::vector<std::string> benchmark_report_file_names() {
  return {"benchmark.html", "benchmark.svg"};
}

void write_compare_report(const Comparison& comparison, const std::string& directory,
                          const ReportOptions& options) {
  write_all(directory, compare_report_file_names(),
            {compare_report_html(comparison, options), compare_slope_svg(comparison, options),
             compare_matrix_svg(comparison, options)});
}

void write_benchmark_report(const Benchmark& benchmark, const std::string& directory,
                            const ReportOptions& options) {
  write_all(directory, benchmark_report_file_names(),
            {benchmark_report_html(benchmark, options), benchmark_matrix_svg(benchmark, options)});
}

}  // namespace materia
