// materia explain (FILE | --sample NAME) ISSUE: why an issue stands where it stands.
#include <utility>

#include "cli/analysis_options.hpp"
#include "cli/commands.hpp"
#include "materia/error.hpp"
#include "materia/run/run.hpp"

namespace materia::cli {

void add_explain_command(CLI::App& app) {
  struct Options {
    AnalysisFlags analysis;
    std::string issue;
    Output output;
  };
  auto verb = analysis_verb<Options>(
      app, "explain",
      "Why an issue ranks where it does: names merged, each firm's part, tier margins");
  verb.option("issue", &Options::issue, "Issue id, name, or any name merged into it");
  verb.run([](Options& options) {
    DatasetSource& source = options.analysis.source;
    // with --sample the one positional argument is the issue
    if (!source.sample.empty() && options.issue.empty()) std::swap(options.issue, source.file);
    if (options.issue.empty()) throw_usage_error("name the ISSUE to explain");
    Run done = run(source, to_request(options.analysis));
    options.output.print(explain(done, options.issue));
  });
}

}  // namespace materia::cli
