#include "materia/uncertainty/uncertainty.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <exception>
#include <limits>
#include <mutex>
#include <numeric>
#include <random>
#include <thread>
#include <tuple>

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

constexpr double kInfinity = std::numeric_limits<double>::infinity();

// The ranking scores of an aggregation, larger = better (so one comparison serves every method).
std::vector<double> oriented_scores(const Aggregation& aggregation) {
  const RankingScores ranking = ranking_scores(aggregation);
  std::vector<double> values = ranking.values;
  if (!ranking.higher_is_better)
    for (auto& v : values)
      v = -v;
  return values;
}

// The full sample's tiers as frozen cut points on oriented scores: midway between the worst
// score of tier t and the best of tier t + 1, for t = 1 .. T - 1.
std::vector<double> frozen_cuts(const Result& result) {
  int tiers = 0;
  for (const auto& issue : result.issues)
    tiers = std::max(tiers, issue.tier);
  const double sign = result.higher_is_better ? 1.0 : -1.0;
  std::vector<double> worst(static_cast<std::size_t>(tiers), kInfinity),
      best(static_cast<std::size_t>(tiers), -kInfinity);
  for (const auto& issue : result.issues) {
    const auto t = static_cast<std::size_t>(issue.tier - 1);
    worst[t] = std::min(worst[t], sign * issue.score);
    best[t] = std::max(best[t], sign * issue.score);
  }
  std::vector<double> cuts;
  for (std::size_t t = 0; t + 1 < worst.size(); ++t)
    cuts.push_back(best[t + 1] == -kInfinity ? worst[t] : (worst[t] + best[t + 1]) / 2.0);
  return cuts;
}

// The tier of an oriented score under frozen cut points: the first tier whose cut it reaches.
int frozen_tier(double value, const std::vector<double>& cuts) {
  int tier = 1;
  for (double cut : cuts) {
    if (value >= cut) break;
    ++tier;
  }
  return tier;
}

