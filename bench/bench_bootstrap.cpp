// Bootstrap over firms: the figure is B = 1,000 on 5,000 firms x 40 issues from 2,000
// with borda-normalized, < 20 s on 2 cores (threads = 2).
#include <benchmark/benchmark.h>

#include "materia/analyze/analyze.hpp"
#include "materia/uncertainty/uncertainty.hpp"
#include "synthetic.hpp"

namespace {

void BM_Bootstrap(benchmark::State& state) {
  materia::bench::SyntheticSpec spec;  // 5,000 firms x 40 issues from 2,000
  auto taxonomy = materia::bench::synthetic_taxonomy(spec.vocabulary, 7);
  auto dataset = materia::bench::synthetic_dataset(taxonomy, spec);
  materia::AnalyzeOptions options;  // borda-normalized, fisher:3
  auto result = materia::analyze(dataset, options);
  materia::BootstrapOptions settings;
  settings.replicates = static_cast<std::size_t>(state.range(0));
  settings.seed = 42;
  const materia::Execution execution{static_cast<unsigned>(state.range(1))};
  for (auto _ : state)
    benchmark::DoNotOptimize(materia::bootstrap(dataset, result, options, settings, execution));
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_Bootstrap)
    ->Args({1000, 2})
    ->Args({100, 1})
    ->Unit(benchmark::kSecond)
    ->UseRealTime()
    ->Iterations(1);

}  // namespace
