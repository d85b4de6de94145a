#pragma once
// The materia command line: one function per verb registers its subcommand on the app.

#include <memory>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include <CLI/CLI.hpp>

namespace materia::cli {

/// Output formats every verb offers.
enum class Format { table, json, csv };

/// Adds `--format json|csv|table` (default table) to a subcommand.
void add_format_option(CLI::App& command, Format& format);
/// Writes `content` to `path` atomically, or to stdout when `path` is empty.
void emit(const std::string& content, const std::string& path);

/// Keeps `value` alive until the process ends and never destroys it. A verb runs once and the
/// process exits: freeing a market's data one string at a time (200,000 names, their rankings
/// and listings) was a tenth of an analysis, work the kernel does at once when the process ends.
/// The objects stay reachable from a static, so leak checkers do not report them.
template <typename T>
void keep_until_exit(T&& value) {
  static auto* kept = new std::vector<std::shared_ptr<void>>();
  kept->push_back(std::make_shared<std::decay_t<T>>(std::forward<T>(value)));
}

void add_analyze_command(CLI::App& app);
void add_normalize_command(CLI::App& app);
void add_breaks_command(CLI::App& app);
void add_agreement_command(CLI::App& app);
void add_explain_command(CLI::App& app);
void add_report_command(CLI::App& app);
void add_disclosure_command(CLI::App& app);
void add_score_command(CLI::App& app);
void add_assess_command(CLI::App& app);
void add_survey_command(CLI::App& app);

}  // namespace materia::cli
