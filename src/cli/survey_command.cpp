// materia survey FILE [--as-dataset] — stakeholder ratings -> importance to stakeholders per issue.
#include "cli/commands.hpp"
#include "materia/error.hpp"
#include "materia/workflows/survey.hpp"

namespace materia::cli {

void add_survey_command(CLI::App& app) {
  struct Options {
    std::string file;
    bool as_dataset = false;
    Output output;
  };
  Verb<Options> verb(app, "survey",
                     "Stakeholder survey: group-weighted importance to stakeholders per issue "
                     "(mean, median, top box)");
  verb.add_file("Survey JSON (groups with weights, responses, company ratings); - for stdin")
      ->required();
  verb.flag("--as-dataset", &Options::as_dataset,
            "Write the firm's own matrix as a dataset (stakeholder = weighted mean, "
            "business = company rating)");
  verb.run([command = verb.command](const Options& options) {
    const Output& output = options.output;
    if (options.as_dataset && command->count("--format") > 0 && output.format != Format::json)
      throw_usage_error("--as-dataset writes a JSON dataset; --format csv/table do not apply");
    SurveyResult result = summarize_survey(load_survey_file(options.file));
    if (options.as_dataset)
      output.write(survey_dataset_json_text(result, 2) + "\n");
    else
      output.print(result);
  });
}

}  // namespace materia::cli
