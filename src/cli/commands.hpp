#pragma once
// The materia command line: one function per verb registers its subcommand on the app.

#include <string>

#include <CLI/CLI.hpp>

namespace materia::cli {

/// Output formats every verb offers.
enum class Format { table, json, csv };

/// Adds `--format json|csv|table` (default table) to a subcommand.
void add_format_option(CLI::App& command, Format& format);
/// Writes `content` to `path` atomically, or to stdout when `path` is empty.
void emit(const std::string& content, const std::string& path);

void add_analyze_command(CLI::App& app);
void add_normalize_command(CLI::App& app);
void add_report_command(CLI::App& app);
void add_disclosure_command(CLI::App& app);
void add_score_command(CLI::App& app);
void add_assess_command(CLI::App& app);
void add_survey_command(CLI::App& app);

}  // namespace materia::cli
