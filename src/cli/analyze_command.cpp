// materia analyze (FILE | --sample NAME) [--method M] [--tiers SPEC] [--universe N] ...
#include <iostream>
#include <optional>

#include "cli/analysis_options.hpp"
#include "cli/commands.hpp"
#include "runtime/parallel.hpp"
#include "runtime/stage_mark.hpp"
#include "materia/analyze/analyze.hpp"
#include "materia/error.hpp"
#include "materia/io/io.hpp"
#include "materia/output/output.hpp"
#include "materia/text/text.hpp"

namespace materia::cli {

void add_analyze_command(CLI::App& app) {
  struct Options {
    AnalysisFlags analysis;
    std::string output;
    Format format = Format::table;
  };
  auto options = std::make_shared<Options>();
  CLI::App* command = app.add_subcommand(
      "analyze", "Rank issues across firms: composite score, tiers, double materiality axes");
  add_analysis_options(*command, options->analysis);
  command->add_option("-o,--output", options->output,
                      "Write to this file (atomically) instead of stdout");
  add_format_option(*command, options->format);
  command->callback([options] {
    // Options first: a usage error is reported before any file is read.
    AnalyzeOptions analyze_options = to_analyze_options(options->analysis);
    // The printed ranking never shows the issues' listings; only resampling reads them.
    const UncertaintyFlags& uncertainty = options->analysis.uncertainty;
    analyze_options.keep_listings = uncertainty.bootstrap > 0 || uncertainty.leave_one_out;
    materia::detail::stage_mark("start");
    // Folding's dictionaries load on a worker while the input is read (folding_prepared waits
    // for them, whatever happens); a failure here is the first fold's to report. Not with
    // --threads 1: they load at the first fold then.
    std::optional<materia::detail::Concurrent<void>> folding_prepared;
    const Execution execution = to_execution(options->analysis);
    if (execution.threads != 1)
      folding_prepared.emplace(
          [] {
            try {
              prepare_folding();
            } catch (...) {
            }
          },
          true);
    Dataset dataset = load_dataset(options->analysis, /*validate=*/false);  // analyze() does
    materia::detail::stage_mark("load");
    Result result = analyze(dataset, analyze_options, execution);
    materia::detail::stage_mark("analyze");
    run_uncertainty(dataset, analyze_options, options->analysis.uncertainty, result);
    for (const auto& warning : result.warnings)
      std::cerr << "materia: warning: " << warning << "\n";
    switch (options->format) {
      case Format::json:
        emit(to_json_text(result), options->output);
        materia::detail::stage_mark("json");
        break;
      case Format::csv:
        emit(to_csv(result), options->output);
        break;
      case Format::table:
        emit(to_table(result), options->output);
        break;
    }
    keep_until_exit(std::move(dataset));
    keep_until_exit(std::move(result));
  });
}

}  // namespace materia::cli
