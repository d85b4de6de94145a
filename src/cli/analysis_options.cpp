#include "cli/analysis_options.hpp"

#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "materia/error.hpp"
#include "materia/io/io.hpp"
#include "materia/normalize/normalize.hpp"
#include "materia/uncertainty/uncertainty.hpp"

namespace materia::cli {

namespace {

// A fixed threshold must be a number in [0, 1]. NaN inside MatrixOptions means "not fixed", so a
// typed "nan" is refused here, where the text is still at hand (and quoted as written).
CLI::Validator unit_interval(std::string flag) {
  return CLI::Validator(
      [flag](std::string& text) -> std::string {
        char* end = nullptr;
        double value = std::strtod(text.c_str(), &end);
        if (end != text.c_str() && *end == '\0' && !(value >= 0.0 && value <= 1.0))
          throw_usage_error(flag + " " + text + " is not in [0, 1] (the axes are normalized)");
        return {};
      },
      "in [0, 1]");
}

}  // namespace

void add_matrix_options(CLI::App& command, MatrixFlags& flags) {
  command
      .add_option("--stakeholder-threshold", flags.stakeholder_threshold,
                  "Fixed threshold on the [0,1] stakeholder axis (default: by --axis-tiers)")
      ->check(unit_interval("--stakeholder-threshold"));
  command
      .add_option("--business-threshold", flags.business_threshold,
                  "Fixed threshold on the [0,1] business axis (default: by --axis-tiers)")
      ->check(unit_interval("--business-threshold"));
  command.add_option("--axes", flags.axes,
                     "How each matrix axis combines firms: method (default) or positions");
  command.add_option("--axis-tiers", flags.axis_tiers,
                     "Tiering that sets an axis threshold that is not fixed: its top class is "
                     "material (default fisher:2)");
  command.add_option("--borderline-band", flags.borderline_band,
                     "Flag issues this close to a deciding threshold for review (default 0.05)");
  command.add_option("--material", flags.material,
                     "Material if either axis passes (default) or both");
  command.add_option("--composite-top", flags.composite_top,
                     "Composite matrix over the K issues with the most attention (report: 29; "
                     "default all)");
  command
      .add_option("--composite-attention-threshold", flags.composite_attention_threshold,
                  "Fixed composite-matrix threshold on attention share in [0,1] (default: by "
                  "--axis-tiers)")
      ->check(unit_interval("--composite-attention-threshold"));
  command
      .add_option("--composite-importance-threshold", flags.composite_importance_threshold,
                  "Fixed composite-matrix threshold on importance in [0,1] (default: by "
                  "--axis-tiers)")
      ->check(unit_interval("--composite-importance-threshold"));
  command.add_option("--roll-up", flags.roll_up, "Topic roll-up: max (default), mean or weight");
}

MatrixOptions to_matrix_options(const MatrixFlags& flags) {
  MatrixOptions matrix;
  matrix.stakeholder_threshold = flags.stakeholder_threshold;
  matrix.business_threshold = flags.business_threshold;
  matrix.axes = parse_axis_aggregation(flags.axes);
  matrix.axis_tiers = TierSpec::parse(flags.axis_tiers);
  if (!(flags.borderline_band >= 0)) throw_usage_error("--borderline-band must be >= 0");
  matrix.borderline_band = flags.borderline_band;
  matrix.material = parse_material_rule(flags.material);
  matrix.composite_top = flags.composite_top;
  for (double threshold :
       {flags.stakeholder_threshold, flags.business_threshold, flags.composite_attention_threshold,
        flags.composite_importance_threshold})
    if (!std::isnan(threshold) && !(threshold >= 0 && threshold <= 1))
      throw_usage_error("thresholds must be in [0, 1]");
  matrix.composite_attention_threshold = flags.composite_attention_threshold;
  matrix.composite_importance_threshold = flags.composite_importance_threshold;
  matrix.roll_up = parse_roll_up(flags.roll_up);
  return matrix;
}

void add_analysis_options(CLI::App& command, AnalysisFlags& flags, bool with_uncertainty) {
  command.add_option("file", flags.file, "Dataset (JSON or long CSV); - for standard input");
  command.add_option("--sample", flags.sample, "Use a built-in sample dataset (fintech-2024)");
  command.add_option("--method", flags.method, "Aggregation method (default borda-normalized)");
  command.add_flag("--rra-top-cutoff", flags.rra_top_cutoff,
                   "rra: each firm's list covers only its top k of N (RobustRankAggreg topCutoff)");
  command.add_flag("--rra-exact", flags.rra_exact,
                   "rra: Stuart's exact correction instead of the Bonferroni factor (small m)");
  command.add_option(
      "--tiers", flags.tiers,
      "Tier spec: counts:26,23,42 | shares:.. | thresholds:.. | quantile:K | fisher:K | "
      "fisher:auto | jenks:K | equal:K | headtail (default fisher:3)");
  command.add_option("--universe", flags.universe,
                     "N, the number of issues rankings are out of (default: distinct issues)");
  command.add_option("--taxonomy", flags.taxonomy,
                     "Override the dataset's taxonomy: a built-in name, none, or a JSON file");
  command.add_option("--combine", flags.combine,
                     "How coordinates rank issues inside a firm: sum, max, product, distance");
  command
      .add_option(
          "--aliases", flags.aliases,
          "Alias file (CSV name,target; JSON; or a decided normalize --review file); repeatable")
      ->allow_extra_args(false);
  command.add_flag("--strict", flags.strict,
                   "A name matched only fuzzily is an error, not a warning");
  command.add_option("--fuzzy-threshold", flags.fuzzy_threshold,
                     "Minimum similarity for a fuzzy name match in [0,1] (default 0.75)");
  add_matrix_options(command, flags.matrix);
  if (with_uncertainty) add_uncertainty_options(command, flags.uncertainty);
}

void add_uncertainty_options(CLI::App& command, UncertaintyFlags& flags) {
  command.add_option("--bootstrap", flags.bootstrap,
                     "Resample firms B times: 95% rank interval and P(tier) per issue");
  command.add_option("--seed", flags.seed, "Seed of the bootstrap (default 1)");
  command.add_option("--threads", flags.threads,
                     "Threads for the analysis, --bootstrap and --leave-one-out (default: all "
                     "cores; the output does not depend on it)");
  command.add_flag("--leave-one-out", flags.leave_one_out,
                   "Report the firm whose removal moves each issue's rank most");
}

void run_uncertainty(const Dataset& dataset, const AnalyzeOptions& options,
                     const UncertaintyFlags& flags, Result& result) {
  if (flags.bootstrap > 0) {
    BootstrapOptions bootstrap_options;
    bootstrap_options.replicates = flags.bootstrap;
    bootstrap_options.seed = flags.seed;
    if (isatty(STDERR_FILENO)) {
      bootstrap_options.progress = [](std::size_t done, std::size_t total) {
        const std::size_t width = 30, filled = total ? done * width / total : width;
        std::fprintf(stderr, "\rbootstrap [%s%s] %zu/%zu", std::string(filled, '#').c_str(),
                     std::string(width - filled, ' ').c_str(), done, total);
        if (done == total) std::fprintf(stderr, "\n");
        std::fflush(stderr);
      };
    }
    attach_bootstrap(
        result, bootstrap(dataset, result, options, bootstrap_options, Execution{flags.threads}));
  }
  if (flags.leave_one_out)
    attach_leave_one_out(result, leave_one_out(dataset, result, options, Execution{flags.threads}));
}

Dataset load_dataset(const AnalysisFlags& flags, bool validate) {
  if (flags.file.empty() == flags.sample.empty())
    throw_usage_error("give either a FILE or --sample NAME");
  if (!flags.sample.empty()) {
    if (!flags.taxonomy.empty()) throw_usage_error("--taxonomy cannot be combined with --sample");
    return load_sample(flags.sample);
  }
  return load_dataset_file(flags.file, LoadOptions{flags.taxonomy, validate}, to_execution(flags));
}

AnalyzeOptions to_analyze_options(const AnalysisFlags& flags) {
  if (flags.file.empty() == flags.sample.empty())
    throw_usage_error("give either a FILE or --sample NAME");
  AnalyzeOptions options;
  options.method = parse_method(flags.method);
  options.rra_top_cutoff = flags.rra_top_cutoff;
  options.rra_exact = flags.rra_exact;
  options.tiers = TierSpec::parse(flags.tiers);
  if (flags.universe > 0) options.universe = flags.universe;
  auto combine = parse_combine_rule(flags.combine);
  if (!combine)
    throw_usage_error("unknown --combine \"" + flags.combine + "\" (sum, max, product, distance)");
  options.combine = *combine;
  options.matrix = to_matrix_options(flags.matrix);
  for (const auto& file : flags.aliases) {
    auto more = load_alias_file(file);
    options.aliases.insert(options.aliases.end(), more.begin(), more.end());
  }
  options.strict = flags.strict;
  options.normalize.threshold = flags.fuzzy_threshold;
  return options;
}

Execution to_execution(const AnalysisFlags& flags) {
  return Execution{flags.uncertainty.threads};
}

}  // namespace materia::cli
