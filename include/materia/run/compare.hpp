#pragma once
/// \file compare.hpp
/// `materia compare` and `materia benchmark` as the front ends call them: the analysis options of
/// a request plus the options each adds, declared once (the command line's flags and the keys of
/// the options JSON of C and Python come from these lists).
///
///     materia::CompareRequest request = materia::parse_compare_request(
///         R"({"bootstrap": 1000, "same_firms": true, "label_a": "2024", "label_b": "2025"})");
///     materia::Comparison c = materia::compare(last_year, this_year, request);

#include <cstddef>
#include <string_view>
#include <vector>

#include "materia/compare/compare.hpp"
#include "materia/model/dataset.hpp"
#include "materia/run/request.hpp"

namespace materia {

/// Replicates of compare's paired bootstrap when the request sets no "bootstrap".
inline constexpr std::size_t kCompareReplicates = 1000;

struct CompareRequest {
  Request request;  ///< the analysis of each dataset; "bootstrap" and "seed" drive the resampling
  CompareOptions compare;
};
struct BenchmarkRequest {
  Request request;
  BenchmarkOptions benchmark;
};

/// The options compare adds to request_options(): same_firms, level, label_a, label_b.
const std::vector<RequestOption>& compare_options();
/// The options benchmark adds: firm, peers ("segment" or firm ids).
const std::vector<RequestOption>& benchmark_options();

/// Parses an options JSON with the keys of request_options() and compare_options() (or
/// benchmark_options()); throws Error(usage) naming the key, as parse_request.
CompareRequest parse_compare_request(std::string_view json_text);
BenchmarkRequest parse_benchmark_request(std::string_view json_text);

/// Sets an option of compare_options() (benchmark_options()) from its command-line flag.
void set_option_from_flag(CompareRequest& request, const RequestOption& option,
                          const FlagValue& value, std::string_view written);
void set_option_from_flag(BenchmarkRequest& request, const RequestOption& option,
                          const FlagValue& value, std::string_view written);

/// compare() with the request's analysis options, bootstrap (kCompareReplicates when 0) and seed.
Comparison compare(const Dataset& a, const Dataset& b, const CompareRequest& request);
/// benchmark() with the request's analysis options. Throws Error(usage) when no firm is given.
Benchmark benchmark(const Dataset& dataset, const BenchmarkRequest& request);

}  // namespace materia
