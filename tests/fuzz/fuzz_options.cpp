// libFuzzer target: the options JSON of the C API and Python (parse_request), then a run of a
// small dataset with the options it accepted. The run is kept small (at most 8 bootstrap
// replicates, one thread); every option may still be refused, but only with a usage or input error.
#include <algorithm>
#include <cstdlib>
#include <string>

#include "fuzz_common.hpp"
#include "materia/io/io.hpp"
#include "materia/run/run.hpp"

namespace {

// Four firms: list order, levels, coordinates, a tie, a weight, an unlisted policy.
constexpr std::string_view kDataset = R"({"taxonomy": "none", "scale": [1, 5], "companies": [
 {"id": "A", "issues": [{"name": "a", "stakeholder": 5, "business": 4},
                        {"name": "b", "stakeholder": 3, "business": 3},
                        {"name": "c", "stakeholder": 1, "business": 2}]},
 {"id": "B", "weight": 2, "issues": [{"name": "b", "stakeholder": 4, "business": 5},
                                     {"name": "a", "stakeholder": 4, "business": 1},
                                     {"name": "d", "stakeholder": 2, "business": 2}]},
 {"id": "C", "unlisted": "not_assessed", "issues": [{"name": "c", "level": "high"},
                                                    {"name": "a", "level": "high"},
                                                    {"name": "e", "level": "low"}]},
 {"id": "D", "issues": ["a", "c", "b", "e", "d"]}]})";

const materia::Dataset& dataset() {
  static const materia::Dataset loaded = materia::load_dataset_json(kDataset, "<fuzz dataset>");
  return loaded;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto text = materia::fuzz::as_text(data, size);
  // No paths outside the working directory (an alias file "/dev/stdin" would wait for input).
  if (text.find('/') != std::string_view::npos || text.find("\\u") != std::string_view::npos)
    return 0;
  materia::Request request;
  if (!materia::fuzz::accepted([&] { request = materia::parse_request(text); })) return 0;
  request.bootstrap = std::min<std::size_t>(request.bootstrap, 8);
  request.execution.threads = 1;
  materia::fuzz::accepted([&] {
    materia::Run run = materia::run(dataset(), std::move(request));
    (void)materia::render(run.result, materia::Format::json);
  });
  return 0;
}
