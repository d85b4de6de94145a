#pragma once
/// \file run.hpp
/// The layer the front ends stand on: a Request in, a Run out, and the texts they print. The
/// command line, the C API and Python call these and nothing of their own for the same job, so
/// they give the same numbers, the same bytes and the same messages.
///
///     materia::Request request = materia::parse_request(R"({"tiers": "fisher:3", "bootstrap":
///     200})"); materia::Run run = materia::run(materia::load_sample("fintech-2024"),
///     std::move(request)); std::cout << materia::render(run.result, materia::Format::table);
///     std::cout << materia::render(materia::explain(run, "科技创新"), materia::Format::table);

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "materia/explain/explain.hpp"
#include "materia/model/dataset.hpp"
#include "materia/model/result.hpp"
#include "materia/run/inputs.hpp"
#include "materia/run/load_options.hpp"
#include "materia/run/names.hpp"
#include "materia/run/render.hpp"
#include "materia/run/request.hpp"
#include "materia/tier/tier.hpp"
#include "materia/workflows/scoring.hpp"

namespace materia {

/// An analysis with what it was computed from, so that it can be explained later.
struct Run {
  std::shared_ptr<const Dataset> dataset;
  Request request;
  Result result;
};

/// analyze(), then the bootstrap and leave-one-out the request asks for. The run keeps a copy of
/// `dataset`: the caller may change or free its own afterwards.
Run run(const Dataset& dataset, Request request);
/// The same on a dataset the run takes over.
Run run(std::shared_ptr<const Dataset> dataset, Request request);

/// Where the dataset of a run comes from: a file or a built-in sample (the command line's FILE,
/// --sample and --taxonomy).
struct DatasetSource {
  std::string file;      ///< a JSON, long CSV or .xlsx dataset; "-" = standard input
  std::string sample;    ///< or the name of a built-in sample
  std::string taxonomy;  ///< overrides the file's taxonomy (not with a sample)
  /// How the file is read (--sheet, --columns, --ignore-column, --encoding, --levels;
  /// materia/run/load_options.hpp); its taxonomy and validate are the fields above's.
  LoadOptions reading;

  /// Throws Error(usage) unless exactly one of file and sample is given, or for a taxonomy with
  /// a sample.
  void check() const;
  /// How a report names it: "--sample NAME", "<stdin>" or the file.
  std::string label() const;
};
/// The dataset, validated.
Dataset load(const DatasetSource& source, const Execution& execution = {});
/// Loads and runs. While the file is read, folding's dictionaries (prepare_folding) load on
/// another core (unless the request runs on one thread); analyze() validates the dataset. With
/// MATERIA_STAGE_TIMES set, marks the stages "start", "load" and "analyze" on stderr.
Run run(const DatasetSource& source, Request request);

/// Why `issue` (an id or any name merged into it) stands where it stands in the run.
Explanation explain(const Run& run, std::string_view issue);

/// With MATERIA_STAGE_TIMES set in the environment, prints on stderr the time since the first
/// mark and the previous one, the resident memory and the page faults (for a front end's own
/// stages, such as writing the output). Otherwise does nothing.
void mark_stage(const char* stage);

/// Natural breaks by method name: fisher, jenks, quantile, equal, headtail, or fisher:auto (k by
/// the GVF elbow over 1..10 classes, as the tier spec fisher:auto; `k` is then ignored, as it is
/// for headtail). Throws Error(usage) for an unknown method, k < 1 or a threshold outside (0, 1),
/// Error(input) naming the position of a non-finite value. No values: no classes, GVF 1.
Breaks natural_breaks_named(const std::vector<double>& values, int k, std::string_view method,
                            double headtail_threshold = 0.4, const Execution& execution = {});

}  // namespace materia
