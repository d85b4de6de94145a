// materia breaks --method M --classes K [FILE|-]: one number per line in; breaks, classes, GVF out.
#include "cli/commands.hpp"
#include "materia/error.hpp"
#include "materia/io/io.hpp"
#include "materia/run/run.hpp"
#include "materia/tier/tier.hpp"

namespace materia::cli {

void add_breaks_command(CLI::App& app) {
  struct Options {
    std::string file = "-", method = "fisher";
    int classes = 3;
    double threshold = 0.4;
    unsigned threads = 0;
    Output output{"", Format::json};
  };
  auto options = std::make_shared<Options>();
  CLI::App* command =
      app.add_subcommand("breaks", "Class breaks of a list of numbers (classInt conventions)");
  command->add_option("file", options->file, "One number per line; - for standard input (default)");
  command->add_option("--method", options->method,
                      "fisher (default), jenks, quantile, equal, headtail");
  command->add_option("--classes,-k", options->classes,
                      "Number of classes K (default 3; not for headtail)");
  command->add_option("--threshold", options->threshold,
                      "headtail: the largest head share that keeps splitting (default 0.4)");
  command->add_option("--threads", options->threads,
                      "Threads for fisher and jenks on large inputs (default: all cores; the "
                      "output does not depend on it)");
  add_output_options(*command, options->output);
  command->callback([options] {
    BreakMethod method = parse_break_method(options->method);
    if (options->classes < 1) throw_usage_error("--classes must be at least 1");
    if (!(options->threshold > 0 && options->threshold < 1))
      throw_usage_error("--threshold must be in (0, 1)");
    const Execution execution{options->threads};
    std::vector<double> values = read_number_lines(
        read_file(options->file), options->file == "-" ? "<stdin>" : options->file, execution);
    Breaks breaks = natural_breaks(values, options->classes, method, options->threshold, execution);
    options->output.write(
        render(breaks, break_method_name(method), values, options->output.format));
  });
}

}  // namespace materia::cli
