// materia agreement (FILE | --sample NAME): Kendall's W across firms, Friedman's test, and the
// most and least typical firms.
#include "cli/analysis_options.hpp"
#include "cli/commands.hpp"
#include "materia/run/run.hpp"
#include "materia/stats/stats.hpp"

namespace materia::cli {

void add_agreement_command(CLI::App& app) {
  struct Options {
    AnalysisFlags analysis;
    std::size_t show = 3;
    Output output;
  };
  auto verb = analysis_verb<Options>(
      app, "agreement",
      "How much firms agree: Kendall's W, Friedman's test, most and least typical firms");
  verb.option("--show", &Options::show, "How many most and least typical firms (default 3)");
  verb.run([](const Options& options) {
    Request request = to_request(options.analysis);
    // The agreement reads the firms' rankings only: resampling them would change nothing.
    request.bootstrap = 0;
    request.leave_one_out = false;
    Run done = run(options.analysis.source, std::move(request));
    options.output.write(render(firm_agreement(done.result), options.output.format, options.show));
  });
}

}  // namespace materia::cli
