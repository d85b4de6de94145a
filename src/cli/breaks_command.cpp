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
  Verb<Options> verb(app, "breaks", "Class breaks of a list of numbers (classInt conventions)");
  verb.add_file("One number per line; - for standard input (default)");
  verb.option("--method", &Options::method, "fisher (default), jenks, quantile, equal, headtail");
  verb.option("--classes,-k", &Options::classes,
              "Number of classes K (default 3; not for headtail)");
  verb.option("--threshold", &Options::threshold,
              "headtail: the largest head share that keeps splitting (default 0.4)");
  verb.option("--threads", &Options::threads,
              "Threads for fisher and jenks on large inputs (default: all cores; the "
              "output does not depend on it)");
  verb.run([](const Options& options) {
    BreakMethod method = parse_break_method(options.method);
    if (options.classes < 1) throw_usage_error("--classes must be at least 1");
    if (!(options.threshold > 0 && options.threshold < 1))
      throw_usage_error("--threshold must be in (0, 1)");
    const Execution execution{options.threads};
    std::vector<double> values = read_number_lines(
        read_file(options.file), options.file == "-" ? "<stdin>" : options.file, execution);
    Breaks breaks = natural_breaks(values, options.classes, method, options.threshold, execution);
    options.output.write(render(breaks, break_method_name(method), values, options.output.format));
  });
}

}  // namespace materia::cli
