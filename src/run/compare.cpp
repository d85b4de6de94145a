#include "materia/run/compare.hpp"

#include <algorithm>
#include <string>

#include <nlohmann/json.hpp>

#include "analyze/options_object.hpp"
#include "materia/error.hpp"
#include "run/given_option.hpp"

namespace materia {

namespace {

using detail::Given;
using json = nlohmann::json;

template <class Target>
struct Extra {
  RequestOption option;
  void (*set)(Target&, const Given&);
};

const std::vector<Extra<CompareRequest>>& compare_extras() {
  using T = OptionType;
  static const std::vector<Extra<CompareRequest>> table = {
      {{"same_firms", "--same-firms", T::flag,
        "Compare only the firms in both datasets (by id); otherwise every firm of each"},
       [](CompareRequest& r, const Given& v) { r.compare.same_firms = v.flag(); }},
      {{"level", "--level", T::number,
        "Simultaneous coverage of the rank-change intervals, in (0,1) (default 0.95)"},
       [](CompareRequest& r, const Given& v) {
         const double level = v.number();
         if (!(level > 0 && level < 1)) throw_usage_error(v.name() + " must be in (0, 1)");
         r.compare.level = level;
       }},
      {{"label_a", "--label-a", T::text,
        "How the output names the first dataset (default: its file)"},
       [](CompareRequest& r, const Given& v) { r.compare.label_a = v.text(); }},
      {{"label_b", "--label-b", T::text,
        "How the output names the second dataset (default: its file)"},
       [](CompareRequest& r, const Given& v) { r.compare.label_b = v.text(); }},
  };
  return table;
}

const std::vector<Extra<BenchmarkRequest>>& benchmark_extras() {
  using T = OptionType;
  static const std::vector<Extra<BenchmarkRequest>> table = {
      {{"firm", "--firm", T::text, "The firm to benchmark: its id or name (required)"},
       [](BenchmarkRequest& r, const Given& v) { r.benchmark.firm = v.text(); }},
      {{"peers", "--peers", T::texts,
        "Its peers: \"segment\" (the firms of its segment) or firm ids; default every other firm"},
       [](BenchmarkRequest& r, const Given& v) {
         std::vector<std::string> peers = v.texts();
         r.benchmark.same_segment = peers.size() == 1 && peers[0] == "segment";
         if (r.benchmark.same_segment) peers.clear();
         r.benchmark.peers = std::move(peers);
       }},
  };
  return table;
}

template <class Target>
std::vector<RequestOption> options_of(const std::vector<Extra<Target>>& extras) {
  std::vector<RequestOption> list;
  for (const auto& extra : extras)
    list.push_back(extra.option);
  return list;
}

// The options JSON: the request's keys go to parse_request, the verb's own to `extras`.
template <class Target>
Target parse_with(std::string_view json_text, const std::vector<Extra<Target>>& extras) {
  Target target;
  std::optional<json> root = parse_options_object(json_text, "options");
  if (!root) return target;
  const std::vector<std::string> request_keys = request_option_names();
  json analysis = json::object();
  for (const auto& [key, value] : root->items()) {
    if (std::find(request_keys.begin(), request_keys.end(), key) != request_keys.end()) {
      analysis[key] = value;
      continue;
    }
    auto it = std::find_if(extras.begin(), extras.end(),
                           [&key = key](const auto& e) { return e.option.key == key; });
    if (it == extras.end()) {
      std::string known;
      for (const auto& name : request_keys)
        known += (known.empty() ? "" : ", ") + name;
      for (const auto& extra : extras)
        known += ", " + std::string(extra.option.key);
      throw_usage_error("unknown option \"" + key + "\" (known: " + known + ")");
    }
    if (value.is_null()) continue;
    it->set(target, Given(it->option, value));
  }
  target.request = parse_request(analysis.dump());
  return target;
}

template <class Target>
void set_from_flag(Target& target, const std::vector<Extra<Target>>& extras,
                   const RequestOption& option, const FlagValue& value, std::string_view written) {
  auto it = std::find_if(extras.begin(), extras.end(),
                         [&](const auto& e) { return e.option.key == option.key; });
  if (it == extras.end()) throw_usage_error("unknown option " + std::string(option.flag));
  it->set(target, Given(it->option, value, written));
}

}  // namespace

const std::vector<RequestOption>& compare_options() {
  static const std::vector<RequestOption> list = options_of(compare_extras());
  return list;
}

const std::vector<RequestOption>& benchmark_options() {
  static const std::vector<RequestOption> list = options_of(benchmark_extras());
  return list;
}

CompareRequest parse_compare_request(std::string_view json_text) {
  return parse_with(json_text, compare_extras());
}

BenchmarkRequest parse_benchmark_request(std::string_view json_text) {
  return parse_with(json_text, benchmark_extras());
}

void set_option_from_flag(CompareRequest& request, const RequestOption& option,
                          const FlagValue& value, std::string_view written) {
  set_from_flag(request, compare_extras(), option, value, written);
}

void set_option_from_flag(BenchmarkRequest& request, const RequestOption& option,
                          const FlagValue& value, std::string_view written) {
  set_from_flag(request, benchmark_extras(), option, value, written);
}

Comparison compare(const Dataset& a, const Dataset& b, const CompareRequest& request) {
  CompareOptions options = request.compare;
  options.replicates =
      request.request.bootstrap > 0 ? request.request.bootstrap : kCompareReplicates;
  options.seed = request.request.seed;
  return compare(a, b, request.request.options, options, request.request.execution);
}

Benchmark benchmark(const Dataset& dataset, const BenchmarkRequest& request) {
  if (request.benchmark.firm.empty())
    throw_usage_error("benchmark needs the firm to benchmark (its id or name)");
  return benchmark(dataset, request.request.options, request.benchmark, request.request.execution);
}

}  // namespace materia
