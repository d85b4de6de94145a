#include "materia/run/sensitivity.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <exception>
#include <limits>
#include <numeric>
#include <utility>

#include <nlohmann/json.hpp>

#include "analyze/result_table.hpp"
#include "base/csv.hpp"
#include "base/json_members.hpp"
#include "base/number_text.hpp"
#include "materia/aggregate/aggregate.hpp"
#include "materia/error.hpp"
#include "materia/stats/stats.hpp"
#include "materia/tier/tier.hpp"
#include "output/text_table.hpp"
#include "run/in_format.hpp"
#include "runtime/parallel.hpp"

namespace materia {

std::vector<int> competition_ranks(const std::vector<double>& scores, bool higher_is_better) {
  // NaN sorts after every number, whichever way is better.
  auto better = [higher_is_better](double a, double b) {
    if (std::isnan(a) || std::isnan(b)) return !std::isnan(a) && std::isnan(b);
    return higher_is_better ? a > b : a < b;
  };
  std::vector<std::size_t> order(scores.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return better(scores[a], scores[b]); });
  std::vector<int> rank(scores.size());
  for (std::size_t position = 0; position < order.size(); ++position) {
    const std::size_t i = order[position];
    const bool tied = position > 0 && !better(scores[order[position - 1]], scores[i]);
    rank[i] = tied ? rank[order[position - 1]] : static_cast<int>(position + 1);
  }
  return rank;
}

std::string SensitivityVariant::label() const {
  return kind == "universe" ? "N=" + std::to_string(universe) : method;
}

namespace {

// The universes tried with the main method: distinct issues, taxonomy size, twice that (twice
// the distinct issues without a taxonomy), each once, in that order.
std::vector<std::size_t> universes_to_try(const Dataset& dataset, std::size_t distinct) {
  const std::size_t taxonomy =
      dataset.taxonomy.is_open_vocabulary() ? 0 : dataset.taxonomy.issue_count();
  std::vector<std::size_t> candidates = {distinct};
  if (taxonomy > 0)
    candidates.insert(candidates.end(), {taxonomy, 2 * taxonomy});
  else
    candidates.push_back(2 * distinct);
  std::vector<std::size_t> universes;
  for (std::size_t n : candidates)
    if (std::find(universes.begin(), universes.end(), n) == universes.end()) universes.push_back(n);
  return universes;
}

// Why `method` cannot run on these firms' weights, or "" (rra and stuart count a firm w times).
std::string weight_reason(const Dataset& dataset, Method method) {
  if (method != Method::rra && method != Method::stuart) return "";
  for (const FirmAssessment& firm : dataset.firms)
    if (firm.weight != std::floor(firm.weight))
      return "firm \"" + firm.id + "\" has weight " + detail::shortest_number(firm.weight) +
             ", not a whole number; " + std::string(method_name(method)) + " counts a firm w times";
  return "";
}

// Ranks and tiers of one variant's scores (`score_of_column`, in analyze()'s column order) by
// Result::issues position. Tiers follow analyze(): the order is by score, then attention, then
// id, and the main analysis's tier spec cuts it.
void rank_and_tier(const Aggregation& aggregation, const std::vector<std::size_t>& column_of,
                   const Result& main, const TierSpec& tiers, SensitivityVariant& variant) {
  const RankingScores ranking = ranking_scores(aggregation);
  std::vector<double> score(column_of.size());
  for (std::size_t i = 0; i < column_of.size(); ++i)
    score[i] = ranking.values[column_of[i]];
  const bool higher = ranking.higher_is_better;
  std::vector<std::size_t> order(score.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    if (score[a] != score[b]) return higher ? score[a] > score[b] : score[a] < score[b];
    if (main.issues[a].attention != main.issues[b].attention)
      return main.issues[a].attention > main.issues[b].attention;
    return main.issues[a].id < main.issues[b].id;
  });
  variant.rank = competition_ranks(score, higher);
  const std::vector<double> p_by_column = p_values(aggregation);
  std::vector<double> p;  // by Result::issues position, as `score`
  for (std::size_t i = 0; i < column_of.size() && !p_by_column.empty(); ++i)
    p.push_back(p_by_column[column_of[i]]);
  variant.tier = assign_tiers(score, order, higher, tiers, p.empty() ? nullptr : &p).tier;
}

// The column of each issue of `main` in analyze()'s rank table: issues in the order the firms
// first list them (normalize/columns.hpp), which is the order of their first-used raw names, as
// Result::names are numbered by first use. The kemeny heuristic depends on the column order, so
// the variants aggregate in analyze()'s.
std::vector<std::size_t> analyze_columns(const Result& main) {
  const std::size_t n = main.issues.size();
  std::vector<std::uint32_t> first_name(n, std::numeric_limits<std::uint32_t>::max());
  for (std::size_t i = 0; i < n; ++i)
    for (const Listing& listing : main.issues[i].listings)
      first_name[i] = std::min(first_name[i], listing.name);
  std::vector<std::size_t> order(n);
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return first_name[a] < first_name[b]; });
  std::vector<std::size_t> column_of(n);
  for (std::size_t c = 0; c < n; ++c)
    column_of[order[c]] = c;
  return column_of;
}

}  // namespace

