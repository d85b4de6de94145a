#pragma once
// What the C API and the Python module share on top of the C++ API: the options JSON of an
// analysis (the core's keys plus the uncertainty and name-resolution keys that the CLI passes as
// flags), an analysis that keeps its dataset and options so it can be explained later, and the
// JSON texts of `materia breaks`, `materia agreement` and `materia normalize`, so that every
// front end prints the same fields. Compiled into libmateria.so and into materia._core.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "materia/analyze/analyze.hpp"
#include "materia/model/dataset.hpp"
#include "materia/normalize/normalize.hpp"
#include "materia/model/result.hpp"
#include "materia/stats/stats.hpp"
#include "materia/tier/tier.hpp"

namespace materia::binding {

/// An analysis request: AnalyzeOptions plus what the CLI runs after `analyze` (--bootstrap,
/// --seed, --threads, --leave-one-out) and its name-resolution flags (--aliases, --strict,
/// --fuzzy-threshold).
struct Request {
  AnalyzeOptions options;
  std::size_t bootstrap = 0;  ///< B; 0 = no bootstrap
  std::uint64_t seed = 1;
  Execution execution;  ///< "threads": the analysis's, the bootstrap's and leave-one-out's
  bool leave_one_out = false;
};

/// Every key parse_request accepts: analyze_option_names() then the binding's own.
std::vector<std::string> request_option_names();

/// Parses the options JSON. Keys the core knows go to analyze_options_from_json (same messages);
/// the others are "bootstrap", "seed", "threads" (whole numbers), "leave_one_out", "strict"
/// (booleans), "fuzzy_threshold" (in [0,1]) and "aliases": an alias file path, or an array of
/// paths and {"name", "target"} objects. Throws Error(usage) naming the key; alias files throw
/// Error(input) naming the file and line.
Request parse_request(std::string_view json_text);

/// An analysis with what it was computed from, so it can be explained later. The dataset is a
/// copy: the caller may change or free its own afterwards.
struct Analysis {
  std::shared_ptr<const Dataset> dataset;
  Request request;
  Result result;
};

/// analyze() then the bootstrap and leave-one-out the request asks for (as `materia analyze`).
Analysis run_analysis(const Dataset& dataset, Request request);

/// `materia explain --format json` of `issue` (an id or any name of it).
nlohmann::ordered_json explain_json(const Analysis& analysis, std::string_view issue);

/// `materia breaks --format json`: {breaks, classes, gvf, method, class_count}.
nlohmann::ordered_json breaks_json(const Breaks& breaks, std::string_view method);

/// Natural breaks by method name: fisher, jenks, quantile, equal, headtail, or fisher:auto (k by
/// the GVF elbow over 1..10 classes, as the tier spec fisher:auto; `k` is then ignored, as it is
/// for headtail). Throws Error(usage) for an unknown method, k < 1 or a threshold outside (0, 1),
/// Error(input) naming the position of a non-finite value. No values: no classes, GVF 1.
Breaks natural_breaks_named(const std::vector<double>& values, int k, std::string_view method,
                            double headtail_threshold = 0.4);

/// `materia agreement --format json --show show`.
nlohmann::ordered_json agreement_json(const Agreement& agreement, std::size_t show);

/// One name as `materia normalize --format json` prints it (without "firms").
nlohmann::ordered_json resolution_json(const Resolution& resolution);

/// Normalizer settings from JSON: {"aliases": ..., "threshold": x, "margin": x, "fuzzy": bool,
/// "candidates": n} (the flags of `materia normalize`); every key optional.
struct NormalizerSettings {
  std::vector<Alias> aliases;
  NormalizeOptions options;
};
NormalizerSettings parse_normalizer_settings(std::string_view json_text);

/// For the stats calls: unless `omit`, a NaN is Error(input) "<what> I is NaN (...)", where
/// `omit_hint` says how to leave such values out instead (the core's meaning of NaN: a missing
/// pair for tau and rho, an unranked item for W).
void check_no_nan(const std::vector<double>& values, bool omit, const std::string& what,
                  std::string_view omit_hint);

/// Checks that `values` are finite: Error(input) "value I is not a finite number" otherwise.
void check_finite_values(const std::vector<double>& values, std::string_view what = "value");

}  // namespace materia::binding
