// materia report (FILE | --sample NAME) -o DIR [--lang zh|en] [--png] [--pdf] and every flag of
// analyze.
#include <iostream>

#include "cli/analysis_options.hpp"
#include "cli/commands.hpp"
#include "materia/report/report.hpp"
#include "materia/run/run.hpp"

namespace materia::cli {

void add_report_command(CLI::App& app) {
  struct Options {
    AnalysisFlags analysis;
    std::string out, language = "zh";
    bool png = false, pdf = false;
  };
  auto verb = analysis_verb<Options>(
      app, "report",
      "Write report.html, double_materiality.svg, composite.svg, issues.csv and issues.xlsx");
  verb.option("-o,--output,--out", &Options::out,
              "Directory to write the report into (created if needed)")
      ->required();
  verb.option("--lang", &Options::language,
              "Language of the report, its tables' headers and words: zh (default) or en");
  verb.flag("--png", &Options::png,
            "Also write double_materiality.png and composite.png (twice the SVG size) for slides");
  verb.flag("--pdf", &Options::pdf, "Also write double_materiality.pdf and composite.pdf");
  verb.on_given([](const Options& options) {
    Request request = to_request(options.analysis);
    ReportOptions report_options;
    report_options.language = parse_report_language(options.language);
    report_options.composite_top = request.options.matrix.composite_top;
    report_options.source = options.analysis.source.label();
    report_options.png = options.png;
    report_options.pdf = options.pdf;
    Run done = run(options.analysis.source, std::move(request));
    for (const auto& warning : done.result.warnings)
      std::cerr << "materia: warning: " << warning << "\n";
    report_options.taxonomy = &done.dataset->taxonomy;
    write_report(done.result, options.out, report_options);
    for (const auto& name : report_file_names(report_options))
      std::cout << options.out << "/" << name << "\n";
  });
}

}  // namespace materia::cli
