// materia explain (FILE | --sample NAME) ISSUE: why an issue stands where it stands.
#include <cmath>
#include <sstream>

#include "cli/analysis_options.hpp"
#include "cli/commands.hpp"
#include "materia/analyze/analyze.hpp"
#include "materia/error.hpp"
#include "materia/explain/explain.hpp"
#include "materia/text/text.hpp"

namespace materia::cli {

namespace {

std::string fixed(double value, int digits) {
  if (!std::isfinite(value)) return "-";
  std::ostringstream out;
  out.setf(std::ios::fixed);
  out.precision(digits);
  out << value;
  return out.str();
}

std::string as_table(const Explanation& why) {
  std::ostringstream out;
  out << why.name << " (" << why.id << ")" << (why.name_en.empty() ? "" : " — " + why.name_en)
      << "\n";
  out << "method " << why.method << ": score " << fixed(why.score, 4) << ", rank " << why.rank
      << ", tier " << why.tier << " of " << why.tier_count << ", listed by " << why.attention
      << " firms\n";
  out << "tier boundaries: below " << fixed(why.boundary_below, 4) << " (margin "
      << fixed(why.margin_below, 4) << "), above " << fixed(why.boundary_above, 4) << " (margin "
      << fixed(why.margin_above, 4) << ")\n";
  out << "matrix: stakeholder " << fixed(why.stakeholder, 3) << ", business "
      << fixed(why.business, 3) << " (thresholds " << fixed(why.stakeholder_threshold, 3) << ", "
      << fixed(why.business_threshold, 3) << ") -> " << why.quadrant
      << (why.material ? ", material" : "") << (why.borderline ? ", borderline: review" : "")
      << "\n";
  if (std::isfinite(why.composite))
    out << "composite importance " << fixed(why.composite, 4) << "\n";
  if (!why.tier_probability.empty()) {
    out << "bootstrap: 95% rank interval [" << fixed(why.rank_low, 1) << ", "
        << fixed(why.rank_high, 1) << "], P(tier):";
    for (std::size_t t = 0; t < why.tier_probability.size(); ++t)
      out << " " << t + 1 << ": " << fixed(why.tier_probability[t], 3);
    out << "\n";
  }
  if (!why.influential_firm.empty())
    out << "leave-one-out: without " << why.influential_firm << " its rank moves by "
        << fixed(why.influential_shift, 0) << "\n";
  out << "names merged:";
  for (const auto& use : why.merged_names)
    out << " \"" << use.name << "\" (" << use.firms << ", " << use.match
        << (use.match == "fuzzy" ? " " + fixed(use.score, 2) : "") << ")";
  out << "\n";
  if (why.is_topic) {
    out << "topic: its values roll up (" << why.roll_up << ") from its children\n"
        << "child  rank  tier  attention  score  stakeholder  business\n";
    for (const auto& child : why.child_parts)
      out << child.name << " (" << child.id << ")  " << child.rank << "  " << child.tier << "  "
          << child.attention << "  " << fixed(child.score, 4) << "  " << fixed(child.stakeholder, 3)
          << "  " << fixed(child.business, 3) << "\n";
    return out.str();
  }
  out << "firm  rank  of  stakeholder  business  value  contribution  name used\n";
  for (const auto& firm : why.firms)
    out << firm.firm << "  " << (firm.listed ? fixed(firm.rank, 1) : "-") << "  "
        << firm.list_length << "  " << fixed(firm.stakeholder, 3) << "  " << fixed(firm.business, 3)
        << "  " << fixed(firm.value, 4) << "  " << fixed(firm.contribution, 5) << "  "
        << firm.name_used << "\n";
  out << "sum of contributions " << fixed(why.contributions_sum, 6)
      << (why.contributions_add_up ? " (= the score)"
                                   : " (the method's score is not a sum over firms: each "
                                     "contribution is the firm's weighted share of its value)")
      << "\n";
  return out.str();
}

}  // namespace

void add_explain_command(CLI::App& app) {
  struct Options {
    AnalysisFlags analysis;
    std::string issue, output;
    Format format = Format::table;
  };
  auto options = std::make_shared<Options>();
  CLI::App* command = app.add_subcommand(
      "explain", "Why an issue ranks where it does: names merged, each firm's part, tier margins");
  add_analysis_options(*command, options->analysis);
  command->add_option("issue", options->issue, "Issue id, name, or any name merged into it");
  command->add_option("-o,--output", options->output, "Write to this file instead of stdout");
  add_format_option(*command, options->format);
  command->callback([options] {
    // with --sample the one positional argument is the issue
    if (!options->analysis.sample.empty() && options->issue.empty())
      std::swap(options->issue, options->analysis.file);
    if (options->issue.empty()) throw_usage_error("name the ISSUE to explain");
    Dataset dataset = load_dataset(options->analysis);
    AnalyzeOptions analyze_options = to_analyze_options(options->analysis);
    Result result = analyze(dataset, analyze_options, to_execution(options->analysis));
    run_uncertainty(dataset, analyze_options, options->analysis.uncertainty, result);
    Explanation why = explain(dataset, result, analyze_options, options->issue);
    if (options->format == Format::table)
      emit(as_table(why), options->output);
    else
      emit(to_json(why).dump(2) + "\n", options->output);
  });
}

}  // namespace materia::cli
