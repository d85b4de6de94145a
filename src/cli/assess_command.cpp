// materia assess FILE [--format json|csv|table] — an ESRS-style double materiality assessment of
// one firm.
#include "cli/commands.hpp"
#include "materia/workflows/assess.hpp"

namespace materia::cli {

void add_assess_command(CLI::App& app) {
  struct Options {
    std::string file;
    Output output;
  };
  Verb<Options> verb(
      app, "assess",
      "ESRS-style double materiality assessment of one firm's impacts, risks and opportunities "
      "(EFRAG IG 1)");
  verb.add_file("Assessment JSON (firm, rules, topics, iros); - for standard input")->required();
  verb.run([](const Options& options) {
    options.output.print(assess(load_assessment_file(options.file)));
  });
}

}  // namespace materia::cli
