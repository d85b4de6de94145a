#include "materia/compare/compare.hpp"

#include <algorithm>
#include <cmath>
#include <random>
#include <tuple>
#include <utility>

#include <boost/math/distributions/normal.hpp>
#include <unordered_map>
#include <unordered_set>

#include "analyze/result_table.hpp"
#include "materia/aggregate/aggregate.hpp"
#include "materia/error.hpp"
#include "materia/stats/rank_agreement.hpp"
#include "runtime/parallel.hpp"

namespace materia {

namespace {

// Replicates already run in parallel: each one aggregates on its own thread.
constexpr Execution kOneThread{.threads = 1};

// Issue id -> position in Result::issues.
std::unordered_map<std::string, std::size_t> issue_positions(const Result& result) {
  std::unordered_map<std::string, std::size_t> position;
  for (std::size_t i = 0; i < result.issues.size(); ++i)
    position.emplace(result.issues[i].id, i);
  return position;
}

std::unordered_map<std::string, std::size_t> firm_positions(const std::vector<FirmSummary>& firms) {
  std::unordered_map<std::string, std::size_t> position;
  for (std::size_t f = 0; f < firms.size(); ++f)
    position.emplace(firms[f].id, f);
  return position;
}

// The dataset with only the firms at `keep` (positions, in dataset order).
Dataset with_firms(const Dataset& dataset, const std::vector<std::size_t>& keep) {
  Dataset subset;
  subset.source = dataset.source;
  subset.taxonomy = dataset.taxonomy;
  subset.scale = dataset.scale;
  subset.description = dataset.description;
  subset.synthetic = dataset.synthetic;
  for (std::size_t f : keep)
    subset.firms.push_back(dataset.firms[f]);
  return subset;
}

int tier_count(const Result& result) {
  int tiers = 0;
  for (const auto& issue : result.issues)
    tiers = std::max(tiers, issue.tier);
  return tiers;
}

// A normal interval of coverage `level` around `estimate`, its half width z times the standard
// deviation of the finite replicates (Efron & Tibshirani 1993, section 13.3), within [-1, 1].
std::pair<double, double> normal_interval(double estimate, const std::vector<double>& replicates,
                                          double level) {
  double sum = 0.0, squares = 0.0;
  std::size_t count = 0;
  for (double value : replicates)
    if (!std::isnan(value)) {
      sum += value;
      ++count;
    }
  if (std::isnan(estimate) || count < 2) return {kNotAvailable, kNotAvailable};
  const double mean = sum / static_cast<double>(count);
  for (double value : replicates)
    if (!std::isnan(value)) squares += (value - mean) * (value - mean);
  const double sd = std::sqrt(squares / static_cast<double>(count - 1));
  const double z = boost::math::quantile(boost::math::normal(), 0.5 + level / 2.0);
  return {std::max(-1.0, estimate - z * sd), std::min(1.0, estimate + z * sd)};
}

void describe_side(IssueChange& change, const IssueResult& issue) {
  change.id = issue.id;
  change.name = issue.name;
  change.name_en = issue.name_en;
  change.category = issue.category;
}

}  // namespace

const char* status_name(ChangeStatus status) {
  switch (status) {
    case ChangeStatus::both:
      return "both";
    case ChangeStatus::entered:
      return "entered";
    case ChangeStatus::left:
      return "left";
  }
  return "both";
}

std::size_t Comparison::significant_count() const {
  return static_cast<std::size_t>(
      std::count_if(issues.begin(), issues.end(), [](const auto& i) { return i.significant; }));
}

Comparison compare(const Dataset& a, const Dataset& b, const AnalyzeOptions& analyze_options,
                   const CompareOptions& compare_options, const Execution& execution) {
  if (!(compare_options.level > 0 && compare_options.level < 1))
    throw_usage_error("the comparison's level must be in (0, 1)");
  AnalyzeOptions options = analyze_options;
  options.keep_listings = true;  // the paired bootstrap re-aggregates the listings

  Comparison out;
  out.label_a = compare_options.label_a;
  out.label_b = compare_options.label_b;
  out.seed = compare_options.seed;
  out.level = compare_options.level;
  out.same_firms = compare_options.same_firms;

  // Firms by id: the paired ones, then those in one dataset only.
  std::unordered_map<std::string, std::size_t> in_b;
  for (std::size_t f = 0; f < b.firms.size(); ++f)
    in_b.emplace(b.firms[f].id, f);
  std::unordered_set<std::string> in_a;
  std::vector<std::size_t> keep_a, keep_b;
  for (std::size_t f = 0; f < a.firms.size(); ++f) {
    in_a.insert(a.firms[f].id);
    if (in_b.count(a.firms[f].id)) {
      out.firms_both.push_back(a.firms[f].id);
      keep_a.push_back(f);
    } else {
      out.firms_only_a.push_back(a.firms[f].id);
    }
  }
  for (std::size_t f = 0; f < b.firms.size(); ++f) {
    if (in_a.count(b.firms[f].id))
      keep_b.push_back(f);
    else
      out.firms_only_b.push_back(b.firms[f].id);
  }
  Dataset paired_a, paired_b;
  if (compare_options.same_firms) {
    if (out.firms_both.empty())
      throw_input_error("no firm id is in both " + a.source + " and " + b.source +
                        ": nothing to compare with the same firms");
    paired_a = with_firms(a, keep_a);
    paired_b = with_firms(b, keep_b);
  }
  const Dataset& data_a = compare_options.same_firms ? paired_a : a;
  const Dataset& data_b = compare_options.same_firms ? paired_b : b;
  if (data_a.firms.empty()) throw_input_error("the dataset has no firm", {a.source, "", ""});
  if (data_b.firms.empty()) throw_input_error("the dataset has no firm", {b.source, "", ""});

  out.result_a = analyze(data_a, options, execution);
  out.result_b = analyze(data_b, options, execution);
  const Result& ra = out.result_a;
  const Result& rb = out.result_b;
  out.method = rb.method;
  out.tiers = rb.tiers;
  for (const auto& warning : ra.warnings)
    out.warnings.push_back(out.label_a + ": " + warning);
  for (const auto& warning : rb.warnings)
    out.warnings.push_back(out.label_b + ": " + warning);
  if (!compare_options.same_firms && (!out.firms_only_a.empty() || !out.firms_only_b.empty()))
    out.warnings.push_back(std::to_string(out.firms_only_a.size()) + " firms are only in " +
                           out.label_a + " and " + std::to_string(out.firms_only_b.size()) +
                           " only in " + out.label_b +
                           ": the changes mix firms that changed their view with a changed set "
                           "of firms (compare the same firms to separate them)");

  // Issues: B's order, then those that left in A's order; `common` pairs positions (A, B).
  const auto position_a = issue_positions(ra);
  const auto position_b = issue_positions(rb);
  std::vector<std::pair<std::size_t, std::size_t>> common;
  std::vector<std::size_t> common_row;  // row of each common pair in out.issues
  for (std::size_t i = 0; i < rb.issues.size(); ++i) {
    const IssueResult& issue = rb.issues[i];
    IssueChange change;
    describe_side(change, issue);
    change.rank_b = issue.rank_mid;
    change.score_b = issue.score;
    change.tier_b = issue.tier;
    change.attention_b = issue.attention;
    change.stakeholder_b = issue.stakeholder;
    change.business_b = issue.business;
    if (auto it = position_a.find(issue.id); it != position_a.end()) {
      const IssueResult& before = ra.issues[it->second];
      change.rank_a = before.rank_mid;
      change.score_a = before.score;
      change.tier_a = before.tier;
      change.attention_a = before.attention;
      change.stakeholder_a = before.stakeholder;
      change.business_a = before.business;
      change.rank_change = change.rank_b - change.rank_a;
      common.emplace_back(it->second, i);
      common_row.push_back(out.issues.size());
    } else {
      change.status = ChangeStatus::entered;
    }
    out.issues.push_back(std::move(change));
  }
  for (const IssueResult& issue : ra.issues) {
    if (position_b.count(issue.id)) continue;
    IssueChange change;
    describe_side(change, issue);
    change.status = ChangeStatus::left;
    change.rank_a = issue.rank_mid;
    change.score_a = issue.score;
    change.tier_a = issue.tier;
    change.attention_a = issue.attention;
    change.stakeholder_a = issue.stakeholder;
    change.business_a = issue.business;
    out.issues.push_back(std::move(change));
  }
  if (common.empty())
    throw_input_error(a.source + " and " + b.source +
                      " share no issue: analyse both with the same taxonomy so that their issues "
                      "have the same ids");

  // Tier migrations, row 0 / column 0 = absent.
  out.tiers_a = static_cast<std::size_t>(tier_count(ra));
  out.tiers_b = static_cast<std::size_t>(tier_count(rb));
  out.tier_migration.assign(out.tiers_a + 1, std::vector<std::size_t>(out.tiers_b + 1, 0));
  for (const auto& change : out.issues)
    ++out.tier_migration[static_cast<std::size_t>(change.tier_a)]
                        [static_cast<std::size_t>(change.tier_b)];

  const std::size_t n = common.size();
  std::vector<double> ranks_a(n), ranks_b(n);
  for (std::size_t k = 0; k < n; ++k) {
    ranks_a[k] = ra.issues[common[k].first].rank_mid;
    ranks_b[k] = rb.issues[common[k].second].rank_mid;
  }
  out.tau_b = n >= 2 ? kernels::kendall_tau_b(ranks_a, ranks_b) : kNotAvailable;

  out.replicates = compare_options.replicates;
  if (compare_options.replicates == 0) return out;

  // The paired bootstrap: firm f of A and firm g of B with the same id are one unit.
  const detail::Base base_a = detail::base_of(data_a, ra);
  const detail::Base base_b = detail::base_of(data_b, rb);
  const auto firm_b = firm_positions(rb.firms);
  std::vector<std::pair<std::size_t, std::size_t>> pairs;
  std::vector<std::size_t> alone_a, alone_b;
  std::unordered_set<std::string> paired_ids;
  for (std::size_t f = 0; f < ra.firms.size(); ++f) {
    if (auto it = firm_b.find(ra.firms[f].id); it != firm_b.end()) {
      pairs.emplace_back(f, it->second);
      paired_ids.insert(ra.firms[f].id);
    } else {
      alone_a.push_back(f);
    }
  }
  for (std::size_t g = 0; g < rb.firms.size(); ++g)
    if (!paired_ids.count(rb.firms[g].id)) alone_b.push_back(g);
  // Drawn in order of firm id, so a replicate does not depend on the order of the input.
  auto by_id = [](const Result& result) {
    return
        [&result](std::size_t x, std::size_t y) { return result.firms[x].id < result.firms[y].id; };
  };
  std::sort(pairs.begin(), pairs.end(),
            [&](const auto& x, const auto& y) { return by_id(ra)(x.first, y.first); });
  std::sort(alone_a.begin(), alone_a.end(), by_id(ra));
  std::sort(alone_b.begin(), alone_b.end(), by_id(rb));

  const std::size_t replicates = compare_options.replicates;
  if (replicates < kCompareMinimumReplicates)
    out.warnings.push_back(
        "the simultaneous intervals rest on the most extreme of " + std::to_string(replicates) +
        " replicates for each of " + std::to_string(n) +
        " issues: with fewer than 1000 they are too narrow, and moves of a place or two caused "
        "by other issues' moves can be flagged");
  const AggregateOptions aggregate_options = detail::aggregate_options_of(options);
  std::vector<double> differences(replicates * n), taus(replicates);
  detail::parallel_for(replicates, execution.threads, [&](std::size_t r) {
    std::mt19937_64 rng = kernels::replicate_generator(compare_options.seed, r);
    std::vector<std::size_t> rows_a, rows_b;
    rows_a.reserve(pairs.size() + alone_a.size());
    rows_b.reserve(pairs.size() + alone_b.size());
    for (std::size_t k = 0; k < pairs.size(); ++k) {
      const auto& [f, g] = pairs[kernels::uniform_index(rng, pairs.size())];
      rows_a.push_back(f);
      rows_b.push_back(g);
    }
    for (std::size_t k = 0; k < alone_a.size(); ++k)
      rows_a.push_back(alone_a[kernels::uniform_index(rng, alone_a.size())]);
    for (std::size_t k = 0; k < alone_b.size(); ++k)
      rows_b.push_back(alone_b[kernels::uniform_index(rng, alone_b.size())]);
    const Aggregation replicate_a =
        aggregate(detail::table_of(base_a, rows_a), aggregate_options, kOneThread);
    const Aggregation replicate_b =
        aggregate(detail::table_of(base_b, rows_b), aggregate_options, kOneThread);
    std::vector<double> x(n), y(n);
    for (std::size_t k = 0; k < n; ++k) {
      x[k] = replicate_a.rank[common[k].first];
      y[k] = replicate_b.rank[common[k].second];
      differences[r * n + k] = y[k] - x[k];
    }
    taus[r] = n >= 2 ? kernels::kendall_tau_b(x, y) : kNotAvailable;
  });

  const auto [low, high] =
      kernels::simultaneous_percentile_intervals(differences, replicates, n, compare_options.level);
  for (std::size_t k = 0; k < n; ++k) {
    IssueChange& change = out.issues[common_row[k]];
    change.change_low = low[k];
    change.change_high = high[k];
    change.significant = low[k] > 0.0 || high[k] < 0.0;
  }
  // Not the percentile interval: a replicate repeats firms, so its two aggregates are noisier
  // than the sample's and its tau-b lower; only the replicates' spread is used.
  std::tie(out.tau_b_low, out.tau_b_high) = normal_interval(out.tau_b, taus, compare_options.level);
  return out;
}

// ---------------------------------------------------------------------------------------------

std::size_t Benchmark::blind_spot_count() const {
  return static_cast<std::size_t>(
      std::count_if(issues.begin(), issues.end(), [](const auto& i) { return i.blind_spot; }));
}

std::size_t Benchmark::distinctive_count() const {
  return static_cast<std::size_t>(
      std::count_if(issues.begin(), issues.end(), [](const auto& i) { return i.distinctive; }));
}

namespace {

// The position of the firm with this id, else with this name; npos when none.
std::size_t find_firm(const Dataset& dataset, const std::string& wanted) {
  for (std::size_t f = 0; f < dataset.firms.size(); ++f)
    if (dataset.firms[f].id == wanted) return f;
  for (std::size_t f = 0; f < dataset.firms.size(); ++f)
    if (!dataset.firms[f].name.empty() && dataset.firms[f].name == wanted) return f;
  return std::string::npos;
}

std::string known_firms(const Dataset& dataset) {
  std::string list;
  const std::size_t shown = std::min<std::size_t>(dataset.firms.size(), 8);
  for (std::size_t f = 0; f < shown; ++f)
    list += (f ? ", " : "") + dataset.firms[f].id;
  if (dataset.firms.size() > shown)
    list += ", ... (" + std::to_string(dataset.firms.size()) + " firms)";
  return list;
}

// Kendall's tau-b between a firm's mid-ranks (issue, rank) and consensus mid-ranks, over the
// issues it lists that the consensus ranks (`ranked`).
double tau_to_consensus(const std::vector<std::pair<int, double>>& own,
                        const std::vector<double>& consensus, const std::vector<bool>& ranked) {
  std::vector<double> x, y;
  for (const auto& [issue, rank] : own) {
    if (!ranked[static_cast<std::size_t>(issue)]) continue;
    x.push_back(rank);
    y.push_back(consensus[static_cast<std::size_t>(issue)]);
  }
  return x.size() >= 2 ? kernels::kendall_tau_b(x, y) : kNotAvailable;
}

}  // namespace

Benchmark benchmark(const Dataset& dataset, const AnalyzeOptions& analyze_options,
                    const BenchmarkOptions& benchmark_options, const Execution& execution) {
  AnalyzeOptions options = analyze_options;
  options.keep_listings = true;
  const std::size_t self = find_firm(dataset, benchmark_options.firm);
  if (self == std::string::npos)
    throw_input_error("no firm has the id or name \"" + benchmark_options.firm +
                          "\"; the firms are " + known_firms(dataset),
                      {dataset.source, benchmark_options.firm, ""});
  const FirmAssessment& firm = dataset.firms[self];

  Benchmark out;
  out.firm = firm.id;
  out.firm_name = firm.name;
  std::vector<std::size_t> peers;
  if (!benchmark_options.peers.empty()) {
    out.peer_rule = "ids";
    std::unordered_set<std::size_t> seen;
    for (const auto& wanted : benchmark_options.peers) {
      const std::size_t p = find_firm(dataset, wanted);
      if (p == std::string::npos)
        throw_input_error("the peer \"" + wanted +
                              "\" is not a firm of the dataset; the firms are " +
                              known_firms(dataset),
                          {dataset.source, wanted, ""});
      if (p == self)
        throw_input_error("the firm cannot be its own peer", {dataset.source, firm.id, ""});
      if (seen.insert(p).second) peers.push_back(p);
    }
    std::sort(peers.begin(), peers.end());
  } else {
    if (benchmark_options.same_segment && firm.segment.empty())
      throw_input_error("the firm has no segment, so it has no segment peers",
                        {dataset.source, firm.id, ""});
    out.peer_rule = benchmark_options.same_segment ? "segment " + firm.segment : "all";
    for (std::size_t f = 0; f < dataset.firms.size(); ++f)
      if (f != self &&
          (!benchmark_options.same_segment || dataset.firms[f].segment == firm.segment))
        peers.push_back(f);
  }
  if (peers.empty())
    throw_input_error("no peer is left to compare the firm with (" + out.peer_rule + ")",
                      {dataset.source, firm.id, ""});
  for (std::size_t p : peers)
    out.peers.push_back(dataset.firms[p].id);

  // The consensus is the analysis of the peers alone; the firm's own ranks and positions are its
  // listings in the analysis of the peers and the firm together.
  const Dataset peer_data = with_firms(dataset, peers);
  out.consensus = analyze(peer_data, options, execution);
  std::vector<std::size_t> with_self = peers;
  with_self.insert(std::upper_bound(with_self.begin(), with_self.end(), self), self);
  const std::size_t self_row = static_cast<std::size_t>(
      std::find(with_self.begin(), with_self.end(), self) - with_self.begin());
  const Result together = analyze(with_firms(dataset, with_self), options, execution);
  const Result& consensus = out.consensus;
  out.method = consensus.method;
  out.tiers = consensus.tiers;
  for (const auto& warning : consensus.warnings)
    out.warnings.push_back("peers: " + warning);

  struct Own {
    double rank, stakeholder, business;
  };
  std::unordered_map<std::string, Own> own;
  std::size_t listed = 0;
  for (const auto& issue : together.issues)
    for (const auto& listing : issue.listings)
      if (listing.firm == self_row) {
        own.emplace(issue.id, Own{listing.rank, listing.stakeholder, listing.business});
        ++listed;
      }
  if (listed == 0) throw_input_error("the firm lists no issue", {dataset.source, firm.id, ""});

  std::size_t tier_one = 0;
  for (const auto& issue : consensus.issues)
    if (issue.tier == 1) ++tier_one;
  out.top_places = std::max<std::size_t>(tier_one, 1);
  const double lower_half = static_cast<double>(listed) / 2.0;

  std::unordered_set<std::string> in_consensus;
  for (const auto& issue : consensus.issues) {
    in_consensus.insert(issue.id);
    BenchmarkIssue row;
    row.id = issue.id;
    row.name = issue.name;
    row.name_en = issue.name_en;
    row.category = issue.category;
    row.peer_rank = issue.rank_mid;
    row.peer_tier = issue.tier;
    row.peer_attention = issue.attention;
    row.peer_stakeholder = issue.stakeholder;
    row.peer_business = issue.business;
    if (auto it = own.find(issue.id); it != own.end()) {
      row.firm_rank = it->second.rank;
      row.firm_stakeholder = it->second.stakeholder;
      row.firm_business = it->second.business;
      row.gap = row.firm_rank - row.peer_rank;
      row.stakeholder_gap = row.firm_stakeholder - row.peer_stakeholder;
      row.business_gap = row.firm_business - row.peer_business;
    }
    row.blind_spot = issue.tier == 1 && (std::isnan(row.firm_rank) || row.firm_rank > lower_half);
    row.distinctive = !std::isnan(row.firm_rank) &&
                      row.firm_rank <= static_cast<double>(out.top_places) && issue.tier != 1;
    out.issues.push_back(std::move(row));
  }
  std::vector<BenchmarkIssue> firm_only;
  for (const auto& issue : together.issues) {
    auto it = own.find(issue.id);
    if (it == own.end() || in_consensus.count(issue.id)) continue;
    BenchmarkIssue row;
    row.id = issue.id;
    row.name = issue.name;
    row.name_en = issue.name_en;
    row.category = issue.category;
    row.firm_rank = it->second.rank;
    row.firm_stakeholder = it->second.stakeholder;
    row.firm_business = it->second.business;
    row.distinctive = row.firm_rank <= static_cast<double>(out.top_places);
    firm_only.push_back(std::move(row));
  }
  std::stable_sort(firm_only.begin(), firm_only.end(),
                   [](const auto& x, const auto& y) { return x.firm_rank < y.firm_rank; });
  for (auto& row : firm_only)
    out.issues.push_back(std::move(row));

  // tau-b of the firm to the consensus, over the issues it lists that the peers rank.
  {
    std::vector<double> x, y;
    for (const auto& row : out.issues)
      if (!std::isnan(row.firm_rank) && !std::isnan(row.peer_rank)) {
        x.push_back(row.firm_rank);
        y.push_back(row.peer_rank);
      }
    out.tau_b = x.size() >= 2 ? kernels::kendall_tau_b(x, y) : kNotAvailable;
  }

  // Each peer against the consensus of the other peers, as the firm against all of them.
  const std::size_t m = peers.size();
  if (m >= 2) {
    const detail::Base base = detail::base_of(peer_data, consensus);
    const AggregateOptions aggregate_options = detail::aggregate_options_of(options);
    out.peer_tau_b.assign(m, kNotAvailable);
    detail::parallel_for(m, execution.threads, [&](std::size_t left_out) {
      std::vector<std::size_t> rows;
      std::vector<bool> ranked(base.issues, false);
      for (std::size_t f = 0; f < m; ++f) {
        if (f == left_out) continue;
        rows.push_back(f);
        for (const auto& entry : base.entries[f])
          ranked[static_cast<std::size_t>(entry.first)] = true;
      }
      const Aggregation others =
          aggregate(detail::table_of(base, rows), aggregate_options, kOneThread);
      out.peer_tau_b[left_out] = tau_to_consensus(base.entries[left_out], others.rank, ranked);
    });
    if (!std::isnan(out.tau_b)) {
      std::size_t defined = 0, at_most = 0;
      for (double tau : out.peer_tau_b) {
        if (std::isnan(tau)) continue;
        ++defined;
        if (tau <= out.tau_b) ++at_most;
      }
      if (defined > 0)
        out.percentile = 100.0 * static_cast<double>(at_most) / static_cast<double>(defined);
    }
  }
  if (m < 5)
    out.warnings.push_back("only " + std::to_string(m) +
                           " peers: their consensus and the percentile rest on few firms");
  return out;
}

}  // namespace materia
