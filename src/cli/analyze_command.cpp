// materia analyze (FILE | --sample NAME) [--method M] [--tiers SPEC] [--universe N] ...
// [--sensitivity]
#include <iostream>

#include "cli/analysis_options.hpp"
#include "cli/commands.hpp"
#include "materia/error.hpp"
#include "materia/run/run.hpp"
#include "materia/run/sensitivity.hpp"

namespace materia::cli {

void add_analyze_command(CLI::App& app) {
  struct Options {
    AnalysisFlags analysis;
    bool sensitivity = false;
    Output output;
  };
  auto verb = analysis_verb<Options>(
      app, "analyze", "Rank issues across firms: composite score, tiers, double materiality axes");
  verb.flag("--sensitivity", &Options::sensitivity,
            "Instead of the ranking: each issue's rank and tier under every method and under "
            "other universes N, against the main analysis");
  verb.run([](const Options& options) {
    // Options first: a usage error is reported before any file is read.
    Request request = to_request(options.analysis);
    if (options.sensitivity) {
      if (request.resamples())
        throw_usage_error("--sensitivity cannot be combined with --bootstrap or --leave-one-out");
      Dataset dataset = load(options.analysis.source, request.execution);
      Sensitivity table = sensitivity(dataset, request.options, request.execution);
      for (const auto& warning : table.warnings)
        std::cerr << "materia: warning: " << warning << "\n";
      options.output.print(table);
      keep_until_exit(std::move(dataset));
      return;
    }
    // The printed ranking never shows the issues' listings; only resampling reads them.
    request.options.keep_listings = request.resamples();
    Run done = run(options.analysis.source, std::move(request));
    for (const auto& warning : done.result.warnings)
      std::cerr << "materia: warning: " << warning << "\n";
    options.output.print(done.result);
    if (options.output.format == Format::json) mark_stage("json");
    keep_until_exit(std::move(done));
  });
}

}  // namespace materia::cli
