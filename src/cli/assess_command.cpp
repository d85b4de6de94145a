// materia assess FILE [--format json|csv|table] — an ESRS-style double materiality assessment of
// one firm.
#include "cli/commands.hpp"
#include "materia/workflows/assess.hpp"

namespace materia::cli {

void add_assess_command(CLI::App& app) {
  struct Options {
    std::string file, output;
    Format format = Format::table;
  };
  auto options = std::make_shared<Options>();
  CLI::App* command = app.add_subcommand(
      "assess",
      "ESRS-style double materiality assessment of one firm's impacts, risks and opportunities "
      "(EFRAG IG 1)");
  command
      ->add_option("file", options->file,
                   "Assessment JSON (firm, rules, topics, iros); - for standard input")
      ->required();
  command->add_option("-o,--output", options->output,
                      "Write to this file (atomically) instead of stdout");
  add_format_option(*command, options->format);
  command->callback([options] {
    AssessmentResult result = assess(load_assessment_file(options->file));
    switch (options->format) {
      case Format::json:
        emit(to_json(result).dump(2) + "\n", options->output);
        break;
      case Format::csv:
        emit(to_csv(result), options->output);
        break;
      case Format::table:
        emit(to_table(result), options->output);
        break;
    }
  });
}

}  // namespace materia::cli
