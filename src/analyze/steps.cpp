#include "analyze/steps.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "base/printable.hpp"
#include "materia/error.hpp"
#include "materia/limits.hpp"
#include "materia/stats/rank_tests.hpp"
#include "runtime/parallel.hpp"

namespace materia::detail {

void check_options(const Dataset& dataset, const AnalyzeOptions& options) {
  // NaN = not fixed (set by tiering); a fixed threshold lies on the [0,1] axes.
  const MatrixOptions& matrix = options.matrix;
  for (auto [value, name] :
       {std::pair{matrix.stakeholder_threshold, "stakeholder_threshold"},
        std::pair{matrix.business_threshold, "business_threshold"},
        std::pair{matrix.composite_attention_threshold, "composite_attention_threshold"},
        std::pair{matrix.composite_importance_threshold, "composite_importance_threshold"}})
    if (!std::isnan(value) && !(value >= 0.0 && value <= 1.0))
      throw_usage_error("option \"" + std::string(name) + "\" " + number_text(value) +
                        " is not in [0, 1] (the axes are normalized)");
  if (matrix.axis_tiers.kind == TierSpec::Kind::significance)
    throw_usage_error("axis tiers \"" + matrix.axis_tiers.to_string() +
                      "\" cannot be significance tiers: axis values are not p-values");
  const bool scores_are_p_values =
      options.method == Method::rra || options.method == Method::stuart;
  if (options.tiers.kind == TierSpec::Kind::significance && !scores_are_p_values)
    throw_usage_error("tiers \"" + options.tiers.to_string() +
                      "\" need a method whose scores are p-values (rra or stuart), not " +
                      std::string(method_name(options.method)));
  if (!scores_are_p_values) return;
  // rra and stuart count a firm w times: say which firm, with its weight as written.
  for (const FirmAssessment& firm : dataset.firms)
    if (firm.weight != std::floor(firm.weight))
      throw Error(ErrorKind::usage,
                  "weight " + number_text(firm.weight) + " is not a whole number; " +
                      std::string(method_name(options.method)) +
                      " counts a firm w times (use whole weights or another method)",
                  {dataset.source, firm.id, ""});
}

std::size_t checked_universe(const AnalyzeOptions& options, std::size_t issue_count) {
  const std::size_t universe = options.universe.value_or(issue_count);
  if (universe > limits::max_universe)
    throw_usage_error("--universe " + std::to_string(universe) + " is larger than " +
                      std::to_string(limits::max_universe) +
                      " (materia's limit; see docs/architecture.md, \"Limits\")");
  if (universe < issue_count)
    throw_usage_error("--universe " + std::to_string(universe) + " is smaller than the " +
                      std::to_string(issue_count) + " distinct issues in the data");
  return universe;
}

FirmRankings rank_firms(const Dataset& dataset, const Columns& columns, CombineRule combine,
                        const Execution& execution) {
  const std::size_t n_firms = dataset.firms.size();
  auto keeps_all = [&](std::size_t f) {
    return columns.kept_entries.empty() ||
           columns.kept_entries[f].size() == dataset.firms[f].entries.size();
  };
  std::vector<std::size_t> sizes(n_firms);
  std::vector<bool> coordinates(n_firms);
  for (std::size_t f = 0; f < n_firms; ++f) {
    sizes[f] = columns.firm_columns[f].size();
    coordinates[f] = dataset.firms[f].has_coordinates();
  }
  FirmRankings rankings(sizes, coordinates);
  parallel_for(
      n_firms, execution.threads,
      [&](std::size_t f) {
        const FirmAssessment& firm = dataset.firms[f];
        if (keeps_all(f)) {
          rankings.rank(f, firm, columns.firm_columns[f], dataset.scale, combine, dataset.source);
          return;
        }
        // Names dropped by a review decision: the firm's other entries, ranked among themselves.
        FirmAssessment kept = firm;
        kept.entries.clear();
        for (std::uint32_t e : columns.kept_entries[f])
          kept.entries.push_back(firm.entries[e]);
        rankings.rank(f, kept, columns.firm_columns[f], dataset.scale, combine, dataset.source);
      },
      1000);
  return rankings;
}

Result start_result(const Dataset& dataset, const AnalyzeOptions& options,
                    const Aggregation& aggregation, std::size_t universe,
                    std::vector<std::string> names) {
  Result result;
  result.method = std::string(method_name(options.method));
  result.tiers = options.tiers.to_string();
  result.taxonomy = dataset.taxonomy.name;
  result.taxonomy_version = dataset.taxonomy.version;
  result.companies = dataset.firms.size();
  result.universe = universe;
  result.higher_is_better = ranking_scores(aggregation).higher_is_better;
  result.kemeny_distance = aggregation.kemeny_distance;
  result.kemeny_proven_optimal = aggregation.kemeny_proven_optimal;
  result.kemeny_lower_bound = aggregation.kemeny_lower_bound;
  result.axis_aggregation = std::string(axis_aggregation_name(options.matrix.axes));
  result.material_rule = std::string(material_rule_name(options.matrix.material));
  result.borderline_band = options.matrix.borderline_band;
  result.roll_up = std::string(roll_up_name(options.matrix.roll_up));
  result.composite_top = options.matrix.composite_top;
  result.names = std::move(names);
  result.synthetic_input = dataset.synthetic;
  return result;
}

bool keeps_listings(const Dataset& dataset, const AnalyzeOptions& options) {
  return options.keep_listings ||
         std::any_of(dataset.taxonomy.issues.begin(), dataset.taxonomy.issues.end(),
                     [](const Issue& issue) { return issue.is_topic; });
}

IssueListings list_issues(const Dataset& dataset, const FirmRankings& rankings,
                          const Columns& columns, bool keep_listings, Result& result) {
  const std::size_t n_issues = columns.issue.size();
  const std::size_t n_firms = dataset.firms.size();
  IssueListings listed{std::vector<IssueResult>(n_issues), std::vector<int>(result.names.size(), 0),
                       std::vector<std::vector<std::uint32_t>>(n_issues),
                       std::vector<double>(n_issues, 0.0)};
  result.has_listings = keep_listings;
  // Each issue's listings sized at once: growing them entry by entry copies and faults in about
  // twice the memory they end with.
  if (keep_listings) {
    std::vector<std::size_t> listing_count(n_issues, 0);
    for (std::size_t f = 0; f < rankings.size(); ++f)
      for (std::uint32_t c : rankings[f].issue)
        ++listing_count[c];
    for (std::size_t c = 0; c < n_issues; ++c)
      listed.issues[c].listings.reserve(listing_count[c]);
  }
  result.firms.reserve(n_firms);
  std::size_t flat = 0;
  for (std::size_t f = 0; f < n_firms; ++f) {
    const FirmAssessment& firm = dataset.firms[f];
    const FirmRanking ranking = rankings[f];
    result.firms.push_back({firm.id, firm.name, firm.segment, firm.weight, ranking.size()});
    for (std::size_t e = 0; e < ranking.size(); ++e, ++flat) {
      std::size_t c = ranking.issue[e];
      IssueResult& issue = listed.issues[c];
      if (firm.weight > 0) {
        issue.attention += 1;
        listed.attention_weight[c] += firm.weight;
      }
      // A raw name resolves to one column: count its uses, and list each column's names once.
      std::uint32_t name = columns.names_of_entry_flat[flat];
      if (listed.name_count[name]++ == 0) listed.column_names[c].push_back(name);
      if (keep_listings)
        issue.listings.push_back({static_cast<std::uint32_t>(f), name, ranking.rank[e],
                                  ranking.stakeholder[e], ranking.business[e]});
    }
  }
  return listed;
}

void record_thresholds(const MatrixPlacement& placement, const MatrixOptions& options,
                       Result& result) {
  result.stakeholder_threshold = placement.stakeholder_threshold;
  result.business_threshold = placement.business_threshold;
  result.threshold_rule =
      std::isnan(options.stakeholder_threshold) || std::isnan(options.business_threshold)
          ? options.axis_tiers.to_string()
          : "fixed";
}

void describe_issues(IssueListings& listed, const Columns& columns, const Aggregation& aggregation,
                     const AxisValues& axes, const MatrixPlacement& placement,
                     const Result& result) {
  double total_weight = 0.0;
  for (const auto& firm : result.firms)
    total_weight += firm.weight;
  for (std::size_t c = 0; c < listed.issues.size(); ++c) {
    IssueResult& issue = listed.issues[c];
    const Issue& source = columns.issue[c];
    issue.id = source.id;
    issue.name = source.display_name();
    issue.name_en = source.name_en;
    issue.category = source.category;
    issue.parent = source.parent;
    issue.is_topic = source.is_topic;
    issue.attention_share = total_weight > 0 ? listed.attention_weight[c] / total_weight : 0.0;
    issue.score = ranking_scores(aggregation).values[c];
    if (!aggregation.strength.empty()) issue.rho = aggregation.score[c];
    if (!aggregation.log_worth.empty()) issue.log_worth = aggregation.log_worth[c];
    if (!aggregation.quasi_se.empty()) issue.quasi_se = aggregation.quasi_se[c];
    issue.importance = axes.importance[c];
    issue.stakeholder = axes.stakeholder[c];
    issue.business = axes.business[c];
    if (!axes.stakeholder_shrinkage.empty()) {
      issue.stakeholder_shrinkage = axes.stakeholder_shrinkage[c];
      issue.business_shrinkage = axes.business_shrinkage[c];
    }
    issue.quadrant = placement.quadrant[c];
    issue.material = placement.material[c];
    issue.borderline = placement.borderline[c];
    std::vector<std::pair<int, std::uint32_t>> uses;
    for (std::uint32_t name : listed.column_names[c])
      uses.emplace_back(listed.name_count[name], name);
    std::sort(uses.begin(), uses.end(), [&](const auto& a, const auto& b) {
      if (a.first != b.first) return a.first > b.first;
      return result.names[a.second] < result.names[b.second];
    });
    for (auto [count, name] : uses)
      issue.merged_names.push_back(result.names[name]);
  }
}

namespace {

// counts and shares cut the display order: a cut through equal scores puts tied issues in
// different tiers by attention and id, which the user must hear about.
void warn_of_split_ties(const std::vector<IssueResult>& issues,
                        const std::vector<std::size_t>& order, const TierSpec& tiers,
                        Result& result) {
  if (tiers.kind != TierSpec::Kind::counts && tiers.kind != TierSpec::Kind::shares) return;
  for (std::size_t position = 1; position < order.size(); ++position) {
    const IssueResult& above = issues[order[position - 1]];
    const IssueResult& below = issues[order[position]];
    if (above.tier != below.tier && above.score == below.score)
      result.warn(WarningKind::tier_tie,
                  "tiers \"" + tiers.to_string() + "\" cut through a tie: \"" + above.id +
                      "\" (tier " + std::to_string(above.tier) + ") and \"" + below.id +
                      "\" (tier " + std::to_string(below.tier) +
                      ") have the same score; the cut follows attention, then id");
  }
}

// quantile, equal, jenks and fisher:K keep equal scores together, so ties can leave fewer tiers
// than the spec asks for. Fewer issues than tiers is plain to see and says nothing.
void warn_of_fewer_tiers(const TierSpec& tiers, int tier_count, std::size_t issues,
                         Result& result) {
  const bool asks_k = tiers.kind == TierSpec::Kind::quantile ||
                      tiers.kind == TierSpec::Kind::equal || tiers.kind == TierSpec::Kind::jenks ||
                      (tiers.kind == TierSpec::Kind::fisher && tiers.classes > 0);
  if (!asks_k || tier_count >= tiers.classes || issues < static_cast<std::size_t>(tiers.classes))
    return;
  result.warn(WarningKind::fewer_tiers,
              "tiers \"" + tiers.to_string() + "\" asked for " + std::to_string(tiers.classes) +
                  " tiers but the scores give " + std::to_string(tier_count) +
                  " (equal scores always share a tier)");
}

bool finds_classes(const TierSpec& tiers) {
  return tiers.kind != TierSpec::Kind::counts && tiers.kind != TierSpec::Kind::shares &&
         tiers.kind != TierSpec::Kind::thresholds && tiers.kind != TierSpec::Kind::significance;
}

// Natural breaks always return classes: records how far they beat evenly spread scores and
// whether Hartigan's dip test finds more than one mode (a p-value of 0.05 or more: no gap).
void note_break_evidence(const std::vector<double>& scores, const Tiering& tiering,
                         const TierSpec& tiers, Result& result, const Execution& execution) {
  if (!finds_classes(tiers) || scores.size() < 4 || tiering.tier_count < 2) return;
  const BreakEvidence evidence = break_evidence(scores, tiering.tier_count, execution);
  result.gvf_no_structure = evidence.gvf_no_structure;
  result.dip_p_value = evidence.dip_p_value;
}

}  // namespace

std::vector<std::size_t> rank_and_tier(std::vector<IssueResult>& issues,
                                       const Aggregation& aggregation, const TierSpec& tiers,
                                       Result& result, const Execution& execution) {
  const std::size_t n_issues = issues.size();
  std::vector<std::size_t> order(n_issues);
  for (std::size_t c = 0; c < n_issues; ++c)
    order[c] = c;
  const RankingScores ranking = ranking_scores(aggregation);
  const bool higher = ranking.higher_is_better;
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    double sa = issues[a].score, sb = issues[b].score;
    if (sa != sb) return higher ? sa > sb : sa < sb;
    if (issues[a].attention != issues[b].attention)
      return issues[a].attention > issues[b].attention;
    return issues[a].id < issues[b].id;
  });
  const std::vector<double> p = p_values(aggregation);
  Tiering tiering = assign_tiers(ranking.values, order, higher, tiers, p.empty() ? nullptr : &p);
  result.tier_breaks = tiering.breaks;
  result.gvf = tiering.gvf;
  int rank = 0;
  for (std::size_t position = 0; position < n_issues; ++position) {
    IssueResult& issue = issues[order[position]];
    // competition rank: a tie keeps the rank of its first member
    if (position == 0 || issues[order[position - 1]].score != issue.score)
      rank = static_cast<int>(position + 1);
    issue.rank = rank;
    issue.rank_mid = aggregation.rank[order[position]];
    issue.tier = tiering.tier[order[position]];
  }
  warn_of_split_ties(issues, order, tiers, result);
  warn_of_fewer_tiers(tiers, tiering.tier_count, n_issues, result);
  note_break_evidence(ranking.values, tiering, tiers, result, execution);
  return order;
}

