// materia compare (A B | --sample A --sample B) and materia benchmark (FILE | --sample NAME) --firm
// F: two analyses side by side, with every flag of analyze and the verb's own (run/compare.hpp).
#include <iostream>

#include "cli/analysis_options.hpp"
#include "cli/commands.hpp"
#include "materia/error.hpp"
#include "materia/report/compare_report.hpp"
#include "materia/run/compare.hpp"
#include "materia/run/run.hpp"

namespace materia::cli {

namespace {

// How the output names a dataset: the sample's name or the file's name without its folder and
// extension.
std::string label_of(const DatasetSource& source) {
  if (!source.sample.empty()) return source.sample;
  if (source.file == "-") return "<stdin>";
  std::string name = source.file.substr(source.file.find_last_of('/') + 1);
  const auto dot = name.find_last_of('.');
  return dot == std::string::npos || dot == 0 ? name : name.substr(0, dot);
}

void warn(const std::vector<std::string>& warnings) {
  for (const auto& warning : warnings)
    std::cerr << "materia: warning: " << warning << "\n";
}

// --report DIR and --lang, as `materia report` takes them.
struct ReportFlags {
  std::string directory, language = "zh";

  void add(CLI::App& command, const std::string& files) {
    command.add_option("--report", directory, "Also write " + files + " into this directory");
    command.add_option("--lang", language, "Language of the report: zh (default) or en");
  }
  ReportOptions options(std::string source) const {
    ReportOptions report;
    report.language = parse_report_language(language);
    report.source = std::move(source);
    return report;
  }
  // Lists the files written, on stderr when stdout carries the output.
  void list(const std::vector<std::string>& names, bool to_stdout) const {
    for (const auto& name : names)
      (to_stdout ? std::cout : std::cerr) << directory << "/" << name << "\n";
  }
};

}  // namespace

void add_compare_command(CLI::App& app) {
  struct Options {
    std::vector<std::string> files, samples;
    std::string taxonomy;
    DeclaredFlags load, request, compare;
    ReportFlags report;
    Output output;
  };
  Verb<Options> verb(app, "compare",
                     "Compare two datasets (e.g. two years) issue by issue: rank changes with "
                     "paired-bootstrap intervals, entered and left issues, tier migrations, tau-b");
  auto& o = *verb.options;
  verb.command->add_option("files", o.files, "The two datasets A and B (JSON, long CSV or .xlsx)")
      ->expected(0, 2);
  verb.command
      ->add_option("--sample", o.samples, "Built-in samples instead of files: give it twice (A, B)")
      ->expected(1)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  verb.command->add_option(
      "--taxonomy", o.taxonomy,
      "Override both datasets' taxonomy: a built-in name, none, or a JSON file");
  add_declared_flags(*verb.command, load_options(), o.load);  // how both files are read
  add_declared_flags(*verb.command, request_options(), o.request);
  add_declared_flags(*verb.command, compare_options(), o.compare);
  o.report.add(*verb.command, "compare.html, slope.svg and arrows.svg");
  verb.run([](const Options& options) {
    if (options.files.size() + options.samples.size() != 2 ||
        (!options.files.empty() && !options.samples.empty()))
      throw_usage_error("compare needs two datasets: two files A B, or --sample twice");
    DatasetSource a, b;
    if (options.files.empty()) {
      a.sample = options.samples[0];
      b.sample = options.samples[1];
    } else {
      a.file = options.files[0];
      b.file = options.files[1];
      a.taxonomy = b.taxonomy = options.taxonomy;
      apply_declared_flags(options.load, load_options(), a.reading);
      b.reading = a.reading;
    }
    CompareRequest request;
    apply_declared_flags(options.request, request_options(), request.request);
    request.compare.label_a = label_of(a);
    request.compare.label_b = label_of(b);
    apply_declared_flags(options.compare, compare_options(), request);
    const Dataset dataset_a = load(a, request.request.execution);
    const Dataset dataset_b = load(b, request.request.execution);
    const Comparison comparison = compare(dataset_a, dataset_b, request);
    warn(comparison.warnings);
    if (!options.report.directory.empty()) {
      write_compare_report(comparison, options.report.directory,
                           options.report.options(a.label() + " · " + b.label()));
      options.report.list(compare_report_file_names(), /*to_stdout=*/false);
    }
    options.output.print(comparison);
  });
}

void add_benchmark_command(CLI::App& app) {
  struct Options {
    AnalysisFlags analysis;
    DeclaredFlags benchmark;
    ReportFlags report;
    Output output;
  };
  auto verb = analysis_verb<Options>(
      app, "benchmark",
      "One firm against the consensus of its peers: rank and axis gaps, blind spots, distinctive "
      "issues, tau-b and its percentile among the peers");
  add_declared_flags(*verb.command, benchmark_options(), verb.options->benchmark);
  verb.options->report.add(*verb.command, "benchmark.html and benchmark.svg");
  verb.run([](const Options& options) {
    BenchmarkRequest request;
    request.request = to_request(options.analysis);
    apply_declared_flags(options.benchmark, benchmark_options(), request);
    if (request.benchmark.firm.empty())
      throw_usage_error("benchmark needs --firm ID (the firm to set against its peers)");
    const Dataset dataset = load(options.analysis.source, request.request.execution);
    const Benchmark result = benchmark(dataset, request);
    warn(result.warnings);
    if (!options.report.directory.empty()) {
      write_benchmark_report(result, options.report.directory,
                             options.report.options(options.analysis.source.label()));
      options.report.list(benchmark_report_file_names(), /*to_stdout=*/false);
    }
    options.output.print(result);
  });
}

}  // namespace materia::cli
