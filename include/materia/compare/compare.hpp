#pragma once
/// \file compare.hpp
/// Two analyses side by side, with a measure of noise: this year against last (`compare`: what
/// moved, and does the move exceed what resampling the firms produces?) and one firm against its
/// peers (`benchmark`: where does it differ from their consensus?). Formulas and sources:
/// docs/method.md section 14.
///
///     materia::Request request = materia::parse_request(R"({"method": "borda-normalized"})");
///     materia::Comparison c = materia::compare(last_year, this_year, request, {.replicates =
///     1000}); for (const auto& issue : c.issues)
///       if (issue.significant) std::cout << issue.name << " " << issue.rank_change << "\n";

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "materia/analyze/analyze.hpp"
#include "materia/model/dataset.hpp"
#include "materia/model/result.hpp"
#include "materia/runtime/execution.hpp"
#include "materia/uncertainty/resampling.hpp"

namespace materia {

inline constexpr double kNotAvailable = std::numeric_limits<double>::quiet_NaN();

// ---------------------------------------------------------------------------------------------
// compare: A against B

/// Whether an issue is ranked in both analyses, only in B (entered) or only in A (left).
enum class ChangeStatus { both, entered, left };
/// "both", "entered" or "left".
const char* status_name(ChangeStatus status);

/// Fewer paired replicates than this get a warning: simultaneous intervals over many issues rest
/// on each issue's most extreme replicates.
inline constexpr std::size_t kCompareMinimumReplicates = 1000;

struct CompareOptions {
  std::size_t replicates = 1000;  ///< B of the paired bootstrap (0 = no intervals)
  std::uint64_t seed = 1;         ///< replicate b draws from a generator seeded by (seed, b)
  double level = 0.95;            ///< simultaneous coverage of the change intervals
  bool same_firms = false;        ///< analyse only the firms present in both A and B
  std::string label_a = "A";      ///< how the output names A (e.g. "2023" or a file name)
  std::string label_b = "B";
};

/// One issue in A and in B. Values of the side where the issue is absent are NaN (tier 0).
struct IssueChange {
  std::string id;
  std::string name;
  std::string name_en;
  Category category = Category::unspecified;
  ChangeStatus status = ChangeStatus::both;
  double rank_a = kNotAvailable, rank_b = kNotAvailable;  ///< mid-ranks, 1 = top
  double score_a = kNotAvailable, score_b = kNotAvailable;
  int tier_a = 0, tier_b = 0;  ///< 0 = absent
  int attention_a = 0, attention_b = 0;
  double stakeholder_a = kNotAvailable, stakeholder_b = kNotAvailable;
  double business_a = kNotAvailable, business_b = kNotAvailable;
  /// rank_b - rank_a (negative = rose); NaN unless status is both.
  double rank_change = kNotAvailable;
  /// Simultaneous percentile interval of rank_change over the paired bootstrap (all issues'
  /// intervals hold at once in a share `level` of the replicates); NaN without a bootstrap or
  /// unless status is both.
  double change_low = kNotAvailable, change_high = kNotAvailable;
  /// The interval excludes 0: the move exceeds what resampling the firms produces.
  bool significant = false;
};

struct Comparison {
  std::string label_a, label_b;
  std::string method;
  std::string tiers;
  std::size_t replicates = 0;  ///< B (0 = no bootstrap)
  std::uint64_t seed = 0;
  double level = 0.95;
  bool same_firms = false;
  /// Firm ids: in both (paired in the bootstrap), only in A, only in B; each in input order.
  std::vector<std::string> firms_both, firms_only_a, firms_only_b;
  /// Issues in B's rank order, then the issues that left in A's rank order.
  std::vector<IssueChange> issues;
  /// Kendall's tau-b between A's and B's mid-ranks over the issues in both (NaN below 2), and
  /// its normal bootstrap interval (estimate -+ z sd of the replicates, within [-1, 1]; NaN
  /// without a bootstrap).
  double tau_b = kNotAvailable, tau_b_low = kNotAvailable, tau_b_high = kNotAvailable;
  std::size_t tiers_a = 0, tiers_b = 0;
  /// tier_migration[t_a][t_b] = number of issues in tier t_a of A and t_b of B; index 0 is
  /// "absent" (entered issues are in row 0, issues that left in column 0).
  std::vector<std::vector<std::size_t>> tier_migration;
  std::vector<std::string> warnings;
  /// The two analyses the comparison was made from.
  Result result_a, result_b;