void test_adjacent_issues(const RankTable& table, const std::vector<std::size_t>& order,
                          std::vector<IssueResult>& issues, const Execution& execution) {
  const std::size_t n = order.size();
  if (n < 2) return;
  std::vector<std::uint32_t> position_of(n);
  for (std::size_t position = 0; position < n; ++position)
    position_of[order[position]] = static_cast<std::uint32_t>(position);
  // Each piece of the firms counts wins[p] (firms ranking order[p] above order[p + 1]) and
  // losses[p] (the reverse) in its own counters, added up in piece order.
  struct Counts {
    std::vector<std::uint64_t> wins, losses;
  };
  const std::size_t firms = table.firm_count();
  constexpr std::size_t kFirmsPerPiece = 8192;
  const std::size_t pieces =
      std::max<std::size_t>(1, (firms + kFirmsPerPiece - 1) / kFirmsPerPiece);
  std::vector<Counts> counts(pieces);
  const auto& rank = table.rank;
  const auto* columns = rank.innerIndexPtr();
  const double* ranks = rank.valuePtr();
  constexpr double kUnlisted = std::numeric_limits<double>::quiet_NaN();
  parallel_for(pieces, execution.threads, [&](std::size_t piece) {
    Counts& mine = counts[piece];
    mine.wins.assign(n - 1, 0);
    mine.losses.assign(n - 1, 0);
    // the firm's rank of each issue column, NaN where it does not list it (reset after each firm)
    std::vector<double> rank_of(std::max(n, table.issue_count()), kUnlisted);
    const std::size_t first = firms * piece / pieces, last = firms * (piece + 1) / pieces;
    for (std::size_t f = first; f < last; ++f) {
      if (!(table.weight[f] > 0)) continue;
      const auto begin = static_cast<std::size_t>(rank.outerIndexPtr()[f]);
      const auto end = static_cast<std::size_t>(rank.outerIndexPtr()[f + 1]);
      for (std::size_t entry = begin; entry < end; ++entry)
        rank_of[static_cast<std::size_t>(columns[entry])] = ranks[entry];
      const bool bottom = table.policy[f] == UnlistedPolicy::bottom;
      for (std::size_t entry = begin; entry < end; ++entry) {
        const std::size_t p = position_of[static_cast<std::size_t>(columns[entry])];
        const double own = ranks[entry];
        if (p + 1 < n) {  // against the next issue (both listed: counted here only)
          const double next = rank_of[order[p + 1]];
          if (std::isnan(next)) {
            mine.wins[p] += bottom ? 1 : 0;
          } else if (own != next) {
            (own < next ? mine.wins[p] : mine.losses[p]) += 1;
          }
        }
        if (p > 0 && bottom && std::isnan(rank_of[order[p - 1]]))
          mine.losses[p - 1] += 1;  // listed, below an issue the firm does not list
      }
      for (std::size_t entry = begin; entry < end; ++entry)
        rank_of[static_cast<std::size_t>(columns[entry])] = kUnlisted;
    }
  });
  std::vector<std::uint64_t> wins(n - 1, 0), losses(n - 1, 0);
  for (const Counts& piece : counts)
    for (std::size_t p = 0; p + 1 < n; ++p) {
      wins[p] += piece.wins[p];
      losses[p] += piece.losses[p];
    }
  std::vector<double> p_values(n - 1);
  for (std::size_t p = 0; p + 1 < n; ++p)
    p_values[p] = sign_test_p_value(wins[p], losses[p]);
  const std::vector<double> adjusted = holm_adjust(p_values);
  for (std::size_t p = 0; p + 1 < n; ++p)
    issues[order[p]].above_next_p = adjusted[p];
}

