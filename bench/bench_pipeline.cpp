// End-to-end analyze on seeded synthetic data (single thread).
#include <benchmark/benchmark.h>

#include "materia/analyze/analyze.hpp"
#include "synthetic.hpp"

namespace {

void BM_AnalyzeBordaNormalized(benchmark::State& state) {
  materia::bench::SyntheticSpec spec;
  spec.firms = static_cast<std::size_t>(state.range(0));
  auto taxonomy = materia::bench::synthetic_taxonomy(2000, 7);
  auto dataset = materia::bench::synthetic_dataset(taxonomy, spec);
  materia::AnalyzeOptions options;
  options.tiers = materia::TierSpec::parse("quantile:3");
  for (auto _ : state)
    benchmark::DoNotOptimize(materia::analyze(dataset, options));
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(spec.firms * spec.list_length));
}
BENCHMARK(BM_AnalyzeBordaNormalized)->Arg(500)->Arg(5000)->Unit(benchmark::kMillisecond);

}  // namespace