// Hennig's (2007) stability of each tier of `reference`: the Jaccard similarity between the tier
// and the most similar tier of `fresh`, both given as tiers of the same issues.
std::vector<double> tier_jaccard(const std::vector<int>& reference, const std::vector<int>& fresh) {
  const int r_count = *std::max_element(reference.begin(), reference.end());
  const int f_count = *std::max_element(fresh.begin(), fresh.end());
  std::vector<std::size_t> both(static_cast<std::size_t>(r_count * f_count), 0),
      r_size(static_cast<std::size_t>(r_count), 0), f_size(static_cast<std::size_t>(f_count), 0);
  for (std::size_t i = 0; i < reference.size(); ++i) {
    ++both[static_cast<std::size_t>((reference[i] - 1) * f_count + fresh[i] - 1)];
    ++r_size[static_cast<std::size_t>(reference[i] - 1)];
    ++f_size[static_cast<std::size_t>(fresh[i] - 1)];
  }
  std::vector<double> jaccard(static_cast<std::size_t>(r_count), 0.0);
  for (int r = 0; r < r_count; ++r)
    for (int f = 0; f < f_count; ++f) {
      const auto shared = static_cast<double>(both[static_cast<std::size_t>(r * f_count + f)]);
      const double joined = static_cast<double>(r_size[static_cast<std::size_t>(r)] +
                                                f_size[static_cast<std::size_t>(f)]) -
                            shared;
      if (joined > 0)
        jaccard[static_cast<std::size_t>(r)] =
            std::max(jaccard[static_cast<std::size_t>(r)], shared / joined);
    }
  return jaccard;
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
  // the replicates' scores by issue, for the simultaneous rank sets
  const bool rank_sets = n <= kMaxRankSetIssues;
  std::vector<double> replicate_scores(rank_sets ? replicates * n : 0);
  std::vector<std::uint16_t> tiers(replicates * n);
  const std::vector<double> cuts = frozen_cuts(result);
  const std::size_t tier_count = cuts.size() + 1;
  std::vector<double> stability(replicates * tier_count, 0.0);
  std::vector<int> full_tiers(n);
  for (std::size_t i = 0; i < n; ++i)
    full_tiers[i] = result.issues[i].tier;
  const AggregateOptions aggregate_options = detail::aggregate_options_of(options);
  run_parallel(
      replicates, execution.threads,
      [&](std::size_t b) {
        const std::vector<std::size_t> rows = kernels::replicate_rows(bootstrap_options.seed, b, m);
        const Aggregation aggregation =
            aggregate(table_of(base, rows), aggregate_options, kOneThread);
        const std::vector<double> oriented = oriented_scores(aggregation);
        // mid-ranks: issues tied in this replicate share their places, whatever their ids
        for (std::size_t i = 0; i < n; ++i) {
          ranks[b * n + i] = static_cast<float>(aggregation.rank[i]);
          tiers[b * n + i] = static_cast<std::uint16_t>(frozen_tier(oriented[i], cuts));
          if (rank_sets) replicate_scores[i * replicates + b] = oriented[i];
        }
        // the tiers found afresh in this replicate, for the partition's stability only
        std::vector<std::size_t> order(n);
        std::iota(order.begin(), order.end(), 0);
        std::stable_sort(order.begin(), order.end(),
                         [&](auto a, auto c) { return oriented[a] > oriented[c]; });
        const std::vector<double> p = p_values(aggregation);
        const Tiering fresh =
            assign_tiers(oriented, order, true, options.tiers, p.empty() ? nullptr : &p);
        const std::vector<double> jaccard = tier_jaccard(full_tiers, fresh.tier);
        for (std::size_t t = 0; t < jaccard.size() && t < tier_count; ++t)
          stability[b * tier_count + t] = jaccard[t];
      },
      bootstrap_options.progress);

  summary = kernels::summarize_replicates(ranks, tiers, replicates, n, bootstrap_options.level,
                                          tier_count);
  summary.seed = bootstrap_options.seed;
  summary.tier_stability.assign(tier_count, 0.0);
  for (std::size_t b = 0; b < replicates; ++b)
    for (std::size_t t = 0; t < tier_count; ++t)
      summary.tier_stability[t] += stability[b * tier_count + t];
  for (auto& mean : summary.tier_stability)
    mean = std::min(1.0, mean / static_cast<double>(replicates));
  if (rank_sets) {
    // the full sample's scores, oriented as the replicates' (Result::issues is in rank order)
    const double sign = result.higher_is_better ? 1.0 : -1.0;
    std::vector<double> estimates(n);
    for (std::size_t i = 0; i < n; ++i)
      estimates[i] = sign * result.issues[i].score;
    std::tie(summary.rank_set_low, summary.rank_set_high) = kernels::simultaneous_rank_sets(
        estimates, replicate_scores, replicates, bootstrap_options.level);
  }
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
                 const Aggregation without =
                     aggregate(table_of(base, rows), aggregate_options, kOneThread);
                 shift[left_out].assign(n, 0.0);
                 for (std::size_t i = 0; i < n; ++i)
                   shift[left_out][i] = without.rank[i] - result.issues[i].rank_mid;
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
  result.tier_stability = summary.tier_stability;
  for (std::size_t i = 0; i < result.issues.size() && i < summary.rank_low.size(); ++i) {
    result.issues[i].rank_low = summary.rank_low[i];
    result.issues[i].rank_high = summary.rank_high[i];
    result.issues[i].tier_probability = summary.tier_probability[i];
    if (i < summary.rank_set_low.size()) {
      result.issues[i].rank_set_low = summary.rank_set_low[i];
      result.issues[i].rank_set_high = summary.rank_set_high[i];
    }
  }
  if (summary.rank_set_low.empty() && !result.issues.empty())
    result.warn(
        WarningKind::rank_sets_skipped,
        "simultaneous rank sets were not computed: " + std::to_string(result.issues.size()) +
            " issues are more than " + std::to_string(kMaxRankSetIssues));
}

void attach_leave_one_out(Result& result, const LeaveOneOutSummary& summary) {
  result.leave_one_out = true;
  for (std::size_t i = 0; i < result.issues.size() && i < summary.firm.size(); ++i) {
    result.issues[i].influential_firm = summary.firm[i];
    result.issues[i].influential_shift = summary.rank_shift[i];
  }
}

}  // namespace materia