std::vector<double> collapsed_topic_scores(const RankTable& table,
                                           const std::vector<IssueResult>& issues,
                                           const Taxonomy& taxonomy, AggregateOptions options,
                                           const Execution& execution) {
  constexpr std::size_t kNone = std::numeric_limits<std::size_t>::max();
  std::vector<double> scores(taxonomy.issues.size(), std::numeric_limits<double>::quiet_NaN());
  if (std::none_of(taxonomy.issues.begin(), taxonomy.issues.end(),
                   [](const Issue& entry) { return entry.is_topic; }))
    return scores;
  const std::size_t n = issues.size();
  std::unordered_map<std::string_view, std::size_t> column_of;
  for (std::size_t c = 0; c < n; ++c)
    column_of.emplace(issues[c].id, c);
  // the topic of each member column (an index into topic_entries)
  std::vector<std::size_t> topic_of(n, kNone);
  std::vector<std::size_t> topic_entries;  // the taxonomy entry of each topic
  for (std::size_t entry = 0; entry < taxonomy.issues.size(); ++entry) {
    const Issue& topic = taxonomy.issues[entry];
    if (!topic.is_topic) continue;
    std::vector<std::size_t> members;
    for (const auto& child : taxonomy.children(topic.id))
      if (auto it = column_of.find(child); it != column_of.end()) members.push_back(it->second);
    if (auto it = column_of.find(topic.id); it != column_of.end()) members.push_back(it->second);
    if (members.empty()) continue;
    for (std::size_t c : members)
      topic_of[c] = topic_entries.size();
    topic_entries.push_back(entry);
  }
  if (topic_entries.empty()) return scores;
  // the collapsed table's columns in the issues' order, a topic where its first member was (so
  // a topic of one child leaves the table as it was)
  std::vector<std::string> labels;
  std::vector<std::size_t> target(n), topic_column(topic_entries.size(), kNone);
  std::size_t columns = 0;
  for (std::size_t c = 0; c < n; ++c) {
    const std::size_t t = topic_of[c];
    if (t != kNone && topic_column[t] != kNone) {
      target[c] = topic_column[t];
      continue;
    }
    target[c] = columns++;
    if (t != kNone) topic_column[t] = target[c];
    labels.push_back(t == kNone ? issues[c].name
                                : taxonomy.issues[topic_entries[t]].display_name());
  }

  // each firm's list with its members merged at its best rank, then re-ranked
  std::vector<kernels::FirmList> lists(table.firm_count());
  for (std::size_t f = 0; f < table.firm_count(); ++f) {
    std::vector<std::pair<std::size_t, double>> entries;  // (new column, rank)
    for (Eigen::SparseMatrix<double, Eigen::RowMajor>::InnerIterator it(
             table.rank, static_cast<Eigen::Index>(f));
         it; ++it)
      entries.emplace_back(target[static_cast<std::size_t>(it.col())], it.value());
    std::sort(entries.begin(), entries.end());
    std::vector<std::pair<std::size_t, double>> merged;
    for (const auto& [column, rank] : entries)
      if (!merged.empty() && merged.back().first == column)
        merged.back().second = std::min(merged.back().second, rank);
      else
        merged.emplace_back(column, rank);
    kernels::FirmList& list = lists[f];
    std::vector<double> ranks;
    for (const auto& [column, rank] : merged) {
      list.issue.push_back(column);
      ranks.push_back(rank);
    }
    list.rank = kernels::mid_ranks(ranks, /*larger_is_better=*/false);
    list.weight = table.weight[f];
    list.unlisted = table.policy[f];
  }
  const RankTable collapsed = kernels::rank_table(lists, columns, table.universe);
  if (!options.issue_labels.empty()) options.issue_labels = std::move(labels);
  const Aggregation aggregation = aggregate(collapsed, options, execution);
  const RankingScores ranked = ranking_scores(aggregation);  // as the issues' scores
  for (std::size_t t = 0; t < topic_entries.size(); ++t)
    scores[topic_entries[t]] = ranked.values[topic_column[t]];
  return scores;
}

