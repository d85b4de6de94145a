// materia survey FILE [--as-dataset] — stakeholder ratings -> importance to stakeholders per issue.
#include "cli/commands.hpp"
#include "materia/error.hpp"
#include "materia/workflows/survey.hpp"

namespace materia::cli {

void add_survey_command(CLI::App& app) {
  struct Options {
    std::string file, output;
    bool as_dataset = false;
    Format format = Format::table;
  };
  auto options = std::make_shared<Options>();
  CLI::App* command = app.add_subcommand("survey",
                                         "Stakeholder survey: group-weighted importance to "
                                         "stakeholders per issue (mean, median, top box)");
  command
      ->add_option("file", options->file,
                   "Survey JSON (groups with weights, responses, company ratings); - for stdin")
      ->required();
  command->add_flag("--as-dataset", options->as_dataset,
                    "Write the firm's own matrix as a dataset (stakeholder = weighted mean, "
                    "business = company rating)");
  command->add_option("-o,--output", options->output,
                      "Write to this file (atomically) instead of stdout");
  add_format_option(*command, options->format);
  command->callback([options, command] {
    if (options->as_dataset && command->count("--format") > 0 && options->format != Format::json)
      throw_usage_error("--as-dataset writes a JSON dataset; --format csv/table do not apply");
    SurveyResult result = summarize_survey(load_survey_file(options->file));
    if (options->as_dataset) {
      emit(survey_dataset_json(result).dump(2) + "\n", options->output);
      return;
    }
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
