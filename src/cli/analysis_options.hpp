#pragma once
// The flags of the verbs that run an analysis (analyze, explain, agreement, report): the dataset
// (FILE, --sample, --taxonomy) and every option of a request (materia/run/request.hpp), so each
// of them takes exactly the flags of the others.

#include <vector>

#include <CLI/CLI.hpp>

#include "cli/commands.hpp"
#include "materia/run/request.hpp"
#include "materia/run/run.hpp"

namespace materia::cli {

/// The flags of a list of declared options: one value per option (in the list's order), of the
/// option's type, and the CLI11 option that tells whether it was given.
struct DeclaredFlags {
  std::vector<FlagValue> values;
  std::vector<const CLI::Option*> options;
};
/// Adds one flag per option of `declared`, bound to `flags`.
void add_declared_flags(CLI::App& command, const std::vector<RequestOption>& declared,
                        DeclaredFlags& flags);
/// Sets each given flag on `target` with set_option_from_flag (request.hpp, run/compare.hpp).
template <class Target>
void apply_declared_flags(const DeclaredFlags& flags, const std::vector<RequestOption>& declared,
                          Target& target) {
  for (std::size_t i = 0; i < declared.size(); ++i) {
    const CLI::Option* given = flags.options[i];
    if (given->count() == 0) continue;
    const auto& typed = given->results();
    set_option_from_flag(target, declared[i], flags.values[i],
                         typed.empty() ? std::string() : typed.back());
  }
}

struct AnalysisFlags {
  DatasetSource source;   ///< its `reading` is set from `load` once the command line is parsed
  DeclaredFlags load;     ///< load_options()
  DeclaredFlags request;  ///< request_options()
};
/// Adds FILE (positional), --sample, --taxonomy, one flag per load option (how the file is
/// read) and one per request option.
void add_analysis_options(CLI::App& command, AnalysisFlags& flags);
/// The request the flags given ask for (the others keep their defaults), with a progress bar
/// for the bootstrap when standard error is a terminal. Throws Error(usage) in the flags' words,
/// Error(input) for alias files.
Request to_request(const AnalysisFlags& flags);

/// A verb that runs an analysis: its analysis flags bound to `options->analysis`.
template <class Options>
Verb<Options> analysis_verb(CLI::App& app, const std::string& name,
                            const std::string& description) {
  Verb<Options> verb(app, name, description);
  add_analysis_options(*verb.command, verb.options->analysis);
  return verb;
}

}  // namespace materia::cli
