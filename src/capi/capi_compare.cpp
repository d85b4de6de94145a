// Comparing analyses through the C API (materia compare | benchmark): dataset handles and the
// options JSON in, the CLI's output text out.
#include <nlohmann/json.hpp>

#include "capi/capi_internal.hpp"
#include "materia/run/compare.hpp"
#include "materia_workflows.h"

using namespace materia::capi;

namespace {

// The output format ("format", default json), taken out of the options: the rest is the verb's
// request (run/compare.hpp), parsed there with its own messages.
struct SplitOptions {
  materia::Format format = materia::Format::json;
  std::string request;
};

SplitOptions split_format(const char* options_json) {
  SplitOptions split;
  std::string_view text = options_json == nullptr ? std::string_view() : options_json;
  if (text.find_first_not_of(" \t\r\n") == std::string_view::npos) return split;
  nlohmann::json root = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (root.is_object()) {
    if (auto it = root.find("format"); it != root.end()) {
      if (!it->is_null()) {
        if (!it->is_string())
          materia::throw_usage_error("option \"format\" must be \"json\", \"csv\" or \"table\"");
        auto format = materia::format_named(it->get<std::string>());
        if (!format)
          materia::throw_usage_error(
              "option \"format\" must be \"json\", \"csv\" or \"table\", not \"" +
              it->get<std::string>() + "\"");
        split.format = *format;
      }
      root.erase(it);
    }
    split.request = root.dump();
    return split;
  }
  split.request = std::string(text);  // not an object: the request parser says what is wrong
  return split;
}

}  // namespace

extern "C" {

int materia_compare(char** out, size_t* out_len, const materia_dataset* a, const materia_dataset* b,
                    const char* options_json) {
  if (int status = check_arguments("materia_compare", out, {{a, "a"}, {b, "b"}});
      status != MATERIA_OK)
    return status;
  return guard([&] {
    const SplitOptions options = split_format(options_json);
    const materia::CompareRequest request = materia::parse_compare_request(options.request);
    return copy_out(
        materia::render(materia::compare(a->dataset, b->dataset, request), options.format), out,
        out_len);
  });
}

int materia_benchmark(char** out, size_t* out_len, const materia_dataset* dataset,
                      const char* options_json) {
  if (int status = check_arguments("materia_benchmark", out, {{dataset, "dataset"}});
      status != MATERIA_OK)
    return status;
  return guard([&] {
    const SplitOptions options = split_format(options_json);
    const materia::BenchmarkRequest request = materia::parse_benchmark_request(options.request);
    return copy_out(materia::render(materia::benchmark(dataset->dataset, request), options.format),
                    out, out_len);
  });
}

}  // extern "C"