Sensitivity sensitivity(const Dataset& dataset, const AnalyzeOptions& options,
                        const Execution& execution) {
  AnalyzeOptions main_options = options;
  main_options.keep_listings = true;  // the rank table is rebuilt from them
  const Result main = analyze(dataset, main_options, execution);

  Sensitivity out;
  out.method = main.method;
  out.universe = main.universe;
  out.tiers = main.tiers;
  out.warnings = main.warnings;
  const std::size_t n = main.issues.size();
  std::vector<int> main_rank(n);
  for (std::size_t i = 0; i < n; ++i) {
    main_rank[i] = main.issues[i].rank;  // the competition rank: ties share it
    out.issues.push_back(
        {main.issues[i].id, main.issues[i].name, main_rank[i], main.issues[i].tier});
  }

  for (const std::string& name : method_names()) {
    SensitivityVariant variant;
    variant.kind = "method";
    variant.method = name;
    variant.universe = main.universe;
    variant.main = parse_method(name) == options.method;
    out.variants.push_back(std::move(variant));
  }
  for (std::size_t universe : universes_to_try(dataset, n)) {
    SensitivityVariant variant;
    variant.kind = "universe";
    variant.method = main.method;
    variant.universe = universe;
    variant.main = universe == main.universe;
    if (universe < n)
      variant.reason = "N = " + std::to_string(universe) + " is smaller than the " +
                       std::to_string(n) + " distinct issues in the data";
    out.variants.push_back(std::move(variant));
  }

  // The main analysis's rank table, built once, with analyze()'s columns.
  const std::vector<std::size_t> column_of = analyze_columns(main);
  detail::Base base = detail::base_of(dataset, main);
  for (auto& entries : base.entries) {
    for (auto& entry : entries)
      entry.first = static_cast<int>(column_of[static_cast<std::size_t>(entry.first)]);
    std::sort(entries.begin(), entries.end());
  }
  const RankTable table = detail::full_table_of(base);
  // Each variant writes only its own entry; a variant's own failure is its reason, so the
  // outcome does not depend on the threads.
  std::vector<std::exception_ptr> failure = detail::parallel_for_keeping_errors(
      out.variants.size(), execution.threads, [&](std::size_t v) {
        SensitivityVariant& variant = out.variants[v];
        if (!variant.ran()) return;
        if (variant.main) {
          variant.rank = main_rank;
          variant.tier.resize(n);
          for (std::size_t i = 0; i < n; ++i)
            variant.tier[i] = main.issues[i].tier;
          return;
        }
        AggregateOptions aggregate_options = detail::aggregate_options_of(options);
        aggregate_options.method = parse_method(variant.method);
        if (aggregate_options.method != Method::rra) {
          aggregate_options.rra_top_cutoff = false;
          aggregate_options.rra_exact = false;
        }
        if (aggregate_options.method != Method::plackett_luce) aggregate_options.pl_prior.reset();
        if (aggregate_options.method != Method::mc4) aggregate_options.mc4_teleport.reset();
        variant.reason = weight_reason(dataset, aggregate_options.method);
        if (!variant.ran()) return;
        try {
          if (variant.universe == table.universe) {
            rank_and_tier(aggregate(table, aggregate_options, execution), column_of, main,
                          options.tiers, variant);
          } else {
            RankTable other_universe = table;
            other_universe.universe = variant.universe;
            rank_and_tier(aggregate(other_universe, aggregate_options, execution), column_of, main,
                          options.tiers, variant);
          }
        } catch (const Error& error) {
          if (error.kind() == ErrorKind::internal) throw;
          variant.reason = error.message();
          variant.rank.clear();
          variant.tier.clear();
        }
      });
  for (const std::exception_ptr& error : failure)
    if (error) std::rethrow_exception(error);

  std::vector<double> main_values(main_rank.begin(), main_rank.end());
  for (SensitivityVariant& variant : out.variants) {
    if (!variant.ran()) continue;
    std::vector<double> values(variant.rank.begin(), variant.rank.end());
    variant.kendall_tau_b = kendall_tau_b(main_values, values);
    variant.spearman_rho = spearman_rho(main_values, values);
    variant.tier_changes = 0;
    for (std::size_t i = 0; i < n; ++i)
      variant.tier_changes += variant.tier[i] != out.issues[i].tier ? 1 : 0;
  }
  return out;
}

