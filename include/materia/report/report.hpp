#pragma once
/// \file report.hpp
/// Reports people look at: the two matrices as SVG, one self-contained HTML page, and the tables
/// as CSV (UTF-8 with BOM) and Excel. Every function is pure (Result in, bytes out) and
/// deterministic: the same Result and options give the same bytes.
///
///     auto result = materia::analyze(materia::load_sample("fintech-2024"));
///     materia::write_report(result, "out", {});   // out/report.html, out/*.svg, out/issues.*

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "materia/model/result.hpp"
#include "materia/model/taxonomy.hpp"

namespace materia {

/// Language of every text a report shows (axis titles, headings, issue names).
enum class ReportLanguage { zh, en };
/// Parses "zh" or "en"; throws Error(usage) otherwise.
ReportLanguage parse_report_language(std::string_view text);

struct ReportOptions {
  ReportLanguage language = ReportLanguage::zh;
  /// The composite matrix shows the `composite_top` issues with the highest attention (ties by
  /// rank); 0 shows every issue. The source report used 29.
  std::size_t composite_top = 0;
  /// The first `max_labels` issues of a chart (by rank) are labelled with their names; the others,
  /// and any name that finds no room near its mark, with their rank number (the table's key).
  /// Keeps a crowded chart legible.
  std::size_t max_labels = 40;
  /// How far (SVG units) a name may sit from its mark before the rank number replaces it.
  double label_reach = 150;
  /// The coverage heatmap shows at most this many firms (columns) and issues (rows); the page
  /// says when it cuts.
  std::size_t max_heatmap_firms = 120;
  std::size_t max_heatmap_issues = 200;
  /// When set, the normalization review shows how each raw name resolved (exact, alias, fuzzy,
  /// unmatched) and flags fuzzy matches for review. Not owned; must outlive the call.
  const Taxonomy* taxonomy = nullptr;
  /// Shown in the header (e.g. the input file name); empty shows nothing.
  std::string source;
  /// write_report also writes each chart as PNG (at `png_scale` times its size) and as PDF, for
  /// slides (svg_to_png, svg_to_pdf).
  bool png = false;
  bool pdf = false;
  double png_scale = 2.0;
};

/// The double materiality matrix: business (x) against stakeholder (y) importance, with the
/// quadrant thresholds, tier bands along both axes, one mark per issue coloured by E/S/G.
std::string double_materiality_svg(const Result& result, const ReportOptions& options = {});
/// The composite importance matrix: attention share (x) against importance (y). Its reference
/// lines are the analysis's composite thresholds (Result::composite_attention_threshold and
/// composite_importance_threshold) when `composite_top` selects the issues the analysis put in its
/// composite matrix (Result::composite_top), else the means of the shown issues.
std::string composite_svg(const Result& result, const ReportOptions& options = {});
/// One self-contained HTML page (inline SVG, CSS and a little JS; nothing fetched).
std::string report_html(const Result& result, const ReportOptions& options = {});
/// The issue table as CSV: UTF-8 with a BOM (so Excel reads Chinese), RFC 4180 quoting, the
/// columns of `to_csv` (with the bootstrap and leave-one-out columns when they ran). Under zh the
/// header is Chinese and so are quadrants and true/false; under en it is `to_csv`'s text.
std::string issues_csv(const Result& result, const ReportOptions& options = {});
/// The tables as an Excel workbook (one sheet per table), as the bytes of the .xlsx file; sheet
/// names, headers and words in cells follow `options.language` as in issues_csv.
std::string issues_xlsx(const Result& result, const ReportOptions& options = {});

/// A chart (an SVG above) as PNG, `scale` times its size (2 = sharp on a slide), on white. Drawn
/// by librsvg and cairo, loaded at the first call (they are LGPL; Debian librsvg2-2, libcairo2):
/// text in the charts' font stack, Noto Sans CJK first. Throws Error(usage) for a scale outside
/// (0, 16], Error(internal) naming the library when it cannot be loaded or cannot draw.
std::string svg_to_png(std::string_view svg, double scale = 2.0);
/// The same chart as a one-page vector PDF, one point per SVG unit, fonts embedded; fixed dates,
/// so the same chart gives the same bytes.
std::string svg_to_pdf(std::string_view svg);

/// The files `write_report` writes, in order (without PNG and PDF charts).
std::vector<std::string> report_file_names();
/// The same with the charts `options` asks for: double_materiality.png, composite.png, then the
/// .pdf files.
std::vector<std::string> report_file_names(const ReportOptions& options);
/// Creates `directory` if needed and writes every report file into it, each atomically.
/// Throws Error(input) naming the file that cannot be written.
void write_report(const Result& result, const std::string& directory,
                  const ReportOptions& options = {});

// ---------------------------------------------------------------------------------------------
// Label placement, exposed so it can be tested and reused (e.g. by the Python plots).

/// An axis-aligned box in SVG user units: top-left corner, width and height.
struct LabelBox {
  double x = 0, y = 0, width = 0, height = 0;
  bool intersects(const LabelBox& other) const;
};
/// A mark on a chart: labels never cover any mark.
struct LabelMark {
  double x = 0, y = 0, radius = 0;
};
/// A label to place next to `marks[mark]`: at most `reach` away (a leader line joins it when it
/// does not touch the mark); if it does not fit and `fallback_width` > 0, a short stand-in of
/// that width (e.g. the rank number) is placed instead, as far away as needed.
struct LabelRequest {
  std::size_t mark = 0;
  double width = 0, height = 0;
  double reach = 1e9;
  double fallback_width = 0;
};
/// Where a label went. Without `placed` the label did not fit anywhere in the bounds; with
/// `leader` it sits away from its mark and a line joins (x1,y1) on the mark's rim to (x2,y2)
/// on the label's box.
struct LabelPlacement {
  LabelBox box;
  bool placed = false;
  bool leader = false;
  bool fallback = false;  ///< the stand-in was placed, not the label
  double x1 = 0, y1 = 0, x2 = 0, y2 = 0;
};

/// Places labels greedily in the order given (put the most important first): first in one of
/// eight slots touching the mark, else at the cheapest spot on rings of growing distance, with a
/// leader line that crosses no placed label (crossing a mark or another leader costs extra).
/// Deterministic; placed boxes never overlap each other, any mark nor any of `obstacles` (e.g.
/// captions already drawn), and stay inside `bounds`.
std::vector<LabelPlacement> place_labels(const std::vector<LabelMark>& marks,
                                         const std::vector<LabelRequest>& labels,
                                         const LabelBox& bounds,
                                         const std::vector<LabelBox>& obstacles = {});

/// A conservative width of `text` set in the report's font stack at `font_size` (wide East Asian
/// characters take 1 em, Latin letters their approximate Noto Sans advance).
double estimate_text_width(std::string_view text, double font_size, bool bold = false);

}  // namespace materia
