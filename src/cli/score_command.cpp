// materia score FILE [--model NAME|PATH] [--attention-sample NAME | --attention DATASET |
// --attention-result ANALYSIS.json] [--records FILE] [--format F] [-o FILE]
#include <optional>

#include "cli/commands.hpp"
#include "materia/workflows/disclosure.hpp"
#include "materia/error.hpp"
#include "materia/io/io.hpp"
#include "materia/workflows/scoring.hpp"

namespace materia::cli {

void add_score_command(CLI::App& app) {
  struct Options {
    std::string file, model, attention, attention_sample, attention_result, records, output;
    Format format = Format::table;
  };
  auto options = std::make_shared<Options>();
  CLI::App* command = app.add_subcommand(
      "score",
      "Score firms with a weighted indicator tree (default: the excellence-2024 rubric), mix "
      "juries, rank within categories");
  command
      ->add_option("file", options->file,
                   "Scoring input JSON (firms' values, issues, jury ratings); - for stdin")
      ->required();
  command->add_option("--model", options->model,
                      "Built-in model name or model JSON file (default: the input's \"model\", "
                      "else excellence-2024)");
  command->add_option(
      "--attention", options->attention,
      "Dataset whose analysis (method attention) weights the issues of issue rules");
  command->add_option("--attention-sample", options->attention_sample,
                      "Built-in dataset for the issue attention (fintech-2024)");
  command->add_option("--attention-result", options->attention_result,
                      "A saved `materia analyze --format json` result whose issue attention "
                      "weights the issues of issue rules");
  command->add_option(
      "--records", options->records,
      "Firm records (materia disclosure input) whose facts fill each firm's values");
  command->add_option("-o,--output", options->output,
                      "Write to this file (atomically) instead of stdout");
  add_format_option(*command, options->format);
  command->callback([options] {
    int attention_sources = static_cast<int>(!options->attention.empty()) +
                            static_cast<int>(!options->attention_sample.empty()) +
                            static_cast<int>(!options->attention_result.empty());
    if (attention_sources > 1)
      throw_usage_error(
          "give at most one of --attention, --attention-sample and --attention-result");
    std::string source = options->file == "-" ? "<stdin>" : options->file;
    ScoringInput input = load_scoring_input_json(read_file(options->file), source);
    ScoreOptions score_options;
    score_options.model = options->model;
    if (!options->attention.empty()) {
      score_options.attention = nlohmann::json{{"dataset", options->attention}};
      score_options.attention_source = options->attention;
    } else if (!options->attention_result.empty()) {
      score_options.attention = nlohmann::json{{"analysis", options->attention_result}};
      score_options.attention_source = options->attention_result;
    } else if (!options->attention_sample.empty()) {
      score_options.attention = nlohmann::json{{"sample", options->attention_sample}};
      score_options.attention_source = "--attention-sample";
    }
    std::optional<FirmRecords> records;
    if (!options->records.empty()) {
      records = load_firm_records_file(options->records);
      score_options.records = &*records;
    }
    ScoreResult result = score_input(std::move(input), score_options);
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
