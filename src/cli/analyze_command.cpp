// materia analyze (FILE | --sample NAME) [--method M] [--tiers SPEC] [--universe N] ...
#include <iostream>

#include "cli/commands.hpp"
#include "materia/analyze.hpp"
#include "materia/error.hpp"
#include "materia/io.hpp"
#include "materia/normalize.hpp"
#include "materia/output.hpp"

namespace materia::cli {

void add_analyze_command(CLI::App& app) {
  struct Options {
    std::string file, sample, method = "borda-normalized", tiers = "fisher:3", taxonomy,
                              combine = "sum", output;
    std::size_t universe = 0;
    double stakeholder_threshold = 0.5, business_threshold = 0.5;
    bool rra_top_cutoff = false, rra_exact = false;
    Format format = Format::table;
    std::vector<std::string> aliases;
    bool strict = false;
    double fuzzy_threshold = NormalizeOptions{}.threshold;
  };
  auto options = std::make_shared<Options>();
  CLI::App* command = app.add_subcommand(
      "analyze", "Rank issues across firms: composite score, tiers, double materiality axes");
  command->add_option("file", options->file, "Dataset (JSON or long CSV); - for standard input");
  command->add_option("--sample", options->sample, "Use a built-in sample dataset (fintech-2024)");
  command->add_option("--method", options->method, "Aggregation method (default borda-normalized)");
  command->add_flag(
      "--rra-top-cutoff", options->rra_top_cutoff,
      "rra: each firm's list covers only its top k of N (RobustRankAggreg topCutoff)");
  command->add_flag("--rra-exact", options->rra_exact,
                    "rra: Stuart's exact correction instead of the Bonferroni factor (small m)");
  command->add_option(
      "--tiers", options->tiers,
      "Tier spec: counts:26,23,42 | shares:.. | thresholds:.. | quantile:K | fisher:K");
  command->add_option("--universe", options->universe,
                      "N, the number of issues rankings are out of (default: distinct issues)");
  command->add_option("--taxonomy", options->taxonomy,
                      "Override the dataset's taxonomy: a built-in name, none, or a JSON file");
  command->add_option("--combine", options->combine,
                      "How coordinates rank issues inside a firm: sum, max, product, distance");
  command->add_option("--stakeholder-threshold", options->stakeholder_threshold,
                      "Quadrant threshold on the [0,1] stakeholder axis (default 0.5)");
  command->add_option("--business-threshold", options->business_threshold,
                      "Quadrant threshold on the [0,1] business axis (default 0.5)");
  command->add_option("-o,--output", options->output,
                      "Write to this file (atomically) instead of stdout");
  command
      ->add_option(
          "--aliases", options->aliases,
          "Alias file (CSV name,target; JSON; or a decided normalize --review file); repeatable")
      ->allow_extra_args(false);
  command->add_flag("--strict", options->strict,
                    "A name matched only fuzzily is an error, not a warning");
  command->add_option("--fuzzy-threshold", options->fuzzy_threshold,
                      "Minimum similarity for a fuzzy name match in [0,1] (default 0.75)");
  add_format_option(*command, options->format);
  command->callback([options] {
    if (options->file.empty() == options->sample.empty())
      throw_usage_error("give either a FILE or --sample NAME");
    AnalyzeOptions analyze_options;
    analyze_options.method = parse_method(options->method);
    analyze_options.tiers = TierSpec::parse(options->tiers);
    analyze_options.rra_top_cutoff = options->rra_top_cutoff;
    analyze_options.rra_exact = options->rra_exact;
    if (options->universe > 0) analyze_options.universe = options->universe;
    auto combine = parse_combine_rule(options->combine);
    if (!combine)
      throw_usage_error("unknown --combine \"" + options->combine +
                        "\" (sum, max, product, distance)");
    analyze_options.combine = *combine;
    analyze_options.stakeholder_threshold = options->stakeholder_threshold;
    analyze_options.business_threshold = options->business_threshold;
    for (const auto& file : options->aliases) {
      auto more = load_alias_file(file);
      analyze_options.aliases.insert(analyze_options.aliases.end(), more.begin(), more.end());
    }
    analyze_options.strict = options->strict;
    analyze_options.normalize.threshold = options->fuzzy_threshold;

    Dataset dataset;
    if (!options->sample.empty()) {
      dataset = load_sample(options->sample);
      if (!options->taxonomy.empty())
        throw_usage_error("--taxonomy cannot be combined with --sample");
    } else {
      dataset = load_dataset_file(options->file, LoadOptions{options->taxonomy});
    }
    Result result = analyze(dataset, analyze_options);
    for (const auto& warning : result.warnings)
      std::cerr << "materia: warning: " << warning << "\n";
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