  std::size_t significant_count() const;
};

/// Analyses `a` and `b` with the same options and compares them issue by issue (by issue id:
/// give both the same taxonomy). The paired bootstrap draws the firms in both with replacement
/// once per replicate and uses the draw for A and for B; firms in only one are drawn
/// separately. Throws Error(usage) for a level outside (0, 1), Error(input) when the datasets
/// share no issue or a dataset has no firm (after same_firms).
Comparison compare(const Dataset& a, const Dataset& b, const AnalyzeOptions& options,
                   const CompareOptions& compare_options, const Execution& execution = {});

// ---------------------------------------------------------------------------------------------
// benchmark: one firm against its peers

struct BenchmarkOptions {
  std::string firm;  ///< the firm's id (or its name)
  /// The peers by id (or name); empty = every other firm (of its segment with same_segment).
  std::vector<std::string> peers;
  bool same_segment = false;  ///< peers = the other firms of the firm's segment
};

/// One issue as the firm ranks it and as the consensus of its peers does.
struct BenchmarkIssue {
  std::string id;
  std::string name;
  std::string name_en;
  Category category = Category::unspecified;
  double firm_rank = kNotAvailable;  ///< the firm's own mid-rank; NaN if it does not list it
  double peer_rank = kNotAvailable;  ///< mid-rank in the peers' consensus; NaN if no peer lists it
  int peer_tier = 0;                 ///< tier in the consensus (0 = not ranked by the peers)
  int peer_attention = 0;            ///< peers listing the issue
  double gap = kNotAvailable;        ///< firm_rank - peer_rank (positive = the firm ranks it lower)
  double firm_stakeholder = kNotAvailable, firm_business = kNotAvailable;  ///< its own positions
  double peer_stakeholder = kNotAvailable, peer_business = kNotAvailable;  ///< the consensus's
  double stakeholder_gap = kNotAvailable, business_gap = kNotAvailable;    ///< firm - peers
  /// In the peers' tier 1, and the firm does not list it or ranks it in the lower half of its list.
  bool blind_spot = false;
  /// In the firm's top places (as many as the peers' tier 1 holds), not in the peers' tier 1.
  bool distinctive = false;
};

struct Benchmark {
  std::string firm;  ///< id
  std::string firm_name;
  std::string peer_rule;  ///< "all", "segment ..." or "ids"
  std::vector<std::string> peers;
  std::string method;
  std::string tiers;
  /// Issues in the consensus's rank order, then the issues only the firm lists.
  std::vector<BenchmarkIssue> issues;
  /// Kendall's tau-b between the firm's ranks and the consensus's over the issues it lists.
  double tau_b = kNotAvailable;
  /// Share of the peers (as a percentage) whose own tau-b to the consensus of the other peers is
  /// at most the firm's; NaN with fewer than 2 peers.
  double percentile = kNotAvailable;
  /// Each peer's tau-b to the consensus of the other peers, in peer order.
  std::vector<double> peer_tau_b;
  std::size_t top_places = 0;  ///< places counted as the firm's "first" (peers' tier-1 size)
  std::vector<std::string> warnings;
  /// The consensus of the peers (the firm left out), as `analyze` gives it.
  Result consensus;

  std::size_t blind_spot_count() const;
  std::size_t distinctive_count() const;
};

/// The firm's ranking and matrix against the consensus of its peers. Throws Error(input) naming
/// the firm when it is not in the dataset or no peer is left, and naming a peer that is unknown.
Benchmark benchmark(const Dataset& dataset, const AnalyzeOptions& options,
                    const BenchmarkOptions& benchmark_options, const Execution& execution = {});

/// The outputs of `materia compare` and `materia benchmark` (docs/format.md): JSON indented by
/// `indent` spaces (-1: one line) without a final newline, CSV (one row per issue), and the
/// aligned table.
std::string to_json_text(const Comparison& comparison, int indent);
std::string to_csv(const Comparison& comparison);
std::string to_table(const Comparison& comparison);
std::string to_json_text(const Benchmark& benchmark, int indent);
std::string to_csv(const Benchmark& benchmark);
std::string to_table(const Benchmark& benchmark);

namespace kernels {

/// Simultaneous percentile intervals for n statistics from B bootstrap replicates (Mandel &
/// Betensky 2008, Comput. Stat. Data Anal. 52(4), 2158–2165): `replicates[b * n + i]` is
/// statistic i in replicate b. Interval i runs from the (k+1)-th smallest to the (k+1)-th largest
/// of its B values, with the same k for every statistic: the largest k for which at least a share
/// `level` of the replicates lies inside all n intervals at once. The ends are observed values.
/// Returns {low, high}; empty without replicates.
inline std::pair<std::vector<double>, std::vector<double>> simultaneous_percentile_intervals(
    const std::vector<double>& replicates, std::size_t replicate_count, std::size_t n,
    double level) {
  const std::size_t count = replicate_count;
  std::vector<double> low(n), high(n);
  if (n == 0 || count == 0) return {{}, {}};
  std::vector<std::vector<double>> sorted(n, std::vector<double>(count));
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t b = 0; b < count; ++b)
      sorted[i][b] = replicates[b * n + i];
    std::sort(sorted[i].begin(), sorted[i].end());
  }
  // The share of replicates inside every interval when k values are cut from each end.
  auto coverage = [&](std::size_t k) {
    std::size_t inside = 0;
    for (std::size_t b = 0; b < count; ++b) {
      bool all = true;
      for (std::size_t i = 0; i < n && all; ++i) {
        const double value = replicates[b * n + i];
        all = value >= sorted[i][k] && value <= sorted[i][count - 1 - k];
      }
      inside += all ? 1 : 0;
    }
    return static_cast<double>(inside) / static_cast<double>(count);
  };
  // coverage falls as k grows: the largest k that keeps `level`, by bisection
  std::size_t good = 0, bad = (count + 1) / 2;  // k = bad would leave no value or cross over
  while (bad - good > 1) {
    const std::size_t k = good + (bad - good) / 2;
    if (coverage(k) >= level - 1e-12)
      good = k;
    else
      bad = k;
  }
  for (std::size_t i = 0; i < n; ++i) {
    low[i] = sorted[i][good];
    high[i] = sorted[i][count - 1 - good];
  }
  return {low, high};
}

}  // namespace kernels

}  // namespace materia