namespace {

using ojson = nlohmann::ordered_json;

std::string fixed_or_dash(double value) {
  return std::isfinite(value) ? detail::fixed_number(value, 3) : "-";
}

ojson to_json(const Sensitivity& s) {
  ojson out;
  out["method"] = s.method;
  out["universe"] = s.universe;
  out["tiers"] = s.tiers;
  out["warnings"] = s.warnings;
  out["variants"] = ojson::array();
  for (const SensitivityVariant& v : s.variants)
    out["variants"].push_back({{"label", v.label()},
                               {"kind", v.kind},
                               {"method", v.method},
                               {"universe", v.universe},
                               {"main", v.main},
                               {"ran", v.ran()},
                               {"reason", v.ran() ? ojson(nullptr) : ojson(v.reason)},
                               {"kendall_tau_b", detail::finite_or_null(v.kendall_tau_b)},
                               {"spearman_rho", detail::finite_or_null(v.spearman_rho)},
                               {"tier_changes", v.ran() ? ojson(v.tier_changes) : ojson(nullptr)}});
  out["issues"] = ojson::array();
  for (std::size_t i = 0; i < s.issues.size(); ++i) {
    const Sensitivity::Issue& issue = s.issues[i];
    ojson under = ojson::array();
    for (std::size_t v = 0; v < s.variants.size(); ++v) {
      const SensitivityVariant& variant = s.variants[v];
      if (!variant.ran()) {
        under.push_back(nullptr);
        continue;
      }
      under.push_back({{"rank", variant.rank[i]},
                       {"tier", variant.tier[i]},
                       {"tier_changed", s.tier_changed(v, i)}});
    }
    out["issues"].push_back({{"id", issue.id},
                             {"name", issue.name},
                             {"rank", issue.rank},
                             {"tier", issue.tier},
                             {"variants", std::move(under)}});
  }
  return out;
}

std::string to_csv(const Sensitivity& s) {
  std::string out =
      "issue,name,main_rank,main_tier,variant,kind,method,universe,rank,tier,tier_changed,"
      "kendall_tau_b,spearman_rho,tier_changes,reason\n";
  for (std::size_t i = 0; i < s.issues.size(); ++i) {
    const Sensitivity::Issue& issue = s.issues[i];
    for (std::size_t v = 0; v < s.variants.size(); ++v) {
      const SensitivityVariant& variant = s.variants[v];
      const bool ran = variant.ran();
      out += detail::csv_field(issue.id) + "," + detail::csv_field(issue.name) + "," +
             std::to_string(issue.rank) + "," + std::to_string(issue.tier) + "," +
             detail::csv_field(variant.label()) + "," + variant.kind + "," +
             detail::csv_field(variant.method) + "," + std::to_string(variant.universe) + "," +
             (ran ? std::to_string(variant.rank[i]) : "") + "," +
             (ran ? std::to_string(variant.tier[i]) : "") + "," +
             (ran ? (s.tier_changed(v, i) ? "true" : "false") : "") + "," +
             detail::shortest_number(variant.kendall_tau_b) + "," +
             detail::shortest_number(variant.spearman_rho) + "," +
             (ran ? std::to_string(variant.tier_changes) : "") + "," +
             detail::csv_field(variant.reason) + "\n";
    }
  }
  return out;
}

std::string to_table(const Sensitivity& s) {
  std::string out = "method sensitivity of " + s.method + ", N = " + std::to_string(s.universe) +
                    ", tiers " + s.tiers + "\n\n";
  detail::TextTable summary({"variant", "N", "tau-b", "rho", "tier changes", "note"},
                            {false, true, true, true, true, false});
  for (const SensitivityVariant& v : s.variants)
    summary.add({v.label(), std::to_string(v.universe), fixed_or_dash(v.kendall_tau_b),
                 fixed_or_dash(v.spearman_rho), v.ran() ? std::to_string(v.tier_changes) : "-",
                 v.main    ? "main analysis"
                 : v.ran() ? ""
                           : "not run: " + v.reason});
  out += summary.render();
  out += "\nrank/tier under each variant (* = tier differs from the main analysis)\n";
  std::vector<std::string> header = {"issue", "main"};
  std::vector<bool> right = {false, true};
  std::vector<std::size_t> shown;
  for (std::size_t v = 0; v < s.variants.size(); ++v)
    if (s.variants[v].ran()) {
      shown.push_back(v);
      header.push_back(s.variants[v].label());
      right.push_back(true);
    }
  detail::TextTable issues(std::move(header), std::move(right));
  for (std::size_t i = 0; i < s.issues.size(); ++i) {
    const Sensitivity::Issue& issue = s.issues[i];
    std::vector<std::string> row = {issue.name,
                                    std::to_string(issue.rank) + "/" + std::to_string(issue.tier)};
    for (std::size_t v : shown)
      row.push_back(std::to_string(s.variants[v].rank[i]) + "/" +
                    std::to_string(s.variants[v].tier[i]) + (s.tier_changed(v, i) ? "*" : " "));
    issues.add(std::move(row));
  }
  out += issues.render();
  // The last column's padding and an empty note leave spaces at line ends.
  std::string trimmed;
  for (std::size_t start = 0; start < out.size();) {
    const std::size_t end = out.find('\n', start);
    std::string line = out.substr(start, end - start);
    line.erase(line.find_last_not_of(' ') + 1);
    trimmed += line + "\n";
    start = end + 1;
  }
  return trimmed;
}

}  // namespace

std::string render(const Sensitivity& sensitivity, Format format) {
  return in_format(
      format, [&] { return to_csv(sensitivity); }, [&] { return to_table(sensitivity); },
      [&] { return to_json(sensitivity).dump(2) + "\n"; });
}

}  // namespace materia
