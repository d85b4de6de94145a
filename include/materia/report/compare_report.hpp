#pragma once
/// \file compare_report.hpp
/// Charts and pages of a comparison (`compare`: A against B) and a benchmark (`benchmark`: a firm
/// against its peers). Pure and deterministic like the rest of the report stage.
///
///     auto c = materia::compare(last_year, this_year, {}, {.label_a = "2024", .label_b = "2025"});
///     materia::write_compare_report(c, "out", {});  // out/compare.html, slope.svg, arrows.svg

#include <cstddef>
#include <string>
#include <vector>

#include "materia/compare/compare.hpp"
#include "materia/report/report.hpp"

namespace materia {

/// How many issues (by their better rank) the slope chart shows besides the significant moves.
inline constexpr std::size_t kSlopeTop = 30;

/// Slope chart of ranks A -> B: two rank axes (rank 1 at the top), one line per issue in both,
/// names at both ends; significant moves coloured and thick, the rest muted. Entered issues sit
/// on B's axis only, issues that left on A's. Shows the `kSlopeTop` best-ranked issues (by their
/// better rank) plus every significant move; a caption counts the others.
std::string compare_slope_svg(const Comparison& comparison, const ReportOptions& options = {});
/// The double materiality matrix with an arrow from each issue's A position to its B position
/// (B's thresholds and quadrants); entered and left issues marked, significant moves emphasised.
std::string compare_matrix_svg(const Comparison& comparison, const ReportOptions& options = {});
/// The peers' consensus matrix (muted) with the firm's own points over it, each joined to the
/// consensus point of its issue; blind spots and distinctive issues marked.
std::string benchmark_matrix_svg(const Benchmark& benchmark, const ReportOptions& options = {});

/// One self-contained page: both charts, the issue table (the JSON fields of `compare`), tau-b,
/// tier migrations, the firms in one side only, the method.
std::string compare_report_html(const Comparison& comparison, const ReportOptions& options = {});
/// One self-contained page: the chart, the issue table (the JSON fields of `benchmark`), tau-b
/// and percentile, the peers, the method.
std::string benchmark_report_html(const Benchmark& benchmark, const ReportOptions& options = {});

/// The files each writer writes, in order.
std::vector<std::string> compare_report_file_names();    ///< compare.html, slope.svg, arrows.svg
std::vector<std::string> benchmark_report_file_names();  ///< benchmark.html, benchmark.svg
/// Creates `directory` if needed and writes every file, each atomically, after rendering all.
/// Throws Error(input) naming the file (or directory) that cannot be written.
void write_compare_report(const Comparison& comparison, const std::string& directory,
                          const ReportOptions& options = {});
void write_benchmark_report(const Benchmark& benchmark, const std::string& directory,
                            const ReportOptions& options = {});

}  // namespace materia
