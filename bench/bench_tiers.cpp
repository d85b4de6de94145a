// Class breaks on large inputs: Fisher-Jenks (exact, O(k n log n)) and the GVF elbow.
#include <benchmark/benchmark.h>

#include <random>

#include "tier/fisher.hpp"
#include "materia/tier/tier.hpp"

namespace {

std::vector<double> lognormal_values(std::size_t n) {
  std::mt19937_64 rng(2024);
  std::lognormal_distribution<double> draw(0.0, 1.0);
  std::vector<double> values(n);
  for (auto& v : values)
    v = draw(rng);
  return values;
}

// The figure: Fisher breaks on 1,000,000 values, k = 5, < 1 s (all cores: wall time).
void BM_FisherBreaks(benchmark::State& state) {
  auto values = lognormal_values(static_cast<std::size_t>(state.range(0)));
  const int k = static_cast<int>(state.range(1));
  for (auto _ : state)
    benchmark::DoNotOptimize(materia::natural_breaks(values, k, materia::BreakMethod::fisher));
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_FisherBreaks)
    ->Args({10000, 5})
    ->Args({1000000, 5})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

// The two costly steps of Fisher breaks apart: sorting (radix vs std::sort) ...
void BM_FisherSort(benchmark::State& state) {
  const auto values = lognormal_values(static_cast<std::size_t>(state.range(0)));
  const bool radix = state.range(1) != 0;  // 0: std::sort; else sort_finite on that many threads
  for (auto _ : state) {
    std::vector<double> sorted(values);
    if (radix)
      materia::detail::sort_finite(sorted, static_cast<unsigned>(state.range(1)));
    else
      std::sort(sorted.begin(), sorted.end());
    benchmark::DoNotOptimize(sorted.data());
  }
  state.SetLabel(radix ? "sort_finite" : "std::sort");
}
BENCHMARK(BM_FisherSort)
    ->Args({1000000, 0})
    ->Args({1000000, 1})
    ->Args({1000000, 2})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

// ... and the dynamic programme on sorted values: Args(n, k, threads, kernel: 0 scalar, 1 avx2,
// 2 avx512).
void BM_FisherProgramme(benchmark::State& state) {
  auto sorted = lognormal_values(static_cast<std::size_t>(state.range(0)));
  std::sort(sorted.begin(), sorted.end());
  materia::detail::FisherOptions options;
  options.threads = static_cast<unsigned>(state.range(2));
  options.kernel = state.range(3) == 2   ? materia::detail::FisherKernel::avx512
                   : state.range(3) == 1 ? materia::detail::FisherKernel::avx2
                                         : materia::detail::FisherKernel::scalar;
  if (!materia::detail::fisher_kernel_available(options.kernel)) {
    state.SkipWithError("kernel not available on this CPU");
    return;
  }
  for (auto _ : state) {
    materia::detail::FisherProgramme programme(sorted, static_cast<std::size_t>(state.range(1)),
                                               options);
    benchmark::DoNotOptimize(programme.total(1));
  }
}
BENCHMARK(BM_FisherProgramme)
    ->Args({1000000, 5, 1, 0})
    ->Args({1000000, 5, 1, 1})
    ->Args({1000000, 5, 1, 2})
    ->Args({1000000, 5, 2, 2})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

void BM_GvfElbow(benchmark::State& state) {
  auto values = lognormal_values(static_cast<std::size_t>(state.range(0)));
  for (auto _ : state)
    benchmark::DoNotOptimize(materia::gvf_elbow(values, 10));
}
BENCHMARK(BM_GvfElbow)->Arg(100000)->Unit(benchmark::kMillisecond);

}  // namespace
