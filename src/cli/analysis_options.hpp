#pragma once
// Command-line flags shared by the verbs that run an analysis (analyze, explain, agreement):
// the matrix options, and for the newer verbs the whole dataset + method set.

#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "materia/analyze/analyze.hpp"
#include "materia/model/dataset.hpp"

namespace materia::cli {

/// Matrix flags as typed on the command line.
struct MatrixFlags {
  double stakeholder_threshold = std::numeric_limits<double>::quiet_NaN();
  double business_threshold = std::numeric_limits<double>::quiet_NaN();
  double borderline_band = 0.05;
  std::string axes = "method", axis_tiers = "fisher:2", material = "either", roll_up = "max";
  std::size_t composite_top = 0;
  double composite_attention_threshold = std::numeric_limits<double>::quiet_NaN();
  double composite_importance_threshold = std::numeric_limits<double>::quiet_NaN();
};
/// Adds --stakeholder-threshold, --business-threshold, --axes, --axis-tiers, --borderline-band,
/// --material, --composite-top, --composite-attention-threshold, --composite-importance-threshold
/// and --roll-up.
void add_matrix_options(CLI::App& command, MatrixFlags& flags);
/// Checks and converts; throws Error(usage).
MatrixOptions to_matrix_options(const MatrixFlags& flags);

/// Uncertainty flags: --bootstrap B --seed S --threads T --leave-one-out (--threads is the
/// analysis' thread count too).
struct UncertaintyFlags {
  std::size_t bootstrap = 0;
  std::uint64_t seed = 1;
  unsigned threads = 0;
  bool leave_one_out = false;
};
void add_uncertainty_options(CLI::App& command, UncertaintyFlags& flags);
/// Runs what the flags ask for on `result` (a progress bar on stderr when it is a terminal).
void run_uncertainty(const Dataset& dataset, const AnalyzeOptions& options,
                     const UncertaintyFlags& flags, Result& result);

/// The dataset and analysis flags of `analyze`, for verbs that re-run an analysis.
struct AnalysisFlags {
  std::string file, sample, method = "borda-normalized", tiers = "fisher:3", taxonomy,
                            combine = "sum";
  std::size_t universe = 0;
  bool rra_top_cutoff = false, rra_exact = false;
  std::vector<std::string> aliases;  ///< alias files, in order
  bool strict = false;
  double fuzzy_threshold = NormalizeOptions{}.threshold;
  MatrixFlags matrix;
  UncertaintyFlags uncertainty;
};
/// Adds FILE (positional), --sample, --method, --rra-top-cutoff, --rra-exact, --tiers,
/// --universe, --taxonomy, --combine, --aliases, --strict, --fuzzy-threshold, the matrix and
/// (with_uncertainty) the uncertainty flags: every verb that analyzes takes the same flags.
void add_analysis_options(CLI::App& command, AnalysisFlags& flags, bool with_uncertainty = true);
/// The dataset named by FILE or --sample.
/// `validate = false` when analyze() runs right after (it validates with the same errors).
Dataset load_dataset(const AnalysisFlags& flags, bool validate = true);
/// The analysis options (alias files read); throws Error(usage), Error(input) for alias files.
AnalyzeOptions to_analyze_options(const AnalysisFlags& flags);
/// What --threads asks for: one count for loading, the analysis and its resampling.
Execution to_execution(const AnalysisFlags& flags);

}  // namespace materia::cli
