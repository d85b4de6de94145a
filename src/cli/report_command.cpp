// materia report (FILE | --sample NAME) --out DIR [--method M] [--tiers SPEC] [--lang zh|en] ...
#include <iostream>

#include "cli/analysis_options.hpp"
#include "cli/commands.hpp"
#include "materia/analyze/analyze.hpp"
#include "materia/error.hpp"
#include "materia/io/io.hpp"
#include "materia/report/report.hpp"

namespace materia::cli {

void add_report_command(CLI::App& app) {
  struct Options {
    std::string file, sample, out, method = "borda-normalized", tiers = "fisher:3", taxonomy,
                                   language = "zh";
    std::size_t universe = 0;
    MatrixFlags matrix;
  };
  auto options = std::make_shared<Options>();
  CLI::App* command = app.add_subcommand(
      "report",
      "Write report.html, double_materiality.svg, composite.svg, issues.csv and issues.xlsx");
  command->add_option("file", options->file, "Dataset (JSON or long CSV); - for standard input");
  command->add_option("--sample", options->sample, "Use a built-in sample dataset (fintech-2024)");
  command
      ->add_option("--out", options->out, "Directory to write the report into (created if needed)")
      ->required();
  command->add_option("--method", options->method, "Aggregation method (default borda-normalized)");
  command->add_option(
      "--tiers", options->tiers,
      "Tier spec: counts:26,23,42 | shares:.. | thresholds:.. | quantile:K | fisher:K");
  command->add_option("--lang", options->language, "Language of the report: zh (default) or en");
  command->add_option("--universe", options->universe,
                      "N, the number of issues rankings are out of (default: distinct issues)");
  command->add_option("--taxonomy", options->taxonomy,
                      "Override the dataset's taxonomy: a built-in name, none, or a JSON file");
  add_matrix_options(*command, options->matrix);
  command->callback([options] {
    if (options->file.empty() == options->sample.empty())
      throw_usage_error("give either a FILE or --sample NAME");
    AnalyzeOptions analyze_options;
    analyze_options.method = parse_method(options->method);
    analyze_options.tiers = TierSpec::parse(options->tiers);
    if (options->universe > 0) analyze_options.universe = options->universe;
    analyze_options.matrix = to_matrix_options(options->matrix);
    ReportOptions report_options;
    report_options.language = parse_report_language(options->language);
    report_options.composite_top = analyze_options.matrix.composite_top;

    Dataset dataset;
    if (!options->sample.empty()) {
      if (!options->taxonomy.empty())
        throw_usage_error("--taxonomy cannot be combined with --sample");
      dataset = load_sample(options->sample);
      report_options.source = "--sample " + options->sample;
    } else {
      dataset = load_dataset_file(options->file, LoadOptions{options->taxonomy});
      report_options.source = options->file == "-" ? "<stdin>" : options->file;
    }
    Result result = analyze(dataset, analyze_options);
    for (const auto& warning : result.warnings)
      std::cerr << "materia: warning: " << warning << "\n";
    report_options.taxonomy = &dataset.taxonomy;
    write_report(result, options->out, report_options);
    for (const auto& name : report_file_names())
      std::cout << options->out << "/" << name << "\n";
  });
}

}  // namespace materia::cli
