// Aggregation alone, every method, on the seeded synthetic market (single thread):
// 5,000 firms x 40 issues each from 2,000 (bench/synthetic.hpp).
//   build/bench/materia_bench --benchmark_filter=Aggregate
#include <benchmark/benchmark.h>

#include "analyze/steps.hpp"
#include "materia/aggregate/aggregate.hpp"
#include "synthetic.hpp"

namespace {

// The rank table of the synthetic market, built once: list order is the rank.
const materia::RankTable& market() {
  static const materia::RankTable table = [] {
    materia::bench::SyntheticSpec spec;  // 5000 firms x 40 of 2000
    auto taxonomy = materia::bench::synthetic_taxonomy(spec.vocabulary, 7);
    auto dataset = materia::bench::synthetic_dataset(taxonomy, spec);
    const auto rankings =
        materia::detail::rank_firms(dataset, materia::bench::taxonomy_columns(dataset, taxonomy),
                                    materia::CombineRule::sum, materia::Execution{1});
    return materia::build_rank_table(rankings, dataset, taxonomy.issues.size(),
                                     taxonomy.issues.size(), materia::Axis::overall);
  }();
  return table;
}

void BM_Aggregate(benchmark::State& state, materia::Method method) {
  const auto& table = market();
  materia::AggregateOptions options;
  options.method = method;
  for (auto _ : state)
    benchmark::DoNotOptimize(materia::aggregate(table, options));
  state.counters["firms"] = static_cast<double>(table.firm_count());
  state.counters["issues"] = static_cast<double>(table.issue_count());
  if (method == materia::Method::kemeny) {
    const auto kemeny = materia::kemeny_order(materia::pairwise_preferences(table));
    state.counters["proven_optimal"] = kemeny.proven_optimal ? 1 : 0;
    state.counters["largest_component"] = static_cast<double>(kemeny.largest_component);
    state.counters["distance"] = kemeny.distance;
    state.counters["gap_to_bound"] = (kemeny.distance - kemeny.lower_bound) / kemeny.lower_bound;
  }
}

void BM_PairwisePreferences(benchmark::State& state) {
  const auto& table = market();
  for (auto _ : state)
    benchmark::DoNotOptimize(materia::pairwise_preferences(table));
}

using materia::Method;
BENCHMARK_CAPTURE(BM_Aggregate, attention, Method::attention)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Aggregate, borda, Method::borda)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Aggregate, borda_normalized, Method::borda_normalized)
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Aggregate, dowdall, Method::dowdall)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Aggregate, mean_rank, Method::mean_rank)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Aggregate, median_rank, Method::median_rank)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Aggregate, geomean_rank, Method::geomean_rank)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Aggregate, rra, Method::rra)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Aggregate, stuart, Method::stuart)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_PairwisePreferences)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Aggregate, mc4, Method::mc4)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Aggregate, copeland, Method::copeland)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Aggregate, schulze, Method::schulze)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Aggregate, kemeny, Method::kemeny)->Unit(benchmark::kMillisecond);

}  // namespace
