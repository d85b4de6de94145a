// The stages before aggregation on the seeded market: reading the JSON dataset (streamed, and
// the whole-document parse it replaced, for comparison), validation, and ranking inside firms.
#include <benchmark/benchmark.h>

#include <map>

#include <nlohmann/json.hpp>

#include "analyze/steps.hpp"
#include "materia/analyze/analyze.hpp"
#include "materia/io/io.hpp"
#include "synthetic.hpp"

namespace {

// firms x 40 issues from `vocabulary`, 10% variant names, as materia_synth writes it.
const std::string& market_json(std::size_t firms) {
  static std::map<std::size_t, std::string> cache;
  auto& text = cache[firms];
  if (text.empty()) {
    materia::bench::SyntheticSpec spec;
    spec.firms = firms;
    spec.variant_share = 0.1;
    auto taxonomy = materia::bench::synthetic_taxonomy(firms > 10000 ? 3000 : 2000, spec.seed);
    text = materia::bench::synthetic_dataset_json(materia::bench::synthetic_dataset(taxonomy, spec),
                                                  spec.seed);
  }
  return text;
}

void BM_LoadDatasetJson(benchmark::State& state) {
  const std::string& text = market_json(static_cast<std::size_t>(state.range(0)));
  for (auto _ : state)
    benchmark::DoNotOptimize(materia::load_dataset_json(text, "market.json"));
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(text.size()));
  state.SetItemsProcessed(state.iterations() * state.range(0) * 40);
}
BENCHMARK(BM_LoadDatasetJson)->Arg(5000)->Arg(60000)->Unit(benchmark::kMillisecond);

// The document tree of the whole file, as the loader built it before it streamed.
void BM_ParseWholeDocument(benchmark::State& state) {
  const std::string& text = market_json(static_cast<std::size_t>(state.range(0)));
  for (auto _ : state)
    benchmark::DoNotOptimize(nlohmann::json::parse(text.begin(), text.end()));
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(text.size()));
}
BENCHMARK(BM_ParseWholeDocument)->Arg(5000)->Arg(60000)->Unit(benchmark::kMillisecond);

void BM_ValidateDataset(benchmark::State& state) {
  auto dataset =
      materia::load_dataset_json(market_json(static_cast<std::size_t>(state.range(0))), "m.json");
  for (auto _ : state)
    dataset.validate();
  state.SetItemsProcessed(state.iterations() * state.range(0) * 40);
}
BENCHMARK(BM_ValidateDataset)->Arg(5000)->Arg(60000)->Unit(benchmark::kMillisecond);

// Within-firm ranking of every firm and the sparse rank table (columns = taxonomy order).
void BM_RankFirmsAndTable(benchmark::State& state) {
  materia::bench::SyntheticSpec spec;
  spec.firms = static_cast<std::size_t>(state.range(0));
  auto taxonomy = materia::bench::synthetic_taxonomy(2000, 7);
  auto dataset = materia::bench::synthetic_dataset(taxonomy, spec);
  const auto columns = materia::bench::taxonomy_columns(dataset, taxonomy);
  for (auto _ : state) {
    const auto rankings = materia::detail::rank_firms(dataset, columns, materia::CombineRule::sum,
                                                      materia::Execution{1});
    benchmark::DoNotOptimize(materia::build_rank_table(
        rankings, dataset, taxonomy.issues.size(), taxonomy.issues.size(), materia::Axis::overall));
  }
  state.SetItemsProcessed(state.iterations() * state.range(0) * 40);
}
BENCHMARK(BM_RankFirmsAndTable)->Arg(5000)->Unit(benchmark::kMillisecond);

}  // namespace
