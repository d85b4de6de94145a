#pragma once
// The chart renderer behind double_materiality_svg and composite_svg.

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "materia/model/result.hpp"
#include "materia/report/report.hpp"

namespace materia::report_detail {

struct ChartPoint {
  const IssueResult* issue = nullptr;
  double x = 0, y = 0;  ///< data values on [0,1]
};

/// What one matrix shows; points in rank order (labels are placed in this order).
struct ChartSpec {
  std::string id;  ///< the svg element's id
  std::string title, subtitle, x_title, y_title;
  std::vector<ChartPoint> points;
  std::optional<double> x_line, y_line;  ///< reference lines (thresholds or means)
  std::string line_caption;              ///< what the reference lines are, for the legend
  /// Quadrant captions: top-right, top-left, bottom-right, bottom-left ("" = none).
  std::array<std::string, 4> captions;
  bool x_percent = false;  ///< x ticks as percentages
};

/// A chart with its id and titles set; its points and reference lines are left to the caller.
ChartSpec titled_chart(std::string_view id, std::string_view title, std::string subtitle,
                       std::string_view x_title, std::string_view y_title);
std::string render_chart(const ChartSpec& spec, const Result& result, const ReportOptions& options);
/// The tooltip of an issue's mark: names, rank, tier, score, both axes, attention, E/S/G.
std::string issue_tooltip(const IssueResult& issue, const Result& result, ReportLanguage language);
/// "23 firms · 91 issues · method … · tiers …" plus `extra`.
std::string subtitle(const Result& result, const ReportOptions& options, std::string_view extra);

}  // namespace materia::report_detail
