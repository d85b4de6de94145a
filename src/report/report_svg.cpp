// The two matrices as SVG: axes, thresholds, tier bands, one mark per issue, placed labels.
#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>
#include <string>

#include "materia/report/report.hpp"
#include "model/enum_text.hpp"
#include "report/report_common.hpp"
#include "report/report_svg.hpp"

namespace materia {
namespace report_detail {

namespace {

constexpr double kWidth = 980, kHeight = 860;
constexpr double kLabelFont = 11.5, kNumberFont = 10.5;
// Noto Sans CJK's ascent and descent (1.16 em + 0.29 em): the box a browser gives a text line.
constexpr double kAscent = 1.16, kLineHeight = 1.45;

std::string n(double v) {
  return fixed(v, 1);
}

double mark_radius(int tier) {
  return tier <= 1 ? 7.5 : tier == 2 ? 6.0 : 4.5;
}

struct Axis {
  double lo = 0, hi = 1, step = 0.1;
  double pixel_lo = 0, pixel_hi = 1;  // pixel of lo and of hi
  double map(double v) const { return pixel_lo + (v - lo) / (hi - lo) * (pixel_hi - pixel_lo); }
};

// A domain on [0,1] that holds every value and the reference line, on round ticks.
Axis make_axis(const std::vector<double>& values, std::optional<double> line) {
  double lo = std::numeric_limits<double>::infinity(), hi = -lo;
  for (double v : values)
    if (std::isfinite(v)) lo = std::min(lo, v), hi = std::max(hi, v);
  if (line && std::isfinite(*line)) lo = std::min(lo, *line), hi = std::max(hi, *line);
  if (!std::isfinite(lo)) lo = 0, hi = 1;
  Axis axis;
  axis.step = hi - lo > 0.35 ? 0.1 : 0.05;
  axis.lo = std::max(0.0, std::floor((lo - 0.03) / axis.step + 1e-9) * axis.step);
  axis.hi = std::min(1.0, std::ceil((hi + 0.03) / axis.step - 1e-9) * axis.step);
  if (axis.hi - axis.lo < axis.step) axis.hi = axis.lo + axis.step;
  return axis;
}

std::string category_word(Category category, const Words& w) {
  const std::string_view category_words[] = {w.env, w.soc, w.gov, w.unspecified};
  return std::string(detail::enum_text(category, category_words, w.unspecified));
}

}  // namespace

std::string issue_tooltip(const IssueResult& issue, const Result& result, ReportLanguage language) {
  const Words& w = words(language);
  std::string text = display_name(issue, language);
  const std::string& other = language == ReportLanguage::en ? issue.name : issue.name_en;
  if (!other.empty() && other != text) text += " (" + other + ")";
  text += "\n" + std::string(w.rank) + " " + std::to_string(issue.rank) + " · " +
          std::string(w.tier) + " " + std::to_string(issue.tier) + " · " + std::string(w.score) +
          " " + fixed(issue.score, 4);
  text += "\n" + std::string(w.stakeholder) + " " + fixed(issue.stakeholder, 3) + " · " +
          std::string(w.business) + " " + fixed(issue.business, 3);
  text += "\n" + std::string(w.attention_share) + " " + std::to_string(issue.attention) + "/" +
          std::to_string(result.companies) + " (" + percent(issue.attention_share) + ") · " +
          std::string(w.importance) + " " + fixed(issue.importance, 3);
  text += "\n" + category_word(issue.category, words(language));
  return text;
}

std::string render_chart(const ChartSpec& spec, const Result& result,
                         const ReportOptions& options) {
  const Words& w = words(options.language);
  const int tiers = std::max(1, tier_count(result));
  std::string svg;
  svg.reserve(64 * 1024);

  // Frame: title block, legend row, top tier strip, plot, right tier strip, axis titles.
  const double strip_row = 15.0;
  const double top_strip_y = 104;
  const double plot_top = top_strip_y + tiers * strip_row + 12;
  const double plot_left = 92, plot_bottom = kHeight - 76;
  const double right_strip_x = kWidth - 22 - tiers * strip_row;
  const double plot_right = right_strip_x - 12;

  std::vector<double> xs, ys;
  for (const auto& p : spec.points)
    xs.push_back(p.x), ys.push_back(p.y);
  Axis ax = make_axis(xs, spec.x_line), ay = make_axis(ys, spec.y_line);
  ax.pixel_lo = plot_left, ax.pixel_hi = plot_right;
  ay.pixel_lo = plot_bottom, ay.pixel_hi = plot_top;
  auto tick_text = [&](double v, bool percent_axis) {
    return percent_axis ? percent(v, 0) : fixed(v, ax.step < 0.1 || ay.step < 0.1 ? 2 : 1);
  };

  svg += "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"materia-chart\" id=\"" + spec.id +
         "\" viewBox=\"0 0 " + n(kWidth) + " " + n(kHeight) + "\" width=\"" + n(kWidth) +
         "\" height=\"" + n(kHeight) + "\" role=\"img\" aria-label=\"" + xml_escape(spec.title) +
         "\" font-family=\"" + xml_escape(kFontStack) + "\">\n";
  svg +=
      "<style>.mx-label{font-size:11.5px;fill:#27313d;paint-order:stroke;stroke:#fff;"
      "stroke-width:3px;stroke-linejoin:round}.mx-label.t1{font-weight:600;fill:#101820}"
      ".mx-mark circle{stroke:#fff;stroke-width:1.2}.mx-mark:hover circle,.mx-mark.hl circle{"
      "stroke:#111;stroke-width:2.2}.mx-label.hl{fill:#000;font-weight:700}"
      ".mx-label.num{font-size:10.5px;fill:#6b7580}.mx-leader{stroke:#8a939e;stroke-width:0.8}</"
      "style>\n";
  svg += "<rect width=\"" + n(kWidth) + "\" height=\"" + n(kHeight) + "\" fill=\"#ffffff\"/>\n";
  svg += "<text x=\"24\" y=\"36\" font-size=\"20\" font-weight=\"700\" fill=\"#14213d\">" +
         xml_escape(spec.title) + "</text>\n";
  svg += "<text x=\"24\" y=\"58\" font-size=\"12.5\" fill=\"#5c6670\">" +
         xml_escape(spec.subtitle) + "</text>\n";

  // Legend: E/S/G colours present, tier sizes, the reference line.
  {
    double x = 24, y = 84;
    bool present[4] = {false, false, false, false};
    for (const auto& p : spec.points)
      present[static_cast<int>(p.issue->category)] = true;
    const Category order[4] = {Category::environmental, Category::social, Category::governance,
                               Category::unspecified};
    svg += "<g class=\"mx-legend\" font-size=\"12\" fill=\"#33404d\">";
    for (Category c : order) {
      if (!present[static_cast<int>(c)]) continue;
      std::string label = category_word(c, w);
      svg += "<circle cx=\"" + n(x + 6) + "\" cy=\"" + n(y - 4) + "\" r=\"6\" fill=\"" +
             std::string(category_colour(c)) + "\"/><text x=\"" + n(x + 16) + "\" y=\"" + n(y) +
             "\">" + xml_escape(label) + "</text>";
      x += 16 + estimate_text_width(label, 12) + 18;
    }
    x += 10;
    std::string tier_label = std::string(w.legend_tier);
    svg += "<text x=\"" + n(x) + "\" y=\"" + n(y) + "\">" + xml_escape(tier_label) + "</text>";
    x += estimate_text_width(tier_label, 12) + 8;
    for (int t = 1; t <= std::min(tiers, 3); ++t) {
      double r = mark_radius(t);
      svg += "<circle cx=\"" + n(x + r) + "\" cy=\"" + n(y - 4) + "\" r=\"" + n(r) +
             "\" fill=\"#8d949e\"/><text x=\"" + n(x + 2 * r + 4) + "\" y=\"" + n(y) + "\">" +
             std::to_string(t) + (t == 3 && tiers > 3 ? "+" : "") + "</text>";
      x += 2 * r + 22;
    }
    if (spec.x_line || spec.y_line) {
      x += 10;
      svg += "<line x1=\"" + n(x) + "\" y1=\"" + n(y - 4) + "\" x2=\"" + n(x + 26) + "\" y2=\"" +
             n(y - 4) + "\" stroke=\"#c0392b\" stroke-width=\"1.4\" stroke-dasharray=\"5 4\"/>";
      svg += "<text x=\"" + n(x + 32) + "\" y=\"" + n(y) + "\">" + xml_escape(spec.line_caption) +
             "</text>";
    }
    svg += "</g>\n";
  }

  // Plot background, the "both" quadrant, grid and ticks.
  svg += "<rect x=\"" + n(plot_left) + "\" y=\"" + n(plot_top) + "\" width=\"" +
         n(plot_right - plot_left) + "\" height=\"" + n(plot_bottom - plot_top) +
         "\" fill=\"#f8f9fb\" stroke=\"#c9d0d8\"/>\n";
  std::vector<LabelBox> obstacles;
  if (spec.x_line && spec.y_line) {
    double qx = ax.map(*spec.x_line), qy = ay.map(*spec.y_line);
    svg += "<rect class=\"mx-quadrant-both\" x=\"" + n(qx) + "\" y=\"" + n(plot_top) +
           "\" width=\"" + n(plot_right - qx) + "\" height=\"" + n(qy - plot_top) +
           "\" fill=\"#fdf0de\"/>\n";
  }
  svg += "<g class=\"mx-grid\" stroke=\"#e3e7ec\" stroke-width=\"1\">";
  const int x_ticks = static_cast<int>(std::lround((ax.hi - ax.lo) / ax.step));
  const int y_ticks = static_cast<int>(std::lround((ay.hi - ay.lo) / ay.step));
  for (int i = 1; i < x_ticks; ++i) {
    double px = ax.map(ax.lo + i * ax.step);
    svg += "<line x1=\"" + n(px) + "\" y1=\"" + n(plot_top) + "\" x2=\"" + n(px) + "\" y2=\"" +
           n(plot_bottom) + "\"/>";
  }
  for (int i = 1; i < y_ticks; ++i) {
    double py = ay.map(ay.lo + i * ay.step);
    svg += "<line x1=\"" + n(plot_left) + "\" y1=\"" + n(py) + "\" x2=\"" + n(plot_right) +
           "\" y2=\"" + n(py) + "\"/>";
  }
  svg += "</g>\n<g class=\"mx-ticks\" font-size=\"11\" fill=\"#5c6670\">";
  for (int i = 0; i <= x_ticks; ++i) {
    double v = ax.lo + i * ax.step;
    svg += "<text x=\"" + n(ax.map(v)) + "\" y=\"" + n(plot_bottom + 17) +
           "\" text-anchor=\"middle\">" + tick_text(v, spec.x_percent) + "</text>";
  }
  for (int i = 0; i <= y_ticks; ++i) {
    double v = ay.lo + i * ay.step;
    svg += "<text x=\"" + n(plot_left - 8) + "\" y=\"" + n(ay.map(v) + 4) +
           "\" text-anchor=\"end\">" + tick_text(v, false) + "</text>";
  }
  svg += "</g>\n";
  svg += "<text class=\"mx-axis-title\" x=\"" + n((plot_left + plot_right) / 2) + "\" y=\"" +
         n(plot_bottom + 44) +
         "\" text-anchor=\"middle\" font-size=\"13.5\" font-weight=\"600\" "
         "fill=\"#1f2b38\">" +
         xml_escape(spec.x_title) + " →</text>\n";
  svg += "<text class=\"mx-axis-title\" transform=\"translate(30 " +
         n((plot_top + plot_bottom) / 2) +
         ") rotate(-90)\" text-anchor=\"middle\" font-size=\"13.5\" font-weight=\"600\" "
         "fill=\"#1f2b38\">" +
         xml_escape(spec.y_title) + " →</text>\n";

  // Reference lines and the quadrant captions (which labels then avoid).
  if (spec.x_line) {
    double px = ax.map(*spec.x_line);
    svg += "<line class=\"mx-threshold\" x1=\"" + n(px) + "\" y1=\"" + n(plot_top) + "\" x2=\"" +
           n(px) + "\" y2=\"" + n(plot_bottom) +
           "\" stroke=\"#c0392b\" stroke-width=\"1.4\" stroke-dasharray=\"5 4\"/>\n";
  }
  if (spec.y_line) {
    double py = ay.map(*spec.y_line);
    svg += "<line class=\"mx-threshold\" x1=\"" + n(plot_left) + "\" y1=\"" + n(py) + "\" x2=\"" +
           n(plot_right) + "\" y2=\"" + n(py) +
           "\" stroke=\"#c0392b\" stroke-width=\"1.4\" stroke-dasharray=\"5 4\"/>\n";
  }
  if (spec.x_line && spec.y_line) {
    const double pad = 7, font = 12;
    struct Caption {
      std::string_view text;
      bool right, top;
    };
    const Caption captions[4] = {{spec.captions[0], true, true},
                                 {spec.captions[1], false, true},
                                 {spec.captions[2], true, false},
                                 {spec.captions[3], false, false}};
    svg +=
        "<g class=\"mx-quadrant-captions\" font-size=\"12\" font-weight=\"600\" fill=\"#9aa4af\">";
    // Each caption goes in its quadrant's outer corner, else in another corner of the quadrant
    // that no mark touches (the top issues often sit in the outer corner of "both"), else nowhere
    // (the shading still shows the quadrant).
    const double qx = ax.map(*spec.x_line), qy = ay.map(*spec.y_line);
    auto touches_a_mark = [&](const LabelBox& box) {
      for (const auto& p : spec.points) {
        if (!std::isfinite(p.x) || !std::isfinite(p.y)) continue;
        const double r = mark_radius(p.issue->tier) + 2, cx = ax.map(p.x), cy = ay.map(p.y);
        if (cx + r > box.x && cx - r < box.x + box.width && cy + r > box.y &&
            cy - r < box.y + box.height)
          return true;
      }
      return false;
    };
    for (const auto& c : captions) {
      if (c.text.empty()) continue;
      const double width = estimate_text_width(c.text, font, true), height = font * kLineHeight;
      const double left = c.right ? qx : plot_left, right = c.right ? plot_right : qx;
      const double upper = c.top ? plot_top : qy, lower = c.top ? qy : plot_bottom;
      if (right - left < width + 2 * pad || lower - upper < height + 2 * pad) continue;
      const double corner_x[2] = {c.right ? right - pad - width : left + pad,
                                  c.right ? left + pad : right - pad - width};
      const double tops[2] = {c.top ? upper + pad : lower - pad - height,
                              c.top ? lower - pad - height : upper + pad};
      std::optional<LabelBox> spot;
      for (int corner = 0; corner < 4 && !spot; ++corner) {
        LabelBox box{corner_x[corner & 1], tops[corner >> 1], width, height};
        if (!touches_a_mark(box)) spot = box;
      }
      if (!spot) continue;
      const double x = spot->x, top = spot->y;
      obstacles.push_back(*spot);
      svg += "<text x=\"" + n(x) + "\" y=\"" + n(top + font * kAscent) + "\"" +
             (c.top && c.right ? " fill=\"#c8862e\"" : "") + ">" + xml_escape(c.text) + "</text>";
    }
    svg += "</g>\n";
  }

  // Tier bands: where each tier's issues lie along each axis (a range bar with a rug of ticks).
  {
    svg += "<g class=\"mx-tier-bands\">";
    for (int t = 1; t <= tiers; ++t) {
      double x_lo = std::numeric_limits<double>::infinity(), x_hi = -x_lo, y_lo = x_lo,
             y_hi = -x_lo;
      std::string rug;
      double row_y = top_strip_y + (t - 1) * strip_row, col_x = right_strip_x + (t - 1) * strip_row;
      for (const auto& p : spec.points) {
        if (p.issue->tier != t || !std::isfinite(p.x) || !std::isfinite(p.y)) continue;
        x_lo = std::min(x_lo, p.x), x_hi = std::max(x_hi, p.x);
        y_lo = std::min(y_lo, p.y), y_hi = std::max(y_hi, p.y);
        rug += "<line x1=\"" + n(ax.map(p.x)) + "\" y1=\"" + n(row_y + 1) + "\" x2=\"" +
               n(ax.map(p.x)) + "\" y2=\"" + n(row_y + strip_row - 3) + "\"/>";
        rug += "<line x1=\"" + n(col_x + 1) + "\" y1=\"" + n(ay.map(p.y)) + "\" x2=\"" +
               n(col_x + strip_row - 3) + "\" y2=\"" + n(ay.map(p.y)) + "\"/>";
      }
      std::string colour = tier_colour(t, tiers);
      svg += "<text x=\"" + n(plot_left - 8) + "\" y=\"" + n(row_y + strip_row - 3) +
             "\" text-anchor=\"end\" font-size=\"9.5\" fill=\"#5c6670\">" +
             xml_escape(std::string(w.tier_short) + std::to_string(t)) + "</text>";
      svg += "<text x=\"" + n(col_x + (strip_row - 2) / 2) + "\" y=\"" + n(plot_top - 4) +
             "\" text-anchor=\"middle\" font-size=\"9.5\" fill=\"#5c6670\">" +
             xml_escape(std::string(w.tier_short) + std::to_string(t)) + "</text>";
      if (!std::isfinite(x_lo)) continue;
      svg += "<g class=\"mx-tier-band\" data-tier=\"" + std::to_string(t) + "\" fill=\"" + colour +
             "\" fill-opacity=\"0.35\" stroke=\"" + colour + "\"><title>" +
             xml_escape(std::string(w.tier) + " " + std::to_string(t) + ": " + spec.x_title + " " +
                        fixed(x_lo, 3) + "–" + fixed(x_hi, 3) + "; " + spec.y_title + " " +
                        fixed(y_lo, 3) + "–" + fixed(y_hi, 3)) +
             "</title>";
      svg += "<rect x=\"" + n(ax.map(x_lo) - 2) + "\" y=\"" + n(row_y) + "\" width=\"" +
             n(ax.map(x_hi) - ax.map(x_lo) + 4) + "\" height=\"" + n(strip_row - 2) +
             "\" rx=\"3\" stroke-opacity=\"0.6\"/>";
      svg += "<rect x=\"" + n(col_x) + "\" y=\"" + n(ay.map(y_hi) - 2) + "\" width=\"" +
             n(strip_row - 2) + "\" height=\"" + n(ay.map(y_lo) - ay.map(y_hi) + 4) +
             "\" rx=\"3\" stroke-opacity=\"0.6\"/>";
      svg += "<g stroke-width=\"1\" stroke-opacity=\"0.9\">" + rug + "</g></g>";
    }
    svg += "</g>\n";
  }

  // Marks and labels. Labels go to the best-ranked issues first.
  std::vector<LabelMark> marks;
  std::vector<std::size_t> mark_of_point(spec.points.size(), SIZE_MAX);
  for (std::size_t i = 0; i < spec.points.size(); ++i) {
    const auto& p = spec.points[i];
    if (!std::isfinite(p.x) || !std::isfinite(p.y)) continue;
    mark_of_point[i] = marks.size();
    marks.push_back({ax.map(p.x), ay.map(p.y), mark_radius(p.issue->tier)});
  }
  std::vector<LabelRequest> requests;
  std::vector<std::size_t> point_of_request;
  std::size_t named = 0;
  for (std::size_t i = 0; i < spec.points.size(); ++i) {
    if (mark_of_point[i] == SIZE_MAX) continue;
    const IssueResult& issue = *spec.points[i].issue;
    double number_width = estimate_text_width(std::to_string(issue.rank), kNumberFont);
    if (named < options.max_labels) {
      ++named;
      requests.push_back(
          {mark_of_point[i],
           estimate_text_width(display_name(issue, options.language), kLabelFont, issue.tier == 1),
           kLabelFont * kLineHeight, options.label_reach, number_width});
    } else {
      requests.push_back({mark_of_point[i], number_width, kNumberFont * kLineHeight, 1e9, 0});
    }
    point_of_request.push_back(i);
  }
  // Numbers go to the most crowded marks first (most other marks touching or overlapping it:
  // centres closer than two tier-1 radii plus one): a mark deep in a cluster needs a leader out
  // of it, which numbers already placed around the cluster would block.
  {
    std::vector<std::size_t> crowd(requests.size(), 0);
    for (std::size_t r = 0; r < requests.size(); ++r)
      for (const auto& other : marks)
        crowd[r] += std::hypot(other.x - marks[requests[r].mark].x,
                               other.y - marks[requests[r].mark].y) < 16.0;
    std::vector<std::size_t> order(requests.size());
    for (std::size_t r = 0; r < order.size(); ++r)
      order[r] = r;
    std::stable_sort(order.begin() + static_cast<std::ptrdiff_t>(named), order.end(),
                     [&](std::size_t a, std::size_t b) { return crowd[a] > crowd[b]; });
    std::vector<LabelRequest> sorted_requests;
    std::vector<std::size_t> sorted_points;
    for (std::size_t r : order) {
      sorted_requests.push_back(requests[r]);
      sorted_points.push_back(point_of_request[r]);
    }
    requests = std::move(sorted_requests);
    point_of_request = std::move(sorted_points);
  }
  LabelBox bounds{plot_left + 1, plot_top + 1, plot_right - plot_left - 2,
                  plot_bottom - plot_top - 2};
  std::vector<LabelPlacement> placements = place_labels(marks, requests, bounds, obstacles);

  svg += "<g class=\"mx-leaders\">";
  for (std::size_t r = 0; r < placements.size(); ++r) {
    const auto& pl = placements[r];
    if (!pl.placed || !pl.leader) continue;
    svg += "<line class=\"mx-leader\" data-label-for=\"" +
           xml_escape(spec.points[point_of_request[r]].issue->id) + "\" x1=\"" + n(pl.x1) +
           "\" y1=\"" + n(pl.y1) + "\" x2=\"" + n(pl.x2) + "\" y2=\"" + n(pl.y2) + "\"/>";
  }
  svg += "</g>\n<g class=\"mx-marks\">\n";
  // Drawn from the last tier up so that tier 1 is on top.
  std::vector<std::size_t> draw_order;
  for (std::size_t i = 0; i < spec.points.size(); ++i)
    if (mark_of_point[i] != SIZE_MAX) draw_order.push_back(i);
  std::stable_sort(draw_order.begin(), draw_order.end(), [&](std::size_t a, std::size_t b) {
    return spec.points[a].issue->rank > spec.points[b].issue->rank;
  });
  for (std::size_t i : draw_order) {
    const IssueResult& issue = *spec.points[i].issue;
    const LabelMark& m = marks[mark_of_point[i]];
    double opacity = issue.tier <= 1 ? 1.0 : issue.tier == 2 ? 0.88 : 0.7;
    svg += "<g class=\"mx-mark\" data-issue=\"" + xml_escape(issue.id) + "\" data-rank=\"" +
           std::to_string(issue.rank) + "\" data-tier=\"" + std::to_string(issue.tier) +
           "\" data-category=\"" + std::string(category_code(issue.category)) + "\"><title>" +
           xml_escape(issue_tooltip(issue, result, options.language)) + "</title><circle cx=\"" +
           n(m.x) + "\" cy=\"" + n(m.y) + "\" r=\"" + n(m.radius) + "\" fill=\"" +
           std::string(category_colour(issue.category)) + "\" fill-opacity=\"" + fixed(opacity, 2) +
           "\"/></g>\n";
  }
  svg += "</g>\n<g class=\"mx-labels\">\n";
  std::size_t omitted = 0, numbered = 0;
  for (std::size_t r = 0; r < placements.size(); ++r) {
    const auto& pl = placements[r];
    const IssueResult& issue = *spec.points[point_of_request[r]].issue;
    if (!pl.placed) {
      ++omitted;
      continue;
    }
    bool as_number = pl.fallback || requests[r].fallback_width == 0;
    numbered += as_number;
    std::string classes = as_number ? "mx-label num" : issue.tier == 1 ? "mx-label t1" : "mx-label";
    svg +=
        "<text class=\"" + classes + "\" data-label-for=\"" + xml_escape(issue.id) + "\" x=\"" +
        n(pl.box.x) + "\" y=\"" +
        n(pl.box.y + (requests[r].fallback_width == 0 ? kNumberFont : kLabelFont) * kAscent) +
        "\" data-box=\"" + n(pl.box.x) + " " + n(pl.box.y) + " " + n(pl.box.width) + " " +
        n(pl.box.height) + "\">" +
        xml_escape(as_number ? std::to_string(issue.rank) : display_name(issue, options.language)) +
        "</text>\n";
  }
  svg += "</g>\n";
  std::string note;
  if (numbered > 0) note = std::string(w.numbers_are_ranks);
  if (omitted > 0)
    note +=
        (note.empty() ? "" : " · ") + std::to_string(omitted) + " " + std::string(w.labels_omitted);
  if (!note.empty())
    svg += "<text class=\"mx-note\" x=\"24\" y=\"" + n(kHeight - 12) +
           "\" font-size=\"11.5\" fill=\"#6b7580\">" + xml_escape(note) + "</text>\n";
  svg += "</svg>\n";
  return svg;
}

std::string subtitle(const Result& result, const ReportOptions& options, std::string_view extra) {
  const Words& w = words(options.language);
  std::string text = std::to_string(result.companies) + " " + std::string(w.firms) + " · " +
                     std::to_string(result.issues.size()) + " " + std::string(w.issues_word) +
                     " · " + std::string(w.method) + " " + result.method + " · " +
                     std::string(w.tiers_spec) + " " + result.tiers;
  if (!extra.empty()) text += " · " + std::string(extra);
  return text;
}

ChartSpec titled_chart(std::string_view id, std::string_view title, std::string subtitle,
                       std::string_view x_title, std::string_view y_title) {
  ChartSpec spec;
  spec.id = id;
  spec.title = title;
  spec.subtitle = std::move(subtitle);
  spec.x_title = x_title;
  spec.y_title = y_title;
  return spec;
}

}  // namespace report_detail

std::string double_materiality_svg(const Result& result, const ReportOptions& options) {
  using namespace report_detail;
  const Words& w = words(options.language);
  ChartSpec spec = titled_chart(
      "double-materiality", w.dm_title,
      subtitle(result, options,
               std::string(w.threshold) + " " + fixed(result.stakeholder_threshold, 2) + " / " +
                   fixed(result.business_threshold, 2)),
      w.dm_x, w.dm_y);
  spec.x_line = result.business_threshold;
  spec.y_line = result.stakeholder_threshold;
  spec.line_caption = w.threshold;
  spec.captions = {std::string(w.quadrant_both), std::string(w.quadrant_stakeholder),
                   std::string(w.quadrant_business), std::string(w.quadrant_neither)};
  for (const auto& issue : result.issues)
    spec.points.push_back({&issue, issue.business, issue.stakeholder});
  return render_chart(spec, result, options);
}

std::string composite_svg(const Result& result, const ReportOptions& options) {
  using namespace report_detail;
  const Words& w = words(options.language);
  std::vector<const IssueResult*> shown = composite_issues(result, options);
  std::string which = shown.size() == result.issues.size() ? std::string(w.composite_note_all)
                                                           : std::string(w.composite_note_top);
  if (auto at = which.find("{k}"); at != std::string::npos)
    which.replace(at, 3, std::to_string(shown.size()));
  ChartSpec spec = titled_chart("composite", w.composite_title, subtitle(result, options, which),
                                w.composite_x, w.composite_y);
  spec.x_percent = true;
  // Reference lines: the analysis's composite thresholds when the chart shows the issues the
  // analysis put in its composite matrix; otherwise (a different top-K asked of the report) the
  // mean of the shown issues, the usual split of a 2x2 portfolio view.
  double sum_x = 0, sum_y = 0;
  std::size_t count = 0;
  for (const IssueResult* issue : shown) {
    spec.points.push_back({issue, issue->attention_share, issue->importance});
    if (std::isfinite(issue->attention_share) && std::isfinite(issue->importance))
      sum_x += issue->attention_share, sum_y += issue->importance, ++count;
  }
  auto all_or_k = [&](std::size_t k) { return k == 0 || k >= result.issues.size() ? 0 : k; };
  const bool same_issues = all_or_k(options.composite_top) == all_or_k(result.composite_top);
  if (same_issues && std::isfinite(result.composite_attention_threshold) &&
      std::isfinite(result.composite_importance_threshold)) {
    spec.x_line = result.composite_attention_threshold;
    spec.y_line = result.composite_importance_threshold;
    spec.line_caption = w.threshold;
  } else if (count > 0) {
    spec.x_line = sum_x / static_cast<double>(count);
    spec.y_line = sum_y / static_cast<double>(count);
    spec.line_caption = w.mean_line;
  }
  return render_chart(spec, result, options);
}

}  // namespace materia
