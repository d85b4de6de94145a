#pragma once
// The materia command line: one function per verb registers its subcommand on the app.

#include <memory>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include <CLI/CLI.hpp>

#include "materia/model/taxonomy.hpp"
#include "materia/run/render.hpp"

namespace materia::cli {

/// Writes `content` to `path` atomically, or to stdout when `path` is empty or "-".
void emit(const std::string& content, const std::string& path);

/// Where a verb writes (-o/--output) and in which format (--format json|csv|table).
struct Output {
  std::string path;
  Format format = Format::table;

  void write(const std::string& content) const { emit(content, path); }
  /// Writes what `materia::render` makes of `value` in the chosen format.
  template <class Value>
  void print(const Value& value) const {
    write(render(value, format));
  }
};
/// Adds -o/--output and --format (default `output.format`) to a subcommand.
void add_output_options(CLI::App& command, Output& output);

/// A verb's subcommand and its options. CLI11 binds each option to a member's address, so the
/// options live on the heap, shared with the callback that reads them. add_file binds a
/// `std::string file` member of `Options`, run an `Output output` member.
template <class Options>
struct Verb {
  std::shared_ptr<Options> options = std::make_shared<Options>();
  CLI::App* command;

  Verb(CLI::App& app, const std::string& name, const std::string& description)
      : command(app.add_subcommand(name, description)) {}

  /// Adds the FILE positional, bound to `options->file`.
  CLI::Option* add_file(const std::string& help) { return option("file", &Options::file, help); }
  /// Adds option `name` (CLI11 syntax: "--classes,-k"), bound to `options->*member`.
  template <class T>
  CLI::Option* option(const std::string& name, T Options::*member, const std::string& help) {
    return command->add_option(name, (*options).*member, help);
  }
  CLI::Option* flag(const std::string& name, bool Options::*member, const std::string& help) {
    return command->add_flag(name, (*options).*member, help);
  }
  /// Has the subcommand call `body(options)` when it is given.
  template <class Body>
  void on_given(Body body) {
    command->callback([shared = options, body] { body(*shared); });
  }
  /// Adds -o/--output and --format (after the verb's own options, as help lists them), then
  /// on_given(body).
  template <class Body>
  void run(Body body) {
    add_output_options(*command, options->output);
    on_given(std::move(body));
  }
};

/// Keeps `value` alive until the process ends and never destroys it. A verb runs once and the
/// process exits: freeing a market's data one string at a time (200,000 names, their rankings
/// and listings) is work the kernel does at once when the process ends. The objects stay
/// reachable from a static, so leak checkers do not report them.
template <typename T>
void keep_until_exit(T&& value) {
  static auto* kept = new std::vector<std::shared_ptr<void>>();
  kept->push_back(std::make_shared<std::decay_t<T>>(std::forward<T>(value)));
}

/// A built-in taxonomy by name, "none", or a taxonomy JSON file (a name holding "/" or ending
/// in ".json").
Taxonomy taxonomy_named(const std::string& name);

void add_analyze_command(CLI::App& app);
void add_taxonomy_command(CLI::App& app);
void add_normalize_command(CLI::App& app);
void add_breaks_command(CLI::App& app);
void add_agreement_command(CLI::App& app);
void add_explain_command(CLI::App& app);
void add_report_command(CLI::App& app);
void add_disclosure_command(CLI::App& app);
void add_score_command(CLI::App& app);
void add_assess_command(CLI::App& app);
void add_survey_command(CLI::App& app);
void add_compare_command(CLI::App& app);
void add_benchmark_command(CLI::App& app);
void add_extract_command(CLI::App& app);

}  // namespace materia::cli
