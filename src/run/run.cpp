#include "materia/run/run.hpp"

#include <algorithm>
#include <utility>

#include "materia/error.hpp"
#include "materia/io/io.hpp"
#include "materia/text/text.hpp"
#include "materia/uncertainty/uncertainty.hpp"
#include "run/score_json.hpp"
#include "runtime/parallel.hpp"
#include "runtime/stage_mark.hpp"

namespace materia {

namespace {

// The resampling the request asks for, on the result of its analysis.
void resample(const Dataset& dataset, const Request& request, Result& result) {
  if (request.bootstrap > 0) {
    BootstrapOptions bootstrap_options;
    bootstrap_options.replicates = request.bootstrap;
    bootstrap_options.seed = request.seed;
    bootstrap_options.progress = request.bootstrap_progress;
    attach_bootstrap(
        result, bootstrap(dataset, result, request.options, bootstrap_options, request.execution));
  }
  if (request.leave_one_out)
    attach_leave_one_out(result,
                         leave_one_out(dataset, result, request.options, request.execution));
}

}  // namespace

Run run(const Dataset& dataset, Request request) {
  return run(std::make_shared<const Dataset>(dataset), std::move(request));
}

Run run(std::shared_ptr<const Dataset> dataset, Request request) {
  Run done{std::move(dataset), std::move(request), Result{}};
  done.result = analyze(*done.dataset, done.request.options, done.request.execution);
  resample(*done.dataset, done.request, done.result);
  return done;
}

void DatasetSource::check() const {
  if (file.empty() == sample.empty()) throw_usage_error("give either a FILE or --sample NAME");
  if (!sample.empty() && !taxonomy.empty())
    throw_usage_error("--taxonomy cannot be combined with --sample");
}

std::string DatasetSource::label() const {
  if (!sample.empty()) return "--sample " + sample;
  return file == "-" ? "<stdin>" : file;
}

namespace {

Dataset load_unchecked(const DatasetSource& source, bool validate, const Execution& execution) {
  source.check();
  if (!source.sample.empty()) return load_sample(source.sample);
  LoadOptions options = source.reading;
  options.taxonomy = source.taxonomy;
  options.validate = validate;
  return load_dataset_file(source.file, options, execution);
}

}  // namespace

Dataset load(const DatasetSource& source, const Execution& execution) {
  return load_unchecked(source, /*validate=*/true, execution);
}

Run run(const DatasetSource& source, Request request) {
  source.check();
  detail::stage_mark("start");
  // Folding's dictionaries load on a worker while the input is read (folding_prepared waits for
  // them, whatever happens); a failure here is the first fold's to report. On one thread they
  // load at the first fold.
  std::optional<detail::Concurrent<void>> folding_prepared;
  if (request.execution.threads != 1)
    folding_prepared.emplace(
        [] {
          try {
            prepare_folding();
          } catch (...) {
          }
        },
        true);
  // analyze() validates the dataset, with the same errors.
  auto dataset = std::make_shared<const Dataset>(
      load_unchecked(source, /*validate=*/false, request.execution));
  detail::stage_mark("load");
  Run done{std::move(dataset), std::move(request), Result{}};
  done.result = analyze(*done.dataset, done.request.options, done.request.execution);
  detail::stage_mark("analyze");
  resample(*done.dataset, done.request, done.result);
  return done;
}

Explanation explain(const Run& run, std::string_view issue) {
  return explain(*run.dataset, run.result, run.request.options, issue);
}

void mark_stage(const char* stage) {
  detail::stage_mark(stage);
}

Breaks natural_breaks_named(const std::vector<double>& values, int k, std::string_view method,
                            double headtail_threshold, const Execution& execution) {
  const bool automatic = method == "fisher:auto";
  BreakMethod kind = automatic ? BreakMethod::fisher : parse_break_method(method);
  if (!automatic && kind != BreakMethod::headtail && k < 1)
    throw_usage_error("the number of classes must be at least 1");
  if (!(headtail_threshold > 0 && headtail_threshold < 1))
    throw_usage_error("the head/tail threshold must be in (0, 1)");
  check_finite_values(values);
  if (values.empty()) return Breaks{};
  if (automatic) k = gvf_elbow(values, 10);
  return natural_breaks(values, std::max(k, 1), kind, headtail_threshold, execution);
}

void AttentionChoice::check() const {
  const int given = static_cast<int>(result != nullptr) + static_cast<int>(analysis.has_value()) +
                    static_cast<int>(!analysis_file.empty()) +
                    static_cast<int>(!dataset_file.empty()) + static_cast<int>(!sample.empty()) +
                    static_cast<int>(spec.has_value());
  if (given > 1) throw_usage_error("give at most one of " + conflict);
}

ScoreResult score(ScoringInput input, ScoreOptions options, const AttentionChoice& attention) {
  attention.check();
  std::optional<IssueAttention> issues;
  if (attention.result != nullptr) {
    issues = issue_attention(*attention.result);
  } else if (attention.analysis) {
    issues = issue_attention_from_json(*attention.analysis, attention.source);
  } else {
    // The other sources are specs: score_input resolves them.
    std::optional<nlohmann::json> spec = attention.spec;
    if (!attention.dataset_file.empty())
      spec = nlohmann::json{{"dataset", attention.dataset_file}};
    else if (!attention.analysis_file.empty())
      spec = nlohmann::json{{"analysis", attention.analysis_file}};
    else if (!attention.sample.empty())
      spec = nlohmann::json{{"sample", attention.sample}};
    if (spec) {
      options.attention = std::move(spec);
      options.attention_source = attention.source;
    }
  }
  if (issues) options.attention_issues = &*issues;
  return score_input(std::move(input), options);
}

}  // namespace materia