void finish_result(const Dataset& dataset, std::vector<IssueResult>& issues,
                   const std::vector<std::size_t>& order, NameWarnings name_warnings,
                   Result& result) {
  result.issues.reserve(issues.size());
  for (std::size_t position = 0; position < issues.size(); ++position)
    result.issues.push_back(std::move(issues[order[position]]));
  if (dataset.taxonomy.is_open_vocabulary())
    result.warn(WarningKind::no_taxonomy,
                "the dataset has no taxonomy: names are merged only when their match keys are "
                "equal or an alias joins them (\"Data security and privacy protection\" and "
                "数据安全与隐私保护 stay two issues); use --taxonomy fintech-2024, or have materia "
                "normalize --dataset "
                "FILE --review review.csv propose groups and pass the decided file with "
                "--aliases");
  for (std::string& warning : name_warnings.fuzzy)
    result.warn(WarningKind::fuzzy_match, std::move(warning));
  for (std::string& warning : name_warnings.dropped)
    result.warn(WarningKind::dropped_names, std::move(warning));
  for (const std::string& warning : dataset.warnings)  // what the reader noticed
    result.warn(WarningKind::level_tie, warning);
  for (const auto& firm : dataset.firms)
    if (firm.weight == 0)
      result.warn(WarningKind::zero_weight,
                  "firm \"" + firm.id + "\" has weight 0 and does not count");
}

}  // namespace materia::detail
