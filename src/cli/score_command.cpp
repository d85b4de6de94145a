// materia score FILE [--model NAME|PATH] [--attention-sample NAME | --attention DATASET |
// --attention-result ANALYSIS.json] [--records FILE] [--format F] [-o FILE]
#include <optional>

#include "cli/commands.hpp"
#include "materia/io/io.hpp"
#include "materia/run/run.hpp"
#include "materia/workflows/disclosure.hpp"
#include "run/score_json.hpp"

namespace materia::cli {

void add_score_command(CLI::App& app) {
  struct Options {
    std::string file, model, attention, attention_sample, attention_result, records;
    Output output;
  };
  Verb<Options> verb(app, "score",
                     "Score firms with a weighted indicator tree (default: the excellence-2024 "
                     "rubric), mix juries, rank within categories");
  verb.add_file("Scoring input JSON (firms' values, issues, jury ratings); - for stdin")
      ->required();
  verb.option("--model", &Options::model,
              "Built-in model name or model JSON file (default: the input's \"model\", "
              "else excellence-2024)");
  verb.option("--attention", &Options::attention,
              "Dataset whose analysis (method attention) weights the issues of issue rules");
  verb.option("--attention-sample", &Options::attention_sample,
              "Built-in dataset for the issue attention (fintech-2024)");
  verb.option("--attention-result", &Options::attention_result,
              "A saved `materia analyze --format json` result whose issue attention "
              "weights the issues of issue rules");
  verb.option("--records", &Options::records,
              "Firm records (materia disclosure input) whose facts fill each firm's values");
  verb.run([](const Options& options) {
    AttentionChoice attention;
    attention.dataset_file = options.attention;
    attention.analysis_file = options.attention_result;
    attention.sample = options.attention_sample;
    attention.source = !options.attention.empty()          ? options.attention
                       : !options.attention_result.empty() ? options.attention_result
                                                           : "--attention-sample";
    attention.conflict = "--attention, --attention-sample and --attention-result";
    attention.check();
    ScoringInput input = load_scoring_input_json(read_file(options.file),
                                                 options.file == "-" ? "<stdin>" : options.file);
    ScoreOptions score_options;
    score_options.model = options.model;
    std::optional<FirmRecords> records;
    if (!options.records.empty()) {
      records = load_firm_records_file(options.records);
      score_options.records = &*records;
    }
    options.output.print(score(std::move(input), std::move(score_options), attention));
  });
}

}  // namespace materia::cli
