// Class breaks on large inputs: Fisher-Jenks (exact, O(k n log n)) and the GVF elbow.
#include <benchmark/benchmark.h>

#include <random>

#include "materia/tier.hpp"

namespace {

std::vector<double> lognormal_values(std::size_t n) {
  std::mt19937_64 rng(2024);
  std::lognormal_distribution<double> draw(0.0, 1.0);
  std::vector<double> values(n);
  for (auto& v : values)
    v = draw(rng);
  return values;
}

// The figure: Fisher breaks on 1,000,000 values, k = 5, < 1 s.
void BM_FisherBreaks(benchmark::State& state) {
  auto values = lognormal_values(static_cast<std::size_t>(state.range(0)));
  const int k = static_cast<int>(state.range(1));
  for (auto _ : state)
    benchmark::DoNotOptimize(materia::natural_breaks(values, k, materia::BreakMethod::fisher));
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_FisherBreaks)->Args({10000, 5})->Args({1000000, 5})->Unit(benchmark::kMillisecond);

void BM_GvfElbow(benchmark::State& state) {
  auto values = lognormal_values(static_cast<std::size_t>(state.range(0)));
  for (auto _ : state)
    benchmark::DoNotOptimize(materia::gvf_elbow(values, 10));
}
BENCHMARK(BM_GvfElbow)->Arg(100000)->Unit(benchmark::kMillisecond);

}  // namespace
