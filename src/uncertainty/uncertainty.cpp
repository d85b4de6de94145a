#include "materia/uncertainty/uncertainty.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <exception>
#include <mutex>
#include <numeric>
#include <random>
#include <thread>

#include "analyze/result_table.hpp"
#include "materia/aggregate/aggregate.hpp"
#include "materia/error.hpp"
#include "materia/rank/rank.hpp"
#include "materia/tier/tier.hpp"

namespace materia {

namespace {

// Replicates already run in parallel: each one aggregates on its own thread.
constexpr Execution kOneThread{.threads = 1};

using detail::Base;
using detail::base_of;
using detail::table_of;

// Ranks 1..n by score; ties keep the order of the full analysis (the issue index).
std::vector<std::size_t> order_of(const Aggregation& aggregation) {
  std::vector<std::size_t> order(aggregation.score.size());
  std::iota(order.begin(), order.end(), 0);
  const auto& score = aggregation.score;
  const bool higher = aggregation.higher_is_better;
  std::stable_sort(order.begin(), order.end(), [&](auto a, auto b) {
    return higher ? score[a] > score[b] : score[a] < score[b];
  });
  return order;
}

// Runs work(index) for index in [0, count) on `threads` threads (index i on thread i mod T), so
// results depend only on the index; reports progress from the calling thread.
template <typename Work>
void run_parallel(std::size_t count, unsigned threads, Work work,
                  const std::function<void(std::size_t, std::size_t)>& progress) {
  if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
  threads = static_cast<unsigned>(std::min<std::size_t>(threads, std::max<std::size_t>(count, 1)));
  std::atomic<std::size_t> done{0};
  std::exception_ptr failure;
  std::mutex failure_mutex;
  std::atomic<bool> stop{false};
  auto worker = [&](unsigned t) {
    try {
      for (std::size_t i = t; i < count && !stop; i += threads) {
        work(i);
        ++done;
      }
    } catch (...) {
      std::lock_guard<std::mutex> lock(failure_mutex);
      if (!failure) failure = std::current_exception();
      stop = true;
    }
  };
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < threads; ++t)
    pool.emplace_back(worker, t);
  if (progress) {
    // the calling thread reports while the others work, then does its own share
    std::thread own(worker, 0u);
    while (done < count && !stop) {
      progress(done.load(), count);
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    own.join();
    for (auto& thread : pool)
      thread.join();
    if (!failure) progress(done.load(), count);  // all done: the bar ends with its newline
  } else {
    worker(0);
    for (auto& thread : pool)
      thread.join();
  }
  if (failure) std::rethrow_exception(failure);
}

}  // namespace

BootstrapSummary bootstrap(const Dataset& dataset, const Result& result,
                           const AnalyzeOptions& options, const BootstrapOptions& bootstrap_options,
                           const Execution& execution) {
  const std::size_t replicates = bootstrap_options.replicates;
  if (replicates == 0) throw_usage_error("--bootstrap needs at least 1 replicate");
  if (!(bootstrap_options.level > 0 && bootstrap_options.level < 1))
    throw_usage_error("the bootstrap level must be in (0, 1)");
  const Base base = base_of(dataset, result);
  const std::size_t m = base.entries.size(), n = base.issues;
  BootstrapSummary summary;
  summary.replicates = replicates;
  summary.seed = bootstrap_options.seed;
  if (m == 0 || n == 0) return summary;

  std::vector<float> ranks(replicates * n);
  std::vector<std::uint16_t> tiers(replicates * n);
  const AggregateOptions aggregate_options = detail::aggregate_options_of(options);
  run_parallel(
      replicates, execution.threads,
      [&](std::size_t b) {
        const std::vector<std::size_t> rows = kernels::replicate_rows(bootstrap_options.seed, b, m);
        Aggregation aggregation = aggregate(table_of(base, rows), aggregate_options, kOneThread);
        auto order = order_of(aggregation);
        Tiering tiering =
            assign_tiers(aggregation.score, order, aggregation.higher_is_better, options.tiers);
        for (std::size_t position = 0; position < n; ++position)
          ranks[b * n + order[position]] = static_cast<float>(position + 1);
        for (std::size_t i = 0; i < n; ++i)
          tiers[b * n + i] = static_cast<std::uint16_t>(std::min(tiering.tier[i], 65535));
      },
      bootstrap_options.progress);

  summary = kernels::summarize_replicates(ranks, tiers, replicates, n, bootstrap_options.level);
  summary.seed = bootstrap_options.seed;
  return summary;
}

LeaveOneOutSummary leave_one_out(const Dataset& dataset, const Result& result,
                                 const AnalyzeOptions& options, const Execution& execution) {
  const Base base = base_of(dataset, result);
  const std::size_t m = base.entries.size(), n = base.issues;
  LeaveOneOutSummary summary;
  summary.firm.assign(n, "");
  summary.rank_shift.assign(n, 0.0);
  if (m < 2 || n == 0) return summary;
  // shift[f][i]: rank of issue i without firm f minus its rank with all firms (i + 1)
  std::vector<std::vector<double>> shift(m);
  const AggregateOptions aggregate_options = detail::aggregate_options_of(options);
  run_parallel(m, execution.threads,
               [&](std::size_t left_out) {
                 if (base.weight[left_out] == 0) return;
                 std::vector<std::size_t> rows;
                 for (std::size_t f = 0; f < m; ++f)
                   if (f != left_out) rows.push_back(f);
                 auto order =
                     order_of(aggregate(table_of(base, rows), aggregate_options, kOneThread));
                 shift[left_out].assign(n, 0.0);
                 for (std::size_t position = 0; position < n; ++position)
                   shift[left_out][order[position]] =
                       static_cast<double>(position + 1) - static_cast<double>(order[position] + 1);
               },
               {});
  for (std::size_t i = 0; i < n; ++i) {
    double best = 0.0;
    for (std::size_t f = 0; f < m; ++f) {
      if (shift[f].empty()) continue;
      if (std::abs(shift[f][i]) > std::abs(best)) {  // ties: the first firm in input order
        best = shift[f][i];
        summary.firm[i] = result.firms[f].id;
      }
    }
    summary.rank_shift[i] = best;
  }
  return summary;
}

void attach_bootstrap(Result& result, const BootstrapSummary& summary) {
  result.bootstrap_replicates = summary.replicates;
  result.bootstrap_seed = summary.seed;
  for (std::size_t i = 0; i < result.issues.size() && i < summary.rank_low.size(); ++i) {
    result.issues[i].rank_low = summary.rank_low[i];
    result.issues[i].rank_high = summary.rank_high[i];
    result.issues[i].tier_probability = summary.tier_probability[i];
  }
}

void attach_leave_one_out(Result& result, const LeaveOneOutSummary& summary) {
  result.leave_one_out = true;
  for (std::size_t i = 0; i < result.issues.size() && i < summary.firm.size(); ++i) {
    result.issues[i].influential_firm = summary.firm[i];
    result.issues[i].influential_shift = summary.rank_shift[i];
  }
}

}  // namespace materia
