// Loading a JSON dataset, and what the limit pre-pass (materia/limits.hpp) adds to it.
#include <benchmark/benchmark.h>

#include <map>

#include <nlohmann/json.hpp>

#include "base/json_util.hpp"
#include "materia/io/io.hpp"
#include "synthetic.hpp"

namespace {

// The synthetic dataset as JSON text (taxonomy "none": loading, not name resolution, is measured).
const std::string& dataset_text(std::size_t firms) {
  static std::map<std::size_t, std::string> cache;
  auto& text = cache[firms];
  if (text.empty()) {
    materia::bench::SyntheticSpec spec;
    spec.firms = firms;
    spec.coordinates = true;
    auto dataset =
        materia::bench::synthetic_dataset(materia::bench::synthetic_taxonomy(2000, 7), spec);
    nlohmann::json json = {{"taxonomy", "none"}, {"scale", {1, 5}}};
    auto& companies = json["companies"] = nlohmann::json::array();
    for (const auto& firm : dataset.firms) {
      nlohmann::json issues = nlohmann::json::array();
      for (const auto& entry : firm.entries)
        issues.push_back(
            {{"name", entry.name}, {"stakeholder", *entry.stakeholder}, {"business", *entry.business}});
      companies.push_back({{"id", firm.id}, {"issues", std::move(issues)}});
    }
    text = json.dump();
  }
  return text;
}

void BM_LoadDatasetJson(benchmark::State& state) {
  const auto& text = dataset_text(static_cast<std::size_t>(state.range(0)));
  for (auto _ : state)
    benchmark::DoNotOptimize(materia::load_dataset_json(text, "<bench>"));
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(text.size()));
}
BENCHMARK(BM_LoadDatasetJson)->Arg(5000)->Unit(benchmark::kMillisecond);

void BM_JsonLimitPrePass(benchmark::State& state) {
  const auto& text = dataset_text(static_cast<std::size_t>(state.range(0)));
  for (auto _ : state)
    materia::detail::check_json_limits(text, "<bench>");
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(text.size()));
}
BENCHMARK(BM_JsonLimitPrePass)->Arg(5000)->Unit(benchmark::kMillisecond);

void BM_JsonTreeParse(benchmark::State& state) {
  const auto& text = dataset_text(static_cast<std::size_t>(state.range(0)));
  for (auto _ : state)
    benchmark::DoNotOptimize(nlohmann::json::parse(text));
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(text.size()));
}
BENCHMARK(BM_JsonTreeParse)->Arg(5000)->Unit(benchmark::kMillisecond);

}  // namespace
