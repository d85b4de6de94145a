#include "materia/analyze/analyze.hpp"

#include <algorithm>
#include <cmath>
#include <exception>
#include <limits>
#include <map>
#include <string_view>
#include <unordered_map>

#include "base/printable.hpp"
#include "materia/error.hpp"
#include "materia/limits.hpp"
#include "materia/normalize/normalize.hpp"
#include "materia/text/text.hpp"
#include "model/dataset_check.hpp"
#include "runtime/parallel.hpp"
#include "runtime/stage_mark.hpp"

namespace materia {

const IssueResult* Result::find(const std::string& id) const {
  for (const auto& issue : issues)
    if (issue.id == id) return &issue;
  for (const auto& topic : topics)
    if (topic.id == id) return &topic;
  return nullptr;
}

namespace {

// The issue columns of an analysis: distinct issues (or topics) that some firm listed.
struct Columns {
  std::vector<Issue> issue;                 // one per column
  std::vector<std::size_t> taxonomy_index;  // index into the taxonomy, or SIZE_MAX (open vocab)
  std::vector<std::vector<std::size_t>> firm_columns;  // per firm, per entry
  std::vector<std::uint32_t> names_of_entry_flat;      // raw-name id per entry, firm-major
  std::vector<std::string> names;                      // distinct raw names
  std::vector<std::size_t> first_use;  // per name: the flat index of the entry that first used it
};

// 1. Validate and intern: each distinct raw name gets an id, in order of first use, in the walk
// that validates the dataset (its names' own checks then run once per distinct name).
void validate_and_intern_names(const Dataset& dataset, Columns& columns) {
  std::size_t n_entries = 0;
  for (const auto& firm : dataset.firms)
    n_entries += firm.entries.size();
  std::unordered_map<std::string_view, std::uint32_t> name_id;
  name_id.max_load_factor(0.5f);  // short bucket chains: this lookup runs once per listing
  columns.names_of_entry_flat.reserve(std::min(n_entries, limits::max_listings));
  detail::validate_interning(dataset, [&](const std::string& name) {
    auto [it, inserted] =
        name_id.try_emplace(name, static_cast<std::uint32_t>(columns.names.size()));
    if (inserted) {
      columns.names.push_back(name);
      columns.first_use.push_back(columns.names_of_entry_flat.size());
    }
    columns.names_of_entry_flat.push_back(it->second);
    return inserted;
  });
}

// 2 and 3: resolves the interned names and assigns the columns.
void resolve_columns(const Dataset& dataset, const Normalizer& normalizer,
                     const AnalyzeOptions& options, const Execution& execution, Columns& columns,
                     std::vector<std::string>& warnings) {
  const Taxonomy& taxonomy = dataset.taxonomy;
  const bool open = taxonomy.is_open_vocabulary();

  // 2. Fold and resolve each distinct name once, on every core. A failure is kept, and raised
  // below where the sequential walk meets the name, so the error is the one it always was.
  std::vector<Resolution> resolution(columns.names.size());
  const std::vector<std::exception_ptr> resolution_error = detail::parallel_for_keeping_errors(
      columns.names.size(), execution.threads,
      [&](std::size_t i) { resolution[i] = normalizer.resolve(columns.names[i]); }, 256);
  detail::stage_mark("resolve");

  // 3. Columns. Name ids are in order of first use, so walking the names in id order meets each
  // target where the walk over the entries first met it: the columns come out in the same
  // order, and a name that fails (a resolution error, no issue, a fuzzy match under --strict)
  // fails at its first use. Each firm's duplicate check then runs on every core; the error
  // raised is the one met first in the entries' order (a firm's duplicate, or a name's first
  // use), as the sequential walk raised it.
  const std::size_t n_names = columns.names.size();
  constexpr std::size_t kFails = std::numeric_limits<std::size_t>::max();
  std::vector<std::size_t> column_of_name(n_names, kFails);
  std::unordered_map<std::string, std::size_t> open_column;  // group id -> column
  std::vector<std::ptrdiff_t> column_of_taxonomy(taxonomy.issues.size(), -1);
  struct FuzzyUse {
    Resolution resolution;
    std::vector<std::string> firms;
  };
  std::vector<FuzzyUse> fuzzy;  // in order of first use
  constexpr std::uint32_t kNotFuzzy = std::numeric_limits<std::uint32_t>::max();
  std::vector<std::uint32_t> fuzzy_of_name(n_names, kNotFuzzy);
  std::size_t failing_name = n_names;  // the first name that fails, if any
  for (std::size_t name = 0; name < n_names; ++name) {
    Resolution& r = resolution[name];
    if (resolution_error[name] || (!open && r.issue < 0) ||
        (r.match == MatchKind::fuzzy && options.strict)) {
      failing_name = name;
      break;
    }
    std::size_t column;
    if (open) {
      auto [ot, fresh] = open_column.try_emplace(r.id, columns.issue.size());
      if (fresh) {
        Issue issue;
        issue.id = r.id;
        issue.name_zh = r.name;
        columns.issue.push_back(issue);
        columns.taxonomy_index.push_back(std::numeric_limits<std::size_t>::max());
      }
      column = ot->second;
    } else {
      const auto target = static_cast<std::size_t>(r.issue);
      auto& slot = column_of_taxonomy[target];
      if (slot < 0) {
        slot = static_cast<std::ptrdiff_t>(columns.issue.size());
        columns.issue.push_back(taxonomy.issues[target]);
        columns.taxonomy_index.push_back(target);
      }
      column = static_cast<std::size_t>(slot);
    }
    column_of_name[name] = column;
    if (r.match == MatchKind::fuzzy) {
      fuzzy_of_name[name] = static_cast<std::uint32_t>(fuzzy.size());
      fuzzy.push_back({std::move(r), {}});
    }
  }

  // Each firm's columns and its first duplicate (entry index, and the earlier entry's); entries
  // whose name fails get no column (they all come after the failing name's first use).
  const std::size_t n_firms = dataset.firms.size();
  const std::size_t n_columns = columns.issue.size();
  std::vector<std::size_t> firm_begin(n_firms + 1, 0);  // flat index of each firm's first entry
  for (std::size_t f = 0; f < n_firms; ++f)
    firm_begin[f + 1] = firm_begin[f] + dataset.firms[f].entries.size();
  constexpr std::size_t kNone = std::numeric_limits<std::size_t>::max();
  std::vector<std::pair<std::size_t, std::size_t>> duplicate(n_firms, {kNone, kNone});
  columns.firm_columns.assign(n_firms, {});
  detail::parallel_for(
      n_firms, execution.threads,
      [&](std::size_t f) {
        // Per column: listed by this firm yet, and at which entry. The thread's next firm (or
        // analysis) finds them clear: the firm's own marks are taken back as it ends.
        thread_local std::vector<char> listed;
        thread_local std::vector<std::size_t> listed_at;
        if (listed.size() < n_columns) {
          listed.assign(n_columns, 0);
          listed_at.assign(n_columns, 0);
        }
        const std::size_t entries = dataset.firms[f].entries.size();
        std::vector<std::size_t>& cols = columns.firm_columns[f];
        struct Unmark {
          std::vector<char>& listed;
          const std::vector<std::size_t>& cols;
          ~Unmark() {
            for (std::size_t column : cols)
              if (column != kFails) listed[column] = 0;
          }
        } unmark{listed, cols};
        cols.reserve(entries);
        for (std::size_t e = 0; e < entries; ++e) {
          const std::size_t column = column_of_name[columns.names_of_entry_flat[firm_begin[f] + e]];
          cols.push_back(column);
          if (column == kFails) continue;
          if (listed[column] && duplicate[f].first == kNone) duplicate[f] = {e, listed_at[column]};
          listed[column] = 1;
          listed_at[column] = e;
        }
      },
      500);

  // The first failure in the entries' order.
  const std::size_t name_failure_at =
      failing_name < n_names ? columns.first_use[failing_name] : kNone;
  for (std::size_t f = 0; f < n_firms; ++f) {
    if (firm_begin[f] > name_failure_at) break;
    if (duplicate[f].first == kNone || firm_begin[f] + duplicate[f].first > name_failure_at)
      continue;
    const FirmAssessment& firm = dataset.firms[f];
    const Entry& entry = firm.entries[duplicate[f].first];
    const std::size_t column = columns.firm_columns[f][duplicate[f].first];
    throw_input_error("lists issue \"" + columns.issue[column].display_name() + "\" twice: as \"" +
                          firm.entries[duplicate[f].second].name + "\" and as \"" + entry.name +
                          "\"",
                      {detail::entry_location(dataset, entry), firm.id, entry.name});
  }
  if (failing_name < n_names) {
    const std::size_t f = static_cast<std::size_t>(
        std::upper_bound(firm_begin.begin(), firm_begin.end(), name_failure_at) -
        firm_begin.begin() - 1);
    const FirmAssessment& firm = dataset.firms[f];
    const Entry& entry = firm.entries[name_failure_at - firm_begin[f]];
    const std::string where = detail::entry_location(dataset, entry);
    const Resolution& r = resolution[failing_name];
    if (resolution_error[failing_name]) {
      try {
        std::rethrow_exception(resolution_error[failing_name]);
      } catch (const Error& error) {
        throw Error(ErrorKind::input, error.message(), {where, firm.id, entry.name});
      }
    }
    if (!open && r.issue < 0)
      throw_input_error("names no issue of taxonomy \"" + taxonomy.name + "\" (" + r.reason +
                            "; add an alias, or use taxonomy \"none\")",
                        {where, firm.id, entry.name});
    throw_input_error("matches \"" + r.name + "\" only fuzzily (" + r.reason +
                          "); --strict needs an exact or alias match (add an alias)",
                      {where, firm.id, entry.name});
  }
  // The firms of each fuzzily matched name, in order.
  if (!fuzzy.empty())
    for (std::size_t f = 0; f < n_firms; ++f) {
      const FirmAssessment& firm = dataset.firms[f];
      for (std::size_t e = 0; e < firm.entries.size(); ++e) {
        const std::uint32_t name = columns.names_of_entry_flat[firm_begin[f] + e];
        if (fuzzy_of_name[name] == kNotFuzzy) continue;
        auto& firms = fuzzy[fuzzy_of_name[name]].firms;
        if (firms.empty() || firms.back() != firm.id) firms.push_back(firm.id);
      }
    }
  // Fuzzy matches are used, never silently: one warning per name, naming its firms.
  for (const auto& use : fuzzy) {
    std::string firms;
    for (const auto& id : use.firms)
      firms += (firms.empty() ? "" : ", ") + id;
    warnings.push_back(
        "name \"" + use.resolution.input + "\" (firm" + (use.firms.size() > 1 ? "s " : " ") +
        firms + ") was matched fuzzily to \"" + use.resolution.name + "\" [" + use.resolution.id +
        "]: " + use.resolution.reason + "; confirm with an alias or run with --strict");
  }
}

// Composite importance (docs/method.md, step 5) over the top-K issues by attention, with a warning
// when the cut falls inside a group of equal attention.
void set_composite(std::vector<IssueResult>& issues, const std::vector<std::size_t>& order,
                   const MatrixOptions& options, Result& result) {
  const std::size_t top_k = options.composite_top;
  const std::size_t n = issues.size();
  std::vector<double> share(n), importance(n);
  std::vector<int> attention(n);
  for (std::size_t c = 0; c < n; ++c) {
    share[c] = issues[c].attention_share;
    importance[c] = issues[c].importance;
    attention[c] = issues[c].attention;
  }
  auto composite = composite_importance(share, importance, attention, order, top_k,
                                        &result.composite_cut_attention);
  for (std::size_t c = 0; c < n; ++c)
    issues[c].composite = composite[c];
  auto thresholds = composite_thresholds(share, importance, composite, options);
  result.composite_attention_threshold = thresholds.attention_share;
  result.composite_importance_threshold = thresholds.importance;
  const int cut = result.composite_cut_attention;
  if (cut == 0) return;
  std::size_t above = 0, at = 0;
  for (const auto& issue : issues) {
    above += issue.attention > cut;
    at += issue.attention == cut;
  }
  if (above + at > top_k)
    result.warnings.push_back("the composite top " + std::to_string(top_k) + " cuts through the " +
                              std::to_string(at) + " issues with attention " + std::to_string(cut) +
                              "; ties broken by score");
}

// Options every front end can get wrong, checked here so the CLI, C API and Python agree.
void check_options(const Dataset& dataset, const AnalyzeOptions& options) {
  // NaN = not fixed (set by tiering); a fixed threshold lies on the [0,1] axes.
  const MatrixOptions& matrix = options.matrix;
  for (auto [value, name] :
       {std::pair{matrix.stakeholder_threshold, "stakeholder_threshold"},
        std::pair{matrix.business_threshold, "business_threshold"},
        std::pair{matrix.composite_attention_threshold, "composite_attention_threshold"},
        std::pair{matrix.composite_importance_threshold, "composite_importance_threshold"}})
    if (!std::isnan(value) && !(value >= 0.0 && value <= 1.0))
      throw_usage_error("option \"" + std::string(name) + "\" " + detail::number_text(value) +
                        " is not in [0, 1] (the axes are normalized)");
  if (options.method != Method::rra && options.method != Method::stuart) return;
  // rra and stuart count a firm w times: say which firm, with its weight as written.
  for (const FirmAssessment& firm : dataset.firms)
    if (firm.weight != std::floor(firm.weight))
      throw Error(ErrorKind::usage,
                  "weight " + detail::number_text(firm.weight) + " is not a whole number; " +
                      std::string(method_name(options.method)) +
                      " counts a firm w times (use whole weights or another method)",
                  {dataset.source, firm.id, ""});
}

}  // namespace

Result analyze(const Dataset& dataset, const AnalyzeOptions& options, const Execution& execution) {
  // The normalizer (mostly folding the taxonomy's names) does not depend on the firms: it is
  // built on a thread of its own while the dataset is validated and its names interned. Its
  // errors are raised after validate's and check_options', in the order of a sequential run;
  // when those fail, the build is waited for and its result dropped.
  auto build_normalizer = [&] {
    return Normalizer(dataset.taxonomy, options.aliases, options.normalize, execution);
  };
  const bool concurrently = detail::thread_count(execution.threads, 2) > 1;
  detail::Concurrent<Normalizer> normalizer_built(build_normalizer, concurrently);
  Columns columns;
  validate_and_intern_names(dataset, columns);
  check_options(dataset, options);
  detail::stage_mark("validate_intern");
  Normalizer normalizer = normalizer_built.get();
  detail::stage_mark("normalizer");
  std::vector<std::string> name_warnings;
  resolve_columns(dataset, normalizer, options, execution, columns, name_warnings);
  detail::stage_mark("columns");
  const std::size_t n_issues = columns.issue.size();
  const std::size_t n_firms = dataset.firms.size();
  std::size_t universe = options.universe.value_or(n_issues);
  if (universe > limits::max_universe)
    throw_usage_error("--universe " + std::to_string(universe) + " is larger than " +
                      std::to_string(limits::max_universe) +
                      " (materia's limit; see docs/architecture.md, \"Limits\")");
  if (universe < n_issues)
    throw_usage_error("--universe " + std::to_string(universe) + " is smaller than the " +
                      std::to_string(n_issues) + " distinct issues in the data");

  std::vector<FirmRanking> rankings(n_firms);
  detail::parallel_for(
      n_firms, execution.threads,
      [&](std::size_t f) {
        rankings[f] = rank_firm(dataset.firms[f], columns.firm_columns[f], dataset.scale,
                                options.combine, dataset.source);
      },
      1000);
  detail::stage_mark("rank_firms");

  RankTable table =
      build_rank_table(rankings, dataset, n_issues, universe, Axis::overall, execution);
  detail::stage_mark("rank_table");
  AggregateOptions aggregate_options;
  aggregate_options.method = options.method;
  aggregate_options.rra_top_cutoff = options.rra_top_cutoff;
  aggregate_options.rra_exact = options.rra_exact;
  Aggregation aggregation = aggregate(table, aggregate_options, execution);
  detail::stage_mark("aggregate");

  Result result;
  result.method = std::string(method_name(options.method));
  result.tiers = options.tiers.to_string();
  result.taxonomy = dataset.taxonomy.name;
  result.taxonomy_version = dataset.taxonomy.version;
  result.companies = n_firms;
  result.universe = universe;
  result.higher_is_better = aggregation.higher_is_better;
  result.kemeny_distance = aggregation.kemeny_distance;
  result.kemeny_proven_optimal = aggregation.kemeny_proven_optimal;
  result.kemeny_lower_bound = aggregation.kemeny_lower_bound;
  result.axis_aggregation = std::string(axis_aggregation_name(options.matrix.axes));
  result.material_rule = std::string(material_rule_name(options.matrix.material));
  result.borderline_band = options.matrix.borderline_band;
  result.roll_up = std::string(roll_up_name(options.matrix.roll_up));
  result.composite_top = options.matrix.composite_top;
  result.names = std::move(columns.names);  // the ids of columns.names_of_entry_flat
  result.synthetic_input = dataset.synthetic;

  // The matrix axes need the rankings and the composite aggregation only: they are worked out
  // beside the issues' listings (an error, such as a usage error of an axis aggregation, is
  // raised where it was, before anything below is used).
  detail::Concurrent<AxisValues> axes_worked_out(
      [&] {
        return aggregate_axes(
            rankings, dataset, n_issues, universe, aggregate_options, options.matrix.axes,
            KnownAggregation{&table, &aggregation, /*of_these_rankings=*/true}, execution);
      },
      concurrently);
  std::vector<IssueResult> issues(n_issues);
  // A raw name resolves to one column: count its uses, and list each column's names once.
  std::vector<int> name_count(result.names.size(), 0);
  std::vector<std::vector<std::uint32_t>> names_of_column(n_issues);
  // Each issue's listings sized at once: growing 2,000 vectors entry by entry copied and
  // page-faulted about twice the memory they end with.
  // A topic's attention counts the firms that list any of its children, from their listings:
  // with topics in the taxonomy they are kept whatever the option says.
  const bool keep_listings =
      options.keep_listings ||
      std::any_of(dataset.taxonomy.issues.begin(), dataset.taxonomy.issues.end(),
                  [](const Issue& issue) { return issue.is_topic; });
  result.has_listings = keep_listings;
  if (keep_listings) {
    std::vector<std::size_t> listing_count(n_issues, 0);
    for (const FirmRanking& ranking : rankings)
      for (std::size_t c : ranking.issue)
        ++listing_count[c];
    for (std::size_t c = 0; c < n_issues; ++c)
      issues[c].listings.reserve(listing_count[c]);
  }
  result.firms.reserve(n_firms);
  std::size_t flat = 0;
  for (std::size_t f = 0; f < n_firms; ++f) {
    const FirmAssessment& firm = dataset.firms[f];
    const FirmRanking& ranking = rankings[f];
    result.firms.push_back({firm.id, firm.name, firm.segment, firm.weight, ranking.size()});
    for (std::size_t e = 0; e < ranking.size(); ++e, ++flat) {
      std::size_t c = ranking.issue[e];
      IssueResult& issue = issues[c];
      issue.attention += 1;
      std::uint32_t name = columns.names_of_entry_flat[flat];
      if (name_count[name]++ == 0) names_of_column[c].push_back(name);
      if (keep_listings)
        issue.listings.push_back({static_cast<std::uint32_t>(f), name, ranking.rank[e],
                                  ranking.stakeholder[e], ranking.business[e]});
    }
  }

  detail::stage_mark("listings");
  AxisValues axes = axes_worked_out.get();
  // What is left to do needs none of these: a worker frees them (30,000 small vectors and the
  // normalizer's index were 3 ms of a 5,000-firm run's return) while the result is finished.
  detail::free_concurrently(concurrently, std::move(rankings), std::move(table),
                            std::move(normalizer), std::move(columns.firm_columns),
                            std::move(columns.names_of_entry_flat));
  MatrixPlacement placement = place_on_matrix(axes.stakeholder, axes.business, options.matrix);
  detail::stage_mark("axes");
  result.stakeholder_threshold = placement.stakeholder_threshold;
  result.business_threshold = placement.business_threshold;
  result.threshold_rule = std::isnan(options.matrix.stakeholder_threshold) ||
                                  std::isnan(options.matrix.business_threshold)
                              ? options.matrix.axis_tiers.to_string()
                              : "fixed";
  for (std::size_t c = 0; c < n_issues; ++c) {
    IssueResult& issue = issues[c];
    const Issue& source = columns.issue[c];
    issue.id = source.id;
    issue.name = source.display_name();
    issue.name_en = source.name_en;
    issue.category = source.category;
    issue.parent = source.parent;
    issue.is_topic = source.is_topic;
    issue.attention_share = static_cast<double>(issue.attention) / static_cast<double>(n_firms);
    issue.score = aggregation.score[c];
    issue.importance = axes.importance[c];
    issue.stakeholder = axes.stakeholder[c];
    issue.business = axes.business[c];
    issue.quadrant = placement.quadrant[c];
    issue.material = placement.material[c];
    issue.borderline = placement.borderline[c];
    std::vector<std::pair<int, std::uint32_t>> uses;
    for (std::uint32_t name : names_of_column[c])
      uses.emplace_back(name_count[name], name);
    std::sort(uses.begin(), uses.end(), [&](const auto& a, const auto& b) {
      if (a.first != b.first) return a.first > b.first;
      return result.names[a.second] < result.names[b.second];
    });
    for (auto [count, name] : uses)
      issue.merged_names.push_back(result.names[name]);
  }

  detail::stage_mark("issues");
  // Order: score (best first), then attention, then id, so output is stable.
  std::vector<std::size_t> order(n_issues);
  for (std::size_t c = 0; c < n_issues; ++c)
    order[c] = c;
  const bool higher = aggregation.higher_is_better;
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    double sa = issues[a].score, sb = issues[b].score;
    if (sa != sb) return higher ? sa > sb : sa < sb;
    if (issues[a].attention != issues[b].attention)
      return issues[a].attention > issues[b].attention;
    return issues[a].id < issues[b].id;
  });
  Tiering tiering = assign_tiers(aggregation.score, order, higher, options.tiers);
  result.tier_breaks = tiering.breaks;
  result.gvf = tiering.gvf;
  for (std::size_t position = 0; position < n_issues; ++position) {
    IssueResult& issue = issues[order[position]];
    issue.rank = static_cast<int>(position + 1);
    issue.tier = tiering.tier[order[position]];
  }

  detail::stage_mark("tiers");
  set_composite(issues, order, options.matrix, result);

  // Topic roll-up (docs/method.md §4): never nets one child against another.
  result.topics = roll_up_topics(issues, dataset.taxonomy, n_firms, tiering.breaks, higher,
                                 options.matrix, placement);

  detail::stage_mark("topics");
  result.issues.reserve(n_issues);
  for (std::size_t position = 0; position < n_issues; ++position)
    result.issues.push_back(std::move(issues[order[position]]));
  result.warnings.insert(result.warnings.end(), name_warnings.begin(), name_warnings.end());
  for (const auto& firm : dataset.firms)
    if (firm.weight == 0)
      result.warnings.push_back("firm \"" + firm.id + "\" has weight 0 and does not count");
  detail::stage_mark("result");
  return result;
}

std::vector<const IssueResult*> double_materiality_ranking(const Result& result) {
  std::vector<const IssueResult*> items;
  for (const auto& topic : result.topics)
    items.push_back(&topic);
  for (const auto& issue : result.issues) {
    bool rolled_up = false;
    for (const auto& topic : result.topics)
      if (topic.id == issue.parent || topic.id == issue.id) rolled_up = true;
    if (!rolled_up) items.push_back(&issue);
  }
  auto weaker = [](const IssueResult* i) { return std::fmin(i->stakeholder, i->business); };
  std::stable_sort(items.begin(), items.end(), [&](const IssueResult* a, const IssueResult* b) {
    if (weaker(a) != weaker(b)) return weaker(a) > weaker(b);
    if (a->stakeholder + a->business != b->stakeholder + b->business)
      return a->stakeholder + a->business > b->stakeholder + b->business;
    return a->id < b->id;
  });
  return items;
}

}  // namespace materia
